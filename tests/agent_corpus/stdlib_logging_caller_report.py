import logging
import sys
from collections import Counter

logging.basicConfig(
    stream=sys.stdout,
    level=logging.DEBUG,
    format="%(levelname)-7s %(name)s %(funcName)s:%(lineno)d | %(message)s",
    force=True,
)
log = logging.getLogger("sales.report")


class Counting(logging.Handler):
    def __init__(self):
        super().__init__()
        self.where = Counter()

    def emit(self, record):
        self.where[(record.funcName, record.levelname)] += 1


counter = Counting()
log.addHandler(counter)

orders = [
    {"id": 1, "region": "north", "amount": 120.0},
    {"id": 2, "region": "south", "amount": -5.0},
    {"id": 3, "region": "north", "amount": 80.5},
    {"id": 4, "region": None, "amount": 42.0},
    {"id": 5, "region": "east", "amount": "n/a"},
]


def validate(order):
    if order["region"] is None:
        log.warning("order %d has no region", order["id"])
        return False
    if not isinstance(order["amount"], (int, float)):
        log.error("order %d amount %r is not a number", order["id"], order["amount"])
        return False
    if order["amount"] < 0:
        log.info("order %d is a refund of %.2f", order["id"], -order["amount"])
    return True


def summarize(valid):
    totals = {}
    for o in valid:
        totals[o["region"]] = totals.get(o["region"], 0) + o["amount"]
    for region, total in sorted(totals.items()):
        log.debug("region %-6s total %8.2f", region, total)
    return totals


def audit(message):
    # report the caller's location, as helpers written for logging usually do
    log.info("audit: %s", message, stacklevel=2)


def main():
    log.info("start: %d orders", len(orders))
    valid = [o for o in orders if validate(o)]
    audit("validated")
    totals = summarize(valid)
    try:
        ratio = totals["north"] / totals.get("west", 0)
    except ZeroDivisionError as e:
        log.error("no sales in the west (%s)", e)
        ratio = None
    adapter = logging.LoggerAdapter(log, {"run": 7})
    adapter.warning("ratio is %s", ratio)
    return totals


result = main()
logging.getLogger().info("done with %d regions", len(result))
for (func, level), n in sorted(counter.where.items()):
    print(f"{func:<10} {level:<8} {n}")
