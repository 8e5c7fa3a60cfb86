//! Which pages of a session's memory it wrote, asked of the kernel instead of found by comparing.
//!
//! A fresh instance's memory is the module's copy-on-write image (a private mapping of a file) and
//! zeros beyond it. A page the guest writes becomes an anonymous page; a page it only reads stays the
//! file's page or the shared zero page. So the anonymous pages of a session's memory are a superset of
//! the pages that differ from a fresh instance, and Linux's `PAGEMAP_SCAN` ioctl (6.7 and later) lists
//! them in one system call, where comparing the whole memory with the image reads every byte of both
//! (most of a fork's time, measured: issue 20). Wasmtime uses the same ioctl to reset pooled memories.
//!
//! The list is exact enough to copy from, never too short: a page counts unless the kernel says it is
//! the file's page or the zero page, and a page swapped out (or being migrated) counts too. A page
//! written back to its old contents, or reset by the pooling allocator's keep-resident `memcpy`, is
//! listed though unchanged; callers that want only changed pages compare those.
//! `tests::written_pages_cover_every_changed_page` checks the superset on live sessions.
//!
//! Elsewhere (older kernels, other systems, a failing ioctl) [`written_runs`] returns `None` and callers
//! compare the memories as before.

/// Runs of `page`-sized pages of `memory` (page-aligned, a whole number of pages) that the process may
/// have written since the mapping was made: `(first page, count)`, increasing. `None` when the kernel
/// cannot tell.
#[cfg(target_os = "linux")]
pub(crate) fn written_runs(memory: &[u8], page: usize) -> Option<Vec<(u32, u32)>> {
    runs(memory, page, Query::Anonymous)
}

/// Runs of pages of `memory` written since they were last write-protected through the userfaultfd
/// that tracks them (`fork::WriteTracker`: asynchronous write-protect mode), write-protecting them again
/// in the same call. `None` when the kernel cannot tell (then nothing may have been protected again).
#[cfg(target_os = "linux")]
pub(crate) fn written_since_protected(memory: &[u8], page: usize) -> Option<Vec<(u32, u32)>> {
    runs(memory, page, Query::WrittenSinceProtected)
}

#[cfg(target_os = "linux")]
#[derive(Clone, Copy)]
enum Query {
    /// Pages that are neither the file's nor the zero page.
    Anonymous,
    /// Pages written since write-protected (and protect them again).
    WrittenSinceProtected,
}

#[cfg(target_os = "linux")]
fn runs(memory: &[u8], page: usize, query: Query) -> Option<Vec<(u32, u32)>> {
    let start = memory.as_ptr() as u64;
    let end = start + memory.len() as u64;
    if !start.is_multiple_of(page as u64) || !memory.len().is_multiple_of(page) {
        return None;
    }
    let file = pagemap_file()?;
    let mut regions = vec![PageRegion::default(); MAX_REGIONS];
    let mut runs: Vec<(u32, u32)> = Vec::new();
    let mut from = start;
    while from < end {
        let (filled, walk_end) = scan(&file, from, end, &mut regions, query)?;
        if walk_end <= from || walk_end > end {
            return None;
        }
        for region in &regions[..filled] {
            if region.start < from || region.end > walk_end || region.start >= region.end {
                return None;
            }
            let first = ((region.start - start) / page as u64) as u32;
            let count = ((region.end - region.start) / page as u64) as u32;
            match runs.last_mut() {
                Some((f, c)) if *f + *c == first => *c += count,
                _ => runs.push((first, count)),
            }
        }
        from = walk_end;
    }
    Some(runs)
}

#[cfg(not(target_os = "linux"))]
pub(crate) fn written_runs(_memory: &[u8], _page: usize) -> Option<Vec<(u32, u32)>> {
    None
}

#[cfg(target_os = "linux")]
const MAX_REGIONS: usize = 256;
// From <linux/fs.h>.
#[cfg(target_os = "linux")]
const PAGE_IS_WRITTEN: u64 = 1 << 1;
#[cfg(target_os = "linux")]
const PAGE_IS_FILE: u64 = 1 << 2;
#[cfg(target_os = "linux")]
const PM_SCAN_WP_MATCHING: u64 = 1 << 0;
#[cfg(target_os = "linux")]
const PM_SCAN_CHECK_WPASYNC: u64 = 1 << 1;
#[cfg(target_os = "linux")]
const PAGE_IS_PRESENT: u64 = 1 << 3;
#[cfg(target_os = "linux")]
const PAGE_IS_SWAPPED: u64 = 1 << 4;
#[cfg(target_os = "linux")]
const PAGE_IS_PFNZERO: u64 = 1 << 5;
/// `_IOWR('f', 16, struct pm_scan_arg)`.
#[cfg(target_os = "linux")]
const PAGEMAP_SCAN: libc::Ioctl =
    ((3 << 30) | ((std::mem::size_of::<PmScanArg>() as u32) << 16) | (0x66 << 8) | 16) as _;

#[cfg(target_os = "linux")]
#[repr(C)]
struct PmScanArg {
    size: u64,
    flags: u64,
    start: u64,
    end: u64,
    walk_end: u64,
    vec: u64,
    vec_len: u64,
    max_pages: u64,
    category_inverted: u64,
    category_mask: u64,
    category_anyof_mask: u64,
    return_mask: u64,
}

#[cfg(target_os = "linux")]
#[repr(C)]
#[derive(Clone, Copy, Default)]
struct PageRegion {
    start: u64,
    end: u64,
    categories: u64,
}

/// This process's `/proc/self/pagemap`, opened once per process: a child of `fork()` inherits the
/// parent's descriptor, which would describe the parent's pages, so the file is reopened when the
/// process id changed. `None` when it cannot be opened or the kernel lacks `PAGEMAP_SCAN`.
#[cfg(target_os = "linux")]
fn pagemap_file() -> Option<std::sync::Arc<std::fs::File>> {
    use std::sync::{Arc, Mutex};

    static FILE: Mutex<Option<(u32, Option<Arc<std::fs::File>>)>> = Mutex::new(None);
    let pid = std::process::id();
    let mut cached = FILE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((owner, file)) = cached.as_ref() {
        if *owner == pid {
            return file.clone();
        }
    }
    let file = std::fs::File::open("/proc/self/pagemap").ok().map(Arc::new).filter(|f| supported(f));
    *cached = Some((pid, file.clone()));
    file
}

/// Whether the kernel knows `PAGEMAP_SCAN` (an empty scan succeeds).
#[cfg(target_os = "linux")]
fn supported(file: &std::fs::File) -> bool {
    scan(file, 0, 0, &mut [], Query::Anonymous).is_some()
}

/// One `PAGEMAP_SCAN` of the addresses `from..end` for written pages, into `regions`: how many regions it
/// filled and where the walk stopped (before `end` when `regions` ran out). `None` when the ioctl fails.
#[cfg(target_os = "linux")]
fn scan(file: &std::fs::File, from: u64, end: u64, regions: &mut [PageRegion], query: Query) -> Option<(usize, u64)> {
    use std::os::fd::AsRawFd;

    let mut arg = PmScanArg {
        size: std::mem::size_of::<PmScanArg>() as u64,
        flags: 0,
        start: from,
        end,
        walk_end: 0,
        vec: regions.as_mut_ptr() as u64,
        vec_len: regions.len() as u64,
        max_pages: 0,
        // A page counts unless it is the file's (the image's) or the zero page, and only if it is there
        // at all: present, or swapped out (including a migration entry).
        category_inverted: PAGE_IS_FILE | PAGE_IS_PFNZERO,
        category_mask: PAGE_IS_FILE | PAGE_IS_PFNZERO,
        category_anyof_mask: PAGE_IS_PRESENT | PAGE_IS_SWAPPED,
        return_mask: 0,
    };
    if let Query::WrittenSinceProtected = query {
        // Fails (EPERM) rather than skip a page not tracked in asynchronous write-protect mode.
        arg.flags = PM_SCAN_WP_MATCHING | PM_SCAN_CHECK_WPASYNC;
        (arg.category_inverted, arg.category_mask, arg.category_anyof_mask) = (0, PAGE_IS_WRITTEN, 0);
    }
    // SAFETY: the fd is this process's pagemap; `arg` describes `regions`, which the kernel fills with at
    // most `vec_len` entries; the caller holds a borrow of the scanned memory (or the range is empty).
    let filled = unsafe { libc::ioctl(file.as_raw_fd(), PAGEMAP_SCAN, &mut arg as *mut PmScanArg) };
    let filled = usize::try_from(filled).ok()?;
    (filled <= regions.len()).then_some((filled, arg.walk_end))
}
