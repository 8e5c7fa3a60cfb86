# Walking an event log backwards: reversed() over dicts, views and very long id ranges, slicing labels
# with index objects, and keyword calls the way agents write them.
import math
from datetime import date, timedelta


class Page:
    """A page number usable as an index (like numpy integers in agent code)."""

    def __init__(self, n):
        self.n = n

    def __index__(self):
        return self.n


events = {}
start = date(2024, 3, 1)
for i, kind in enumerate(["signup", "login", "purchase", "login", "refund", "logout"]):
    events[start + timedelta(days=i * 3)] = kind

print("latest first:", [d.isoformat() for d in reversed(events)][:3])
print("kinds backwards:", list(reversed(events.values())))
for day, kind in list(reversed(events.items()))[:2]:
    print(f"  {day:%b %d} {kind}")

ids = range(10**12, 10**12 + 50, 7)
print("last ids:", list(reversed(ids))[:3], "count:", len(ids))
big = reversed(range(2**40))
print(next(big), next(big))

title = "Quarterly événements report"
print(title[Page(0):Page(9)], "|", title[Page(10):], "|", title[::Page(3)])

scores = {"ana": 91.25, "bo": 78.5, "cy": 85.75}
ranking = sorted(scores, key=scores.__getitem__, reverse=True)
print(ranking, [math.floor(scores[n]) for n in ranking], [scores[n].__ceil__() for n in ranking])
print((7.5).__round__(), (1234).__round__(-2), round(2.675, 2), int.__trunc__(9))
lines = "a\nb\n\nc".splitlines(keepends=True)
print(lines, sorted(lines, key=len, reverse=True)[0] == "a\n")
try:
    sorted(scores, keys=len)
except TypeError as exc:
    print("TypeError:", exc)
try:
    len(scores, strict=True)
except TypeError as exc:
    print("TypeError:", exc)
