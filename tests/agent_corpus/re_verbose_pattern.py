import re

MONEY = re.compile(
    r"""
    (?P<sign>-)?                 # optional minus
    (?P<currency>[$€£])\s?       # currency symbol
    (?P<whole>\d{1,3}(?:,\d{3})*|\d+)   # 1,234,567 or 1234567
    (?:\.(?P<cents>\d{2}))?      # optional cents
    (?!\d)                       # not followed by more digits
""",
    re.VERBOSE,
)

text = "Paid $1,234.56 and €99, refunded -£12.50; fee $ 3.5 then $1234567.00 total, not $12345,67"
total = {}
for m in MONEY.finditer(text):
    whole = int(m.group("whole").replace(",", ""))
    cents = int(m.group("cents") or 0)
    amount = whole * 100 + cents
    if m.group("sign"):
        amount = -amount
    total[m.group("currency")] = total.get(m.group("currency"), 0) + amount
    print(f"{m.group(0)!r:16} -> {amount / 100:.2f} {m.group('currency')}")
print(sorted(total.items()))

PHONE = re.compile(
    r"""
    ^\s*
    (?:\+(?P<cc>\d{1,3})[\s.-]*)?   # country code
    \(?(?P<area>\d{3})\)?           # area code, maybe in parentheses
    [\s.-]*(?P<num>\d{3}[\s.-]*\d{4})
    \s*$
""",
    re.X,
)
for p in ["+1 (555) 010-9999", "555.010.9999", "(555)0109999", "55-010-9999"]:
    m = PHONE.match(p)
    print(p, "->", m.groupdict() if m else None)

inline = re.compile(r"(?x) \d+ [ ] \w+  # a number, a literal space, a word")
print(inline.findall("12 apples, 7 pears, 100bananas"))
print(re.findall(r"(?i)(?x) colou?r  s?", "Color COLOURS colr"))
print(re.compile(r"a b # c", re.X).pattern, re.compile(r"a b # c", re.X).flags)
