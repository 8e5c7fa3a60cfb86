# A generic numeric summary that accepts ints, floats, Fractions, Decimals and flags, as a reporting agent writes it
import json
from decimal import Decimal
from fractions import Fraction

readings = [3, 2.5, Fraction(7, 4), Decimal("1.25"), True, -4, 10**12]


def as_parts(x):
    num = getattr(x, "numerator", None)
    den = getattr(x, "denominator", None)
    ratio = f"{num}/{den}" if num is not None else "n/a"
    return f"{type(x).__name__:>8} real={x.real!s:>24} imag={x.imag!s:>3} conj={x.conjugate()!s:>24} ratio={ratio}"


for r in readings:
    print(as_parts(r))

real_total = sum(float(x.real) for x in readings if not isinstance(x, bool))
print(f"total of real parts: {real_total:,.3f}")

checks = {
    "has_negative": any(x < 0 for x in readings),
    "all_finite": all(abs(float(x)) < float("inf") for x in readings),
}
checks["flag_and"] = checks["has_negative"] & checks["all_finite"]
checks["flag_or"] = checks["has_negative"] | False
checks["flag_xor"] = checks["has_negative"] ^ checks["all_finite"]
ok = True
for name in ("has_negative", "all_finite"):
    ok &= checks[name]
checks["ok"] = ok
print(json.dumps(checks, sort_keys=True))
print([type(v).__name__ for v in checks.values()])


class Meters(float):
    def __repr__(self):
        return f"Meters({float(self)})"


m = Meters(12.5)
print(
    repr(m),
    m.real,
    type(m.real).__name__,
    m.imag,
    m.conjugate(),
    float.__add__(m, 1),
    m.__round__() if hasattr(m, "__round__") else round(m),
)
