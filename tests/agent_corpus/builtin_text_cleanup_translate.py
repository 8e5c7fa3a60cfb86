# Normalise free-text survey answers: strip punctuation, map accents, read records in fixed-size blocks.
import io
import string
import unicodedata
from collections import Counter

answers = [
    "Great service!!! Will return :)",
    "Crème brûlée was... okay?",
    "Too expensive -- 3/10",
    "great SERVICE, great food.",
    "Naïve pricing; café too loud",
]
no_punct = str.maketrans("", "", string.punctuation)
accents = str.maketrans("éèêëïîôûüç", "eeeeiiouuc")
cleaned = [a.translate(no_punct).lower().translate(accents) for a in answers]
for before, after in zip(answers, cleaned):
    print(f"{before!r:40} -> {after!r}")
words = Counter(w for line in cleaned for w in line.split())
print("top words:", words.most_common(3))
leet = {ord("a"): "4", ord("e"): "3", ord("o"): None}
print("leet:", "hello world, mate".translate(leet))
print("table:", str.maketrans({"-": " ", "/": " of "}), "3/10 -- ok".translate(str.maketrans({"-": " ", "/": " of "})))
ascii_only = "".join(c for c in unicodedata.normalize("NFKD", answers[1]) if not unicodedata.combining(c))
print("ascii:", ascii_only)

raw = io.StringIO("id=1;id=2;id=3;id=40;id=5")
blocks = list(iter(lambda: raw.read(8), ""))
print("blocks:", blocks)
ids = [int(part.split("=")[1]) for part in "".join(blocks).split(";")]
queue = ids[:]
drained = list(iter(queue.pop, 3))
print("drained until 3:", drained, "left:", queue)
try:
    "x".translate({120: 2.5})
except TypeError as e:
    print("bad table:", e)
try:
    str.maketrans("abc", "xy")
except ValueError as e:
    print("bad maketrans:", e)
