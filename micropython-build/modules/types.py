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


class MappingProxyType:
    """Read-only proxy of a mapping."""

    __slots__ = ("_mapping",)

    def __init__(self, mapping):
        if not hasattr(mapping, "keys") or not hasattr(mapping, "__getitem__") or isinstance(mapping, (list, tuple)):
            raise TypeError("mappingproxy() argument must be a mapping, not %s" % type(mapping).__name__)
        self._mapping = mapping

    def __getitem__(self, key):
        return self._mapping[key]

    def __setitem__(self, key, value):
        raise TypeError("'mappingproxy' object does not support item assignment")

    def __delitem__(self, key):
        raise TypeError("'mappingproxy' object does not support item deletion")

    def __contains__(self, key):
        return key in self._mapping

    def __iter__(self):
        return iter(self._mapping)

    def __len__(self):
        return len(self._mapping)

    def __eq__(self, other):
        return self._mapping == other

    def __repr__(self):
        return "mappingproxy(%r)" % (self._mapping,)

    def __str__(self):
        return str(self._mapping)

    def get(self, key, default=None):
        return self._mapping.get(key, default)

    def keys(self):
        return self._mapping.keys()

    def values(self):
        return self._mapping.values()

    def items(self):
        return self._mapping.items()

    def copy(self):
        return self._mapping.copy()

    def __or__(self, other):
        return dict(self._mapping) | dict(other)


def new_class(name, bases=(), kwds=None, exec_body=None):
    """Create a class object dynamically using the appropriate metaclass."""
    ns = {}
    if exec_body is not None:
        exec_body(ns)
    return type(name, tuple(bases), ns)
