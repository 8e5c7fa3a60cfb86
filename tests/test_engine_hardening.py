"""The engine's guarantees under hostile or unlucky use (issue 13, engine side): runs can be cancelled
and sandboxes closed from any thread without waiting, nothing a host function does to its own
sandbox can hang, async host calls are bounded by the run's deadline, and results the codec cannot
carry fail cleanly. Checks that would freeze the whole interpreter on a regression run in a child
process with a timeout, so a regression fails the test instead of hanging the suite."""

import asyncio
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from datasette_micropython import (
    DEFAULTS,
    LIMITS,
    GuestError,
    Sandbox,
    SandboxCancelled,
    SandboxClosed,
    SandboxTimeout,
)


def run_isolated(code: str, timeout: float = 30) -> str:
    """Runs `code` in a fresh interpreter; fails (instead of hanging) if it does not finish in time."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(code)],
            check=False,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"the process hung for {timeout} s")
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_limits_table_drives_the_defaults_and_the_arguments():
    names = [limit.name for limit in LIMITS]
    assert dict(DEFAULTS) == {limit.name: limit.default for limit in LIMITS}
    assert names[:3] == ["memory_limit", "time_limit", "hard_grace"]
    assert {"query_row_limit", "query_byte_limit", "file_write_limit"} <= set(names)
    for limit in LIMITS:
        assert limit.unit in {"bytes", "seconds", "count"} and limit.description
        assert limit.min <= (limit.default if limit.default is not None else limit.min) <= limit.max
        assert limit.nullable == (limit.name == "fuel")
        number = float if limit.unit == "seconds" else int
        assert type(limit.min) is number and type(limit.max) is number
    with pytest.raises(TypeError, match="unexpected keyword argument 'memroy_limit'"):
        Sandbox(memroy_limit=2**24)
    with pytest.raises(ValueError, match=r"query_row_limit: must be between 1 and"):
        Sandbox(query_row_limit=0)
    with Sandbox(
        **{limit.name: limit.max if limit.name != "memory_limit" else limit.min for limit in LIMITS}
    ) as sb:
        assert sb.limits["memory_limit"] == 4 * 2**20 and sb.limits["time_limit"] == 86400.0


def test_cancel_from_another_thread_keeps_the_session():
    with Sandbox(time_limit=30) as sb:
        sb.run("kept = 1")
        timer = threading.Timer(0.2, sb.cancel)
        timer.start()
        started = time.monotonic()
        with pytest.raises(SandboxCancelled, match="cancelled; the session is intact") as caught:
            sb.run("while True:\n    kept += 1")
        assert time.monotonic() - started < 1.0
        assert caught.value.type_name == "KeyboardInterrupt" and caught.value.session_reset is False
        assert int(sb.run("kept").value) > 1
        assert sb.cancel() is False, "nothing runs now"
        assert sb.run("kept > 1").value == "True"


def test_a_loop_of_slow_host_calls_stops_at_the_time_limit():
    calls = []

    def slow():
        calls.append(1)
        time.sleep(0.05)

    with Sandbox(time_limit=0.3, hard_grace=5, host_functions={"slow": slow}) as sb:
        sb.run("kept = 'yes'")
        started = time.monotonic()
        with pytest.raises(SandboxTimeout) as caught:
            sb.run("for i in range(1000):\n    slow()")
        assert caught.value.session_reset is False
        assert time.monotonic() - started < 1.0
        assert sb.run("kept").value == "'yes'"


async def test_close_on_the_loop_does_not_wait_for_a_guest_awaiting_that_loop():
    # The guest waits for an async host function scheduled on this very loop: a close() that waited
    # for the run would deadlock the loop (issue 13, item 1).
    never = asyncio.Event()
    cancelled = asyncio.Event()

    async def wait_forever():
        try:
            await never.wait()
        except asyncio.CancelledError:
            cancelled.set()
            raise

    sb = Sandbox(time_limit=30, host_functions={"wait_forever": wait_forever})
    run = asyncio.ensure_future(sb.run_async("wait_forever()"))
    await asyncio.sleep(0.2)
    started = time.monotonic()
    sb.close()
    assert time.monotonic() - started < 0.05, "close() waited"
    assert sb.closed
    with pytest.raises(SandboxClosed):
        await asyncio.wait_for(run, 2)
    await asyncio.wait_for(cancelled.wait(), 2)


async def test_async_host_call_is_bounded_by_the_run_deadline():
    cancelled = asyncio.Event()

    async def stall():
        try:
            await asyncio.sleep(100)
        except asyncio.CancelledError:
            cancelled.set()
            raise

    with Sandbox(time_limit=0.3, host_functions={"stall": stall}) as sb:
        sb.run("kept = 5")
        started = time.monotonic()
        with pytest.raises(GuestError, match="TimeoutError"):
            await sb.run_async("stall()")
        assert time.monotonic() - started < 1.0
        await asyncio.wait_for(cancelled.wait(), 1)
        # cancel() wakes a guest waiting in such a call too.
        sb.run("kept += 1")
    with Sandbox(time_limit=30, host_functions={"stall": stall}) as sb:
        loop = asyncio.get_running_loop()
        loop.call_later(0.2, sb.cancel)
        started = time.monotonic()
        with pytest.raises(SandboxCancelled):
            await sb.run_async("try:\n    stall()\nexcept TimeoutError:\n    pass\nwhile True:\n    pass")
        assert time.monotonic() - started < 1.0


def test_async_host_call_under_a_sync_run_is_bounded_by_the_run_deadline():
    # A sync run marks itself in the run context only when the sandbox has an async host function (the
    # mark costs every call): one registered after construction, and a fork's, must still be bounded.
    async def stall():
        await asyncio.sleep(100)

    with Sandbox(time_limit=0.3) as sb:
        assert sb.run("1 + 1").value == "2"
        sb.register(stall)
        started = time.monotonic()
        with pytest.raises(GuestError, match="TimeoutError"):
            sb.run("stall()")
        assert time.monotonic() - started < 1.0
        sb.run("def call_stall():\n    stall()")
        with sb.fork() as child:
            started = time.monotonic()
            with pytest.raises(GuestError, match="TimeoutError"):
                child.call("call_stall")
            assert time.monotonic() - started < 1.0


def test_limits_never_wait_and_reentry_is_an_error():
    out = run_isolated(
        """
        import threading, time
        from datasette_micropython import Sandbox

        sb = Sandbox(time_limit=10)
        inside = threading.Event()

        def peek():
            # Reading limits from a host function of the running sandbox.
            return sb.limits["time_limit"]

        def hold():
            inside.set()
            time.sleep(0.5)
            return 1

        def reenter():
            sb.run("1")

        for f in (peek, hold, reenter):
            sb.register(f)
        print(sb.run("peek()").value)
        t = threading.Thread(target=sb.run, args=("hold()",))
        t.start()
        inside.wait()
        started = time.monotonic()
        print(sb.limits["memory_limit"], time.monotonic() - started < 0.1)
        t.join()
        print(sb.run("try:\\n    reenter()\\nexcept RuntimeError as e:\\n    r = str(e)\\nr").value)
        print(sb.run("2 + 2").value)
        """
    )
    lines = out.splitlines()
    assert lines[0] == "10.0"
    assert lines[1] == f"{DEFAULTS['memory_limit']} True"
    assert "cannot be called from a host function while that same sandbox is running" in lines[2]
    assert lines[3] == "4"


def test_close_from_a_host_function_ends_the_run():
    with Sandbox(time_limit=10) as sb:
        sb.register(sb.close, name="close_me")
        with pytest.raises(SandboxClosed):
            sb.run("close_me()\nwhile True:\n    pass")
        assert sb.closed


def test_results_nested_too_deep_fail_cleanly_and_keep_the_session(sandbox):
    sandbox.run("kept = 3\ndef deep(n):\n    x = []\n    for _ in range(n):\n        x = [x]\n    return x")
    with pytest.raises(GuestError, match="nested deeper than 512 levels") as caught:
        sandbox.call("deep", 600)
    assert caught.value.session_reset is False
    assert sandbox.run("kept").value == "3"
    assert sandbox.call("deep", 100).value is not None


def test_ints_of_any_size_cross_both_ways():
    # Over CPython's 4,300-digit limit on int(str): the codec carries ints in binary.
    def successor(n):
        return n + 1

    with Sandbox(host_functions={"successor": successor}) as sb:
        sb.run("def power(b, e):\n    return b ** e\ndef check(n):\n    return successor(n) - n, n % 1000")
        for base, exponent in [(3, 30_000), (-7, 9_999), (2, 64), (-2, 63), (-2, 64), (10, 19)]:
            assert sb.call("power", base, exponent).value == base**exponent
            n = base**exponent
            assert sb.call("check", n).value == (1, n % 1000)
        assert sb.run("successor(-(2**100000)) == 1 - 2**100000").value == "True"
