"""CPython's `collections` on top of MicroPython's built-in one.

MicroPython's `collections` is an "extensible" built-in module: a frozen `collections.py` is found
before it, and `ucollections` still names the built-in (the u-prefix alias of extensible modules).

- `OrderedDict`: a dict subclass (dicts keep insertion order here): `move_to_end`, `popitem(last=)`,
  order-sensitive equality between OrderedDicts, CPython 3.11's repr (`OrderedDict([('a', 1)])`).
- `deque`: written in Python here (MicroPython's built-in one needs a fixed capacity): all of CPython's
  methods, `maxlen`, indexing, comparison; O(1) appends and pops at both ends (amortised).
- `namedtuple`: the built-in class, subclassed to add `_fields`, `_field_defaults`, `_make`,
  `_replace`, `_asdict`; field names may be separated by commas and/or spaces; `rename=True` and
  `defaults=` work.
- `Counter`: all of CPython's methods and operators, CPython's repr (most common first).
- `defaultdict`: `default_factory`, `__missing__`, `copy`, CPython's repr.
- `ChainMap`: lookups, writes to the first map, `new_child`, `parents`, `maps`.
- `UserDict`, `UserList`, `UserString`: wrappers around `.data`, meant to be subclassed.
- `collections.abc` (collections/abc.py): the abstract base classes, loaded on first use.
"""

from _callermodule import wrap as _with_caller_module
from _operator import index as _index, as_ssize as _as_ssize
from ucollections import OrderedDict as _COrderedDict  # noqa: F401 (kept reachable)
from ucollections import namedtuple as _namedtuple

_MISSING = object()

# CPython's type flags of collections.abc.Sequence / Mapping subclasses: match statements treat
# instances of classes that carry them as sequence / mapping subjects (the guest's py/patmatch.c).
_TPFLAGS_SEQUENCE = 1 << 5
_TPFLAGS_MAPPING = 1 << 6


class OrderedDict(dict):
    """dict subclass that remembers insertion order (dicts here do too), with CPython's extras:
    `move_to_end`, `popitem(last=)`, order-sensitive equality with another OrderedDict, 3.11's repr."""

    def __init__(self, *args, **kwargs):
        if len(args) > 1:
            raise TypeError("expected at most 1 arguments, got %d" % len(args))
        super().__init__()
        self.update(*args, **kwargs)

    @classmethod
    def fromkeys(cls, iterable, value=None):
        d = cls()
        for key in iterable:
            d[key] = value
        return d

    def move_to_end(self, key, last=True):
        """Move an existing element to the end (or beginning if last is false)."""
        value = super().pop(key)  # KeyError for a missing key, as CPython
        if last:
            self[key] = value
            return
        rest = list(self.items())
        self.clear()
        self[key] = value
        for k, v in rest:
            self[k] = v

    def popitem(self, last=True):
        """Remove and return a (key, value) pair: LIFO order if last is true or FIFO order if false."""
        if not self:
            raise KeyError("dictionary is empty")
        if last:
            return super().popitem()
        key = next(iter(self))
        return key, super().pop(key)

    def copy(self):
        return type(self)(self)

    __copy__ = copy

    def __reversed__(self):
        return reversed(list(self.keys()))

    def __eq__(self, other):
        if isinstance(other, OrderedDict):
            return dict(self) == dict(other) and list(self.keys()) == list(other.keys())
        if isinstance(other, dict):
            return dict(self) == dict(other)
        return NotImplemented

    def __ne__(self, other):
        return not self == other

    def __repr__(self):
        if not self:
            return "%s()" % type(self).__name__
        return "%s(%r)" % (type(self).__name__, list(self.items()))

    __str__ = __repr__

    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = type(self)(self)
        new.update(other)
        return new

    def __ior__(self, other):
        self.update(other)
        return self


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
    field_defaults = {}
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > len(fields):
            raise TypeError("Got more default values than field names")
        field_defaults = dict(zip(fields[len(fields) - len(defaults) :], defaults))
    if defaults:
        base = _namedtuple(typename, fields, defaults)  # defaults: patch 0123
    else:
        base = _namedtuple(typename, fields)
    names = tuple(fields)

    def _make(cls, iterable):
        return cls(*iterable)

    def _replace(self, **kwargs):
        values = [kwargs.pop(f, v) for f, v in zip(names, self)]
        if kwargs:
            raise ValueError("Got unexpected field names: " + repr(list(kwargs)))
        return type(self)(*values)

    def __repr__(self):
        # the class's own name, as CPython's (the built-in's repr names the base a subclass was made from)
        return type(self).__name__ + "(" + ", ".join([f + "=" + repr(v) for f, v in zip(names, self)]) + ")"

    members = {
        "__repr__": __repr__,
        "_fields": names,
        "__match_args__": names,
        "_field_defaults": field_defaults,
        "_make": classmethod(_make),
        "_replace": _replace,
        "__slots__": (),
        "_asdict": lambda self: dict(zip(names, self)),
        "__module__": module,
    }
    return type(typename, (base,), members)


# module=None is the module of the code that calls namedtuple, as CPython's sys._getframe(1) lookup gives
namedtuple = _with_caller_module(namedtuple, "module")


# A C ssize_t's range on CPython's 64-bit builds, the reference (sys.maxsize there is deque.index's default
# stop): deque's indices, counts and maxlen beyond it are CPython's OverflowError/IndexError (as_ssize:
# port/modoperator.c).
_SSIZE_LIMIT = 1 << 63


def _ssize(n):
    # an int argument of deque's methods (maxlen, rotate, insert), as CPython's "n" argument converter reads it
    n = _index(n)
    if _as_ssize(n, None) != n:
        raise OverflowError("Python int too large to convert to C ssize_t")
    return n


def _slice_index(n):
    # deque.index's start and stop, as CPython's _PyEval_SliceIndexNotNone reads them (clamped)
    if not isinstance(n, int) and not hasattr(type(n), "__index__"):
        raise TypeError("slice indices must be integers or have an __index__ method")
    return _as_ssize(n, None)


class deque:
    """Double-ended queue: a list with a moving head (slots before the head are free)."""

    __abc_tpflags__ = _TPFLAGS_SEQUENCE

    def __init__(self, iterable=(), maxlen=None):
        if maxlen is not None:
            # CPython reads maxlen as a C ssize_t: an int only (no __index__), a bool as 0 or 1
            if not isinstance(maxlen, int):
                raise TypeError("an integer is required")
            maxlen = _ssize(maxlen)
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

    def index(self, value, start=0, stop=_SSIZE_LIMIT - 1):
        items = list(self)
        for i in range(len(items))[_slice_index(start) : _slice_index(stop)]:
            if items[i] == value:
                return i
        raise ValueError(repr(value) + " is not in deque")

    def _set(self, items):
        self._items = items
        self._head = 0

    def insert(self, i, x):
        i = _ssize(i)
        if self._maxlen is not None and len(self) >= self._maxlen:
            raise IndexError("deque already at its maximum size")
        items = list(self)
        # clamped first: list.insert reads a machine word, and CPython's index may be any C ssize_t
        items.insert(max(-len(items) - 1, min(i, len(items))), x)
        self._set(items)

    def remove(self, value):
        items = list(self)
        for i in range(len(items)):
            if items[i] == value:
                del items[i]
                self._set(items)
                return
        raise ValueError(repr(value) + " is not in deque")

    def reverse(self):
        items = list(self)
        items.reverse()
        self._set(items)

    def rotate(self, n=1):
        n = _ssize(n)
        size = len(self)
        if size > 1:
            n %= size
            if n:
                items = list(self)
                self._set(items[-n:] + items[:-n])

    def _index(self, i):
        size = len(self)
        if not isinstance(i, int) and not hasattr(type(i), "__index__"):
            raise TypeError("sequence index must be integer, not '" + type(i).__name__ + "'")
        i = _as_ssize(i, IndexError)
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

    # ordering only against deques: another operand's own reflected method, else CPython's TypeError
    def __lt__(self, other):
        return list(self) < list(other) if isinstance(other, deque) else NotImplemented

    def __le__(self, other):
        return list(self) <= list(other) if isinstance(other, deque) else NotImplemented

    def __gt__(self, other):
        return list(self) > list(other) if isinstance(other, deque) else NotImplemented

    def __ge__(self, other):
        return list(self) >= list(other) if isinstance(other, deque) else NotImplemented

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

    __rmul__ = __mul__

    def __imul__(self, n):
        self._set(list(self) * n)
        if self._maxlen is not None and len(self) > self._maxlen:
            del self._items[: len(self) - self._maxlen]
        return self

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

    def __repr__(self):
        if not self:
            return type(self).__name__ + "()"
        try:
            items = self.most_common()
        except TypeError:
            items = list(self.items())  # counts that do not compare: insertion order, as CPython
        return "%s(%r)" % (type(self).__name__, dict(items))

    __str__ = __repr__

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
        # CPython's order: this counter's keys first, then the other's new ones
        result = Counter()
        for key, count in self.items():
            count = op(count, other[key])
            if count > 0:
                result[key] = count
        for key, count in other.items():
            if key not in self:
                count = op(0, count)
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

    def __repr__(self):
        return "%s(%r, %r)" % (type(self).__name__, self.default_factory, dict(self.items()))

    __str__ = __repr__


class ChainMap:
    """A view of several mappings as one: lookups search them in order, writes go to the first."""

    __abc_tpflags__ = _TPFLAGS_MAPPING

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


class UserDict:
    """A dict wrapper (the contents in `.data`) meant to be subclassed."""

    __abc_tpflags__ = _TPFLAGS_MAPPING

    def __init__(self, dict=None, **kwargs):
        self.data = {}
        if dict is not None:
            self.update(dict)
        if kwargs:
            self.update(kwargs)

    def __len__(self):
        return len(self.data)

    def __getitem__(self, key):
        if key in self.data:
            return self.data[key]
        if hasattr(self.__class__, "__missing__"):
            return self.__class__.__missing__(self, key)
        raise KeyError(key)

    def __setitem__(self, key, item):
        self.data[key] = item

    def __delitem__(self, key):
        del self.data[key]

    def __iter__(self):
        return iter(self.data)

    def __contains__(self, key):
        return key in self.data

    def __repr__(self):
        return repr(self.data)

    def __eq__(self, other):
        if isinstance(other, UserDict):
            other = other.data
        return self.data == other

    def __or__(self, other):
        if isinstance(other, UserDict):
            return self.__class__(self.data | other.data)
        if isinstance(other, dict):
            return self.__class__(self.data | other)
        return NotImplemented

    def __ior__(self, other):
        self.update(other)
        return self

    def keys(self):
        return self.data.keys()

    def items(self):
        return self.data.items()

    def values(self):
        return self.data.values()

    def get(self, key, default=None):
        if key in self:
            return self[key]
        return default

    def pop(self, key, *default):
        if key in self:
            value = self[key]
            del self[key]
            return value
        if default:
            return default[0]
        raise KeyError(key)

    def popitem(self):
        key = next(iter(reversed(list(self.data))))
        return key, self.pop(key)

    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
        return self[key]

    def update(self, other=(), **kwargs):
        if hasattr(other, "keys"):
            for key in other.keys():
                self[key] = other[key]
        else:
            for key, value in other:
                self[key] = value
        for key, value in kwargs.items():
            self[key] = value

    def clear(self):
        self.data.clear()

    def copy(self):
        if self.__class__ is UserDict:
            return UserDict(self.data.copy())
        import copy

        data = self.data
        try:
            self.data = {}
            c = copy.copy(self)
        finally:
            self.data = data
        c.update(self)
        return c

    @classmethod
    def fromkeys(cls, iterable, value=None):
        d = cls()
        for key in iterable:
            d[key] = value
        return d


class UserList:
    """A list wrapper (the contents in `.data`) meant to be subclassed."""

    __abc_tpflags__ = _TPFLAGS_SEQUENCE

    def __init__(self, initlist=None):
        self.data = []
        if initlist is not None:
            if type(initlist) == type(self.data):
                self.data[:] = initlist
            elif isinstance(initlist, UserList):
                self.data[:] = initlist.data[:]
            else:
                self.data = list(initlist)

    def __repr__(self):
        return repr(self.data)

    def __lt__(self, other):
        return self.data < self.__cast(other)

    def __le__(self, other):
        return self.data <= self.__cast(other)

    def __eq__(self, other):
        return self.data == self.__cast(other)

    def __gt__(self, other):
        return self.data > self.__cast(other)

    def __ge__(self, other):
        return self.data >= self.__cast(other)

    def __cast(self, other):
        return other.data if isinstance(other, UserList) else other

    def __contains__(self, item):
        return item in self.data

    def __len__(self):
        return len(self.data)

    def __iter__(self):
        return iter(self.data)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return self.__class__(self.data[i])
        return self.data[i]

    def __setitem__(self, i, item):
        self.data[i] = item

    def __delitem__(self, i):
        del self.data[i]

    def __add__(self, other):
        if isinstance(other, UserList):
            return self.__class__(self.data + other.data)
        if isinstance(other, type(self.data)):
            return self.__class__(self.data + other)
        return self.__class__(self.data + list(other))

    def __radd__(self, other):
        if isinstance(other, UserList):
            return self.__class__(other.data + self.data)
        if isinstance(other, type(self.data)):
            return self.__class__(other + self.data)
        return self.__class__(list(other) + self.data)

    def __iadd__(self, other):
        if isinstance(other, UserList):
            self.data += other.data
        else:
            self.data += list(other)
        return self

    def __mul__(self, n):
        return self.__class__(self.data * n)

    __rmul__ = __mul__

    def __imul__(self, n):
        self.data *= n
        return self

    def append(self, item):
        self.data.append(item)

    def insert(self, i, item):
        self.data.insert(i, item)

    def pop(self, i=-1):
        return self.data.pop(i)

    def remove(self, item):
        self.data.remove(item)

    def clear(self):
        self.data.clear()

    def copy(self):
        return self.__class__(self)

    def count(self, item):
        return self.data.count(item)

    def index(self, item, *args):
        return self.data.index(item, *args)

    def reverse(self):
        self.data.reverse()

    def sort(self, *args, **kwds):
        self.data.sort(*args, **kwds)

    def extend(self, other):
        if isinstance(other, UserList):
            self.data.extend(other.data)
        else:
            self.data.extend(other)


class UserString:
    """A str wrapper (the contents in `.data`) meant to be subclassed."""

    __abc_tpflags__ = _TPFLAGS_SEQUENCE

    def __init__(self, seq):
        if isinstance(seq, str):
            self.data = seq
        elif isinstance(seq, UserString):
            self.data = seq.data[:]
        else:
            self.data = str(seq)

    def __str__(self):
        return str(self.data)

    def __repr__(self):
        return repr(self.data)

    def __int__(self):
        return int(self.data)

    def __float__(self):
        return float(self.data)

    def __hash__(self):
        return hash(self.data)

    def __eq__(self, string):
        if isinstance(string, UserString):
            return self.data == string.data
        return self.data == string

    def __lt__(self, string):
        return self.data < (string.data if isinstance(string, UserString) else string)

    def __le__(self, string):
        return self.data <= (string.data if isinstance(string, UserString) else string)

    def __gt__(self, string):
        return self.data > (string.data if isinstance(string, UserString) else string)

    def __ge__(self, string):
        return self.data >= (string.data if isinstance(string, UserString) else string)

    def __contains__(self, char):
        if isinstance(char, UserString):
            char = char.data
        return char in self.data

    def __len__(self):
        return len(self.data)

    def __iter__(self):
        return iter(self.data)

    def __getitem__(self, index):
        return self.__class__(self.data[index])

    def __add__(self, other):
        if isinstance(other, UserString):
            return self.__class__(self.data + other.data)
        if isinstance(other, str):
            return self.__class__(self.data + other)
        return self.__class__(self.data + str(other))

    def __radd__(self, other):
        if isinstance(other, str):
            return self.__class__(other + self.data)
        return self.__class__(str(other) + self.data)

    def __mul__(self, n):
        return self.__class__(self.data * n)

    __rmul__ = __mul__

    def __mod__(self, args):
        return self.__class__(self.data % args)

    def join(self, seq):
        return self.data.join(seq)

    def format(self, *args, **kwds):
        return self.data.format(*args, **kwds)

    def __getattr__(self, name):
        # every other str method, its str results wrapped in this class
        method = getattr(self.data, name)
        if not callable(method):
            return method

        def call(*args, **kwargs):
            args = [a.data if isinstance(a, UserString) else a for a in args]
            result = method(*args, **kwargs)
            if isinstance(result, str):
                return self.__class__(result)
            return result

        return call


def __getattr__(name):
    # `import collections` then `collections.abc.Mapping` works in CPython (the interpreter's start-up has
    # imported collections.abc); here the submodule is imported on that first use.
    if name == "abc":
        import sys

        __import__("collections.abc")  # not `from collections import abc`, which would come back here
        return sys.modules["collections.abc"]
    raise AttributeError("module 'collections' has no attribute '%s'" % name)
