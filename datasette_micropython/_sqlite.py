"""The SQL bridge's Python side: which SQLite the engine reads database files with, and read-only queries
on connections that Python's `sqlite3` owns (databases without a file, and database files when the engine
cannot use Python's SQLite).

The engine must read files through the very SQLite instance Python's `sqlite3` uses: POSIX locks belong to
the process and each SQLite library tracks only its own, so a second SQLite would read rows a concurrent
writer has half deleted and could drop that writer's locks. `bridge_sqlite()` links the engine to the
library of the `_sqlite3` module and proves it is the same instance; when that is impossible (a Python whose
`_sqlite3` hides SQLite's symbols), files are served here through `sqlite3` instead, never through a second
SQLite. The read-only rules themselves are the engine's (`sql_authorize`): this module only applies them.
"""

from __future__ import annotations

import functools
import importlib
import os
import sqlite3
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from . import _engine

QueryResult = tuple[list[str], list[list[Any]], bool]

# SQLite VM instructions between two checks of the deadline (as Datasette's own time limit does).
_PROGRESS_INTERVAL = 1000


@functools.cache
def bridge_sqlite() -> str | None:
    """Links the engine to the SQLite of Python's `sqlite3` module, once per process. Returns None when
    database files can be read by the engine, else why not (they are then served through `sqlite3`)."""
    if _engine.linked_sqlite() is not None:
        return None
    library = getattr(importlib.import_module("_sqlite3"), "__file__", None)
    if library is None:
        return "Python's _sqlite3 module is built into the interpreter"
    with tempfile.TemporaryDirectory(prefix="micropython-sqlite-probe-") as directory:
        path = os.path.join(directory, "probe.db")
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            conn.execute("CREATE TABLE probe(x)")
            conn.execute("BEGIN EXCLUSIVE")
            try:
                _engine.link_sqlite(library, path)
            except ValueError as e:
                return str(e)
            finally:
                conn.execute("ROLLBACK")
        finally:
            conn.close()
    return None


class ReadOnlyAuthorizer:
    """An authorizer for `sqlite3.Connection.set_authorizer` that applies the engine's read-only rules
    and remembers why it last refused something (SQLite itself only says "not authorized")."""

    def __init__(self) -> None:
        self.refusal: str | None = None

    def __call__(self, action: int, arg1: str | None, arg2: str | None, *_: object) -> int:
        refusal = _engine.sql_authorize(action, arg1, arg2)
        if refusal is None:
            return sqlite3.SQLITE_OK
        self.refusal = refusal
        return sqlite3.SQLITE_DENY


def _allow_everything(*_: object) -> int:
    return sqlite3.SQLITE_OK


@contextmanager
def _read_only(
    conn: sqlite3.Connection, max_bytes: int, deadline: float | None
) -> Iterator[ReadOnlyAuthorizer]:
    """Installs the read-only rules, SQLite's length limit and the deadline on `conn` for one query, and
    removes them after (the connection may be Datasette's own)."""
    authorizer = ReadOnlyAuthorizer()
    conn.set_authorizer(authorizer)
    # SQLite refuses to build a string or blob over the byte cap, so a query cannot make it allocate more.
    # Connection.setlimit exists from Python 3.11; on 3.10 only the per-value check below applies.
    setlimit = getattr(conn, "setlimit", None)
    old_length = setlimit(sqlite3.SQLITE_LIMIT_LENGTH, min(max_bytes, 2**31 - 1)) if setlimit else None
    if deadline is not None:
        conn.set_progress_handler(lambda: time.monotonic() >= deadline, _PROGRESS_INTERVAL)
    try:
        yield authorizer
    finally:
        if deadline is not None:
            conn.set_progress_handler(None, _PROGRESS_INTERVAL)
        if setlimit and old_length is not None:
            setlimit(sqlite3.SQLITE_LIMIT_LENGTH, old_length)
        # Python 3.10 cannot remove an authorizer; one that allows everything is the same.
        conn.set_authorizer(None if sys.version_info >= (3, 11) else _allow_everything)


def _value_size(value: object) -> int:
    """Bytes a value takes when it crosses to the guest (as the engine counts them)."""
    if isinstance(value, (str, bytes)):
        return 5 + len(value)
    return 9 if value is not None else 1


def query_read_only(
    conn: sqlite3.Connection,
    sql: str,
    params: Any,
    max_rows: int,
    max_bytes: int,
    deadline: float | None = None,
) -> QueryResult:
    """One SELECT on `conn` under the engine's read-only rules: at most `max_rows` rows and `max_bytes`
    bytes (each row's size is checked as it is fetched, one row at a time), stopping at `deadline`
    (`time.monotonic()` seconds). Returns `(columns, rows, truncated)`; a refused statement raises
    `PermissionError`, a SQL error `ValueError`, the deadline `TimeoutError`."""
    with _read_only(conn, max_bytes, deadline) as authorizer:
        try:
            cursor = conn.execute(sql, params if params is not None else [])
            rows: list[list[Any]] = []
            size = 0
            truncated = False
            for row in cursor:
                row_size = sum(_value_size(v) for v in row)
                if len(rows) == max_rows or (rows and size + row_size > max_bytes):
                    truncated = True
                    break
                if row_size > max_bytes:
                    raise ValueError(
                        f"a row of the result takes {row_size} bytes, over the query byte limit of {max_bytes} bytes"
                    )
                rows.append(list(row))
                size += row_size
            cursor.close()
        except sqlite3.Error as e:
            if authorizer.refusal is not None:
                raise PermissionError(f"the SQL bridge is read-only: {authorizer.refusal}") from e
            if e.args == ("interrupted",):
                raise TimeoutError("query interrupted: the time limit was reached") from e
            if isinstance(e, sqlite3.DataError) or "too big" in str(e):
                raise ValueError(f"SQL error: {e}: a value of the query is over the query byte limit") from e
            raise ValueError(f"SQL error: {e}") from e
    columns = [column[0] for column in cursor.description or ()]
    return columns, rows, truncated


def file_query_function(path: str, immutable: bool) -> Callable[[str, Any, int, int], QueryResult]:
    """The query function of a database file served through Python's `sqlite3` (when the engine cannot
    be linked to its SQLite): a read-only connection per query, bounded by the run's time left."""
    uri = (
        "file:"
        + urllib.parse.quote(os.path.abspath(path))
        + ("?mode=ro&immutable=1" if immutable else "?mode=ro")
    )

    def query(sql: str, params: Any, max_rows: int, max_bytes: int) -> QueryResult:
        time_left = _engine.host_call_time_left()
        deadline = None if time_left is None else time.monotonic() + time_left
        try:
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as e:
            raise OSError("the database is not available (its file was moved or deleted)") from e
        try:
            conn.execute("PRAGMA query_only = 1")
            setlimit = getattr(conn, "setlimit", None)
            if setlimit:  # Python 3.11+; the authorizer refuses ATTACH in any case
                setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
            return query_read_only(conn, sql, params, max_rows, max_bytes, deadline)
        finally:
            conn.close()

    return query
