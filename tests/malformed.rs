//! A catalogue of malformed host data, each case with its exact,
//! documented result: never a panic, never a read out of bounds. The
//! accessors over well-formed data are in tests/accessors.rs.

use rassapi::sys::{RAS_PARAMETERS, RAS_PORT_1, RAS_PORT_STATISTICS};
use rassapi::{
    AcceptEvent, Counters, Error, HangupEvent, HardwareCondition, LineCondition,
    MAX_STRING_PARAM_LEN, ParamFormat, ParamValue, Port,
};
use std::mem::align_of;
use std::ptr;
use std::time::{Duration, UNIX_EPOCH};

#[path = "support/raw_fixtures.rs"]
#[macro_use]
mod raw_fixtures;

#[allow(unused_imports)]
use raw_fixtures::*;

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
