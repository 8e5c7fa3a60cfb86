//! Snapshots: a session's whole state as bytes, and a session again from them.
//!
//! Between runs a guest's state is its linear memory. The instance holds nothing else that changes: one
//! mutable global, the shadow-stack pointer, which between runs points at an empty stack (every export
//! has returned, so a fresh instance's value is the right one); a function table of fixed size that no
//! instruction of the module writes; no passive data segments; and a GC heap that only holds wasm
//! exceptions in flight (none between runs). `tests::the_instance_holds_no_state_outside_memory` checks
//! the module for exactly this, so a guest build that adds state fails it instead of losing that state.
//!
//! The module is pre-initialised (micropython-build/README.md): a fresh instance's memory is the build's
//! image (interpreter started, 512 KiB first heap area, 1 MiB shadow stack), and memory the GC heap grew
//! into starts as zeros. A snapshot stores only the 4 KiB chunks that differ from that baseline, so its
//! size follows what the session touched (its live heap and what the GC freed but did not reuse), not the
//! memory it reserved. Consecutive changed chunks form a run, contiguous in guest memory, and each run is
//! one LZ4 block compressed straight from guest memory; restoring decompresses each block straight into
//! a fresh copy-on-write instance's memory. No copy of the changed memory is made on either side, and
//! the pages a restore (or a fork) is about to write are faulted in with one `madvise` per run
//! ([`prefault`]) rather than one page fault each. See benches/snapshot.py for sizes and times.
//!
//! One word of guest memory is not state but policy: the memory limit the host gave `mp_session_init`
//! (`memory_limit_pages`, port/main.c). Its address is found once per process by starting two sessions
//! with different limits and comparing their memories, and a restored session keeps the word its own
//! `mp_session_init` wrote: the limits given at restore apply, whatever the snapshot says.
//!
//! Reading a snapshot trusts nothing in it. The header is checked field by field (magic, checksum,
//! format version, engine version, guest module hash, sizes consistent with each other and within the
//! new `memory_limit`) before anything is allocated; the body's checksum is verified, and so is its run
//! table (runs inside the memory, increasing, not overlapping, adding up to the header's counts) before
//! the new instance is made; each block's decompression writes only into the guest memory of its own
//! run and must fill it exactly. The chunks themselves are only ever written into guest memory: the host
//! never reads a pointer, length or object out of them (invariant 21 in `invariants.rs`).
//!
//! Layout (little-endian), `HEADER_LEN` bytes of header then the body:
//!
//! | offset | size | field |
//! |---|---|---|
//! | 0 | 8 | magic `MPYSNAP\0` |
//! | 8 | 4 | format version (`FORMAT_VERSION`) |
//! | 12 | 16 | engine version, ASCII, NUL-padded (`ENGINE_VERSION`) |
//! | 28 | 32 | SHA-256 of the guest module |
//! | 60 | 8 | linear memory size in bytes (a multiple of 64 KiB) |
//! | 68 | 4 | flags: bit 0 = files were mounted (the guest's root VFS is set up) |
//! | 72 | 4 | number of runs |
//! | 76 | 8 | number of chunks stored (the runs' lengths added up) |
//! | 84 | 8 | body length |
//! | 92 | 4 | CRC-32 of the body |
//! | 96 | 4 | CRC-32 of bytes 0..96 |
//!
//! Body: the run table, `RUN_RECORD` bytes per run in increasing order (first chunk number u32, number of
//! chunks u32, compressed length u32), then each run's LZ4 block in that order.

use std::sync::{Arc, OnceLock};

use sha2::{Digest, Sha256};
use wasmtime::Store;

use crate::engine::{self, GUEST_WASM};
use crate::error::Error;
use crate::host::{HostFunctions, HostState, RunControl};
use crate::limits::Limits;
use crate::pagemap;

pub const MAGIC: [u8; 8] = *b"MPYSNAP\0";
/// Bumped whenever the layout above changes; snapshots of another version are refused.
pub const FORMAT_VERSION: u32 = 2;
/// The engine crate's version, written into every snapshot and required to match at restore.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");
pub const HEADER_LEN: usize = 100;
/// Granularity of the comparison with the baseline: the host's page size, so an untouched page costs
/// nothing and a touched one costs one copy.
pub const CHUNK: usize = 4096;
/// Bytes of one entry of the run table.
pub const RUN_RECORD: usize = 12;
const WASM_PAGE: u64 = 65536;
/// Flag: the session had files mounted (its root VFS calls the file host functions).
pub const FLAG_FILES: u32 = 1;
const KNOWN_FLAGS: u32 = FLAG_FILES;

fn refuse(reason: impl Into<String>) -> Error {
    Error::Snapshot(reason.into())
}

/// SHA-256 of the guest module this engine runs, computed once.
pub fn guest_hash() -> &'static [u8; 32] {
    static HASH: OnceLock<[u8; 32]> = OnceLock::new();
    HASH.get_or_init(|| Sha256::digest(GUEST_WASM).into())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What a snapshot's header says, once every field has been checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    pub format_version: u32,
    pub engine_version: String,
    pub guest_hash: [u8; 32],
    /// Bytes of linear memory the session had.
    pub memory_size: u64,
    pub flags: u32,
    /// Runs of consecutive chunks that differ from a fresh instance.
    pub runs: u32,
    /// 4 KiB chunks that differ from a fresh instance.
    pub chunks: u64,
    pub body_len: u64,
    pub body_crc: u32,
}

impl Header {
    pub fn files_mounted(&self) -> bool {
        self.flags & FLAG_FILES != 0
    }

    fn write(&self) -> [u8; HEADER_LEN] {
        let mut h = [0u8; HEADER_LEN];
        h[0..8].copy_from_slice(&MAGIC);
        h[8..12].copy_from_slice(&self.format_version.to_le_bytes());
        let version = self.engine_version.as_bytes();
        h[12..12 + version.len().min(16)].copy_from_slice(&version[..version.len().min(16)]);
        h[28..60].copy_from_slice(&self.guest_hash);
        h[60..68].copy_from_slice(&self.memory_size.to_le_bytes());
        h[68..72].copy_from_slice(&self.flags.to_le_bytes());
        h[72..76].copy_from_slice(&self.runs.to_le_bytes());
        h[76..84].copy_from_slice(&self.chunks.to_le_bytes());
        h[84..92].copy_from_slice(&self.body_len.to_le_bytes());
        h[92..96].copy_from_slice(&self.body_crc.to_le_bytes());
        let crc = crc32fast::hash(&h[..96]);
        h[96..100].copy_from_slice(&crc.to_le_bytes());
        h
    }
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().expect("4 bytes"))
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().expect("8 bytes"))
}

/// Reads and checks the header of `data`: everything but the body's checksum and contents. Refuses
/// (with the reason) anything this engine did not write for this guest module.
pub fn inspect(data: &[u8]) -> Result<Header, Error> {
    if data.len() < HEADER_LEN {
        return Err(refuse(format!(
            "truncated: {} bytes, shorter than the {HEADER_LEN}-byte header of a snapshot",
            data.len()
        )));
    }
    let h = &data[..HEADER_LEN];
    if h[0..8] != MAGIC {
        return Err(refuse("not a sandbox snapshot (wrong magic bytes)"));
    }
    if crc32fast::hash(&h[..96]) != u32_at(h, 96) {
        return Err(refuse("the header is damaged (checksum mismatch)"));
    }
    let format_version = u32_at(h, 8);
    if format_version != FORMAT_VERSION {
        return Err(refuse(format!("format version {format_version}; this engine reads version {FORMAT_VERSION}")));
    }
    let version_field = &h[12..28];
    let version_len = version_field.iter().position(|&b| b == 0).unwrap_or(16);
    let engine_version = String::from_utf8_lossy(&version_field[..version_len]).into_owned();
    if engine_version != ENGINE_VERSION {
        return Err(refuse(format!(
            "made by engine version {engine_version:?}; this is engine version {ENGINE_VERSION:?}"
        )));
    }
    let snapshot_hash: [u8; 32] = h[28..60].try_into().expect("32 bytes");
    if &snapshot_hash != guest_hash() {
        return Err(refuse(format!(
            "made by another guest build (module sha256 {}), this engine runs {}",
            hex(&snapshot_hash[..8]),
            hex(&guest_hash()[..8])
        )));
    }
    let header = Header {
        format_version,
        engine_version,
        guest_hash: snapshot_hash,
        memory_size: u64_at(h, 60),
        flags: u32_at(h, 68),
        runs: u32_at(h, 72),
        chunks: u64_at(h, 76),
        body_len: u64_at(h, 84),
        body_crc: u32_at(h, 92),
    };
    if header.flags & !KNOWN_FLAGS != 0 {
        return Err(refuse(format!("unknown flags {:#x}", header.flags)));
    }
    if header.memory_size == 0
        || !header.memory_size.is_multiple_of(WASM_PAGE)
        || header.memory_size > crate::limits::MAX_MEMORY as u64
    {
        return Err(refuse(format!("invalid memory size {}", header.memory_size)));
    }
    let chunks_in_memory = header.memory_size / CHUNK as u64;
    if header.chunks > chunks_in_memory {
        return Err(refuse(format!("{} chunks do not fit in {} bytes of memory", header.chunks, header.memory_size)));
    }
    if u64::from(header.runs) > header.chunks {
        return Err(refuse(format!("{} runs of chunks do not fit in {} chunks", header.runs, header.chunks)));
    }
    if header.body_len < u64::from(header.runs) * RUN_RECORD as u64 {
        return Err(refuse("the header's body length is shorter than its run table"));
    }
    let body_len = (data.len() - HEADER_LEN) as u64;
    if header.body_len != body_len {
        return Err(refuse(format!(
            "truncated or padded: the header announces a {}-byte body, {body_len} bytes follow",
            header.body_len
        )));
    }
    Ok(header)
}

/// One run of a checked snapshot: where its chunks go in guest memory, and its LZ4 block.
pub(crate) struct Run<'a> {
    /// Byte range in guest memory.
    pub range: std::ops::Range<usize>,
    pub block: &'a [u8],
}

/// A checked snapshot: its header, and its runs (in bounds, increasing, not overlapping).
pub(crate) struct Decoded<'a> {
    pub header: Header,
    pub runs: Vec<Run<'a>>,
}

impl Decoded<'_> {
    /// Decompresses every run into `memory` (a fresh instance's, `header.memory_size` bytes), each block
    /// writing only into its own run, which it must fill exactly.
    pub fn write_into(&self, memory: &mut [u8]) -> Result<(), Error> {
        for run in &self.runs {
            let target = &mut memory[run.range.clone()];
            prefault(target);
            match lz4_flex::block::decompress_into(run.block, target) {
                Ok(n) if n == run.range.len() => {}
                Ok(n) => {
                    return Err(refuse(format!(
                        "the run at byte {} decompresses to {n} bytes, not the {} announced",
                        run.range.start,
                        run.range.len()
                    )))
                }
                Err(e) => return Err(refuse(format!("the run at byte {} does not decompress: {e}", run.range.start))),
            }
        }
        Ok(())
    }
}

/// Checks all of `data` but the blocks' contents, refusing a session larger than `memory_limit`.
/// Nothing is allocated but the run list (bounded by the body's length).
pub(crate) fn decode(data: &[u8], memory_limit: usize) -> Result<Decoded<'_>, Error> {
    let header = inspect(data)?;
    if header.memory_size > memory_limit as u64 {
        return Err(refuse(format!(
            "the session had {} bytes of memory, over this sandbox's memory_limit of {memory_limit} bytes",
            header.memory_size
        )));
    }
    let body = &data[HEADER_LEN..];
    if crc32fast::hash(body) != header.body_crc {
        return Err(refuse("the body is damaged (checksum mismatch)"));
    }
    let (table, mut blocks) = body.split_at(header.runs as usize * RUN_RECORD);
    let chunks_in_memory = header.memory_size / CHUNK as u64;
    let (mut end, mut chunks) = (0u64, 0u64);
    let mut runs = Vec::with_capacity(header.runs as usize);
    for record in table.chunks_exact(RUN_RECORD) {
        let (first, count, len) = (u64::from(u32_at(record, 0)), u64::from(u32_at(record, 4)), u32_at(record, 8));
        if first < end || count == 0 || first + count > chunks_in_memory {
            return Err(refuse(format!(
                "the run of {count} chunks at chunk {first} is out of order, empty or outside the memory"
            )));
        }
        if len as usize > blocks.len() {
            return Err(refuse(format!("the run at chunk {first} announces a block longer than the body")));
        }
        let (block, rest) = blocks.split_at(len as usize);
        blocks = rest;
        end = first + count;
        chunks += count;
        runs.push(Run { range: first as usize * CHUNK..end as usize * CHUNK, block });
    }
    if chunks != header.chunks || !blocks.is_empty() {
        return Err(refuse("the body's run table does not add up to its header"));
    }
    Ok(Decoded { header, runs })
}

/// Faults in the pages of `memory` (about to be written) with one system call: much cheaper than a
/// page fault per 4 KiB page. Only a hint: on kernels without `MADV_POPULATE_WRITE` (before Linux
/// 5.14) and on other systems the writes fault the pages in as usual.
#[cfg(target_os = "linux")]
pub(crate) fn prefault(memory: &mut [u8]) {
    // Whole host pages inside `memory` (guest memory is page-aligned, and so are runs of chunks).
    let start = memory.as_mut_ptr() as usize;
    let first = start.next_multiple_of(CHUNK);
    let last = (start + memory.len()) / CHUNK * CHUNK;
    if last > first {
        // SAFETY: the range lies inside `memory`, which is mapped and writable; populating pages does
        // not change their contents.
        unsafe { libc::madvise(first as *mut libc::c_void, last - first, libc::MADV_POPULATE_WRITE) };
    }
}

#[cfg(not(target_os = "linux"))]
pub(crate) fn prefault(_memory: &mut [u8]) {}

/// Bytes compared at once before looking at single chunks: most of a session's memory is equal to the
/// baseline in long stretches (the interpreter's own data, the unused heap and stack), which one
/// `memcmp` of this size settles.
const STRETCH: usize = 16 * CHUNK;

fn is_zero(bytes: &[u8]) -> bool {
    // A fold without an early exit, which the compiler vectorises (4 KiB in about 100 ns).
    bytes.iter().fold(0u8, |acc, &b| acc | b) == 0
}

/// Whether `memory[range]` equals a fresh instance's memory there (`image`, then zeros).
fn unchanged(memory: &[u8], image: &[u8], range: std::ops::Range<usize>) -> bool {
    let in_image = range.start.min(image.len())..range.end.min(image.len());
    memory[in_image.clone()] == image[in_image.clone()] && is_zero(&memory[in_image.end.max(range.start)..range.end])
}

/// The runs of chunks of `memory` that differ from a fresh instance's, as (first chunk, count). Only the
/// pages the kernel says the session wrote are compared, where it can tell ([`pagemap`]).
pub(crate) fn changed_runs(memory: &[u8], image: &[u8], mapped: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut runs = Vec::new();
    match written_runs(memory, mapped) {
        Some(written) => {
            for (first, count) in written {
                compare(memory, image, first as usize * CHUNK..(first + count) as usize * CHUNK, &mut runs);
            }
        }
        None => compare(memory, image, 0..memory.len(), &mut runs),
    }
    runs
}

/// The runs of chunks a copy of `memory` into a fresh instance must carry: the pages the session wrote,
/// without comparing them, where the kernel can tell; else the changed ones. `mapped`: chunks mapped
/// from a frozen parent (`fork.rs`), state the kernel does not list as written.
pub(crate) fn runs_to_copy(memory: &[u8], image: &[u8], mapped: &[(u32, u32)]) -> Vec<(u32, u32)> {
    written_runs(memory, mapped).unwrap_or_else(|| changed_runs(memory, image, mapped))
}

/// The kernel's written pages of `memory` and the `mapped` runs, merged; `None` when the kernel cannot
/// tell.
pub(crate) fn written_runs(memory: &[u8], mapped: &[(u32, u32)]) -> Option<Vec<(u32, u32)>> {
    let written = pagemap::written_runs(memory, CHUNK)?;
    if mapped.is_empty() {
        return Some(written);
    }
    Some(union_of_runs(&written, mapped))
}

/// The chunks of two lists of runs, as one list of runs (increasing, merged where they touch).
pub(crate) fn union_of_runs(a: &[(u32, u32)], b: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut all: Vec<(u32, u32)> = a.iter().chain(b).copied().collect();
    all.sort_unstable();
    let mut merged: Vec<(u32, u32)> = Vec::with_capacity(all.len());
    for (first, count) in all {
        match merged.last_mut() {
            Some((f, c)) if first <= *f + *c => *c = (*c).max(first + count - *f),
            _ => merged.push((first, count)),
        }
    }
    merged
}

/// Appends to `runs` the chunks of `memory[range]` (chunk-aligned) that differ from a fresh instance's.
pub(crate) fn compare(memory: &[u8], image: &[u8], range: std::ops::Range<usize>, runs: &mut Vec<(u32, u32)>) {
    for stretch in range.clone().step_by(STRETCH) {
        let stretch_end = (stretch + STRETCH).min(range.end);
        if unchanged(memory, image, stretch..stretch_end) {
            continue;
        }
        for at in (stretch..stretch_end).step_by(CHUNK) {
            if unchanged(memory, image, at..at + CHUNK) {
                continue;
            }
            let i = (at / CHUNK) as u32;
            match runs.last_mut() {
                Some((first, count)) if *first + *count == i => *count += 1,
                _ => runs.push((i, 1)),
            }
        }
    }
}

/// Encodes `memory` (a session's whole linear memory) as a snapshot.
pub(crate) fn encode(memory: &[u8], image: &[u8], mapped: &[(u32, u32)], flags: u32) -> Vec<u8> {
    let runs = changed_runs(memory, image, mapped);
    let chunks: u64 = runs.iter().map(|&(_, count)| u64::from(count)).sum();
    let table_len = runs.len() * RUN_RECORD;
    let bound: usize =
        runs.iter().map(|&(_, count)| lz4_flex::block::get_maximum_output_size(count as usize * CHUNK)).sum();
    let mut out = vec![0u8; HEADER_LEN + table_len + bound];
    let mut at = HEADER_LEN + table_len;
    for (n, &(first, count)) in runs.iter().enumerate() {
        let range = first as usize * CHUNK..(first + count) as usize * CHUNK;
        let len = lz4_flex::block::compress_into(&memory[range], &mut out[at..]).expect("sized by the bound");
        let record = &mut out[HEADER_LEN + n * RUN_RECORD..HEADER_LEN + (n + 1) * RUN_RECORD];
        record[0..4].copy_from_slice(&first.to_le_bytes());
        record[4..8].copy_from_slice(&count.to_le_bytes());
        record[8..12].copy_from_slice(&(len as u32).to_le_bytes());
        at += len;
    }
    out.truncate(at);
    let body = &out[HEADER_LEN..];
    let header = Header {
        format_version: FORMAT_VERSION,
        engine_version: ENGINE_VERSION.into(),
        guest_hash: *guest_hash(),
        memory_size: memory.len() as u64,
        flags,
        runs: runs.len() as u32,
        chunks,
        body_len: body.len() as u64,
        body_crc: crc32fast::hash(body),
    };
    out[..HEADER_LEN].copy_from_slice(&header.write());
    out
}

/// What a restore compares with and must not take from a snapshot, found once per process.
pub(crate) struct Baseline {
    /// A fresh instance's linear memory (the module's pre-initialised image).
    pub image: Vec<u8>,
    /// Offset of the guest's memory-limit word (`memory_limit_pages`), written by `mp_session_init`.
    pub limit_word: usize,
}

/// The baseline of the guest module, computed on first use.
pub(crate) fn baseline() -> Result<&'static Baseline, Error> {
    static BASELINE: OnceLock<Result<Baseline, String>> = OnceLock::new();
    BASELINE.get_or_init(find_baseline).as_ref().map_err(|e| Error::Engine(e.clone()))
}

fn find_baseline() -> Result<Baseline, String> {
    let runtime = engine::runtime(false).map_err(|e| e.to_string())?;
    // Two page counts whose low bytes differ, so the word that holds them is found byte by byte.
    const PAGES: [u32; 2] = [0x3c5a, 0xa5c3];
    let mut memories = Vec::new();
    let mut image = Vec::new();
    for pages in PAGES {
        let limits = Limits { memory_limit: crate::limits::MAX_MEMORY, ..Limits::default() };
        let state = HostState::new(limits, HostFunctions::new(), Arc::new(RunControl::new(Default::default())));
        let mut store = Store::new(&runtime.engine, state);
        store.limiter(|state| &mut state.limiter);
        // mp_session_init returns at once; no epoch tick may interrupt it.
        store.set_epoch_deadline(1 << 40);
        let instance = runtime.pre.instantiate(&mut store).map_err(|e| format!("{e:#}"))?;
        let memory = instance.get_memory(&mut store, "memory").ok_or("the guest exports no memory")?;
        image = memory.data(&store).to_vec();
        let init = instance.get_typed_func::<i32, i32>(&mut store, "mp_session_init").map_err(|e| format!("{e:#}"))?;
        if init.call(&mut store, (pages as u64 * WASM_PAGE) as u32 as i32).map_err(|e| format!("{e:#}"))? != 0 {
            return Err("the guest refused its memory limit".into());
        }
        memories.push(memory.data(&store).to_vec());
    }
    let differing: Vec<usize> = (0..memories[0].len()).filter(|&i| memories[0][i] != memories[1][i]).collect();
    let word = differing.first().map(|&i| i & !3);
    match word {
        Some(w)
            if differing.iter().all(|&i| i & !3 == w)
                && memories[0][w..w + 4] == PAGES[0].to_le_bytes()
                && memories[1][w..w + 4] == PAGES[1].to_le_bytes() =>
        {
            Ok(Baseline { image, limit_word: w })
        }
        _ => Err(format!(
            "snapshots are not available: the guest's memory-limit word was not found (the two sessions differ at \
             {} bytes)",
            differing.len()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_word_is_found() {
        let baseline = baseline().unwrap();
        assert!(baseline.limit_word < baseline.image.len());
        // The pre-initialised module holds 65536 pages ("no limit of its own") until mp_session_init.
        assert_eq!(baseline.image[baseline.limit_word..baseline.limit_word + 4], 65536u32.to_le_bytes());
    }

    /// Everything an instance holds besides its memory is checked here, from the module itself: if a
    /// guest build adds a mutable global, a writable table or passive data, snapshots would lose it.
    #[test]
    fn the_instance_holds_no_state_outside_memory() {
        use wasmparser::{Operator, Parser, Payload, TypeRef};
        let mut mutable_globals = 0;
        let mut table_ops = Vec::new();
        for payload in Parser::new(0).parse_all(GUEST_WASM) {
            match payload.unwrap() {
                Payload::ImportSection(imports) => {
                    for import in imports.into_imports() {
                        let import = import.unwrap();
                        assert!(
                            matches!(import.ty, TypeRef::Func(_) | TypeRef::FuncExact(_)),
                            "imported {}: only functions may be imported",
                            import.name
                        );
                    }
                }
                Payload::GlobalSection(globals) => {
                    for global in globals {
                        mutable_globals += usize::from(global.unwrap().ty.mutable);
                    }
                }
                Payload::TableSection(tables) => {
                    for table in tables {
                        let ty = table.unwrap().ty;
                        assert_eq!(Some(ty.initial), ty.maximum, "a table that can grow");
                    }
                }
                Payload::DataSection(data) => {
                    for segment in data {
                        assert!(
                            matches!(segment.unwrap().kind, wasmparser::DataKind::Active { .. }),
                            "a passive data segment (memory.init/data.drop state)"
                        );
                    }
                }
                Payload::CodeSectionEntry(body) => {
                    let mut ops = body.get_operators_reader().unwrap();
                    while !ops.eof() {
                        if let op @ (Operator::TableSet { .. }
                        | Operator::TableGrow { .. }
                        | Operator::TableFill { .. }
                        | Operator::TableCopy { .. }
                        | Operator::TableInit { .. }
                        | Operator::ElemDrop { .. }
                        | Operator::GlobalSet { global_index: 1.. }) = ops.read().unwrap()
                        {
                            table_ops.push(format!("{op:?}"));
                        }
                    }
                }
                _ => {}
            }
        }
        // The shadow-stack pointer (global 0), empty between runs.
        assert_eq!(mutable_globals, 1);
        assert!(table_ops.is_empty(), "instructions that change instance state: {table_ops:?}");
    }

    #[test]
    fn round_trip_of_a_synthetic_memory() {
        let image: Vec<u8> = (0..8 * CHUNK).map(|i| (i * 7) as u8).collect();
        let mut memory = image.clone();
        memory.resize(4 * WASM_PAGE as usize, 0);
        memory[3 * CHUNK + 5] ^= 1;
        memory[7 * CHUNK] ^= 1;
        memory[8 * CHUNK] = 9;
        memory[20 * CHUNK + 4095] = 9;
        memory[63 * CHUNK] = 1;
        let data = encode(&memory, &image, &[], 0);
        let decoded = decode(&data, 64 << 20).unwrap();
        let runs: Vec<_> = decoded.runs.iter().map(|r| (r.range.start / CHUNK, r.range.len() / CHUNK)).collect();
        assert_eq!(runs, [(3, 1), (7, 2), (20, 1), (63, 1)]);
        assert_eq!((decoded.header.runs, decoded.header.chunks), (4, 5));
        assert_eq!(decoded.header.memory_size, memory.len() as u64);
        let mut restored = image.clone();
        restored.resize(memory.len(), 0);
        decoded.write_into(&mut restored).unwrap();
        assert!(restored == memory);
    }
}
