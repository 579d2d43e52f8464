//! The demo: hand each connection to the real hang-up export, as RAS would,
//! then show what the hook logged.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::SystemTime;

use rassapi::HangupEvent;
use rassapi::export::ExportError;

use crate::log_writer::{LogWriter, QUEUE_CAPACITY};
use crate::record::Record;
use crate::sessions::demo_sessions;
use crate::table;
use crate::time::unix_secs;

// -- The hook, as in examples/accounting_dll.rs ------------------------------

/// The log every call appends to; opened by `run`.
static LOG: OnceLock<LogWriter> = OnceLock::new();
/// Demo only: the records, kept to print the table.
static SEEN: Mutex<Vec<Record>> = Mutex::new(Vec::new());

fn seen() -> MutexGuard<'static, Vec<Record>> {
    // A panic elsewhere must not stop the records from being kept.
    SEEN.lock().unwrap_or_else(PoisonError::into_inner)
}

fn log() -> &'static LogWriter {
    LOG.get_or_init(|| LogWriter::start(default_log_path(), QUEUE_CAPACITY))
}

/// `rassapi-accounting.jsonl` in the temp directory.
pub fn default_log_path() -> PathBuf {
    std::env::temp_dir().join("rassapi-accounting.jsonl")
}

/// Called once per port; RAS may call it from several threads at once,
/// which is fine: `Record` is built from this call's data only and
/// `LogWriter::append` takes `&self` and never waits.
fn on_hangup(event: HangupEvent<'_>) {
    let record = Record::from_hangup(&event, SystemTime::now());
    log().append(record.to_json());
    seen().push(record);
}

/// Called instead of `on_hangup` when RAS's data cannot be read (or
/// `on_hangup` panicked).
fn on_error(error: &ExportError) {
    let record = Record::from_export_error(error, SystemTime::now());
    log().append(record.to_json());
    seen().push(record);
}

// Defines `RasAdminConnectionHangupNotification`, the function RAS calls.
rassapi::export_hangup!(on_hangup, on_error = on_error);

// -- Driving it ---------------------------------------------------------------

/// Runs the demo, appending to the log at `log_path`, and prints to `out`.
/// The log is opened once per process: a second `run` keeps the first path.
pub fn run(log_path: &Path, out: &mut dyn Write) -> io::Result<()> {
    let log = LOG.get_or_init(|| LogWriter::start(log_path.to_owned(), QUEUE_CAPACITY));
    let now = u32::try_from(unix_secs(SystemTime::now())).unwrap_or(u32::MAX);

    writeln!(
        out,
        "Calling RasAdminConnectionHangupNotification as RAS would, for:"
    )?;
    for session in demo_sessions(now) {
        writeln!(out, "  - {}", session.what)?;
        for mut event in session.events {
            let (port, stats, params) = event.as_raw();
            // SAFETY: `event` owns the three structures, laid out as RAS
            // lays them out, and outlives the call.
            unsafe { RasAdminConnectionHangupNotification(port, stats, params) };
        }
    }
    log.flush(); // only so that the counts below are final

    let records = std::mem::take(&mut *seen());
    writeln!(out, "\n{}", table::render(&records))?;
    writeln!(out, "JSON lines appended to {}:", log.path().display())?;
    for record in &records {
        writeln!(out, "{}", record.to_json())?;
    }
    let (written, dropped, failed) = (log.written(), log.dropped(), log.failed());
    writeln!(
        out,
        "\n{written} written, {dropped} dropped (queue full), {failed} failed"
    )?;
    if let Some(error) = log.last_error() {
        writeln!(out, "last log error: {error}")?;
    }
    Ok(())
}
