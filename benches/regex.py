"""The guest's `re` (PCRE2 under re.py) against CPython's `re` and against another guest module, in one run.

    /work/guestdev/bin/python benches/regex.py [--baseline OLD.wasm] [--wasm NEW.wasm] [--rounds 5]

Runs each workload (a few KB of agent-style text: log lines, prices, e-mails) in a guest session under
wasmtime-py (micropython-build/dev_harness.py, so any two modules can be compared; the engine embeds one)
and in this CPython, and prints the median time per workload and the ratios. Workloads use only what
MicroPython's former engine (re1.5) supports, so an older module can be the baseline; a workload the
baseline cannot run is reported as such.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "micropython-build"))
import dev_harness

SETUP = r"""
import re, time
lines = []
for i in range(60):
    lines.append('2024-03-%02d 12:%02d:07 INFO user%d@example.com paid $%d.%02d for order %d (ref ABC-%04d)'
                 % (i % 28 + 1, i % 60, i, i * 37 % 500, i % 100, 1000 + i, i * 7))
text = '\n'.join(lines)
"""

# name -> loop body run `repeat` times; each returns something so the work cannot be skipped.
WORKLOADS = {
    "search each line": (
        r"p = re.compile(r'\$(\d+)\.(\d+)')" + "\n",
        "r = [p.search(l).group(1) for l in lines]",
        20,
    ),
    "sub digits": ("", r"r = re.sub(r'[0-9]+', '#', text)", 20),
    "sub callable": ("", r"r = re.sub(r'user([0-9]+)', lambda m: m.group(1), text)", 10),
    "split words": ("", r"r = re.split(r'[ ,.()]+', text)", 20),
    "match emails": (
        r"p = re.compile(r'[a-z0-9]+@[a-z]+\.[a-z]+')" + "\n",
        "r = [p.search(l) is not None for l in lines]",
        20,
    ),
}


def program(setup: str, body: str, repeat: int) -> str:
    return (
        SETUP
        + setup
        + f"t0 = time.perf_counter()\nfor _ in range({repeat}):\n    {body}\nelapsed = (time.perf_counter() - t0) / {repeat}\n"
    )


def guest_time(wasm: Path, code: str) -> float | None:
    session = dev_harness.Session(wasm=wasm, heap_size=32 << 20)
    out = session.exec(code + "print(elapsed)", flags=0)
    if out.status != 0:
        return None
    return float(out.stdout.decode() if isinstance(out.stdout, bytes) else out.stdout)


def cpython_time(code: str) -> float:
    namespace: dict = {}
    exec(compile(code, "<bench>", "exec"), namespace)  # noqa: S102
    return namespace["elapsed"]


def median(values: list) -> float | None:
    return None if any(v is None for v in values) else statistics.median(values)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--wasm", type=Path, default=dev_harness.DEFAULT_WASM)
    ap.add_argument(
        "--baseline", type=Path, help="another guest module (e.g. the build before re moved to PCRE2)"
    )
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    print(f"{'workload':<16} {'guest':>10} {'CPython':>10} {'guest/CPython':>14}", end="")
    print(f" {'baseline':>10} {'guest/baseline':>15}" if args.baseline else "")
    for name, (setup, body, repeat) in WORKLOADS.items():
        code = program(setup, body, repeat)
        rounds = {"guest": [], "cpython": [], "baseline": []}
        for _ in range(args.rounds):  # alternated, so machine load falls on all alike
            rounds["guest"].append(guest_time(args.wasm, code))
            rounds["cpython"].append(cpython_time(code))
            if args.baseline:
                rounds["baseline"].append(guest_time(args.baseline, code))
        guest, cpython = median(rounds["guest"]), median(rounds["cpython"])
        line = f"{name:<16} {guest * 1e3:>8.3f}ms {cpython * 1e3:>8.3f}ms {guest / cpython:>13.1f}x"
        if args.baseline:
            baseline = median(rounds["baseline"])
            line += " " + (
                f"{baseline * 1e3:>8.3f}ms {guest / baseline:>14.2f}x" if baseline else f"{'fails':>10}"
            )
        print(line)


if __name__ == "__main__":
    main()
