"""Keyed pools of live sandboxes, one per session owner (an agent conversation, a console user on a
database, an enrichment job), with a cap on how many stay alive and an idle timeout.

Nothing here ever waits for a guest: a sandbox leaving the pool (evicted, expired, discarded) is closed on
a background thread, which cancels its running run, if any. Closing on the caller's thread would
block Datasette's event loop for as long as the run takes, and forever when the run itself waits for a
host call scheduled on that loop (issue 13, item 1)."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from ..sandbox import Sandbox


@dataclass
class _Entry:
    sandbox: Sandbox
    last_used: float


# `Sandbox.close()` cancels a running run and never waits for it; what is left (freeing the instance's
# memory) still runs off the caller's thread, which may be the event loop.
_closer = ThreadPoolExecutor(max_workers=2, thread_name_prefix="micropython-close")


def close_in_background(sandboxes: Iterable[Sandbox]) -> list[Future[None]]:
    """Closes each sandbox (cancelling its running run) off the caller's thread."""
    return [_closer.submit(sandbox.close) for sandbox in sandboxes]


class SessionPool:
    """`get(key)` returns the key's sandbox, creating it with `factory()` when there is none (or the old
    one was evicted). Thread-safe, and safe on an event loop: it never waits for a sandbox to close. The
    least recently used sandbox goes first when over `max_sessions`."""

    def __init__(
        self,
        factory: Callable[[], Sandbox],
        *,
        max_sessions: int,
        idle_timeout: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._factory = factory
        self._max = max_sessions
        self._idle = idle_timeout
        self._clock = clock
        self._entries: OrderedDict[Hashable, _Entry] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> tuple[Sandbox, bool]:
        """The sandbox for `key`, and whether it was created just now (a new or restarted session)."""
        now = self._clock()
        with self._lock:
            leaving = self._expire(now)
            entry = self._entries.get(key)
            created = entry is None
            if entry is None:
                entry = _Entry(self._factory(), now)
                self._entries[key] = entry
                while len(self._entries) > self._max:
                    leaving.append(self._entries.popitem(last=False)[1].sandbox)
            entry.last_used = now
            self._entries.move_to_end(key)
        close_in_background(leaving)
        return entry.sandbox, created

    def discard(self, key: Hashable) -> Future[None] | None:
        """Forgets `key`'s sandbox and closes it in the background; returns the closing's future (None if
        there was no sandbox)."""
        with self._lock:
            entry = self._entries.pop(key, None)
        if entry is None:
            return None
        return close_in_background([entry.sandbox])[0]

    def sweep(self) -> None:
        """Drops the sandboxes idle past the timeout now (`get` also does, lazily)."""
        with self._lock:
            leaving = self._expire(self._clock())
        close_in_background(leaving)

    def idle_sandboxes(self, idle_for: float) -> list[Sandbox]:
        """The live sandboxes unused for at least `idle_for` seconds."""
        now = self._clock()
        with self._lock:
            return [e.sandbox for e in self._entries.values() if now - e.last_used >= idle_for]

    def __contains__(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._entries

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def close(self) -> None:
        with self._lock:
            entries, self._entries = list(self._entries.values()), OrderedDict()
        for future in close_in_background(entry.sandbox for entry in entries):
            future.result()

    def _expire(self, now: float) -> list[Sandbox]:
        expired = [k for k, e in self._entries.items() if now - e.last_used > self._idle]
        return [self._entries.pop(k).sandbox for k in expired]
