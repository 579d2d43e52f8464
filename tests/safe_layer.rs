//! The safe layer over events built in Rust memory: every accessor, every
//! `Unknown` path, and a catalog of malformed host data with its exact,
//! documented result.

use core::ffi::c_char;
use rassapi::sys::{self, RAS_PARAMETERS, RAS_PORT_1, RAS_PORT_STATISTICS};
use rassapi::{
    AcceptEvent, Counters, Error, HangupEvent, HardwareCondition, LineCondition,
    MAX_STRING_PARAM_LEN, Param, ParamFormat, ParamValue, Params, Port, PortFlags, Projections,
    Statistics, WideStr,
};
use std::mem::{align_of, size_of};
use std::net::Ipv4Addr;
use std::ptr;
use std::time::{Duration, UNIX_EPOCH};

// ---------------------------------------------------------------- fixtures

const PARAM_SIZE: usize = size_of::<RAS_PARAMETERS>();

/// Writes `s` and a terminator if there is room.
fn set_wide(dst: &mut [u16], s: &str) {
    let units: Vec<u16> = s.encode_utf16().collect();
    set_units(dst, &units);
}

fn set_units(dst: &mut [u16], units: &[u16]) {
    dst.fill(0);
    dst.iter_mut().zip(units).for_each(|(d, &u)| *d = u);
}

fn set_ansi(dst: &mut [c_char], s: &[u8]) {
    dst.fill(0);
    dst.iter_mut().zip(s).for_each(|(d, &b)| *d = b as c_char);
}

fn number(key: &[u8], n: u32) -> RAS_PARAMETERS {
    let mut p = RAS_PARAMETERS::default();
    set_ansi(&mut p.P_Key, key);
    p.P_Type = sys::ParamNumber;
    p.P_Value.Number = n;
    p
}

fn string(key: &[u8], data: *const u8, length: u32) -> RAS_PARAMETERS {
    let mut p = RAS_PARAMETERS::default();
    set_ansi(&mut p.P_Key, key);
    p.P_Type = sys::ParamString;
    p.P_Value.String.Length = length;
    p.P_Value.String.Data = data.cast_mut().cast();
    p
}

fn len32(b: &[u8]) -> u32 {
    u32::try_from(b.len()).unwrap()
}

fn port_with(n: u16) -> RAS_PORT_1 {
    RAS_PORT_1 {
        NumMediaParms: n,
        ..Default::default()
    }
}

fn full_port() -> RAS_PORT_1 {
    let mut p = RAS_PORT_1::default();
    let r = &mut p.rasport0;
    set_wide(&mut r.wszPortName, "COM1");
    set_wide(&mut r.wszDeviceType, "modem");
    set_wide(&mut r.wszDeviceName, "Hayes Optima 28.8");
    set_wide(&mut r.wszMediaName, "rasser");
    set_wide(&mut r.wszUserName, "Zoë");
    set_wide(&mut r.wszComputer, "WKS-7");
    set_wide(&mut r.wszLogonDomain, "CORP");
    r.Flags = sys::USER_AUTHENTICATED | sys::PPP_CLIENT | sys::PORT_MULTILINKED;
    r.dwStartSessionTime = 852_076_800; // 1997-01-01
    r.fAdvancedServer = 1;
    p.LineCondition = sys::RAS_PORT_AUTHENTICATED;
    p.HardwareCondition = sys::RAS_MODEM_OPERATIONAL;
    p.LineSpeed = 28_800;
    p.NumStatistics = 28;
    let pr = &mut p.ProjResult;
    pr.nbf.dwError = 0;
    pr.nbf.dwNetBiosError = 13;
    set_ansi(&mut pr.nbf.szName, b"WKS-7");
    set_wide(&mut pr.nbf.wszWksta, "WKS-7");
    pr.ip.dwError = 0;
    set_wide(&mut pr.ip.wszAddress, "192.168.1.20");
    pr.ipx.dwError = 733;
    set_wide(&mut pr.ipx.wszAddress, "0000000A.00C0DFAB1234");
    pr.at.dwError = 720;
    set_wide(&mut pr.at.wszAddress, "65280.12");
    p
}

/// Field `i` (in declaration order) holds `i + 1`.
fn full_stats() -> RAS_PORT_STATISTICS {
    let mut s = RAS_PORT_STATISTICS::default();
    let fields = [
        &mut s.dwBytesXmited,
        &mut s.dwBytesRcved,
        &mut s.dwFramesXmited,
        &mut s.dwFramesRcved,
        &mut s.dwCrcErr,
        &mut s.dwTimeoutErr,
        &mut s.dwAlignmentErr,
        &mut s.dwHardwareOverrunErr,
        &mut s.dwFramingErr,
        &mut s.dwBufferOverrunErr,
        &mut s.dwBytesXmitedUncompressed,
        &mut s.dwBytesRcvedUncompressed,
        &mut s.dwBytesXmitedCompressed,
        &mut s.dwBytesRcvedCompressed,
        &mut s.dwPortBytesXmited,
        &mut s.dwPortBytesRcved,
        &mut s.dwPortFramesXmited,
        &mut s.dwPortFramesRcved,
        &mut s.dwPortCrcErr,
        &mut s.dwPortTimeoutErr,
        &mut s.dwPortAlignmentErr,
        &mut s.dwPortHardwareOverrunErr,
        &mut s.dwPortFramingErr,
        &mut s.dwPortBufferOverrunErr,
        &mut s.dwPortBytesXmitedUncompressed,
        &mut s.dwPortBytesRcvedUncompressed,
        &mut s.dwPortBytesXmitedCompressed,
        &mut s.dwPortBytesRcvedCompressed,
    ];
    for (i, f) in fields.into_iter().enumerate() {
        *f = u32::try_from(i).unwrap() + 1;
    }
    s
}

fn counters(first: u32) -> Counters {
    let f = |i: u32| first + i;
    Counters {
        bytes_sent: f(0),
        bytes_received: f(1),
        frames_sent: f(2),
        frames_received: f(3),
        crc_errors: f(4),
        timeout_errors: f(5),
        alignment_errors: f(6),
        hardware_overrun_errors: f(7),
        framing_errors: f(8),
        buffer_overrun_errors: f(9),
        bytes_sent_uncompressed: f(10),
        bytes_received_uncompressed: f(11),
        bytes_sent_compressed: f(12),
        bytes_received_compressed: f(13),
    }
}

/// The layout RAS uses: the parameter array, then the string bytes, in one
/// buffer of `SizeMediaParms` bytes.
#[repr(C)]
struct Media<const N: usize, const S: usize> {
    params: [RAS_PARAMETERS; N],
    strings: [u8; S],
}

impl<const N: usize, const S: usize> Media<N, S> {
    fn new() -> Box<Self> {
        Box::new(Media {
            params: [RAS_PARAMETERS::default(); N],
            strings: [0; S],
        })
    }

    /// What RAS would put in `SizeMediaParms`.
    fn size() -> u32 {
        u32::try_from(N * PARAM_SIZE + S).unwrap()
    }

    /// The address of `strings[offset]` (only the address is used).
    fn at(&self, offset: usize) -> *const u8 {
        ptr::from_ref(self)
            .cast::<u8>()
            .wrapping_add(N * PARAM_SIZE + offset)
    }

    /// The `pRasParams` RAS passes: covers the whole buffer.
    fn as_ptr(&self) -> *const RAS_PARAMETERS {
        ptr::from_ref(self).cast()
    }
}

/// Statistics that outlive every view: a `from_raw` view's lifetime is
/// unbounded, so a temporary here would dangle.
// SAFETY: all-zero is a valid `RAS_PORT_STATISTICS` (28 `u32`s).
static ZERO_STATS: RAS_PORT_STATISTICS = unsafe { std::mem::zeroed() };

fn stats0() -> RAS_PORT_STATISTICS {
    RAS_PORT_STATISTICS::default()
}

/// A port announcing one parameter, for `value_of!`.
static PORT1: RAS_PORT_1 = {
    // SAFETY: all-zero is a valid `RAS_PORT_1` (integers and arrays of them).
    let mut port: RAS_PORT_1 = unsafe { std::mem::zeroed() };
    port.NumMediaParms = 1;
    port
};

/// `value_of!(let v = param, string_data)` binds `v` to `value()` of the
/// single parameter of a `new`-built event (the fixtures live in the
/// caller's scope, so `v` may borrow them).
macro_rules! value_of {
    (let $v:ident = $param:expr, $data:expr) => {
        let params = [$param];
        // SAFETY: string members are fully written (no `Number` literal tagged as string).
        let event = unsafe { HangupEvent::new(&PORT1, &ZERO_STATS, &params, $data) }.unwrap();
        let $v = event.params().next().unwrap().value();
    };
}

// ------------------------------------------------------------- accessors

#[test]
fn port_accessors() {
    let raw = full_port();
    let port = Port::new(&raw);
    assert_eq!(port.port_name(), "COM1");
    assert_eq!(port.device_type(), "modem");
    assert_eq!(port.device_name(), "Hayes Optima 28.8");
    assert_eq!(port.media_name(), "rasser");
    assert_eq!(port.user_name(), "Zoë");
    assert_eq!(port.computer(), "WKS-7");
    assert_eq!(port.logon_domain(), "CORP");
    assert_eq!(
        port.flags(),
        PortFlags::USER_AUTHENTICATED | PortFlags::PPP_CLIENT | PortFlags::PORT_MULTILINKED
    );
    assert!(port.flags().is_multilinked());
    assert!(port.is_advanced_server());
    assert_eq!(port.start_time_raw(), 852_076_800);
    assert_eq!(
        port.start_time(),
        UNIX_EPOCH + Duration::from_secs(852_076_800)
    );
    let end = UNIX_EPOCH + Duration::from_secs(852_080_400);
    assert_eq!(port.duration_until(end), Some(Duration::from_secs(3600)));
    assert_eq!(port.duration_until(UNIX_EPOCH), None);
    assert_eq!(port.line_condition(), LineCondition::Authenticated);
    assert_eq!(port.hardware_condition(), HardwareCondition::Operational);
    assert_eq!(port.line_speed(), 28_800);
    assert_eq!(port.num_statistics(), 28);
    assert_eq!(port.num_media_params(), 0);
    assert_eq!(port.size_media_params(), 0);
    assert!(ptr::eq(port.raw(), &raw));
    assert!(ptr::eq(port.projections().raw(), &raw.ProjResult));

    let mut ws = raw;
    ws.rasport0.fAdvancedServer = 0;
    assert!(!Port::new(&ws).is_advanced_server());
    let debug = format!("{port:?}");
    assert!(debug.contains(r#"user_name: "Zoë""#), "{debug}");
    assert!(debug.contains("PortFlags(USER_AUTHENTICATED | PPP_CLIENT | PORT_MULTILINKED)"));
}

#[test]
fn projection_accessors() {
    let raw = full_port();
    let proj: Projections<'_> = Port::new(&raw).projections();

    let nbf = proj.nbf();
    assert_eq!((nbf.error(), nbf.is_success()), (0, true));
    assert_eq!(nbf.netbios_error(), 13);
    assert_eq!(nbf.name(), b"WKS-7");
    assert_eq!(nbf.workstation(), "WKS-7");
    assert!(ptr::eq(nbf.raw(), &raw.ProjResult.nbf));

    let ip = proj.ip();
    assert!(ip.is_success());
    assert_eq!(ip.address(), "192.168.1.20");
    assert_eq!(ip.address_v4(), Some(Ipv4Addr::new(192, 168, 1, 20)));
    assert!(ptr::eq(ip.raw(), &raw.ProjResult.ip));

    let ipx = proj.ipx();
    assert_eq!((ipx.error(), ipx.is_success()), (733, false));
    assert_eq!(ipx.address(), "0000000A.00C0DFAB1234");
    assert!(ptr::eq(ipx.raw(), &raw.ProjResult.ipx));

    let at = proj.appletalk();
    assert_eq!((at.error(), at.is_success()), (720, false));
    assert_eq!(at.address(), "65280.12");
    assert!(ptr::eq(at.raw(), &raw.ProjResult.at));

    let debug = format!("{proj:?}");
    assert!(debug.contains(r#"name: "WKS-7""#), "{debug}");
    assert!(debug.contains(r#"address: "192.168.1.20""#), "{debug}");
}

#[test]
fn ip_address_parsing() {
    let mut raw = RAS_PORT_1::default();
    let mut v4 = |text: &[u16]| {
        set_units(&mut raw.ProjResult.ip.wszAddress, text);
        Projections::new(&raw.ProjResult).ip().address_v4()
    };
    let w = |s: &str| s.encode_utf16().collect::<Vec<_>>();
    assert_eq!(
        v4(&w("255.255.255.255")),
        Some(Ipv4Addr::new(255, 255, 255, 255))
    );
    assert_eq!(v4(&w("0.0.0.0")), Some(Ipv4Addr::UNSPECIFIED));
    assert_eq!(v4(&w("")), None);
    assert_eq!(v4(&w("256.1.1.1")), None);
    assert_eq!(v4(&w("1.2.3")), None);
    assert_eq!(v4(&w(" 1.2.3.4")), None);
    assert_eq!(v4(&w("1.2.3.4x")), None);
    assert_eq!(v4(&w("１.2.3.4")), None); // fullwidth digit
    assert_eq!(v4(&[u16::from(b'1'), 0x100 + u16::from(b'.')]), None); // truncates to '.'
    assert_eq!(v4(&[0xD800; 16]), None);
    assert_eq!(v4(&w("1111111111111111")), None); // 16 units, no NUL
}

#[test]
fn statistics_accessors() {
    let raw = full_stats();
    let stats = Statistics::new(&raw);
    assert_eq!(stats.connection(), counters(1));
    assert_eq!(stats.this_port(), counters(15));
    assert!(ptr::eq(stats.raw(), &raw));

    let c = counters(1);
    // 11 / 13 and 12 / 14
    assert_eq!(c.sent_compression_ratio(), Some(11.0 / 13.0));
    assert_eq!(c.received_compression_ratio(), Some(12.0 / 14.0));
    let zero = Counters::default();
    assert_eq!(zero.sent_compression_ratio(), None);
    assert_eq!(zero.received_compression_ratio(), None);
    let debug = format!("{stats:?}");
    assert!(debug.starts_with("Statistics { connection: Counters { bytes_sent: 1,"));
}

#[test]
fn event_accessors_new() {
    let speed = b"115200 COM7";
    let params = [
        number(b"MAXCONNECTBPS", 115_200),
        string(b"CONNECTBPS", speed.as_ptr(), 6),
        string(b"PortName", speed[7..].as_ptr(), 4),
        {
            let mut p = number(b"Weird", 0);
            p.P_Type = 7;
            p.P_Attributes = 3;
            p
        },
    ];
    let mut port = full_port();
    port.NumMediaParms = 4;
    port.SizeMediaParms = 12345; // not consulted by `new`
    let stats = full_stats();
    // SAFETY: string members are fully written (no `Number` literal tagged as string).
    let event = unsafe { HangupEvent::new(&port, &stats, &params, speed) }.unwrap();

    assert_eq!(event.port().user_name(), "Zoë");
    assert_eq!(event.statistics().this_port(), counters(15));
    assert!(ptr::eq(event.raw_port(), &port));
    assert!(ptr::eq(event.raw_statistics(), &stats));
    assert!(ptr::eq(event.raw_params(), &params[..]));

    let all: Vec<Param<'_>> = event.params().collect();
    assert_eq!(all.len(), 4);
    for (i, p) in all.iter().enumerate() {
        assert_eq!(p.index(), i);
        assert!(ptr::eq(p.raw(), &params[i]));
    }
    let [max, connect, name, weird] = all[..] else {
        unreachable!()
    };

    assert_eq!(max.key(), b"MAXCONNECTBPS");
    assert_eq!(max.key_str(), Ok("MAXCONNECTBPS"));
    assert_eq!(max.format(), ParamFormat::Number);
    assert_eq!(max.attributes(), 0);
    assert!(matches!(max.value(), Ok(ParamValue::Number(115_200))));
    assert_eq!(max.value().unwrap().as_u32(), Ok(115_200));

    assert_eq!(connect.format(), ParamFormat::String);
    assert!(matches!(connect.value(), Ok(ParamValue::String(b"115200"))));
    assert_eq!(connect.value().unwrap().as_u32(), Ok(115_200));
    assert_eq!(connect.value().unwrap().as_str(), Ok("115200"));

    assert_eq!(name.value().unwrap().as_bytes(), Ok(&b"COM7"[..]));

    assert_eq!(weird.format(), ParamFormat::Unknown(7));
    assert_eq!(weird.attributes(), 3);
    let ParamValue::Unknown { format, value } = weird.value().unwrap() else {
        panic!("expected Unknown")
    };
    assert_eq!(format, 7);
    // The fixture wrote `Number` 0: its bytes, read without `unsafe`.
    assert_eq!(value.to_ne_bytes(), [0; 4]);

    // Lookup by key: ASCII case-insensitive, exact length.
    assert_eq!(event.param("connectbps").map(|p| p.index()), Some(1));
    assert_eq!(event.param("PORTNAME").map(|p| p.index()), Some(2));
    assert!(event.param("CONNECTBP").is_none());
    assert!(event.param("CONNECTBPSX").is_none());
    assert!(event.param("").is_none());

    let debug = format!("{event:?}");
    assert!(debug.starts_with("HangupEvent { port: Port {"), "{debug}");
    assert!(
        debug.contains(
            r#"key: "CONNECTBPS", format: String, attributes: 0, value: Ok(String("115200"))"#
        ),
        "{debug}"
    );
    assert!(
        debug.contains("value: Ok(Unknown { format: 7, value: 0x00000000 })"),
        "{debug}"
    );
}

#[test]
fn accept_event_has_the_same_view() {
    let data = b"x";
    let params = [string(b"K", data.as_ptr(), 1)];
    let port = port_with(1);
    let stats = full_stats();
    // SAFETY: string members are fully written (no `Number` literal tagged as string).
    let event = unsafe { AcceptEvent::new(&port, &stats, &params, data) }.unwrap();
    assert_eq!(event.statistics().connection(), counters(1));
    assert!(ptr::eq(event.raw_port(), &port));
    assert!(ptr::eq(event.raw_statistics(), &stats));
    assert_eq!(event.raw_params().len(), 1);
    assert_eq!(event.param("k").unwrap().value().unwrap().as_str(), Ok("x"));
    assert_eq!(event.port().num_media_params(), 1);
    assert!(format!("{event:?}").starts_with("AcceptEvent {"));

    // SAFETY: all live; SizeMediaParms is 0 and `data` is readable.
    let raw = unsafe { AcceptEvent::from_raw(&port, &stats, params.as_ptr()) }.unwrap();
    assert_eq!(
        raw.param("K").unwrap().value().unwrap().as_bytes(),
        Ok(&b"x"[..])
    );
}

#[test]
fn from_raw_reads_strings_from_the_media_buffer() {
    let mut m = Media::<3, 16>::new();
    m.strings[..11].copy_from_slice(b"28800COM1\0\0");
    let speed = string(b"CONNECTBPS", m.at(0), 5);
    let name = string(b"PortName", m.at(5), 4);
    m.params = [number(b"MAXCARRIERBPS", 9600), speed, name];
    let mut port = full_port();
    port.NumMediaParms = 3;
    port.SizeMediaParms = Media::<3, 16>::size();
    let stats = full_stats();

    // SAFETY: `m` is one live buffer of `SizeMediaParms` bytes.
    let event = unsafe { HangupEvent::from_raw(&port, &stats, m.as_ptr()) }.unwrap();
    let values: Vec<_> = event
        .params()
        .map(|p| p.value().unwrap().as_u32())
        .collect();
    assert_eq!(
        values,
        [
            Ok(9600),
            Ok(28800),
            Err(Error::InvalidNumber {
                field: "P_Value.String"
            })
        ]
    );
    assert_eq!(
        event.param("portname").unwrap().value().unwrap().as_str(),
        Ok("COM1")
    );
    assert_eq!(event.port().port_name(), "COM1");
    assert_eq!(event.statistics().connection(), counters(1));
    assert!(ptr::eq(event.raw_params().as_ptr(), m.as_ptr()));

    // The very last byte of the buffer is readable; one more is not.
    m.params[1] = string(b"END", m.at(15), 1);
    m.strings[15] = b'!';
    // SAFETY: as above.
    let event = unsafe { HangupEvent::from_raw(&port, &stats, m.as_ptr()) }.unwrap();
    assert!(matches!(
        event.params().nth(1).unwrap().value(),
        Ok(ParamValue::String(b"!"))
    ));
    m.params[1] = string(b"END", m.at(15), 2);
    // SAFETY: as above.
    let event = unsafe { HangupEvent::from_raw(&port, &stats, m.as_ptr()) }.unwrap();
    assert_eq!(
        event.params().nth(1).unwrap().value().unwrap_err(),
        Error::StringOutOfBounds {
            index: 1,
            length: 2
        }
    );
}

#[test]
fn from_raw_with_zero_size_reads_capped_strings() {
    let text = [b'7'; MAX_STRING_PARAM_LEN as usize];
    let params = [
        string(b"A", text.as_ptr(), MAX_STRING_PARAM_LEN),
        string(b"B", text.as_ptr(), 3),
    ];
    let port = port_with(2);
    let stats = stats0();
    // SAFETY: SizeMediaParms is 0 and each Length is readable at its Data.
    let event = unsafe { HangupEvent::from_raw(&port, &stats, params.as_ptr()) }.unwrap();
    let mut it = event.params();
    assert_eq!(
        it.next()
            .unwrap()
            .value()
            .unwrap()
            .as_bytes()
            .unwrap()
            .len(),
        1024
    );
    assert_eq!(it.next().unwrap().value().unwrap().as_u32(), Ok(777));
}

#[test]
fn params_iterator_contract() {
    let params: Vec<_> = (0..5).map(|i| number(b"N", i)).collect();
    let port = port_with(5);
    let stats = stats0();
    // SAFETY: string members are fully written (no `Number` literal tagged as string).
    let event = unsafe { AcceptEvent::new(&port, &stats, &params, &[]) }.unwrap();
    let idx = |p: Option<Param<'_>>| p.map(|p| p.index());

    let it: Params<'_> = event.params();
    assert_eq!(it.len(), 5);
    assert_eq!(it.size_hint(), (5, Some(5)));
    assert_eq!(it.clone().count(), 5);
    assert_eq!(idx(it.clone().last()), Some(4));
    let rev: Vec<_> = it.clone().rev().map(|p| p.index()).collect();
    assert_eq!(rev, [4, 3, 2, 1, 0]);

    let mut it = event.params();
    assert_eq!(idx(it.nth(1)), Some(1));
    assert_eq!(it.len(), 3);
    assert_eq!(idx(it.nth_back(1)), Some(3));
    assert_eq!(it.size_hint(), (1, Some(1)));
    let saved = it.clone();
    assert_eq!(idx(it.next_back()), Some(2));
    assert_eq!(it.len(), 0);
    // Fused: stays exhausted from both ends.
    for _ in 0..3 {
        assert!(it.next().is_none());
        assert!(it.next_back().is_none());
    }
    assert_eq!(idx(it.nth(10)), None);
    // The clone is independent.
    assert_eq!(
        saved
            .map(|p| p.value().unwrap().as_u32().unwrap())
            .collect::<Vec<_>>(),
        [2]
    );
    assert_eq!(format!("{:?}", event.params().take(1).count()), "1");
    assert!(format!("{:?}", event.params()).starts_with("[Param { index: 0,"));

    let port0 = port_with(0);
    // SAFETY: string members are fully written (no `Number` literal tagged as string).
    let empty = unsafe { AcceptEvent::new(&port0, &stats, &[], &[]) }.unwrap();
    assert_eq!(empty.params().len(), 0);
    assert!(empty.params().next().is_none());
    assert_eq!(format!("{:?}", empty.params()), "[]");
}

#[test]
fn param_value_helpers() {
    use ParamValue::{Number, String as Str};
    assert_eq!(Number(0).as_u32(), Ok(0));
    assert_eq!(Str(b"0").as_u32(), Ok(0));
    assert_eq!(Str(b" 4294967295\t").as_u32(), Ok(u32::MAX));
    let not_number = Err(Error::InvalidNumber {
        field: "P_Value.String",
    });
    assert_eq!(Str(b"4294967296").as_u32(), not_number);
    assert_eq!(Str(b"").as_u32(), not_number);
    assert_eq!(Str(b"  ").as_u32(), not_number);
    assert_eq!(Str(b"+5").as_u32(), not_number);
    assert_eq!(Str(b"-5").as_u32(), not_number);
    assert_eq!(Str(b"5 5").as_u32(), not_number);
    assert_eq!(Str(b"0x10").as_u32(), not_number);
    assert_eq!(Str(b"\xb2").as_u32(), not_number); // superscript two, Latin-1

    assert_eq!(Str(b"").as_bytes(), Ok(&b""[..]));
    assert_eq!(Str(b"").as_str(), Ok(""));
    assert_eq!(
        Number(1).as_bytes(),
        Err(Error::WrongFormat {
            expected: ParamFormat::String,
            found: ParamFormat::Number
        })
    );
    assert_eq!(
        Str(b"caf\xe9").as_str(),
        Err(Error::NotAscii {
            field: "P_Value.String",
            position: 3,
            byte: 0xe9
        })
    );
    assert_eq!(format!("{:?}", Number(5)), "Number(5)");
    assert_eq!(format!("{:?}", Str(b"a\"\xff")), r#"String("a\"\xff")"#);
}

#[test]
fn conditions_round_trip() {
    let lines = [
        (sys::RAS_PORT_NON_OPERATIONAL, LineCondition::NonOperational),
        (sys::RAS_PORT_DISCONNECTED, LineCondition::Disconnected),
        (sys::RAS_PORT_CALLING_BACK, LineCondition::CallingBack),
        (sys::RAS_PORT_LISTENING, LineCondition::Listening),
        (sys::RAS_PORT_AUTHENTICATING, LineCondition::Authenticating),
        (sys::RAS_PORT_AUTHENTICATED, LineCondition::Authenticated),
        (sys::RAS_PORT_INITIALIZING, LineCondition::Initializing),
    ];
    for (raw, cond) in lines {
        assert_eq!(LineCondition::from(raw), cond);
        assert_eq!(cond.raw(), raw);
    }
    let modems = [
        (sys::RAS_MODEM_OPERATIONAL, HardwareCondition::Operational),
        (
            sys::RAS_MODEM_NOT_RESPONDING,
            HardwareCondition::NotResponding,
        ),
        (
            sys::RAS_MODEM_HARDWARE_FAILURE,
            HardwareCondition::HardwareFailure,
        ),
        (
            sys::RAS_MODEM_INCORRECT_RESPONSE,
            HardwareCondition::IncorrectResponse,
        ),
        (sys::RAS_MODEM_UNKNOWN, HardwareCondition::StateUnknown),
    ];
    for (raw, cond) in modems {
        assert_eq!(HardwareCondition::from(raw), cond);
        assert_eq!(cond.raw(), raw);
    }
    for raw in [0, 8, 99, u32::MAX] {
        assert_eq!(LineCondition::from(raw), LineCondition::Unknown(raw));
        assert_eq!(LineCondition::from(raw).raw(), raw);
    }
    for raw in [0, 6, 99, u32::MAX] {
        assert_eq!(
            HardwareCondition::from(raw),
            HardwareCondition::Unknown(raw)
        );
        assert_eq!(HardwareCondition::from(raw).raw(), raw);
    }
    // Every u32 round-trips through both enums.
    for raw in (0..=16).chain([u32::MAX - 1, u32::MAX]) {
        assert_eq!(LineCondition::from(raw).raw(), raw);
        assert_eq!(HardwareCondition::from(raw).raw(), raw);
    }
}

#[test]
fn port_flags() {
    let all = [
        (PortFlags::USER_AUTHENTICATED, sys::USER_AUTHENTICATED),
        (PortFlags::MESSENGER_PRESENT, sys::MESSENGER_PRESENT),
        (PortFlags::PPP_CLIENT, sys::PPP_CLIENT),
        (PortFlags::GATEWAY_ACTIVE, sys::GATEWAY_ACTIVE),
        (PortFlags::REMOTE_LISTEN, sys::REMOTE_LISTEN),
        (PortFlags::PORT_MULTILINKED, sys::PORT_MULTILINKED),
    ];
    let mut every = PortFlags::empty();
    for (flag, bits) in all {
        assert_eq!(flag.bits(), bits);
        every |= flag;
    }
    assert_eq!(every.bits(), 0x3f);
    assert_eq!(every.unknown_bits(), 0);
    assert_eq!(every.iter().collect::<Vec<_>>(), all.map(|(f, _)| f));
    assert_eq!(
        format!("{every:?}"),
        "PortFlags(USER_AUTHENTICATED | MESSENGER_PRESENT | PPP_CLIENT | GATEWAY_ACTIVE | REMOTE_LISTEN | PORT_MULTILINKED)"
    );

    let f = PortFlags::from_bits_retain(0x8000_0104);
    assert!(f.contains(PortFlags::PPP_CLIENT));
    assert!(!f.contains(PortFlags::PPP_CLIENT | PortFlags::USER_AUTHENTICATED));
    assert!(!f.is_multilinked());
    assert_eq!(f.unknown_bits(), 0x8000_0100);
    assert_eq!(f.into_iter().collect::<Vec<_>>(), [PortFlags::PPP_CLIENT]);
    assert_eq!(format!("{f:?}"), "PortFlags(PPP_CLIENT | 0x80000100)");
    assert_eq!(
        format!("{:?}", PortFlags::from_bits_retain(0x40)),
        "PortFlags(0x40)"
    );
    assert_eq!(format!("{:?}", PortFlags::empty()), "PortFlags(0x0)");
    assert!(PortFlags::default().is_empty());
    assert!(PortFlags::empty().contains(PortFlags::empty()));
    assert_eq!(f & PortFlags::PPP_CLIENT, PortFlags::PPP_CLIENT);
    let mut g = f;
    g &= PortFlags::USER_AUTHENTICATED;
    assert!(g.is_empty());
}

#[test]
fn wide_str_forms() {
    let units: Vec<u16> = "Zoë 🎉".encode_utf16().collect();
    let mut buf = [0u16; 10];
    set_units(&mut buf, &units);
    let w = WideStr::new(&buf);
    assert_eq!(w.as_units(), &units[..]);
    assert!(!w.is_empty());
    assert!(w.eq_str("Zoë 🎉"));
    assert!(!w.eq_str("Zoë"));
    assert!(!w.eq_str("Zoë 🎉 "));
    assert_eq!(w, "Zoë 🎉");
    assert_eq!(w, WideStr::new(&units));
    assert_eq!(w.to_string(), "Zoë 🎉");
    assert_eq!(w.to_string_strict(), Ok("Zoë 🎉".to_owned()));
    assert_eq!(w.chars_lossy().count(), 5);
    assert_eq!(format!("[{w:>7}]"), "[  Zoë 🎉]");
    assert_eq!(format!("[{w:<7}]"), "[Zoë 🎉  ]");
    assert_eq!(format!("[{w:*^8}]"), "[*Zoë 🎉**]");
    assert_eq!(format!("[{w:.2}]"), "[Zo]");
    assert_eq!(format!("[{w:4.2}]"), "[Zo  ]");
    assert_eq!(format!("{w:?}"), r#""Zoë 🎉""#);
    assert_eq!(format!("{:?}", WideStr::new(&[0x22, 0x0A])), r#""\"\n""#);

    let empty = WideStr::new(&[0, 0x41]);
    assert!(empty.is_empty());
    assert_eq!(empty, "");
    assert_eq!(empty.to_string(), "");
    assert!(WideStr::new(&[]).is_empty());

    // Hashing agrees with equality.
    use std::collections::HashSet;
    let set: HashSet<WideStr<'_>> = [w, WideStr::new(&units)].into_iter().collect();
    assert_eq!(set.len(), 1);
}

#[cfg(windows)]
#[test]
fn wide_str_os_string_keeps_surrogates() {
    use std::os::windows::ffi::OsStrExt as _;
    let units = [0x41, 0xD800, 0x42];
    let os = WideStr::new(&units).to_os_string();
    assert_eq!(os.encode_wide().collect::<Vec<_>>(), units);
}

#[test]
fn error_messages_name_the_field() {
    let cases = [
        (
            Error::Null { field: "pRasStats" },
            "`pRasStats` is a null pointer",
        ),
        (
            Error::Misaligned {
                field: "pRasParams",
                align: 8,
            },
            "`pRasParams` is not aligned to 8 bytes",
        ),
        (
            Error::ParamsMissing { count: 2 },
            "`pRasParams` is null but `NumMediaParms` is 2",
        ),
        (
            Error::ParamCountMismatch { count: 2, len: 3 },
            "3 parameters given but `NumMediaParms` is 2",
        ),
        (
            Error::InvalidMediaSize {
                size: 4,
                array_bytes: 48,
            },
            "`SizeMediaParms` is 4 but the parameter array alone takes 48 bytes",
        ),
        (
            Error::NullStringData {
                index: 1,
                length: 5,
            },
            "parameter 1: `P_Value.String.Data` is null but `Length` is 5",
        ),
        (
            Error::StringOutOfBounds {
                index: 0,
                length: 9,
            },
            "parameter 0: `P_Value.String` (9 bytes) lies outside the media buffer",
        ),
        (
            Error::StringTooLong {
                index: 2,
                length: 5000,
                max: 1024,
            },
            "parameter 2: `P_Value.String.Length` 5000 exceeds 1024",
        ),
        (
            Error::InvalidUtf16 {
                field: "wszUserName",
                position: 3,
                unit: 0xD800,
            },
            "`wszUserName` holds invalid UTF-16: unpaired surrogate 0xd800 at unit 3",
        ),
        (
            Error::NotAscii {
                field: "P_Key",
                position: 0,
                byte: 0xE9,
            },
            "`P_Key` is not ASCII: byte 0xe9 at 0",
        ),
        (
            Error::WrongFormat {
                expected: ParamFormat::Number,
                found: ParamFormat::Unknown(7),
            },
            "`P_Type` is unknown format 7, expected ParamNumber",
        ),
        (
            Error::InvalidNumber {
                field: "P_Value.String",
            },
            "`P_Value.String` is not a decimal number that fits in 32 bits",
        ),
    ];
    for (error, text) in cases {
        assert_eq!(error.to_string(), text);
        let _: &dyn std::error::Error = &error;
        assert_eq!(error.clone(), error);
    }
}

#[test]
fn views_are_send_sync_copy() {
    fn send_sync<T: Send + Sync>() {}
    fn copy<T: Copy>() {}
    send_sync::<HangupEvent<'static>>();
    send_sync::<AcceptEvent<'static>>();
    send_sync::<Param<'static>>();
    send_sync::<Params<'static>>();
    send_sync::<ParamValue<'static>>();
    send_sync::<Port<'static>>();
    send_sync::<Statistics<'static>>();
    send_sync::<Projections<'static>>();
    send_sync::<WideStr<'static>>();
    send_sync::<Error>();
    copy::<HangupEvent<'static>>();
    copy::<AcceptEvent<'static>>();
    copy::<Param<'static>>();
    copy::<ParamValue<'static>>();
    copy::<Port<'static>>();
    copy::<WideStr<'static>>();

    // And actually crosses a thread boundary.
    let port = full_port();
    let stats = full_stats();
    // SAFETY: string members are fully written (no `Number` literal tagged as string).
    let event = unsafe { HangupEvent::new(&port, &stats, &[], &[]) }.unwrap();
    let name = std::thread::scope(|s| s.spawn(|| event.port().port_name().to_string()).join());
    assert_eq!(name.unwrap(), "COM1");
}

// ------------------------------------------------------ malformed catalog
//
// Each case is malformed host data and its documented result. None panics;
// none reads outside the memory the event may read.

#[test]
fn m01_null_port() {
    let stats = stats0();
    // SAFETY: null is rejected before any read.
    let r = unsafe { HangupEvent::from_raw(ptr::null(), &stats, ptr::null()) };
    assert_eq!(r.unwrap_err(), Error::Null { field: "pRasPort1" });
}

#[test]
fn m02_null_stats() {
    let port = port_with(0);
    // SAFETY: port is live; null stats is rejected.
    let r = unsafe { AcceptEvent::from_raw(&port, ptr::null(), ptr::null()) };
    assert_eq!(r.unwrap_err(), Error::Null { field: "pRasStats" });
}

#[test]
fn m03_all_null_reports_the_port_first() {
    // SAFETY: nothing is read.
    let r = unsafe { HangupEvent::from_raw(ptr::null(), ptr::null(), ptr::null()) };
    assert_eq!(r.unwrap_err(), Error::Null { field: "pRasPort1" });
}

#[test]
fn m04_misaligned_port() {
    let buf = [0u64; 256];
    let port = buf
        .as_ptr()
        .cast::<u8>()
        .wrapping_add(1)
        .cast::<RAS_PORT_1>();
    let stats = stats0();
    // SAFETY: a misaligned pointer is rejected before it is read.
    let r = unsafe { HangupEvent::from_raw(port, &stats, ptr::null()) };
    let align = align_of::<RAS_PORT_1>();
    assert_eq!(
        r.unwrap_err(),
        Error::Misaligned {
            field: "pRasPort1",
            align
        }
    );
}

#[test]
fn m05_misaligned_stats() {
    let port = port_with(0);
    let buf = [0u64; 32];
    let stats = buf
        .as_ptr()
        .cast::<u8>()
        .wrapping_add(2)
        .cast::<RAS_PORT_STATISTICS>();
    // SAFETY: as above.
    let r = unsafe { HangupEvent::from_raw(&port, stats, ptr::null()) };
    let align = align_of::<RAS_PORT_STATISTICS>();
    assert_eq!(
        r.unwrap_err(),
        Error::Misaligned {
            field: "pRasStats",
            align
        }
    );
}

#[test]
fn m06_misaligned_params() {
    let port = port_with(1);
    let stats = stats0();
    let params = [RAS_PARAMETERS::default(); 2];
    let bad = params
        .as_ptr()
        .cast::<u8>()
        .wrapping_add(1)
        .cast::<RAS_PARAMETERS>();
    // SAFETY: as above.
    let r = unsafe { HangupEvent::from_raw(&port, &stats, bad) };
    let align = align_of::<RAS_PARAMETERS>();
    assert_eq!(
        r.unwrap_err(),
        Error::Misaligned {
            field: "pRasParams",
            align
        }
    );
}

#[test]
fn m07_null_params_with_count() {
    let port = port_with(3);
    let stats = stats0();
    // SAFETY: port and stats are live; the null array is rejected.
    let r = unsafe { HangupEvent::from_raw(&port, &stats, ptr::null()) };
    assert_eq!(r.unwrap_err(), Error::ParamsMissing { count: 3 });
}

#[test]
fn m08_null_params_without_count_is_empty() {
    let mut port = port_with(0);
    port.SizeMediaParms = 500; // nothing to bound
    let stats = stats0();
    // SAFETY: port and stats are live; no parameters.
    let event = unsafe { HangupEvent::from_raw(&port, &stats, ptr::null()) }.unwrap();
    assert_eq!(event.params().len(), 0);
    assert!(event.raw_params().is_empty());
}

#[test]
fn m09_slice_longer_than_count() {
    let params = [number(b"A", 1), number(b"B", 2)];
    // SAFETY: string members are fully written (no `Number` literal tagged as string).
    let r = unsafe { HangupEvent::new(&port_with(1), &stats0(), &params, &[]).map(|_| ()) };
    assert_eq!(r, Err(Error::ParamCountMismatch { count: 1, len: 2 }));
}

#[test]
fn m10_slice_shorter_than_count() {
    // SAFETY: string members are fully written (no `Number` literal tagged as string).
    let r = unsafe { AcceptEvent::new(&port_with(5), &stats0(), &[], &[]).map(|_| ()) };
    assert_eq!(r, Err(Error::ParamCountMismatch { count: 5, len: 0 }));
}

#[test]
fn m11_size_smaller_than_array() {
    let m = Media::<2, 0>::new();
    let mut port = port_with(2);
    port.SizeMediaParms = u32::try_from(PARAM_SIZE).unwrap(); // room for one
    let stats = stats0();
    // SAFETY: the buffer holds both elements; the size is rejected first.
    let r = unsafe { HangupEvent::from_raw(&port, &stats, m.as_ptr()) };
    assert_eq!(
        r.unwrap_err(),
        Error::InvalidMediaSize {
            size: u32::try_from(PARAM_SIZE).unwrap(),
            array_bytes: 2 * PARAM_SIZE
        }
    );
}

#[test]
fn m12_size_of_one_byte() {
    let m = Media::<1, 0>::new();
    let mut port = port_with(1);
    port.SizeMediaParms = 1;
    // SAFETY: as above.
    let r = unsafe { HangupEvent::from_raw(&port, &ZERO_STATS, m.as_ptr()) };
    assert_eq!(
        r.unwrap_err(),
        Error::InvalidMediaSize {
            size: 1,
            array_bytes: PARAM_SIZE
        }
    );
}

#[test]
fn m13_size_past_the_address_space() {
    let top =
        ptr::without_provenance::<RAS_PARAMETERS>(usize::MAX & !(align_of::<RAS_PARAMETERS>() - 1));
    let mut port = port_with(0);
    port.SizeMediaParms = u32::MAX;
    // SAFETY: no elements, so nothing at `top` is read; the size is rejected.
    let r = unsafe { HangupEvent::from_raw(&port, &ZERO_STATS, top) };
    assert_eq!(
        r.unwrap_err(),
        Error::InvalidMediaSize {
            size: u32::MAX,
            array_bytes: 0
        }
    );
}

#[test]
fn m14_zero_size_with_huge_length() {
    // Data is garbage but never read: the length is over the cap.
    let params = [string(b"X", ptr::without_provenance(0x1000), u32::MAX)];
    let port = port_with(1);
    // SAFETY: SizeMediaParms is 0; no string within the cap.
    let event = unsafe { HangupEvent::from_raw(&port, &ZERO_STATS, params.as_ptr()) }.unwrap();
    assert_eq!(
        event.params().next().unwrap().value().unwrap_err(),
        Error::StringTooLong {
            index: 0,
            length: u32::MAX,
            max: MAX_STRING_PARAM_LEN
        }
    );
}

#[test]
fn m15_zero_size_with_length_just_over_the_cap() {
    let params = [
        number(b"OK", 1),
        string(
            b"X",
            ptr::without_provenance(0x1000),
            MAX_STRING_PARAM_LEN + 1,
        ),
    ];
    let port = port_with(2);
    // SAFETY: as above.
    let event = unsafe { HangupEvent::from_raw(&port, &ZERO_STATS, params.as_ptr()) }.unwrap();
    let mut it = event.params();
    assert_eq!(it.next().unwrap().value().unwrap().as_u32(), Ok(1)); // unaffected
    assert_eq!(
        it.next().unwrap().value().unwrap_err(),
        Error::StringTooLong {
            index: 1,
            length: 1025,
            max: 1024
        }
    );
}

#[test]
fn m16_null_data_with_length() {
    value_of!(let r = string(b"X", ptr::null(), 5), &[]);
    assert_eq!(
        r.unwrap_err(),
        Error::NullStringData {
            index: 0,
            length: 5
        }
    );

    // Same through from_raw, in both bound modes.
    let mut m = Media::<1, 4>::new();
    m.params[0] = string(b"X", ptr::null(), 5);
    for size in [0, Media::<1, 4>::size()] {
        let mut port = port_with(1);
        port.SizeMediaParms = size;
        // SAFETY: `m` is one live buffer of `Media::size()` bytes.
        let event = unsafe { HangupEvent::from_raw(&port, &ZERO_STATS, m.as_ptr()) }.unwrap();
        let err = event.params().next().unwrap().value().unwrap_err();
        assert_eq!(
            err,
            Error::NullStringData {
                index: 0,
                length: 5
            }
        );
    }
}

#[test]
fn m17_null_data_without_length_is_empty() {
    value_of!(let r = string(b"X", ptr::null(), 0), &[]);
    assert!(matches!(r, Ok(ParamValue::String(b""))));
}

#[test]
fn m18_garbage_data_without_length_is_empty_and_unread() {
    let garbage = ptr::without_provenance(0xDEAD_BEEF);
    value_of!(let r = string(b"X", garbage, 0), &[]);
    assert!(matches!(r, Ok(ParamValue::String(b""))));
    let params = [string(b"X", garbage, 0)];
    let port = port_with(1);
    // SAFETY: no string has a non-zero length.
    let event = unsafe { HangupEvent::from_raw(&port, &ZERO_STATS, params.as_ptr()) }.unwrap();
    assert_eq!(
        event.params().next().unwrap().value().unwrap().as_bytes(),
        Ok(&b""[..])
    );
}

#[test]
fn m19_string_past_the_end_of_string_data() {
    let data = b"abcdef";
    value_of!(let r = string(b"X", data[4..].as_ptr(), 3), data);
    assert_eq!(
        r.unwrap_err(),
        Error::StringOutOfBounds {
            index: 0,
            length: 3
        }
    );
    // Ending exactly at the end is fine.
    value_of!(let r = string(b"X", data[4..].as_ptr(), 2), data);
    assert!(matches!(r, Ok(ParamValue::String(b"ef"))));
}

#[test]
fn m20_string_before_string_data() {
    let data = b"abcdef";
    value_of!(let r = string(b"X", data.as_ptr(), 3), &data[1..]);
    assert_eq!(
        r.unwrap_err(),
        Error::StringOutOfBounds {
            index: 0,
            length: 3
        }
    );
}

#[test]
fn m21_string_in_other_memory() {
    let data = b"abc";
    let other = b"xyz";
    value_of!(let r = string(b"X", other.as_ptr(), 3), data);
    assert_eq!(
        r.unwrap_err(),
        Error::StringOutOfBounds {
            index: 0,
            length: 3
        }
    );
}

#[test]
fn m22_string_wrapping_the_address_space() {
    let data = b"abc";
    let top = ptr::without_provenance(usize::MAX - 1);
    value_of!(let r = string(b"X", top, 10), data);
    assert_eq!(
        r.unwrap_err(),
        Error::StringOutOfBounds {
            index: 0,
            length: 10
        }
    );

    let mut m = Media::<1, 4>::new();
    m.params[0] = string(b"X", top, 10);
    let mut port = port_with(1);
    port.SizeMediaParms = Media::<1, 4>::size();
    // SAFETY: `m` is one live buffer of `SizeMediaParms` bytes.
    let event = unsafe { HangupEvent::from_raw(&port, &ZERO_STATS, m.as_ptr()) }.unwrap();
    let err = event.params().next().unwrap().value().unwrap_err();
    assert_eq!(
        err,
        Error::StringOutOfBounds {
            index: 0,
            length: 10
        }
    );
}

#[test]
fn m23_media_string_past_size_media_parms() {
    let mut m = Media::<1, 8>::new();
    m.params[0] = string(b"X", m.at(4), 4);
    let mut port = port_with(1);
    // The host claims 2 string bytes fewer than it has.
    port.SizeMediaParms = Media::<1, 8>::size() - 2;
    // SAFETY: the buffer is larger than `SizeMediaParms`.
    let event = unsafe { HangupEvent::from_raw(&port, &ZERO_STATS, m.as_ptr()) }.unwrap();
    let err = event.params().next().unwrap().value().unwrap_err();
    assert_eq!(
        err,
        Error::StringOutOfBounds {
            index: 0,
            length: 4
        }
    );
}

#[test]
fn m24_media_string_pointing_into_the_array() {
    let mut m = Media::<1, 8>::new();
    // At the element's own key: inside the buffer but not in the string tail.
    let key = ptr::from_ref(&*m).cast::<u8>();
    m.params[0] = string(b"SELF", key, 4);
    let mut port = port_with(1);
    port.SizeMediaParms = Media::<1, 8>::size();
    // SAFETY: `m` is one live buffer of `SizeMediaParms` bytes.
    let event = unsafe { HangupEvent::from_raw(&port, &ZERO_STATS, m.as_ptr()) }.unwrap();
    let err = event.params().next().unwrap().value().unwrap_err();
    assert_eq!(
        err,
        Error::StringOutOfBounds {
            index: 0,
            length: 4
        }
    );
}

#[test]
fn m25_media_string_outside_the_buffer() {
    let elsewhere = b"abcd";
    let mut m = Media::<1, 8>::new();
    m.params[0] = string(b"X", elsewhere.as_ptr(), 4);
    let mut port = port_with(1);
    port.SizeMediaParms = Media::<1, 8>::size();
    // SAFETY: as above.
    let event = unsafe { HangupEvent::from_raw(&port, &ZERO_STATS, m.as_ptr()) }.unwrap();
    let err = event.params().next().unwrap().value().unwrap_err();
    assert_eq!(
        err,
        Error::StringOutOfBounds {
            index: 0,
            length: 4
        }
    );
}

#[test]
fn m26_unknown_p_type() {
    for format in [2, 7, -1, i32::MIN, i32::MAX] {
        let mut p = string(b"X", ptr::without_provenance(0x10), 99);
        p.P_Type = format;
        value_of!(let value = p, &[]);
        let value = value.unwrap();
        let found = ParamFormat::Unknown(format as u32);
        // `Length` 99 shares the first four bytes of `P_Value` with `Number`.
        assert!(
            matches!(value, ParamValue::Unknown { format: f, value: 99 } if f == format as u32)
        );
        assert_eq!(value.format(), found);
        assert_eq!(
            value.as_u32(),
            Err(Error::WrongFormat {
                expected: ParamFormat::Number,
                found
            })
        );
        assert_eq!(
            value.as_bytes(),
            Err(Error::WrongFormat {
                expected: ParamFormat::String,
                found
            })
        );
        assert_eq!(
            value.as_str(),
            Err(Error::WrongFormat {
                expected: ParamFormat::String,
                found
            })
        );
        assert_eq!(
            format!("{value:?}"),
            format!("Unknown {{ format: {}, value: 0x00000063 }}", format as u32)
        );
    }
}

#[test]
fn m27_key_without_terminator() {
    let mut p = number(b"", 1);
    set_ansi(&mut p.P_Key, &[b'K'; 32]);
    let params = [p];
    let port = port_with(1);
    let stats = stats0();
    // SAFETY: string members are fully written (no `Number` literal tagged as string).
    let event = unsafe { HangupEvent::new(&port, &stats, &params, &[]) }.unwrap();
    let param = event.params().next().unwrap();
    assert_eq!(param.key(), &[b'K'; 32][..]);
    assert_eq!(param.key_str().unwrap().len(), 32);
    let key = "k".repeat(32);
    assert_eq!(event.param(&key).map(|p| p.index()), Some(0));
    assert!(event.param(&"k".repeat(33)).is_none());
}

#[test]
fn m28_key_not_ascii() {
    let params = [number(b"Caf\xe9", 1)];
    let port = port_with(1);
    let stats = stats0();
    // SAFETY: string members are fully written (no `Number` literal tagged as string).
    let event = unsafe { HangupEvent::new(&port, &stats, &params, &[]) }.unwrap();
    let param = event.params().next().unwrap();
    assert_eq!(param.key(), b"Caf\xe9");
    assert_eq!(
        param.key_str(),
        Err(Error::NotAscii {
            field: "P_Key",
            position: 3,
            byte: 0xe9
        })
    );
    // Lookup is by bytes, ASCII case folded only.
    assert!(event.param("CAFÉ").is_none());
    assert!(event.param("caf\u{e9}").is_none());
    assert!(matches!(param.value(), Ok(ParamValue::Number(1))));
}

#[test]
fn m29_empty_key() {
    let params = [number(b"", 4)];
    let port = port_with(1);
    let stats = stats0();
    // SAFETY: string members are fully written (no `Number` literal tagged as string).
    let event = unsafe { HangupEvent::new(&port, &stats, &params, &[]) }.unwrap();
    assert_eq!(event.params().next().unwrap().key(), b"");
    assert_eq!(event.param("").map(|p| p.index()), Some(0));
}

#[test]
fn m30_names_without_terminator() {
    let mut raw = RAS_PORT_1::default();
    raw.rasport0.wszPortName = [u16::from(b'P'); 16];
    raw.rasport0.wszUserName = [u16::from(b'u'); 257];
    raw.rasport0.wszLogonDomain = [u16::from(b'D'); 16];
    raw.ProjResult.at.wszAddress = [u16::from(b'9'); 33];
    set_ansi(&mut raw.ProjResult.nbf.szName, &[b'N'; 17]);
    let port = Port::new(&raw);
    assert_eq!(port.port_name(), "P".repeat(16).as_str());
    assert_eq!(port.user_name().as_units().len(), 257);
    assert_eq!(port.logon_domain().to_string(), "D".repeat(16));
    assert_eq!(
        port.projections().appletalk().address().as_units().len(),
        33
    );
    assert_eq!(port.projections().nbf().name(), &[b'N'; 17][..]);
    // A NUL before the end cuts there, whatever follows.
    raw.rasport0.wszPortName[3] = 0;
    assert_eq!(Port::new(&raw).port_name(), "PPP");
}

#[test]
fn m31_unpaired_high_surrogate_at_the_end() {
    let mut raw = RAS_PORT_1::default();
    set_units(&mut raw.rasport0.wszUserName, &[0x62, 0x6F, 0x62, 0xD83C]);
    let name = Port::new(&raw).user_name();
    assert_eq!(name.to_string(), "bob\u{FFFD}");
    assert_eq!(format!("{name:?}"), r#""bob\u{d83c}""#);
    assert!(!name.eq_str("bob\u{FFFD}"));
    assert_eq!(
        name.to_string_strict(),
        Err(Error::InvalidUtf16 {
            field: "wszUserName",
            position: 3,
            unit: 0xD83C
        })
    );
}

#[test]
fn m32_lone_low_surrogate_mid_string() {
    let mut raw = RAS_PORT_1::default();
    // "🎉" (a valid pair) then a lone low surrogate, then 'x'.
    set_units(
        &mut raw.rasport0.wszComputer,
        &[0xD83C, 0xDF89, 0xDC00, 0x78],
    );
    let name = Port::new(&raw).computer();
    assert_eq!(name.to_string(), "🎉\u{FFFD}x");
    assert_eq!(
        name.to_string_strict(),
        Err(Error::InvalidUtf16 {
            field: "wszComputer",
            position: 2,
            unit: 0xDC00
        })
    );
}

#[test]
fn m33_reversed_surrogate_pair() {
    let mut raw = RAS_PORT_1::default();
    set_units(&mut raw.rasport0.wszDeviceName, &[0xDF89, 0xD83C]);
    let name = Port::new(&raw).device_name();
    assert_eq!(name.to_string(), "\u{FFFD}\u{FFFD}");
    assert_eq!(format!("{name:>4}|"), "  \u{FFFD}\u{FFFD}|");
    assert_eq!(
        name.to_string_strict(),
        Err(Error::InvalidUtf16 {
            field: "wszDeviceName",
            position: 0,
            unit: 0xDF89
        })
    );
}

#[test]
fn m34_invalid_utf16_in_projection_fields() {
    let mut raw = RAS_PORT_1::default();
    set_units(&mut raw.ProjResult.nbf.wszWksta, &[0xD800]);
    set_units(&mut raw.ProjResult.ip.wszAddress, &[0x31, 0xDBFF]);
    let proj = Port::new(&raw).projections();
    assert_eq!(
        proj.nbf().workstation().to_string_strict(),
        Err(Error::InvalidUtf16 {
            field: "wszWksta",
            position: 0,
            unit: 0xD800
        })
    );
    assert_eq!(proj.ip().address().to_string(), "1\u{FFFD}");
    assert_eq!(proj.ip().address_v4(), None);
}

#[test]
fn m35_unknown_conditions_and_flag_bits() {
    let mut raw = RAS_PORT_1 {
        LineCondition: 0,
        HardwareCondition: 0xFFFF_FFFF,
        ..Default::default()
    };
    raw.rasport0.Flags = 0xFFFF_FFFF;
    let port = Port::new(&raw);
    assert_eq!(port.line_condition(), LineCondition::Unknown(0));
    assert_eq!(
        port.hardware_condition(),
        HardwareCondition::Unknown(u32::MAX)
    );
    assert_eq!(port.flags().unknown_bits(), 0xFFFF_FFC0);
    assert_eq!(port.flags().iter().count(), 6);
    assert!(format!("{:?}", port.flags()).ends_with("PORT_MULTILINKED | 0xffffffc0)"));
}

#[test]
fn m36_string_value_not_ascii_or_not_a_number() {
    let data = b"28\xa0800";
    value_of!(let value = string(b"CONNECTBPS", data.as_ptr(), len32(data)), data);
    let value = value.unwrap();
    assert_eq!(value.as_bytes(), Ok(&data[..]));
    assert_eq!(
        value.as_str(),
        Err(Error::NotAscii {
            field: "P_Value.String",
            position: 2,
            byte: 0xa0
        })
    );
    assert_eq!(
        value.as_u32(),
        Err(Error::InvalidNumber {
            field: "P_Value.String"
        })
    );
}

#[test]
fn m37_extreme_start_time() {
    let mut raw = RAS_PORT_1::default();
    raw.rasport0.dwStartSessionTime = u32::MAX;
    let port = Port::new(&raw);
    let start = UNIX_EPOCH + Duration::from_secs(u64::from(u32::MAX));
    assert_eq!(port.start_time(), start);
    assert_eq!(port.duration_until(start), Some(Duration::ZERO));
    assert_eq!(port.duration_until(start - Duration::from_secs(1)), None);
}

#[test]
fn m38_one_bad_parameter_leaves_the_others_readable() {
    let data = b"COM1";
    let params = [
        string(b"A", ptr::null(), 3),
        string(b"B", data.as_ptr(), 4),
        string(b"C", data.as_ptr(), 5),
        {
            let mut p = number(b"D", 0);
            p.P_Type = 9;
            p
        },
    ];
    let port = port_with(4);
    let stats = stats0();
    // SAFETY: string members are fully written (no `Number` literal tagged as string).
    let event = unsafe { AcceptEvent::new(&port, &stats, &params, data) }.unwrap();
    let results: Vec<_> = event
        .params()
        .map(|p| p.value().map(|v| v.as_str()))
        .collect();
    assert_eq!(
        results[0],
        Err(Error::NullStringData {
            index: 0,
            length: 3
        })
    );
    assert_eq!(results[1], Ok(Ok("COM1")));
    assert_eq!(
        results[2],
        Err(Error::StringOutOfBounds {
            index: 2,
            length: 5
        })
    );
    assert_eq!(
        results[3],
        Ok(Err(Error::WrongFormat {
            expected: ParamFormat::String,
            found: ParamFormat::Unknown(9)
        }))
    );
    // Debug of the whole event shows every outcome without panicking.
    let debug = format!("{event:?}");
    assert!(
        debug.contains("Err(NullStringData { index: 0, length: 3 })"),
        "{debug}"
    );
    assert!(
        debug.contains("Err(StringOutOfBounds { index: 2, length: 5 })"),
        "{debug}"
    );
}

#[test]
fn m39_count_zero_with_nonzero_size_and_array() {
    let m = Media::<2, 0>::new();
    let mut port = port_with(0);
    port.SizeMediaParms = Media::<2, 0>::size();
    // SAFETY: `m` is live; no elements are announced.
    let event = unsafe { HangupEvent::from_raw(&port, &ZERO_STATS, m.as_ptr()) }.unwrap();
    assert_eq!(event.params().len(), 0);
}

#[test]
fn m40_all_zero_structures() {
    let port = RAS_PORT_1::default();
    let stats = stats0();
    // SAFETY: both live; no parameters.
    let event = unsafe { HangupEvent::from_raw(&port, &stats, ptr::null()) }.unwrap();
    let p = event.port();
    for name in [
        p.port_name(),
        p.device_type(),
        p.device_name(),
        p.media_name(),
        p.user_name(),
        p.computer(),
        p.logon_domain(),
    ] {
        assert!(name.is_empty());
        assert_eq!(name.to_string_strict(), Ok(String::new()));
    }
    assert!(p.flags().is_empty());
    assert_eq!(p.start_time(), UNIX_EPOCH);
    assert_eq!(p.line_condition(), LineCondition::Unknown(0));
    assert_eq!(p.hardware_condition(), HardwareCondition::Unknown(0));
    assert_eq!(p.projections().ip().address_v4(), None);
    assert_eq!(event.statistics().connection(), Counters::default());
    assert_eq!(
        event.statistics().connection().sent_compression_ratio(),
        None
    );
}

#[cfg(target_pointer_width = "32")]
#[test]
fn m41_size_larger_than_any_allocation() {
    let m = Media::<1, 0>::new();
    let mut port = port_with(1);
    port.SizeMediaParms = 0x8000_0000; // > isize::MAX on 32-bit targets
    // SAFETY: the buffer holds the element; the size is rejected first.
    let r = unsafe { HangupEvent::from_raw(&port, &ZERO_STATS, m.as_ptr()) };
    assert_eq!(
        r.unwrap_err(),
        Error::InvalidMediaSize {
            size: 0x8000_0000,
            array_bytes: PARAM_SIZE
        }
    );
}
