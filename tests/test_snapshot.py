"""`Sandbox.snapshot`, `Sandbox.restore` and `Sandbox.fork` against the real engine.

A restored session must be the saved one: the same probe program, run on the original, on the restored
copy and (where the state is plain Python) under CPython running the whole session, prints the same bytes.
"""

import subprocess
import sys
import textwrap

import pytest

from datasette_micropython import (
    GuestError,
    Sandbox,
    SandboxError,
    SandboxMemoryError,
    SnapshotError,
)

# A session the way an analyst or an agent leaves one: data, a class with class and instance state, a
# closure, a generator suspended between runs, imported modules, seeded and module-level random state.
SESSION = textwrap.dedent(
    """
    import json, random, collections, math, itertools
    from dataclasses import dataclass
    from datetime import date, timedelta

    rows = [{"id": i, "city": "c%d" % (i % 7), "score": round(math.sqrt(i), 6)} for i in range(1500)]
    by_city = collections.defaultdict(list)
    for r in rows:
        by_city[r["city"]].append(r["score"])

    @dataclass
    class Account:
        owner: str
        balance: float = 0.0
        opened: int = 0
        def deposit(self, amount):
            Account.opened += 1
            self.balance += amount
            return self.balance

    acct = Account("ada")
    acct.deposit(10.5)

    def make_counter(start):
        count = start
        def bump(step=1):
            nonlocal count
            count += step
            return count
        return bump

    bump = make_counter(100)
    bump(); bump(5)

    def fib():
        a, b = 0, 1
        while True:
            yield a
            a, b = b, a + b

    gen = fib()
    head = [next(gen) for _ in range(10)]
    pairs = itertools.count(3, 3)
    next(pairs)
    seeded = random.Random(2024)
    seeded.random()
    random.seed(99)
    random.random()
    deadline = date(2024, 2, 28) + timedelta(days=2)
    """
)

PROBE = textwrap.dedent(
    """
    print(len(rows), sorted((k, len(v)) for k, v in by_city.items())[:3], max(by_city["c3"]))
    print(acct, acct.deposit(1.25), Account.opened, bump(), bump(10))
    print(next(gen), next(gen), next(gen), head[-1], next(pairs))
    print(seeded.random(), seeded.randint(1, 10**12), random.random(), random.choice(rows)["id"])
    print(deadline.isoformat(), json.dumps(rows[42], sort_keys=True))
    """
)


def cpython(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout


def test_restored_session_continues_exactly_like_the_original_and_like_cpython():
    with Sandbox() as original:
        original.run(SESSION)
        data = original.snapshot()
        assert isinstance(data, bytes)
        with Sandbox.restore(data) as restored:
            expected = cpython(SESSION + PROBE + PROBE)
            assert restored.run(PROBE).stdout + restored.run(PROBE).stdout == expected
            assert original.run(PROBE).stdout + original.run(PROBE).stdout == expected


def test_imported_modules_and_builtins_changes_survive():
    with Sandbox() as sb:
        sb.run(
            "import statistics, fractions, builtins\nbuiltins.answer = 42\nimport sys\nmods = sorted(sys.modules)"
        )
        with Sandbox.restore(sb.snapshot()) as restored:
            assert restored.run("answer").value == "42"
            assert restored.run("sorted(sys.modules) == mods").value == "True"
            assert (
                restored.run("statistics.mean([1, 2, 3]), fractions.Fraction(1, 3) * 3").value
                == "(2, Fraction(1, 1))"
            )


def test_host_functions_files_and_databases_are_given_again_at_restore(tmp_path):
    import sqlite3

    db = tmp_path / "data.db"
    with sqlite3.connect(db) as conn:
        conn.execute("create table t (x integer)")
        conn.executemany("insert into t values (?)", [(i,) for i in range(5)])
    (tmp_path / "notes.txt").write_text("hello")
    arguments = {
        "host_functions": {"double": lambda x: 2 * x},
        "files": {"/data": str(tmp_path)},
        "databases": {"main": str(db)},
        "time_limit": 5,
    }
    with Sandbox(**arguments) as sb:
        sb.run("import datasette\ntotal = double(21)\nnotes = open('/data/notes.txt').read()")
        data = sb.snapshot()
    with Sandbox.restore(data, **arguments) as restored:
        assert restored.run("total, notes, double(5)").value == "(42, 'hello', 10)"
        assert restored.run("datasette.query('select sum(x) as s from t')[0]['s']").value == "10"
        assert restored.run("open('/data/notes.txt').read()").value == "'hello'"
        assert restored.limits["time_limit"] == 5
    # Without the host function the name still exists in the guest but reaches nothing.
    with (
        Sandbox.restore(data, files={"/data": str(tmp_path)}) as bare,
        pytest.raises(GuestError, match="double"),
    ):
        bare.run("double(1)")
    # Files the session had mounted must be given again.
    with pytest.raises(SnapshotError, match="files"):
        Sandbox.restore(data)


def test_fork_is_independent_both_ways(tmp_path):
    with Sandbox(files={"/out": {"path": str(tmp_path), "writable": True}}) as parent:
        parent.run(SESSION)
        parent.run("with open('/out/log.txt', 'w') as f:\n    f.write('parent')")
        child = parent.fork()
        try:
            assert child.run(PROBE).stdout == parent.run(PROBE).stdout
            child.run(
                "rows.clear(); acct.owner = 'bob'\nwith open('/out/log.txt', 'w') as f:\n    f.write('child')"
            )
            assert (
                parent.run("len(rows), acct.owner, open('/out/log.txt').read()").value
                == "(1500, 'ada', 'parent')"
            )
            parent.run("import builtins; builtins.print = None")
            assert child.run("print('still here')").stdout == "still here\n"
            assert child.written_files() == {"/out/log.txt": b"child"}
            assert parent.written_files() == {"/out/log.txt": b"parent"}
            assert child.limits == parent.limits
        finally:
            parent.close()
        # The child outlives its parent.
        assert child.run("len(rows), acct.owner").value == "(0, 'bob')"
        child.close()


def test_limits_are_reapplied_at_restore():
    with Sandbox(memory_limit=128 * 2**20) as roomy:
        roomy.run("keep = bytearray(24_000_000)")
        data = roomy.snapshot()
    with pytest.raises(SnapshotError, match="memory_limit"):
        Sandbox.restore(data, memory_limit=16 * 2**20)
    with Sandbox.restore(data, memory_limit=40 * 2**20) as tight:
        assert tight.limits["memory_limit"] == 40 * 2**20
        with pytest.raises(SandboxMemoryError) as caught:
            tight.run("more = bytearray(24_000_000)")
        assert not caught.value.session_reset
        assert tight.memory_size <= 40 * 2**20
        assert tight.run("len(keep)").value == "24000000"


def test_damaged_foreign_and_other_version_snapshots_are_refused():
    with Sandbox() as sb:
        sb.run("x = 1")
        data = sb.snapshot()
    assert issubclass(SnapshotError, SandboxError)
    cases = {
        "truncated": data[:40],
        "not a sandbox snapshot": b"\x89PNG" + data[4:],
        "header is damaged": data[:30] + bytes([data[30] ^ 1]) + data[31:],
        "body is damaged": data[:-1] + bytes([data[-1] ^ 1]),
        "truncated or padded": data + b"\0",
    }
    for reason, damaged in cases.items():
        with pytest.raises(SnapshotError, match=reason):
            Sandbox.restore(damaged)
    # The engine version and guest hash are named in the header: forge them (checksum recomputed).
    import zlib

    def forged(at: int, value: bytes) -> bytes:
        header = bytearray(data[:100])
        header[at : at + len(value)] = value
        header[96:100] = zlib.crc32(bytes(header[:96])).to_bytes(4, "little")
        return bytes(header) + data[100:]

    with pytest.raises(SnapshotError, match="another guest build"):
        Sandbox.restore(forged(28, b"\x00" * 32))
    with pytest.raises(SnapshotError, match="engine version"):
        Sandbox.restore(forged(12, b"0.0.1\x00"))
    with pytest.raises(SnapshotError, match="format version 7"):
        Sandbox.restore(forged(8, (7).to_bytes(4, "little")))


def test_snapshot_size_tracks_the_live_heap():
    with Sandbox(memory_limit=256 * 2**20) as sb:
        fresh = len(sb.snapshot())
        sb.run("import os\nblob = os.urandom(1_000_000)")
        live = len(sb.snapshot())
        sb.run("scratch = bytearray(50_000_000)\ndel scratch")
        grown = len(sb.snapshot())
        assert sb.memory_size > 50_000_000
    assert fresh < 64 * 1024
    assert 1_000_000 < live < 1_400_000
    assert grown < live + 300_000


def test_restore_into_a_closed_or_busy_sandbox_and_bad_types():
    with Sandbox() as sb:
        data = sb.snapshot()
    with pytest.raises(TypeError):
        Sandbox.restore("not bytes")  # type: ignore[arg-type]
    restored = Sandbox.restore(bytearray(data))
    restored.close()
    with pytest.raises(SandboxError):
        restored.snapshot()
    with pytest.raises(SandboxError):
        restored.fork()
