"""Unicode fidelity (issue 15): str's case methods and predicates for all of Unicode, repr() of non-printable
characters and the unicodedata module, against this CPython (3.11, Unicode 14.0.0). The guest's tables
are generated from the Unicode Character Database at build time (micropython-build/tools/
gen_unicode_tables.py); the sweeps below compare every code point's properties with CPython's, plane by
plane, so a wrong rule in the generator shows up as a differing plane."""

import unicodedata

import pytest
from fidelity import SHOW, assert_prints_what_cpython_prints, cpython_output

from datasette_micropython import Sandbox

pytestmark = pytest.mark.skipif(
    unicodedata.unidata_version != "14.0.0", reason="the guest has CPython 3.11's Unicode 14.0.0 tables"
)

PRELUDE = SHOW

# Every code point's properties, one digest per plane (or part of a plane): the str predicates and case
# mappings, and what unicodedata says about it. Planes 4-13 are unassigned and checked by sampling.
SWEEP = """
import hashlib, unicodedata as u
PREDICATES = [str.isalpha, str.isdigit, str.isdecimal, str.isnumeric, str.isalnum, str.isspace,
              str.isupper, str.islower, str.istitle, str.isidentifier, str.isprintable]
def signature(c):
    ch = chr(c)
    bits = 0
    for p in PREDICATES:
        bits = bits * 2 + p(ch)
    return '%x %s %s %s %s %s %d %s %d %d %s %s %s %s' % (
        bits, ch.lower(), ch.upper(), ch.casefold(), ch.title(), u.category(ch), u.combining(ch),
        u.bidirectional(ch), u.mirrored(ch), u.decimal(ch, -1) + 1, u.digit(ch, -1), u.numeric(ch, -1),
        u.east_asian_width(ch), u.decomposition(ch))
def sweep(start, stop, step=1):
    h = hashlib.sha256()
    for c in range(start, stop, step):
        if not 0xD800 <= c < 0xE000:
            h.update(signature(c).encode())
            h.update(b'\\n')
    print(hex(start), hex(stop), h.hexdigest()[:16])
"""

SWEEP_RANGES = [
    (0, 0x3000),
    (0x3000, 0xA000),
    (0xA000, 0x10000),
    (0x10000, 0x20000),
    (0x20000, 0x32000),
    (0x32000, 0xE0000, 97),
    (0xE0000, 0x110000, 31),
]

CASES = {
    "case_methods": r"""
words = ["Ünïcödé text", "straße STRASSE", "ΣΑΣ ΟΔΟΣ ΌΣΟΣ. Σ", "ﬁnance ﬂow ﬀ", "İstanbul ıi", "ǅemal ǆ Ǆ",
         "they're bill's friends", "ŉ ǰ ΐ ﬓ", "ÀÉÎÕÜ àéîõü", "Ωmega ω Ω", "ǈ ǋ ǲ", "ǲǲǲ", "a\u0345", "\u1e9e",
         "ᾳ ᾼ ῼ", "Ⅻ ⅻ ⓐ Ⓐ", "𐐀 𐐨 𞤀 𞤢", "ʼn", "Σ\u0301", "aΣ\u0301", "a\u00adΣ", "a'Σ'b", "", "ß", "µ", "ſ",
         "Dž", "hello world", "HELLO", "Mr. O'Neil-Smith", "ǅungla", "ꭰꮿ", "Ꭰ", "ǅ", "ἀ", "ᾈ", "ﬗ"]
for w in words:
    print(repr(w), repr(w.lower()), repr(w.upper()), repr(w.casefold()), repr(w.title()),
          repr(w.capitalize()), repr(w.swapcase()))
print(b"abc\xc3\xa9 Stra\xc3\x9fe".upper(), b"ABC \xc3\x89".lower(), b"hi there".title(), b"x".swapcase())
print(bytearray(b"MiXeD").lower(), b"ab".isalpha(), b"\xc3\xa9".isalpha(), b"AB".isupper())
class Name(str):
    pass
n = Name("ÉCOLE")
print(repr(n.lower()), type(n.lower()).__name__, repr(n.title()))
""",
    "predicates": r"""
samples = ["é", "É", "ǅ", "²", "٣", "五", "½", "Ⅻ", " ", "\xa0", "\u2028", "\u3000", "\x1c", "\x85", "a\u0301",
           "", "_x", "x1", "1x", "ñame", "\x00", "Ab Cd", "ÀB", "\u0378", "𝟘", "ⓐ", "Ⓐ", "ª", "º", "ʰ", "ǈa",
           "Σίσυφος", "ΑΒΓ", "日本", "한국어", "١٢٣", "१२३", "½¼", "x²", "₂", "\u200b", "\ufeff", "\U0001F600",
           "Ǆ", "ǅ", "ǆ", "ǅa", "Ǆa", "A\u0301b", "变量", "𝔘𝔫𝔦", "ℌ", "℘", "℮", "·", "x·y", "\u2160"]
names = ["isalpha", "isdigit", "isdecimal", "isnumeric", "isalnum", "isspace", "isupper", "islower",
         "istitle", "isidentifier", "isprintable", "isascii"]
for s in samples:
    print(repr(s), ''.join('1' if getattr(s, n)() else '0' for n in names))
""",
    "repr_escapes": r"""
for s in ["a\xa0b", "\u0378", "\u200b", "\ufeff", "é\u0301", "\u2028\u2029", "\x85\x9f", "\ud7ff", "\U000e0001",
          "\U0001F600", "\u00ad", "tab\tnl\n", "日本", "\U0010ffff", "\uffff", "\u3000", "\u1680", "\u202f"]:
    print(repr(s), ascii(s), repr([s]), str(s) == s)
""",
    "unicodedata_properties": r"""
import unicodedata as u
for ch in "aZ5 ,é€\u0301\t中½²٣ǅ(»\u200f\u0600\U0001F600\uac00\ud7a3\u3400\U00020000\ue000\U000f0000\u0378\ufffe":
    print(repr(ch), u.category(ch), u.bidirectional(ch), u.combining(ch), u.mirrored(ch),
          u.east_asian_width(ch), repr(u.decomposition(ch)), u.decimal(ch, None), u.digit(ch, None),
          u.numeric(ch, None))
print(u.unidata_version)
for f in (u.category, u.combining, u.decomposition):
    show(f, "ab")
    show(f, 5)
    show(f, "")
for f in (u.decimal, u.digit, u.numeric, u.name):
    show(f, "x")
    show(f, "xy")
for ch in "五兆⅓𒐀":
    show(u.numeric, ch)
show(u.digit, "²")
show(u.decimal, "²")
show(u.decimal, "٣")
""",
    "unicodedata_names": r"""
import unicodedata as u
for ch in "aé€\u0301中\uac00\ud7a3\u3400\U00020000\U0002a6df\U0003134a\U00017000\uf900\U0001F600\U0001F9FF\x00 \u0378\U000e0001\U0001d11e\ufdfa\ufffd":
    show(u.name, ch)
    print(u.name(ch, "-"))
for n in ["LATIN SMALL LETTER E WITH ACUTE", "snowman", "Snowman", "SNOWMAN", "HANGUL SYLLABLE GAG",
          "HANGUL SYLLABLE GGWAELH", "hangul syllable ga", "HANGUL SYLLABLE XX", "CJK UNIFIED IDEOGRAPH-4E00",
          "CJK UNIFIED IDEOGRAPH-20000", "CJK UNIFIED IDEOGRAPH-4e00", "CJK UNIFIED IDEOGRAPH-E000",
          "CJK UNIFIED IDEOGRAPH-04E00", "TANGUT IDEOGRAPH-17000", "LATIN CAPITAL LETTER GHA", "NUL", "BOM",
          "KEYCAP NUMBER SIGN", "LATIN SMALL LETTER R WITH FISHHOOK AND MIDDLE TILDE", "NO SUCH NAME",
          "BYZANTINE MUSICAL SYMBOL FTHORA SKLIRON CHROMA VASIS", "", "x" * 300, "GRINNING FACE",
          "ARABIC LIGATURE UIGHUR KIRGHIZ YEH WITH HAMZA ABOVE WITH ALEF MAKSURA ISOLATED FORM"]:
    show(u.lookup, n)
show(u.lookup, b"SNOWMAN")
show(u.lookup, 5)
for c in range(0x20, 0x3000, 61):
    n = u.name(chr(c), None)
    if n is not None and u.lookup(n) != chr(c):
        print("lookup(name) differs", hex(c))
""",
    "normalize": r"""
import unicodedata as u
texts = ["José Álvarez", "Å\u0301ﬁ½ é", "e\u0301\u0327", "\u1100\u1161\u11a8", "\uac00\u11a8", "각",
         "a\u0323\u0302", "ậ", "\u0344", "\u0958", "Ǆ", "Ⅻ", "ẛ\u0323", "ｶﾞ", "㍿", "\u2126", "\u212b", "Å",
         "\U0001d15e", "\U0002f800", "q\u0307\u0323", "\u05b8\u05b9\u05b1\u0591\u05c3\u05b0\u05ac\u059f",
         "\u0e40\u0e01", "\u0301a", "a\u0301\u0301\u0301", "ﷺ", "\u1e0b\u0323", "\u0041\u030a\u0301", "",
         "plain ascii", "Straße", "ﬃ", "①②", "\u00c5\u0327"]
for t in texts:
    print(repr(t), [u.normalize(f, t) for f in ("NFC", "NFD", "NFKC", "NFKD")],
          [u.is_normalized(f, t) for f in ("NFC", "NFD", "NFKC", "NFKD")])
def strip_accents(s):
    return "".join(c for c in u.normalize("NFKD", s) if not u.combining(c))
print([strip_accents(s) for s in ["Crème Brûlée", "Zoë", "Ångström", "Ｆｕｌｌ", "naïve café", "Łódź"]])
show(u.normalize, "NFX", "a")
show(u.normalize, "nfc", "a")
show(u.normalize, 5, "a")
show(u.normalize, "NFC", 5)
show(u.is_normalized, "NFC", b"a")
count = 0
for c in range(0xa0, 0x3400):
    ch = chr(c)
    for f in ("NFC", "NFD", "NFKC", "NFKD"):
        count += len(u.normalize(f, ch + "\u0301"))
print(count)
""",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_unicode_prints_what_cpython_prints(name):
    assert_prints_what_cpython_prints(PRELUDE + CASES[name])


@pytest.mark.parametrize("start,stop,step", [r + (1,) if len(r) == 2 else r for r in SWEEP_RANGES])
def test_every_code_point_has_cpythons_properties(start, stop, step):
    code = SWEEP + f"sweep({start}, {stop}, {step})\n"
    expected = cpython_output(code)
    with Sandbox(memory_limit=64 * 2**20, time_limit=120, hard_grace=5) as sb:
        assert sb.run(code, eval_trailing=False).stdout == expected
