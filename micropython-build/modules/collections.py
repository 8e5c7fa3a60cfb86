"""CPython's `collections` on top of MicroPython's built-in one.

MicroPython's `collections` is an "extensible" built-in module: a frozen `collections.py` is found
before it, and `ucollections` still names the built-in (the u-prefix alias of extensible modules).

- `OrderedDict`: the built-in (C).
- `deque`: written in Python here (MicroPython's built-in one needs a fixed capacity): all of CPython's
  methods, `maxlen`, indexing, comparison; O(1) appends and pops at both ends (amortised).
- `namedtuple`: the built-in class, subclassed to add `_fields`, `_field_defaults`, `_make`,
  `_replace`; field names may be separated by commas and/or spaces; `rename=True` works.
  `_asdict()` returns a dict.
  Not supported: `defaults=` (MicroPython's tuple types cannot take a Python `__new__`).
- `Counter`: all of CPython's methods and operators; `most_common()` breaks ties in first-seen order.
- `defaultdict`: `default_factory`, `__missing__`, `copy`.
`Counter` and `defaultdict` are dict subclasses. Their `str()`/`print()` is CPython's; `repr()` (also
used inside containers and for the REPL value) is the plain dict's, so that `json.dumps` (which
MicroPython writes through `repr`) still produces JSON.
- `ChainMap`: lookups, writes to the first map, `new_child`, `parents`, `maps`.
Absent: `UserDict`, `UserList`, `UserString`, `collections.abc`.
"""

from ucollections import OrderedDict
from ucollections import namedtuple as _namedtuple

_MISSING = object()


def _field_list(field_names):
    if isinstance(field_names, str):
        field_names = field_names.replace(",", " ").split()
    return [str(f) for f in field_names]


_KEYWORDS = frozenset(
    "False None True and as assert async await break class continue def del elif else except finally "
    "for from global if import in is lambda nonlocal not or pass raise return try while with yield".split()
)


def _valid_name(name):
    if not name or name[0].isdigit() or name.startswith("_") or name in _KEYWORDS:
        return False
    for c in name:
        if not (c.isalpha() or c.isdigit() or c == "_"):
            return False
    return True


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    """A tuple subclass with named fields (see the module docstring for what is not supported)."""
    fields = _field_list(field_names)
    if rename:
        seen = set()
        for i, name in enumerate(fields):
            if not _valid_name(name) or name in seen:
                fields[i] = "_" + str(i)
            seen.add(fields[i])
    if not _valid_name(typename.lstrip("_") or "_"):
        raise ValueError("Type names and field names must be valid identifiers: " + repr(typename))
    seen = set()
    for i, name in enumerate(fields):
        if not (_valid_name(name) or rename and name == "_" + str(i)):
            if name.startswith("_") and _valid_name(name.lstrip("_") or "x"):
                raise ValueError("Field names cannot start with an underscore: " + repr(name))
            raise ValueError("Type names and field names must be valid identifiers: " + repr(name))
        if name in seen:
            raise ValueError("Encountered duplicate field name: " + repr(name))
        seen.add(name)
    if defaults:
        raise NotImplementedError("namedtuple(defaults=...) is not supported in this sandbox")
    base = _namedtuple(typename, fields)
    names = tuple(fields)

    def _make(cls, iterable):
        return cls(*iterable)

    def _replace(self, **kwargs):
        values = [kwargs.pop(f, v) for f, v in zip(names, self)]
        if kwargs:
            raise ValueError("Got unexpected field names: " + repr(list(kwargs)))
        return type(self)(*values)

    members = {
        "_fields": names,
        "_field_defaults": {},
        "_make": classmethod(_make),
        "_replace": _replace,
        "__slots__": (),
        "_asdict": lambda self: dict(zip(names, self)),
    }
    return type(typename, (base,), members)


class deque:
    """Double-ended queue: a list with a moving head (slots before the head are free)."""

    def __init__(self, iterable=(), maxlen=None):
        if maxlen is not None:
            if not isinstance(maxlen, int):
                raise TypeError("an integer is required")
            if maxlen < 0:
                raise ValueError("maxlen must be non-negative")
        self._items = []
        self._head = 0
        self._maxlen = maxlen
        self.extend(iterable)

    @property
    def maxlen(self):
        return self._maxlen

    def __len__(self):
        return len(self._items) - self._head

    def __bool__(self):
        return len(self._items) > self._head

    def __iter__(self):
        items = self._items
        for i in range(self._head, len(items)):
            yield items[i]

    def __reversed__(self):
        items = self._items
        for i in range(len(items) - 1, self._head - 1, -1):
            yield items[i]

    def __contains__(self, value):
        items = self._items
        for i in range(self._head, len(items)):
            if items[i] == value:
                return True
        return False

    def _compact(self):
        if self._head > 16 and self._head * 2 > len(self._items):
            del self._items[: self._head]
            self._head = 0

    def append(self, x):
        if self._maxlen == 0:
            return
        self._items.append(x)
        if self._maxlen is not None and len(self) > self._maxlen:
            self.popleft()

    def appendleft(self, x):
        if self._maxlen == 0:
            return
        if self._head == 0:
            grow = len(self._items) + 8
            self._items[0:0] = [None] * grow
            self._head = grow
        self._head -= 1
        self._items[self._head] = x
        if self._maxlen is not None and len(self) > self._maxlen:
            self.pop()

    def pop(self):
        if len(self._items) <= self._head:
            raise IndexError("pop from an empty deque")
        return self._items.pop()

    def popleft(self):
        if len(self._items) <= self._head:
            raise IndexError("pop from an empty deque")
        x = self._items[self._head]
        self._items[self._head] = None
        self._head += 1
        self._compact()
        return x

    def extend(self, iterable):
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.append(x)

    def extendleft(self, iterable):
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.appendleft(x)

    def clear(self):
        self._items = []
        self._head = 0

    def copy(self):
        return deque(self, self._maxlen)

    __copy__ = copy

    def count(self, value):
        return sum(1 for x in self if x == value)

    def index(self, value, start=0, stop=None):
        items = list(self)
        for i in range(len(items))[start:stop]:
            if items[i] == value:
                return i
        raise ValueError(repr(value) + " is not in deque")

    def _set(self, items):
        self._items = items
        self._head = 0

    def insert(self, i, x):
        if self._maxlen is not None and len(self) >= self._maxlen:
            raise IndexError("deque already at its maximum size")
        items = list(self)
        items.insert(i, x)
        self._set(items)

    def remove(self, value):
        items = list(self)
        for i in range(len(items)):
            if items[i] == value:
                del items[i]
                self._set(items)
                return
        raise ValueError("deque.remove(x): x not in deque")

    def reverse(self):
        items = list(self)
        items.reverse()
        self._set(items)

    def rotate(self, n=1):
        size = len(self)
        if size > 1:
            n %= size
            if n:
                items = list(self)
                self._set(items[-n:] + items[:-n])

    def _index(self, i):
        size = len(self)
        if not isinstance(i, int):
            raise TypeError("sequence index must be integer, not '" + type(i).__name__ + "'")
        if i < 0:
            i += size
        if not 0 <= i < size:
            raise IndexError("deque index out of range")
        return self._head + i

    def __getitem__(self, i):
        return self._items[self._index(i)]

    def __setitem__(self, i, x):
        self._items[self._index(i)] = x

    def __delitem__(self, i):
        del self._items[self._index(i)]

    def __eq__(self, other):
        return isinstance(other, deque) and list(self) == list(other)

    def __ne__(self, other):
        return not self == other

    def __lt__(self, other):
        return list(self) < list(other)

    def __le__(self, other):
        return list(self) <= list(other)

    def __gt__(self, other):
        return list(self) > list(other)

    def __ge__(self, other):
        return list(self) >= list(other)

    def __add__(self, other):
        if not isinstance(other, deque):
            raise TypeError('can only concatenate deque (not "' + type(other).__name__ + '") to deque')
        result = self.copy()
        result.extend(other)
        return result

    def __iadd__(self, other):
        self.extend(other)
        return self

    def __mul__(self, n):
        return deque(list(self) * n, self._maxlen)

    def __repr__(self):
        body = repr(list(self))
        if self._maxlen is None:
            return "deque(" + body + ")"
        return "deque(" + body + ", maxlen=" + str(self._maxlen) + ")"


class Counter(dict):
    """dict subclass counting hashable items; missing items count as zero."""

    def __init__(self, iterable=None, **kwds):
        super().__init__()
        self.update(iterable, **kwds)

    def __getitem__(self, key):
        value = self.get(key, _MISSING)
        return 0 if value is _MISSING else value

    def __missing__(self, key):
        return 0

    def __delitem__(self, key):
        if key in self:
            super().__delitem__(key)

    def total(self):
        return sum(self.values())

    def most_common(self, n=None):
        # highest count first, ties in first-seen order (the sort is stable)
        items = sorted(self.items(), key=lambda item: item[1], reverse=True)
        return items if n is None else items[: max(n, 0)]

    def elements(self):
        for key, count in self.items():
            for _ in range(count):
                yield key

    @classmethod
    def fromkeys(cls, iterable, v=None):
        raise NotImplementedError("Counter.fromkeys() is undefined.  Use Counter(iterable) instead.")

    def _add_all(self, iterable, kwds, sign):
        get = self.get
        if iterable is not None:
            if isinstance(iterable, dict) or hasattr(iterable, "keys") and hasattr(iterable, "__getitem__"):
                for key in iterable.keys():
                    self[key] = get(key, 0) + sign * iterable[key]
            else:
                for key in iterable:
                    self[key] = get(key, 0) + sign
        for key in kwds:
            self[key] = get(key, 0) + sign * kwds[key]

    def update(self, iterable=None, **kwds):
        self._add_all(iterable, kwds, 1)

    def subtract(self, iterable=None, **kwds):
        self._add_all(iterable, kwds, -1)

    def copy(self):
        return self.__class__(self)

    def __copy__(self):
        return self.copy()

    def __str__(self):
        if not self:
            return type(self).__name__ + "()"
        body = ", ".join(repr(k) + ": " + repr(v) for k, v in self.most_common())
        return type(self).__name__ + "({" + body + "})"

    # Comparisons treat missing items as zero (CPython 3.10+).
    def _all_keys(self, other):
        keys = set(self)
        keys.update(other)
        return keys

    def __eq__(self, other):
        if not isinstance(other, Counter):
            if not isinstance(other, dict) or len(self) != len(other):
                return False
            return all(other.get(k, _MISSING) == v for k, v in self.items())
        return all(self[k] == other[k] for k in self._all_keys(other))

    def __ne__(self, other):
        return not self == other

    def __le__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return all(self[k] <= other[k] for k in self._all_keys(other))

    def __lt__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self <= other and self != other

    def __ge__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return all(self[k] >= other[k] for k in self._all_keys(other))

    def __gt__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self >= other and self != other

    # Multiset operations: results keep only positive counts.
    def _combine(self, other, op):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for key in self._all_keys(other):
            count = op(self[key], other[key])
            if count > 0:
                result[key] = count
        return result

    def __add__(self, other):
        return self._combine(other, lambda a, b: a + b)

    def __sub__(self, other):
        return self._combine(other, lambda a, b: a - b)

    def __or__(self, other):
        return self._combine(other, max)

    def __and__(self, other):
        return self._combine(other, min)

    def __pos__(self):
        result = Counter()
        for key, count in self.items():
            if count > 0:
                result[key] = count
        return result

    def __neg__(self):
        result = Counter()
        for key, count in self.items():
            if count < 0:
                result[key] = -count
        return result

    def _keep_positive(self):
        for key in [k for k, v in self.items() if not v > 0]:
            super().__delitem__(key)
        return self

    def __iadd__(self, other):
        for key, count in other.items():
            self[key] = self[key] + count
        return self._keep_positive()

    def __isub__(self, other):
        for key, count in other.items():
            self[key] = self[key] - count
        return self._keep_positive()

    def __ior__(self, other):
        for key, count in other.items():
            if count > self[key]:
                self[key] = count
        return self._keep_positive()

    def __iand__(self, other):
        for key, count in list(self.items()):
            other_count = other[key]
            if other_count < count:
                self[key] = other_count
        return self._keep_positive()


class defaultdict(dict):
    """dict subclass that calls default_factory to supply missing values."""

    def __init__(self, default_factory=None, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError("first argument must be callable or None")
        super().__init__(*args, **kwargs)
        self.default_factory = default_factory

    def __getitem__(self, key):
        value = self.get(key, _MISSING)
        if value is _MISSING:
            return self.__missing__(key)
        return value

    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        value = self[key] = self.default_factory()
        return value

    def copy(self):
        return type(self)(self.default_factory, self)

    __copy__ = copy

    def __str__(self):
        return "%s(%r, %r)" % (type(self).__name__, self.default_factory, dict(self.items()))


class ChainMap:
    """A view of several mappings as one: lookups search them in order, writes go to the first."""

    def __init__(self, *maps):
        self.maps = list(maps) or [{}]

    def __getitem__(self, key):
        for mapping in self.maps:
            if key in mapping:
                return mapping[key]
        return self.__missing__(key)

    def __missing__(self, key):
        raise KeyError(key)

    def get(self, key, default=None):
        return self[key] if key in self else default

    def __contains__(self, key):
        for mapping in self.maps:
            if key in mapping:
                return True
        return False

    def _merged(self):
        merged = {}
        for mapping in reversed(self.maps):
            for key in mapping:
                merged[key] = None
        return merged

    def __len__(self):
        return len(self._merged())

    def __iter__(self):
        return iter(self._merged())

    def __bool__(self):
        return any(self.maps)

    def keys(self):
        return list(self)

    def values(self):
        return [self[k] for k in self]

    def items(self):
        return [(k, self[k]) for k in self]

    def __eq__(self, other):
        return dict(self.items()) == dict(other.items())

    def __repr__(self):
        return "%s(%s)" % (type(self).__name__, ", ".join(repr(m) for m in self.maps))

    def copy(self):
        return type(self)(self.maps[0].copy(), *self.maps[1:])

    __copy__ = copy

    def new_child(self, m=None, **kwargs):
        if m is None:
            m = kwargs
        elif kwargs:
            m.update(kwargs)
        return type(self)(m, *self.maps)

    @property
    def parents(self):
        return type(self)(*self.maps[1:])

    def __setitem__(self, key, value):
        self.maps[0][key] = value

    def __delitem__(self, key):
        try:
            del self.maps[0][key]
        except KeyError:
            raise KeyError("Key not found in the first mapping: " + repr(key))

    def pop(self, key, *default):
        try:
            return self.maps[0].pop(key, *default)
        except KeyError:
            raise KeyError("Key not found in the first mapping: " + repr(key))

    def popitem(self):
        try:
            return self.maps[0].popitem()
        except KeyError:
            raise KeyError("No keys found in the first mapping.")

    def clear(self):
        self.maps[0].clear()

    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
        return self[key]

    def update(self, other=(), **kwargs):
        self.maps[0].update(other, **kwargs)
