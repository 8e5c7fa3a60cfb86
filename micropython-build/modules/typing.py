"""The names of CPython's `typing`, for annotations and type aliases.

MicroPython does not evaluate annotations, so what matters is that the names import and that aliases
built from them (`Row = Dict[str, Any]`, `Optional[int]`, `Callable[[int], str]`) evaluate and print
as in CPython. Supported: every public name of `typing` up to 3.12 (special forms, generic aliases,
`TypeVar`, `ParamSpec`, `NewType`, `Generic[...]` and `Protocol` as base classes, `NamedTuple(name,
fields)`, `TypedDict` (instances are plain dicts), `cast`, `overload`, `final`, `get_origin`,
`get_args`, `TYPE_CHECKING`, `assert_never`, `reveal_type`).
Not supported: `isinstance(x, List)` and other instance checks against typing objects (they are not
classes here); subscripting user generic classes (`Stack[int]`); class-based `NamedTuple`
(MicroPython drops the field annotations: instantiating one raises TypeError); `get_type_hints`
returns `{}` for the same reason; `TypedDict(..., total=False)` as a class keyword.
"""

import collections

TYPE_CHECKING = False


def _repr(t):
    if t is None or t is type(None):
        return "NoneType"
    if t is ...:
        return "..."
    if isinstance(t, list):
        return "[" + ", ".join(_repr(a) for a in t) + "]"
    if isinstance(t, type):
        module = t.__dict__.get("__module__", "builtins") if hasattr(t, "__dict__") else "builtins"
        return t.__name__ if module == "builtins" else module + "." + t.__name__
    return repr(t)


class _Form:
    """A typing construct: subscriptable and printable, not a class (no instance checks)."""

    def __init__(self, name, origin=None, args=None, nparams=-1):
        self._name = name
        self.__origin__ = origin
        self.__args__ = args
        self._nparams = nparams

    def __getitem__(self, params):
        if self.__args__ is not None:
            raise TypeError(repr(self) + " is already subscripted")
        if not isinstance(params, tuple):
            params = (params,)
        if self._nparams >= 0 and len(params) != self._nparams:
            raise TypeError(
                "Too %s arguments for %r; actual %d, expected %d"
                % ("many" if len(params) > self._nparams else "few", self, len(params), self._nparams)
            )
        return _Form(self._name, self if self.__origin__ is None else self.__origin__, params)

    def __repr__(self):
        args = self.__args__
        if args is None:
            return "typing." + self._name
        if self._name == "Optional":
            args = [a for a in args if a is not type(None)]
        return "typing." + self._name + "[" + ", ".join(_repr(a) for a in args) + "]"

    def __call__(self, *args, **kwargs):
        raise TypeError("Type " + self._name + " cannot be instantiated")

    def __eq__(self, other):
        return isinstance(other, _Form) and self._name == other._name and self.__args__ == other.__args__

    def __hash__(self):
        return hash(self._name)

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


class _UnionForm(_Form):
    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        if not params:
            raise TypeError("Cannot take a Union of no types.")
        flat = []
        for p in params:
            if p is None:
                p = type(None)
            members = p.__args__ if isinstance(p, _Form) and p.__origin__ is Union else (p,)
            for m in members:
                if m not in flat:
                    flat.append(m)
        if len(flat) == 1:
            return flat[0]
        name = "Optional" if len(flat) == 2 and type(None) in flat else "Union"
        return _Form(name, Union, tuple(flat))


class _OptionalForm(_Form):
    def __getitem__(self, param):
        return Union[param, None]


Union = _UnionForm("Union")
Optional = _OptionalForm("Optional")


def _special(name, nparams=-1):
    return _Form(name, None, None, nparams)


Any = _special("Any")
NoReturn = _special("NoReturn")
Never = _special("Never")
Self = _special("Self")
LiteralString = _special("LiteralString")
TypeAlias = _special("TypeAlias")
ClassVar = _special("ClassVar", 1)
Final = _special("Final", 1)
Literal = _special("Literal")
Annotated = _special("Annotated")
TypeGuard = _special("TypeGuard", 1)
TypeIs = _special("TypeIs", 1)
Required = _special("Required", 1)
NotRequired = _special("NotRequired", 1)
ReadOnly = _special("ReadOnly", 1)
Unpack = _special("Unpack", 1)
Concatenate = _special("Concatenate")


def _alias(name, origin, nparams=-1):
    return _Form(name, origin, None, nparams)


List = _alias("List", list, 1)
Dict = _alias("Dict", dict, 2)
Set = _alias("Set", set, 1)
FrozenSet = _alias("FrozenSet", frozenset, 1)
Tuple = _alias("Tuple", tuple)
Type = _alias("Type", type, 1)
Callable = _alias("Callable", None)
DefaultDict = _alias("DefaultDict", collections.defaultdict, 2)
OrderedDict = _alias("OrderedDict", collections.OrderedDict, 2)
Counter = _alias("Counter", collections.Counter, 1)
ChainMap = _alias("ChainMap", collections.ChainMap, 2)
Deque = _alias("Deque", collections.deque, 1)
Text = str
for _name, _n in (
    ("Iterable", 1),
    ("Iterator", 1),
    ("Reversible", 1),
    ("Container", 1),
    ("Collection", 1),
    ("Sequence", 1),
    ("MutableSequence", 1),
    ("AbstractSet", 1),
    ("MutableSet", 1),
    ("Mapping", 2),
    ("MutableMapping", 2),
    ("KeysView", 1),
    ("ValuesView", 1),
    ("ItemsView", 2),
    ("MappingView", 1),
    ("Generator", 3),
    ("AsyncGenerator", 2),
    ("AsyncIterable", 1),
    ("AsyncIterator", 1),
    ("Awaitable", 1),
    ("Coroutine", 3),
    ("ContextManager", 1),
    ("AsyncContextManager", 1),
    ("Pattern", 1),
    ("Match", 1),
    ("IO", 1),
    ("ByteString", 0),
    ("Hashable", 0),
    ("Sized", 0),
    ("TextIO", 0),
    ("BinaryIO", 0),
    ("SupportsInt", 0),
    ("SupportsFloat", 0),
    ("SupportsComplex", 0),
    ("SupportsBytes", 0),
    ("SupportsIndex", 0),
    ("SupportsAbs", 1),
    ("SupportsRound", 1),
):
    globals()[_name] = _alias(_name, None, _n)
del _name, _n


class TypeVar:
    """A type variable: `T = TypeVar('T')`, with optional constraints, bound and variance."""

    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False, default=None):
        if covariant and contravariant:
            raise ValueError("Bivariant type variables are not supported.")
        if len(constraints) == 1:
            raise TypeError("A single constraint is not allowed")
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = bound
        self.__covariant__ = covariant
        self.__contravariant__ = contravariant

    def __repr__(self):
        prefix = "+" if self.__covariant__ else "-" if self.__contravariant__ else "~"
        return prefix + self.__name__

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


class ParamSpec(TypeVar):
    def __init__(self, name, *, bound=None, covariant=False, contravariant=False, default=None):
        super().__init__(name, bound=bound, covariant=covariant, contravariant=contravariant)
        self.args = _special(name + ".args")
        self.kwargs = _special(name + ".kwargs")


class TypeVarTuple(TypeVar):
    def __init__(self, name, *, default=None):
        super().__init__(name)

    def __repr__(self):
        return self.__name__


AnyStr = TypeVar("AnyStr", bytes, str)


class _GenericForm(_Form):
    """`Generic[T]` is a base class, so `class Stack(Generic[T])` works; `Stack[int]` does not
    (MicroPython has no __class_getitem__)."""

    def __getitem__(self, params):
        return _GenericBase


_GenericBase = type("Generic", (), {})
Generic = _GenericForm("Generic")


class Protocol:
    """Base class of protocols (structural types). Subclass it; instance checks are not supported."""


def runtime_checkable(cls):
    return cls


class NewType:
    """`UserId = NewType('UserId', int)`: calling it returns its argument unchanged."""

    def __init__(self, name, tp):
        self.__name__ = name
        self.__supertype__ = tp

    def __call__(self, x):
        return x

    def __repr__(self):
        return "__main__." + self.__name__


class NamedTuple:
    """The functional form only: NamedTuple('Point', [('x', int), ('y', int)])."""

    def __new__(cls, *args, **kwargs):
        if cls is not NamedTuple:
            raise TypeError(
                "class-based NamedTuple is not supported in this sandbox (MicroPython drops class "
                "annotations): use NamedTuple('Name', [('field', type), ...]) or collections.namedtuple"
            )
        typename, fields = args[0], args[1] if len(args) > 1 else list(kwargs.items())
        return collections.namedtuple(typename, [f[0] for f in fields])


class TypedDict:
    """Class-based and functional TypedDict; instances are plain dicts, as in CPython."""

    def __new__(cls, *args, **kwargs):
        if cls is TypedDict:
            return type(args[0], (TypedDict,), {})
        return dict(*args, **kwargs)


def cast(typ, val):
    return val


def assert_type(val, typ):
    return val


def assert_never(arg):
    raise AssertionError("Expected code to be unreachable, but got: " + repr(arg)[:100])


def reveal_type(obj):
    import sys

    sys.stderr.write("Runtime type is " + repr(type(obj).__name__) + "\n")
    return obj


def _identity(f):
    return f


overload = final = no_type_check = override = _identity
dataclass_transform = type_check_only = lambda *a, **k: _identity


def no_type_check_decorator(decorator):
    return decorator


def get_overloads(func):
    return []


def clear_overloads():
    pass


def get_origin(tp):
    if isinstance(tp, _Form) and tp.__args__ is not None:
        return tp.__origin__
    if tp is Generic:
        return Generic
    return None


def get_args(tp):
    if isinstance(tp, _Form) and tp.__args__ is not None:
        return tp.__args__
    return ()


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    return {}


def is_typeddict(tp):
    return isinstance(tp, type) and issubclass(tp, TypedDict) and tp is not TypedDict
