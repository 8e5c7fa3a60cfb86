"""The Datasette Agent tool `execute_micropython`: the model runs Python in a sandbox of its own, one per
conversation, that keeps its state between calls and reads the databases its user may query."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import time
from contextvars import ContextVar
from typing import Any

from datasette import hookimpl
from datasette.resources import DatabaseResource
from datasette.utils import sqlite_timelimit
from markupsafe import Markup
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from ._engine import GuestError, SandboxError
from ._sqlite import query_read_only
from .config import PluginConfig, plugin_config
from .sandbox import DEFAULTS, Sandbox
from .sessions import SessionPool

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
            "description": "Also show the code and its output to the user.",
            "default": False,
        },
    },
    "required": ["python"],
}

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
        "Run Python code in a sandboxed MicroPython 1.25 interpreter (a subset of Python 3: no third-party "
        "packages, some str methods such as title() are missing). Variables, functions and imports persist "
        "between calls in this conversation; reset_context=true starts fresh. Modules: json, re, math, cmath, "
        "collections (OrderedDict, deque, namedtuple), random, heapq, string, struct, binascii, hashlib "
        "(sha256), io, array, time, zlib; not datetime, itertools, functools, csv or statistics. "
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
    databases = await readable_databases(datasette, actor)
    conversations = _conversations(datasette)
    key = context.conversation_id
    if key is None:
        # Not part of a conversation: a sandbox for this call only, so unrelated callers share nothing.
        with _new_sandbox(plugin_config(datasette), databases) as sandbox:
            output = await _run(sandbox, python)
    else:
        if reset_context:
            await conversations.reset(key)
        sandbox, restarted = await conversations.sandbox(key, databases)
        output = await _run(sandbox, python)
        if restarted and "session_restarted" not in output:
            output["session_restarted"] = RESTARTED_IDLE
    if show_result:
        output["_html"] = render_html(python, output)
    return output


async def _run(sandbox: Sandbox, code: str) -> dict[str, Any]:
    start = time.monotonic()
    try:
        result = await sandbox.run_async(code)
    except SandboxError as error:
        output: dict[str, Any] = {
            "ok": False,
            "stdout": error.stdout,
            "stderr": error.stderr,
            "value": None,
            "error": {
                # Limits and crashes are named by the sandbox (SandboxTimeout...), not by the exception
                # the guest saw (a KeyboardInterrupt for a timeout).
                "type": error.type_name if isinstance(error, GuestError) else type(error).__name__,
                "message": error.guest_message if isinstance(error, GuestError) else str(error),
                "traceback": error.traceback,
            },
            "duration": round(time.monotonic() - start, 4),
        }
        if error.session_reset:
            output["session_restarted"] = RESTARTED_AFTER_ERROR
        return output
    return {
        "ok": True,
        "stdout": result.stdout,
        "stderr": result.stderr,
        "value": result.value,
        "stdout_truncated": result.stdout_truncated,
        "stderr_truncated": result.stderr_truncated,
        "duration": round(time.monotonic() - start, 4),
    }


def render_html(code: str, output: dict[str, Any]) -> str:
    """The code, highlighted, and its output for the chat. Markup.format escapes every argument: sandbox
    output must never become markup in the user's browser."""
    html = Markup(highlight(code, PythonLexer(), HtmlFormatter(noclasses=True)))
    error = output.get("error")
    for label, text in (
        ("stdout", output["stdout"]),
        ("stderr", output["stderr"]),
        ("value", output["value"]),
        ("error", error and (error["traceback"] or f"{error['type']}: {error['message']}")),
        ("note", output.get("session_restarted")),
    ):
        if text:
            html += Markup('<p class="micropython-{}">{}</p><pre>{}</pre>').format(label, label, text)
    return str(Markup('<div class="micropython-result">{}</div>').format(html))


async def readable_databases(datasette: Any, actor: dict[str, Any] | None) -> dict[str, Any]:
    """The `databases=` of a sandbox for `actor`: exactly the databases on which it holds execute-sql.
    File-backed ones are opened by the engine itself; in-memory ones are queried through Datasette."""
    databases: dict[str, Any] = {}
    for name, db in datasette.databases.items():
        if not await datasette.allowed(
            action="execute-sql", resource=DatabaseResource(database=name), actor=actor
        ):
            continue
        databases[name] = sandbox_database(datasette, db)
    return databases


def sandbox_database(datasette: Any, db: Any) -> Any:
    """How a sandbox reads one Datasette database: a file the engine opens itself, or, for an
    in-memory database, a query function that goes through Datasette."""
    if db.path:
        return {"path": os.path.abspath(db.path), "immutable": not db.is_mutable}
    return _query_through_datasette(datasette, db)


def _query_through_datasette(datasette: Any, db: Any) -> Any:
    """The query function of an in-memory database (the engine can only open files): one SELECT on a
    Datasette read connection, read-only by the engine's own rules (SQLite's authorizer), with SQLite's
    length limit and the byte cap, under Datasette's SQL time limit."""
    max_bytes = DEFAULTS["query_byte_limit"]

    def run(
        conn: sqlite3.Connection, sql: str, params: Any, max_rows: int
    ) -> tuple[list[str], list[list[Any]], bool]:
        with sqlite_timelimit(conn, datasette.sql_time_limit_ms):
            return query_read_only(conn, sql, params, max_rows, max_bytes)

    async def query(sql: str, params: Any, max_rows: int) -> tuple[list[str], list[list[Any]], bool]:
        try:
            result: tuple[list[str], list[list[Any]], bool] = await db.execute_fn(
                lambda conn: run(conn, sql, params, max_rows)
            )
        except TimeoutError as e:
            raise TimeoutError("SQL time limit exceeded") from e
        return result

    return query


def _new_sandbox(config: PluginConfig, databases: dict[str, Any]) -> Sandbox:
    kwargs = config.sandbox_kwargs()
    if databases:
        kwargs["databases"] = databases
        if len(databases) == 1:
            kwargs["default_database"] = next(iter(databases))
    return Sandbox(**kwargs)


class _Conversations:
    """The sandboxes of agent conversations, keyed on conversation id. The pool is used from worker
    threads: closing an evicted sandbox waits for its current run to end, which must not hold up the
    event loop."""

    def __init__(self, config: PluginConfig) -> None:
        self._pool = SessionPool(
            lambda: _new_sandbox(config, _databases_of_new_sandbox.get()),
            max_sessions=config.max_sessions,
            idle_timeout=config.idle_timeout,
        )
        # Conversations that have had a sandbox, oldest first (a dict as an ordered set).
        self._started: dict[str, None] = {}

    async def sandbox(self, key: str, databases: dict[str, Any]) -> tuple[Sandbox, bool]:
        """The conversation's sandbox, and whether it is a replacement for one that was dropped."""
        token = _databases_of_new_sandbox.set(databases)
        try:
            # to_thread copies this task's context, so the factory sees `databases`.
            sandbox, created = await asyncio.to_thread(self._pool.get, key)
        finally:
            _databases_of_new_sandbox.reset(token)
        restarted = created and key in self._started
        self._started[key] = None
        if len(self._started) > _REMEMBERED_CONVERSATIONS:
            del self._started[next(iter(self._started))]
        return sandbox, restarted

    async def reset(self, key: str) -> None:
        await asyncio.to_thread(self._pool.discard, key)
        self._started.pop(key, None)


def _conversations(datasette: Any) -> _Conversations:
    conversations = getattr(datasette, "_micropython_conversations", None)
    if conversations is None:
        conversations = _Conversations(plugin_config(datasette))
        datasette._micropython_conversations = conversations
    return conversations
