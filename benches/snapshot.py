"""Snapshot, restore and fork of a live session (issue 20): times and sizes.

    python benches/snapshot.py [--live-mb 1] [--repeat 50] [--smoke] [--json]

A session holding about `--live-mb` MB of live data (a list of rows as an analyst builds them, plus an
incompressible bytes object, half and half) is snapshotted, restored into a fresh sandbox and forked,
`--repeat` times each; the table gives medians with min-max. A session's first fork copies its written
pages ("first fork", of each restored session); the second freezes them and moves the session onto the
frozen pages, and children map them copy-on-write (rust/core/src/fork.rs): "fork" forks the unchanged
session again and again (the frozen layer is shared), "fork after a run" forks it right after each run
(the child copies what the runs wrote since the last layer while that is a few pages, else it is frozen
as a new layer). Sizes: the snapshot's bytes against the session's linear memory (what the sandbox
reserved) and the live data it holds. Goals: snapshot and restore under 2 ms each, fork under 200 us,
snapshot size near the live data.

pydantic-monty is measured beside it when the bench environment (benches/install.py) has a version with
a session dump/load API; otherwise the row says why it was skipped.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from datasette_micropython import Sandbox

SESSION = """
import os
rows = [{'id': i, 'name': 'city %d' % i, 'population': i * 1000, 'score': i / 7} for i in range(N_ROWS)]
blob = os.urandom(N_BYTES)
def total():
    return sum(r['population'] for r in rows)
"""


def timed(function: Any, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def summary(times: list[float]) -> dict[str, float]:
    return {"median": statistics.median(times), "min": min(times), "max": max(times)}


def measure_project(live_mb: float, repeat: int) -> dict[str, Any]:
    # About 110 bytes per row in the guest's heap (dict, two strs, a float): half the live data in rows.
    n_bytes = int(live_mb * 500_000)
    n_rows = int(live_mb * 500_000 / 110)
    code = SESSION.replace("N_ROWS", str(n_rows)).replace("N_BYTES", str(n_bytes))
    with Sandbox(memory_limit=256 * 2**20) as sb:
        fresh_snapshot = len(sb.snapshot())
        sb.run(code)
        expected = sb.run("total()").value
        data = sb.snapshot()
        snapshot_times = timed(sb.snapshot, repeat)
        restored: list[Sandbox] = []

        def restore() -> None:
            restored.append(Sandbox.restore(data, memory_limit=256 * 2**20))

        restore_times = timed(restore, repeat)
        assert restored[-1].run("total()").value == expected
        copies: list[Sandbox] = []
        first_fork_times = timed(lambda: copies.append(restored.pop().fork()), repeat)
        assert copies[-1].run("total()").value == expected
        for other in copies:
            other.close()
        forks: list[Sandbox] = []
        # The first fork copies; the second freezes the session and builds the process's fork engine.
        sb.fork().close()
        sb.fork().close()
        fork_times = timed(lambda: forks.append(sb.fork()), repeat)
        assert forks[-1].run("total()").value == expected

        def fork_after_a_run() -> None:
            sb.run("total()")
            started = time.perf_counter()
            forks.append(sb.fork())
            after_run_times.append(time.perf_counter() - started)

        after_run_times: list[float] = []
        for _ in range(repeat):
            fork_after_a_run()
        assert forks[-1].run("total()").value == expected
        for other in forks:
            other.close()
        return {
            "snapshot": summary(snapshot_times),
            "restore": summary(restore_times),
            "fork": summary(fork_times),
            "fork after a run": summary(after_run_times),
            "first fork": summary(first_fork_times),
            "snapshot_bytes": len(data),
            "fresh_snapshot_bytes": fresh_snapshot,
            "memory_bytes": sb.memory_size,
            "live_bytes": int(live_mb * 1_000_000),
        }


def measure_monty(live_mb: float, repeat: int) -> dict[str, Any] | str:
    """pydantic-monty's session dump and load, or why it could not be measured."""
    try:
        import pydantic_monty  # type: ignore[import-not-found]
    except ImportError:
        return "skipped: pydantic-monty is not installed here (benches/install.py installs it)"
    version = getattr(pydantic_monty, "__version__", "?")
    try:
        with pydantic_monty.Monty() as pool, pool.checkout() as session:
            dump = getattr(session, "dump", None) or getattr(session, "snapshot", None)
            load = getattr(pool, "load", None) or getattr(pool, "restore", None)
            if dump is None or load is None:
                return f"skipped: pydantic-monty {version} has no session dump/load (checked dump/snapshot, load/restore)"
            n_rows = int(live_mb * 500_000 / 110)
            session.feed_run(
                f"rows = [{{'id': i, 'name': 'city ' + str(i), 'population': i * 1000}} for i in range({n_rows})]"
            )
            data = dump()
            return {
                "snapshot": summary(timed(dump, repeat)),
                "restore": summary(timed(lambda: load(data), repeat)),
                "snapshot_bytes": len(data),
            }
    except Exception as e:  # noqa: BLE001 -- a peer failing is reported, not fatal
        return f"failed: pydantic-monty {version}: {type(e).__name__}: {e}"


def ms(stat: dict[str, float]) -> str:
    return f"{stat['median'] * 1e3:.3f} ms ({stat['min'] * 1e3:.3f}-{stat['max'] * 1e3:.3f})"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--live-mb", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument(
        "--smoke", action="store_true", help="tiny sizes, few repeats (tests/test_benches.py)"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.smoke:
        args.live_mb, args.repeat = 0.1, 3
    project = measure_project(args.live_mb, args.repeat)
    monty = measure_monty(args.live_mb, args.repeat)
    if args.json:
        print(json.dumps({"project": project, "monty": monty}, indent=2))
        return
    print(f"Session with ~{args.live_mb:g} MB of live data, {args.repeat} repeats (median, min-max)\n")
    print("| | datasette-micropython | pydantic-monty |")
    print("|---|---|---|")
    peer = monty if isinstance(monty, dict) else None
    for name in ("snapshot", "restore", "fork", "fork after a run", "first fork"):
        other = ms(peer[name]) if peer and name in peer else ("n/a" if peer else "-")
        print(f"| {name} | {ms(project[name])} | {other} |")
    size = f"{project['snapshot_bytes']:,} B (memory {project['memory_bytes']:,} B, live {project['live_bytes']:,} B)"
    peer_size = f"{peer['snapshot_bytes']:,} B" if peer else "-"
    print(f"| snapshot size | {size} | {peer_size} |")
    print(f"| fresh session's snapshot | {project['fresh_snapshot_bytes']:,} B | - |")
    if not peer:
        print(f"\npydantic-monty: {monty}")
    if args.smoke:
        print("\nsmoke run complete")


if __name__ == "__main__":
    main()
