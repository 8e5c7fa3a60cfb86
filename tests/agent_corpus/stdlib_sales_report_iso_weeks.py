import csv, io, json, re, statistics, textwrap, hashlib, base64, itertools, collections
from datetime import datetime, timedelta, timezone, date
from decimal import Decimal, ROUND_HALF_UP
from fractions import Fraction

raw = """date,region,product,units,price
2024-01-05,North,Widget,12,3.50
2024-01-06,South,Gadget,7,12.25
2024-01-06,North,Gadget,3,12.25
2024-02-11,East,Widget,20,3.40
2024-02-12,South,Widget,5,3.55
2024-03-01,East,Gizmo,1,99.99
"""
rows = list(csv.DictReader(io.StringIO(raw)))
for r in rows:
    r["units"] = int(r["units"]); r["price"] = Decimal(r["price"])
    r["date"] = datetime.strptime(r["date"], "%Y-%m-%d").date()
by_region = collections.defaultdict(list)
for r in rows:
    by_region[r["region"]].append(r)
print(f"{'Region':<8}|{'Units':>6}|{'Revenue':>10}|{'Avg':>8}")
print("-" * 35)
for region, rs in sorted(by_region.items(), key=lambda kv: -sum(r['units'] for r in kv[1])):
    rev = sum(r["units"] * r["price"] for r in rs)
    avg = (rev / len(rs)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    print(f"{region:<8}|{sum(r['units'] for r in rs):>6}|{rev:>10,.2f}|{avg:>8}")
units = [r["units"] for r in rows]
print(statistics.mean(units), statistics.median(units), round(statistics.stdev(units), 4), statistics.mode(units))
print(statistics.quantiles(units, n=4), statistics.pvariance(units), statistics.harmonic_mean([1, 2, 4]))
print(statistics.fmean([1.5, 2.5]), statistics.geometric_mean([1, 4, 16]), statistics.median_low([1, 3, 5, 7]))
months = itertools.groupby(sorted(rows, key=lambda r: r["date"].month), key=lambda r: r["date"].strftime("%b"))
for m, g in months:
    g = list(g)
    print(m, len(g), [r["product"] for r in g])
first, last = rows[0]["date"], rows[-1]["date"]
span = last - first
print(span, span.days, span.total_seconds(), first + timedelta(weeks=3), (last - timedelta(days=400)).isoformat())
dt = datetime(2024, 3, 10, 14, 30, 15, 123456, tzinfo=timezone(timedelta(hours=-5)))
print(dt.isoformat(), dt.astimezone(timezone.utc), dt.strftime("%A %d %B %Y %I:%M:%S %p %z %Z %j %U %W"))
print(dt.utcoffset(), dt.tzname(), dt.timestamp(), dt.replace(tzinfo=None) - datetime(2024, 1, 1))
print(datetime.fromisoformat("2024-03-10T14:30:15+02:00"), datetime.fromtimestamp(0, tz=timezone.utc))
print(repr(timedelta(days=-1, seconds=5)), timedelta(hours=25) // timedelta(hours=1), timedelta(minutes=90) / 2)
print(date(2024, 2, 29).isocalendar(), date.today() > date(2020, 1, 1))
print(datetime.strptime("03/15/24 9:05 PM", "%m/%d/%y %I:%M %p"), datetime.strptime("2024-W10-1", "%G-W%V-%u"))
data = {"rows": len(rows), "total": float(sum(r["units"] * r["price"] for r in rows)), "regions": sorted(by_region),
        "ratio": Fraction(3, 9), "when": first}
print(json.dumps(data, default=str, indent=2, sort_keys=True))
back = json.loads(json.dumps({"a": [1, 2.5, None, True], "b": {"c": "é"}}), object_pairs_hook=collections.OrderedDict)
print(back, json.dumps(back, ensure_ascii=False, separators=(",", ":")))
text = "Order #123 shipped to ACME Corp on 2024-03-01; order #456 pending (ACME); #789 cancelled."
for m in re.finditer(r"#(?P<id>\d+)\s+(\w+)", text):
    print(m.group("id"), m.group(2), m.span(), m.start(1))
print(re.sub(r"(\d{4})-(\d\d)-(\d\d)", r"\3/\2/\1", text), re.split(r"[;.]\s*", text))
print(re.findall(r"\b[A-Z]{2,}\b", text), re.subn(r"#(\d+)", lambda m: f"<{int(m[1]) * 2}>", text))
print(textwrap.fill(text, width=30, initial_indent="> ", subsequent_indent="  "))
print(textwrap.shorten(text, width=40, placeholder=" [...]"), textwrap.dedent("   a\n    b\n   c"))
print(textwrap.indent("x\n\ny", "| "), textwrap.wrap("aaa bbb ccc ddd", 7))
h = hashlib.sha256(text.encode()).hexdigest()
print(h[:16], hashlib.md5(b"abc").hexdigest(), base64.b64encode(b"\x00\xffhello"), base64.urlsafe_b64encode(b"\xfb\xff"))
print(bytes.fromhex("de ad be ef").hex(":"), b"abc".hex("-", 1), base64.b64decode("aGVsbG8="), bytes(range(5)).hex())
print(Fraction(1, 3) + Fraction(1, 6), Fraction("0.125"), Fraction(3.75).limit_denominator(10), float(Fraction(22, 7)))
print(Decimal("1.1") + Decimal("2.2"), Decimal(1) / Decimal(7), Decimal("2.675").quantize(Decimal("0.01")), Decimal("1e3").normalize())
for i, (a, b) in enumerate(zip("abc", [1, 2, 3], strict=True), start=1):
    print(i, a, b, end="; ")
print()
try:
    list(zip([1, 2], [1], strict=True))
except ValueError as e:
    print("ValueError:", e)
c = collections.Counter(r["product"] for r in rows)
print(c.most_common(2), c, c.total(), sorted(c.elements()), c - collections.Counter(Widget=2))
print(sorted(rows, key=lambda r: (r["region"], -r["units"]))[0]["units"], max(rows, key=lambda r: r["price"])["product"])
print(list(itertools.accumulate(units)), list(itertools.pairwise(units))[:2], list(itertools.combinations("abc", 2)))
print(list(itertools.product([0, 1], repeat=2)), list(itertools.chain.from_iterable([[1], [2, 3]])), list(itertools.zip_longest("ab", "x", fillvalue="-")))
print(f"{1234567.891:,.2f} {0.25:.1%} {42:08b} {3.14159:10.3f}| {'x':^7}| {-5:+d} {1e-7:g} {123456789:_} {2**64:,}")
print("%-10s|%5.1f|%03d|%x|%e" % ("name", 2.25, 7, 255, 12345.678), "{:>{w}}".format("r", w=4), format(0.5, ".0f"), format(1.5, ".0f"))
