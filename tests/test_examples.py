"""The programs under examples/ run and print what their narration says."""

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
