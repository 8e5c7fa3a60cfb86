# Deduplicate a large event log by user id, then mix in composite keys: big sets of ints and tuples.
import random

random.seed(7)
events = [random.randint(0, 250_000) for _ in range(120_000)]
seen = set(events)
print("distinct users:", len(seen), "of", len(events))
active = {u for u in seen if u % 7 == 0}
print("active sample:", sorted(active)[:5], len(active))
print("first by set order:", list(seen)[:12])
returning = set(range(0, 250_000, 3)) & seen
print("returning:", len(returning), list(returning)[:8])
churned = seen - set(range(100_000, 250_000))
print("churned:", len(churned), list(churned)[-6:])
for u in list(seen)[:20000]:
    seen.discard(u)
print("after discards:", len(seen), list(seen)[:8])
seen.add((1, 2))
seen.add(-1)
seen.add(2.5)
print("mixed keys:", (1, 2) in seen, -1 in seen, 2.5 in seen, 2 in seen, len(seen))
small = {u % 97 for u in events[:500]} | {(3, 4), -5}
print("small mixed:", small)
small.discard((3, 4))
small.clear()
small.update(range(-10, 10))
print("cleared and refilled:", small, small.pop(), small.pop())
