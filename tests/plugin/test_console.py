"""The browser console's pages and JSON API (datasette_micropython/plugin/console.py), driven through a real
Datasette instance."""

from __future__ import annotations

import ast
import asyncio
import sqlite3
import sys
import time

import pytest
from datasette.app import Datasette
from datasette.utils import escape_sqlite

from datasette_micropython.plugin.console import starter_snippet

ALICE = {"id": "alice"}
BOB = {"id": "bob"}
RUN = "/demo/-/micropython/run"


def make_datasette(*paths, databases=None, permissions=None, **settings):
    config = {"plugins": {"datasette-agent-micropython": settings}, "databases": databases or {}}
    if permissions:
        config["permissions"] = permissions
    return Datasette([str(path) for path in paths], config=config)


def has_sessions(ds):
    """Whether any console session (signed-in or anonymous) was ever created."""
    return any(hasattr(ds, f"_micropython_console_{kind}") for kind in ("actor", "browser"))


async def run(ds, code, actor=ALICE, **kwargs):
    response = await ds.client.post(RUN, json={"code": code}, actor=actor, **kwargs)
    assert response.status_code == 200, response.text
    return response.json()


async def test_run_returns_output_and_keeps_state_between_runs(demo_db):
    ds = make_datasette(demo_db)
    first = await run(ds, 'x = 21\nprint("hello")\nimport sys\nprint("careful", file=sys.stderr)')
    assert (first["ok"], first["stdout"], first["stderr"], first["value"]) == (
        True,
        "hello\n",
        "careful\n",
        None,
    )
    assert first["new_session"] is True
    assert first["error"] is None and first["tables"] == [] and first["truncated"] is False
    assert 0 <= first["duration"] < 5
    second = await run(ds, "x * 2")
    assert (second["value"], second["new_session"]) == ("42", False)


async def test_each_actor_and_database_has_its_own_session(demo_db, tmp_path):
    other = tmp_path / "other.db"
    sqlite3.connect(other).close()
    ds = make_datasette(demo_db, other)
    await run(ds, "x = 'alice on demo'")
    assert (await run(ds, "x"))["value"] == "'alice on demo'"
    assert (await run(ds, "x", actor=BOB))["error"] == "NameError: name 'x' is not defined"
    response = await ds.client.post("/other/-/micropython/run", json={"code": "x"}, actor=ALICE)
    assert response.json()["error"] == "NameError: name 'x' is not defined"


async def test_anonymous_sessions_follow_a_signed_cookie(demo_db):
    ds = make_datasette(demo_db)
    response = await ds.client.post(RUN, json={"code": "y = 7"})
    cookie = response.cookies["ds_micropython"]
    assert ds.unsign(cookie, "ds_micropython")
    assert (await run(ds, "y", actor=None, cookies={"ds_micropython": cookie}))["value"] == "7"
    # No cookie, or one not signed by this Datasette: a fresh session.
    assert (await run(ds, "y", actor=None))["error"].startswith("NameError")
    forged = await run(ds, "y", actor=None, cookies={"ds_micropython": "forged"})
    assert forged["error"].startswith("NameError")


async def test_anonymous_requests_never_push_out_signed_in_sessions(demo_db):
    # Saved sessions off, so that a pushed-out session shows as gone (test_snapshot_sessions.py has them on).
    ds = make_datasette(demo_db, max_sessions=2, snapshots={"enabled": False})
    await run(ds, "x = 'alice'")
    await run(ds, "x = 'bob'", actor=BOB)
    for i in range(5):  # each cookie-less request is a new anonymous session
        assert (await run(ds, f"x = {i}\nx", actor=None))["value"] == str(i)
    assert (await run(ds, "x"))["value"] == "'alice'"
    assert (await run(ds, "x", actor=BOB))["value"] == "'bob'"
    # Among themselves, anonymous sessions are capped like any pool: the oldest went first.
    carol = {"id": "carol"}
    await run(ds, "x = 'carol'", actor=carol)
    assert (await run(ds, "x"))["error"].startswith("NameError")


async def test_console_page_sets_the_session_cookie_for_anonymous_visitors(demo_db):
    ds = make_datasette(demo_db)
    response = await ds.client.get("/demo/-/micropython")
    assert response.status_code == 200
    assert "ds_micropython" in response.cookies
    signed_in = await ds.client.get("/demo/-/micropython", actor=ALICE)
    assert "ds_micropython" not in signed_in.cookies


async def test_show_and_a_trailing_list_of_dicts_become_tables(demo_db):
    ds = make_datasette(demo_db)
    output = await run(
        ds, 'show([{"b": 1, "a": None}], ["a", "b"])\nshow([{"z": b"\\x00"}, {"y": [1, 2]}])\n[{"n": 1}]'
    )
    assert output["tables"] == [
        {
            "source": "show",
            "columns": ["a", "b"],
            "rows": [[None, 1]],
            "total": 1,
            "truncated": False,
            "chart": None,
        },
        # Columns in first-seen order; cells that are not plain scalars arrive as their repr.
        {
            "source": "show",
            "columns": ["z", "y"],
            "rows": [["b'\\x00'", None], [None, "[1, 2]"]],
            "total": 2,
            "truncated": False,
            "chart": None,
        },
        {"source": "value", "columns": ["n"], "rows": [[1]], "total": 1, "truncated": False, "chart": None},
    ]
    assert output["value"] == "[{'n': 1}]"


async def test_query_results_render_as_tables(demo_db):
    ds = make_datasette(demo_db)
    output = await run(
        ds,
        "import datasette\n"
        'rows = datasette.query("select name, population, id from cities order by id")\n'
        "show(rows)\n"
        "rows",
    )
    # Both keep the query's column order (MicroPython's dicts do not; `rows.columns` does).
    expected = {
        "columns": ["name", "population", "id"],
        "rows": [["Tokyo", 13960000, 1], ["Lagos", 15390000, 2]],
        "total": 2,
        "truncated": False,
        "chart": None,
    }
    assert output["tables"] == [{"source": "show", **expected}, {"source": "value", **expected}]


async def test_long_tables_are_cut_and_flagged(demo_db):
    ds = make_datasette(demo_db)
    output = await run(ds, "rows = [{'i': i} for i in range(1500)]\nshow(rows)\nrows")
    assert [len(table["rows"]) for table in output["tables"]] == [1000, 1000]
    # The page says how many there were: "showing the first 1,000 of 1,500 rows".
    assert [table["total"] for table in output["tables"]] == [1500, 1500]
    assert all(table["truncated"] for table in output["tables"])


async def test_values_that_are_not_rows_are_shown_as_repr(demo_db):
    ds = make_datasette(demo_db)
    assert (await run(ds, "[1, 2]"))["value"] == "[1, 2]"
    assert (await run(ds, "[]"))["tables"] == []
    assert (await run(ds, "None"))["value"] is None
    assert (await run(ds, "'<b>'"))["value"] == "'<b>'"


@pytest.mark.parametrize("rows", ["[1, 2]", "5"])
async def test_show_rejects_what_is_not_a_list_of_dicts_at_the_callers_line(demo_db, rows):
    ds = make_datasette(demo_db)
    output = await run(ds, f"x = 1\n\nshow({rows})")
    assert output["ok"] is False
    assert output["error"].startswith("TypeError:")
    assert output["line"] == 3


async def test_errors_carry_the_traceback_and_the_failing_line(demo_db):
    ds = make_datasette(demo_db)
    output = await run(ds, 'print("before")\n\ndef f():\n    return 1 / 0\n\nf()\n')
    assert output["ok"] is False
    assert output["stdout"] == "before\n"
    assert output["error"] == "ZeroDivisionError: division by zero"
    assert output["line"] == 4
    assert "ZeroDivisionError" in output["traceback"] and "line 4" in output["traceback"]
    syntax = await run(ds, "x = 1\nif x\n    pass\n")
    assert syntax["error"].startswith("SyntaxError") and syntax["line"] == 2


async def test_a_value_from_a_failed_run_does_not_reappear(demo_db):
    ds = make_datasette(demo_db)
    assert (await run(ds, "'stale'; 1 / 0"))["ok"] is False
    assert (await run(ds, "z = 1"))["value"] is None


async def test_replacing_the_helpers_keeps_values_working(demo_db):
    ds = make_datasette(demo_db)
    await run(ds, "del __console_take__")
    assert (await run(ds, "1 + 1"))["value"] == "2"
    assert (await run(ds, "[{'a': 1}]"))["tables"][0]["rows"] == [[1]]


async def test_limits_from_plugin_config(demo_db):
    ds = make_datasette(demo_db, time_limit=0.3, output_limit="1k")
    looping = await run(ds, "print('start')\nwhile True:\n    pass")
    assert looping["ok"] is False and looping["error"].startswith(
        "stopped: the time limit of 0.3 s was reached"
    )
    assert looping["stdout"] == "start\n"
    chatty = await run(ds, "print('x' * 5000)")
    assert chatty["truncated"] is True and len(chatty["stdout"]) <= 1024


async def test_reset_discards_the_session(demo_db):
    ds = make_datasette(demo_db)
    await run(ds, "kept = 1")
    response = await ds.client.post("/demo/-/micropython/reset", json={}, actor=ALICE)
    assert response.status_code == 200 and response.json() == {"ok": True}
    after = await run(ds, "kept")
    assert after["new_session"] is True and after["error"].startswith("NameError")


@pytest.mark.parametrize(
    "body, message",
    [
        (b"not json", 'Expected a JSON object such as {"code": "print(1)"}'),
        (b"[1, 2]", 'Expected a JSON object such as {"code": "print(1)"}'),
        (b"{}", '"code" must be a string of Python code'),
        (b'{"code": 5}', '"code" must be a string of Python code'),
        (b'{"code": ["print(1)"]}', '"code" must be a string of Python code'),
    ],
)
async def test_bad_requests_get_a_400_json_error(demo_db, body, message):
    ds = make_datasette(demo_db)
    response = await ds.client.post(
        RUN, content=body, headers={"content-type": "application/json"}, actor=ALICE
    )
    assert response.status_code == 400
    assert response.json()["error"] == message


async def test_api_is_post_only(demo_db):
    ds = make_datasette(demo_db)
    assert (await ds.client.get(RUN)).status_code == 405
    assert (await ds.client.post("/missing/-/micropython/run", json={"code": "1"})).status_code == 404


async def test_over_long_code_is_refused_before_it_reaches_a_sandbox(demo_db):
    ds = make_datasette(demo_db, max_code_bytes=100)
    too_long = await ds.client.post(RUN, json={"code": "#" * 101}, actor=ALICE)
    assert too_long.status_code == 413
    assert too_long.json()["error"] == "Code longer than max_code_bytes (100 bytes)"
    # Multi-byte characters count as bytes.
    assert (await ds.client.post(RUN, json={"code": "é" * 51}, actor=ALICE)).status_code == 413
    # A body far over the limit is refused on its declared length, before it is read.
    huge = await ds.client.post(
        RUN, content=b"x" * 10_000, headers={"content-type": "application/json"}, actor=ALICE
    )
    assert huge.status_code == 413
    assert not has_sessions(ds)
    assert (await ds.client.post(RUN, json={"code": "#" * 100}, actor=ALICE)).status_code == 200
    assert has_sessions(ds)


async def test_cross_site_posts_are_refused(demo_db):
    ds = make_datasette(demo_db)
    cross_site = await ds.client.post(
        RUN,
        json={"code": "1"},
        headers={"sec-fetch-site": "cross-site", "origin": "https://elsewhere.example"},
    )
    assert cross_site.status_code == 403
    assert not has_sessions(ds)
    same_origin = await ds.client.post(RUN, json={"code": "1"}, headers={"sec-fetch-site": "same-origin"})
    assert same_origin.status_code == 200


async def test_permission_is_granted_wherever_execute_sql_is(demo_db):
    ds = make_datasette(demo_db)
    assert (await run(ds, "1", actor=None))["value"] == "1"
    # Only alice may run SQL: only alice may run Python.
    ds = make_datasette(demo_db, databases={"demo": {"permissions": {"execute-sql": {"id": "alice"}}}})
    assert (await ds.client.post(RUN, json={"code": "1"}, actor=BOB)).status_code == 403
    assert (await ds.client.post(RUN, json={"code": "1"}, actor=ALICE)).status_code == 200


@pytest.mark.parametrize(
    "config",
    [
        {"databases": {"demo": {"permissions": {"execute-micropython": {"id": "alice"}}}}},
        {"permissions": {"execute-micropython": {"id": "alice"}}},
    ],
)
async def test_permission_is_configurable_in_datasette_yaml(demo_db, config):
    ds = make_datasette(demo_db, **config)
    for path in (RUN, "/demo/-/micropython/reset"):
        forbidden = await ds.client.post(path, json={"code": "1"}, actor=BOB)
        assert forbidden.status_code == 403
        assert forbidden.json()["error"] == "You may not run Python against this database"
    assert (await ds.client.get("/demo/-/micropython", actor=BOB)).status_code == 403
    assert (await ds.client.get("/-/micropython", actor=BOB)).status_code == 403
    assert (await ds.client.get("/demo/-/micropython", actor=ALICE)).status_code == 200
    assert (await run(ds, "1"))["value"] == "1"
    # Bob can still run SQL.
    assert (await ds.client.get("/demo/-/query.json?sql=select+1", actor=BOB)).status_code == 200


async def test_sessions_read_only_the_databases_the_actor_may_query(demo_db, tmp_path):
    secret = tmp_path / "secret.db"
    sqlite3.connect(secret).execute("create table keys (k)").connection.close()
    ds = make_datasette(
        demo_db, secret, databases={"secret": {"permissions": {"execute-sql": {"id": "alice"}}}}
    )
    code = "import datasette\nsorted(datasette.databases())"
    assert (await run(ds, code, actor=BOB))["value"] == "['demo']"
    assert (await run(ds, code, actor=ALICE))["value"] == "['demo', 'secret']"
    # The console's own database is the default one.
    assert (await run(ds, "datasette.tables()", actor=ALICE))["value"] == "['cities']"
    refused = await run(ds, "datasette.query('select * from keys', database='secret')", actor=BOB)
    assert refused["ok"] is False and "secret" in refused["error"]


async def test_writes_are_refused(demo_db):
    ds = make_datasette(demo_db)
    output = await run(ds, "import datasette\ndatasette.query('delete from cities')")
    assert output["ok"] is False and "read-only" in output["error"]
    assert (await run(ds, "len(datasette.query('select * from cities'))"))["value"] == "2"


async def test_pages_and_action_menus_link_to_the_console(demo_db):
    ds = make_datasette(demo_db)
    index = await ds.client.get("/-/micropython")
    assert index.status_code == 200 and 'href="/demo/-/micropython"' in index.text
    database_page = (await ds.client.get("/demo")).text
    assert (
        'href="/demo/-/micropython"' in database_page and "Run Python against this database" in database_page
    )
    table_page = (await ds.client.get("/demo/cities")).text
    assert (
        'href="/demo/-/micropython?table=cities"' in table_page
        and "Run Python against this table" in table_page
    )
    console = await ds.client.get("/demo/-/micropython?table=cities")
    assert console.status_code == 200
    assert "rows = datasette.query(&#39;select * from cities limit 100&#39;)" in console.text
    assert "/-/static-plugins/datasette-agent-micropython/micropython-editor.js" in console.text
    assert (await ds.client.get("/missing/-/micropython")).status_code == 404


async def test_action_menus_leave_out_the_console_for_actors_who_may_not_use_it(demo_db):
    ds = make_datasette(
        demo_db, databases={"demo": {"permissions": {"execute-micropython": {"id": "alice"}}}}
    )
    assert "Run Python against this table" not in (await ds.client.get("/demo/cities", actor=BOB)).text
    assert "Run Python against this table" in (await ds.client.get("/demo/cities", actor=ALICE)).text


async def test_static_files_are_served(demo_db):
    ds = make_datasette(demo_db)
    for name in (
        "micropython-editor.js",
        "micropython-output.js",
        "micropython-console.js",
        "micropython-console.css",
    ):
        response = await ds.client.get(f"/-/static-plugins/datasette-agent-micropython/{name}")
        assert response.status_code == 200, name
    editor = await ds.client.get("/-/static-plugins/datasette-agent-micropython/micropython-editor.js")
    assert "MicroPythonEditor" in editor.text


@pytest.mark.parametrize("table", ["cities", "it's", "a]b", "x\ny", 'say "hi"'])
def test_starter_snippet_queries_the_table_with_valid_python(table):
    tree = ast.parse(starter_snippet(table))
    calls = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "datasette.query"
    ]
    assert [ast.literal_eval(call.args[0]) for call in calls] == [
        f"select * from {escape_sqlite(table)} limit 100"
    ]


async def test_deeply_nested_json_body_is_a_400_not_a_500(demo_db):
    ds = make_datasette(demo_db)
    body = '{"code": ' + "[" * 100_000 + "]" * 100_000 + "}"
    response = await ds.client.post(
        RUN, content=body, actor=ALICE, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400


async def test_ints_of_any_size_reach_the_page(demo_db):
    # CPython's JSON encoder refuses ints over 4,300 digits: the response was a 500. (The guest has
    # CPython's limit on int/str conversion too: lifted here so that the trailing value has a repr.)
    ds = make_datasette(demo_db)
    code = "import sys\nsys.set_int_max_str_digits(0)\nbig = 7 ** 20000\nshow([{'n': big, 'small': 5}])\n[{'n': big}]"
    output = await run(ds, code)
    assert output["ok"] is True
    shown, value = output["tables"]
    digits = shown["rows"][0][0]
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        assert digits == str(7**20000)
    finally:
        sys.set_int_max_str_digits(limit)
    assert shown["rows"][0][1] == 5
    assert value["rows"][0][0] == digits
    # Past JavaScript's exact range, as digits too; inside it, numbers.
    output = await run(ds, "[{'a': 2**53, 'b': 2**53 + 1, 'c': -(2**60)}]")
    assert output["tables"][0]["rows"] == [[2**53, str(2**53 + 1), str(-(2**60))]]


@pytest.mark.parametrize(
    "replacement",
    [
        "def __console_take__(max_rows, max_repr):\n    return 5",
        "def __console_take__(max_rows, max_repr):\n    return ['x', 'not a bool', [1, 2], 'many', 7]",
        "__console_take__ = None",
        "def show(*a):\n    return __console_show__({'a': 1}, 5, 'x')",
    ],
)
async def test_a_replaced_helper_is_not_a_500(demo_db, replacement):
    ds = make_datasette(demo_db)
    first = await ds.client.post(RUN, json={"code": replacement + "\n[{'a': 1}]"}, actor=ALICE)
    assert first.status_code == 200
    second = await ds.client.post(RUN, json={"code": "show([{'a': 1}])\n[{'b': 2}]"}, actor=ALICE)
    assert second.status_code == 200
    assert second.json()["value"] is not None or second.json()["error"]


async def test_anonymous_sessions_are_few_short_lived_and_small_by_default(demo_db):
    ds = make_datasette(demo_db)
    limits = await run(ds, "import micropython\n1", actor=None)
    assert limits["ok"] is True
    from datasette_micropython.plugin.config import plugin_config

    config = plugin_config(ds)
    assert config.anonymous.max_sessions == 10 and config.anonymous.idle_timeout == 300
    assert config.anonymous.limits.memory_limit == 16 * 2**20 and config.limits.memory_limit == 64 * 2**20
    # An anonymous browser's sandbox really runs under the smaller memory limit...
    output = await run(ds, "x = bytearray(24 * 2**20)", actor=None)
    assert output["ok"] is False and "MemoryError" in output["error"]
    assert (await run(ds, "x = bytearray(24 * 2**20)\nlen(x)"))["value"] == str(24 * 2**20)
    # ...and at most `anonymous.max_sessions` of them stay alive (twelve cookie-less requests).
    for _ in range(12):
        await run(ds, "1", actor=None)
    assert len(ds._micropython_console_browser) == 10


async def test_anonymous_settings_are_configurable(demo_db):
    ds = make_datasette(
        demo_db, anonymous={"max_sessions": 2, "idle_timeout": 5, "memory_limit": "8M", "concurrent_runs": 1}
    )
    for _ in range(4):
        await run(ds, "1", actor=None)
    assert len(ds._micropython_console_browser) == 2
    output = await run(ds, "x = bytearray(12 * 2**20)", actor=None)
    assert "MemoryError" in output["error"]


async def until_running(ds, count):
    from datasette_micropython.plugin.runs import run_pool

    for _ in range(500):
        if run_pool(ds).running() >= count:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"{count} runs never started")


async def test_runs_over_the_anonymous_cap_get_a_429_with_retry_after_and_do_not_slow_actors(demo_db):
    # Eight anonymous loops used to share the loop's default executor with everyone: a signed-in 1 + 1
    # took 2.5 s. Now anonymous runs have a small shared cap, and the rest are refused at once.
    ds = make_datasette(demo_db, time_limit=5)
    busy = [asyncio.create_task(ds.client.post(RUN, json={"code": "while True: pass"})) for _ in range(8)]
    await until_running(ds, 2)
    await asyncio.sleep(0.2)  # the other six have been refused
    start = time.monotonic()
    mine = await run(ds, "1 + 1")
    # Before, the default executor's threads were all taken by the loops: this waited for one to end
    # (5 s). On an idle machine it takes milliseconds; the bound leaves room for a loaded one.
    assert mine["value"] == "2" and time.monotonic() - start < 2
    responses = await asyncio.gather(*busy)
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200, 200] + [429] * 6
    refused = next(r for r in responses if r.status_code == 429)
    assert refused.headers["retry-after"] == "5" and "Too many runs" in refused.json()["error"]


async def test_one_actor_may_not_hold_every_run_thread(demo_db):
    ds = make_datasette(demo_db, time_limit=1, runs_per_actor=1)
    first = asyncio.create_task(ds.client.post(RUN, json={"code": "while True: pass"}, actor=ALICE))
    await until_running(ds, 1)
    second = await ds.client.post(RUN, json={"code": "1"}, actor=ALICE)
    assert second.status_code == 429
    assert (await run(ds, "1", actor=BOB))["value"] == "1"
    assert (await first).status_code == 200
