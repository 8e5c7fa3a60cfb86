"""What the snippet-based fidelity tests share: a snippet runs under the CPython running the tests and in a
fresh sandbox, and both must print the same, byte for byte."""

from __future__ import annotations

import contextlib
import io

from datasette_micropython import Sandbox

# `show(f, *args)` prints repr(f(*args)), or the exception's type name and message.
SHOW = """
def show(f, *args, **kwargs):
    try:
        print(repr(f(*args, **kwargs)))
    except Exception as e:
        print(type(e).__name__ + ':', e)
"""


def cpython_output(code: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<snippet>", "exec", dont_inherit=True), {"__name__": "__main__"})  # noqa: S102
    return out.getvalue()


def assert_prints_what_cpython_prints(code: str) -> None:
    expected = cpython_output(code)
    with Sandbox(memory_limit=64 * 2**20, time_limit=60, hard_grace=5) as sb:
        assert sb.run(code, eval_trailing=False).stdout == expected
