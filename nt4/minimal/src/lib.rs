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

/// Whether `units` (UTF-16) equals the ASCII text `ascii`, ignoring ASCII
/// case.
fn eq_ignore_ascii_case(units: impl Iterator<Item = u16>, ascii: &str) -> bool {
    let mut want = ascii.bytes();
    for unit in units {
        let Some(w) = want.next() else { return false };
        let Ok(b) = u8::try_from(unit) else {
            return false;
        };
        if !b.eq_ignore_ascii_case(&w) {
            return false;
        }
    }
    want.next().is_none()
}

/// RAS asks whether to let a connection in.
fn accept(event: AcceptEvent<'_>) -> bool {
    let user = event.port().user_name();
    // With the panic-probe feature, a reachable panic: the link must fail.
    rassapi_nt4_rt::panic_probe(user.as_units().len());
    !eq_ignore_ascii_case(user.units(), REFUSED)
}

rassapi::admin_dll! {
    accept: accept,
}

#[cfg(test)]
mod tests {
    use super::eq_ignore_ascii_case;

    fn wide(s: &str) -> impl Iterator<Item = u16> + '_ {
        s.encode_utf16()
    }

    #[test]
    fn guest_in_any_ascii_case_and_nothing_else() {
        for refused in ["guest", "GUEST", "Guest", "gUeSt"] {
            assert!(eq_ignore_ascii_case(wide(refused), "guest"), "{refused}");
        }
        // Longer, shorter, empty, non-ASCII look-alikes (U+0130, fullwidth).
        for other in [
            "guests",
            "gues",
            "",
            " guest",
            "gu\u{0130}st",
            "\u{ff47}uest",
            "guest\u{0}",
        ] {
            assert!(!eq_ignore_ascii_case(wide(other), "guest"), "{other:?}");
        }
    }
}
