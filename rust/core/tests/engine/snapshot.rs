//! Snapshots, restore and fork through the public API: the state that comes back is the state that was
//! saved (compared by running the same probe on both), a fork shares nothing with its parent, and no
//! byte string makes a restore do more than refuse with a reason, within memory its size allows.

use std::time::{Duration, Instant};

use micropython_sandbox::snapshot::{self, HEADER_LEN};
use micropython_sandbox::{Error, FileMount, Files, Limits, RunOptions, Sandbox};

use crate::codec::{peak_allocated, Rng};

fn value(sb: &mut Sandbox, code: &str) -> String {
    let options = RunOptions { eval_trailing: true, ..RunOptions::default() };
    sb.run(code, options).unwrap_or_else(|e| panic!("{code}: {e}")).value.unwrap_or_default()
}

fn stdout(sb: &mut Sandbox, code: &str) -> String {
    sb.run(code, RunOptions::default()).unwrap_or_else(|e| panic!("{code}: {e}")).output.stdout
}

/// A session the way an analyst leaves one: data, a class with state, a closure, a generator
/// suspended between runs, imported modules, a seeded and an unseeded random generator.
const SESSION: &str = "\
import json, random, collections, math
from datetime import date
rows = [{'id': i, 'name': 'n%d' % i, 'score': math.sqrt(i)} for i in range(2000)]
by_name = {r['name']: r for r in rows}
class Counter:
    total = 0
    def __init__(self, step):
        self.step = step
    def bump(self):
        Counter.total += self.step
        return Counter.total
c = Counter(3)
c.bump()
def make_adder(n):
    def add(x):
        return x + n
    return add
add5 = make_adder(5)
def numbers():
    n = 0
    while True:
        n += 1
        yield n * n
gen = numbers()
next(gen); next(gen)
rng = random.Random(42)
rng.random()
random.seed(7)
random.random()
tally = collections.Counter(r['name'][-1] for r in rows)
when = date(2024, 2, 29)
";

/// Runs the same thing on both sides: advances the generator and the random generators, mutates the
/// class, reads everything back.
const PROBE: &str = "\
print(len(rows), by_name['n1999']['score'], c.bump(), Counter.total, add5(10))
print(next(gen), next(gen), rng.random(), random.random(), random.randint(0, 10**9))
print(sorted(tally.items())[:3], when.isoformat(), json.dumps(rows[3]))
import sys
print(sorted(k for k in sys.modules if not k.startswith('_')))
";

#[test]
fn restore_brings_back_the_whole_session() {
    let mut original = Sandbox::new(Limits::default()).unwrap();
    original.run(SESSION, RunOptions::default()).unwrap();
    let data = original.snapshot().unwrap();
    let mut restored = Sandbox::new(Limits::default()).unwrap();
    restored.restore(&data).unwrap();
    let expected = stdout(&mut original, PROBE);
    assert!(expected.contains("2000"), "{expected}");
    assert_eq!(stdout(&mut restored, PROBE), expected);
    // And again: both go on in step.
    assert_eq!(stdout(&mut restored, PROBE), stdout(&mut original, PROBE));
}

#[test]
fn a_failed_restore_leaves_the_session_untouched() {
    let mut sb = Sandbox::new(Limits::default()).unwrap();
    sb.run("x = 41", RunOptions::default()).unwrap();
    let mut data = sb.snapshot().unwrap();
    data.truncate(data.len() - 1);
    assert!(matches!(sb.restore(&data), Err(Error::Snapshot(_))));
    assert_eq!(value(&mut sb, "x + 1"), "42");
}

#[test]
fn fork_shares_nothing_with_its_parent() {
    let dir = std::env::temp_dir().join(format!("mp-snapshot-fork-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut parent = Sandbox::new(Limits::default()).unwrap();
    let files =
        Files::new(vec![FileMount { guest: "/out".into(), host: dir.clone(), directory: true, writable: true }]);
    parent.mount_files(files.unwrap()).unwrap();
    parent.run(SESSION, RunOptions::default()).unwrap();
    parent.run("with open('/out/a.txt', 'w') as f:\n    f.write('parent')", RunOptions::default()).unwrap();
    let started = Instant::now();
    let mut child = parent.fork().unwrap();
    let forked_in = started.elapsed();
    assert_eq!(stdout(&mut child, PROBE), stdout(&mut parent, PROBE));
    child
        .run(
            "rows.clear(); c.step = 100\nwith open('/out/a.txt', 'w') as f:\n    f.write('child')",
            RunOptions::default(),
        )
        .unwrap();
    child.run("import builtins; builtins.len = None", RunOptions::default()).unwrap();
    assert_eq!(value(&mut parent, "len(rows), c.step, open('/out/a.txt').read()"), "(2000, 3, 'parent')");
    parent.run("rows.append(1)", RunOptions::default()).unwrap();
    // (the child's own file system helpers need the len it replaced: its file is read below, from the host)
    assert_eq!(value(&mut child, "rows, c.step"), "([], 100)");
    assert_eq!(parent.written_files()["/out/a.txt"], b"parent");
    assert_eq!(child.written_files()["/out/a.txt"], b"child");
    // Closing one leaves the other running.
    parent.close();
    assert_eq!(value(&mut child, "c.bump() > 0"), "True");
    assert!(forked_in < Duration::from_millis(500), "fork took {forked_in:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn snapshot_size_follows_the_live_heap_not_the_reserved_memory() {
    let mut sb = Sandbox::new(Limits { memory_limit: 256 << 20, ..Limits::default() }).unwrap();
    let fresh = sb.snapshot().unwrap().len();
    assert!(fresh < 64 << 10, "a fresh session's snapshot is {fresh} bytes");
    // 1 MB of incompressible live data.
    sb.run("import os\nblob = os.urandom(1_000_000)", RunOptions::default()).unwrap();
    let live = sb.snapshot().unwrap().len();
    assert!((1_000_000..1_400_000).contains(&live), "{live} bytes for 1 MB of live data");
    // Memory that grew and was never written costs nothing.
    sb.run("big = bytearray(40_000_000)\ndel big", RunOptions::default()).unwrap();
    assert!(sb.memory_size().unwrap() > 40_000_000);
    let after = sb.snapshot().unwrap().len();
    assert!(after < live + 300_000, "{after} bytes after growing to {} bytes", sb.memory_size().unwrap());
}

#[test]
fn restore_applies_the_new_limits() {
    let mut big = Sandbox::new(Limits { memory_limit: 64 << 20, ..Limits::default() }).unwrap();
    big.run("keep = bytearray(20_000_000)\nkeep[-1] = 1", RunOptions::default()).unwrap();
    let data = big.snapshot().unwrap();
    let header = snapshot::inspect(&data).unwrap();
    assert!(header.memory_size > 20_000_000);
    // Smaller than the session: refused, naming the limit.
    let mut small = Sandbox::new(Limits { memory_limit: 16 << 20, ..Limits::default() }).unwrap();
    match small.restore(&data) {
        Err(Error::Snapshot(reason)) => assert!(reason.contains("memory_limit"), "{reason}"),
        other => panic!("{other:?}"),
    }
    // Large enough: restored, and the guest's own idea of its limit is the new one.
    let mut medium = Sandbox::new(Limits { memory_limit: 32 << 20, ..Limits::default() }).unwrap();
    medium.restore(&data).unwrap();
    let free: usize = value(&mut medium, "import gc; gc.mem_free()").parse().unwrap();
    assert!(free < 32 << 20, "the guest thinks it may still grow by {free} bytes");
    match medium.run("more = bytearray(20_000_000)", RunOptions::default()) {
        Err(Error::OutOfMemory { session_reset: false, .. }) => {}
        other => panic!("{other:?}"),
    }
    assert!(medium.memory_size().unwrap() <= 32 << 20);
    assert_eq!(value(&mut medium, "len(keep), keep[-1]"), "(20000000, 1)");
}

#[test]
fn files_mounted_in_the_snapshot_must_be_given_again() {
    let dir = std::env::temp_dir().join(format!("mp-snapshot-files-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("in.txt"), "hello").unwrap();
    let mount =
        || Files::new(vec![FileMount { guest: "/in".into(), host: dir.clone(), directory: true, writable: false }]);
    let mut sb = Sandbox::new(Limits::default()).unwrap();
    sb.mount_files(mount().unwrap()).unwrap();
    sb.run("f = open('/in/in.txt')", RunOptions::default()).unwrap();
    let data = sb.snapshot().unwrap();
    let mut bare = Sandbox::new(Limits::default()).unwrap();
    assert!(matches!(bare.restore(&data), Err(Error::Snapshot(r)) if r.contains("files")));
    let mut with_files = Sandbox::new(Limits::default()).unwrap();
    with_files.mount_files(mount().unwrap()).unwrap();
    with_files.restore(&data).unwrap();
    assert_eq!(value(&mut with_files, "f.read(), open('/in/in.txt').read()"), "('hello', 'hello')");
    // A snapshot without files restored where files are given: they are mounted.
    let plain = Sandbox::new(Limits::default()).unwrap().snapshot().unwrap();
    with_files.restore(&plain).unwrap();
    assert_eq!(value(&mut with_files, "open('/in/in.txt').read()"), "'hello'");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Rewrites the header's checksum after a forged field, so the forgery reaches the later checks.
fn reseal(data: &mut [u8]) {
    let crc = crc32(&data[..96]);
    data[96..100].copy_from_slice(&crc.to_le_bytes());
}

fn reseal_body(data: &mut [u8]) {
    let body_len = (data.len() - HEADER_LEN) as u64;
    data[84..92].copy_from_slice(&body_len.to_le_bytes());
    let crc = crc32(&data[HEADER_LEN..]);
    data[92..96].copy_from_slice(&crc.to_le_bytes());
    reseal(data);
}

/// CRC-32 (IEEE), bit by bit: the tests do not trust the engine's own checksum code.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn refused(sb: &mut Sandbox, data: &[u8]) -> String {
    match sb.restore(data) {
        Err(Error::Snapshot(reason)) => reason,
        other => panic!("{other:?}"),
    }
}

#[test]
fn foreign_damaged_and_forged_snapshots_are_refused_with_the_reason() {
    let mut sb = Sandbox::new(Limits::default()).unwrap();
    sb.run("x = [1, 2, 3] * 1000", RunOptions::default()).unwrap();
    let good = sb.snapshot().unwrap();
    let mut target = Sandbox::new(Limits::default()).unwrap();
    let forge = |at: usize, bytes: &[u8]| {
        let mut d = good.clone();
        d[at..at + bytes.len()].copy_from_slice(bytes);
        reseal(&mut d);
        d
    };
    assert!(refused(&mut target, &good[..50]).contains("truncated"));
    assert!(refused(&mut target, b"").contains("truncated"));
    assert!(refused(&mut target, &[b"PK\x03\x04".as_slice(), &good[4..]].concat()).contains("not a sandbox snapshot"));
    let mut flipped = good.clone();
    flipped[40] ^= 1;
    assert!(refused(&mut target, &flipped).contains("header is damaged"));
    let other_format = snapshot::FORMAT_VERSION + 1;
    assert!(refused(&mut target, &forge(8, &other_format.to_le_bytes()))
        .contains(&format!("format version {other_format}")));
    assert!(refused(&mut target, &forge(12, b"9.9.9\0")).contains("engine version \"9.9.9\""));
    assert!(refused(&mut target, &forge(28, &[0xab; 32])).contains("another guest build"));
    assert!(refused(&mut target, &forge(60, &(1u64 << 40).to_le_bytes())).contains("invalid memory size"));
    assert!(refused(&mut target, &forge(60, &(65536u64 * 3 + 1).to_le_bytes())).contains("invalid memory size"));
    assert!(refused(&mut target, &forge(68, &2u32.to_le_bytes())).contains("unknown flags"));
    assert!(refused(&mut target, &forge(72, &u32::MAX.to_le_bytes())).contains("chunks do not fit"));
    assert!(refused(&mut target, &good[..good.len() - 10]).contains("truncated or padded"));
    let mut body = good.clone();
    let last = body.len() - 1;
    body[last] ^= 0x55;
    assert!(refused(&mut target, &body).contains("body is damaged"));
    // A body whose run table does not add up to its header.
    let mut garbage = good[..HEADER_LEN].to_vec();
    garbage.extend((0..5000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    reseal_body(&mut garbage);
    let reason = refused(&mut target, &garbage);
    assert!(reason.contains("run"), "{reason}");
    // A body that passes its checksum and its run table but does not decompress to what the table says.
    let noise: Vec<u8> = (0..5000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let reason = refused(&mut target, &with_one_run(&good, 1, 4, &noise));
    assert!(reason.contains("decompress"), "{reason}");
    // A run outside the memory.
    let reason = refused(&mut target, &with_one_run(&good, u32::MAX - 1, 1, &literal_block(4096)));
    assert!(reason.contains("out of order, empty or outside the memory"), "{reason}");
    // The target is intact after all that.
    target.run("y = 1", RunOptions::default()).unwrap();
}

/// A decompression bomb: a few kilobytes announcing gigabytes. Refused by the memory limit before
/// anything is allocated; within the limit, decompression stops at the announced size.
#[test]
fn decompression_bombs_are_bounded() {
    let mut target = Sandbox::new(Limits { memory_limit: 16 << 20, ..Limits::default() }).unwrap();
    let good = Sandbox::new(Limits::default()).unwrap().snapshot().unwrap();
    let bomb_body = lz4_block_of_zeros(1 << 30);
    for (memory, chunks) in [(4u64 << 30, (4u64 << 30) / 4096), (16 << 20, 4096), (16 << 20, 1)] {
        let mut d = with_one_run(&good, 0, chunks as u32, &bomb_body);
        d[60..68].copy_from_slice(&memory.to_le_bytes());
        reseal(&mut d);
        let (result, peak) = peak_allocated(|| target.restore(&d));
        assert!(matches!(result, Err(Error::Snapshot(_))), "{result:?}");
        assert!(peak <= (17 << 20), "{peak} bytes allocated for a {}-byte bomb", d.len());
    }
}

/// `snapshot` (for its header) with its body replaced by one run: `count` chunks from chunk `first`,
/// compressed as `block`; every length and checksum made consistent, as a forger would.
fn with_one_run(snapshot: &[u8], first: u32, count: u32, block: &[u8]) -> Vec<u8> {
    let mut d = snapshot[..HEADER_LEN].to_vec();
    d[72..76].copy_from_slice(&1u32.to_le_bytes());
    d[76..84].copy_from_slice(&u64::from(count).to_le_bytes());
    for field in [first, count, block.len() as u32] {
        d.extend_from_slice(&field.to_le_bytes());
    }
    d.extend_from_slice(block);
    reseal_body(&mut d);
    d
}

/// An LZ4 block of `n` literal bytes (zeros), made by hand: the tests do not trust the engine's LZ4.
fn literal_block(n: usize) -> Vec<u8> {
    let mut out = vec![0xf0];
    let mut rest = n - 15;
    while rest >= 255 {
        out.push(255);
        rest -= 255;
    }
    out.push(rest as u8);
    out.resize(out.len() + n, 0);
    out
}

/// An LZ4 block that decompresses to `n` zero bytes (one literal, then matches of 64 KiB - 1 ...).
fn lz4_block_of_zeros(n: usize) -> Vec<u8> {
    // token: 1 literal, match length 15 + extension; offset 1.
    let mut out = Vec::new();
    let mut produced = 0;
    while produced + 70_000 < n {
        out.push(0x1f);
        out.push(0);
        out.extend_from_slice(&1u16.to_le_bytes());
        let extra = 65_535 - 15 - 4;
        out.extend(std::iter::repeat_n(255u8, extra / 255));
        out.push((extra % 255) as u8);
        produced += 1 + 65_535;
    }
    out.push(0x10);
    out.push(0);
    out
}

#[test]
fn fuzzed_snapshots_are_refused_or_restored_never_harmful() {
    let mut source = Sandbox::new(Limits::default()).unwrap();
    source
        .run("data = {i: str(i) * 3 for i in range(3000)}\ndef f(): return len(data)", RunOptions::default())
        .unwrap();
    let good = source.snapshot().unwrap();
    let limit = 16usize << 20;
    let mut target =
        Sandbox::new(Limits { memory_limit: limit, time_limit: Duration::from_secs(2), ..Limits::default() }).unwrap();
    let mut rng = Rng(0x05ee_d5a9);
    let started = Instant::now();
    let (mut cases, mut restored) = (0, 0);
    while cases < 3_000 && started.elapsed() < Duration::from_secs(25) {
        let mut d = good.clone();
        for _ in 0..=rng.below(3) {
            match rng.below(6) {
                0 => {
                    let i = rng.below(HEADER_LEN as u64) as usize;
                    d[i] = rng.next() as u8;
                }
                1 => {
                    let i = rng.below(d.len() as u64) as usize;
                    d[i] ^= 1 << rng.below(8);
                }
                2 => d.truncate(rng.below(d.len() as u64) as usize),
                3 if d.len() > HEADER_LEN + 8 => {
                    // A forged field with its checksums recomputed: reaches the structural checks.
                    let at = [60usize, 68, 72, 76][rng.below(4) as usize];
                    let forged = [u32::MAX as u64, 1 << 32, rng.next() & 0xffff_ffff, rng.below(5000), 0];
                    let v = forged[rng.below(forged.len() as u64) as usize];
                    let width = if at == 68 || at == 72 { 4 } else { 8 };
                    d[at..at + width].copy_from_slice(&v.to_le_bytes()[..width]);
                    reseal(&mut d);
                }
                4 if d.len() > HEADER_LEN + 8 => {
                    // Body bytes changed and resealed: a body that decodes to other guest memory.
                    let i = HEADER_LEN + rng.below((d.len() - HEADER_LEN) as u64) as usize;
                    d[i] = rng.next() as u8;
                    reseal_body(&mut d);
                }
                _ => {}
            }
        }
        let (result, peak) = peak_allocated(|| target.restore(&d));
        assert!(peak <= limit + (2 << 20), "{peak} bytes allocated restoring a {}-byte input", d.len());
        match result {
            Ok(()) => {
                restored += 1;
                // Whatever memory the body made, the guest runs in its sandbox: any outcome but a host
                // failure is fine (the wasm boundary holds).
                let _ = target.run("1 + 1", RunOptions::default());
                let _ = target.call("f", &[]);
                if target.is_closed() {
                    panic!("the sandbox closed itself");
                }
                target.reset().unwrap();
            }
            Err(Error::Snapshot(_)) => {}
            Err(e) => panic!("{e:?}"),
        }
        cases += 1;
    }
    assert!(cases >= 500, "only {cases} cases in the time allowed");
    assert!(restored > 0, "no mutated snapshot restored: the fuzzer never reached the guest");
}
