"""The `micropython` enrichment, driven through Datasette's real routes: form, job, rows."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
from urllib.parse import parse_qs, urlparse

import datasette_enrichments
import pytest
from datasette.app import Datasette
from datasette_enrichments.utils import wait_for_job

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


def make_datasette(path, batch_rows=1000, **plugin_settings):
    ds = Datasette(
        [str(path)],
        settings={"max_returned_rows": batch_rows},
        config={"plugins": {"datasette-agent-micropython": plugin_settings}},
    )
    ds.root_enabled = True
    return ds


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "data.db"
    make_items(path, 25)
    return path


async def start_job(ds, code, table="items", **fields):
    form = {"code": code, "mode": "one", "output_column": "result", "output_type": "text", **fields}
    response = await ds.client.post(f"/-/enrich/data/{table}/micropython", data=form, actor=ROOT)
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
async def test_one_column(db_path, code, output_type, sqlite_type, expected):
    ds = make_datasette(db_path, batch_rows=10)  # three batches
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


async def test_several_columns(db_path):
    ds = make_datasette(db_path, batch_rows=10)
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


async def test_row_errors_are_logged_and_other_rows_written(db_path):
    ds = make_datasette(db_path, batch_rows=10)
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
    assert query(ds, "select error_count, status from _enrichment_jobs") == [(5, "finished")]


async def test_same_error_on_many_rows_is_logged_once(db_path):
    ds = make_datasette(db_path)
    job_id = await run_job(ds, "def enrich(row):\n    return row['missing']\n")
    [(ids, error)] = errors(ds, job_id)
    assert ids == list(range(1, 26))
    assert error.endswith("KeyError: missing\n")


async def test_state_persists_across_batches(db_path):
    # One sandbox per job: top-level code runs once, globals carry over from batch to batch.
    ds = make_datasette(db_path, batch_rows=10)
    code = "calls = 0\ndef enrich(row):\n    global calls\n    calls += 1\n    return calls\n"
    await run_job(ds, code, output_type="integer")
    assert [row[0] for row in query(ds, "select result from items order by id")] == list(range(1, 26))


@pytest.mark.parametrize(
    "code,message",
    [
        ("def enrich(row):\n    retrun row['name']\n    return 1\n", "Line 2: SyntaxError: invalid syntax"),
        ("x = 1\ny = 1 / 0\ndef enrich(row):\n    return x\n", "Line 2: ZeroDivisionError: divide by zero"),
        ("def transform(row):\n    return 1\n", "The code must define a function enrich(row)"),
        ("while True:\n    pass\n", "The code&#39;s top level did not finish within 0.2 seconds"),
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


async def test_infinite_loop_is_logged_and_the_server_keeps_serving(db_path):
    ds = make_datasette(db_path, batch_rows=10, enrichment={"time_limit": 0.2})
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


async def test_memory_limit_fails_the_batch_and_the_job_goes_on(db_path):
    ds = make_datasette(db_path, batch_rows=10, enrichment={"memory_limit": "16M"})
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


async def test_resumed_job_enriches_every_row_once(db_path, monkeypatch):
    # The process "dies" right after the first batch's results are committed, before the framework
    # records its progress; a new Datasette on the same file resumes the job. `enrich` adds 1000 to n in
    # place, so a row enriched twice would show.
    record_progress = datasette_enrichments.record_progress

    async def die_after_first_batch(db, job_id, success_count, error_count, message=""):
        if success_count:
            raise asyncio.CancelledError
        await record_progress(db, job_id, success_count, error_count, message)

    monkeypatch.setattr(datasette_enrichments, "record_progress", die_after_first_batch)
    ds = make_datasette(db_path, batch_rows=10)
    job_id = await start_job(
        ds, "def enrich(row):\n    return row['n'] + 1000\n", output_column="n", output_type="integer"
    )
    for _ in range(100):
        if query(ds, "select count(*) from items where n > 1000") == [(10,)]:
            break
        await asyncio.sleep(0.05)
    assert query(ds, "select status from _enrichment_jobs") == [("running",)]
    monkeypatch.undo()

    restarted = make_datasette(db_path, batch_rows=10)
    await restarted.client.get("/")  # the first request resumes running jobs
    await wait_for_job(restarted, job_id, "data", timeout=30)
    assert [row[0] for row in query(restarted, "select n from items order by id")] == [
        n + 1000 for n in range(1, 26)
    ]


async def test_hundred_thousand_rows(tmp_path):
    path = tmp_path / "data.db"
    make_items(path, 100_000)
    ds = make_datasette(path, batch_rows=10_000)
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
    await wait_for_job(ds, job_id, "data", timeout=30)
    assert [tuple(row) for row in (await db.execute("select result from items order by id")).rows] == [
        (1 / 3,),
        (2 / 3,),
    ]
