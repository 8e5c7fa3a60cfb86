import re

data = "id=17;name=alpha;id=23;name=beta;id=5;name=gamma"
FIELD = re.compile(r"(\w+)=(\w+)")

pos = 0
fields = []
while True:
    m = FIELD.search(data, pos)
    if not m:
        break
    fields.append((m.group(1), m.group(2), m.start(), m.end()))
    pos = m.end()
print(fields[:3], len(fields))

print(FIELD.match(data, 7).group(), FIELD.match(data, 6))
print(FIELD.search(data, 0, 10), FIELD.fullmatch(data, 0, 5))
print(FIELD.findall(data, 18, 40))
print([m.span() for m in FIELD.finditer(data, 30)])
p = re.compile(r"^\w+")
print(p.search("abc def", 4), p.match("abc def", 4))
print(re.compile(r"c$").search("abcd", 0, 3).span())
m = re.compile(r"(?P<k>\w)=").search(data, 10, 20)
print(m.pos, m.endpos, m.re.pattern, m.string is data, repr(m))
print(repr(re.compile(r"\d+", re.I | re.M)), re.compile("x").flags, re.compile(b"x").flags)
print(re.compile(r"(?i)abc").flags & re.I != 0, re.compile("(?s).").flags)
scanner = re.compile(r"\s*(\d+|[a-z]+|.)")
i, out = 0, []
text = "12 apples + 7pears"
while i < len(text):
    m = scanner.match(text, i)
    out.append(m.group(1))
    i = m.end()
print(out)
