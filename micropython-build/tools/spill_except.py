#!/usr/bin/env python3
"""The GC-safety passes (`--spill-pointers`) on every function of the module but the ones named.

    spill_except.py BINARYEN_BIN IN.wasm OUT.wasm FUNCTION[,FUNCTION...] [--outside FUNCTION[,...]] -- WASM_OPT_FEATURES...

Binaryen's pass has no per-function switch, so this runs it on the whole module and then puts the named
functions back as clang compiled them (no spills), working on the text format with names:

1. disassemble IN (clang's output) and export the named functions and every direct callee of theirs, so
   that the optimiser keeps each one, with its signature, under its own name (it would otherwise inline
   or specialise the ones the named functions alone call);
2. `-O3`, then the spill passes, on the whole module;
3. replace the named functions' spilled bodies with clang's, drop the temporary exports, `-O3` again,
   with their direct callees marked not to be inlined, so that the named functions stay as clang wrote
   them. Without the marks the optimiser inlined every callee that the VM alone calls (name, import and
   unpacking helpers, error paths): the VM grew by half, and Cranelift's code for its hot paths got
   slower (README.md, "Why the post-link passes": fib 360.3 -> 348.6 million instructions).

Functions named after `--outside` are also kept as clang compiled them, but are taken out of the module
during step 2 (each becomes an import of the same signature, so nothing is inlined into or out of it)
and put back before the last `-O3`: for a function so large that `--flatten`/`--coalesce-locals` on it
would take most of the build (PCRE2's match loop, 80 KB of code).

Only a function in which every object pointer used after a call is also held in memory the collector
scans may be named (see README.md, "Why the post-link passes").

Spills go only around calls that can reach the collector: a call to a function from which no chain of
direct calls reaches `gc_collect` (the port's collector entry, kept out of inlining so that it stays a
call) cannot free anything, so what its caller holds in locals needs no copy in memory then. Every
indirect call and every import counts as reaching it. Binaryen's pass has no such switch either; it spills
around `call` and `call_indirect` only, so before it runs (after `--flatten`, on the module printed as
text) each call to a function that cannot collect becomes a `call_ref` of that function, which the pass
passes over, and is turned back into the same `call` afterwards. The output is deterministic.
"""

import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

PIN = "__spill_except_keep_"
OUTSIDE = "__spill_except_outside"
COLLECTOR = "gc_collect"
PREPARE_PASSES = ["--flatten", "--coalesce-locals", "--reorder-locals"]
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


def collecting(wat: str) -> set[str]:
    """The functions from which a collection can happen: `gc_collect`, the imports, every function with an
    indirect call, and every function that calls one of these."""
    imports = set(re.findall(r'^ \(import "[^"]*" "[^"]*" \(func \$(\S+)', wat, re.MULTILINE))
    callers: dict[str, set[str]] = {}
    found = {COLLECTOR} | imports
    for name, (start, stop) in functions(wat).items():
        body = wat[start:stop]
        if re.search(r"\((return_call|call_indirect|call_ref)", body):
            found.add(name)
        for callee in callees(body):
            callers.setdefault(callee, set()).add(name)
    if COLLECTOR not in functions(wat):
        sys.exit(f"spill_except: no function named {COLLECTOR}: the collector must stay a function")
    todo = sorted(found)
    while todo:
        for caller in callers.get(todo.pop(), ()):
            if caller not in found:
                found.add(caller)
                todo.append(caller)
    return found


def closing(text: str, start: int) -> int:
    """Index of the parenthesis closing the one at `start` (function bodies hold no strings)."""
    depth = 0
    for match in re.compile(r"[()]").finditer(text, start):
        depth += 1 if match.group() == "(" else -1
        if depth == 0:
            return match.start()
    raise ValueError("unbalanced parentheses")


def signature_types(wat: str) -> dict[str, str]:
    """For each function, the name of a declared type with its signature (`call_ref` names one)."""
    declared = {}
    for name, params, results in re.findall(
        r"^ \(type \$(\S+) \(func((?: \(param [^)]*\))*)((?: \(result [^)]*\))*)\)\)$", wat, re.MULTILINE
    ):
        key = (
            " ".join(re.findall(r"\w+", params.replace("param", ""))),
            results.replace("result", "").strip(" ()"),
        )
        declared.setdefault(key, name)
    types = {}
    for name, header in re.findall(r"^ \(func \$(\S+)(.*)$", wat, re.MULTILINE):
        params = " ".join(re.findall(r"\(param (?:\$\S+ )?([^)]*)\)", header)).split()
        results = " ".join(re.findall(r"\(result ([^)]*)\)", header))
        key = (" ".join(params), results)
        if key in declared:
            types[name] = declared[key]
    return types


def in_functions(wat: str, change: Callable[[str], str]) -> str:
    """`wat` with `change` applied to each function's text (and nothing else: data segments hold strings)."""
    out, done = [], 0
    for start, stop in sorted(functions(wat).values()):
        out += [wat[done:start], change(wat[start:stop])]
        done = stop
    return "".join(out) + wat[done:]


def hide_calls(wat: str, quiet: set[str]) -> str:
    """Each `(call $f ...)` of a function in `quiet` as `(call_ref $type ... (ref.func $f))`.

    The printed locals' names (`$17`) are prefixed: parsed back they become real names, and the pass's
    new locals would show under clashing default ones."""
    types = signature_types(wat)

    def change(body: str) -> str:
        body = re.sub(r"\((local\.get|local\.set|local\.tee|local|param) \$", r"(\1 $l.", body)
        out, done = [], 0
        for match in re.finditer(r"\(call \$([^\s)]+)", body):
            name = match.group(1)
            if name not in quiet:
                continue
            if name not in types:
                sys.exit(f"spill_except: no declared type for the signature of {name}")
            end = closing(body, match.start())
            out += [
                body[done : match.start()],
                f"(call_ref ${types[name]}",
                body[match.end() : end],
                f" (ref.func ${name})",
            ]
            done = end
        return "".join(out) + body[done:]

    return in_functions(wat, change)


def restore_calls(wat: str) -> str:
    """Undo hide_calls on the spilled module (the pass keeps each `call_ref` with its `ref.func` last)."""

    def change(body: str) -> str:
        out, done = [], 0
        for match in re.finditer(r"\(call_ref \$\S+", body):
            end = closing(body, match.start())
            last = re.search(r"\s*\(ref\.func \$([^\s)]+)\)\s*$", body[match.end() : end])
            if not last:
                sys.exit("spill_except: a call_ref without its ref.func")
            out += [
                body[done : match.start()],
                f"(call ${last.group(1)}",
                body[match.end() : match.end() + last.start()],
            ]
            done = end
        return "".join(out) + body[done:]

    # the declaration of the functions referenced goes with the references
    return re.sub(r"^ \(elem declare func [^)]*\)\n", "", in_functions(wat, change), flags=re.MULTILINE)


def main(argv: list[str]) -> None:
    binaryen, source, out, names = Path(argv[0]), Path(argv[1]), Path(argv[2]), argv[3].split(",")
    options = argv[4 : argv.index("--")]
    outside = options[options.index("--outside") + 1].split(",") if "--outside" in options else []
    features = argv[argv.index("--") + 1 :]

    def tool(name: str, *args: str | Path, stdout: Path | None = None) -> None:
        command = [binaryen / name, *features, *args]
        if stdout is None:
            subprocess.run(command, check=True)
        else:
            with open(stdout, "w") as out:
                subprocess.run(command, check=True, stdout=out)

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
        tool(
            "wasm-opt",
            "-g",
            f"--no-inline={COLLECTOR}",
            "-O3",
            *PREPARE_PASSES,
            work / "pinned.wasm",
            "--print",
            stdout=work / "flat.wat",
        )
        flat = (work / "flat.wat").read_text()
        quiet = set(functions(flat)) - collecting(flat)
        (work / "hidden.wat").write_text(hide_calls(flat, quiet))
        tool(
            "wasm-opt",
            "-g",
            "--enable-gc",
            work / "hidden.wat",
            "--spill-pointers",
            "-o",
            work / "spilled.wasm",
        )
        tool("wasm-dis", "--enable-gc", work / "spilled.wasm", "-o", work / "spilled.wat")

        spilled = restore_calls((work / "spilled.wat").read_text())
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
        keep_out = sorted({c for name in names for c in callees(kept[name])} - set(outside))
        tool("wasm-opt", *[f"--no-inline={c}" for c in keep_out], "-O3", work / "spliced.wasm", "-o", out)


if __name__ == "__main__":
    main(sys.argv[1:])
