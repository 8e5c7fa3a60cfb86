import difflib

old = """def total(items):
    s = 0
    for i in items:
        s += i
    return s
""".splitlines(keepends=True)
new = """def total(items):
    \"\"\"Sum the items.\"\"\"
    s = 0
    for item in items:
        s += item
    return s
""".splitlines(keepends=True)

print("".join(difflib.unified_diff(old, new, fromfile="a/calc.py", tofile="b/calc.py")))
print("".join(difflib.unified_diff(old, new, n=1, lineterm="\n")))
print("".join(difflib.ndiff(["one\n", "two\n", "three\n"], ["ore\n", "tree\n", "emu\n"])))
print("".join(difflib.context_diff(old, new, fromfile="old", tofile="new")))

sm = difflib.SequenceMatcher(None, "private Thread currentThread;", "private volatile Thread currentThread;")
print(round(sm.ratio(), 4), sm.quick_ratio(), sm.real_quick_ratio())
for op in sm.get_opcodes():
    print(op)
print(sm.get_matching_blocks())
print(sm.find_longest_match(0, 29, 0, 38))

words = ["apple", "ape", "apply", "peach", "puppy", "maple", "appel"]
print(difflib.get_close_matches("appel", words))
print(difflib.get_close_matches("pech", words, n=2, cutoff=0.5))
print(difflib.get_close_matches("zzz", words))
s = difflib.SequenceMatcher(lambda c: c == " ", "a b c d", "a x c y")
print(s.ratio(), list(s.get_grouped_opcodes(1)))
