# Deduplicate sensor readings and compare sites: the sets are printed as they are.
import random
from collections import defaultdict

random.seed(42)
sites = ["north", "south", "east"]
readings = defaultdict(list)
for day in range(30):
    for site in sites:
        readings[site].append(round(random.uniform(10, 30) * 4) / 4)

distinct = {site: set(values) for site, values in readings.items()}
for site, values in distinct.items():
    print(f"{site}: {len(values)} distinct of {len(readings[site])}")
print("north & south:", distinct["north"] & distinct["south"])
print("only east:", distinct["east"] - distinct["north"] - distinct["south"])
print("either north or south, not both:", distinct["north"] ^ distinct["south"])

thresholds = {12.5, 17.75, 22.25, 27.5, 29.0}
print("thresholds:", thresholds)
hits = {v for v in readings["north"] if v in thresholds}
print("north readings at a threshold:", hits)

coords = {(round(random.uniform(-5, 5), 1), round(random.uniform(-5, 5), 1)) for _ in range(12)}
print("points:", coords)
visited = set()
for point in sorted(coords)[:5]:
    visited.add(point)
print("unvisited:", coords - visited)

big_ids = {2**40 + i * 7919 for i in range(10)} | {-(2**35), 2**31 + 7}
print("ids:", big_ids)
big_ids.discard(2**31 + 7)
print("after discard:", big_ids, len(big_ids))
print("frozen:", frozenset(distinct["east"]) == frozenset(readings["east"]))
