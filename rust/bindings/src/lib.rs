//! `datasette_micropython._engine`: the pyo3 layer over `micropython-sandbox`. It converts values
//! between Python and the engine, maps the engine's one error enum to the Python exception hierarchy
//! (in `to_py_err`, the only place that does), and releases the GIL while guest code runs. Everything
//! else lives in the core crate or in the Python package.

use std::sync::Arc;
use std::time::Duration;

use micropython_sandbox::{self as core, CallContext, HostError, HostFunction, Limits, Reply, RunOptions, Value};
use parking_lot::Mutex;
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMemoryView, PyString, PyTuple};

mod deadline;
mod sql;

create_exception!(
    datasette_micropython._engine,
    SandboxError,
    PyException,
    "Base class of every error raised by a sandbox."
);
create_exception!(
    datasette_micropython._engine,
    GuestError,
    SandboxError,
    "Guest code raised an exception it did not catch."
);
create_exception!(
    datasette_micropython._engine,
    SandboxTimeout,
    SandboxError,
    "A run exceeded its time limit or fuel budget."
);
create_exception!(
    datasette_micropython._engine,
    SandboxMemoryError,
    SandboxError,
    "A run exceeded the sandbox's memory limit."
);
create_exception!(datasette_micropython._engine, SandboxClosed, SandboxError, "The sandbox was closed.");
create_exception!(
    datasette_micropython._engine,
    SandboxCrashed,
    SandboxError,
    "The guest stopped abnormally; its session was reset."
);

/// Nesting accepted when converting Python values (a self-containing list would never end).
const MAX_DEPTH: usize = 256;

/// The one mapping from engine errors to Python exceptions. Every exception carries `stdout`,
/// `stderr` (output printed before the failure) and `session_reset`; guest exceptions also carry
/// `type_name`, `guest_message`, `traceback` and `line`.
fn to_py_err(py: Python<'_>, error: core::Error) -> PyErr {
    let message = error.to_string();
    let err = match &error {
        core::Error::Guest { .. } => GuestError::new_err(message),
        core::Error::Timeout { .. } => SandboxTimeout::new_err(message),
        core::Error::OutOfMemory { .. } => SandboxMemoryError::new_err(message),
        core::Error::Crashed { .. } => SandboxCrashed::new_err(message),
        core::Error::Closed => SandboxClosed::new_err(message),
        core::Error::InvalidArgument { .. } => PyValueError::new_err(message),
        core::Error::Engine(_) => SandboxError::new_err(message),
    };
    let value = err.value(py);
    let exception = match &error {
        core::Error::Guest { exception, .. } => Some(exception),
        core::Error::Timeout { exception, .. } | core::Error::OutOfMemory { exception, .. } => exception.as_ref(),
        _ => None,
    };
    let output = error.output().cloned().unwrap_or_default();
    let set = |name: &str, v: Bound<'_, PyAny>| {
        let _ = value.setattr(name, v);
    };
    if !matches!(error, core::Error::InvalidArgument { .. }) {
        set("stdout", output.stdout.into_pyobject(py).unwrap().into_any());
        set("stderr", output.stderr.into_pyobject(py).unwrap().into_any());
        set("session_reset", PyBool::new(py, error.session_reset()).to_owned().into_any());
        let e = exception.cloned().unwrap_or_default();
        let or_none =
            |s: String| if s.is_empty() { py.None().into_bound(py) } else { s.into_pyobject(py).unwrap().into_any() };
        set("type_name", or_none(e.type_name));
        set("guest_message", or_none(e.message));
        set("traceback", or_none(e.traceback));
        set("line", e.line.into_pyobject(py).unwrap().into_any());
    }
    err
}

fn to_value(obj: &Bound<'_, PyAny>, depth: usize) -> PyResult<Value> {
    if depth > MAX_DEPTH {
        return Err(PyValueError::new_err(format!("value nested deeper than {MAX_DEPTH} levels")));
    }
    let seq = |items: Vec<Bound<'_, PyAny>>| items.iter().map(|i| to_value(i, depth + 1)).collect::<PyResult<Vec<_>>>();
    Ok(if obj.is_none() {
        Value::None
    } else if let Ok(b) = obj.cast::<PyBool>() {
        Value::Bool(b.is_true())
    } else if let Ok(i) = obj.cast::<PyInt>() {
        match i.extract::<i64>() {
            Ok(v) => Value::Int(v),
            Err(_) => Value::BigInt(i.str()?.to_string()),
        }
    } else if let Ok(f) = obj.cast::<PyFloat>() {
        Value::Float(f.value())
    } else if let Ok(s) = obj.cast::<PyString>() {
        Value::Str(s.to_str()?.to_owned())
    } else if let Ok(b) = obj.cast::<PyBytes>() {
        Value::Bytes(b.as_bytes().to_vec())
    } else if let Ok(b) = obj.cast::<PyByteArray>() {
        Value::Bytes(b.to_vec())
    } else if obj.is_instance_of::<PyMemoryView>() {
        Value::Bytes(obj.call_method0("tobytes")?.cast::<PyBytes>()?.as_bytes().to_vec())
    } else if let Ok(l) = obj.cast::<PyList>() {
        Value::List(seq(l.iter().collect())?)
    } else if let Ok(t) = obj.cast::<PyTuple>() {
        Value::Tuple(seq(t.iter().collect())?)
    } else if let Ok(d) = obj.cast::<PyDict>() {
        let mut pairs = Vec::with_capacity(d.len());
        for (k, v) in d.iter() {
            pairs.push((to_value(&k, depth + 1)?, to_value(&v, depth + 1)?));
        }
        Value::Dict(pairs)
    } else {
        let type_name = obj.get_type().name()?;
        return Err(PyTypeError::new_err(format!(
            "a value of type '{type_name}' cannot be passed to the sandbox (use None, bool, int, float, str, bytes, list, tuple or dict)"
        )));
    })
}

fn from_value<'py>(py: Python<'py>, value: Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::None => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, b).to_owned().into_any(),
        Value::Int(i) => i.into_pyobject(py)?.into_any(),
        Value::BigInt(digits) => py.get_type::<PyInt>().call1((digits,))?,
        Value::Float(f) => PyFloat::new(py, f).into_any(),
        Value::Str(s) => PyString::new(py, &s).into_any(),
        Value::Bytes(b) => PyBytes::new(py, &b).into_any(),
        Value::List(items) => {
            PyList::new(py, items.into_iter().map(|v| from_value(py, v)).collect::<PyResult<Vec<_>>>()?)?.into_any()
        }
        Value::Tuple(items) => {
            PyTuple::new(py, items.into_iter().map(|v| from_value(py, v)).collect::<PyResult<Vec<_>>>()?)?.into_any()
        }
        Value::Dict(pairs) => {
            let d = PyDict::new(py);
            for (k, v) in pairs {
                d.set_item(from_value(py, k)?, from_value(py, v)?)?;
            }
            d.into_any()
        }
    })
}

/// A Python callable exposed to the guest.
struct PyHostFunction {
    callable: Py<PyAny>,
}

impl HostFunction for PyHostFunction {
    fn call(&self, ctx: &CallContext, args: Vec<Value>, kwargs: Vec<(String, Value)>) -> Result<Reply, HostError> {
        let _deadline = deadline::DeadlineScope::enter(ctx.deadline);
        Python::attach(|py| {
            let outcome = (|| -> PyResult<Value> {
                let args =
                    PyTuple::new(py, args.into_iter().map(|v| from_value(py, v)).collect::<PyResult<Vec<_>>>()?)?;
                let kw = PyDict::new(py);
                for (k, v) in kwargs {
                    kw.set_item(k, from_value(py, v)?)?;
                }
                let result = self.callable.bind(py).call(args, Some(&kw))?;
                to_value(&result, 0).map_err(|e| {
                    PyTypeError::new_err(format!("the host function returned an unusable value: {}", e.value(py)))
                })
            })();
            outcome.map(Reply::Value).map_err(|e| HostError {
                type_name: guest_type_name(&e.get_type(py)),
                message: e.value(py).to_string(),
            })
        })
    }
}

/// The exception class the guest should raise for a Python exception of type `t`: the nearest class in
/// its MRO that the guest knows (so a `PermissionError` subclass arrives as `PermissionError`), else
/// `t`'s own name.
fn guest_type_name(t: &Bound<'_, pyo3::types::PyType>) -> String {
    let own = t.name().map(|n| n.to_string()).unwrap_or_else(|_| "Exception".into());
    t.mro()
        .iter()
        .filter_map(|base| base.cast::<pyo3::types::PyType>().ok()?.name().ok().map(|n| n.to_string()))
        .find(|name| core::host::GUEST_EXCEPTION_TYPES.contains(&name.as_str()))
        .unwrap_or(own)
}

/// A Python callable serving a database that has no file: `fn(sql, params, max_rows) ->
/// (columns, rows, truncated)`.
struct PyQueryFunction {
    callable: Py<PyAny>,
}

impl core::QueryFunction for PyQueryFunction {
    fn query(
        &self,
        sql: &str,
        params: core::Params,
        max_rows: usize,
        deadline: std::time::Instant,
    ) -> Result<core::QueryOutput, HostError> {
        let _deadline = deadline::DeadlineScope::enter(deadline);
        Python::attach(|py| {
            let outcome = (|| -> PyResult<core::QueryOutput> {
                let params = match params {
                    core::Params::None => py.None().into_bound(py),
                    core::Params::Positional(values) => from_value(py, Value::List(values))?,
                    core::Params::Named(pairs) => {
                        from_value(py, Value::Dict(pairs.into_iter().map(|(k, v)| (Value::Str(k), v)).collect()))?
                    }
                };
                let result = self.callable.bind(py).call1((sql, params, max_rows))?;
                let (columns, rows, truncated): (Vec<String>, Bound<'_, PyAny>, bool) = result.extract()?;
                let mut out = Vec::new();
                for row in rows.try_iter()? {
                    let row = row?;
                    let values = row.try_iter()?.map(|v| to_value(&v?, 0)).collect::<PyResult<Vec<_>>>()?;
                    out.push(values);
                }
                Ok((columns, out, truncated))
            })();
            outcome.map_err(|e| HostError {
                type_name: guest_type_name(&e.get_type(py)),
                message: e.value(py).to_string(),
            })
        })
    }
}

/// A positive int argument; a bool is refused although Python counts it as an int.
fn count_arg<T: for<'a, 'py> FromPyObject<'a, 'py>>(param: &str, value: &Bound<'_, PyAny>) -> PyResult<T> {
    if value.is_instance_of::<PyBool>() || !value.is_instance_of::<PyInt>() {
        return Err(PyTypeError::new_err(format!("{param} must be an int, not {}", type_name(value))));
    }
    if value.le(0)? {
        return Err(PyValueError::new_err(format!("{param} must be positive, got {value}")));
    }
    value.extract().map_err(|_| PyValueError::new_err(format!("{param} is too large, got {value}")))
}

/// A number of seconds (int or float, not bool).
fn seconds_arg(param: &'static str, value: &Bound<'_, PyAny>) -> PyResult<Duration> {
    if value.is_instance_of::<PyBool>() || !(value.is_instance_of::<PyInt>() || value.is_instance_of::<PyFloat>()) {
        return Err(PyTypeError::new_err(format!("{param} must be a number of seconds, not {}", type_name(value))));
    }
    let seconds: f64 = value.extract()?;
    Duration::try_from_secs_f64(seconds)
        .map_err(|_| PyValueError::new_err(format!("{param} must be a non-negative number of seconds, got {seconds}")))
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into())
}

/// What a successful run printed and produced.
#[pyclass(module = "datasette_micropython", frozen, eq, get_all)]
#[derive(PartialEq)]
struct RunResult {
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
struct CallResult {
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

/// One sandbox with a persistent session. See `datasette_micropython.Sandbox` for the friendly API.
#[pyclass(module = "datasette_micropython._engine", frozen)]
struct Session {
    inner: Mutex<core::Sandbox>,
}

#[pymethods]
impl Session {
    #[new]
    #[pyo3(signature = (*, memory_limit, time_limit, hard_grace, fuel, output_limit, host_call_limit, host_payload_limit))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        memory_limit: &Bound<'_, PyAny>,
        time_limit: &Bound<'_, PyAny>,
        hard_grace: &Bound<'_, PyAny>,
        fuel: &Bound<'_, PyAny>,
        output_limit: &Bound<'_, PyAny>,
        host_call_limit: &Bound<'_, PyAny>,
        host_payload_limit: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let limits = Limits {
            memory_limit: count_arg("memory_limit", memory_limit)?,
            time_limit: seconds_arg("time_limit", time_limit)?,
            hard_grace: seconds_arg("hard_grace", hard_grace)?,
            fuel: if fuel.is_none() { None } else { Some(count_arg("fuel", fuel)?) },
            output_limit: count_arg("output_limit", output_limit)?,
            host_call_limit: count_arg("host_call_limit", host_call_limit)?,
            host_payload_limit: count_arg("host_payload_limit", host_payload_limit)?,
        };
        let sandbox = py.detach(|| core::Sandbox::new(limits)).map_err(|e| to_py_err(py, e))?;
        Ok(Session { inner: Mutex::new(sandbox) })
    }

    /// The limits this session runs under, by keyword argument name.
    fn limits<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let l = self.inner.lock().limits().clone();
        let d = PyDict::new(py);
        d.set_item("memory_limit", l.memory_limit)?;
        d.set_item("time_limit", l.time_limit.as_secs_f64())?;
        d.set_item("hard_grace", l.hard_grace.as_secs_f64())?;
        d.set_item("fuel", l.fuel)?;
        d.set_item("output_limit", l.output_limit)?;
        d.set_item("host_call_limit", l.host_call_limit)?;
        d.set_item("host_payload_limit", l.host_payload_limit)?;
        Ok(d)
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
        let r = py.detach(|| self.inner.lock().run(&code, options)).map_err(|e| to_py_err(py, e))?;
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
        let r = py.detach(|| self.inner.lock().call(name, &args)).map_err(|e| to_py_err(py, e))?;
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

    /// Exposes `function` to guest code as the builtin `name`.
    fn register(&self, py: Python<'_>, name: &str, function: Py<PyAny>) -> PyResult<()> {
        let host = Arc::new(PyHostFunction { callable: function });
        py.detach(|| self.inner.lock().register(name, host)).map_err(|e| to_py_err(py, e))
    }

    /// Mounts the file whitelist: `(guest_path, host_path, directory, writable)` entries.
    fn mount_files(&self, py: Python<'_>, mounts: Vec<(String, std::path::PathBuf, bool, bool)>) -> PyResult<()> {
        let mounts = mounts
            .into_iter()
            .map(|(guest, host, directory, writable)| core::FileMount { guest, host, directory, writable })
            .collect();
        py.detach(|| {
            let files = core::Files::new(mounts)?;
            self.inner.lock().mount_files(files)
        })
        .map_err(|e| to_py_err(py, e))
    }

    /// Gives guest code read-only access to databases: files as `(name, path, immutable)`, databases
    /// without a file as `(name, query_function)`.
    #[pyo3(signature = (files, functions, default_database, max_rows, max_bytes))]
    fn attach_databases(
        &self,
        py: Python<'_>,
        files: Vec<(String, std::path::PathBuf, bool)>,
        functions: Vec<(String, Py<PyAny>)>,
        default_database: Option<String>,
        max_rows: &Bound<'_, PyAny>,
        max_bytes: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        let max_rows = count_arg("query_row_limit", max_rows)?;
        let max_bytes = count_arg("query_byte_limit", max_bytes)?;
        let mut sources = std::collections::BTreeMap::new();
        for (name, path, immutable) in files {
            sources.insert(name, core::Source::File { path, immutable });
        }
        for (name, callable) in functions {
            sources.insert(name, core::Source::Function(Arc::new(PyQueryFunction { callable })));
        }
        let limits = core::SqlLimits { max_rows, max_bytes };
        py.detach(|| {
            let databases = core::Databases::new(sources, default_database, limits)?;
            self.inner.lock().attach_databases(databases)
        })
        .map_err(|e| to_py_err(py, e))
    }

    /// Files guest code wrote, by guest path.
    fn written_files(&self, py: Python<'_>) -> std::collections::BTreeMap<String, Vec<u8>> {
        py.detach(|| self.inner.lock().written_files())
    }

    fn reset(&self, py: Python<'_>) -> PyResult<()> {
        py.detach(|| self.inner.lock().reset()).map_err(|e| to_py_err(py, e))
    }

    fn collect_garbage(&self, py: Python<'_>) -> PyResult<()> {
        py.detach(|| self.inner.lock().collect_garbage()).map_err(|e| to_py_err(py, e))
    }

    fn close(&self, py: Python<'_>) {
        py.detach(|| self.inner.lock().close())
    }

    #[getter]
    fn closed(&self, py: Python<'_>) -> bool {
        py.detach(|| self.inner.lock().is_closed())
    }

    /// Bytes of linear memory the guest currently has.
    fn memory_size(&self, py: Python<'_>) -> PyResult<usize> {
        py.detach(|| self.inner.lock().memory_size()).map_err(|e| to_py_err(py, e))
    }
}

/// How this process obtained the compiled guest module: `("cache" | "compiled_and_cached" | "compiled", detail)`.
#[pyfunction]
fn module_origin(py: Python<'_>) -> PyResult<(&'static str, String)> {
    let runtime = py.detach(|| core::engine::runtime(false)).map_err(|e| to_py_err(py, e))?;
    Ok(match &runtime.origin {
        core::engine::ModuleOrigin::Cache(p) => ("cache", p.display().to_string()),
        core::engine::ModuleOrigin::CompiledAndCached(p) => ("compiled_and_cached", p.display().to_string()),
        core::engine::ModuleOrigin::Compiled(why) => ("compiled", why.clone()),
    })
}

#[pymodule]
fn _engine(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<Session>()?;
    m.add_class::<RunResult>()?;
    m.add_class::<CallResult>()?;
    m.add_function(wrap_pyfunction!(module_origin, m)?)?;
    sql::register(m)?;
    deadline::register(m)?;
    m.add("SandboxError", py.get_type::<SandboxError>())?;
    m.add("GuestError", py.get_type::<GuestError>())?;
    m.add("SandboxTimeout", py.get_type::<SandboxTimeout>())?;
    m.add("SandboxMemoryError", py.get_type::<SandboxMemoryError>())?;
    m.add("SandboxClosed", py.get_type::<SandboxClosed>())?;
    m.add("SandboxCrashed", py.get_type::<SandboxCrashed>())?;
    Ok(())
}
