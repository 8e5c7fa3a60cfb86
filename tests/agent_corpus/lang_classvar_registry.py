from dataclasses import dataclass, field
from typing import ClassVar
import itertools


@dataclass
class Ticket:
    title: str
    priority: int = 3
    id: int = field(init=False)
    labels: list[str] = field(default_factory=list)

    counter: ClassVar = itertools.count(1)
    PRIORITIES: ClassVar[dict[int, str]] = {1: "urgent", 2: "high", 3: "normal", 4: "low"}

    def __post_init__(self):
        self.id = next(Ticket.counter)
        if self.priority not in self.PRIORITIES:
            raise ValueError(f"unknown priority {self.priority}")

    @property
    def level(self) -> str:
        return self.PRIORITIES[self.priority]


tickets = [Ticket("crash on save", 1, ["bug"]), Ticket("typo"), Ticket("slow export", 2, ["perf", "bug"])]
try:
    tickets.append(Ticket("weird", 9))
except ValueError as e:
    print("rejected:", e)
for t in sorted(tickets, key=lambda t: (t.priority, t.id)):
    print(f"#{t.id} [{t.level:^8}] {t.title:<14} {' '.join('#' + l for l in t.labels)}")
print(tickets[0])
print("PRIORITIES" in Ticket.__dataclass_fields__, sorted(Ticket.__dataclass_fields__))
bugs = [t.id for t in tickets if "bug" in t.labels]
print(f"{bugs=}", Ticket.__annotations__["counter"])
