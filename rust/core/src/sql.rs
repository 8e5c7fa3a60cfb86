//! The SQL bridge: guest code reads the host's SQLite databases through rusqlite, read-only.
//!
//! Read-only is enforced by SQLite itself, never by inspecting SQL text: connections are opened
//! read-only (`immutable=1` when the host says the file cannot change), with `query_only`, no
//! attached databases, and an authorizer that allows reading and nothing else (no writes, ATTACH,
//! state-changing or path-revealing pragmas, `load_extension`). A progress handler stops a query when
//! the run's time limit passes. Results have row and byte caps and come back flagged as truncated
//! rather than exhausting memory.
//!
//! Connections are pooled per database file and shared by every sandbox of the process; a pooled
//! connection is dropped when the file has been replaced since it was opened.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, LazyLock};
use std::time::Instant;

use parking_lot::Mutex;
use rusqlite::hooks::{AuthAction, AuthContext, Authorization};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};

use crate::codec::{Encoder, Value};
use crate::error::Error;
use crate::host::{CallContext, HostError, HostFunction, Reply};

/// Pragmas that only read the schema; every other pragma is refused (some change state, and
/// `database_list` would reveal host paths).
const READ_ONLY_PRAGMAS: &[&str] =
    &["table_info", "table_xinfo", "index_list", "index_info", "index_xinfo", "foreign_key_list", "table_list"];

/// SQLite VM instructions between two checks of the deadline.
const PROGRESS_INTERVAL: i32 = 1000;

/// Idle connections kept per database file.
const POOL_PER_FILE: usize = 8;

/// Open iterations (`iter_query`) one sandbox may hold at once.
const MAX_CURSORS: usize = 8;

/// Rows sent to the guest per page of an iteration.
const PAGE_ROWS: usize = 2000;

/// A query run for a database that has no file (e.g. Datasette's in-memory databases): returns
/// `(columns, rows, truncated)` with at most `max_rows` rows.
pub trait QueryFunction: Send + Sync {
    fn query(&self, sql: &str, params: Params, max_rows: usize) -> Result<QueryOutput, HostError>;
}

pub type QueryOutput = (Vec<String>, Vec<Vec<Value>>, bool);

/// Where a database's rows come from.
#[derive(Clone)]
pub enum Source {
    File { path: PathBuf, immutable: bool },
    Function(Arc<dyn QueryFunction>),
}

/// Query parameters as the guest passed them.
#[derive(Clone, Debug, PartialEq)]
pub enum Params {
    None,
    Positional(Vec<Value>),
    Named(Vec<(String, Value)>),
}

/// Caps on one query's result.
#[derive(Clone, Copy, Debug)]
pub struct SqlLimits {
    pub max_rows: usize,
    pub max_bytes: usize,
}

impl Default for SqlLimits {
    fn default() -> Self {
        SqlLimits { max_rows: 100_000, max_bytes: 32 << 20 }
    }
}

/// The databases one sandbox may read.
pub struct Databases {
    sources: BTreeMap<String, Source>,
    default: Option<String>,
    limits: SqlLimits,
    cursors: Mutex<HashMap<u32, Receiver<Page>>>,
    next_cursor: AtomicU64,
}

/// One page of an iteration: encoded rows table, or the error that ended it.
type Page = Result<Vec<u8>, HostError>;

impl Databases {
    pub fn new(sources: BTreeMap<String, Source>, default: Option<String>, limits: SqlLimits) -> Result<Self, Error> {
        let bad = |message: String| Error::InvalidArgument { param: "databases", message };
        for (name, source) in &sources {
            if let Source::File { path, .. } = source {
                if !path.is_absolute() {
                    return Err(bad(format!("{name}: {} is not an absolute path", path.display())));
                }
                if !path.is_file() {
                    return Err(bad(format!("{name}: {} is not a file", path.display())));
                }
            }
        }
        if let Some(d) = &default {
            if !sources.contains_key(d) {
                return Err(Error::InvalidArgument {
                    param: "default_database",
                    message: format!("{d:?} is not one of the databases ({})", names(&sources)),
                });
            }
        }
        if limits.max_rows == 0 || limits.max_bytes == 0 {
            return Err(bad("max_rows and max_bytes must be positive".into()));
        }
        Ok(Databases { sources, default, limits, cursors: Mutex::default(), next_cursor: AtomicU64::new(1) })
    }

    fn source(&self, name: Option<&str>) -> Result<(&str, &Source), HostError> {
        let name = match name.or(self.default.as_deref()) {
            Some(n) => n,
            None if self.sources.len() == 1 => self.sources.keys().next().expect("one"),
            None => {
                return Err(HostError::new(
                    "ValueError",
                    format!("several databases are available, pass database= one of: {}", names(&self.sources)),
                ))
            }
        };
        match self.sources.get_key_value(name) {
            Some((n, s)) => Ok((n.as_str(), s)),
            None if self.sources.is_empty() => {
                Err(HostError::new("ValueError", "no database is available to this sandbox"))
            }
            None => Err(HostError::new(
                "ValueError",
                format!("unknown database '{name}'; available: {}", names(&self.sources)),
            )),
        }
    }
}

fn names(sources: &BTreeMap<String, Source>) -> String {
    sources.keys().cloned().collect::<Vec<_>>().join(", ")
}

// ---------------------------------------------------------------------------------------------
// Connections

/// A read-only connection with its guards installed.
struct Guarded {
    conn: Connection,
    /// Deadline for the progress handler, in nanoseconds after `origin()`; 0 means none.
    deadline: Arc<AtomicU64>,
    /// Why the authorizer last refused something, to explain SQLite's bare "not authorized".
    refusal: Arc<Mutex<Option<String>>>,
    identity: FileIdentity,
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

/// Idle connections by (file, immutable).
type Pool = HashMap<(PathBuf, bool), Vec<Guarded>>;

static POOL: LazyLock<Mutex<Pool>> = LazyLock::new(Mutex::default);

fn sql_error(e: rusqlite::Error) -> HostError {
    HostError::new("ValueError", format!("SQL error: {e}"))
}

fn authorize(ctx: AuthContext<'_>) -> Result<(), String> {
    match ctx.action {
        AuthAction::Select | AuthAction::Read { .. } | AuthAction::Recursive => Ok(()),
        AuthAction::Function { function_name } => {
            if function_name.eq_ignore_ascii_case("load_extension") {
                Err("load_extension() is not allowed".into())
            } else {
                Ok(())
            }
        }
        AuthAction::Pragma { pragma_name, .. }
            if READ_ONLY_PRAGMAS.iter().any(|p| p.eq_ignore_ascii_case(pragma_name)) =>
        {
            Ok(())
        }
        AuthAction::Pragma { pragma_name, .. } => Err(format!("PRAGMA {pragma_name} is not allowed")),
        AuthAction::Attach { .. } => Err("ATTACH is not allowed".into()),
        AuthAction::Detach { .. } => Err("DETACH is not allowed".into()),
        AuthAction::Insert { .. } => Err("INSERT is not allowed".into()),
        AuthAction::Update { .. } => Err("UPDATE is not allowed".into()),
        AuthAction::Delete { .. } => Err("DELETE is not allowed".into()),
        other => Err(format!("{} is not allowed", action_name(&other))),
    }
}

fn action_name(action: &AuthAction<'_>) -> String {
    let debug = format!("{action:?}");
    debug.split([' ', '{', '(']).next().unwrap_or("this statement").to_string()
}

impl Guarded {
    fn open(path: &Path, immutable: bool) -> Result<Guarded, HostError> {
        let identity = identity(path).map_err(|e| HostError::new("OSError", format!("{}: {e}", path.display())))?;
        let mut uri = String::from("file:");
        for c in path.to_string_lossy().chars() {
            match c {
                '%' | '?' | '#' => uri.push_str(&format!("%{:02X}", c as u32)),
                c => uri.push(c),
            }
        }
        uri.push_str(if immutable { "?mode=ro&immutable=1" } else { "?mode=ro" });
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&uri, flags).map_err(sql_error)?;
        conn.pragma_update(None, "query_only", true).map_err(sql_error)?;
        conn.set_limit(rusqlite::limits::Limit::SQLITE_LIMIT_ATTACHED, 0).map_err(sql_error)?;
        let deadline = Arc::new(AtomicU64::new(0));
        let refusal = Arc::new(Mutex::new(None));
        let (d, r) = (deadline.clone(), refusal.clone());
        conn.progress_handler(
            PROGRESS_INTERVAL,
            Some(move || {
                let at = d.load(Ordering::Relaxed);
                at != 0 && origin().elapsed().as_nanos() as u64 >= at
            }),
        );
        conn.authorizer(Some(move |ctx: AuthContext<'_>| match authorize(ctx) {
            Ok(()) => Authorization::Allow,
            Err(why) => {
                *r.lock() = Some(why);
                Authorization::Deny
            }
        }));
        Ok(Guarded { conn, deadline, refusal, identity })
    }

    fn checkout(path: &Path, immutable: bool) -> Result<Guarded, HostError> {
        let current = identity(path).ok();
        let pooled = POOL.lock().get_mut(&(path.to_path_buf(), immutable)).and_then(Vec::pop);
        match pooled {
            Some(g) if Some(g.identity) == current => Ok(g),
            _ => Guarded::open(path, immutable),
        }
    }

    fn checkin(self, path: &Path, immutable: bool) {
        let mut pool = POOL.lock();
        let idle = pool.entry((path.to_path_buf(), immutable)).or_default();
        if idle.len() < POOL_PER_FILE {
            idle.push(self);
        }
    }

    fn set_deadline(&self, deadline: Instant) {
        let at = deadline.saturating_duration_since(origin()).as_nanos() as u64;
        self.deadline.store(at.max(1), Ordering::Relaxed);
    }

    /// Explains an error: a refusal by the authorizer, or the deadline.
    fn explain(&self, e: rusqlite::Error) -> HostError {
        if let Some(why) = self.refusal.lock().take() {
            return HostError::new("PermissionError", format!("the SQL bridge is read-only: {why}"));
        }
        if let rusqlite::Error::SqliteFailure(f, _) = &e {
            if f.code == rusqlite::ErrorCode::OperationInterrupted {
                return HostError::new("TimeoutError", "query interrupted: the run's time limit was reached");
            }
            if f.code == rusqlite::ErrorCode::ReadOnly {
                return HostError::new("PermissionError", format!("the SQL bridge is read-only: {e}"));
            }
        }
        sql_error(e)
    }
}

// ---------------------------------------------------------------------------------------------
// Running queries

fn bind(stmt: &mut rusqlite::Statement<'_>, params: &Params) -> Result<(), HostError> {
    let count = stmt.parameter_count();
    let value = |v: &Value| -> Result<rusqlite::types::Value, HostError> {
        use rusqlite::types::Value as V;
        Ok(match v {
            Value::None => V::Null,
            Value::Bool(b) => V::Integer(*b as i64),
            Value::Int(i) => V::Integer(*i),
            Value::Float(f) => V::Real(*f),
            Value::Str(s) => V::Text(s.clone()),
            Value::Bytes(b) => V::Blob(b.clone()),
            Value::BigInt(d) => {
                return Err(HostError::new("OverflowError", format!("{d} does not fit in SQLite's 64-bit integer")))
            }
            _ => {
                return Err(HostError::new("TypeError", "SQL parameters must be None, bool, int, float, str or bytes"))
            }
        })
    };
    match params {
        Params::None if count == 0 => Ok(()),
        Params::None => {
            Err(HostError::new("ValueError", format!("the query has {count} parameters and none were given")))
        }
        Params::Positional(values) => {
            if values.len() != count {
                return Err(HostError::new(
                    "ValueError",
                    format!("the query has {count} parameters but {} were given", values.len()),
                ));
            }
            for (i, v) in values.iter().enumerate() {
                stmt.raw_bind_parameter(i + 1, value(v)?).map_err(sql_error)?;
            }
            Ok(())
        }
        Params::Named(pairs) => {
            for i in 1..=count {
                let name = stmt.parameter_name(i).map(|n| n[1..].to_string());
                let Some(name) = name else {
                    return Err(HostError::new("ValueError", "positional '?' parameters need a list, not a dict"));
                };
                let v = pairs
                    .iter()
                    .find(|(k, _)| k.trim_start_matches([':', '@', '$']) == name)
                    .ok_or_else(|| HostError::new("ValueError", format!("missing value for parameter :{name}")))?;
                stmt.raw_bind_parameter(i, value(&v.1)?).map_err(sql_error)?;
            }
            Ok(())
        }
    }
}

fn encode_value(e: &mut Encoder, v: ValueRef<'_>) -> usize {
    match v {
        ValueRef::Null => {
            e.none();
            1
        }
        ValueRef::Integer(i) => {
            e.int(i);
            9
        }
        ValueRef::Real(f) => {
            e.float(f);
            9
        }
        ValueRef::Text(t) => {
            e.str(&String::from_utf8_lossy(t));
            5 + t.len()
        }
        ValueRef::Blob(b) => {
            e.bytes(b);
            5 + b.len()
        }
    }
}

/// Streams the rows of `stmt` into pages of at most `page_rows` rows each, calling `page` with each
/// encoded rows table; stops at the caps. Returns the column names and whether the result was truncated.
fn stream_rows(
    guarded: &Guarded,
    sql: &str,
    params: &Params,
    limits: SqlLimits,
    page_rows: usize,
    mut page: impl FnMut(Vec<u8>) -> bool,
) -> Result<(Vec<String>, bool), HostError> {
    let mut stmt = guarded.conn.prepare(sql).map_err(|e| guarded.explain(e))?;
    if !stmt.readonly() {
        return Err(HostError::new("PermissionError", "the SQL bridge is read-only: this statement would write"));
    }
    bind(&mut stmt, params)?;
    let columns: Vec<String> = stmt.column_names().into_iter().map(String::from).collect();
    let ncols = columns.len();
    let mut rows = stmt.raw_query();
    let (mut total_rows, mut total_bytes) = (0usize, 0usize);
    let new_page = || {
        let mut e = Encoder::new();
        e.rows_header(columns.iter().map(String::as_str));
        let at = e.reserve_count();
        (e, at, 0usize)
    };
    let (mut enc, mut at, mut in_page) = new_page();
    loop {
        if total_rows >= limits.max_rows || total_bytes >= limits.max_bytes {
            let more = rows.next().map_err(|e| guarded.explain(e))?.is_some();
            enc.patch_count(at, in_page);
            page(enc.into_bytes());
            return Ok((columns, more));
        }
        let Some(row) = rows.next().map_err(|e| guarded.explain(e))? else { break };
        for i in 0..ncols {
            total_bytes += encode_value(&mut enc, row.get_ref(i).map_err(sql_error)?);
        }
        total_rows += 1;
        in_page += 1;
        if in_page == page_rows {
            enc.patch_count(at, in_page);
            if !page(enc.into_bytes()) {
                return Ok((columns, false));
            }
            (enc, at, in_page) = new_page();
        }
    }
    enc.patch_count(at, in_page);
    page(enc.into_bytes());
    Ok((columns, false))
}

/// Encodes a function source's result as one rows table.
fn encode_output(columns: &[String], rows: &[Vec<Value>]) -> Vec<u8> {
    let mut e = Encoder::new();
    e.rows_header(columns.iter().map(String::as_str));
    let at = e.reserve_count();
    for row in rows {
        for v in row {
            e.value(v);
        }
    }
    e.patch_count(at, rows.len());
    e.into_bytes()
}

/// `(columns, rows, truncated)` as the guest receives it: column names, a rows table and a bool.
fn rows_reply(columns: &[String], table: Vec<u8>, truncated: bool) -> Reply {
    let mut e = Encoder::new();
    e.tuple_header(3);
    e.list_header(columns.len());
    for c in columns {
        e.str(c);
    }
    e.buf.extend_from_slice(&table);
    e.bool(truncated);
    Reply::Encoded(e.into_bytes())
}

impl Databases {
    fn query(
        &self,
        ctx: &CallContext,
        sql: &str,
        params: &Params,
        db: Option<&str>,
        max_rows: Option<usize>,
    ) -> Result<Reply, HostError> {
        let (_, source) = self.source(db)?;
        // The guest may ask for fewer rows than the host's cap, never more.
        let limits = SqlLimits {
            max_rows: max_rows.map_or(self.limits.max_rows, |n| n.min(self.limits.max_rows)),
            ..self.limits
        };
        match source {
            Source::Function(f) => {
                let (columns, rows, truncated) = f.query(sql, params.clone(), limits.max_rows)?;
                Ok(rows_reply(&columns, encode_output(&columns, &rows), truncated))
            }
            Source::File { path, immutable } => {
                let guarded = Guarded::checkout(path, *immutable)?;
                guarded.set_deadline(ctx.deadline);
                let mut table = None;
                let result = stream_rows(&guarded, sql, params, limits, usize::MAX, |t| {
                    table = Some(t);
                    true
                });
                guarded.checkin(path, *immutable);
                let (columns, truncated) = result?;
                Ok(rows_reply(&columns, table.unwrap_or_default(), truncated))
            }
        }
    }

    fn open_cursor(&self, ctx: &CallContext, sql: &str, params: &Params, db: Option<&str>) -> Result<u32, HostError> {
        if self.cursors.lock().len() >= MAX_CURSORS {
            return Err(HostError::new(
                "RuntimeError",
                format!("at most {MAX_CURSORS} query iterations may be open at once; finish or close() the others"),
            ));
        }
        let (_, source) = self.source(db)?;
        let (tx, rx) = sync_channel::<Page>(1);
        match source.clone() {
            Source::Function(f) => {
                let (columns, rows, _) = f.query(sql, params.clone(), self.limits.max_rows)?;
                std::thread::spawn(move || {
                    for chunk in rows.chunks(PAGE_ROWS) {
                        if tx.send(Ok(encode_output(&columns, chunk))).is_err() {
                            return;
                        }
                    }
                });
            }
            Source::File { path, immutable } => {
                let guarded = Guarded::checkout(&path, immutable)?;
                guarded.set_deadline(ctx.deadline);
                // Prepare here so errors reach the caller of iter_query at once.
                guarded.conn.prepare(sql).map_err(|e| guarded.explain(e))?;
                let (sql, params) = (sql.to_string(), params.clone());
                // Iteration is unbounded in rows (each page is bounded), so no row cap applies.
                let limits = SqlLimits { max_rows: usize::MAX, max_bytes: usize::MAX };
                std::thread::Builder::new()
                    .name("micropython-sql-cursor".into())
                    .spawn(move || {
                        let result =
                            stream_rows(&guarded, &sql, &params, limits, PAGE_ROWS, |p| tx.send(Ok(p)).is_ok());
                        if let Err(e) = result {
                            let _ = tx.send(Err(e));
                        }
                        guarded.checkin(&path, immutable);
                    })
                    .map_err(|e| HostError::new("RuntimeError", format!("cannot start the query: {e}")))?;
            }
        }
        let id = self.next_cursor.fetch_add(1, Ordering::Relaxed) as u32;
        self.cursors.lock().insert(id, rx);
        Ok(id)
    }

    fn fetch(&self, id: u32) -> Result<Reply, HostError> {
        let page = {
            let cursors = self.cursors.lock();
            let rx = cursors.get(&id).ok_or_else(|| HostError::new("ValueError", "this query iteration is closed"))?;
            rx.recv()
        };
        match page {
            Ok(Ok(table)) => Ok(Reply::Encoded(table)),
            Ok(Err(e)) => {
                self.cursors.lock().remove(&id);
                Err(e)
            }
            Err(_) => {
                // The producer finished: the iteration is over.
                self.cursors.lock().remove(&id);
                Ok(Reply::Value(Value::None))
            }
        }
    }

    fn close_cursor(&self, id: u32) {
        self.cursors.lock().remove(&id);
    }
}

// ---------------------------------------------------------------------------------------------
// Host functions

/// The bridge's operations as host functions, as the guest's `datasette` module calls them.
pub(crate) struct SqlOp {
    pub databases: Arc<Databases>,
    pub op: SqlOpKind,
}

#[derive(Clone, Copy)]
pub(crate) enum SqlOpKind {
    Query,
    Open,
    Fetch,
    Close,
    Databases,
}

pub(crate) const SQL_OPS: [(&str, SqlOpKind); 5] = [
    ("_sql_query", SqlOpKind::Query),
    ("_sql_open", SqlOpKind::Open),
    ("_sql_fetch", SqlOpKind::Fetch),
    ("_sql_close", SqlOpKind::Close),
    ("_sql_databases", SqlOpKind::Databases),
];

fn params_of(v: Option<Value>) -> Result<Params, HostError> {
    match v {
        None | Some(Value::None) => Ok(Params::None),
        Some(Value::List(items) | Value::Tuple(items)) => Ok(Params::Positional(items)),
        Some(Value::Dict(pairs)) => pairs
            .into_iter()
            .map(|(k, v)| match k {
                Value::Str(k) => Ok((k, v)),
                _ => Err(HostError::new("TypeError", "parameter names must be str")),
            })
            .collect::<Result<_, _>>()
            .map(Params::Named),
        Some(_) => Err(HostError::new("TypeError", "params must be a list, tuple or dict")),
    }
}

impl HostFunction for SqlOp {
    fn call(&self, ctx: &CallContext, args: Vec<Value>, _: Vec<(String, Value)>) -> Result<Reply, HostError> {
        let mut args = args.into_iter();
        let mut text = |what: &str| match args.next() {
            Some(Value::Str(s)) => Ok(Some(s)),
            None | Some(Value::None) => Ok(None),
            Some(_) => Err(HostError::new("TypeError", format!("{what} must be a str"))),
        };
        let dbs = &self.databases;
        match self.op {
            SqlOpKind::Query | SqlOpKind::Open => {
                let sql = text("sql")?.ok_or_else(|| HostError::new("TypeError", "sql must be a str"))?;
                let db = text("database")?;
                let params = params_of(args.next())?;
                if let SqlOpKind::Open = self.op {
                    return dbs
                        .open_cursor(ctx, &sql, &params, db.as_deref())
                        .map(|id| Reply::Value(Value::Int(id as i64)));
                }
                let max_rows = match args.next() {
                    Some(Value::Int(n)) if n > 0 => Some(n as usize),
                    None | Some(Value::None) => None,
                    _ => return Err(HostError::new("ValueError", "max_rows must be a positive int")),
                };
                dbs.query(ctx, &sql, &params, db.as_deref(), max_rows)
            }
            SqlOpKind::Fetch | SqlOpKind::Close => {
                let Some(Value::Int(id)) = args.next() else {
                    return Err(HostError::new("TypeError", "cursor id must be an int"));
                };
                if let SqlOpKind::Close = self.op {
                    dbs.close_cursor(id as u32);
                    return Ok(Reply::Value(Value::None));
                }
                dbs.fetch(id as u32)
            }
            SqlOpKind::Databases => {
                Ok(Reply::Value(Value::List(dbs.sources.keys().map(|k| Value::Str(k.clone())).collect())))
            }
        }
    }
}
