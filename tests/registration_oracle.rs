//! Oracle tier: the PE reader of `rassapi::registration` on real DLLs built
//! by mingw-w64 gcc for x86_64 and i686, checked against the export list
//! `objdump -p` prints for the same file.
//!
//! Needs `x86_64-w64-mingw32-gcc` and `i686-w64-mingw32-gcc` (Debian:
//! `apt-get install -y gcc-mingw-w64-x86-64 gcc-mingw-w64-i686`); run with
//! `cargo test --features oracle --test registration_oracle`.
#![cfg(feature = "oracle")]

use rassapi::registration::{
    ADMIN_CALLBACKS, PeError, RegistrationError, WindowsVersion, admin_exports, check_exports_for,
    dll_exports, dll_info, missing_rras_exports,
};
use std::path::{Path, PathBuf};
use std::process::Command;

const INSTALL_HINT: &str = "apt-get install -y gcc-mingw-w64-x86-64 gcc-mingw-w64-i686";

/// Callbacks with the documented prototypes (pointer arguments as `void *`)
/// and `WINAPI` (stdcall on x86), plus an unrelated export.
const HANGUP_DLL: &str = r#"
#include <windows.h>
__declspec(dllexport) BOOL WINAPI RasAdminAcceptNewConnection(void *p0, void *p1, WCHAR *ph)
{ (void)p0; (void)p1; (void)ph; return TRUE; }
__declspec(dllexport) VOID WINAPI RasAdminConnectionHangupNotification(void *p0, void *p1, WCHAR *ph)
{ (void)p0; (void)p1; (void)ph; }
__declspec(dllexport) int helper_export(int x) { return x + 1; }
"#;

const IP_DLL: &str = r#"
#include <windows.h>
__declspec(dllexport) DWORD WINAPI RasAdminGetIpAddressForUser(WCHAR *u, WCHAR *p, DWORD *ip, BOOL *n)
{ (void)u; (void)p; (void)ip; (void)n; return 0; }
__declspec(dllexport) VOID WINAPI RasAdminReleaseIpAddress(WCHAR *u, WCHAR *p, DWORD *ip)
{ (void)u; (void)p; (void)ip; }
"#;

/// Both export sets, the RRAS ones with the prototypes of mingw-w64's own
/// `<mprapi.h>` (an independent header: a wrong signature fails to build).
const DUAL_DLL: &str = r#"
#include <windows.h>
#include <mprapi.h>
#define EXPORT __declspec(dllexport)
EXPORT BOOL WINAPI RasAdminAcceptNewConnection(void *p0, void *p1, WCHAR *ph)
{ (void)p0; (void)p1; (void)ph; return TRUE; }
EXPORT VOID WINAPI RasAdminConnectionHangupNotification(void *p0, void *p1, WCHAR *ph)
{ (void)p0; (void)p1; (void)ph; }
EXPORT DWORD WINAPI RasAdminGetIpAddressForUser(WCHAR *u, WCHAR *p, DWORD *ip, BOOL *n)
{ (void)u; (void)p; (void)ip; (void)n; return 0; }
EXPORT VOID WINAPI RasAdminReleaseIpAddress(WCHAR *u, WCHAR *p, DWORD *ip)
{ (void)u; (void)p; (void)ip; }
EXPORT DWORD WINAPI MprAdminInitializeDll(VOID) { return 0; }
EXPORT DWORD WINAPI MprAdminTerminateDll(VOID) { return 0; }
EXPORT WINBOOL WINAPI MprAdminAcceptNewConnection(RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1)
{ (void)c0; (void)c1; return TRUE; }
EXPORT VOID WINAPI MprAdminConnectionHangupNotification(RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1)
{ (void)c0; (void)c1; }
EXPORT WINBOOL WINAPI MprAdminAcceptNewLink(RAS_PORT_0 *p0, RAS_PORT_1 *p1)
{ (void)p0; (void)p1; return TRUE; }
EXPORT VOID WINAPI MprAdminLinkHangupNotification(RAS_PORT_0 *p0, RAS_PORT_1 *p1)
{ (void)p0; (void)p1; }
EXPORT DWORD WINAPI MprAdminGetIpAddressForUser(WCHAR *u, WCHAR *p, DWORD *ip, WINBOOL *n)
{ (void)u; (void)p; (void)ip; (void)n; return 0; }
EXPORT VOID WINAPI MprAdminReleaseIpAddress(WCHAR *u, WCHAR *p, DWORD *ip)
{ (void)u; (void)p; (void)ip; }
EXPORT WINBOOL CALLBACK MprAdminAcceptReauthentication(RAS_CONNECTION_0 *c0,
    RAS_CONNECTION_1 *c1, RAS_CONNECTION_2 *c2, RAS_CONNECTION_3 *c3)
{ (void)c0; (void)c1; (void)c2; (void)c3; return TRUE; }
"#;

const PLAIN_DLL: &str = r#"
__declspec(dllexport) int RasAdminSomethingElse(void) { return 0; }
__declspec(dllexport) int rasadminacceptnewconnection(void) { return 0; }
"#;

const PROGRAM: &str = r#"
__declspec(dllexport) void RasAdminConnectionHangupNotification(void) {}
int main(void) { return 0; }
"#;

struct Arch {
    gcc: &'static str,
    objdump: &'static str,
    machine: u16,
    pe32_plus: bool,
}

const ARCHES: [Arch; 2] = [
    Arch {
        gcc: "x86_64-w64-mingw32-gcc",
        objdump: "x86_64-w64-mingw32-objdump",
        machine: 0x8664,
        pe32_plus: true,
    },
    Arch {
        gcc: "i686-w64-mingw32-gcc",
        objdump: "i686-w64-mingw32-objdump",
        machine: 0x014c,
        pe32_plus: false,
    },
];

struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "rassapi-oracle-{tag}-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn require_tool(tool: &str) {
    match Command::new(tool).arg("--version").output() {
        Ok(o) if o.status.success() => {}
        _ => panic!(
            "`{tool}` is missing: this oracle test needs mingw-w64. Install it with:\n    {INSTALL_HINT}"
        ),
    }
}

/// Compiles `source` with `arch.gcc` and `args`, returning the file bytes.
fn compile(
    dir: &TempDir,
    arch: &Arch,
    name: &str,
    source: &str,
    args: &[&str],
) -> (PathBuf, Vec<u8>) {
    require_tool(arch.gcc);
    let c = dir.0.join(format!("{name}.c"));
    std::fs::write(&c, source).unwrap();
    let out = dir.0.join(name);
    let result = Command::new(arch.gcc)
        .args(args)
        .arg("-o")
        .arg(&out)
        .arg(&c)
        .output()
        .unwrap();
    assert!(
        result.status.success(),
        "{} failed:\n{}",
        arch.gcc,
        String::from_utf8_lossy(&result.stderr)
    );
    let bytes = std::fs::read(&out).unwrap();
    (out, bytes)
}

/// The export names objdump lists in its "[Ordinal/Name Pointer] Table".
fn objdump_exports(arch: &Arch, file: &Path) -> Vec<String> {
    require_tool(arch.objdump);
    let out = Command::new(arch.objdump)
        .arg("-p")
        .arg(file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let mut names = Vec::new();
    let mut in_table = false;
    for line in text.lines() {
        if line.starts_with("[Ordinal/Name Pointer] Table") {
            in_table = true;
            continue;
        }
        if in_table {
            // "\t[   0] Name"
            match line
                .trim_start()
                .strip_prefix('[')
                .and_then(|l| l.split_once("] "))
            {
                Some((_, name)) => names.push(name.trim().to_owned()),
                None => break,
            }
        }
    }
    names
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn callbacks_found_in_real_dlls() {
    for arch in &ARCHES {
        let dir = TempDir::new("callbacks");
        // --kill-at: export stdcall functions undecorated, as RAS needs.
        let (path, bytes) = compile(
            &dir,
            arch,
            "hangup.dll",
            HANGUP_DLL,
            &["-shared", "-O2", "-Wl,--kill-at"],
        );
        let info = dll_info(&bytes).unwrap();
        assert_eq!(info.machine, arch.machine);
        assert_eq!(info.pe32_plus, arch.pe32_plus);
        assert_eq!(
            sorted(info.exports.clone()),
            sorted(objdump_exports(arch, &path)),
            "{} export list differs from objdump",
            arch.gcc
        );
        let e = admin_exports(&bytes).unwrap();
        assert!(
            e.accept_new_connection && e.connection_hangup_notification,
            "{e:?}"
        );
        assert!(!e.get_ip_address_for_user && !e.release_ip_address);

        let (path, bytes) = compile(&dir, arch, "ip.dll", IP_DLL, &["-shared", "-Wl,--kill-at"]);
        assert_eq!(
            sorted(dll_exports(&bytes).unwrap()),
            sorted(objdump_exports(arch, &path))
        );
        let e = admin_exports(&bytes).unwrap();
        assert_eq!(
            e.names().collect::<Vec<_>>(),
            ["RasAdminGetIpAddressForUser", "RasAdminReleaseIpAddress"]
        );

        // Stripped DLLs keep their export table.
        let (_, bytes) = compile(
            &dir,
            arch,
            "stripped.dll",
            HANGUP_DLL,
            &["-shared", "-s", "-Wl,--kill-at"],
        );
        assert!(admin_exports(&bytes).unwrap().any());
    }
}

#[test]
fn stdcall_decorated_exports_are_reported() {
    // Without --kill-at, i686 exports `Name@12`, which GetProcAddress("Name")
    // does not find: RAS would never call the hook.
    let arch = &ARCHES[1];
    let dir = TempDir::new("decorated");
    let (path, bytes) = compile(&dir, arch, "decorated.dll", HANGUP_DLL, &["-shared"]);
    let names = dll_exports(&bytes).unwrap();
    assert_eq!(sorted(names.clone()), sorted(objdump_exports(arch, &path)));
    assert!(
        names.iter().any(|n| n == "RasAdminAcceptNewConnection@12"),
        "{names:?}"
    );
    match admin_exports(&bytes) {
        Err(RegistrationError::NoAdminExports { decorated }) => assert_eq!(
            sorted(decorated),
            [
                "RasAdminAcceptNewConnection@12",
                "RasAdminConnectionHangupNotification@12"
            ]
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn dll_without_callbacks_is_rejected() {
    for arch in &ARCHES {
        let dir = TempDir::new("plain");
        let (path, bytes) = compile(&dir, arch, "plain.dll", PLAIN_DLL, &["-shared"]);
        assert_eq!(
            sorted(dll_exports(&bytes).unwrap()),
            sorted(objdump_exports(arch, &path))
        );
        assert!(matches!(
            admin_exports(&bytes),
            Err(RegistrationError::NoAdminExports { decorated }) if decorated.is_empty()
        ));
    }
}

#[test]
fn exe_is_rejected() {
    for arch in &ARCHES {
        let dir = TempDir::new("exe");
        let (_, bytes) = compile(&dir, arch, "prog.exe", PROGRAM, &[]);
        assert!(
            matches!(dll_info(&bytes), Err(PeError::NotADll { characteristics }) if characteristics & 0x2000 == 0),
            "{}: {:?}",
            arch.gcc,
            dll_info(&bytes)
        );
        assert!(matches!(
            admin_exports(&bytes),
            Err(RegistrationError::NotADll(PeError::NotADll { .. }))
        ));
    }
}

#[test]
fn object_file_is_rejected() {
    for arch in &ARCHES {
        let dir = TempDir::new("obj");
        let (_, bytes) = compile(&dir, arch, "hangup.o", HANGUP_DLL, &["-c"]);
        // A COFF object has no MZ header at all.
        assert_eq!(
            dll_info(&bytes),
            Err(PeError::NoMzSignature),
            "{}",
            arch.gcc
        );
    }
}

/// A real DLL exporting both sets (built against mingw-w64's `<mprapi.h>`)
/// suits every Windows version; its NT-4.0-only sibling is refused from
/// 2000 on; and a 32-bit build without `--kill-at`, whose names carry
/// `@n`, is refused everywhere, because RAS and RRAS look names up
/// undecorated.
#[test]
fn export_check_on_real_dual_dlls() {
    let versions = [
        WindowsVersion::NT4,
        WindowsVersion::WINDOWS_2000,
        WindowsVersion::WINDOWS_XP,
        WindowsVersion::SERVER_2003,
        WindowsVersion::new(10, 0),
    ];
    for arch in &ARCHES {
        let dir = TempDir::new("dual");
        let (path, bytes) = compile(
            &dir,
            arch,
            "dual.dll",
            DUAL_DLL,
            &["-shared", "-O2", "-Wl,--kill-at"],
        );
        let names = dll_exports(&bytes).unwrap();
        assert_eq!(sorted(names.clone()), sorted(objdump_exports(arch, &path)));
        for v in versions {
            assert!(
                check_exports_for(v, &names).is_ok(),
                "{} {v}: {:?}",
                arch.gcc,
                check_exports_for(v, &names)
            );
        }
        let (_, bytes) = compile(&dir, arch, "nt4.dll", IP_DLL, &["-shared", "-Wl,--kill-at"]);
        let nt4 = dll_exports(&bytes).unwrap();
        assert!(check_exports_for(WindowsVersion::NT4, &nt4).is_ok());
        for v in &versions[1..] {
            assert!(matches!(
                check_exports_for(*v, &nt4),
                Err(RegistrationError::MissingRrasExports { .. })
            ));
        }
    }
    let i686 = &ARCHES[1];
    let dir = TempDir::new("dual-decorated");
    let (_, bytes) = compile(&dir, i686, "dual.dll", DUAL_DLL, &["-shared"]);
    let names = dll_exports(&bytes).unwrap();
    assert!(
        names.iter().any(|n| n == "MprAdminTerminateDll@0"),
        "{names:?}"
    );
    assert!(!names.iter().any(|n| ADMIN_CALLBACKS.contains(&n.as_str())));
    assert_eq!(
        missing_rras_exports(WindowsVersion::new(10, 0), &names).len(),
        6
    );
    assert!(matches!(
        check_exports_for(WindowsVersion::NT4, &names),
        Err(RegistrationError::NoAdminExports { decorated }) if decorated.len() == 4
    ));
}
