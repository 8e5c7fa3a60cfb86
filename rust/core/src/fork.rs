//! Copy-on-write forks: a child's memory maps its parent's pages instead of copying them.
//!
//! Copying a session into a fresh pooled instance costs one kernel page allocation per page the parent
//! wrote (about 1 us each: most of a 0.4 ms fork of a session holding 1 MB, measured for issue 20). Here
//! the parent's written pages are written once into a sealed memfd, its *frozen* state ([`Frozen`]),
//! and each child maps them privately (copy-on-write) over a process-wide sealed memfd that holds the
//! module's pre-initialised image ([`image_file`]). A child then costs a few `mmap`s, and pays for a
//! page only when it writes it; a page it never writes is shared with the parent's frozen state and
//! every sibling. The sandbox keeps its frozen state until its session changes, so forking a prepared
//! session many times freezes it once. Freezing costs a little more than copying into a pooled instance,
//! so the first fork since a change copies (`Sandbox::fork`) and the second freezes.
//!
//! Children live in an engine of their own (`engine::fork_runtime`): the pooling allocator's slots are
//! reset by Wasmtime, which must never find our mappings in them, so a child's memory comes from
//! [`ForkMemoryCreator`] instead, and that engine runs the guest module without its data segments (the
//! memory comes whole from the mappings; Wasmtime would otherwise write the image into every child).
//!
//! Isolation: the memfds are sealed against writes, growth and shrinking before any child maps them, and
//! every mapping is private, so no side's write can reach another; a child's memory is its own
//! reservation (the size Wasmtime asks for, plus its guard region, unmapped on drop), and a page beyond
//! the memory's current size stays inaccessible until the guest grows into it.

use std::cell::RefCell;
use std::fs::File;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd};
use std::os::unix::fs::FileExt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use wasmtime::{LinearMemory, MemoryCreator, MemoryType};

use crate::snapshot::CHUNK;

/// Frozen states a process keeps for later forks at most: each holds a file descriptor (its children's
/// mappings need none), so past this many a fork freezes its parent for itself alone.
const MAX_KEPT: usize = 256;

/// Frozen states alive in this process.
static ALIVE: AtomicUsize = AtomicUsize::new(0);

/// A session's memory, frozen: the pages it had written (`runs`, in `CHUNK`s) at their offsets in a
/// sealed memfd. The rest of its memory was the module's image (or zeros beyond it).
pub(crate) struct Frozen {
    file: File,
    /// Runs of written chunks, `(first, count)`, increasing.
    pub runs: Arc<[(u32, u32)]>,
    /// Bytes of linear memory the session had.
    pub len: usize,
}

impl Frozen {
    /// Writes `runs` of `memory` into a new sealed memfd.
    pub fn new(memory: &[u8], runs: Vec<(u32, u32)>) -> io::Result<Frozen> {
        let file = memfd("micropython-fork")?;
        file.set_len(memory.len() as u64)?;
        for &(first, count) in &runs {
            let range = first as usize * CHUNK..(first + count) as usize * CHUNK;
            file.write_all_at(&memory[range.clone()], range.start as u64)?;
        }
        seal(&file)?;
        ALIVE.fetch_add(1, Ordering::Relaxed);
        Ok(Frozen { file, runs: runs.into(), len: memory.len() })
    }

    /// Whether the sandbox may keep this frozen state for its next forks (see [`MAX_KEPT`]).
    pub fn may_be_kept(&self) -> bool {
        ALIVE.load(Ordering::Relaxed) <= MAX_KEPT
    }
}

impl Drop for Frozen {
    fn drop(&mut self) {
        ALIVE.fetch_sub(1, Ordering::Relaxed);
    }
}

/// The module's pre-initialised image in a sealed memfd, made once per process: the bottom layer of
/// every child's memory.
pub(crate) fn image_file(image: &[u8]) -> io::Result<&'static File> {
    static IMAGE: OnceLock<Result<File, String>> = OnceLock::new();
    IMAGE
        .get_or_init(|| {
            let file = memfd("micropython-image").map_err(|e| e.to_string())?;
            file.set_len(image.len() as u64).map_err(|e| e.to_string())?;
            // Zero chunks stay holes: they cost no memory and read as zeros.
            for (at, chunk) in image.chunks(CHUNK).enumerate() {
                if chunk.iter().any(|&b| b != 0) {
                    file.write_all_at(chunk, (at * CHUNK) as u64).map_err(|e| e.to_string())?;
                }
            }
            seal(&file).map_err(|e| e.to_string())?;
            Ok(file)
        })
        .as_ref()
        .map_err(|e| io::Error::other(e.clone()))
}

fn memfd(name: &str) -> io::Result<File> {
    let name = std::ffi::CString::new(name).expect("no NUL");
    // SAFETY: a NUL-terminated name and known flags; the new descriptor is owned by the File.
    let fd = unsafe { libc::memfd_create(name.as_ptr(), libc::MFD_CLOEXEC | libc::MFD_ALLOW_SEALING) };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: `fd` was just returned by memfd_create and is owned by nothing else.
    Ok(unsafe { File::from_raw_fd(fd) })
}

/// Seals `file` against any change of its contents or size (private mappings stay writable).
fn seal(file: &File) -> io::Result<()> {
    let seals = libc::F_SEAL_WRITE | libc::F_SEAL_GROW | libc::F_SEAL_SHRINK | libc::F_SEAL_SEAL;
    // SAFETY: fcntl on an open descriptor with a documented command.
    if unsafe { libc::fcntl(file.as_raw_fd(), libc::F_ADD_SEALS, seals) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// What the next linear memory made on this thread maps: the image, then the frozen runs over it.
pub(crate) struct Layout {
    pub image: &'static File,
    pub image_len: usize,
    pub frozen: Arc<Frozen>,
}

thread_local! {
    /// Set by [`with_layout`] around one instantiation in the fork engine.
    static PENDING: RefCell<Option<Layout>> = const { RefCell::new(None) };
}

/// Runs `instantiate` with `layout` handed to the linear memory it creates (the memory whose initial
/// size is the image's); other memories (the GC heap of wasm exceptions) start as zeros.
pub(crate) fn with_layout<T>(layout: Layout, instantiate: impl FnOnce() -> T) -> T {
    struct Clear;
    impl Drop for Clear {
        fn drop(&mut self) {
            PENDING.with(|p| p.borrow_mut().take());
        }
    }
    PENDING.with(|p| *p.borrow_mut() = Some(layout));
    let _clear = Clear;
    instantiate()
}

/// The fork engine's memory creator.
pub(crate) struct ForkMemoryCreator;

// SAFETY: every memory it returns is a reservation of `reserved + guard` bytes (or, when Wasmtime does not
// ask for one, of the most memory a sandbox may have plus the guard) of which only `byte_size` bytes from
// the base are accessible; growing never moves the base; it is unmapped only on drop.
unsafe impl MemoryCreator for ForkMemoryCreator {
    fn new_memory(
        &self,
        _ty: MemoryType,
        minimum: usize,
        maximum: Option<usize>,
        reserved_size_in_bytes: Option<usize>,
        guard_size_in_bytes: usize,
    ) -> Result<Box<dyn LinearMemory>, String> {
        let layout = PENDING.with(|p| {
            let mut pending = p.borrow_mut();
            match pending.as_ref() {
                Some(layout) if layout.image_len == minimum => pending.take(),
                _ => None,
            }
        });
        let capacity = reserved_size_in_bytes.unwrap_or(crate::limits::MAX_MEMORY).max(minimum);
        let mut memory = ForkMemory::reserve(capacity, guard_size_in_bytes, maximum)?;
        if let Some(layout) = &layout {
            memory.map_layout(layout)?;
        }
        memory.grow_to(minimum).map_err(|e| e.to_string())?;
        Ok(Box::new(memory))
    }
}

struct ForkMemory {
    base: usize,
    /// Bytes reserved: `capacity` plus the guard region.
    mapped: usize,
    capacity: usize,
    size: usize,
    maximum: Option<usize>,
}

impl ForkMemory {
    fn reserve(capacity: usize, guard: usize, maximum: Option<usize>) -> Result<ForkMemory, String> {
        let mapped = capacity.checked_add(guard).ok_or("reservation too large")?;
        // SAFETY: a new anonymous inaccessible mapping at an address the kernel chooses.
        let base = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                mapped,
                libc::PROT_NONE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        if base == libc::MAP_FAILED {
            return Err(format!("cannot reserve {mapped} bytes: {}", io::Error::last_os_error()));
        }
        Ok(ForkMemory { base: base as usize, mapped, capacity, size: 0, maximum })
    }

    /// Maps the image at the bottom and each frozen run over it, private and inaccessible until grown into.
    fn map_layout(&self, layout: &Layout) -> Result<(), String> {
        let frozen = &layout.frozen;
        if layout.image_len > self.capacity || frozen.len > self.capacity {
            return Err(format!("a fork of {} bytes does not fit in {} bytes", frozen.len, self.capacity));
        }
        self.map_file(layout.image, 0, layout.image_len)?;
        for &(first, count) in frozen.runs.iter() {
            self.map_file(&frozen.file, first as usize * CHUNK, count as usize * CHUNK)?;
        }
        Ok(())
    }

    fn map_file(&self, file: &File, offset: usize, len: usize) -> Result<(), String> {
        // SAFETY: `offset..offset + len` lies inside this memory's reservation (checked by the caller
        // against `capacity`), which nothing else uses; the mapping is private, so writes stay here.
        let at = unsafe {
            libc::mmap(
                (self.base + offset) as *mut libc::c_void,
                len,
                libc::PROT_NONE,
                libc::MAP_PRIVATE | libc::MAP_FIXED,
                file.as_raw_fd(),
                offset as libc::off_t,
            )
        };
        if at == libc::MAP_FAILED {
            return Err(format!("cannot map a fork's memory: {}", io::Error::last_os_error()));
        }
        Ok(())
    }
}

impl Drop for ForkMemory {
    fn drop(&mut self) {
        // SAFETY: the whole reservation made in `reserve`; Wasmtime no longer uses the memory.
        unsafe { libc::munmap(self.base as *mut libc::c_void, self.mapped) };
    }
}

// SAFETY: see `ForkMemoryCreator`: the accessible bytes are exactly `0..size` from `base`.
unsafe impl LinearMemory for ForkMemory {
    fn byte_size(&self) -> usize {
        self.size
    }

    fn byte_capacity(&self) -> usize {
        self.capacity
    }

    fn grow_to(&mut self, new_size: usize) -> wasmtime::Result<()> {
        if new_size > self.capacity || self.maximum.is_some_and(|max| new_size > max) {
            return Err(wasmtime::Error::msg(format!("cannot grow memory to {new_size} bytes")));
        }
        if new_size > self.size {
            // SAFETY: inside the reservation; both ends are multiples of the wasm page size.
            let status = unsafe {
                libc::mprotect(
                    (self.base + self.size) as *mut libc::c_void,
                    new_size - self.size,
                    libc::PROT_READ | libc::PROT_WRITE,
                )
            };
            if status != 0 {
                return Err(io::Error::last_os_error().into());
            }
            self.size = new_size;
        }
        Ok(())
    }

    fn as_ptr(&self) -> *mut u8 {
        self.base as *mut u8
    }
}

/// The guest module without its data section, for the fork engine: a child's memory gets its whole
/// contents from the mappings. `None` if `wasm` is not a module this function can read.
pub(crate) fn without_data(wasm: &[u8]) -> Option<Vec<u8>> {
    const DATA: u8 = 11;
    const DATA_COUNT: u8 = 12;
    let mut out = wasm.get(..8)?.to_vec();
    let mut at = 8;
    while at < wasm.len() {
        let id = wasm[at];
        let (size, header) = leb128_u32(&wasm[at + 1..])?;
        let end = at.checked_add(1 + header)?.checked_add(size as usize)?;
        let section = wasm.get(at..end)?;
        // A data count section is needed only by memory.init and data.drop, which refer to passive
        // segments; the guest has none (`snapshot::tests::the_instance_holds_no_state_outside_memory`).
        if id != DATA && id != DATA_COUNT {
            out.extend_from_slice(section);
        }
        at = end;
    }
    Some(out)
}

fn leb128_u32(bytes: &[u8]) -> Option<(u32, usize)> {
    let mut value = 0u32;
    for (i, &byte) in bytes.iter().take(5).enumerate() {
        value |= u32::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            return Some((value, i + 1));
        }
    }
    None
}
