//! The `.inf` installer for NT 4.0 ([`InfInstaller`]): copies the DLL to
//! system32 and adds the two values; its uninstall section removes exactly
//! what it added.

#[cfg(all(doc, windows))]
use super::install;
use super::validate::{require_ascii, validate_display_name};
use super::{ADMIN_DLL_KEY, DISPLAY_NAME_VALUE, DLL_PATH_VALUE, RegistrationError};

/// Longest DLL file name accepted, so that `system32\<name>` stays within
/// `MAX_PATH` on any system folder of sane length.
const MAX_FILE_NAME: usize = 200;

/// Names Windows reserves for devices, with or without an extension.
const DEVICE_NAMES: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// Checks a DLL file name for [`InfInstaller`]: a plain name (no `\`, `/`
/// or `:`: the `.inf` copies the file from its own folder), of ASCII
/// letters, digits and `_ - . ~` only (what an INF file list carries with
/// no quoting: no spaces, `,` `;` `"` `%` `=` or brackets), with an
/// extension (`LoadLibrary` appends `.dll` to a name without one, so
/// `acct` would be looked for as `acct.dll`), not a device name (`NUL`,
/// `COM1.dll`, ...), at most 200 characters.
///
/// An 8.3 name is not required: NT 4.0 keeps long names on FAT and NTFS,
/// and setupapi copies them. Choose an 8.3 name only if the files travel on
/// a medium without long names (an old DOS floppy).
///
/// ```
/// use rassapi::registration::validate_dll_file_name;
/// assert!(validate_dll_file_name("acct.dll").is_ok());
/// assert!(validate_dll_file_name("contoso-ras_accounting.v2.dll").is_ok());
/// assert!(validate_dll_file_name(r"C:\ras\acct.dll").is_err());
/// assert!(validate_dll_file_name("my acct.dll").is_err());
/// assert!(validate_dll_file_name("acct").is_err());
/// ```
pub fn validate_dll_file_name(name: &str) -> Result<(), RegistrationError> {
    let stem = name.split('.').next().unwrap_or("");
    let reason = if name.is_empty() {
        "empty"
    } else if name.contains(['\\', '/', ':']) {
        "a path, not a file name: the .inf copies the DLL from its own folder to system32"
    } else if !name.is_ascii() {
        "not ASCII: an .inf file is read in the machine's ANSI code page"
    } else if !name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'~'))
    {
        "may contain only ASCII letters, digits and _ - . ~"
    } else if name.starts_with('.') || name.ends_with('.') || !name.contains('.') {
        "needs a name and an extension (LoadLibrary appends .dll to a name without one)"
    } else if DEVICE_NAMES.iter().any(|d| d.eq_ignore_ascii_case(stem)) {
        "is a name Windows reserves for a device"
    } else if name.len() > MAX_FILE_NAME {
        "longer than 200 characters"
    } else {
        return Ok(());
    };
    Err(RegistrationError::InvalidFileName {
        name: name.to_owned(),
        reason,
    })
}

/// An `.inf` file that installs a RAS admin DLL the NT 4.0 way: put the
/// DLL and the `.inf` in one folder, right-click the `.inf`, **Install**
/// (setupapi runs `[DefaultInstall]`). It copies the DLL to `%11%` (the
/// system32 folder) and sets `DisplayName` and `DLLPath` (`REG_SZ`, the
/// full path setupapi makes of `%11%\<file>`). **Uninstall** is the same
/// with `[DefaultUninstall]` (`rundll32 setupapi,InstallHinfSection
/// DefaultUninstall 132 <file>.inf`): it deletes the DLL from system32
/// and exactly those two values, keeping the key for the same reasons as
/// [`Registration::to_reg_uninstall`](super::Registration::to_reg_uninstall).
/// Stop the Remote Access service first, or the loaded DLL can only be
/// removed after a restart.
///
/// `Signature="$Windows NT$"`: setupapi of the NT family reads it, while
/// Windows 95/98, which have no RAS admin DLLs, reject it (a `$CHICAGO$`
/// file would install on them too).
///
/// Like a `.reg` file, an `.inf` file cannot look before it writes: it
/// replaces any registered DLL and does not check the DLL's exports. It is
/// meant for NT 4.0; on Windows 2000 and later use [`install`] (or
/// `rasreg install`), which refuses a DLL that would stop RRAS.
///
/// The text is ASCII with CRLF line endings; the display name must be
/// ASCII ([`RegistrationError::NotAnsi`]). In the quoted display name `"`
/// is written `""` and `%` is written `%%` (INF quoting rules); `\` needs
/// no escape there.
///
/// ```
/// use rassapi::registration::InfInstaller;
/// let inf = InfInstaller::new("Contoso Accounting", "acct.dll")?.to_inf();
/// assert!(inf.contains("\r\n[DefaultInstall]\r\nCopyFiles=RasAdminDll.Copy\r\nAddReg=RasAdminDll.AddReg\r\n"));
/// assert!(inf.contains(r#"HKLM,"SOFTWARE\Microsoft\RAS\AdminDll","DLLPath",0x00000000,"%11%\acct.dll""#));
/// # Ok::<(), rassapi::registration::RegistrationError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct InfInstaller {
    display_name: String,
    file_name: String,
}

impl InfInstaller {
    /// Checks the display name ([`validate_display_name`](super::validate_display_name),
    /// and ASCII) and the file name ([`validate_dll_file_name`]).
    ///
    /// ```
    /// use rassapi::registration::{InfInstaller, RegistrationError};
    /// assert!(matches!(
    ///     InfInstaller::new("Überwachung", "acct.dll"),
    ///     Err(RegistrationError::NotAnsi { .. })
    /// ));
    /// assert!(matches!(
    ///     InfInstaller::new("Contoso", r"C:\acct.dll"),
    ///     Err(RegistrationError::InvalidFileName { .. })
    /// ));
    /// ```
    pub fn new(
        display_name: impl Into<String>,
        file_name: impl Into<String>,
    ) -> Result<Self, RegistrationError> {
        let (display_name, file_name) = (display_name.into(), file_name.into());
        validate_display_name(&display_name)?;
        require_ascii(DISPLAY_NAME_VALUE, &display_name, ".inf")?;
        validate_dll_file_name(&file_name)?;
        Ok(Self {
            display_name,
            file_name,
        })
    }

    /// The display name.
    ///
    /// ```
    /// # use rassapi::registration::InfInstaller;
    /// assert_eq!(InfInstaller::new("X", "x.dll")?.display_name(), "X");
    /// # Ok::<(), rassapi::registration::RegistrationError>(())
    /// ```
    pub fn display_name(&self) -> &str {
        &self.display_name
    }

    /// The DLL's file name.
    ///
    /// ```
    /// # use rassapi::registration::InfInstaller;
    /// assert_eq!(InfInstaller::new("X", "x.dll")?.file_name(), "x.dll");
    /// # Ok::<(), rassapi::registration::RegistrationError>(())
    /// ```
    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    /// The `.inf` text (ASCII, CRLF line endings, ending with a line end).
    ///
    /// ```
    /// use rassapi::registration::InfInstaller;
    /// let inf = InfInstaller::new(r#"Contoso "100%""#, "acct.dll")?.to_inf();
    /// assert!(inf.contains(r#","DisplayName",0x00000000,"Contoso ""100%%""""#));
    /// assert!(inf.starts_with("; ") && inf.ends_with("\r\n"));
    /// # Ok::<(), rassapi::registration::RegistrationError>(())
    /// ```
    pub fn to_inf(&self) -> String {
        let key = ADMIN_DLL_KEY;
        let file = &self.file_name;
        let lines = [
            "; Installs a RAS admin DLL on Windows NT 4.0: put this file and the DLL in one",
            "; folder, right-click this file, Install. Uninstall: run",
            ";   rundll32 setupapi,InstallHinfSection DefaultUninstall 132 <this file>",
            "; On Windows 2000 and later use rasreg install, which checks the exports RRAS needs.",
            "",
            "[Version]",
            "Signature=\"$Windows NT$\"",
            "",
            "[DefaultInstall]",
            "CopyFiles=RasAdminDll.Copy",
            "AddReg=RasAdminDll.AddReg",
            "",
            "[DefaultUninstall]",
            "DelFiles=RasAdminDll.Copy",
            "DelReg=RasAdminDll.DelReg",
            "",
            "[DestinationDirs]",
            "RasAdminDll.Copy=11",
            "",
            "[SourceDisksNames]",
            "1=%RasAdminDisk%",
            "",
            "[SourceDisksFiles]",
        ];
        let mut s = String::new();
        for line in lines {
            s += line;
            s += "\r\n";
        }
        s += &format!("{file}=1\r\n\r\n");
        s += &format!("[RasAdminDll.Copy]\r\n{file}\r\n\r\n");
        s += "[RasAdminDll.AddReg]\r\n";
        s += &format!(
            "HKLM,\"{key}\",\"{DISPLAY_NAME_VALUE}\",0x00000000,\"{}\"\r\n",
            inf_quote_body(&self.display_name)
        );
        s += &format!("HKLM,\"{key}\",\"{DLL_PATH_VALUE}\",0x00000000,\"%11%\\{file}\"\r\n\r\n");
        s += "[RasAdminDll.DelReg]\r\n";
        s += &format!("HKLM,\"{key}\",\"{DISPLAY_NAME_VALUE}\"\r\n");
        s += &format!("HKLM,\"{key}\",\"{DLL_PATH_VALUE}\"\r\n\r\n");
        s += "[Strings]\r\nRasAdminDisk=\"RAS admin DLL installation files\"\r\n";
        s
    }
}

/// The inside of a quoted INF field: `"` doubled, `%` doubled (a single `%`
/// starts a `%strkey%` or `%dirid%` substitution).
fn inf_quote_body(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        if matches!(c, '"' | '%') {
            out.push(c);
        }
        out.push(c);
    }
    out
}
