"""Python SQL functions through a real Datasette (datasette_micropython/plugin/functions.py, issue 19):
scalar and aggregate functions in table views, the SQL editor, the JSON API and canned queries; limits
and errors as SQL errors in bounded time; concurrency; hostile code. Each function's results are
compared with the same code registered as a plain Python `sqlite3` function (the reference)."""

from __future__ import annotations

import asyncio
import sqlite3
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from datasette.app import Datasette

from datasette_micropython.plugin.config import ConfigError
from datasette_micropython.plugin.functions import parse_functions

SLUGIFY = textwrap.dedent(
    """\
    def slugify(s):
        return "-".join(s.lower().split())
    """
)

PY_MEDIAN = textwrap.dedent(
    """\
    class py_median:
        def __init__(self):
            self.values = []
        def step(self, value):
            self.values.append(value)
        def finalize(self):
            v = sorted(self.values)
            return v[len(v) // 2] if v else None
    """
)

# Several features at once, as people write them: defaults, f-strings, dicts, bytes, floats.
DESCRIBE = textwrap.dedent(
    """\
    KINDS = {int: "int", float: "float", str: "str", bytes: "bytes", type(None): "null"}

    def describe(value, width=3):
        kind = KINDS[type(value)]
        if isinstance(value, bytes):
            return f"{kind}:{value.hex()}"
        if isinstance(value, float):
            return f"{kind}:{value:.{width}f}"
        return f"{kind}:{value!r}"
    """
)

RAISES = textwrap.dedent(
    """\
    def parse_price(text):
        amount, currency = text.split(" ")
        return round(float(amount) * 100)
    """
)

SPIN = textwrap.dedent(
    """\
    def spin(x):
        n = 0
        while True:
            n += 1
    """
)

SWALLOW = textwrap.dedent(
    """\
    def swallow(x):
        while True:
            try:
                while True:
                    pass
            except BaseException:
                pass
    """
)

BOMB = textwrap.dedent(
    """\
    def bomb(x):
        blocks = []
        while True:
            blocks.append(bytearray(1000000))
    """
)

HOSTILE = textwrap.dedent(
    """\
    def hostile(what):
        if what == "file":
            return open("/etc/passwd").read()
        if what == "socket":
            import socket
            return str(socket.socket())
        if what == "import":
            import subprocess
            return "imported"
        if what == "query":
            import datasette
            return str(datasette.query("select 1"))
        if what == "fetch":
            return fetch("https://example.com/")
        return "nothing"
    """
)

FUNCTIONS: dict[str, Any] = {
    "slugify": {"code": SLUGIFY, "deterministic": True},
    "py_median": {"aggregate": True, "code": PY_MEDIAN},
    "describe": {"code": DESCRIBE},
    "parse_price": {"code": RAISES},
    "spin": {"code": SPIN, "time_limit": 0.2},
    "swallow": {"code": SWALLOW, "time_limit": 0.2},
    "bomb": {"code": BOMB, "memory_limit": "16M"},
    "hostile": {"code": HOSTILE},
}

ROWS = [
    (1, "Hello World", 3.5, "north"),
    (2, "  Datasette   Rocks ", 1.25, "north"),
    (3, "MicroPython in SQL", 10.0, "south"),
    # Non-ASCII text crosses intact; only ASCII letters change case (docs/cpython-differences.md).
    (4, "été à PARIS", -2.0, "south"),
    (5, "one", 7.0, "south"),
]


def reference(code: str, name: str) -> Any:
    """`name` as plain CPython defines it from `code`."""
    namespace: dict[str, Any] = {}
    exec(code, namespace)  # noqa: S102 (the reference: the same code under CPython)
    return namespace[name]


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("functions") / "data.db"
    conn = sqlite3.connect(path)
    conn.execute("create table places (id integer primary key, name text, score real, region text)")
    conn.executemany("insert into places values (?, ?, ?, ?)", ROWS)
    conn.commit()
    conn.close()
    return path


def make_datasette(db_path, functions=FUNCTIONS, **extra) -> Datasette:
    config = {
        "plugins": {"datasette-agent-micropython": {"functions": functions}},
        "databases": {
            "data": {
                "queries": {
                    "slugs": {
                        "sql": "select id, slugify(name) as slug from places where region = :region order by id"
                    },
                    "medians": {
                        "sql": "select region, py_median(score) as median from places group by region"
                    },
                }
            }
        },
        **extra,
    }
    return Datasette([str(db_path)], config=config)


@pytest.fixture(scope="module")
def ds(db_path):
    return make_datasette(db_path)


async def query(ds: Datasette, sql: str, **params: Any) -> Any:
    response = await ds.client.get("/data/-/query.json", params={"sql": sql, "_shape": "objects", **params})
    return response


def plain_sqlite(db_path) -> sqlite3.Connection:
    """The same functions registered as plain Python `sqlite3` functions: the reference results."""
    conn = sqlite3.connect(db_path)
    conn.create_function("slugify", 1, reference(SLUGIFY, "slugify"))
    conn.create_function("describe", -1, reference(DESCRIBE, "describe"))
    conn.create_aggregate("py_median", 1, reference(PY_MEDIAN, "py_median"))
    return conn


async def test_scalar_and_aggregate_match_plain_sqlite_in_the_json_api(ds, db_path):
    sqls = [
        "select id, slugify(name) as slug from places order by id",
        "select region, py_median(score) as median, py_median(name) as mid_name from places group by region",
        (
            "select describe(id) as a, describe(score) as b, describe(name) as c, describe(x'00ff') as d, "
            "describe(null) as e, describe(score, 1) as f from places order by id"
        ),
        "select py_median(score) as m from places where id > 100",
    ]
    expected_conn = plain_sqlite(db_path)
    expected_conn.row_factory = sqlite3.Row
    for sql in sqls:
        response = await query(ds, sql)
        assert response.status_code == 200, response.text
        expected = [dict(row) for row in expected_conn.execute(sql)]
        assert response.json()["rows"] == expected, sql
    expected_conn.close()


async def test_table_view_with_a_function_in_where_and_the_sql_editor_page(ds):
    response = await ds.client.get("/data/places.json", params={"_where": "slugify(name) = 'hello-world'"})
    assert response.status_code == 200, response.text
    assert [row["id"] for row in response.json()["rows"]] == [1]
    html = await ds.client.get("/data/-/query", params={"sql": "select slugify(name) as slug from places"})
    assert html.status_code == 200
    assert "datasette-rocks" in html.text and "microp" in html.text


async def test_canned_queries(ds):
    response = await ds.client.get("/data/slugs.json", params={"region": "south", "_shape": "objects"})
    assert response.status_code == 200, response.text
    assert [row["slug"] for row in response.json()["rows"]] == ["micropython-in-sql", "été-à-paris", "one"]
    response = await ds.client.get("/data/medians.json", params={"_shape": "objects"})
    assert response.json()["rows"] == [{"region": "north", "median": 3.5}, {"region": "south", "median": 7.0}]


async def test_exception_is_an_sql_error_with_type_message_and_line(ds, db_path):
    response = await query(ds, "select parse_price('12.50')")
    assert response.status_code == 400
    error = response.json()["error"]
    # CPython says "not enough values to unpack (expected 2, got 1)"; MicroPython words it its own way.
    assert error.startswith("parse_price(): ValueError: "), error
    assert error.endswith("(line 2)"), error
    # The page shows it as any SQL error, and the next query on the same connection works.
    html = await ds.client.get("/data/-/query", params={"sql": "select parse_price('x')"})
    assert "parse_price(): ValueError" in html.text
    ok = await query(ds, "select parse_price('12.50 EUR') as cents")
    assert ok.json()["rows"] == [{"cents": 1250}]


@pytest.mark.parametrize(
    "sql, message",
    [
        ("select spin(1)", "spin(): SandboxTimeout: did not finish within the time limit (0.2 s per call)"),
        (
            "select swallow(1)",
            "swallow(): SandboxTimeout: did not finish within the time limit (0.2 s per call)",
        ),
        ("select bomb(1)", "bomb(): SandboxMemoryError: ran out of memory (limit 16,777,216 bytes)"),
    ],
)
async def test_runaway_and_memory_bomb_are_sql_errors_in_bounded_time(ds, sql, message):
    for _ in range(2):  # the second time proves the sandbox (or its replacement) still answers
        started = time.monotonic()
        response = await query(ds, sql)
        elapsed = time.monotonic() - started
        assert response.status_code == 400, response.text
        assert response.json()["error"].startswith(message), response.json()["error"]
        assert elapsed < 3, elapsed
        ok = await query(ds, "select slugify('After The Error') as s")
        assert ok.json()["rows"] == [{"s": "after-the-error"}]


async def test_sql_time_limit_bounds_each_call(db_path):
    # A function's time limit never exceeds the query's: Datasette's progress handler cannot interrupt a
    # call in progress, so the call's own limit is cut to sql_time_limit_ms.
    ds = make_datasette(
        db_path, functions={"spin": {"code": SPIN, "time_limit": 30}}, settings={"sql_time_limit_ms": 300}
    )
    started = time.monotonic()
    response = await query(ds, "select spin(1)")
    assert response.status_code == 400
    assert "time limit (0.3 s per call)" in response.json()["error"]
    assert time.monotonic() - started < 3


@pytest.mark.parametrize(
    "what, error",
    [
        ("file", "OSError"),
        ("socket", "ModuleNotFoundError"),
        ("import", "ModuleNotFoundError"),
        ("query", "Error"),
        ("fetch", "NameError"),
    ],
)
async def test_hostile_code_is_refused(ds, what, error):
    response = await query(ds, f"select hostile('{what}') as r")
    assert response.status_code == 400, response.text
    message = response.json()["error"]
    assert message.startswith("hostile(): ") and error in message, message
    assert "root:" not in message


async def test_eight_threads_at_once_never_share_guest_state(db_path):
    # A counter in the guest's globals: each connection (thread) has its own sandbox, so every thread's
    # counts run 1, 2, 3 ... without gaps, however the threads interleave.
    counter = "n = 0\ndef bump(x):\n    global n\n    n += 1\n    return n\n"
    ds = make_datasette(db_path, functions={"bump": {"code": counter}, "slugify": {"code": SLUGIFY}})
    await ds.invoke_startup()
    db = ds.get_database("data")
    per_thread = 200

    def work(_: int) -> list[int]:
        conn = sqlite3.connect(db_path, check_same_thread=False)
        from datasette_micropython.plugin.functions import configured_functions

        configured_functions(ds).register(conn)
        values = [conn.execute("select bump(1)").fetchone()[0] for _ in range(per_thread)]
        slugs = [row[0] for row in conn.execute("select slugify(name) from places order by id")]
        assert slugs[0] == "hello-world"
        conn.close()
        return values

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(work, range(8)))
    assert results == [list(range(1, per_thread + 1))] * 8
    # And through Datasette's own connections, eight requests at once.
    responses = await asyncio.gather(
        *(query(ds, "select slugify(name) as s from places order by id") for _ in range(8))
    )
    assert all(r.json()["rows"][0] == {"s": "hello-world"} for r in responses)
    assert db is not None


@pytest.mark.parametrize(
    "functions, named",
    [
        ({"f": {"code": "def f(x):\n    return (x\n"}}, "functions.f (definition): SyntaxError"),
        ({"f": {"code": "def g(x):\n    return x\n"}}, "functions.f (definition): NameError"),
        (
            {"f": {"code": "x = 1\ny = 1 / 0\ndef f(v):\n    return v\n"}},
            "ZeroDivisionError: division by zero (line 2)",
        ),
        ({"agg": {"aggregate": True, "code": "def agg(x):\n    return x\n"}}, "agg must be a class"),
        ({"f": {"code": "def f(x): return x", "time_limit": 0}}, "functions.f.time_limit"),
        ({"f": {"code": "def f(x): return x", "memory_limit": "lots"}}, "functions.f.memory_limit"),
        ({"f": {"code": "def f(x): return x", "colour": "red"}}, "unknown key"),
        ({"f": {"code": "def f(x): return x", "aggregate": "yes"}}, "functions.f.aggregate"),
        ({"f-g": {"code": "def f(x): return x"}}, "identifier"),
        ({"f": "def f(x): return x"}, "code:"),
    ],
)
async def test_bad_definitions_are_refused_at_startup_naming_them(db_path, functions, named):
    ds = make_datasette(db_path, functions=functions)
    with pytest.raises(ConfigError, match=_escape(named)):
        await ds.invoke_startup()


def _escape(text: str) -> str:
    import re

    return re.escape(text)


def test_the_yaml_shape_of_the_issue_parses():
    definitions = parse_functions(
        {"slugify": {"code": SLUGIFY}, "py_median": {"aggregate": True, "code": PY_MEDIAN}}
    )
    assert [(d.name, d.aggregate, d.deterministic) for d in definitions] == [
        ("slugify", False, False),
        ("py_median", True, False),
    ]
    assert definitions[0].sandbox_limits(1.0) == {
        "time_limit": 1.0,
        "memory_limit": 32 * 2**20,
        "hard_grace": 0.25,
    }


async def test_the_consoles_datasette_query_can_call_them(db_path):
    # The console's sandbox reads the file through the engine's own connections (the functions are
    # installed there too) and in-memory databases through Datasette's connections (which have them).
    ds = make_datasette(db_path)
    ds.add_memory_database("functions_scratch", name="scratch")
    await ds.get_database("scratch").execute_write("create table if not exists notes (body text)")
    await ds.get_database("scratch").execute_write("insert into notes values ('Some Note Here')")
    code = textwrap.dedent(
        """\
        import datasette
        rows = datasette.query("select slugify(name) as slug from places order by id")
        medians = datasette.query("select py_median(score) as m from places group by region order by region")
        scratch = datasette.query("select slugify(body) as s from notes", database="scratch")
        print([r["slug"] for r in rows][:2], [r["m"] for r in medians], scratch[0]["s"])
        try:
            datasette.query("select parse_price('oops')")
        except Exception as e:
            print(type(e).__name__, "parse_price(): ValueError" in str(e), "(line 2)" in str(e))
        """
    )
    response = await ds.client.post("/data/-/micropython/run", json={"code": code}, actor={"id": "alice"})
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["error"] is None, result
    lines = result["stdout"].splitlines()
    assert lines == ["['hello-world', 'datasette-rocks'] [3.5, 7.0] some-note-here", "SQLError True True"]


# ---- the Functions page ------------------------------------------------------------------------------------

ALICE = {"id": "alice"}
PAGE = "/-/micropython/functions"


@pytest.fixture
def page_ds(db_path, tmp_path):
    other = tmp_path / "other.db"
    sqlite3.connect(other).close()
    return Datasette(
        [str(db_path), str(other)],
        config={
            "permissions": {"micropython-functions": {"id": "alice"}},
            "plugins": {"datasette-agent-micropython": {"functions": {"slugify": {"code": SLUGIFY}}}},
        },
    )


async def test_the_functions_page_needs_the_permission(page_ds):
    await page_ds.invoke_startup()
    assert (await page_ds.client.get(PAGE)).status_code == 403
    assert (await page_ds.client.get(PAGE, actor={"id": "bob"})).status_code == 403
    denied = await page_ds.client.post(PAGE + "/save", json={"name": "f", "code": "def f(x): return x"})
    assert denied.status_code == 403
    page = await page_ds.client.get(PAGE, actor=ALICE)
    assert page.status_code == 200
    assert "<code>slugify</code>" in page.text and 'id="mpf-form"' in page.text
    menu = await page_ds.client.get("/", actor=ALICE)
    assert PAGE in menu.text


async def test_test_on_sample_values_runs_the_real_call_path(page_ds):
    await page_ds.invoke_startup()
    body = {
        "name": "price",
        "code": RAISES.replace("parse_price", "price"),
        "samples": [["12.50 EUR"], ["x"]],
    }
    result = (await page_ds.client.post(PAGE + "/test", json=body, actor=ALICE)).json()
    assert result["ok"] is True
    assert result["results"][0] == {"value": 1250}
    assert result["results"][1]["error"].startswith("price(): ValueError: ")
    assert result["results"][1]["error"].endswith("(line 2)")
    aggregate = {"name": "py_median", "code": PY_MEDIAN, "aggregate": True, "samples": [[5], [1], [3]]}
    result = (await page_ds.client.post(PAGE + "/test", json=aggregate, actor=ALICE)).json()
    assert result == {"ok": True, "results": [{"value": 3}]}
    broken = {"name": "f", "code": "def f(x):\n    return (x\n", "samples": [[1]]}
    result = (await page_ds.client.post(PAGE + "/test", json=broken, actor=ALICE)).json()
    assert result["ok"] is False and result["error"].startswith("f (definition): SyntaxError"), result


async def test_saved_functions_apply_at_once_to_their_database_and_can_be_deleted(page_ds):
    await page_ds.invoke_startup()
    # A query first, so the connections exist before the function is saved.
    assert (await page_ds.client.get("/data/-/query.json", params={"sql": "select 1"})).status_code == 200
    body = {"name": "shout", "database": "data", "code": "def shout(s):\n    return s.upper() + '!'\n"}
    saved = (await page_ds.client.post(PAGE + "/save", json=body, actor=ALICE)).json()
    assert saved == {"ok": True, "name": "shout", "database": "data"}
    for _ in range(4):  # every read connection (thread) of the database has it
        response = await page_ds.client.get(
            "/data/-/query.json", params={"sql": "select shout(slugify('a b')) as s", "_shape": "objects"}
        )
        assert response.json()["rows"] == [{"s": "A-B!"}], response.text
    other = await page_ds.client.get("/other/-/query.json", params={"sql": "select shout('x')"})
    assert other.status_code == 400 and "no such function: shout" in other.json()["error"]
    page = await page_ds.client.get(PAGE, actor=ALICE)
    assert "<code>shout</code>" in page.text and "database <strong>data</strong>" in page.text
    # Refused: a bad definition (with its line), a name of datasette.yaml, an unknown database.
    for bad, error in [
        ({"name": "g", "code": "x = 1\n1 / 0\ndef g(v):\n    return v\n"}, "(line 2)"),
        ({"name": "slugify", "code": SLUGIFY}, "defined in datasette.yaml"),
        ({"name": "h", "database": "nope", "code": "def h(v):\n    return v\n"}, "no database named 'nope'"),
    ]:
        result = (await page_ds.client.post(PAGE + "/save", json=bad, actor=ALICE)).json()
        assert result["ok"] is False and error in result["error"], result
    deleted = await page_ds.client.post(PAGE + "/delete", json={"name": "shout"}, actor=ALICE)
    assert deleted.json() == {"ok": True}
    gone = await page_ds.client.get("/data/-/query.json", params={"sql": "select shout('x')"})
    assert gone.status_code == 400


async def test_saved_functions_survive_a_restart(db_path, tmp_path):
    internal = tmp_path / "internal.db"
    config = {"permissions": {"micropython-functions": {"id": "alice"}}}
    first = Datasette([str(db_path)], config=config, internal=str(internal))
    await first.invoke_startup()
    body = {"name": "twice", "code": "def twice(x):\n    return x * 2\n"}
    assert (await first.client.post(PAGE + "/save", json=body, actor=ALICE)).json()["ok"] is True
    second = Datasette([str(db_path)], config=config, internal=str(internal))
    await second.invoke_startup()
    response = await second.client.get(
        "/data/-/query.json", params={"sql": "select twice(21) as v", "_shape": "objects"}
    )
    assert response.json()["rows"] == [{"v": 42}]
