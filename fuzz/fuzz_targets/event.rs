//! Arbitrary bytes as the pointer triple of a hang-up / accept event, through
//! `HangupEvent` / `AcceptEvent` (`from_raw` and `new`), every accessor
//! checked against an independent reading of the bytes. See `src/lib.rs`
//! for how the input is laid out.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rassapi_fuzz::run(data));
