"""CPython's `itertools`.

All of CPython 3.13's functions: count, cycle, repeat, accumulate, batched (with strict=), chain (and
chain.from_iterable), compress, dropwhile, filterfalse, groupby, islice, pairwise, starmap, takewhile,
tee, zip_longest, product, permutations, combinations, combinations_with_replacement. Each is a type of
CPython's name (type(chain()).__name__ == 'chain', isinstance(x, itertools.chain)) with CPython's repr,
and its objects are their own iterators (iter(x) is x), groupby's groups are `_grouper`s and tee's
iterators `_tee`s; results come in CPython's order; argument errors are raised when the object is made,
as in CPython. count and repeat are C types (port/moditertools.c): their reprs show their state (count(6)
after count(5) gave 5). The others are types made by _itertools.iterator_type: calling one calls the
function of the same name below, which checks the arguments and returns the generator that makes the
items; the object wraps it, and a for loop, list(), sum() or next() step it from C at generator speed.
Difference: the objects cannot be pickled or copied.
"""

from _itertools import count, repeat, iterator_type as _type, wrap as _wrap, state as _state
from _operator import as_ssize as _as_ssize

_END = object()


def cycle(iterable):
    return _cycle(iter(iterable))


cycle = _type("cycle", cycle, None)


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


def accumulate(iterable, func=None, *, initial=None):
    return _accumulate(iter(iterable), func or _add, initial)


accumulate = _type("accumulate", accumulate, None)


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


batched = _type("batched", batched, None)


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


def chain(*iterables):
    return _chain(iter(iterables))


def _from_iterable(iterables):
    return _wrap(chain, _chain(iter(iterables)), None)


chain = _type("chain", chain, {"from_iterable": staticmethod(_from_iterable)})


def _chain(sources):
    for source in sources:
        for element in source:
            yield element


def compress(data, selectors):
    return _compress(iter(data), iter(selectors))


compress = _type("compress", compress, None)


def _compress(data, selectors):
    for d, s in zip(data, selectors):
        if s:
            yield d


def dropwhile(predicate, iterable):
    return _dropwhile(predicate, iter(iterable))


dropwhile = _type("dropwhile", dropwhile, None)


def _dropwhile(predicate, it):
    for element in it:
        if not predicate(element):
            yield element
            break
    for element in it:
        yield element


def takewhile(predicate, iterable):
    return _takewhile(predicate, iter(iterable))


takewhile = _type("takewhile", takewhile, None)


def _takewhile(predicate, it):
    for element in it:
        if not predicate(element):
            return
        yield element


def filterfalse(predicate, iterable):
    return _filterfalse(bool if predicate is None else predicate, iter(iterable))


filterfalse = _type("filterfalse", filterfalse, None)


def _filterfalse(predicate, it):
    for element in it:
        if not predicate(element):
            yield element


class _GroupBy:
    """The state of a groupby: consecutive elements with equal keys, as (key, group iterator) pairs.
    Advancing the groupby ends the previous group iterator, as in CPython."""

    def __init__(self, iterable, key):
        self._source = iter(iterable)
        self._keyfunc = key
        self._key = self._target = self._value = _END
        self._marker = None

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
            yield self._key, _wrap(_grouper, _group(self, self._key, marker), None)


def groupby(iterable, key=None):
    return _GroupBy(iterable, key)._run()


groupby = _type("groupby", groupby, None)


def _group(parent, target, marker):
    while parent._marker is marker and parent._key is not _END and parent._key == target:
        yield parent._value
        parent._advance()


_grouper = _type("_grouper", _group, None)


def islice(*args):
    if not 2 <= len(args) <= 4:
        raise TypeError(
            "islice expected at %s arguments, got %d" % ("least 2" if len(args) < 2 else "most 4", len(args))
        )
    return _islice_checked(args[0], args[1:])


islice = _type("islice", islice, None)


def _islice_checked(iterable, args):
    # CPython's checks, in its order and with its messages; an argument is read as a C ssize_t (an int,
    # a bool, what __index__ returns), and one that cannot be read takes CPython's message for the range
    stop = _ssize(args[0] if len(args) == 1 else args[1])
    if stop == -1:
        raise ValueError("Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.")
    start = 0 if len(args) == 1 else _ssize(args[0], 0)
    if start < 0 or stop is not None and stop < -1:
        raise ValueError("Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.")
    step = _ssize(args[2], 1) if len(args) == 3 else 1
    if step < 1:
        raise ValueError("Step for islice() must be a positive integer or None.")
    return _islice(iter(iterable), start, stop, step)


# CPython's islice reads its arguments with PyNumber_AsSsize_t(x, OverflowError) on 64-bit builds (the
# reference) and clears any error it raises: None is the default, a value it cannot read is -1.
def _ssize(n, default=None):
    if n is None:
        return default
    try:
        return _as_ssize(n, OverflowError)
    except Exception:
        return -1


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
    return _pairwise(iter(iterable))


pairwise = _type("pairwise", pairwise, None)


def _pairwise(it):
    try:
        previous = next(it)
    except StopIteration:
        return
    for element in it:
        yield previous, element
        previous = element


def starmap(function, iterable):
    return _starmap(function, iter(iterable))


starmap = _type("starmap", starmap, None)


def _starmap(function, it):
    for args in it:
        yield function(*args)


def tee(iterable, n=2):
    """As CPython's: the first iterator is `iterable` itself when it is a tee iterator (otherwise a new
    one over it), the others are copies of it, at its position."""
    if n < 0:
        raise ValueError("n must be >= 0")
    it = iter(iterable)
    first = it if type(it) is _tee and _state(it) is not None else _new_tee(_TeeCursor(it, [None, None]))
    if not n:
        return ()
    cursor = _state(first)
    return (first,) + tuple(_new_tee(_TeeCursor(cursor.it, cursor.node)) for _ in range(n - 1))


class _TeeCursor:
    """A tee iterator's position: the node of the last value it gave in the list of the source's values
    that all copies share ([value, next node], next None until fetched); nodes every copy has passed are
    freed."""

    def __init__(self, it, node):
        self.it = it
        self.node = node


def _new_tee(cursor):
    return _wrap(_tee, _tee_items(cursor), cursor)


def _tee_items(cursor):
    while True:
        node = cursor.node[1]
        if node is None:
            try:
                value = next(cursor.it)
            except StopIteration:
                return
            node = cursor.node[1] = [value, None]
        cursor.node = node
        yield node[0]


def _tee_from(iterable):
    return _tee_items(_TeeCursor(iter(iterable), [None, None]))


_tee = _type("_tee", _tee_from, None)


def zip_longest(*iterables, fillvalue=None):
    return _zip_longest([iter(i) for i in iterables], fillvalue)


zip_longest = _type("zip_longest", zip_longest, None)


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


product = _type("product", product, None)


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


permutations = _type("permutations", permutations, None)


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


combinations = _type("combinations", combinations, None)


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


combinations_with_replacement = _type("combinations_with_replacement", combinations_with_replacement, None)


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
