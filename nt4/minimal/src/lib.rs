//! A minimal `no_std` RAS admin DLL for Windows NT 4.0: refuses the user
//! `guest` (in any ASCII case), accepts everyone else. The other three
//! callbacks are `rassapi::admin_dll!`'s neutral defaults. It imports
//! nothing at all. Built by `scripts/build-nt4`.
#![no_std]
#![deny(missing_docs)]

use rassapi::AcceptEvent;

// The entry point and the panic handler (with its link-time proof).
use rassapi_nt4_rt as _;

/// The refused user name.
const REFUSED: &str = "guest";

/// RAS asks whether to let a connection in.
fn accept(event: AcceptEvent<'_>) -> bool {
    let user = event.port().user_name();
    // With the panic-probe feature, a reachable panic: the link must fail.
    rassapi_nt4_rt::panic_probe(user.as_units().len());
    !user.eq_ignore_ascii_case(REFUSED)
}

rassapi::admin_dll! {
    accept: accept,
}
