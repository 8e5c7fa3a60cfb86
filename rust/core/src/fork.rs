//! Copy-on-write forks: a child's memory maps its parent's pages instead of copying them.
//!
//! Copying a session into a fresh pooled instance costs one kernel page allocation per page the parent
//! wrote (about 1 us each: most of a 0.4 ms fork of a session holding 1 MB, measured for issue 20). Here
//! the parent's written pages are written once into a sealed memfd, a *frozen* layer ([`Frozen`]), and
//! each child maps them privately (copy-on-write) over a process-wide sealed memfd that holds the
//! module's pre-initialised image ([`image_file`]). A child then costs a few `mmap`s, and pays for a
//! page only when it writes it; a page it never writes is shared with the frozen layer and every sibling.
//!
//! Layers: once frozen, the parent's own memory is moved onto the frozen pages too (a pooled session
//! is re-instantiated over them; a session already in such memory has its pages mapped over in place,
//! [`remap`]), so the kernel then lists only the pages it writes afterwards. The next fork after a run
//! freezes just those, as a layer over the previous one, which costs about what the run wrote rather
//! than the whole session. Where the kernel can track the session's writes ([`WriteTracker`]), later
//! layers are made from its list and the written pages are left in place instead of remapped, and while
//! the pages written since the top layer are few ([`MAX_COPIED`]) a child copies them from the parent
//! over the layers instead of a layer being made for them. A stack
//! [`MAX_DEPTH`] deep is merged: the layers above its bottom and the new writes become one layer over
//! the bottom, or, when that would hold half as many pages as the bottom or more, the whole session is
//! frozen again as a new bottom. The bottom layer holds the image's chunks too ([`bottom_runs`]), so a
//! child maps it in one piece and each stretch of the upper layers over it.
//! Freezing a pooled session whole costs a little more than copying it into a pooled instance, so the
//! first fork of such a session since it changed copies (`Sandbox::fork`) and the second freezes.
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
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use wasmtime::{LinearMemory, MemoryCreator, MemoryType};

use crate::snapshot::CHUNK;

/// Frozen layers a process may hold at most: each holds a file descriptor (the mappings need none), so
/// past this many a fork copies instead of freezing.
const MAX_ALIVE: usize = 256;

/// Layers a stack may have; the fork that would add one more merges the layers above the bottom instead
/// (`Sandbox::freeze`). Each layer costs a child a few more `mmap`s and keeps the pages that later
/// layers hide.
pub(crate) const MAX_DEPTH: u32 = 8;
// `ForkMemory::map_layout` numbers the layers in a byte.
const _: () = assert!(MAX_DEPTH < 250);

/// Chunks written since a session's top layer that a fork after a run copies into the child instead of
/// freezing them as a new layer (`Sandbox::freeze`). A layer costs a memfd, a write of its pages and a
/// mapping per stretch in every later child, and it deepens the stack towards a merge (1.8 ms at the
/// 90th percentile of the forks after a run in the benchmark, where every such fork made a layer); a
/// copied chunk costs a page fault and 4 KiB of `memcpy` in each child until the pages are frozen (past
/// this many, or at a fork without a run before it). The benchmark's run writes about 35 chunks and 25
/// more each time: 40 copies one run's writes and freezes the next (fork after a run, median 146-163 ->
/// 162-171 us, 90th percentile 1.76-1.91 ms -> 0.28 ms, mean 0.53-0.59 -> 0.21-0.22 ms); 64 copied
/// two (median 183-200 us).
const MAX_COPIED: usize = 40;

/// [`MAX_COPIED`], or, in a test, what the test's thread set (`set_max_copied`).
pub(crate) fn max_copied() -> usize {
    #[cfg(test)]
    if let Some(max) = TEST_MAX_COPIED.get() {
        return max;
    }
    MAX_COPIED
}

#[cfg(test)]
thread_local! {
    static TEST_MAX_COPIED: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
}

/// Makes forks on this thread copy at most `max` chunks written since the top layer (0: every fork after
/// a run freezes a layer, to test the stacks).
#[cfg(test)]
pub(crate) fn set_max_copied(max: usize) {
    TEST_MAX_COPIED.set(Some(max));
}

/// Frozen layers alive in this process.
static ALIVE: AtomicUsize = AtomicUsize::new(0);

/// A session's memory, frozen: the pages it wrote since the layer `below` (or, for the bottom layer,
/// since it was a fresh instance), at their offsets in a sealed memfd. The rest of its memory is what
/// the layers below hold, or the module's image, or zeros beyond it.
pub(crate) struct Frozen {
    file: File,
    /// This layer's runs of chunks, `(first, count)`, increasing.
    runs: Vec<(u32, u32)>,
    /// The runs of this layer and all below it, merged: every chunk whose contents come from a layer.
    pub all_runs: Arc<[(u32, u32)]>,
    /// Bytes of linear memory the session had.
    pub len: usize,
    below: Option<Arc<Frozen>>,
    /// Layers below this one.
    pub depth: u32,
}

impl Frozen {
    /// Writes `runs` of `memory` into a new sealed memfd, a layer over `below`.
    pub fn new(memory: &[u8], runs: Vec<(u32, u32)>, below: Option<Arc<Frozen>>) -> io::Result<Frozen> {
        let file = memfd("micropython-fork")?;
        file.set_len(memory.len() as u64)?;
        for &(first, count) in &runs {
            let range = first as usize * CHUNK..(first + count) as usize * CHUNK;
            file.write_all_at(&memory[range.clone()], range.start as u64)?;
        }
        seal(&file)?;
        ALIVE.fetch_add(1, Ordering::Relaxed);
        let (all_runs, depth) = match &below {
            Some(below) => (crate::snapshot::union_of_runs(&below.all_runs, &runs).into(), below.depth + 1),
            None => (runs.clone().into(), 0),
        };
        Ok(Frozen { file, runs, all_runs, len: memory.len(), below, depth })
    }

    /// Whether another layer may be made now (see [`MAX_ALIVE`]).
    pub fn may_make_another() -> bool {
        ALIVE.load(Ordering::Relaxed) < MAX_ALIVE
    }

    /// The bottom layer of this one's stack, and the chunks the layers above it hold (all of them
    /// rewritten since the bottom was frozen).
    pub fn bottom_and_above(self: &Arc<Frozen>) -> (Arc<Frozen>, Vec<(u32, u32)>) {
        let mut above: Vec<(u32, u32)> = Vec::new();
        let mut layer = self.clone();
        while let Some(below) = layer.below.clone() {
            above = crate::snapshot::union_of_runs(&above, &layer.runs);
            layer = below;
        }
        (layer, above)
    }

    /// Chunks this layer holds.
    pub fn chunks(&self) -> usize {
        chunks_in(&self.runs)
    }

    /// The stack from the bottom layer up to this one.
    fn stack(&self) -> Vec<&Frozen> {
        let mut stack = vec![self];
        while let Some(below) = &stack[stack.len() - 1].below {
            stack.push(below);
        }
        stack.reverse();
        stack
    }
}

/// Maps `frozen`'s own runs over `memory`, the live memory they were just frozen from, so those pages
/// become the sealed file's again (same contents) and the kernel stops listing them as written.
///
/// # Safety
/// `memory` must be the accessible bytes of a [`ForkMemory`] (a reservation no one else maps), and no
/// guest code may run in it meanwhile. If this fails, pages of `memory` may be unmapped: the session
/// must not run again.
pub(crate) unsafe fn remap(memory: &mut [u8], frozen: &Frozen) -> io::Result<()> {
    for &(first, count) in &frozen.runs {
        let (offset, len) = (first as usize * CHUNK, count as usize * CHUNK);
        if offset + len > memory.len() {
            return Err(io::Error::other("a frozen run lies beyond the memory"));
        }
        // SAFETY: inside `memory`, which the caller guarantees is a ForkMemory's accessible part; the
        // file holds exactly these bytes (written from them, sealed), so the guest sees no change.
        let at = unsafe {
            libc::mmap(
                memory.as_mut_ptr().add(offset).cast(),
                len,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_FIXED,
                frozen.file.as_raw_fd(),
                offset as libc::off_t,
            )
        };
        if at == libc::MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
    }
    Ok(())
}

/// The pages a session writes after a freeze, told by the kernel without remapping them: a userfaultfd
/// in asynchronous write-protect mode over the session's memory. After a layer is frozen, every page is
/// write-protected; the guest's (or the kernel's, for a system call) first write to a page lifts the
/// protection in the kernel, with no fault reaching this process, and [`WriteTracker::written`] lists
/// the pages so written and protects them again in one `PAGEMAP_SCAN`. A fork after a run then freezes
/// those pages as a new layer and leaves them where they are, where remapping them from the layer
/// (`remap`) cost about 60 us per fork (8 runs; issue 20). The session's written pages then stay its own
/// (anonymous) pages beside the layer's copy, which the kernel's other list (`pagemap::written_runs`,
/// snapshots) counts as written as before.
///
/// The list may be too long, never too short: pages the memory grew by count as written (they were not
/// protected). Where the kernel cannot do this (no userfaultfd for this process, older kernels), or any
/// call fails, the session remaps as before.
pub(crate) struct WriteTracker {
    uffd: File,
    /// Bytes from the memory's base registered with the userfaultfd.
    registered: usize,
}

// From <linux/userfaultfd.h>.
const UFFD_API: u64 = 0xaa;
const UFFD_USER_MODE_ONLY: libc::c_int = 1;
const UFFD_FEATURE_WP_HUGETLBFS_SHMEM: u64 = 1 << 12;
const UFFD_FEATURE_WP_UNPOPULATED: u64 = 1 << 13;
const UFFD_FEATURE_WP_ASYNC: u64 = 1 << 15;
const UFFDIO_REGISTER_MODE_WP: u64 = 1 << 1;
const UFFDIO_WRITEPROTECT_MODE_WP: u64 = 1 << 0;
/// `_IOWR(0xaa, nr, size)`.
const fn uffdio(nr: u32, size: usize) -> libc::Ioctl {
    ((3 << 30) | ((size as u32) << 16) | (0xaa << 8) | nr) as _
}
const UFFDIO_API: libc::Ioctl = uffdio(0x3f, 24);
const UFFDIO_REGISTER: libc::Ioctl = uffdio(0x00, 32);
const UFFDIO_WRITEPROTECT: libc::Ioctl = uffdio(0x06, 24);

impl WriteTracker {
    /// Tracks the writes to `memory` from now on: every page of it is write-protected.
    ///
    /// `memory` must be the accessible bytes of a [`ForkMemory`] holding exactly what its top frozen
    /// layer holds (just remapped or mapped from it), with nothing running in it.
    pub fn new(memory: &[u8]) -> io::Result<WriteTracker> {
        // Set when this process cannot have a userfaultfd in this mode: not asked again.
        static UNAVAILABLE: AtomicBool = AtomicBool::new(false);
        if UNAVAILABLE.load(Ordering::Relaxed) {
            return Err(io::Error::from(io::ErrorKind::Unsupported));
        }
        let unavailable = |e: io::Error| {
            UNAVAILABLE.store(true, Ordering::Relaxed);
            e
        };
        // User-mode faults only: what a process without privileges may ask for; the asynchronous mode
        // resolves kernel-mode writes too (a read(2) into the memory), in the kernel.
        // SAFETY: a system call with no pointer arguments; the new descriptor is owned by the File.
        let fd =
            unsafe { libc::syscall(libc::SYS_userfaultfd, libc::O_CLOEXEC | libc::O_NONBLOCK | UFFD_USER_MODE_ONLY) };
        if fd < 0 {
            return Err(unavailable(io::Error::last_os_error()));
        }
        // SAFETY: a descriptor just returned by userfaultfd, owned by nothing else.
        let uffd = unsafe { File::from_raw_fd(fd as libc::c_int) };
        let features = UFFD_FEATURE_WP_ASYNC | UFFD_FEATURE_WP_HUGETLBFS_SHMEM | UFFD_FEATURE_WP_UNPOPULATED;
        let mut api = [UFFD_API, features, 0];
        // SAFETY: UFFDIO_API with its 24-byte argument.
        if unsafe { libc::ioctl(uffd.as_raw_fd(), UFFDIO_API, api.as_mut_ptr()) } != 0 {
            return Err(unavailable(io::Error::last_os_error()));
        }
        let mut tracker = WriteTracker { uffd, registered: 0 };
        tracker.register(memory)?;
        let mut protect = [memory.as_ptr() as u64, memory.len() as u64, UFFDIO_WRITEPROTECT_MODE_WP];
        // SAFETY: UFFDIO_WRITEPROTECT with its 24-byte argument, over memory registered above.
        if unsafe { libc::ioctl(tracker.uffd.as_raw_fd(), UFFDIO_WRITEPROTECT, protect.as_mut_ptr()) } != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(tracker)
    }

    /// Registers the part of `memory` not yet registered (all of it at first; what it grew by since).
    fn register(&mut self, memory: &[u8]) -> io::Result<()> {
        if memory.len() <= self.registered {
            return Ok(());
        }
        let start = memory.as_ptr() as u64 + self.registered as u64;
        let mut register = [start, (memory.len() - self.registered) as u64, UFFDIO_REGISTER_MODE_WP, 0];
        // SAFETY: UFFDIO_REGISTER with its 32-byte argument, over mapped memory the caller borrows.
        if unsafe { libc::ioctl(self.uffd.as_raw_fd(), UFFDIO_REGISTER, register.as_mut_ptr()) } != 0 {
            return Err(io::Error::last_os_error());
        }
        self.registered = memory.len();
        Ok(())
    }

    /// The runs of chunks of `memory` written since the last call (or since [`WriteTracker::new`]), all
    /// protected again; `None` when the kernel cannot tell, and the tracker must not be used again.
    pub fn written(&mut self, memory: &[u8]) -> Option<Vec<(u32, u32)>> {
        self.register(memory).ok()?;
        crate::pagemap::written_since_protected(memory, CHUNK)
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

/// The runs of a bottom layer (one with nothing below it) of `memory`: `written`, the chunks the session
/// changed, and every chunk the image holds (not zeros) that lies inside the memory. The bottom then
/// covers the image, so a child maps it in one stretch instead of alternating with the image file where
/// the session left image chunks unwritten (`ForkMemory::map_layout`); those chunks cost the layer
/// about 100 KB.
pub(crate) fn bottom_runs(written: &[(u32, u32)], image: &[u8], memory_len: usize) -> Vec<(u32, u32)> {
    let chunks = (memory_len / CHUNK) as u32;
    let inside: Vec<(u32, u32)> = image_runs(image)
        .iter()
        .filter(|&&(first, _)| first < chunks)
        .map(|&(first, count)| (first, count.min(chunks - first)))
        .collect();
    crate::snapshot::union_of_runs(written, &inside)
}

/// Chunks in `runs` of (first chunk, chunks).
pub(crate) fn chunks_in(runs: &[(u32, u32)]) -> usize {
    runs.iter().map(|&(_, count)| count as usize).sum()
}

/// The runs of chunks of the module's image that are not all zeros (the process has one image).
pub(crate) fn image_runs(image: &[u8]) -> &'static [(u32, u32)] {
    static IMAGE_RUNS: OnceLock<Vec<(u32, u32)>> = OnceLock::new();
    IMAGE_RUNS.get_or_init(|| {
        let mut runs: Vec<(u32, u32)> = Vec::new();
        for (at, chunk) in image.chunks(CHUNK).enumerate() {
            if chunk.iter().any(|&b| b != 0) {
                match runs.last_mut() {
                    Some((first, count)) if *first + *count == at as u32 => *count += 1,
                    _ => runs.push((at as u32, 1)),
                }
            }
        }
        runs
    })
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

/// What the next linear memory made on this thread maps: the image, then each frozen layer over it.
pub(crate) struct Layout {
    pub image: &'static File,
    pub image_len: usize,
    /// The image's chunks that are not zeros ([`image_runs`]).
    pub image_runs: &'static [(u32, u32)],
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

    /// Maps the bottom layer over the whole stretch it spans, then, over it, the image's chunks it does
    /// not hold and each stretch of chunks that an upper layer holds, from the topmost layer holding
    /// it; private and inaccessible until grown into. A chunk inside the bottom's span that no layer
    /// holds reads the bottom file's hole, zeros, like the image's zero chunks and the memory beyond.
    /// The bottom holds the image's chunks too ([`bottom_runs`]), so the base is one mapping, and each
    /// upper stretch costs one `mmap` (replacing part of the base) where mapping every stretch from
    /// its source cost two (itself and the base after it): 34 mmaps became about 15 for the benchmark's
    /// fork after a run (issue 20). Mapping every layer bottom up instead would map a chunk once per
    /// layer that rewrote it.
    fn map_layout(&self, layout: &Layout) -> Result<(), String> {
        let stack = layout.frozen.stack();
        let len = stack.iter().map(|f| f.len).chain([layout.image_len]).max().unwrap_or(0);
        if len > self.capacity {
            return Err(format!("a fork of {len} bytes does not fit in {} bytes", self.capacity));
        }
        let map = |(at, count, source): (usize, usize, u8)| {
            let (offset, size) = (at * CHUNK, (count * CHUNK).min(len - at * CHUNK));
            match source {
                1 => self.map_file(layout.image, offset, size.min(layout.image_len - offset)),
                layer => self.map_file(&stack[layer as usize - 2].file, offset, size),
            }
        };
        // The source of each chunk: 0 zeros, 1 the image, 2 + i the stack's layer i.
        let mut source = vec![0u8; len.div_ceil(CHUNK)];
        let chunks = source.len();
        for &(first, count) in layout.image_runs {
            source[(first as usize).min(chunks)..((first + count) as usize).min(chunks)].fill(1);
        }
        let bottom = &stack[0].runs;
        if let (Some(&(first, _)), Some(&(last, count))) = (bottom.first(), bottom.last()) {
            for &(first, count) in bottom {
                source[first as usize..(first + count) as usize].fill(2);
            }
            map((first as usize, (last + count - first) as usize, 2))?;
        }
        stretches(&source).filter(|&(_, _, s)| s == 1).try_for_each(map)?;
        for (i, frozen) in stack.iter().enumerate().skip(1) {
            for &(first, count) in &frozen.runs {
                source[first as usize..(first + count) as usize].fill(2 + i as u8);
            }
        }
        // The upper layers' stretches, over the base.
        stretches(&source).filter(|&(_, _, s)| s > 2).try_for_each(map)?;
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

/// The stretches of equal sources in `source`, as (first chunk, chunks, source).
fn stretches(source: &[u8]) -> impl Iterator<Item = (usize, usize, u8)> + '_ {
    let mut at = 0;
    source.chunk_by(|a, b| a == b).map(move |stretch| {
        at += stretch.len();
        (at - stretch.len(), stretch.len(), stretch[0])
    })
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
