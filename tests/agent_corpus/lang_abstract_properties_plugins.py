from abc import ABC, abstractmethod
from dataclasses import dataclass


class DataSource(ABC):
    """A plugin interface: every source names itself and yields rows."""

    @property
    @abstractmethod
    def name(self) -> str: ...

    @classmethod
    @abstractmethod
    def from_config(cls, config: dict) -> "DataSource": ...

    @abstractmethod
    def rows(self): ...

    def summary(self) -> str:
        rows = list(self.rows())
        total = sum(r["amount"] for r in rows)
        return f"{self.name}: {len(rows)} rows, total {total:,.2f}"


class CsvSource(DataSource):
    def __init__(self, text):
        self.text = text

    @property
    def name(self):
        return "csv"

    @classmethod
    def from_config(cls, config):
        return cls(config["text"])

    def rows(self):
        header, *lines = self.text.strip().splitlines()
        keys = header.split(",")
        for line in lines:
            rec = dict(zip(keys, line.split(",")))
            rec["amount"] = float(rec["amount"])
            yield rec


class HalfDone(DataSource):
    @property
    def name(self):
        return "half"

    def rows(self):
        return iter(())


@dataclass
class Registry:
    sources: dict

    def register(self, cls):
        try:
            cls.from_config({"text": "id,amount\n1,2.5"})
        except TypeError as exc:
            print(f"refused {cls.__name__}: {exc}")
            return cls
        self.sources[cls.__name__] = cls
        return cls


registry = Registry({})
registry.register(CsvSource)
registry.register(HalfDone)
print(sorted(registry.sources))
print(sorted(DataSource.__abstractmethods__), sorted(HalfDone.__abstractmethods__))
src = CsvSource.from_config({"text": "id,amount\n1,1200.5\n2,99.25\n3,0.25"})
print(src.summary())
for cls in (DataSource, HalfDone):
    try:
        cls()
    except TypeError as exc:
        print(exc)
prop = DataSource.__dict__["name"]
print(type(prop).__name__, prop.__isabstractmethod__, CsvSource.__dict__["name"].__isabstractmethod__)
