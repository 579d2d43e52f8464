//! The RRAS views against raw pointer code, one workload per process, for
//! instruction counts under callgrind (driven by
//! `scripts/bench-callgrind-rras`).
//!
//! ```text
//! rras_callgrind <workload> <iterations>
//! rras_callgrind --list
//! ```
//!
//! Workloads: `conn-safe` / `conn-raw` (a level-3 connection: every field
//! [`RrasConnection`] reads, through the view or raw pointers),
//! `link-safe` / `link-raw` (the same for [`RrasLink`]), and `any-safe`
//! (the common face [`AnySession`] over the connection) against
//! `conn-raw`. Setup runs whatever the iteration count, so 0 iterations is
//! the baseline to subtract. Under `cargo bench` it does nothing.

use std::hint::black_box;
use std::process::ExitCode;

use rassapi::rras::mprapi::*;
use rassapi::rras::{AnySession, Level, RrasConnection, RrasLink};

const WORKLOADS: [&str; 5] = ["conn-safe", "conn-raw", "link-safe", "link-raw", "any-safe"];

#[inline(always)]
fn mix(h: u64, x: u64) -> u64 {
    h.rotate_left(5) ^ x
}

#[inline(always)]
fn fold(h: u64, units: impl Iterator<Item = u16>) -> u64 {
    units.fold(h, |h, u| mix(h, u64::from(u)))
}

/// A fixed `WCHAR` array read up to its first NUL, by hand.
///
/// # Safety
///
/// `p` valid for `cap` reads.
#[inline(always)]
unsafe fn raw_wide(mut h: u64, p: *const u16, cap: usize) -> u64 {
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

macro_rules! wide {
    ($h:expr, $field:expr) => {
        raw_wide($h, $field.as_ptr(), $field.len())
    };
}

fn put(dst: &mut [u16], s: &str) {
    for (d, u) in dst.iter_mut().zip(s.encode_utf16()) {
        *d = u;
    }
}

struct Conn {
    c0: RAS_CONNECTION_0,
    c1: RAS_CONNECTION_1,
    c2: RAS_CONNECTION_2,
    c3: RAS_CONNECTION_3,
}

fn connection() -> Box<Conn> {
    let mut c = Box::new(Conn {
        c0: RAS_CONNECTION_0::default(),
        c1: RAS_CONNECTION_1::default(),
        c2: RAS_CONNECTION_2::default(),
        c3: RAS_CONNECTION_3::default(),
    });
    put(&mut c.c0.wszInterfaceName, "Dial-in client");
    put(&mut c.c0.wszUserName, "alice.example");
    put(&mut c.c0.wszLogonDomain, "CORP");
    put(&mut c.c0.wszRemoteComputer, "LAPTOP7");
    c.c0.dwConnectDuration = 3_600;
    put(&mut c.c1.PppInfo.ip.wszAddress, "10.0.0.1");
    put(&mut c.c1.PppInfo.ip.wszRemoteAddress, "10.0.0.42");
    c.c1.dwBytesXmited = 1_000;
    c.c2.PppInfo2.lcp.dwOptions = 1;
    c.c3.rasQuarState = 0;
    c
}

/// Every field the connection view reads, through the view.
#[inline(never)]
fn conn_safe(
    c0: *const RAS_CONNECTION_0,
    c1: *const RAS_CONNECTION_1,
    c2: *const RAS_CONNECTION_2,
    c3: *const RAS_CONNECTION_3,
) -> u64 {
    // SAFETY: the caller's structures live for the call.
    let Ok(v) = (unsafe { RrasConnection::from_raw(Level::Three, c0, c1, c2, c3) }) else {
        return 0;
    };
    let mut h = 0;
    for name in [
        v.user_name(),
        v.logon_domain(),
        v.interface_name(),
        v.remote_computer(),
        v.local_address(),
        v.remote_address(),
    ] {
        h = fold(h, name.units());
    }
    h = mix(h, u64::from(v.connect_duration()));
    h = mix(h, v.interface_type().raw() as u64);
    h = mix(h, u64::from(v.connection_flags()));
    h = mix(h, v.handle() as u64);
    let c = v.counters();
    for x in [
        c.bytes_sent,
        c.bytes_received,
        c.frames_sent,
        c.frames_received,
        c.crc_errors,
        c.timeout_errors,
        c.alignment_errors,
        c.hardware_overrun_errors,
        c.framing_errors,
        c.buffer_overrun_errors,
    ] {
        h = mix(h, u64::from(x));
    }
    h = mix(h, u64::from(v.compression_ratio_in()));
    h = mix(h, u64::from(v.compression_ratio_out()));
    h = mix(h, u64::from(v.lcp_options().unwrap_or(0)));
    h = mix(h, u64::from(v.authentication_protocol().unwrap_or(0)));
    h = mix(h, v.quarantine_state().map_or(0, |q| q.raw() as u64));
    h
}

/// The same through the common face (connection scope).
#[inline(never)]
fn any_safe(
    c0: *const RAS_CONNECTION_0,
    c1: *const RAS_CONNECTION_1,
    c2: *const RAS_CONNECTION_2,
    c3: *const RAS_CONNECTION_3,
) -> u64 {
    // SAFETY: as above.
    let Ok(v) = (unsafe { RrasConnection::from_raw(Level::Three, c0, c1, c2, c3) }) else {
        return 0;
    };
    let s = AnySession::Connection(v);
    let mut h = 0;
    for name in [
        s.user().unwrap_or(v.user_name()),
        s.domain().unwrap_or(v.logon_domain()),
        s.name(),
        v.remote_computer(),
        v.local_address(),
        v.remote_address(),
    ] {
        h = fold(h, name.units());
    }
    h = mix(h, u64::from(s.duration_secs().unwrap_or(0)));
    h = mix(h, v.interface_type().raw() as u64);
    h = mix(h, u64::from(v.connection_flags()));
    h = mix(h, v.handle() as u64);
    let c = s.counters();
    for x in [
        c.bytes_sent,
        c.bytes_received,
        c.frames_sent,
        c.frames_received,
        c.crc_errors,
        c.timeout_errors,
        c.alignment_errors,
        c.hardware_overrun_errors,
        c.framing_errors,
        c.buffer_overrun_errors,
    ] {
        h = mix(h, u64::from(x));
    }
    h = mix(h, u64::from(v.compression_ratio_in()));
    h = mix(h, u64::from(v.compression_ratio_out()));
    h = mix(h, u64::from(v.lcp_options().unwrap_or(0)));
    h = mix(h, u64::from(v.authentication_protocol().unwrap_or(0)));
    h = mix(h, v.quarantine_state().map_or(0, |q| q.raw() as u64));
    h
}

/// The same work as [`conn_safe`] by hand: null checks only.
///
/// # Safety
///
/// Non-null pointers valid for reads.
#[inline(never)]
unsafe fn conn_raw(
    c0: *const RAS_CONNECTION_0,
    c1: *const RAS_CONNECTION_1,
    c2: *const RAS_CONNECTION_2,
    c3: *const RAS_CONNECTION_3,
) -> u64 {
    if c0.is_null() || c1.is_null() || c2.is_null() || c3.is_null() {
        return 0;
    }
    let mut h = 0;
    // SAFETY: the caller's contract; read through raw places.
    unsafe {
        h = wide!(h, (*c0).wszUserName);
        h = wide!(h, (*c0).wszLogonDomain);
        h = wide!(h, (*c0).wszInterfaceName);
        h = wide!(h, (*c0).wszRemoteComputer);
        h = wide!(h, (*c1).PppInfo.ip.wszAddress);
        h = wide!(h, (*c1).PppInfo.ip.wszRemoteAddress);
        h = mix(h, u64::from((*c0).dwConnectDuration));
        h = mix(h, (*c0).dwInterfaceType as u64);
        h = mix(h, u64::from((*c0).dwConnectionFlags));
        h = mix(h, (*c0).hConnection as usize as u64);
        for x in [
            (*c1).dwBytesXmited,
            (*c1).dwBytesRcved,
            (*c1).dwFramesXmited,
            (*c1).dwFramesRcved,
            (*c1).dwCrcErr,
            (*c1).dwTimeoutErr,
            (*c1).dwAlignmentErr,
            (*c1).dwHardwareOverrunErr,
            (*c1).dwFramingErr,
            (*c1).dwBufferOverrunErr,
        ] {
            h = mix(h, u64::from(x));
        }
        h = mix(h, u64::from((*c1).dwCompressionRatioIn));
        h = mix(h, u64::from((*c1).dwCompressionRatioOut));
        h = mix(h, u64::from((*c2).PppInfo2.lcp.dwOptions));
        h = mix(h, u64::from((*c2).PppInfo2.lcp.dwAuthenticationProtocol));
        h = mix(h, (*c3).rasQuarState as u64);
    }
    h
}

#[inline(never)]
fn link_safe(p0: *const RAS_PORT_0, p1: *const RAS_PORT_1) -> u64 {
    // SAFETY: the caller's structures live for the call.
    let Ok(v) = (unsafe { RrasLink::from_raw(p0, p1) }) else {
        return 0;
    };
    let mut h = 0;
    for name in [
        v.port_name(),
        v.media_name(),
        v.device_name(),
        v.device_type(),
    ] {
        h = fold(h, name.units());
    }
    h = mix(h, v.condition().raw() as u64);
    h = mix(h, v.hardware_condition().raw() as u64);
    h = mix(h, u64::from(v.total_calls()));
    h = mix(h, u64::from(v.connect_duration()));
    h = mix(h, u64::from(v.line_speed()));
    let c = v.counters();
    for x in [
        c.bytes_sent,
        c.bytes_received,
        c.frames_sent,
        c.frames_received,
        c.crc_errors,
        c.timeout_errors,
        c.alignment_errors,
        c.hardware_overrun_errors,
        c.framing_errors,
        c.buffer_overrun_errors,
    ] {
        h = mix(h, u64::from(x));
    }
    h = mix(h, u64::from(v.compression_ratio_in()));
    h = mix(h, u64::from(v.compression_ratio_out()));
    h = mix(h, v.connection_handle() as u64);
    h = mix(h, v.port_handle() as u64);
    h
}

/// # Safety
///
/// Non-null pointers valid for reads.
#[inline(never)]
unsafe fn link_raw(p0: *const RAS_PORT_0, p1: *const RAS_PORT_1) -> u64 {
    if p0.is_null() || p1.is_null() {
        return 0;
    }
    let mut h = 0;
    // SAFETY: the caller's contract.
    unsafe {
        h = wide!(h, (*p0).wszPortName);
        h = wide!(h, (*p0).wszMediaName);
        h = wide!(h, (*p0).wszDeviceName);
        h = wide!(h, (*p0).wszDeviceType);
        h = mix(h, (*p0).dwPortCondition as u64);
        h = mix(h, (*p1).dwHardwareCondition as u64);
        h = mix(h, u64::from((*p0).dwTotalNumberOfCalls));
        h = mix(h, u64::from((*p0).dwConnectDuration));
        h = mix(h, u64::from((*p1).dwLineSpeed));
        for x in [
            (*p1).dwBytesXmited,
            (*p1).dwBytesRcved,
            (*p1).dwFramesXmited,
            (*p1).dwFramesRcved,
            (*p1).dwCrcErr,
            (*p1).dwTimeoutErr,
            (*p1).dwAlignmentErr,
            (*p1).dwHardwareOverrunErr,
            (*p1).dwFramingErr,
            (*p1).dwBufferOverrunErr,
        ] {
            h = mix(h, u64::from(x));
        }
        h = mix(h, u64::from((*p1).dwCompressionRatioIn));
        h = mix(h, u64::from((*p1).dwCompressionRatioOut));
        h = mix(h, (*p0).hConnection as usize as u64);
        h = mix(h, (*p0).hPort as usize as u64);
    }
    h
}

fn run(workload: &str, iterations: u64) -> Option<u64> {
    let c = connection();
    let mut l = Box::new((RAS_PORT_0::default(), RAS_PORT_1::default()));
    put(&mut l.0.wszPortName, "VPN2-1");
    put(&mut l.0.wszMediaName, "rastapi");
    put(&mut l.0.wszDeviceName, "WAN Miniport (L2TP)");
    put(&mut l.0.wszDeviceType, "vpn");
    let (c0, c1, c2, c3) = (
        &raw const c.c0,
        &raw const c.c1,
        &raw const c.c2,
        &raw const c.c3,
    );
    let (p0, p1) = (&raw const l.0, &raw const l.1);
    let mut acc = 0u64;
    // One loop per workload, so no indirect call is counted.
    match workload {
        "conn-safe" => (0..iterations).for_each(|_| {
            acc = acc.wrapping_add(conn_safe(
                black_box(c0),
                black_box(c1),
                black_box(c2),
                black_box(c3),
            ))
        }),
        "any-safe" => (0..iterations).for_each(|_| {
            acc = acc.wrapping_add(any_safe(
                black_box(c0),
                black_box(c1),
                black_box(c2),
                black_box(c3),
            ))
        }),
        // SAFETY: the structures live until the end of the function.
        "conn-raw" => (0..iterations).for_each(|_| {
            acc = acc.wrapping_add(unsafe {
                conn_raw(black_box(c0), black_box(c1), black_box(c2), black_box(c3))
            })
        }),
        "link-safe" => (0..iterations)
            .for_each(|_| acc = acc.wrapping_add(link_safe(black_box(p0), black_box(p1)))),
        // SAFETY: as above.
        "link-raw" => (0..iterations).for_each(|_| {
            acc = acc.wrapping_add(unsafe { link_raw(black_box(p0), black_box(p1)) })
        }),
        _ => return None,
    }
    Some(black_box(acc))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [flag] if flag == "--list" => {
            WORKLOADS.iter().for_each(|w| println!("{w}"));
            ExitCode::SUCCESS
        }
        [w, n] if !w.starts_with('-') => {
            let Ok(n) = n.parse::<u64>() else {
                eprintln!("rras_callgrind: iterations must be a number, got {n:?}");
                return ExitCode::from(2);
            };
            match run(w, n) {
                Some(acc) => {
                    println!("{acc}");
                    ExitCode::SUCCESS
                }
                None => {
                    eprintln!("rras_callgrind: unknown workload {w:?}");
                    ExitCode::from(2)
                }
            }
        }
        // `cargo bench` passes `--bench`: nothing to do.
        _ => ExitCode::SUCCESS,
    }
}
