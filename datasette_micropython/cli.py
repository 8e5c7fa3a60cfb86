"""`datasette micropython`: run a file, a string or an interactive session in a sandbox.

Registered as a Datasette command by `plugin.register_commands`, and also runnable as
`python -m datasette_micropython`.
"""

from __future__ import annotations

import codeop
import sys
from typing import Any

import click

from . import _engine
from ._engine import SandboxError
from .limits import LIMITS, LimitError, parse_limit
from .sandbox import Sandbox

#: Limits that are not flags: the SQL ones apply only to sandboxes with databases, which the CLI has none of.
_NOT_FLAGS = {"query_row_limit", "query_byte_limit"}


class LimitValue(click.ParamType):  # type: ignore[type-arg]
    """A value of one limit of the engine's table (sizes take K/M/G), checked against its bounds."""

    def __init__(self, spec: _engine.Limit) -> None:
        self.spec = spec
        self.name = {"bytes": "size", "seconds": "seconds"}.get(spec.unit, "integer")

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and self.spec.unit != "bytes":
            try:
                value = float(value) if self.spec.unit == "seconds" else int(value)
            except ValueError:
                pass  # parse_limit says what is wrong, naming the limit
        try:
            return parse_limit(self.spec.name, value)
        except LimitError as e:
            self.fail(str(e), param, ctx)


def limit_options(function: Any) -> Any:
    """A `--memory-limit`-style flag for every limit of the engine's table, with its help and default."""
    for spec in reversed([spec for name, spec in LIMITS.items() if name not in _NOT_FLAGS]):
        suffix = " Sizes take K/M/G." if spec.unit == "bytes" else ""
        function = click.option(
            "--" + spec.name.replace("_", "-"),
            spec.name,
            type=LimitValue(spec),
            default=spec.default,
            show_default=spec.default is not None,
            help=spec.description + suffix,
        )(function)
    return function


def _sandbox(limits: dict[str, Any]) -> Sandbox:
    try:
        return Sandbox(**limits)
    except (ValueError, TypeError) as e:
        raise click.UsageError(str(e)) from e


def _run_and_report(sandbox: Sandbox, code: str, show_value: bool) -> bool:
    """Runs `code`, writes its output like Python would; returns False if it failed."""
    try:
        result = sandbox.run(code, eval_trailing=show_value)
    except SandboxError as e:
        sys.stdout.write(e.stdout)
        sys.stderr.write(e.stderr)
        sys.stderr.write((e.traceback or str(e)) + "\n")
        if e.traceback and (e.session_reset or not e.type_name):
            sys.stderr.write(str(e) + "\n")
        return False
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    if result.value is not None:
        sys.stdout.write(result.value + "\n")
    if result.truncated:
        sys.stderr.write(f"[output truncated at {sandbox.limits['output_limit']} bytes]\n")
    return True


@click.group(name="micropython")
def micropython() -> None:
    """Run Python in a MicroPython WebAssembly sandbox."""


@micropython.command()
@click.argument("file", type=click.File("r"), required=False)
@click.option("-c", "--code", help="Code to run instead of a file.")
@limit_options
def run(file: Any, code: str | None, **limits: Any) -> None:
    """Run FILE (or -c CODE) in a fresh sandbox."""
    if (file is None) == (code is None):
        raise click.UsageError("give either FILE or -c CODE")
    source = code if code is not None else file.read()
    if not _run_and_report(_sandbox(limits), source, show_value=False):
        sys.exit(1)


@micropython.command()
@limit_options
def repl(**limits: Any) -> None:
    """An interactive session; variables persist until you leave (Ctrl+D)."""
    sandbox = _sandbox(limits)
    click.echo("MicroPython sandbox; state persists between inputs. Ctrl+D to leave.", err=True)
    buffer: list[str] = []
    while True:
        try:
            # Prompts go to stderr, as in CPython's REPL, so stdout carries only the results.
            sys.stderr.write("... " if buffer else ">>> ")
            sys.stderr.flush()
            line = input()
        except EOFError:
            click.echo(err=True)
            return
        except KeyboardInterrupt:
            click.echo("\nKeyboardInterrupt", err=True)
            buffer = []
            continue
        buffer.append(line)
        source = "\n".join(buffer)
        try:
            complete = codeop.compile_command(source, "<sandbox>", "single") is not None
        except SyntaxError:
            complete = True  # let the sandbox report it, with its own message
        if complete and not (buffer[0].rstrip().endswith(":") and line.strip()):
            buffer = []
            _run_and_report(sandbox, source, show_value=True)
