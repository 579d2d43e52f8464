//! The same hostile triples through the exports that `export_hangup!` and
//! `export_accept!` generate: the handler runs iff `from_raw` accepts, sees
//! the same values, and a rejection reaches the error hook as
//! `ExportError::Malformed` with `from_raw`'s error. A caught panic (a failed
//! check inside the handler, or a bug in the crate) aborts, so libFuzzer
//! reports it.
#![no_main]

use rassapi::export::ExportError;
use rassapi::{AcceptEvent, Error, HangupEvent};
use rassapi_fuzz::{Bound, Case, check_view};
use std::cell::RefCell;

/// What the current input expects, for the handlers (plain fn items).
struct Current {
    case: Case,
    expected: Result<Bound, Error>,
    handled: u32,
    malformed: Vec<Error>,
}

thread_local! {
    static CURRENT: RefCell<Option<Current>> = const { RefCell::new(None) };
}

fn with_current<R>(f: impl FnOnce(&mut Current) -> R) -> R {
    CURRENT.with(|c| f(c.borrow_mut().as_mut().expect("set by the target")))
}

fn hangup(event: HangupEvent<'_>) {
    with_current(|cur| {
        let bound = cur
            .expected
            .clone()
            .expect("handler called although from_raw must reject");
        check_view!(
            event,
            &cur.case.raw_expect(bound),
            full = true,
            lookups = true
        );
        cur.handled += 1;
    });
}

fn accept(event: AcceptEvent<'_>) -> bool {
    with_current(|cur| {
        let bound = cur
            .expected
            .clone()
            .expect("handler called although from_raw must reject");
        check_view!(
            event,
            &cur.case.raw_expect(bound),
            full = true,
            lookups = true
        );
        cur.handled += 1;
    });
    event.params().len().is_multiple_of(2)
}

fn on_error(error: &ExportError) {
    match error {
        ExportError::Malformed { error, .. } => {
            with_current(|cur| cur.malformed.push(error.clone()));
        }
        other => {
            // A check failed in a handler, or the crate panicked: the export
            // caught it, but it is a finding.
            eprintln!("export fuzz: {other}");
            std::process::abort();
        }
    }
}

rassapi::export_hangup!(hangup, on_error = on_error);
rassapi::export_accept!(accept, on_error = on_error);

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let case = Case::new(data);
    let expected = case.expected_from_raw();
    let (port, stats, params) = (
        case.port.cast_mut(),
        case.stats.cast_mut(),
        case.params.cast_mut(),
    );
    let even = expected.is_ok() && case.real().is_multiple_of(2);
    CURRENT.with(|c| {
        *c.borrow_mut() = Some(Current {
            case,
            expected,
            handled: 0,
            malformed: Vec::new(),
        })
    });
    // SAFETY: `Case` honours from_raw's contract; it lives in CURRENT until
    // both calls return and nobody writes the arena meanwhile.
    unsafe { RasAdminConnectionHangupNotification(port, stats, params) };
    // SAFETY: as above.
    let answer = unsafe { RasAdminAcceptNewConnection(port, stats, params) };
    let cur = CURRENT.with(|c| c.borrow_mut().take()).expect("still set");
    match &cur.expected {
        Ok(_) => {
            assert_eq!(
                (cur.handled, cur.malformed.len()),
                (2, 0),
                "handlers not both run"
            );
            assert_eq!(answer != 0, even, "accept's answer is the handler's");
        }
        Err(e) => {
            assert_eq!(cur.handled, 0, "handler run on a rejected triple");
            assert_eq!(
                cur.malformed,
                [e.clone(), e.clone()],
                "hook told the wrong error"
            );
            assert_eq!(answer, 0, "accept fails closed");
        }
    }
});
