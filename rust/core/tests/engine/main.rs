//! Integration tests of the engine through its public API, one module per topic. They share one test
//! binary: each binary links the whole of Wasmtime, so one binary builds several times faster.

mod cancel;
mod codec;
mod files;
mod limits;
mod snapshot;
