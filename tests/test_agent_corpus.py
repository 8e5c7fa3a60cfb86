"""The agent-style corpus (issue 15): `tests/agent_corpus/*.py`, one program per file, written the way
LLM agents and analysts write analysis and transform code. Each runs in a fresh sandbox and under the
CPython running the tests (`sys.executable`); stdout must match byte for byte, and when the program
raises, the exception's type name must match too.

A program whose first line is `# xfail: <reason naming the missing feature>` is expected to differ: it is
marked `xfail(strict=True)`, so a fix that makes it pass without removing the marker fails the suite.
File names start with the area of the helper that owns them (`stdlib_`, `numbers_`, `re_`, `lang_`, ...).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from datasette_micropython import GuestError, Sandbox

CORPUS = Path(__file__).parent / "agent_corpus"
XFAIL_MARKER = "# xfail:"

# Runs one program in a fresh CPython as `__main__`; an uncaught exception's type name is reported on
# the last line of stderr after this marker (the guest reports class names without their module).
RAISED_MARKER = "@@corpus-raised@@ "
CPYTHON_RUNNER = f"""
import sys
path = sys.argv[1]
with open(path, encoding='utf-8') as f:
    source = f.read()
try:
    exec(compile(source, path, 'exec'), {{'__name__': '__main__'}})
except BaseException as e:
    sys.stdout.flush()
    sys.stderr.write('\\n{RAISED_MARKER}' + type(e).__name__ + '\\n')
"""


def corpus_programs() -> list:
    params = []
    for path in sorted(CORPUS.glob("*.py")):
        first_line = path.read_text(encoding="utf-8").split("\n", 1)[0]
        marks = []
        if first_line.startswith(XFAIL_MARKER):
            reason = first_line[len(XFAIL_MARKER) :].strip()
            marks.append(pytest.mark.xfail(strict=True, reason=reason))
        params.append(pytest.param(path, id=path.stem, marks=marks))
    return params


def run_in_cpython(path: Path) -> tuple[str, str | None]:
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONIOENCODING": "utf-8", "TZ": "UTC"}
    done = subprocess.run(
        [sys.executable, "-I", "-c", CPYTHON_RUNNER, str(path)],
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    stderr = done.stderr.decode("utf-8", "replace")
    raised = None
    if RAISED_MARKER in stderr:
        raised = stderr.rsplit(RAISED_MARKER, 1)[1].strip()
    elif done.returncode != 0:
        raise AssertionError(f"CPython failed to run {path.name}:\n{stderr}")
    return done.stdout.decode("utf-8"), raised


def run_in_sandbox(path: Path) -> tuple[str, str | None]:
    with Sandbox(memory_limit=128 * 2**20, time_limit=30) as sb:
        try:
            return sb.run(path.read_text(encoding="utf-8"), eval_trailing=False).stdout, None
        except GuestError as e:
            return e.stdout, e.type_name


def test_corpus_markers_name_a_reason():
    for path in sorted(CORPUS.glob("*.py")):
        first_line = path.read_text(encoding="utf-8").split("\n", 1)[0]
        if first_line.startswith("# xfail"):
            assert first_line.startswith(XFAIL_MARKER) and first_line[len(XFAIL_MARKER) :].strip(), path.name


@pytest.mark.parametrize("path", corpus_programs())
def test_program_prints_what_cpython_prints(path):
    expected_stdout, expected_raised = run_in_cpython(path)
    stdout, raised = run_in_sandbox(path)
    assert stdout == expected_stdout
    assert raised == expected_raised
