"""The names of CPython's `typing`, for annotations and type aliases.

MicroPython does not evaluate annotations, so what matters is that the names import and that aliases
built from them (`Row = Dict[str, Any]`, `Optional[int]`, `Callable[[int], str]`) evaluate and print
as in CPython. Supported: every public name of `typing` up to 3.12 (special forms, generic aliases,
`TypeVar`, `ParamSpec`, `NewType`, `Generic[...]` and `Protocol` as base classes (with CPython's
`__parameters__`, `__orig_bases__`, and instance and subclass checks of `@runtime_checkable` protocols by
their members), `NamedTuple(name,
fields)`, `TypedDict` (instances are plain dicts), `cast`, `overload`, `final`, `get_origin`,
`get_args`, `TYPE_CHECKING`, `assert_never`, `reveal_type`).
Class-syntax `NamedTuple` (defaults, methods) and `TypedDict` (`total=False`) and `get_type_hints` read
the class annotations the guest keeps (patch 0070); `list[int]`, `int | None` and `Stack[int]` (a
`Generic` subclass) are `_GenericAlias` and `UnionType` objects made here (patch 0071).
Not supported: `isinstance(x, List)`, `isinstance(x, int | str)` and other instance checks against typing
objects (they are not classes here); `get_type_hints` on functions (the guest drops parameter
annotations: `{}`) and string annotations of classes are evaluated in `globalns` only.
"""

import collections

from _callermodule import wrap as _with_caller_module

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


def _collect_parameters(args):
    """The type variables of args, each once, in order of first appearance (CPython's __parameters__)."""
    params = []
    for t in args:
        if isinstance(t, TypeVar):
            found = (t,)
        elif isinstance(t, list):
            found = _collect_parameters(t)
        elif isinstance(t, _GenericAlias):
            found = t.__parameters__
        elif isinstance(t, _Form) and t.__args__ is not None:
            found = _collect_parameters(t.__args__)
        else:
            found = ()
        for p in found:
            if p not in params:
                params.append(p)
    return tuple(params)


class Generic:
    """Base class of generic classes: `class Stack(Generic[T])`. `Generic[T]` and `Stack[int]` are
    `_GenericAlias` objects, whose __mro_entries__ make the bases; a class statement keeps the bases as
    written in `__orig_bases__` (_classhooks), from which `_finish_class` computes `__parameters__`."""

    def __class_getitem__(cls, params):
        if not isinstance(params, tuple):
            params = (params,)
        if cls is Generic or cls is Protocol:
            if not params:
                raise TypeError("Parameter list to %s[...] cannot be empty" % cls.__name__)
            if not all(isinstance(p, TypeVar) for p in params):
                raise TypeError(
                    "Parameters to %s[...] must all be type variables or parameter specification variables."
                    % cls.__name__
                )
            if len(set(params)) != len(params):
                raise TypeError("Parameters to %s[...] must all be unique" % cls.__name__)
        else:
            expected = len(cls.__parameters__)
            if not expected:
                raise TypeError("%r is not a generic class" % cls)
            if len(params) != expected:
                raise TypeError(
                    "Too %s arguments for %r; actual %d, expected %d"
                    % ("many" if len(params) > expected else "few", cls, len(params), expected)
                )
        return _GenericAlias(cls, params)


def _finish_generic(cls):
    # CPython's Generic.__init_subclass__: the type variables of the bases as written, or those of an
    # explicit Generic[...] base, which must list them all
    orig_bases = cls.__dict__.get("__orig_bases__")
    if orig_bases is None:
        if Generic in cls.__bases__:
            raise TypeError("Cannot inherit from plain Generic")
        cls.__parameters__ = ()
        return
    if Generic in orig_bases:
        raise TypeError("Cannot inherit from plain Generic")
    tvars = _collect_parameters(orig_bases)
    gvars = None
    for base in orig_bases:
        if isinstance(base, _GenericAlias) and base.__origin__ is Generic:
            if gvars is not None:
                raise TypeError("Cannot inherit from Generic[...] multiple types.")
            gvars = base.__parameters__
    if gvars is not None:
        missing = [t for t in tvars if t not in gvars]
        if missing:
            raise TypeError(
                "Some type variables (%s) are not listed in Generic[%s]"
                % (", ".join(str(t) for t in missing), ", ".join(str(g) for g in gvars))
            )
        tvars = gvars
    cls.__parameters__ = tvars


# What a class's __dict__ holds that is not a protocol member (CPython's EXCLUDED_ATTRIBUTES, and the
# __qualname__ the guest's class dicts also hold)
_NOT_MEMBERS = {
    "__parameters__", "__orig_bases__", "__orig_class__", "_is_protocol", "_is_runtime_protocol",
    "__abstractmethods__", "__annotations__", "__dict__", "__doc__", "__init__", "__module__", "__new__",
    "__slots__", "__subclasshook__", "__weakref__", "__class_getitem__", "_MutableMapping__marker",
    "__qualname__",
}  # fmt: skip


def _get_protocol_attrs(cls):
    attrs = set()
    for base in cls.__mro__[:-1]:  # not object
        if base.__name__ in ("Protocol", "Generic"):
            continue
        own = _own_dict(base)
        for attr in list(own) + list(own.get("__annotations__", {})):
            if not attr.startswith("_abc_") and attr not in _NOT_MEMBERS:
                attrs.add(attr)
    return attrs


def _is_callable_members_only(cls):
    return all(callable(getattr(cls, attr, None)) for attr in _get_protocol_attrs(cls))


def _check_runtime(cls):
    if not getattr(cls, "_is_runtime_protocol", False):
        raise TypeError("Instance and class checks can only be used with @runtime_checkable protocols")


class _ProtocolMeta(type):
    """Structural isinstance()/issubclass() against @runtime_checkable protocols, as CPython's."""

    def __instancecheck__(cls, instance):
        is_protocol = getattr(cls, "_is_protocol", False)
        if is_protocol:
            _check_runtime(cls)
        if (not is_protocol or _is_callable_members_only(cls)) and issubclass(type(instance), cls):
            return True
        if is_protocol and all(
            hasattr(instance, attr) and (not callable(getattr(cls, attr, None)) or getattr(instance, attr) is not None)
            for attr in _get_protocol_attrs(cls)
        ):
            return True
        return cls in type(instance).__mro__

    def __subclasscheck__(cls, other):
        if _own_dict(cls).get("_is_protocol", False):
            _check_runtime(cls)
            if not _is_callable_members_only(cls):
                raise TypeError("Protocols with non-method members don't support issubclass()")
            if not isinstance(other, type):
                raise TypeError("issubclass() arg 1 must be a class")
            if _has_members(cls, other):
                return True
        return cls in getattr(other, "__mro__", ())


def _has_members(cls, other):
    # CPython's _proto_hook: each member is in the __dict__ (not None) of a class of other's __mro__, or
    # annotated there when other is itself a protocol
    for attr in _get_protocol_attrs(cls):
        for base in other.__mro__:
            own = _own_dict(base)
            if attr in own:
                if own[attr] is None:
                    return False
                break
            if attr in own.get("__annotations__", {}) and issubclass(other, Generic) and other._is_protocol:
                break
        else:
            return False
    return True


def _no_init_or_replace_init(self, *args, **kwargs):
    # CPython's: a protocol cannot be instantiated; a concrete subclass runs the first __init__ of its
    # __mro__ that is not this one
    cls = type(self)
    if cls._is_protocol:
        raise TypeError("Protocols cannot be instantiated")
    if cls.__init__ is not _no_init_or_replace_init:
        return
    for base in cls.__mro__[:-1]:
        init = _own_dict(base).get("__init__", _no_init_or_replace_init)
        if init is not _no_init_or_replace_init:
            cls.__init__ = init
            init(self, *args, **kwargs)
            return
    # object.__init__ (not stored on the class: the guest cannot call it from there)
    if args or kwargs:
        raise TypeError(cls.__name__ + "() takes no arguments")


class Protocol(Generic, metaclass=_ProtocolMeta):
    """Base class of protocols (structural types); isinstance()/issubclass() check a
    @runtime_checkable protocol's members, as CPython's."""

    _is_protocol = True
    _is_runtime_protocol = False
    __parameters__ = ()

    def __init_subclass__(cls, *args, **kwargs):
        super().__init_subclass__(*args, **kwargs)
        if not _own_dict(cls).get("_is_protocol", False):
            cls._is_protocol = any(b is Protocol for b in cls.__bases__)
        if not cls._is_protocol:
            return
        for base in cls.__bases__:
            if not (base in (object, Generic) or issubclass(base, Generic) and base._is_protocol):
                raise TypeError("Protocols can only inherit from other protocols, got %r" % base)
        if "__init__" not in _own_dict(cls):
            cls.__init__ = _no_init_or_replace_init


def runtime_checkable(cls):
    if not (isinstance(cls, type) and issubclass(cls, Generic) and cls._is_protocol):
        raise TypeError("@runtime_checkable can be only applied to protocol classes, got %r" % cls)
    cls._is_runtime_protocol = True
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
    """`class Point(NamedTuple): x: int; y: int = 0` (with methods) and the functional form
    NamedTuple('Point', [('x', int), ('y', int)]): both make a collections.namedtuple class."""

    def __new__(cls, *args, __module__, **kwargs):
        if cls is not NamedTuple:
            raise TypeError("NamedTuple class was not built: " + cls.__name__)
        typename, fields = args[0], args[1] if len(args) > 1 else list(kwargs.items())
        nt = collections.namedtuple(typename, [f[0] for f in fields], module=__module__)
        nt.__annotations__ = dict(fields)
        return nt

    # the class's module is the caller's (a field name cannot start with an underscore)
    __new__ = _with_caller_module(__new__, "__module__")


def _own_dict(cls):
    try:
        return cls.__dict__
    except AttributeError:
        return {}


def _build_namedtuple(cls):
    """The class statement's finisher (see _classhooks) for direct subclasses of NamedTuple."""
    own = _own_dict(cls)
    annotations = dict(own.get("__annotations__", {}))
    names = list(annotations)
    defaults = {}
    for name in names:
        if name in own:
            defaults[name] = own[name]
        elif defaults:
            raise TypeError(
                "Non-default namedtuple field %s cannot follow default field%s %s"
                % (name, "s" if len(defaults) > 1 else "", ", ".join(defaults))
            )
    # the built-in namedtuple under collections.namedtuple takes the arguments (defaults, keywords) and
    # raises CPython's errors for them, naming the class
    base = collections.namedtuple(cls.__name__, names, defaults=list(defaults.values()) or None)
    members = {"__annotations__": annotations, "__qualname__": own.get("__qualname__", cls.__name__), "__slots__": ()}
    for key, value in own.items():
        if key not in names and key not in ("__annotations__", "__qualname__", "__dict__", "__slots__"):
            if key in ("_fields", "_make", "_replace", "_asdict", "_field_defaults"):
                raise AttributeError("Cannot overwrite NamedTuple attribute " + key)
            members[key] = value
    return type(cls.__name__, (base,), members)


class TypedDict:
    """Class-based (with `total=False`) and functional TypedDict; instances are plain dicts, as in
    CPython. The class has __annotations__, __total__, __required_keys__ and __optional_keys__."""

    def __new__(cls, *args, __module__, **kwargs):
        if cls is TypedDict:
            typename, fields = args[0], args[1] if len(args) > 1 else kwargs
            total = kwargs.pop("total", True) if len(args) > 1 else True
            namespace = {"__annotations__": dict(fields), "__module__": __module__}
            return _finish_typeddict(type(typename, (TypedDict,), namespace), total)
        return dict(*args, **kwargs)

    # the functional form's class is of the caller's module
    __new__ = _with_caller_module(__new__, "__module__")


_pending_total = []


def _total_keyword(bases, value):
    _pending_total.append(bool(value))
    return bases


def _finish_typeddict(cls, total):
    annotations = {}
    required = set()
    optional = set()
    for base in cls.__bases__:
        if base is not TypedDict and isinstance(base, type) and issubclass(base, TypedDict):
            annotations.update(base.__annotations__)
            required |= base.__required_keys__
            optional |= base.__optional_keys__
    own = _own_dict(cls).get("__annotations__", {})
    for name, tp in own.items():
        origin = tp.__origin__ if isinstance(tp, _Form) and tp.__args__ is not None else None
        if origin is Required or (origin is None and total and origin is not NotRequired):
            (required if origin is not NotRequired else optional).add(name)
        else:
            optional.add(name)
        annotations[name] = tp
    cls.__annotations__ = annotations
    cls.__total__ = total
    cls.__required_keys__ = frozenset(required)
    cls.__optional_keys__ = frozenset(optional)
    return cls


def _finish_class(cls):
    bases = getattr(cls, "__bases__", ())
    if NamedTuple in bases:
        return _build_namedtuple(cls)
    if TypedDict in bases or any(isinstance(b, type) and issubclass(b, TypedDict) for b in bases):
        total = _pending_total.pop() if _pending_total else True
        return _finish_typeddict(cls, total)
    if isinstance(cls, type) and issubclass(cls, Generic):
        _finish_generic(cls)
    return cls


import _classhooks  # noqa: E402  (the class statement's hooks: NamedTuple, TypedDict and Generic classes)

_classhooks.keyword_handlers["total"] = _total_keyword
_classhooks.finishers.append(_finish_class)


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


def _alias_repr(t):
    return "None" if t is None else _repr(t)


class _GenericAlias:
    """What `list[int]`, `dict[str, Row]` and `Stack[int]` make (CPython's types.GenericAlias): the
    guest's `type` subscription calls _class_getitem (patch 0071)."""

    def __init__(self, origin, args):
        self.__origin__ = origin
        self.__args__ = args if isinstance(args, tuple) else (args,)
        self.__parameters__ = _collect_parameters(self.__args__)

    def __repr__(self):
        return _repr(self.__origin__) + "[" + ", ".join(_alias_repr(a) for a in self.__args__) + "]"

    def __call__(self, *args, **kwargs):
        result = self.__origin__(*args, **kwargs)
        if self._is_user_generic():
            try:
                result.__orig_class__ = self
            except AttributeError:
                pass
        return result

    def _is_user_generic(self):
        # Stack[int] or Generic[T] (CPython's typing._GenericAlias), not list[int] (types.GenericAlias)
        return isinstance(self.__origin__, type) and issubclass(self.__origin__, Generic)

    def __mro_entries__(self, bases):
        # the class statement's base: the origin class; Generic[T] is left out beside Protocol or another
        # generic base, which bring Generic themselves
        if self.__origin__ is Generic:
            if Protocol in bases:
                return ()
            for b in bases[bases.index(self) + 1 :]:
                if isinstance(b, _GenericAlias) and b is not self:
                    return ()
        return (self.__origin__,)

    def __getattr__(self, name):
        return getattr(self.__origin__, name)

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        return self.__origin__ is other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash(self.__origin__) ^ hash(self.__args__)

    def __instancecheck__(self, obj):
        if self._is_user_generic():
            raise TypeError("Subscripted generics cannot be used with class and instance checks")
        raise TypeError("isinstance() argument 2 cannot be a parameterized generic")

    def __subclasscheck__(self, cls):
        if self._is_user_generic():
            raise TypeError("Subscripted generics cannot be used with class and instance checks")
        raise TypeError("issubclass() argument 2 cannot be a parameterized generic")

    def __or__(self, other):
        return _union(self, other)

    def __ror__(self, other):
        return _union(other, self)


_SUBSCRIPTABLE = (list, dict, tuple, set, frozenset, type)


def _class_getitem(cls, params):
    module = cls.__dict__.get("__module__") if hasattr(cls, "__dict__") else None
    if cls in _SUBSCRIPTABLE or module == "collections":
        return _GenericAlias(cls, params)
    raise TypeError("'type' object is not subscriptable")


class UnionType:
    """What `int | None` makes (CPython's types.UnionType)."""

    def __init__(self, args):
        self.__args__ = args

    def __repr__(self):
        return " | ".join("None" if a is type(None) else _alias_repr(a) for a in self.__args__)

    def __eq__(self, other):
        if not isinstance(other, UnionType):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))

    def __instancecheck__(self, obj):  # isinstance(x, int | None) (patch 0125)
        return isinstance(obj, self.__args__)

    def __subclasscheck__(self, cls):
        return issubclass(cls, self.__args__)

    def __or__(self, other):
        return _union(self, other)

    def __ror__(self, other):
        return _union(other, self)


def _union(a, b):
    """`a | b` for classes and aliases, as CPython: a UnionType, or typing.Union with a typing form."""
    if isinstance(a, (_Form, TypeVar)) or isinstance(b, (_Form, TypeVar)):
        return Union[a, b]
    members = []
    for t in (a, b):
        if t is None:
            t = type(None)
        if isinstance(t, UnionType):
            parts = t.__args__
        elif isinstance(t, (type, _GenericAlias)):
            parts = (t,)
        else:
            raise TypeError(
                "unsupported operand type(s) for |: '%s' and '%s'" % (type(a).__name__, type(b).__name__)
            )
        for m in parts:
            if m not in members:
                members.append(m)
    if len(members) == 1:
        return members[0]
    return UnionType(tuple(members))


def get_origin(tp):
    if isinstance(tp, _Form) and tp.__args__ is not None:
        return tp.__origin__
    if isinstance(tp, _GenericAlias):
        return tp.__origin__
    if isinstance(tp, UnionType):
        return UnionType
    if tp is Generic:
        return Generic
    return None


def get_args(tp):
    if isinstance(tp, (_GenericAlias, UnionType)) or isinstance(tp, _Form) and tp.__args__ is not None:
        return tp.__args__
    return ()


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    """The annotations of a class (its bases' first) or module, strings evaluated, None as NoneType."""
    if isinstance(obj, type):
        chain = []
        pending = [obj]
        while pending:
            c = pending.pop(0)
            if c not in chain:
                chain.append(c)
                pending.extend(getattr(c, "__bases__", ()))
        layers = [_own_dict(c).get("__annotations__", {}) for c in reversed(chain)]
    else:
        layers = [getattr(obj, "__annotations__", {})]
        if globalns is None:  # a function's string annotations name its module's globals
            globalns = getattr(obj, "__globals__", None)
    hints = {}
    for layer in layers:
        for name, value in layer.items():
            if isinstance(value, str):
                value = eval(value, globalns if globalns is not None else {}, localns)
            hints[name] = type(None) if value is None else value
    return hints


def is_typeddict(tp):
    return isinstance(tp, type) and issubclass(tp, TypedDict) and tp is not TypedDict
