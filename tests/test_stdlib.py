"""The frozen standard-library layer (micropython-build/modules/): each snippet prints the same in the
guest as in CPython. The snippet runs in this interpreter (CPython) with exec for the expected output,
except the few in LITERAL, which use features newer than the CPython running the tests."""

import contextlib
import io

import pytest

from datasette_micropython import Sandbox

# Shared by every snippet: `show(f, *args)` prints repr(f(*args)), or the name of the exception;
# `fp(*values)` prints like print() but floats (also inside lists and tuples) by their bits, so that the
# values themselves are compared, to the last bit.
PRELUDE = """
import struct as _struct
def exact(x):
    if isinstance(x, float):
        return _struct.pack('>d', x).hex()
    if isinstance(x, (list, tuple)):
        return [exact(v) for v in x]
    return x
def fp(*values):
    print(*[exact(v) for v in values])
def show(f, *args, **kwargs):
    try:
        print(repr(exact(f(*args, **kwargs))))
    except Exception as e:
        print(type(e).__name__)
"""

CASES = {
    # ---- typing ------------------------------------------------------------------------------------
    "typing_aliases": """
exec("from __future__ import annotations\\ndef f(x: 'Undefined') -> List[int]:\\n    return x\\nprint(f(1))")
import __future__
print(__future__.annotations is not None)
import typing
from typing import (Any, Optional, Union, List, Dict, Tuple, Set, FrozenSet, Iterable, Iterator,
    Callable, Sequence, Mapping, MutableMapping, TypeVar, Generic, TYPE_CHECKING, cast, Literal, ClassVar,
    Final, Type, DefaultDict, Deque, Counter, Generator, Annotated, NoReturn, AnyStr, Text)
print(TYPE_CHECKING, cast(int, '3'), Any, Optional[int], Union[int, str], Union[int], Union[int, None, str])
print(List[int], Dict[str, Any], Tuple[int, ...], Callable[[int, str], bool], Literal['a', 1])
print(Optional[List[Dict[str, int]]], Set[int], FrozenSet[str], Iterable[int], Iterator[str])
print(Union[int, str] == Union[int, str], Optional[int] == Union[int, None], Union[Union[int, str], float])
print(Generator[int, None, None], typing.Sequence[int], Mapping[str, int], Type[int], ClassVar[int])
print(Final[int], MutableMapping[str, int], DefaultDict[str, int], Deque[int], Counter[str], Text)
print(Annotated[int, 'meta'], NoReturn, Sequence, List)
show(lambda: List[int, str])
show(lambda: Dict[int])
show(lambda: List())
""",
    "typing_constructs": """
from typing import (TypeVar, Generic, NamedTuple, TypedDict, Protocol, NewType, overload, final,
    get_origin, get_args, Union, List, Dict, Optional, Iterator, Any, Callable, runtime_checkable)
T = TypeVar('T'); K = TypeVar('K', bound=str); V = TypeVar('V', covariant=True)
print(T, K, V, List[T], Dict[K, V], T.__name__)
show(TypeVar, 'X', int)
class Stack(Generic[T]):
    def __init__(self) -> None:
        self.items: List[T] = []
    def push(self, item: T) -> None:
        self.items.append(item)
s = Stack(); s.push(1); print(s.items, isinstance(s, Stack))
class Pair(Generic[K, V]):
    pass
print(type(Pair()).__name__)
P = NamedTuple('P', [('x', int), ('y', int)])
print(P(1, 2), P(1, 2).x, P._fields)
class Movie(TypedDict):
    title: str
m = Movie(title='x'); print(m, type(m).__name__)
M2 = TypedDict('M2', {'a': int}); print(M2(a=1), type(M2(a=1)).__name__)
@runtime_checkable
class Greeter(Protocol):
    def greet(self) -> str: ...
class G(Greeter):
    def greet(self): return 'hi'
print(G().greet())
UserId = NewType('UserId', int); print(UserId(5))
@overload
def f(x: int) -> int: ...
@final
def f(x): return x
print(f(3), get_origin(List[int]), get_args(Dict[str, int]), get_origin(Union[int, str]) is Union)
print(get_args(Callable[[int], str]), get_origin(int), get_args(int))
Row = Dict[str, Any]
def process(rows: List[Row], limit: Optional[int] = None) -> Iterator[Row]:
    yield from rows[:limit]
print(list(process([{'a': 1}, {'a': 2}], 1)))
""",
    # ---- collections -----------------------------------------------------------------------------
    "collections_counter": """
from collections import Counter
c = Counter('abracadabra')
print(sorted(c.items()), c['z'], 'z' in c, c.most_common(1), c.most_common(0), c.total())
print(sorted(c.elements()), len(c), sorted(c))
print(Counter(a=3, b=1), Counter(), Counter({'x': 2}) + Counter(x=1, y=-1))
print(Counter(a=3) - Counter(a=5), Counter(a=3, b=1) | Counter(a=1, b=2), Counter(a=3, b=1) & Counter(a=1, b=2))
print(-Counter(a=-2, b=3), +Counter(a=-2, b=3))
c2 = Counter(a=1); c2.subtract(a=3); print(c2); c2.subtract(['a', 'b']); print(sorted(c2.items()))
c2 += Counter(); print(c2)
c3 = Counter(a=2, b=1); c3 -= Counter(a=1, b=5); print(c3)
c3 |= Counter(z=4); c3 &= Counter(z=2, a=9); print(sorted(c3.items()))
c3.update({'z': 3}, q=1); c3.update(['q', 'q']); print(sorted(c3.items()))
print(Counter(a=1) == Counter(a=1, b=0), Counter(a=1) <= Counter(a=2), Counter(a=1) < Counter(a=1))
print(Counter(a=2) >= Counter(a=1), Counter(a=2) > Counter(a=2), Counter(a=1) == {'a': 1}, Counter(a=1) != {})
c4 = Counter(x=1); del c4['x']; del c4['missing']; print(c4, c4.copy() == c4, type(c4.copy()).__name__)
print(Counter(['b', 'a', 'b']).most_common(), Counter({'a': 5, 'b': 7, 'c': 6}).most_common(2))
print(str(Counter('aab')), sorted(dict(Counter('aab').items()).items()), isinstance(c, dict))
words = 'the quick the lazy the end quick'.split()
print(Counter(words).most_common(2), Counter(len(w) for w in words)[3])
show(Counter.fromkeys, 'ab')
show(lambda: Counter(a=1) + {'a': 1})
show(lambda: Counter(a=1) < {'a': 1})
""",
    "collections_defaultdict_chainmap": """
from collections import defaultdict, ChainMap, OrderedDict
d = defaultdict(list); d['x'].append(1); d['y']; print(sorted(d.items()), d.default_factory)
dd = defaultdict(int); dd['a'] += 2; print(dd, dd.get('q'), 'q' in dd, dd['q'], 'q' in dd)
print(defaultdict(int, {'a': 1}), defaultdict(None, a=1)['a'], isinstance(dd, dict))
nested = defaultdict(lambda: defaultdict(int)); nested['a']['b'] += 1; print(nested['a']['b'])
show(lambda: defaultdict()['k'])
show(defaultdict, 5)
show(lambda: defaultdict(set).__missing__('k'))
cp = dd.copy(); cp['z'] = 1; print(sorted(cp.items()), sorted(dd.items()), type(cp).__name__)
groups = defaultdict(list)
for word in ['apple', 'avocado', 'banana', 'blueberry', 'cherry']:
    groups[word[0]].append(word)
print(sorted(groups.items()))
cm = ChainMap({'a': 1}, {'a': 2, 'b': 3}); print(cm['a'], cm['b'], len(cm), sorted(cm), cm)
print(cm.get('zz', 0), 'b' in cm, sorted(cm.items()), sorted(cm.values()), bool(ChainMap()))
cm['c'] = 5; print(cm.maps, cm.new_child({'z': 0})['z'], cm.parents, cm.new_child().maps)
del cm['c']; show(cm.__delitem__, 'b'); show(cm.__getitem__, 'nope'); print(cm.pop('a'), cm)
print(cm.setdefault('q', 7), cm)
print(OrderedDict(a=1)['a'], list(OrderedDict([('b', 1), ('a', 2)])))
""",
    "collections_namedtuple_deque": """
from collections import namedtuple, deque
P = namedtuple('P', 'x, y'); p = P(1, 2)
print(p, p._replace(y=3), P._make([4, 5]), P._fields, p.x, p[1], isinstance(p, tuple), p == (1, 2))
print(P(x=1, y=5), namedtuple('Q', ['a', 'b'])(1, b=2), namedtuple('R', 'a b c')(*range(3)))
show(p._replace, z=1)
show(lambda: namedtuple('R', ['a', 'a', '1x', 'def'], rename=True)._fields)
show(namedtuple, 'R', ['a', 'a'])
show(namedtuple, 'R', ['_a'])
show(namedtuple, 'R', ['a b'])
x, y = P(7, 8); print(x + y, sorted([P(2, 1), P(1, 2)]), max(P(1, 9)))
d = deque(); d.append(1); d.appendleft(0); d.extend([2, 3]); d.extendleft([-1, -2])
print(d, len(d), d[0], d[-1], 3 in d, d.popleft(), d.pop(), d)
d.rotate(2); print(d); d.rotate(-3); print(d); d.rotate(0); print(d)
print(deque([1, 2, 3], maxlen=2), deque(range(5), 3).maxlen, deque().maxlen, deque('ab'))
q = deque(maxlen=3)
for i in range(10):
    q.append(i)
print(q, list(reversed(q)), q.count(8), q.index(9))
q.appendleft(100); print(q); q.extendleft([5, 6]); print(q)
b = deque()
for i in range(1000):
    b.append(i)
s = 0
while b:
    s += b.popleft()
print(s, len(b), bool(b), b)
c = deque()
for i in range(50):
    c.appendleft(i)
print(list(c)[:5], c[49], len(c))
show(deque().pop)
show(deque().popleft)
show(lambda: deque([1])[5])
show(deque([1]).remove, 2)
show(deque, [], -1)
d2 = deque([1, 2, 3]); d2.remove(2); d2.insert(1, 9); d2.reverse(); print(d2, d2 == deque([3, 9, 1]), d2 + deque([0]))
del d2[0]; d2[0] = 5; print(d2, d2.copy(), deque('ab') * 2, deque([1]) != deque([2]), deque([1]) < deque([2]))
d2.clear(); print(d2, deque([0], maxlen=0))
graph = {'a': ['b', 'c'], 'b': ['d'], 'c': ['d'], 'd': []}
seen, order, todo = {'a'}, [], deque(['a'])
while todo:
    node = todo.popleft(); order.append(node)
    for nxt in graph[node]:
        if nxt not in seen:
            seen.add(nxt); todo.append(nxt)
print(order)
""",
    # ---- itertools ---------------------------------------------------------------------------------
    "itertools_infinite_and_filters": """
from itertools import (count, cycle, repeat, accumulate, chain, compress, dropwhile, takewhile,
    filterfalse, islice, starmap, pairwise)
import operator
print(list(islice(count(), 5)), list(islice(count(10, -2.5), 3)), list(islice(cycle('ab'), 5)))
print(list(repeat('x', 3)), list(repeat(1, 0)), list(repeat(1, -2)), list(islice(repeat(7), 2)), list(cycle([])))
print(list(accumulate([1, 2, 3, 4])), list(accumulate([3, 1, 4], max)), list(accumulate([1, 2], initial=10)))
print(list(accumulate([])), list(accumulate([], initial=0)), list(accumulate([1, 2, 3], operator.mul)))
print(list(chain('ab', [1], ())), list(chain.from_iterable(['xy', 'z'])), list(chain()))
print(list(compress('abcdef', [1, 0, 1, 0, 1])), list(dropwhile(lambda x: x < 3, [1, 4, 1])))
print(list(takewhile(lambda x: x < 3, [1, 2, 5, 1])), list(filterfalse(None, [0, 1, '', 'a'])))
print(list(filterfalse(lambda x: x % 2, range(6))), list(starmap(pow, [(2, 3), (3, 2)])))
print(list(pairwise('abcd')), list(pairwise([1])), list(pairwise([])))
print(list(islice('abcdefg', 2)), list(islice('abcdefg', 2, 4)), list(islice('abcdefg', 2, None)))
print(list(islice('abcdefg', 0, None, 2)), list(islice(range(10), 1, 8, 3)), list(islice('ab', 5, 3)))
print(list(islice('abc', None)), list(islice('abc', None, 2)), list(islice('abc', 1, None, None)))
it = iter(range(10)); print(list(islice(it, 3)), next(it))
it = iter(range(10)); print(list(islice(it, 1, 3)), next(it))
show(islice, 'abc', -1)
show(islice, 'abc', 0, 1, 0)
show(islice, 'abc', 'x')
show(lambda: list(chain(1)))
""",
    "itertools_grouping_and_combinatorics": """
from itertools import (groupby, tee, zip_longest, product, permutations, combinations,
    combinations_with_replacement)
print([(k, list(g)) for k, g in groupby('AAAABBBCCDAABBB')], [k for k, g in groupby([])])
print([(k, len(list(g))) for k, g in groupby([1, 2, 4, 5, 7], key=lambda x: x // 3)])
groups = groupby('aabbc'); k1, g1 = next(groups); k2, g2 = next(groups); print(k1, list(g1), k2, list(g2))
rows = [{'city': 'a', 'n': 1}, {'city': 'a', 'n': 2}, {'city': 'b', 'n': 3}]
print({k: sum(r['n'] for r in g) for k, g in groupby(rows, key=lambda r: r['city'])})
a, b = tee(iter([1, 2, 3])); print(next(a), list(b), list(a), tee([1], 0), len(tee('ab', 3)))
print(list(zip_longest('ABCD', 'xy', fillvalue='-')), list(zip_longest()), list(zip_longest([1], [])))
print(list(product('ab', range(2))), list(product([1, 2], repeat=2)), list(product()), list(product('ab', [])))
print(list(permutations('abc', 2)), list(permutations(range(3))), list(permutations('ab', 3)), list(permutations([], 0)))
print(list(combinations('abcd', 2)), list(combinations(range(4), 3)), list(combinations('ab', 3)), list(combinations('ab', 0)))
print(list(combinations_with_replacement('abc', 2)), list(combinations_with_replacement([], 2)), list(combinations_with_replacement('a', 0)))
print(len(list(permutations(range(6)))), len(list(combinations(range(10), 4))), sorted(permutations('aab')) == sorted(set(permutations('aab'))) or 'dupes kept')
show(combinations, 'abc', -1)
show(permutations, 'abc', -1)
show(product, 'a', repeat=-1)
show(tee, 'a', -1)
show(zip_longest, 1)
""",
    # ---- functools / operator / bisect / copy -------------------------------------------------------
    "functools": """
from functools import (reduce, partial, wraps, lru_cache, cache, cmp_to_key, total_ordering,
    cached_property, partialmethod, singledispatch, update_wrapper)
import operator
print(reduce(operator.add, [1, 2, 3]), reduce(lambda a, b: a * b, [], 1), reduce(max, [3, 9, 2]))
show(reduce, operator.add, [])
def power(base, exp, mod=1000):
    return pow(base, exp) % mod
square = partial(power, exp=2); cube = partial(power, exp=3)
print(square(5), cube(2), partial(power, 2)(10), partial(partial(power, 2), 3)(mod=5), square.func is power, square.args, square.keywords)
show(partial, 5)
def deco(f):
    @wraps(f)
    def wrapper(*args, **kwargs):
        return f(*args, **kwargs) * 2
    return wrapper
@deco
def double_it(x):
    return x
print(double_it(21))
calls = []
@lru_cache(maxsize=None)
def fib(n):
    calls.append(n)
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), len(calls), fib.cache_info())
fib.cache_clear(); print(fib.cache_info())
@lru_cache(maxsize=2)
def sq(x):
    calls.append(x)
    return x * x
calls.clear()
print([sq(i) for i in [1, 2, 1, 3, 2, 1]], calls, sq.cache_info())
@lru_cache
def add(a, b=0):
    return a + b
print(add(1), add(1, b=2), add(1, 2), add(1), add.cache_info().hits)
@cache
def slow(x):
    return [x]
print(slow(1) is slow(1), slow.cache_info().currsize)
class C:
    def __init__(self, k):
        self.k = k
    @lru_cache(maxsize=None)
    def times(self, n):
        return self.k * n
    @cached_property
    def expensive(self):
        calls.append('computed')
        return self.k * 100
    half = partialmethod(times, 5)
c = C(3); calls.clear(); print(c.times(2), C(4).times(2), c.expensive, c.expensive, calls, c.half())
print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)), sorted(['bb', 'a', 'ccc'], key=cmp_to_key(lambda a, b: len(a) - len(b))))
@total_ordering
class V:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return self.v == other.v
    def __lt__(self, other):
        return self.v < other.v
print(V(1) < V(2), V(1) <= V(1), V(2) > V(1), V(1) >= V(2), V(3) > V(3), max([V(1), V(5), V(2)]).v)
@total_ordering
class W:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return self.v == other.v
    def __ge__(self, other):
        return self.v >= other.v
print(W(1) < W(2), W(1) <= W(1), W(2) > W(1), W(1) >= W(2), W(3) > W(3))
show(total_ordering, type('Nothing', (), {}))
@singledispatch
def describe(x):
    return 'object'
@describe.register(int)
def _(x):
    return 'int'
describe.register(list, lambda x: 'list of %d' % len(x))
print(describe(1), describe('s'), describe([1, 2]), describe(2.5))
""",
    "operator": """
import operator
from operator import itemgetter, attrgetter, methodcaller
print(operator.add(1, 2), operator.sub(5, 3), operator.mul('a', 3), operator.truediv(7, 2), operator.floordiv(7, 2))
print(operator.mod(7, 3), operator.pow(2, 10), operator.neg(3), operator.pos(-3), operator.abs(-4), operator.invert(5))
print(operator.eq(1, 1), operator.ne(1, 2), operator.lt(1, 2), operator.le(2, 2), operator.gt(1, 2), operator.ge(3, 2))
print(operator.not_(0), operator.truth([]), operator.is_(None, None), operator.is_not(1, None), operator.contains([1], 1))
print(operator.and_(6, 3), operator.or_(6, 3), operator.xor(6, 3), operator.lshift(1, 4), operator.rshift(16, 2))
print(operator.concat([1], [2]), operator.countOf([1, 2, 1], 1), operator.indexOf('abc', 'c'), operator.index(7))
d = {'a': 1}; operator.setitem(d, 'b', 2); operator.delitem(d, 'a'); print(d, operator.getitem([5, 6], 1))
l = [1]; print(operator.iadd(l, [2]), l, operator.isub(5, 2), operator.imul([0], 2), operator.length_hint([1, 2]))
show(operator.indexOf, [1], 2)
show(operator.concat, 1, 2)
rows = [{'name': 'b', 'age': 30}, {'name': 'a', 'age': 25}, {'name': 'c', 'age': 30}]
print(sorted(rows, key=itemgetter('age', 'name')), itemgetter(1)('abc'), itemgetter(0, -1)([1, 2, 3]))
class P:
    def __init__(self, name, child=None):
        self.name = name
        self.child = child
    def greet(self, greeting, punct='!'):
        return greeting + ' ' + self.name + punct
p = P('x', P('y'))
print(attrgetter('name')(p), attrgetter('child.name')(p), attrgetter('name', 'child.name')(p))
print(methodcaller('greet', 'hi')(p), methodcaller('greet', 'yo', punct='?')(p), methodcaller('upper')('abc'))
print(itemgetter(1), attrgetter('a', 'b'), methodcaller('m', 1, k=2))
show(attrgetter('missing'), p)
show(itemgetter(5), [1])
""",
    "bisect": """
import bisect
a = [1, 2, 4, 4, 8]
print(bisect.bisect_left(a, 4), bisect.bisect_right(a, 4), bisect.bisect(a, 4), bisect.bisect_left(a, 0), bisect.bisect(a, 9))
print(bisect.bisect_left(a, 4, 3), bisect.bisect_right(a, 4, 0, 2), bisect.bisect_left([], 1))
bisect.insort(a, 5); bisect.insort_left(a, 4); bisect.insort_right(a, 0); print(a)
rows = [('a', 1), ('b', 5), ('c', 9)]
print(bisect.bisect_left(rows, 5, key=lambda r: r[1]), bisect.bisect_right(rows, 5, key=lambda r: r[1]))
bisect.insort(rows, ('d', 6), key=lambda r: r[1]); print(rows)
def grade(score, breakpoints=[60, 70, 80, 90], grades='FDCBA'):
    return grades[bisect.bisect(breakpoints, score)]
print([grade(s) for s in [33, 99, 77, 70, 89, 90, 100]])
show(bisect.bisect_left, a, 1, -1)
""",
    "copy": """
import copy
from collections import Counter, defaultdict, OrderedDict, deque
a = [1, [2, 3], {'k': [4]}]
b = copy.copy(a); c = copy.deepcopy(a)
a[1].append(99); a[2]['k'].append(5)
print(b, c, b[1] is a[1], c[1] is a[1])
t = (1, [2]); print(copy.copy(t) is t, copy.deepcopy(t) == t, copy.deepcopy(t) is t, copy.deepcopy((1, 2)) is not None)
s = {1, 2}; print(sorted(copy.copy(s)), copy.deepcopy(frozenset([1])), copy.copy('x'), copy.deepcopy(None), copy.copy(3.5))
cyc = [1]; cyc.append(cyc); d = copy.deepcopy(cyc); print(d[1] is d, d[1] is cyc)
shared = [0]; pair = [shared, shared]; dp = copy.deepcopy(pair); print(dp[0] is dp[1])
class Point:
    def __init__(self, x, tags):
        self.x = x
        self.tags = tags
p = Point(1, ['a']); p2 = copy.copy(p); p3 = copy.deepcopy(p)
p.tags.append('b'); print(p2.x, p2.tags, p3.tags, type(p3).__name__)
class Custom:
    def __init__(self):
        self.v = 1
    def __copy__(self):
        return 'copied'
    def __deepcopy__(self, memo):
        return 'deep'
print(copy.copy(Custom()), copy.deepcopy([Custom()]))
cnt = copy.deepcopy(Counter('aab')); dd = defaultdict(list, {'a': [1]}); dd2 = copy.deepcopy(dd)
dd['a'].append(2); print(sorted(cnt.items()), type(cnt).__name__, sorted(dd2.items()), dd2['new'], type(dd2).__name__)
print(copy.copy(deque([1, 2])), copy.deepcopy(deque([[1]])), list(copy.deepcopy(OrderedDict(a=[1])).items()))
print(copy.copy(bytearray(b'x')), copy.deepcopy({'a': (1, [2])}), copy.Error.__name__)
""",
    # ---- statistics -------------------------------------------------------------------------------
    "statistics_averages": """
import statistics as st
fp(st.mean([1, 2, 3]), st.mean([1, 2]), st.mean([0.1, 0.2, 0.3]), st.mean([2.5, 3.1, 4.7]), st.mean(range(101)))
fp(st.mean([1, 2.5]), st.mean(iter([4, 8])), st.mean([-1, 1]), st.mean([1e308, 1e308]), st.mean([10**30, 1]))
fp(st.fmean([0.1, 0.2, 0.3]), st.fmean([1, 2, 3]), st.fmean([85, 92, 83], weights=[0.2, 0.3, 0.5]))
fp(st.geometric_mean([54, 24, 36]), st.harmonic_mean([40, 60]), st.harmonic_mean([40, 60], weights=[5, 30]))
fp(st.harmonic_mean([2.5, 3, 10]), st.harmonic_mean([0, 5]), st.harmonic_mean([7]))
fp(st.median([3, 1, 2]), st.median([4, 1, 3, 2]), st.median([1.5, 2.5]), st.median_low([1, 3, 5, 7]), st.median_high([1, 3, 5, 7]))
fp(st.median_grouped([52, 52, 53, 54]), st.median_grouped([1, 3, 3, 5, 7]), st.median_grouped([1, 3, 3, 5, 7], interval=2))
fp(st.mode([1, 1, 2, 3, 3, 3]), st.mode('aabbbc'), st.mode(['x', 'y']), st.multimode('aabbbbccddddeeffffgg'), st.multimode([]))
fp(st.quantiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), st.quantiles(range(1, 11), n=10, method='inclusive'))
fp(st.quantiles([105, 129, 87, 86, 111, 111, 89, 81, 108, 92, 110, 100, 75, 105, 103, 109, 76, 119, 99, 91], n=10))
fp(st.quantiles([1.5, 2.25], n=3), st.quantiles([1, 100], n=4, method='inclusive'))
fp(st.mean([float('inf'), 1]), st.mean([True, False, True]))
for f, args in [(st.mean, []), (st.fmean, []), (st.median, []), (st.median_low, []), (st.mode, []),
                (st.quantiles, [1]), (st.harmonic_mean, [-1, 2]), (st.geometric_mean, [0, 1]),
                (st.harmonic_mean, [])]:
    show(f, args)
show(st.quantiles, [1, 2], n=0)
show(st.quantiles, [1, 2], method='x')
show(st.mean, ['a'])
print(issubclass(st.StatisticsError, ValueError))
""",
    "statistics_spread": """
import statistics as st
data = [2.75, 1.75, 1.25, 0.25, 0.5, 1.25, 3.5]
fp(st.variance(data), st.pvariance(data), st.stdev(data), st.pstdev(data))
fp(st.variance([1, 2, 3, 4]), st.variance([1, 3, 5]), st.pvariance([1, 2, 3, 4]), st.pvariance([0, 0, 4, 4]))
fp(st.stdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75]), st.pstdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75]), st.stdev([1, 2]))
fp(st.variance([0.1, 0.2, 0.3, 0.4]), st.stdev([10**20, 10**20 + 2]), st.pstdev([5]), st.pvariance([5]))
fp(st.variance(data, xbar=st.mean(data)), st.pvariance([1, 2, 3], mu=2), st.stdev([1, 2, 3, 4], 2.5))
fp(st.stdev([3.2, 4.1, 5.9, 1.7, 8.8, 2.2]), st.pstdev(range(10)), st.variance(range(1, 1001)))
temps = [21.4, 22.1, 19.8, 23.5, 20.9, 22.7, 21.8]
fp(st.mean(temps), st.median(temps), st.stdev(temps), st.pvariance(temps))
for f, args in [(st.variance, [1]), (st.stdev, []), (st.pvariance, []), (st.pstdev, [])]:
    show(f, args)
x = [1, 2, 3, 4, 5, 6, 7, 8, 9]; y = [1, 2, 3, 1, 2, 3, 1, 2, 3]
fp(st.covariance(x, y), st.correlation(x, y), st.covariance(x, [9, 8, 7, 6, 5, 4, 3, 2, 1]))
fp(st.correlation(x, x), st.linear_regression([1, 2, 3, 4, 5], [3, 5, 7, 9, 11]))
fp(st.linear_regression([1, 2, 3], [2, 4, 6], proportional=True), st.linear_regression([1.5, 2.5, 4.0], [0.3, 0.8, 1.9]))
show(st.correlation, [1, 1, 1], [1, 2, 3])
show(st.linear_regression, [2, 2], [1, 3])
show(st.covariance, [1], [2])
show(st.covariance, [1, 2], [2])
""",
    # ---- datetime ---------------------------------------------------------------------------------
    "datetime_timedelta": """
from datetime import timedelta
td = timedelta(days=1, hours=2, minutes=3, seconds=4, microseconds=5, milliseconds=6, weeks=1)
print(td, repr(td), td.days, td.seconds, td.microseconds, td.total_seconds())
print(timedelta(), repr(timedelta()), timedelta(seconds=-1), repr(timedelta(seconds=-1)), timedelta(days=-2, hours=3))
print(timedelta(hours=1.5), timedelta(days=0.1), timedelta(microseconds=1.5), timedelta(microseconds=2.5), timedelta(minutes=-0.25))
print(timedelta(hours=25) + timedelta(minutes=70), timedelta(1) - timedelta(hours=1), -timedelta(hours=1), abs(timedelta(-1)))
print(timedelta(hours=1) * 3, 2 * timedelta(minutes=30), timedelta(hours=1) * 0.5, timedelta(hours=1) / 4, timedelta(hours=1) / timedelta(minutes=7))
print(timedelta(hours=1) // timedelta(minutes=7), timedelta(hours=1) % timedelta(minutes=7), divmod(timedelta(hours=1), timedelta(minutes=7)))
print(timedelta(days=3) // 2, timedelta(seconds=1) / 3, timedelta(microseconds=3) / 2, timedelta(microseconds=5) / 2, timedelta(seconds=10) / 4.0)
print(timedelta(1) == timedelta(hours=24), timedelta(1) < timedelta(2), timedelta(1) != timedelta(0), bool(timedelta(0)), bool(timedelta(1)))
print(hash(timedelta(1)) == hash(timedelta(hours=24)), sorted([timedelta(3), timedelta(-1), timedelta(0)]), max(timedelta(1), timedelta(2)))
print(timedelta.max, timedelta.min, timedelta.resolution, timedelta(weeks=2, days=-20), timedelta(days=1, seconds=86399, microseconds=999999))
print(str(timedelta(days=-1, microseconds=1)), sum([timedelta(1), timedelta(2)], timedelta()))
show(timedelta, days=1000000000)
show(lambda: timedelta(1) < 5)
show(lambda: timedelta(1) + 5)
show(timedelta, '1')
""",
    "datetime_date": """
from datetime import date, timedelta
d = date(2024, 1, 31)
print(d, repr(d), d.year, d.month, d.day, d.isoformat(), str(d), d.weekday(), d.isoweekday(), d.toordinal())
print(d + timedelta(days=1), d + timedelta(days=30), d - timedelta(days=31), date(2024, 3, 1) - date(2024, 2, 1), date(2023, 3, 1) - date(2023, 2, 1))
print(timedelta(days=1) + d, d - date(2023, 1, 31), date(2000, 2, 29) + timedelta(365), d.replace(day=1), d.replace(month=2, day=29))
print(d > date(2024, 1, 30), d == date(2024, 1, 31), d != date(2024, 1, 31), min(d, date(2020, 5, 5)), sorted([d, date(1999, 12, 31)]))
print(date.fromordinal(1), date.fromordinal(738000), date.fromisoformat('2024-02-29'), date.fromisoformat('20240229'), date.fromisoformat('2024-W01-1'))
print(date.fromisoformat('2020W531'), date.fromisocalendar(2021, 52, 7), date(2021, 1, 3).isocalendar(), tuple(date(2024, 12, 30).isocalendar()))
print(date(2020, 12, 31).isocalendar()[1], date(2027, 1, 1).isocalendar(), date(2024, 6, 15).isocalendar().week, date.min, date.max, date.resolution)
print(d.timetuple(), d.ctime(), date(2024, 7, 4).strftime('%A %d %B %Y (%a %b) %j %U %W %w %u %y %m %G-W%V %%'))
print(date(2024, 1, 7).strftime('%-d/%-m/%Y %e %F %D %x %C'), date(2023, 1, 1).strftime('%U %W %j %V'), date(5, 1, 1).strftime('%Y|%X'))
for y, m, dd in [(2024, 2, 29), (2023, 2, 28), (1900, 3, 1), (2000, 12, 31), (1970, 1, 1), (1, 1, 1), (9999, 12, 31)]:
    x = date(y, m, dd)
    print(x, x.toordinal(), x.weekday(), date.fromordinal(x.toordinal()) == x, x.isocalendar()[:2])
print(len({date(2024, 1, 1), date(2024, 1, 1), date(2024, 1, 2)}), hash(date(2024, 1, 1)) == hash(date(2024, 1, 1)))
show(date, 2023, 2, 29)
show(date, 2024, 13, 1)
show(date, 0, 1, 1)
show(date, 2024, 1, 0)
show(date, 2024.0, 1, 1)
show(date.fromisoformat, '2024-1-5')
show(date.fromisoformat, '2024-02-30')
show(date.fromisoformat, 20240101)
show(date.fromordinal, 0)
show(lambda: date.max + timedelta(1))
show(lambda: date(2024, 1, 1) < 5)
show(date.fromisocalendar, 2021, 53, 1)
show(date.fromisocalendar, 2020, 53, 8)
print(date(2024, 1, 1) == 5, date.today().year >= 2024, type(date.today()).__name__)
""",
    "datetime_datetime_and_time": """
from datetime import datetime, date, time, timedelta, timezone
dt = datetime(2024, 1, 31, 23, 59, 30, 250)
print(dt, repr(dt), dt.isoformat(), dt.isoformat(' ', 'seconds'), dt.isoformat(timespec='milliseconds'), dt.isoformat(timespec='hours'))
print(dt + timedelta(seconds=45), dt - timedelta(days=31), dt + timedelta(days=29, hours=1), datetime(2024, 12, 31, 23, 59) + timedelta(minutes=1))
print(datetime(2024, 3, 1) - datetime(2024, 2, 28, 12), datetime(2024, 1, 1) - datetime(2024, 1, 2, 0, 0, 1), dt.date(), dt.time(), repr(dt.time()))
print(repr(datetime(2024, 1, 1)), repr(datetime(2024, 1, 1, 5)), repr(datetime(2024, 1, 1, 0, 0, 7)), str(datetime(2024, 1, 1)))
print(dt.weekday(), dt.timetuple(), dt.replace(year=2023, microsecond=0), dt.timestamp(), datetime(1970, 1, 1).timestamp())
print(datetime.fromtimestamp(0), datetime.fromtimestamp(1700000000.5), datetime.fromtimestamp(1700000000.123456), datetime.utcfromtimestamp(86400 * 365))
print(datetime.fromtimestamp(-1.5), datetime.fromtimestamp(1e9, timezone.utc), datetime.fromtimestamp(0, timezone(timedelta(hours=-5))))
print(datetime.combine(date(2024, 5, 6), time(7, 8)), datetime.fromisoformat('2024-05-06T07:08:09'), datetime.fromisoformat('2024-05-06'))
print(datetime.fromisoformat('2024-05-06 07:08:09.123'), datetime.fromisoformat('2024-05-06T07:08:09.123456+02:00'), datetime.fromisoformat('2024-05-06T07:08Z'))
print(datetime.fromisoformat('20240506T070809'), datetime.fromisoformat('2024-05-06T07'), datetime.fromisoformat('2024-W19-1T10:00:00-05:30'))
print(datetime.strptime('2024-01-15 10:30:00', '%Y-%m-%d %H:%M:%S'), datetime.strptime('15/Jan/2024:10:30:00 +0100', '%d/%b/%Y:%H:%M:%S %z'))
print(datetime.strptime('March 5, 2021 3:04 PM', '%B %d, %Y %I:%M %p'), datetime.strptime('12:30 AM', '%I:%M %p'), datetime.strptime('12 PM', '%I %p'))
print(datetime.strptime('2024-060', '%Y-%j'), datetime.strptime('99-1-2', '%y-%m-%d'), datetime.strptime('05 1 2', '%y %m %d'), datetime.strptime('Mon, 01 Jan 2024', '%a, %d %b %Y'))
print(datetime.strptime('2024-01-15T10:30:00.5Z', '%Y-%m-%dT%H:%M:%S.%f%z'), datetime.strptime('131', '%m%d'), datetime.strptime('  7   8', ' %H %M'))
print(datetime.strptime('2024-01-15', '%Y-%m-%d').strftime('%d.%m.%Y'), datetime.strptime('10h', '%Hh'), datetime.strptime('12', '%I'))
print(dt.strftime('%Y-%m-%d %H:%M:%S.%f %I%p %c | %X %T %R %-H:%-M:%-S %-I %z%Z'), datetime(2024, 1, 1, 13).strftime('%I:%M %p'))
for bad in [('2024-13-01', '%Y-%m-%d'), ('2024-01-15 extra', '%Y-%m-%d'), ('x', '%d'), ('2023-02-29', '%Y-%m-%d'), ('1', '%Q')]:
    show(datetime.strptime, *bad)
for bad in ['2024-05-06T', '2024-05-06T25:00', 'nope', '2024-05-06T07:08:09+0', '2024-05-06 07:0']:
    show(datetime.fromisoformat, bad)
print(datetime(2024, 1, 1) < datetime(2024, 1, 1, 0, 0, 1), datetime(2024, 1, 1) == date(2024, 1, 1), max(datetime(2020, 1, 1), datetime(2021, 1, 1)))
t = time(13, 5, 9, 70)
print(t, repr(t), repr(time()), t.isoformat('minutes'), t.strftime('%H|%M|%S|%f|%p'), t.replace(hour=1), time.fromisoformat('04:05'), time.fromisoformat('T04:05:06.789+01:00'))
print(time(1) < time(2), time(1, tzinfo=timezone.utc) == time(2, tzinfo=timezone(timedelta(hours=1))), time.min, time.max, bool(time()))
show(time, 24)
show(time, 1, 60)
show(datetime, 2024, 1, 1, 1, 1, 60)
show(datetime, 2024, 1, 1, microsecond=10**6)
show(lambda: datetime(2024, 1, 1) < date(2024, 1, 1))
show(lambda: datetime.max + timedelta(1))
show(lambda: time(1) < 1)
now = datetime.now(); utc = datetime.utcnow()
print(now.year >= 2024, abs((now - utc).total_seconds()) < 5, now.tzinfo, type(now).__name__, datetime.today().year == now.year)
""",
    "datetime_timezones": """
from datetime import datetime, timedelta, timezone, tzinfo, time
utc = timezone.utc
ist = timezone(timedelta(hours=5, minutes=30))
named = timezone(timedelta(hours=-8), 'PST')
a = datetime(2024, 3, 10, 12, 0, tzinfo=utc)
print(a, repr(a), a.isoformat(), a.tzname(), a.utcoffset(), a.dst(), repr(utc), str(utc), utc.tzname(None))
print(repr(ist), str(ist), ist.tzname(None), repr(named), named.tzname(None), str(timezone(timedelta(hours=-3, minutes=-15))))
b = a.astimezone(ist); c = a.astimezone(named)
print(b, c, b == a, c == a, b - c, b.strftime('%H:%M %z %Z'), c.strftime('%z'), b.timestamp() == a.timestamp())
print(a.replace(tzinfo=None), a.replace(tzinfo=None) - datetime(2024, 3, 10), datetime.fromtimestamp(86400, ist), a.timestamp())
print(datetime(2024, 1, 1, tzinfo=ist) < datetime(2024, 1, 1, tzinfo=utc), hash(b) == hash(a), len({a, b, c}), a == a.replace(tzinfo=None))
print(datetime.now(utc).tzinfo, datetime.now(ist).utcoffset(), (datetime.now(ist) - datetime.now(utc)).total_seconds() < 5)
print(timezone(timedelta(0)) == utc, timezone.min, timezone.max, timezone(timedelta(seconds=90)).tzname(None), datetime(2000, 1, 1, tzinfo=timezone(timedelta(seconds=-90))))
print(repr(datetime(2024, 1, 1, tzinfo=ist)), datetime(2024, 1, 1, 23, tzinfo=named).astimezone(utc).date(), a.utctimetuple()[:6])
class Fixed(tzinfo):
    def utcoffset(self, dt):
        return timedelta(hours=2)
    def dst(self, dt):
        return timedelta(0)
    def tzname(self, dt):
        return 'FX'
f = datetime(2024, 6, 1, 12, tzinfo=Fixed())
print(f, f.tzname(), f.astimezone(utc), f.strftime('%Z %z'), time(10, tzinfo=Fixed()).isoformat())
show(lambda: a - datetime(2024, 3, 10))
show(lambda: a < datetime(2024, 3, 10))
show(timezone, timedelta(hours=24))
show(timezone, 5)
show(datetime, 2024, 1, 1, tzinfo=5)
show(tzinfo().utcoffset, None)
""",
    # ---- contextlib / abc / enum -----------------------------------------------------------------
    "contextlib": """
import io, sys
from contextlib import (contextmanager, suppress, nullcontext, closing, redirect_stdout, redirect_stderr,
    ExitStack, ContextDecorator, AbstractContextManager)
log = []
@contextmanager
def tag(name):
    log.append('<' + name + '>')
    try:
        yield name.upper()
    finally:
        log.append('</' + name + '>')
with tag('a') as t:
    log.append(t)
print(log)
try:
    with tag('b'):
        raise KeyError('x')
except KeyError as e:
    print('KeyError passed through', log[-1])
@contextmanager
def swallow():
    try:
        yield
    except ValueError:
        log.append('swallowed')
with swallow():
    raise ValueError('boom')
print(log[-1])
@contextmanager
def twice():
    yield 1
    yield 2
show(lambda: twice().__exit__(None, None, None) if twice().__enter__() else 0)
@contextmanager
def never(flag):
    if flag:
        yield
show(lambda: never(False).__enter__())
@tag('deco')
def decorated(x):
    log.append(x)
    return x * 2
print(decorated(21), log[-3:])
with suppress(ZeroDivisionError, KeyError):
    1 / 0
print('after suppress')
try:
    with suppress(KeyError):
        [][1]
except IndexError:
    print('IndexError not suppressed')
with nullcontext(5) as v:
    print(v)
class Res:
    def close(self):
        print('closed')
with closing(Res()) as r:
    print(type(r).__name__)
buf = io.StringIO()
with redirect_stdout(buf):
    print('captured', 1, sep='-', end='!')
    print('again')
print(repr(buf.getvalue()))
err = io.StringIO()
with redirect_stderr(err):
    print('to stderr', file=sys.stderr)
print(repr(err.getvalue()))
with ExitStack() as stack:
    for n in ['x', 'y']:
        print(stack.enter_context(tag(n)))
    stack.callback(log.append, 'callback')
print(log[-5:])
with ExitStack() as stack:
    stack.push(lambda *exc: True)
    raise RuntimeError('suppressed by push')
print('ExitStack suppressed')
stack = ExitStack(); stack.callback(print, 'closed by close()'); moved = stack.pop_all(); stack.close(); moved.close()
class CM(AbstractContextManager):
    def __exit__(self, *exc):
        return None
with CM() as cm:
    print(type(cm).__name__)
""",
    "abc": """
from abc import ABC, ABCMeta, abstractmethod, abstractproperty
class Shape(ABC):
    @abstractmethod
    def area(self):
        ...
    @abstractmethod
    def perimeter(self):
        ...
    def describe(self):
        return '%s with area %s' % (type(self).__name__, self.area())
class Square(Shape):
    def __init__(self, side):
        self.side = side
    def area(self):
        return self.side ** 2
    def perimeter(self):
        return 4 * self.side
class Half(Shape):
    def area(self):
        return 1
show(Shape)
show(Half)
print(Square(3).describe(), Square(2).perimeter(), isinstance(Square(1), Shape), issubclass(Square, ABC))
class Base(metaclass=ABCMeta):
    @abstractmethod
    def run(self, x):
        pass
class Impl(Base):
    def run(self, x):
        return x + 1
show(Base)
print(Impl().run(1), isinstance(Impl(), Base))
class Plain(ABC):
    pass
print(type(Plain()).__name__)
class WithInit(ABC):
    def __init__(self, a, b=2):
        self.total = a + b
    @abstractmethod
    def m(self):
        pass
class Done(WithInit):
    def m(self):
        return self.total
print(Done(1).m(), Done(1, b=5).m())
show(WithInit, 1)
""",
    "enum": """
from enum import Enum, IntEnum, StrEnum, auto, unique
class Color(Enum):
    RED = auto()
    GREEN = auto()
    BLUE = auto()
print(Color.RED, repr(Color.GREEN), Color.BLUE.name, Color.BLUE.value, list(Color), len(Color))
print(Color(2), Color['BLUE'], Color.RED == Color.RED, Color.RED is Color(1), Color.RED != Color.BLUE, Color.RED in Color)
print([c.name for c in Color], list(Color.__members__), Color.__members__['GREEN'], repr(Color), Color.RED.__class__.__name__)
print({Color.RED: 'r'}[Color.RED], sorted([Color.BLUE, Color.RED], key=lambda c: c.value), isinstance(Color.RED, Enum))
show(Color, 7)
show(lambda: Color['PURPLE'])
show(lambda: Color.RED < Color.BLUE)
class Status(Enum):
    ACTIVE = 1
    INACTIVE = 2
    PENDING = 3
    def label(self):
        return self.name.title() if hasattr(str, 'title') else self.name.capitalize() if hasattr(str, 'capitalize') else self.name[0] + self.name[1:].lower()
    @classmethod
    def default(cls):
        return cls.PENDING
print(list(Status), Status.ACTIVE.label(), Status.default(), Status(3).value, Status.INACTIVE.value + 10)
class Priority(IntEnum):
    LOW = 1
    MEDIUM = 2
    HIGH = 3
print(Priority.HIGH, repr(Priority.HIGH), Priority.HIGH > Priority.LOW, Priority.HIGH == 3, Priority.LOW + 1, sorted([Priority.HIGH, Priority.LOW]))
print(Priority(2), max(Priority), [int(p) for p in Priority], isinstance(Priority.LOW, int), Priority.MEDIUM * 2, str(Priority.LOW))
class Fruit(StrEnum):
    APPLE = auto()
    BANANA = auto()
class Named(StrEnum):
    X = 'yellow banana'
print(Fruit.APPLE, repr(Fruit.APPLE), Fruit.APPLE == 'apple', Named.X.upper(), Fruit('apple'), list(Fruit), Fruit.APPLE < Fruit.BANANA)
class Mixed(str, Enum):
    A = 'a'
    B = 'b'
print(Mixed.A, repr(Mixed.B), Mixed.A == 'a', Mixed('b'), Mixed.A.value.upper())
class Shape(Enum):
    _order_ = 'SQUARE CIRCLE TRIANGLE'
    SQUARE = 'sq'
    CIRCLE = 'ci'
    TRIANGLE = 'tr'
    ALIAS = 'sq'
print(list(Shape), Shape.ALIAS, Shape.ALIAS is Shape.SQUARE, list(Shape.__members__), Shape('sq'))
show(unique, Shape)
class Planet(Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    EARTH = (5.976e+24, 6.37814e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
fp(Planet.EARTH.mass, Planet.MERCURY.radius, Planet.EARTH.value)
Animal = Enum('Animal', 'ANT BEE CAT')
print(list(Animal), Animal.BEE.value, Animal(3), repr(Animal))
Code = Enum('Code', [('OK', 200), ('NOT_FOUND', 404)])
print(Code.OK.value, Code(404), list(Code))
Num = Enum('Num', 'ONE TWO', type=int)
print(Num.TWO + 1, Num.ONE)
class Lookup(Enum):
    A = 1
    @classmethod
    def _missing_(cls, value):
        return cls.A
print(Lookup(99))
import copy
print(copy.copy(Color.RED) is Color.RED, copy.deepcopy([Color.RED])[0] is Color.RED)
print(Color.RED.value == 1, type(Color.RED).__name__, [m.value for m in reversed(Color)] if hasattr(Color, '__reversed__') else '')
""",
    # ---- base64 / binascii / csv --------------------------------------------------------------------
    "base64_binascii": """
import base64, binascii
data = b'hello world \\xff\\xfe'
for enc, dec in [(base64.b64encode, base64.b64decode), (base64.urlsafe_b64encode, base64.urlsafe_b64decode),
                 (base64.standard_b64encode, base64.standard_b64decode), (base64.b32encode, base64.b32decode),
                 (base64.b32hexencode, base64.b32hexdecode), (base64.b16encode, base64.b16decode),
                 (base64.encodebytes, base64.decodebytes)]:
    e = enc(data)
    print(e, dec(e) == data, [enc(data[:n]) for n in range(6)])
print(base64.b64encode(b'\\xfb\\xff', b'-_'), base64.b64decode('+/8='), base64.b64decode(b'-_8=', altchars=b'-_'), base64.b64decode('aGk=\\n!!'))
print(base64.b64decode(bytearray(b'aGk=')), base64.b32decode('nbswy3dp', casefold=True), base64.b32decode('0BSWY3DP', map01=b'L'), base64.b16decode('6a6b', casefold=True))
print(base64.encodebytes(bytes(range(100))).count(b'\\n'), base64.urlsafe_b64decode(base64.urlsafe_b64encode(bytes(range(256)))) == bytes(range(256)))
for bad in ['aGk', 'a', 'aGk=!', '\\u00e9']:
    show(base64.b64decode, bad)
show(base64.b64decode, 'aGk=!', validate=True)
show(base64.b32decode, 'NBSWY3D')
show(base64.b32decode, 'nbswy3dp')
show(base64.b16decode, '6a')
show(base64.b16decode, 'XY')
show(base64.b64encode, 'text')
show(base64.b64decode, 5)
print(binascii.hexlify(b'ab'), binascii.b2a_hex(b'\\x00\\xff'), binascii.a2b_hex('00ff'), binascii.unhexlify(b'6162'), binascii.crc32(b'abc'))
print(binascii.b2a_base64(b'hi'), binascii.b2a_base64(b'hi', newline=False), binascii.a2b_base64('aGk='), issubclass(binascii.Error, ValueError))
show(binascii.unhexlify, 'abc')
show(binascii.unhexlify, 'zz')
show(binascii.a2b_base64, 'a')
try:
    base64.b64decode('abc')
except binascii.Error as e:
    print('binascii.Error', e)
""",
    "csv_reader": """
import csv, io
cases = [['"abc'], ['"a', 'b"'], ['"a\\n', 'b"\\n'], ['a,"b"c,d'], ['1,,"a"'], ['a\\rb\\n'], [''], ['\\n'], ['a,'],
         ['"a"  ,b'], [' "a", b'], ['a\\\\,b'], ['"x"y"'], ['a\\\\'], ['"a\\\\'], ['1,2.5,-3'], ['a;b,c']]
for c in cases:
    for kw in [{}, {'strict': True}, {'quoting': csv.QUOTE_NONNUMERIC}, {'skipinitialspace': True}, {'escapechar': '\\\\'},
               {'delimiter': ';'}, {'quoting': csv.QUOTE_NONE}, {'doublequote': False, 'escapechar': '\\\\'}]:
        show(lambda: list(csv.reader(c, **kw)))
text = 'name,age,city\\r\\n"Smith, John",42,"New\\nYork"\\r\\nJane,,"say ""hi""' + '"\\r\\n\\r\\nBob,7,x\\r\\n'
r = csv.reader(io.StringIO(text))
for row in r:
    print(row, r.line_num)
print(list(csv.reader(text.splitlines())), list(csv.reader(['a\\tb'], dialect='excel-tab')), list(csv.reader(['a|b'], delimiter='|')))
print(list(csv.reader(["'a,b',c"], quotechar="'")), list(csv.reader(['a,b'], csv.excel)), list(csv.reader([])))
show(lambda: list(csv.reader([b'a,b'])))
show(csv.reader, [], delimiter='ab')
show(lambda: list(csv.reader(['a"b,c'], quotechar=None)))
show(csv.reader, [], bogus=1)
show(lambda: list(csv.reader(['a'], 'nope')))
""",
    "csv_writer_and_dicts": """
import csv, io
out = io.StringIO()
w = csv.writer(out)
print(w.writerow(['a', 'b,c', 'd"e', 'f\\ng', '', None, 1, 2.5, True, ' x ']))
w.writerows([[1, 2], [], [''], [None], ['only']])
print(repr(out.getvalue()))
for row, kw in [([None, 1, 1.5, 'a', True, ''], {'quoting': csv.QUOTE_NONNUMERIC}), ([''], {}), ([None], {}),
                ([None], {'quoting': csv.QUOTE_ALL}), (['a"b'], {'doublequote': False, 'escapechar': '\\\\'}),
                (['a\\\\b', 'c,d'], {'escapechar': '\\\\'}), (['a,b'], {'quoting': csv.QUOTE_NONE, 'escapechar': '\\\\'}),
                (['a b'], {'quoting': csv.QUOTE_NONE}), (['a"b'], {'doublequote': False}), ([' a', 'b\\r'], {}),
                (['x\\ty'], {'delimiter': '\\t'}), (['a', 'b'], {'lineterminator': '\\n'}), (['a\\nb'], {'lineterminator': '\\n'}),
                (['a"'], {'quoting': csv.QUOTE_NONE, 'escapechar': '\\\\'}), (['a,b'], {'quoting': csv.QUOTE_NONE}),
                ([1, 'x'], {'dialect': 'unix'}), (['a', 'b'], {'quoting': csv.QUOTE_ALL, 'quotechar': "'"})]:
    s = io.StringIO()
    show(lambda: (csv.writer(s, **kw).writerow(row), s.getvalue())[1])
show(lambda: csv.writer(io.StringIO()).writerow(5))
show(csv.writer, [])
rows = [{'name': 'Ann', 'score': 9.5}, {'name': 'Bo, Jr', 'score': None}, {'name': 'Cy'}]
out = io.StringIO()
dw = csv.DictWriter(out, fieldnames=['name', 'score'], restval='n/a')
dw.writeheader(); dw.writerows(rows)
print(repr(out.getvalue()))
show(lambda: csv.DictWriter(io.StringIO(), ['a']).writerow({'a': 1, 'zz': 2}))
csv.DictWriter(io.StringIO(), ['a'], extrasaction='ignore').writerow({'a': 1, 'zz': 2})
show(csv.DictWriter, io.StringIO(), ['a'], extrasaction='maybe')
dr = csv.DictReader(io.StringIO(out.getvalue()))
print(dr.fieldnames, [dict(r.items()) for r in dr], dr.line_num)
text = 'a,b\\n1,2,3,4\\n5\\n\\n6,7\\n'
print([list(r.items()) for r in csv.DictReader(io.StringIO(text), restkey='extra', restval='?')])
print([list(r.items()) for r in csv.DictReader(['1,2', '3,4'], fieldnames=['x', 'y'])], list(csv.DictReader([])))
print([r['b'] for r in csv.DictReader(['a;b', '1;2'], delimiter=';')], csv.DictReader(['h1,h2']).fieldnames)
csv.register_dialect('pipes', delimiter='|', quoting=csv.QUOTE_ALL)
s = io.StringIO(); csv.writer(s, 'pipes').writerow(['a', 1]); print(repr(s.getvalue()), 'pipes' in csv.list_dialects(), csv.get_dialect('pipes').delimiter)
class Semi(csv.excel):
    delimiter = ';'
s = io.StringIO(); csv.writer(s, Semi).writerow(['a;b', 1]); print(repr(s.getvalue()), list(csv.reader(['x;y'], Semi)))
csv.unregister_dialect('pipes')
show(csv.get_dialect, 'pipes')
show(csv.unregister_dialect, 'pipes')
print(csv.field_size_limit(), csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC, csv.QUOTE_NONE, issubclass(csv.Error, Exception))
old = csv.field_size_limit(5)
show(lambda: list(csv.reader(['123456'])))
csv.field_size_limit(old)
""",
    # ---- textwrap / uuid / urllib.parse -----------------------------------------------------------
    "textwrap": """
import textwrap
text = ('The quick brown fox jumps over the lazy dog. It was a well-known, long-term plan -- '
        'supercalifragilisticexpialidocious words   and\\ttabs\\nnewlines. Mr. Smith agreed!  Yes.')
for width in (10, 20, 33, 70):
    print(textwrap.wrap(text, width))
print(textwrap.fill(text, 25, initial_indent='* ', subsequent_indent='  '))
print(textwrap.wrap(text, 15, break_long_words=False), textwrap.wrap(text, 15, break_on_hyphens=False))
print(textwrap.wrap(text, 30, fix_sentence_endings=True), textwrap.wrap('  lead  ', 5, drop_whitespace=False))
print(textwrap.wrap(text, 20, max_lines=3), textwrap.wrap(text, 20, max_lines=2, placeholder='...'))
print(textwrap.wrap('a\\tb', 20, expand_tabs=False), textwrap.wrap('a\\tb\\tc', 20, tabsize=4), textwrap.wrap('x\\ny', 9, replace_whitespace=False))
print(textwrap.shorten('Hello  world!   How are you?', 12), textwrap.shorten(text, 40, placeholder=' (more)'), textwrap.shorten('ok', 10))
print(textwrap.wrap(''), textwrap.wrap('   '), textwrap.fill('one'), textwrap.wrap('a-very-long-hyphenated-word', 8))
show(textwrap.wrap, 'abc', 0)
show(textwrap.wrap, 'abc def', 4, max_lines=1, placeholder=' [...]')
code = '\\n    def f():\\n        return 1\\n\\n      \\t\\n    x = 2\\n'
print(repr(textwrap.dedent(code)), repr(textwrap.dedent('  a\\n\\tb\\n')), repr(textwrap.dedent('\\t a\\n\\t  b')))
print(repr(textwrap.dedent('no indent\\n  x')), repr(textwrap.dedent('   ')), repr(textwrap.dedent('  x\\n   \\n  y')))
print(repr(textwrap.indent('a\\n\\nb\\r\\n  \\nc', '> ')), repr(textwrap.indent('a\\nb', '+', lambda line: True)))
w = textwrap.TextWrapper(width=12, initial_indent='- ')
print(w.wrap('several short words here'), w.fill('x y'))
""",
    "uuid": """
import uuid
u = uuid.UUID('{12345678-1234-5678-1234-567812345678}')
print(u, repr(u), u.hex, u.int, u.bytes, u.bytes_le, u.fields, u.urn, u.version, u.variant, u.node, u.time, u.clock_seq)
print(uuid.UUID('urn:uuid:12345678123456781234567812345678') == u, uuid.UUID(bytes=u.bytes) == u, uuid.UUID(bytes_le=u.bytes_le) == u)
print(uuid.UUID(fields=u.fields) == u, uuid.UUID(int=u.int) == u, uuid.UUID(int=5, version=4), str(uuid.UUID(int=0)), int(u) == u.int)
print(uuid.uuid3(uuid.NAMESPACE_DNS, 'python.org'), uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org'), uuid.uuid5(uuid.NAMESPACE_URL, 'x' * 100))
print(uuid.uuid3(uuid.NAMESPACE_OID, ''), uuid.uuid5(uuid.NAMESPACE_X500, 'a' * 55), uuid.uuid3(uuid.NAMESPACE_URL, 'b' * 64))
a = uuid.uuid4(); b = uuid.uuid4()
print(a != b, a.version, a.variant, len(str(a)), str(a)[14], str(a)[19] in '89ab', uuid.UUID(str(a)) == a, len({a, b, uuid.UUID(str(a))}))
one = uuid.uuid1()
print(one.version, one.variant, one.time > 0x01B21DD213814000 + 10**17, uuid.uuid1() != one, sorted([b, a, a])[0] <= sorted([b, a])[1])
show(uuid.UUID, 'not-a-uuid')
show(uuid.UUID, '1234')
show(uuid.UUID)
show(uuid.UUID, int=-1)
show(uuid.UUID, bytes=b'short')
show(uuid.UUID, int=1, version=9)
show(setattr, u, 'int', 5)
""",
    "urllib_parse": """
from urllib.parse import (urlparse, urlsplit, urlunparse, urlunsplit, urljoin, urldefrag, parse_qs, parse_qsl,
    urlencode, quote, quote_plus, unquote, unquote_plus, quote_from_bytes, unquote_to_bytes)
import urllib.parse
for url in ['https://user:pw@Example.COM:8080/a/b;p?q=1&r=2#frag', 'http://[::1]:80/x', 'mailto:someone@example.com',
            '//host/path', '/just/a/path?x', 'file:///etc/hosts', 'HTTP://h/%7Euser', 'path:123', 'a/b/c', '',
            ' \\thttp://h/p\\n ', 'http://h:abc/', 'https://h?q#f', 'tel:+1-555;ext=1', 'http://h/p;x;y?z']:
    p = urlparse(url); s = urlsplit(url)
    show(lambda: (p, s.path, p.hostname, p.username, p.password, p.geturl(), urlunsplit(s), urlunparse(p)))
    show(lambda: p.port)
print(urlparse('https://e.com/a#b', allow_fragments=False), urlsplit('x', scheme='https'), urlparse('http://h/p')._replace(path='/z').geturl())
show(urlsplit, 'http://[::1/x')
base = 'http://a/b/c/d;p?q'
for ref in ['g:h', 'g', './g', 'g/', '/g', '//g', '?y', 'g?y', '#s', 'g#s', 'g?y#s', ';x', 'g;x', 'g;x?y#s', '', '.', './',
            '..', '../', '../g', '../..', '../../', '../../g', '../../../g', '../../../../g', '/./g', '/../g', 'g.', '.g',
            'g..', '..g', './../g', './g/.', 'g/./h', 'g/../h', 'g;x=1/./y', 'g;x=1/../y', 'g?y/./x', 'g?y/../x', 'g#s/./x',
            'http:g', 'https://other/x', 'a//b']:
    print(ref, urljoin(base, ref))
print(urljoin('http://a/b/', 'c'), urljoin('http://a', 'b'), urljoin('http://a/b/c', '../../../x'), urljoin('', 'x'), urljoin('http://a/b', ''))
print(urljoin('https://api.example.com/v1/', 'users/5'), urljoin('https://api.example.com/v1', 'users'), urljoin('file:///a/b', 'c'))
print(urldefrag('http://h/p?q#frag'), urldefrag('http://h/p'), urldefrag('http://h/p#x').geturl())
print(sorted(parse_qs('a=1&b=2&a=3&c=&d').items()), parse_qsl('a=1&b=2&a=3&c=&d'), parse_qsl('a=1&c=&d', keep_blank_values=True))
print(parse_qsl('x=a+b%20c&y=%E2%82%AC&z=%zz'), parse_qsl('a=1;b=2', separator=';'), parse_qsl(''), parse_qs('q=caf%C3%A9'))
show(parse_qsl, 'a=1&b', strict_parsing=True)
show(parse_qsl, 'a=1&b=2', max_num_fields=1)
print(urlencode({'q': 'hello world'}), urlencode([('a', 'x&y'), ('b', 'é'), ('n', 5)]), urlencode({'k': [1, 2]}, doseq=True), urlencode({'k': [1, 2]}))
print(urlencode({'p': '/a b'}, quote_via=quote), urlencode({'s': 'a/b'}, safe='/'), urlencode({b'k': b'v w'}), urlencode([]))
show(urlencode, 'abc')
print(quote('a b/c?d=é&~'), quote('/x y', safe=''), quote(b'\\x00\\xff'), quote(''), quote_plus('a b+c/d'), quote_plus('a b', safe='/'))
print(quote_from_bytes(b'a b'), unquote('a%20b%2Fc%E2%82%ACd'), unquote('100%'), unquote('%zz%4'), unquote('%E2%82'), unquote('%ff%41'))
print(unquote_plus('a+b%2Bc'), unquote_to_bytes('a%20%FF'), unquote(b'a%41'), unquote('no-escapes'), quote('ab', safe='ab'))
print(urllib.parse.quote('日本'), urllib.parse.unquote(urllib.parse.quote('日本 語')))
""",
}

# Expected output of snippets using features newer than this CPython (3.11).
LITERAL: dict[str, str] = {}


def cpython_output(code: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(PRELUDE + code, "<snippet>", "exec"), {"__name__": "__main__"})  # noqa: S102
    return out.getvalue()


@pytest.mark.parametrize("name", CASES)
def test_snippet_prints_what_cpython_prints(name):
    code = CASES[name]
    expected = LITERAL[name] if name in LITERAL else cpython_output(code)
    # A fresh session per snippet: imports and globals of one snippet never reach the next.
    with Sandbox(memory_limit=64 * 2**20, time_limit=30) as sb:
        assert sb.run(PRELUDE + code, eval_trailing=False).stdout == expected
