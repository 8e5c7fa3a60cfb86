import math
import random
import statistics
from collections import defaultdict

# Synthetic order book: arrivals by an exponential clock, basket values log-normal, a few whales (Pareto)
random.seed(7)
clock = 0.0
orders = []
for i in range(400):
    clock += random.expovariate(1 / 3.5)
    region = random.choice(["north", "south", "east", "west"])
    value = random.lognormvariate(math.log(40), 0.6)
    if random.random() < 0.03:
        value *= random.paretovariate(1.8)
    orders.append({"t": clock, "region": region, "value": value, "items": 1 + int(random.gammavariate(2.0, 1.5))})

print(f"{len(orders)} orders over {orders[-1]['t']:.1f} minutes")
print("first orders:", [(round(o["t"], 3), o["region"], o["value"]) for o in orders[:3]])

by_region = defaultdict(list)
for o in orders:
    by_region[o["region"]].append(o["value"])
for region, values in sorted(by_region.items()):
    logs = [math.log(v) for v in values]
    geo = math.exp(statistics.fmean(logs))
    print(f"{region:>6}: n={len(values):3d} mean={statistics.fmean(values):9.4f} geo={geo!r} max={max(values)!r}")

# Service times (Weibull) and a noisy forecast (normal) per hour
hours = {}
for h in range(6):
    service = [random.weibullvariate(4.0, 1.3) for _ in range(20)]
    noise = random.normalvariate(0, 5)
    hours[h] = (statistics.median(service), 100 + 10 * h + noise)
for h, (med, forecast) in hours.items():
    print(h, repr(med), repr(forecast), f"{forecast ** 0.5:.12f}")

# Conversion rates with Beta uncertainty
for name, (wins, losses) in {"A": (30, 70), "B": (42, 58)}.items():
    draws = sorted(random.betavariate(wins + 1, losses + 1) for _ in range(500))
    print(name, f"median={draws[250]:.6f}", f"90% interval=({draws[25]:.6f}, {draws[475]:.6f})", draws[-1])
