# Build a plain-text and CSV sales report: join rows (one has a stray number), pad headers, page through rows.
import array
import math


class Region:
    """A region code that can stand in for its integer id (indexes a lookup list, formats with %d/%x)."""

    names = ["north", "south", "east", "west"]

    def __init__(self, code):
        self.code = code

    def __index__(self):
        return self.code

    def __repr__(self):
        return f"Region({self.code})"


sales = [
    (Region(0), "widget", 12, 3.456),
    (Region(2), "gadget", 7, 10.5),
    (Region(1), "widget", 3, 3.456),
    (Region(3), "doohickey", 21, 0.995),
    (Region(2), "widget", 5, 3.456),
]

header = ["region", "product", "qty", "price"]
print("|".join(h.center(11) for h in header))
for region, product, qty, price in sales:
    line = ["%-11s" % Region.names[region], product.ljust(11), "%5d" % qty, str(round(price, 2)).rjust(8)]
    print("|".join(line))

# A row built with a number in it: the join reports which item is wrong.
bad_row = ["north", "widget", 12]
try:
    print(",".join(bad_row))
except TypeError as e:
    print("join failed:", e)
print(",".join(map(str, bad_row)))

# Region ids in hex and as repeat counts for a tiny bar chart.
for region, product, qty, _ in sales:
    print("id=%02x %-9s %s" % (region, product, "#" * (qty // 3)), "%d" % region)

# CSV bytes assembled from memoryviews and bytearrays, as a streaming writer would.
chunks = [memoryview(b"region,qty\n"), bytearray(b"north,12\n"), b"east,21\n", array.array("b", b"west,5\n")]
payload = b"".join(chunks)
print(payload.decode().splitlines(), len(payload))
try:
    b"".join([b"a,1\n", "b,2\n"])
except TypeError as e:
    print("bytes join failed:", e)

# Paging with an "unbounded" page size, and an out-of-range index caught.
page_size = 10**30
for start in range(0, len(sales), 2):
    page = sales[start : start + page_size][:2]
    print(start, [product for _, product, _, _ in page])
try:
    sales[2**80]
except IndexError as e:
    print("lookup failed:", e)
try:
    "-" * 2**80
except OverflowError as e:
    print("ruler failed:", e)
total = math.fsum(q * p for _, _, q, p in sales)
print("total", round(total, 2), round(total, 10**20), round(total, -(10**20)))
