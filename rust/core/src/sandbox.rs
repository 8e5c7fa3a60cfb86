//! One sandbox: a Wasmtime store holding one MicroPython instance (one persistent session), its
//! limits and its host functions. Runs are synchronous on the caller's thread; a `Sandbox` is `Send`,
//! and callers that share one serialize access to it (the bindings hold it in a mutex). Other threads
//! interrupt a run through its [`RunControl`] (`Sandbox::control`), which needs no lock: `cancel`
//! stops the run in progress, `close` stops it and frees the instance when it returns.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use wasmtime::{Store, Trap, TypedFunc, UpdateDeadline};

use crate::codec::{self, Value};
use crate::engine::{self, Runtime};
use crate::error::{Error, GuestException, Output};
use crate::files::{FileOp, Files, FILE_OPS};
use crate::host::{HostFunction, HostFunctions, HostState, RunControl};
use crate::limits::Limits;
use crate::snapshot;
use crate::sql::{Databases, SqlOp, SQL_OPS};

const EXEC_EVAL_TRAILING: i32 = 1;
const EXEC_COMPILE_ONLY: i32 = 2;
const WASM_PAGE: usize = 65536;

/// How a snippet is run.
#[derive(Clone, Copy, Debug, Default)]
pub struct RunOptions {
    /// Report the `repr` of a trailing expression, REPL style.
    pub eval_trailing: bool,
    /// Only compile: report syntax errors, run nothing.
    pub compile_only: bool,
}

/// A successful run.
#[derive(Debug)]
pub struct RunResult {
    pub output: Output,
    /// `repr` of the trailing expression, when asked for and it was not `None`.
    pub value: Option<String>,
    pub duration: Duration,
}

/// A successful `call`.
#[derive(Debug)]
pub struct CallResult {
    pub output: Output,
    pub value: Value,
    pub duration: Duration,
}

/// The guest's exports this module calls.
struct Exports {
    buffer: TypedFunc<i32, i32>,
    exec: TypedFunc<(i32, i32, i32), i32>,
    call: TypedFunc<(i32, i32, i32, i32), i32>,
    gc: TypedFunc<(), ()>,
}

/// A live session: the store and the handles into its instance.
struct Session {
    store: Store<HostState>,
    exports: Exports,
    /// The runtime whose engine made the store: its epoch must tick while the session runs.
    runtime: &'static Runtime,
    /// The frozen layer the memory maps (`fork.rs`), when it is a fork's or was frozen for one.
    #[cfg(target_os = "linux")]
    layers: Option<Arc<crate::fork::Frozen>>,
    /// The pages written since the top layer was frozen, for a session that forks (`fork.rs`).
    #[cfg(target_os = "linux")]
    tracker: Option<crate::fork::WriteTracker>,
    /// Runs of chunks written since the top layer that the tracker listed and no layer holds: the last
    /// fork's child copied them (`Sandbox::freeze`).
    #[cfg(target_os = "linux")]
    unfrozen: Vec<(u32, u32)>,
}

impl Session {
    fn memory(&self) -> &[u8] {
        self.store.data().memory.expect("set at start").data(&self.store)
    }

    /// Grows the memory to `len` bytes (whole wasm pages, at least its size), through the store's limiter.
    fn grow_memory_to(&mut self, len: usize) -> wasmtime::Result<()> {
        let memory = self.store.data().memory.expect("set at start");
        let pages = (len - memory.data_size(&self.store)) / WASM_PAGE;
        memory.grow(&mut self.store, pages as u64).map(|_| ())
    }

    /// The runs of chunks that may differ from a fresh instance (see `snapshot::runs_to_copy`).
    fn runs_to_copy(&self, image: &[u8]) -> Vec<(u32, u32)> {
        snapshot::runs_to_copy(self.memory(), image, self.mapped_runs())
    }

    /// The runs of a bottom layer freezing this session whole ([`crate::fork::bottom_runs`]).
    #[cfg(target_os = "linux")]
    fn bottom_runs(&self, image: &[u8]) -> Vec<(u32, u32)> {
        crate::fork::bottom_runs(&self.runs_to_copy(image), image, self.memory().len())
    }

    /// Chunks mapped from frozen layers: the session's state though the kernel does not list them as
    /// written.
    fn mapped_runs(&self) -> &[(u32, u32)] {
        #[cfg(target_os = "linux")]
        if let Some(layers) = &self.layers {
            return &layers.all_runs;
        }
        &[]
    }
}

/// Why a trap happened, when it was our doing.
#[derive(Debug)]
struct HardStop;

impl std::fmt::Display for HardStop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "hard time limit reached")
    }
}

impl std::error::Error for HardStop {}

pub struct Sandbox {
    runtime: &'static Runtime,
    limits: Limits,
    /// Host functions registered by the embedder: bound as guest builtins.
    functions: HostFunctions,
    /// The engine's own host functions (files, SQL), called only by frozen guest modules.
    internal: HostFunctions,
    /// Setup code run in every fresh session after the builtins are bound (mounting files ...).
    setup: Vec<&'static str>,
    files: Option<Arc<Files>>,
    /// The attached databases: their open iterations end with the session that opened them.
    databases: Option<Arc<Databases>>,
    session: Option<Session>,
    /// The session changed since its top frozen layer (`fork.rs`) was made: the next fork freezes again.
    #[cfg(target_os = "linux")]
    changed: bool,
    /// A fork copied this sandbox's session (in a pooled instance): the next fork freezes it instead.
    #[cfg(target_os = "linux")]
    copied: bool,
    control: Arc<RunControl>,
}

impl Sandbox {
    /// Creates a sandbox with a fresh session. Limits are validated first.
    pub fn new(limits: Limits) -> Result<Sandbox, Error> {
        limits.validate()?;
        let runtime = engine::runtime(limits.fuel.is_some())?;
        let mut sandbox = Sandbox {
            runtime,
            limits: limits.clone(),
            functions: HostFunctions::new(),
            internal: HostFunctions::new(),
            setup: Vec::new(),
            files: None,
            databases: None,
            session: None,
            #[cfg(target_os = "linux")]
            changed: true,
            #[cfg(target_os = "linux")]
            copied: false,
            control: Arc::new(RunControl::new(limits.hard_grace)),
        };
        sandbox.session = Some(sandbox.start_session()?);
        Ok(sandbox)
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The handle other threads use to cancel a run in progress or close the sandbox, without waiting
    /// for the run (they cannot take `&mut self` while it runs).
    pub fn control(&self) -> Arc<RunControl> {
        self.control.clone()
    }

    /// Interrupts the run in progress (there is none while `&self` is borrowed here, so this is for
    /// completeness; use [`Sandbox::control`] from other threads). Returns whether a run was cancelled.
    pub fn cancel(&self) -> bool {
        self.control.cancel()
    }

    /// Exposes `function` to guest code as the builtin `name`.
    pub fn register(&mut self, name: &str, function: Arc<dyn HostFunction>) -> Result<(), Error> {
        if !is_identifier(name) {
            return Err(Error::InvalidArgument {
                param: "name",
                message: format!("{name:?} is not a valid Python identifier"),
            });
        }
        self.session_mut()?;
        self.functions.insert(name.to_string(), function);
        let all = self.all_functions();
        let session = self.session.as_mut().expect("checked above");
        session.store.data_mut().functions = all;
        bind_builtins(session, &[name])
    }

    /// Adds engine functions for frozen guest modules, and setup code run now and in every new session.
    fn add_internal(&mut self, functions: HostFunctions, setup: &'static str) -> Result<(), Error> {
        self.session_mut()?;
        self.internal.extend(functions);
        self.setup.push(setup);
        let all = self.all_functions();
        let session = self.session.as_mut().expect("checked above");
        session.store.data_mut().functions = all;
        run_setup(session, setup)
    }

    fn all_functions(&self) -> HostFunctions {
        self.internal.iter().chain(&self.functions).map(|(k, v)| (k.clone(), v.clone())).collect()
    }

    /// Gives guest code the whitelisted files (`open`, `os.listdir`, `os.stat` ...), mounted at `/`.
    pub fn mount_files(&mut self, mut files: Files) -> Result<(), Error> {
        files.set_write_limit(self.limits.file_write_limit);
        let files = Arc::new(files);
        self.add_internal(file_functions(&files, &self.limits), MOUNT_FILES)?;
        self.files = Some(files);
        Ok(())
    }

    /// Gives guest code read-only access to `databases` through its `datasette` module.
    pub fn attach_databases(&mut self, databases: Databases) -> Result<(), Error> {
        let databases = Arc::new(databases);
        self.add_internal(sql_functions(&databases), "")?;
        self.databases = Some(databases);
        Ok(())
    }

    /// Files guest code wrote, by guest path (they live in memory; host files never change).
    pub fn written_files(&self) -> BTreeMap<String, Vec<u8>> {
        self.files.as_ref().map(|f| f.written()).unwrap_or_default()
    }

    /// Runs `code` in the session's globals.
    pub fn run(&mut self, code: &str, options: RunOptions) -> Result<RunResult, Error> {
        let mut flags = 0;
        if options.eval_trailing {
            flags |= EXEC_EVAL_TRAILING;
        }
        if options.compile_only {
            flags |= EXEC_COMPILE_ONLY;
        }
        let (outcome, duration) = self.invoke(|session| {
            let ptr = write_input(session, &[code.as_bytes()])?;
            session.exports.exec.call(&mut session.store, (ptr, code.len() as i32, flags))
        })?;
        let session = self.session.as_mut().expect("invoke keeps a session");
        let output = session.store.data_mut().run.take_output();
        let value = session.store.data_mut().run.value.take();
        let status = self.check_status(outcome, &output);
        self.unless_closed()?;
        status?;
        Ok(RunResult { output, value, duration })
    }

    /// Calls the guest's global function `name` with `args`; returns its result.
    pub fn call(&mut self, name: &str, args: &[Value]) -> Result<CallResult, Error> {
        let payload = codec::encode(&Value::List(args.to_vec()));
        let mut encoded = Vec::new();
        let (output, duration) = self.call_encoded(name, &payload, &mut encoded)?;
        let value = match codec::decode(&encoded) {
            Ok(value) => value,
            Err(codec::DecodeError::TooDeep) => {
                // The guest encodes any depth; the host refuses to rebuild more than MAX_DEPTH levels.
                // Nothing went wrong in the guest: its session is intact.
                let message = format!(
                    "the return value of {name}() is nested deeper than {} levels, which cannot be passed \
                     to the host",
                    codec::MAX_DEPTH
                );
                return Err(guest_value_error(message, output));
            }
            Err(e) => {
                // Bytes the guest's own encoder cannot produce: its memory is not to be trusted.
                self.session = Some(self.start_session()?);
                return Err(Error::Crashed { message: e.to_string(), output: Box::new(output) });
            }
        };
        Ok(CallResult { output, value, duration })
    }

    /// Calls the guest's global function `name` with `args`, the codec bytes of a list; on success
    /// `result` holds the codec bytes of its return value, and the call's output and duration are
    /// returned. The call path of SQL functions, where every call counts: their arguments go from SQLite
    /// straight into codec form and the result from codec form into SQLite, with no `Value` tree either
    /// way, and `result`'s buffer is reused by the next call (it receives the guest's result pieces).
    pub fn call_encoded(&mut self, name: &str, args: &[u8], result: &mut Vec<u8>) -> Result<(Output, Duration), Error> {
        let mut buffer = std::mem::take(result);
        buffer.clear();
        let (outcome, duration) = self.invoke(|session| {
            session.store.data_mut().run.encoded = Some(buffer);
            let ptr = write_input(session, &[name.as_bytes(), args])?;
            let name_len = name.len() as i32;
            session.exports.call.call(&mut session.store, (ptr, name_len, ptr + name_len, args.len() as i32))
        })?;
        let session = self.session.as_mut().expect("invoke keeps a session");
        let run = &mut session.store.data_mut().run;
        let output = run.take_output();
        let too_large = run.result_too_large;
        *result = run.encoded.take().unwrap_or_default();
        let status = self.check_status(outcome, &output);
        self.unless_closed()?;
        status?;
        if too_large {
            let message = format!(
                "the return value of {name}() is over the host_payload_limit of {} bytes",
                self.limits.host_payload_limit
            );
            return Err(guest_value_error(message, output));
        }
        Ok((output, duration))
    }

    /// Runs a full garbage collection in the guest.
    pub fn collect_garbage(&mut self) -> Result<(), Error> {
        let (outcome, _) = self.invoke(|session| session.exports.gc.call(&mut session.store, ()).map(|()| 0))?;
        let status = self.check_status(outcome, &Output::default());
        self.unless_closed()?;
        status
    }

    /// Discards the session's state and starts a fresh one (host functions stay registered).
    pub fn reset(&mut self) -> Result<(), Error> {
        self.session_mut()?;
        self.session = Some(self.start_session()?);
        Ok(())
    }

    /// Frees the instance. Every later call fails with `Error::Closed`.
    pub fn close(&mut self) {
        self.control.close();
        self.session = None;
        if let Some(databases) = &self.databases {
            databases.close_cursors();
        }
    }

    pub fn is_closed(&self) -> bool {
        self.session.is_none() || self.control.is_closed()
    }

    /// Frees the instance when another thread closed the sandbox (through its control) meanwhile.
    fn unless_closed(&mut self) -> Result<(), Error> {
        if self.control.is_closed() {
            self.session = None;
            return Err(Error::Closed);
        }
        Ok(())
    }

    /// The session's whole state as bytes (`snapshot.rs`): its memory where it differs from a fresh
    /// instance, compressed, under a header naming the format, engine and guest module. Host functions,
    /// files and databases are not in it: they are given again to the sandbox that restores it.
    pub fn snapshot(&mut self) -> Result<Vec<u8>, Error> {
        let flags = if self.files.is_some() { snapshot::FLAG_FILES } else { 0 };
        let baseline = snapshot::baseline()?;
        let session = self.live_session()?;
        let mapped = session.mapped_runs();
        Ok(snapshot::encode(session.memory(), &baseline.image, mapped, flags))
    }

    /// Replaces the session with the one `data` holds (from `snapshot`), under this sandbox's limits,
    /// host functions, files and databases. `data` is written into a new instance, which replaces the
    /// session only once all of it was accepted: when it is refused (`Error::Snapshot`, with the reason)
    /// the current session is untouched.
    pub fn restore(&mut self, data: &[u8]) -> Result<(), Error> {
        self.session_mut()?;
        let decoded = snapshot::decode(data, self.limits.memory_limit)?;
        let files_mounted = decoded.header.files_mounted();
        if files_mounted && self.files.is_none() {
            return Err(Error::Snapshot(
                "the session had files mounted: give the restoring sandbox files too (its open() calls the \
                 file functions)"
                    .into(),
            ));
        }
        let baseline = snapshot::baseline()?;
        if decoded.header.memory_size < baseline.image.len() as u64 {
            return Err(Error::Snapshot(format!(
                "invalid memory size {}: a session starts with {} bytes",
                decoded.header.memory_size,
                baseline.image.len()
            )));
        }
        let mut session = self.instantiate(self.runtime, false)?;
        session.grow_memory_to(decoded.header.memory_size as usize).map_err(|e| {
            Error::Snapshot(format!("cannot give the session its {} bytes of memory: {e}", decoded.header.memory_size))
        })?;
        let memory = session.store.data().memory.expect("set at start").data_mut(&mut session.store);
        // The limit word mp_session_init just wrote from this sandbox's memory_limit is kept.
        let word = baseline.limit_word..baseline.limit_word + 4;
        let limit: [u8; 4] = memory[word.clone()].try_into().expect("4 bytes");
        decoded.write_into(memory)?;
        memory[word].copy_from_slice(&limit);
        // The snapshot is good: the current session's open iterations end with it.
        if let Some(databases) = &self.databases {
            databases.close_cursors();
        }
        // Capabilities are this sandbox's: its host functions are bound again (a function the snapshot's
        // sandbox had and this one lacks raises in the guest when called); its files are mounted unless
        // the snapshot's guest already mounted its root.
        // This runs code in the restored memory, so under the run's deadlines with the epoch ticking.
        let _ticking = self.runtime.run_guard();
        let names: Vec<&str> = self.functions.keys().map(String::as_str).collect();
        let setup = bind_builtins(&mut session, &names).and_then(|()| {
            self.setup
                .iter()
                .filter(|code| !(files_mounted && **code == MOUNT_FILES))
                .try_for_each(|code| run_setup(&mut session, code))
        });
        if let Err(e) = setup {
            return Err(Error::Snapshot(format!("the restored session could not take its host functions: {e}")));
        }
        self.session = Some(session);
        Ok(())
    }

    /// An independent sandbox in the same state, with the same limits and host functions, and its own
    /// copies of the written files and of the databases' handles: the two share nothing afterwards
    /// (host functions are the embedder's callables, shared as capabilities). The memory is copied
    /// straight from this session where it wrote (or, where the kernel cannot tell, where it differs from
    /// the copy-on-write image), without compression; on Linux, from the second fork of a session on, the
    /// child maps its frozen memory copy-on-write instead, and later forks freeze only what the session
    /// wrote since (`fork.rs`).
    pub fn fork(&mut self) -> Result<Sandbox, Error> {
        let baseline = snapshot::baseline()?;
        let files = self.files.as_ref().map(|f| Arc::new(f.fork()));
        let databases = self.databases.as_ref().map(|d| Arc::new(d.fork()));
        let mut internal = HostFunctions::new();
        if let Some(files) = &files {
            internal.extend(file_functions(files, &self.limits));
        }
        if let Some(databases) = &databases {
            internal.extend(sql_functions(databases));
        }
        let mut child = Sandbox {
            runtime: self.runtime,
            limits: self.limits.clone(),
            functions: self.functions.clone(),
            internal,
            setup: self.setup.clone(),
            files,
            databases,
            session: None,
            #[cfg(target_os = "linux")]
            changed: true,
            #[cfg(target_os = "linux")]
            copied: false,
            control: Arc::new(RunControl::new(self.limits.hard_grace)),
        };
        let session = match self.mapped_fork(&child, baseline)? {
            Some((session, exact)) => {
                // Where the child's memory is exactly its top layer, its own forks map it until it changes.
                #[cfg(target_os = "linux")]
                {
                    child.changed = !exact;
                }
                session
            }
            None => self.copied_fork(&child, baseline)?,
        };
        child.session = Some(session);
        Ok(child)
    }

    /// The child's session mapping this session's frozen layers, freezing what the session wrote since
    /// its last freeze first; `None` where the kernel cannot do it, and for the first fork of a pooled
    /// session since it changed (then the memory is copied).
    #[cfg(target_os = "linux")]
    fn mapped_fork(
        &mut self,
        child: &Sandbox,
        baseline: &snapshot::Baseline,
    ) -> Result<Option<(Session, bool)>, Error> {
        let Ok(image) = crate::fork::image_file(&baseline.image) else { return Ok(None) };
        let Some((top, copy)) = self.freeze(baseline, image)? else { return Ok(None) };
        let mut session = child.mapped_session(image, baseline.image.len(), top)?;
        if !copy.is_empty() {
            let source = self.live_session()?.memory();
            session
                .grow_memory_to(source.len())
                .map_err(|e| Error::Engine(format!("cannot give the fork {} bytes of memory: {e}", source.len())))?;
            let target = session.store.data().memory.expect("set at start").data_mut(&mut session.store);
            copy_runs(target, source, &copy);
        }
        Ok(Some((session, copy.is_empty())))
    }

    #[cfg(not(target_os = "linux"))]
    fn mapped_fork(
        &mut self,
        _child: &Sandbox,
        _baseline: &snapshot::Baseline,
    ) -> Result<Option<(Session, bool)>, Error> {
        Ok(None)
    }

    /// The session's memory as a stack of frozen layers that it maps itself, for forks to map, and the
    /// runs of chunks written since its top layer that the child copies over them; `None` when the fork
    /// should copy instead.
    ///
    /// A pooled session is copied at its first fork: freezing it whole costs a little more than a copy
    /// (1.6 against 1.4 ms for a 1 MB session, median, measured), and most sessions are never forked
    /// twice. At the second, it is frozen whole and moved onto the frozen pages (a new instance mapping
    /// them). From then on the kernel lists only the pages the session writes. The fork after a run
    /// hands the child those pages to copy while they are few ([`fork::max_copied`]), and freezes them
    /// as a new layer once they are more, or when the session is forked again without a run between
    /// (then the layer serves every later fork); a stack [`fork::MAX_DEPTH`] deep is merged over its
    /// bottom layer (or compacted whole, see `fork.rs`).
    #[cfg(target_os = "linux")]
    fn freeze(
        &mut self,
        baseline: &snapshot::Baseline,
        image: &'static std::fs::File,
    ) -> Result<Option<ForkSource>, Error> {
        use crate::fork::{self, Frozen};

        let (changed, copied) = (self.changed, self.copied);
        let session = self.live_session()?;
        let Some(top) = session.layers.clone() else {
            // A pooled session.
            if !copied || !Frozen::may_make_another() {
                self.copied = true;
                return Ok(None);
            }
            let Ok(frozen) = Frozen::new(session.memory(), session.bottom_runs(&baseline.image), None) else {
                return Ok(None);
            };
            let frozen = Arc::new(frozen);
            let mut session = self.mapped_session(image, baseline.image.len(), frozen.clone())?;
            // Its memory holds exactly the frozen layer: track its writes from here.
            session.tracker = fork::WriteTracker::new(session.memory()).ok();
            self.session = Some(session);
            self.changed = false;
            return Ok(Some((frozen, Vec::new())));
        };
        let memory = session.store.data().memory.expect("set at start").data(&session.store);
        // The pages written since the top layer was frozen: those the last forks copied and the tracker's
        // list (it protects them again) with the memory grown since, or, untracked, the pages the kernel
        // lists as written since the last remap, a superset.
        let written = if !changed {
            if session.unfrozen.is_empty() {
                return Ok(Some((top, Vec::new())));
            }
            // Forked again without a run between: freeze the pages the last fork copied, once for all the
            // forks to come.
            Some(std::mem::take(&mut session.unfrozen))
        } else {
            match session.tracker.as_mut().and_then(|tracker| tracker.written(memory)) {
                Some(tracked) => {
                    let mut since = snapshot::union_of_runs(&session.unfrozen, &tracked);
                    let (frozen_chunks, chunks) =
                        ((top.len / snapshot::CHUNK) as u32, (memory.len() / snapshot::CHUNK) as u32);
                    if chunks > frozen_chunks {
                        since = snapshot::union_of_runs(&since, &[(frozen_chunks, chunks - frozen_chunks)]);
                    }
                    if fork::chunks_in(&since) <= fork::max_copied() {
                        since.clone_into(&mut session.unfrozen);
                        self.changed = false;
                        return Ok(Some((top, since)));
                    }
                    session.unfrozen.clear();
                    Some(since)
                }
                None => {
                    session.tracker = None;
                    session.unfrozen.clear();
                    snapshot::written_runs(memory, &[])
                }
            }
        };
        let remap = session.tracker.is_none();
        if written.as_ref().is_some_and(Vec::is_empty) {
            self.changed = false;
            return Ok(Some((top, Vec::new())));
        }
        // From here, pages the tracker listed (and protected again) must reach a layer: if none is made,
        // the next freeze must not trust the tracker.
        let frozen = if Frozen::may_make_another() {
            let whole = || Frozen::new(memory, session.bottom_runs(&baseline.image), None);
            match written {
                Some(written) if top.depth + 1 < fork::MAX_DEPTH => Frozen::new(memory, written, Some(top)),
                Some(written) => {
                    // The stack is full: what the layers above the bottom hold and what the session wrote
                    // since, as one layer over the bottom, unless that is half of the bottom or more (then
                    // the bottom's hidden pages are not worth keeping). Compacting whole every time copied
                    // the whole session every MAX_DEPTH forks (6 MB in the benchmark, 2-7 ms under load).
                    let (bottom, above) = top.bottom_and_above();
                    let merged = snapshot::union_of_runs(&above, &written);
                    if fork::chunks_in(&merged) * 2 < bottom.chunks() {
                        Frozen::new(memory, merged, Some(bottom))
                    } else {
                        whole()
                    }
                }
                None => whole(),
            }
        } else {
            Err(std::io::Error::other("too many frozen layers"))
        };
        let Ok(frozen) = frozen.map(Arc::new) else {
            session.tracker = None;
            return Ok(None);
        };
        if remap {
            let memory = session.store.data().memory.expect("set at start").data_mut(&mut session.store);
            // SAFETY: a session with layers lives in a ForkMemory (it was made by `mapped_session`), and
            // nothing runs in it while `self` is borrowed.
            if let Err(e) = unsafe { fork::remap(memory, &frozen) } {
                self.session = Some(self.start_session()?);
                return Err(Error::Engine(format!(
                    "the session was lost while freezing it for a fork, and reset: {e}"
                )));
            }
            // The memory now holds exactly the new top layer: track its writes from here.
            session.tracker = fork::WriteTracker::new(session.memory()).ok();
        }
        session.layers = Some(frozen.clone());
        self.changed = false;
        Ok(Some((frozen, Vec::new())))
    }

    /// A session of this sandbox in memory mapping the image and `frozen`'s layers (a started session:
    /// the limits are the same, so is the limit word in its memory).
    #[cfg(target_os = "linux")]
    fn mapped_session(
        &self,
        image: &'static std::fs::File,
        image_len: usize,
        frozen: Arc<crate::fork::Frozen>,
    ) -> Result<Session, Error> {
        let runtime = engine::fork_runtime(self.limits.fuel.is_some())?;
        let len = frozen.len;
        let image_runs = crate::fork::image_runs(&snapshot::baseline()?.image);
        let layout = crate::fork::Layout { image, image_len, image_runs, frozen: frozen.clone() };
        let mut session = crate::fork::with_layout(layout, || self.instantiate(runtime, true))?;
        session
            .grow_memory_to(len)
            .map_err(|e| Error::Engine(format!("cannot give the fork {len} bytes of memory: {e}")))?;
        session.layers = Some(frozen);
        Ok(session)
    }

    /// The child's session as a fresh instance with this session's written memory copied into it.
    fn copied_fork(&mut self, child: &Sandbox, baseline: &snapshot::Baseline) -> Result<Session, Error> {
        let mut session = child.instantiate(child.runtime, false)?;
        let parent = self.live_session()?;
        let source = parent.memory();
        session
            .grow_memory_to(source.len())
            .map_err(|e| Error::Engine(format!("cannot give the fork {} bytes of memory: {e}", source.len())))?;
        let target = session.store.data().memory.expect("set at start").data_mut(&mut session.store);
        // Same limits, so the limit word is the same on both sides.
        copy_runs(target, source, &parent.runs_to_copy(&baseline.image));
        Ok(session)
    }

    /// How many layers below the top one the session's memory maps (`fork.rs`); `None` for a session
    /// in a pooled instance (a copied fork's, or one never frozen).
    #[cfg(all(test, target_os = "linux"))]
    pub(crate) fn frozen_depth(&mut self) -> Option<u32> {
        self.live_session().ok()?.layers.as_ref().map(|top| top.depth)
    }

    /// Whether the session's writes are tracked by the kernel since its top layer (`fork::WriteTracker`).
    #[cfg(all(test, target_os = "linux"))]
    pub(crate) fn write_tracked(&mut self) -> bool {
        self.live_session().is_ok_and(|s| s.tracker.is_some())
    }

    /// Bytes of linear memory the session currently has.
    pub fn memory_size(&mut self) -> Result<usize, Error> {
        Ok(self.live_session()?.memory().len())
    }

    /// The session, about to change: its frozen layers no longer describe it.
    fn session_mut(&mut self) -> Result<&mut Session, Error> {
        #[cfg(target_os = "linux")]
        {
            self.changed = true;
        }
        self.live_session()
    }

    /// The session, to read.
    fn live_session(&mut self) -> Result<&mut Session, Error> {
        if self.control.is_closed() {
            self.session = None;
        }
        self.session.as_mut().ok_or(Error::Closed)
    }

    fn start_session(&self) -> Result<Session, Error> {
        if let Some(databases) = &self.databases {
            databases.close_cursors();
        }
        let mut session = self.instantiate(self.runtime, false)?;
        let names: Vec<&str> = self.functions.keys().map(String::as_str).collect();
        bind_builtins(&mut session, &names)?;
        for code in &self.setup {
            run_setup(&mut session, code)?;
        }
        Ok(session)
    }

    /// A fresh instance of the pre-initialised module in `runtime` with the session's memory limit
    /// given, and nothing else done. `started`: the instance's memory already holds a started session
    /// (a fork's, mapped from its parent, whose limits and so whose limit word are the same), which is
    /// given no limit again.
    fn instantiate(&self, runtime: &'static Runtime, started: bool) -> Result<Session, Error> {
        let engine_error = |e: wasmtime::Error| Error::Engine(format!("{e:#}"));
        let state = HostState::new(self.limits.clone(), self.all_functions(), self.control.clone());
        let mut store = Store::new(&runtime.engine, state);
        store.limiter(|state| &mut state.limiter);
        store.epoch_deadline_callback(|ctx| {
            let control = &ctx.data().control;
            if control.hard_stop_due() {
                return Err(wasmtime::Error::new(HardStop));
            }
            if control.interrupt_due() && !ctx.data().run.interrupted {
                HostState::hurry_interrupt(ctx);
            }
            Ok(UpdateDeadline::Continue(1))
        });
        store.set_epoch_deadline(1);
        if let Some(fuel) = self.limits.fuel {
            store.set_fuel(fuel).map_err(engine_error)?;
        }
        let instance = runtime.pre.instantiate(&mut store).map_err(|e| {
            if format!("{e:#}").contains("maximum concurrent") {
                Error::Engine(format!(
                    "too many live sandboxes: the limit is {} per process; close unused ones or raise \
                     DATASETTE_MICROPYTHON_MAX_SANDBOXES",
                    engine::max_sandboxes()
                ))
            } else {
                engine_error(e)
            }
        })?;
        let memory = instance
            .get_memory(&mut store, "memory")
            .ok_or_else(|| Error::Engine("the guest exports no memory".into()))?;
        store.data_mut().memory = Some(memory);
        let countdown = instance
            .get_global(&mut store, "mp_sandbox_poll_countdown")
            .and_then(|g| g.get(&mut store).i32())
            .ok_or_else(|| Error::Engine("the guest exports no mp_sandbox_poll_countdown".into()))?;
        store.data_mut().poll_countdown = Some(countdown as u32 as usize);
        let exports = Exports {
            buffer: instance.get_typed_func(&mut store, "mp_buffer").map_err(engine_error)?,
            exec: instance.get_typed_func(&mut store, "mp_exec").map_err(engine_error)?,
            call: instance.get_typed_func(&mut store, "mp_call").map_err(engine_error)?,
            gc: instance.get_typed_func(&mut store, "mp_gc_collect").map_err(engine_error)?,
        };
        // The module is pre-initialised (the interpreter started at build time, see micropython-build/):
        // the session only needs its memory limit. A u32 for the guest; 0 (no limit of its own) for 4 GiB,
        // which the store's limiter enforces anyway.
        let init = instance.get_typed_func::<i32, i32>(&mut store, "mp_session_init").map_err(engine_error)?;
        let guest_limit = u32::try_from(self.limits.memory_limit).unwrap_or(0) as i32;
        if !started && init.call(&mut store, guest_limit).map_err(engine_error)? != 0 {
            return Err(Error::Engine("the guest refused its memory limit".into()));
        }
        Ok(Session {
            store,
            exports,
            runtime,
            #[cfg(target_os = "linux")]
            layers: None,
            #[cfg(target_os = "linux")]
            tracker: None,
            #[cfg(target_os = "linux")]
            unfrozen: Vec::new(),
        })
    }

    /// Runs one guest entry point with the run's deadlines armed; a trap resets the session.
    fn invoke(
        &mut self,
        f: impl FnOnce(&mut Session) -> wasmtime::Result<i32>,
    ) -> Result<(wasmtime::Result<i32>, Duration), Error> {
        let fuel = self.limits.fuel;
        let session = self.session_mut()?;
        // A fork's session may live in the fork engine: its epoch is the one that must tick.
        let _ticking = session.runtime.run_guard();
        if let Some(fuel) = fuel {
            session.store.set_fuel(fuel).map_err(|e| Error::Engine(e.to_string()))?;
        }
        session.store.data_mut().begin_run();
        let started = Instant::now();
        let outcome = f(session);
        let duration = started.elapsed();
        session.store.data().control.end();
        Ok((outcome, duration))
    }

    /// Turns the status of a guest entry point into the caller's result.
    fn check_status(&mut self, outcome: wasmtime::Result<i32>, output: &Output) -> Result<(), Error> {
        let limits = &self.limits;
        // Copied only for an error: a SQL function's call passes here once per row.
        let output = || Box::new(output.clone());
        match outcome {
            Ok(0) => Ok(()),
            Ok(_) => {
                let run = &mut self.session.as_mut().expect("session").store.data_mut().run;
                let interrupted = run.interrupted;
                let heap_exhausted = run.heap_exhausted;
                let exception = run.take_exception();
                let cancelled = self.control.cancelled();
                Err(match exception.type_name.as_str() {
                    "KeyboardInterrupt" if interrupted && cancelled => {
                        Error::Cancelled { session_reset: false, exception: Some(exception), output: output() }
                    }
                    "KeyboardInterrupt" if interrupted => Error::Timeout {
                        limit: limits.time_limit,
                        fuel: false,
                        session_reset: false,
                        exception: Some(exception),
                        output: output(),
                    },
                    "MemoryError" if heap_exhausted => Error::OutOfMemory {
                        limit: limits.memory_limit,
                        session_reset: false,
                        exception: Some(exception),
                        output: output(),
                    },
                    _ => Error::Guest { exception, output: output() },
                })
            }
            Err(trap) => {
                let error = if trap.is::<HardStop>() && self.control.cancelled() {
                    Error::Cancelled { session_reset: true, exception: None, output: output() }
                } else if trap.is::<HardStop>() {
                    Error::Timeout {
                        limit: limits.time_limit,
                        fuel: false,
                        session_reset: true,
                        exception: None,
                        output: output(),
                    }
                } else if trap.downcast_ref::<Trap>() == Some(&Trap::OutOfFuel) {
                    Error::Timeout {
                        limit: limits.time_limit,
                        fuel: true,
                        session_reset: true,
                        exception: None,
                        output: output(),
                    }
                } else {
                    Error::Crashed { message: format!("{trap:#}"), output: output() }
                };
                // The instance stopped mid-instruction: its memory may hold half-done state. A closed
                // sandbox gets no new one.
                self.session = None;
                if !self.control.is_closed() {
                    self.session = Some(self.start_session()?);
                }
                Err(error)
            }
        }
    }
}

/// The engine's file functions over `files`, for the guest's VFS.
fn file_functions(files: &Arc<Files>, limits: &Limits) -> HostFunctions {
    let transfer_limit = limits.host_payload_limit;
    FILE_OPS
        .iter()
        .map(|&(name, op)| {
            let f: Arc<dyn HostFunction> = Arc::new(FileOp { files: files.clone(), op, transfer_limit });
            (name.to_string(), f)
        })
        .collect()
}

/// The engine's SQL functions over `databases`, for the guest's `datasette` module.
fn sql_functions(databases: &Arc<Databases>) -> HostFunctions {
    SQL_OPS
        .iter()
        .map(|&(name, op)| {
            let f: Arc<dyn HostFunction> = Arc::new(SqlOp { databases: databases.clone(), op });
            (name.to_string(), f)
        })
        .collect()
}

/// Copies `pieces`, one after the other, into the guest's input buffer; returns its address.
fn write_input(session: &mut Session, pieces: &[&[u8]]) -> wasmtime::Result<i32> {
    let size: usize = pieces.iter().map(|p| p.len()).sum();
    let ptr = session.exports.buffer.call(&mut session.store, size as i32)?;
    if ptr == 0 {
        return Err(wasmtime::Error::msg("the guest could not allocate an input buffer"));
    }
    let memory = session.store.data().memory.expect("set at start");
    let mut at = ptr as u32 as usize;
    for piece in pieces {
        memory.write(&mut session.store, at, piece)?;
        at += piece.len();
    }
    Ok(ptr)
}

/// A ValueError about a call's return value, raised by the host after the guest returned it.
fn guest_value_error(message: String, output: Output) -> Error {
    let traceback = format!("ValueError: {message}");
    let exception = GuestException { type_name: "ValueError".into(), message, traceback, line: None };
    Error::Guest { exception, output: Box::new(output) }
}

/// Makes each named host function a builtin of the guest.
fn bind_builtins(session: &mut Session, names: &[&str]) -> Result<(), Error> {
    if names.is_empty() {
        return Ok(());
    }
    let mut code = String::from("import builtins, _host\n");
    for name in names {
        code.push_str(&format!("builtins.{name} = _host.function({name:?})\n"));
    }
    run_setup(session, &code)
}

/// Mounts the whitelist VFS (`micropython-build/modules/_sandbox_fs.py`) at `/`.
const MOUNT_FILES: &str = "import _sandbox_fs\n_sandbox_fs.mount()\ndel _sandbox_fs\n";

/// Runs the engine's own setup code in a fresh session.
fn run_setup(session: &mut Session, code: &str) -> Result<(), Error> {
    if code.is_empty() {
        return Ok(());
    }
    session.store.data_mut().begin_run();
    let ptr = write_input(session, &[code.as_bytes()]).map_err(|e| Error::Engine(e.to_string()));
    let status = ptr.and_then(|ptr| {
        session
            .exports
            .exec
            .call(&mut session.store, (ptr, code.len() as i32, 0))
            .map_err(|e| Error::Engine(e.to_string()))
    });
    session.store.data().control.end();
    let status = status?;
    if status != 0 {
        let exception = session.store.data_mut().run.take_exception();
        return Err(Error::Engine(format!("sandbox setup failed: {}", exception.traceback)));
    }
    Ok(())
}

/// What a child maps and copies from its parent (`Sandbox::freeze`): the parent's top frozen layer, and
/// the runs of chunks written since it, to copy from the parent's memory over the layers.
#[cfg(target_os = "linux")]
type ForkSource = (Arc<crate::fork::Frozen>, Vec<(u32, u32)>);

/// Copies `runs` of chunks of `source` into `target`, a fork's memory at least as long.
fn copy_runs(target: &mut [u8], source: &[u8], runs: &[(u32, u32)]) {
    for &(first, count) in runs {
        let range = first as usize * snapshot::CHUNK..(first + count) as usize * snapshot::CHUNK;
        snapshot::prefault(&mut target[range.clone()]);
        target[range.clone()].copy_from_slice(&source[range]);
    }
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval(sb: &mut Sandbox, code: &str) -> Result<Option<String>, Error> {
        sb.run(code, RunOptions { eval_trailing: true, ..RunOptions::default() }).map(|r| r.value)
    }

    #[test]
    fn state_persists_and_values_are_reprs() {
        let mut sb = Sandbox::new(Limits::default()).unwrap();
        assert_eq!(eval(&mut sb, "x = [1, 'a']").unwrap(), None);
        assert_eq!(eval(&mut sb, "x.append(None)\nx").unwrap().as_deref(), Some("[1, 'a', None]"));
        let r = sb.run("print('hi', end='')", RunOptions::default()).unwrap();
        assert_eq!(r.output.stdout, "hi");
    }

    #[test]
    fn guest_exception_is_reported_with_traceback_and_output() {
        let mut sb = Sandbox::new(Limits::default()).unwrap();
        match sb.run("print('a')\n\nraise ValueError('bad')", RunOptions::default()) {
            Err(Error::Guest { exception, output }) => {
                assert_eq!((exception.type_name.as_str(), exception.message.as_str()), ("ValueError", "bad"));
                assert_eq!(exception.line, Some(3));
                assert!(exception.traceback.ends_with("ValueError: bad"), "{}", exception.traceback);
                assert_eq!(output.stdout, "a\n");
            }
            other => panic!("{other:?}"),
        }
    }

    /// pagemap.rs: the pages the kernel lists as written (with those a fork maps from its parent) cover
    /// every chunk that differs from a fresh instance, in a session that ran, one restored from its
    /// snapshot and a fork.
    #[test]
    fn written_pages_cover_every_changed_page() {
        let baseline = snapshot::baseline().unwrap();
        let mut sb = Sandbox::new(Limits::default()).unwrap();
        let build = "rows = [{'i': i, 's': 'x' * (i % 50)} for i in range(20000)]\nblob = bytes(range(256)) * 2000";
        sb.run(build, RunOptions::default()).unwrap();
        let mut restored = Sandbox::new(Limits::default()).unwrap();
        restored.restore(&sb.snapshot().unwrap()).unwrap();
        let mut child = sb.fork().unwrap();
        child.run("del rows[:5000]\nmore = [str(i) for i in range(5000)]", RunOptions::default()).unwrap();
        for sandbox in [&mut sb, &mut restored, &mut child] {
            let session = sandbox.live_session().unwrap();
            let memory = session.memory();
            let Some(written) = snapshot::written_runs(memory, session.mapped_runs()) else {
                eprintln!("this kernel has no PAGEMAP_SCAN: snapshots and forks compare memories");
                return;
            };
            let mut changed = Vec::new();
            snapshot::compare(memory, &baseline.image, 0..memory.len(), &mut changed);
            assert!(!changed.is_empty());
            for (first, count) in changed {
                for chunk in first..first + count {
                    assert!(
                        written.iter().any(|&(f, c)| (f..f + c).contains(&chunk)),
                        "chunk {chunk} changed but is not listed as written"
                    );
                }
            }
        }
    }

    #[test]
    fn compile_only_runs_nothing() {
        let mut sb = Sandbox::new(Limits::default()).unwrap();
        sb.run("print(1)\nx = 1", RunOptions { compile_only: true, ..RunOptions::default() }).unwrap();
        assert!(matches!(eval(&mut sb, "x"), Err(Error::Guest { .. })));
    }

    #[test]
    fn call_passes_values_both_ways() {
        let mut sb = Sandbox::new(Limits::default()).unwrap();
        sb.run("def f(a, b):\n    return {'sum': a + b, 'big': a * 10**30}", RunOptions::default()).unwrap();
        let r = sb.call("f", &[Value::Int(2), Value::Int(3)]).unwrap();
        assert_eq!(
            r.value,
            Value::Dict(vec![
                (Value::Str("sum".into()), Value::Int(5)),
                (
                    Value::Str("big".into()),
                    Value::BigInt(codec::BigInt::parse("2000000000000000000000000000000").unwrap())
                ),
            ])
        );
    }

    #[test]
    fn reset_and_close() {
        let mut sb = Sandbox::new(Limits::default()).unwrap();
        sb.run("x = 1", RunOptions::default()).unwrap();
        sb.reset().unwrap();
        assert!(matches!(eval(&mut sb, "x"), Err(Error::Guest { .. })));
        sb.close();
        assert!(matches!(eval(&mut sb, "1"), Err(Error::Closed)));
        assert!(matches!(sb.reset(), Err(Error::Closed)));
    }

    #[test]
    fn fuel_exhaustion_resets_the_session() {
        let mut sb = Sandbox::new(Limits { fuel: Some(2_000_000), ..Limits::default() }).unwrap();
        sb.run("x = 1", RunOptions::default()).unwrap();
        assert!(matches!(
            sb.run("while True: pass", RunOptions::default()),
            Err(Error::Timeout { fuel: true, session_reset: true, .. })
        ));
        assert_eq!(eval(&mut sb, "2 + 2").unwrap().as_deref(), Some("4"));
    }

    #[test]
    fn invalid_names_are_refused() {
        let mut sb = Sandbox::new(Limits::default()).unwrap();
        struct Nothing;
        impl HostFunction for Nothing {
            fn call(
                &self,
                _: &crate::host::CallContext,
                _: Vec<Value>,
                _: Vec<(String, Value)>,
            ) -> Result<crate::host::Reply, crate::host::HostError> {
                Ok(crate::host::Reply::Value(Value::None))
            }
        }
        for name in ["", "1x", "a b", "x;import os"] {
            assert!(matches!(sb.register(name, Arc::new(Nothing)), Err(Error::InvalidArgument { param: "name", .. })));
        }
        sb.register("nothing", Arc::new(Nothing)).unwrap();
        assert_eq!(eval(&mut sb, "nothing()").unwrap(), None);
    }
}
