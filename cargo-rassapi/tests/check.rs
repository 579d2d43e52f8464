//! `cargo rassapi check` on DLLs built from `tests/fixtures/bad.c` with
//! mingw-w64 gcc, each broken in one way (the self-test cases of the
//! shell script it replaced): every check accepts the good DLL and rejects
//! its broken one, naming what is wrong.
//!
//! Needs `i686-w64-mingw32-gcc` and `x86_64-w64-mingw32-gcc`; without them
//! the tests fail (they do not skip).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

const INSTALL: &str = "apt-get install gcc-mingw-w64-i686 gcc-mingw-w64-x86-64";
const CC32: &str = "i686-w64-mingw32-gcc";
const CC64: &str = "x86_64-w64-mingw32-gcc";

/// The flags of a DLL that passes every NT 4.0 check: no C runtime, NT 4.0
/// versions, own entry point, undecorated stdcall exports, Pentium code.
const BASE: &[&str] = &[
    "-std=c11",
    "-O1",
    "-march=pentium",
    "-shared",
    "-nostdlib",
    "-nostartfiles",
    "-Wl,--kill-at",
    "-Wl,--major-os-version,4",
    "-Wl,--minor-os-version,0",
    "-Wl,--major-subsystem-version,4",
    "-Wl,--minor-subsystem-version,0",
];

/// The 32-bit entry point (stdcall-decorated, as ld sees it).
const ENTRY32: &str = "-Wl,-e,_entry@12";

/// One fixture: its name, compiler, flags left out of [`BASE`], and flags
/// after the source.
struct Fixture {
    name: &'static str,
    cc: &'static str,
    without: &'static [&'static str],
    args: &'static [&'static str],
}

const fn dll(name: &'static str, args: &'static [&'static str]) -> Fixture {
    Fixture {
        name,
        cc: CC32,
        without: &[],
        args,
    }
}

const FIXTURES: &[Fixture] = &[
    dll("good", &[ENTRY32]),
    dll("sse", &[ENTRY32, "-DBAD_INSN=\"pxor %xmm0, %xmm0\""]),
    dll(
        "sse2-compiled",
        &[
            ENTRY32,
            "-DBAD_FLOAT",
            "-march=pentium4",
            "-mfpmath=sse",
            "-O2",
        ],
    ),
    dll("mmx", &[ENTRY32, "-DBAD_INSN=\"emms\""]),
    dll("cmov", &[ENTRY32, "-DBAD_INSN=\"cmovne %ecx, %eax\""]),
    dll("fcomi", &[ENTRY32, "-DBAD_INSN=\"fcomi %st(1), %st\""]),
    dll("longnop", &[ENTRY32, "-DBAD_INSN=\"nopl 0x0(%eax)\""]),
    dll("sysenter", &[ENTRY32, "-DBAD_INSN=\"sysenter\""]),
    dll("avx", &[ENTRY32, "-DBAD_INSN=\"vzeroupper\""]),
    // Not broken: instructions a Pentium has that look unusual.
    dll(
        "pentium-extras",
        &[
            ENTRY32,
            "-DBAD_INSN=\"ud2; verr %ax; pause; cpuid; rdtsc; cmpxchg8b (%esi); fcomp %st(1); fnstsw %ax; sahf\"",
        ],
    ),
    dll("osversion", &[ENTRY32, "-Wl,--major-os-version,5"]),
    dll("subsystem", &[ENTRY32, "-Wl,--minor-subsystem-version,10"]),
    Fixture {
        name: "pe32plus",
        cc: CC64,
        without: &[],
        args: &["-Wl,-e,entry", "-march=x86-64"],
    },
    dll("tls", &[ENTRY32, "-DBAD_TLS"]),
    dll("foreign-import", &[ENTRY32, "-DBAD_FOREIGN", "-luser32"]),
    dll("new-import", &[ENTRY32, "-DBAD_NEW_IMPORT"]),
    dll("msvcrt-import", &[ENTRY32, "-DBAD_MSVCRT", "-lmsvcrt"]),
    dll(
        "winpthread-import",
        &[ENTRY32, "-DBAD_WINPTHREAD", "-lwinpthread"],
    ),
    dll("missing-export", &[ENTRY32, "-DNO_RELEASE"]),
    dll("extra-export", &[ENTRY32, "-DEXTRA_EXPORT"]),
    dll("wrong-pop", &[ENTRY32, "-DCDECL_ACCEPT"]),
    dll("no-entry", &["-Wl,-e,0"]),
    // Same source without --kill-at: exports keep their @N decoration.
    Fixture {
        name: "decorated",
        cc: CC32,
        without: &["-Wl,--kill-at"],
        args: &[ENTRY32],
    },
    // Not a DLL: the same code linked as an executable.
    Fixture {
        name: "not-a-dll",
        cc: CC32,
        without: &["-shared"],
        args: &[ENTRY32],
    },
    // Not broken for RRAS: the MprAdmin* set too.
    dll("rras", &[ENTRY32, "-DRRAS"]),
    Fixture {
        name: "rras64",
        cc: CC64,
        without: &[],
        args: &["-Wl,-e,entry", "-march=x86-64", "-DRRAS"],
    },
];

/// Builds every fixture once; returns their directory.
fn fixtures() -> &'static Path {
    static DIR: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    match DIR.get_or_init(build_fixtures) {
        Ok(dir) => dir,
        Err(error) => panic!("{error}"),
    }
}

fn build_fixtures() -> Result<PathBuf, String> {
    for cc in [CC32, CC64] {
        if Command::new(cc).arg("--version").output().is_err() {
            return Err(format!("{cc} is missing: {INSTALL}"));
        }
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("check-fixtures");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad.c");
    for fixture in FIXTURES {
        let output = Command::new(fixture.cc)
            .args(BASE.iter().filter(|a| !fixture.without.contains(a)))
            .arg("-o")
            .arg(dir.join(format!("{}.dll", fixture.name)))
            .arg(&source)
            .args(fixture.args)
            .arg("-lkernel32")
            .output()
            .map_err(|e| format!("{}: {e} ({INSTALL})", fixture.cc))?;
        if !output.status.success() {
            return Err(format!(
                "cannot build {}: {}",
                fixture.name,
                String::from_utf8_lossy(&output.stderr)
            ));
        }
    }
    // A delay-import directory (RVA 0x3000, 0x40 bytes), as link.exe or lld
    // write one, in a copy of the good DLL (GNU ld 2.40 does not fill that
    // directory for dlltool's delay-load thunks).
    let mut delay = std::fs::read(dir.join("good.dll")).map_err(|e| e.to_string())?;
    let dos = object::pe::ImageDosHeader::parse(&delay[..]).map_err(|e| e.to_string())?;
    let at = dos.nt_headers_offset() as usize
        + size_of::<object::pe::ImageNtHeaders32>()
        + object::pe::IMAGE_DIRECTORY_ENTRY_DELAY_IMPORT
            * size_of::<object::pe::ImageDataDirectory>();
    delay[at..at + 8].copy_from_slice(&[0x00, 0x30, 0, 0, 0x40, 0, 0, 0]);
    std::fs::write(dir.join("delay.dll"), delay).map_err(|e| e.to_string())?;
    Ok(dir)
}

/// The result of one `cargo rassapi check` run.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    /// The `FAIL:` lines' check names.
    fn failed(&self) -> BTreeSet<String> {
        self.stdout
            .lines()
            .filter_map(|l| l.strip_prefix("FAIL: "))
            .filter_map(|l| l.split(": ").nth(1))
            .map(str::to_owned)
            .collect()
    }

    /// The detail of `check`'s line with `status` (`PASS`/`FAIL`).
    fn line(&self, status: &str, check: &str) -> &str {
        let prefix = format!("{status}: ");
        self.stdout
            .lines()
            .filter_map(|l| l.strip_prefix(&prefix))
            .find_map(|l| {
                let (_, rest) = l.split_once(": ")?;
                rest.strip_prefix(check)?.strip_prefix(": ")
            })
            .unwrap_or_else(|| {
                panic!(
                    "no {status} line of {check}:\n{}{}",
                    self.stdout, self.stderr
                )
            })
    }
}

/// Runs `cargo rassapi check --windows <windows> <extra...> <fixture>.dll`.
fn check(windows: &str, extra: &[&str], names: &[&str]) -> Run {
    let dir = fixtures();
    let output = Command::new(env!("CARGO_BIN_EXE_cargo-rassapi"))
        .args(["rassapi", "check", "--windows", windows])
        .args(extra)
        .args(names.iter().map(|n| dir.join(format!("{n}.dll"))))
        .output()
        .expect("runs cargo-rassapi");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn assert_passes(windows: &str, extra: &[&str], name: &str) -> Run {
    let run = check(windows, extra, &[name]);
    assert_eq!(
        run.code,
        Some(0),
        "{name} for {windows} should pass:\n{}{}",
        run.stdout,
        run.stderr
    );
    assert!(run.failed().is_empty(), "{}", run.stdout);
    assert!(run.stderr.contains("all checks passed"), "{}", run.stderr);
    run
}

/// Asserts `name` fails exactly `checks` for `windows`, each FAIL line
/// containing its texts; returns the run.
fn assert_fails(windows: &str, extra: &[&str], name: &str, checks: &[(&str, &[&str])]) -> Run {
    let run = check(windows, extra, &[name]);
    let want: BTreeSet<String> = checks.iter().map(|(c, _)| (*c).to_owned()).collect();
    assert_eq!(run.code, Some(1), "{name}:\n{}{}", run.stdout, run.stderr);
    assert_eq!(run.failed(), want, "{name}:\n{}", run.stdout);
    for (check, texts) in checks {
        let detail = run.line("FAIL", check);
        for text in *texts {
            assert!(
                detail.contains(text),
                "{name}: {check} FAIL lacks '{text}': {detail}"
            );
        }
        let summary = format!("{name}.dll: {check}");
        assert!(
            run.stderr.contains("check(s) FAILED") && run.stderr.contains(&summary),
            "{}",
            run.stderr
        );
    }
    run
}

#[test]
fn nt4_good_and_pentium_extras_pass() {
    let good = assert_passes("nt4", &[], "good");
    assert!(
        good.line("PASS", "pe")
            .contains("PE32 (magic 0x10b), machine i386 (0x14c), DLL")
    );
    assert!(
        good.line("PASS", "stdcall")
            .contains("RasAdminAcceptNewConnection returns with ret 0xc (12 bytes of arguments)")
    );
    assert!(good.line("PASS", "cpu").contains("all i586"));
    assert_passes("nt4", &[], "pentium-extras");
    let extra = assert_passes("nt4", &[], "extra-export");
    assert!(extra.line("PASS", "exports").contains("RassapiExtra"));
}

#[test]
fn nt4_cpu_rejects_what_a_pentium_lacks() {
    for (name, texts) in [
        ("sse", &["pxor %xmm0,%xmm0", "(SSE2)"][..]),
        ("sse2-compiled", &["%xmm", "(SSE2)"]),
        ("mmx", &["emms", "(MMX)"]),
        ("cmov", &["cmovne %ecx,%eax", "[0f 45 c1]", "(CMOV)"]),
        ("fcomi", &["fcomi", "(CMOV)"]),
        ("longnop", &["nopl", "(MULTIBYTENOP)"]),
        ("sysenter", &["sysenter", "(SEP)"]),
        ("avx", &["vzeroupper", "(AVX)"]),
    ] {
        let run = assert_fails("nt4", &[], name, &[("cpu", texts)]);
        let detail = run.line("FAIL", "cpu");
        assert!(
            detail.contains("instruction(s) Windows NT 4.0 on a Pentium lacks: 0x"),
            "{detail}"
        );
    }
}

#[test]
fn nt4_header_checks() {
    assert_fails(
        "nt4",
        &[],
        "osversion",
        &[(
            "version",
            &["OS version 5.0", "Windows NT 4.0 needs both at most 4.0"],
        )],
    );
    assert_fails(
        "nt4",
        &[],
        "subsystem",
        &[("version", &["subsystem version 4.10"])],
    );
    assert_fails(
        "nt4",
        &[],
        "pe32plus",
        &[("pe", &["magic 0x20b (want 0x10b)"])],
    );
    assert_fails("nt4", &[], "not-a-dll", &[("pe", &["DLL bit"])]);
    assert_fails("nt4", &[], "tls", &[("tls", &["TLS directory at"])]);
    assert_fails(
        "nt4",
        &[],
        "delay",
        &[("delay", &["delay-import directory at RVA 0x3000"])],
    );
    assert_fails("nt4", &[], "no-entry", &[("entry", &["is 0"])]);
}

#[test]
fn nt4_imports_exports_and_stdcall() {
    assert_fails(
        "nt4",
        &[],
        "foreign-import",
        &[("imports", &["MessageBeep from USER32"])],
    );
    assert_fails(
        "nt4",
        &[],
        "new-import",
        &[("imports", &["GetTickCount64"])],
    );
    assert_fails(
        "nt4",
        &[],
        "msvcrt-import",
        &[("imports", &["_stricmp from msvcrt.dll"])],
    );
    assert_fails(
        "nt4",
        &[],
        "missing-export",
        &[
            ("exports", &["RasAdminReleaseIpAddress"]),
            ("stdcall", &["RasAdminReleaseIpAddress: not exported"]),
        ],
    );
    // Undecorated names missing, decorated ones present; stdcall then has
    // nothing to check but the missing names.
    assert_fails(
        "nt4",
        &[],
        "decorated",
        &[
            ("exports", &["RasAdminAcceptNewConnection@12"]),
            ("stdcall", &["not exported"]),
        ],
    );
    assert_fails(
        "nt4",
        &[],
        "wrong-pop",
        &[(
            "stdcall",
            &[
                "RasAdminAcceptNewConnection: first return is ret at 0x",
                "want ret 0xc",
            ],
        )],
    );
}

#[test]
fn json_agrees_with_the_text() {
    let text = check("nt4", &[], &["good", "cmov"]);
    let json = check("nt4", &["--json"], &["good", "cmov"]);
    assert_eq!((text.code, json.code), (Some(1), Some(1)));
    let objects: Vec<serde_json::Value> = json
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(objects.len(), 2);
    let mut lines = Vec::new();
    for object in &objects {
        assert_eq!(object["windows"], "nt4");
        assert_eq!(object["arch"], "x86");
        let dll = object["dll"].as_str().expect("dll");
        for c in object["checks"].as_array().expect("checks") {
            let status = if c["pass"].as_bool().expect("pass") {
                "PASS"
            } else {
                "FAIL"
            };
            let (check, detail) = (
                c["check"].as_str().expect("check"),
                c["detail"].as_str().expect("detail"),
            );
            lines.push(format!("{status}: {dll}: {check}: {detail}"));
        }
    }
    assert_eq!(lines, text.stdout.lines().collect::<Vec<_>>());
    assert_eq!(objects[0]["pass"], true);
    assert_eq!(objects[1]["pass"], false);
}

#[test]
fn later_windows() {
    // Windows 2000: RRAS needs its MprAdmin* set (with the IP pair);
    // OS version 5.0 and delay loading are fine, static TLS is not yet.
    // (The stdcall check names the required callbacks as not exported too.)
    let missing = ("stdcall", &["MprAdminTerminateDll: not exported"][..]);
    assert_fails(
        "2000",
        &[],
        "good",
        &[
            (
                "exports",
                &["MprAdminTerminateDll", "MprAdminGetIpAddressForUser"],
            ),
            missing,
        ],
    );
    assert_passes("2000", &[], "rras");
    assert_fails(
        "2000",
        &[],
        "osversion",
        &[("exports", &["MprAdminTerminateDll"]), missing],
    );
    assert_fails(
        "2000",
        &[],
        "tls",
        &[
            ("tls", &["does not set up static TLS"]),
            ("exports", &[]),
            missing,
        ],
    );
    assert!(
        check("vista", &[], &["tls"])
            .line("PASS", "tls")
            .contains("TLS directory at")
    );
    assert!(
        check("2000", &[], &["delay"])
            .line("PASS", "delay")
            .contains("delay-import directory at")
    );
    // Windows 10 era: x86-64 by default; the NT 4.0 DLL lacks the RRAS set.
    assert_fails(
        "2016",
        &[],
        "good",
        &[("pe", &["magic 0x10b (want 0x20b)"])],
    );
    assert_fails(
        "2016",
        &["--arch", "x86"],
        "good",
        &[("exports", &["MprAdminTerminateDll"]), missing],
    );
    let pe32plus = assert_fails(
        "2016",
        &[],
        "pe32plus",
        &[("exports", &["MprAdminAcceptNewLink"])],
    );
    assert!(
        pe32plus
            .line("PASS", "pe")
            .contains("PE32+ (magic 0x20b), machine AMD64 (0x8664)")
    );
    assert_passes("2016", &[], "rras64");
    let rras = assert_passes("2016", &["--arch", "x86"], "rras");
    assert!(
        rras.line("PASS", "stdcall")
            .contains("MprAdminAcceptReauthentication returns with ret 0x10")
    );
    // std's CPU (Pentium 4) and DLLs: CMOV, SSE2, msvcrt and user32 are
    // fine there; MinGW's runtime is not.
    for name in ["cmov", "sse2-compiled", "msvcrt-import", "foreign-import"] {
        let run = assert_fails(
            "2016",
            &["--arch", "x86"],
            name,
            &[("exports", &[]), missing],
        );
        assert!(
            run.line("PASS", "cpu").contains("Pentium 4"),
            "{}",
            run.stdout
        );
    }
    assert_fails(
        "2016",
        &["--arch", "x86"],
        "winpthread-import",
        &[
            (
                "imports",
                &["libwinpthread-1.dll", "not shipped with Windows"],
            ),
            ("exports", &[]),
            missing,
        ],
    );
    // From Windows 10 on, code beyond the CPU baseline is listed, not
    // failed: std selects such code at run time, which a scan cannot see.
    let avx = assert_fails(
        "2016",
        &["--arch", "x86"],
        "avx",
        &[("exports", &[]), missing],
    );
    let cpu = avx.line("PASS", "cpu");
    assert!(
        cpu.contains("1 left to run-time selection") && cpu.contains("vzeroupper (AVX)"),
        "{cpu}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let no_x64 = check("2000", &["--arch", "x86_64"], &["good"]);
    assert_eq!(no_x64.code, Some(2), "{}", no_x64.stderr);
    assert!(
        no_x64.stderr.contains("no x86_64 edition"),
        "{}",
        no_x64.stderr
    );
    let missing = check("nt4", &[], &["no-such-file"]);
    assert_eq!(missing.code, Some(2), "{}", missing.stderr);
    assert!(missing.stderr.contains("cannot read"), "{}", missing.stderr);
    // Not a PE file at all: the pe check fails (exit 1), nothing else runs.
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad.c");
    let output = Command::new(env!("CARGO_BIN_EXE_cargo-rassapi"))
        .args(["rassapi", "check", "--windows", "nt4"])
        .arg(&source)
        .output()
        .expect("runs cargo-rassapi");
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.starts_with("FAIL: ") && stdout.contains(": pe: not an MZ/PE file"),
        "{stdout}"
    );
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
}
