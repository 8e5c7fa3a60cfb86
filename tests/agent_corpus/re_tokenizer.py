import re

TOKEN_SPEC = [
    ("NUMBER", r"\d+(?:\.\d*)?(?:[eE][+-]?\d+)?"),
    ("STRING", r'"(?:[^"\\]|\\.)*"'),
    ("IDENT", r"[A-Za-z_]\w*"),
    ("OP", r"==|!=|<=|>=|[-+*/%=<>()]"),
    ("NEWLINE", r"\n"),
    ("SKIP", r"[ \t]+"),
    ("MISMATCH", r"."),
]
MASTER = re.compile("|".join(f"(?P<{name}>{pat})" for name, pat in TOKEN_SPEC))
KEYWORDS = {"if", "then", "else", "end", "print"}


def tokenize(code):
    line = 1
    line_start = 0
    for m in MASTER.finditer(code):
        kind = m.lastgroup
        value = m.group()
        col = m.start() - line_start
        if kind == "NUMBER":
            value = float(value) if re.search(r"[.eE]", value) else int(value)
        elif kind == "IDENT" and value in KEYWORDS:
            kind = value.upper()
        elif kind == "NEWLINE":
            line_start = m.end()
            line += 1
            continue
        elif kind == "SKIP":
            continue
        elif kind == "MISMATCH":
            raise SyntaxError(f"unexpected {value!r} at line {line} col {col}")
        yield kind, value, line, col


program = """x = 3.5e2 + 42
if x >= 100 then print "big \\"x\\"" else print "small" end
total = (x - 7) % 5"""

for tok in tokenize(program):
    print(tok)

try:
    list(tokenize("a = 1 @ 2"))
except SyntaxError as e:
    print("error:", e)

print(MASTER.groups, sorted(MASTER.groupindex.items(), key=lambda kv: kv[1]))
m = MASTER.match("   foo")
print(m.lastgroup, m.lastindex, repr(m.group()), m.span())
