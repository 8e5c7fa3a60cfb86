# Invoice with Decimal: exact money, VAT rounding half-up, totals.
from decimal import Decimal, ROUND_HALF_UP, getcontext

CENT = Decimal("0.01")
lines = [
    ("Widget A", 3, Decimal("19.99")),
    ("Widget B", 1, Decimal("249.50")),
    ("Service fee", 2, Decimal("75.125")),
    ("Discount", 1, Decimal("-20.00")),
]
VAT = Decimal("0.21")
print(f"{'item':<14}{'qty':>4}{'unit':>10}{'net':>11}{'vat':>9}{'gross':>11}")
totals = {"net": Decimal(0), "vat": Decimal(0), "gross": Decimal(0)}
for name, qty, unit in lines:
    net = (unit * qty).quantize(CENT, rounding=ROUND_HALF_UP)
    vat = (net * VAT).quantize(CENT, rounding=ROUND_HALF_UP)
    gross = net + vat
    for key, value in (("net", net), ("vat", vat), ("gross", gross)):
        totals[key] += value
    print(f"{name:<14}{qty:>4}{unit:>10}{net:>11}{vat:>9}{gross:>11}")
print("-" * 59)
print(f"{'TOTAL':<28}{totals['net']:>11,.2f}{totals['vat']:>9,.2f}{totals['gross']:>11,.2f}")
print(repr(totals["gross"]), str(totals["vat"]), float(totals["net"]))
print(getcontext().prec, Decimal(1) / Decimal(3), Decimal("10") / Decimal("4"), Decimal("1.30") + Decimal("1.20"))
print(Decimal(0.1), Decimal("0.1") * 3 == Decimal("0.3"), 0.1 * 3 == 0.3)
