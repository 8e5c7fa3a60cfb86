"""Keyed pools of live sandboxes, one per session owner (an agent conversation, a console user on a
database, an enrichment job), with a cap on how many stay alive and an idle timeout.

Nothing here ever waits for a guest: a sandbox leaving the pool (evicted, expired, discarded) is closed on
a background thread, which cancels its running run, if any. Closing on the caller's thread would
block Datasette's event loop for as long as the run takes, and forever when the run itself waits for a
host call scheduled on that loop (issue 13, item 1).

With a `SnapshotStore`, sessions outlive their sandbox: a pool saves a session's snapshot
(`Sandbox.snapshot`) when it is evicted, when it has been idle for `save_after_idle` seconds, and at
shutdown (`save_sessions`, also run at interpreter exit), always on a background thread; and the next
`get` of that key restores it instead of starting fresh. Snapshots larger than `max_snapshot_bytes` are
not kept (the session then starts fresh, as without a store), and ones older than `expiry` seconds are
deleted. Discarding a session (a console reset, `reset_context`) deletes its snapshot too.

The store is four methods (`SnapshotStore`). The default keeps snapshots in a table of Datasette's
internal database (`InternalDatabaseStore`), so they survive a restart when Datasette runs with
`--internal path/to/internal.db`, and several Datasette processes on one machine can share that file
(SQLite locks it). Processes on several machines behind a load balancer need storage they all reach:
give each Datasette a store over it with `set_snapshot_store(datasette, store)` (from a small plugin's
`startup` hook), e.g. a table in a shared PostgreSQL, a Redis hash or an object-store bucket. A
conversation's calls may then land on any process: each restores the latest snapshot the others saved
(a session is saved when it leaves a process, so route a conversation to one process at a time, e.g.
sticky sessions, to keep every change)."""

from __future__ import annotations

import atexit
import contextvars
import json
import sqlite3
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol

from .._engine import SnapshotError
from ..sandbox import Sandbox


@dataclass
class _Entry:
    sandbox: Sandbox
    last_used: float
    #: `last_used` when the session was last saved (None: never): an idle session is saved once.
    saved_at_use: float | None = None


class SnapshotStore(Protocol):
    """Where saved sessions live, by key (a string naming the integration and the session's owner).
    Called only from background threads, never from the event loop; may block."""

    def save(self, key: str, data: bytes, saved_at: float) -> None:
        """Stores `data` for `key` (replacing any earlier snapshot), taken at `saved_at` (Unix time)."""

    def load(self, key: str) -> tuple[bytes, float] | None:
        """The snapshot of `key` and when it was taken, or None."""

    def delete(self, key: str) -> None:
        """Forgets `key`'s snapshot (nothing happens when there is none)."""

    def purge(self, older_than: float) -> int:
        """Deletes the snapshots taken before `older_than` (Unix time); returns how many."""


class InternalDatabaseStore:
    """Snapshots in the table `micropython_sessions` of a SQLite file: Datasette's internal database.
    Each call opens its own connection (the callers are background threads), and SQLite's locking
    serializes them with Datasette's own writes to that file."""

    TABLE = "micropython_sessions"

    def __init__(self, path: str, *, temporary: bool = False) -> None:
        self.path = path
        #: The file goes away with the process (Datasette's default internal database): nothing is saved
        #: at exit, and a file already removed is not created again.
        self.temporary = temporary
        self._created = False

    def _connect(self) -> sqlite3.Connection:
        if self.temporary:
            conn = sqlite3.connect(f"file:{self.path}?mode=rw", uri=True, timeout=30, isolation_level=None)
        else:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        if not self._created:
            conn.execute(
                f"create table if not exists {self.TABLE} "
                "(key text primary key, saved_at real not null, data blob not null)"
            )
            self._created = True
        return conn

    def save(self, key: str, data: bytes, saved_at: float) -> None:
        with _closing(self._connect()) as conn:
            conn.execute(
                f"insert or replace into {self.TABLE} (key, saved_at, data) values (?, ?, ?)",
                (key, saved_at, data),
            )

    def load(self, key: str) -> tuple[bytes, float] | None:
        with _closing(self._connect()) as conn:
            row = conn.execute(f"select data, saved_at from {self.TABLE} where key = ?", (key,)).fetchone()
        return (bytes(row[0]), float(row[1])) if row else None

    def delete(self, key: str) -> None:
        with _closing(self._connect()) as conn:
            conn.execute(f"delete from {self.TABLE} where key = ?", (key,))

    def purge(self, older_than: float) -> int:
        with _closing(self._connect()) as conn:
            return conn.execute(f"delete from {self.TABLE} where saved_at < ?", (older_than,)).rowcount


class _closing:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        return self.conn

    def __exit__(self, *exc_info: object) -> None:
        self.conn.close()


@dataclass(frozen=True)
class Snapshots:
    """How a pool keeps its sessions: where, under which key prefix, and the policy."""

    store: SnapshotStore
    #: Prefix of this pool's keys in the store ("agent", "console").
    namespace: str
    #: Largest snapshot kept, in bytes.
    max_bytes: int
    #: Seconds after which a snapshot is deleted.
    expiry: float
    #: Seconds of idleness after which a live session is saved (it stays live).
    save_after_idle: float
    wall_clock: Callable[[], float] = field(default=time.time)

    def key(self, key: Hashable) -> str:
        return self.namespace + ":" + json.dumps(key, default=repr)


def restored_note(saved_at: float) -> str:
    """What a restored session says, once: when it was saved (UTC)."""
    return "session restored from " + time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(saved_at))


#: Sandboxes restored from a snapshot and not yet asked about it: when their snapshot was taken.
_restored: weakref.WeakKeyDictionary[Sandbox, float] = weakref.WeakKeyDictionary()


def take_restored_note(sandbox: Sandbox) -> str | None:
    """ "session restored from <time>" the first time it is asked of a restored sandbox, else None."""
    saved_at = _restored.pop(sandbox, None)
    return None if saved_at is None else restored_note(saved_at)


# Snapshots are saved and loaded off the event loop: taking one waits for a run in progress to end.
_saver = ThreadPoolExecutor(max_workers=2, thread_name_prefix="micropython-snapshot")
# `get_async` creates or restores sandboxes here.
_getter = ThreadPoolExecutor(max_workers=4, thread_name_prefix="micropython-session")


# `Sandbox.close()` cancels a running run and never waits for it; what is left (freeing the instance's
# memory) still runs off the caller's thread, which may be the event loop.
_closer = ThreadPoolExecutor(max_workers=2, thread_name_prefix="micropython-close")


def close_in_background(sandboxes: Iterable[Sandbox]) -> list[Future[None]]:
    """Closes each sandbox (cancelling its running run) off the caller's thread."""
    return [_closer.submit(sandbox.close) for sandbox in sandboxes]


class SessionPool:
    """`get(key)` returns the key's sandbox, creating it with `factory()` when there is none (or the old
    one was evicted). Thread-safe, and safe on an event loop: it never waits for a sandbox to close. The
    least recently used sandbox goes first when over `max_sessions`. With `snapshots`, a sandbox leaving
    the pool is saved first, and `get` restores a saved session (see the module's docstring)."""

    def __init__(
        self,
        factory: Callable[[], Sandbox],
        *,
        max_sessions: int,
        idle_timeout: float,
        clock: Callable[[], float] = time.monotonic,
        snapshots: Snapshots | None = None,
    ) -> None:
        self._factory = factory
        self._max = max_sessions
        self._idle = idle_timeout
        self._clock = clock
        self._entries: OrderedDict[Hashable, _Entry] = OrderedDict()
        self._lock = threading.Lock()
        self._snapshots = snapshots
        # The last store operation queued for each store key: a restore waits for it, so it never reads
        # a snapshot older than one being saved (or one being deleted).
        self._pending: dict[str, Future[None]] = {}
        if snapshots is not None:
            self._stop = threading.Event()
            _start_idle_saver(self, min(snapshots.save_after_idle, idle_timeout) / 2)
            _live_pools.add(self)

    def get(self, key: Hashable) -> tuple[Sandbox, bool]:
        """The sandbox for `key`, and whether it was created just now (a new or restarted session; a
        restored one is not new: `take_restored_note` tells it once)."""
        now = self._clock()
        with self._lock:
            leaving = self._expire(now)
            entry = self._entries.get(key)
            if entry is not None:
                entry.last_used = now
                self._entries.move_to_end(key)
        self._leave(leaving)
        if entry is not None:
            return entry.sandbox, False
        sandbox, restored = self._create(key)
        evicted = []
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                entry = _Entry(sandbox, now)
                self._entries[key] = entry
                while len(self._entries) > self._max:
                    evicted.append(self._entries.popitem(last=False))
                created = not restored
            else:
                # Another caller created it meanwhile: theirs is the session.
                close_in_background([sandbox])
                created = False
            entry.last_used = now
            self._entries.move_to_end(key)
        self._leave(evicted)
        return entry.sandbox, created

    async def get_async(self, key: Hashable) -> tuple[Sandbox, bool]:
        """`get` on a worker thread: loading and restoring a snapshot never blocks the event loop. The
        caller's context variables (a factory's settings) go along."""
        import asyncio

        if self._snapshots is None:
            return self.get(key)
        context = contextvars.copy_context()
        return await asyncio.get_running_loop().run_in_executor(_getter, lambda: context.run(self.get, key))

    def _create(self, key: Hashable) -> tuple[Sandbox, bool]:
        """A new sandbox for `key`, in the saved session's state when there is a usable snapshot; and
        whether it was restored."""
        sandbox = self._factory()
        if self._snapshots is None:
            return sandbox, False
        store_key = self._snapshots.key(key)
        with self._lock:
            pending = self._pending.get(store_key)
        if pending is not None:
            pending.exception()  # waits for it; a failed save leaves what was stored before
        try:
            saved = self._snapshots.store.load(store_key)
        except Exception:  # noqa: BLE001 -- a store that fails costs the session, not the request
            return sandbox, False
        if saved is None:
            return sandbox, False
        data, saved_at = saved
        if saved_at < self._snapshots.wall_clock() - self._snapshots.expiry:
            self._queue(store_key, lambda store: store.delete(store_key))
            return sandbox, False
        try:
            sandbox._session.restore(data)  # the same arguments as the factory's: Sandbox.restore's path
        except SnapshotError:
            # From another version of the package, or the configuration shrank: start fresh.
            self._queue(store_key, lambda store: store.delete(store_key))
            return sandbox, False
        _restored[sandbox] = saved_at
        return sandbox, True

    def discard(self, key: Hashable) -> Future[None] | None:
        """Forgets `key`'s sandbox and its snapshot, and closes it in the background; returns the
        closing's future (None if there was no sandbox)."""
        with self._lock:
            entry = self._entries.pop(key, None)
        if self._snapshots is not None:
            store_key = self._snapshots.key(key)
            self._queue(store_key, lambda store: store.delete(store_key))
        if entry is None:
            return None
        return close_in_background([entry.sandbox])[0]

    def sweep(self) -> None:
        """Drops the sandboxes idle past the timeout now (`get` also does, lazily)."""
        with self._lock:
            leaving = self._expire(self._clock())
        self._leave(leaving)

    def idle_sandboxes(self, idle_for: float) -> list[Sandbox]:
        """The live sandboxes unused for at least `idle_for` seconds."""
        now = self._clock()
        with self._lock:
            return [e.sandbox for e in self._entries.values() if now - e.last_used >= idle_for]

    def save_idle(self) -> list[Future[None]]:
        """Saves, in the background, each live session idle for `save_after_idle` seconds and not saved
        since its last use; deletes expired snapshots. Run periodically by a thread of the pool."""
        if self._snapshots is None:
            return []
        now = self._clock()
        with self._lock:
            idle = [
                (key, entry)
                for key, entry in self._entries.items()
                if now - entry.last_used >= self._snapshots.save_after_idle
                and entry.saved_at_use != entry.last_used
            ]
            for _, entry in idle:
                entry.saved_at_use = entry.last_used
        futures = [self._save(key, entry.sandbox) for key, entry in idle]
        snapshots = self._snapshots
        _saver.submit(lambda: snapshots.store.purge(snapshots.wall_clock() - snapshots.expiry))
        return futures

    def save_all(self) -> None:
        """Saves every live session now, on this thread (at shutdown the background threads are gone);
        the sessions stay live. Blocks: never call it on the event loop."""
        snapshots = self._snapshots
        if snapshots is None:
            return
        with self._lock:
            entries = list(self._entries.items())
            pending = list(self._pending.values())
        for future in pending:
            future.exception()
        for key, entry in entries:
            _save_snapshot(snapshots, snapshots.key(key), entry.sandbox, then_close=False)
            entry.saved_at_use = entry.last_used

    def __contains__(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._entries

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def close(self) -> None:
        with self._lock:
            entries, self._entries = list(self._entries.values()), OrderedDict()
        if self._snapshots is not None:
            self._stop.set()
        for future in close_in_background(entry.sandbox for entry in entries):
            future.result()

    def _expire(self, now: float) -> list[tuple[Hashable, _Entry]]:
        expired = [k for k, e in self._entries.items() if now - e.last_used > self._idle]
        return [(k, self._entries.pop(k)) for k in expired]

    def _leave(self, leaving: list[tuple[Hashable, _Entry]]) -> None:
        """Closes the sandboxes that left the pool, in the background, each saved first."""
        if self._snapshots is None:
            close_in_background(entry.sandbox for _, entry in leaving)
            return
        for key, entry in leaving:
            if entry.saved_at_use == entry.last_used:
                close_in_background([entry.sandbox])  # saved since its last use
            else:
                self._save(key, entry.sandbox, then_close=True)

    def _save(self, key: Hashable, sandbox: Sandbox, then_close: bool = False) -> Future[None]:
        snapshots = self._snapshots
        assert snapshots is not None
        store_key = snapshots.key(key)
        return self._queue(store_key, lambda _: _save_snapshot(snapshots, store_key, sandbox, then_close))

    def _queue(self, store_key: str, operation: Callable[[SnapshotStore], None]) -> Future[None]:
        """Runs `operation` on the store in the background, after the key's previous operation."""
        snapshots = self._snapshots
        assert snapshots is not None
        with self._lock:
            previous = self._pending.get(store_key)

            def run() -> None:
                if previous is not None:
                    previous.exception()  # wait; its failure is its own
                operation(snapshots.store)

            future = _saver.submit(run)
            self._pending[store_key] = future
        future.add_done_callback(lambda done: self._forget_pending(store_key, done))
        return future

    def _forget_pending(self, store_key: str, done: Future[None]) -> None:
        with self._lock:
            if self._pending.get(store_key) is done:
                del self._pending[store_key]


def _save_snapshot(snapshots: Snapshots, store_key: str, sandbox: Sandbox, then_close: bool) -> None:
    """Saves `sandbox`'s session under `store_key` (or deletes the stored one when the session is over
    the size cap: it would be stale), then closes the sandbox if asked."""
    try:
        data = sandbox.snapshot()  # waits for a run in progress to end
    except Exception:  # noqa: BLE001 -- closed meanwhile: nothing to save
        return
    finally:
        if then_close:
            sandbox.close()
    if len(data) > snapshots.max_bytes:
        snapshots.store.delete(store_key)
    else:
        snapshots.store.save(store_key, data, snapshots.wall_clock())


#: Pools with snapshots, saved at interpreter exit (the pools themselves may go away first).
_live_pools: weakref.WeakSet[SessionPool] = weakref.WeakSet()


def _start_idle_saver(pool: SessionPool, interval: float) -> None:
    """A daemon thread saving `pool`'s idle sessions every `interval` seconds, for as long as the pool
    lives (it holds only a weak reference)."""
    ref = weakref.ref(pool)
    stop = pool._stop

    def loop() -> None:
        while not stop.wait(max(interval, 0.05)):
            live = ref()
            if live is None:
                return
            try:
                live.save_idle()
            except RuntimeError:  # the executors are shut down: the interpreter is exiting
                return
            del live

    threading.Thread(target=loop, name="micropython-idle-saver", daemon=True).start()


@atexit.register
def _save_at_exit() -> None:
    for pool in list(_live_pools):
        snapshots = pool._snapshots
        if snapshots is None or getattr(snapshots.store, "temporary", False):
            continue
        try:
            pool.save_all()
        except Exception:  # noqa: BLE001, S110 -- the process is ending: save what can be saved
            pass


def snapshot_store(datasette: Any) -> SnapshotStore:
    """The store of this Datasette's sessions: the one given to `set_snapshot_store`, else a table of
    its internal database."""
    store = getattr(datasette, "_micropython_snapshot_store", None)
    if store is None:
        internal = datasette.get_internal_database()
        store = InternalDatabaseStore(internal.path, temporary=bool(internal.is_temp_disk))
        datasette._micropython_snapshot_store = store
    return store


def set_snapshot_store(datasette: Any, store: SnapshotStore) -> None:
    """Keeps this Datasette's sessions in `store` (call it before the first session starts, e.g. from
    a plugin's `startup` hook): how processes on several machines share their sessions."""
    datasette._micropython_snapshot_store = store


def save_sessions(datasette: Any) -> None:
    """Saves every live session of this Datasette's pools and waits (a deployment's shutdown handler
    may call it; it also runs at interpreter exit). Blocks: call it off the event loop."""
    for pool in getattr(datasette, "_micropython_session_pools", []):
        pool.save_all()


def pool_snapshots(datasette: Any, namespace: str) -> Snapshots | None:
    """The snapshot policy of a pool of this Datasette, from the `snapshots:` settings (None when off)."""
    from .config import plugin_config

    settings = plugin_config(datasette).snapshots
    if not settings.enabled:
        return None
    return Snapshots(
        store=snapshot_store(datasette),
        namespace=namespace,
        max_bytes=settings.max_bytes,
        expiry=settings.expiry,
        save_after_idle=settings.save_after_idle,
    )


def register_pool(datasette: Any, pool: SessionPool) -> SessionPool:
    """Records `pool` as one of this Datasette's (for `save_sessions`)."""
    pools = getattr(datasette, "_micropython_session_pools", None)
    if pools is None:
        pools = datasette._micropython_session_pools = []
    pools.append(pool)
    return pool
