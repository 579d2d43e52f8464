//! The Windows pointer widths; shared by build.rs and the freshness test.

/// Windows pointer widths the bindings exist for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Width {
    /// i686: 32-bit pointers, stdcall.
    W32,
    /// x86_64: 64-bit pointers.
    W64,
}

impl Width {
    /// Both widths, for loops over the checked-in files.
    #[allow(dead_code)] // used by the freshness test, not by build.rs
    pub const ALL: [Width; 2] = [Width::W32, Width::W64];

    /// From cargo's `CARGO_CFG_TARGET_POINTER_WIDTH`.
    #[allow(dead_code)] // used by build.rs, not by the freshness test
    pub fn from_cargo(bits: &str) -> Option<Width> {
        match bits {
            "32" => Some(Width::W32),
            "64" => Some(Width::W64),
            _ => None,
        }
    }

    /// The clang target whose ABI the bindings describe.
    #[allow(dead_code)] // used only where bindgen runs
    pub fn clang_target(self) -> &'static str {
        match self {
            Width::W32 => "i686-pc-windows-msvc",
            Width::W64 => "x86_64-pc-windows-msvc",
        }
    }

    /// File name of the checked-in copy under `src/sys/generated/`.
    pub fn file_name(self) -> &'static str {
        match self {
            Width::W32 => "windows_32.rs",
            Width::W64 => "windows_64.rs",
        }
    }
}
