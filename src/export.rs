//! Exporting the admin-DLL callbacks from safe Rust.
//!
//! A RAS admin DLL is a DLL that exports four functions under fixed names; the RAS service loads it (see `rassapi::registration`, feature
//! `registration`)
//! and calls them. A library cannot export functions on behalf of the crate
//! that uses it, so this module provides macros that expand *in the DLL's
//! crate* into the exports, each a thin `extern "system"` shell around a
//! `#[doc(hidden)]` helper here that holds all the unsafe code:
//!
//! | macro | export (stdcall on x86) | handler |
//! |-------|-------------------------|---------|
//! | [`export_accept!`](crate::export_accept) | `RasAdminAcceptNewConnection` | `fn(AcceptEvent<'_>) -> bool` |
//! | [`export_hangup!`](crate::export_hangup) | `RasAdminConnectionHangupNotification` | `fn(HangupEvent<'_>)` |
//! | [`export_get_ip_address!`](crate::export_get_ip_address) | `RasAdminGetIpAddressForUser` | `fn(IpAddressRequest<'_>) -> Result<IpAssignment, ErrorCode>` |
//! | [`export_release_ip_address!`](crate::export_release_ip_address) | `RasAdminReleaseIpAddress` | `fn(IpAddressRelease<'_>)` |
//!
//! [`admin_dll!`](crate::admin_dll) declares all four in one block, with
//! neutral defaults for those it is not given: prefer it, since NT 4.0's
//! RAS wants all four exported.
//! Every macro also emits a compile-time check that the export coerces to
//! the matching function-pointer type of the raw layer
//! ([`PRASADMINACCEPTNEWCONNECTION`](crate::sys::PRASADMINACCEPTNEWCONNECTION)
//! and friends), so a wrong name-to-signature pairing cannot compile.
//!
//! # What the generated export does
//!
//! 1. It builds the safe view from the raw arguments: for accept and hang-up
//!    [`AcceptEvent::from_raw`]/[`HangupEvent::from_raw`]; for the IP-address
//!    callbacks the names are scanned for their NUL terminator, at most
//!    [`MAX_NAME_LEN`] units, and the `IPADDR`/`BOOL` pointers are checked
//!    for null and alignment.
//! 2. If that fails, the handler is **not** called. The error hook, if one
//!    was given, receives an [`ExportError`] saying why, and the export
//!    returns the fallback below.
//! 3. Otherwise the handler runs with the view *by value*. The view borrows
//!    the host's memory with a lifetime chosen by the export
//!    (`F: Fn(HangupEvent<'_>)`, a higher-ranked bound), so it cannot be
//!    stored or sent anywhere that outlives the call: copy what you need
//!    (e.g. `event.port().user_name().to_string()`).
//! 4. With `std` (the default), everything, including building the view
//!    and calling the error hook, runs under `std::panic::catch_unwind`.
//!    Since Rust 1.81 a panic that reaches an `extern "system"` boundary
//!    aborts the process, which inside RAS would take the Remote Access
//!    service down with it; instead a panic is caught, reported to the
//!    error hook as `ExportError::Panicked`, and the export returns the
//!    fallback. Without `std` see [Panics](#panics).
//!
//! # Which Windows calls these exports
//!
//! | host | calls |
//! |------|-------|
//! | Windows NT 4.0 RAS server | the four `RasAdmin*` exports |
//! | Windows 2000 RAS | the four `RasAdmin*` exports, according to the Platform SDK of 2000 |
//! | Routing and Remote Access (the NT 4.0 RRAS update, Windows 2000 RRAS, every Windows Server since) | the `MprAdmin*` exports of `mprapi.h`, from a DLL registered under the same `AdminDll` key; **not** these |
//!
//! Microsoft's current reference pages call the `RasAdmin*` callbacks
//! unsupported. On a system whose RRAS wants `MprAdmin*`, a DLL exporting
//! only `RasAdmin*` is never called, and lacking RRAS's required exports it
//! keeps the Remote Access service from starting.
//!
//! # Two processes
//!
//! RAS calls the connection callbacks (accept, hang-up) in one process and
//! the IP-address callbacks (get-IP, release) in another, each with its own
//! copy of the DLL. A static written by the get-IP handler is therefore
//! never seen by the hang-up handler: keep the state of each pair to itself
//! (and share across the pair, if at all, through a file or the registry).
//!
//! # Fallbacks
//!
//! | export | malformed arguments | handler panicked (`std` only) |
//! |--------|---------------------|------------------|
//! | `RasAdminAcceptNewConnection` | `FALSE`: connection refused | `FALSE`: connection refused |
//! | `RasAdminConnectionHangupNotification` | returns normally | returns normally |
//! | `RasAdminGetIpAddressForUser` | [`ERROR_INVALID_PARAMETER`] (87) | [`ERROR_INTERNAL_ERROR`] (1359) |
//! | `RasAdminReleaseIpAddress` | returns normally | returns normally |
//!
//! * Accept **fails closed**: a DLL that cannot make its decision (it
//!   panicked, or RAS's data could not be read) refuses the connection
//!   rather than let in a caller its policy never looked at.
//! * Hang-up and release have nothing to return; RAS carries on.
//! * Get-IP returns a non-zero code, which makes RAS drop the connection,
//!   since the DLL has not chosen an address; `*pipAddress` is left as RAS
//!   passed it and `*bNotifyRelease` is `FALSE` (when those pointers are
//!   usable). The two codes differ so a RAS log tells a host-side problem
//!   from a DLL bug.
//!
//! # Concurrency
//!
//! RAS may call the exports from several threads at once, e.g. hang-up once
//! per port of a multilink bundle. The helpers therefore require handlers
//! and hooks to be `Sync`; in practice they are plain `fn` items (or
//! closures capturing nothing), and any state they share lives in statics
//! that are themselves `Sync` (atomics, `Mutex`, `OnceLock`...). The
//! macros only accept expressions that can appear at item level, so a
//! handler cannot borrow anything shorter-lived.
//!
//! # Panics
//!
//! **With `std`**, catching needs the unwinding panic strategy, the
//! default; a DLL built with `panic = "abort"` aborts on the first panic,
//! and so does a panic raised while another one unwinds (a panicking `Drop`
//! during unwinding). The default panic hook still prints the message to
//! stderr, which a service usually does not have; install your own with
//! `std::panic::set_hook` or log from the error hook. After a caught
//! panic, state the handler shared may be half-updated (a `Mutex` it held
//! is poisoned): write handlers so that is harmless.
//!
//! **Without `std`** (a `no_std` DLL, which has `panic = "abort"` and a
//! `#[panic_handler]` of its own) there is no unwinding, so nothing can be
//! caught. The crate's own path from the export to your handler has no
//! reachable panic in a release build: no indexing, `unwrap`, slicing or
//! arithmetic that can fail (the repository proves it at link time with
//! `tests/no-panic`, a `no_std` DLL whose panic handler refers to a symbol
//! that does not exist). A panic in **your** handler goes to your
//! `#[panic_handler]`. Inside RAS that handler can only stop the thread
//! (loop forever, which hangs RAS's call) or end the process (which stops
//! the Remote Access service); neither returns to RAS. So write handlers
//! that cannot panic: `get` instead of indexing, `checked_*` or
//! `wrapping_*` arithmetic, no `unwrap`, and formatting only into sinks
//! that cannot fail.
//!
//! # Example
//!
//! A complete admin DLL (crate type `cdylib`); see also
//! `examples/admin_dll.rs` in the repository.
//!
//! ```rust,no_run,standalone_crate
//! use std::net::Ipv4Addr;
//! use std::sync::atomic::{AtomicU32, Ordering};
//!
//! use rassapi::export::{ErrorCode, ExportError, IpAddressRelease, IpAddressRequest, IpAssignment};
//! use rassapi::{AcceptEvent, HangupEvent};
//!
//! static ACTIVE: AtomicU32 = AtomicU32::new(0);
//!
//! fn accept(event: AcceptEvent<'_>) -> bool {
//!     let ok = event.port().user_name() != "guest";
//!     if ok {
//!         ACTIVE.fetch_add(1, Ordering::Relaxed);
//!     }
//!     ok
//! }
//!
//! fn hangup(event: HangupEvent<'_>) {
//!     let sent = event.statistics().port().bytes_sent;
//!     eprintln!("{} left after sending {sent} bytes", event.port().user_name());
//! }
//!
//! fn get_ip(request: IpAddressRequest<'_>) -> Result<IpAssignment, ErrorCode> {
//!     if request.user() == "router" {
//!         Ok(IpAssignment::new(Ipv4Addr::new(10, 0, 0, 2)).notify_on_release())
//!     } else {
//!         // Keep the address RAS picked; refuse if it had none.
//!         request.proposed().map(IpAssignment::new).ok_or(ErrorCode::ACCESS_DENIED)
//!     }
//! }
//!
//! fn release(release: IpAddressRelease<'_>) {
//!     eprintln!("{} released {}", release.user(), release.address());
//! }
//!
//! fn log_error(error: &ExportError) {
//!     eprintln!("admin DLL: {error}");
//! }
//!
//! rassapi::admin_dll! {
//!     on_error: log_error,
//!     accept: accept,
//!     hangup: hangup,
//!     get_ip_address: get_ip,
//!     release_ip_address: release,
//! }
//! # fn main() {}
//! ```

use core::fmt;
use core::net::Ipv4Addr;
use core::num::NonZeroU32;

use crate::WideStr;
use crate::sys::{BOOL, IPADDR, WCHAR};
#[cfg(doc)]
use crate::{AcceptEvent, HangupEvent};

/// Longest user or port name, in UTF-16 units without the terminator, that
/// the IP-address exports accept.
///
/// RAS passes these names as bare `WCHAR *` with nothing bounding them, so
/// the scan for the NUL terminator stops after this many units plus one;
/// a longer (or unterminated) name is treated as malformed
/// ([`ExportError::Unterminated`]). Windows user names are at most 256
/// units (`UNLEN`) and RAS port names 16, so real names are far below it.
pub const MAX_NAME_LEN: usize = 1024;

/// What `RasAdminGetIpAddressForUser` returns when its arguments are
/// unusable (a null, misaligned or overlong name, a null or misaligned
/// `pipAddress`/`bNotifyRelease`): Win32 `ERROR_INVALID_PARAMETER`.
pub const ERROR_INVALID_PARAMETER: u32 = 87;

/// What `RasAdminGetIpAddressForUser` returns when its handler panicked:
/// Win32 `ERROR_INTERNAL_ERROR`.
pub const ERROR_INTERNAL_ERROR: u32 = 1359;

/// One of the four callbacks an admin DLL can export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Callback {
    /// `RasAdminAcceptNewConnection`.
    AcceptNewConnection,
    /// `RasAdminConnectionHangupNotification`.
    ConnectionHangupNotification,
    /// `RasAdminGetIpAddressForUser`.
    GetIpAddressForUser,
    /// `RasAdminReleaseIpAddress`.
    ReleaseIpAddress,
}

impl Callback {
    /// The exported C name, e.g. `"RasAdminAcceptNewConnection"`.
    pub const fn export_name(self) -> &'static str {
        match self {
            Callback::AcceptNewConnection => "RasAdminAcceptNewConnection",
            Callback::ConnectionHangupNotification => "RasAdminConnectionHangupNotification",
            Callback::GetIpAddressForUser => "RasAdminGetIpAddressForUser",
            Callback::ReleaseIpAddress => "RasAdminReleaseIpAddress",
        }
    }
}

impl fmt::Display for Callback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.export_name())
    }
}

/// Why an export did not call its handler, or why the handler did not
/// finish. Given to the error hook (`on_error = hook`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExportError {
    /// RAS's arguments were rejected; the handler was not called. For
    /// accept and hang-up this is what `from_raw` found; for the
    /// IP-address exports a null or misaligned pointer
    /// ([`Error::Null`](crate::Error::Null) /
    /// [`Error::Misaligned`](crate::Error::Misaligned) naming the C
    /// argument, e.g. `lpszUserName`).
    Malformed {
        /// The export that was called.
        callback: Callback,
        /// What was wrong.
        error: crate::Error,
    },
    /// A name argument of an IP-address export has no NUL terminator
    /// within [`MAX_NAME_LEN`] + 1 units; the handler was not called.
    Unterminated {
        /// The export that was called.
        callback: Callback,
        /// `lpszUserName` or `lpszPortName`.
        argument: &'static str,
    },
    /// The handler (or building the view) panicked; the panic was caught.
    /// Only with `std` (and the unwinding panic strategy): without it
    /// nothing can be caught.
    #[cfg(feature = "std")]
    Panicked {
        /// The export that was called.
        callback: Callback,
        /// The panic message, when the payload was a string.
        message: Option<String>,
    },
}

impl ExportError {
    /// The export that reported the error.
    pub fn callback(&self) -> Callback {
        match self {
            ExportError::Malformed { callback, .. }
            | ExportError::Unterminated { callback, .. } => *callback,
            #[cfg(feature = "std")]
            ExportError::Panicked { callback, .. } => *callback,
        }
    }
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::Malformed { callback, error } => {
                write!(f, "{callback}: malformed arguments: {error}")
            }
            ExportError::Unterminated { callback, argument } => write!(
                f,
                "{callback}: `{argument}` has no NUL terminator within {} units",
                MAX_NAME_LEN + 1
            ),
            #[cfg(feature = "std")]
            ExportError::Panicked {
                callback,
                message: Some(message),
            } => write!(f, "{callback}: the handler panicked: {message}"),
            #[cfg(feature = "std")]
            ExportError::Panicked {
                callback,
                message: None,
            } => write!(f, "{callback}: the handler panicked"),
        }
    }
}

impl core::error::Error for ExportError {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            ExportError::Malformed { error, .. } => Some(error),
            _ => None,
        }
    }
}

/// A non-zero Win32 error code, returned by a get-IP handler to refuse a
/// user. RAS then drops the connection.
///
/// ```
/// use rassapi::export::ErrorCode;
/// assert_eq!(ErrorCode::new(5), Some(ErrorCode::ACCESS_DENIED));
/// assert_eq!(ErrorCode::new(0), None); // 0 is NO_ERROR, not an error
/// assert_eq!(ErrorCode::ACCESS_DENIED.get(), 5);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ErrorCode(NonZeroU32);

impl ErrorCode {
    /// `ERROR_ACCESS_DENIED` (5).
    pub const ACCESS_DENIED: ErrorCode = ErrorCode(NonZeroU32::new(5).unwrap());
    /// `ERROR_INVALID_PARAMETER` (87), also what the export itself returns
    /// for unusable arguments.
    pub const INVALID_PARAMETER: ErrorCode =
        ErrorCode(NonZeroU32::new(ERROR_INVALID_PARAMETER).unwrap());
    /// `ERROR_NO_SUCH_USER` (1317).
    pub const NO_SUCH_USER: ErrorCode = ErrorCode(NonZeroU32::new(1317).unwrap());
    /// `ERROR_INTERNAL_ERROR` (1359), also what the export itself returns
    /// when the handler panicked.
    pub const INTERNAL_ERROR: ErrorCode = ErrorCode(NonZeroU32::new(ERROR_INTERNAL_ERROR).unwrap());

    /// The code, or `None` for 0 (`NO_ERROR`).
    pub const fn new(code: u32) -> Option<ErrorCode> {
        match NonZeroU32::new(code) {
            Some(code) => Some(ErrorCode(code)),
            None => None,
        }
    }

    /// The numeric code.
    pub const fn get(self) -> u32 {
        self.0.get()
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Win32 error {}", self.get())
    }
}

/// The [`Ipv4Addr`] held in an `IPADDR`.
///
/// An `IPADDR` is a `ULONG` holding the address in **network byte order**:
/// its bytes *in memory* are the four octets in the order they are written,
/// whatever the CPU's endianness. On x86 (little-endian) 192.168.7.21 is
/// therefore the `DWORD` value `0x1507A8C0`.
///
/// ```
/// use rassapi::export::{ipaddr_from_ipv4, ipv4_from_ipaddr};
/// use std::net::Ipv4Addr;
/// let raw = ipaddr_from_ipv4(Ipv4Addr::new(192, 168, 7, 21));
/// assert_eq!(raw.to_ne_bytes(), [192, 168, 7, 21]);
/// assert_eq!(ipv4_from_ipaddr(raw), Ipv4Addr::new(192, 168, 7, 21));
/// ```
pub const fn ipv4_from_ipaddr(raw: IPADDR) -> Ipv4Addr {
    let [a, b, c, d] = raw.to_ne_bytes();
    Ipv4Addr::new(a, b, c, d)
}

/// The `IPADDR` (network byte order, see [`ipv4_from_ipaddr`]) holding
/// `address`.
pub const fn ipaddr_from_ipv4(address: Ipv4Addr) -> IPADDR {
    IPADDR::from_ne_bytes(address.octets())
}

/// The arguments of `RasAdminGetIpAddressForUser`: a user is connecting
/// and RAS asks which IPv4 address to give them.
#[derive(Clone, Copy, Debug)]
pub struct IpAddressRequest<'a> {
    user: WideStr<'a>,
    port: WideStr<'a>,
    proposed: IPADDR,
}

impl<'a> IpAddressRequest<'a> {
    /// A request as RAS would make it (for tests of a handler).
    pub const fn new(
        user: WideStr<'a>,
        port: WideStr<'a>,
        proposed: Option<Ipv4Addr>,
    ) -> IpAddressRequest<'a> {
        let proposed = match proposed {
            Some(address) => ipaddr_from_ipv4(address),
            None => 0,
        };
        IpAddressRequest {
            user,
            port,
            proposed,
        }
    }

    /// The user that needs an address (`lpszUserName`).
    pub const fn user(&self) -> WideStr<'a> {
        self.user
    }

    /// The port the user is connecting on (`lpszPortName`).
    pub const fn port(&self) -> WideStr<'a> {
        self.port
    }

    /// The address RAS has picked for the user (the value `*pipAddress`
    /// had on entry), or `None` when RAS passed 0, meaning it has none and
    /// the DLL must choose one or the user cannot connect.
    pub const fn proposed(&self) -> Option<Ipv4Addr> {
        match self.proposed {
            0 => None,
            raw => Some(ipv4_from_ipaddr(raw)),
        }
    }

    /// The answer that leaves `*pipAddress` as RAS passed it (also when it
    /// is 0) and asks for no release notification: what `admin_dll!` does
    /// when it is given no get-IP handler.
    pub const fn keep_proposed(&self) -> IpAssignment {
        IpAssignment::from_ipaddr(self.proposed)
    }
}

/// A get-IP handler's answer: the address to give the user, and whether
/// to be told through `RasAdminReleaseIpAddress` when it is freed.
///
/// The export writes `address` to `*pipAddress` (network byte order) and
/// `notify_release` to `*bNotifyRelease`, then returns `NO_ERROR`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct IpAssignment {
    /// The address for the user.
    pub address: Ipv4Addr,
    /// Ask RAS to call `RasAdminReleaseIpAddress` when the user
    /// disconnects.
    pub notify_release: bool,
}

impl IpAssignment {
    /// Assign `raw` as found in `*pipAddress` (network byte order).
    const fn from_ipaddr(raw: IPADDR) -> IpAssignment {
        IpAssignment::new(ipv4_from_ipaddr(raw))
    }

    /// Assign `address`, without release notification.
    pub const fn new(address: Ipv4Addr) -> IpAssignment {
        IpAssignment {
            address,
            notify_release: false,
        }
    }

    /// The same assignment, asking to be told when the address is
    /// released.
    #[must_use]
    pub const fn notify_on_release(self) -> IpAssignment {
        IpAssignment {
            notify_release: true,
            ..self
        }
    }
}

/// The arguments of `RasAdminReleaseIpAddress`: an address handed out by
/// the get-IP handler (with `notify_release` set) is free again.
#[derive(Clone, Copy, Debug)]
pub struct IpAddressRelease<'a> {
    user: WideStr<'a>,
    port: WideStr<'a>,
    address: Ipv4Addr,
}

impl<'a> IpAddressRelease<'a> {
    /// A release as RAS would report it (for tests of a handler).
    pub const fn new(
        user: WideStr<'a>,
        port: WideStr<'a>,
        address: Ipv4Addr,
    ) -> IpAddressRelease<'a> {
        IpAddressRelease {
            user,
            port,
            address,
        }
    }

    /// The user that had the address (`lpszUserName`).
    pub const fn user(&self) -> WideStr<'a> {
        self.user
    }

    /// The port the user was connected on (`lpszPortName`).
    pub const fn port(&self) -> WideStr<'a> {
        self.port
    }

    /// The address being released (`*pipAddress`).
    pub const fn address(&self) -> Ipv4Addr {
        self.address
    }
}

/// Runtime support for the export macros. Not a public API: its items may
/// change in any release.
#[doc(hidden)]
pub mod __private {
    use super::*;
    use crate::sys::{DWORD, RAS_PARAMETERS, RAS_PORT_1, RAS_PORT_STATISTICS};
    use crate::{AcceptEvent, HangupEvent};

    /// The hook used when the macro was given none.
    pub fn no_hook(_: &ExportError) {}

    /// `admin_dll!`'s accept handler when none is given: accepts.
    pub fn default_accept(_: AcceptEvent<'_>) -> bool {
        true
    }

    /// `admin_dll!`'s hang-up handler when none is given: does nothing.
    pub fn default_hangup(_: HangupEvent<'_>) {}

    /// `admin_dll!`'s get-IP handler when none is given: keeps the address
    /// RAS proposed (0 stays 0), no release notification.
    pub fn default_get_ip_address(
        request: IpAddressRequest<'_>,
    ) -> Result<IpAssignment, ErrorCode> {
        Ok(request.keep_proposed())
    }

    /// `admin_dll!`'s release handler when none is given: does nothing.
    pub fn default_release_ip_address(_: IpAddressRelease<'_>) {}

    /// Why the handler produced no value.
    enum Failure {
        /// Arguments unusable; the hook has been told.
        Rejected,
        /// The handler panicked; the hook has been told.
        #[cfg(all(feature = "std", panic = "unwind"))]
        Panicked,
    }

    /// Drops a panic payload; a payload whose `Drop` panics is leaked
    /// instead of unwinding further.
    #[cfg(all(feature = "std", panic = "unwind"))]
    fn dispose(payload: Box<dyn std::any::Any + Send>) {
        use std::panic::{self, AssertUnwindSafe};
        if let Err(again) = panic::catch_unwind(AssertUnwindSafe(move || drop(payload))) {
            std::mem::forget(again);
        }
    }

    #[cfg(all(feature = "std", panic = "unwind"))]
    fn panic_message(payload: &(dyn std::any::Any + Send)) -> Option<String> {
        if let Some(s) = payload.downcast_ref::<&'static str>() {
            Some((*s).to_owned())
        } else {
            payload.downcast_ref::<String>().cloned()
        }
    }

    /// Tells the hook, containing any panic of the hook (and of dropping
    /// `error`, which happens inside the closure).
    #[cfg(all(feature = "std", panic = "unwind"))]
    fn report<H: Fn(&ExportError) + Sync + ?Sized>(hook: &H, error: ExportError) {
        use std::panic::{self, AssertUnwindSafe};
        if let Err(payload) = panic::catch_unwind(AssertUnwindSafe(move || hook(&error))) {
            dispose(payload);
        }
    }

    /// Runs `body` under `catch_unwind`, telling the hook about rejected
    /// arguments and panics.
    #[cfg(all(feature = "std", panic = "unwind"))]
    fn guard<T, H>(
        callback: Callback,
        hook: &H,
        body: impl FnOnce() -> Result<T, ExportError>,
    ) -> Result<T, Failure>
    where
        H: Fn(&ExportError) + Sync + ?Sized,
    {
        use std::panic::{self, AssertUnwindSafe};
        match panic::catch_unwind(AssertUnwindSafe(body)) {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(error)) => {
                report(hook, error);
                Err(Failure::Rejected)
            }
            Err(payload) => {
                let message = panic_message(&*payload);
                dispose(payload);
                report(hook, ExportError::Panicked { callback, message });
                Err(Failure::Panicked)
            }
        }
    }

    /// Runs `body`, telling the hook about rejected arguments. Without
    /// `std` (or with `panic = "abort"`) there is no unwinding to contain:
    /// this path holds no panic of its own (proved at link time by
    /// `tests/no-panic`), and a panic of the handler goes to the DLL's
    /// panic handler.
    #[cfg(not(all(feature = "std", panic = "unwind")))]
    #[inline(always)]
    fn guard<T, H>(
        _callback: Callback,
        hook: &H,
        body: impl FnOnce() -> Result<T, ExportError>,
    ) -> Result<T, Failure>
    where
        H: Fn(&ExportError) + Sync + ?Sized,
    {
        body().map_err(|error| {
            hook(&error);
            Failure::Rejected
        })
    }

    /// `Ok` if `ptr` is non-null and aligned, else the matching
    /// [`ExportError::Malformed`].
    fn check_ptr<T>(
        ptr: *const T,
        callback: Callback,
        field: &'static str,
    ) -> Result<(), ExportError> {
        let error = if ptr.is_null() {
            crate::Error::Null { field }
        } else if !ptr.is_aligned() {
            crate::Error::Misaligned {
                field,
                align: align_of::<T>(),
            }
        } else {
            return Ok(());
        };
        Err(ExportError::Malformed { callback, error })
    }

    /// Reads the NUL-terminated name at `ptr`, scanning at most
    /// [`MAX_NAME_LEN`] + 1 units.
    ///
    /// # Safety
    ///
    /// Unless null or misaligned, `ptr` must be valid for reads of every
    /// unit up to and including its NUL terminator, or of `MAX_NAME_LEN + 1`
    /// units if that comes first, and those units must not be written to
    /// during `'a`.
    unsafe fn read_name<'a>(
        ptr: *const WCHAR,
        callback: Callback,
        argument: &'static str,
    ) -> Result<WideStr<'a>, ExportError> {
        check_ptr(ptr, callback, argument)?;
        for len in 0..=MAX_NAME_LEN {
            // SAFETY: `ptr` is non-null and aligned, and the caller
            // guarantees units up to the terminator or index MAX_NAME_LEN
            // are readable; no unit before `len` was NUL.
            if unsafe { ptr.add(len).read() } == 0 {
                // SAFETY: the `len` units before the terminator were just
                // read, and the caller keeps them unchanged for 'a.
                let units = unsafe { core::slice::from_raw_parts(ptr, len) };
                return Ok(WideStr::named(units, argument));
            }
        }
        Err(ExportError::Unterminated { callback, argument })
    }

    /// Reads both names of an IP-address export.
    ///
    /// # Safety
    ///
    /// As for [`read_name`], for both pointers.
    unsafe fn names<'a>(
        callback: Callback,
        user: *const WCHAR,
        port: *const WCHAR,
    ) -> Result<(WideStr<'a>, WideStr<'a>), ExportError> {
        // SAFETY: forwarded to the caller.
        let user = unsafe { read_name(user, callback, "lpszUserName") }?;
        // SAFETY: forwarded to the caller.
        let port = unsafe { read_name(port, callback, "lpszPortName") }?;
        Ok((user, port))
    }

    /// Body of `RasAdminAcceptNewConnection`.
    ///
    /// # Safety
    ///
    /// The pointers must satisfy [`AcceptEvent::from_raw`].
    pub unsafe fn accept<F, H>(
        port: *const RAS_PORT_1,
        stats: *const RAS_PORT_STATISTICS,
        params: *const RAS_PARAMETERS,
        handler: &F,
        hook: &H,
    ) -> BOOL
    where
        F: Fn(AcceptEvent<'_>) -> bool + Sync + ?Sized,
        H: Fn(&ExportError) + Sync + ?Sized,
    {
        const CALLBACK: Callback = Callback::AcceptNewConnection;
        let outcome = guard(CALLBACK, hook, || {
            // SAFETY: forwarded to the caller.
            match unsafe { AcceptEvent::from_raw(port, stats, params) } {
                Ok(event) => Ok(handler(event)),
                Err(error) => Err(ExportError::Malformed {
                    callback: CALLBACK,
                    error,
                }),
            }
        });
        // Fail closed: anything but an explicit `true` refuses.
        BOOL::from(matches!(outcome, Ok(true)))
    }

    /// Body of `RasAdminConnectionHangupNotification`.
    ///
    /// # Safety
    ///
    /// The pointers must satisfy [`HangupEvent::from_raw`].
    pub unsafe fn hangup<F, H>(
        port: *const RAS_PORT_1,
        stats: *const RAS_PORT_STATISTICS,
        params: *const RAS_PARAMETERS,
        handler: &F,
        hook: &H,
    ) where
        F: Fn(HangupEvent<'_>) + Sync + ?Sized,
        H: Fn(&ExportError) + Sync + ?Sized,
    {
        const CALLBACK: Callback = Callback::ConnectionHangupNotification;
        let _ = guard(CALLBACK, hook, || {
            // SAFETY: forwarded to the caller.
            match unsafe { HangupEvent::from_raw(port, stats, params) } {
                Ok(event) => {
                    handler(event);
                    Ok(())
                }
                Err(error) => Err(ExportError::Malformed {
                    callback: CALLBACK,
                    error,
                }),
            }
        });
    }

    /// Body of `RasAdminGetIpAddressForUser`.
    ///
    /// # Safety
    ///
    /// `user` and `port` as for `read_name`; `address` and
    /// `notify_release`, unless null or misaligned, valid for reads and
    /// writes of one value each.
    pub unsafe fn get_ip_address<F, H>(
        user: *const WCHAR,
        port: *const WCHAR,
        address: *mut IPADDR,
        notify_release: *mut BOOL,
        handler: &F,
        hook: &H,
    ) -> DWORD
    where
        F: Fn(IpAddressRequest<'_>) -> Result<IpAssignment, ErrorCode> + Sync + ?Sized,
        H: Fn(&ExportError) + Sync + ?Sized,
    {
        const CALLBACK: Callback = Callback::GetIpAddressForUser;
        let outcome = guard(CALLBACK, hook, || {
            // SAFETY: forwarded to the caller.
            let (user, port) = unsafe { names(CALLBACK, user, port) }?;
            check_ptr(address, CALLBACK, "pipAddress")?;
            check_ptr(notify_release, CALLBACK, "bNotifyRelease")?;
            // SAFETY: both checked non-null and aligned; the caller
            // guarantees they are valid for reads and writes.
            let proposed = unsafe {
                notify_release.write(0);
                address.read()
            };
            Ok(handler(IpAddressRequest {
                user,
                port,
                proposed,
            }))
        });
        match outcome {
            Ok(Ok(assignment)) => {
                // SAFETY: reaching here means both pointers passed
                // `check_ptr`; the caller guarantees they are writable.
                unsafe {
                    address.write(ipaddr_from_ipv4(assignment.address));
                    notify_release.write(BOOL::from(assignment.notify_release));
                }
                0 // NO_ERROR
            }
            Ok(Err(code)) => code.get(),
            Err(Failure::Rejected) => ERROR_INVALID_PARAMETER,
            #[cfg(all(feature = "std", panic = "unwind"))]
            Err(Failure::Panicked) => ERROR_INTERNAL_ERROR,
        }
    }

    /// Body of `RasAdminReleaseIpAddress`.
    ///
    /// # Safety
    ///
    /// `user` and `port` as for `read_name`; `address`, unless
    /// null or misaligned, valid for reads of one value.
    pub unsafe fn release_ip_address<F, H>(
        user: *const WCHAR,
        port: *const WCHAR,
        address: *const IPADDR,
        handler: &F,
        hook: &H,
    ) where
        F: Fn(IpAddressRelease<'_>) + Sync + ?Sized,
        H: Fn(&ExportError) + Sync + ?Sized,
    {
        const CALLBACK: Callback = Callback::ReleaseIpAddress;
        let _ = guard(CALLBACK, hook, || {
            // SAFETY: forwarded to the caller.
            let (user, port) = unsafe { names(CALLBACK, user, port) }?;
            check_ptr(address, CALLBACK, "pipAddress")?;
            // SAFETY: checked non-null and aligned; the caller guarantees
            // it is readable.
            let address = ipv4_from_ipaddr(unsafe { address.read() });
            handler(IpAddressRelease {
                user,
                port,
                address,
            });
            Ok(())
        });
    }
}

/// Exports `RasAdminAcceptNewConnection`, calling `handler` to decide
/// whether RAS accepts a new connection.
///
/// ```text
/// export_accept!(handler);
/// export_accept!(handler, on_error = hook);
/// ```
///
/// `handler` is an expression (normally the path of a `fn` item) of a type
/// implementing `Fn(AcceptEvent<'_>) -> bool + Sync`; `hook` likewise for
/// `Fn(&ExportError) + Sync`. Use the macro once per DLL, at item level.
///
/// The export returns `TRUE` only when the handler returned `true`. When
/// `from_raw` rejects RAS's arguments, or the handler panics, it returns
/// `FALSE` (the connection is refused: fail closed) and tells the hook.
/// See the [module docs](crate::export) for the details.
///
/// ```rust,standalone_crate
/// use rassapi::AcceptEvent;
///
/// fn accept(event: AcceptEvent<'_>) -> bool {
///     event.port().user_name() != "guest"
/// }
///
/// rassapi::export_accept!(accept);
///
/// # fn main() {
/// // RAS passing nothing usable: the handler is not called, FALSE comes back.
/// let answer = unsafe {
///     RasAdminAcceptNewConnection(std::ptr::null_mut(), std::ptr::null_mut(), std::ptr::null_mut())
/// };
/// assert_eq!(answer, 0);
/// # }
/// ```
///
/// A handler of the wrong type is a compile error:
///
/// ```compile_fail
/// fn accept(_: rassapi::HangupEvent<'_>) -> bool {
///     true
/// }
///
/// rassapi::export_accept!(accept); // expects an AcceptEvent
/// # fn main() {}
/// ```
#[macro_export]
macro_rules! export_accept {
    ($handler:expr, on_error = $hook:expr $(,)?) => {
        /// `RasAdminAcceptNewConnection`, called by RAS to ask whether a new
        /// connection may proceed; generated by `rassapi::export_accept!`.
        ///
        /// # Safety
        ///
        /// The pointers must be as RAS passes them: see
        /// `rassapi::AcceptEvent::from_raw`.
        #[unsafe(no_mangle)]
        #[allow(non_snake_case)]
        pub unsafe extern "system" fn RasAdminAcceptNewConnection(
            port: *mut $crate::sys::RAS_PORT_1,
            stats: *mut $crate::sys::RAS_PORT_STATISTICS,
            params: *mut $crate::sys::RAS_PARAMETERS,
        ) -> $crate::sys::BOOL {
            // SAFETY: the caller upholds `AcceptEvent::from_raw`'s contract;
            // the helper catches panics.
            unsafe { $crate::export::__private::accept(port, stats, params, &$handler, &$hook) }
        }
        const _: $crate::sys::PRASADMINACCEPTNEWCONNECTION =
            ::core::option::Option::Some(RasAdminAcceptNewConnection);
    };
    ($handler:expr, on_error: $hook:expr $(,)?) => {
        $crate::export_accept!($handler, on_error = $hook);
    };
    ($handler:expr $(,)?) => {
        $crate::export_accept!($handler, on_error = $crate::export::__private::no_hook);
    };
}

/// Exports `RasAdminConnectionHangupNotification`, calling `handler` when
/// a connection has ended (once per port of a multilink connection,
/// possibly from several threads at once).
///
/// ```text
/// export_hangup!(handler);
/// export_hangup!(handler, on_error = hook);
/// ```
///
/// `handler` is an expression (normally the path of a `fn` item) of a type
/// implementing `Fn(HangupEvent<'_>) + Sync`; `hook` likewise for
/// `Fn(&ExportError) + Sync`. Use the macro once per DLL, at item level.
///
/// When `from_raw` rejects RAS's arguments the handler is not called and
/// the hook is told; a panic is caught and reported to the hook. Either way
/// the export returns normally. See the [module docs](crate::export).
///
/// ```rust,standalone_crate
/// use std::sync::atomic::{AtomicU32, Ordering};
/// use rassapi::HangupEvent;
/// use rassapi::export::ExportError;
///
/// static HANGUPS: AtomicU32 = AtomicU32::new(0);
/// static ERRORS: AtomicU32 = AtomicU32::new(0);
///
/// fn hangup(event: HangupEvent<'_>) {
///     HANGUPS.fetch_add(1, Ordering::Relaxed);
///     let _ = event.statistics().connection().bytes_sent;
/// }
///
/// fn on_error(error: &ExportError) {
///     assert!(matches!(error, ExportError::Malformed { .. }));
///     ERRORS.fetch_add(1, Ordering::Relaxed);
/// }
///
/// rassapi::export_hangup!(hangup, on_error = on_error);
///
/// # fn main() {
/// let null = std::ptr::null_mut();
/// unsafe { RasAdminConnectionHangupNotification(null, std::ptr::null_mut(), std::ptr::null_mut()) };
/// assert_eq!(HANGUPS.load(Ordering::Relaxed), 0); // handler not called
/// assert_eq!(ERRORS.load(Ordering::Relaxed), 1); // hook told why
/// # }
/// ```
///
/// The handler must accept a view of *any* lifetime, so it cannot keep the
/// borrowed data beyond the call:
///
/// ```compile_fail
/// use rassapi::HangupEvent;
/// use std::sync::Mutex;
///
/// static LAST: Mutex<Option<HangupEvent<'static>>> = Mutex::new(None);
///
/// fn keep(event: HangupEvent<'static>) {
///     *LAST.lock().unwrap() = Some(event);
/// }
///
/// rassapi::export_hangup!(keep); // error: `keep` is not general enough
/// # fn main() {}
/// ```
#[macro_export]
macro_rules! export_hangup {
    ($handler:expr, on_error = $hook:expr $(,)?) => {
        /// `RasAdminConnectionHangupNotification`, called by RAS when a
        /// connection has ended; generated by `rassapi::export_hangup!`.
        ///
        /// # Safety
        ///
        /// The pointers must be as RAS passes them: see
        /// `rassapi::HangupEvent::from_raw`.
        #[unsafe(no_mangle)]
        #[allow(non_snake_case)]
        pub unsafe extern "system" fn RasAdminConnectionHangupNotification(
            port: *mut $crate::sys::RAS_PORT_1,
            stats: *mut $crate::sys::RAS_PORT_STATISTICS,
            params: *mut $crate::sys::RAS_PARAMETERS,
        ) {
            // SAFETY: the caller upholds `HangupEvent::from_raw`'s contract;
            // the helper catches panics.
            unsafe { $crate::export::__private::hangup(port, stats, params, &$handler, &$hook) }
        }
        const _: $crate::sys::PRASADMINCONNECTIONHANGUPNOTIFICATION =
            ::core::option::Option::Some(RasAdminConnectionHangupNotification);
    };
    ($handler:expr, on_error: $hook:expr $(,)?) => {
        $crate::export_hangup!($handler, on_error = $hook);
    };
    ($handler:expr $(,)?) => {
        $crate::export_hangup!($handler, on_error = $crate::export::__private::no_hook);
    };
}

/// Exports `RasAdminGetIpAddressForUser`, calling `handler` to choose the
/// IPv4 address of a user who is connecting.
///
/// ```text
/// export_get_ip_address!(handler);
/// export_get_ip_address!(handler, on_error = hook);
/// ```
///
/// `handler` is an expression (normally the path of a `fn` item) of a type
/// implementing
/// `Fn(IpAddressRequest<'_>) -> Result<IpAssignment, ErrorCode> + Sync`;
/// `hook` likewise for `Fn(&ExportError) + Sync`. Use the macro once per
/// DLL, at item level.
///
/// * `Ok(assignment)`: the export stores the address in `*pipAddress`
///   (network byte order), the flag in `*bNotifyRelease`, and returns
///   `NO_ERROR` (0).
/// * `Err(code)`: it returns `code` (RAS drops the connection), leaving
///   `*pipAddress` unchanged and `*bNotifyRelease` `FALSE`.
/// * Unusable arguments (null, misaligned, names longer than
///   [`MAX_NAME_LEN`](crate::export::MAX_NAME_LEN)): the handler is not
///   called, the hook is told, and the export returns
///   [`ERROR_INVALID_PARAMETER`](crate::export::ERROR_INVALID_PARAMETER).
/// * A panic: caught, reported to the hook, and the export returns
///   [`ERROR_INTERNAL_ERROR`](crate::export::ERROR_INTERNAL_ERROR).
///
/// ```rust,standalone_crate
/// use std::net::Ipv4Addr;
/// use rassapi::export::{ErrorCode, IpAddressRequest, IpAssignment};
///
/// fn get_ip(request: IpAddressRequest<'_>) -> Result<IpAssignment, ErrorCode> {
///     match request.user() {
///         user if user == "alice" => {
///             Ok(IpAssignment::new(Ipv4Addr::new(10, 1, 2, 3)).notify_on_release())
///         }
///         _ => request.proposed().map(IpAssignment::new).ok_or(ErrorCode::ACCESS_DENIED),
///     }
/// }
///
/// rassapi::export_get_ip_address!(get_ip);
///
/// # fn main() {
/// let mut user: Vec<u16> = "alice".encode_utf16().chain([0]).collect();
/// let mut port: Vec<u16> = "COM1".encode_utf16().chain([0]).collect();
/// let (mut address, mut notify) = (0u32, 0i32);
/// let status = unsafe {
///     RasAdminGetIpAddressForUser(user.as_mut_ptr(), port.as_mut_ptr(), &mut address, &mut notify)
/// };
/// assert_eq!(status, 0);
/// assert_eq!(address.to_ne_bytes(), [10, 1, 2, 3]); // network byte order
/// assert_eq!(notify, 1);
/// # }
/// ```
#[macro_export]
macro_rules! export_get_ip_address {
    ($handler:expr, on_error = $hook:expr $(,)?) => {
        /// `RasAdminGetIpAddressForUser`, called by RAS to choose a
        /// connecting user's IP address; generated by
        /// `rassapi::export_get_ip_address!`.
        ///
        /// # Safety
        ///
        /// Unless null, the names must be readable up to their NUL
        /// terminator (or `rassapi::export::MAX_NAME_LEN` + 1 units), and
        /// `pipAddress`/`bNotifyRelease` valid for reads and writes.
        #[unsafe(no_mangle)]
        #[allow(non_snake_case)]
        pub unsafe extern "system" fn RasAdminGetIpAddressForUser(
            user: *mut $crate::sys::WCHAR,
            port: *mut $crate::sys::WCHAR,
            address: *mut $crate::sys::IPADDR,
            notify_release: *mut $crate::sys::BOOL,
        ) -> $crate::sys::DWORD {
            // SAFETY: the caller upholds the contract above; the helper
            // checks what can be checked and catches panics.
            unsafe {
                $crate::export::__private::get_ip_address(
                    user,
                    port,
                    address,
                    notify_release,
                    &$handler,
                    &$hook,
                )
            }
        }
        const _: $crate::sys::PRASADMINGETIPADDRESSFORUSER =
            ::core::option::Option::Some(RasAdminGetIpAddressForUser);
    };
    ($handler:expr, on_error: $hook:expr $(,)?) => {
        $crate::export_get_ip_address!($handler, on_error = $hook);
    };
    ($handler:expr $(,)?) => {
        $crate::export_get_ip_address!($handler, on_error = $crate::export::__private::no_hook);
    };
}

/// Exports `RasAdminReleaseIpAddress`, calling `handler` when an address
/// assigned with [`IpAssignment::notify_on_release`](crate::export::IpAssignment::notify_on_release)
/// is free again.
///
/// ```text
/// export_release_ip_address!(handler);
/// export_release_ip_address!(handler, on_error = hook);
/// ```
///
/// `handler` is an expression (normally the path of a `fn` item) of a type
/// implementing `Fn(IpAddressRelease<'_>) + Sync`; `hook` likewise for
/// `Fn(&ExportError) + Sync`. Use the macro once per DLL, at item level.
///
/// Unusable arguments (see
/// [`export_get_ip_address!`](crate::export_get_ip_address)) mean the
/// handler is not called and the hook is told; a panic is caught and
/// reported to the hook. Either way the export returns normally.
///
/// ```rust,standalone_crate
/// use rassapi::export::IpAddressRelease;
///
/// fn release(release: IpAddressRelease<'_>) {
///     println!("{} on {} gave back {}", release.user(), release.port(), release.address());
/// }
///
/// rassapi::export_release_ip_address!(release);
/// # fn main() {}
/// ```
#[macro_export]
macro_rules! export_release_ip_address {
    ($handler:expr, on_error = $hook:expr $(,)?) => {
        /// `RasAdminReleaseIpAddress`, called by RAS when an address the DLL
        /// assigned is free again; generated by
        /// `rassapi::export_release_ip_address!`.
        ///
        /// # Safety
        ///
        /// Unless null, the names must be readable up to their NUL
        /// terminator (or `rassapi::export::MAX_NAME_LEN` + 1 units), and
        /// `pipAddress` valid for reads.
        #[unsafe(no_mangle)]
        #[allow(non_snake_case)]
        pub unsafe extern "system" fn RasAdminReleaseIpAddress(
            user: *mut $crate::sys::WCHAR,
            port: *mut $crate::sys::WCHAR,
            address: *mut $crate::sys::IPADDR,
        ) {
            // SAFETY: the caller upholds the contract above; the helper
            // checks what can be checked and catches panics.
            unsafe {
                $crate::export::__private::release_ip_address(
                    user, port, address, &$handler, &$hook,
                )
            }
        }
        const _: $crate::sys::PRASADMINRELEASEIPADDRESS =
            ::core::option::Option::Some(RasAdminReleaseIpAddress);
    };
    ($handler:expr, on_error: $hook:expr $(,)?) => {
        $crate::export_release_ip_address!($handler, on_error = $hook);
    };
    ($handler:expr $(,)?) => {
        $crate::export_release_ip_address!($handler, on_error = $crate::export::__private::no_hook);
    };
}

/// Exports all four admin-DLL callbacks, sharing one error hook.
///
/// ```text
/// admin_dll! {
///     on_error: hook,                      // optional
///     accept: accept_handler,              // optional, as export_accept!
///     hangup: hangup_handler,              // optional, as export_hangup!
///     get_ip_address: get_ip_handler,      // optional, as export_get_ip_address!
///     release_ip_address: release_handler, // optional, as export_release_ip_address!
/// }
/// ```
///
/// Each entry is optional, may appear once, and the order is free. The
/// four exports are generated whatever is given, since the NT 4.0
/// Platform SDK says an admin DLL must export all four or the Remote
/// Access service fails to start. A callback left out gets a neutral
/// default:
///
/// | left out | the export |
/// |----------|------------|
/// | `accept` | returns `TRUE`: accepts every connection |
/// | `hangup` | does nothing |
/// | `get_ip_address` | returns `NO_ERROR`, leaves `*pipAddress` as RAS passed it, sets `*bNotifyRelease` to `FALSE` ([`IpAddressRequest::keep_proposed`](crate::export::IpAddressRequest::keep_proposed)) |
/// | `release_ip_address` | does nothing |
///
/// Malformed arguments still reach the hook and give the fallbacks of the
/// [module docs](crate::export), defaults or not.
///
/// RAS loads the DLL in two processes: one calls accept and hang-up, the
/// other get-IP and release. Statics are therefore **not** shared between
/// the two pairs: keep each pair's state to itself.
///
/// ```rust,standalone_crate
/// use rassapi::AcceptEvent;
///
/// fn accept(event: AcceptEvent<'_>) -> bool {
///     !event.port().user_name().eq_ignore_case("guest")
/// }
///
/// rassapi::admin_dll! {
///     accept: accept,
/// }
///
/// # fn main() {
/// // The three others exist too, with the defaults above.
/// let mut user: Vec<u16> = "alice".encode_utf16().chain([0]).collect();
/// let mut port: Vec<u16> = "COM1".encode_utf16().chain([0]).collect();
/// let (mut address, mut notify) = (0x1507_A8C0u32, 1i32);
/// let status = unsafe {
///     RasAdminGetIpAddressForUser(user.as_mut_ptr(), port.as_mut_ptr(), &mut address, &mut notify)
/// };
/// assert_eq!((status, address, notify), (0, 0x1507_A8C0, 0));
/// # }
/// ```
///
/// An entry given twice, or an unknown one, is a compile error:
///
/// ```compile_fail
/// fn accept(_: rassapi::AcceptEvent<'_>) -> bool {
///     true
/// }
///
/// rassapi::admin_dll! {
///     accept: accept,
///     accept: accept,
/// }
/// # fn main() {}
/// ```
///
/// See the [module docs](crate::export) for a full example.
#[macro_export]
macro_rules! admin_dll {
    // All entries read: the four exports.
    (@munch [$($accept:expr)?] [$($hangup:expr)?] [$($get_ip:expr)?] [$($release:expr)?] [$($hook:expr)?]) => {
        $crate::export_accept!(
            $crate::admin_dll!(@or [$($accept)?] $crate::export::__private::default_accept),
            on_error: $crate::admin_dll!(@or [$($hook)?] $crate::export::__private::no_hook)
        );
        $crate::export_hangup!(
            $crate::admin_dll!(@or [$($hangup)?] $crate::export::__private::default_hangup),
            on_error: $crate::admin_dll!(@or [$($hook)?] $crate::export::__private::no_hook)
        );
        $crate::export_get_ip_address!(
            $crate::admin_dll!(@or [$($get_ip)?] $crate::export::__private::default_get_ip_address),
            on_error: $crate::admin_dll!(@or [$($hook)?] $crate::export::__private::no_hook)
        );
        $crate::export_release_ip_address!(
            $crate::admin_dll!(@or [$($release)?] $crate::export::__private::default_release_ip_address),
            on_error: $crate::admin_dll!(@or [$($hook)?] $crate::export::__private::no_hook)
        );
    };
    (@or [] $default:expr) => { $default };
    (@or [$given:expr] $default:expr) => { $given };
    // One entry into its empty slot.
    (@munch [] $h:tt $g:tt $r:tt $o:tt accept : $e:expr $(, $($rest:tt)*)?) => {
        $crate::admin_dll!(@munch [$e] $h $g $r $o $($($rest)*)?);
    };
    (@munch $a:tt [] $g:tt $r:tt $o:tt hangup : $e:expr $(, $($rest:tt)*)?) => {
        $crate::admin_dll!(@munch $a [$e] $g $r $o $($($rest)*)?);
    };
    (@munch $a:tt $h:tt [] $r:tt $o:tt get_ip_address : $e:expr $(, $($rest:tt)*)?) => {
        $crate::admin_dll!(@munch $a $h [$e] $r $o $($($rest)*)?);
    };
    (@munch $a:tt $h:tt $g:tt [] $o:tt release_ip_address : $e:expr $(, $($rest:tt)*)?) => {
        $crate::admin_dll!(@munch $a $h $g [$e] $o $($($rest)*)?);
    };
    (@munch $a:tt $h:tt $g:tt $r:tt [] on_error : $e:expr $(, $($rest:tt)*)?) => {
        $crate::admin_dll!(@munch $a $h $g $r [$e] $($($rest)*)?);
    };
    (@munch $a:tt $h:tt $g:tt $r:tt $o:tt $key:ident : $($rest:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "rassapi::admin_dll!: `",
            ::core::stringify!($key),
            "` given twice, or unknown; expected each of on_error, accept, hangup, \
             get_ip_address, release_ip_address at most once"
        ));
    };
    (@munch $($bad:tt)*) => {
        ::core::compile_error!(
            "rassapi::admin_dll!: expected `key: handler` entries separated by commas"
        );
    };
    ($($entries:tt)*) => {
        $crate::admin_dll!(@munch [] [] [] [] [] $($entries)*);
    };
}
