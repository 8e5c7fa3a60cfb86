//! Python callables as engine host functions: registered builtins, and the query functions that
//! serve databases without a file. Both run on the guest's thread with the GIL taken for the call.

use micropython_sandbox::{self as core, CallContext, HostError, HostFunction, Reply, Value};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use crate::convert::{from_value, from_values, to_value};
use crate::deadline::CallScope;
use crate::exceptions::to_host_error;

/// A Python callable exposed to the guest.
pub struct PyHostFunction {
    pub callable: Py<PyAny>,
}

impl HostFunction for PyHostFunction {
    fn call(&self, ctx: &CallContext, args: Vec<Value>, kwargs: Vec<(String, Value)>) -> Result<Reply, HostError> {
        let _call = CallScope::enter(ctx);
        Python::attach(|py| {
            let outcome = (|| -> PyResult<Value> {
                let args = PyTuple::new(py, from_values(py, args)?)?;
                let kw = PyDict::new(py);
                for (k, v) in kwargs {
                    kw.set_item(k, from_value(py, v)?)?;
                }
                let result = self.callable.bind(py).call(args, Some(&kw))?;
                to_value(&result, 0).map_err(|e| {
                    PyTypeError::new_err(format!("the host function returned an unusable value: {}", e.value(py)))
                })
            })();
            outcome.map(Reply::Value).map_err(|e| to_host_error(py, &e))
        })
    }
}

/// A Python callable serving a database that has no file: `fn(sql, params, max_rows, max_bytes) ->
/// (columns, rows, truncated)`.
pub struct PyQueryFunction {
    pub callable: Py<PyAny>,
}

impl core::QueryFunction for PyQueryFunction {
    fn query(
        &self,
        ctx: &CallContext,
        sql: &str,
        params: core::Params,
        max_rows: usize,
        max_bytes: usize,
    ) -> Result<core::QueryOutput, HostError> {
        let _call = CallScope::enter(ctx);
        Python::attach(|py| {
            let outcome = (|| -> PyResult<core::QueryOutput> {
                let params = match params {
                    core::Params::None => py.None().into_bound(py),
                    core::Params::Positional(values) => from_value(py, Value::List(values))?,
                    core::Params::Named(pairs) => {
                        from_value(py, Value::Dict(pairs.into_iter().map(|(k, v)| (Value::Str(k), v)).collect()))?
                    }
                };
                let result = self.callable.bind(py).call1((sql, params, max_rows, max_bytes))?;
                let (columns, rows, truncated): (Vec<String>, Bound<'_, PyAny>, bool) = result.extract()?;
                let mut out = Vec::new();
                for row in rows.try_iter()? {
                    let row = row?;
                    let values = row.try_iter()?.map(|v| to_value(&v?, 0)).collect::<PyResult<Vec<_>>>()?;
                    out.push(values);
                }
                Ok((columns, out, truncated))
            })();
            outcome.map_err(|e| to_host_error(py, &e))
        })
    }
}
