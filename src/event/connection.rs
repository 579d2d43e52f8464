//! The views of the accept and hang-up callbacks: [`Event`] over the
//! pointer triple RAS passes to both, as [`AcceptEvent`] and [`HangupEvent`].

use crate::params::StringBound;
use crate::pointer;
use crate::sys::{RAS_PARAMETERS, RAS_PORT_1, RAS_PORT_STATISTICS};
use crate::{Error, Param, Params, Port, Statistics};
use core::fmt;
use core::marker::PhantomData;

/// The triple both callbacks receive, validated; wrapped by both event types.
#[derive(Clone, Copy)]
struct Connection<'a> {
    port: &'a RAS_PORT_1,
    stats: &'a RAS_PORT_STATISTICS,
    params: &'a [RAS_PARAMETERS],
    bound: StringBound<'a>,
}

// SAFETY: the only raw pointers reachable are the string `Data` pointers and
// the media buffer base; they are read through only by `Param::value`, after
// bounds checks, into memory that stays unchanged for 'a (shared borrows for
// `new`, the `Safety` contract for `from_raw`). Reading unchanging memory is
// sound from any thread.
unsafe impl Send for Connection<'_> {}
// SAFETY: see above.
unsafe impl Sync for Connection<'_> {}

impl<'a> Connection<'a> {
    /// # Safety
    ///
    /// As [`HangupEvent::from_raw`].
    #[inline]
    unsafe fn from_raw(
        port: *const RAS_PORT_1,
        stats: *const RAS_PORT_STATISTICS,
        params: *const RAS_PARAMETERS,
    ) -> Result<Self, Error> {
        // SAFETY: the caller promises both are readable for 'a if non-null.
        let port: &'a RAS_PORT_1 = unsafe { pointer::checked_ref(port, "pRasPort1") }?;
        // SAFETY: as above.
        let stats: &'a RAS_PORT_STATISTICS = unsafe { pointer::checked_ref(stats, "pRasStats") }?;
        let count = port.NumMediaParms;
        if params.is_null() {
            if count > 0 {
                return Err(Error::ParamsMissing { count });
            }
            let (params, bound) = (&[][..], StringBound::slice(&[]));
            return Ok(Connection {
                port,
                stats,
                params,
                bound,
            });
        }
        pointer::check(params, "pRasParams")?;
        let len = usize::from(count);
        // At most 65535 small elements: cannot overflow, but stay total.
        let array_bytes = len.saturating_mul(size_of::<RAS_PARAMETERS>());
        let size = port.SizeMediaParms;
        let base = params.cast::<u8>();
        let bound = match usize::try_from(size) {
            Ok(0) => StringBound::Capped,
            // One allocation: at most isize::MAX bytes, not wrapping.
            Ok(size)
                if size >= array_bytes
                    && isize::try_from(size).is_ok()
                    && base.addr().checked_add(size).is_some() =>
            {
                StringBound::within(base, array_bytes, size)
            }
            _ => return Err(Error::InvalidMediaSize { size, array_bytes }),
        };
        // SAFETY: non-null and aligned (checked); the caller promises
        // `NumMediaParms` initialized elements, unchanged for 'a.
        let params = unsafe { core::slice::from_raw_parts(params, len) };
        Ok(Connection {
            port,
            stats,
            params,
            bound,
        })
    }

    fn new(
        port: &'a RAS_PORT_1,
        stats: &'a RAS_PORT_STATISTICS,
        params: &'a [RAS_PARAMETERS],
        string_data: &'a [u8],
    ) -> Result<Self, Error> {
        let count = port.NumMediaParms;
        if params.len() != usize::from(count) {
            let len = params.len();
            return Err(Error::ParamCountMismatch { count, len });
        }
        let bound = StringBound::slice(string_data);
        Ok(Connection {
            port,
            stats,
            params,
            bound,
        })
    }

    #[inline]
    fn params(&self) -> Params<'a> {
        Params::new(self.params, self.bound)
    }

    #[inline]
    fn param(&self, key: &str) -> Option<Param<'a>> {
        crate::key_query::find(self.params(), key)
    }
}

mod sealed {
    pub trait Sealed {}
}

/// Which callback an [`Event`] belongs to: [`Accept`] or [`Hangup`]. Sealed.
pub trait ConnectionCallback: sealed::Sealed + 'static {
    /// The view's name, as `Debug` shows it.
    const VIEW_NAME: &'static str;
}

/// `RasAdminAcceptNewConnection`'s kind of [`Event`]: [`AcceptEvent`].
#[derive(Debug)]
pub enum Accept {}

/// `RasAdminConnectionHangupNotification`'s kind of [`Event`]: [`HangupEvent`].
#[derive(Debug)]
pub enum Hangup {}

impl sealed::Sealed for Accept {}
impl sealed::Sealed for Hangup {}
impl ConnectionCallback for Accept {
    const VIEW_NAME: &'static str = "AcceptEvent";
}
impl ConnectionCallback for Hangup {
    const VIEW_NAME: &'static str = "HangupEvent";
}

/// The validated arguments of an accept or hang-up callback: the port
/// (`RAS_PORT_1`), its counters (`RAS_PORT_STATISTICS`) and the media
/// parameters (`RAS_PARAMETERS`). Used as [`AcceptEvent`] or
/// [`HangupEvent`]; `K` only keeps the two apart, so that a handler for one
/// cannot be exported as the other.
pub struct Event<'a, K: ConnectionCallback> {
    connection: Connection<'a>,
    kind: PhantomData<fn() -> K>,
}

/// A connection that has ended: the arguments of
/// `RasAdminConnectionHangupNotification`, validated.
///
/// A zero-copy view: names, counters and parameters are read from the
/// host's memory when asked for. Nothing panics or reads out of bounds
/// on malformed data; see [`from_raw`](Event::from_raw) for what is
/// checked and [`Error`] for what can be reported.
///
/// ```
/// use rassapi::{HangupEvent, sys};
/// use std::time::{Duration, UNIX_EPOCH};
///
/// let speed = b"28800";
/// let mut param = sys::RAS_PARAMETERS::default();
/// param.P_Key[..10].copy_from_slice(&b"CONNECTBPS".map(|b| b as _));
/// param.P_Type = sys::ParamString;
/// param.P_Value.String.Length = speed.len() as u32;
/// param.P_Value.String.Data = speed.as_ptr().cast_mut().cast();
///
/// let mut port = sys::RAS_PORT_1::default();
/// for (dst, src) in port.rasport0.wszUserName.iter_mut().zip("alice".encode_utf16()) {
///     *dst = src;
/// }
/// port.rasport0.dwStartSessionTime = 1_000;
/// port.NumMediaParms = 1;
/// let mut stats = sys::RAS_PORT_STATISTICS::default();
/// stats.dwBytesRcved = 4096;
/// let params = [param];
///
/// // SAFETY: string members are fully written (no `Number` literal tagged as string).
/// let event = unsafe { HangupEvent::new(&port, &stats, &params, speed) }?;
/// let end = UNIX_EPOCH + Duration::from_secs(1_090);
/// assert_eq!(event.port().user_name(), "alice");
/// assert_eq!(event.port().duration_until(end), Some(Duration::from_secs(90)));
/// assert_eq!(event.statistics().connection().bytes_received, 4096);
/// assert_eq!(event.param("ConnectBps").unwrap().value()?.as_u32()?, 28800);
///
/// // What an export does with the pointers RAS passes:
/// // SAFETY: all three point to live, unchanging data; `SizeMediaParms`
/// // is 0 and the string's bytes are readable where `Data` points.
/// let event = unsafe { HangupEvent::from_raw(&port, &stats, params.as_ptr()) }?;
/// assert_eq!(event.params().len(), 1);
/// # Ok::<(), rassapi::Error>(())
/// ```
pub type HangupEvent<'a> = Event<'a, Hangup>;

/// A connection asking to be accepted: the arguments of
/// `RasAdminAcceptNewConnection`, validated.
///
/// Same view and checks as [`HangupEvent`]; the statistics are those of
/// the connection so far.
///
/// ```
/// use rassapi::{AcceptEvent, PortFlags, sys};
///
/// let mut port = sys::RAS_PORT_1::default();
/// port.rasport0.Flags = sys::PPP_CLIENT;
/// let stats = sys::RAS_PORT_STATISTICS::default();
///
/// // SAFETY: port and stats are live; no parameters are announced.
/// let event = unsafe { AcceptEvent::from_raw(&port, &stats, std::ptr::null()) }?;
/// assert!(event.port().flags().contains(PortFlags::PPP_CLIENT));
/// assert_eq!(event.params().len(), 0);
/// assert!(event.param("PortName").is_none());
/// # Ok::<(), rassapi::Error>(())
/// ```
pub type AcceptEvent<'a> = Event<'a, Accept>;

impl<K: ConnectionCallback> Clone for Event<'_, K> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K: ConnectionCallback> Copy for Event<'_, K> {}

impl<'a, K: ConnectionCallback> Event<'a, K> {
    fn wrap(connection: Connection<'a>) -> Self {
        Event {
            connection,
            kind: PhantomData,
        }
    }

    /// Validates and views the three pointers RAS passes to the
    /// callback.
    ///
    /// Checked here: `port` and `stats` non-null; every non-null
    /// pointer aligned; `params` non-null when `NumMediaParms > 0`;
    /// `SizeMediaParms` either 0 or at least the array's size. A
    /// null `params` with `NumMediaParms == 0` is an empty list.
    ///
    /// # String parameters
    ///
    /// RAS stores the string data in the same buffer as the array,
    /// right after it, and sets `SizeMediaParms` to the size of
    /// both. A string is read only if its `Data..Data + Length` lies
    /// within that tail, `[params + array size, params +
    /// SizeMediaParms)`; otherwise its [`Param::value`] is
    /// [`Error::StringOutOfBounds`].
    ///
    /// If the host leaves `SizeMediaParms` at 0 there is no bound to
    /// check against: strings are then read where `Data` points, as
    /// the `Safety` contract allows, but only up to
    /// [`MAX_STRING_PARAM_LEN`](crate::MAX_STRING_PARAM_LEN) bytes; a
    /// longer `Length` gives [`Error::StringTooLong`] for that
    /// parameter.
    ///
    /// # Safety
    ///
    /// For the caller-chosen lifetime `'a`, during which nobody
    /// writes to any of this memory:
    ///
    /// * `port` and `stats`, if non-null, point to an initialized
    ///   `RAS_PORT_1` and `RAS_PORT_STATISTICS` valid for reads.
    /// * If `NumMediaParms` is non-zero and `params` non-null,
    ///   `params` points to `NumMediaParms` initialized
    ///   `RAS_PARAMETERS` valid for reads, each with the first four
    ///   bytes of `P_Value` initialized (`Number`, or `String.Length`:
    ///   whichever member the host wrote) and, for a `ParamString`, its
    ///   whole `String` member.
    /// * If `SizeMediaParms` is non-zero (and not less than the
    ///   array), the `SizeMediaParms` bytes from `params` are one
    ///   initialized allocation valid for reads.
    /// * If `SizeMediaParms` is 0, each `ParamString` element with
    ///   non-null `Data` and `Length` from 1 to
    ///   `MAX_STRING_PARAM_LEN` has `Length` initialized bytes at
    ///   `Data` valid for reads.
    ///
    /// RAS meets all of this for the duration of the callback.
    ///
    /// # Errors
    ///
    /// [`Error::Null`], [`Error::Misaligned`],
    /// [`Error::ParamsMissing`], [`Error::InvalidMediaSize`].
    #[inline]
    pub unsafe fn from_raw(
        port: *const RAS_PORT_1,
        stats: *const RAS_PORT_STATISTICS,
        params: *const RAS_PARAMETERS,
    ) -> Result<Self, Error> {
        // SAFETY: the caller upholds the same contract.
        unsafe { Connection::from_raw(port, stats, params) }.map(Self::wrap)
    }

    /// Views data held in Rust memory, such as a copy of a real
    /// event or one built for a test.
    ///
    /// A string parameter is read only if its `Data..Data + Length`
    /// lies inside `string_data`; otherwise its [`Param::value`] is
    /// [`Error::StringOutOfBounds`]. `SizeMediaParms` is not
    /// consulted: `string_data` is the bound.
    ///
    /// This is `unsafe` for one reason only: a `RAS_PARAMS_VALUE`
    /// built in safe Rust as `RAS_PARAMS_VALUE { Number: n }`
    /// leaves `String.Data` uninitialized, and no check can tell.
    /// Memory from `Default::default()` (zeroed) plus field writes,
    /// a `String { .. }` value, a copy of a host buffer, or
    /// [`testing::EventBuilder`](crate) (feature `testing`, a fully
    /// safe path) all meet the contract.
    ///
    /// A safe version cannot exist for the same reason: the view must
    /// load `Data` to read a string, and loading an uninitialized pointer
    /// is undefined behaviour that no run-time check can detect. Without
    /// parameters there is nothing to load:
    /// [`without_params`](Self::without_params) is safe.
    ///
    /// # Safety
    ///
    /// Every element of `params` has the first four bytes of `P_Value`
    /// initialized (any member literal, `Default` or copied memory does),
    /// and every element whose `P_Type` is `ParamString` and whose
    /// `P_Value.String.Length` is non-zero has its whole `P_Value.String`
    /// member (`Length` and `Data`) initialized.
    ///
    /// # Errors
    ///
    /// [`Error::ParamCountMismatch`] if `params.len()` is not
    /// `NumMediaParms`.
    pub unsafe fn new(
        port: &'a RAS_PORT_1,
        stats: &'a RAS_PORT_STATISTICS,
        params: &'a [RAS_PARAMETERS],
        string_data: &'a [u8],
    ) -> Result<Self, Error> {
        Connection::new(port, stats, params, string_data).map(Self::wrap)
    }

    /// Views a port and its counters that come without media parameters:
    /// the safe constructor for references.
    ///
    /// ```
    /// use rassapi::{HangupEvent, sys};
    ///
    /// let (port, stats) = (sys::RAS_PORT_1::default(), sys::RAS_PORT_STATISTICS::default());
    /// let event = HangupEvent::without_params(&port, &stats)?;
    /// assert_eq!(event.params().len(), 0);
    /// # Ok::<(), rassapi::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::ParamCountMismatch`] if `NumMediaParms` is not 0.
    pub fn without_params(
        port: &'a RAS_PORT_1,
        stats: &'a RAS_PORT_STATISTICS,
    ) -> Result<Self, Error> {
        Connection::new(port, stats, &[], &[]).map(Self::wrap)
    }

    /// The port and connection (`pRasPort1`).
    #[inline]
    pub fn port(&self) -> Port<'a> {
        Port::new(self.connection.port)
    }

    /// The counters (`pRasStats`): [`Statistics::connection`] for the whole
    /// connection (every link of a multilink bundle; the same on each
    /// link's call), [`Statistics::this_port`] for this link alone.
    #[inline]
    pub fn statistics(&self) -> Statistics<'a> {
        Statistics::new(self.connection.stats)
    }

    /// The media parameters (`pRasParams`), in array order.
    #[inline]
    pub fn params(&self) -> Params<'a> {
        self.connection.params()
    }

    /// The first parameter whose key equals `key`, ignoring ASCII case as
    /// the registry does for the names these mirror.
    ///
    /// A linear scan: `key` is folded and padded once, then each parameter
    /// costs one fixed 32-byte comparison (see
    /// [`Param::key_eq_ignore_ascii_case`]). A `key` longer than 32 bytes
    /// or holding a NUL matches nothing.
    #[inline]
    pub fn param(&self, key: &str) -> Option<Param<'a>> {
        self.connection.param(key)
    }

    /// The parameter `key` as a number, whether the host stored it as a
    /// number or as a decimal string (speeds such as `MAXCONNECTBPS` come
    /// either way): one call for `param(key)`, `value()` and `as_u32()`.
    ///
    /// `None` when there is no such parameter or its value is not a
    /// number; [`param`](Self::param) tells which.
    ///
    /// ```
    /// # #[cfg(feature = "testing")] { // the builder is behind `testing`
    /// use rassapi::testing::EventBuilder;
    ///
    /// let event = EventBuilder::new()
    ///     .param_number("MAXCONNECTBPS", 33_600)
    ///     .param_string("CONNECTBPS", "28800")
    ///     .param_string("PortName", "COM1")
    ///     .build();
    /// let view = event.hangup_event()?;
    /// assert_eq!(view.param_u32("MaxConnectBps"), Some(33_600));
    /// assert_eq!(view.param_u32("CONNECTBPS"), Some(28_800));
    /// assert_eq!(view.param_u32("PortName"), None);
    /// assert_eq!(view.param_u32("CARRIERBPS"), None);
    /// # }
    /// # Ok::<(), rassapi::Error>(())
    /// ```
    #[inline]
    pub fn param_u32(&self, key: &str) -> Option<u32> {
        self.param(key)?.as_u32().ok()
    }

    /// `*pRasPort1`.
    #[inline]
    pub fn raw_port(&self) -> &'a RAS_PORT_1 {
        self.connection.port
    }

    /// `*pRasStats`.
    #[inline]
    pub fn raw_statistics(&self) -> &'a RAS_PORT_STATISTICS {
        self.connection.stats
    }

    /// The `NumMediaParms` elements at `pRasParams`.
    #[inline]
    pub fn raw_params(&self) -> &'a [RAS_PARAMETERS] {
        self.connection.params
    }
}

impl<K: ConnectionCallback> fmt::Debug for Event<'_, K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct(K::VIEW_NAME)
            .field("port", &self.port())
            .field("statistics", &self.statistics())
            .field("params", &self.params())
            .finish()
    }
}

// Both views may cross threads: checked at compile time.
const _: () = {
    const fn send_sync<T: Send + Sync>() {}
    send_sync::<HangupEvent<'static>>();
    send_sync::<AcceptEvent<'static>>();
};
