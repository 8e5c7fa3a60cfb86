# Normalise product reviews (strip accents through NFD), tokenize a pricing rule with re.Scanner, report
import re
import unicodedata
from collections import Counter

reviews = [
    "Crème brûlée was perfect — 5/5!",
    "Naïve café: décor so-so, prix 12,50€",
    "Jalapeño poppers; piña colada ×2",
]


def strip_accents(text):
    decomposed = unicodedata.normalize("NFD", text)
    return re.sub(r"[^\w\s/,.-]", "", decomposed)


words = Counter()
for review in reviews:
    clean = strip_accents(review)
    tokens = re.findall(r"\b\w+\b", clean.lower())
    words.update(tokens)
    print(f"{clean!r:44} {len(tokens)} tokens")
print(words.most_common(4))

decomposed = unicodedata.normalize("NFD", "déjà vu")
print([m.group() for m in re.finditer(r"\w+", decomposed)], type(re.finditer("x", "x")).__name__)
print(re.sub(r"\B", "·", "abc"), re.split(r"\W+", decomposed))


def number(scanner, text):
    return ("NUM", float(text))


scanner = re.Scanner(
    [
        (r"\d+(?:\.\d+)?", number),
        (r"[A-Za-z_]\w*", lambda s, t: ("NAME", t)),
        (r"[<>]=?|==|[-+*/]", lambda s, t: ("OP", t)),
        (r"\s+", None),
    ]
)
for rule in ["price * 0.9 if qty >= 10", "base + 2.5 - discount", "total >= 100 ?"]:
    tokens, rest = scanner.scan(rule)
    print(" ".join(f"{kind}:{value}" for kind, value in tokens), "| rest:", repr(rest))
