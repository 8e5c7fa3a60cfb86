//! The security invariants: what guest code can never reach, in one place. Each has a test below (or,
//! for policies implemented in the Python package, in the named Python test) that tries to break it.
//!
//! 1. **Imports.** The guest module imports only the `sandbox` functions of `host.rs`: no WASI, no
//!    other module. Everything the guest can do outside its linear memory goes through that table.
//!    (`guest_imports_only_the_sandbox_table`)
//! 2. **Memory.** A sandbox's linear memory never grows past its `memory_limit`; exhausting it is a
//!    `MemoryError` inside the guest and the session survives. (`memory_never_exceeds_the_limit`)
//! 3. **Time.** A run never outlives `time_limit + hard_grace` (plus one epoch tick), whether the
//!    guest loops in bytecode, swallows the interrupt, or sits in one long C operation; a loop whose every
//!    iteration is a long C operation stops at `time_limit` with its session intact (past the soft
//!    deadline the host makes the guest poll at once). (`runs_end_within_their_time_budget`)
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
//! 9. **Host memory.** Bytes from the guest never make the host allocate more than their size allows:
//!    every count in a codec payload is checked against the bytes left before anything is allocated,
//!    and one decode allocates at most `ALLOC_PER_BYTE` bytes per payload byte (forged rows tables,
//!    lengths and counts included). Files guest code writes into writable mounts hold at most
//!    `file_write_limit` bytes in all (beyond it, `OSError` errno 28 as on a full disk).
//!    (`rust/core/tests/codec.rs`: `fuzzed_payloads_never_allocate_beyond_their_size`,
//!    `forged_rows_tables_are_refused_within_bounds`; `rust/core/tests/files.rs`:
//!    `written_files_count_against_the_write_limit`)
//! 10. **No blocking host I/O.** The host opens only regular files, without blocking, and checks the
//!     opened descriptor: a FIFO, device or socket inside a whitelisted directory is refused at once.
//!     (`rust/core/tests/files.rs`: `only_regular_files_are_opened`)
//! 11. **Interruptible runs.** A run can be cancelled, and its sandbox closed, from any thread without
//!     waiting for it: the guest gets `KeyboardInterrupt` at once (also while sleeping or right after a
//!     host call returns) and is stopped outright `hard_grace` later; closing frees the instance as the
//!     run returns. A loop of slow host calls stops at `time_limit`, session intact. No binding method
//!     waits for its own run (re-entry from a host function is a `RuntimeError`), and `limits` never
//!     waits. (`rust/core/tests/cancel.rs`; `tests/test_engine_hardening.py`)
//! 12. **Compiled code.** The compiled guest module is loaded from the cache only from a directory and
//!     file owned by this user and writable by no one else; otherwise it is compiled in memory and the
//!     reason is recorded. (`engine::tests::a_cache_others_can_write_is_refused`)
//! 13. **Event loop** (the Datasette plugin). Datasette's event loop never waits for a guest: runs use the
//!     plugin's own bounded threads with per-actor and anonymous caps (over a cap, HTTP 429), and a
//!     sandbox leaving a pool (reset, eviction, idle expiry) is closed off the loop.
//!     (`tests/plugin/test_event_loop.py::test_reset_during_a_run_that_queries_an_in_memory_database_does_not_stall_the_server`,
//!     `tests/plugin/test_console.py::test_runs_over_the_anonymous_cap_get_a_429_with_retry_after_and_do_not_slow_actors`)
//! 14. **The SQL bridge is read-only.** No query writes, attaches a file, loads an extension, changes
//!     connection state or reads a host path, on a database file or on a database without a file: one
//!     set of rules (`sql::rules::authorize`) is SQLite's authorizer on every connection the bridge
//!     queries through, the engine's own and the embedder's. A database file that disappears is named by
//!     its database name only. (`tests/sql_bridge.rs`: `writes_attach_pragmas_and_load_extension_are_refused`,
//!     `a_vanished_database_file_never_reveals_its_host_path`; Python: `tests/test_sql.py::
//!     test_both_kinds_of_database_refuse_the_same_statements`)
//! 15. **One SQLite instance, so locking holds.** Database files are read through the SQLite library the
//!     embedder's own connections use (`sql::library`, proven at link time by a lock only that instance
//!     sees); the extension links no SQLite. A guest never reads a half-committed write and never makes a
//!     writer lose its lock. (`tests/test_sql.py`: `test_an_iteration_reads_one_snapshot_while_datasette_deletes`,
//!     `test_closing_bridge_connections_never_drops_datasettes_write_lock`,
//!     `test_a_library_that_does_not_see_pythons_locks_is_refused`)
//! 16. **Host memory of a query.** One query grows the host by about `query_byte_limit`, whatever the SQL
//!     asks SQLite to build: SQLite's length limit is the byte cap on every bridge connection, each value's
//!     size is checked before it is copied, and a query's open iterations end with its session.
//!     (`tests/sql_memory.rs::a_select_of_huge_values_does_not_grow_the_host`,
//!     `tests/sql_bridge.rs::iterations_are_released_when_a_hard_timeout_resets_the_session`; Python:
//!     `tests/test_sql.py::test_a_select_of_huge_values_fails_fast_without_growing_the_host`)
//! 17. **`fetch()` sees what the server sees.** The policy judges the path after the decoding servers do
//!     and refuses encoded `/`, `\`, dot segments and double encoding (also after redirects); the guest
//!     cannot set `Host` or the framing headers; a request ends within min(policy timeout, time left in the
//!     run). (`tests/test_network.py`)
//! 18. **Guest memory safety.** Guest code cannot make the interpreter read or write outside the object
//!     it operates on: an instance of a user subclass of a builtin type is always read through its
//!     native object (`(0,) + T((1, 2))` read past the instance), memoryviews never point into freed
//!     buffers, no `.mpy` bytecode is loaded and user code mounts no file system that could serve it,
//!     and recursion through C (comparing or printing self-containing containers) ends in
//!     `RecursionError` or CPython's `[...]`. WebAssembly contains any such bug, but inside the guest it
//!     forges objects, which any host decoder trusting guest bytes would turn into a chain.
//!     (`tests/test_guest_hardening.py`, `tests/guest_programs/builtin_subclasses.py`; patches 0030-0038)
//! 19. **Size arithmetic.** Every size product or sum in the guest is checked: a repeat, join or growth
//!     whose size does not fit 32 bits raises `OverflowError`/`MemoryError` (as a 32-bit CPython does)
//!     with the session intact, instead of allocating the wrapped-around size and writing past it.
//!     (`tests/test_guest_hardening.py::test_size_products_that_overflow_raise_instead_of_writing_past_buffers`)
//! 20. **SQL functions reach nothing and never hold a query.** A Python SQL function (`sql::functions`)
//!     runs in a sandbox of its own per connection, with no host functions, files, network or databases
//!     (it cannot re-enter SQLite); each call ends within its `time_limit + hard_grace` and its sandbox
//!     stays within `memory_limit`, a failure being the statement's SQL error, and the next call works.
//!     (`sql::functions::tests::function_sandboxes_reach_nothing`,
//!     `runaway_and_memory_bomb_end_in_bounded_time_then_the_connection_works`; Python:
//!     `tests/plugin/test_functions.py::test_hostile_code_is_refused`,
//!     `test_runaway_and_memory_bomb_are_sql_errors_in_bounded_time`)
//! 21. **Snapshots are only guest memory.** Restoring a snapshot writes its chunks into the new instance's
//!     linear memory and nowhere else; the host reads nothing from a snapshot but its header. Every header
//!     field is checked (magic, checksum, format and engine version, guest module hash, sizes consistent
//!     and the session within the restoring sandbox's `memory_limit`) before anything is allocated, the
//!     body's checksum and run table are verified before the new instance is made, and each run's
//!     decompression writes only into that run of the new instance's memory, which it must fill: damaged,
//!     truncated, forged or foreign input and decompression bombs are refused with a reason
//!     (`Error::Snapshot`), the sandbox untouched, within memory about the size of the new limit. A
//!     snapshot that passes holds at worst guest memory the guest could not have built itself, which the
//!     wasm boundary contains like any guest state. (`forged_snapshots_are_refused_or_stay_in_the_guest`;
//!     `rust/core/tests/engine/snapshot.rs`: `fuzzed_snapshots_are_refused_or_restored_never_harmful`,
//!     `decompression_bombs_are_bounded`)
//! 22. **Limits are the restorer's.** A restored or forked session runs under the limits of the sandbox
//!     that holds it, not those of the sandbox that took the snapshot: a session larger than the new
//!     `memory_limit` is refused, and the guest's own memory-limit word is the one the new sandbox gave
//!     it. An instance keeps no state outside its memory that a snapshot could miss (one mutable global,
//!     the empty shadow stack between runs; a fixed, never-written table; no passive data).
//!     (`restored_sessions_run_under_the_new_limits`; `snapshot::tests::the_instance_holds_no_state_outside_memory`)
//! 23. **Forks share only sealed pages.** A copy-on-write fork (`fork.rs`, Linux; from a session's
//!     second fork on) maps its parent's frozen layers privately from memfds sealed against writes,
//!     growth and shrinking before anything maps them, and the parent itself moves onto them the same
//!     way (the pages it writes later stay its own): a write on any side, in the parent, a child or a
//!     child's own fork, before or after any number of later layers, is never seen by another; every
//!     page a session wrote since its last layer reaches its next (the kernel's write-protect list,
//!     where it is used, may list too many pages, never too few; a layer that could not be made stops
//!     its use); a fork runs under its sandbox's time and memory limits (its engine's epoch ticks while
//!     it runs); its memory is its own reservation, inaccessible past its size and unmapped when it
//!     closes. (`forks_share_only_sealed_pages`, `layered_forks_keep_every_version`,
//!     `tracked_writes_all_reach_the_next_layer`)

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
            // long C operations check the interrupt (patches 0033, 0042)
            ("x = 3 ** 20000000", false),
            ("x = ('a' * 2_000_000).count('a' * 500_000 + 'b')", false),
            // each iteration one C comparison of 2 MB: the VM's own poll would come 4096 of them later
            ("a = b'a' * 2_000_000\nb = b'a' * 1_999_999 + b'b'\nwhile True:\n    a == b", false),
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
    fn forged_snapshots_are_refused_or_stay_in_the_guest() {
        let mut source = sandbox(Limits::default());
        source.run("secret = 'guest data' * 100", RunOptions::default()).unwrap();
        let good = source.snapshot().unwrap();
        let mut target = sandbox(Limits::default());
        target.run("mine = 1", RunOptions::default()).unwrap();
        // Every single-byte change of the header is refused, and the target keeps its session.
        for i in 0..crate::snapshot::HEADER_LEN {
            let mut forged = good.clone();
            forged[i] ^= 0x40;
            assert!(matches!(target.restore(&forged), Err(Error::Snapshot(_))), "byte {i}");
        }
        assert_eq!(value(&mut target, "mine"), "1");
        // A body rewritten to fill memory with 0xff, its run table and checksums consistent (as a forger
        // would make it): restored or refused, the host is unharmed and the sandbox keeps answering.
        let baseline = crate::snapshot::baseline().unwrap();
        let mut memory = baseline.image.clone();
        memory.resize(crate::snapshot::inspect(&good).unwrap().memory_size as usize, 0);
        for i in 0..64 {
            memory[i * 7 * crate::snapshot::CHUNK..(i * 7 + 1) * crate::snapshot::CHUNK].fill(0xff);
        }
        let forged = crate::snapshot::encode(&memory, &baseline.image, &[], 0);
        if target.restore(&forged).is_ok() {
            let _ = target.run("1 + 1", RunOptions::default());
        }
        target.reset().unwrap();
        assert_eq!(value(&mut target, "2 + 2"), "4");
    }

    #[test]
    fn restored_sessions_run_under_the_new_limits() {
        let mut roomy = sandbox(Limits { memory_limit: 128 << 20, ..Limits::default() });
        roomy.run("keep = bytearray(12_000_000)", RunOptions::default()).unwrap();
        let data = roomy.snapshot().unwrap();
        let mut tiny = sandbox(Limits { memory_limit: 8 << 20, ..Limits::default() });
        assert!(matches!(tiny.restore(&data), Err(Error::Snapshot(r)) if r.contains("memory_limit")));
        let limit = 20 << 20;
        let mut tight = sandbox(Limits { memory_limit: limit, ..Limits::default() });
        tight.restore(&data).unwrap();
        // The guest believes the new limit (it would think it may grow to 128 MiB with the old word).
        let free: usize = value(&mut tight, "import gc; gc.mem_free()").parse().unwrap();
        assert!(free < limit, "{free}");
        assert!(matches!(
            tight.run("more = bytearray(12_000_000)", RunOptions::default()),
            Err(Error::OutOfMemory { session_reset: false, .. })
        ));
        assert!(tight.memory_size().unwrap() <= limit);
        assert_eq!(value(&mut tight, "len(keep)"), "12000000");
        // A fork keeps its parent's limits.
        let mut child = tight.fork().unwrap();
        assert_eq!(child.limits().memory_limit, limit);
        let free: usize = value(&mut child, "import gc; gc.mem_free()").parse().unwrap();
        assert!(free < limit, "{free}");
    }

    #[test]
    fn forks_share_only_sealed_pages() {
        // Every fork after a run freezes a layer (none copies what the run wrote): the stacks are the subject.
        crate::fork::set_max_copied(0);
        let limits = Limits {
            memory_limit: 32 << 20,
            time_limit: Duration::from_millis(1000),
            hard_grace: Duration::from_millis(100),
            ..Limits::default()
        };
        let run = |sb: &mut Sandbox, code: &str| sb.run(code, RunOptions::default()).unwrap();
        let mut parent = sandbox(limits.clone());
        run(&mut parent, "rows = [str(i) * 20 for i in range(20000)]\nx = 1\nblob = bytearray(500_000)");
        // The first fork of a pooled session copies it; the second freezes it and moves the parent onto
        // the frozen pages, so that the fork after its next run freezes only what that run wrote.
        let mut copied = parent.fork().unwrap();
        let mut first = parent.fork().unwrap();
        assert_eq!((copied.frozen_depth(), first.frozen_depth(), parent.frozen_depth()), (None, Some(0), Some(0)));
        assert_eq!(value(&mut copied, "x, rows[5]"), "(1, '55555555555555555555')");
        run(&mut parent, "x = 2\nblob[1000] = 7\nrows[5] = 'parent'");
        let mut second = parent.fork().unwrap();
        let mut third = parent.fork().unwrap();
        assert_eq!((second.frozen_depth(), third.frozen_depth()), (Some(1), Some(1)));
        assert_eq!(value(&mut first, "x, blob[1000], rows[5]"), "(1, 0, '55555555555555555555')");
        assert_eq!(value(&mut second, "x, blob[1000], rows[5]"), "(2, 7, 'parent')");
        run(&mut first, "x = 10\nblob[1000] = 10\nrows[5] = 'first'");
        run(&mut second, "x = 20\nblob[1000] = 20\nrows.append('second')");
        let mut grandchild = first.fork().unwrap();
        assert_eq!(grandchild.frozen_depth(), Some(1));
        run(&mut grandchild, "x = 30\nblob[1000] = 30");
        assert_eq!(value(&mut parent, "x, blob[1000], rows[5], len(rows)"), "(2, 7, 'parent', 20000)");
        assert_eq!(value(&mut first, "x, blob[1000], rows[5]"), "(10, 10, 'first')");
        assert_eq!(value(&mut second, "x, blob[1000], len(rows)"), "(20, 20, 20001)");
        assert_eq!(value(&mut third, "x, blob[1000], len(rows)"), "(2, 7, 20000)");
        assert_eq!(value(&mut grandchild, "x, blob[1000], rows[5]"), "(30, 30, 'first')");
        // A fork's snapshot holds its whole state, the pages it maps from its parent included.
        let mut restored = sandbox(limits.clone());
        restored.restore(&grandchild.snapshot().unwrap()).unwrap();
        let code = "x, blob[1000], rows[5], rows[19999] == '19999' * 20";
        assert_eq!(value(&mut restored, code), "(30, 30, 'first', True)");
        // Closing the parent leaves its forks' pages in place.
        parent.close();
        assert_eq!(value(&mut third, "sum(len(r) for r in rows)"), "1777786");
        // The limits hold in a fork: its engine's epoch ticks, its memory stops at memory_limit.
        let started = Instant::now();
        assert!(matches!(third.run("while True: pass", RunOptions::default()), Err(Error::Timeout { .. })));
        assert!(started.elapsed() < limits.time_limit + limits.hard_grace + engine::EPOCH_TICK * 5);
        assert!(matches!(
            third.run("more = bytearray(40_000_000)", RunOptions::default()),
            Err(Error::OutOfMemory { session_reset: false, .. })
        ));
        assert!(third.memory_size().unwrap() <= limits.memory_limit);
        third.reset().unwrap();
        assert_eq!(value(&mut third, "'x' in globals()"), "False");
    }

    /// Run-then-fork, again and again past the depth where the stack is compacted: every child keeps the
    /// version it was forked at while the parent and its siblings go on writing, and a snapshot of the
    /// parent and of a deep child restores whole.
    #[test]
    fn layered_forks_keep_every_version() {
        // Every fork after a run freezes a layer (none copies what the run wrote): the stacks are the subject.
        crate::fork::set_max_copied(0);
        let run = |sb: &mut Sandbox, code: &str| sb.run(code, RunOptions::default()).unwrap();
        let mut parent = sandbox(Limits::default());
        run(&mut parent, "log = []\nbig = [str(i) * 10 for i in range(30000)]\ndef step(n):\n    log.append(n)\n    big[n] = 'v%d' % n\n    return len(log)");
        let mut children = Vec::new();
        let mut depths = Vec::new();
        for n in 0..(crate::fork::MAX_DEPTH as usize * 2 + 3) {
            run(&mut parent, &format!("step({n})"));
            let mut child = parent.fork().unwrap();
            depths.push(child.frozen_depth());
            // Writes in the child must not reach the parent or the children forked before or after it.
            run(&mut child, &format!("big[{n}] = 'child'\nlog.append(-1)"));
            children.push(child);
        }
        // The first fork copied, the second froze the session whole, later ones added layers up to the
        // limit, where the layers above the bottom were merged into one.
        assert_eq!(depths[0], None);
        assert!(depths[1..].iter().all(|d| d.is_some_and(|d| d < crate::fork::MAX_DEPTH)), "{depths:?}");
        assert!(depths.windows(2).any(|w| w[0] > w[1] && w[1] == Some(1)), "never compacted: {depths:?}");
        for (n, child) in children.iter_mut().enumerate() {
            let expected = format!("({}, 'child', -1, 'v{}', '{}')", n + 2, n.saturating_sub(1), "29999".repeat(10));
            let code =
                format!("len(log), big[{n}], log[-1], big[{}] if {n} else 'v0', big[29999]", n.saturating_sub(1));
            assert_eq!(value(child, &code), expected, "child {n}");
        }
        let n = children.len();
        assert_eq!(value(&mut parent, "len(log), log[-1], big[0]"), format!("({n}, {}, 'v0')", n - 1));
        for source in [&mut parent, children.last_mut().unwrap()] {
            let expected = value(source, "len(log), log[-1], sum(len(s) for s in big)");
            let mut restored = sandbox(Limits::default());
            restored.restore(&source.snapshot().unwrap()).unwrap();
            assert_eq!(value(&mut restored, "len(log), log[-1], sum(len(s) for s in big)"), expected);
        }
    }

    /// Forks over stacks merged above their bottom layer and over stacks compacted whole (`fork.rs`),
    /// three generations deep, with every side writing after each fork: no write reaches another side,
    /// in either direction, and each child keeps the state it was forked in.
    #[test]
    fn merged_layers_keep_forks_apart() {
        // Every fork after a run freezes a layer (none copies what the run wrote): the stacks are the subject.
        crate::fork::set_max_copied(0);
        let run = |sb: &mut Sandbox, code: &str| sb.run(code, RunOptions::default()).unwrap();
        let mut parent = sandbox(Limits::default());
        run(&mut parent, "cells = [0] * 64\nbig = [str(i) * 10 for i in range(20000)]");
        parent.fork().unwrap();
        parent.fork().unwrap();
        let mut families = Vec::new();
        let mut depths = Vec::new();
        let steps = crate::fork::MAX_DEPTH as usize * 2 + 2;
        for n in 0..steps {
            run(&mut parent, &format!("cells[{n}] = {n}\nbig[{n} * 500] = 'p{n}'"));
            let mut child = parent.fork().unwrap();
            depths.push(child.frozen_depth());
            // After the fork, each side writes where the other reads.
            run(&mut parent, &format!("cells[63] = {}\nbig[1] = 'after{n}'", 100 + n));
            run(&mut child, &format!("cells[62] = {}\nbig[2] = 'child{n}'", -(n as i64) - 1));
            let mut grandchild = child.fork().unwrap();
            run(&mut child, "cells[60] = 'c'\nbig[3] = 'c'");
            run(&mut grandchild, "cells[61] = 'g'\nbig[4] = 'g'");
            // A third generation, forked after the grandchild wrote.
            let mut great = grandchild.fork().unwrap();
            run(&mut great, "cells[59] = 'gg'");
            run(&mut grandchild, "cells[58] = 'g2'");
            families.push((child, grandchild, great));
        }
        // Full stacks were merged into one layer over the bottom (depth 1), not compacted whole.
        let full = Some(crate::fork::MAX_DEPTH - 1);
        assert!(depths.windows(2).any(|w| w[0] == full && w[1] == Some(1)), "never merged: {depths:?}");
        for (n, (child, grandchild, great)) in families.iter_mut().enumerate() {
            let before = if n == 0 { 0 } else { 99 + n };
            let big1 = if n == 0 { "'1111111111'".to_string() } else { format!("'after{}'", n - 1) };
            let mine = -(n as i64) - 1;
            let ours = format!("cells[{n}], cells[{}], cells[63], big[{n} * 500], big[1], big[2]", n + 1);
            let expected = format!("({n}, 0, {before}, 'p{n}', {big1}, 'child{n}')");
            let theirs = "cells[62], cells[61], cells[60], cells[59], cells[58], big[3], big[4]";
            for (name, sb, own) in [
                ("child", &mut *child, format!("({mine}, 0, 'c', 0, 0, 'c', '4444444444')")),
                ("grandchild", &mut *grandchild, format!("({mine}, 'g', 0, 0, 'g2', '3333333333', 'g')")),
                ("great-grandchild", &mut *great, format!("({mine}, 'g', 0, 'gg', 0, '3333333333', 'g')")),
            ] {
                assert_eq!(value(sb, &ours), expected, "{name} {n}");
                assert_eq!(value(sb, theirs), own, "{name} {n}");
            }
        }
        let last = 100 + steps - 1;
        let parent_view = "cells[63], cells[62], cells[61], cells[60], cells[59], cells[58], big[2], big[3], big[4]";
        let expected = format!("({last}, 0, 0, 0, 0, 0, '2222222222', '3333333333', '4444444444')");
        assert_eq!(value(&mut parent, parent_view), expected);
        // A run that rewrites more than half of the bottom at a full stack: compacted whole.
        let mut kept = Vec::new();
        while parent.frozen_depth() != full {
            run(&mut parent, "cells[57] = 'fill'");
            kept.push(parent.fork().unwrap());
        }
        run(&mut parent, "blob = bytearray(8_000_000)\nblob[-1] = 5\ncells[57] = 'whole'");
        let mut whole = parent.fork().unwrap();
        assert_eq!(whole.frozen_depth(), Some(0));
        run(&mut whole, "blob[-1] = 6\ncells[57] = 'mine'");
        run(&mut parent, "blob[-1] = 7");
        assert_eq!(value(&mut whole, "blob[-1], cells[57], cells[63]"), format!("(6, 'mine', {last})"));
        assert_eq!(value(&mut parent, "blob[-1], cells[57]"), "(7, 'whole')");
        if let Some(filled) = kept.first_mut() {
            assert_eq!(value(filled, "cells[57], 'blob' in globals()"), "('fill', False)");
        }
        let (child, _, great) = families.last_mut().unwrap();
        assert_eq!(value(child, "cells[57], cells[60], 'blob' in globals()"), "(0, 'c', False)");
        assert_eq!(value(great, "cells[59], 'blob' in globals()"), "('gg', False)");
    }

    /// The fork after a run freezes the pages the kernel says the session wrote since its last layer
    /// (`fork::WriteTracker`), without remapping them: every write reaches the next layer, also in
    /// memory the session grew into since, and also after a fork whose layer could not use the list.
    #[test]
    fn tracked_writes_all_reach_the_next_layer() {
        // Every fork after a run freezes a layer (none copies what the run wrote): the stacks are the subject.
        crate::fork::set_max_copied(0);
        let run = |sb: &mut Sandbox, code: &str| sb.run(code, RunOptions::default()).unwrap();
        let mut parent = sandbox(Limits::default());
        run(&mut parent, "grown = []\nsmall = list(range(1000))");
        parent.fork().unwrap();
        parent.fork().unwrap();
        let tracked = parent.write_tracked();
        if !tracked {
            eprintln!("this kernel or process has no asynchronous write-protect userfaultfd: forks remap");
        }
        let mut children = Vec::new();
        for n in 0..12 {
            // Scattered writes, and every third step a few hundred KB more memory.
            let grow = if n % 3 == 0 { "grown.append(bytearray([n % 251]) * 300_000)\n" } else { "" };
            run(&mut parent, &format!("n = {n}\n{grow}small[n * 70] = -n\ngrown[-1][1000 + n * 4099] = 7"));
            children.push(parent.fork().unwrap());
            // The tracker's list served every layer (and the compaction past the deepest).
            assert_eq!(parent.write_tracked(), tracked);
        }
        for (n, child) in children.iter_mut().enumerate() {
            let code = "n, len(grown), small[n * 70], grown[-1][1000 + n * 4099], sum(grown[-1][:1000])";
            let last = n / 3 * 3;
            let expected = format!("({n}, {}, {}, 7, {})", n / 3 + 1, -(n as i64), (last % 251) * 1000);
            assert_eq!(value(child, code), expected, "child {n}");
        }
    }

    /// A fork after a run that wrote a few pages copies them into the child over the parent's layers
    /// (`fork::max_copied`), and a fork with no run before it freezes them as a layer: through both,
    /// over three generations and in memory grown since the top layer, no side's write reaches another,
    /// and a copied child's snapshot restores whole.
    #[test]
    fn copied_writes_keep_forks_apart() {
        let run = |sb: &mut Sandbox, code: &str| sb.run(code, RunOptions::default()).unwrap();
        let mut parent = sandbox(Limits::default());
        run(&mut parent, "cells = [0] * 64\nbig = [str(i) * 10 for i in range(20000)]");
        parent.fork().unwrap();
        parent.fork().unwrap();
        let base = parent.frozen_depth();
        assert_eq!(base, Some(0));
        let mut families = Vec::new();
        for n in 0..6 {
            run(&mut parent, &format!("cells[{n}] = {n}\nbig[{n} * 500] = 'p{n}'"));
            let mut child = parent.fork().unwrap();
            // Copied: no layer was made on either side.
            assert_eq!((child.frozen_depth(), parent.frozen_depth()), (base, base), "fork {n}");
            run(&mut parent, &format!("cells[63] = {}\nbig[1] = 'after{n}'", 100 + n));
            run(&mut child, &format!("cells[62] = {}\nbig[2] = 'child{n}'", -n - 1));
            // The child's copied pages and its own writes reach its first layer.
            let mut grandchild = child.fork().unwrap();
            run(&mut grandchild, "cells[61] = 'g'\nbig[3] = 'g'");
            run(&mut child, "cells[60] = 'c'");
            let great = grandchild.fork().unwrap();
            run(&mut grandchild, "cells[59] = 'g2'");
            families.push((child, grandchild, great));
        }
        for (n, (child, grandchild, great)) in families.iter_mut().enumerate() {
            let before = if n == 0 { 0 } else { 99 + n };
            let big1 = if n == 0 { "'1111111111'".to_string() } else { format!("'after{}'", n - 1) };
            let ours = format!("cells[{n}], cells[{}], cells[63], big[{n} * 500], big[1], cells[62], big[2]", n + 1);
            let expected = format!("({n}, 0, {before}, 'p{n}', {big1}, {}, 'child{n}')", -(n as i64) - 1);
            let theirs = "cells[61], cells[60], cells[59], big[3]";
            for (name, sb, own) in [
                ("child", &mut *child, "(0, 'c', 0, '3333333333')"),
                ("grandchild", &mut *grandchild, "('g', 0, 'g2', 'g')"),
                ("great-grandchild", &mut *great, "('g', 0, 0, 'g')"),
            ] {
                assert_eq!(value(sb, &ours), expected, "{name} {n}");
                assert_eq!(value(sb, theirs), own, "{name} {n}");
            }
        }
        let parent_view = "cells[:6], cells[59:64], big[2], big[3]";
        let expected = "([0, 1, 2, 3, 4, 5], [0, 0, 0, 0, 105], '2222222222', '3333333333')";
        assert_eq!(value(&mut parent, parent_view), expected);
        // Forked again with no run between: the pages the last fork copied become a layer both map.
        run(&mut parent, "cells[6] = 'six'");
        let mut copied = parent.fork().unwrap();
        let mut layered = parent.fork().unwrap();
        assert_eq!((copied.frozen_depth(), layered.frozen_depth()), (base, Some(1)));
        run(&mut copied, "cells[6] = 'copied'");
        run(&mut parent, "cells[6] = 'parent'");
        assert_eq!(value(&mut layered, "cells[6], cells[5]"), "('six', 5)");
        assert_eq!(value(&mut copied, "cells[6], cells[5]"), "('copied', 5)");
        // Memory grown since the top layer is copied too (a larger allowance, so that it is).
        crate::fork::set_max_copied(1 << 20);
        let size = parent.memory_size().unwrap();
        run(&mut parent, "blob = bytearray(range(256)) * 40000\nblob[-1] = 9");
        assert!(parent.memory_size().unwrap() > size);
        let mut grown = parent.fork().unwrap();
        assert_eq!(grown.frozen_depth(), Some(1));
        run(&mut parent, "blob[-1] = 1\nblob[5] = 1");
        assert_eq!(
            value(&mut grown, "len(blob), blob[-1], blob[5], sum(blob[:512]), cells[6]"),
            "(10240000, 9, 5, 65280, 'parent')"
        );
        run(&mut grown, "blob[-2] = 3");
        assert_eq!(value(&mut parent, "blob[-2], blob[-1], blob[5]"), "(254, 1, 1)");
        // A copied child's snapshot holds the pages it copied and those it maps.
        let mut restored = sandbox(Limits::default());
        restored.restore(&grown.snapshot().unwrap()).unwrap();
        assert_eq!(
            value(&mut restored, "blob[-2], blob[-1], cells[6], big[19999] == '19999' * 10"),
            "(3, 9, 'parent', True)"
        );
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
