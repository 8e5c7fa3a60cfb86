//! The SQL bridge's Python entry points: linking the engine to the SQLite library of Python's own
//! `sqlite3` module, and the read-only rules for connections the Python layer owns.

use micropython_sandbox as core;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// Links the SQL bridge to the SQLite library reachable through `library` (the file of Python's
/// `_sqlite3` module, already loaded). `locked_file` is a database on which the caller's `sqlite3`
/// connection holds an exclusive lock: the link is kept only if that lock is visible through the
/// library, which proves it is the very SQLite instance Python uses. Returns SQLite's version and
/// source id.
#[pyfunction]
fn link_sqlite(py: Python<'_>, library: &str, locked_file: std::path::PathBuf) -> PyResult<(String, String)> {
    let linked = py
        .detach(|| core::sql::link(library, true, Some(locked_file.as_path())))
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    Ok((linked.version.clone(), linked.source_id.clone()))
}

/// `(library, version)` of the SQLite the bridge is linked to, or None.
#[pyfunction]
fn linked_sqlite() -> Option<(String, String)> {
    core::sql::linked().map(|l| (l.library.clone(), l.version.clone()))
}

/// The read-only rules' decision on one authorizer callback (the arguments SQLite passes to it): None
/// to allow it, or the reason it is refused.
#[pyfunction]
#[pyo3(signature = (action, arg1, arg2, *_rest))]
fn sql_authorize(
    action: i32,
    arg1: Option<&str>,
    arg2: Option<&str>,
    _rest: &Bound<'_, pyo3::types::PyTuple>,
) -> Option<String> {
    core::sql::rules::authorize(action, arg1, arg2).err()
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(link_sqlite, m)?)?;
    m.add_function(wrap_pyfunction!(linked_sqlite, m)?)?;
    m.add_function(wrap_pyfunction!(sql_authorize, m)?)?;
    Ok(())
}
