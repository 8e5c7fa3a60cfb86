import re

DURATION = re.compile(
    r"^\s*(?:(?P<days>\d+)\s*d(?:ays?)?)?\s*(?:(?P<hours>\d+)\s*h(?:(?:ou)?rs?)?)?\s*"
    r"(?:(?P<minutes>\d+)\s*m(?:in(?:ute)?s?)?)?\s*(?:(?P<seconds>\d+(?:\.\d+)?)\s*s(?:ec(?:ond)?s?)?)?\s*$",
    re.I,
)
CLOCK = re.compile(r"^(?:(\d+):)?([0-5]?\d):([0-5]\d)(?:\.(\d{1,3}))?$")
UNITS = {"days": 86400, "hours": 3600, "minutes": 60, "seconds": 1}


def parse(text):
    m = CLOCK.match(text)
    if m:
        h, mi, s, ms = m.groups()
        return int(h or 0) * 3600 + int(mi) * 60 + int(s) + int(((ms or "0") + "00")[:3]) / 1000
    m = DURATION.match(text)
    if not m or not any(m.groups()):
        raise ValueError(f"bad duration: {text!r}")
    return sum(float(v) * UNITS[k] for k, v in m.groupdict().items() if v)


def fmt(seconds):
    seconds = int(seconds)
    parts = []
    for name, size in UNITS.items():
        n, seconds = divmod(seconds, size)
        if n:
            parts.append(f"{n}{name[0]}")
    return " ".join(parts) or "0s"


for t in [
    "1h 30m",
    "2 days 4 hours",
    "45s",
    "1d2h3m4s",
    "90 minutes",
    "1:02:03",
    "12:34",
    "5:07.25",
    "10 parsecs",
    "",
    "3 hrs 15 mins",
]:
    try:
        secs = parse(t)
        print(f"{t!r:18} {secs:>9.2f} {fmt(secs)}")
    except ValueError as e:
        print(e)
print(re.findall(r"(\d+)\s*([dhms])\b", "took 3d 4h and 5m 6s overall"))
total = sum(
    int(n) * {"d": 86400, "h": 3600, "m": 60, "s": 1}[u] for n, u in re.findall(r"(\d+)([dhms])", "1d1h1m1s")
)
print(total)
