import json
from collections import Counter, defaultdict

raw = """
[
  {"id": 1, "name": "Zoë", "dept": "eng", "salary": 120000.5, "tags": ["python", "rust"]},
  {"id": 2, "name": "Ahmed", "dept": "ops", "salary": 95000, "tags": []},
  {"id": 3, "name": "Chen", "dept": "eng", "salary": 130250.75, "tags": ["go"]},
  {"id": 4, "name": "Dana", "dept": "sales", "salary": null, "tags": ["crm", "python"]}
]
"""

employees = json.loads(raw)
print(f"Loaded {len(employees)} employees")

by_dept = defaultdict(list)
for e in employees:
    by_dept[e["dept"]].append(e)

summary = {}
for dept, people in sorted(by_dept.items()):
    paid = [p["salary"] for p in people if p["salary"] is not None]
    summary[dept] = {
        "count": len(people),
        "total": round(sum(paid), 2),
        "avg": round(sum(paid) / len(paid), 2) if paid else None,
        "names": sorted(p["name"] for p in people),
    }

print(json.dumps(summary, indent=2))
print(json.dumps(summary, indent=2, ensure_ascii=False))
print(json.dumps(summary, sort_keys=True, separators=(",", ":")))

tag_counts = Counter(t for e in employees for t in e["tags"])
print(json.dumps(dict(tag_counts.most_common()), indent="\t"))

# Round trip must be lossless.
text = json.dumps(employees, indent=4, sort_keys=True)
assert json.loads(text) == employees
print(text.count("\n"), "lines")
print(json.dumps({"ratio": 1 / 3, "big": 10**20, "neg": -0.0, "flag": True, "none": None}))
