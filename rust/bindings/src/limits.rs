//! The engine's table of limits as seen from Python: `_engine.LIMITS` (one frozen `Limit` record per
//! limit, in table order), the conversion of keyword arguments to `Limits` (checked against the table,
//! so the error names the limit), and `Limits` back to a dict.

use micropython_sandbox::limits::{self, LimitSpec, Unit, LIMITS};
use micropython_sandbox::Limits;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyTuple};

use crate::convert::type_name;
use crate::exceptions::to_py_err;

/// One limit of a sandbox: what `Sandbox(**limits)`, the plugin's config and the CLI accept.
#[pyclass(module = "datasette_micropython._engine", frozen, get_all)]
pub struct Limit {
    /// The keyword argument and config key, e.g. `"memory_limit"`.
    name: &'static str,
    /// `"bytes"`, `"seconds"` or `"count"`. Bytes and counts are ints, seconds int or float.
    unit: &'static str,
    /// The default value (None: no limit).
    default: Py<PyAny>,
    /// The smallest value accepted.
    min: Py<PyAny>,
    /// The largest value accepted.
    max: Py<PyAny>,
    /// Whether None (no limit) is accepted.
    nullable: bool,
    /// One line saying what the limit bounds.
    description: &'static str,
    /// What a user sees when the limit is reached (the README's table).
    at_limit: &'static str,
}

#[pymethods]
impl Limit {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Limit(name={:?}, unit={:?}, default={}, min={}, max={}, nullable={})",
            self.name,
            self.unit,
            self.default.bind(py).repr()?,
            self.min.bind(py).repr()?,
            self.max.bind(py).repr()?,
            if self.nullable { "True" } else { "False" },
        ))
    }
}

/// A number of the table as the Python type of its unit: int for bytes and counts, float for seconds.
fn number(py: Python<'_>, unit: Unit, v: Option<f64>) -> PyResult<Py<PyAny>> {
    Ok(match v {
        None => py.None(),
        Some(v) if unit.is_integer() => (v as u64).into_pyobject(py)?.into_any().unbind(),
        Some(v) => PyFloat::new(py, v).into_any().unbind(),
    })
}

/// `_engine.LIMITS`.
pub fn table(py: Python<'_>) -> PyResult<Bound<'_, PyTuple>> {
    let records = LIMITS
        .iter()
        .map(|s| {
            Ok(Limit {
                name: s.name,
                unit: s.unit.name(),
                default: number(py, s.unit, s.default)?,
                min: number(py, s.unit, Some(s.min))?,
                max: number(py, s.unit, Some(s.max))?,
                nullable: s.nullable,
                description: s.description,
                at_limit: s.at_limit,
            })
        })
        .collect::<PyResult<Vec<_>>>()?;
    PyTuple::new(py, records)
}

/// One keyword argument as the table's number, with Python's type rules: ints for bytes and counts
/// (a bool is refused although Python counts it as an int), int or float for seconds.
fn argument(spec: &LimitSpec, value: &Bound<'_, PyAny>) -> PyResult<Option<f64>> {
    let name = spec.name;
    if value.is_none() {
        return if spec.nullable {
            Ok(None)
        } else {
            Err(PyTypeError::new_err(format!("{name} must be {}, not None", kind(spec.unit))))
        };
    }
    let is_int = value.is_instance_of::<PyInt>() && !value.is_instance_of::<PyBool>();
    let is_float = value.is_instance_of::<PyFloat>();
    if !(is_int || (is_float && !spec.unit.is_integer())) {
        return Err(PyTypeError::new_err(format!("{name} must be {}, not {}", kind(spec.unit), type_name(value))));
    }
    if is_int {
        // Exactly, or out of bounds: an int that an f64 would round is beyond every limit's max.
        return Ok(Some(match value.extract::<i64>() {
            Ok(i) if (i as f64) as i64 == i => i as f64,
            _ => {
                let shown = value.str()?.to_string();
                let (min, max) = (spec.min as u64, spec.max as u64);
                return Err(PyValueError::new_err(format!(
                    "{name}: must be between {min} and {max} {}, got {shown}",
                    spec.unit.name()
                )));
            }
        }));
    }
    Ok(Some(value.extract::<f64>()?))
}

fn kind(unit: Unit) -> &'static str {
    match unit {
        Unit::Seconds => "a number of seconds",
        Unit::Bytes | Unit::Count => "an int",
    }
}

/// `Limits` from keyword arguments (absent ones take the table's default). Unknown names are a
/// `TypeError`, as for any function; values out of bounds a `ValueError` naming the limit.
pub fn from_kwargs(py: Python<'_>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Limits> {
    let mut limits = Limits::default();
    for (key, value) in kwargs.into_iter().flat_map(|d| d.iter()) {
        let key: String = key.extract()?;
        let Some(spec) = limits::spec(&key) else {
            let names: Vec<&str> = LIMITS.iter().map(|s| s.name).collect();
            return Err(PyTypeError::new_err(format!(
                "unexpected keyword argument '{key}': the limits are {}",
                names.join(", ")
            )));
        };
        limits.set(spec.name, argument(spec, &value)?).map_err(|e| to_py_err(py, e))?;
    }
    Ok(limits)
}

/// `limits` as a dict by name, in table order, with the Python type of each unit.
pub fn to_dict<'py>(py: Python<'py>, limits: &Limits) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for spec in LIMITS {
        d.set_item(spec.name, number(py, spec.unit, limits.get(spec.name).expect("a row of the table"))?)?;
    }
    Ok(d)
}
