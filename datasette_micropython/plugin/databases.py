"""Datasette databases and an actor's permissions -> the `databases=` of a sandbox.

A database file is opened by the engine itself (read-only by SQLite's own flags and authorizer); an
in-memory database, which a native extension cannot open, is queried through Datasette with a query
function, read-only by the authorizer below. Every integration (agent tool, console, enrichment) gets its
sandboxes' databases from here."""

from __future__ import annotations

import os
import sqlite3
import sys
from typing import Any

from datasette.resources import DatabaseResource
from datasette.utils import sqlite_timelimit

# What in-memory database queries may do: read tables and call functions, and the pragmas that only read
# the schema (as the engine allows for database files).
_READ_ACTIONS = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_RECURSIVE}
_READ_ONLY_PRAGMAS = {
    "table_info",
    "table_xinfo",
    "index_list",
    "index_info",
    "index_xinfo",
    "foreign_key_list",
    "table_list",
}


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
    Datasette read connection, read-only by SQLite's authorizer as in the engine, under Datasette's SQL
    time limit."""

    def run(
        conn: sqlite3.Connection, sql: str, params: Any, max_rows: int
    ) -> tuple[list[str], list[list[Any]], bool]:
        conn.set_authorizer(_authorize_reading)
        try:
            with sqlite_timelimit(conn, datasette.sql_time_limit_ms):
                cursor = conn.execute(sql, params if params is not None else [])
                rows = cursor.fetchmany(max_rows + 1)
        finally:
            # Python 3.10 cannot remove an authorizer; one that allows everything is the same.
            conn.set_authorizer(None if sys.version_info >= (3, 11) else _authorize_everything)
        columns = [column[0] for column in cursor.description or ()]
        return columns, [list(row) for row in rows[:max_rows]], len(rows) > max_rows

    async def query(sql: str, params: Any, max_rows: int) -> tuple[list[str], list[list[Any]], bool]:
        try:
            result: tuple[list[str], list[list[Any]], bool] = await db.execute_fn(
                lambda conn: run(conn, sql, params, max_rows)
            )
        except sqlite3.Error as e:
            message = "SQL time limit exceeded" if e.args == ("interrupted",) else str(e)
            raise ValueError(message) from e
        return result

    return query


def _authorize_reading(action: int, arg1: str | None, arg2: str | None, *_: object) -> int:
    if action in _READ_ACTIONS or (action == sqlite3.SQLITE_PRAGMA and arg1 in _READ_ONLY_PRAGMAS):
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_FUNCTION and arg2 != "load_extension":
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_UPDATE and arg1 == "sqlite_master":
        # SQLite's own declaration of a pragma table (pragma_table_info) the first time a connection uses
        # it; statements cannot modify sqlite_master without the writable_schema pragma, which is denied.
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


def _authorize_everything(*_: object) -> int:
    return sqlite3.SQLITE_OK
