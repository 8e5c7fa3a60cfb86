"""Run untrusted Python safely: MicroPython compiled to WebAssembly, run by Wasmtime with hard memory,
CPU and wall-clock limits, plus Datasette integrations.

Importing this package loads only the sandbox engine; Datasette's hooks live in `plugin`, which
Datasette loads through the package's entry point.
"""

from ._engine import (
    GuestError,
    SandboxCancelled,
    SandboxClosed,
    SandboxCrashed,
    SandboxError,
    SandboxMemoryError,
    SandboxTimeout,
    SnapshotError,
    __version__,
)
from .sandbox import DEFAULTS, LIMITS, CallResult, RunResult, Sandbox

__all__ = [
    "DEFAULTS",
    "LIMITS",
    "CallResult",
    "GuestError",
    "RunResult",
    "Sandbox",
    "SandboxCancelled",
    "SandboxClosed",
    "SandboxCrashed",
    "SandboxError",
    "SandboxMemoryError",
    "SandboxTimeout",
    "SnapshotError",
    "__version__",
]
