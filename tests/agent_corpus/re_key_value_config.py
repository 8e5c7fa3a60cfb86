import re
import json

CONFIG = """
; database settings
[database]
host = db.example.com
port=5432
user = "admin"   # inline comment
password = 's3cr#t'

[cache]
enabled = true
ttl_seconds = 300
servers = cache1:11211, cache2:11211

[empty]
# nothing here
"""

SECTION = re.compile(r"^\[(?P<name>[^\]]+)\]\s*$", re.M)
PAIR = re.compile(r"""^\s*(?P<key>[\w.-]+)\s*=\s*(?P<value>"[^"]*"|'[^']*'|[^#;]*?)\s*(?:[#;].*)?$""")


def convert(value):
    if re.fullmatch(r"""(["']).*\1""", value):
        return value[1:-1]
    if re.fullmatch(r"-?\d+", value):
        return int(value)
    if re.fullmatch(r"(?i)true|false|yes|no", value):
        return value.lower() in ("true", "yes")
    if "," in value:
        return [v for v in re.split(r"\s*,\s*", value) if v]
    return value


config = {}
current = None
for lineno, line in enumerate(CONFIG.splitlines(), 1):
    if re.match(r"^\s*(?:[#;].*)?$", line):
        continue
    m = SECTION.match(line)
    if m:
        current = config.setdefault(m["name"], {})
        continue
    m = PAIR.match(line)
    if m and current is not None:
        current[m["key"]] = convert(m["value"])
    else:
        print(f"line {lineno}: cannot parse {line!r}")

print(json.dumps(config, sort_keys=True))
print(SECTION.findall(CONFIG))
print([m.start() for m in SECTION.finditer(CONFIG)])
print(re.sub(r"(?m)^(password\s*=\s*).*$", r"\1<hidden>", CONFIG).count("<hidden>"))
