from pathlib import PurePosixPath
from collections import defaultdict

uploads = [
    "/srv/uploads/2024/05/report-final.PDF",
    "/srv/uploads/2024/05/photo 001.jpeg",
    "/srv/uploads/2024/06/data.backup.tar.gz",
    "/srv/uploads/misc/notes",
    "/srv/uploads/2024/06/.env",
]
root = PurePosixPath("/srv/uploads")
groups = defaultdict(list)
for u in uploads:
    p = PurePosixPath(u)
    rel = p.relative_to(root)
    kind = p.suffix.lower().lstrip(".") or "none"
    groups[kind].append(str(rel))
    dest = PurePosixPath("/archive") / rel.parts[0] / f"{p.stem.replace(' ', '_')}{p.suffix.lower()}"
    print(f"{p.name:<22} parent={p.parent.name:<6} suffixes={p.suffixes} -> {dest}")
for kind in sorted(groups):
    print(kind, groups[kind])
p = PurePosixPath("/srv/uploads/2024/05/report-final.PDF")
print(p.with_suffix(".pdf"), p.with_name("summary.txt"), p.with_stem("report-v2"), p.parents[2], len(p.parents))
print(p.is_relative_to("/srv"), p.is_relative_to("/tmp"), p.match("2024/*/*.PDF"), p.anchor, p.parts[:3])
print(PurePosixPath("a/b") / "../c", PurePosixPath("docs", "api", "index.md"), sorted([PurePosixPath("b"), PurePosixPath("a/z")]))
