# Thresholds and lookup tables written as set displays of computed constants, as analysts write them.
THIRDS = {1/3, 2/3, 1.0, 4/3, 5/3, 2.0}
RATES = {0.05 * 3, 0.1, 0.25, 1/8, 0.3 / 2, 7/20}
LIMITS = {2**100, 2**64, 10**30, 10**33, 1, 1 << 90, 1 << 129}
print("thirds:", THIRDS)
print("rates:", RATES, len(RATES))
print("limits:", LIMITS)
for t in {1/3, 2/3, 0.5, 1.25, 5/3, 7/3}:
    print(f"{t:.4f}", end=" ")
print()
steps = [round(x * 0.1, 2) for x in {2.5 * 2, 7.5 / 3, 1.5 ** 2, 9 / 4, 11 / 8}]
print("steps:", steps, sum(steps))
readings = [0.15, 0.125, 0.35, 0.2, 0.1, 0.25, 0.6]
flagged = [r for r in readings if r in {0.05 * 3, 0.1, 0.25, 1/8, 7/20}]
print("flagged:", flagged)
print("squares:", {n ** 2 / 10 for n in range(1, 12)}, {x / 4 for x in {1, 2, 3, 5, 7, 11}})
big = {2**200, 1, 2, 3, 2**199, 2**70}
print("big:", big, max(big).bit_length())
pairs = {(1/3, 1), (2/3, 2), (1/7, 3), (2/7, 4), (3/7, 5)}
print("pairs:", pairs, sorted(pairs)[0])
