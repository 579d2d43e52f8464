//! [`Params`], [`Param`] and [`ParamValue`]: the media parameters of a port.

use crate::Error;
use crate::key_query::{KEY_SIZE, Query};
use crate::sys::{self, RAS_PARAMETERS};
use crate::wide::{ansi_array, ansi_bytes, ansi_iter, ascii_str};
use core::fmt;
use core::iter::{Enumerate, FusedIterator};
use core::marker::PhantomData;
use core::slice;

/// Longest string parameter read when the host leaves `SizeMediaParms` at 0
/// and so gives no bound of its own: 1024 bytes.
///
/// Real values (`CONNECTBPS`, `PortName`, ...) are a few dozen bytes; a
/// longer `Length` is taken as garbage and reported as
/// [`Error::StringTooLong`] instead of being read.
///
/// ```
/// assert_eq!(rassapi::MAX_STRING_PARAM_LEN, 1024);
/// ```
pub const MAX_STRING_PARAM_LEN: u32 = 1024;

/// The format of a media parameter (`P_Type`), as a Rust type.
///
/// ```
/// use rassapi::ParamFormat;
///
/// assert_eq!(ParamFormat::from_raw(rassapi::sys::ParamString), ParamFormat::String);
/// assert_eq!(ParamFormat::from_raw(9), ParamFormat::Unknown(9));
/// assert_eq!(ParamFormat::Number.to_string(), "ParamNumber");
/// assert_eq!(ParamFormat::Unknown(9).to_string(), "unknown format 9");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ParamFormat {
    /// `ParamNumber` (0): a `u32` in `P_Value.Number`.
    Number,
    /// `ParamString` (1): `Length` ANSI bytes at `P_Value.String.Data`.
    String,
    /// Any other `P_Type`, kept as given.
    Unknown(u32),
}

impl ParamFormat {
    /// The format a `P_Type` value names.
    #[inline]
    pub const fn from_raw(p_type: sys::RAS_PARAMS_FORMAT) -> ParamFormat {
        match p_type {
            sys::ParamNumber => ParamFormat::Number,
            sys::ParamString => ParamFormat::String,
            // `as` keeps the bits of the C enum as given.
            other => ParamFormat::Unknown(other as u32),
        }
    }

    /// The `P_Type` value: 0, 1 or the unknown one as given;
    /// [`from_raw`](Self::from_raw) gives back `self`.
    #[inline]
    pub const fn raw(self) -> u32 {
        match self {
            ParamFormat::Number => sys::ParamNumber as u32,
            ParamFormat::String => sys::ParamString as u32,
            ParamFormat::Unknown(other) => other,
        }
    }
}

impl fmt::Display for ParamFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParamFormat::Number => f.write_str("ParamNumber"),
            ParamFormat::String => f.write_str("ParamString"),
            ParamFormat::Unknown(n) => write!(f, "unknown format {n}"),
        }
    }
}

/// Where string parameter data may be read from.
///
/// The constructors' two bounded cases share one representation, so reading
/// a string tests the mode once and the range twice; this is the whole cost
/// of the view over unchecked pointer code in the parameter loop.
#[derive(Clone, Copy)]
pub(crate) enum StringBound<'a> {
    /// Bytes at addresses `lo..hi`, readable through `base` (same
    /// allocation) for 'a: the caller's slice (`new`), or the media buffer
    /// after the array (`from_raw` with a usable `SizeMediaParms`).
    Within {
        base: *const u8,
        lo: usize,
        hi: usize,
        _borrow: PhantomData<&'a [u8]>,
    },
    /// `from_raw` with `SizeMediaParms` 0: the `Safety` contract vouches for
    /// `Data..Data + Length`, capped at [`MAX_STRING_PARAM_LEN`].
    Capped,
}

impl<'a> StringBound<'a> {
    /// Strings must lie inside `bytes`.
    #[inline]
    pub(crate) fn slice(bytes: &'a [u8]) -> Self {
        let base = bytes.as_ptr();
        // A slice never wraps the address space.
        Self::within(base, 0, bytes.len())
    }

    /// Strings must lie in `base + tail .. base + size`.
    ///
    /// `base + size` must not wrap (true for any allocation; `from_raw`
    /// checks it), and `base..base + size` must be readable for 'a for the
    /// bound to be used by [`Param::value`].
    #[inline]
    pub(crate) fn within(base: *const u8, tail: usize, size: usize) -> Self {
        let lo = base.addr().saturating_add(tail.min(size));
        let hi = base.addr().saturating_add(size);
        StringBound::Within {
            base,
            lo,
            hi,
            _borrow: PhantomData,
        }
    }
}

/// One media parameter of a port: a view of a `RAS_PARAMETERS` element that
/// knows how far its string data may be read.
///
/// ```
/// use rassapi::{HangupEvent, ParamValue, sys};
///
/// let mut port = sys::RAS_PORT_1::default();
/// port.NumMediaParms = 1;
/// let mut param = sys::RAS_PARAMETERS::default();
/// param.P_Key[..10].copy_from_slice(&b"CONNECTBPS".map(|b| b as _));
/// param.P_Type = sys::ParamNumber;
/// param.P_Value.Number = 28_800;
/// let (stats, params) = (sys::RAS_PORT_STATISTICS::default(), [param]);
///
/// // SAFETY: string members are fully written (no `Number` literal tagged as string).
/// let event = unsafe { HangupEvent::new(&port, &stats, &params, &[]) }?;
/// let p = event.params().next().unwrap();
/// assert_eq!(p.key(), b"CONNECTBPS");
/// assert_eq!(p.key_str()?, "CONNECTBPS");
/// assert!(matches!(p.value()?, ParamValue::Number(28_800)));
/// # Ok::<(), rassapi::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct Param<'a> {
    raw: &'a RAS_PARAMETERS,
    index: usize,
    bound: StringBound<'a>,
}

impl<'a> Param<'a> {
    /// Position in the parameter array.
    #[inline]
    pub fn index(&self) -> usize {
        self.index
    }

    /// `P_Key` as ANSI bytes, up to the first NUL or the end of the 32-byte
    /// array.
    #[inline]
    pub fn key(&self) -> &'a [u8] {
        ansi_bytes(&self.raw.P_Key)
    }

    /// The bytes of [`key`](Self::key), the NUL found as they are read:
    /// one walk over the key instead of a scan and then a walk.
    #[inline]
    pub fn key_bytes(&self) -> impl Iterator<Item = u8> + Clone + 'a {
        ansi_iter(&self.raw.P_Key)
    }

    /// Whether [`key`](Self::key) equals `key`, ignoring ASCII case: the
    /// test [`HangupEvent::param`](crate::HangupEvent::param) applies.
    ///
    /// Cheaper than comparing `key()`: the whole 32-byte `P_Key` is compared
    /// at once with `key` padded by NULs, so the array is never scanned for
    /// its terminator first. A `key` holding a NUL never matches (`key()`
    /// ends at the first one).
    ///
    /// ```
    /// use rassapi::{HangupEvent, sys};
    ///
    /// let mut port = sys::RAS_PORT_1::default();
    /// port.NumMediaParms = 1;
    /// let mut param = sys::RAS_PARAMETERS::default();
    /// param.P_Key[..13].copy_from_slice(&b"MAXCONNECTBPS".map(|b| b as _));
    /// let (stats, params) = (sys::RAS_PORT_STATISTICS::default(), [param]);
    ///
    /// // SAFETY: `P_Value` is a `Number` (all zero), and tagged as one.
    /// let event = unsafe { HangupEvent::new(&port, &stats, &params, &[]) }?;
    /// let param = event.params().next().unwrap();
    /// assert!(param.key_eq_ignore_ascii_case("MaxConnectBps"));
    /// assert!(!param.key_eq_ignore_ascii_case("MAXCONNECT"));
    /// assert!(!param.key_eq_ignore_ascii_case("MAXCONNECTBPS\0"));
    /// # Ok::<(), rassapi::Error>(())
    /// ```
    #[inline]
    pub fn key_eq_ignore_ascii_case(&self, key: &str) -> bool {
        Query::new(key).is_some_and(|query| query.matches(self.key_array()))
    }

    /// All 32 bytes of `P_Key`, terminator and what follows included.
    #[inline]
    pub(crate) fn key_array(&self) -> &'a [u8; KEY_SIZE] {
        ansi_array(&self.raw.P_Key)
    }

    /// [`key`](Self::key) as `&str`.
    ///
    /// # Errors
    ///
    /// [`Error::NotAscii`] (field `P_Key`) if a byte is not ASCII.
    #[inline]
    pub fn key_str(&self) -> Result<&'a str, Error> {
        ascii_str(self.key(), "P_Key")
    }

    /// `P_Attributes` (reserved; 0 in practice).
    #[inline]
    pub fn attributes(&self) -> u8 {
        self.raw.P_Attributes
    }

    /// `P_Type`: [`ParamFormat::Number`], [`ParamFormat::String`] or
    /// [`ParamFormat::Unknown`] with the value as given.
    #[inline]
    pub fn format(&self) -> ParamFormat {
        ParamFormat::from_raw(self.raw.P_Type)
    }

    /// The value as a number: [`value`](Self::value), then
    /// [`ParamValue::as_u32`] (a number as is, a decimal string parsed).
    ///
    /// # Errors
    ///
    /// As [`value`](Self::value) and [`ParamValue::as_u32`].
    #[inline]
    pub fn as_u32(&self) -> Result<u32, Error> {
        self.value()?.as_u32()
    }

    /// The value, read as `P_Type` says.
    ///
    /// A string with `Length` 0 is empty whatever `Data` is; nothing is read.
    /// An unknown `P_Type` gives [`ParamValue::Unknown`].
    ///
    /// # Errors
    ///
    /// For a string parameter: [`Error::NullStringData`] (null `Data`,
    /// non-zero `Length`), [`Error::StringOutOfBounds`] (the bytes do not lie
    /// within the memory the event may read) or [`Error::StringTooLong`]
    /// (past [`MAX_STRING_PARAM_LEN`] when the host left `SizeMediaParms` 0).
    /// Other parameters are unaffected.
    #[inline]
    pub fn value(&self) -> Result<ParamValue<'a>, Error> {
        match self.raw.P_Type {
            sys::ParamNumber => {
                // SAFETY: `P_Type` says the host wrote `Number`.
                Ok(ParamValue::Number(unsafe { self.raw.P_Value.Number }))
            }
            sys::ParamString => self.string().map(ParamValue::String),
            format => Ok(ParamValue::Unknown {
                // `as` keeps the bits of the C enum as given.
                format: format as u32,
                // SAFETY: both constructors' contracts require the first
                // four bytes of `P_Value` initialized whatever `P_Type` is;
                // they are `Number` (or `String.Length`, same place).
                value: unsafe { self.raw.P_Value.Number },
            }),
        }
    }

    /// The element behind the view.
    #[inline]
    pub fn raw(&self) -> &'a RAS_PARAMETERS {
        self.raw
    }

    #[inline]
    fn string(&self) -> Result<&'a [u8], Error> {
        let index = self.index;
        // SAFETY: `P_Type` is `ParamString`, so the host wrote `String`.
        let length = unsafe { self.raw.P_Value.String.Length };
        if length == 0 {
            // Empty whatever `Data` holds, so `Data` is not even loaded.
            return Ok(&[]);
        }
        // SAFETY: `ParamString` with a non-zero `Length` has `Data`
        // initialized: both constructors' contracts (`from_raw`, `new`)
        // require it. It is only loaded here, not dereferenced.
        let data = unsafe { self.raw.P_Value.String.Data }
            .cast_const()
            .cast::<u8>();
        if data.is_null() {
            return Err(Error::NullStringData { index, length });
        }
        let oob = || Error::StringOutOfBounds { index, length };
        let len = usize::try_from(length).map_err(|_| oob())?;
        match self.bound {
            StringBound::Within { base, lo, hi, .. } => {
                let addr = data.addr();
                // `addr <= hi` first, so `hi - addr` is the room left.
                match hi.checked_sub(addr) {
                    Some(room) if addr >= lo && len <= room => {}
                    _ => return Err(oob()),
                }
                // SAFETY: `lo..hi` lies inside memory readable through
                // `base` and unchanged for 'a (a shared slice for `new`,
                // `from_raw`'s contract for the media buffer), and
                // `addr..addr + len` lies inside `lo..hi`. `with_addr` keeps
                // `base`'s provenance, so a stray `Data` that merely points
                // there is never dereferenced itself.
                Ok(unsafe { slice::from_raw_parts(base.with_addr(addr), len) })
            }
            StringBound::Capped => {
                if length > MAX_STRING_PARAM_LEN {
                    return Err(Error::StringTooLong {
                        index,
                        length,
                        max: MAX_STRING_PARAM_LEN,
                    });
                }
                if data.addr().checked_add(len).is_none() {
                    return Err(oob());
                }
                // SAFETY: with `SizeMediaParms` 0, `from_raw`'s caller
                // promised `Length` readable bytes at `Data`, unchanged for
                // 'a; `len` is small and does not wrap the address space.
                Ok(unsafe { slice::from_raw_parts(data, len) })
            }
        }
    }
}

impl fmt::Debug for Param<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Param")
            .field("index", &self.index)
            .field("key", &DebugBytes(self.key()))
            .field("format", &self.format())
            .field("attributes", &self.attributes())
            .field("value", &self.value())
            .finish()
    }
}

/// The value of a media parameter, borrowed from the host's buffer; in the
/// style of `rusqlite::types::ValueRef`.
///
/// A key may come in either format (`CONNECTBPS` has been seen as a string),
/// so [`as_u32`](Self::as_u32) accepts both.
///
/// ```
/// use rassapi::{Error, ParamFormat, ParamValue};
///
/// assert_eq!(ParamValue::Number(9600).as_u32(), Ok(9600));
/// assert_eq!(ParamValue::String(b"28800").as_u32(), Ok(28800));
/// assert_eq!(ParamValue::String(b"COM1").as_str(), Ok("COM1"));
/// assert_eq!(
///     ParamValue::Number(1).as_str(),
///     Err(Error::WrongFormat { expected: ParamFormat::String, found: ParamFormat::Number }),
/// );
/// let odd = ParamValue::Unknown { format: 7, value: 0x0102_0304 };
/// assert_eq!(odd.format(), ParamFormat::Unknown(7));
/// assert_eq!(odd.as_u32(), Err(Error::WrongFormat { expected: ParamFormat::Number, found: ParamFormat::Unknown(7) }));
/// ```
#[derive(Clone, Copy)]
pub enum ParamValue<'a> {
    /// `ParamNumber`: `P_Value.Number`.
    Number(u32),
    /// `ParamString`: the `Length` bytes at `P_Value.String.Data`, ANSI,
    /// without terminator.
    String(&'a [u8]),
    /// A `P_Type` this crate does not know.
    Unknown {
        /// `P_Type`, as given.
        format: u32,
        /// The first four bytes of `P_Value` (`Number`, or `String.Length`
        /// if the host wrote a string), in native byte order:
        /// `value.to_ne_bytes()` are the raw bytes. They are the only bytes
        /// every host initializes, so nothing else is read; a pointer the
        /// host may have stored after them is reachable only through
        /// [`Param::raw`] and `unsafe`.
        value: u32,
    },
}

impl<'a> ParamValue<'a> {
    /// The value as a number: a `Number` as is, a `String` parsed as ASCII
    /// decimal (surrounding ASCII whitespace allowed).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidNumber`] for a string that is not a decimal `u32`,
    /// [`Error::WrongFormat`] for [`Unknown`](Self::Unknown).
    #[inline]
    pub fn as_u32(&self) -> Result<u32, Error> {
        match *self {
            ParamValue::Number(n) => Ok(n),
            ParamValue::String(bytes) => parse_decimal(bytes).ok_or(Error::InvalidNumber {
                field: "P_Value.String",
            }),
            ParamValue::Unknown { format, .. } => Err(Error::WrongFormat {
                expected: ParamFormat::Number,
                found: ParamFormat::Unknown(format),
            }),
        }
    }

    /// The bytes of a `String`.
    ///
    /// # Errors
    ///
    /// [`Error::WrongFormat`] for anything else.
    #[inline]
    pub fn as_bytes(&self) -> Result<&'a [u8], Error> {
        match *self {
            ParamValue::String(bytes) => Ok(bytes),
            other => Err(Error::WrongFormat {
                expected: ParamFormat::String,
                found: other.format(),
            }),
        }
    }

    /// Which variant this is, as a [`ParamFormat`].
    #[inline]
    pub fn format(&self) -> ParamFormat {
        match *self {
            ParamValue::Number(_) => ParamFormat::Number,
            ParamValue::String(_) => ParamFormat::String,
            ParamValue::Unknown { format, .. } => ParamFormat::Unknown(format),
        }
    }

    /// A `String` as `&str`. Only ASCII is accepted: other bytes mean
    /// different things in different ANSI code pages.
    ///
    /// # Errors
    ///
    /// [`Error::WrongFormat`] if not a `String`, [`Error::NotAscii`] (field
    /// `P_Value.String`) for a non-ASCII byte.
    #[inline]
    pub fn as_str(&self) -> Result<&'a str, Error> {
        ascii_str(self.as_bytes()?, "P_Value.String")
    }
}

impl fmt::Debug for ParamValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParamValue::Number(n) => f.debug_tuple("Number").field(n).finish(),
            ParamValue::String(b) => f.debug_tuple("String").field(&DebugBytes(b)).finish(),
            ParamValue::Unknown { format, value } => f
                .debug_struct("Unknown")
                .field("format", format)
                .field("value", &format_args!("{value:#010x}"))
                .finish(),
        }
    }
}

fn parse_decimal(bytes: &[u8]) -> Option<u32> {
    let digits = bytes.trim_ascii();
    if digits.is_empty() {
        return None;
    }
    digits.iter().try_fold(0u32, |acc, &b| {
        let digit = char::from(b).to_digit(10)?;
        acc.checked_mul(10)?.checked_add(digit)
    })
}

/// Iterator over the media parameters of an event, from
/// [`HangupEvent::params`](crate::HangupEvent::params) or
/// [`AcceptEvent::params`](crate::AcceptEvent::params).
///
/// Exact-size, double-ended and fused; cloning is cheap.
///
/// ```
/// use rassapi::{AcceptEvent, sys};
///
/// let mut port = sys::RAS_PORT_1::default();
/// port.NumMediaParms = 3;
/// let params = [sys::RAS_PARAMETERS::default(); 3];
/// let stats = sys::RAS_PORT_STATISTICS::default();
/// // SAFETY: string members are fully written (no `Number` literal tagged as string).
/// let event = unsafe { AcceptEvent::new(&port, &stats, &params, &[]) }?;
///
/// let mut it = event.params();
/// assert_eq!(it.len(), 3);
/// assert_eq!(it.next_back().map(|p| p.index()), Some(2));
/// assert_eq!(it.nth(1).map(|p| p.index()), Some(1));
/// assert!(it.next().is_none());
/// # Ok::<(), rassapi::Error>(())
/// ```
#[derive(Clone)]
pub struct Params<'a> {
    iter: Enumerate<slice::Iter<'a, RAS_PARAMETERS>>,
    bound: StringBound<'a>,
}

impl<'a> Params<'a> {
    #[inline]
    pub(crate) fn new(params: &'a [RAS_PARAMETERS], bound: StringBound<'a>) -> Self {
        Params {
            iter: params.iter().enumerate(),
            bound,
        }
    }

    #[inline]
    fn wrap(&self, (index, raw): (usize, &'a RAS_PARAMETERS)) -> Param<'a> {
        Param {
            raw,
            index,
            bound: self.bound,
        }
    }
}

impl<'a> Iterator for Params<'a> {
    type Item = Param<'a>;

    #[inline]
    fn next(&mut self) -> Option<Param<'a>> {
        self.iter.next().map(|item| self.wrap(item))
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.iter.size_hint()
    }

    #[inline]
    fn nth(&mut self, n: usize) -> Option<Param<'a>> {
        self.iter.nth(n).map(|item| self.wrap(item))
    }

    #[inline]
    fn count(self) -> usize {
        self.iter.len()
    }

    #[inline]
    fn last(mut self) -> Option<Param<'a>> {
        self.next_back()
    }
}

impl DoubleEndedIterator for Params<'_> {
    #[inline]
    fn next_back(&mut self) -> Option<Self::Item> {
        self.iter.next_back().map(|item| self.wrap(item))
    }

    #[inline]
    fn nth_back(&mut self, n: usize) -> Option<Self::Item> {
        self.iter.nth_back(n).map(|item| self.wrap(item))
    }
}

impl ExactSizeIterator for Params<'_> {
    #[inline]
    fn len(&self) -> usize {
        self.iter.len()
    }
}

impl FusedIterator for Params<'_> {}

impl fmt::Debug for Params<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}

// SAFETY: the raw pointers inside (`P_Value.String.Data`, the
// media buffer base) are dereferenced only by `Param::value`, after the
// bounds checks above, and only into memory that stays unchanged for 'a
// (shared borrows for `new`, the `Safety` contract for `from_raw`). Reading
// unchanging memory is sound from any thread.
unsafe impl Send for Param<'_> {}
// SAFETY: see above.
unsafe impl Sync for Param<'_> {}
// SAFETY: see above.
unsafe impl Send for Params<'_> {}
// SAFETY: see above.
unsafe impl Sync for Params<'_> {}

/// Shows ANSI bytes as an escaped string literal, without allocating: the
/// `Debug` form of keys and string values.
pub(crate) struct DebugBytes<'a>(pub(crate) &'a [u8]);

impl fmt::Debug for DebugBytes<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\"", self.0.escape_ascii())
    }
}

// The value is plain data (a number or a byte slice): no `unsafe impl`.
const _: () = {
    const fn send_sync<T: Send + Sync>() {}
    send_sync::<ParamValue<'static>>();
};
