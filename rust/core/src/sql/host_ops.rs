//! Host functions: the bridge's operations as the guest's `datasette` module calls them.

use std::sync::Arc;

use super::{Databases, Params};
use crate::codec::Value;
use crate::host::{CallContext, HostError, HostFunction, Reply};

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
