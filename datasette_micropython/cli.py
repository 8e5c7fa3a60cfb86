"""`datasette micropython`: run a file, a string or an interactive session in a sandbox.

Registered as a Datasette command by `plugin.register_commands`, and also runnable as
`python -m datasette_micropython`.

Guest code runs on a worker thread while the main thread waits for it, so Ctrl+C (delivered to the main
thread) interrupts the run: the first asks the guest to stop (`KeyboardInterrupt` inside it, the session
intact), a second one stops the interpreter outright and starts a fresh session.
"""

from __future__ import annotations

import codeop
import os
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import _engine
from ._engine import GuestError, SandboxCancelled, SandboxClosed, SandboxError
from .limits import LIMITS, LimitError, parse_limit
from .sandbox import RunResult, Sandbox

#: Where the REPL keeps its line history between sessions (readline), unless this variable names a file.
HISTORY_ENV = "DATASETTE_MICROPYTHON_HISTORY"
HISTORY_LENGTH = 1000

#: Exit status of a run stopped with Ctrl+C, as a shell reports a process ended by SIGINT.
EXIT_INTERRUPTED = 130


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


def sandbox_options(function: Any) -> Any:
    """`--db` and `--allow-url`, and a `--memory-limit`-style flag for every limit of the engine's table."""
    for spec in reversed(list(LIMITS.values())):
        suffix = " Sizes take K/M/G." if spec.unit == "bytes" else ""
        function = click.option(
            "--" + spec.name.replace("_", "-"),
            spec.name,
            type=LimitValue(spec),
            default=spec.default,
            show_default=spec.default is not None,
            help=spec.description + suffix,
        )(function)
    function = click.option(
        "--allow-url",
        "allow_urls",
        multiple=True,
        metavar="PREFIX",
        help="Give guest code fetch(), for GET and HEAD requests to URLs under this prefix "
        "(https://api.example.com/v1/); repeat for more.",
    )(function)
    return click.option(
        "--db",
        "databases",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False),
        metavar="FILE",
        help="A SQLite database `import datasette` may read, read-only as in Datasette; repeat for more. "
        "Its name is the file's stem; the first is the default database.",
    )(function)


def database_names(paths: tuple[str, ...]) -> dict[str, str]:
    """Database name -> file, named as Datasette names them: the file's stem, `_2`, `_3`... when taken."""
    named: dict[str, str] = {}
    for path in paths:
        stem = name = Path(path).stem
        suffix = 2
        while name in named:
            name = f"{stem}_{suffix}"
            suffix += 1
        named[name] = path
    return named


def _sandbox(databases: tuple[str, ...], allow_urls: tuple[str, ...], limits: dict[str, Any]) -> Sandbox:
    options: dict[str, Any] = dict(limits)
    if databases:
        named = database_names(databases)
        options["databases"] = named
        options["default_database"] = next(iter(named))
    if allow_urls:
        options["network"] = {"allow": list(allow_urls)}
    try:
        return Sandbox(**options)
    except (ValueError, TypeError) as e:
        raise click.UsageError(str(e)) from e


#: What a guest error means when it comes from a capability the command line did not give, and the flag
#: that gives it. The engine says so itself for databases; fetch() simply does not exist without a policy.
def _missing_capability_hint(error: SandboxError) -> str | None:
    if (
        isinstance(error, GuestError)
        and error.type_name == "NameError"
        and "'fetch'" in (error.guest_message or "")
    ):
        return "fetch() exists only with network access: give it with --allow-url PREFIX"
    return None


class Session:
    """A sandbox and the way the command line runs code in it: on a worker thread, so that Ctrl+C
    reaches the main thread and interrupts the run."""

    def __init__(self, make_sandbox: Callable[[], Sandbox]) -> None:
        # Ctrl+C must reach the run even when the process started with SIGINT ignored (a disposition a
        # parent can pass on through exec, and Python then keeps): Python's own handler, which raises
        # KeyboardInterrupt in the main thread.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        self._make_sandbox = make_sandbox
        self.sandbox = make_sandbox()

    def run(self, code: str, *, show_value: bool) -> RunResult:
        """Runs `code`; raises what `Sandbox.run` raises, `SandboxCancelled` after one Ctrl+C, and
        `KeyboardInterrupt` after a second one (the interpreter was stopped and replaced)."""
        sandbox = self.sandbox
        outcome: list[Any] = []
        done = threading.Event()

        def target() -> None:
            try:
                outcome.append(sandbox.run(code, eval_trailing=show_value))
            except BaseException as e:  # noqa: BLE001 (handed to the main thread, which raises it)
                outcome.append(e)
            finally:
                done.set()

        # Waited on with an Event, not Thread.join: a join interrupted by Ctrl+C can leave the thread
        # looking finished while it still runs. The thread is started inside the loop, so a Ctrl+C that
        # comes while it starts is handled like any other; and cancel() is asked again until it reaches
        # the run, because a Ctrl+C that comes before the run is under way would otherwise be lost.
        worker = threading.Thread(target=target, name="micropython-run", daemon=True)
        interrupts = 0
        cancelled = False
        while not done.is_set():
            try:
                if not worker.is_alive() and not done.is_set() and worker.ident is None:
                    worker.start()
                if interrupts and not cancelled:
                    cancelled = sandbox.cancel()
                done.wait(0.05)  # a timed wait, so Ctrl+C is delivered to this thread
            except KeyboardInterrupt:
                interrupts += 1
                if interrupts == 1:
                    cancelled = sandbox.cancel()
                    sys.stderr.write("\n[interrupting; Ctrl+C again stops the interpreter outright]\n")
                    sys.stderr.flush()
                else:
                    # close() never waits: the interpreter is stopped outright and the run ends with
                    # SandboxClosed in the worker, which is left to finish on its own.
                    sandbox.close()
                    self.sandbox = self._make_sandbox()
                    raise KeyboardInterrupt from None
        (result,) = outcome
        if isinstance(result, BaseException):
            raise result
        assert isinstance(result, RunResult)
        return result

    def run_and_report(self, code: str, *, show_value: bool) -> int:
        """Runs `code` and writes its output like Python would; returns the exit status: 0, 1 if it
        failed, `EXIT_INTERRUPTED` if Ctrl+C stopped it."""
        try:
            result = self.run(code, show_value=show_value)
        except KeyboardInterrupt:
            sys.stderr.write(
                "KeyboardInterrupt: the interpreter was stopped outright; the session starts afresh\n"
            )
            return EXIT_INTERRUPTED
        except SandboxClosed as e:
            sys.stdout.write(e.stdout)
            sys.stderr.write(e.stderr + str(e) + "\n")
            return 1
        except SandboxError as e:
            sys.stdout.write(e.stdout)
            sys.stderr.write(e.stderr)
            sys.stderr.write((e.traceback or str(e)) + "\n")
            if e.traceback and (e.session_reset or not e.type_name):
                sys.stderr.write(str(e) + "\n")
            hint = _missing_capability_hint(e)
            if hint:
                sys.stderr.write(hint + "\n")
            return EXIT_INTERRUPTED if isinstance(e, SandboxCancelled) else 1
        sys.stdout.write(result.stdout)
        sys.stderr.write(result.stderr)
        if result.value is not None:
            sys.stdout.write(result.value + "\n")
        if result.truncated:
            sys.stderr.write(f"[output truncated at {self.sandbox.limits['output_limit']} bytes]\n")
        return 0


@click.group(name="micropython")
def micropython() -> None:
    """Run Python in a MicroPython WebAssembly sandbox."""


@micropython.command()
@click.argument("file", type=click.File("r"), required=False)
@click.option("-c", "--code", help="Code to run instead of a file.")
@sandbox_options
def run(
    file: Any, code: str | None, databases: tuple[str, ...], allow_urls: tuple[str, ...], **limits: Any
) -> None:
    """Run FILE (or -c CODE) in a fresh sandbox."""
    if (file is None) == (code is None):
        raise click.UsageError("give either FILE or -c CODE")
    source = code if code is not None else file.read()
    session = Session(lambda: _sandbox(databases, allow_urls, limits))
    try:
        status = session.run_and_report(source, show_value=False)
    finally:
        session.sandbox.close()
    if status:
        sys.exit(status)


def is_complete(source: str) -> bool:
    """Whether `source` (the lines typed so far) is ready to run, by CPython's own rules for its REPL: a
    compound statement ends with an empty line. A syntax error is complete: the sandbox reports it, and
    the next line starts afresh."""
    try:
        if codeop.compile_command(source, "<sandbox>", "single") is None:
            return False
    except (SyntaxError, ValueError, OverflowError):
        return True
    lines = source.split("\n")
    # compile_command accepts a compound statement as soon as its body parses; the REPL waits for the
    # empty line that ends it.
    first = lines[0].split("#", 1)[0].strip()
    compound = first.endswith(":") or first.startswith("@")
    return not compound or lines[-1].strip() == ""


def _history_file() -> Path:
    return Path(os.environ.get(HISTORY_ENV) or Path.home() / ".datasette_micropython_history")


def _line_editing() -> Callable[[], None]:
    """Readline line editing and a persistent history where readline exists and input is a terminal;
    returns what saves the history."""
    if not sys.stdin.isatty():
        return lambda: None
    try:
        import readline
    except ImportError:  # a Python built without it (Windows): plain input()
        return lambda: None
    history = _history_file()
    try:
        readline.read_history_file(history)
    except FileNotFoundError:
        pass
    except OSError as e:
        click.echo(f"history not read from {history}: {e}", err=True)
    readline.set_history_length(HISTORY_LENGTH)

    def save() -> None:
        try:
            readline.write_history_file(history)
        except OSError as e:
            click.echo(f"history not saved to {history}: {e} (set {HISTORY_ENV} to another file)", err=True)

    return save


def _read_line(prompt: str) -> str:
    if sys.stdin.isatty():
        # Through input(prompt), so that readline knows the prompt when it redraws the line.
        return input(prompt)
    # Piped input: the prompt goes to stderr, as in CPython's REPL, so stdout carries only the results.
    sys.stderr.write(prompt)
    sys.stderr.flush()
    return input()


@micropython.command()
@sandbox_options
def repl(databases: tuple[str, ...], allow_urls: tuple[str, ...], **limits: Any) -> None:
    """An interactive session; variables persist until you leave (Ctrl+D). Ctrl+C interrupts a run."""
    session = Session(lambda: _sandbox(databases, allow_urls, limits))
    save_history = _line_editing()
    click.echo(
        "MicroPython sandbox; state persists between inputs. Ctrl+C interrupts a run, Ctrl+D leaves.",
        err=True,
    )
    buffer: list[str] = []
    try:
        while True:
            try:
                line = _read_line("... " if buffer else ">>> ")
            except EOFError:
                click.echo(err=True)
                return
            except KeyboardInterrupt:
                click.echo("\nKeyboardInterrupt", err=True)
                buffer = []
                continue
            buffer.append(line)
            source = "\n".join(buffer)
            if not source.strip():
                buffer = []
            elif is_complete(source):
                buffer = []
                session.run_and_report(source, show_value=True)
    finally:
        save_history()
        session.sandbox.close()
