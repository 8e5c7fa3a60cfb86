import copy
import json

defaults = json.loads('{"server": {"host": "0.0.0.0", "port": 8000, "debug": false}, "db": {"pool": 5, "timeout": 30.0}, "features": ["a", "b"]}')
override = json.loads('{"server": {"port": 9000, "debug": true}, "db": {"timeout": 12.5}, "features": ["c"], "extra": {"x": null}}')


def deep_merge(base, extra):
    out = copy.deepcopy(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = value
    return out


merged = deep_merge(defaults, override)
print(json.dumps(merged, indent=2))
print(json.dumps(merged, separators=(",", ":"), sort_keys=True))
flat = {}


def flatten(prefix, obj):
    if isinstance(obj, dict):
        for k, v in obj.items():
            flatten(f"{prefix}.{k}" if prefix else k, v)
    else:
        flat[prefix] = obj


flatten("", merged)
for key in sorted(flat):
    print(f"{key:<16} = {json.dumps(flat[key])}")
try:
    json.loads('{"server": {"port": 9000,}}')
except json.JSONDecodeError as e:
    print(f"config error at line {e.lineno}, column {e.colno}: {e.msg}")
