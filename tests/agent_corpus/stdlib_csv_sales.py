import csv
import io
from collections import defaultdict
from datetime import date

raw = """date,region,product,units,unit_price
2024-01-03,North,Widget,12,2.50
2024-01-03,South,Gadget,3,10.00
2024-01-04,North,Gadget,5,10.00
2024-02-10,East,Widget,20,2.25
2024-02-11,South,Widget,7,2.50
2024-02-15,North,Widget,9,2.50
"""

rows = list(csv.DictReader(io.StringIO(raw)))
print(len(rows), "rows; columns:", list(rows[0].keys()))

monthly = defaultdict(lambda: defaultdict(float))
for r in rows:
    d = date.fromisoformat(r["date"])
    key = d.strftime("%Y-%m")
    monthly[key][r["region"]] += int(r["units"]) * float(r["unit_price"])

for month in sorted(monthly):
    regions = monthly[month]
    total = sum(regions.values())
    parts = ", ".join(f"{k}={v:.2f}" for k, v in sorted(regions.items()))
    print(f"{month}: total={total:8.2f} ({parts})")

out = io.StringIO()
writer = csv.writer(out, lineterminator="\n")
writer.writerow(["month", "region", "revenue"])
for month in sorted(monthly):
    for region, rev in sorted(monthly[month].items(), key=lambda kv: -kv[1]):
        writer.writerow([month, region, round(rev, 2)])
print(out.getvalue())

best = max(rows, key=lambda r: int(r["units"]) * float(r["unit_price"]))
print("best:", best["date"], best["region"], best["product"])
