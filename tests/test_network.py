"""The network policy (datasette_micropython/network.py) against a real HTTP server on loopback."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from datasette_micropython import GuestError, Sandbox
from datasette_micropython.network import NetworkPolicy


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
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
        assert info.value.type_name == "ImportError"


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
