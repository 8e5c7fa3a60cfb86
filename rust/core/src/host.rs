//! The guest's imports (module `sandbox` in `micropython-build/README.md`) and the per-sandbox host
//! state they work on. This table is the guest's whole reach: it imports nothing else, so what it can
//! do outside its own memory is exactly what these functions do.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use wasmtime::{Caller, Linker, Memory, StoreLimits};

use crate::codec::{self, Value};
use crate::error::{GuestException, Output};
use crate::limits::Limits;

/// Context handed to a host function for one call.
pub struct CallContext {
    /// When the current run's time limit expires; long host work should stop by then.
    pub deadline: Instant,
}

/// What a host function returns: a value, or bytes it already encoded (the SQL bridge streams rows
/// straight into codec form).
pub enum Reply {
    Value(Value),
    Encoded(Vec<u8>),
}

/// Exception classes a host error can name and the guest raises as such (the `OSError` subclasses with
/// their errno set, as `OSError(errno, message)` would be); any other name arrives as
/// `RuntimeError("Name: message")`. Keep in step with `micropython-build/port/modhost.c`.
pub const GUEST_EXCEPTION_TYPES: &[&str] = &[
    "ValueError",
    "TypeError",
    "KeyError",
    "IndexError",
    "LookupError",
    "NameError",
    "AttributeError",
    "ArithmeticError",
    "ZeroDivisionError",
    "OverflowError",
    "AssertionError",
    "UnicodeError",
    "RuntimeError",
    "NotImplementedError",
    "MemoryError",
    "OSError",
    "ConnectionError",
    "PermissionError",
    "FileNotFoundError",
    "FileExistsError",
    "IsADirectoryError",
    "NotADirectoryError",
    "TimeoutError",
    "InterruptedError",
    "BlockingIOError",
    "BrokenPipeError",
    "ConnectionAbortedError",
    "ConnectionRefusedError",
    "ConnectionResetError",
];

/// An error raised by a host function. It reaches guest code as an exception: the builtin class
/// named `type_name` when it is one the guest knows, else `RuntimeError`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostError {
    pub type_name: String,
    pub message: String,
}

impl HostError {
    pub fn new(type_name: &str, message: impl Into<String>) -> Self {
        HostError { type_name: type_name.into(), message: message.into() }
    }
}

/// A capability the host exposes to guest code as a plain function.
pub trait HostFunction: Send + Sync {
    fn call(&self, ctx: &CallContext, args: Vec<Value>, kwargs: Vec<(String, Value)>) -> Result<Reply, HostError>;
}

pub type HostFunctions = HashMap<String, Arc<dyn HostFunction>>;

/// Result kinds of the `result` import.
const RESULT_VALUE: i32 = 1;
const RESULT_EXC_TYPE: i32 = 2;
const RESULT_EXC_MESSAGE: i32 = 3;
const RESULT_TRACEBACK: i32 = 4;
const RESULT_EXC_LINE: i32 = 5;
const RESULT_ENCODED: i32 = 6;
/// Empty: the guest's heap ran out during this run, so its MemoryError is the memory limit.
const RESULT_HEAP_EXHAUSTED: i32 = 7;

/// Output of one stream, kept up to the output limit at capture time.
#[derive(Default)]
struct Capture {
    bytes: Vec<u8>,
    truncated: bool,
}

impl Capture {
    fn push(&mut self, data: &[u8], cap: usize) {
        let room = cap.saturating_sub(self.bytes.len());
        if data.len() > room {
            self.truncated = true;
        }
        self.bytes.extend_from_slice(&data[..data.len().min(room)]);
    }

    fn take(&mut self) -> (String, bool) {
        let text = String::from_utf8_lossy(&std::mem::take(&mut self.bytes)).into_owned();
        (text, std::mem::take(&mut self.truncated))
    }
}

/// What one `mp_exec` / `mp_call` produced, gathered from the imports it called.
#[derive(Default)]
pub(crate) struct RunState {
    stdout: Capture,
    stderr: Capture,
    pub(crate) value: Option<String>,
    /// The codec bytes of `mp_call`'s return value, gathered from its pieces.
    pub(crate) encoded: Option<Vec<u8>>,
    /// The return value passed `host_payload_limit` bytes.
    pub(crate) result_too_large: bool,
    exception: Option<GuestException>,
    pending: Vec<u8>,
    pub(crate) soft_deadline: Option<Instant>,
    pub(crate) hard_deadline: Option<Instant>,
    /// The soft interrupt was delivered during this run.
    pub(crate) interrupted: bool,
    /// The guest's heap ran out during this run (a MemoryError the program raised itself is not the
    /// memory limit).
    pub(crate) heap_exhausted: bool,
    host_calls: u64,
}

impl RunState {
    pub(crate) fn take_output(&mut self) -> Output {
        let (stdout, stdout_truncated) = self.stdout.take();
        let (stderr, stderr_truncated) = self.stderr.take();
        Output { stdout, stderr, stdout_truncated, stderr_truncated }
    }

    pub(crate) fn take_exception(&mut self) -> GuestException {
        self.exception.take().unwrap_or_else(|| GuestException {
            type_name: "SystemError".into(),
            message: "the guest reported a failure without an exception".into(),
            ..GuestException::default()
        })
    }
}

/// Everything one sandbox's store holds.
pub struct HostState {
    pub(crate) limiter: StoreLimits,
    pub(crate) memory: Option<Memory>,
    pub(crate) limits: Limits,
    pub(crate) functions: HostFunctions,
    pub(crate) run: RunState,
}

impl HostState {
    pub(crate) fn new(limits: Limits, functions: HostFunctions) -> Self {
        let limiter = wasmtime::StoreLimitsBuilder::new()
            .memory_size(limits.memory_limit)
            .memories(1)
            .tables(2)
            .instances(1)
            .build();
        HostState { limiter, memory: None, limits, functions, run: RunState::default() }
    }

    /// Clears what the previous run left and arms this run's deadlines.
    pub(crate) fn begin_run(&mut self) {
        let now = Instant::now();
        let soft = now + self.limits.time_limit;
        self.run = RunState {
            soft_deadline: Some(soft),
            hard_deadline: Some(soft + self.limits.hard_grace),
            ..RunState::default()
        };
    }
}

fn monotonic_origin() -> Instant {
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    *ORIGIN.get_or_init(Instant::now)
}

/// A guest pointer/length pair that does not lie inside its memory: only a broken guest passes one,
/// so it stops the run (and the session is reset) rather than being answered.
fn span(data: &[u8], ptr: i32, len: i32) -> wasmtime::Result<std::ops::Range<usize>> {
    let (start, len) = (ptr as u32 as usize, len as u32 as usize);
    let end = start.checked_add(len).filter(|&e| e <= data.len());
    match end {
        Some(end) => Ok(start..end),
        None => Err(wasmtime::Error::msg(format!("guest passed an out-of-bounds buffer ({start}+{len})"))),
    }
}

fn memory(caller: &Caller<'_, HostState>) -> Memory {
    caller.data().memory.expect("memory is set right after instantiation")
}

pub(crate) fn add_to_linker(linker: &mut Linker<HostState>) -> wasmtime::Result<()> {
    linker.func_wrap("sandbox", "write", |mut caller: Caller<'_, HostState>, fd: i32, ptr: i32, len: i32| {
        let (data, state) = memory(&caller).data_and_store_mut(&mut caller);
        let bytes = &data[span(data, ptr, len)?];
        let cap = state.limits.output_limit;
        match fd {
            2 => state.run.stderr.push(bytes, cap),
            _ => state.run.stdout.push(bytes, cap),
        }
        Ok(())
    })?;

    linker.func_wrap("sandbox", "result", |mut caller: Caller<'_, HostState>, kind: i32, ptr: i32, len: i32| {
        let (data, state) = memory(&caller).data_and_store_mut(&mut caller);
        let bytes = &data[span(data, ptr, len)?];
        let text = || String::from_utf8_lossy(bytes).into_owned();
        let run = &mut state.run;
        match kind {
            RESULT_VALUE => run.value = Some(text()),
            RESULT_ENCODED => {
                // The return value comes in pieces, in order; past the payload limit it is dropped.
                let encoded = run.encoded.get_or_insert_with(Vec::new);
                if encoded.len() + bytes.len() > state.limits.host_payload_limit {
                    run.result_too_large = true;
                } else if !run.result_too_large {
                    encoded.extend_from_slice(bytes);
                }
            }
            RESULT_EXC_TYPE => run.exception.get_or_insert_with(Default::default).type_name = text(),
            RESULT_EXC_MESSAGE => run.exception.get_or_insert_with(Default::default).message = text(),
            RESULT_TRACEBACK => run.exception.get_or_insert_with(Default::default).traceback = text(),
            RESULT_EXC_LINE => run.exception.get_or_insert_with(Default::default).line = text().parse().ok(),
            RESULT_HEAP_EXHAUSTED => run.heap_exhausted = true,
            _ => return Err(wasmtime::Error::msg(format!("unknown result kind {kind}"))),
        }
        Ok(())
    })?;

    linker.func_wrap(
        "sandbox",
        "call",
        |mut caller: Caller<'_, HostState>, name_ptr: i32, name_len: i32, payload_ptr: i32, payload_len: i32| {
            let (data, state) = memory(&caller).data_and_store_mut(&mut caller);
            let name = String::from_utf8_lossy(&data[span(data, name_ptr, name_len)?]).into_owned();
            let payload = &data[span(data, payload_ptr, payload_len)?];
            let reply = prepare_call(state, &name, payload).and_then(|(function, args, kwargs)| {
                let ctx = CallContext { deadline: state.run.soft_deadline.unwrap_or_else(Instant::now) };
                function.call(&ctx, args, kwargs)
            });
            let limit = state.limits.host_payload_limit;
            let (bytes, ok) = match reply.and_then(|reply| encode_reply(reply, &name, limit)) {
                Ok(bytes) => (bytes, true),
                Err(e) => {
                    let err = Value::Tuple(vec![Value::Str(e.type_name), Value::Str(e.message)]);
                    (codec::encode(&err), false)
                }
            };
            let n = bytes.len() as i32;
            state.run.pending = bytes;
            Ok(if ok { n } else { -n })
        },
    )?;

    linker.func_wrap("sandbox", "take", |mut caller: Caller<'_, HostState>, dst: i32| {
        let (data, state) = memory(&caller).data_and_store_mut(&mut caller);
        let pending = std::mem::take(&mut state.run.pending);
        let range = span(data, dst, pending.len() as i32)?;
        data[range].copy_from_slice(&pending);
        Ok(())
    })?;

    linker.func_wrap("sandbox", "poll", |mut caller: Caller<'_, HostState>| -> i32 {
        let run = &mut caller.data_mut().run;
        match run.soft_deadline {
            Some(deadline) if Instant::now() >= deadline => {
                run.interrupted = true;
                1
            }
            _ => 0,
        }
    })?;

    linker.func_wrap("sandbox", "time_ns", || -> i64 {
        SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos() as i64).unwrap_or(0)
    })?;

    linker.func_wrap("sandbox", "monotonic_ns", || -> i64 { monotonic_origin().elapsed().as_nanos() as i64 })?;

    linker.func_wrap("sandbox", "entropy", |mut caller: Caller<'_, HostState>, ptr: i32, len: i32| {
        let data = memory(&caller).data_mut(&mut caller);
        let range = span(data, ptr, len)?;
        getrandom::fill(&mut data[range]).map_err(|e| wasmtime::Error::msg(format!("entropy: {e}")))
    })?;

    linker.func_wrap("sandbox", "sleep", |caller: Caller<'_, HostState>, ns: i64| {
        let wanted = Duration::from_nanos(ns.max(0) as u64);
        let now = Instant::now();
        let until = match caller.data().run.soft_deadline {
            Some(deadline) => (now + wanted).min(deadline),
            None => now + wanted,
        };
        std::thread::sleep(until.saturating_duration_since(now));
    })?;
    Ok(())
}

type PreparedCall = (Arc<dyn HostFunction>, Vec<Value>, Vec<(String, Value)>);

/// Checks the call against the limits and decodes its `(args, kwargs)` payload.
fn prepare_call(state: &mut HostState, name: &str, payload: &[u8]) -> Result<PreparedCall, HostError> {
    state.run.host_calls += 1;
    if state.run.host_calls > state.limits.host_call_limit {
        return Err(HostError::new(
            "RuntimeError",
            format!("host call limit of {} calls per run exceeded", state.limits.host_call_limit),
        ));
    }
    if payload.len() > state.limits.host_payload_limit {
        return Err(HostError::new(
            "ValueError",
            format!(
                "arguments to {name}() are {} bytes, over the {}-byte limit",
                payload.len(),
                state.limits.host_payload_limit
            ),
        ));
    }
    let function = state
        .functions
        .get(name)
        .cloned()
        .ok_or_else(|| HostError::new("NameError", format!("no host function named {name:?}")))?;
    let bad = |e: String| HostError::new("TypeError", format!("{name}(): {e}"));
    let Value::Tuple(mut parts) = codec::decode(payload).map_err(|e| bad(e.to_string()))? else {
        return Err(bad("payload is not an (args, kwargs) tuple".into()));
    };
    let (Some(Value::Dict(kwargs)), Some(Value::List(args)), true) = (parts.pop(), parts.pop(), parts.is_empty())
    else {
        return Err(bad("payload is not an (args, kwargs) tuple".into()));
    };
    let kwargs = kwargs
        .into_iter()
        .map(|(k, v)| match k {
            Value::Str(k) => Ok((k, v)),
            other => Err(bad(format!("keyword {other:?} is not a string"))),
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok((function, args, kwargs))
}

fn encode_reply(reply: Reply, name: &str, limit: usize) -> Result<Vec<u8>, HostError> {
    let bytes = match reply {
        Reply::Value(v) => codec::encode(&v),
        Reply::Encoded(bytes) => bytes,
    };
    if bytes.len() > limit {
        return Err(HostError::new(
            "ValueError",
            format!("the result of {name}() is {} bytes, over the {limit}-byte limit", bytes.len()),
        ));
    }
    Ok(bytes)
}
