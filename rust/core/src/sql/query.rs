//! Running queries: binding parameters, streaming rows into codec pages under the caps, and the
//! bridge's operations (one query, iterations) on a sandbox's databases.

use std::sync::atomic::Ordering;
use std::sync::mpsc::sync_channel;

use super::connection::{Cell, Connection, Statement};
use super::{Databases, Page, Params, Source, SqlLimits};
use crate::codec::{Encoder, Value};
use crate::host::{CallContext, HostError, Reply};

/// Open iterations (`iter_query`) one sandbox may hold at once.
pub(crate) const MAX_CURSORS: usize = 8;

/// Rows sent to the guest per page of an iteration.
const PAGE_ROWS: usize = 2000;

fn bind(stmt: &mut Statement<'_>, params: &Params) -> Result<(), HostError> {
    let count = stmt.parameter_count();
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
                stmt.bind(i + 1, v)?;
            }
            Ok(())
        }
        Params::Named(pairs) => {
            for i in 1..=count {
                let Some(name) = stmt.parameter_name(i) else {
                    return Err(HostError::new("ValueError", "positional '?' parameters need a list, not a dict"));
                };
                let v = pairs
                    .iter()
                    .find(|(k, _)| k.trim_start_matches([':', '@', '$']) == name)
                    .ok_or_else(|| HostError::new("ValueError", format!("missing value for parameter :{name}")))?;
                stmt.bind(i, &v.1)?;
            }
            Ok(())
        }
    }
}

/// Bytes a value takes in a rows table (tag and payload), known before it is copied.
fn encoded_size(cell: &Cell<'_>) -> usize {
    match cell {
        Cell::Null => 1,
        Cell::Integer(_) | Cell::Real(_) => 9,
        Cell::Text(t) => 5 + t.len(),
        Cell::Blob(b) => 5 + b.len(),
    }
}

fn encode_cell(e: &mut Encoder, cell: Cell<'_>) {
    match cell {
        Cell::Null => e.none(),
        Cell::Integer(i) => e.int(i),
        Cell::Real(f) => e.float(f),
        Cell::Text(t) => e.str(&String::from_utf8_lossy(t)),
        Cell::Blob(b) => e.bytes(b),
    }
}

/// How rows are cut into pages.
#[derive(Clone, Copy)]
pub(crate) struct Paging {
    /// Rows and bytes (codec form) one page may hold.
    pub page: SqlLimits,
    /// After a full page: go on with the next (an iteration) or stop and report the result truncated.
    pub more_pages: bool,
}

/// A first row over the byte cap by itself: no page could hold it, so the query fails rather than
/// return nothing.
fn row_too_large(bytes: usize, cap: usize) -> HostError {
    HostError::new(
        "ValueError",
        format!("a row of the result takes {bytes} bytes, over the query byte limit of {cap} bytes"),
    )
}

/// Runs `sql` and streams its rows into pages: each page is an encoder started by `start` (which writes
/// whatever precedes the rows table), then a rows table. `page` receives each full page and says whether
/// to go on. Each value's size is checked before it is copied, and SQLite itself refuses to build a
/// string or blob over the page's byte cap. Returns whether rows were left out (truncated).
pub(crate) fn stream_rows(
    conn: &Connection,
    sql: &str,
    params: &Params,
    paging: Paging,
    start: &dyn Fn(&mut Encoder, &[String]),
    mut page: impl FnMut(Encoder) -> bool,
) -> Result<bool, HostError> {
    let cap = paging.page;
    conn.set_max_length(cap.max_bytes);
    let mut stmt = conn.prepare(sql)?;
    if !stmt.readonly() {
        return Err(HostError::new("PermissionError", "the SQL bridge is read-only: this statement would write"));
    }
    bind(&mut stmt, params)?;
    let columns = stmt.column_names();
    let ncols = columns.len();
    let new_page = || {
        let mut e = Encoder::new();
        start(&mut e, &columns);
        e.rows_header(columns.iter().map(String::as_str));
        let at = e.reserve_count();
        (e, at)
    };
    let (mut enc, mut at) = new_page();
    let (mut rows, mut bytes) = (0usize, 0usize);
    while stmt.step()? {
        let row_bytes: usize = (0..ncols).map(|i| encoded_size(&stmt.cell(i))).sum();
        if rows == cap.max_rows || (rows > 0 && bytes + row_bytes > cap.max_bytes) {
            enc.patch_count(at, rows);
            if !paging.more_pages {
                page(enc);
                return Ok(true);
            }
            if !page(enc) {
                return Ok(false);
            }
            (enc, at) = new_page();
            (rows, bytes) = (0, 0);
        }
        if row_bytes > cap.max_bytes {
            return Err(row_too_large(row_bytes, cap.max_bytes));
        }
        for i in 0..ncols {
            encode_cell(&mut enc, stmt.cell(i));
        }
        rows += 1;
        bytes += row_bytes;
    }
    enc.patch_count(at, rows);
    page(enc);
    Ok(false)
}

/// Encodes a function source's rows as one rows table after what `start` writes, up to the caps.
/// Returns the encoder and how many rows it holds (fewer than given when the caps cut the result).
fn encode_output(
    columns: &[String],
    rows: &[Vec<Value>],
    cap: SqlLimits,
    start: &dyn Fn(&mut Encoder, &[String]),
) -> Result<(Encoder, usize), HostError> {
    let mut e = Encoder::new();
    start(&mut e, columns);
    e.rows_header(columns.iter().map(String::as_str));
    let at = e.reserve_count();
    let table_start = e.buf.len();
    for (n, row) in rows.iter().enumerate() {
        if n == cap.max_rows {
            e.patch_count(at, n);
            return Ok((e, n));
        }
        let row_start = e.buf.len();
        for v in row {
            e.value(v);
        }
        let row_bytes = e.buf.len() - row_start;
        if n == 0 && row_bytes > cap.max_bytes {
            return Err(row_too_large(row_bytes, cap.max_bytes));
        }
        if e.buf.len() - table_start > cap.max_bytes {
            e.buf.truncate(row_start);
            e.patch_count(at, n);
            return Ok((e, n));
        }
    }
    e.patch_count(at, rows.len());
    Ok((e, rows.len()))
}

/// What precedes the rows table in a query's reply: `(columns, rows, truncated)` as the guest receives
/// it is a 3-tuple of the column names, the rows table and a bool.
fn reply_start(e: &mut Encoder, columns: &[String]) {
    e.tuple_header(3);
    e.list_header(columns.len());
    for c in columns {
        e.str(c);
    }
}

fn no_start(_: &mut Encoder, _: &[String]) {}

impl Databases {
    pub(crate) fn query(
        &self,
        ctx: &CallContext,
        sql: &str,
        params: &Params,
        db: Option<&str>,
        max_rows: Option<usize>,
    ) -> Result<Reply, HostError> {
        let (name, source) = self.source(db)?;
        // The guest may ask for fewer rows than the host's cap, never more.
        let cap = SqlLimits {
            max_rows: max_rows.map_or(self.limits.max_rows, |n| n.min(self.limits.max_rows)),
            ..self.limits
        };
        let (mut reply, truncated) = match source {
            Source::Function(f) => {
                let (columns, rows, truncated) = f.query(ctx, sql, params.clone(), cap.max_rows, cap.max_bytes)?;
                let (e, kept) = encode_output(&columns, &rows, cap, &reply_start)?;
                (e, truncated || kept < rows.len())
            }
            Source::File { path, immutable } => {
                let conn = Connection::checkout(name, path, *immutable, self.functions.as_deref())?;
                conn.set_deadline(ctx.deadline);
                let mut table = None;
                let paging = Paging { page: cap, more_pages: false };
                let result = stream_rows(&conn, sql, params, paging, &reply_start, |t| {
                    table = Some(t);
                    true
                });
                conn.checkin(path, *immutable);
                let truncated = result?;
                (table.expect("stream_rows always ends with a page"), truncated)
            }
        };
        reply.bool(truncated);
        Ok(Reply::Encoded(reply.into_bytes()))
    }

    pub(crate) fn open_cursor(
        &self,
        ctx: &CallContext,
        sql: &str,
        params: &Params,
        db: Option<&str>,
    ) -> Result<u32, HostError> {
        if self.cursors.lock().len() >= MAX_CURSORS {
            return Err(HostError::new(
                "RuntimeError",
                format!("at most {MAX_CURSORS} query iterations may be open at once; finish or close() the others"),
            ));
        }
        let (name, source) = self.source(db)?;
        let (tx, rx) = sync_channel::<Page>(1);
        // Iteration is unbounded in rows; each page is bounded in rows and bytes.
        let page = SqlLimits { max_rows: PAGE_ROWS, max_bytes: self.limits.max_bytes };
        match source.clone() {
            Source::Function(f) => {
                let (columns, rows, _) =
                    f.query(ctx, sql, params.clone(), self.limits.max_rows, self.limits.max_bytes)?;
                std::thread::spawn(move || {
                    let mut rest = &rows[..];
                    loop {
                        let encoded = encode_output(&columns, rest, page, &no_start);
                        let (encoded, kept) = match encoded {
                            Ok((e, kept)) => (Ok(e.into_bytes()), kept),
                            Err(e) => (Err(e), rest.len()),
                        };
                        rest = &rest[kept..];
                        if tx.send(encoded).is_err() || rest.is_empty() {
                            return;
                        }
                    }
                });
            }
            Source::File { path, immutable } => {
                let conn = Connection::checkout(name, &path, immutable, self.functions.as_deref())?;
                conn.set_deadline(ctx.deadline);
                // Prepare here so errors reach the caller of iter_query at once.
                let prepared = conn.prepare(sql).map(drop);
                if let Err(e) = prepared {
                    conn.checkin(&path, immutable);
                    return Err(e);
                }
                let (sql, params) = (sql.to_string(), params.clone());
                std::thread::Builder::new()
                    .name("micropython-sql-cursor".into())
                    .spawn(move || {
                        let paging = Paging { page, more_pages: true };
                        let result = stream_rows(&conn, &sql, &params, paging, &no_start, |p| {
                            tx.send(Ok(p.into_bytes())).is_ok()
                        });
                        if let Err(e) = result {
                            let _ = tx.send(Err(e));
                        }
                        conn.checkin(&path, immutable);
                    })
                    .map_err(|e| HostError::new("RuntimeError", format!("cannot start the query: {e}")))?;
            }
        }
        let id = self.next_cursor.fetch_add(1, Ordering::Relaxed) as u32;
        self.cursors.lock().insert(id, rx);
        Ok(id)
    }

    pub(crate) fn fetch(&self, id: u32) -> Result<Reply, HostError> {
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

    pub(crate) fn close_cursor(&self, id: u32) {
        self.cursors.lock().remove(&id);
    }

    /// Ends every open iteration (their producers stop at their next page and return their
    /// connections): a new guest session starts with none, so the cap of open iterations is whole again.
    pub fn close_cursors(&self) {
        self.cursors.lock().clear();
    }
}
