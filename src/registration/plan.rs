//! The registry state and what to do about it: the public
//! [`RegisteredDll`], [`InstallOptions`] and outcomes, and the planners
//! behind [`install`] and [`uninstall`] (pure, so they are tested on every
//! OS).

use std::fmt;

#[cfg(doc)]
use super::ADMIN_DLL_KEY;
use super::{Registration, RegistrationError};
#[cfg(all(doc, windows))]
use super::{install, query, uninstall};

/// What [`query`] finds under [`ADMIN_DLL_KEY`]: the stored values as they
/// are, which may be another vendor's and need not pass this module's
/// validation (a `REG_EXPAND_SZ` path, a `;`-separated list, ...).
///
/// ```
/// use rassapi::registration::RegisteredDll;
/// let r = RegisteredDll {
///     display_name: None,
///     dll_path: r"C:\a.dll; C:\b.dll".into(),
///     expand: false,
/// };
/// assert_eq!(r.paths().collect::<Vec<_>>(), [r"C:\a.dll", r"C:\b.dll"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisteredDll {
    /// `DisplayName`, if present and a string.
    pub display_name: Option<String>,
    /// `DLLPath` as stored.
    pub dll_path: String,
    /// `DLLPath` is `REG_EXPAND_SZ` (environment variables are expanded by
    /// the loader).
    pub expand: bool,
}

impl RegisteredDll {
    /// The entries of `DLLPath`: split at `;`, trimmed, surrounding quotes
    /// removed, empty entries skipped.
    ///
    /// ```
    /// use rassapi::registration::RegisteredDll;
    /// let r = RegisteredDll { display_name: None, dll_path: r#""C:\a b.dll""#.into(), expand: false };
    /// assert_eq!(r.paths().collect::<Vec<_>>(), [r"C:\a b.dll"]);
    /// ```
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.dll_path
            .split(';')
            .map(|p| p.trim().trim_matches('"').trim())
            .filter(|p| !p.is_empty())
    }
}

impl fmt::Display for RegisteredDll {
    /// `"<display name>" (<path>)`, or just the path.
    ///
    /// ```
    /// use rassapi::registration::RegisteredDll;
    /// let r = RegisteredDll { display_name: Some("X".into()), dll_path: r"C:\x.dll".into(), expand: false };
    /// assert_eq!(r.to_string(), r#""X" (C:\x.dll)"#);
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.display_name {
            Some(name) => write!(f, "{name:?} ({})", self.dll_path),
            None => f.write_str(&self.dll_path),
        }
    }
}

/// Options of [`install`]. Both default to `false`, the safe choice.
///
/// ```
/// use rassapi::registration::InstallOptions;
/// let force = InstallOptions { overwrite_other_vendor: true, ..Default::default() };
/// assert!(!InstallOptions::default().overwrite_other_vendor);
/// assert!(!force.allow_missing_rras_exports);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct InstallOptions {
    /// Replace a registration that names another DLL instead of failing
    /// with [`RegistrationError::Conflict`].
    pub overwrite_other_vendor: bool,
    /// Register the DLL even where Routing and Remote Access (Windows 2000
    /// and later) requires `MprAdmin*` exports it lacks, instead of failing
    /// with [`RegistrationError::MissingRrasExports`]. RRAS will then not
    /// start: use it only on a machine whose remote access service is not
    /// in use (a test machine, or to stage a DLL for an image), and
    /// uninstall before starting RRAS. The DLL must still export at least
    /// one `RasAdmin*` callback ([`RegistrationError::NoAdminExports`]).
    pub allow_missing_rras_exports: bool,
}

/// What [`install`] did. Every outcome leaves this DLL registered; failures
/// are `Err`.
///
/// ```
/// use rassapi::registration::InstallOutcome;
/// let o = InstallOutcome::DisplayNameUpdated { previous: None };
/// assert!(o.wrote());
/// assert!(!InstallOutcome::AlreadyInstalled.wrote());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum InstallOutcome {
    /// Nothing was registered; now this DLL is.
    Installed,
    /// This DLL was registered already with this display name (or is one
    /// entry of a `;` list); nothing was written.
    AlreadyInstalled,
    /// This DLL was registered already; the display name was changed.
    DisplayNameUpdated {
        /// The display name before.
        previous: Option<String>,
    },
    /// Another DLL was registered and has been replaced
    /// ([`InstallOptions::overwrite_other_vendor`]).
    Replaced {
        /// The registration that was replaced.
        previous: RegisteredDll,
    },
    /// Server 2003 and later: other DLLs were registered; this one was
    /// appended to the `;` list in `DLLPath`, and `DisplayName` was left
    /// as it was (it stays one name).
    AddedToList {
        /// The registration before.
        previous: RegisteredDll,
        /// The new `DLLPath`.
        dll_path: String,
    },
}

impl InstallOutcome {
    /// This call changed the registry (restart the RAS service to apply).
    ///
    /// ```
    /// assert!(rassapi::registration::InstallOutcome::Installed.wrote());
    /// ```
    pub fn wrote(&self) -> bool {
        !matches!(self, Self::AlreadyInstalled)
    }
}

/// What [`uninstall`] did.
///
/// ```
/// use rassapi::registration::UninstallOutcome;
/// assert!(UninstallOutcome::Removed.removed());
/// assert!(!UninstallOutcome::NotRegistered.removed());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum UninstallOutcome {
    /// This DLL was registered; `DisplayName` and `DLLPath` were deleted
    /// (and the key, if that left it empty).
    Removed,
    /// `DLLPath` listed this DLL among others; only its entry was removed.
    RemovedFromList {
        /// The new `DLLPath`.
        remaining: String,
    },
    /// No DLL is registered; nothing was done.
    NotRegistered,
    /// Another DLL is registered; it was left alone.
    NotOurs {
        /// The registration that was left in place.
        existing: RegisteredDll,
    },
}

impl UninstallOutcome {
    /// This call removed this DLL's registration.
    ///
    /// ```
    /// use rassapi::registration::UninstallOutcome;
    /// assert!(UninstallOutcome::RemovedFromList { remaining: r"C:\b.dll".into() }.removed());
    /// ```
    pub fn removed(&self) -> bool {
        matches!(self, Self::Removed | Self::RemovedFromList { .. })
    }
}

/// The current registry state as the planner sees it.
#[cfg_attr(not(windows), allow(dead_code))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Current {
    /// No usable `DLLPath` (key or value missing, or an empty string).
    Nothing { display_name: Option<String> },
    /// A string `DLLPath`.
    Dll(RegisteredDll),
    /// `DLLPath` has a non-string registry type.
    Unreadable { ty: u32 },
}

#[cfg_attr(not(windows), allow(dead_code))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum InstallPlan {
    Nothing,
    SetName,
    SetBoth,
    /// Write this `DLLPath` (keeping its registry type), leave
    /// `DisplayName`.
    SetPath(String),
}

/// Decides what [`install`] writes. `same` tells whether a stored entry
/// (already expanded) names the DLL being installed. `lists`: the system
/// reads a `;` list from `DLLPath` (Server 2003 and later), so another
/// DLL is no conflict: this one is appended after it (once; `same`
/// decides what counts as this DLL), and `DisplayName`, which stays one
/// name, is left to whoever registered first.
#[cfg_attr(not(windows), allow(dead_code))]
pub(crate) fn plan_install(
    current: &Current,
    new: &Registration,
    options: InstallOptions,
    lists: bool,
    same: impl Fn(&str) -> bool,
) -> Result<(InstallPlan, InstallOutcome), RegistrationError> {
    let conflict = |existing: RegisteredDll| {
        if options.overwrite_other_vendor {
            Ok((
                InstallPlan::SetBoth,
                InstallOutcome::Replaced { previous: existing },
            ))
        } else {
            Err(RegistrationError::Conflict {
                existing: existing.dll_path,
                display_name: existing.display_name,
            })
        }
    };
    match current {
        Current::Nothing { .. } => Ok((InstallPlan::SetBoth, InstallOutcome::Installed)),
        Current::Unreadable { ty } => conflict(RegisteredDll {
            display_name: None,
            dll_path: format!("<DLLPath of registry type {ty}>"),
            expand: false,
        }),
        Current::Dll(existing) => {
            let entries: Vec<&str> = existing.paths().collect();
            let ours = |p: &&str| same(&expand_if(p, existing.expand));
            if entries.len() > 1 && entries.iter().any(ours) {
                Ok((InstallPlan::Nothing, InstallOutcome::AlreadyInstalled))
            } else if entries.len() == 1 && entries.iter().all(ours) {
                if existing.display_name.as_deref() == Some(new.display_name()) {
                    Ok((InstallPlan::Nothing, InstallOutcome::AlreadyInstalled))
                } else {
                    Ok((
                        InstallPlan::SetName,
                        InstallOutcome::DisplayNameUpdated {
                            previous: existing.display_name.clone(),
                        },
                    ))
                }
            } else if lists && !entries.iter().any(ours) {
                let kept = existing.dll_path.trim_end_matches([';', ' ', '\t']);
                let list = if kept.is_empty() {
                    new.dll_path().to_owned()
                } else {
                    format!("{kept};{}", new.dll_path())
                };
                Ok((
                    InstallPlan::SetPath(list.clone()),
                    InstallOutcome::AddedToList {
                        previous: existing.clone(),
                        dll_path: list,
                    },
                ))
            } else {
                conflict(existing.clone())
            }
        }
    }
}

#[cfg_attr(not(windows), allow(dead_code))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum UninstallPlan {
    Nothing,
    DeleteBoth,
    SetPath(String),
}

/// Decides what [`uninstall`] does. `same` as in [`plan_install`].
#[cfg_attr(not(windows), allow(dead_code))]
pub(crate) fn plan_uninstall(
    current: &Current,
    same: impl Fn(&str) -> bool,
) -> (UninstallPlan, UninstallOutcome) {
    match current {
        Current::Nothing { .. } => (UninstallPlan::Nothing, UninstallOutcome::NotRegistered),
        Current::Unreadable { ty } => (
            UninstallPlan::Nothing,
            UninstallOutcome::NotOurs {
                existing: RegisteredDll {
                    display_name: None,
                    dll_path: format!("<DLLPath of registry type {ty}>"),
                    expand: false,
                },
            },
        ),
        Current::Dll(existing) => {
            let (ours, others): (Vec<&str>, Vec<&str>) = existing
                .paths()
                .partition(|p| same(&expand_if(p, existing.expand)));
            if ours.is_empty() {
                (
                    UninstallPlan::Nothing,
                    UninstallOutcome::NotOurs {
                        existing: existing.clone(),
                    },
                )
            } else if others.is_empty() {
                (UninstallPlan::DeleteBoth, UninstallOutcome::Removed)
            } else {
                let remaining = others.join(";");
                (
                    UninstallPlan::SetPath(remaining.clone()),
                    UninstallOutcome::RemovedFromList { remaining },
                )
            }
        }
    }
}

fn expand_if(path: &str, expand: bool) -> String {
    if expand {
        expand_env(path, |name| std::env::var(name).ok())
    } else {
        path.to_owned()
    }
}

/// Expands `%NAME%` like `ExpandEnvironmentStrings`: unknown variables and
/// a lone `%` stay as they are.
pub(crate) fn expand_env(s: &str, lookup: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(start) = rest.find('%') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('%') {
            Some(end) if end > 0 => match lookup(&after[..end]) {
                Some(value) => {
                    out.push_str(&value);
                    rest = &after[end + 1..];
                }
                None => {
                    out.push('%');
                    out.push_str(&after[..end]);
                    rest = &after[end..];
                }
            },
            _ => {
                out.push('%');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Compares two Windows paths as the file system would for plain names:
/// ignoring case, with `/` and `\` equal.
#[cfg_attr(not(windows), allow(dead_code))]
pub(crate) fn same_path_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .map(|c| if c == '/' { '\\' } else { c })
            .flat_map(char::to_lowercase)
            .collect()
    };
    norm(a) == norm(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reg(path: &str) -> Registration {
        Registration::new("Ours", path).unwrap()
    }

    fn dll(path: &str, name: Option<&str>) -> Current {
        Current::Dll(RegisteredDll {
            display_name: name.map(str::to_owned),
            dll_path: path.into(),
            expand: false,
        })
    }

    fn same(ours: &str) -> impl Fn(&str) -> bool + '_ {
        move |p| same_path_text(p, ours)
    }

    const OURS: &str = r"C:\Ras\Ours.dll";

    #[test]
    fn install_plan_nothing_registered() {
        let cur = Current::Nothing {
            display_name: Some("stale".into()),
        };
        let (plan, out) = plan_install(
            &cur,
            &reg(OURS),
            InstallOptions::default(),
            false,
            same(OURS),
        )
        .unwrap();
        assert_eq!(
            (plan, out),
            (InstallPlan::SetBoth, InstallOutcome::Installed)
        );
    }

    #[test]
    fn install_plan_same_dll_is_idempotent() {
        let cur = dll(r"c:/ras/OURS.DLL", Some("Ours"));
        let (plan, out) = plan_install(
            &cur,
            &reg(OURS),
            InstallOptions::default(),
            false,
            same(OURS),
        )
        .unwrap();
        assert_eq!(
            (plan, out),
            (InstallPlan::Nothing, InstallOutcome::AlreadyInstalled)
        );
        let cur = dll(OURS, Some("Old name"));
        let (plan, out) = plan_install(
            &cur,
            &reg(OURS),
            InstallOptions::default(),
            false,
            same(OURS),
        )
        .unwrap();
        assert_eq!(plan, InstallPlan::SetName);
        assert_eq!(
            out,
            InstallOutcome::DisplayNameUpdated {
                previous: Some("Old name".into())
            }
        );
    }

    #[test]
    fn install_plan_conflict_and_overwrite() {
        let cur = dll(r"C:\Other\theirs.dll", Some("Theirs"));
        let err = plan_install(
            &cur,
            &reg(OURS),
            InstallOptions::default(),
            false,
            same(OURS),
        )
        .unwrap_err();
        assert!(matches!(
            err,
            RegistrationError::Conflict { ref existing, ref display_name }
                if existing == r"C:\Other\theirs.dll" && display_name.as_deref() == Some("Theirs")
        ));
        assert!(err.to_string().contains("\"Theirs\""));
        let force = InstallOptions {
            overwrite_other_vendor: true,
            ..Default::default()
        };
        let (plan, out) = plan_install(&cur, &reg(OURS), force, false, same(OURS)).unwrap();
        assert_eq!(plan, InstallPlan::SetBoth);
        assert!(matches!(out, InstallOutcome::Replaced { .. }));
        let bad = Current::Unreadable { ty: 3 };
        assert!(
            plan_install(
                &bad,
                &reg(OURS),
                InstallOptions::default(),
                false,
                same(OURS)
            )
            .is_err()
        );
        assert!(plan_install(&bad, &reg(OURS), force, false, same(OURS)).is_ok());
    }

    #[test]
    fn install_plan_lists() {
        let cur = dll(&format!(r"C:\Other\theirs.dll;{OURS}"), None);
        let (plan, out) = plan_install(
            &cur,
            &reg(OURS),
            InstallOptions::default(),
            false,
            same(OURS),
        )
        .unwrap();
        assert_eq!(
            (plan, out),
            (InstallPlan::Nothing, InstallOutcome::AlreadyInstalled)
        );
        let cur = dll(r"C:\a.dll;C:\b.dll", None);
        assert!(
            plan_install(
                &cur,
                &reg(OURS),
                InstallOptions::default(),
                false,
                same(OURS)
            )
            .is_err()
        );
    }

    #[test]
    fn install_plan_appends_where_lists_are_read() {
        let opts = InstallOptions::default();
        let theirs = dll(r"C:\Other\theirs.dll", Some("Theirs"));
        let (plan, out) = plan_install(&theirs, &reg(OURS), opts, true, same(OURS)).unwrap();
        let want = format!(r"C:\Other\theirs.dll;{OURS}");
        assert_eq!(plan, InstallPlan::SetPath(want.clone()));
        match out {
            InstallOutcome::AddedToList { previous, dll_path } => {
                assert_eq!(dll_path, want);
                assert_eq!(previous.dll_path, r"C:\Other\theirs.dll");
                assert_eq!(previous.display_name.as_deref(), Some("Theirs"));
            }
            other => panic!("{other:?}"),
        }
        // The override changes nothing: appending replaces no one.
        let force = InstallOptions {
            overwrite_other_vendor: true,
            ..Default::default()
        };
        let (plan, _) = plan_install(&theirs, &reg(OURS), force, true, same(OURS)).unwrap();
        assert_eq!(plan, InstallPlan::SetPath(want.clone()));
        // A list, with a trailing separator: one ';' between entries.
        let list = dll(r"C:\a.dll;C:\b.dll; ", None);
        let (plan, _) = plan_install(&list, &reg(OURS), opts, true, same(OURS)).unwrap();
        assert_eq!(
            plan,
            InstallPlan::SetPath(format!(r"C:\a.dll;C:\b.dll;{OURS}"))
        );
        // No duplicates: ours in any spelling, anywhere in the list.
        for stored in [
            format!(r"C:\a.dll;{}", OURS.to_uppercase()),
            r"c:/ras/ours.dll;C:\a.dll".to_owned(),
            format!(r" {OURS} ;C:\a.dll"),
        ] {
            let (plan, out) =
                plan_install(&dll(&stored, None), &reg(OURS), opts, true, same(OURS)).unwrap();
            assert_eq!(
                (plan, out),
                (InstallPlan::Nothing, InstallOutcome::AlreadyInstalled),
                "{stored}"
            );
        }
        // Nothing registered, or only ours: as without lists.
        let nothing = Current::Nothing { display_name: None };
        let (plan, _) = plan_install(&nothing, &reg(OURS), opts, true, same(OURS)).unwrap();
        assert_eq!(plan, InstallPlan::SetBoth);
        let (plan, _) =
            plan_install(&dll(OURS, Some("Old")), &reg(OURS), opts, true, same(OURS)).unwrap();
        assert_eq!(plan, InstallPlan::SetName);
        // A value of another type is still nobody's list.
        assert!(
            plan_install(
                &Current::Unreadable { ty: 3 },
                &reg(OURS),
                opts,
                true,
                same(OURS)
            )
            .is_err()
        );
        // Without lists (NT 4.0, 2000, XP) the same state is a conflict.
        assert!(matches!(
            plan_install(&theirs, &reg(OURS), opts, false, same(OURS)),
            Err(RegistrationError::Conflict { .. })
        ));
    }

    #[test]
    fn append_then_uninstall_round_trip() {
        let opts = InstallOptions::default();
        let theirs = dll(r"C:\Other\theirs.dll", Some("Theirs"));
        let (InstallPlan::SetPath(list), _) =
            plan_install(&theirs, &reg(OURS), opts, true, same(OURS)).unwrap()
        else {
            panic!("no append");
        };
        let (plan, out) = plan_uninstall(&dll(&list, Some("Theirs")), same(OURS));
        assert_eq!(plan, UninstallPlan::SetPath(r"C:\Other\theirs.dll".into()));
        assert!(out.removed());
        // Ours alone in the list: both values go.
        assert_eq!(
            plan_uninstall(&dll(&format!("{OURS};"), None), same(OURS)).0,
            UninstallPlan::DeleteBoth
        );
    }

    #[test]
    fn uninstall_plans() {
        let nothing = Current::Nothing { display_name: None };
        assert_eq!(
            plan_uninstall(&nothing, same(OURS)),
            (UninstallPlan::Nothing, UninstallOutcome::NotRegistered)
        );
        assert_eq!(
            plan_uninstall(&dll(&OURS.to_uppercase(), None), same(OURS)),
            (UninstallPlan::DeleteBoth, UninstallOutcome::Removed)
        );
        let theirs = dll(r"C:\Other\theirs.dll", Some("Theirs"));
        assert!(matches!(
            plan_uninstall(&theirs, same(OURS)),
            (UninstallPlan::Nothing, UninstallOutcome::NotOurs { .. })
        ));
        let list = dll(&format!(r"C:\a.dll; {OURS} ;C:\b.dll"), None);
        assert_eq!(
            plan_uninstall(&list, same(OURS)),
            (
                UninstallPlan::SetPath(r"C:\a.dll;C:\b.dll".into()),
                UninstallOutcome::RemovedFromList {
                    remaining: r"C:\a.dll;C:\b.dll".into()
                }
            )
        );
        assert!(matches!(
            plan_uninstall(&Current::Unreadable { ty: 4 }, same(OURS)),
            (UninstallPlan::Nothing, UninstallOutcome::NotOurs { .. })
        ));
    }

    #[test]
    fn expand_env_like_windows() {
        let lookup = |name: &str| match name.to_ascii_uppercase().as_str() {
            "PROGRAMFILES" => Some(r"C:\Program Files".to_owned()),
            "EMPTY" => Some(String::new()),
            _ => None,
        };
        assert_eq!(
            expand_env(r"%ProgramFiles%\x\a.dll", lookup),
            r"C:\Program Files\x\a.dll"
        );
        assert_eq!(expand_env(r"%NOPE%\a%EMPTY%.dll", lookup), r"%NOPE%\a.dll");
        assert_eq!(expand_env("100%", lookup), "100%");
        assert_eq!(expand_env("%%x", lookup), "%%x");
        assert_eq!(expand_env("a%NOPE%%EMPTY%b", lookup), "a%NOPE%b");
        assert_eq!(expand_env("", lookup), "");
    }

    #[test]
    fn path_text_comparison() {
        assert!(same_path_text(r"C:\Ras\Ours.dll", "c:/ras/ours.DLL"));
        assert!(same_path_text(r"C:\ÜBER\a.dll", r"c:\über\A.DLL"));
        assert!(!same_path_text(r"C:\Ras\Ours.dll", r"C:\Ras\Ours2.dll"));
    }
}
