//! Connections: read-only connections to database files through the linked SQLite ([`super::library`]),
//! with their guards installed, pooled per file and shared by every sandbox of the process.
//!
//! Closing a pooled connection is safe while another connection of the process holds a lock on the
//! same file: there is one SQLite instance, and its unix VFS keeps a file descriptor open as long as any
//! connection holds a lock through that file.

use std::collections::HashMap;
use std::ffi::{c_char, c_int, c_void, CStr, CString};
use std::path::{Path, PathBuf};
use std::ptr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::LazyLock;
use std::time::Instant;

use parking_lot::Mutex;

use super::functions::SqlFunctions;
use super::library::{self, Api, Db, Stmt};
use super::rules;
use crate::host::HostError;

/// SQLite VM instructions between two checks of the deadline.
const PROGRESS_INTERVAL: c_int = 1000;

/// Idle connections kept per database file.
const POOL_PER_FILE: usize = 8;

/// What the authorizer and the progress handler read; boxed so its address is stable.
struct Guards {
    /// Deadline for the progress handler, in nanoseconds after `origin()`; 0 means none.
    deadline: AtomicU64,
    /// Why the authorizer last refused something, to explain SQLite's bare "not authorized".
    refusal: Mutex<Option<String>>,
}

/// A read-only connection with its guards installed.
pub(crate) struct Connection {
    api: &'static Api,
    db: *mut Db,
    guards: Box<Guards>,
    identity: FileIdentity,
    /// [`SqlFunctions::id`] of the Python SQL functions installed on it (0: none).
    functions: u64,
}

// SAFETY: a connection is used by one thread at a time (it is owned, moved between the pool and one
// query or cursor thread); SQLite connections opened NOMUTEX may move between threads.
unsafe impl Send for Connection {}

impl Drop for Connection {
    fn drop(&mut self) {
        // SAFETY: `db` is open and every statement on it was finalized (statements borrow the connection).
        unsafe { (self.api.close_v2)(self.db) };
    }
}

/// A failed SQLite call: its primary result code and message.
#[derive(Debug)]
pub(crate) struct SqlFailure {
    pub code: c_int,
    pub message: String,
}

/// Identifies the file a connection was opened on, to notice a replaced file.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct FileIdentity {
    dev: u64,
    ino: u64,
}

fn identity(path: &Path) -> std::io::Result<FileIdentity> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path)?;
    Ok(FileIdentity { dev: meta.dev(), ino: meta.ino() })
}

fn origin() -> Instant {
    static ORIGIN: LazyLock<Instant> = LazyLock::new(Instant::now);
    *ORIGIN
}

/// Idle connections by (file, immutable, id of the SQL functions installed on them).
type Pool = HashMap<(PathBuf, bool, u64), Vec<Connection>>;

static POOL: LazyLock<Mutex<Pool>> = LazyLock::new(Mutex::default);

unsafe fn text<'a>(p: *const c_char) -> Option<&'a str> {
    if p.is_null() {
        None
    } else {
        CStr::from_ptr(p).to_str().ok()
    }
}

unsafe extern "C" fn authorizer(
    data: *mut c_void,
    action: c_int,
    arg1: *const c_char,
    arg2: *const c_char,
    _database: *const c_char,
    _trigger: *const c_char,
) -> c_int {
    let guards = &*(data as *const Guards);
    match rules::authorize(action, text(arg1), text(arg2)) {
        Ok(()) => library::SQLITE_OK,
        Err(why) => {
            *guards.refusal.lock() = Some(why);
            library::SQLITE_DENY
        }
    }
}

unsafe extern "C" fn progress(data: *mut c_void) -> c_int {
    let guards = &*(data as *const Guards);
    let at = guards.deadline.load(Ordering::Relaxed);
    (at != 0 && origin().elapsed().as_nanos() as u64 >= at) as c_int
}

/// The message of a host error about the file of database `name`: never its host path.
fn unavailable(name: &str) -> HostError {
    HostError::new("OSError", format!("database '{name}' is not available (its file was moved or deleted)"))
}

impl Connection {
    /// Opens `path` read-only; `name` is the database's name as the guest knows it (errors never show
    /// the host path).
    fn open(
        name: &str,
        path: &Path,
        immutable: bool,
        functions: Option<&SqlFunctions>,
    ) -> Result<Connection, HostError> {
        let api = library::api().ok_or_else(|| {
            HostError::new("RuntimeError", "the SQL bridge is not linked to the process's SQLite library")
        })?;
        let identity = identity(path).map_err(|_| unavailable(name))?;
        let mut uri = String::from("file:");
        for c in path.to_string_lossy().chars() {
            match c {
                '%' | '?' | '#' => uri.push_str(&format!("%{:02X}", c as u32)),
                c => uri.push(c),
            }
        }
        uri.push_str(if immutable { "?mode=ro&immutable=1" } else { "?mode=ro" });
        let uri = CString::new(uri).map_err(|_| unavailable(name))?;
        let flags = library::SQLITE_OPEN_READONLY | library::SQLITE_OPEN_URI | library::SQLITE_OPEN_NOMUTEX;
        let mut db = ptr::null_mut();
        // SAFETY: documented use of sqlite3_open_v2; on failure the handle is closed right away.
        let rc = unsafe { (api.open_v2)(uri.as_ptr(), &mut db, flags, ptr::null()) };
        let guards = Box::new(Guards { deadline: AtomicU64::new(0), refusal: Mutex::new(None) });
        let conn = Connection { api, db, guards, identity, functions: functions.map_or(0, SqlFunctions::id) };
        if rc != library::SQLITE_OK {
            return Err(if db.is_null() { unavailable(name) } else { sql_error(&conn.failure(rc)) });
        }
        // SAFETY: db is open; the guards live in a Box owned by the connection, so the pointers handed
        // to SQLite stay valid until close_v2 in Drop.
        unsafe {
            (api.extended_result_codes)(db, 0);
            (api.limit)(db, library::SQLITE_LIMIT_ATTACHED, 0);
            let data = &*conn.guards as *const Guards as *mut c_void;
            (api.progress_handler)(db, PROGRESS_INTERVAL, Some(progress), data);
            let rc =
                (api.exec)(db, c"PRAGMA query_only = 1".as_ptr(), ptr::null_mut(), ptr::null_mut(), ptr::null_mut());
            if rc != library::SQLITE_OK {
                return Err(sql_error(&conn.failure(rc)));
            }
            (api.set_authorizer)(db, Some(authorizer), data);
            if let Some(functions) = functions {
                // SAFETY: db is an open connection of the linked library; SQLite drops the functions
                // when close_v2 runs in Drop.
                functions.register(db).map_err(|e| HostError::new("RuntimeError", e.to_string()))?;
            }
        }
        Ok(conn)
    }

    /// An idle pooled connection to `path` with `functions` installed, or a new one. A pooled connection
    /// to a file that has since been replaced (or removed) is closed, not reused.
    pub(crate) fn checkout(
        name: &str,
        path: &Path,
        immutable: bool,
        functions: Option<&SqlFunctions>,
    ) -> Result<Connection, HostError> {
        let current = identity(path).map_err(|_| unavailable(name))?;
        let key = (path.to_path_buf(), immutable, functions.map_or(0, SqlFunctions::id));
        loop {
            let pooled = POOL.lock().get_mut(&key).and_then(Vec::pop);
            match pooled {
                Some(c) if c.identity == current => return Ok(c),
                Some(stale) => drop(stale),
                None => return Connection::open(name, path, immutable, functions),
            }
        }
    }

    pub(crate) fn checkin(self, path: &Path, immutable: bool) {
        self.guards.deadline.store(0, Ordering::Relaxed);
        let mut pool = POOL.lock();
        let idle = pool.entry((path.to_path_buf(), immutable, self.functions)).or_default();
        if idle.len() < POOL_PER_FILE {
            idle.push(self);
        }
    }

    pub(crate) fn set_deadline(&self, deadline: Instant) {
        let at = deadline.saturating_duration_since(origin()).as_nanos() as u64;
        self.guards.deadline.store(at.max(1), Ordering::Relaxed);
    }

    /// Caps the length of any string or blob SQLite builds for this connection's queries (results and
    /// intermediate values alike): SQLite fails the query with `SQLITE_TOOBIG` instead.
    pub(crate) fn set_max_length(&self, bytes: usize) {
        let bytes = c_int::try_from(bytes).unwrap_or(c_int::MAX).max(1);
        // SAFETY: db is open. SQLite clamps the value to its compile-time maximum.
        unsafe { (self.api.limit)(self.db, library::SQLITE_LIMIT_LENGTH, bytes) };
    }

    fn failure(&self, code: c_int) -> SqlFailure {
        // SAFETY: db is a connection handle (open, or returned by a failed open); errmsg is UTF-8.
        let message = unsafe { text((self.api.errmsg)(self.db)) }.unwrap_or("unknown error").to_string();
        SqlFailure { code: code & 0xff, message }
    }

    pub(crate) fn prepare(&self, sql: &str) -> Result<Statement<'_>, HostError> {
        let len = c_int::try_from(sql.len()).map_err(|_| HostError::new("ValueError", "the SQL text is too long"))?;
        let mut stmt = ptr::null_mut();
        let mut tail = ptr::null();
        // SAFETY: sql is valid for len bytes (no NUL needed with an explicit length).
        let rc = unsafe { (self.api.prepare_v2)(self.db, sql.as_ptr().cast(), len, &mut stmt, &mut tail) };
        if rc != library::SQLITE_OK {
            return Err(self.explain(self.failure(rc)));
        }
        if stmt.is_null() {
            return Err(HostError::new("ValueError", "the SQL text holds no statement"));
        }
        let statement = Statement { conn: self, stmt };
        // SAFETY: tail points into sql, at the end of the first statement.
        let used = unsafe { tail.offset_from(sql.as_ptr().cast::<c_char>()) } as usize;
        let rest = &sql.as_bytes()[used.min(sql.len())..];
        if !rest.iter().all(|b| b.is_ascii_whitespace() || *b == b';') {
            // Only comments may follow: preparing the rest must yield no statement.
            let mut next = ptr::null_mut();
            // SAFETY: rest is valid for its length; a statement it yields is finalized at once.
            let rc = unsafe {
                (self.api.prepare_v2)(self.db, rest.as_ptr().cast(), rest.len() as c_int, &mut next, ptr::null_mut())
            };
            if !next.is_null() {
                unsafe { (self.api.finalize)(next) };
            }
            if rc != library::SQLITE_OK || !next.is_null() {
                self.guards.refusal.lock().take();
                return Err(HostError::new("ValueError", "SQL error: only one statement can be run at a time"));
            }
        }
        Ok(statement)
    }

    /// Explains a failure: a refusal by the authorizer, the deadline, the length limit.
    pub(crate) fn explain(&self, failure: SqlFailure) -> HostError {
        if let Some(why) = self.guards.refusal.lock().take() {
            return HostError::new("PermissionError", format!("the SQL bridge is read-only: {why}"));
        }
        match failure.code {
            library::SQLITE_INTERRUPT => {
                HostError::new("TimeoutError", "query interrupted: the run's time limit was reached")
            }
            library::SQLITE_READONLY | library::SQLITE_AUTH => {
                HostError::new("PermissionError", format!("the SQL bridge is read-only: {}", failure.message))
            }
            library::SQLITE_TOOBIG => HostError::new(
                "ValueError",
                format!("SQL error: {}: a value of the query is over the query byte limit", failure.message),
            ),
            _ => sql_error(&failure),
        }
    }
}

pub(crate) fn sql_error(failure: &SqlFailure) -> HostError {
    HostError::new("ValueError", format!("SQL error: {}", failure.message))
}

/// One prepared statement; finalized on drop.
pub(crate) struct Statement<'c> {
    conn: &'c Connection,
    stmt: *mut Stmt,
}

impl Drop for Statement<'_> {
    fn drop(&mut self) {
        // SAFETY: stmt was prepared on conn and is finalized exactly once.
        unsafe { (self.conn.api.finalize)(self.stmt) };
    }
}

/// One value of the current row, borrowed from SQLite until the next step.
pub(crate) enum Cell<'s> {
    Null,
    Integer(i64),
    Real(f64),
    Text(&'s [u8]),
    Blob(&'s [u8]),
}

impl Statement<'_> {
    fn api(&self) -> &'static Api {
        self.conn.api
    }

    pub(crate) fn readonly(&self) -> bool {
        // SAFETY: stmt is a live statement (likewise for every method below).
        unsafe { (self.api().stmt_readonly)(self.stmt) != 0 }
    }

    pub(crate) fn parameter_count(&self) -> usize {
        unsafe { (self.api().bind_parameter_count)(self.stmt) as usize }
    }

    /// The parameter's name without its `:`, `@` or `$` prefix; `None` for `?` parameters.
    pub(crate) fn parameter_name(&self, index: usize) -> Option<String> {
        let name = unsafe { text((self.api().bind_parameter_name)(self.stmt, index as c_int)) }?;
        Some(name.get(1..).unwrap_or_default().to_string())
    }

    pub(crate) fn column_names(&self) -> Vec<String> {
        let count = unsafe { (self.api().column_count)(self.stmt) };
        (0..count)
            .map(|i| unsafe { text((self.api().column_name)(self.stmt, i)) }.unwrap_or_default().to_string())
            .collect()
    }

    pub(crate) fn bind(&mut self, index: usize, value: &crate::codec::Value) -> Result<(), HostError> {
        use crate::codec::Value;
        let (api, stmt, i) = (self.api(), self.stmt, index as c_int);
        let too_long = || HostError::new("ValueError", "a SQL parameter is too long");
        // SAFETY: SQLITE_TRANSIENT makes SQLite copy text and blobs before returning.
        let rc = unsafe {
            match value {
                Value::None => (api.bind_null)(stmt, i),
                Value::Bool(b) => (api.bind_int64)(stmt, i, *b as i64),
                Value::Int(n) => (api.bind_int64)(stmt, i, *n),
                Value::Float(f) => (api.bind_double)(stmt, i, *f),
                Value::Str(s) => (api.bind_text64)(
                    stmt,
                    i,
                    s.as_ptr().cast(),
                    s.len() as u64,
                    library::SQLITE_TRANSIENT,
                    library::SQLITE_UTF8,
                ),
                Value::Bytes(b) => {
                    (api.bind_blob64)(stmt, i, b.as_ptr().cast(), b.len() as u64, library::SQLITE_TRANSIENT)
                }
                Value::BigInt(d) => {
                    return Err(HostError::new("OverflowError", format!("{d} does not fit in SQLite's 64-bit integer")))
                }
                _ => {
                    return Err(HostError::new(
                        "TypeError",
                        "SQL parameters must be None, bool, int, float, str or bytes",
                    ))
                }
            }
        };
        match rc {
            library::SQLITE_OK => Ok(()),
            library::SQLITE_TOOBIG => Err(too_long()),
            rc => Err(self.conn.explain(self.conn.failure(rc))),
        }
    }

    /// Steps to the next row: `true` when there is one.
    pub(crate) fn step(&mut self) -> Result<bool, HostError> {
        match unsafe { (self.api().step)(self.stmt) } {
            library::SQLITE_ROW => Ok(true),
            library::SQLITE_DONE => Ok(false),
            rc => Err(self.conn.explain(self.conn.failure(rc))),
        }
    }

    /// Column `i` of the current row, borrowed from SQLite: nothing is copied, so a caller can check a
    /// value's length against its budget before copying it.
    pub(crate) fn cell(&self, i: usize) -> Cell<'_> {
        let (api, stmt, i) = (self.api(), self.stmt, i as c_int);
        // SAFETY: the pointers SQLite returns stay valid until the next step, reset or finalize, which
        // all need `&mut self` while the returned cell borrows `&self`. For text and blobs the pointer is
        // fetched before the length, as SQLite documents.
        unsafe {
            match (api.column_type)(stmt, i) {
                library::SQLITE_INTEGER => Cell::Integer((api.column_int64)(stmt, i)),
                library::SQLITE_FLOAT => Cell::Real((api.column_double)(stmt, i)),
                library::SQLITE_TEXT => {
                    let p = (api.column_text)(stmt, i);
                    let n = (api.column_bytes)(stmt, i) as usize;
                    Cell::Text(if p.is_null() { &[] } else { std::slice::from_raw_parts(p, n) })
                }
                library::SQLITE_BLOB => {
                    let p = (api.column_blob)(stmt, i) as *const u8;
                    let n = (api.column_bytes)(stmt, i) as usize;
                    Cell::Blob(if p.is_null() { &[] } else { std::slice::from_raw_parts(p, n) })
                }
                _ => Cell::Null,
            }
        }
    }
}
