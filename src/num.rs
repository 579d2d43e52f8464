//! [`NumBuf`]: integers and IPv4 addresses as ASCII text in a stack
//! buffer, without `core::fmt` and without a reachable panic.

use core::fmt;
use core::net::Ipv4Addr;

use crate::event::ipv4_from_ipaddr;
use crate::sys::IPADDR;

/// Bytes a [`NumBuf`] holds: the longest text it makes, `i64::MIN` in
/// decimal (`-9223372036854775808`, 20 bytes; `u64::MAX` is 20 digits too).
pub const NUM_BUF_CAPACITY: usize = 20;

/// The ASCII text of one number (decimal or hexadecimal) or one IPv4
/// address, written into a fixed 20-byte array on the stack.
///
/// For log lines of `no_std` DLLs: no allocator, no `core::fmt` (whose
/// machinery weighs a few kilobytes in an NT 4.0 DLL), and no indexing or
/// arithmetic that could panic, so a handler that uses it still links
/// under the crate's no-panic proof (`scripts/check-nostd`). The text is
/// what `format!` would give: `{}` for the decimal forms, `{:x}` for the
/// hexadecimal ones, `Ipv4Addr`'s `Display` for the dotted quad.
///
/// ```
/// use rassapi::NumBuf;
/// use std::net::Ipv4Addr;
///
/// assert_eq!(NumBuf::u32(28_800).as_str(), "28800");
/// assert_eq!(NumBuf::u64(u64::MAX).as_bytes(), b"18446744073709551615");
/// assert_eq!(NumBuf::i64(-42).as_str(), "-42");
/// assert_eq!(NumBuf::hex_u32(0xC0A8_0715).as_str(), "c0a80715");
/// assert_eq!(NumBuf::ipv4(Ipv4Addr::new(192, 168, 7, 21)).as_str(), "192.168.7.21");
/// // An `IPADDR` holds the address in network byte order.
/// let raw = rassapi::event::ipaddr_from_ipv4(Ipv4Addr::new(10, 0, 0, 2));
/// assert_eq!(NumBuf::ipaddr(raw).as_str(), "10.0.0.2");
/// ```
#[derive(Clone, Copy)]
pub struct NumBuf {
    bytes: [u8; NUM_BUF_CAPACITY],
    /// The text is `bytes[start..]`: it is written from the end backwards.
    /// Every byte from `start` on is ASCII.
    start: usize,
}

impl NumBuf {
    /// An empty buffer, to be filled from the end with [`push`](Self::push).
    #[inline]
    const fn empty() -> Self {
        NumBuf {
            bytes: [0; NUM_BUF_CAPACITY],
            start: NUM_BUF_CAPACITY,
        }
    }

    /// Puts the ASCII byte `b` before the text; dropped if the buffer is
    /// full (never the case for the texts made here).
    #[inline]
    fn push(&mut self, b: u8) {
        let Some(at) = self.start.checked_sub(1) else {
            return;
        };
        if let Some(slot) = self.bytes.get_mut(at) {
            *slot = b & 0x7F;
            self.start = at;
        }
    }

    /// Puts the decimal digits of `n` before the text (at least one).
    #[inline]
    fn push_decimal_u32(&mut self, mut n: u32) {
        loop {
            // `n % 10` is below 10, so the cast and the add are exact.
            self.push(b'0' + (n % 10) as u8);
            n /= 10;
            if n == 0 {
                break;
            }
        }
    }

    /// Puts the decimal digits of `n` before the text: 64-bit divisions
    /// only while `n` needs them (a library call on 32-bit x86), then
    /// [`push_decimal_u32`](Self::push_decimal_u32).
    #[inline]
    fn push_decimal_u64(&mut self, mut n: u64) {
        loop {
            match u32::try_from(n) {
                Ok(small) => return self.push_decimal_u32(small),
                Err(_) => {
                    self.push(b'0' + (n % 10) as u8);
                    n /= 10;
                }
            }
        }
    }

    /// Puts the lowercase hexadecimal digits of `n` before the text (at
    /// least one).
    #[inline]
    fn push_hex_u64(&mut self, mut n: u64) {
        loop {
            let digit = (n & 0xF) as u8;
            self.push(if digit < 10 {
                b'0' + digit
            } else {
                b'a' + (digit - 10)
            });
            n >>= 4;
            if n == 0 {
                break;
            }
        }
    }

    /// `n` in decimal, as `format!("{n}")`.
    #[inline]
    pub fn u32(n: u32) -> Self {
        let mut buf = Self::empty();
        buf.push_decimal_u32(n);
        buf
    }

    /// `n` in decimal, as `format!("{n}")`.
    #[inline]
    pub fn u64(n: u64) -> Self {
        let mut buf = Self::empty();
        buf.push_decimal_u64(n);
        buf
    }

    /// `n` in decimal with a leading `-` when negative, as `format!("{n}")`
    /// (`i64::MIN` included).
    #[inline]
    pub fn i64(n: i64) -> Self {
        let mut buf = Self::u64(n.unsigned_abs());
        if n < 0 {
            buf.push(b'-');
        }
        buf
    }

    /// `n` in lowercase hexadecimal without prefix or padding, as
    /// `format!("{n:x}")`.
    #[inline]
    pub fn hex_u32(n: u32) -> Self {
        Self::hex_u64(u64::from(n))
    }

    /// `n` in lowercase hexadecimal without prefix or padding, as
    /// `format!("{n:x}")`.
    #[inline]
    pub fn hex_u64(n: u64) -> Self {
        let mut buf = Self::empty();
        buf.push_hex_u64(n);
        buf
    }

    /// The dotted quad `a.b.c.d`, as `Ipv4Addr`'s `Display` writes it (at
    /// most 15 bytes).
    #[inline]
    pub fn ipv4(address: Ipv4Addr) -> Self {
        let mut buf = Self::empty();
        let [a, b, c, d] = address.octets();
        for (octet, dot) in [(d, false), (c, true), (b, true), (a, true)] {
            // Written backwards: the dot after `a`, `b` and `c` comes first.
            if dot {
                buf.push(b'.');
            }
            buf.push_decimal_u32(u32::from(octet));
        }
        buf
    }

    /// The dotted quad of an `IPADDR` (network byte order, as RAS passes
    /// it: see [`ipv4_from_ipaddr`](crate::event::ipv4_from_ipaddr)).
    #[inline]
    pub fn ipaddr(raw: IPADDR) -> Self {
        Self::ipv4(ipv4_from_ipaddr(raw))
    }

    /// The text, as ASCII bytes (never empty).
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        // `start` never exceeds the capacity; `get` keeps that unproven.
        self.bytes.get(self.start..).unwrap_or(&[])
    }

    /// The text (never empty).
    #[inline]
    pub fn as_str(&self) -> &str {
        let bytes = self.as_bytes();
        // SAFETY: `push` is the only writer of the bytes from `start` on,
        // and it stores `b & 0x7F`: ASCII, so UTF-8.
        unsafe { core::str::from_utf8_unchecked(bytes) }
    }
}

impl AsRef<str> for NumBuf {
    #[inline]
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<[u8]> for NumBuf {
    #[inline]
    fn as_ref(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl fmt::Display for NumBuf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl fmt::Debug for NumBuf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq for NumBuf {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for NumBuf {}

#[cfg(test)]
mod tests {
    extern crate std;

    use super::*;
    use std::format;

    #[test]
    fn decimal_matches_format_at_every_digit_count() {
        let mut n: u64 = 1;
        for _ in 0..20 {
            for m in [n - 1, n, n.saturating_add(1), n.saturating_mul(7)] {
                assert_eq!(NumBuf::u64(m).as_str(), format!("{m}"));
                assert_eq!(NumBuf::hex_u64(m).as_str(), format!("{m:x}"));
                if let Ok(small) = u32::try_from(m) {
                    assert_eq!(NumBuf::u32(small).as_str(), format!("{small}"));
                    assert_eq!(NumBuf::hex_u32(small).as_str(), format!("{small:x}"));
                }
                if let Ok(signed) = i64::try_from(m) {
                    assert_eq!(NumBuf::i64(signed).as_str(), format!("{signed}"));
                    assert_eq!(NumBuf::i64(-signed).as_str(), format!("{}", -signed));
                }
            }
            n = n.saturating_mul(10);
        }
    }

    #[test]
    fn extremes() {
        assert_eq!(NumBuf::u32(0).as_str(), "0");
        assert_eq!(NumBuf::u32(u32::MAX).as_str(), "4294967295");
        assert_eq!(NumBuf::u64(u64::MAX).as_str(), "18446744073709551615");
        assert_eq!(NumBuf::i64(i64::MIN).as_str(), "-9223372036854775808");
        assert_eq!(NumBuf::i64(i64::MIN).as_bytes().len(), NUM_BUF_CAPACITY);
        assert_eq!(NumBuf::i64(i64::MAX).as_str(), "9223372036854775807");
        assert_eq!(NumBuf::hex_u64(u64::MAX).as_str(), "ffffffffffffffff");
        assert_eq!(NumBuf::hex_u32(0).as_str(), "0");
        assert_eq!(NumBuf::hex_u32(0xABCD_EF09).as_str(), "abcdef09");
    }

    #[test]
    fn dotted_quad_matches_display() {
        for octets in [
            [0, 0, 0, 0],
            [255, 255, 255, 255],
            [10, 0, 0, 2],
            [192, 168, 7, 21],
            [1, 20, 100, 9],
        ] {
            let address = Ipv4Addr::from(octets);
            assert_eq!(NumBuf::ipv4(address).as_str(), format!("{address}"));
            let raw = crate::event::ipaddr_from_ipv4(address);
            assert_eq!(NumBuf::ipaddr(raw), NumBuf::ipv4(address));
        }
    }

    #[test]
    fn display_pads_and_debug_quotes() {
        let n = NumBuf::u32(42);
        assert_eq!(format!("[{n:>5}]"), "[   42]");
        assert_eq!(format!("{n:?}"), "\"42\"");
        assert_ne!(NumBuf::u32(42), NumBuf::u32(420));
    }
}
