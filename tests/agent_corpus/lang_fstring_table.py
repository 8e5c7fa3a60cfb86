rows = [
    {"name": "Paris", "country": "FR", "pop": 2_148_271, "area": 105.4},
    {"name": "Lyon", "country": "FR", "pop": 516_092, "area": 47.87},
    {"name": "Zürich", "country": "CH", "pop": 421_878, "area": 87.88},
    {"name": "Genève", "country": "CH", "pop": 203_856, "area": 15.93},
]
cols = [("name", "<", 10, ""), ("country", "^", 7, ""), ("pop", ">", 11, ","), ("area", ">", 8, ".1f")]
header = " | ".join(f"{c:{a}{w}}" for c, a, w, _ in cols)
print(header)
print("-+-".join("-" * w for _, _, w, _ in cols))
for r in rows:
    print(" | ".join(f"{r[c]:{a}{w}{spec}}" for c, a, w, spec in cols))
density = {r["name"]: r["pop"] / r["area"] for r in rows}
for name, d in sorted(density.items(), key=lambda kv: -kv[1]):
    bar = "#" * int(d // 2000)
    print(f"{name:>8}: {d:9,.1f}/km² {bar}")
by_country = {}
for r in rows:
    by_country.setdefault(r["country"], []).append(r)
for cc, rs in by_country.items():
    print(f"{cc}: {len(rs)} cities, {sum(r['pop'] for r in rs):,} people, largest {max(rs, key=lambda r: r['pop'])['name']}")
print(f"{'{'}{', '.join(f'{k!r}: {v:.0f}' for k, v in density.items())}{'}'}")
