import re
from collections import Counter

text = """Contact: Alice.Smith@Example.com, bob_99@mail.example.org; support@example.com
Invalid: foo@bar, @nouser.com, carol@@example.com
More: dave+newsletter@sub.domain.co.uk (primary), ERIN@EXAMPLE.COM
"""

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII)
found = EMAIL.findall(text)
print(len(found), found)

normalized = sorted({e.lower() for e in found})
print(normalized)

domains = Counter(e.split("@", 1)[1] for e in normalized)
for domain, n in domains.most_common():
    print(f"{domain:>24}: {n}")

VALID = re.compile(r"(?P<local>[a-z0-9._%+-]+)@(?P<domain>[a-z0-9.-]+\.[a-z]{2,})", re.I)
candidates = ["Alice.Smith@Example.com", "foo@bar", "x@y.z", "first.last@company.io", "a b@c.com"]
for c in candidates:
    m = VALID.fullmatch(c)
    print(f"{c!r:28} -> {'valid' if m else 'invalid'}", m.group("local", "domain") if m else "")

tags = re.sub(r"\+[^@]*@", "@", "dave+newsletter@sub.domain.co.uk")
print(tags)
masked = EMAIL.sub(lambda m: m.group()[0] + "***@" + m.group().split("@")[1], text.splitlines()[0])
print(masked)
print(re.split(r"[,;]\s*", text.splitlines()[0].split(": ", 1)[1]))
