//! Per-sandbox resource limits: their defaults, and the validation that turns a bad value into an
//! error naming the parameter before any sandbox exists.

use std::time::Duration;

use crate::error::Error;

/// Smallest memory limit that leaves the interpreter room to start (static data, the 1 MiB shadow
/// stack and a first GC heap).
pub const MIN_MEMORY: usize = 4 << 20;
/// wasm32 cannot address more.
pub const MAX_MEMORY: usize = 4 << 30;

#[derive(Clone, Debug, PartialEq)]
pub struct Limits {
    /// Bytes of linear memory the guest may use in all (GC heap, stack, static data). Reaching it is a
    /// catchable `MemoryError` inside the guest.
    pub memory_limit: usize,
    /// Wall-clock time one run may take before the soft interrupt: a `KeyboardInterrupt` raised in the
    /// guest at its next bytecode boundary.
    pub time_limit: Duration,
    /// Time after the soft interrupt before the run is stopped outright (for a guest stuck inside one
    /// long C operation). A hard stop loses the session's state.
    pub hard_grace: Duration,
    /// Optional deterministic budget of Wasmtime fuel per run (roughly one unit per wasm instruction).
    pub fuel: Option<u64>,
    /// Bytes kept of each of stdout and stderr per run; the rest is dropped and flagged.
    pub output_limit: usize,
    /// Host-function calls allowed per run.
    pub host_call_limit: u64,
    /// Largest payload, in bytes, of one host-function call's arguments or result.
    pub host_payload_limit: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            memory_limit: 64 << 20,
            time_limit: Duration::from_secs(5),
            hard_grace: Duration::from_secs(1),
            fuel: None,
            output_limit: 1 << 20,
            host_call_limit: 1_000_000,
            host_payload_limit: 64 << 20,
        }
    }
}

impl Limits {
    pub fn validate(&self) -> Result<(), Error> {
        let bad = |param: &'static str, message: String| Err(Error::InvalidArgument { param, message });
        if !(MIN_MEMORY..=MAX_MEMORY).contains(&self.memory_limit) {
            return bad(
                "memory_limit",
                format!("must be between {MIN_MEMORY} and {MAX_MEMORY} bytes, got {}", self.memory_limit),
            );
        }
        if self.time_limit.is_zero() {
            return bad("time_limit", "must be greater than zero".into());
        }
        if self.time_limit > Duration::from_secs(24 * 3600) {
            return bad("time_limit", "must be at most one day".into());
        }
        if self.hard_grace > Duration::from_secs(3600) {
            return bad("hard_grace", "must be at most one hour".into());
        }
        if self.fuel == Some(0) {
            return bad("fuel", "must be greater than zero (or None for no fuel budget)".into());
        }
        if self.host_payload_limit == 0 || self.host_payload_limit > i32::MAX as usize {
            return bad("host_payload_limit", format!("must be between 1 and {} bytes", i32::MAX));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        Limits::default().validate().unwrap();
    }

    #[test]
    fn errors_name_the_parameter() {
        let cases = [
            (Limits { memory_limit: 1024, ..Limits::default() }, "memory_limit"),
            (Limits { time_limit: Duration::ZERO, ..Limits::default() }, "time_limit"),
            (Limits { fuel: Some(0), ..Limits::default() }, "fuel"),
            (Limits { host_payload_limit: 0, ..Limits::default() }, "host_payload_limit"),
        ];
        for (limits, name) in cases {
            match limits.validate() {
                Err(Error::InvalidArgument { param, .. }) => assert_eq!(param, name),
                other => panic!("{name}: {other:?}"),
            }
        }
    }
}
