import math

def stats(values):
    n = len(values)
    mean = sum(values) / n
    var = sum((v - mean) ** 2 for v in values) / (n - 1)
    return n, mean, math.sqrt(var)

data = [2.5, 3.75, 1.0, 4.25, 3.5]
n, mean, sd = stats(data)
print(f"{n=}, {mean=}, {sd=:.4f}")
print(f"{n = }, {mean = :.2f}, {max(data) = }, {data[1:3]=}")
label = "score"
print(f"{label=} {label=!s} {label!r:>10} {len(label)=}")
threshold = 3.0
above = [v for v in data if v > threshold]
print(f"{threshold=} {above=} {len(above) / n = :.0%}")
config = {"mode": "fast", "retries": 2}
print(f"{config['mode']=} {config.get('retries')=} {config=}")
z = (mean - 3) / sd
print(f"{z = :+.3f}", f"{'high' if z > 0 else 'low'=}")
pairs = list(zip("abc", range(3)))
print(f"{pairs=}", f"{dict(pairs)=}")
