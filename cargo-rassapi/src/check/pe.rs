//! What the checks read from a PE file, through `object`'s PE types: the
//! headers, the TLS and delay-import directories, imports, exports and the
//! sections; and the header checks (`pe`, `version`, `entry`, `tls`,
//! `delay`).

use std::fmt;

use object::LittleEndian as LE;
use object::pe;
use object::read::pe::{ImageNtHeaders, ImageOptionalHeader, ImageThunkData, PeFile};
use rassapi::registration::WindowsVersion;

use super::Check;
use crate::{Arch, TargetWindows};

/// How an import names its function.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportName {
    /// By name (the hint is ignored).
    Name(String),
    /// By ordinal.
    Ordinal(u16),
}

impl fmt::Display for ImportName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportName::Name(name) => f.write_str(name),
            ImportName::Ordinal(ordinal) => write!(f, "#{ordinal}"),
        }
    }
}

/// One imported function.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    /// The DLL as the import directory names it (e.g. `KERNEL32.dll`).
    pub dll: String,
    /// The function.
    pub name: ImportName,
}

/// One named export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    /// The exported name.
    pub name: String,
    /// Its RVA, or `None` for a forwarder to another DLL.
    pub rva: Option<u32>,
}

/// One section with its bytes in the file (at most its virtual size).
#[derive(Debug, Clone)]
pub struct Section<'a> {
    /// The name from the section header.
    pub name: String,
    /// The section's RVA.
    pub rva: u32,
    /// Its contents.
    pub data: &'a [u8],
    /// Marked code or executable.
    pub executable: bool,
}

/// The parts of a PE file the checks look at.
#[derive(Debug, Clone)]
pub struct PeImage<'a> {
    /// The optional header's magic (`0x10b` PE32, `0x20b` PE32+).
    pub magic: u16,
    /// The file header's machine.
    pub machine: u16,
    /// The file header's characteristics.
    pub characteristics: u16,
    /// `MajorOperatingSystemVersion.MinorOperatingSystemVersion`.
    pub os_version: (u16, u16),
    /// `MajorSubsystemVersion.MinorSubsystemVersion`.
    pub subsystem_version: (u16, u16),
    /// `AddressOfEntryPoint`.
    pub entry: u32,
    /// `ImageBase`.
    pub image_base: u64,
    /// The TLS directory's RVA, if there is one.
    pub tls: Option<u32>,
    /// The delay-import directory's RVA, if there is one.
    pub delay: Option<u32>,
    /// The imports, or why the import directory cannot be read.
    pub imports: Result<Vec<Import>, String>,
    /// The named exports, or why the export directory cannot be read.
    pub exports: Result<Vec<Export>, String>,
    /// All sections.
    pub sections: Vec<Section<'a>>,
}

/// Why a file is not a PE image at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotPe(pub String);

impl fmt::Display for NotPe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NotPe {}

impl<'a> PeImage<'a> {
    /// Parses a PE32 or PE32+ image.
    pub fn parse(data: &'a [u8]) -> Result<Self, NotPe> {
        let magic = object::read::pe::optional_header_magic(data)
            .map_err(|e| NotPe(format!("not an MZ/PE file ({e})")))?;
        let parsed = match magic {
            pe::IMAGE_NT_OPTIONAL_HDR32_MAGIC => parse_as::<pe::ImageNtHeaders32>(data),
            pe::IMAGE_NT_OPTIONAL_HDR64_MAGIC => parse_as::<pe::ImageNtHeaders64>(data),
            other => {
                return Err(NotPe(format!(
                    "optional-header magic {other:#x} is neither PE32 nor PE32+"
                )));
            }
        };
        parsed.map_err(|e| NotPe(format!("malformed PE file ({e})")))
    }

    /// The bytes from `rva` to the end of its section.
    pub fn bytes_at(&self, rva: u32) -> Option<&'a [u8]> {
        self.sections.iter().find_map(|s| {
            let offset = usize::try_from(rva.checked_sub(s.rva)?).ok()?;
            s.data.get(offset..).filter(|rest| !rest.is_empty())
        })
    }

    /// The architecture the headers say, if it is one of ours.
    fn file_arch(&self) -> Option<Arch> {
        match (self.magic, self.machine) {
            (pe::IMAGE_NT_OPTIONAL_HDR32_MAGIC, pe::IMAGE_FILE_MACHINE_I386) => Some(Arch::X86),
            (pe::IMAGE_NT_OPTIONAL_HDR64_MAGIC, pe::IMAGE_FILE_MACHINE_AMD64) => Some(Arch::X86_64),
            _ => None,
        }
    }
}

fn parse_as<Pe: ImageNtHeaders>(data: &[u8]) -> object::Result<PeImage<'_>> {
    let file = PeFile::<Pe, &[u8]>::parse(data)?;
    let headers = file.nt_headers();
    let optional = headers.optional_header();
    let directory = |id| {
        file.data_directory(id)
            .map(|d| d.virtual_address.get(LE))
            .filter(|&rva| rva != 0)
    };
    let sections = file
        .section_table()
        .iter()
        .map(|header| {
            let characteristics = header.characteristics.get(LE);
            Ok(Section {
                name: String::from_utf8_lossy(header.raw_name()).into_owned(),
                rva: header.virtual_address.get(LE),
                data: header.pe_data(data)?,
                executable: characteristics & (pe::IMAGE_SCN_MEM_EXECUTE | pe::IMAGE_SCN_CNT_CODE)
                    != 0,
            })
        })
        .collect::<object::Result<Vec<_>>>()?;
    Ok(PeImage {
        magic: optional.magic(),
        machine: headers.file_header().machine.get(LE),
        characteristics: headers.file_header().characteristics.get(LE),
        os_version: (
            optional.major_operating_system_version(),
            optional.minor_operating_system_version(),
        ),
        subsystem_version: (
            optional.major_subsystem_version(),
            optional.minor_subsystem_version(),
        ),
        entry: optional.address_of_entry_point(),
        image_base: optional.image_base(),
        tls: directory(pe::IMAGE_DIRECTORY_ENTRY_TLS),
        delay: directory(pe::IMAGE_DIRECTORY_ENTRY_DELAY_IMPORT),
        imports: imports::<Pe>(&file).map_err(|e| e.to_string()),
        exports: exports(&file).map_err(|e| e.to_string()),
        sections,
    })
}

fn imports<'d, Pe: ImageNtHeaders>(file: &PeFile<'d, Pe, &'d [u8]>) -> object::Result<Vec<Import>> {
    let mut imports = Vec::new();
    let Some(table) = file.import_table()? else {
        return Ok(imports);
    };
    let mut descriptors = table.descriptors()?;
    while let Some(descriptor) = descriptors.next()? {
        let dll = String::from_utf8_lossy(table.name(descriptor.name.get(LE))?).into_owned();
        // The lookup table (the import address table when a linker left it out).
        let lookup = match descriptor.original_first_thunk.get(LE) {
            0 => descriptor.first_thunk.get(LE),
            rva => rva,
        };
        let mut thunks = table.thunks(lookup)?;
        while let Some(thunk) = thunks.next::<Pe>()? {
            let name = if thunk.is_ordinal() {
                ImportName::Ordinal(thunk.ordinal())
            } else {
                let (_hint, name) = table.hint_name(thunk.address())?;
                ImportName::Name(String::from_utf8_lossy(name).into_owned())
            };
            imports.push(Import {
                dll: dll.clone(),
                name,
            });
        }
    }
    Ok(imports)
}

fn exports<'d, Pe: ImageNtHeaders>(file: &PeFile<'d, Pe, &'d [u8]>) -> object::Result<Vec<Export>> {
    let Some(table) = file.export_table()? else {
        return Ok(Vec::new());
    };
    let mut exports = Vec::new();
    for export in table.exports()? {
        let Some(name) = export.name else { continue };
        let rva = match export.target {
            object::read::pe::ExportTarget::Address(rva) => Some(rva),
            _ => None,
        };
        exports.push(Export {
            name: String::from_utf8_lossy(name).into_owned(),
            rva,
        });
    }
    Ok(exports)
}

/// The `pe` check: the format and machine of `arch`, and a DLL. Returns
/// whether the other checks can go on (the file is of `arch`).
pub fn check_format(image: &PeImage<'_>, arch: Arch) -> (Check, bool) {
    let (want_magic, want_machine, format, machine_name) = match arch {
        Arch::X86 => (
            pe::IMAGE_NT_OPTIONAL_HDR32_MAGIC,
            pe::IMAGE_FILE_MACHINE_I386,
            "PE32",
            "i386",
        ),
        Arch::X86_64 => (
            pe::IMAGE_NT_OPTIONAL_HDR64_MAGIC,
            pe::IMAGE_FILE_MACHINE_AMD64,
            "PE32+",
            "AMD64",
        ),
    };
    let is_dll = image.characteristics & pe::IMAGE_FILE_DLL != 0;
    let same_arch = image.file_arch() == Some(arch);
    let check = if same_arch && is_dll {
        Check::pass(
            "pe",
            format!(
                "{format} (magic {want_magic:#x}), machine {machine_name} ({want_machine:#x}), DLL (characteristics {:#06x})",
                image.characteristics
            ),
        )
    } else {
        let mut detail = format!(
            "magic {:#x} (want {want_magic:#x}), machine {:#x} (want {want_machine:#x}), characteristics {:#06x} (want the DLL bit {:#06x})",
            image.magic,
            image.machine,
            image.characteristics,
            pe::IMAGE_FILE_DLL
        );
        if !same_arch {
            detail += &format!("; the file is not {arch}, so the other checks are skipped");
        }
        Check::fail("pe", detail)
    };
    (check, same_arch)
}

/// The `version` check: the OS and subsystem versions at most the target.
pub fn check_version(image: &PeImage<'_>, windows: TargetWindows) -> Check {
    let (os_major, os_minor) = image.os_version;
    let (ss_major, ss_minor) = image.subsystem_version;
    let as_version = |(major, minor): (u16, u16)| WindowsVersion::new(major.into(), minor.into());
    let fits = as_version(image.os_version) <= windows.version
        && as_version(image.subsystem_version) <= windows.version;
    let text = format!("OS version {os_major}.{os_minor}, subsystem version {ss_major}.{ss_minor}");
    if fits {
        Check::pass("version", format!("{text} (at most {})", windows.version))
    } else {
        Check::fail(
            "version",
            format!("{text}: {windows} needs both at most {}", windows.version),
        )
    }
}

/// The `entry` check: an entry point.
pub fn check_entry(image: &PeImage<'_>) -> Check {
    match image.entry {
        0 => Check::fail("entry", "AddressOfEntryPoint is 0"),
        rva => Check::pass("entry", format!("AddressOfEntryPoint {rva:#x}")),
    }
}

/// The `tls` check: no TLS directory unless the loader sets it up.
pub fn check_tls(image: &PeImage<'_>, windows: TargetWindows) -> Check {
    match image.tls {
        None => Check::pass("tls", "no TLS directory"),
        Some(rva) if windows.tls_in_loaded_dlls() => Check::pass(
            "tls",
            format!(
                "TLS directory at RVA {rva:#x} ({windows} sets up static TLS for a loaded DLL)"
            ),
        ),
        Some(rva) => Check::fail(
            "tls",
            format!(
                "TLS directory at RVA {rva:#x}: {windows} does not set up static TLS for a DLL loaded with LoadLibrary"
            ),
        ),
    }
}

/// The `delay` check: no delay-import directory before Windows 2000.
pub fn check_delay(image: &PeImage<'_>, windows: TargetWindows) -> Check {
    match image.delay {
        None => Check::pass("delay", "no delay-import directory"),
        Some(rva) if windows.version >= WindowsVersion::WINDOWS_2000 => Check::pass(
            "delay",
            format!(
                "delay-import directory at RVA {rva:#x} (delay-load helpers exist from Windows 2000 on)"
            ),
        ),
        Some(rva) => Check::fail(
            "delay",
            format!(
                "delay-import directory at RVA {rva:#x}: {windows}'s loader and tools predate delay loading"
            ),
        ),
    }
}
