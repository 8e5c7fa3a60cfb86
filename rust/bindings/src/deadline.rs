//! The deadline of the run a host function serves, for Python host functions that wait on something
//! outside (`fetch()`): they must give up when the run's time is up, not hold the run past its limit.

use std::cell::Cell;
use std::time::Instant;

use pyo3::prelude::*;

thread_local! {
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// Sets the deadline of the host call being served on this thread until dropped.
pub(crate) struct DeadlineScope(Option<Instant>);

impl DeadlineScope {
    pub(crate) fn enter(deadline: Instant) -> Self {
        DeadlineScope(DEADLINE.with(|d| d.replace(Some(deadline))))
    }
}

impl Drop for DeadlineScope {
    fn drop(&mut self) {
        DEADLINE.with(|d| d.set(self.0));
    }
}

/// Seconds left in the run whose host call this thread is serving (0 when past), or None outside a
/// host call.
#[pyfunction]
fn host_call_time_left() -> Option<f64> {
    DEADLINE.with(|d| d.get()).map(|at| at.saturating_duration_since(Instant::now()).as_secs_f64())
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(host_call_time_left, m)?)
}
