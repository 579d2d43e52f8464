//! Dotted-decimal IPv4 text in a fixed UTF-16 array, parsed without
//! allocating.

use core::net::Ipv4Addr;

use crate::WideStr;

/// `text` as an IPv4 address, if it is exactly one in dotted decimal.
pub(crate) fn parse(text: WideStr<'_>) -> Option<Ipv4Addr> {
    // "255.255.255.255" is 15 ASCII characters; anything longer is not one.
    let mut buf = [0u8; 15];
    let units = text.as_units();
    if units.len() > buf.len() {
        return None;
    }
    for (dst, &unit) in buf.iter_mut().zip(units) {
        *dst = u8::try_from(unit).ok().filter(u8::is_ascii)?;
    }
    let text = core::str::from_utf8(buf.get(..units.len())?).ok()?;
    text.parse().ok()
}
