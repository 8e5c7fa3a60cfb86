from collections import ChainMap, UserDict, UserList, UserString, namedtuple
import collections.abc as cabc

defaults = {"theme": "light", "lang": "en", "page_size": 20}
env = {"lang": "fr"}
cli = {"page_size": 50}
config = ChainMap(cli, env, defaults)
print(config["theme"], config["lang"], config["page_size"], len(config))
print(sorted(config.keys()), config.maps[1])
child = config.new_child({"theme": "dark"})
print(child["theme"], child.parents["theme"])
print(dict(config))


class LowerDict(UserDict):
    def __setitem__(self, key, value):
        super().__setitem__(key.lower(), value)


ld = LowerDict()
ld["Name"] = "x"
ld.update({"CITY": "Paris"})
print(ld, ld.data, "name" in ld, isinstance(ld, cabc.MutableMapping))


class Stack(UserList):
    def push(self, x):
        self.append(x)


st = Stack([1, 2])
st.push(3)
print(st, st[-1], len(st), st + [4], type(st[:2]).__name__)

us = UserString("hello world")
print(us.upper(), us.title(), len(us), us[::-1], isinstance(us, UserString))

Point = namedtuple("Point", "x y", rename=False)
Row = namedtuple("Row", ["id", "def", "id", "_x"], rename=True)
print(Row._fields, Row(1, 2, 3, 4))
p = Point(3, 4)
print(p, p.x * p.y, tuple(p), p == (3, 4), Point(x=1, y=2))
try:
    Point(1)
except TypeError as e:
    print("TypeError:", e)

print(isinstance([], cabc.Sequence), isinstance({}, cabc.Mapping), isinstance(iter([]), cabc.Iterator))
print(isinstance(p, cabc.Sequence), issubclass(dict, cabc.MutableMapping), isinstance("s", cabc.Hashable))
print(isinstance(len, cabc.Callable), isinstance(set(), cabc.Set), isinstance((x for x in []), cabc.Generator))
