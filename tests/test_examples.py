"""The programs under examples/ run and print what their narration says; the README states what the code does."""

import ast
import asyncio
import inspect
import json
import re
import shlex
import sqlite3
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parent.parent / "examples"


def test_embedding_example():
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "embedding.py")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "ada: 161.53 EUR of 150, met",
        "bob: 73.60 EUR of 100, missed",
        "cy: 12.00 EUR of 50, missed",
        "customers: 3",
        "refused: datasette.query('delete from orders') -> PermissionError",
        "refused: open('/etc/passwd') -> FileNotFoundError",
        "refused: exchange_rate('JPY') -> ValueError",
        "interrupted after 2.0 s; totals still there: 3",
    ]


def test_the_readmes_limits_table_is_the_engines():
    # The README's table is made from the engine's table of limits (rust/core/src/limits.rs): adding a
    # limit, or changing a default or what happens at it, is one edit there; this test then shows the
    # new table to paste into README.md.
    from datasette_micropython.limits import markdown_table

    readme = (Path(__file__).parent.parent / "README.md").read_text()
    table = markdown_table()
    assert table in readme, f"README.md's table of limits is out of date; it should read:\n{table}"


# Every code block of README.md runs here, by its language: Python that uses the engine's API runs as a
# host program (a line `expression  # "value"` asserts the value), other Python runs as guest code in a
# sandbox on the demo database; YAML is parsed, and the plugin's settings are validated by the plugin;
# JSON is parsed; shell blocks hold `make` targets (which must exist) and `datasette micropython`
# commands (which run). They run in a directory holding the files the examples name.

ROOT = Path(__file__).parent.parent
README_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
CLAIM = re.compile(r'^(?P<indent>\s*)(?P<expr>[^#\n]*?\S)\s+#\s+"(?P<value>[^"]*)"\s*$')
INPUT_CSV = "city,country\nparis,fr\nlima,pe\n"


def readme_blocks():
    text = (ROOT / "README.md").read_text()
    for match in README_BLOCK.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        yield pytest.param(match.group(1), match.group(2), id=f"README.md:{line}-{match.group(1) or 'shell'}")


@pytest.fixture
def example_files(tmp_path, monkeypatch):
    """The files the README's examples name, relative to the working directory."""
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "input.csv").write_text(INPUT_CSV)
    (tmp_path / "reports").mkdir()
    (tmp_path / "scratch").mkdir()
    with sqlite3.connect(tmp_path / "content.db") as conn:
        conn.execute("create table news (year integer, title text)")
        conn.executemany("insert into news values (?, ?)", [(2019, "old"), (2021, "new"), (2024, "newer")])
    with sqlite3.connect(tmp_path / "logs.db") as conn:
        conn.execute("create table log (message text)")
    with sqlite3.connect(tmp_path / "data.db") as conn:
        conn.execute("create table t (n integer)")
        conn.execute("insert into t values (7)")
    (tmp_path / "script.py").write_text("print(sum(range(10)))\n")
    (tmp_path / "report.py").write_text(
        "import datasette\nprint(datasette.query('select n from t')[0]['n'])\n"
    )
    subprocess.run(
        [sys.executable, str(ROOT / "demo" / "build_demo_db.py"), str(tmp_path / "demo.db")],
        check=True,
        timeout=120,
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def api_server():
    """A stand-in for the README's api.example.com, on loopback."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = b'{"items": [1, 2, 3]}'
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def run_host_block(code, api_server):
    source = code.replace("https://api.example.com", api_server)
    lines = []
    for line in source.splitlines():
        claim = CLAIM.match(line)
        if claim and not claim["expr"].rstrip().endswith(("(", ",", ":", "=")):
            indent, expr, value = claim["indent"], claim["expr"], claim["value"]
            line = f"{indent}assert ({expr}) == {value!r}, ({expr}, {value!r})"
        lines.append(line)
    compiled = compile("\n".join(lines), "README.md", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    # The first block imports Sandbox; the others build on it, as a reader does.
    namespace = {"__name__": "__readme__", "Sandbox": __import__("datasette_micropython").Sandbox}
    if compiled.co_flags & inspect.CO_COROUTINE:
        asyncio.run(eval(compiled, namespace))
    else:
        exec(compiled, namespace)  # noqa: S102 (the README's own examples)
    return namespace


def run_guest_block(code):
    from datasette_micropython import Sandbox

    with Sandbox(databases={"demo": "demo.db"}, default_database="demo") as sb:
        result = sb.run(code)
        if "def enrich(row)" in code:
            value = sb.run("enrich({'name': 'paris', 'population': 2100000})").value
            assert value == "'PARIS'", value
        return result


def run_shell_block(code):
    from click.testing import CliRunner
    from datasette.cli import cli

    targets = set(re.findall(r"^([\w-]+):", (ROOT / "Makefile").read_text(), re.MULTILINE))
    for line in code.splitlines():
        command = shlex.split(line.split("  #", 1)[0])
        if command[0] == "make":
            assert command[1] in targets, f"make {command[1]}: no such target"
        elif command[:2] == ["datasette", "micropython"]:
            if command[2] == "repl":
                result = CliRunner().invoke(cli, command[1:], input="x = 6 * 7\nx\n")
            else:
                result = CliRunner().invoke(cli, command[1:])
            assert result.exit_code == 0, (line, result.output)
            assert result.stdout.strip(), line
        elif command[0] == "pip":
            assert command[1] == "install" and all(
                re.fullmatch(
                    r"datasette-agent-micropython(\[(agent|enrichments|cron|all)\])?|datasette>=1\.0a41", a
                )
                for a in command[2:]
            ), line
        elif command[:2] == ["python", "benches/run.py"] or command[:2] == [
            "python",
            "benches/enrichment_bench.py",
        ]:
            assert (ROOT / command[1]).exists(), line
        else:
            raise AssertionError(f"README shell line not tested: {line}")


def check_yaml_block(code):
    import yaml

    from datasette_micropython.plugin.config import PLUGIN_NAME, PluginConfig

    document = yaml.safe_load(code)
    if "plugins" in document:
        PluginConfig.parse(document["plugins"][PLUGIN_NAME])  # raises ConfigError naming a bad setting
    else:
        assert set(document) <= {"databases"}, document


def check_sql_block(code):
    """SQL runs with the SQL functions the README's YAML defines, on a table with the columns it names."""
    import yaml

    from datasette_micropython._sqlite import bridge_sqlite
    from datasette_micropython.plugin.config import PLUGIN_NAME
    from datasette_micropython.plugin.functions import build, parse_functions

    assert bridge_sqlite() is None  # the engine is linked to the SQLite of Python's sqlite3

    documents = [
        yaml.safe_load(c) for language, c in (p.values for p in readme_blocks()) if language == "yaml"
    ]
    raw = next(d["plugins"][PLUGIN_NAME]["functions"] for d in documents if "functions" in str(d))
    functions = build(parse_functions(raw), None)
    conn = sqlite3.connect(":memory:")
    conn.execute("create table places (name text, score real, region text)")
    conn.executemany(
        "insert into places values (?, ?, ?)",
        [("Le Havre", 3.5, "north"), ("Saint Malo", 4.0, "north"), ("Nice", 4.5, "south")],
    )
    functions.register(conn)
    rows = conn.execute(code).fetchall()
    assert sorted(rows) == [("le-havre", 4.0), ("nice", 4.5)], rows


@pytest.mark.parametrize("language, code", list(readme_blocks()))
def test_readme_code_blocks_run(language, code, example_files, api_server):
    if language == "python" and ("Sandbox" in code or "datasette_micropython" in code):
        namespace = run_host_block(code, api_server)
        if "written_files" in code:
            written = namespace["sb"].written_files()
            assert written == {"/out/report.txt": INPUT_CSV.upper().encode()}, written
            assert not (example_files / "reports" / "report.txt").exists()
    elif language == "python":
        run_guest_block(code)
    elif language == "yaml":
        check_yaml_block(code)
    elif language == "json":
        json.loads(code)
    elif language == "sql":
        check_sql_block(code)
    elif language == "":
        run_shell_block(code)
    else:
        raise AssertionError(f"README code block in {language!r}: no way to test it")
