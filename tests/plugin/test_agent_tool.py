"""The `execute_micropython` agent tool, driven through Datasette Agent's HTTP stream with the `echo`
model: a message of `{"tool_calls": [...]}` makes echo call the tools it names."""

import asyncio
import json
import re
import sqlite3
import sys
import time
from pathlib import Path

import pytest
from datasette.app import Datasette

from datasette_micropython import GuestError
from datasette_micropython.plugin.config import ConfigError

ALICE = {"id": "alice"}


def make_datasette(files=(), databases=None, **settings):
    return Datasette(
        [str(f) for f in files],
        config={
            "permissions": {"datasette-agent": {"id": "alice"}},
            "databases": databases or {},
            "plugins": {"datasette-llm": {"default_model": "echo"}, "datasette-agent-micropython": settings},
        },
    )


async def start_conversation(ds):
    response = await ds.client.post("/-/agent/api/conversations", json={}, actor=ALICE)
    assert response.status_code == 200
    return response.json()["conversation_id"]


async def run_python(ds, conversation_id, python, **arguments):
    """One turn in which the model calls the tool once; returns the tool's output as a dict."""
    message = json.dumps(
        {"tool_calls": [{"name": "execute_micropython", "arguments": {"python": python, **arguments}}]}
    )
    response = await ds.client.post(
        f"/-/agent/{conversation_id}/stream", json={"message": message}, actor=ALICE
    )
    assert response.status_code == 200
    events = [
        (block.split("\n", 1)[0].removeprefix("event: "), json.loads(block.split("\ndata: ", 1)[1]))
        for block in response.text.strip().split("\n\n")
    ]
    [output] = [data["output"] for name, data in events if name == "tool_result"]
    assert output.startswith("{"), output
    return json.loads(output)


async def test_state_persists_across_calls_of_one_conversation():
    ds = make_datasette()
    conversation = await start_conversation(ds)
    first = await run_python(ds, conversation, "x = 1\nprint('set')")
    assert first["ok"] is True
    assert first["stdout"] == "set\n"
    assert first["value"] is None
    assert "session_restarted" not in first
    await run_python(ds, conversation, "x += 1")
    third = await run_python(ds, conversation, "x * 10")
    assert third["value"] == "20"
    assert set(third) == {
        "ok",
        "stdout",
        "stderr",
        "value",
        "stdout_truncated",
        "stderr_truncated",
        "duration",
    }


async def test_conversations_do_not_share_state():
    ds = make_datasette()
    first, second = await start_conversation(ds), await start_conversation(ds)
    await run_python(ds, first, "secret = 42")
    result = await run_python(ds, second, "secret")
    assert result["ok"] is False
    assert result["error"]["type"] == "NameError"
    assert "secret" in result["error"]["message"]
    assert (await run_python(ds, first, "secret"))["value"] == "42"


async def test_reset_context_starts_fresh():
    ds = make_datasette()
    conversation = await start_conversation(ds)
    await run_python(ds, conversation, "x = 1")
    result = await run_python(ds, conversation, "'x' in globals()", reset_context=True)
    assert result["value"] == "False"
    assert "session_restarted" not in result


async def test_evicted_conversation_is_told_its_sandbox_restarted():
    # Without saved sessions (with them, an evicted conversation is restored: test_snapshot_sessions.py).
    ds = make_datasette(max_sessions=1, snapshots={"enabled": False})
    first, second = await start_conversation(ds), await start_conversation(ds)
    await run_python(ds, first, "x = 1")
    await run_python(ds, second, "y = 2")
    result = await run_python(ds, first, "'x' in globals()")
    assert result["value"] == "False"
    assert "restarted" in result["session_restarted"]


@pytest.fixture
def databases(tmp_path):
    for name in ("open", "secret"):
        conn = sqlite3.connect(tmp_path / f"{name}.db")
        conn.execute("create table things (name text)")
        conn.executemany("insert into things values (?)", [(f"{name}-1",), (f"{name}-2",)])
        conn.commit()
        conn.close()
    return [tmp_path / "open.db", tmp_path / "secret.db"]


async def test_sql_reaches_exactly_the_databases_the_actor_may_query(databases):
    ds = make_datasette(databases, databases={"secret": {"permissions": {"execute-sql": {"id": "nobody"}}}})
    memory = ds.add_memory_database("agent_tool_scratch", name="scratch")
    await memory.execute_write("create table if not exists notes (body text)")
    await memory.execute_write("insert into notes values ('in memory')")
    conversation = await start_conversation(ds)

    result = await run_python(ds, conversation, "import datasette\nsorted(datasette.databases())")
    assert result["value"] == "['open', 'scratch']"
    result = await run_python(
        ds,
        conversation,
        "[row['name'] for row in datasette.query('select name from things order by name', database='open')]",
    )
    assert result["value"] == "['open-1', 'open-2']"
    result = await run_python(
        ds, conversation, "datasette.query('select body from notes', database='scratch')[0]['body']"
    )
    assert result["value"] == "'in memory'"

    refused = await run_python(
        ds, conversation, "datasette.query('select name from things', database='secret')"
    )
    assert refused["ok"] is False
    assert "secret-1" not in json.dumps(refused)
    assert "open" in refused["error"]["message"]
    write = await run_python(
        ds, conversation, "datasette.query(\"insert into notes values ('x')\", database='scratch')"
    )
    assert write["ok"] is False
    assert (await memory.execute("select count(*) from notes")).single_value() == 1


async def test_infinite_loop_times_out_and_the_conversation_goes_on():
    ds = make_datasette(time_limit=0.5)
    conversation = await start_conversation(ds)
    await run_python(ds, conversation, "kept = 'still here'")
    start = time.monotonic()
    result = await run_python(ds, conversation, "while True:\n    pass")
    assert time.monotonic() - start < 2.0
    assert result["ok"] is False
    assert result["error"]["type"] == "SandboxTimeout"
    assert "time limit" in result["error"]["message"]
    assert result["error"]["traceback"].startswith("Traceback")
    assert 0.5 <= result["duration"] < 2.0
    after = await run_python(ds, conversation, "kept")
    assert after["value"] == "'still here'"


async def test_a_hard_timeout_restarts_the_sandbox_and_says_so():
    ds = make_datasette(time_limit=0.2)
    conversation = await start_conversation(ds)
    await run_python(ds, conversation, "kept = 1")
    # Code that swallows the soft interrupt is stopped outright after hard_grace.
    code = "while True:\n    try:\n        while True: pass\n    except KeyboardInterrupt:\n        pass"
    result = await run_python(ds, conversation, code)
    assert result["error"]["type"] == "SandboxTimeout"
    assert "restarted" in result["session_restarted"]
    after = await run_python(ds, conversation, "'kept' in globals()")
    assert after["value"] == "False"
    assert "session_restarted" not in after


async def test_show_result_escapes_sandbox_output_in_html():
    ds = make_datasette()
    conversation = await start_conversation(ds)
    code = "print('<script>alert(1)</script>')\nimport sys\nprint('<img src=x onerror=alert(2)>', file=sys.stderr)\n'<b>'"
    result = await run_python(ds, conversation, code, show_result=True)
    html = result["_html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "&#39;&lt;b&gt;&#39;" in html
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    failed = await run_python(
        ds, conversation, "raise ValueError('</pre><script>x()</script>')", show_result=True
    )
    assert "ValueError: &lt;/pre&gt;&lt;script&gt;x()&lt;/script&gt;" in failed["_html"]
    assert "<script" not in failed["_html"]
    assert "_html" not in await run_python(ds, conversation, "1")


async def test_memory_bomb_does_not_disturb_a_concurrent_conversation():
    ds = make_datasette(memory_limit="16M")
    bomber, neighbour = await start_conversation(ds), await start_conversation(ds)
    await run_python(ds, neighbour, "total = 0")
    bomb, work = await asyncio.gather(
        run_python(ds, bomber, "hoard = []\nwhile True:\n    hoard.append('x' * 100000)"),
        run_python(ds, neighbour, "for i in range(200000):\n    total += i\ntotal"),
    )
    assert bomb["ok"] is False
    assert bomb["error"]["type"] == "SandboxMemoryError"
    assert work["ok"] is True
    assert work["value"] == str(sum(range(200000)))
    assert (await run_python(ds, bomber, "del hoard\n1 + 1"))["value"] == "2"


async def test_calls_outside_a_conversation_share_nothing():
    from datasette_agent.tools import execute_agent_tool, get_agent_tools

    ds = make_datasette()
    await ds.invoke_startup()
    [tool] = [tool for tool in await get_agent_tools(ds) if tool.name == "execute_micropython"]
    first = await execute_agent_tool(tool, ds, ALICE, arguments={"python": "x = 1"}, conversation_id=None)
    assert json.loads(first)["ok"] is True
    second = await execute_agent_tool(tool, ds, ALICE, arguments={"python": "x"}, conversation_id=None)
    assert json.loads(second)["error"]["type"] == "NameError"


async def test_description_follows_the_network_setting():
    from datasette_micropython.plugin.agent_tool import register_agent_tools

    [tool] = register_agent_tools(make_datasette())
    assert tool.name == "execute_micropython"
    assert "There is no network access." in tool.description
    [tool] = register_agent_tools(make_datasette(network={"allow": ["https://api.example.com/v1/"]}))
    assert "fetch(url" in tool.description and "https://api.example.com/v1/" in tool.description


DOCS = Path(__file__).parent.parent.parent / "docs" / "cpython-differences.md"


def test_description_matches_the_guest_and_the_differences_document():
    # The description once told the model that datetime, itertools, functools, csv and statistics were
    # missing long after they shipped. Now the module list comes from the guest, and what it says is
    # absent or different must match docs/cpython-differences.md and the guest itself.
    from datasette_micropython import Sandbox
    from datasette_micropython.plugin.agent_tool import ABSENT_MODULES, DIFFERENCES, describe, guest_modules
    from datasette_micropython.plugin.config import PluginConfig

    text = DOCS.read_text()
    present_paragraph = text.split("\nPresent: ", 1)[1].split("\n\n", 1)[0]
    absent_paragraph = text.split("\nAbsent: ", 1)[1].split("\n\n", 1)[0]
    # The description lists CPython's modules (the model writes CPython code); `deflate` is MicroPython's.
    documented_present = {
        name
        for name in re.findall(r"`([\w.]+)`", present_paragraph)
        if name in sys.stdlib_module_names and not name.startswith("_")
    }
    documented_absent = set(re.findall(r"`([\w.]+)`", absent_paragraph)) - {"ImportError"}
    assert set(ABSENT_MODULES) == documented_absent

    modules = guest_modules()
    described = describe(PluginConfig.parse(None))
    for name in ("datetime", "itertools", "functools", "csv", "statistics", "json", "re"):
        assert name in modules and name in described
    with Sandbox() as sandbox:
        for name in documented_present:
            assert name in modules, name
            sandbox.run(f"import {name}")
        for name in modules:
            sandbox.run(f"import {name}")
        for name in ABSENT_MODULES:
            assert name not in modules
            with pytest.raises(GuestError, match="ModuleNotFoundError"):
                sandbox.run(f"import {name}")
    assert "title() are missing" not in described
    assert "ExceptionGroup and except* are missing" not in described
    # Each difference named for the model is one the document lists.
    for difference, evidence in zip(
        DIFFERENCES,
        [
            "the time zone is always UTC",
        ],
        strict=True,
    ):
        assert evidence in text, difference


@pytest.mark.parametrize(
    "settings, setting",
    [
        ({"time_limit": "fast"}, "time_limit"),
        ({"memory_limit": "lots"}, "memory_limit"),
        ({"max_sessions": 0}, "max_sessions"),
        ({"idle_timeout": -1}, "idle_timeout"),
        ({"network": {"allow": "https://example.com/"}}, "network"),
    ],
)
async def test_bad_setting_stops_startup_naming_it(settings, setting):
    ds = make_datasette(**settings)
    with pytest.raises(ConfigError, match=setting):
        await ds.invoke_startup()


async def test_readable_databases_hands_the_engine_files_and_datasette_queries(databases):
    from datasette_micropython.plugin.databases import readable_databases

    ds = make_datasette(databases, databases={"secret": {"permissions": {"execute-sql": {"id": "nobody"}}}})
    await ds.invoke_startup()
    memory = ds.add_memory_database("agent_tool_readable", name="scratch")
    await memory.execute_write("create table if not exists notes (body text)")
    await memory.execute_write("insert into notes values ('a'), ('b'), ('c')")
    readable = await readable_databases(ds, ALICE)
    assert sorted(readable) == ["open", "scratch"]
    assert readable["open"] == {"path": str(databases[0]), "immutable": False}
    query = readable["scratch"]
    assert await query("select body from notes order by body", None, 2, 2**20) == (
        ["body"],
        [["a"], ["b"]],
        True,
    )
    assert await query("select body from notes where body = ?", ["c"], 10, 2**20) == (
        ["body"],
        [["c"]],
        False,
    )
    assert await query("select name from pragma_table_info('notes')", None, 10, 2**20) == (
        ["name"],
        [["body"]],
        False,
    )
    for write in (
        "delete from notes",
        "with doomed as (select 1) insert into notes select * from doomed",
        f"attach database '{databases[1]}' as secret",
        "pragma query_only = 0",
        "update sqlite_master set sql = ''",
    ):
        with pytest.raises((PermissionError, ValueError), match="read-only|may not be modified"):
            await query(write, None, 10, 2**20)
    assert (await memory.execute("select count(*) from notes")).single_value() == 3
    with pytest.raises(ValueError, match="no such table"):
        await query("select * from missing", None, 10, 2**20)


async def test_every_text_the_tool_returns_is_capped_and_flagged():
    # A 5 MB trailing value or exception message reached the model whole (output_limit applies only to
    # stdout and stderr).
    ds = make_datasette(tool_text_limit=1000)
    conversation = await start_conversation(ds)
    value = await run_python(ds, conversation, "'v' * 5_000_000")
    assert value["value_truncated"] is True and len(value["value"]) < 1100
    assert value["value"].endswith("more characters]")
    message = await run_python(ds, conversation, "raise ValueError('m' * 5_000_000)")
    assert message["error"]["truncated"] is True
    assert len(message["error"]["message"]) < 1100 and len(message["error"]["traceback"]) < 1100
    printed = await run_python(ds, conversation, "print('p' * 50_000)")
    assert printed["stdout_truncated"] is True and len(printed["stdout"]) < 1100
    short = await run_python(ds, conversation, "'ok'")
    assert short["value"] == "'ok'" and "value_truncated" not in short


async def test_another_actor_with_the_same_conversation_id_gets_its_own_sandbox():
    from datasette_agent.tools import execute_agent_tool, get_agent_tools

    ds = make_datasette()
    await ds.invoke_startup()
    [tool] = [tool for tool in await get_agent_tools(ds) if tool.name == "execute_micropython"]
    await execute_agent_tool(tool, ds, ALICE, arguments={"python": "secret = 42"}, conversation_id="c1")
    mine = await execute_agent_tool(tool, ds, ALICE, arguments={"python": "secret"}, conversation_id="c1")
    assert json.loads(mine)["value"] == "42"
    theirs = await execute_agent_tool(
        tool, ds, {"id": "mallory"}, arguments={"python": "secret"}, conversation_id="c1"
    )
    assert json.loads(theirs)["error"]["type"] == "NameError"


async def test_show_result_gives_rows_as_markdown_to_the_model_and_a_table_to_the_person(tmp_path):
    path = tmp_path / "towns.db"
    db = sqlite3.connect(path)
    db.execute("create table towns (id integer primary key, name text, note text, population integer)")
    db.executemany(
        "insert into towns values (?, ?, ?, ?)",
        [(i, f"Town {i}", "a|b\nc <b>" if i == 1 else None, i * 1000) for i in range(1, 301)],
    )
    db.commit()
    db.close()
    ds = make_datasette([path])
    conversation = await start_conversation(ds)
    code = (
        "import datasette\n"
        "rows = datasette.query('select name, population, note from towns order by id')\n"
        "total = sum(row['population'] for row in rows)\n"
        "print('total', total)\n"
        "rows"
    )
    result = await run_python(ds, conversation, code, show_result=True)
    assert result["ok"] is True and result["stdout"] == "total 45150000\n"
    assert result["value_format"] == "markdown table" and result["row_count"] == 300
    lines = result["value"].split("\n")
    # The query's column order, a cell's | and newline escaped, 50 rows and how many there were.
    assert lines[:4] == [
        "| name | population | note |",
        "|---|---|---|",
        "| Town 1 | 1000 | a\\|b<br>c <b> |",
        "| Town 2 | 2000 |  |",
    ]
    assert lines[51] == "| Town 50 | 50000 |  |" and lines[-1] == "(50 of 300 rows shown)"
    html = result["_html"]
    assert "<th>name</th><th>population</th><th>note</th>" in html
    assert "<tr><td>Town 1</td><td>1000</td><td>a|b\nc &lt;b&gt;</td></tr>" in html
    assert html.count("<tr>") == 201 and "200 of 300 rows" in html
    # The helpers are gone again: the next call's trailing value is the engine's own repr, and the
    # session's names are the snippet's.
    after = await run_python(
        ds, conversation, "[name for name in globals() if name.startswith('__')], len(rows)"
    )
    assert after["value"] == "(['__name__'], 300)"
    assert "value_format" not in after


async def test_show_result_of_other_values_and_errors_keeps_the_repr():
    ds = make_datasette()
    conversation = await start_conversation(ds)
    plain = await run_python(ds, conversation, "[{'a': 1}, 2]", show_result=True)
    assert plain["value"] == "[{'a': 1}, 2]" and "value_format" not in plain
    assert "<table" not in plain["_html"] and "[{&#39;a&#39;: 1}, 2]" in plain["_html"]
    failed = await run_python(ds, conversation, "x = [{'a': 1}]\n1 / 0", show_result=True)
    assert failed["ok"] is False and failed["error"]["type"] == "ZeroDivisionError"
    empty = await run_python(ds, conversation, "x = 1", show_result=True)
    assert empty["value"] is None
    assert (await run_python(ds, conversation, "x"))["value"] == "1"
