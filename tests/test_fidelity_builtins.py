"""Built-in gaps closed for issue 15, against this CPython: str.format_map and format fields that select
attributes and items, the !a conversion, ascii(), int's methods on True/False, float.fromhex, dict view
types, list slice assignment and deletion."""

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
    "list_slice_assignment": r"""
scores = list(range(12))
scores[::3] = ["a", "b", "c", "d"]
print(scores)
del scores[1::4]
print(scores)
del scores[::-2]
print(scores, len(scores))
row = list(range(10))
row[8:1:-3] = "xyz"
print(row)
row[2:4] = range(5)
print(row)
row[:0] = (c.upper() for c in "hi")
print(row)
row[len(row):] = row
print(row, len(row))
row[::4] = [None] * len(row[::4])
del row[100:200:5], row[::-100]
print(row)
letters = list("abcdef")
letters[1:3] = "XYZ"
del letters[::1]
print(letters)
def assign(target, where, value):
    target[where] = value
show(assign, letters, slice(None, None, 2), [1])
stock = [5, 4, 3]
show(assign, stock, slice(None, None, 2), [1])
show(assign, stock, slice(0, 1), 5)
show(assign, stock, slice(0, 3, 2), 5)
show(assign, stock, slice(0, 3, "x"), [1])
class Position:
    def __index__(self):
        return 1
print(stock[Position():], "abc"[:Position()], stock[:10**30], stock[-10**30::2], (1, 2, 3)[::-2**40])
show(lambda: stock[::0])
show(lambda: stock[1.5:])
""",
    "sequence_step_slices": r"""
row = ("id", "name", "city", "pop", "area")
print(row[::2], row[::-1], row[1::3], row[10::2], row[:1:-2])
buf = bytearray(b"header:payload:trailer")
print(buf[::2], buf[::-3], buf[100:0:-7])
del buf[0], buf[-1]
print(buf)
del buf[:7]
del buf[::4]
print(buf, len(buf))
del buf[2:5]
print(buf)
import array
samples = array.array("h", range(-5, 6))
print(samples[::3], samples[::-2])
del samples[1::2], samples[0]
print(samples)
def delete(target, where):
    del target[where]
show(delete, buf, 100)
show(delete, samples, slice(None, None, 0))
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
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_builtins_print_what_cpython_prints(name):
    assert_prints_what_cpython_prints(PRELUDE + CASES[name])
