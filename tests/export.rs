//! The export macros, used in this test crate: the generated `extern
//! "system"` functions are called directly with valid, malformed and
//! panicking inputs.

use std::mem::size_of;
use std::net::Ipv4Addr;
use std::ptr::null_mut;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rassapi::export::{
    Callback, ERROR_INTERNAL_ERROR, ERROR_INVALID_PARAMETER, ExportError, MAX_NAME_LEN,
};
use rassapi::sys::{
    BOOL, IPADDR, PORT_MULTILINKED, ParamNumber, ParamString, RAS_PARAMETERS, RAS_PORT_1,
    RAS_PORT_STATISTICS, WCHAR,
};
use rassapi::{
    AcceptEvent, Error, ErrorCode, GetIpAddressEvent, HangupEvent, IpAssignment, ParamValue,
    ReleaseIpAddressEvent,
};

rassapi::admin_dll! {
    on_error: hook,
    accept: accept,
    hangup: hangup,
    get_ip_address: get_ip,
    release_ip_address: release,
}

// ---------------------------------------------------------------------------
// Handlers: record what they see; the user name `panic` makes them panic.

/// What the handlers and the hook observed, one entry per call.
static SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());
static HANGUPS: AtomicU32 = AtomicU32::new(0);
static HOOK_PANICS: AtomicBool = AtomicBool::new(false);

fn seen() -> MutexGuard<'static, Vec<String>> {
    SEEN.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A panic payload whose destructor panics too.
struct Bomb;
impl Drop for Bomb {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            panic!("the payload's Drop panics");
        }
    }
}

fn accept(event: AcceptEvent<'_>) -> bool {
    let user = event.port().user_name().to_string();
    match user.as_str() {
        "panic" => panic!("accept panicked"),
        "bomb" => std::panic::panic_any(Bomb),
        _ => {}
    }
    seen().push(format!("accept {user} {}", event.port().port_name()));
    user != "mallory"
}

fn hangup(event: HangupEvent<'_>) {
    let port = event.port();
    let user = port.user_name().to_string();
    if user == "panic" {
        panic!("hangup panicked");
    }
    HANGUPS.fetch_add(1, Ordering::SeqCst);
    if user == "crowd" {
        return; // the concurrency test counts only
    }
    let stats = event.statistics();
    let params: Vec<String> = event
        .params()
        .map(|p| {
            let key = String::from_utf8_lossy(p.key()).into_owned();
            match p.value() {
                Ok(ParamValue::Number(n)) => format!("{key}=#{n}"),
                Ok(ParamValue::String(s)) => format!("{key}={}", String::from_utf8_lossy(s)),
                Ok(_) => format!("{key}=?"),
                Err(e) => format!("{key}=!{e}"),
            }
        })
        .collect();
    seen().push(format!(
        "hangup {user} {} flags={:#x} secs={} conn.sent={} port.sent={} port.rcvd_comp={} [{}]",
        port.port_name(),
        port.flags().bits(),
        port.duration_until(SystemTime::now()).unwrap().as_secs() / 100 * 100,
        stats.connection().bytes_sent,
        stats.this_port().bytes_sent,
        stats.this_port().bytes_received_compressed,
        params.join(", "),
    ));
}

fn get_ip(request: GetIpAddressEvent<'_>) -> Result<IpAssignment, ErrorCode> {
    if request.user() == "panic" {
        panic!("get_ip panicked");
    }
    seen().push(format!(
        "get_ip {} {} {:?}",
        request.user(),
        request.port(),
        request.proposed()
    ));
    if request.user() == "alice" {
        Ok(IpAssignment::new(Ipv4Addr::new(192, 168, 7, 21)).notify_on_release())
    } else {
        request
            .proposed()
            .map(IpAssignment::new)
            .ok_or(ErrorCode::ACCESS_DENIED)
    }
}

fn release(release: ReleaseIpAddressEvent<'_>) {
    if release.user() == "panic" {
        panic!("release panicked");
    }
    seen().push(format!(
        "release {} {} {}",
        release.user(),
        release.port(),
        release.address()
    ));
}

fn hook(error: &ExportError) {
    seen().push(format!("hook {error}"));
    let detail = match error {
        ExportError::Malformed {
            error: Error::Null { field },
            ..
        } => format!("null {field}"),
        ExportError::Malformed {
            error: Error::Misaligned { field, align },
            ..
        } => format!("misaligned {field} {align}"),
        ExportError::Malformed { .. } => "malformed".to_owned(),
        ExportError::Unterminated { argument, .. } => format!("unterminated {argument}"),
        ExportError::Panicked { message, .. } => format!("panicked {message:?}"),
        _ => "other".to_owned(),
    };
    seen().push(format!("hook:{} {detail}", error.callback().export_name()));
    if HOOK_PANICS.load(Ordering::SeqCst) {
        panic!("the hook panicked");
    }
}

// ---------------------------------------------------------------------------
// Inputs laid out as RAS lays them out.

/// Tests share the statics above, so they run one at a time.
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> MutexGuard<'static, ()> {
    let guard = SERIAL.lock().unwrap_or_else(PoisonError::into_inner);
    seen().clear();
    HOOK_PANICS.store(false, Ordering::SeqCst);
    guard
}

fn take_seen() -> Vec<String> {
    std::mem::take(&mut *seen())
}

fn wide<const N: usize>(s: &str) -> [WCHAR; N] {
    let mut out = [0; N];
    for (o, u) in out.iter_mut().zip(s.encode_utf16()) {
        *o = u;
    }
    out
}

fn wstr(s: &str) -> Vec<WCHAR> {
    s.encode_utf16().chain([0]).collect()
}

fn key(s: &str) -> [std::ffi::c_char; 32] {
    let mut out = [0; 32];
    for (o, b) in out.iter_mut().zip(s.bytes()) {
        *o = b as std::ffi::c_char;
    }
    out
}

/// One media-parameter buffer: the array, then the string data it points
/// at, in one allocation, as RAS passes it.
#[repr(C)]
struct ParamBuf {
    params: [RAS_PARAMETERS; 2],
    data: [u8; 8],
}

struct Triple {
    port: Box<RAS_PORT_1>,
    stats: Box<RAS_PORT_STATISTICS>,
    params: Box<ParamBuf>,
}

impl Triple {
    fn new(user: &str, port_name: &str) -> Triple {
        let mut port = Box::new(RAS_PORT_1::default());
        port.rasport0.wszPortName = wide(port_name);
        port.rasport0.wszUserName = wide(user);
        port.rasport0.Flags = PORT_MULTILINKED | 0x5;
        let start = SystemTime::now() - Duration::from_secs(3650);
        port.rasport0.dwStartSessionTime =
            start.duration_since(UNIX_EPOCH).unwrap().as_secs() as u32;
        port.LineSpeed = 33600;
        port.NumStatistics = 28;
        port.NumMediaParms = 2;
        port.SizeMediaParms = (2 * size_of::<RAS_PARAMETERS>() + 5) as u32;
        let stats = Box::new(RAS_PORT_STATISTICS {
            dwBytesXmited: 1000,
            dwPortBytesXmited: 400,
            dwPortBytesRcvedCompressed: 77,
            ..Default::default()
        });
        let mut params = Box::new(ParamBuf {
            params: [RAS_PARAMETERS::default(); 2],
            data: [0; 8],
        });
        params.data[..5].copy_from_slice(b"28800");
        let data = params.data.as_mut_ptr().cast();
        params.params[0].P_Key = key("MAXCONNECTBPS");
        params.params[0].P_Type = ParamNumber;
        params.params[0].P_Value.Number = 33600;
        params.params[1].P_Key = key("CONNECTBPS");
        params.params[1].P_Type = ParamString;
        params.params[1].P_Value.String.Length = 5;
        params.params[1].P_Value.String.Data = data;
        Triple {
            port,
            stats,
            params,
        }
    }

    fn ptrs(
        &mut self,
    ) -> (
        *mut RAS_PORT_1,
        *mut RAS_PORT_STATISTICS,
        *mut RAS_PARAMETERS,
    ) {
        (
            &mut *self.port,
            &mut *self.stats,
            self.params.params.as_mut_ptr(),
        )
    }

    fn accept(&mut self) -> BOOL {
        let (a, b, c) = self.ptrs();
        // SAFETY: a valid triple that outlives the call.
        unsafe { RasAdminAcceptNewConnection(a, b, c) }
    }

    fn hangup(&mut self) {
        let (a, b, c) = self.ptrs();
        // SAFETY: a valid triple that outlives the call.
        unsafe { RasAdminConnectionHangupNotification(a, b, c) }
    }
}

fn get_ip_raw(user: *mut WCHAR, port: *mut WCHAR, address: *mut IPADDR, notify: *mut BOOL) -> u32 {
    // SAFETY: the tests pass null, misaligned or valid pointers only.
    unsafe { RasAdminGetIpAddressForUser(user, port, address, notify) }
}

/// Calls get-IP with valid pointers; returns (status, address, notify).
fn get_ip_for(user: &str, port: &str, proposed: [u8; 4]) -> (u32, [u8; 4], BOOL) {
    let (mut user, mut port) = (wstr(user), wstr(port));
    let mut address = IPADDR::from_ne_bytes(proposed);
    let mut notify: BOOL = 7;
    let status = get_ip_raw(
        user.as_mut_ptr(),
        port.as_mut_ptr(),
        &mut address,
        &mut notify,
    );
    (status, address.to_ne_bytes(), notify)
}

// ---------------------------------------------------------------------------
// Accept.

#[test]
fn accept_calls_the_handler_and_returns_its_answer() {
    let _s = serial();
    assert_eq!(Triple::new("alice", "COM1").accept(), 1);
    assert_eq!(Triple::new("mallory", "COM2").accept(), 0);
    assert_eq!(take_seen(), ["accept alice COM1", "accept mallory COM2"]);
}

#[test]
fn accept_refuses_a_null_triple_without_calling_the_handler() {
    let _s = serial();
    // SAFETY: null pointers are what is under test.
    let answer = unsafe { RasAdminAcceptNewConnection(null_mut(), null_mut(), null_mut()) };
    assert_eq!(answer, 0);
    let seen = take_seen();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert_eq!(
        seen[0],
        "hook RasAdminAcceptNewConnection: malformed arguments: `pRasPort1` is a null pointer"
    );
    assert_eq!(seen[1], "hook:RasAdminAcceptNewConnection null pRasPort1");

    // A port but no statistics, and parameters announced but missing.
    let mut t = Triple::new("alice", "COM1");
    // SAFETY: as above.
    let answer = unsafe { RasAdminAcceptNewConnection(&mut *t.port, null_mut(), null_mut()) };
    assert_eq!(answer, 0);
    let (p, s, _) = t.ptrs();
    // SAFETY: as above.
    let answer = unsafe { RasAdminAcceptNewConnection(p, s, null_mut()) };
    assert_eq!(answer, 0);
    let seen = take_seen();
    assert!(seen.iter().all(|s| s.starts_with("hook")), "{seen:?}");
    assert_eq!(seen.len(), 4, "{seen:?}");
}

#[test]
fn accept_fails_closed_when_the_handler_panics() {
    let _s = serial();
    assert_eq!(Triple::new("panic", "COM1").accept(), 0);
    assert_eq!(
        take_seen(),
        [
            "hook RasAdminAcceptNewConnection: the handler panicked: accept panicked",
            "hook:RasAdminAcceptNewConnection panicked Some(\"accept panicked\")",
        ]
    );
}

#[test]
fn a_payload_whose_drop_panics_is_contained() {
    let _s = serial();
    assert_eq!(Triple::new("bomb", "COM1").accept(), 0);
    assert_eq!(
        take_seen(),
        [
            "hook RasAdminAcceptNewConnection: the handler panicked",
            "hook:RasAdminAcceptNewConnection panicked None",
        ]
    );
}

#[test]
fn a_panicking_hook_is_contained() {
    let _s = serial();
    HOOK_PANICS.store(true, Ordering::SeqCst);
    assert_eq!(Triple::new("panic", "COM1").accept(), 0);
    Triple::new("panic", "COM1").hangup();
    assert_eq!(get_ip_for("panic", "COM1", [0; 4]).0, ERROR_INTERNAL_ERROR);
    // SAFETY: null pointers are what is under test.
    unsafe { RasAdminReleaseIpAddress(null_mut(), null_mut(), null_mut()) };
    // Each hook call got as far as its first line before panicking.
    let seen = take_seen();
    assert_eq!(seen.len(), 8, "{seen:?}");
}

// ---------------------------------------------------------------------------
// Hang-up.

#[test]
fn hangup_sees_the_multilink_session_port_by_port() {
    let _s = serial();
    let before = HANGUPS.load(Ordering::SeqCst);
    let mut link1 = Triple::new("alice", "COM1");
    let mut link2 = Triple::new("alice", "COM2");
    link2.stats.dwPortBytesXmited = 600;
    link1.hangup();
    link2.hangup();
    assert_eq!(HANGUPS.load(Ordering::SeqCst), before + 2);
    assert_eq!(
        take_seen(),
        [
            "hangup alice COM1 flags=0x25 secs=3600 conn.sent=1000 port.sent=400 \
             port.rcvd_comp=77 [MAXCONNECTBPS=#33600, CONNECTBPS=28800]",
            "hangup alice COM2 flags=0x25 secs=3600 conn.sent=1000 port.sent=600 \
             port.rcvd_comp=77 [MAXCONNECTBPS=#33600, CONNECTBPS=28800]",
        ]
    );
}

#[test]
fn hangup_with_a_null_triple_tells_only_the_hook() {
    let _s = serial();
    let before = HANGUPS.load(Ordering::SeqCst);
    // SAFETY: null pointers are what is under test.
    unsafe { RasAdminConnectionHangupNotification(null_mut(), null_mut(), null_mut()) };
    assert_eq!(HANGUPS.load(Ordering::SeqCst), before);
    let seen = take_seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(
        seen[1],
        "hook:RasAdminConnectionHangupNotification null pRasPort1"
    );
}

#[test]
fn hangup_returns_normally_when_the_handler_panics() {
    let _s = serial();
    Triple::new("panic", "COM1").hangup();
    assert_eq!(
        take_seen()[1],
        "hook:RasAdminConnectionHangupNotification panicked Some(\"hangup panicked\")"
    );
}

#[test]
fn sixty_four_concurrent_hangups_are_each_counted_once() {
    let _s = serial();
    let before = HANGUPS.load(Ordering::SeqCst);
    let barrier = std::sync::Barrier::new(64);
    std::thread::scope(|scope| {
        for i in 0..64 {
            let barrier = &barrier;
            scope.spawn(move || {
                let mut t = Triple::new("crowd", &format!("COM{i}"));
                barrier.wait();
                t.hangup();
            });
        }
    });
    assert_eq!(HANGUPS.load(Ordering::SeqCst), before + 64);
    assert!(take_seen().is_empty());
}

// ---------------------------------------------------------------------------
// Get-IP and release.

#[test]
fn get_ip_writes_the_assignment_in_network_byte_order() {
    let _s = serial();
    let (status, address, notify) = get_ip_for("alice", "COM1", [0; 4]);
    assert_eq!((status, address, notify), (0, [192, 168, 7, 21], 1));
    // Keeping RAS's proposal, without release notification.
    let (status, address, notify) = get_ip_for("bob", "COM2", [10, 0, 0, 9]);
    assert_eq!((status, address, notify), (0, [10, 0, 0, 9], 0));
    assert_eq!(
        take_seen(),
        ["get_ip alice COM1 None", "get_ip bob COM2 Some(10.0.0.9)"]
    );
}

#[test]
fn get_ip_returns_the_handlers_error_code_untouched() {
    let _s = serial();
    let (status, address, notify) = get_ip_for("carol", "COM1", [0; 4]);
    assert_eq!(status, ErrorCode::ACCESS_DENIED.get());
    assert_eq!((address, notify), ([0; 4], 0));
}

#[test]
fn get_ip_rejects_unusable_arguments_with_invalid_parameter() {
    let _s = serial();
    let (mut user, mut port) = (wstr("alice"), wstr("COM1"));
    let (mut address, mut notify): (IPADDR, BOOL) = (0, 0);
    let cases: [(*mut WCHAR, *mut WCHAR, *mut IPADDR, *mut BOOL, &str); 6] = [
        (
            null_mut(),
            port.as_mut_ptr(),
            &mut address,
            &mut notify,
            "null lpszUserName",
        ),
        (
            user.as_mut_ptr(),
            null_mut(),
            &mut address,
            &mut notify,
            "null lpszPortName",
        ),
        (
            user.as_mut_ptr(),
            port.as_mut_ptr(),
            null_mut(),
            &mut notify,
            "null pipAddress",
        ),
        (
            user.as_mut_ptr(),
            port.as_mut_ptr(),
            &mut address,
            null_mut(),
            "null bNotifyRelease",
        ),
        (
            user.as_mut_ptr().cast::<u8>().wrapping_add(1).cast(),
            port.as_mut_ptr(),
            &mut address,
            &mut notify,
            "misaligned lpszUserName 2",
        ),
        (
            user.as_mut_ptr(),
            port.as_mut_ptr(),
            (&raw mut address).cast::<u8>().wrapping_add(1).cast(),
            &mut notify,
            "misaligned pipAddress 4",
        ),
    ];
    for (u, p, a, n, what) in cases {
        assert_eq!(get_ip_raw(u, p, a, n), ERROR_INVALID_PARAMETER, "{what}");
        let seen = take_seen();
        assert_eq!(seen.len(), 2, "{what}: {seen:?}");
        assert_eq!(seen[1], format!("hook:RasAdminGetIpAddressForUser {what}"));
    }
    assert_eq!(address, 0);
}

#[test]
fn names_are_scanned_only_up_to_the_documented_maximum() {
    let _s = serial();
    let longest: String = "x".repeat(MAX_NAME_LEN);
    let (status, ..) = get_ip_for(&longest, "COM1", [10, 0, 0, 1]);
    assert_eq!(status, 0);
    assert_eq!(take_seen().len(), 1);

    // One unit too many, followed by a terminator the scan never reaches.
    let too_long: String = "x".repeat(MAX_NAME_LEN + 1);
    let (status, ..) = get_ip_for(&too_long, "COM1", [10, 0, 0, 1]);
    assert_eq!(status, ERROR_INVALID_PARAMETER);
    assert_eq!(
        take_seen()[1],
        "hook:RasAdminGetIpAddressForUser unterminated lpszUserName"
    );
}

#[test]
fn get_ip_returns_internal_error_when_the_handler_panics() {
    let _s = serial();
    let (status, address, notify) = get_ip_for("panic", "COM1", [10, 0, 0, 1]);
    assert_eq!(status, ERROR_INTERNAL_ERROR);
    assert_eq!((address, notify), ([10, 0, 0, 1], 0));
    assert_eq!(
        take_seen()[1],
        "hook:RasAdminGetIpAddressForUser panicked Some(\"get_ip panicked\")"
    );
}

#[test]
fn release_reports_the_address_and_survives_bad_input_and_panics() {
    let _s = serial();
    let (mut user, mut port) = (wstr("alice"), wstr("COM1"));
    let mut address = IPADDR::from_ne_bytes([192, 168, 7, 21]);
    // SAFETY: valid pointers.
    unsafe { RasAdminReleaseIpAddress(user.as_mut_ptr(), port.as_mut_ptr(), &mut address) };
    assert_eq!(take_seen(), ["release alice COM1 192.168.7.21"]);

    // SAFETY: null address is what is under test.
    unsafe { RasAdminReleaseIpAddress(user.as_mut_ptr(), port.as_mut_ptr(), null_mut()) };
    assert_eq!(
        take_seen()[1],
        "hook:RasAdminReleaseIpAddress null pipAddress"
    );

    let mut panic_user = wstr("panic");
    // SAFETY: valid pointers.
    unsafe { RasAdminReleaseIpAddress(panic_user.as_mut_ptr(), port.as_mut_ptr(), &mut address) };
    assert_eq!(
        take_seen()[1],
        "hook:RasAdminReleaseIpAddress panicked Some(\"release panicked\")"
    );
}

// ---------------------------------------------------------------------------
// The public helpers.

#[test]
fn export_error_names_its_callback_and_source() {
    let e = ExportError::Unterminated {
        callback: Callback::ReleaseIpAddress,
        argument: "lpszPortName",
    };
    assert_eq!(e.callback(), Callback::ReleaseIpAddress);
    assert_eq!(
        e.to_string(),
        "RasAdminReleaseIpAddress: `lpszPortName` has no NUL terminator within 1025 units"
    );
    assert!(std::error::Error::source(&e).is_none());

    let e = ExportError::Malformed {
        callback: Callback::AcceptNewConnection,
        error: Error::Null { field: "pRasStats" },
    };
    let source = std::error::Error::source(&e).expect("the rassapi::Error");
    assert_eq!(source.to_string(), "`pRasStats` is a null pointer");
}

#[test]
fn names_are_utf16_and_shown_lossily() {
    let _s = serial();
    let (status, ..) = get_ip_for("J\u{f6}rg", "COM1", [10, 0, 0, 1]);
    assert_eq!(status, 0);
    // An unpaired surrogate reaches the handler as is and displays as U+FFFD.
    let mut user: Vec<WCHAR> = vec![u16::from(b'x'), 0xd800, 0];
    let mut port = wstr("COM2");
    let (mut address, mut notify) = (IPADDR::from_ne_bytes([10, 0, 0, 2]), 0);
    let status = get_ip_raw(
        user.as_mut_ptr(),
        port.as_mut_ptr(),
        &mut address,
        &mut notify,
    );
    assert_eq!(status, 0);
    assert_eq!(
        take_seen(),
        [
            "get_ip J\u{f6}rg COM1 Some(10.0.0.1)",
            "get_ip x\u{fffd} COM2 Some(10.0.0.2)"
        ]
    );
}
