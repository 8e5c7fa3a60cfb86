"""CPython's `fractions.Fraction`, written from CPython 3.11's documentation.

Fraction(numerator=0, denominator=None) from ints, another Fraction, a float or a Decimal (exact), or a
string such as '3/4', ' -1.25e-2 '; always in lowest terms with a positive denominator. Arithmetic with
ints and Fractions is exact, with floats gives a float; comparisons with ints and floats are exact;
`hash()` equals the hash of an equal int or float. Also: `numerator`, `denominator`, `limit_denominator`,
`as_integer_ratio`, `from_float`, `from_decimal`, `is_integer` (3.12), `round()` (half to even, with
ndigits a Fraction), `math.floor`/`ceil`/`trunc`, `int()`, `float()` (correctly rounded), `divmod`, `%`,
`//`, `**`. Like CPython 3.11, format specs other than '' are a TypeError (3.12 added them).
Not supported: `numbers.Rational` (there is no `numbers` module), pickling.
"""

import math as _math

# CPython's numeric hash (sys.hash_info): values modulo this prime; infinities hash to +-314159
_HASH_MODULUS = 2**61 - 1
_HASH_INF = 314159

__all__ = ["Fraction"]


def _gcd(a, b):
    a, b = abs(a), abs(b)
    while b:
        a, b = b, a % b
    return a


def _ratio_to_float(n, d):
    # the double nearest n / d (d > 0), ties to even
    if n == 0:
        return 0.0
    negative = n < 0
    n = -n if negative else n
    # scale so that the integer quotient has 55+ significant bits
    shift = 55 - (n.bit_length() - d.bit_length())
    if shift > 0:
        q, r = divmod(n << shift, d)
    else:
        q, r = divmod(n, d << -shift)
    exponent = -shift
    bits = q.bit_length()
    extra = bits - 53
    if exponent + extra < -1074:
        extra = -1074 - exponent  # subnormal: fewer significant bits
    if extra > 0:
        rest = q & ((1 << extra) - 1)
        q >>= extra
        half = 1 << (extra - 1)
        if rest > half or (rest == half and (r or q & 1)):
            q += 1
        exponent += extra
    if exponent + q.bit_length() > 1024:
        raise OverflowError("integer division result too large for a float")
    result = _math.ldexp(float(q), exponent)
    return -result if negative else result


def _parse(text):
    s = text.strip()
    if not s:
        raise ValueError("Invalid literal for Fraction: %r" % text)
    sign = 1
    body = s
    if body[0] in "+-":
        sign = -1 if body[0] == "-" else 1
        body = body[1:]
    if "/" in body:
        num_text, _, den_text = body.partition("/")
        if not (_is_digits(num_text) and _is_digits(den_text)):
            raise ValueError("Invalid literal for Fraction: %r" % text)
        return sign * int(num_text.replace("_", "")), int(den_text.replace("_", ""))
    mantissa, exp = body, 0
    for marker in ("e", "E"):
        if marker in body:
            mantissa, _, exp_text = body.partition(marker)
            e_body = exp_text[1:] if exp_text[:1] in ("+", "-") else exp_text
            if not _is_digits(e_body):
                raise ValueError("Invalid literal for Fraction: %r" % text)
            exp = int(exp_text.replace("_", ""))
            break
    whole, dot, frac = mantissa.partition(".")
    if (not whole and not frac) or (whole and not _is_digits(whole)) or (frac and not _is_digits(frac)):
        raise ValueError("Invalid literal for Fraction: %r" % text)
    digits = (whole + frac).replace("_", "")
    num = int(digits) if digits else 0
    exp -= len(frac.replace("_", ""))
    if exp >= 0:
        return sign * num * 10**exp, 1
    return sign * num, 10**-exp


def _is_digits(s):
    if not s or s[0] == "_" or s[-1] == "_" or "__" in s:
        return False
    for c in s:
        if not ("0" <= c <= "9" or c == "_"):
            return False
    return True


class Fraction:
    __slots__ = ("_numerator", "_denominator")

    def __init__(self, numerator=0, denominator=None, *, _normalize=True):
        if denominator is None:
            if type(numerator) is int or isinstance(numerator, int):
                n, d = int(numerator), 1
            elif isinstance(numerator, Fraction):
                n, d = numerator._numerator, numerator._denominator
            elif isinstance(numerator, float):
                n, d = numerator.as_integer_ratio()
            elif isinstance(numerator, str):
                n, d = _parse(numerator)
                if d == 0:
                    raise ZeroDivisionError("Fraction(%s, 0)" % n)
            elif hasattr(numerator, "as_integer_ratio"):
                n, d = numerator.as_integer_ratio()
            else:
                raise TypeError("argument should be a string or a Rational instance")
        else:
            if isinstance(numerator, Fraction) or isinstance(denominator, Fraction):
                a = Fraction(numerator)
                b = Fraction(denominator)
                n, d = a._numerator * b._denominator, a._denominator * b._numerator
            elif isinstance(numerator, int) and isinstance(denominator, int):
                n, d = int(numerator), int(denominator)
            else:
                raise TypeError("both arguments should be Rational instances")
        if d == 0:
            raise ZeroDivisionError("Fraction(%s, 0)" % n)
        if _normalize:
            g = _gcd(n, d)
            if d < 0:
                g = -g
            n //= g
            d //= g
        self._numerator = n
        self._denominator = d

    @classmethod
    def from_float(cls, f):
        if isinstance(f, int):
            return cls(f)
        if not isinstance(f, float):
            raise TypeError("%s.from_float() only takes floats, not %r (%s)" % (cls.__name__, f, type(f).__name__))
        return cls(*f.as_integer_ratio())

    @classmethod
    def from_decimal(cls, dec):
        if isinstance(dec, int):
            return cls(dec)
        return cls(*dec.as_integer_ratio())

    @property
    def numerator(self):
        return self._numerator

    @property
    def denominator(self):
        return self._denominator

    # numbers.Real's: a Fraction is its own real part
    @property
    def real(self):
        return +self

    @property
    def imag(self):
        return 0

    def conjugate(self):
        return +self

    def as_integer_ratio(self):
        return (self._numerator, self._denominator)

    def is_integer(self):
        return self._denominator == 1

    def limit_denominator(self, max_denominator=1000000):
        if max_denominator < 1:
            raise ValueError("max_denominator should be at least 1")
        if self._denominator <= max_denominator:
            return Fraction(self)
        p0, q0, p1, q1 = 0, 1, 1, 0
        n, d = self._numerator, self._denominator
        while True:
            a = n // d
            q2 = q0 + a * q1
            if q2 > max_denominator:
                break
            p0, q0, p1, q1 = p1, q1, p0 + a * p1, q2
            n, d = d, n - a * d
        k = (max_denominator - q0) // q1
        bound1 = Fraction(p0 + k * p1, q0 + k * q1)
        bound2 = Fraction(p1, q1)
        if abs(bound2 - self) <= abs(bound1 - self):
            return bound2
        return bound1

    def __repr__(self):
        return "%s(%s, %s)" % (type(self).__name__, self._numerator, self._denominator)

    def __str__(self):
        if self._denominator == 1:
            return str(self._numerator)
        return "%s/%s" % (self._numerator, self._denominator)

    # ---- arithmetic ------------------------------------------------------------------------------

    def _operand(self, other):
        # (n, d) of an exact operand, or None for a float (computed in floats), NotImplemented otherwise
        if isinstance(other, Fraction):
            return other._numerator, other._denominator
        if isinstance(other, int):
            return int(other), 1
        if isinstance(other, float):
            return None
        return NotImplemented

    def __add__(self, other):
        o = self._operand(other)
        if o is None:
            return float(self) + other
        if o is NotImplemented:
            return o
        return Fraction(self._numerator * o[1] + o[0] * self._denominator, self._denominator * o[1])

    def __radd__(self, other):
        return self.__add__(other)

    def __sub__(self, other):
        o = self._operand(other)
        if o is None:
            return float(self) - other
        if o is NotImplemented:
            return o
        return Fraction(self._numerator * o[1] - o[0] * self._denominator, self._denominator * o[1])

    def __rsub__(self, other):
        o = self._operand(other)
        if o is None:
            return other - float(self)
        if o is NotImplemented:
            return o
        return Fraction(o[0] * self._denominator - self._numerator * o[1], self._denominator * o[1])

    def __mul__(self, other):
        o = self._operand(other)
        if o is None:
            return float(self) * other
        if o is NotImplemented:
            return o
        return Fraction(self._numerator * o[0], self._denominator * o[1])

    def __rmul__(self, other):
        return self.__mul__(other)

    def __truediv__(self, other):
        o = self._operand(other)
        if o is None:
            return float(self) / other
        if o is NotImplemented:
            return o
        if o[0] == 0:
            raise ZeroDivisionError("Fraction(%s, 0)" % (self._numerator * o[1]))
        return Fraction(self._numerator * o[1], self._denominator * o[0])

    def __rtruediv__(self, other):
        o = self._operand(other)
        if o is None:
            return other / float(self)
        if o is NotImplemented:
            return o
        if self._numerator == 0:
            raise ZeroDivisionError("Fraction(%s, 0)" % (o[0] * self._denominator))
        return Fraction(o[0] * self._denominator, o[1] * self._numerator)

    def __floordiv__(self, other):
        o = self._operand(other)
        if o is None:
            return float(self) // other
        if o is NotImplemented:
            return o
        return (self._numerator * o[1]) // (self._denominator * o[0])

    def __rfloordiv__(self, other):
        o = self._operand(other)
        if o is None:
            return other // float(self)
        if o is NotImplemented:
            return o
        return (o[0] * self._denominator) // (o[1] * self._numerator)

    def __mod__(self, other):
        o = self._operand(other)
        if o is None:
            return float(self) % other
        if o is NotImplemented:
            return o
        d = self._denominator * o[1]
        return Fraction((self._numerator * o[1]) % (o[0] * self._denominator), d)

    def __rmod__(self, other):
        o = self._operand(other)
        if o is None:
            return other % float(self)
        if o is NotImplemented:
            return o
        return Fraction(o[0], o[1]) % self

    def __divmod__(self, other):
        return (self // other, self % other)

    def __rdivmod__(self, other):
        return (other // self, other % self)

    def __pow__(self, other):
        if isinstance(other, int) or (isinstance(other, Fraction) and other._denominator == 1):
            power = int(other) if isinstance(other, int) else other._numerator
            if power >= 0:
                return Fraction(self._numerator**power, self._denominator**power, _normalize=False)
            if self._numerator == 0:
                raise ZeroDivisionError("Fraction(%s, 0)" % (self._denominator ** -power))
            if self._numerator > 0:
                return Fraction(self._denominator**-power, self._numerator**-power, _normalize=False)
            return Fraction((-self._denominator) ** -power, (-self._numerator) ** -power, _normalize=False)
        return float(self) ** float(other)

    def __rpow__(self, other):
        if self._denominator == 1 and self._numerator >= 0:
            return other**self._numerator
        if isinstance(other, int):
            return Fraction(other) ** self
        return other ** float(self)

    def __pos__(self):
        return Fraction(self._numerator, self._denominator, _normalize=False)

    def __neg__(self):
        return Fraction(-self._numerator, self._denominator, _normalize=False)

    def __abs__(self):
        return Fraction(abs(self._numerator), self._denominator, _normalize=False)

    def __int__(self):
        if self._numerator < 0:
            return -(-self._numerator // self._denominator)
        return self._numerator // self._denominator

    def __trunc__(self):
        return self.__int__()

    def __floor__(self):
        return self._numerator // self._denominator

    def __ceil__(self):
        return -(-self._numerator // self._denominator)

    def __round__(self, ndigits=None):
        if ndigits is None:
            floor, remainder = divmod(self._numerator, self._denominator)
            if remainder * 2 < self._denominator:
                return floor
            if remainder * 2 > self._denominator:
                return floor + 1
            return floor if floor % 2 == 0 else floor + 1
        shift = 10 ** abs(ndigits)
        if ndigits > 0:
            return Fraction(round(self * shift), shift)
        return Fraction(round(self / shift) * shift)

    def __float__(self):
        return _ratio_to_float(self._numerator, self._denominator)

    def __bool__(self):
        return self._numerator != 0

    # ---- comparison and hashing --------------------------------------------------------------------

    def _compare(self, other):
        # the sign of self - other, None when unordered (NaN), NotImplemented for other types
        if isinstance(other, float):
            if other != other:
                return None
            if other in (float("inf"), float("-inf")):
                return -1 if other > 0 else 1
            other = Fraction(other)
        o = self._operand(other)
        if o is NotImplemented:
            return o
        diff = self._numerator * o[1] - o[0] * self._denominator
        return (diff > 0) - (diff < 0)

    def __eq__(self, other):
        c = self._compare(other)
        if c is NotImplemented:
            return c
        return c == 0

    def __lt__(self, other):
        c = self._compare(other)
        if c is NotImplemented:
            return c
        return c is not None and c < 0

    def __le__(self, other):
        c = self._compare(other)
        if c is NotImplemented:
            return c
        return c is not None and c <= 0

    def __gt__(self, other):
        c = self._compare(other)
        if c is NotImplemented:
            return c
        return c is not None and c > 0

    def __ge__(self, other):
        c = self._compare(other)
        if c is NotImplemented:
            return c
        return c is not None and c >= 0

    def __hash__(self):
        # CPython's: the value modulo 2**61-1 (as ints and floats hash), +-314159 when the denominator has
        # no inverse, -2 for -1 (the dict's hash of an object equal to -1 is -1 again, patch 0361).
        try:
            dinv = pow(self._denominator, -1, _HASH_MODULUS)
        except ValueError:
            hash_ = _HASH_INF
        else:
            hash_ = hash(hash(abs(self._numerator)) * dinv)
        result = hash_ if self._numerator >= 0 else -hash_
        return -2 if result == -1 else result

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self
