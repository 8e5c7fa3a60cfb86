"""Datasette's hooks. Datasette loads this module through the package's `datasette` entry point; the
integrations themselves live one module each beside it."""

from __future__ import annotations

from typing import Any

from datasette import hookimpl


@hookimpl
def register_commands(cli: Any) -> None:
    from .cli import micropython

    cli.add_command(micropython)
