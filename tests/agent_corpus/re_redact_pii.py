import re

record = """Customer: Jane Q. Public, DOB 1985-07-23, SSN 123-45-6789
Email jane.public@example.com / backup JQP@mail.example.net
Phone (555) 867-5309, card 4111 1111 1111 1111 exp 09/27, alt card 5500-0000-0000-0004
IP 203.0.113.42 logged in; order ref ORD-99812 (not sensitive)"""

PATTERNS = [
    ("EMAIL", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("SSN", re.compile(r"\b\d{3}-\d{2}-\d{4}\b")),
    ("CARD", re.compile(r"\b(?:\d{4}[ -]?){3}\d{4}\b")),
    ("PHONE", re.compile(r"\(?\b\d{3}\)?[ .-]?\d{3}[ .-]\d{4}\b")),
    ("DATE", re.compile(r"\b\d{4}-\d{2}-\d{2}\b")),
    ("IP", re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")),
]


def luhn_ok(number):
    digits = [int(d) for d in re.sub(r"\D", "", number)][::-1]
    total = sum(d if i % 2 == 0 else (d * 2 - 9 if d * 2 > 9 else d * 2) for i, d in enumerate(digits))
    return total % 10 == 0


counts = {}
redacted = record
for label, pattern in PATTERNS:
    if label == "CARD":
        for m in pattern.finditer(redacted):
            print("card", m.group(), "luhn", luhn_ok(m.group()))
        redacted, n = pattern.subn(lambda m: "[CARD ****" + re.sub(r"\D", "", m.group())[-4:] + "]", redacted)
    else:
        redacted, n = pattern.subn(f"[{label}]", redacted)
    counts[label] = n
print(redacted)
print(counts)
assert not re.search(r"\d{3}-\d{2}-\d{4}", redacted)
print(re.sub(r"(?<=\w)\w(?=\w*@)", "*", "jane.public@example.com"))
print(re.sub(r"\b(\w)\w*\b", r"\1.", "Jane Quinn Public", count=2))
