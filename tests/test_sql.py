"""The SQL bridge (rust/core/src/sql.rs + the guest's `datasette` module) on real SQLite files."""

import os
import sqlite3
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
        ("begin immediate", "Transaction is not allowed"),
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

    def memory_db(sql, params, max_rows):
        calls.append((sql, params, max_rows))
        return ["a", "b"], [[1, "x"], [2, None]], False

    with Sandbox(databases={"mem": memory_db}) as sb:
        assert sb.run(
            "import datasette\nlist(datasette.query('select a, b from t where a > ?', [0]))"
        ).value == ("[{'a': 1, 'b': 'x'}, {'a': 2, 'b': None}]")
        assert calls == [("select a, b from t where a > ?", [0], 100_000)]
        assert sb.run("[r['a'] for r in datasette.iter_query('select a from t')]").value == "[1, 2]"
