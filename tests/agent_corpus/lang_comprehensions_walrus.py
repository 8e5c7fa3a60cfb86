import re
from collections import Counter

text = """The quick brown fox jumps over the lazy dog. The dog sleeps;
the fox runs! Foxes and dogs: 2 species, 12 legs in total (or 8?)."""
words = [w.lower() for w in re.findall(r"[A-Za-z]+", text)]
counts = Counter(words)
print(counts.most_common(4))
long_words = {w: n for w, n in counts.items() if (length := len(w)) > 4}
print(sorted(long_words.items()), length)
numbers = [int(n) for n in re.findall(r"\d+", text)]
print(numbers, [y for x in numbers if (y := x * 2) > 10])
matrix = [[r * 3 + c for c in range(3)] for r in range(3)]
print(matrix, [row[i] for i, row in enumerate(matrix)], list(zip(*matrix)))
flat = [x for row in matrix for x in row if x % 2]
print(flat, {x % 3 for x in flat}, {k: [w for w in words if w[0] == k] for k in "fd"})
pairs = sorted({(a, b) for a in range(3) for b in range(a, 3)})
print(pairs)
lines = text.splitlines()
while (line := lines.pop(0) if lines else None) is not None:
    print(len(line), line[:20])
print(any(w.startswith("sp") for w in words), all(len(w) > 1 for w in words))
