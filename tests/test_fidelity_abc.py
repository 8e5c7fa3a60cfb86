"""collections.abc and numbers fidelity (issue 15): isinstance/issubclass answers for the built-in types, the
frozen library's containers and user classes (subclassing the ABCs, structural checks, register()), the
mixin methods, and the TypeError for abstract subclasses, against this CPython."""

import pytest
from fidelity import SHOW, assert_prints_what_cpython_prints

PRELUDE = SHOW

CASES = {
    "collections_abc_as_attribute": r"""
import collections
print(collections.abc.Sized, isinstance([], collections.abc.Sized))
from collections import abc
print(abc.Iterable is collections.abc.Iterable)
show(getattr, collections, "nope")
""",
    "builtins_against_every_abc": r"""
import collections.abc as cabc
from collections import OrderedDict, Counter, defaultdict, ChainMap, UserDict, UserList, UserString, deque, namedtuple
def gen():
    yield 1
Point = namedtuple("Point", "x y")
values = [[], (), "", b"", bytearray(), {}, set(), frozenset(), range(3), memoryview(b"x"), {}.keys(),
          {}.values(), {}.items(), iter([]), iter(()), iter(""), iter({}), gen(), (x for x in []), len, gen,
          lambda: 0, [].append, int, 1, 1.5, 1j, True, None, OrderedDict(), Counter(), defaultdict(list),
          ChainMap(), UserDict(), UserList(), UserString("s"), deque(), Point(1, 2), zip(), map(len, []),
          enumerate([]), reversed([]), object()]
names = [n for n in cabc.__all__ if not n.startswith("Async") and n not in ("Awaitable", "Coroutine")]
for i, v in enumerate(values):
    print(i, [n for n in names if isinstance(v, getattr(cabc, n))])
for t in (list, tuple, str, bytes, bytearray, dict, set, frozenset, range, int, object):
    print(t.__name__, [n for n in names if issubclass(t, getattr(cabc, n))])
print(cabc.Mapping, cabc.MutableSequence.__name__, repr(cabc.Iterable))
""",
    "user_classes": r"""
from collections.abc import (Mapping, MutableMapping, Sequence, MutableSequence, Set, MutableSet, Iterable,
                             Iterator, Sized, Container, Callable, Hashable, Reversible, Collection, Generator)
class Config(Mapping):
    def __init__(self, **kw):
        self._d = dict(kw)
    def __getitem__(self, k):
        return self._d[k]
    def __iter__(self):
        return iter(self._d)
    def __len__(self):
        return len(self._d)
c = Config(a=1, b=2)
print(isinstance(c, Mapping), isinstance(c, MutableMapping), isinstance(c, Collection), issubclass(Config, Mapping))
print(c.get("a"), c.get("z", 0), "a" in c, "z" in c, sorted(c.keys()), sorted(c.values()), sorted(c.items()))
print(c == {"a": 1, "b": 2}, c != {"a": 1}, dict(c), len(c.keys()), ("a", 1) in c.items(), 2 in c.values())
print(c.keys() & {"a", "x"}, sorted(c.keys() | {"x"}), c.keys() - {"a"}, sorted(c.keys() ^ {"a", "q"}))
class Store(MutableMapping):
    def __init__(self):
        self._d = {}
    def __getitem__(self, k):
        return self._d[k.lower()]
    def __setitem__(self, k, v):
        self._d[k.lower()] = v
    def __delitem__(self, k):
        del self._d[k.lower()]
    def __iter__(self):
        return iter(self._d)
    def __len__(self):
        return len(self._d)
s = Store()
s["A"] = 1
s.update({"B": 2}, C=3)
s.update([("D", 4)])
print(sorted(s.items()), s.setdefault("e", 5), s.setdefault("A", 9), s.pop("b"), s.pop("zz", "dflt"))
print(s.popitem(), len(s), isinstance(s, MutableMapping))
show(s.pop, "missing")
s.clear()
print(len(s), dict(s))
class Deck(Sequence):
    def __init__(self, cards):
        self._cards = list(cards)
    def __getitem__(self, i):
        return self._cards[i]
    def __len__(self):
        return len(self._cards)
d = Deck("AKQJ")
print(list(d), list(reversed(d)), "Q" in d, d.index("Q"), d.count("A"), isinstance(d, Reversible))
show(d.index, "X")
class Stack(MutableSequence):
    def __init__(self):
        self._items = []
    def __getitem__(self, i):
        return self._items[i]
    def __setitem__(self, i, v):
        self._items[i] = v
    def __delitem__(self, i):
        del self._items[i]
    def __len__(self):
        return len(self._items)
    def insert(self, i, v):
        self._items.insert(i, v)
st = Stack()
st.append(1)
st.extend([2, 3, 4])
st += [5]
st.reverse()
print(list(st), st.pop(), st.pop(0), list(st))
st.remove(3)
print(list(st), len(st), isinstance(st, Sequence))
class Bag(MutableSet):
    def __init__(self, it=()):
        self._s = set(it)
    def __contains__(self, x):
        return x in self._s
    def __iter__(self):
        return iter(sorted(self._s))
    def __len__(self):
        return len(self._s)
    def add(self, x):
        self._s.add(x)
    def discard(self, x):
        self._s.discard(x)
b = Bag([1, 2, 3])
print(list(b & {2, 3, 4}), list(b | {9}), list(b - {1}), b <= {1, 2, 3, 4}, b == {1, 2, 3}, b.isdisjoint([7]))
b |= {10}
b -= {1}
print(list(b), isinstance(b, Set))
class Half(Mapping):
    def __getitem__(self, k):
        return k
show(Half)
class Counter2:
    def __init__(self):
        self.n = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.n += 1
        if self.n > 3:
            raise StopIteration
        return self.n
    def __len__(self):
        return 3
    def __call__(self):
        return self.n
print(isinstance(Counter2(), Iterator), isinstance(Counter2(), Iterable), isinstance(Counter2(), Sized),
      isinstance(Counter2(), Callable), isinstance(Counter2(), Container), isinstance(Counter2(), Collection))
class NoHash:
    def __eq__(self, other):
        return True
class WithHash(NoHash):
    def __hash__(self):
        return 1
print(isinstance(NoHash(), Hashable), isinstance(WithHash(), Hashable), isinstance(object(), Hashable))
class Reg:
    pass
Sequence.register(Reg)
print(isinstance(Reg(), Sequence), isinstance(Reg(), Iterable), issubclass(Reg, Collection))
show(Sequence.register, 5)
""",
    "numbers": r"""
import numbers
from fractions import Fraction
from decimal import Decimal
for v in [1, True, 1.5, 1j, Fraction(1, 3), Decimal("1.5"), "1", None]:
    print(repr(v), [n for n in ("Number", "Complex", "Real", "Rational", "Integral") if isinstance(v, getattr(numbers, n))])
print(issubclass(int, numbers.Real), issubclass(float, numbers.Integral), numbers.Integral)
def describe(x):
    if isinstance(x, numbers.Integral):
        return "integer"
    if isinstance(x, numbers.Real):
        return "real"
    if isinstance(x, numbers.Number):
        return "number"
    return "other"
print([describe(x) for x in (3, 2.5, 1 + 2j, "x", Decimal(2))])
class Meters(numbers.Real):
    pass
show(Meters)
""",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_abcs_answer_what_cpython_answers(name):
    assert_prints_what_cpython_prints(PRELUDE + CASES[name])
