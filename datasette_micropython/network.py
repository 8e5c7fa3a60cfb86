"""The network policy: guest code never has sockets; with a policy, it gets `fetch()`, served here by
httpx2 (Datasette's own HTTP client), and every request (and every redirect) is checked against the policy first."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx2 as httpx

__all__ = ["NetworkPolicy", "NetworkRefused"]

_DEFAULT_PORTS = {"http": 80, "https": 443}


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
            path = url.path if url.path.endswith("/") else url.path + "/"
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
            path = url.path or "/"
            for scheme, host, port, prefix in self._prefixes:
                if target == (scheme, host, port) and (path + "/").startswith(prefix):
                    return
        raise NetworkRefused(f"{url} is not under an allowed URL prefix ({', '.join(self.allow)})")

    def fetch_function(self) -> Any:
        """The host function guest code calls as `fetch(url, method="GET", headers=None, body=None)`."""

        def fetch(
            url: str,
            method: str = "GET",
            headers: dict[str, str] | None = None,
            body: bytes | str | None = None,
        ) -> dict[str, Any]:
            if not isinstance(url, str):
                raise TypeError("fetch(): url must be a str")
            method = method.upper()
            content = body.encode() if isinstance(body, str) else body
            if content is not None and len(content) > self.max_request_bytes:
                raise NetworkRefused(f"request body of {len(content)} bytes is over {self.max_request_bytes}")
            target = httpx.URL(url)
            with httpx.Client(timeout=self.timeout, follow_redirects=False, trust_env=False) as client:
                for _ in range(self.max_redirects + 1):
                    self.check(method, target)
                    request = client.build_request(method, target, headers=headers, content=content)
                    response = client.send(request, stream=True)
                    try:
                        if response.is_redirect and "location" in response.headers:
                            target = target.join(response.headers["location"])
                            if response.status_code in (301, 302, 303) and method != "HEAD":
                                method, content = "GET", None
                            continue
                        data = bytearray()
                        for chunk in response.iter_bytes():
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

        return fetch
