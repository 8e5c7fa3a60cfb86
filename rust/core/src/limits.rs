//! Per-sandbox resource limits: one table ([`LIMITS`]) says, for each limit, its name, unit, default,
//! bounds and meaning. The `Limits` struct, its defaults, its validation, and everything the bindings
//! and the Python package derive (keyword arguments, `DEFAULTS`, config validation, CLI flags, the
//! README table) come from that table: adding a limit is one entry in the `limits!` invocation below,
//! plus the code that enforces it.

use std::time::Duration;

use crate::error::Error;

/// Smallest memory limit that leaves the interpreter room to start (static data, the 1 MiB shadow
/// stack and a first GC heap).
pub const MIN_MEMORY: usize = 4 << 20;
/// wasm32 cannot address more.
pub const MAX_MEMORY: usize = 4 << 30;
/// Largest integer a limit may take: integers up to it are exact in an f64 (the table's number type).
pub const MAX_COUNT: f64 = (1u64 << 53) as f64;

/// What a limit's number measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Bytes,
    Seconds,
    Count,
}

impl Unit {
    pub fn name(self) -> &'static str {
        match self {
            Unit::Bytes => "bytes",
            Unit::Seconds => "seconds",
            Unit::Count => "count",
        }
    }

    /// Whether values are whole numbers (bytes and counts) rather than seconds.
    pub fn is_integer(self) -> bool {
        self != Unit::Seconds
    }
}

/// One row of the limits table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LimitSpec {
    /// The keyword argument and config key, e.g. `memory_limit`.
    pub name: &'static str,
    pub unit: Unit,
    /// The default; `None` means "no limit" (only for limits that allow `None`).
    pub default: Option<f64>,
    /// Smallest accepted value, inclusive.
    pub min: f64,
    /// Largest accepted value, inclusive.
    pub max: f64,
    /// Whether `None` (no limit) is accepted.
    pub nullable: bool,
    /// One line for help texts (CLI flags, config errors).
    pub description: &'static str,
    /// What a user sees when the limit is reached: the README's table of limits is made from it.
    pub at_limit: &'static str,
}

impl LimitSpec {
    /// Checks one value against this row; the error names the limit and says what is accepted.
    pub fn check(&self, value: Option<f64>) -> Result<(), Error> {
        let bad = |message: String| Err(Error::InvalidArgument { param: self.name, message });
        let Some(v) = value else {
            return if self.nullable { Ok(()) } else { bad("must be set (None is not accepted)".into()) };
        };
        if self.unit.is_integer() && v.fract() != 0.0 {
            return bad(format!("must be a whole number of {}, got {v}", self.unit.name()));
        }
        if !(self.min..=self.max).contains(&v) {
            // NaN lands here too.
            let (min, max) = (fmt_number(self.min, self.unit), fmt_number(self.max, self.unit));
            let or_none = if self.nullable { " (or None for no limit)" } else { "" };
            return bad(format!(
                "must be between {min} and {max} {}{or_none}, got {}",
                self.unit.name(),
                fmt_number(v, self.unit)
            ));
        }
        Ok(())
    }
}

fn fmt_number(v: f64, unit: Unit) -> String {
    if unit.is_integer() && v.fract() == 0.0 && v.abs() < 1e18 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// A field type of [`Limits`]: converts to and from the table's numbers.
pub trait LimitValue: Sized {
    fn to_number(&self) -> Option<f64>;
    /// `None` in, or a value the table's bounds already checked.
    fn from_number(v: Option<f64>) -> Self;
}

impl LimitValue for usize {
    fn to_number(&self) -> Option<f64> {
        Some(*self as f64)
    }
    fn from_number(v: Option<f64>) -> Self {
        v.unwrap_or(0.0) as usize
    }
}

impl LimitValue for u64 {
    fn to_number(&self) -> Option<f64> {
        Some(*self as f64)
    }
    fn from_number(v: Option<f64>) -> Self {
        v.unwrap_or(0.0) as u64
    }
}

impl LimitValue for Option<u64> {
    fn to_number(&self) -> Option<f64> {
        self.map(|v| v as f64)
    }
    fn from_number(v: Option<f64>) -> Self {
        v.map(|v| v as u64)
    }
}

impl LimitValue for Duration {
    fn to_number(&self) -> Option<f64> {
        Some(self.as_secs_f64())
    }
    fn from_number(v: Option<f64>) -> Self {
        Duration::try_from_secs_f64(v.unwrap_or(0.0)).unwrap_or(Duration::ZERO)
    }
}

macro_rules! limits {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident: $ty:ty = $unit:ident, default $default:expr, min $min:expr, max $max:expr, nullable $nullable:expr,
            $description:literal, at_limit $at_limit:literal;
    )*) => {
        /// The limits of one sandbox. Build one with [`Limits::default`] and struct update syntax, or
        /// from name/value pairs with [`Limits::set`]; [`Limits::validate`] checks it against [`LIMITS`].
        #[derive(Clone, Debug, PartialEq)]
        pub struct Limits {
            $( $(#[doc = $doc])* pub $name: $ty, )*
        }

        /// The table of limits, in a stable order (the order of keyword arguments and config keys).
        pub const LIMITS: &[LimitSpec] = &[
            $( LimitSpec {
                name: stringify!($name),
                unit: Unit::$unit,
                default: $default,
                min: $min,
                max: $max,
                nullable: $nullable,
                description: $description,
                at_limit: $at_limit,
            }, )*
        ];

        impl Default for Limits {
            fn default() -> Self {
                Limits { $( $name: <$ty as LimitValue>::from_number($default), )* }
            }
        }

        impl Limits {
            /// The value of the limit `name`, as the table's number (`None`: no limit).
            pub fn get(&self, name: &str) -> Option<Option<f64>> {
                match name {
                    $( stringify!($name) => Some(self.$name.to_number()), )*
                    _ => None,
                }
            }

            /// Sets the limit `name` after checking `value` against the table.
            pub fn set(&mut self, name: &str, value: Option<f64>) -> Result<(), Error> {
                let spec = spec(name).ok_or_else(|| unknown(name))?;
                spec.check(value)?;
                match name {
                    $( stringify!($name) => self.$name = <$ty as LimitValue>::from_number(value), )*
                    _ => unreachable!("spec() found {name}"),
                }
                Ok(())
            }
        }
    };
}

limits! {
    /// Bytes of linear memory the guest may use in all (GC heap, stack, static data). Reaching it is a
    /// catchable `MemoryError` inside the guest.
    memory_limit: usize = Bytes, default Some(64.0 * 1048576.0), min MIN_MEMORY as f64, max MAX_MEMORY as f64,
        nullable false, "bytes of guest memory in all; beyond it, MemoryError in the guest",
        at_limit "`MemoryError` inside the guest (catchable); uncaught, `SandboxMemoryError`; the session survives";
    /// Wall-clock time one run may take before the soft interrupt: a `KeyboardInterrupt` raised in the
    /// guest at its next bytecode boundary.
    time_limit: Duration = Seconds, default Some(5.0), min 0.001, max 86400.0, nullable false,
        "seconds per run before the soft interrupt (KeyboardInterrupt in the guest)",
        at_limit "`KeyboardInterrupt` raised in the guest at the next bytecode boundary; uncaught, `SandboxTimeout` with the traceback; the session survives";
    /// Time after the soft interrupt (or a cancel) before the run is stopped outright (for a guest stuck
    /// inside one long C operation). A hard stop loses the session's state.
    hard_grace: Duration = Seconds, default Some(1.0), min 0.0, max 3600.0, nullable false,
        "seconds after the soft interrupt before the run is stopped outright (the session is then reset)",
        at_limit "after the soft interrupt, a guest stuck in one long C operation is stopped outright: `SandboxTimeout` with `session_reset=True`, the session starts fresh";
    /// Optional deterministic budget of Wasmtime fuel per run (roughly one unit per wasm instruction).
    fuel: Option<u64> = Count, default None, min 1.0, max MAX_COUNT, nullable true,
        "optional deterministic budget of wasm instructions per run (None: no budget)",
        at_limit "deterministic instruction budget per run; exhausted, `SandboxTimeout` (session reset)";
    /// Bytes kept of each of stdout and stderr per run; the rest is dropped and flagged.
    output_limit: usize = Bytes, default Some(1048576.0), min 1.0, max i32::MAX as f64, nullable false,
        "bytes kept of stdout and of stderr per run; beyond, dropped and flagged",
        at_limit "stdout and stderr are each cut at capture time; `result.stdout_truncated` / `stderr_truncated`";
    /// Host-function calls allowed per run.
    host_call_limit: u64 = Count, default Some(1_000_000.0), min 1.0, max MAX_COUNT, nullable false,
        "host-function calls per run",
        at_limit "host-function calls per run; beyond, a `RuntimeError` in the guest";
    /// Largest payload, in bytes, of one host-function call's arguments or result.
    host_payload_limit: usize = Bytes, default Some(64.0 * 1048576.0), min 1.0, max i32::MAX as f64,
        nullable false, "bytes of one host call's arguments or result",
        at_limit "bytes of one host call's arguments or result; beyond, a `ValueError` in the guest";
    /// Rows of one `datasette.query()` result; beyond it the result is truncated and flagged.
    query_row_limit: usize = Count, default Some(100_000.0), min 1.0, max MAX_COUNT, nullable false,
        "rows of one datasette.query() result; beyond, truncated and flagged",
        at_limit "rows of one `datasette.query()` result (with `databases=`); beyond, truncated and flagged";
    /// Bytes of one `datasette.query()` result; beyond it the result is truncated and flagged.
    query_byte_limit: usize = Bytes, default Some(32.0 * 1048576.0), min 1.0, max i32::MAX as f64,
        nullable false, "bytes of one datasette.query() result; beyond, truncated and flagged",
        at_limit "bytes of one `datasette.query()` result; beyond, truncated and flagged";
    /// Bytes guest code may write in all into writable file mounts (the in-memory overlay). Beyond it a
    /// write fails as on a full disk (`OSError` with errno `ENOSPC`).
    file_write_limit: usize = Bytes, default Some(32.0 * 1048576.0), min 0.0, max MAX_MEMORY as f64,
        nullable false, "bytes guest code may write in all into writable file mounts; beyond, OSError(ENOSPC)",
        at_limit "bytes guest code may write in all into writable file mounts (`files=`); beyond, `OSError` errno 28 (no space left) in the guest";
}

/// The table row of the limit `name`.
pub fn spec(name: &str) -> Option<&'static LimitSpec> {
    LIMITS.iter().find(|s| s.name == name)
}

fn unknown(name: &str) -> Error {
    let names: Vec<&str> = LIMITS.iter().map(|s| s.name).collect();
    Error::InvalidArgument {
        param: "limits",
        message: format!("unknown limit {name:?}; the limits are {}", names.join(", ")),
    }
}

impl Limits {
    /// Checks every limit against its row of [`LIMITS`]; the error names the first one out of bounds.
    pub fn validate(&self) -> Result<(), Error> {
        for spec in LIMITS {
            spec.check(self.get(spec.name).expect("every row is a field"))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_come_from_the_table() {
        let limits = Limits::default();
        limits.validate().unwrap();
        for spec in LIMITS {
            assert_eq!(limits.get(spec.name).unwrap(), spec.default, "{}", spec.name);
            assert!(spec.default.is_some() || spec.nullable, "{}", spec.name);
        }
        assert_eq!(limits.memory_limit, 64 << 20);
        assert_eq!(limits.time_limit, Duration::from_secs(5));
        assert_eq!(limits.fuel, None);
    }

    #[test]
    fn errors_name_the_parameter() {
        let cases = [
            (Limits { memory_limit: 1024, ..Limits::default() }, "memory_limit"),
            (Limits { time_limit: Duration::ZERO, ..Limits::default() }, "time_limit"),
            (Limits { fuel: Some(0), ..Limits::default() }, "fuel"),
            (Limits { host_payload_limit: 0, ..Limits::default() }, "host_payload_limit"),
            (Limits { query_row_limit: 0, ..Limits::default() }, "query_row_limit"),
        ];
        for (limits, name) in cases {
            match limits.validate() {
                Err(Error::InvalidArgument { param, .. }) => assert_eq!(param, name),
                other => panic!("{name}: {other:?}"),
            }
        }
    }

    #[test]
    fn set_checks_against_the_table() {
        let mut limits = Limits::default();
        limits.set("time_limit", Some(0.25)).unwrap();
        assert_eq!(limits.time_limit, Duration::from_millis(250));
        limits.set("fuel", None).unwrap();
        for (name, value) in [
            ("memory_limit", Some(1.5e6)),
            ("memory_limit", Some(f64::NAN)),
            ("memory_limit", None),
            ("output_limit", Some(10.5)),
            ("time_limit", Some(-1.0)),
            ("time_limit", Some(f64::INFINITY)),
        ] {
            assert!(matches!(limits.set(name, value), Err(Error::InvalidArgument { param, .. }) if param == name));
        }
        assert!(matches!(limits.set("no_such_limit", Some(1.0)), Err(Error::InvalidArgument { .. })));
        assert_eq!(limits.time_limit, Duration::from_millis(250), "a refused value changes nothing");
    }

    #[test]
    fn every_row_is_well_formed() {
        for spec in LIMITS {
            assert!(spec.min <= spec.max, "{}", spec.name);
            if let Some(d) = spec.default {
                spec.check(Some(d)).unwrap();
            }
            assert!(!spec.description.is_empty() && !spec.description.contains('\n'), "{}", spec.name);
        }
    }
}
