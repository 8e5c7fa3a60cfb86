import sys
from collections import deque
from fractions import Fraction

# A recursive solution as agents write it: raise the limit first, check the version for a feature.
sys.setrecursionlimit(10_000)
USE_MATCH = sys.version_info >= (3, 10)

tree = {"root": ["a", "b"], "a": ["a1", "a2"], "b": ["b1"], "a1": [], "a2": ["x"], "b1": [], "x": []}
weights = {"root": 1, "a": 2, "b": 3, "a1": 4, "a2": 5, "b1": 6, "x": 7}


def depth(node):
    return 1 + max((depth(c) for c in tree[node]), default=0)


def share(node, part=Fraction(1)):
    kids = tree[node]
    if not kids:
        return {node: part}
    out = {}
    for kid in kids:
        out.update(share(kid, part / len(kids)))
    return out


def describe(node):
    if USE_MATCH:
        match tree[node]:
            case []:
                return "leaf"
            case [only]:
                return f"one child ({only})"
            case [first, *rest]:
                return f"{len(rest) + 1} children from {first}"
    return "unknown"


print(f"python {sys.version_info.major}.{sys.version_info.minor}, limit {sys.getrecursionlimit()}")
print("depth", depth("root"))
for leaf, frac in sorted(share("root").items()):
    print(f"  {leaf:<3} {str(frac):>4} {float(frac):.3f} {format(frac, '')}")
queue = deque(["root"])
order = []
while queue:
    node = queue.popleft()
    order.append(f"{node}:{describe(node)}")
    queue.extend(tree[node])
print(" | ".join(order))
try:
    queue.remove("zz")
except ValueError as e:
    print("ValueError:", e)
try:
    print(f"{Fraction(1, 3):.2f}")
except TypeError as e:
    print("TypeError:", e)
print(sys.float_info.epsilon < 1e-15, sys.maxunicode, sys.float_info.max > 1e308)
