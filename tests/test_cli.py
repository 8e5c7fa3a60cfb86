"""`datasette micropython` (datasette_micropython/cli.py), through Datasette's own CLI, and the REPL
through a pseudo-terminal, as a person types at it (Ctrl+C, line editing, history)."""

import os
import pty
import re
import select
import signal
import sqlite3
import sys
import time

import pytest
from click.testing import CliRunner
from datasette.cli import cli

from datasette_micropython.cli import database_names, is_complete


def invoke(*args, input=None):
    return CliRunner().invoke(cli, ["micropython", *args], input=input)


def test_run_code_and_file(tmp_path):
    result = invoke("run", "-c", "print(6 * 7)")
    assert (result.exit_code, result.output) == (0, "42\n")
    script = tmp_path / "script.py"
    script.write_text("import json\nprint(json.dumps({'a': [1, 2]}))\n")
    result = invoke("run", str(script))
    assert (result.exit_code, result.output) == (0, '{"a": [1, 2]}\n')


def test_errors_print_the_traceback_and_exit_1():
    result = invoke("run", "-c", "print('before')\n1 / 0")
    assert result.exit_code == 1
    assert "before\n" in result.stdout
    assert 'File "<sandbox>", line 2' in result.stderr and "ZeroDivisionError" in result.stderr


def test_limit_flags():
    result = invoke("run", "--time-limit", "0.2", "-c", "while True: pass")
    assert result.exit_code == 1 and "KeyboardInterrupt" in result.stderr
    result = invoke("run", "--memory-limit", "8M", "-c", "x = bytearray(10**9)")
    assert result.exit_code == 1 and "MemoryError" in result.stderr
    result = invoke("run", "--output-limit", "10", "-c", "print('x' * 100)")
    assert result.stdout == "x" * 10 and "truncated" in result.stderr
    result = invoke("run", "--memory-limit", "lots", "-c", "1")
    assert result.exit_code == 2 and "memory_limit" in result.output


def test_file_or_code_not_both(tmp_path):
    assert invoke("run").exit_code == 2
    script = tmp_path / "s.py"
    script.write_text("1")
    assert invoke("run", str(script), "-c", "1").exit_code == 2


def test_repl_keeps_state_and_handles_blocks():
    lines = "x = 2\ndef f(n):\n    return n * x\n\nf(21)\nundefined\nx\n"
    result = invoke("repl", input=lines)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["42", "2"]
    assert "NameError" in result.stderr


def test_every_limit_of_the_engines_table_is_a_flag_with_its_bounds():
    from datasette_micropython.limits import LIMITS

    help_text = invoke("run", "--help").output
    for name, spec in LIMITS.items():
        assert "--" + name.replace("_", "-") in help_text, name
        assert spec.description.split()[0] in help_text, name
    result = invoke("run", "--memory-limit", "1M", "-c", "1")
    assert result.exit_code == 2 and "memory_limit must be between 4 MiB and 4 GiB" in result.output
    result = invoke("run", "--time-limit", "200000", "-c", "1")
    assert result.exit_code == 2 and "time_limit must be between" in result.output
    assert invoke("run", "--host-call-limit", "5", "-c", "print(1)").output == "1\n"


def test_a_syntax_error_does_not_swallow_the_following_lines():
    # The error inside a block used to keep the REPL collecting lines until an empty one.
    lines = "for i in range(2):\n    print(i))\nprint('after')\nx = 1\nif x:\n    print('block')\n\n"
    result = invoke("repl", input=lines)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["after", "block"]
    assert result.stderr.count("SyntaxError") == 1


def test_is_complete_follows_cpythons_repl():
    assert is_complete("x = 1")
    assert not is_complete("def f():")
    assert not is_complete("def f():\n    return 1")
    assert is_complete("def f():\n    return 1\n")
    assert not is_complete("@decorator")
    assert not is_complete("total = sum([1,")
    assert is_complete("total = sum([1,\n    2])")  # a bracket closed: runs at once, as in CPython
    assert is_complete("print(1))")  # a syntax error is complete: the sandbox reports it
    assert is_complete("if True:\n    print(1))")


def test_databases_are_read_only_and_named_as_datasette_names_them(tmp_path):
    db = tmp_path / "sales.db"
    with sqlite3.connect(db) as conn:
        conn.execute("create table orders (id integer primary key, total real)")
        conn.executemany("insert into orders (total) values (?)", [(12.5,), (30.0,), (7.5,)])
    script = tmp_path / "report.py"
    script.write_text(
        "import datasette\n"
        "rows = datasette.query('select id, total from orders order by total desc')\n"
        "print(datasette.databases(), len(rows), rows[0]['total'], sum(r['total'] for r in rows))\n"
        "try:\n"
        "    datasette.query('delete from orders')\n"
        "except Exception as e:\n"
        "    print(type(e).__name__)\n"
    )
    result = invoke("run", str(script), "--db", str(db))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "['sales'] 3 30.0 50.0\nPermissionError\n"
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from orders").fetchone() == (3,)
    assert database_names(("a/data.db", "b/data.db", "c/other.db")) == {
        "data": "a/data.db",
        "data_2": "b/data.db",
        "other": "c/other.db",
    }
    assert invoke("run", "-c", "1", "--db", str(tmp_path / "missing.db")).exit_code == 2


def test_a_missing_capability_says_how_to_provide_it():
    result = invoke("run", "-c", "import datasette\ndatasette.query('select 1')")
    assert result.exit_code == 1
    assert "no host function" not in result.stderr
    assert "this sandbox has no databases" in result.stderr and "--db FILE" in result.stderr
    result = invoke("run", "-c", "fetch('https://example.com/')")
    assert result.exit_code == 1
    assert "NameError" in result.stderr and "--allow-url PREFIX" in result.stderr


class Terminal:
    """`datasette micropython ARGS` on a pseudo-terminal: its controlling terminal, so Ctrl+C is the
    kernel's SIGINT to it, and readline is active as for a person."""

    def __init__(self, *args, env=None, sigint_ignored=False):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child
            # A parent that ignores SIGINT passes that on through exec (pytest's process may, once other
            # tests ran); the command line must still take Ctrl+C.
            signal.signal(signal.SIGINT, signal.SIG_IGN if sigint_ignored else signal.SIG_DFL)
            os.execve(sys.executable, [sys.executable, "-m", "datasette_micropython", *args], env)
        self.output = ""
        self.returncode = None

    def read_until(self, pattern, timeout=30.0):
        """Reads until `pattern` (a regex) appears in the output after what earlier calls consumed."""
        deadline = time.monotonic() + timeout
        while True:
            match = re.search(pattern, self.output)
            if match:
                seen, self.output = self.output[: match.end()], self.output[match.end() :]
                return seen
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"{pattern!r} not seen in {timeout} s; output: {self.output!r}")
            ready, _, _ = select.select([self.fd], [], [], remaining)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:  # the child has gone
                    chunk = b""
                if not chunk:
                    raise AssertionError(f"{pattern!r} not seen before the end; output: {self.output!r}")
                # Readline's terminal control sequences (bracketed paste mode...) are not output.
                self.output += re.sub(r"\x1b\[[?0-9;]*[a-zA-Z]", "", chunk.decode(errors="replace"))

    def type(self, text):
        os.write(self.fd, text.encode())

    def close(self):
        if self.returncode is None:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.fd)

    def wait(self, timeout=30.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
                return self.returncode
            try:
                self.read_until(r"\Z.", timeout=0.1)
            except AssertionError:
                pass
        raise AssertionError("the command did not end")


@pytest.fixture
def terminal(tmp_path):
    env = {**os.environ, "DATASETTE_MICROPYTHON_HISTORY": str(tmp_path / "history"), "TERM": "xterm"}
    opened = []

    def open_terminal(*args, sigint_ignored=False):
        opened.append(Terminal(*args, env=env, sigint_ignored=sigint_ignored))
        return opened[-1]

    yield open_terminal
    for t in opened:
        t.close()


@pytest.mark.parametrize("sigint_ignored", [False, True], ids=["default", "started-with-sigint-ignored"])
def test_ctrl_c_interrupts_the_run_and_keeps_the_session(terminal, sigint_ignored):
    repl = terminal("repl", "--time-limit", "60", sigint_ignored=sigint_ignored)
    repl.read_until(">>> ")
    repl.type("x = 41\n")
    repl.read_until(">>> ")
    started = time.monotonic()
    repl.type("while True: x += 0\n\n")  # a compound statement ends with an empty line
    time.sleep(0.5)
    repl.type("\x03")  # Ctrl+C: the terminal sends SIGINT
    seen = repl.read_until(">>> ")
    assert "KeyboardInterrupt" in seen and 'File "<sandbox>", line 1' in seen
    assert time.monotonic() - started < 10, "the run waited for its time limit"
    repl.type("x + 1\n")
    assert "42" in repl.read_until(">>> ")


def test_a_second_ctrl_c_stops_a_guest_that_ignores_the_first(terminal):
    repl = terminal("repl", "--time-limit", "60", "--hard-grace", "60")
    repl.read_until(">>> ")
    repl.type("kept = 1\n")
    repl.read_until(">>> ")
    repl.type("while True:\n    try:\n        while True: pass\n    except KeyboardInterrupt: pass\n\n")
    repl.read_until(r"\.\.\. \r?\n?")
    time.sleep(1.0)
    repl.type("\x03")
    repl.read_until("Ctrl\\+C again stops the interpreter outright")
    time.sleep(0.5)
    repl.type("\x03")
    assert "the session starts afresh" in repl.read_until(">>> ", timeout=10)
    repl.type("kept\n")
    assert "NameError" in repl.read_until(">>> ")


def test_line_editing_and_history(terminal, tmp_path):
    repl = terminal("repl")
    repl.read_until(">>> ")
    repl.type("x = 4\n")
    repl.read_until(">>> ")
    repl.type("\x1b[A")  # up arrow: the last line again
    repl.read_until("x = 4")
    repl.type("\x7f5\n")  # backspace, then 5: runs x = 5
    repl.read_until(">>> ")
    repl.type("print(x * 2)\n")
    assert "10" in repl.read_until(">>> ")
    repl.type("print(6 * 7)\n")
    assert "42" in repl.read_until(">>> ")
    repl.type("\x04")  # Ctrl+D leaves
    assert repl.wait() == 0
    history = (tmp_path / "history").read_text().splitlines()
    assert history[-4:] == ["x = 4", "x = 5", "print(x * 2)", "print(6 * 7)"]
    again = terminal("repl")
    again.read_until(">>> ")
    again.type("\x1b[A\n")  # the history of the session before
    assert "42" in again.read_until(">>> ")


def test_ctrl_c_stops_a_script_with_the_status_of_sigint(terminal):
    run = terminal("run", "--time-limit", "60", "-c", "n = 0\nwhile True:\n    n += 1")
    time.sleep(1.0)
    run.type("\x03")
    assert run.wait(timeout=10) == 130
    assert "KeyboardInterrupt" in run.output
