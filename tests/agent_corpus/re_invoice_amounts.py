import re

invoice = """INVOICE #INV-2023-0042
Date: 2023-11-05
Item                      Qty   Unit      Total
Widget A                    3   12.50     37.50
Gadget (large)             10    4.99     49.90
Service fee                 1  100.00    100.00
Discount                                 -15.00
Subtotal                                 172.40
VAT 20%                                   34.48
TOTAL DUE                                206.88
"""

LINE = re.compile(
    r"^(?P<item>[A-Za-z][\w ()]*?)\s{2,}(?P<qty>\d+)\s+(?P<unit>\d+\.\d{2})\s+(?P<total>-?\d+\.\d{2})$", re.M
)
items = []
for m in LINE.finditer(invoice):
    qty, unit, total = int(m["qty"]), float(m["unit"]), float(m["total"])
    ok = abs(qty * unit - total) < 0.005
    items.append((m["item"].strip(), qty, unit, total))
    print(f"{m['item'].strip():16} {qty:>3} x {unit:>7.2f} = {total:>8.2f} {'ok' if ok else 'MISMATCH'}")

number = re.search(r"#(?P<prefix>[A-Z]+)-(?P<year>\d{4})-(?P<seq>\d+)", invoice)
print(number.group("prefix"), int(number.group("year")), int(number.group("seq")))
summary = dict(
    (k.strip().lower(), float(v))
    for k, v in re.findall(r"^(Discount|Subtotal|VAT \d+%|TOTAL DUE)\s+(-?[\d.]+)$", invoice, re.M)
)
print(summary)
vat_rate = int(re.search(r"VAT (\d+)%", invoice).group(1)) / 100
computed = sum(t for *_, t in items) + summary["discount"]
print(f"{computed:.2f} {summary['subtotal']:.2f} {computed * vat_rate:.2f} {summary['vat 20%']:.2f}")
all_amounts = [float(x) for x in re.findall(r"(?<![\d.-])-?\d+\.\d{2}\b", invoice)]
print(len(all_amounts), max(all_amounts), min(all_amounts))
print(re.sub(r"(\d+)\.(\d{2})\b", r"\1,\2", "Total 206.88 and 4.99"))
