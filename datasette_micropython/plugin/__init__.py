"""The Datasette plugin: the hooks, and the templates/ and static/ files Datasette serves. Datasette
loads this package through the `datasette` entry point; each integration keeps its hooks in its own
module, imported here. It is a package, not a module, because Datasette finds a plugin's templates and
static files with `importlib.resources.files(<plugin module>)`; and it is apart from
`datasette_micropython/__init__.py` so that `import datasette_micropython` loads only the engine (about
10 ms) without Datasette and pluggy (about 100 ms more)."""

from __future__ import annotations

import importlib.util
import logging
import re
from contextvars import ContextVar
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from typing import Any

from datasette import hookimpl

from .config import plugin_config

logger = logging.getLogger("datasette_micropython")

#: The Datasette whose permission API (`datasette.permissions.Action`, resources, `PermissionSQL`) the
#: console, the agent tool and the enrichment are written against: the oldest one tested.
MIN_DATASETTE = "1.0a41"

_VERSION = re.compile(r"(\d+)\.(\d+)(?:\.(\d+))?(?:(a|b|rc)(\d+))?")


def version_key(version: str) -> tuple[int, int, int, int, int]:
    """Orders Datasette's version strings ("0.65.2", "1.0a41", "1.0rc1", "1.0"); a release sorts after its
    pre-releases. Anything after the pre-release number (".dev1", "+local") is ignored."""
    match = _VERSION.match(version)
    if match is None:
        raise ValueError(f"not a Datasette version: {version!r}")
    major, minor, micro, phase, number = match.groups()
    phase_rank = {"a": 0, "b": 1, "rc": 2, None: 3}[phase]
    return int(major), int(minor), int(micro or 0), phase_rank, int(number or 0)


def _installed(distribution: str) -> str | None:
    try:
        return package_version(distribution)
    except PackageNotFoundError:
        return None


def _missing(module: str) -> bool:
    return importlib.util.find_spec(module) is None


#: Features that cannot load here, each with a sentence saying what is missing and how to provide it:
#: logged at startup (and by `datasette micropython` for the command line's own needs).
UNAVAILABLE: dict[str, str] = {}

DATASETTE_VERSION = _installed("datasette") or "0"
DATASETTE_1 = version_key(DATASETTE_VERSION) >= version_key(MIN_DATASETTE)

if DATASETTE_1:
    from .console import (  # noqa: F401
        allow_micropython_by_default,
        database_actions,
        register_actions,
        register_routes,
        table_actions,
    )
    from .functions import (  # noqa: F401
        functions_action,
        functions_menu_link,
        functions_routes,
        load_stored_functions,
        prepare_connection,
        registry,
    )
    from .jobs import cron_register_handlers, register_jobs_action, startup_jobs  # noqa: F401
    from .jobs_views import jobs_menu_links, jobs_table_actions, register_jobs_routes  # noqa: F401
else:
    UNAVAILABLE["console"] = (
        f"the browser console, the agent tool and the enrichment need Datasette {MIN_DATASETTE} or later "
        f"(they use Datasette 1.0's permission system); this is Datasette {DATASETTE_VERSION}, so only "
        f"`datasette micropython` (the command line) is available. To get them: "
        f"pip install 'datasette>={MIN_DATASETTE}'"
    )

# The agent tool loads only where datasette-agent is installed (its hook is datasette-agent's); the
# module itself imports datasette_agent only inside the hook.
if DATASETTE_1 and not _missing("datasette_agent"):
    if _missing("pygments"):
        UNAVAILABLE["agent"] = (
            "the agent tool `execute_micropython` needs Pygments (to show code to the user): "
            "pip install 'datasette-agent-micropython[agent]'"
        )
    else:
        from .agent_tool import register_agent_tools  # noqa: F401

#: The enrichment form POST being served in this task and its body, for the enrichment's form, which
#: datasette-enrichments builds with neither the request nor the actor (and after reading the body). Set
#: by `actor_from_request`, which Datasette awaits for every request before routing it.
enrichment_form_post: ContextVar[tuple[Any, bytes] | None] = ContextVar(
    "micropython_enrichment_form_post", default=None
)
_ENRICHMENT_FORM = re.compile(r"^/-/enrich/[^/]+/[^/]+/micropython$")


@hookimpl
def actor_from_request(datasette: Any, request: Any) -> Any:
    # Authenticates no one: keeps the body of our enrichment form's POST (and gives the request a receive
    # channel that replays it), so that the code check can run off the event loop as the actor who
    # submitted it. Bodies over Datasette's limit are left to the framework's own 413.
    if request.method != "POST" or not _ENRICHMENT_FORM.match(request.path):
        return None
    try:
        if int(request.headers.get("content-length", "0")) > request.max_post_body_bytes:
            return None
    except ValueError:
        return None

    async def keep_body() -> None:
        body = await request.post_body()
        replayed = False

        async def receive() -> dict[str, Any]:
            nonlocal replayed
            if replayed:
                return {"type": "http.disconnect"}
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        request.receive = receive
        enrichment_form_post.set((request, body))

    return keep_body()


@hookimpl
def startup(datasette: Any) -> Any:
    # Validate the settings now: a bad value stops Datasette with a message naming the setting.
    plugin_config(datasette)
    for message in UNAVAILABLE.values():
        logger.warning("datasette-agent-micropython: %s", message)
    if not DATASETTE_1:
        return None
    registry(datasette)  # checks datasette.yaml's SQL functions
    return load_stored_functions(datasette)


if DATASETTE_1:

    @hookimpl
    def register_enrichments(datasette: Any) -> list[Any]:
        # Called only where datasette-enrichments is installed (the hook is its own). Imported here, not
        # at the top: datasette_enrichments imports datasette.plugins, which loads this module, so a
        # top-level import fails whenever datasette_enrichments is imported first.
        try:
            from .enrichment import PythonEnrichment
        except ImportError as e:
            # WTForms older than 3.3 (the newest on Python 3.10) has no SelectChoice.
            message = (
                f"the Python (sandboxed) enrichment cannot load ({e}); it needs WTForms 3.3 or later, "
                "which needs Python 3.11: pip install 'datasette-agent-micropython[enrichments]'"
            )
            UNAVAILABLE["enrichments"] = message
            logger.warning("datasette-agent-micropython: %s", message)
            return []
        return [PythonEnrichment(datasette)]


@hookimpl
def register_commands(cli: Any) -> None:
    from ..cli import micropython

    cli.add_command(micropython)
