"""The table of a sandbox's limits (name, unit, default, bounds, description) and the one validator of
limit values that people type: `datasette micropython` flags and the plugin's datasette.yaml settings.

The engine checks every limit again when a sandbox is created; this module exists so that a bad value
is refused where it is typed (a CLI flag, a setting at Datasette's startup), naming it, with the same
bounds. Importing it does not import Datasette.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from . import _engine
from .sandbox import DEFAULTS

__all__ = ["LIMITS", "LimitError", "LimitSpec", "parse_limit", "parse_size"]


class LimitError(ValueError):
    """A limit's value is invalid; the message names the setting."""


@dataclass(frozen=True)
class LimitSpec:
    """One limit of a sandbox. `unit` is "bytes" (sizes such as 65536 or "64M"), "seconds" or
    "count"; `minimum`/`maximum` are inclusive; `optional` limits may be None (no limit)."""

    name: str
    unit: str
    default: Any
    minimum: float
    maximum: float
    description: str
    optional: bool = False


def _engine_table() -> tuple[LimitSpec, ...]:
    """The engine's own table when the extension exports one, else the bounds of rust/core/src/limits.rs
    and rust/core/src/sql.rs as of this writing. When `_engine.LIMITS` exists everywhere, the fallback
    goes: this function is the only place that knows where the table comes from."""
    exported = getattr(_engine, "LIMITS", None)
    if exported is not None:
        return tuple(_spec_from_engine(entry) for entry in exported)
    i32_max = 2**31 - 1
    return (
        LimitSpec("memory_limit", "bytes", DEFAULTS["memory_limit"], 4 * 2**20, 4 * 2**30,
                  "Guest memory in all (heap, stack, static data); beyond it, MemoryError in the guest."),
        LimitSpec("time_limit", "seconds", DEFAULTS["time_limit"], 1e-3, 24 * 3600,
                  "Seconds per run before the guest is interrupted (KeyboardInterrupt)."),
        LimitSpec("hard_grace", "seconds", DEFAULTS["hard_grace"], 0, 3600,
                  "Seconds after the interrupt before a stuck run is stopped outright (the session resets)."),
        LimitSpec("fuel", "count", DEFAULTS["fuel"], 1, 2**64 - 1,
                  "Deterministic instruction budget per run (none by default).", optional=True),
        LimitSpec("output_limit", "bytes", DEFAULTS["output_limit"], 1, i32_max,
                  "Bytes of stdout and of stderr kept per run; the rest is dropped and flagged."),
        LimitSpec("host_call_limit", "count", DEFAULTS["host_call_limit"], 1, 2**63 - 1,
                  "Host-function calls per run."),
        LimitSpec("host_payload_limit", "bytes", DEFAULTS["host_payload_limit"], 1, i32_max,
                  "Bytes of one host call's arguments or result."),
        LimitSpec("query_row_limit", "count", DEFAULTS["query_row_limit"], 1, 2**63 - 1,
                  "Rows of one datasette.query() result; beyond, truncated and flagged."),
        LimitSpec("query_byte_limit", "bytes", DEFAULTS["query_byte_limit"], 1, 2**63 - 1,
                  "Bytes of one datasette.query() result; beyond, truncated and flagged."),
    )  # fmt: skip


def _spec_from_engine(entry: Any) -> LimitSpec:
    """One row of `_engine.LIMITS` (a mapping, or an object with the same attributes)."""

    def get(key: str, default: Any = None) -> Any:
        return entry.get(key, default) if isinstance(entry, Mapping) else getattr(entry, key, default)

    return LimitSpec(
        name=str(get("name")),
        unit=str(get("unit")),
        default=get("default"),
        minimum=get("minimum", get("min")),
        maximum=get("maximum", get("max")),
        description=get("description", ""),
        optional=bool(get("optional", get("nullable", False))),
    )


#: Every limit a `Sandbox` takes, by name, in the order the CLI lists them.
LIMITS: dict[str, LimitSpec] = {spec.name: spec for spec in _engine_table()}

_UNITS = {"": 1, "k": 2**10, "kb": 2**10, "kib": 2**10, "m": 2**20, "mb": 2**20, "mib": 2**20}
_UNITS.update({"g": 2**30, "gb": 2**30, "gib": 2**30})


def parse_size(value: object, setting: str) -> int:
    """65536, "64M", "1GiB" -> bytes (positive)."""
    problem = f"{setting} must be a size such as 65536 or '64M', got {value!r}"
    if isinstance(value, bool):
        raise LimitError(problem)
    if isinstance(value, int):
        size = value
    elif isinstance(value, str):
        text = value.strip().lower().replace(" ", "")
        digits = text.rstrip("kmgib")
        unit = text[len(digits) :]
        if not digits.isdigit() or unit not in _UNITS:
            raise LimitError(problem)
        size = int(digits) * _UNITS[unit]
    else:
        raise LimitError(problem)
    if size <= 0:
        raise LimitError(f"{setting} must be positive, got {value!r}")
    return size


def parse_limit(name: str, value: object, setting: str | None = None) -> Any:
    """`value` of the limit `name` as `Sandbox()` takes it, checked against the engine's bounds. `setting`
    is what the error calls it (default: `name`; the plugin passes `enrichment.time_limit` and the like).
    Strings are accepted where a person may type one (sizes with units, numbers from a command line)."""
    spec = LIMITS[name]
    setting = setting or name
    if value is None and spec.optional:
        return None
    if spec.unit == "bytes":
        parsed: float = parse_size(value, setting)
    elif spec.unit == "seconds":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise LimitError(f"{setting} must be a number of seconds, got {value!r}")
        parsed = float(value)
    else:
        if isinstance(value, bool) or not isinstance(value, int):
            raise LimitError(f"{setting} must be a whole number, got {value!r}")
        parsed = value
    if not spec.minimum <= parsed <= spec.maximum:
        raise LimitError(
            f"{setting} must be between {_show(spec, spec.minimum)} and {_show(spec, spec.maximum)}, "
            f"got {value!r}"
        )
    return parsed


def _show(spec: LimitSpec, bound: float) -> str:
    if spec.unit == "bytes":
        for unit, size in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
            if bound >= size and bound % size == 0:
                return f"{int(bound) // size} {unit}"
        return f"{int(bound):,} bytes"
    if spec.unit == "seconds":
        return f"{bound:g} s"
    return f"{int(bound):,}"
