import math
import random

random.seed(7)
n = 8000
inside = 0
for _ in range(n):
    x, y = random.random(), random.random()
    if x * x + y * y <= 1.0:
        inside += 1
print(f"pi ~ {4 * inside / n:.5f} (error {abs(4 * inside / n - math.pi):.5f})")

walk = [0]
for _ in range(1000):
    walk.append(walk[-1] + random.choice((-1, 1)))
print("final", walk[-1], "max", max(walk), "min", min(walk))

prices = [100.0]
for day in range(250):
    ret = random.normalvariate(0.0004, 0.012)
    prices.append(prices[-1] * math.exp(ret))
print(f"start {prices[0]:.2f} end {prices[-1]:.4f} peak {max(prices):.4f}")
drawdown = max((max(prices[: i + 1]) - p) / max(prices[: i + 1]) for i, p in enumerate(prices))
print(f"max drawdown {drawdown:.4%}")
samples = [random.triangular(10, 50, 20) for _ in range(5)]
print([round(s, 6) for s in samples], random.betavariate(3, 3), random.paretovariate(2.5), random.weibullvariate(2, 0.7))
