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
//! | [`export_get_ip_address!`](crate::export_get_ip_address) | `RasAdminGetIpAddressForUser` | `fn(GetIpAddressEvent<'_>) -> Result<IpAssignment, ErrorCode>` |
//! | [`export_release_ip_address!`](crate::export_release_ip_address) | `RasAdminReleaseIpAddress` | `fn(ReleaseIpAddressEvent<'_>)` |
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
//!    [`Event::from_raw`](crate::Event::from_raw); for the IP-address
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
//! use rassapi::export::ExportError;
//! use rassapi::{AcceptEvent, ErrorCode, GetIpAddressEvent, HangupEvent, IpAssignment, ReleaseIpAddressEvent};
//!
//! static ACTIVE: AtomicU32 = AtomicU32::new(0);
//!
//! fn accept(event: AcceptEvent<'_>) -> bool {
//!     // Windows account names compare without case.
//!     let ok = !event.port().user_name().eq_ignore_case("guest");
//!     if ok {
//!         ACTIVE.fetch_add(1, Ordering::Relaxed);
//!     }
//!     ok
//! }
//!
//! fn hangup(event: HangupEvent<'_>) {
//!     let sent = event.statistics().this_port().bytes_sent;
//!     eprintln!("{} left after sending {sent} bytes", event.port().user_name());
//! }
//!
//! fn get_ip(request: GetIpAddressEvent<'_>) -> Result<IpAssignment, ErrorCode> {
//!     if request.user() == "router" {
//!         Ok(IpAssignment::new(Ipv4Addr::new(10, 0, 0, 2)).notify_on_release())
//!     } else {
//!         // Keep the address RAS picked; refuse if it had none.
//!         request.proposed().map(IpAssignment::new).ok_or(ErrorCode::ACCESS_DENIED)
//!     }
//! }
//!
//! fn release(release: ReleaseIpAddressEvent<'_>) {
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

pub use crate::callback::Callback;
pub use crate::event::{ErrorCode, IpAssignment, ipaddr_from_ipv4, ipv4_from_ipaddr};

#[doc(hidden)]
#[path = "runtime.rs"]
pub mod __private;
mod macros;

/// The get-IP view's former name.
#[deprecated(since = "0.1.0", note = "renamed to `rassapi::GetIpAddressEvent`")]
pub type IpAddressRequest<'a> = crate::GetIpAddressEvent<'a>;

/// The release view's former name.
#[deprecated(since = "0.1.0", note = "renamed to `rassapi::ReleaseIpAddressEvent`")]
pub type IpAddressRelease<'a> = crate::ReleaseIpAddressEvent<'a>;

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
/// `pipAddress`/`bNotifyRelease`): [`ErrorCode::INVALID_PARAMETER`].
pub const ERROR_INVALID_PARAMETER: u32 = ErrorCode::INVALID_PARAMETER.get();

/// What `RasAdminGetIpAddressForUser` returns when its handler panicked
/// (with `std`): [`ErrorCode::INTERNAL_ERROR`].
pub const ERROR_INTERNAL_ERROR: u32 = ErrorCode::INTERNAL_ERROR.get();

/// Why an export did not call its handler, or why the handler did not
/// finish. Given to the error hook (`on_error: hook`).
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
    /// A stable `snake_case` name of the variant, for log lines without
    /// `core::fmt`: `malformed`, `unterminated` or `panicked`. For
    /// [`Malformed`](ExportError::Malformed) the inner error's
    /// [`Error::name`](crate::Error::name) says more.
    ///
    /// ```
    /// use rassapi::export::{Callback, ExportError};
    ///
    /// let err = ExportError::Unterminated { callback: Callback::GetIpAddressForUser, argument: "lpszUserName" };
    /// assert_eq!(err.name(), "unterminated");
    /// let err = ExportError::Malformed {
    ///     callback: Callback::ConnectionHangupNotification,
    ///     error: rassapi::Error::Null { field: "pRasPort1" },
    /// };
    /// assert_eq!(err.name(), "malformed");
    /// ```
    pub const fn name(&self) -> &'static str {
        match self {
            ExportError::Malformed { .. } => "malformed",
            ExportError::Unterminated { .. } => "unterminated",
            #[cfg(feature = "std")]
            ExportError::Panicked { .. } => "panicked",
        }
    }

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
