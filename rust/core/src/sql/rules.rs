//! The read-only rules, the one place they are written: every query the bridge runs, on a database file
//! (the engine's own connections) or on a database without a file (the embedder's connection, whose
//! authorizer calls [`authorize`] through the bindings), is checked by SQLite's authorizer against them.
//! Nothing inspects SQL text.

use std::ffi::c_int;

/// SQLite's authorizer action codes (`SQLITE_CREATE_INDEX`...), as its callback receives them.
pub mod action {
    pub const DELETE: i32 = 9;
    pub const INSERT: i32 = 18;
    pub const PRAGMA: i32 = 19;
    pub const READ: i32 = 20;
    pub const SELECT: i32 = 21;
    pub const UPDATE: i32 = 23;
    pub const FUNCTION: i32 = 31;
    pub const RECURSIVE: i32 = 33;
}

/// Pragmas that only read the schema; every other pragma is refused (some change state, and
/// `database_list` would reveal host paths).
pub const READ_ONLY_PRAGMAS: &[&str] =
    &["table_info", "table_xinfo", "index_list", "index_info", "index_xinfo", "foreign_key_list", "table_list"];

/// Names of the action codes, to say what was refused.
const ACTION_NAMES: [&str; 34] = [
    "COPY",
    "CREATE INDEX",
    "CREATE TABLE",
    "CREATE TEMP INDEX",
    "CREATE TEMP TABLE",
    "CREATE TEMP TRIGGER",
    "CREATE TEMP VIEW",
    "CREATE TRIGGER",
    "CREATE VIEW",
    "DELETE",
    "DROP INDEX",
    "DROP TABLE",
    "DROP TEMP INDEX",
    "DROP TEMP TABLE",
    "DROP TEMP TRIGGER",
    "DROP TEMP VIEW",
    "DROP TRIGGER",
    "DROP VIEW",
    "INSERT",
    "PRAGMA",
    "READ",
    "SELECT",
    "a transaction (BEGIN, COMMIT, ROLLBACK)",
    "UPDATE",
    "ATTACH",
    "DETACH",
    "ALTER TABLE",
    "REINDEX",
    "ANALYZE",
    "CREATE VIRTUAL TABLE",
    "DROP VIRTUAL TABLE",
    "a function call",
    "SAVEPOINT",
    "a recursive query",
];

fn is_schema_table(table: &str) -> bool {
    ["sqlite_master", "sqlite_temp_master", "sqlite_schema", "sqlite_temp_schema"]
        .iter()
        .any(|t| t.eq_ignore_ascii_case(table))
}

/// SQLite's authorizer decision for one action: `Ok` to allow it, `Err` with the reason to deny it.
/// `arg1` and `arg2` are the callback's third and fourth arguments (for a pragma its name and value, for
/// a function call `None` and its name, for a write the table and column).
pub fn authorize(action: c_int, arg1: Option<&str>, arg2: Option<&str>) -> Result<(), String> {
    match action {
        action::SELECT | action::READ | action::RECURSIVE => Ok(()),
        action::FUNCTION => match arg2 {
            Some(name) if name.eq_ignore_ascii_case("load_extension") => Err("load_extension() is not allowed".into()),
            _ => Ok(()),
        },
        action::PRAGMA => match arg1 {
            Some(name) if READ_ONLY_PRAGMAS.iter().any(|p| p.eq_ignore_ascii_case(name)) => Ok(()),
            Some(name) => Err(format!("PRAGMA {name} is not allowed")),
            None => Err("PRAGMA is not allowed".into()),
        },
        // SQLite's own declaration of a pragma table-valued function (`pragma_table_info(...)`) the
        // first time a connection uses one. Statements cannot modify sqlite_master without the
        // writable_schema pragma, which is refused above.
        action::UPDATE if arg1.is_some_and(|t| t.eq_ignore_ascii_case("sqlite_master")) => Ok(()),
        // CREATE and DROP statements are first authorized as an INSERT into or a DELETE from the schema
        // table: name what they are.
        action::INSERT | action::DELETE if arg1.is_some_and(is_schema_table) => Err(format!(
            "{} is not allowed (it changes the schema)",
            if action == action::INSERT { "CREATE" } else { "DROP" }
        )),
        other => {
            let name =
                usize::try_from(other).ok().and_then(|i| ACTION_NAMES.get(i)).copied().unwrap_or("this statement");
            Err(format!("{name} is not allowed"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_allowed_and_everything_else_is_named_when_refused() {
        assert_eq!(authorize(action::SELECT, None, None), Ok(()));
        assert_eq!(authorize(action::READ, Some("t"), Some("x")), Ok(()));
        assert_eq!(authorize(action::FUNCTION, None, Some("upper")), Ok(()));
        assert_eq!(authorize(action::PRAGMA, Some("TABLE_INFO"), Some("t")), Ok(()));
        assert_eq!(
            authorize(action::FUNCTION, None, Some("Load_Extension")),
            Err("load_extension() is not allowed".into())
        );
        assert_eq!(
            authorize(action::PRAGMA, Some("database_list"), None),
            Err("PRAGMA database_list is not allowed".into())
        );
        assert_eq!(authorize(18, Some("t"), None), Err("INSERT is not allowed".into()));
        assert_eq!(authorize(24, Some("/etc/x"), None), Err("ATTACH is not allowed".into()));
        assert_eq!(authorize(action::UPDATE, Some("t"), Some("x")), Err("UPDATE is not allowed".into()));
        assert_eq!(authorize(999, None, None), Err("this statement is not allowed".into()));
        assert_eq!(
            authorize(action::DELETE, Some("sqlite_master"), None),
            Err("DROP is not allowed (it changes the schema)".into())
        );
        assert_eq!(
            authorize(action::INSERT, Some("sqlite_master"), None),
            Err("CREATE is not allowed (it changes the schema)".into())
        );
    }
}
