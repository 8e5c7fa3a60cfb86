from collections import OrderedDict


class LRUCache:
    def __init__(self, capacity):
        self.capacity = capacity
        self.data = OrderedDict()
        self.hits = self.misses = 0

    def get(self, key):
        if key in self.data:
            self.data.move_to_end(key)
            self.hits += 1
            return self.data[key]
        self.misses += 1
        return None

    def put(self, key, value):
        if key in self.data:
            self.data.move_to_end(key)
        self.data[key] = value
        if len(self.data) > self.capacity:
            evicted = self.data.popitem(last=False)
            print("evict", evicted)

    def __repr__(self):
        return f"LRUCache({list(self.data.items())})"


cache = LRUCache(3)
for k in ["a", "b", "c"]:
    cache.put(k, k.upper())
print(cache.get("a"), cache.get("z"))
cache.put("d", "D")
cache.put("b", "B2")
cache.put("e", "E")
print(cache, cache.hits, cache.misses)
print(cache.data, repr(cache.data))
od = OrderedDict.fromkeys("xyz", 0)
print(od == OrderedDict.fromkeys("zyx", 0), dict(od) == dict(OrderedDict.fromkeys("zyx", 0)))
