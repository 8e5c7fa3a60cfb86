import json
from collections import Counter


class Row:
    """A loose record built from a CSV-like dict, the way analysis scripts often do it."""

    def __init__(self, **fields):
        self.__dict__.update(fields)

    def to_dict(self):
        return dict(vars(self))

    def __repr__(self):
        inner = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"Row({inner})"


raw = [
    {"city": "Lyon", "temp": "21.5", "rain": "0"},
    {"city": "Oslo", "temp": "9.0", "rain": "3.2"},
    {"city": "Lyon", "temp": "23.0", "rain": "1.1"},
]
rows = [Row(**r) for r in raw]
for row in rows:
    for key, value in list(vars(row).items()):
        if key != "city":
            row.__dict__[key] = float(value)
    row.wet = row.rain > 1
print(rows[0], rows[1].temp + 1)

# drop a column everywhere, through the attribute dict
for row in rows:
    del row.__dict__["rain"]
print([sorted(vars(r)) for r in rows])
print(json.dumps([r.to_dict() for r in rows], sort_keys=True))

counts = Counter(r.city for r in rows)
summary = Row(**{f"n_{city.lower()}": n for city, n in counts.items()})
summary.__dict__.setdefault("n_paris", 0)
print(summary, summary.n_paris, getattr(summary, "n_lyon"))


class Settings:
    defaults = {"limit": 10, "verbose": False}

    def __init__(self, **overrides):
        self.__dict__ = {**self.defaults, **overrides}

    def __getattr__(self, name):
        raise AttributeError(f"no setting {name!r}")


s = Settings(limit=50)
print(s.limit, s.verbose, sorted(vars(s)))
try:
    s.timeout
except AttributeError as e:
    print("error:", e)
