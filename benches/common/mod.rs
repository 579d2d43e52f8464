//! Workloads shared by `benches/view.rs` (criterion, wall clock) and
//! `benches/callgrind.rs` (one workload per process, for instruction counts
//! under `valgrind --tool=callgrind`; see `scripts/bench-callgrind`).
//!
//! The safe and the raw reader do the same work on the same memory: every
//! field of `RAS_PORT_1` (the seven names and four projection texts scanned
//! to their NUL, the numbers, flags and conditions), all 28 counters of
//! `RAS_PORT_STATISTICS`, and every media parameter (key to its NUL, type,
//! attributes, number or string bytes), folded into one checksum. The safe
//! one goes through `HangupEvent::from_raw` and the non-allocating
//! accessors; the raw one is the pointer code a C hook would contain.

#![allow(dead_code)] // each bench binary uses a different subset

use core::ffi::{CStr, c_char};
use core::fmt::{self, Write as _};
use rassapi::sys::{self, RAS_PARAMETERS, RAS_PORT_1, RAS_PORT_STATISTICS, WCHAR};
use rassapi::testing::{EventBuilder, MultilinkSession, OwnedEvent};
use rassapi::{Counters, HangupEvent, ParamValue, WideStr};

/// Parameter counts of the safe-vs-raw benchmark.
pub const VIEW_SIZES: [usize; 3] = [1, 8, 64];
/// Parameter counts of the lookup benchmark.
pub const LOOKUP_SIZES: [usize; 7] = [1, 2, 4, 8, 16, 32, 64];

const KEYS: [&str; 8] = [
    "CONNECTBPS",
    "MAXCONNECTBPS",
    "PortName",
    "DeviceName",
    "CARRIERBPS",
    "ConnectResponse",
    "MAXCARRIERBPS",
    "DeviceType",
];

fn counters(seed: u32) -> Counters {
    Counters {
        bytes_sent: 1_000_000 + seed,
        bytes_received: 2_000_000 + seed,
        frames_sent: 10_000 + seed,
        frames_received: 20_000 + seed,
        crc_errors: seed,
        timeout_errors: seed + 1,
        alignment_errors: seed + 2,
        hardware_overrun_errors: seed + 3,
        framing_errors: seed + 4,
        buffer_overrun_errors: seed + 5,
        bytes_sent_uncompressed: 3_000_000 + seed,
        bytes_received_uncompressed: 4_000_000 + seed,
        bytes_sent_compressed: 1_500_000 + seed,
        bytes_received_compressed: 2_500_000 + seed,
    }
}

/// The first link of a two-link multilink bundle whose ports carry
/// `n_params` media parameters: numbers and strings alternating, with
/// unique keys, as RAS lays them out (array then string data in one buffer,
/// `SizeMediaParms` covering both).
pub fn multilink_event(n_params: usize) -> OwnedEvent {
    let mut base = EventBuilder::new()
        .user_name("alice.liddell")
        .computer("ALICE-PC")
        .logon_domain("WONDERLAND")
        .device_name("Hayes Optima 288 V.34 + FAX")
        .ip_projection(0, "192.168.100.201")
        .ipx_projection(0, "0000ABCD.00A0C9123456")
        .nbf_projection(0, 0, b"ALICE-PC", "ALICE-PC");
    for i in 0..n_params {
        let key = format!("{}{i}", KEYS[i % KEYS.len()]);
        base = if i % 2 == 0 {
            base.param_number(&key, 28_800 + i as u32)
        } else {
            base.param_string(&key, format!("COM{i} 33600/V42BIS"))
        };
    }
    let mut links = MultilinkSession::new(base)
        .link("COM1", "Hayes Optima 288 V.34 + FAX", counters(1))
        .link("COM2", "U.S. Robotics Sportster 28800", counters(2))
        .build();
    links.swap_remove(0)
}

/// Key sets of the lookup benchmark: `same_len`, twelve-byte keys
/// `PARAM_KEY_00`... that differ only in their last two bytes (every key
/// must be compared, the worst case); `ras`, the mixed-length keys of
/// [`multilink_event`].
pub const LOOKUP_KEYS: [&str; 2] = ["same_len", "ras"];

/// An event with `n` number parameters keyed from `keys` (one of
/// [`LOOKUP_KEYS`]), and the key of the last one, which the lookup
/// benchmark asks for.
pub fn lookup_event(keys: &str, n: usize) -> (OwnedEvent, String) {
    let key = |i: usize| match keys {
        "same_len" => format!("PARAM_KEY_{i:02}"),
        _ => format!("{}{i}", KEYS[i % KEYS.len()]),
    };
    let mut b = EventBuilder::new();
    for i in 0..n {
        b = b.param_number(&key(i), i as u32);
    }
    (b.build(), key(n - 1))
}

/// `param(key)` on a view built once, as a hook looks up a value.
#[inline(never)]
pub fn lookup_safe(event: HangupEvent<'_>, key: &str) -> Option<usize> {
    event.param(key).map(|p| p.index())
}

/// `param(key)` in the word-at-a-time form that targets without SSE2 (the
/// i586 NT 4.0 build) use, measured here on the host.
#[inline(never)]
pub fn lookup_swar(event: HangupEvent<'_>, key: &str) -> Option<usize> {
    rassapi::__key_compare::find_words(event.params(), key).map(|p| p.index())
}

/// The same lookup as a C hook writes it: `_stricmp(P_Key, key)` over the
/// `NumMediaParms` entries, the end of the 32-byte array counting as a NUL.
///
/// # Safety
///
/// `port` and `params` as for `HangupEvent::from_raw`.
#[inline(never)]
pub unsafe fn lookup_raw(
    port: *const RAS_PORT_1,
    params: *const RAS_PARAMETERS,
    key: &CStr,
) -> Option<usize> {
    // SAFETY: the caller's contract.
    let count = usize::from(unsafe { (*port).NumMediaParms });
    (0..count).find(|&i| {
        // SAFETY: i < NumMediaParms; read through a raw place.
        let k = unsafe { &raw const (*params.add(i)).P_Key };
        // SAFETY: `k` is 32 readable bytes; `key` is NUL-terminated.
        unsafe { raw_stricmp(k.cast(), (*k).len(), key.as_ptr()) }
    })
}

/// `_stricmp(p, key) == 0` for a `CHAR` array of `cap` bytes at `p`.
///
/// # Safety
///
/// `p` is valid for `cap` reads; `key` is a C string.
#[inline(always)]
unsafe fn raw_stricmp(p: *const c_char, cap: usize, key: *const c_char) -> bool {
    let mut i = 0;
    loop {
        // SAFETY: i < cap; `key` is read no further than its NUL, where the
        // loop ends at the latest.
        let (a, b) = unsafe { (if i < cap { *p.add(i) as u8 } else { 0 }, *key.add(i) as u8) };
        if !a.eq_ignore_ascii_case(&b) {
            return false;
        }
        if a == 0 {
            return true;
        }
        i += 1;
    }
}

#[inline(always)]
fn mix(h: u64, x: u64) -> u64 {
    h.rotate_left(5) ^ x
}

#[inline(always)]
fn fold_iter(h: u64, units: impl Iterator<Item = u16>) -> u64 {
    units.fold(h, |h, u| mix(h, u64::from(u)))
}

#[inline(always)]
fn fold_bytes(h: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(h, |h, &b| mix(h, u64::from(b)))
}

#[inline(always)]
fn fold_counters(h: u64, c: &Counters) -> u64 {
    c.to_array()
        .into_iter()
        .fold(h, |h, x| mix(h, u64::from(x)))
}

/// Reads everything through the safe view built by `HangupEvent::from_raw`.
///
/// # Safety
///
/// As `HangupEvent::from_raw`.
#[inline(never)]
pub unsafe fn read_safe(
    port: *const RAS_PORT_1,
    stats: *const RAS_PORT_STATISTICS,
    params: *const RAS_PARAMETERS,
) -> u64 {
    // SAFETY: the caller's contract is `from_raw`'s.
    let Ok(event) = (unsafe { HangupEvent::from_raw(port, stats, params) }) else {
        return 0;
    };
    let p = event.port();
    let mut h = 0;
    for name in [
        p.port_name(),
        p.device_type(),
        p.device_name(),
        p.media_name(),
        p.user_name(),
        p.computer(),
        p.logon_domain(),
    ] {
        h = fold_iter(h, name.units());
    }
    h = mix(h, u64::from(p.flags().bits()));
    h = mix(h, u64::from(p.is_advanced_server()));
    h = mix(h, u64::from(p.start_time_raw()));
    h = mix(h, u64::from(p.line_condition().raw()));
    h = mix(h, u64::from(p.hardware_condition().raw()));
    h = mix(h, u64::from(p.line_speed()));
    h = mix(h, u64::from(p.num_statistics()));
    h = mix(h, u64::from(p.num_media_params()));
    h = mix(h, u64::from(p.size_media_params()));
    let proj = p.projections();
    let nbf = proj.nbf();
    h = mix(h, u64::from(nbf.error()));
    h = mix(h, u64::from(nbf.netbios_error()));
    h = nbf.name_bytes().fold(h, |h, b| mix(h, u64::from(b)));
    h = fold_iter(h, nbf.workstation().units());
    h = mix(h, u64::from(proj.ip().error()));
    h = fold_iter(h, proj.ip().address().units());
    h = mix(h, u64::from(proj.ipx().error()));
    h = fold_iter(h, proj.ipx().address().units());
    h = mix(h, u64::from(proj.appletalk().error()));
    h = fold_iter(h, proj.appletalk().address().units());
    let s = event.statistics();
    h = fold_counters(h, &s.connection());
    h = fold_counters(h, &s.this_port());
    for param in event.params() {
        h = param.key_bytes().fold(h, |h, b| mix(h, u64::from(b)));
        h = mix(h, u64::from(param.format().raw()));
        h = mix(h, u64::from(param.attributes()));
        h = match param.value() {
            Ok(ParamValue::Number(n)) => mix(h, u64::from(n)),
            Ok(ParamValue::String(bytes)) => fold_bytes(h, bytes),
            Ok(ParamValue::Unknown { format, .. }) => mix(h, format as u64),
            Err(_) => mix(h, u64::MAX),
        };
    }
    h
}

/// `WCHAR` array at `p` of `cap` units, to its NUL.
///
/// # Safety
///
/// `p` is valid for `cap` reads.
#[inline(always)]
unsafe fn raw_wide(mut h: u64, p: *const WCHAR, cap: usize) -> u64 {
    let mut i = 0;
    while i < cap {
        // SAFETY: i < cap.
        let u = unsafe { *p.add(i) };
        if u == 0 {
            break;
        }
        h = mix(h, u64::from(u));
        i += 1;
    }
    h
}

/// `CHAR` array at `p` of `cap` bytes, to its NUL.
///
/// # Safety
///
/// `p` is valid for `cap` reads.
#[inline(always)]
unsafe fn raw_ansi(mut h: u64, p: *const c_char, cap: usize) -> u64 {
    let mut i = 0;
    while i < cap {
        // SAFETY: i < cap.
        let b = unsafe { *p.add(i) } as u8;
        if b == 0 {
            break;
        }
        h = mix(h, u64::from(b));
        i += 1;
    }
    h
}

/// A `WCHAR` array field, read within its length; used inside `unsafe`.
macro_rules! wide {
    ($h:expr, $field:expr) => {
        raw_wide($h, $field.as_ptr(), $field.len())
    };
}

/// The same work as [`read_safe`], as hand-written pointer code: null
/// checks only, no alignment or size checks, strings trusted.
///
/// # Safety
///
/// As `HangupEvent::from_raw`, and every string parameter's bytes readable.
#[inline(never)]
pub unsafe fn read_raw(
    port: *const RAS_PORT_1,
    stats: *const RAS_PORT_STATISTICS,
    params: *const RAS_PARAMETERS,
) -> u64 {
    if port.is_null() || stats.is_null() {
        return 0;
    }
    // SAFETY: non-null, and valid for reads by the caller's contract.
    let count = usize::from(unsafe { (*port).NumMediaParms });
    if params.is_null() && count > 0 {
        return 0;
    }
    let mut h = 0;
    // SAFETY (all derefs below): the caller's contract; fields are read
    // through raw places, never through references.
    unsafe {
        let p0 = &raw const (*port).rasport0;
        h = wide!(h, (*p0).wszPortName);
        h = wide!(h, (*p0).wszDeviceType);
        h = wide!(h, (*p0).wszDeviceName);
        h = wide!(h, (*p0).wszMediaName);
        h = wide!(h, (*p0).wszUserName);
        h = wide!(h, (*p0).wszComputer);
        h = wide!(h, (*p0).wszLogonDomain);
        h = mix(h, u64::from((*p0).Flags));
        h = mix(h, u64::from((*p0).fAdvancedServer != 0));
        h = mix(h, u64::from((*p0).dwStartSessionTime));
        h = mix(h, u64::from((*port).LineCondition));
        h = mix(h, u64::from((*port).HardwareCondition));
        h = mix(h, u64::from((*port).LineSpeed));
        h = mix(h, u64::from((*port).NumStatistics));
        h = mix(h, u64::from((*port).NumMediaParms));
        h = mix(h, u64::from((*port).SizeMediaParms));
        let pr = &raw const (*port).ProjResult;
        h = mix(h, u64::from((*pr).nbf.dwError));
        h = mix(h, u64::from((*pr).nbf.dwNetBiosError));
        h = raw_ansi(h, (*pr).nbf.szName.as_ptr(), (*pr).nbf.szName.len());
        h = wide!(h, (*pr).nbf.wszWksta);
        h = mix(h, u64::from((*pr).ip.dwError));
        h = wide!(h, (*pr).ip.wszAddress);
        h = mix(h, u64::from((*pr).ipx.dwError));
        h = wide!(h, (*pr).ipx.wszAddress);
        h = mix(h, u64::from((*pr).at.dwError));
        h = wide!(h, (*pr).at.wszAddress);
        let s = stats;
        for x in [
            (*s).dwBytesXmited,
            (*s).dwBytesRcved,
            (*s).dwFramesXmited,
            (*s).dwFramesRcved,
            (*s).dwCrcErr,
            (*s).dwTimeoutErr,
            (*s).dwAlignmentErr,
            (*s).dwHardwareOverrunErr,
            (*s).dwFramingErr,
            (*s).dwBufferOverrunErr,
            (*s).dwBytesXmitedUncompressed,
            (*s).dwBytesRcvedUncompressed,
            (*s).dwBytesXmitedCompressed,
            (*s).dwBytesRcvedCompressed,
            (*s).dwPortBytesXmited,
            (*s).dwPortBytesRcved,
            (*s).dwPortFramesXmited,
            (*s).dwPortFramesRcved,
            (*s).dwPortCrcErr,
            (*s).dwPortTimeoutErr,
            (*s).dwPortAlignmentErr,
            (*s).dwPortHardwareOverrunErr,
            (*s).dwPortFramingErr,
            (*s).dwPortBufferOverrunErr,
            (*s).dwPortBytesXmitedUncompressed,
            (*s).dwPortBytesRcvedUncompressed,
            (*s).dwPortBytesXmitedCompressed,
            (*s).dwPortBytesRcvedCompressed,
        ] {
            h = mix(h, u64::from(x));
        }
        let mut p = params;
        let end = params.wrapping_add(count);
        while p != end {
            h = raw_ansi(h, (*p).P_Key.as_ptr(), (*p).P_Key.len());
            h = mix(h, (*p).P_Type as u64);
            h = mix(h, u64::from((*p).P_Attributes));
            h = match (*p).P_Type {
                sys::ParamNumber => mix(h, u64::from((*p).P_Value.Number)),
                sys::ParamString => {
                    let len = (*p).P_Value.String.Length as usize;
                    let data = (*p).P_Value.String.Data.cast_const().cast::<u8>();
                    if len == 0 {
                        h
                    } else if data.is_null() {
                        mix(h, u64::MAX)
                    } else {
                        let mut i = 0;
                        while i < len {
                            h = mix(h, u64::from(*data.add(i)));
                            i += 1;
                        }
                        h
                    }
                }
                other => mix(h, other as u64),
            };
            p = p.add(1);
        }
    }
    h
}

/// Counts the UTF-8 bytes written to it: a `fmt::Write` sink that stores
/// nothing.
#[derive(Default)]
pub struct CountSink(pub usize);

impl fmt::Write for CountSink {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0 += s.len();
        Ok(())
    }
}

/// The UTF-16 benchmark inputs: fixed `WCHAR` arrays of a port.
pub struct Utf16Case {
    /// Name of the case.
    pub name: &'static str,
    /// The arrays (whole, NUL and all).
    pub port: Box<RAS_PORT_1>,
    /// Which fields of `port` to decode.
    pub fields: fn(&RAS_PORT_1) -> Vec<&[u16]>,
}

fn all_text_fields(p: &RAS_PORT_1) -> Vec<&[u16]> {
    let (r, pr) = (&p.rasport0, &p.ProjResult);
    vec![
        &r.wszPortName[..],
        &r.wszDeviceType,
        &r.wszDeviceName,
        &r.wszMediaName,
        &r.wszUserName,
        &r.wszComputer,
        &r.wszLogonDomain,
        &pr.nbf.wszWksta,
        &pr.ip.wszAddress,
        &pr.ipx.wszAddress,
        &pr.at.wszAddress,
    ]
}

fn device_name(p: &RAS_PORT_1) -> Vec<&[u16]> {
    vec![&p.rasport0.wszDeviceName[..]]
}

fn user_name(p: &RAS_PORT_1) -> Vec<&[u16]> {
    vec![&p.rasport0.wszUserName[..]]
}

/// Three cases: the eleven text fields of a realistic port (short ASCII);
/// a full 127-unit device name mixing ASCII, Latin-1 and Cyrillic with two
/// unpaired surrogates; a 256-unit user name of astral characters
/// (surrogate pairs) and ASCII.
pub fn utf16_cases() -> Vec<Utf16Case> {
    let short = *multilink_event(0).port();
    let mut long = EventBuilder::new();
    let text: String = "Modem Ünïcødé Модем ".chars().cycle().take(127).collect();
    long = long.device_name(&text);
    let mut long = *long.build().port();
    long.rasport0.wszDeviceName[40] = 0xD800;
    long.rasport0.wszDeviceName[90] = 0xDFFF;
    let astral: String = "alice🦀😀𝄞".chars().cycle().take(400).collect();
    let astral: String = astral
        .chars()
        .scan(0, |n, c| {
            *n += c.len_utf16();
            (*n <= 256).then_some(c)
        })
        .collect();
    let astral = *EventBuilder::new().user_name(&astral).build().port();
    vec![
        Utf16Case {
            name: "port_fields",
            port: Box::new(short),
            fields: all_text_fields,
        },
        Utf16Case {
            name: "bmp_127",
            port: Box::new(long),
            fields: device_name,
        },
        Utf16Case {
            name: "astral_256",
            port: Box::new(astral),
            fields: user_name,
        },
    ]
}

/// Ours: `Display` of each field into a reused `String`.
#[inline(never)]
pub fn utf16_display(fields: &[&[u16]], buf: &mut String) -> usize {
    let mut n = 0;
    for &f in fields {
        buf.clear();
        let _ = write!(buf, "{}", WideStr::new(f));
        n += buf.len();
    }
    n
}

/// Ours: `Display` of each field into a sink that only counts bytes.
#[inline(never)]
pub fn utf16_count(fields: &[&[u16]]) -> usize {
    let mut sink = CountSink::default();
    for &f in fields {
        let _ = write!(sink, "{}", WideStr::new(f));
    }
    sink.0
}

/// Ours: `chars_lossy` of each field pushed into a reused `String`.
#[inline(never)]
pub fn utf16_chars(fields: &[&[u16]], buf: &mut String) -> usize {
    let mut n = 0;
    for &f in fields {
        buf.clear();
        buf.extend(WideStr::new(f).chars_lossy());
        n += buf.len();
    }
    n
}

/// Baseline: find the NUL, then `String::from_utf16_lossy` (allocates).
#[inline(never)]
pub fn utf16_lossy(fields: &[&[u16]]) -> usize {
    let mut n = 0;
    for &f in fields {
        let len = f.iter().position(|&u| u == 0).unwrap_or(f.len());
        n += String::from_utf16_lossy(&f[..len]).len();
    }
    n
}
