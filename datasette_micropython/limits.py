"""The table of a sandbox's limits (name, unit, default, bounds, description) and the one validator of
limit values that people type: `datasette micropython` flags and the plugin's datasette.yaml settings.

The engine checks every limit again when a sandbox is created; this module exists so that a bad value
is refused where it is typed (a CLI flag, a setting at Datasette's startup), naming it, with the same
bounds. Importing it does not import Datasette.
"""

from __future__ import annotations

from typing import Any

from . import _engine

__all__ = ["LIMITS", "LimitError", "markdown_table", "parse_limit", "parse_size"]


class LimitError(ValueError):
    """A limit's value is invalid; the message names the setting."""


#: Every limit a `Sandbox` takes, by name, in the order the CLI lists them.
LIMITS: dict[str, _engine.Limit] = {spec.name: spec for spec in _engine.LIMITS}

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
    if value is None and spec.nullable:
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
    if not spec.min <= parsed <= spec.max:
        raise LimitError(
            f"{setting} must be between {_show(spec, spec.min)} and {_show(spec, spec.max)}, got {value!r}"
        )
    return parsed


def _show(spec: _engine.Limit, bound: float) -> str:
    if spec.unit == "bytes":
        for unit, size in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
            if bound >= size and bound % size == 0:
                return f"{int(bound) // size} {unit}"
        return f"{int(bound):,} bytes"
    if spec.unit == "seconds":
        return f"{bound:g} s"
    return f"{int(bound):,}"


def markdown_table() -> str:
    """The table of limits as README.md shows it: argument, default, what happens at the limit."""
    lines = ["| argument | default | what happens at the limit |", "|---|---|---|"]
    for spec in LIMITS.values():
        default = "None" if spec.default is None else _show(spec, spec.default)
        lines.append(f"| `{spec.name}` | {default} | {spec.at_limit} |")
    return "\n".join(lines) + "\n"
