//! Registering a RAS admin DLL with the Remote Access Service.
//!
//! The RAS service finds an admin DLL through two string values under
//! `HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\RAS\AdminDll` ([`ADMIN_DLL_KEY`]):
//! `DisplayName`, a friendly name, and `DLLPath`, the full path of the DLL.
//! If the key or `DLLPath` is missing, no admin DLL is loaded. The DLL may
//! export any of the four optional callbacks in [`ADMIN_CALLBACKS`].
//!
//! There is **one** slot: NT 4.0 and Windows 2000 read exactly one path from
//! `DLLPath` (Windows Server 2003 and later accept several, separated by
//! `;`). Installing therefore means taking the slot, and another vendor may
//! hold it already. This module never takes it silently.
//!
//! What it offers:
//!
//! * On every OS
//!   * [`Registration`]: a validated display name and DLL path, rendered as
//!     `.reg` file text for setup tools ([`Registration::to_reg_install`],
//!     [`Registration::to_reg_uninstall`], [`encode_reg_file`]).
//!   * [`dll_info`] / [`dll_exports`]: a small, bounds-checked PE reader that
//!     never panics, and [`admin_exports`], which checks that a file is a DLL
//!     exporting at least one callback ([`AdminExports`]).
//! * On Windows only: [`install`], [`uninstall`] and [`query`], which work
//!   on the registry through Microsoft's `windows-registry` crate, always in
//!   the native (64-bit on x64) registry view, so a 32-bit installer on
//!   64-bit Windows writes where the RAS service reads.
//!
//! # Install and uninstall rules (Windows)
//!
//! * [`install`] checks the path (absolute, exists, a DLL of the system's
//!   architecture that exports at least one callback). It refuses to replace
//!   another DLL ([`RegistrationError::Conflict`]) unless
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
//!   entry from the list ([`UninstallOutcome::RemovedFromList`]). Install
//!   never appends to a list, because NT 4.0 and Windows 2000 would read the
//!   whole list as one path.
//! * Reading and writing the two values is not one atomic step: do not run
//!   two installers at the same time.
//!
//! # `.reg` files
//!
//! A `.reg` file cannot look before it writes, so it cannot follow the rules
//! above. The install file sets both values (replacing whatever was there);
//! the uninstall file deletes both values (whatever DLL they name) and keeps
//! the key, because other software may keep values there too. Prefer
//! [`install`] and [`uninstall`] (or the `rasreg` example) where you can run
//! code; both files say so in a comment.
//!
//! The files use the `Windows Registry Editor Version 5.00` format (Windows
//! 2000 and later); write them with [`encode_reg_file`]. NT 4.0's Registry
//! Editor reads only the older `REGEDIT4` format, which this module does not
//! produce. (Rust's standard library does not run on NT 4.0 or Windows 2000
//! either, so [`install`] is no option there.)
//!
//! ```
//! use rassapi::registration::Registration;
//!
//! let reg = Registration::new("Contoso Accounting", r"C:\Program Files\Contoso\acct.dll")?;
//! let text = reg.to_reg_install();
//! assert!(text.contains(r#""DLLPath"="C:\\Program Files\\Contoso\\acct.dll""#));
//! # Ok::<(), rassapi::registration::RegistrationError>(())
//! ```
// `install`, `uninstall` and `query` exist on Windows only; elsewhere the
// links to them in these docs cannot resolve (docs.rs builds for Windows).
#![cfg_attr(not(windows), allow(rustdoc::broken_intra_doc_links))]

mod error;
mod pe;
mod plan;
mod reg_file;
mod validate;
#[cfg(windows)]
mod windows;

pub use error::{PeError, RegistrationError};
pub use pe::{AdminExports, DllInfo, admin_exports, dll_exports, dll_info};
pub use plan::{InstallOptions, InstallOutcome, RegisteredDll, UninstallOutcome};
pub use reg_file::encode_reg_file;
pub use validate::{Registration, validate_display_name, validate_dll_path};
#[cfg(windows)]
pub use windows::{install, query, uninstall};

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
