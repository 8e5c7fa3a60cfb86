"""SQL functions written in Python, usable in every Datasette query (issue 19).

Defined in datasette.yaml::

    plugins:
      datasette-agent-micropython:
        functions:
          slugify:
            code: |
              def slugify(s):
                  return "-".join(s.lower().split())
          py_median:
            aggregate: true
            code: |
              class py_median: ...

Each is installed on every Datasette connection (`prepare_connection`) through the engine's
`SqlFunctions`: SQLite calls the engine directly, which runs the call in a sandbox of that connection
(one per function, created at its first call), converting SQLite's values to the guest's and back without
Python objects or the GIL. Connections belong to threads, so concurrent queries never share guest state.
Function sandboxes have no host functions, files, network or databases. Every call is bounded by the
function's `time_limit` (never more than Datasette's `sql_time_limit_ms`, which cannot interrupt a call in
progress) and its sandbox by `memory_limit`; a failure is the statement's SQL error, worded by
`errors.sql_function_error`.

The Functions page (`/-/micropython/functions`, permission `micropython-functions`) defines, tests and
saves more, each for one database or all, in the internal database. `Registry` keeps both kinds, one
engine function set per database, and the connections they were installed on: a saved change is
installed on those at once (and removed functions removed), so it needs no restart.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from datasette import Forbidden, Response, hookimpl
from datasette.permissions import Action

from .. import _engine
from .._sqlite import bridge_sqlite
from ..limits import LIMITS, LimitError, parse_limit
from .config import PLUGIN_NAME, ConfigError
from .errors import sql_function_error

#: Limits of a function's sandboxes where they differ from the engine's: a call is one value of one row,
#: so it gets a second (and at most the query's own time limit), a small heap, and little grace after
#: the soft interrupt before a function that swallows it is stopped outright.
FUNCTION_DEFAULTS: dict[str, Any] = {"time_limit": 1.0, "memory_limit": 32 * 2**20, "hard_grace": 0.25}

#: The limits a function's definition may set.
FUNCTION_LIMITS = ("time_limit", "memory_limit")

#: The engine's defaults, under the function defaults.
LIMIT_DEFAULTS: dict[str, Any] = {name: spec.default for name, spec in LIMITS.items()}

_KEYS = {"code", "aggregate", "deterministic", *FUNCTION_LIMITS}


@dataclass(frozen=True)
class FunctionDefinition:
    """One SQL function: `code` defines a function (or, for an aggregate, a class) named `name`."""

    name: str
    code: str
    aggregate: bool = False
    deterministic: bool = False
    #: The limits set for this function (the others take `FUNCTION_DEFAULTS`, then the engine's).
    limits: Mapping[str, Any] = field(default_factory=dict)

    def sandbox_limits(self, sql_time_limit: float | None) -> dict[str, Any]:
        """Limits of this function's sandboxes: a call never outlives the query's own time limit."""
        limits = {**FUNCTION_DEFAULTS, **self.limits}
        if sql_time_limit:
            limits["time_limit"] = min(limits["time_limit"], sql_time_limit)
        return limits


def parse_functions(raw: object) -> list[FunctionDefinition]:
    """The `functions:` section of the plugin's settings, checked (not yet run)."""
    if raw is None:
        return []
    if not isinstance(raw, Mapping):
        raise ConfigError(f"{PLUGIN_NAME}: functions must map function names to {{code: ...}}")
    definitions = []
    for name, spec in raw.items():
        setting = f"functions.{name}"
        if not isinstance(name, str) or not name.isidentifier() or not name.isascii():
            raise ConfigError(f"{PLUGIN_NAME}: {setting}: the name must be a Python identifier (ASCII)")
        if not isinstance(spec, Mapping) or not isinstance(spec.get("code"), str):
            raise ConfigError(f"{PLUGIN_NAME}: {setting} must be a mapping with the Python source in code:")
        unknown = sorted(set(spec) - _KEYS)
        if unknown:
            raise ConfigError(
                f"{PLUGIN_NAME}: {setting}: unknown key(s) {', '.join(map(str, unknown))} "
                f"(known: {', '.join(sorted(_KEYS))})"
            )
        flags = {}
        for flag in ("aggregate", "deterministic"):
            value = spec.get(flag, False)
            if not isinstance(value, bool):
                raise ConfigError(f"{PLUGIN_NAME}: {setting}.{flag} must be true or false, got {value!r}")
            flags[flag] = value
        limits = {}
        for limit in FUNCTION_LIMITS:
            if limit in spec:
                try:
                    limits[limit] = parse_limit(limit, spec[limit], f"{setting}.{limit}")
                except LimitError as e:
                    raise ConfigError(f"{PLUGIN_NAME}: {e}") from e
        definitions.append(FunctionDefinition(name, spec["code"], limits=limits, **flags))
    return definitions


def build(
    definitions: list[FunctionDefinition], sql_time_limit: float | None, *, check: bool = True
) -> _engine.SqlFunctions:
    """The engine's function set for `definitions`; with `check`, each is defined once in a scratch
    sandbox first, so that a bad definition is refused now, with its line."""
    limits = {d.name: {**LIMIT_DEFAULTS, **d.sandbox_limits(sql_time_limit)} for d in definitions}

    def render_error(name: str, stage: str, error: _engine.SandboxError) -> str:
        return sql_function_error(name, stage, error, limits[name])

    functions = _engine.SqlFunctions(
        [(d.name, d.code, d.aggregate, d.deterministic, limits[d.name]) for d in definitions], render_error
    )
    for index, definition in enumerate(definitions if check else []):
        try:
            functions.check(index)
        except _engine.SandboxError as e:
            raise ConfigError(f"{PLUGIN_NAME}: functions.{render_error(definition.name, 'define', e)}") from e
    return functions


def _sql_time_limit(datasette: Any) -> float | None:
    ms = datasette.setting("sql_time_limit_ms")
    return ms / 1000 if ms else None


class Registry:
    """The SQL functions of one Datasette instance: those of datasette.yaml and those saved on the
    Functions page (in the internal database, each for one database or all), built into one engine
    function set per database, and the connections they were installed on (so that a saved change reaches
    connections that already exist, not only new ones)."""

    def __init__(self, datasette: Any, configured: list[FunctionDefinition]) -> None:
        self.datasette = datasette
        self.configured = configured
        #: Saved functions: (definition, database or None for all).
        self.stored: list[tuple[FunctionDefinition, str | None]] = []
        self._sets: dict[str | None, _engine.SqlFunctions | None] = {}
        self._connections: dict[str, list[Any]] = {}
        self._lock = threading.Lock()

    def definitions(self, database: str | None) -> list[FunctionDefinition]:
        """The functions of `database` (None: those of every database)."""
        return self.configured + [d for d, scope in self.stored if scope is None or scope == database]

    def functions_for(self, database: str | None) -> _engine.SqlFunctions | None:
        """The engine's function set of `database`, built once per change (None: no functions)."""
        with self._lock:
            if database not in self._sets:
                definitions = self.definitions(database)
                # Checked already: datasette.yaml's at startup, saved ones when they were saved.
                limit = _sql_time_limit(self.datasette)
                self._sets[database] = build(definitions, limit, check=False) if definitions else None
            return self._sets[database]

    def install(self, conn: Any, database: str) -> None:
        functions = self.functions_for(database)
        with self._lock:
            self._connections.setdefault(database, []).append(conn)
        if functions is not None:
            functions.register(conn)

    def replace_stored(self, stored: list[tuple[FunctionDefinition, str | None]]) -> None:
        """New saved functions: rebuilt sets, installed on every live connection (off the event loop)."""
        with self._lock:
            before = {name: {d.name for d in self.definitions(name)} for name in self._connections}
            self.stored = stored
            self._sets = {}
            connections = {name: list(conns) for name, conns in self._connections.items()}
        for database, conns in connections.items():
            functions = self.functions_for(database)
            removed = sorted(before[database] - {d.name for d in self.definitions(database)})
            alive = []
            for conn in conns:
                try:
                    if functions is not None:
                        functions.register(conn, removed)
                    elif removed:
                        _engine.SqlFunctions([], _no_messages).register(conn, removed)
                    alive.append(conn)
                except (sqlite3.ProgrammingError, ValueError):
                    pass  # closed, or bound to its own thread: it gets no more updates
                except _engine.SandboxError:
                    alive.append(conn)  # busy (a statement is running): it keeps the previous set
            with self._lock:
                self._connections[database] = alive


def _no_messages(name: str, stage: str, error: _engine.SandboxError) -> str:
    return str(error)


def registry(datasette: Any) -> Registry:
    """The function registry of this Datasette instance; the functions of datasette.yaml are checked the
    first time (a bad definition stops startup, naming it and its line)."""
    found: Registry | None = getattr(datasette, "_micropython_functions", None)
    if found is not None:
        return found
    definitions = parse_functions((datasette.plugin_config(PLUGIN_NAME) or {}).get("functions"))
    if definitions:
        why = bridge_sqlite()
        if why is not None:
            raise ConfigError(
                f"{PLUGIN_NAME}: functions need the engine linked to the SQLite of Python's sqlite3, "
                f"which is not possible here: {why}"
            )
        build(definitions, _sql_time_limit(datasette))
    found = Registry(datasette, definitions)
    datasette._micropython_functions = found
    return found


def configured_functions(datasette: Any, database: str | None = None) -> _engine.SqlFunctions | None:
    """The engine's function set for `database`: datasette.yaml's functions and the saved ones."""
    return registry(datasette).functions_for(database)


@hookimpl
def prepare_connection(conn: Any, database: str, datasette: Any) -> None:
    registry(datasette).install(conn, database)


# ---- the Functions page ----------------------------------------------------------------------------------

#: The permission to define, test and save functions on the Functions page (denied unless granted).
ACTION = "micropython-functions"
PAGE = "/-/micropython/functions"
_TABLE = "micropython_functions"
_SCHEMA = f"""
create table if not exists {_TABLE} (
    name text primary key,
    database text,  -- null: every database
    code text not null,
    aggregate integer not null default 0,
    deterministic integer not null default 0,
    time_limit real,
    memory_limit integer,
    updated_by text,
    updated_at text not null default (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
)
"""
#: Most sample calls one test request may make.
MAX_SAMPLES = 100


@hookimpl(specname="register_actions")
def functions_action(datasette: Any) -> list[Action]:
    return [
        Action(
            name=ACTION,
            abbr="mpf",
            description="Define, test and save Python SQL functions on the Functions page",
            resource_class=None,
        )
    ]


@hookimpl(specname="register_routes")
def functions_routes() -> list[tuple[str, Any]]:
    return [
        (rf"^{PAGE}$", functions_view),
        (rf"^{PAGE}/test$", test_view),
        (rf"^{PAGE}/save$", save_view),
        (rf"^{PAGE}/delete$", delete_view),
    ]


@hookimpl(specname="menu_links")
def functions_menu_link(datasette: Any, actor: Any) -> Any:
    async def links() -> list[dict[str, str]]:
        if not await _allowed(datasette, actor):
            return []
        return [{"href": datasette.urls.path(PAGE), "label": "Python SQL functions"}]

    return links


async def _allowed(datasette: Any, actor: Any) -> bool:
    return bool(await datasette.allowed(action=ACTION, actor=actor))


async def load_stored_functions(datasette: Any) -> None:
    """Creates the table of saved functions in the internal database and installs what it holds."""
    internal = datasette.get_internal_database()
    await internal.execute_write(_SCHEMA)
    rows = await internal.execute(
        f"select name, database, code, aggregate, deterministic, time_limit, memory_limit from {_TABLE} order by name"
    )
    stored = []
    for name, database, code, aggregate, deterministic, time_limit, memory_limit in rows.rows:
        limits = {
            k: v for k, v in (("time_limit", time_limit), ("memory_limit", memory_limit)) if v is not None
        }
        stored.append(
            (FunctionDefinition(name, code, bool(aggregate), bool(deterministic), limits), database)
        )
    await asyncio.to_thread(registry(datasette).replace_stored, stored)


async def functions_view(datasette: Any, request: Any) -> Response:
    if not await _allowed(datasette, request.actor):
        raise Forbidden("You need the micropython-functions permission to manage Python SQL functions")
    reg = registry(datasette)
    saved = [
        {
            "name": d.name,
            "database": scope,
            "code": d.code,
            "aggregate": d.aggregate,
            "deterministic": d.deterministic,
            **d.limits,
        }
        for d, scope in reg.stored
    ]
    html = await datasette.render_template(
        "micropython_functions.html",
        {
            "configured": reg.configured,
            "saved": saved,
            "databases": [name for name in datasette.databases if name != "_internal"],
            "defaults": FUNCTION_DEFAULTS,
            "page": datasette.urls.path(PAGE),
            "plugin": PLUGIN_NAME,
        },
        request=request,
    )
    return Response.html(html)


async def _body(datasette: Any, request: Any) -> dict[str, Any] | Response:
    if request.method != "POST":
        return Response.error("POST a JSON object", status=405)
    if not await _allowed(datasette, request.actor):
        return Response.json({"ok": False, "error": "permission denied"}, status=403)
    try:
        body = json.loads(await request.post_body())
    except ValueError:
        return Response.error("Expected a JSON object")
    if not isinstance(body, dict):
        return Response.error("Expected a JSON object")
    return body


def _definition(body: Mapping[str, Any]) -> FunctionDefinition:
    """The function a request describes, checked as datasette.yaml's are (ConfigError names the field)."""
    why = bridge_sqlite()
    if why is not None:
        raise ConfigError(f"SQL functions need the engine linked to the SQLite of Python's sqlite3: {why}")
    name = body.get("name")
    spec = {
        k: body[k]
        for k in ("code", "aggregate", "deterministic", *FUNCTION_LIMITS)
        if body.get(k) is not None
    }
    (definition,) = parse_functions({name: spec})
    return definition


def _run_samples(
    definition: FunctionDefinition, samples: list[Any], sql_time_limit: float | None
) -> dict[str, Any]:
    """Defines the function in a fresh sandbox and calls it through SQLite on `samples`: one list of
    arguments per call, or for an aggregate one list per row of a single group."""
    functions = build([definition], sql_time_limit)
    conn = sqlite3.connect(":memory:")
    try:
        functions.register(conn)
        if definition.aggregate:
            width = max((len(row) for row in samples), default=1) or 1
            columns = [f"c{i}" for i in range(width)]
            conn.execute(f"create table samples ({', '.join(columns)})")
            conn.executemany(
                f"insert into samples values ({', '.join('?' * width)})",
                [list(row) + [None] * (width - len(row)) for row in samples],
            )
            try:
                (value,) = conn.execute(
                    f"select {definition.name}({', '.join(columns)}) from samples"
                ).fetchone()
                return {"results": [{"value": _json_value(value)}]}
            except sqlite3.Error as e:
                return {"results": [{"error": str(e)}]}
        results = []
        for args in samples:
            try:
                placeholders = ", ".join("?" * len(args))
                (value,) = conn.execute(f"select {definition.name}({placeholders})", args).fetchone()
                results.append({"value": _json_value(value)})
            except sqlite3.Error as e:
                results.append({"error": str(e)})
        return {"results": results}
    finally:
        conn.close()


def _json_value(value: Any) -> Any:
    return value.hex() if isinstance(value, bytes) else value


def _samples(body: Mapping[str, Any]) -> list[list[Any]]:
    samples = body.get("samples", [])
    valid = isinstance(samples, list) and all(
        isinstance(row, list) and all(v is None or isinstance(v, (int, float, str)) for v in row)
        for row in samples
    )
    if not valid or len(samples) > MAX_SAMPLES:
        raise ConfigError(
            f"samples must be a list of at most {MAX_SAMPLES} lists of values (numbers, strings or null), "
            'e.g. [["Hello World"], ["Another One"]]'
        )
    return [list(row) for row in samples]


async def test_view(datasette: Any, request: Any) -> Response:
    body = await _body(datasette, request)
    if isinstance(body, Response):
        return body
    try:
        definition = _definition(body)
        samples = _samples(body)
        result = await asyncio.to_thread(_run_samples, definition, samples, _sql_time_limit(datasette))
    except ConfigError as e:
        return Response.json({"ok": False, "error": _without_prefix(str(e))})
    return Response.json({"ok": True, **result})


async def save_view(datasette: Any, request: Any) -> Response:
    body = await _body(datasette, request)
    if isinstance(body, Response):
        return body
    reg = registry(datasette)
    database = body.get("database") or None
    try:
        definition = _definition(body)
        if database is not None and database not in datasette.databases:
            raise ConfigError(f"database: no database named {database!r}")
        others = [d.name.lower() for d, _ in reg.stored if d.name != definition.name]
        if definition.name.lower() in [d.name.lower() for d in reg.configured]:
            raise ConfigError(f"{definition.name} is defined in datasette.yaml; choose another name")
        if definition.name.lower() in others:
            raise ConfigError(f"a function named {definition.name} (ignoring case) is already saved")
        await asyncio.to_thread(build, [definition], _sql_time_limit(datasette))
    except ConfigError as e:
        return Response.json({"ok": False, "error": _without_prefix(str(e))})
    actor_id = (request.actor or {}).get("id")

    def write(conn: sqlite3.Connection) -> None:
        conn.execute(
            f"insert or replace into {_TABLE} (name, database, code, aggregate, deterministic, time_limit, "
            "memory_limit, updated_by) values (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                definition.name,
                database,
                definition.code,
                definition.aggregate,
                definition.deterministic,
                definition.limits.get("time_limit"),
                definition.limits.get("memory_limit"),
                None if actor_id is None else str(actor_id),
            ],
        )

    await datasette.get_internal_database().execute_write_fn(write)
    await load_stored_functions(datasette)
    return Response.json({"ok": True, "name": definition.name, "database": database})


async def delete_view(datasette: Any, request: Any) -> Response:
    body = await _body(datasette, request)
    if isinstance(body, Response):
        return body
    name = body.get("name")
    await datasette.get_internal_database().execute_write(f"delete from {_TABLE} where name = ?", [name])
    await load_stored_functions(datasette)
    return Response.json({"ok": True})


def _without_prefix(message: str) -> str:
    prefix = f"{PLUGIN_NAME}: functions."
    return message[len(prefix) :] if message.startswith(prefix) else message.removeprefix(f"{PLUGIN_NAME}: ")
