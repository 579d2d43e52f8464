//! Windows only: [`install`], [`uninstall`] and [`query`] on the registry,
//! through Microsoft's `windows-registry` crate, in the native registry
//! view.

use std::path::Path;

use windows_registry::{Key, LOCAL_MACHINE, Type};

use super::pe::{MACHINE_AMD64, MACHINE_I386};
use super::plan::{
    Current, InstallPlan, UninstallPlan, plan_install, plan_uninstall, same_path_text,
};
use super::{
    ADMIN_DLL_KEY, ADMIN_DLL_KEY_FULL, AdminApi, DISPLAY_NAME_VALUE, DLL_PATH_VALUE,
    InstallOptions, InstallOutcome, RegisteredDll, Registration, RegistrationError,
    UninstallOutcome, WindowsVersion, admin_exports, check_exports_for, dll_info,
    validate_dll_path,
};

/// `KEY_WOW64_64KEY`: the native registry view even from a 32-bit
/// process on 64-bit Windows (ignored on 32-bit Windows).
const KEY_WOW64_64KEY: u32 = 0x0100;
const E_FILE_NOT_FOUND: i32 = 0x8007_0002_u32 as i32;
const E_PATH_NOT_FOUND: i32 = 0x8007_0003_u32 as i32;
const E_ACCESS_DENIED: i32 = 0x8007_0005_u32 as i32;

/// Maps a registry error to [`RegistrationError`] for `object`.
fn reg_result<T>(object: &str, r: windows_registry::Result<T>) -> Result<T, RegistrationError> {
    r.map_err(|e| {
        let hresult = e.code().0;
        if hresult == E_ACCESS_DENIED {
            RegistrationError::AccessDenied {
                object: object.to_owned(),
            }
        } else {
            RegistrationError::Registry {
                hresult,
                object: object.to_owned(),
                message: e.message(),
            }
        }
    })
}

fn key_name() -> String {
    ADMIN_DLL_KEY_FULL.to_owned()
}

/// Opens the key for reading; `Ok(None)` when it does not exist.
fn open_read() -> Result<Option<Key>, RegistrationError> {
    match LOCAL_MACHINE
        .options()
        .read()
        .access(KEY_WOW64_64KEY)
        .open(ADMIN_DLL_KEY)
    {
        Ok(key) => Ok(Some(key)),
        Err(e) if matches!(e.code().0, E_FILE_NOT_FOUND | E_PATH_NOT_FOUND) => Ok(None),
        Err(e) => reg_result(&key_name(), Err(e)),
    }
}

/// Opens the key for writing, creating it if needed.
fn open_write() -> Result<Key, RegistrationError> {
    let key = LOCAL_MACHINE
        .options()
        .read()
        .write()
        .create()
        .access(KEY_WOW64_64KEY)
        .open(ADMIN_DLL_KEY);
    reg_result(&key_name(), key)
}

/// A registry value as far as a string is expected.
enum Stored {
    Missing,
    Text { value: String, expand: bool },
    OtherType(u32),
}

fn read_string(key: &Key, name: &str) -> Result<Stored, RegistrationError> {
    let value = match key.get_value(name) {
        Ok(v) => v,
        Err(e) if e.code().0 == E_FILE_NOT_FOUND => return Ok(Stored::Missing),
        Err(e) => {
            return reg_result(&format!("{}\\{name}", key_name()), Err(e));
        }
    };
    let expand = match value.ty() {
        Type::String => false,
        Type::ExpandString => true,
        other => return Ok(Stored::OtherType(u32::from(other))),
    };
    // Strings are stored with their terminator (sometimes several).
    let mut wide = value.as_wide();
    while let [rest @ .., 0] = wide {
        wide = rest;
    }
    Ok(Stored::Text {
        value: String::from_utf16_lossy(wide),
        expand,
    })
}

fn current(key: Option<&Key>) -> Result<Current, RegistrationError> {
    let Some(key) = key else {
        return Ok(Current::Nothing { display_name: None });
    };
    let display_name = match read_string(key, DISPLAY_NAME_VALUE)? {
        Stored::Text { value, .. } => Some(value),
        _ => None,
    };
    Ok(match read_string(key, DLL_PATH_VALUE)? {
        Stored::Missing => Current::Nothing { display_name },
        Stored::OtherType(ty) => Current::Unreadable { ty },
        Stored::Text { value, .. } if value.trim().is_empty() => Current::Nothing { display_name },
        Stored::Text { value, expand } => Current::Dll(RegisteredDll {
            display_name,
            dll_path: value,
            expand,
        }),
    })
}

/// Same DLL: same text (case-insensitive), or the same file once both
/// paths are canonicalised.
fn same_dll(ours: &str) -> impl Fn(&str) -> bool + '_ {
    move |stored: &str| {
        same_path_text(stored, ours)
            || matches!(
                (std::fs::canonicalize(stored), std::fs::canonicalize(ours)),
                (Ok(a), Ok(b)) if same_path_text(&a.to_string_lossy(), &b.to_string_lossy())
            )
    }
}

fn path_str(path: &Path) -> Result<&str, RegistrationError> {
    path.to_str().ok_or_else(|| RegistrationError::InvalidPath {
        path: path.to_string_lossy().into_owned(),
        reason: "not valid Unicode",
    })
}

/// The machine the RAS service runs as (the OS's native one).
fn native_machine() -> Option<(u16, &'static str)> {
    let arch = std::env::var("PROCESSOR_ARCHITEW6432")
        .or_else(|_| std::env::var("PROCESSOR_ARCHITECTURE"))
        .ok()?;
    match arch.to_ascii_uppercase().as_str() {
        "X86" => Some((MACHINE_I386, "x86")),
        "AMD64" => Some((MACHINE_AMD64, "x64")),
        // ARM64 can load ARM64X/ARM64EC images too: no check there.
        _ => None,
    }
}

/// Where Windows states its version.
const CURRENT_VERSION_KEY: &str = r"SOFTWARE\Microsoft\Windows NT\CurrentVersion";

/// The running Windows version, read from
/// `HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion` (native view) as
/// [`WindowsVersion::from_registry_values`] describes:
/// `CurrentMajorVersionNumber`/`CurrentMinorVersionNumber` (DWORDs,
/// Windows 10 and later), else the `CurrentVersion` string.
///
/// The registry rather than `GetVersionEx`, which reports an older version
/// to programs without a compatibility manifest.
///
/// ```no_run
/// let v = rassapi::registration::windows_version()?;
/// println!("Windows {v}: the remote access service calls {:?}", v.admin_api());
/// # Ok::<(), rassapi::registration::RegistrationError>(())
/// ```
pub fn windows_version() -> Result<WindowsVersion, RegistrationError> {
    let object = format!(r"HKEY_LOCAL_MACHINE\{CURRENT_VERSION_KEY}");
    let key = reg_result(
        &object,
        LOCAL_MACHINE
            .options()
            .read()
            .access(KEY_WOW64_64KEY)
            .open(CURRENT_VERSION_KEY),
    )?;
    let major = key.get_u32("CurrentMajorVersionNumber").ok();
    let minor = key.get_u32("CurrentMinorVersionNumber").ok();
    let text = match read_string(&key, "CurrentVersion")? {
        Stored::Text { value, .. } => Some(value),
        _ => None,
    };
    WindowsVersion::from_registry_values(major, minor, text.as_deref())
}

/// Checks the file: exists, readable, a DLL for the native machine whose
/// exports suit `version` ([`check_exports_for`]; with
/// [`InstallOptions::allow_missing_rras_exports`], at least one `RasAdmin*`
/// callback is enough, and `version` may be unknown).
fn check_file(
    path: &str,
    options: InstallOptions,
    version: Option<WindowsVersion>,
) -> Result<AdminApi, RegistrationError> {
    let io = |source: std::io::Error| match source.kind() {
        std::io::ErrorKind::NotFound => RegistrationError::NotFound {
            path: path.to_owned(),
        },
        std::io::ErrorKind::PermissionDenied => RegistrationError::AccessDenied {
            object: path.to_owned(),
        },
        _ => RegistrationError::Io {
            path: path.to_owned(),
            source,
        },
    };
    if std::fs::metadata(path).map_err(io)?.is_dir() {
        return Err(RegistrationError::InvalidPath {
            path: path.to_owned(),
            reason: "is a folder, not a DLL",
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let info = dll_info(&bytes)?;
    if let Some((machine, system)) = native_machine() {
        if info.machine != machine {
            return Err(RegistrationError::WrongArchitecture {
                dll: info.machine_name(),
                system,
            });
        }
    }
    match version {
        Some(version) if !options.allow_missing_rras_exports => {
            check_exports_for(version, &info.exports)
        }
        _ => {
            admin_exports(&bytes)?;
            Ok(AdminApi::RasAdmin)
        }
    }
}

/// Registers `dll_path` as the RAS admin DLL under `display_name`.
///
/// Checks, in this order: the display name and path syntax
/// ([`Registration::new`]), that the file exists and is a DLL for the
/// system's architecture (x86 or x64, as `PROCESSOR_ARCHITEW6432` or
/// `PROCESSOR_ARCHITECTURE` report it; not checked on other machines),
/// that its exports suit the running Windows ([`windows_version`],
/// [`check_exports_for`](super::check_exports_for)): on Windows 2000 and
/// later the `MprAdmin*` set RRAS needs to start
/// ([`RegistrationError::MissingRrasExports`], unless
/// [`InstallOptions::allow_missing_rras_exports`]), on NT 4.0 one of the
/// `RasAdmin*` callbacks; and the current registration: the same DLL
/// (see [`uninstall`] for how paths are compared) is success without
/// writing anything but, if different, the display name; another DLL is
/// [`RegistrationError::Conflict`] unless
/// [`InstallOptions::overwrite_other_vendor`] is set, except on Windows
/// Server 2003 and later, which read a `;` list from `DLLPath`: there this
/// DLL is appended after the others ([`InstallOutcome::AddedToList`],
/// once: an entry naming this DLL in any spelling counts) and
/// `DisplayName` is left as it is. Writes
/// `DLLPath` then `DisplayName`, both `REG_SZ`, in the native registry
/// view. Needs an administrator ([`RegistrationError::AccessDenied`])
/// unless nothing has to change. The RAS service reads the key when it
/// starts: restart it afterwards.
///
/// ```no_run
/// use rassapi::registration::{InstallOptions, InstallOutcome, install};
/// let outcome = install(
///     "Contoso Accounting",
///     r"C:\Program Files\Contoso\acct.dll",
///     InstallOptions::default(),
/// )?;
/// if let InstallOutcome::Installed = outcome {
///     println!("registered; restart the Remote Access service");
/// }
/// # Ok::<(), rassapi::registration::RegistrationError>(())
/// ```
pub fn install(
    display_name: &str,
    dll_path: impl AsRef<Path>,
    options: InstallOptions,
) -> Result<InstallOutcome, RegistrationError> {
    let reg = Registration::new(display_name, path_str(dll_path.as_ref())?)?;
    // Unknown version: an error, unless the export check is overridden;
    // then no `;` list either (what NT 4.0 and Windows 2000 read).
    let version = match windows_version() {
        Ok(v) => Some(v),
        Err(_) if options.allow_missing_rras_exports => None,
        Err(e) => return Err(e),
    };
    check_file(reg.dll_path(), options, version)?;
    let read_key = open_read()?;
    let (plan, outcome) = plan_install(
        &current(read_key.as_ref())?,
        &reg,
        options,
        version.is_some_and(WindowsVersion::reads_path_list),
        same_dll(reg.dll_path()),
    )?;
    drop(read_key);
    let object = key_name();
    match plan {
        InstallPlan::Nothing => {}
        InstallPlan::SetName => {
            let key = open_write()?;
            reg_result(
                &object,
                key.set_string(DISPLAY_NAME_VALUE, reg.display_name()),
            )?;
        }
        InstallPlan::SetBoth => {
            let key = open_write()?;
            reg_result(&object, key.set_string(DLL_PATH_VALUE, reg.dll_path()))?;
            reg_result(
                &object,
                key.set_string(DISPLAY_NAME_VALUE, reg.display_name()),
            )?;
        }
        InstallPlan::SetPath(list) => set_path_keeping_type(&open_write()?, &list)?,
    }
    Ok(outcome)
}

/// Writes `DLLPath`, keeping its registry type (a `REG_EXPAND_SZ` list
/// stays one).
fn set_path_keeping_type(key: &Key, value: &str) -> Result<(), RegistrationError> {
    let expand = matches!(key.get_type(DLL_PATH_VALUE), Ok(Type::ExpandString));
    let r = if expand {
        key.set_expand_string(DLL_PATH_VALUE, value)
    } else {
        key.set_string(DLL_PATH_VALUE, value)
    };
    reg_result(&key_name(), r)
}

/// Unregisters `dll_path` if it is the registered RAS admin DLL.
///
/// `DLLPath` names this DLL when an entry, after expanding
/// `%VARIABLES%` if the value is `REG_EXPAND_SZ`, equals `dll_path`
/// ignoring case and `/` versus `\`, or when both files exist and have
/// the same canonical path. Then `DisplayName` and `DLLPath` are
/// deleted, and the key too if nothing else is left in it
/// ([`UninstallOutcome::Removed`]); from a `;` list only this DLL's
/// entry is removed ([`UninstallOutcome::RemovedFromList`]). Another
/// vendor's registration is left alone ([`UninstallOutcome::NotOurs`],
/// which is `Ok`: this DLL is not registered, which is what uninstall
/// promises). Nothing registered is [`UninstallOutcome::NotRegistered`].
///
/// The path must be absolute ([`validate_dll_path`]) but the file need
/// not exist any more.
///
/// ```no_run
/// use rassapi::registration::{UninstallOutcome, uninstall};
/// match uninstall(r"C:\Program Files\Contoso\acct.dll")? {
///     UninstallOutcome::NotOurs { existing } => println!("left {existing} in place"),
///     other => println!("{other:?}"),
/// }
/// # Ok::<(), rassapi::registration::RegistrationError>(())
/// ```
pub fn uninstall(dll_path: impl AsRef<Path>) -> Result<UninstallOutcome, RegistrationError> {
    let path = path_str(dll_path.as_ref())?;
    validate_dll_path(path)?;
    let read_key = open_read()?;
    let (plan, outcome) = plan_uninstall(&current(read_key.as_ref())?, same_dll(path));
    drop(read_key);
    let object = key_name();
    match plan {
        UninstallPlan::Nothing => {}
        UninstallPlan::SetPath(remaining) => set_path_keeping_type(&open_write()?, &remaining)?,
        UninstallPlan::DeleteBoth => {
            let key = open_write()?;
            for name in [DLL_PATH_VALUE, DISPLAY_NAME_VALUE] {
                match key.remove_value(name) {
                    Err(e) if e.code().0 == E_FILE_NOT_FOUND => {}
                    r => reg_result(&object, r)?,
                }
            }
            let empty = key.values().is_ok_and(|mut v| v.next().is_none())
                && key.keys().is_ok_and(|mut k| k.next().is_none());
            drop(key);
            if empty {
                // Best effort: an empty key loads no admin DLL either.
                let parent = ADMIN_DLL_KEY.rsplit_once('\\').map_or("", |(p, _)| p);
                if let Ok(parent) = LOCAL_MACHINE
                    .options()
                    .read()
                    .write()
                    .access(KEY_WOW64_64KEY)
                    .open(parent)
                {
                    let _ = parent.remove_tree("AdminDll");
                }
            }
        }
    }
    Ok(outcome)
}

/// Reads the current registration, `Ok(None)` if no DLL is registered
/// (no key, no `DLLPath`, or an empty one).
///
/// Returns the stored values as they are ([`RegisteredDll`]), not a
/// [`Registration`]: they may be another vendor's and need not pass
/// this module's validation. A `DLLPath` of a non-string type is a
/// [`RegistrationError::Registry`] error (`ERROR_INVALID_DATA`).
///
/// ```no_run
/// match rassapi::registration::query()? {
///     Some(dll) => println!("registered: {dll}"),
///     None => println!("no RAS admin DLL registered"),
/// }
/// # Ok::<(), rassapi::registration::RegistrationError>(())
/// ```
pub fn query() -> Result<Option<RegisteredDll>, RegistrationError> {
    let key = open_read()?;
    match current(key.as_ref())? {
        Current::Nothing { .. } => Ok(None),
        Current::Dll(dll) => Ok(Some(dll)),
        Current::Unreadable { ty } => Err(RegistrationError::Registry {
            hresult: 0x8007_000D_u32 as i32, // ERROR_INVALID_DATA
            object: format!("{}\\{DLL_PATH_VALUE}", key_name()),
            message: format!("DLLPath has registry type {ty}, not a string"),
        }),
    }
}
