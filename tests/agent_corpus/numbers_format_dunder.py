# A Money class with __format__, used in f-strings and str.format like any number.
import datetime


class Money:
    def __init__(self, cents, currency="EUR"):
        self.cents = cents
        self.currency = currency

    def __format__(self, spec):
        amount = self.cents / 100
        if spec.endswith("c"):
            return f"{self.currency} {amount:{spec[:-1] or ',.2f'}}"
        return format(amount, spec or ",.2f")

    def __add__(self, other):
        return Money(self.cents + other.cents, self.currency)

    def __repr__(self):
        return f"Money({self.cents}, {self.currency!r})"


payments = [(datetime.date(2024, 1, 5), Money(123456)), (datetime.date(2024, 2, 29), Money(99)),
            (datetime.date(2024, 3, 31), Money(-45000)), (datetime.date(2024, 12, 24), Money(100000000))]
total = Money(0)
for day, amount in payments:
    total = total + amount
    print(f"{day:%d %b %Y} | {day:%A:<10} | {amount:>16} | {amount:>18,.2fc} | {total:c}")
print("{:%Y-%m-%d}: {:>12.1f}".format(payments[0][0], payments[0][1]))
print(f"{datetime.datetime(2024, 5, 6, 7, 8, 9):%H:%M:%S on %m/%d/%y}", f"{datetime.time(23, 59):%I:%M %p}")
print(repr(total), f"{total!r:>30}", f"{str(total.cents):>10}")
try:
    print(f"{object():>10}")
except TypeError as e:
    print("TypeError:", e)
