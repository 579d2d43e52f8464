//! One benchmark workload per process, for instruction counts under
//! `valgrind --tool=callgrind` (driven by `scripts/bench-callgrind`).
//!
//! ```text
//! callgrind <workload> <iterations>
//! callgrind --list
//! ```
//!
//! Workloads: `view-safe-N` / `view-raw-N` (N = 1, 8, 64: the whole event
//! read through `HangupEvent` or raw pointers), `utf16-<variant>-<case>`
//! (variant `display`, `count`, `chars` or `lossy`; case as in
//! `benches/view.rs`), `lookup-{safe,swar,raw}-<keys>-N` (`param(key)`, its
//! word-at-a-time no-SSE form, or the `_stricmp` loop for the last of N
//! keys; keys `same_len` or `ras`).
//! Setup runs whatever the iteration count, so a run with 0 iterations is
//! the baseline to subtract. Under `cargo bench` (arguments such as
//! `--bench`) it does nothing.

mod common;

use common::{
    LOOKUP_KEYS, LOOKUP_SIZES, VIEW_SIZES, lookup_event, lookup_raw, lookup_safe, lookup_swar,
    multilink_event, read_raw, read_safe, utf16_cases, utf16_chars, utf16_count, utf16_display,
    utf16_lossy,
};
use rassapi::HangupEvent;
use std::ffi::CString;
use std::hint::black_box;
use std::process::ExitCode;

fn workloads() -> Vec<String> {
    let mut names = Vec::new();
    for n in VIEW_SIZES {
        names.push(format!("view-safe-{n}"));
        names.push(format!("view-raw-{n}"));
    }
    for case in utf16_cases() {
        for variant in ["display", "count", "chars", "lossy"] {
            names.push(format!("utf16-{variant}-{}", case.name));
        }
    }
    for keys in LOOKUP_KEYS {
        for n in LOOKUP_SIZES {
            names.push(format!("lookup-safe-{keys}-{n}"));
            names.push(format!("lookup-swar-{keys}-{n}"));
            names.push(format!("lookup-raw-{keys}-{n}"));
        }
    }
    names
}

fn run_view(safe: bool, n: usize, iterations: u64) -> u64 {
    let mut event = multilink_event(n);
    let (port, stats, params) = event.as_raw();
    let (port, stats, params) = (port.cast_const(), stats.cast_const(), params.cast_const());
    let mut acc = 0u64;
    for _ in 0..iterations {
        // SAFETY: `event` lives, unchanged, until the end of the function.
        let h = unsafe {
            if safe {
                read_safe(black_box(port), black_box(stats), black_box(params))
            } else {
                read_raw(black_box(port), black_box(stats), black_box(params))
            }
        };
        acc = acc.wrapping_add(black_box(h));
    }
    acc
}

fn run_utf16(variant: &str, case_name: &str, iterations: u64) -> Option<u64> {
    let case = utf16_cases().into_iter().find(|c| c.name == case_name)?;
    let fields = (case.fields)(&case.port);
    let mut buf = String::with_capacity(1024);
    let mut acc = 0usize;
    // One loop per variant, so no indirect call is counted.
    match variant {
        "display" => (0..iterations)
            .for_each(|_| acc = acc.wrapping_add(utf16_display(black_box(&fields), &mut buf))),
        "count" => {
            (0..iterations).for_each(|_| acc = acc.wrapping_add(utf16_count(black_box(&fields))))
        }
        "chars" => (0..iterations)
            .for_each(|_| acc = acc.wrapping_add(utf16_chars(black_box(&fields), &mut buf))),
        "lossy" => {
            (0..iterations).for_each(|_| acc = acc.wrapping_add(utf16_lossy(black_box(&fields))))
        }
        _ => return None,
    }
    Some(black_box(acc) as u64)
}

fn run_lookup(kind: &str, keys: &str, n: usize, iterations: u64) -> Option<u64> {
    if !LOOKUP_KEYS.contains(&keys) || n == 0 {
        return None;
    }
    let (mut event, key) = lookup_event(keys, n);
    let c_key = CString::new(key.as_str()).ok()?;
    let (port, stats, params) = event.as_raw();
    let (port, stats, params) = (port.cast_const(), stats.cast_const(), params.cast_const());
    // SAFETY: `event` lives, unchanged, until the end of the function.
    let view = unsafe { HangupEvent::from_raw(port, stats, params) }.ok()?;
    let mut acc = 0u64;
    for _ in 0..iterations {
        let found = match kind {
            "safe" => lookup_safe(black_box(view), black_box(&key)),
            "swar" => lookup_swar(black_box(view), black_box(&key)),
            // SAFETY: as above.
            _ => unsafe { lookup_raw(black_box(port), black_box(params), black_box(&c_key)) },
        };
        acc = acc.wrapping_add(black_box(found).map_or(u64::MAX, |i| i as u64));
    }
    Some(acc)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (workload, iterations) = match args.as_slice() {
        [w, n] if !w.starts_with('-') => match n.parse::<u64>() {
            Ok(n) => (w.as_str(), n),
            Err(_) => {
                eprintln!("callgrind: iterations must be a number, got {n:?}");
                return ExitCode::from(2);
            }
        },
        [flag] if flag == "--list" => {
            workloads().iter().for_each(|w| println!("{w}"));
            return ExitCode::SUCCESS;
        }
        // `cargo bench` runs every bench target with `--bench`: nothing to do.
        _ => {
            eprintln!("usage: callgrind <workload> <iterations> | --list");
            return ExitCode::SUCCESS;
        }
    };
    let result = if let Some(rest) = workload.strip_prefix("view-") {
        let parsed = rest
            .split_once('-')
            .and_then(|(kind, n)| Some((kind, n.parse::<usize>().ok()?)));
        match parsed {
            Some(("safe", n)) => Some(run_view(true, n, iterations)),
            Some(("raw", n)) => Some(run_view(false, n, iterations)),
            _ => None,
        }
    } else if let Some(rest) = workload.strip_prefix("lookup-") {
        match rest.splitn(3, '-').collect::<Vec<_>>().as_slice() {
            [kind @ ("safe" | "swar" | "raw"), keys, n] => n
                .parse()
                .ok()
                .and_then(|n| run_lookup(kind, keys, n, iterations)),
            _ => None,
        }
    } else if let Some(rest) = workload.strip_prefix("utf16-") {
        rest.split_once('-')
            .and_then(|(variant, case)| run_utf16(variant, case, iterations))
    } else {
        None
    };
    match result {
        Some(acc) => {
            println!("{workload} x {iterations}: checksum {acc:#x}");
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("callgrind: unknown workload {workload:?}; try --list");
            ExitCode::from(2)
        }
    }
}
