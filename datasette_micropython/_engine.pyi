"""Type stubs for the Rust extension module (rust/bindings/src/lib.rs)."""

from collections.abc import Callable
from typing import Any, final

from typing_extensions import Self

__all__ = [
    "CallResult",
    "GuestError",
    "RunResult",
    "SandboxClosed",
    "SandboxCrashed",
    "SandboxError",
    "SandboxMemoryError",
    "SandboxTimeout",
    "Session",
    "__version__",
    "module_origin",
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
class SandboxClosed(SandboxError): ...
class SandboxCrashed(SandboxError): ...

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
    def __new__(
        cls,
        *,
        memory_limit: int,
        time_limit: float,
        hard_grace: float,
        fuel: int | None,
        output_limit: int,
        host_call_limit: int,
        host_payload_limit: int,
    ) -> Self: ...
    def limits(self) -> dict[str, Any]: ...
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
        max_rows: int,
        max_bytes: int,
    ) -> None: ...
    def reset(self) -> None: ...
    def collect_garbage(self) -> None: ...
    def close(self) -> None: ...
    @property
    def closed(self) -> bool: ...
    def memory_size(self) -> int: ...

def module_origin() -> tuple[str, str]: ...
