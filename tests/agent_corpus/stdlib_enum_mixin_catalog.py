from enum import Enum, IntEnum, StrEnum, IntFlag, auto, unique
from dataclasses import dataclass, field
import json


class Currency(str, Enum):
    USD = "usd"
    EUR = "eur"
    GBP = "gbp"

    @classmethod
    def _missing_(cls, value):
        if isinstance(value, str):
            for member in cls:
                if member.value == value.lower():
                    return member
        return None


class Size(IntEnum):
    SMALL = "1"
    MEDIUM = 2
    LARGE = 3


class Rate(float, Enum):
    STANDARD = "0.2"
    REDUCED = "0.05"
    ZERO = 0


class Category(StrEnum):
    FOOD = auto()
    TOOLS = auto()
    BOOKS = "books"


class Grade(Enum):
    A = (90, "excellent")
    B = (75, "good")
    C = (50, "pass")

    def __init__(self, threshold, label):
        self.threshold = threshold
        self.label = label

    @classmethod
    def for_score(cls, score):
        for grade in cls:
            if score >= grade.threshold:
                return grade
        return None


@unique
class Status(int, Enum):
    def __new__(cls, code, text):
        obj = int.__new__(cls, code)
        obj._value_ = code
        obj.text = text
        return obj

    OK = (200, "fine")
    MISSING = (404, "not found")
    ERROR = (500, "server error")


class Perm(IntFlag):
    READ = 4
    WRITE = 2
    EXEC = "1"


@dataclass
class Item:
    name: str
    price: float
    currency: Currency = Currency.USD
    size: Size = Size.MEDIUM
    category: Category = Category.TOOLS
    tags: list = field(default_factory=list)

    @property
    def tax(self):
        rate = Rate.REDUCED if self.category is Category.FOOD else Rate.STANDARD
        return round(self.price * rate, 2)


items = [
    Item("apple", 0.5, Currency("EUR"), Size.SMALL, Category.FOOD),
    Item("hammer", 12.0, tags=["steel"]),
    Item("novel", 8.99, Currency.GBP, Size(3), Category("books")),
]
for item in items:
    print(f"{item.name:<8} {item.price:>6.2f} {item.currency.value.upper()} {item.size.name:<6} "
          f"{item.category:<6}| tax {item.tax} {item.size!r} {item.currency!r}")
print(repr(Rate.STANDARD), Rate.STANDARD.value, Rate.STANDARD * 100, Rate(0.05), Rate(0.0) is Rate.ZERO)
print(Size.SMALL.value, Size.SMALL + Size.LARGE, Size(1), sorted(Size, reverse=True), f"{Size.LARGE:03d}")
print(Currency.EUR == "eur", Currency("GBP"), f"{Currency.USD}", str(Currency.USD), format(Currency.EUR, ">14") + "|")
print(list(Category), Category.FOOD.upper(), f"[{Category.BOOKS:^9}]", "food" in [c.value for c in Category])
for score in (95, 80, 10, 55):
    grade = Grade.for_score(score)
    print(score, grade.name if grade else "-", grade.label if grade else "fail", grade.value if grade else None)
print(Status(404), Status.MISSING.text, Status.OK == 200, Status(500).name, [s.value for s in Status])
print(json.dumps({"status": Status.ERROR, "size": Size.LARGE, "cat": Category.FOOD, "cur": Currency.GBP}))
try:
    Currency("yen")
except ValueError as e:
    print("ValueError:", e)
try:
    Size(7)
except ValueError as e:
    print("ValueError:", e)
p = Perm.READ | Perm.EXEC
print(repr(Perm.EXEC), p, repr(p), Perm.WRITE in p, int(p), [m.name for m in Perm])
totals = {}
for item in items:
    totals[item.category] = totals.get(item.category, 0) + item.price
print({str(k): round(v, 2) for k, v in sorted(totals.items())})
