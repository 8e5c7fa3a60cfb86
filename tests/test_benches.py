"""The benchmark's smoke mode runs end to end, so `make bench` does not rot between full runs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCHES = Path(__file__).parent.parent / "benches"
sys.path.insert(0, str(BENCHES))

from workloads import WORKLOADS


def run_bench(script: str, *args: str, timeout: int) -> subprocess.CompletedProcess[str]:
    """Runs benches/<script> with the test's Python; fails the test with its output if it fails."""
    done = subprocess.run(
        [sys.executable, str(BENCHES / script), *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def test_smoke_run_prints_a_row_for_every_workload() -> None:
    done = run_bench("run.py", "--smoke", timeout=600)
    assert "smoke run complete" in done.stdout
    rows = {line.split("|")[1].strip(): line for line in done.stdout.splitlines() if line.startswith("| ")}
    for workload in WORKLOADS:
        assert workload.title in rows, f"no row for {workload.title}"
        project_cell = rows[workload.title].split("|")[3].strip()
        assert not project_cell.startswith(("failed", "n/a")), f"{workload.title}: {project_cell}"


def test_snapshot_bench_smoke_run_measures_snapshot_restore_and_fork() -> None:
    done = run_bench("snapshot.py", "--smoke", timeout=300)
    assert "smoke run complete" in done.stdout
    for row in ("| snapshot |", "| restore |", "| fork |", "| snapshot size |"):
        assert row in done.stdout, done.stdout


def test_soak_runs_end_to_end_and_reports_every_probe() -> None:
    done = run_bench("soak.py", "--duration", "10", "--anonymous", "2", timeout=300)
    assert "server alive at the end: True" in done.stdout
    for probe in ("signed-in 1 + 1", "signed-in table page", "anonymous run"):
        assert f"| {probe} |" in done.stdout, done.stdout


def test_sql_functions_bench_runs_and_reports_both_contenders() -> None:
    # benches/sql_functions.py: the sandboxed function against the plain sqlite3 function (it also checks
    # that both return the same rows before timing them).
    done = run_bench("sql_functions.py", "--rows", "2000", "--repeat", "1", "--json", timeout=300)
    figures = json.loads(done.stdout)
    assert figures["rows"] == 2000
    for query in ("rows", "aggregate"):
        for contender in ("sandboxed", "plain sqlite3"):
            assert figures[f"{query}: {contender}"]["calls_per_second"] > 0
        assert figures[f"{query}: slowdown"] > 0


def test_jobs_bench_runs_end_to_end_and_reports_both_rates() -> None:
    done = run_bench("jobs.py", "--rows", "2000", "--repeat", "1", "--json", timeout=300)
    rates = json.loads(done.stdout)
    assert set(rates) == {"job", "baseline"} and all(rate > 0 for rate in rates.values())


def test_compare_builds_smoke_run_prints_every_measure() -> None:
    # benches/compare_builds.py with the installed build only: no revision is built here (minutes each).
    done = run_bench("compare_builds.py", "--installed", "--smoke", timeout=600)
    assert "smoke run complete" in done.stdout
    for title in ("| fresh sandbox |", "| 10,000 rows, one call each |", "| float math |"):
        assert title in done.stdout, done.stdout
