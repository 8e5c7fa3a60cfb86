"""Datasette databases and an actor's permissions -> the `databases=` of a sandbox.

A database file is opened by the engine itself (read-only by SQLite's own flags and authorizer); an
in-memory database, which a native extension cannot open, is queried through Datasette with a query
function, read-only by the engine's own rules (`datasette_micropython._sqlite`). Every integration (agent tool, console, enrichment) gets its
sandboxes' databases from here."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import time
from typing import Any

from datasette.resources import DatabaseResource
from datasette.utils import sqlite_timelimit

from .._sqlite import query_read_only


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
        # The engine reads the file itself: the Python SQL functions are installed on its connections
        # too (in-memory databases are queried on Datasette's connections, which have them already).
        from .functions import configured_functions

        source: dict[str, Any] = {"path": os.path.abspath(db.path), "immutable": not db.is_mutable}
        sql_functions = configured_functions(datasette, db.name)
        if sql_functions is not None:
            source["sql_functions"] = sql_functions
        return source
    return _query_through_datasette(datasette, db)


def _query_through_datasette(datasette: Any, db: Any) -> Any:
    """The query function of an in-memory database (the engine can only open files): one SELECT on a
    Datasette read connection, read-only by the engine's own rules (SQLite's authorizer), with SQLite's
    length limit and the sandbox's byte cap, under Datasette's SQL time limit."""

    def run(
        conn: sqlite3.Connection, sql: str, params: Any, max_rows: int, max_bytes: int
    ) -> tuple[list[str], list[list[Any]], bool]:
        with sqlite_timelimit(conn, datasette.sql_time_limit_ms):
            return query_read_only(conn, sql, params, max_rows, max_bytes)

    async def query(
        sql: str, params: Any, max_rows: int, max_bytes: int
    ) -> tuple[list[str], list[list[Any]], bool]:
        # An in-memory database is one shared-cache database: while a write (an enrichment's, a job's)
        # holds a table, a read of it fails at once with "database table is locked" (no busy timeout
        # applies). Wait for the write, as a file database's reader would, within the SQL time limit.
        deadline = time.monotonic() + datasette.sql_time_limit_ms / 1000
        pause = 0.002
        while True:
            try:
                result: tuple[list[str], list[list[Any]], bool] = await db.execute_fn(
                    lambda conn: run(conn, sql, params, max_rows, max_bytes)
                )
            except TimeoutError as e:
                raise TimeoutError("SQL time limit exceeded") from e
            except ValueError as e:  # the SQL error of `query_read_only`, caused by SQLite's
                if not _is_shared_cache_lock(e.__cause__) or time.monotonic() + pause > deadline:
                    raise
                await asyncio.sleep(pause)
                pause = min(pause * 2, 0.05)
                continue
            return result

    return query


def _is_shared_cache_lock(error: BaseException | None) -> bool:
    """SQLITE_LOCKED: another connection to the same shared cache holds the table or schema."""
    if not isinstance(error, sqlite3.OperationalError):
        return False
    code = getattr(error, "sqlite_errorcode", None)  # Python 3.11+
    if code is not None:
        return bool(code & 0xFF == 6)
    return str(error).startswith(("database table is locked", "database schema is locked"))
