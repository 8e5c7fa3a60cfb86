//! The `Session` class (one sandbox with a persistent session) and its result records.
//!
//! Locking: the engine's `Sandbox` sits in a mutex held for the whole of a run, always taken with the
//! GIL released (so a thread waiting for it never blocks Python). What must work while a run is in
//! progress, from any thread or from a host function of the run itself, needs no lock: `limits`
//! (a copy), `cancel`, `close`, `closed` and `cancelled` (the engine's `RunControl`, atomics). Any other
//! method called from a host function of the same sandbox would wait for its own run forever: it
//! raises `RuntimeError` instead.

use std::cell::Cell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use micropython_sandbox::{self as core, Limits, RunControl, RunOptions};
use parking_lot::Mutex;
use pyo3::exceptions::{PyRuntimeError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyFloat, PyString, PyTuple};

use crate::convert::{from_value, to_value};
use crate::exceptions::to_py_err;
use crate::host::{PyHostFunction, PyQueryFunction};
use crate::limits;

/// What a successful run printed and produced.
#[pyclass(module = "datasette_micropython", frozen, eq, get_all)]
#[derive(PartialEq)]
pub struct RunResult {
    /// What the run printed to stdout (up to `output_limit` bytes).
    stdout: String,
    /// What the run printed to stderr (up to `output_limit` bytes).
    stderr: String,
    /// `repr` of the snippet's trailing expression, or None.
    value: Option<String>,
    /// Seconds spent inside the guest.
    duration: f64,
    /// Whether stdout was cut at `output_limit`.
    stdout_truncated: bool,
    /// Whether stderr was cut at `output_limit`.
    stderr_truncated: bool,
}

#[pymethods]
impl RunResult {
    /// Whether either stream was cut at `output_limit`.
    #[getter]
    fn truncated(&self) -> bool {
        self.stdout_truncated || self.stderr_truncated
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let value = self.value.as_ref().map_or_else(|| "None".to_owned(), |v| py_repr(py, v));
        let (out, err) = (&self.stdout, &self.stderr);
        let rest = output_fields(py, out, err, self.duration, self.stdout_truncated, self.stderr_truncated)?;
        Ok(format!("RunResult(value={value}, {rest})"))
    }
}

/// The return value of a guest function called with `Sandbox.call`, and what the call printed.
#[pyclass(module = "datasette_micropython", frozen, get_all)]
pub struct CallResult {
    /// The function's return value, converted to Python.
    value: Py<PyAny>,
    /// What the call printed to stdout (up to `output_limit` bytes).
    stdout: String,
    /// What the call printed to stderr (up to `output_limit` bytes).
    stderr: String,
    /// Seconds spent inside the guest.
    duration: f64,
    /// Whether stdout was cut at `output_limit`.
    stdout_truncated: bool,
    /// Whether stderr was cut at `output_limit`.
    stderr_truncated: bool,
}

#[pymethods]
impl CallResult {
    /// Whether either stream was cut at `output_limit`.
    #[getter]
    fn truncated(&self) -> bool {
        self.stdout_truncated || self.stderr_truncated
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        let Ok(other) = other.cast::<CallResult>() else { return Ok(false) };
        let other = other.get();
        Ok(self.stdout == other.stdout
            && self.stderr == other.stderr
            && self.duration == other.duration
            && self.stdout_truncated == other.stdout_truncated
            && self.stderr_truncated == other.stderr_truncated
            && self.value.bind(py).eq(other.value.bind(py))?)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let value = self.value.bind(py).repr()?;
        let (out, err) = (&self.stdout, &self.stderr);
        let rest = output_fields(py, out, err, self.duration, self.stdout_truncated, self.stderr_truncated)?;
        Ok(format!("CallResult(value={value}, {rest})"))
    }
}

fn py_repr(py: Python<'_>, s: &str) -> String {
    PyString::new(py, s).repr().map(|r| r.to_string()).unwrap_or_default()
}

/// The fields both result types share, for their reprs.
fn output_fields(
    py: Python<'_>,
    out: &str,
    err: &str,
    duration: f64,
    out_cut: bool,
    err_cut: bool,
) -> PyResult<String> {
    let python_bool = |b: bool| if b { "True" } else { "False" };
    Ok(format!(
        "stdout={}, stderr={}, duration={}, stdout_truncated={}, stderr_truncated={}",
        py_repr(py, out),
        py_repr(py, err),
        PyFloat::new(py, duration).repr()?,
        python_bool(out_cut),
        python_bool(err_cut),
    ))
}

/// A number for the current thread, unique in the process, never 0 (0 marks "no owner").
fn thread_number() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    thread_local!(static NUMBER: Cell<u64> = const { Cell::new(0) });
    NUMBER.with(|n| {
        if n.get() == 0 {
            n.set(NEXT.fetch_add(1, Ordering::Relaxed));
        }
        n.get()
    })
}

/// Clears the lock's owner when the work done under it ends (also by a panic).
struct Owned<'a>(&'a AtomicU64);

impl Drop for Owned<'_> {
    fn drop(&mut self) {
        self.0.store(0, Ordering::SeqCst);
    }
}

/// One sandbox with a persistent session. See `datasette_micropython.Sandbox` for the friendly API.
#[pyclass(module = "datasette_micropython._engine", frozen)]
pub struct Session {
    inner: Mutex<core::Sandbox>,
    /// Cancels or closes a run in progress without the lock.
    control: Arc<RunControl>,
    /// The limits, readable without the lock (they never change).
    limits: Limits,
    /// `thread_number()` of the thread holding `inner`, 0 when free.
    owner: AtomicU64,
}

impl Session {
    /// Runs `work` on the engine's sandbox with the GIL released. Called from a host function of this
    /// sandbox's own run (the thread already holds the lock) it raises `RuntimeError` instead of
    /// waiting for itself forever.
    fn with_sandbox<R: Send>(
        &self,
        py: Python<'_>,
        method: &str,
        work: impl FnOnce(&mut core::Sandbox) -> R + Send,
    ) -> PyResult<R> {
        let me = thread_number();
        if self.owner.load(Ordering::SeqCst) == me {
            return Err(PyRuntimeError::new_err(format!(
                "Sandbox.{method}() cannot be called from a host function while that same sandbox is running \
                 (it would wait for itself); only limits, cancel(), close() and closed work there"
            )));
        }
        Ok(py.detach(|| {
            let mut sandbox = self.inner.lock();
            self.owner.store(me, Ordering::SeqCst);
            let _owned = Owned(&self.owner);
            work(&mut sandbox)
        }))
    }

    fn engine<R: Send>(
        &self,
        py: Python<'_>,
        method: &str,
        work: impl FnOnce(&mut core::Sandbox) -> Result<R, core::Error> + Send,
    ) -> PyResult<R> {
        self.with_sandbox(py, method, work)?.map_err(|e| to_py_err(py, e))
    }
}

#[pymethods]
impl Session {
    /// Takes every limit of `_engine.LIMITS` as a keyword argument; absent ones take their default.
    #[new]
    #[pyo3(signature = (**limits))]
    fn new(py: Python<'_>, limits: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let limits = limits::from_kwargs(py, limits)?;
        let sandbox = py.detach(|| core::Sandbox::new(limits.clone())).map_err(|e| to_py_err(py, e))?;
        Ok(Session { control: sandbox.control(), inner: Mutex::new(sandbox), limits, owner: AtomicU64::new(0) })
    }

    /// The limits this session runs under, by keyword argument name (never waits for a run).
    fn limits<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        limits::to_dict(py, &self.limits)
    }

    #[pyo3(signature = (code, *, eval_trailing = true, compile_only = false))]
    fn run(
        &self,
        py: Python<'_>,
        code: &Bound<'_, PyAny>,
        eval_trailing: bool,
        compile_only: bool,
    ) -> PyResult<RunResult> {
        let code = code
            .cast::<PyString>()
            .map_err(|_| PyTypeError::new_err(format!("code must be a str, not {}", code.get_type().name().unwrap())))?
            .to_str()?
            .to_owned();
        let options = RunOptions { eval_trailing, compile_only };
        let r = self.engine(py, "run", |sb| sb.run(&code, options))?;
        let o = r.output;
        Ok(RunResult {
            stdout: o.stdout,
            stderr: o.stderr,
            value: r.value,
            duration: r.duration.as_secs_f64(),
            stdout_truncated: o.stdout_truncated,
            stderr_truncated: o.stderr_truncated,
        })
    }

    /// Calls the guest's global function `name` with `args`.
    fn call(&self, py: Python<'_>, name: &str, args: &Bound<'_, PyTuple>) -> PyResult<CallResult> {
        let args = args.iter().map(|a| to_value(&a, 0)).collect::<PyResult<Vec<_>>>()?;
        let r = self.engine(py, "call", |sb| sb.call(name, &args))?;
        let o = r.output;
        Ok(CallResult {
            value: from_value(py, r.value)?.unbind(),
            stdout: o.stdout,
            stderr: o.stderr,
            duration: r.duration.as_secs_f64(),
            stdout_truncated: o.stdout_truncated,
            stderr_truncated: o.stderr_truncated,
        })
    }

    /// Interrupts the run in progress (from any thread, or from a host function of the run): the guest
    /// gets `KeyboardInterrupt` at once and the run raises `SandboxCancelled`; if the guest does not stop
    /// within `hard_grace` it is stopped outright and the session reset. Returns whether a run was in
    /// progress. Never waits.
    fn cancel(&self) -> bool {
        self.control.cancel()
    }

    /// Whether the run in progress was cancelled (`cancel()` or `close()`). Host functions bound their
    /// waits with `host_call_time_left()`, which is 0 then.
    fn cancelled(&self) -> bool {
        self.control.cancelled()
    }

    /// Exposes `function` to guest code as the builtin `name`.
    fn register(&self, py: Python<'_>, name: &str, function: Py<PyAny>) -> PyResult<()> {
        let host = Arc::new(PyHostFunction { callable: function });
        self.engine(py, "register", |sb| sb.register(name, host))
    }

    /// Mounts the file whitelist: `(guest_path, host_path, directory, writable)` entries.
    fn mount_files(&self, py: Python<'_>, mounts: Vec<(String, std::path::PathBuf, bool, bool)>) -> PyResult<()> {
        let mounts = mounts
            .into_iter()
            .map(|(guest, host, directory, writable)| core::FileMount { guest, host, directory, writable })
            .collect();
        let files = py.detach(|| core::Files::new(mounts)).map_err(|e| to_py_err(py, e))?;
        self.engine(py, "mount_files", |sb| sb.mount_files(files))
    }

    /// Gives guest code read-only access to databases: files as `(name, path, immutable)`, databases
    /// without a file as `(name, query_function)`. Results are bounded by the session's
    /// `query_row_limit` and `query_byte_limit`.
    /// `sql_functions` are installed on the connections to the files.
    #[pyo3(signature = (files, functions, default_database, sql_functions = None))]
    fn attach_databases(
        &self,
        py: Python<'_>,
        files: Vec<(String, std::path::PathBuf, bool)>,
        functions: Vec<(String, Py<PyAny>)>,
        default_database: Option<String>,
        sql_functions: Option<PyRef<'_, crate::sql_functions::SqlFunctions>>,
    ) -> PyResult<()> {
        let mut sources = std::collections::BTreeMap::new();
        for (name, path, immutable) in files {
            sources.insert(name, core::Source::File { path, immutable });
        }
        for (name, callable) in functions {
            sources.insert(name, core::Source::Function(Arc::new(PyQueryFunction { callable })));
        }
        let limits = core::SqlLimits { max_rows: self.limits.query_row_limit, max_bytes: self.limits.query_byte_limit };
        let mut databases =
            py.detach(|| core::Databases::new(sources, default_database, limits)).map_err(|e| to_py_err(py, e))?;
        if let Some(set) = sql_functions {
            databases = databases.with_functions(set.inner.clone());
        }
        self.engine(py, "attach_databases", |sb| sb.attach_databases(databases))
    }

    /// Files guest code wrote, by guest path.
    fn written_files(&self, py: Python<'_>) -> PyResult<std::collections::BTreeMap<String, Vec<u8>>> {
        self.with_sandbox(py, "written_files", |sb| sb.written_files())
    }

    fn reset(&self, py: Python<'_>) -> PyResult<()> {
        self.engine(py, "reset", |sb| sb.reset())
    }

    fn collect_garbage(&self, py: Python<'_>) -> PyResult<()> {
        self.engine(py, "collect_garbage", |sb| sb.collect_garbage())
    }

    /// Closes the sandbox without waiting for a run in progress: the run is cancelled, raises
    /// `SandboxClosed` in its own thread, and the instance is freed as it returns (at once when idle).
    fn close(&self) {
        self.control.close();
        if let Some(mut sandbox) = self.inner.try_lock() {
            sandbox.close();
        }
    }

    #[getter]
    fn closed(&self) -> bool {
        self.control.is_closed()
    }

    /// The session's state as bytes (compressed guest memory under a versioned header).
    fn snapshot<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let data = self.engine(py, "snapshot", |sb| sb.snapshot())?;
        Ok(PyBytes::new(py, &data))
    }

    /// Replaces the session with the one `data` holds; raises `SnapshotError` (session untouched) when
    /// it is refused.
    fn restore(&self, py: Python<'_>, data: &Bound<'_, PyBytes>) -> PyResult<()> {
        // Read in place: a bytes object is immutable, and the caller's reference keeps it alive.
        let data = data.as_bytes();
        self.engine(py, "restore", move |sb| sb.restore(data))
    }

    /// An independent session in the same state with the same limits and host functions.
    fn fork(&self, py: Python<'_>) -> PyResult<Session> {
        let child = self.engine(py, "fork", |sb| sb.fork())?;
        Ok(Session {
            control: child.control(),
            inner: Mutex::new(child),
            limits: self.limits.clone(),
            owner: AtomicU64::new(0),
        })
    }

    /// Bytes of linear memory the guest currently has.
    fn memory_size(&self, py: Python<'_>) -> PyResult<usize> {
        self.engine(py, "memory_size", |sb| sb.memory_size())
    }
}
