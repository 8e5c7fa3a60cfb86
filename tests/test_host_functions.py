"""Host functions: Python callables exposed to guest code (datasette_micropython.sandbox + rust/core/src/host.rs)."""

import pytest

from datasette_micropython import GuestError, Sandbox

VALUES = [
    None,
    True,
    False,
    0,
    -1,
    2**63 - 1,
    -(2**63),
    2**100,
    -(2**100),
    1.5,
    "",
    "héllo ✓",
    b"\x00\xff",
    [1, [2]],
    (1, "a"),
    {"k": [1, {"n": None}]},
]


@pytest.mark.parametrize("value", VALUES)
def test_values_round_trip_through_the_guest(value):
    with Sandbox(host_functions={"echo": lambda v: v, "get": lambda: value}) as sb:
        sb.run("def echo_back(v):\n    return echo(v)")
        assert sb.call("echo_back", value).value == value
        assert sb.run("get() == echo(get())").value == "True"


def test_positional_and_keyword_arguments():
    def describe(a, b=0, *, c="x"):
        return f"{a}-{b}-{c}"

    with Sandbox() as sb:
        sb.register(describe)
        assert (
            sb.run("describe(1), describe(1, 2), describe(1, c='z')").value == "('1-0-x', '1-2-x', '1-0-z')"
        )


def test_host_exception_arrives_as_guest_exception():
    class Custom(Exception):
        pass

    def fail(kind):
        if kind == "value":
            raise ValueError("bad value")
        if kind == "zero":
            raise ZeroDivisionError("by zero")
        raise Custom("custom")

    with Sandbox(host_functions={"fail": fail}) as sb:
        result = sb.run(
            "try:\n    fail('value')\nexcept ValueError as e:\n    print('caught', e)\n"
            "try:\n    fail('other')\nexcept RuntimeError as e:\n    print('caught', e)"
        )
        assert result.stdout == "caught bad value\ncaught Custom: custom\n"
        result = sb.run("try:\n    fail('zero')\nexcept ZeroDivisionError as e:\n    print('caught', e)")
        assert result.stdout == "caught by zero\n"
        with pytest.raises(GuestError) as info:
            sb.run("fail('value')")
        assert info.value.type_name == "ValueError"


def test_unserialisable_result_is_a_guest_exception():
    with Sandbox(host_functions={"odd": lambda: {1, 2}}) as sb:
        with pytest.raises(GuestError, match="cannot be passed to the sandbox") as info:
            sb.run("odd()")
        assert info.value.type_name == "TypeError"


def test_unserialisable_argument_is_a_guest_type_error():
    with Sandbox(host_functions={"echo": lambda v: v}) as sb:
        with pytest.raises(GuestError) as info:
            sb.run("echo({1, 2})")
        assert info.value.type_name == "TypeError"


def test_register_as_decorator_and_bad_names():
    sb = Sandbox()

    @sb.register
    def double(x):
        return x * 2

    assert sb.run("double(21)").value == "42"
    with pytest.raises(ValueError, match="identifier"):
        sb.register(double, name="not valid")
    with pytest.raises(TypeError):
        sb.register(42, name="x")
    sb.reset()
    assert sb.run("double(1)").value == "2"  # survives a reset


def test_host_call_limit_per_run():
    with Sandbox(host_call_limit=10, host_functions={"f": lambda: 1}) as sb:
        sb.run("for i in range(10): f()")
        with pytest.raises(GuestError, match="host call limit"):
            sb.run("for i in range(11): f()")


def test_payload_limit():
    with Sandbox(
        host_payload_limit=1000, host_functions={"echo": lambda v: v, "big": lambda: "x" * 5000}
    ) as sb:
        with pytest.raises(GuestError, match="limit"):
            sb.run("echo('y' * 5000)")
        with pytest.raises(GuestError, match="limit"):
            sb.run("big()")
        assert sb.run("len(echo('y' * 100))").value == "100"


async def test_async_host_function_awaited_under_run_async():
    import asyncio

    async def fetch_number(n):
        await asyncio.sleep(0.01)
        return n + 1

    with Sandbox(host_functions={"fetch_number": fetch_number}) as sb:
        assert (await sb.run_async("fetch_number(41)")).value == "42"
        assert sb.run("fetch_number(1)").value == "2"  # sync run: its own event loop
