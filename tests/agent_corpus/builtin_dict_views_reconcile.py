# Reconcile two inventory snapshots by SKU id: which items appeared, vanished or changed, using dict views.
from collections import Counter, defaultdict

monday = {1001: 12, 1002: 0, 1003: 7, 1004: 30, 1010: 5, 1200: 9, 1301: 4}
tuesday = {1001: 12, 1003: 6, 1004: 30, 1010: 5, 1200: 11, 1302: 8, 1400: 1}

added = tuesday.keys() - monday.keys()
removed = monday.keys() - tuesday.keys()
kept = monday.keys() & tuesday.keys()
print("added:", added, "removed:", removed)
print("kept:", kept, "all:", monday.keys() | tuesday.keys())
print("changed or new:", tuesday.items() - monday.items())
print("symmetric item diff:", monday.items() ^ tuesday.items())
print("same keys?", monday.keys() == tuesday.keys(), "subset?", {1001, 1003} <= monday.keys())
print("no overlap with retired:", monday.keys().isdisjoint([9001, 9002]))
if (1004, 30) in tuesday.items():
    print("1004 unchanged at", tuesday[1004])

# Weighted ids from a Counter, bucketed prices from a defaultdict: views of dict subclasses too.
sales = Counter({1001: 3, 1003: 1, 1200: 7, 1400: 2})
unsold = monday.keys() - sales.keys()
print("unsold since monday:", unsold, "new sellers:", sales.keys() - monday.keys())
prices = defaultdict(float, {1001: 2.5, 1003: 0.75, 1200: 12.125, 1302: 3.0})
priced = prices.keys() & tuesday.keys()
print("priced and stocked:", sorted(priced), "unpriced:", tuesday.keys() - prices.keys())
stock_value = {sku: qty * prices[sku] for sku, qty in tuesday.items() if sku in prices.keys()}
print("value by sku:", stock_value, "distinct values:", set(stock_value.values()))
print("value bands:", {round(v / 10) * 10.0 for v in stock_value.values()} | {0.0})

# Ratings keyed by (store, sku): tuple keys and float values in set operations.
ratings = {(1, 1001): 4.5, (1, 1003): 3.75, (2, 1001): 4.25, (2, 1200): 2.5, (3, 1400): 5.0}
audited = {(1, 1001), (2, 1200), (4, 1500)}
print("audited and rated:", ratings.keys() & audited, "not audited:", ratings.keys() - audited)
print("any unrated audit?", not audited <= ratings.keys(), [pair for pair in reversed(ratings.keys())][:2])
low = {k for k, v in ratings.items() if v < 4}
print("low:", low, "ok:", ratings.keys() ^ low)
