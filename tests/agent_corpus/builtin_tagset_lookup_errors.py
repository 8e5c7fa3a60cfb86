# A small tagging model: a set subclass for tags, list/tuple lookups whose misses are reported to the user.
class TagSet(set):
    def with_prefix(self, prefix):
        return TagSet(t for t in self if str(t).startswith(prefix))


class Frozen(frozenset):
    pass


catalog = [
    ("sku-1", TagSet([101, 205, 307])),
    ("sku-2", TagSet()),
    ("sku-3", TagSet([205, 999])),
]
for sku, tags in catalog:
    print(f"{sku}: {tags!r} ({len(tags)} tags)")
print("common:", catalog[0][1] & catalog[2][1], "either:", catalog[0][1] | catalog[2][1])
print("prefix 2:", catalog[0][1].with_prefix("2"), "frozen:", Frozen([3, 1]), Frozen())
print("as dict keys:", {Frozen([1, 2]): "pair"}, "in list:", [TagSet([4])])

order = ["sku-3", "sku-1", "sku-2"]
priority = ("high", "mid", "low")
for wanted in ["sku-1", "sku-9", 42]:
    try:
        print(wanted, "at", order.index(wanted))
    except ValueError as e:
        print("lookup failed:", e)
for level in ["mid", "urgent"]:
    try:
        print(level, "rank", priority.index(level))
    except ValueError as e:
        print("lookup failed:", e)
try:
    order.index("sku-1", 2)
except ValueError as e:
    print("not after 2:", e)
print("summary:", {sku: sorted(tags) for sku, tags in catalog})
