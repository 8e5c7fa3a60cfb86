//! The host-call codec against hostile bytes: every decode of random or mutated payloads ends quickly
//! with a value or an error, and never allocates more than the payload's size allows.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::time::{Duration, Instant};

use micropython_sandbox::codec::{self, BigInt, DecodeError, Encoder, Value, ALLOC_PER_BYTE, ALLOC_SLACK};

/// Counts the bytes this thread has allocated and its peak, so a test can bound what one call takes.
struct Counting;

thread_local! {
    static CURRENT: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = CURRENT.try_with(|c| {
            let now = c.get() + layout.size();
            c.set(now);
            let _ = PEAK.try_with(|p| p.set(p.get().max(now)));
        });
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let _ = CURRENT.try_with(|c| c.set(c.get().saturating_sub(layout.size())));
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f` and returns its result with the peak bytes this thread allocated meanwhile (also used by
/// the snapshot tests).
pub(crate) fn peak_allocated<R>(f: impl FnOnce() -> R) -> (R, usize) {
    let base = CURRENT.with(Cell::get);
    PEAK.with(|p| p.set(base));
    let result = f();
    let peak = PEAK.with(Cell::get) - base;
    (result, peak)
}

/// Decodes `bytes` and returns the result with the peak bytes allocated meanwhile.
fn decode_measured(bytes: &[u8]) -> (Result<Value, DecodeError>, usize) {
    peak_allocated(|| codec::decode(bytes))
}

fn bound(len: usize) -> usize {
    len * ALLOC_PER_BYTE + ALLOC_SLACK
}

/// xorshift64*: deterministic, so a failure reproduces.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn random_value(rng: &mut Rng, depth: usize) -> Value {
    let kinds = if depth > 4 { 8 } else { 11 };
    match rng.below(kinds) {
        0 => Value::None,
        1 => Value::Bool(rng.below(2) == 1),
        2 => Value::Int(rng.next() as i64),
        3 => Value::BigInt(BigInt::parse(&format!("-{}{}", rng.below(9) + 1, rng.next())).unwrap()),
        4 => Value::Float(rng.below(1 << 40) as f64 / 7.0),
        5 => Value::Str("é".repeat(rng.below(5) as usize) + "x"),
        6 => Value::Bytes((0..rng.below(8)).map(|i| i as u8).collect()),
        7 => Value::Int(rng.below(100) as i64),
        8 => Value::List((0..rng.below(5)).map(|_| random_value(rng, depth + 1)).collect()),
        9 => Value::Tuple((0..rng.below(5)).map(|_| random_value(rng, depth + 1)).collect()),
        _ => Value::Dict(
            (0..rng.below(4)).map(|_| (random_value(rng, depth + 1), random_value(rng, depth + 1))).collect(),
        ),
    }
}

fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>) {
    if bytes.is_empty() {
        bytes.push(rng.next() as u8);
        return;
    }
    match rng.below(5) {
        0 => {
            let i = rng.below(bytes.len() as u64) as usize;
            bytes[i] = rng.next() as u8;
        }
        1 => {
            // A forged count or length: the classic way to ask for gigabytes.
            let i = rng.below(bytes.len() as u64) as usize;
            let forged = [u32::MAX, u32::MAX / 2, 1 << 24, bytes.len() as u32 * 2, rng.next() as u32];
            let v = forged[rng.below(forged.len() as u64) as usize].to_le_bytes();
            for (k, b) in v.iter().enumerate() {
                if i + k < bytes.len() {
                    bytes[i + k] = *b;
                }
            }
        }
        2 => bytes.truncate(rng.below(bytes.len() as u64) as usize),
        3 => {
            let i = rng.below(bytes.len() as u64 + 1) as usize;
            let tag = rng.below(13) as u8;
            bytes.insert(i, tag);
        }
        _ => {
            let i = rng.below(bytes.len() as u64) as usize;
            let j = rng.below(bytes.len() as u64) as usize;
            let (a, b) = (i.min(j), i.max(j));
            let piece = bytes[a..b].to_vec();
            bytes.splice(a..a, piece);
        }
    }
}

#[test]
fn round_trips_random_values() {
    let mut rng = Rng(0x5eed_0001);
    for _ in 0..2_000 {
        let v = random_value(&mut rng, 0);
        let bytes = codec::encode(&v);
        let (decoded, peak) = decode_measured(&bytes);
        assert_eq!(decoded.as_ref(), Ok(&v));
        assert!(peak <= bound(bytes.len()), "{peak} bytes for a {}-byte payload", bytes.len());
    }
}

#[test]
fn fuzzed_payloads_never_allocate_beyond_their_size() {
    let started = Instant::now();
    let mut rng = Rng(0x5eed_0002);
    let mut cases = 0;
    while cases < 60_000 && started.elapsed() < Duration::from_secs(20) {
        let mut bytes = if rng.below(4) == 0 {
            (0..rng.below(64)).map(|_| rng.next() as u8).collect()
        } else {
            codec::encode(&random_value(&mut rng, 0))
        };
        for _ in 0..=rng.below(4) {
            mutate(&mut rng, &mut bytes);
        }
        let (_, peak) = decode_measured(&bytes);
        assert!(peak <= bound(bytes.len()), "{peak} bytes allocated for {bytes:02x?}");
        cases += 1;
    }
    assert!(cases >= 10_000, "only {cases} cases in the time allowed");
}

/// A rows table whose 0-column rows take no bytes, or whose long column names are copied into every
/// row: a few kilobytes that once decoded into gigabytes.
#[test]
fn forged_rows_tables_are_refused_within_bounds() {
    let mut zero_columns = Encoder::new();
    zero_columns.rows_header(std::iter::empty());
    let at = zero_columns.reserve_count();
    zero_columns.patch_count(at, u32::MAX as usize);
    let bytes = zero_columns.into_bytes();
    let started = Instant::now();
    let (result, peak) = decode_measured(&bytes);
    assert!(result.is_err() && peak <= bound(bytes.len()) && started.elapsed() < Duration::from_secs(1));

    let name = "n".repeat(10_000);
    let mut long_names = Encoder::new();
    long_names.rows_header([name.as_str()].into_iter());
    let at = long_names.reserve_count();
    for _ in 0..10_000 {
        long_names.none();
    }
    long_names.patch_count(at, 10_000);
    let bytes = long_names.into_bytes();
    let (result, peak) = decode_measured(&bytes);
    assert!(result.is_err(), "10,000 copies of a 10,000-byte name from a 20 kB payload");
    assert!(peak <= bound(bytes.len()), "{peak}");
}

#[test]
fn depth_is_bounded_and_reported_as_such() {
    let deep: Vec<u8> = (0..2000).flat_map(|_| [0x08, 1, 0, 0, 0]).chain([0x00]).collect();
    assert_eq!(codec::decode(&deep), Err(DecodeError::TooDeep));
    let mut v = Value::None;
    for _ in 0..codec::MAX_DEPTH {
        v = Value::List(vec![v]);
    }
    assert_eq!(codec::decode(&codec::encode(&v)).unwrap(), v);
}
