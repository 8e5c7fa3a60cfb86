//! The one mapping between engine errors and Python exceptions, both ways: engine errors become the
//! `SandboxError` hierarchy (in `to_py_err`, the only place that does), and a Python exception raised
//! by a host function becomes the guest exception class nearest to it (`guest_type_name`).

use micropython_sandbox as core;
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyType};

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
create_exception!(
    datasette_micropython._engine,
    SandboxCancelled,
    SandboxError,
    "The run was cancelled with `cancel()`."
);
create_exception!(datasette_micropython._engine, SandboxClosed, SandboxError, "The sandbox was closed.");
create_exception!(
    datasette_micropython._engine,
    SandboxCrashed,
    SandboxError,
    "The guest stopped abnormally; its session was reset."
);

create_exception!(
    datasette_micropython._engine,
    SnapshotError,
    SandboxError,
    "A snapshot was refused (damaged, truncated, forged, from another engine or guest build, or over the \
     sandbox's limits); the message says why."
);

/// Adds the exception classes to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("SandboxError", py.get_type::<SandboxError>())?;
    m.add("GuestError", py.get_type::<GuestError>())?;
    m.add("SandboxTimeout", py.get_type::<SandboxTimeout>())?;
    m.add("SandboxMemoryError", py.get_type::<SandboxMemoryError>())?;
    m.add("SandboxCancelled", py.get_type::<SandboxCancelled>())?;
    m.add("SandboxClosed", py.get_type::<SandboxClosed>())?;
    m.add("SandboxCrashed", py.get_type::<SandboxCrashed>())?;
    m.add("SnapshotError", py.get_type::<SnapshotError>())?;
    Ok(())
}

/// The one mapping from engine errors to Python exceptions. Every exception carries `stdout`,
/// `stderr` (output printed before the failure) and `session_reset`; guest exceptions also carry
/// `type_name`, `guest_message`, `traceback` and `line`.
pub fn to_py_err(py: Python<'_>, error: core::Error) -> PyErr {
    let message = error.to_string();
    let err = match &error {
        core::Error::Guest { .. } => GuestError::new_err(message),
        core::Error::Timeout { .. } => SandboxTimeout::new_err(message),
        core::Error::OutOfMemory { .. } => SandboxMemoryError::new_err(message),
        core::Error::Cancelled { .. } => SandboxCancelled::new_err(message),
        core::Error::Crashed { .. } => SandboxCrashed::new_err(message),
        core::Error::Closed => SandboxClosed::new_err(message),
        core::Error::InvalidArgument { .. } => PyValueError::new_err(message),
        core::Error::Engine(_) => SandboxError::new_err(message),
        core::Error::Snapshot(_) => SnapshotError::new_err(message),
    };
    let value = err.value(py);
    let exception = match &error {
        core::Error::Guest { exception, .. } => Some(exception),
        core::Error::Timeout { exception, .. }
        | core::Error::OutOfMemory { exception, .. }
        | core::Error::Cancelled { exception, .. } => exception.as_ref(),
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

/// The host error a Python exception raised by a host function becomes in the guest.
pub fn to_host_error(py: Python<'_>, e: &PyErr) -> core::HostError {
    core::HostError { type_name: guest_type_name(&e.get_type(py)), message: e.value(py).to_string() }
}

/// The exception class the guest should raise for a Python exception of type `t`: the nearest class in
/// its MRO that the guest knows (so a `PermissionError` subclass arrives as `PermissionError`), else
/// `t`'s own name.
fn guest_type_name(t: &Bound<'_, PyType>) -> String {
    let own = t.name().map(|n| n.to_string()).unwrap_or_else(|_| "Exception".into());
    t.mro()
        .iter()
        .filter_map(|base| base.cast::<PyType>().ok()?.name().ok().map(|n| n.to_string()))
        .find(|name| core::host::GUEST_EXCEPTION_TYPES.contains(&name.as_str()))
        .unwrap_or(own)
}
