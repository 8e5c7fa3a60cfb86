"""The `micropython` enrichment (datasette-enrichments): runs a user's `enrich(row)` over every row of a
table in a sandbox and writes what it returns to one column, or to several.

Speed comes from doing little per row on the host: rows go to the guest a thousand per call (a driver
function loops over them there), and a batch's results go back in one transaction with `executemany`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Any
from urllib.parse import parse_qs

from datasette.utils import escape_sqlite, path_from_row_pks, tilde_encode
from datasette_enrichments import Enrichment
from datasette_enrichments.utils import pks_for_rows
from wtforms import Form, RadioField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, ValidationError

from . import GuestError, SandboxError, SandboxMemoryError, SandboxTimeout
from .agent_tool import sandbox_database
from .config import Limits, PluginConfig, plugin_config
from .sandbox import Sandbox
from .sessions import SessionPool

#: Most rows per batch: one page of the table's JSON fetched by the framework (Datasette caps it at
#: `max_returned_rows`) and one write transaction. Big batches spread the framework's per-batch costs
#: (three commits, a page render) over many rows.
MAX_BATCH_SIZE = 10_000

#: Most rows per sandbox call, the unit of the time and memory limits. The guest's cost per row is about
#: three times higher in calls of 2,000 rows or more than in calls of 1,000 (measured), so a batch goes
#: to the guest in slices of this size.
ROWS_PER_CALL = 1000

#: Seconds the code's top level may run when the form is submitted. The check runs inside WTForms'
#: synchronous validation, on the server's event loop, so it is kept short; jobs get the full limit.
FORM_CHECK_TIME_LIMIT = 2.0

#: SQLite column type for each output type of the "one column" mode.
COLUMN_TYPES = {"text": "TEXT", "integer": "INTEGER", "float": "REAL", "json": "TEXT"}

# Defined in every job's sandbox after the user's code: runs `enrich` over a batch and returns the
# results, plus the traceback of each row whose `enrich` raised (by index, without the driver's own
# frame), so one bad row spoils nothing else. A time-limit interrupt (KeyboardInterrupt) is not an
# Exception: it ends the whole call.
DRIVER = "__enrich_rows"
DRIVER_CODE = f"""
def {DRIVER}(rows):
    import io, sys
    results = []
    errors = {{}}
    for i, row in enumerate(rows):
        try:
            results.append(enrich(row))
        except Exception as e:
            results.append(None)
            out = io.StringIO()
            sys.print_exception(e, out)
            lines = out.getvalue().split("\\n")
            errors[i] = "\\n".join(line for line in lines if not line.endswith(", in {DRIVER}"))
    return results, errors
"""

STARTER_CODE = """def enrich(row):
    # row is a dict of the row's columns; return the new value
    # (or, for several columns, a dict of column name -> value)
    return str(row[{column!r}]).upper()
"""


class PythonEnrichment(Enrichment):  # type: ignore[misc]
    slug = "micropython"
    name = "Python (sandboxed)"
    description = "Run a Python function, enrich(row), against every row, in a MicroPython sandbox"

    def __init__(self, datasette: Any) -> None:
        self.datasette = datasette
        # One pool of live job sandboxes per database (the sandbox's SQL bridge opens that database);
        # a job keeps its sandbox, and with it the state of `enrich`, from batch to batch.
        self._pools: dict[str, SessionPool] = {}

    @property
    def batch_size(self) -> int:
        return min(MAX_BATCH_SIZE, int(self.datasette.setting("max_returned_rows")))

    async def get_config_form(self, datasette: Any, db: Any, table: str) -> type[Form]:
        config = plugin_config(datasette)
        columns = await db.table_columns(table)
        pks = await db.primary_keys(table) or ["rowid"]
        sample_column = next((c for c in columns if c not in pks), columns[0] if columns else "rowid")
        databases = {db.name: sandbox_database(datasette, db)}

        def compiles(form: Form, field: Any) -> None:
            if len(field.data.encode()) > config.max_code_bytes:
                raise ValidationError(f"The code is longer than {config.max_code_bytes:,} bytes")
            problem = check_code(field.data, config, databases, db.name)
            if problem:
                raise ValidationError(problem)

        class ConfigForm(Form):  # type: ignore[misc]
            code = TextAreaField(
                "Python code",
                validators=[DataRequired(), compiles],
                default=STARTER_CODE.format(column=sample_column),
                render_kw={"spellcheck": "false", "autocomplete": "off", "rows": 12},
            )
            mode = RadioField(
                "Output",
                choices=[
                    SelectChoice("one", "One column"),
                    SelectChoice("several", "Several columns: enrich returns a dict"),
                ],
                default="one",
            )
            output_column = StringField(
                "Output column", description="For one column: the column to write (created if missing)"
            )
            output_type = SelectField(
                "Column type",
                choices=[
                    SelectChoice("text", "Text"),
                    SelectChoice("integer", "Integer"),
                    SelectChoice("float", "Float"),
                    SelectChoice("json", "JSON"),
                ],
                default="text",
            )

            def validate_output_column(self, field: Any) -> None:
                field.data = (field.data or "").strip()
                if self.mode.data != "one":
                    return
                if not field.data:
                    raise ValidationError("Name the column to write the results to")
                if field.data in pks:
                    raise ValidationError(f"{field.data} is a primary key column")

        return ConfigForm

    async def initialize(self, datasette: Any, db: Any, table: str, config: dict[str, Any]) -> None:
        if config["mode"] != "one":
            return  # the columns are the keys enrich returns, added as they first appear

        def add_column(conn: Any) -> None:
            _add_missing_columns(conn, table, {config["output_column"]: COLUMN_TYPES[config["output_type"]]})

        await db.execute_write_fn(add_column)

    async def enrich_batch(
        self,
        datasette: Any,
        db: Any,
        table: str,
        rows: list[dict[str, Any]],
        pks: list[str],
        config: dict[str, Any],
        job_id: int,
    ) -> int:
        ids = pks_for_rows(rows, pks)
        limits = plugin_config(datasette).enrichment_limits
        values: list[Any] = [None] * len(rows)
        errors: dict[int, str] = {}
        for start in range(0, len(rows), ROWS_PER_CALL):
            chunk = rows[start : start + ROWS_PER_CALL]
            try:
                sandbox = await self._job_sandbox(db, job_id, config["code"])
                chunk_values, chunk_errors = (await sandbox.call_async(DRIVER, chunk)).value
            except SandboxError as e:
                # The time or memory limit, or the code's top level failing: the rows of this call are
                # lost. The sandbox may be half-way through anything, so the next call gets a fresh one.
                self._pool(db).discard(job_id)
                errors.update(dict.fromkeys(range(start, start + len(chunk)), call_error_message(e, limits)))
                continue
            values[start : start + len(chunk)] = chunk_values
            errors.update((start + index, traceback) for index, traceback in chunk_errors.items())

        failed: dict[str, list[Any]] = defaultdict(list)
        for index, traceback in errors.items():
            failed[traceback].append(ids[index])
        updates: dict[tuple[str, ...], list[tuple[Any, ...]]]
        new_columns: dict[str, str] = {}
        if config["mode"] == "one":
            updates = {
                (config["output_column"],): one_column_params(values, ids, errors, config["output_type"])
            }
        else:
            updates, new_columns = several_columns_params(values, ids, errors, pks, failed)
        cursor = await self._cursor(db, table, job_id, rows[-1], pks)

        def write(conn: Any) -> None:
            _add_missing_columns(conn, table, new_columns)
            for columns, params in updates.items():
                conn.executemany(_update_sql(table, columns, pks), params)
            if cursor is not None:
                # Moved forward in the same transaction as the results, so that a job resumed after a
                # restart carries on after this batch instead of enriching its rows a second time.
                conn.execute("update _enrichment_jobs set next_cursor = ? where id = ?", (cursor, job_id))

        await db.execute_write_fn(write)
        for message, failed_ids in failed.items():
            await self.log_error(db, job_id, failed_ids, message)
        return sum(len(params) for params in updates.values())

    async def finalize(self, datasette: Any, db: Any, table: str, config: dict[str, Any]) -> None:
        # The framework does not say which job finished: close the sandboxes of every job of this
        # database that is no longer running (paused or cancelled ones too; they start afresh if resumed).
        pool = self._pools.get(db.name)
        if pool is None:
            return
        ended = await db.execute(
            "select id from _enrichment_jobs where enrichment = ? and status != 'running'", (self.slug,)
        )
        for (job_id,) in ended.rows:
            if job_id in pool:
                pool.discard(job_id)

    def _pool(self, db: Any) -> SessionPool:
        pool = self._pools.get(db.name)
        if pool is None:
            config = plugin_config(self.datasette)
            databases = {db.name: sandbox_database(self.datasette, db)}
            pool = SessionPool(
                lambda: job_sandbox(config, config.enrichment_limits, databases, db.name),
                max_sessions=config.max_sessions,
                idle_timeout=config.idle_timeout,
            )
            self._pools[db.name] = pool
        return pool

    async def _job_sandbox(self, db: Any, job_id: int, code: str) -> Sandbox:
        sandbox, created = self._pool(db).get(job_id)
        if created:
            await sandbox.run_async(code, eval_trailing=False)
            await sandbox.run_async(DRIVER_CODE, eval_trailing=False)
        return sandbox

    async def _cursor(
        self, db: Any, table: str, job_id: int, last_row: dict[str, Any], pks: list[str]
    ) -> str | None:
        """The `_next` token Datasette gives for the page after `last_row`, or None when the job's pages are
        ordered by a column that `last_row` lacks."""
        row = (
            await db.execute("select filter_querystring from _enrichment_jobs where id = ?", (job_id,))
        ).first()
        query = parse_qs(row[0] if row else "")
        table_config = await self.datasette.table_config(db.name, table)
        sorts = query.get("_sort", []) + query.get("_sort_desc", [])
        sort = sorts[0] if sorts else table_config.get("sort") or table_config.get("sort_desc")
        token = path_from_row_pks(last_row, pks, use_rowid=False)
        if not sort:
            return str(token)
        if sort not in last_row:
            return None
        prefix = "$null" if last_row[sort] is None else tilde_encode(str(last_row[sort]))
        return f"{prefix},{token}"


def job_sandbox(
    config: PluginConfig, limits: Limits, databases: dict[str, Any], default_database: str
) -> Sandbox:
    """A sandbox for enrichment code: the enrichment limits, and the SQL bridge on the table's database."""
    return Sandbox(**config.sandbox_kwargs(limits), databases=databases, default_database=default_database)


def check_code(
    code: str, config: PluginConfig, databases: dict[str, Any], default_database: str
) -> str | None:
    """Why `code` cannot run as an enrichment (a syntax error with its line, an error at its top level,
    no `enrich` function), or None. The code's top level runs once, in a throwaway sandbox."""
    limits = config.enrichment_limits
    check_limits = Limits(
        limits.memory_limit, min(limits.time_limit, FORM_CHECK_TIME_LIMIT), limits.output_limit
    )
    with job_sandbox(config, check_limits, databases, default_database) as sandbox:
        try:
            sandbox.check_syntax(code)
            sandbox.run(code, eval_trailing=False)
            defined = sandbox.run("callable(globals().get('enrich'))").value == "True"
        except SandboxTimeout:
            return f"The code's top level did not finish within {check_limits.time_limit:g} seconds"
        except SandboxError as e:
            where = f"Line {e.line}: " if e.line else ""
            return f"{where}{e.type_name or type(e).__name__}: {e.guest_message or e}"
    return None if defined else "The code must define a function enrich(row)"


def call_error_message(error: SandboxError, limits: Limits) -> str:
    if isinstance(error, SandboxTimeout):
        return f"These rows did not finish within the time limit ({limits.time_limit:g} seconds)"
    if isinstance(error, SandboxMemoryError):
        return f"These rows ran out of memory (limit {limits.memory_limit:,} bytes)"
    if isinstance(error, GuestError) and error.traceback:
        return error.traceback
    return f"{type(error).__name__}: {error}"


def sql_value(value: Any, as_json: bool) -> Any:
    """A value `enrich` returned, as SQLite stores it: lists and dicts (and anything in JSON mode) as JSON."""
    if value is None:
        return None
    if as_json or isinstance(value, (list, tuple, dict)):
        return json.dumps(value, default=repr)
    return value


def one_column_params(
    values: list[Any], ids: list[Any], errors: dict[int, str], output_type: str
) -> list[tuple[Any, ...]]:
    """`executemany` parameters (value, *primary key) for the rows whose `enrich` returned."""
    as_json = output_type == "json"
    return [
        (sql_value(value, as_json), *_key(id_))
        for index, (value, id_) in enumerate(zip(values, ids))
        if index not in errors
    ]


def several_columns_params(
    values: list[Any],
    ids: list[Any],
    errors: dict[int, str],
    pks: Sequence[str],
    failed: dict[str, list[Any]],
) -> tuple[dict[tuple[str, ...], list[tuple[Any, ...]]], dict[str, str]]:
    """The rows' updates grouped by the set of columns each writes (one `executemany` per group), and the
    SQLite type of each column, from the first value seen. A row that returned something other than a
    dict of column names is added to `failed`."""
    updates: dict[tuple[str, ...], list[tuple[Any, ...]]] = defaultdict(list)
    types: dict[str, str | None] = {}
    for index, (value, id_) in enumerate(zip(values, ids)):
        if index in errors:
            continue
        if not isinstance(value, dict) or not all(isinstance(k, str) and k for k in value):
            failed[f"enrich must return a dict of column name -> value, got {value!r:.200}"].append(id_)
            continue
        if any(k in pks for k in value):
            failed[
                f"enrich may not write primary key columns: {sorted(k for k in value if k in pks)}"
            ].append(id_)
            continue
        columns = tuple(sorted(value))
        updates[columns].append((*(sql_value(value[c], False) for c in columns), *_key(id_)))
        for column in columns:
            if types.get(column) is None:
                types[column] = None if value[column] is None else _column_type(value[column])
    return dict(updates), {column: sqlite_type or "TEXT" for column, sqlite_type in types.items()}


def _column_type(value: Any) -> str:
    if isinstance(value, int):  # bool too
        return "INTEGER"
    if isinstance(value, float):
        return "REAL"
    if isinstance(value, bytes):
        return "BLOB"
    return "TEXT"


def _key(id_: Any) -> tuple[Any, ...]:
    return id_ if isinstance(id_, tuple) else (id_,)


def _update_sql(table: str, columns: Sequence[str], pks: Sequence[str]) -> str:
    assignments = ", ".join(f"{escape_sqlite(c)} = ?" for c in columns)
    where = " and ".join(f"{escape_sqlite(pk)} = ?" for pk in pks)
    return f"update {escape_sqlite(table)} set {assignments} where {where}"


def _add_missing_columns(conn: Any, table: str, columns: dict[str, str]) -> None:
    existing = {row[1] for row in conn.execute(f"pragma table_info({escape_sqlite(table)})")}
    for column, sqlite_type in columns.items():
        if column not in existing:
            conn.execute(
                f"alter table {escape_sqlite(table)} add column {escape_sqlite(column)} {sqlite_type}"
            )
