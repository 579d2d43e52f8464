//! A `no_std` admin DLL for the host built with `rras_admin_dll!`, whose
//! handlers read everything the RRAS views and the common face offer, and
//! whose panic handler calls a function no library defines. Linked with
//! `-z defs` in release, it links only if no panic path survives in the
//! crate's path from the 17 exports to the handlers.
//! `scripts/check-nostd-rras` builds it as is (must link) and with
//! `deliberate-panic` (must not).
#![no_std]

use core::sync::atomic::{AtomicU64, Ordering};

use rassapi::rras::{AnySession, HookError, HookErrorKind};
use rassapi::{ErrorCode, GetIpAddressEvent, IpAssignment, NumBuf, ReleaseIpAddressEvent, WideStr};

unsafe extern "C" {
    /// Defined nowhere: a surviving reference fails the link.
    fn rassapi_no_panic_proof_reached_a_panic() -> !;
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    // SAFETY: never runs: the proof is that this call cannot be linked.
    unsafe { rassapi_no_panic_proof_reached_a_panic() }
}

/// The host's precompiled `core` names it in its unwind tables.
#[unsafe(no_mangle)]
extern "C" fn rust_eh_personality() {}

static SINK: AtomicU64 = AtomicU64::new(0);

fn sink(v: u64) {
    SINK.fetch_add(v, Ordering::Relaxed);
}

fn wide(w: WideStr<'_>) -> u64 {
    let h = w.units().fold(0u64, |h, u| h.rotate_left(5) ^ u64::from(u));
    h ^ u64::from(w.eq_ignore_case("mallory"))
}

fn read(s: &AnySession<'_>) -> u64 {
    let mut h = wide(s.name());
    h ^= s.user().map_or(1, wide) ^ s.domain().map_or(2, wide);
    h ^= s.start().map_or(3, |t| u64::from(t.unix_secs()));
    h ^= u64::from(s.duration_secs().unwrap_or(4));
    h ^= s.duration_until(1_000_000).map_or(5, |d| d.as_secs());
    let c = s.counters();
    h ^= u64::from(c.bytes_sent ^ c.bytes_received ^ c.frames_sent ^ c.frames_received);
    h ^= u64::from(c.crc_errors ^ c.timeout_errors ^ c.alignment_errors);
    h ^= u64::from(c.hardware_overrun_errors ^ c.framing_errors ^ c.buffer_overrun_errors);
    h ^= s.ipv4().map_or(6, |a| u64::from(a.to_bits()));
    h ^= s.is_multilink().map_or(7, u64::from);
    match s {
        AnySession::Connection(c) => {
            h ^= wide(c.remote_computer()) ^ wide(c.local_address()) ^ wide(c.remote_address());
            h ^= c.interface_type().raw() as u64 ^ u64::from(c.connection_flags());
            h ^= c.handle() as u64 ^ c.interface_handle() as u64;
            h ^= u64::from(c.compression_ratio_in() ^ c.compression_ratio_out());
            h ^= c.guid().map_or(8, |g| u64::from(g.raw().data1));
            h ^= u64::from(c.authentication_protocol().unwrap_or(9));
            h ^= c.quarantine_state().map_or(10, |q| q.raw() as u64);
            h ^= c.level() as u64;
        }
        AnySession::Link(l) => {
            h ^= wide(l.media_name()) ^ wide(l.device_name()) ^ wide(l.device_type());
            h ^= l.condition().raw() as u64 ^ l.hardware_condition().raw() as u64;
            h ^= u64::from(l.total_calls() ^ l.line_speed());
            h ^= l.connection_handle() as u64 ^ l.port_handle() as u64;
        }
        AnySession::Nt4 { port, .. } => h ^= u64::from(port.line_speed()),
    }
    h
}

fn accept(s: AnySession<'_>) -> bool {
    let h = read(&s);
    sink(h);
    h & 1 == 0
}

fn ended(s: AnySession<'_>) {
    sink(read(&s));
    #[cfg(feature = "deliberate-panic")]
    {
        let table = [1u64, 2, 3];
        sink(table[s.name().as_units().len()]);
    }
}

fn get_ip(r: GetIpAddressEvent<'_>) -> Result<IpAssignment, ErrorCode> {
    sink(wide(r.user()) ^ wide(r.port()));
    Ok(r.keep_proposed())
}

/// A hash of text a log line would carry.
fn text(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(bytes.len() as u64, |h, &b| h.rotate_left(5) ^ u64::from(b))
}

fn release(r: ReleaseIpAddressEvent<'_>) {
    let bits = r.address().to_bits();
    let numbers = text(NumBuf::ipv4(r.address()).as_bytes())
        ^ text(NumBuf::u32(bits).as_bytes())
        ^ text(NumBuf::u64(u64::from(bits) << 31).as_bytes())
        ^ text(NumBuf::i64(-i64::from(bits)).as_str().as_bytes())
        ^ text(NumBuf::hex_u32(bits).as_bytes());
    sink(wide(r.user()) ^ u64::from(bits) ^ numbers);
}

fn on_error(e: &HookError) {
    let detail = match e.kind() {
        HookErrorKind::Malformed(error) => {
            text(error.name().as_bytes()) ^ text(error.field().unwrap_or("").as_bytes())
        }
        kind => text(kind.name().as_bytes()),
    };
    sink(e.export_name().len() as u64 ^ text(e.name().as_bytes()) ^ detail);
}

fn lifecycle() -> Result<(), ErrorCode> {
    sink(1);
    Ok(())
}

rassapi::rras_admin_dll! {
    on_error: on_error,
    initialize: lifecycle,
    terminate: lifecycle,
    accept: accept,
    accept_link: accept,
    reauthenticate: accept,
    connection_ended: ended,
    link_ended: ended,
    get_ip_address: get_ip,
    release_ip_address: release,
}
