"""Keyed sandbox pools (datasette_micropython/plugin/sessions.py)."""

from datasette_micropython import Sandbox
from datasette_micropython.plugin.sessions import SessionPool


class Clock:
    now = 0.0

    def __call__(self):
        return self.now


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
    assert created and fresh is not old and old.closed


def test_discard_and_close():
    pool = make_pool(Clock(), max_sessions=10, idle_timeout=60)
    sb, _ = pool.get("a")
    assert pool.discard("a") and sb.closed and not pool.discard("a")
    other, _ = pool.get("b")
    pool.close()
    assert other.closed and len(pool) == 0
