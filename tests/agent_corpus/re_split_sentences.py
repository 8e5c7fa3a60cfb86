import re

text = (
    'Dr. Smith arrived at 9 a.m. on Jan. 5. He said: "It works!" Then he left... '
    "Was it worth $4.50? Yes. Mr. Jones (the CEO) disagreed; e.g. costs rose 3.5%. The end"
)

ABBREV = r"(?<!\bDr)(?<!\bMr)(?<!\bJan)(?<!\be\.g)(?<!\ba\.m)"
SPLIT = re.compile(ABBREV + r"(?<=[.!?])[\"')]?\s+(?=[A-Z\"(])")
parts = SPLIT.split(text)
for i, s in enumerate(parts, 1):
    print(f"{i}: {s}")

naive = re.split(r"(?<=[.!?])\s+", text)
print(len(naive), "naive pieces vs", len(parts))

clauses = re.split(r"\s*[;:]\s*|\s+-{1,2}\s+", "first; second: third -- fourth - fifth")
print(clauses)
print(re.split(r"(\d+)", "a1b22c333"))
print(re.split(r"[.!?]+", "One! Two?? Three...", maxsplit=1))
words_per_sentence = [len(re.findall(r"\b\w+\b", s)) for s in parts]
print(words_per_sentence, sum(words_per_sentence))
print([m.span() for m in re.finditer(r"[.!?](?=\s|$)", text)][:6])
