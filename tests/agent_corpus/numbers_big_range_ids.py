# Snowflake-style ids (timestamp << 22 | worker << 12 | sequence) are far beyond 2**31
EPOCH_MS = 1288834974657
ids = [(1609459200000 - EPOCH_MS) << 22 | (w << 12) | s for w in range(3) for s in range(0, 9000, 2999)]
lo, hi = min(ids), max(ids)
window = range(lo, hi + 1)
print(window, len(window), window[0] == lo, window[-1] == hi)
print([i in window for i in (lo - 1, lo, hi, hi + 1, (lo + hi) // 2)])

# batch the id space the way a paginating exporter does
batch = 1 << 12
batches = range(lo, hi + 1, batch)
print(len(batches), batches[:3], batches[-2:], batches[::4][:2])
for start in batches[:3]:
    part = range(start, min(start + batch, hi + 1))
    members = [i for i in ids if i in part]
    print(f"{start:>22,} {len(part):>6} {len(members):>3}", members[:2])

# ids counted down, and a stride that skips whole workers
print(list(range(hi, hi - 5, -1))[:3], range(hi, lo, -(1 << 12))[1], len(range(hi, lo, -(1 << 12))))
print(sum(range(2**40, 2**40 + 1000)), max(range(10**18, 10**18 + 7, 3)), hash(range(2**40)) == hash(range(0, 2**40, 1)))
print(range(2**64)[2**63], range(-2**62, 2**62, 2**61), range(0, 10**20, 10**19)[3:7])
seen = {range(0, 10): "ten", range(0, 2**40): "big"}
print(seen[range(10)], seen[range(2**40)], range(0) == range(5, 5), range(3, 4) == range(3, 100, 50))
try:
    range(2**40)[2**41]
except IndexError as e:
    print("IndexError:", e)
try:
    range(1, 2**40, 0)
except ValueError as e:
    print("ValueError:", e)
