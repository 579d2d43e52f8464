//! Raw RAS structures for the safe-layer tests (tests/accessors.rs,
//! tests/malformed.rs): the hostile and hand-laid-out data that
//! `rassapi::testing`, which only builds well-formed events, cannot
//! express (misaligned or dangling pointers, strings anywhere, counts that
//! lie). Well-formed ports and counters come from `rassapi::testing`.
#![allow(dead_code, unused_macros)]

use core::ffi::c_char;
use rassapi::Counters;
use rassapi::sys::{self, RAS_PARAMETERS, RAS_PORT_1, RAS_PORT_STATISTICS};
use rassapi::testing::EventBuilder;
use std::ptr;

pub const PARAM_SIZE: usize = size_of::<RAS_PARAMETERS>();

/// Writes `s` and a terminator if there is room.
pub fn set_wide(dst: &mut [u16], s: &str) {
    let units: Vec<u16> = s.encode_utf16().collect();
    set_units(dst, &units);
}

pub fn set_units(dst: &mut [u16], units: &[u16]) {
    dst.fill(0);
    dst.iter_mut().zip(units).for_each(|(d, &u)| *d = u);
}

pub fn set_ansi(dst: &mut [c_char], s: &[u8]) {
    dst.fill(0);
    dst.iter_mut().zip(s).for_each(|(d, &b)| *d = b as c_char);
}

pub fn number(key: &[u8], n: u32) -> RAS_PARAMETERS {
    let mut p = RAS_PARAMETERS::default();
    set_ansi(&mut p.P_Key, key);
    p.P_Type = sys::ParamNumber;
    p.P_Value.Number = n;
    p
}

pub fn string(key: &[u8], data: *const u8, length: u32) -> RAS_PARAMETERS {
    let mut p = RAS_PARAMETERS::default();
    set_ansi(&mut p.P_Key, key);
    p.P_Type = sys::ParamString;
    p.P_Value.String.Length = length;
    p.P_Value.String.Data = data.cast_mut().cast();
    p
}

pub fn len32(b: &[u8]) -> u32 {
    u32::try_from(b.len()).unwrap()
}

pub fn port_with(n: u16) -> RAS_PORT_1 {
    RAS_PORT_1 {
        NumMediaParms: n,
        ..Default::default()
    }
}

/// A port with every field set to a distinct, realistic value: the
/// `rassapi::testing` builder, changed where its defaults would hide a
/// field (non-ASCII user, multilink, advanced server, every projection).
pub fn full_port() -> RAS_PORT_1 {
    let event = full_builder().build();
    *event
        .hangup_event()
        .expect("the builder's data is valid")
        .raw_port()
}

/// Statistics whose field `i` (in declaration order) holds `i + 1`.
pub fn full_stats() -> RAS_PORT_STATISTICS {
    let event = full_builder().build();
    *event
        .hangup_event()
        .expect("the builder's data is valid")
        .raw_statistics()
}

fn full_builder() -> EventBuilder {
    EventBuilder::new()
        .device_name("Hayes Optima 28.8")
        .user_name("Zo\u{eb}")
        .computer("WKS-7")
        .flags(sys::USER_AUTHENTICATED | sys::PPP_CLIENT | sys::PORT_MULTILINKED)
        .start_time_secs(852_076_800) // 1997-01-01
        .advanced_server(true)
        .nbf_projection(0, 13, b"WKS-7", "WKS-7")
        .ip_projection(0, "192.168.1.20")
        .ipx_projection(733, "0000000A.00C0DFAB1234")
        .appletalk_projection(720, "65280.12")
        .connection_counters(counters(1))
        .port_counters(counters(15))
}

pub fn counters(first: u32) -> Counters {
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
pub struct Media<const N: usize, const S: usize> {
    pub params: [RAS_PARAMETERS; N],
    pub strings: [u8; S],
}

impl<const N: usize, const S: usize> Media<N, S> {
    pub fn new() -> Box<Self> {
        Box::new(Media {
            params: [RAS_PARAMETERS::default(); N],
            strings: [0; S],
        })
    }

    /// What RAS would put in `SizeMediaParms`.
    pub fn size() -> u32 {
        u32::try_from(N * PARAM_SIZE + S).unwrap()
    }

    /// The address of `strings[offset]` (only the address is used).
    pub fn at(&self, offset: usize) -> *const u8 {
        ptr::from_ref(self)
            .cast::<u8>()
            .wrapping_add(N * PARAM_SIZE + offset)
    }

    /// The `pRasParams` RAS passes: covers the whole buffer.
    pub fn as_ptr(&self) -> *const RAS_PARAMETERS {
        ptr::from_ref(self).cast()
    }
}

/// Statistics that outlive every view: a `from_raw` view's lifetime is
/// unbounded, so a temporary here would dangle.
// SAFETY: all-zero is a valid `RAS_PORT_STATISTICS` (28 `u32`s).
pub static ZERO_STATS: RAS_PORT_STATISTICS = unsafe { std::mem::zeroed() };

pub fn stats0() -> RAS_PORT_STATISTICS {
    RAS_PORT_STATISTICS::default()
}

/// A port announcing one parameter, for `value_of!`.
pub static PORT1: RAS_PORT_1 = {
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
        let data = $data;
        // SAFETY: string members are fully written (no `Number` literal tagged as string).
        let event =
            unsafe { rassapi::HangupEvent::new(&PORT1, &ZERO_STATS, &params, data) }.unwrap();
        let $v = event.params().next().unwrap().value();
    };
}
