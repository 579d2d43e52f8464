//! Registering a RAS admin DLL with the Remote Access Service.
//!
//! The RAS service finds an admin DLL through two string values under
//! `HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\RAS\AdminDll` ([`ADMIN_DLL_KEY`]):
//! `DisplayName`, a friendly name, and `DLLPath`, the full path of the DLL.
//! If the key or `DLLPath` is missing, no admin DLL is loaded. The DLL may
//! export any of the four optional callbacks in [`ADMIN_CALLBACKS`].
//!
//! There is **one** slot: NT 4.0 and Windows 2000 read exactly one path from
//! `DLLPath` (Windows Server 2003 and later accept several, separated by
//! `;`). Installing therefore means taking the slot, and another vendor may
//! hold it already. This module never takes it silently.
//!
//! What it offers:
//!
//! * On every OS
//!   * [`Registration`]: a validated display name and DLL path, rendered as
//!     `.reg` file text for setup tools ([`Registration::to_reg_install`],
//!     [`Registration::to_reg_uninstall`], [`encode_reg_file`]).
//!   * [`dll_info`] / [`dll_exports`]: a small, bounds-checked PE reader that
//!     never panics, and [`admin_exports`], which checks that a file is a DLL
//!     exporting at least one callback ([`AdminExports`]).
//! * On Windows only: [`install`], [`uninstall`] and [`query`], which work
//!   on the registry through Microsoft's `windows-registry` crate, always in
//!   the native (64-bit on x64) registry view, so a 32-bit installer on
//!   64-bit Windows writes where the RAS service reads.
//!
//! # Install and uninstall rules (Windows)
//!
//! * [`install`] checks the path (absolute, exists, a DLL of the system's
//!   architecture that exports at least one callback). It refuses to replace
//!   another DLL ([`RegistrationError::Conflict`]) unless
//!   [`InstallOptions::overwrite_other_vendor`] is set. Installing the same
//!   DLL again succeeds and changes nothing but, if needed, the display
//!   name.
//! * [`uninstall`] removes `DisplayName` and `DLLPath` only when `DLLPath`
//!   names *this* DLL (compared without regard to case, `/` versus `\`,
//!   `%VARIABLES%` of a `REG_EXPAND_SZ` value, and, when both files exist,
//!   by their canonical paths). Another vendor's entry is left alone and
//!   reported as [`UninstallOutcome::NotOurs`], not as an error: the goal
//!   of an uninstaller, "this DLL is not registered", holds. Uninstalling
//!   when nothing is registered returns [`UninstallOutcome::NotRegistered`].
//!   When the key holds nothing else afterwards, it is deleted too, which
//!   returns the machine to the documented "key missing, no admin DLL" state.
//! * A `;`-separated `DLLPath` (Server 2003 and later) that contains this DLL
//!   among others counts as installed; uninstall removes only this DLL's
//!   entry from the list ([`UninstallOutcome::RemovedFromList`]). Install
//!   never appends to a list, because NT 4.0 and Windows 2000 would read the
//!   whole list as one path.
//! * Reading and writing the two values is not one atomic step: do not run
//!   two installers at the same time.
//!
//! # `.reg` files
//!
//! A `.reg` file cannot look before it writes, so it cannot follow the rules
//! above. The install file sets both values (replacing whatever was there);
//! the uninstall file deletes both values (whatever DLL they name) and keeps
//! the key, because other software may keep values there too. Prefer
//! [`install`] and [`uninstall`] (or the `rasreg` example) where you can run
//! code; both files say so in a comment.
//!
//! The files use the `Windows Registry Editor Version 5.00` format (Windows
//! 2000 and later); write them with [`encode_reg_file`]. NT 4.0's Registry
//! Editor reads only the older `REGEDIT4` format, which this module does not
//! produce. (Rust's standard library does not run on NT 4.0 or Windows 2000
//! either, so [`install`] is no option there.)
//!
//! ```
//! use rassapi::registration::Registration;
//!
//! let reg = Registration::new("Contoso Accounting", r"C:\Program Files\Contoso\acct.dll")?;
//! let text = reg.to_reg_install();
//! assert!(text.contains(r#""DLLPath"="C:\\Program Files\\Contoso\\acct.dll""#));
//! # Ok::<(), rassapi::registration::RegistrationError>(())
//! ```
// `install`, `uninstall` and `query` exist on Windows only; elsewhere the
// links to them in these docs cannot resolve (docs.rs builds for Windows).
#![cfg_attr(not(windows), allow(rustdoc::broken_intra_doc_links))]

use std::fmt;

/// The registry key, below `HKEY_LOCAL_MACHINE`, that names the admin DLL.
///
/// ```
/// assert_eq!(rassapi::registration::ADMIN_DLL_KEY, r"SOFTWARE\Microsoft\RAS\AdminDll");
/// ```
pub const ADMIN_DLL_KEY: &str = r"SOFTWARE\Microsoft\RAS\AdminDll";

/// [`ADMIN_DLL_KEY`] with its root, as `.reg` files and `reg.exe` spell it.
///
/// ```
/// use rassapi::registration::{ADMIN_DLL_KEY, ADMIN_DLL_KEY_FULL};
/// assert!(ADMIN_DLL_KEY_FULL.ends_with(ADMIN_DLL_KEY));
/// ```
pub const ADMIN_DLL_KEY_FULL: &str = r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\RAS\AdminDll";

/// Name of the `REG_SZ` value holding the friendly name.
///
/// ```
/// assert_eq!(rassapi::registration::DISPLAY_NAME_VALUE, "DisplayName");
/// ```
pub const DISPLAY_NAME_VALUE: &str = "DisplayName";

/// Name of the value holding the DLL's full path (`REG_SZ`; NT 4.0 also
/// accepts `REG_EXPAND_SZ`).
///
/// ```
/// assert_eq!(rassapi::registration::DLL_PATH_VALUE, "DLLPath");
/// ```
pub const DLL_PATH_VALUE: &str = "DLLPath";

/// The four optional exports RAS looks up in an admin DLL, in the order of
/// the fields of [`AdminExports`].
///
/// ```
/// assert!(rassapi::registration::ADMIN_CALLBACKS.contains(&"RasAdminConnectionHangupNotification"));
/// ```
pub const ADMIN_CALLBACKS: [&str; 4] = [
    "RasAdminAcceptNewConnection",
    "RasAdminConnectionHangupNotification",
    "RasAdminGetIpAddressForUser",
    "RasAdminReleaseIpAddress",
];

/// Longest path, in UTF-16 units, that `LoadLibrary` takes without the
/// long-path opt-in (`MAX_PATH` minus the terminator).
const MAX_DLL_PATH: usize = 259;

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/// Why bytes are not a usable PE DLL image (see [`dll_info`]).
///
/// ```
/// use rassapi::registration::{PeError, dll_exports};
/// assert_eq!(dll_exports(b"MZ"), Err(PeError::Truncated { what: "DOS header" }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PeError {
    /// The file ends inside a header or table.
    #[error("file too short: truncated {what}")]
    Truncated {
        /// Which structure is cut off.
        what: &'static str,
    },
    /// The file does not start with `MZ`.
    #[error("no MZ signature: not a Windows executable")]
    NoMzSignature,
    /// `e_lfanew` does not lead to `PE\0\0` (for example a DOS program).
    #[error("no PE signature: not a Win32 image")]
    NoPeSignature,
    /// The COFF characteristics lack `IMAGE_FILE_EXECUTABLE_IMAGE` (an
    /// object file, or a broken link).
    #[error("not an executable image (characteristics {characteristics:#06x})")]
    NotAnImage {
        /// The COFF `Characteristics` field.
        characteristics: u16,
    },
    /// An executable image without `IMAGE_FILE_DLL`: a program, not a DLL.
    #[error("an .exe, not a DLL (characteristics {characteristics:#06x} lack IMAGE_FILE_DLL)")]
    NotADll {
        /// The COFF `Characteristics` field.
        characteristics: u16,
    },
    /// The optional header is neither PE32 (`0x10b`) nor PE32+ (`0x20b`).
    #[error("unknown optional header magic {magic:#06x}")]
    UnknownOptionalHeader {
        /// The optional header's `Magic` field.
        magic: u16,
    },
    /// An RVA (or the table it starts) lies outside the file's section data.
    #[error("{what} at RVA {rva:#010x} lies outside the file")]
    RvaOutOfRange {
        /// Which structure the RVA points at.
        what: &'static str,
        /// The offending relative virtual address.
        rva: u32,
    },
    /// An export name runs to the end of its section without a NUL.
    #[error("export name at RVA {rva:#010x} has no terminating NUL")]
    UnterminatedName {
        /// Where the name starts.
        rva: u32,
    },
}

/// Errors of registration: path and name checks, DLL checks, registry
/// access.
///
/// ```
/// use rassapi::registration::{Registration, RegistrationError};
/// let err = Registration::new("Name", "relative\\acct.dll").unwrap_err();
/// assert!(matches!(err, RegistrationError::InvalidPath { .. }));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RegistrationError {
    /// The display name is empty or contains a control character.
    #[error("invalid display name: {reason}")]
    InvalidDisplayName {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The DLL path is not an absolute Windows path RAS can load.
    #[error("invalid DLL path {path:?}: {reason}")]
    InvalidPath {
        /// The path as given.
        path: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The DLL file does not exist.
    #[error("DLL not found: {path}")]
    NotFound {
        /// The path as given.
        path: String,
    },
    /// The registry key (or the DLL file) may not be read or written; the
    /// registry key needs an administrator.
    #[error("access denied to {object} (run as an administrator)")]
    AccessDenied {
        /// The registry key or file.
        object: String,
    },
    /// Another DLL is registered; pass
    /// [`InstallOptions::overwrite_other_vendor`] to replace it.
    #[error("another admin DLL is registered: {existing}{}", display_name_suffix(.display_name))]
    Conflict {
        /// `DLLPath` as stored.
        existing: String,
        /// `DisplayName` as stored, if present.
        display_name: Option<String>,
    },
    /// The file is not a loadable PE DLL.
    #[error("not a usable DLL: {0}")]
    NotADll(#[from] PeError),
    /// The DLL is built for another architecture than the RAS service.
    #[error("DLL is built for {dll}, but this system runs {system} RAS")]
    WrongArchitecture {
        /// The DLL's machine (`x86`, `x64`, `ARM64` or `0x....`).
        dll: String,
        /// The system's native machine.
        system: &'static str,
    },
    /// The DLL exports none of the four callbacks by their plain names.
    #[error(
        "the DLL exports none of RasAdminAcceptNewConnection, RasAdminConnectionHangupNotification, \
         RasAdminGetIpAddressForUser, RasAdminReleaseIpAddress{}",
        decorated_hint(.decorated)
    )]
    NoAdminExports {
        /// Callbacks exported only under a stdcall-decorated name such as
        /// `RasAdminAcceptNewConnection@12`, which RAS does not find (link
        /// with `--kill-at` or a `.def` file).
        decorated: Vec<String>,
    },
    /// Reading the DLL failed.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path as given.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// Any other registry failure.
    #[error("registry error {hresult:#010X} at {object}: {message}")]
    Registry {
        /// The `HRESULT` (`0x8007xxxx` wraps a Win32 error code).
        hresult: i32,
        /// The key that failed.
        object: String,
        /// The system's message text.
        message: String,
    },
}

fn display_name_suffix(name: &Option<String>) -> String {
    match name {
        Some(n) => format!(" ({n:?})"),
        None => String::new(),
    }
}

fn decorated_hint(decorated: &[String]) -> String {
    if decorated.is_empty() {
        String::new()
    } else {
        format!(
            "; it exports the decorated name(s) {} which RAS does not look up: \
             link with -Wl,--kill-at or a .def file",
            decorated.join(", ")
        )
    }
}

// ---------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------

/// Checks a display name: not empty or blank, no control characters (NUL,
/// CR, LF, tab, ... which a `REG_SZ` line in a `.reg` file cannot carry).
///
/// ```
/// use rassapi::registration::validate_display_name;
/// assert!(validate_display_name("Überwachung \"Nord\"").is_ok());
/// assert!(validate_display_name("  ").is_err());
/// assert!(validate_display_name("a\nb").is_err());
/// ```
pub fn validate_display_name(name: &str) -> Result<(), RegistrationError> {
    let reason = if name.trim().is_empty() {
        "empty"
    } else if name.contains('\0') {
        "contains NUL"
    } else if name.chars().any(char::is_control) {
        "contains a control character (CR, LF, tab, ...)"
    } else {
        return Ok(());
    };
    Err(RegistrationError::InvalidDisplayName { reason })
}

/// Checks that `path` is an absolute Windows path the RAS service can load:
/// `C:\dir\file.dll` or `\\server\share\dir\file.dll`.
///
/// Rejected: relative or drive-relative paths (`C:file.dll`), `/`
/// separators, `\\?\` and `\\.\` forms, `.`/`..` and empty components, a
/// trailing `\`, characters Windows forbids in names (`<>:"|?*`), control
/// characters, `;` (a list separator in `DLLPath` from Server 2003 on), and
/// paths longer than 259 UTF-16 units (`MAX_PATH`).
///
/// The file itself is not looked at (see [`admin_exports`]).
///
/// ```
/// use rassapi::registration::validate_dll_path;
/// assert!(validate_dll_path(r"C:\Program Files\Contoso\acct.dll").is_ok());
/// assert!(validate_dll_path(r"\\fileserver\ras\acct.dll").is_ok());
/// assert!(validate_dll_path(r"acct.dll").is_err());
/// assert!(validate_dll_path(r"C:\ras\").is_err());
/// assert!(validate_dll_path("C:/ras/acct.dll").is_err());
/// ```
pub fn validate_dll_path(path: &str) -> Result<(), RegistrationError> {
    path_problem(path).map_or(Ok(()), |reason| {
        Err(RegistrationError::InvalidPath {
            path: path.to_owned(),
            reason,
        })
    })
}

fn path_problem(path: &str) -> Option<&'static str> {
    if path.is_empty() {
        return Some("empty");
    }
    if path.chars().any(char::is_control) {
        return Some("contains a control character (NUL, CR, LF, ...)");
    }
    if path.contains(';') {
        return Some("contains ';', which Windows Server 2003 and later read as a path separator");
    }
    if path.contains('/') {
        return Some("uses '/': write Windows paths with '\\'");
    }
    if path.starts_with(r"\\?\") || path.starts_with(r"\\.\") {
        return Some(r"\\?\ and \\.\ paths are not supported: write C:\... or \\server\share\...");
    }
    if path.encode_utf16().count() > MAX_DLL_PATH {
        return Some("longer than 259 characters (MAX_PATH)");
    }
    let b = path.as_bytes();
    let rest = if b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && b[2] == b'\\' {
        &path[3..]
    } else if let Some(unc) = path.strip_prefix(r"\\") {
        let mut parts = unc.splitn(3, '\\');
        let (server, share) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        match parts.next() {
            _ if server.is_empty() || share.is_empty() => {
                return Some(r"UNC path needs a server and a share: \\server\share\file.dll");
            }
            None | Some("") => return Some(r"UNC path names no file after \\server\share"),
            Some(rest) => {
                if forbidden_char(server) || forbidden_char(share) {
                    return Some("contains a character Windows forbids in names (<>:\"|?*)");
                }
                rest
            }
        }
    } else if b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':' {
        return Some(r"drive-relative: write C:\dir\file.dll");
    } else {
        return Some(r"not absolute: expected C:\... or \\server\share\...");
    };
    if rest.is_empty() {
        return Some("names a drive root, not a file");
    }
    if rest.ends_with('\\') {
        return Some("ends with '\\': name the DLL file, not a folder");
    }
    if forbidden_char(rest) {
        return Some("contains a character Windows forbids in names (<>:\"|?*)");
    }
    for component in rest.split('\\') {
        match component {
            "" => return Some(r"contains an empty component ('\\')"),
            "." | ".." => return Some("contains '.' or '..': pass the normalised path"),
            _ => {}
        }
    }
    None
}

fn forbidden_char(s: &str) -> bool {
    s.contains(['<', '>', ':', '"', '|', '?', '*'])
}

// ---------------------------------------------------------------------------
// Registration and .reg rendering
// ---------------------------------------------------------------------------

/// A validated registration: the display name and the DLL path (a Windows
/// path string, so it can be built and rendered on any OS).
///
/// ```
/// use rassapi::registration::Registration;
/// let reg = Registration::new("Contoso", r"\\srv\ras\acct.dll")?;
/// assert_eq!(reg.dll_path(), r"\\srv\ras\acct.dll");
/// assert_eq!(reg.display_name(), "Contoso");
/// # Ok::<(), rassapi::registration::RegistrationError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Registration {
    display_name: String,
    dll_path: String,
}

const REG_HEADER: &str = "Windows Registry Editor Version 5.00\r\n\r\n";

impl Registration {
    /// Validates both parts with [`validate_display_name`] and
    /// [`validate_dll_path`].
    ///
    /// ```
    /// use rassapi::registration::{Registration, RegistrationError};
    /// assert!(Registration::new("Contoso", r"C:\ras\acct.dll").is_ok());
    /// assert!(matches!(
    ///     Registration::new("", r"C:\ras\acct.dll"),
    ///     Err(RegistrationError::InvalidDisplayName { .. })
    /// ));
    /// ```
    pub fn new(
        display_name: impl Into<String>,
        dll_path: impl Into<String>,
    ) -> Result<Self, RegistrationError> {
        let (display_name, dll_path) = (display_name.into(), dll_path.into());
        validate_display_name(&display_name)?;
        validate_dll_path(&dll_path)?;
        Ok(Self {
            display_name,
            dll_path,
        })
    }

    /// The friendly name (`DisplayName`).
    ///
    /// ```
    /// # use rassapi::registration::Registration;
    /// let reg = Registration::new("Überwachung", r"C:\ras\a.dll")?;
    /// assert_eq!(reg.display_name(), "Überwachung");
    /// # Ok::<(), rassapi::registration::RegistrationError>(())
    /// ```
    pub fn display_name(&self) -> &str {
        &self.display_name
    }

    /// The DLL's full path (`DLLPath`).
    ///
    /// ```
    /// # use rassapi::registration::Registration;
    /// let reg = Registration::new("Contoso", r"C:\ras\a.dll")?;
    /// assert_eq!(reg.dll_path(), r"C:\ras\a.dll");
    /// # Ok::<(), rassapi::registration::RegistrationError>(())
    /// ```
    pub fn dll_path(&self) -> &str {
        &self.dll_path
    }

    /// `.reg` file text that sets `DisplayName` and `DLLPath` (both
    /// `REG_SZ`), with CRLF line endings and `\` and `"` escaped.
    ///
    /// Importing it replaces whatever DLL was registered: a `.reg` file
    /// cannot check first (a comment in the file says so). Write it to disk
    /// with [`encode_reg_file`] if the name or path is not plain ASCII.
    ///
    /// ```
    /// use rassapi::registration::Registration;
    /// let reg = Registration::new(r#"Contoso "Acct""#, r"C:\ras\acct.dll")?;
    /// let text = reg.to_reg_install();
    /// assert!(text.starts_with("Windows Registry Editor Version 5.00\r\n\r\n"));
    /// assert!(text.contains("[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\RAS\\AdminDll]\r\n"));
    /// assert!(text.contains(r#""DisplayName"="Contoso \"Acct\"""#));
    /// assert!(text.contains(r#""DLLPath"="C:\\ras\\acct.dll""#));
    /// # Ok::<(), rassapi::registration::RegistrationError>(())
    /// ```
    pub fn to_reg_install(&self) -> String {
        let mut s = String::from(REG_HEADER);
        s += &format!(
            "; Registers the RAS admin DLL {} ({}).\r\n\
             ; A .reg file cannot check first: this replaces any admin DLL registered before.\r\n",
            self.display_name, self.dll_path
        );
        s += &format!("[{ADMIN_DLL_KEY_FULL}]\r\n");
        s += &format!(
            "\"{DISPLAY_NAME_VALUE}\"=\"{}\"\r\n",
            reg_escape(&self.display_name)
        );
        s += &format!(
            "\"{DLL_PATH_VALUE}\"=\"{}\"\r\n",
            reg_escape(&self.dll_path)
        );
        s += "\r\n";
        s
    }

    /// `.reg` file text that deletes the `DisplayName` and `DLLPath` values
    /// (`"DisplayName"=-`), keeping the key.
    ///
    /// A `.reg` file cannot check which DLL is registered, so this removes
    /// the values even if they name another vendor's DLL by then (a comment
    /// in the file says so; [`uninstall`] checks). The key stays because
    /// other software may keep values in it; deleting the whole key
    /// (`[-HKEY_...]`) could remove theirs. Importing it where the key does
    /// not exist leaves an empty key, which loads no admin DLL either.
    ///
    /// ```
    /// use rassapi::registration::Registration;
    /// let text = Registration::new("Contoso", r"C:\ras\acct.dll")?.to_reg_uninstall();
    /// assert!(text.contains("\"DisplayName\"=-\r\n\"DLLPath\"=-\r\n"));
    /// assert!(!text.contains("[-HKEY"));
    /// # Ok::<(), rassapi::registration::RegistrationError>(())
    /// ```
    pub fn to_reg_uninstall(&self) -> String {
        let mut s = String::from(REG_HEADER);
        s += &format!(
            "; Unregisters the RAS admin DLL {} ({}).\r\n\
             ; A .reg file cannot check first: this removes DisplayName and DLLPath whatever DLL\r\n\
             ; they name by now, and keeps the key.\r\n",
            self.display_name, self.dll_path
        );
        s += &format!("[{ADMIN_DLL_KEY_FULL}]\r\n");
        s += &format!("\"{DISPLAY_NAME_VALUE}\"=-\r\n");
        s += &format!("\"{DLL_PATH_VALUE}\"=-\r\n");
        s += "\r\n";
        s
    }
}

impl fmt::Display for Registration {
    /// `"<display name>" (<path>)`.
    ///
    /// ```
    /// # use rassapi::registration::Registration;
    /// let reg = Registration::new("Contoso", r"C:\ras\a.dll")?;
    /// assert_eq!(reg.to_string(), r#""Contoso" (C:\ras\a.dll)"#);
    /// # Ok::<(), rassapi::registration::RegistrationError>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} ({})", self.display_name, self.dll_path)
    }
}

/// Escapes a string for a `"..."` value in a `.reg` file: `\` becomes `\\`
/// and `"` becomes `\"`.
fn reg_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if matches!(c, '\\' | '"') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Encodes `.reg` text the way Registry Editor writes version 5.00 files:
/// UTF-16LE with a byte-order mark. Write these bytes to disk so
/// non-ASCII names and paths import correctly: `reg import` and `regedit`
/// read a file without a BOM in the ANSI code page, so UTF-8 `Ü` arrives
/// as `Ãœ`.
///
/// ```
/// use rassapi::registration::{Registration, encode_reg_file};
/// let text = Registration::new("Ü", r"C:\a.dll")?.to_reg_install();
/// let bytes = encode_reg_file(&text);
/// assert_eq!(&bytes[..4], &[0xFF, 0xFE, b'W', 0]);
/// assert_eq!(bytes.len(), 2 + 2 * text.encode_utf16().count());
/// # Ok::<(), rassapi::registration::RegistrationError>(())
/// ```
pub fn encode_reg_file(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(2 + 2 * text.len());
    out.extend_from_slice(&[0xFF, 0xFE]);
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_le_bytes());
    }
    out
}

// ---------------------------------------------------------------------------
// PE reader
// ---------------------------------------------------------------------------

/// `IMAGE_FILE_MACHINE_I386`.
const MACHINE_I386: u16 = 0x014c;
/// `IMAGE_FILE_MACHINE_AMD64`.
const MACHINE_AMD64: u16 = 0x8664;
/// `IMAGE_FILE_MACHINE_ARM64`.
const MACHINE_ARM64: u16 = 0xaa64;

/// What [`dll_info`] reads from a PE DLL.
///
/// ```
/// # fn bytes() -> Vec<u8> { std::fs::read("acct.dll").unwrap() }
/// # fn f() -> Result<(), rassapi::registration::PeError> {
/// let info = rassapi::registration::dll_info(&bytes())?;
/// println!("{} DLL, {} exports", info.machine_name(), info.exports.len());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DllInfo {
    /// COFF `Machine` (`0x14c` x86, `0x8664` x64, `0xaa64` ARM64, ...).
    pub machine: u16,
    /// PE32+ (64-bit) optional header rather than PE32.
    pub pe32_plus: bool,
    /// The exported names, in export-table order (no ordinal-only exports).
    pub exports: Vec<String>,
}

impl DllInfo {
    /// `"x86"`, `"x64"`, `"ARM64"`, or the machine number in hex.
    ///
    /// ```
    /// use rassapi::registration::DllInfo;
    /// let info = DllInfo { machine: 0x8664, pe32_plus: true, exports: vec![] };
    /// assert_eq!(info.machine_name(), "x64");
    /// ```
    pub fn machine_name(&self) -> String {
        machine_name(self.machine)
    }
}

fn machine_name(machine: u16) -> String {
    match machine {
        MACHINE_I386 => "x86".into(),
        MACHINE_AMD64 => "x64".into(),
        MACHINE_ARM64 => "ARM64".into(),
        other => format!("machine {other:#06x}"),
    }
}

/// Little-endian reads that return `None` past the end, never panic.
trait ReadLe {
    fn u16_at(&self, off: usize) -> Option<u16>;
    fn u32_at(&self, off: usize) -> Option<u32>;
}

impl ReadLe for [u8] {
    fn u16_at(&self, off: usize) -> Option<u16> {
        let b = self.get(off..off.checked_add(2)?)?;
        Some(u16::from_le_bytes([b[0], b[1]]))
    }
    fn u32_at(&self, off: usize) -> Option<u32> {
        let b = self.get(off..off.checked_add(4)?)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

struct Section {
    va: u32,
    virtual_size: u32,
    raw_size: u32,
    raw_ptr: u32,
}

struct Image<'a> {
    bytes: &'a [u8],
    size_of_headers: u32,
    sections: Vec<Section>,
}

impl Image<'_> {
    /// File bytes from `rva` to the end of the file data backing it.
    fn tail(&self, rva: u32) -> Option<&[u8]> {
        for s in &self.sections {
            let span = if s.virtual_size == 0 {
                s.raw_size
            } else {
                s.virtual_size
            };
            let delta = match rva.checked_sub(s.va) {
                Some(d) if d < span => d,
                _ => continue,
            };
            if delta >= s.raw_size {
                return None; // zero-filled memory, not in the file
            }
            let start = usize::try_from(s.raw_ptr.checked_add(delta)?).ok()?;
            let end = usize::try_from(s.raw_ptr.checked_add(s.raw_size)?).ok()?;
            let end = end.min(self.bytes.len());
            return self.bytes.get(start..end);
        }
        if rva < self.size_of_headers {
            let end = usize::try_from(self.size_of_headers)
                .ok()?
                .min(self.bytes.len());
            return self.bytes.get(usize::try_from(rva).ok()?..end);
        }
        None
    }

    /// Exactly `len` file bytes at `rva`, within one section.
    fn slice(&self, rva: u32, len: usize) -> Option<&[u8]> {
        self.tail(rva)?.get(..len)
    }
}

/// Reads the COFF header, optional header, section table and export
/// directory of a PE DLL. Never panics and never allocates more than the
/// input's size, whatever the bytes.
///
/// Requires the `MZ` and `PE\0\0` signatures, `IMAGE_FILE_EXECUTABLE_IMAGE`
/// and `IMAGE_FILE_DLL`, and a PE32 or PE32+ optional header. A DLL without
/// an export directory has no exports (not an error).
///
/// ```
/// use rassapi::registration::{PeError, dll_info};
/// assert_eq!(dll_info(b"not a PE file at all"), Err(PeError::Truncated { what: "DOS header" }));
/// let mut dos = vec![0u8; 64];
/// dos[..2].copy_from_slice(b"ZM");
/// assert_eq!(dll_info(&dos), Err(PeError::NoMzSignature));
/// ```
pub fn dll_info(bytes: &[u8]) -> Result<DllInfo, PeError> {
    use PeError::*;
    let truncated = |what| Truncated { what };
    if bytes.len() < 64 {
        return Err(truncated("DOS header"));
    }
    if &bytes[..2] != b"MZ" {
        return Err(NoMzSignature);
    }
    let pe = usize::try_from(bytes.u32_at(0x3c).ok_or(truncated("DOS header"))?)
        .map_err(|_| NoPeSignature)?;
    match bytes.get(pe..pe.checked_add(4).ok_or(NoPeSignature)?) {
        Some(b"PE\0\0") => {}
        Some(_) => return Err(NoPeSignature),
        // e_lfanew past the end: a DOS program or a truncated image.
        None => return Err(NoPeSignature),
    }
    let coff = pe + 4;
    let read16 = |off: usize, what| bytes.u16_at(off).ok_or(truncated(what));
    let read32 = |off: usize, what| bytes.u32_at(off).ok_or(truncated(what));
    let machine = read16(coff, "COFF header")?;
    let n_sections = read16(coff + 2, "COFF header")?;
    let opt_size = usize::from(read16(coff + 16, "COFF header")?);
    let characteristics = read16(coff + 18, "COFF header")?;
    if characteristics & 0x0002 == 0 {
        return Err(NotAnImage { characteristics });
    }
    if characteristics & 0x2000 == 0 {
        return Err(PeError::NotADll { characteristics });
    }
    let opt = coff + 20;
    let magic = read16(opt, "optional header")?;
    let (pe32_plus, dirs) = match magic {
        0x10b => (false, opt + 96),
        0x20b => (true, opt + 112),
        _ => return Err(UnknownOptionalHeader { magic }),
    };
    let size_of_headers = read32(opt + 60, "optional header")?;
    let n_dirs = read32(dirs - 4, "optional header")?;
    // The export directory is data directory 0; it exists only if the
    // optional header is long enough and announces at least one entry.
    let export_dir = if n_dirs >= 1 && opt_size >= dirs - opt + 8 {
        Some((
            read32(dirs, "data directories")?,
            read32(dirs + 4, "data directories")?,
        ))
    } else {
        None
    };
    let table = opt + opt_size;
    let mut sections = Vec::new();
    for i in 0..usize::from(n_sections) {
        let h = table + i * 40;
        if bytes.len() < h + 40 {
            return Err(truncated("section table"));
        }
        sections.push(Section {
            virtual_size: read32(h + 8, "section table")?,
            va: read32(h + 12, "section table")?,
            raw_size: read32(h + 16, "section table")?,
            raw_ptr: read32(h + 20, "section table")?,
        });
    }
    let image = Image {
        bytes,
        size_of_headers,
        sections,
    };
    let exports = match export_dir {
        Some((rva, _size)) if rva != 0 => export_names(&image, rva)?,
        _ => Vec::new(),
    };
    Ok(DllInfo {
        machine,
        pe32_plus,
        exports,
    })
}

fn export_names(image: &Image<'_>, dir_rva: u32) -> Result<Vec<String>, PeError> {
    let out_of_range = |what, rva| PeError::RvaOutOfRange { what, rva };
    let dir = image
        .slice(dir_rva, 40)
        .ok_or(out_of_range("export directory", dir_rva))?;
    // Both reads are inside the 40 bytes just checked.
    let count = dir.u32_at(24).unwrap_or(0);
    let names_rva = dir.u32_at(32).unwrap_or(0);
    if count == 0 {
        return Ok(Vec::new());
    }
    let table_len = usize::try_from(count)
        .ok()
        .and_then(|n| n.checked_mul(4))
        .ok_or(out_of_range("export name table", names_rva))?;
    let table = image
        .slice(names_rva, table_len)
        .ok_or(out_of_range("export name table", names_rva))?;
    // The table fits in the file, so `count` is bounded by the input size.
    let mut names = Vec::with_capacity(table.len() / 4);
    for entry in table.chunks_exact(4) {
        let rva = u32::from_le_bytes([entry[0], entry[1], entry[2], entry[3]]);
        let tail = image.tail(rva).ok_or(out_of_range("export name", rva))?;
        let len = tail
            .iter()
            .position(|&b| b == 0)
            .ok_or(PeError::UnterminatedName { rva })?;
        names.push(String::from_utf8_lossy(&tail[..len]).into_owned());
    }
    Ok(names)
}

/// The names a PE DLL exports (see [`dll_info`]).
///
/// ```
/// # fn bytes() -> Vec<u8> { std::fs::read("acct.dll").unwrap() }
/// # fn f() -> Result<(), rassapi::registration::PeError> {
/// let names = rassapi::registration::dll_exports(&bytes())?;
/// assert!(names.iter().any(|n| n == "RasAdminConnectionHangupNotification"));
/// # Ok(()) }
/// ```
pub fn dll_exports(bytes: &[u8]) -> Result<Vec<String>, PeError> {
    dll_info(bytes).map(|info| info.exports)
}

/// Which of the four admin callbacks a DLL exports under their plain names
/// (the names RAS passes to `GetProcAddress`).
///
/// ```
/// use rassapi::registration::AdminExports;
/// let e = AdminExports::from_names(["RasAdminConnectionHangupNotification", "DllMain"]);
/// assert!(e.connection_hangup_notification && !e.accept_new_connection);
/// assert!(e.any());
/// assert_eq!(e.names().collect::<Vec<_>>(), ["RasAdminConnectionHangupNotification"]);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct AdminExports {
    /// `RasAdminAcceptNewConnection`.
    pub accept_new_connection: bool,
    /// `RasAdminConnectionHangupNotification`.
    pub connection_hangup_notification: bool,
    /// `RasAdminGetIpAddressForUser`.
    pub get_ip_address_for_user: bool,
    /// `RasAdminReleaseIpAddress`.
    pub release_ip_address: bool,
}

impl AdminExports {
    /// Picks the callbacks out of a list of export names (exact,
    /// case-sensitive match, like `GetProcAddress`).
    ///
    /// ```
    /// use rassapi::registration::AdminExports;
    /// let e = AdminExports::from_names(["RasAdminGetIpAddressForUser", "RasAdminReleaseIpAddress"]);
    /// assert!(e.get_ip_address_for_user && e.release_ip_address);
    /// assert!(!AdminExports::from_names(["rasadminreleaseipaddress"]).any());
    /// ```
    pub fn from_names<I>(names: I) -> Self
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        let mut e = Self::default();
        for name in names {
            match name.as_ref() {
                "RasAdminAcceptNewConnection" => e.accept_new_connection = true,
                "RasAdminConnectionHangupNotification" => e.connection_hangup_notification = true,
                "RasAdminGetIpAddressForUser" => e.get_ip_address_for_user = true,
                "RasAdminReleaseIpAddress" => e.release_ip_address = true,
                _ => {}
            }
        }
        e
    }

    /// At least one callback is exported.
    ///
    /// ```
    /// assert!(!rassapi::registration::AdminExports::default().any());
    /// ```
    pub fn any(&self) -> bool {
        self.accept_new_connection
            || self.connection_hangup_notification
            || self.get_ip_address_for_user
            || self.release_ip_address
    }

    /// The exported callbacks' names, in [`ADMIN_CALLBACKS`] order.
    ///
    /// ```
    /// use rassapi::registration::AdminExports;
    /// let all = AdminExports::from_names(rassapi::registration::ADMIN_CALLBACKS);
    /// assert_eq!(all.names().count(), 4);
    /// ```
    pub fn names(&self) -> impl Iterator<Item = &'static str> + use<> {
        let flags = [
            self.accept_new_connection,
            self.connection_hangup_notification,
            self.get_ip_address_for_user,
            self.release_ip_address,
        ];
        ADMIN_CALLBACKS
            .into_iter()
            .zip(flags)
            .filter_map(|(name, on)| on.then_some(name))
    }
}

/// Checks that `bytes` are a PE DLL exporting at least one admin callback
/// under its plain name, and says which.
///
/// Errors: [`RegistrationError::NotADll`] (with the [`PeError`]) or
/// [`RegistrationError::NoAdminExports`], which lists callbacks exported
/// only under stdcall-decorated names (`_Name@12`, `Name@12`), a common
/// mistake when building a 32-bit DLL with mingw.
///
/// ```
/// use rassapi::registration::{RegistrationError, admin_exports};
/// assert!(matches!(admin_exports(b"MZ"), Err(RegistrationError::NotADll(_))));
/// ```
pub fn admin_exports(bytes: &[u8]) -> Result<AdminExports, RegistrationError> {
    let names = dll_exports(bytes)?;
    let found = AdminExports::from_names(&names);
    if found.any() {
        return Ok(found);
    }
    let decorated = names
        .iter()
        .filter(|n| {
            let base = n.strip_prefix('_').unwrap_or(n);
            base.split_once('@').is_some_and(|(name, n)| {
                ADMIN_CALLBACKS.contains(&name) && n.parse::<u32>().is_ok()
            })
        })
        .cloned()
        .collect();
    Err(RegistrationError::NoAdminExports { decorated })
}

// ---------------------------------------------------------------------------
// Registry state and plans (pure, so they are tested on every OS)
// ---------------------------------------------------------------------------

/// What [`query`] finds under [`ADMIN_DLL_KEY`]: the stored values as they
/// are, which may be another vendor's and need not pass this module's
/// validation (a `REG_EXPAND_SZ` path, a `;`-separated list, ...).
///
/// ```
/// use rassapi::registration::RegisteredDll;
/// let r = RegisteredDll {
///     display_name: None,
///     dll_path: r"C:\a.dll; C:\b.dll".into(),
///     expand: false,
/// };
/// assert_eq!(r.paths().collect::<Vec<_>>(), [r"C:\a.dll", r"C:\b.dll"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisteredDll {
    /// `DisplayName`, if present and a string.
    pub display_name: Option<String>,
    /// `DLLPath` as stored.
    pub dll_path: String,
    /// `DLLPath` is `REG_EXPAND_SZ` (environment variables are expanded by
    /// the loader).
    pub expand: bool,
}

impl RegisteredDll {
    /// The entries of `DLLPath`: split at `;`, trimmed, surrounding quotes
    /// removed, empty entries skipped.
    ///
    /// ```
    /// use rassapi::registration::RegisteredDll;
    /// let r = RegisteredDll { display_name: None, dll_path: r#""C:\a b.dll""#.into(), expand: false };
    /// assert_eq!(r.paths().collect::<Vec<_>>(), [r"C:\a b.dll"]);
    /// ```
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.dll_path
            .split(';')
            .map(|p| p.trim().trim_matches('"').trim())
            .filter(|p| !p.is_empty())
    }
}

impl fmt::Display for RegisteredDll {
    /// `"<display name>" (<path>)`, or just the path.
    ///
    /// ```
    /// use rassapi::registration::RegisteredDll;
    /// let r = RegisteredDll { display_name: Some("X".into()), dll_path: r"C:\x.dll".into(), expand: false };
    /// assert_eq!(r.to_string(), r#""X" (C:\x.dll)"#);
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.display_name {
            Some(name) => write!(f, "{name:?} ({})", self.dll_path),
            None => f.write_str(&self.dll_path),
        }
    }
}

/// Options of [`install`].
///
/// ```
/// use rassapi::registration::InstallOptions;
/// let force = InstallOptions { overwrite_other_vendor: true };
/// assert!(!InstallOptions::default().overwrite_other_vendor);
/// # let _ = force;
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct InstallOptions {
    /// Replace a registration that names another DLL instead of failing
    /// with [`RegistrationError::Conflict`].
    pub overwrite_other_vendor: bool,
}

/// What [`install`] did. Every outcome leaves this DLL registered; failures
/// are `Err`.
///
/// ```
/// use rassapi::registration::InstallOutcome;
/// let o = InstallOutcome::DisplayNameUpdated { previous: None };
/// assert!(o.wrote());
/// assert!(!InstallOutcome::AlreadyInstalled.wrote());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum InstallOutcome {
    /// Nothing was registered; now this DLL is.
    Installed,
    /// This DLL was registered already with this display name (or is one
    /// entry of a `;` list); nothing was written.
    AlreadyInstalled,
    /// This DLL was registered already; the display name was changed.
    DisplayNameUpdated {
        /// The display name before.
        previous: Option<String>,
    },
    /// Another DLL was registered and has been replaced
    /// ([`InstallOptions::overwrite_other_vendor`]).
    Replaced {
        /// The registration that was replaced.
        previous: RegisteredDll,
    },
}

impl InstallOutcome {
    /// This call changed the registry (restart the RAS service to apply).
    ///
    /// ```
    /// assert!(rassapi::registration::InstallOutcome::Installed.wrote());
    /// ```
    pub fn wrote(&self) -> bool {
        !matches!(self, Self::AlreadyInstalled)
    }
}

/// What [`uninstall`] did.
///
/// ```
/// use rassapi::registration::UninstallOutcome;
/// assert!(UninstallOutcome::Removed.removed());
/// assert!(!UninstallOutcome::NotRegistered.removed());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum UninstallOutcome {
    /// This DLL was registered; `DisplayName` and `DLLPath` were deleted
    /// (and the key, if that left it empty).
    Removed,
    /// `DLLPath` listed this DLL among others; only its entry was removed.
    RemovedFromList {
        /// The new `DLLPath`.
        remaining: String,
    },
    /// No DLL is registered; nothing was done.
    NotRegistered,
    /// Another DLL is registered; it was left alone.
    NotOurs {
        /// The registration that was left in place.
        existing: RegisteredDll,
    },
}

impl UninstallOutcome {
    /// This call removed this DLL's registration.
    ///
    /// ```
    /// use rassapi::registration::UninstallOutcome;
    /// assert!(UninstallOutcome::RemovedFromList { remaining: r"C:\b.dll".into() }.removed());
    /// ```
    pub fn removed(&self) -> bool {
        matches!(self, Self::Removed | Self::RemovedFromList { .. })
    }
}

/// The current registry state as the planner sees it.
#[cfg_attr(not(windows), allow(dead_code))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Current {
    /// No usable `DLLPath` (key or value missing, or an empty string).
    Nothing { display_name: Option<String> },
    /// A string `DLLPath`.
    Dll(RegisteredDll),
    /// `DLLPath` has a non-string registry type.
    Unreadable { ty: u32 },
}

#[cfg_attr(not(windows), allow(dead_code))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum InstallPlan {
    Nothing,
    SetName,
    SetBoth,
}

/// Decides what [`install`] writes. `same` tells whether a stored entry
/// (already expanded) names the DLL being installed.
#[cfg_attr(not(windows), allow(dead_code))]
pub(crate) fn plan_install(
    current: &Current,
    new: &Registration,
    options: InstallOptions,
    same: impl Fn(&str) -> bool,
) -> Result<(InstallPlan, InstallOutcome), RegistrationError> {
    let conflict = |existing: RegisteredDll| {
        if options.overwrite_other_vendor {
            Ok((
                InstallPlan::SetBoth,
                InstallOutcome::Replaced { previous: existing },
            ))
        } else {
            Err(RegistrationError::Conflict {
                existing: existing.dll_path,
                display_name: existing.display_name,
            })
        }
    };
    match current {
        Current::Nothing { .. } => Ok((InstallPlan::SetBoth, InstallOutcome::Installed)),
        Current::Unreadable { ty } => conflict(RegisteredDll {
            display_name: None,
            dll_path: format!("<DLLPath of registry type {ty}>"),
            expand: false,
        }),
        Current::Dll(existing) => {
            let entries: Vec<&str> = existing.paths().collect();
            let ours = |p: &&str| same(&expand_if(p, existing.expand));
            if entries.len() > 1 && entries.iter().any(ours) {
                Ok((InstallPlan::Nothing, InstallOutcome::AlreadyInstalled))
            } else if entries.len() == 1 && entries.iter().all(ours) {
                if existing.display_name.as_deref() == Some(new.display_name()) {
                    Ok((InstallPlan::Nothing, InstallOutcome::AlreadyInstalled))
                } else {
                    Ok((
                        InstallPlan::SetName,
                        InstallOutcome::DisplayNameUpdated {
                            previous: existing.display_name.clone(),
                        },
                    ))
                }
            } else {
                conflict(existing.clone())
            }
        }
    }
}

#[cfg_attr(not(windows), allow(dead_code))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum UninstallPlan {
    Nothing,
    DeleteBoth,
    SetPath(String),
}

/// Decides what [`uninstall`] does. `same` as in [`plan_install`].
#[cfg_attr(not(windows), allow(dead_code))]
pub(crate) fn plan_uninstall(
    current: &Current,
    same: impl Fn(&str) -> bool,
) -> (UninstallPlan, UninstallOutcome) {
    match current {
        Current::Nothing { .. } => (UninstallPlan::Nothing, UninstallOutcome::NotRegistered),
        Current::Unreadable { ty } => (
            UninstallPlan::Nothing,
            UninstallOutcome::NotOurs {
                existing: RegisteredDll {
                    display_name: None,
                    dll_path: format!("<DLLPath of registry type {ty}>"),
                    expand: false,
                },
            },
        ),
        Current::Dll(existing) => {
            let (ours, others): (Vec<&str>, Vec<&str>) = existing
                .paths()
                .partition(|p| same(&expand_if(p, existing.expand)));
            if ours.is_empty() {
                (
                    UninstallPlan::Nothing,
                    UninstallOutcome::NotOurs {
                        existing: existing.clone(),
                    },
                )
            } else if others.is_empty() {
                (UninstallPlan::DeleteBoth, UninstallOutcome::Removed)
            } else {
                let remaining = others.join(";");
                (
                    UninstallPlan::SetPath(remaining.clone()),
                    UninstallOutcome::RemovedFromList { remaining },
                )
            }
        }
    }
}

fn expand_if(path: &str, expand: bool) -> String {
    if expand {
        expand_env(path, |name| std::env::var(name).ok())
    } else {
        path.to_owned()
    }
}

/// Expands `%NAME%` like `ExpandEnvironmentStrings`: unknown variables and
/// a lone `%` stay as they are.
pub(crate) fn expand_env(s: &str, lookup: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(start) = rest.find('%') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('%') {
            Some(end) if end > 0 => match lookup(&after[..end]) {
                Some(value) => {
                    out.push_str(&value);
                    rest = &after[end + 1..];
                }
                None => {
                    out.push('%');
                    out.push_str(&after[..end]);
                    rest = &after[end..];
                }
            },
            _ => {
                out.push('%');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Compares two Windows paths as the file system would for plain names:
/// ignoring case, with `/` and `\` equal.
#[cfg_attr(not(windows), allow(dead_code))]
pub(crate) fn same_path_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .map(|c| if c == '/' { '\\' } else { c })
            .flat_map(char::to_lowercase)
            .collect()
    };
    norm(a) == norm(b)
}

// ---------------------------------------------------------------------------
// Windows: the registry
// ---------------------------------------------------------------------------

#[cfg(windows)]
mod win {
    use super::*;
    use std::path::Path;
    use windows_registry::{Key, LOCAL_MACHINE, Type};

    /// `KEY_WOW64_64KEY`: the native registry view even from a 32-bit
    /// process on 64-bit Windows (ignored on 32-bit Windows).
    const KEY_WOW64_64KEY: u32 = 0x0100;
    const E_FILE_NOT_FOUND: i32 = 0x8007_0002_u32 as i32;
    const E_PATH_NOT_FOUND: i32 = 0x8007_0003_u32 as i32;
    const E_ACCESS_DENIED: i32 = 0x8007_0005_u32 as i32;

    /// Maps a registry error to [`RegistrationError`] for `object`.
    fn reg_result<T>(object: &str, r: windows_registry::Result<T>) -> Result<T, RegistrationError> {
        r.map_err(|e| {
            let hresult = e.code().0;
            if hresult == E_ACCESS_DENIED {
                RegistrationError::AccessDenied {
                    object: object.to_owned(),
                }
            } else {
                RegistrationError::Registry {
                    hresult,
                    object: object.to_owned(),
                    message: e.message(),
                }
            }
        })
    }

    fn key_name() -> String {
        ADMIN_DLL_KEY_FULL.to_owned()
    }

    /// Opens the key for reading; `Ok(None)` when it does not exist.
    fn open_read() -> Result<Option<Key>, RegistrationError> {
        match LOCAL_MACHINE
            .options()
            .read()
            .access(KEY_WOW64_64KEY)
            .open(ADMIN_DLL_KEY)
        {
            Ok(key) => Ok(Some(key)),
            Err(e) if matches!(e.code().0, E_FILE_NOT_FOUND | E_PATH_NOT_FOUND) => Ok(None),
            Err(e) => reg_result(&key_name(), Err(e)),
        }
    }

    /// Opens the key for writing, creating it if needed.
    fn open_write() -> Result<Key, RegistrationError> {
        let key = LOCAL_MACHINE
            .options()
            .read()
            .write()
            .create()
            .access(KEY_WOW64_64KEY)
            .open(ADMIN_DLL_KEY);
        reg_result(&key_name(), key)
    }

    /// A registry value as far as a string is expected.
    enum Stored {
        Missing,
        Text { value: String, expand: bool },
        OtherType(u32),
    }

    fn read_string(key: &Key, name: &str) -> Result<Stored, RegistrationError> {
        let value = match key.get_value(name) {
            Ok(v) => v,
            Err(e) if e.code().0 == E_FILE_NOT_FOUND => return Ok(Stored::Missing),
            Err(e) => {
                return reg_result(&format!("{}\\{name}", key_name()), Err(e));
            }
        };
        let expand = match value.ty() {
            Type::String => false,
            Type::ExpandString => true,
            other => return Ok(Stored::OtherType(u32::from(other))),
        };
        // Strings are stored with their terminator (sometimes several).
        let mut wide = value.as_wide();
        while let [rest @ .., 0] = wide {
            wide = rest;
        }
        Ok(Stored::Text {
            value: String::from_utf16_lossy(wide),
            expand,
        })
    }

    fn current(key: Option<&Key>) -> Result<Current, RegistrationError> {
        let Some(key) = key else {
            return Ok(Current::Nothing { display_name: None });
        };
        let display_name = match read_string(key, DISPLAY_NAME_VALUE)? {
            Stored::Text { value, .. } => Some(value),
            _ => None,
        };
        Ok(match read_string(key, DLL_PATH_VALUE)? {
            Stored::Missing => Current::Nothing { display_name },
            Stored::OtherType(ty) => Current::Unreadable { ty },
            Stored::Text { value, .. } if value.trim().is_empty() => {
                Current::Nothing { display_name }
            }
            Stored::Text { value, expand } => Current::Dll(RegisteredDll {
                display_name,
                dll_path: value,
                expand,
            }),
        })
    }

    /// Same DLL: same text (case-insensitive), or the same file once both
    /// paths are canonicalised.
    fn same_dll(ours: &str) -> impl Fn(&str) -> bool + '_ {
        move |stored: &str| {
            same_path_text(stored, ours)
                || matches!(
                    (std::fs::canonicalize(stored), std::fs::canonicalize(ours)),
                    (Ok(a), Ok(b)) if same_path_text(&a.to_string_lossy(), &b.to_string_lossy())
                )
        }
    }

    fn path_str(path: &Path) -> Result<&str, RegistrationError> {
        path.to_str().ok_or_else(|| RegistrationError::InvalidPath {
            path: path.to_string_lossy().into_owned(),
            reason: "not valid Unicode",
        })
    }

    /// The machine the RAS service runs as (the OS's native one).
    fn native_machine() -> Option<(u16, &'static str)> {
        let arch = std::env::var("PROCESSOR_ARCHITEW6432")
            .or_else(|_| std::env::var("PROCESSOR_ARCHITECTURE"))
            .ok()?;
        match arch.to_ascii_uppercase().as_str() {
            "X86" => Some((MACHINE_I386, "x86")),
            "AMD64" => Some((MACHINE_AMD64, "x64")),
            // ARM64 can load ARM64X/ARM64EC images too: no check there.
            _ => None,
        }
    }

    /// Checks the file: exists, readable, a DLL for the native machine
    /// exporting at least one callback.
    fn check_file(path: &str) -> Result<AdminExports, RegistrationError> {
        let io = |source: std::io::Error| match source.kind() {
            std::io::ErrorKind::NotFound => RegistrationError::NotFound {
                path: path.to_owned(),
            },
            std::io::ErrorKind::PermissionDenied => RegistrationError::AccessDenied {
                object: path.to_owned(),
            },
            _ => RegistrationError::Io {
                path: path.to_owned(),
                source,
            },
        };
        if std::fs::metadata(path).map_err(io)?.is_dir() {
            return Err(RegistrationError::InvalidPath {
                path: path.to_owned(),
                reason: "is a folder, not a DLL",
            });
        }
        let bytes = std::fs::read(path).map_err(io)?;
        let info = dll_info(&bytes)?;
        if let Some((machine, system)) = native_machine() {
            if info.machine != machine {
                return Err(RegistrationError::WrongArchitecture {
                    dll: info.machine_name(),
                    system,
                });
            }
        }
        admin_exports(&bytes)
    }

    /// Registers `dll_path` as the RAS admin DLL under `display_name`.
    ///
    /// Checks, in this order: the display name and path syntax
    /// ([`Registration::new`]), that the file exists and is a DLL for the
    /// system's architecture (x86 or x64, as `PROCESSOR_ARCHITEW6432` or
    /// `PROCESSOR_ARCHITECTURE` report it; not checked on other machines)
    /// exporting at least one callback ([`admin_exports`]), and the current
    /// registration: the same DLL
    /// (see [`uninstall`] for how paths are compared) is success without
    /// writing anything but, if different, the display name; another DLL is
    /// [`RegistrationError::Conflict`] unless
    /// [`InstallOptions::overwrite_other_vendor`] is set. Writes
    /// `DLLPath` then `DisplayName`, both `REG_SZ`, in the native registry
    /// view. Needs an administrator ([`RegistrationError::AccessDenied`])
    /// unless nothing has to change. The RAS service reads the key when it
    /// starts: restart it afterwards.
    ///
    /// ```no_run
    /// use rassapi::registration::{InstallOptions, InstallOutcome, install};
    /// let outcome = install(
    ///     "Contoso Accounting",
    ///     r"C:\Program Files\Contoso\acct.dll",
    ///     InstallOptions::default(),
    /// )?;
    /// if let InstallOutcome::Installed = outcome {
    ///     println!("registered; restart the Remote Access service");
    /// }
    /// # Ok::<(), rassapi::registration::RegistrationError>(())
    /// ```
    pub fn install(
        display_name: &str,
        dll_path: impl AsRef<Path>,
        options: InstallOptions,
    ) -> Result<InstallOutcome, RegistrationError> {
        let reg = Registration::new(display_name, path_str(dll_path.as_ref())?)?;
        check_file(reg.dll_path())?;
        let read_key = open_read()?;
        let (plan, outcome) = plan_install(
            &current(read_key.as_ref())?,
            &reg,
            options,
            same_dll(reg.dll_path()),
        )?;
        drop(read_key);
        let object = key_name();
        match plan {
            InstallPlan::Nothing => {}
            InstallPlan::SetName => {
                let key = open_write()?;
                reg_result(
                    &object,
                    key.set_string(DISPLAY_NAME_VALUE, reg.display_name()),
                )?;
            }
            InstallPlan::SetBoth => {
                let key = open_write()?;
                reg_result(&object, key.set_string(DLL_PATH_VALUE, reg.dll_path()))?;
                reg_result(
                    &object,
                    key.set_string(DISPLAY_NAME_VALUE, reg.display_name()),
                )?;
            }
        }
        Ok(outcome)
    }

    /// Unregisters `dll_path` if it is the registered RAS admin DLL.
    ///
    /// `DLLPath` names this DLL when an entry, after expanding
    /// `%VARIABLES%` if the value is `REG_EXPAND_SZ`, equals `dll_path`
    /// ignoring case and `/` versus `\`, or when both files exist and have
    /// the same canonical path. Then `DisplayName` and `DLLPath` are
    /// deleted, and the key too if nothing else is left in it
    /// ([`UninstallOutcome::Removed`]); from a `;` list only this DLL's
    /// entry is removed ([`UninstallOutcome::RemovedFromList`]). Another
    /// vendor's registration is left alone ([`UninstallOutcome::NotOurs`],
    /// which is `Ok`: this DLL is not registered, which is what uninstall
    /// promises). Nothing registered is [`UninstallOutcome::NotRegistered`].
    ///
    /// The path must be absolute ([`validate_dll_path`]) but the file need
    /// not exist any more.
    ///
    /// ```no_run
    /// use rassapi::registration::{UninstallOutcome, uninstall};
    /// match uninstall(r"C:\Program Files\Contoso\acct.dll")? {
    ///     UninstallOutcome::NotOurs { existing } => println!("left {existing} in place"),
    ///     other => println!("{other:?}"),
    /// }
    /// # Ok::<(), rassapi::registration::RegistrationError>(())
    /// ```
    pub fn uninstall(dll_path: impl AsRef<Path>) -> Result<UninstallOutcome, RegistrationError> {
        let path = path_str(dll_path.as_ref())?;
        validate_dll_path(path)?;
        let read_key = open_read()?;
        let (plan, outcome) = plan_uninstall(&current(read_key.as_ref())?, same_dll(path));
        drop(read_key);
        let object = key_name();
        match plan {
            UninstallPlan::Nothing => {}
            UninstallPlan::SetPath(remaining) => {
                // Keep the value's type (a REG_EXPAND_SZ list stays one).
                let key = open_write()?;
                let expand = matches!(key.get_type(DLL_PATH_VALUE), Ok(Type::ExpandString));
                let r = if expand {
                    key.set_expand_string(DLL_PATH_VALUE, &remaining)
                } else {
                    key.set_string(DLL_PATH_VALUE, &remaining)
                };
                reg_result(&object, r)?;
            }
            UninstallPlan::DeleteBoth => {
                let key = open_write()?;
                for name in [DLL_PATH_VALUE, DISPLAY_NAME_VALUE] {
                    match key.remove_value(name) {
                        Err(e) if e.code().0 == E_FILE_NOT_FOUND => {}
                        r => reg_result(&object, r)?,
                    }
                }
                let empty = key.values().is_ok_and(|mut v| v.next().is_none())
                    && key.keys().is_ok_and(|mut k| k.next().is_none());
                drop(key);
                if empty {
                    // Best effort: an empty key loads no admin DLL either.
                    let parent = ADMIN_DLL_KEY.rsplit_once('\\').map_or("", |(p, _)| p);
                    if let Ok(parent) = LOCAL_MACHINE
                        .options()
                        .read()
                        .write()
                        .access(KEY_WOW64_64KEY)
                        .open(parent)
                    {
                        let _ = parent.remove_tree("AdminDll");
                    }
                }
            }
        }
        Ok(outcome)
    }

    /// Reads the current registration, `Ok(None)` if no DLL is registered
    /// (no key, no `DLLPath`, or an empty one).
    ///
    /// Returns the stored values as they are ([`RegisteredDll`]), not a
    /// [`Registration`]: they may be another vendor's and need not pass
    /// this module's validation. A `DLLPath` of a non-string type is a
    /// [`RegistrationError::Registry`] error (`ERROR_INVALID_DATA`).
    ///
    /// ```no_run
    /// match rassapi::registration::query()? {
    ///     Some(dll) => println!("registered: {dll}"),
    ///     None => println!("no RAS admin DLL registered"),
    /// }
    /// # Ok::<(), rassapi::registration::RegistrationError>(())
    /// ```
    pub fn query() -> Result<Option<RegisteredDll>, RegistrationError> {
        let key = open_read()?;
        match current(key.as_ref())? {
            Current::Nothing { .. } => Ok(None),
            Current::Dll(dll) => Ok(Some(dll)),
            Current::Unreadable { ty } => Err(RegistrationError::Registry {
                hresult: 0x8007_000D_u32 as i32, // ERROR_INVALID_DATA
                object: format!("{}\\{DLL_PATH_VALUE}", key_name()),
                message: format!("DLLPath has registry type {ty}, not a string"),
            }),
        }
    }
}

#[cfg(windows)]
pub use win::{install, query, uninstall};

#[cfg(test)]
mod tests {
    use super::*;

    fn reg(path: &str) -> Registration {
        Registration::new("Ours", path).unwrap()
    }

    fn dll(path: &str, name: Option<&str>) -> Current {
        Current::Dll(RegisteredDll {
            display_name: name.map(str::to_owned),
            dll_path: path.into(),
            expand: false,
        })
    }

    fn same(ours: &str) -> impl Fn(&str) -> bool + '_ {
        move |p| same_path_text(p, ours)
    }

    const OURS: &str = r"C:\Ras\Ours.dll";

    #[test]
    fn install_plan_nothing_registered() {
        let cur = Current::Nothing {
            display_name: Some("stale".into()),
        };
        let (plan, out) =
            plan_install(&cur, &reg(OURS), InstallOptions::default(), same(OURS)).unwrap();
        assert_eq!(
            (plan, out),
            (InstallPlan::SetBoth, InstallOutcome::Installed)
        );
    }

    #[test]
    fn install_plan_same_dll_is_idempotent() {
        let cur = dll(r"c:/ras/OURS.DLL", Some("Ours"));
        let (plan, out) =
            plan_install(&cur, &reg(OURS), InstallOptions::default(), same(OURS)).unwrap();
        assert_eq!(
            (plan, out),
            (InstallPlan::Nothing, InstallOutcome::AlreadyInstalled)
        );
        let cur = dll(OURS, Some("Old name"));
        let (plan, out) =
            plan_install(&cur, &reg(OURS), InstallOptions::default(), same(OURS)).unwrap();
        assert_eq!(plan, InstallPlan::SetName);
        assert_eq!(
            out,
            InstallOutcome::DisplayNameUpdated {
                previous: Some("Old name".into())
            }
        );
    }

    #[test]
    fn install_plan_conflict_and_overwrite() {
        let cur = dll(r"C:\Other\theirs.dll", Some("Theirs"));
        let err =
            plan_install(&cur, &reg(OURS), InstallOptions::default(), same(OURS)).unwrap_err();
        assert!(matches!(
            err,
            RegistrationError::Conflict { ref existing, ref display_name }
                if existing == r"C:\Other\theirs.dll" && display_name.as_deref() == Some("Theirs")
        ));
        assert!(err.to_string().contains("\"Theirs\""));
        let force = InstallOptions {
            overwrite_other_vendor: true,
        };
        let (plan, out) = plan_install(&cur, &reg(OURS), force, same(OURS)).unwrap();
        assert_eq!(plan, InstallPlan::SetBoth);
        assert!(matches!(out, InstallOutcome::Replaced { .. }));
        let bad = Current::Unreadable { ty: 3 };
        assert!(plan_install(&bad, &reg(OURS), InstallOptions::default(), same(OURS)).is_err());
        assert!(plan_install(&bad, &reg(OURS), force, same(OURS)).is_ok());
    }

    #[test]
    fn install_plan_lists() {
        let cur = dll(&format!(r"C:\Other\theirs.dll;{OURS}"), None);
        let (plan, out) =
            plan_install(&cur, &reg(OURS), InstallOptions::default(), same(OURS)).unwrap();
        assert_eq!(
            (plan, out),
            (InstallPlan::Nothing, InstallOutcome::AlreadyInstalled)
        );
        let cur = dll(r"C:\a.dll;C:\b.dll", None);
        assert!(plan_install(&cur, &reg(OURS), InstallOptions::default(), same(OURS)).is_err());
    }

    #[test]
    fn uninstall_plans() {
        let nothing = Current::Nothing { display_name: None };
        assert_eq!(
            plan_uninstall(&nothing, same(OURS)),
            (UninstallPlan::Nothing, UninstallOutcome::NotRegistered)
        );
        assert_eq!(
            plan_uninstall(&dll(&OURS.to_uppercase(), None), same(OURS)),
            (UninstallPlan::DeleteBoth, UninstallOutcome::Removed)
        );
        let theirs = dll(r"C:\Other\theirs.dll", Some("Theirs"));
        assert!(matches!(
            plan_uninstall(&theirs, same(OURS)),
            (UninstallPlan::Nothing, UninstallOutcome::NotOurs { .. })
        ));
        let list = dll(&format!(r"C:\a.dll; {OURS} ;C:\b.dll"), None);
        assert_eq!(
            plan_uninstall(&list, same(OURS)),
            (
                UninstallPlan::SetPath(r"C:\a.dll;C:\b.dll".into()),
                UninstallOutcome::RemovedFromList {
                    remaining: r"C:\a.dll;C:\b.dll".into()
                }
            )
        );
        assert!(matches!(
            plan_uninstall(&Current::Unreadable { ty: 4 }, same(OURS)),
            (UninstallPlan::Nothing, UninstallOutcome::NotOurs { .. })
        ));
    }

    #[test]
    fn expand_env_like_windows() {
        let lookup = |name: &str| match name.to_ascii_uppercase().as_str() {
            "PROGRAMFILES" => Some(r"C:\Program Files".to_owned()),
            "EMPTY" => Some(String::new()),
            _ => None,
        };
        assert_eq!(
            expand_env(r"%ProgramFiles%\x\a.dll", lookup),
            r"C:\Program Files\x\a.dll"
        );
        assert_eq!(expand_env(r"%NOPE%\a%EMPTY%.dll", lookup), r"%NOPE%\a.dll");
        assert_eq!(expand_env("100%", lookup), "100%");
        assert_eq!(expand_env("%%x", lookup), "%%x");
        assert_eq!(expand_env("a%NOPE%%EMPTY%b", lookup), "a%NOPE%b");
        assert_eq!(expand_env("", lookup), "");
    }

    #[test]
    fn path_text_comparison() {
        assert!(same_path_text(r"C:\Ras\Ours.dll", "c:/ras/ours.DLL"));
        assert!(same_path_text(r"C:\ÜBER\a.dll", r"c:\über\A.DLL"));
        assert!(!same_path_text(r"C:\Ras\Ours.dll", r"C:\Ras\Ours2.dll"));
    }

    #[test]
    fn decorated_names_are_reported() {
        // Not a PE: the error path never looks for names.
        assert!(matches!(
            admin_exports(&[]),
            Err(RegistrationError::NotADll(PeError::Truncated { .. }))
        ));
        assert!(decorated_hint(&["_RasAdminAcceptNewConnection@12".into()]).contains("--kill-at"));
    }
}
