# Inventory valuation by category using dataclass-free records and collections.
from collections import defaultdict

inventory = [
    ("A-100", "tools", 140, 12.49), ("A-101", "tools", 8, 149.0), ("B-200", "garden", 55, 7.125),
    ("B-201", "garden", 0, 39.99), ("C-300", "paint", 230, 4.335), ("C-301", "paint", 17, 89.5),
    ("D-400", "electrical", 1024, 0.875), ("D-401", "electrical", 3, 1299.99),
]
by_cat = defaultdict(lambda: [0, 0.0])
for sku, cat, qty, cost in inventory:
    by_cat[cat][0] += qty
    by_cat[cat][1] += qty * cost
grand = sum(v for _, v in by_cat.values())
print(f"{'category':<12}{'units':>8}{'value':>14}{'share':>9}{'avg cost':>11}")
for cat, (units, value) in sorted(by_cat.items(), key=lambda kv: -kv[1][1]):
    avg = value / units if units else 0.0
    print(f"{cat:<12}{units:>8,}{value:>14,.2f}{value / grand:>9.2%}{avg:>11.3f}")
print(f"{'total':<12}{sum(u for u, _ in by_cat.values()):>8,}{grand:>14,.2f}")
out_of_stock = [sku for sku, _, qty, _ in inventory if qty == 0]
print("out of stock:", out_of_stock, "| low stock:", [s for s, _, q, _ in inventory if 0 < q < 10])
print("most valuable line: %s (%.2f)" % max(((s, q * c) for s, _, q, c in inventory), key=lambda t: t[1]))
print("{:*^40}".format(f" {len(inventory)} SKUs, {grand:_.1f} "))
