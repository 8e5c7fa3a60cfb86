"""The one place a sandbox error becomes text for people (the console page, the agent's model, an
enrichment's error log and form).

A limit or a crash is named by the sandbox (`SandboxTimeout`, `SandboxMemoryError`, ...), not by the
exception the guest saw (a `KeyboardInterrupt` for a timeout); an uncaught guest exception by its own
type and message."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .._engine import GuestError, SandboxError, SandboxMemoryError, SandboxTimeout


@dataclass(frozen=True)
class ErrorReport:
    #: The guest exception's type (`ZeroDivisionError`), or the sandbox error's (`SandboxTimeout`).
    type: str
    #: Its message ("" when the guest raised one without a message).
    message: str
    #: Python's traceback as the guest printed it, when there is one.
    traceback: str | None
    #: The line of the submitted code where it happened, when known.
    line: int | None
    #: Whether the interpreter was restarted (every variable of the session is gone).
    session_reset: bool

    @property
    def summary(self) -> str:
        """`ZeroDivisionError: divide by zero`, as Python's last traceback line."""
        return f"{self.type}: {self.message}" if self.message else self.type


def report(error: SandboxError) -> ErrorReport:
    if isinstance(error, GuestError):
        kind, message = error.type_name or type(error).__name__, error.guest_message or ""
    else:
        kind, message = type(error).__name__, str(error)
    return ErrorReport(kind, message, error.traceback, error.line, error.session_reset)


def explain(error: SandboxError, limits: Mapping[str, Any], subject: str) -> str:
    """One paragraph for a log: limits in words and numbers (`subject` did not finish within ...), a
    guest exception by its traceback."""
    if isinstance(error, SandboxTimeout):
        return f"{subject} did not finish within the time limit ({limits['time_limit']:g} seconds)"
    if isinstance(error, SandboxMemoryError):
        return f"{subject} ran out of memory (limit {limits['memory_limit']:,} bytes)"
    details = report(error)
    return details.traceback or details.summary


def sql_function_error(name: str, stage: str, error: SandboxError, limits: Mapping[str, Any]) -> str:
    """The SQL error of a Python SQL function's failed call, e.g. `slugify(): AttributeError: 'int' object
    has no attribute 'lower' (line 2)`, or the limit that stopped it. `stage` is "define" (the definition
    failed in a fresh sandbox), "call" (a call, or an aggregate's `__init__`/`step`) or "finalize" (an
    aggregate's `finalize`); `limits` are the function's."""
    where = {"define": f"{name} (definition)", "finalize": f"{name}.finalize()"}.get(stage, f"{name}()")
    if isinstance(error, SandboxTimeout):
        text = f"SandboxTimeout: did not finish within the time limit ({limits['time_limit']:g} s per call)"
    elif isinstance(error, SandboxMemoryError):
        text = f"SandboxMemoryError: ran out of memory (limit {limits['memory_limit']:,} bytes)"
    else:
        details = report(error)
        text = details.summary + (f" (line {details.line})" if details.line is not None else "")
    if error.session_reset:
        text += "; its sandbox was restarted"
    return f"{where}: {text}"
