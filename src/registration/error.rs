//! The errors of [`registration`](super): [`PeError`] for bytes that are
//! not a usable PE DLL, [`RegistrationError`] for everything else.

use super::WindowsVersion;
#[cfg(doc)]
use super::{InstallOptions, RegFormat, dll_info};

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
        "the DLL exports none of {}{}",
        crate::export::Callback::EXPORT_NAMES.join(", "),
        decorated_hint(.decorated)
    )]
    NoAdminExports {
        /// Callbacks exported only under a stdcall-decorated name such as
        /// `RasAdminAcceptNewConnection@12`, which RAS does not find (link
        /// with `--kill-at` or a `.def` file).
        decorated: Vec<String>,
    },
    /// A `REGEDIT4` `.reg` file or an `.inf` file would have to carry a
    /// character outside ASCII. Both formats are read in the machine's ANSI
    /// code page, which differs between installations (1252 in Western
    /// Europe, 1251, 932, ...), so only ASCII arrives as written; anything
    /// else would turn into other characters. Use an ASCII name or path, or
    /// [`RegFormat::Regedit5`] (Windows 2000 and later, UTF-16).
    #[error(
        "{field} {value:?} contains {character:?} (U+{code:04X}) at character {position}: \
         {format} files are read in the machine's ANSI code page, so only ASCII is safe",
        code = u32::from(*.character)
    )]
    NotAnsi {
        /// `"DisplayName"`, `"DLLPath"` or `"file name"`.
        field: &'static str,
        /// The whole value.
        value: String,
        /// The first character that is not ASCII.
        character: char,
        /// Its position, counted in characters from 0.
        position: usize,
        /// `"REGEDIT4"` or `".inf"`.
        format: &'static str,
    },
    /// The DLL file name given to the `.inf` generator is not a plain file
    /// name it can copy to `%11%` (system32).
    #[error("invalid DLL file name {name:?}: {reason}")]
    InvalidFileName {
        /// The name as given.
        name: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The Windows version could not be read from
    /// `HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion`.
    #[error("cannot tell the Windows version: {found}")]
    UnknownWindowsVersion {
        /// What was found instead.
        found: String,
    },
    /// On this Windows version the remote access service is RRAS, which
    /// calls `MprAdmin*` exports (not the NT 4.0 `RasAdmin*` ones) and
    /// refuses to start when a registered DLL lacks one it requires, taking
    /// remote access down. Export the RRAS set too, or, for a machine whose
    /// remote access service is not in use, pass
    /// [`InstallOptions::allow_missing_rras_exports`].
    #[error(
        "refusing to register: on Windows {version} Routing and Remote Access calls MprAdmin* \
         callbacks and fails to start when an admin DLL lacks a required one; this DLL lacks: {}",
        .missing.join("; ")
    )]
    MissingRrasExports {
        /// The Windows version checked against.
        version: WindowsVersion,
        /// One entry per unmet requirement (alternatives joined by `or`).
        missing: Vec<String>,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registration::admin_exports;

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
