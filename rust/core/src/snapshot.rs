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
//! memory it reserved; the chunks are compressed with LZ4 (about 1 GB/s each way; see benches/snapshot.py
//! for sizes and times). Restoring maps a fresh copy-on-write instance and writes those chunks back.
//!
//! One word of guest memory is not state but policy: the memory limit the host gave `mp_session_init`
//! (`memory_limit_pages`, port/main.c). Its address is found once per process by starting two sessions
//! with different limits and comparing their memories, and a restored session keeps the word its own
//! `mp_session_init` wrote: the limits given at restore apply, whatever the snapshot says.
//!
//! Reading a snapshot trusts nothing in it. The header is checked field by field (magic, checksum,
//! format version, engine version, guest module hash, sizes consistent with each other and within the
//! new `memory_limit`) before anything is allocated; the body's checksum is verified and its
//! decompression is bounded by the size the header declares; the chunk index must be in bounds and
//! increasing. The chunks themselves are only ever copied into guest memory: the host never reads a
//! pointer, length or object out of them (invariant 20 in `invariants.rs`).
//!
//! Layout (little-endian), `HEADER_LEN` bytes of header then the LZ4 block of the body:
//!
//! | offset | size | field |
//! |---|---|---|
//! | 0 | 8 | magic `MPYSNAP\0` |
//! | 8 | 4 | format version (`FORMAT_VERSION`) |
//! | 12 | 16 | engine version, ASCII, NUL-padded (`ENGINE_VERSION`) |
//! | 28 | 32 | SHA-256 of the guest module |
//! | 60 | 8 | linear memory size in bytes (a multiple of 64 KiB) |
//! | 68 | 4 | flags: bit 0 = files were mounted (the guest's root VFS is set up) |
//! | 72 | 4 | number of chunks stored |
//! | 76 | 8 | uncompressed body length (= chunks x (4 + 4096)) |
//! | 84 | 8 | compressed body length |
//! | 92 | 4 | CRC-32 of the compressed body |
//! | 96 | 4 | CRC-32 of bytes 0..96 |
//!
//! Body, uncompressed: the chunk numbers (u32 each, increasing), then the chunks' bytes in that order.

use std::sync::{Arc, OnceLock};

use sha2::{Digest, Sha256};
use wasmtime::Store;

use crate::engine::{self, GUEST_WASM};
use crate::error::Error;
use crate::host::{HostFunctions, HostState, RunControl};
use crate::limits::Limits;

pub const MAGIC: [u8; 8] = *b"MPYSNAP\0";
/// Bumped whenever the layout above changes; snapshots of another version are refused.
pub const FORMAT_VERSION: u32 = 1;
/// The engine crate's version, written into every snapshot and required to match at restore.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");
pub const HEADER_LEN: usize = 100;
/// Granularity of the comparison with the baseline: the host's page size, so an untouched page costs
/// nothing and a touched one costs one copy.
pub const CHUNK: usize = 4096;
/// Bytes of one chunk in the uncompressed body: its number and its contents.
const CHUNK_RECORD: u64 = 4 + CHUNK as u64;
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
    /// 4 KiB chunks that differ from a fresh instance.
    pub chunks: u32,
    pub raw_len: u64,
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
        h[72..76].copy_from_slice(&self.chunks.to_le_bytes());
        h[76..84].copy_from_slice(&self.raw_len.to_le_bytes());
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
        chunks: u32_at(h, 72),
        raw_len: u64_at(h, 76),
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
    if u64::from(header.chunks) > header.memory_size / CHUNK as u64 {
        return Err(refuse(format!("{} chunks do not fit in {} bytes of memory", header.chunks, header.memory_size)));
    }
    if header.raw_len != u64::from(header.chunks) * CHUNK_RECORD {
        return Err(refuse("the header's body length does not match its chunk count"));
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

/// A checked snapshot: which chunks to write, and their contents.
pub(crate) struct Decoded {
    pub header: Header,
    /// The uncompressed body: `chunks` chunk numbers, then the chunks.
    raw: Vec<u8>,
}

impl Decoded {
    /// (chunk number, contents) in increasing order of chunk number.
    pub fn chunks(&self) -> impl Iterator<Item = (usize, &[u8])> + '_ {
        let n = self.header.chunks as usize;
        let (index, pages) = self.raw.split_at(4 * n);
        index.chunks_exact(4).zip(pages.chunks_exact(CHUNK)).map(|(i, page)| (u32_at(i, 0) as usize, page))
    }
}

/// Checks all of `data` and decompresses its body, refusing a session larger than `memory_limit`.
pub(crate) fn decode(data: &[u8], memory_limit: usize) -> Result<Decoded, Error> {
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
    // Bounded: raw_len <= memory_size + memory_size / 1024 <= memory_limit + 0.1% (checked above).
    let mut raw = vec![0u8; header.raw_len as usize];
    match lz4_flex::block::decompress_into(body, &mut raw) {
        Ok(n) if n as u64 == header.raw_len => {}
        Ok(n) => {
            return Err(refuse(format!("the body decompresses to {n} bytes, not the {} announced", header.raw_len)))
        }
        Err(e) => return Err(refuse(format!("the body does not decompress: {e}"))),
    }
    let chunks_in_memory = header.memory_size / CHUNK as u64;
    let mut previous: Option<u32> = None;
    for i in raw[..4 * header.chunks as usize].chunks_exact(4).map(|b| u32_at(b, 0)) {
        if u64::from(i) >= chunks_in_memory || previous.is_some_and(|p| i <= p) {
            return Err(refuse(format!("chunk number {i} is out of order or outside the memory")));
        }
        previous = Some(i);
    }
    Ok(Decoded { header, raw })
}

fn is_zero(chunk: &[u8]) -> bool {
    // A fold without an early exit, which the compiler vectorises (4 KiB in about 100 ns).
    chunk.iter().fold(0u8, |acc, &b| acc | b) == 0
}

/// Whether chunk `i` of `memory` differs from a fresh instance's.
fn chunk_differs(memory: &[u8], image: &[u8], i: usize) -> bool {
    let chunk = &memory[i * CHUNK..(i + 1) * CHUNK];
    match image.get(i * CHUNK..(i + 1) * CHUNK) {
        Some(base) => chunk != base,
        None => !is_zero(chunk),
    }
}

/// The numbers of the chunks of `memory` that differ from a fresh instance's.
pub(crate) fn changed_chunks(memory: &[u8], image: &[u8]) -> Vec<u32> {
    (0..memory.len() / CHUNK).filter(|&i| chunk_differs(memory, image, i)).map(|i| i as u32).collect()
}

/// Encodes `memory` (a session's whole linear memory) as a snapshot.
pub(crate) fn encode(memory: &[u8], image: &[u8], flags: u32) -> Vec<u8> {
    let changed = changed_chunks(memory, image);
    let mut raw = Vec::with_capacity(changed.len() * CHUNK_RECORD as usize);
    for i in &changed {
        raw.extend_from_slice(&i.to_le_bytes());
    }
    for &i in &changed {
        let i = i as usize;
        raw.extend_from_slice(&memory[i * CHUNK..(i + 1) * CHUNK]);
    }
    let body = lz4_flex::block::compress(&raw);
    let header = Header {
        format_version: FORMAT_VERSION,
        engine_version: ENGINE_VERSION.into(),
        guest_hash: *guest_hash(),
        memory_size: memory.len() as u64,
        flags,
        chunks: changed.len() as u32,
        raw_len: raw.len() as u64,
        body_len: body.len() as u64,
        body_crc: crc32fast::hash(&body),
    };
    let mut out = Vec::with_capacity(HEADER_LEN + body.len());
    out.extend_from_slice(&header.write());
    out.extend_from_slice(&body);
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
        memory[20 * CHUNK] = 9;
        let data = encode(&memory, &image, 0);
        let decoded = decode(&data, 64 << 20).unwrap();
        let chunks: Vec<usize> = decoded.chunks().map(|(i, _)| i).collect();
        assert_eq!(chunks, [3, 20]);
        assert_eq!(decoded.header.memory_size, memory.len() as u64);
        let mut restored = image.clone();
        restored.resize(memory.len(), 0);
        for (i, page) in decoded.chunks() {
            restored[i * CHUNK..(i + 1) * CHUNK].copy_from_slice(page);
        }
        assert!(restored == memory);
    }
}
