"""The benchmark's smoke mode runs end to end, so `make bench` does not rot between full runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCHES = Path(__file__).parent.parent / "benches"
sys.path.insert(0, str(BENCHES))

from workloads import WORKLOADS


def test_smoke_run_prints_a_row_for_every_workload() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCHES / "run.py"), "--smoke"],
        check=False,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert "smoke run complete" in done.stdout
    rows = {line.split("|")[1].strip(): line for line in done.stdout.splitlines() if line.startswith("| ")}
    for workload in WORKLOADS:
        assert workload.title in rows, f"no row for {workload.title}"
        project_cell = rows[workload.title].split("|")[3].strip()
        assert not project_cell.startswith(("failed", "n/a")), f"{workload.title}: {project_cell}"


def test_snapshot_bench_smoke_run_measures_snapshot_restore_and_fork() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCHES / "snapshot.py"), "--smoke"],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "smoke run complete" in done.stdout
    for row in ("| snapshot |", "| restore |", "| fork |", "| snapshot size |"):
        assert row in done.stdout, done.stdout


def test_soak_runs_end_to_end_and_reports_every_probe() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCHES / "soak.py"), "--duration", "10", "--anonymous", "2"],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "server alive at the end: True" in done.stdout
    for probe in ("signed-in 1 + 1", "signed-in table page", "anonymous run"):
        assert f"| {probe} |" in done.stdout, done.stdout
