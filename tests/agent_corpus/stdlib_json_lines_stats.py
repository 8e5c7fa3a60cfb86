import json
from collections import Counter, defaultdict

log_lines = """{"ts": 1, "level": "info", "svc": "api", "ms": 12.5}
{"ts": 2, "level": "error", "svc": "api", "ms": 250.0, "err": "timeout"}
{"ts": 3, "level": "info", "svc": "worker", "ms": 40.25}
not json at all
{"ts": 4, "level": "warn", "svc": "api", "ms": 99.9}
{"ts": 5, "level": "error", "svc": "worker", "ms": 1200, "err": "oom"}
{"ts": 6, "level": "info", "svc": "api", "ms": 8}
"""

events, bad = [], []
for n, line in enumerate(log_lines.splitlines(), 1):
    try:
        events.append(json.loads(line))
    except json.JSONDecodeError as e:
        bad.append((n, str(e)))

print(f"parsed {len(events)} events, {len(bad)} bad: {bad}")
levels = Counter(e["level"] for e in events)
print(levels.most_common())
lat = defaultdict(list)
for e in events:
    lat[e["svc"]].append(e["ms"])
for svc, values in sorted(lat.items()):
    values.sort()
    print(f"{svc:>7}: n={len(values)} min={values[0]} max={values[-1]} mean={sum(values) / len(values):.3f}")
errors = [e for e in events if e["level"] == "error"]
print(json.dumps({"errors": errors, "count": len(errors)}, indent=2))
print("\n".join(json.dumps(e, sort_keys=True) for e in events[:2]))
