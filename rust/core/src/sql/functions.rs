//! SQL functions written in Python: each call of a scalar function (or step and finalize of an
//! aggregate) runs in a sandbox, under that function's limits.
//!
//! [`SqlFunctions::register`] installs the functions on a SQLite connection of the linked library
//! (`sqlite3_create_function_v2`). Each connection gets its own sandbox per function, created at its first
//! call, so connections used by different threads never share guest state, and a call needs no lock
//! anyone else holds. The call path converts SQLite's values straight into the guest's codec and the
//! guest's result straight into a SQLite result (no host-language objects on the way), and the guest
//! function is called by name from `__main__`'s globals. A failure becomes the SQL error of the
//! statement (`sqlite3_result_error`), worded by the embedder's [`ErrorMessages`]; a limit that reset the
//! sandbox's session makes the next call define the function again, so one bad call never poisons the
//! connection.
//!
//! Function sandboxes get no host functions, files, network or databases: guest code there computes on
//! its arguments and nothing else, and cannot re-enter SQLite.

use std::ffi::{c_int, c_void, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use parking_lot::Mutex;

use super::library::{
    self, Api, Context, SqlValue, SQLITE_BLOB, SQLITE_DETERMINISTIC, SQLITE_FLOAT, SQLITE_INTEGER, SQLITE_OK,
    SQLITE_TEXT, SQLITE_TRANSIENT, SQLITE_UTF8,
};
use crate::codec::Encoder;
use crate::error::Error;
use crate::limits::Limits;
use crate::sandbox::{RunOptions, Sandbox};

/// One function: its SQL name (also the name of the guest function or class that `code` defines).
#[derive(Clone, Debug)]
pub struct SqlFunction {
    pub name: String,
    /// Python source defining `name`: a function, or for an aggregate a class with `step(*values)` and
    /// `finalize()` (the protocol of Python's `sqlite3.Connection.create_aggregate`).
    pub code: String,
    pub aggregate: bool,
    /// Passed to SQLite (`SQLITE_DETERMINISTIC`): the same arguments always give the same result.
    pub deterministic: bool,
    /// Limits of each call (`time_limit` per call) and of the function's sandboxes.
    pub limits: Limits,
}

/// Which part of a function failed, for the error message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Running the definition in a fresh sandbox.
    Define,
    /// A scalar function's call, or an aggregate's `__init__`/`step`.
    Call,
    /// An aggregate's `finalize`.
    Finalize,
}

/// Words a failed call for the SQL error the statement ends with.
pub trait ErrorMessages: Send + Sync {
    fn message(&self, function: &SqlFunction, stage: Stage, error: Error) -> String;
}

/// The engine's own wording: `name(): Type: message (line n)`, or the limit that stopped it.
pub struct PlainMessages;

impl ErrorMessages for PlainMessages {
    fn message(&self, function: &SqlFunction, _stage: Stage, error: Error) -> String {
        match &error {
            Error::Guest { exception, .. } => match exception.line {
                Some(line) => format!("{}(): {error} (line {line})", function.name),
                None => format!("{}(): {error}", function.name),
            },
            _ => format!("{}(): {error}", function.name),
        }
    }
}

/// A set of functions to install on connections.
pub struct SqlFunctions {
    functions: Vec<Arc<SqlFunction>>,
    messages: Arc<dyn ErrorMessages>,
    /// Unique in the process (never 0): the SQL bridge pools connections by the set installed on them.
    id: u64,
}

/// Guest helpers of an aggregate: one instance of the class per group, kept by number.
const AGGREGATE_HELPERS: &str = "\
__sqlfn_groups = {}
__sqlfn_next = 0
def __sqlfn_new():
    global __sqlfn_next
    __sqlfn_next += 1
    __sqlfn_groups[__sqlfn_next] = __sqlfn_class()
    return __sqlfn_next
def __sqlfn_step(group, *values):
    __sqlfn_groups[group].step(*values)
def __sqlfn_final(group):
    return __sqlfn_groups.pop(group).finalize()
def __sqlfn_drop(group):
    __sqlfn_groups.pop(group, None)
";

impl SqlFunctions {
    /// Checks the names (SQL and Python identifiers, no two alike ignoring case, as SQLite compares them)
    /// and the limits. The code itself is checked by running it: see [`SqlFunctions::check`].
    pub fn new(functions: Vec<SqlFunction>, messages: Arc<dyn ErrorMessages>) -> Result<Self, Error> {
        let mut seen = std::collections::HashSet::new();
        for f in &functions {
            let valid = f.name.chars().next().is_some_and(|c| c == '_' || c.is_ascii_alphabetic())
                && f.name.chars().all(|c| c == '_' || c.is_ascii_alphanumeric())
                && !f.name.starts_with("__sqlfn_");
            if !valid {
                return Err(Error::InvalidArgument {
                    param: "functions",
                    message: format!("{:?} is not a valid function name (letters, digits and _)", f.name),
                });
            }
            if !seen.insert(f.name.to_ascii_lowercase()) {
                return Err(Error::InvalidArgument {
                    param: "functions",
                    message: format!("{:?} is defined twice (SQLite ignores case in function names)", f.name),
                });
            }
            f.limits.validate()?;
        }
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        Ok(SqlFunctions { functions: functions.into_iter().map(Arc::new).collect(), messages, id })
    }

    pub fn id(&self) -> u64 {
        self.id
    }

    pub fn functions(&self) -> impl Iterator<Item = &SqlFunction> {
        self.functions.iter().map(|f| f.as_ref())
    }

    /// Defines `function` in a fresh sandbox and checks that it is callable (for an aggregate: a class
    /// with `step` and `finalize`): the error names the line of a bad definition.
    pub fn check(function: &SqlFunction) -> Result<(), Error> {
        let mut sandbox = Sandbox::new(function.limits.clone())?;
        define(&mut sandbox, function)
    }

    /// Installs every function on `db`, replacing functions of the same names.
    ///
    /// # Safety
    /// `db` must be an open connection of the linked SQLite library ([`library::link`]), and stay valid
    /// until SQLite drops the functions (it does when the connection closes).
    pub unsafe fn register(&self, db: *mut c_void) -> Result<(), Error> {
        let api = library::api().ok_or_else(|| Error::InvalidArgument {
            param: "connection",
            message: "SQL functions need the SQL bridge linked to the process's SQLite library (sql::link)".into(),
        })?;
        for function in &self.functions {
            let name = CString::new(function.name.as_str()).expect("checked identifier");
            let flags = c_int::from(SQLITE_UTF8) | if function.deterministic { SQLITE_DETERMINISTIC } else { 0 };
            let bound = Box::into_raw(Box::new(BoundFunction {
                api,
                function: function.clone(),
                messages: self.messages.clone(),
                state: Mutex::new(State::default()),
            }));
            let (call, step, finalize): (Option<library::FunctionCallback>, _, Option<library::FinalCallback>) =
                if function.aggregate {
                    (None, Some(aggregate_step as library::FunctionCallback), Some(aggregate_final as _))
                } else {
                    (Some(scalar_call as library::FunctionCallback), None, None)
                };
            // SQLite owns `bound` from here: it calls `destroy` when the function is replaced or the
            // connection closes, and also when this registration fails.
            let rc = (api.create_function_v2)(
                db,
                name.as_ptr(),
                -1,
                flags,
                bound.cast(),
                call,
                step,
                finalize,
                Some(destroy),
            );
            if rc != SQLITE_OK {
                let message = std::ffi::CStr::from_ptr((api.errmsg)(db)).to_string_lossy().into_owned();
                return Err(Error::Engine(format!("cannot create the SQL function {}: {message}", function.name)));
            }
        }
        Ok(())
    }
}

/// Removes the functions `names` from `db` (those a newer set no longer has). Fails while a statement
/// that uses one is running (SQLite's `SQLITE_BUSY`).
///
/// # Safety
/// As for [`SqlFunctions::register`].
pub unsafe fn remove(db: *mut c_void, names: &[String]) -> Result<(), Error> {
    let api = library::api().ok_or_else(|| Error::InvalidArgument {
        param: "connection",
        message: "SQL functions need the SQL bridge linked to the process's SQLite library (sql::link)".into(),
    })?;
    for name in names {
        let c_name = CString::new(name.as_str())
            .map_err(|_| Error::InvalidArgument { param: "names", message: format!("{name:?} contains a NUL byte") })?;
        // All callbacks NULL: SQLite deletes the function (and destroys its user data).
        let rc = (api.create_function_v2)(
            db,
            c_name.as_ptr(),
            -1,
            c_int::from(SQLITE_UTF8),
            std::ptr::null_mut(),
            None,
            None,
            None,
            None,
        );
        if rc != SQLITE_OK {
            let message = std::ffi::CStr::from_ptr((api.errmsg)(db)).to_string_lossy().into_owned();
            return Err(Error::Engine(format!("cannot remove the SQL function {name}: {message}")));
        }
    }
    Ok(())
}

/// Runs the definition (and an aggregate's helpers) in `sandbox` and checks what it defined.
fn define(sandbox: &mut Sandbox, function: &SqlFunction) -> Result<(), Error> {
    sandbox.run(&function.code, RunOptions::default())?;
    let name = &function.name;
    let check = if function.aggregate {
        format!(
            "if not isinstance({name}, type) or not hasattr({name}, 'step') or not hasattr({name}, 'finalize'):\n    \
             raise TypeError('{name} must be a class with step() and finalize() methods')\n\
             __sqlfn_class = {name}\n{AGGREGATE_HELPERS}"
        )
    } else {
        format!("if not callable({name}):\n    raise TypeError('{name} must be a function')\n")
    };
    // The check's own exception carries no line of the user's code.
    sandbox.run(&check, RunOptions::default()).map(|_| ()).map_err(|e| match e {
        Error::Guest { mut exception, output } => {
            exception.line = None;
            Error::Guest { exception, output }
        }
        other => other,
    })
}

/// One function on one connection: SQLite's user data.
struct BoundFunction {
    api: &'static Api,
    function: Arc<SqlFunction>,
    messages: Arc<dyn ErrorMessages>,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// Created at the first call; dropped after a failure that closed it.
    sandbox: Option<Sandbox>,
    /// The definition ran in the sandbox's current session.
    defined: bool,
    /// Buffers reused from call to call.
    args: Vec<u8>,
    result: Vec<u8>,
}

impl State {
    /// The sandbox with the function defined in its session.
    fn ready(&mut self, function: &SqlFunction) -> Result<&mut Sandbox, Error> {
        if self.sandbox.as_ref().is_none_or(|s| s.is_closed()) {
            self.sandbox = Some(Sandbox::new(function.limits.clone())?);
            self.defined = false;
        }
        let sandbox = self.sandbox.as_mut().expect("set above");
        if !self.defined {
            define(sandbox, function)?;
            self.defined = true;
        }
        Ok(sandbox)
    }

    /// Calls the guest function `name` with `self.args`; the result is left in `self.result`.
    fn call(&mut self, function: &SqlFunction, name: &str) -> Result<(), (Stage, Error)> {
        self.ready(function).map_err(|e| (Stage::Define, e))?;
        let State { sandbox, args, result, .. } = self;
        let outcome = sandbox.as_mut().expect("ready").call_encoded(name, args, result).map(|_| ());
        if let Err(e) = &outcome {
            if e.session_reset() || matches!(e, Error::Closed) {
                self.defined = false;
            }
        }
        outcome.map_err(|e| (Stage::Call, e))
    }
}

/// The failure of one call, before it is worded.
enum Failure {
    Sandbox(Stage, Error),
    /// A value that cannot cross (text that is not UTF-8, a result SQLite cannot store ...).
    Value(String),
}

impl BoundFunction {
    unsafe fn fail(&self, ctx: *mut Context, failure: Failure) {
        let message = match failure {
            Failure::Sandbox(stage, error) => self.messages.message(&self.function, stage, error),
            Failure::Value(message) => message,
        };
        let len = c_int::try_from(message.len()).unwrap_or(c_int::MAX);
        (self.api.result_error)(ctx, message.as_ptr().cast(), len);
    }

    /// Encodes SQLite's arguments as a codec list, after `prefix` (an aggregate's group number).
    unsafe fn encode_args(
        &self,
        out: &mut Vec<u8>,
        prefix: Option<i64>,
        argc: c_int,
        argv: *mut *mut SqlValue,
    ) -> Result<(), Failure> {
        let api = self.api;
        let argc = argc.max(0) as usize;
        let mut encoder = Encoder { buf: std::mem::take(out) };
        encoder.buf.clear();
        encoder.list_header(argc + usize::from(prefix.is_some()));
        if let Some(group) = prefix {
            encoder.int(group);
        }
        for i in 0..argc {
            let value = *argv.add(i);
            match (api.value_type)(value) {
                SQLITE_INTEGER => encoder.int((api.value_int64)(value)),
                SQLITE_FLOAT => encoder.float((api.value_double)(value)),
                SQLITE_TEXT => {
                    let ptr = (api.value_text)(value);
                    let len = (api.value_bytes)(value).max(0) as usize;
                    let bytes = if ptr.is_null() { &[][..] } else { std::slice::from_raw_parts(ptr, len) };
                    match std::str::from_utf8(bytes) {
                        Ok(text) => encoder.str(text),
                        Err(e) => {
                            *out = encoder.buf;
                            return Err(Failure::Value(format!(
                                "{}(): argument {} is text that is not valid UTF-8 ({e})",
                                self.function.name,
                                i + 1
                            )));
                        }
                    }
                }
                SQLITE_BLOB => {
                    let ptr = (api.value_blob)(value);
                    let len = (api.value_bytes)(value).max(0) as usize;
                    encoder.bytes(if ptr.is_null() { &[] } else { std::slice::from_raw_parts(ptr.cast(), len) });
                }
                _ => encoder.none(),
            }
        }
        *out = encoder.buf;
        Ok(())
    }

    /// One row of an aggregate's group: creates the group's instance at its first row, then `step`s it.
    unsafe fn step(
        &self,
        state: &mut State,
        group: &mut Group,
        argc: c_int,
        argv: *mut *mut SqlValue,
    ) -> Result<(), Failure> {
        if group.number == 0 {
            let mut encoder = Encoder { buf: std::mem::take(&mut state.args) };
            encoder.buf.clear();
            encoder.list_header(0);
            state.args = encoder.into_bytes();
            state.call(&self.function, "__sqlfn_new").map_err(|(s, e)| Failure::Sandbox(s, e))?;
            match state.result.first() {
                Some(0x03) if state.result.len() == 9 => {
                    group.number = i64::from_le_bytes(state.result[1..9].try_into().expect("8 bytes"));
                }
                _ => {
                    return Err(Failure::Value(format!(
                        "{}(): the sandbox returned a malformed value",
                        self.function.name
                    )))
                }
            }
        }
        self.encode_args(&mut state.args, Some(group.number), argc, argv)?;
        state.call(&self.function, "__sqlfn_step").map_err(|(s, e)| Failure::Sandbox(s, e))
    }

    /// Sets the statement's result from the codec bytes of the guest's return value.
    unsafe fn set_result(&self, ctx: *mut Context, encoded: &[u8]) -> Result<(), Failure> {
        let api = self.api;
        let fixed = |n: usize| -> Option<[u8; 8]> { encoded.get(1..1 + n)?.get(..8)?.try_into().ok() };
        let sized = || -> Option<&[u8]> {
            let len = u32::from_le_bytes(encoded.get(1..5)?.try_into().ok()?) as usize;
            encoded.get(5..5 + len)
        };
        let malformed = || Failure::Value(format!("{}(): the sandbox returned a malformed value", self.function.name));
        match encoded.first() {
            None | Some(0x00) => (api.result_null)(ctx),
            Some(0x01) => (api.result_int64)(ctx, 0),
            Some(0x02) => (api.result_int64)(ctx, 1),
            Some(0x03) => (api.result_int64)(ctx, i64::from_le_bytes(fixed(8).ok_or_else(malformed)?)),
            Some(0x05) => (api.result_double)(ctx, f64::from_le_bytes(fixed(8).ok_or_else(malformed)?)),
            Some(0x06) => {
                let text = sized().ok_or_else(malformed)?;
                (api.result_text64)(ctx, text.as_ptr().cast(), text.len() as u64, SQLITE_TRANSIENT, SQLITE_UTF8);
            }
            Some(0x07) => {
                let blob = sized().ok_or_else(malformed)?;
                (api.result_blob64)(ctx, blob.as_ptr().cast(), blob.len() as u64, SQLITE_TRANSIENT);
            }
            Some(tag) => {
                let what = match tag {
                    0x04 => "an int too large for SQLite's 64-bit INTEGER".to_string(),
                    0x08 | 0x0B => "a list".to_string(),
                    0x09 => "a tuple".to_string(),
                    0x0A => "a dict".to_string(),
                    other => format!("a value of unknown kind {other}"),
                };
                return Err(Failure::Value(format!(
                    "{}() returned {what}; SQL functions return None, int, float, str or bytes",
                    self.function.name
                )));
            }
        }
        Ok(())
    }
}

/// Runs `body`, turning a panic into the statement's error instead of unwinding into SQLite.
unsafe fn guarded(ctx: *mut Context, body: impl FnOnce(&BoundFunction)) {
    // SAFETY (caller): `ctx` belongs to one of our functions, whose user data is a live BoundFunction.
    let bound = &*((library::api().expect("linked").user_data)(ctx) as *const BoundFunction);
    if catch_unwind(AssertUnwindSafe(|| body(bound))).is_err() {
        bound.fail(ctx, Failure::Value(format!("{}(): internal error in the SQL function", bound.function.name)));
    }
}

unsafe extern "C" fn scalar_call(ctx: *mut Context, argc: c_int, argv: *mut *mut SqlValue) {
    guarded(ctx, |bound| {
        let mut state = bound.state.lock();
        let state = &mut *state;
        let outcome = bound
            .encode_args(&mut state.args, None, argc, argv)
            .and_then(|()| state.call(&bound.function, &bound.function.name).map_err(|(s, e)| Failure::Sandbox(s, e)))
            .and_then(|()| bound.set_result(ctx, &state.result));
        if let Err(failure) = outcome {
            bound.fail(ctx, failure);
        }
    })
}

/// An aggregate's per-group state, in SQLite's aggregate context (zeroed when SQLite allocates it).
#[repr(C)]
struct Group {
    /// The instance's number in the guest (0: not created yet).
    number: i64,
    /// A step failed: the statement is ending with that error.
    failed: bool,
}

unsafe extern "C" fn aggregate_step(ctx: *mut Context, argc: c_int, argv: *mut *mut SqlValue) {
    guarded(ctx, |bound| {
        let api = bound.api;
        let group = (api.aggregate_context)(ctx, std::mem::size_of::<Group>() as c_int) as *mut Group;
        if group.is_null() {
            bound.fail(ctx, Failure::Value(format!("{}(): out of memory", bound.function.name)));
            return;
        }
        let group = &mut *group;
        if group.failed {
            return;
        }
        let mut state = bound.state.lock();
        let state = &mut *state;
        let outcome = bound.step(state, group, argc, argv);
        if let Err(failure) = outcome {
            group.failed = true;
            bound.fail(ctx, failure);
        }
    })
}

unsafe extern "C" fn aggregate_final(ctx: *mut Context) {
    guarded(ctx, |bound| {
        let api = bound.api;
        // Size 0: no allocation; NULL when no row reached `step` (the result is then NULL, as with
        // Python's sqlite3, which never creates the instance either).
        let group = (api.aggregate_context)(ctx, 0) as *mut Group;
        if group.is_null() {
            (api.result_null)(ctx);
            return;
        }
        let group = &mut *group;
        let mut state = bound.state.lock();
        let state = &mut *state;
        if group.failed || group.number == 0 {
            // The statement already ends with the step's error; forget the instance if it still exists.
            if group.number != 0 && state.defined {
                let mut encoder = Encoder::new();
                encoder.list_header(1);
                encoder.int(group.number);
                state.args = encoder.into_bytes();
                let _ = state.call(&bound.function, "__sqlfn_drop");
            }
            (api.result_null)(ctx);
            return;
        }
        let mut encoder = Encoder { buf: std::mem::take(&mut state.args) };
        encoder.buf.clear();
        encoder.list_header(1);
        encoder.int(group.number);
        state.args = encoder.into_bytes();
        let outcome = state
            .call(&bound.function, "__sqlfn_final")
            .map_err(|(s, e)| Failure::Sandbox(if s == Stage::Call { Stage::Finalize } else { s }, e))
            .and_then(|()| bound.set_result(ctx, &state.result));
        if let Err(failure) = outcome {
            bound.fail(ctx, failure);
        }
    })
}

unsafe extern "C" fn destroy(bound: *mut c_void) {
    // SAFETY: `bound` came from Box::into_raw in `register`; SQLite calls this once.
    drop(Box::from_raw(bound as *mut BoundFunction));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::library::{Db, SQLITE_DONE, SQLITE_ROW};
    use std::ffi::CStr;
    use std::time::{Duration, Instant};

    fn connection() -> *mut Db {
        library::link("libsqlite3.so.0", false, None).expect("libsqlite3.so.0 (install libsqlite3-0)");
        let api = library::api().unwrap();
        let mut db = std::ptr::null_mut();
        let rc = unsafe { (api.open_v2)(c":memory:".as_ptr(), &mut db, 0x2 | 0x4, std::ptr::null()) };
        assert_eq!(rc, SQLITE_OK);
        db
    }

    /// Runs `sql` and returns every row's values as text (NULL as "NULL"), or SQLite's error message.
    fn query(db: *mut Db, sql: &str) -> Result<Vec<Vec<String>>, String> {
        let api = library::api().unwrap();
        let sql = CString::new(sql).unwrap();
        unsafe {
            let mut stmt = std::ptr::null_mut();
            if (api.prepare_v2)(db, sql.as_ptr(), -1, &mut stmt, std::ptr::null_mut()) != SQLITE_OK {
                return Err(CStr::from_ptr((api.errmsg)(db)).to_string_lossy().into_owned());
            }
            let mut rows = Vec::new();
            loop {
                match (api.step)(stmt) {
                    SQLITE_ROW => {
                        let row = (0..(api.column_count)(stmt))
                            .map(|i| match (api.column_type)(stmt, i) {
                                5 => "NULL".to_string(),
                                SQLITE_BLOB => format!("blob:{}", (api.column_bytes)(stmt, i)),
                                _ => CStr::from_ptr((api.column_text)(stmt, i).cast()).to_string_lossy().into_owned(),
                            })
                            .collect();
                        rows.push(row);
                    }
                    SQLITE_DONE => break,
                    _ => {
                        let message = CStr::from_ptr((api.errmsg)(db)).to_string_lossy().into_owned();
                        (api.finalize)(stmt);
                        return Err(message);
                    }
                }
            }
            (api.finalize)(stmt);
            Ok(rows)
        }
    }

    fn function(name: &str, code: &str, aggregate: bool, limits: Limits) -> SqlFunction {
        SqlFunction { name: name.into(), code: code.into(), aggregate, deterministic: false, limits }
    }

    fn install(db: *mut Db, functions: Vec<SqlFunction>) {
        let set = SqlFunctions::new(functions, Arc::new(PlainMessages)).unwrap();
        unsafe { set.register(db).unwrap() };
    }

    fn close(db: *mut Db) {
        unsafe { (library::api().unwrap().close_v2)(db) };
    }

    #[test]
    fn scalar_values_cross_both_ways() {
        let db = connection();
        let code = "def kind(*values):\n    return ','.join(type(v).__name__ + ':' + repr(v) for v in values)\n\
                    def echo(v):\n    return v\n";
        install(
            db,
            vec![function("kind", code, false, Limits::default()), function("echo", code, false, Limits::default())],
        );
        let rows = query(
            db,
            "select kind(1, 2.5, 'é', x'0001', null), echo(7), echo(0.5), echo('a'), echo(x'00ff'), echo(null)",
        )
        .unwrap();
        assert_eq!(
            rows,
            vec![vec![
                "int:1,float:2.5,str:'é',bytes:b'\\x00\\x01',NoneType:None".to_string(),
                "7".into(),
                "0.5".into(),
                "a".into(),
                "blob:2".into(),
                "NULL".into()
            ]]
        );
        close(db);
    }

    #[test]
    fn results_sqlite_cannot_store_are_errors() {
        let db = connection();
        let code = "def big():\n    return 2**70\ndef pair():\n    return [1, 2]\ndef yes():\n    return True\n";
        install(
            db,
            vec![
                function("big", code, false, Limits::default()),
                function("pair", code, false, Limits::default()),
                function("yes", code, false, Limits::default()),
            ],
        );
        assert!(query(db, "select big()").unwrap_err().contains("too large for SQLite's 64-bit INTEGER"));
        assert!(query(db, "select pair()").unwrap_err().contains("pair() returned a list"));
        assert_eq!(query(db, "select yes()").unwrap(), vec![vec!["1".to_string()]]);
        close(db);
    }

    #[test]
    fn exceptions_are_sql_errors_and_the_next_call_works() {
        let db = connection();
        let code = "def ratio(a, b):\n    x = a\n    return a / b\n";
        install(db, vec![function("ratio", code, false, Limits::default())]);
        let error = query(db, "select ratio(1, 0)").unwrap_err();
        assert!(error.starts_with("ratio(): ZeroDivisionError: "), "{error}");
        assert!(error.ends_with("(line 3)"), "{error}");
        assert_eq!(query(db, "select ratio(1, 4)").unwrap(), vec![vec!["0.25".to_string()]]);
        close(db);
    }

    #[test]
    fn runaway_and_memory_bomb_end_in_bounded_time_then_the_connection_works() {
        let db = connection();
        let limits = Limits {
            time_limit: Duration::from_millis(200),
            hard_grace: Duration::from_millis(200),
            memory_limit: 16 << 20,
            ..Limits::default()
        };
        let code = "def spin(x):\n    while True:\n        try:\n            pass\n        except BaseException:\n            pass\n\
                    def bomb(x):\n    a = []\n    while True:\n        a.append('x' * 1000000)\n\
                    def ok(x):\n    return x + 1\n";
        install(
            db,
            vec![
                function("spin", code, false, limits.clone()),
                // time enough to reach the memory limit however busy the machine is
                function("bomb", code, false, Limits { time_limit: Duration::from_secs(20), ..limits.clone() }),
                function("ok", code, false, limits),
            ],
        );
        let started = Instant::now();
        let error = query(db, "select spin(1)").unwrap_err();
        assert!(error.contains("time limit"), "{error}");
        assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
        assert_eq!(query(db, "select ok(1)").unwrap(), vec![vec!["2".to_string()]]);
        let error = query(db, "select bomb(1)").unwrap_err();
        assert!(error.contains("memory limit"), "{error}");
        assert_eq!(query(db, "select ok(41)").unwrap(), vec![vec!["42".to_string()]]);
        close(db);
    }

    #[test]
    fn aggregates_follow_the_create_aggregate_protocol() {
        let db = connection();
        let code =
            "class median:\n    def __init__(self):\n        self.values = []\n    def step(self, value):\n        \
                    self.values.append(value)\n    def finalize(self):\n        v = sorted(self.values)\n        \
                    return v[len(v) // 2] if v else None\n";
        install(db, vec![function("median", code, true, Limits::default())]);
        let rows = query(
            db,
            "with t(g, x) as (values (1, 5), (1, 1), (1, 3), (2, 10), (2, 20)) select g, median(x) from t group by g",
        )
        .unwrap();
        assert_eq!(rows, vec![vec!["1".to_string(), "3".into()], vec!["2".to_string(), "20".into()]]);
        assert_eq!(query(db, "select median(1) where 0").unwrap(), vec![vec!["NULL".to_string()]]);
        let failing = "class bad:\n    def step(self, v):\n        pass\n    def finalize(self):\n        raise ValueError('no')\n";
        install(db, vec![function("bad", failing, true, Limits::default())]);
        let error = query(db, "select bad(1)").unwrap_err();
        assert!(error.starts_with("bad(): ValueError: no"), "{error}");
        close(db);
    }

    #[test]
    fn removed_functions_are_gone() {
        let db = connection();
        install(db, vec![function("one", "def one():\n    return 1\n", false, Limits::default())]);
        assert_eq!(query(db, "select one()").unwrap(), vec![vec!["1".to_string()]]);
        unsafe { remove(db, &["one".to_string()]).unwrap() };
        assert!(query(db, "select one()").unwrap_err().contains("no such function"));
        close(db);
    }

    #[test]
    fn bad_definitions_are_refused_with_their_line() {
        let syntax = function("f", "def f(x):\n    return (x\n", false, Limits::default());
        match SqlFunctions::check(&syntax) {
            Err(Error::Guest { exception, .. }) => assert_eq!(exception.type_name, "SyntaxError"),
            other => panic!("{other:?}"),
        }
        let not_class = function("agg", "def agg(x):\n    return x\n", true, Limits::default());
        assert!(matches!(SqlFunctions::check(&not_class), Err(Error::Guest { .. })));
        let missing = function("g", "def f(x):\n    return x\n", false, Limits::default());
        assert!(
            matches!(SqlFunctions::check(&missing), Err(Error::Guest { exception, .. }) if exception.type_name == "NameError")
        );
        assert!(
            SqlFunctions::new(vec![function("a b", "", false, Limits::default())], Arc::new(PlainMessages)).is_err()
        );
        assert!(SqlFunctions::new(
            vec![function("f", "", false, Limits::default()), function("F", "", false, Limits::default())],
            Arc::new(PlainMessages)
        )
        .is_err());
    }

    #[test]
    fn function_sandboxes_reach_nothing() {
        let db = connection();
        let code = "def probe(what):\n    if what == 'open':\n        open('/etc/passwd')\n    \
                    if what == 'socket':\n        import socket\n    if what == 'datasette':\n        import datasette\n        \
                    return datasette.query('select 1')\n";
        install(db, vec![function("probe", code, false, Limits::default())]);
        for what in ["open", "socket", "datasette"] {
            let error = query(db, &format!("select probe('{what}')")).unwrap_err();
            assert!(error.contains("Error"), "{what}: {error}");
        }
        assert_eq!(query(db, "select probe('nothing')").unwrap(), vec![vec!["NULL".to_string()]]);
        close(db);
    }
}
