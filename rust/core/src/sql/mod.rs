//! The SQL bridge: guest code reads the host's SQLite databases, read-only.
//!
//! Database files are read through the process's own SQLite library, resolved at run time
//! ([`library`]): one SQLite instance for every connection to a file, so SQLite's locking sees the
//! host's writers and the bridge's readers alike. Databases without a file are served by a
//! [`QueryFunction`] of the embedder, whose authorizer applies the same [`rules`].
//!
//! Read-only is enforced by SQLite itself, never by inspecting SQL text: connections are opened
//! read-only (`immutable=1` when the host says the file cannot change), with `query_only`, no
//! attached databases, and an authorizer that allows reading and nothing else ([`rules`]). A progress
//! handler stops a query when the run's time limit passes. Results have row and byte caps (each value's
//! size is checked before it is copied, and SQLite's own length limit stops larger strings and blobs
//! from being built) and come back flagged as truncated rather than exhausting memory.
//!
//! Sections: [`library`] (the C API), [`rules`] (the authorizer's decisions), [`connection`] (pooled
//! guarded connections), [`query`] (running queries and iterations), [`host_ops`] (the guest's calls).

mod connection;
pub mod functions;
mod host_ops;
pub mod library;
mod query;
pub mod rules;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::atomic::AtomicU64;
use std::sync::mpsc::Receiver;
use std::sync::Arc;

use parking_lot::Mutex;

use crate::codec::Value;
use crate::error::Error;
use crate::host::{CallContext, HostError};

pub(crate) use host_ops::{SqlOp, SQL_OPS};
pub use library::{link, linked, Linked};

/// A query run for a database that has no file (e.g. Datasette's in-memory databases): returns
/// `(columns, rows, truncated)` with at most `max_rows` rows, stopping at about `max_bytes` of values
/// (the sandbox's `query_byte_limit`, so that the host never holds much more than the guest may get).
/// `ctx` is the guest's call it serves: its `time_left()` bounds the work.
pub trait QueryFunction: Send + Sync {
    fn query(
        &self,
        ctx: &CallContext,
        sql: &str,
        params: Params,
        max_rows: usize,
        max_bytes: usize,
    ) -> Result<QueryOutput, HostError>;
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
    /// Python SQL functions installed on the connections to database files.
    functions: Option<Arc<functions::SqlFunctions>>,
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
        let has_files = sources.values().any(|s| matches!(s, Source::File { .. }));
        if has_files && library::linked().is_none() {
            return Err(bad(
                "database files need the SQL bridge linked to the process's SQLite library (sql::link)".into()
            ));
        }
        Ok(Databases {
            sources,
            default,
            limits,
            cursors: Mutex::default(),
            next_cursor: AtomicU64::new(1),
            functions: None,
        })
    }

    /// Installs `functions` on every connection these databases' files are read through, so guest code
    /// can call them in its queries (databases served by a [`QueryFunction`] have their own).
    pub fn with_functions(mut self, functions: Arc<functions::SqlFunctions>) -> Self {
        self.functions = Some(functions);
        self
    }

    /// The same databases with no open iteration, for a forked sandbox (`Sandbox::fork`): iterations
    /// belong to the session that opened them, and numbering goes on from the parent's, so an iterator
    /// the fork inherited never reads an iteration the fork opens.
    pub(crate) fn fork(&self) -> Databases {
        Databases {
            sources: self.sources.clone(),
            default: self.default.clone(),
            limits: self.limits,
            cursors: Mutex::default(),
            next_cursor: AtomicU64::new(self.next_cursor.load(std::sync::atomic::Ordering::Relaxed)),
            functions: self.functions.clone(),
        }
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
