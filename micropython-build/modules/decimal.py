"""CPython's `decimal` for what analysts use, written from CPython 3.11's documentation and the General
Decimal Arithmetic specification it implements.

- `Decimal(value)` from str ('1.25', '-1E+3', '1_000.5', 'NaN', 'Infinity'), int, float (exact:
  Decimal(0.1) shows every digit of the double), tuple `(sign, digits, exponent)` or Decimal; always exact.
- Arithmetic `+ - * /` (correctly rounded to the context's precision and rounding), `//` and `%`
  (truncating, as Decimal does), `divmod`, `**`, unary `- + abs()`; mixed with
  ints; with floats a `TypeError` as in CPython.
- Comparisons with Decimal, int and float (exact), `hash()` consistent with int and float.
- `exp`, `ln`, `log10` (correctly rounded, half to even, as CPython's C decimal) and `**` with a
  non-integral or infinite exponent (correctly rounded by the context's rounding; an exact result under a
  directed rounding may differ from CPython's in the last digit).
- `quantize(exp, rounding=None)`, `to_integral_value`/`to_integral`/`to_integral_exact`, `sqrt`,
  `normalize`, `as_tuple`, `as_integer_ratio`, `adjusted`, `copy_abs`, `copy_negate`, `copy_sign`,
  `is_nan`, `is_infinite`, `is_finite`, `is_zero`, `is_signed`, `compare`, `max`, `min`, `round()`,
  `int()`, `float()`, `math.floor`/`ceil`/`trunc`, `str`, `repr`, format specs (`f"{d:,.2f}"`, `e`, `g`,
  `%`, fill/align/sign/width/grouping).
- Contexts: `getcontext()`, `setcontext()`, `localcontext()` (also with keyword arguments), `Context(prec=,
  rounding=, traps=)`, `BasicContext`, `ExtendedContext`, `DefaultContext`; the eight rounding modes.
- Signals and exceptions (MicroPython classes cannot have two bases that derive from built-in
  exceptions, so `DivisionByZero` derives from `ZeroDivisionError` only, not also from
  `DecimalException`; `FloatOperation` not from `TypeError`; `Overflow` and `Underflow` from `Inexact`
  only, not also from `Rounded`/`Subnormal`): `DecimalException`, `InvalidOperation` (with `ConversionSyntax`,
  `DivisionUndefined`), `DivisionByZero`, `Inexact`, `Rounded`, `Overflow`, `Underflow`, `Clamped`,
  `Subnormal`, `FloatOperation`; `InvalidOperation`, `DivisionByZero` and `Overflow` trap by default;
  untrapped signals set `context.flags`.
Not supported (NotImplementedError): `fma`, `logb`, `scaleb`, the logical and `next_*` operations;
`Emin`/`Emax` are kept but subnormal results are not produced.
"""

from collections import namedtuple as _namedtuple
from fractions import Fraction as _Fraction

# CPython's numeric hash (sys.hash_info): values modulo this prime, infinities +-314159
_HASH_MODULUS = 2**61 - 1
_HASH_INF = 314159
_HASH_10INV = pow(10, _HASH_MODULUS - 2, _HASH_MODULUS)

__all__ = [
    "Decimal", "Context", "DecimalTuple", "getcontext", "setcontext", "localcontext", "BasicContext",
    "ExtendedContext", "DefaultContext", "DecimalException", "InvalidOperation", "DivisionByZero", "Inexact",
    "Rounded", "Overflow", "Underflow", "Clamped", "Subnormal", "FloatOperation", "ROUND_DOWN",
    "ROUND_HALF_UP", "ROUND_HALF_EVEN", "ROUND_CEILING", "ROUND_FLOOR", "ROUND_UP", "ROUND_HALF_DOWN",
    "ROUND_05UP", "MAX_PREC", "MAX_EMAX", "MIN_EMIN", "MIN_ETINY",
]  # fmt: skip

ROUND_DOWN = "ROUND_DOWN"
ROUND_HALF_UP = "ROUND_HALF_UP"
ROUND_HALF_EVEN = "ROUND_HALF_EVEN"
ROUND_CEILING = "ROUND_CEILING"
ROUND_FLOOR = "ROUND_FLOOR"
ROUND_UP = "ROUND_UP"
ROUND_HALF_DOWN = "ROUND_HALF_DOWN"
ROUND_05UP = "ROUND_05UP"
_ROUNDINGS = (ROUND_DOWN, ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_CEILING, ROUND_FLOOR, ROUND_UP,
              ROUND_HALF_DOWN, ROUND_05UP)  # fmt: skip
MAX_PREC = 999999999999999999
MAX_EMAX = 999999999999999999
MIN_EMIN = -999999999999999999
MIN_ETINY = MIN_EMIN - (MAX_PREC - 1)


class DecimalException(ArithmeticError):
    pass


class Clamped(DecimalException):
    pass


class InvalidOperation(DecimalException):
    pass


class ConversionSyntax(InvalidOperation):
    pass


# MicroPython cannot derive from two built-in exception classes, so the conditions that CPython also
# makes ZeroDivisionError / TypeError subclasses derive from those only (catch them by that name)
class DivisionByZero(ZeroDivisionError):
    pass


class DivisionImpossible(InvalidOperation):
    pass


class DivisionUndefined(InvalidOperation):
    pass


class Inexact(DecimalException):
    pass


class InvalidContext(InvalidOperation):
    pass


class Rounded(DecimalException):
    pass


class Subnormal(DecimalException):
    pass


class Overflow(Inexact):
    pass


class Underflow(Inexact):
    pass


class FloatOperation(DecimalException):
    pass


_SIGNAL_OF = {ConversionSyntax: InvalidOperation, DivisionImpossible: InvalidOperation,
              DivisionUndefined: InvalidOperation, InvalidContext: InvalidOperation}  # fmt: skip
_SIGNALS = (Clamped, DivisionByZero, Inexact, Overflow, Rounded, Underflow, InvalidOperation, Subnormal,
            FloatOperation)  # fmt: skip


def _class_text(cls):
    return "<class 'decimal.%s'>" % cls.__name__


class Context:
    def __init__(self, prec=None, rounding=None, Emin=None, Emax=None, capitals=None, clamp=None,
                 flags=None, traps=None):  # fmt: skip
        base = DefaultContext if "DefaultContext" in globals() else None
        self.prec = prec if prec is not None else (base.prec if base else 28)
        self.rounding = rounding if rounding is not None else (base.rounding if base else ROUND_HALF_EVEN)
        self.Emin = Emin if Emin is not None else (base.Emin if base else -999999)
        self.Emax = Emax if Emax is not None else (base.Emax if base else 999999)
        self.capitals = capitals if capitals is not None else 1
        self.clamp = clamp if clamp is not None else 0
        if traps is None:
            traps = [s for s in _SIGNALS if base and base.traps[s]] if base else [InvalidOperation, DivisionByZero, Overflow]
        if not isinstance(traps, dict):
            traps = {s: s in traps for s in _SIGNALS}
        else:
            traps = {s: bool(traps.get(s, False)) for s in _SIGNALS}
        self.traps = traps
        if flags is None:
            flags = []
        if not isinstance(flags, dict):
            flags = {s: s in flags for s in _SIGNALS}
        self.flags = flags

    def __setattr__(self, name, value):
        if name == "prec" and (not isinstance(value, int) or value < 1):
            raise ValueError("valid range for prec is [1, MAX_PREC]")
        if name == "rounding" and value not in _ROUNDINGS:
            raise TypeError("valid values for rounding are:\n  [ROUND_CEILING, ROUND_FLOOR, ROUND_UP, ROUND_DOWN,\n   ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_HALF_EVEN,\n   ROUND_05UP]")
        object.__setattr__(self, name, value)

    def copy(self):
        return Context(self.prec, self.rounding, self.Emin, self.Emax, self.capitals, self.clamp,
                       dict(self.flags), dict(self.traps))  # fmt: skip

    __copy__ = copy

    def clear_flags(self):
        for s in self.flags:
            self.flags[s] = False

    def clear_traps(self):
        for s in self.traps:
            self.traps[s] = False

    def _raise(self, condition, explanation=None):
        # the signal's flag is set; a trapped signal raises the signal's class (as CPython's C decimal
        # does), naming the condition in the message
        signal = _SIGNAL_OF.get(condition, condition)
        self.flags[signal] = True
        if self.traps.get(signal):
            raise signal("[%s]" % _class_text(condition))
        return signal

    def create_decimal(self, num="0"):
        d = Decimal(num)
        if d._special:
            return d
        return d._fix(self)

    def create_decimal_from_float(self, f):
        return Decimal(f)._fix(self)

    def __repr__(self):
        flags = [s.__name__ for s in _SIGNALS if self.flags.get(s)]
        traps = [s.__name__ for s in _SIGNALS if self.traps.get(s)]
        return ("Context(prec=%d, rounding=%s, Emin=%d, Emax=%d, capitals=%d, clamp=%d, flags=[%s], traps=[%s])"
                % (self.prec, self.rounding, self.Emin, self.Emax, self.capitals, self.clamp,
                   ", ".join(flags), ", ".join(traps)))  # fmt: skip

    # the arithmetic operations as context methods
    def add(self, a, b):
        return _dec(a)._add(_dec(b), self)

    def subtract(self, a, b):
        return _dec(a)._add(_dec(b).copy_negate(), self)

    def multiply(self, a, b):
        return _dec(a)._mul(_dec(b), self)

    def divide(self, a, b):
        return _dec(a)._div(_dec(b), self)

    def sqrt(self, a):
        return _dec(a).sqrt(self)

    def quantize(self, a, b):
        return _dec(a).quantize(b, context=self)

    def exp(self, a):
        return _dec(a).exp(self)

    def ln(self, a):
        return _dec(a).ln(self)

    def log10(self, a):
        return _dec(a).log10(self)

    def power(self, a, b):
        return _dec(a)._pow(b, self)

    def plus(self, a):
        return _dec(a)._fix(self)

    def abs(self, a):
        return abs(_dec(a))


DefaultContext = Context(prec=28, rounding=ROUND_HALF_EVEN, Emin=-999999, Emax=999999, traps=[DivisionByZero, Overflow, InvalidOperation])
BasicContext = Context(prec=9, rounding=ROUND_HALF_UP, traps=[DivisionByZero, Overflow, InvalidOperation, Clamped, Underflow])
ExtendedContext = Context(prec=9, rounding=ROUND_HALF_EVEN, traps=[])

_current = [DefaultContext.copy()]


def getcontext():
    return _current[0]


def setcontext(context):
    if context in (DefaultContext, BasicContext, ExtendedContext):
        context = context.copy()
        context.clear_flags()
    _current[0] = context


class ContextManager:
    def __init__(self, ctx):
        self.new = ctx

    def __enter__(self):
        self.saved = getcontext()
        setcontext(self.new)
        return self.new

    def __exit__(self, *exc):
        setcontext(self.saved)
        return False


# the class is named as CPython names its type; the module keeps it under its private name only
_LocalContext = ContextManager
del ContextManager


def localcontext(ctx=None, **kwargs):
    new = (ctx if ctx is not None else getcontext()).copy()
    for name, value in kwargs.items():
        if name not in ("prec", "rounding", "Emin", "Emax", "capitals", "clamp", "flags", "traps"):
            raise TypeError("'%s' is an invalid keyword argument for this function" % name)
        if name in ("flags", "traps") and not isinstance(value, dict):
            value = {s: s in value for s in _SIGNALS}
        setattr(new, name, value)
    return _LocalContext(new)


DecimalTuple = _namedtuple("DecimalTuple", "sign digits exponent")


def _dec(x, strict=True):
    if isinstance(x, Decimal):
        return x
    if isinstance(x, int):
        return Decimal(x)
    if strict:
        raise TypeError("conversion from %s to Decimal is not supported" % type(x).__name__)
    return NotImplemented


def _round_coefficient(sign, coeff, drop, rounding):
    # coeff with its last `drop` digits removed, rounded by `rounding`; returns (new_coeff, inexact)
    if drop <= 0:
        return coeff * 10 ** -drop if drop < 0 else coeff, False
    div = 10**drop
    q, r = divmod(coeff, div)
    if r == 0:
        return q, False
    half = div // 2 if div > 1 else 0
    if rounding == ROUND_DOWN:
        up = False
    elif rounding == ROUND_UP:
        up = True
    elif rounding == ROUND_CEILING:
        up = sign == 0
    elif rounding == ROUND_FLOOR:
        up = sign == 1
    elif rounding == ROUND_HALF_UP:
        up = r * 2 >= div
    elif rounding == ROUND_HALF_DOWN:
        up = r * 2 > div
    elif rounding == ROUND_HALF_EVEN:
        up = r * 2 > div or (r * 2 == div and q % 2 == 1)
    else:  # ROUND_05UP: away from zero only if the last kept digit is 0 or 5
        up = q % 5 == 0
    return q + 1 if up else q, True


class Decimal:
    __slots__ = ("_sign", "_int", "_exp", "_special")

    def __new__(cls, value="0", context=None):
        self = object.__new__(cls)
        self._special = ""
        if isinstance(value, Decimal):
            self._sign, self._int, self._exp, self._special = value._sign, value._int, value._exp, value._special
            return self
        if isinstance(value, bool) or isinstance(value, int):
            value = int(value)
            self._sign = 1 if value < 0 else 0
            self._int = -value if value < 0 else value
            self._exp = 0
            return self
        if isinstance(value, float):
            if value != value:
                self._sign, self._int, self._exp, self._special = 0, 0, 0, "n"
                return self
            if value in (float("inf"), float("-inf")):
                self._sign, self._int, self._exp, self._special = (1 if value < 0 else 0), 0, 0, "F"
                return self
            negative = str(value).startswith("-")
            n, d = abs(value).as_integer_ratio()
            k = d.bit_length() - 1
            self._sign = 1 if negative else 0
            self._int = n * 5**k
            self._exp = -k
            return self
        if isinstance(value, str):
            return _parse(cls, self, value, context)
        if isinstance(value, (tuple, list)):
            if len(value) != 3:
                raise ValueError("argument must be a sequence of length 3")
            sign, digits, exp = value
            if sign not in (0, 1):
                raise ValueError("sign must be an integer with the value 0 or 1")
            self._sign = sign
            if exp == "F":
                self._int, self._exp, self._special = 0, 0, "F"
                return self
            if exp in ("n", "N"):
                self._int, self._exp, self._special = int("".join(str(d) for d in digits) or "0"), 0, exp
                return self
            coeff = 0
            for dgt in digits:
                if not isinstance(dgt, int) or not 0 <= dgt <= 9:
                    raise ValueError("coefficient must be a tuple of digits")
                coeff = coeff * 10 + dgt
            self._int, self._exp = coeff, int(exp)
            return self
        raise TypeError("conversion from %s to Decimal is not supported" % type(value).__name__)

    # ---- basics ------------------------------------------------------------------------------------

    def _digits(self):
        return str(self._int)

    def is_nan(self):
        return self._special in ("n", "N")

    def is_snan(self):
        return self._special == "N"

    def is_qnan(self):
        return self._special == "n"

    def is_infinite(self):
        return self._special == "F"

    def is_finite(self):
        return not self._special

    def is_zero(self):
        return not self._special and self._int == 0

    def is_signed(self):
        return self._sign == 1

    def adjusted(self):
        if self._special:
            return 0
        return self._exp + len(self._digits()) - 1

    def as_tuple(self):
        if self._special == "F":
            return DecimalTuple(self._sign, (0,), "F")
        if self._special:
            digits = tuple(int(c) for c in str(self._int)) if self._int else ()
            return DecimalTuple(self._sign, digits, self._special)
        return DecimalTuple(self._sign, tuple(int(c) for c in self._digits()), self._exp)

    def as_integer_ratio(self):
        if self._special == "F":
            raise OverflowError("cannot convert Infinity to integer ratio")
        if self._special:
            raise ValueError("cannot convert NaN to integer ratio")
        n = -self._int if self._sign else self._int
        if self._exp >= 0:
            return n * 10**self._exp, 1
        f = _Fraction(n, 10**-self._exp)
        return f.numerator, f.denominator

    # CPython's Decimal is its own real part and conjugate
    @property
    def real(self):
        return self

    @property
    def imag(self):
        return Decimal(0)

    def conjugate(self):
        return self

    def copy_abs(self):
        return _new(0, self._int, self._exp, self._special)

    def copy_negate(self):
        return _new(1 - self._sign, self._int, self._exp, self._special)

    def copy_sign(self, other):
        return _new(_dec(other)._sign, self._int, self._exp, self._special)

    # ---- text --------------------------------------------------------------------------------------

    def __str__(self):
        return self._to_string(getcontext().capitals)

    def to_eng_string(self, context=None):
        return self._to_string(1, eng=True)

    def _to_string(self, capitals=1, eng=False):
        sign = "-" if self._sign else ""
        if self._special == "F":
            return sign + "Infinity"
        if self._special:
            payload = str(self._int) if self._int else ""
            return sign + ("sNaN" if self._special == "N" else "NaN") + payload
        digits = self._digits()
        leftdigits = self._exp + len(digits)
        if self._exp <= 0 and leftdigits > -6:
            dotplace = leftdigits
        elif not eng:
            dotplace = 1
        elif self._int == 0:
            dotplace = (leftdigits + 1) % 3 - 1
        else:
            dotplace = (leftdigits - 1) % 3 + 1
        if dotplace <= 0:
            text = "0." + "0" * -dotplace + digits
        elif dotplace >= len(digits):
            text = digits + "0" * (dotplace - len(digits))
        else:
            text = digits[:dotplace] + "." + digits[dotplace:]
        if leftdigits != dotplace:
            text += ("E" if capitals else "e") + "%+d" % (leftdigits - dotplace)
        return sign + text

    def __repr__(self):
        return "Decimal('%s')" % str(self)

    # ---- rounding to a context ---------------------------------------------------------------------

    def _fix(self, context):
        # round to the context's precision
        if self._special:
            return self
        digits = len(self._digits())
        prec = context.prec
        if digits <= prec:
            return self
        coeff, inexact = _round_coefficient(self._sign, self._int, digits - prec, context.rounding)
        exp = self._exp + digits - prec
        if len(str(coeff)) > prec:
            coeff //= 10
            exp += 1
        result = _new(self._sign, coeff, exp)
        context._raise(Rounded)
        if inexact:
            context._raise(Inexact)
        if result.adjusted() > context.Emax:
            context._raise(Overflow)
            return _overflowed(self._sign, context, context.rounding)
        return result

    def _nan_check(self, other, context):
        for x in (self, other):
            if x is not None and x._special == "N":
                context._raise(InvalidOperation)
                return _new(x._sign, x._int, 0, "n")
        for x in (self, other):
            if x is not None and x._special == "n":
                return x
        return None

    # ---- arithmetic --------------------------------------------------------------------------------

    def _add(self, other, context):
        nan = self._nan_check(other, context)
        if nan is not None:
            return nan
        if self._special == "F" or other._special == "F":
            if self._special == "F" and other._special == "F" and self._sign != other._sign:
                context._raise(InvalidOperation)
                return _new(0, 0, 0, "n")
            return self if self._special == "F" else other
        exp = min(self._exp, other._exp)
        a = self._int * 10 ** (self._exp - exp)
        b = other._int * 10 ** (other._exp - exp)
        total = (-a if self._sign else a) + (-b if other._sign else b)
        if total == 0:
            sign = 1 if (self._sign and other._sign) or (context.rounding == ROUND_FLOOR and self._sign != other._sign) else 0
            return _new(sign, 0, exp)._fix(context)
        return _new(1 if total < 0 else 0, abs(total), exp)._fix(context)

    def _mul(self, other, context):
        nan = self._nan_check(other, context)
        if nan is not None:
            return nan
        sign = self._sign ^ other._sign
        if self._special == "F" or other._special == "F":
            if self.is_zero() or other.is_zero():
                context._raise(InvalidOperation)
                return _new(0, 0, 0, "n")
            return _new(sign, 0, 0, "F")
        return _new(sign, self._int * other._int, self._exp + other._exp)._fix(context)

    def _div(self, other, context):
        nan = self._nan_check(other, context)
        if nan is not None:
            return nan
        sign = self._sign ^ other._sign
        if self._special == "F":
            if other._special == "F":
                context._raise(InvalidOperation)
                return _new(0, 0, 0, "n")
            return _new(sign, 0, 0, "F")
        if other._special == "F":
            return _new(sign, 0, 0)
        if other._int == 0:
            if self._int == 0:
                context._raise(DivisionUndefined)
                return _new(0, 0, 0, "n")
            context._raise(DivisionByZero)
            return _new(sign, 0, 0, "F")
        ideal = self._exp - other._exp
        if self._int == 0:
            return _new(sign, 0, ideal)
        prec = context.prec
        shift = len(other._digits()) - len(self._digits()) + prec + 1
        exp = ideal - shift
        if shift >= 0:
            coeff, rem = divmod(self._int * 10**shift, other._int)
        else:
            coeff, rem = divmod(self._int, other._int * 10**-shift)
        if rem:
            if coeff % 5 == 0:
                coeff += 1  # a sticky digit: the exact quotient lies above coeff
        else:
            while exp < ideal and coeff % 10 == 0:
                coeff //= 10
                exp += 1
        return _new(sign, coeff, exp)._fix(context)

    def _divide_integer(self, other, context):
        # (quotient truncated toward zero, remainder with the dividend's sign), exact
        nan = self._nan_check(other, context)
        if nan is not None:
            return nan, nan
        sign = self._sign ^ other._sign
        if self._special == "F":
            context._raise(InvalidOperation)
            return _new(0, 0, 0, "n"), _new(0, 0, 0, "n")
        if other._special == "F":
            return _new(sign, 0, 0), self
        if other._int == 0:
            if self._int == 0:
                context._raise(DivisionUndefined)
                return _new(0, 0, 0, "n"), _new(0, 0, 0, "n")
            context._raise(DivisionByZero)
            return _new(sign, 0, 0, "F"), _new(0, 0, 0, "n")
        exp = min(self._exp, other._exp)
        a = self._int * 10 ** (self._exp - exp)
        b = other._int * 10 ** (other._exp - exp)
        q, r = divmod(a, b)
        if len(str(q)) > context.prec:
            context._raise(DivisionImpossible)
            return _new(0, 0, 0, "n"), _new(0, 0, 0, "n")
        return _new(sign, q, 0), _new(self._sign, r, exp)._fix(context)

    def _pow(self, other, context):
        other = _dec(other)
        nan = self._nan_check(other, context)
        if nan is not None:
            return nan
        if other._special or (other._exp < 0 and other._int % 10 ** -other._exp):
            return self._pow_real(other, context)
        n = other._int * 10**other._exp if other._exp >= 0 else other._int // 10**-other._exp
        if other._sign:
            n = -n
        if self._special == "F":
            if n == 0:
                return Decimal(1)
            sign = self._sign if n % 2 else 0
            return _new(sign, 0, 0, "F") if n > 0 else _new(sign, 0, 0)
        if self._int == 0:
            if n == 0:
                context._raise(InvalidOperation)
                return _new(0, 0, 0, "n")
            sign = self._sign if n % 2 else 0
            if n < 0:
                return _new(sign, 0, 0, "F")
            return _new(sign, 0, 0)
        sign = self._sign if n % 2 else 0
        if sign == 0 and abs(n) * len(str(self._int)) > 2000 and str(self._int).rstrip("0") != "1":
            # the exact power would have thousands of digits (past int-to-str limits): through exp(n ln x),
            # correctly rounded too
            return _new(0, self._int, self._exp)._pow_real(other, context)
        if n >= 0:
            return _new(sign, self._int**n, self._exp * n)._fix(context)
        exact = _new(sign, self._int**-n, self._exp * -n)
        return _new(sign, 1, 0)._div(exact, context) if sign == 0 else _new(0, 1, 0)._div(exact, context)

    def _pow_real(self, other, context):
        # self ** other for an infinite or non-integral other: exp(other * ln(self)), rounded by the
        # context's rounding; always Inexact and Rounded, as in C decimal
        if self._sign and not (self._int == 0 and not self._special):
            context._raise(InvalidOperation)
            return _new(0, 0, 0, "n")
        if other._special == "F":
            if self._special != "F" and self._int == 1 * 10 ** (len(str(self._int)) - 1) and self.adjusted() == 0:
                return _settle(1, 0, 0, context, context.rounding)  # 1 ** inf: 1.000... (inexact)
            big = self._special == "F" or self > 1
            return _new(0, 0, 0, "F") if big != bool(other._sign) else _new(0, 0, 0)
        if self._special == "F":
            return _new(0, 0, 0) if other._sign else _new(0, 0, 0, "F")
        if self._int == 0:
            return _new(0, 0, 0, "F") if other._sign else _new(0, 0, 0)
        c, e = self._int, self._exp
        # the integer digits of other * ln(self), from a rough logarithm
        rough = abs(_ln_fixed(c, e, 20)) * other._int
        rough = rough * 10**other._exp if other._exp >= 0 else rough // 10**-other._exp
        size = len(str(rough)) - 20

        def compute(w, final):
            ww = w + max(0, other.adjusted())
            ln = _ln_fixed(c, e, ww)
            t = ln * other._int
            t = t * 10**other._exp if other._exp >= 0 else t // 10**-other._exp
            if other._sign:
                t = -t
            # ln's error (see _log), times other, over the 10**(ww - w) dropped below
            err = (20 + len(str(abs(self.adjusted()))) * 10) * 10 + 2
            t //= 10 ** (ww - w)
            return _exp_of_fixed(t, w, None if final else err, context, context.rounding)

        if size > 10:
            # far beyond any exponent: overflow, or underflow to zero
            positive = (self > 1) != bool(other._sign)
            return _settle(1, -(10**9) if positive else 10**9, 0, context, context.rounding)
        return _ziv(compute, context.prec + 10 + max(0, size))

    def __add__(self, other):
        other = _dec(other, False)
        if other is NotImplemented:
            return other
        return self._add(other, getcontext())

    __radd__ = __add__

    def __sub__(self, other):
        other = _dec(other, False)
        if other is NotImplemented:
            return other
        return self._add(other.copy_negate(), getcontext())

    def __rsub__(self, other):
        other = _dec(other, False)
        if other is NotImplemented:
            return other
        return other._add(self.copy_negate(), getcontext())

    def __mul__(self, other):
        other = _dec(other, False)
        if other is NotImplemented:
            return other
        return self._mul(other, getcontext())

    __rmul__ = __mul__

    def __truediv__(self, other):
        other = _dec(other, False)
        if other is NotImplemented:
            return other
        return self._div(other, getcontext())

    def __rtruediv__(self, other):
        other = _dec(other, False)
        if other is NotImplemented:
            return other
        return other._div(self, getcontext())

    def __floordiv__(self, other):
        other = _dec(other, False)
        if other is NotImplemented:
            return other
        return self._divide_integer(other, getcontext())[0]

    def __rfloordiv__(self, other):
        other = _dec(other, False)
        if other is NotImplemented:
            return other
        return other._divide_integer(self, getcontext())[0]

    def __mod__(self, other):
        other = _dec(other, False)
        if other is NotImplemented:
            return other
        if other.is_zero() and not self.is_nan():
            getcontext()._raise(InvalidOperation if self._int or self._special else DivisionUndefined)
            return _new(0, 0, 0, "n")
        return self._divide_integer(other, getcontext())[1]

    def __rmod__(self, other):
        other = _dec(other, False)
        if other is NotImplemented:
            return other
        return other._divide_integer(self, getcontext())[1]

    def __divmod__(self, other):
        other = _dec(other, False)
        if other is NotImplemented:
            return other
        return self._divide_integer(other, getcontext())

    def __rdivmod__(self, other):
        other = _dec(other, False)
        if other is NotImplemented:
            return other
        return other._divide_integer(self, getcontext())

    def __pow__(self, other, modulo=None):
        if modulo is not None:
            raise NotImplementedError("three-argument pow() of Decimals is not supported in the sandbox")
        other = _dec(other, False)
        if other is NotImplemented:
            return other
        return self._pow(other, getcontext())

    def __rpow__(self, other):
        other = _dec(other, False)
        if other is NotImplemented:
            return other
        return other._pow(self, getcontext())

    def __neg__(self):
        if self._special:
            return self.copy_negate()
        context = getcontext()
        if self._int == 0:
            return _new(1 if context.rounding == ROUND_FLOOR and not self._sign else 0, 0, self._exp)
        return self.copy_negate()._fix(context)

    def __pos__(self):
        if self._special:
            return self
        context = getcontext()
        if self._int == 0:
            # 0 + x: a negative zero stays negative only when rounding toward -infinity
            return _new(1 if self._sign and context.rounding == ROUND_FLOOR else 0, 0, self._exp)
        return self._fix(context)

    def __abs__(self):
        if self._special:
            return self.copy_abs()
        return self.copy_abs()._fix(getcontext())

    def sqrt(self, context=None):
        context = context or getcontext()
        nan = self._nan_check(None, context)
        if nan is not None:
            return nan
        if self._special == "F":
            if self._sign:
                context._raise(InvalidOperation)
                return _new(0, 0, 0, "n")
            return self
        if self._int == 0:
            return _new(self._sign, 0, self._exp // 2)
        if self._sign:
            context._raise(InvalidOperation)
            return _new(0, 0, 0, "n")
        prec = context.prec
        ideal = self._exp // 2
        # coefficient c and exponent e (even) with value c * 10**e; scale to get prec + 2 digits in the root
        c, e = self._int, self._exp
        if e % 2:
            c *= 10
            e -= 1
        digits = len(str(c))
        shift = max(0, prec + 2 - (digits + 1) // 2)
        c *= 10 ** (2 * shift)
        e -= 2 * shift
        r = _isqrt(c)
        exact = r * r == c
        exp = e // 2
        if exact:
            while exp < ideal and r % 10 == 0:
                r //= 10
                exp += 1
        elif r % 5 == 0:
            r += 1  # sticky digit
        saved = context.rounding
        try:
            context.rounding = ROUND_HALF_EVEN
            return _new(0, r, exp)._fix(context)
        finally:
            context.rounding = saved

    def exp(self, context=None):
        context = context or getcontext()
        nan = self._nan_check(None, context)
        if nan is not None:
            return nan
        if self._special == "F":
            return _new(0, 0, 0) if self._sign else self
        if self._int == 0:
            return _new(0, 1, 0)
        if self.adjusted() > 8:
            # beyond any exponent: overflow, or underflow to zero
            return _settle(1, 10**9 if self._sign else -(10**9), 0, context, ROUND_HALF_EVEN)
        x = self

        def compute(w, final):
            value = x._int * 10 ** (w + x._exp) if w + x._exp >= 0 else x._int // 10 ** -(w + x._exp)
            return _exp_of_fixed(-value if x._sign else value, w, None if final else 1, context, ROUND_HALF_EVEN)

        return _ziv(compute, context.prec + 10 + max(0, self.adjusted()))

    def _log(self, context, ten):
        context = context or getcontext()
        nan = self._nan_check(None, context)
        if nan is not None:
            return nan
        if self._int == 0 and not self._special:
            return _new(1, 0, 0, "F")
        if self._sign:
            context._raise(InvalidOperation)
            return _new(0, 0, 0, "n")
        if self._special == "F":
            return self
        c, e = self._int, self._exp
        power_of_ten = str(c).rstrip("0") == "1"
        if power_of_ten and (ten or self.adjusted() == 0):
            # exact: log10 of a power of ten, ln(1)
            return Decimal(self.adjusted() if ten else 0)
        # digits lost near 1 (ln(1 + d) is about d) and the integer digits of the logarithm
        near_one = c - 10**-e if e < 0 else 1
        lost = max(0, -e - len(str(abs(near_one)))) if near_one else 0
        w0 = context.prec + 10 + lost + len(str(abs(self.adjusted())))

        def compute(w, final):
            value = _ln_fixed(c, e, w)
            err = 20 + len(str(abs(self.adjusted()))) * 10
            if ten:
                value = value * 10**w // _constant("ln10", w)
                err *= 2
            return _settle(value, w, None if final else err, context, ROUND_HALF_EVEN)

        return _ziv(compute, w0)

    def ln(self, context=None):
        return self._log(context, False)

    def log10(self, context=None):
        return self._log(context, True)

    def normalize(self, context=None):
        context = context or getcontext()
        if self._special:
            return self
        d = self._fix(context)
        if d._int == 0:
            return _new(d._sign, 0, 0)
        coeff, exp = d._int, d._exp
        while coeff % 10 == 0:
            coeff //= 10
            exp += 1
        return _new(d._sign, coeff, exp)

    def quantize(self, exp, rounding=None, context=None):
        context = context or getcontext()
        exp = _dec(exp)
        nan = self._nan_check(exp, context)
        if nan is not None:
            return nan
        if self._special or exp._special:
            if self._special == "F" and exp._special == "F":
                return self
            context._raise(InvalidOperation)
            return _new(0, 0, 0, "n")
        rounding = rounding or context.rounding
        target = exp._exp
        if self._int == 0:
            result = _new(self._sign, 0, target)
        else:
            coeff, inexact = _round_coefficient(self._sign, self._int, target - self._exp, rounding)
            result = _new(self._sign, coeff, target)
            if inexact:
                context._raise(Inexact)
                context._raise(Rounded)
        if len(result._digits()) > context.prec:
            context._raise(InvalidOperation)
            return _new(0, 0, 0, "n")
        return result

    def to_integral_value(self, rounding=None, context=None):
        context = context or getcontext()
        if self._special or self._exp >= 0:
            return self
        coeff, _ = _round_coefficient(self._sign, self._int, -self._exp, rounding or context.rounding)
        return _new(self._sign, coeff, 0)

    to_integral = to_integral_value

    def to_integral_exact(self, rounding=None, context=None):
        context = context or getcontext()
        if self._special or self._exp >= 0:
            return self
        coeff, inexact = _round_coefficient(self._sign, self._int, -self._exp, rounding or context.rounding)
        if inexact:
            context._raise(Inexact)
        context._raise(Rounded)
        return _new(self._sign, coeff, 0)

    def compare(self, other, context=None):
        other = _dec(other)
        if self.is_nan() or other.is_nan():
            return _new(0, 0, 0, "n")
        c = self._cmp(other)
        return Decimal(c)

    def max(self, other, context=None):
        other = _dec(other)
        return self if self._cmp(other) >= 0 else other

    def min(self, other, context=None):
        other = _dec(other)
        return self if self._cmp(other) <= 0 else other

    # ---- comparison and conversion -----------------------------------------------------------------

    def _cmp(self, other):
        # sign of self - other for non-NaN Decimals
        if self._special == "F" or other._special == "F":
            a = 0 if self._special != "F" else (-1 if self._sign else 1)
            b = 0 if other._special != "F" else (-1 if other._sign else 1)
            if a != b:
                return (a > b) - (a < b)
            if a:
                return 0
        exp = min(self._exp, other._exp)
        x = self._int * 10 ** (self._exp - exp)
        y = other._int * 10 ** (other._exp - exp)
        x = -x if self._sign else x
        y = -y if other._sign else y
        return (x > y) - (x < y)

    def _compare_any(self, other, ordering):
        # sign of self - other for Decimal/int/float/Fraction other; None: unordered; NotImplemented
        if isinstance(other, float):
            if ordering:
                getcontext()._raise(FloatOperation) if getcontext().traps.get(FloatOperation) else None
            other = Decimal(other)
        elif isinstance(other, _Fraction):
            if self._special:
                if self.is_nan():
                    return None
                return -1 if self._sign else 1
            n, d = self.as_integer_ratio()
            diff = n * other.denominator - other.numerator * d
            return (diff > 0) - (diff < 0)
        else:
            other = _dec(other, False)
            if other is NotImplemented:
                return other
        if self.is_nan() or other.is_nan():
            if ordering:
                if self.is_snan() or other.is_snan():
                    getcontext()._raise(InvalidOperation)
                else:
                    getcontext()._raise(InvalidOperation)
            return None
        return self._cmp(other)

    def __eq__(self, other):
        c = self._compare_any(other, False)
        if c is NotImplemented:
            return c
        return c == 0

    def __lt__(self, other):
        c = self._compare_any(other, True)
        if c is NotImplemented:
            return c
        return c is not None and c < 0

    def __le__(self, other):
        c = self._compare_any(other, True)
        if c is NotImplemented:
            return c
        return c is not None and c <= 0

    def __gt__(self, other):
        c = self._compare_any(other, True)
        if c is NotImplemented:
            return c
        return c is not None and c > 0

    def __ge__(self, other):
        c = self._compare_any(other, True)
        if c is NotImplemented:
            return c
        return c is not None and c >= 0

    def __hash__(self):
        if self._special:
            if self.is_snan():
                raise TypeError("Cannot hash a signaling NaN value.")
            if self.is_nan():
                return object.__hash__(self)
            return -_HASH_INF if self._sign else _HASH_INF
        # CPython's: the value modulo 2**61-1, as ints, floats and Fractions hash, -2 for -1 (the dict's hash
        # of an object equal to -1 is -1 again, patch 0361).
        if self._exp >= 0:
            exp_hash = pow(10, self._exp, _HASH_MODULUS)
        else:
            exp_hash = pow(_HASH_10INV, -self._exp, _HASH_MODULUS)
        hash_ = self._int * exp_hash % _HASH_MODULUS
        hash_ = -hash_ if self._sign else hash_
        return -2 if hash_ == -1 else hash_

    def __bool__(self):
        return self._special != "" or self._int != 0

    def __float__(self):
        if self._special == "n" or self._special == "N":
            if self._special == "N":
                raise ValueError("cannot convert signaling NaN to float")
            return float("-nan") if self._sign else float("nan")
        return float(str(self))

    def __int__(self):
        if self._special == "F":
            raise OverflowError("cannot convert Infinity to integer")
        if self._special:
            raise ValueError("cannot convert NaN to integer")
        if self._exp >= 0:
            n = self._int * 10**self._exp
        else:
            n = self._int // 10**-self._exp
        return -n if self._sign else n

    __trunc__ = __int__

    def __floor__(self):
        return int(self.to_integral_value(ROUND_FLOOR))

    def __ceil__(self):
        return int(self.to_integral_value(ROUND_CEILING))

    def __round__(self, n=None):
        if n is None:
            if self._special:
                raise (ValueError("cannot round a NaN") if self.is_nan() else OverflowError("cannot round an infinity"))
            return int(self.to_integral_value(ROUND_HALF_EVEN))
        return self.quantize(_new(0, 1, -n))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __reduce__(self):
        return (type(self), (str(self),))

    # ---- format specs --------------------------------------------------------------------------------

    def __format__(self, spec, _localeconv=None):
        return _format(self, spec)


# ---- exp, ln, log10 and non-integral powers ------------------------------------------------------------
# Each is computed in fixed point (an int A standing for A * 10**-w) with an error bound, and rounded to the
# context's precision only when every value within the bound rounds the same; otherwise again with more
# digits (Ziv's strategy): the result is the correctly rounded one, as the C decimal's. exp, ln and log10
# round half to even whatever the context's rounding, as CPython's C decimal does; powers use the context's.

_CONSTANTS = {}  # name -> (digits w, value * 10**w)


def _atanh_inv(n, w):
    # atanh(1/n) * 10**w for an int n >= 2, within a few units: 1/n + 1/(3 n**3) + 1/(5 n**5) + ...
    term = 10 ** (w + 10) // n
    total = 0
    k = 1
    nn = n * n
    while term:
        total += term // k
        term //= nn
        k += 2
    return total // 10**10


def _constant(name, w):
    # ln 2 (2 atanh(1/3)) and ln 10 (3 ln 2 + ln 1.25, ln 1.25 = 2 atanh(1/9)) to w digits, cached
    known = _CONSTANTS.get(name)
    if known is None or known[0] < w:
        ww = w + 20
        ln2 = 2 * _atanh_inv(3, ww)
        value = ln2 if name == "ln2" else 3 * ln2 + 2 * _atanh_inv(9, ww)
        known = _CONSTANTS[name] = (ww, value)
    return known[1] // 10 ** (known[0] - w)


def _exp_fixed(x, w):
    # exp(x * 10**-w) * 10**w for |x * 10**-w| < 3, within a few units: the argument halved 12 times,
    # Taylor's series, then squared back
    g = 8
    one = 10 ** (w + g)
    r = x * 10**g >> 12
    total = term = one
    k = 1
    while term:
        term = term * r // (k * one)
        total += term
        k += 1
    for _ in range(12):
        total = total * total // one
    return total // 10**g


def _ln_fixed(c, e, w):
    # ln(c * 10**e) * 10**w for c > 0, within about (10 + number of digits of the exponent) units
    digits = len(str(c))
    n = e + digits - 1  # c * 10**e = m * 10**n with 1 <= m < 10
    g = 6
    one = 10 ** (w + g)
    m = c * one // 10 ** (digits - 1)
    j = 0
    while m >= 2 * one:
        m //= 2
        j += 1
    t = (m - one) * one // (m + one)  # ln m = j ln 2 + 2 atanh(t), 0 <= t < 1/3
    tt = t * t // one
    total = 0
    k = 1
    term = t
    while term:
        total += term // k
        term = term * tt // one
        k += 2
    ln_m = 2 * total + j * _constant("ln2", w + g)
    return (ln_m + n * _constant("ln10", w + g)) // 10**g


def _rounded(sign, a, exp, prec, rounding):
    # a * 10**exp (a > 0) rounded to prec digits: (coefficient, exponent)
    drop = len(str(a)) - prec
    coeff, _ = _round_coefficient(sign, a, drop, rounding)
    if len(str(coeff)) > prec:
        coeff //= 10
        drop += 1
    return coeff, exp + drop


def _settle(value, w, err, context, rounding):
    # the Decimal for value * 10**-w (true value within err units; err None: take value as it is) rounded to
    # the context's precision, or None when the bound straddles a rounding boundary
    final = err is None
    err = err or 0
    sign = 1 if value < 0 else 0
    a = -value if sign else value
    if a == 0 and final:
        return _new(sign, 0, -w)
    if a - err <= 0:
        return None
    low = _rounded(sign, a - err, -w, context.prec, rounding)
    if low != _rounded(sign, a + err, -w, context.prec, rounding):
        return None
    context._raise(Inexact)
    context._raise(Rounded)
    result = _new(sign, low[0], low[1])
    if result.adjusted() > context.Emax:
        context._raise(Overflow)
        return _overflowed(sign, context, rounding)
    if result.adjusted() < context.Emin:
        # no subnormal results (module docstring): the Etiny zero C decimal gives deep below Emin
        for signal in (Underflow, Subnormal, Clamped):
            context._raise(signal)
        return _new(sign, 0, context.Emin - context.prec + 1)
    return result


def _overflowed(sign, context, rounding):
    # an overflow's result (the specification's): infinity, or the largest finite number when the rounding
    # goes toward zero
    if rounding in (ROUND_DOWN, ROUND_05UP) or rounding == (ROUND_FLOOR if sign == 0 else ROUND_CEILING):
        return _new(sign, 10**context.prec - 1, context.Emax - context.prec + 1)
    return _new(sign, 0, 0, "F")


def _exp_of_fixed(x, w, extra_err, context, rounding):
    # exp(x * 10**-w), x's error within extra_err units (None: final, take the approximation); None when
    # not yet decided
    ln10 = _constant("ln10", w)
    q = x // ln10
    r = x - q * ln10  # 0 <= r < ln 10
    e = _exp_fixed(r, w)
    # r is off by up to |q| + extra_err + 1 units, which exp (< 10 here) scales by 10
    return _settle(e, w - q, None if extra_err is None else 10 * (abs(q) + extra_err + 2) + 20, context, rounding)


def _ziv(compute, w):
    # compute(w, final) with more digits until it decides; an exact result under a directed rounding never
    # decides: after a few rounds the rounding of the last approximation is taken (final=True)
    for _ in range(5):
        result = compute(w, False)
        if result is not None:
            return result
        w *= 2
    return compute(w, True)


def _new(sign, coeff, exp, special=""):
    d = object.__new__(Decimal)
    d._sign = sign
    d._int = coeff
    d._exp = exp
    d._special = special
    return d


def _isqrt(n):
    if n == 0:
        return 0
    x = 1 << ((n.bit_length() + 1) // 2)
    while True:
        y = (x + n // x) // 2
        if y >= x:
            return x
        x = y


def _parse(cls, self, text, context):
    s = text.strip().replace("_", "") if "_" not in text.strip()[:1] + text.strip()[-1:] else None
    if s is None or "__" in text:
        return _invalid(self, text, context)
    sign = 0
    body = s
    if body[:1] in ("+", "-"):
        sign = 1 if body[0] == "-" else 0
        body = body[1:]
    low = body.lower()
    self._sign = sign
    if low in ("inf", "infinity"):
        self._int, self._exp, self._special = 0, 0, "F"
        return self
    for prefix, kind in (("snan", "N"), ("nan", "n")):
        if low.startswith(prefix):
            payload = body[len(prefix):]
            if payload and not payload.isdigit():
                return _invalid(self, text, context)
            self._int, self._exp, self._special = int(payload) if payload else 0, 0, kind
            return self
    mantissa, exp = low, 0
    if "e" in low:
        mantissa, _, exp_text = low.partition("e")
        digits_part = exp_text[1:] if exp_text[:1] in ("+", "-") else exp_text
        if not digits_part.isdigit():
            return _invalid(self, text, context)
        exp = int(exp_text)
    whole, _, frac = mantissa.partition(".")
    if (not whole and not frac) or (whole and not whole.isdigit()) or (frac and not frac.isdigit()):
        return _invalid(self, text, context)
    if mantissa.count(".") > 1:
        return _invalid(self, text, context)
    self._int = int(whole + frac) if (whole + frac) else 0
    self._exp = exp - len(frac)
    return self


def _invalid(self, text, context):
    context = context or getcontext()
    context._raise(ConversionSyntax)
    self._sign, self._int, self._exp, self._special = 0, 0, 0, "n"
    return self


# ---- format specs ----------------------------------------------------------------------------------------


def _parse_spec(spec):
    fill, align = " ", ""
    i = 0
    if len(spec) >= 2 and spec[1] in "<>=^":
        fill, align, i = spec[0], spec[1], 2
    elif spec[:1] in ("<", ">", "=", "^"):
        align, i = spec[0], 1
    sign = ""
    if i < len(spec) and spec[i] in "+- ":
        sign = spec[i]
        i += 1
    z = False
    if i < len(spec) and spec[i] == "z":
        z = True
        i += 1
    alt = False
    if i < len(spec) and spec[i] == "#":
        alt = True
        i += 1
    zero = False
    if i < len(spec) and spec[i] == "0":
        zero = True
        i += 1
    start = i
    while i < len(spec) and spec[i].isdigit():
        i += 1
    width = int(spec[start:i]) if i > start else None
    grouping = ""
    if i < len(spec) and spec[i] == ",":
        grouping = ","
        i += 1
    precision = None
    if i < len(spec) and spec[i] == ".":
        i += 1
        start = i
        while i < len(spec) and spec[i].isdigit():
            i += 1
        if i == start:
            raise ValueError("Invalid format specifier")
        precision = int(spec[start:i])
    kind = spec[i:] if i < len(spec) else ""
    if len(kind) > 1 or (kind and kind not in "eEfFgGn%"):
        raise ValueError("Invalid format specifier")
    if zero and not align:
        fill, align = "0", "="
    elif zero and fill == " " and len(spec) < 2 or (zero and spec[1:2] not in ("<", ">", "=", "^")):
        fill = "0"
    return fill, align or ">", sign, z, alt, width, grouping, precision, kind


def _group(digits, sep, min_width):
    if not sep:
        return "0" * (min_width - len(digits)) + digits if min_width > len(digits) else digits
    groups = []
    rest = digits
    while True:
        want = max(len(rest), min_width, 1)
        take = min(3, want)
        chunk = rest[-take:] if len(rest) >= take else rest
        groups.append("0" * (take - len(chunk)) + chunk)
        rest = rest[: len(rest) - len(chunk)] if chunk else rest
        min_width -= take
        if not rest and min_width <= 0:
            break
        min_width -= 1
    return sep.join(reversed(groups))


def _format(d, spec):
    fill, align, sign_opt, z, alt, width, grouping, precision, kind = _parse_spec(spec)
    context = getcontext()
    rounding = context.rounding
    negative = d._sign == 1
    rest = ""
    if d._special:
        body = "Infinity" if d._special == "F" else "NaN"
        intpart = ""
        rest = body + ("%" if kind == "%" else "")
    else:
        if kind == "%":
            d = _new(d._sign, d._int, d._exp + 2)
        if kind in ("", "g", "G", "n") and precision is not None and precision == 0:
            precision = 1
        if kind in ("f", "F", "%"):
            if precision is not None:
                d = d.quantize(_new(0, 1, -precision), rounding=rounding, context=Context(prec=10**9))
        elif kind in ("e", "E"):
            if precision is not None and d._int:
                digits = len(d._digits())
                keep = precision + 1
                coeff, _ = _round_coefficient(d._sign, d._int, digits - keep, rounding)
                exp = d._exp + digits - keep
                if len(str(coeff)) > keep:
                    coeff //= 10
                    exp += 1
                d = _new(d._sign, coeff, exp)
        elif kind in ("g", "G", "n", "") and precision is not None and d._int:
            digits = len(d._digits())
            if digits > precision:
                coeff, _ = _round_coefficient(d._sign, d._int, digits - precision, rounding)
                exp = d._exp + digits - precision
                if len(str(coeff)) > precision:
                    coeff //= 10
                    exp += 1
                d = _new(d._sign, coeff, exp)
        digits = d._digits() if d._int else "0"
        if d._int == 0 and kind in ("e", "E") and precision is None:
            digits = "0"
        leftdigits = d._exp + len(digits)
        if kind in ("e", "E"):
            dotplace = 1 - precision if d._int == 0 and precision is not None else 1
        elif kind in ("f", "F", "%"):
            dotplace = min(leftdigits, 1) if d._int == 0 else leftdigits
        elif kind in ("g", "G", "n", ""):
            if d._exp <= 0 and leftdigits > -6:
                dotplace = leftdigits
            else:
                dotplace = 1
        if dotplace < 0:
            intpart = "0"
            frac = "0" * -dotplace + digits
        elif dotplace > len(digits):
            intpart = digits + "0" * (dotplace - len(digits))
            frac = ""
        else:
            intpart = digits[:dotplace] or "0"
            frac = digits[dotplace:]
        if kind in ("e", "E") and precision is not None:
            frac = frac + "0" * (precision - len(frac))
        if frac or alt:
            rest = "." + frac
        exponent = leftdigits - dotplace
        if kind in ("e", "E") or (kind in ("g", "G", "n", "") and exponent != 0):
            echar = "E" if kind in ("E", "G") or (kind == "" and context.capitals) else "e"
            rest += "%s%+d" % (echar, exponent)
        if kind == "%":
            rest += "%"
        if z and negative and not d._int:
            negative = False
    sign = "-" if negative else ("+" if sign_opt == "+" else (" " if sign_opt == " " else ""))
    min_width = 0
    if fill == "0" and align == "=" and width:
        min_width = width - len(sign) - len(rest)
    if intpart:
        intpart = _group(intpart, grouping, min_width)
    body = sign + intpart + rest
    if width is None or len(body) >= width:
        return body
    pad = width - len(body)
    if align == "<":
        return body + fill * pad
    if align == "^":
        return fill * (pad // 2) + body + fill * (pad - pad // 2)
    if align == "=":
        return sign + fill * pad + intpart + rest
    return fill * pad + body
