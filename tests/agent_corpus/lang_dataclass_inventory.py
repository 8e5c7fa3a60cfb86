import json
from collections import defaultdict
from dataclasses import dataclass, field, asdict


@dataclass
class Item:
    sku: str
    name: str
    price: float
    qty: int = 0
    tags: list[str] = field(default_factory=list)

    @property
    def value(self) -> float:
        return round(self.price * self.qty, 2)


raw = [
    {"sku": "A-100", "name": "Widget", "price": 2.5, "qty": 40, "tags": ["metal"]},
    {"sku": "B-220", "name": "Gadget", "price": 12.0, "qty": 3},
    {"sku": "C-310", "name": "Doohickey", "price": 0.75, "qty": 1200, "tags": ["bulk", "plastic"]},
    {"sku": "A-101", "name": "Widget XL", "price": 4.25, "qty": 0, "tags": ["metal"]},
]
items = [Item(**row) for row in raw]
print(items[1])
by_tag: dict[str, list[str]] = defaultdict(list)
for item in items:
    for tag in item.tags or ["untagged"]:
        by_tag[tag].append(item.sku)

print(f"{'SKU':<6} {'Name':<10} {'Price':>7} {'Qty':>5} {'Value':>9}")
for item in sorted(items, key=lambda i: (-i.value, i.sku)):
    flag = " (out of stock)" if not item.qty else ""
    print(f"{item.sku:<6} {item.name:<10} {item.price:>7.2f} {item.qty:>5} {item.value:>9,.2f}{flag}")

print("total value:", sum(i.value for i in items))
print(json.dumps({k: sorted(v) for k, v in sorted(by_tag.items())}))
print(json.dumps(asdict(items[0])))
restock = [i for i in items if i.qty < 5]
print(f"restock: {', '.join(i.name for i in restock)}")
print(items[0] == Item("A-100", "Widget", 2.5, 40, ["metal"]), items[0] == items[3])
