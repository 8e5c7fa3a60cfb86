"""The Datasette Agent tool `execute_micropython`: the model runs Python in a sandbox of its own, one per
conversation, that keeps its state between calls and reads the databases its user may query."""

from __future__ import annotations

import functools
import json
import sys
import time
from collections.abc import Hashable
from contextvars import ContextVar
from typing import Any

from datasette import hookimpl
from markupsafe import Markup
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from .._engine import SandboxError
from ..sandbox import Sandbox
from .config import PluginConfig, plugin_config
from .console import table
from .databases import readable_databases
from .errors import report
from .runs import run_pool
from .sessions import SessionPool, pool_snapshots, register_pool, take_restored_note

TOOL_NAME = "execute_micropython"

INPUT_SCHEMA = {
    "type": "object",
    "properties": {
        "python": {
            "type": "string",
            "description": "Python code to run. A trailing expression's repr is returned as value.",
        },
        "reset_context": {
            "type": "boolean",
            "description": "Discard all variables, functions and imports of this conversation before running.",
            "default": False,
        },
        "show_result": {
            "type": "boolean",
            "description": (
                "Also show the code and its output to the user. A trailing list of dicts (such as"
                " datasette.query() rows) is then shown to them as a table, and comes back to you as a"
                " Markdown table of its first 50 rows (value_format, row_count) instead of its repr."
            ),
            "default": False,
        },
    },
    "required": ["python"],
}

#: Rows of a trailing list of rows shown to the model as a Markdown table (show_result), and to the
#: person as an HTML table; each Markdown cell is cut at MARKDOWN_CELL characters.
MARKDOWN_ROWS = 50
HTML_ROWS = 200
MARKDOWN_CELL = 200

# Defined for one show_result call only (and removed by `__agent_take__`): `__repl_print__` keeps the
# trailing value itself (the engine calls it for a snippet's trailing expression), and `__agent_take__`
# hands back its repr and, for a list of dicts (such as datasette.query()'s rows), its first rows.
ROW_HELPERS = """
__agent_last__ = []

def __repl_print__(value):
    if value is not None:
        __agent_last__[:] = [value]

def __agent_cell__(v):
    if isinstance(v, int) and not isinstance(v, bool) and not -(2**53) <= v <= 2**53:
        return repr(v)
    return v if v is None or isinstance(v, (bool, int, float, str)) else repr(v)

def __agent_take__(max_rows, max_repr):
    names = globals()
    last = __agent_last__
    cell = __agent_cell__
    for name in ("__repl_print__", "__agent_last__", "__agent_cell__", "__agent_take__"):
        names.pop(name, None)
    if not last:
        return None
    value = last.pop()
    text = repr(value)
    rows = None
    if isinstance(value, (list, tuple)) and value and all(isinstance(row, dict) for row in value):
        rows = [{str(k): cell(v) for k, v in row.items()} for row in value[:max_rows]]
    columns = getattr(value, "columns", None) if rows is not None else None
    return [text[:max_repr], rows, len(value) if rows is not None else 0, columns]
"""

RESTARTED_IDLE = (
    "This conversation's sandbox was restarted (it sat idle too long or others needed the room): variables, "
    "functions and imports from earlier calls are gone."
)
RESTARTED_AFTER_ERROR = "The sandbox had to be restarted after this error: variables, functions and imports from earlier calls are gone."

# How many conversations are remembered as having had a sandbox, to tell them when it was restarted.
_REMEMBERED_CONVERSATIONS = 10_000

# SessionPool calls its factory without arguments; the databases a new sandbox may read are those of
# the tool call creating it, handed over through this task-local variable.
_databases_of_new_sandbox: ContextVar[dict[str, Any]] = ContextVar("databases_of_new_sandbox")


@hookimpl
def register_agent_tools(datasette: Any) -> list[Any]:
    # Imported here: importing datasette_agent loads Datasette's plugins, this module among them.
    from datasette_agent.tools import AgentTool

    return [
        AgentTool(
            name=TOOL_NAME,
            description=describe(plugin_config(datasette)),
            input_schema=INPUT_SCHEMA,
            fn=execute_micropython,
        )
    ]


#: Modules the guest lacks that a model is likely to reach for, as docs/cpython-differences.md lists them
#: ("Absent:"); tests/plugin/test_agent_tool.py checks the two agree and that none of them imports.
ABSENT_MODULES = (
    "inspect",
    "weakref",
    "codecs",
    "locale",
    "pickle",
    "copyreg",
    "argparse",
    "queue",
    "sched",
    "timeit",
    "reprlib",
    "keyword",
    "colorsys",
    "configparser",
    "tomllib",
    "html.parser",
    "xml",
    "email",
    "mimetypes",
    "http",
    "gzip",
    "bz2",
    "lzma",
    "zipfile",
    "tarfile",
    "glob",
    "shutil",
    "tempfile",
    "dis",
    "ast",
    "tokenize",
    "unittest",
    "doctest",
    "pdb",
    "profile",
    "cProfile",
    "getpass",
    "sqlite3",
    "urllib.request",
    "zoneinfo",
    "socket",
    "select",
    "ssl",
    "subprocess",
    "threading",
    "_thread",
    "ctypes",
    "signal",
)

#: The differences from CPython a model's code meets most, each from docs/cpython-differences.md (the
#: test checks that each names something the document lists).
DIFFERENCES = ("the time zone is always UTC (time.localtime() == time.gmtime())",)

# Imports each name it is given and returns those that imported (an ImportError or anything else: not).
_PROBE = """
def __probe_modules(names):
    found = []
    for name in names:
        try:
            __import__(name)
            found.append(name)
        except BaseException:
            pass
    return found
"""


@functools.cache
def guest_modules() -> tuple[str, ...]:
    """The modules of CPython's standard library that guest code can import, asked of a sandbox (once per
    process, about 20 ms): the description never lists a module that is not there or misses one that is."""
    names = sorted(name for name in sys.stdlib_module_names if not name.startswith("_"))
    with Sandbox() as sandbox:
        sandbox.run(_PROBE, eval_trailing=False)
        found = sandbox.call("__probe_modules", names).value
    return tuple(name for name in found if name != "builtins")


def describe(config: PluginConfig) -> str:
    """The tool description the model reads: what the sandbox offers, under this configuration."""
    limits = config.limits
    network = (
        "fetch(url, method='GET', headers=None, body=None) returns {status, url, headers, body (bytes)} for URLs "
        f"starting with {', '.join(config.network.allow)}; there is no other network access."
        if config.network
        else "There is no network access."
    )
    files = f" open() can read {', '.join(sorted(config.files))}." if config.files else ""
    return (
        "Run Python code in a sandboxed MicroPython 1.25 interpreter: Python 3 without third-party packages. "
        "Variables, functions and imports persist between calls in this conversation; reset_context=true "
        f"starts fresh. Standard modules: {', '.join(guest_modules())}. "
        f"Not available: {', '.join(ABSENT_MODULES)}. Differences from CPython: {'; '.join(DIFFERENCES)}. "
        "`import datasette` reads the user's databases (read-only SQLite SQL): datasette.query(sql, "
        "params=None, database=None) returns a list of dict rows; datasette.iter_query(...) iterates over large "
        "results; datasette.databases(), datasette.tables(database=None) and datasette.columns(table, "
        "database=None) list what exists; database= may be left out when there is only one. A SQL error raises "
        f"an exception carrying SQLite's message. {network}{files} The result is JSON: stdout, stderr, value "
        "(repr of a trailing expression) and, on failure, error {type, message, traceback}; session_restarted "
        f"says when earlier state was lost. Each call may run {limits.time_limit:g} s and use "
        f"{limits.memory_limit / 2**20:g} MiB of memory; stdout and stderr are cut after "
        f"{limits.output_limit / 1024:g} KiB each (stdout_truncated, stderr_truncated)."
    )


async def execute_micropython(
    datasette: Any,
    actor: dict[str, Any] | None,
    context: Any,
    python: str,
    reset_context: bool = False,
    show_result: bool = False,
) -> dict[str, Any]:
    config = plugin_config(datasette)
    databases = await readable_databases(datasette, actor)
    conversations = _conversations(datasette)
    if context.conversation_id is None:
        # Not part of a conversation: a sandbox for this call only, so unrelated callers share nothing.
        with _new_sandbox(config, databases) as sandbox:
            output = await _run(datasette, sandbox, python, keep_rows=show_result)
    else:
        # The session belongs to the actor in this conversation with these databases: another actor
        # passing the same conversation id, or the same one after a change of permissions, gets a new one.
        key = (owner_of(actor), context.conversation_id, tuple(sorted(databases)))
        if reset_context:
            conversations.reset(key)
        sandbox, restarted = await conversations.sandbox(key, databases)
        restored = take_restored_note(sandbox)
        output = await _run(datasette, sandbox, python, keep_rows=show_result)
        if restarted and "session_restarted" not in output:
            output["session_restarted"] = RESTARTED_IDLE
        elif restored and "session_restarted" not in output:
            output["session_restored"] = restored
    rows = output.pop("_rows", None)
    if rows is not None:
        # The model reads a table, not a 1,000-dict repr; the person gets it drawn.
        output["value"] = markdown_table(rows)
        output["value_format"] = "markdown table"
        output["row_count"] = rows["total"]
    cap_texts(output, config.tool_text_limit)
    if show_result:
        output["_html"] = render_html(python, output, rows)
    return output


def owner_of(actor: dict[str, Any] | None) -> str:
    """Who a session belongs to: the actor's id (the whole actor when it has none), or nobody."""
    if not actor:
        return "anonymous"
    return json.dumps(actor.get("id", actor), sort_keys=True, default=repr)


def cap_texts(output: dict[str, Any], limit: int) -> None:
    """Cuts every text of the tool's result (stdout, stderr, value, the error's message and traceback) to
    `limit` characters, saying so in the text and in a `..._truncated` flag: the model's context is not
    the place for a 5 MB repr."""

    def cut(text: str | None) -> tuple[str | None, bool]:
        if text is None or len(text) <= limit:
            return text, False
        return text[:limit] + f"\n[truncated: {len(text) - limit:,} more characters]", True

    for name in ("stdout", "stderr", "value"):
        output[name], was_cut = cut(output.get(name))
        if was_cut or output.get(f"{name}_truncated"):
            output[f"{name}_truncated"] = True
    error = output.get("error")
    if error:
        error["message"], message_cut = cut(error["message"])
        error["traceback"], traceback_cut = cut(error["traceback"])
        if message_cut or traceback_cut:
            error["truncated"] = True


async def _run(datasette: Any, sandbox: Sandbox, code: str, keep_rows: bool = False) -> dict[str, Any]:
    """Runs `code`; with `keep_rows`, a trailing list of rows also comes back as a table (`_rows`)."""
    runs = run_pool(datasette)
    start = time.monotonic()
    try:
        if keep_rows:
            await runs.run(sandbox, ROW_HELPERS, eval_trailing=False)
        try:
            result = await runs.run(sandbox, code)
        finally:
            taken = await _take_rows(datasette, sandbox) if keep_rows else None
    except SandboxError as error:
        details = report(error)
        output: dict[str, Any] = {
            "ok": False,
            "stdout": error.stdout,
            "stderr": error.stderr,
            "value": None,
            "error": {"type": details.type, "message": details.message, "traceback": details.traceback},
            "duration": round(time.monotonic() - start, 4),
        }
        if details.session_reset:
            output["session_restarted"] = RESTARTED_AFTER_ERROR
        return output
    output = {
        "ok": True,
        "stdout": result.stdout,
        "stderr": result.stderr,
        "value": result.value,
        "stdout_truncated": result.stdout_truncated,
        "stderr_truncated": result.stderr_truncated,
        "duration": round(time.monotonic() - start, 4),
    }
    if taken is not None:
        text, rows, total, columns = taken
        output["value"] = text
        if rows is not None:
            output["_rows"] = table("value", rows, total, columns)
    return output


async def _take_rows(datasette: Any, sandbox: Sandbox) -> list[Any] | None:
    """The trailing value kept by ROW_HELPERS as [repr, rows or None, row count, columns], removing the
    helpers; None when there was no value, or the helpers are gone (a restarted session) or replaced."""
    limit = plugin_config(datasette).tool_text_limit
    try:
        taken = (await run_pool(datasette).call(sandbox, "__agent_take__", HTML_ROWS, limit + 1)).value
    except SandboxError:
        return None
    if not (isinstance(taken, list) and len(taken) == 4 and isinstance(taken[0], str)):
        return None
    text, rows, total, columns = taken
    if rows is not None and not (
        isinstance(rows, list)
        and all(isinstance(row, dict) for row in rows)
        and isinstance(total, int)
        and (columns is None or isinstance(columns, (list, tuple)))
    ):
        return [text, None, 0, None]
    return taken


def markdown_table(rows: dict[str, Any]) -> str:
    """A table of `console.table()` as Markdown (GitHub's pipe tables), its first MARKDOWN_ROWS rows, and a
    line saying how many there were in all when it shows fewer."""

    def cell(value: Any) -> str:
        text = "" if value is None else value if isinstance(value, str) else json.dumps(value)
        if len(text) > MARKDOWN_CELL:
            text = text[:MARKDOWN_CELL] + "…"
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>")

    lines = [
        "| " + " | ".join(cell(name) for name in rows["columns"]) + " |",
        "|" + "---|" * len(rows["columns"]),
    ]
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows["rows"][:MARKDOWN_ROWS]]
    shown = min(len(rows["rows"]), MARKDOWN_ROWS)
    if rows["total"] > shown:
        lines.append(f"\n({shown:,} of {rows['total']:,} rows shown)")
    return "\n".join(lines)


def render_html(code: str, output: dict[str, Any], rows: dict[str, Any] | None = None) -> str:
    """The code, highlighted, and its output for the chat, a trailing list of rows as a table (its first
    HTML_ROWS rows). Markup.format escapes every argument: sandbox output must never become markup in the
    user's browser."""
    html = Markup(highlight(code, PythonLexer(), HtmlFormatter(noclasses=True)))
    error = output.get("error")
    for label, text in (
        ("stdout", output["stdout"]),
        ("stderr", output["stderr"]),
        ("value", None if rows is not None else output["value"]),
        (
            "error",
            error and (error["traceback"] or ": ".join(filter(None, (error["type"], error["message"])))),
        ),
        ("note", output.get("session_restarted")),
    ):
        if text:
            html += Markup('<p class="micropython-{}">{}</p><pre>{}</pre>').format(label, label, text)
    if rows is not None:
        html += _html_table(rows)
    return str(Markup('<div class="micropython-result">{}</div>').format(html))


def _html_table(rows: dict[str, Any]) -> Markup:
    shown = rows["rows"][:HTML_ROWS]
    count = (
        f"{len(shown):,} of {rows['total']:,} rows" if rows["total"] > len(shown) else f"{len(shown):,} rows"
    )
    head = Markup("").join(Markup("<th>{}</th>").format(name) for name in rows["columns"])
    body = Markup("").join(
        Markup("<tr>{}</tr>").format(
            Markup("").join(
                Markup("<td>{}</td>").format(
                    "" if value is None else value if isinstance(value, str) else json.dumps(value)
                )
                for value in row
            )
        )
        for row in shown
    )
    return Markup(
        '<p class="micropython-value">value: {}</p><table class="micropython-rows"><thead><tr>{}</tr></thead>'
        "<tbody>{}</tbody></table>"
    ).format(count, head, body)


def _new_sandbox(config: PluginConfig, databases: dict[str, Any]) -> Sandbox:
    kwargs = config.sandbox_kwargs()
    if databases:
        kwargs["databases"] = databases
        if len(databases) == 1:
            kwargs["default_database"] = next(iter(databases))
    return Sandbox(**kwargs)


class _Conversations:
    """The sandboxes of agent conversations, keyed on (actor, conversation id, databases granted)."""

    def __init__(self, datasette: Any, config: PluginConfig) -> None:
        self._pool = register_pool(
            datasette,
            SessionPool(
                lambda: _new_sandbox(config, _databases_of_new_sandbox.get()),
                max_sessions=config.max_sessions,
                idle_timeout=config.idle_timeout,
                snapshots=pool_snapshots(datasette, "agent"),
            ),
        )
        # Conversations that have had a sandbox, oldest first (a dict as an ordered set).
        self._started: dict[Hashable, None] = {}

    async def sandbox(self, key: Hashable, databases: dict[str, Any]) -> tuple[Sandbox, bool]:
        """The conversation's sandbox, and whether it is a replacement for one that was dropped (not
        saved, or its snapshot expired). Never waits for a guest: sandboxes leaving the pool are saved
        and closed in the background, and a saved session is restored off the event loop."""
        token = _databases_of_new_sandbox.set(databases)
        try:
            sandbox, created = await self._pool.get_async(key)
        finally:
            _databases_of_new_sandbox.reset(token)
        restarted = created and key in self._started
        self._started[key] = None
        if len(self._started) > _REMEMBERED_CONVERSATIONS:
            del self._started[next(iter(self._started))]
        return sandbox, restarted

    def reset(self, key: Hashable) -> None:
        self._pool.discard(key)
        self._started.pop(key, None)


def _conversations(datasette: Any) -> _Conversations:
    conversations = getattr(datasette, "_micropython_conversations", None)
    if conversations is None:
        conversations = _Conversations(datasette, plugin_config(datasette))
        datasette._micropython_conversations = conversations
    return conversations
