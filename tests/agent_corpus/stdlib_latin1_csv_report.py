import csv
import io
from collections import defaultdict

# An export from a legacy system: Windows-1252 / Latin-1 bytes, a non-breaking space as thousands separator
raw = (
    "région;ville;montant;note\r\n"
    "Île-de-France;Paris;12\xa0500,50;très bien\r\n"
    "Provence;Aix-en-Provence;3\xa0200,00;«\xa0à revoir\xa0»\r\n"
    "Bretagne;Saint-Malo;870,25;ok\r\n"
    "Île-de-France;Créteil;1\xa0050,75;\r\n"
).encode("latin-1")
print(len(raw), raw[:12], raw.count(b"\xa0"))

try:
    raw.decode("utf-8")
except UnicodeDecodeError as e:
    print("not utf-8:", e)

text = raw.decode("latin-1")
rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
totals = defaultdict(float)
for row in rows:
    amount = float("".join(row["montant"].split()).replace(",", "."))
    totals[row["région"]] += amount
    note = " ".join(row["note"].strip("«» \xa0").split()) or "-"
    print(f"{row['ville'].ljust(16, '.')}{amount:>12,.2f}  {note.center(12, '~')}")

print("-" * 40)
for region, total in sorted(totals.items(), key=lambda kv: -kv[1]):
    print(region.rjust(16), f"{total:>12,.2f}", region.encode("ascii", "replace").decode(), region.encode("ascii", "xmlcharrefreplace").decode())

# the price list arrives as cp1252 (euro sign, curly quotes), the summary leaves as UTF-8 with a BOM
prices = b"\x93Caf\xe9\x94 \x80 3,50\n\x84Th\xe9\x93 \x80 2,90\n".decode("cp1252")
print(prices.splitlines(), [p.rsplit(None, 1)[-1] for p in prices.splitlines()])
out = "produit;prix\n" + prices.replace(" €", ";")
blob = out.encode("utf-8-sig")
print(blob[:8], len(blob), blob.decode("utf-8-sig") == out)
print("€".encode("cp1252"), "€".encode("utf-16-le"), "€".encode("utf-16"), bytes("Zoë", "latin-1"))
for enc in ("ascii", "latin-1", "cp1252", "shift-jis-not-real"):
    try:
        print(enc, "Café €".encode(enc))
    except (UnicodeEncodeError, LookupError) as e:
        print(enc, type(e).__name__, e)
