//! The `imports` check: which DLLs and functions a Windows has for a DLL to
//! import. Before Windows 10 (a `no_std` DLL) only `kernel32.dll` functions
//! on the allowlist `kernel32.txt`, each with its documented minimum
//! version; from Windows 10 on any DLL that Windows ships, never a MinGW
//! runtime DLL or an unknown one.

use std::fmt;

use rassapi::registration::WindowsVersion;

use super::Check;
use super::pe::{Import, ImportName};
use crate::TargetWindows;

/// The allowlist's text (`cargo-rassapi/kernel32.txt`).
const KERNEL32_TXT: &str = include_str!("../../kernel32.txt");

/// DLLs every Windows 10 and later ships in `System32` (lower case), the
/// ones Rust's `std`, `windows-sys` and the C runtimes import. `api-ms-win-*`
/// API sets are matched by prefix ([`SYSTEM_DLL_PREFIXES`]).
const SYSTEM_DLLS: &[&str] = &[
    "kernel32.dll",
    "kernelbase.dll",
    "ntdll.dll",
    "advapi32.dll",
    "user32.dll",
    "gdi32.dll",
    "ws2_32.dll",
    "mswsock.dll",
    "bcrypt.dll",
    "bcryptprimitives.dll",
    "userenv.dll",
    "ole32.dll",
    "oleaut32.dll",
    "shell32.dll",
    "shlwapi.dll",
    "msvcrt.dll",
    "ucrtbase.dll",
    "secur32.dll",
    "crypt32.dll",
    "rpcrt4.dll",
    "iphlpapi.dll",
    "netapi32.dll",
    "mprapi.dll",
    "rasapi32.dll",
    "version.dll",
    "winmm.dll",
    "dbghelp.dll",
    "ktmw32.dll",
    "synchronization.dll",
    "psapi.dll",
    "setupapi.dll",
    "wtsapi32.dll",
];

/// Prefixes of the API-set DLL names that Windows 10 and later resolve.
const SYSTEM_DLL_PREFIXES: &[&str] = &["api-ms-win-"];

/// MinGW-w64's runtime DLLs: a DLL linked against them only loads where
/// someone copied them next to it.
const MINGW_RUNTIME_PREFIXES: &[&str] =
    &["libgcc_s_", "libwinpthread-", "libstdc++-", "libatomic-"];

/// One function of the allowlist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowedFunction {
    /// The exported name in `kernel32.dll`.
    pub name: String,
    /// The oldest Windows whose `kernel32.dll` has it, as documented.
    pub minimum: WindowsVersion,
    /// Where that minimum is documented.
    pub documented: String,
}

/// A malformed line of the allowlist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowlistError {
    /// The line number (1-based).
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for AllowlistError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "kernel32.txt line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for AllowlistError {}

/// Parses allowlist text: `#` comments and blank lines are skipped; each
/// other line is `name  major.minor  where documented`.
pub fn parse_allowlist(text: &str) -> Result<Vec<AllowedFunction>, AllowlistError> {
    let mut entries = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let error = |message: String| AllowlistError {
            line: index + 1,
            message,
        };
        let (name, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let rest = rest.trim_start();
        let (version, documented) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        let documented = documented.trim();
        let minimum = version
            .parse::<WindowsVersion>()
            .map_err(|_| error(format!("'{version}' is not a minimum version major.minor")))?;
        if documented.is_empty() {
            return Err(error(format!("{name}: no source for its minimum version")));
        }
        entries.push(AllowedFunction {
            name: name.to_owned(),
            minimum,
            documented: documented.to_owned(),
        });
    }
    Ok(entries)
}

/// The embedded allowlist, parsed.
pub fn kernel32_allowlist() -> Result<Vec<AllowedFunction>, AllowlistError> {
    parse_allowlist(KERNEL32_TXT)
}

/// Whether Windows 10 and later ship `dll` (any case).
pub fn is_system_dll(dll: &str) -> bool {
    let lower = dll.to_ascii_lowercase();
    SYSTEM_DLLS.contains(&lower.as_str())
        || SYSTEM_DLL_PREFIXES.iter().any(|p| lower.starts_with(p))
}

/// Whether `dll` is one of MinGW-w64's runtime DLLs.
pub fn is_mingw_runtime(dll: &str) -> bool {
    let lower = dll.to_ascii_lowercase();
    MINGW_RUNTIME_PREFIXES.iter().any(|p| lower.starts_with(p))
}

/// The `imports` check of a DLL importing `imports` for `windows`.
pub fn check(windows: TargetWindows, imports: &[Import], allowlist: &[AllowedFunction]) -> Check {
    let mut wrong = Vec::new();
    for import in imports {
        let dll = &import.dll;
        if windows.std_runs() {
            if is_mingw_runtime(dll) {
                wrong.push(format!("{dll} (MinGW's runtime, not shipped with Windows)"));
            } else if !is_system_dll(dll) {
                wrong.push(format!("{dll} (not shipped with Windows)"));
            }
            continue;
        }
        let name = match &import.name {
            ImportName::Name(name) => name,
            ImportName::Ordinal(ordinal) => {
                wrong.push(format!(
                    "{dll} ordinal {ordinal} (imports by ordinal are rejected)"
                ));
                continue;
            }
        };
        if !dll.eq_ignore_ascii_case("kernel32.dll") {
            wrong.push(format!(
                "{name} from {dll} (only kernel32.dll is allowed for {windows})"
            ));
            continue;
        }
        match allowlist.iter().find(|f| f.name == *name) {
            None => wrong.push(format!(
                "kernel32.dll {name} (not in cargo-rassapi/kernel32.txt)"
            )),
            Some(f) if f.minimum > windows.version => wrong.push(format!(
                "kernel32.dll {name} (needs Windows {}, per {})",
                f.minimum, f.documented
            )),
            Some(_) => {}
        }
    }
    // The distinct DLLs of a std DLL's imports are its readable summary.
    let mut dlls: Vec<&str> = Vec::new();
    for import in imports {
        if !dlls.iter().any(|d| d.eq_ignore_ascii_case(&import.dll)) {
            dlls.push(&import.dll);
        }
    }
    wrong.dedup();
    if !wrong.is_empty() {
        return Check::fail("imports", wrong.join("; "));
    }
    let detail = if windows.std_runs() {
        format!(
            "{} import(s), all from DLLs Windows ships: {}",
            imports.len(),
            if dlls.is_empty() {
                "(none)".to_owned()
            } else {
                dlls.join(" ")
            }
        )
    } else {
        let names: Vec<String> = imports.iter().map(|i| i.name.to_string()).collect();
        format!(
            "{} import(s), all from kernel32.dll and allowlisted for {windows}: {}",
            imports.len(),
            if names.is_empty() {
                "(none)".to_owned()
            } else {
                names.join(" ")
            }
        )
    };
    Check::pass("imports", detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn import(dll: &str, name: &str) -> Import {
        Import {
            dll: dll.to_owned(),
            name: ImportName::Name(name.to_owned()),
        }
    }

    fn windows(name: &str) -> TargetWindows {
        name.parse().expect("a Windows name")
    }

    #[test]
    fn embedded_allowlist_parses() {
        let list = kernel32_allowlist().expect("kernel32.txt parses");
        assert!(
            list.iter()
                .any(|f| f.name == "CreateFileW" && f.minimum == WindowsVersion::new(3, 1))
        );
        assert!(
            list.iter()
                .all(|f| f.minimum <= WindowsVersion::NT4 && !f.documented.is_empty())
        );
    }

    #[test]
    fn allowlist_errors_name_the_line() {
        let text = "# comment\n\nSleep 3.1 SDK\nGetTickCount64 vista SDK\n";
        let error = parse_allowlist(text).expect_err("bad version");
        assert_eq!(error.line, 4);
        assert!(error.to_string().contains("'vista'"), "{error}");
        assert_eq!(parse_allowlist("Sleep 3.1").expect_err("no source").line, 1);
        let ok = parse_allowlist("GetTickCount64  6.0  SDK, Requirements: Vista").expect("parses");
        assert_eq!(ok[0].minimum, WindowsVersion::new(6, 0));
        assert_eq!(ok[0].documented, "SDK, Requirements: Vista");
    }

    #[test]
    fn minimum_versions_are_compared_with_the_target() {
        let list = parse_allowlist("GetTickCount64 6.0 SDK\nSleep 3.1 SDK").expect("parses");
        let imports = [import("KERNEL32.dll", "GetTickCount64")];
        let nt4 = check(windows("nt4"), &imports, &list);
        assert!(
            !nt4.pass && nt4.detail.contains("needs Windows 6.0"),
            "{nt4:?}"
        );
        assert!(check(windows("2008"), &imports, &list).pass);
        let unknown = check(windows("2008"), &[import("kernel32.dll", "Beep")], &list);
        assert!(
            !unknown.pass && unknown.detail.contains("not in"),
            "{unknown:?}"
        );
    }

    #[test]
    fn before_windows_10_only_kernel32_by_name() {
        let list = kernel32_allowlist().expect("parses");
        let foreign = check(
            windows("2000"),
            &[import("USER32.dll", "MessageBeep")],
            &list,
        );
        assert!(
            !foreign.pass && foreign.detail.contains("USER32.dll"),
            "{foreign:?}"
        );
        let ordinal = Import {
            dll: "kernel32.dll".into(),
            name: ImportName::Ordinal(7),
        };
        assert!(!check(windows("nt4"), &[ordinal], &list).pass);
    }

    #[test]
    fn windows_10_allows_system_dlls_only() {
        let w = windows("2016");
        let ok = [
            import("USER32.dll", "MessageBeep"),
            import("api-ms-win-core-synch-l1-2-0.dll", "WaitOnAddress"),
        ];
        assert!(check(w, &ok, &[]).pass);
        let mingw = check(w, &[import("libgcc_s_dw2-1.dll", "__udivdi3")], &[]);
        assert!(
            !mingw.pass && mingw.detail.contains("not shipped with Windows"),
            "{mingw:?}"
        );
        assert!(!check(w, &[import("vcruntime140.dll", "memcpy")], &[]).pass);
        assert!(is_mingw_runtime("libwinpthread-1.dll") && !is_system_dll("libwinpthread-1.dll"));
    }
}
