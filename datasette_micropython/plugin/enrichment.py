"""The `micropython` enrichment (datasette-enrichments): runs a user's `enrich(row)` over every row of a
table in a sandbox and writes what it returns to one column, or to several.

The job loop is our own (`start_enrichment_in_process`, which the framework also calls to resume jobs
after a pause or a restart), not the framework's, which fetches each batch as a JSON page of the table
and commits three times per batch. Ours:

- reads each batch straight from SQLite, in primary key (or rowid) order after the job's cursor, with the
  job's filters turned into SQL by Datasette's own table code, so it enriches exactly the rows the table
  page showed; the next batch is read while the guest runs this one;
- sends the rows to the guest in calls of up to ROWS_PER_CALL rows (a driver function loops over them
  there);
- writes each batch in one transaction, which commits while the guest runs the next batch: the results
  (`executemany`), the job's cursor (the JSON list of the last row's key), done_count and error_count,
  the error log and the progress rows. A job resumed after a restart carries on after the last committed
  batch, so every row is enriched once;
- checks the job's status before every batch, so pausing or cancelling from the jobs page stops it.

Why the exact pin of datasette-enrichments (pyproject.toml): the framework's public API is `enrich_batch`,
called by its own loop; `start_enrichment_in_process`, which we override to run ours, is not documented,
and neither are the job tables' columns our loop writes in its transaction (`next_cursor`, `done_count`,
`error_count`, `_enrichment_progress`) nor `set_job_status` and `mark_job_complete`. Through the public
API alone each batch would be a JSON page of the table (100 rows by default) and three commits, so we
depend on those internals and pin the version they were read from. `enrich_batch` is still implemented, for the framework's loop: if a new version stops calling
`start_enrichment_in_process`, jobs keep working, only slower (tests/plugin/test_enrichment.py runs both).
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from typing import Any
from urllib.parse import parse_qs

from datasette import PayloadTooLarge, Response
from datasette.permissions import SkipPermissions
from datasette.utils import escape_sqlite, tilde_decode, tilde_encode
from datasette.utils.asgi import Request
from datasette.views.table import _table_filters
from datasette_enrichments import JAN_1_2025_EPOCH, Enrichment, set_job_status
from datasette_enrichments.utils import mark_job_complete, pks_for_rows
from wtforms import Form, RadioField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, ValidationError

from .._engine import SandboxCancelled, SandboxError, SandboxTimeout
from ..sandbox import Sandbox
from . import enrichment_form_post
from .config import Limits, PluginConfig, plugin_config
from .databases import readable_databases
from .errors import explain, report
from .sessions import SessionPool

# SessionPool calls its factory without arguments; the databases of a new job sandbox are handed over
# through this task-local variable.
_databases_of_new_sandbox: ContextVar[dict[str, Any]] = ContextVar("enrichment_databases_of_new_sandbox")

#: Most rows per batch: one read, one write transaction, one status check. Past a few thousand rows the
#: per-batch costs are small next to the guest's (benches/enrichment_bench.py: batches of 2,000 to 50,000
#: rows within noise of each other); bigger batches hold more rows in memory and the write connection
#: longer.
MAX_BATCH_SIZE = 10_000

#: Most rows per sandbox call. The guest's cost per row grows with the size of a call, whose rows are all
#: live in its heap at once (1,000-row calls run about 1.5 times as fast as 10,000-row ones, and the end
#: to end speed is the same with 2,000), and a call's rows and results must fit in the memory limit.
ROWS_PER_CALL = 1000

#: Seconds after which a batch stops and commits what it has (the rest of its rows go to the next batch),
#: and after which a sandbox call stops taking rows (or at half the time limit, if that is shorter). A slow
#: `enrich` (a `fetch()` per row, say) thus still shows progress and can be paused every second or so, and
#: a row times out only when it runs for most of the time limit on its own.
BATCH_SECONDS = 1.0

#: Seconds the code's top level may run when the form is submitted (on a worker thread, but the person
#: submitting waits for it); jobs get the full limit.
FORM_CHECK_TIME_LIMIT = 2.0

#: Seconds between checks of a job's status while a call runs (a paused or cancelled job's call is cancelled).
STATUS_POLL_SECONDS = 0.25

#: SQLite column type for each output type of the "one column" mode.
COLUMN_TYPES = {"text": "TEXT", "integer": "INTEGER", "float": "REAL", "json": "TEXT"}

# Defined in every job's sandbox after the user's code: runs `enrich` over rows until they are done or
# `budget_ms` has passed, and returns the results (one per row it got through), plus the traceback of
# each row whose `enrich` raised (by index, without the driver's own frame), so one bad row spoils nothing
# else. A time-limit interrupt (KeyboardInterrupt) is not an Exception: it ends the whole call. It lives
# among the user's globals, so it uses no builtins (user code may shadow `enumerate`); the user may still
# replace it, which is why the host checks what every call returns (`_driver_output`).
DRIVER = "__enrich_rows"
DRIVER_CODE = f"""
def {DRIVER}(rows, budget_ms):
    import io, sys
    from time import ticks_diff, ticks_ms
    start = ticks_ms()
    results = []
    errors = {{}}
    i = 0
    for row in rows:
        if i and ticks_diff(ticks_ms(), start) > budget_ms:
            break
        try:
            results.append(enrich(row))
        except Exception as e:
            results.append(None)
            out = io.StringIO()
            sys.print_exception(e, out)
            lines = out.getvalue().split("\\n")
            errors[i] = "\\n".join(line for line in lines if not line.endswith(", in {DRIVER}"))
        i += 1
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

    async def get_config_form(self, datasette: Any, db: Any, table: str) -> type[Form]:
        config = plugin_config(datasette)
        columns = await db.table_columns(table)
        pks = await db.primary_keys(table) or ["rowid"]
        sample_column = next((c for c in columns if c not in pks), columns[0] if columns else "rowid")
        # The starter code upper-cases the sample column: its output column is named for that, and new.
        default_output_column = f"{sample_column}_upper"
        while default_output_column in columns:
            default_output_column += "_"
        details = {column.name: column for column in await db.table_column_details(table)}
        # WTForms validates synchronously, on the event loop, and the framework gives this method neither
        # the request nor the actor: the submitted code is checked here, off the loop, as the submitting
        # actor (`enrichment_form_post`), and the validator only looks the verdict up.
        verdicts: dict[str, str | None] = {}
        posted = enrichment_form_post.get()
        if posted is not None:
            enrichment_form_post.set(None)  # one form per POST
            request, body = posted
            codes = parse_qs(body.decode("utf-8", "replace")).get("code")
            code = codes[0] if codes else None
            if code and len(code.encode()) <= config.max_code_bytes:
                databases = await enrichment_databases(datasette, db, request.actor)
                verdicts[code] = await asyncio.to_thread(check_code, code, config, databases, db.name)

        def compiles(form: Form, field: Any) -> None:
            if len(field.data.encode()) > config.max_code_bytes:
                raise ValidationError(f"The code is longer than {config.max_code_bytes:,} bytes")
            if field.data not in verdicts:
                # Validated outside a request Datasette served (a script): no event loop to hold up, and
                # no actor, so no database.
                verdicts[field.data] = check_code(field.data, config, {}, db.name)
            problem = verdicts[field.data]
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
                "Output column",
                description="For one column: the column to write (created if missing)",
                # Only on the blank form: a POST that leaves it empty (Datasette drops empty fields) must
                # be refused, not filled in.
                default=default_output_column if posted is None else None,
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

        # For the form's template: what `row` holds (the table's columns, with their types and keys).
        ConfigForm.preview_url = datasette.urls.path(
            f"/-/micropython/enrich-preview/{tilde_encode(db.route)}/{tilde_encode(table)}"
        )
        ConfigForm.row_columns = [
            {
                "name": name,
                "type": (details[name].type or "").lower() if name in details else "",
                "pk": name in pks,
            }
            for name in (["rowid"] if pks == ["rowid"] else []) + list(columns)
        ]
        return ConfigForm

    async def initialize(self, datasette: Any, db: Any, table: str, config: dict[str, Any]) -> None:
        if config["mode"] != "one":
            return  # the columns are the keys enrich returns, added as they first appear

        def add_column(conn: Any) -> None:
            _add_missing_columns(conn, table, {config["output_column"]: COLUMN_TYPES[config["output_type"]]})

        await write_through_locks(db, add_column)

    async def start_enrichment_in_process(self, datasette: Any, db: Any, job_id: int) -> None:
        """Starts the job's loop as a task: for a new job, a resumed one (paused, then resumed from the jobs
        page) and, after a restart, each job left running. A job whose loop is still running keeps it."""
        job = (await db.execute("select * from _enrichment_jobs where id = ?", (job_id,))).first()
        running = _running_jobs(datasette)
        if job is None or (db.name, job_id) in running:
            return
        running[(db.name, job_id)] = asyncio.create_task(self._run_job(datasette, db, dict(job)))

    async def _run_job(self, datasette: Any, db: Any, job: dict[str, Any]) -> None:
        job_id = job["id"]
        try:
            finished = await self._run_batches(datasette, db, job)
        except Exception as e:  # noqa: BLE001 - the rows cannot be read or written: the job stops, saying why
            self._release(datasette, db, job_id)
            await set_job_status(db, job_id, "cancelled", message=f"{type(e).__name__}: {e}")
            return
        finally:
            self._release(datasette, db, job_id)
        if finished:
            await self.finalize(datasette, db, job["table_name"], json.loads(job["config"]))
            await mark_job_complete(datasette, job_id, db.name)

    async def _run_batches(self, datasette: Any, db: Any, job: dict[str, Any]) -> bool:
        """Enriches the job's rows batch after batch, from its cursor on; True if it got through them all
        (the job is then marked finished), False if it was paused or cancelled. While the guest runs a
        batch, the previous batch commits and the next one is read."""
        job_id, table, config = job["id"], job["table_name"], json.loads(job["config"])
        await write_through_locks(
            db,
            lambda conn: conn.execute(
                "update _enrichment_jobs set status = 'running' where id = ?", (job_id,)
            ),
        )
        pks = await db.primary_keys(table) or ["rowid"]
        where, params = await filter_sql(datasette, db, table, job["filter_querystring"])

        async def read(after: list[Any] | None) -> list[dict[str, Any]]:
            rows: list[dict[str, Any]] = await db.execute_fn(
                lambda conn: read_rows(conn, table, pks, where, params, after)
            )
            return rows

        async def write(writer: Callable[[Any], int], rows: list[dict[str, Any]]) -> None:
            try:
                await write_through_locks(db, writer)
            except Exception as e:  # noqa: BLE001 - as the framework does: logged for the batch's rows
                await write_through_locks(db, failed_batch_writer(job_id, table, pks, rows, str(e)))

        rows = await read(decode_key(job["next_cursor"], len(pks)))
        next_rows: asyncio.Task[list[dict[str, Any]]] | None = None
        writing: asyncio.Task[None] | None = None
        try:
            while rows:
                status = (
                    await db.execute("select status from _enrichment_jobs where id = ?", (job_id,))
                ).first()
                if status is None or status[0] != "running":  # paused or cancelled from the jobs page
                    if writing is None:
                        # At once, before any await: a resume from now on starts a new loop.
                        self._release(datasette, db, job_id)
                        return False
                    # The job's cursor must be final before a resume can read it; then check again.
                    await writing
                    writing = None
                    continue
                if next_rows is None:
                    next_rows = asyncio.create_task(read(row_key(rows[-1], pks)))
                try:
                    done, writer = await self.run_batch(
                        datasette, db, table, rows, pks, config, job_id, actor_id=job["actor_id"]
                    )
                except (self.Cancel, self.Pause) as e:
                    if writing is not None:
                        await writing
                    self._release(datasette, db, job_id)
                    await set_job_status(
                        db, job_id, "cancelled" if isinstance(e, self.Cancel) else "paused", message=str(e)
                    )
                    return False
                except Exception as e:  # noqa: BLE001 - as the framework does: logged for the batch's rows
                    done, writer = len(rows), failed_batch_writer(job_id, table, pks, rows, str(e))
                if writing is not None:
                    await writing  # one transaction at a time, in order: the cursor only moves forward
                writing = asyncio.create_task(write(writer, rows[:done]))
                rows = rows[done:]
                if not rows:
                    rows, next_rows = await next_rows, None
            if writing is not None:
                await writing
        finally:
            if next_rows is not None:
                next_rows.cancel()
        await write_through_locks(
            db,
            lambda conn: conn.execute(
                "update _enrichment_jobs set status = 'finished', finished_at = datetime('now') where id = ?",
                (job_id,),
            ),
        )
        return True

    def _release(self, datasette: Any, db: Any, job_id: int) -> None:
        """Ends the current task's hold on the job: closes its sandbox and forgets its loop, so that a resume
        starts a new one. Synchronous, and done before the loop's last status change, so that a resume never
        finds the old loop still registered; once done, a no-op."""
        running = _running_jobs(datasette)
        if running.get((db.name, job_id)) is asyncio.current_task():
            del running[(db.name, job_id)]
            if db.name in self._pools:
                self._pools[db.name].discard(job_id)

    async def enrich_batch(
        self,
        datasette: Any,
        db: Any,
        table: str,
        rows: list[dict[str, Any]],
        pks: list[str],
        config: dict[str, Any],
        job_id: int,
        actor_id: str | None = None,
    ) -> int:
        """The framework's entry point, for its own job loop (ours calls `run_batch`): enriches and writes
        all of `rows`, leaving the job's cursor, done_count and success progress to the framework, and
        returns how many rows succeeded."""
        done = succeeded = 0
        while done < len(rows):
            count, writer = await self.run_batch(
                datasette, db, table, rows[done:], pks, config, job_id, advance_job=False, actor_id=actor_id
            )
            succeeded += await write_through_locks(db, writer)
            done += count
        return succeeded

    async def run_batch(
        self,
        datasette: Any,
        db: Any,
        table: str,
        rows: list[dict[str, Any]],
        pks: list[str],
        config: dict[str, Any],
        job_id: int,
        advance_job: bool = True,
        actor_id: str | None = None,
    ) -> tuple[int, Callable[[Any], int]]:
        """Runs `enrich` over `rows`, or over as many of them as BATCH_SECONDS allows. Returns how many rows it
        got through and the function that writes them in one transaction (`write_batch`; it returns how
        many rows succeeded), which the job's loop runs while the guest goes on with the next batch.
        `advance_job` false leaves the job's cursor and counts of done rows to the framework's loop.
        `enrich` reads the database only if `actor_id`, who started the job, holds `execute-sql` on it."""
        limits = plugin_config(datasette).enrichment_limits
        budget_ms = int(1000 * min(BATCH_SECONDS, limits.time_limit / 2))
        values: list[Any] = []
        errors: dict[int, str] = {}
        started = time.monotonic()
        while len(values) < len(rows) and (not values or time.monotonic() - started < BATCH_SECONDS):
            start = len(values)
            chunk = rows[start : start + ROWS_PER_CALL]
            try:
                sandbox = await self._job_sandbox(datasette, db, job_id, config["code"], actor_id)
                output = await self._call_driver(db, job_id, sandbox, chunk, budget_ms)
                chunk_values, chunk_errors = _driver_output(output, len(chunk))
            except (SandboxError, DriverReplaced) as e:
                # The time or memory limit, the code's top level failing, or a driver the code replaced:
                # the rows of this call are lost. The sandbox may be half-way through anything, so the
                # next call gets a fresh one.
                self._pool(db).discard(job_id)
                chunk_values = [None] * len(chunk)
                message = explain(e, limits, "These rows") if isinstance(e, SandboxError) else str(e)
                chunk_errors = dict.fromkeys(range(len(chunk)), message)
            values += chunk_values
            errors.update((start + index, traceback) for index, traceback in chunk_errors.items())

        rows = rows[: len(values)]
        ids = pks_for_rows(rows, pks)
        failed: dict[str, list[Any]] = defaultdict(list)
        for index, traceback in sorted(errors.items()):
            failed[traceback].append(ids[index])
        updates: dict[tuple[str, ...], list[tuple[Any, ...]]]
        new_columns: dict[str, str] = {}
        if config["mode"] == "one":
            updates = {
                (config["output_column"],): one_column_params(values, ids, errors, config["output_type"])
            }
        else:
            updates, new_columns = several_columns_params(values, ids, errors, pks, failed)

        def write(conn: Any) -> int:
            _add_missing_columns(conn, table, new_columns)
            return write_batch(conn, job_id, table, pks, rows, updates, failed, advance_job)

        return len(rows), write

    def _pool(self, db: Any) -> SessionPool:
        pool = self._pools.get(db.name)
        if pool is None:
            config = plugin_config(self.datasette)
            pool = SessionPool(
                lambda: job_sandbox(
                    config, config.enrichment_limits, _databases_of_new_sandbox.get(), db.name
                ),
                max_sessions=config.max_sessions,
                idle_timeout=config.idle_timeout,
            )
            self._pools[db.name] = pool
        return pool

    async def _job_sandbox(
        self, datasette: Any, db: Any, job_id: int, code: str, actor_id: str | None
    ) -> Sandbox:
        pool = self._pool(db)
        databases = {} if job_id in pool else await enrichment_databases(datasette, db, actor_id)
        token = _databases_of_new_sandbox.set(databases)
        try:
            sandbox, created = pool.get(job_id)
        finally:
            _databases_of_new_sandbox.reset(token)
        if created:
            await sandbox.run_async(code, eval_trailing=False)
            await sandbox.run_async(DRIVER_CODE, eval_trailing=False)
        return sandbox

    async def _call_driver(
        self, db: Any, job_id: int, sandbox: Sandbox, rows: list[dict[str, Any]], budget_ms: int
    ) -> Any:
        """One driver call, watched: if the job is paused or cancelled from the jobs page meanwhile, the
        running call is cancelled (`Sandbox.cancel`), not waited out."""
        call = asyncio.ensure_future(sandbox.call_async(DRIVER, rows, budget_ms))
        stopped_as = None
        while not call.done():
            await asyncio.wait([call], timeout=STATUS_POLL_SECONDS)
            if call.done():
                break
            status = (await db.execute("select status from _enrichment_jobs where id = ?", (job_id,))).first()
            if status is None or status[0] != "running":
                stopped_as = "paused" if status is not None and status[0] == "paused" else "cancelled"
                sandbox.cancel()
        try:
            return (await call).value
        except SandboxCancelled as e:
            # Stopped from the jobs page mid-call: end the job's loop as the framework's own does, writing
            # nothing of this batch (its rows are enriched again if the job is resumed).
            stop = self.Pause if stopped_as == "paused" else self.Cancel
            raise stop(f"{stopped_as or 'cancelled'} while enrich() was running") from e


def _running_jobs(datasette: Any) -> dict[tuple[str, int], asyncio.Task[None]]:
    """The loop of each job running in this Datasette, by (database, job id). Kept on the Datasette instance,
    as the enrichment object is made anew by each `register_enrichments` call."""
    running: dict[tuple[str, int], asyncio.Task[None]] | None = getattr(
        datasette, "_micropython_enrichment_jobs", None
    )
    if running is None:
        running = datasette._micropython_enrichment_jobs = {}
    return running


async def filter_sql(
    datasette: Any, db: Any, table: str, filter_querystring: str
) -> tuple[list[str], dict[str, Any]]:
    """The where clauses and parameters of a job's filters (`name__contains=x`, `_where=`, `_search=`, ...),
    as Datasette's table page applies them."""
    # `_table_filters` is private to Datasette (1.0a41): the filters of the table view, plugins' filters
    # included. tests/test_enrichment.py covers it (column filters and `_where`). Permission checks are
    # skipped, as the framework does when it counts the job's rows.
    with SkipPermissions():
        _, where, params, *_ = await _table_filters(
            datasette, Request.fake("/?" + filter_querystring), db.name, table
        )
    return where, params


def read_rows(
    conn: Any,
    table: str,
    pks: Sequence[str],
    where: Sequence[str],
    params: dict[str, Any],
    after: list[Any] | None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Up to `limit` (default MAX_BATCH_SIZE) rows matching `where`, in key order, after the key `after`
    (or from the start)."""
    # Joined as Datasette joins them (a `_where=` with an "or" binds last), then bracketed as a whole.
    clauses = [f"({' and '.join(where)})"] if where else []
    params = dict(params)
    columns = ", ".join(escape_sqlite(pk) for pk in pks)
    if after is not None:
        names = [f":_after{i}" for i in range(len(pks))]
        clauses.append(f"({columns}) > ({', '.join(names)})")
        params.update(zip((name[1:] for name in names), after))
    sql = "select {}* from {} {}order by {} limit {}".format(
        "rowid, " if list(pks) == ["rowid"] else "",
        escape_sqlite(table),
        f"where {' and '.join(clauses)} " if clauses else "",
        columns,
        MAX_BATCH_SIZE if limit is None else limit,
    )
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def write_batch(
    conn: Any,
    job_id: int,
    table: str,
    pks: Sequence[str],
    rows: list[dict[str, Any]],
    updates: dict[tuple[str, ...], list[tuple[Any, ...]]],
    failed: dict[str, list[Any]],
    advance_job: bool = True,
) -> int:
    """A batch's writes, in its transaction: the results, the job's cursor (after the last of `rows`) and
    counts, and what the framework's `log_error` and `record_progress` write (errors, progress rows).
    Returns how many rows succeeded. Without `advance_job`, the cursor, done_count and the success
    progress row are left to the framework's job loop."""
    for columns, params in updates.items():
        conn.executemany(_update_sql(table, columns, pks), params)
    success = sum(len(params) for params in updates.values())
    error_count = sum(len(ids) for ids in failed.values())
    if advance_job:
        conn.execute(
            "update _enrichment_jobs set next_cursor = ?, done_count = done_count + ?,"
            " error_count = error_count + ? where id = ?",
            (encode_key(row_key(rows[-1], pks)), len(rows), error_count, job_id),
        )
    else:
        conn.execute(
            "update _enrichment_jobs set error_count = error_count + ? where id = ?", (error_count, job_id)
        )
    conn.executemany(
        "insert into _enrichment_errors (job_id, row_pks, error) values (?, ?, ?)",
        [(job_id, json.dumps(ids, default=repr), message) for message, ids in failed.items()],
    )
    now = int(time.time() * 1000) - JAN_1_2025_EPOCH
    progress = [(success if advance_job else 0, 0)] + [(0, len(ids)) for ids in failed.values()]
    conn.executemany(
        "insert into _enrichment_progress (job_id, timestamp_ms_2025, success_count, error_count)"
        " values (?, ?, ?, ?)",
        [(job_id, now, s, e) for s, e in progress if s or e],
    )
    return success


def failed_batch_writer(
    job_id: int, table: str, pks: Sequence[str], rows: list[dict[str, Any]], message: str
) -> Callable[[Any], int]:
    """`write_batch` for a batch that failed as a whole: the error logged for all its rows."""
    return lambda conn: write_batch(conn, job_id, table, pks, rows, {}, {message: pks_for_rows(rows, pks)})


def row_key(row: dict[str, Any], pks: Sequence[str]) -> list[Any]:
    return [row[pk] for pk in pks]


def encode_key(key: Sequence[Any]) -> str:
    """A row's key as the job's cursor: a JSON list (blobs as {"hex": ...})."""
    return json.dumps([{"hex": v.hex()} if isinstance(v, bytes) else v for v in key])


def decode_key(cursor: str | None, length: int) -> list[Any] | None:
    if not cursor:
        return None
    key = json.loads(cursor)
    if not isinstance(key, list) or len(key) != length:
        raise ValueError(f"Cannot resume from the cursor {cursor!r} (written by an older version?)")
    return [bytes.fromhex(v["hex"]) if isinstance(v, dict) else v for v in key]


def job_sandbox(
    config: PluginConfig, limits: Limits, databases: dict[str, Any], default_database: str
) -> Sandbox:
    """A sandbox for enrichment code: the enrichment limits, and the SQL bridge on the table's database
    when its user may read it (`databases` empty: `import datasette` reads nothing)."""
    return Sandbox(
        **config.sandbox_kwargs(limits),
        databases=databases,
        default_database=default_database if databases else None,
    )


async def enrichment_databases(datasette: Any, db: Any, actor: dict[str, Any] | str | None) -> dict[str, Any]:
    """The `databases=` of an enrichment's sandbox: the table's database, if `actor` (an actor, or the
    id a job recorded) holds `execute-sql` on it, as everywhere else; else none. A job's actor is known
    only by id, so permissions granted on other actor keys do not reach its sandbox."""
    if isinstance(actor, str):
        actor = {"id": actor}
    readable = await readable_databases(datasette, actor)
    return {db.name: readable[db.name]} if db.name in readable else {}


class DriverReplaced(Exception):
    """A driver call returned something the driver never does: the user's code replaced it."""


def _driver_output(output: Any, rows: int) -> tuple[list[Any], dict[int, str]]:
    """The (results, errors) of a driver call over `rows` rows, checked: at least one result (a call that
    returns nothing would make the batch loop forever), at most one per row, errors by row index."""
    if not (isinstance(output, (list, tuple)) and len(output) == 2):
        raise DriverReplaced(f"The job's driver ({DRIVER}) was replaced: it returned {output!r:.200}")
    values, errors = output
    if not isinstance(values, list) or not 1 <= len(values) <= rows:
        raise DriverReplaced(
            f"The job's driver ({DRIVER}) was replaced: it returned {len(values) if isinstance(values, list) else values!r:.100} results for {rows} rows"
        )
    if not isinstance(errors, dict) or not all(
        isinstance(i, int) and 0 <= i < len(values) and isinstance(message, str)
        for i, message in errors.items()
    ):
        raise DriverReplaced(f"The job's driver ({DRIVER}) was replaced: its errors were {errors!r:.200}")
    return values, errors


def check_code(
    code: str, config: PluginConfig, databases: dict[str, Any], default_database: str
) -> str | None:
    """Why `code` cannot run as an enrichment (a syntax error with its line, an error at its top level,
    no `enrich` function), or None. The code's top level runs once, in a throwaway sandbox."""
    limits = config.enrichment_limits
    check_limits = limits.replace(time_limit=min(limits.time_limit, FORM_CHECK_TIME_LIMIT))
    with job_sandbox(config, check_limits, databases, default_database) as sandbox:
        try:
            sandbox.check_syntax(code)
            sandbox.run(code, eval_trailing=False)
            defined = sandbox.run("callable(globals().get('enrich'))").value == "True"
        except SandboxTimeout as e:
            return explain(e, check_limits, "The code's top level")
        except SandboxError as e:
            details = report(e)
            return f"Line {details.line}: {details.summary}" if details.line else details.summary
    return None if defined else "The code must define a function enrich(row)"


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
        # In the order enrich returns them (the guest's dicts keep insertion order, as CPython's): a new
        # column is added in that order.
        columns = tuple(value)
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


async def write_through_locks(db: Any, fn: Callable[[Any], Any]) -> Any:
    """`db.execute_write_fn(fn)`, repeated for up to a second while another connection reads the table. In an
    in-memory database, whose one cache Datasette's connections share, such a write fails at once with
    "database table is locked" instead of waiting (the job page's and `wait_for_job`'s polls of
    `_enrichment_jobs` met the job's own updates, and the job stopped). The failed write's transaction was
    rolled back, so it is safe to repeat."""
    for attempt in range(20):
        try:
            return await db.execute_write_fn(fn)
        except sqlite3.OperationalError as e:
            if "table is locked" not in str(e) or attempt == 19:
                raise
            await asyncio.sleep(0.05)


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


#: Rows the form's "Try on 5 rows" runs enrich() on.
PREVIEW_ROWS = 5


async def preview_view(datasette: Any, request: Any) -> Response:
    """POST /-/micropython/enrich-preview/<database>/<table> with {"code", "mode", "output_column",
    "output_type", "filters"}: runs the code's enrich() on the first PREVIEW_ROWS rows the job would
    enrich (the form page's filters), in a throwaway sandbox, and returns what each would write. Writes
    nothing. Needs the console's permission on the database: it runs Python that reads it."""
    from .console import _allowed

    if request.method != "POST":
        return Response.error("POST only", status=405)
    database, table = request.url_vars["database"], tilde_decode(request.url_vars["table"])
    try:
        db = datasette.get_database(route=tilde_decode(database))
    except KeyError:
        return Response.error(f"Database not found: {database}", status=404)
    if not await _allowed(datasette, request.actor, db.name):
        return Response.error("You may not run Python against this database", status=403)
    if not await db.table_exists(table):
        return Response.error(f"Table not found: {table}", status=404)
    config = plugin_config(datasette)
    try:
        posted = json.loads(await request.post_body(max_bytes=2 * config.max_code_bytes + 4096))
        code, mode = posted["code"], posted.get("mode", "one")
        output_column, output_type = posted.get("output_column") or "", posted.get("output_type", "text")
        filters = posted.get("filters") or ""
    except (ValueError, KeyError, TypeError, AttributeError, PayloadTooLarge):
        return Response.error(
            'Expected a JSON object such as {"code": "def enrich(row): ...", "mode": "one"}'
        )
    if not (isinstance(code, str) and isinstance(filters, str) and mode in ("one", "several")):
        return Response.error('"code" and "filters" must be strings, "mode" "one" or "several"')
    if output_type not in COLUMN_TYPES or not isinstance(output_column, str):
        return Response.error(f'"output_type" must be one of {", ".join(COLUMN_TYPES)}')
    if len(code.encode("utf-8")) > config.max_code_bytes:
        return Response.error(f"Code longer than max_code_bytes ({config.max_code_bytes} bytes)", status=413)
    pks = await db.primary_keys(table) or ["rowid"]
    where, params = await filter_sql(datasette, db, table, filters.lstrip("?"))
    rows: list[dict[str, Any]] = await db.execute_fn(
        lambda conn: read_rows(conn, table, pks, where, params, None, limit=PREVIEW_ROWS)
    )
    databases = await enrichment_databases(datasette, db, request.actor)
    result = await preview(datasette, config, databases, db.name, code, rows, pks)
    if "error" in result:
        return Response.json({"ok": False, **result})
    return Response.json(
        {"ok": True, **preview_table(result, rows, pks, mode, output_column.strip(), output_type)}
    )


async def preview(
    datasette: Any,
    config: PluginConfig,
    databases: dict[str, Any],
    database: str,
    code: str,
    rows: list[dict[str, Any]],
    pks: Sequence[str],
) -> dict[str, Any]:
    """enrich() of each of `rows` as a job runs it (top level once, then the driver): {"values",
    "errors"}, or {"error": why the code cannot run} (a syntax error, an error at its top level)."""
    from .runs import run_pool

    runs = run_pool(datasette)
    limits = config.enrichment_limits
    with job_sandbox(config, limits, databases, database) as sandbox:
        try:
            sandbox.check_syntax(code)
            await runs.run(sandbox, code, eval_trailing=False)
            if (await runs.run(sandbox, "callable(globals().get('enrich'))")).value != "True":
                return {"error": "The code must define a function enrich(row)"}
            await runs.run(sandbox, DRIVER_CODE, eval_trailing=False)
            values: list[Any] = []
            errors: dict[int, str] = {}
            # The driver stops taking rows after its budget: call it again for the rest, as a job does.
            while len(values) < len(rows):
                remaining = rows[len(values) :]
                output = (await runs.call(sandbox, DRIVER, remaining, _budget_ms(limits))).value
                more, more_errors = _driver_output(output, len(remaining))
                errors.update({len(values) + i: message for i, message in more_errors.items()})
                values += more
        except SandboxError as e:
            details = report(e)
            where = f"Line {details.line}: " if details.line and not details.stopped else ""
            return {"error": where + details.summary, "traceback": details.traceback, "line": details.line}
        except DriverReplaced as e:
            return {"error": str(e)}
    return {"values": values, "errors": errors}


def _budget_ms(limits: Limits) -> int:
    return int(min(BATCH_SECONDS, limits.time_limit / 2) * 1000)


def preview_table(
    result: dict[str, Any],
    rows: list[dict[str, Any]],
    pks: Sequence[str],
    mode: str,
    output_column: str,
    output_type: str,
) -> dict[str, Any]:
    """The preview as the form draws it: the key columns, then the columns the job would write (in the
    order enrich returns them), a row per input row with the value each would get (as stored: JSON for
    lists and dicts), and the error of each row that would fail."""
    values, errors = result["values"], result["errors"]
    written: list[dict[str, Any]] = []
    failures: list[str | None] = []
    for index, value in enumerate(values):
        if index in errors:
            written.append({})
            failures.append(errors[index])
        elif mode == "one":
            written.append({output_column or "(output column)": sql_value(value, output_type == "json")})
            failures.append(None)
        elif not isinstance(value, dict) or not all(isinstance(k, str) and k for k in value):
            written.append({})
            failures.append(f"enrich must return a dict of column name -> value, got {value!r:.200}")
        elif any(k in pks for k in value):
            written.append({})
            failures.append(
                f"enrich may not write primary key columns: {sorted(k for k in value if k in pks)}"
            )
        else:
            written.append({column: sql_value(cell, False) for column, cell in value.items()})
            failures.append(None)
    output_columns = list(dict.fromkeys(column for row in written for column in row))
    return {
        "columns": list(pks) + output_columns,
        "key_columns": len(pks),
        "rows": [
            [_json_cell(row[pk]) for pk in pks] + [_json_cell(out.get(column)) for column in output_columns]
            for row, out in zip(rows, written)
        ],
        "errors": failures,
    }


def _json_cell(value: Any) -> Any:
    if isinstance(value, bytes):
        return f"<{len(value):,} bytes>"
    return value if value is None or isinstance(value, (bool, int, float, str)) else repr(value)
