import re
from collections import Counter

text = """It was the best of times, it was the worst of times; it was the age of wisdom,
it was the age of foolishness... Café owners in Zürich and São Paulo said: "naïve façades!"
Don't count numbers like 1,000 or 3.14 as words -- but do count e-mail and co-operate."""

words = re.findall(r"\w+", text.lower())
print(len(words), words[:8])
counts = Counter(words)
print(counts.most_common(5))

tokens = re.findall(r"[^\W\d_]+(?:['-][^\W\d_]+)*", text)
print(len(tokens), [t for t in tokens if "-" in t or "'" in t])
print([w for w in tokens if re.search(r"[^\x00-\x7f]", w)])

caps = re.findall(r"\b[A-Z][a-z]+\b", text)
print(caps)
print(re.findall(r"\b(?i:it) was the (\w+)", text))
print(re.findall(r"\d+(?:[.,]\d+)?", text))
sentences = [s.strip() for s in re.split(r"(?<=[.;!?])\s+", text) if s.strip()]
print(len(sentences), sentences[-1][:30])
long_words = sorted({w for w in words if len(w) >= 8}, key=lambda w: (-len(w), w))
print(long_words)
print(re.sub(r"\b(\w)(\w*)", lambda m: m.group(1).upper() + m.group(2), "zürich café straße"))
print(re.findall(r"(?i)ZÜRICH|SÃO", text), re.findall(r"\w+", "naïve 東京 x_y 42"))
