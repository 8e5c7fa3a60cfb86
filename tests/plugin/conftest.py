"""Fixtures shared by the plugin's tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest


def write_demo_db(tmp_path: Path) -> Path:
    """`demo.db` in tmp_path: a `cities` table of two rows."""
    path = tmp_path / "demo.db"
    db = sqlite3.connect(path)
    db.execute("create table cities (id integer primary key, name text, population integer)")
    db.executemany("insert into cities values (?, ?, ?)", [(1, "Tokyo", 13960000), (2, "Lagos", 15390000)])
    db.commit()
    db.close()
    return path


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    return write_demo_db(tmp_path)
