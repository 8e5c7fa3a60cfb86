"""Instructions the guest executes for the CPU workloads, counted by valgrind: repeatable on a busy machine.

    python benches/guest_instructions.py [--baseline REV] [--only fib,strings] [--json]

Wall-clock benchmarks (`run.py`) need a quiet machine; a change to the guest's interpreter (issue 21) can be
judged on any machine by the instructions it costs instead. Each workload of `workloads.PROGRAMS` (fib(25),
string building, dict-heavy, float math, at the full run's sizes) runs once in a fresh guest session under
`valgrind --tool=callgrind`, for three contenders in the same run:

- the guest module of this checkout (`datasette_micropython/micropython.wasm`);
- the baseline: the guest module committed at `--baseline` (default `main`), from `git show`;
- CPython running the same program (`sys.executable`), for the "x CPython" ratio of the issue.

The guest runs in wasmtime-py (`micropython-build/dev_harness.py`), not in the project's engine, so that no
Rust build is needed: Cranelift's code for a module is the same kind in both, so ratios between two guest
modules carry over. Each count is the run's total minus that of an empty program in the same setup, so
start-up, compilation and imports cancel out. The module is compiled once per contender under valgrind
(valgrind reports other CPU features than the host, so a module compiled outside it does not load) and
cached beside a temporary copy. Needs valgrind (Debian's package) and wasmtime-py (in benches/.venv).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
GUEST = REPO / "datasette_micropython" / "micropython.wasm"
sys.path.insert(0, str(HERE))

from workloads import FULL, PROGRAMS

EMPTY = "result = 0"


def program(name: str) -> str:
    source = EMPTY if name == "empty" else PROGRAMS[name].format(**vars(FULL))
    return source + "\nprint(result)\n"


def run_in_guest(wasm: str, name: str) -> None:
    """The child's side (`--child WASM NAME`): one session, one run, its output on stdout."""
    sys.path.insert(0, str(REPO / "micropython-build"))
    import dev_harness
    import wasmtime

    engine = dev_harness.make_engine()
    cache = Path(wasm + ".cwasm")
    if not cache.exists():
        cache.write_bytes(wasmtime.Module.from_file(engine, wasm).serialize())
    dev_harness._modules[(id(engine), wasm)] = wasmtime.Module.deserialize_file(engine, str(cache))
    outcome = dev_harness.Session(wasm, heap_size=64 << 20).exec(program(name))
    if outcome.status != 0:
        raise SystemExit(f"{name} failed in the guest: {outcome.pieces!r}")
    print(outcome.stdout, end="")


def instructions(command: list[str]) -> tuple[int, str]:
    """Instructions valgrind counted for `command`, and what it printed."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        capture_output=True,
        text=True,
        check=True,
    )
    match = re.search(r"Collected : (\d+)", done.stderr)
    if not match:
        raise SystemExit(f"valgrind printed no count for {command}:\n{done.stderr[-2000:]}")
    return int(match.group(1)), done.stdout.strip()


def count_guest(wasm: str, names: list[str]) -> dict[str, tuple[int, str]]:
    child = [sys.executable, __file__, "--child", wasm]
    instructions([*child, "empty"])  # compiles the module under valgrind and caches it
    empty, _ = instructions([*child, "empty"])
    counts = {}
    for name in names:
        total, output = instructions([*child, name])
        counts[name] = (total - empty, output)
    return counts


def count_cpython(names: list[str]) -> dict[str, tuple[int, str]]:
    empty, _ = instructions([sys.executable, "-c", program("empty")])
    counts = {}
    for name in names:
        total, output = instructions([sys.executable, "-c", program(name)])
        counts[name] = (total - empty, output)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", default="main", help="git revision whose committed guest is the baseline")
    parser.add_argument("--only", help="comma-separated workloads (default: all of workloads.PROGRAMS)")
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_in_guest(*args.child)
        return
    names = args.only.split(",") if args.only else list(PROGRAMS)
    unknown = sorted(set(names) - set(PROGRAMS))
    if unknown:
        parser.error(f"unknown workloads {unknown}: choose from {sorted(PROGRAMS)}")
    with tempfile.TemporaryDirectory() as tmp:
        current, baseline = os.path.join(tmp, "current.wasm"), os.path.join(tmp, "baseline.wasm")
        Path(current).write_bytes(GUEST.read_bytes())
        committed = subprocess.run(
            ["git", "show", f"{args.baseline}:datasette_micropython/micropython.wasm"],
            cwd=REPO,
            capture_output=True,
            check=True,
        )
        Path(baseline).write_bytes(committed.stdout)
        counts = {
            "guest": count_guest(current, names),
            "baseline": count_guest(baseline, names),
            "cpython": count_cpython(names),
        }
    for name in names:
        outputs = {contender: counts[contender][name][1] for contender in counts}
        if len(set(outputs.values())) != 1:
            raise SystemExit(f"{name}: the contenders printed different results: {outputs}")
    if args.json:
        print(json.dumps({c: {n: counts[c][n][0] for n in names} for c in counts}, indent=2))
        return
    print(f"Instructions (millions) per workload; baseline = the guest at {args.baseline}\n")
    print("| workload | this guest | baseline | this / baseline | CPython | this / CPython |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in names:
        guest, base, cpython = (counts[c][name][0] for c in ("guest", "baseline", "cpython"))
        print(
            f"| {name} | {guest / 1e6:,.0f} | {base / 1e6:,.0f} | {guest / base:.3f} | {cpython / 1e6:,.0f} "
            f"| {guest / cpython:.2f}x |"
        )


if __name__ == "__main__":
    main()
