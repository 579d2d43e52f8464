//! Which Windows a DLL is for, and what that implies: the CPU architecture,
//! whether Rust's `std` can run there, and the PE header versions its loader
//! accepts. `build` and `check` both derive their decisions from here.

use std::fmt;
use std::str::FromStr;

use rassapi::registration::WindowsVersion;

/// The CPU architecture of a DLL.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Arch {
    /// 32-bit x86 (`PE32`, machine `i386`).
    X86,
    /// x86-64 (`PE32+`, machine `AMD64`).
    #[value(name = "x86_64")]
    X86_64,
}

impl Arch {
    /// The name used in target triples (`i686`, `x86_64`).
    pub fn triple_arch(self) -> &'static str {
        match self {
            Arch::X86 => "i686",
            Arch::X86_64 => "x86_64",
        }
    }

    /// The mingw-w64 tool prefix (`i686-w64-mingw32`, `x86_64-w64-mingw32`).
    pub fn mingw_prefix(self) -> &'static str {
        match self {
            Arch::X86 => "i686-w64-mingw32",
            Arch::X86_64 => "x86_64-w64-mingw32",
        }
    }

    /// Debian's package with that mingw-w64 gcc.
    pub fn mingw_gcc_package(self) -> &'static str {
        match self {
            Arch::X86 => "gcc-mingw-w64-i686",
            Arch::X86_64 => "gcc-mingw-w64-x86-64",
        }
    }
}

impl fmt::Display for Arch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Arch::X86 => "x86",
            Arch::X86_64 => "x86_64",
        })
    }
}

/// The names `--windows` accepts besides `major.minor`, with the version
/// each stands for (server and client releases of one kernel share it).
const NAMES: &[(&str, WindowsVersion)] = &[
    ("nt4", WindowsVersion::NT4),
    ("2000", WindowsVersion::WINDOWS_2000),
    ("xp", WindowsVersion::WINDOWS_XP),
    ("2003", WindowsVersion::SERVER_2003),
    ("vista", WindowsVersion::new(6, 0)),
    ("2008", WindowsVersion::new(6, 0)),
    ("7", WindowsVersion::new(6, 1)),
    ("2008r2", WindowsVersion::new(6, 1)),
    ("8", WindowsVersion::new(6, 2)),
    ("2012", WindowsVersion::new(6, 2)),
    ("8.1", WindowsVersion::new(6, 3)),
    ("2012r2", WindowsVersion::new(6, 3)),
    ("10", WindowsVersion::new(10, 0)),
    ("11", WindowsVersion::new(10, 0)),
    ("2016", WindowsVersion::new(10, 0)),
    ("2019", WindowsVersion::new(10, 0)),
    ("2022", WindowsVersion::new(10, 0)),
    ("2025", WindowsVersion::new(10, 0)),
];

/// The first version with an x86-64 edition (XP x64 and Server 2003 x64).
const FIRST_X64: WindowsVersion = WindowsVersion::SERVER_2003;
/// The first version with no 32-bit server (Server 2008 R2 and Windows 7's
/// kernel): the default architecture becomes x86-64.
const FIRST_X64_ONLY_SERVER: WindowsVersion = WindowsVersion::new(6, 1);
/// The first version Rust's `std` supports on the `*-pc-windows-gnu`
/// targets (Windows 10).
const FIRST_STD: WindowsVersion = WindowsVersion::new(10, 0);
/// The first version whose loader sets up static TLS (`__declspec(thread)`,
/// a TLS directory) in a DLL loaded with `LoadLibrary` (Vista).
const FIRST_TLS_IN_LOADLIBRARY: WindowsVersion = WindowsVersion::new(6, 0);

/// A Windows release as `--windows` names it (`nt4`, `2000`, `2003`,
/// `2008r2`, `2025`, or `major.minor`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TargetWindows {
    /// The name given on the command line, normalised (`nt4`, `5.2`, ...).
    pub name: &'static str,
    /// Its version.
    pub version: WindowsVersion,
}

impl FromStr for TargetWindows {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let lower = text.trim().to_ascii_lowercase();
        if let Some(&(name, version)) = NAMES.iter().find(|(name, _)| *name == lower) {
            return Ok(Self { name, version });
        }
        match lower.parse::<WindowsVersion>() {
            Ok(version) if version >= WindowsVersion::NT4 => {
                let name = NAMES
                    .iter()
                    .find(|(_, v)| *v == version)
                    .map_or("", |(name, _)| *name);
                Ok(Self { name, version })
            }
            _ => Err(format!(
                "unknown Windows '{text}': give one of {} or a version major.minor (4.0 or later)",
                NAMES.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
            )),
        }
    }
}

impl fmt::Display for TargetWindows {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name {
            "" => write!(f, "Windows {}", self.version),
            "nt4" => f.write_str("Windows NT 4.0"),
            name => write!(f, "Windows {name} ({})", self.version),
        }
    }
}

/// `--arch` names an architecture a Windows has no edition for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NoSuchEdition {
    /// The Windows asked for.
    pub windows: TargetWindows,
    /// The architecture asked for.
    pub arch: Arch,
}

impl fmt::Display for NoSuchEdition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} has no {} edition (--arch {})",
            self.windows, self.arch, self.arch
        )
    }
}

impl std::error::Error for NoSuchEdition {}

impl TargetWindows {
    /// The architecture a DLL for this Windows has when none is asked
    /// for: x86 up to Server 2008 (which still had a 32-bit edition), x86-64
    /// from Server 2008 R2 on (64-bit only; RRAS there loads only 64-bit DLLs).
    pub fn default_arch(self) -> Arch {
        if self.version < FIRST_X64_ONLY_SERVER {
            Arch::X86
        } else {
            Arch::X86_64
        }
    }

    /// Whether an `arch` edition of this Windows exists.
    pub fn has_arch(self, arch: Arch) -> bool {
        arch == Arch::X86 || self.version >= FIRST_X64
    }

    /// The architecture of a DLL for it: `asked` (`--arch`) if this Windows
    /// has that edition, else [`default_arch`](Self::default_arch).
    pub fn arch(self, asked: Option<Arch>) -> Result<Arch, NoSuchEdition> {
        let arch = asked.unwrap_or(self.default_arch());
        if self.has_arch(arch) {
            Ok(arch)
        } else {
            Err(NoSuchEdition {
                windows: self,
                arch,
            })
        }
    }

    /// Whether Rust's standard library runs there (Windows 10 and later);
    /// before that a DLL must be `no_std` (rassapi's feature `nt4`).
    pub fn std_runs(self) -> bool {
        self.version >= FIRST_STD
    }

    /// Whether its loader gives a `LoadLibrary`ed DLL working static TLS.
    pub fn tls_in_loaded_dlls(self) -> bool {
        self.version >= FIRST_TLS_IN_LOADLIBRARY
    }

    /// The OS and subsystem version a `no_std` DLL for it carries in its PE
    /// header: the oldest Windows of that architecture (4.0, or 5.2 for
    /// x86-64), so one DLL loads on every later one too.
    pub fn core_header_version(arch: Arch) -> WindowsVersion {
        match arch {
            Arch::X86 => WindowsVersion::NT4,
            Arch::X86_64 => FIRST_X64,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_versions_parse() {
        let nt4: TargetWindows = "NT4".parse().unwrap();
        assert_eq!(nt4.version, WindowsVersion::NT4);
        assert_eq!(nt4.to_string(), "Windows NT 4.0");
        assert_eq!(
            "2025".parse::<TargetWindows>().unwrap().version,
            WindowsVersion::new(10, 0)
        );
        assert_eq!("5.2".parse::<TargetWindows>().unwrap().name, "2003");
        assert!("3.51".parse::<TargetWindows>().is_err());
        assert!(
            "95".parse::<TargetWindows>()
                .unwrap_err()
                .contains("nt4, 2000")
        );
    }

    #[test]
    fn arch_std_and_tls_follow_the_version() {
        let w = |s: &str| s.parse::<TargetWindows>().unwrap();
        assert_eq!(w("nt4").default_arch(), Arch::X86);
        assert_eq!(w("2008").default_arch(), Arch::X86);
        assert_eq!(w("2008r2").default_arch(), Arch::X86_64);
        assert!(!w("2000").has_arch(Arch::X86_64));
        assert!(w("2003").has_arch(Arch::X86_64));
        assert!(!w("2012r2").std_runs());
        assert!(w("2016").std_runs());
        assert!(!w("xp").tls_in_loaded_dlls());
        assert!(w("vista").tls_in_loaded_dlls());
    }
}
