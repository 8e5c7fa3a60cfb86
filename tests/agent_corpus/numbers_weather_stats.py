# Monthly weather statistics: means, ranges, anomalies and rounding to one decimal.
import statistics

monthly = {
    "Jan": (2.1, 48.5), "Feb": (3.4, 40.2), "Mar": (7.8, 35.0), "Apr": (11.25, 42.75), "May": (15.6, 55.1),
    "Jun": (19.05, 60.0), "Jul": (21.35, 71.4), "Aug": (20.95, 68.8), "Sep": (16.45, 50.0), "Oct": (11.0, 62.3),
    "Nov": (6.15, 58.05), "Dec": (2.85, 52.45),
}
temps = [t for t, _ in monthly.values()]
rain = [r for _, r in monthly.values()]
mean_t = statistics.mean(temps)
print(f"annual mean {mean_t:.3f} C, median {statistics.median(temps):.2f}, stdev {statistics.stdev(temps):.4f}")
for month, (t, r) in monthly.items():
    anomaly = t - mean_t
    print(f"{month} {t:>6.2f} {round(t, 1):>5} {anomaly:>+7.2f} {r:>6.1f}mm {r / sum(rain):>6.2%}")
print("total rain:", round(sum(rain), 1), "| wettest:", max(monthly, key=lambda m: monthly[m][1]))
print("quarters:", [round(sum(temps[i:i + 3]) / 3, 2) for i in range(0, 12, 3)])
