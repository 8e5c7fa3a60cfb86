"""Scheduled jobs (datasette_micropython/plugin/jobs.py): config and UI jobs run by the real datasette-cron
scheduler, fetching JSON from a real HTTP server on 127.0.0.1, writing through Datasette's write
connection. Every failure must record its error and write nothing; the next run must work."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from datasette import hookimpl
from datasette.app import Datasette
from datasette.permissions import PermissionSQL
from datasette.plugins import pm

from datasette_micropython.plugin import jobs as jobs_module
from datasette_micropython.plugin.jobs import JobError

PLUGIN = "datasette-agent-micropython"
ALICE = {"id": "alice"}
BOB = {"id": "bob"}

# What the server serves; tests change it between runs.
PRICES: list[dict] = []


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/v1/prices.json":
            body = json.dumps(PRICES).encode()
        elif self.path == "/v1/broken.json":
            body = b"{not json"
        elif self.path.startswith("/v1/slow"):
            time.sleep(0.5)
            body = b"[]"
        elif self.path == "/private/secret.json":
            body = b'{"secret": 1}'
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(autouse=True)
def prices():
    PRICES[:] = [{"s": "AAA", "p": 1.5}, {"s": "BBB", "p": 2.25}]
    yield PRICES


# The documented example job (README, issue 18), verbatim but for the server and a print: `datasette` is
# there without an import.
def prices_code(server):
    return f"""import json
def run():
    r = fetch("{server}/v1/prices.json")
    rows = [{{"sym": p["s"], "price": p["p"]}} for p in json.loads(r["body"])]
    datasette.upsert("prices", rows, pk="sym")
    print("fetched", len(rows), "prices")
"""


def permissions(*actors, tables=("prices",)):
    """datasette.yaml permissions giving `actors` the jobs permission and write access to `tables`."""
    allow = {"id": [actor["id"] for actor in actors]}
    table_permissions = {action: allow for action in ("insert-row", "update-row", "delete-row")}
    return {
        "permissions": {"micropython-jobs": allow},
        "databases": {"data": {"tables": {table: {"permissions": table_permissions} for table in tables}}},
    }


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "data.db"
    conn = sqlite3.connect(path)
    conn.execute("create table other (id integer primary key, v text)")
    conn.execute("insert into other values (1, 'keep')")
    conn.commit()
    conn.close()
    return path


def table_rows(path, table):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"select * from [{table}] order by 1").fetchall()
    except sqlite3.OperationalError:
        return None
    finally:
        conn.close()


async def make_ds(db_path, server, jobs=None, config=None, **plugin_settings):
    settings = {"network": {"allow": [server + "/v1/", server + "/private/"]}, **plugin_settings}
    if jobs is not None:
        settings["jobs"] = jobs
    ds = Datasette(
        [str(db_path)],
        config={"plugins": {PLUGIN: settings}, **(permissions(ALICE) if config is None else config)},
    )
    await ds.invoke_startup()
    return ds


@pytest.fixture
async def started():
    """Starts datasette-cron's loop of each Datasette passed in, and shuts it down after the test."""
    schedulers = []

    def start(ds):
        scheduler = ds._cron_scheduler
        scheduler.start()
        schedulers.append(scheduler)
        return scheduler

    yield start
    for scheduler in schedulers:
        await scheduler.shutdown()


async def wait_for_runs(ds, name, count, timeout=8.0):
    deadline = time.monotonic() + timeout
    while True:
        runs = await jobs_module.runs_of(ds, name)
        if len(runs) >= count:
            return runs
        if time.monotonic() > deadline:
            raise AssertionError(f"{name}: {len(runs)} runs after {timeout} s, expected {count}: {runs}")
        await asyncio.sleep(0.05)


async def until_running(ds, name, running=True, timeout=10.0):
    deadline = time.monotonic() + timeout
    while jobs_module.is_running(ds, name) != running:
        assert time.monotonic() < deadline, f"{name} never {'started' if running else 'stopped'}"
        await asyncio.sleep(0.01)


async def save(ds, actor=ALICE, create=True, **settings):
    body = {"create": create, "database": "data", "schedule": {"interval": 3600}, **settings}
    return await ds.client.post("/-/micropython/jobs/-/save", json=body, actor=actor)


async def run_now(ds, name, actor=ALICE, verb="run", body=None):
    response = await ds.client.post(f"/-/micropython/jobs/{name}/{verb}", json=body or {}, actor=actor)
    return response


# ---- the transform matches CPython --------------------------------------------------------------------------

TRADES = [
    {"s": sym, "p": price, "q": qty, "t": f"2024-03-{day:02d}T{hour:02d}:15:00"}
    for sym, price, qty, day, hour in [
        ("AAA", 101.25, 3, 1, 9),
        ("AAA", 99.5, 10, 1, 15),
        ("BBB", 0.125, 2500, 2, 10),
        ("AAA", 100.0, 7, 2, 11),
        ("CCC", 12345.678, 1, 3, 16),
        ("BBB", 0.13, 1000, 3, 9),
    ]
]

# An analyst's transform: parse, group, aggregate, round and format, several rows per symbol.
ANALYST_JOB = """import json
from collections import defaultdict
from datetime import datetime

def run():
    trades = json.loads(fetch("SERVER/v1/trades.json")["body"])
    by_symbol = defaultdict(list)
    for trade in trades:
        by_symbol[trade["s"]].append(trade)
    rows = []
    for sym, items in sorted(by_symbol.items()):
        volume = sum(t["q"] for t in items)
        vwap = sum(t["p"] * t["q"] for t in items) / volume
        first = min(datetime.fromisoformat(t["t"]) for t in items)
        rows.append({
            "sym": sym,
            "trades": len(items),
            "volume": volume,
            "vwap": round(vwap, 4),
            "label": f"{sym}: {vwap:,.2f} x {volume:,}",
            "first": first.strftime("%a %d %b %H:%M"),
            "weekday": first.isoweekday(),
        })
        print(f"{sym:<4}{len(items):>3}{vwap:>14.3f}")
    datasette.upsert("summary", rows, pk="sym")
"""


def run_under_cpython(code, server):
    """Runs the job's code under this CPython with `fetch` and a `datasette` that records its writes."""
    import contextlib
    import io
    import types
    import urllib.request

    writes = []

    def fetch(url, method="GET", headers=None, body=None):
        with urllib.request.urlopen(url) as response:
            return {
                "status": response.status,
                "url": url,
                "headers": dict(response.headers),
                "body": response.read(),
            }

    recorder = types.SimpleNamespace(
        upsert=lambda table, rows, pk, alter=False: writes.append((table, list(rows))),
        insert=lambda table, rows, **options: writes.append((table, list(rows))),
    )
    namespace = {"fetch": fetch, "datasette": recorder}
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(compile(code, "<job>", "exec"), namespace)  # noqa: S102 - CPython, the reference, runs the job
        namespace["run"]()
    return output.getvalue(), writes


async def test_a_transform_writes_what_cpython_computes(db_path, server):
    PRICES[:] = TRADES
    code = ANALYST_JOB.replace("SERVER", server).replace("trades.json", "prices.json")
    expected_output, [(table, expected_rows)] = run_under_cpython(code, server)
    assert table == "summary"
    ds = await make_ds(db_path, server, config=permissions(ALICE, tables=["summary"]))
    response = await save(ds, name="a", code=code, writes=["summary"], network={"allow": [server + "/v1/"]})
    assert response.status_code == 200, response.text
    run = (await run_now(ds, "a")).json()["run"]
    assert run["status"] == "success", run
    assert run["stdout"] == expected_output
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    stored = [dict(row) for row in conn.execute("select * from summary order by sym")]
    assert stored == expected_rows
    assert [(r["sym"], r["trades"]) for r in expected_rows] == [("AAA", 3), ("BBB", 2), ("CCC", 1)]


# ---- config jobs on the real scheduler -------------------------------------------------------------------


async def test_config_job_fetches_transforms_and_upserts_on_an_interval(db_path, server, started, prices):
    jobs = {
        "import-prices": {
            "database": "data",
            "schedule": {"interval": 1},
            "network": {"allow": [server + "/v1/"]},
            "writes": ["prices"],
            "time_limit": 30,
            "code": prices_code(server),
        }
    }
    ds = await make_ds(db_path, server, jobs)
    started(ds)
    first = (await wait_for_runs(ds, "import-prices", 1))[0]
    assert first["status"] == "success", first
    assert first["trigger"] == "schedule"
    assert first["rows"] == {"prices": {"inserted": 0, "upserted": 2, "deleted": 0}}
    assert first["stdout"] == "fetched 2 prices\n"
    assert table_rows(db_path, "prices") == [("AAA", 1.5), ("BBB", 2.25)]
    # The upsert updates what changed and adds what is new on the next tick.
    prices[:] = [{"s": "AAA", "p": 1.75}, {"s": "CCC", "p": 3}]
    second = (await wait_for_runs(ds, "import-prices", 2))[0]
    assert second["status"] == "success", second
    assert table_rows(db_path, "prices") == [("AAA", 1.75), ("BBB", 2.25), ("CCC", 3.0)]
    # datasette-cron keeps its own history of the task, too.
    cron_runs = await ds._cron_scheduler.internal_db.get_runs("micropython:import-prices")
    assert len(cron_runs) >= 2 and {run.status for run in cron_runs} <= {"success", "running"}
    # The list shows the schedule, the last run and the next.
    listing = (await ds.client.get("/-/micropython/jobs.json", actor=ALICE)).json()
    [job] = listing["jobs"]
    assert job["schedule_text"] == "every 1 s" and job["last_run"]["status"] == "success"
    assert job["next_run"] is not None and job["source"] == "config"


async def test_the_table_is_created_with_sqlite_utils_types_and_primary_key(db_path, server):
    code = """
import datasette
def run():
    datasette.insert("readings", [{"id": 1, "t": 20.5, "where": "lab", "tags": ["a", "b"], "ok": True},
                                  {"id": 2, "t": 21, "where": None, "raw": b"\\x00\\x01"}],
                     pk="id", alter=True)
"""
    ds = await make_ds(db_path, server, config=permissions(ALICE, tables=["readings"]))
    assert (await save(ds, name="readings", code=code, writes=["readings"])).status_code == 200
    run = (await run_now(ds, "readings")).json()["run"]
    assert run["status"] == "success", run
    conn = sqlite3.connect(db_path)
    schema = conn.execute("select sql from sqlite_master where name = 'readings'").fetchone()[0]
    assert schema == (
        'CREATE TABLE "readings" ("id" INTEGER PRIMARY KEY, "t" REAL, "where" TEXT, "tags" TEXT, '
        '"ok" INTEGER, "raw" BLOB)'
    )
    assert conn.execute("select * from readings").fetchall() == [
        (1, 20.5, "lab", '["a", "b"]', 1, None),
        (2, 21.0, None, None, None, b"\x00\x01"),
    ]


async def test_syntax_error_in_a_config_job_stops_startup_naming_the_line(db_path, server):
    jobs = {"broken": {"database": "data", "schedule": {"interval": 60}, "code": "def run():\n    x = (1,\n"}}
    with pytest.raises(JobError, match=r"jobs\.broken\.code: line \d: SyntaxError") as raised:
        await make_ds(db_path, server, jobs)
    assert raised.value.line is not None


@pytest.mark.parametrize(
    "spec, message",
    [
        ({"schedule": {"every": 5}}, r"jobs\.j\.schedule must be \{interval"),
        ({"schedule": {"cron": "not a cron"}}, r"jobs\.j\.schedule\.cron"),
        ({"schedule": {"interval": 0}}, r"jobs\.j\.schedule\.interval must be a number of seconds >= 1"),
        (
            {"network": {"allow": ["https://elsewhere.example/"]}},
            r"not within the instance's allowed prefixes",
        ),
        ({"time_limit": -1}, r"jobs\.j\.time_limit must be between"),
        ({"writes": "prices"}, r"jobs\.j\.writes must be a list"),
        ({"colour": "red"}, r"unknown setting\(s\) colour"),
        ({"database": "nope"}, r"jobs\.j\.database: no database named 'nope'"),
        ({"max_failures": 0}, r"jobs\.j\.max_failures must be a positive integer"),
    ],
)
async def test_bad_config_jobs_are_refused_naming_the_setting(db_path, server, spec, message):
    job = {"database": "data", "schedule": {"interval": 60}, "code": "def run():\n    pass\n", **spec}
    with pytest.raises(ValueError, match=message):
        await make_ds(db_path, server, {"j": job})


# ---- UI jobs through the HTTP endpoints ----------------------------------------------------------------------


async def test_ui_job_created_run_and_managed_through_the_endpoints(db_path, server, started, prices):
    ds = await make_ds(db_path, server)
    response = await save(
        ds,
        name="ui-prices",
        code=prices_code(server),
        writes=["prices"],
        network={"allow": [server + "/v1/"]},
        schedule={"interval": 1},
    )
    assert response.status_code == 200, response.text
    saved = response.json()["job"]
    assert saved["owner"] == "alice" and saved["source"] == "ui" and saved["enabled"]
    # Stored in the internal database, scheduled with datasette-cron.
    internal = ds.get_internal_database()
    stored = (await internal.execute("select name, owner from micropython_jobs")).rows
    assert [tuple(row) for row in stored] == [("ui-prices", json.dumps(ALICE))]
    task = await ds._cron_scheduler.internal_db.get_task("micropython:ui-prices")
    assert task is not None and task.enabled and task.handler == "micropython:job"
    # Run now.
    run = (await run_now(ds, "ui-prices")).json()["run"]
    assert run["status"] == "success" and run["trigger"] == "manual"
    assert table_rows(db_path, "prices") == [("AAA", 1.5), ("BBB", 2.25)]
    # The scheduler runs it too.
    started(ds)
    runs = await wait_for_runs(ds, "ui-prices", 2)
    assert runs[0]["trigger"] == "schedule" and runs[0]["status"] == "success"
    # Its page lists the history; the JSON has the same.
    detail = (await ds.client.get("/-/micropython/jobs/ui-prices.json", actor=ALICE)).json()
    assert len(detail["runs"]) >= 2 and detail["runs"][-1] == runs[-1]
    page = await ds.client.get("/-/micropython/jobs/ui-prices", actor=ALICE)
    assert page.status_code == 200 and "History" in page.text and "fetched 2 prices" in page.text
    # Disable stops the schedule; enable restarts it.
    assert (await run_now(ds, "ui-prices", verb="disable")).json()["job"]["enabled"] is False
    task = await ds._cron_scheduler.internal_db.get_task("micropython:ui-prices")
    assert not task.enabled
    await until_running(ds, "ui-prices", False)  # a run that started before the disable ends first
    count = len(await jobs_module.runs_of(ds, "ui-prices"))
    await asyncio.sleep(1.5)
    assert len(await jobs_module.runs_of(ds, "ui-prices")) == count
    assert (await run_now(ds, "ui-prices", verb="enable")).json()["job"]["enabled"] is True
    await wait_for_runs(ds, "ui-prices", count + 1)
    # Editing: a second create of the name is refused, an update keeps the history.
    assert (await save(ds, name="ui-prices", code="def run():\n    pass\n")).status_code == 409
    updated = await save(ds, create=False, name="ui-prices", code="def run():\n    print('edited')\n")
    assert updated.status_code == 200, updated.text
    assert (await run_now(ds, "ui-prices")).json()["run"]["stdout"] == "edited\n"
    # Delete removes the job, its history and its schedule.
    assert (await run_now(ds, "ui-prices", verb="delete")).json() == {"ok": True}
    assert (await ds.client.get("/-/micropython/jobs/ui-prices.json", actor=ALICE)).status_code == 404
    assert await ds._cron_scheduler.internal_db.get_task("micropython:ui-prices") is None
    assert await jobs_module.runs_of(ds, "ui-prices") == []


async def test_syntax_error_refused_at_save_with_the_line(db_path, server):
    ds = await make_ds(db_path, server)
    response = await save(ds, name="bad", code="import json\n\ndef run(:\n    pass\n", writes=["prices"])
    assert response.status_code == 400
    assert response.json()["line"] == 3
    assert "jobs.bad.code: line 3: SyntaxError" in response.json()["error"]
    assert (await ds.client.get("/-/micropython/jobs/bad.json", actor=ALICE)).status_code == 404


async def test_dry_run_reports_what_would_be_written_and_writes_nothing(db_path, server):
    ds = await make_ds(db_path, server)
    assert (
        await save(
            ds, name="p", code=prices_code(server), writes=["prices"], network={"allow": [server + "/v1/"]}
        )
    ).status_code == 200
    result = (await run_now(ds, "p", verb="dry-run")).json()
    run = result["run"]
    assert result["ok"] and run["trigger"] == "dry-run" and run["status"] == "success"
    assert run["rows"] == {"prices": {"inserted": 0, "upserted": 2, "deleted": 0}}
    assert run["preview"] == {"prices": [{"sym": "AAA", "price": 1.5}, {"sym": "BBB", "price": 2.25}]}
    assert table_rows(db_path, "prices") is None
    # A dry run of the editor's unsaved code runs that code, still writing nothing.
    other = "import datasette\ndef run():\n    datasette.insert('prices', [{'sym': 'ZZZ', 'price': 0}])\n"
    run = (await run_now(ds, "p", verb="dry-run", body={"code": other})).json()["run"]
    assert run["preview"] == {"prices": [{"sym": "ZZZ", "price": 0}]}
    assert table_rows(db_path, "prices") is None
    # Dry runs do not count towards the failures that disable a job.
    bad = "def run():\n    1/0\n"
    for _ in range(6):
        assert (await run_now(ds, "p", verb="dry-run", body={"code": bad})).json()["run"]["status"] == "error"
    assert (await ds.client.get("/-/micropython/jobs/p.json", actor=ALICE)).json()["job"]["enabled"]


# ---- failures: each records its error, writes nothing, and the next run works -----------------------------

FAILURES = {
    "fetch refused by policy": (
        """
import datasette
def run():
    datasette.insert("prices", [{"sym": "X", "price": 1}])
    fetch("SERVER/private/secret.json")
""",
        "PermissionError",
        "is not under an allowed URL prefix",
    ),
    "code error": (
        """
import datasette
def run():
    datasette.insert("prices", [{"sym": "X", "price": 1}])
    return {}["missing"]
""",
        "KeyError",
        "missing",
    ),
    "ungranted table": (
        """
import datasette
def run():
    datasette.insert("prices", [{"sym": "X", "price": 1}])
    datasette.insert("other", [{"id": 2, "v": "no"}])
""",
        "PermissionError",
        "may not write to table 'other'",
    ),
    "time limit": (
        """
import datasette
def run():
    datasette.insert("prices", [{"sym": "X", "price": 1}])
    while True:
        pass
""",
        "SandboxTimeout",
        "did not finish within the time limit (0.5 seconds)",
    ),
    "memory limit": (
        """
import datasette
def run():
    datasette.insert("prices", [{"sym": "X", "price": 1}])
    blocks = []
    while True:
        blocks.append(bytearray(16 * 2**20))
""",
        "SandboxMemoryError",
        "ran out of memory (limit 67,108,864 bytes)",
    ),
    "half-finished run": (
        """
import json
import datasette
def run():
    for p in json.loads(fetch("SERVER/v1/prices.json")["body"]):
        datasette.insert("prices", [{"sym": p["s"], "price": p["p"]}], pk="sym")
    datasette.insert("audit", [{"n": 1}])
    json.loads(fetch("SERVER/v1/broken.json")["body"])
""",
        "json.decoder.JSONDecodeError",  # the traceback's last line names the class by module, as CPython's
        "Expecting property name enclosed in double quotes",
    ),
    "write rejected at commit": (
        """
import datasette
def run():
    datasette.insert("prices", [{"sym": "X", "price": 1}], pk="sym")
    datasette.insert("prices", [{"sym": "Y", "colour": "red"}])
""",
        "WriteFailed",
        "table 'prices' has no column 'colour' (pass alter=True",
    ),
}


@pytest.mark.parametrize("failure", FAILURES)
async def test_a_failed_run_records_the_error_writes_nothing_and_the_next_run_works(db_path, server, failure):
    code, kind, message = FAILURES[failure]
    ds = await make_ds(db_path, server, config=permissions(ALICE, tables=["prices", "audit"]))
    # A short time limit for the endless loop only: the others must fail for their own reason.
    time_limit = 0.5 if kind == "SandboxTimeout" else 30
    common = {
        "writes": ["prices", "audit"],
        "network": {"allow": [server + "/v1/"]},
        "time_limit": time_limit,
    }
    response = await save(ds, name="j", code=code.replace("SERVER", server), **common)
    assert response.status_code == 200, response.text
    run = (await run_now(ds, "j")).json()["run"]
    assert run["status"] == "error", run
    assert message in run["error"]
    if kind == "SandboxTimeout":
        assert run["error"] == "job j did not finish within the time limit (0.5 seconds)"
    elif kind == "SandboxMemoryError":
        assert run["error"] == "job j ran out of memory (limit 67,108,864 bytes)"
    elif kind == "WriteFailed":
        assert run["error"].startswith("writing failed, nothing was written: ValueError")
    else:
        assert run["traceback"].startswith("Traceback (most recent call last):")
        assert run["traceback"].splitlines()[-1].startswith(kind)
        assert run["line"] is not None
    # Nothing written: not the rows queued before the failure, not even the table.
    assert table_rows(db_path, "prices") is None and table_rows(db_path, "audit") is None
    assert table_rows(db_path, "other") == [(1, "keep")]
    # The next run (of the fixed job) works.
    fixed = await save(ds, create=False, name="j", code=prices_code(server), **common)
    assert fixed.status_code == 200
    assert (await run_now(ds, "j")).json()["run"]["status"] == "success"
    assert table_rows(db_path, "prices") == [("AAA", 1.5), ("BBB", 2.25)]
    history = (await ds.client.get("/-/micropython/jobs/j.json", actor=ALICE)).json()["runs"]
    assert [r["status"] for r in history] == ["success", "error"]


async def test_caps_on_rows_and_bytes_per_run_name_the_cap(db_path, server):
    ds = await make_ds(db_path, server)
    code = """
import datasette
def run():
    datasette.insert("prices", [{"sym": str(i), "price": i} for i in range(50)])
    try:
        datasette.insert("prices", [{"sym": "x", "price": 1}] * 60)
    except ValueError as e:
        print("refused:", e)
    datasette.insert("prices", [{"sym": "big", "note": "x" * 5000}], alter=True)
"""
    response = await save(
        ds, name="caps", code=code, writes=["prices"], max_write_rows=100, max_write_bytes=4000
    )
    assert response.status_code == 200, response.text
    run = (await run_now(ds, "caps")).json()["run"]
    assert (
        "refused: datasette.insert(): this run may write at most 100 rows (50 queued before this call of 60)"
        in (run["stdout"])
    )
    assert run["status"] == "error"
    assert "this run may write at most 4,000 bytes" in run["error"]
    assert table_rows(db_path, "prices") is None


async def test_rows_are_validated_with_errors_naming_the_row(db_path, server):
    ds = await make_ds(db_path, server)
    code = """
import datasette
rows = [{"sym": "A", "price": 1}, {"sym": "B", "price": 2}, {"sym": "C", "price": {1, 2}}]
def run():
    for bad in (rows, [{"sym": "D"}, "E"], [{"": 1}], [{"sym": "F", "n": 2**64}]):
        try:
            datasette.insert("prices", bad)
        except (TypeError, ValueError, OverflowError) as e:
            print(type(e).__name__, e)
    datasette.upsert("prices", [{"price": 3}], pk="sym")
"""
    assert (await save(ds, name="v", code=code, writes=["prices"])).status_code == 200
    run = (await run_now(ds, "v")).json()["run"]
    assert run["stdout"].splitlines() == [
        (
            "TypeError datasette.insert(): rows[2]: column 'price': a set cannot be stored "
            "(None, bool, int, float, str, bytes, or a list/dict stored as JSON)"
        ),
        "TypeError datasette.insert(): rows[1] is a str, not a dict",
        "ValueError datasette.insert(): rows[0]: column names must be non-empty strs without NUL, not ''",
        (
            "OverflowError datasette.insert(): rows[0]: column 'n': 18446744073709551616 does not fit "
            "SQLite's 64-bit INTEGER"
        ),
    ]
    assert (
        run["error"]
        == "ValueError: datasette.upsert(): rows[0] has no value for the primary key column 'sym'"
    )


async def test_delete_by_primary_key_and_compound_keys(db_path, server):
    ds = await make_ds(db_path, server, config=permissions(ALICE, tables=["prices", "pairs"]))
    code = """
import datasette
def run():
    datasette.insert("prices", [{"sym": s, "price": i} for i, s in enumerate("ABCD")], pk="sym")
    datasette.insert("pairs", [{"a": 1, "b": 2, "v": "x"}, {"a": 1, "b": 3, "v": "y"}], pk=["a", "b"])
    datasette.delete("prices", ["B", "D", "nope"])
    datasette.delete("pairs", [(1, 3)])
"""
    assert (await save(ds, name="d", code=code, writes=["prices", "pairs"])).status_code == 200
    run = (await run_now(ds, "d")).json()["run"]
    assert run["status"] == "success", run
    assert run["rows"] == {
        "prices": {"inserted": 4, "upserted": 0, "deleted": 2},
        "pairs": {"inserted": 2, "upserted": 0, "deleted": 1},
    }
    assert table_rows(db_path, "prices") == [("A", 0), ("C", 2)]
    assert table_rows(db_path, "pairs") == [(1, 2, "x")]


# ---- runs never overlap; failures disable a job ---------------------------------------------------------------


async def test_runs_of_one_job_never_overlap(db_path, server):
    ds = await make_ds(db_path, server)
    code = "import time\ndef run():\n    time.sleep(0.8)\n"
    assert (await save(ds, name="slow", code=code, writes=["prices"])).status_code == 200
    first = asyncio.create_task(run_now(ds, "slow"))
    await until_running(ds, "slow")
    second = await run_now(ds, "slow")
    assert second.status_code == 409 and second.json()["error"] == "job slow is already running"
    listing = (await ds.client.get("/-/micropython/jobs.json", actor=ALICE)).json()
    assert listing["jobs"][0]["running"] is True
    assert (await first).json()["run"]["status"] == "success"
    # A scheduled run due while one is going is skipped, not queued.
    first = asyncio.create_task(run_now(ds, "slow"))
    await until_running(ds, "slow")
    await jobs_module.cron_job_handler(ds, {"job": "slow"})
    await first
    assert len(await jobs_module.runs_of(ds, "slow")) == 2


async def test_consecutive_failures_disable_the_job_and_the_page_says_why(db_path, server, started):
    jobs = {
        "flaky": {
            "database": "data",
            "schedule": {"interval": 1},
            "writes": ["prices"],
            "max_failures": 2,
            "code": "def run():\n    raise RuntimeError('upstream is down')\n",
        }
    }
    ds = await make_ds(db_path, server, jobs)
    started(ds)
    await wait_for_runs(ds, "flaky", 2)
    await asyncio.sleep(1.5)
    runs = await jobs_module.runs_of(ds, "flaky")
    assert len(runs) == 2, "a disabled job must not run again"
    job = (await ds.client.get("/-/micropython/jobs/flaky.json", actor=ALICE)).json()["job"]
    assert job["enabled"] is False
    assert job["disabled_reason"] == (
        "disabled after 2 consecutive failed runs; the last one: RuntimeError: upstream is down"
    )
    assert not (await ds._cron_scheduler.internal_db.get_task("micropython:flaky")).enabled
    page = (await ds.client.get("/-/micropython/jobs/flaky", actor=ALICE)).text
    assert "disabled after 2 consecutive failed runs" in page
    # Enabling starts the count again.
    assert (await run_now(ds, "flaky", verb="enable")).json()["job"]["consecutive_failures"] == 0


# ---- permissions -----------------------------------------------------------------------------------------------------


async def test_without_micropython_jobs_nothing_is_visible_or_allowed(db_path, server):
    ds = await make_ds(db_path, server)
    assert (await save(ds, name="alices", code=prices_code(server), writes=["prices"])).status_code == 200
    for path in ("/-/micropython/jobs", "/-/micropython/jobs.json", "/-/micropython/jobs/alices"):
        assert (await ds.client.get(path, actor=BOB)).status_code == 403, path
    assert (await save(ds, actor=BOB, name="bobs", code="def run():\n    pass\n")).status_code == 403
    for verb in ("run", "dry-run", "disable", "delete"):
        assert (await run_now(ds, "alices", actor=BOB, verb=verb)).status_code == 403
    assert (await jobs_module.runs_of(ds, "alices")) == []
    # No menu link and no table action for Bob; both for Alice.
    bob_table = (await ds.client.get("/data/other", actor=BOB)).text
    assert "Schedule Python that writes to this table" not in bob_table


async def test_saving_needs_write_permissions_on_every_table(db_path, server):
    config = permissions(ALICE, tables=["prices"])
    ds = await make_ds(db_path, server, config=config)
    response = await save(ds, name="j", code="def run():\n    pass\n", writes=["prices", "other"])
    assert response.status_code == 403
    assert response.json()["error"] == "You need insert-row on table data/other to save this job"
    assert (await save(ds, name="j", code="def run():\n    pass\n", writes=["prices"])).status_code == 200


class Grants:
    """A test plugin granting actions to actor ids, changeable while Datasette runs (a revocation)."""

    def __init__(self):
        self.grants: set[tuple[str, str, str | None]] = set()  # (actor id, action, table or None)

    @hookimpl
    def permission_resources_sql(self, datasette, actor, action):
        tables = [t for who, act, t in self.grants if actor and who == actor.get("id") and act == action]
        if not tables:
            return None
        selects, params = [], {}
        for i, table in enumerate(tables):
            params[f"grant_table_{i}"] = table
            parent = "'data'" if table is not None else "NULL"
            selects.append(
                f"SELECT {parent} AS parent, :grant_table_{i} AS child, 1 AS allow, 'test' AS reason"
            )
        return PermissionSQL(sql=" UNION ALL ".join(selects), params=params)

    def give(self, actor, *actions, table=None):
        self.grants.update((actor["id"], action, table) for action in actions)

    def take(self, actor, action, table=None):
        self.grants.discard((actor["id"], action, table))


@pytest.fixture
def grants():
    plugin = Grants()
    pm.register(plugin, name="test-job-grants")
    yield plugin
    pm.unregister(name="test-job-grants")


async def test_permissions_revoked_after_saving_are_checked_at_every_run(db_path, server, grants):
    for actor in (ALICE, BOB):
        grants.give(actor, "micropython-jobs")
        grants.give(actor, "insert-row", "update-row", "delete-row", table="prices")
    ds = await make_ds(db_path, server, config={})
    code = "import datasette\ndef run():\n    datasette.insert('prices', [{'sym': 'A', 'price': 1}])\n"
    assert (await save(ds, name="j", code=code, writes=["prices"])).status_code == 200
    # Alice loses update-row on the table: the job (hers) no longer writes; Bob can still see it fail.
    grants.take(ALICE, "update-row", table="prices")
    run = (await run_now(ds, "j", actor=BOB)).json()["run"]
    assert run["status"] == "error"
    assert run["error"] == (
        "PermissionError: the job's owner (alice) no longer has update-row on table data/prices"
    )
    assert table_rows(db_path, "prices") is None
    # The same at a scheduled run (datasette-cron records the handler's error in its history too).
    with pytest.raises(RuntimeError, match="no longer has update-row on table data/prices"):
        await jobs_module.cron_job_handler(ds, {"job": "j"})
    assert (await jobs_module.runs_of(ds, "j"))[0]["trigger"] == "schedule"
    # Bob saves it again (he holds every permission): it now runs as Bob.
    response = await save(ds, actor=BOB, create=False, name="j", code=code, writes=["prices"])
    assert response.status_code == 200
    assert (await run_now(ds, "j", actor=BOB)).json()["run"]["status"] == "success"
    assert table_rows(db_path, "prices") == [("A", 1)]
    # Alice loses micropython-jobs altogether: the page is closed to her.
    grants.take(ALICE, "micropython-jobs")
    assert (await ds.client.get("/-/micropython/jobs", actor=ALICE)).status_code == 403


async def test_table_action_links_to_a_new_job_for_that_table(db_path, server):
    ds = await make_ds(db_path, server, config=permissions(ALICE, tables=["other"]))
    page = (await ds.client.get("/data/other", actor=ALICE)).text
    assert "Schedule Python that writes to this table" in page
    assert "/-/micropython/jobs/-/new?database=data&amp;table=other" in page
    new = (await ds.client.get("/-/micropython/jobs/-/new?database=data&table=other", actor=ALICE)).text
    assert "datasette.upsert(&#34;other&#34;" in new or 'datasette.upsert(\\"other\\"' in new


@pytest.fixture
def without_cron():
    """Datasette as it is without datasette-cron installed: its plugin unregistered for the test."""
    cron = pm.get_plugin("cron")
    pm.unregister(name="cron")
    yield
    pm.register(cron, name="cron")


async def test_without_datasette_cron_jobs_load_run_by_hand_and_say_what_to_install(
    db_path, server, without_cron
):
    jobs = {
        "import-prices": {
            "database": "data",
            "schedule": {"cron": "*/15 * * * *"},
            "network": {"allow": [server + "/v1/"]},
            "writes": ["prices"],
            "code": prices_code(server),
        }
    }
    ds = await make_ds(db_path, server, jobs)
    assert getattr(ds, "_cron_scheduler", None) is None
    page = (await ds.client.get("/-/micropython/jobs", actor=ALICE)).text
    assert "Schedules need datasette-cron: pip install &#39;datasette-agent-micropython[cron]&#39;" in page
    listing = (await ds.client.get("/-/micropython/jobs.json", actor=ALICE)).json()
    assert listing["scheduler"] is False and listing["jobs"][0]["next_run"] is None
    assert (await run_now(ds, "import-prices")).json()["run"]["status"] == "success"
    assert table_rows(db_path, "prices") == [("AAA", 1.5), ("BBB", 2.25)]


def test_the_plugin_imports_without_datasette_cron_or_croniter():
    # Both blocked: importing them fails as if they were not installed.
    code = (
        "import sys; sys.modules['datasette_cron'] = None; sys.modules['croniter'] = None\n"
        "from datasette_micropython.plugin import jobs\n"
        "from datasette_micropython.plugin.config import PluginConfig\n"
        "job = jobs.parse_job('j', {'database': 'd', 'schedule': {'cron': '*/5 * * * *'},"
        " 'code': 'def run():\\n    pass\\n'}, PluginConfig())\n"
        "print(job.describe_schedule())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "cron */5 * * * *\n"


async def test_history_keeps_the_latest_runs_of_each_job(db_path, server, monkeypatch):
    monkeypatch.setattr(jobs_module, "HISTORY_RUNS", 3)
    ds = await make_ds(db_path, server)
    for name in ("a", "b"):
        assert (await save(ds, name=name, code="def run():\n    print('hi')\n")).status_code == 200
    ids = {"a": [], "b": []}
    for _ in range(5):
        for name in ("a", "b"):
            ids[name].append((await run_now(ds, name)).json()["run"]["id"])
    for name in ("a", "b"):
        assert [run["id"] for run in await jobs_module.runs_of(ds, name)] == ids[name][:-4:-1]


async def test_long_output_is_capped_in_the_history(db_path, server):
    ds = await make_ds(db_path, server)
    code = "def run():\n    for i in range(20000):\n        print('line', i)\n"
    assert (await save(ds, name="loud", code=code)).status_code == 200
    run = (await run_now(ds, "loud")).json()["run"]
    assert run["status"] == "success"
    stored = (await jobs_module.runs_of(ds, "loud"))[0]["stdout"]
    # The sandbox's output limit (64 KiB in the plugin) cuts it first; the history keeps at most as much.
    assert len(stored) <= jobs_module.HISTORY_TEXT_LIMIT + 100
    assert stored.startswith("line 0\nline 1\n") and "line 19999" not in stored
