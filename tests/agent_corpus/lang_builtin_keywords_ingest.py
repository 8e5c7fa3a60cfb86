# Ingest a "key=value" config and a column-oriented export: split(maxsplit=1) parsing, progress printed with
# flush=True, zip(strict=True) over columns, round/sum/pow with keyword arguments, encode/decode by name.
CONFIG = """
# service settings
name = orders-api
url = https://example.test/api?a=1&b=2
retries=3
timeout = 2.5
tags = red, green,blue
broken line without equals
"""

settings = {}
problems = []
for lineno, raw in enumerate(CONFIG.splitlines(keepends=False), start=1):
    line = raw.strip()
    if not line or line.startswith("#"):
        continue
    parts = line.split("=", maxsplit=1)
    if len(parts) != 2:
        problems.append((lineno, line))
        continue
    key, value = (p.strip() for p in parts)
    settings[key] = value
print(f"parsed {len(settings)} settings, {len(problems)} problem(s)", flush=True)
for key, value in sorted(settings.items()):
    print(f"  {key:<8} -> {value!r}")
for lineno, line in problems:
    print(f"  line {lineno}: cannot parse {line!r}")
tags = [t.strip() for t in settings["tags"].split(sep=",")]
host, _, query = settings["url"].partition("?")
print(
    "tags:",
    tags,
    "| host:",
    host.rsplit("/", maxsplit=1)[0],
    "| query:",
    dict(kv.split("=", 1) for kv in query.split("&")),
)

columns = {
    "region": ["north", "south", "east", "west"],
    "units": [120, 75, 240, 60],
    "price": [2.499, 3.125, 1.875, 4.05],
}
rows = []
for i, (region, units, price) in enumerate(
    zip(columns["region"], columns["units"], columns["price"], strict=True)
):
    revenue = units * price
    rows.append((region, units, round(revenue, ndigits=2)))
    print(
        f"[{i + 1}/{len(columns['region'])}] {region:<6} {units:>4} x {price:<6} = {revenue:>9.3f}",
        end="\n",
        flush=True,
    )
total = sum((r[2] for r in rows), start=0.0)
print(
    "total revenue:",
    round(number=total, ndigits=1),
    "| growth x",
    pow(base=1.05, exp=3),
    "| mod check",
    pow(7, 2, mod=5),
)

columns["units"].append(99)
try:
    list(zip(*columns.values(), strict=True))
except ValueError as e:
    print("column check failed:", e)

payload = "région=Zürich".encode(encoding="utf-8", errors="strict")
print(payload.hex(sep=" "), payload.decode(encoding="utf-8").split("=", maxsplit=1))
print("a\tb\tc".expandtabs(tabsize=4).replace(" ", "."))
try:
    line = "a=b"
    line.split("=", maxsplit=1, limit=2)
except TypeError as e:
    print("TypeError:", e)
