from types import MappingProxyType, SimpleNamespace
import json

raw = json.loads('{"db": {"host": "localhost", "port": 5432}, "debug": true, "name": "svc"}')


def to_ns(obj):
    if isinstance(obj, dict):
        return SimpleNamespace(**{k: to_ns(v) for k, v in obj.items()})
    return obj


cfg = to_ns(raw)
print(cfg)
print(cfg.db.host, cfg.db.port, cfg.debug, cfg.name)
cfg.db.port = 6543
cfg.timeout = 30
print(cfg.db, vars(cfg.db), sorted(vars(cfg)))
print(SimpleNamespace(a=1) == SimpleNamespace(a=1), SimpleNamespace(a=1) == SimpleNamespace(a=2))
defaults = MappingProxyType({"retries": 3, "backoff": 1.5})
print(defaults["retries"], defaults.get("missing", "n/a"), len(defaults), dict(defaults), "backoff" in defaults)
try:
    defaults["retries"] = 5
except TypeError as e:
    print("TypeError:", e)
settings = {**defaults, "retries": 5}
print(settings, list(defaults.items()))
