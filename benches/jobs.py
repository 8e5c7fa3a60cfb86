"""End-to-end speed of a scheduled job: fetch a 100,000-row JSON document from a local HTTP server,
transform every row in the sandbox, insert them into a table (one transaction after `run()` returns).
Rows per second from the "Run now" POST to its answer (the rows committed), against a plain Python script
doing the same in this process with httpx and sqlite-utils, in the same run. Goal: at least half its speed.

    python benches/jobs.py [--rows 100000] [--dir /dev/shm] [--repeat 3] [--json]

Both write to a fresh database in --dir (a disk costs both the same commit). The job runs in a fresh
sandbox with a 256 MiB memory limit; the instance allows 64 MiB responses from the local server.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import sqlite3
import statistics
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from datasette.app import Datasette
from datasette.plugins import pm

from datasette_micropython import plugin

ACTOR = {"id": "bench"}
PLUGIN = "datasette-agent-micropython"

# The same transform in both: typed, renamed and derived columns, as a real import does.
JOB_CODE = """
import json
import datasette

def run():
    items = json.loads(fetch(URL)["body"])
    rows = [
        {"id": item["id"], "name": item["name"].upper(), "price_cents": round(item["price"] * 100),
         "tags": ",".join(item["tags"]), "in_stock": item["stock"] > 0}
        for item in items
    ]
    datasette.insert("items", rows, pk="id")
"""


def baseline(url: str, path: Path) -> None:
    """The plain script: what the job does, without a sandbox."""
    try:
        import httpx
    except ImportError:  # the project's environment has Datasette's fork of it, with the same API
        import httpx2 as httpx
    import sqlite_utils

    items = httpx.get(url, timeout=60).json()
    rows = [
        {
            "id": item["id"],
            "name": item["name"].upper(),
            "price_cents": round(item["price"] * 100),
            "tags": ",".join(item["tags"]),
            "in_stock": item["stock"] > 0,
        }
        for item in items
    ]
    sqlite_utils.Database(path)["items"].insert_all(rows, pk="id")


def document(rows: int) -> bytes:
    items = [
        {
            "id": i,
            "name": f"item {i}",
            "price": round(i * 0.37 % 500, 2),
            "tags": ["a", f"t{i % 7}"],
            "stock": i % 3,
        }
        for i in range(rows)
    ]
    return json.dumps(items).encode()


def serve(body: bytes) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def check(path: Path, rows: int) -> None:
    conn = sqlite3.connect(path)
    count, cents = conn.execute("select count(*), sum(price_cents) from items").fetchone()
    conn.close()
    expected = sum(round(round(i * 0.37 % 500, 2) * 100) for i in range(rows))
    assert (count, cents) == (rows, expected), f"{count} rows, {cents} cents; expected {rows}, {expected}"


async def run_job(url: str, path: Path, rows: int) -> float:
    """Seconds from the Run now POST to its answer, after checking every row was written."""
    config = {
        "plugins": {
            PLUGIN: {
                "network": {"allow": [url + "/v1/"], "max_response_bytes": 64 * 2**20, "timeout": 120},
                "jobs": {
                    "bench": {
                        "database": path.stem,
                        "schedule": {"interval": 86400},
                        "network": {"allow": [url + "/v1/"]},
                        "writes": ["items"],
                        "time_limit": 600,
                        "memory_limit": "256M",
                        "max_write_rows": max(rows, 1),
                        "max_write_bytes": 2**30,
                        "code": JOB_CODE.replace("URL", json.dumps(url + "/v1/items.json")),
                    }
                },
            }
        },
        "permissions": {"micropython-jobs": {"id": ACTOR["id"]}},
    }
    ds = Datasette([str(path)], config=config)
    await ds.invoke_startup()
    started = time.perf_counter()
    response = await ds.client.post("/-/micropython/jobs/bench/run", json={}, actor=ACTOR)
    seconds = time.perf_counter() - started
    result = response.json()
    assert result.get("ok"), result
    check(path, rows)
    return seconds


async def measure(rows: int, directory: str | None, repeat: int) -> dict[str, list[float]]:
    if not pm.is_registered(plugin):  # running from a checkout rather than an installed package
        pm.register(plugin, name="micropython")
    httpd, url = serve(document(rows))
    workdir = Path(tempfile.mkdtemp(dir=directory))
    seconds: dict[str, list[float]] = {"job": [], "baseline": []}
    try:
        for attempt in range(repeat):
            # Alternated, so that a busy moment of the machine does not favour one.
            path = workdir / f"job{attempt}.db"
            sqlite3.connect(path).close()
            seconds["job"].append(await run_job(url, path, rows))
            path = workdir / f"baseline{attempt}.db"
            started = time.perf_counter()
            await asyncio.to_thread(baseline, url + "/v1/items.json", path)
            seconds["baseline"].append(time.perf_counter() - started)
            check(path, rows)
    finally:
        httpd.shutdown()
        shutil.rmtree(workdir)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--dir", default=None, help="directory for the databases (default: a temporary one)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the median is reported")
    parser.add_argument("--json", action="store_true", help="print only {name: median rows/s} as JSON")
    args = parser.parse_args()
    seconds = asyncio.run(measure(args.rows, args.dir, args.repeat))
    medians = {name: statistics.median(values) for name, values in seconds.items()}
    rates = {name: args.rows / value for name, value in medians.items()}
    if args.json:
        print(json.dumps(rates))
        return
    print(f"\n{args.rows:,} rows fetched, transformed and inserted; median of {args.repeat}\n")
    print("| | seconds (min-max) | rows/s | vs plain script |")
    print("|---|---:|---:|---:|")
    for name, label in (
        ("job", "scheduled job (sandbox)"),
        ("baseline", "plain Python: httpx + sqlite-utils"),
    ):
        low, high = min(seconds[name]), max(seconds[name])
        ratio = rates[name] / rates["baseline"]
        print(f"| {label} | {medians[name]:.2f} ({low:.2f}-{high:.2f}) | {rates[name]:,.0f} | {ratio:.2f}x |")


if __name__ == "__main__":
    main()
