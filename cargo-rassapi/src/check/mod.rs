//! `cargo rassapi check`: whether a Windows will load a DLL and call it.
//!
//! Each DLL gets these checks, all derived from `--windows` and `--arch`:
//!
//! | check | passes when |
//! |---|---|
//! | `pe` | PE32 + i386 (x86) or PE32+ + AMD64 (x86_64), and a DLL |
//! | `version` | OS and subsystem version at most the Windows' version |
//! | `entry` | an entry point |
//! | `tls` | no TLS directory, unless the loader sets it up (Vista and later) |
//! | `delay` | no delay-import directory before Windows 2000 |
//! | `imports` | before Windows 10 only allowlisted `kernel32.dll` functions ([`imports`]); later only DLLs Windows ships |
//! | `exports` | the callbacks the Windows' remote access service requires, undecorated |
//! | `stdcall` | (x86) each exported callback's first `ret` pops its arguments |
//! | `cpu` | every instruction runs on the Windows' oldest CPU ([`cpu`]) |

mod cpu;
mod exports;
mod imports;
mod pe;

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::{Arch, TargetWindows};
use imports::AllowedFunction;
use pe::PeImage;

/// `cargo rassapi check` arguments.
#[derive(clap::Args)]
pub struct CheckArgs {
    /// The Windows the DLLs are for: nt4, 2000, xp, 2003, 2008, 2008r2,
    /// 2012, 2012r2, 2016, 2019, 2022, 2025, 10, 11, or major.minor.
    #[arg(long, value_name = "WINDOWS")]
    pub windows: TargetWindows,
    /// The architecture (default: x86 up to 2008, x86_64 from 2008 R2).
    #[arg(long)]
    pub arch: Option<Arch>,
    /// One JSON object per DLL on stdout instead of text lines.
    #[arg(long)]
    pub json: bool,
    /// The DLLs to check.
    #[arg(required = true, value_name = "DLL")]
    pub dlls: Vec<PathBuf>,
}

/// The outcome of one check of one DLL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// The check's name (`pe`, `version`, ..., `cpu`).
    pub name: &'static str,
    /// Whether it passed.
    pub pass: bool,
    /// What was found.
    pub detail: String,
}

impl Check {
    /// A passed check.
    pub fn pass(name: &'static str, detail: impl Into<String>) -> Self {
        Self {
            name,
            pass: true,
            detail: detail.into(),
        }
    }

    /// A failed check.
    pub fn fail(name: &'static str, detail: impl Into<String>) -> Self {
        Self {
            name,
            pass: false,
            detail: detail.into(),
        }
    }
}

/// Why `check` could not run at all (exit status 2).
#[derive(Debug)]
pub enum CheckError {
    /// `--arch` names an architecture the Windows has no edition for.
    NoSuchEdition(crate::windows::NoSuchEdition),
    /// The embedded allowlist is malformed.
    Allowlist(imports::AllowlistError),
    /// A DLL cannot be read.
    Read {
        /// The path as given.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}

impl fmt::Display for CheckError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CheckError::NoSuchEdition(error) => write!(f, "{error}"),
            CheckError::Allowlist(error) => write!(f, "{error}"),
            CheckError::Read { path, source } => {
                write!(f, "cannot read {}: {source}", path.display())
            }
        }
    }
}

impl std::error::Error for CheckError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CheckError::NoSuchEdition(error) => Some(error),
            CheckError::Allowlist(error) => Some(error),
            CheckError::Read { source, .. } => Some(source),
        }
    }
}

/// The checks of one DLL.
#[derive(Debug)]
pub struct Report {
    /// The DLL's path as given.
    pub dll: String,
    /// Its checks, in order.
    pub checks: Vec<Check>,
}

/// Runs every check on the bytes of one DLL.
pub fn check_image(
    data: &[u8],
    windows: TargetWindows,
    arch: Arch,
    allowlist: &[AllowedFunction],
) -> Vec<Check> {
    let image = match PeImage::parse(data) {
        Ok(image) => image,
        Err(error) => return vec![Check::fail("pe", error.to_string())],
    };
    let (format, same_arch) = pe::check_format(&image, arch);
    let mut checks = vec![format];
    if !same_arch {
        return checks;
    }
    checks.push(pe::check_version(&image, windows));
    checks.push(pe::check_entry(&image));
    checks.push(pe::check_tls(&image, windows));
    checks.push(pe::check_delay(&image, windows));
    checks.push(match &image.imports {
        Ok(list) => imports::check(windows, list, allowlist),
        Err(error) => Check::fail(
            "imports",
            format!("cannot read the import directory: {error}"),
        ),
    });
    match &image.exports {
        Ok(list) => {
            let names: Vec<&str> = list.iter().map(|e| e.name.as_str()).collect();
            checks.push(exports::check(windows, &names));
            if arch == Arch::X86 {
                checks.push(exports::check_stdcall(&image, windows, &names));
            }
        }
        Err(error) => checks.push(Check::fail(
            "exports",
            format!("cannot read the export directory: {error}"),
        )),
    }
    checks.push(cpu::check(&image, windows, arch));
    checks
}

/// Reads and checks one DLL.
pub fn check_dll(
    path: &Path,
    windows: TargetWindows,
    arch: Arch,
    allowlist: &[AllowedFunction],
) -> Result<Report, CheckError> {
    let data = std::fs::read(path).map_err(|source| CheckError::Read {
        path: path.to_owned(),
        source,
    })?;
    Ok(Report {
        dll: path.display().to_string(),
        checks: check_image(&data, windows, arch, allowlist),
    })
}

/// The name `--json` gives the Windows: `nt4`, `2016`, or `major.minor`.
fn windows_name(windows: TargetWindows) -> String {
    if windows.name.is_empty() {
        windows.version.to_string()
    } else {
        windows.name.to_owned()
    }
}

/// A report as one JSON object.
fn to_json(report: &Report, windows: TargetWindows, arch: Arch) -> serde_json::Value {
    serde_json::json!({
        "dll": report.dll,
        "windows": windows_name(windows),
        "version": windows.version.to_string(),
        "arch": arch.to_string(),
        "pass": report.checks.iter().all(|c| c.pass),
        "checks": report.checks.iter().map(|c| serde_json::json!({
            "check": c.name,
            "pass": c.pass,
            "detail": c.detail,
        })).collect::<Vec<_>>(),
    })
}

/// Runs the checks; exit status 0 when every check of every DLL passed, 1
/// when one failed, 2 when a DLL could not be read.
pub fn run(args: CheckArgs) -> ExitCode {
    let windows = args.windows;
    let setup = windows
        .arch(args.arch)
        .map_err(CheckError::NoSuchEdition)
        .and_then(|arch| {
            Ok((
                arch,
                imports::kernel32_allowlist().map_err(CheckError::Allowlist)?,
            ))
        });
    let (arch, allowlist) = match setup {
        Ok(setup) => setup,
        Err(error) => {
            eprintln!("cargo rassapi check: {error}");
            return ExitCode::from(2);
        }
    };
    let mut failed = Vec::new();
    let mut unreadable = false;
    for path in &args.dlls {
        let report = match check_dll(path, windows, arch, &allowlist) {
            Ok(report) => report,
            Err(error) => {
                eprintln!("cargo rassapi check: {error}");
                unreadable = true;
                continue;
            }
        };
        if args.json {
            println!("{}", to_json(&report, windows, arch));
        } else {
            for c in &report.checks {
                let status = if c.pass { "PASS" } else { "FAIL" };
                println!("{status}: {}: {}: {}", report.dll, c.name, c.detail);
            }
        }
        failed.extend(
            report
                .checks
                .iter()
                .filter(|c| !c.pass)
                .map(|c| format!("{}: {}", report.dll, c.name)),
        );
    }
    if !failed.is_empty() {
        eprintln!(
            "cargo rassapi check: {} check(s) FAILED: {}",
            failed.len(),
            failed.join(", ")
        );
    }
    if unreadable {
        ExitCode::from(2)
    } else if !failed.is_empty() {
        ExitCode::from(1)
    } else {
        eprintln!(
            "cargo rassapi check: all checks passed for {} DLL(s) ({windows}, {arch})",
            args.dlls.len()
        );
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_a_pe_file_fails_pe_only() {
        let windows: TargetWindows = "nt4".parse().expect("nt4");
        for data in [
            &b""[..],
            b"MZ",
            b"not a DLL at all, just text",
            &[0x4d, 0x5a, 0, 0, 0xff, 0xff],
        ] {
            let checks = check_image(data, windows, Arch::X86, &[]);
            assert_eq!(checks.len(), 1, "{checks:?}");
            assert_eq!((checks[0].name, checks[0].pass), ("pe", false));
        }
        let mut mz = vec![0u8; 256];
        mz[..2].copy_from_slice(b"MZ");
        mz[60] = 0xf0; // e_lfanew past the end of the data
        let checks = check_image(&mz, windows, Arch::X86, &[]);
        assert!(checks[0].detail.contains("not an MZ/PE file"), "{checks:?}");
    }
}
