# Rank products and tags with the bound special methods agents reach for (d.__getitem__, str.__len__ ...)
import functools
import json
import operator
from collections import Counter

sales = {"widget": 120, "gadget": 340, "doohickey": 75, "gizmo": 340, "thingamajig": 12}
tags = ["sale", "new", "clearance", "new", "sale", "sale", "bundle"]

ranked = sorted(sales, key=sales.__getitem__, reverse=True)
print("ranking:", ranked)
print("top seller:", max(sales, key=sales.__getitem__))
print("name widths:", list(map(str.__len__, ranked)))
print("total:", functools.reduce(int.__add__, sales.values()))

counts = Counter(tags)
known = {"sale", "new"}
print("known tags:", list(filter(known.__contains__, tags)))
print("by count:", sorted(counts, key=lambda t: (-counts[t], t)))
print("weights:", list(map(operator.mul, [1, 2, 3], [4, 5, 6])), list(map(int.__mul__, [1, 2, 3], [4, 5, 6])))


def describe(value):
    kinds = []
    for name in ("__iter__", "__len__", "__getitem__", "__setitem__", "__add__", "__hash__"):
        attr = getattr(value, name, None)
        kinds.append(name.strip("_") if callable(attr) else "-")
    return " ".join(kinds)


for value in ([1, 2], (1, 2), {"a": 1}, "text", 42, 3.5, {1, 2}, range(3)):
    print(f"{type(value).__name__:>6}: {describe(value)}")


class CaseInsensitiveDict(dict):
    def __setitem__(self, key, value):
        super().__setitem__(key.lower(), value)

    def __getitem__(self, key):
        return super().__getitem__(key.lower())

    def __contains__(self, key):
        return super().__contains__(key.lower())


headers = CaseInsensitiveDict()
headers["Content-Type"] = "application/json"
headers["X-Request-Id"] = "abc123"
print("content-type" in headers, headers["CONTENT-TYPE"], json.dumps(headers, sort_keys=True))


class Version:
    def __init__(self, text):
        self.parts = tuple(int(p) for p in text.split("."))

    def __eq__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts == other.parts

    def __lt__(self, other):
        return self.parts < other.parts

    def __hash__(self):
        return hash(self.parts)

    def __repr__(self):
        return "Version(" + ".".join(map(str, self.parts)) + ")"


versions = [Version("1.10.0"), Version("1.2.3"), Version("1.2.3"), Version("0.9")]
print(sorted(set(versions)), Version("1.0").__eq__("1.0"), Version("1.0") != Version("1.0.0"))
print("unhashable:", list.__hash__ is None, dict.__hash__ is None, tuple.__hash__ is None)
