//! The guest's imports (module `sandbox` in `micropython-build/README.md`) and the per-sandbox host
//! state they work on. This table is the guest's whole reach: it imports nothing else, so what it can
//! do outside its own memory is exactly what these functions do.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use parking_lot::{Condvar, Mutex};
use wasmtime::{Caller, Linker, Memory, StoreContextMut, StoreLimits};

use crate::codec::{self, Value};
use crate::error::{GuestException, Output};
use crate::limits::Limits;

/// Context handed to a host function for one call.
#[derive(Clone)]
pub struct CallContext {
    /// When the current run's time limit expires; long host work should stop by then.
    pub deadline: Instant,
    control: Arc<RunControl>,
}

impl CallContext {
    /// Time left before the run's soft deadline: zero once it passed or the run was cancelled.
    pub fn time_left(&self) -> Duration {
        self.control.time_left().unwrap_or(Duration::ZERO)
    }

    /// Whether the run was cancelled (or its sandbox closed) while this call was in progress.
    pub fn cancelled(&self) -> bool {
        self.control.cancelled()
    }
}

/// No deadline (the atomics hold nanoseconds since [`monotonic_origin`]).
const NO_DEADLINE: u64 = u64::MAX;

/// The part of a sandbox that other threads may touch while a run is in progress, without any lock:
/// the run's deadlines, and the requests to cancel the run or close the sandbox. `cancel` makes the
/// guest's next poll raise the soft interrupt (`KeyboardInterrupt`), wakes a guest sleeping in
/// `time.sleep`, and brings the hard stop forward to `hard_grace` from now.
#[derive(Debug)]
pub struct RunControl {
    /// A run is in progress.
    running: AtomicBool,
    /// The current run was cancelled.
    cancelled: AtomicBool,
    /// The sandbox was closed: the run in progress ends as soon as it can, and no new run starts.
    closed: AtomicBool,
    soft_deadline: AtomicU64,
    hard_deadline: AtomicU64,
    hard_grace: Duration,
    /// Wakes a guest sleeping in `time.sleep` when the run is cancelled.
    sleeping: Mutex<()>,
    wake: Condvar,
}

fn to_nanos(t: Instant) -> u64 {
    t.saturating_duration_since(monotonic_origin()).as_nanos().min(NO_DEADLINE as u128 - 1) as u64
}

fn from_nanos(n: u64) -> Option<Instant> {
    (n != NO_DEADLINE).then(|| monotonic_origin() + Duration::from_nanos(n))
}

impl RunControl {
    pub(crate) fn new(hard_grace: Duration) -> Self {
        RunControl {
            running: AtomicBool::new(false),
            cancelled: AtomicBool::new(false),
            closed: AtomicBool::new(false),
            soft_deadline: AtomicU64::new(NO_DEADLINE),
            hard_deadline: AtomicU64::new(NO_DEADLINE),
            hard_grace,
            sleeping: Mutex::new(()),
            wake: Condvar::new(),
        }
    }

    /// Arms a run's deadlines.
    pub(crate) fn begin(&self, soft: Instant, hard: Instant) {
        self.cancelled.store(false, Ordering::SeqCst);
        self.soft_deadline.store(to_nanos(soft), Ordering::SeqCst);
        self.hard_deadline.store(to_nanos(hard), Ordering::SeqCst);
        self.running.store(true, Ordering::SeqCst);
        // A close that raced with the start of this run still stops it.
        if self.closed.load(Ordering::SeqCst) {
            self.cancel();
        }
    }

    pub(crate) fn end(&self) {
        self.running.store(false, Ordering::SeqCst);
        self.soft_deadline.store(NO_DEADLINE, Ordering::SeqCst);
        self.hard_deadline.store(NO_DEADLINE, Ordering::SeqCst);
    }

    /// Interrupts the run in progress, if any; returns whether there was one. Safe from any thread.
    pub fn cancel(&self) -> bool {
        if !self.running.load(Ordering::SeqCst) {
            return false;
        }
        self.cancelled.store(true, Ordering::SeqCst);
        let hard = to_nanos(Instant::now() + self.hard_grace);
        self.hard_deadline.fetch_min(hard, Ordering::SeqCst);
        let _guard = self.sleeping.lock();
        self.wake.notify_all();
        true
    }

    /// Marks the sandbox closed and cancels the run in progress. The sandbox's owner frees the instance
    /// when the run returns (or at once when there is none).
    pub fn close(&self) {
        self.closed.store(true, Ordering::SeqCst);
        self.cancel();
    }

    pub fn is_closed(&self) -> bool {
        self.closed.load(Ordering::SeqCst)
    }

    pub fn is_running(&self) -> bool {
        self.running.load(Ordering::SeqCst)
    }

    pub fn cancelled(&self) -> bool {
        self.cancelled.load(Ordering::SeqCst)
    }

    /// Time left before the current run's soft deadline (zero once cancelled); `None` with no run.
    pub fn time_left(&self) -> Option<Duration> {
        let deadline = from_nanos(self.soft_deadline.load(Ordering::SeqCst))?;
        if self.cancelled() {
            return Some(Duration::ZERO);
        }
        Some(deadline.saturating_duration_since(Instant::now()))
    }

    /// Whether the soft interrupt is due: the soft deadline passed or the run was cancelled.
    pub(crate) fn interrupt_due(&self) -> bool {
        self.cancelled() || from_nanos(self.soft_deadline.load(Ordering::SeqCst)).is_some_and(|d| Instant::now() >= d)
    }

    pub(crate) fn hard_stop_due(&self) -> bool {
        from_nanos(self.hard_deadline.load(Ordering::SeqCst)).is_some_and(|d| Instant::now() >= d)
    }

    /// Sleeps until `until`, or less when the run is cancelled meanwhile.
    fn sleep_until(&self, until: Instant) {
        let mut guard = self.sleeping.lock();
        while !self.cancelled() && Instant::now() < until {
            self.wake.wait_until(&mut guard, until);
        }
    }
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
        if self.bytes.is_empty() {
            return (String::new(), std::mem::take(&mut self.truncated));
        }
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
    pub(crate) control: Arc<RunControl>,
    /// Where in the guest's memory its poll countdown is (the `mp_sandbox_poll_countdown` export).
    pub(crate) poll_countdown: Option<usize>,
}

impl HostState {
    pub(crate) fn new(limits: Limits, functions: HostFunctions, control: Arc<RunControl>) -> Self {
        let limiter = wasmtime::StoreLimitsBuilder::new()
            .memory_size(limits.memory_limit)
            .memories(1)
            .tables(2)
            .instances(1)
            .build();
        HostState { limiter, memory: None, limits, functions, run: RunState::default(), control, poll_countdown: None }
    }

    /// Past the soft deadline, until the guest has been told (its poll answered), makes it poll at its next
    /// poll point: it polls every 4096 backward jumps and calls, and a loop whose every iteration is one long
    /// C operation (comparing megabyte strings, hashing) would reach that only seconds later, at the hard
    /// stop, which resets the session. Only until then: a guest that swallows the interrupt keeps meeting it
    /// on the VM's own count, which the hard stop then ends. Called from the epoch callback, between guest
    /// instructions; the guest re-arms the countdown itself.
    pub(crate) fn hurry_interrupt(mut store: StoreContextMut<'_, HostState>) {
        let (Some(memory), Some(at)) = (store.data().memory, store.data().poll_countdown) else {
            return;
        };
        if let Some(countdown) = memory.data_mut(&mut store).get_mut(at..at + 4) {
            countdown.copy_from_slice(&0i32.to_le_bytes());
        }
    }

    /// Clears what the previous run left and arms this run's deadlines.
    pub(crate) fn begin_run(&mut self) {
        let now = Instant::now();
        let soft = now + self.limits.time_limit;
        self.run = RunState { soft_deadline: Some(soft), ..RunState::default() };
        self.control.begin(soft, soft + self.limits.hard_grace);
    }
}

/// The origin of the guest's monotonic clock and of [`RunControl`]'s deadlines.
pub(crate) fn monotonic_origin() -> Instant {
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
                let ctx = CallContext {
                    deadline: state.run.soft_deadline.unwrap_or_else(Instant::now),
                    control: state.control.clone(),
                };
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
        let state = caller.data_mut();
        if state.control.interrupt_due() {
            state.run.interrupted = true;
            1
        } else {
            0
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
        caller.data().control.sleep_until(until);
    })?;
    Ok(())
}

/// The error for a call to a host function the sandbox does not have. The engine's SQL bridge is there
/// only when the host gives the sandbox databases: without them, `import datasette` works and its calls
/// say what is missing and how to provide it, rather than naming an internal function.
fn missing_host_function(name: &str) -> HostError {
    if crate::sql::SQL_OPS.iter().any(|(op, _)| *op == name) {
        return HostError::new(
            "RuntimeError",
            "this sandbox has no databases: the `datasette` module reads only those its host gives it \
             (Python: Sandbox(databases={name: path}); the command line: datasette micropython run --db FILE)",
        );
    }
    HostError::new("NameError", format!("no host function named {name:?}"))
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
    let function = state.functions.get(name).cloned().ok_or_else(|| missing_host_function(name))?;
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
