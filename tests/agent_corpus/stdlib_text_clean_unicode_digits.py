# Normalising user-entered labels: accents, fullwidth and Arabic-Indic digits, non-breaking spaces, slugs.
import collections
import re
import string
import unicodedata

raw = [
    "  Café  Crème ",
    "ＡＢＣ　１２３",
    "naïve résumé",
    "Ünïcödé\u00a0test",
    "Straße №5",
    "٣ apples, ۴ pears",
    "tab\tsep\u2003em",
]


def slug(s):
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


for s in raw:
    nfkc = unicodedata.normalize("NFKC", s)
    digits = [c for c in s if c.isdigit()]
    print(
        repr(s.strip()),
        slug(s),
        nfkc.split(),
        [unicodedata.digit(c) for c in digits],
        [int(d) for d in digits],
        s.isprintable(),
        len(s),
        s.casefold()[:6],
    )
print(
    sum(int(tok) for tok in ["٣", "۴", "５", "6"]),
    float("٣.٥") + 1,
    int("१२३"),
    [unicodedata.name(c) for c in "٣５"],
    "٣".isdecimal(),
    "²".isdigit(),
    "²".isdecimal(),
)
words = re.findall(r"\w+", " ".join(raw).lower())
print(collections.Counter(words).most_common(4), string.capwords(raw[2]))
print(
    f"{'naïve':<12}|{12.345:5.1f}%|{7:+d}",
    "{:<12}|".format("résumé"),
    f"{'東京':>6}|",
    "x".ljust(4, "·") + "|",
)
