//! `.reg` file text for a [`Registration`] ([`RegFormat`]: `REGEDIT4`, the
//! default, or version 5.00) and its encoding on disk.

#[cfg(all(doc, windows))]
use super::uninstall;
use super::validate::require_ascii;
use super::{
    ADMIN_DLL_KEY_FULL, DISPLAY_NAME_VALUE, DLL_PATH_VALUE, Registration, RegistrationError,
};

/// The two `.reg` file formats of Registry Editor.
///
/// ```
/// use rassapi::registration::RegFormat;
/// assert_eq!(RegFormat::default(), RegFormat::Regedit4);
/// assert_eq!(RegFormat::Regedit5.header(), "Windows Registry Editor Version 5.00");
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum RegFormat {
    /// `REGEDIT4`: ANSI text, the only format NT 4.0's Registry Editor
    /// reads; Windows 2000 and later read it too. Only ASCII names and
    /// paths are accepted ([`RegistrationError::NotAnsi`]), because the
    /// file is read in whatever ANSI code page the machine has. The file
    /// has no comment lines: it holds only what every Registry Editor
    /// since NT 4.0 reads (header, blank line, key, values, blank line).
    #[default]
    Regedit4,
    /// `Windows Registry Editor Version 5.00`: Windows 2000 and later only.
    /// Any Unicode text when written as UTF-16LE with [`encode_reg_file`].
    /// Starts with two comment lines saying what the file does.
    Regedit5,
}

impl RegFormat {
    /// The first line of a file of this format (without the CRLF).
    ///
    /// ```
    /// assert_eq!(rassapi::registration::RegFormat::Regedit4.header(), "REGEDIT4");
    /// ```
    pub fn header(self) -> &'static str {
        match self {
            Self::Regedit4 => "REGEDIT4",
            Self::Regedit5 => "Windows Registry Editor Version 5.00",
        }
    }
}

impl Registration {
    /// `.reg` file text that sets `DisplayName` and `DLLPath` (both
    /// `REG_SZ`): the header line, a blank line, the key, the two values,
    /// and a trailing blank line (older Registry Editors may drop a last
    /// line that has no line end); CRLF line endings; inside the quoted
    /// values `\` is written `\\` and `"` is written `\"` (the same in both
    /// formats).
    ///
    /// Importing it replaces whatever DLL was registered: a `.reg` file
    /// cannot check first. Write it to disk with [`encode_reg_file`].
    ///
    /// Errors: [`RegistrationError::NotAnsi`] for [`RegFormat::Regedit4`]
    /// when the name or path is not ASCII.
    ///
    /// ```
    /// use rassapi::registration::{RegFormat, Registration};
    /// let reg = Registration::new(r#"Contoso "Acct""#, r"C:\ras\acct.dll")?;
    /// assert_eq!(
    ///     reg.to_reg_install(RegFormat::Regedit4)?,
    ///     "REGEDIT4\r\n\r\n\
    ///      [HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\RAS\\AdminDll]\r\n\
    ///      \"DisplayName\"=\"Contoso \\\"Acct\\\"\"\r\n\
    ///      \"DLLPath\"=\"C:\\\\ras\\\\acct.dll\"\r\n\r\n"
    /// );
    /// let v5 = reg.to_reg_install(RegFormat::Regedit5)?;
    /// assert!(v5.starts_with("Windows Registry Editor Version 5.00\r\n\r\n; "));
    /// # Ok::<(), rassapi::registration::RegistrationError>(())
    /// ```
    pub fn to_reg_install(&self, format: RegFormat) -> Result<String, RegistrationError> {
        self.check_format(format)?;
        let mut s = header(format);
        if format == RegFormat::Regedit5 {
            s += &format!(
                "; Registers the RAS admin DLL {} ({}).\r\n\
                 ; A .reg file cannot check first: this replaces any admin DLL registered before.\r\n",
                self.display_name(),
                self.dll_path()
            );
        }
        s += &format!("[{ADMIN_DLL_KEY_FULL}]\r\n");
        s += &format!(
            "\"{DISPLAY_NAME_VALUE}\"=\"{}\"\r\n",
            reg_escape(self.display_name())
        );
        s += &format!(
            "\"{DLL_PATH_VALUE}\"=\"{}\"\r\n",
            reg_escape(self.dll_path())
        );
        s += "\r\n";
        Ok(s)
    }

    /// `.reg` file text that deletes the `DisplayName` and `DLLPath` values
    /// (`"DisplayName"=-`), keeping the key; layout as in
    /// [`Registration::to_reg_install`].
    ///
    /// Why the values and not the key: [`uninstall`] deletes the two values
    /// and then the key only if nothing else is in it, and a `.reg` file
    /// cannot test that, so it does the part that is always right. Deleting
    /// the key (`[-HKEY_...]`) could remove other software's values there;
    /// an empty key loads no admin DLL either. A `.reg` file cannot check
    /// which DLL is registered either: it removes the values even if they
    /// name another vendor's DLL by then ([`uninstall`] checks).
    ///
    /// Value deletion (`=-`) is what Registry Editor of Windows 2000 and
    /// later (and Wine's `reg import`, which the tests use) carry out; this
    /// crate has no evidence that NT 4.0's Registry Editor does, so on
    /// NT 4.0 uninstall with the `.inf` file's `DefaultUninstall`
    /// ([`InfInstaller`](super::InfInstaller)), which setupapi carries out.
    ///
    /// ```
    /// use rassapi::registration::{RegFormat, Registration};
    /// let text = Registration::new("Contoso", r"C:\ras\acct.dll")?.to_reg_uninstall(RegFormat::Regedit4)?;
    /// assert!(text.ends_with("]\r\n\"DisplayName\"=-\r\n\"DLLPath\"=-\r\n\r\n"));
    /// assert!(!text.contains("[-HKEY"));
    /// # Ok::<(), rassapi::registration::RegistrationError>(())
    /// ```
    pub fn to_reg_uninstall(&self, format: RegFormat) -> Result<String, RegistrationError> {
        self.check_format(format)?;
        let mut s = header(format);
        if format == RegFormat::Regedit5 {
            s += &format!(
                "; Unregisters the RAS admin DLL {} ({}).\r\n\
                 ; A .reg file cannot check first: this removes DisplayName and DLLPath whatever DLL\r\n\
                 ; they name by now, and keeps the key.\r\n",
                self.display_name(),
                self.dll_path()
            );
        }
        s += &format!("[{ADMIN_DLL_KEY_FULL}]\r\n");
        s += &format!("\"{DISPLAY_NAME_VALUE}\"=-\r\n");
        s += &format!("\"{DLL_PATH_VALUE}\"=-\r\n");
        s += "\r\n";
        Ok(s)
    }

    fn check_format(&self, format: RegFormat) -> Result<(), RegistrationError> {
        if format == RegFormat::Regedit4 {
            require_ascii(DISPLAY_NAME_VALUE, self.display_name(), "REGEDIT4")?;
            require_ascii(DLL_PATH_VALUE, self.dll_path(), "REGEDIT4")?;
        }
        Ok(())
    }
}

fn header(format: RegFormat) -> String {
    format!("{}\r\n\r\n", format.header())
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

/// The bytes of a `.reg` file holding `text`, as Registry Editor writes
/// that format:
///
/// * [`RegFormat::Regedit4`]: the ASCII bytes as they are (ASCII is the
///   same in every ANSI code page); text that is not ASCII is
///   [`RegistrationError::NotAnsi`] rather than bytes that would read as
///   other characters.
/// * [`RegFormat::Regedit5`]: UTF-16LE with a byte-order mark, so
///   non-ASCII names and paths import correctly (`reg import` and
///   `regedit` read a file without a BOM in the ANSI code page, so UTF-8
///   `Ü` would arrive as `Ãœ`).
///
/// ```
/// use rassapi::registration::{RegFormat, Registration, encode_reg_file};
/// let text = Registration::new("Ü", r"C:\a.dll")?.to_reg_install(RegFormat::Regedit5)?;
/// let bytes = encode_reg_file(&text, RegFormat::Regedit5)?;
/// assert_eq!(&bytes[..4], &[0xFF, 0xFE, b'W', 0]);
/// assert_eq!(bytes.len(), 2 + 2 * text.encode_utf16().count());
/// let ansi = encode_reg_file("REGEDIT4\r\n\r\n", RegFormat::Regedit4)?;
/// assert_eq!(ansi, b"REGEDIT4\r\n\r\n");
/// assert!(encode_reg_file(&text, RegFormat::Regedit4).is_err());
/// # Ok::<(), rassapi::registration::RegistrationError>(())
/// ```
pub fn encode_reg_file(text: &str, format: RegFormat) -> Result<Vec<u8>, RegistrationError> {
    match format {
        RegFormat::Regedit4 => {
            require_ascii(".reg text", text, "REGEDIT4")?;
            Ok(text.as_bytes().to_vec())
        }
        RegFormat::Regedit5 => {
            let mut out = Vec::with_capacity(2 + 2 * text.len());
            out.extend_from_slice(&[0xFF, 0xFE]);
            for unit in text.encode_utf16() {
                out.extend_from_slice(&unit.to_le_bytes());
            }
            Ok(out)
        }
    }
}
