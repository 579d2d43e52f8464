//! `install` / `query` / `uninstall` against the real registry (Windows, or
//! Wine's registry through `scripts/windows-env.sh`):
//!
//! ```text
//! source scripts/windows-env.sh
//! wcargo_target x86_64-pc-windows-gnu test --test registration_windows
//! ```
//!
//! The tests change `HKLM\SOFTWARE\Microsoft\RAS\AdminDll`, so they run one
//! at a time (a lock) and put back whatever was there before, even when an
//! assertion fails. They need administrator rights and fail, saying so,
//! without them: run them from an elevated prompt (Wine's HKLM is writable,
//! so they run there as they are). Nothing is skipped: they also fail where
//! `reg.exe` cannot be started or `TEMP` is not set.
//!
//! `install` checks that the DLL exists and exports a callback, but never
//! loads it, and no DLL may be checked into git: the tests write a minimal
//! PE32+ (or PE32 on 32-bit Windows) DLL image themselves
//! (`tests/support/pe_image.rs`), with an export table naming
//! `RasAdminConnectionHangupNotification` and the `MprAdmin*` set that
//! RRAS (Windows 2000 and later, Wine included) needs, so that `install`
//! accepts it on whatever version runs the tests; other tests build
//! NT-4.0-only and RRAS-only images on purpose.
//!
//! The `.inf` test runs setupapi itself (`rundll32 setupapi.dll,
//! InstallHinfSection`), which copies a scratch file into system32 and
//! deletes it again. The version test reads the OS version as `install`
//! does; under Wine (detected by `HKLM\Software\Wine`) it also writes other
//! versions into the prefix's `CurrentVersion` key and restores it, which it
//! never does on a real Windows.
#![cfg(windows)]

use rassapi::registration::{
    ADMIN_CALLBACKS, ADMIN_DLL_KEY, ADMIN_DLL_KEY_FULL, DISPLAY_NAME_VALUE, DLL_PATH_VALUE,
    InfInstaller, InstallOptions, InstallOutcome, PeError, RRAS_CONNECTION_PAIRS, RRAS_REQUIRED,
    RegFormat, RegisteredDll, Registration, RegistrationError, UninstallOutcome, WindowsVersion,
    admin_exports, encode_reg_file, install, query, uninstall, windows_version,
};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use windows_registry::{Key, LOCAL_MACHINE, Value};

#[path = "support/pe_image.rs"]
mod pe_image;

use pe_image::{DLL, EXE, build_pe};

/// The OS's native width decides which DLLs `install` accepts.
fn native_is_64() -> bool {
    let arch = std::env::var("PROCESSOR_ARCHITEW6432")
        .or_else(|_| std::env::var("PROCESSOR_ARCHITECTURE"))
        .unwrap_or_default();
    !arch.eq_ignore_ascii_case("x86")
}

/// The `MprAdmin*` exports RRAS requires (first alternative each, the
/// first connection pair), sorted as a linker would put them.
fn rras_exports() -> Vec<&'static str> {
    let mut v: Vec<&str> = RRAS_REQUIRED.iter().map(|alts| alts[0]).collect();
    v.extend([RRAS_CONNECTION_PAIRS[0].0, RRAS_CONNECTION_PAIRS[0].1]);
    v.sort_unstable();
    v
}

// ---------------------------------------------------------------------------
// Fixture: one test at a time, registry restored, files removed
// ---------------------------------------------------------------------------

static LOCK: Mutex<()> = Mutex::new(());
const KEY_WOW64_64KEY: u32 = 0x0100;

fn open_key(create: bool) -> Option<Key> {
    let mut o = LOCAL_MACHINE.options();
    o.read().write().access(KEY_WOW64_64KEY);
    if create {
        o.create();
    }
    o.open(ADMIN_DLL_KEY).ok()
}

struct Fixture {
    _lock: MutexGuard<'static, ()>,
    saved: Option<(Option<Value>, Option<Value>)>,
    /// `HKLM\SOFTWARE\Microsoft\RAS` did not exist (a fresh Wine prefix):
    /// remove it again when the tests leave it empty.
    ras_key_was_absent: bool,
    dir: PathBuf,
    /// The base of `dir` as `%TEMP%` names it, for REG_EXPAND_SZ tests.
    temp_var_dir: Option<String>,
}

impl Fixture {
    /// Panics without write access to HKLM: these tests need an
    /// administrator and are never skipped.
    fn new(tag: &str) -> Self {
        let lock = LOCK.lock().unwrap_or_else(|e| e.into_inner());
        let saved = open_key(false).map(|k| {
            (
                k.get_value(DISPLAY_NAME_VALUE).ok(),
                k.get_value(DLL_PATH_VALUE).ok(),
            )
        });
        let ras_key_was_absent = open_hklm(RAS_KEY).is_none();
        assert!(
            open_key(true).is_some(),
            "no write access to HKLM\\{ADMIN_DLL_KEY}: these tests change the registry \
             and need administrator rights; run them from an elevated (\"Run as \
             administrator\") prompt"
        );
        let temp = std::env::var("TEMP").ok();
        let base = temp.as_ref().map_or_else(std::env::temp_dir, PathBuf::from);
        let dir = base.join(format!("rassapi-regtest-{}-{tag}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let temp_var_dir =
            temp.map(|_| format!(r"%TEMP%\{}", dir.file_name().unwrap().to_str().unwrap()));
        let f = Self {
            _lock: lock,
            saved,
            ras_key_was_absent,
            dir,
            temp_var_dir,
        };
        f.clear();
        f
    }

    /// Writes a DLL image to `name` in the test folder; returns its path.
    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path.to_str().unwrap().to_owned()
    }

    /// A DLL for this system exporting the NT 4.0 hang-up callback and
    /// what RRAS requires: installable on every version.
    fn hook_dll(&self, name: &str) -> String {
        let mut exports = rras_exports();
        exports.push("RasAdminConnectionHangupNotification");
        self.file(name, &build_pe(native_is_64(), DLL, &exports).bytes)
    }

    /// Removes `DisplayName` and `DLLPath`, and the key if that empties it
    /// (other values a real machine may keep there stay).
    fn clear(&self) {
        let Some(key) = open_key(false) else {
            return;
        };
        let _ = key.remove_value(DISPLAY_NAME_VALUE);
        let _ = key.remove_value(DLL_PATH_VALUE);
        remove_if_empty(key, RAS_KEY, "AdminDll");
    }

    /// Writes `DLLPath` (and `DisplayName`) directly, as another vendor's
    /// installer would.
    fn seed(&self, dll_path: &str, display_name: Option<&str>, expand: bool) {
        let key = open_key(true).expect("create key");
        if expand {
            key.set_expand_string(DLL_PATH_VALUE, dll_path).unwrap();
        } else {
            key.set_string(DLL_PATH_VALUE, dll_path).unwrap();
        }
        if let Some(name) = display_name {
            key.set_string(DISPLAY_NAME_VALUE, name).unwrap();
        }
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        self.clear();
        let had_admin_key = self.saved.is_some();
        if let Some((name, path)) = self.saved.take() {
            if let Some(key) = open_key(true) {
                if let Some(v) = name {
                    let _ = key.set_value(DISPLAY_NAME_VALUE, &v);
                }
                if let Some(v) = path {
                    let _ = key.set_value(DLL_PATH_VALUE, &v);
                }
            }
        }
        if self.ras_key_was_absent && !had_admin_key {
            if let Some(ras) = open_hklm(RAS_KEY) {
                remove_if_empty(ras, r"SOFTWARE\Microsoft", "RAS");
            }
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

const RAS_KEY: &str = r"SOFTWARE\Microsoft\RAS";

fn open_hklm(path: &str) -> Option<Key> {
    LOCAL_MACHINE
        .options()
        .read()
        .write()
        .access(KEY_WOW64_64KEY)
        .open(path)
        .ok()
}

/// Deletes `parent\name` (which `key` is) if it has no values or subkeys.
fn remove_if_empty(key: Key, parent: &str, name: &str) {
    let empty = key.values().is_ok_and(|mut v| v.next().is_none())
        && key.keys().is_ok_and(|mut k| k.next().is_none());
    drop(key);
    if empty {
        if let Some(parent) = open_hklm(parent) {
            let _ = parent.remove_tree(name);
        }
    }
}

fn registered() -> Option<RegisteredDll> {
    query().expect("query")
}

/// `reg.exe query /v DLLPath`, an independent reader of the same registry:
/// its output. Panics where reg.exe cannot be started.
fn reg_exe_query() -> String {
    let out = std::process::Command::new("reg")
        .args(["query", ADMIN_DLL_KEY_FULL, "/v", DLL_PATH_VALUE])
        .output()
        .unwrap_or_else(|e| panic!("cannot run reg.exe (needed to cross-check): {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "reg.exe query failed ({}): {stdout}{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

#[test]
fn install_query_uninstall_round_trip() {
    let f = Fixture::new("roundtrip");
    let ours = f.hook_dll("ours.dll");
    assert_eq!(registered(), None);
    let key_was_absent = open_key(false).is_none();

    let r = install(
        "Contoso \"Acct\" Überwachung",
        &ours,
        InstallOptions::default(),
    );
    assert_eq!(r.unwrap(), InstallOutcome::Installed);
    assert_eq!(
        registered(),
        Some(RegisteredDll {
            display_name: Some("Contoso \"Acct\" Überwachung".into()),
            dll_path: ours.clone(),
            expand: false,
        })
    );
    let text = reg_exe_query();
    assert!(text.contains(&ours), "reg.exe shows {text:?}");
    assert!(text.contains("REG_SZ"), "reg.exe shows {text:?}");

    // Idempotent; a new display name is applied.
    assert_eq!(
        install(
            "Contoso \"Acct\" Überwachung",
            &ours,
            InstallOptions::default()
        )
        .unwrap(),
        InstallOutcome::AlreadyInstalled
    );
    assert_eq!(
        install("Contoso v2", &ours, InstallOptions::default()).unwrap(),
        InstallOutcome::DisplayNameUpdated {
            previous: Some("Contoso \"Acct\" Überwachung".into())
        }
    );
    assert_eq!(
        registered().unwrap().display_name.as_deref(),
        Some("Contoso v2")
    );

    // Uninstall, twice.
    assert_eq!(uninstall(&ours).unwrap(), UninstallOutcome::Removed);
    assert_eq!(registered(), None);
    if key_was_absent {
        assert!(open_key(false).is_none(), "the emptied key is removed");
    }
    assert_eq!(uninstall(&ours).unwrap(), UninstallOutcome::NotRegistered);
    assert_eq!(registered(), None);
}

/// Before Server 2003 (one slot): another vendor's DLL is a conflict
/// unless overridden.
fn single_slot_is_respected(f: &Fixture, ours: &str, theirs: &str) {
    f.seed(theirs, Some("Theirs"), false);

    match install("Ours", ours, InstallOptions::default()) {
        Err(RegistrationError::Conflict {
            existing,
            display_name,
        }) => {
            assert_eq!(existing, theirs);
            assert_eq!(display_name.as_deref(), Some("Theirs"));
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(
        registered().unwrap().dll_path,
        theirs,
        "install must not write"
    );

    // Uninstalling ours leaves theirs alone (twice).
    for _ in 0..2 {
        match uninstall(ours).unwrap() {
            UninstallOutcome::NotOurs { existing } => assert_eq!(existing.dll_path, theirs),
            other => panic!("{other:?}"),
        }
        let now = registered().unwrap();
        assert_eq!(now.dll_path, theirs);
        assert_eq!(now.display_name.as_deref(), Some("Theirs"));
    }

    // With the override, ours replaces theirs.
    let force = InstallOptions {
        overwrite_other_vendor: true,
        ..Default::default()
    };
    match install("Ours", ours, force).unwrap() {
        InstallOutcome::Replaced { previous } => {
            assert_eq!(previous.dll_path, theirs);
            assert_eq!(previous.display_name.as_deref(), Some("Theirs"));
        }
        other => panic!("{other:?}"),
    }
    let now = registered().unwrap();
    assert_eq!(
        (now.dll_path.as_str(), now.display_name.as_deref()),
        (ours, Some("Ours"))
    );
    // Forcing again is still idempotent.
    assert_eq!(
        install("Ours", ours, force).unwrap(),
        InstallOutcome::AlreadyInstalled
    );
    assert_eq!(uninstall(ours).unwrap(), UninstallOutcome::Removed);
}

/// Server 2003 and later (a `;` list): install appends ours after
/// theirs, once, leaving their display name; uninstall takes ours out
/// again and leaves theirs as it was.
fn list_is_appended_to(f: &Fixture, ours: &str, theirs: &str) {
    f.seed(theirs, Some("Theirs"), false);
    let list = format!("{theirs};{ours}");
    match install("Ours", ours, InstallOptions::default()).unwrap() {
        InstallOutcome::AddedToList { previous, dll_path } => {
            assert_eq!(previous.dll_path, theirs);
            assert_eq!(dll_path, list);
        }
        other => panic!("{other:?}"),
    }
    let now = registered().unwrap();
    assert_eq!(
        (now.dll_path.as_str(), now.display_name.as_deref()),
        (list.as_str(), Some("Theirs"))
    );
    assert!(reg_exe_query().contains(&list));
    // No duplicate, in another spelling either.
    assert_eq!(
        install("Ours", ours.to_uppercase(), InstallOptions::default()).unwrap(),
        InstallOutcome::AlreadyInstalled
    );
    assert_eq!(registered().unwrap().dll_path, list);
    assert_eq!(
        uninstall(ours).unwrap(),
        UninstallOutcome::RemovedFromList {
            remaining: theirs.to_owned()
        }
    );
    let now = registered().unwrap();
    assert_eq!(
        (now.dll_path.as_str(), now.display_name.as_deref()),
        (theirs, Some("Theirs"))
    );
    assert!(matches!(
        uninstall(ours).unwrap(),
        UninstallOutcome::NotOurs { .. }
    ));
    // A REG_EXPAND_SZ list stays one.
    f.seed(theirs, Some("Theirs"), true);
    install("Ours", ours, InstallOptions::default()).unwrap();
    let now = registered().unwrap();
    assert!(now.expand);
    assert_eq!(now.dll_path, list);
    uninstall(ours).unwrap();
    assert!(registered().unwrap().expand);
    f.clear();
}

/// Another vendor's registration, by the rule of the running version;
/// under Wine also by the other rule (XP, 5.1, for the single slot; 10.0
/// for the list).
#[test]
fn another_vendors_registration_is_respected() {
    let f = Fixture::new("conflict");
    let ours = f.hook_dll("ours.dll");
    let theirs = f.hook_dll("theirs.dll");
    let run = |lists: bool| {
        if lists {
            list_is_appended_to(&f, &ours, &theirs);
        } else {
            single_slot_is_respected(&f, &ours, &theirs);
        }
    };
    let actual = windows_version().unwrap();
    run(actual.reads_path_list());
    if !running_under_wine() {
        eprintln!("not Wine: checked the rule of Windows {actual} only");
        return;
    }
    let saved = VersionValues::save();
    saved.set(None, "5.1");
    run(false);
    saved.set(Some((10, 0)), "6.3");
    run(true);
}

#[test]
fn paths_match_without_regard_to_case_and_separators() {
    let f = Fixture::new("case");
    let ours = f.hook_dll("Ours.dll");
    // Stored by someone else in another spelling of the same path.
    f.seed(&ours.to_uppercase().replace('\\', "/"), Some("Ours"), false);
    assert_eq!(
        install("Ours", &ours, InstallOptions::default()).unwrap(),
        InstallOutcome::AlreadyInstalled
    );
    assert_eq!(
        uninstall(ours.to_lowercase()).unwrap(),
        UninstallOutcome::Removed
    );
    assert_eq!(registered(), None);
}

#[test]
fn expandable_path_is_recognised() {
    let f = Fixture::new("expand");
    let var_dir = f
        .temp_var_dir
        .clone()
        .expect("TEMP is not set: this test stores a %TEMP% path");
    let ours = f.hook_dll("ours.dll");
    let stored = format!(r"{var_dir}\ours.dll");
    f.seed(&stored, Some("Ours"), true);
    let now = registered().unwrap();
    assert!(now.expand);
    assert_eq!(now.dll_path, stored);
    assert_eq!(
        install("Ours", &ours, InstallOptions::default()).unwrap(),
        InstallOutcome::AlreadyInstalled
    );
    assert_eq!(uninstall(&ours).unwrap(), UninstallOutcome::Removed);
    assert_eq!(registered(), None);
}

#[test]
fn path_lists_keep_the_other_entries() {
    let f = Fixture::new("list");
    let ours = f.hook_dll("ours.dll");
    let theirs = f.hook_dll("theirs.dll");
    f.seed(&format!("{theirs};{ours}"), Some("Both"), false);
    assert_eq!(
        install("Ours", &ours, InstallOptions::default()).unwrap(),
        InstallOutcome::AlreadyInstalled
    );
    assert_eq!(
        uninstall(&ours).unwrap(),
        UninstallOutcome::RemovedFromList {
            remaining: theirs.clone()
        }
    );
    let now = registered().unwrap();
    assert_eq!(now.dll_path, theirs);
    assert!(!now.expand);
    assert_eq!(now.display_name.as_deref(), Some("Both"));
    assert!(matches!(
        uninstall(&ours).unwrap(),
        UninstallOutcome::NotOurs { .. }
    ));
}

#[test]
fn install_validates_the_dll() {
    let f = Fixture::new("validate");
    let opts = InstallOptions::default();
    let missing = f.dir.join("missing.dll");
    assert!(matches!(
        install("X", &missing, opts),
        Err(RegistrationError::NotFound { .. })
    ));
    assert!(matches!(
        install("X", "relative.dll", opts),
        Err(RegistrationError::InvalidPath { .. })
    ));
    assert!(matches!(
        install("X", &f.dir, opts),
        Err(RegistrationError::InvalidPath { .. })
    ));
    let ours = f.hook_dll("ours.dll");
    assert!(matches!(
        install("", &ours, opts),
        Err(RegistrationError::InvalidDisplayName { .. })
    ));
    let exe = f.file(
        "prog.exe",
        &build_pe(
            native_is_64(),
            EXE,
            &["RasAdminConnectionHangupNotification"],
        )
        .bytes,
    );
    assert!(matches!(
        install("X", &exe, opts),
        Err(RegistrationError::NotADll(PeError::NotADll { .. }))
    ));
    let text = f.file(
        "text.dll",
        b"not a DLL at all, just text that is long enough to look at......",
    );
    assert!(matches!(
        install("X", &text, opts),
        Err(RegistrationError::NotADll(PeError::NoMzSignature))
    ));
    let plain = f.file(
        "plain.dll",
        &build_pe(native_is_64(), DLL, &["DllMain", "Other"]).bytes,
    );
    // No callback at all: RRAS's set is missing (from Windows 2000 on),
    // and with the override the NT 4.0 rule still wants one RasAdmin*.
    let by_version = install("X", &plain, opts);
    if windows_version().unwrap() >= WindowsVersion::WINDOWS_2000 {
        assert!(
            matches!(
                by_version,
                Err(RegistrationError::MissingRrasExports { .. })
            ),
            "{by_version:?}"
        );
    } else {
        assert!(matches!(
            by_version,
            Err(RegistrationError::NoAdminExports { .. })
        ));
    }
    let allow = InstallOptions {
        allow_missing_rras_exports: true,
        ..Default::default()
    };
    assert!(matches!(
        install("X", &plain, allow),
        Err(RegistrationError::NoAdminExports { .. })
    ));
    if native_is_64() {
        let dll32 = f.file(
            "x86.dll",
            &build_pe(false, DLL, &["RasAdminAcceptNewConnection"]).bytes,
        );
        assert!(admin_exports(&std::fs::read(&dll32).unwrap()).is_ok());
        match install("X", &dll32, opts) {
            Err(RegistrationError::WrongArchitecture { dll, system }) => {
                assert_eq!((dll.as_str(), system), ("x86", "x64"));
            }
            other => panic!("{other:?}"),
        }
    }
    // None of the failures wrote anything; uninstall rejects a relative path.
    assert_eq!(registered(), None);
    assert!(matches!(
        uninstall(Path::new("ours.dll")),
        Err(RegistrationError::InvalidPath { .. })
    ));
    // Uninstall does not need the file to exist any more.
    assert_eq!(
        install("X", &ours, opts).unwrap(),
        InstallOutcome::Installed
    );
    std::fs::remove_file(&ours).unwrap();
    assert_eq!(uninstall(&ours).unwrap(), UninstallOutcome::Removed);
}

/// Runs `reg import <file>`. Panics where reg.exe cannot be started.
fn reg_import(file: &str) {
    let out = std::process::Command::new("reg")
        .args(["import", file])
        .output()
        .unwrap_or_else(|e| panic!("cannot run reg.exe (needed to import {file}): {e}"));
    assert!(
        out.status.success(),
        "reg import {file} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The rendered `.reg` files, imported by reg.exe, set and delete exactly
/// the values `Registration` describes (escaping and UTF-16 included), in
/// both formats; REGEDIT4 files are plain ASCII bytes.
#[test]
fn reg_files_import_as_rendered() {
    let f = Fixture::new("regfile");
    let cases = [
        (r#"Überwachung "Nord" \ back\"#, r"\\srv\share$\dir x\Ü.dll"),
        (r#"Contoso "Nord" \ back\"#, r"\\srv\share$\dir x\a b.dll"),
        ("Contoso", r"C:\Program Files (x86)\Contoso\acct.dll"),
    ];
    for format in [RegFormat::Regedit4, RegFormat::Regedit5] {
        for (name, path) in cases {
            let reg = Registration::new(name, path).unwrap();
            let text = match reg.to_reg_install(format) {
                Err(RegistrationError::NotAnsi { .. })
                    if format == RegFormat::Regedit4 && !name.is_ascii() =>
                {
                    continue;
                }
                r => r.unwrap(),
            };
            let bytes = encode_reg_file(&text, format).unwrap();
            if format == RegFormat::Regedit4 {
                assert_eq!(bytes, text.as_bytes());
            }
            let install_file = f.file("install.reg", &bytes);
            reg_import(&install_file);
            assert_eq!(
                registered(),
                Some(RegisteredDll {
                    display_name: Some(name.into()),
                    dll_path: path.into(),
                    expand: false,
                }),
                "{format:?}"
            );
            let un = reg.to_reg_uninstall(format).unwrap();
            let uninstall_file = f.file("uninstall.reg", &encode_reg_file(&un, format).unwrap());
            reg_import(&uninstall_file);
            assert_eq!(registered(), None, "{format:?}");
            let key = open_key(false).expect("the uninstall .reg file keeps the key");
            assert!(key.get_value(DISPLAY_NAME_VALUE).is_err());
        }
    }
}

/// Runs `rundll32 setupapi.dll,InstallHinfSection <section> 128 <inf>`
/// (128: no reboot prompt, sources next to the `.inf`), as right-click →
/// Install does with `DefaultInstall`. rundll32 reports nothing: callers
/// check the effects.
fn install_hinf_section(section: &str, inf: &str) {
    use std::os::windows::process::CommandExt;
    use std::process::Stdio;
    // One unquoted command line, as Explorer passes it: `arg` would put
    // the whole (space-separated) entry in quotes, which rundll32 then
    // reads as a DLL name. No pipes: a process rundll32 starts (Wine's
    // desktop) may inherit them and keep `output()` waiting forever.
    let status = std::process::Command::new("rundll32")
        .raw_arg(format!(
            "setupapi.dll,InstallHinfSection {section} 128 {inf}"
        ))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("cannot run rundll32 (needed to run setupapi): {e}"));
    assert!(status.success(), "rundll32 {section} {inf}: {status}");
}

/// The `.inf` file, carried out by setupapi (an implementation independent
/// of this crate): `DefaultInstall` copies the DLL into system32 and sets
/// both values, `DisplayName` quoting included; `DefaultUninstall` deletes
/// the file and exactly the two values, leaving another value in the key.
#[test]
fn inf_installs_and_uninstalls_through_setupapi() {
    let f = Fixture::new("inf");
    // Wine reuses small process ids from run to run: add the time.
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let file_name = format!("rassapi-inftest-{}-{nanos}.dll", std::process::id());
    let hook = f.hook_dll(&file_name);
    let dll_bytes = std::fs::read(hook).unwrap();
    let name = r#"Contoso "100%" Acct; x\"#;
    let inf = InfInstaller::new(name, file_name.as_str()).unwrap();
    let inf_path = f.file("acct.inf", inf.to_inf().as_bytes());
    let system_root = std::env::var("SystemRoot").expect("SystemRoot is not set");
    let system32 = PathBuf::from(&system_root).join("system32");
    let installed = system32.join(&file_name);
    assert!(
        !installed.exists(),
        "{} exists before the test",
        installed.display()
    );

    install_hinf_section("DefaultInstall", &inf_path);
    let copied = std::fs::read(&installed);
    let now = registered();
    // Remove the copy even if an assertion below fails.
    struct Remove(PathBuf);
    impl Drop for Remove {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }
    let _cleanup = Remove(installed.clone());
    assert_eq!(copied.expect("DefaultInstall copied the DLL"), dll_bytes);
    let now = now.expect("DefaultInstall registered the DLL");
    assert_eq!(now.display_name.as_deref(), Some(name));
    assert!(!now.expand);
    let want = installed.to_str().unwrap();
    assert!(
        now.dll_path.eq_ignore_ascii_case(want),
        "DLLPath {:?}, expected {want:?}",
        now.dll_path
    );
    let text = reg_exe_query();
    assert!(text.contains("REG_SZ"), "reg.exe shows {text:?}");
    assert!(
        text.to_ascii_lowercase()
            .contains(&want.to_ascii_lowercase()),
        "reg.exe shows {text:?}"
    );
    // The registration is ours by rasreg's rules too.
    assert_eq!(
        install(name, want, InstallOptions::default()).unwrap(),
        InstallOutcome::AlreadyInstalled
    );

    open_key(true)
        .unwrap()
        .set_string("OtherVendorValue", "keep")
        .unwrap();
    install_hinf_section("DefaultUninstall", &inf_path);
    assert!(!installed.exists(), "DefaultUninstall deleted the DLL");
    assert_eq!(registered(), None);
    let key = open_key(false).expect("DefaultUninstall keeps the key");
    assert!(key.get_value(DISPLAY_NAME_VALUE).is_err());
    assert_eq!(key.get_string("OtherVendorValue").unwrap(), "keep");
    key.remove_value("OtherVendorValue").unwrap();
}

// ---------------------------------------------------------------------------
// The Windows version decides which exports install requires
// ---------------------------------------------------------------------------

const CURRENT_VERSION_KEY: &str = r"SOFTWARE\Microsoft\Windows NT\CurrentVersion";

/// `reg.exe query <CurrentVersion key> /v <value>`: the value's data as
/// reg.exe prints it, `None` if reg.exe says it does not exist.
fn reg_exe_value(value: &str) -> Option<String> {
    let out = std::process::Command::new("reg")
        .args([
            "query",
            &format!(r"HKLM\{CURRENT_VERSION_KEY}"),
            "/v",
            value,
        ])
        .output()
        .unwrap_or_else(|e| panic!("cannot run reg.exe (needed to cross-check): {e}"));
    if !out.status.success() {
        return None;
    }
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    stdout.lines().find_map(|l| {
        let mut words = l.split_whitespace();
        (words.next()? == value).then(|| words.nth(1).map(str::to_owned))?
    })
}

/// The version `reg.exe` shows, by the same rule as `windows_version`.
fn version_by_reg_exe() -> WindowsVersion {
    let dword = |v: &str| {
        reg_exe_value(v).map(|t| {
            u32::from_str_radix(t.trim_start_matches("0x"), 16)
                .unwrap_or_else(|_| panic!("{v} = {t:?}"))
        })
    };
    match (
        dword("CurrentMajorVersionNumber"),
        dword("CurrentMinorVersionNumber"),
    ) {
        (Some(major), Some(minor)) => WindowsVersion::new(major, minor),
        _ => reg_exe_value("CurrentVersion")
            .expect("CurrentVersion")
            .parse()
            .unwrap(),
    }
}

/// Saves the three version values and puts them back when dropped.
struct VersionValues {
    key: Key,
    saved: Vec<(&'static str, Option<Value>)>,
}

const VERSION_VALUES: [&str; 3] = [
    "CurrentMajorVersionNumber",
    "CurrentMinorVersionNumber",
    "CurrentVersion",
];

impl VersionValues {
    fn save() -> Self {
        let key = open_hklm(CURRENT_VERSION_KEY).expect("CurrentVersion key writable");
        let saved = VERSION_VALUES
            .iter()
            .map(|&n| (n, key.get_value(n).ok()))
            .collect();
        Self { key, saved }
    }

    fn set(&self, dwords: Option<(u32, u32)>, text: &str) {
        match dwords {
            Some((major, minor)) => {
                self.key.set_u32(VERSION_VALUES[0], major).unwrap();
                self.key.set_u32(VERSION_VALUES[1], minor).unwrap();
            }
            None => {
                let _ = self.key.remove_value(VERSION_VALUES[0]);
                let _ = self.key.remove_value(VERSION_VALUES[1]);
            }
        }
        self.key.set_string(VERSION_VALUES[2], text).unwrap();
    }
}

impl Drop for VersionValues {
    fn drop(&mut self) {
        for (name, value) in &self.saved {
            match value {
                Some(v) => {
                    let _ = self.key.set_value(name, v);
                }
                None => {
                    let _ = self.key.remove_value(name);
                }
            }
        }
    }
}

fn running_under_wine() -> bool {
    LOCAL_MACHINE.open(r"Software\Wine").is_ok()
}

/// `install` on this Windows: the version it reads equals what reg.exe
/// shows; from Windows 2000 on, an NT-4.0-only DLL is refused (naming the
/// missing exports, writing nothing) unless overridden, and an RRAS-only
/// DLL is accepted. Under Wine the same again for versions written into
/// the prefix: 4.0 and 5.0 through `CurrentVersion`, 10.0 through the
/// DWORDs (with `CurrentVersion` "6.3", as Windows 10 has it).
#[test]
fn install_checks_exports_for_the_windows_version() {
    let f = Fixture::new("version");
    let nt4_only = f.file(
        "nt4only.dll",
        &build_pe(native_is_64(), DLL, &ADMIN_CALLBACKS).bytes,
    );
    let rras_only = f.file(
        "rrasonly.dll",
        &build_pe(native_is_64(), DLL, &rras_exports()).bytes,
    );

    let check = |version: WindowsVersion| {
        assert_eq!(windows_version().unwrap(), version);
        let r = install("NT4 only", &nt4_only, InstallOptions::default());
        if version < WindowsVersion::WINDOWS_2000 {
            assert_eq!(r.unwrap(), InstallOutcome::Installed, "{version}");
            assert_eq!(uninstall(&nt4_only).unwrap(), UninstallOutcome::Removed);
            assert!(matches!(
                install("RRAS only", &rras_only, InstallOptions::default()),
                Err(RegistrationError::NoAdminExports { .. })
            ));
            assert_eq!(registered(), None);
            return;
        }
        match r {
            Err(RegistrationError::MissingRrasExports {
                version: v,
                missing,
            }) => {
                assert_eq!(v, version);
                assert!(
                    missing.iter().any(|m| m == "MprAdminTerminateDll"),
                    "{missing:?}"
                );
                assert_eq!(
                    missing.iter().any(|m| m == "MprAdminGetIpAddressForUser"),
                    version == WindowsVersion::WINDOWS_2000,
                    "{missing:?}"
                );
            }
            other => panic!("{version}: {other:?}"),
        }
        assert_eq!(registered(), None, "a refused install writes nothing");
        let allow = InstallOptions {
            allow_missing_rras_exports: true,
            ..Default::default()
        };
        assert_eq!(
            install("NT4 only", &nt4_only, allow).unwrap(),
            InstallOutcome::Installed
        );
        assert_eq!(uninstall(&nt4_only).unwrap(), UninstallOutcome::Removed);
        let r = install("RRAS only", &rras_only, InstallOptions::default());
        if version == WindowsVersion::WINDOWS_2000 {
            assert!(matches!(
                r,
                Err(RegistrationError::MissingRrasExports { .. })
            ));
        } else {
            assert_eq!(r.unwrap(), InstallOutcome::Installed, "{version}");
            assert_eq!(uninstall(&rras_only).unwrap(), UninstallOutcome::Removed);
        }
        assert_eq!(registered(), None);
    };

    let actual = version_by_reg_exe();
    check(actual);
    if !running_under_wine() {
        eprintln!(
            "not Wine: checked Windows {actual} only; the CurrentVersion key of a real \
             Windows is left alone"
        );
        return;
    }
    let saved = VersionValues::save();
    for (dwords, text, want) in [
        (None, "4.0", WindowsVersion::NT4),
        (None, "5.0", WindowsVersion::WINDOWS_2000),
        (None, "5.2", WindowsVersion::SERVER_2003),
        (Some((10, 0)), "6.3", WindowsVersion::new(10, 0)),
    ] {
        saved.set(dwords, text);
        assert_eq!(version_by_reg_exe(), want);
        check(want);
    }
    saved.set(None, "not a version");
    assert!(matches!(
        install("Ours", &rras_only, InstallOptions::default()),
        Err(RegistrationError::UnknownWindowsVersion { .. })
    ));
    drop(saved);
    assert_eq!(version_by_reg_exe(), actual);
}
