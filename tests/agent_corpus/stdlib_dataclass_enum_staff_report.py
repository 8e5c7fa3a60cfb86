from dataclasses import dataclass, field, asdict, astuple, replace, fields, FrozenInstanceError
from typing import Optional, List, Dict
from enum import Enum, IntEnum, auto
import json

class Status(Enum):
    ACTIVE = "active"
    INACTIVE = "inactive"

class Priority(IntEnum):
    LOW = 1
    MEDIUM = 2
    HIGH = 3

@dataclass
class Address:
    city: str
    country: str = "US"

@dataclass(order=True)
class Employee:
    sort_index: int = field(init=False, repr=False)
    name: str
    salary: float
    dept: str = "eng"
    tags: List[str] = field(default_factory=list)
    address: Optional[Address] = None
    status: Status = Status.ACTIVE

    def __post_init__(self):
        self.sort_index = -int(self.salary)

@dataclass(frozen=True)
class Point:
    x: float
    y: float
    def dist(self, other: "Point") -> float:
        return ((self.x - other.x) ** 2 + (self.y - other.y) ** 2) ** 0.5

emps = [
    Employee("alice", 120000.0, tags=["lead"], address=Address("NYC")),
    Employee("bob", 95000.5, "ops"),
    Employee("carol", 130000, address=Address("Paris", "FR"), status=Status.INACTIVE),
]
for e in sorted(emps):
    print(e)
print(asdict(emps[0]))
print(astuple(emps[1]))
print(json.dumps(asdict(emps[2]), default=str, indent=2))
print([f.name for f in fields(Employee)])
p = Point(1, 2)
try:
    p.x = 5
except FrozenInstanceError as ex:
    print("frozen:", ex)
print(hash(p) == hash(Point(1, 2)), p == Point(1.0, 2.0), p.dist(Point(4, 6)))
q = replace(p, y=10)
print(q, hasattr(p, "__lt__"))
try:
    print(p < q)
except TypeError as ex:
    print("TypeError:", ex)
by_pri = {Priority.HIGH: "urgent", Priority.LOW: "later"}
for pr in sorted(by_pri):
    print(f"{pr.name:>6} {pr.value} {pr!r} {by_pri[pr]} {pr}")
print(Priority(2), Priority["HIGH"], Priority.HIGH > Priority.LOW, Priority.HIGH + 1)
print(max(Priority), list(Priority), len(Priority))
print(Status("active"), Status.ACTIVE.value, f"{Status.ACTIVE}", repr(Status.INACTIVE))
print(f"{Status.ACTIVE:>10}|", format(Priority.MEDIUM, ">5"))
counts = {}
for e in emps:
    counts[e.status] = counts.get(e.status, 0) + 1
print(counts)
print(Employee.__dataclass_fields__["tags"].default_factory)
print(repr(emps[0].address), emps[0] == Employee("alice", 120000.0, tags=["lead"], address=Address("NYC")))
