//! Oracle tier: the raw layer against the independent mingw-w64 `rassapi.h`.
//!
//! Every size, alignment and field offset that the checked-in bindings
//! assert at compile time (for both pointer widths), and every constant, is
//! compared with the number clang computes from mingw-w64's header for
//! `i686-w64-mingw32` and `x86_64-w64-mingw32`. The Rust compiler proves the
//! bindings' numbers equal the Rust layout (the x86_64 file in this very
//! build, the i686 file in the i686 cross build), so together this proves
//! Rust layout == C layout on both widths.
//!
//! It also compiles our own header against mingw's `windows.h` (it must be a
//! usable C header) and checks every function's x86 stdcall decoration
//! (`_Name@bytes`) against mingw's prototypes, or, for the three functions
//! mingw lacks, against the documented argument sizes.
//!
//! Needs `clang-14` and the mingw-w64 headers:
//! `apt-get install clang-14 mingw-w64-common`. Run by `scripts/test`.
#![cfg(feature = "oracle")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const MINGW_INCLUDE: &str = "/usr/share/mingw-w64/include";
const TARGETS: [(&str, &str); 2] = [
    ("windows_32.rs", "i686-w64-mingw32"),
    ("windows_64.rs", "x86_64-w64-mingw32"),
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// What the generated bindings say about one width.
#[derive(Debug, Default)]
struct RustFacts {
    /// Label (`Size of T`, `Alignment of T`, `Offset of field: T::f`) -> value.
    layout: BTreeMap<String, u64>,
    /// Type name -> its fields in declaration order.
    records: BTreeMap<String, Vec<(String, String)>>,
    /// Constant name -> value.
    constants: BTreeMap<String, i64>,
}

fn parse_bindings(text: &str) -> RustFacts {
    let mut facts = RustFacts::default();

    // Layout assertions: `["<label>"][<expr> - <n>usize];`, possibly wrapped.
    let mut rest = text;
    while let Some(start) = rest.find("[\"") {
        let after = &rest[start + 2..];
        let end = after.find("\"]").expect("unterminated label");
        let label = after[..end].to_owned();
        let tail = &after[end..];
        let usize_at = tail.find("usize]").expect("assertion without usize value");
        let digits: String = tail[..usize_at]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        facts
            .layout
            .insert(label, digits.parse().expect("layout number"));
        rest = &tail[usize_at..];
    }

    // Records and their fields (one `pub name: Type,` per line).
    let mut current: Option<String> = None;
    for line in text.lines() {
        let line = line.trim();
        if let Some(decl) = line
            .strip_prefix("pub struct ")
            .or_else(|| line.strip_prefix("pub union "))
        {
            if let Some(name) = decl.strip_suffix(" {") {
                current = Some(name.to_owned());
                facts.records.insert(name.to_owned(), Vec::new());
                continue;
            }
        }
        if line == "}" {
            current = None;
        } else if let (Some(record), Some(field)) = (&current, line.strip_prefix("pub ")) {
            let (name, ty) = field.split_once(": ").expect("field line");
            facts
                .records
                .get_mut(record)
                .unwrap()
                .push((name.to_owned(), ty.trim_end_matches(',').to_owned()));
        }
        if let Some(decl) = line.strip_prefix("pub const ") {
            let (name, value) = decl.split_once(':').unwrap();
            let value = value.rsplit_once("= ").unwrap().1.trim_end_matches(';');
            facts
                .constants
                .insert(name.to_owned(), value.parse().expect("integer constant"));
        }
    }
    facts
}

/// The C spelling of a Rust record name: typedef names lose bindgen's tag
/// underscore; bindgen's anonymous `P__bindgen_ty_N` becomes the type of
/// the member of `P` that has it.
fn c_type(rust: &str, facts: &RustFacts) -> String {
    if rust.contains("__bindgen_ty_") {
        let (parent, member) = facts
            .records
            .iter()
            .find_map(|(p, fields)| fields.iter().find(|(_, t)| t == rust).map(|(m, _)| (p, m)))
            .unwrap_or_else(|| panic!("no member has type {rust}"));
        format!("__typeof__((({} *)0)->{member})", c_type(parent, facts))
    } else {
        rust.trim_start_matches('_').to_owned()
    }
}

/// Compiles `source` for `target` and returns the `.quad` values in order.
fn clang_quads(target: &str, source: &str, name: &str) -> Vec<u64> {
    let asm = clang(target, source, name, &[]);
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

fn clang(target: &str, source: &str, name: &str, extra: &[&str]) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("oracle");
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
        .args(extra)
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

fn mingw_header_present() {
    assert!(
        Path::new(MINGW_INCLUDE).join("rassapi.h").exists(),
        "{MINGW_INCLUDE}/rassapi.h is missing: apt-get install mingw-w64-common"
    );
}

const MINGW_PRELUDE: &str = "#include <windows.h>\n#include <lmcons.h>\n#include <nb30.h>\n#include <stddef.h>\n#include <rassapi.h>\n";

#[test]
fn every_layout_assertion_matches_mingw() {
    mingw_header_present();
    for (file, target) in TARGETS {
        let text = std::fs::read_to_string(root().join("src/sys/generated").join(file)).unwrap();
        let facts = parse_bindings(&text);

        // Every record has size and alignment, every field an offset.
        let mut expected = Vec::new();
        for (record, fields) in &facts.records {
            expected.push(format!("Size of {record}"));
            expected.push(format!("Alignment of {record}"));
            for (field, _) in fields {
                expected.push(format!("Offset of field: {record}::{field}"));
            }
        }
        let asserted: Vec<_> = facts.layout.keys().cloned().collect();
        let mut sorted = expected.clone();
        sorted.sort();
        assert_eq!(
            sorted, asserted,
            "{file}: layout assertions do not cover exactly every record and field"
        );
        assert!(
            facts.records.len() >= 13,
            "{file}: only {} records parsed",
            facts.records.len()
        );

        let mut c = String::from(MINGW_PRELUDE);
        c.push_str("unsigned long long layout[] = {\n");
        for label in &expected {
            let expr = if let Some(t) = label.strip_prefix("Size of ") {
                format!("sizeof({})", c_type(t, &facts))
            } else if let Some(t) = label.strip_prefix("Alignment of ") {
                format!("_Alignof({})", c_type(t, &facts))
            } else {
                let (t, f) = label["Offset of field: ".len()..].split_once("::").unwrap();
                format!("offsetof({}, {f})", c_type(t, &facts))
            };
            // +1 keeps every element non-zero, so none is folded into `.zero`.
            c.push_str(&format!(
                "  (unsigned long long)({expr}) + 1, /* {label} */\n"
            ));
        }
        c.push_str("};\n");
        let quads = clang_quads(target, &c, "layout");
        assert_eq!(
            quads.len(),
            expected.len(),
            "{target}: wrong number of values from clang"
        );
        let mut mismatches = Vec::new();
        for (label, c_value) in expected.iter().zip(quads) {
            let rust = facts.layout[label];
            if rust + 1 != c_value {
                mismatches.push(format!(
                    "{label}: bindings {rust}, mingw-w64 {}",
                    c_value - 1
                ));
            }
        }
        assert!(
            mismatches.is_empty(),
            "{target}:\n{}",
            mismatches.join("\n")
        );
        eprintln!("{target}: {} layout facts equal", expected.len());
    }
}

#[test]
fn every_constant_matches_mingw() {
    mingw_header_present();
    for (file, target) in TARGETS {
        let text = std::fs::read_to_string(root().join("src/sys/generated").join(file)).unwrap();
        let facts = parse_bindings(&text);
        assert!(
            facts.constants.len() >= 45,
            "only {} constants parsed",
            facts.constants.len()
        );
        let mut c = String::from(MINGW_PRELUDE);
        c.push_str("unsigned long long constants[] = {\n");
        for name in facts.constants.keys() {
            c.push_str(&format!("  (unsigned long long)({name}) + 1,\n"));
        }
        c.push_str("};\n");
        let quads = clang_quads(target, &c, "constants");
        assert_eq!(quads.len(), facts.constants.len());
        for ((name, rust), c_value) in facts.constants.iter().zip(quads) {
            assert_eq!(*rust as u64 + 1, c_value, "{target}: {name}");
        }
    }
}

/// The x86 decorated names (`_Name@argbytes`) of every function the given
/// header declares, found by taking each function's address.
fn decorated_names(
    prelude: &str,
    functions: &[String],
    name: &str,
    extra: &[&str],
) -> BTreeMap<String, String> {
    let mut c = String::from(prelude);
    for (i, f) in functions.iter().enumerate() {
        c.push_str(&format!(
            "void *take_{i}(void) {{ return (void *)&{f}; }}\n"
        ));
    }
    let asm = clang("i686-w64-mingw32", &c, name, extra);
    functions
        .iter()
        .map(|f| {
            let prefix = format!("_{f}@");
            let symbol = asm
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '@'))
                .find(|tok| tok.starts_with(&prefix))
                .unwrap_or_else(|| panic!("{name}: no stdcall symbol for {f}"));
            (f.clone(), symbol.to_owned())
        })
        .collect()
}

#[test]
fn our_header_compiles_against_windows_h_with_mingw_calling_conventions() {
    mingw_header_present();
    let header = std::fs::read_to_string(root().join("include/rassapi.h")).unwrap();
    let functions: Vec<String> = header
        .lines()
        .filter_map(|l| l.split_once(" APIENTRY ").map(|(_, rest)| rest))
        .filter_map(|rest| rest.split_once('(').map(|(name, _)| name.trim().to_owned()))
        .collect();
    assert_eq!(
        functions.len(),
        16,
        "expected 12 client functions and 4 callbacks: {functions:?}"
    );

    let ours_prelude = format!(
        "#include <windows.h>\n#include \"{}\"\n",
        root().join("include/rassapi.h").display()
    );
    let ours = decorated_names(&ours_prelude, &functions, "ours", &[]);

    let documented_only = [
        "RasAdminGetErrorString",
        "RasAdminGetUserParms",
        "RasAdminSetUserParms",
    ];
    let in_mingw: Vec<String> = functions
        .iter()
        .filter(|f| !documented_only.contains(&f.as_str()))
        .cloned()
        .collect();
    let theirs = decorated_names(MINGW_PRELUDE, &in_mingw, "mingw", &[]);
    for f in &in_mingw {
        assert_eq!(ours[f], theirs[f], "stdcall decoration of {f}");
    }
    // Argument bytes of the three functions mingw-w64 does not declare, from
    // the Platform SDK documentation (see shared notes).
    for (f, bytes) in [
        ("RasAdminGetErrorString", 12),
        ("RasAdminGetUserParms", 8),
        ("RasAdminSetUserParms", 12),
    ] {
        assert_eq!(ours[f], format!("_{f}@{bytes}"));
    }
    // And a few spot checks that the decoration is what the notes record.
    assert_eq!(ours["RasAdminPortGetInfo"], "_RasAdminPortGetInfo@20");
    assert_eq!(
        ours["RasAdminConnectionHangupNotification"],
        "_RasAdminConnectionHangupNotification@12"
    );
    assert_eq!(
        ours["RasAdminGetIpAddressForUser"],
        "_RasAdminGetIpAddressForUser@16"
    );
}
