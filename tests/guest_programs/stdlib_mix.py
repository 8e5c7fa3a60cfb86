# A realistic agent-style program over the frozen standard-library layer: parse a CSV of orders,
# aggregate with collections/statistics/itertools, handle dates, and format a report. Its output must
# be identical to CPython's (stdlib_mix.expected is generated with CPython).
from __future__ import annotations

import base64
import bisect
import copy
import csv
import io
import json
import statistics
import textwrap
import uuid
from collections import Counter, defaultdict, deque, namedtuple
from contextlib import suppress
from datetime import date, datetime, timedelta, timezone
from enum import Enum, auto
from functools import lru_cache, reduce
from itertools import accumulate, combinations, groupby, islice, pairwise
from operator import itemgetter
from typing import Dict, List, Optional
from urllib.parse import parse_qs, urlencode, urlparse

ORDERS = '''order_id,date,region,product,qty,unit_price,note
1001,2024-01-30,North,Widget,3,9.99,
1002,2024-01-31,South,Gadget,1,24.50,"gift, wrapped"
1003,2024-02-01,North,Gizmo,7,3.25,
1004,2024-02-01,East,Widget,2,9.99,"said ""rush"""
1005,2024-02-03,South,Widget,5,9.99,
1006,2024-02-10,East,Gadget,2,24.50,
1007,2024-02-28,North,Gadget,1,24.50,
1008,2024-02-29,West,Gizmo,12,3.25,"multi
line"
1009,2024-03-01,West,Widget,4,9.99,
1010,2024-03-04,North,Gizmo,6,3.25,
'''


class Status(Enum):
    SMALL = auto()
    MEDIUM = auto()
    LARGE = auto()


Line = namedtuple("Line", "order_id day region product qty total")


def classify(total: float) -> Status:
    return [Status.SMALL, Status.MEDIUM, Status.LARGE][bisect.bisect([20, 50], total)]


def load(text: str) -> List[Line]:
    lines = []
    for row in csv.DictReader(io.StringIO(text)):
        day = datetime.strptime(row["date"], "%Y-%m-%d").date()
        total = round(int(row["qty"]) * float(row["unit_price"]), 2)
        lines.append(Line(int(row["order_id"]), day, row["region"], row["product"], int(row["qty"]), total))
    return lines


lines = load(ORDERS)
print("orders:", len(lines), "first:", lines[0].day.isoformat(), "last:", lines[-1].day.strftime("%d %b %Y (%a)"))

by_region: Dict[str, List[Line]] = defaultdict(list)
for line in lines:
    by_region[line.region].append(line)
for region in sorted(by_region):
    totals = [l.total for l in by_region[region]]
    print("%-5s n=%d sum=%.2f mean=%.3f median=%.3f" % (region, len(totals), sum(totals), statistics.mean(totals), statistics.median(totals)))

all_totals = [l.total for l in lines]
print("stdev %.4f pstdev %.4f quartiles %s" % (statistics.stdev(all_totals), statistics.pstdev(all_totals), ["%.2f" % q for q in statistics.quantiles(all_totals)]))
print("mode of products:", statistics.mode(l.product for l in lines), "multimode qty:", statistics.multimode(l.qty for l in lines))

products = Counter()
for line in lines:
    products[line.product] += line.qty
print("units:", sorted(products.items()), "top:", products.most_common(1), "total:", products.total())
print("status counts:", sorted((s.name, n) for s, n in Counter(classify(l.total) for l in lines).items()))

weekly = {}
for week, group in groupby(sorted(lines, key=lambda l: l.day.isocalendar()[:2]), key=lambda l: l.day.isocalendar()[:2]):
    weekly["%d-W%02d" % week] = round(sum(l.total for l in group), 2)
print("weekly:", sorted(weekly.items()))
print("running:", ["%.2f" % x for x in accumulate(l.total for l in lines)][-3:])
gaps = [(b.day - a.day).days for a, b in pairwise(lines)]
print("gaps:", gaps, "max gap:", max(gaps), "span:", lines[-1].day - lines[0].day)
print("month ends:", [str(d + timedelta(days=1)) for d in (date(2024, 1, 31), date(2024, 2, 29), date(2023, 2, 28))])
stamp = datetime(2024, 3, 4, 18, 30, tzinfo=timezone.utc)
print("stamp:", stamp.isoformat(), stamp.astimezone(timezone(timedelta(hours=-5))).strftime("%Y-%m-%d %H:%M %z"))

pairs = sorted(combinations(sorted(products), 2))
print("pairs:", pairs)


@lru_cache(maxsize=None)
def ways(n: int) -> int:
    return 1 if n < 2 else ways(n - 1) + ways(n - 2)


print("ways(60):", ways(60), ways.cache_info().misses)
print("product of qty:", reduce(lambda a, b: a * b, (l.qty for l in lines)))
best = max(lines, key=itemgetter(5))
print("best:", best.order_id, best.product, best.total)

notes = [row["note"] for row in csv.DictReader(io.StringIO(ORDERS)) if row["note"]]
print("notes:", notes)
out = io.StringIO()
writer = csv.writer(out, lineterminator="\n")
writer.writerow(["region", "orders", "note"])
for region in sorted(by_region):
    writer.writerow([region, len(by_region[region]), "a, b" if region == "North" else 'say "x"'])
print(out.getvalue(), end="")

summary = {"regions": sorted(by_region), "units": products["Widget"], "missing": products["Nothing"]}
encoded = base64.urlsafe_b64encode(json.dumps(summary, separators=(",", ":")).encode())
print("b64:", encoded.decode(), json.loads(base64.urlsafe_b64decode(encoded))["units"])

url = "https://shop.example.com/orders?" + urlencode({"region": "North East", "page": 2, "q": "gift & wrap"})
parts = urlparse(url)
print("url:", url, parts.hostname, parts.path, sorted(parse_qs(parts.query).items()))
print("id:", uuid.uuid5(uuid.NAMESPACE_URL, url))

report = "Orders from %d regions totalled %.2f over %d days; the busiest product was %s." % (
    len(by_region), sum(all_totals), (lines[-1].day - lines[0].day).days, products.most_common(1)[0][0])
print(textwrap.fill(report, width=40, initial_indent="> ", subsequent_indent="> "))
print(textwrap.shorten(report, 30))

queue = deque(islice(lines, 3), maxlen=5)
queue.extend(lines[3:5])
queue.rotate(1)
print("queue:", [l.order_id for l in queue])
backup = copy.deepcopy(dict(by_region.items()))
backup["North"].pop()
print("deepcopy independent:", len(backup["North"]), len(by_region["North"]))
with suppress(KeyError):
    print({}["missing"])
print("lookup:", Status(2), Status["LARGE"].value, [s.name for s in Status], Optional[int])
