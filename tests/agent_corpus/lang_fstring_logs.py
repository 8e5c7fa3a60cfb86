from datetime import datetime, timedelta
import json

events = [
    {"ts": "2024-05-01T08:15:00", "level": "info", "msg": "start", "meta": {"user": "ann"}},
    {"ts": "2024-05-01T08:17:30", "level": "warn", "msg": "slow query", "meta": {"ms": 1530}},
    {"ts": "2024-05-01T09:02:05", "level": "error", "msg": "timeout", "meta": {"ms": 30000, "user": "bob"}},
    {"ts": "2024-05-01T09:45:59", "level": "info", "msg": "done", "meta": {}},
]
levels = {"info": "I", "warn": "W", "error": "E"}
prev = None
for e in events:
    t = datetime.fromisoformat(e["ts"])
    gap = f"+{(t - prev).seconds // 60}m" if prev else "start"
    prev = t
    meta = ", ".join(f"{k}={v!r}" for k, v in sorted(e["meta"].items()))
    print(f"[{t.strftime('%H:%M:%S')}] {levels[e['level']]} {e['msg']:<10} {gap:>6} {'{' + meta + '}' if meta else '{}'}")
errors = [e for e in events if e["level"] == "error"]
print(f"{len(errors)} error(s): {json.dumps([e['msg'] for e in errors])}")
span = datetime.fromisoformat(events[-1]["ts"]) - datetime.fromisoformat(events[0]["ts"])
print(f"span: {span}, {span.total_seconds():.0f}s, {span / timedelta(minutes=1):.1f} min")
print(f"{'levels:'} {', '.join(f'{lv}={sum(1 for e in events if e[chr(108) + chr(101) + chr(118) + chr(101) + chr(108)] == lv)}' for lv in levels)}")
print(f"{events[1]['meta']['ms'] / 1000:.2f}s {']' if events else ')'} {':'.join(['a', 'b'])}")
