# A log-processing pipeline that treats one-shot iterators differently from re-iterable data,
# the way a careful analysis script does: `iter(x) is x` tells a stream from a collection.
import itertools
from itertools import chain, groupby, islice, pairwise, tee, zip_longest


def materialize(data):
    """Copy one-shot streams so they can be read twice; leave lists and tuples alone."""
    if iter(data) is data:
        return list(data)
    return data


def describe(stream):
    kind = type(stream).__name__
    return f"{kind}: one-shot={iter(stream) is stream}"


lines = [
    "2024-03-01 INFO start",
    "2024-03-01 WARN disk 81%",
    "2024-03-01 INFO job ok",
    "2024-03-02 ERROR job failed",
    "2024-03-02 INFO retry",
    "2024-03-03 INFO job ok",
]
header = ["# exported log"]
stream = chain(header, lines)
print(describe(stream), describe(lines), iter(iter(lines)) is not lines)

body = islice(stream, 1, None)  # skip the header line
records = materialize(body)
print(len(records), records[0], type(records).__name__)
print(materialize(records) is records)

by_day = groupby(records, key=lambda line: line.split()[0])
for day, entries in by_day:
    levels = [entry.split()[1] for entry in entries]
    print(day, levels, describe(entries))

# reading a stream by hand: next() and the for loop share its position
numbers = chain(range(3), [10, 20])
first = next(numbers)
rest = [n * 2 for n in numbers]
print(first, rest, next(numbers, "exhausted"))

left, right = tee(chain("abc", "de"))
print(describe(left), "".join(left), "".join(islice(right, 2)), "".join(right))

deltas = [b - a for a, b in pairwise([3, 7, 12, 20])]
print(deltas, describe(pairwise("ab")))

table = zip_longest(["id", "name"], [1, "ann", "extra"], fillvalue=None)
print(iter(table) is table, list(table))
print(isinstance(chain(), itertools.chain), isinstance(stream, type(chain())))
