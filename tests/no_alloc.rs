//! Building an event view, reading every field through the non-allocating
//! forms and iterating all parameters allocates nothing.
//!
//! Its own test binary with a single test, and the allocator only counts on
//! the thread that asked, so nothing else can disturb the count.

use core::ffi::c_char;
use rassapi::sys::{self, RAS_PARAMETERS, RAS_PORT_1, RAS_PORT_STATISTICS};
use rassapi::{AcceptEvent, HangupEvent, ParamValue, Port, WideStr};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt::{self, Write as _};
use std::hint::black_box;
use std::ptr;
use std::time::{Duration, UNIX_EPOCH};

struct Counting;

thread_local! {
    // `const` with no destructor: reading it never allocates.
    static ARMED: Cell<bool> = const { Cell::new(false) };
    static COUNT: Cell<usize> = const { Cell::new(0) };
}

fn note() {
    if ARMED.with(Cell::get) {
        COUNT.with(|c| c.set(c.get() + 1));
    }
}

// SAFETY: forwards to `System`, only counting.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note();
        // SAFETY: forwarded contract.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note();
        // SAFETY: forwarded contract.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note();
        // SAFETY: forwarded contract.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded contract.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations made by `f` on this thread.
fn allocations(f: impl FnOnce()) -> usize {
    COUNT.with(|c| c.set(0));
    ARMED.with(|a| a.set(true));
    f();
    ARMED.with(|a| a.set(false));
    COUNT.with(Cell::get)
}

/// A `fmt::Write` into a fixed stack buffer; keeps what fits, counts all.
struct StackBuf {
    buf: [u8; 4096],
    len: usize,
    total: usize,
}

impl StackBuf {
    fn new() -> Self {
        StackBuf {
            buf: [0; 4096],
            len: 0,
            total: 0,
        }
    }
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("<cut mid-char>")
    }
}

impl fmt::Write for StackBuf {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let room = self.buf.len() - self.len;
        let n = s.len().min(room);
        self.buf[self.len..self.len + n].copy_from_slice(&s.as_bytes()[..n]);
        self.len += n;
        self.total += s.len();
        Ok(())
    }
}

/// RAS's layout: the array, then the string bytes, in one buffer.
#[repr(C)]
struct Media {
    params: [RAS_PARAMETERS; 4],
    strings: [u8; 16],
}

fn set_wide(dst: &mut [u16], s: &str) {
    dst.iter_mut()
        .zip(s.encode_utf16())
        .for_each(|(d, u)| *d = u);
}

fn set_key(p: &mut RAS_PARAMETERS, key: &[u8]) {
    p.P_Key
        .iter_mut()
        .zip(key)
        .for_each(|(d, &b)| *d = b as c_char);
}

/// Reads everything through the non-allocating forms.
fn read_all(port: Port<'_>, out: &mut StackBuf) {
    for name in [
        port.port_name(),
        port.device_type(),
        port.device_name(),
        port.media_name(),
        port.user_name(),
        port.computer(),
        port.logon_domain(),
    ] {
        write!(out, "{name}|{name:>20}|{name:.3}|{name:?}").unwrap();
        black_box((name.as_units(), name.is_empty(), name.eq_str("COM1")));
        black_box(name == WideStr::new(&[]));
        black_box(name.chars_lossy().count());
    }
    let flags = port.flags();
    write!(out, "{flags:?}").unwrap();
    black_box((flags.bits(), flags.unknown_bits(), flags.is_multilinked()));
    black_box(flags.iter().count());
    black_box((port.is_advanced_server(), port.start_time_raw()));
    black_box(port.duration_until(UNIX_EPOCH + Duration::from_secs(2_000_000_000)));
    write!(
        out,
        "{:?} {:?}",
        port.line_condition(),
        port.hardware_condition()
    )
    .unwrap();
    black_box((port.line_condition().raw(), port.hardware_condition().raw()));
    black_box((port.line_speed(), port.num_statistics()));
    black_box((
        port.num_media_params(),
        port.size_media_params(),
        port.raw(),
    ));

    let proj = port.projections();
    let nbf = proj.nbf();
    black_box((
        nbf.error(),
        nbf.is_success(),
        nbf.netbios_error(),
        nbf.name(),
    ));
    write!(out, "{}", nbf.workstation()).unwrap();
    let ip = proj.ip();
    black_box((ip.error(), ip.is_success(), ip.address_v4()));
    write!(
        out,
        "{} {} {}",
        ip.address(),
        proj.ipx().address(),
        proj.appletalk().address()
    )
    .unwrap();
    black_box((
        proj.ipx().error(),
        proj.appletalk().is_success(),
        proj.raw(),
    ));
    write!(out, "{proj:?}").unwrap();
}

fn read_event_parts(
    stats: rassapi::Statistics<'_>,
    params: rassapi::Params<'_>,
    out: &mut StackBuf,
) {
    let (c, p) = (stats.connection(), stats.this_port());
    black_box((
        c,
        p,
        c.sent_compression_ratio(),
        p.received_compression_ratio(),
    ));
    black_box(stats.raw());
    write!(out, "{stats:?}").unwrap();

    black_box((params.len(), params.size_hint()));
    black_box(params.clone().rev().count());
    black_box(params.clone().nth(1).map(|p| p.index()));
    for param in params {
        let _ = black_box((
            param.index(),
            param.key(),
            param.key_str(),
            param.attributes(),
        ));
        black_box((param.format(), param.raw()));
        match param.value() {
            Ok(v @ ParamValue::Number(_)) => black_box(v.as_u32()).map(drop).unwrap(),
            Ok(v @ ParamValue::String(_)) => {
                let _ = black_box((v.as_bytes(), v.as_str(), v.as_u32()));
            }
            Ok(v @ ParamValue::Unknown { .. }) => {
                let _ = black_box((v.as_u32(), v.as_str()));
            }
            Err(e) => write!(out, "{e} {e:?}").unwrap(),
        }
        write!(out, "{param:?}").unwrap();
    }
}

#[test]
fn viewing_an_event_allocates_nothing() {
    // Fixtures first: allocating here is fine.
    let mut port = RAS_PORT_1::default();
    set_wide(&mut port.rasport0.wszPortName, "COM1");
    set_wide(&mut port.rasport0.wszDeviceType, "modem");
    set_wide(&mut port.rasport0.wszDeviceName, "Hayes Optima 28.8");
    set_wide(&mut port.rasport0.wszMediaName, "rasser");
    set_wide(&mut port.rasport0.wszUserName, "Zoë");
    port.rasport0.wszUserName[3] = 0xD800; // lone surrogate
    set_wide(&mut port.rasport0.wszComputer, "WKS-7");
    set_wide(&mut port.rasport0.wszLogonDomain, "CORP");
    port.rasport0.Flags = sys::USER_AUTHENTICATED | sys::PPP_CLIENT | 0x400;
    port.rasport0.dwStartSessionTime = 852_076_800;
    port.LineCondition = sys::RAS_PORT_AUTHENTICATED;
    port.HardwareCondition = 42;
    port.LineSpeed = 28_800;
    port.NumStatistics = 28;
    set_wide(&mut port.ProjResult.ip.wszAddress, "10.0.0.7");
    set_wide(&mut port.ProjResult.nbf.wszWksta, "WKS-7");
    port.NumMediaParms = 4;
    let stats = RAS_PORT_STATISTICS {
        dwBytesXmitedUncompressed: 3000,
        dwBytesXmitedCompressed: 1000,
        ..Default::default()
    };

    let mut media = Box::new(Media {
        params: [RAS_PARAMETERS::default(); 4],
        strings: *b"28800COM1\xe9\0\0\0\0\0\0",
    });
    let strings = ptr::from_ref(&*media)
        .cast::<u8>()
        .wrapping_add(4 * size_of::<RAS_PARAMETERS>());
    for (i, (key, format, off, len)) in [
        (&b"MAXCONNECTBPS"[..], sys::ParamNumber, 0, 0),
        (b"CONNECTBPS", sys::ParamString, 0, 5),
        (b"PortName", sys::ParamString, 5, 5), // ends in a non-ASCII byte
        (b"Odd", 7, 0, 0),
    ]
    .into_iter()
    .enumerate()
    {
        let p = &mut media.params[i];
        set_key(p, key);
        p.P_Type = format;
        if format == sys::ParamString {
            p.P_Value.String.Length = len;
            p.P_Value.String.Data = strings.wrapping_add(off).cast_mut().cast();
        } else {
            p.P_Value.Number = 56_000;
        }
    }
    let string_data: &[u8] = &media.strings;
    let mut raw_port = port;
    raw_port.SizeMediaParms = u32::try_from(size_of::<Media>() - 6).unwrap();
    let mut capped_port = port;
    capped_port.SizeMediaParms = 0;
    let media_ptr = ptr::from_ref(&*media).cast::<RAS_PARAMETERS>();
    let mut out = StackBuf::new();

    let count = allocations(|| {
        // Safe constructor.
        // SAFETY: string members are fully written (no `Number` literal tagged as string).
        let event = unsafe { HangupEvent::new(&port, &stats, &media.params, string_data) }.unwrap();
        read_all(event.port(), &mut out);
        read_event_parts(event.statistics(), event.params(), &mut out);
        black_box(event.param("connectbps").map(|p| p.value()));
        black_box((event.raw_port(), event.raw_statistics(), event.raw_params()));
        write!(out, "{event:?}").unwrap();

        // From raw pointers, bounded by SizeMediaParms and capped.
        for port in [&raw_port, &capped_port] {
            // SAFETY: `media` is one live buffer of at least `SizeMediaParms`
            // bytes; with 0, every string's bytes are readable at `Data`.
            let event = unsafe { AcceptEvent::from_raw(port, &stats, media_ptr) }.unwrap();
            read_all(event.port(), &mut out);
            read_event_parts(event.statistics(), event.params(), &mut out);
            black_box(event.param("PORTNAME").map(|p| p.value()));
            write!(out, "{event:?}").unwrap();
        }

        // Rejections build their errors without allocating too.
        // SAFETY: null is rejected before anything is read.
        let err = unsafe { HangupEvent::from_raw(ptr::null(), &stats, ptr::null()) }.unwrap_err();
        write!(out, "{err} {err:?}").unwrap();
        // SAFETY: string members are fully written (no `Number` literal tagged as string).
        let err = unsafe { HangupEvent::new(&port, &stats, &[], &[]) }.unwrap_err();
        write!(out, "{err}").unwrap();
    });

    assert_eq!(count, 0, "allocations while viewing an event");
    // The reads really happened.
    let text = out.as_str();
    assert!(out.total > 1000, "{text}");
    assert!(text.contains("Zoë\u{FFFD}"), "{text}");
    assert!(text.contains(r#"value: Ok(String("28800"))"#), "{text}");
    // And the counter does count (sanity check of the harness).
    assert_eq!(allocations(|| drop(black_box(vec![1u8]))), 1);
}
