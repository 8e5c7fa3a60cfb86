import array
import collections
import datetime
import decimal
import fractions
import io
import itertools
import json
import random
import re

# An agent checking what it got back before formatting it: type names and modules of common objects.
values = {
    "when": datetime.datetime(2024, 5, 1, 12, 30),
    "day": datetime.date(2024, 5, 1),
    "gap": datetime.timedelta(hours=3),
    "price": decimal.Decimal("19.99"),
    "share": fractions.Fraction(1, 3),
    "pattern": re.compile(r"\d+"),
    "match": re.search(r"\d+", "order 66"),
    "buffer": io.StringIO("a,b"),
    "raw": io.BytesIO(b"xy"),
    "counts": collections.Counter("hello"),
    "recent": collections.deque([1, 2], maxlen=3),
    "ordered": collections.OrderedDict(a=1),
    "nums": array.array("d", [1.5, 2.5]),
    "rng": random.Random(7),
    "pairs": itertools.pairwise([1, 2, 3]),
    "batches": itertools.islice(itertools.count(10, 5), 3),
    "decoder": json.JSONDecoder(),
}
by_module = collections.defaultdict(list)
for key, value in values.items():
    kind = type(value)
    by_module[kind.__module__].append(kind.__qualname__)
    print(f"{key:8} {kind!r:38} {kind.__name__}")
for module, names in sorted(by_module.items()):
    print(module, sorted(names))
try:
    json.loads("{'bad': 1}")
except json.JSONDecodeError as e:
    print(type(e), type(e).__module__, e.pos)
print(list(values["batches"]), list(values["pairs"]), values["match"].group())
