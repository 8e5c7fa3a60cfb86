# Text histogram of response times with bucket percentages and cumulative shares.
times_ms = [12.5, 48.0, 33.3, 120.7, 5.25, 77.75, 250.0, 18.125, 64.5, 99.95, 101.0, 3.0, 45.45, 88.8,
            150.15, 66.6, 2.5, 310.0, 41.0, 59.99, 27.5, 72.25, 130.0, 19.5, 8.75]
edges = [0, 10, 25, 50, 100, 200, 400]
counts = [0] * (len(edges) - 1)
for t in times_ms:
    for i in range(len(edges) - 1):
        if edges[i] <= t < edges[i + 1]:
            counts[i] += 1
            break
n = len(times_ms)
cumulative = 0
for i, c in enumerate(counts):
    cumulative += c
    label = f"[{edges[i]:>3}, {edges[i + 1]:>3})"
    print(f"{label:<12}{c:>3} {c / n:>6.1%} {cumulative / n:>7.2%} {'*' * c}")
ordered = sorted(times_ms)
for q in (0.5, 0.9, 0.95, 0.99):
    idx = min(int(q * n), n - 1)
    print(f"p{q * 100:g}: {ordered[idx]:8.3f} ms  ({ordered[idx] / 1000:.2e} s)")
mean = sum(times_ms) / n
print(f"mean {mean:.4f} | mean rounded {round(mean, 2)} | max/min {max(times_ms) / min(times_ms):.1f}x")
