//! Host memory of one SELECT: SQLite's own length limit and the per-value byte check keep a query
//! from growing the host by more than about the query byte limit, whatever the SQL asks SQLite to build.
//! (A file of its own: it reads the process's peak RSS, which other tests running alongside would move.)

mod sql_common;

use micropython_sandbox::{Limits, SqlLimits};
use sql_common::{guest_error, make_db, run, sandbox, temp_dir};

/// The process's peak resident set (VmHWM), in bytes.
fn peak_rss() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse::<usize>().unwrap() * 1024
}

#[test]
fn a_select_of_huge_values_does_not_grow_the_host() {
    let path = temp_dir("memory").join("data.db");
    make_db(&path, "create table t (x); insert into t values (1);");
    let byte_limit = 4 << 20;
    let mut sb = sandbox(Limits::default(), &path, SqlLimits { max_rows: 100_000, max_bytes: byte_limit });
    run(&mut sb, "datasette.query('select x from t')").unwrap();
    let before = peak_rss();
    for sql in [
        "select hex(zeroblob(400000000)) a, hex(zeroblob(400000000)) b, hex(zeroblob(400000000)) c",
        "select length(hex(zeroblob(400000000)))",
        "select group_concat(hex(zeroblob(1000000))) from \
         (with recursive n(i) as (select 1 union all select i + 1 from n where i < 100) select i from n)",
        "with recursive r(s) as (select 'x' union all select s || s from r) select length(s) from r",
    ] {
        let (_, message) = guest_error(&mut sb, &format!("datasette.query({sql:?})"));
        assert!(message.contains("byte limit"), "{sql}: {message}");
    }
    let grown = peak_rss().saturating_sub(before);
    // A few values at the limit (SQLite builds each before it notices), nothing near the gigabytes asked.
    assert!(grown < 16 * byte_limit, "the host grew by {grown} bytes");
}
