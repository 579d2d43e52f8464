//! The safe layer's accessors over events built in Rust memory: every
//! field of every view, the `Unknown` paths, the iterator contract, `Debug`
//! and `Display` forms. Malformed host data is in tests/malformed.rs.

use rassapi::sys::{self, RAS_PORT_1};
use rassapi::{
    AcceptEvent, Counters, Error, HangupEvent, HardwareCondition, LineCondition,
    MAX_STRING_PARAM_LEN, Param, ParamFormat, ParamValue, Params, Port, PortFlags, Projections,
    Statistics, WideStr,
};
use std::net::Ipv4Addr;
use std::ptr;
use std::time::{Duration, UNIX_EPOCH};

#[path = "support/raw_fixtures.rs"]
#[macro_use]
mod raw_fixtures;

#[allow(unused_imports)]
use raw_fixtures::*;

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
