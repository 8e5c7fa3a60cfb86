"""Built-in gaps closed for issue 15, against this CPython: str.format_map and format fields that select
attributes and items, the !a conversion, ascii(), int's methods on True/False, float.fromhex, dict view
types, keyword arguments of positional built-ins (split(maxsplit=1), round(ndigits=2), print(flush=True),
zip(strict=True), date.strftime(format=)) with CPython's errors."""

import pytest
from fidelity import SHOW, assert_prints_what_cpython_prints

PRELUDE = SHOW

CASES = {
    "format_fields_and_format_map": r"""
class Default(dict):
    def __missing__(self, key):
        return "<" + key + ">"
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
row = {"name": "Ana", "items": [3, 4], "loc": Point(1.5, -2), "7": "seven", 7: "int seven"}
print("{name} has {n}".format_map(Default(name="Ana")))
print("{0[name]:>6}|{0[items][1]:03d}|{0[loc].x:.2f}|{p.y}|{0[7]}".format(row, p=Point(0, 9)))
print("{r[loc].y!r:>5} {r[name]!a} {x!a} {x!r} {x!s}".format(r=row, x="naïve ☃"))
print("{:{w}.{p}f}|{k[items]}".format(3.14159, w=10, p=3, k=row))
print("{a[0]}{a[1]}".format_map({"a": "xy"}))
print(f"{'é'!a} {row['name']!a}")
for template, args, kwargs in [("{0.nope}", (1,), {}), ("{0[x}", ({},), {}), ("{0[]}", ({},), {}),
        ("{0.}", (1,), {}), ("{0[1]x}", ([1, 2],), {}), ("{0[1]}", ({"1": 5},), {}), ("{2}", (1, 2), {}),
        ("{}", (), {}), ("{0}", (), {}), ("{x}", (), {})]:
    show(template.format, *args, **kwargs)
show("{0}".format_map, {})
show("{}".format_map, {})
show("{a}".format_map, {})
""",
    "ascii_and_bool_methods": r"""
for v in ["plain", "é", "日本", "\U0001F600", "\x00\n", ["ü", {"k": "ß"}], 1.5, None, b"\xff", ("a", "\u2028")]:
    print(ascii(v))
print(True.to_bytes(1, "big"), False.to_bytes(2, "little"), True.bit_length(), False.bit_count(),
      True.as_integer_ratio(), True.real if hasattr(True, "real") else 1, int.from_bytes(b"\x01", "big"))
show(getattr, True, "nope")
print((5 > 3).to_bytes(1, byteorder="big", signed=False))
""",
    "float_fromhex": r"""
import random, math
random.seed(7)
values = [0.0, -0.0, 1.0, 0.1, 1 / 3, 2.5e-308, 5e-324, 1.7976931348623157e308, 2 ** -1074, 123456.789]
values += [random.uniform(-1e6, 1e6) for _ in range(200)]
values += [math.ldexp(random.random(), random.randint(-1100, 1030)) for _ in range(200)]
print(all(float.fromhex(v.hex()) == v for v in values), sum(math.copysign(1, float.fromhex(v.hex())) for v in values))
for s in ["0x1.8p3", "1.8p3", "-0x1p-1074", "0x1p-1075", "0x1.8p-1075", "0x3p-1076", "0x1.fffffffffffff8p1023",
          "0x1.fffffffffffff7p1023", "0x10", "0x.8", "  0XAp0  ", "inf", "-Infinity", "nan", "0x1.00000000000008p0",
          "0x1.00000000000018p0", "0x1.000000000000080000000001p0", "0x0p99999", "0x1p-99999", "0x123456789abcdef123p-40",
          "0x1p1024", "0x2p1023", "0x", "0x.", "1p", "0x1q", "", "- 0x1", "0x1.2.3", "0xg"]:
    show(float.fromhex, s)
show(float.fromhex, 5)
class F(float):
    pass
print(type(F.fromhex("0x1p1")).__name__, F.fromhex("0x1p1"), (2.0).fromhex("0x1p-1"))
""",
    "dict_view_types": r"""
d = {"a": 1}
print(type(d.keys()).__name__, type(d.values()).__name__, type(d.items()).__name__, d.keys(), d.values(), d.items())
print(type(d.keys()) is type({}.keys()), type(d.keys()) is type(d.values()))
for view in (d.keys(), d.items(), d.values()):
    try:
        hash(view)
        print(type(view).__name__, "hashable")
    except TypeError:
        print(type(view).__name__, "unhashable")
""",
    "keyword_arguments": r"""
import io
print("a,b,c".split(",", maxsplit=1), "a,b,c".split(sep=","), "a b  c".split(maxsplit=1), "a,b,c".rsplit(",", maxsplit=1))
print("a b c".rsplit(" ", maxsplit=1), "a,b".split(sep=",", maxsplit=0), b"a,b,c".split(sep=b",", maxsplit=1), str.split("a b", maxsplit=0))
print(bytearray(b"a,b").rsplit(sep=b","), "a\nb".splitlines(keepends=True), b"a\nb".splitlines(keepends=True))
print("é".encode(encoding="utf-8", errors="strict"), "x".encode(errors="strict"), b"x".decode(encoding="ascii"))
print(bytearray(b"x").decode(encoding="ascii"), b"x".decode(errors="strict"), "é".encode("utf-8", errors="strict"))
print("a\tb".expandtabs(tabsize=2), b"a\tb".expandtabs(tabsize=3), b"ab".hex(sep=":"), bytearray(b"ab").hex(sep="-"))
print(sum([1, 2], start=10), sum([[1]], start=[]), sum((x for x in [1.5]), start=0.5))
print(round(number=2.567, ndigits=1), round(2.567, ndigits=2), round(1234, ndigits=-2), round(number=2.5))
print(pow(base=2, exp=5), pow(2, exp=5), pow(3, 2, mod=5), pow(base=3, exp=2, mod=5))
print(*[1, 2], sep=", ", flush=True)
print("done", end="!\n", flush=False)
buf = io.StringIO()
print("to buffer", file=buf, flush=True)
print(repr(buf.getvalue()))
class Sink:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
        return len(s)
    def flush(self):
        self.parts.append("<flush>")
sink = Sink()
print("a", "b", file=sink, flush=True)
print("c", file=sink, flush=0)
print([1, "a"], 2.5, None, file=sink, sep=None, end=None)
print(sink.parts)
print("x", None, file=None, sep=None, end=None, flush=True)
show(print, "x", x=1)
show(print, "x", file=1)
print(list(zip("ab", "cd", strict=True)), list(zip(strict=True)), list(zip("ab", strict=False)), dict(zip("ab", [1, 2], strict=True)))
for args in [("ab", "c"), ("a", "cd"), ("ab", "cd", "e"), ("ab", "cd", "efg"), ("a", "b", "c", "")]:
    show(list, zip(*args, strict=True))
show(zip, "a", x=1)
show(zip, "a", strict=True, x=1)
class NoFlush:
    def write(self, s):
        return len(s)
show(print, "x", file=NoFlush(), flush=True)
show(print, "x", file=NoFlush(), flush=False)
show("a,b".split, ",", maxsplit=1, x=2)
show("a,b".split, ",", sep=",")
show("a,b".split, x=1)
show("a,b".split, maxsplit=1, sep=None, x=1)
show("a,b".split, ",", 1, maxsplit=2)
show("a".expandtabs, tabsize=1, x=2)
show("ab".encode, "utf-8", encoding="utf-8")
show(b"ab".hex, x=1)
show(sum, [1], start=1, x=2)
show(sum, iterable=[1])
show(sum, start=1)
show(sum, [1], iterable=2)
show(round, 2.5, number=2)
show(round, ndigits=1)
show(round, 1, 2, x=3)
show(pow, 2, base=2)
show(pow, exp=2)
show(pow, 1, 2, 3, mod=4)
show(pow, 2, 3, x=1)
show("a b".split, **{"max" + "split": 1})
import datetime
print(datetime.date(2020, 1, 2).strftime(format="%Y-%m"), datetime.datetime(2020, 1, 2, 3, 4).strftime(format="%H:%M"),
      datetime.time(5, 6).strftime(format="%H"))
""",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_builtins_print_what_cpython_prints(name):
    assert_prints_what_cpython_prints(PRELUDE + CASES[name])
