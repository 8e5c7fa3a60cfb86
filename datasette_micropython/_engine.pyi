"""Type stubs for the Rust extension module (rust/bindings/src/)."""

import os
from collections.abc import Callable
from typing import Any, final

from typing_extensions import Self

__all__ = [
    "LIMITS",
    "CallResult",
    "GuestError",
    "Limit",
    "RunResult",
    "SandboxCancelled",
    "SandboxClosed",
    "SandboxCrashed",
    "SandboxError",
    "SandboxMemoryError",
    "SandboxTimeout",
    "Session",
    "SqlFunctions",
    "__version__",
    "host_call_time_left",
    "link_sqlite",
    "linked_sqlite",
    "sql_authorize",
]

__version__: str

class SandboxError(Exception):
    stdout: str
    stderr: str
    session_reset: bool
    type_name: str | None
    guest_message: str | None
    traceback: str | None
    line: int | None

class GuestError(SandboxError): ...
class SandboxTimeout(SandboxError): ...
class SandboxMemoryError(SandboxError): ...
class SandboxCancelled(SandboxError): ...
class SandboxClosed(SandboxError): ...
class SandboxCrashed(SandboxError): ...

@final
class Limit:
    """One limit of a sandbox: what `Sandbox(**limits)`, the plugin's config and the CLI accept.

    `default`, `min` and `max` are ints for the units "bytes" and "count", floats for "seconds";
    `default` is None for a limit that is off by default (then `nullable` is True).
    """

    @property
    def name(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def default(self) -> int | float | None: ...
    @property
    def min(self) -> int | float: ...
    @property
    def max(self) -> int | float: ...
    @property
    def nullable(self) -> bool: ...
    @property
    def description(self) -> str: ...
    @property
    def at_limit(self) -> str: ...

#: The engine's table of limits, in a stable order (rust/core/src/limits.rs).
LIMITS: tuple[Limit, ...]

@final
class RunResult:
    """What a successful run printed and produced."""

    @property
    def stdout(self) -> str: ...
    @property
    def stderr(self) -> str: ...
    @property
    def value(self) -> str | None: ...
    @property
    def duration(self) -> float: ...
    @property
    def stdout_truncated(self) -> bool: ...
    @property
    def stderr_truncated(self) -> bool: ...
    @property
    def truncated(self) -> bool: ...

@final
class CallResult:
    """The return value of a guest function called with `Sandbox.call`, and what the call printed."""

    @property
    def value(self) -> Any: ...
    @property
    def stdout(self) -> str: ...
    @property
    def stderr(self) -> str: ...
    @property
    def duration(self) -> float: ...
    @property
    def stdout_truncated(self) -> bool: ...
    @property
    def stderr_truncated(self) -> bool: ...
    @property
    def truncated(self) -> bool: ...

@final
class Session:
    def __new__(cls, **limits: float | None) -> Self:
        """Every limit of `LIMITS` as a keyword argument; absent ones take their default."""
    def limits(self) -> dict[str, Any]:
        """The limits, by name, in table order; never waits for a run in progress."""
    def cancel(self) -> bool:
        """Interrupts the run in progress from any thread without waiting; True if there was one."""
    def cancelled(self) -> bool:
        """Whether the run in progress was cancelled (`cancel()` or `close()`)."""
    def run(self, code: str, *, eval_trailing: bool = True, compile_only: bool = False) -> RunResult: ...
    def call(self, name: str, args: tuple[Any, ...]) -> CallResult: ...
    def register(self, name: str, function: Callable[..., Any]) -> None: ...
    def mount_files(self, mounts: list[tuple[str, str, bool, bool]]) -> None: ...
    def written_files(self) -> dict[str, bytes]: ...
    def attach_databases(
        self,
        files: list[tuple[str, str, bool]],
        functions: list[tuple[str, Callable[..., Any]]],
        default_database: str | None,
        sql_functions: SqlFunctions | None = None,
    ) -> None: ...
    def reset(self) -> None: ...
    def collect_garbage(self) -> None: ...
    def close(self) -> None:
        """Closes without waiting: a run in progress is cancelled and raises `SandboxClosed`."""
    @property
    def closed(self) -> bool: ...
    def memory_size(self) -> int: ...

@final
class SqlFunctions:
    """Python functions for SQL, each call in a sandbox; installed on `sqlite3` connections."""
    def __new__(
        cls,
        functions: list[tuple[str, str, bool, bool, dict[str, Any]]],
        render_error: Callable[[str, str, SandboxError], str],
    ) -> Self: ...
    def names(self) -> list[str]: ...
    def register(self, connection: Any, remove: list[str] = ...) -> None: ...
    def check(self, index: int) -> None: ...

def link_sqlite(library: str, locked_file: str | os.PathLike[str]) -> tuple[str, str]: ...
def linked_sqlite() -> tuple[str, str] | None: ...
def sql_authorize(action: int, arg1: str | None, arg2: str | None, *_rest: object) -> str | None: ...
def host_call_time_left() -> float | None: ...
