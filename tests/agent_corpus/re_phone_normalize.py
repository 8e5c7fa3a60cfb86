import re

raw = [
    "(555) 123-4567",
    "555.123.4567",
    "+1 555 123 4567",
    "1-555-123-4567",
    "5551234567",
    "555-1234",
    "call me at 555 123 4567 ext. 89",
    "+44 20 7946 0958",
]

US = re.compile(r"^(?:\+?1[-. ]?)?\(?(\d{3})\)?[-. ]?(\d{3})[-. ]?(\d{4})(?:\s*(?:ext\.?|x)\s*(\d{1,5}))?$")


def normalize(s):
    s = s.strip()
    s = re.sub(r"^call me at\s+", "", s, flags=re.IGNORECASE)
    m = US.match(s)
    if not m:
        return None
    area, exchange, line, ext = m.groups()
    out = f"({area}) {exchange}-{line}"
    if ext:
        out += f" x{ext}"
    return out


for r in raw:
    print(f"{r!r:40} {normalize(r)}")

digits_only = [re.sub(r"\D", "", r) for r in raw]
print(digits_only)
print([d for d in digits_only if re.fullmatch(r"1?\d{10}", d)])


def mask(m):
    return "*" * (len(m.group(0)) - 4) + m.group(0)[-4:]


print(re.sub(r"\d{7,}", mask, "accounts: 5551234567 and 12345 and 44207946095"))
print(re.subn(r"(\d{3})[-.](\d{4})", r"\1-\2", "555.1234 and 555-9876 and 5551"))
print(re.sub(r"(?P<a>\d{3})(?P<b>\d{3})(?P<c>\d{4})", r"\g<a>-\g<b>-\g<c>", "5551234567"))
