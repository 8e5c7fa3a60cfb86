"""Builds of this project from different revisions, measured in one run: `compare_builds.py --rev A --rev B`.

A speed claim against an older revision ("no workload more than 5% slower than before") needs both builds
measured on the same machine in the same minutes: figures from different days differ by more than the
change being judged. This tool builds the extension of each named git revision (once: the wheel is kept
under --builds-dir), then takes the samples round by round, each round running every build once in its own
subprocess, in an order that rotates, so a change in the machine's load falls on every build alike. It
prints each build's medians (min-max) and each one's ratio to the baseline (the first --rev unless
--baseline names another) measured in that same run.

A build: `git archive REV` unpacked into --builds-dir/SHA/src, `maturin build --release --locked` there
(CARGO_TARGET_DIR shared by all builds, seeded from this checkout's ./target so Wasmtime is not compiled
again when the revision's Cargo.lock agrees), the wheel unpacked into --builds-dir/SHA/site, which the
sample's subprocess puts first on its path. `--installed` adds the build this environment imports
(`make setup`) as the contender "installed". The workloads are benches/workloads.py's, driven through the
same contender as run.py, plus two calls that isolate the host's share of a per-row call (a guest function
that returns None, called with no argument and with one row).

`--instructions` counts instructions per operation under valgrind instead of timing them: each build's
figures are then the same on a quiet or a busy machine, so a few percent can be judged while other work
shares the cores (wall-clock medians there vary by more than the changes being judged).

`--smoke` runs tiny sizes and two rounds (tests/test_benches.py runs it with --installed only).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from contenders import Contender, Project
from workloads import (
    FULL,
    PROGRAMS,
    SMOKE,
    TRANSFORM,
    Sizes,
    cpu_program,
    fresh_sandbox,
    make_rows,
    rows_batch,
    rows_per_row,
    session_increment,
    timed_loop,
)

HERE = Path(__file__).parent
ROOT = HERE.parent
INSTALLED = "installed"


def call_none(argument: bool) -> Callable[[Contender, Sizes], float]:
    """Microseconds per `session.call` of a guest function returning None: the host's fixed cost per call
    (with `argument`, one row of the rows workloads is also encoded and decoded)."""

    def sample(contender: Contender, sizes: Sizes) -> float:
        row = make_rows(2)[1]
        with contender.session() as session:
            session.run("def none(*args):\n    return None")
            if argument:
                seconds = timed_loop(lambda: session.call("none", row), sizes.loop_seconds, 100_000)
            else:
                seconds = timed_loop(lambda: session.sandbox.call("none"), sizes.loop_seconds, 100_000)  # type: ignore[attr-defined]
        return seconds * 1e6

    return sample


@dataclass(frozen=True)
class Measure:
    key: str
    title: str
    unit: str
    higher_is_better: bool
    sample: Callable[[Contender, Sizes], float]


MEASURES = [
    Measure("fresh", "fresh sandbox", "us", False, fresh_sandbox),
    Measure("session", "session `x += 1`", "us", False, session_increment),
    Measure("call", "call, no argument, returns None", "us", False, call_none(argument=False)),
    Measure("call_row", "call with one row, returns None", "us", False, call_none(argument=True)),
    Measure("rows", "10,000 rows, one call each", "rows/s", True, rows_per_row),
    Measure("rows_batch", "10,000 rows, one batch", "rows/s", True, rows_batch),
    Measure("fib", "fib(25)", "ms", False, cpu_program("fib")),
    Measure("strings", "string building", "ms", False, cpu_program("strings")),
    Measure("dicts", "dict-heavy", "ms", False, cpu_program("dicts")),
    Measure("floats", "float math", "ms", False, cpu_program("floats")),
]


# --- builds ---------------------------------------------------------------------------------------------


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()


def build(rev: str, builds: Path) -> Path:
    """The site directory holding REV's built package (built and unpacked unless already there)."""
    sha = git("rev-parse", "--verify", f"{rev}^{{commit}}")
    home = builds / sha[:12]
    site = home / "site"
    if (site / "datasette_micropython").is_dir():
        return site
    wheels = home / "wheel"
    if not list(wheels.glob("*.whl")):
        src = home / "src"
        if not src.is_dir():
            src.mkdir(parents=True)
            archive = subprocess.run(
                ["git", "archive", sha], cwd=ROOT, check=True, capture_output=True
            ).stdout
            tar = home / "src.tar"
            tar.write_bytes(archive)
            with tarfile.open(tar) as t:
                t.extractall(src, filter="data")
            tar.unlink()
        target = builds / "target"
        if not target.exists() and (ROOT / "target").is_dir():
            print(f"seeding {target} from ./target (compiled crates)", flush=True)
            shutil.copytree(ROOT / "target", target, symlinks=True)
        maturin = Path(sys.executable).with_name("maturin")
        command = [str(maturin) if maturin.exists() else "maturin", "build", "--release", "--locked"]
        command += ["-i", sys.executable, "-o", str(wheels)]
        print(f"building {rev} ({sha[:12]}): {' '.join(command)}", flush=True)
        started = time.perf_counter()
        subprocess.run(command, cwd=src, check=True, env=os.environ | {"CARGO_TARGET_DIR": str(target)})
        print(f"built {rev} in {time.perf_counter() - started:.0f} s", flush=True)
    (wheel,) = wheels.glob("*.whl")
    with zipfile.ZipFile(wheel) as z:
        z.extractall(site)
    return site


# --- samples --------------------------------------------------------------------------------------------


def child(keys: list[str], smoke: bool) -> None:
    """One sample of each measure in this process (the build is whatever `datasette_micropython` imports)."""
    import datasette_micropython

    sizes = SMOKE if smoke else FULL
    contender = Project()
    contender.fresh_run("result = 1")  # the engine and the module are loaded before anything is timed
    samples = {m.key: m.sample(contender, sizes) for m in MEASURES if m.key in keys}
    print(json.dumps({"file": datasette_micropython.__file__, "samples": samples}))


def sample_build(site: Path | None, keys: list[str], smoke: bool) -> dict[str, Any]:
    env = dict(os.environ)
    if site is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(site), *filter(None, [env.get("PYTHONPATH")])])
    command = [sys.executable, str(Path(__file__)), "--child", ",".join(keys)] + (
        ["--smoke"] if smoke else []
    )
    done = subprocess.run(command, env=env, check=False, capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        raise RuntimeError(f"sample failed ({site}):\n{done.stderr[-3000:]}")
    answer: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    expected = site / "datasette_micropython" if site else None
    if expected and not answer["file"].startswith(str(expected)):
        raise RuntimeError(f"the child imported {answer['file']}, not the build in {site}")
    return answer


# --- instructions (valgrind) ----------------------------------------------------------------------------

#: Operations counted per measure under valgrind: rows for the rows measures, whole programs for the CPU ones.
COUNTS = {"fresh": 50, "session": 500, "call": 1000, "call_row": 1000, "rows": 1000, "rows_batch": 1000}
COUNTS |= {program: 1 for program in PROGRAMS}
# Valgrind cannot map the default pool; a fixed hash seed makes the counts repeatable.
VALGRIND_ENV = {"DATASETTE_MICROPYTHON_MAX_SANDBOXES": "4", "PYTHONHASHSEED": "0"}


def count_child(key: str, n: int, smoke: bool) -> None:
    """Sets every measure up in one warm sandbox, then does `n` operations of `key` (none for n=0, which
    is the baseline the other counts are taken from)."""
    from datasette_micropython import Sandbox

    sizes = SMOKE if smoke else FULL
    rows = make_rows(max(COUNTS["rows"], COUNTS["rows_batch"]))
    sb = Sandbox(time_limit=120.0)
    sb.run(TRANSFORM + "\ndef none(*args):\n    return None\nx = 0", eval_trailing=False)

    def fresh() -> None:
        with Sandbox() as fresh_sandbox:
            fresh_sandbox.run("result = 1 + 1\nresult")

    cheap: dict[str, Callable[[], object]] = {
        "fresh": fresh,
        "session": lambda: sb.run("x += 1", eval_trailing=False),
        "call": lambda: sb.call("none"),
        "call_row": lambda: sb.call("none", rows[1]),
        "rows": lambda: sb.call("transform", rows[1]),
    }
    for operation in cheap.values():  # first-time costs are in every count, so they cancel
        operation()
    sb.call("transform_all", rows[:2])
    if key == "rows":
        for row in rows[:n]:
            sb.call("transform", row)
    elif key == "rows_batch":
        sb.call("transform_all", rows[:n])
    elif key in cheap:
        for _ in range(n):
            cheap[key]()
    else:
        for _ in range(n):
            sb.run(PROGRAMS[key].format(**vars(sizes)), eval_trailing=False)
    sb.close()


def instructions(site: Path | None, key: str, n: int, cache: Path, smoke: bool) -> int:
    """Instructions valgrind counts for `count_child(key, n)` in the build at `site`."""
    env = os.environ | VALGRIND_ENV | {"DATASETTE_MICROPYTHON_CACHE_DIR": str(cache)}
    if site is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(site), *filter(None, [env.get("PYTHONPATH")])])
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable]
    command += [str(Path(__file__)), "--count", f"{key}:{n}"] + (["--smoke"] if smoke else [])
    done = subprocess.run(command, env=env, check=False, capture_output=True, text=True, timeout=3600)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or not found:
        raise RuntimeError(f"valgrind run failed ({site}, {key}):\n{done.stderr[-3000:]}")
    return int(found.group(1))


def count_instructions(
    builds: dict[str, Path | None], keys: list[str], cache_root: Path, smoke: bool
) -> None:
    """Prints instructions per operation of each measure for each build (valgrind: the machine's load
    does not change them), with ratios against the first build."""
    counts: dict[str, dict[str, float]] = {}
    for name, site in builds.items():
        cache = cache_root / (site.parent.name if site else INSTALLED)
        instructions(site, "call", 0, cache, smoke)  # compiles the module under valgrind into `cache`
        empty = instructions(site, "call", 0, cache, smoke)
        counts[name] = {}
        for key in keys:
            n = 2 if smoke else COUNTS[key]
            counts[name][key] = (instructions(site, key, n, cache, smoke) - empty) / n
        print(f"counted {name}", flush=True)
    names = list(builds)
    baseline = names[0]
    print()
    header = (
        "| "
        + " | ".join(["measure", "instructions per", *names, *(f"{n} / {baseline}" for n in names[1:])])
        + " |"
    )
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    for measure in (m for m in MEASURES if m.key in keys):
        unit = "row" if measure.key.startswith("rows") else "program" if measure.key in PROGRAMS else "call"
        cells = [number(counts[n][measure.key]) for n in names]
        ratios = [f"{counts[n][measure.key] / counts[baseline][measure.key]:.3f}" for n in names[1:]]
        print("| " + " | ".join([measure.title, unit, *cells, *ratios]) + " |")


def slowdown(
    measure: Measure, figures: list[float], base: list[float], stat: Callable[[list[float]], float]
) -> float:
    """Time per unit of work against the baseline's (`stat` of each's samples): above 1 is slower."""
    if measure.higher_is_better:
        return stat(base) / stat(figures)
    return stat(figures) / stat(base)


def number(value: float) -> str:
    return f"{value:,.0f}" if value >= 1000 else f"{value:.3g}"


def module_size(name: str) -> str:
    """The guest module's size in bytes: the revision's committed one, or this checkout's (--installed)."""
    if name == INSTALLED:
        return f"{(ROOT / 'datasette_micropython' / 'micropython.wasm').stat().st_size:,}"
    return f"{int(git('cat-file', '-s', f'{name}:datasette_micropython/micropython.wasm')):,}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rev", action="append", default=[], help="a git revision to build and measure")
    parser.add_argument(
        "--installed", action="store_true", help="also measure the build this environment imports"
    )
    parser.add_argument("--baseline", help="the build the ratios are against (default: the first)")
    parser.add_argument("--rounds", type=int, default=7, help="samples per build (default 7)")
    parser.add_argument("--only", help="comma-separated measures: " + ", ".join(m.key for m in MEASURES))
    parser.add_argument("--builds-dir", type=Path, default=HERE / "out" / "builds")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, two rounds")
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="count instructions per operation under valgrind instead of timing (steady on a busy machine)",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--count", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child.split(","), args.smoke)
        return
    if args.count:
        key, n = args.count.split(":")
        count_child(key, int(n), args.smoke)
        return
    keys = args.only.split(",") if args.only else [m.key for m in MEASURES]
    unknown = set(keys) - {m.key for m in MEASURES}
    if unknown:
        parser.error(f"unknown measures: {', '.join(sorted(unknown))}")
    builds: dict[str, Path | None] = {rev: build(rev, args.builds_dir) for rev in args.rev}
    if args.installed:
        builds[INSTALLED] = None
    if not builds:
        parser.error("name at least one --rev or --installed")
    baseline = args.baseline or next(iter(builds))
    if baseline not in builds:
        parser.error(f"--baseline {baseline} is not one of the builds measured")
    if args.instructions:
        ordered = {baseline: builds[baseline]} | builds
        count_instructions(ordered, keys, args.builds_dir / "valgrind-cache", args.smoke)
        return
    rounds = 2 if args.smoke else args.rounds

    names = list(builds)
    samples: dict[str, dict[str, list[float]]] = {n: {k: [] for k in keys} for n in names}
    loads = [os.getloadavg()]
    started = time.perf_counter()
    for round_ in range(rounds):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            for key, value in sample_build(builds[name], keys, args.smoke)["samples"].items():
                samples[name][key].append(value)
        loads.append(os.getloadavg())
        print(f"round {round_ + 1}/{rounds} done, load {loads[-1][0]:.2f}", flush=True)

    print()
    print(f"{rounds} rounds in {time.perf_counter() - started:.0f} s; builds alternate within each round.")
    print("load average (1 min) per round: " + ", ".join(f"{load[0]:.2f}" for load in loads))
    for name in names:
        sha = (
            git("rev-parse", "--short=12", f"{name}^{{commit}}") if name != INSTALLED else "this environment"
        )
        print(f"- {name}: {sha}, guest module {module_size(name)} bytes")
    print()
    others = [n for n in names if n != baseline]
    header = "| " + " | ".join(["measure", "unit", *names, *(f"{n} / {baseline}" for n in others)]) + " |"
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    for measure in (m for m in MEASURES if m.key in keys):
        figures = {n: samples[n][measure.key] for n in names}
        cells = [
            f"{number(statistics.median(f))} ({number(min(f))}-{number(max(f))})" for f in figures.values()
        ]
        best = max if measure.higher_is_better else min

        ratios = [
            f"{slowdown(measure, figures[n], figures[baseline], statistics.median):.3f}"
            f" / {slowdown(measure, figures[n], figures[baseline], best):.3f}"
            for n in others
        ]
        unit = f"{measure.unit} ({'higher' if measure.higher_is_better else 'lower'} is better)"
        print("| " + " | ".join([measure.title, unit, *cells, *ratios]) + " |")
    print()
    print(
        f"Cells: median (min-max) of {rounds} samples. Ratios: time per unit of work against {baseline}, of the"
        " medians / of the best samples; above 1.000 is slower. On a loaded machine the best samples (the"
        " least preempted) are the steadier estimate."
    )
    if args.smoke:
        print("smoke run complete")


if __name__ == "__main__":
    main()
