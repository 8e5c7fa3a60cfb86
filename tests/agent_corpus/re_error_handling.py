import re

user_patterns = [
    "[a-z]+",
    "(unclosed",
    "a{3,1}",
    "*star",
    "back\\",
    "ok|fine",
    r"\q",
    "(?P<n>a)(?P<n>b)",
    "x)",
    "[z-a]",
    r"(?P=missing)",
    "a**",
    "(?<=a+)b",
    r"\1(a)",
    "[abc",
    "(?Px)",
    "a{2}{3}",
]

compiled = {}
for p in user_patterns:
    try:
        compiled[p] = re.compile(p)
        print(f"{p!r:20} ok, {compiled[p].groups} groups")
    except re.error as e:
        print(f"{p!r:20} error: {e.msg} (pos={e.pos})")

try:
    re.compile("abc\n(def\nghi")
except re.error as e:
    print(str(e), e.lineno, e.colno, e.pattern == "abc\n(def\nghi")


def safe_search(pattern, text):
    try:
        m = re.search(pattern, text)
    except re.error as e:
        return f"invalid pattern: {e}"
    return m.group() if m else "no match"


print(safe_search(r"\d+", "order 66"), safe_search("(", "x"), safe_search("z", "abc"))
literal = "price (USD): $5.00 [approx.]*"
print(re.escape(literal))
print(re.search(re.escape("$5.00 [approx.]"), literal).span())
print(isinstance(re.error("x"), Exception), issubclass(re.error, Exception))
for bad in [
    lambda: re.compile("a", re.A | re.U),
    lambda: re.compile(b"a", re.U),
    lambda: re.sub("a", r"\g<2>", "a"),
    lambda: re.compile(re.compile("a"), re.I),
    lambda: re.match("(a)", "a").group(2),
    lambda: re.compile(42),
]:
    try:
        bad()
    except (re.error, ValueError, IndexError, TypeError) as e:
        print(type(e).__name__, e)
