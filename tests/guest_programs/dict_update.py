# dict(x), d.update(x), OrderedDict(x) and {**x} read any mapping through keys() and [] (patch 0017).
from collections import Counter, OrderedDict, defaultdict, ChainMap
c = Counter(["ab", "ab", "cd"])
print(dict(c), {**c, "x": 0}, list(OrderedDict(c).items()))
dd = defaultdict(list)
dd["k"].append(1)
base = {"a": 1}
base.update(dd)
print(base, dict(ChainMap({"x": 1}, {"y": 2, "x": 9})) == {"x": 1, "y": 2})
class Squares:
    def keys(self):
        return [1, 2, 3]
    def __getitem__(self, k):
        return k * k
print(dict(Squares()), dict([("p", 1), ("q", 2)]), dict(zip("ab", [1, 2])), dict({"z": 1}, y=2))
class Sub(dict):
    pass
s = Sub(a=1, b=2)
print(dict(s), {**s}, sorted(dict(s).items()))
try:
    dict([("a", 1, 2)])
except ValueError:
    print("ValueError")
