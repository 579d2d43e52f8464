//! The accounting hook as a `no_std` RAS admin DLL for Windows NT 4.0:
//! one text line per hang-up appended to `<system directory>\rasacct.log`
//! (`%SystemRoot%\system32\rasacct.log`). Built by `cargo rassapi build`.
//!
//! A line per port: a two-link multilink connection ends with two lines,
//! the same connection totals on both, each with its own port's counters.
//! See [`record::hangup`] for the fields. When RAS's data cannot be read
//! (the view cannot be built, or the `MAXCONNECTBPS` string is described
//! inconsistently) the line is `malformed\t<what was wrong>` instead, see
//! [`error_kind`].
//!
//! No allocator and no global state: the line is built on the stack and
//! written with one `WriteFile` to a handle opened for `FILE_APPEND_DATA`,
//! so concurrent hang-ups never interleave their lines. The other three
//! callbacks are `rassapi::admin_dll!`'s neutral defaults (accept
//! everyone, keep RAS's IP address).
#![no_std]
#![deny(missing_docs)]
// Off Windows only `line`'s unit tests are built (`cargo test` on the host).
#![cfg_attr(not(windows), allow(dead_code, unused_imports))]

mod line;
#[cfg(windows)]
mod log_file;
mod record;

use rassapi::HangupEvent;
use rassapi::export::ExportError;

use line::Line;

/// RAS's hang-up notification, once per port.
#[cfg(windows)]
fn on_hangup(event: HangupEvent<'_>) {
    let mut line = Line::new();
    if let Err(error) = record::hangup(&mut line, &event) {
        line = Line::new();
        line.push_str("malformed\t");
        error_kind(&mut line, &error);
    }
    log_file::append(line.finish());
}

/// An export could not build its view (null or misaligned pointers, bad
/// parameter sizes): log that instead of a record. `admin_dll!` calls this
/// hook for all four exports, so malformed input to accept, get-IP or
/// release is logged the same way.
#[cfg(windows)]
fn on_error(error: &ExportError) {
    let mut line = Line::new();
    line.push_str("malformed\t");
    match error {
        ExportError::Malformed { error, .. } => error_kind(&mut line, error),
        // `unterminated` (a name argument without NUL).
        _ => line.push_str(error.name()),
    }
    log_file::append(line.finish());
}

/// What was wrong, in a fixed form: `null:<argument>`,
/// `misaligned:<argument>`, or the error's [`rassapi::Error::name`] alone
/// (`params_missing`, `null_string_data`, `string_out_of_bounds`,
/// `invalid_media_size`, `string_too_long`, ...). (Formatting the error's
/// message would bring `core::fmt` in, for little gain in a log of this
/// kind.)
fn error_kind(line: &mut Line, error: &rassapi::Error) {
    line.push_str(error.name());
    if let rassapi::Error::Null { field } | rassapi::Error::Misaligned { field, .. } = error {
        line.push_str(":");
        line.push_str(field);
    }
}

#[cfg(windows)]
rassapi::admin_dll! {
    on_error: on_error,
    hangup: on_hangup,
}

#[cfg(test)]
mod tests {
    use super::*;
    use rassapi::Error;

    fn check(error: Error, want: &[u8]) {
        let mut line = Line::new();
        error_kind(&mut line, &error);
        assert_eq!(line.finish(), want, "{error:?}");
    }

    #[test]
    fn error_kinds_are_the_crate_names_with_the_argument() {
        check(Error::Null { field: "pRasPort1" }, b"null:pRasPort1\r\n");
        let misaligned = Error::Misaligned {
            field: "pRasStats",
            align: 4,
        };
        check(misaligned, b"misaligned:pRasStats\r\n");
        check(Error::ParamsMissing { count: 2 }, b"params_missing\r\n");
        let null_data = Error::NullStringData {
            index: 0,
            length: 5,
        };
        check(null_data, b"null_string_data\r\n");
        let too_long = Error::StringTooLong {
            index: 0,
            length: 5000,
            max: 1024,
        };
        check(too_long, b"string_too_long\r\n");
    }
}
