//! `SqlFunctions`: Python functions installed on `sqlite3` connections, each call running in a sandbox
//! (`micropython_sandbox::sql::functions`). This layer only converts: the definitions and limits from
//! Python, the connection's `sqlite3*` handle, and failures into the message Python's error renderer
//! writes. The calls themselves never touch Python objects or the GIL.

use std::ffi::c_void;
use std::sync::Arc;

use micropython_sandbox::sql::functions::{self as core_functions, ErrorMessages, SqlFunction, Stage};
use micropython_sandbox::Error;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::exceptions::to_py_err;
use crate::limits;

/// Failures worded by a Python callable `(name, stage, exception) -> str`, where `exception` is the
/// `SandboxError` the failure would raise from `Sandbox.call`.
struct PyMessages {
    render: Py<PyAny>,
}

impl ErrorMessages for PyMessages {
    fn message(&self, function: &SqlFunction, stage: Stage, error: Error) -> String {
        let fallback = format!("{}(): {error}", function.name);
        Python::attach(|py| {
            let stage = match stage {
                Stage::Define => "define",
                Stage::Call => "call",
                Stage::Finalize => "finalize",
            };
            let exception = to_py_err(py, error);
            self.render
                .call1(py, (function.name.as_str(), stage, exception.value(py)))
                .and_then(|text| text.extract::<String>(py))
                .unwrap_or(fallback)
        })
    }
}

/// A set of SQL functions written in Python, installed on connections with `register`.
#[pyclass(module = "datasette_micropython._engine", frozen)]
pub struct SqlFunctions {
    pub(crate) inner: Arc<core_functions::SqlFunctions>,
}

/// The `sqlite3*` of a `sqlite3.Connection`: CPython's connection object (3.8 to 3.14) starts with it,
/// right after the object header. The caller checks the type first.
fn connection_handle(connection: &Bound<'_, PyAny>) -> PyResult<*mut c_void> {
    let sqlite3 = connection.py().import("sqlite3")?;
    if !connection.is_instance(&sqlite3.getattr("Connection")?)? {
        return Err(PyTypeError::new_err(format!(
            "expected a sqlite3.Connection, not {}",
            connection.get_type().name()?
        )));
    }
    // Raises ProgrammingError for a closed connection (whose handle is NULL).
    connection.getattr("in_transaction")?;
    // SAFETY: `connection` is a live pysqlite_Connection (checked above), whose first field after
    // PyObject_HEAD is `sqlite3 *db`.
    let db = unsafe {
        let base = connection.as_ptr().cast::<u8>().add(std::mem::size_of::<pyo3::ffi::PyObject>());
        *(base as *const *mut c_void)
    };
    if db.is_null() {
        return Err(PyValueError::new_err("the sqlite3 connection is closed"));
    }
    Ok(db)
}

#[pymethods]
impl SqlFunctions {
    /// `functions`: `(name, code, aggregate, deterministic, limits)` tuples, `limits` a dict of
    /// `_engine.LIMITS` names (missing ones take their defaults). `render_error(name, stage, exception)`
    /// words a failed call for its SQL error (`stage` is "define", "call" or "finalize").
    #[new]
    fn new(
        py: Python<'_>,
        functions: Vec<(String, String, bool, bool, Py<PyDict>)>,
        render_error: Py<PyAny>,
    ) -> PyResult<Self> {
        let functions = functions
            .into_iter()
            .map(|(name, code, aggregate, deterministic, limits)| {
                let limits = limits::from_kwargs(py, Some(limits.bind(py)))?;
                Ok(SqlFunction { name, code, aggregate, deterministic, limits })
            })
            .collect::<PyResult<Vec<_>>>()?;
        let inner = core_functions::SqlFunctions::new(functions, Arc::new(PyMessages { render: render_error }))
            .map_err(|e| to_py_err(py, e))?;
        Ok(SqlFunctions { inner: Arc::new(inner) })
    }

    /// The functions' names, in order.
    fn names(&self) -> Vec<String> {
        self.inner.functions().map(|f| f.name.clone()).collect()
    }

    /// Installs the functions on `connection` (a `sqlite3.Connection`), replacing functions of the same
    /// names, after removing the functions named in `remove`. The engine must be linked to the SQLite of
    /// Python's `sqlite3` (`_sqlite.bridge_sqlite()`). The GIL is released meanwhile: SQLite may first
    /// wait for a statement of another thread on the same connection, whose failing function call needs
    /// the GIL to word its error.
    #[pyo3(signature = (connection, remove = Vec::new()))]
    fn register(&self, py: Python<'_>, connection: &Bound<'_, PyAny>, remove: Vec<String>) -> PyResult<()> {
        struct Handle(*mut c_void);
        // SAFETY: SQLite connections of Python's sqlite3 are serialized by SQLite's own mutex.
        unsafe impl Send for Handle {}
        let db = Handle(connection_handle(connection)?);
        let inner = self.inner.clone();
        // SAFETY: `db` is the open handle of a live connection of Python's SQLite (the engine refuses
        // when it is not linked to it), kept open by the caller's reference to `connection`; SQLite
        // drops the functions when the connection closes.
        py.detach(move || unsafe {
            let db = db;
            core_functions::remove(db.0, &remove)?;
            inner.register(db.0)
        })
        .map_err(|e| to_py_err(py, e))
    }

    /// Defines function number `index` in a fresh sandbox and checks it: raises the `SandboxError`
    /// (with its `line`) of a bad definition.
    fn check(&self, py: Python<'_>, index: usize) -> PyResult<()> {
        let function = self
            .inner
            .functions()
            .nth(index)
            .cloned()
            .ok_or_else(|| PyValueError::new_err(format!("no function number {index}")))?;
        py.detach(|| core_functions::SqlFunctions::check(&function)).map_err(|e| to_py_err(py, e))
    }
}
