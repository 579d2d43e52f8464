//! An accounting admin DLL's hang-up hook, run on any OS with the test
//! builder standing in for RAS:
//!
//! ```text
//! cargo run --example accounting [-- --log PATH]
//! ```
//!
//! Each hang-up becomes one JSON line in an append-only log (by default
//! `rassapi-accounting.jsonl` in the temp directory). The same hook built as
//! a Windows DLL is `examples/accounting_dll.rs`.
//!
//! | file            | what                                                     |
//! |-----------------|----------------------------------------------------------|
//! | `record.rs`     | the accounting record, built from a `HangupEvent`        |
//! | `json.rs`       | JSON output and string escaping                          |
//! | `time.rs`       | RFC 3339 timestamps                                      |
//! | `log_writer.rs` | the log, written by a background thread                  |
//! | `demo.rs`       | the hook and its export, driven as RAS would drive them  |
//! | `sessions.rs`   | the demo's connections, made with `rassapi::testing`     |
//! | `table.rs`      | the table printed at the end                             |

mod demo;
mod json;
mod log_writer;
mod record;
mod sessions;
mod table;
mod time;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: accounting [--log PATH]

Runs an accounting hang-up hook over a few simulated RAS connections and
appends one JSON line per hang-up to PATH (default: rassapi-accounting.jsonl
in the temp directory).";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut log = demo::default_log_path();
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--log", Some(path)) => log = PathBuf::from(path),
            ("-h" | "--help", _) => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    match demo::run(&log, &mut std::io::stdout().lock()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("accounting: {e}");
            ExitCode::FAILURE
        }
    }
}
