//! Runtime support for the export macros: the guard around every handler,
//! the reading of RAS's arguments into the views, and the fallbacks. Not a
//! public API: its items may change in any release.
//!
//! Each callback's function is named after its `admin_dll!` key and takes
//! the export's arguments in C order, then the handler and the hook.

#[cfg(all(feature = "std", panic = "unwind"))]
use super::ERROR_INTERNAL_ERROR;
use super::{Callback, ERROR_INVALID_PARAMETER, ExportError, MAX_NAME_LEN};
use crate::WideStr;
use crate::event::{
    AcceptEvent, ConnectionCallback, ErrorCode, Event, GetIpAddressEvent, HangupEvent,
    IpAssignment, ReleaseIpAddressEvent, ipaddr_from_ipv4,
};
use crate::pointer;
use crate::sys::{BOOL, DWORD, IPADDR, RAS_PARAMETERS, RAS_PORT_1, RAS_PORT_STATISTICS, WCHAR};

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
pub fn default_get_ip_address(request: GetIpAddressEvent<'_>) -> Result<IpAssignment, ErrorCode> {
    Ok(request.keep_proposed())
}

/// `admin_dll!`'s release handler when none is given: does nothing.
pub fn default_release_ip_address(_: ReleaseIpAddressEvent<'_>) {}

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
pub(crate) fn dispose(payload: Box<dyn std::any::Any + Send>) {
    use std::panic::{self, AssertUnwindSafe};
    if let Err(again) = panic::catch_unwind(AssertUnwindSafe(move || drop(payload))) {
        std::mem::forget(again);
    }
}

#[cfg(all(feature = "std", panic = "unwind"))]
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> Option<String> {
    if let Some(s) = payload.downcast_ref::<&'static str>() {
        Some((*s).to_owned())
    } else {
        payload.downcast_ref::<String>().cloned()
    }
}

/// Tells the hook, containing any panic of the hook (and of dropping
/// `error`, which happens inside the closure). Also used by
/// `rras_admin_dll!`'s guard, whose hook takes a `HookError`.
#[cfg(all(feature = "std", panic = "unwind"))]
pub(crate) fn report<E, H: Fn(&E) + Sync + ?Sized>(hook: &H, error: E) {
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

/// [`pointer::check`], reported as [`ExportError::Malformed`].
fn check_ptr<T>(ptr: *const T, callback: Callback, field: &'static str) -> Result<(), ExportError> {
    pointer::check(ptr, field).map_err(|error| ExportError::Malformed { callback, error })
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

/// Builds the accept or hang-up view and runs `run` on it under the guard.
///
/// # Safety
///
/// The pointers must satisfy [`Event::from_raw`].
unsafe fn with_connection<K, R>(
    callback: Callback,
    port: *const RAS_PORT_1,
    stats: *const RAS_PORT_STATISTICS,
    params: *const RAS_PARAMETERS,
    hook: &(impl Fn(&ExportError) + Sync + ?Sized),
    run: impl FnOnce(Event<'_, K>) -> R,
) -> Result<R, Failure>
where
    K: ConnectionCallback,
{
    guard(callback, hook, || {
        // SAFETY: forwarded to the caller.
        unsafe { Event::from_raw(port, stats, params) }
            .map(run)
            .map_err(|error| ExportError::Malformed { callback, error })
    })
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
    let callback = Callback::AcceptNewConnection;
    // SAFETY: forwarded to the caller.
    let outcome = unsafe { with_connection(callback, port, stats, params, hook, handler) };
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
    let callback = Callback::ConnectionHangupNotification;
    // SAFETY: forwarded to the caller.
    let _ = unsafe { with_connection(callback, port, stats, params, hook, handler) };
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
    F: Fn(GetIpAddressEvent<'_>) -> Result<IpAssignment, ErrorCode> + Sync + ?Sized,
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
        Ok(handler(GetIpAddressEvent::from_host(user, port, proposed)))
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
    F: Fn(ReleaseIpAddressEvent<'_>) + Sync + ?Sized,
    H: Fn(&ExportError) + Sync + ?Sized,
{
    const CALLBACK: Callback = Callback::ReleaseIpAddress;
    let _ = guard(CALLBACK, hook, || {
        // SAFETY: forwarded to the caller.
        let (user, port) = unsafe { names(CALLBACK, user, port) }?;
        check_ptr(address, CALLBACK, "pipAddress")?;
        // SAFETY: checked non-null and aligned; the caller guarantees
        // it is readable.
        let address = unsafe { address.read() };
        handler(ReleaseIpAddressEvent::from_host(user, port, address));
        Ok(())
    });
}
