"""CPython's `enum`: Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique, EnumType (EnumMeta), the functional API
(`Enum('Color', 'RED GREEN')`, with `type=int` for an int mix-in).

EnumType is the metaclass of Enum (patch 0271), so `class Color(Enum)` makes a class whose metaclass is EnumType:
its __new__ turns the plain values of the class body into members, instances of the class itself
(`type(Color.RED) is Color`, `<enum 'Color'>`), and its methods give iteration, len(), `Color['RED']`,
`Color(1)`, `in`, `Color.__members__` and the class's repr.
Differences:
- A class's `_order_ = 'A B C'` puts the members in that order; CPython only checks it against the
  definition order (the order members otherwise come in, here too).
- Flag and IntFlag follow CPython 3.11's default boundaries (STRICT and KEEP); FlagBoundary,
  `boundary=` and the other boundaries are not supported.
- Not supported: member()/nonmember(), verify(), pickling, `__init_subclass__`, the functional API on
  IntEnum/StrEnum/Flag (use `Enum(name, names, type=int)`).
"""

from types import MappingProxyType as _MappingProxy

from _callermodule import wrap as _with_caller_module


class auto:
    """A value chosen for the member: 1, 2, 3... (the last int value + 1); the lower-case member
    name in a StrEnum; or what the class's `_generate_next_value_` returns."""


def _is_member_value(name, value):
    if name[:1] == "_":
        return False
    if isinstance(value, (type, property, classmethod, staticmethod)) or type(value) is type(_is_member_value):
        return False
    return True


def _native_base(cls):
    for native in (int, str, float, bytes, tuple):
        if issubclass(cls, native):
            return native
    return None


def _provider(cls, name):
    """The class whose `name` an instance of cls uses (depth-first, as MicroPython looks it up)."""
    todo = [cls]
    while todo:
        c = todo.pop(0)
        if c in (int, str, float, bytes, tuple, object):
            return c
        if name in c.__dict__:
            return c
        todo[0:0] = list(c.__bases__)
    return None


def _find_data_type(cls):
    """The type whose instances the members are (CPython's EnumType._find_data_type_): an enum base's, else
    the first base in each base's __mro__ that is built in or defines __new__ or __init__ (or the class
    before it in that __mro__), else object."""
    data_types = []
    for chain in cls.__bases__:
        candidate = None
        for base in chain.__mro__:
            if base is object:
                continue
            if isinstance(base, EnumType):
                if base._member_type_ is not object:
                    data_types.append(base._member_type_)
                    break
            elif base.__module__ == "builtins" or "__new__" in base.__dict__ or "__init__" in base.__dict__:
                data_types.append(candidate or base)
                break
            else:
                candidate = candidate or base
    kinds = []
    for t in data_types:
        if t not in kinds:
            kinds.append(t)
    if len(kinds) > 1:
        raise TypeError("too many data types for %r: %r" % (cls.__name__, set(kinds)))
    return kinds[0] if kinds else object


def _find_new(cls, member_type):
    """The __new__ that makes the members, and whether it is given the value (CPython's _find_new_): one an
    enum class or the data type defines, else the built-in data type's, else object's (without the value)."""
    for c in cls.__mro__:
        if c is Enum or c is object:
            continue
        if "__new__" in c.__dict__:
            return c.__new__, True
    if member_type.__module__ == "builtins" and member_type is not object:
        return member_type.__new__, True
    return object.__new__, False


def _finish(cls):
    """Turn the plain values of the body of an Enum subclass into members, as CPython 3.11 does: the value
    (a tuple: its items) goes to the __new__ _find_new picks, then `_value_` is what that __new__ set, else
    the data type called with the value (`class P(float, Enum): A = '1.5'` has the value 1.5), then the
    member's __init__ gets the value; a member whose `_value_` equals an earlier one's is that member."""
    member_type = _find_data_type(cls)
    cls._member_type_ = member_type
    ignore = cls.__dict__.get("_ignore_", ())
    if isinstance(ignore, str):
        ignore = ignore.replace(",", " ").split()
    raw = [
        (name, value)
        for name, value in cls.__dict__.items()
        if _is_member_value(name, value) and name not in ignore
    ]
    if not raw:
        return
    order = None
    declared = cls.__dict__.get("_order_")
    if declared is not None:
        order = declared.replace(",", " ").split() if isinstance(declared, str) else list(declared)
    if order is not None:
        position = {name: i for i, name in enumerate(order)}
        raw.sort(key=lambda item: position.get(item[0], len(position)))
    new, use_args = _find_new(cls, member_type)
    generate = cls._generate_next_value_
    members = []
    member_map = {}
    by_value = {}
    last_values = []
    for count, (name, value) in enumerate(raw):
        if isinstance(value, auto):
            value = generate(name, 1, count, last_values[:])
        last_values.append(value)
        args = value if isinstance(value, tuple) else (value,)
        if member_type is tuple:
            args = (args,)
        member = new(cls, *args) if use_args else new(cls)
        if not hasattr(member, "_value_"):
            if member_type is object:
                member._value_ = value
            else:
                try:
                    member._value_ = member_type(*args)
                except Exception as exc:
                    raise TypeError("_value_ not set in __new__, unable to create it") from exc
        value = member._value_
        member._name_ = name
        member.__init__(*args)
        canonical = None
        for m in members:
            if m._value_ == value:
                canonical = m
                break
        if canonical is not None:
            member_map[name] = canonical
            setattr(cls, name, canonical)
            continue
        members.append(member)
        member_map[name] = member
        try:
            by_value[value] = member
        except TypeError:
            pass
        setattr(cls, name, member)
    cls._member_list_ = members
    cls._member_map_ = member_map
    cls._member_names_ = [m._name_ for m in members]
    cls._value2member_map_ = by_value
    native = _native_base(cls)
    if native is not None:
        for name, op in _MIXIN_OPS.items():
            if _provider(cls, name) is native:
                setattr(cls, name, op)


class _EnumDict(dict):
    """The namespace an enum's class body runs in (EnumType.__prepare__): a member assigned auto() gets
    its value at once, as in CPython, so the body can use it (`ADMIN = READ | WRITE` in a Flag); a member
    name assigned twice is CPython's TypeError."""

    def __init__(self, generate):
        super().__init__()
        self._generate = generate
        self._member_names = []
        self._last_values = []
        self._ignore = ()

    def __setitem__(self, key, value):
        if key in self._member_names:
            raise TypeError("%r already defined as %r" % (key, self[key]))
        if key == "_generate_next_value_":
            self._generate = getattr(value, "__func__", value)
        elif key == "_ignore_":
            self._ignore = value.replace(",", " ").split() if isinstance(value, str) else list(value)
        elif _is_member_value(key, value) and key not in self._ignore:
            if isinstance(value, auto):
                value = self._generate(key, 1, len(self._member_names), self._last_values[:])
            self._member_names.append(key)
            self._last_values.append(value)
        super().__setitem__(key, value)


class EnumType(type):
    """The metaclass of Enum and its subclasses."""

    @classmethod
    def __prepare__(metacls, name, bases, **kwargs):
        generate = None
        for base in bases:
            if isinstance(base, EnumType):
                generate = base._generate_next_value_
        return _EnumDict(generate)

    def __new__(mcls, name, bases, namespace, **kwargs):
        kwargs.pop("boundary", None)
        for base in bases:
            # `class Shade(Color)` where Color has members
            if isinstance(base, EnumType) and base.__dict__.get("_member_list_"):
                kind = "flag" if issubclass(base, Flag) else "enum"
                raise TypeError("<%s %r> cannot extend %s" % (kind, name, _class_repr(base)))
        cls = super().__new__(mcls, name, bases, namespace, **kwargs)
        if any(isinstance(base, EnumType) for base in bases):
            _finish(cls)
        return cls

    def __call__(cls, value, names=None, *, module=None, qualname=None, type=None, start=1, boundary=None):
        if names is None:
            if cls.__dict__.get("_member_list_"):
                return _lookup(cls, value)
            raise ValueError("%r is not a valid %s" % (value, cls.__name__))
        if cls.__dict__.get("_member_list_"):
            raise TypeError("%s has members: it cannot be used to create an enum" % _class_repr(cls))
        return _functional(cls, value, names, module, qualname, type, start)

    # module=None is the caller's module, as CPython's sys._getframe(2) lookup gives
    __call__ = _with_caller_module(__call__, "module")

    def __setattr__(cls, name, value):
        if name in cls.__dict__.get("_member_map_", ()):
            raise AttributeError("cannot reassign member %r" % name)
        super().__setattr__(name, value)

    def __delattr__(cls, name):
        if name in cls.__dict__.get("_member_map_", ()):
            raise AttributeError("%r cannot delete member %r." % (cls.__name__, name))
        super().__delattr__(name)

    def _new_member_(cls, *args):
        # an instance made as calling a class without this metaclass makes one (the mix-in's constructor
        # and the enum's __init__)
        return super().__call__(*args)

    def __iter__(cls):
        if issubclass(cls, Flag):  # a Flag class iterates over its single-bit members
            return iter(_flag_parts(cls, _flag_mask(cls))[0])
        return iter(cls._member_list_)

    def __reversed__(cls):
        return reversed(cls._member_list_)

    def __len__(cls):
        return len(list(EnumType.__iter__(cls)))  # cls.__iter__ is the members' own (Flag)

    def __contains__(cls, value):
        if not isinstance(value, Enum):
            raise TypeError(
                "unsupported operand type(s) for 'in': '%s' and '%s'"
                % (type(value).__name__, type(cls).__name__)
            )
        return isinstance(value, cls) and value._name_ in cls._member_map_

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __bool__(cls):
        return True

    def __repr__(cls):
        return _class_repr(cls)

    @property
    def __members__(cls):
        return _MappingProxy(cls._member_map_)


EnumMeta = EnumType


class Enum(metaclass=EnumType):
    """Base class of enumerations."""

    _member_list_ = []
    _member_map_ = {}
    _value2member_map_ = {}
    _member_type_ = object

    def __init__(self, *args, **kwds):
        pass

    name = property(lambda self: self._name_)
    value = property(lambda self: self._value_)

    def __repr__(self):
        return "<%s.%s: %r>" % (type(self).__name__, self._name_, self._value_)

    def __str__(self):
        return "%s.%s" % (type(self).__name__, self._name_)

    def __format__(self, format_spec):
        return format(str(self), format_spec)

    @classmethod
    def _missing_(cls, value):
        return None

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        # CPython 3.11's: the last value + 1 when it is the largest, else (CPython also warns that 3.13
        # will take the largest) the last value that takes + 1, plus 1, else start
        if not last_values:
            return start
        try:
            last = last_values[-1]
            if last == sorted(last_values)[-1]:
                return last + 1
        except TypeError:
            pass
        for v in reversed(last_values):
            try:
                return v + 1
            except TypeError:
                pass
        return start


def _value_of(x):
    return x._value_ if isinstance(x, Enum) else x


def _mixin_ops():
    # Operators for members of int/str mix-in enums. MicroPython applies the built-in type's operator
    # to the member's int/str part but not to a member on the other side (IntEnum < IntEnum).
    ops = {}
    for name, op in (
        ("__eq__", lambda a, b: a == b),
        ("__ne__", lambda a, b: a != b),
        ("__lt__", lambda a, b: a < b),
        ("__le__", lambda a, b: a <= b),
        ("__gt__", lambda a, b: a > b),
        ("__ge__", lambda a, b: a >= b),
        ("__add__", lambda a, b: a + b),
        ("__sub__", lambda a, b: a - b),
        ("__mul__", lambda a, b: a * b),
        ("__truediv__", lambda a, b: a / b),
        ("__floordiv__", lambda a, b: a // b),
        ("__mod__", lambda a, b: a % b),
        ("__pow__", lambda a, b: a**b),
        ("__and__", lambda a, b: a & b),
        ("__or__", lambda a, b: a | b),
        ("__xor__", lambda a, b: a ^ b),
        ("__lshift__", lambda a, b: a << b),
        ("__rshift__", lambda a, b: a >> b),
    ):
        ops[name] = (lambda op: lambda self, other: op(self._value_, _value_of(other)))(op)
        if name not in ("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"):
            ops["__r" + name[2:]] = (lambda op: lambda self, other: op(_value_of(other), self._value_))(op)
    ops["__hash__"] = lambda self: hash(self._value_)
    ops["__repr__"] = Enum.__repr__
    ops["__str__"] = Enum.__str__
    ops["__format__"] = Enum.__format__
    return ops


def _format_value(self, format_spec):
    # the __format__ of IntEnum, StrEnum and IntFlag (CPython's ReprEnum): the data type's, of the value
    return format(self._value_, format_spec)


_MIXIN_OPS = _mixin_ops()


class IntEnum(int, Enum):
    """Members are ints (and compare equal to them)."""

    def __str__(self):
        return str(self._value_)

    __format__ = _format_value


class StrEnum(str, Enum):
    """Members are strs; auto() gives the lower-case member name."""

    def __new__(cls, *values):
        # CPython 3.11's: the value must be a str (or bytes with an encoding and errors)
        if len(values) > 3:
            raise TypeError("too many arguments for str(): %r" % (values,))
        if len(values) == 1 and not isinstance(values[0], str):
            raise TypeError("%r is not a string" % (values[0],))
        if len(values) >= 2 and not isinstance(values[1], str):
            raise TypeError("encoding must be a string, not %r" % (values[1],))
        if len(values) == 3 and not isinstance(values[2], str):
            raise TypeError("errors must be a string, not %r" % (values[2]))
        value = str(*values)
        member = str.__new__(cls, value)
        member._value_ = value
        return member

    def __str__(self):
        return self._value_

    __format__ = _format_value

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()


for _cls in (IntEnum, StrEnum):
    for _name, _op in _MIXIN_OPS.items():
        if _name not in _cls.__dict__:
            setattr(_cls, _name, _op)
del _cls, _name, _op


class ReprEnum(Enum):
    pass


class Flag(Enum):
    """Members combine with |, &, ^ and ~ into flags of the same class; auto() gives powers of two.
    A value with bits no member has is a ValueError (CPython's STRICT boundary)."""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not count:
            return start if start is not None else 1
        return 2 ** max(last_values).bit_length()

    @classmethod
    def _missing_(cls, value):
        return _flag_member(cls, value)

    def __repr__(self):
        if self._name_ is None:
            return "<%s: %r>" % (type(self).__name__, self._value_)
        return "<%s.%s: %r>" % (type(self).__name__, self._name_, self._value_)

    def __str__(self):
        if self._name_ is None:
            return "%s(%r)" % (type(self).__name__, self._value_)
        return "%s.%s" % (type(self).__name__, self._name_)

    def __bool__(self):
        return bool(self._value_)

    def __contains__(self, other):
        if not isinstance(other, type(self)):
            raise TypeError(
                "unsupported operand type(s) for 'in': '%s' and '%s'"
                % (type(other).__name__, type(self).__name__)
            )
        return other._value_ & self._value_ == other._value_

    def __iter__(self):
        return iter(_flag_parts(type(self), self._value_)[0])

    def __len__(self):
        return bin(self._value_).count("1")

    def __hash__(self):
        return hash(self._value_)

    def __or__(self, other):
        return _flag_op(self, other, "|", lambda a, b: a | b)

    def __and__(self, other):
        return _flag_op(self, other, "&", lambda a, b: a & b)

    def __xor__(self, other):
        return _flag_op(self, other, "^", lambda a, b: a ^ b)

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__

    def __invert__(self):
        plain = type(self)
        return _flag_member(plain, _flag_mask(plain) & ~self._value_)


class IntFlag(int, Flag):
    """A Flag whose members are ints: they combine with ints too, and keep bits no member has
    (CPython's KEEP boundary)."""

    def __str__(self):
        return str(self._value_)

    __format__ = _format_value

    # Flag's methods again, in this class's own dict: an enum with an int mix-in otherwise takes them
    # from int (see _finish). Flag's operators take ints too when the class is an int.
    __repr__ = Flag.__repr__
    __bool__ = Flag.__bool__
    __contains__ = Flag.__contains__
    __iter__ = Flag.__iter__
    __len__ = Flag.__len__
    __hash__ = Flag.__hash__
    __or__ = __ror__ = Flag.__or__
    __and__ = __rand__ = Flag.__and__
    __xor__ = __rxor__ = Flag.__xor__
    __invert__ = Flag.__invert__


for _name, _op in _MIXIN_OPS.items():
    if _name not in IntFlag.__dict__ and _name not in Flag.__dict__:
        setattr(IntFlag, _name, _op)
del _name, _op


def _flag_op(self, other, symbol, op):
    plain = type(self)
    if isinstance(other, plain):
        value = other._value_
    elif isinstance(other, int) and not isinstance(other, Enum) and issubclass(plain, int):
        value = other
    else:
        raise TypeError(
            "unsupported operand type(s) for %s: '%s' and '%s'" % (symbol, plain.__name__, type(other).__name__)
        )
    return _flag_member(plain, op(self._value_, value))


def _flag_mask(plain):
    mask = 0
    for member in plain._member_list_:
        mask |= member._value_
    return mask


def _flag_parts(plain, value):
    """The single-bit members whose bits make `value`, in definition order, and the bits left over."""
    parts = []
    for member in plain._member_list_:
        v = member._value_
        if v and v & (v - 1) == 0 and value & v:
            parts.append(member)
            value &= ~v
    return parts, value


def _flag_member(plain, value):
    """The member of a Flag class for `value`: a defined one, else a composite made (and kept) on demand."""
    if not isinstance(value, int):
        raise ValueError("%r is not a valid %s" % (value, plain.__name__))
    member = plain._value2member_map_.get(value)
    if member is not None:
        return member
    parts, rest = _flag_parts(plain, value)
    if rest and not issubclass(plain, int):
        mask = _flag_mask(plain)
        width = max(value.bit_length(), mask.bit_length())
        raise ValueError(
            "%s invalid value %r\n    given 0b0 %s\n  allowed 0b0 %s"
            % (_class_repr(plain), value, _bits(value, width), _bits(mask, width))
        )
    names = [m._name_ for m in parts]
    if rest:
        names.append(str(rest))
    member = plain._new_member_(value) if issubclass(plain, int) else object.__new__(plain)
    member._name_ = "|".join(names) if names else None
    member._value_ = value
    plain._value2member_map_[value] = member
    return member


def _bits(value, width):
    text = bin(value)[2:]
    return "0" * (width - len(text)) + text




def _class_repr(plain):
    # what repr() of an Enum class shows
    return "<%s %r>" % ("flag" if issubclass(plain, Flag) else "enum", plain.__name__)


def _lookup(plain, value):
    if isinstance(value, Enum) and type(value) is plain:
        return value
    try:
        member = plain._value2member_map_.get(value)
    except TypeError:  # unhashable value
        member = None
        for m in plain._member_list_:
            if m._value_ == value:
                member = m
                break
    if member is not None:
        return member
    # CPython 3.11's: what _missing_ returns if it is a member; its exception, or a TypeError for another
    # result, has the ValueError as its context
    exc = None
    try:
        result = plain._missing_(value)
    except Exception as e:
        exc = e
        result = None
    if isinstance(result, plain):
        return result
    ve_exc = ValueError("%r is not a valid %s" % (value, plain.__qualname__))
    if result is None and exc is None:
        raise ve_exc
    if exc is None:
        exc = TypeError(
            "error in %s._missing_: returned %r instead of None or a valid member" % (plain.__name__, result)
        )
    if not isinstance(exc, ValueError):
        exc.__context__ = ve_exc
    raise exc


def _functional(cls, name, names, module, qualname, type, start):
    if isinstance(names, str):
        names = names.replace(",", " ").split()
    if isinstance(names, dict):
        items = list(names.items())
    else:
        items = [item if isinstance(item, (tuple, list)) else (item, None) for item in names]
    generate = cls._generate_next_value_
    namespace = {"__module__": module}
    if qualname is not None:
        namespace["__qualname__"] = qualname
    last = []
    for count, (member, v) in enumerate(items):
        if v is None:
            v = generate(member, start, count, last[:])
        last.append(v)
        namespace[member] = v
    return EnumType(name, (cls,) if type is None else (type, cls), namespace)


def unique(enumeration):
    """Class decorator: ValueError if any member has an alias."""
    duplicates = [
        (name, member._name_) for name, member in enumeration.__members__.items() if name != member._name_
    ]
    if duplicates:
        details = ", ".join("%s -> %s" % pair for pair in duplicates)
        raise ValueError("duplicate values found in %s: %s" % (_class_repr(enumeration), details))
    return enumeration
