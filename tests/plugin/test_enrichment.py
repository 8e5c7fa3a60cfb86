"""The `micropython` enrichment, driven through Datasette's real routes: form, job, rows."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
from urllib.parse import parse_qs, urlparse

import pytest
from datasette.app import Datasette
from datasette_enrichments.utils import wait_for_job

from datasette_micropython.plugin import enrichment
from datasette_micropython.plugin.enrichment import PythonEnrichment

ROOT = {"id": "root"}
UPPER = "def enrich(row):\n    return row['name'].upper()\n"


def make_items(path, count):
    conn = sqlite3.connect(path)
    conn.execute("create table items (id integer primary key, name text, n integer)")
    conn.executemany(
        "insert into items (name, n) values (?, ?)", ((f"item {i}", i) for i in range(1, count + 1))
    )
    conn.commit()
    conn.close()


def make_datasette(path, **plugin_settings):
    ds = Datasette([str(path)], config={"plugins": {"datasette-agent-micropython": plugin_settings}})
    ds.root_enabled = True
    return ds


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "data.db"
    make_items(path, 25)
    return path


@pytest.fixture
def batches_of_10(monkeypatch):
    monkeypatch.setattr(enrichment, "MAX_BATCH_SIZE", 10)


async def start_job(ds, code, table="items", querystring="", **fields):
    form = {"code": code, "mode": "one", "output_column": "result", "output_type": "text", **fields}
    url = f"/-/enrich/data/{table}/micropython" + (f"?{querystring}" if querystring else "")
    response = await ds.client.post(url, data=form, actor=ROOT)
    assert response.status_code == 302, response.text
    return int(parse_qs(urlparse(response.headers["location"]).query)["_enrichment_job"][0])


async def run_job(ds, code, **fields):
    job_id = await start_job(ds, code, **fields)
    await wait_for_job(ds, job_id, "data", timeout=30)
    return job_id


def query(ds, sql, params=()):
    conn = sqlite3.connect(ds.get_database("data").path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def errors(ds, job_id):
    return [
        (json.loads(pks), error)
        for pks, error in query(
            ds, "select row_pks, error from _enrichment_errors where job_id = ? order by id", (job_id,)
        )
    ]


def column_type(ds, table, column):
    return {row[1]: row[2] for row in query(ds, f"pragma table_info({table})")}[column]


async def test_form_page(db_path):
    ds = make_datasette(db_path)
    response = await ds.client.get("/-/enrich/data/items/micropython", actor=ROOT)
    assert response.status_code == 200
    html = response.text
    assert "Python (sandboxed)" in html
    assert '<textarea autocomplete="off" id="code" name="code"' in html
    assert "def enrich(row):" in html
    assert "return str(row[&#39;name&#39;]).upper()" in html  # the starter code uses a real column
    assert "Several columns" in html
    # The enrichment is offered in the picker too.
    picker = await ds.client.get("/-/enrich/data/items", actor=ROOT)
    assert "/-/enrich/data/items/micropython" in picker.text


@pytest.mark.parametrize(
    "code,output_type,sqlite_type,expected",
    [
        (UPPER, "text", "TEXT", ["ITEM 1", "ITEM 2", "ITEM 3"]),
        ("def enrich(row):\n    return row['n'] * 10\n", "integer", "INTEGER", [10, 20, 30]),
        ("def enrich(row):\n    return row['n'] / 4\n", "float", "REAL", [0.25, 0.5, 0.75]),
        (
            "def enrich(row):\n    return {'n': row['n'], 'tags': ['a', row['name']]}\n",
            "json",
            "TEXT",
            [
                {"n": 1, "tags": ["a", "item 1"]},
                {"n": 2, "tags": ["a", "item 2"]},
                {"n": 3, "tags": ["a", "item 3"]},
            ],
        ),
    ],
)
async def test_one_column(db_path, batches_of_10, code, output_type, sqlite_type, expected):
    ds = make_datasette(db_path)  # three batches
    job_id = await run_job(ds, code, output_type=output_type)
    assert column_type(ds, "items", "result") == sqlite_type
    results = [row[0] for row in query(ds, "select result from items order by id")]
    assert (results[:3] if output_type != "json" else [json.loads(r) for r in results[:3]]) == expected
    assert len(results) == 25 and None not in results
    assert errors(ds, job_id) == []
    done_count, error_count, status = query(
        ds, "select done_count, error_count, status from _enrichment_jobs"
    )[0]
    assert (done_count, error_count, status) == (25, 0, "finished")


async def test_one_column_writes_to_an_existing_column(db_path):
    ds = make_datasette(db_path)
    await run_job(
        ds, "def enrich(row):\n    return row['n'] + 1000\n", output_column="n", output_type="integer"
    )
    assert query(ds, "select n from items order by id limit 2") == [(1001,), (1002,)]
    assert column_type(ds, "items", "n") == "INTEGER"


async def test_several_columns(db_path, batches_of_10):
    ds = make_datasette(db_path)
    code = (
        "def enrich(row):\n"
        "    out = {'upper': row['name'].upper(), 'length': len(row['name']), 'half': row['n'] / 2}\n"
        "    if row['n'] % 2:\n"
        "        out['odd'] = True\n"
        "    return out\n"
    )
    job_id = await run_job(ds, code, mode="several", output_column="")
    assert {c: column_type(ds, "items", c) for c in ("upper", "length", "half", "odd")} == {
        "upper": "TEXT",
        "length": "INTEGER",
        "half": "REAL",
        "odd": "INTEGER",
    }
    rows = query(ds, "select upper, length, half, odd from items order by id")
    assert rows[:2] == [("ITEM 1", 6, 0.5, 1), ("ITEM 2", 6, 1.0, None)]
    assert len(rows) == 25 and all(row[0] for row in rows)
    assert errors(ds, job_id) == []


async def test_several_columns_needs_a_dict(db_path):
    ds = make_datasette(db_path)
    code = "def enrich(row):\n    return {'x': 1} if row['n'] > 1 else 'oops'\n"
    job_id = await run_job(ds, code, mode="several")
    assert errors(ds, job_id) == [([1], "enrich must return a dict of column name -> value, got 'oops'")]
    assert query(ds, "select count(*) from items where x = 1") == [(24,)]


async def test_row_errors_are_logged_and_other_rows_written(db_path, batches_of_10):
    ds = make_datasette(db_path)
    code = "def enrich(row):\n    if row['n'] % 5 == 0:\n        raise ValueError('no multiples of five: %d' % row['n'])\n    return row['n']\n"
    job_id = await run_job(ds, code, output_type="integer")
    logged = errors(ds, job_id)
    assert [ids for ids, _ in logged] == [[5], [10], [15], [20], [25]]
    assert logged[0][1] == (
        "Traceback (most recent call last):\n"
        '  File "<sandbox>", line 3, in enrich\n'
        "ValueError: no multiples of five: 5\n"
    )
    written = query(ds, "select n, result from items where result is not null order by id")
    assert [n for n, _ in written] == [n for n in range(1, 26) if n % 5]
    assert all(n == result for n, result in written)
    assert query(ds, "select done_count, error_count, status from _enrichment_jobs") == [(25, 5, "finished")]
    # Progress: per batch, one row for its successes and one for each of its errors, as the framework logs
    # them; the jobs page's progress bar adds them up.
    assert query(ds, "select success_count, error_count from _enrichment_progress order by id") == [
        (8, 0),
        (0, 1),
        (0, 1),
        (8, 0),
        (0, 1),
        (0, 1),
        (4, 0),
        (0, 1),
    ]
    progress = (await ds.client.get(f"/-/enrichment-jobs/data/{job_id}", actor=ROOT)).json()
    assert progress["is_complete"] and progress["total"] == 25
    assert sum(section["count"] for section in progress["sections"]) == 25


async def test_same_error_on_many_rows_is_logged_once(db_path):
    ds = make_datasette(db_path)
    job_id = await run_job(ds, "def enrich(row):\n    return row['missing']\n")
    [(ids, error)] = errors(ds, job_id)
    assert ids == list(range(1, 26))
    assert error.endswith("KeyError: 'missing'\n")


async def test_state_persists_across_batches(db_path, batches_of_10):
    # One sandbox per job: top-level code runs once, globals carry over from batch to batch.
    ds = make_datasette(db_path)
    code = "calls = 0\ndef enrich(row):\n    global calls\n    calls += 1\n    return calls\n"
    await run_job(ds, code, output_type="integer")
    assert [row[0] for row in query(ds, "select result from items order by id")] == list(range(1, 26))


@pytest.mark.parametrize(
    "code,message",
    [
        ("def enrich(row):\n    retrun row['name']\n    return 1\n", "Line 2: SyntaxError: invalid syntax"),
        ("x = 1\ny = 1 / 0\ndef enrich(row):\n    return x\n", "Line 2: ZeroDivisionError: division by zero"),
        ("def transform(row):\n    return 1\n", "The code must define a function enrich(row)"),
        (
            "while True:\n    pass\n",
            "The code&#39;s top level did not finish within the time limit (0.2 seconds)",
        ),
    ],
)
async def test_bad_code_is_shown_on_the_form_and_starts_no_job(db_path, code, message):
    ds = make_datasette(db_path, enrichment={"time_limit": 0.2})
    response = await ds.client.post(
        "/-/enrich/data/items/micropython",
        data={"code": code, "mode": "one", "output_column": "result", "output_type": "text"},
        actor=ROOT,
    )
    assert response.status_code == 200
    assert message in response.text
    assert "_enrichment_jobs" not in await ds.get_database("data").table_names()
    assert "result" not in await ds.get_database("data").table_columns("items")


@pytest.mark.parametrize(
    "fields,message",
    [
        ({"output_column": ""}, "Name the column to write the results to"),
        ({"output_column": "id"}, "id is a primary key column"),
    ],
)
async def test_output_column_is_validated(db_path, fields, message):
    ds = make_datasette(db_path)
    form = {"code": UPPER, "mode": "one", "output_type": "text", **fields}
    response = await ds.client.post("/-/enrich/data/items/micropython", data=form, actor=ROOT)
    assert response.status_code == 200
    assert message in response.text


async def test_infinite_loop_is_logged_and_the_server_keeps_serving(db_path, batches_of_10):
    ds = make_datasette(db_path, enrichment={"time_limit": 0.2})
    code = "def enrich(row):\n    while row['n'] > 20:\n        pass\n    return row['n']\n"
    job_id = await start_job(ds, code, output_type="integer")
    started = time.perf_counter()
    response = await ds.client.get("/data/items.json?_size=1")  # served while the batches time out
    assert response.status_code == 200
    await wait_for_job(ds, job_id, "data", timeout=30)
    assert time.perf_counter() - started < 10
    logged = errors(ds, job_id)
    assert logged == [(list(range(21, 26)), "These rows did not finish within the time limit (0.2 seconds)")]
    # The batches before the stuck one were written.
    assert query(ds, "select count(*) from items where result = n") == [(20,)]


async def test_memory_limit_fails_the_batch_and_the_job_goes_on(db_path, batches_of_10):
    ds = make_datasette(db_path, enrichment={"memory_limit": "16M"})
    code = "hog = []\ndef enrich(row):\n    if row['n'] == 15:\n        while True:\n            hog.append('x' * 100000)\n    return row['n']\n"
    job_id = await run_job(ds, code, output_type="integer")
    logged = errors(ds, job_id)
    assert [ids for ids, _ in logged] == [[15]]
    assert "MemoryError" in logged[0][1]
    assert query(ds, "select count(*) from items where result = n") == [(24,)]


async def test_top_level_reads_the_database_through_the_sql_bridge(db_path):
    conn = sqlite3.connect(db_path)
    conn.execute("create table colors (n integer primary key, color text)")
    conn.executemany("insert into colors values (?, ?)", [(1, "red"), (2, "green")])
    conn.commit()
    conn.close()
    ds = make_datasette(db_path)
    code = (
        "import datasette\n"
        "colors = {r['n']: r['color'] for r in datasette.query('select n, color from colors')}\n"
        "def enrich(row):\n"
        "    return colors.get(row['n'], 'none')\n"
    )
    await run_job(ds, code)
    assert query(ds, "select result from items order by id limit 3") == [("red",), ("green",), ("none",)]


async def wait_for_loop_to_end(ds):
    for _ in range(200):
        if not enrichment._running_jobs(ds):
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the job's loop is still running")


class PowerCut(Exception):
    pass


@pytest.mark.parametrize("dies", ["after a commit", "inside a transaction"])
async def test_resumed_job_enriches_every_row_once(db_path, batches_of_10, monkeypatch, dies):
    # The process "dies" either right after the first batch's transaction commits, or in the middle of
    # the second's (its updates done, the commit not); a new Datasette on the same file resumes the job.
    # `enrich` adds 1000 to n in place, so a row enriched twice would show.
    run_batch, write_batch = PythonEnrichment.run_batch, enrichment.write_batch
    batches, writes = [], []

    async def dying_run_batch(self, datasette, db, *args, **kwargs):
        batches.append(args)
        if dies == "after a commit" and len(batches) == 2:
            while (await db.execute("select done_count from _enrichment_jobs")).single_value() != 10:
                await asyncio.sleep(0.01)  # the first batch commits while the guest runs the second
            raise asyncio.CancelledError
        return await run_batch(self, datasette, db, *args, **kwargs)

    def dying_write_batch(conn, *args):
        writes.append(args)
        done = write_batch(conn, *args)
        if len(writes) == 2:
            raise PowerCut  # rolls the transaction back
        return done

    def dying_failed_batch_writer(*args):
        raise asyncio.CancelledError  # the loop would log PowerCut for the batch's rows: it dies first

    monkeypatch.setattr(PythonEnrichment, "run_batch", dying_run_batch)
    monkeypatch.setattr(enrichment, "write_batch", dying_write_batch)
    monkeypatch.setattr(enrichment, "failed_batch_writer", dying_failed_batch_writer)
    ds = make_datasette(db_path)
    job_id = await start_job(
        ds, "def enrich(row):\n    return row['n'] + 1000\n", output_column="n", output_type="integer"
    )
    await wait_for_loop_to_end(ds)
    assert query(ds, "select n from items where n > 1000") == [(n + 1000,) for n in range(1, 11)]
    assert query(ds, "select status, next_cursor, done_count from _enrichment_jobs") == [
        ("running", "[10]", 10)
    ]
    monkeypatch.undo()

    restarted = make_datasette(db_path)
    monkeypatch.setattr(enrichment, "MAX_BATCH_SIZE", 10)
    await restarted.client.get("/")  # the first request resumes running jobs
    await wait_for_job(restarted, job_id, "data", timeout=30)
    assert [row[0] for row in query(restarted, "select n from items order by id")] == [
        n + 1000 for n in range(1, 26)
    ]
    assert query(restarted, "select status, next_cursor, done_count from _enrichment_jobs") == [
        ("finished", "[25]", 25)
    ]
    assert query(restarted, "select sum(success_count) from _enrichment_progress") == [(25,)]


@pytest.mark.parametrize("action,status", [("pause", "paused"), ("cancel", "cancelled")])
async def test_pausing_or_cancelling_stops_the_job(db_path, monkeypatch, action, status):
    monkeypatch.setattr(enrichment, "MAX_BATCH_SIZE", 5)
    run_batch = PythonEnrichment.run_batch
    batches = []

    async def clicking_run_batch(self, datasette, db, table, rows, pks, config, job_id, **kwargs):
        batches.append([row["id"] for row in rows])
        done = await run_batch(self, datasette, db, table, rows, pks, config, job_id, **kwargs)
        if len(batches) == 2:  # the user clicks "pause" or "cancel" on the jobs page during the second batch
            response = await datasette.client.post(f"/-/enrich/data/-/jobs/{job_id}/{action}", actor=ROOT)
            assert response.status_code == 302
        return done

    monkeypatch.setattr(PythonEnrichment, "run_batch", clicking_run_batch)
    ds = make_datasette(db_path)
    job_id = await start_job(
        ds, "def enrich(row):\n    return row['n'] + 1000\n", output_column="n", output_type="integer"
    )
    await wait_for_loop_to_end(ds)
    assert batches == [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]]  # no batch after the click
    assert query(ds, "select count(*) from items where n > 1000") == [(10,)]
    assert query(ds, "select status, done_count, finished_at from _enrichment_jobs") == [(status, 10, None)]
    if action == "pause":
        response = await ds.client.post(f"/-/enrich/data/-/jobs/{job_id}/resume", actor=ROOT)
        assert response.status_code == 302
        await wait_for_job(ds, job_id, "data", timeout=30)
        assert [row[0] for row in query(ds, "select n from items order by id")] == [
            n + 1000 for n in range(1, 26)
        ]
        assert query(ds, "select status, done_count from _enrichment_jobs") == [("finished", 25)]
        assert len(batches) == 5


@pytest.mark.parametrize("action,status", [("pause", "paused"), ("cancel", "cancelled")])
async def test_pausing_or_cancelling_interrupts_a_running_enrich(db_path, action, status):
    # enrich() never returns: the click must stop the call itself (Sandbox.cancel), not wait out the
    # 30-second time limit, write nothing of the interrupted batch, and leave a paused job resumable.
    ds = make_datasette(db_path, enrichment={"time_limit": 30})
    code = "def enrich(row):\n    if row['id'] == 3:\n        while True:\n            pass\n    return row['n'] + 1000\n"
    job_id = await start_job(ds, code, output_column="n", output_type="integer")
    deadline = time.monotonic() + 10
    while query(ds, "select status from _enrichment_jobs") != [("running",)] and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.5)  # inside the endless enrich() by now
    clicked = time.monotonic()
    response = await ds.client.post(f"/-/enrich/data/-/jobs/{job_id}/{action}", actor=ROOT)
    assert response.status_code == 302
    while enrichment._running_jobs(ds) and time.monotonic() - clicked < 10:
        await asyncio.sleep(0.05)
    assert not enrichment._running_jobs(ds)  # stopped within 10 s, far less than the 30-second limit
    assert query(ds, "select status, done_count from _enrichment_jobs") == [(status, 0)]
    assert query(ds, "select count(*) from items where n > 1000") == [(0,)]
    assert query(ds, "select count(*) from _enrichment_errors") == [(0,)]


@pytest.mark.parametrize(
    "querystring,expected",
    [
        ("name__contains=item+1", [1, *range(10, 20)]),
        ("_where=n+%3E+20", [21, 22, 23, 24, 25]),
        # Datasette joins its where clauses with "and", as they are, so the `or` binds last: the page
        # shows "n < 3 and n > 23 or n = 12". The job's own clause (after its cursor) must not change that.
        ("n__lt=3&_where=n+%3E+23+or+n+%3D+12", [12]),
    ],
)
async def test_filtered_job_enriches_exactly_the_matching_rows(db_path, monkeypatch, querystring, expected):
    monkeypatch.setattr(enrichment, "MAX_BATCH_SIZE", 4)
    ds = make_datasette(db_path)
    page = (await ds.client.get(f"/data/items.json?_shape=objects&{querystring}")).json()
    assert [row["id"] for row in page["rows"]] == expected
    job_id = await run_job(ds, UPPER, querystring=querystring)
    assert query(ds, "select id from items where result = upper(name) order by id") == [
        (i,) for i in expected
    ]
    assert query(ds, "select count(*) from items where result is null") == [(25 - len(expected),)]
    assert query(
        ds, "select row_count, done_count, status from _enrichment_jobs where id = ?", (job_id,)
    ) == [(len(expected), len(expected), "finished")]


async def test_compound_primary_key(tmp_path, monkeypatch):
    monkeypatch.setattr(enrichment, "MAX_BATCH_SIZE", 3)
    path = tmp_path / "data.db"
    conn = sqlite3.connect(path)
    conn.execute("create table pairs (a text, b integer, name text, primary key (a, b))")
    # Inserted out of key order: the job goes in key order, a batch's last key being its cursor.
    conn.executemany(
        "insert into pairs values (?, ?, ?)", [(a, b, f"{a}{b}") for b in (3, 1, 2, 4) for a in "zyx"]
    )
    conn.commit()
    conn.close()
    ds = make_datasette(path)
    code = (
        "calls = []\n"
        "def enrich(row):\n"
        "    if row['name'] == 'y2':\n"
        "        raise ValueError('not y2')\n"
        "    calls.append(row['name'])\n"
        "    return ','.join(calls)\n"
    )
    job_id = await run_job(ds, code, table="pairs")
    order = [f"{a}{b}" for a in "xyz" for b in (1, 2, 3, 4) if f"{a}{b}" != "y2"]
    assert query(ds, "select result from pairs where result is not null order by a, b") == [
        (",".join(order[: i + 1]),) for i in range(len(order))
    ]
    assert [(ids, error.splitlines()[-1]) for ids, error in errors(ds, job_id)] == [
        ([["y", 2]], "ValueError: not y2")
    ]
    assert query(ds, "select next_cursor, done_count, error_count from _enrichment_jobs") == [
        ('["z", 4]', 12, 1)
    ]


async def test_rowid_table(tmp_path, monkeypatch):
    monkeypatch.setattr(enrichment, "MAX_BATCH_SIZE", 3)
    path = tmp_path / "data.db"
    conn = sqlite3.connect(path)
    conn.execute("create table notes (name text)")
    conn.executemany("insert into notes (name) values (?)", [(f"note {i}",) for i in range(1, 9)])
    conn.execute("delete from notes where rowid = 4")
    conn.commit()
    conn.close()
    ds = make_datasette(path)
    code = "def enrich(row):\n    return '%d: %s' % (row['rowid'], row['name'])\n"
    job_id = await run_job(ds, code, table="notes")
    assert query(ds, "select rowid, result from notes order by rowid") == [
        (i, f"{i}: note {i}") for i in (1, 2, 3, 5, 6, 7, 8)
    ]
    assert errors(ds, job_id) == []
    assert query(ds, "select next_cursor, done_count, status from _enrichment_jobs") == [
        ("[8]", 7, "finished")
    ]


@pytest.mark.parametrize(
    "keys,cursor",
    [
        (["a,b", "a~c", "b", "z 1", "Ω"], '["\\u03a9"]'),  # JSON strings, whatever the characters
        ([b"\x00", b"\x00\x01", b"a", b"\xff"], '[{"hex": "ff"}]'),  # blobs are stored as hex
    ],
)
async def test_text_and_blob_primary_keys(tmp_path, monkeypatch, keys, cursor):
    monkeypatch.setattr(enrichment, "MAX_BATCH_SIZE", 2)
    path = tmp_path / "data.db"
    conn = sqlite3.connect(path)
    conn.execute("create table things (k primary key, name text)")
    conn.executemany("insert into things values (?, ?)", [(k, f"thing {i}") for i, k in enumerate(keys)])
    conn.commit()
    conn.close()
    ds = make_datasette(path)
    job_id = await run_job(ds, UPPER, table="things")
    assert errors(ds, job_id) == []
    assert query(ds, "select count(*) from things where result = upper(name)") == [(len(keys),)]
    assert query(ds, "select next_cursor, done_count from _enrichment_jobs") == [(cursor, len(keys))]


async def test_slow_enrich_commits_as_it_goes(db_path, monkeypatch):
    # 20 ms a row, 25 rows, a time limit of 0.2 s: one call for all the rows would time out. A call stops
    # taking rows after min(BATCH_SECONDS, time limit / 2) and a batch commits after BATCH_SECONDS.
    monkeypatch.setattr(enrichment, "BATCH_SECONDS", 0.05)
    ds = make_datasette(db_path, enrichment={"time_limit": 0.2})
    code = "import time\ndef enrich(row):\n    time.sleep_ms(20)\n    return row['n']\n"
    job_id = await run_job(ds, code, output_type="integer")
    assert errors(ds, job_id) == []
    assert query(ds, "select count(*) from items where result = n") == [(25,)]
    commits = query(ds, "select success_count from _enrichment_progress where job_id = ?", (job_id,))
    assert len(commits) >= 5 and sum(count for (count,) in commits) == 25


async def test_job_that_cannot_read_its_rows_is_cancelled_with_the_reason(db_path):
    ds = make_datasette(db_path)
    job_id = await run_job(ds, UPPER)
    db = ds.get_database("data")
    await db.execute_write(
        "update _enrichment_jobs set status = 'running', next_cursor = 'x,1' where id = ?", (job_id,)
    )
    restarted = make_datasette(db_path)
    await restarted.client.get("/")
    for _ in range(200):
        [(status, reason)] = query(ds, "select status, cancel_reason from _enrichment_jobs")
        if status != "running":
            break
        await asyncio.sleep(0.01)
    assert status == "cancelled"
    assert reason.startswith("JSONDecodeError")


async def test_hundred_thousand_rows(tmp_path):
    path = tmp_path / "data.db"
    make_items(path, 100_000)
    ds = make_datasette(path)
    started = time.perf_counter()
    job_id = await run_job(ds, UPPER)
    seconds = time.perf_counter() - started
    print(f"\n100,000 rows enriched in {seconds:.2f}s: {100_000 / seconds:,.0f} rows/s")
    assert query(ds, "select count(*) from items where result = upper(name)") == [(100_000,)]
    assert query(
        ds, "select done_count, error_count, status from _enrichment_jobs where id = ?", (job_id,)
    ) == [(100_000, 0, "finished")]


async def test_in_memory_database_is_read_through_datasette():
    ds = Datasette()
    ds.root_enabled = True
    db = ds.add_memory_database("data")
    await db.execute_write("create table items (id integer primary key, name text, n integer)")
    await db.execute_write("insert into items (name, n) values ('a', 1), ('b', 2)")
    code = (
        "import datasette\n"
        "total = datasette.query('select sum(n) as total from items')[0]['total']\n"
        "def enrich(row):\n"
        "    return row['n'] / total\n"
    )
    job_id = await start_job(ds, code, output_type="float")

    # Read in the write thread: a read connection of a shared-cache database fails at once with "table
    # is locked" while the job writes (datasette-enrichments' `wait_for_job` polls on one).
    def status_and_results(conn: sqlite3.Connection) -> tuple[str, list[tuple[float]]]:
        [(status,)] = conn.execute("select status from _enrichment_jobs where id = ?", (job_id,))
        return status, [tuple(row) for row in conn.execute("select result from items order by id")]

    for _ in range(3000):
        status, results = await db.execute_write_fn(status_and_results)
        if status in ("finished", "cancelled"):
            break
        await asyncio.sleep(0.01)
    assert (status, results) == ("finished", [(1 / 3,), (2 / 3,)])


async def test_the_frameworks_own_job_loop_runs_the_enrichment_too(db_path, monkeypatch):
    # `enrich_batch` is the framework's public entry point: if a version of datasette-enrichments stops
    # calling our `start_enrichment_in_process`, its own loop must still enrich every row, once, with the
    # job's counts right. (Before, `enrich_batch` returned a tuple the framework could not use.)
    from datasette_enrichments import Enrichment

    monkeypatch.setattr(
        PythonEnrichment, "start_enrichment_in_process", Enrichment.start_enrichment_in_process
    )
    ds = make_datasette(db_path)
    bad = "def enrich(row):\n    if row['n'] == 7:\n        raise ValueError('seven')\n    return row['name'].upper()\n"
    job_id = await run_job(ds, bad)
    assert query(ds, "select count(*) from items where result = upper(name)") == [(24,)]
    assert query(ds, "select result from items where n = 7") == [(None,)]
    assert query(ds, "select status, done_count, error_count from _enrichment_jobs") == [("finished", 25, 1)]
    assert [ids for ids, _ in errors(ds, job_id)] == [[7]]
    assert query(ds, "select sum(success_count), sum(error_count) from _enrichment_progress") == [(24, 1)]


ENRICHER = {"id": "enricher"}


def no_execute_sql_datasette(path):
    # The actor may run enrichments on `data` but not execute SQL there.
    ds = Datasette(
        [str(path)],
        config={
            "databases": {
                "data": {
                    "permissions": {
                        "enrichments": {"id": ["enricher", "root"]},
                        "execute-sql": {"id": "root"},
                    },
                }
            }
        },
    )
    ds.root_enabled = True
    return ds


async def test_an_actor_without_execute_sql_reads_nothing_through_the_bridge(db_path):
    # Issue 13, item 6: the form's check ran the top level with the database attached, and a query's rows
    # came back in the form's error message.
    conn = sqlite3.connect(db_path)
    conn.execute("create table secrets (value text)")
    conn.execute("insert into secrets values ('the launch codes')")
    conn.commit()
    conn.close()
    ds = no_execute_sql_datasette(db_path)
    leak = "import datasette\nraise ValueError(str(datasette.query('select * from secrets')))\ndef enrich(row):\n    return 1\n"
    response = await ds.client.post(
        "/-/enrich/data/items/micropython",
        data={"code": leak, "mode": "one", "output_column": "result", "output_type": "text"},
        actor=ENRICHER,
    )
    assert response.status_code == 200
    assert "launch codes" not in response.text and "ValueError" in response.text
    # The job itself: enrich's queries read nothing either.
    code = "import datasette\ndef enrich(row):\n    return str(datasette.query('select * from secrets'))\n"
    response = await ds.client.post(
        "/-/enrich/data/items/micropython",
        data={"code": code, "mode": "one", "output_column": "result", "output_type": "text"},
        actor=ENRICHER,
    )
    assert response.status_code == 302
    job_id = int(parse_qs(urlparse(response.headers["location"]).query)["_enrichment_job"][0])
    await wait_for_job(ds, job_id, "data", timeout=30)
    assert query(ds, "select count(*) from items where result like '%launch%'") == [(0,)]
    assert len(errors(ds, job_id)) == 1
    # Root, who holds execute-sql, reads it as before.
    job_id = await run_job(ds, code)
    assert query(ds, "select count(*) from items where result like '%launch%'") == [(25,)]


async def test_the_code_check_does_not_hold_up_the_event_loop(db_path):
    # Each form POST froze the server for the check's run (2.5 s measured).
    ds = make_datasette(db_path, enrichment={"time_limit": 1.5})
    slow = "while True:\n    pass\n"
    post = asyncio.create_task(
        ds.client.post(
            "/-/enrich/data/items/micropython",
            data={"code": slow, "mode": "one", "output_column": "result", "output_type": "text"},
            actor=ROOT,
        )
    )
    await asyncio.sleep(0.3)
    ticks = 0
    start = time.monotonic()
    while not post.done():
        await asyncio.sleep(0.05)
        ticks += 1
    elapsed = time.monotonic() - start
    assert elapsed > 0.5 and ticks >= elapsed / 0.05 * 0.5  # the loop kept turning
    assert "did not finish within the time limit" in (await post).text


@pytest.mark.parametrize(
    "rebinding",
    [
        "enumerate = lambda rows: []",  # the driver's loop saw no rows: the job looped forever
        "REPLACE = 'return [], {}'",  # a call that returned nothing made no progress: the same
        "REPLACE = 'return None'",
    ],
)
async def test_code_that_rebinds_the_driver_cannot_make_the_job_loop_forever(
    db_path, batches_of_10, rebinding
):
    ds = make_datasette(db_path)
    code = rebinding + (
        "\ndef enrich(row):\n"
        "    if 'REPLACE' in globals():\n"
        "        exec('def __enrich_rows(rows, budget_ms):\\n    ' + REPLACE, globals())\n"
        "    return row['name'].upper()\n"
    )
    job_id = await start_job(ds, code)
    await asyncio.wait_for(wait_for_job(ds, job_id, "data", timeout=30), 30)
    [status] = query(ds, "select status from _enrichment_jobs where id = ?", (job_id,))
    assert status == ("finished",)
    enriched = query(ds, "select count(*) from items where result = upper(name)")[0][0]
    failed = sum(len(ids) for ids, _ in errors(ds, job_id))
    assert enriched + failed == 25
    if "enumerate" in rebinding:
        assert enriched == 25  # shadowing a builtin does not change what the driver does
    else:
        # Each batch's first call runs the real driver, which the code replaces as it goes; the next
        # call gets nothing sensible back, logs its rows and starts a fresh sandbox.
        assert failed > 0 and all("driver" in message for _, message in errors(ds, job_id))


async def test_writes_blocked_by_a_reader_of_a_memory_database_are_retried():
    # In an in-memory database a write that meets another connection's reader fails at once ("database
    # table is locked") instead of waiting: the job's writes repeat it; any other error is not repeated.
    from datasette_micropython.plugin.enrichment import write_through_locks

    class Db:
        def __init__(self, errors):
            self.errors, self.calls = list(errors), 0

        async def execute_write_fn(self, fn):
            self.calls += 1
            if self.errors:
                raise self.errors.pop(0)
            return fn(None)

    locked = sqlite3.OperationalError("database table is locked: _enrichment_jobs")
    db = Db([locked, locked])
    assert await write_through_locks(db, lambda conn: "written") == "written"
    assert db.calls == 3
    db = Db([sqlite3.OperationalError("no such table: items")])
    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        await write_through_locks(db, lambda conn: "written")
    assert db.calls == 1
    db = Db([locked] * 25)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        await write_through_locks(db, lambda conn: "written")
    assert db.calls == 20
