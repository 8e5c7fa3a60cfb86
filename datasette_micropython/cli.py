"""`datasette micropython`: run a file, a string or an interactive session in a sandbox.

Registered as a Datasette command by `plugin.register_commands`, and also runnable as
`python -m datasette_micropython`.
"""

from __future__ import annotations

import codeop
import sys
from typing import Any

import click

from ._engine import SandboxError
from .config import ConfigError, parse_size
from .sandbox import DEFAULTS, Sandbox


class ByteSize(click.ParamType):  # type: ignore[type-arg]
    """A size such as 65536, 64M or 1GiB."""

    name = "size"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        try:
            return parse_size(value, param.name if param and param.name else "size")
        except ConfigError as e:
            self.fail(str(e).split(": ", 1)[1], param, ctx)


#: The limits every command accepts as flags: (Sandbox argument, flag type, help).
LIMIT_FLAGS = [
    ("memory_limit", ByteSize(), "Guest memory, in bytes or with K/M/G."),
    ("time_limit", float, "Seconds per run before the guest is interrupted."),
    ("hard_grace", float, "Seconds after the interrupt before a stuck run is stopped outright."),
    ("fuel", int, "Deterministic instruction budget per run."),
    ("output_limit", ByteSize(), "Bytes of stdout and of stderr kept per run."),
]


def limit_options(function: Any) -> Any:
    for name, kind, text in reversed(LIMIT_FLAGS):
        default = DEFAULTS[name]
        flag = "--" + name.replace("_", "-")
        function = click.option(
            flag, type=kind, default=default, show_default=default is not None, help=text
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
