import random
import statistics

random.seed(12345)
samples = {
    "normal": [random.normalvariate(0, 1) for _ in range(5)],
    "lognorm": [random.lognormvariate(0, 0.5) for _ in range(3)],
    "expo": [random.expovariate(1.5) for _ in range(3)],
    "beta": [random.betavariate(2, 5) for _ in range(3)],
    "gamma": [random.gammavariate(0.5, 2) for _ in range(2)] + [random.gammavariate(3, 1) for _ in range(2)],
    "triangular": [random.triangular(0, 10, 3) for _ in range(3)],
    "vonmises": [random.vonmisesvariate(1, 4) for _ in range(3)],
    "pareto": [random.paretovariate(3) for _ in range(3)],
    "weibull": [random.weibullvariate(1, 1.5) for _ in range(3)],
}
for name, values in samples.items():
    print(f"{name:>10}: " + ", ".join(f"{v:.6f}" for v in values))
    print(f"{'':>10}  mean={statistics.mean(values)!r}")

random.seed(b"bytes seed")
print(random.random(), random.randint(-10**12, 10**12))
pool = ["a", "b", "c"]
random.seed(99)
print(random.sample(pool, k=6, counts=[3, 2, 1]))
print(random.sample(range(1000000), 5))
