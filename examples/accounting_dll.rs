//! The accounting hook of `examples/accounting/` as a real RAS admin DLL:
//! it implements `RasAdminConnectionHangupNotification` and appends one JSON
//! line per hang-up (one per port of a multilink connection) to
//!
//! * `%SystemRoot%\System32\LogFiles\rassapi-accounting.jsonl`, or
//! * the file named by the environment variable `RASSAPI_ACCOUNTING_LOG`.
//!   RAS runs as a service, so set it as a *system* variable; services see a
//!   changed system environment only after a restart of Windows.
//!
//! ```text
//! cargo build --release --example accounting_dll --target x86_64-pc-windows-gnu
//! ```
//!
//! then register `accounting_dll.dll` (see the README's registration
//! section) and restart the Remote Access service. Try the hook on any OS
//! with `cargo run --example accounting`.
//!
//! `admin_dll!` exports the other three callbacks too, with their neutral
//! defaults (accept everyone, keep RAS's IP address, ignore releases): NT
//! 4.0's RAS refuses to start with an admin DLL that lacks any of the four.
//!
//! The RAS thread only builds the record and queues its line; a background
//! thread (started on the first hang-up, not in `DllMain`) writes it. If the
//! disk falls behind by more than `QUEUE_CAPACITY` lines, new lines are
//! dropped rather than waited for. The DLL stays loaded while RAS runs; lines
//! still queued when the service stops are lost.

#[path = "accounting/json.rs"]
mod json;
// The demo also uses `flush` and the counters; the DLL does not.
#[allow(dead_code)]
#[path = "accounting/log_writer.rs"]
mod log_writer;
#[path = "accounting/record.rs"]
mod record;
#[path = "accounting/time.rs"]
mod time;

use std::path::PathBuf;
use std::sync::LazyLock;
use std::time::SystemTime;

use rassapi::HangupEvent;
use rassapi::export::ExportError;

use log_writer::{LogWriter, QUEUE_CAPACITY};
use record::Record;

/// The log, opened (and its thread started) on the first hang-up.
static LOG: LazyLock<LogWriter> = LazyLock::new(|| LogWriter::start(log_path(), QUEUE_CAPACITY));

fn log_path() -> PathBuf {
    if let Some(path) = std::env::var_os("RASSAPI_ACCOUNTING_LOG") {
        return PathBuf::from(path);
    }
    let root = std::env::var_os("SystemRoot").unwrap_or_else(|| r"C:\Windows".into());
    PathBuf::from(root).join(r"System32\LogFiles\rassapi-accounting.jsonl")
}

/// Called by RAS once per port when a connection ends, possibly from
/// several threads at once: builds the record and queues it, nothing more.
fn on_hangup(event: HangupEvent<'_>) {
    LOG.append(Record::from_hangup(&event, SystemTime::now()).to_json());
}

/// Called instead when RAS's data cannot be read, or `on_hangup` panicked:
/// the log still gets a line saying so.
fn on_error(error: &ExportError) {
    LOG.append(Record::from_export_error(error, SystemTime::now()).to_json());
}

rassapi::admin_dll! {
    on_error: on_error,
    hangup: on_hangup,
}
