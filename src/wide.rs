//! [`WideStr`]: a borrowed view of a fixed `WCHAR` array, plus the crate's
//! helpers for fixed `CHAR` arrays.

use crate::Error;
use core::ffi::c_char;
use core::fmt::{self, Write as _};
use core::hash::{Hash, Hasher};

/// UTF-16 text borrowed from a fixed-size `WCHAR` array of a RAS structure.
///
/// The text ends at the first NUL or at the end of the array, whichever
/// comes first: a host that fills the array to the last unit without a
/// terminator is read correctly, never past the array.
///
/// The text is not checked when the view is made. [`Display`](fmt::Display)
/// shows unpaired surrogates as U+FFFD and does not allocate;
/// `to_string_strict` (feature `std`) and [`check_utf16`](Self::check_utf16)
/// report them instead.
///
/// ```
/// use rassapi::WideStr;
///
/// let buf: [u16; 6] = [b'C' as u16, b'O' as u16, b'M' as u16, b'1' as u16, 0, b'x' as u16];
/// let name = WideStr::new(&buf);
/// assert_eq!(name.as_units().len(), 4);
/// assert!(name.eq_str("COM1"));
/// assert_eq!(name, "COM1");
/// assert_eq!(format!("[{name:>6}]"), "[  COM1]");
///
/// let bad = WideStr::new(&[0x41, 0xD800]); // unpaired surrogate, no terminator
/// assert_eq!(bad.to_string(), "A\u{FFFD}");
/// assert!(bad.to_string_strict().is_err());
/// ```
#[derive(Clone, Copy)]
pub struct WideStr<'a> {
    /// The whole array: the terminator is found while reading, so reading
    /// the text walks the array once (no scan up front).
    buf: &'a [u16],
    field: &'static str,
}

impl<'a> WideStr<'a> {
    /// Views `buf` up to its first NUL (or all of it if it has none).
    #[inline]
    pub fn new(buf: &'a [u16]) -> Self {
        Self::named(buf, "WCHAR array")
    }

    /// Like [`new`](Self::new), naming the C field for error messages.
    #[inline]
    pub(crate) fn named(buf: &'a [u16], field: &'static str) -> Self {
        WideStr { buf, field }
    }

    /// The UTF-16 code units, without the terminator (found by a scan).
    #[inline]
    pub fn as_units(&self) -> &'a [u16] {
        let len = self.buf.iter().position(|&u| u == 0);
        // `position` is within the array; `get` keeps this free of panics.
        len.and_then(|len| self.buf.get(..len)).unwrap_or(self.buf)
    }

    /// The code units up to the terminator, found as they are read: the
    /// cheapest way to walk the text once.
    #[inline]
    pub fn units(&self) -> impl Iterator<Item = u16> + Clone + 'a {
        self.buf.iter().copied().take_while(|&u| u != 0)
    }

    /// Whether the text is empty (the array starts with NUL).
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.buf.first().is_none_or(|&u| u == 0)
    }

    /// The characters, with unpaired surrogates replaced by U+FFFD.
    #[inline]
    pub fn chars_lossy(&self) -> impl Iterator<Item = char> + 'a {
        char::decode_utf16(self.units()).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
    }

    /// Whether the text equals `s` exactly, without allocating.
    #[inline]
    pub fn eq_str(&self, s: &str) -> bool {
        self.units().eq(s.encode_utf16())
    }

    /// Whether the text equals `s` ignoring ASCII case (`a`-`z` against
    /// `A`-`Z`; every other character must be equal), without allocating.
    #[inline]
    pub fn eq_ignore_ascii_case(&self, s: &str) -> bool {
        let fold = |u: u16| match u8::try_from(u) {
            Ok(b) => u16::from(b.to_ascii_lowercase()),
            Err(_) => u,
        };
        self.units().map(fold).eq(s.encode_utf16().map(fold))
    }

    /// Whether the text equals `s` ignoring case, the way Windows compares
    /// account and computer names, without allocating.
    ///
    /// Both sides are compared character by character after Unicode
    /// lowercasing ([`char::to_lowercase`], which needs no `std`): ASCII
    /// and simple case pairs such as `É`/`é` or `Σ`/`σ` match. It is not
    /// full case folding: `ß` does not match `SS`. An unpaired surrogate
    /// compares as U+FFFD.
    ///
    /// ```
    /// use rassapi::WideStr;
    ///
    /// let units: Vec<u16> = "GuEsT".encode_utf16().collect();
    /// assert!(WideStr::new(&units).eq_ignore_case("guest"));
    /// let units: Vec<u16> = "ÉLODIE".encode_utf16().collect();
    /// assert!(WideStr::new(&units).eq_ignore_case("élodie"));
    /// assert!(!WideStr::new(&units).eq_ignore_case("elodie"));
    /// ```
    pub fn eq_ignore_case(&self, s: &str) -> bool {
        // ASCII first: no table lookups for the common case.
        if self.eq_ignore_ascii_case(s) {
            return true;
        }
        self.chars_lossy()
            .flat_map(char::to_lowercase)
            .eq(s.chars().flat_map(char::to_lowercase))
    }

    /// `Ok` if the text is valid UTF-16: the `core` form of the check
    /// `to_string_strict` (feature `std`) makes.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidUtf16`] naming the field and the first unpaired
    /// surrogate.
    pub fn check_utf16(&self) -> Result<(), Error> {
        let mut position = 0usize;
        for c in char::decode_utf16(self.units()) {
            match c {
                Ok(c) => position = position.wrapping_add(c.len_utf16()),
                Err(e) => {
                    return Err(Error::InvalidUtf16 {
                        field: self.field,
                        position,
                        unit: e.unpaired_surrogate(),
                    });
                }
            }
        }
        Ok(())
    }

    /// The text as a `String`. Without `std`: [`check_utf16`](Self::check_utf16)
    /// and [`Display`](fmt::Display) or [`chars_lossy`](Self::chars_lossy).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidUtf16`] naming the field and the first unpaired
    /// surrogate.
    #[cfg(feature = "std")]
    pub fn to_string_strict(&self) -> Result<String, Error> {
        let mut out = String::with_capacity(self.buf.len());
        let mut position = 0;
        for c in char::decode_utf16(self.units()) {
            match c {
                Ok(c) => {
                    out.push(c);
                    position += c.len_utf16();
                }
                Err(e) => {
                    return Err(Error::InvalidUtf16 {
                        field: self.field,
                        position,
                        unit: e.unpaired_surrogate(),
                    });
                }
            }
        }
        Ok(out)
    }

    /// The units as an `OsString`, which keeps unpaired surrogates. Without
    /// `std`: [`as_units`](Self::as_units).
    #[cfg(all(windows, feature = "std"))]
    pub fn to_os_string(&self) -> std::ffi::OsString {
        use std::os::windows::ffi::OsStringExt as _;
        std::ffi::OsString::from_wide(self.as_units())
    }
}

impl fmt::Display for WideStr<'_> {
    /// Lossy, honours width, fill, alignment and precision like `str`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let max = f.precision().unwrap_or(usize::MAX);
        let chars = || self.chars_lossy().take(max);
        let Some(width) = f.width() else {
            return write_chars(f, chars());
        };
        // Padding needs the length first; counting twice beats allocating.
        let pad = width.saturating_sub(chars().count());
        let (pre, post) = match f.align() {
            Some(fmt::Alignment::Right) => (pad, 0),
            Some(fmt::Alignment::Center) => (pad / 2, pad - pad / 2),
            _ => (0, pad),
        };
        let fill = f.fill();
        (0..pre).try_for_each(|_| f.write_char(fill))?;
        write_chars(f, chars())?;
        (0..post).try_for_each(|_| f.write_char(fill))
    }
}

/// Writes `chars` in UTF-8 chunks of up to 128 bytes: one `write_str` per
/// chunk instead of one `write_char` (a dynamic call) per character.
fn write_chars(f: &mut fmt::Formatter<'_>, chars: impl Iterator<Item = char>) -> fmt::Result {
    const CHUNK: usize = 128;
    let mut buf = [0u8; CHUNK];
    let mut len = 0;
    for c in chars {
        if len > CHUNK - 4 {
            f.write_str(utf8(&buf[..len]))?;
            len = 0;
        }
        if c.is_ascii() {
            buf[len] = c as u8;
            len += 1;
        } else {
            len += c.encode_utf8(&mut buf[len..len + 4]).len();
        }
    }
    f.write_str(utf8(&buf[..len]))
}

/// `bytes` as `&str`: `write_chars` fills its buffer with whole characters
/// only (ASCII bytes and `char::encode_utf8` output).
fn utf8(bytes: &[u8]) -> &str {
    // SAFETY: see above; a chunk is flushed before a character could be
    // split, so `bytes` is always valid UTF-8.
    unsafe { core::str::from_utf8_unchecked(bytes) }
}

impl fmt::Debug for WideStr<'_> {
    /// Quoted and escaped; an unpaired surrogate shows as `\u{d800}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('"')?;
        for c in char::decode_utf16(self.units()) {
            match c {
                Ok(c) => c.escape_debug().try_for_each(|e| f.write_char(e))?,
                Err(e) => write!(f, "\\u{{{:x}}}", e.unpaired_surrogate())?,
            }
        }
        f.write_char('"')
    }
}

/// Compares the text, not the field it came from.
impl PartialEq for WideStr<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.units().eq(other.units())
    }
}

impl Eq for WideStr<'_> {}

impl Hash for WideStr<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_units().hash(state);
    }
}

impl PartialEq<str> for WideStr<'_> {
    fn eq(&self, other: &str) -> bool {
        self.eq_str(other)
    }
}

impl PartialEq<&str> for WideStr<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.eq_str(other)
    }
}

/// Every byte of a fixed `CHAR` array, terminator and what follows included.
#[inline]
pub(crate) fn ansi_array<const N: usize>(buf: &[c_char; N]) -> &[u8; N] {
    // SAFETY: `c_char` is `i8` or `u8`: same size and alignment as `u8`, and
    // every bit pattern is valid for both. Same memory, same lifetime.
    unsafe { &*buf.as_ptr().cast::<[u8; N]>() }
}

/// The bytes of a fixed `CHAR` array up to its first NUL (or all of it).
#[inline]
pub(crate) fn ansi_bytes<const N: usize>(buf: &[c_char; N]) -> &[u8] {
    let bytes = ansi_array(buf);
    let len = bytes.iter().position(|&b| b == 0);
    &bytes[..len.unwrap_or(bytes.len())]
}

/// The bytes of a fixed `CHAR` array up to its first NUL, found while
/// iterating.
#[inline]
pub(crate) fn ansi_iter(buf: &[c_char]) -> impl Iterator<Item = u8> + Clone + '_ {
    // `as u8` reinterprets an `i8` `CHAR`; ANSI text is bytes.
    buf.iter().map(|&c| c as u8).take_while(|&b| b != 0)
}

/// `bytes` as `&str` if it is all ASCII (ANSI text means the same in every
/// code page only there).
pub(crate) fn ascii_str<'a>(bytes: &'a [u8], field: &'static str) -> Result<&'a str, Error> {
    if let Some((position, &byte)) = bytes.iter().enumerate().find(|(_, b)| !b.is_ascii()) {
        return Err(Error::NotAscii {
            field,
            position,
            byte,
        });
    }
    // All ASCII, hence UTF-8; the error arm is unreachable but harmless.
    core::str::from_utf8(bytes).map_err(|e| Error::NotAscii {
        field,
        position: e.valid_up_to(),
        byte: 0,
    })
}
