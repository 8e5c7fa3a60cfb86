//! The file whitelist as guest code sees it: writes count against `file_write_limit`, and only
//! regular files are ever opened on the host (a FIFO would block the host thread forever).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use micropython_sandbox::{FileMount, Files, Limits, RunOptions, Sandbox};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mp-files-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn value(sb: &mut Sandbox, code: &str) -> String {
    let options = RunOptions { eval_trailing: true, ..RunOptions::default() };
    sb.run(code, options).unwrap_or_else(|e| panic!("{code}: {e}")).value.unwrap_or_default()
}

fn mounted(dir: &std::path::Path, writable: bool, limits: Limits) -> Sandbox {
    let mut sb = Sandbox::new(limits).unwrap();
    let files = Files::new(vec![FileMount { guest: "/data".into(), host: dir.into(), directory: true, writable }]);
    sb.mount_files(files.unwrap()).unwrap();
    sb
}

#[test]
fn written_files_count_against_the_write_limit() {
    let dir = temp_dir("quota");
    let mut sb = mounted(&dir, true, Limits { file_write_limit: 1 << 20, ..Limits::default() });
    let code = "\
def write(name, n):
    try:
        with open('/data/' + name, 'wb') as f:
            f.write(b'x' * n)
        return 'ok'
    except OSError as e:
        return str(e)
[write('a', 600_000), write('b', 600_000), write('a', 300_000), write('b', 600_000)]";
    let results = value(&mut sb, code);
    assert!(results.starts_with("['ok', \"[Errno 28] No space left on device"), "{results}");
    assert!(results.ends_with("'ok', 'ok']"), "rewriting a file frees its old bytes: {results}");
    let written = sb.written_files();
    assert_eq!(written.values().map(Vec::len).sum::<usize>(), 900_000);
    // Growing the same file in a loop cannot get around it either.
    let code = "\
try:
    with open('/data/c', 'wb') as f:
        for _ in range(100):
            f.write(b'y' * 100_000)
            f.flush()
    r = 'no limit'
except OSError as e:
    r = 'refused'
r";
    assert_eq!(value(&mut sb, code), "'refused'");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn only_regular_files_are_opened() {
    let dir = temp_dir("fifo");
    std::fs::write(dir.join("plain.txt"), "hello").unwrap();
    let fifo = dir.join("pipe");
    let status = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    let mut sb = mounted(&dir, false, Limits { time_limit: Duration::from_secs(5), ..Limits::default() });
    let started = Instant::now();
    let code = "\
def read(path):
    try:
        return open(path).read()
    except OSError as e:
        return type(e).__name__
[read('/data/plain.txt'), read('/data/pipe')]";
    assert_eq!(value(&mut sb, code), "['hello', 'PermissionError']");
    assert!(started.elapsed() < Duration::from_secs(1), "the FIFO blocked for {:?}", started.elapsed());
    std::fs::remove_dir_all(&dir).unwrap();
}
