import unicodedata
from collections import Counter
from collections.abc import Mapping

customers = [
    {"id": 1, "name": "  José ÁLVAREZ ", "city": "São Paulo", "spend": 1234.5},
    {"id": 2, "name": "zoë o'brien", "city": "Zürich", "spend": 88},
    {"id": 3, "name": "STRASSE müller", "city": "München", "spend": 410.25},
    {"id": 4, "name": "Ægir Þórsson", "city": "Reykjavík", "spend": 99.99},
    {"id": 5, "name": "Δημήτρης ΠΑΠΑΔΌΠΟΥΛΟΣ", "city": "Αθήνα", "spend": 5000},
    {"id": 6, "name": "ﬁona ﬂynn", "city": "Dublin", "spend": 12},
]


def fold(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def display_name(raw):
    return " ".join(part.capitalize() for part in raw.split())


class Defaults(dict):
    def __missing__(self, key):
        return "n/a"


template = "{id:>3} | {name:<24} | {city:<10} | {spend:>9,.2f} | {tier}"
for c in sorted(customers, key=lambda c: fold(c["name"])):
    row = Defaults(c, name=display_name(c["name"]))
    if c["spend"] > 1000:
        row["tier"] = "gold"
    print(template.format_map(row))

print()
letters = Counter(ch for c in customers for ch in fold(c["name"]) if ch.isalpha())
print("most common letters:", letters.most_common(5))
print("upper:", [display_name(c["name"]).upper() for c in customers[:3]])
print("swapped:", customers[4]["name"].swapcase(), "|", customers[4]["name"].lower())
print("title:", [c["city"].title() for c in customers], "istitle:", [c["city"].istitle() for c in customers])
print("ascii:", ascii(customers[3]["name"]), "scripts:", sorted({unicodedata.name(ch).split()[0] for c in customers for ch in c["name"] if ch.isalpha()}))
summary = {"count": len(customers), "total": sum(c["spend"] for c in customers)}
print(isinstance(summary, Mapping), "{0[count]} customers spent {0[total]:,.2f}".format(summary))
print("{r[0][name]!r} / {r[1][city]!a}".format(r=customers))
print(True.to_bytes(1, "big"), float.fromhex(float(summary["total"]).hex()) == summary["total"])
