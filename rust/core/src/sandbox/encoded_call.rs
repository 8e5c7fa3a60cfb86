//! `Sandbox::call_encoded`: the call path of SQL functions, where every call counts. Arguments arrive
//! already in codec form (the SQL function encodes SQLite's values straight into it) and the result is
//! left in codec form for the caller to turn into a SQLite value, so no `Value` tree is built either way.
//! Limits and errors are those of `Sandbox::call`: the run's deadlines are armed per call, a trap resets
//! the session.

use super::Sandbox;
use crate::error::{Error, GuestException};

impl Sandbox {
    /// Calls the guest's global function `name` with `args`, the codec bytes of a list; on success
    /// `result` holds the codec bytes of its return value (replacing what it held).
    pub fn call_encoded(&mut self, name: &str, args: &[u8], result: &mut Vec<u8>) -> Result<(), Error> {
        let (outcome, _) = self.invoke(|session| {
            let size = name.len() + args.len();
            let ptr = session.exports.buffer.call(&mut session.store, size as i32)?;
            if ptr == 0 {
                return Err(wasmtime::Error::msg("the guest could not allocate an input buffer"));
            }
            let memory = session.store.data().memory.expect("set at start");
            let start = ptr as u32 as usize;
            memory.write(&mut session.store, start, name.as_bytes())?;
            memory.write(&mut session.store, start + name.len(), args)?;
            let name_len = name.len() as i32;
            session.exports.call.call(&mut session.store, (ptr, name_len, ptr + name_len, args.len() as i32))
        })?;
        let session = self.session.as_mut().expect("invoke keeps a session");
        let run = &mut session.store.data_mut().run;
        let output = run.take_output();
        let encoded = run.encoded.take();
        let too_large = run.result_too_large;
        let status = self.check_status(outcome, output);
        self.unless_closed()?;
        status?;
        if too_large {
            let message = format!(
                "the return value of {name}() is over the host_payload_limit of {} bytes",
                self.limits.host_payload_limit
            );
            let traceback = format!("ValueError: {message}");
            let exception = GuestException { type_name: "ValueError".into(), message, traceback, line: None };
            return Err(Error::Guest { exception, output: Box::default() });
        }
        *result = encoded.unwrap_or_default();
        Ok(())
    }
}
