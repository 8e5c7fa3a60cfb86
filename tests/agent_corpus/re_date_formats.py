import re
from datetime import date

samples = [
    "Invoice dated 2023-03-15 due 2023-04-14",
    "Meeting on 03/15/2023 and follow-up 4/1/2023",
    "Published 15 March 2023; updated 1 Apr 2023",
    "Bad date 2023-13-45 and 31/31/2023",
]

MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}

ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
US = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
TEXT = re.compile(r"\b(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* (\d{4})\b", re.I)


def parse_all(s):
    found = []
    for m in ISO.finditer(s):
        found.append((m.start(), int(m[1]), int(m[2]), int(m[3])))
    for m in US.finditer(s):
        found.append((m.start(), int(m[3]), int(m[1]), int(m[2])))
    for m in TEXT.finditer(s):
        found.append((m.start(), int(m[3]), MONTHS[m[2][:3].lower()], int(m[1])))
    out = []
    for pos, y, mo, d in sorted(found):
        try:
            out.append(date(y, mo, d).isoformat())
        except ValueError as e:
            out.append(f"invalid({y}-{mo}-{d})")
    return out


for s in samples:
    print(parse_all(s))

print(US.sub(r"\3-\1-\2", samples[1]))
print(US.sub(lambda m: "{}-{:0>2}-{:0>2}".format(m[3], m[1], m[2]), samples[1]))
print(ISO.sub(r"\g<3>.\g<2>.\g<1>", samples[0]))
print(TEXT.findall(samples[2]))
print(re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])", "2023-02-30") is not None)
print(re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])", "2023-13-01"))
