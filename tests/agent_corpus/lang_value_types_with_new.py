from collections import namedtuple
from decimal import Decimal


class Celsius(float):
    """A temperature that refuses impossible values."""

    def __new__(cls, value):
        value = float(value)
        if value < -273.15:
            raise ValueError(f"{value} is below absolute zero")
        return super().__new__(cls, value)

    @property
    def fahrenheit(self):
        return self * 9 / 5 + 32

    def __repr__(self):
        return f"Celsius({float(self):g})"


class Sku(str):
    def __new__(cls, raw):
        cleaned = raw.strip().upper().replace(" ", "-")
        if not cleaned:
            raise ValueError("empty SKU")
        return str.__new__(cls, cleaned)

    @property
    def family(self):
        return self.split("-")[0]


class Cents(int):
    def __new__(cls, amount):
        return int.__new__(cls, round(Decimal(str(amount)) * 100))

    def __str__(self):
        return f"${self // 100}.{self % 100:02d}"


class Reading(namedtuple("Reading", "sensor temp unit")):
    __slots__ = ()

    def __new__(cls, sensor, temp, unit="C"):
        return super().__new__(cls, sensor, Celsius(temp), unit)

    def describe(self):
        return f"{self.sensor}: {self.temp!r} ({self.temp.fahrenheit:.1f}F)"


class Inventory(dict):
    def __new__(cls, *args, **kwargs):
        obj = super().__new__(cls)
        obj.log = []
        return obj

    def __setitem__(self, key, value):
        self.log.append(key)
        super().__setitem__(key, value)


readings = [Reading("r1", "21.5"), Reading("r2", -5), Reading("r3", 37.25)]
for r in readings:
    print(r.describe(), r.temp + 1, isinstance(r.temp, float))
print(max(readings, key=lambda r: r.temp).sensor, sum(r.temp for r in readings) / len(readings))
try:
    Reading("bad", -300)
except ValueError as e:
    print("rejected:", e)
skus = [Sku(" ab 12 "), Sku("cd-9"), Sku("ab 7")]
print(skus, [s.family for s in skus], sorted(set(s.family for s in skus)), Sku("x y") == "X-Y")
prices = {s: Cents(p) for s, p in zip(skus, ["3.10", 0.99, 12])}
for sku, price in prices.items():
    print(f"{sku:>6} {price!s:>7} {int(price):>5} {type(price).__name__}")
print(str(Cents(sum(prices.values()))), Cents(1.005), Cents("2.5") * 2)
inv = Inventory(widgets=3)
inv["gears"] = 5
inv.update(bolts=9)
print(inv, inv.log, len(inv), type(inv).__name__)
