import collections
import dataclasses
import enum
import typing

# Record types built from a column spec at run time, as an agent does for a query result.
columns = {"city": str, "country": str, "population": int}
Row = collections.namedtuple("Row", list(columns))
Stat = typing.NamedTuple("Stat", [("name", str), ("value", float)])
Level = enum.Enum("Level", "LOW MEDIUM HIGH")
Summary = dataclasses.make_dataclass("Summary", [("label", str), ("total", int, dataclasses.field(default=0))])
Tagged = type("Tagged", (Row,), {"tag": "demo", "describe": lambda self: f"{self.city} ({self.tag})"})

rows = [Row("Paris", "FR", 2100000), Row("Lyon", "FR", 520000), Row("Porto", "PT", 230000)]
for r in rows:
    level = Level.HIGH if r.population > 1000000 else Level.MEDIUM if r.population > 300000 else Level.LOW
    print(r, level, type(level))
print(type(rows[0]), Row.__module__, Row.__qualname__, Row._fields)
stats = [Stat("mean", sum(r.population for r in rows) / len(rows)), Stat("max", float(max(r.population for r in rows)))]
print(stats, type(stats[0]), Stat.__module__)
by_country = collections.Counter(r.country for r in rows)
summary = [Summary(country, count) for country, count in by_country.most_common()]
print(summary, type(summary[0]), Summary.__module__)
t = Tagged("Nice", "FR", 340000)
print(t, t.describe(), type(t), Tagged.__module__, Tagged.__mro__[1])
print(repr(type("Blank", (), {})()).split(" object at ")[0], Level, Level.__module__, list(Level))
registry = {cls.__qualname__: cls.__module__ for cls in (Row, Stat, Level, Tagged)}
print(registry)


class Delimiter(str):
    pass


colon = Delimiter(":")
for spec in ["FR:Paris", "PT:Porto:old", "unknown"]:
    country, sep, city = spec.partition(colon)
    print(country, repr(sep), city, type(sep).__name__, sep is colon)
