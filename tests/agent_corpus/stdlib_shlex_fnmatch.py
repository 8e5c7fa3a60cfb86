import fnmatch
import secrets
import shlex

cmds = [
    'grep -rn "TODO fix" src/ --include=*.py',
    "ssh user@host 'ls -la /var/log'",
    'echo "a \\"quoted\\" word" plain\\ space',
    "cp file1 file2  # trailing comment",
]
for c in cmds:
    print(shlex.split(c))
print(shlex.split("cp file1 file2  # comment", comments=True))
args = ["ls", "-la", "my file.txt", "it's", "", "$HOME"]
print(shlex.join(args))
print([shlex.quote(a) for a in args])
try:
    shlex.split('unterminated "quote')
except ValueError as e:
    print("ValueError:", e)

files = ["report.csv", "Report.CSV", "data_2024.json", "notes.txt", "img01.png", "img10.png", ".hidden"]
print(fnmatch.filter(files, "*.csv"), fnmatch.filter(files, "img0?.png"), fnmatch.filter(files, "[!.]*.t*"))
print(fnmatch.fnmatch("Report.CSV", "*.csv"), fnmatch.fnmatchcase("Report.CSV", "*.csv"), fnmatch.translate("*.py[co]"))
print([f for f in files if fnmatch.fnmatch(f, "*[0-9]*")])

tok = secrets.token_hex(16)
print(len(tok), all(c in "0123456789abcdef" for c in tok))
print(len(secrets.token_bytes(8)), len(secrets.token_urlsafe(12)) >= 12, secrets.randbelow(10) in range(10))
print(secrets.choice(["a", "b"]) in "ab", secrets.compare_digest("abc", "abc"), 0 <= secrets.randbits(5) < 32)
