"""The one place a sandbox error becomes text for people (the console page, the agent's model, an
enrichment's error log and form).

A limit or a crash is named by the sandbox (`SandboxTimeout`, `SandboxMemoryError`, ...), not by the
exception the guest saw; an uncaught guest exception by its own type and message. A run the sandbox
stopped (its time limit, a Stop button, the session closed under it) reads "stopped: the time limit of
5 s was reached" and its traceback ends with that sentence instead of the bare `KeyboardInterrupt:` the
guest was stopped with, so the line it stopped at is still shown above it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .._engine import (
    GuestError,
    SandboxCancelled,
    SandboxClosed,
    SandboxError,
    SandboxMemoryError,
    SandboxTimeout,
)

# The engine's message for a timeout: "time limit of 5.000 s exceeded; the session is intact".
_TIME_LIMIT = re.compile(r"time limit of ([0-9.]+) s\b")


@dataclass(frozen=True)
class ErrorReport:
    #: The guest exception's type (`ZeroDivisionError`), or the sandbox error's (`SandboxTimeout`).
    type: str
    #: Its message ("" when the guest raised one without a message); for a stopped run, why it stopped
    #: ("the time limit of 5 s was reached").
    message: str
    #: Python's traceback as the guest printed it, when there is one (for a stopped run, ending with the
    #: summary instead of `KeyboardInterrupt:`).
    traceback: str | None
    #: The line of the submitted code where it happened (or was stopped), when known.
    line: int | None
    #: Whether the interpreter was restarted (every variable of the session is gone).
    session_reset: bool
    #: Whether the sandbox stopped the run (time limit, cancel, close) rather than the code failing.
    stopped: bool = False

    @property
    def summary(self) -> str:
        """`ZeroDivisionError: division by zero`, as Python's last traceback line; for a stopped run,
        `stopped: the time limit of 5 s was reached (line 4)`."""
        if self.stopped:
            where = f" (line {self.line})" if self.line else ""
            return f"stopped: {self.message}{where}"
        return f"{self.type}: {self.message}" if self.message else self.type


def stop_reason(error: SandboxError) -> str | None:
    """Why the sandbox stopped the run, in words, or None when it was not stopped (the code failed)."""
    if isinstance(error, SandboxTimeout):
        limit = _TIME_LIMIT.search(str(error))
        return (
            f"the time limit of {float(limit.group(1)):g} s was reached"
            if limit
            else "the time limit was reached"
        )
    if isinstance(error, SandboxCancelled):
        return "the run was cancelled (Stop)"
    if isinstance(error, SandboxClosed):
        return "the session was closed (reset, or idle too long) while it ran"
    return None


def report(error: SandboxError) -> ErrorReport:
    reason = stop_reason(error)
    if reason is not None:
        return ErrorReport(
            type(error).__name__,
            reason,
            _stopped_traceback(error.traceback, f"stopped: {reason}"),
            error.line,
            error.session_reset,
            stopped=True,
        )
    if isinstance(error, GuestError):
        kind, message = error.type_name or type(error).__name__, error.guest_message or ""
    else:
        kind, message = type(error).__name__, str(error)
    return ErrorReport(kind, message, error.traceback, error.line, error.session_reset)


def _stopped_traceback(traceback: str | None, last_line: str) -> str | None:
    """The guest's traceback with its last line (`KeyboardInterrupt: `, the exception the sandbox stops a
    guest with) replaced by `last_line`."""
    if not traceback:
        return None
    lines = traceback.rstrip("\n").split("\n")
    if lines[-1].startswith("KeyboardInterrupt"):
        lines[-1] = last_line
    else:
        lines.append(last_line)
    return "\n".join(lines)


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
