"""CPython's `itertools`.

All of CPython 3.13's functions: count, cycle, repeat, accumulate, batched (with strict=), chain (and
chain.from_iterable), compress, dropwhile, filterfalse, groupby, islice, pairwise, starmap, takewhile,
tee, zip_longest, product, permutations, combinations, combinations_with_replacement. Each is a class of
CPython's name (type(chain()).__name__ == 'chain', isinstance(x, itertools.chain)) with CPython's repr;
results come in CPython's order; argument errors are raised when the object is made, as in CPython.
count and repeat are C types (port/moditertools.c): their reprs show their state (count(6) after
count(5) gave 5). The others drive a generator: __iter__ hands it out, so that a for loop, list() or
sum() runs at generator speed instead of calling __next__ in Python for every item; next() goes through
__next__ to the same generator.
Differences: iter(x) of such an object is that generator, not x itself; the objects cannot be pickled or
copied.
"""

from collections import deque
from _itertools import count, repeat

_END = object()


class _Iterator:
    # self._it: the generator that makes the items

    def __iter__(self):
        return self._it

    def __next__(self):
        return next(self._it)

    def __repr__(self):
        return "<itertools.%s object at 0x%x>" % (type(self).__name__, id(self))


class cycle(_Iterator):
    def __init__(self, iterable):
        self._it = _cycle(iter(iterable))


def _cycle(it):
    saved = []
    for element in it:
        yield element
        saved.append(element)
    while saved:
        for element in saved:
            yield element


def _add(a, b):
    return a + b


class accumulate(_Iterator):
    def __init__(self, iterable, func=None, *, initial=None):
        self._it = _accumulate(iter(iterable), func or _add, initial)


def _accumulate(it, func, total):
    if total is None:
        try:
            total = next(it)
        except StopIteration:
            return
    yield total
    for element in it:
        total = func(total, element)
        yield total


class batched(_Iterator):
    def __init__(self, iterable, n, *, strict=False):
        if n < 1:
            raise ValueError("n must be at least one")
        self._it = _batched(iter(iterable), n, strict)


def _batched(it, n, strict):
    while True:
        batch = []
        for element in it:
            batch.append(element)
            if len(batch) == n:
                break
        if not batch:
            return
        if strict and len(batch) != n:
            raise ValueError("batched(): incomplete batch")
        yield tuple(batch)


class chain(_Iterator):
    """chain(*iterables) and chain.from_iterable(iterable_of_iterables)."""

    def __init__(self, *iterables):
        self._it = _chain(iter(iterables))

    @classmethod
    def from_iterable(cls, iterables):
        result = cls()
        result._it = _chain(iter(iterables))
        return result


def _chain(sources):
    for source in sources:
        for element in source:
            yield element


class compress(_Iterator):
    def __init__(self, data, selectors):
        self._it = _compress(iter(data), iter(selectors))


def _compress(data, selectors):
    for d, s in zip(data, selectors):
        if s:
            yield d


class dropwhile(_Iterator):
    def __init__(self, predicate, iterable):
        self._it = _dropwhile(predicate, iter(iterable))


def _dropwhile(predicate, it):
    for element in it:
        if not predicate(element):
            yield element
            break
    for element in it:
        yield element


class takewhile(_Iterator):
    def __init__(self, predicate, iterable):
        self._it = _takewhile(predicate, iter(iterable))


def _takewhile(predicate, it):
    for element in it:
        if not predicate(element):
            return
        yield element


class filterfalse(_Iterator):
    def __init__(self, predicate, iterable):
        self._it = _filterfalse(bool if predicate is None else predicate, iter(iterable))


def _filterfalse(predicate, it):
    for element in it:
        if not predicate(element):
            yield element


class groupby(_Iterator):
    """Consecutive elements with equal keys, as (key, group iterator) pairs. Advancing the groupby
    ends the previous group iterator, as in CPython."""

    def __init__(self, iterable, key=None):
        self._source = iter(iterable)
        self._keyfunc = key
        self._key = self._target = self._value = _END
        self._marker = None
        self._it = self._run()

    def _advance(self):
        try:
            self._value = next(self._source)
        except StopIteration:
            self._key = _END
            return
        self._key = self._value if self._keyfunc is None else self._keyfunc(self._value)

    def _run(self):
        self._advance()
        while True:
            # a new marker ends the previous group iterator
            self._marker = marker = object()
            while self._key is not _END and self._target is not _END and self._key == self._target:
                self._advance()
            if self._key is _END:
                return
            self._target = self._key
            yield self._key, _group(self, self._key, marker)


class _grouper(_Iterator):
    def __init__(self, parent, target, marker):
        self._it = _group(parent, target, marker)


def _group(parent, target, marker):
    while parent._marker is marker and parent._key is not _END and parent._key == target:
        yield parent._value
        parent._advance()


class islice(_Iterator):
    def __init__(self, *args):
        if not 2 <= len(args) <= 4:
            raise TypeError(
                "islice expected at %s arguments, got %d" % ("least 2" if len(args) < 2 else "most 4", len(args))
            )
        self._it = _islice_checked(args[0], args[1:])


def _islice_checked(iterable, args):
    # CPython's checks, in its order and with its messages
    stop = args[0] if len(args) == 1 else args[1]
    if stop is not None and (not isinstance(stop, int) or stop == -1):
        raise ValueError("Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.")
    start = 0 if len(args) == 1 or args[0] is None else args[0]
    if not isinstance(start, int) or start < 0 or stop is not None and stop < -1:
        raise ValueError("Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.")
    step = 1 if len(args) < 3 or args[2] is None else args[2]
    if not isinstance(step, int) or step < 1:
        raise ValueError("Step for islice() must be a positive integer or None.")
    return _islice(iter(iterable), start, stop, step)


def _islice(it, start, stop, step):
    i = 0
    wanted = start
    while stop is None or i < stop:
        try:
            element = next(it)
        except StopIteration:
            return
        if i == wanted:
            yield element
            wanted += step
        i += 1


class pairwise(_Iterator):
    def __init__(self, iterable):
        self._it = _pairwise(iter(iterable))


def _pairwise(it):
    try:
        previous = next(it)
    except StopIteration:
        return
    for element in it:
        yield previous, element
        previous = element


class starmap(_Iterator):
    def __init__(self, function, iterable):
        self._it = _starmap(function, iter(iterable))


def _starmap(function, it):
    for args in it:
        yield function(*args)


def tee(iterable, n=2):
    if n < 0:
        raise ValueError("n must be >= 0")
    it = iter(iterable)
    queues = [deque() for _ in range(n)]
    return tuple(_tee(it, q, queues) for q in queues)


class _tee(_Iterator):
    def __init__(self, it, mine, queues):
        self._it = _tee_items(it, mine, queues)


def _tee_items(it, mine, queues):
    while True:
        if not mine:
            try:
                element = next(it)
            except StopIteration:
                return
            for q in queues:
                q.append(element)
        yield mine.popleft()


class zip_longest(_Iterator):
    def __init__(self, *iterables, fillvalue=None):
        self._it = _zip_longest([iter(i) for i in iterables], fillvalue)


def _zip_longest(its, fillvalue):
    active = len(its)
    while active:
        row = []
        for k in range(len(its)):
            it = its[k]
            if it is None:
                row.append(fillvalue)
                continue
            try:
                row.append(next(it))
            except StopIteration:
                active -= 1
                if not active:
                    return
                its[k] = None
                row.append(fillvalue)
        yield tuple(row)


class product(_Iterator):
    def __init__(self, *iterables, repeat=1):
        if repeat < 0:
            raise ValueError("repeat argument cannot be negative")
        self._it = _product([tuple(p) for p in iterables] * repeat)


def _product(pools):
    for pool in pools:
        if not pool:
            return
    n = len(pools)
    indices = [0] * n
    while True:
        yield tuple(pools[i][indices[i]] for i in range(n))
        # Odometer: advance the rightmost wheel that has not wrapped around.
        i = n - 1
        while i >= 0:
            indices[i] += 1
            if indices[i] < len(pools[i]):
                break
            indices[i] = 0
            i -= 1
        if i < 0:
            return


def _check_r(r, n):
    if r is None:
        return n
    if not isinstance(r, int):
        raise TypeError("Expected int as r")
    if r < 0:
        raise ValueError("r must be non-negative")
    return r


class permutations(_Iterator):
    def __init__(self, iterable, r=None):
        pool = tuple(iterable)
        self._it = _permutations(pool, _check_r(r, len(pool)))


def _permutations(pool, r):
    n = len(pool)
    if r > n:
        return
    chosen = list(range(r))
    used = [False] * n
    for i in chosen:
        used[i] = True
    while True:
        yield tuple(pool[i] for i in chosen)
        # Next r-arrangement in lexicographic order of positions: from the right, give a slot back
        # and take the smallest larger free index for it, then fill the rest with the smallest free.
        i = r - 1
        while i >= 0:
            used[chosen[i]] = False
            j = chosen[i] + 1
            while j < n and used[j]:
                j += 1
            if j < n:
                chosen[i] = j
                used[j] = True
                k = 0
                for p in range(i + 1, r):
                    while used[k]:
                        k += 1
                    chosen[p] = k
                    used[k] = True
                break
            i -= 1
        if i < 0:
            return


class combinations(_Iterator):
    def __init__(self, iterable, r):
        pool = tuple(iterable)
        self._it = _combinations(pool, _check_r(r, len(pool)))


def _combinations(pool, r):
    n = len(pool)
    if r > n:
        return
    chosen = list(range(r))
    while True:
        yield tuple(pool[i] for i in chosen)
        # The rightmost index that can still move right, then its followers packed behind it.
        i = r - 1
        while i >= 0 and chosen[i] == n - r + i:
            i -= 1
        if i < 0:
            return
        chosen[i] += 1
        for j in range(i + 1, r):
            chosen[j] = chosen[j - 1] + 1


class combinations_with_replacement(_Iterator):
    def __init__(self, iterable, r):
        pool = tuple(iterable)
        self._it = _combinations_with_replacement(pool, _check_r(r, len(pool)))


def _combinations_with_replacement(pool, r):
    n = len(pool)
    if not n and r:
        return
    chosen = [0] * r
    while True:
        yield tuple(pool[i] for i in chosen)
        i = r - 1
        while i >= 0 and chosen[i] == n - 1:
            i -= 1
        if i < 0:
            return
        value = chosen[i] + 1
        for j in range(i, r):
            chosen[j] = value
