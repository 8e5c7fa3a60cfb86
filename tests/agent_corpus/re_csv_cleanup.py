import re

rows = [
    "  Alice ;  30 ,Engineering|  alice@example.com ",
    "Bob,25 ; Marketing , bob@example.com",
    "Carol  |  41|Sales|carol@example.com",
    "Dan;;Support;dan@example.com",
]

SEP = re.compile(r"\s*[,;|]\s*")
for row in rows:
    fields = SEP.split(row.strip())
    print(fields)

print(SEP.split("a, b; c | d", maxsplit=2))
print(re.split(r"(\s*[,;|]\s*)", "x , y;z"))
print(re.split(r"\s+", "  leading and trailing  "))
print(re.split(r"(?:,)", "a,,b"))
print(re.split(r"x*", "axbc"))
print(re.split(r"(a)|b", "xaybz"))


def clean_amount(s):
    s = re.sub(r"[^\d.,-]", "", s)
    if re.fullmatch(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?", s):
        s = s.replace(",", "")
    elif re.fullmatch(r"-?\d+,\d{1,2}", s):
        s = s.replace(",", ".")
    return float(s)


for amount in ["$1,234.50", "EUR 99,90", "-42", "  7,000,000 ", "3.5 USD"]:
    print(f"{amount!r:>16} -> {clean_amount(amount):.2f}")

headers = ["First Name", "last-name", "E-Mail Address", "  Zip/Postal Code "]
print([re.sub(r"[^a-z0-9]+", "_", h.strip().lower()).strip("_") for h in headers])
