from pathlib import PurePosixPath

files = [
    "data/raw/2024-01-sales.csv",
    "data/raw/2024-02-sales.csv.gz",
    "reports/q1/summary.md",
    "/etc/app/config.toml",
    "archive.tar.gz",
]
for f in files:
    p = PurePosixPath(f)
    print(f"{p.name:<22} stem={p.stem:<18} suffix={p.suffix!r:<8} suffixes={p.suffixes} parent={p.parent}")

p = PurePosixPath("/home/user/projects/app/src/main.py")
print(p.parts, p.anchor, p.root, p.is_absolute())
print(list(p.parents)[:3], p.parents[1])
print(p.with_suffix(".txt"), p.with_name("util.py"), p.with_stem("entry"))
print(p.relative_to("/home/user"), p.match("*.py"), p.match("src/*.py"), p.match("*.txt"))
base = PurePosixPath("out")
target = base / "2024" / "report.json"
print(target, str(target), repr(target), target.joinpath("x", "y"))
print(PurePosixPath("a//b/./c/"), PurePosixPath("a/b") == PurePosixPath("a//b"), PurePosixPath("."), PurePosixPath(""))
print(sorted(PurePosixPath(x) for x in ["b/a", "a/c", "a/b"]))
print(PurePosixPath("x.tar.gz").with_suffix(""), PurePosixPath("/").name == "", PurePosixPath("/a") / "/b")
try:
    p.relative_to("/other")
except ValueError as e:
    print("ValueError:", e)
try:
    PurePosixPath("noext").with_suffix("bad")
except ValueError as e:
    print("ValueError:", e)
print(PurePosixPath("a/b.c").as_posix(), PurePosixPath("/a/b").is_relative_to("/a"), hash(PurePosixPath("a")) == hash(PurePosixPath("a")))
