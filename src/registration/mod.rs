//! Registering a RAS admin DLL with the Remote Access Service.
//!
//! The RAS service finds an admin DLL through two string values under
//! `HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\RAS\AdminDll` ([`ADMIN_DLL_KEY`]):
//! `DisplayName`, a friendly name, and `DLLPath`, the full path of the DLL.
//! If the key or `DLLPath` is missing, no admin DLL is loaded. The DLL may
//! export any of the four optional callbacks in [`ADMIN_CALLBACKS`].
//!
//! Before Windows Server 2003 there is **one** slot: NT 4.0 and Windows 2000
//! read exactly one path from `DLLPath` (Server 2003 and later accept
//! several, separated by `;`). Installing there means taking the slot, and
//! another vendor may hold it already. This module never takes it silently.
//!
//! What it offers:
//!
//! * On every OS
//!   * [`Registration`]: a validated display name and DLL path, rendered as
//!     `.reg` file text ([`Registration::to_reg_install`],
//!     [`Registration::to_reg_uninstall`], [`encode_reg_file`]) in the
//!     [`RegFormat`] of your choice: `REGEDIT4` (the default, the only one
//!     NT 4.0 reads) or version 5.00.
//!   * [`InfInstaller`]: an `.inf` file that NT 4.0 installs with
//!     right-click → Install: it copies the DLL to system32 and sets the
//!     two values; its `DefaultUninstall` removes exactly them.
//!   * [`dll_info`] / [`dll_exports`]: a small, bounds-checked PE reader that
//!     never panics, and [`admin_exports`], which checks that a file is a DLL
//!     exporting at least one callback ([`AdminExports`]).
//!   * [`WindowsVersion`] and [`check_exports_for`]: which callbacks a
//!     Windows version calls, and whether a DLL's exports are enough there
//!     (summarised in the table below).
//! * On Windows only: [`install`], [`uninstall`] and [`query`], which work
//!   on the registry through Microsoft's `windows-registry` crate, always in
//!   the native (64-bit on x64) registry view, so a 32-bit installer on
//!   64-bit Windows writes where the RAS service reads, and
//!   [`windows_version`].
//!
//! # Which Windows calls which callbacks
//!
//! | Windows | calls | a DLL must export |
//! |---|---|---|
//! | NT 4.0 (RAS) | `RasAdmin*` (this crate's callbacks) | one or more of [`ADMIN_CALLBACKS`]; export all four |
//! | 2000 | `MprAdmin*` (RRAS; its SDK also names `RasAdmin*`) | the RRAS set ([`RRAS_REQUIRED`], a connection pair) and the IP pair |
//! | XP | `MprAdmin*` (RRAS) | the RRAS set |
//! | Server 2003 and later | `MprAdmin*` (RRAS); `RasAdmin*` are not supported; `DLLPath` may be a `;` list | the RRAS set |
//!
//! RRAS does not start when a registered DLL lacks a required `MprAdmin*`
//! export, so [`install`] refuses such a DLL on 2000 and later
//! ([`RegistrationError::MissingRrasExports`]) unless
//! [`InstallOptions::allow_missing_rras_exports`] is set.
//!
//! Choices made where the documentation leaves room:
//!
//! * **Windows 2000** is an RRAS host: its remote access server is RRAS,
//!   which needs the `MprAdmin*` set, and Microsoft's RRAS documentation
//!   lists the IP pair (`MprAdminGetIpAddressForUser`,
//!   `MprAdminReleaseIpAddress`) as required on Windows 2000 and NT. That
//!   the 2000 SDK also lists it as a caller of the `RasAdmin*` callbacks
//!   does not make a DLL without the RRAS set safe there.
//! * **Windows XP** is named in neither list; its server for incoming
//!   connections is the same Routing and Remote Access service, so it gets
//!   the same check. The IP pair is documented as required on 2000/NT only,
//!   so XP treats it as optional like later versions.
//! * On every RRAS version an IP half without its other half is refused:
//!   RRAS calls them as a pair.
//! * **NT 4.0 with the RRAS redistributable** installed calls `MprAdmin*`
//!   like Windows 2000, but still reports version 4.0: the check cannot
//!   tell: export both sets when a machine may have it.
//! * On NT 4.0 the 2000 Platform SDK asks for all four `RasAdmin*`
//!   exports while other pages call them optional; this check accepts any
//!   one, and recommends exporting all four with neutral behaviour.
//!
//! # Install and uninstall rules (Windows)
//!
//! * [`install`] checks the path (absolute, exists, a DLL of the system's
//!   architecture), then the exports for the running Windows version
//!   ([`check_exports_for`]). It refuses to replace another DLL
//!   ([`RegistrationError::Conflict`]) unless
//!   [`InstallOptions::overwrite_other_vendor`] is set. Installing the same
//!   DLL again succeeds and changes nothing but, if needed, the display
//!   name.
//! * [`uninstall`] removes `DisplayName` and `DLLPath` only when `DLLPath`
//!   names *this* DLL (compared without regard to case, `/` versus `\`,
//!   `%VARIABLES%` of a `REG_EXPAND_SZ` value, and, when both files exist,
//!   by their canonical paths). Another vendor's entry is left alone and
//!   reported as [`UninstallOutcome::NotOurs`], not as an error: the goal
//!   of an uninstaller, "this DLL is not registered", holds. Uninstalling
//!   when nothing is registered returns [`UninstallOutcome::NotRegistered`].
//!   When the key holds nothing else afterwards, it is deleted too, which
//!   returns the machine to the documented "key missing, no admin DLL" state.
//! * A `;`-separated `DLLPath` (Server 2003 and later) that contains this DLL
//!   among others counts as installed; uninstall removes only this DLL's
//!   entry from the list ([`UninstallOutcome::RemovedFromList`]), and both
//!   values when it was the last. On Server 2003 and later (as
//!   [`windows_version`] reports it) install appends this DLL to another
//!   vendor's `DLLPath` instead of failing ([`InstallOutcome::AddedToList`];
//!   no duplicates, paths compared as uninstall compares them) and leaves
//!   `DisplayName`, which stays one name. On earlier versions it never
//!   appends, because NT 4.0 and Windows 2000 would read the whole list as
//!   one path: there another DLL is a [`RegistrationError::Conflict`].
//! * Reading and writing the two values is not one atomic step: do not run
//!   two installers at the same time.
//!
//! # `.reg` and `.inf` files
//!
//! A `.reg` or `.inf` file cannot look before it writes, so it cannot follow
//! the rules above. The install file sets both values (replacing whatever
//! was there); the uninstall file deletes both values (whatever DLL they
//! name) and keeps the key, because other software may keep values there
//! too. Neither checks the DLL's exports. Prefer [`install`] and
//! [`uninstall`] (or the `rasreg` example) where you can run code: Rust's
//! standard library does not run on NT 4.0 or Windows 2000, so there the
//! files are the way.
//!
//! ```
//! use rassapi::registration::Registration;
//!
//! let reg = Registration::new("Contoso Accounting", r"C:\Program Files\Contoso\acct.dll")?;
//! let text = reg.to_reg_install(Default::default())?;
//! assert!(text.starts_with("REGEDIT4\r\n"));
//! assert!(text.contains(r#""DLLPath"="C:\\Program Files\\Contoso\\acct.dll""#));
//! # Ok::<(), rassapi::registration::RegistrationError>(())
//! ```
// `install`, `uninstall` and `query` exist on Windows only; elsewhere the
// links to them in these docs cannot resolve (docs.rs builds for Windows).
#![cfg_attr(not(windows), allow(rustdoc::broken_intra_doc_links))]

mod error;
mod host;
mod inf_file;
mod pe;
mod plan;
mod reg_file;
mod validate;
#[cfg(windows)]
mod windows;

pub use error::{PeError, RegistrationError};
pub use host::{
    AdminApi, RRAS_CONNECTION_PAIRS, RRAS_IP_PAIR, RRAS_REQUIRED, WindowsVersion,
    check_exports_for, missing_rras_exports,
};
pub use inf_file::{InfInstaller, validate_dll_file_name};
pub use pe::{AdminExports, DllInfo, admin_exports, dll_exports, dll_info};
pub use plan::{InstallOptions, InstallOutcome, RegisteredDll, UninstallOutcome};
pub use reg_file::{RegFormat, encode_reg_file};
pub use validate::{Registration, validate_display_name, validate_dll_path};
#[cfg(windows)]
pub use windows::{install, query, uninstall, windows_version};

/// The registry key, below `HKEY_LOCAL_MACHINE`, that names the admin DLL.
///
/// ```
/// assert_eq!(rassapi::registration::ADMIN_DLL_KEY, r"SOFTWARE\Microsoft\RAS\AdminDll");
/// ```
pub const ADMIN_DLL_KEY: &str = r"SOFTWARE\Microsoft\RAS\AdminDll";

/// [`ADMIN_DLL_KEY`] with its root, as `.reg` files and `reg.exe` spell it.
///
/// ```
/// use rassapi::registration::{ADMIN_DLL_KEY, ADMIN_DLL_KEY_FULL};
/// assert!(ADMIN_DLL_KEY_FULL.ends_with(ADMIN_DLL_KEY));
/// ```
pub const ADMIN_DLL_KEY_FULL: &str = r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\RAS\AdminDll";

/// Name of the `REG_SZ` value holding the friendly name.
///
/// ```
/// assert_eq!(rassapi::registration::DISPLAY_NAME_VALUE, "DisplayName");
/// ```
pub const DISPLAY_NAME_VALUE: &str = "DisplayName";

/// Name of the value holding the DLL's full path (`REG_SZ`; NT 4.0 also
/// accepts `REG_EXPAND_SZ`).
///
/// ```
/// assert_eq!(rassapi::registration::DLL_PATH_VALUE, "DLLPath");
/// ```
pub const DLL_PATH_VALUE: &str = "DLLPath";

/// The four optional exports RAS looks up in an admin DLL, in the order of
/// the fields of [`AdminExports`].
///
/// ```
/// assert!(rassapi::registration::ADMIN_CALLBACKS.contains(&"RasAdminConnectionHangupNotification"));
/// ```
pub const ADMIN_CALLBACKS: [&str; 4] = crate::export::Callback::EXPORT_NAMES;

/// Longest path, in UTF-16 units, that `LoadLibrary` takes without the
/// long-path opt-in (`MAX_PATH` minus the terminator).
const MAX_DLL_PATH: usize = 259;
