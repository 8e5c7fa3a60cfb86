import re

# Conditionals: optional opening bracket requires the closing one.
BRACKETED = re.compile(r"^(<)?\w+@\w+\.\w+(?(1)>)$")
for s in ["<a@b.com>", "a@b.com", "<a@b.com", "a@b.com>"]:
    print(f"{s:12} {bool(BRACKETED.match(s))}")

QUOTED = re.compile(r"""^(?P<q>["'])?(?P<val>[^"']*)(?(q)(?P=q))$""")
for s in ['"hello"', "'hi'", "bare", "\"mismatch'", '"open']:
    m = QUOTED.match(s)
    print(repr(s), m.group("val") if m else None)

# Atomic groups and possessive quantifiers (Python 3.11) never give back what they matched.
print(re.match(r"(?>a+)b", "aaab"), re.match(r"(?>a+)ab", "aaab"))
print(re.match(r"a++b", "aaab").group(), re.match(r"a++ab", "aaab"))
print(re.findall(r"\d*+\w", "123abc 45"))
print(re.fullmatch(r"[^,]*+,.*", "abc,def") is not None)

# Lazy vs greedy.
html = "<b>bold</b> and <i>italic</i>"
print(re.findall(r"<.+>", html), re.findall(r"<.+?>", html))
print(re.findall(r"\w{2,3}", "abcdefg"), re.findall(r"\w{2,3}?", "abcdefg"), re.findall(r"\w{,2}", "abcde"))
print(
    re.match(r"a{3}", "aaaa").group(),
    re.match(r"a{2,}?", "aaaa").group(),
    re.match(r"(?:ab){1,2}+", "ababab").group(),
)
print(re.search(r"x{0}y", "xy").span(), re.findall(r"(?:a|b){2}", "abbaab"))
m = re.match(r"(a)|(b)", "b")
print(m.groups(), m.groups("-"), m.lastindex, m.span(1), m.start(2))
