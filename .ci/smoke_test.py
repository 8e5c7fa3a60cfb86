"""Smoke test of an installed wheel (the release workflow runs it after installing each wheel into a fresh
virtualenv; tests/test_packaging.py runs it against the wheel built here). It imports the installed
package, never the source tree: run it from anywhere but the repository root.

Checks that the extension loads and runs guest code with its limits, that the SQL bridge reads a database
through the process's SQLite, that `datasette micropython` is registered with Datasette, and that the
licences are in the wheel's metadata.
"""

from __future__ import annotations

import importlib.metadata
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import datasette_micropython
from datasette_micropython import Sandbox, SandboxTimeout

LICENCES = {"LICENSE", "MicroPython.txt", "uzlib.txt", "wasi-libc.txt", "zig.txt"}


def main() -> None:
    source = Path(datasette_micropython.__file__).resolve().parent
    assert not (source.parent / "Cargo.toml").exists(), f"testing the source tree ({source}), not a wheel"

    with Sandbox(time_limit=2.0) as sandbox:
        result = sandbox.run(
            "import json\nrows = [{'n': i, 'sq': i * i} for i in range(5)]\njson.dumps(rows[-1])"
        )
        assert result.value == '\'{"n": 4, "sq": 16}\'', result.value
        try:
            sandbox.run("while True: pass")
        except SandboxTimeout:
            pass
        else:
            raise AssertionError("the time limit did not stop the loop")
        assert sandbox.run("len(rows)").value == "5", "the session did not survive the time limit"

    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "smoke.db")
        with sqlite3.connect(db) as conn:
            conn.execute("create table t (name text)")
            conn.executemany("insert into t values (?)", [("a",), ("b",)])
        conn.close()
        with Sandbox(databases={"smoke": db}) as sandbox:
            value = sandbox.run(
                "import datasette\n[r['name'] for r in datasette.query('select name from t')]"
            ).value
            assert value == "['a', 'b']", value

    command = [sys.executable, "-m", "datasette", "micropython", "run", "-c", "print(sum(range(10)))"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    assert output == "45\n", output

    files = importlib.metadata.files("datasette-agent-micropython") or []
    shipped = {Path(str(f)).name for f in files if "licenses" in Path(str(f)).parts}
    assert LICENCES <= shipped, f"licence files missing from the wheel: {sorted(LICENCES - shipped)}"

    print(
        f"smoke test passed: datasette-agent-micropython {importlib.metadata.version('datasette-agent-micropython')}"
    )


if __name__ == "__main__":
    main()
