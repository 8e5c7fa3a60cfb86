"""CPython's `itertools`, as generators.

All of CPython 3.13's functions: count, cycle, repeat, accumulate, batched (with strict=), chain (and
chain.from_iterable), compress, dropwhile, filterfalse, groupby, islice, pairwise, starmap, takewhile,
tee, zip_longest, product, permutations, combinations, combinations_with_replacement. Results come in
CPython's order; argument errors are raised when the function is called, as in CPython.
Differences: the iterators are generators (their repr differs, they cannot be pickled or copied) and
`tee` objects are generators too.
"""

from collections import deque

_END = object()


def count(start=0, step=1):
    n = start
    while True:
        yield n
        n += step


def cycle(iterable):
    saved = []
    for element in iterable:
        yield element
        saved.append(element)
    while saved:
        for element in saved:
            yield element


def repeat(obj, times=None):
    if times is None:
        return _repeat_forever(obj)
    return _repeat(obj, times)


def _repeat_forever(obj):
    while True:
        yield obj


def _repeat(obj, times):
    for _ in range(times):
        yield obj


def _add(a, b):
    return a + b


def accumulate(iterable, func=None, *, initial=None):
    return _accumulate(iter(iterable), func or _add, initial)


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


def batched(iterable, n, *, strict=False):
    if n < 1:
        raise ValueError("n must be at least one")
    return _batched(iter(iterable), n, strict)


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


class chain:
    """chain(*iterables) and chain.from_iterable(iterable_of_iterables)."""

    def __init__(self, *iterables):
        self._gen = self._run(iter(iterables))

    @staticmethod
    def _run(sources):
        for source in sources:
            for element in source:
                yield element

    @classmethod
    def from_iterable(cls, iterables):
        result = cls()
        result._gen = cls._run(iter(iterables))
        return result

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._gen)


def compress(data, selectors):
    for d, s in zip(data, selectors):
        if s:
            yield d


def dropwhile(predicate, iterable):
    it = iter(iterable)
    for element in it:
        if not predicate(element):
            yield element
            break
    for element in it:
        yield element


def takewhile(predicate, iterable):
    for element in iterable:
        if not predicate(element):
            return
        yield element


def filterfalse(predicate, iterable):
    if predicate is None:
        predicate = bool
    for element in iterable:
        if not predicate(element):
            yield element


class groupby:
    """Consecutive elements with equal keys, as (key, group iterator) pairs. Advancing the groupby
    ends the previous group iterator, as in CPython."""

    def __init__(self, iterable, key=None):
        self._it = iter(iterable)
        self._keyfunc = key
        self._key = self._target = self._value = _END
        self._started = False
        self._marker = None

    def _advance(self):
        try:
            self._value = next(self._it)
        except StopIteration:
            self._key = _END
            return
        self._key = self._value if self._keyfunc is None else self._keyfunc(self._value)

    def __iter__(self):
        return self

    def __next__(self):
        self._marker = marker = object()
        if not self._started:
            self._started = True
            self._advance()
        while self._key is not _END and self._target is not _END and self._key == self._target:
            self._advance()
        if self._key is _END:
            raise StopIteration
        self._target = self._key
        return self._key, self._group(self._key, marker)

    def _group(self, target, marker):
        while self._marker is marker and self._key is not _END and self._key == target:
            yield self._value
            self._advance()


def islice(iterable, *args):
    if not 1 <= len(args) <= 3:
        raise TypeError("islice expected at most 4 arguments, got " + str(len(args) + 1))
    start, stop, step = (0, args[0], 1) if len(args) == 1 else (tuple(args) + (1,))[:3]
    start = 0 if start is None else start
    step = 1 if step is None else step
    if (
        not isinstance(start, int)
        or start < 0
        or stop is not None
        and (not isinstance(stop, int) or stop < 0)
    ):
        raise ValueError(
            "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize."
            if len(args) > 1
            else "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize."
        )
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


def pairwise(iterable):
    it = iter(iterable)
    try:
        previous = next(it)
    except StopIteration:
        return
    for element in it:
        yield previous, element
        previous = element


def starmap(function, iterable):
    for args in iterable:
        yield function(*args)


def tee(iterable, n=2):
    if n < 0:
        raise ValueError("n must be >= 0")
    it = iter(iterable)
    queues = [deque() for _ in range(n)]
    return tuple(_tee(it, q, queues) for q in queues)


def _tee(it, mine, queues):
    while True:
        if not mine:
            try:
                element = next(it)
            except StopIteration:
                return
            for q in queues:
                q.append(element)
        yield mine.popleft()


def zip_longest(*iterables, fillvalue=None):
    return _zip_longest([iter(i) for i in iterables], fillvalue)


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


def product(*iterables, repeat=1):
    if repeat < 0:
        raise ValueError("repeat argument cannot be negative")
    return _product([tuple(p) for p in iterables] * repeat)


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


def permutations(iterable, r=None):
    pool = tuple(iterable)
    return _permutations(pool, _check_r(r, len(pool)))


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


def combinations(iterable, r):
    pool = tuple(iterable)
    return _combinations(pool, _check_r(r, len(pool)))


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


def combinations_with_replacement(iterable, r):
    pool = tuple(iterable)
    return _combinations_with_replacement(pool, _check_r(r, len(pool)))


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
