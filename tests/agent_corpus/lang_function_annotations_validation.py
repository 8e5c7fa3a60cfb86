import functools
import typing
from typing import Any, Optional


def validate(fn):
    """Checks the arguments of each call against the function's annotations (simple types only)."""
    hints = typing.get_type_hints(fn)

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        names = fn.__code__.co_varnames[: fn.__code__.co_argcount]
        bound = dict(zip(names, args), **kwargs)
        for name, value in bound.items():
            expected = hints.get(name)
            if isinstance(expected, type) and not isinstance(value, expected):
                raise TypeError(f"{fn.__name__}(): {name} must be {expected.__name__}, not {type(value).__name__}")
        result = fn(*args, **kwargs)
        ret = hints.get("return")
        if isinstance(ret, type) and not isinstance(result, ret):
            raise TypeError(f"{fn.__name__}() returned {type(result).__name__}")
        return result

    return wrapper


@validate
def mean(values: list, weight: float = 1.0) -> float:
    return sum(values) / len(values) * weight


@validate
def label(code: str, width: int = 8) -> str:
    return code.upper().ljust(width, ".")


@validate
def broken(n: int) -> str:
    return n * 2


print(mean([1, 2, 3]), mean([4, 6], weight=0.5), label("ab"), label("xyz", width=5))
for call in (lambda: mean("123"), lambda: label("a", width="9"), lambda: broken(4)):
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)

print(mean.__annotations__)
print({name: getattr(t, "__name__", repr(t)) for name, t in typing.get_type_hints(label).items()})


def schema_of(fn) -> dict[str, Any]:
    """A JSON-schema-like description of a tool function, as agent frameworks build them."""
    kinds = {int: "integer", float: "number", str: "string", bool: "boolean", list: "array"}
    props = {}
    for name, hint in fn.__annotations__.items():
        if name == "return":
            continue
        optional = typing.get_origin(hint) is typing.Union
        base = typing.get_args(hint)[0] if optional else hint
        props[name] = {"type": kinds.get(base, "object"), "required": not optional}
    return {"name": fn.__name__, "properties": props}


def search(query: str, limit: int = 10, exact: Optional[bool] = None, tags: list = None) -> list:
    return []


print(schema_of(search))
print(schema_of.__annotations__, list(search.__annotations__))
