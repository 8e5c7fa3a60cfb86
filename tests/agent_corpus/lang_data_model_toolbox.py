import copy
import functools
from functools import lru_cache, partial, total_ordering, singledispatch, cached_property, reduce, wraps

class Temperature:
    __slots__ = ("_celsius",)
    def __init__(self, c):
        self._celsius = c
    @property
    def celsius(self):
        return self._celsius
    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError("below absolute zero")
        self._celsius = v
    @property
    def fahrenheit(self):
        return self._celsius * 9 / 5 + 32
    def __repr__(self):
        return f"Temperature({self._celsius!r})"
    def __format__(self, spec):
        if spec.endswith("F"):
            return format(self.fahrenheit, spec[:-1] + "f") + "°F"
        return format(self._celsius, spec or "") + "°C"

t = Temperature(21.5)
print(t, f"{t:.1F}", f"{t:.2f}", f"{t}", format(t, ""), str(t))
try:
    t.other = 1
except AttributeError as e:
    print("AttributeError:", e)
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError:", e)
print(Temperature.__slots__, hasattr(t, "__dict__"))

class Typed:
    def __init__(self, kind):
        self.kind = kind
    def __set_name__(self, owner, name):
        self.name = "_" + name
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name, None)
    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError(f"{self.name[1:]} must be {self.kind.__name__}, got {type(value).__name__}")
        setattr(obj, self.name, value)

class Product:
    name = Typed(str)
    price = Typed(float)
    def __init__(self, name, price):
        self.name = name
        self.price = price
    def __eq__(self, other):
        if not isinstance(other, Product):
            return NotImplemented
        return (self.name, self.price) == (other.name, other.price)
    def __hash__(self):
        return hash((self.name, self.price))
    def __repr__(self):
        return f"Product({self.name!r}, {self.price})"

p = Product("pen", 1.5)
try:
    Product("x", 3)
except TypeError as e:
    print("TypeError:", e)
print(p == Product("pen", 1.5), p != Product("pen", 2.0), p == 3, len({p, Product("pen", 1.5)}))
print(type(Product.name).__name__, Product.__dict__["price"].name)

class Config:
    def __init__(self, **kw):
        self._data = kw
    def __getattr__(self, name):
        try:
            return self._data[name]
        except KeyError:
            raise AttributeError(f"'Config' object has no attribute '{name}'") from None
    def __contains__(self, k):
        return k in self._data
    def __len__(self):
        return len(self._data)
    def __bool__(self):
        return bool(self._data)
    def __iter__(self):
        return iter(sorted(self._data))
    def __getitem__(self, k):
        return self._data[k]

c = Config(debug=True, level=3)
print(c.debug, c.level, "debug" in c, len(c), bool(Config()), list(c), dict((k, c[k]) for k in c))
try:
    c.missing
except AttributeError as e:
    print("AttributeError:", e)
print(getattr(c, "nope", "default"))

@total_ordering
class Version:
    def __init__(self, s):
        self.parts = tuple(int(x) for x in s.split("."))
    def __eq__(self, o):
        return self.parts == o.parts
    def __lt__(self, o):
        return self.parts < o.parts
    def __repr__(self):
        return "Version(%r)" % ".".join(map(str, self.parts))

vs = [Version("1.10.0"), Version("1.2.3"), Version("1.2.10")]
print(sorted(vs), max(vs), Version("1.0") >= Version("0.9"), Version("2.0") <= Version("1.0"))

@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print(fib(80), fib.cache_info())
fib.cache_clear()
print(fib.cache_info())

@singledispatch
def show(x):
    return f"object {x!r}"
@show.register
def _(x: int):
    return f"int {x}"
@show.register(list)
def _(x):
    return "list of " + ", ".join(show(i) for i in x)
print(show(3), show("s"), show([1, "a"]), show(True))

class Report:
    def __init__(self, rows):
        self.rows = rows
    @cached_property
    def total(self):
        print("computing")
        return sum(self.rows)
r = Report([1, 2, 3])
print(r.total, r.total, r.__dict__)

def log(fn):
    @wraps(fn)
    def inner(*a, **k):
        return fn(*a, **k)
    return inner

@log
def add(a, b=2):
    "Add things."
    return a + b
print(add(1), add.__name__, add.__doc__, add.__wrapped__(5))
pow2 = partial(pow, exp=2)
print(pow2(7), pow2, partial(add, b=10)(1))
print(reduce(lambda a, b: a * b, range(1, 10)), reduce(lambda a, b: a + b, [], 0))

class Node:
    def __init__(self, val, children=None):
        self.val = val
        self.children = children or []
    def __repr__(self):
        return f"Node({self.val}, {self.children})"
tree = Node(1, [Node(2), Node(3, [Node(4)])])
shallow = copy.copy(tree)
deep = copy.deepcopy(tree)
tree.children[0].val = 99
print(shallow, deep, shallow.children is tree.children, deep.children[1] is tree.children[1])

class Money:
    def __init__(self, cents):
        self.cents = cents
    def __add__(self, o):
        if isinstance(o, Money):
            return Money(self.cents + o.cents)
        if isinstance(o, int):
            return Money(self.cents + o)
        return NotImplemented
    __radd__ = __add__
    def __mul__(self, k):
        return Money(self.cents * k)
    def __rmul__(self, k):
        return self * k
    def __neg__(self):
        return Money(-self.cents)
    def __abs__(self):
        return Money(abs(self.cents))
    def __truediv__(self, k):
        return Money(round(self.cents / k))
    def __iadd__(self, o):
        self.cents += o.cents
        return self
    def __str__(self):
        return f"${self.cents / 100:,.2f}"
    def __repr__(self):
        return f"Money({self.cents})"
print(sum([Money(150), Money(275)]), 3 * Money(99), -Money(5), abs(Money(-7)), Money(1000) / 3)
m = Money(1); m += Money(2); print(repr(m))
try:
    Money(1) + "x"
except TypeError as e:
    print("TypeError:", e)
print(f"{Money(123456789)}", str(Money(5)), [Money(1)], "%s|%r" % (Money(2), Money(3)))
