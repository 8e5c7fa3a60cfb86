from typing import TypedDict, Optional, List
import json


class Address(TypedDict):
    city: str
    zip: str


class Customer(TypedDict, total=False):
    id: int
    name: str
    address: Address
    tags: List[str]


def load(text: str) -> list[Customer]:
    rows: list[Customer] = json.loads(text)
    return [row for row in rows if "id" in row]


data = """[
 {"id": 1, "name": "Acme", "address": {"city": "Lyon", "zip": "69001"}, "tags": ["b2b"]},
 {"name": "no id"},
 {"id": 2, "name": "Globex", "address": {"city": "Paris", "zip": "75002"}},
 {"id": 3, "name": "Initech", "tags": ["b2b", "vip"]}
]"""
customers = load(data)
for c in customers:
    city = c.get("address", {}).get("city", "?")
    print(f"{c['id']:>3} {c['name']:<8} {city:<6} {','.join(c.get('tags', [])) or '-'}")
new: Customer = Customer(id=4, name="Umbrella")
print(new, type(new).__name__, isinstance(new, dict))
print(sorted(Customer.__annotations__), Customer.__total__, Address.__total__)
vip = [c["name"] for c in customers if "vip" in c.get("tags", [])]
print(json.dumps({"count": len(customers), "vip": vip}))
