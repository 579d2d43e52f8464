//! An example admin DLL for both NT 4.0 RAS and RRAS, written with
//! `rassapi::rras_admin_dll!`: one set of handlers behind the four
//! `RasAdmin*` and the thirteen `MprAdmin*` exports.
//!
//! Policy: refuses the user `mallory` (any case) on accept and
//! reauthentication, refuses links on port `COM9`, records everything;
//! get-IP/release as `examples/admin_dll.rs`. A user (or, for links, port)
//! named `panic` panics on purpose. It is the test DLL of the RRAS Wine
//! host: the record format is `/work/coord/rras-contract.md`'s
//! (`e<N>.<field>=<value>` lines), read back through
//! `RassapiExampleObserved`, `RassapiExampleHangupCount`,
//! `RassapiExampleLinkHangupCount` and `RassapiExampleErrorCount`.

use std::fmt::Write as _;
use std::net::Ipv4Addr;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, PoisonError};

use rassapi::rras::{AnySession, Api, HookError, Level, QuarantineState, Scope};
use rassapi::{ErrorCode, GetIpAddressEvent, IpAssignment, ReleaseIpAddressEvent, WideStr};

rassapi::rras_admin_dll! {
    on_error: on_error,
    initialize: initialize,
    terminate: terminate,
    accept: accept,
    accept_link: accept_link,
    reauthenticate: reauthenticate,
    connection_ended: connection_ended,
    link_ended: link_ended,
    get_ip_address: get_ip_address,
    release_ip_address: release_ip_address,
}

const PANIC_NAME: &str = "panic";

fn initialize() -> Result<(), ErrorCode> {
    record(&[field("kind", "initialize")]);
    Ok(())
}

fn terminate() -> Result<(), ErrorCode> {
    record(&[field("kind", "terminate")]);
    Ok(())
}

fn maybe_panic(session: &AnySession<'_>, kind: &str) {
    let name = match session {
        AnySession::Link(link) => link.port_name(),
        _ => session.user().unwrap_or(WideStr::new(&[])),
    };
    if name == PANIC_NAME {
        panic!("{kind}: panic requested");
    }
}

fn accept(session: AnySession<'_>) -> bool {
    decide(session, "accept")
}

fn reauthenticate(session: AnySession<'_>) -> bool {
    decide(session, "reauthenticate")
}

fn decide(session: AnySession<'_>, kind: &str) -> bool {
    maybe_panic(&session, kind);
    let accepted = !session
        .user()
        .is_some_and(|user| user.eq_ignore_case("mallory"));
    let mut fields = describe(kind, &session);
    fields.push(field("accepted", u8::from(accepted)));
    record(&fields);
    accepted
}

fn accept_link(session: AnySession<'_>) -> bool {
    maybe_panic(&session, "accept_link");
    let accepted = !session.name().eq_ignore_case("COM9");
    let mut fields = describe("accept_link", &session);
    fields.push(field("accepted", u8::from(accepted)));
    record(&fields);
    accepted
}

fn connection_ended(session: AnySession<'_>) {
    maybe_panic(&session, "connection_ended");
    HANGUPS.fetch_add(1, Ordering::SeqCst);
    record(&describe("connection_ended", &session));
}

fn link_ended(session: AnySession<'_>) {
    maybe_panic(&session, "link_ended");
    LINK_HANGUPS.fetch_add(1, Ordering::SeqCst);
    record(&describe("link_ended", &session));
}

fn opt<T: std::fmt::Display>(value: Option<T>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| v.to_string())
}

/// The contract's fields: the common face, then the API's own extras.
fn describe(kind: &str, session: &AnySession<'_>) -> Vec<(String, String)> {
    let mut f = vec![
        field("kind", kind),
        field("via", via(kind, session)),
        field(
            "api",
            match session.api() {
                Api::Nt4 => "nt4",
                Api::Rras => "rras",
            },
        ),
        field(
            "scope",
            match session.scope() {
                Scope::Connection => "connection",
                Scope::Link => "link",
            },
        ),
        field("user", opt(session.user())),
        field("domain", opt(session.domain())),
        field("name", session.name()),
        field("start", opt(session.start().map(|s| s.unix_secs()))),
        field("duration", opt(session.duration_secs())),
    ];
    let c = session.counters();
    for (name, value) in [
        ("bytes_sent", c.bytes_sent),
        ("bytes_received", c.bytes_received),
        ("frames_sent", c.frames_sent),
        ("frames_received", c.frames_received),
        ("crc_errors", c.crc_errors),
        ("timeout_errors", c.timeout_errors),
        ("alignment_errors", c.alignment_errors),
        ("hardware_overrun_errors", c.hardware_overrun_errors),
        ("framing_errors", c.framing_errors),
        ("buffer_overrun_errors", c.buffer_overrun_errors),
    ] {
        f.push(field(name, value));
    }
    let ipv4 = match session {
        AnySession::Link(_) => "-".to_owned(),
        _ => session
            .ipv4()
            .map_or_else(|| "none".to_owned(), |a: Ipv4Addr| a.to_string()),
    };
    f.push(field("ipv4", ipv4));
    f.push(field(
        "multilink",
        opt(session.is_multilink().map(u8::from)),
    ));
    match session {
        AnySession::Connection(c) => {
            f.push(field("rras.level", c.level() as u8));
            f.push(field("rras.handle", format_args!("{:#x}", c.handle())));
            f.push(field(
                "rras.interface_handle",
                format_args!("{:#x}", c.interface_handle()),
            ));
            f.push(field("rras.interface_type", c.interface_type().raw()));
            f.push(field(
                "rras.flags",
                format_args!("{:#x}", c.connection_flags()),
            ));
            f.push(field("rras.remote_computer", c.remote_computer()));
            f.push(field("rras.local_address", c.local_address()));
            f.push(field("rras.remote_address", c.remote_address()));
            f.push(field("rras.compression_in", c.compression_ratio_in()));
            f.push(field("rras.compression_out", c.compression_ratio_out()));
            if let Some(guid) = c.guid() {
                f.push(field("rras.guid", guid));
            }
            if let Some(auth) = c.authentication_protocol() {
                f.push(field("rras.auth_protocol", format_args!("{auth:#x}")));
            }
            if let Some(q) = c.quarantine_state() {
                let q = match q {
                    QuarantineState::Normal => "normal".to_owned(),
                    QuarantineState::Quarantine => "quarantine".to_owned(),
                    QuarantineState::Probation => "probation".to_owned(),
                    QuarantineState::NotCapable => "not_capable".to_owned(),
                    QuarantineState::Unknown(n) => format!("unknown({n})"),
                };
                f.push(field("rras.quarantine", q));
            }
        }
        AnySession::Link(l) => {
            f.push(field(
                "rras.handle",
                format_args!("{:#x}", l.connection_handle()),
            ));
            f.push(field(
                "rras.port_handle",
                format_args!("{:#x}", l.port_handle()),
            ));
            f.push(field("rras.condition", l.condition().raw()));
            f.push(field("rras.calls", l.total_calls()));
            f.push(field("rras.media", l.media_name()));
            f.push(field("rras.device", l.device_name()));
            f.push(field("rras.device_type", l.device_type()));
            f.push(field("rras.hardware", l.hardware_condition().raw()));
            f.push(field("rras.line_speed", l.line_speed()));
            f.push(field("rras.compression_in", l.compression_ratio_in()));
            f.push(field("rras.compression_out", l.compression_ratio_out()));
        }
        AnySession::Nt4 { .. } => {}
    }
    f
}

fn get_ip_address(request: GetIpAddressEvent<'_>) -> Result<IpAssignment, ErrorCode> {
    if request.user() == PANIC_NAME {
        panic!("get_ip_address: panic requested");
    }
    let answer = if request.user() == "alice" {
        Ok(IpAssignment::new(Ipv4Addr::new(192, 168, 7, 21)).notify_on_release())
    } else if request.user() == "nobody" {
        Err(ErrorCode::ACCESS_DENIED)
    } else {
        request
            .proposed()
            .map(IpAssignment::new)
            .ok_or(ErrorCode::ACCESS_DENIED)
    };
    let mut fields = vec![
        field("kind", "get_ip_address"),
        field("user", request.user()),
        field("port", request.port()),
        field("proposed", opt(request.proposed()).replace('-', "none")),
    ];
    match answer {
        Ok(a) => {
            fields.push(field("assigned", a.address));
            fields.push(field("notify_release", a.notify_release));
        }
        Err(code) => fields.push(field("refused", code.get())),
    }
    record(&fields);
    answer
}

fn release_ip_address(release: ReleaseIpAddressEvent<'_>) {
    if release.user() == PANIC_NAME {
        panic!("release_ip_address: panic requested");
    }
    record(&[
        field("kind", "release_ip_address"),
        field("user", release.user()),
        field("port", release.port()),
        field("address", release.address()),
    ]);
}

fn on_error(error: &HookError) {
    ERRORS.fetch_add(1, Ordering::SeqCst);
    record(&[
        field("kind", "error"),
        field("callback", error.export_name()),
        // `malformed`, `unterminated`, `panicked` or `other`.
        field("variant", error.name()),
        field("message", error),
    ]);
}

fn field(key: &str, value: impl std::fmt::Display) -> (String, String) {
    (key.to_owned(), value.to_string())
}

/// The export that delivered the event, from what the event tells.
fn via(kind: &str, session: &AnySession<'_>) -> String {
    let level = match session {
        AnySession::Connection(c) if c.level() != Level::One => (c.level() as u8).to_string(),
        _ => String::new(),
    };
    let name = match (session.api(), kind) {
        (Api::Nt4, "accept" | "accept_link") => "RasAdminAcceptNewConnection",
        (Api::Nt4, _) => "RasAdminConnectionHangupNotification",
        (Api::Rras, "accept") => "MprAdminAcceptNewConnection",
        (Api::Rras, "accept_link") => "MprAdminAcceptNewLink",
        (Api::Rras, "reauthenticate") => return "MprAdminAcceptReauthentication".to_owned(),
        (Api::Rras, "link_ended") => "MprAdminLinkHangupNotification",
        (Api::Rras, _) => "MprAdminConnectionHangupNotification",
    };
    format!("{name}{level}")
}

// ---------------------------------------------------------------------------
// What the test host reads back.

struct Record {
    text: String,
    events: u32,
}

static RECORD: Mutex<Record> = Mutex::new(Record {
    text: String::new(),
    events: 0,
});
static HANGUPS: AtomicU32 = AtomicU32::new(0);
static LINK_HANGUPS: AtomicU32 = AtomicU32::new(0);
static ERRORS: AtomicU32 = AtomicU32::new(0);

fn record(fields: &[(String, String)]) {
    let mut record = RECORD.lock().unwrap_or_else(PoisonError::into_inner);
    let n = record.events;
    record.events += 1;
    for (key, value) in fields {
        let _ = writeln!(record.text, "e{n}.{key}={value}");
    }
}

/// Copies the record into `buf` (at most `cap - 1` bytes plus a NUL) and
/// returns the record's full length in bytes.
///
/// # Safety
///
/// `buf` must be null or valid for writes of `cap` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn RassapiExampleObserved(buf: *mut u8, cap: u32) -> u32 {
    let record = RECORD.lock().unwrap_or_else(PoisonError::into_inner);
    let text = record.text.as_bytes();
    let cap = usize::try_from(cap).unwrap_or(usize::MAX);
    if !buf.is_null() && cap > 0 {
        let n = text.len().min(cap - 1);
        // SAFETY: the caller guarantees `cap` writable bytes at `buf`;
        // n + 1 <= cap, and `text` is our own buffer, distinct from `buf`.
        unsafe {
            std::ptr::copy_nonoverlapping(text.as_ptr(), buf, n);
            buf.add(n).write(0);
        }
    }
    u32::try_from(text.len()).unwrap_or(u32::MAX)
}

/// Calls of the connection-ended handler so far.
#[unsafe(no_mangle)]
pub extern "system" fn RassapiExampleHangupCount() -> u32 {
    HANGUPS.load(Ordering::SeqCst)
}

/// Calls of the link-ended handler so far.
#[unsafe(no_mangle)]
pub extern "system" fn RassapiExampleLinkHangupCount() -> u32 {
    LINK_HANGUPS.load(Ordering::SeqCst)
}

/// Calls of the error hook so far.
#[unsafe(no_mangle)]
pub extern "system" fn RassapiExampleErrorCount() -> u32 {
    ERRORS.load(Ordering::SeqCst)
}
