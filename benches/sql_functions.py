"""Speed of Python SQL functions (datasette_micropython/plugin/functions.py): `select slugify(name) from t`
over a 100,000-row table, the function running in the sandbox, against the same function registered as a
plain (unsandboxed) Python `sqlite3` function in the same run. Calls per second on one thread.

    python benches/sql_functions.py [--rows 100000] [--repeat 5] [--json]

Three queries, each timed with its rows fetched into Python (`fetchall`), alternating the contenders and
taking the median of `--repeat` runs:
- `select slugify(name) from t`: the query of the issue;
- `select sum(length(slugify(name))) from t`: the function's cost without building 100,000 result rows;
- `select name from t` (no function): what the first query costs without any function.
The goal (issue 19): the sandboxed function within 3x of the plain one, and at least 300,000 calls/s.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from datasette_micropython._sqlite import bridge_sqlite
from datasette_micropython.plugin.functions import build, parse_functions

SLUGIFY = 'def slugify(s):\n    return "-".join(s.lower().split())\n'

QUERIES = {
    "rows": "select slugify(name) from t",
    "aggregate": "select sum(length(slugify(name))) from t",
}


def make_table(path: Path, rows: int) -> None:
    conn = sqlite3.connect(path)
    conn.execute("create table t (id integer primary key, name text)")
    words = ["Hello", "World", "Datasette", "MicroPython", "SQL", "Function", "Sandbox", "Speed"]
    conn.executemany(
        "insert into t (name) values (?)",
        ((f"{words[i % 8]} {words[(i * 3) % 8]}  Item {i}",) for i in range(rows)),
    )
    conn.commit()
    conn.close()


def connections(path: Path) -> dict[str, sqlite3.Connection]:
    plain = sqlite3.connect(path)
    namespace: dict[str, Any] = {}
    exec(SLUGIFY, namespace)  # noqa: S102 (the baseline: the same code as a plain Python function)
    plain.create_function("slugify", 1, namespace["slugify"], deterministic=False)
    why = bridge_sqlite()
    if why is not None:
        raise SystemExit(f"the engine cannot use Python's SQLite here: {why}")
    sandboxed = sqlite3.connect(path)
    build(parse_functions({"slugify": {"code": SLUGIFY}}), None).register(sandboxed)
    return {"sandboxed": sandboxed, "plain sqlite3": plain}


def run(rows: int, repeat: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="sql-functions-bench-") as directory:
        path = Path(directory) / "bench.db"
        make_table(path, rows)
        conns = connections(path)
        # The results agree before anything is timed.
        results = {name: conn.execute(QUERIES["rows"]).fetchall() for name, conn in conns.items()}
        assert results["sandboxed"] == results["plain sqlite3"], (
            "the sandboxed function disagrees with CPython"
        )
        samples: dict[tuple[str, str], list[float]] = {}
        for round_ in range(repeat):
            order = list(conns.items())
            order = order[round_ % 2 :] + order[: round_ % 2]
            for query_name, sql in QUERIES.items():
                for name, conn in order:
                    started = time.perf_counter()
                    conn.execute(sql).fetchall()
                    samples.setdefault((query_name, name), []).append(time.perf_counter() - started)
            started = time.perf_counter()
            conns["plain sqlite3"].execute("select name from t").fetchall()
            samples.setdefault(("rows", "no function"), []).append(time.perf_counter() - started)
        for conn in conns.values():
            conn.close()
    figures: dict[str, Any] = {"rows": rows, "repeat": repeat}
    for (query_name, name), times in samples.items():
        median = statistics.median(times)
        figures[f"{query_name}: {name}"] = {"seconds": median, "calls_per_second": rows / median}
    for query_name in QUERIES:
        sandboxed = figures[f"{query_name}: sandboxed"]["seconds"]
        plain = figures[f"{query_name}: plain sqlite3"]["seconds"]
        figures[f"{query_name}: slowdown"] = sandboxed / plain
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    figures = run(args.rows, args.repeat)
    if args.json:
        print(json.dumps(figures))
        return
    print(f"{args.rows:,} rows, median of {args.repeat} runs, one thread")
    print("| query | contender | seconds | calls/s |")
    print("|---|---|---|---|")
    for key, value in figures.items():
        if isinstance(value, dict):
            query_name, name = key.split(": ", 1)
            sql = QUERIES.get(query_name, "")
            if name == "no function":
                sql = "select name from t"
            print(f"| `{sql}` | {name} | {value['seconds']:.4f} | {value['calls_per_second']:,.0f} |")
    for query_name in QUERIES:
        print(f"{query_name}: sandboxed / plain = {figures[f'{query_name}: slowdown']:.2f}x")


if __name__ == "__main__":
    main()
