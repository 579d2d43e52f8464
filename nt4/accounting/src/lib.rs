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
        _ => line.push_str("invalid"),
    }
    log_file::append(line.finish());
}

/// What was wrong, in a fixed form: `null:<argument>`,
/// `misaligned:<argument>`, `params_missing`, `null_string_data`,
/// `string_out_of_bounds`, `invalid_media_size`, or `invalid` for the other inconsistencies of
/// RAS's data. (Formatting the error's message would bring `core::fmt` in,
/// for little gain in a log of this kind.)
fn error_kind(line: &mut Line, error: &rassapi::Error) {
    match error {
        rassapi::Error::Null { field } => {
            line.push_str("null:");
            line.push_str(field);
        }
        rassapi::Error::Misaligned { field, .. } => {
            line.push_str("misaligned:");
            line.push_str(field);
        }
        rassapi::Error::ParamsMissing { .. } => line.push_str("params_missing"),
        rassapi::Error::NullStringData { .. } => line.push_str("null_string_data"),
        rassapi::Error::StringOutOfBounds { .. } => line.push_str("string_out_of_bounds"),
        rassapi::Error::InvalidMediaSize { .. } => line.push_str("invalid_media_size"),
        _ => line.push_str("invalid"),
    }
}

#[cfg(windows)]
rassapi::admin_dll! {
    on_error: on_error,
    hangup: on_hangup,
}
