# Typed values for a sales report: Money/Percent subclasses with their own __repr__, printed through
# str(), f-strings, %-formatting and json; sorted with keys and rounded with the built-ins.
import json
from collections import defaultdict


class Money(float):
    def __repr__(self):
        return f"${float(self):,.2f}"

    def __round__(self, ndigits=None):
        return Money(round(float(self), ndigits or 0))


class Percent(float):
    def __repr__(self):
        return f"{float(self) * 100:.1f}%"


class OrderId(int):
    def __repr__(self):
        return f"#{int(self):05d}"


orders = [
    (OrderId(17), "north", Money(1250.5)),
    (OrderId(3), "south", Money(310.25)),
    (OrderId(42), "north", Money(99.99)),
    (OrderId(8), "east", Money(2200.0)),
    (OrderId(23), "south", Money(45.0)),
]
by_region = defaultdict(list)
for oid, region, amount in orders:
    by_region[region].append(amount)

grand = sum(amount for _, _, amount in orders)
print("grand total:", Money(grand))
for region in sorted(by_region, key=lambda r: -sum(by_region[r])):
    total = Money(sum(by_region[region]))
    share = Percent(total / grand)
    print(f"{region:<6} {total!s:>12} {share} orders={len(by_region[region])}")

largest = max(orders, key=lambda o: o[2])
print("largest order: %s in %s for %s" % largest)
print("ids:", ", ".join(str(oid) for oid, _, _ in sorted(orders)))
print("rounded:", [round(amount) for _, _, amount in orders], round(Money(1234.5678), 2))
print(json.dumps({"total": round(grand, 2), "regions": sorted(by_region)}))
print([str(o[0]) for o in orders[:2]], repr(orders[0][0]), int(orders[0][0]) + 1)
