from dataclasses import dataclass, field, astuple, fields
import csv
import io

CSV = """date,product,units,unit_price
2024-03-01,apples,12,0.5
2024-03-01,pears,4,0.8
2024-03-02,apples,7,0.55
2024-03-02,plums,20,0.25
2024-03-03,pears,9,0.75
"""


@dataclass(order=True)
class Sale:
    date: str
    product: str
    units: int
    unit_price: float
    revenue: float = field(init=False, repr=False)

    def __post_init__(self):
        self.units = int(self.units)
        self.unit_price = float(self.unit_price)
        self.revenue = round(self.units * self.unit_price, 2)


sales = [Sale(**row) for row in csv.DictReader(io.StringIO(CSV))]
print(sales[0], sales[0].revenue)
summary: dict[str, list[float]] = {}
for s in sales:
    summary.setdefault(s.product, []).append(s.revenue)
out = io.StringIO()
writer = csv.writer(out, lineterminator="\n")
writer.writerow(["product", "days", "revenue"])
for product, revenues in sorted(summary.items()):
    writer.writerow([product, len(revenues), f"{sum(revenues):.2f}"])
print(out.getvalue(), end="")
print(max(sales).date, min(sales).product, [f.name for f in fields(Sale) if f.init])
print(astuple(sales[-1]))
print(sorted(sales, key=lambda s: -s.revenue)[:2])
