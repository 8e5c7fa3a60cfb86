//! The time left in the run a host function serves, for Python host functions that wait on something
//! outside (`fetch()`, an async host function, a query function): they must give up when the run's time
//! is up or the run is cancelled, not hold the run past its limit. The engine's `CallContext` is the one
//! source; this module makes it reachable from Python during the call.

use std::cell::RefCell;

use micropython_sandbox::CallContext;
use pyo3::prelude::*;

thread_local! {
    static CALL: RefCell<Option<CallContext>> = const { RefCell::new(None) };
}

/// Makes `ctx` the host call being served on this thread until dropped (calls nest: a host function
/// may run another sandbox whose host functions run in turn).
pub(crate) struct CallScope(Option<CallContext>);

impl CallScope {
    pub(crate) fn enter(ctx: &CallContext) -> Self {
        CallScope(CALL.with(|c| c.replace(Some(ctx.clone()))))
    }
}

impl Drop for CallScope {
    fn drop(&mut self) {
        CALL.with(|c| *c.borrow_mut() = self.0.take());
    }
}

/// Seconds left in the run whose host call this thread is serving (0 once past or cancelled), or None
/// outside a host call.
#[pyfunction]
fn host_call_time_left() -> Option<f64> {
    CALL.with(|c| c.borrow().as_ref().map(|ctx| ctx.time_left().as_secs_f64()))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(host_call_time_left, m)?)
}
