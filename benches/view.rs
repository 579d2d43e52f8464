//! Criterion benchmarks of the safe layer (issue 7).
//!
//! * `view/{safe,raw}/N`: a multilink hang-up event with N media parameters
//!   read in full through `HangupEvent::from_raw` and the non-allocating
//!   accessors, and through hand-written pointer code doing the same work
//!   (see `benches/common/mod.rs`). Target: safe <= 1.05x raw.
//! * `utf16/<variant>/<case>`: the fixed `WCHAR` fields decoded by our
//!   `Display` (into a reused `String` or a counting sink) or `chars_lossy`,
//!   against `String::from_utf16_lossy`. Target: ours <= 1.0x.
//! * `param_lookup_<keys>/{safe,raw}/N`: `event.param(key)` for the last of
//!   N keys, against the `_stricmp` loop a C hook would write; `keys` is
//!   `same_len` (every key compared in full: the worst case) or `ras`.
//!
//! `cargo bench --bench view -- --warm-up-time 1 --measurement-time 3`;
//! `scripts/bench-wall` runs that and prints each ratio to its baseline.
//! Instruction counts of the same workloads: `scripts/bench-callgrind`.

mod common;

use common::{
    LOOKUP_KEYS, LOOKUP_SIZES, VIEW_SIZES, lookup_event, lookup_raw, lookup_safe, lookup_swar,
    multilink_event, read_raw, read_safe, utf16_cases, utf16_chars, utf16_count, utf16_display,
    utf16_lossy,
};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use rassapi::HangupEvent;
use std::ffi::CString;
use std::hint::black_box;

fn view(c: &mut Criterion) {
    let mut group = c.benchmark_group("view");
    for n in VIEW_SIZES {
        let mut event = multilink_event(n);
        let (port, stats, params) = event.as_raw();
        let (port, stats, params) = (port.cast_const(), stats.cast_const(), params.cast_const());
        // SAFETY: `event` outlives the loop and is not written meanwhile.
        let (safe, raw) = unsafe {
            (
                read_safe(port, stats, params),
                read_raw(port, stats, params),
            )
        };
        assert_eq!(safe, raw, "safe and raw readers disagree for {n} params");
        assert_ne!(safe, 0);
        group.throughput(Throughput::Elements(1));
        group.bench_with_input(BenchmarkId::new("safe", n), &n, |b, _| {
            // SAFETY: as above.
            b.iter(|| unsafe { read_safe(black_box(port), black_box(stats), black_box(params)) })
        });
        group.bench_with_input(BenchmarkId::new("raw", n), &n, |b, _| {
            // SAFETY: as above.
            b.iter(|| unsafe { read_raw(black_box(port), black_box(stats), black_box(params)) })
        });
    }
    group.finish();
}

fn utf16(c: &mut Criterion) {
    let mut group = c.benchmark_group("utf16");
    for case in utf16_cases() {
        let fields = (case.fields)(&case.port);
        let mut buf = String::with_capacity(1024);
        let expect = utf16_lossy(&fields);
        assert_eq!(utf16_display(&fields, &mut buf), expect);
        assert_eq!(utf16_count(&fields), expect);
        assert_eq!(utf16_chars(&fields, &mut buf), expect);
        let units: usize = fields
            .iter()
            .map(|f| rassapi::WideStr::new(f).as_units().len())
            .sum();
        group.throughput(Throughput::Elements(units as u64));
        group.bench_function(BenchmarkId::new("display_string", case.name), |b| {
            b.iter(|| utf16_display(black_box(&fields), &mut buf))
        });
        group.bench_function(BenchmarkId::new("display_count", case.name), |b| {
            b.iter(|| utf16_count(black_box(&fields)))
        });
        group.bench_function(BenchmarkId::new("chars_lossy", case.name), |b| {
            b.iter(|| utf16_chars(black_box(&fields), &mut buf))
        });
        group.bench_function(BenchmarkId::new("from_utf16_lossy", case.name), |b| {
            b.iter(|| utf16_lossy(black_box(&fields)))
        });
    }
    group.finish();
}

fn param_lookup(c: &mut Criterion) {
    for keys in LOOKUP_KEYS {
        let mut group = c.benchmark_group(format!("param_lookup_{keys}"));
        for n in LOOKUP_SIZES {
            let (mut event, key) = lookup_event(keys, n);
            let c_key = CString::new(key.as_str()).expect("no NUL in key");
            let (port, stats, params) = event.as_raw();
            let (port, stats, params) =
                (port.cast_const(), stats.cast_const(), params.cast_const());
            // SAFETY: `event` outlives the view and the loops and is not
            // written meanwhile.
            let view = unsafe { HangupEvent::from_raw(port, stats, params) }.expect("valid event");
            assert_eq!(lookup_safe(view, &key), Some(n - 1));
            assert_eq!(lookup_swar(view, &key), Some(n - 1));
            // SAFETY: as above.
            assert_eq!(unsafe { lookup_raw(port, params, &c_key) }, Some(n - 1));
            group.bench_with_input(BenchmarkId::new("safe", n), &n, |b, _| {
                b.iter(|| lookup_safe(black_box(view), black_box(&key)))
            });
            group.bench_with_input(BenchmarkId::new("swar", n), &n, |b, _| {
                b.iter(|| lookup_swar(black_box(view), black_box(&key)))
            });
            group.bench_with_input(BenchmarkId::new("raw", n), &n, |b, _| {
                // SAFETY: as above.
                b.iter(|| unsafe {
                    lookup_raw(black_box(port), black_box(params), black_box(&c_key))
                })
            });
        }
        group.finish();
    }
}

criterion_group!(benches, view, utf16, param_lookup);
criterion_main!(benches);
