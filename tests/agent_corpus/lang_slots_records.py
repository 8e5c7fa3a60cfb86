from dataclasses import dataclass, asdict, fields
import copy


class Reading:
    """Sensor readings held by the thousand: __slots__ keeps them small and catches typos."""

    __slots__ = ("sensor", "value", "unit", "flag")

    def __init__(self, sensor, value, unit="C"):
        self.sensor = sensor
        self.value = value
        self.unit = unit

    def __repr__(self):
        flag = getattr(self, "flag", None)
        return f"Reading({self.sensor!r}, {self.value}, {self.unit!r}{', flag=' + flag if flag else ''})"


readings = [Reading("t1", 21.5), Reading("t2", 19.0), Reading("t1", 35.2), Reading("h1", 55, "%")]
for r in readings:
    if r.unit == "C" and r.value > 30:
        r.flag = "hot"
print(readings)
try:
    readings[0].valeu = 3
except AttributeError as exc:
    print("typo caught:", exc)
try:
    print(readings[1].flag)
except AttributeError as exc:
    print("unset slot:", exc)
print(Reading.value, [name for name in Reading.__slots__ if hasattr(readings[2], name)])
snap = copy.copy(readings[2])
snap.value = 0
print(readings[2].value, snap.value, snap.flag)


@dataclass(slots=True, order=True)
class Point:
    x: float
    y: float = 0.0

    def dist(self, other: "Point") -> float:
        return ((self.x - other.x) ** 2 + (self.y - other.y) ** 2) ** 0.5


pts = sorted([Point(3, 4), Point(1), Point(0, 2)])
print(pts, pts[0].dist(pts[-1]), Point.__slots__)
print([f.name for f in fields(Point)], asdict(pts[1]))
try:
    pts[0].z = 1
except AttributeError as exc:
    print(exc)
try:

    class Config:
        __slots__ = ("debug",)
        debug = False

except ValueError as exc:
    print(exc)
