# Temperature log: min/max/mean per day, Celsius and Fahrenheit, rounding.
readings = {
    "Mon": [12.5, 14.25, 17.75, 15.0, 11.125],
    "Tue": [9.8, 10.45, 13.55, 12.65, 8.95],
    "Wed": [-2.5, -0.5, 1.5, 0.0, -1.25],
    "Thu": [20.05, 22.15, 25.35, 23.45, 19.95],
}


def c_to_f(c):
    return c * 9 / 5 + 32


print(f"{'day':<4}{'min':>8}{'max':>8}{'mean':>9}{'mean F':>9}  rounded")
for day, temps in readings.items():
    lo, hi = min(temps), max(temps)
    mean = sum(temps) / len(temps)
    print(f"{day:<4}{lo:>8.1f}{hi:>8.1f}{mean:>9.3f}{c_to_f(mean):>9.2f}  {round(mean, 1)} {round(mean)} {round(hi, -1)}")
all_temps = [t for ts in readings.values() for t in ts]
print("spread:", round(max(all_temps) - min(all_temps), 2))
print("rounded halves:", [round(t) for t in (0.5, 1.5, 2.5, -0.5, -1.5, 11.125)])
print("two places:", [round(t, 2) for t in (2.675, 1.005, 0.125, 0.375, 11.125, -0.045)])
print("tens:", [round(v, -1) for v in (15, 25, 35, 125.0, -15)], round(1234.5678, -2))
