"""Scheduled jobs: Python that fetches approved JSON, transforms it in the sandbox and writes it to a table.

A job is code defining `run()`, a database, a schedule, the URL prefixes it may fetch (a subset of the
instance's `network: allow:` list), the tables it may write, sandbox limits, an owner and an enabled flag.
Jobs come from datasette.yaml (`jobs:`, validated at startup, code compile-checked) or from the Jobs page
(stored in Datasette's internal database; `jobs_views.py`). The scheduler is datasette-cron's: every
enabled job is one of its tasks, handled by `micropython:job`, and runs here:

- a fresh sandbox per run, on the plugin's run threads (`runs.py`), never on the event loop;
- writes queued by `datasette.insert/upsert/delete` and applied in one transaction after `run()` returns,
  none at all when anything fails (`jobs_writes.py`);
- runs of one job never overlap (a run due while one is going is skipped, a "run now" refused);
- history (status, duration, rows per table, capped output, error and traceback) in the internal
  database; after `max_failures` consecutive failures the job is disabled, with the reason shown.

A UI job runs with the permissions of the actor who last saved it, checked again at every run:
`micropython-jobs`, `execute-sql` on its database and insert-row/update-row/delete-row on every table it
writes. Without datasette-cron installed, jobs still load, run now and dry-run; the Jobs page says what to
install for schedules."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from datasette import hookimpl
from datasette.permissions import Action
from datasette.resources import DatabaseResource, TableResource

from .._engine import GuestError, SandboxError
from ..network import NetworkPolicy
from ..sandbox import Sandbox
from .config import PLUGIN_NAME, ConfigError, Limits, PluginConfig, plugin_config
from .databases import readable_databases, sandbox_database
from .errors import explain, report
from .jobs_writes import WRITE_FUNCTION, DryRun, WriteQueue, apply_writes
from .runs import run_pool

log = logging.getLogger("datasette_micropython.jobs")

#: The permission to see and manage jobs (a global action).
JOBS_ACTION = "micropython-jobs"
#: Datasette's actions a UI job's owner must hold on every table the job writes.
TABLE_ACTIONS = ("insert-row", "update-row", "delete-row")
#: The datasette-cron handler of every job (the plugin name datasette-cron derives from this package).
CRON_HANDLER = "micropython:job"
#: datasette-cron task names of jobs: this prefix and the job's name.
TASK_PREFIX = "micropython:"
#: What to install for schedules.
CRON_MISSING = (
    "Schedules need datasette-cron: pip install 'datasette-agent-micropython[cron]' "
    "(jobs can still be run by hand)"
)

#: Job settings besides the sandbox limits, with their defaults.
DEFAULT_MAX_FAILURES = 5
DEFAULT_MAX_WRITE_ROWS = 200_000
DEFAULT_MAX_WRITE_BYTES = 64 * 2**20
#: Characters kept of each text of a run's record (stdout, stderr, error, traceback).
HISTORY_TEXT_LIMIT = 64 * 2**10
#: Runs kept per job; older ones are deleted as new ones are recorded.
HISTORY_RUNS = 200
#: Job names: they appear in URLs and in datasette-cron's task names.
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")

#: Keys of a job in datasette.yaml (and of the Jobs page's form), besides every sandbox limit.
JOB_KEYS = {
    "database",
    "schedule",
    "network",
    "writes",
    "code",
    "enabled",
    "max_failures",
    "max_write_rows",
    "max_write_bytes",
}


class JobError(ValueError):
    """A job definition is invalid; the message names the job and the setting (and the line of a syntax
    error, also in `line`)."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Job:
    """One job's definition (not its state: enabled flag and failure count live in `JobState`)."""

    name: str
    database: str
    code: str
    #: {"interval": seconds} or {"cron": "*/15 * * * *"}, as in datasette.yaml.
    schedule: dict[str, Any]
    #: Sandbox limits: the plugin's general limits, with the job's own settings over them.
    limits: Limits
    #: URL prefixes `fetch()` may reach (empty: no network).
    allow: tuple[str, ...] = ()
    writes: tuple[str, ...] = ()
    max_failures: int = DEFAULT_MAX_FAILURES
    max_write_rows: int = DEFAULT_MAX_WRITE_ROWS
    max_write_bytes: int = DEFAULT_MAX_WRITE_BYTES
    #: "config" (datasette.yaml) or "ui" (the Jobs page).
    source: str = "config"
    #: The actor who last saved a UI job; its permissions are checked at every run. None for config jobs.
    owner: dict[str, Any] | None = None
    #: The enabled flag it was defined with (the page can change it: `JobState.enabled`).
    enabled: bool = True
    #: The limits the definition sets itself, as given (the rest are the instance's).
    limit_settings: dict[str, Any] = field(default_factory=dict)

    @property
    def task_name(self) -> str:
        return TASK_PREFIX + self.name

    @property
    def cron_schedule(self) -> Any:
        """The schedule as datasette-cron's `add_task` takes it."""
        return dict(self.schedule) if "interval" in self.schedule else self.schedule["cron"]

    def describe_schedule(self) -> str:
        if "interval" in self.schedule:
            seconds = self.schedule["interval"]
            return f"every {seconds:g} s" if seconds < 120 else f"every {seconds / 60:g} min"
        return f"cron {self.schedule['cron']}"

    def as_dict(self) -> dict[str, Any]:
        """The definition as the Jobs page and its JSON API show and take it."""
        return {
            "name": self.name,
            "database": self.database,
            "code": self.code,
            "schedule": dict(self.schedule),
            "network": {"allow": list(self.allow)},
            "writes": list(self.writes),
            "limits": dict(self.limit_settings),
            "max_failures": self.max_failures,
            "max_write_rows": self.max_write_rows,
            "max_write_bytes": self.max_write_bytes,
            "source": self.source,
            "owner": _owner_id(self.owner),
        }


def _owner_id(owner: Mapping[str, Any] | None) -> Any:
    return None if owner is None else owner.get("id", owner)


# ---- parsing ------------------------------------------------------------------------------------------


def parse_job(
    name: Any,
    raw: Any,
    config: PluginConfig,
    *,
    source: str = "config",
    owner: dict[str, Any] | None = None,
    check_code: bool = True,
) -> Job:
    """A job from its datasette.yaml mapping (or the Jobs page's form, same keys): every setting checked,
    limits through the one limits table, the network a subset of the instance's, the code compiled."""
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        raise JobError(
            f"{PLUGIN_NAME}: job name {name!r}: use 1-64 letters, digits, '_', '.' or '-' (not first)"
        )
    where = f"{PLUGIN_NAME}: jobs.{name}"
    if not isinstance(raw, Mapping):
        raise JobError(f"{where} must be a mapping of settings")
    from ..limits import LIMITS

    unknown = sorted(set(raw) - JOB_KEYS - set(LIMITS))
    if unknown:
        raise JobError(
            f"{where}: unknown setting(s) {', '.join(unknown)} "
            f"(known: {', '.join(sorted(JOB_KEYS))} and the sandbox limits)"
        )
    for key in ("database", "schedule", "code"):
        if key not in raw:
            raise JobError(f"{where}.{key} is required")
    database = raw["database"]
    if not isinstance(database, str) or not database:
        raise JobError(f"{where}.database must be a database name")
    code = raw["code"]
    if not isinstance(code, str) or not code.strip():
        raise JobError(f"{where}.code must be Python code defining run()")
    if len(code.encode("utf-8")) > config.max_code_bytes:
        raise JobError(f"{where}.code is longer than max_code_bytes ({config.max_code_bytes} bytes)")
    schedule = _parse_schedule(raw["schedule"], where + ".schedule")
    allow = _parse_network(raw.get("network"), config, where + ".network")
    writes = raw.get("writes", [])
    if (
        not isinstance(writes, list)
        or not all(isinstance(table, str) and table and "\0" not in table for table in writes)
        or len(set(writes)) != len(writes)
    ):
        raise JobError(f"{where}.writes must be a list of distinct table names")
    try:
        limits = Limits.parse(raw, f"jobs.{name}.", config.limits)
    except ConfigError as e:
        raise JobError(str(e)) from e
    enabled = raw.get("enabled", True)
    if not isinstance(enabled, bool):
        raise JobError(f"{where}.enabled must be true or false")
    job = Job(
        name=name,
        database=database,
        code=code,
        schedule=schedule,
        limits=limits,
        allow=allow,
        writes=tuple(writes),
        max_failures=_positive(raw, "max_failures", DEFAULT_MAX_FAILURES, where),
        max_write_rows=_positive(raw, "max_write_rows", DEFAULT_MAX_WRITE_ROWS, where),
        max_write_bytes=_positive(raw, "max_write_bytes", DEFAULT_MAX_WRITE_BYTES, where),
        source=source,
        owner=owner,
        enabled=enabled,
        limit_settings={key: raw[key] for key in LIMITS if key in raw},
    )
    if check_code:
        check_syntax(job)
    return job


def _positive(raw: Mapping[str, Any], key: str, default: int, where: str) -> int:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise JobError(f"{where}.{key} must be a positive integer, got {value!r}")
    return value


def _parse_schedule(raw: Any, where: str) -> dict[str, Any]:
    if not isinstance(raw, Mapping) or len(raw) != 1 or not set(raw) <= {"interval", "cron"}:
        raise JobError(f'{where} must be {{interval: <seconds>}} or {{cron: "<expression>"}}')
    if "interval" in raw:
        seconds = raw["interval"]
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not seconds >= 1:
            raise JobError(f"{where}.interval must be a number of seconds >= 1, got {seconds!r}")
        return {"interval": seconds}
    expression = raw["cron"]
    if not isinstance(expression, str) or len(expression.split()) not in (5, 6):
        raise JobError(f'{where}.cron must be a cron expression such as "*/15 * * * *", got {expression!r}')
    try:
        from croniter import croniter
    except ImportError:
        pass  # Checked by datasette-cron when it is installed; without it nothing is scheduled anyway.
    else:
        if not croniter.is_valid(expression):
            raise JobError(f"{where}.cron: {expression!r} is not a valid cron expression")
    return {"cron": expression}


def _parse_network(raw: Any, config: PluginConfig, where: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, Mapping) or set(raw) != {"allow"}:
        raise JobError(f"{where} must be {{allow: [<URL prefix>, ...]}}")
    allow = raw["allow"]
    if not isinstance(allow, list) or not all(isinstance(prefix, str) for prefix in allow):
        raise JobError(f"{where}.allow must be a list of URL prefixes")
    if not allow:
        return ()
    if config.network is None:
        raise JobError(f"{where}: this instance allows no network (set network: allow: for the plugin first)")
    import httpx2 as httpx

    from ..network import NetworkRefused

    for prefix in allow:
        try:
            NetworkPolicy(allow=(prefix,))
            url = httpx.URL(prefix)
            config.network.check("GET", url)
        except NetworkRefused:
            raise JobError(
                f"{where}.allow: {prefix!r} is not within the instance's allowed prefixes "
                f"({', '.join(config.network.allow)})"
            ) from None
        except (ValueError, TypeError, httpx.InvalidURL) as e:
            raise JobError(f"{where}.allow: {prefix!r}: {e}") from None
    return tuple(allow)


def check_syntax(job: Job) -> None:
    """Compiles the job's code in a sandbox; `JobError` with the line on a syntax error."""
    sandbox = Sandbox()
    try:
        sandbox.check_syntax(job.code)
    except GuestError as e:
        details = report(e)
        line = f" line {details.line}:" if details.line else ""
        raise JobError(
            f"{PLUGIN_NAME}: jobs.{job.name}.code:{line} {details.summary}", line=details.line
        ) from None
    finally:
        sandbox.close()


def config_jobs(datasette: Any) -> dict[str, Job]:
    """The jobs of datasette.yaml, parsed once (a bad one stops Datasette at startup, naming it)."""
    cached: dict[str, Job] | None = getattr(datasette, "_micropython_config_jobs", None)
    if cached is None:
        raw = (datasette.plugin_config(PLUGIN_NAME) or {}).get("jobs") or {}
        if not isinstance(raw, Mapping):
            raise ConfigError(f"{PLUGIN_NAME}: jobs must map job names to their settings")
        config = plugin_config(datasette)
        cached = {}
        for name, spec in raw.items():
            job = parse_job(name, spec, config)
            if job.database not in datasette.databases:
                raise JobError(f"{PLUGIN_NAME}: jobs.{name}.database: no database named {job.database!r}")
            cached[name] = job
        datasette._micropython_config_jobs = cached
    return cached


# ---- storage (Datasette's internal database) -----------------------------------------------------------

SCHEMA = """
create table if not exists micropython_jobs (
    name text primary key,
    definition text not null,       -- JSON: the settings of the Jobs page's form
    owner text not null,            -- JSON: the actor who last saved it
    created_at text not null,
    updated_at text not null
);
create table if not exists micropython_job_state (
    name text primary key,
    enabled integer not null,
    consecutive_failures integer not null default 0,
    disabled_reason text
);
create table if not exists micropython_job_runs (
    id integer primary key,
    job text not null,
    trigger text not null,          -- schedule, manual or dry-run
    status text not null,           -- running, success, error or skipped
    started_at text not null,
    duration real,
    rows text,                      -- JSON: {table: {inserted, upserted, deleted}}
    stdout text,
    stderr text,
    error text,
    traceback text,
    line integer
);
create index if not exists micropython_job_runs_job on micropython_job_runs (job, id);
"""


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


async def ensure_schema(datasette: Any) -> None:
    if getattr(datasette, "_micropython_jobs_schema", False):
        return
    await datasette.get_internal_database().execute_write_script(SCHEMA)
    datasette._micropython_jobs_schema = True


async def ui_jobs(datasette: Any) -> dict[str, Job]:
    """The jobs saved from the Jobs page. One whose stored definition no longer passes (the instance's
    network list shrank, a limit's bounds changed) is kept out, and logged."""
    await ensure_schema(datasette)
    config = plugin_config(datasette)
    result = await datasette.get_internal_database().execute(
        "select name, definition, owner from micropython_jobs order by name"
    )
    jobs = {}
    for row in result.rows:
        try:
            jobs[row["name"]] = parse_job(
                row["name"],
                json.loads(row["definition"]),
                config,
                source="ui",
                owner=json.loads(row["owner"]),
                check_code=False,
            )
        except (JobError, ValueError) as e:
            log.error("micropython job %s is not loaded: %s", row["name"], e)
    return jobs


async def all_jobs(datasette: Any) -> dict[str, Job]:
    return {**await ui_jobs(datasette), **config_jobs(datasette)}


async def get_job(datasette: Any, name: str) -> Job | None:
    return (await all_jobs(datasette)).get(name)


@dataclass
class JobState:
    enabled: bool
    consecutive_failures: int = 0
    disabled_reason: str | None = None


async def job_state(datasette: Any, job: Job) -> JobState:
    await ensure_schema(datasette)
    row = (
        await datasette.get_internal_database().execute(
            "select enabled, consecutive_failures, disabled_reason from micropython_job_state where name = ?",
            [job.name],
        )
    ).first()
    if row is None:
        return JobState(enabled=job.enabled)
    return JobState(bool(row["enabled"]), row["consecutive_failures"], row["disabled_reason"])


async def save_state(datasette: Any, name: str, state: JobState) -> None:
    await ensure_schema(datasette)
    await datasette.get_internal_database().execute_write(
        "insert into micropython_job_state (name, enabled, consecutive_failures, disabled_reason) "
        "values (?, ?, ?, ?) on conflict (name) do update set enabled = excluded.enabled, "
        "consecutive_failures = excluded.consecutive_failures, disabled_reason = excluded.disabled_reason",
        [name, int(state.enabled), state.consecutive_failures, state.disabled_reason],
    )


async def set_enabled(datasette: Any, job: Job, enabled: bool, reason: str | None = None) -> None:
    """Enables or disables `job` (and its datasette-cron task); enabling clears the failure count."""
    state = await job_state(datasette, job)
    state.enabled = enabled
    state.disabled_reason = None if enabled else reason
    if enabled:
        state.consecutive_failures = 0
    await save_state(datasette, job.name, state)
    scheduler = cron_scheduler(datasette)
    if scheduler is not None and await scheduler.internal_db.get_task(job.task_name) is not None:
        await scheduler.update_task(job.task_name, enabled=enabled)


async def store_ui_job(datasette: Any, job: Job, definition: dict[str, Any]) -> None:
    await ensure_schema(datasette)
    now = _now()
    await datasette.get_internal_database().execute_write(
        "insert into micropython_jobs (name, definition, owner, created_at, updated_at) values (?, ?, ?, ?, ?) "
        "on conflict (name) do update set definition = excluded.definition, owner = excluded.owner, "
        "updated_at = excluded.updated_at",
        [job.name, json.dumps(definition), json.dumps(job.owner), now, now],
    )


async def delete_ui_job(datasette: Any, job: Job) -> None:
    internal = datasette.get_internal_database()
    for table in ("micropython_jobs", "micropython_job_state"):
        await internal.execute_write(f"delete from {table} where name = ?", [job.name])
    await internal.execute_write("delete from micropython_job_runs where job = ?", [job.name])
    scheduler = cron_scheduler(datasette)
    if scheduler is not None:
        await scheduler.remove_task(job.task_name)


async def runs_of(datasette: Any, name: str, limit: int = 50) -> list[dict[str, Any]]:
    await ensure_schema(datasette)
    result = await datasette.get_internal_database().execute(
        "select * from micropython_job_runs where job = ? order by id desc limit ?", [name, limit]
    )
    runs = []
    for row in result.rows:
        run = dict(row)
        run["rows"] = json.loads(run["rows"]) if run["rows"] else {}
        runs.append(run)
    return runs


async def _record_run(datasette: Any, run: dict[str, Any]) -> int:
    await ensure_schema(datasette)
    values = dict(run)
    values["rows"] = json.dumps(values.get("rows") or {})
    for key in ("stdout", "stderr", "error", "traceback"):
        text = values.get(key)
        if isinstance(text, str) and len(text) > HISTORY_TEXT_LIMIT:
            values[key] = (
                text[:HISTORY_TEXT_LIMIT] + f"\n[... {len(text) - HISTORY_TEXT_LIMIT:,} more characters]"
            )
    columns = ["job", "trigger", "status", "started_at", "duration", "rows", "stdout", "stderr", "error"]
    columns += ["traceback", "line"]

    def write(conn: Any) -> int:
        cursor = conn.execute(
            f"insert into micropython_job_runs ({', '.join(columns)}) values ({', '.join('?' * len(columns))})",
            [values.get(column) for column in columns],
        )
        conn.execute(
            "delete from micropython_job_runs where job = :job and id not in "
            "(select id from micropython_job_runs where job = :job order by id desc limit :keep)",
            {"job": run["job"], "keep": HISTORY_RUNS},
        )
        return int(cursor.lastrowid)

    result: int = await datasette.get_internal_database().execute_write_fn(write)
    return result


# ---- permissions ---------------------------------------------------------------------------------------


async def missing_permission(datasette: Any, actor: Any, job: Job) -> str | None:
    """Why `actor` may not own `job` (save it, or have it run as them), or None when it may."""
    if not await datasette.allowed(action=JOBS_ACTION, actor=actor):
        return f"the {JOBS_ACTION} permission"
    if not await datasette.allowed(
        action="execute-sql", resource=DatabaseResource(database=job.database), actor=actor
    ):
        return f"execute-sql on database {job.database}"
    for table in job.writes:
        for action in TABLE_ACTIONS:
            if not await datasette.allowed(
                action=action, resource=TableResource(database=job.database, table=table), actor=actor
            ):
                return f"{action} on table {job.database}/{table}"
    return None


# ---- running -------------------------------------------------------------------------------------------


class WriteFailed(Exception):
    """The run's writes could not be applied (the transaction rolled back)."""


class JobBusy(Exception):
    """A run of this job is already going."""


def _locks(datasette: Any) -> dict[str, asyncio.Lock]:
    locks: dict[str, asyncio.Lock] | None = getattr(datasette, "_micropython_job_locks", None)
    if locks is None:
        locks = datasette._micropython_job_locks = {}
    return locks


def is_running(datasette: Any, name: str) -> bool:
    lock = _locks(datasette).get(name)
    return lock is not None and lock.locked()


def network_policy(job: Job, config: PluginConfig) -> NetworkPolicy | None:
    """The job's `fetch()` policy: its prefixes, with the instance's methods, sizes and timeouts."""
    if not job.allow or config.network is None:
        return None
    return dataclasses.replace(config.network, allow=job.allow)


async def run_job(
    datasette: Any, job: Job, trigger: str, *, dry_run: bool = False, code: str | None = None
) -> dict[str, Any]:
    """Runs `job` once and records the run; returns the record. `trigger`: schedule or manual. A dry run
    (optionally of other `code`, from the editor) writes nothing and reports what would be written.
    Raises `JobBusy` when a run of the job is going."""
    lock = _locks(datasette).setdefault(job.name, asyncio.Lock())
    if lock.locked():
        raise JobBusy(f"job {job.name} is already running")
    async with lock:
        return await _run_locked(datasette, job, "dry-run" if dry_run else trigger, dry_run, code or job.code)


async def _run_locked(datasette: Any, job: Job, trigger: str, dry_run: bool, code: str) -> dict[str, Any]:
    config = plugin_config(datasette)
    started = _now()
    start = time.monotonic()
    record: dict[str, Any] = {
        "job": job.name,
        "trigger": trigger,
        "status": "error",
        "started_at": started,
        "rows": {},
        "stdout": "",
        "stderr": "",
        "error": None,
        "traceback": None,
        "line": None,
    }
    preview: dict[str, Any] | None = None
    try:
        if job.source == "ui":
            missing = await missing_permission(datasette, job.owner, job)
            if missing:
                raise PermissionError(f"the job's owner ({_owner_id(job.owner)}) no longer has {missing}")
        if job.database not in datasette.databases:
            raise LookupError(f"no database named {job.database!r}")
        db = datasette.get_database(job.database)
        if not db.is_mutable:
            raise PermissionError(f"database {job.database} is immutable: a job cannot write to it")
        if job.source == "ui":
            databases = await readable_databases(datasette, job.owner)
        else:
            databases = {job.database: sandbox_database(datasette, db)}
        queue = WriteQueue(job.writes, job.max_write_rows, job.max_write_bytes)
        kwargs: dict[str, Any] = dict(job.limits.sandbox_kwargs())
        policy = network_policy(job, config)
        if policy is not None:
            kwargs["network"] = policy
        sandbox = Sandbox(
            host_functions={WRITE_FUNCTION: queue.host_function},
            databases=databases,
            default_database=job.database if job.database in databases else None,
            **kwargs,
        )
        try:
            runs = run_pool(datasette)
            with runs.slot(("micropython-job", job.name), anonymous=False, retry_after=1):
                # As in the documented example, `datasette` needs no import (a run of its own: the
                # code's line numbers stay its own).
                await runs.run(sandbox, "import datasette", eval_trailing=False)
                loaded = await runs.run(sandbox, code, eval_trailing=False)
                record["stdout"], record["stderr"] = loaded.stdout, loaded.stderr
                try:
                    result = await runs.call(sandbox, "run")
                except GuestError as e:
                    if e.type_name == "NameError" and "'run'" in (e.guest_message or ""):
                        raise LookupError("the job's code defines no run() function") from None
                    raise
                record["stdout"] += result.stdout
                record["stderr"] += result.stderr
        except SandboxError as e:
            record["stdout"] += e.stdout
            record["stderr"] += e.stderr
            raise
        finally:
            sandbox.close()
        try:
            record["rows"] = await db.execute_write_fn(lambda conn: apply_writes(conn, queue.writes, dry_run))
        except DryRun as outcome:
            preview = outcome.report
            record["rows"] = {
                table: {k: v for k, v in counts.items() if k != "preview"}
                for table, counts in preview.items()
            }
        except Exception as e:  # any failure of the transaction: nothing was written
            raise WriteFailed(f"writing failed, nothing was written: {type(e).__name__}: {e}") from e
        record["status"] = "success"
    except SandboxError as e:
        details = report(e)
        # A guest exception by its own type and message; a limit in words and numbers.
        record["error"] = (
            details.summary if isinstance(e, GuestError) else explain(e, job.limits, f"job {job.name}")
        )
        record["traceback"], record["line"] = details.traceback, details.line
    except Exception as e:  # noqa: BLE001 - recorded in the job's history, shown on its page
        record["error"] = f"{type(e).__name__}: {e}" if not isinstance(e, WriteFailed) else str(e)
    record["duration"] = round(time.monotonic() - start, 4)
    record["id"] = await _record_run(datasette, record)
    if not dry_run:
        await _count_outcome(datasette, job, record)
    if preview is not None:
        record["preview"] = {table: counts["preview"] for table, counts in preview.items()}
    return record


async def _count_outcome(datasette: Any, job: Job, record: dict[str, Any]) -> None:
    """Tracks consecutive failures; disables the job at `max_failures`."""
    state = await job_state(datasette, job)
    if record["status"] == "success":
        if state.consecutive_failures:
            state.consecutive_failures = 0
            await save_state(datasette, job.name, state)
        return
    state.consecutive_failures += 1
    await save_state(datasette, job.name, state)
    if state.consecutive_failures >= job.max_failures and state.enabled:
        reason = (
            f"disabled after {state.consecutive_failures} consecutive failed runs; "
            f"the last one: {record['error']}"
        )
        log.warning("micropython job %s %s", job.name, reason)
        await set_enabled(datasette, job, False, reason)


# ---- datasette-cron --------------------------------------------------------------------------------------


def cron_scheduler(datasette: Any) -> Any:
    """datasette-cron's scheduler of this Datasette, or None when datasette-cron is not installed."""
    return getattr(datasette, "_cron_scheduler", None)


async def cron_job_handler(datasette: Any, config: dict[str, Any]) -> None:
    """datasette-cron's handler of every job: runs the job named in the task's config."""
    name = config.get("job")
    job = await get_job(datasette, name) if isinstance(name, str) else None
    if job is None:
        log.error("micropython job %r is gone; removing its schedule", name)
        scheduler = cron_scheduler(datasette)
        if scheduler is not None:
            await scheduler.remove_task(TASK_PREFIX + str(name))
        return
    if not (await job_state(datasette, job)).enabled:
        return
    try:
        record = await run_job(datasette, job, "schedule")
    except JobBusy:
        log.info("micropython job %s: the previous run is still going; this one is skipped", job.name)
        return
    if record["status"] != "success":
        # datasette-cron records this message in its own run history too.
        raise RuntimeError(record["error"])


async def schedule_job(datasette: Any, job: Job) -> None:
    """Adds or updates the datasette-cron task of `job`, enabled as its state says."""
    scheduler = cron_scheduler(datasette)
    if scheduler is None:
        return
    if scheduler.get_handler(CRON_HANDLER) is None:
        scheduler.register_handlers("micropython", {"job": cron_job_handler})
    existing = await scheduler.internal_db.get_task(job.task_name)
    if existing is not None and json.loads(existing.schedule_config) != _cron_schedule_config(job):
        # A changed schedule: drop the old next run time (add_task keeps it otherwise).
        await scheduler.remove_task(job.task_name)
    await scheduler.add_task(
        name=job.task_name,
        handler=CRON_HANDLER,
        schedule=job.cron_schedule,
        config={"job": job.name},
        overlap="skip",
    )
    state = await job_state(datasette, job)
    await scheduler.update_task(job.task_name, enabled=state.enabled)


def _cron_schedule_config(job: Job) -> dict[str, Any]:
    if "interval" in job.schedule:
        return {"seconds": job.schedule["interval"]}
    return {"expression": job.schedule["cron"]}


async def next_run(datasette: Any, job: Job) -> str | None:
    scheduler = cron_scheduler(datasette)
    if scheduler is None:
        return None
    task = await scheduler.internal_db.get_task(job.task_name)
    if task is None or not task.enabled:
        return None
    # datasette-cron keeps naive UTC ISO times with microseconds: shown to the second, marked UTC.
    return str(task.next_run_at)[:19] + "Z" if task.next_run_at else None


async def start_jobs(datasette: Any) -> None:
    """At startup: checks the config jobs, creates the tables, schedules every job, and removes the
    datasette-cron tasks of jobs that no longer exist."""
    jobs = await all_jobs(datasette)
    for job in jobs.values():
        await schedule_job(datasette, job)
    scheduler = cron_scheduler(datasette)
    if scheduler is not None:
        for task in await scheduler.internal_db.get_all_tasks():
            if task.name.startswith(TASK_PREFIX) and task.name[len(TASK_PREFIX) :] not in jobs:
                await scheduler.remove_task(task.name)


# ---- hooks ------------------------------------------------------------------------------------------------


@hookimpl(specname="register_actions")
def register_jobs_action(datasette: Any) -> list[Action]:
    return [Action(name=JOBS_ACTION, description="See and manage scheduled MicroPython jobs")]


@hookimpl(specname="startup")
def startup_jobs(datasette: Any) -> Any:
    # Parsed now, synchronously: a bad job (or a syntax error in its code) stops Datasette naming it.
    config_jobs(datasette)

    async def start() -> None:
        await ensure_schema(datasette)
        await start_jobs(datasette)

    return start()


@hookimpl
def cron_register_handlers(datasette: Any) -> dict[str, Any]:
    return {"job": cron_job_handler}
