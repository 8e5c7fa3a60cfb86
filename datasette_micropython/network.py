r"""The network policy: guest code never has sockets; with a policy, it gets `fetch()`, served here by
httpx2 (Datasette's own HTTP client), and every request (and every redirect) is checked against the policy first.

The policy judges the path a server will see: servers decode percent-escapes and then normalise dot segments,
so unreserved escapes (`%41` for `A`) are decoded before matching, and a path holding an escaped `/` or `\`,
a dot segment (`..`, `%2e%2e`, `.%2E`) or a double-encoded escape (`%252e`) is refused outright."""

from __future__ import annotations

import string
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import httpx2 as httpx

from . import _engine

__all__ = ["NetworkPolicy", "NetworkRefused"]

_DEFAULT_PORTS = {"http": 80, "https": 443}

# RFC 3986 unreserved characters: escaping them does not change a URL's meaning, so servers decode them.
_UNRESERVED = frozenset(string.ascii_letters + string.digits + "-._~")
_HEX = frozenset(string.hexdigits)

# Headers that frame the request or choose the virtual host: set by the HTTP client, never by the guest.
_FORBIDDEN_HEADERS = frozenset({"host", "content-length", "transfer-encoding", "connection"})


def _server_path(raw_path: str) -> str:
    """The path of `raw_path` (the path as sent, query excluded) as a server sees it after decoding
    unreserved escapes. Raises `NetworkRefused` for paths servers may resolve differently from it."""
    out = []
    i = 0
    while i < len(raw_path):
        c = raw_path[i]
        if c == "%":
            escape = raw_path[i + 1 : i + 3]
            if len(escape) != 2 or not set(escape) <= _HEX:
                raise NetworkRefused(f"path {raw_path!r}: malformed percent-escape")
            char = chr(int(escape, 16))
            if char in "/\\":
                raise NetworkRefused(f"path {raw_path!r}: an encoded '/' or '\\' is not allowed")
            if char == "%" and set(raw_path[i + 3 : i + 5]) <= _HEX and len(raw_path[i + 3 : i + 5]) == 2:
                raise NetworkRefused(f"path {raw_path!r}: double percent-encoding is not allowed")
            out.append(char if char in _UNRESERVED else "%" + escape.upper())
            i += 3
        elif c == "\\":
            raise NetworkRefused(f"path {raw_path!r}: '\\' is not allowed")
        else:
            out.append(c)
            i += 1
    path = "".join(out)
    # `..;x` is a dot segment to servers that strip path parameters.
    if any(segment.split(";", 1)[0] in (".", "..") for segment in path.split("/")):
        raise NetworkRefused(f"path {raw_path!r}: dot segments ('.', '..') are not allowed")
    return path or "/"


def _time_left() -> float | None:
    """Seconds left in the run this host call serves, or None outside a run."""
    return _engine.host_call_time_left()


class NetworkRefused(PermissionError):
    """A request outside the policy. Reaches the guest as a `PermissionError` naming the rule."""


@dataclass(frozen=True)
class NetworkPolicy:
    """What `fetch()` may do.

    `allow` lists URL prefixes such as ``"https://api.example.com/v1/"``: a request matches a prefix when
    scheme, host and port are equal and its path starts with the prefix's path at a segment boundary.
    """

    allow: tuple[str, ...]
    methods: tuple[str, ...] = ("GET", "HEAD")
    max_response_bytes: int = 5 * 2**20
    timeout: float = 10.0
    max_redirects: int = 3
    max_request_bytes: int = 2**20
    _prefixes: tuple[tuple[str, str, int, str], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if isinstance(self.allow, str):
            raise TypeError("allow must be a list of URL prefixes, not a single string")
        object.__setattr__(self, "allow", tuple(self.allow))
        object.__setattr__(self, "methods", tuple(m.upper() for m in self.methods))
        for name in ("max_response_bytes", "max_request_bytes"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise ValueError(f"network policy: {name} must be a positive int, got {value!r}")
        if not isinstance(self.max_redirects, int) or self.max_redirects < 0:
            raise ValueError(f"network policy: max_redirects must be an int >= 0, got {self.max_redirects!r}")
        if not isinstance(self.timeout, (int, float)) or not self.timeout > 0:
            raise ValueError(f"network policy: timeout must be a positive number, got {self.timeout!r}")
        prefixes = []
        for prefix in self.allow:
            url = httpx.URL(prefix)
            if url.scheme not in _DEFAULT_PORTS or not url.host:
                raise ValueError(f"network policy: {prefix!r} is not an http(s) URL prefix")
            path = _server_path(url.raw_path.decode("ascii").split("?", 1)[0])
            path = path if path.endswith("/") else path + "/"
            prefixes.append((url.scheme, url.host, url.port or _DEFAULT_PORTS[url.scheme], path))
        object.__setattr__(self, "_prefixes", tuple(prefixes))

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> NetworkPolicy:
        """Builds a policy from plain settings (datasette.yaml); unknown keys are an error."""
        known = {"allow", "methods", "max_response_bytes", "timeout", "max_redirects", "max_request_bytes"}
        unknown = set(config) - known
        if unknown:
            raise ValueError(f"network policy: unknown setting(s) {', '.join(sorted(unknown))}")
        if "allow" not in config:
            raise ValueError("network policy: 'allow' (a list of URL prefixes) is required")
        return cls(**config)

    def check(self, method: str, url: httpx.URL) -> None:
        """Raises `NetworkRefused` unless the policy allows `method` on `url`."""
        if method not in self.methods:
            raise NetworkRefused(f"method {method} is not allowed (allowed: {', '.join(self.methods)})")
        if url.userinfo:
            raise NetworkRefused("URLs with credentials are not allowed")
        if url.scheme in _DEFAULT_PORTS and url.host:
            target = (url.scheme, url.host, url.port or _DEFAULT_PORTS[url.scheme])
            path = _server_path(url.raw_path.decode("ascii").split("?", 1)[0])
            for scheme, host, port, prefix in self._prefixes:
                if target == (scheme, host, port) and (path + "/").startswith(prefix):
                    return
        raise NetworkRefused(f"{url} is not under an allowed URL prefix ({', '.join(self.allow)})")

    def fetch_function(self) -> Any:
        """The host function guest code calls as `fetch(url, method="GET", headers=None, body=None)`.

        Each request, redirects included, must end within min(`timeout`, the time left in the run): a
        server that answers slowly cannot keep a run alive past its time limit."""

        def fetch(
            url: str,
            method: str = "GET",
            headers: dict[str, str] | None = None,
            body: bytes | str | None = None,
        ) -> dict[str, Any]:
            if not isinstance(url, str):
                raise TypeError("fetch(): url must be a str")
            if not isinstance(method, str):
                raise TypeError("fetch(): method must be a str")
            method = method.upper()
            headers = dict(headers or {})
            for name, value in headers.items():
                if not isinstance(name, str) or not isinstance(value, str):
                    raise TypeError("fetch(): header names and values must be str")
                if name.strip().lower() in _FORBIDDEN_HEADERS:
                    raise NetworkRefused(
                        f"fetch(): the {name} header is set by the sandbox, not by guest code"
                    )
            content = body.encode() if isinstance(body, str) else body
            if content is not None and len(content) > self.max_request_bytes:
                raise NetworkRefused(f"request body of {len(content)} bytes is over {self.max_request_bytes}")
            time_left = _time_left()
            budget = self.timeout if time_left is None else min(self.timeout, time_left)
            deadline = time.monotonic() + budget
            target = httpx.URL(url)
            self.check(method, target)
            # The request runs on a worker thread so that this call returns at the deadline even while the
            # server dribbles bytes (httpx's timeouts bound each read, not the whole request).
            outcome: dict[str, Any] = {}
            cancelled = threading.Event()

            def work() -> None:
                try:
                    outcome["value"] = self._send(target, method, headers, content, deadline, cancelled)
                except BaseException as e:  # noqa: BLE001 - re-raised on the calling thread below
                    outcome["error"] = e

            worker = threading.Thread(target=work, name="micropython-fetch", daemon=True)
            worker.start()
            worker.join(max(0.0, deadline - time.monotonic()))
            if worker.is_alive():
                cancelled.set()
                raise TimeoutError(f"fetch(): {url} did not answer completely within {budget:.3g} s")
            if "error" in outcome:
                raise outcome["error"]
            result: dict[str, Any] = outcome["value"]
            return result

        return fetch

    def _send(
        self,
        target: httpx.URL,
        method: str,
        headers: dict[str, str],
        content: bytes | None,
        deadline: float,
        cancelled: threading.Event,
    ) -> dict[str, Any]:
        def left() -> float:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or cancelled.is_set():
                raise TimeoutError(f"fetch(): {target} did not answer completely in time")
            return remaining

        with httpx.Client(timeout=left(), follow_redirects=False, trust_env=False) as client:
            for _ in range(self.max_redirects + 1):
                self.check(method, target)
                request = client.build_request(
                    method, target, headers=headers, content=content, timeout=httpx.Timeout(left())
                )
                response = client.send(request, stream=True)
                try:
                    if response.is_redirect and "location" in response.headers:
                        target = target.join(response.headers["location"])
                        if response.status_code in (301, 302, 303) and method != "HEAD":
                            method, content = "GET", None
                        continue
                    data = bytearray()
                    for chunk in response.iter_bytes():
                        left()
                        data += chunk
                        if len(data) > self.max_response_bytes:
                            raise NetworkRefused(
                                f"response from {target} is over {self.max_response_bytes} bytes"
                            )
                    return {
                        "status": response.status_code,
                        "url": str(target),
                        "headers": dict(response.headers),
                        "body": bytes(data),
                    }
                finally:
                    response.close()
        raise NetworkRefused(f"more than {self.max_redirects} redirects")
