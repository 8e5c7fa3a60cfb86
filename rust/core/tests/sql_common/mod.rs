//! Shared by the SQL bridge's test files: database fixtures and sandboxes reading them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use micropython_sandbox::{sql, Databases, Error, Limits, RunOptions, Sandbox, Source, SqlLimits};

/// Links the bridge to the system's shared SQLite (these tests have no embedder of their own).
pub fn link() {
    sql::link("libsqlite3.so.0", false, None).expect("libsqlite3.so.0 (install libsqlite3-0 to run these tests)");
}

/// A fresh directory under the system's temporary directory.
pub fn temp_dir(tag: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "micropython-sql-test-{tag}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Creates a database by running `script` with Python's sqlite3 (the engine itself never writes).
pub fn make_db(path: &Path, script: &str) {
    let status = Command::new("python3")
        .args(["-c", "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\nc.executescript(sys.argv[2])\nc.commit()"])
        .arg(path)
        .arg(script)
        .status()
        .expect("python3 creates the fixture databases");
    assert!(status.success(), "creating {}", path.display());
}

pub fn sandbox(limits: Limits, path: &Path, sql_limits: SqlLimits) -> Sandbox {
    link();
    let mut sb = Sandbox::new(limits).unwrap();
    let sources = BTreeMap::from([("data".to_string(), Source::File { path: path.to_path_buf(), immutable: false })]);
    sb.attach_databases(Databases::new(sources, None, sql_limits).unwrap()).unwrap();
    sb.run("import datasette", RunOptions::default()).unwrap();
    sb
}

/// The repr of the trailing expression, or the error.
pub fn run(sb: &mut Sandbox, code: &str) -> Result<String, Error> {
    sb.run(code, RunOptions { eval_trailing: true, ..RunOptions::default() }).map(|r| r.value.unwrap_or_default())
}

/// `(type, message)` of the guest exception `code` raises.
pub fn guest_error(sb: &mut Sandbox, code: &str) -> (String, String) {
    match run(sb, code) {
        Err(Error::Guest { exception, .. }) => (exception.type_name, exception.message),
        other => panic!("{code}: expected a guest exception, got {other:?}"),
    }
}
