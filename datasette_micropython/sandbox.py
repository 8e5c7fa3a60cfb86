"""The friendly Python face of the engine: `Sandbox`, its results, and async runs.

Everything here is argument handling and conversion; the work happens in the Rust extension
`datasette_micropython._engine`, which releases the GIL while guest code runs.

Importing this module stays cheap (a few milliseconds): asyncio and the network layer are imported
only when a sandbox uses them.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from types import MappingProxyType

from . import _engine
from ._engine import CallResult, RunResult

# Not `typing.TYPE_CHECKING`: importing typing alone costs more than the rest of this module (mypy
# treats any constant of this name as true).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from concurrent.futures import Executor
    from typing import Any, TypeVar

    from typing_extensions import Self

    from .network import NetworkPolicy

    _T = TypeVar("_T")

__all__ = ["DEFAULTS", "LIMITS", "CallResult", "RunResult", "Sandbox"]

#: The engine's table of limits: one `Limit` record (name, unit, default, min, max, nullable,
#: description) per keyword argument of `Sandbox`, in a stable order.
LIMITS = _engine.LIMITS

#: Default limits of a new `Sandbox`, by name (derived from `LIMITS`).
DEFAULTS: Mapping[str, Any] = MappingProxyType({limit.name: limit.default for limit in LIMITS})

# What the run in progress on this thread needs for async host functions: the event loop of its
# `run_async`/`call_async` (or None) and the sandbox running (for its deadline and cancel()).
_run_context = threading.local()


class _RunningOn:
    """Marks `sandbox` as running on this thread (with `loop`, for async host functions) until exit."""

    def __init__(self, sandbox: Sandbox, loop: Any = None) -> None:
        self.sandbox, self.loop = sandbox, loop

    def __enter__(self) -> None:
        self.outer = (getattr(_run_context, "sandbox", None), getattr(_run_context, "loop", None))
        _run_context.sandbox, _run_context.loop = self.sandbox, self.loop

    def __exit__(self, *exc_info: object) -> None:
        _run_context.sandbox, _run_context.loop = self.outer


def _adapt(function: Callable[..., Any]) -> Callable[..., Any]:
    """Lets guest code call async host functions as if they were plain ones.

    Under `run_async` the coroutine is run on the caller's event loop (the guest waits on its worker
    thread); under `run` it gets an event loop of its own, on a helper thread. Either way the wait is
    bounded by the time left in the run: past it (or when the run is cancelled) the coroutine is
    cancelled and the guest gets `TimeoutError`, then the run's interrupt.
    """
    if not (_is_coroutine_function(function) or _is_coroutine_function(type(function).__call__)):
        return function

    def call(*args: Any, **kwargs: Any) -> Any:
        import asyncio
        import concurrent.futures

        sandbox: Sandbox | None = getattr(_run_context, "sandbox", None)
        loop = getattr(_run_context, "loop", None)
        coroutine = function(*args, **kwargs)
        if loop is not None:
            future = asyncio.run_coroutine_threadsafe(coroutine, loop)
        else:
            # A loop of its own, on a helper thread (this thread may already run one).
            pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="sandbox-async")
            future = pool.submit(asyncio.run, coroutine)
            pool.shutdown(wait=False)
        if sandbox is None:
            return future.result()
        return sandbox._wait_for(future)

    return call


class Sandbox:
    """A MicroPython interpreter in WebAssembly with hard limits and a persistent session.

    State (variables, imports, functions) persists across `run` calls until `reset` or `close`.
    """

    def __init__(
        self,
        *,
        host_functions: Mapping[str, Callable[..., Any]] | None = None,
        network: NetworkPolicy | Mapping[str, Any] | None = None,
        files: Mapping[str, str | os.PathLike[str] | Mapping[str, Any]] | None = None,
        databases: Mapping[str, str | os.PathLike[str] | Mapping[str, Any] | Callable[..., Any]]
        | None = None,
        default_database: str | None = None,
        **limits: float | None,
    ) -> None:
        """Every limit of `LIMITS` is a keyword argument (`memory_limit=...`, `time_limit=...`); those
        not given take their default (`DEFAULTS`). The engine checks each against the table and names
        the one that is wrong."""
        self._session = _engine.Session(**limits)
        # The future an async host function of the run in progress waits on (cancel() cancels it).
        self._waiting: Any = None
        # Whether a host function or database is async: only then do `run` and `call` mark the run in
        # `_run_context` (read by `_adapt` alone). The mark cost every call 8,300 instructions, half of a
        # call that does nothing in the guest (benches/compare_builds.py --instructions).
        self._async_functions = False
        for name, function in (host_functions or {}).items():
            self.register(function, name=name)
        if files:
            self._session.mount_files([_file_mount(guest, spec) for guest, spec in files.items()])
        if databases:
            self._attach_databases(databases, default_database)
        elif default_database is not None:
            raise ValueError("default_database: no databases were given")
        if network is not None:
            from .network import NetworkPolicy

            if not isinstance(network, NetworkPolicy):
                network = NetworkPolicy.from_config(dict(network))
            self.register(network.fetch_function(), name="fetch")

    def run(self, code: str, *, eval_trailing: bool = True) -> RunResult:
        """Runs `code` in the session; returns its output and the repr of a trailing expression.

        Raises `GuestError` for an uncaught exception, `SandboxTimeout`, `SandboxMemoryError`,
        `SandboxCrashed` or `SandboxClosed`; each carries the output printed before it.
        """
        if not self._async_functions:
            return self._session.run(code, eval_trailing=eval_trailing)
        with _RunningOn(self):
            return self._session.run(code, eval_trailing=eval_trailing)

    async def run_async(
        self, code: str, *, eval_trailing: bool = True, executor: Executor | None = None
    ) -> RunResult:
        """`run` on a worker thread of `executor` (default: the loop's), so the event loop keeps serving;
        async host functions are awaited on this loop."""
        return await self._on_worker(executor, lambda: self._session.run(code, eval_trailing=eval_trailing))

    def check_syntax(self, code: str) -> None:
        """Compiles `code` without running it; raises `GuestError` (with `.line`) on a syntax error."""
        self._session.run(code, eval_trailing=False, compile_only=True)

    def call(self, name: str, *args: Any) -> CallResult:
        """Calls the guest function `name` (defined by an earlier run) with JSON-like arguments."""
        if not self._async_functions:
            return self._session.call(name, args)
        with _RunningOn(self):
            return self._session.call(name, args)

    async def call_async(self, name: str, *args: Any, executor: Executor | None = None) -> CallResult:
        """`call` on a worker thread of `executor` (default: the loop's)."""
        return await self._on_worker(executor, lambda: self._session.call(name, args))

    async def _on_worker(self, executor: Executor | None, work: Callable[[], _T]) -> _T:
        """`work` (a run or call of this sandbox) on a worker thread, marked as this sandbox's run on this
        loop so that async host functions are awaited here, bounded by the run's deadline."""
        import asyncio

        loop = asyncio.get_running_loop()

        def here() -> _T:
            with _RunningOn(self, loop):
                return work()

        return await loop.run_in_executor(executor, here)

    def register(self, function: Callable[..., Any], name: str | None = None) -> Callable[..., Any]:
        """Exposes `function` to guest code as a builtin named `name` (default: its `__name__`).

        Arguments and results are None, bool, int, float, str, bytes, list, tuple and dict; an
        exception raised by `function` reaches the guest as an exception with the same message.
        Returns `function`, so this works as a decorator.
        """
        if not callable(function):
            raise TypeError(f"host function must be callable, not {type(function).__name__}")
        self._session.register(name or function.__name__, self._adapt(function))
        return function

    def _adapt(self, function: Callable[..., Any]) -> Callable[..., Any]:
        """`_adapt(function)`, noting whether it is async (see `_async_functions`)."""
        adapted = _adapt(function)
        self._async_functions |= adapted is not function
        return adapted

    def cancel(self) -> bool:
        """Interrupts the run in progress, from any thread (or a host function), without waiting.

        The guest gets `KeyboardInterrupt` at once (an async host function it waits on is cancelled)
        and the run raises `SandboxCancelled` with the session intact; a guest that does not stop
        within `hard_grace` is stopped outright and its session reset. Returns whether a run was in
        progress.
        """
        cancelled = self._session.cancel()
        waiting = self._waiting
        if waiting is not None:
            waiting.cancel()
        return cancelled

    def _wait_for(self, future: Any) -> Any:
        """The result of an async host function's `future`, waited for no longer than the run's time
        left; past it, or when the run is cancelled, the future is cancelled and the guest gets
        `TimeoutError`."""
        import concurrent.futures

        self._waiting = future
        try:
            time_left = _engine.host_call_time_left()
            if time_left == 0:  # cancelled (or out of time) before cancel() could see the future
                future.cancel()
            try:
                return future.result(timeout=time_left)
            except (concurrent.futures.TimeoutError, concurrent.futures.CancelledError):
                future.cancel()
                why = "the run was cancelled" if self._session.cancelled() else "time limit"
                raise TimeoutError(f"the async host function did not finish in time ({why})") from None
        finally:
            self._waiting = None

    def _attach_databases(
        self,
        databases: Mapping[str, Any],
        default_database: str | None,
    ) -> None:
        files: list[tuple[str, str, bool]] = []
        functions: list[tuple[str, Callable[..., Any]]] = []
        # Python SQL functions (`_engine.SqlFunctions`) the queries on database files can call.
        sql_functions = None
        for name, source in databases.items():
            if callable(source):
                functions.append((name, self._adapt(source)))
                continue
            if isinstance(source, Mapping):
                unknown = set(source) - {"path", "immutable", "sql_functions"}
                if unknown or "path" not in source:
                    raise ValueError(
                        f"databases[{name!r}]: expected {{'path': ..., 'immutable': bool, 'sql_functions': ...}}"
                    )
                path, immutable = source["path"], bool(source.get("immutable", False))
                if source.get("sql_functions") is not None:
                    if sql_functions is not None and source["sql_functions"] is not sql_functions:
                        raise ValueError("databases: every database must name the same sql_functions")
                    sql_functions = source["sql_functions"]
            else:
                path, immutable = source, False
            files.append((name, os.path.abspath(os.fspath(path)), immutable))
        if files:
            from ._sqlite import bridge_sqlite, file_query_function

            if bridge_sqlite() is not None:
                # The engine cannot use Python's SQLite: read the files through sqlite3, never through a
                # second SQLite library.
                functions += [(name, file_query_function(path, imm)) for name, path, imm in files]
                files = []
        self._session.attach_databases(files, functions, default_database, sql_functions)

    def written_files(self) -> dict[str, bytes]:
        """Files guest code wrote or created, by guest path. Writes live in memory: the host files never
        change unless the caller saves these."""
        return self._session.written_files()

    def snapshot(self) -> bytes:
        """The session's whole state (variables, functions, classes, suspended generators, imported
        modules, the random generators) as bytes, to give to `Sandbox.restore` later, in this or another
        process running the same version of this package.

        Compressed guest memory where it differs from a fresh session, under a header naming the format,
        the engine version and the guest module's hash. Host functions, files, databases and the network
        policy are capabilities, not state: they are not in it and are given again at restore.
        """
        return self._session.snapshot()

    @classmethod
    def restore(
        cls,
        data: bytes | bytearray | memoryview,
        *,
        host_functions: Mapping[str, Callable[..., Any]] | None = None,
        network: NetworkPolicy | Mapping[str, Any] | None = None,
        files: Mapping[str, str | os.PathLike[str] | Mapping[str, Any]] | None = None,
        databases: Mapping[str, str | os.PathLike[str] | Mapping[str, Any] | Callable[..., Any]]
        | None = None,
        default_database: str | None = None,
        **limits: float | None,
    ) -> Self:
        """A new sandbox in the state `data` (from `snapshot`) holds, built with the same arguments as
        `Sandbox(...)`: its limits apply (a session larger than `memory_limit` is refused) and its host
        functions, files, databases and network policy are the ones the restored code reaches.

        Raises `SnapshotError` (a `SandboxError`) with the reason when `data` is damaged, truncated,
        forged, made by another engine version or guest build, or does not fit the limits.
        """
        sandbox = cls(
            host_functions=host_functions,
            network=network,
            files=files,
            databases=databases,
            default_database=default_database,
            **limits,
        )
        try:
            sandbox._session.restore(bytes(data))
        except BaseException:
            sandbox.close()
            raise
        return sandbox

    def fork(self) -> Self:
        """An independent sandbox in this one's state, with the same limits, host functions, files
        (written files copied) and databases: changes in either are invisible to the other, and closing
        one leaves the other running. The first fork copies the guest memory; on Linux, from the second
        fork on, the child maps it copy-on-write instead (what the session wrote since its last fork is
        frozen once, then shared). The random generators continue identically in both (as after
        `os.fork`)."""
        child = object.__new__(type(self))
        child._session = self._session.fork()
        child._waiting = None
        child._async_functions = self._async_functions
        return child

    def reset(self) -> None:
        """Discards every variable and starts a fresh session (registered host functions stay)."""
        self._session.reset()

    def collect_garbage(self) -> None:
        self._session.collect_garbage()

    @property
    def limits(self) -> Mapping[str, Any]:
        """The limits this sandbox runs under (read-only). Never waits for a run in progress."""
        return MappingProxyType(self._session.limits())

    @property
    def memory_size(self) -> int:
        """Bytes of WebAssembly memory the session holds now."""
        return self._session.memory_size()

    def close(self) -> None:
        """Frees the interpreter; later calls raise `SandboxClosed`. Never waits: a run in progress is
        cancelled and raises `SandboxClosed` in its own thread, and the interpreter is freed as it
        returns."""
        self._session.close()
        waiting = self._waiting
        if waiting is not None:
            waiting.cancel()

    @property
    def closed(self) -> bool:
        return self._session.closed

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _file_mount(guest: str, spec: str | os.PathLike[str] | Mapping[str, Any]) -> tuple[str, str, bool, bool]:
    """One `files=` entry: `"/guest/path": "/host/path"` (read-only) or
    `"/guest/path": {"path": "/host/path", "writable": True}`. Directories are recognised from the host."""
    if isinstance(spec, Mapping):
        unknown = set(spec) - {"path", "writable"}
        if unknown or "path" not in spec:
            raise ValueError(
                f"files[{guest!r}]: expected {{'path': ..., 'writable': bool}}, got {dict(spec)!r}"
            )
        path, writable = spec["path"], bool(spec.get("writable", False))
    else:
        path, writable = spec, False
    if not isinstance(guest, str) or not guest.startswith("/"):
        raise ValueError(f"files: guest path {guest!r} must be an absolute path such as '/data/input.csv'")
    host = os.fspath(path)
    return (guest, host, os.path.isdir(host), writable)


def _is_coroutine_function(function: object) -> bool:
    """`inspect.iscoroutinefunction` without importing inspect (tens of milliseconds at start-up)."""
    code = getattr(getattr(function, "__func__", function), "__code__", None)
    return bool(getattr(code, "co_flags", 0) & 0x80)  # CO_COROUTINE
