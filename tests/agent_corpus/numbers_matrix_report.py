# A correlation-like matrix printed with aligned signed values.
names = ["temp", "sales", "ads", "price"]
data = {
    "temp": [21.5, 23.0, 25.5, 19.0, 30.25, 27.75],
    "sales": [210, 240, 275, 190, 330, 300],
    "ads": [5.0, 5.5, 6.0, 4.0, 8.5, 7.0],
    "price": [9.99, 9.49, 8.99, 10.49, 7.99, 8.49],
}


def corr(x, y):
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return sxy / (sxx * syy) ** 0.5


print(" " * 7 + "".join(f"{n:>9}" for n in names))
for a in names:
    print(f"{a:<7}" + "".join(f"{corr(data[a], data[b]):>+9.4f}" for b in names))
strongest = max(((a, b) for a in names for b in names if a < b), key=lambda p: abs(corr(data[p[0]], data[p[1]])))
print("strongest pair:", strongest, f"{corr(data[strongest[0]], data[strongest[1]]):.6f}")
print([round(corr(data['temp'], data[n]), 3) for n in names])
