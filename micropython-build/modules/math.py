"""CPython's `math` on top of MicroPython's built-in one.

MicroPython's `math` is made an "extensible" built-in module (patch 0054): this frozen `math.py` is found
before it and `umath` still names the built-in, whose functions (sqrt, sin, log, floor, isclose, ...) are
re-exported unchanged. Added here, written from CPython's documentation:

- `floor`, `ceil`, `trunc` call a class's `__floor__`/`__ceil__`/`__trunc__` (Fraction, Decimal) and
  are exact for big ints.
- `gcd`, `lcm` (any number of arguments), `isqrt`, `comb`, `perm`, `factorial` (big n), `prod`.
- `fsum`: the exactly rounded sum (the floats are added as exact binary fractions, then rounded once).
- `hypot` (any number of coordinates), `dist`: CPython's algorithm (scaled squares summed in extended
  precision, one correction of the root), so results match CPython's to the bit.
- `remainder` (IEEE 754), `exp2`, `nextafter`, `ulp`, `cbrt`. `cbrt` is correctly rounded; CPython calls
  the platform's C library, which can be one ulp off (about 2% of inputs with glibc).
Errors are CPython's (`ValueError: math domain error`, the messages of `isqrt`, `comb`, `perm`,
`factorial`).
"""

from umath import *  # noqa: F401,F403 - the built-in functions and constants
from umath import frexp, ldexp, isinf, isnan, isfinite, sqrt, fmod, copysign, inf, nan
from umath import floor as _floor, ceil as _ceil, trunc as _trunc
import struct as _struct
from _operator import index as _index


def floor(x):
    if type(x) is float:
        return _floor(x)
    if isinstance(x, int):
        return int(x)  # exact for big ints (the built-in went through a float)
    method = getattr(type(x), "__floor__", None)
    return method(x) if method is not None else _floor(x)


def ceil(x):
    if type(x) is float:
        return _ceil(x)
    if isinstance(x, int):
        return int(x)
    method = getattr(type(x), "__ceil__", None)
    return method(x) if method is not None else _ceil(x)


def trunc(x):
    if type(x) is float:
        return _trunc(x)
    if isinstance(x, int):
        return int(x)
    method = getattr(type(x), "__trunc__", None)
    return method(x) if method is not None else _trunc(x)


# A C long of CPython's 64-bit builds (the reference): the bound of factorial(), comb() and perm()
_LONG_MAX = (1 << 63) - 1


def gcd(*integers):
    result = 0
    for n in integers:
        n = _index(n)
        a, b = abs(result), abs(n)
        while b:
            a, b = b, a % b
        result = a
    return result


def lcm(*integers):
    result = 1
    for n in integers:
        n = abs(_index(n))
        if n == 0 or result == 0:
            result = 0
            continue
        result = result // gcd(result, n) * n
    return result


def isqrt(n):
    n = _index(n)
    if n < 0:
        raise ValueError("isqrt() argument must be nonnegative")
    if n == 0:
        return 0
    # Newton's iteration from above: x_{k+1} = (x_k + n // x_k) // 2 decreases to isqrt(n)
    x = 1 << ((n.bit_length() + 1) // 2) if hasattr(n, "bit_length") else 1 << ((_bits(n) + 1) // 2)
    while True:
        y = (x + n // x) // 2
        if y >= x:
            return x
        x = y


def _bits(n):
    n = abs(n)
    bits = 0
    while n >= 1 << 64:
        n >>= 64
        bits += 64
    while n:
        n >>= 1
        bits += 1
    return bits


def _product(lo, hi):
    # lo * (lo + 1) * ... * (hi - 1), by halves (big products of similar size are faster)
    if hi - lo <= 8:
        result = 1
        for i in range(lo, hi):
            result *= i
        return result
    mid = (lo + hi) // 2
    return _product(lo, mid) * _product(mid, hi)


def factorial(n):
    n = _index(n)
    if n > _LONG_MAX:
        raise OverflowError("factorial() argument should not exceed %d" % _LONG_MAX)
    if n < 0:
        raise ValueError("factorial() not defined for negative values")
    return _product(2, n + 1)


# comb and perm take *args for the messages of CPython's C functions ("comb expected 2 arguments, got 1")
def comb(*args, **kwargs):
    if kwargs:
        raise TypeError("math.comb() takes no keyword arguments")
    if len(args) != 2:
        raise TypeError("comb expected 2 arguments, got %d" % len(args))
    n = _index(args[0])
    k = _index(args[1])
    if n < 0:
        raise ValueError("n must be a non-negative integer")
    if k < 0:
        raise ValueError("k must be a non-negative integer")
    if k > n:
        return 0
    k = min(k, n - k)
    if k > _LONG_MAX:
        raise OverflowError("min(n - k, k) must not exceed %d" % _LONG_MAX)
    result = 1
    for i in range(1, k + 1):
        result = result * (n - k + i) // i
    return result


def perm(*args, **kwargs):
    if kwargs:
        raise TypeError("math.perm() takes no keyword arguments")
    if not args or len(args) > 2:
        bound = "at most 2 arguments" if args else "at least 1 argument"
        raise TypeError("perm expected %s, got %d" % (bound, len(args)))
    n = _index(args[0])
    k = args[1] if len(args) > 1 else None
    if k is None:
        return factorial(n)
    k = _index(k)
    if n < 0:
        raise ValueError("n must be a non-negative integer")
    if k < 0:
        raise ValueError("k must be a non-negative integer")
    if k > n:
        return 0
    if k > _LONG_MAX:
        raise OverflowError("k must not exceed %d" % _LONG_MAX)
    return _product(n - k + 1, n + 1)


def prod(iterable, *, start=1):
    result = start
    for x in iterable:
        result = result * x
    return result


# ---- exact float arithmetic ---------------------------------------------------------------------------

def _parts(x):
    # x == m * 2**e exactly, with m an int
    f, e = frexp(x)
    return int(f * 9007199254740992), e - 53


def _to_float(m, e, sticky=False):
    # the double nearest m * 2**e (m > 0), ties to even; `sticky` says the true value is a bit above
    bits = _bits(m)
    shift = bits - 53
    if e + shift < -1074:
        shift = -1074 - e  # subnormal: fewer significant bits
    if shift > 0:
        q = m >> shift
        rest = m - (q << shift)
        half = 1 << (shift - 1)
        if rest > half or (rest == half and (sticky or q & 1)):
            q += 1
        m, e = q, e + shift
    if e + _bits(m) > 1024:
        raise OverflowError("math range error")
    return ldexp(float(m), e)


def fsum(iterable):
    total_m, total_e = 0, 0
    special = 0.0
    for x in iterable:
        x = float(x)
        if not isfinite(x):
            special += x
            continue
        if x == 0:
            continue
        m, e = _parts(x)
        if total_m == 0:
            total_m, total_e = m, e
        elif e >= total_e:
            total_m += m << (e - total_e)
        else:
            total_m = (total_m << (total_e - e)) + m
            total_e = e
    if special != 0.0 or isnan(special):
        if isnan(special):
            raise ValueError("-inf + inf in fsum")
        return special
    if total_m == 0:
        return 0.0
    negative = total_m < 0
    try:
        result = _to_float(-total_m if negative else total_m, total_e)
    except OverflowError:
        raise OverflowError("intermediate overflow in fsum")
    return -result if negative else result


def _split(x):
    # Veltkamp: x == hi + lo, each with at most 26 significant bits
    t = x * 134217729.0
    hi = t - (t - x)
    return hi, x - hi


def _square(x):
    # x * x == hi + lo exactly (Dekker's product)
    xh, xl = _split(x)
    p = xh * xh
    q = 2.0 * xh * xl
    z = p + q
    return z, p - z + q + xl * xl


def _norm(values, largest):
    # CPython's vector norm: scale by a power of two, sum the squares in extended precision, take the
    # root and correct it once; accurate to about half an ulp
    if isinf(largest):
        return largest
    for v in values:
        if isnan(v):
            return nan
    if largest == 0.0 or len(values) <= 1:
        return largest
    max_e = frexp(largest)[1]
    if max_e < -1023:
        # subnormals: scale to normal numbers first
        return 2.2250738585072014e-308 * _norm([v / 2.2250738585072014e-308 for v in values],
                                                largest / 2.2250738585072014e-308)
    scale = ldexp(1.0, -max_e)
    csum = 1.0
    frac1 = 0.0
    frac2 = 0.0
    for x in values:
        x *= scale
        hi, lo = _square(x)
        total = csum + hi
        frac2 += hi - (total - csum)
        csum = total
        frac1 += lo
    h = sqrt(csum - 1.0 + (frac1 + frac2))
    hi, lo = _square(h)
    hi, lo = -hi, -lo
    total = csum + hi
    frac2 += hi - (total - csum)
    csum = total
    frac1 += lo
    x = csum - 1.0 + (frac1 + frac2)
    h += x / (2.0 * h)
    return h / scale


def hypot(*coordinates):
    values = [abs(float(c)) for c in coordinates]
    return _norm(values, max(values) if values else 0.0)


def dist(p, q):
    p = tuple(p)
    q = tuple(q)
    if len(p) != len(q):
        raise ValueError("both points must have the same number of dimensions")
    values = [abs(float(a) - float(b)) for a, b in zip(p, q)]
    return _norm(values, max(values) if values else 0.0)


def remainder(x, y):
    x, y = float(x), float(y)
    if isnan(x) or isnan(y):
        return nan
    if isinf(x) or y == 0:
        raise ValueError("math domain error")
    if isinf(y):
        return x
    ax, ay = abs(x), abs(y)
    m = fmod(ax, ay)
    c = ay - m
    if m < c:
        r = m
    elif m > c:
        r = -c
    else:
        # exactly halfway: round the quotient to even
        r = m - 2.0 * fmod(0.5 * (ax - m), ay)
    return copysign(1.0, x) * r


def cbrt(x):
    x = float(x)
    if x == 0 or not isfinite(x):
        return x
    ax = abs(x)
    y = ax ** (1.0 / 3.0)
    # polish to the correctly rounded root: compare ax with the cubes of the midpoints exactly
    mx, ex = _parts(ax)
    for _ in range(4):
        lo, hi = nextafter(y, 0.0), nextafter(y, inf)
        if _midpoint_cube_above(lo, y, mx, ex):
            y = lo
        elif not _midpoint_cube_above(y, hi, mx, ex):
            y = hi
        else:
            break
    return copysign(y, x)


def _midpoint_cube_above(a, b, mx, ex):
    # ((a + b) / 2) ** 3 > mx * 2**ex, exactly (a, b > 0)
    ma, ea = _parts(a)
    mb, eb = _parts(b)
    e = min(ea, eb)
    mid2 = (ma << (ea - e)) + (mb << (eb - e))  # a + b == mid2 * 2**e
    cube_m, cube_e = mid2 * mid2 * mid2, 3 * e - 3
    if cube_e >= ex:
        return (cube_m << (cube_e - ex)) > mx
    return cube_m > (mx << (ex - cube_e))


def exp2(x):
    return 2.0 ** float(x)


def _bits_of(x):
    return _struct.unpack("<q", _struct.pack("<d", x))[0]


def _from_bits(b):
    return _struct.unpack("<d", _struct.pack("<q", b))[0]


def nextafter(x, y):
    x, y = float(x), float(y)
    if isnan(x) or isnan(y):
        return nan
    if x == y:
        return y
    if x == 0:
        return copysign(5e-324, y)
    b = _bits_of(x)
    if (y > x) == (x > 0):
        b += 1
    else:
        b -= 1
    return _from_bits(b)


# the largest double (a literal this large cannot be frozen: mpy-tool also packs constants as 32-bit floats)
_MAX_FLOAT = ldexp(9007199254740991.0, 971)


def ulp(x):
    x = abs(float(x))
    if isnan(x) or isinf(x):
        return x
    if x == 0:
        return 5e-324
    if x == _MAX_FLOAT:
        return x - nextafter(x, 0.0)
    return nextafter(x, inf) - x
