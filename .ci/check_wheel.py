"""Checks a built wheel: its tags (abi3 for CPython 3.10+, a platform old enough for the servers people run
Datasette on), the newest glibc symbol version its extension needs, and the licence files in its metadata.

    python .ci/check_wheel.py dist/*.whl [--max-glibc 2.28]

Prints one line per wheel (name, tags, size, newest glibc symbol) and exits 1 with the reasons if one
fails. The release workflow runs it on every Linux wheel; tests/test_packaging.py runs it on a wheel
built here. Symbol versions are read with pyelftools (a dependency of auditwheel).
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
import zipfile
from pathlib import PurePosixPath

LICENCES = {"LICENSE", "MicroPython.txt", "uzlib.txt", "wasi-libc.txt", "zig.txt"}
#: Newest glibc a Linux wheel may need: manylinux2014's 2.17 (Debian 11 has 2.31, RHEL 8 2.28).
DEFAULT_MAX_GLIBC = "2.17"
PLATFORM = re.compile(
    r"^(manylinux_(\d+)_(\d+)_\w+|manylinux2014_\w+|musllinux_1_\d+_\w+|macosx_\d+_\d+_\w+|win_amd64)$"
)


def glibc_versions(elf_bytes: bytes) -> set[tuple[int, ...]]:
    """The GLIBC_x.y versions an ELF shared object needs (its .gnu.version_r section)."""
    from elftools.elf.elffile import ELFFile
    from elftools.elf.gnuversions import GNUVerNeedSection

    needed: set[tuple[int, ...]] = set()
    elf = ELFFile(io.BytesIO(elf_bytes))
    for section in elf.iter_sections():
        if isinstance(section, GNUVerNeedSection):
            for _, auxiliaries in section.iter_versions():
                for aux in auxiliaries:
                    match = re.fullmatch(r"GLIBC_(\d+(?:\.\d+)+)", aux.name)
                    if match:
                        needed.add(tuple(int(p) for p in match.group(1).split(".")))
    return needed


def check(path: str, max_glibc: tuple[int, ...]) -> tuple[str, list[str]]:
    problems = []
    with zipfile.ZipFile(path) as wheel:
        names = wheel.namelist()
        dist_info = next(n.split("/")[0] for n in names if n.split("/")[0].endswith(".dist-info"))
        metadata = wheel.read(f"{dist_info}/WHEEL").decode()
        tags = [line.split(":", 1)[1].strip() for line in metadata.splitlines() if line.startswith("Tag:")]
        for tag in tags:
            python, abi, platform = tag.split("-")
            if (python, abi) != ("cp310", "abi3"):
                problems.append(f"tag {tag}: not an abi3 wheel for CPython 3.10+")
            for one in platform.split("."):
                if not PLATFORM.match(one):
                    problems.append(f"tag {tag}: platform {one} is not one the project builds")
                glibc_tag = re.match(r"manylinux_(\d+)_(\d+)_", one)
                if glibc_tag and tuple(map(int, glibc_tag.groups())) > max_glibc:
                    problems.append(f"tag {tag}: needs glibc {'.'.join(glibc_tag.groups())}")
        newest = None
        for name in names:
            if re.search(r"\.abi3\.so$", name):
                versions = glibc_versions(wheel.read(name))
                newest = max(versions, default=None)
                if newest and newest > max_glibc:
                    problems.append(
                        f"{name} needs GLIBC_{'.'.join(map(str, newest))}, over {'.'.join(map(str, max_glibc))}"
                    )
        shipped = {PurePosixPath(n).name for n in names if n.startswith(f"{dist_info}/licenses/")}
        if not LICENCES <= shipped:
            problems.append(f"licence files missing: {sorted(LICENCES - shipped)}")
        if any(n.endswith("micropython.wasm") for n in names):
            problems.append("the guest module is in the wheel (the extension embeds it)")
    size = sum(i.file_size for i in zipfile.ZipFile(path).infolist())
    glibc = "GLIBC_" + ".".join(map(str, newest)) if newest else "no glibc symbols"
    summary = (
        f"{os.path.basename(path)}: {', '.join(tags)}; {os.path.getsize(path) / 2**20:.1f} MiB "
        f"({size / 2**20:.1f} MiB unpacked); newest glibc symbol {glibc}"
    )
    return summary, problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wheels", nargs="+")
    parser.add_argument("--max-glibc", default=DEFAULT_MAX_GLIBC)
    args = parser.parse_args()
    max_glibc = tuple(int(p) for p in args.max_glibc.split("."))
    failed = False
    for path in args.wheels:
        summary, problems = check(path, max_glibc)
        print(summary)
        for problem in problems:
            print(f"  FAIL: {problem}")
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
