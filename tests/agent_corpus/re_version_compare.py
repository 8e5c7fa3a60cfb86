import re

SEMVER = re.compile(
    r"^v?(?P<major>0|[1-9]\d*)\.(?P<minor>0|[1-9]\d*)\.(?P<patch>0|[1-9]\d*)"
    r"(?:-(?P<pre>[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+(?P<build>[0-9A-Za-z.-]+))?$"
)

versions = [
    "1.0.0",
    "v2.1.3",
    "1.0.0-alpha",
    "1.0.0-alpha.1",
    "1.0.0-beta.11",
    "1.0.0-beta.2",
    "1.0.0-rc.1+build.5",
    "0.9.12",
    "1.10.0",
    "1.2",
    "01.2.3",
    "2.0.0+meta",
]


def key(v):
    m = SEMVER.match(v)
    core = tuple(int(m[g]) for g in ("major", "minor", "patch"))
    pre = m["pre"]
    if pre is None:
        return core, (1,)
    ids = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in pre.split("."))
    return core, (0,) + ids


valid = [v for v in versions if SEMVER.match(v)]
print("invalid:", [v for v in versions if not SEMVER.match(v)])
for v in sorted(valid, key=key):
    m = SEMVER.match(v)
    print(f"{v:20} pre={m['pre']!s:10} build={m.group('build')}")

REQ = re.compile(
    r"^\s*(?P<name>[A-Za-z0-9_.-]+)\s*(?:\[(?P<extras>[^\]]*)\])?\s*(?P<spec>(?:[<>=!~]=?\s*[\w.*]+\s*,?\s*)*)"
)
for line in [
    "requests>=2.28,<3",
    "numpy == 1.26.*",
    "pandas[excel, sql]~=2.1",
    "black",
    "Django >=4.2 , !=4.2.1",
]:
    m = REQ.match(line)
    specs = re.findall(r"([<>=!~]=?)\s*([\w.*]+)", m["spec"])
    extras = re.split(r"\s*,\s*", m["extras"]) if m["extras"] else []
    print(m["name"].lower(), extras, specs)
print(re.sub(r"(\d+)$", lambda m: str(int(m.group(1)) + 1), "release-1.4.9"))
