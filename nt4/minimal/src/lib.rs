//! A minimal `no_std` RAS admin DLL for Windows NT 4.0: refuses the user
//! `guest` (in any ASCII case), accepts everyone else. The other three
//! callbacks are `rassapi::admin_dll!`'s neutral defaults. It imports
//! nothing at all. Built by `cargo rassapi build --windows nt4`.
#![no_std]
#![deny(missing_docs)]

use rassapi::AcceptEvent;

/// The refused user name.
const REFUSED: &str = "guest";

/// RAS asks whether to let a connection in.
fn accept(event: AcceptEvent<'_>) -> bool {
    let user = event.port().user_name();
    // With the panic-probe feature, a reachable panic: the link must fail.
    #[cfg(feature = "panic-probe")]
    core::hint::black_box([1u8, 2, 3, 4][user.as_units().len()]);
    !user.eq_ignore_ascii_case(REFUSED)
}

rassapi::admin_dll! {
    accept: accept,
}
