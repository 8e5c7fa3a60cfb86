"""The host side of job writes (datasette_micropython/plugin/jobs_writes.py): checks as rows are queued,
and tables and rows as sqlite-utils (the reference) makes them, in one transaction."""

from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils

from datasette_micropython import GuestError, Sandbox
from datasette_micropython.plugin.jobs_writes import WRITE_FUNCTION, DryRun, WriteQueue, apply_writes

ROWS = [
    {"id": 1, "name": "Ada", "score": 9.5, "tags": ["x", "y"], "active": True, "raw": b"\x00\xff"},
    {"id": 2, "name": "Grace", "score": 7, "tags": {"k": 1}, "active": False, "raw": None},
    {"id": 3, "name": None, "score": None, "extra": "only here"},
]


def schema_and_rows(conn, table):
    sql = conn.execute("select sql from sqlite_master where name = ?", [table]).fetchone()[0]
    columns = [(c[1], c[2], c[5]) for c in conn.execute(f"pragma table_info([{table}])")]
    rows = conn.execute(f"select * from [{table}] order by rowid").fetchall()
    return sql, columns, rows


def queue(*calls, tables=("t",), max_rows=1000, max_bytes=10**6):
    q = WriteQueue(tables, max_rows, max_bytes)
    for operation, table, rows, options in calls:
        q.host_function(operation, table, rows, options)
    return q


@pytest.mark.parametrize("pk", [None, "id"])
def test_insert_creates_the_table_as_sqlite_utils_does(pk):
    reference = sqlite_utils.Database(memory=True)
    reference["t"].insert_all(ROWS, pk=pk)
    conn = sqlite3.connect(":memory:")
    with conn:
        apply_writes(conn, queue(("insert", "t", ROWS, {"pk": pk})).writes)
    _, expected_columns, expected_rows = schema_and_rows(reference.conn, "t")
    sql, columns, rows = schema_and_rows(conn, "t")
    assert columns == expected_columns
    assert rows == expected_rows
    key = " PRIMARY KEY" if pk else ""
    assert sql == (
        f'CREATE TABLE "t" ("id" INTEGER{key}, "name" TEXT, "score" REAL, "tags" TEXT, "active" INTEGER, '
        '"raw" BLOB, "extra" TEXT)'
    )


def test_upsert_alter_and_replace_as_sqlite_utils_does():
    first = [{"id": 1, "name": "Ada", "score": 1}, {"id": 2, "name": "Grace", "score": 2}]
    second = [{"id": 2, "score": 20, "note": "new column"}, {"id": 3, "name": "Linus"}]
    third = [{"id": 1, "name": "Ada L.", "score": 100}]
    reference = sqlite_utils.Database(memory=True)
    reference["t"].insert_all(first, pk="id")
    # Row by row: sqlite-utils' upsert_all would null the columns a row omits when others in the batch
    # have them; the documented upsert leaves them alone, as the jobs' upsert does.
    for row in second:
        reference["t"].upsert(row, pk="id", alter=True)
    reference["t"].insert_all(third, pk="id", replace=True)
    conn = sqlite3.connect(":memory:")
    calls = [
        ("insert", "t", first, {"pk": "id"}),
        ("upsert", "t", second, {"pk": "id", "alter": True}),
        ("insert", "t", third, {"pk": "id", "replace": True}),
    ]
    with conn:
        report = apply_writes(conn, queue(*calls).writes)
    assert report == {"t": {"inserted": 3, "upserted": 2, "deleted": 0}}
    expected = schema_and_rows(reference.conn, "t")
    actual = schema_and_rows(conn, "t")
    assert actual[1:] == expected[1:]
    assert actual[2] == [(1, "Ada L.", 100, None), (2, "Grace", 20, "new column"), (3, "Linus", None, None)]


def test_upsert_by_a_key_that_is_not_the_tables_primary_key():
    conn = sqlite3.connect(":memory:")
    conn.execute("create table t (id integer primary key, code text, v integer)")
    conn.execute("insert into t (code, v) values ('a', 1)")
    with conn:
        apply_writes(
            conn,
            queue(("upsert", "t", [{"code": "a", "v": 2}, {"code": "b", "v": 3}], {"pk": "code"})).writes,
        )
    assert conn.execute("select * from t order by id").fetchall() == [(1, "a", 2), (2, "b", 3)]


def test_everything_or_nothing():
    conn = sqlite3.connect(":memory:")
    conn.execute("create table t (id integer primary key, v text)")
    conn.commit()
    calls = [
        ("insert", "u", [{"a": 1}], {}),
        ("insert", "t", [{"id": 1, "v": "x"}], {}),
        ("insert", "t", [{"id": 1, "v": "duplicate key"}], {}),
    ]
    with pytest.raises(sqlite3.IntegrityError), conn:
        conn.execute("BEGIN IMMEDIATE")
        apply_writes(conn, queue(*calls, tables=("t", "u")).writes)
    assert conn.execute("select name from sqlite_master").fetchall() == [("t",)]
    assert conn.execute("select count(*) from t").fetchone() == (0,)


def test_a_dry_run_reports_and_rolls_back():
    conn = sqlite3.connect(":memory:")
    rows = [{"id": i, "v": str(i)} for i in range(30)]
    with pytest.raises(DryRun) as raised, conn:
        conn.execute("BEGIN IMMEDIATE")
        apply_writes(conn, queue(("insert", "t", rows, {"pk": "id"})).writes, dry_run=True)
    report = raised.value.report["t"]
    assert report["inserted"] == 30 and report["preview"] == rows[:20]
    assert conn.execute("select count(*) from sqlite_master").fetchone() == (0,)


@pytest.mark.parametrize(
    "call, error, message",
    [
        (
            ("insert", "secret", [{"a": 1}], {}),
            PermissionError,
            "may not write to table 'secret' (tables it may write: t)",
        ),
        (("insert", "t", [{"a": 1}, 5], {}), TypeError, "datasette.insert(): rows[1] is a int, not a dict"),
        (("insert", "t", [{"a": 1}, {}], {}), ValueError, "datasette.insert(): rows[1] has no columns"),
        (("insert", "t", [{"a": object()}], {}), TypeError, "rows[0]: column 'a': a object cannot be stored"),
        (("insert", "t", [{"a\0b": 1}], {}), ValueError, "rows[0]: column names must be non-empty strs"),
        (("insert", "t", [{"a": [1, b"x"]}], {}), TypeError, "rows[0]: column 'a': Object of type bytes"),
        (("insert", "t", [{"a": -(2**63) - 1}], {}), OverflowError, "does not fit SQLite's 64-bit INTEGER"),
        (("upsert", "t", [{"a": 1}], {}), ValueError, "datasette.upsert(): pk (the primary key column"),
        (
            ("upsert", "t", [{"a": 1}], {"pk": "id"}),
            ValueError,
            "rows[0] has no value for the primary key column 'id'",
        ),
        (
            ("insert", "t", [{"a": 1}], {"pk": 5}),
            TypeError,
            "pk must be a column name or a list of column names",
        ),
        (("insert", "t", [{"a": 1}], {"alter": "yes"}), TypeError, "alter must be True or False"),
        (("delete", "t", [None], {}), TypeError, "datasette.delete(): pks[0]: a primary key value must be"),
        (
            ("insert", "t", [{"a": 1}] * 11, {}),
            ValueError,
            "this run may write at most 10 rows (0 queued before this call of 11)",
        ),
        (("insert", "t", [{"a": "x" * 200}], {}), ValueError, "this run may write at most 100 bytes"),
    ],
)
def test_bad_writes_are_refused_naming_the_row(call, error, message):
    q = WriteQueue(("t",), max_rows=10, max_bytes=100)
    with pytest.raises(error) as raised:
        q.host_function(*call)
    assert message in str(raised.value)
    assert q.writes == [] and q.rows == 0 and q.bytes == 0


def test_missing_columns_need_alter_and_delete_needs_the_whole_key():
    conn = sqlite3.connect(":memory:")
    conn.execute("create table t (a integer, b integer, v text, primary key (a, b))")
    with pytest.raises(ValueError, match=r"table 't' has no column 'w' \(pass alter=True"):
        apply_writes(conn, queue(("insert", "t", [{"a": 1, "b": 1, "w": 2}], {})).writes)
    with pytest.raises(ValueError, match=r"pks\[0\] has 1 value\(s\); the primary key of 't' is \(a, b\)"):
        apply_writes(conn, queue(("delete", "t", [1], {})).writes)
    with pytest.raises(ValueError, match="no such table: 'gone'"):
        apply_writes(conn, queue(("delete", "gone", [1], {}), tables=("gone",)).writes)


# ---- the guest's side: datasette.insert/upsert/delete ----------------------------------------------------------


def test_writing_outside_a_job_says_where_it_is_available():
    with Sandbox() as sandbox, pytest.raises(GuestError) as raised:
        sandbox.run("import datasette\ndatasette.insert('t', [{'a': 1}])")
    assert raised.value.type_name == "RuntimeError"
    assert raised.value.guest_message == (
        "datasette.insert(): writing is only available in scheduled jobs (the Jobs page, or jobs: in "
        "datasette.yaml); elsewhere the databases are read-only"
    )


def test_the_guest_functions_queue_their_rows_with_the_host():
    q = WriteQueue(("t", "u"), max_rows=1000, max_bytes=10**6)
    code = """
import datasette
def gen():
    for i in range(3):
        yield {"id": i, "v": i * 1.5}
print(datasette.insert("t", gen(), pk="id", alter=True))
print(datasette.insert("t", {"id": 9, "v": None}, replace=True))
print(datasette.upsert("u", [{"k": "a", "n": [1, {"x": 2}]}], pk=["k"]))
print(datasette.delete("t", [0, 1]))
for bad in ([{"id": 1, "v": {1, 2}}], [{"id": 1}, {3}], "not rows"):
    try:
        datasette.insert("t", bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    datasette.delete("secret", [1])
except PermissionError as e:
    print("PermissionError", e)
"""
    with Sandbox(host_functions={WRITE_FUNCTION: q.host_function}) as sandbox:
        result = sandbox.run(code)
    assert result.stdout.splitlines() == [
        "3",
        "1",
        "1",
        "2",
        (
            "TypeError datasette.insert(): rows[0]: column 'v': a set cannot be stored (None, bool, int, "
            "float, str, bytes, or a list/dict stored as JSON)"
        ),
        "TypeError datasette.insert(): rows[1] is a set, not a dict",
        "TypeError datasette.insert(): rows[0] is a str, not a dict",
        # The guest raises PermissionError as OSError(EACCES, message) would be, as CPython prints it.
        "PermissionError [Errno 13] datasette.delete(): this job may not write to table 'secret' (tables it may write: t, u)",
    ]
    assert [(w.operation, w.table, w.rows, w.pk, w.replace, w.alter) for w in q.writes] == [
        (
            "insert",
            "t",
            [{"id": 0, "v": 0.0}, {"id": 1, "v": 1.5}, {"id": 2, "v": 3.0}],
            ("id",),
            False,
            True,
        ),
        ("insert", "t", [{"id": 9, "v": None}], None, True, False),
        ("upsert", "u", [{"k": "a", "n": '[1, {"x": 2}]'}], ("k",), False, False),
        ("delete", "t", [0, 1], None, False, False),
    ]
