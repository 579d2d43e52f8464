//! Calls all 12 client functions of `rassapi.dll` through [`rassapi::sys`]
//! and checks every field they return.
//!
//! Wine has no `rassapi.dll`, so under Wine (`scripts/windows-env.sh`, which
//! the `windows` tier of `scripts/test` uses) this runs against the stub built
//! from `scripts/wine-shim/rassapi.c`. The stub answers deterministically from
//! every one of its arguments, so on x86_64 a passing run proves the
//! `raw-dylib` import names, the calling convention and the passing of each
//! argument (order and size). There is no 32-bit Wine: for i686 the test is
//! only built, and its link proves the undecorated import names resolve.
//!
//! The expected values are the stub's (described in its header comment). The
//! same calls would run against the real DLL of Windows NT 4.0 or Windows
//! 2000, but their answers would differ, so there this test fails by design:
//! each test first checks that it talks to the stub and says so if not. From
//! Windows Server 2003 on, the real functions only return
//! `ERROR_CALL_NOT_IMPLEMENTED` (120).
#![cfg(windows)]

use std::ffi::c_char;
use std::mem::size_of;
use std::ptr::{null, null_mut};
use std::sync::{Mutex, MutexGuard, PoisonError};

use rassapi::sys::*;

const ERROR_INVALID_PARAMETER: DWORD = 87;
const ERROR_INSUFFICIENT_BUFFER: DWORD = 122;
const ERROR_PORT_NOT_CONNECTED: DWORD = 606;
const ERROR_PORT_NOT_FOUND: DWORD = 615;
const ERROR_NAME_EXISTS_ON_NET: DWORD = 642;
const ERROR_PROTOCOL_NOT_CONFIGURED: DWORD = 731;
const NERR_USER_NOT_FOUND: DWORD = 2221;
const NERR_INVALID_COMPUTER: DWORD = 2351;
/// Characters of a UNC server name ("\\" + 15), lmcons.h.
const UNCLEN: usize = 17;
/// The stub's `RasAdminGetErrorString` id that reports its buffer counts.
const STUB_STATS_ID: UINT = u32::MAX;
/// The stub's port session start: 2000-01-01 00:00:00 UTC.
const START_2000: DWORD = 946_684_800;
const SERVER: &str = r"\\RASSRV";

/// Serialises the tests that allocate or free stub buffers, so that the
/// stub's free/live counts seen by one test are its own.
static HEAP: Mutex<()> = Mutex::new(());

fn heap_lock() -> MutexGuard<'static, ()> {
    HEAP.lock().unwrap_or_else(PoisonError::into_inner)
}

/// NUL-terminated UTF-16 copy of `s`.
fn wide(s: &str) -> Vec<WCHAR> {
    s.encode_utf16().chain(Some(0)).collect()
}

/// The text before the first NUL of a WCHAR buffer (which must have one).
fn text(buf: &[WCHAR]) -> String {
    let end = buf.iter().position(|&c| c == 0).expect("no NUL terminator");
    String::from_utf16(&buf[..end]).expect("invalid UTF-16")
}

/// The text before the first NUL of an ANSI buffer (which must have one).
fn ansi(buf: &[c_char]) -> String {
    let end = buf.iter().position(|&c| c == 0).expect("no NUL terminator");
    buf[..end].iter().map(|&c| c as u8 as char).collect()
}

/// `RasAdminGetErrorString` into a 512-character buffer.
fn error_string(id: UINT) -> (DWORD, String) {
    let mut buf = [0xFFFF; 512];
    // SAFETY: `buf` is writable for the 512 characters passed as its size.
    let rc = unsafe { RasAdminGetErrorString(id, buf.as_mut_ptr(), buf.len() as DWORD) };
    (rc, text(&buf))
}

/// The stub's (frees so far, blocks not yet freed); panics, explaining why,
/// when the loaded rassapi.dll is not the stub.
fn stub_heap() -> (u32, u32) {
    let (rc, s) = error_string(STUB_STATS_ID);
    let words: Vec<&str> = s.split(' ').collect();
    assert!(
        rc == 0 && words.len() == 5 && words[..2] == ["stub", "frees"] && words[3] == "live",
        "rassapi.dll is not the test stub (answer {rc}, {s:?}): this test expects the stub \
         built from scripts/wine-shim/rassapi.c, run it under scripts/windows-env.sh"
    );
    (words[2].parse().unwrap(), words[4].parse().unwrap())
}

fn user0(privilege: u32, phone: &str) -> RAS_USER_0 {
    let mut u = RAS_USER_0 {
        bfPrivilege: privilege as BYTE,
        ..Default::default()
    };
    let w = wide(phone);
    u.szPhoneNumber[..w.len()].copy_from_slice(&w);
    u
}

/// Checks a RAS_PORT_0 the stub made for port `n` (1 or 2) of `server`.
fn check_port0(p: &RAS_PORT_0, n: u32, server: &str) {
    assert_eq!(text(&p.wszPortName), format!("COM{n}"));
    assert_eq!(text(&p.wszDeviceType), "modem");
    assert_eq!(text(&p.wszDeviceName), format!("Stub modem on {server}"));
    assert_eq!(text(&p.wszMediaName), "rasser");
    assert_eq!(p.reserved, 0);
    assert_eq!(p.fAdvancedServer, 1);
    if n == 1 {
        assert_eq!(p.Flags, USER_AUTHENTICATED | MESSENGER_PRESENT | PPP_CLIENT);
        assert_eq!(text(&p.wszUserName), "alice");
        assert_eq!(text(&p.wszComputer), "ALICEPC");
        assert_eq!(p.dwStartSessionTime, START_2000);
        assert_eq!(text(&p.wszLogonDomain), "STUBDOM");
    } else {
        assert_eq!(p.Flags, 0);
        assert_eq!(text(&p.wszUserName), "");
        assert_eq!(text(&p.wszComputer), "");
        assert_eq!(p.dwStartSessionTime, 0);
        assert_eq!(text(&p.wszLogonDomain), "");
    }
}

/// Statistics whose k-th DWORD (k from 0) is `base + k + 1`, or all zero for `base == 0`.
fn stats_from(base: u32) -> RAS_PORT_STATISTICS {
    let v = |k: u32| if base == 0 { 0 } else { base + k + 1 };
    RAS_PORT_STATISTICS {
        dwBytesXmited: v(0),
        dwBytesRcved: v(1),
        dwFramesXmited: v(2),
        dwFramesRcved: v(3),
        dwCrcErr: v(4),
        dwTimeoutErr: v(5),
        dwAlignmentErr: v(6),
        dwHardwareOverrunErr: v(7),
        dwFramingErr: v(8),
        dwBufferOverrunErr: v(9),
        dwBytesXmitedUncompressed: v(10),
        dwBytesRcvedUncompressed: v(11),
        dwBytesXmitedCompressed: v(12),
        dwBytesRcvedCompressed: v(13),
        dwPortBytesXmited: v(14),
        dwPortBytesRcved: v(15),
        dwPortFramesXmited: v(16),
        dwPortFramesRcved: v(17),
        dwPortCrcErr: v(18),
        dwPortTimeoutErr: v(19),
        dwPortAlignmentErr: v(20),
        dwPortHardwareOverrunErr: v(21),
        dwPortFramingErr: v(22),
        dwPortBufferOverrunErr: v(23),
        dwPortBytesXmitedUncompressed: v(24),
        dwPortBytesRcvedUncompressed: v(25),
        dwPortBytesXmitedCompressed: v(26),
        dwPortBytesRcvedCompressed: v(27),
    }
}

/// `RasAdminPortGetInfo` for `port` of [`SERVER`]; checks everything but the
/// statistics, frees the parameter block and returns the statistics.
fn port_info(port: &str) -> RAS_PORT_STATISTICS {
    let n: u32 = port[3..].parse().unwrap();
    let (server, port_w) = (wide(SERVER), wide(port));
    let mut p1 = RAS_PORT_1::default();
    let mut stats = RAS_PORT_STATISTICS::default();
    let mut params: *mut RAS_PARAMETERS = null_mut();
    // SAFETY: both strings are NUL-terminated; the three out-pointers point
    // at writable values of the right types.
    let rc = unsafe {
        RasAdminPortGetInfo(
            server.as_ptr(),
            port_w.as_ptr(),
            &mut p1,
            &mut stats,
            &mut params,
        )
    };
    assert_eq!(rc, 0, "RasAdminPortGetInfo({port})");
    assert!(!params.is_null());

    check_port0(&p1.rasport0, n, SERVER);
    let speed = 28800 * n;
    let (line, speed_text) = if n == 1 {
        (RAS_PORT_AUTHENTICATED, "28800")
    } else {
        (RAS_PORT_LISTENING, "57600")
    };
    assert_eq!(p1.LineCondition, line);
    assert_eq!(p1.HardwareCondition, RAS_MODEM_OPERATIONAL);
    assert_eq!(p1.LineSpeed, speed);
    assert_eq!(p1.NumStatistics, 28);
    assert_eq!(p1.NumMediaParms, 3);
    let array = 3 * size_of::<RAS_PARAMETERS>();
    assert_eq!(p1.SizeMediaParms as usize, array + 4 + speed_text.len());

    let proj = &p1.ProjResult;
    assert_eq!(proj.nbf.dwError, ERROR_NAME_EXISTS_ON_NET);
    assert_eq!(proj.nbf.dwNetBiosError, 0x0D);
    assert_eq!(ansi(&proj.nbf.szName), "DUPNAME");
    assert_eq!(text(&proj.nbf.wszWksta), "ALICEPC");
    assert_eq!(proj.ip.dwError, 0);
    assert_eq!(text(&proj.ip.wszAddress), format!("10.0.0.{n}"));
    assert_eq!(proj.ipx.dwError, 0);
    assert_eq!(
        text(&proj.ipx.wszAddress),
        format!("0000000A.00000000000{n}")
    );
    assert_eq!(proj.at.dwError, ERROR_PROTOCOL_NOT_CONFIGURED);
    assert_eq!(text(&proj.at.wszAddress), "");

    // SAFETY: the stub returned a block of SizeMediaParms bytes holding
    // NumMediaParms (3) parameters followed by their string data.
    let (list, block) = unsafe {
        (
            std::slice::from_raw_parts(params, 3),
            std::slice::from_raw_parts(params.cast::<u8>(), p1.SizeMediaParms as usize),
        )
    };
    let keys: Vec<String> = list.iter().map(|p| ansi(&p.P_Key)).collect();
    assert_eq!(keys, ["PortName", "MAXCONNECTBPS", "CONNECTBPS"]);
    assert_eq!(
        list.iter().map(|p| p.P_Type).collect::<Vec<_>>(),
        [ParamString, ParamNumber, ParamString]
    );
    assert!(list.iter().all(|p| p.P_Attributes == 0));
    // SAFETY: P_Type says which union member each entry holds.
    let (name, number, connect) = unsafe {
        (
            list[0].P_Value.String,
            list[1].P_Value.Number,
            list[2].P_Value.String,
        )
    };
    // The strings follow the array without terminators: "COM1" then "28800".
    let data = block[array..].as_ptr();
    assert_eq!(
        (name.Length, name.Data.cast_const().cast::<u8>()),
        (4, data)
    );
    // SAFETY: `data` + 4 is still inside `block` (its length was checked above).
    let second = unsafe { data.add(4) };
    assert_eq!(
        (
            connect.Length as usize,
            connect.Data.cast_const().cast::<u8>()
        ),
        (speed_text.len(), second)
    );
    assert_eq!(&block[array..array + 4], port.as_bytes());
    assert_eq!(&block[array + 4..], speed_text.as_bytes());
    assert_eq!(number, speed);

    // SAFETY: `params` came from RasAdminPortGetInfo and is freed once.
    assert_eq!(unsafe { RasAdminFreeBuffer(params.cast()) }, 0);
    stats
}

#[test]
fn server_get_info() {
    stub_heap();
    for (name, len) in [(SERVER, 6), (r"\\A-LONGER-NAME", 13)] {
        let server = wide(name);
        let mut info = RAS_SERVER_0 {
            TotalPorts: 0xAAAA,
            PortsInUse: 0xAAAA,
            RasVersion: 0xAAAA_AAAA,
        };
        // SAFETY: `server` is NUL-terminated; `info` is a writable RAS_SERVER_0.
        let rc = unsafe { RasAdminServerGetInfo(server.as_ptr(), &mut info) };
        assert_eq!(rc, 0);
        assert_eq!(info.TotalPorts, len);
        assert_eq!(info.PortsInUse, 1);
        assert_eq!(info.RasVersion, RASADMIN_CURRENT);
    }
    let mut info = RAS_SERVER_0::default();
    let bare = wide("RASSRV");
    // SAFETY: as above; the stub rejects a null or malformed name without touching `info`.
    unsafe {
        assert_eq!(
            RasAdminServerGetInfo(bare.as_ptr(), &mut info),
            NERR_INVALID_COMPUTER
        );
        assert_eq!(
            RasAdminServerGetInfo(null(), &mut info),
            ERROR_INVALID_PARAMETER
        );
        assert_eq!(
            RasAdminServerGetInfo(wide(SERVER).as_ptr(), null_mut()),
            ERROR_INVALID_PARAMETER
        );
    }
    assert_eq!(info, RAS_SERVER_0::default());
}

#[test]
fn get_user_account_server() {
    stub_heap();
    let call = |domain: Option<&str>, server: Option<&str>| {
        let (d, s) = (domain.map(wide), server.map(wide));
        let mut out = [0xFFFF_u16; UNCLEN + 1];
        // SAFETY: each name is null or NUL-terminated; `out` holds UNCLEN + 1
        // characters, what the function may write.
        let rc = unsafe {
            RasAdminGetUserAccountServer(
                d.as_ref().map_or(null(), |d| d.as_ptr()),
                s.as_ref().map_or(null(), |s| s.as_ptr()),
                out.as_mut_ptr(),
            )
        };
        (rc, out)
    };
    let ok = |domain: Option<&str>, server: Option<&str>, want: &str| {
        let (rc, out) = call(domain, server);
        assert_eq!(
            (rc, text(&out)),
            (0, want.to_owned()),
            "{domain:?} {server:?}"
        );
        // Nothing written past the terminator.
        assert!(out[want.len() + 1..].iter().all(|&c| c == 0xFFFF));
    };
    ok(Some("STUBDOM"), None, r"\\PDC-STUBDOM");
    ok(None, Some(SERVER), SERVER);
    ok(Some("DOM"), Some(SERVER), r"\\PDC-DOM");
    // Swapped arguments: the "server" DOM is no UNC name.
    assert_eq!(call(Some(SERVER), Some("DOM")).0, NERR_INVALID_COMPUTER);
    assert_eq!(call(None, None).0, ERROR_INVALID_PARAMETER);
    // "\\PDC-" + 16 characters does not fit UNCLEN: error, buffer untouched.
    let (rc, out) = call(Some("ABCDEFGHIJKLMNOP"), None);
    assert_eq!(rc, ERROR_INSUFFICIENT_BUFFER);
    assert!(out.iter().all(|&c| c == 0xFFFF));
    let domain = wide("DOM");
    // SAFETY: a null output buffer is rejected before anything is written.
    let rc = unsafe { RasAdminGetUserAccountServer(domain.as_ptr(), null(), null_mut()) };
    assert_eq!(rc, ERROR_INVALID_PARAMETER);
}

#[test]
fn user_get_and_set_info() {
    stub_heap();
    let get = |server: &str, user: &str| {
        let (s, u) = (wide(server), wide(user));
        let mut rec = user0(0xFF, "garbage");
        // SAFETY: both names are NUL-terminated; `rec` is a writable RAS_USER_0.
        let rc = unsafe { RasAdminUserGetInfo(s.as_ptr(), u.as_ptr(), &mut rec) };
        (rc, rec)
    };
    let set = |server: &str, user: &str, mut rec: RAS_USER_0| {
        let (s, u) = (wide(server), wide(user));
        // SAFETY: both names are NUL-terminated; `rec` is a valid RAS_USER_0.
        unsafe { RasAdminUserSetInfo(s.as_ptr(), u.as_ptr(), &mut rec) }
    };

    // Never set: the default is derived from the server and the user.
    let dflt = user0(
        RASPRIV_DialinPrivilege | RASPRIV_AdminSetCallback,
        "RASSRV/bob",
    );
    assert_eq!(get(SERVER, "bob"), (0, dflt));
    assert_eq!(
        get(r"\\OTHER", "bob").1.szPhoneNumber,
        user0(0, "OTHER/bob").szPhoneNumber
    );

    let carol = user0(RASPRIV_DialinPrivilege | RASPRIV_CallerSetCallback, "");
    assert_eq!(set(SERVER, "carol", carol), 0);
    assert_eq!(get(SERVER, "carol"), (0, carol));
    let dave = user0(RASPRIV_AdminSetCallback, "+1 555 0100");
    assert_eq!(set(SERVER, "dave", dave), 0);
    assert_eq!(get(SERVER, "dave"), (0, dave));
    assert_eq!(get(SERVER, "carol"), (0, carol));
    // Stored per (server, user).
    assert_eq!(get(r"\\OTHER", "carol").1, user0(0x0A, "OTHER/carol"));

    // Two callback modes, or an unterminated phone number: rejected, nothing stored.
    let both = user0(RASPRIV_NoCallback | RASPRIV_AdminSetCallback, "1");
    assert_eq!(set(SERVER, "erin", both), ERROR_INVALID_PARAMETER);
    let mut long = user0(RASPRIV_NoCallback, "");
    long.szPhoneNumber = [u16::from(b'9'); 129];
    assert_eq!(set(SERVER, "erin", long), ERROR_INVALID_PARAMETER);
    assert_eq!(get(SERVER, "erin"), (0, user0(0x0A, "RASSRV/erin")));

    assert_eq!(get(SERVER, "nobody").0, NERR_USER_NOT_FOUND);
    assert_eq!(set(SERVER, "nobody", carol), NERR_USER_NOT_FOUND);
    assert_eq!(get("RASSRV", "bob").0, NERR_INVALID_COMPUTER);
    assert_eq!(set("RASSRV", "bob", carol), NERR_INVALID_COMPUTER);
}

#[test]
fn port_enum_and_free_buffer() {
    let _heap = heap_lock();
    let (frees, live) = stub_heap();
    let server = wide(SERVER);
    let mut ports: PRAS_PORT_0 = null_mut();
    let mut count: WORD = 0xFFFF;
    // SAFETY: `server` is NUL-terminated; both out-pointers point at writable values.
    let rc = unsafe { RasAdminPortEnum(server.as_ptr(), &mut ports, &mut count) };
    assert_eq!(rc, 0);
    assert_eq!(count, 2);
    assert!(!ports.is_null());
    assert_eq!(stub_heap(), (frees, live + 1));
    // SAFETY: the stub returned `count` RAS_PORT_0 entries at `ports`.
    let list = unsafe { std::slice::from_raw_parts(ports, count.into()) };
    check_port0(&list[0], 1, SERVER);
    check_port0(&list[1], 2, SERVER);

    // SAFETY: `ports` came from RasAdminPortEnum; `list` is not used after this.
    assert_eq!(unsafe { RasAdminFreeBuffer(ports.cast()) }, 0);
    assert_eq!(stub_heap(), (frees + 1, live));
    // A second free, a null and a foreign pointer are refused, not counted.
    let mut local = 0u32;
    // SAFETY: the stub only looks these pointers up in its table of blocks.
    unsafe {
        assert_eq!(RasAdminFreeBuffer(ports.cast()), ERROR_INVALID_PARAMETER);
        assert_eq!(RasAdminFreeBuffer(null_mut()), ERROR_INVALID_PARAMETER);
        assert_eq!(
            RasAdminFreeBuffer((&raw mut local).cast()),
            ERROR_INVALID_PARAMETER
        );
    }
    assert_eq!(stub_heap(), (frees + 1, live));

    // Another server name shows in the device names.
    let other = wide(r"\\X");
    // SAFETY: as for the first call.
    let rc = unsafe { RasAdminPortEnum(other.as_ptr(), &mut ports, &mut count) };
    assert_eq!(rc, 0);
    // SAFETY: as above.
    let list = unsafe { std::slice::from_raw_parts(ports, count.into()) };
    check_port0(&list[0], 1, r"\\X");
    check_port0(&list[1], 2, r"\\X");
    // SAFETY: `ports` came from RasAdminPortEnum; `list` is not used after this.
    assert_eq!(unsafe { RasAdminFreeBuffer(ports.cast()) }, 0);

    // Errors clear the out-values and allocate nothing.
    let bare = wide("RASSRV");
    // SAFETY: as for the first call.
    let rc = unsafe { RasAdminPortEnum(bare.as_ptr(), &mut ports, &mut count) };
    assert_eq!(rc, NERR_INVALID_COMPUTER);
    assert_eq!((ports, count), (null_mut(), 0));
    assert_eq!(stub_heap(), (frees + 2, live));
}

#[test]
fn port_get_info() {
    let _heap = heap_lock();
    let (frees, live) = stub_heap();
    assert_eq!(port_info("COM1"), stats_from(1000));
    assert_eq!(stub_heap(), (frees + 1, live));

    let (server, com1, com3) = (wide(SERVER), wide("COM1"), wide("COM3"));
    let mut p1 = RAS_PORT_1::default();
    let mut stats = RAS_PORT_STATISTICS::default();
    let mut params: *mut RAS_PARAMETERS = null_mut();
    // SAFETY: the strings are NUL-terminated; the out-pointers are writable or null.
    unsafe {
        assert_eq!(
            RasAdminPortGetInfo(
                server.as_ptr(),
                com3.as_ptr(),
                &mut p1,
                &mut stats,
                &mut params
            ),
            ERROR_PORT_NOT_FOUND
        );
        assert_eq!(
            RasAdminPortGetInfo(
                com1.as_ptr(),
                server.as_ptr(),
                &mut p1,
                &mut stats,
                &mut params
            ),
            NERR_INVALID_COMPUTER
        );
        assert_eq!(
            RasAdminPortGetInfo(
                server.as_ptr(),
                com1.as_ptr(),
                &mut p1,
                null_mut(),
                &mut params
            ),
            ERROR_INVALID_PARAMETER
        );
    }
    assert!(params.is_null());
    assert_eq!(stats, RAS_PORT_STATISTICS::default());
    assert_eq!(stub_heap(), (frees + 1, live));
}

#[test]
fn port_clear_statistics_and_disconnect() {
    let _heap = heap_lock();
    stub_heap();
    let server = wide(SERVER);
    let call = |f: unsafe extern "system" fn(*const WCHAR, *const WCHAR) -> DWORD,
                a: &[WCHAR],
                b: &str| {
        let b = wide(b);
        // SAFETY: both strings are NUL-terminated.
        unsafe { f(a.as_ptr(), b.as_ptr()) }
    };

    // Only this test touches COM2's statistics.
    assert_eq!(port_info("COM2"), stats_from(2000));
    assert_eq!(call(RasAdminPortClearStatistics, &server, "COM2"), 0);
    assert_eq!(port_info("COM2"), stats_from(0));
    assert_eq!(
        port_info("COM1"),
        stats_from(1000),
        "clearing COM2 must not touch COM1"
    );
    assert_eq!(
        call(RasAdminPortClearStatistics, &server, "COM3"),
        ERROR_PORT_NOT_FOUND
    );
    assert_eq!(
        call(RasAdminPortClearStatistics, &wide("COM1"), SERVER),
        NERR_INVALID_COMPUTER
    );
    let com1 = wide("COM1");
    // SAFETY: a null server is rejected before anything is read.
    let rc = unsafe { RasAdminPortClearStatistics(null(), com1.as_ptr()) };
    assert_eq!(rc, ERROR_INVALID_PARAMETER);
    assert_eq!(port_info("COM1"), stats_from(1000));

    assert_eq!(call(RasAdminPortDisconnect, &server, "COM1"), 0);
    assert_eq!(
        call(RasAdminPortDisconnect, &server, "COM2"),
        ERROR_PORT_NOT_CONNECTED
    );
    assert_eq!(
        call(RasAdminPortDisconnect, &server, "COM3"),
        ERROR_PORT_NOT_FOUND
    );
    assert_eq!(
        call(RasAdminPortDisconnect, &com1, SERVER),
        NERR_INVALID_COMPUTER
    );
    // SAFETY: a null port is rejected before anything is read.
    let rc = unsafe { RasAdminPortDisconnect(server.as_ptr(), null()) };
    assert_eq!(rc, ERROR_INVALID_PARAMETER);
}

#[test]
fn get_error_string() {
    stub_heap();
    assert_eq!(error_string(600), (0, "stub error 600".to_owned()));
    assert_eq!(
        error_string(123_456_789),
        (0, "stub error 123456789".to_owned())
    );

    // InBufSize counts characters, terminator included; too small truncates.
    for (size, want_rc, want) in [
        (15, 0, "stub error 600"),
        (14, ERROR_INSUFFICIENT_BUFFER, "stub error 60"),
        (10, ERROR_INSUFFICIENT_BUFFER, "stub erro"),
        (1, ERROR_INSUFFICIENT_BUFFER, ""),
    ] {
        let mut buf = [0xFFFF_u16; 32];
        // SAFETY: `buf` has 32 >= `size` writable characters.
        let rc = unsafe { RasAdminGetErrorString(600, buf.as_mut_ptr(), size) };
        assert_eq!(
            (rc, text(&buf)),
            (want_rc, want.to_owned()),
            "InBufSize {size}"
        );
        assert!(
            buf[size as usize..].iter().all(|&c| c == 0xFFFF),
            "wrote past InBufSize {size}"
        );
    }
    let mut buf = [0xFFFF_u16; 4];
    // SAFETY: a size of 0 lets the function write nothing; a null buffer is rejected.
    unsafe {
        assert_eq!(
            RasAdminGetErrorString(600, buf.as_mut_ptr(), 0),
            ERROR_INSUFFICIENT_BUFFER
        );
        assert_eq!(
            RasAdminGetErrorString(600, null_mut(), 512),
            ERROR_INVALID_PARAMETER
        );
    }
    assert_eq!(buf, [0xFFFF; 4]);
}

#[test]
fn user_parms_round_trip() {
    stub_heap();
    let set = |cch: DWORD, mut rec: RAS_USER_0| {
        let mut buf = [0xFFFF_u16; 160];
        assert!(cch as usize <= buf.len());
        // SAFETY: `buf` has at least `cch` writable characters; `rec` is a valid RAS_USER_0.
        let rc = unsafe { RasAdminSetUserParms(buf.as_mut_ptr(), cch, &mut rec) };
        (rc, buf)
    };
    let get = |parms: &[WCHAR]| {
        let mut parms = parms.to_vec();
        let mut rec = user0(0xFF, "garbage");
        // SAFETY: `parms` is NUL-terminated; `rec` is a writable RAS_USER_0.
        let rc = unsafe { RasAdminGetUserParms(parms.as_mut_ptr(), &mut rec) };
        (rc, rec)
    };

    let admin = user0(
        RASPRIV_DialinPrivilege | RASPRIV_AdminSetCallback,
        "555-0100",
    );
    // "RAS=0A;555-0100" is 15 characters, 16 with the terminator.
    let (rc, buf) = set(16, admin);
    assert_eq!((rc, text(&buf)), (0, "RAS=0A;555-0100".to_owned()));
    assert!(buf[16..].iter().all(|&c| c == 0xFFFF));
    assert_eq!(get(&buf), (0, admin));
    let (rc, buf) = set(15, admin);
    assert_eq!(rc, ERROR_INSUFFICIENT_BUFFER);
    assert!(
        buf.iter().all(|&c| c == 0xFFFF),
        "written although too small"
    );

    let caller = user0(RASPRIV_CallerSetCallback, "");
    let (rc, buf) = set(160, caller);
    assert_eq!((rc, text(&buf)), (0, "RAS=04;".to_owned()));
    assert_eq!(get(&buf), (0, caller));
    let longest = user0(
        RASPRIV_DialinPrivilege | RASPRIV_NoCallback,
        &"7".repeat(128),
    );
    let (rc, buf) = set(7 + 128 + 1, longest);
    assert_eq!(rc, 0);
    assert_eq!(get(&buf), (0, longest));

    // Parms without RAS data: no callback, no dial-in; malformed data: error.
    assert_eq!(
        get(&wide("some other application's data")),
        (0, user0(RASPRIV_NoCallback, ""))
    );
    assert_eq!(get(&wide("RAS=0G;1")).0, ERROR_INVALID_PARAMETER);
    assert_eq!(get(&wide("RAS=0A1")).0, ERROR_INVALID_PARAMETER);
    assert_eq!(
        set(160, user0(0x10 | RASPRIV_NoCallback, "")).0,
        ERROR_INVALID_PARAMETER
    );

    let mut rec = admin;
    // SAFETY: null pointers are rejected before anything is read or written.
    unsafe {
        assert_eq!(
            RasAdminSetUserParms(null_mut(), 160, &mut rec),
            ERROR_INVALID_PARAMETER
        );
        assert_eq!(
            RasAdminGetUserParms(wide("RAS=0A;1").as_mut_ptr(), null_mut()),
            ERROR_INVALID_PARAMETER
        );
    }
}
