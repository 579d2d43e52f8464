//! [`Registration`] and the checks of its two parts: the display name and
//! the DLL path.

use std::fmt;

#[cfg(doc)]
use super::admin_exports;
use super::{MAX_DLL_PATH, RegistrationError};

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

/// [`RegistrationError::NotAnsi`] unless `value` is ASCII: what a file read
/// in an unknown ANSI code page (`format`) can carry unchanged.
pub(super) fn require_ascii(
    field: &'static str,
    value: &str,
    format: &'static str,
) -> Result<(), RegistrationError> {
    match value.chars().enumerate().find(|(_, c)| !c.is_ascii()) {
        None => Ok(()),
        Some((position, character)) => Err(RegistrationError::NotAnsi {
            field,
            value: value.to_owned(),
            character,
            position,
            format,
        }),
    }
}
