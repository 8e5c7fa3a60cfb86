"""The programs under examples/ run and print what their narration says; the README states what the code does."""

import subprocess
import sys
from pathlib import Path

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
