//! Which Windows versions call which admin-DLL callbacks, and whether a DLL
//! exports what that version's remote access service needs
//! ([`WindowsVersion`], [`AdminApi`], [`check_exports_for`]).
//!
//! | Windows (version) | service that loads the DLL | callbacks it calls | [`check_exports_for`] requires |
//! |---|---|---|---|
//! | NT 4.0 (4.0) and older | RAS | the four `RasAdmin*` of `rassapi.h` | at least one `RasAdmin*` callback (export all four: see below) |
//! | 2000 (5.0) | RRAS | `MprAdmin*` of `mprapi.h` (the 2000 Platform SDK also names the `RasAdmin*` ones) | [`RRAS_REQUIRED`], one connection pair, and the IP pair |
//! | XP (5.1) | RRAS | `MprAdmin*` | [`RRAS_REQUIRED`] and one connection pair |
//! | Server 2003 (5.2) and later, Windows 10/11 | RRAS | `MprAdmin*`; `RasAdmin*` are not supported | [`RRAS_REQUIRED`] and one connection pair |
//!
//! Routing and Remote Access (RRAS) refuses to start when a DLL registered
//! under the `AdminDll` key lacks one of its required exports, which takes
//! remote access down for every user. So from version 5.0 on a DLL must
//! export the RRAS set; a DLL with only the NT 4.0 callbacks is refused
//! there ([`RegistrationError::MissingRrasExports`]).
//!
//! The reasons for each row are in the [module docs](super), under
//! "Which Windows calls which callbacks".
//!
//! The decision is a pure function of the version and the export names, so
//! it is tested on every OS; [`install`] feeds it the version it reads from
//! the registry.

use std::fmt;

#[cfg(all(doc, windows))]
use super::install;
use super::{ADMIN_CALLBACKS, AdminExports, RegistrationError};

/// A Windows version as `major.minor` (`4.0` NT 4.0, `5.0` 2000, `5.1` XP,
/// `5.2` Server 2003, `6.x` Vista to 8.1, `10.0` Windows 10/11 and Server
/// 2016 and later).
///
/// ```
/// use rassapi::registration::WindowsVersion;
/// assert_eq!("5.2".parse::<WindowsVersion>()?, WindowsVersion::SERVER_2003);
/// assert!(WindowsVersion::NT4 < WindowsVersion::WINDOWS_2000);
/// assert_eq!(WindowsVersion::new(10, 0).to_string(), "10.0");
/// # Ok::<(), rassapi::registration::RegistrationError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WindowsVersion {
    /// The major version.
    pub major: u32,
    /// The minor version.
    pub minor: u32,
}

impl WindowsVersion {
    /// Windows NT 4.0.
    pub const NT4: Self = Self::new(4, 0);
    /// Windows 2000.
    pub const WINDOWS_2000: Self = Self::new(5, 0);
    /// Windows XP (32-bit).
    pub const WINDOWS_XP: Self = Self::new(5, 1);
    /// Windows Server 2003 (and XP x64): the first to read a `;` list from
    /// `DLLPath`.
    pub const SERVER_2003: Self = Self::new(5, 2);

    /// `major.minor`.
    ///
    /// ```
    /// use rassapi::registration::WindowsVersion;
    /// assert_eq!(WindowsVersion::new(5, 1), WindowsVersion::WINDOWS_XP);
    /// ```
    pub const fn new(major: u32, minor: u32) -> Self {
        Self { major, minor }
    }

    /// The version as `HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion`
    /// states it: the DWORDs `CurrentMajorVersionNumber` and
    /// `CurrentMinorVersionNumber` where both exist (Windows 10 and later,
    /// whose `CurrentVersion` string stays `"6.3"` for old programs), else
    /// the `CurrentVersion` string `"x.y"`.
    ///
    /// Errors with [`RegistrationError::UnknownWindowsVersion`] when neither
    /// gives a version.
    ///
    /// ```
    /// use rassapi::registration::WindowsVersion;
    /// let win10 = WindowsVersion::from_registry_values(Some(10), Some(0), Some("6.3"))?;
    /// assert_eq!(win10, WindowsVersion::new(10, 0));
    /// let nt4 = WindowsVersion::from_registry_values(None, None, Some("4.0"))?;
    /// assert_eq!(nt4, WindowsVersion::NT4);
    /// assert!(WindowsVersion::from_registry_values(Some(10), None, None).is_err());
    /// # Ok::<(), rassapi::registration::RegistrationError>(())
    /// ```
    pub fn from_registry_values(
        major: Option<u32>,
        minor: Option<u32>,
        current_version: Option<&str>,
    ) -> Result<Self, RegistrationError> {
        if let (Some(major), Some(minor)) = (major, minor) {
            return Ok(Self::new(major, minor));
        }
        match current_version {
            Some(text) => text.parse(),
            None => Err(RegistrationError::UnknownWindowsVersion {
                found: "neither CurrentMajorVersionNumber/CurrentMinorVersionNumber \
                        nor CurrentVersion"
                    .into(),
            }),
        }
    }

    /// The callbacks this version's remote access service calls.
    ///
    /// ```
    /// use rassapi::registration::{AdminApi, WindowsVersion};
    /// assert_eq!(WindowsVersion::NT4.admin_api(), AdminApi::RasAdmin);
    /// assert_eq!(WindowsVersion::WINDOWS_2000.admin_api(), AdminApi::MprAdmin { ip_pair_required: true });
    /// assert_eq!(WindowsVersion::new(10, 0).admin_api(), AdminApi::MprAdmin { ip_pair_required: false });
    /// ```
    pub fn admin_api(self) -> AdminApi {
        if self < Self::WINDOWS_2000 {
            AdminApi::RasAdmin
        } else {
            AdminApi::MprAdmin {
                ip_pair_required: self == Self::WINDOWS_2000,
            }
        }
    }

    /// `DLLPath` may hold a `;`-separated list (Server 2003 and later).
    ///
    /// ```
    /// use rassapi::registration::WindowsVersion;
    /// assert!(!WindowsVersion::WINDOWS_2000.reads_path_list());
    /// assert!(WindowsVersion::SERVER_2003.reads_path_list());
    /// ```
    pub fn reads_path_list(self) -> bool {
        self >= Self::SERVER_2003
    }
}

impl fmt::Display for WindowsVersion {
    /// `major.minor`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

impl std::str::FromStr for WindowsVersion {
    type Err = RegistrationError;

    /// Parses `"major.minor"` (decimal, no spaces), as the `CurrentVersion`
    /// registry string holds it.
    ///
    /// ```
    /// use rassapi::registration::WindowsVersion;
    /// assert_eq!("6.1".parse::<WindowsVersion>()?, WindowsVersion::new(6, 1));
    /// assert!("6".parse::<WindowsVersion>().is_err());
    /// assert!("6.1.7601".parse::<WindowsVersion>().is_err());
    /// # Ok::<(), rassapi::registration::RegistrationError>(())
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let number = |t: &str| {
            if !t.is_empty() && t.len() <= 9 && t.bytes().all(|b| b.is_ascii_digit()) {
                t.parse::<u32>().ok()
            } else {
                None
            }
        };
        s.split_once('.')
            .and_then(|(a, b)| Some(Self::new(number(a)?, number(b)?)))
            .ok_or_else(|| RegistrationError::UnknownWindowsVersion {
                found: format!("CurrentVersion {s:?}"),
            })
    }
}

/// The callback set a Windows version's remote access service calls
/// ([`WindowsVersion::admin_api`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AdminApi {
    /// NT 4.0's RAS: the four `RasAdmin*` callbacks ([`ADMIN_CALLBACKS`]).
    RasAdmin,
    /// RRAS: the `MprAdmin*` callbacks ([`RRAS_REQUIRED`], one connection
    /// pair, optional IP pair).
    MprAdmin {
        /// The IP pair is required too (Windows 2000).
        ip_pair_required: bool,
    },
}

/// The `MprAdmin*` exports RRAS requires, each as its alternatives (one of
/// them is enough). A connection pair ([`RRAS_CONNECTION_PAIRS`]) is
/// required besides.
///
/// ```
/// use rassapi::registration::RRAS_REQUIRED;
/// assert!(RRAS_REQUIRED.iter().any(|alts| alts.contains(&"MprAdminTerminateDll")));
/// ```
pub const RRAS_REQUIRED: [&[&str]; 5] = [
    &["MprAdminAcceptNewLink"],
    &[
        "MprAdminAcceptReauthentication",
        "MprAdminAcceptReauthenticationEx",
    ],
    &["MprAdminInitializeDll", "MprAdminInitializeDllEx"],
    &["MprAdminLinkHangupNotification"],
    &["MprAdminTerminateDll"],
];

/// The connection callbacks, as (accept, hang-up) pairs of the same level:
/// RRAS needs one whole pair.
///
/// ```
/// use rassapi::registration::RRAS_CONNECTION_PAIRS;
/// assert_eq!(RRAS_CONNECTION_PAIRS[0], ("MprAdminAcceptNewConnection", "MprAdminConnectionHangupNotification"));
/// ```
pub const RRAS_CONNECTION_PAIRS: [(&str, &str); 4] = [
    (
        "MprAdminAcceptNewConnection",
        "MprAdminConnectionHangupNotification",
    ),
    (
        "MprAdminAcceptNewConnection2",
        "MprAdminConnectionHangupNotification2",
    ),
    (
        "MprAdminAcceptNewConnection3",
        "MprAdminConnectionHangupNotification3",
    ),
    (
        "MprAdminAcceptNewConnectionEx",
        "MprAdminConnectionHangupNotificationEx",
    ),
];

/// The IPv4 address pair: optional from XP on, required on Windows 2000;
/// never one without the other.
///
/// ```
/// assert_eq!(rassapi::registration::RRAS_IP_PAIR.1, "MprAdminReleaseIpAddress");
/// ```
pub const RRAS_IP_PAIR: (&str, &str) = ("MprAdminGetIpAddressForUser", "MprAdminReleaseIpAddress");

/// What RRAS of `version` would miss in a DLL exporting `names`, one entry
/// per requirement, alternatives joined by `" or "`. Empty: RRAS starts.
///
/// ```
/// use rassapi::registration::{WindowsVersion, missing_rras_exports};
/// let missing = missing_rras_exports(WindowsVersion::new(10, 0), ["RasAdminConnectionHangupNotification"]);
/// assert!(missing.contains(&"MprAdminTerminateDll".to_owned()));
/// ```
pub fn missing_rras_exports<I>(version: WindowsVersion, names: I) -> Vec<String>
where
    I: IntoIterator,
    I::Item: AsRef<str>,
{
    let names: Vec<I::Item> = names.into_iter().collect();
    let has = |wanted: &str| names.iter().any(|n| n.as_ref() == wanted);
    let mut missing = Vec::new();
    for alternatives in RRAS_REQUIRED {
        if !alternatives.iter().any(|n| has(n)) {
            missing.push(alternatives.join(" or "));
        }
    }
    if !RRAS_CONNECTION_PAIRS
        .iter()
        .any(|(accept, hangup)| has(accept) && has(hangup))
    {
        // Accepts first, then hang-ups, each in level order.
        let partial: Vec<&str> = RRAS_CONNECTION_PAIRS
            .iter()
            .map(|(a, _)| *a)
            .chain(RRAS_CONNECTION_PAIRS.iter().map(|(_, h)| *h))
            .filter(|n| has(n))
            .collect();
        let mut entry = String::from(
            "one pair MprAdminAcceptNewConnection{,2,3,Ex} with \
             MprAdminConnectionHangupNotification of the same suffix",
        );
        if !partial.is_empty() {
            entry += &format!(" (found only {})", partial.join(", "));
        }
        missing.push(entry);
    }
    let (get, release) = RRAS_IP_PAIR;
    let ip_required = version.admin_api()
        == (AdminApi::MprAdmin {
            ip_pair_required: true,
        });
    match (has(get), has(release)) {
        (true, false) => missing.push(release.to_owned()),
        (false, true) => missing.push(get.to_owned()),
        (false, false) if ip_required => {
            missing.push(get.to_owned());
            missing.push(release.to_owned());
        }
        _ => {}
    }
    missing
}

/// Decides whether a DLL exporting `names` may be registered on `version`:
/// the whole decision of [`install`]'s export check (without the override).
///
/// * NT 4.0 ([`AdminApi::RasAdmin`]): at least one `RasAdmin*` callback
///   under its plain name, else [`RegistrationError::NoAdminExports`]
///   (listing stdcall-decorated look-alikes).
/// * 2000 and later ([`AdminApi::MprAdmin`]): everything RRAS requires
///   ([`missing_rras_exports`] empty), else
///   [`RegistrationError::MissingRrasExports`]. The `RasAdmin*` exports
///   are neither needed nor harmful there.
///
/// Returns the API the host will call.
///
/// ```
/// use rassapi::registration::{AdminApi, RegistrationError, WindowsVersion, check_exports_for};
/// let nt4_only = ["RasAdminAcceptNewConnection", "RasAdminConnectionHangupNotification"];
/// assert_eq!(check_exports_for(WindowsVersion::NT4, nt4_only)?, AdminApi::RasAdmin);
/// assert!(matches!(
///     check_exports_for(WindowsVersion::SERVER_2003, nt4_only),
///     Err(RegistrationError::MissingRrasExports { .. })
/// ));
/// # Ok::<(), RegistrationError>(())
/// ```
pub fn check_exports_for<I>(
    version: WindowsVersion,
    names: I,
) -> Result<AdminApi, RegistrationError>
where
    I: IntoIterator,
    I::Item: AsRef<str>,
{
    let names: Vec<I::Item> = names.into_iter().collect();
    let api = version.admin_api();
    match api {
        AdminApi::RasAdmin => {
            if AdminExports::from_names(&names).any() {
                Ok(api)
            } else {
                Err(RegistrationError::NoAdminExports {
                    decorated: decorated_callbacks(&names),
                })
            }
        }
        AdminApi::MprAdmin { .. } => {
            let missing = missing_rras_exports(version, &names);
            if missing.is_empty() {
                Ok(api)
            } else {
                Err(RegistrationError::MissingRrasExports { version, missing })
            }
        }
    }
}

/// Export names that are a `RasAdmin*` callback with stdcall decoration
/// (`_Name@12`, `Name@12`), which RAS does not find.
pub(super) fn decorated_callbacks<S: AsRef<str>>(names: &[S]) -> Vec<String> {
    names
        .iter()
        .map(AsRef::as_ref)
        .filter(|n| {
            let base = n.strip_prefix('_').unwrap_or(n);
            base.split_once('@').is_some_and(|(name, n)| {
                ADMIN_CALLBACKS.contains(&name) && n.parse::<u32>().is_ok()
            })
        })
        .map(str::to_owned)
        .collect()
}
