//! `datasette_micropython._engine`: the pyo3 layer over `micropython-sandbox`. It converts values
//! (`convert`), maps errors (`exceptions`), exposes the table of limits (`limits`) and the `Session`
//! class (`sandbox`), and releases the GIL while guest code runs. Everything else lives in the core
//! crate or in the Python package.

mod convert;
mod deadline;
mod exceptions;
mod host;
mod limits;
mod sandbox;
mod sql;
mod sql_functions;

use pyo3::prelude::*;

#[pymodule]
fn _engine(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<sandbox::Session>()?;
    m.add_class::<sandbox::RunResult>()?;
    m.add_class::<sandbox::CallResult>()?;
    m.add_class::<limits::Limit>()?;
    m.add_class::<sql_functions::SqlFunctions>()?;
    m.add("LIMITS", limits::table(m.py())?)?;
    exceptions::register(m)?;
    sql::register(m)?;
    deadline::register(m)?;
    Ok(())
}
