# Descriptive statistics per group, printed as a table.
import math
import statistics

state = 12345


def lcg():
    # a small deterministic generator (the same in every Python)
    global state
    state = (1103515245 * state + 12345) % 2**31
    return state / 2**31


groups = {}
for name in ("alpha", "beta", "gamma", "delta"):
    groups[name] = [round(lcg() * 100, 3) for _ in range(25)]

print(f"{'group':<7}|{'n':>4}|{'mean':>9}|{'median':>9}|{'stdev':>8}|{'min':>8}|{'max':>8}|{'cv':>7}")
for name, values in groups.items():
    mean = statistics.mean(values)
    sd = statistics.stdev(values)
    print(f"{name:<7}|{len(values):>4}|{mean:>9.3f}|{statistics.median(values):>9.3f}|{sd:>8.3f}|"
          f"{min(values):>8.3f}|{max(values):>8.3f}|{sd / mean:>7.2%}")
allv = [v for vs in groups.values() for v in vs]
print(f"overall mean {statistics.mean(allv):.4f} sd {statistics.pstdev(allv):.4f}")
print(f"sqrt of sum {math.sqrt(sum(allv)):.6g} | log {math.log10(sum(allv)):.5e}")
print("rounded:", [round(v, 1) for v in sorted(allv)[:8]])
print("first:", groups["alpha"][:5])
