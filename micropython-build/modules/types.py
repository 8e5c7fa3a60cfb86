"""CPython's `types` for what programs use: SimpleNamespace (repr, equality), MappingProxyType (a
read-only view of a mapping), the type objects (FunctionType, LambdaType, MethodType, BuiltinFunctionType,
GeneratorType, ModuleType, NoneType, ...), new_class and DynamicClassAttribute-free helpers."""

import sys as _sys

__all__ = [
    "SimpleNamespace",
    "MappingProxyType",
    "FunctionType",
    "LambdaType",
    "MethodType",
    "BuiltinFunctionType",
    "BuiltinMethodType",
    "GeneratorType",
    "ModuleType",
    "NoneType",
    "EllipsisType",
    "NotImplementedType",
    "CodeType",
    "new_class",
]


def _f():
    pass


def _g():
    yield 1


class _C:
    def _m(self):
        pass


FunctionType = type(_f)
LambdaType = type(lambda: None)
GeneratorType = type(_g())
MethodType = type(_C()._m)
BuiltinFunctionType = type(len)
BuiltinMethodType = type([].append)
ModuleType = type(_sys)
NoneType = type(None)
EllipsisType = type(Ellipsis)
NotImplementedType = type(NotImplemented)
CodeType = type(compile("", "", "exec"))
del _f, _g, _C


class SimpleNamespace:
    """A simple attribute-based namespace: SimpleNamespace(**kwargs)."""

    def __init__(self, mapping_or_iterable=(), **kwargs):
        if mapping_or_iterable:
            kwargs = dict(mapping_or_iterable, **kwargs)
        for key, value in kwargs.items():
            if not isinstance(key, str):
                raise TypeError("keywords must be strings")
            setattr(self, key, value)

    def __repr__(self):
        items = ("%s=%r" % (k, v) for k, v in self.__dict__.items())
        name = "namespace" if type(self) is SimpleNamespace else type(self).__name__
        return "%s(%s)" % (name, ", ".join(items))

    def __eq__(self, other):
        if isinstance(self, SimpleNamespace) and isinstance(other, SimpleNamespace):
            return self.__dict__ == other.__dict__
        return NotImplemented

    def __ne__(self, other):
        result = self.__eq__(other)
        return result if result is NotImplemented else not result


# The read-only live view of a mapping that a class's __dict__ is (C, patch 0380-class-dict-mappingproxy).
MappingProxyType = type(type.__dict__)


def new_class(name, bases=(), kwds=None, exec_body=None):
    """Create a class object dynamically using the appropriate metaclass."""
    ns = {}
    if exec_body is not None:
        exec_body(ns)
    return type(name, tuple(bases), ns)
