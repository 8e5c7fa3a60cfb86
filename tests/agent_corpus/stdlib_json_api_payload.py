import json
from datetime import datetime, timezone

response_text = """{
  "status": "ok",
  "page": 2,
  "results": [
    {"id": "u-101", "name": "Renée", "email": "renee@example.com", "signup": "2024-01-15T08:30:00+00:00", "plan": "pro", "spend": 1299.5},
    {"id": "u-102", "name": "Oğuz", "email": "oguz@example.com", "signup": "2023-11-02T17:05:00+00:00", "plan": "free", "spend": 0},
    {"id": "u-103", "name": "Mia", "email": null, "signup": "2024-03-01T00:00:00+00:00", "plan": "pro", "spend": 310.25}
  ]
}"""

data = json.loads(response_text)
assert data["status"] == "ok"
users = data["results"]
cutoff = datetime(2024, 1, 1, tzinfo=timezone.utc)
summary = []
for u in users:
    signed = datetime.fromisoformat(u["signup"])
    summary.append({
        "id": u["id"],
        "name": u["name"],
        "new": signed >= cutoff,
        "contactable": bool(u["email"]),
        "spend": round(u["spend"], 1),
    })

print(json.dumps(summary))
print(json.dumps(summary, indent=2, ensure_ascii=False))
by_plan = {}
for u in users:
    by_plan.setdefault(u["plan"], []).append(u["id"])
print(json.dumps(by_plan, sort_keys=True, indent=1))
total = sum(u["spend"] for u in users)
print(f"total spend: {total:.2f} over {len(users)} users (page {data['page']})")
