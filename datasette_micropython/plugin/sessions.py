"""Keyed pools of live sandboxes (one per agent conversation, one per console user and database), with
a cap on how many stay alive and an idle timeout. Evicted sandboxes are closed, freeing their memory."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from ..sandbox import Sandbox


@dataclass
class _Entry:
    sandbox: Sandbox
    last_used: float


class SessionPool:
    """`get(key)` returns the key's sandbox, creating it with `factory()` when there is none (or the old
    one was evicted). Thread-safe; the least recently used sandbox goes first when over `max_sessions`."""

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
            expired = self._expire(now)
            entry = self._entries.get(key)
            created = entry is None
            if entry is None:
                entry = _Entry(self._factory(), now)
                self._entries[key] = entry
                while len(self._entries) > self._max:
                    expired.append(self._entries.popitem(last=False)[1].sandbox)
            entry.last_used = now
            self._entries.move_to_end(key)
        for sandbox in expired:
            sandbox.close()
        return entry.sandbox, created

    def discard(self, key: Hashable) -> bool:
        """Closes and forgets `key`'s sandbox; returns whether there was one."""
        with self._lock:
            entry = self._entries.pop(key, None)
        if entry is not None:
            entry.sandbox.close()
        return entry is not None

    def __contains__(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._entries

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def close(self) -> None:
        with self._lock:
            entries, self._entries = list(self._entries.values()), OrderedDict()
        for entry in entries:
            entry.sandbox.close()

    def _expire(self, now: float) -> list[Sandbox]:
        expired = [k for k, e in self._entries.items() if now - e.last_used > self._idle]
        return [self._entries.pop(k).sandbox for k in expired]
