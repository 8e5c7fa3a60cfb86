"""The console's Stop and Reset during a run, charts, completions and permalinks, through its JSON API
(the browser side is in test_console_browser.py)."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from pathlib import Path

import markupsafe
import pytest

from datasette_micropython.plugin.console import importable_modules

from .test_console import ALICE, BOB, make_datasette, run

STOP = "/demo/-/micropython/stop"
RESET = "/demo/-/micropython/reset"
COMPLETE = "/demo/-/micropython/complete"


LOOP = """\
seen = 0
def crunch():
    global seen
    while True:
        seen += 1
crunch()
"""


async def started(ds, code, actor=ALICE):
    """Starts a run of `code` and returns its task once the guest is busy with it."""
    task = asyncio.create_task(run(ds, code, actor=actor))
    for _ in range(200):
        await asyncio.sleep(0.02)
        if getattr(ds, "_micropython_console_running", None):
            await asyncio.sleep(0.1)
            return task
    raise AssertionError("the run did not start")


async def test_stop_interrupts_a_run_at_once_and_keeps_the_session(demo_db):
    ds = make_datasette(demo_db, time_limit=20)
    await run(ds, "kept = 'still here'")
    task = await started(ds, LOOP)
    start = time.monotonic()
    response = await ds.client.post(STOP, json={}, actor=ALICE)
    assert response.json() == {"ok": True, "stopped": True}
    output = await task
    assert time.monotonic() - start < 2
    assert output["ok"] is False and output["line"] in (4, 5)
    assert output["error"] == f"stopped: the run was cancelled (Stop) (line {output['line']})"
    assert output["traceback"].splitlines()[-1] == "stopped: the run was cancelled (Stop)"
    assert "KeyboardInterrupt" not in output["traceback"]
    after = await run(ds, "kept, seen > 0")
    assert after["value"] == "('still here', True)" and after["new_session"] is False


async def test_stop_touches_only_ones_own_runs(demo_db):
    ds = make_datasette(demo_db, time_limit=1)
    task = await started(ds, LOOP)
    assert (await ds.client.post(STOP, json={}, actor=BOB)).json() == {"ok": True, "stopped": False}
    output = await task
    assert output["error"].startswith("stopped: the time limit of 1 s was reached (line ")
    # Nothing is running any more: nothing to stop, and the registry of runs is empty again.
    assert (await ds.client.post(STOP, json={}, actor=ALICE)).json() == {"ok": True, "stopped": False}
    assert ds._micropython_console_running == {}


async def test_reset_during_a_run_answers_at_once(demo_db):
    ds = make_datasette(demo_db, time_limit=20)
    task = await started(ds, LOOP)
    start = time.monotonic()
    assert (await ds.client.post(RESET, json={}, actor=ALICE)).json() == {"ok": True}
    assert time.monotonic() - start < 1
    output = await task
    assert output["error"].startswith("stopped: the session was closed")
    assert time.monotonic() - start < 2
    fresh = await run(ds, "seen")
    assert fresh["new_session"] is True and fresh["error"] == "NameError: name 'seen' is not defined"


async def test_stop_is_post_only_and_checks_permission(demo_db):
    ds = make_datasette(demo_db, permissions={"execute-micropython": {"id": "alice"}})
    assert (await ds.client.get(STOP, actor=ALICE)).status_code == 405
    assert (await ds.client.post(STOP, json={}, actor=BOB)).status_code == 403


CITIES = (
    "rows = [{'city': 'Tokyo', 'population': 13960000, 'founded': '1457-01-01'},\n"
    "        {'city': 'Lagos', 'population': 15390000, 'founded': '1472-06-30'},\n"
    "        {'city': 'Lima', 'population': None, 'founded': None}]\n"
)


@pytest.mark.parametrize(
    ("call", "chart"),
    [
        (
            "show(rows, chart='bar', x='city', y='population')",
            {"kind": "bar", "x": "city", "y": "population"},
        ),
        (
            "show(rows, chart='line', x='founded', y='population')",
            {"kind": "line", "x": "founded", "y": "population"},
        ),
        (
            "show(rows, chart='scatter', x='founded', y='population')",
            {"kind": "scatter", "x": "founded", "y": "population"},
        ),
        (
            "show(rows, chart='histogram', x='population')",
            {"kind": "histogram", "x": "population", "y": None},
        ),
        (
            "show(rows, ['population', 'city'], 'bar', 'city', 'population')",
            {"kind": "bar", "x": "city", "y": "population"},
        ),
        ("show([], chart='bar', x='city', y='population')", {"kind": "bar", "x": "city", "y": "population"}),
    ],
)
async def test_show_with_a_chart(demo_db, call, chart):
    ds = make_datasette(demo_db)
    output = await run(ds, CITIES + call)
    assert output["ok"] is True, output["traceback"]
    [table] = output["tables"]
    assert table["chart"] == chart


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (
            "show(rows, chart='pie', x='city', y='population')",
            "ValueError: show(): chart must be one of 'bar', 'line', 'scatter', 'histogram', not 'pie'",
        ),
        (
            "show(rows, chart='bar', y='population')",
            "TypeError: show(chart='bar') needs x=, the column for the x axis (columns: city, population, founded)",
        ),
        (
            "show(rows, chart='bar', x='city')",
            "TypeError: show(chart='bar') needs y=, the column of numbers (columns: city, population, founded)",
        ),
        (
            "show(rows, chart='bar', x='town', y='population')",
            "ValueError: show(): x='town' is not a column of these rows (columns: city, population, founded)",
        ),
        (
            "show(rows, chart='bar', x='city', y='city')",
            "ValueError: show(): a bar chart's y= needs numbers or dates, but column 'city' holds 'Tokyo'",
        ),
        (
            "show(rows, chart='histogram', x='city')",
            "ValueError: show(): a histogram's x= needs numbers or dates, but column 'city' holds 'Tokyo'",
        ),
        (
            "show(rows, chart='histogram', x='population', y='population')",
            "TypeError: show(chart='histogram') counts the rows in bins of x; it takes no y=",
        ),
        (
            "show(rows, x='city')",
            "TypeError: show(): x= and y= are for charts: add chart=, one of 'bar', 'line', 'scatter', 'histogram'",
        ),
        (
            "show(rows, chart='bar', x=1, y='population')",
            "TypeError: show(): x= must be a column name (a str), not int",
        ),
    ],
)
async def test_bad_chart_arguments_are_a_clear_error_at_the_show_call(demo_db, call, error):
    ds = make_datasette(demo_db)
    output = await run(ds, CITIES + "total = 1\n" + call + "\ntotal = 2")
    assert output["ok"] is False and output["error"] == error
    # Marked at the line of the show() call; the session goes on.
    assert output["line"] == 5
    assert (await run(ds, "total"))["value"] == "1"


async def complete(ds, path, actor=ALICE):
    response = await ds.client.post(COMPLETE, json={"path": path}, actor=actor)
    assert response.status_code == 200, response.text
    return response.json()["names"]


async def test_completions_list_the_sessions_names_without_running_its_code(demo_db):
    ds = make_datasette(demo_db)
    # No session yet: nothing to ask, and none is created for it.
    assert await complete(ds, None) is None
    assert len(ds._micropython_console_actor) == 0
    await run(
        ds,
        "import datasette, json, os\n"
        "datasette.codec = json\n"
        "from collections import OrderedDict\n"
        "calls = []\n"
        "class Probe:\n"
        "    @property\n"
        "    def loud(self):\n"
        "        calls.append('property')\n"
        "        return 1\n"
        "    def __getattr__(self, name):\n"
        "        calls.append(name)\n"
        "        return 2\n"
        "probe = Probe()\n"
        "population = {'Tokyo': 13960000}\n"
        "title = 'cities'\n",
    )
    names = await complete(ds, None)
    assert {
        "datasette",
        "os",
        "OrderedDict",
        "calls",
        "Probe",
        "probe",
        "population",
        "title",
        "show",
    } <= set(names)
    assert names == sorted(names) and not [name for name in names if name.startswith("__")]
    assert {"query", "tables", "columns"} <= set(await complete(ds, "datasette"))
    assert {"getcwd", "listdir"} <= set(await complete(ds, "os"))
    # Through modules only: datasette.codec is the json module.
    assert {"dumps", "loads"} <= set(await complete(ds, "datasette.codec"))
    assert await complete(ds, "datasette.codec.nothing") is None
    assert {"items", "keys", "get"} <= set(await complete(ds, "population"))
    assert "upper" in await complete(ds, "title")
    # Instances of the session's classes could run code when looked at: no names for them.
    assert await complete(ds, "probe") is None
    assert await complete(ds, "probe.loud") is None
    assert await complete(ds, "nothing_by_that_name") is None
    assert (await run(ds, "calls"))["value"] == "[]"
    # Another actor sees nothing of this session.
    assert await complete(ds, None, actor=BOB) is None


async def test_completions_never_wait_for_a_run(demo_db):
    ds = make_datasette(demo_db, time_limit=2)
    await run(ds, "x = 1")
    task = await started(ds, LOOP)
    start = time.monotonic()
    assert await complete(ds, None) is None
    assert time.monotonic() - start < 0.5
    await task
    assert "x" in await complete(ds, None)


@pytest.mark.parametrize("body", [{"path": "os; import sys"}, {"path": 3}, {"path": "a..b"}, []])
async def test_completions_refuse_anything_but_a_dotted_name(demo_db, body):
    ds = make_datasette(demo_db)
    response = await ds.client.post(COMPLETE, content=json.dumps(body), actor=ALICE)
    assert response.status_code == 400


async def test_the_page_lists_the_importable_modules_and_opens_permalinks(demo_db):
    ds = make_datasette(demo_db)
    modules = importable_modules()
    assert {"datasette", "json", "math", "collections", "re"} <= set(modules)
    # Absent from the sandbox, so never offered.
    assert not {"subprocess", "socket", "threading", "builtins"} & set(modules)
    code = (
        'rows = datasette.query("select * from cities where name < \'M\'")\nshow(rows, chart="bar")  # <b>&'
    )
    response = await ds.client.get("/demo/-/micropython", params={"code": code}, actor=ALICE)
    page = response.text
    assert f">{markupsafe.escape(code)}</textarea>" in page
    assert 'data-from-link="1"' in page
    assert markupsafe.escape(json.dumps(modules)) in page
    # Without ?code= (or ?table=), the browser's own last code is restored.
    assert 'data-from-link=""' in (await ds.client.get("/demo/-/micropython", actor=ALICE)).text


STATIC = Path(__file__).parent.parent.parent / "datasette_micropython" / "plugin" / "static"
FRONTEND = Path(__file__).parent.parent.parent / "frontend"


@pytest.mark.parametrize(
    ("bundle", "packages"),
    [
        ("micropython-editor", {"@codemirror/view", "@codemirror/lang-python", "@lezer/python"}),
        ("micropython-chart", {"@observablehq/plot", "d3-scale", "d3-shape", "isoformat"}),
    ],
)
def test_the_bundles_ship_the_licences_of_what_they_contain(bundle, packages):
    """build.sh writes each bundle's licences from esbuild's list of what went in; each section names a
    package, its version (the one package.json pins, for direct dependencies) and its licence text."""
    code = (STATIC / f"{bundle}.js").read_text()
    assert code.startswith("/* ") and f"licences: {bundle}.LICENSES.txt" in code.split("\n", 1)[0]
    licences = (STATIC / f"{bundle}.LICENSES.txt").read_text()
    lines = licences.splitlines()
    # Each section: "name version (licence)", a rule of "=", the licence text.
    headers = [line for line, below in itertools.pairwise(lines) if below == "=" * 40]
    sections = {header.split(" ")[0]: header for header in headers}
    assert packages <= set(sections)
    pinned = json.loads((FRONTEND / "package.json").read_text())["dependencies"]
    for name in packages & set(pinned):
        assert sections[name].startswith(f"{name} {pinned[name]} (")
    assert (
        "Permission to use, copy, modify, and/or distribute" in licences
        or "Permission is hereby granted" in licences
    )
