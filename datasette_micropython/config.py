"""Plugin settings from datasette.yaml (`plugins: datasette-agent-micropython: ...`), validated once at
startup so that a bad value stops Datasette with a message naming the setting."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .network import NetworkPolicy
from .sandbox import DEFAULTS

PLUGIN_NAME = "datasette-agent-micropython"

_UNITS = {"": 1, "k": 2**10, "kb": 2**10, "kib": 2**10, "m": 2**20, "mb": 2**20, "mib": 2**20}
_UNITS.update({"g": 2**30, "gb": 2**30, "gib": 2**30})


class ConfigError(ValueError):
    """A plugin setting is invalid; the message names it."""


def parse_size(value: object, setting: str) -> int:
    """65536, "64M", "1GiB" -> bytes."""
    if isinstance(value, bool):
        raise ConfigError(f"{PLUGIN_NAME}: {setting} must be a size such as 65536 or '64M', got {value!r}")
    if isinstance(value, int):
        size = value
    elif isinstance(value, str):
        text = value.strip().lower().replace(" ", "")
        digits = text.rstrip("kmgib")
        unit = text[len(digits) :]
        if not digits.isdigit() or unit not in _UNITS:
            raise ConfigError(
                f"{PLUGIN_NAME}: {setting} must be a size such as 65536 or '64M', got {value!r}"
            )
        size = int(digits) * _UNITS[unit]
    else:
        raise ConfigError(f"{PLUGIN_NAME}: {setting} must be a size such as 65536 or '64M', got {value!r}")
    if size <= 0:
        raise ConfigError(f"{PLUGIN_NAME}: {setting} must be positive, got {value!r}")
    return size


def _seconds(value: object, setting: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise ConfigError(f"{PLUGIN_NAME}: {setting} must be a positive number of seconds, got {value!r}")
    return float(value)


def _count(value: object, setting: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ConfigError(f"{PLUGIN_NAME}: {setting} must be a positive integer, got {value!r}")
    return value


@dataclass(frozen=True)
class Limits:
    """Sandbox limits for one integration."""

    memory_limit: int = DEFAULTS["memory_limit"]
    time_limit: float = DEFAULTS["time_limit"]
    output_limit: int = 64 * 2**10

    def sandbox_kwargs(self) -> dict[str, Any]:
        return {
            "memory_limit": self.memory_limit,
            "time_limit": self.time_limit,
            "output_limit": self.output_limit,
        }

    @classmethod
    def parse(cls, raw: dict[str, Any], prefix: str, base: Limits | None = None) -> Limits:
        base = base or cls()
        return cls(
            memory_limit=parse_size(raw["memory_limit"], prefix + "memory_limit")
            if "memory_limit" in raw
            else base.memory_limit,
            time_limit=_seconds(raw["time_limit"], prefix + "time_limit")
            if "time_limit" in raw
            else base.time_limit,
            output_limit=parse_size(raw["output_limit"], prefix + "output_limit")
            if "output_limit" in raw
            else base.output_limit,
        )


@dataclass(frozen=True)
class PluginConfig:
    """Everything the plugin reads from datasette.yaml, with defaults."""

    #: Limits of agent-tool and console sandboxes.
    limits: Limits = field(default_factory=Limits)
    #: Limits of one enrichment batch (its own section `enrichment:` overrides these).
    enrichment_limits: Limits = field(default_factory=lambda: Limits(time_limit=30.0))
    #: Most live sessions per integration (agent conversations, console sessions); least recently used go.
    max_sessions: int = 100
    #: Seconds a session may sit idle before it is dropped.
    idle_timeout: float = 1800.0
    #: Network policy for `fetch()` (None: no network).
    network: NetworkPolicy | None = None
    #: File whitelist: guest path -> host path or {"path", "writable"}.
    files: dict[str, Any] = field(default_factory=dict)
    #: Largest code submission accepted by the console, in bytes.
    max_code_bytes: int = 100_000

    @classmethod
    def parse(cls, raw: dict[str, Any] | None) -> PluginConfig:
        raw = dict(raw or {})
        known = {
            "memory_limit",
            "time_limit",
            "output_limit",
            "max_sessions",
            "idle_timeout",
            "network",
            "files",
            "enrichment",
            "max_code_bytes",
        }
        unknown = sorted(set(raw) - known)
        if unknown:
            raise ConfigError(
                f"{PLUGIN_NAME}: unknown setting(s): {', '.join(unknown)} (known: {', '.join(sorted(known))})"
            )
        limits = Limits.parse(raw, "")
        enrichment_raw = raw.get("enrichment") or {}
        if not isinstance(enrichment_raw, dict) or set(enrichment_raw) - {
            "memory_limit",
            "time_limit",
            "output_limit",
        }:
            raise ConfigError(
                f"{PLUGIN_NAME}: enrichment must be a mapping of memory_limit, time_limit, output_limit"
            )
        enrichment = Limits.parse(
            enrichment_raw, "enrichment.", Limits(limits.memory_limit, 30.0, limits.output_limit)
        )
        network = None
        if raw.get("network") is not None:
            if not isinstance(raw["network"], dict):
                raise ConfigError(f"{PLUGIN_NAME}: network must be a mapping with an 'allow' list")
            try:
                network = NetworkPolicy.from_config(raw["network"])
            except (TypeError, ValueError) as e:
                raise ConfigError(f"{PLUGIN_NAME}: network: {e}") from e
        files = raw.get("files") or {}
        if not isinstance(files, dict):
            raise ConfigError(f"{PLUGIN_NAME}: files must map guest paths to host paths")
        return cls(
            limits=limits,
            enrichment_limits=enrichment,
            max_sessions=_count(raw["max_sessions"], "max_sessions") if "max_sessions" in raw else 100,
            idle_timeout=_seconds(raw["idle_timeout"], "idle_timeout") if "idle_timeout" in raw else 1800.0,
            network=network,
            files=files,
            max_code_bytes=parse_size(raw["max_code_bytes"], "max_code_bytes")
            if "max_code_bytes" in raw
            else 100_000,
        )

    def sandbox_kwargs(self, limits: Limits | None = None) -> dict[str, Any]:
        """Keyword arguments for `Sandbox(...)` under these settings."""
        kwargs = (limits or self.limits).sandbox_kwargs()
        if self.network is not None:
            kwargs["network"] = self.network
        if self.files:
            kwargs["files"] = self.files
        return kwargs


def plugin_config(datasette: Any) -> PluginConfig:
    """The validated settings of this Datasette instance (parsed once, then cached on it)."""
    cached = getattr(datasette, "_micropython_config", None)
    if cached is None:
        cached = PluginConfig.parse(datasette.plugin_config(PLUGIN_NAME))
        datasette._micropython_config = cached
    return cached
