"""`datasette micropython` (datasette_micropython/cli.py), through Datasette's own CLI."""

from click.testing import CliRunner
from datasette.cli import cli


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
        if name.startswith("query_"):
            continue  # the CLI's sandboxes have no databases
        assert "--" + name.replace("_", "-") in help_text, name
        assert spec.description.split()[0] in help_text, name
    result = invoke("run", "--memory-limit", "1M", "-c", "1")
    assert result.exit_code == 2 and "memory_limit must be between 4 MiB and 4 GiB" in result.output
    result = invoke("run", "--time-limit", "200000", "-c", "1")
    assert result.exit_code == 2 and "time_limit must be between" in result.output
    assert invoke("run", "--host-call-limit", "5", "-c", "print(1)").output == "1\n"
