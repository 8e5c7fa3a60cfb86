//! The SQLite C API, resolved at run time from a library already in the process.
//!
//! The bridge must use the very SQLite instance the host's other connections use: POSIX advisory locks
//! belong to the process, and each SQLite library tracks only its own connections' locks, so a second
//! copy of SQLite would read rows a concurrent writer has half deleted and, on closing a file, drop that
//! writer's locks. Linking a SQLite at build time cannot guarantee the same instance (and a wheel may not
//! link the system library), so the embedder names the library its own connections use (Python's
//! `_sqlite3` module, whose dependencies include `libsqlite3.so.0` unless SQLite is linked into it) and
//! the functions are looked up through it. [`link`] keeps the first library for the life of the process.

use std::ffi::{c_char, c_int, c_void, CStr, CString};
use std::sync::OnceLock;

use crate::error::Error;

/// `sqlite3*` and `sqlite3_stmt*`, only ever handled through pointers.
pub(crate) type Db = c_void;
pub(crate) type Stmt = c_void;
/// `sqlite3_context*` and `sqlite3_value*` of an application-defined function's call.
pub(crate) type Context = c_void;
pub(crate) type SqlValue = c_void;

pub(crate) type AuthorizerCallback =
    unsafe extern "C" fn(*mut c_void, c_int, *const c_char, *const c_char, *const c_char, *const c_char) -> c_int;
pub(crate) type ProgressCallback = unsafe extern "C" fn(*mut c_void) -> c_int;
pub(crate) type FunctionCallback = unsafe extern "C" fn(*mut Context, c_int, *mut *mut SqlValue);
pub(crate) type FinalCallback = unsafe extern "C" fn(*mut Context);
pub(crate) type DestroyCallback = unsafe extern "C" fn(*mut c_void);

pub(crate) const SQLITE_OK: c_int = 0;
pub(crate) const SQLITE_DENY: c_int = 1;
pub(crate) const SQLITE_BUSY: c_int = 5;
pub(crate) const SQLITE_INTERRUPT: c_int = 9;
pub(crate) const SQLITE_TOOBIG: c_int = 18;
pub(crate) const SQLITE_READONLY: c_int = 8;
pub(crate) const SQLITE_AUTH: c_int = 23;
pub(crate) const SQLITE_ROW: c_int = 100;
pub(crate) const SQLITE_DONE: c_int = 101;

pub(crate) const SQLITE_INTEGER: c_int = 1;
pub(crate) const SQLITE_FLOAT: c_int = 2;
pub(crate) const SQLITE_TEXT: c_int = 3;
pub(crate) const SQLITE_BLOB: c_int = 4;

pub(crate) const SQLITE_OPEN_READONLY: c_int = 0x0000_0001;
pub(crate) const SQLITE_OPEN_URI: c_int = 0x0000_0040;
pub(crate) const SQLITE_OPEN_NOMUTEX: c_int = 0x0000_8000;

pub(crate) const SQLITE_LIMIT_LENGTH: c_int = 0;
pub(crate) const SQLITE_LIMIT_ATTACHED: c_int = 7;

/// `SQLITE_TRANSIENT`: SQLite copies a bound value before the call returns.
pub(crate) const SQLITE_TRANSIENT: isize = -1;
pub(crate) const SQLITE_UTF8: u8 = 1;
/// `sqlite3_create_function_v2` flag: same arguments, same result (SQLite may then factor calls out).
pub(crate) const SQLITE_DETERMINISTIC: c_int = 0x0000_0800;

macro_rules! sqlite_api {
    ($($name:ident: fn($($arg:ty),*) $(-> $ret:ty)?;)*) => {
        /// The SQLite functions the bridge calls, each `sqlite3_<name>` of the linked library.
        #[allow(dead_code)]
        pub(crate) struct Api {
            $(pub $name: unsafe extern "C" fn($($arg),*) $(-> $ret)?,)*
        }

        impl Api {
            /// Looks every function up through `handle` (a `dlopen` handle: the library and its
            /// dependencies are searched).
            unsafe fn resolve(handle: *mut c_void) -> Result<Api, String> {
                Ok(Api {
                    $($name: {
                        let symbol = concat!("sqlite3_", stringify!($name), "\0");
                        let address = libc::dlsym(handle, symbol.as_ptr().cast());
                        if address.is_null() {
                            return Err(format!("{} is not exported", symbol.trim_end_matches('\0')));
                        }
                        std::mem::transmute::<*mut c_void, unsafe extern "C" fn($($arg),*) $(-> $ret)?>(address)
                    },)*
                })
            }
        }
    };
}

sqlite_api! {
    libversion: fn() -> *const c_char;
    sourceid: fn() -> *const c_char;
    libversion_number: fn() -> c_int;
    open_v2: fn(*const c_char, *mut *mut Db, c_int, *const c_char) -> c_int;
    close_v2: fn(*mut Db) -> c_int;
    extended_result_codes: fn(*mut Db, c_int) -> c_int;
    errmsg: fn(*mut Db) -> *const c_char;
    errcode: fn(*mut Db) -> c_int;
    errstr: fn(c_int) -> *const c_char;
    exec: fn(*mut Db, *const c_char, *mut c_void, *mut c_void, *mut *mut c_char) -> c_int;
    limit: fn(*mut Db, c_int, c_int) -> c_int;
    set_authorizer: fn(*mut Db, Option<AuthorizerCallback>, *mut c_void) -> c_int;
    progress_handler: fn(*mut Db, c_int, Option<ProgressCallback>, *mut c_void);
    prepare_v2: fn(*mut Db, *const c_char, c_int, *mut *mut Stmt, *mut *const c_char) -> c_int;
    finalize: fn(*mut Stmt) -> c_int;
    step: fn(*mut Stmt) -> c_int;
    stmt_readonly: fn(*mut Stmt) -> c_int;
    bind_parameter_count: fn(*mut Stmt) -> c_int;
    bind_parameter_name: fn(*mut Stmt, c_int) -> *const c_char;
    bind_null: fn(*mut Stmt, c_int) -> c_int;
    bind_int64: fn(*mut Stmt, c_int, i64) -> c_int;
    bind_double: fn(*mut Stmt, c_int, f64) -> c_int;
    bind_text64: fn(*mut Stmt, c_int, *const c_char, u64, isize, u8) -> c_int;
    bind_blob64: fn(*mut Stmt, c_int, *const c_void, u64, isize) -> c_int;
    column_count: fn(*mut Stmt) -> c_int;
    column_name: fn(*mut Stmt, c_int) -> *const c_char;
    column_type: fn(*mut Stmt, c_int) -> c_int;
    column_int64: fn(*mut Stmt, c_int) -> i64;
    column_double: fn(*mut Stmt, c_int) -> f64;
    column_text: fn(*mut Stmt, c_int) -> *const u8;
    column_blob: fn(*mut Stmt, c_int) -> *const c_void;
    column_bytes: fn(*mut Stmt, c_int) -> c_int;
    create_function_v2: fn(
        *mut Db,
        *const c_char,
        c_int,
        c_int,
        *mut c_void,
        Option<FunctionCallback>,
        Option<FunctionCallback>,
        Option<FinalCallback>,
        Option<DestroyCallback>
    ) -> c_int;
    user_data: fn(*mut Context) -> *mut c_void;
    aggregate_context: fn(*mut Context, c_int) -> *mut c_void;
    value_type: fn(*mut SqlValue) -> c_int;
    value_int64: fn(*mut SqlValue) -> i64;
    value_double: fn(*mut SqlValue) -> f64;
    value_text: fn(*mut SqlValue) -> *const u8;
    value_blob: fn(*mut SqlValue) -> *const c_void;
    value_bytes: fn(*mut SqlValue) -> c_int;
    result_null: fn(*mut Context);
    result_int64: fn(*mut Context, i64);
    result_double: fn(*mut Context, f64);
    result_text64: fn(*mut Context, *const c_char, u64, isize, u8);
    result_blob64: fn(*mut Context, *const c_void, u64, isize);
    result_error: fn(*mut Context, *const c_char, c_int);
}

/// The linked library: its API and where it came from.
pub struct Linked {
    pub(crate) api: Api,
    /// The path the embedder named.
    pub library: String,
    /// `sqlite3_libversion()` and `sqlite3_sourceid()` of the instance in use.
    pub version: String,
    pub source_id: String,
}

static LINKED: OnceLock<Linked> = OnceLock::new();

/// Links the bridge to the SQLite functions reachable through `library`. With `already_loaded`, the
/// library must already be in the process (`RTLD_NOLOAD`): that is how an embedder names the instance
/// its own connections use; without it (tests, programs with no SQLite of their own), it is loaded.
///
/// `proof` is a database file on which the embedder's own SQLite connection holds an exclusive lock
/// while this runs: the link is kept only if a read through the resolved functions is refused as busy,
/// which holds only for the same SQLite instance (another copy would not see the lock, POSIX locks
/// being per process). The first successful link stays for the life of the process; linking another
/// library later is an error, linking the same one again returns it.
pub fn link(library: &str, already_loaded: bool, proof: Option<&std::path::Path>) -> Result<&'static Linked, Error> {
    let bad = |message: String| Error::InvalidArgument { param: "sqlite_library", message };
    if let Some(linked) = LINKED.get() {
        if linked.library == library {
            return Ok(linked);
        }
        return Err(bad(format!("the SQL bridge already uses the SQLite of {}, not {library}", linked.library)));
    }
    let path = CString::new(library).map_err(|_| bad(format!("{library:?} contains a NUL byte")))?;
    let flags = libc::RTLD_NOW | libc::RTLD_LOCAL | if already_loaded { libc::RTLD_NOLOAD } else { 0 };
    // SAFETY: dlopen of a path; the handle is never closed, so the functions stay valid forever.
    let handle = unsafe { libc::dlopen(path.as_ptr(), flags) };
    if handle.is_null() {
        let why = unsafe { libc::dlerror() };
        let why = if why.is_null() { "not found".into() } else { unsafe { CStr::from_ptr(why) }.to_string_lossy() };
        let loaded = if already_loaded { " (it must already be loaded in this process)" } else { "" };
        return Err(bad(format!("cannot open {library}{loaded}: {why}")));
    }
    // SAFETY: each symbol is SQLite's documented C function of that name, with that signature.
    let api = unsafe { Api::resolve(handle) }.map_err(|e| bad(format!("{library}: {e}")))?;
    if let Some(locked) = proof {
        // SAFETY: api holds SQLite's functions, called as documented.
        match unsafe { lock_is_visible(&api, locked) } {
            Ok(true) => {}
            Ok(false) => {
                return Err(bad(format!(
                    "{library} resolves to a SQLite instance other than the embedder's (its lock on {} is not \
                     visible through it)",
                    locked.display()
                )))
            }
            Err(why) => return Err(bad(format!("{library}: cannot check the SQLite instance: {why}"))),
        }
    }
    let text = |p: *const c_char| unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned();
    let linked = Linked {
        version: text(unsafe { (api.libversion)() }),
        source_id: text(unsafe { (api.sourceid)() }),
        api,
        library: library.to_string(),
    };
    // A concurrent first link of the same library may have won; either is the same instance.
    let _ = LINKED.set(linked);
    let linked = LINKED.get().expect("set above");
    if linked.library != library {
        return Err(bad(format!("the SQL bridge already uses the SQLite of {}, not {library}", linked.library)));
    }
    Ok(linked)
}

/// Whether reading `path` through `api` finds it locked (`SQLITE_BUSY`).
unsafe fn lock_is_visible(api: &Api, path: &std::path::Path) -> Result<bool, String> {
    let path = CString::new(path.to_string_lossy().as_bytes()).map_err(|e| e.to_string())?;
    let mut db = std::ptr::null_mut();
    let rc = (api.open_v2)(path.as_ptr(), &mut db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, std::ptr::null());
    let result = if rc != SQLITE_OK {
        Err(format!("open failed with code {rc}"))
    } else {
        let mut stmt = std::ptr::null_mut();
        let sql = c"SELECT count(*) FROM sqlite_master";
        match (api.prepare_v2)(db, sql.as_ptr(), -1, &mut stmt, std::ptr::null_mut()) {
            SQLITE_OK => {
                let step = (api.step)(stmt);
                (api.finalize)(stmt);
                Ok(step == SQLITE_BUSY)
            }
            // Reading the schema to prepare already needs the lock.
            SQLITE_BUSY => Ok(true),
            rc => Err(format!("prepare failed with code {rc}")),
        }
    };
    (api.close_v2)(db);
    result
}

/// The linked library, if [`link`] has succeeded.
pub fn linked() -> Option<&'static Linked> {
    LINKED.get()
}

pub(crate) fn api() -> Option<&'static Api> {
    LINKED.get().map(|l| &l.api)
}
