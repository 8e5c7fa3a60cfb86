from collections import Counter, OrderedDict, defaultdict, deque, namedtuple

Sale = namedtuple("Sale", ["region", "product", "units", "price"], defaults=[1.0])
sales = [
    Sale("north", "apple", 10, 0.5),
    Sale("south", "pear", 4, 0.75),
    Sale("north", "pear", 7),
    Sale("east", "apple", 3, 0.5),
    Sale._make(["south", "apple", 12, 0.45]),
]
print(sales[2], Sale._fields, Sale._field_defaults)
print(sales[0]._asdict())
print(sales[1]._replace(units=40))

units = Counter()
revenue = defaultdict(float)
for s in sales:
    units[s.product] += s.units
    revenue[s.region] += s.units * s.price
print(units, units.total(), units.most_common(1))
print(sorted(revenue.items()))
print(repr(revenue)[:40])

c1 = Counter("mississippi")
c2 = Counter("missouri")
print(c1 + c2)
print(c1 - c2)
print(c1 & c2, c1 | c2)
print(sorted(c1.elements()))
c1.subtract({"s": 10})
print(c1, +c1, -c1)

od = OrderedDict.fromkeys("abcde", 0)
od.move_to_end("b")
od.move_to_end("e", last=False)
print(od)
print(od.popitem(last=False), od.popitem())
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), dict(a=1, b=2) == dict(b=2, a=1))

recent = deque(maxlen=3)
for event in ["login", "view", "click", "logout", "login"]:
    recent.append(event)
print(recent, recent.maxlen)
d = deque(range(6))
d.rotate(2)
print(d)
d.rotate(-3)
d.extendleft("xy")
print(d, d.index(4), d.count("x"))
d.insert(2, "mid")
d.remove("x")
print(d, len(d), d[0], d[-1])
