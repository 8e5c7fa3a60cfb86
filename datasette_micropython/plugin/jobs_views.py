"""The Jobs page and its JSON API, for actors holding `micropython-jobs`.

    GET  /-/micropython/jobs                   list: schedule, status, last and next run
    GET  /-/micropython/jobs/-/new             the editor for a new job (?database=&table= prefill it)
    GET  /-/micropython/jobs/<name>            a job: the editor (read-only for datasette.yaml jobs), history
    GET  /-/micropython/jobs.json, /-/micropython/jobs/<name>.json   the same as JSON
    POST /-/micropython/jobs/-/save            {"name", "create", settings as in datasette.yaml} -> saved job
    POST /-/micropython/jobs/<name>/run        run now -> the run's record
    POST /-/micropython/jobs/<name>/dry-run    {"code"?} -> what would be written (nothing is)
    POST /-/micropython/jobs/<name>/enable, /disable, /delete

POSTs are JSON from the page itself (Datasette refuses cross-site POSTs). Saving checks that the actor may
own the job (`jobs.missing_permission`); the job then runs with that actor's permissions, checked again at
every run."""

from __future__ import annotations

import asyncio
import json
import urllib.parse
from typing import Any

from datasette import Forbidden, NotFound, Response, hookimpl
from datasette.resources import TableResource
from datasette.utils import tilde_decode

from .config import PLUGIN_NAME, plugin_config
from .jobs import (
    CRON_MISSING,
    JOBS_ACTION,
    Job,
    JobBusy,
    JobError,
    all_jobs,
    check_syntax,
    config_jobs,
    cron_scheduler,
    delete_ui_job,
    is_running,
    job_state,
    missing_permission,
    next_run,
    parse_job,
    run_job,
    runs_of,
    schedule_job,
    set_enabled,
    store_ui_job,
)

BASE = "/-/micropython/jobs"


@hookimpl(specname="register_routes")
def register_jobs_routes() -> list[tuple[str, Any]]:
    return [
        (r"^/-/micropython/jobs(?P<format>\.json)?$", jobs_list_view),
        (r"^/-/micropython/jobs/-/new$", job_new_view),
        (r"^/-/micropython/jobs/-/save$", job_save_view),
        (r"^/-/micropython/jobs/(?P<name>[A-Za-z0-9][A-Za-z0-9_.-]*?)(?P<format>\.json)?$", job_view),
        (
            r"^/-/micropython/jobs/(?P<name>[A-Za-z0-9][A-Za-z0-9_.-]*)/(?P<verb>run|dry-run|enable|disable|delete)$",
            job_action_view,
        ),
    ]


@hookimpl(specname="table_actions")
def jobs_table_actions(datasette: Any, actor: Any, database: str, table: str) -> Any:
    async def links() -> list[dict[str, str]]:
        if not await datasette.allowed(action=JOBS_ACTION, actor=actor):
            return []
        if not await datasette.allowed(
            action="insert-row", resource=TableResource(database=database, table=table), actor=actor
        ):
            return []
        query = urllib.parse.urlencode({"database": database, "table": table})
        return [
            {
                "href": datasette.urls.path(f"{BASE}/-/new?{query}"),
                "label": "Schedule Python that writes to this table",
                "description": "A MicroPython job that fetches data on a schedule and writes it here",
            }
        ]

    return links


@hookimpl(specname="menu_links")
def jobs_menu_links(datasette: Any, actor: Any) -> Any:
    async def links() -> list[dict[str, str]]:
        if not await datasette.allowed(action=JOBS_ACTION, actor=actor):
            return []
        return [{"href": datasette.urls.path(BASE), "label": "Python jobs"}]

    return links


async def _require(datasette: Any, request: Any) -> None:
    if not await datasette.allowed(action=JOBS_ACTION, actor=request.actor):
        raise Forbidden(f"You need the {JOBS_ACTION} permission to see scheduled jobs")


async def _summary(datasette: Any, job: Job) -> dict[str, Any]:
    state = await job_state(datasette, job)
    runs = await runs_of(datasette, job.name, limit=1)
    last = runs[0] if runs else None
    return {
        **job.as_dict(),
        "url": datasette.urls.path(f"{BASE}/{job.name}"),
        "schedule_text": job.describe_schedule(),
        "enabled": state.enabled,
        "disabled_reason": state.disabled_reason,
        "consecutive_failures": state.consecutive_failures,
        "running": is_running(datasette, job.name),
        "last_run": last,
        "next_run": await next_run(datasette, job),
    }


async def jobs_list_view(datasette: Any, request: Any) -> Response:
    await _require(datasette, request)
    jobs = [await _summary(datasette, job) for job in (await all_jobs(datasette)).values()]
    if request.url_vars.get("format"):
        return Response.json({"jobs": jobs, "scheduler": cron_scheduler(datasette) is not None})
    return Response.html(
        await datasette.render_template(
            "micropython_jobs.html",
            {
                "jobs": jobs,
                "new_url": datasette.urls.path(f"{BASE}/-/new"),
                "cron_missing": None if cron_scheduler(datasette) is not None else CRON_MISSING,
            },
            request=request,
        )
    )


STARTER_CODE = """import json
import datasette


def run():
    # fetch() may reach the URL prefixes listed under "May fetch"; writes are applied after run() returns.
    response = fetch("https://api.example.com/v1/prices.json")
    rows = [{"sym": p["s"], "price": p["p"]} for p in json.loads(response["body"])]
    datasette.upsert(TABLE, rows, pk="sym")
    print(len(rows), "rows")
"""


async def job_new_view(datasette: Any, request: Any) -> Response:
    await _require(datasette, request)
    database = request.args.get("database") or next(iter(datasette.databases), "")
    table = request.args.get("table") or "my_table"
    definition: dict[str, Any] = {
        "name": "",
        "database": database,
        "code": STARTER_CODE.replace("TABLE", json.dumps(table)),
        "schedule": {"interval": 3600},
        "network": {"allow": []},
        "writes": [table],
        "limits": {},
        "max_failures": 5,
        "source": "ui",
    }
    return await _editor(datasette, request, definition, None, new=True)


async def job_view(datasette: Any, request: Any) -> Response:
    await _require(datasette, request)
    job = await _job(datasette, request)
    summary = await _summary(datasette, job)
    runs = await runs_of(datasette, job.name)
    if request.url_vars.get("format"):
        return Response.json({"job": summary, "runs": runs})
    return await _editor(datasette, request, summary, runs, new=False)


async def _editor(
    datasette: Any, request: Any, job: dict[str, Any], runs: list[dict[str, Any]] | None, new: bool
) -> Response:
    config = plugin_config(datasette)
    name = job["name"]
    return Response.html(
        await datasette.render_template(
            "micropython_jobs_edit.html",
            {
                "job": job,
                "job_json": json.dumps(job, default=str),
                "runs": runs or [],
                "new": new,
                "read_only": job["source"] == "config",
                "databases": list(datasette.databases),
                "instance_allow": list(config.network.allow) if config.network else [],
                "list_url": datasette.urls.path(BASE),
                "save_url": datasette.urls.path(f"{BASE}/-/save"),
                "action_base": datasette.urls.path(f"{BASE}/{name}") if name else "",
                "cron_missing": None if cron_scheduler(datasette) is not None else CRON_MISSING,
                "plugin": PLUGIN_NAME,
            },
            request=request,
        )
    )


async def _job(datasette: Any, request: Any) -> Job:
    name = tilde_decode(request.url_vars["name"])
    job = (await all_jobs(datasette)).get(name)
    if job is None:
        raise NotFound(f"No job named {name}")
    return job


async def _json_body(request: Any) -> Any:
    body = await request.post_body()
    if not body:
        return {}
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        return None


async def job_save_view(datasette: Any, request: Any) -> Response:
    if request.method != "POST":
        return Response.error("POST only", status=405)
    if not await datasette.allowed(action=JOBS_ACTION, actor=request.actor):
        return Response.error(f"You need the {JOBS_ACTION} permission", status=403)
    body = await _json_body(request)
    if not isinstance(body, dict):
        return Response.error('Expected a JSON object such as {"name": ..., "database": ..., "code": ...}')
    settings = dict(body)
    name = settings.pop("name", None)
    create = settings.pop("create", False)
    for key in ("source", "owner", "url", "limits"):
        # What the page's JSON carries besides the settings; "limits" is spread into the settings.
        value = settings.pop(key, None)
        if key == "limits" and isinstance(value, dict):
            settings.update(value)
    if isinstance(name, str) and name in config_jobs(datasette):
        return Response.error(f"Job {name} is defined in datasette.yaml; change it there", status=409)
    existing = (await all_jobs(datasette)).get(name) if isinstance(name, str) else None
    if create and existing is not None:
        return Response.error(f"A job named {name} already exists", status=409)
    if not create and existing is None:
        return Response.error(f"No job named {name}", status=404)
    actor = request.actor
    try:
        job = parse_job(name, settings, plugin_config(datasette), source="ui", owner=actor, check_code=False)
        # Compiling in a sandbox is guest work: off the event loop.
        await asyncio.to_thread(check_syntax, job)
    except JobError as e:
        return Response.json({"ok": False, "error": str(e), "line": e.line}, status=400)
    if job.database not in datasette.databases:
        return Response.json(
            {"ok": False, "error": f"No database named {job.database}", "line": None}, status=400
        )
    missing = await missing_permission(datasette, actor, job)
    if missing:
        return Response.json(
            {"ok": False, "error": f"You need {missing} to save this job", "line": None}, status=403
        )
    await store_ui_job(datasette, job, settings)
    if existing is None:
        await set_enabled(datasette, job, job.enabled)
    await schedule_job(datasette, job)
    return Response.json({"ok": True, "job": await _summary(datasette, job)})


async def job_action_view(datasette: Any, request: Any) -> Response:
    if request.method != "POST":
        return Response.error("POST only", status=405)
    if not await datasette.allowed(action=JOBS_ACTION, actor=request.actor):
        return Response.error(f"You need the {JOBS_ACTION} permission", status=403)
    try:
        job = await _job(datasette, request)
    except NotFound as e:
        return Response.error(str(e), status=404)
    verb = request.url_vars["verb"]
    if verb in ("run", "dry-run"):
        code = None
        if verb == "dry-run":
            body = await _json_body(request)
            code = body.get("code") if isinstance(body, dict) else None
            if code is not None and not isinstance(code, str):
                return Response.error('"code" must be a string')
            if code is not None and job.source == "config":
                return Response.error("A job from datasette.yaml runs its own code", status=400)
        try:
            record = await run_job(datasette, job, "manual", dry_run=verb == "dry-run", code=code)
        except JobBusy as e:
            return Response.json({"ok": False, "error": str(e)}, status=409)
        return Response.json({"ok": record["status"] == "success", "run": record}, default=str)
    if verb in ("enable", "disable"):
        await set_enabled(datasette, job, verb == "enable", reason=f"disabled by {_who(request.actor)}")
        return Response.json({"ok": True, "job": await _summary(datasette, job)})
    if job.source == "config":
        return Response.error("A job from datasette.yaml is deleted there", status=400)
    await delete_ui_job(datasette, job)
    return Response.json({"ok": True})


def _who(actor: Any) -> str:
    if not actor:
        return "an anonymous visitor"
    return str(actor.get("id", actor))
