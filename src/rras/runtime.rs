//! Runtime support for `rras_admin_dll!`: the bodies of the `MprAdmin*`
//! exports and the adapters of the `RasAdmin*` ones. Not a public API.

use super::mprapi::{
    BOOL, RAS_CONNECTION_0, RAS_CONNECTION_1, RAS_CONNECTION_2, RAS_CONNECTION_3, RAS_PORT_0,
    RAS_PORT_1,
};
use super::{
    AnySession, HookError, HookErrorKind, Level, RrasCallback, RrasConnection, RrasLink, Scope,
};
use crate::export::ExportError;
use crate::{
    AcceptEvent, ErrorCode, GetIpAddressEvent, HangupEvent, IpAssignment, ReleaseIpAddressEvent,
};

pub use crate::export::__private::{default_get_ip_address, default_release_ip_address};

/// The layout table the oracle test compares with clang.
#[cfg(feature = "oracle")]
pub use super::layout::TABLE as LAYOUT;

/// Runs `body` under `catch_unwind`, telling the hook about rejected
/// arguments and panics; `None` if the handler produced no value.
#[cfg(all(feature = "std", panic = "unwind"))]
fn guard<T>(
    callback: RrasCallback,
    hook: &(impl Fn(&HookError) + Sync + ?Sized),
    body: impl FnOnce() -> Result<T, crate::Error>,
) -> Option<T> {
    use crate::export::__private::{dispose, panic_message, report};
    use std::panic::{self, AssertUnwindSafe};
    let kind = match panic::catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(value)) => return Some(value),
        Ok(Err(error)) => HookErrorKind::Malformed(error),
        Err(payload) => {
            let message = panic_message(&*payload);
            dispose(payload);
            HookErrorKind::Panicked { message }
        }
    };
    report(hook, HookError::new(callback.export_name(), kind));
    None
}

/// Without `std` (or with `panic = "abort"`) nothing can be caught: this
/// path holds no panic of its own; a handler's goes to the panic handler.
#[cfg(not(all(feature = "std", panic = "unwind")))]
#[inline(always)]
fn guard<T>(
    callback: RrasCallback,
    hook: &(impl Fn(&HookError) + Sync + ?Sized),
    body: impl FnOnce() -> Result<T, crate::Error>,
) -> Option<T> {
    match body() {
        Ok(value) => Some(value),
        Err(error) => {
            hook(&HookError::new(
                callback.export_name(),
                HookErrorKind::Malformed(error),
            ));
            None
        }
    }
}

const fn level_of(callback: RrasCallback) -> Level {
    match callback {
        RrasCallback::AcceptNewConnection2 | RrasCallback::ConnectionHangupNotification2 => {
            Level::Two
        }
        RrasCallback::AcceptNewConnection3
        | RrasCallback::ConnectionHangupNotification3
        | RrasCallback::AcceptReauthentication => Level::Three,
        _ => Level::One,
    }
}

/// Body of `MprAdminInitializeDll` / `MprAdminTerminateDll`: 0 on `Ok`,
/// the code on `Err`, `ERROR_INTERNAL_ERROR` if the handler panicked.
pub fn lifecycle<F, H>(callback: RrasCallback, handler: &F, hook: &H) -> u32
where
    F: Fn() -> Result<(), ErrorCode> + Sync + ?Sized,
    H: Fn(&HookError) + Sync + ?Sized,
{
    match guard(callback, hook, || Ok(handler())) {
        Some(Ok(())) => 0,
        Some(Err(code)) => code.get(),
        None => ErrorCode::INTERNAL_ERROR.get(),
    }
}

/// Body of the accept-connection exports and of reauthentication: `TRUE`
/// only if the handler said yes (fail closed).
///
/// # Safety
///
/// As [`RrasConnection::from_raw`] for the callback's level.
pub unsafe fn accept_connection<F, H>(
    callback: RrasCallback,
    c0: *const RAS_CONNECTION_0,
    c1: *const RAS_CONNECTION_1,
    c2: *const RAS_CONNECTION_2,
    c3: *const RAS_CONNECTION_3,
    handler: &F,
    hook: &H,
) -> BOOL
where
    F: Fn(AnySession<'_>) -> bool + Sync + ?Sized,
    H: Fn(&HookError) + Sync + ?Sized,
{
    let outcome = guard(callback, hook, || {
        // SAFETY: forwarded to the caller.
        let view = unsafe { RrasConnection::from_raw(level_of(callback), c0, c1, c2, c3) }?;
        Ok(handler(AnySession::Connection(view)))
    });
    BOOL::from(outcome == Some(true))
}

/// Body of the connection hang-up exports.
///
/// # Safety
///
/// As [`RrasConnection::from_raw`] for the callback's level.
pub unsafe fn connection_hangup<F, H>(
    callback: RrasCallback,
    c0: *const RAS_CONNECTION_0,
    c1: *const RAS_CONNECTION_1,
    c2: *const RAS_CONNECTION_2,
    c3: *const RAS_CONNECTION_3,
    handler: &F,
    hook: &H,
) where
    F: Fn(AnySession<'_>) + Sync + ?Sized,
    H: Fn(&HookError) + Sync + ?Sized,
{
    let _ = guard(callback, hook, || {
        // SAFETY: forwarded to the caller.
        let view = unsafe { RrasConnection::from_raw(level_of(callback), c0, c1, c2, c3) }?;
        handler(AnySession::Connection(view));
        Ok(())
    });
}

/// Body of `MprAdminAcceptNewLink`: `TRUE` only if the handler said yes.
///
/// # Safety
///
/// As [`RrasLink::from_raw`].
pub unsafe fn accept_link<F, H>(
    p0: *const RAS_PORT_0,
    p1: *const RAS_PORT_1,
    handler: &F,
    hook: &H,
) -> BOOL
where
    F: Fn(AnySession<'_>) -> bool + Sync + ?Sized,
    H: Fn(&HookError) + Sync + ?Sized,
{
    let outcome = guard(RrasCallback::AcceptNewLink, hook, || {
        // SAFETY: forwarded to the caller.
        let view = unsafe { RrasLink::from_raw(p0, p1) }?;
        Ok(handler(AnySession::Link(view)))
    });
    BOOL::from(outcome == Some(true))
}

/// Body of `MprAdminLinkHangupNotification`.
///
/// # Safety
///
/// As [`RrasLink::from_raw`].
pub unsafe fn link_hangup<F, H>(p0: *const RAS_PORT_0, p1: *const RAS_PORT_1, handler: &F, hook: &H)
where
    F: Fn(AnySession<'_>) + Sync + ?Sized,
    H: Fn(&HookError) + Sync + ?Sized,
{
    let _ = guard(RrasCallback::LinkHangupNotification, hook, || {
        // SAFETY: forwarded to the caller.
        let view = unsafe { RrasLink::from_raw(p0, p1) }?;
        handler(AnySession::Link(view));
        Ok(())
    });
}

/// Body of `MprAdminGetIpAddressForUser`: the `RasAdmin` one's, which has
/// the same arguments and fallbacks, reporting under the `MprAdmin` name.
///
/// # Safety
///
/// As `export::__private::get_ip_address`.
pub unsafe fn get_ip_address<F, H>(
    user: *const u16,
    port: *const u16,
    address: *mut u32,
    notify_release: *mut BOOL,
    handler: &F,
    hook: &H,
) -> u32
where
    F: Fn(GetIpAddressEvent<'_>) -> Result<IpAssignment, ErrorCode> + Sync + ?Sized,
    H: Fn(&HookError) + Sync + ?Sized,
{
    let export = RrasCallback::GetIpAddressForUser.export_name();
    let hook = |e: &ExportError| hook(&HookError::from_export_error(export, e));
    // SAFETY: forwarded to the caller.
    unsafe {
        crate::export::__private::get_ip_address(
            user,
            port,
            address,
            notify_release,
            handler,
            &hook,
        )
    }
}

/// Body of `MprAdminReleaseIpAddress`, likewise.
///
/// # Safety
///
/// As `export::__private::release_ip_address`.
pub unsafe fn release_ip_address<F, H>(
    user: *const u16,
    port: *const u16,
    address: *mut u32,
    handler: &F,
    hook: &H,
) where
    F: Fn(ReleaseIpAddressEvent<'_>) + Sync + ?Sized,
    H: Fn(&HookError) + Sync + ?Sized,
{
    let export = RrasCallback::ReleaseIpAddress.export_name();
    let hook = |e: &ExportError| hook(&HookError::from_export_error(export, e));
    // SAFETY: forwarded to the caller.
    unsafe { crate::export::__private::release_ip_address(user, port, address, handler, &hook) }
}

/// The `RasAdmin*` exports' hook: the same error as a [`HookError`].
pub fn nt4_hook<H: Fn(&HookError) + Sync + ?Sized>(error: &ExportError, hook: &H) {
    hook(&HookError::from_export_error(
        error.callback().export_name(),
        error,
    ));
}

/// `RasAdminAcceptNewConnection`'s handler: the connection, then (if it
/// was accepted) the link.
pub fn nt4_accept<A, L>(event: AcceptEvent<'_>, accept: &A, accept_link: &L) -> bool
where
    A: Fn(AnySession<'_>) -> bool + ?Sized,
    L: Fn(AnySession<'_>) -> bool + ?Sized,
{
    accept(AnySession::from_nt4(event, Scope::Connection))
        && accept_link(AnySession::from_nt4(event, Scope::Link))
}

/// `RasAdminConnectionHangupNotification`'s handler: the connection (bundle
/// totals), then the link (this port).
pub fn nt4_hangup<C, L>(event: HangupEvent<'_>, connection_ended: &C, link_ended: &L)
where
    C: Fn(AnySession<'_>) + ?Sized,
    L: Fn(AnySession<'_>) + ?Sized,
{
    connection_ended(AnySession::from_nt4(event, Scope::Connection));
    link_ended(AnySession::from_nt4(event, Scope::Link));
}
