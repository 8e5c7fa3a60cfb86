"""Writing from scheduled jobs: the host side of the guest's `datasette.insert`/`upsert`/`delete`.

A job's sandbox gets one host function, `_datasette_write`, bound to a `WriteQueue`: each call is checked
(granted table, names, value types, caps on rows and bytes per run) and queued, nothing is written while
guest code runs. After the job's `run()` returns, `apply_writes` replays the queue on Datasette's write
connection inside the one transaction of `execute_write_fn`: every write of the run lands, or (on any
error, a dry run included) none does.

Tables follow sqlite-utils' rules: created on first insert from the rows' columns and value types, `pk`
their primary key (else a rowid table), `alter=True` adds missing columns, `replace=True` is INSERT OR
REPLACE, upsert inserts or updates by primary key leaving the columns a row omits untouched (as
sqlite-utils' `upsert` of each row does; its `upsert_all` sets them to null when other rows of the batch
have them). Dicts and
lists are stored as JSON text, as sqlite-utils does. Importing this module does not import Datasette."""

from __future__ import annotations

import json
import operator
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["WRITE_FUNCTION", "DryRun", "Write", "WriteQueue", "apply_writes"]

#: The name of the host function the guest's `datasette` module calls (see its source).
WRITE_FUNCTION = "_datasette_write"

# SQLite's INTEGER range: a bigger Python int would be stored as a lossy REAL by the sqlite3 module.
_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1
# Rows per executemany batch: large enough to amortise the statement, small enough to keep memory flat.
_BATCH = 2000
# How many rows per table a dry run shows.
PREVIEW_ROWS = 20


@dataclass
class Write:
    """One queued call: `operation` is insert, upsert or delete; `rows` are dicts (or, for delete, keys)."""

    operation: str
    table: str
    rows: list[Any]
    pk: tuple[str, ...] | None = None
    replace: bool = False
    alter: bool = False


@dataclass
class WriteQueue:
    """The writes of one run, checked as the guest queues them.

    `tables` are the tables the job may write; `max_rows` and `max_bytes` cap what one run may queue
    (rows and delete keys; bytes of column names and values, as stored)."""

    tables: tuple[str, ...]
    max_rows: int
    max_bytes: int
    writes: list[Write] = field(default_factory=list)
    rows: int = 0
    bytes: int = 0

    def host_function(self, operation: Any, table: Any, rows: Any, options: Any) -> int:
        """`_datasette_write(operation, table, rows, options)`: checks and queues one call; returns the
        number of rows (or keys) queued. Errors reach the guest as the exception raised here."""
        if operation not in ("insert", "upsert", "delete"):
            raise ValueError(f"unknown write operation {operation!r}")
        call = f"datasette.{operation}()"
        if not isinstance(table, str) or not table:
            raise TypeError(f"{call}: the table name must be a non-empty str, not {table!r}")
        if table not in self.tables:
            granted = ", ".join(self.tables) or "none"
            raise PermissionError(
                f"{call}: this job may not write to table {table!r} (tables it may write: {granted})"
            )
        if not isinstance(rows, list):
            raise TypeError(f"{call}: rows must be a list of dicts")
        if not isinstance(options, dict):
            raise TypeError(f"{call}: bad options {options!r}")
        pk = _primary_key(options.get("pk"), call)
        if operation == "upsert" and pk is None:
            raise ValueError(f"{call}: pk (the primary key column, or a list of them) is required")
        replace, alter = options.get("replace", False), options.get("alter", False)
        for name, flag in (("replace", replace), ("alter", alter)):
            if not isinstance(flag, bool):
                raise TypeError(f"{call}: {name} must be True or False, not {flag!r}")
        if self.rows + len(rows) > self.max_rows:
            raise ValueError(
                f"{call}: this run may write at most {self.max_rows:,} rows "
                f"({self.rows:,} queued before this call of {len(rows):,})"
            )
        if operation == "delete":
            size = sum(_check_key(key, index, call) for index, key in enumerate(rows))
            checked: list[Any] = [tuple(key) if isinstance(key, list) else key for key in rows]
        else:
            size = 0
            checked = []
            names: set[str] = set()
            for index, row in enumerate(rows):
                row_size, row = _check_row(row, index, call, pk, names)
                size += row_size
                checked.append(row)
        if self.bytes + size > self.max_bytes:
            raise ValueError(
                f"{call}: this run may write at most {self.max_bytes:,} bytes "
                f"({self.bytes:,} queued before this call of {size:,})"
            )
        self.rows += len(checked)
        self.bytes += size
        self.writes.append(Write(operation, table, checked, pk, replace, alter))
        return len(checked)


def _primary_key(value: Any, call: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    names = [value] if isinstance(value, str) else value
    if (
        not isinstance(names, (list, tuple))
        or not names
        or not all(isinstance(name, str) and name and "\0" not in name for name in names)
    ):
        raise TypeError(f"{call}: pk must be a column name or a list of column names, not {value!r}")
    return tuple(names)


def _check_row(
    row: Any, index: int, call: str, pk: tuple[str, ...] | None, names: set[str]
) -> tuple[int, dict[str, Any]]:
    """The stored size of `row` and the row as it is written (dicts and lists as JSON text, in place: the
    rows are the host's own copies). `names` caches the column names already checked. The common cases
    come first: this runs for every value a job writes."""
    if type(row) is not dict:
        raise TypeError(f"{call}: rows[{index}] is a {type(row).__name__}, not a dict")
    if not row:
        raise ValueError(f"{call}: rows[{index}] has no columns")
    size = 0
    for column, value in row.items():
        if column not in names:
            if not isinstance(column, str) or not column or "\0" in column:
                raise ValueError(
                    f"{call}: rows[{index}]: column names must be non-empty strs without NUL, not {column!r}"
                )
            names.add(column)
        size += len(column)
        kind = type(value)
        if kind is str:
            size += len(value) if value.isascii() else len(value.encode("utf-8", "surrogatepass"))
        elif kind is int:
            if not _INT_MIN <= value <= _INT_MAX:
                raise OverflowError(
                    f"{call}: rows[{index}]: column {column!r}: {value} does not fit SQLite's 64-bit INTEGER"
                )
            size += 8
        elif kind is float or kind is bool or value is None:
            size += 8
        elif kind is bytes:
            size += len(value)
        elif kind in (list, tuple, dict):
            try:
                text = json.dumps(value, ensure_ascii=False)
            except (TypeError, ValueError) as e:
                raise TypeError(
                    f"{call}: rows[{index}]: column {column!r}: {e} (lists and dicts are stored as JSON)"
                ) from e
            row[column] = text
            size += len(text.encode("utf-8", "surrogatepass"))
        else:
            raise TypeError(
                f"{call}: rows[{index}]: column {column!r}: a {kind.__name__} cannot be stored "
                "(None, bool, int, float, str, bytes, or a list/dict stored as JSON)"
            )
    for column in pk or ():
        if row.get(column) is None:
            raise ValueError(f"{call}: rows[{index}] has no value for the primary key column {column!r}")
    return size, row


def _check_key(key: Any, index: int, call: str) -> int:
    parts = key if isinstance(key, (list, tuple)) else [key]
    if not parts:
        raise ValueError(f"{call}: pks[{index}] is empty")
    for part in parts:
        if not isinstance(part, (int, float, str, bytes)):
            raise TypeError(f"{call}: pks[{index}]: a primary key value must be an int, float, str or bytes")
    return sum(len(part) if isinstance(part, (str, bytes)) else 8 for part in parts)


class DryRun(Exception):
    """Raised inside the write transaction of a dry run, carrying its report, so that it rolls back."""

    def __init__(self, report: dict[str, Any]) -> None:
        super().__init__("dry run")
        self.report = report


def apply_writes(conn: sqlite3.Connection, writes: Iterable[Write], dry_run: bool = False) -> dict[str, Any]:
    """Replays `writes` on `conn` (inside `execute_write_fn`'s transaction, which rolls back on any
    exception). Returns {table: {"inserted": n, "upserted": n, "deleted": n}} of rows changed; with
    `dry_run`, raises `DryRun` with that report plus a preview of the rows, to roll everything back."""
    report: dict[str, dict[str, Any]] = {}
    for write in writes:
        counts = report.setdefault(write.table, {"inserted": 0, "upserted": 0, "deleted": 0, "preview": []})
        before = conn.total_changes
        if write.operation == "delete":
            _delete(conn, write)
            counts["deleted"] += conn.total_changes - before
        else:
            _insert_or_upsert(conn, write)
            key = "upserted" if write.operation == "upsert" else "inserted"
            # An upsert that updates counts one change per row, the same as one that inserts.
            counts[key] += len(write.rows)
            if dry_run:
                room = PREVIEW_ROWS - len(counts["preview"])
                counts["preview"].extend(write.rows[: max(room, 0)])
    if dry_run:
        raise DryRun(report)
    for counts in report.values():
        del counts["preview"]
    return report


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _table_columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, int]] | None:
    """(name, position in the primary key or 0) of each column, or None when the table does not exist."""
    exists = conn.execute("select 1 from sqlite_master where type = 'table' and name = ?", [table]).fetchone()
    if exists is None:
        return None
    return [(row[1], row[5]) for row in conn.execute(f"pragma table_info({_quote(table)})")]


# sqlite-utils' column type for each Python type of a value (lists and dicts arrive as JSON text).
_SQL_TYPES = {int: "INTEGER", bool: "INTEGER", float: "REAL", bytes: "BLOB", str: "TEXT"}


def _column_types(rows: list[dict[str, Any]], columns: Iterable[str]) -> dict[str, str]:
    """sqlite-utils' choice of each column's type from all its values: the type of its non-null values,
    REAL for a mix of integers and floats, TEXT for any other mix or none."""
    types = {}
    for name in columns:
        kinds = {_SQL_TYPES[kind] for kind in {type(row.get(name)) for row in rows} if kind is not type(None)}
        if kinds == {"INTEGER", "REAL"}:
            types[name] = "REAL"
        else:
            types[name] = kinds.pop() if len(kinds) == 1 else "TEXT"
    return types


def _columns_of(rows: list[dict[str, Any]]) -> list[str]:
    names: dict[str, None] = {}
    last: Any = None
    for row in rows:
        keys = row.keys()
        if keys != last:  # most rows have the columns of the row before
            names.update(dict.fromkeys(keys))
            last = keys
    return list(names)


def _insert_or_upsert(conn: sqlite3.Connection, write: Write) -> None:
    if not write.rows:
        return
    table, pk = write.table, write.pk
    columns = _columns_of(write.rows)
    existing = _table_columns(conn, table)
    if existing is None:
        if pk is not None:
            missing = [name for name in pk if name not in columns]
            if missing:
                raise ValueError(
                    f"datasette.{write.operation}(): the rows have no primary key column {missing[0]!r}"
                )
        types = _column_types(write.rows, columns)
        definitions = [
            f"{_quote(name)} {types[name]}"
            + (" PRIMARY KEY" if pk is not None and len(pk) == 1 and name == pk[0] else "")
            for name in columns
        ]
        if pk is not None and len(pk) > 1:
            definitions.append(f"PRIMARY KEY ({', '.join(map(_quote, pk))})")
        conn.execute(f"CREATE TABLE {_quote(table)} ({', '.join(definitions)})")
        table_pk: tuple[str, ...] = pk or ()
    else:
        names = {name for name, _ in existing}
        missing = [name for name in columns if name not in names]
        if missing and not write.alter:
            raise ValueError(
                f"datasette.{write.operation}(): table {table!r} has no column {missing[0]!r} "
                "(pass alter=True to add the missing columns)"
            )
        types = _column_types(write.rows, missing) if missing else {}
        for name in missing:
            conn.execute(f"ALTER TABLE {_quote(table)} ADD COLUMN {_quote(name)} {types[name]}")
        table_pk = tuple(name for name, position in sorted(existing, key=lambda c: c[1]) if position)
    if write.operation == "insert":
        verb = "INSERT OR REPLACE" if write.replace else "INSERT"
        _execute_grouped(
            conn,
            write.rows,
            lambda cols, keys, marks: f"{verb} INTO {_quote(table)} ({cols}) VALUES ({marks})",
        )
        return
    assert pk is not None
    if set(table_pk) == set(pk):
        # The primary key is the conflict target: one statement per row.
        def upsert_sql(cols: str, keys: list[str], marks: str) -> str:
            updates = [name for name in keys if name not in pk]
            action = (
                "DO UPDATE SET " + ", ".join(f"{_quote(n)} = excluded.{_quote(n)}" for n in updates)
                if updates
                else "DO NOTHING"
            )
            conflict = ", ".join(map(_quote, pk))
            return f"INSERT INTO {_quote(table)} ({cols}) VALUES ({marks}) ON CONFLICT ({conflict}) {action}"

        _execute_grouped(conn, write.rows, upsert_sql)
        return
    # `pk` is not the table's primary key (sqlite-utils allows it): insert the keys, then update the row.
    where = " AND ".join(f"{_quote(name)} = ?" for name in pk)
    for row in write.rows:
        key = [row[name] for name in pk]
        found = conn.execute(f"SELECT 1 FROM {_quote(table)} WHERE {where}", key).fetchone()
        if found is None:
            cols = ", ".join(map(_quote, row))
            conn.execute(
                f"INSERT INTO {_quote(table)} ({cols}) VALUES ({', '.join('?' * len(row))})",
                list(row.values()),
            )
        else:
            others = [name for name in row if name not in pk]
            if others:
                sets = ", ".join(f"{_quote(name)} = ?" for name in others)
                conn.execute(
                    f"UPDATE {_quote(table)} SET {sets} WHERE {where}", [row[n] for n in others] + key
                )


def _execute_grouped(
    conn: sqlite3.Connection, rows: list[dict[str, Any]], make_sql: Callable[[str, list[str], str], str]
) -> None:
    """executemany over runs of rows with the same columns (in any order), in batches."""
    start = 0
    while start < len(rows):
        keys = rows[start].keys()
        end = start + 1
        while end < len(rows) and end - start < _BATCH and rows[end].keys() == keys:
            end += 1
        names = list(keys)
        sql = make_sql(", ".join(map(_quote, names)), names, ", ".join("?" * len(names)))
        values = operator.itemgetter(*names)
        batch = rows[start:end]
        conn.executemany(sql, map(values, batch) if len(names) > 1 else ((values(row),) for row in batch))
        start = end


def _delete(conn: sqlite3.Connection, write: Write) -> None:
    existing = _table_columns(conn, write.table)
    if existing is None:
        raise ValueError(f"datasette.delete(): no such table: {write.table!r}")
    pk = [name for name, position in sorted(existing, key=lambda c: c[1]) if position] or ["rowid"]
    where = " AND ".join(f"{_quote(name)} = ?" for name in pk)
    keys = []
    for index, key in enumerate(write.rows):
        parts = list(key) if isinstance(key, tuple) else [key]
        if len(parts) != len(pk):
            raise ValueError(
                f"datasette.delete(): pks[{index}] has {len(parts)} value(s); the primary key of "
                f"{write.table!r} is ({', '.join(pk)})"
            )
        keys.append(parts)
    conn.executemany(f"DELETE FROM {_quote(write.table)} WHERE {where}", keys)
