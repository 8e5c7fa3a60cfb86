"""Keyed sandbox pools (datasette_micropython/plugin/sessions.py)."""

import contextlib
import threading
import time

from datasette_micropython import Sandbox, SandboxError
from datasette_micropython.plugin.sessions import SessionPool


class Clock:
    now = 0.0

    def __call__(self):
        return self.now


def wait_until_closed(sandbox, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not sandbox.closed:
        assert time.monotonic() < deadline, "the sandbox was never closed"
        time.sleep(0.01)


def make_pool(clock, **kwargs):
    return SessionPool(lambda: Sandbox(memory_limit=8 * 2**20), clock=clock, **kwargs)


def test_same_key_same_sandbox_and_state():
    pool = make_pool(Clock(), max_sessions=10, idle_timeout=60)
    sb, created = pool.get("a")
    assert created
    sb.run("x = 1")
    again, created = pool.get("a")
    assert again is sb and not created
    assert pool.get("b")[0] is not sb


def test_least_recently_used_is_closed_first():
    pool = make_pool(Clock(), max_sessions=2, idle_timeout=60)
    a, _ = pool.get("a")
    pool.get("b")
    pool.get("a")
    pool.get("c")
    assert "b" not in pool and "a" in pool and "c" in pool
    assert not a.closed
    assert len(pool) == 2


def test_idle_sessions_expire_and_are_closed():
    clock = Clock()
    pool = make_pool(clock, max_sessions=10, idle_timeout=60)
    old, _ = pool.get("a")
    clock.now = 61
    fresh, created = pool.get("a")
    assert created and fresh is not old
    wait_until_closed(old)


def test_discard_and_close():
    pool = make_pool(Clock(), max_sessions=10, idle_timeout=60)
    sb, _ = pool.get("a")
    pool.discard("a").result(timeout=10)
    assert sb.closed and pool.discard("a") is None
    other, _ = pool.get("b")
    pool.close()
    assert other.closed and len(pool) == 0


def test_sandboxes_leaving_the_pool_close_without_waiting_for_their_run():
    # Issue 13, item 1: discard, LRU eviction and idle expiry closed on the caller's thread (Datasette's
    # event loop), and close() waited for the running run: a reset blocked the loop up to time_limit +
    # hard_grace, and forever when the run waited for the loop.
    clock = Clock()
    pool = SessionPool(lambda: Sandbox(time_limit=3), clock=clock, max_sessions=1, idle_timeout=60)
    for leave in (
        lambda: pool.discard("busy"),
        lambda: pool.get("other"),
        lambda: (clock.__setattr__("now", clock.now + 61), pool.get("again")),
    ):
        busy, _ = pool.get("busy")
        running = threading.Thread(target=_run_quietly, args=(busy, "while True: pass"))
        running.start()
        time.sleep(0.3)
        start = time.monotonic()
        leave()
        assert time.monotonic() - start < 0.2
        running.join(timeout=10)
        wait_until_closed(busy)


def _run_quietly(sandbox, code):
    with contextlib.suppress(SandboxError):  # the timeout, or the sandbox closed under the run
        sandbox.run(code)
