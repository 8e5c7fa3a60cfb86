//! The one error type of the engine. The Python bindings map each variant to one exception class in
//! one place (`rust/bindings/src/lib.rs`), so every failure reaches the caller typed and actionable.

use std::fmt;
use std::time::Duration;

/// What the guest printed during a run, as captured under the output limit.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub stdout_truncated: bool,
    pub stderr_truncated: bool,
}

/// A Python exception raised in the guest and not caught there.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GuestException {
    /// The exception's class name, e.g. `ZeroDivisionError`.
    pub type_name: String,
    /// `str(exception)`.
    pub message: String,
    /// The full traceback text as CPython prints it: the chain, the frames, `Type: message`, the notes.
    pub traceback: String,
    /// Line of the innermost frame in the submitted code, if any.
    pub line: Option<u32>,
}

/// Run failures box their captured output so that `Result<_, Error>` stays small.
#[derive(Debug)]
pub enum Error {
    /// Guest code raised an exception that it did not catch. The session is intact.
    Guest { exception: GuestException, output: Box<Output> },
    /// The run exceeded its time limit (or fuel budget). With `session_reset` false the guest was
    /// interrupted and `exception` holds its traceback; with `session_reset` true it had to be stopped
    /// outright and the session now starts fresh.
    Timeout { limit: Duration, fuel: bool, session_reset: bool, exception: Option<GuestException>, output: Box<Output> },
    /// The guest ran out of memory. With `session_reset` false it was a `MemoryError` raised in the
    /// guest and not caught (session intact).
    OutOfMemory { limit: usize, session_reset: bool, exception: Option<GuestException>, output: Box<Output> },
    /// The guest stopped for a reason that is not a limit (a bug in the interpreter or engine). The
    /// session was reset.
    Crashed { message: String, output: Box<Output> },
    /// The run was cancelled (`Sandbox::cancel`, `RunControl::cancel`). With `session_reset` false the
    /// guest was interrupted (a `KeyboardInterrupt` it did not catch, in `exception`); with it true the
    /// guest did not stop within `hard_grace` and the session now starts fresh.
    Cancelled { session_reset: bool, exception: Option<GuestException>, output: Box<Output> },
    /// The sandbox was closed (before or during the call).
    Closed,
    /// A parameter given by the caller is invalid.
    InvalidArgument { param: &'static str, message: String },
    /// The engine could not be set up (module compilation, instantiation).
    Engine(String),
    /// A snapshot was refused (damaged, truncated, forged, from another engine or guest build, or over
    /// this sandbox's limits); the reason says which. The sandbox is unchanged.
    Snapshot(String),
}

impl Error {
    /// Output the guest printed before the failure, when there was a run.
    pub fn output(&self) -> Option<&Output> {
        match self {
            Error::Guest { output, .. }
            | Error::Timeout { output, .. }
            | Error::OutOfMemory { output, .. }
            | Error::Cancelled { output, .. }
            | Error::Crashed { output, .. } => Some(output),
            _ => None,
        }
    }

    /// True when the session's state was lost and it now starts fresh.
    pub fn session_reset(&self) -> bool {
        match self {
            Error::Timeout { session_reset, .. }
            | Error::OutOfMemory { session_reset, .. }
            | Error::Cancelled { session_reset, .. } => *session_reset,
            Error::Crashed { .. } => true,
            _ => false,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reset = |f: &mut fmt::Formatter<'_>, reset: bool| {
            if reset {
                write!(f, "; the session was reset and its variables are gone")
            } else {
                write!(f, "; the session is intact")
            }
        };
        match self {
            Error::Guest { exception, .. } => write!(f, "{}: {}", exception.type_name, exception.message),
            Error::Timeout { limit, fuel: true, session_reset, .. } => {
                write!(f, "fuel budget exhausted (time limit {:.3} s)", limit.as_secs_f64())?;
                reset(f, *session_reset)
            }
            Error::Timeout { limit, session_reset, .. } => {
                write!(f, "time limit of {:.3} s exceeded", limit.as_secs_f64())?;
                if *session_reset {
                    write!(f, " and the code did not stop when interrupted")?;
                }
                reset(f, *session_reset)
            }
            Error::OutOfMemory { limit, session_reset, .. } => {
                write!(f, "memory limit of {} bytes exceeded", limit)?;
                reset(f, *session_reset)
            }
            Error::Cancelled { session_reset, .. } => {
                write!(f, "the run was cancelled")?;
                if *session_reset {
                    write!(f, " and the code did not stop when interrupted")?;
                }
                reset(f, *session_reset)
            }
            Error::Crashed { message, .. } => write!(f, "the sandbox crashed: {message}; the session was reset"),
            Error::Closed => write!(f, "the sandbox is closed"),
            Error::InvalidArgument { param, message } => write!(f, "{param}: {message}"),
            Error::Engine(message) => write!(f, "sandbox engine error: {message}"),
            Error::Snapshot(reason) => write!(f, "snapshot refused: {reason}"),
        }
    }
}

impl std::error::Error for Error {}
