"""How a sandbox reads Datasette's databases: an in-memory database through Datasette's connections."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time

import pytest
from datasette.app import Datasette

from datasette_micropython.plugin.databases import sandbox_database


async def memory_database_holding_a_write(ds: Datasette, name: str, seconds: float):
    """An in-memory database whose write thread holds an uncommitted insert into `items` for `seconds`;
    returns the database and the task of that write (a shared-cache table lock, as an enrichment's)."""
    db = ds.add_memory_database(name)
    await db.execute_write("create table items (n integer)")
    await db.execute_write("insert into items values (1), (2)")
    holding = threading.Event()

    def hold(conn: sqlite3.Connection) -> None:
        conn.execute("insert into items values (3)")
        holding.set()
        time.sleep(seconds)
        conn.commit()

    write = asyncio.ensure_future(db.execute_write_fn(hold))
    while not holding.is_set():
        await asyncio.sleep(0.001)
    return db, write


async def test_a_read_waits_for_a_write_that_holds_the_table():
    ds = Datasette()
    db, write = await memory_database_holding_a_write(ds, "databases_waits", 0.3)
    query = sandbox_database(ds, db)
    started = time.monotonic()
    assert await query("select sum(n) from items", None, 10, 2**20) == (["sum(n)"], [[6]], False)
    assert time.monotonic() - started >= 0.2
    await write


async def test_a_write_held_past_the_sql_time_limit_is_the_lock_error():
    ds = Datasette(settings={"sql_time_limit_ms": 100})
    db, write = await memory_database_holding_a_write(ds, "databases_limit", 1.0)
    query = sandbox_database(ds, db)
    started = time.monotonic()
    with pytest.raises(ValueError, match="SQL error: database table is locked: items"):
        await query("select sum(n) from items", None, 10, 2**20)
    assert time.monotonic() - started < 0.9
    await write
