//! micropython-sandbox: runs untrusted Python (MicroPython compiled to WebAssembly) inside Wasmtime
//! with hard memory, CPU and wall-clock limits, host functions chosen by the embedder and no other
//! reach outside the sandbox. This crate knows nothing of Python the host language: the pyo3 bindings
//! in `rust/bindings` only convert values and errors.
//!
//! What guest code can never reach is written down in [`invariants`], each with a test that tries to
//! break it.

pub mod codec;
pub mod engine;
pub mod error;
pub mod files;
#[cfg(target_os = "linux")]
mod fork;
pub mod host;
pub mod invariants;
pub mod limits;
mod pagemap;
pub mod sandbox;
pub mod snapshot;
pub mod sql;

pub use codec::{BigInt, Value};
pub use error::{Error, GuestException, Output};
pub use files::{FileMount, Files};
pub use host::{CallContext, HostError, HostFunction, Reply, RunControl};
pub use limits::Limits;
pub use sandbox::{CallResult, RunOptions, RunResult, Sandbox};
pub use sql::{Databases, Params, QueryFunction, QueryOutput, Source, SqlLimits};
