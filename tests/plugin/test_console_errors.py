"""errors.report, the one renderer of sandbox errors for people: a run the sandbox stopped reads as such
(with the line it stopped at), never as a bare `KeyboardInterrupt:`."""

from __future__ import annotations

import threading

import pytest

from datasette_micropython import Sandbox
from datasette_micropython._engine import SandboxCancelled, SandboxClosed, SandboxError, SandboxTimeout
from datasette_micropython.plugin.errors import report

LOOP = """\
totals = {}
def count(n):
    while True:
        totals[n] = totals.get(n, 0) + 1
count(3)
"""


def stopped_by(sandbox: Sandbox, code: str, stop=None) -> SandboxError:
    timer = threading.Timer(0.2, stop) if stop else None
    if timer:
        timer.start()
    try:
        sandbox.run(code)
    except SandboxError as e:
        return e
    finally:
        if timer:
            timer.cancel()
    raise AssertionError("the run was not stopped")


def test_a_time_limit_names_the_limit_and_the_line():
    with Sandbox(time_limit=0.3) as sandbox:
        error = stopped_by(sandbox, LOOP)
        assert isinstance(error, SandboxTimeout)
        details = report(error)
        assert details.stopped and details.type == "SandboxTimeout"
        assert details.message == "the time limit of 0.3 s was reached"
        assert details.line in (3, 4)
        assert details.summary == f"stopped: the time limit of 0.3 s was reached (line {details.line})"
        lines = details.traceback.splitlines()
        assert lines[0] == "Traceback (most recent call last):"
        assert f"line {details.line}, in count" in lines[-3]
        assert lines[-2].startswith("    ")  # the source line
        assert lines[-1] == "stopped: the time limit of 0.3 s was reached"
        assert "KeyboardInterrupt" not in details.traceback
        # The session is intact: the loop's work is still there.
        assert int(sandbox.run("totals[3]").value) > 0


def test_whole_seconds_read_as_such():
    with Sandbox(time_limit=1) as sandbox:
        assert (
            report(stopped_by(sandbox, "while True:\n    pass")).message
            == "the time limit of 1 s was reached"
        )


def test_cancel_and_close_read_as_stops():
    with Sandbox(time_limit=30) as sandbox:
        error = stopped_by(sandbox, LOOP, sandbox.cancel)
        assert isinstance(error, SandboxCancelled)
        details = report(error)
        assert details.summary.startswith("stopped: the run was cancelled (Stop) (line ")
        assert details.traceback.splitlines()[-1] == "stopped: the run was cancelled (Stop)"
    sandbox = Sandbox(time_limit=30)
    error = stopped_by(sandbox, LOOP, sandbox.close)
    assert isinstance(error, SandboxClosed)
    assert report(error).summary.startswith("stopped: the session was closed")


@pytest.mark.parametrize(
    ("code", "summary"),
    [
        ("1 / 0", "ZeroDivisionError: division by zero"),
        ("raise KeyboardInterrupt('by hand')", "KeyboardInterrupt: by hand"),
        ("class Oops(Exception):\n    pass\nraise Oops()", "Oops"),
    ],
)
def test_exceptions_of_the_code_keep_their_type_and_message(code, summary):
    with Sandbox() as sandbox:
        with pytest.raises(SandboxError) as caught:
            sandbox.run(code)
        details = report(caught.value)
        assert not details.stopped and details.summary == summary
        assert details.traceback.splitlines()[-1].startswith(summary)
