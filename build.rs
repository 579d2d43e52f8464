//! Puts the raw bindings for the target's pointer width into `$OUT_DIR`.
//!
//! By default the checked-in copy from `src/sys/generated/` is used, so
//! building needs nothing but rustc. With the `buildtime_bindgen` feature
//! bindgen runs over `wrapper.h` instead (needs libclang); the environment
//! variable `RASSAPI_PREGENERATED=1` forces the checked-in copy even then.
//! Either way the bindings describe the Windows ABI of the *target*, never
//! the build host.

#[cfg(feature = "buildtime_bindgen")]
#[path = "build/bindings.rs"]
mod bindings;
#[path = "build/width.rs"]
mod width;

use std::{env, fs, path::PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=build/bindings.rs");
    println!("cargo:rerun-if-changed=src/sys/generated");
    println!("cargo:rerun-if-env-changed=RASSAPI_PREGENERATED");

    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out = PathBuf::from(env::var("OUT_DIR").expect("set by cargo")).join("bindings.rs");
    let bits = env::var("CARGO_CFG_TARGET_POINTER_WIDTH").expect("set by cargo");
    let width = width::Width::from_cargo(&bits)
        .unwrap_or_else(|| panic!("rassapi: no Windows ABI has {bits}-bit pointers"));

    if generate_with_bindgen(&root, width, &out) {
        return;
    }
    let pregenerated = root.join("src/sys/generated").join(width.file_name());
    fs::copy(&pregenerated, &out)
        .unwrap_or_else(|e| panic!("copying {}: {e}", pregenerated.display()));
}

#[cfg(feature = "buildtime_bindgen")]
fn generate_with_bindgen(
    root: &std::path::Path,
    width: width::Width,
    out: &std::path::Path,
) -> bool {
    if env::var_os("RASSAPI_PREGENERATED").is_some_and(|v| v != "0") {
        return false;
    }
    println!("cargo:rerun-if-changed=wrapper.h");
    println!("cargo:rerun-if-changed=include/rassapi.h");
    require_libclang();
    let text = bindings::generate(root, width);
    fs::write(out, text).unwrap_or_else(|e| panic!("writing {}: {e}", out.display()));
    true
}

/// Loads libclang the way bindgen will (the same clang-sys search: only
/// `LIBCLANG_PATH` when set, else `llvm-config` and the usual directories),
/// so a missing libclang stops the build with the ways out, instead of
/// bindgen's bare "Unable to find libclang" panic.
#[cfg(feature = "buildtime_bindgen")]
fn require_libclang() {
    println!("cargo:rerun-if-env-changed=LIBCLANG_PATH");
    if let Err(why) = clang_sys::load() {
        let help = [
            "rassapi: feature `buildtime_bindgen` runs bindgen, which needs libclang, and none was found:".to_owned(),
            format!("  {why}"),
            "Either install it (Debian/Ubuntu: apt-get install libclang-dev) or point LIBCLANG_PATH at the".to_owned(),
            "directory holding libclang.so / libclang.dll, or use the checked-in bindings: set".to_owned(),
            "RASSAPI_PREGENERATED=1 (or build without `buildtime_bindgen`).".to_owned(),
        ];
        for line in &help {
            println!("cargo:warning={line}");
        }
        eprintln!("{}", help.join("\n"));
        std::process::exit(1);
    }
}

#[cfg(not(feature = "buildtime_bindgen"))]
fn generate_with_bindgen(_: &std::path::Path, _: width::Width, _: &std::path::Path) -> bool {
    false
}
