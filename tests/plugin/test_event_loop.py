"""The event-loop guarantee (rust/core/src/invariants.rs): Datasette's event loop never waits for a
guest. Each test drives a real Datasette in a subprocess, so a hung server fails the test instead of
hanging the test run."""

from __future__ import annotations

import threading
import time
import urllib.request

from .server import request, running_datasette

QUERY_LOOP = """
import datasette
n = 0
while True:
    datasette.query("select 1", database="_memory")
    n += 1
"""


def browser_cookie(url: str) -> str:
    with urllib.request.urlopen(url + "/_memory/-/micropython", timeout=10) as response:
        return response.headers["Set-Cookie"].split(";", 1)[0]


def test_reset_during_a_run_that_queries_an_in_memory_database_does_not_stall_the_server():
    # Issue 13, item 1: the run waits for its query, scheduled on the event loop; the reset closed the
    # sandbox on the event loop, and close() waited for the run: Datasette stopped answering for good.
    config = {"plugins": {"datasette-agent-micropython": {"time_limit": 20}}}
    with running_datasette(config, "--memory") as url:
        cookie = browser_cookie(url)
        outcome: dict[str, object] = {}

        def run() -> None:
            # The server is stopped while this run still loops (its sandbox closes once it ends).
            try:
                outcome["run"] = request(
                    url + "/_memory/-/micropython/run", {"code": QUERY_LOOP}, cookie, timeout=60
                )
            except OSError as e:
                outcome["run"] = e

        runner = threading.Thread(target=run, daemon=True)
        runner.start()
        time.sleep(1.5)  # the loop is querying
        start = time.monotonic()
        status, _, body = request(url + "/_memory/-/micropython/reset", {}, cookie, timeout=10)
        assert (status, body) == (200, {"ok": True})
        status, _, _ = request(url + "/-/versions.json", timeout=10)
        assert status == 200
        assert time.monotonic() - start < 2.0
        # And the same browser gets a fresh session at once, while the old run winds down.
        status, _, body = request(url + "/_memory/-/micropython/run", {"code": "1 + 1"}, cookie, timeout=10)
        assert status == 200 and body["value"] == "2" and body["new_session"] is True
