import enum


class Permission(enum.Flag):
    READ = enum.auto()
    WRITE = enum.auto()
    DELETE = enum.auto()
    EDITOR = READ | WRITE
    ADMIN = READ | WRITE | DELETE


class Priority(enum.IntEnum):
    LOW = enum.auto()
    NORMAL = enum.auto()
    URGENT = NORMAL + 5


class FieldOrder(type):
    """Records the order fields are declared in, through the namespace __prepare__ returns."""

    @classmethod
    def __prepare__(mcls, name, bases, **kwargs):
        class Namespace(dict):
            def __setitem__(self, key, value):
                if not key.startswith("_") and not callable(value):
                    self.setdefault("_declared", []).append(key)
                super().__setitem__(key, value)

        return Namespace()

    def __new__(mcls, name, bases, ns, **kwargs):
        return super().__new__(mcls, name, bases, dict(ns))

    def __setattr__(cls, name, value):
        if name in cls.__dict__.get("_declared", ()):
            raise AttributeError(f"{cls.__name__}.{name} is fixed")
        super().__setattr__(name, value)


class Record(metaclass=FieldOrder):
    id = 0
    name = ""
    tags = ()

    def describe(self):
        return ", ".join(self._declared)


users = {"ana": Permission.ADMIN, "bo": Permission.EDITOR, "cy": Permission.READ}
for user, perm in users.items():
    print(user, perm, perm.value, Permission.DELETE in perm, [p.name for p in Permission if p in perm])
print(list(Permission), Permission(3), Permission.EDITOR is Permission(3))
print(list(Priority), Priority.URGENT.value, sorted([Priority.URGENT, Priority.LOW]))
print(Record._declared, Record().describe())
Record.comment = "added later"
print(Record.comment)
try:
    Record.id = 5
except AttributeError as e:
    print("refused:", e)
try:
    Permission.READ = 8
except AttributeError as e:
    print("refused:", e)
