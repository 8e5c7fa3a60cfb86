import random
import json
from datetime import date, timedelta

rng = random.Random("synthetic-v1")
first = ["Ana", "Ben", "Chloé", "Dev", "Eli", "Fatima", "Goran", "Hana"]
cities = ["Lisbon", "Osaka", "Austin", "Nairobi", "Oslo"]
start = date(2024, 1, 1)
rows = []
for i in range(12):
    rows.append({
        "id": i + 1,
        "name": rng.choice(first),
        "age": rng.randint(18, 75),
        "city": rng.choices(cities, weights=[5, 3, 3, 2, 1])[0],
        "joined": (start + timedelta(days=rng.randrange(365))).isoformat(),
        "score": round(rng.gauss(70, 12), 2),
        "tags": rng.sample(["vip", "beta", "churn-risk", "referral", "mobile"], k=rng.randint(0, 3)),
    })
for r in rows:
    print(json.dumps(r, ensure_ascii=False))
ages = [r["age"] for r in rows]
print(min(ages), max(ages), sum(ages) / len(ages))
print(rng.getrandbits(48), rng.random(), rng.expovariate(0.5), rng.lognormvariate(1, 0.3))
