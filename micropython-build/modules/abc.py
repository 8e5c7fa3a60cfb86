"""CPython's `abc`: ABC, ABCMeta, abstractmethod (also under property, classmethod, staticmethod),
abstractproperty/abstractclassmethod/abstractstaticmethod, update_abstractmethods, get_cache_token.

Instantiating a subclass of ABC that leaves abstract methods unimplemented raises TypeError, as in
CPython. `class C(metaclass=ABCMeta)` works (see _classhooks.py: it makes ABC a base of C).
Differences: MicroPython's property, classmethod and staticmethod objects do not expose the
function they wrap, so `@property` over `@abstractmethod` is not checked (write `@abstractmethod`
outermost for that); MicroPython has no __instancecheck__/__subclasshook__, so
`ABCMeta.register()` returns the class without making isinstance/issubclass accept it; abstract
classes that also derive from a built-in type (list, dict ...) are not checked.
"""

import _classhooks

_abstract = set()  # functions marked with @abstractmethod (MicroPython functions take no attributes)
_cache = {}  # class -> sorted names of its abstract methods


def abstractmethod(funcobj):
    _abstract.add(funcobj)
    return funcobj


def _is_abstract(value):
    try:
        return value in _abstract
    except TypeError:  # an unhashable class attribute
        return False


def _classes(cls):
    # Depth-first, left to right: the order MicroPython resolves attributes in.
    order = []
    todo = [cls]
    while todo:
        c = todo.pop(0)
        if c not in order:
            order.append(c)
            todo[0:0] = list(getattr(c, "__bases__", ()))
    return order


def _abstract_names(cls):
    names = _cache.get(cls)
    if names is None:
        classes = _classes(cls)
        candidates = set()
        for c in classes:
            for name, value in getattr(c, "__dict__", {}).items():
                if _is_abstract(value):
                    candidates.add(name)
        names = []
        for name in candidates:
            for c in classes:
                d = getattr(c, "__dict__", {})
                if name in d:
                    if _is_abstract(d[name]):
                        names.append(name)
                    break
        names.sort()
        _cache[cls] = names
    return names


class ABC:
    """Helper base class: subclasses with unimplemented abstract methods cannot be instantiated."""

    def __new__(cls, *args, **kwargs):
        names = _abstract_names(cls)
        if names:
            raise TypeError(
                "Can't instantiate abstract class %s with abstract method%s %s"
                % (cls.__name__, "s" if len(names) > 1 else "", ", ".join(names))
            )
        return object.__new__(cls)


class ABCMeta(type):
    """Use as `class C(metaclass=ABCMeta)`; the class statement gets ABC as a base instead."""

    def register(cls, subclass):
        return subclass


def _metaclass_keyword(bases, meta):
    if meta is ABCMeta:
        return bases if any(issubclass(b, ABC) for b in bases) else bases + (ABC,)
    if meta is type:
        return bases
    raise TypeError("metaclass=" + getattr(meta, "__name__", "?") + " is not supported in this sandbox")


_classhooks.keyword_handlers["metaclass"] = _metaclass_keyword


def update_abstractmethods(cls):
    _cache.clear()
    return cls


def get_cache_token():
    return 0


def abstractproperty(fget=None, fset=None, fdel=None, doc=None):
    return abstractmethod(property(fget, fset, fdel))


def abstractclassmethod(func):
    return abstractmethod(classmethod(func))


def abstractstaticmethod(func):
    return abstractmethod(staticmethod(func))
