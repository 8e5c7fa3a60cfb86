from dataclasses import dataclass, field, replace
from datetime import date
from itertools import groupby


@dataclass(frozen=True, order=True)
class Order:
    placed: date
    order_id: int
    customer: str = field(compare=False)
    amount: float = field(compare=False, default=0.0)


orders = [
    Order(date(2024, 1, 5), 3, "acme", 120.0),
    Order(date(2024, 1, 3), 1, "globex", 75.5),
    Order(date(2024, 1, 5), 2, "acme", 30.25),
    Order(date(2024, 2, 1), 4, "initech", 990.0),
    Order(date(2024, 1, 3), 5, "acme", 12.0),
]

for o in sorted(orders):
    print(o.placed.isoformat(), o.order_id, o.customer, f"{o.amount:8.2f}")

by_month = {}
for key, group in groupby(sorted(orders), key=lambda o: (o.placed.year, o.placed.month)):
    group = list(group)
    by_month[f"{key[0]}-{key[1]:02d}"] = (len(group), sum(o.amount for o in group))
print(by_month)

totals = {}
for o in orders:
    totals[o.customer] = totals.get(o.customer, 0) + o.amount
best = max(totals, key=totals.get)
print(f"best customer: {best} ({totals[best]:.2f})")

first = min(orders)
print(first, hash(first) == hash(Order(first.placed, first.order_id, "other")))
try:
    first.amount = 0
except AttributeError as e:
    print(type(e).__name__, e)
refund = replace(first, amount=-first.amount)
print(refund.amount, first.amount, refund == first, len(set(orders)))
