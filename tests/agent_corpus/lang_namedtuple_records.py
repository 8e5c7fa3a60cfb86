from typing import NamedTuple, Optional
import statistics


class Reading(NamedTuple):
    station: str
    hour: int
    temp_c: float
    note: Optional[str] = None

    @property
    def temp_f(self) -> float:
        return round(self.temp_c * 9 / 5 + 32, 1)

    def label(self) -> str:
        return f"{self.station}@{self.hour:02d}h"


readings = [
    Reading("north", 6, 3.5),
    Reading("north", 12, 11.0, "sunny"),
    Reading("south", 6, 7.25),
    Reading("south", 12, 15.5),
    Reading("north", 18, 6.0, "wind"),
]
print(readings[1], readings[1]._asdict())
by_station = {}
for r in readings:
    by_station.setdefault(r.station, []).append(r)
for station, rs in sorted(by_station.items()):
    temps = [r.temp_c for r in rs]
    print(f"{station}: n={len(rs)} mean={statistics.mean(temps):.2f} max={max(temps)} notes={[r.note for r in rs if r.note]}")
hottest = max(readings, key=lambda r: r.temp_c)
print(hottest.label(), hottest.temp_f, hottest[2], Reading._fields)
fixed = [r._replace(temp_c=r.temp_c + 0.5) if r.station == "south" else r for r in readings]
print([r.temp_c for r in fixed])
station, hour, temp, note = readings[0]
print(station, hour, temp, note, readings[0] == ("north", 6, 3.5, None))
print(sorted(readings, key=lambda r: (r.hour, -r.temp_c))[0])
