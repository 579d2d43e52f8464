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
            // A reason added to `ExportError` later: the closest we have.
            #[allow(unreachable_patterns)]
            _ => HookErrorKind::Unterminated { argument: "?" },
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
}

impl fmt::Display for HookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let export = self.export;
        match &self.kind {
            HookErrorKind::Malformed(error) => write!(f, "{export}: malformed arguments: {error}"),
            HookErrorKind::Unterminated { argument } => {
                write!(f, "{export}: `{argument}` has no NUL terminator")
            }
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
