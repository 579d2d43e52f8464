//! The hang-up line: which fields, in which order.

use rassapi::{Error, HangupEvent, ParamValue};

use crate::line::Line;

/// The `MAXCONNECTBPS` media parameter logged as `connectbps`.
const CONNECT_BPS_KEY: &str = "MAXCONNECTBPS";

/// Writes the line for one hang-up (one port of the connection):
///
/// `hangup` `user=` `domain=` `computer=` `port=` `device=` (UTF-16 to
/// UTF-8, a lone surrogate or control character as U+FFFD), `start=`
/// (`dwStartSessionTime`), `speed=` (`LineSpeed`), `flags=` (`Flags`),
/// `multilink=` (1 if `PORT_MULTILINKED`), the connection totals
/// `bytes_sent=` `bytes_received=` `frames_sent=` `frames_received=`, this
/// port's `port_bytes_sent=` `port_bytes_received=`, and `connectbps=`: the
/// `MAXCONNECTBPS` parameter as a decimal number or its string, `-` when
/// absent, `?` when its type (`P_Type`) is unknown. All numbers decimal;
/// fields separated by one TAB.
///
/// # Errors
///
/// The parameter's error when `MAXCONNECTBPS` is a string RAS described
/// inconsistently (null data, data outside `SizeMediaParms`): the line is
/// then left untouched, for the caller to log `malformed` instead.
pub fn hangup(line: &mut Line, event: &HangupEvent<'_>) -> Result<(), Error> {
    // First, as it is the only field that can fail.
    let connect_bps = match event.param(CONNECT_BPS_KEY) {
        None => None,
        Some(param) => Some(param.value()?),
    };
    let port = event.port();
    line.push_str("hangup");
    line.field("user");
    line.push_utf16(port.user_name().units());
    line.field("domain");
    line.push_utf16(port.logon_domain().units());
    line.field("computer");
    line.push_utf16(port.computer().units());
    line.field("port");
    line.push_utf16(port.port_name().units());
    line.field("device");
    line.push_utf16(port.device_name().units());
    line.field_u32("start", port.start_time_raw());
    line.field_u32("speed", port.line_speed());
    let flags = port.flags();
    line.field_u32("flags", flags.bits());
    line.field_u32("multilink", u32::from(flags.is_multilinked()));

    let statistics = event.statistics();
    let total = statistics.connection();
    let this_port = statistics.this_port();
    line.field_u32("bytes_sent", total.bytes_sent);
    line.field_u32("bytes_received", total.bytes_received);
    line.field_u32("frames_sent", total.frames_sent);
    line.field_u32("frames_received", total.frames_received);
    line.field_u32("port_bytes_sent", this_port.bytes_sent);
    line.field_u32("port_bytes_received", this_port.bytes_received);

    line.field("connectbps");
    match connect_bps {
        None => line.push_str("-"),
        Some(ParamValue::Number(n)) => line.push_u32(n),
        Some(ParamValue::String(s)) => line.push_ansi(s),
        Some(_) => line.push_str("?"),
    }
    Ok(())
}
