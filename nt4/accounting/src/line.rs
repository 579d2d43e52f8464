//! One log line, built in a fixed stack buffer: no allocator, no panic.

/// Bytes a line may take, CRLF included. The longest fields RAS can pass
/// (a 256-unit user name, a 127-unit device name, all at 3 UTF-8 bytes per
/// unit) and every number fit in well under half of it; a line that would
/// not fit is cut at a character boundary and still ends with CRLF.
pub const CAPACITY: usize = 2048;

/// A line of UTF-8 text under construction.
pub struct Line {
    buf: [u8; CAPACITY],
    len: usize,
    /// Set when something did not fit: later pushes are dropped too, so the
    /// line never has a hole.
    full: bool,
}

/// Room kept for the final CRLF.
const CRLF: &[u8] = b"\r\n";

impl Line {
    /// An empty line.
    pub const fn new() -> Self {
        Line {
            buf: [0; CAPACITY],
            len: 0,
            full: false,
        }
    }

    /// Appends `bytes` whole, or nothing if they do not fit before the CRLF.
    /// `bytes` must be UTF-8 on its own (one or more whole characters).
    fn push_bytes(&mut self, bytes: &[u8]) {
        let end = self.len.saturating_add(bytes.len());
        if self.full || end > CAPACITY - CRLF.len() {
            self.full = true;
            return;
        }
        if let Some(dst) = self.buf.get_mut(self.len..end) {
            // zip, not copy_from_slice: no length check that could panic.
            for (d, s) in dst.iter_mut().zip(bytes) {
                *d = *s;
            }
            self.len = end;
        }
    }

    /// Appends text.
    pub fn push_str(&mut self, s: &str) {
        self.push_bytes(s.as_bytes());
    }

    /// Appends one character, UTF-8 encoded. Control characters (TAB, CR,
    /// LF, ...) become U+FFFD so that a field cannot split the line.
    pub fn push_char(&mut self, c: char) {
        let c = if c.is_control() {
            char::REPLACEMENT_CHARACTER
        } else {
            c
        };
        let mut utf8 = [0u8; 4];
        self.push_bytes(c.encode_utf8(&mut utf8).as_bytes());
    }

    /// Appends UTF-16 text, a lone surrogate as U+FFFD.
    pub fn push_utf16(&mut self, units: impl Iterator<Item = u16>) {
        for c in char::decode_utf16(units) {
            self.push_char(c.unwrap_or(char::REPLACEMENT_CHARACTER));
        }
    }

    /// Appends ANSI bytes (a RAS string parameter): ASCII as is, any other
    /// byte as U+FFFD, since the code page is not known here.
    pub fn push_ansi(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.push_char(if b.is_ascii() {
                char::from(b)
            } else {
                char::REPLACEMENT_CHARACTER
            });
        }
    }

    /// Appends `n` in decimal.
    pub fn push_u32(&mut self, n: u32) {
        self.push_bytes(rassapi::NumBuf::u32(n).as_bytes());
    }

    /// Appends `\t<key>=` (the start of a field).
    pub fn field(&mut self, key: &str) {
        self.push_bytes(b"\t");
        self.push_str(key);
        self.push_bytes(b"=");
    }

    /// Appends `\t<key>=<n>`.
    pub fn field_u32(&mut self, key: &str, n: u32) {
        self.field(key);
        self.push_u32(n);
    }

    /// The finished line: the text and CRLF.
    pub fn finish(&mut self) -> &[u8] {
        let end = self.len + CRLF.len();
        if let Some(dst) = self.buf.get_mut(self.len..end) {
            for (d, s) in dst.iter_mut().zip(CRLF) {
                *d = *s;
            }
        }
        self.buf.get(..end).unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: &mut Line) -> &str {
        core::str::from_utf8(line.finish()).unwrap()
    }

    #[test]
    fn fields_numbers_and_utf16() {
        let mut l = Line::new();
        l.push_str("hangup");
        l.field("user");
        l.push_utf16([0x61, 0xe9, 0xd83d, 0xde00, 0xdc00, 0x62].into_iter());
        l.field_u32("n", 0);
        l.field_u32("max", u32::MAX);
        l.field("s");
        l.push_ansi(b"28\x8000\tx");
        assert_eq!(
            text(&mut l),
            "hangup\tuser=a\u{e9}\u{1f600}\u{fffd}b\tn=0\tmax=4294967295\ts=28\u{fffd}00\u{fffd}x\r\n"
        );
    }

    #[test]
    fn overlong_line_is_cut_and_still_ends_with_crlf() {
        let mut l = Line::new();
        for _ in 0..CAPACITY {
            l.push_char('\u{20ac}'); // 3 bytes each
        }
        l.push_str("after");
        let out = l.finish();
        assert!(out.len() <= CAPACITY);
        assert!(out.ends_with(b"\r\n"));
        let body = core::str::from_utf8(&out[..out.len() - 2]).unwrap();
        assert!(body.chars().all(|c| c == '\u{20ac}'));
    }
}
