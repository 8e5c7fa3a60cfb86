# Quarterly sales report with aligned columns, totals and shares.
sales = [
    {"region": "North", "q1": 182340.5, "q2": 190221.75, "q3": 175002.1, "q4": 201998.0},
    {"region": "South", "q1": 99871.25, "q2": 104500.0, "q3": 110320.45, "q4": 98760.6},
    {"region": "East", "q1": 250000.0, "q2": 245310.3, "q3": 260115.15, "q4": 270402.9},
    {"region": "West", "q1": 73450.8, "q2": 80012.2, "q3": 79999.99, "q4": 85001.01},
]
quarters = ["q1", "q2", "q3", "q4"]
grand_total = sum(row[q] for row in sales for q in quarters)

header = f"{'Region':<8}" + "".join(f"{q.upper():>14}" for q in quarters) + f"{'Total':>16}{'Share':>8}"
print(header)
print("-" * len(header))
for row in sorted(sales, key=lambda r: -sum(r[q] for q in quarters)):
    total = sum(row[q] for q in quarters)
    cells = "".join(f"{row[q]:>14,.2f}" for q in quarters)
    print(f"{row['region']:<8}{cells}{total:>16,.2f}{total / grand_total:>8.1%}")
print("-" * len(header))
col_totals = [sum(r[q] for r in sales) for q in quarters]
print(f"{'All':<8}" + "".join(f"{t:>14,.2f}" for t in col_totals) + f"{grand_total:>16,.2f}{1:>8.1%}")

best_q = max(quarters, key=lambda q: sum(r[q] for r in sales))
growth = (col_totals[-1] - col_totals[0]) / col_totals[0]
print(f"Best quarter: {best_q.upper()}, growth Q1->Q4: {growth:+.2%}")
print(f"Average per region and quarter: {grand_total / (len(sales) * 4):,.3f}")
print("Totals:", [round(t, 1) for t in col_totals])
