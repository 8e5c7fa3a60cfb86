import unicodedata

names = ["José Álvarez", "Zoë Smith", "Ångström", "naïve café", "Straße", "ﬁnance", "Ｆｕｌｌ", "Søren"]


def strip_accents(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def slug(s):
    s = strip_accents(s).lower()
    return "-".join("".join(ch if ch.isalnum() else " " for ch in s).split())


for n in names:
    print(f"{n!r:>16} -> {strip_accents(n)!r:<16} {slug(n)}")

for ch in "aZ5 ,é€\u0301\t中":
    print(repr(ch), unicodedata.category(ch), unicodedata.name(ch, "?"), unicodedata.combining(ch), unicodedata.east_asian_width(ch))
print(unicodedata.lookup("LATIN SMALL LETTER E WITH ACUTE"), unicodedata.lookup("SNOWMAN"))
for form in ["NFC", "NFD", "NFKC", "NFKD"]:
    out = unicodedata.normalize(form, "Å\u0301ﬁ½ é")
    print(form, [hex(ord(c)) for c in out])
print(unicodedata.numeric("½"), unicodedata.decimal("7"), unicodedata.digit("²"), unicodedata.numeric("五"))
print(unicodedata.is_normalized("NFC", "é"), unicodedata.unidata_version[:2])
try:
    unicodedata.lookup("NO SUCH CHARACTER NAME")
except KeyError as e:
    print("KeyError:", e)
