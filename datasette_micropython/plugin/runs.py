"""Where the plugin's guest code runs: a bounded pool of threads of its own, not the event loop's default
executor (which Datasette's own work and every other plugin use), with caps on how many runs one owner may
have at once. A run over its owner's cap is refused at once (`Busy`, HTTP 429 in the console) instead of
queueing behind others: eight busy anonymous loops must not make a signed-in user's `1 + 1` wait.

The cap of anonymous browsers is shared by all of them (anyone can mint a new anonymous identity), and is
kept below the pool's size, so signed-in actors always find a free thread."""

from __future__ import annotations

import threading
from collections.abc import Hashable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

from .._engine import CallResult, RunResult
from ..sandbox import Sandbox
from .config import plugin_config


class Busy(Exception):
    """The owner already has as many runs going as it may; `retry_after` is a hint in seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class RunPool:
    """`run_threads` threads for guest code, and the count of runs each owner has going."""

    def __init__(self, threads: int, per_owner: int, anonymous: int) -> None:
        self._executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="micropython-run")
        self._per_owner = per_owner
        self._anonymous = anonymous
        self._running: dict[Hashable, int] = {}
        self._lock = threading.Lock()

    @contextmanager
    def slot(self, owner: Hashable, anonymous: bool, retry_after: int) -> Iterator[None]:
        """Holds one of `owner`'s run slots (all anonymous owners share theirs); `Busy` if none is free."""
        key: Hashable = "anonymous" if anonymous else owner
        cap = self._anonymous if anonymous else self._per_owner
        with self._lock:
            if self._running.get(key, 0) >= cap:
                who = "anonymous visitors" if anonymous else "you"
                raise Busy(
                    f"Too many runs at once: {who} may have {cap} running; try again shortly",
                    retry_after,
                )
            self._running[key] = self._running.get(key, 0) + 1
        try:
            yield
        finally:
            with self._lock:
                self._running[key] -= 1
                if not self._running[key]:
                    del self._running[key]

    def running(self) -> int:
        """How many runs are going (or waiting for a thread) now."""
        with self._lock:
            return sum(self._running.values())

    async def run(self, sandbox: Sandbox, code: str, *, eval_trailing: bool = True) -> RunResult:
        return await sandbox.run_async(code, eval_trailing=eval_trailing, executor=self._executor)

    async def call(self, sandbox: Sandbox, name: str, *args: Any) -> CallResult:
        return await sandbox.call_async(name, *args, executor=self._executor)

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


def run_pool(datasette: Any) -> RunPool:
    """This Datasette's pool of run threads (made on first use)."""
    pool: RunPool | None = getattr(datasette, "_micropython_runs", None)
    if pool is None:
        config = plugin_config(datasette)
        pool = RunPool(config.run_threads, config.runs_per_actor, config.anonymous.concurrent_runs)
        datasette._micropython_runs = pool
    return pool
