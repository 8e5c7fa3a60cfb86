//! The process-wide Wasmtime engine and the compiled guest module.
//!
//! Compiling the guest with Cranelift takes a few hundred milliseconds, so it happens once per
//! machine: the compiled artifact is cached on disk, keyed by the module's bytes and the engine's
//! compatibility hash (Wasmtime version and configuration), and later processes deserialize it in
//! about a millisecond. Every sandbox then instantiates the same pre-linked module (`InstancePre`),
//! with copy-on-write memory images, so a fresh sandbox costs an mmap, not a compile.
//!
//! There are at most two engines: one without fuel metering (the default, fastest) and one with it,
//! created only when a sandbox asks for a fuel budget.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::thread::{self, Thread};
use std::time::Duration;

use wasmtime::{
    Config, Enabled, Engine, InstanceAllocationStrategy, InstancePre, Linker, Module, PoolingAllocationConfig,
};

use crate::error::Error;
use crate::host::{self, HostState};

/// The guest module, built by `micropython-build/` and committed next to the Python package.
pub static GUEST_WASM: &[u8] = include_bytes!("../../../datasette_micropython/micropython.wasm");

/// Native stack the guest may use. The guest raises RecursionError from its own shadow-stack check
/// before it needs 2 MiB on every deep path (`micropython-build/README.md`); this leaves margin.
pub const MAX_WASM_STACK: usize = 3 << 20;

/// Bytes of a closed sandbox's dirtied memory that are reset in place (memset, or copied back from the
/// image) and kept resident for the next sandbox in its slot; the rest is given back with madvise. A small
/// first run dirties about 15 pages: resetting them in place skips the madvise and the page faults that
/// follow it (fresh sandbox + run 47 -> 26 us, measured; it plateaus from 32 KiB). With PAGEMAP_SCAN
/// (Linux 6.7+) only dirty pages count; it costs up to this much resident memory per used slot.
const KEEP_RESIDENT: usize = 64 << 10;

/// Bytes of a closed sandbox's function table that are reset with memset instead of madvise. The
/// guest's table (541 entries of 8 bytes) spans two pages; given back with madvise, each page faulted
/// twice in the next sandbox (the indirect call's read, then the lazy initialisation's write): four
/// page faults, a quarter of a fresh sandbox's time. 16 KiB leaves room for 2,048 entries.
const TABLE_KEEP_RESIDENT: usize = 16 << 10;

/// Default number of sandbox slots in the pooling allocator.
pub const DEFAULT_MAX_SANDBOXES: u32 = 2000;

/// How often the epoch advances while any run is in progress: the granularity of the hard stop.
pub const EPOCH_TICK: Duration = Duration::from_millis(10);

/// Where the compiled module was found when this process loaded it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ModuleOrigin {
    /// Read from the on-disk cache.
    Cache(PathBuf),
    /// Compiled in this process and written to the cache.
    CompiledAndCached(PathBuf),
    /// Compiled in this process; no cache could be used (the reason is given).
    Compiled(String),
}

pub struct Runtime {
    pub(crate) engine: Engine,
    pub(crate) pre: InstancePre<HostState>,
    pub origin: ModuleOrigin,
    ticker: Arc<Ticker>,
}

impl Runtime {
    /// Marks a run as in progress until the guard drops, keeping the epoch ticking meanwhile.
    pub(crate) fn run_guard(&self) -> RunGuard {
        self.ticker.start();
        RunGuard(self.ticker.clone())
    }
}

static PLAIN: OnceLock<Result<Runtime, String>> = OnceLock::new();
static FUELED: OnceLock<Result<Runtime, String>> = OnceLock::new();
#[cfg(target_os = "linux")]
static FORK_PLAIN: OnceLock<Result<Runtime, String>> = OnceLock::new();
#[cfg(target_os = "linux")]
static FORK_FUELED: OnceLock<Result<Runtime, String>> = OnceLock::new();

/// The shared runtime, built on first use. `fuel` selects the fuel-metered engine.
pub fn runtime(fuel: bool) -> Result<&'static Runtime, Error> {
    let cell = if fuel { &FUELED } else { &PLAIN };
    cell.get_or_init(|| Runtime::new(config(fuel), GUEST_WASM, cache_dir().as_deref()).map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| Error::Engine(e.clone()))
}

/// The runtime of copy-on-write forks (`fork.rs`), built on a process's first fork: the same engine
/// settings, but memories from `fork::ForkMemoryCreator` instead of the pool, and the module without its
/// data segments (compiled once per machine too, into the same cache).
#[cfg(target_os = "linux")]
pub(crate) fn fork_runtime(fuel: bool) -> Result<&'static Runtime, Error> {
    let cell = if fuel { &FORK_FUELED } else { &FORK_PLAIN };
    cell.get_or_init(|| {
        let wasm = crate::fork::without_data(GUEST_WASM).ok_or("the guest module cannot be read")?;
        let mut config = config(fuel);
        config
            .allocation_strategy(InstanceAllocationStrategy::OnDemand)
            .memory_init_cow(false)
            .with_host_memory(Arc::new(crate::fork::ForkMemoryCreator));
        Runtime::new(config, &wasm, cache_dir().as_deref()).map_err(|e| e.to_string())
    })
    .as_ref()
    .map_err(|e| Error::Engine(e.clone()))
}

/// The module cache directory: `$DATASETTE_MICROPYTHON_CACHE_DIR`, else the user's cache directory.
pub fn cache_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("DATASETTE_MICROPYTHON_CACHE_DIR") {
        return Some(PathBuf::from(dir));
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("datasette-micropython"))
}

fn config(fuel: bool) -> Config {
    let mut config = Config::new();
    config
        .wasm_exceptions(true)
        .epoch_interruption(true)
        .consume_fuel(fuel)
        .max_wasm_stack(MAX_WASM_STACK)
        .async_stack_size(MAX_WASM_STACK)
        .memory_init_cow(true);
    // The pooling allocator pre-reserves address space for every slot, so creating a sandbox maps a
    // copy-on-write image into a ready slot instead of setting up fresh mappings (about 25% faster).
    let slots = max_sandboxes();
    let mut pool = PoolingAllocationConfig::default();
    // Every instance takes two memory slots: its linear memory and the GC heap that holds wasm
    // exception objects (exnref).
    pool.total_core_instances(slots)
        .total_memories(slots * 2)
        .total_tables(slots)
        .total_gc_heaps(slots)
        .total_stacks(0)
        .max_memory_size(crate::limits::MAX_MEMORY)
        .pagemap_scan(Enabled::Auto)
        .linear_memory_keep_resident(KEEP_RESIDENT)
        .table_keep_resident(TABLE_KEEP_RESIDENT);
    config.allocation_strategy(InstanceAllocationStrategy::Pooling(pool));
    config
}

/// How many sandboxes may be alive at once in this process (per engine):
/// `$DATASETTE_MICROPYTHON_MAX_SANDBOXES`, default 2000. Each slot reserves address space, not memory.
pub fn max_sandboxes() -> u32 {
    std::env::var("DATASETTE_MICROPYTHON_MAX_SANDBOXES")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(DEFAULT_MAX_SANDBOXES)
}

impl Runtime {
    fn new(config: Config, wasm: &[u8], cache: Option<&Path>) -> wasmtime::Result<Runtime> {
        let engine = Engine::new(&config)?;
        let (module, origin) = load_module(&engine, wasm, cache)?;
        let mut linker = Linker::new(&engine);
        host::add_to_linker(&mut linker)?;
        let pre = linker.instantiate_pre(&module)?;
        let ticker = Ticker::spawn(engine.clone());
        Ok(Runtime { engine, pre, origin, ticker })
    }
}

fn load_module(engine: &Engine, wasm: &[u8], cache: Option<&Path>) -> wasmtime::Result<(Module, ModuleOrigin)> {
    let Some(dir) = cache else {
        return Ok((Module::new(engine, wasm)?, ModuleOrigin::Compiled("no cache directory".into())));
    };
    let mut hasher = DefaultHasher::new();
    wasm.hash(&mut hasher);
    engine.precompile_compatibility_hash().hash(&mut hasher);
    let path = dir.join(format!("micropython-{:016x}.cwasm", hasher.finish()));
    // A compiled module is native code that runs unchecked: one planted by another user would run as
    // this process. Only a directory and file that no one else can write are used.
    if let Err(why) = private_to_this_user(dir).and_then(|()| match path.is_file() {
        true => private_to_this_user(&path),
        false => Ok(()),
    }) {
        let module = Module::new(engine, wasm)?;
        return Ok((module, ModuleOrigin::Compiled(format!("the module cache was not used: {why}"))));
    }
    if path.is_file() {
        // SAFETY: the file was written by `Module::serialize` of this same engine configuration (its
        // name is keyed on the compatibility hash, and Wasmtime re-checks the header), in a directory
        // and file that only this user can write (checked above).
        if let Ok(module) = unsafe { Module::deserialize_file(engine, &path) } {
            return Ok((module, ModuleOrigin::Cache(path)));
        }
    }
    let module = Module::new(engine, wasm)?;
    let origin = match write_atomically(dir, &path, &module.serialize()?) {
        Ok(()) => ModuleOrigin::CompiledAndCached(path),
        Err(e) => ModuleOrigin::Compiled(format!("cannot write {}: {e}", path.display())),
    };
    Ok((module, origin))
}

/// Checks that `path` (when it exists) is owned by the current user and writable by no one else, and
/// is not a symlink; else says why.
fn private_to_this_user(path: &Path) -> Result<(), String> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    extern "C" {
        fn geteuid() -> u32;
    }
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { geteuid() };
    if meta.file_type().is_symlink() {
        return Err(format!("{} is a symlink", path.display()));
    }
    if meta.uid() != me {
        return Err(format!("{} is owned by uid {}, not by this user (uid {me})", path.display(), meta.uid()));
    }
    let mode = meta.permissions().mode();
    if mode & 0o022 != 0 {
        return Err(format!("{} is writable by other users (mode {:o})", path.display(), mode & 0o7777));
    }
    Ok(())
}

/// Writes through a uniquely named temporary file and a rename, so a process racing us (or reading
/// while we write) only ever sees a complete file. A directory it creates is private to the user.
fn write_atomically(dir: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    let tmp = dir.join(format!(".tmp-{}-{}-{nanos}", std::process::id(), thread_id_number()));
    {
        // Mode 0600 whatever the umask: a group-writable file would be refused on the next load.
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        let mut file = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(&tmp)?;
        file.write_all(bytes)?;
    }
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

fn thread_id_number() -> u64 {
    let mut h = DefaultHasher::new();
    thread::current().id().hash(&mut h);
    h.finish()
}

/// Advances the engine's epoch every [`EPOCH_TICK`] while at least one run is in progress, and sleeps
/// (parked) otherwise so an idle process does not wake up.
struct Ticker {
    active: AtomicUsize,
    thread: Thread,
}

impl Ticker {
    fn spawn(engine: Engine) -> Arc<Ticker> {
        let (tx, rx) = std::sync::mpsc::channel::<Arc<Ticker>>();
        let handle = thread::Builder::new()
            .name("micropython-epoch".into())
            .spawn(move || {
                let ticker = rx.recv().expect("ticker handle");
                loop {
                    if ticker.active.load(Ordering::Acquire) == 0 {
                        thread::park();
                        continue;
                    }
                    thread::sleep(EPOCH_TICK);
                    engine.increment_epoch();
                }
            })
            .expect("spawn the epoch thread");
        let ticker = Arc::new(Ticker { active: AtomicUsize::new(0), thread: handle.thread().clone() });
        tx.send(ticker.clone()).expect("epoch thread alive");
        ticker
    }

    fn start(&self) {
        if self.active.fetch_add(1, Ordering::AcqRel) == 0 {
            self.thread.unpark();
        }
    }
}

pub(crate) struct RunGuard(Arc<Ticker>);

impl Drop for RunGuard {
    fn drop(&mut self) {
        self.0.active.fetch_sub(1, Ordering::AcqRel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_load_comes_from_the_cache() {
        let dir = std::env::temp_dir().join(format!("mp-cache-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let engine = Engine::new(&config(false)).unwrap();
        let (_, first) = load_module(&engine, GUEST_WASM, Some(&dir)).unwrap();
        assert!(matches!(first, ModuleOrigin::CompiledAndCached(_)), "{first:?}");
        let (_, second) = load_module(&engine, GUEST_WASM, Some(&dir)).unwrap();
        assert!(matches!(second, ModuleOrigin::Cache(_)), "{second:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_cache_others_can_write_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("mp-cache-shared-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let engine = Engine::new(&config(false)).unwrap();
        let (_, first) = load_module(&engine, GUEST_WASM, Some(&dir)).unwrap();
        let ModuleOrigin::CompiledAndCached(file) = first else { panic!("{first:?}") };
        // A group- or world-writable file: anyone could have replaced the native code.
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o666)).unwrap();
        let (_, origin) = load_module(&engine, GUEST_WASM, Some(&dir)).unwrap();
        assert!(
            matches!(&origin, ModuleOrigin::Compiled(why) if why.contains("writable by other users")),
            "{origin:?}"
        );
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        // The same for the directory (someone could swap the file in).
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
        let (_, origin) = load_module(&engine, GUEST_WASM, Some(&dir)).unwrap();
        assert!(
            matches!(&origin, ModuleOrigin::Compiled(why) if why.contains("writable by other users")),
            "{origin:?}"
        );
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
        let (_, origin) = load_module(&engine, GUEST_WASM, Some(&dir)).unwrap();
        assert!(matches!(origin, ModuleOrigin::Cache(_)), "{origin:?}");
        // Owned by someone else: the root directory is owned by root; run as root, /tmp's sticky
        // world-writable mode refuses it instead.
        let (_, origin) = load_module(&engine, GUEST_WASM, Some(Path::new("/tmp"))).unwrap();
        assert!(matches!(&origin, ModuleOrigin::Compiled(why) if why.contains("not used")), "{origin:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn unwritable_cache_falls_back_to_compiling() {
        let engine = Engine::new(&config(false)).unwrap();
        let (_, origin) = load_module(&engine, GUEST_WASM, Some(Path::new("/proc/no-such-dir"))).unwrap();
        assert!(matches!(origin, ModuleOrigin::Compiled(_)), "{origin:?}");
    }

    #[test]
    fn module_is_pre_initialised() {
        // The build evaluated the start-up exports and removed them (micropython-build/Makefile); a
        // session needs only its memory limit.
        let engine = Engine::new(&config(false)).unwrap();
        let (module, _) = load_module(&engine, GUEST_WASM, None).unwrap();
        let mut exports: Vec<&str> = module.exports().map(|e| e.name()).collect();
        exports.sort_unstable();
        assert_eq!(
            exports,
            [
                "memory",
                "mp_buffer",
                "mp_call",
                "mp_exec",
                "mp_gc_collect",
                "mp_sandbox_poll_countdown",
                "mp_session_init"
            ]
        );
    }
}
