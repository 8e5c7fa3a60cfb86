"""Saved sessions in Datasette: agent conversations and console sessions survive a restart (a new
Datasette on the same internal database file), an eviction and idleness, say once that they were
restored, expire, and are discarded by a reset. Driven over HTTP through real Datasette instances."""

from __future__ import annotations

import asyncio
import sqlite3
import time

from datasette.app import Datasette

from datasette_micropython.plugin.sessions import (
    InternalDatabaseStore,
    SessionPool,
    Snapshots,
    save_sessions,
    take_restored_note,
)
from datasette_micropython.sandbox import Sandbox

from .conftest import write_demo_db
from .test_agent_tool import run_python, start_conversation

ALICE = {"id": "alice"}
RUN = "/demo/-/micropython/run"

# What an analyst leaves in a session: data, a class, a closure, a suspended generator, random state.
SESSION = """
import random, statistics
cities = datasette.query('select name, population from cities order by id')
class Tally:
    def __init__(self):
        self.seen = []
    def add(self, x):
        self.seen.append(x)
        return len(self.seen)
tally = Tally()
tally.add('first')
def scaler(k):
    return lambda v: v * k
double = scaler(2)
def countdown(n):
    while n:
        yield n
        n -= 1
ticks = countdown(5)
next(ticks)
rng = random.Random(11)
rng.random()
"""
PROBE = "(len(cities), tally.add('again'), double(21), next(ticks), round(rng.random(), 12))"


def expected_probe() -> str:
    # The same session in CPython (without the database): the values the restored guest must print.
    import random

    ticks = iter([5, 4, 3, 2, 1])
    next(ticks)
    rng = random.Random(11)
    rng.random()
    return repr((2, 2, 42, next(ticks), round(rng.random(), 12)))


def make_datasette(tmp_path, **settings):
    return Datasette(
        [str(tmp_path / "demo.db")],
        internal=str(tmp_path / "internal.db"),
        config={
            "permissions": {"datasette-agent": {"id": "alice"}},
            "plugins": {"datasette-llm": {"default_model": "echo"}, "datasette-agent-micropython": settings},
        },
    )


async def console(ds, code, actor=ALICE):
    response = await ds.client.post(RUN, json={"code": code}, actor=actor)
    assert response.status_code == 200, response.text
    return response.json()


def stored_keys(tmp_path):
    with sqlite3.connect(tmp_path / "internal.db") as conn:
        try:
            return [row[0] for row in conn.execute("select key from micropython_sessions order by key")]
        except sqlite3.OperationalError:
            return []


async def test_console_session_survives_a_restart_and_says_so_once(tmp_path):
    write_demo_db(tmp_path)
    first = make_datasette(tmp_path)
    assert (await console(first, "import datasette\n" + SESSION))["ok"]
    await asyncio.to_thread(save_sessions, first)
    assert [key.split(":")[0] for key in stored_keys(tmp_path)] == ["console"]

    second = make_datasette(tmp_path)
    restored = await console(second, PROBE)
    assert restored["ok"], restored
    assert restored["value"] == expected_probe()
    assert restored["new_session"] is False
    assert restored["session_restored"].startswith("session restored from ")
    # Once.
    again = await console(second, "tally.seen")
    assert again["value"] == "['first', 'again']" and "session_restored" not in again
    # The console's show() is bound to the new sandbox.
    shown = await console(second, "show(cities)")
    assert shown["tables"][0]["rows"] == [["Tokyo", 13960000], ["Lagos", 15390000]]


async def test_agent_conversation_survives_a_restart(tmp_path):
    write_demo_db(tmp_path)
    first = make_datasette(tmp_path)
    conversation = await start_conversation(first)
    assert (await run_python(first, conversation, "import datasette\n" + SESSION))["ok"]
    await asyncio.to_thread(save_sessions, first)

    second = make_datasette(tmp_path)
    result = await run_python(second, conversation, PROBE)
    assert result["ok"], result
    assert result["value"] == expected_probe()
    assert result["session_restored"].startswith("session restored from ")
    assert "session_restarted" not in result
    later = await run_python(second, conversation, "tally.seen")
    assert later["value"] == "['first', 'again']" and "session_restored" not in later


async def test_an_evicted_conversation_comes_back_restored(tmp_path):
    write_demo_db(tmp_path)
    ds = make_datasette(tmp_path, max_sessions=1)
    first, second = await start_conversation(ds), await start_conversation(ds)
    await run_python(ds, first, "x = [1, 2, 3]\ndef total():\n    return sum(x)")
    await run_python(ds, second, "y = 2")  # pushes the first out of memory
    result = await run_python(ds, first, "x.append(4)\ntotal()")
    assert result["value"] == "10"
    assert result["session_restored"].startswith("session restored from ")
    assert "session_restarted" not in result
    # And the second, evicted in turn, also comes back.
    assert (await run_python(ds, second, "y"))["value"] == "2"


async def test_an_evicted_console_session_comes_back_and_reset_discards_its_snapshot(tmp_path):
    write_demo_db(tmp_path)
    ds = make_datasette(tmp_path, max_sessions=1)
    await console(ds, "kept = 'alice'")
    await console(ds, "kept = 'bob'", actor={"id": "bob"})  # alice's session is saved and closed
    back = await console(ds, "kept")
    assert back["value"] == "'alice'" and back["session_restored"]
    response = await ds.client.post("/demo/-/micropython/reset", json={}, actor=ALICE)
    assert response.status_code == 200
    await console(ds, "kept = 'bob again'", actor={"id": "bob"})  # would save alice's again if live
    after = await console(ds, "kept")
    assert after["new_session"] is True and after["error"].startswith("NameError")
    assert "session_restored" not in after


async def test_idle_sessions_are_saved_without_being_closed(tmp_path):
    write_demo_db(tmp_path)
    ds = make_datasette(tmp_path, snapshots={"save_after_idle": 0.2})
    await console(ds, "counter = 1")
    deadline = time.monotonic() + 10
    while not stored_keys(tmp_path) and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    assert stored_keys(tmp_path), "the idle session was not saved"
    # Still live: the same sandbox answers, with no restore note.
    live = await console(ds, "counter += 1\ncounter")
    assert live["value"] == "2" and "session_restored" not in live


async def test_snapshots_expire_and_oversized_ones_are_not_kept(tmp_path):
    write_demo_db(tmp_path)
    first = make_datasette(tmp_path, snapshots={"expiry": 1})
    await console(first, "old = 1")
    await asyncio.to_thread(save_sessions, first)
    assert stored_keys(tmp_path)
    # Age the snapshot past the expiry instead of sleeping.
    with sqlite3.connect(tmp_path / "internal.db") as conn:
        conn.execute("update micropython_sessions set saved_at = saved_at - 5")
    second = make_datasette(tmp_path, snapshots={"expiry": 1})
    fresh = await console(second, "old")
    assert fresh["new_session"] is True and fresh["error"].startswith("NameError")

    third = make_datasette(tmp_path, snapshots={"max_bytes": 1000})
    await console(third, "big = 1")
    await asyncio.to_thread(save_sessions, third)
    assert stored_keys(tmp_path) == []


async def test_snapshots_can_be_switched_off(tmp_path):
    write_demo_db(tmp_path)
    ds = make_datasette(tmp_path, max_sessions=1, snapshots={"enabled": False})
    await console(ds, "kept = 1")
    await console(ds, "kept = 2", actor={"id": "bob"})
    after = await console(ds, "kept")
    assert after["new_session"] is True and after["error"].startswith("NameError")
    assert stored_keys(tmp_path) == []


def test_pool_restores_after_eviction_and_waits_for_the_pending_save(tmp_path):
    store = InternalDatabaseStore(str(tmp_path / "store.db"))
    snapshots = Snapshots(store=store, namespace="t", max_bytes=1 << 30, expiry=3600, save_after_idle=3600)
    pool = SessionPool(Sandbox, max_sessions=1, idle_timeout=3600, snapshots=snapshots)
    try:
        a, created = pool.get("a")
        assert created
        a.run("data = list(range(100000))")
        pool.get("b")  # evicts "a": saved then closed in the background
        restored, created = pool.get("a")  # waits for that save, then restores
        assert not created and restored is not a
        assert restored.run("len(data), data[-1]").value == "(100000, 99999)"
        assert take_restored_note(restored).startswith("session restored from ")
        assert take_restored_note(restored) is None
    finally:
        pool.close()


def test_a_snapshot_from_another_configuration_starts_fresh(tmp_path):
    (tmp_path / "f.txt").write_text("x")
    store = InternalDatabaseStore(str(tmp_path / "store.db"))
    snapshots = Snapshots(store=store, namespace="t", max_bytes=1 << 30, expiry=3600, save_after_idle=3600)
    with Sandbox(files={"/f.txt": str(tmp_path / "f.txt")}) as with_files:
        with_files.run("a = 1")
        store.save('t:"k"', with_files.snapshot(), time.time())
    # The pool's sandboxes have no files: the snapshot is refused, dropped, and the session starts fresh.
    pool = SessionPool(Sandbox, max_sessions=2, idle_timeout=3600, snapshots=snapshots)
    try:
        sandbox, created = pool.get("k")
        assert created and sandbox.run("'a' in globals()").value == "False"
    finally:
        pool.close()
    deadline = time.monotonic() + 5
    while store.load('t:"k"') is not None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert store.load('t:"k"') is None
