//! Values between Python and the engine's [`Value`]: None, bool, int, float, str, bytes (and
//! bytearray, memoryview), list, tuple and dict, both ways.

use micropython_sandbox::{BigInt, Value};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMemoryView, PyString, PyTuple};

/// Nesting accepted when converting Python values (a self-containing list would never end).
pub const MAX_DEPTH: usize = 256;

pub fn to_value(obj: &Bound<'_, PyAny>, depth: usize) -> PyResult<Value> {
    if depth > MAX_DEPTH {
        return Err(PyValueError::new_err(format!("value nested deeper than {MAX_DEPTH} levels")));
    }
    let seq = |items: Vec<Bound<'_, PyAny>>| items.iter().map(|i| to_value(i, depth + 1)).collect::<PyResult<Vec<_>>>();
    Ok(if obj.is_none() {
        Value::None
    } else if let Ok(b) = obj.cast::<PyBool>() {
        Value::Bool(b.is_true())
    } else if let Ok(i) = obj.cast::<PyInt>() {
        match i.extract::<i64>() {
            Ok(v) => Value::Int(v),
            Err(_) => big_int(i)?,
        }
    } else if let Ok(f) = obj.cast::<PyFloat>() {
        Value::Float(f.value())
    } else if let Ok(s) = obj.cast::<PyString>() {
        Value::Str(s.to_str()?.to_owned())
    } else if let Ok(b) = obj.cast::<PyBytes>() {
        Value::Bytes(b.as_bytes().to_vec())
    } else if let Ok(b) = obj.cast::<PyByteArray>() {
        Value::Bytes(b.to_vec())
    } else if obj.is_instance_of::<PyMemoryView>() {
        Value::Bytes(obj.call_method0("tobytes")?.cast::<PyBytes>()?.as_bytes().to_vec())
    } else if let Ok(l) = obj.cast::<PyList>() {
        Value::List(seq(l.iter().collect())?)
    } else if let Ok(t) = obj.cast::<PyTuple>() {
        Value::Tuple(seq(t.iter().collect())?)
    } else if let Ok(d) = obj.cast::<PyDict>() {
        let mut pairs = Vec::with_capacity(d.len());
        for (k, v) in d.iter() {
            pairs.push((to_value(&k, depth + 1)?, to_value(&v, depth + 1)?));
        }
        Value::Dict(pairs)
    } else {
        let type_name = obj.get_type().name()?;
        return Err(PyTypeError::new_err(format!(
            "a value of type '{type_name}' cannot be passed to the sandbox (use None, bool, int, float, str, bytes, list, tuple or dict)"
        )));
    })
}

pub fn from_value<'py>(py: Python<'py>, value: Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::None => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, b).to_owned().into_any(),
        Value::Int(i) => i.into_pyobject(py)?.into_any(),
        Value::BigInt(big) => {
            // int.from_bytes: linear, and not bounded by CPython's 4,300-digit limit on int(str).
            let magnitude =
                py.get_type::<PyInt>().call_method1("from_bytes", (PyBytes::new(py, &big.magnitude), "little"))?;
            if big.negative {
                magnitude.neg()?
            } else {
                magnitude
            }
        }
        Value::Float(f) => PyFloat::new(py, f).into_any(),
        Value::Str(s) => PyString::new(py, &s).into_any(),
        Value::Bytes(b) => PyBytes::new(py, &b).into_any(),
        Value::List(items) => PyList::new(py, from_values(py, items)?)?.into_any(),
        Value::Tuple(items) => PyTuple::new(py, from_values(py, items)?)?.into_any(),
        Value::Dict(pairs) => {
            let d = PyDict::new(py);
            for (k, v) in pairs {
                d.set_item(from_value(py, k)?, from_value(py, v)?)?;
            }
            d.into_any()
        }
    })
}

/// An int outside i64 as sign and magnitude bytes (`abs(i).to_bytes(...)`; never through `str`).
fn big_int(i: &Bound<'_, PyInt>) -> PyResult<Value> {
    let negative = i.lt(0)?;
    let magnitude = i.call_method0("__abs__")?;
    let bits: usize = magnitude.call_method0("bit_length")?.extract()?;
    let bytes = magnitude.call_method1("to_bytes", (bits.div_ceil(8), "little"))?;
    Ok(Value::BigInt(BigInt::new(negative, bytes.cast::<PyBytes>()?.as_bytes().to_vec())))
}

pub fn from_values<'py>(py: Python<'py>, items: Vec<Value>) -> PyResult<Vec<Bound<'py, PyAny>>> {
    items.into_iter().map(|v| from_value(py, v)).collect()
}

pub fn type_name(value: &Bound<'_, PyAny>) -> String {
    value.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into())
}
