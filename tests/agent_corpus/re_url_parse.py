import re

URL = re.compile(
    r"^(?P<scheme>[a-z][a-z0-9+.-]*)://"
    r"(?:(?P<user>[^:@/]+)(?::(?P<password>[^@/]*))?@)?"
    r"(?P<host>[^:/?#]+)(?::(?P<port>\d+))?"
    r"(?P<path>/[^?#]*)?(?:\?(?P<query>[^#]*))?(?:#(?P<fragment>.*))?$",
    re.IGNORECASE,
)

urls = [
    "https://example.com/search?q=regex+tutorial&page=2#results",
    "http://user:secret@db.internal:5432/analytics",
    "ftp://files.example.org/pub/data.csv",
    "HTTPS://EXAMPLE.COM",
    "not a url",
]


def parse_query(q):
    if not q:
        return {}
    params = {}
    for key, value in re.findall(r"([^&=]+)=?([^&]*)", q):
        value = re.sub(r"%([0-9A-Fa-f]{2})", lambda m: chr(int(m.group(1), 16)), value.replace("+", " "))
        params.setdefault(key, []).append(value)
    return params


for u in urls:
    m = URL.match(u)
    if not m:
        print("unparseable:", u)
        continue
    parts = {k: v for k, v in m.groupdict().items() if v is not None}
    if "password" in parts:
        parts["password"] = "***"
    print(sorted(parts.items()))
    print("  query:", parse_query(m["query"]))
    port = int(m["port"]) if m["port"] else {"http": 80, "https": 443, "ftp": 21}[m["scheme"].lower()]
    print("  port:", port, "path segments:", [s for s in re.split(r"/+", m["path"] or "") if s])

print(parse_query("a=1&b=hello%20world&a=2&flag&c=x+y"))
slug = re.sub(r"[^a-z0-9]+", "-", "Hello, World! Regex & URLs 101".lower()).strip("-")
print(slug)
print(
    re.sub(
        r"(?<=[?&])(token|key)=[^&]*", r"\1=REDACTED", "https://api.example.com/v1?key=abc123&x=1&token=zzz"
    )
)
