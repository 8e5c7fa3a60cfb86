#!/usr/bin/env python3
"""Developer harness for the guest module (micropython.wasm), independent of the Rust engine.

It instantiates the module with wasmtime-py, serves the `sandbox` imports from Python exactly as the
contract in README.md describes, and drives sessions through the exports. It is a tool for working on
the guest (and a second, independent implementation of the host side of the contract); the product's
engine is the Rust crate.

Setup (any venv; wasmtime-py from PyPI):
    python3 -m venv /tmp/guestdev && /tmp/guestdev/bin/pip install wasmtime

Examples:
    python dev_harness.py -c 'x = 21' -c 'x * 2'        # one session, two runs; state persists
    python dev_harness.py script.py                      # run a file (REPL-style value of the last line)
    python dev_harness.py --stress 100 --heap 262144     # each tests/guest_programs/*.py 100x in one session
    python dev_harness.py --checks                       # recursion, interrupt, memory-bomb, codec checks
    python dev_harness.py --bench                        # fib(25) in the guest vs this python3
    python dev_harness.py --wasm build-nospill/micropython.wasm --stress 20

Exit status: 0 when every run/check matched, 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
import time
from pathlib import Path

import wasmtime

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_WASM = REPO / "datasette_micropython" / "micropython.wasm"
GUEST_PROGRAMS = REPO / "tests" / "guest_programs"

RESULT_KINDS = {
    1: "value", 2: "exc_type", 3: "exc_message", 4: "traceback", 5: "exc_line", 6: "encoded", 7: "heap_exhausted"
}
EXEC_EVAL_TRAILING = 1
EXEC_COMPILE_ONLY = 2


# ---- value codec (README.md, "Value codec") ---------------------------------------------------------------

class Rows:
    """A table to send to the guest with the 0x0B tag: decodes there as a list of dicts."""

    def __init__(self, columns, rows):
        self.columns = list(columns)
        self.rows = [list(r) for r in rows]


def encode(value) -> bytes:
    out = bytearray()

    def enc(v):
        if v is None:
            out.append(0x00)
        elif v is False:
            out.append(0x01)
        elif v is True:
            out.append(0x02)
        elif isinstance(v, int):
            if -(2**63) <= v < 2**63:
                out.append(0x03)
                out.extend(struct.pack("<q", v))
            else:  # sign byte, then the magnitude little-endian (README, "Value codec")
                magnitude = abs(v).to_bytes((abs(v).bit_length() + 7) // 8, "little")
                out.append(0x04)
                out.extend(struct.pack("<I", len(magnitude) + 1))
                out.append(1 if v < 0 else 0)
                out.extend(magnitude)
        elif isinstance(v, float):
            out.append(0x05)
            out.extend(struct.pack("<d", v))
        elif isinstance(v, str):
            b = v.encode()
            out.append(0x06)
            out.extend(struct.pack("<I", len(b)))
            out.extend(b)
        elif isinstance(v, (bytes, bytearray)):
            out.append(0x07)
            out.extend(struct.pack("<I", len(v)))
            out.extend(v)
        elif isinstance(v, (list, tuple)):
            out.append(0x08 if isinstance(v, list) else 0x09)
            out.extend(struct.pack("<I", len(v)))
            for item in v:
                enc(item)
        elif isinstance(v, dict):
            out.append(0x0A)
            out.extend(struct.pack("<I", len(v)))
            for k, item in v.items():
                enc(k)
                enc(item)
        elif isinstance(v, Rows):
            out.append(0x0B)
            out.extend(struct.pack("<I", len(v.columns)))
            for c in v.columns:
                enc(str(c))
            out.extend(struct.pack("<I", len(v.rows)))
            for row in v.rows:
                for item in row:
                    enc(item)
        else:
            raise TypeError(f"cannot encode {type(v).__name__}")

    enc(value)
    return bytes(out)


def decode(data: bytes):
    pos = 0

    def take(n):
        nonlocal pos
        if pos + n > len(data):
            raise ValueError("truncated")
        chunk = data[pos : pos + n]
        pos += n
        return chunk

    def u32():
        return struct.unpack("<I", take(4))[0]

    def dec():
        tag = take(1)[0]
        if tag == 0x00:
            return None
        if tag in (0x01, 0x02):
            return tag == 0x02
        if tag == 0x03:
            return struct.unpack("<q", take(8))[0]
        if tag == 0x04:
            raw = take(u32())
            magnitude = int.from_bytes(raw[1:], "little")
            return -magnitude if raw[0] else magnitude
        if tag == 0x05:
            return struct.unpack("<d", take(8))[0]
        if tag == 0x06:
            return take(u32()).decode()
        if tag == 0x07:
            return bytes(take(u32()))
        if tag in (0x08, 0x09):
            items = [dec() for _ in range(u32())]
            return items if tag == 0x08 else tuple(items)
        if tag == 0x0A:
            n = u32()
            return {dec(): dec() for _ in range(n)}
        raise ValueError(f"bad tag {tag:#x}")

    value = dec()
    if pos != len(data):
        raise ValueError("trailing bytes")
    return value


# ---- one session ------------------------------------------------------------------------------------------

class Outcome:
    def __init__(self, status, stdout, stderr, pieces):
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
        self.pieces = pieces  # list of (kind name, bytes)

    def get(self, kind):
        for k, v in self.pieces:
            if k == kind:
                return v.decode("utf-8", "replace")
        return None

    def __repr__(self):
        return f"Outcome(status={self.status}, stdout={self.stdout!r}, stderr={self.stderr!r}, pieces={self.pieces!r})"


_engines = {}


def make_engine(max_wasm_stack=2 * 1024 * 1024):
    if max_wasm_stack not in _engines:
        config = wasmtime.Config()
        config.wasm_exceptions = True
        config.max_wasm_stack = max_wasm_stack
        _engines[max_wasm_stack] = wasmtime.Engine(config)
    return _engines[max_wasm_stack]


_modules = {}


def load_module(engine, path):
    key = (id(engine), str(path))
    if key not in _modules:
        _modules[key] = wasmtime.Module.from_file(engine, str(path))
    return _modules[key]


class Session:
    """One guest instance = one interpreter session with persistent __main__ globals."""

    def __init__(self, wasm=DEFAULT_WASM, heap_size=1 << 20, host_functions=None, time_limit=None,
                 max_wasm_stack=2 * 1024 * 1024):
        self.engine = make_engine(max_wasm_stack)
        self.module = load_module(self.engine, wasm)
        self.store = wasmtime.Store(self.engine)
        self.host_functions = dict(host_functions or {})
        self.time_limit = time_limit  # seconds per run; poll() answers 1 after it
        self.deadline = None
        self.polls = 0
        self.sleeps = []
        self.pending = b""
        self._out = {1: bytearray(), 2: bytearray()}
        self._pieces = []

        i32, i64 = wasmtime.ValType.i32(), wasmtime.ValType.i64()
        linker = wasmtime.Linker(self.engine)

        def define(name, params, results, fn):
            linker.define_func("sandbox", name, wasmtime.FuncType(params, results), fn)

        define("write", [i32, i32, i32], [], lambda fd, p, n: self._out[fd].extend(self._read(p, n)))
        define("result", [i32, i32, i32], [], lambda k, p, n: self._pieces.append((RESULT_KINDS[k], self._read(p, n))))
        define("call", [i32, i32, i32, i32], [i32], self._call)
        define("take", [i32], [], self._take)
        define("poll", [], [i32], self._poll)
        define("time_ns", [], [i64], lambda: time.time_ns())
        define("monotonic_ns", [], [i64], lambda: time.monotonic_ns())
        define("entropy", [i32, i32], [], lambda p, n: self._write(p, os.urandom(n)))
        define("sleep", [i64], [], self._sleep)

        self.instance = linker.instantiate(self.store, self.module)
        ex = self.instance.exports(self.store)
        self.memory = ex["memory"]
        self._exec = ex["mp_exec"]
        self._callx = ex["mp_call"]
        self._buffer = ex["mp_buffer"]
        self._gc = ex["mp_gc_collect"]
        # The module is pre-initialised (its interpreter started at build time). heap_size is the heap
        # budget: the guest may grow its memory by that much beyond what it starts with (static data,
        # stack, the first heap area); the engine passes its whole memory limit instead.
        self.memory_limit = self.memory.data_len(self.store) + heap_size
        if ex["mp_session_init"](self.store, self.memory_limit) != 0:
            raise MemoryError("mp_session_init failed")

    # memory helpers
    def _read(self, ptr, n):
        return bytes(self.memory.read(self.store, ptr, ptr + n))

    def _write(self, ptr, data):
        self.memory.write(self.store, data, ptr)

    # imports
    def _call(self, name_ptr, name_len, payload_ptr, payload_len):
        name = self._read(name_ptr, name_len).decode()
        args, kwargs = decode(self._read(payload_ptr, payload_len))
        try:
            if name not in self.host_functions:  # as the engine answers (rust/core/src/host.rs)
                raise NameError(f"no host function named {name!r}")
            fn = self.host_functions[name]
            data = encode(fn(*args, **kwargs))
            ok = True
        except Exception as e:  # noqa: BLE001 - errors go back to the guest
            data = encode((type(e).__name__, str(e)))
            ok = False
        self.pending = data
        return len(data) if ok else -len(data)

    def _take(self, dst):
        self._write(dst, self.pending)
        self.pending = b""

    def _poll(self):
        self.polls += 1
        return 1 if self.deadline is not None and time.monotonic() >= self.deadline else 0

    def _sleep(self, ns):
        self.sleeps.append(ns)
        end = time.monotonic() + ns / 1e9
        if self.deadline is not None:
            end = min(end, self.deadline)
        time.sleep(max(0.0, end - time.monotonic()))

    # exports
    def _start(self):
        self._out = {1: bytearray(), 2: bytearray()}
        self._pieces = []
        self.deadline = None if self.time_limit is None else time.monotonic() + self.time_limit

    def _finish(self, status):
        return Outcome(status, self._out[1].decode("utf-8", "replace"), self._out[2].decode("utf-8", "replace"),
                       self._pieces)

    def _put(self, data: bytes):
        ptr = self._buffer(self.store, len(data))
        if ptr == 0:
            raise MemoryError("mp_buffer failed")
        self._write(ptr, data)
        return ptr

    def exec(self, source: str, flags=EXEC_EVAL_TRAILING) -> Outcome:
        data = source.encode()
        ptr = self._put(data)
        self._start()
        return self._finish(self._exec(self.store, ptr, len(data), flags))

    def call(self, name: str, args: list):
        # name and arguments share the exchange buffer
        n = name.encode()
        a = encode(list(args))
        ptr = self._put(n + a)
        self._start()
        out = self._finish(self._callx(self.store, ptr, len(n), ptr + len(n), len(a)))
        enc = [v for k, v in out.pieces if k == "encoded"]  # the value comes in pieces, in order
        out.value = decode(b"".join(enc)) if enc else None
        return out

    def gc_collect(self):
        self._gc(self.store)


# ---- modes --------------------------------------------------------------------------------------------------

def show(out: Outcome):
    if out.stdout:
        sys.stdout.write(out.stdout)
    if out.stderr:
        sys.stdout.write("[stderr] " + out.stderr)
    for kind, value in out.pieces:
        if kind != "traceback":
            print(f"[{kind}] {value.decode('utf-8', 'replace')}")
    tb = out.get("traceback")
    if tb:
        print(tb)
    print(f"[status] {out.status}")


def run_stress(args) -> bool:
    programs = sorted(GUEST_PROGRAMS.glob("*.py"))
    s = Session(args.wasm, heap_size=args.heap)
    ok = True
    runs = 0
    t0 = time.monotonic()
    for i in range(args.stress):
        for p in programs:
            expected = p.with_suffix(".expected").read_text()
            try:
                out = s.exec(p.read_text(), flags=0)
            except wasmtime.Trap as e:
                print(f"TRAP in {p.name} round {i} after {runs} runs: {str(e).strip().splitlines()[-1].strip()}")
                return False
            runs += 1
            if out.status != 0 or out.stdout != expected:
                ok = False
                print(f"MISMATCH {p.name} round {i}: status={out.status} {out.get('traceback') or ''}")
                if args.stop_on_failure:
                    print(f"after {runs} runs")
                    return False
    dt = time.monotonic() - t0
    print(f"stress: {runs} runs of {len(programs)} programs, heap {args.heap} bytes, {dt:.1f} s, "
          f"{'all identical to CPython' if ok else 'FAILURES'}")
    return ok


RECURSION_PATHS = {
    "function": "def f(n):\n    return f(n + 1)\nf(0)",
    "method": "class A:\n    def m(self, n):\n        return self.m(n + 1)\nA().m(0)",
    "__init__": "class B:\n    def __init__(self, n):\n        B(n + 1)\nB(0)",
    "sort key": "def k(x):\n    return sorted([1, 2], key=k)\nsorted([1, 2], key=k)",
    "generator": "def g(n):\n    yield from g(n + 1)\nlist(g(0))",
    "repr nested list": "x = []\nfor i in range(100000):\n    x = [x]\nrepr(x)",
    "str nested dict": "d = {}\nfor i in range(100000):\n    d = {'a': d}\nstr(d)",
    "json.dumps nested": "import json\nx = []\nfor i in range(100000):\n    x = [x]\njson.dumps(x)",
    "json.loads [*100000": "import json\njson.loads('[' * 100000)",
    "eval parens": "eval('(' * 100000 + '1' + ')' * 100000)",
    "nested expression source": "exec('x = ' + '-' * 100000 + '1')",
    "nested list source": "exec('x = ' + '[' * 100000 + ']' * 100000)",
    "nested call source": "exec('x = ' + 'abs(' * 100000 + '1' + ')' * 100000)",
    "__repr__ recursion": "class R:\n    def __repr__(self):\n        return repr(R())\nrepr(R())",
    "__eq__ recursion": "class E:\n    def __eq__(self, o):\n        return E() == o\nE() == 1",
    "__getattr__ recursion": "class G:\n    def __getattr__(self, n):\n        return self.x\nG().y",
    "codec encode nested": "import _host\nx = []\nfor i in range(100000):\n    x = [x]\n_host.call('echo', x)",
}


def run_checks(args) -> bool:
    ok = True

    def check(name, cond, detail=""):
        nonlocal ok
        ok &= bool(cond)
        print(f"{'ok  ' if cond else 'FAIL'} {name}{(': ' + detail) if detail else ''}")

    # state persists; REPL-style trailing value; tracebacks with line numbers
    s = Session(args.wasm, heap_size=args.heap)
    s.exec("x = 21")
    out = s.exec("y = x * 2\ny")
    check("state persists across mp_exec, trailing value", out.get("value") == "42", repr(out.get("value")))
    out = s.exec("None")
    check("None is not reported", out.get("value") is None)
    out = s.exec("for i in range(3):\n    i")
    check("compound last statement: no value", out.get("value") is None and out.status == 0)
    out = s.exec("a = 1; a + 1")
    check("last line 'a = 1; a + 1'", out.get("value") == "2", repr(out.pieces))
    out = s.exec("def f():\n    return 1 / 0\n\nf()")
    check("exception status 1", out.status == 1)
    check("exc type", out.get("exc_type") == "ZeroDivisionError", out.get("exc_type"))
    check("exc line", out.get("exc_line") == "2", out.get("exc_line"))
    tb = out.get("traceback") or ""
    check("traceback", tb.startswith("Traceback (most recent call last):") and 'File "<sandbox>", line 4' in tb
          and 'File "<sandbox>", line 2, in f' in tb and tb.endswith("ZeroDivisionError: division by zero"), repr(tb))
    out = s.exec("x = (", flags=EXEC_COMPILE_ONLY)
    check("compile-only syntax error", out.status == 1 and out.get("exc_type") == "SyntaxError", repr(out.pieces))
    out = s.exec("print('never')", flags=EXEC_COMPILE_ONLY)
    check("compile-only runs nothing", out.status == 0 and out.stdout == "")
    out = s.exec("import gc; gc.collect(); 6 * 7")
    check("value of the last expression after simple statements", out.get("value") == "42", repr(out.pieces))
    out = s.exec("if False:\n    pass\nelse:\n    z = 5\nz")
    check("value after if/else", out.get("value") == "5", repr(out.pieces))
    out = s.exec("if True:\n    7\nelse:\n    8")
    check("if/else last: no value", out.get("value") is None and out.status == 0, repr(out.pieces))
    out = s.exec("import sys\nprint('out')\nprint('err', file=sys.stderr)\nsys.stdout.write('w\\n')")
    check("stdout/stderr", out.stdout == "out\nw\n" and out.stderr == "err\n", repr((out.stdout, out.stderr)))
    out = s.exec("'héllo'[::-1], b'abc'[::-1], [1, 2, 3][::2], 'abcdef'[-1:0:-2]")
    check("slices with step", out.get("value") == "('olléh', b'cba', [1, 3], 'fdb')", out.get("value"))
    out = s.exec("import string\nstring.capwords(' hello   world '), string.hexdigits")
    check("frozen string module", out.get("value") == "('Hello World', '0123456789abcdefABCDEF')", out.get("value"))
    out = s.exec("issubclass(RecursionError, RuntimeError)")
    check("RecursionError subclasses RuntimeError", out.get("value") == "True")

    # host calls and the codec
    s.host_functions["echo"] = lambda *a, **k: [list(a), k]
    s.host_functions["rows"] = lambda: Rows(["id", "name"], [[1, "a"], [2, "b"]])
    s.host_functions["fail"] = lambda: (_ for _ in ()).throw(KeyError("nope"))
    s.host_functions["weird"] = lambda: (_ for _ in ()).throw(UnicodeDecodeError("utf-8", b"", 0, 1, "boom"))
    s.host_functions["denied"] = lambda: (_ for _ in ()).throw(PermissionError("no access"))
    s.host_functions["missing"] = lambda: (_ for _ in ()).throw(FileNotFoundError("no such file: 'x'"))
    s.host_functions["zero"] = lambda: (_ for _ in ()).throw(ZeroDivisionError("boom"))
    out = s.exec("import _host\necho = _host.function('echo')\n"
                 "echo(1, 2**70, -2**63, 1.5, 'é', b'\\x00', [None, True], (1,), {'k': False}, kw='v')")
    check("codec round trip", out.get("value") ==
          "[[1, 1180591620717411303424, -9223372036854775808, 1.5, 'é', b'\\x00', [None, True], (1,), {'k': False}], {'kw': 'v'}]",
          out.get("value"))
    out = s.exec("r = _host.call('rows')\nr, r[0].keys() is not None")
    check("rows tag", out.get("value") == "([{'id': 1, 'name': 'a'}, {'id': 2, 'name': 'b'}], True)", out.get("value"))
    s.host_functions["rows2"] = lambda: Rows(["zz", "aa", "mm", "zz"], [[1, "x" * 100, 2.5, None], [2**40, "", -1, 7]])
    out = s.exec("r = _host.call('rows2')\n[list(x) for x in r], r, type(r[0]).__name__")
    check("rows: column order, duplicate names", out.get("value") ==
          "([['zz', 'aa', 'mm'], ['zz', 'aa', 'mm']], [{'zz': None, 'aa': '" + "x" * 100 + "', 'mm': 2.5}, "
          "{'zz': 7, 'aa': '', 'mm': -1}], 'dict')", out.get("value"))
    # rows decoded while the GC runs and the heap grows (a fresh session: small heap, garbage around)
    sp = Session(args.wasm, heap_size=16 << 20)
    page = Rows(["zz", "id", "name", "score"], [[0, i, "name %d" % i, i * 0.5] for i in range(3000)])
    sp.host_functions["page"] = lambda: page
    intact = True
    for k in range(8):
        out = sp.exec(f"import _host\ng = [bytearray(50) for _ in range({k * 700})]\ndel g\n"
                      "r = _host.call('page')\n"
                      "all(list(x) == ['zz', 'id', 'name', 'score'] and x['id'] == i for i, x in enumerate(r))")
        intact = intact and out.get("value") == "True"
    check("rows decoded under GC pressure and heap growth", intact, repr(out.pieces[:2]))
    s.host_functions["rows3"] = lambda: Rows(["a", "b"], [[i, "v%d" % i] for i in range(3)])
    out = s.exec("r = _host.call('rows3')\nr[1]['c'] = 1\ndel r[1]['a']\nr[1], r[1]['b'], r[0] == {'b': 'v0', 'a': 0}, 'v0' in {r[0]['b']}")
    check("rows: dicts behave", out.get("value") == "({'b': 'v1', 'c': 1}, 'v1', True, True)", out.get("value"))
    out = s.exec("_host.call('fail')")
    check("host KeyError", out.get("exc_type") == "KeyError", repr(out.pieces[:2]))
    out = s.exec("_host.call('weird')")
    check("host unknown error -> RuntimeError", out.get("exc_type") == "RuntimeError"
          and (out.get("exc_message") or "").startswith("UnicodeDecodeError: "), repr(out.pieces[:2]))
    out = s.exec("_host.call('zero')")
    check("host ZeroDivisionError", out.get("exc_type") == "ZeroDivisionError", repr(out.pieces[:2]))
    out = s.exec("try:\n    _host.call('denied')\nexcept OSError as e:\n    r = (type(e).__name__, e.errno, str(e))\nr")
    check("host PermissionError", out.get("value") == "('PermissionError', 13, '[Errno 13] no access')", out.get("value"))
    out = s.exec("try:\n    _host.call('missing')\nexcept FileNotFoundError as e:\n    r = (e.errno, e.strerror)\nr")
    check("host FileNotFoundError", out.get("value") == "(2, \"no such file: 'x'\")", out.get("value"))
    out = s.exec("import errno\ntype(OSError(errno.EEXIST, 'x')).__name__, issubclass(TimeoutError, OSError)")
    check("OSError(errno, msg) subclass", out.get("value") == "('FileExistsError', True)", out.get("value"))
    out = s.exec("_host.call('echo', {1, 2})")
    check("unencodable -> TypeError", out.get("exc_type") == "TypeError", repr(out.pieces[:2]))
    s.exec("def add(a, b):\n    return {'sum': a + b, 'args': (a, b)}")
    res = s.call("add", [2, 3])
    check("mp_call", res.status == 0 and res.value == {"sum": 5, "args": (2, 3)}, repr(res.value))
    res = s.call("nothere", [])
    check("mp_call of an undefined name: NameError", res.status == 1 and res.get("exc_type") == "NameError"
          and res.get("exc_message") == "name 'nothere' is not defined", repr(res.pieces[:2]))

    # RecursionError on every path; the session survives each. The 100000-deep structures need a
    # bigger heap than the other checks.
    s = Session(args.wasm, heap_size=32 << 20)
    s.host_functions["echo"] = lambda *a, **k: [list(a), k]
    for name, src in RECURSION_PATHS.items():
        try:
            out = s.exec(src, flags=0)
            t = out.get("exc_type")
            good = t == "RecursionError"
            if "source" in name or "parens" in name or name.startswith("json.loads"):
                # iterative parsers: any clean outcome is fine, only a trap is not
                good = t in ("RecursionError", "MemoryError", "SyntaxError", "ValueError", None)
            check(f"recursion: {name}", good, f"{t}: {out.get('exc_message')}")
        except wasmtime.Trap as e:
            check(f"recursion: {name}", False, "TRAP " + str(e).splitlines()[0])
            s = Session(args.wasm, heap_size=32 << 20)
            s.host_functions["echo"] = lambda *a, **k: [list(a), k]
    out = s.exec("1 + 1")
    check("session usable after recursion checks", out.get("value") == "2")

    # soft interrupt
    s2 = Session(args.wasm, heap_size=args.heap, time_limit=0.5)
    t0 = time.monotonic()
    out = s2.exec("n = 0\nwhile True:\n    n += 1", flags=0)
    dt = time.monotonic() - t0
    check("while True interrupted", out.get("exc_type") == "KeyboardInterrupt", f"{dt:.3f} s, {s2.polls} polls")
    out = s2.exec("try:\n    while True:\n        pass\nexcept KeyboardInterrupt:\n    print('caught')", flags=0)
    check("KeyboardInterrupt catchable", out.stdout == "caught\n", repr(out.stdout))
    out = s2.exec("n > 0")
    check("session works after interrupt", out.get("value") == "True", repr(out.pieces))
    out = s2.exec("import time\nt = time.monotonic()\ntime.sleep(5)", flags=0)
    check("sleep past the deadline is interrupted", out.get("exc_type") == "KeyboardInterrupt", repr(out.pieces[:1]))

    # memory bombs
    s3 = Session(args.wasm, heap_size=args.heap)
    for src in ("s = 'x'\nwhile True:\n    s += s", "[0] * 10**9", "x = []\nwhile True:\n    x.append([1] * 100)"):
        out = s3.exec(src, flags=0)
        check(f"MemoryError: {src.splitlines()[-1].strip()}", out.get("exc_type") == "MemoryError", repr(out.pieces[:1]))
        out = s3.exec("s = x = None")
        check("  ... and the session recovers (del of the live data)", out.status == 0, repr(out.pieces[:2]))
    out = s3.exec("sum(range(1000))")
    check("session works after MemoryError", out.get("value") == "499500")
    return ok


def run_bench(args):
    src = "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n"
    s = Session(args.wasm, heap_size=args.heap)
    s.exec(src)
    best = min(_timed(lambda: s.exec("fib(25)")) for _ in range(5))
    import subprocess

    cp = subprocess.run(["python3", "-c", src + "import time\nb=9\nfor _ in range(5):\n t=time.perf_counter(); fib(25); b=min(b,time.perf_counter()-t)\nprint(b)"],
                        capture_output=True, text=True, check=True)
    print(f"fib(25): guest {best * 1000:.1f} ms (wasmtime-py, best of 5), python3 {float(cp.stdout) * 1000:.1f} ms")


def _timed(fn):
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", help="Python files to run, in order, in one session")
    ap.add_argument("-c", dest="snippets", action="append", default=[], help="source snippet (repeatable)")
    ap.add_argument("--wasm", default=DEFAULT_WASM, type=Path)
    ap.add_argument("--heap", default=1 << 20, type=int, help="heap budget in bytes: the guest memory may grow by this much (default 1 MiB)")
    ap.add_argument("--time-limit", type=float, help="soft time limit per run, seconds")
    ap.add_argument("--stress", type=int, metavar="N", help="run each tests/guest_programs/*.py N times")
    ap.add_argument("--stop-on-failure", action="store_true")
    ap.add_argument("--checks", action="store_true", help="contract checks")
    ap.add_argument("--bench", action="store_true", help="fib(25) timing")
    args = ap.parse_args(argv)

    ok = True
    if args.stress:
        ok &= run_stress(args)
    if args.checks:
        ok &= run_checks(args)
    if args.bench:
        run_bench(args)
    if args.files or args.snippets:
        s = Session(args.wasm, heap_size=args.heap, time_limit=args.time_limit)
        for src in [Path(f).read_text() for f in args.files] + args.snippets:
            out = s.exec(src)
            show(out)
            ok &= out.status == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
