"""The language as CPython 3.11 runs it (issue 16): each snippet runs in the sandbox and in the CPython
running the tests, and must print the same, byte for byte. The snippets use the guest's patches 0070-0072
(class and module annotations, `list[int]` / `int | None`, f-string fields) and the frozen `dataclasses`
and `typing` modules built on them. The language programs of the agent-style corpus
(`tests/agent_corpus/lang_*.py`) run in `tests/test_agent_corpus.py`.
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from pathlib import Path

import pytest

from datasette_micropython import GuestError, Sandbox

# `show(f, *args)` prints repr(f(*args)), or the exception's type name and message.
PRELUDE = """
def show(f, *args, **kwargs):
    try:
        print(repr(f(*args, **kwargs)))
    except Exception as e:
        print(type(e).__name__ + ':', e)
"""

CASES = {
    # ---- annotations (patch 0070) -----------------------------------------------------------------------
    "annotations_class_and_module": """
count: int = 3
label: str
class Config:
    name: str
    retries: int = 3
    ratio: float = 0.5
    tags: 'list[str]'
    plain = 1
print(Config.__annotations__)
print(Config.retries, Config.ratio, hasattr(Config, 'name'), Config.plain)
print(__annotations__)
print(count)
class Base:
    a: int
class Child(Base):
    b: str = 'x'
print(Child.__annotations__, Base.__annotations__)
class Point:
    x: int = 0
    def __init__(self):
        self.y: int = 5
        z: int = 6
        self.z = z
p = Point()
print(p.y, p.z, Point.__annotations__)
def f():
    n: int
    n = 2
    total: float = n * 1.5
    return total
print(f())
""",
    "annotations_evaluated_in_order": """
order = []
def note(x):
    order.append(x)
    return x
class C:
    a: note('int') = note(1)
    b: note('str')
    c: note('float') = note(2.5)
print(order, C.__annotations__, C.a, C.c)
try:
    class D:
        x: undefined_name = 1
except NameError as e:
    print('NameError')
""",
    "generic_alias_and_union": """
from typing import Optional, Dict, List
print(list[int], dict[str, list[int]], tuple[int, ...], set[str], frozenset[int], type[int])
print(int | None, str | int | None, list[int] | None, int | int, None | str)
print(list[int] == list[int], list[int] == list[str], (int | str) == (str | int))
print(list[int]([1, 2]), dict[str, int](a=1), list[int].__origin__, dict[str, int].__args__)
print(int | Optional[str])
class Node:
    children: list['Node']
    parent: 'Node | None' = None
    meta: dict[str, int | float] = None
print(Node.__annotations__)
show(lambda: int | 3)
class Registry:
    def __class_getitem__(cls, item):
        return cls.__name__ + '[' + repr(item) + ']'
print(Registry[int], Registry['x', 2])
from typing import TypeVar, Generic
T = TypeVar('T')
class Stack(Generic[T]):
    pass
print(Stack[int])
""",
    # ---- dataclasses ---------------------------------------------------------------------------------------
    "dataclass_basics": """
from dataclasses import dataclass, field, fields, asdict, astuple, replace, is_dataclass
@dataclass
class Item:
    name: str
    price: float
    qty: int = 1
    tags: list[str] = field(default_factory=list)
    def total(self):
        return self.price * self.qty
a = Item('pen', 1.5, 4)
b = Item('pen', 1.5, 4)
c = Item(name='ink', price=7.25, tags=['blue'])
print(a, c)
print(a == b, a == c, a is b, a != c, a.total(), c.total())
print([f.name for f in fields(Item)], [f.type for f in fields(a)])
print(asdict(c), astuple(c))
print(replace(a, qty=10), a)
print(is_dataclass(Item), is_dataclass(a), is_dataclass(3), is_dataclass(dict))
a.tags.append('x')
print(a.tags, b.tags)
print(Item.__match_args__, Item.qty)
try:
    hash(a)
except TypeError:
    print('unhashable')
show(Item)
show(Item, 'a', 1.0, 2, [], 5)
show(Item, 'a', price=1.0, color='red')
show(Item, 'a', 2.0, name='b')
show(lambda: Item())
""",
    "dataclass_options": """
from dataclasses import dataclass, field, FrozenInstanceError, KW_ONLY, InitVar
from typing import ClassVar
@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0
    patch: int = field(default=0, compare=False)
vs = [Version(1, 2), Version(0, 9, 3), Version(1, 0), Version(1, 2, 7)]
print(sorted(vs))
print(Version(1, 2) < Version(1, 3), Version(2) >= Version(1, 9), Version(1, 2, 1) == Version(1, 2, 9))
print(hash(Version(1, 2)) == hash(Version(1, 2, 5)), len({Version(1), Version(1), Version(2)}))
v = Version(3)
try:
    v.major = 4
except FrozenInstanceError as e:
    print('FrozenInstanceError', e, isinstance(e, AttributeError))
try:
    del v.minor
except AttributeError as e:
    print(type(e).__name__, e)
@dataclass(eq=False, repr=False)
class Plain:
    x: int
p = Plain(1)
print(p == Plain(1), 'Plain object' in repr(p))
@dataclass(kw_only=True)
class Opts:
    verbose: bool = False
    level: int
print(Opts(level=2))
show(Opts, 2)
@dataclass
class Mixed:
    a: int
    _: KW_ONLY
    b: int = 0
    c: str
print(Mixed(1, c='x'), Mixed(1, b=2, c='y'), Mixed.__match_args__)
show(Mixed, 1, 2, 'z')
show(Mixed, 1)
@dataclass
class Account:
    owner: str
    balance: float = 0.0
    rate: InitVar[float] = 0.01
    kind: ClassVar[str] = 'savings'
    history: list = field(default_factory=list, repr=False)
    interest: float = field(init=False, default=0.0)
    def __post_init__(self, rate):
        self.interest = round(self.balance * rate, 2)
acct = Account('ann', 1000.0, 0.05)
print(acct, acct.kind, acct.interest, Account.kind)
print([f.name for f in __import__('dataclasses').fields(acct)])
show(Account, 'bob', interest=3)
@dataclass(unsafe_hash=True)
class Key:
    a: int
    b: str = field(default='', hash=False)
print(hash(Key(1, 'x')) == hash(Key(1, 'y')), Key(1) == Key(1))
""",
    "dataclass_errors_and_inheritance": """
from dataclasses import dataclass, field, replace, asdict, fields
for make in (
    lambda: dataclass(type('A', (), {'__annotations__': {'items': list}, 'items': []})),
    lambda: dataclass(type('B', (), {'__annotations__': {'x': int, 'y': int}, 'x': 1})),
    lambda: field(default=1, default_factory=list),
    lambda: dataclass(order=True, eq=False)(type('C', (), {'__annotations__': {'x': int}})),
    lambda: fields(3),
    lambda: asdict({'a': 1}),
):
    show(make)
@dataclass
class Base:
    id: int
    name: str = 'base'
@dataclass
class Derived(Base):
    extra: list = field(default_factory=list)
    name: str = 'derived'
d = Derived(7)
print(d, [f.name for f in fields(d)], isinstance(d, Base))
print(replace(d, name='z', extra=[1]))
show(replace, d, nope=1)
@dataclass
class Node:
    value: int
    children: list = field(default_factory=list)
tree = Node(1, [Node(2), Node(3, [Node(4)])])
print(asdict(tree))
print(tree)
@dataclass
class WithRepr:
    x: int
    def __repr__(self):
        return 'WithRepr<%d>' % self.x
print(WithRepr(5), [WithRepr(1)])
@dataclass(frozen=True)
class F:
    x: int
try:
    @dataclass
    class G(F):
        y: int = 0
except TypeError as e:
    print('TypeError', e)
@dataclass
class Inventory:
    items: dict = field(default_factory=dict)
    def add(self, name, n=1):
        self.items[name] = self.items.get(name, 0) + n
        return self
inv = Inventory().add('a').add('b', 3).add('a')
print(inv, inv == Inventory({'a': 2, 'b': 3}))
try:
    hash(inv)
except TypeError:
    print('unhashable')
""",
    # ---- typing: NamedTuple, TypedDict, get_type_hints ----------------------------------------------------
    "typing_namedtuple_class": """
from typing import NamedTuple, Optional
class Point(NamedTuple):
    x: float
    y: float = 0.0
    label: Optional[str] = None
    def dist(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
p = Point(3.0, 4.0)
print(p, p.dist(), p._fields, p._asdict(), p._field_defaults)
print(Point(1.5), Point(1, label='a'), p[0], p[-1], len(p), isinstance(p, tuple))
x, y, label = p
print(x + y, label, p._replace(y=1.0), Point._make([5, 6, 'z']))
print(sorted([Point(2, 1), Point(1, 5), Point(1, 2)]))
print(Point.__annotations__)
show(Point)
show(Point, 1, 2, 3, 4)
Pair = NamedTuple('Pair', [('left', int), ('right', int)])
print(Pair(1, 2), Pair(1, 2)._asdict())
try:
    class Bad(NamedTuple):
        a: int = 1
        b: int
except TypeError as e:
    print('TypeError', e)
""",
    "typing_typeddict_and_hints": """
from typing import TypedDict, get_type_hints, Optional, List
class Movie(TypedDict):
    title: str
    year: int
class Extra(Movie, total=False):
    rating: float
m = Movie(title='Heat', year=1995)
e: Extra = {'title': 'x', 'year': 1}
print(m, type(m).__name__, e, Movie.__annotations__, Extra.__annotations__)
print(Movie.__total__, Extra.__total__, sorted(Extra.__required_keys__), sorted(Extra.__optional_keys__))
class Base:
    a: int
    b: 'str'
class Sub(Base):
    c: Optional[List[int]] = None
    d: None = None
print(get_type_hints(Sub, globals()))
print(get_type_hints(Base, globals()))
""",
    # ---- f-strings (patch 0072) ---------------------------------------------------------------------------
    "fstring_fields": """
import datetime
t = datetime.datetime(2024, 3, 5, 14, 7, 9)
d = {'key': 'v', 'a:b': 3, ']': 'bracket'}
items = ['x', 'y']
for i in range(2):
    print(f"{t.strftime('%H:%M')} {']' if i else ')'} {d['key']} {d['a:b']} {d[']']} {'{'}")
print(f"{t:%Y-%m-%d}" if hasattr(t, '__format__') and False else t.strftime('%Y-%m-%d'))
x, w, p = 3.14159, 10, 2
print(f"[{x:{w}.{p}f}] [{x:<{w}}] [{'s':>{w}}] [{x:.{p}}]")
name = 'Ann'
print(f"{name!r} {name!s} {name=} {x=} {x = } {x=:.2f} {name=!s} {x*2=}")
print(f"{', '.join(f'{k}={v}' for k, v in sorted(d.items()))}")
print(f'{"nested " + f"{name.upper()}"}', f"{'a' + 'b'!r:>6}")
print(f"{(lambda v: v * 2)(3)} {dict(a=1)['a']} {[1, 2][1]} {(1, 2)!r} {x if x > 3 else -x:.1f}")
print(f'''multi
{name}
  {len(items):03d} {items[0]}''')
print(f"{{literal}} {{{name}}} {3 != 4} {'!r'} {'a:b'}")
rows = [('alpha', 1.5), ('beta', 22.25)]
for label, value in rows:
    print(f"{label:<8}|{value:>8.2f}|{value:^9.1%}|{len(label):>3}")
print(f"{'%s:%s' % ('a', 'b')} {'x'.join(['1', '2'])} {d.get('zz', 'default')}")
""",
    "fstring_syntax_errors": """
def check(src):
    try:
        compile(src, '<f>', 'exec')
        print('ok')
    except SyntaxError:
        print('SyntaxError')
for src in ('f"{x"', 'f"{x!z}"', 'f"{}"', "f'{a['b']}'", 'f"{x:{y}"', 'x = f"{1 +}"'):
    check(src)
""",
    # ---- exceptions (patches 0075, 0076) -------------------------------------------------------------------
    "exception_chaining": """
import traceback
def frames(e, chain=True):
    # the traceback module's text without source lines and carets (CPython has no source for <snippet>)
    text = ''.join(traceback.format_exception(e, chain=chain)).replace('"<snippet>"', '"<sandbox>"')
    return [line for line in text.splitlines() if not line.startswith('    ')]
class AppError(Exception):
    pass
def parse(s):
    try:
        return {'one': 1}[s]
    except KeyError as e:
        raise AppError('bad number %r' % s) from e
def lookup(d, k):
    try:
        return d[k]
    except KeyError:
        raise AppError('missing ' + k)
def quiet(d, k):
    try:
        return d[k]
    except KeyError:
        raise AppError('quiet') from None
def by_class():
    raise AppError('x') from ValueError
for f, args in ((parse, ('x',)), (lookup, ({}, 'a')), (quiet, ({}, 'b')), (by_class, ())):
    try:
        f(*args)
    except AppError as e:
        print(e, repr(e.__cause__), repr(e.__context__), e.__suppress_context__)
        for line in frames(e):
            print(line)
        print(frames(e, chain=False))
def helper():
    raise TypeError('in helper')
try:
    try:
        1 / 0
    except ZeroDivisionError:
        helper()
except TypeError as e:
    print(type(e.__context__).__name__, e.__cause__, e.__suppress_context__)
try:
    try:
        raise KeyError('k')
    finally:
        print('cleanup')
        raise RuntimeError('in finally')
except RuntimeError as e:
    print(repr(e.__context__))
class Closing:
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        raise OSError('close failed')
try:
    with Closing():
        raise ValueError('body')
except OSError as e:
    print(repr(e), repr(e.__context__))
try:
    try:
        raise ValueError('a')
    except ValueError as a:
        try:
            raise TypeError('b')
        except TypeError as b:
            raise a
except ValueError as e:
    print(repr(e.__context__), e.__context__.__context__)
try:
    try:
        raise ValueError('again')
    except ValueError:
        raise
except ValueError as e:
    print(repr(e), e.__context__)
e = ValueError('v')
print(e.__cause__, e.__context__, e.__suppress_context__, e.__traceback__, hasattr(e, '__notes__'))
e.__cause__ = KeyError('c')
print(repr(e.__cause__), e.__suppress_context__)
e.__context__ = None
e.__suppress_context__ = False
print(e.__context__, e.__suppress_context__)
show(setattr, e, '__cause__', 5)
show(setattr, e, '__context__', 'x')
show(lambda: exec('raise ValueError from 5'))
show(lambda: exec('raise 5'))
""",
    "exception_notes_and_tracebacks": """
import sys, traceback
class RowError(ValueError):
    pass
def check(row):
    if row < 0:
        raise RowError('negative row')
    return row
def load(rows):
    return [check(r) for r in rows]
try:
    load([1, -2])
except RowError as e:
    e.add_note('while loading the batch')
    e.add_note('row index 1')
    print(e.__notes__, str(e), repr(e))
    print(traceback.format_exception_only(e))
    tb = e.__traceback__
    names = []
    while tb is not None:
        names.append((tb.tb_frame.f_code.co_name, tb.tb_lineno > 0))
        tb = tb.tb_next
    print(names)
    print([(f.name, f.lineno > 0) for f in traceback.extract_tb(e.__traceback__)])
    print(len(traceback.format_tb(e.__traceback__)), sys.exc_info()[2] is not None)
    print(traceback.format_exception(e)[-3:])
show(ValueError('x').add_note, 3)
n = ValueError('y')
n.__notes__ = 'not a list'
show(n.add_note, 'z')
print(traceback.format_exception_only(n))
n.__notes__ = ('a\\nb', 3)
print(traceback.format_exception_only(n))
n.__notes__ = 5
print(traceback.format_exception_only(n))
print(traceback.format_exception_only(ValueError()), traceback.format_exception_only(KeyError('k')))
def gen():
    yield 1
    raise StopIteration('early')
try:
    list(gen())
except RuntimeError as e:
    print(e, repr(e.__cause__), e.__cause__ is e.__context__)
try:
    try:
        raise KeyError('a')
    except KeyError as first:
        saved = first
        raise ValueError('b')
except ValueError as second:
    print(second.__context__ is saved, saved.__traceback__ is not None)
""",
    "builtin_error_messages": """
import math
cases = ['1/0', '1//0', '1%0', 'divmod(1,0)', '1.0/0', '1.0//0', '1.0%0', 'divmod(1.0,0)', '10**30/0',
         '10**30//0', '10**30%0', 'divmod(10**30,0)', '1/0.0', '0**-1', '0.0**-1', 'math.log(2,1)',
         '[1]*"a"', '2.5*"x"', '[]+()', 'b"a"+"b"', '(1,)+[2]', 'bytearray(b"a")+"x"', 'b"a"+bytearray(b"b")', '"a"+1', '1+"a"',
         'int("")', 'int(" 1x ")', 'int("z", 16)', 'int("9", 8)', 'float("")', 'float("x1")', 'complex("x")',
         '5()', 'iter(5)', 'next([])', 'None[0]', 'len(None)', '1 < "a"', '[] <= {}',
         'None > None', '"a" >= 1.5', '-"a"', '~1.5', '+[]', 'abs("x")', '"a" @ 2', '2 ** "a"', 'pow(2,"a")',
         '1 << 1.5', '"a" - "b"', '{} | 1', 'int(None)', 'int([])', 'float(None)', 'float([])', 'range("a")',
         'hash([])', '{[1]: 2}', 'undefined_name', '"abc".missing', '(1, 2).append(3)', '{}["k"]', '[].pop()',
         'sorted([3, "a"])', 'max(1, "a")']
def statement(src):
    exec(src, {'math': math})
for src in cases:
    try:
        eval(src, {'math': math})
    except Exception as e:
        print(src, '->', type(e).__name__ + ':', e)
for src in ['None[0] = 1', 'del None[0]', '(1,)[0] = 2', 'del (1,)[0]', 's = "a"; s[0] = "b"']:
    try:
        statement(src)
    except Exception as e:
        print(src, '->', type(e).__name__ + ':', e)
""",
    "exception_classes_and_protocol_errors": """
def f():
    print(x)
    x = 1
try:
    f()
except UnboundLocalError as e:
    print('UnboundLocalError', isinstance(e, NameError))
try:
    import no_such_module_here
except ImportError as e:
    print(type(e).__name__, e, isinstance(e, ImportError))
for data in (b'\\xff', b'ok \\xe2\\x82', b'\\xe2\\x28\\xa1', b'a\\xe2\\x82\\x28', b'\\xc3'):
    try:
        data.decode()
    except UnicodeDecodeError as e:
        print(type(e).__name__, e, isinstance(e, ValueError))
print(issubclass(UnicodeEncodeError, UnicodeError), issubclass(ModuleNotFoundError, ImportError))
try:
    with 5:
        pass
except TypeError as e:
    print(e)
class OnlyEnter:
    def __enter__(self):
        return self
try:
    with OnlyEnter():
        pass
except TypeError as e:
    print(e)
def g(**kw):
    return kw
try:
    g(**[1])
except TypeError as e:
    print(type(e).__name__)
""",
}


def cpython_output(code: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(PRELUDE + code, "<snippet>", "exec", dont_inherit=True), {"__name__": "__main__"})  # noqa: S102
    return out.getvalue()


# Cases that still differ, each naming what is missing (strict: a fix must remove the entry).
KNOWN_DIFFERENCES = {
    "typing_namedtuple_class": "class-syntax NamedTuple construction fails: the namedtuple base has no __new__",
    "fstring_syntax_errors": "f'{x!z}', f'{}' and an unclosed nested spec compile (they fail at run time)",
}


def snippet_cases() -> list:
    return [
        pytest.param(name, marks=[pytest.mark.xfail(strict=True, reason=KNOWN_DIFFERENCES[name])])
        if name in KNOWN_DIFFERENCES
        else name
        for name in sorted(CASES)
    ]


@pytest.mark.parametrize("name", snippet_cases())
def test_snippet_prints_what_cpython_prints(name):
    code = CASES[name]
    expected = cpython_output(code)
    # A fresh session per snippet: imports and globals of one snippet never reach the next.
    with Sandbox(memory_limit=64 * 2**20, time_limit=30) as sb:
        assert sb.run(PRELUDE + code, eval_trailing=False).stdout == expected


def test_module_annotations_persist_between_runs():
    with Sandbox(memory_limit=64 * 2**20, time_limit=30) as sb:
        sb.run("a: int = 1")
        sb.run("b: 'str'")
        assert (
            sb.run("print(__annotations__)", eval_trailing=False).stdout
            == "{'a': <class 'int'>, 'b': 'str'}\n"
        )


# Programs that end with an uncaught exception: the sandbox's traceback must be the one CPython prints for
# the program run as a script, chain, notes and source lines included.
UNCAUGHT = {
    "cause_then_context": """\
class ConfigError(Exception):
    pass


def read_port(cfg):
    try:
        return cfg["port"]
    except KeyError as e:
        raise ConfigError("missing port") from e


def start(cfg):
    try:
        read_port(cfg)
    except ConfigError as e:
        e.add_note("while starting the server")
        raise RuntimeError("startup failed")


start({"host": "x"})
""",
    "suppressed_context_and_finally": """\
def parse(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        raise LookupError(f"cannot parse {value!r}") from None


def total(values):
    result = 0
    try:
        for v in values:
            result += parse(v)
    finally:
        if result > 2:
            raise ArithmeticError("partial total " + str(result))
    return result


print(total([1, 1]))
total([1, 2, None])
""",
}


def cpython_uncaught_traceback(code: str, tmp_path: Path) -> str:
    script = tmp_path / "program.py"
    script.write_text(code, encoding="utf-8")
    done = subprocess.run([sys.executable, "-I", str(script)], capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stderr
    text = done.stderr.replace(f'"{script}"', '"<sandbox>"')
    # CPython 3.11 underlines the failing part of a line (PEP 657); the sandbox keeps no column positions.
    return "\n".join(
        line for line in text.splitlines() if not (line.strip() and set(line.strip()) <= set("^~"))
    )


@pytest.mark.parametrize("name", sorted(UNCAUGHT))
def test_uncaught_traceback_is_cpythons(name, tmp_path):
    expected = cpython_uncaught_traceback(UNCAUGHT[name], tmp_path)
    with Sandbox(memory_limit=64 * 2**20, time_limit=30) as sb, pytest.raises(GuestError) as info:
        sb.run(UNCAUGHT[name], eval_trailing=False)
    assert info.value.traceback == expected
