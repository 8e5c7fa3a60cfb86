import re

text = """This is is a test of the the duplicate word finder.
It should catch catch repeated words, even across
across line breaks, but not "that that" inside quotes? Well, it will: that that is fine."""

DUP = re.compile(r"\b(?P<word>\w+)\s+(?P=word)\b", re.IGNORECASE)
for m in DUP.finditer(text):
    line = text.count("\n", 0, m.start()) + 1
    print(f"line {line}: {m.group('word')!r} at {m.span()}")

fixed = DUP.sub(r"\g<word>", text)
print(fixed)
print(re.sub(r"\b(\w+)(\s+\1\b)+", r"\1", "go go go now now"))
print(re.findall(r"(\w)\1", "bookkeeper committee"))
print(re.findall(r"\b(\w+)\b(?=.*\b\1\b)", "a b c a b d"))
pal = [w for w in re.findall(r"\b\w{3,}\b", "level noon racecar kayak python stats") if w == w[::-1]]
print(pal)
print(re.search(r"(['\"])(.*?)\1", "He said 'hi' and \"bye\"").groups())
abab = re.compile(r"^(\w+)-\1$")
print([s for s in ["ab-ab", "ab-ba", "x-x", "-"] if abab.match(s)])
print(re.sub(r"(.)\1{2,}", r"\1\1", "soooo coooool!!!!"))
