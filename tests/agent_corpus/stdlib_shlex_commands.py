import shlex

script = """
deploy --env prod --tag "v1.2.3 final" --notes 'fixes #42'
rollback --to v1.2.2  # emergency only
echo "nested \\"quotes\\"" and\\ escaped\\ spaces
"""
for line in script.strip().splitlines():
    args = shlex.split(line, comments=True)
    cmd, rest = args[0], args[1:]
    opts = {}
    it = iter(rest)
    positional = []
    for a in it:
        if a.startswith("--"):
            opts[a[2:]] = next(it, None)
        else:
            positional.append(a)
    print(cmd, opts, positional)
user_input = ["report.txt", "my notes.md", "$(rm -rf /)", "it's", ""]
print("cat " + " ".join(shlex.quote(u) for u in user_input))
print(shlex.join(["grep", "-e", "a b", "*.log"]))
for bad in ['say "hello', "it's"]:
    try:
        print(shlex.split(bad))
    except ValueError as e:
        print(f"{bad!r}: {e}")
lex = shlex.shlex("a=1; b='two words'", posix=True)
lex.whitespace_split = True
print(list(lex))
