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
    # One row per limit of the engine's table, with its default: adding a limit without documenting it,
    # or changing a default, fails here.
    from datasette_micropython.limits import LIMITS

    readme = (Path(__file__).parent.parent / "README.md").read_text()
    table = readme.split("| argument | default | what happens at the limit |", 1)[1].split("\n\n", 1)[0]
    rows = {line.split("|")[1].strip(" `"): line.split("|")[2].strip() for line in table.splitlines()[2:]}
    assert list(rows) == list(LIMITS)

    def shown(spec):
        if spec.default is None:
            return "None"
        if spec.unit == "bytes":
            return f"{spec.default // 2**20} MiB"
        if spec.unit == "seconds":
            return f"{spec.default:g} s"
        return f"{spec.default:,}"

    assert rows == {name: shown(spec) for name, spec in LIMITS.items()}
