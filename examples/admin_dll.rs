//! An example RAS admin DLL, written with `rassapi::admin_dll!`.
//!
//! Build it for Windows as a `cdylib` (`cargo build --example admin_dll
//! --target x86_64-pc-windows-gnu`) and register it under
//! `HKLM\SOFTWARE\Microsoft\RAS\AdminDll`. Its policy:
//!
//! * accept: refuses the user `mallory`, accepts everyone else;
//! * hang-up: counts and records every notification;
//! * get-IP: gives `alice` 192.168.7.21 and asks to be told when it is
//!   released, refuses `nobody` with `ERROR_ACCESS_DENIED`, and keeps RAS's
//!   own choice for everyone else (refusing them too if RAS has none);
//! * release: records the release.
//!
//! (`admin_dll!` exports all four callbacks in any case; one left out of
//! the block gets a neutral default.)
//!
//! A handler whose user is named `panic` panics on purpose, to show that
//! the panic stays inside the DLL.
//!
//! It doubles as the test DLL of `scripts/wine-e2e`: everything the
//! handlers and the error hook see is recorded as `e<N>.<field>=<value>`
//! lines, which the C host `tests/host/host.c` reads back through three
//! extra exports:
//!
//! * `DWORD RassapiExampleObserved(char *buf, DWORD cap)`: copies the
//!   record (NUL-terminated, truncated to fit `cap` bytes) and returns its
//!   full length without the terminator;
//! * `DWORD RassapiExampleHangupCount(void)`: hang-up handler calls so far;
//! * `DWORD RassapiExampleErrorCount(void)`: error-hook calls so far.

use std::fmt::Write as _;
use std::net::Ipv4Addr;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::SystemTime;

use rassapi::export::ExportError;
use rassapi::{
    AcceptEvent, Counters, ErrorCode, GetIpAddressEvent, HangupEvent, IpAssignment, ParamValue,
    Params, Port, ReleaseIpAddressEvent, Statistics,
};

rassapi::admin_dll! {
    on_error: on_error,
    accept: accept,
    hangup: hangup,
    get_ip_address: get_ip_address,
    release_ip_address: release_ip_address,
}

/// The user name that makes every handler panic.
const PANIC_USER: &str = "panic";

fn accept(event: AcceptEvent<'_>) -> bool {
    let user = event.port().user_name();
    if user == PANIC_USER {
        panic!("accept: panic requested by the user name");
    }
    // Windows account names compare without case: MALLORY is mallory.
    let accepted = !user.eq_ignore_case("mallory");
    let mut fields = describe("accept", event.port(), event.statistics(), event.params());
    fields.push(field("accepted", accepted));
    record(&fields);
    accepted
}

fn hangup(event: HangupEvent<'_>) {
    if event.port().user_name() == PANIC_USER {
        panic!("hangup: panic requested by the user name");
    }
    HANGUPS.fetch_add(1, Ordering::SeqCst);
    record(&describe(
        "hangup",
        event.port(),
        event.statistics(),
        event.params(),
    ));
}

fn get_ip_address(request: GetIpAddressEvent<'_>) -> Result<IpAssignment, ErrorCode> {
    if request.user() == PANIC_USER {
        panic!("get_ip_address: panic requested by the user name");
    }
    let answer = if request.user() == "alice" {
        Ok(IpAssignment::new(Ipv4Addr::new(192, 168, 7, 21)).notify_on_release())
    } else if request.user() == "nobody" {
        Err(ErrorCode::ACCESS_DENIED)
    } else {
        request
            .proposed()
            .map(IpAssignment::new)
            .ok_or(ErrorCode::ACCESS_DENIED)
    };
    let proposed = request
        .proposed()
        .map_or_else(|| "none".to_owned(), |a| a.to_string());
    let mut fields = vec![
        field("kind", "get_ip_address"),
        field("user", request.user()),
        field("port", request.port()),
        field("proposed", proposed),
    ];
    match answer {
        Ok(a) => {
            fields.push(field("assigned", a.address));
            fields.push(field("notify_release", a.notify_release));
        }
        Err(code) => fields.push(field("refused", code.get())),
    }
    record(&fields);
    answer
}

fn release_ip_address(release: ReleaseIpAddressEvent<'_>) {
    if release.user() == PANIC_USER {
        panic!("release_ip_address: panic requested by the user name");
    }
    record(&[
        field("kind", "release_ip_address"),
        field("user", release.user()),
        field("port", release.port()),
        field("address", release.address()),
    ]);
}

fn on_error(error: &ExportError) {
    ERRORS.fetch_add(1, Ordering::SeqCst);
    record(&[
        field("kind", "error"),
        field("callback", error.callback()),
        // `malformed`, `unterminated` or `panicked`.
        field("variant", error.name()),
        field("message", error),
    ]);
}

/// The fields of an accept or hang-up event.
fn describe(
    kind: &str,
    port: Port<'_>,
    stats: Statistics<'_>,
    params: Params<'_>,
) -> Vec<(String, String)> {
    let mut fields = vec![field("kind", kind)];
    fields.push(field("user", port.user_name()));
    fields.push(field("port", port.port_name()));
    fields.push(field("flags", format_args!("{:#x}", port.flags().bits())));
    fields.push(field("start", port.start_time_raw()));
    let duration = port.duration_until(SystemTime::now());
    fields.push(field(
        "duration",
        duration.map_or_else(|| "negative".to_owned(), |d| d.as_secs().to_string()),
    ));
    counters(&mut fields, "conn", &stats.connection());
    counters(&mut fields, "port", &stats.this_port());
    fields.push(field("params", params.len()));
    for (n, param) in params.enumerate() {
        let value = match param.value() {
            Ok(ParamValue::Number(v)) => format!("number:{v}"),
            Ok(ParamValue::String(s)) => format!("string:{}", escape(s)),
            Ok(_) => "unknown".to_owned(),
            Err(e) => format!("error:{e}"),
        };
        fields.push((format!("param{n}.key"), escape(param.key())));
        fields.push((format!("param{n}.value"), value));
    }
    fields
}

fn counters(fields: &mut Vec<(String, String)>, prefix: &str, c: &Counters) {
    let all = [
        ("bytes_sent", c.bytes_sent),
        ("bytes_received", c.bytes_received),
        ("frames_sent", c.frames_sent),
        ("frames_received", c.frames_received),
        ("crc_errors", c.crc_errors),
        ("timeout_errors", c.timeout_errors),
        ("alignment_errors", c.alignment_errors),
        ("hardware_overrun_errors", c.hardware_overrun_errors),
        ("framing_errors", c.framing_errors),
        ("buffer_overrun_errors", c.buffer_overrun_errors),
        ("bytes_sent_uncompressed", c.bytes_sent_uncompressed),
        ("bytes_received_uncompressed", c.bytes_received_uncompressed),
        ("bytes_sent_compressed", c.bytes_sent_compressed),
        ("bytes_received_compressed", c.bytes_received_compressed),
    ];
    for (name, value) in all {
        fields.push((format!("{prefix}.{name}"), value.to_string()));
    }
}

fn field(key: &str, value: impl std::fmt::Display) -> (String, String) {
    (key.to_owned(), value.to_string())
}

/// Printable ASCII as is; `\` and everything else as `\xNN`.
fn escape(bytes: &[u8]) -> String {
    let mut out = String::new();
    for &b in bytes {
        if (0x20..0x7f).contains(&b) && b != b'\\' {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "\\x{b:02x}");
        }
    }
    out
}

// ---------------------------------------------------------------------------
// What the test host reads back.

struct Record {
    text: String,
    events: u32,
}

static RECORD: Mutex<Record> = Mutex::new(Record {
    text: String::new(),
    events: 0,
});
static HANGUPS: AtomicU32 = AtomicU32::new(0);
static ERRORS: AtomicU32 = AtomicU32::new(0);

/// Appends one event's fields as one block under the lock, so the lines of
/// concurrent events never interleave.
fn record(fields: &[(String, String)]) {
    let mut record = RECORD.lock().unwrap_or_else(PoisonError::into_inner);
    let n = record.events;
    record.events += 1;
    for (key, value) in fields {
        let _ = writeln!(record.text, "e{n}.{key}={value}");
    }
}

/// Copies the record into `buf` (at most `cap - 1` bytes plus a NUL) and
/// returns the record's full length in bytes.
///
/// # Safety
///
/// `buf` must be null or valid for writes of `cap` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn RassapiExampleObserved(buf: *mut u8, cap: u32) -> u32 {
    let record = RECORD.lock().unwrap_or_else(PoisonError::into_inner);
    let text = record.text.as_bytes();
    let cap = usize::try_from(cap).unwrap_or(usize::MAX);
    if !buf.is_null() && cap > 0 {
        let n = text.len().min(cap - 1);
        // SAFETY: the caller guarantees `cap` writable bytes at `buf`;
        // n + 1 <= cap, and `text` is our own buffer, distinct from `buf`.
        unsafe {
            std::ptr::copy_nonoverlapping(text.as_ptr(), buf, n);
            buf.add(n).write(0);
        }
    }
    u32::try_from(text.len()).unwrap_or(u32::MAX)
}

/// How many times the hang-up handler has run.
#[unsafe(no_mangle)]
pub extern "system" fn RassapiExampleHangupCount() -> u32 {
    HANGUPS.load(Ordering::SeqCst)
}

/// How many times the error hook has run.
#[unsafe(no_mangle)]
pub extern "system" fn RassapiExampleErrorCount() -> u32 {
    ERRORS.load(Ordering::SeqCst)
}
