//! [`Error`]: every way the data a RAS host hands over can be wrong.

use crate::ParamFormat;

/// Something in the data passed by the RAS host is malformed.
///
/// Each variant names the C field or argument at fault, under its name in
/// `rassapi.h`. Errors found while building a [`HangupEvent`](crate::HangupEvent)
/// or [`AcceptEvent`](crate::AcceptEvent) reject the whole event; errors in
/// one media parameter only affect that parameter's
/// [`Param::value`](crate::Param::value).
///
/// ```
/// use rassapi::{Error, HangupEvent};
/// use std::ptr;
///
/// let stats = rassapi::sys::RAS_PORT_STATISTICS::default();
/// // SAFETY: a null port is rejected before anything is read.
/// let err = unsafe { HangupEvent::from_raw(ptr::null(), &stats, ptr::null()) }.unwrap_err();
/// assert_eq!(err, Error::Null { field: "pRasPort1" });
/// assert_eq!(err.to_string(), "`pRasPort1` is a null pointer");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A required pointer argument is null.
    #[error("`{field}` is a null pointer")]
    Null {
        /// The C argument: `pRasPort1` or `pRasStats` (accept, hang-up);
        /// `lpszUserName`, `lpszPortName`, `pipAddress` or `bNotifyRelease`
        /// (get-IP, release).
        field: &'static str,
    },

    /// A pointer argument is not aligned for its type.
    #[error("`{field}` is not aligned to {align} bytes")]
    Misaligned {
        /// The C argument: `pRasPort1`, `pRasStats` or `pRasParams`
        /// (accept, hang-up); `lpszUserName`, `lpszPortName`, `pipAddress`
        /// or `bNotifyRelease` (get-IP, release).
        field: &'static str,
        /// Alignment the type needs.
        align: usize,
    },

    /// `pRasParams` is null although `NumMediaParms` announces parameters.
    #[error("`pRasParams` is null but `NumMediaParms` is {count}")]
    ParamsMissing {
        /// `NumMediaParms`.
        count: u16,
    },

    /// The parameter slice given to a safe constructor does not hold
    /// `NumMediaParms` elements.
    #[error("{len} parameters given but `NumMediaParms` is {count}")]
    ParamCountMismatch {
        /// `NumMediaParms`.
        count: u16,
        /// Length of the slice.
        len: usize,
    },

    /// `SizeMediaParms` is non-zero but cannot describe the parameter array
    /// plus its string data: smaller than the array, or too large for one
    /// allocation at `pRasParams`.
    #[error("`SizeMediaParms` is {size} but the parameter array alone takes {array_bytes} bytes")]
    InvalidMediaSize {
        /// `SizeMediaParms`.
        size: u32,
        /// `NumMediaParms * size_of::<RAS_PARAMETERS>()`.
        array_bytes: usize,
    },

    /// A string parameter has a null `P_Value.String.Data` but a non-zero
    /// `Length`.
    #[error("parameter {index}: `P_Value.String.Data` is null but `Length` is {length}")]
    NullStringData {
        /// Position of the parameter in the array.
        index: usize,
        /// `P_Value.String.Length`.
        length: u32,
    },

    /// A string parameter's data does not lie within the memory it may be
    /// read from (the media buffer after the array, or the `string_data`
    /// slice given to a safe constructor).
    #[error("parameter {index}: `P_Value.String` ({length} bytes) lies outside the media buffer")]
    StringOutOfBounds {
        /// Position of the parameter in the array.
        index: usize,
        /// `P_Value.String.Length`.
        length: u32,
    },

    /// A string parameter is longer than
    /// [`MAX_STRING_PARAM_LEN`](crate::MAX_STRING_PARAM_LEN), the cap that
    /// applies when the host left `SizeMediaParms` at 0.
    #[error("parameter {index}: `P_Value.String.Length` {length} exceeds {max}")]
    StringTooLong {
        /// Position of the parameter in the array.
        index: usize,
        /// `P_Value.String.Length`.
        length: u32,
        /// The cap.
        max: u32,
    },

    /// A UTF-16 field holds an unpaired surrogate.
    #[error("`{field}` holds invalid UTF-16: unpaired surrogate {unit:#06x} at unit {position}")]
    InvalidUtf16 {
        /// Name of the field, such as `wszUserName`.
        field: &'static str,
        /// Index of the offending code unit.
        position: usize,
        /// The offending code unit.
        unit: u16,
    },

    /// An ANSI field was asked for as `&str` but holds a non-ASCII byte,
    /// whose meaning depends on the host's code page.
    #[error("`{field}` is not ASCII: byte {byte:#04x} at {position}")]
    NotAscii {
        /// `P_Key` or `P_Value.String`.
        field: &'static str,
        /// Index of the offending byte.
        position: usize,
        /// The offending byte.
        byte: u8,
    },

    /// A parameter value was asked for in a format its `P_Type` does not hold.
    #[error("`P_Type` is {found}, expected {expected}")]
    WrongFormat {
        /// The format asked for ([`ParamFormat::Number`] or
        /// [`ParamFormat::String`]).
        expected: ParamFormat,
        /// The format `P_Type` names.
        found: ParamFormat,
    },

    /// A string parameter was asked for as a number but is not a decimal
    /// `u32`.
    #[error("`{field}` is not a decimal number that fits in 32 bits")]
    InvalidNumber {
        /// `P_Value.String`.
        field: &'static str,
    },
}

impl Error {
    /// A stable `snake_case` name of the variant, for log lines that carry
    /// no `core::fmt` text: `null`, `misaligned`, `params_missing`,
    /// `param_count_mismatch`, `invalid_media_size`, `null_string_data`,
    /// `string_out_of_bounds`, `string_too_long`, `invalid_utf16`,
    /// `not_ascii`, `wrong_format` or `invalid_number`. A name, once given,
    /// does not change; a new variant brings a new name.
    ///
    /// ```
    /// use rassapi::Error;
    ///
    /// assert_eq!(Error::Null { field: "pRasPort1" }.name(), "null");
    /// assert_eq!(Error::ParamsMissing { count: 3 }.name(), "params_missing");
    /// assert_eq!(Error::StringOutOfBounds { index: 0, length: 9 }.name(), "string_out_of_bounds");
    /// ```
    pub const fn name(&self) -> &'static str {
        match self {
            Error::Null { .. } => "null",
            Error::Misaligned { .. } => "misaligned",
            Error::ParamsMissing { .. } => "params_missing",
            Error::ParamCountMismatch { .. } => "param_count_mismatch",
            Error::InvalidMediaSize { .. } => "invalid_media_size",
            Error::NullStringData { .. } => "null_string_data",
            Error::StringOutOfBounds { .. } => "string_out_of_bounds",
            Error::StringTooLong { .. } => "string_too_long",
            Error::InvalidUtf16 { .. } => "invalid_utf16",
            Error::NotAscii { .. } => "not_ascii",
            Error::WrongFormat { .. } => "wrong_format",
            Error::InvalidNumber { .. } => "invalid_number",
        }
    }

    /// The C field or argument the error names (its `field`): for
    /// [`Null`](Error::Null), [`Misaligned`](Error::Misaligned),
    /// [`InvalidUtf16`](Error::InvalidUtf16), [`NotAscii`](Error::NotAscii)
    /// and [`InvalidNumber`](Error::InvalidNumber); `None` for the others.
    /// With [`name`](Self::name) it makes a log line's `null:pRasPort1`.
    ///
    /// ```
    /// use rassapi::Error;
    ///
    /// let err = Error::Misaligned { field: "pRasStats", align: 4 };
    /// assert_eq!((err.name(), err.field()), ("misaligned", Some("pRasStats")));
    /// assert_eq!(Error::ParamsMissing { count: 3 }.field(), None);
    /// ```
    pub const fn field(&self) -> Option<&'static str> {
        match self {
            Error::Null { field }
            | Error::Misaligned { field, .. }
            | Error::InvalidUtf16 { field, .. }
            | Error::NotAscii { field, .. }
            | Error::InvalidNumber { field } => Some(field),
            Error::ParamsMissing { .. }
            | Error::ParamCountMismatch { .. }
            | Error::InvalidMediaSize { .. }
            | Error::NullStringData { .. }
            | Error::StringOutOfBounds { .. }
            | Error::StringTooLong { .. }
            | Error::WrongFormat { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    extern crate std;

    use super::*;
    use std::vec::Vec;

    /// One value of every variant (a new variant fails `name`'s match
    /// first, then this list's length check below).
    fn every_variant() -> [Error; 12] {
        [
            Error::Null { field: "pRasPort1" },
            Error::Misaligned {
                field: "pRasStats",
                align: 4,
            },
            Error::ParamsMissing { count: 2 },
            Error::ParamCountMismatch { count: 2, len: 1 },
            Error::InvalidMediaSize {
                size: 1,
                array_bytes: 40,
            },
            Error::NullStringData {
                index: 0,
                length: 3,
            },
            Error::StringOutOfBounds {
                index: 1,
                length: 3,
            },
            Error::StringTooLong {
                index: 1,
                length: 2000,
                max: 1024,
            },
            Error::InvalidUtf16 {
                field: "wszUserName",
                position: 0,
                unit: 0xD800,
            },
            Error::NotAscii {
                field: "P_Key",
                position: 1,
                byte: 0x80,
            },
            Error::WrongFormat {
                expected: ParamFormat::Number,
                found: ParamFormat::String,
            },
            Error::InvalidNumber {
                field: "P_Value.String",
            },
        ]
    }

    #[test]
    fn names_are_distinct_snake_case() {
        let names: Vec<&str> = every_variant().iter().map(Error::name).collect();
        for (i, name) in names.iter().enumerate() {
            assert!(!name.is_empty());
            assert!(
                name.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "{name}"
            );
            assert!(!names[..i].contains(name), "{name} twice");
        }
        // The words nt4/README.md documents for the accounting log.
        for word in [
            "null",
            "misaligned",
            "params_missing",
            "null_string_data",
            "string_out_of_bounds",
            "invalid_media_size",
        ] {
            assert!(names.contains(&word), "{word}");
        }
    }

    #[test]
    fn field_is_the_named_argument() {
        let fields: Vec<Option<&str>> = every_variant().iter().map(Error::field).collect();
        assert_eq!(
            fields,
            [
                Some("pRasPort1"),
                Some("pRasStats"),
                None,
                None,
                None,
                None,
                None,
                None,
                Some("wszUserName"),
                Some("P_Key"),
                None,
                Some("P_Value.String"),
            ]
        );
    }
}
