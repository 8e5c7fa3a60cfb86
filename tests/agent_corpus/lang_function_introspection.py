import functools
import types


def describe_callable(obj):
    """What a tool registry prints about each callable it is given."""
    if isinstance(obj, types.BuiltinFunctionType):
        return f"{obj.__name__}: built-in"
    if isinstance(obj, types.FunctionType):
        code = obj.__code__
        params = list(code.co_varnames[: code.co_argcount + code.co_kwonlyargcount])
        return f"{code.co_qualname}({', '.join(params)}) kwonly={code.co_kwonlyargcount}"
    return f"{type(obj).__name__}: other"


def make_scaler(factor):
    def scale(value, *, clamp=None):
        result = value * factor
        return min(result, clamp) if clamp is not None else result

    return scale


def counted(fn):
    calls = 0

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        nonlocal calls
        calls += 1
        wrapper.calls = calls
        return fn(*args, **kwargs)

    return wrapper


@counted
def total(rows, key, /, default=0):
    return sum(r.get(key, default) for r in rows)


tools = {
    "scale": make_scaler(3),
    "total": total,
    "len": len,
    "sorted": sorted,
}
for name, fn in tools.items():
    print(name, "->", describe_callable(fn))

print(type(tools["scale"]) is types.FunctionType, type(total).__name__, type(len).__name__)
rows = [{"a": 1}, {"a": 4}, {"b": 2}]
print(total(rows, "a"), total(rows, "b"), total.calls, total.__wrapped__.__code__.co_posonlyargcount)
print(tools["scale"](5), tools["scale"](5, clamp=12))
print(isinstance(total, types.FunctionType), isinstance(max, types.BuiltinFunctionType), callable(total))

registry = {}


def command(fn):
    code = fn.__code__
    registry[code.co_name] = (fn, code.co_varnames[: code.co_argcount])
    return fn


@command
def greet(name, punctuation="!"):
    return f"hello {name}{punctuation}"


@command
def add(a, b):
    return a + b


for cmd, (fn, params) in sorted(registry.items()):
    args = ["world"] if cmd == "greet" else [2, 3]
    print(cmd, params, fn(*args))
