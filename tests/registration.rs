//! `rassapi::registration` on every OS: `.reg` rendering, path and name
//! validation, and the PE reader on constructed and malformed images.

use rassapi::registration::{
    ADMIN_CALLBACKS, AdminApi, AdminExports, InfInstaller, PeError, RRAS_CONNECTION_PAIRS,
    RRAS_REQUIRED, RegFormat, Registration, RegistrationError, WindowsVersion, admin_exports,
    check_exports_for, dll_exports, dll_info, encode_reg_file, missing_rras_exports,
    validate_display_name, validate_dll_file_name, validate_dll_path,
};

#[path = "support/pe_image.rs"]
mod pe_image;

use pe_image::{DLL, EXE, Pe, SECTION_FILE, SECTION_RVA, build_pe, put16, put32};

/// A PE32+ DLL exporting `exports`.
fn dll(exports: &[&str]) -> Pe {
    build_pe(true, DLL, exports)
}

// ---------------------------------------------------------------------------
// PE reader: well-formed images
// ---------------------------------------------------------------------------

#[test]
fn reads_exports_of_pe32_and_pe32_plus() {
    let names = ["DllMain", "RasAdminConnectionHangupNotification", "Other"];
    for plus in [false, true] {
        let pe = build_pe(plus, DLL, &names);
        let info = dll_info(&pe.bytes).unwrap();
        assert_eq!(info.exports, names);
        assert_eq!(info.pe32_plus, plus);
        assert_eq!(info.machine_name(), if plus { "x64" } else { "x86" });
        let e = admin_exports(&pe.bytes).unwrap();
        assert_eq!(
            e.names().collect::<Vec<_>>(),
            ["RasAdminConnectionHangupNotification"]
        );
    }
}

#[test]
fn all_four_callbacks() {
    let pe = dll(&ADMIN_CALLBACKS);
    let e = admin_exports(&pe.bytes).unwrap();
    assert_eq!(
        e,
        AdminExports {
            accept_new_connection: true,
            connection_hangup_notification: true,
            get_ip_address_for_user: true,
            release_ip_address: true,
        }
    );
    assert_eq!(dll_exports(&pe.bytes).unwrap(), ADMIN_CALLBACKS);
}

#[test]
fn exe_is_rejected() {
    let pe = build_pe(false, EXE, &["RasAdminAcceptNewConnection"]);
    assert_eq!(
        dll_info(&pe.bytes),
        Err(PeError::NotADll {
            characteristics: EXE
        })
    );
    assert!(matches!(
        admin_exports(&pe.bytes),
        Err(RegistrationError::NotADll(PeError::NotADll { .. }))
    ));
}

#[test]
fn object_file_characteristics_are_rejected() {
    let pe = build_pe(true, 0x2000, &[]);
    assert_eq!(
        dll_info(&pe.bytes),
        Err(PeError::NotAnImage {
            characteristics: 0x2000
        })
    );
}

#[test]
fn dll_without_callbacks() {
    let pe = dll(&["DllMain", "rasadminacceptnewconnection"]);
    match admin_exports(&pe.bytes) {
        Err(RegistrationError::NoAdminExports { decorated }) => assert!(decorated.is_empty()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn decorated_callbacks_are_named_in_the_error() {
    let pe = build_pe(
        false,
        DLL,
        &[
            "RasAdminAcceptNewConnection@12",
            "_RasAdminConnectionHangupNotification@12",
            "RasAdminGetIpAddressForUser@x",
        ],
    );
    let err = admin_exports(&pe.bytes).unwrap_err();
    match &err {
        RegistrationError::NoAdminExports { decorated } => assert_eq!(
            decorated,
            &[
                "RasAdminAcceptNewConnection@12",
                "_RasAdminConnectionHangupNotification@12"
            ]
        ),
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("--kill-at"), "{err}");
}

#[test]
fn no_export_directory_means_no_exports() {
    let mut pe = dll(&["RasAdminAcceptNewConnection"]);
    let dirs = pe.opt + 112;
    put32(&mut pe.bytes, dirs, 0);
    put32(&mut pe.bytes, dirs + 4, 0);
    assert_eq!(dll_exports(&pe.bytes), Ok(vec![]));
    let mut pe = dll(&["RasAdminAcceptNewConnection"]);
    put32(&mut pe.bytes, pe.opt + 108, 0); // NumberOfRvaAndSizes
    assert_eq!(dll_exports(&pe.bytes), Ok(vec![]));
    let pe = dll(&[]);
    assert_eq!(dll_exports(&pe.bytes), Ok(vec![]));
    assert!(matches!(
        admin_exports(&pe.bytes),
        Err(RegistrationError::NoAdminExports { .. })
    ));
}

// ---------------------------------------------------------------------------
// PE reader: malformed images give typed errors, never panics
// ---------------------------------------------------------------------------

#[test]
fn short_and_unsigned_inputs() {
    for len in [0, 1, 2, 63] {
        assert_eq!(
            dll_info(&vec![b'M'; len]),
            Err(PeError::Truncated { what: "DOS header" }),
            "len {len}"
        );
    }
    let mut pe = dll(&[]);
    pe.bytes[0] = b'Z';
    assert_eq!(dll_info(&pe.bytes), Err(PeError::NoMzSignature));
    let mut pe = dll(&[]);
    pe.bytes[0x41] = b'X';
    assert_eq!(dll_info(&pe.bytes), Err(PeError::NoPeSignature));
}

#[test]
fn e_lfanew_out_of_range() {
    for lfanew in [u32::MAX, u32::MAX - 3, 0x1_0000, 0x3c + 1] {
        let mut pe = dll(&[]);
        put32(&mut pe.bytes, 0x3c, lfanew);
        assert_eq!(
            dll_info(&pe.bytes),
            Err(PeError::NoPeSignature),
            "{lfanew:#x}"
        );
    }
}

#[test]
fn truncated_headers() {
    let pe = dll(&["RasAdminAcceptNewConnection"]);
    let cut = |len: usize| dll_info(&pe.bytes[..len]);
    assert_eq!(cut(0x42), Err(PeError::NoPeSignature));
    assert_eq!(
        cut(0x44),
        Err(PeError::Truncated {
            what: "COFF header"
        })
    );
    assert_eq!(
        cut(pe.coff + 10),
        Err(PeError::Truncated {
            what: "COFF header"
        })
    );
    assert_eq!(
        cut(pe.opt + 1),
        Err(PeError::Truncated {
            what: "optional header"
        })
    );
    assert_eq!(
        cut(pe.opt + 62),
        Err(PeError::Truncated {
            what: "optional header"
        })
    );
    assert_eq!(
        cut(pe.opt + 116),
        Err(PeError::Truncated {
            what: "data directories"
        })
    );
    assert_eq!(
        cut(pe.section_table + 39),
        Err(PeError::Truncated {
            what: "section table"
        })
    );
    // Headers complete, section data missing.
    assert!(matches!(
        cut(SECTION_FILE),
        Err(PeError::RvaOutOfRange {
            what: "export directory",
            ..
        })
    ));
}

#[test]
fn every_prefix_is_handled() {
    for plus in [false, true] {
        let pe = build_pe(plus, DLL, &ADMIN_CALLBACKS);
        for len in 0..pe.bytes.len() {
            let r = dll_info(&pe.bytes[..len]);
            if len < SECTION_FILE {
                assert!(r.is_err(), "prefix {len} parsed");
            }
        }
    }
}

#[test]
fn unknown_optional_header_magic() {
    let mut pe = dll(&[]);
    put16(&mut pe.bytes, pe.opt, 0x107); // ROM image
    assert_eq!(
        dll_info(&pe.bytes),
        Err(PeError::UnknownOptionalHeader { magic: 0x107 })
    );
}

#[test]
fn huge_section_count() {
    let mut pe = dll(&[]);
    put16(&mut pe.bytes, pe.coff + 2, u16::MAX);
    assert_eq!(
        dll_info(&pe.bytes),
        Err(PeError::Truncated {
            what: "section table"
        })
    );
}

#[test]
fn export_directory_past_the_end() {
    for rva in [0x9000_0000, u32::MAX, SECTION_RVA + 0x10_0000] {
        let mut pe = dll(&["RasAdminAcceptNewConnection"]);
        put32(&mut pe.bytes, pe.opt + 112, rva);
        assert_eq!(
            dll_info(&pe.bytes),
            Err(PeError::RvaOutOfRange {
                what: "export directory",
                rva
            })
        );
    }
    // The directory starts inside the section but its 40 bytes do not fit.
    let mut pe = dll(&["RasAdminAcceptNewConnection"]);
    let raw = u32::from_le_bytes(pe.bytes[pe.section_table + 16..][..4].try_into().unwrap());
    let rva = SECTION_RVA + raw - 8;
    put32(&mut pe.bytes, pe.opt + 112, rva);
    assert!(matches!(
        dll_info(&pe.bytes),
        Err(PeError::RvaOutOfRange {
            what: "export directory",
            ..
        })
    ));
}

#[test]
fn huge_name_counts() {
    for count in [u32::MAX, 0x4000_0000, 0x1000] {
        let mut pe = dll(&["RasAdminAcceptNewConnection"]);
        put32(&mut pe.bytes, pe.export_dir + 24, count);
        assert!(
            matches!(
                dll_info(&pe.bytes),
                Err(PeError::RvaOutOfRange {
                    what: "export name table",
                    ..
                })
            ),
            "{count:#x}"
        );
    }
}

#[test]
fn name_rvas_out_of_range() {
    let mut pe = dll(&["RasAdminAcceptNewConnection"]);
    let names_rva = u32::from_le_bytes(pe.bytes[pe.export_dir + 32..][..4].try_into().unwrap());
    let entry = SECTION_FILE + (names_rva - SECTION_RVA) as usize;
    for rva in [0, 0x10, u32::MAX, 0x7fff_ffff, SECTION_RVA + 0x10_0000] {
        put32(&mut pe.bytes, entry, rva);
        let r = dll_info(&pe.bytes);
        if rva < SECTION_FILE as u32 {
            // Inside the headers: a (strange) name, but no panic and no error.
            assert!(r.is_ok(), "{rva:#x}: {r:?}");
        } else {
            assert_eq!(
                r,
                Err(PeError::RvaOutOfRange {
                    what: "export name",
                    rva
                })
            );
        }
    }
    // The name table itself outside the file.
    put32(&mut pe.bytes, pe.export_dir + 32, 0xdead_0000);
    assert!(matches!(
        dll_info(&pe.bytes),
        Err(PeError::RvaOutOfRange {
            what: "export name table",
            rva: 0xdead_0000
        })
    ));
}

#[test]
fn unterminated_name() {
    let mut pe = dll(&["RasAdminAcceptNewConnection"]);
    let start = pe.first_name;
    for b in &mut pe.bytes[start..] {
        *b = b'A';
    }
    assert!(matches!(
        dll_info(&pe.bytes),
        Err(PeError::UnterminatedName { .. })
    ));
}

#[test]
fn section_fields_at_extremes() {
    let st = dll(&[]).section_table;
    for (field, value) in [
        (8, u32::MAX),  // virtual size
        (12, u32::MAX), // virtual address
        (16, u32::MAX), // raw size
        (20, u32::MAX), // raw pointer
        (16, 0),
        (20, 0xffff_fff0),
    ] {
        let mut pe = dll(&["RasAdminAcceptNewConnection"]);
        put32(&mut pe.bytes, st + field, value);
        let r = dll_info(&pe.bytes);
        assert!(
            r.is_err() || r == Ok(dll_info(&dll(&["RasAdminAcceptNewConnection"]).bytes).unwrap()),
            "field {field} = {value:#x}: {r:?}"
        );
    }
}

#[test]
fn names_in_zero_filled_memory_are_out_of_range() {
    // The section is larger in memory than in the file; a name RVA in the
    // zero-filled tail has no file bytes.
    let mut pe = dll(&["RasAdminAcceptNewConnection"]);
    put32(&mut pe.bytes, pe.section_table + 8, 0x10_0000);
    let names_rva = u32::from_le_bytes(pe.bytes[pe.export_dir + 32..][..4].try_into().unwrap());
    let entry = SECTION_FILE + (names_rva - SECTION_RVA) as usize;
    put32(&mut pe.bytes, entry, SECTION_RVA + 0x8_0000);
    assert_eq!(
        dll_info(&pe.bytes),
        Err(PeError::RvaOutOfRange {
            what: "export name",
            rva: SECTION_RVA + 0x8_0000
        })
    );
}

#[test]
fn short_optional_header_does_not_panic() {
    for size in [0u16, 2, 95, 96, 100, 111, 112, 119, 0xffff] {
        let mut pe = dll(&["RasAdminAcceptNewConnection"]);
        put16(&mut pe.bytes, pe.coff + 16, size);
        let _ = dll_info(&pe.bytes);
    }
}

/// Deterministic mutation fuzzing: random byte and field changes of a valid
/// image never panic, and errors are always one of the typed variants.
#[test]
fn mutations_never_panic() {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let bases = [
        build_pe(false, DLL, &ADMIN_CALLBACKS).bytes,
        build_pe(true, DLL, &["RasAdminAcceptNewConnection", "x"]).bytes,
    ];
    let extremes = [0, 1, 0x7fff_ffff, 0x8000_0000, 0xffff_ffff, 0x1000, 0x200];
    let mut errors = 0;
    for i in 0..40_000 {
        let mut b = bases[i % 2].clone();
        for _ in 0..(1 + next() % 4) {
            let r = next();
            // Mostly hit the headers and the export table, sometimes anywhere.
            let span = if r % 4 == 0 { b.len() } else { 0x300 };
            let at = (next() as usize) % span.min(b.len());
            if r % 3 == 0 && at + 4 <= b.len() {
                put32(
                    &mut b,
                    at & !3,
                    extremes[(r >> 8) as usize % extremes.len()],
                );
            } else {
                b[at] = (r >> 16) as u8;
            }
        }
        if next() % 5 == 0 {
            let len = (next() as usize) % (b.len() + 1);
            b.truncate(len);
        }
        if dll_info(&b).is_err() {
            errors += 1;
        }
    }
    assert!(errors > 0);
}

// ---------------------------------------------------------------------------
// .reg rendering
// ---------------------------------------------------------------------------

/// Reads the `"Name"="value"` lines of `.reg` text back, undoing the
/// escaping, as Registry Editor would.
fn parse_reg_values(text: &str) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    for line in text.split("\r\n") {
        let Some(rest) = line.strip_prefix('"') else {
            continue;
        };
        let (name, rest) = rest.split_once("\"=").unwrap();
        if rest == "-" {
            out.push((name.to_owned(), None));
            continue;
        }
        let inner = rest.strip_prefix('"').unwrap().strip_suffix('"').unwrap();
        let mut value = String::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => value.push(chars.next().expect("dangling backslash")),
                '"' => panic!("unescaped quote in {line:?}"),
                c => value.push(c),
            }
        }
        out.push((name.to_owned(), Some(value)));
    }
    out
}

#[test]
fn install_reg_exact_text_regedit4_is_the_default() {
    let reg =
        Registration::new("Contoso Accounting", r"C:\Program Files\Contoso\acct.dll").unwrap();
    let expected = concat!(
        "REGEDIT4\r\n",
        "\r\n",
        "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\RAS\\AdminDll]\r\n",
        "\"DisplayName\"=\"Contoso Accounting\"\r\n",
        "\"DLLPath\"=\"C:\\\\Program Files\\\\Contoso\\\\acct.dll\"\r\n",
        "\r\n",
    );
    assert_eq!(reg.to_reg_install(RegFormat::Regedit4).unwrap(), expected);
    assert_eq!(reg.to_reg_install(RegFormat::default()).unwrap(), expected);
    assert_eq!(
        encode_reg_file(expected, RegFormat::Regedit4).unwrap(),
        expected.as_bytes()
    );
}

#[test]
fn install_reg_exact_text_regedit5() {
    let reg =
        Registration::new("Contoso Accounting", r"C:\Program Files\Contoso\acct.dll").unwrap();
    assert_eq!(
        reg.to_reg_install(RegFormat::Regedit5).unwrap(),
        concat!(
            "Windows Registry Editor Version 5.00\r\n",
            "\r\n",
            "; Registers the RAS admin DLL Contoso Accounting (C:\\Program Files\\Contoso\\acct.dll).\r\n",
            "; A .reg file cannot check first: this replaces any admin DLL registered before.\r\n",
            "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\RAS\\AdminDll]\r\n",
            "\"DisplayName\"=\"Contoso Accounting\"\r\n",
            "\"DLLPath\"=\"C:\\\\Program Files\\\\Contoso\\\\acct.dll\"\r\n",
            "\r\n",
        )
    );
}

#[test]
fn uninstall_reg_exact_text() {
    let reg = Registration::new("Contoso", r"C:\ras\acct.dll").unwrap();
    assert_eq!(
        reg.to_reg_uninstall(RegFormat::Regedit4).unwrap(),
        concat!(
            "REGEDIT4\r\n",
            "\r\n",
            "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\RAS\\AdminDll]\r\n",
            "\"DisplayName\"=-\r\n",
            "\"DLLPath\"=-\r\n",
            "\r\n",
        )
    );
    assert_eq!(
        reg.to_reg_uninstall(RegFormat::Regedit5).unwrap(),
        concat!(
            "Windows Registry Editor Version 5.00\r\n",
            "\r\n",
            "; Unregisters the RAS admin DLL Contoso (C:\\ras\\acct.dll).\r\n",
            "; A .reg file cannot check first: this removes DisplayName and DLLPath whatever DLL\r\n",
            "; they name by now, and keeps the key.\r\n",
            "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\RAS\\AdminDll]\r\n",
            "\"DisplayName\"=-\r\n",
            "\"DLLPath\"=-\r\n",
            "\r\n",
        )
    );
}

#[test]
fn regedit4_refuses_non_ascii_with_a_typed_error() {
    let cases = [
        ("Überwachung", r"C:\ras\a.dll", "DisplayName", 'Ü', 0),
        ("Contoso", r"C:\ras\überwachung.dll", "DLLPath", 'ü', 7),
        ("Acct \u{20ac}", r"C:\a.dll", "DisplayName", '\u{20ac}', 5),
        ("emoji 🚀", r"C:\a.dll", "DisplayName", '🚀', 6),
    ];
    for (name, path, field_want, char_want, pos_want) in cases {
        let reg = Registration::new(name, path).unwrap();
        for result in [
            reg.to_reg_install(RegFormat::Regedit4),
            reg.to_reg_uninstall(RegFormat::Regedit4),
        ] {
            match result {
                Err(
                    ref e @ RegistrationError::NotAnsi {
                        field,
                        ref value,
                        character,
                        position,
                        format,
                    },
                ) => {
                    assert_eq!(
                        (field, character, position, format),
                        (field_want, char_want, pos_want, "REGEDIT4")
                    );
                    assert!(value == name || value == path);
                    let msg = e.to_string();
                    assert!(msg.contains("ANSI code page"), "{msg}");
                    assert!(
                        msg.contains(&format!("U+{:04X}", u32::from(char_want))),
                        "{msg}"
                    );
                }
                other => panic!("{name:?} {path:?}: {other:?}"),
            }
        }
        // Version 5.00 carries it.
        let text = reg.to_reg_install(RegFormat::Regedit5).unwrap();
        assert!(text.contains(name));
        assert!(encode_reg_file(&text, RegFormat::Regedit4).is_err());
    }
}

#[test]
fn tricky_names_and_paths_round_trip() {
    let names = [
        r#"Contoso "Accounting""#,
        r"Back\slash",
        r"Trailing backslash\",
        r"\\",
        r#"\""#,
        r#"""#,
        "Überwachung Nord",
        "日本語 RAS",
        "  spaces  around  ",
        "semi;colon = [brackets] %PATH% 'single'",
        "emoji 🚀",
    ];
    let paths = [
        r"C:\ras\acct.dll",
        r"c:\Program Files (x86)\Contoso Ü\ras admin.dll",
        r"\\fileserver\ras$\admin\acct.dll",
        r"\\srv\share\a.dll",
        r"D:\Überwachung\überwachung.dll",
        r"C:\a b\c d\e f.dll",
        r"C:\%SystemRoot%\x.dll",
    ];
    for format in [RegFormat::Regedit4, RegFormat::Regedit5] {
        for name in names {
            for path in paths {
                let reg = Registration::new(name, path).unwrap();
                let ascii = name.is_ascii() && path.is_ascii();
                let text = match reg.to_reg_install(format) {
                    Ok(text) => text,
                    Err(RegistrationError::NotAnsi { .. })
                        if !ascii && format == RegFormat::Regedit4 =>
                    {
                        continue;
                    }
                    Err(e) => panic!("{name:?} {path:?} {format:?}: {e}"),
                };
                assert!(text.starts_with(&format!("{}\r\n\r\n", format.header())));
                assert!(text.ends_with("\"\r\n\r\n"));
                assert!(
                    !text.replace("\r\n", "").contains(['\r', '\n']),
                    "bare CR or LF"
                );
                if format == RegFormat::Regedit4 {
                    assert!(text.is_ascii());
                    assert!(!text.contains("\r\n;"), "no comments in REGEDIT4");
                }
                assert_eq!(
                    parse_reg_values(&text),
                    [
                        ("DisplayName".to_owned(), Some(name.to_owned())),
                        ("DLLPath".to_owned(), Some(path.to_owned())),
                    ],
                    "{name:?} {path:?}"
                );
                let un = reg.to_reg_uninstall(format).unwrap();
                assert_eq!(
                    parse_reg_values(&un),
                    [
                        ("DisplayName".to_owned(), None),
                        ("DLLPath".to_owned(), None)
                    ]
                );
                assert!(
                    un.contains("\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\RAS\\AdminDll]\r\n")
                );
                assert!(!un.contains("[-"), "uninstall must not delete the key");
                // Every line is the header, blank, a comment, the key or a value.
                for line in text.split("\r\n").chain(un.split("\r\n")) {
                    assert!(
                        line.is_empty()
                            || line == format.header()
                            || (line.starts_with(';') && format == RegFormat::Regedit5)
                            || line.starts_with("[HKEY_LOCAL_MACHINE\\")
                            || line.starts_with('"'),
                        "{line:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn escaping_examples() {
    let reg = Registration::new(r#"A "B" \C\"#, r"\\srv\share\dir\a.dll").unwrap();
    for format in [RegFormat::Regedit4, RegFormat::Regedit5] {
        let text = reg.to_reg_install(format).unwrap();
        assert!(text.contains(r#""DisplayName"="A \"B\" \\C\\""#), "{text}");
        assert!(
            text.contains(r#""DLLPath"="\\\\srv\\share\\dir\\a.dll""#),
            "{text}"
        );
    }
}

#[test]
fn utf16_file_encoding() {
    let reg = Registration::new("Überwachung", r"C:\Überwachung\a.dll").unwrap();
    let text = reg.to_reg_install(RegFormat::Regedit5).unwrap();
    let bytes = encode_reg_file(&text, RegFormat::Regedit5).unwrap();
    assert_eq!(&bytes[..2], &[0xff, 0xfe]);
    let units: Vec<u16> = bytes[2..]
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    assert_eq!(String::from_utf16(&units).unwrap(), text);
    // 'Ü' is one UTF-16 unit, 0x00DC.
    assert!(units.contains(&0x00dc));
}

// ---------------------------------------------------------------------------
// .inf rendering
// ---------------------------------------------------------------------------

#[test]
fn inf_exact_text() {
    let inf = InfInstaller::new("Contoso Accounting", "acct.dll").unwrap();
    assert_eq!(
        inf.to_inf(),
        concat!(
            "; Installs a RAS admin DLL on Windows NT 4.0: put this file and the DLL in one\r\n",
            "; folder, right-click this file, Install. Uninstall: run\r\n",
            ";   rundll32 setupapi,InstallHinfSection DefaultUninstall 132 <this file>\r\n",
            "; On Windows 2000 and later use rasreg install, which checks the exports RRAS needs.\r\n",
            "\r\n",
            "[Version]\r\n",
            "Signature=\"$Windows NT$\"\r\n",
            "\r\n",
            "[DefaultInstall]\r\n",
            "CopyFiles=RasAdminDll.Copy\r\n",
            "AddReg=RasAdminDll.AddReg\r\n",
            "\r\n",
            "[DefaultUninstall]\r\n",
            "DelFiles=RasAdminDll.Copy\r\n",
            "DelReg=RasAdminDll.DelReg\r\n",
            "\r\n",
            "[DestinationDirs]\r\n",
            "RasAdminDll.Copy=11\r\n",
            "\r\n",
            "[SourceDisksNames]\r\n",
            "1=%RasAdminDisk%\r\n",
            "\r\n",
            "[SourceDisksFiles]\r\n",
            "acct.dll=1\r\n",
            "\r\n",
            "[RasAdminDll.Copy]\r\n",
            "acct.dll\r\n",
            "\r\n",
            "[RasAdminDll.AddReg]\r\n",
            "HKLM,\"SOFTWARE\\Microsoft\\RAS\\AdminDll\",\"DisplayName\",0x00000000,\"Contoso Accounting\"\r\n",
            "HKLM,\"SOFTWARE\\Microsoft\\RAS\\AdminDll\",\"DLLPath\",0x00000000,\"%11%\\acct.dll\"\r\n",
            "\r\n",
            "[RasAdminDll.DelReg]\r\n",
            "HKLM,\"SOFTWARE\\Microsoft\\RAS\\AdminDll\",\"DisplayName\"\r\n",
            "HKLM,\"SOFTWARE\\Microsoft\\RAS\\AdminDll\",\"DLLPath\"\r\n",
            "\r\n",
            "[Strings]\r\n",
            "RasAdminDisk=\"RAS admin DLL installation files\"\r\n",
        )
    );
}

/// The quoted display name of the `DisplayName` AddReg line, read back by
/// the INF rules (`""` is `"`, `%%` is `%`).
fn inf_display_name(inf: &str) -> String {
    let prefix = "HKLM,\"SOFTWARE\\Microsoft\\RAS\\AdminDll\",\"DisplayName\",0x00000000,\"";
    let line = inf
        .split("\r\n")
        .find_map(|l| l.strip_prefix(prefix))
        .expect("DisplayName line");
    let body = line.strip_suffix('"').expect("closing quote");
    let mut out = String::new();
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '"' || c == '%' {
            assert_eq!(chars.next(), Some(c), "lone {c:?} in {line:?}");
        }
        out.push(c);
    }
    out
}

#[test]
fn inf_quoting() {
    for name in [
        r#"Contoso "Acct""#,
        "100% sure",
        "%11%",
        "%%",
        r"Trailing backslash\",
        "semi;colon, comma = [brackets]",
        r#"""#,
        "  padded  ",
    ] {
        let inf = InfInstaller::new(name, "a.dll").unwrap().to_inf();
        assert_eq!(inf_display_name(&inf), name);
        assert!(inf.is_ascii());
        assert!(!inf.replace("\r\n", "").contains(['\r', '\n']));
        assert!(inf.ends_with("\"\r\n"));
    }
    let inf = InfInstaller::new(r#"A "B" 5%"#, "a.dll").unwrap().to_inf();
    assert!(
        inf.contains(r#","DisplayName",0x00000000,"A ""B"" 5%%""#),
        "{inf}"
    );
}

#[test]
fn inf_input_validation() {
    for ok in [
        "acct.dll",
        "ACCT.DLL",
        "a.b",
        "contoso-ras_acct~1.dll",
        "console.dll",
        "a.very.long.name.dll",
    ] {
        assert!(validate_dll_file_name(ok).is_ok(), "{ok:?}");
        assert!(InfInstaller::new("X", ok).is_ok());
    }
    let long = format!("{}.dll", "a".repeat(197));
    assert!(validate_dll_file_name(&long).is_err());
    assert!(validate_dll_file_name(&long[1..]).is_ok());
    for (bad, why) in [
        ("", "empty"),
        (r"C:\ras\acct.dll", "a path"),
        (r"sub\acct.dll", "a path"),
        ("sub/acct.dll", "a path"),
        ("c:acct.dll", "a path"),
        ("acct", "extension"),
        ("acct.", "extension"),
        (".dll", "extension"),
        ("my acct.dll", "letters, digits"),
        ("a,b.dll", "letters, digits"),
        ("a;b.dll", "letters, digits"),
        ("a%b.dll", "letters, digits"),
        ("a\"b.dll", "letters, digits"),
        ("a=b.dll", "letters, digits"),
        ("a[b].dll", "letters, digits"),
        ("a\tb.dll", "letters, digits"),
        ("über.dll", "ASCII"),
        ("NUL.dll", "device"),
        ("com1.dll", "device"),
        ("Lpt9.x.dll", "device"),
        ("con", "extension"),
    ] {
        match validate_dll_file_name(bad) {
            Err(RegistrationError::InvalidFileName { name, reason }) => {
                assert_eq!(name, bad);
                assert!(reason.contains(why), "{bad:?}: {reason}");
            }
            other => panic!("{bad:?}: {other:?}"),
        }
        assert!(InfInstaller::new("X", bad).is_err());
    }
    for bad_name in ["", "  ", "a\r\nb"] {
        assert!(matches!(
            InfInstaller::new(bad_name, "a.dll"),
            Err(RegistrationError::InvalidDisplayName { .. })
        ));
    }
    match InfInstaller::new("Über", "a.dll") {
        Err(RegistrationError::NotAnsi {
            field,
            character,
            format,
            ..
        }) => assert_eq!((field, character, format), ("DisplayName", 'Ü', ".inf")),
        other => panic!("{other:?}"),
    }
}

// ---------------------------------------------------------------------------
// Which Windows calls what: the pure decision of install's export check
// ---------------------------------------------------------------------------

const NT4_ONLY: [&str; 4] = ADMIN_CALLBACKS;

/// Everything RRAS requires, first alternative each, with pair `pair`.
fn rras_minimal(pair: usize) -> Vec<&'static str> {
    let mut v: Vec<&str> = RRAS_REQUIRED.iter().map(|alts| alts[0]).collect();
    v.push(RRAS_CONNECTION_PAIRS[pair].0);
    v.push(RRAS_CONNECTION_PAIRS[pair].1);
    v
}

const VERSIONS: [WindowsVersion; 9] = [
    WindowsVersion::new(3, 51),
    WindowsVersion::NT4,
    WindowsVersion::WINDOWS_2000,
    WindowsVersion::WINDOWS_XP,
    WindowsVersion::SERVER_2003,
    WindowsVersion::new(6, 0),
    WindowsVersion::new(6, 1),
    WindowsVersion::new(6, 3),
    WindowsVersion::new(10, 0),
];

#[test]
fn which_versions_call_which_api() {
    for v in VERSIONS {
        let want = if v.major < 5 {
            AdminApi::RasAdmin
        } else {
            AdminApi::MprAdmin {
                ip_pair_required: v == WindowsVersion::new(5, 0),
            }
        };
        assert_eq!(v.admin_api(), want, "{v}");
        assert_eq!(v.reads_path_list(), v >= WindowsVersion::new(5, 2), "{v}");
    }
}

#[test]
fn nt4_only_dll_is_accepted_on_nt4_and_refused_on_rras() {
    for v in VERSIONS {
        let r = check_exports_for(v, NT4_ONLY);
        if v.major < 5 {
            assert_eq!(r.unwrap(), AdminApi::RasAdmin, "{v}");
            continue;
        }
        match r {
            Err(
                ref e @ RegistrationError::MissingRrasExports {
                    version,
                    ref missing,
                },
            ) => {
                assert_eq!(version, v);
                let mut want: Vec<String> = vec![
                    "MprAdminAcceptNewLink".into(),
                    "MprAdminAcceptReauthentication or MprAdminAcceptReauthenticationEx".into(),
                    "MprAdminInitializeDll or MprAdminInitializeDllEx".into(),
                    "MprAdminLinkHangupNotification".into(),
                    "MprAdminTerminateDll".into(),
                    "one pair MprAdminAcceptNewConnection{,2,3,Ex} with \
                     MprAdminConnectionHangupNotification of the same suffix"
                        .into(),
                ];
                if v == WindowsVersion::WINDOWS_2000 {
                    want.push("MprAdminGetIpAddressForUser".into());
                    want.push("MprAdminReleaseIpAddress".into());
                }
                assert_eq!(missing, &want, "{v}");
                let msg = e.to_string();
                assert!(msg.contains(&format!("Windows {v}")), "{msg}");
                assert!(msg.contains("fails to start"), "{msg}");
                assert!(msg.contains("MprAdminTerminateDll"), "{msg}");
            }
            other => panic!("{v}: {other:?}"),
        }
    }
}

#[test]
fn rras_dll_is_accepted_from_2000_on() {
    for pair in 0..RRAS_CONNECTION_PAIRS.len() {
        let mut names = rras_minimal(pair);
        for v in VERSIONS.into_iter().filter(|v| v.major >= 5) {
            if v == WindowsVersion::WINDOWS_2000 {
                assert_eq!(
                    missing_rras_exports(v, &names),
                    ["MprAdminGetIpAddressForUser", "MprAdminReleaseIpAddress"]
                );
            } else {
                assert!(check_exports_for(v, &names).is_ok(), "{v} {names:?}");
            }
        }
        names.extend(["MprAdminGetIpAddressForUser", "MprAdminReleaseIpAddress"]);
        for v in VERSIONS.into_iter().filter(|v| v.major >= 5) {
            assert_eq!(
                check_exports_for(v, &names).unwrap(),
                AdminApi::MprAdmin {
                    ip_pair_required: v == WindowsVersion::WINDOWS_2000
                }
            );
        }
        // A pure RRAS DLL has no RasAdmin* callback: not enough for NT 4.0.
        assert!(matches!(
            check_exports_for(WindowsVersion::NT4, &names),
            Err(RegistrationError::NoAdminExports { .. })
        ));
        // Both sets: every version.
        names.extend(NT4_ONLY);
        for v in VERSIONS {
            assert!(check_exports_for(v, &names).is_ok(), "{v}");
        }
    }
}

#[test]
fn alternatives_and_pairs() {
    let win10 = WindowsVersion::new(10, 0);
    // The Ex alternatives satisfy their requirement.
    let mut names = rras_minimal(0);
    names.retain(|n| *n != "MprAdminAcceptReauthentication" && *n != "MprAdminInitializeDll");
    assert_eq!(missing_rras_exports(win10, &names).len(), 2);
    names.extend([
        "MprAdminAcceptReauthenticationEx",
        "MprAdminInitializeDllEx",
    ]);
    assert!(missing_rras_exports(win10, &names).is_empty());
    // Each single requirement missing is named.
    for alts in RRAS_REQUIRED {
        let names: Vec<&str> = rras_minimal(1)
            .into_iter()
            .filter(|n| !alts.contains(n))
            .collect();
        assert_eq!(missing_rras_exports(win10, &names), [alts.join(" or ")]);
    }
    // A connection accept and hang-up of different levels is no pair.
    let mut names: Vec<&str> = RRAS_REQUIRED.iter().map(|a| a[0]).collect();
    names.extend([
        "MprAdminAcceptNewConnection3",
        "MprAdminConnectionHangupNotification2",
    ]);
    let missing = missing_rras_exports(win10, &names);
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(
        missing[0].ends_with(
            "(found only MprAdminAcceptNewConnection3, MprAdminConnectionHangupNotification2)"
        ),
        "{missing:?}"
    );
    // An IP half needs the other half, on every RRAS version.
    for v in [WindowsVersion::WINDOWS_XP, win10] {
        let mut names = rras_minimal(3);
        names.push("MprAdminGetIpAddressForUser");
        assert_eq!(
            missing_rras_exports(v, &names),
            ["MprAdminReleaseIpAddress"]
        );
        let mut names = rras_minimal(3);
        names.push("MprAdminReleaseIpAddress");
        assert_eq!(
            missing_rras_exports(v, &names),
            ["MprAdminGetIpAddressForUser"]
        );
    }
    // Names match exactly, like GetProcAddress.
    let lower: Vec<String> = rras_minimal(0).iter().map(|n| n.to_lowercase()).collect();
    assert_eq!(missing_rras_exports(win10, &lower).len(), 6);
    let decorated: Vec<String> = rras_minimal(0).iter().map(|n| format!("{n}@8")).collect();
    assert_eq!(missing_rras_exports(win10, &decorated).len(), 6);
}

#[test]
fn nt4_needs_a_plain_rasadmin_callback() {
    for names in [&[][..], &["DllMain"], &["_RasAdminAcceptNewConnection@12"]] {
        match check_exports_for(WindowsVersion::NT4, names) {
            Err(RegistrationError::NoAdminExports { decorated }) => {
                assert_eq!(
                    decorated.len(),
                    names.iter().filter(|n| n.contains('@')).count()
                );
            }
            other => panic!("{names:?}: {other:?}"),
        }
    }
    for one in ADMIN_CALLBACKS {
        assert_eq!(
            check_exports_for(WindowsVersion::NT4, [one]).unwrap(),
            AdminApi::RasAdmin
        );
    }
}

#[test]
fn windows_version_from_registry_values() {
    let v = |maj, min, text| WindowsVersion::from_registry_values(maj, min, text);
    // Windows 10+: the DWORDs win over CurrentVersion, which says 6.3.
    assert_eq!(
        v(Some(10), Some(0), Some("6.3")).unwrap(),
        WindowsVersion::new(10, 0)
    );
    assert_eq!(
        v(Some(10), Some(0), None).unwrap(),
        WindowsVersion::new(10, 0)
    );
    // Older: the string.
    for (text, want) in [
        ("4.0", WindowsVersion::NT4),
        ("5.0", WindowsVersion::WINDOWS_2000),
        ("5.1", WindowsVersion::WINDOWS_XP),
        ("5.2", WindowsVersion::SERVER_2003),
        ("6.1", WindowsVersion::new(6, 1)),
        ("6.10", WindowsVersion::new(6, 10)),
    ] {
        assert_eq!(v(None, None, Some(text)).unwrap(), want, "{text}");
        // Half of the DWORD pair is ignored.
        assert_eq!(v(Some(10), None, Some(text)).unwrap(), want, "{text}");
        assert_eq!(v(None, Some(0), Some(text)).unwrap(), want, "{text}");
    }
    for bad in [
        "",
        "6",
        "6.",
        ".1",
        "6.1.7601",
        " 6.1",
        "6.1 ",
        "a.b",
        "-1.0",
        "+6.1",
        "99999999999.0",
    ] {
        match v(None, None, Some(bad)) {
            Err(e @ RegistrationError::UnknownWindowsVersion { .. }) => {
                assert!(e.to_string().contains(&format!("{bad:?}")), "{e}");
            }
            other => panic!("{bad:?}: {other:?}"),
        }
    }
    assert!(matches!(
        v(None, None, None),
        Err(RegistrationError::UnknownWindowsVersion { .. })
    ));
    assert!(WindowsVersion::new(6, 3) < WindowsVersion::new(10, 0));
    assert!(WindowsVersion::new(5, 2) > WindowsVersion::new(5, 1));
}

// ---------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------

#[test]
fn valid_paths() {
    let long_ok = format!(r"C:\{}.dll", "a".repeat(259 - 7));
    assert_eq!(long_ok.len(), 259);
    for p in [
        r"C:\a.dll",
        r"c:\a.dll",
        r"Z:\dir\sub dir\x.y.dll",
        r"C:\Program Files (x86)\Contoso\acct.dll",
        r"\\srv\share\a.dll",
        r"\\srv.example.com\ras$\deep\er\a.dll",
        r"C:\Überwachung\a.dll",
        r"C:\dir\no-extension",
        r"C:\%SystemRoot%\a.dll",
        &long_ok,
    ] {
        assert!(
            validate_dll_path(p).is_ok(),
            "{p:?}: {:?}",
            validate_dll_path(p)
        );
        assert!(Registration::new("X", p).is_ok());
    }
}

#[test]
fn invalid_paths() {
    let too_long = format!(r"C:\{}.dll", "a".repeat(260 - 7));
    let too_long_utf16 = format!(r"C:\{}.dll", "𝄞".repeat(130));
    for p in [
        "",
        "a.dll",
        r"dir\a.dll",
        r"..\a.dll",
        r".\a.dll",
        r"\a.dll",
        "C:",
        r"C:\",
        "C:a.dll",
        r"1:\a.dll",
        r"C:\dir\",
        r"C:\dir\a.dll\",
        r"C:\dir\\a.dll",
        r"C:\dir\..\a.dll",
        r"C:\dir\.\a.dll",
        "C:/dir/a.dll",
        r"C:\dir/a.dll",
        r"C:\a.dll;D:\b.dll",
        r#"C:\dir\a"b.dll"#,
        r#""C:\dir\a.dll""#,
        r"C:\dir\a?.dll",
        r"C:\dir\a*.dll",
        r"C:\dir\a<b>.dll",
        r"C:\dir\a|b.dll",
        r"C:\dir\a.dll:stream",
        "C:\\dir\\a\0.dll",
        "C:\\dir\\a\n.dll",
        "C:\\dir\\a\r\n.dll",
        "C:\\dir\\a\t.dll",
        r"\\?\C:\a.dll",
        r"\\.\C:\a.dll",
        r"\\?\UNC\srv\share\a.dll",
        r"\\",
        r"\\srv",
        r"\\srv\share",
        r"\\srv\share\",
        r"\\srv\a.dll",
        r"\\\share\a.dll",
        r"\\srv\\a.dll",
        r"\\sr:v\share\a.dll",
        &too_long,
        &too_long_utf16,
    ] {
        match validate_dll_path(p) {
            Err(RegistrationError::InvalidPath { path, reason }) => {
                assert_eq!(path, p);
                assert!(!reason.is_empty());
            }
            other => panic!("{p:?} accepted: {other:?}"),
        }
        assert!(Registration::new("X", p).is_err());
    }
}

#[test]
fn invalid_path_messages_explain() {
    let msg = |p: &str| validate_dll_path(p).unwrap_err().to_string();
    assert!(msg("a.dll").contains("not absolute"), "{}", msg("a.dll"));
    assert!(msg(r"C:\dir\").contains("folder"));
    assert!(msg("C:/a.dll").contains("'/'"));
    assert!(msg(r"C:\a.dll;D:\b.dll").contains("separator"));
}

#[test]
fn display_names() {
    for ok in [
        "X",
        "Contoso \"Acct\"",
        "Überwachung",
        r"Trailing\",
        " padded ",
    ] {
        assert!(validate_display_name(ok).is_ok(), "{ok:?}");
    }
    for bad in [
        "",
        "   ",
        "\t",
        "a\0b",
        "a\r\nb",
        "a\nb",
        "tab\there",
        "bell\u{7}",
        "c1\u{85}",
    ] {
        assert!(
            matches!(
                validate_display_name(bad),
                Err(RegistrationError::InvalidDisplayName { .. })
            ),
            "{bad:?}"
        );
        assert!(Registration::new(bad, r"C:\a.dll").is_err());
    }
}

#[test]
fn errors_display() {
    let e = RegistrationError::Conflict {
        existing: r"C:\other\theirs.dll".into(),
        display_name: Some("Theirs".into()),
    };
    assert_eq!(
        e.to_string(),
        r#"another admin DLL is registered: C:\other\theirs.dll ("Theirs")"#
    );
    let e = RegistrationError::Registry {
        hresult: 0x8007_0057_u32 as i32,
        object: "HKLM".into(),
        message: "The parameter is incorrect.".into(),
    };
    assert!(e.to_string().contains("0x80070057"), "{e}");
    let e: RegistrationError = PeError::NoMzSignature.into();
    assert!(
        e.to_string()
            .starts_with("not a usable DLL: no MZ signature")
    );
}
