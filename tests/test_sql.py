"""The SQL bridge (rust/core/src/sql/ + the guest's `datasette` module) on real SQLite files."""

import os
import sqlite3
import sys
import threading
import time

import pytest

from datasette_micropython import GuestError, Sandbox, SandboxTimeout


@pytest.fixture
def db_path(tmp_path):
    path = str(tmp_path / "data.db")
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        create table items (id integer primary key, name text, price real, data blob, big integer);
        insert into items values (1, 'apple', 1.5, x'00ff', 9223372036854775807);
        insert into items values (2, 'héllo ✓', -2.25, null, -9223372036854775808);
        insert into items values (3, null, null, x'', 0);
        create table other (x);
        """
    )
    conn.commit()
    conn.close()
    return path


@pytest.fixture
def sandbox(db_path):
    with Sandbox(databases={"data": db_path}) as sb:
        sb.run("import datasette")
        yield sb


def test_every_value_type_round_trips(sandbox):
    sandbox.run("def rows():\n    return list(datasette.query('select * from items order by id'))")
    assert sandbox.call("rows").value == [
        {"id": 1, "name": "apple", "price": 1.5, "data": b"\x00\xff", "big": 2**63 - 1},
        {"id": 2, "name": "héllo ✓", "price": -2.25, "data": None, "big": -(2**63)},
        {"id": 3, "name": None, "price": None, "data": b"", "big": 0},
    ]


def test_columns_keep_their_order(sandbox):
    assert (
        sandbox.run("datasette.query('select price, id, name from items').columns").value
        == "['price', 'id', 'name']"
    )
    assert (
        sandbox.run("list(datasette.query('select price, id, name from items')[0])").value
        == "['price', 'id', 'name']"
    )


@pytest.mark.parametrize(
    "call",
    [
        "datasette.query('select name from items where id = ?', [1])",
        "datasette.query('select name from items where id = ?', (1,))",
        "datasette.query('select name from items where id = :id', {'id': 1})",
        "datasette.query('select name from items where id = :id', {':id': 1})",
        "datasette.query('select name from items where price > ? and id = ?', [0, 1])",
    ],
)
def test_parameter_styles(sandbox, call):
    assert sandbox.run(f"list({call})").value == "[{'name': 'apple'}]"


def test_parameters_of_every_type(sandbox):
    code = "datasette.query('select ? as a, ? as b, ? as c, ? as d, ? as e', [None, 2**62, 0.5, 'x', b'\\x01'])[0]"
    sandbox.run(f"row = {code}")
    assert (
        sandbox.run("row['a'], row['b'], row['c'], row['d'], row['e']").value
        == "(None, 4611686018427387904, 0.5, 'x', b'\\x01')"
    )
    with pytest.raises(GuestError, match="64-bit"):
        sandbox.run("datasette.query('select ?', [2**70])")
    with pytest.raises(GuestError, match="2 parameters but 1"):
        sandbox.run("datasette.query('select ?, ?', [1])")
    with pytest.raises(GuestError, match="missing value for parameter :b"):
        sandbox.run("datasette.query('select :a, :b', {'a': 1})")


def test_tables_columns_databases(sandbox):
    assert sandbox.run("datasette.databases(), datasette.tables(), datasette.columns('items')").value == (
        "(['data'], ['items', 'other'], ['id', 'name', 'price', 'data', 'big'])"
    )
    with pytest.raises(GuestError, match="no such table"):
        sandbox.run("datasette.columns('missing')")


@pytest.mark.parametrize(
    "sql, what",
    [
        ("insert into items (name) values ('x')", "INSERT"),
        ("update items set name = 'x'", "UPDATE"),
        ("delete from items", "DELETE"),
        ("create table t2 (x)", "not allowed"),
        ("drop table items", "not allowed"),
        ("attach database ':memory:' as m", "ATTACH"),
        ("pragma writable_schema = 1", "PRAGMA writable_schema"),
        ("pragma database_list", "PRAGMA database_list"),
        ("pragma journal_mode = delete", "PRAGMA journal_mode"),
        ("select load_extension('/tmp/x.so')", "load_extension"),
        ("with x as (select 1) insert into items (id) select * from x", "INSERT"),
        ("begin immediate", "transaction"),
        ("vacuum", "write"),
    ],
)
def test_writes_and_escapes_are_refused(sandbox, db_path, sql, what):
    with pytest.raises(GuestError, match="read-only") as info:
        sandbox.run(f"datasette.query({sql!r})")
    assert what in info.value.guest_message
    assert info.value.type_name == "PermissionError"
    conn = sqlite3.connect(db_path)
    assert conn.execute("select count(*) from items").fetchone() == (3,)
    assert [r[0] for r in conn.execute("select name from sqlite_master")] == ["items", "other"]


def test_sql_errors_carry_sqlites_message(sandbox):
    with pytest.raises(GuestError, match="no such column: nope") as info:
        sandbox.run("datasette.query('select nope from items')")
    assert info.value.type_name == "SQLError"
    assert (
        sandbox.run(
            "try:\n    datasette.query('selec 1')\nexcept ValueError as e:\n    r = 'caught'\nr"
        ).value
        == "'caught'"
    )


def test_unknown_database_lists_the_allowed_ones(db_path):
    with Sandbox(databases={"a": db_path, "b": db_path}) as sb:
        with pytest.raises(GuestError, match="unknown database 'c'; available: a, b"):
            sb.run("import datasette\ndatasette.query('select 1', database='c')")
        with pytest.raises(GuestError, match="several databases"):
            sb.run("import datasette\ndatasette.query('select 1')")
        assert sb.run("datasette.query('select 1 as one', database='b')[0]['one']").value == "1"
    with Sandbox(databases={"a": db_path, "b": db_path}, default_database="b") as sb:
        assert sb.run("import datasette\ndatasette.query('select 2 as two')[0]['two']").value == "2"
    with pytest.raises(ValueError, match="default_database"):
        Sandbox(databases={"a": db_path}, default_database="zzz")
    with pytest.raises(ValueError, match="databases"):
        Sandbox(databases={"a": "/no/such/file.db"})


def test_no_databases_means_no_sql():
    with Sandbox() as sb, pytest.raises(GuestError):
        sb.run("import datasette\ndatasette.query('select 1')")


def test_results_are_capped_and_flagged(db_path):
    with Sandbox(databases={"d": db_path}, query_row_limit=2) as sb:
        sb.run("import datasette\nr = datasette.query('select id from items order by id')")
        assert sb.run("len(r), r.truncated").value == "(2, True)"
        assert (
            sb.run("r = datasette.query('select id from items limit 2')\nlen(r), r.truncated").value
            == "(2, False)"
        )
        assert sb.run("len(datasette.query('select id from items', max_rows=1))").value == "1"
    with Sandbox(databases={"d": db_path}, query_byte_limit=10) as sb:
        assert sb.run("import datasette\ndatasette.query('select name from items').truncated").value == "True"


def test_runaway_recursive_query_is_stopped_and_the_session_survives(db_path):
    with Sandbox(databases={"d": db_path}, time_limit=0.3) as sb:
        sb.run("import datasette\nkept = 1")
        sql = "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c"
        started = time.monotonic()
        with pytest.raises((GuestError, SandboxTimeout)) as info:
            sb.run(f"datasette.query({sql!r})")
        assert time.monotonic() - started < 2
        assert not info.value.session_reset
        assert sb.run("kept, len(datasette.query('select * from items'))").value == "(1, 3)"


def test_a_million_rows_iterated_within_a_small_memory_limit(tmp_path):
    path = str(tmp_path / "big.db")
    conn = sqlite3.connect(path)
    conn.execute("create table t (id integer primary key, name text, score real)")
    conn.execute(
        "insert into t select value, 'name ' || value, value * 0.5 from generate_series(1, 1000000)"
        if sqlite3.sqlite_version_info >= (3, 46)
        else "insert into t with recursive c(x) as (select 1 union all select x + 1 from c where x < 1000000)"
        " select x, 'name ' || x, x * 0.5 from c"
    )
    conn.commit()
    conn.close()
    with Sandbox(databases={"d": path}, memory_limit=16 * 2**20, time_limit=30) as sb:
        code = "import datasette\nn = 0\ntotal = 0\nfor row in datasette.iter_query('select * from t'):\n    n += 1\n    total += row['id']\nn, total"
        assert sb.run(code).value == f"(1000000, {1000000 * 1000001 // 2})"
        assert sb.memory_size <= 16 * 2**20


def test_iteration_can_stop_early_and_cursors_are_bounded(sandbox):
    sandbox.run(
        "its = []\nfor i in range(8):\n    it = datasette.iter_query('select id from items')\n    next(it)\n    its.append(it)"
    )
    with pytest.raises(GuestError, match="at most 8"):
        sandbox.run("next(datasette.iter_query('select 1'))")
    sandbox.run("for it in its:\n    it.close()")
    assert (
        sandbox.run("[r['id'] for r in datasette.iter_query('select id from items order by id')]").value
        == "[1, 2, 3]"
    )


def test_concurrent_sandboxes_read_one_file(db_path):
    errors, counts = [], []

    def work():
        try:
            with Sandbox(databases={"d": db_path}) as sb:
                sb.run("import datasette")
                for _ in range(50):
                    counts.append(int(sb.run("len(datasette.query('select * from items'))").value))
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert counts == [3] * 400


def test_replaced_file_is_reopened(tmp_path):
    path = str(tmp_path / "swap.db")
    for value in ("first", "second"):
        tmp = str(tmp_path / f"{value}.db")
        conn = sqlite3.connect(tmp)
        conn.execute("create table t (v)")
        conn.execute("insert into t values (?)", [value])
        conn.commit()
        conn.close()
        os.replace(tmp, path)
        with Sandbox(databases={"d": path}) as sb:
            assert sb.run("import datasette\ndatasette.query('select v from t')[0]['v']").value == repr(value)


def test_immutable_databases(db_path):
    with Sandbox(databases={"d": {"path": db_path, "immutable": True}}) as sb:
        assert sb.run("import datasette\nlen(datasette.query('select * from items'))").value == "3"


def test_databases_without_a_file_are_served_by_a_function():
    calls = []

    def memory_db(sql, params, max_rows, max_bytes):
        calls.append((sql, params, max_rows, max_bytes))
        return ["a", "b"], [[1, "x"], [2, None]], False

    with Sandbox(databases={"mem": memory_db}, query_byte_limit=5 * 2**20) as sb:
        assert sb.run(
            "import datasette\nlist(datasette.query('select a, b from t where a > ?', [0]))"
        ).value == ("[{'a': 1, 'b': 'x'}, {'a': 2, 'b': None}]")
        # the function gets the sandbox's own caps, so it never fetches more than the guest may receive
        assert calls == [("select a, b from t where a > ?", [0], 100_000, 5 * 2**20)]
        assert sb.run("[r['a'] for r in datasette.iter_query('select a from t')]").value == "[1, 2]"


# ---------------------------------------------------------------------------------------------------------
# One SQLite in the process: the engine reads files through the SQLite of Python's sqlite3 module, so
# Datasette's writers and the guest's readers see each other's locks (issue 13, item 3).


def test_the_engine_uses_pythons_sqlite_instance():
    from datasette_micropython import _engine
    from datasette_micropython._sqlite import bridge_sqlite

    assert bridge_sqlite() is None
    library, version = _engine.linked_sqlite()
    import _sqlite3

    assert library == _sqlite3.__file__
    assert version == sqlite3.sqlite_version


def test_a_library_that_does_not_see_pythons_locks_is_refused(tmp_path):
    # In a fresh process (a link is for life): the proof file is not locked, as it would be with another
    # SQLite instance, so the link is refused.
    import subprocess
    import sys

    path = tmp_path / "unlocked.db"
    sqlite3.connect(path).execute("create table t (x)").connection.close()
    code = (
        "import _sqlite3, sys\nfrom datasette_micropython import _engine\n"
        "try:\n    _engine.link_sqlite(_sqlite3.__file__, sys.argv[1])\n"
        "except ValueError as e:\n    print(e)\n"
        "print(_engine.linked_sqlite())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert "other than the embedder's" in out
    assert out.strip().endswith("None")


def _numbered_table(path, journal_mode, rows=20_000):
    conn = sqlite3.connect(path)
    conn.execute(f"pragma journal_mode = {journal_mode}")
    conn.execute("create table t (id integer primary key)")
    conn.execute(
        "insert into t with recursive c(x) as (select 1 union all select x + 1 from c where x < ?) select x from c",
        [rows],
    )
    conn.commit()
    conn.close()


@pytest.mark.parametrize("journal_mode", ["delete", "wal"])
def test_an_iteration_reads_one_snapshot_while_datasette_deletes(tmp_path, journal_mode):
    # The guest starts iterating, then (through a host function, as Datasette would between two pages)
    # the host deletes every row. The iteration must see all rows or the delete must wait: never a mix.
    path = str(tmp_path / "torn.db")
    _numbered_table(path, journal_mode)
    outcome = {}

    def delete_all():
        writer = sqlite3.connect(path, timeout=0.2)
        try:
            writer.execute("delete from t")
            writer.commit()
            outcome["delete"] = "committed"
        except sqlite3.OperationalError as e:
            outcome["delete"] = str(e)
        finally:
            writer.close()

    with Sandbox(databases={"d": path}, host_functions={"delete_all": delete_all}, time_limit=20) as sb:
        code = (
            "import datasette\nseen = []\n"
            "for row in datasette.iter_query('select id from t order by id'):\n"
            "    seen.append(row['id'])\n"
            "    if len(seen) == 10:\n"
            "        delete_all()\n"
            "len(seen), seen == list(range(1, len(seen) + 1))"
        )
        assert sb.run(code).value == "(20000, True)"
    if journal_mode == "wal":
        assert outcome["delete"] == "committed"  # readers do not block a WAL writer; they keep their snapshot
    else:
        assert outcome["delete"] == "database is locked"
    remaining = sqlite3.connect(path).execute("select count(*) from t").fetchone()[0]
    assert remaining == (0 if outcome["delete"] == "committed" else 20_000)


def test_closing_bridge_connections_never_drops_datasettes_write_lock(tmp_path):
    # Datasette holds a write transaction; guest code makes the bridge open nine connections to the file
    # (eight iterations and one query), one more than its pool keeps, so one is closed. Another process
    # must still find the file locked, and Datasette's commit must succeed.
    import subprocess
    import sys

    path = str(tmp_path / "locks.db")
    _numbered_table(path, "delete", rows=10)
    datasette_conn = sqlite3.connect(path, isolation_level=None)
    datasette_conn.execute("begin immediate")
    datasette_conn.execute("insert into t values (100)")
    with Sandbox(databases={"d": path}) as sb:
        code = (
            "import datasette\n"
            "its = [datasette.iter_query('select id from t') for _ in range(8)]\n"
            "firsts = [next(it)['id'] for it in its]\n"
            "n = len(datasette.query('select * from t'))\n"
            "rests = [len(list(it)) for it in its]\n"
            "firsts, n, rests"
        )
        assert sb.run(code).value == f"({[1] * 8}, 10, {[9] * 8})"
    other_process = (
        "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1], timeout=0.2, isolation_level=None)\n"
        "try:\n    c.execute('begin immediate')\n    c.execute('insert into t values (200)')\n    c.execute('commit')\n"
        "    print('committed')\nexcept sqlite3.OperationalError as e:\n    print(e)"
    )
    result = subprocess.run(
        [sys.executable, "-c", other_process, path], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "database is locked"
    datasette_conn.execute("commit")
    datasette_conn.close()
    ids = [r[0] for r in sqlite3.connect(path).execute("select id from t where id > 10")]
    assert ids == [100]


# ---------------------------------------------------------------------------------------------------------
# Host memory of one SELECT (issue 13, item 2).


def _peak_rss():
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


HUGE_SELECT = "select hex(zeroblob(400000000)) a, hex(zeroblob(400000000)) b, hex(zeroblob(400000000)) c"


def test_a_select_of_huge_values_fails_fast_without_growing_the_host(db_path):
    limit = 4 * 2**20
    with Sandbox(databases={"d": db_path}, query_byte_limit=limit) as sb:
        sb.run("import datasette\ndatasette.query('select 1')")
        before = _peak_rss()
        started = time.monotonic()
        with pytest.raises(GuestError, match="query byte limit") as info:
            sb.run(f"datasette.query({HUGE_SELECT!r})")
        assert info.value.type_name == "SQLError"
        assert time.monotonic() - started < 2
        assert _peak_rss() - before < 16 * limit


def test_databases_without_a_file_have_the_same_byte_limit():
    from datasette_micropython._sqlite import query_read_only

    conn = sqlite3.connect(":memory:", check_same_thread=False)
    limit = 4 * 2**20

    def memory_db(sql, params, max_rows, max_bytes):
        return query_read_only(conn, sql, params, max_rows, max_bytes)

    with Sandbox(databases={"mem": memory_db}, query_byte_limit=limit) as sb:
        sb.run("import datasette")
        before = _peak_rss()
        started = time.monotonic()
        with pytest.raises(GuestError, match="query byte limit"):
            sb.run(f"datasette.query({HUGE_SELECT!r})")
        assert time.monotonic() - started < 2
        if sys.version_info >= (3, 11):  # Connection.setlimit; on 3.10 SQLite builds the values
            assert _peak_rss() - before < 16 * limit
        code = "r = datasette.query('select printf(\"%1000d\", value) from json_each(?)', [str(list(range(50)))])"
        assert sb.run(code + "\nlen(r), r.truncated").value == "(50, False)"
    with Sandbox(databases={"mem": memory_db}, query_byte_limit=10_000) as sb:
        sb.run("import datasette")
        assert sb.run(code + "\nlen(r), r.truncated").value == "(9, True)"


# ---------------------------------------------------------------------------------------------------------
# The read-only rules are the engine's, for both kinds of database (issue 14).

REFUSED = [
    ("insert into items (id) values (9)", "INSERT is not allowed"),
    ("update items set name = 'x'", "UPDATE is not allowed"),
    ("delete from items", "DELETE is not allowed"),
    ("drop table items", "DROP is not allowed"),
    ("create table t2 (x)", "CREATE is not allowed"),
    ("attach database ':memory:' as m", "ATTACH is not allowed"),
    ("pragma writable_schema = 1", "PRAGMA writable_schema is not allowed"),
    ("pragma database_list", "PRAGMA database_list is not allowed"),
    ("pragma query_only = 0", "PRAGMA query_only is not allowed"),
    ("select load_extension('/tmp/x.so')", "load_extension() is not allowed"),
    ("begin immediate", "transaction"),
]


@pytest.mark.parametrize("sql, reason", REFUSED)
@pytest.mark.parametrize("kind", ["file", "no file"])
def test_both_kinds_of_database_refuse_the_same_statements(db_path, kind, sql, reason):
    from datasette_micropython._sqlite import query_read_only

    conn = sqlite3.connect(db_path, check_same_thread=False, isolation_level=None)
    source = db_path if kind == "file" else (lambda q, p, n, b: query_read_only(conn, q, p, n, b))
    with Sandbox(databases={"d": source}) as sb:
        sb.run("import datasette")
        with pytest.raises(GuestError, match="read-only") as info:
            sb.run(f"datasette.query({sql!r})")
        assert info.value.type_name == "PermissionError"
        assert reason in info.value.guest_message
        assert sb.run("len(datasette.query('select name from pragma_table_info(\"items\")'))").value == "5"
    assert conn.execute("select count(*) from items").fetchone() == (3,)
    conn.close()


def test_files_are_served_through_sqlite3_when_the_engine_cannot_link(db_path, monkeypatch):
    from datasette_micropython import _sqlite

    monkeypatch.setattr(_sqlite, "bridge_sqlite", lambda: "linking is not possible here")
    with Sandbox(databases={"d": db_path}, query_row_limit=2) as sb:
        sb.run("import datasette")
        assert (
            sb.run(
                "r = datasette.query('select id from items order by id')\n[x['id'] for x in r], r.truncated"
            ).value
            == "([1, 2], True)"
        )
        with pytest.raises(GuestError, match="DELETE is not allowed") as info:
            sb.run("datasette.query('delete from items')")
        assert info.value.type_name == "PermissionError"
