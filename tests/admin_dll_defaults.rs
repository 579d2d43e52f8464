//! `admin_dll!` with only some handlers: all four exports exist, and those
//! left out behave as documented (accept TRUE, get-IP keeps RAS's address
//! with no release notice, hang-up and release do nothing), while malformed
//! arguments still reach the hook and give the usual fallbacks.

use std::ptr::null_mut;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, PoisonError};

use rassapi::export::{Callback, ERROR_INVALID_PARAMETER, ExportError};
use rassapi::sys::{self, BOOL, IPADDR, WCHAR};
use rassapi::testing::EventBuilder;

static HOOK_CALLS: Mutex<Vec<Callback>> = Mutex::new(Vec::new());
static HANGUPS: AtomicU32 = AtomicU32::new(0);

fn hook(error: &ExportError) {
    HOOK_CALLS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(error.callback());
}

fn hangup(_: rassapi::HangupEvent<'_>) {
    HANGUPS.fetch_add(1, Ordering::SeqCst);
}

// Only hang-up and the hook, given in the "wrong" order: on_error may come
// anywhere.
rassapi::admin_dll! {
    hangup: hangup,
    on_error: hook,
}

/// The tests share the hook's record.
static SERIAL: Mutex<()> = Mutex::new(());

fn take_hook_calls() -> Vec<Callback> {
    std::mem::take(&mut *HOOK_CALLS.lock().unwrap_or_else(PoisonError::into_inner))
}

fn wstr(s: &str) -> Vec<WCHAR> {
    s.encode_utf16().chain([0]).collect()
}

#[test]
fn the_four_exports_have_the_sys_signatures() {
    let accept: sys::PRASADMINACCEPTNEWCONNECTION = Some(RasAdminAcceptNewConnection);
    let hangup: sys::PRASADMINCONNECTIONHANGUPNOTIFICATION =
        Some(RasAdminConnectionHangupNotification);
    let get_ip: sys::PRASADMINGETIPADDRESSFORUSER = Some(RasAdminGetIpAddressForUser);
    let release: sys::PRASADMINRELEASEIPADDRESS = Some(RasAdminReleaseIpAddress);
    assert!(accept.is_some() && hangup.is_some() && get_ip.is_some() && release.is_some());
}

#[test]
fn default_accept_accepts_everyone_but_still_fails_closed_on_malformed_input() {
    let _serial = SERIAL.lock().unwrap_or_else(PoisonError::into_inner);
    take_hook_calls();
    for user in ["alice", "guest", "mallory"] {
        let mut event = EventBuilder::new().user_name(user).build();
        let (port, stats, params) = event.as_raw();
        // SAFETY: `event` lives, unchanged, for the call.
        let answer = unsafe { RasAdminAcceptNewConnection(port, stats, params) };
        assert_eq!(answer, 1, "{user}");
    }
    assert_eq!(take_hook_calls(), []);
    // SAFETY: null pointers are rejected before anything is read.
    let answer = unsafe { RasAdminAcceptNewConnection(null_mut(), null_mut(), null_mut()) };
    assert_eq!(answer, 0);
    assert_eq!(take_hook_calls(), [Callback::AcceptNewConnection]);
}

#[test]
fn the_given_hangup_handler_runs() {
    let _serial = SERIAL.lock().unwrap_or_else(PoisonError::into_inner);
    let before = HANGUPS.load(Ordering::SeqCst);
    let mut event = EventBuilder::new().build();
    let (port, stats, params) = event.as_raw();
    // SAFETY: `event` lives, unchanged, for the call.
    unsafe { RasAdminConnectionHangupNotification(port, stats, params) };
    assert_eq!(HANGUPS.load(Ordering::SeqCst), before + 1);
}

#[test]
fn default_get_ip_keeps_the_proposed_address_and_asks_no_release() {
    let _serial = SERIAL.lock().unwrap_or_else(PoisonError::into_inner);
    take_hook_calls();
    let (mut user, mut port) = (wstr("alice"), wstr("COM1"));
    for proposed in [[192u8, 168, 7, 21], [0; 4], [255; 4]] {
        let mut address: IPADDR = IPADDR::from_ne_bytes(proposed);
        let mut notify: BOOL = 1;
        // SAFETY: NUL-terminated names and writable locals.
        let status = unsafe {
            RasAdminGetIpAddressForUser(
                user.as_mut_ptr(),
                port.as_mut_ptr(),
                &mut address,
                &mut notify,
            )
        };
        assert_eq!(status, 0, "{proposed:?}");
        assert_eq!(address.to_ne_bytes(), proposed);
        assert_eq!(notify, 0);
    }
    assert_eq!(take_hook_calls(), []);
    let mut notify: BOOL = 1;
    // SAFETY: a null `pipAddress` is rejected before anything is written.
    let status = unsafe {
        RasAdminGetIpAddressForUser(
            user.as_mut_ptr(),
            port.as_mut_ptr(),
            null_mut(),
            &mut notify,
        )
    };
    assert_eq!(status, ERROR_INVALID_PARAMETER);
    assert_eq!(take_hook_calls(), [Callback::GetIpAddressForUser]);
}

#[test]
fn default_release_does_nothing_but_reports_malformed_input() {
    let _serial = SERIAL.lock().unwrap_or_else(PoisonError::into_inner);
    take_hook_calls();
    let (mut user, mut port) = (wstr("alice"), wstr("COM1"));
    let mut address = IPADDR::from_ne_bytes([10, 0, 0, 2]);
    // SAFETY: NUL-terminated names and a readable address.
    unsafe { RasAdminReleaseIpAddress(user.as_mut_ptr(), port.as_mut_ptr(), &mut address) };
    assert_eq!(address.to_ne_bytes(), [10, 0, 0, 2]);
    assert_eq!(take_hook_calls(), []);
    // SAFETY: a null name is rejected before anything is read.
    unsafe { RasAdminReleaseIpAddress(null_mut(), port.as_mut_ptr(), &mut address) };
    assert_eq!(take_hook_calls(), [Callback::ReleaseIpAddress]);
}
