//! A small, bounds-checked PE reader: [`dll_info`], [`dll_exports`], and
//! [`admin_exports`], which checks for the admin callbacks.

use super::{ADMIN_CALLBACKS, PeError, RegistrationError};

/// `IMAGE_FILE_MACHINE_I386`.
pub(super) const MACHINE_I386: u16 = 0x014c;
/// `IMAGE_FILE_MACHINE_AMD64`.
pub(super) const MACHINE_AMD64: u16 = 0x8664;
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
        use crate::export::Callback;
        let mut e = Self::default();
        for name in names {
            match Callback::from_export_name(name.as_ref()) {
                Some(Callback::AcceptNewConnection) => e.accept_new_connection = true,
                Some(Callback::ConnectionHangupNotification) => {
                    e.connection_hangup_notification = true
                }
                Some(Callback::GetIpAddressForUser) => e.get_ip_address_for_user = true,
                Some(Callback::ReleaseIpAddress) => e.release_ip_address = true,
                None => {}
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
    let decorated = super::host::decorated_callbacks(&names);
    Err(RegistrationError::NoAdminExports { decorated })
}
