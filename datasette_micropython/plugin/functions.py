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
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from datasette import hookimpl

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


def build(definitions: list[FunctionDefinition], sql_time_limit: float | None) -> _engine.SqlFunctions:
    """The engine's function set for `definitions`, each defined once in a scratch sandbox so that a bad
    definition is refused now, with its line."""
    limits = {d.name: {**LIMIT_DEFAULTS, **d.sandbox_limits(sql_time_limit)} for d in definitions}

    def render_error(name: str, stage: str, error: _engine.SandboxError) -> str:
        return sql_function_error(name, stage, error, limits[name])

    functions = _engine.SqlFunctions(
        [(d.name, d.code, d.aggregate, d.deterministic, limits[d.name]) for d in definitions], render_error
    )
    for index, definition in enumerate(definitions):
        try:
            functions.check(index)
        except _engine.SandboxError as e:
            raise ConfigError(f"{PLUGIN_NAME}: functions.{render_error(definition.name, 'define', e)}") from e
    return functions


def _sql_time_limit(datasette: Any) -> float | None:
    ms = datasette.setting("sql_time_limit_ms")
    return ms / 1000 if ms else None


def configured_functions(datasette: Any) -> _engine.SqlFunctions | None:
    """The functions of datasette.yaml, checked and built once per Datasette instance (None: none)."""
    if hasattr(datasette, "_micropython_functions"):
        known: _engine.SqlFunctions | None = datasette._micropython_functions
        return known
    raw = (datasette.plugin_config(PLUGIN_NAME) or {}).get("functions")
    definitions = parse_functions(raw)
    cached = None
    if definitions:
        why = bridge_sqlite()
        if why is not None:
            raise ConfigError(
                f"{PLUGIN_NAME}: functions need the engine linked to the SQLite of Python's sqlite3, "
                f"which is not possible here: {why}"
            )
        cached = build(definitions, _sql_time_limit(datasette))
    datasette._micropython_functions = cached
    return cached


@hookimpl
def prepare_connection(conn: Any, database: str, datasette: Any) -> None:
    functions = configured_functions(datasette)
    if functions is not None:
        functions.register(conn)
