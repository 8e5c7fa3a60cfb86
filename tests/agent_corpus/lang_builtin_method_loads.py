# Clean and index product records: methods of built-in types called in loops, names built at run time.
from collections import OrderedDict

records = ["Widget-A 12", "gadget b 7", "ÉCLAIR 3", "Straße 40", "widget-a 5", "", "  Bolt 9  "]
seen = {}
order = []
for raw in records:
    text = raw.strip()
    if not text:
        continue
    name, qty = text.rsplit(" ", 1)
    key = name.lower().replace("-", " ")
    order.append(key.upper())
    seen[key] = seen.get(key, 0) + int(qty)
    seen.setdefault("total", 0)
    seen["total"] += int(qty)
print(seen)
print(order, [k.casefold() for k in order], [k.swapcase() for k in order[:3]])
print("abc-XYZ 09_az@[`{".upper(), "abc-XYZ 09_az@[`{".lower(), "ß and İ".upper(), "ΣΑΣ".lower())

# The same method names on different types, alternating, so each type's table answers its own.
items = [[3, 1, 3], "a3b3", (3, 4, 3), b"3x3", bytearray(b"33")]
for _ in range(3):
    for item in items:
        needle = 3 if not isinstance(item, (str, bytes, bytearray)) else ("3" if isinstance(item, str) else b"3")
        print(type(item).__name__, item.count(needle), item.index(needle), end="; ")
    print()
copies = [x.copy() for x in ([1], {"a": 1}, {2})]
print(copies, {}.fromkeys("ab", 0), "x".maketrans("ab", "cd"), (5).from_bytes(b"\x01\x00", "big"))
print((255).bit_length(), (2.5).is_integer(), (3.75).as_integer_ratio(), "Ab".__class__("cd"))
it = iter([10, 20])
print(it.__next__(), next(it), [1, 2].__len__(), {"k": 1}.__contains__("k"), "ab".__add__("c"))


class Label(str):
    def upper(self):
        return "label:" + self.title()


class Bag(list):
    def append(self, item):
        super().append(item * 2)


lab = Label("tag")
bag = Bag()
for word in ("x", "yz"):
    bag.append(word)
print(lab.upper(), lab.lower(), lab.title(), bag, bag.count("xx"))
od = OrderedDict(a=1)
od.move_to_end("a")
print(od, od.get("a"), od.popitem())

# Names assembled at run time find the built-in ones (their hashes agree with the interned names').
parts = [("ge", "t"), ("co", "py"), ("ind", "ex"), ("app", "end"), ("case", "fold"), ("isnum", "eric"),
         ("setdef", "ault"), ("remove", "prefix"), ("isident", "ifier"), ("expand", "tabs")]
for left, right in parts:
    name = left + right
    owners = [t.__name__ for t in (str, list, dict, bytes) if hasattr(t, name)]
    print(name, len(name), owners)
print(getattr("Tab\tEnd", "expand" + "tabs")(4), getattr("pre_fix", "remove" + "prefix")("pre_"))
print(globals()["rec" + "ords"][0], "upper" in vars(Label), "lower" in vars(Label))

for bad in ("x", [1], {"a": 1}):
    try:
        bad.push(1)
    except AttributeError as e:
        print("AttributeError:", e)
try:
    "text".upper(1)
except TypeError:
    print("TypeError for an extra argument")

# A dict growing through many sizes, with deletions, and lookups of keys built anew each time.
table = {}
for i in range(3000):
    table["k" + str(i)] = i
    if i % 3 == 0:
        del table["k" + str(i // 2)]
print(len(table), sum(table.get("k" + str(i), 0) for i in range(3000)), list(table)[:4], list(table)[-2:])
