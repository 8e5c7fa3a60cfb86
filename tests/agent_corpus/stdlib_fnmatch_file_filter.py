import fnmatch
from pathlib import PurePosixPath

files = [
    "src/app/main.py", "src/app/__init__.py", "src/app/util.pyc", "tests/test_main.py", "README.md",
    "docs/index.rst", "build/lib/app.so", ".gitignore", "data/2024-01.csv", "data/2024-02.csv.gz", "notes.TXT",
]
ignore = ["*.pyc", "build/*", ".*", "*.gz"]
kept = [f for f in files if not any(fnmatch.fnmatch(f, pat) for pat in ignore)]
print(kept)
print(fnmatch.filter(files, "src/*/*.py"), fnmatch.filter(files, "data/2024-0[1-2].csv"))
print(fnmatch.fnmatch("notes.TXT", "*.txt"), fnmatch.fnmatchcase("notes.TXT", "*.txt"))
by_ext = {}
for f in kept:
    by_ext.setdefault(PurePosixPath(f).suffix or "(none)", []).append(PurePosixPath(f).name)
for ext in sorted(by_ext):
    print(f"{ext:<8}{by_ext[ext]}")
print(fnmatch.translate("data/*.csv"), fnmatch.translate("[!a-c]?.txt"))
print([PurePosixPath(f).match("*.py") for f in files[:4]])
