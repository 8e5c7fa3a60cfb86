# Invoice lines formatted with the % operator, as older code and many snippets do.
items = [
    ("Consulting hours", 12, 95.0),
    ("Travel (flat)", 1, 412.5),
    ("Software licence", 3, 129.99),
    ("Café meeting", 2, 7.125),
    ("Printing", 250, 0.045),
]
TAX = 0.2
print("%-20s %5s %10s %12s" % ("Item", "Qty", "Unit", "Amount"))
subtotal = 0.0
for name, qty, unit in items:
    amount = qty * unit
    subtotal += amount
    print("%-20s %5d %10.3f %12.2f" % (name, qty, unit, amount))
tax = subtotal * TAX
print("%-20s %29.2f" % ("Subtotal", subtotal))
print("%-20s %29.2f" % ("Tax (%d%%)" % (TAX * 100), tax))
print("%-20s %29.2f" % ("Total", subtotal + tax))
print("%(n)d lines, mean unit price %(m).4f, max %(x)e" % {"n": len(items), "m": sum(u for _, _, u in items) / len(items), "x": max(u for _, _, u in items)})
print("Invoice no. %06d, ref %X, check %#o" % (4821, 48879, 64))
print("Padded: [%*s] [%-*s] [%.*f]" % (8, "r", 8, "l", 3, 2.0005))
for v in (0.125, 0.375, 2.5, 3.5, 2.675, 1.005):
    print("%.2f %.0f %.1f %g %e" % (v, v, v, v, v))
