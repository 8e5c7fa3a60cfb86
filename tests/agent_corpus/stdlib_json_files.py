import io
import json

records = [{"id": i, "label": f"row-{i}", "score": i * 1.5} for i in range(5)]

buf = io.StringIO()
json.dump(records, buf, indent=2)
text = buf.getvalue()
print(text)

buf.seek(0)
loaded = json.load(buf)
print(loaded == records, type(loaded).__name__, len(loaded))

# JSON Lines
lines = io.StringIO()
for r in records:
    lines.write(json.dumps(r, sort_keys=True) + "\n")
lines.seek(0)
total = 0.0
for line in lines:
    row = json.loads(line)
    total += row["score"]
print("total score", total)

out = io.StringIO()
json.dump({"nested": {"list": [1, [2, [3, []]], {}]}, "empty": {}}, out, indent=3, separators=(",", ": "))
print(out.getvalue())
print(json.dumps([], indent=2), json.dumps({}, indent=2), json.dumps([[]], indent=0))
