//! `rras_admin_dll!` with every handler: each of the 17 exports calls the
//! right handler with the right view, NT 4.0's per-port calls fan out to
//! the connection and link handlers, and malformed input and panics are
//! contained with the documented fallbacks.

#[path = "support/rras_fixtures.rs"]
mod fixtures;

use std::ptr::null_mut;
use std::sync::{Mutex, PoisonError};

use fixtures::{conn, link};
use rassapi::rras::{self, AnySession, Api, HookError, HookErrorKind, Scope};
use rassapi::testing::EventBuilder;
use rassapi::{ErrorCode, GetIpAddressEvent, IpAssignment, ReleaseIpAddressEvent};

/// What a handler saw: (handler, api, scope, name, bytes_sent).
type Seen = (&'static str, Option<Api>, Option<Scope>, String, u32);
type Errors = Vec<(&'static str, &'static str)>;

static SEEN: Mutex<Vec<Seen>> = Mutex::new(Vec::new());
static ERRORS: Mutex<Vec<(&'static str, &'static str)>> = Mutex::new(Vec::new());
static SERIAL: Mutex<()> = Mutex::new(());

fn note(handler: &'static str, s: &AnySession<'_>) {
    if s.user().is_some_and(|u| u == "panic") || s.name() == "panic" {
        panic!("{handler}: on purpose");
    }
    SEEN.lock().unwrap_or_else(PoisonError::into_inner).push((
        handler,
        Some(s.api()),
        Some(s.scope()),
        s.name().to_string(),
        s.counters().bytes_sent,
    ));
}

fn plain(handler: &'static str) {
    SEEN.lock().unwrap_or_else(PoisonError::into_inner).push((
        handler,
        None,
        None,
        String::new(),
        0,
    ));
}

fn on_error(e: &HookError) {
    let variant = match e.kind() {
        HookErrorKind::Malformed(_) => "malformed",
        HookErrorKind::Panicked { .. } => "panicked",
        _ => "other",
    };
    ERRORS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push((e.export_name(), variant));
}

fn initialize() -> Result<(), ErrorCode> {
    plain("initialize");
    Ok(())
}
fn terminate() -> Result<(), ErrorCode> {
    plain("terminate");
    Err(ErrorCode::ACCESS_DENIED)
}
fn accept(s: AnySession<'_>) -> bool {
    note("accept", &s);
    !s.user().is_some_and(|u| u.eq_ignore_case("mallory"))
}
fn accept_link(s: AnySession<'_>) -> bool {
    note("accept_link", &s);
    s.name() != "COM9"
}
fn reauthenticate(s: AnySession<'_>) -> bool {
    note("reauthenticate", &s);
    false
}
fn connection_ended(s: AnySession<'_>) {
    note("connection_ended", &s);
}
fn link_ended(s: AnySession<'_>) {
    note("link_ended", &s);
}
fn get_ip(_: GetIpAddressEvent<'_>) -> Result<IpAssignment, ErrorCode> {
    plain("get_ip_address");
    Ok(IpAssignment::new(std::net::Ipv4Addr::new(10, 1, 2, 3)).notify_on_release())
}
fn release(_: ReleaseIpAddressEvent<'_>) {
    plain("release_ip_address");
}

rassapi::rras_admin_dll! {
    link_ended: link_ended,
    accept: accept,
    on_error: on_error,
    initialize: initialize,
    terminate: terminate,
    accept_link: accept_link,
    reauthenticate: reauthenticate,
    connection_ended: connection_ended,
    get_ip_address: get_ip,
    release_ip_address: release,
}

fn take() -> (Vec<Seen>, Errors) {
    (
        std::mem::take(&mut *SEEN.lock().unwrap_or_else(PoisonError::into_inner)),
        std::mem::take(&mut *ERRORS.lock().unwrap_or_else(PoisonError::into_inner)),
    )
}

#[test]
fn exports_coerce_to_the_aliases() {
    let _: rras::MprAdminAcceptNewConnection3Fn = MprAdminAcceptNewConnection3;
    let _: rras::MprAdminLinkHangupNotificationFn = MprAdminLinkHangupNotification;
    let _: rassapi::sys::PRASADMINACCEPTNEWCONNECTION = Some(RasAdminAcceptNewConnection);
}

#[test]
fn lifecycle_returns_the_handlers_codes() {
    let _s = SERIAL.lock().unwrap_or_else(PoisonError::into_inner);
    take();
    // SAFETY: no arguments.
    assert_eq!(unsafe { MprAdminInitializeDll() }, 0);
    // SAFETY: as above.
    assert_eq!(unsafe { MprAdminTerminateDll() }, 5);
    let (seen, errors) = take();
    assert_eq!(
        seen.iter().map(|s| s.0).collect::<Vec<_>>(),
        ["initialize", "terminate"]
    );
    assert!(errors.is_empty());
}

#[test]
fn rras_connections_and_links_reach_their_handlers() {
    let _s = SERIAL.lock().unwrap_or_else(PoisonError::into_inner);
    take();
    let mut a = conn("alice");
    let mut m = conn("MALLORY");
    let mut l1 = link("VPN2-1", 100);
    let mut l9 = link("COM9", 200);
    // SAFETY: all structures live and unchanged for each call.
    unsafe {
        assert_eq!(MprAdminAcceptNewConnection(&mut a.c0, &mut a.c1), 1);
        assert_eq!(
            MprAdminAcceptNewConnection2(&mut m.c0, &mut m.c1, &mut m.c2),
            0
        );
        assert_eq!(
            MprAdminAcceptNewConnection3(&mut a.c0, &mut a.c1, &mut a.c2, &mut a.c3),
            1
        );
        assert_eq!(MprAdminAcceptNewLink(&mut l1.p0, &mut l1.p1), 1);
        assert_eq!(MprAdminAcceptNewLink(&mut l9.p0, &mut l9.p1), 0);
        assert_eq!(
            MprAdminAcceptReauthentication(&mut a.c0, &mut a.c1, &mut a.c2, &mut a.c3),
            0
        );
        MprAdminLinkHangupNotification(&mut l1.p0, &mut l1.p1);
        MprAdminConnectionHangupNotification(&mut a.c0, &mut a.c1);
        MprAdminConnectionHangupNotification2(&mut a.c0, &mut a.c1, &mut a.c2);
        MprAdminConnectionHangupNotification3(&mut a.c0, &mut a.c1, &mut a.c2, &mut a.c3);
    }
    let (seen, errors) = take();
    let got: Vec<_> = seen
        .iter()
        .map(|(h, api, scope, name, bytes)| (*h, *api, *scope, name.as_str(), *bytes))
        .collect();
    let c = (Some(Api::Rras), Some(Scope::Connection));
    let l = (Some(Api::Rras), Some(Scope::Link));
    assert_eq!(
        got,
        [
            ("accept", c.0, c.1, "Dial-in client", 1_000),
            ("accept", c.0, c.1, "Dial-in client", 1_000),
            ("accept", c.0, c.1, "Dial-in client", 1_000),
            ("accept_link", l.0, l.1, "VPN2-1", 100),
            ("accept_link", l.0, l.1, "COM9", 200),
            ("reauthenticate", c.0, c.1, "Dial-in client", 1_000),
            ("link_ended", l.0, l.1, "VPN2-1", 100),
            ("connection_ended", c.0, c.1, "Dial-in client", 1_000),
            ("connection_ended", c.0, c.1, "Dial-in client", 1_000),
            ("connection_ended", c.0, c.1, "Dial-in client", 1_000),
        ]
    );
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn nt4_calls_fan_out_to_connection_and_link_handlers() {
    let _s = SERIAL.lock().unwrap_or_else(PoisonError::into_inner);
    take();
    let conn_counters = rassapi::Counters {
        bytes_sent: 900,
        ..Default::default()
    };
    let port_counters = rassapi::Counters {
        bytes_sent: 400,
        ..Default::default()
    };
    let mut ev = EventBuilder::new()
        .user_name("alice")
        .port_name("COM1")
        .connection_counters(conn_counters)
        .port_counters(port_counters)
        .build();
    let (p, s, m) = ev.as_raw();
    // SAFETY: `ev` lives, unchanged, for the calls.
    unsafe {
        assert_eq!(RasAdminAcceptNewConnection(p, s, m), 1);
        RasAdminConnectionHangupNotification(p, s, m);
    }
    let mut refused = EventBuilder::new()
        .user_name("mallory")
        .port_name("COM2")
        .build();
    let (p, s, m) = refused.as_raw();
    // SAFETY: as above.
    assert_eq!(unsafe { RasAdminAcceptNewConnection(p, s, m) }, 0);
    let (seen, errors) = take();
    let n = (Some(Api::Nt4), Some(Scope::Connection));
    let l = (Some(Api::Nt4), Some(Scope::Link));
    let got: Vec<_> = seen
        .iter()
        .map(|(h, api, scope, name, bytes)| (*h, *api, *scope, name.as_str(), *bytes))
        .collect();
    assert_eq!(
        got,
        [
            ("accept", n.0, n.1, "COM1", 900),
            ("accept_link", l.0, l.1, "COM1", 400),
            ("connection_ended", n.0, n.1, "COM1", 900),
            ("link_ended", l.0, l.1, "COM1", 400),
            // Refused at connection level: the link handler does not run.
            ("accept", n.0, n.1, "COM2", 0),
        ]
    );
    assert!(errors.is_empty());
}

#[test]
fn malformed_input_and_panics_are_contained() {
    let _s = SERIAL.lock().unwrap_or_else(PoisonError::into_inner);
    take();
    let mut a = conn("alice");
    let mut p = conn("panic");
    let mut lp = link("panic", 1);
    let mut ev = EventBuilder::new().user_name("panic").build();
    let (ep, es, em) = ev.as_raw();
    // SAFETY: nulls are rejected before reading; the rest live.
    unsafe {
        assert_eq!(MprAdminAcceptNewConnection(null_mut(), &mut a.c1), 0);
        assert_eq!(
            MprAdminAcceptNewConnection2(&mut a.c0, &mut a.c1, null_mut()),
            0
        );
        assert_eq!(
            MprAdminAcceptReauthentication(&mut a.c0, &mut a.c1, &mut a.c2, null_mut()),
            0
        );
        assert_eq!(MprAdminAcceptNewLink(null_mut(), null_mut()), 0);
        MprAdminLinkHangupNotification(null_mut(), null_mut());
        MprAdminConnectionHangupNotification3(&mut a.c0, null_mut(), null_mut(), null_mut());
        assert_eq!(
            MprAdminGetIpAddressForUser(std::ptr::null(), std::ptr::null(), null_mut(), null_mut()),
            87
        );
        MprAdminReleaseIpAddress(std::ptr::null(), std::ptr::null(), null_mut());
        assert_eq!(MprAdminAcceptNewConnection(&mut p.c0, &mut p.c1), 0);
        MprAdminConnectionHangupNotification(&mut p.c0, &mut p.c1);
        assert_eq!(MprAdminAcceptNewLink(&mut lp.p0, &mut lp.p1), 0);
        assert_eq!(RasAdminAcceptNewConnection(ep, es, em), 0);
        assert_eq!(
            RasAdminAcceptNewConnection(null_mut(), null_mut(), null_mut()),
            0
        );
    }
    let (seen, errors) = take();
    assert!(seen.is_empty(), "no handler finished: {seen:?}");
    assert_eq!(
        errors,
        [
            ("MprAdminAcceptNewConnection", "malformed"),
            ("MprAdminAcceptNewConnection2", "malformed"),
            ("MprAdminAcceptReauthentication", "malformed"),
            ("MprAdminAcceptNewLink", "malformed"),
            ("MprAdminLinkHangupNotification", "malformed"),
            ("MprAdminConnectionHangupNotification3", "malformed"),
            ("MprAdminGetIpAddressForUser", "malformed"),
            ("MprAdminReleaseIpAddress", "malformed"),
            ("MprAdminAcceptNewConnection", "panicked"),
            ("MprAdminConnectionHangupNotification", "panicked"),
            ("MprAdminAcceptNewLink", "panicked"),
            ("RasAdminAcceptNewConnection", "panicked"),
            ("RasAdminAcceptNewConnection", "malformed"),
        ]
    );
}

#[test]
fn the_ip_pair_uses_the_handlers() {
    let _s = SERIAL.lock().unwrap_or_else(PoisonError::into_inner);
    take();
    let user: Vec<u16> = "alice".encode_utf16().chain([0]).collect();
    let port: Vec<u16> = "VPN2-1".encode_utf16().chain([0]).collect();
    let (mut address, mut notify) = (0u32, 0);
    // SAFETY: all four valid for the call.
    let rc = unsafe {
        MprAdminGetIpAddressForUser(user.as_ptr(), port.as_ptr(), &mut address, &mut notify)
    };
    assert_eq!((rc, address.to_ne_bytes(), notify), (0, [10, 1, 2, 3], 1));
    // SAFETY: as above.
    unsafe { MprAdminReleaseIpAddress(user.as_ptr(), port.as_ptr(), &mut address) };
    let (seen, _) = take();
    assert_eq!(
        seen.iter().map(|s| s.0).collect::<Vec<_>>(),
        ["get_ip_address", "release_ip_address"]
    );
}
