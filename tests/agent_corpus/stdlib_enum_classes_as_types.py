# Workflow states with an Enum: the class statement's class is the enum, as agents expect.
from enum import Enum, Flag, IntEnum


class State(Enum):
    DRAFT = "draft"
    REVIEW = "review"
    DONE = "done"

    @classmethod
    def parse(cls, text):
        return cls(text.strip().lower())

    def next(self):
        members = list(type(self))
        return members[min(members.index(self) + 1, len(members) - 1)]


class Priority(IntEnum):
    LOW = 10
    NORMAL = 20
    URGENT = 30


class Access(Flag):
    VIEW = 1
    EDIT = 2
    SHARE = 4
    ADMIN = 7


print(type(State.DRAFT), type(State.DRAFT) is State, State, repr(Priority), Access)
print(State.parse(" Review "), State.DRAFT.next(), State.DONE.next(), State["DONE"].value)
print(len(State), list(State.__members__), [s.name for s in State], State.REVIEW in State)
tasks = [("write docs", "draft", 20), ("fix bug", "review", 30), ("release", "done", 10), ("triage", "draft", 30)]
for title, state, prio in sorted(tasks, key=lambda t: -t[2]):
    s, p = State(state), Priority(prio)
    print(f"{title:<12} {s.name:<7} {p.name:<6} {p:>2} {type(p).__name__} {isinstance(p, Priority)}")
counts = {}
for _, state, _ in tasks:
    counts[State(state)] = counts.get(State(state), 0) + 1
print(counts)
rights = Access.VIEW | Access.EDIT
print(rights, repr(rights), type(rights) is Access, Access.ADMIN in rights, list(rights))
try:
    State("archived")
except ValueError as e:
    print("ValueError:", e)
try:
    Priority(9)
except ValueError as e:
    print("ValueError:", e)
print(max(Priority), Priority.URGENT > Priority.LOW, sum(Priority), sorted(Priority, reverse=True))
