def chunks(items, size):
    it = iter(items)
    while True:
        chunk = []
        for _ in range(size):
            chunk.append(next(it))
        yield chunk


def safe_chunks(items, size):
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


print(list(safe_chunks(range(7), 3)))
try:
    print(list(chunks(range(7), 3)))
except RuntimeError as e:
    print("RuntimeError:", e, type(e.__cause__).__name__)


def running_total(values):
    total = 0
    for v in values:
        total += v
        yield total


gen = running_total([3, 1, 4, 1, 5])
print(next(gen), next(gen), list(gen))
squares = (n * n for n in range(5))
print(sum(squares), sum(squares))
