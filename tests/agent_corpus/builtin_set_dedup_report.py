# Orders cleaning: prices seen, categories, and which customers overlap between months.
orders = [
    {"id": 1, "customer": 1001, "month": "2024-01", "price": 19.99, "tags": ("new", "web")},
    {"id": 2, "customer": 1002, "month": "2024-01", "price": 5.5, "tags": ("web",)},
    {"id": 3, "customer": 1001, "month": "2024-02", "price": 19.99, "tags": ("repeat", "web")},
    {"id": 4, "customer": 1003, "month": "2024-02", "price": 120.0, "tags": ("store",)},
    {"id": 5, "customer": 1004, "month": "2024-02", "price": 0.75, "tags": ("web", "promo")},
    {"id": 6, "customer": 1002, "month": "2024-03", "price": 5.5, "tags": ("web",)},
    {"id": 7, "customer": 1005, "month": "2024-03", "price": 44.25, "tags": ("store", "promo")},
]
prices = {o["price"] for o in orders}
print("distinct prices:", prices)
print("price bands:", {round(p, -1) for p in prices})
by_month = {}
for o in orders:
    by_month.setdefault(o["month"], set()).add(o["customer"])
months = sorted(by_month)
for a, b in zip(months, months[1:]):
    print(f"{a} -> {b}: kept {by_month[a] & by_month[b] or 'none'}, new {by_month[b] - by_month[a]}")
tag_pairs = {tuple(sorted(o["tags"])) for o in orders}
print("tag combinations:", sorted(tag_pairs), len(tag_pairs))
all_tags = set().union(*(o["tags"] for o in orders))
print("tags:", sorted(all_tags), len(all_tags))
weights = {o["id"]: o["price"] / 10 for o in orders}
print("weights:", set(weights.values()))
remaining = set(weights.values())
while remaining:
    w = remaining.pop()
    if w > 2:
        print("heavy:", w)
print("empty now:", remaining)
