# The guest side of the SQL bridge (rust/core/src/sql.rs): read-only queries against the databases the
# host attached to this sandbox. Every call is a host call; SQLite enforces read-only on the host.
# In scheduled jobs only, insert/upsert/delete queue writes that the host applies after the run (below).
import _host


class SQLError(ValueError):
    """A query failed: SQLite's message, or a refused write."""


class Rows(list):
    """Query results: a list of dict rows, with `columns` (names, in order) and `truncated` (True when
    the host's row or byte cap cut the result short)."""


def _call(*args):
    try:
        return _host.call(*args)
    except ValueError as e:
        raise SQLError(str(e))


def query(sql, params=None, database=None, max_rows=None):
    """Runs `sql` with `params` (a list for `?`, a dict for `:name`) and returns all rows as dicts."""
    columns, table, truncated = _call("_sql_query", sql, database, params, max_rows)
    rows = Rows(table)
    rows.columns = columns
    rows.truncated = truncated
    return rows


def iter_query(sql, params=None, database=None):
    """Yields the rows of `sql` one by one, fetched in pages: for results too big to hold at once."""
    cursor = _call("_sql_open", sql, database, params)
    try:
        while True:
            page = _call("_sql_fetch", cursor)
            if page is None:
                return
            yield from page
    finally:
        _host.call("_sql_close", cursor)


def databases():
    """Names of the databases this sandbox may read."""
    return _host.call("_sql_databases")


def tables(database=None):
    """Names of the tables of a database."""
    sql = "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name"
    return [row["name"] for row in query(sql, database=database)]


def columns(table, database=None):
    """Column names of a table, in order."""
    rows = query("select name from pragma_table_info(?)", [table], database)
    if not rows:
        raise SQLError("no such table: " + table)
    return [row["name"] for row in rows]


# Writing, in scheduled jobs only (datasette_micropython/plugin/jobs_writes.py). Each call hands its rows
# to the host, which checks them and queues them; the host applies everything a run queued in one
# transaction after the job's run() returns, and nothing at all when the run fails. Outside a job the host
# function does not exist.
_WRITE_FUNCTION = "_datasette_write"


def _write(operation, table, rows, options):
    if isinstance(rows, dict):
        rows = [rows]
    elif not isinstance(rows, list):
        rows = list(rows)
    try:
        return _host.call(_WRITE_FUNCTION, operation, table, rows, options)
    except NameError as e:
        if _WRITE_FUNCTION not in str(e):
            raise
    except TypeError:
        # The codec refused a value before the host saw the rows: name the row, as the host does.
        _name_unsendable(operation, rows)
        raise
    raise RuntimeError(
        "datasette." + operation + "(): writing is only available in scheduled jobs"
        " (the Jobs page, or jobs: in datasette.yaml); elsewhere the databases are read-only"
    )


_SENDABLE = (type(None), bool, int, float, str, bytes, list, tuple, dict)


def _name_unsendable(operation, rows):
    if operation == "delete":
        return
    for index, row in enumerate(rows):
        where = "datasette." + operation + "(): rows[" + str(index) + "]"
        if not isinstance(row, dict):
            raise TypeError(where + " is a " + type(row).__name__ + ", not a dict")
        for column, value in row.items():
            if not isinstance(value, _SENDABLE):
                raise TypeError(
                    where + ": column " + repr(column) + ": a " + type(value).__name__ + " cannot be stored"
                    " (None, bool, int, float, str, bytes, or a list/dict stored as JSON)"
                )


def insert(table, rows, pk=None, replace=False, alter=False):
    """Queues `rows` (a dict or an iterable of dicts) for insertion into `table`, created on first insert
    (`pk`: its primary key column or columns). `replace=True` replaces rows with the same primary key;
    `alter=True` adds columns the table lacks. Returns the number of rows queued."""
    return _write("insert", table, rows, {"pk": pk, "replace": replace, "alter": alter})


def upsert(table, rows, pk, alter=False):
    """Queues `rows` for insert-or-update by primary key `pk`: columns a row leaves out keep their
    values. Returns the number of rows queued."""
    return _write("upsert", table, rows, {"pk": pk, "alter": alter})


def delete(table, pks):
    """Queues the deletion of the rows of `table` whose primary key is in `pks` (values, or tuples of
    values for a compound key). Returns the number of keys queued."""
    return _write("delete", table, pks, {})
