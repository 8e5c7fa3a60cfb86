"""The Datasette plugin: the hooks, and the templates/ and static/ files Datasette serves. Datasette
loads this package through the `datasette` entry point; each integration keeps its hooks in its own
module, imported here. It is a package, not a module, because Datasette finds a plugin's templates and
static files with `importlib.resources.files(<plugin module>)`; and it is apart from
`datasette_micropython/__init__.py` so that `import datasette_micropython` loads only the engine (about
10 ms) without Datasette and pluggy (about 100 ms more)."""

from __future__ import annotations

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


@hookimpl
def startup(datasette: Any) -> None:
    # Validate the settings now: a bad value stops Datasette with a message naming the setting.
    plugin_config(datasette)


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
