"""CPython's `copy`: copy() and deepcopy() (with memo, cycles, __copy__/__deepcopy__), Error.

Handled: the built-in containers, dict subclasses with a copy() method (Counter, defaultdict,
OrderedDict), objects with __copy__/__deepcopy__, and plain class instances (their attributes are
copied, those in __slots__ too; the class's __init__ is not called), namedtuples. Not supported:
__reduce__/__reduce_ex__, copyreg, __getstate__/__setstate__, copy.replace.
"""


class Error(Exception):
    pass


error = Error

_ATOMIC = (type(None), int, float, bool, complex, str, bytes, type, range, type(len), type(lambda: 0))


def _new_like(x):
    cls = type(x)
    y = object.__new__(cls)
    return y


def _attributes(x):
    # An instance's attributes: its __dict__ (if it has one), then the __slots__ names it has set.
    found = dict(x.__dict__) if hasattr(x, "__dict__") else {}
    for c in type(x).__mro__:
        slots = getattr(c, "__dict__", {}).get("__slots__", ())
        for name in (slots,) if isinstance(slots, str) else slots:
            if name not in found and name not in ("__dict__", "__weakref__") and hasattr(x, name):
                found[name] = getattr(x, name)
    return found.items()


def _is_namedtuple(x):
    return isinstance(x, tuple) and hasattr(type(x), "_make")


def copy(x):
    """Shallow copy."""
    cls = type(x)
    if cls in _ATOMIC or cls is tuple or cls is frozenset:
        return x
    if cls is list:
        return x[:]
    if cls is dict or cls is set:
        return x.copy()
    if cls is bytearray:
        return bytearray(x)
    copier = getattr(x, "__copy__", None)
    if copier is not None:
        return copier()
    if _is_namedtuple(x):
        return type(x)._make(x)
    if isinstance(x, (dict, list, set)) and hasattr(x, "copy"):
        return x.copy()
    attributes = _attributes(x)
    if attributes or hasattr(x, "__dict__") or hasattr(cls, "__slots__"):
        y = _new_like(x)
        for name, value in attributes:
            setattr(y, name, value)
        return y
    raise Error("un(shallow)copyable object of type " + str(cls))


def deepcopy(x, memo=None):
    """Deep copy: containers and instances are copied recursively, sharing and cycles preserved."""
    if memo is None:
        memo = {}
    cls = type(x)
    if cls in _ATOMIC:
        return x
    key = id(x)
    if key in memo:
        return memo[key]
    if cls is list:
        y = []
        memo[key] = y
        for item in x:
            y.append(deepcopy(item, memo))
    elif cls is dict:
        y = {}
        memo[key] = y
        for k, v in x.items():
            y[deepcopy(k, memo)] = deepcopy(v, memo)
    elif cls is tuple or cls is frozenset:
        items = [deepcopy(item, memo) for item in x]
        if key in memo:  # a cycle through a mutable item created the copy already
            return memo[key]
        y = x if all(a is b for a, b in zip(items, x)) else cls(items)
        memo[key] = y
    elif cls is set:
        y = set()
        memo[key] = y
        for item in x:
            y.add(deepcopy(item, memo))
    elif cls is bytearray:
        y = bytearray(x)
        memo[key] = y
    elif hasattr(x, "__deepcopy__"):
        y = x.__deepcopy__(memo)
        memo[key] = y
    elif _is_namedtuple(x):
        y = cls._make([deepcopy(item, memo) for item in x])
        memo[key] = y
    elif isinstance(x, dict) and hasattr(x, "copy"):
        y = x.copy()
        memo[key] = y
        y.clear()
        for k, v in x.items():
            y[deepcopy(k, memo)] = deepcopy(v, memo)
    elif hasattr(x, "__dict__") or hasattr(cls, "__slots__"):
        y = _new_like(x)
        memo[key] = y
        for name, value in _attributes(x):
            setattr(y, name, deepcopy(value, memo))
    else:
        raise Error("un(deep)copyable object of type " + str(cls))
    # Keep x alive while the memo holds its id (as CPython does).
    memo.setdefault(id(memo), []).append(x)
    return y
