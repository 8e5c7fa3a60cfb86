from enum import Enum, Flag, IntEnum, IntFlag, StrEnum, auto, unique


@unique
class Status(Enum):
    PENDING = "pending"
    ACTIVE = "active"
    DONE = "done"

    @classmethod
    def parse(cls, text):
        return cls(text.strip().lower())

    @property
    def is_final(self):
        return self is Status.DONE


class Priority(IntEnum):
    LOW = 1
    MEDIUM = 2
    HIGH = 3


class Perm(Flag):
    READ = auto()
    WRITE = auto()
    EXEC = auto()


class Color(StrEnum):
    RED = auto()
    GREEN = auto()


class Mode(IntFlag):
    R = 4
    W = 2
    X = 1


tickets = [("Fix login", " Active ", 3), ("Docs", "pending", 1), ("Deploy", "DONE", 2)]
for title, status, prio in tickets:
    s = Status.parse(status)
    p = Priority(prio)
    print(f"{title:<10} {s.name:<8} {s.value:<8} {p.name} final={s.is_final} {isinstance(s, Status)}")

print(Status.ACTIVE, repr(Status.ACTIVE), list(Status), len(Status), Status["DONE"])
print(Priority.HIGH > Priority.LOW, Priority.HIGH + 1, sorted([Priority.HIGH, Priority.LOW]), repr(Priority.MEDIUM))
rw = Perm.READ | Perm.WRITE
print(rw, repr(rw), Perm.READ in rw, Perm.EXEC in rw, bool(Perm.READ & Perm.EXEC), Perm(3))
print(Color.RED, repr(Color.GREEN), Color.RED == "red", Color.GREEN.upper())
print(Mode.R | Mode.W, int(Mode.R | Mode.X), Mode(7), repr(Mode.W))
try:
    Status("archived")
except ValueError as e:
    print("ValueError:", e)
try:
    @unique
    class Dup(Enum):
        A = 1
        B = 1
except ValueError as e:
    print("ValueError:", e)
print({s: s.value.upper() for s in Status})
print(Status.PENDING.__class__.__name__, type(Priority.LOW).__name__)
