"""`dataclasses` as CPython 3.11 documents it, written for this sandbox.

The fields come from the class's `__annotations__` (kept by the guest's compiler, patch 0070), in order,
after those of dataclass bases. Supported: `@dataclass` with and without arguments (`init`, `repr`, `eq`,
`order`, `unsafe_hash`, `frozen`, `match_args`, `kw_only`, `slots`), `field()` (`default`,
`default_factory`, `init`, `repr`, `hash`, `compare`, `metadata`, `kw_only`), `__post_init__`, `InitVar`,
`ClassVar`, `KW_ONLY`, `fields`, `asdict`, `astuple`, `replace`, `is_dataclass`, `make_dataclass`,
`FrozenInstanceError`, `MISSING`, with CPython's reprs and error messages.
Differences: the generated `__init__` takes `*args, **kwargs` and checks them itself (same messages);
names in messages are `__name__`, not
`__qualname__` (they differ for nested classes).
"""

import copy as _copy

__all__ = [
    "dataclass",
    "field",
    "Field",
    "FrozenInstanceError",
    "InitVar",
    "KW_ONLY",
    "MISSING",
    "fields",
    "asdict",
    "astuple",
    "make_dataclass",
    "replace",
    "is_dataclass",
]


class FrozenInstanceError(AttributeError):
    pass


class _MISSING_TYPE:
    def __repr__(self):
        return "<dataclasses._MISSING_TYPE object>"


MISSING = _MISSING_TYPE()


class _KW_ONLY_TYPE:
    def __repr__(self):
        return "<dataclasses._KW_ONLY_TYPE object>"


KW_ONLY = _KW_ONLY_TYPE()


class _FieldKind:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


_FIELD = _FieldKind("_FIELD")
_FIELD_CLASSVAR = _FieldKind("_FIELD_CLASSVAR")
_FIELD_INITVAR = _FieldKind("_FIELD_INITVAR")


class InitVar:
    """`x: InitVar[int]`: an argument of `__init__` passed on to `__post_init__`, not a field."""

    def __init__(self, type):
        self.type = type

    def __repr__(self):
        t = self.type
        name = t.__name__ if isinstance(t, type) else repr(t)
        return "dataclasses.InitVar[" + name + "]"

    def __class_getitem__(cls, type):
        return InitVar(type)


class Field:
    def __init__(self, default, default_factory, init, repr, hash, compare, metadata, kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = {} if metadata is None else metadata
        self.kw_only = kw_only
        self._field_type = None

    def __repr__(self):
        return (
            "Field(name=%r,type=%r,default=%r,default_factory=%r,init=%r,repr=%r,hash=%r,compare=%r,"
            "metadata=mappingproxy(%r),kw_only=%r,_field_type=%r)"
            % (
                self.name,
                self.type,
                self.default,
                self.default_factory,
                self.init,
                self.repr,
                self.hash,
                self.compare,
                self.metadata,
                self.kw_only,
                self._field_type,
            )
        )

    def __set_name__(self, owner, name):
        pass


def field(
    *,
    default=MISSING,
    default_factory=MISSING,
    init=True,
    repr=True,
    hash=None,
    compare=True,
    metadata=None,
    kw_only=MISSING,
):
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return Field(default, default_factory, init, repr, hash, compare, metadata, kw_only)


class _Params:
    def __init__(self, init, repr, eq, order, unsafe_hash, frozen):
        self.init = init
        self.repr = repr
        self.eq = eq
        self.order = order
        self.unsafe_hash = unsafe_hash
        self.frozen = frozen

    def __repr__(self):
        return "_DataclassParams(init=%r,repr=%r,eq=%r,order=%r,unsafe_hash=%r,frozen=%r)" % (
            self.init,
            self.repr,
            self.eq,
            self.order,
            self.unsafe_hash,
            self.frozen,
        )


_FIELDS = "__dataclass_fields__"
_PARAMS = "__dataclass_params__"


def _own(cls):
    try:
        return cls.__dict__
    except AttributeError:
        return {}


def _is_classvar(tp):
    if isinstance(tp, str):
        return tp.startswith("ClassVar") or tp.startswith("typing.ClassVar")
    try:
        import typing
    except ImportError:
        return False
    return tp is typing.ClassVar or (isinstance(tp, typing._Form) and tp._name == "ClassVar")


def _is_initvar(tp):
    if isinstance(tp, str):
        return tp.startswith("InitVar") or tp.startswith("dataclasses.InitVar")
    return tp is InitVar or isinstance(tp, InitVar)


def _is_kw_only(tp):
    return tp is KW_ONLY or isinstance(tp, str) and tp in ("KW_ONLY", "dataclasses.KW_ONLY")


def _hashable(value):
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _get_field(cls, name, tp, default_kw_only):
    default = _own(cls).get(name, MISSING)
    if isinstance(default, Field):
        f = default
    else:
        f = field(default=default)
    f.name = name
    f.type = tp
    f._field_type = _FIELD
    if _is_classvar(tp):
        f._field_type = _FIELD_CLASSVAR
    elif _is_initvar(tp):
        f._field_type = _FIELD_INITVAR
    if f._field_type in (_FIELD_CLASSVAR, _FIELD_INITVAR):
        if f.default_factory is not MISSING:
            raise TypeError("field " + name + " cannot have a default factory")
    if f._field_type in (_FIELD, _FIELD_INITVAR):
        if f.kw_only is MISSING:
            f.kw_only = default_kw_only
    else:
        if f.kw_only is not MISSING:
            raise TypeError("field " + name + " is a ClassVar but specifies kw_only")
    if f._field_type is _FIELD and f.default is not MISSING and not _hashable(f.default):
        raise ValueError(
            "mutable default "
            + repr(type(f.default))
            + " for field "
            + name
            + " is not allowed: use default_factory"
        )
    return f


def _set_new_attribute(cls, name, value):
    if name in _own(cls):
        return True
    setattr(cls, name, value)
    return False


def _join_names(names):
    quoted = ["'" + n + "'" for n in names]
    if len(quoted) == 1:
        return quoted[0]
    if len(quoted) == 2:
        return quoted[0] + " and " + quoted[1]
    return ", ".join(quoted[:-1]) + ", and " + quoted[-1]


def _make_init(cls, all_fields, frozen, has_post_init):
    init_fields = [f for f in all_fields if f._field_type in (_FIELD, _FIELD_INITVAR)]
    positional = [f for f in init_fields if f.init and not f.kw_only]
    keyword_only = [f for f in init_fields if f.init and f.kw_only]
    seen_default = False
    for f in positional:
        if f.default is MISSING and f.default_factory is MISSING:
            if seen_default:
                raise TypeError("non-default argument " + repr(f.name) + " follows default argument")
        else:
            seen_default = True
    accepted = set(f.name for f in positional + keyword_only)
    n_required = sum(1 for f in positional if f.default is MISSING and f.default_factory is MISSING)
    cls_name = cls.__name__

    def __init__(self, *args, **kwargs):
        where = cls_name + ".__init__()"
        if len(args) > len(positional):
            if n_required == len(positional):
                takes = str(len(positional) + 1)
            else:
                takes = "from %d to %d" % (n_required + 1, len(positional) + 1)
            raise TypeError(
                "%s takes %s positional argument%s but %d %s given"
                % (where, takes, "" if takes == "1" else "s", len(args) + 1, "was" if not args else "were")
            )
        values = {}
        for f, value in zip(positional, args):
            values[f.name] = value
        for name, value in kwargs.items():
            if name not in accepted:
                raise TypeError(where + " got an unexpected keyword argument " + repr(name))
            if name in values:
                raise TypeError(where + " got multiple values for argument " + repr(name))
            values[name] = value
        missing = [
            f.name
            for f in positional
            if f.name not in values and f.default is MISSING and f.default_factory is MISSING
        ]
        if missing:
            raise TypeError(
                "%s missing %d required positional argument%s: %s"
                % (where, len(missing), "" if len(missing) == 1 else "s", _join_names(missing))
            )
        missing = [
            f.name
            for f in keyword_only
            if f.name not in values and f.default is MISSING and f.default_factory is MISSING
        ]
        if missing:
            raise TypeError(
                "%s missing %d required keyword-only argument%s: %s"
                % (where, len(missing), "" if len(missing) == 1 else "s", _join_names(missing))
            )
        init_vars = []
        for f in init_fields:
            if f.init and f.name in values:
                value = values[f.name]
            elif f.default_factory is not MISSING:
                value = f.default_factory()
            elif f.default is not MISSING:
                value = f.default
            else:
                continue
            if f._field_type is _FIELD_INITVAR:
                init_vars.append(value)
            elif frozen:
                object.__setattr__(self, f.name, value)
            else:
                setattr(self, f.name, value)
        if has_post_init:
            self.__post_init__(*init_vars)

    return __init__


_repr_running = set()


def _make_repr(repr_fields):
    def __repr__(self):
        key = id(self)
        if key in _repr_running:
            return "..."
        _repr_running.add(key)
        try:
            parts = [f.name + "=" + repr(getattr(self, f.name)) for f in repr_fields]
        finally:
            _repr_running.discard(key)
        cls = type(self)
        return getattr(cls, "__qualname__", cls.__name__) + "(" + ", ".join(parts) + ")"

    return __repr__


def _values(obj, compare_fields):
    return tuple(getattr(obj, f.name) for f in compare_fields)


def _make_compare(compare_fields, op):
    def method(self, other):
        if other.__class__ is self.__class__:
            return op(_values(self, compare_fields), _values(other, compare_fields))
        return NotImplemented

    return method


def _make_hash(hash_fields):
    def __hash__(self):
        return hash(_values(self, hash_fields))

    return __hash__


def _frozen_setattr(cls, field_names):
    def __setattr__(self, name, value):
        if type(self) is cls or name in field_names:
            raise FrozenInstanceError("cannot assign to field " + repr(name))
        object.__setattr__(self, name, value)

    def __delattr__(self, name):
        if type(self) is cls or name in field_names:
            raise FrozenInstanceError("cannot delete field " + repr(name))
        object.__delattr__(self, name)

    return __setattr__, __delattr__


def _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only, slots, weakref_slot=False):
    all_fields = {}
    own = _own(cls)
    any_frozen_base = False
    has_dataclass_bases = False
    for base in reversed(cls.__mro__[1:]):
        base_fields = _own(base).get(_FIELDS)
        if base_fields is not None:
            has_dataclass_bases = True
            for f in base_fields.values():
                all_fields[f.name] = f
            if _own(base)[_PARAMS].frozen:
                any_frozen_base = True

    annotations = own.get("__annotations__", {})
    own_fields = []
    kw_only_seen = False
    for name, tp in annotations.items():
        if _is_kw_only(tp):
            if kw_only_seen:
                raise TypeError(repr_(name) + " is KW_ONLY, but KW_ONLY has already been specified")
            kw_only_seen = True
            kw_only = True
            continue
        own_fields.append(_get_field(cls, name, tp, kw_only))
    for f in own_fields:
        all_fields[f.name] = f
        if isinstance(own.get(f.name), Field):
            if f.default is MISSING:
                delattr(cls, f.name)
            else:
                setattr(cls, f.name, f.default)
    for name, value in own.items():
        if isinstance(value, Field) and name not in annotations:
            raise TypeError(repr_(name) + " is a field but has no type annotation")

    if has_dataclass_bases:
        if any_frozen_base and not frozen:
            raise TypeError("cannot inherit non-frozen dataclass from a frozen one")
        if not any_frozen_base and frozen and any(_own(b).get(_FIELDS) for b in cls.__mro__[1:]):
            raise TypeError("cannot inherit frozen dataclass from a non-frozen one")

    setattr(cls, _FIELDS, all_fields)
    setattr(cls, _PARAMS, _Params(init, repr, eq, order, unsafe_hash, frozen))
    field_list = [f for f in all_fields.values() if f._field_type is _FIELD]

    if init:
        has_post_init = hasattr(cls, "__post_init__")
        _set_new_attribute(cls, "__init__", _make_init(cls, list(all_fields.values()), frozen, has_post_init))
    if repr:
        _set_new_attribute(cls, "__repr__", _make_repr([f for f in field_list if f.repr]))
    compare_fields = [f for f in field_list if f.compare]
    if eq:
        _set_new_attribute(cls, "__eq__", _make_compare(compare_fields, lambda a, b: a == b))
    if order:
        if not eq:
            raise ValueError("eq must be true if order is true")
        for name, op in (
            ("__lt__", lambda a, b: a < b),
            ("__le__", lambda a, b: a <= b),
            ("__gt__", lambda a, b: a > b),
            ("__ge__", lambda a, b: a >= b),
        ):
            if _set_new_attribute(cls, name, _make_compare(compare_fields, op)):
                raise TypeError(
                    "Cannot overwrite attribute "
                    + name
                    + " in class "
                    + cls.__name__
                    + ". Consider using functools.total_ordering"
                )
    if frozen:
        setter, deleter = _frozen_setattr(cls, set(f.name for f in field_list))
        for name, method in (("__setattr__", setter), ("__delattr__", deleter)):
            if _set_new_attribute(cls, name, method):
                raise TypeError("Cannot overwrite attribute " + name + " in class " + cls.__name__)

    hash_fields = [f for f in field_list if (f.compare if f.hash is None else f.hash)]
    class_hash = own.get("__hash__", MISSING)
    has_explicit_hash = not (class_hash is MISSING or (class_hash is None and "__eq__" in own))
    if unsafe_hash:
        if has_explicit_hash:
            raise TypeError("Cannot overwrite attribute __hash__ in class " + cls.__name__)
        cls.__hash__ = _make_hash(hash_fields)
    elif eq and not has_explicit_hash:
        cls.__hash__ = _make_hash(hash_fields) if frozen else None

    if match_args:
        _set_new_attribute(
            cls,
            "__match_args__",
            tuple(f.name for f in all_fields.values() if f._field_type is _FIELD and f.init and not f.kw_only),
        )
    if slots:
        if "__slots__" in own:
            raise TypeError(cls.__name__ + " already specifies __slots__")
        cls = _add_slots(cls, field_list, weakref_slot)
    return cls


def _add_slots(cls, field_list, weakref_slot):
    # CPython's: a new class whose __slots__ are the fields not already slots of a base, from the class's
    # dict without the fields' defaults (which would conflict with the slots)
    cls_dict = dict(cls.__dict__)
    inherited = set()
    for base in cls.__mro__[1:-1]:
        names = base.__dict__.get("__slots__", ())
        inherited.update((names,) if isinstance(names, str) else names)
    names = [f.name for f in field_list] + (["__weakref__"] if weakref_slot else [])
    cls_dict["__slots__"] = tuple(n for n in names if n not in inherited)
    for name in [f.name for f in field_list] + ["__dict__", "__weakref__"]:
        cls_dict.pop(name, None)
    qualname = getattr(cls, "__qualname__", None)
    cls = type(cls)(cls.__name__, cls.__bases__, cls_dict)
    if qualname is not None:
        cls.__qualname__ = qualname
    return cls


def repr_(name):
    return repr(name)


def dataclass(
    cls=None,
    *,
    init=True,
    repr=True,
    eq=True,
    order=False,
    unsafe_hash=False,
    frozen=False,
    match_args=True,
    kw_only=False,
    slots=False,
    weakref_slot=False,
):
    def wrap(cls):
        if weakref_slot and not slots:
            raise TypeError("weakref_slot is True but slots is False")
        return _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only, slots, weakref_slot)

    if cls is None:
        return wrap
    return wrap(cls)


def fields(class_or_instance):
    try:
        found = getattr(class_or_instance, _FIELDS)
    except AttributeError:
        raise TypeError("must be called with a dataclass type or instance")
    return tuple(f for f in found.values() if f._field_type is _FIELD)


def _is_dataclass_instance(obj):
    return hasattr(type(obj), _FIELDS)


def is_dataclass(obj):
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, _FIELDS)


def _asdict_inner(obj, dict_factory):
    if _is_dataclass_instance(obj):
        return dict_factory([(f.name, _asdict_inner(getattr(obj, f.name), dict_factory)) for f in fields(obj)])
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        return type(obj)(*[_asdict_inner(v, dict_factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_asdict_inner(v, dict_factory) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_asdict_inner(k, dict_factory), _asdict_inner(v, dict_factory)) for k, v in obj.items())
    return _copy.deepcopy(obj)


def asdict(obj, *, dict_factory=dict):
    if not _is_dataclass_instance(obj):
        raise TypeError("asdict() should be called on dataclass instances")
    return _asdict_inner(obj, dict_factory)


def _astuple_inner(obj, tuple_factory):
    if _is_dataclass_instance(obj):
        return tuple_factory([_astuple_inner(getattr(obj, f.name), tuple_factory) for f in fields(obj)])
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        return type(obj)(*[_astuple_inner(v, tuple_factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_astuple_inner(v, tuple_factory) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_astuple_inner(k, tuple_factory), _astuple_inner(v, tuple_factory)) for k, v in obj.items())
    return _copy.deepcopy(obj)


def astuple(obj, *, tuple_factory=tuple):
    if not _is_dataclass_instance(obj):
        raise TypeError("astuple() should be called on dataclass instances")
    return _astuple_inner(obj, tuple_factory)


def replace(obj, **changes):
    if not _is_dataclass_instance(obj):
        raise TypeError("replace() should be called on dataclass instances")
    for f in getattr(obj, _FIELDS).values():
        if f._field_type is _FIELD_CLASSVAR:
            continue
        if not f.init:
            if f.name in changes:
                raise ValueError(
                    "field " + f.name + " is declared with init=False, it cannot be specified with replace()"
                )
            continue
        if f.name not in changes:
            if f._field_type is _FIELD_INITVAR and f.default is MISSING:
                raise ValueError("InitVar " + repr(f.name) + " must be specified with replace()")
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)


def make_dataclass(cls_name, fields, *, bases=(), namespace=None, **options):
    namespace = dict(namespace or {})
    annotations = {}
    for item in fields:
        if isinstance(item, str):
            name, tp = item, "typing.Any"
        elif len(item) == 2:
            name, tp = item
        else:
            name, tp, spec = item
            namespace[name] = spec
        annotations[name] = tp
    namespace["__annotations__"] = annotations
    # CPython 3.11 makes the class with types.new_class, so its __module__ is 'types' unless given
    namespace.setdefault("__module__", "types")
    cls = type(cls_name, tuple(bases), namespace)
    return dataclass(cls, **options)
