"""Builds the demo database: the cities in cities.csv and a year of daily temperature readings for each,
generated from a seeded formula (seasons follow the latitude), so every build is identical.

    python demo/build_demo_db.py demo/demo.db
"""

from __future__ import annotations

import csv
import datetime
import math
import random
import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).parent
YEAR = 2024


def build(path: Path) -> None:
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.executescript(
        """
        create table cities (
            id integer primary key, name text, country text, population integer, latitude real, longitude real
        );
        create table readings (
            id integer primary key, city_id integer references cities(id), date text,
            temperature_c real, rainfall_mm real
        );
        create index readings_city_date on readings(city_id, date);
        """
    )
    with open(HERE / "cities.csv", newline="", encoding="utf-8") as f:
        cities = list(csv.DictReader(f))
    db.executemany(
        "insert into cities values (:id, :name, :country, :population, :latitude, :longitude)", cities
    )
    db.executemany(
        "insert into readings (city_id, date, temperature_c, rainfall_mm) values (?, ?, ?, ?)",
        readings(cities),
    )
    db.commit()
    db.close()


def readings(cities: list[dict[str, str]]) -> list[tuple[int, str, float, float]]:
    rng = random.Random(YEAR)
    rows = []
    start = datetime.date(YEAR, 1, 1)
    for city in cities:
        latitude = float(city["latitude"])
        # Warmer near the equator; the swing between seasons grows with latitude and flips south of it.
        mean = 28 - 0.35 * abs(latitude)
        swing = 0.25 * latitude
        for day in range(366):
            date = start + datetime.timedelta(days=day)
            season = -math.cos(2 * math.pi * (day - 15) / 366)
            temperature = mean + swing * season + rng.gauss(0, 2.5)
            rainfall = round(rng.expovariate(1 / 6), 1) if rng.random() < 0.3 else 0.0
            rows.append((int(city["id"]), date.isoformat(), round(temperature, 1), rainfall))
    return rows


if __name__ == "__main__":
    build(Path(sys.argv[1] if len(sys.argv) > 1 else HERE / "demo.db"))
