# Paging, grouping and numbering records with itertools, the way an analysis script does it.
import itertools
import re
from collections import namedtuple
from itertools import accumulate, chain, count, groupby, islice, repeat, tee

Sale = namedtuple("Sale", "region month amount")
sales = [
    Sale("north", "2024-01", 120.0),
    Sale("north", "2024-02", 80.5),
    Sale("south", "2024-01", 200.0),
    Sale("south", "2024-03", 10.0),
    Sale("east", "2024-02", 55.25),
    Sale("north", "2024-03", 99.9),
]

ids = count(1000, 5)
numbered = [(next(ids), s.region) for s in sales]
print(numbered[:3], ids)

by_region = sorted(sales, key=lambda s: s.region)
for region, group in groupby(by_region, key=lambda s: s.region):
    amounts = [s.amount for s in group]
    print(f"{region:<6} n={len(amounts)} total={sum(amounts):8.2f} running={list(accumulate(amounts))}")


def pages(iterable, size):
    it = iter(iterable)
    while True:
        page = list(islice(it, size))
        if not page:
            return
        yield page


for n, page in enumerate(pages(sales, 4), 1):
    print("page", n, [s.month for s in page])

months = sorted({s.month for s in sales})
header = list(chain(["region"], months))
print(header, list(repeat("-", 3)), repeat("=", 2))

current, ahead = tee(s.amount for s in sales)
next(ahead)
print([round(b - a, 2) for a, b in zip(current, ahead)])

objs = [chain(), islice(sales, 2), groupby([]), count(), repeat(None, 1)]
print(
    [type(o).__name__ for o in objs], all(isinstance(o, getattr(itertools, type(o).__name__)) for o in objs)
)
print([re.sub(r" at 0x[0-9a-f]+", "", repr(o)) for o in objs])

try:
    list(islice(sales, -1))
except ValueError as e:
    print("ValueError:", e)
try:
    count("a")
except TypeError as e:
    print("TypeError:", e)
