//! `.reg` file text for a [`Registration`] and its encoding on disk.

#[cfg(all(doc, windows))]
use super::uninstall;
use super::{ADMIN_DLL_KEY_FULL, DISPLAY_NAME_VALUE, DLL_PATH_VALUE, Registration};

const REG_HEADER: &str = "Windows Registry Editor Version 5.00\r\n\r\n";

impl Registration {
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
            self.display_name(),
            self.dll_path()
        );
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
            self.display_name(),
            self.dll_path()
        );
        s += &format!("[{ADMIN_DLL_KEY_FULL}]\r\n");
        s += &format!("\"{DISPLAY_NAME_VALUE}\"=-\r\n");
        s += &format!("\"{DLL_PATH_VALUE}\"=-\r\n");
        s += "\r\n";
        s
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
