//! A `no_std` admin DLL for the host (x86_64 Linux): `admin_dll!` with
//! handlers that read every field and parameter, and a panic handler that
//! calls a function no library defines. Linked with `-z defs` in release,
//! it links only if the optimiser removed every panic path: in the crate's
//! export path, its views and what the handlers call. `scripts/check-nostd`
//! builds it twice: as is (must link) and with `deliberate-panic` (must not).
#![no_std]

use core::sync::atomic::{AtomicU32, Ordering};

use rassapi::export::ExportError;
use rassapi::{
    AcceptEvent, Counters, ErrorCode, GetIpAddressEvent, HangupEvent, IpAssignment, NumBuf, Param,
    ParamValue, Params, Port, Projections, ReleaseIpAddressEvent, Statistics, WideStr,
};

unsafe extern "C" {
    /// Defined nowhere: a reference to it that survives optimisation fails
    /// the link with `undefined reference to
    /// rassapi_no_panic_proof_reached_a_panic`.
    fn rassapi_no_panic_proof_reached_a_panic() -> !;
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    // SAFETY: never runs: the proof is that this call cannot be linked.
    unsafe { rassapi_no_panic_proof_reached_a_panic() }
}

/// The precompiled `core` of the host target was built to unwind and its
/// unwind tables name this symbol; with `panic = "abort"` it is never
/// called. (A `-Zbuild-std` build, as for NT 4.0, does not need it.)
#[unsafe(no_mangle)]
extern "C" fn rust_eh_personality() {}

/// Where the handlers put what they read, so nothing is optimised away.
static SINK: AtomicU32 = AtomicU32::new(0);

fn sink(value: u32) {
    SINK.fetch_add(value, Ordering::Relaxed);
}

fn wide(w: WideStr<'_>) -> u32 {
    let mut h = w.units().fold(0u32, |h, u| h.rotate_left(5) ^ u32::from(u));
    h = w.chars_lossy().fold(h, |h, c| h.wrapping_add(u32::from(c)));
    h = h.wrapping_add(w.as_units().len() as u32);
    h ^= u32::from(w.is_empty()) | u32::from(w.eq_str("COM1")) << 1;
    h ^= u32::from(w.eq_ignore_ascii_case("guest")) << 2;
    h ^= u32::from(w.eq_ignore_case("Élodie")) << 3;
    h ^= u32::from(w.check_utf16().is_ok()) << 4;
    h
}

fn counters(c: Counters) -> u32 {
    c.to_array().iter().fold(0u32, |h, &n| h.rotate_left(3) ^ n)
}

fn statistics(s: Statistics<'_>) -> u32 {
    counters(s.connection()) ^ counters(s.this_port()).rotate_left(7)
}

fn projections(p: Projections<'_>) -> u32 {
    let nbf = p.nbf();
    let mut h = nbf.error() ^ nbf.netbios_error() ^ wide(nbf.workstation());
    h ^= nbf.name().len() as u32 ^ nbf.name_bytes().fold(0u32, |h, b| h ^ u32::from(b));
    let ip = p.ip();
    h ^= ip.error() ^ wide(ip.address()) ^ u32::from(ip.is_success());
    h ^= ip
        .address_v4()
        .map_or(0, |a| u32::from_ne_bytes(a.octets()));
    h ^= p.ipx().error() ^ wide(p.ipx().address());
    h ^ p.appletalk().error() ^ wide(p.appletalk().address())
}

fn port(p: Port<'_>) -> u32 {
    let mut h = 0u32;
    for name in [
        p.port_name(),
        p.device_type(),
        p.device_name(),
        p.media_name(),
        p.user_name(),
        p.computer(),
        p.logon_domain(),
    ] {
        h = h.rotate_left(1) ^ wide(name);
    }
    h ^= p.flags().bits() ^ p.flags().iter().fold(0u32, |h, f| h ^ f.bits());
    h ^= u32::from(p.is_advanced_server()) ^ p.start_time_raw();
    let secs = p.session_start().duration_until(4_000_000_000);
    h ^= secs.map_or(0, |d| d.as_secs() as u32);
    h ^= p.line_condition().raw() ^ p.hardware_condition().raw() ^ p.line_speed();
    h ^= u32::from(p.num_statistics()) ^ u32::from(p.num_media_params()) ^ p.size_media_params();
    h ^ projections(p.projections())
}

fn param(p: Param<'_>) -> u32 {
    let mut h = p.index() as u32 ^ u32::from(p.attributes()) ^ p.format().raw();
    h ^= p.key().len() as u32 ^ p.key_bytes().fold(0u32, |h, b| h ^ u32::from(b));
    h ^= u32::from(p.key_str().is_ok()) ^ u32::from(p.key_eq_ignore_ascii_case("CONNECTBPS"));
    match p.value() {
        Ok(ParamValue::Number(n)) => h ^= n,
        Ok(value @ ParamValue::String(bytes)) => {
            h ^= bytes
                .iter()
                .fold(0u32, |h, &b| h.rotate_left(2) ^ u32::from(b));
            h ^= value.as_u32().unwrap_or(1) ^ value.as_str().map_or(2, |s| s.len() as u32);
        }
        Ok(value @ ParamValue::Unknown { value: raw, .. }) => {
            h ^= value.as_u32().unwrap_or(3) ^ raw ^ value.format().raw();
        }
        Err(_) => h ^= 4,
    }
    h
}

fn params(ps: Params<'_>) -> u32 {
    ps.len() as u32 ^ ps.fold(0u32, |h, p| h.rotate_left(3) ^ param(p))
}

/// With `deliberate-panic`, an indexing by a host value, which can fail.
fn deliberate_panic(host_value: u32) -> u32 {
    #[cfg(feature = "deliberate-panic")]
    {
        let table = [1u32, 2, 3, 4];
        table[host_value as usize]
    }
    #[cfg(not(feature = "deliberate-panic"))]
    {
        host_value
    }
}

fn accept(event: AcceptEvent<'_>) -> bool {
    let speed = event
        .param("MAXCONNECTBPS")
        .and_then(|p| p.value().ok()?.as_u32().ok());
    sink(port(event.port()) ^ statistics(event.statistics()) ^ params(event.params()));
    let max = event.param_u32("MAXCONNECTBPS").unwrap_or(0)
        ^ event.params().fold(0, |h, p| h ^ p.as_u32().unwrap_or(5));
    sink(speed.unwrap_or(0) ^ max ^ deliberate_panic(event.port().line_speed()));
    !event.port().user_name().eq_ignore_ascii_case("guest")
}

fn hangup(event: HangupEvent<'_>) {
    let found = event.param("ConnectBps").map_or(0, param);
    // The word-at-a-time key compare, which x86_64 does not use itself.
    let found =
        found ^ rassapi::__key_compare::find_words(event.params(), "PortName").map_or(0, param);
    sink(port(event.port()) ^ statistics(event.statistics()) ^ params(event.params()) ^ found);
    sink(event.raw_port().LineSpeed ^ event.raw_params().len() as u32);
}

fn get_ip(request: GetIpAddressEvent<'_>) -> Result<IpAssignment, ErrorCode> {
    sink(wide(request.user()) ^ wide(request.port()));
    match request.proposed() {
        Some(_) => Ok(request.keep_proposed().notify_on_release()),
        None if request.user().eq_str("nobody") => Err(ErrorCode::ACCESS_DENIED),
        None => Ok(request.keep_proposed()),
    }
}

/// A hash of text a log line would carry.
fn text(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .fold(bytes.len() as u32, |h, &b| h.rotate_left(5) ^ u32::from(b))
}

/// Every `NumBuf` form of values the host chose.
fn numbers(n: u32, wide_n: u64) -> u32 {
    text(NumBuf::u32(n).as_bytes())
        ^ text(NumBuf::u64(wide_n).as_str().as_bytes())
        ^ text(NumBuf::i64(wide_n as i64).as_bytes())
        ^ text(NumBuf::hex_u32(n).as_bytes())
        ^ text(NumBuf::hex_u64(wide_n).as_bytes())
        ^ text(NumBuf::ipaddr(n).as_bytes())
}

fn release(release: ReleaseIpAddressEvent<'_>) {
    let address = u32::from_ne_bytes(release.address().octets());
    sink(
        wide(release.user())
            ^ wide(release.port())
            ^ text(NumBuf::ipv4(release.address()).as_bytes())
            ^ numbers(address, u64::from(address) << 29),
    );
}

fn on_error(error: &ExportError) {
    let detail = match error {
        ExportError::Malformed { error, .. } => {
            text(error.name().as_bytes()) ^ text(error.field().unwrap_or("").as_bytes())
        }
        ExportError::Unterminated { argument, .. } => argument.len() as u32,
        _ => 2,
    };
    sink(detail ^ text(error.name().as_bytes()) ^ error.callback().export_name().len() as u32);
}

rassapi::admin_dll! {
    on_error: on_error,
    accept: accept,
    hangup: hangup,
    get_ip_address: get_ip,
    release_ip_address: release,
}
