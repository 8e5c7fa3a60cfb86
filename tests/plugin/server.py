"""Datasette in a subprocess on a loopback port, for tests that need a real server: startup failures,
and requests that must get an answer even if the server's event loop is in trouble (a hung in-process
server would hang the test run; a subprocess is killed)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def datasette_command(config: dict[str, Any], *args: str) -> list[str]:
    config_file = Path(tempfile.mkdtemp()) / "datasette.json"
    config_file.write_text(json.dumps(config))
    return [sys.executable, "-m", "datasette", "-c", str(config_file), *args]


@contextmanager
def running_datasette(config: dict[str, Any] | None, *args: str) -> Iterator[str]:
    """Serves Datasette with `config` (None: the `-c` among `args`, if any) and the command-line `args`;
    yields its base URL."""
    port = free_port()
    command = (
        datasette_command(config, *args) if config is not None else [sys.executable, "-m", "datasette", *args]
    )
    process = subprocess.Popen([*command, "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(url + "/-/versions.json", timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("datasette did not start: " + process.stderr.read().decode()) from None
                time.sleep(0.2)
        yield url
    finally:
        process.kill()
        process.wait(timeout=10)


def request(
    url: str, data: Any = None, cookie: str | None = None, timeout: float = 10
) -> tuple[int, dict[str, str], Any]:
    """(status, headers, JSON body) of a GET, or a same-origin JSON POST when `data` is given."""
    headers = {"Sec-Fetch-Site": "same-origin"}
    if cookie:
        headers["Cookie"] = cookie
    body = None
    if data is not None:
        body = json.dumps(data).encode()
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(
        url, data=body, headers=headers, method="POST" if body is not None else "GET"
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, dict(response.headers), json.loads(response.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), json.loads(e.read() or b"null")
