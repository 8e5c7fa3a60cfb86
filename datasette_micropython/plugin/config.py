"""Plugin settings from datasette.yaml (`plugins: datasette-agent-micropython: ...`), validated once at
startup so that a bad value stops Datasette with a message naming the setting.

Every sandbox limit of the engine's table (`datasette_micropython.limits.LIMITS`) is a setting, checked
against the engine's bounds: adding a limit to the engine adds the setting here."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..limits import LIMITS, LimitError, parse_limit, parse_size
from ..network import NetworkPolicy

PLUGIN_NAME = "datasette-agent-micropython"


class ConfigError(ValueError):
    """A plugin setting is invalid; the message names it."""


def _seconds(value: object, setting: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise ConfigError(f"{PLUGIN_NAME}: {setting} must be a positive number of seconds, got {value!r}")
    return float(value)


def _count(value: object, setting: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ConfigError(f"{PLUGIN_NAME}: {setting} must be a positive integer, got {value!r}")
    return value


def _size(value: object, setting: str) -> int:
    try:
        return parse_size(value, setting)
    except LimitError as e:
        raise ConfigError(f"{PLUGIN_NAME}: {e}") from e


class Limits(Mapping[str, Any]):
    """The limits of one kind of sandbox (agent tool and console, enrichment, anonymous console): a
    value for every limit of the engine's table, readable as `limits.time_limit` or `limits["time_limit"]`.
    Only this plugin's defaults differ from the engine's (`PLUGIN_DEFAULTS`)."""

    def __init__(self, values: Mapping[str, Any] | None = None) -> None:
        merged = {name: spec.default for name, spec in LIMITS.items()}
        merged.update(PLUGIN_DEFAULTS)
        merged.update(values or {})
        unknown = set(merged) - set(LIMITS)
        if unknown:
            raise TypeError(f"unknown limits: {sorted(unknown)}")
        self._values = merged

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["_values"][name]
        except KeyError:
            raise AttributeError(name) from None

    def __repr__(self) -> str:
        return f"Limits({self._values!r})"

    def replace(self, **changes: Any) -> Limits:
        return Limits({**self._values, **changes})

    def sandbox_kwargs(self) -> dict[str, Any]:
        """Keyword arguments of `Sandbox(...)`: the limits that differ from the engine's defaults."""
        return {name: value for name, value in self._values.items() if value != LIMITS[name].default}

    @classmethod
    def parse(cls, raw: Mapping[str, Any], prefix: str, base: Limits | None = None) -> Limits:
        """The limits set in `raw` (other keys are ignored) over `base`; errors name `prefix + name`."""
        values = dict(base or cls())
        for name in LIMITS:
            if name in raw:
                try:
                    values[name] = parse_limit(name, raw[name], prefix + name)
                except LimitError as e:
                    raise ConfigError(f"{PLUGIN_NAME}: {e}") from e
        return cls(values)


#: Where the plugin's sandboxes differ from a plain `Sandbox()`: agent and console output is read by
#: people and models, so 64 KiB of it is plenty.
PLUGIN_DEFAULTS: dict[str, Any] = {"output_limit": 64 * 2**10}


@dataclass(frozen=True)
class AnonymousConsole:
    """Console sessions of browsers with no signed-in actor. Anyone can mint them (one per cookie-less
    request), so by default they are few, short-lived and small, and run few at a time."""

    #: Most live anonymous sessions; the least recently used go first (they never push out an actor's).
    max_sessions: int = 10
    #: Seconds an anonymous session may sit idle before it is dropped.
    idle_timeout: float = 300.0
    #: Their limits: those of the console, with these changes.
    limits: Limits = field(default_factory=lambda: Limits({"memory_limit": 16 * 2**20}))
    #: Most runs of anonymous sessions at once, all browsers together.
    concurrent_runs: int = 2


@dataclass(frozen=True)
class SnapshotSettings:
    """Saved sessions (section `snapshots:`): agent conversations and console sessions are saved when
    evicted, idle or at shutdown, and restored on their next use (plugin/sessions.py)."""

    #: Whether sessions are saved at all.
    enabled: bool = True
    #: Largest snapshot kept, in bytes (a bigger session starts fresh after it leaves memory).
    max_bytes: int = 32 * 2**20
    #: Seconds a snapshot is kept (default a week).
    expiry: float = 7 * 24 * 3600.0
    #: Seconds of idleness after which a live session is saved.
    save_after_idle: float = 60.0

    @classmethod
    def parse(cls, raw: dict[str, Any]) -> SnapshotSettings:
        defaults = cls()
        enabled = raw.get("enabled", defaults.enabled)
        if not isinstance(enabled, bool):
            raise ConfigError(f"{PLUGIN_NAME}: snapshots.enabled must be true or false, got {enabled!r}")
        return cls(
            enabled=enabled,
            max_bytes=_size(raw["max_bytes"], "snapshots.max_bytes")
            if "max_bytes" in raw
            else defaults.max_bytes,
            expiry=_seconds(raw["expiry"], "snapshots.expiry") if "expiry" in raw else defaults.expiry,
            save_after_idle=_seconds(raw["save_after_idle"], "snapshots.save_after_idle")
            if "save_after_idle" in raw
            else defaults.save_after_idle,
        )


@dataclass(frozen=True)
class PluginConfig:
    """Everything the plugin reads from datasette.yaml, with defaults."""

    #: Limits of agent-tool and console sandboxes.
    limits: Limits = field(default_factory=Limits)
    #: Limits of one enrichment batch (its own section `enrichment:` overrides these).
    enrichment_limits: Limits = field(default_factory=lambda: Limits({"time_limit": 30.0}))
    #: Most live sessions per integration (agent conversations, signed-in console sessions); least
    #: recently used go first.
    max_sessions: int = 100
    #: Seconds a session may sit idle before it is dropped.
    idle_timeout: float = 1800.0
    #: Anonymous console sessions (section `anonymous:`).
    anonymous: AnonymousConsole = field(default_factory=AnonymousConsole)
    #: Threads that run guest code for the console and the agent tool (not the event loop's default
    #: executor, which Datasette's own work uses).
    run_threads: int = 8
    #: Most runs of one signed-in actor at once; over it (and over the anonymous cap), HTTP 429.
    runs_per_actor: int = 2
    #: Characters kept of each text the agent tool returns to the model (stdout, stderr, value, error
    #: message, traceback); the rest is cut and flagged.
    tool_text_limit: int = 20_000
    #: Network policy for `fetch()` (None: no network).
    network: NetworkPolicy | None = None
    #: File whitelist: guest path -> host path or {"path", "writable"}.
    files: dict[str, Any] = field(default_factory=dict)
    #: Largest code submission accepted by the console, in bytes.
    max_code_bytes: int = 100_000
    #: Saved sessions (section `snapshots:`).
    snapshots: SnapshotSettings = field(default_factory=SnapshotSettings)

    @classmethod
    def parse(cls, raw: dict[str, Any] | None) -> PluginConfig:
        raw = dict(raw or {})
        defaults = cls()
        known = set(LIMITS) | {
            "max_sessions",
            "idle_timeout",
            "anonymous",
            "run_threads",
            "runs_per_actor",
            "tool_text_limit",
            "network",
            "files",
            "enrichment",
            "max_code_bytes",
            "functions",  # SQL functions: checked by functions.py
            "jobs",  # scheduled jobs: checked by jobs.py (`config_jobs`), at startup too
            "snapshots",
        }
        unknown = sorted(set(raw) - known)
        if unknown:
            raise ConfigError(
                f"{PLUGIN_NAME}: unknown setting(s): {', '.join(unknown)} (known: {', '.join(sorted(known))})"
            )
        limits = Limits.parse(raw, "")
        enrichment_raw = _section(raw, "enrichment", set(LIMITS))
        enrichment = Limits.parse(enrichment_raw, "enrichment.", limits.replace(time_limit=30.0))
        anonymous_raw = _section(
            raw, "anonymous", set(LIMITS) | {"max_sessions", "idle_timeout", "concurrent_runs"}
        )
        anonymous_defaults = defaults.anonymous
        anonymous = AnonymousConsole(
            max_sessions=_count(anonymous_raw["max_sessions"], "anonymous.max_sessions")
            if "max_sessions" in anonymous_raw
            else anonymous_defaults.max_sessions,
            idle_timeout=_seconds(anonymous_raw["idle_timeout"], "anonymous.idle_timeout")
            if "idle_timeout" in anonymous_raw
            else anonymous_defaults.idle_timeout,
            # Never bigger than a signed-in session's unless said so.
            limits=Limits.parse(
                anonymous_raw,
                "anonymous.",
                limits.replace(memory_limit=min(limits.memory_limit, anonymous_defaults.limits.memory_limit)),
            ),
            concurrent_runs=_count(anonymous_raw["concurrent_runs"], "anonymous.concurrent_runs")
            if "concurrent_runs" in anonymous_raw
            else anonymous_defaults.concurrent_runs,
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

        def count(name: str) -> int:
            return _count(raw[name], name) if name in raw else int(getattr(defaults, name))

        run_threads = count("run_threads")
        if anonymous.concurrent_runs >= run_threads:
            raise ConfigError(
                f"{PLUGIN_NAME}: anonymous.concurrent_runs ({anonymous.concurrent_runs}) must be less than "
                f"run_threads ({run_threads}), so that signed-in actors always find a thread"
            )
        return cls(
            limits=limits,
            enrichment_limits=enrichment,
            max_sessions=count("max_sessions"),
            idle_timeout=_seconds(raw["idle_timeout"], "idle_timeout")
            if "idle_timeout" in raw
            else defaults.idle_timeout,
            anonymous=anonymous,
            run_threads=run_threads,
            runs_per_actor=count("runs_per_actor"),
            tool_text_limit=count("tool_text_limit"),
            network=network,
            files=files,
            max_code_bytes=_size(raw["max_code_bytes"], "max_code_bytes")
            if "max_code_bytes" in raw
            else defaults.max_code_bytes,
            snapshots=SnapshotSettings.parse(
                _section(raw, "snapshots", {"enabled", "max_bytes", "expiry", "save_after_idle"})
            ),
        )

    def sandbox_kwargs(self, limits: Limits | None = None) -> dict[str, Any]:
        """Keyword arguments for `Sandbox(...)` under these settings."""
        kwargs = (limits or self.limits).sandbox_kwargs()
        if self.network is not None:
            kwargs["network"] = self.network
        if self.files:
            kwargs["files"] = self.files
        return kwargs


def _section(raw: dict[str, Any], name: str, allowed: set[str]) -> dict[str, Any]:
    section = raw.get(name) or {}
    if not isinstance(section, dict) or set(section) - allowed:
        raise ConfigError(f"{PLUGIN_NAME}: {name} must be a mapping of {', '.join(sorted(allowed))}")
    return section


def plugin_config(datasette: Any) -> PluginConfig:
    """The validated settings of this Datasette instance (parsed once, then cached on it)."""
    cached = getattr(datasette, "_micropython_config", None)
    if cached is None:
        cached = PluginConfig.parse(datasette.plugin_config(PLUGIN_NAME))
        datasette._micropython_config = cached
    return cached
