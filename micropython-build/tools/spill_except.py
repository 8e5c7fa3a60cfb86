#!/usr/bin/env python3
"""The GC-safety passes (`--spill-pointers`) on every function of the module but the ones named.

    spill_except.py BINARYEN_BIN IN.wasm OUT.wasm FUNCTION[,FUNCTION...] [--outside FUNCTION[,...]] -- WASM_OPT_FEATURES...

Binaryen's pass has no per-function switch, so this runs it on the whole module and then puts the named
functions back as clang compiled them (no spills), working on the text format with names:

1. disassemble IN (clang's output) and export the named functions and every direct callee of theirs, so
   that the optimiser keeps each one, with its signature, under its own name (it would otherwise inline
   or specialise the ones the named functions alone call);
2. `-O3`, then the spill passes, on the whole module;
3. replace the named functions' spilled bodies with clang's, drop the temporary exports, `-O3` again.

Functions named after `--outside` are also kept as clang compiled them, but are taken out of the module
during step 2 (each becomes an import of the same signature, so nothing is inlined into or out of it)
and put back before the last `-O3`: for a function so large that `--flatten`/`--coalesce-locals` on it
would take most of the build (PCRE2's match loop, 80 KB of code).

Only a function in which every object pointer used after a call is also held in memory the collector
scans may be named (see README.md, "Why the post-link passes"). The output is deterministic.
"""

import re
import subprocess
import sys
import tempfile
from pathlib import Path

PIN = "__spill_except_keep_"
OUTSIDE = "__spill_except_outside"
SPILL_PASSES = ["--flatten", "--coalesce-locals", "--reorder-locals", "--spill-pointers"]
TOP_LEVEL = re.compile(r"^ \(", re.MULTILINE)


def functions(wat: str) -> dict[str, tuple[int, int]]:
    """Span of every top-level `(func $name ...)` of a module printed by wasm-dis."""
    starts = [(m.group(1), m.start()) for m in re.finditer(r"^ \(func \$(\S+)", wat, re.MULTILINE)]
    spans = {}
    for name, start in starts:
        end = TOP_LEVEL.search(wat, start + 1)
        spans[name] = (start, end.start() if end else wat.rindex("\n)"))
    return spans


def outside_import(name: str, body: str) -> str:
    """An import standing in for the function `body` (its first line holds the parameters and result)."""
    header = body.split("\n", 1)[0]
    signature = re.sub(
        r"\(param \$\S+ (\w+)\)", r"(param \1)", header[header.index(f"${name}") + len(name) + 1 :]
    )
    return f' (import "{OUTSIDE}" "{name}" (func ${name}{signature}))'


def callees(body: str) -> list[str]:
    return sorted(set(re.findall(r"\(call \$([^\s)]+)", body)))


def main(argv: list[str]) -> None:
    binaryen, source, out, names = Path(argv[0]), Path(argv[1]), Path(argv[2]), argv[3].split(",")
    options = argv[4 : argv.index("--")]
    outside = options[options.index("--outside") + 1].split(",") if "--outside" in options else []
    features = argv[argv.index("--") + 1 :]

    def tool(name: str, *args: str | Path) -> None:
        subprocess.run([binaryen / name, *features, *args], check=True)

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        tool("wasm-dis", source, "-o", work / "clang.wat")
        clang = (work / "clang.wat").read_text()
        spans = functions(clang)
        missing = [n for n in names + outside if n not in spans]
        if missing:
            sys.exit(f"spill_except: no function named {', '.join(missing)} in {source}")
        kept = {n: clang[slice(*spans[n])] for n in names + outside}
        # The named functions too: their signatures must stay as clang wrote them.
        pins = sorted(({c for body in kept.values() for c in callees(body)} | set(names)) - set(outside))
        for name in sorted(outside, key=lambda n: -spans[n][0]):
            start, stop = spans[name]
            clang = clang[:start] + clang[stop:]
        imports = "".join(f"\n{outside_import(name, kept[name])}" for name in outside)
        last_import = clang.rindex("\n (import ")
        after = clang.index("\n", last_import + 1)
        clang = clang[:after] + imports + clang[after:]
        end = clang.rindex("\n)")
        exports = "".join(f'\n (export "{PIN}{c}" (func ${c}))' for c in pins)
        (work / "pinned.wat").write_text(clang[:end] + exports + clang[end:])

        tool("wasm-as", "-g", work / "pinned.wat", "-o", work / "pinned.wasm")
        tool("wasm-opt", "-g", "-O3", *SPILL_PASSES, work / "pinned.wasm", "-o", work / "spilled.wasm")
        tool("wasm-dis", work / "spilled.wasm", "-o", work / "spilled.wat")

        spilled = (work / "spilled.wat").read_text()
        spans = functions(spilled)
        for name in sorted(names, key=lambda n: -spans[n][0]):
            start, stop = spans[name]
            spilled = spilled[:start] + kept[name] + spilled[stop:]
        spilled = re.sub(rf'^ \(export "{PIN}[^"]*" \(func \$[^)]*\)\)\n', "", spilled, flags=re.MULTILINE)
        for name in outside:
            spilled = re.sub(
                rf'^ \(import "{OUTSIDE}" "{re.escape(name)}" .*\n', "", spilled, flags=re.MULTILINE
            )
            end = spilled.rindex("\n)")
            spilled = spilled[:end] + "\n" + kept[name].rstrip("\n") + spilled[end:]
        (work / "spliced.wat").write_text(spilled)

        tool("wasm-as", "-g", work / "spliced.wat", "-o", work / "spliced.wasm")
        tool("wasm-opt", "-O3", work / "spliced.wasm", "-o", out)


if __name__ == "__main__":
    main(sys.argv[1:])
