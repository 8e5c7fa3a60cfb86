"""The browser console: a page per database where people type Python, press Ctrl+Enter and see output
and tables, backed by a JSON API. Each signed-in actor (or anonymous browser, by a signed cookie) keeps
one sandbox per database until Reset or the idle timeout."""

from __future__ import annotations

import asyncio
import functools
import json
import math
import re
import secrets
import sys
import time
import urllib.parse
from contextvars import ContextVar
from typing import Any

from datasette import Forbidden, NotFound, PayloadTooLarge, Response, hookimpl
from datasette.permissions import Action, PermissionSQL
from datasette.resources import DatabaseResource
from datasette.utils import escape_sqlite, tilde_decode
from itsdangerous import BadSignature

from .._engine import SandboxError
from ..sandbox import Sandbox
from .config import PLUGIN_NAME, Limits, PluginConfig, plugin_config
from .databases import readable_databases
from .errors import report
from .runs import Busy, RunPool, run_pool
from .sessions import SessionPool, pool_snapshots, register_pool, take_restored_note

ACTION = "execute-micropython"
COOKIE = "ds_micropython"
#: Rows kept of each table shown in the page (show() calls and the trailing value).
MAX_TABLE_ROWS = 1000
#: The kinds of chart show(rows, chart=...) draws.
CHART_KINDS = ("bar", "line", "scatter", "histogram")
#: Names the completion API returns at most (of the session, or of one module).
MAX_COMPLETIONS = 500

# Defined in every new session, compiled under the file name <console> so that an error raised inside
# them (show() of something that is not rows) is reported at the line of the snippet that called them.
# `show` passes the column order along: query results carry it as `.columns`, and MicroPython's dicts do
# not keep it. The trailing expression of a snippet calls `__repl_print__` (the engine's single-input
# compilation looks it up like any name), so defining it keeps the value itself; `__console_take__`
# then hands back its repr and, for a list of dicts, its rows and columns.
SESSION_HELPERS = """
def show(rows, columns=None, chart=None, x=None, y=None):
    columns = columns or getattr(rows, "columns", None)
    rows = list(rows)
    total = len(rows)
    if all(isinstance(row, dict) for row in rows):
        rows = [{k: __console_cell__(v) for k, v in row.items()} for row in rows[:__console_max_rows__]]
    __console_show__(rows, columns, total, chart, x, y)

# A cell as JSON can carry it: ints past JavaScript's exact range (2**53) as their digits, other
# objects as their repr.
def __console_cell__(v):
    if isinstance(v, int) and not isinstance(v, bool) and not -(2**53) <= v <= 2**53:
        return repr(v)
    return v if v is None or isinstance(v, (bool, int, float, str)) else repr(v)

__console_last__ = []
__console_max_rows__ = MAX_ROWS

def __repl_print__(value):
    if value is not None:
        __console_last__[:] = [value]

def __console_take__(max_rows, max_repr):
    if not __console_last__:
        return None
    value = __console_last__.pop()
    text = repr(value)
    rows = None
    if isinstance(value, (list, tuple)) and value and all(isinstance(row, dict) for row in value):
        rows = [{str(k): __console_cell__(v) for k, v in row.items()} for row in value[:max_rows]]
    columns = getattr(value, "columns", None) if rows is not None else None
    return [text[:max_repr], len(text) > max_repr, rows, len(value) if rows is not None else 0, columns]

# Names for the editor's completions, read without running any code of the session: the keys of the
# globals, or of a module's dict (`datasette`, `os.path`), or the methods of a built-in type's value.
# Other objects (instances of the session's classes) give None: looking at their attributes could run
# their properties or __getattr__.
__console_module_type__ = type(__import__("sys"))

def __console_names__(path, limit):
    if path is None:
        names = [name for name in globals() if not name.startswith("__")]
    else:
        parts = path.split(".")
        value = globals().get(parts[0], __console_names__)
        for part in parts[1:]:
            if type(value) is not __console_module_type__:
                return None
            value = value.__dict__.get(part, __console_names__)
        if value is __console_names__:
            return None
        if type(value) is __console_module_type__:
            names = [name for name in value.__dict__ if not name.startswith("_")]
        elif type(value) in (str, bytes, int, float, bool, list, tuple, dict, set, frozenset):
            names = [name for name in dir(type(value)) if not name.startswith("_")]
        else:
            return None
    return sorted(names)[:limit]
"""

SESSION_HELPERS = SESSION_HELPERS.replace("MAX_ROWS", str(MAX_TABLE_ROWS))

# SessionPool calls its factory without arguments; the settings of a new session are those of the
# request creating it, handed over through this task-local variable.
_new_session_settings: ContextVar[dict[str, Any]] = ContextVar("new_console_session_settings")


class ConsoleSandbox(Sandbox):
    """A console session: a sandbox whose `show(rows)` collects tables for the response, with a lock so
    that runs from two tabs of one session take turns."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.shown: list[dict[str, Any]] = []
        self.lock = asyncio.Lock()
        self.prepared = False
        self.register(self.show, name="__console_show__")

    def show(
        self,
        rows: list[Any],
        columns: list[Any] | None,
        total: int | None = None,
        chart: Any = None,
        x: Any = None,
        y: Any = None,
    ) -> None:
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise TypeError("show() expects a list of dicts, such as the rows of datasette.query()")
        if columns is not None and not isinstance(columns, (list, tuple)):
            raise TypeError("show(): columns must be a list of column names")
        total = total if isinstance(total, int) and total >= len(rows) else len(rows)
        shown = table("show", rows[:MAX_TABLE_ROWS], total, columns)
        shown["chart"] = chart_spec(shown, chart, x, y)
        self.shown.append(shown)


def chart_spec(shown: dict[str, Any], chart: Any, x: Any, y: Any) -> dict[str, Any] | None:
    """What the page draws for show(rows, chart=..., x=..., y=...) of the table `shown`, or None without
    a chart. Raises ValueError or TypeError, which the guest gets at its show() call, for arguments the
    page could not draw: an unknown kind, a missing or unknown column, a column without numbers."""
    if chart is None:
        if x is not None or y is not None:
            raise TypeError("show(): x= and y= are for charts: add chart=, one of " + _kinds())
        return None
    if chart not in CHART_KINDS:
        raise ValueError(f"show(): chart must be one of {_kinds()}, not {chart!r}")
    columns = shown["columns"]
    described = ", ".join(columns) if columns else "none: the rows are empty"
    for axis, name in (("x", x), ("y", y)):
        if name is not None and not isinstance(name, str):
            raise TypeError(f"show(): {axis}= must be a column name (a str), not {type(name).__name__}")
        if name is not None and columns and name not in columns:
            raise ValueError(f"show(): {axis}={name!r} is not a column of these rows (columns: {described})")
    if x is None:
        raise TypeError(f"show(chart={chart!r}) needs x=, the column for the x axis (columns: {described})")
    if chart == "histogram":
        if y is not None:
            raise TypeError("show(chart='histogram') counts the rows in bins of x; it takes no y=")
        _check_numbers(shown, x, "a histogram's x=")
    else:
        if y is None:
            raise TypeError(f"show(chart={chart!r}) needs y=, the column of numbers (columns: {described})")
        _check_numbers(shown, y, f"a {chart} chart's y=")
        if chart == "scatter":
            _check_numbers(shown, x, "a scatter chart's x=")
    return {"kind": chart, "x": x, "y": y}


def _kinds() -> str:
    return ", ".join(repr(kind) for kind in CHART_KINDS)


def _check_numbers(shown: dict[str, Any], column: str, what: str) -> None:
    """`column` of the table holds numbers (or dates, as SQLite's ISO text) and NULLs."""
    if not shown["columns"]:
        return
    index = shown["columns"].index(column)
    for row in shown["rows"]:
        value = row[index]
        if value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)):
            continue
        if isinstance(value, str) and _ISO_DATE.match(value):
            continue
        raise ValueError(f"show(): {what} needs numbers or dates, but column {column!r} holds {value!r}")


# Dates and timestamps as SQLite keeps them in text; the page's chart reads them as dates.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")


def table(source: str, rows: list[dict[str, Any]], total: int, columns: list[Any] | None) -> dict[str, Any]:
    """Rows as the page draws them: the given columns, then any others in first-seen order, each row a
    list of cells. `source` says where they came from: "show" (a show() call) or "value" (the trailing
    expression, whose repr the page then leaves out)."""
    rows = [{str(key): value for key, value in row.items()} for row in rows]
    names = dict.fromkeys(str(column) for column in columns or [])
    for row in rows:
        names.update(dict.fromkeys(row))
    return {
        "source": source,
        "columns": list(names),
        "rows": [[_cell(row.get(name)) for name in names] for row in rows],
        "total": total,
        "truncated": total > len(rows),
        "chart": None,
    }


def _cell(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and not -(2**53) <= value <= 2**53:
        # As the guest's helpers send them. Python's own str() refuses ints over 4,300 digits.
        return format(value, "d") if value.bit_length() < 14_000 else hex(value)
    return value if value is None or isinstance(value, (bool, int, float, str)) else repr(value)


@hookimpl
def register_actions(datasette: Any) -> list[Action]:
    return [
        Action(
            name=ACTION,
            abbr="emp",
            description="Run Python against the database in the MicroPython console",
            resource_class=DatabaseResource,
            also_requires="execute-sql",
        )
    ]


@hookimpl(specname="permission_resources_sql")
def allow_micropython_by_default(datasette: Any, actor: Any, action: str) -> PermissionSQL | None:
    # Allowed by default like execute-sql (which it also requires); datasette.yaml can restrict it.
    if action == ACTION and not datasette.default_deny:
        return PermissionSQL.allow(reason=f"default allow for {ACTION}")
    return None


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [
        (r"^/-/micropython$", databases_view),
        (r"^/(?P<database>[^/]+)/-/micropython$", console_view),
        (r"^/(?P<database>[^/]+)/-/micropython/run$", run_view),
        (r"^/(?P<database>[^/]+)/-/micropython/reset$", reset_view),
        (r"^/(?P<database>[^/]+)/-/micropython/stop$", stop_view),
        (r"^/(?P<database>[^/]+)/-/micropython/complete$", complete_view),
        (r"^/-/micropython/enrich-preview/(?P<database>[^/]+)/(?P<table>[^/]+)$", enrichment_preview_view),
    ]


@hookimpl
def database_actions(datasette: Any, actor: Any, database: str) -> Any:
    async def links() -> list[dict[str, str]]:
        if not await _allowed(datasette, actor, database):
            return []
        return [
            {
                "href": _console_url(datasette, database),
                "label": "Run Python against this database",
                "description": "Query it from Python in the MicroPython console",
            }
        ]

    return links


@hookimpl
def table_actions(datasette: Any, actor: Any, database: str, table: str) -> Any:
    async def links() -> list[dict[str, str]]:
        if not await _allowed(datasette, actor, database):
            return []
        return [
            {
                "href": _console_url(datasette, database) + "?" + urllib.parse.urlencode({"table": table}),
                "label": "Run Python against this table",
                "description": "Open the MicroPython console with a snippet that queries this table",
            }
        ]

    return links


async def enrichment_preview_view(datasette: Any, request: Any) -> Response:
    """The enrichment form's "Try on 5 rows" (plugin/enrichment.py), routed here so that the route exists
    whether or not datasette-enrichments is installed (without it, the answer says so)."""
    try:
        from .enrichment import preview_view
    except ImportError as e:
        return Response.error(f"The enrichment preview needs datasette-enrichments ({e})", status=404)
    response: Response = await preview_view(datasette, request)
    return response


async def databases_view(datasette: Any, request: Any) -> Response:
    names = [name for name in datasette.databases if await _allowed(datasette, request.actor, name)]
    if not names:
        raise Forbidden("You may not run Python against any database")
    return Response.html(
        await datasette.render_template(
            "micropython_databases.html",
            {"databases": [{"name": name, "url": _console_url(datasette, name)} for name in names]},
            request=request,
        )
    )


async def console_view(datasette: Any, request: Any) -> Response:
    db = _database(datasette, request)
    if not await _allowed(datasette, request.actor, db.name):
        raise Forbidden("You may not run Python against this database")
    table_name = request.args.get("table")
    # A permalink (?code=...) opens its code in the editor; it is not run until the person runs it.
    linked_code = request.args.get("code")
    base = _console_url(datasette, db.name)
    identity, cookie = _identity(datasette, request)
    config = plugin_config(datasette)
    html = await datasette.render_template(
        "micropython.html",
        {
            "database": db.name,
            "console_url": base,
            "run_url": base + "/run",
            "reset_url": base + "/reset",
            "stop_url": base + "/stop",
            "complete_url": base + "/complete",
            # Loaded by the page only when a run draws a chart.
            "chart_script": datasette.urls.static_plugins(PLUGIN_NAME, "micropython-chart.js"),
            "modules": json.dumps(importable_modules()),
            "starter": linked_code if linked_code is not None else starter_snippet(table_name),
            "from_link": bool(table_name) or linked_code is not None,
            "limits": config.anonymous.limits if _is_anonymous(identity) else config.limits,
            "plugin": PLUGIN_NAME,
        },
        request=request,
    )
    # Set with the page, so that every tab of this browser shares one session from its first run.
    return _with_cookie(Response.html(html), cookie)


async def run_view(datasette: Any, request: Any) -> Response:
    config = plugin_config(datasette)
    checked = await _check_api_request(datasette, request)
    if isinstance(checked, Response):
        return checked
    db = checked
    # JSON escapes make the body longer than the code it carries; the code itself is measured below.
    try:
        body = await request.post_body(max_bytes=2 * config.max_code_bytes + 1024)
    except PayloadTooLarge:
        return _too_long(config)
    try:
        code = json.loads(body).get("code")
    except (ValueError, AttributeError, RecursionError):
        return Response.error('Expected a JSON object such as {"code": "print(1)"}')
    if not isinstance(code, str):
        return Response.error('"code" must be a string of Python code')
    if len(code.encode("utf-8")) > config.max_code_bytes:
        return _too_long(config)
    identity, cookie = _identity(datasette, request)
    anonymous = _is_anonymous(identity)
    limits = config.anonymous.limits if anonymous else config.limits
    try:
        with run_pool(datasette).slot(identity, anonymous, retry_after=max(1, math.ceil(limits.time_limit))):
            sandbox, created = await _session(datasette, request.actor, identity, db.name)
            restored = take_restored_note(sandbox)
            if restored:
                sandbox.prepared = False  # its helpers are defined again (they are idempotent)
            # Known to the Stop button of this browser (or actor) on this database while it runs.
            running = _running(datasette)
            running.setdefault((identity, db.name), []).append(sandbox)
            try:
                output = await run_in_session(datasette, sandbox, code, limits)
            finally:
                # Runs end on the event loop's thread, one at a time: no lock is needed here.
                running[(identity, db.name)].remove(sandbox)
                if not running[(identity, db.name)]:
                    del running[(identity, db.name)]
            if restored:
                output["session_restored"] = restored
    except Busy as busy:
        response = Response.json({"ok": False, "error": str(busy)}, status=429)
        response.headers["Retry-After"] = str(busy.retry_after)
        return _with_cookie(response, cookie)
    return _with_cookie(Response.json({**output, "new_session": created}), cookie)


async def reset_view(datasette: Any, request: Any) -> Response:
    checked = await _check_api_request(datasette, request)
    if isinstance(checked, Response):
        return checked
    identity, cookie = _identity(datasette, request)
    databases = await readable_databases(datasette, request.actor)
    _sessions(datasette, identity).discard((identity, checked.name, tuple(databases)))
    return _with_cookie(Response.json({"ok": True}), cookie)


async def stop_view(datasette: Any, request: Any) -> Response:
    """Interrupts the runs of this browser (or actor) on this database at once: the guest gets
    KeyboardInterrupt, the run's response says it was stopped, the session and its variables stay."""
    checked = await _check_api_request(datasette, request)
    if isinstance(checked, Response):
        return checked
    identity, cookie = _identity(datasette, request)
    stopped = [sandbox.cancel() for sandbox in set(_running(datasette).get((identity, checked.name), ()))]
    return _with_cookie(Response.json({"ok": True, "stopped": any(stopped)}), cookie)


async def complete_view(datasette: Any, request: Any) -> Response:
    """Names for the editor's completions: the session's globals (`{"path": null}`), or the names of one
    of its modules (`{"path": "datasette"}`). Read by a helper of the console without running the
    session's own code; `names` is null when there is no session yet, it is busy running, or `path` is
    not something whose names can be read safely."""
    checked = await _check_api_request(datasette, request)
    if isinstance(checked, Response):
        return checked
    try:
        path = json.loads(await request.post_body(max_bytes=4096)).get("path")
    except (ValueError, AttributeError, PayloadTooLarge):
        return Response.error('Expected a JSON object such as {"path": null} or {"path": "datasette"}')
    if path is not None and not (isinstance(path, str) and _DOTTED_NAME.match(path)):
        return Response.error('"path" must be null or a dotted name such as "os.path"')
    identity, cookie = _identity(datasette, request)
    databases = await readable_databases(datasette, request.actor)
    pool = _sessions(datasette, identity)
    key = (identity, checked.name, tuple(databases))
    names = None
    # Never creates a session, and never waits for a run: completion must stay instant.
    if key in pool:
        sandbox, _ = pool.get(key)
        assert isinstance(sandbox, ConsoleSandbox)
        if sandbox.prepared and not sandbox.lock.locked():
            names = await _session_names(datasette, sandbox, identity, path)
    return _with_cookie(Response.json({"ok": True, "names": names}), cookie)


_DOTTED_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")


async def _session_names(datasette: Any, sandbox: ConsoleSandbox, identity: str, path: str | None) -> Any:
    runs = run_pool(datasette)
    try:
        with runs.slot(identity, _is_anonymous(identity), retry_after=1):
            async with sandbox.lock:
                names = (await runs.call(sandbox, "__console_names__", path, MAX_COMPLETIONS)).value
    except (Busy, SandboxError):
        return None
    if names is None or not (isinstance(names, list) and all(isinstance(name, str) for name in names)):
        return None  # or the session replaced the helper: nothing it says is trusted
    return names[:MAX_COMPLETIONS]


@functools.cache
def importable_modules() -> list[str]:
    """The modules guest code can import (CPython's standard library names that import in the sandbox,
    and datasette), for the editor's completions after `import`: asked of a sandbox once per process."""
    candidates = sorted(
        {"datasette", *(name for name in sys.stdlib_module_names if not name.startswith("_"))}
    )
    probe = (
        "def __probe(names):\n"
        "    found = []\n"
        "    for name in names:\n"
        "        try:\n"
        "            __import__(name)\n"
        "            found.append(name)\n"
        "        except BaseException:\n"
        "            pass\n"
        "    return found\n"
    )
    with Sandbox(databases={}) as sandbox:
        sandbox.run(probe, eval_trailing=False)
        found = sandbox.call("__probe", candidates).value
    return [name for name in found if name != "builtins"]


def _running(datasette: Any) -> dict[tuple[str, str], list[ConsoleSandbox]]:
    """The sandboxes running a console snippet now, by (identity, database): one entry per run (two tabs
    of one session can have a run going and one waiting for it)."""
    running: dict[tuple[str, str], list[ConsoleSandbox]] | None = getattr(
        datasette, "_micropython_console_running", None
    )
    if running is None:
        running = datasette._micropython_console_running = {}
    return running


async def run_in_session(
    datasette: Any, sandbox: ConsoleSandbox, code: str, limits: Limits
) -> dict[str, Any]:
    """Runs `code` and returns what the page shows: output, the trailing value, tables, or the error."""
    runs = run_pool(datasette)
    async with sandbox.lock:
        sandbox.shown.clear()
        start = time.monotonic()
        try:
            if not sandbox.prepared:
                helpers = f"exec(compile({SESSION_HELPERS!r}, '<console>', 'exec'))"
                await runs.run(sandbox, helpers, eval_trailing=False)
                sandbox.prepared = True
            result = await runs.run(sandbox, code)
        except SandboxError as e:
            # After a restart of the interpreter the helpers have to be defined again.
            sandbox.prepared = not e.session_reset
            if sandbox.prepared:
                # A value kept before the error (`x; 1/0`) must not show up after the next run.
                await _trailing_value(runs, sandbox, None, limits)
            output = {"ok": False, "stdout": e.stdout, "stderr": e.stderr, "value": None, "truncated": False}
            output.update(_describe_error(e))
            output["tables"] = list(sandbox.shown)
        else:
            value, value_cut, value_table = await _trailing_value(runs, sandbox, result.value, limits)
            output = {
                "ok": True,
                "stdout": result.stdout,
                "stderr": result.stderr,
                "value": value,
                "truncated": result.truncated or value_cut,
                "error": None,
                "traceback": None,
                "line": None,
                "session_reset": False,
                "tables": sandbox.shown + ([value_table] if value_table else []),
            }
        output["duration"] = round(time.monotonic() - start, 4)
        return output


async def _trailing_value(
    runs: RunPool, sandbox: ConsoleSandbox, engine_value: str | None, limits: Limits
) -> tuple[str | None, bool, dict[str, Any] | None]:
    """The trailing expression's repr, whether that was cut, and its table if it is a list of dicts."""
    try:
        taken = (await runs.call(sandbox, "__console_take__", MAX_TABLE_ROWS, limits.output_limit)).value
    except SandboxError:
        # The snippet deleted the helpers (or the value was too big to describe): keep the engine's
        # repr, and define the helpers again before the next run.
        sandbox.prepared = False
        return engine_value, False, None
    if taken is None:
        return engine_value, False, None
    if not _looks_taken(taken):
        # The snippet replaced the helper with something else: the same, and the page is not fooled.
        sandbox.prepared = False
        return engine_value, False, None
    text, cut, rows, total, columns = taken
    return text, cut, (table("value", rows, total, columns) if rows is not None else None)


def _looks_taken(taken: Any) -> bool:
    """Whether `taken` has the shape `__console_take__` returns (guest code may have replaced it)."""
    if not isinstance(taken, list) or len(taken) != 5:
        return False
    text, cut, rows, total, columns = taken
    return (
        isinstance(text, str)
        and isinstance(cut, bool)
        and (rows is None or (isinstance(rows, list) and all(isinstance(row, dict) for row in rows)))
        and isinstance(total, int)
        and (columns is None or isinstance(columns, (list, tuple)))
    )


def _describe_error(e: SandboxError) -> dict[str, Any]:
    details = report(e)
    return {
        "error": details.summary,
        "traceback": details.traceback,
        "line": details.line,
        "session_reset": details.session_reset,
    }


def starter_snippet(table_name: str | None) -> str:
    """The code the console opens with: a query of the table it was opened from, or a tour."""
    if table_name:
        sql = f"select * from {escape_sqlite(table_name)} limit 100"
        return f'import datasette\n\nrows = datasette.query({sql!r})\nprint(len(rows), "rows:", rows.columns)\nrows\n'
    return (
        "import datasette\n\n"
        "# datasette.query(sql, params=None) returns a list of dicts; show(rows) draws a table.\n"
        "for table in datasette.tables():\n"
        "    print(table, datasette.columns(table))\n"
    )


async def _check_api_request(datasette: Any, request: Any) -> Any:
    """The database of an API request, or the JSON error response refusing it."""
    if request.method != "POST":
        return Response.error("POST only", status=405)
    try:
        db = _database(datasette, request)
    except NotFound as e:
        return Response.error(str(e), status=404)
    if not await _allowed(datasette, request.actor, db.name):
        return Response.error("You may not run Python against this database", status=403)
    return db


async def _session(datasette: Any, actor: Any, identity: str, database: str) -> tuple[ConsoleSandbox, bool]:
    """The session of `identity` for `database`. The databases it may read are part of the key, so a change
    of permissions starts a new session rather than keeping access in an old one."""
    databases = await readable_databases(datasette, actor)
    config = plugin_config(datasette)
    limits = config.anonymous.limits if _is_anonymous(identity) else config.limits
    settings = {**config.sandbox_kwargs(limits), "databases": databases, "default_database": database}
    token = _new_session_settings.set(settings)
    try:
        sandbox, created = await _sessions(datasette, identity).get_async(
            (identity, database, tuple(databases))
        )
    finally:
        _new_session_settings.reset(token)
    assert isinstance(sandbox, ConsoleSandbox)
    return sandbox, created


def _sessions(datasette: Any, identity: str) -> SessionPool:
    """The pool holding `identity`'s sessions. Signed-in actors and anonymous browsers have a pool each,
    anyone can mint anonymous sessions (one per cookie-less request), so theirs are few and short-lived
    (`anonymous:` settings), and they may only push out other anonymous sessions, never an actor's."""
    attribute = "_micropython_console_" + identity.partition(":")[0]
    pool = getattr(datasette, attribute, None)
    if pool is None:
        config = plugin_config(datasette)
        anonymous = _is_anonymous(identity)
        pool = SessionPool(
            lambda: ConsoleSandbox(**_new_session_settings.get()),
            max_sessions=config.anonymous.max_sessions if anonymous else config.max_sessions,
            idle_timeout=config.anonymous.idle_timeout if anonymous else config.idle_timeout,
            snapshots=pool_snapshots(datasette, "console"),
        )
        setattr(datasette, attribute, register_pool(datasette, pool))
    return pool


def _identity(datasette: Any, request: Any) -> tuple[str, str | None]:
    """Who owns the sessions: the signed-in actor, else the browser by its signed cookie. Second: the
    cookie to set, for a browser that has none yet."""
    if request.actor:
        return "actor:" + json.dumps(
            request.actor.get("id", request.actor), sort_keys=True, default=repr
        ), None
    try:
        return "browser:" + str(datasette.unsign(request.cookies[COOKIE], COOKIE)), None
    except (KeyError, BadSignature):
        token = secrets.token_urlsafe(16)
        return "browser:" + token, datasette.sign(token, COOKIE)


def _is_anonymous(identity: str) -> bool:
    return identity.startswith("browser:")


def _with_cookie(response: Response, cookie: str | None) -> Response:
    if cookie is not None:
        response.set_cookie(COOKIE, cookie, httponly=True, samesite="lax")
    return response


def _database(datasette: Any, request: Any) -> Any:
    route = tilde_decode(request.url_vars["database"])
    try:
        return datasette.get_database(route=route)
    except KeyError:
        raise NotFound(f"Database not found: {route}") from None


async def _allowed(datasette: Any, actor: Any, database: str) -> bool:
    return bool(
        await datasette.allowed(action=ACTION, resource=DatabaseResource(database=database), actor=actor)
    )


def _console_url(datasette: Any, database: str) -> str:
    return str(datasette.urls.database(database)) + "/-/micropython"


def _too_long(config: PluginConfig) -> Response:
    return Response.error(f"Code longer than max_code_bytes ({config.max_code_bytes} bytes)", status=413)
