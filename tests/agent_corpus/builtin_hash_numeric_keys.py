from decimal import Decimal
from fractions import Fraction

# Readings arrive as ints, floats, Decimals (from a CSV) and Fractions (from a ratio column): dedupe them
# by value, shard them by hash, and show the ids an agent would log.
readings = [
    12, 12.0, Decimal("12.00"), Fraction(24, 2),
    0.5, Decimal("0.5"), Fraction(1, 2),
    2**40, float(2**40), Decimal(2**40),
    -1, -1.0, Decimal("-1"),
    10**20, Fraction(10**20, 1),
    0.1, Decimal("0.1"), Fraction(1, 3), 1 / 3,
    123456789012345678901234567890, -987654321.125, Decimal("-987654321.125"),
]
unique = {}
for r in readings:
    unique.setdefault(r, []).append(type(r).__name__)
print(len(readings), "readings,", len(unique), "distinct values")
for value, kinds in unique.items():
    print(f"{str(value):>32}  hash={hash(value):>20}  kinds={','.join(kinds)}")

SHARDS = 8
shards = {}
for r in readings:
    shards.setdefault(hash(r) % SHARDS, set()).add(r)
for shard in sorted(shards):
    members = sorted(shards[shard], key=lambda v: (float(v), type(v).__name__))
    print(shard, [repr(m) for m in members])


class Sku:
    def __init__(self, code, batch):
        self.code, self.batch = code, batch

    def __eq__(self, other):
        return isinstance(other, Sku) and (self.code, self.batch) == (other.code, other.batch)

    def __hash__(self):
        # a wide id, as people write it: CPython reduces it modulo 2**61-1
        return self.code * 10**12 + self.batch


stock = {Sku(981234, 7): 14, Sku(981234, 8): 3, Sku(55, 1): 0}
print(stock[Sku(981234, 8)], [hash(s) for s in stock], hash(Sku(10**9, 5)), hash(Sku(-1, 10**12 - 1)))
print(sum(hash(x) for x in [1.5, -2.25, 1e-3, 2**64, -(2**70)]) % 1000003)
