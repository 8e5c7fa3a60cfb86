class Lazy:
    def __init__(self, fn):
        self.fn = fn
        self.name = fn.__name__
    def __set_name__(self, owner, name):
        self.attr = "_" + name
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        if not hasattr(obj, self.attr):
            print(f"computing {self.name}")
            setattr(obj, self.attr, self.fn(obj))
        return getattr(obj, self.attr)
class Typed:
    def __init__(self, kind):
        self.kind = kind
    def __set_name__(self, owner, name):
        self.name = name
    def __get__(self, obj, objtype=None):
        return obj.__dict__.get(self.name)
    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError(f"{self.name} must be {self.kind.__name__}, got {type(value).__name__}")
        obj.__dict__[self.name] = value
class Report:
    title = Typed(str)
    pages = Typed(int)
    def __init__(self, title, pages):
        self.title = title
        self.pages = pages
    @Lazy
    def summary(self):
        return f"{self.title} ({self.pages}p)"
    def __getattr__(self, name):
        if name.startswith("is_"):
            return False
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
r = Report("Q3", 12)
print(r.summary, r.summary, r.is_draft, Report.summary.name, vars(r))
try:
    r.pages = "many"
except TypeError as e:
    print(e)
try:
    r.missing
except AttributeError as e:
    print(e)
class Matrix:
    def __init__(self, rows):
        self.rows = rows
    def __getitem__(self, idx):
        if isinstance(idx, tuple):
            i, j = idx
            return self.rows[i][j]
        return self.rows[idx]
    def __setitem__(self, idx, v):
        i, j = idx
        self.rows[i][j] = v
    def __matmul__(self, other):
        return Matrix([[sum(a * b for a, b in zip(r, c)) for c in zip(*other.rows)] for r in self.rows])
    def __iadd__(self, k):
        self.rows = [[x + k for x in r] for r in self.rows]
        return self
    def __len__(self):
        return len(self.rows)
    def __eq__(self, o):
        return self.rows == o.rows
    def __repr__(self):
        return "Matrix(" + repr(self.rows) + ")"
    def __call__(self, v):
        return [sum(a * b for a, b in zip(r, v)) for r in self.rows]
    def __format__(self, spec):
        return "\n".join(" ".join(format(x, spec) for x in r) for r in self.rows)
m = Matrix([[1, 2], [3, 4]])
m[0, 1] = 5
print(m[1, 0], m[0], m[-1][::-1], len(m), m @ m, m([1, 1]))
m += 1
print(m, m == Matrix([[2, 6], [4, 5]]))
print(f"{m:>4}")
class Counter:
    count = 0
    def __init_subclass__(cls, prefix="", **kw):
        super().__init_subclass__(**kw)
        cls.prefix = prefix
    def __init__(self):
        type(self).count += 1
        self.id = f"{self.prefix}{type(self).count}"
class Order(Counter, prefix="ORD-"): pass
class Invoice(Counter, prefix="INV-"): pass
print([Order().id for _ in range(2)], Invoice().id, Counter.count, Order.count)
class Seq:
    def __init__(self, n): self.n = n
    def __iter__(self): self.i = 0; return self
    def __next__(self):
        if self.i >= self.n: raise StopIteration
        self.i += 1
        return self.i ** 2
    def __index__(self): return self.n
    def __bool__(self): return self.n > 0
print(list(Seq(4)), [10, 20, 30, 40][Seq(2)], bin(Seq(5)), bool(Seq(0)), "abcdef"[:Seq(3)], sum(Seq(3)))
