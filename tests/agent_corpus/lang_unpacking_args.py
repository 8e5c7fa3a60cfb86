def stats(*values, precision=2, **labels):
    if not values:
        return {}
    lo, *middle, hi = sorted(values)
    mean = sum(values) / len(values)
    out = {"min": lo, "max": hi, "mean": round(mean, precision), "n_middle": len(middle)}
    out.update(labels)
    return out


data = [4, 8, 15, 16, 23, 42]
print(stats(*data), stats(*data, precision=0, unit="kg"))
first, second, *rest = data
print(first, second, rest)
(a, b), c = (1, 2), 3
print(a, b, c)
head, *_ = "hello"
print(head, [*range(3), *"ab"], {**{"a": 1}, "b": 2, **dict(c=3)})
options = {"sep": " - ", "end": "!\n"}
print(*data[:3], **options)
for i, (name, (lo, hi)) in enumerate([("x", (0, 1)), ("y", (5, 9))]):
    print(i, name, lo, hi)
merged = [*data[:2], *[x * 10 for x in data[-2:]]]
print(merged, stats())
x, y = y, x = 1, 2
print(x, y)
