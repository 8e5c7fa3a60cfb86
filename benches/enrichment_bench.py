"""End-to-end speed of the `micropython` enrichment: rows per second of a whole job (form POST to the
job's end) on a 100,000-row table, for a simple string transform. When datasette-enrichments-quickjs is
installed, the same transform in JavaScript runs on a copy of the same table in the same run, as the
baseline.

    python benches/enrichment_bench.py [--rows 100000] [--dir /dev/shm] [--json]

Where the databases live (--dir) matters: commits cost more on a disk than in memory (/dev/shm). The
micropython enrichment runs its own job loop (one transaction per batch of up to 10,000 rows, which
commits while the guest runs the next batch); QuickJS goes through the framework's loop (batches of 100
rows fetched as JSON pages, three commits per batch) and commits once per row.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from datasette.app import Datasette
from datasette.plugins import pm
from datasette_enrichments.utils import wait_for_job

from datasette_micropython import plugin

ROOT = {"id": "root"}
TRANSFORMS = {
    "micropython": {"code": "def enrich(row):\n    return row['name'].upper()\n", "output_column": "result"},
    "quickjs": {
        "javascript": "function enrich(row) {\n  return row.name.toUpperCase();\n}",
        "output_column": "result",
        "output_column_type": "text",
        "mode": "single",
    },
}


def make_table(path: Path, rows: int) -> None:
    conn = sqlite3.connect(path)
    conn.execute("create table items (id integer primary key, name text, n integer)")
    conn.executemany("insert into items (name, n) values (?, ?)", ((f"item {i}", i) for i in range(rows)))
    conn.commit()
    conn.close()


async def run(slug: str, path: Path, rows: int) -> float:
    """Seconds from the form POST to the end of the job, after checking every row was enriched."""
    ds = Datasette([str(path)])
    ds.root_enabled = True
    form = {"mode": "one", "output_type": "text", **TRANSFORMS[slug]}
    started = time.perf_counter()
    response = await ds.client.post(f"/-/enrich/{path.stem}/items/{slug}", data=form, actor=ROOT)
    assert response.status_code == 302, response.text
    job_id = parse_qs(urlparse(response.headers["location"]).query)["_enrichment_job"][0]
    await wait_for_job(ds, job_id, path.stem, timeout=3600)
    seconds = time.perf_counter() - started
    conn = sqlite3.connect(path)
    done = conn.execute("select count(*) from items where result = upper(name)").fetchone()[0]
    conn.close()
    assert done == rows, f"{slug}: {done} of {rows} rows enriched"
    return seconds


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--dir", default=None, help="directory for the databases (default: a temporary one)")
    parser.add_argument("--json", action="store_true", help="print only {slug: seconds} as JSON (for run.py)")
    args = parser.parse_args()
    if not pm.is_registered(plugin):  # running from a checkout rather than an installed package
        pm.register(plugin, name="micropython")
    slugs = ["micropython"]
    if importlib.util.find_spec("datasette_enrichments_quickjs"):
        slugs.append("quickjs")
    elif not args.json:
        print("datasette-enrichments-quickjs is not installed: no JavaScript baseline")
    workdir = Path(tempfile.mkdtemp(dir=args.dir))
    try:
        template = workdir / "template.db"
        make_table(template, args.rows)
        seconds = {}
        for slug in slugs:
            path = workdir / f"bench_{slug}.db"
            shutil.copy(template, path)
            seconds[slug] = await run(slug, path, args.rows)
    finally:
        shutil.rmtree(workdir)
    if args.json:
        print(json.dumps(seconds))
        return
    print(f"\n{args.rows:,} rows, `row['name'].upper()`, databases in {args.dir or tempfile.gettempdir()}\n")
    print("| enrichment | seconds | rows/s | speed vs QuickJS |")
    print("|---|---:|---:|---:|")
    for slug, s in seconds.items():
        ratio = f"{seconds['quickjs'] / s:.1f}x" if "quickjs" in seconds else "n/a"
        print(f"| {slug} | {s:.2f} | {args.rows / s:,.0f} | {ratio} |")


if __name__ == "__main__":
    asyncio.run(main())
