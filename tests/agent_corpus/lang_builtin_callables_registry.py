# A registry of column transforms, some built-in and some user-written, described and applied to rows.
import math
import re
from dataclasses import dataclass


def clean_address(text):
    return re.sub(r" at 0x[0-9a-f]+", "", text)


def titlecase(s):
    return s.title()


@dataclass
class Step:
    column: str
    func: object

    def describe(self):
        name = getattr(self.func, "__qualname__", "?")
        return f"{self.column:<8} <- {name:<12} {clean_address(repr(self.func))}"


steps = [
    Step("name", str.strip),
    Step("name", titlecase),
    Step("city", str.upper),
    Step("tags", sorted),
    Step("score", abs),
    Step("score", math.sqrt),
    Step("tags", len),
]

rows = [
    {"name": "  ada lovelace ", "city": "london", "tags": ["b", "a"], "score": -16},
    {"name": "grace hopper", "city": "arlington", "tags": ["navy"], "score": 81},
]

for step in steps:
    print(step.describe())
    for row in rows:
        row[step.column] = step.func(row[step.column])

for row in rows:
    print(row)

registry = {f.__name__: f for f in (len, sum, max, min, round, sorted, titlecase)}
print(sorted(registry))
print(
    {name: f([3, 1, 2]) if name != "titlecase" else f("x") for name, f in registry.items() if name != "round"}
)

methods = ["a,b".split, [].append, {}.get, "x".join]
print([m.__name__ for m in methods], [clean_address(repr(m)) for m in methods])
print(clean_address(repr(dict.fromkeys)), dict.fromkeys.__qualname__, str.lower.__qualname__)
