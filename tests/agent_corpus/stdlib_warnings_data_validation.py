import warnings
from dataclasses import dataclass, field


class DataQualityWarning(UserWarning):
    """Raised for rows that are usable but suspicious."""


@dataclass
class Reading:
    station: str
    temp_c: float
    notes: list = field(default_factory=list)


def parse_row(raw):
    station, _, temp = raw.partition(",")
    station = station.strip()
    if not station:
        warnings.warn(f"row {raw!r} has no station; using 'UNKNOWN'", DataQualityWarning, stacklevel=2)
        station = "UNKNOWN"
    try:
        value = float(temp)
    except ValueError:
        warnings.warn(f"bad temperature {temp.strip()!r} in {station}", RuntimeWarning, stacklevel=2)
        return None
    if value > 60:
        warnings.warn(f"{station}: {value} C looks like Fahrenheit", DataQualityWarning)
        value = round((value - 32) * 5 / 9, 1)
    return Reading(station, value)


def legacy_mean(values):
    warnings.warn("legacy_mean() is deprecated; use statistics.fmean()", DeprecationWarning, stacklevel=2)
    return sum(values) / len(values)


rows = ["oslo, 4.5", "lima, 19.0", ", 12.0", "cairo, 95", "quito, n/a", "oslo, 5.5", "cairo, 97"]

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    readings = [r for r in (parse_row(x) for x in rows) if r is not None]
    mean = legacy_mean([r.temp_c for r in readings])

print(f"{len(readings)} readings, mean {mean:.2f} C")
by_category = {}
for w in caught:
    by_category.setdefault(w.category.__name__, []).append(str(w.message))
for name in sorted(by_category):
    print(f"{name:<20} {len(by_category[name])}")
    for message in by_category[name]:
        print("   -", message)
print("lines:", [w.lineno for w in caught])

# Promote data-quality warnings to errors for a strict run; others stay quiet.
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    warnings.filterwarnings("error", category=DataQualityWarning)
    strict_ok = []
    for raw in rows:
        try:
            r = parse_row(raw)
        except DataQualityWarning as e:
            print("strict reject:", e)
            continue
        if r is not None:
            strict_ok.append(r.station)
print("strict:", strict_ok)

# A custom sink, as agents collect warnings into a report.
report = []
original = warnings.showwarning


def collect(message, category, filename, lineno, file=None, line=None):
    report.append(f"{category.__name__}@{lineno}: {message}")


warnings.showwarning = collect
try:
    for raw in rows * 2:
        parse_row(raw)
finally:
    warnings.showwarning = original
print("\n".join(report))
print("registry entries:", len([k for k in __warningregistry__ if k != "version"]))
