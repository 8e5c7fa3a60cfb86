from dataclasses import dataclass, field, asdict, fields
import json


@dataclass
class Employee:
    name: str
    salary: float
    department: str = "general"

    def annual(self) -> float:
        return self.salary * 12

    def describe(self) -> str:
        return f"{self.name} ({self.department}): {self.annual():,.0f}/yr"


@dataclass
class Manager(Employee):
    reports: list = field(default_factory=list)
    bonus: float = 0.1

    def annual(self) -> float:
        return super().annual() * (1 + self.bonus)


staff = [
    Employee("ann", 4200.0, "eng"),
    Employee("bob", 3900.0),
    Manager("cat", 6100.0, "eng", bonus=0.2),
]
staff[2].reports.extend(s.name for s in staff[:2])
for person in staff:
    print(person.describe())
print(staff[2])
print([f.name for f in fields(Manager)])
print(json.dumps([asdict(p) for p in staff]))
payroll = {}
for p in staff:
    payroll.setdefault(p.department, []).append(p.annual())
for dept, amounts in sorted(payroll.items()):
    print(f"{dept:<8} {len(amounts)} {sum(amounts):>12,.2f}")
print(isinstance(staff[2], Employee), Manager.__mro__[1].__name__ if hasattr(Manager, "__mro__") else "Employee")
