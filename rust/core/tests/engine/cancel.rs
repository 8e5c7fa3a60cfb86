//! Cancel and close from another thread: a run in progress stops promptly however the guest is
//! busy (bytecode, sleeping, inside a host call, catching the interrupt), and neither call waits for it.

use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use micropython_sandbox::{CallContext, Error, HostError, HostFunction, Limits, Reply, RunOptions, Sandbox, Value};

fn sandbox(time_limit: Duration, hard_grace: Duration) -> Sandbox {
    Sandbox::new(Limits { time_limit, hard_grace, ..Limits::default() }).unwrap()
}

fn value(sb: &mut Sandbox, code: &str) -> String {
    sb.run(code, RunOptions { eval_trailing: true, ..RunOptions::default() }).unwrap().value.unwrap_or_default()
}

/// Starts `code` on a thread, cancels (or closes) it after `after`, and returns the run's result with
/// how long the run took after the request.
fn interrupt(
    mut sb: Sandbox,
    code: &'static str,
    after: Duration,
    close: bool,
) -> (Result<(), Error>, Duration, Sandbox) {
    let control = sb.control();
    let runner = thread::spawn(move || {
        let result = sb.run(code, RunOptions::default()).map(|_| ());
        (result, Instant::now(), sb)
    });
    thread::sleep(after);
    let asked = Instant::now();
    if close {
        control.close();
    } else {
        assert!(control.cancel(), "a run was in progress");
    }
    assert!(asked.elapsed() < Duration::from_millis(5), "cancel/close waited for the run");
    let (result, ended, sb) = runner.join().unwrap();
    (result, ended.saturating_duration_since(asked), sb)
}

#[test]
fn cancel_interrupts_bytecode_and_keeps_the_session() {
    let mut sb = sandbox(Duration::from_secs(30), Duration::from_secs(1));
    sb.run("kept = 41", RunOptions::default()).unwrap();
    let (result, took, mut sb) = interrupt(sb, "while True:\n    kept += 0", Duration::from_millis(100), false);
    match result {
        Err(Error::Cancelled { session_reset: false, exception: Some(e), .. }) => {
            assert_eq!(e.type_name, "KeyboardInterrupt")
        }
        other => panic!("{other:?}"),
    }
    assert!(took < Duration::from_millis(100), "{took:?}");
    assert_eq!(value(&mut sb, "kept + 1"), "42");
    assert!(!sb.cancel(), "nothing to cancel between runs");
    assert_eq!(value(&mut sb, "sum(range(1000))"), "499500", "the next run is not cancelled");
}

#[test]
fn cancel_wakes_a_sleeping_guest() {
    let sb = sandbox(Duration::from_secs(30), Duration::from_secs(1));
    let (result, took, _) = interrupt(sb, "import time\ntime.sleep(20)", Duration::from_millis(100), false);
    assert!(matches!(result, Err(Error::Cancelled { session_reset: false, .. })), "{result:?}");
    assert!(took < Duration::from_millis(100), "{took:?}");
}

#[test]
fn a_guest_that_swallows_the_interrupt_is_stopped_after_hard_grace() {
    let sb = sandbox(Duration::from_secs(30), Duration::from_millis(200));
    let code = "while True:\n    try:\n        while True: pass\n    except KeyboardInterrupt:\n        pass";
    let (result, took, mut sb) = interrupt(sb, code, Duration::from_millis(100), false);
    assert!(matches!(result, Err(Error::Cancelled { session_reset: true, .. })), "{result:?}");
    assert!(took < Duration::from_millis(200) + Duration::from_millis(150), "{took:?}");
    assert_eq!(value(&mut sb, "1 + 1"), "2");
}

/// Sleeps in slices, stopping early when the run is cancelled, as long host work should.
struct Slow;

impl HostFunction for Slow {
    fn call(&self, ctx: &CallContext, _: Vec<Value>, _: Vec<(String, Value)>) -> Result<Reply, HostError> {
        let until = Instant::now() + Duration::from_secs(10);
        while Instant::now() < until && !ctx.cancelled() {
            thread::sleep(Duration::from_millis(5));
        }
        Ok(Reply::Value(Value::Int(ctx.time_left().as_millis() as i64)))
    }
}

#[test]
fn close_during_a_host_call_returns_at_once_and_the_run_sees_closed() {
    let mut sb = sandbox(Duration::from_secs(30), Duration::from_secs(1));
    sb.register("slow", Arc::new(Slow)).unwrap();
    let (result, took, mut sb) = interrupt(sb, "while True:\n    slow()", Duration::from_millis(100), true);
    assert!(matches!(result, Err(Error::Closed)), "{result:?}");
    assert!(took < Duration::from_millis(100), "{took:?}");
    assert!(sb.is_closed());
    assert!(matches!(sb.run("1", RunOptions::default()), Err(Error::Closed)));
}

#[test]
fn close_of_an_idle_sandbox_refuses_later_runs() {
    let mut sb = sandbox(Duration::from_secs(1), Duration::from_secs(1));
    sb.control().close();
    assert!(matches!(sb.run("1", RunOptions::default()), Err(Error::Closed)));
    assert!(matches!(sb.call("f", &[]), Err(Error::Closed)));
}
