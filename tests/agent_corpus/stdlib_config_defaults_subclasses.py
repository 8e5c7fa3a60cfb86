# Configuration with defaults: dict subclasses with __missing__, str subclasses as typed keys
class Defaults(dict):
    def __missing__(self, key):
        if key.endswith("_timeout"):
            return 30
        raise KeyError(key)


class Tag(str):
    def __repr__(self):
        return f"Tag({str.__repr__(self)})"


class Percent(float):
    pass


class Count(int):
    pass


cfg = Defaults(db_timeout=5, region="eu-west")
print(cfg["db_timeout"], cfg["http_timeout"], cfg.get("http_timeout", "unset"), "http_timeout" in cfg)
try:
    cfg["owner"]
except KeyError as e:
    print("missing:", e)

tags = [Tag("prod"), Tag("eu"), "web"]
print(",".join(tags), "+".join(sorted(tags)), Tag("prod").upper())
line = "service=web;env=prod;zone=eu"
sep, eq = Tag(";"), Tag("=")
pairs = dict(p.split(eq, 1) for p in line.split(sep))
print(pairs, line.startswith(Tag("service")), line.count(Tag("e")), line.replace(Tag("prod"), Tag("staging")))
print(line.partition(";"), line.find(Tag("env")), line.strip(Tag("svice=")), "prod" in tags, Tag("eu") in line)

rows = [("cpu", Percent(0.8734), Count(12)), ("memory", Percent(0.5), Count(3)), ("disk", Percent(0.0625), Count(255))]
for name, pct, n in rows:
    print(f"{name:<8}{pct:>8.1%}{n:>6,}{n:>6x}{n:>#10b}", format(Count(n), "04d"), "%5.2f|%-4d|" % (pct, n))
print(bytes(Count(3)), bytearray(Count(2)), "ab" * Count(2), [1, 2, 3][Count(1)])
z = complex(Percent(1.5), Count(2))
print(f"{z}", f"{z:.2f}", f"{z:>14}", format(z, "^16.1e"), f"{-1j:+}")
