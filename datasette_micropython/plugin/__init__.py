"""The Datasette plugin: the hooks, and the templates/ and static/ files Datasette serves. Datasette
loads this package through the `datasette` entry point; each integration keeps its hooks in its own
module, imported here. It is a package, not a module, because Datasette finds a plugin's templates and
static files with `importlib.resources.files(<plugin module>)`; and it is apart from
`datasette_micropython/__init__.py` so that `import datasette_micropython` loads only the engine (about
10 ms) without Datasette and pluggy (about 100 ms more)."""

from __future__ import annotations

import re
from contextvars import ContextVar
from typing import Any

from datasette import hookimpl

from .agent_tool import register_agent_tools  # noqa: F401
from .config import plugin_config
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
    registry(datasette)  # checks datasette.yaml's SQL functions
    return load_stored_functions(datasette)


@hookimpl
def register_enrichments(datasette: Any) -> list[Any]:
    # Imported here, not at the top: datasette_enrichments imports datasette.plugins, which loads this
    # module, so a top-level import fails whenever datasette_enrichments is imported first.
    from .enrichment import PythonEnrichment

    return [PythonEnrichment(datasette)]


@hookimpl
def register_commands(cli: Any) -> None:
    from ..cli import micropython

    cli.add_command(micropython)
