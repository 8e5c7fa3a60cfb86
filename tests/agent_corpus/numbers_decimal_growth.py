from decimal import Decimal, getcontext, localcontext, ROUND_HALF_UP, InvalidOperation

getcontext().prec = 28
principal = Decimal("25000.00")
rate = Decimal("0.0425")

# continuous compounding, A = P * e^(r t)
for years in (1, 5, 10, 30):
    amount = principal * (rate * years).exp()
    print(f"{years:>2}y continuous: {amount.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):>12,}")

# compound annual growth rate from start and end values: (end / start) ** (1 / years) - 1
start, end, years = Decimal("1200000"), Decimal("2750000"), Decimal(7)
cagr = (end / start) ** (Decimal(1) / years) - 1
print("CAGR", cagr, f"{cagr:.3%}")

# doubling time and orders of magnitude
print("doubling years", (Decimal(2).ln() / (1 + rate).ln()).quantize(Decimal("0.01")))
for v in ("0.004", "1", "950", "1E+6", "123456789"):
    d = Decimal(v)
    print(v.rjust(10), d.log10(), d.ln(), d.sqrt())
print(Decimal(2) ** Decimal("0.5"), Decimal("1.5") ** Decimal("2.5"), Decimal(10) ** Decimal("-1.5"))
with localcontext() as ctx:
    ctx.prec = 10
    print(Decimal(1).exp(), Decimal(10).ln(), Decimal("0.5").exp(), Decimal(3) ** Decimal("0.333"))
try:
    Decimal(-8) ** Decimal("0.5")
except InvalidOperation as e:
    print("InvalidOperation", type(e).__name__)
print(Decimal("Infinity").exp(), Decimal("-Infinity").exp(), Decimal(0).ln(), Decimal(1).ln(), Decimal("1000").log10())
