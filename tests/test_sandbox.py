"""The Python API of `datasette_micropython.sandbox` against the real engine (no mocks)."""

import asyncio
import re
import subprocess
import sys
import threading

import pytest

from datasette_micropython import (
    DEFAULTS,
    GuestError,
    Sandbox,
    SandboxClosed,
    SandboxError,
    SandboxMemoryError,
    SandboxTimeout,
)


def test_state_persists_across_runs(sandbox):
    sandbox.run("x = 10\ndef double(v):\n    return v * 2")
    result = sandbox.run("x += 5\nprint(double(x))")
    assert result.stdout == "30\n"
    assert sandbox.run("x").value == "15"


def test_trailing_expression_repr_and_none():
    with Sandbox() as sb:
        assert sb.run("'a' + 'b'").value == "'ab'"
        assert sb.run("None").value is None
        assert sb.run("y = 1").value is None
        assert sb.run("[1, 2]", eval_trailing=False).value is None


def test_stdout_and_stderr_are_separate(sandbox):
    result = sandbox.run("import sys\nprint('out')\nsys.stderr.write('err\\n')")
    assert (result.stdout, result.stderr) == ("out\n", "err\n")
    assert result.duration > 0


def test_output_is_capped_while_capturing():
    with Sandbox(output_limit=100) as sb:
        result = sb.run("for i in range(100000):\n    print('line', i)")
        assert len(result.stdout) == 100
        assert result.stdout_truncated and result.truncated
        assert not sb.run("print('short')").truncated


def test_guest_exception_carries_type_message_traceback_and_output(sandbox):
    with pytest.raises(GuestError) as info:
        sandbox.run("print('before')\ndef f():\n    return {}['missing']\nf()")
    e = info.value
    assert e.type_name == "KeyError"
    assert e.guest_message == "'missing'"  # str(KeyError('missing')), as in CPython
    assert e.line == 3
    assert e.stdout == "before\n"
    assert e.traceback.splitlines() == [
        "Traceback (most recent call last):",
        '  File "<sandbox>", line 4, in <module>',
        "    f()",
        '  File "<sandbox>", line 3, in f',
        "    return {}['missing']",
        "           ~~^^^^^^^^^^^",  # CPython 3.11's markers (patch 0382)
        "KeyError: 'missing'",
    ]
    assert not e.session_reset
    assert isinstance(e, SandboxError)


def test_traceback_source_lines_are_the_text_of_the_run_that_compiled_the_frame(sandbox):
    sandbox.run("def f(d):\n    return d['k']\n")
    with pytest.raises(GuestError) as info:
        sandbox.run("x = 1\nf({})")
    # f was compiled by the first run, whose text is gone: its frame shows no line (rather than a wrong one)
    assert info.value.traceback.splitlines() == [
        "Traceback (most recent call last):",
        '  File "<sandbox>", line 2, in <module>',
        "    f({})",
        '  File "<sandbox>", line 2, in f',
        "KeyError: 'k'",
    ]
    sandbox.run("try:\n    f({})\nexcept KeyError as e:\n    saved = e\n")
    printed = sandbox.run(
        "import traceback\nprint(''.join(traceback.format_exception(saved)), end='')"
    ).stdout
    # recorded by an earlier run: no line of this run's text is shown for its frames
    assert printed.splitlines() == [
        "Traceback (most recent call last):",
        '  File "<sandbox>", line 2, in <module>',
        '  File "<sandbox>", line 2, in f',
        "KeyError: 'k'",
    ]


def test_syntax_error_reports_its_line(sandbox):
    with pytest.raises(GuestError) as info:
        sandbox.run("x = 1\ny = (\n")
    assert info.value.type_name == "SyntaxError"
    with pytest.raises(GuestError) as info:
        sandbox.check_syntax("a = 1\nb = = 2\n")
    assert info.value.type_name == "SyntaxError" and info.value.line == 2
    sandbox.check_syntax("while True: pass")  # compiles, never runs


def test_soft_time_limit_interrupts_and_session_survives():
    with Sandbox(time_limit=0.2) as sb:
        sb.run("kept = 42")
        with pytest.raises(SandboxTimeout) as info:
            sb.run("n = 0\nwhile True:\n    n += 1")
        assert not info.value.session_reset
        assert "KeyboardInterrupt" in info.value.traceback
        assert sb.run("kept").value == "42"


def test_guest_can_catch_the_interrupt_but_not_escape_the_limit():
    # Code that swallows every KeyboardInterrupt is stopped outright after hard_grace (long operations in C
    # check the interrupt too, see test_guest_hardening.py), and the session starts afresh.
    with Sandbox(time_limit=0.1, hard_grace=0.2) as sb:
        sb.run("kept = 1")
        with pytest.raises(SandboxTimeout) as info:
            sb.run(
                "while True:\n    try:\n        while True: pass\n    except KeyboardInterrupt:\n        pass"
            )
        assert info.value.session_reset
        with pytest.raises(GuestError, match="NameError"):
            sb.run("kept")
        assert sb.run("1 + 1").value == "2"


def test_fuel_budget_stops_deterministically():
    with Sandbox(fuel=5_000_000) as sb:
        assert sb.run("sum(range(100))").value == "4950"
        with pytest.raises(SandboxTimeout, match="fuel"):
            sb.run("while True: pass")
        assert sb.run("2 * 3").value == "6"


@pytest.mark.parametrize(
    "bomb",
    [
        "s = 'longer string'\nwhile True:\n    s += s",
        "x = [0] * 10**9",
        "b = bytearray(10**9)",
        "d = {}\ni = 0\nwhile True:\n    d[i] = str(i) * 10\n    i += 1",
    ],
)
def test_memory_bombs_raise_and_the_session_survives(bomb):
    with Sandbox(memory_limit=16 * 2**20) as sb:
        sb.run("kept = 'yes'")
        with pytest.raises(SandboxMemoryError) as info:
            sb.run(bomb)
        assert info.value.type_name == "MemoryError"
        assert not info.value.session_reset
        sb.run("s = x = b = d = None\nimport gc\ngc.collect()")
        assert sb.run("kept").value == "'yes'"


def test_memory_error_is_catchable_in_the_guest():
    with Sandbox(memory_limit=16 * 2**20) as sb:
        result = sb.run("try:\n    x = bytearray(10**9)\nexcept MemoryError:\n    print('caught')")
        assert result.stdout == "caught\n"


FILL_THEN_HANDLE = """
rows = []
try:
    while True:
        rows.append([1] * 100)
except MemoryError as e:
    # rows still holds the whole heap: binding new names can need a bigger globals dict
    filled = len(rows)
    kind = type(e).__name__
    message = str(e)
    rows = None
print(kind, filled > 10_000, message.startswith('memory allocation failed'))
"""


@pytest.mark.parametrize("mib", [8, 12, 24, 32, 48])
def test_a_full_heap_leaves_room_for_the_handler_and_the_traceback(mib):
    # When the heap runs out, the guest releases a small reserve (port/heap.c), so the program's handler and
    # the traceback of an uncaught MemoryError have room: without it, the handler above failed at 8 MiB and
    # tracebacks were empty at 8, 12, 24, 32 and 64 MiB.
    with Sandbox(memory_limit=mib * 2**20, time_limit=20) as sb:
        assert sb.run(FILL_THEN_HANDLE).stdout == "MemoryError True True\n"
        with pytest.raises(SandboxMemoryError) as info:
            sb.run("rows = []\nwhile True:\n    rows.append([1] * 100)")
        assert "rows.append([1] * 100)" in info.value.traceback
        assert re.search(
            r"\nMemoryError: memory allocation failed, allocating \d+ bytes$", info.value.traceback
        )
        sb.run("rows = None")
        assert sb.run("len([1] * 100)").value == "100"


def test_closed_sandbox_refuses_work():
    sb = Sandbox()
    sb.close()
    assert sb.closed
    with pytest.raises(SandboxClosed):
        sb.run("1")
    with Sandbox() as sb2:
        pass
    with pytest.raises(SandboxClosed):
        sb2.reset()


def test_reset_discards_state(sandbox):
    sandbox.run("x = 1")
    sandbox.reset()
    with pytest.raises(GuestError, match="NameError"):
        sandbox.run("x")


def test_non_string_code_is_a_type_error(sandbox):
    with pytest.raises(TypeError, match="code must be a str"):
        sandbox.run(b"print(1)")


@pytest.mark.parametrize(
    "kwargs, param",
    [
        ({"memory_limit": 1024}, "memory_limit"),
        ({"memory_limit": 0}, "memory_limit"),
        ({"time_limit": -1.0}, "time_limit"),
        ({"time_limit": float("nan")}, "time_limit"),
        ({"hard_grace": -1}, "hard_grace"),
        ({"fuel": 0}, "fuel"),
        ({"output_limit": -5}, "output_limit"),
        ({"host_payload_limit": 2**40}, "host_payload_limit"),
        ({"host_call_limit": 2**70}, "host_call_limit"),
        ({"databases": {"d": ":memory:"}, "query_row_limit": 0}, "query_row_limit"),
        ({"databases": {"d": ":memory:"}, "query_byte_limit": -1}, "query_byte_limit"),
    ],
)
def test_invalid_limits_name_the_parameter(kwargs, param):
    with pytest.raises(ValueError, match=param):
        Sandbox(**kwargs)


def test_invalid_limit_types():
    with pytest.raises(TypeError, match="memory_limit"):
        Sandbox(memory_limit="big")
    with pytest.raises(TypeError, match="time_limit"):
        Sandbox(time_limit="5")
    with pytest.raises(TypeError, match="output_limit must be an int, not bool"):
        Sandbox(output_limit=True)
    with pytest.raises(TypeError, match="hard_grace must be a number of seconds, not bool"):
        Sandbox(hard_grace=False)


def test_limits_are_a_read_only_view_of_what_the_engine_runs_under():
    with Sandbox(memory_limit=8 * 2**20, time_limit=2, fuel=10**9) as sb:
        assert dict(sb.limits) == {**DEFAULTS, "memory_limit": 8 * 2**20, "time_limit": 2.0, "fuel": 10**9}
        assert list(sb.limits) == list(DEFAULTS), "in table order"
        with pytest.raises(TypeError):
            sb.limits["memory_limit"] = 1  # type: ignore[index]


def test_results_are_read_only_records_with_a_readable_repr(sandbox):
    result = sandbox.run("print('hi')\n'v'")
    assert (result.stdout, result.stderr, result.value, result.truncated) == ("hi\n", "", "'v'", False)
    assert repr(result).startswith("RunResult(value=\"'v'\", stdout='hi\\n', stderr='', duration=")
    with pytest.raises(AttributeError):
        result.value = "other"  # type: ignore[misc]
    with pytest.raises(TypeError, match="unhashable"):
        hash(result)
    sandbox.run("def pair(x):\n    return [x, {'k': x}]")
    call = sandbox.call("pair", 1)
    assert call.value == [1, {"k": 1}]
    assert repr(call).startswith("CallResult(value=[1, {'k': 1}], stdout='', stderr='', duration=")
    assert call != sandbox.call("pair", 2)
    with pytest.raises(TypeError, match="unhashable"):
        hash(call)
    assert call != result


def test_defaults_are_documented_values():
    sb = Sandbox()
    assert DEFAULTS["memory_limit"] == 64 * 2**20
    assert sb.memory_size <= DEFAULTS["memory_limit"]
    sb.close()


async def test_run_async_does_not_block_the_loop():
    with Sandbox() as sb:
        ticks = 0

        async def ticker():
            nonlocal ticks
            while True:
                await asyncio.sleep(0.01)
                ticks += 1

        task = asyncio.create_task(ticker())
        result = await sb.run_async(
            "import time\nt = time.monotonic()\nwhile time.monotonic() - t < 0.3: pass\n'done'"
        )
        task.cancel()
        assert result.value == "'done'"
        assert ticks >= 10


def test_many_sandboxes_on_many_threads():
    errors = []
    results = {}

    def work(worker):
        try:
            boxes = [Sandbox(memory_limit=8 * 2**20) for _ in range(4)]
            for i, sb in enumerate(boxes):
                sb.run(f"tag = {worker * 10 + i}\ntotal = 0")
            for _ in range(50):
                for sb in boxes:
                    sb.run("total += tag")
            results[worker] = [int(sb.run("total").value) for sb in boxes]
            for sb in boxes:
                sb.close()
        except Exception as e:  # noqa: BLE001 - any failure on a worker thread is reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(w,)) for w in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert results == {w: [(w * 10 + i) * 50 for i in range(4)] for w in range(8)}


def test_two_threads_on_one_sandbox_are_serialized():
    with Sandbox() as sb:
        sb.run("counter = 0")

        def bump():
            for _ in range(200):
                sb.run("tmp = counter\nfor _ in range(50): pass\ncounter = tmp + 1")

        threads = [threading.Thread(target=bump) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sb.run("counter").value == "800"


def test_a_hundred_thousand_runs_in_one_session():
    with Sandbox(memory_limit=8 * 2**20) as sb:
        sb.run("n = 0\nitems = []")
        for i in range(100_000):
            sb.run("n += 1\nitems.append(str(n))\nif len(items) > 100: items = items[50:]")
        assert sb.run("n").value == "100000"


def test_call_guest_function_with_values(sandbox):
    sandbox.run("def enrich(rows):\n    return [dict(r, total=r['a'] + r['b']) for r in rows]")
    result = sandbox.call("enrich", [{"a": 1, "b": 2}, {"a": 2**70, "b": 1}])
    assert result.value == [{"a": 1, "b": 2, "total": 3}, {"a": 2**70, "b": 1, "total": 2**70 + 1}]
    with pytest.raises(GuestError, match="NameError"):
        sandbox.call("missing")


def test_ints_cross_exactly_on_both_sides_of_the_small_int_range(sandbox):
    # The guest keeps ints that fit 31 bits as small ints and others as big ones; both cross the codec.
    edges = [2**30 - 1, 2**30, -(2**30), -(2**30) - 1, 2**62, -(2**63), 2**63 - 1, 2**64, -(2**70)]
    sandbox.run("def twice(values):\n    return [[v, v * 2, v // 3, str(v)] for v in values]")
    assert sandbox.call("twice", edges).value == [[v, v * 2, v // 3, str(v)] for v in edges]


def test_call_results_of_any_size_stream_to_the_host_up_to_the_payload_limit():
    # The guest hands its result over in pieces (16 KiB, long strings whole): a result far larger than the
    # guest's free memory, and long strings inside containers, come back intact.
    with Sandbox(memory_limit=8 * 2**20, host_payload_limit=40 * 2**20) as sb:
        sb.run("row = {'id': 1, 'name': 'x' * 100}\nlong = 'é' * 30000\ndef many(n):\n    return [row] * n")
        assert sb.call("many", 200_000).value == [{"id": 1, "name": "x" * 100}] * 200_000
        sb.run("def mixed():\n    return [long, {'k': [long, b'\\x00' * 40000]}, 7]")
        assert sb.call("mixed").value == ["é" * 30000, {"k": ["é" * 30000, b"\x00" * 40000]}, 7]
        with pytest.raises(GuestError, match=r"return value of many\(\) is over the host_payload_limit") as e:
            sb.call("many", 400_000)
        assert e.value.type_name == "ValueError" and not e.value.session_reset
        assert sb.run("row['id']").value == "1"


def test_dict_and_list_subclasses_cross_as_dicts_and_lists(sandbox):
    sandbox.run(
        "from collections import Counter, defaultdict\nclass Row(dict):\n    pass\nclass Items(list):\n    pass\n"
        "def values():\n    d = defaultdict(list)\n    d['a'].append(1)\n"
        "    return [Counter('abca'), d, Row(x=1), Items([1, 2])]"
    )
    assert sandbox.call("values").value == [{"a": 2, "b": 1, "c": 1}, {"a": [1]}, {"x": 1}, [1, 2]]


def test_live_sandboxes_up_to_the_process_limit_then_a_clear_error():
    # A fresh process, so that sandboxes of other tests do not count; the default limit is 2000.
    code = (
        "from datasette_micropython import Sandbox, SandboxError\n"
        "boxes = [Sandbox(memory_limit=4 * 2**20) for _ in range(2000)]\n"
        "try:\n    Sandbox()\nexcept SandboxError as e:\n    print(e)\n"
        "boxes[0].close()\n"
        "print(Sandbox().run('1').value)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == [
        (
            "sandbox engine error: too many live sandboxes: the limit is 2000 per process; close unused ones or "
            "raise DATASETTE_MICROPYTHON_MAX_SANDBOXES"
        ),
        "1",
    ]
