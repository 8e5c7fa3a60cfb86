"""Datasette's hooks. Datasette loads this module through the package's `datasette` entry point; each
integration keeps its own hooks in its module, imported here. (Importing `datasette_micropython` itself
loads only the engine, so plain `Sandbox` users do not pay for importing Datasette.)"""

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
    from .cli import micropython

    cli.add_command(micropython)
