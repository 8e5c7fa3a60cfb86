//! The SQL bridge on real database files: the read-only rules, caps, iterations and what errors reveal.

mod sql_common;

use std::time::{Duration, Instant};

use micropython_sandbox::{Error, Limits, SqlLimits};
use sql_common::{guest_error, make_db, run, sandbox, temp_dir};

fn limits() -> SqlLimits {
    SqlLimits { max_rows: 100_000, max_bytes: 1 << 20 }
}

fn fixture(tag: &str) -> std::path::PathBuf {
    let path = temp_dir(tag).join("data.db");
    make_db(
        &path,
        "create table t (id integer primary key, name text);
         with recursive n(i) as (select 1 union all select i + 1 from n where i < 5000)
         insert into t (name) select 'row ' || i from n;
         create index t_name on t (name);",
    );
    path
}

#[test]
fn writes_attach_pragmas_and_load_extension_are_refused() {
    let path = fixture("rules");
    let mut sb = sandbox(Limits::default(), &path, limits());
    for (sql, reason) in [
        ("insert into t (name) values ('x')", "INSERT is not allowed"),
        ("update t set name = 'x'", "UPDATE is not allowed"),
        ("delete from t", "DELETE is not allowed"),
        ("drop table t", "DROP is not allowed"),
        ("create table u (x)", "CREATE is not allowed"),
        ("create temp table u (x)", "CREATE is not allowed"),
        ("attach database '/tmp/other.db' as other", "ATTACH is not allowed"),
        ("pragma database_list", "PRAGMA database_list is not allowed"),
        ("pragma writable_schema = 1", "PRAGMA writable_schema is not allowed"),
        ("pragma query_only = 0", "PRAGMA query_only is not allowed"),
        ("select load_extension('/tmp/evil.so')", "load_extension() is not allowed"),
        ("begin", "a transaction"),
        ("savepoint s", "SAVEPOINT is not allowed"),
        ("analyze", "ANALYZE is not allowed"),
        ("reindex", "REINDEX is not allowed"),
    ] {
        let (kind, message) = guest_error(&mut sb, &format!("datasette.query({sql:?})"));
        assert_eq!(kind, "PermissionError", "{sql}: {message}");
        assert!(message.contains("read-only") && message.contains(reason), "{sql}: {message}");
    }
    // Nothing changed, and reading (including the schema pragmas) still works.
    assert_eq!(run(&mut sb, "datasette.query('select count(*) n from t')[0]['n']").unwrap(), "5000");
    assert_eq!(run(&mut sb, "datasette.columns('t')").unwrap(), "['id', 'name']");
    assert_eq!(run(&mut sb, "len(datasette.query('pragma table_info(t)'))").unwrap(), "2");
}

#[test]
fn a_huge_value_fails_at_sqlite_with_a_clear_error() {
    let path = fixture("huge");
    let mut sb = sandbox(Limits::default(), &path, limits());
    let start = Instant::now();
    let sql = "select hex(zeroblob(400000000)) a, hex(zeroblob(400000000)) b, hex(zeroblob(400000000)) c";
    let (kind, message) = guest_error(&mut sb, &format!("datasette.query({sql:?})"));
    assert_eq!(kind, "SQLError");
    assert!(message.contains("too big") && message.contains("query byte limit"), "{message}");
    assert!(start.elapsed() < Duration::from_secs(2), "took {:?}", start.elapsed());
    // The same through an iteration.
    let (_, message) = guest_error(&mut sb, &format!("list(datasette.iter_query({sql:?}))"));
    assert!(message.contains("query byte limit"), "{message}");
}

#[test]
fn byte_cap_is_checked_per_value_before_copying() {
    let path = fixture("bytes");
    let mut sb = sandbox(Limits::default(), &path, SqlLimits { max_rows: 100_000, max_bytes: 10_000 });
    // Rows of about 1 KB: the result stops before the cap, flagged as truncated.
    let code = "r = datasette.query('select id, printf(\"%1000d\", id) s from t')\n(len(r), r.truncated)";
    assert_eq!(run(&mut sb, code).unwrap(), "(9, True)");
    // One row over the cap by itself is an error, not a silently empty result.
    let (_, message) =
        guest_error(&mut sb, "datasette.query('select printf(\"%9000d\", 1) a, printf(\"%9000d\", 2) b')");
    assert!(message.contains("over the query byte limit of 10000 bytes"), "{message}");
    // Iterations are unbounded in rows, each page bounded in bytes.
    let code = "n = 0\nfor row in datasette.iter_query('select printf(\"%1000d\", id) s from t'):\n    n += 1\nn";
    assert_eq!(run(&mut sb, code).unwrap(), "5000");
}

const OPEN_EIGHT: &str =
    "its = [datasette.iter_query('select id from t') for _ in range(8)]\n[next(i)['id'] for i in its]";

#[test]
fn iterations_are_released_when_the_session_resets() {
    let path = fixture("cursors");
    let mut sb = sandbox(Limits::default(), &path, limits());
    assert_eq!(run(&mut sb, OPEN_EIGHT).unwrap(), "[1, 1, 1, 1, 1, 1, 1, 1]");
    let (_, message) = guest_error(&mut sb, "next(datasette.iter_query('select 1'))");
    assert!(message.contains("at most 8 query iterations"), "{message}");
    sb.reset().unwrap();
    run(&mut sb, "import datasette").unwrap();
    assert_eq!(run(&mut sb, OPEN_EIGHT).unwrap(), "[1, 1, 1, 1, 1, 1, 1, 1]");
}

#[test]
fn iterations_are_released_when_a_hard_timeout_resets_the_session() {
    let path = fixture("hard");
    let limits =
        Limits { time_limit: Duration::from_millis(300), hard_grace: Duration::from_millis(300), ..Limits::default() };
    let mut sb = sandbox(limits, &path, self::limits());
    assert_eq!(run(&mut sb, OPEN_EIGHT).unwrap(), "[1, 1, 1, 1, 1, 1, 1, 1]");
    let stuck =
        "while True:\n    try:\n        while True:\n            pass\n    except KeyboardInterrupt:\n        pass";
    match run(&mut sb, stuck) {
        Err(Error::Timeout { session_reset: true, .. }) => {}
        other => panic!("expected a hard stop, got {other:?}"),
    }
    sb.run("import datasette", Default::default()).unwrap();
    assert_eq!(run(&mut sb, OPEN_EIGHT).unwrap(), "[1, 1, 1, 1, 1, 1, 1, 1]");
}

#[test]
fn a_vanished_database_file_never_reveals_its_host_path() {
    let dir = temp_dir("vanish-secret-host-dir");
    let path = dir.join("data.db");
    make_db(&path, "create table t (x); insert into t values (1);");
    let mut sb = sandbox(Limits::default(), &path, limits());
    assert_eq!(run(&mut sb, "datasette.query('select x from t')[0]['x']").unwrap(), "1");
    std::fs::remove_file(&path).unwrap();
    for code in ["datasette.query('select x from t')", "next(datasette.iter_query('select x from t'))"] {
        let (kind, message) = guest_error(&mut sb, code);
        assert_eq!(kind, "OSError", "{message}");
        assert!(message.contains("database 'data' is not available"), "{message}");
        assert!(!message.contains("vanish-secret-host-dir") && !message.contains("/tmp"), "{message}");
    }
}
