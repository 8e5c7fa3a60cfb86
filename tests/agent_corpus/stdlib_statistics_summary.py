import statistics
from collections import Counter

latencies_ms = [120, 98, 143, 87, 250, 101, 99, 130, 97, 3000, 112, 105]
print("n =", len(latencies_ms))
print("mean", round(statistics.mean(latencies_ms), 3))
print("median", statistics.median(latencies_ms), statistics.median_low(latencies_ms), statistics.median_high(latencies_ms))
print("stdev", round(statistics.stdev(latencies_ms), 4), "pstdev", round(statistics.pstdev(latencies_ms), 4))
print("quantiles", statistics.quantiles(latencies_ms, n=4))
print("mode", statistics.mode([1, 2, 2, 3, 3, 3]), statistics.multimode("aabbc"))
q1, q2, q3 = statistics.quantiles(latencies_ms, n=4)
iqr = q3 - q1
outliers = [x for x in latencies_ms if x > q3 + 1.5 * iqr or x < q1 - 1.5 * iqr]
print("outliers", outliers)
clean = [x for x in latencies_ms if x not in outliers]
print(f"clean mean {statistics.fmean(clean):.2f}, geometric {statistics.geometric_mean(clean):.4f}")
buckets = Counter(x // 50 * 50 for x in clean)
for b in sorted(buckets):
    print(f"{b:>4}-{b + 49:<4} {'#' * buckets[b]}")
x = [1, 2, 3, 4, 5]
y = [2.1, 3.9, 6.2, 7.8, 10.1]
print(statistics.correlation(x, y), statistics.linear_regression(x, y))
try:
    statistics.mean([])
except statistics.StatisticsError as e:
    print("StatisticsError:", e)
