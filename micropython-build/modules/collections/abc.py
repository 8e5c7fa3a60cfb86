"""CPython's `collections.abc`: the abstract base classes of containers, with the built-in types registered.

`isinstance(x, Mapping)`, `issubclass(list, MutableSequence)` ... give CPython's answers for the built-in
types (dict, list, tuple, str, bytes, set, range, memoryview, dict views, iterators, generators, functions)
and for the frozen library's containers (OrderedDict, Counter, defaultdict, ChainMap, UserDict, UserList,
UserString, deque, namedtuple classes). The one-method ABCs (Iterable, Iterator, Sized, Container,
Collection, Reversible, Hashable, Callable, Generator and the async ones) also recognise any class that
defines their methods, as CPython's __subclasshook__ does. Subclassing an ABC gives its mixin methods and
TypeError on instantiating a subclass that leaves abstract methods unimplemented; `register()` works.

How: MicroPython's isinstance() consults __instancecheck__ only on objects that are not classes (patch
0125), so each ABC here is such an object; a class statement that names it as a base gets the real class
that carries the mixin methods instead (through __mro_entries__, see _classhooks.py).
"""

import sys
from abc import ABC, abstractmethod

__all__ = [
    "Awaitable",
    "Coroutine",
    "AsyncIterable",
    "AsyncIterator",
    "AsyncGenerator",
    "Hashable",
    "Iterable",
    "Iterator",
    "Generator",
    "Reversible",
    "Sized",
    "Container",
    "Callable",
    "Collection",
    "Set",
    "MutableSet",
    "Mapping",
    "MutableMapping",
    "MappingView",
    "KeysView",
    "ItemsView",
    "ValuesView",
    "Sequence",
    "MutableSequence",
    "ByteString",
]


def _defines(cls, *names):
    """Whether every name is defined, and not None, somewhere on cls's classes (CPython's _check_methods)."""
    classes = getattr(cls, "__mro__", (cls,))
    for name in names:
        for c in classes:
            value = getattr(c, "__dict__", {}).get(name, _absent)
            if value is not _absent:
                if value is None:
                    return False
                break
        else:
            if not hasattr(cls, name):  # a built-in type: its methods are not in a __dict__
                return False
    return True


_absent = object()


class ABCProxy:
    """An abstract base class: `real` is the class that subclasses get (mixin and abstract methods),
    `hook(cls)` the structural test of CPython's __subclasshook__ (None for ABCs without one)."""

    def __init__(self, name, real, parents=(), hook=None, module="collections.abc"):
        self.__name__ = self.__qualname__ = name
        self.__module__ = module
        self._real = real
        self._hook = hook
        self._registered = []
        self._children = []
        for parent in parents:
            parent._children.append(self)

    _stands_for_class = True  # a class in CPython: a class statement naming it gets no __orig_bases__

    def __mro_entries__(self, bases):
        return (self._real,)

    def __getattr__(self, name):
        return getattr(self._real, name)

    def __repr__(self):
        return "<class '%s.%s'>" % (self.__module__, self.__name__)

    def __call__(self, *args, **kwargs):
        return self._real(*args, **kwargs)

    def register(self, subclass):
        if not isinstance(subclass, type):
            raise TypeError("Can only register classes")
        self._registered.append(subclass)
        return subclass

    def _types(self):
        found = [self._real]
        found.extend(self._registered)
        for child in self._children:
            found.extend(child._types())
        return found

    def __subclasscheck__(self, cls):
        if not isinstance(cls, type):
            raise TypeError("issubclass() arg 1 must be a class")
        if issubclass(cls, tuple(self._types())):
            return True
        return self._hook is not None and self._hook(cls)

    def __instancecheck__(self, obj):
        return self.__subclasscheck__(type(obj))


def _abc(parents=(), methods=None, hook=None):
    """Class decorator: the ABC whose subclasses get the decorated class (`methods`: its structural test)."""
    if methods is not None:

        def hook(cls):
            return _defines(cls, *methods)

    return lambda real: ABCProxy(real.__name__, real, parents, hook)


def _hashable(cls):
    # CPython: list, dict, set, bytearray and the key and item views have __hash__ = None, and so does a
    # class that defines __eq__ without __hash__.
    for c in getattr(cls, "__mro__", (cls,)):
        if c in _UNHASHABLE:
            return False
        if c is object or c in _HASHABLE:
            return True
        d = getattr(c, "__dict__", {})
        if "__hash__" in d:
            return d["__hash__"] is not None
        if "__eq__" in d:
            return False
    return True


_UNHASHABLE = (list, dict, set, bytearray, type({}.keys()), type({}.items()))
_HASHABLE = (str, bytes, tuple, frozenset, int, float, complex, bool, type(None), range, memoryview, type)


# ---- the ABCs and the classes that subclasses get ----------------------------------------------------


@_abc((), hook=_hashable)
class Hashable(ABC):
    @abstractmethod
    def __hash__(self):
        return 0


@_abc((), methods=("__await__",))
class Awaitable(ABC):
    @abstractmethod
    def __await__(self):
        yield


@_abc((Awaitable,), methods=("__await__", "send", "throw", "close"))
class Coroutine(Awaitable):
    @abstractmethod
    def send(self, value):
        raise StopIteration

    @abstractmethod
    def throw(self, typ, val=None, tb=None):
        raise typ if val is None else val

    def close(self):
        try:
            self.throw(GeneratorExit)
        except (GeneratorExit, StopIteration):
            pass
        else:
            raise RuntimeError("coroutine ignored GeneratorExit")


@_abc((), methods=("__aiter__",))
class AsyncIterable(ABC):
    @abstractmethod
    def __aiter__(self):
        return AsyncIterator()


@_abc((AsyncIterable,), methods=("__anext__", "__aiter__"))
class AsyncIterator(AsyncIterable):
    @abstractmethod
    async def __anext__(self):
        raise StopAsyncIteration

    def __aiter__(self):
        return self


@_abc((AsyncIterator,), methods=("__aiter__", "__anext__", "asend", "athrow", "aclose"))
class AsyncGenerator(AsyncIterator):
    async def __anext__(self):
        return await self.asend(None)

    @abstractmethod
    async def asend(self, value):
        raise StopAsyncIteration

    @abstractmethod
    async def athrow(self, typ, val=None, tb=None):
        raise typ if val is None else val

    async def aclose(self):
        try:
            await self.athrow(GeneratorExit)
        except (GeneratorExit, StopAsyncIteration):
            pass
        else:
            raise RuntimeError("asynchronous generator ignored GeneratorExit")


@_abc((), methods=("__iter__",))
class Iterable(ABC):
    @abstractmethod
    def __iter__(self):
        while False:
            yield None


@_abc((Iterable,), methods=("__iter__", "__next__"))
class Iterator(Iterable):
    @abstractmethod
    def __next__(self):
        raise StopIteration

    def __iter__(self):
        return self


@_abc((Iterable,), methods=("__reversed__", "__iter__"))
class Reversible(Iterable):
    @abstractmethod
    def __reversed__(self):
        while False:
            yield None


@_abc((Iterator,), methods=("__iter__", "__next__", "send", "throw", "close"))
class Generator(Iterator):
    def __next__(self):
        return self.send(None)

    @abstractmethod
    def send(self, value):
        raise StopIteration

    @abstractmethod
    def throw(self, typ, val=None, tb=None):
        raise typ if val is None else val

    def close(self):
        try:
            self.throw(GeneratorExit)
        except (GeneratorExit, StopIteration):
            pass
        else:
            raise RuntimeError("generator ignored GeneratorExit")


@_abc((), methods=("__len__",))
class Sized(ABC):
    @abstractmethod
    def __len__(self):
        return 0


@_abc((), methods=("__contains__",))
class Container(ABC):
    @abstractmethod
    def __contains__(self, x):
        return False


@_abc((Sized, Iterable, Container), methods=("__len__", "__iter__", "__contains__"))
class Collection(Sized, Iterable, Container):
    pass


@_abc((), methods=("__call__",))
class Callable(ABC):
    @abstractmethod
    def __call__(self, *args, **kwds):
        return False


@_abc((Collection,))
class Set(Collection):
    def __le__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        if len(self) > len(other):
            return False
        for elem in self:
            if elem not in other:
                return False
        return True

    def __lt__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        return len(self) < len(other) and self.__le__(other)

    def __gt__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        return len(self) > len(other) and self.__ge__(other)

    def __ge__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        if len(self) < len(other):
            return False
        for elem in other:
            if elem not in self:
                return False
        return True

    def __eq__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        return len(self) == len(other) and self.__le__(other)

    def __ne__(self, other):
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    @classmethod
    def _from_iterable(cls, it):
        return cls(it)

    def __and__(self, other):
        if not isinstance(other, Iterable):
            return NotImplemented
        return self._from_iterable(value for value in other if value in self)

    __rand__ = __and__

    def isdisjoint(self, other):
        for value in other:
            if value in self:
                return False
        return True

    def __or__(self, other):
        if not isinstance(other, Iterable):
            return NotImplemented
        return self._from_iterable([e for s in (self, other) for e in s])

    __ror__ = __or__

    def __sub__(self, other):
        if not isinstance(other, Set):
            if not isinstance(other, Iterable):
                return NotImplemented
            other = self._from_iterable(other)
        return self._from_iterable(value for value in self if value not in other)

    def __rsub__(self, other):
        if not isinstance(other, Set):
            if not isinstance(other, Iterable):
                return NotImplemented
            other = self._from_iterable(other)
        return self._from_iterable(value for value in other if value not in self)

    def __xor__(self, other):
        if not isinstance(other, Set):
            if not isinstance(other, Iterable):
                return NotImplemented
            other = self._from_iterable(other)
        return (self - other) | (other - self)

    __rxor__ = __xor__

    def _hash(self):
        # CPython's algorithm for hashing a set from its elements' hashes (frozenset's).
        mask = (1 << (sys.maxsize.bit_length() + 1)) - 1
        h = 1927868237 * (len(self) + 1) & mask
        for x in self:
            hx = hash(x)
            h ^= (hx ^ (hx << 16) ^ 89869747) * 3644798167
            h &= mask
        h ^= (h >> 11) ^ (h >> 25)
        h = h * 69069 + 907133923
        h &= mask
        if h > sys.maxsize:
            h -= mask + 1
        if h == -1:
            h = 590923713
        return h


@_abc((Set,))
class MutableSet(Set):
    @abstractmethod
    def add(self, value):
        raise NotImplementedError

    @abstractmethod
    def discard(self, value):
        raise NotImplementedError

    def remove(self, value):
        if value not in self:
            raise KeyError(value)
        self.discard(value)

    def pop(self):
        it = iter(self)
        try:
            value = next(it)
        except StopIteration:
            raise KeyError from None
        self.discard(value)
        return value

    def clear(self):
        try:
            while True:
                self.pop()
        except KeyError:
            pass

    def __ior__(self, it):
        for value in it:
            self.add(value)
        return self

    def __iand__(self, it):
        for value in self - it:
            self.discard(value)
        return self

    def __ixor__(self, it):
        if it is self:
            self.clear()
        else:
            if not isinstance(it, Set):
                it = self._from_iterable(it)
            for value in it:
                if value in self:
                    self.discard(value)
                else:
                    self.add(value)
        return self

    def __isub__(self, it):
        if it is self:
            self.clear()
        else:
            for value in it:
                self.discard(value)
        return self


@_abc((Collection,))
class Mapping(Collection):
    @abstractmethod
    def __getitem__(self, key):
        raise KeyError

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key):
        try:
            self[key]
        except KeyError:
            return False
        else:
            return True

    def keys(self):
        return KeysView(self)

    def items(self):
        return ItemsView(self)

    def values(self):
        return ValuesView(self)

    def __eq__(self, other):
        if not isinstance(other, Mapping):
            return NotImplemented
        return dict(self.items()) == dict(other.items())

    def __ne__(self, other):
        result = self.__eq__(other)
        return result if result is NotImplemented else not result


@_abc((Sized,))
class MappingView(Sized):
    def __init__(self, mapping):
        self._mapping = mapping

    def __len__(self):
        return len(self._mapping)

    def __repr__(self):
        return "{0.__class__.__name__}({0._mapping!r})".format(self)


@_abc((MappingView, Set))
class KeysView(MappingView, Set):
    @classmethod
    def _from_iterable(cls, it):
        return set(it)

    def __contains__(self, key):
        return key in self._mapping

    def __iter__(self):
        yield from self._mapping


@_abc((MappingView, Set))
class ItemsView(MappingView, Set):
    @classmethod
    def _from_iterable(cls, it):
        return set(it)

    def __contains__(self, item):
        key, value = item
        try:
            v = self._mapping[key]
        except KeyError:
            return False
        else:
            return v is value or v == value

    def __iter__(self):
        for key in self._mapping:
            yield (key, self._mapping[key])


@_abc((MappingView, Collection))
class ValuesView(MappingView, Collection):
    def __contains__(self, value):
        for key in self._mapping:
            v = self._mapping[key]
            if v is value or v == value:
                return True
        return False

    def __iter__(self):
        for key in self._mapping:
            yield self._mapping[key]


@_abc((Mapping,))
class MutableMapping(Mapping):
    @abstractmethod
    def __setitem__(self, key, value):
        raise KeyError

    @abstractmethod
    def __delitem__(self, key):
        raise KeyError

    def pop(self, key, default=_absent):
        try:
            value = self[key]
        except KeyError:
            if default is _absent:
                raise
            return default
        else:
            del self[key]
            return value

    def popitem(self):
        try:
            key = next(iter(self))
        except StopIteration:
            raise KeyError from None
        value = self[key]
        del self[key]
        return key, value

    def clear(self):
        try:
            while True:
                self.popitem()
        except KeyError:
            pass

    def update(self, other=(), **kwds):
        if isinstance(other, Mapping):
            for key in other:
                self[key] = other[key]
        elif hasattr(other, "keys"):
            for key in other.keys():
                self[key] = other[key]
        else:
            for key, value in other:
                self[key] = value
        for key, value in kwds.items():
            self[key] = value

    def setdefault(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            self[key] = default
        return default


@_abc((Reversible, Collection))
class Sequence(Reversible, Collection):
    @abstractmethod
    def __getitem__(self, index):
        raise IndexError

    def __iter__(self):
        i = 0
        try:
            while True:
                v = self[i]
                yield v
                i += 1
        except IndexError:
            return

    def __contains__(self, value):
        for v in self:
            if v is value or v == value:
                return True
        return False

    def __reversed__(self):
        for i in range(len(self) - 1, -1, -1):
            yield self[i]

    def index(self, value, start=0, stop=None):
        if start is not None and start < 0:
            start = max(len(self) + start, 0)
        if stop is not None and stop < 0:
            stop += len(self)
        i = start
        while stop is None or i < stop:
            try:
                v = self[i]
            except IndexError:
                break
            if v is value or v == value:
                return i
            i += 1
        raise ValueError

    def count(self, value):
        return sum(1 for v in self if v is value or v == value)


@_abc((Sequence,))
class ByteString(Sequence):
    pass


@_abc((Sequence,))
class MutableSequence(Sequence):
    @abstractmethod
    def __setitem__(self, index, value):
        raise IndexError

    @abstractmethod
    def __delitem__(self, index):
        raise IndexError

    @abstractmethod
    def insert(self, index, value):
        raise IndexError

    def append(self, value):
        self.insert(len(self), value)

    def clear(self):
        try:
            while True:
                self.pop()
        except IndexError:
            pass

    def reverse(self):
        n = len(self)
        for i in range(n // 2):
            self[i], self[n - i - 1] = self[n - i - 1], self[i]

    def extend(self, values):
        if values is self:
            values = list(values)
        for v in values:
            self.append(v)

    def pop(self, index=-1):
        v = self[index]
        del self[index]
        return v

    def remove(self, value):
        del self[self.index(value)]

    def __iadd__(self, values):
        self.extend(values)
        return self


# ---- the built-in types, as CPython registers them --------------------------------------------------


def _iterator_types():
    samples = [[], (), "", b"", bytearray(), {}, {}.keys(), {}.values(), {}.items(), set(), range(0)]
    found = {type(iter(s)) for s in samples}
    found.update(
        type(f(*a)) for f, a in ((zip, ()), (map, (len, [])), (filter, (None, [])), (enumerate, ([],)))
    )
    found.add(type(reversed([])))
    return found


def _generator():
    yield


_generator_type = type(_generator())
for _t in _HASHABLE:
    Hashable.register(_t)
for _t in _iterator_types():
    Iterator.register(_t)
Generator.register(_generator_type)


def _closure():
    return lambda: _closure


for _t in (type(len), type(_generator), type(_closure()), type([].append), type(ABCProxy.register)):
    Callable.register(_t)
Callable.register(type)
Set.register(frozenset)
MutableSet.register(set)
MutableMapping.register(dict)
KeysView.register(type({}.keys()))
ItemsView.register(type({}.items()))
ValuesView.register(type({}.values()))
Sequence.register(tuple)
Sequence.register(str)
Sequence.register(range)
Sequence.register(memoryview)
ByteString.register(bytes)
ByteString.register(bytearray)
MutableSequence.register(list)
MutableSequence.register(bytearray)
Reversible.register(dict)
for _t in (type({}.keys()), type({}.items()), type({}.values())):
    Reversible.register(_t)
del _t

# The frozen library's containers (CPython's derive from these ABCs).
from collections import ChainMap, UserDict, UserList, UserString, deque  # noqa: E402

MutableMapping.register(ChainMap)
MutableMapping.register(UserDict)
MutableSequence.register(UserList)
MutableSequence.register(deque)
Sequence.register(UserString)
