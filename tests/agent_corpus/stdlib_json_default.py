import json
from datetime import date, datetime
from enum import Enum


class Status(Enum):
    ACTIVE = "active"
    CLOSED = "closed"


class Account:
    def __init__(self, number, opened, status, balance):
        self.number = number
        self.opened = opened
        self.status = status
        self.balance = balance


def encode(obj):
    if isinstance(obj, (date, datetime)):
        return obj.isoformat()
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, Account):
        return vars(obj)
    if isinstance(obj, set):
        return sorted(obj)
    raise TypeError(f"cannot encode {type(obj).__name__}")


accounts = [
    Account("A-1", date(2021, 3, 4), Status.ACTIVE, 1200),
    Account("B-7", datetime(2020, 1, 2, 3, 4, 5), Status.CLOSED, 0),
]
payload = {"accounts": accounts, "regions": {"north", "east", "west"}}
print(json.dumps(payload, default=encode, indent=2))

for value in [date(2024, 1, 1), {1, 2}, object, Account("x", None, None, 0), b"bytes"]:
    try:
        json.dumps({"v": value})
    except TypeError as e:
        print("TypeError:", e)

try:
    json.dumps({(1, 2): "tuple key"})
except TypeError as e:
    print("TypeError:", e)

print(json.dumps({(1, 2): "skip", "kept": 1}, skipkeys=True))
print(json.dumps({1: "int", 2.5: "float", True: "bool", None: "none", "s": "str"}))
print(json.dumps({3: "c", 1: "a", 2: "b"}, sort_keys=True))


class Money:
    def __init__(self, cents):
        self.cents = cents


class MoneyEncoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, Money):
            return f"{o.cents // 100}.{o.cents % 100:02d}"
        return super().default(o)


print(json.dumps({"price": Money(1999)}, cls=MoneyEncoder))
print(MoneyEncoder(indent=1).encode([1, {"a": Money(150)}]))
try:
    MoneyEncoder().encode({"when": date(2020, 1, 1)})
except TypeError as e:
    print("TypeError:", e)
print("".join(json.JSONEncoder(sort_keys=True).iterencode({"b": [1, 2], "a": None})))
