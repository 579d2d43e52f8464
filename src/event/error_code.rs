//! [`ErrorCode`]: the Win32 error codes of the get-IP callback, defined once.

use core::fmt;
use core::num::NonZeroU32;

/// A non-zero Win32 error code, returned by a get-IP handler to refuse a
/// user. RAS then drops the connection.
///
/// ```
/// use rassapi::ErrorCode;
/// assert_eq!(ErrorCode::new(5), Some(ErrorCode::ACCESS_DENIED));
/// assert_eq!(ErrorCode::new(0), None); // 0 is NO_ERROR, not an error
/// assert_eq!(ErrorCode::ACCESS_DENIED.get(), 5);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ErrorCode(NonZeroU32);

impl ErrorCode {
    /// `ERROR_ACCESS_DENIED` (5).
    pub const ACCESS_DENIED: ErrorCode = ErrorCode(NonZeroU32::new(5).unwrap());
    /// `ERROR_INVALID_PARAMETER` (87), also what the get-IP export itself
    /// returns for unusable arguments.
    pub const INVALID_PARAMETER: ErrorCode = ErrorCode(NonZeroU32::new(87).unwrap());
    /// `ERROR_NO_SUCH_USER` (1317).
    pub const NO_SUCH_USER: ErrorCode = ErrorCode(NonZeroU32::new(1317).unwrap());
    /// `ERROR_INTERNAL_ERROR` (1359), also what the get-IP export itself
    /// returns when the handler panicked (with `std`).
    pub const INTERNAL_ERROR: ErrorCode = ErrorCode(NonZeroU32::new(1359).unwrap());

    /// The code, or `None` for 0 (`NO_ERROR`).
    pub const fn new(code: u32) -> Option<ErrorCode> {
        match NonZeroU32::new(code) {
            Some(code) => Some(ErrorCode(code)),
            None => None,
        }
    }

    /// The numeric code.
    pub const fn get(self) -> u32 {
        self.0.get()
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Win32 error {}", self.get())
    }
}
