//! Oracle tier: the checked-in bindings equal a fresh bindgen run.
//!
//! Needs libclang (`apt-get install libclang-dev`); run by `scripts/test`
//! through `cargo test --features oracle`. `RASSAPI_BLESS=1` rewrites the
//! checked-in files instead of comparing (that is `scripts/regen-bindings`).
#![cfg(feature = "oracle")]

#[path = "../build/bindings.rs"]
mod bindings;
#[path = "../build/width.rs"]
mod width;

use bindings::generate;
use std::path::Path;
use width::Width;

#[test]
fn checked_in_bindings_match_a_fresh_bindgen_run() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bless = std::env::var_os("RASSAPI_BLESS").is_some_and(|v| v != "0");
    for width in Width::ALL {
        let fresh = generate(root, width);
        let path = root.join("src/sys/generated").join(width.file_name());
        if bless {
            std::fs::write(&path, &fresh).unwrap();
            continue;
        }
        let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            checked_in == fresh,
            "{} differs from a fresh bindgen run; run scripts/regen-bindings and commit the result",
            path.display()
        );
    }
}
