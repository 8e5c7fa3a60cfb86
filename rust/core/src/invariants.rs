//! The security invariants: what guest code can never reach, in one place. Each has a test below (or,
//! for policies implemented in the Python package, in the named Python test) that tries to break it.
//!
//! 1. **Imports.** The guest module imports only the `sandbox` functions of `host.rs`: no WASI, no
//!    other module. Everything the guest can do outside its linear memory goes through that table.
//!    (`guest_imports_only_the_sandbox_table`)
//! 2. **Memory.** A sandbox's linear memory never grows past its `memory_limit`; exhausting it is a
//!    `MemoryError` inside the guest and the session survives. (`memory_never_exceeds_the_limit`)
//! 3. **Time.** A run never outlives `time_limit + hard_grace` (plus one epoch tick), whether the
//!    guest loops in bytecode, swallows the interrupt, or sits in one long C operation.
//!    (`runs_end_within_their_time_budget`)
//! 4. **Filesystem.** Guest code sees no host file unless whitelisted file by file (or directory by
//!    directory) by the host; `..`, absolute paths and symlinks cannot leave the whitelist.
//!    (`no_filesystem_by_default`; whitelists: `tests/test_files.py`)
//! 5. **Network.** The guest has no sockets; with a policy, `fetch()` is served by the host and checked
//!    against it on every request and redirect. (`no_sockets`; policies: `tests/test_network.py`)
//! 6. **No ambient authority.** No environment variables, empty `sys.argv`, randomness seeded from
//!    host entropy per sandbox. (`no_ambient_authority`)
//! 7. **Isolation.** Sandboxes share no guest state: builtins, modules and globals changed in one are
//!    unchanged in every other, and a trap in one leaves the others running. A sandbox created in the
//!    memory slot of a closed one starts from the pristine image: the pooling allocator resets (or keeps
//!    resident and resets in place) every page the closed one dirtied.
//!    (`sandboxes_share_nothing`, `reused_slots_start_pristine`)
//! 8. **Host functions.** A sandbox reaches exactly the host functions registered on it.
//!    (`only_registered_host_functions`)
//! 9. **Guest memory safety.** Guest code cannot make the interpreter read or write outside the object
//!    it operates on: an instance of a user subclass of a builtin type is always read through its
//!    native object (`(0,) + T((1, 2))` read past the instance), memoryviews never point into freed
//!    buffers, no `.mpy` bytecode is loaded and user code mounts no file system that could serve it,
//!    and recursion through C (comparing or printing self-containing containers) ends in
//!    `RecursionError` or CPython's `[...]`. WebAssembly contains any such bug, but inside the guest it
//!    forges objects, which any host decoder trusting guest bytes would turn into a chain.
//!    (`tests/test_guest_hardening.py`, `tests/guest_programs/builtin_subclasses.py`; patches 0030-0038)
//! 10. **Size arithmetic.** Every size product or sum in the guest is checked: a repeat, join or growth
//!    whose size does not fit 32 bits raises `OverflowError`/`MemoryError` (as a 32-bit CPython does)
//!    with the session intact, instead of allocating the wrapped-around size and writing past it.
//!    (`tests/test_guest_hardening.py::test_size_products_that_overflow_raise_instead_of_writing_past_buffers`)

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::sync::Arc;
    use std::time::{Duration, Instant};

    use crate::engine;
    use crate::host::{CallContext, HostError, HostFunction, Reply};
    use crate::{Error, Limits, RunOptions, Sandbox, Value};

    fn sandbox(limits: Limits) -> Sandbox {
        Sandbox::new(limits).expect("sandbox")
    }

    fn value(sb: &mut Sandbox, code: &str) -> String {
        let options = RunOptions { eval_trailing: true, ..RunOptions::default() };
        sb.run(code, options).unwrap_or_else(|e| panic!("{code}: {e}")).value.unwrap_or_default()
    }

    #[test]
    fn guest_imports_only_the_sandbox_table() {
        let runtime = engine::runtime(false).unwrap();
        let imports: BTreeSet<String> =
            runtime.pre.module().imports().map(|i| format!("{}.{}", i.module(), i.name())).collect();
        let expected: BTreeSet<String> =
            ["call", "entropy", "monotonic_ns", "poll", "result", "sleep", "take", "time_ns", "write"]
                .iter()
                .map(|n| format!("sandbox.{n}"))
                .collect();
        assert_eq!(imports, expected);
    }

    #[test]
    fn memory_never_exceeds_the_limit() {
        let limit = 8 << 20;
        let mut sb = sandbox(Limits { memory_limit: limit, ..Limits::default() });
        for bomb in [
            "s = 'ab'\nwhile True:\n    s += s",
            "x = bytearray(10**9)",
            "l = []\nwhile True:\n    l.append([0] * 1000)",
        ] {
            match sb.run(bomb, RunOptions::default()) {
                Err(Error::OutOfMemory { session_reset: false, .. }) => {}
                other => panic!("{bomb}: {other:?}"),
            }
            assert!(sb.memory_size().unwrap() <= limit);
            sb.run("s = x = l = None", RunOptions::default()).unwrap();
        }
        assert_eq!(value(&mut sb, "1 + 1"), "2");
    }

    #[test]
    fn runs_end_within_their_time_budget() {
        let limits = Limits {
            time_limit: Duration::from_millis(100),
            hard_grace: Duration::from_millis(100),
            ..Limits::default()
        };
        let budget = limits.time_limit + limits.hard_grace + engine::EPOCH_TICK * 5;
        let mut sb = sandbox(limits);
        for (code, reset) in [
            ("while True: pass", false),
            ("while True:\n    try:\n        while True: pass\n    except BaseException:\n        pass", true),
            // a long C operation that checks the interrupt (patch 0033), and one that does not
            ("x = 3 ** 20000000", false),
            ("c = compile('x = ' + '[' * 100000 + ']' * 100000, 's', 'exec')", true),
        ] {
            let started = Instant::now();
            match sb.run(code, RunOptions::default()) {
                Err(Error::Timeout { session_reset, .. }) => assert_eq!(session_reset, reset, "{code}"),
                other => panic!("{code}: {other:?}"),
            }
            assert!(started.elapsed() < budget, "{code} took {:?}", started.elapsed());
        }
    }

    #[test]
    fn no_filesystem_by_default() {
        let mut sb = sandbox(Limits::default());
        for path in ["/etc/passwd", "/", ".", "../../etc/passwd", "/proc/self/environ"] {
            let code =
                format!("try:\n    open({path:?}).read()\n    r = 'opened'\nexcept OSError:\n    r = 'refused'\nr");
            assert_eq!(value(&mut sb, &code), "'refused'", "{path}");
        }
        let code = "import os\ntry:\n    r = os.listdir('/')\nexcept OSError:\n    r = []\nr";
        assert_eq!(value(&mut sb, code), "[]");
    }

    #[test]
    fn no_sockets() {
        let mut sb = sandbox(Limits::default());
        for module in ["socket", "usocket", "ssl", "select", "machine", "ffi", "uctypes", "_thread", "network"] {
            let code =
                format!("try:\n    import {module}\n    r = 'imported'\nexcept ImportError:\n    r = 'absent'\nr");
            assert_eq!(value(&mut sb, &code), "'absent'", "{module}");
        }
    }

    #[test]
    fn no_ambient_authority() {
        let mut a = sandbox(Limits::default());
        let mut b = sandbox(Limits::default());
        assert_eq!(value(&mut a, "import sys\nsys.argv"), "[]");
        assert_eq!(value(&mut a, "import os\ngetattr(os, 'environ', {}) == {} and not hasattr(os, 'getenv')"), "True");
        let draw = "import random\n[random.getrandbits(30) for _ in range(4)]";
        assert_ne!(value(&mut a, draw), value(&mut b, draw));
    }

    #[test]
    fn sandboxes_share_nothing() {
        let mut a = sandbox(Limits::default());
        let mut b =
            sandbox(Limits { time_limit: Duration::from_millis(50), hard_grace: Duration::ZERO, ..Limits::default() });
        a.run(
            "import builtins, sys\nbuiltins.len = lambda x: -1\nsys.path.append('/x')\nsecret = 42",
            RunOptions::default(),
        )
        .unwrap();
        assert_eq!(
            value(&mut b, "import json\nlen('abc'), json.dumps([1]), 'secret' in globals()"),
            "(3, '[1]', False)"
        );
        assert!(matches!(b.run("x = 3 ** 20000000", RunOptions::default()), Err(Error::Timeout { .. })));
        assert_eq!(value(&mut a, "secret, len('x')"), "(42, -1)");
    }

    #[test]
    fn reused_slots_start_pristine() {
        let probe = "import gc\n'secret' in globals(), len(sys.modules), gc.mem_alloc()";
        let mut pristine = sandbox(Limits::default());
        pristine.run("import sys", RunOptions::default()).unwrap();
        let expected = value(&mut pristine, probe);
        drop(pristine);
        for _ in 0..20 {
            // Dirty the stack, the static data, the first heap area and grown memory, then close.
            let mut used = sandbox(Limits::default());
            used.run(
                "import sys, json, re\nsecret = ['x' * 1000 for _ in range(3000)]\nsys.path.append('/x')\n\
                 def deep(n):\n    return n if n == 0 else deep(n - 1)\ndeep(500)",
                RunOptions::default(),
            )
            .unwrap();
            drop(used);
            let mut fresh = sandbox(Limits::default());
            fresh.run("import sys", RunOptions::default()).unwrap();
            assert_eq!(value(&mut fresh, probe), expected);
            assert_eq!(value(&mut fresh, "sys.path"), "['', '.frozen']");
        }
    }

    struct Constant(i64);

    impl HostFunction for Constant {
        fn call(&self, _: &CallContext, _: Vec<Value>, _: Vec<(String, Value)>) -> Result<Reply, HostError> {
            Ok(Reply::Value(Value::Int(self.0)))
        }
    }

    #[test]
    fn only_registered_host_functions() {
        let mut a = sandbox(Limits::default());
        let mut b = sandbox(Limits::default());
        a.register("answer", Arc::new(Constant(42))).unwrap();
        assert_eq!(value(&mut a, "answer()"), "42");
        let code = "import _host\ntry:\n    _host.call('answer')\nexcept Exception as e:\n    r = str(e)\nr";
        assert!(value(&mut b, code).contains("no host function named"));
    }
}
