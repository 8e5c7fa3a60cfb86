"""The network policy (datasette_micropython/network.py) against a real HTTP server on loopback."""

import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from datasette_micropython import GuestError, Sandbox, SandboxTimeout
from datasette_micropython.network import NetworkPolicy

# Raw request paths the server received, to show refused requests never left the host.
SEEN: list[str] = []


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        SEEN.append(self.path)
        if self.path == "/api/hello":
            self._reply(200, b'{"hello": "world"}')
        elif self.path == "/api/big":
            self._reply(200, b"x" * 100_000)
        elif self.path == "/api/redirect-inside":
            self._redirect("/api/hello")
        elif self.path == "/api/redirect-outside":
            self._redirect("/private/secret")
        elif self.path.startswith("/api/loop"):
            self._redirect("/api/loop")
        elif self.path.startswith("/api/redirect-to?"):
            self._redirect(urllib.parse.unquote(self.path.split("?", 1)[1]))
        elif self.path == "/api/dribble":
            self._dribble()
        elif self.path == "/api/headers":
            body = json.dumps(dict(self.headers)).encode()
            self._reply(200, body)
        else:
            self._reply(200, b"secret")

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        self._reply(201, b"got " + self.rfile.read(length))

    def _reply(self, status, body):
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Test", "yes")
        self.end_headers()
        self.wfile.write(body)

    def _dribble(self):
        # One byte every 2 s: each read is quick enough for a per-read timeout, the whole never ends.
        self.send_response(200)
        self.send_header("Content-Length", "100")
        self.end_headers()
        try:
            for _ in range(100):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(2)
        except OSError:
            pass

    def _redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture
def sandbox(server):
    policy = NetworkPolicy(allow=[server + "/api/"], methods=["GET", "POST"], max_response_bytes=10_000)
    with Sandbox(network=policy) as sb:
        sb.run(f"BASE = {server!r}")
        yield sb


def test_no_fetch_without_a_policy():
    with Sandbox() as sb:
        with pytest.raises(GuestError, match="NameError"):
            sb.run("fetch('http://127.0.0.1/')")
        with pytest.raises(GuestError) as info:
            sb.run("import socket")
        assert info.value.type_name == "ModuleNotFoundError"


def test_allowed_get(sandbox):
    result = sandbox.run(
        "r = fetch(BASE + '/api/hello')\nimport json\nr['status'], json.loads(r['body']), r['headers']['x-test']"
    )
    assert result.value == "(200, {'hello': 'world'}, 'yes')"


def test_allowed_post_with_body(sandbox):
    assert sandbox.run("fetch(BASE + '/api/echo', method='POST', body='hi')['body']").value == "b'got hi'"


@pytest.mark.parametrize(
    "call, rule",
    [
        ("fetch(BASE + '/private/secret')", "not under an allowed URL prefix"),
        ("fetch(BASE + '/apix')", "not under an allowed URL prefix"),
        ("fetch(BASE + '/api/../private/secret')", "not under an allowed URL prefix"),
        ("fetch(BASE.replace('127.0.0.1', 'localhost') + '/api/hello')", "not under an allowed URL prefix"),
        ("fetch('file:///etc/passwd')", "not under an allowed URL prefix"),
        ("fetch(BASE.replace('http://', 'http://user:pw@') + '/api/hello')", "credentials"),
        ("fetch(BASE + '/api/hello', method='DELETE')", "method DELETE is not allowed"),
        ("fetch(BASE + '/api/redirect-outside')", "not under an allowed URL prefix"),
        ("fetch(BASE + '/api/loop')", "more than 3 redirects"),
        ("fetch(BASE + '/api/big')", "over 10000 bytes"),
    ],
)
def test_refused_requests_name_the_rule(sandbox, call, rule):
    with pytest.raises(GuestError, match=rule) as info:
        sandbox.run(call)
    assert info.value.type_name == "PermissionError"


def test_redirect_inside_the_policy_is_followed(sandbox):
    assert sandbox.run("fetch(BASE + '/api/redirect-inside')['body']").value == 'b\'{"hello": "world"}\''


def test_policy_validation():
    with pytest.raises(ValueError, match="not an http"):
        NetworkPolicy(allow=["ftp://example.com/"])
    with pytest.raises(TypeError):
        NetworkPolicy(allow="https://example.com/")
    with pytest.raises(ValueError, match="unknown setting"):
        NetworkPolicy.from_config({"allow": [], "proxy": "x"})
    with pytest.raises(ValueError, match="max_response_bytes"):
        NetworkPolicy(allow=[], max_response_bytes=0)


ESCAPES = [
    "/api/%2e%2e/secret",
    "/api/%2E%2E/secret",
    "/api/..%2fsecret",
    "/api/..%2Fsecret",
    "/api/.%2e/secret",
    "/api/%2e./secret",
    "/api/..%5csecret",
    "/api/%252e%252e/secret",
    "/api/..%252fsecret",
    "/api/..;/secret",
    "/api/..\\secret",
]


@pytest.mark.parametrize("path", ESCAPES)
def test_encoded_escapes_from_the_prefix_are_refused(sandbox, path):
    SEEN.clear()
    with pytest.raises(GuestError) as info:
        sandbox.run(f"fetch(BASE + {path!r})")
    assert info.value.type_name == "PermissionError"
    assert SEEN == []


@pytest.mark.parametrize("path", ESCAPES[:9])
def test_encoded_escapes_are_refused_after_a_redirect(sandbox, path):
    SEEN.clear()
    location = urllib.parse.quote(path, safe="")
    with pytest.raises(GuestError) as info:
        sandbox.run(f"fetch(BASE + '/api/redirect-to?{location}')")
    assert info.value.type_name == "PermissionError"
    assert len(SEEN) == 1 and SEEN[0].startswith("/api/redirect-to?")


def test_unreserved_escapes_are_judged_decoded(sandbox):
    # What the server sees after decoding: /api/hello is allowed, /apix is not.
    assert sandbox.run("fetch(BASE + '/%61pi/h%65llo')['status']").value == "200"
    with pytest.raises(GuestError, match="not under an allowed URL prefix"):
        sandbox.run("fetch(BASE + '/ap%69x/hello')")


@pytest.mark.parametrize("header", ["Host", "host", "Content-Length", "Transfer-Encoding", "CONNECTION"])
def test_framing_and_host_headers_are_the_sandboxs(sandbox, header):
    with pytest.raises(GuestError, match=f"the {header} header is set by the sandbox") as info:
        sandbox.run(f"fetch(BASE + '/api/headers', headers={{{header!r}: 'evil.example'}})")
    assert info.value.type_name == "PermissionError"
    sent = sandbox.run(
        "import json\njson.loads(fetch(BASE + '/api/headers', headers={'X-Ok': '1'})['body'])"
    ).value
    assert "'x-ok': '1'" in sent.lower() and "127.0.0.1" in sent


def test_a_dribbling_server_cannot_hold_the_run_past_its_time_limit(server):
    policy = NetworkPolicy(allow=[server + "/api/"], timeout=30)
    with Sandbox(network=policy, time_limit=2) as sb:
        started = time.monotonic()
        # The guest sees fetch's TimeoutError or the run's own interrupt, whichever it meets first.
        with pytest.raises((GuestError, SandboxTimeout)):
            sb.run(f"fetch({server + '/api/dribble'!r})")
        elapsed = time.monotonic() - started
        assert elapsed < 3.5, elapsed
        assert sb.run("1 + 1").value == "2"


def test_the_policy_timeout_bounds_the_whole_request(server):
    policy = NetworkPolicy(allow=[server + "/api/"], timeout=1)
    with Sandbox(network=policy, time_limit=10) as sb:
        started = time.monotonic()
        with pytest.raises(GuestError, match="did not answer completely within 1 s") as info:
            sb.run(f"fetch({server + '/api/dribble'!r})")
        assert info.value.type_name == "TimeoutError"
        assert time.monotonic() - started < 2
