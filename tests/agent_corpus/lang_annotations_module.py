from typing import Optional, Final

MAX_ROWS: Final = 100
precision: int = 2
currency: str = "EUR"
rates: dict[str, float] = {"EUR": 1.0, "USD": 1.08, "GBP": 0.86}
fallback: Optional[str]

print(sorted(__annotations__))
print(__annotations__["precision"], __annotations__["rates"], __annotations__["fallback"])


def convert(amount: float, to: str = "USD") -> float:
    result: float = round(amount * rates[to] / rates[currency], precision)
    return result


class Money:
    amount: float
    currency: str = currency
    rounding: int = precision

    def __init__(self, amount: float, currency: str = "EUR") -> None:
        self.amount = amount
        self.currency = currency

    def __repr__(self) -> str:
        return f"Money({self.amount:.{self.rounding}f} {self.currency})"


print(Money.__annotations__)
print([Money(convert(100, c), c) for c in ("USD", "GBP")])
print({name: typ.__name__ if isinstance(typ, type) else str(typ) for name, typ in Money.__annotations__.items()})
print(MAX_ROWS, precision, currency)
