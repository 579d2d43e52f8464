//! [`Guid`]: a connection's `GUID`, printable.

use core::fmt;

use super::mprapi::GUID;

/// A `GUID` as RRAS gave it (`RAS_CONNECTION_2.guid`); `Display` writes the
/// usual `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` form in lowercase.
///
/// ```
/// use rassapi::rras::{Guid, mprapi::GUID};
///
/// let g = Guid::new(GUID { data1: 0x01234567, data2: 0x89ab, data3: 0xcdef, data4: [0, 1, 2, 3, 4, 5, 6, 7] });
/// assert_eq!(g.to_string(), "01234567-89ab-cdef-0001-020304050607");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Guid {
    data1: u32,
    data2: u16,
    data3: u16,
    data4: [u8; 8],
}

impl Guid {
    /// Wraps a raw `GUID`.
    #[inline]
    pub const fn new(raw: GUID) -> Self {
        let GUID {
            data1,
            data2,
            data3,
            data4,
        } = raw;
        Guid {
            data1,
            data2,
            data3,
            data4,
        }
    }

    /// The raw `GUID`.
    #[inline]
    pub const fn raw(self) -> GUID {
        let Guid {
            data1,
            data2,
            data3,
            data4,
        } = self;
        GUID {
            data1,
            data2,
            data3,
            data4,
        }
    }
}

impl fmt::Display for Guid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Guid {
            data1,
            data2,
            data3,
            data4,
        } = *self;
        let [a, b, c, d, e, g, h, i] = data4;
        write!(
            f,
            "{data1:08x}-{data2:04x}-{data3:04x}-{a:02x}{b:02x}-{c:02x}{d:02x}{e:02x}{g:02x}{h:02x}{i:02x}"
        )
    }
}

impl fmt::Debug for Guid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Guid({self})")
    }
}
