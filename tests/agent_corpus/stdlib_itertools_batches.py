import itertools
import operator
from functools import reduce, lru_cache, partial

events = [
    ("2024-01-01", "login", "ann"),
    ("2024-01-01", "view", "ann"),
    ("2024-01-01", "login", "bob"),
    ("2024-01-02", "view", "bob"),
    ("2024-01-02", "view", "ann"),
    ("2024-01-03", "logout", "ann"),
]
for day, group in itertools.groupby(events, key=operator.itemgetter(0)):
    g = list(group)
    print(day, len(g), sorted({u for _, _, u in g}))


def batched(iterable, n):
    it = iter(iterable)
    while chunk := list(itertools.islice(it, n)):
        yield chunk


print(list(batched(range(10), 4)))
print(list(itertools.accumulate([3, 1, 4, 1, 5], operator.mul)))
print(list(itertools.combinations("ABCD", 2)))
print(list(itertools.permutations([1, 2, 3], 2))[:4])
print(list(itertools.product("xy", [0, 1])))
print(list(itertools.chain.from_iterable([[1], [2, 3], []])))
print(list(itertools.zip_longest("abc", [1], fillvalue="-")))
print(list(itertools.compress("abcdef", [1, 0, 1, 0, 1, 1])), list(itertools.pairwise("abcd")))
print(reduce(operator.add, range(1, 11)), reduce(lambda a, b: a * b, [1, 2, 3, 4], 1))


@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(80), fib.cache_info().hits > 0)
pow2 = partial(pow, 2)
print([pow2(i) for i in range(8)])
print(list(itertools.starmap(operator.sub, [(5, 2), (9, 4)])), list(itertools.takewhile(lambda x: x < 3, [1, 2, 5, 1])))
