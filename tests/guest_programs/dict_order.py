# Dicts keep insertion order (patch 0012): literals, comprehensions, instance and module namespaces,
# deletion and re-insertion, popitem (LIFO), copies, growth through many rehashes, json.
import json

d = {}
for key in ["zeta", "alpha", 3, "mid", (1, 2), 2.5, None, True]:
    d[key] = str(key)
print(d)
del d["alpha"]
d["alpha"] = "again"
d[3] = "replaced in place"
print(list(d), list(d.values())[:3])
print(d.popitem(), len(d))
print(json.dumps({"b": 1, "a": 2, "c": {"z": 0, "y": [1, 2]}}))
print(dict(b=1, a=2), dict([("y", 1), ("x", 2)]), dict.fromkeys("hello"))


class Point:
    def __init__(self):
        self.z = 1
        self.a = 2
        self.m = 3


print(Point().__dict__, {k: v for k, v in zip("qwerty", range(6))})

big = {i * 7919 % 10007: i for i in range(5000)}
for i in range(0, 5000, 2):
    del big[i * 7919 % 10007]
print(list(big)[:6], list(big)[-3:], len(big), sum(big.values()))
big.update({-1: "x", 7919: "moved?"})
print(list(big.items())[-2:], list(big)[:2])

window = {}
for i in range(3000):
    window["k%d" % i] = i
    if i >= 5:
        del window["k%d" % (i - 5)]
print(window, window.copy() == window, list(window.copy()))

stack = {n: n * n for n in range(50)}
popped = [stack.popitem() for _ in range(45)]
print(popped[:3], stack, stack.setdefault("new", 0), list(stack))
print(sorted({3: 1, 1: 2}.items()))
