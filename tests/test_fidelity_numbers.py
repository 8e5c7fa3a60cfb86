"""Numbers and formatting as CPython 3.11 (issue 15): the format-spec mini-language (format(), str.format,
f-strings), the % operator, round(), __format__ and the numbers_*.py programs of the agent corpus.

Every case runs the same code in the sandbox and in the CPython running the tests and compares the output
byte for byte (results and exception messages). Values come from a seeded grid: random doubles of every
magnitude, exact ties, huge and tiny values, infinities, NaN, negative zero, big ints, bools."""

from __future__ import annotations

import contextlib
import io
import math
import random

import pytest
from fidelity import SHOW, assert_prints_what_cpython_prints

from datasette_micropython import Sandbox


def run_cpython(code: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<case>", "exec"), {"__name__": "__main__"})  # noqa: S102
    return out.getvalue()


def run_guest(code: str) -> str:
    with Sandbox(memory_limit=64 * 2**20, time_limit=60) as sb:
        return sb.run(code, eval_trailing=False).stdout


def assert_same_lines(code: str) -> None:
    expected = run_cpython(code).splitlines()
    got = run_guest(code).splitlines()
    diffs = [(e, g) for e, g in zip(expected, got) if e != g]
    assert not diffs, f"{len(diffs)} of {len(expected)} lines differ, first ones: {diffs[:8]}"
    assert len(got) == len(expected)


# Prints one line per (value, spec): the result's repr or the exception's type and message.
TRY_FORMAT = """
def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)
"""


def float_values() -> list[str]:
    """Float literals (repr round-trips: the guest parses correctly rounded)."""
    rng = random.Random(1511)
    values = [
        0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 2.675, 1.005, 0.045, 1234567.891, 123456.78, 3.0,
        1e16, 1e22, 9.999999999999999e22, 1e-4, 1e-5, 0.0001234, 5e-324, 2.2250738585072014e-308,
        1.7976931348623157e308, 123.456, -0.001, 99.995, 999999.5, 0.1, 0.2 + 0.1, 1 / 3, 2 / 3, 1e100,
        12345678901234567890.0, 0.5e-10, 7.0, 100.0, 1000000.0, 9.5, 10.5, 0.05, 0.25, 1e15, 123e-20,
    ]  # fmt: skip
    for _ in range(50):
        values.append(rng.uniform(-1e6, 1e6))
    for _ in range(30):
        values.append(rng.choice([-1, 1]) * 10 ** rng.uniform(-30, 30))
    for _ in range(15):
        # exact ties at 2 and 0 decimals: multiples of 1/8
        values.append(rng.randrange(-8000, 8000) / 8)
    for _ in range(10):
        values.append(rng.getrandbits(64) * 2.0 ** rng.randrange(-1100, 900))
    return [repr(v) for v in values] + ["float('inf')", "float('-inf')", "float('nan')"]


FLOAT_SPECS = [
    "", "f", ".2f", ".0f", ".1f", ",.2f", "_.3f", ">12", "<12", "^12", "=+12.3f", "012.2f", "+.3e", "e",
    ".0e", "#.0e", "#.0f", "E", "g", ".3g", "#g", ".10g", "G", ".17g", "%", ".1%", ",", "_", ",.0f", "n",
    ".3n", ".3", ".1", ".0", "#", "#.3", "z.2f", "z", "z.0e", "*^15,.2f", "x>10.1f", "010", "010,",
    "012,.2f", " .2f", "-.2f", ".12", "#.3g", ".0%", "15.4e", "€^13.2f", ",g", ".20f", ".30e", ",e",
    "0=+14,.1f", "F", ".2F", "10", "+", " ", "_g", ".25g", ".16", "#.0%", "d", "s", "x", ",n", "..2f",
    ".2ff", "=", ".f", ",_f", "z,.1f", "^", "07", "-010.3e", "0<10.1f", "0>10.1f",
]  # fmt: skip

INT_VALUES = [
    "0", "1", "-1", "7", "255", "-255", "1234567", "-987654321", "2**64", "-(2**70)", "10**30 + 7", "True",
    "False", "65", "0x1F600", "-5",
]  # fmt: skip

INT_SPECS = [
    "", "d", "n", ",", "_", ",d", "_d", "b", "o", "x", "X", "#x", "#X", "#b", "#o", "_x", "_b", "_o", ",x",
    "08d", "+d", " d", "-d", "=10", "^10,", "<10", ">10", "010,", "012_x", "#012x", "+#x", "c", "+c",
    "#c", ",c", ".2", ".2f", "e", ".3e", "g", "%", ",.2f", "10.1%", "z", "zd", "s", "€^12,", "=+12,",
    "q", "dd", "0=10_", "#_b",
]  # fmt: skip

STR_VALUES = ["'abc'", "'naïve café'", "'日本語'", "''", "'a longer piece of text'"]

STR_SPECS = [
    "", "s", ">10", "<10", "^11", ".3", "€<8", "10.2s", "*^9", "+", "=5", ",", "#", "05", ">05", "d", "z",
    ".0", "^", "x^12.4",
]  # fmt: skip


def grid_program(values: list[str], specs: list[str]) -> str:
    lines = [TRY_FORMAT]
    for i, v in enumerate(values):
        lines.append(f"v = {v}")
        for spec in specs:
            lines.append(f"attempt({str(i) + ' ' + spec!r}, lambda: format(v, {spec!r}))")
    return "\n".join(lines)


def chunks(seq: list[str], n: int) -> list[list[str]]:
    return [seq[i : i + n] for i in range(0, len(seq), n)]


@pytest.mark.parametrize("values", chunks(float_values(), 40), ids=lambda v: f"floats{len(v)}")
def test_float_format_specs_match_cpython(values):
    assert_same_lines(grid_program(values, FLOAT_SPECS))


def test_int_format_specs_match_cpython():
    assert_same_lines(grid_program(INT_VALUES, INT_SPECS))


def test_str_format_specs_match_cpython():
    assert_same_lines(grid_program(STR_VALUES, STR_SPECS))


def test_str_format_and_fstrings_use_the_same_specs():
    # the same values through str.format, f-strings (nested specs too) and format()
    code = (
        TRY_FORMAT
        + """
rows = [('Widget', 1234567.891, 0.1234), ('Gadget', -42.5, 0.5), ('Ünïcode', 2.675, 1.0), ('x', 1e21, -0.0)]
for name, amount, share in rows:
    print(f"{name:<10}|{amount:>16,.2f}|{share:>8.1%}|{amount:12}|{amount!r:>24}|{name!r:^12}")
    print("{:<10}|{:>16,.2f}|{:>8.1%}|{:12}".format(name, amount, share, amount))
    print("{0:{1}.{2}f}|{n:_^20}".format(amount, 14, 3, n=name))
    w, p = 12, 2
    print(f"{amount:{w}.{p}f}|{amount:{w},}|{share:.{p}e}|{amount=:.1f}")
print(f"{3.0:5}|{123456.78:,}|{1234567.891:,.2f}|{2.5:.0f}|{0.125:.2f}|{1e16:,}|{1e-7:f}")
print("{:%}|{:,d}|{:_x}|{:#010b}|{:=+8}|{:z.1f}".format(0.256, 10**12, 2**40, 5, -3, -0.04))
attempt('bad', lambda: "{:,s}".format('x'))
attempt('bad2', lambda: "{:q}".format(1.5))
attempt('bad3', lambda: f"{'x':>5d}")
"""
    )
    assert_same_lines(code)


PERCENT_CASES = [
    ("'%5.2f'", "3.14159"), ("'%-10s|'", "'left'"), ("'%05d'", "42"), ("'%05d'", "-42"), ("'%x'", "255"),
    ("'%X'", "255"), ("'%#x'", "255"), ("'%#o'", "8"), ("'%o'", "8"), ("'%e'", "12345.678"),
    ("'%E'", "0.000123"), ("'%g'", "0.0001"), ("'%g'", "123456789.0"), ("'%G'", "1e-10"), ("'%#g'", "2.0"),
    ("'%r'", "'quote'"), ("'%r'", "1.1"), ("'%s'", "1.1"), ("'%s'", "[1, 'a']"), ("'%%'", "()"),
    ("'%(name)s is %(age)d'", "{'name': 'Ann', 'age': 41.9}"), ("'%*d'", "(6, 42)"), ("'%-*d|'", "(6, 42)"),
    ("'%*d|'", "(-6, 42)"), ("'%.*f'", "(3, 2.0005)"), ("'%+d'", "5"), ("'% d'", "5"), ("'%.3d'", "-5"),
    ("'%c'", "65"), ("'%c'", "'é'"), ("'%c'", "0x1F600"), ("'%a'", "'café'"), ("'%10.3s|'", "'naïveté'"),
    ("'%-8s|'", "'Zürich'"), ("'%8s|'", "'日本'"), ("'%.2f'", "0.125"), ("'%.2f'", "0.375"), ("'%.0f'", "0.5"),
    ("'%.0f'", "1.5"), ("'%.0f'", "2.5"), ("'%.17g'", "0.1"), ("'%.17g'", "(1 / 3)"), ("'%.20f'", "0.1"),
    ("'%d'", "3.99"), ("'%d'", "-3.99"), ("'%i'", "True"), ("'%f'", "10**20"), ("'%f'", "float('inf')"),
    ("'%05f'", "float('-inf')"), ("'%F'", "float('nan')"), ("'%x'", "1.5"), ("'%d'", "'a'"),
    ("'%c'", "'ab'"), ("'%f'", "'a'"), ("'%5.1f%%'", "99.95"), ("'%-+8.2f|'", "3.14159"),
    ("'%08.3f'", "-3.14159"), ("'%.3e'", "0.0"), ("'%#.0f'", "3.0"), ("'%#.0e'", "3.0"), ("'%+.2e'", "-0.0"),
    ("'%s and %s'", "('a', 'b')"), ("'%d items'", "(1, 2)"), ("'%s %s'", "('a',)"), ("'%.1f'", "0.05"),
    ("'%.1f'", "0.25"), ("'%.2f'", "2.675"), ("'%10.4f|'", "1234.56789"), ("'%-10.2e|'", "1234.56789"),
    ("'%u'", "7"), ("'%x'", "-255"), ("'%#X'", "-255"), ("'%o'", "2**70"), ("'%d'", "10**25"),
    ("'%.5s'", "'abc'"), ("'%3c|'", "'x'"), ("'%-3c|'", "66"), ("'%d%%'", "50"), ("'%z'", "1"),
]  # fmt: skip


def test_percent_formatting_matches_cpython():
    lines = [TRY_FORMAT]
    for i, (fmt, args) in enumerate(PERCENT_CASES):
        lines.append(f"attempt({i}, lambda: {fmt} % {args})")
    assert_same_lines("\n".join(lines))


def test_round_matches_cpython():
    rng = random.Random(2675)
    values = [repr(v) for v in (2.675, 0.125, 0.375, 2.5, 0.5, 1.5, -2.5, -0.5, 1.005, 1e300, 1e-300, 5e-324,
                                1.7976931348623157e308, 123456.789, -0.0, 0.0, 1e16, 0.045, 99.995)]  # fmt: skip
    values += [repr(rng.uniform(-1000, 1000)) for _ in range(40)]
    values += [repr(rng.randrange(-(10**6), 10**6) / 1000) for _ in range(20)]
    values += ["float('inf')", "float('nan')", "float('-inf')"]
    lines = [TRY_FORMAT]
    for i, v in enumerate(values):
        for n in ("", "None", "0", "1", "2", "3", "5", "-1", "-2", "-3", "400", "-400", "-300", "15", "16"):
            call = f"round({v}, {n})" if n else f"round({v})"
            lines.append(f"attempt({str(i) + ' ' + n!r}, lambda: repr({call}))")
    ints = ("1234", "1250", "1350", "-1250", "-1251", "15", "25", "10**30 + 5 * 10**10", "7", "True", "False")
    for v in ints:
        for n in ("", "None", "0", "2", "-1", "-2", "-3", "-40"):
            call = f"round({v}, {n})" if n else f"round({v})"
            lines.append(f"attempt({str(v) + ' ' + n!r}, lambda: repr({call}))")
    assert_same_lines("\n".join(lines))


def test_round_near_halves_matches_cpython():
    """round(x, n) multiplies in double unless x * 10**n lies within 2**-10 of a half, where it rounds the
    exact binary value (port/numformat.c): values on both sides of that boundary, and on the boundary."""
    rng = random.Random(1097)
    cases = []
    for n in range(12):
        for _ in range(10):
            half = (rng.randrange(-(10**7), 10**7) + 0.5) / 10**n
            for offset in (0.0, 2**-9, -(2**-9), 2**-10, -(2**-10), 2**-11, -(2**-11), 2**-30):
                cases.append((half + offset / 10**n, n))
        big = rng.uniform(2**38, 2**41) / 10**n
        cases += [(big, n), (-big, n), (math.nextafter(big, 0.0), n)]
    lines = [f"print(repr(round({v!r}, {n})))" for v, n in cases]
    assert_same_lines("\n".join(lines))


def test_complex_format_specs_and_float_conversion_errors():
    """complex takes CPython's format specs (each part formatted as a float, the whole padded); int() and
    math.floor() of infinities and NaN say what CPython says."""
    code = (
        TRY_FORMAT
        + """
def show(f, *args, **kwargs):
    try:
        print(repr(f(*args, **kwargs)))
    except Exception as e:
        print(type(e).__name__ + ':', e)
"""
        + r"""
values = [1j, 1 + 2j, -1.5 - 0.25j, 3 + 0j, 1e20 + 1e-7j,
          complex(float("inf"), float("nan")), complex(1234567.891, -9876.54321), 0.1 + 0.2j, complex(-1e-300, 5e300)]
specs = ["", ">8", "<20", "^30", "*^30", "+", "-", " ", ".2f", ".3", ".0e", "E", "g", "G", "n", ".10g", "F",
         ",.2f", "_.1f", "+.1e", "#.0f", "#g", "z.1f", "30.2f", "x>24.3g", "10", ".2", "#"]
for z in values:
    for spec in specs:
        show(format, z, spec)
for spec in ["=10", "010", "0>10", "%", "d", "x", "s", ".2%", ",d", "c"]:
    show(format, 1 + 2j, spec)
z = 2.5 - 1j
print(f"{z:>16}|{z:.2f}|{1j:>8}|{z!r:>12}|{z:^20.1e}|", "{0:.3f} {0.real:.1f} {0.imag}".format(z))
class C(complex):
    pass
show(format, C(1, 2), ".1f")
import math
for x in (float("inf"), float("-inf"), float("nan")):
    for f in (int, math.floor, math.ceil, math.trunc, round):
        show(f, x)
show(round, 1.5e308, -308)
"""
    )
    assert_same_lines(code)


def test_complex_arithmetic_matches_cpython():
    """Division (Smith's method), integral powers (repeated products), conjugate() and the errors of complex
    numbers are CPython's to the last bit (patch 0442). Powers to non-integral exponents and abs() go
    through the C library's hypot, pow, atan2, sin and cos, so only cases where those are exact are
    compared here (see docs/cpython-differences.md)."""
    rng = random.Random(442)
    parts = [0.0, -0.0, 1.0, -2.5, 0.1, 3e-310, 1e200, -7e-200, 12345.678, float("inf"), float("nan")]
    parts += [rng.uniform(-100, 100) for _ in range(6)] + [
        rng.uniform(-1, 1) * 10.0 ** rng.randint(-300, 300) for _ in range(6)
    ]
    pairs = [(repr(rng.choice(parts)), repr(rng.choice(parts))) for _ in range(40)]
    pairs += [("0.0", "2.0"), ("1.0", "2.0"), ("3.0", "-4.0"), ("-0.0", "-1.0")]
    code = (
        """
def show(f, *args):
    try:
        print(repr(f(*args)))
    except Exception as e:
        print(type(e).__name__ + ':', e)
values = [complex(float(a), float(b)) for a, b in """
        + repr(pairs)
        + """]
for a in values:
    print(repr(a.conjugate()), end=' ')
    for n in (0, 1, 2, 3, 7, -1, -2, 5.0, 100, -100):
        show(lambda: a ** n)
    for b in values[:24]:
        show(lambda: a / b)
        show(lambda: a * b)
    for b in (2, -0.5, 0.0, 3):
        show(lambda: a / b)
        show(lambda: b / a)
for text in ["(1+2j) // 2", "(1+2j) % 2", "divmod(1j, 2)", "0j ** -1", "0j ** 1j", "0j ** -2.5", "(1+1j) / 0",
             "(1+1j) / 0j", "0j ** 0", "0j ** 2", "(2+0j) ** 1025", "(1e300+1e300j) ** 3",
             "abs(3e-320+4e-320j)", "abs(complex(1e308, 1e308))", "abs(complex('inf'))", "(3+4j).conjugate()",
             "abs(-5j)", "1j ** 2", "(2j) ** 2", "(1+1j) ** -3"]:
    show(eval, text)
"""
    )
    assert_same_lines(code)


def test_subnormal_floats_print_their_shortest_digits():
    """repr(), str(), f-strings and 'g'/'r' specs of subnormal floats are their shortest digits (patch 0443:
    the 15-digit fast path does not hold below 2.2250738585072014e-308)."""
    rng = random.Random(443)
    values = [5e-324, 1e-323, 1.5e-315, 1.23456789e-310, 2.225073858507201e-308, 2.2250738585072014e-308]
    values += [rng.uniform(0, 2.2250738585072014e-308) for _ in range(300)]
    values += [math.ldexp(rng.randint(1, 2**52 - 1), -1074) for _ in range(300)]
    values += [float(f"{rng.randint(1, 999)}e-{rng.randint(308, 323)}") for _ in range(300)]
    lines = [
        f"x = {v!r}; print(repr(x), str(-x), f'{{x}}', format(x, 'g'), format(x, ''), float(repr(x)) == x)"
        for v in values
    ]
    assert_same_lines("\n".join(lines))


def test_format_dunder_and_object_format():
    code = (
        TRY_FORMAT
        + """
import datetime
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __format__(self, spec):
        text = f"${self.cents / 100:,.2f}"
        return format(text, spec) if spec else text
    def __str__(self):
        return 'Money'
class Plain:
    def __str__(self):
        return 'plain!'
class Bad:
    def __format__(self, spec):
        return 42
class MyInt(int):
    pass
class MyFloat(float):
    pass
class MyStr(str):
    pass
class Loud(int):
    def __format__(self, spec):
        return 'LOUD' + spec
m = Money(123456789)
print(f"{m}|{m:>20}|{m:<20}|", format(m), format(m, '^20'), "{:*>18}".format(m), '{}'.format(m))
p = Plain()
print(f"{p}|{p!s:>8}", format(p), '{}'.format(p), '{0!s:^10}'.format(p))
attempt('plain spec', lambda: format(p, '>10'))
attempt('plain fstr', lambda: f"{p:>10}")
attempt('none spec', lambda: f"{None:>6}")
attempt('list spec', lambda: '{:>6}'.format([1]))
attempt('bad', lambda: format(Bad(), 'x'))
attempt('bad2', lambda: f"{Bad()}")
attempt('object', lambda: format(object(), '').startswith('<'))
print(f"{MyInt(1234567):,}|{MyFloat(2.5):.0f}|{MyStr('ab'):>4}|{Loud(3):xyz}|{Loud(3)}|{True:>5}|{False:d}")
d = datetime.date(2024, 3, 9)
dt = datetime.datetime(2024, 3, 9, 14, 5, 7)
t = datetime.time(8, 30)
print(f"{d:%Y-%m-%d}|{d:%d/%m/%Y}|{dt:%Y-%m-%d %H:%M:%S}|{t:%H:%M}|{d}|{dt}|{d:}")
print("{:%b %d, %Y}".format(d), format(dt, '%A %H:%M'), format(d, ''))
print(f"{str(d):>12}|{d.isoformat():^14}|")
"""
    )
    assert_same_lines(code)


def test_float_formatting_of_huge_int_is_overflow_error():
    code = (
        TRY_FORMAT + "attempt('big', lambda: format(2**2000, 'f'))\nattempt('big%', lambda: '%e' % 2**2000)\n"
    )
    assert_same_lines(code)


def test_math_functions_match_cpython():
    rng = random.Random(31)
    lines = [TRY_FORMAT, "import math"]
    for i in range(60):
        xs = [repr(rng.uniform(-1e3, 1e3) * 10 ** rng.randint(-20, 20)) for _ in range(rng.randint(0, 6))]
        ints = [str(rng.randint(-(10**12), 10**12)) for _ in range(rng.randint(0, 4))]
        n, k = rng.randint(0, 120), rng.randint(0, 130)
        x, y = repr(rng.uniform(-1e6, 1e6)), repr(rng.uniform(-1e3, 1e3))
        lines += [
            f"attempt('fsum{i}', lambda: math.fsum([{', '.join(xs)}]))",
            f"attempt('hypot{i}', lambda: math.hypot({', '.join(xs)}))",
            f"attempt('dist{i}', lambda: math.dist([{x}, {y}, 1.5], [{y}, -2.25, {x}]))",
            f"attempt('gcd{i}', lambda: (math.gcd({', '.join(ints)}), math.lcm({', '.join(ints)})))",
            f"attempt('comb{i}', lambda: (math.comb({n}, {k}), math.perm({n}, {k}), math.perm({n})))",
            f"attempt('isqrt{i}', lambda: (math.isqrt({n} ** 9 + {k}), math.factorial({n})))",
            f"attempt('rem{i}', lambda: (math.remainder({x}, {y}), math.exp2({y} / 100), math.ulp({x})))",
            f"attempt('next{i}', lambda: (math.nextafter({x}, {y}), math.prod([{', '.join(ints)}])))",
            f"attempt('floor{i}', lambda: (math.floor({x}), math.ceil({y}), math.trunc({x}), math.floor(10**30 + 1)))",
        ]
    for call in (
        "math.isqrt(-1)", "math.comb(-1, 2)", "math.perm(3, -1)", "math.factorial(-1)", "math.factorial(2.5)",
        "math.gcd(1.5, 2)", "math.remainder(1, 0)", "math.remainder(float('inf'), 1)", "math.fsum([1e308, 1e308])",
        "math.fsum([float('inf'), float('-inf')])", "math.hypot()", "math.hypot(float('inf'), float('nan'))",
        "math.dist([1], [1, 2])", "math.remainder(5, float('inf'))", "math.ulp(0.0)", "math.ulp(float('inf'))",
        "math.nextafter(0.0, -1.0)", "math.prod([], start=5)", "math.prod([2, 3.5], start=2)",
        "math.gcd()", "math.lcm()", "math.fsum([0.1] * 10)", "math.cbrt(-8.0)",
    ):  # fmt: skip
        lines.append(f"attempt({call!r}, lambda: ({call}))")
    assert_same_lines("\n".join(lines))


def test_int_and_float_methods_match_cpython():
    rng = random.Random(53)
    lines = [TRY_FORMAT]
    # (bool lacks int's methods: docs/cpython-differences.md)
    values = ["0", "1", "-1", "255", "-129", "2**64", "-(2**70) + 3", "10**30"]
    values += [str(rng.randint(-(2**40), 2**40)) for _ in range(10)]
    for v in values:
        lines += [
            f"attempt({v!r} + ' bits', lambda: (({v}).bit_length(), ({v}).bit_count(), ({v}).as_integer_ratio()))",
            f"attempt({v!r} + ' to4', lambda: ({v}).to_bytes(4, 'little', signed=True))",
            f"attempt({v!r} + ' to16', lambda: ({v}).to_bytes(16, byteorder='big', signed=True))",
            f"attempt({v!r} + ' tou', lambda: ({v}).to_bytes(9))",
            f"attempt({v!r} + ' cmp', lambda: (({v}) == float({v}), ({v}) < float({v}) + 1, float({v}) >= ({v})))",
        ]
    for b in ("b'\\x80\\x00'", "b'\\xff\\xff\\xff'", "b''", "bytes(range(20))", "[1, 2, 3]"):
        lines.append(
            f"attempt({b!r}, lambda: (int.from_bytes({b}), int.from_bytes({b}, 'little', signed=True)))"
        )
    for call in (
        "2**53 + 1 == 2.0**53", "2**53 == 2.0**53", "float('inf') > 10**400", "10**400 < float('inf')",
        "10**400 > 1e308", "-(10**400) < -1e308", "float('nan') == 10**30", "float('nan') < 10**30",
        "2**63 + 1 > 9.223372036854776e18", "9.223372036854776e18 < 2**63 + 1", "2**1100 == float('inf')",
        "pow(3, -1, 11)", "pow(7, -2, 40)", "pow(-3, -1, 11)", "pow(3, -1, -11)", "pow(6, -1, 9)", "pow(2, 5, 0)",
        "pow(2, 100, 97)", "pow(-2, 3, 5)", "pow(2, 3, -5)", "int('ff', base=16)", "int('0x1f', base=0)",
        "int('z', 36)", "int(base=16)", "int('12', bas=16)", "(3.0).is_integer()", "(3.5).is_integer()",
        "float('inf').is_integer()", "(2.5).as_integer_ratio()", "(-0.75).as_integer_ratio()",
        "(0.0).as_integer_ratio()", "(1e300).as_integer_ratio()", "float('inf').as_integer_ratio()",
        "float('nan').as_integer_ratio()", "(1.0).hex()", "(-0.1).hex()", "(5e-324).hex()", "(0.0).hex()",
        "(-0.0).hex()", "(1.7976931348623157e308).hex()", "float('inf').hex()", "(3).to_bytes(1, 'middle')",
        "(-1).to_bytes(2, 'big')", "(256).to_bytes(1, 'big')", "(128).to_bytes(1, 'big', signed=True)",
        "(-128).to_bytes(1, 'big', signed=True)", "(0).to_bytes(0, 'big')", "(1).to_bytes(-1, 'big')",
    ):  # fmt: skip
        lines.append(f"attempt({call!r}, lambda: ({call}))")
    assert_same_lines("\n".join(lines))


def test_fractions_match_cpython():
    rng = random.Random(77)
    lines = [TRY_FORMAT, "from fractions import Fraction as F"]
    ops = [
        "a + b", "a - b", "a * b", "a / b", "a // b", "a % b", "divmod(a, b)", "a ** 3", "a ** -2", "-a", "abs(a)",
        "a < b", "a == b", "a >= b", "a == 0.5", "a < 0.25", "a + 1", "2 - a", "a * 1.5", "float(a)", "int(a)",
        "round(a)", "round(a, 2)", "round(a, -1)", "str(a)", "repr(a)", "a.limit_denominator(10)",
        "a.as_integer_ratio()", "hash(a) == hash(float(a)) if a.denominator & (a.denominator - 1) == 0 else True",
        "f'{a}'", "bool(a)", "a.numerator, a.denominator", "sorted([a, b, 0.5, 1])", "math.floor(a), math.ceil(a)",
    ]  # fmt: skip
    lines.append("import math")
    for i in range(25):
        a = f"F({rng.randint(-5000, 5000)}, {rng.randint(1, 300)})"
        b = f"F({rng.randint(-300, 300)}, {rng.randint(1, 50)})"
        lines.append(f"a, b = {a}, {b}")
        for op in ops:
            lines.append(f"attempt({str(i) + ' ' + op!r}, lambda: ({op}))")
    for text in ("'3/4'", "' -1.25e-2 '", "'1_000.5'", "'.5'", "'5.'", "'1e3'", "'7/-1'", "'abc'", "'1/0'", "0.1",
                 "2.5", "F(3, 6)", "(1, 0)", "(3, 'a')"):  # fmt: skip
        call = f"F(*{text})" if text.startswith("(") else f"F({text})"
        lines.append(f"attempt({text!r}, lambda: repr({call}))")
    lines.append("attempt('spec', lambda: f'{F(1, 3):>10}')")
    assert_same_lines("\n".join(lines))


def decimal_value(rng: random.Random) -> str:
    k = rng.randint(0, 4)
    if k == 0:
        return str(rng.randint(-(10**6), 10**6))
    if k == 1:
        places = rng.randint(1, 4)
        return f"{rng.randint(-9999, 9999)}.{rng.randint(0, 10**places - 1):0{places}d}"
    if k == 2:
        return f"{rng.randint(-999, 999)}e{rng.randint(-12, 12)}"
    if k == 3:
        return rng.choice(
            ["0", "-0", "0.00", "1.2300", "100", "1E+3", "123456789012345678901234567890.12345"]
        )
    return repr(rng.uniform(-1000, 1000))


def test_decimal_matches_cpython():
    rng = random.Random(99)
    ops = [
        "a + b", "a - b", "a * b", "a / b", "a // b", "a % b", "divmod(a, b) if b else 0", "a < b", "a == b", "a ** 3",
        "a.quantize(D('0.01'))", "a.quantize(D('1'), rounding=ROUND_HALF_UP)", "a.quantize(D('0.1'), ROUND_DOWN)",
        "round(a, 1)", "round(a)", "abs(a).sqrt()", "a.normalize()", "a.as_tuple()", "float(a)", "int(a)",
        "a.to_integral_value()", "-a", "+a", "a.adjusted()", "a.as_integer_ratio()", "a + 1", "2 * a", "a == 0.5",
        "math.floor(a)", "str(a)", "a.copy_abs()", "a.is_zero()", "hash(a) == hash(int(a)) if a == int(a) else 1",
    ]  # fmt: skip
    specs = ["", "f", ".2f", ",.2f", ">12.3f", "e", ".3e", "g", ".3g", "%", ".1%", ",", "012,.2f", "+.1f", ".0f",
             "z.1f", "^15", ".5", "E", ",.0f"]  # fmt: skip
    lines = [TRY_FORMAT, "import math", "from decimal import *", "D = Decimal"]
    for i in range(40):
        lines.append(f"getcontext().prec = {28 if i % 3 else 6}")
        lines.append(
            f"getcontext().rounding = {['ROUND_HALF_EVEN', 'ROUND_HALF_UP', 'ROUND_DOWN', 'ROUND_FLOOR'][i % 4]}"
        )
        lines.append(f"a, b = D({decimal_value(rng)!r}), D({decimal_value(rng)!r})")
        for op in ops:
            lines.append(f"attempt({str(i) + ' ' + op!r}, lambda: ({op}))")
        for spec in specs:
            lines.append(f"attempt({str(i) + ' ' + spec!r}, lambda: format(a, {spec!r}))")
    lines.append("setcontext(DefaultContext)")
    for call in (
        "D(0.1)", "D('abc')", "D(1) / D(0)", "D(0) / D(0)", "D(5) % D(0)", "D('NaN') + 1", "D('Infinity') * 0",
        "D('-Infinity') < 0", "D((0, (1, 2, 3), -2))", "D('1.10') + D('2.2')", "D(1) / D(7)", "D(2).sqrt()",
        "D('0.1') * 3 == D('0.3')", "D('1E+3')", "str(D('1e-7'))", "D('12.345').quantize(D('1e-10'))",
        "D('123456789').quantize(D('0.01'), context=Context(prec=5))", "D(2) ** -2",
        "D('1.23456').to_integral_exact(ROUND_CEILING)", "sorted([D('1.5'), 1, 0.5, D('-2')])", "D('1.5').max(2)",
        "D('-0').is_signed()", "D('NaN').is_nan()", "repr(D('-Infinity'))",
    ):  # fmt: skip
        lines.append(f"attempt({call!r}, lambda: ({call}))")
    lines.append("with localcontext() as ctx:\n    ctx.prec = 5\n    print(D(1) / D(3), D(2).sqrt())")
    lines.append("with localcontext(prec=40, rounding=ROUND_UP):\n    print(D(2) / D(3))")
    lines.append("print(D(1) / D(3))")
    assert_same_lines("\n".join(lines))


def test_decimal_exp_ln_log10_and_real_powers():
    """exp, ln, log10 and non-integral powers are correctly rounded (exp/ln/log10 half to even whatever the
    context's rounding, as CPython's C decimal), with CPython's flags and special values."""
    rng = random.Random(4117)
    values = ["1", "2", "0.5", "10", "100.5", "0.001", "1.000", "123.456", "-7.5", "1.5e-30", "0.1", "1E+5", "-0",
              "12345678901234567890", "0.9999999", "1.0000001", "-1", "0", "Infinity", "-Infinity", "NaN", "230"]  # fmt: skip
    values += [repr(round(rng.uniform(-40, 40), rng.randrange(1, 12))) for _ in range(20)]
    values += [f"{rng.randrange(1, 10**6)}E{rng.randrange(-25, 25)}" for _ in range(12)]
    ops = ["D(v).exp()", "D(v).ln()", "D(v).log10()", "D(v) ** D('0.5')", "D('2.5') ** D(v)", "abs(D(v)) ** D('-1.25')",
           "ctx.power(abs(D(v)), D('1.5'))", "ctx.exp(D(v))"]  # fmt: skip
    lines = [
        TRY_FORMAT,
        "from decimal import *",
        "D = Decimal",
        "ctx = getcontext()",
        "ctx.traps[Overflow] = False",
    ]
    for prec, rounding in ((28, "ROUND_HALF_EVEN"), (9, "ROUND_DOWN"), (16, "ROUND_UP")):
        lines.append(f"ctx.prec = {prec}")
        lines.append(f"ctx.rounding = {rounding}")
        for v in values:
            for op in ops:
                call = op.replace("v", repr(v))
                lines.append(
                    f"ctx.clear_flags()\nattempt({call!r}, lambda: ({call}, sorted(k.__name__ for k, f in ctx.flags.items() if f)))"
                )
    lines.append("ctx.rounding = ROUND_HALF_EVEN")
    for call in ("D('1E+10').exp()", "D('-1E+10').exp()", "D(2) ** D('1E+5')", "D('1.0001') ** 100000", "D(-8) ** D('0.5')",
                 "D(0) ** D('-0.5')", "D(100).log10()", "D(2) ** D('Infinity')", "D('0.5') ** D('-Infinity')", "D(1) ** D('Infinity')"):  # fmt: skip
        lines.append(f"attempt({call!r}, lambda: ({call}))")
    assert_same_lines("\n".join(lines))


def test_hash_of_numbers_matches_cpython():
    # CPython's hash(): ints and floats by their exact value modulo 2**61-1, Fraction and Decimal by the
    # same arithmetic, -1 made -2, a __hash__ that returns a big int reduced; equal numbers of every type
    # hash equal and find each other as dict keys and set members.
    assert_same_lines(
        r"""
from fractions import Fraction
from decimal import Decimal
P = 2**61 - 1
ints = [0, 1, -1, -2, 7, 2**30 - 1, 2**30, -2**30, -2**30 - 1, 2**31, 2**32 + 5, 2**60, P - 1, P, P + 1, -P,
        -(P + 1), -(P + 2), 2**61, 2**62, 2**63 - 1, 2**63, -2**63, 2**64, -2**64, 10**20, -10**30, 3**100, -(7**200)]
for n in ints:
    print(n, hash(n), hash(float(n)), hash(Fraction(n)), hash(Decimal(n)), hash(n) == hash(float(n)) == hash(Fraction(float(n))))
floats = [0.0, -0.0, 0.5, -0.5, 1.5, 0.1, -0.1, 1 / 3, 2 / 3, 1e-300, 5e-324, 2.2250738585072014e-308, 1e300,
          1.7976931348623157e308, -1.0, -2.0, 2.0**61, 2.0**70, -2.0**100, 123.456, -98765.4321, 1e16 + 2, 3.0e-5,
          float('inf'), float('-inf')]
for x in floats:
    print(repr(x), hash(x), hash(Fraction(x)) if x not in (float('inf'), float('-inf')) else '-',
          hash(Decimal(x)), hash(x) == hash(Decimal(x)))
fracs = [Fraction(1, 2), Fraction(-1, 3), Fraction(22, 7), Fraction(-1), Fraction(10**30, 7), Fraction(1, P),
         Fraction(-5, 2 * P), Fraction(3, 10**20), Fraction(-7, 8), Fraction(2**70, 3**40)]
print([hash(f) for f in fracs])
decs = [Decimal('0.5'), Decimal('-1'), Decimal('-1.000'), Decimal('1.10'), Decimal('123.456'), Decimal('1e100'),
        Decimal('-2.5e-30'), Decimal('Infinity'), Decimal('-Infinity'), Decimal(10**25), Decimal('0.1'),
        Decimal('-0'), Decimal('7E+3'), Decimal('-0.0000001')]
print([hash(d) for d in decs])
print(hash(True), hash(False), hash(-1.0), hash(Fraction(-1)), hash(Decimal(-1)), hash(-1) == hash(-2))
d = {2**40: 'big', 0.5: 'half', -1: 'minus one', 10**30: 'huge', 1e300: 'far', Fraction(1, 3): 'third'}
for key in [2.0**40, Fraction(2**40), Decimal(2**40), Fraction(1, 2), Decimal('0.5'), -1.0, Fraction(-1),
            Decimal('-1.0'), Decimal(10**30), Fraction(10**30), int(1e300), Fraction(1e300), Fraction(2, 6)]:
    print(repr(key), d.get(key))
print(len({0.5, Fraction(1, 2), Decimal('0.5')}), len({2**64, 2.0**64, Fraction(2**64), Decimal(2**64)}),
      len({-1, -1.0, Fraction(-1), Decimal(-1), -2}), len({0.1, Fraction(0.1), Decimal(0.1), Decimal('0.1')}))

class H:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return self.v
for v in [0, -1, -2, 5, 2**40, 2**63 - 1, 2**63, -2**63, -2**63 - 1, 2**64 + 3, -2**70, True]:
    print(v, hash(H(v)))
for bad in ['x', 1.5, None]:
    try:
        hash(H(bad))
    except TypeError as e:
        print('TypeError:', e)
class Unhashable:
    __hash__ = None
for make in [lambda: hash(Unhashable()), lambda: {Unhashable(): 1}]:
    try:
        make()
    except TypeError as e:
        print('TypeError:', e)

class Num:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return self.v == other
    def __hash__(self):
        return hash(self.v)
table = {2**40: 'a', 0.5: 'b', -3.25: 'c', 10**30: 'd', Fraction(1, 3): 'e', 2**70: 'f', 1e20: 'g'}
print([table.get(Num(v)) for v in [2**40, 0.5, -3.25, 10**30, Fraction(1, 3), 2**70, 1e20, 3]])

class I(int):
    pass
class F(float):
    pass
print(hash(I(2**70)), hash(F(0.1)), hash(I(-1)), hash((1, 2)) == hash((1, 2)))
"""
    )


def test_hash_of_tuples_frozensets_and_complex_matches_cpython():
    # CPython's tuple hash (xxHash-based, 3.8+), frozenset hash and complex hash over numbers; Fraction(-1) and
    # Decimal(-1) hash to -2 when __hash__ is called directly, and are still found under the key -1.
    assert_same_lines(
        r"""
from fractions import Fraction
from decimal import Decimal
from collections import namedtuple
Pt = namedtuple('Pt', 'x y')
class T(tuple):
    pass
items = [(), (1,), (1, 2), (2, 1), (-1,), (-1, -2), (0.5, 2**70, -3), ((1, 2), (3, (4.5,))), (True, False, None is None),
         (1.0, 2.0), (Fraction(1, 3), Decimal('0.25')), (float('inf'), -float('inf')), tuple(range(50)),
         Pt(3, 4), T((1, 2)), (frozenset({1, 2}),), (1 + 2j,)]
for t in items:
    print(t, hash(t))
print(hash((1, 2)) == hash((1.0, 2.0)) == hash(Pt(1, 2)) == hash(T((1, 2))))
for f in [frozenset(), frozenset({1}), frozenset({1, 2, 3}), frozenset({0.5, -7, 2**80}), frozenset({(1, 2), (3, 4)}),
          frozenset(range(100)), frozenset({frozenset({1}), frozenset()})]:
    print(sorted(map(repr, f)), hash(f))
for c in [1j, 1 + 0j, -1 + 0j, 2.5 - 3j, complex(0, -1), complex(1e300, 1e-300), complex(float('inf'), 1)]:
    print(c, hash(c))
print(Fraction(-1).__hash__(), Decimal(-1).__hash__(), Decimal('-1.00').__hash__(), Fraction(-2).__hash__(),
      hash(Fraction(-1)), hash(Decimal(-1)))
d = {-1: 'minus one', -2: 'minus two'}
print(d.get(Fraction(-1)), d.get(Decimal(-1)), d.get(Fraction(-2)), d.get(Decimal('-2.0')), d.get(-1.0))
e = {Fraction(-1): 'f', Decimal(-2): 'd'}
print(e.get(-1), e.get(-2), e.get(-1.0), Fraction(-1) in {-1}, -1 in {Fraction(-1)}, len({-1, Fraction(-1), Decimal(-1)}))
class MinusOne:
    def __eq__(self, other):
        return other == -1
    def __hash__(self):
        return hash(-1)
print(d.get(MinusOne()), MinusOne() in {-1}, hash(MinusOne()))
"""
    )


def test_a_fraction_takes_objects_format():
    # CPython 3.11's Fraction has no __format__ of its own: object.__format__ refuses a spec, and the
    # traceback has no frame inside fractions.
    code = """
import traceback
from fractions import Fraction
try:
    format(Fraction(1, 3), ".3f")
except TypeError as e:
    print(e, [frame.name for frame in traceback.extract_tb(e.__traceback__)])
print(format(Fraction(1, 3), ""), f"{Fraction(5, 1)}", Fraction.__format__ is object.__format__)
"""
    assert run_guest(code) == run_cpython(code)


def test_int_to_float_correctly_rounded_with_overflow():
    # float() of an int beyond 2**53 rounds half to even, beyond the range is an OverflowError, and
    # int / int is correctly rounded (patch 0467)
    assert_prints_what_cpython_prints(
        SHOW
        + r"""
import math, random
random.seed(7)
conversions, quotients = [], []
for _ in range(300):
    n = random.getrandbits(random.randint(60, 400))
    if random.random() < 0.5:
        n |= 1 << (n.bit_length() - 54)
    conversions.append(float(n) == n * 1.0 and repr(float(n)))
    a = random.getrandbits(random.randint(1, 400)) * random.choice([1, -1])
    b = random.getrandbits(random.randint(1, 400)) or 1
    try:
        quotients.append(repr(a / b))
    except OverflowError as e:
        quotients.append(str(e))
print(conversions)
print(quotients)
for n in (2**53 + 1, 2**54 + 3, -(2**55 + 5), 2**1024 - 2**971, 2**1024 - 2**970, 2**1024 - 2**969, -2**1024, 2**2000):
    show(float, n)
for f in (lambda: 2**2000 * 1.0, lambda: 1.0 + 2**2000, lambda: math.sqrt(10**400), lambda: 2**2000 // 1.5,
          lambda: divmod(2**2000, 2.0), lambda: complex(2**2000), lambda: sum([2**2000, 1.0]), lambda: 10**400 / 10**399,
          lambda: 1 / 10**400, lambda: -1 / 10**400, lambda: 2**2000 / 3, lambda: 2**1100 / 2**80, lambda: 2**1100 / 2**76,
          lambda: 3 / 2**1075, lambda: 3 / 2**1076, lambda: (2**54 + 1) / 2**1100, lambda: 10**20 / 3, lambda: (10**17 + 1) / 1):
    show(f)
"""
    )
