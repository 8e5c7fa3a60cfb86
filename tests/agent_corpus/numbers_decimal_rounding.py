# Comparing Decimal rounding modes for a pricing policy.
from decimal import (Decimal, ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_DOWN, ROUND_HALF_EVEN,
                     ROUND_HALF_UP, ROUND_UP, localcontext, InvalidOperation, DivisionByZero)

prices = ["2.345", "2.355", "-2.345", "0.005", "1.9999", "-0.0049", "10.5", "11.5"]
modes = [ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_UP, ROUND_DOWN, ROUND_CEILING, ROUND_FLOOR]
print(f"{'price':>8} " + " ".join(f"{m[6:]:>10}" for m in modes))
for p in prices:
    d = Decimal(p)
    cells = [str(d.quantize(Decimal("0.01"), rounding=m)) for m in modes]
    print(f"{p:>8} " + " ".join(f"{c:>10}" for c in cells))
print([str(Decimal(p).to_integral_value()) for p in prices], [round(Decimal(p)) for p in prices])
with localcontext() as ctx:
    ctx.prec = 5
    print(Decimal(2).sqrt(), Decimal(1) / Decimal(7), Decimal("123456789") + 1)
with localcontext(prec=50):
    print(Decimal(2).sqrt())
print(Decimal(2).sqrt(), Decimal("1E+3"), Decimal("1000").normalize(), Decimal("0.00100").normalize())
for bad in ("abc", "1/2"):
    try:
        Decimal(bad)
    except InvalidOperation as e:
        print("InvalidOperation for", repr(bad))
try:
    Decimal(1) / Decimal(0)
except DivisionByZero:
    print("DivisionByZero")
print(Decimal("NaN"), Decimal("-Infinity"), Decimal("1.50").as_tuple(), Decimal("-0"), Decimal(-0.0))
