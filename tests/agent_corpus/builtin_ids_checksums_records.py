# Short ids and checksums for records: modular hashing with pow(), hex ids from __index__ objects,
# record classes that take no arguments, and length hints for pre-sizing buffers.
import operator
import warnings

MOD = 2**31 - 1


class RowId:
    def __init__(self, n):
        self.n = n

    def __index__(self):
        return self.n


class Marker:
    """Plain marker objects: no constructor arguments."""

    __init__ = object.__init__


class Batch:
    def __init__(self, rows):
        self.rows = rows

    def __length_hint__(self):
        return len(self.rows)


def checksum(values, base=257):
    h = 0
    for i, v in enumerate(values):
        h = (h + v * pow(base, i, MOD)) % MOD
    return h


rows = [RowId(n) for n in (7, 255, 4096, 65535)]
print(["%06x" % r for r in rows], ["%o" % r for r in rows[:2]], "%d" % rows[-1])
print(checksum([operator.index(r) for r in rows]), pow(True, 10, 7), pow(3, True, 5), pow(10, -1, 17))
for args in ((RowId(3), 2, 5), (3, 2, 5.0), ("3", 2, 5)):
    try:
        pow(*args)
    except TypeError as e:
        print("pow failed:", e)

m = Marker()
print(type(m).__name__)
try:
    Marker("label")
except TypeError as e:
    print("marker failed:", e)

batch = Batch(["a", "b", "c"])
print(operator.length_hint(batch), operator.length_hint([1, 2]), operator.length_hint(object(), 16))
buffer = [None] * operator.length_hint(batch)
print(len(buffer))


class Flag:
    def __init__(self, on):
        self.on = on

    def __index__(self):
        return self.on == "yes"


with warnings.catch_warnings(record=True) as seen:
    warnings.simplefilter("always")
    labels = ["off", "on"]
    print(labels[Flag("yes")], labels[Flag("no")])
print([str(w.message).split(".")[0] for w in seen], [w.category.__name__ for w in seen])
