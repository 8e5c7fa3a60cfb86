# The guest side of the SQL bridge (rust/core/src/sql.rs): read-only queries against the databases the
# host attached to this sandbox. Every call is a host call; SQLite enforces read-only on the host.
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
