//! [`HookError`]: what the error hook of `rras_admin_dll!` receives, from
//! either export set.

use core::fmt;

use crate::export::ExportError;

/// Why an export of a [`rras_admin_dll!`](crate::rras_admin_dll) DLL did
/// not call its handler, or why the handler did not finish: the same type
/// for the `RasAdmin*` and the `MprAdmin*` exports, so one hook serves both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HookError {
    export: &'static str,
    kind: HookErrorKind,
}

/// The reason inside a [`HookError`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum HookErrorKind {
    /// A pointer argument was unusable (null, misaligned); the handler was
    /// not called.
    Malformed(crate::Error),
    /// A name argument had no NUL terminator within
    /// [`MAX_NAME_LEN`](crate::export::MAX_NAME_LEN) + 1 units.
    Unterminated {
        /// `lpszUserName` or `lpszPortName`.
        argument: &'static str,
    },
    /// A reason [`ExportError`] gained after this version of the RRAS
    /// layer; its text is in the `RasAdmin*` hook's own error.
    Other,
    /// The handler panicked; the panic was caught (`std` only).
    #[cfg(feature = "std")]
    Panicked {
        /// The panic message, when the payload was a string.
        message: Option<String>,
    },
}

impl HookError {
    /// An error of the export named `export`.
    pub fn new(export: &'static str, kind: HookErrorKind) -> Self {
        HookError { export, kind }
    }

    /// The same error as the `RasAdmin*` exports report it, seen from the
    /// export `export` (which may be an `MprAdmin*` one sharing the code).
    pub fn from_export_error(export: &'static str, error: &ExportError) -> Self {
        let kind = match error {
            ExportError::Malformed { error, .. } => HookErrorKind::Malformed(error.clone()),
            ExportError::Unterminated { argument, .. } => HookErrorKind::Unterminated { argument },
            #[cfg(feature = "std")]
            ExportError::Panicked { message, .. } => HookErrorKind::Panicked {
                message: message.clone(),
            },
            #[allow(unreachable_patterns)]
            _ => HookErrorKind::Other,
        };
        HookError { export, kind }
    }

    /// The C name of the export that reported it.
    pub fn export_name(&self) -> &'static str {
        self.export
    }

    /// Why.
    pub fn kind(&self) -> &HookErrorKind {
        &self.kind
    }

    /// [`HookErrorKind::name`] of the reason: `malformed`, `unterminated`,
    /// `other` or `panicked`.
    pub const fn name(&self) -> &'static str {
        self.kind.name()
    }
}

impl HookErrorKind {
    /// A stable `snake_case` name of the variant, for log lines without
    /// `core::fmt`: `malformed`, `unterminated`, `other` or `panicked`, the
    /// same words as [`ExportError::name`]. For
    /// [`Malformed`](HookErrorKind::Malformed) the inner error's
    /// [`Error::name`](crate::Error::name) says more.
    ///
    /// ```
    /// use rassapi::rras::{HookError, HookErrorKind};
    ///
    /// let kind = HookErrorKind::Malformed(rassapi::Error::Null { field: "pRasConnection0" });
    /// assert_eq!(kind.name(), "malformed");
    /// let err = HookError::new("MprAdminAcceptNewLink", HookErrorKind::Other);
    /// assert_eq!(err.name(), "other");
    /// ```
    pub const fn name(&self) -> &'static str {
        match self {
            HookErrorKind::Malformed(_) => "malformed",
            HookErrorKind::Unterminated { .. } => "unterminated",
            HookErrorKind::Other => "other",
            #[cfg(feature = "std")]
            HookErrorKind::Panicked { .. } => "panicked",
        }
    }
}

impl fmt::Display for HookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let export = self.export;
        match &self.kind {
            HookErrorKind::Malformed(error) => write!(f, "{export}: malformed arguments: {error}"),
            HookErrorKind::Unterminated { argument } => {
                write!(f, "{export}: `{argument}` has no NUL terminator")
            }
            HookErrorKind::Other => write!(f, "{export}: the export did not call its handler"),
            #[cfg(feature = "std")]
            HookErrorKind::Panicked { message: Some(m) } => {
                write!(f, "{export}: the handler panicked: {m}")
            }
            #[cfg(feature = "std")]
            HookErrorKind::Panicked { message: None } => {
                write!(f, "{export}: the handler panicked")
            }
        }
    }
}

impl core::error::Error for HookError {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match &self.kind {
            HookErrorKind::Malformed(error) => Some(error),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::Callback;

    #[test]
    fn names_match_export_error_names() {
        let malformed = ExportError::Malformed {
            callback: Callback::ConnectionHangupNotification,
            error: crate::Error::Null { field: "pRasPort1" },
        };
        let unterminated = ExportError::Unterminated {
            callback: Callback::ReleaseIpAddress,
            argument: "lpszPortName",
        };
        for error in [malformed, unterminated] {
            let hook = HookError::from_export_error("RasAdminReleaseIpAddress", &error);
            assert_eq!(hook.name(), error.name());
            assert_eq!(hook.kind().name(), error.name());
        }
        assert_eq!(HookErrorKind::Other.name(), "other");
        #[cfg(feature = "std")]
        {
            let panicked = ExportError::Panicked {
                callback: Callback::AcceptNewConnection,
                message: None,
            };
            let hook = HookError::from_export_error("MprAdminAcceptNewConnection", &panicked);
            assert_eq!((hook.name(), panicked.name()), ("panicked", "panicked"));
        }
    }
}
