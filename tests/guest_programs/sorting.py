# Sorting (patch 0016): stable, key called once per item, reverse keeps equal items in order, errors leave
# every item in the list, modifying the list while it is sorted is a ValueError.
pairs = [((i * 7919) % 21, i) for i in range(3000)]
by_first = sorted(pairs, key=lambda p: p[0])
print(by_first == sorted(pairs, key=lambda p: p[0]), all(by_first[i][1] < by_first[i + 1][1] for i in range(len(by_first) - 1) if by_first[i][0] == by_first[i + 1][0]))
rev = sorted(pairs, key=lambda p: p[0], reverse=True)
print(rev[:4], rev[-4:])
calls = []
def key(v):
    calls.append(v)
    return -v
print(sorted(range(50), key=key)[:5], len(calls))
words = ["banana", "Apple", "cherry", "apple", "Banana", "date"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len, reverse=True))
rows = [{"city": c, "n": n} for c, n in [("Oslo", 3), ("Lima", 1), ("Oslo", 1), ("Baku", 3), ("Lima", 2)]]
rows.sort(key=lambda r: r["n"])
rows.sort(key=lambda r: r["city"])
print([(r["city"], r["n"]) for r in rows])
print(sorted(list(range(20000))) == list(range(20000)), sorted(range(20000, 0, -1))[:3], sorted([3.5, 1, 2.25, -1]))
mixed = [3, 1, "x", 2]
try:
    mixed.sort()
except TypeError:
    print("TypeError", sorted(mixed, key=str))
victim = [5, 3, 1]
def meddle(v):
    victim.append(v)
    return v
try:
    victim.sort(key=meddle)
except ValueError as e:
    print("ValueError", e, victim)
def peek(v):
    print("during sort the list is", seen)
    return v
seen = [2, 1]
seen.sort(key=peek)
print(seen, [].sort(), sorted([]), sorted([1]), sorted("hello"))
class Card:
    def __init__(self, rank):
        self.rank = rank
    def __lt__(self, other):
        return self.rank < other.rank
    def __repr__(self):
        return "Card(%d)" % self.rank
print(sorted([Card(3), Card(1), Card(2)]), max([Card(3), Card(9)]).rank if False else min(3, 1))
