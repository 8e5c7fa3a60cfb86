"""CPython's `abc`: ABC, ABCMeta, abstractmethod (also under property, classmethod, staticmethod),
abstractproperty/abstractclassmethod/abstractstaticmethod, update_abstractmethods, get_cache_token.

Instantiating a subclass of ABC that leaves abstract methods unimplemented raises TypeError, as in
CPython, also for `@property`/`@classmethod`/`@staticmethod` over `@abstractmethod` (their
`__isabstractmethod__`, patch 0320). `class C(metaclass=ABCMeta)` works (see _classhooks.py: it makes
ABC a base of C). Differences: MicroPython has no __instancecheck__/__subclasshook__, so
`ABCMeta.register()` returns the class without making isinstance/issubclass accept it; abstract
classes that also derive from a built-in type (list, dict ...) are not checked.
"""

import _classhooks

_abstract = set()  # what @abstractmethod marked that takes no attributes (property, classmethod ...)


def abstractmethod(funcobj):
    try:
        funcobj.__isabstractmethod__ = True
    except AttributeError:
        _abstract.add(funcobj)
    return funcobj


def _is_abstract(value):
    if getattr(value, "__isabstractmethod__", False):
        return True
    try:
        return value in _abstract
    except TypeError:  # an unhashable class attribute
        return False


def _abstract_names(cls):
    # CPython's ABCMeta.__new__: the class's own abstract attributes, and those of its bases that the
    # class still resolves to an abstract value.
    names = {name for name, value in cls.__dict__.items() if _is_abstract(value)}
    for base in cls.__bases__:
        for name in getattr(base, "__abstractmethods__", ()):
            if _is_abstract(getattr(cls, name, None)):
                names.add(name)
    return frozenset(names)


class ABC:
    """Helper base class: subclasses with unimplemented abstract methods cannot be instantiated."""

    def __new__(cls, *args, **kwargs):
        names = sorted(cls.__abstractmethods__)
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
    return None  # another metaclass: the class statement uses it


_classhooks.keyword_handlers["metaclass"] = _metaclass_keyword


def _finish(cls):
    # every subclass of ABC gets its __abstractmethods__ when the class statement ends
    if issubclass(cls, ABC):
        cls.__abstractmethods__ = _abstract_names(cls)
    return cls


ABC.__abstractmethods__ = frozenset()
_classhooks.finishers.append(_finish)


def update_abstractmethods(cls):
    if hasattr(cls, "__abstractmethods__"):
        cls.__abstractmethods__ = _abstract_names(cls)
    return cls


def get_cache_token():
    return 0


def abstractproperty(fget=None, fset=None, fdel=None, doc=None):
    return abstractmethod(property(fget, fset, fdel))


def abstractclassmethod(func):
    return abstractmethod(classmethod(func))


def abstractstaticmethod(func):
    return abstractmethod(staticmethod(func))
