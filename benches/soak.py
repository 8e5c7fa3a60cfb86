"""Soak: a mixed hostile workload against a live Datasette, measuring what a signed-in user still gets.

    python benches/soak.py [--duration 180] [--anonymous 8] [--check]

Starts Datasette (a subprocess on 127.0.0.1, the plugin active, `--memory` for an in-memory database), a
slow HTTP server on 127.0.0.1 that the sandboxes may fetch from, and for `--duration` seconds:

- anonymous clients (`--anonymous`, most without a cookie, so each request may mint a session) send what
  issue 13 found harmful: endless loops, memory bombs, SELECTs of huge values, loops over the in-memory
  database followed by a reset from the same browser, fetches from a server that dribbles a byte a second,
  and resets;
- an enrichment job over a 20,000-row table is started every 20 seconds by the signed-in user;
- two probes measure what a signed-in user sees meanwhile: a console run of `1 + 1` and a table page,
  four times a second each.

It prints p50/p99 latency of both probes, the answers by status, requests that got no answer within 30 s,
and the server's resident memory over time. `--check` exits 1 unless every request was answered, the
signed-in run's p99 is under 100 ms and the resident memory of the last third stays within 25% of the
middle third's peak. Everything runs on this machine's loopback interface and stops by itself.
"""

from __future__ import annotations

import argparse
import http.client
import http.server
import json
import random
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

from datasette.app import Datasette

SECRET = "soak-secret"
ANSWER_TIMEOUT = 30.0
SIGNED_IN = {"id": "alice"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class SlowHandler(http.server.BaseHTTPRequestHandler):
    """`/slow` sends a byte a second for a minute; `/json` answers at once."""

    def do_GET(self) -> None:
        if self.path == "/json":
            body = json.dumps([{"n": i} for i in range(100)]).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        self.send_response(200)
        self.send_header("Content-Length", "60")
        self.end_headers()
        try:
            for _ in range(60):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(1)
        except OSError:
            pass

    def log_message(self, *args: object) -> None:
        pass


def attacks(slow_port: int) -> dict[str, str]:
    return {
        "endless loop": "while True:\n    pass",
        "memory bomb": "s = 'longer string'\nwhile True:\n    s += s",
        "huge values": "import datasette\n"
        "datasette.query('select hex(zeroblob(30000000)) a, hex(zeroblob(30000000)) b')",
        "in-memory loop": "import datasette\nwhile True:\n    datasette.query('select 1', database='_memory')",
        "slow fetch": f"fetch('http://127.0.0.1:{slow_port}/slow')",
        "big output": "print('x' * 10_000_000)",
        "fine": "sum(range(1000))",
    }


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = {}
        self.statuses: Counter[tuple[str, object]] = Counter()

    def add(self, kind: str, seconds: float, status: object) -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)
            self.statuses[(kind, status)] += 1


def request(
    port: int,
    method: str,
    path: str,
    body: dict[str, str] | None = None,
    cookie: str | None = None,
    form: bool = False,
) -> tuple[object, float, http.client.HTTPResponse | None, bytes]:
    """One request; the status (or the error that stood for one) and the seconds it took."""
    headers = {"Cookie": cookie} if cookie else {}
    data = None
    if body is not None:
        data = (urlencode(body) if form else json.dumps(body)).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded" if form else "application/json"
    start = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=ANSWER_TIMEOUT)
    try:
        conn.request(method, path, body=data, headers=headers)
        response = conn.getresponse()
        content = response.read()
        return response.status, time.monotonic() - start, response, content
    except TimeoutError:
        return "no answer", time.monotonic() - start, None, b""
    except OSError as e:
        return type(e).__name__, time.monotonic() - start, None, b""
    finally:
        conn.close()


def anonymous_client(port: int, slow_port: int, stop: threading.Event, recorder: Recorder, seed: int) -> None:
    rng = random.Random(seed)
    programs = attacks(slow_port)
    cookie: str | None = None
    while not stop.is_set():
        name = rng.choice(list(programs))
        keep_cookie = rng.random() < 0.3
        status, seconds, response, _ = request(
            port, "POST", "/data/-/micropython/run", {"code": programs[name]}, cookie if keep_cookie else None
        )
        recorder.add("anonymous run", seconds, status)
        if response is not None and response.getheader("Set-Cookie"):
            cookie = response.getheader("Set-Cookie", "").split(";")[0]
        if name == "in-memory loop" or rng.random() < 0.1:
            status, seconds, _, _ = request(port, "POST", "/data/-/micropython/reset", {}, cookie)
            recorder.add("anonymous reset", seconds, status)
        if status == 429:
            time.sleep(0.5)


def probe(port: int, stop: threading.Event, recorder: Recorder, kind: str, cookie: str) -> None:
    while not stop.is_set():
        if kind == "signed-in 1 + 1":
            status, seconds, _, content = request(
                port, "POST", "/data/-/micropython/run", {"code": "1 + 1"}, cookie
            )
            if status == 200 and json.loads(content).get("value") != "2":
                status = "wrong answer"
        else:
            status, seconds, _, _ = request(port, "GET", "/data/items?_size=50", cookie=cookie)
        recorder.add(kind, seconds, status)
        stop.wait(0.25)


def enrichment_starter(port: int, stop: threading.Event, recorder: Recorder, cookie: str) -> None:
    while not stop.is_set():
        form = {
            "code": "def enrich(row):\n    return row['name'].upper()\n",
            "mode": "one",
            "output_column": "result",
            "output_type": "text",
        }
        status, seconds, _, _ = request(
            port, "POST", "/-/enrich/data/items/micropython", form, cookie, form=True
        )
        recorder.add("enrichment start", seconds, status)
        stop.wait(20)


def rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def make_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("create table items (id integer primary key, name text, n integer)")
    conn.executemany("insert into items (name, n) values (?, ?)", ((f"item {i}", i) for i in range(20_000)))
    conn.commit()
    conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=float, default=180.0, help="seconds of load (default 180)")
    parser.add_argument("--anonymous", type=int, default=8, help="anonymous hostile clients (default 8)")
    parser.add_argument("--check", action="store_true", help="exit 1 unless the goals are met")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="soak-"))
    make_database(workdir / "data.db")
    slow_port, port = free_port(), free_port()
    slow = http.server.ThreadingHTTPServer(("127.0.0.1", slow_port), SlowHandler)
    slow.daemon_threads = True
    threading.Thread(target=slow.serve_forever, daemon=True).start()
    config = {
        "permissions": {"enrichments": {"id": SIGNED_IN["id"]}},
        "plugins": {
            "datasette-agent-micropython": {
                "time_limit": 2,
                "network": {"allow": [f"http://127.0.0.1:{slow_port}/"]},
            }
        },
    }
    (workdir / "datasette.json").write_text(json.dumps(config))
    datasette_bin = Path(sys.executable).with_name("datasette")
    server = subprocess.Popen(
        [
            str(datasette_bin),
            str(workdir / "data.db"),
            "--memory",
            "-c",
            str(workdir / "datasette.json"),
            "-p",
            str(port),
            "--secret",
            SECRET,
        ],
        stdout=subprocess.DEVNULL,
        stderr=open(workdir / "datasette.log", "wb"),  # noqa: SIM115 - lives as long as the server
    )
    cookie = "ds_actor=" + Datasette(secret=SECRET).sign({"a": SIGNED_IN}, "actor")
    try:
        deadline = time.monotonic() + 30
        while request(port, "GET", "/-/versions.json")[0] != 200:
            if time.monotonic() > deadline or server.poll() is not None:
                print("Datasette did not start; see", workdir / "datasette.log")
                return 1
            time.sleep(0.2)
        recorder = Recorder()
        stop = threading.Event()
        threads = [
            threading.Thread(target=anonymous_client, args=(port, slow_port, stop, recorder, i))
            for i in range(args.anonymous)
        ]
        threads += [
            threading.Thread(target=probe, args=(port, stop, recorder, "signed-in 1 + 1", cookie)),
            threading.Thread(target=probe, args=(port, stop, recorder, "signed-in table page", cookie)),
            threading.Thread(target=enrichment_starter, args=(port, stop, recorder, cookie)),
        ]
        for thread in threads:
            thread.start()
        rss: list[tuple[float, int]] = []
        started = time.monotonic()
        while time.monotonic() - started < args.duration and server.poll() is None:
            rss.append((time.monotonic() - started, rss_bytes(server.pid)))
            time.sleep(1)
        stop.set()
        for thread in threads:
            thread.join(ANSWER_TIMEOUT + 5)
        alive = server.poll() is None
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
        slow.shutdown()

    print(
        f"soak: {args.duration:g} s, {args.anonymous} anonymous hostile clients, server alive at the end: {alive}"
    )
    print("\n| requests | count | p50 | p99 | max |\n|---|---:|---:|---:|---:|")
    for kind, values in sorted(recorder.latencies.items()):
        print(
            f"| {kind} | {len(values)} | {percentile(values, 0.5) * 1000:.1f} ms "
            f"| {percentile(values, 0.99) * 1000:.1f} ms | {max(values) * 1000:.1f} ms |"
        )
    print("\n| requests | answer | count |\n|---|---|---:|")
    for (kind, status), count in sorted(
        recorder.statuses.items(), key=lambda item: (item[0][0], str(item[0][1]))
    ):
        print(f"| {kind} | {status} | {count} |")
    thirds = [
        [r for t, r in rss if i * args.duration / 3 <= t < (i + 1) * args.duration / 3] for i in range(3)
    ]
    print(
        "\nresident memory (MiB), each tenth of the run: "
        + ", ".join(f"{r / 2**20:.0f}" for _, r in rss[:: max(1, len(rss) // 10)])
    )
    unanswered = sum(c for (_, status), c in recorder.statuses.items() if not isinstance(status, int))
    signed = recorder.latencies.get("signed-in 1 + 1", [])
    signed_ok = all(status == 200 for (kind, status) in recorder.statuses if kind.startswith("signed-in"))
    flat = bool(thirds[1] and thirds[2]) and max(thirds[2]) <= 1.25 * max(thirds[1])
    p99 = percentile(signed, 0.99) if signed else float("inf")
    print(
        f"\nunanswered: {unanswered}; signed-in answers all 200: {signed_ok}; "
        f"signed-in 1 + 1 p99: {p99 * 1000:.1f} ms (goal < 100 ms); memory flat: {flat}"
    )
    met = alive and unanswered == 0 and signed_ok and p99 < 0.1 and flat
    print("soak: goals met" if met else "soak: goals NOT met")
    return 0 if met or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
