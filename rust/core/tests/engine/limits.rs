//! The table of limits drives validation and defaults, and each limit holds at run time.

use micropython_sandbox::limits::{Unit, LIMITS};
use micropython_sandbox::{Error, Limits, Sandbox};

#[test]
fn the_table_names_every_limit_once_with_what_tools_need() {
    let mut names: Vec<&str> = LIMITS.iter().map(|s| s.name).collect();
    let count = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), count, "a limit is listed twice");
    for expected in ["memory_limit", "time_limit", "fuel", "query_row_limit", "query_byte_limit", "file_write_limit"] {
        assert!(names.contains(&expected), "{expected}");
    }
    let fuel = LIMITS.iter().find(|s| s.name == "fuel").unwrap();
    assert!(fuel.nullable && fuel.default.is_none() && fuel.unit == Unit::Count);
    let time = LIMITS.iter().find(|s| s.name == "time_limit").unwrap();
    assert!(!time.nullable && time.unit == Unit::Seconds && time.min > 0.0);
}

#[test]
fn sandbox_creation_refuses_each_limit_out_of_bounds_by_name() {
    for spec in LIMITS {
        let mut limits = Limits::default();
        let below = spec.min - if spec.unit.is_integer() { 1.0 } else { 0.0005 };
        if below >= 0.0 || spec.unit == Unit::Seconds {
            assert!(limits.set(spec.name, Some(below)).is_err(), "{} accepted {below}", spec.name);
        }
        assert!(limits.set(spec.name, Some(spec.max * 2.0 + 1.0)).is_err(), "{}", spec.name);
        // Struct update syntax bypasses `set`; `Sandbox::new` still refuses.
        let mut bad = Limits::default();
        if spec.name == "memory_limit" {
            bad.memory_limit = 1;
            match Sandbox::new(bad) {
                Err(Error::InvalidArgument { param, .. }) => assert_eq!(param, "memory_limit"),
                other => panic!("{:?}", other.map(|_| ())),
            }
        }
    }
}
