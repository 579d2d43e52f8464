//! A minimal PE image writer for tests, shared by `tests/registration.rs`
//! and `tests/registration_windows.rs` (no DLL is checked into git):
//!
//! ```ignore
//! #[path = "support/pe_image.rs"]
//! mod pe_image;
//! ```
//!
//! The image has the headers (`SECTION_FILE` bytes), an `.edata` section at
//! RVA `SECTION_RVA` holding the export table, and a `.text` section with
//! one `ret` that every export points at (an RVA inside the export section
//! would be read as a forwarder string). It is never loaded, only read.

/// RVA of the `.edata` section (and of the export directory at its start).
pub const SECTION_RVA: u32 = 0x1000;
/// File offset of the `.edata` section: the size of the headers.
pub const SECTION_FILE: usize = 0x200;

/// `IMAGE_FILE_EXECUTABLE_IMAGE | IMAGE_FILE_32BIT_MACHINE | IMAGE_FILE_DLL`.
pub const DLL: u16 = 0x2102;
/// `IMAGE_FILE_EXECUTABLE_IMAGE | IMAGE_FILE_32BIT_MACHINE`: an .exe.
pub const EXE: u16 = 0x0102;

/// An image and where the writer put things, for tests that corrupt them.
// The layout offsets are read by tests/registration.rs only; the other
// includer uses just `bytes`.
#[allow(dead_code)]
pub struct Pe {
    pub bytes: Vec<u8>,
    /// File offset of the COFF file header.
    pub coff: usize,
    /// File offset of the optional header.
    pub opt: usize,
    /// File offset of the section table (`.edata`, then `.text`).
    pub section_table: usize,
    /// File offset of the export directory (RVA `SECTION_RVA`).
    pub export_dir: usize,
    /// File offset of the first name string (the end of the export data if
    /// there are no exports).
    pub first_name: usize,
}

pub fn put16(b: &mut [u8], off: usize, v: u16) {
    b[off..off + 2].copy_from_slice(&v.to_le_bytes());
}

pub fn put32(b: &mut [u8], off: usize, v: u32) {
    b[off..off + 4].copy_from_slice(&v.to_le_bytes());
}

/// A PE32+ (x64) or PE32 (x86) image with COFF `characteristics` ([`DLL`],
/// [`EXE`], or anything else) whose export table names `exports`, in order,
/// each pointing at a `ret`.
pub fn build_pe(pe32_plus: bool, characteristics: u16, exports: &[&str]) -> Pe {
    let machine: u16 = if pe32_plus { 0x8664 } else { 0x014c };
    let opt_size: u16 = if pe32_plus { 240 } else { 224 };
    let n = exports.len();
    // Section layout (offsets from the section start).
    let dir = 0usize;
    let funcs = 40;
    let names = funcs + 4 * n;
    let ords = names + 4 * n;
    let dll_name = ords + 2 * n;
    let mut strings = dll_name + 16; // "rasadmin.dll\0" padded
    let name_offsets: Vec<usize> = exports
        .iter()
        .map(|e| {
            let at = strings;
            strings += e.len() + 1;
            at
        })
        .collect();
    let end = strings;
    let raw_size = end.div_ceil(0x200) * 0x200;
    let text_rva = SECTION_RVA + (raw_size as u32).next_multiple_of(0x1000);
    let mut sec = vec![0u8; raw_size];
    let rva = |off: usize| SECTION_RVA + off as u32;
    put32(&mut sec, dir + 12, rva(dll_name));
    put32(&mut sec, dir + 16, 1); // ordinal base
    put32(&mut sec, dir + 20, n as u32);
    put32(&mut sec, dir + 24, n as u32);
    put32(&mut sec, dir + 28, rva(funcs));
    put32(&mut sec, dir + 32, rva(names));
    put32(&mut sec, dir + 36, rva(ords));
    for (i, (e, at)) in exports.iter().zip(&name_offsets).enumerate() {
        put32(&mut sec, funcs + 4 * i, text_rva);
        put32(&mut sec, names + 4 * i, rva(*at));
        put16(&mut sec, ords + 2 * i, i as u16);
        sec[*at..*at + e.len()].copy_from_slice(e.as_bytes());
    }
    sec[dll_name..dll_name + 12].copy_from_slice(b"rasadmin.dll");

    let mut b = vec![0u8; SECTION_FILE];
    b[..2].copy_from_slice(b"MZ");
    put32(&mut b, 0x3c, 0x40); // e_lfanew
    b[0x40..0x44].copy_from_slice(b"PE\0\0");
    let coff = 0x44;
    put16(&mut b, coff, machine);
    put16(&mut b, coff + 2, 2); // sections
    put16(&mut b, coff + 16, opt_size);
    put16(&mut b, coff + 18, characteristics);
    let opt = coff + 20;
    put16(&mut b, opt, if pe32_plus { 0x20b } else { 0x10b });
    b[opt + 2] = 2; // linker version
    put32(&mut b, opt + 16, 0); // no entry point
    if pe32_plus {
        b[opt + 24..opt + 32].copy_from_slice(&0x1_8000_0000u64.to_le_bytes());
    } else {
        put32(&mut b, opt + 28, 0x1000_0000);
    }
    put32(&mut b, opt + 32, 0x1000); // section alignment
    put32(&mut b, opt + 36, 0x200); // file alignment
    put16(&mut b, opt + 40, 4); // OS version 4.0
    put16(&mut b, opt + 48, 4); // subsystem version 4.0
    put32(&mut b, opt + 56, text_rva + 0x1000); // size of image
    put32(&mut b, opt + 60, SECTION_FILE as u32); // size of headers
    put16(&mut b, opt + 68, 2); // GUI subsystem
    let dirs = if pe32_plus { opt + 112 } else { opt + 96 };
    put32(&mut b, dirs - 4, 16); // NumberOfRvaAndSizes
    put32(&mut b, dirs, SECTION_RVA); // export directory
    put32(&mut b, dirs + 4, (end - dir) as u32);
    let st = opt + usize::from(opt_size);
    for (i, (name, va, vsize, rawsize, ptr, flags)) in [
        // Initialised data, read.
        (
            b".edata\0\0",
            SECTION_RVA,
            end,
            raw_size,
            SECTION_FILE,
            0x4000_0040u32,
        ),
        // Code, execute, read.
        (
            b".text\0\0\0",
            text_rva,
            1,
            0x200,
            SECTION_FILE + raw_size,
            0x6000_0020,
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let h = st + 40 * i;
        b[h..h + 8].copy_from_slice(name);
        put32(&mut b, h + 8, vsize as u32);
        put32(&mut b, h + 12, va);
        put32(&mut b, h + 16, rawsize as u32);
        put32(&mut b, h + 20, ptr as u32);
        put32(&mut b, h + 36, flags);
    }
    b.extend_from_slice(&sec);
    let mut code = vec![0u8; 0x200];
    code[0] = 0xc3; // ret
    b.extend_from_slice(&code);
    Pe {
        bytes: b,
        coff,
        opt,
        section_table: st,
        export_dir: SECTION_FILE + dir,
        first_name: SECTION_FILE + name_offsets.first().copied().unwrap_or(end),
    }
}
