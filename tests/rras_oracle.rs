//! Oracle tier for the RRAS side: `mprapi.h` as mingw-w64 declares it.
//!
//! * Every size, alignment and field offset in `src/rras/layout.rs` (which
//!   the compiler checks against `windows-sys`'s Rust layout on the width
//!   being built) equals clang's number from mingw-w64's `<mprapi.h>`, for
//!   `i686-w64-mingw32` and `x86_64-w64-mingw32`; on this (x86_64) host the
//!   Rust layout is also compared directly.
//! * Every `MprAdmin*` callback of the table has mingw's stdcall decoration
//!   `_Name@<4 * arg_count>` on i686, and the table's parameter count
//!   matches mingw's prototype.
//!
//! Needs `clang-14` and the mingw-w64 headers:
//! `apt-get install clang-14 mingw-w64-common`.
#![cfg(feature = "oracle")]

use std::path::{Path, PathBuf};
use std::process::Command;

use rassapi::rras::__private::LAYOUT;
use rassapi::rras::RrasCallback;

const MINGW_INCLUDE: &str = "/usr/share/mingw-w64/include";
const TARGETS: [&str; 2] = ["i686-w64-mingw32", "x86_64-w64-mingw32"];
// RAS_CONNECTION_3 and the `3` callbacks are behind _WIN32_WINNT >= 0x0600.
const PRELUDE: &str = "#define _WIN32_WINNT 0x0601\n#include <windows.h>\n#include <lmcons.h>\n#include <stddef.h>\n#include <mprapi.h>\n";

fn clang(target: &str, source: &str, name: &str) -> String {
    assert!(
        Path::new(MINGW_INCLUDE).join("mprapi.h").exists(),
        "{MINGW_INCLUDE}/mprapi.h is missing: apt-get install mingw-w64-common"
    );
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("rras-oracle");
    std::fs::create_dir_all(&dir).unwrap();
    let c = dir.join(format!("{name}-{target}.c"));
    std::fs::write(&c, source).unwrap();
    let out = Command::new("clang-14")
        .args(["-target", target, "-S", "-o", "-", "-w", "-nostdinc"])
        .args([
            "-isystem",
            "/usr/lib/clang/14/include",
            "-isystem",
            MINGW_INCLUDE,
        ])
        .arg(&c)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run clang-14 ({e}); install it: apt-get install clang-14 mingw-w64-common"
            )
        });
    assert!(
        out.status.success(),
        "clang-14 failed on {}:\n{}",
        c.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn quads(asm: &str) -> Vec<usize> {
    asm.lines()
        .filter_map(|l| l.trim().strip_prefix(".quad"))
        .map(|v| {
            v.split_whitespace()
                .next()
                .and_then(|n| n.parse().ok())
                .expect("numeric .quad")
        })
        .collect()
}

#[test]
fn every_mprapi_layout_fact_matches_mingw_on_both_widths() {
    let mut c = format!("{PRELUDE}unsigned long long layout[] = {{\n");
    let mut labels = Vec::new();
    for (ty, _, _, fields) in LAYOUT {
        c.push_str(&format!("sizeof({ty}), _Alignof({ty}),\n"));
        labels.push(format!("size_of::<{ty}>"));
        labels.push(format!("align_of::<{ty}>"));
        for (field, _) in *fields {
            c.push_str(&format!("offsetof({ty}, {field}),\n"));
            labels.push(format!("offset_of!({ty}, {field})"));
        }
    }
    c.push_str("};\n");
    let mut compared = 0;
    for (width, target) in TARGETS.iter().enumerate() {
        let clang = quads(&clang(target, &c, "layout"));
        assert_eq!(
            clang.len(),
            labels.len(),
            "{target}: wrong number of values"
        );
        let ours: Vec<usize> = LAYOUT
            .iter()
            .flat_map(|(_, size, align, fields)| {
                [size[width], align[width]]
                    .into_iter()
                    .chain(fields.iter().map(move |(_, o)| o[width]))
            })
            .collect();
        for ((label, c), r) in labels.iter().zip(&clang).zip(&ours) {
            assert_eq!(
                c, r,
                "{target}: {label}: clang says {c}, src/rras/layout.rs {r}"
            );
            compared += 1;
        }
    }
    // 17 structures, 129 fields: every one on both widths.
    assert!(compared > 2 * 17 * 3, "only {compared} facts compared");
}

/// The host build is x86_64: its Rust layout is the x86_64 column, checked
/// here at run time too (the const asserts do it at compile time).
#[test]
#[cfg(target_arch = "x86_64")]
fn host_rust_layout_is_the_x86_64_column() {
    use rassapi::rras::mprapi::*;
    use std::mem::{align_of, offset_of, size_of};
    let (_, size, align, fields) = LAYOUT
        .iter()
        .find(|(t, ..)| *t == "RAS_CONNECTION_0")
        .unwrap();
    assert_eq!(size_of::<RAS_CONNECTION_0>(), size[1]);
    assert_eq!(align_of::<RAS_CONNECTION_0>(), align[1]);
    let user = fields.iter().find(|(f, _)| *f == "wszUserName").unwrap().1;
    assert_eq!(offset_of!(RAS_CONNECTION_0, wszUserName), user[1]);
    let (_, size, ..) = LAYOUT
        .iter()
        .find(|(t, ..)| *t == "RAS_CONNECTION_3")
        .unwrap();
    assert_eq!(size_of::<RAS_CONNECTION_3>(), size[1]);
    let (_, size, ..) = LAYOUT.iter().find(|(t, ..)| *t == "RAS_PORT_0").unwrap();
    assert_eq!(size_of::<RAS_PORT_0>(), size[1]);
}

#[test]
fn every_callback_has_mingws_stdcall_decoration_on_i686() {
    let mut c = String::from(PRELUDE);
    for (i, cb) in RrasCallback::ALL.iter().enumerate() {
        c.push_str(&format!(
            "void *take_{i}(void) {{ return (void *)&{}; }}\n",
            cb.export_name()
        ));
    }
    let asm = clang("i686-w64-mingw32", &c, "decorations");
    for cb in RrasCallback::ALL {
        let want = format!("_{}@{}", cb.export_name(), 4 * cb.arg_count());
        let found = asm
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '@'))
            .find(|tok| tok.starts_with(&format!("_{}@", cb.export_name())))
            .unwrap_or_else(|| panic!("no stdcall symbol for {cb} in mingw's <mprapi.h>"));
        assert_eq!(
            found, want,
            "{cb}: mingw's prototype and our table disagree"
        );
    }
}
