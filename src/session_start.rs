//! [`SessionStart`]: `dwStartSessionTime` as a `core` type.

use core::time::Duration;

/// When a session started: `dwStartSessionTime`, whole seconds since
/// 1970-01-01 00:00 UTC in 32 bits (enough until 2106).
///
/// Works without `std`; with it, `to_system_time` gives a `SystemTime`. A `no_std` DLL reads the current time itself
/// (e.g. kernel32 `GetSystemTimeAsFileTime`) and passes it in seconds.
///
/// ```
/// use core::time::Duration;
/// use rassapi::SessionStart;
///
/// let start = SessionStart::from_unix_secs(1_000);
/// assert_eq!(start.unix_secs(), 1_000);
/// assert_eq!(start.duration_until(1_090), Some(Duration::from_secs(90)));
/// assert_eq!(start.duration_until(999), None); // ended before it started
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct SessionStart(u32);

impl SessionStart {
    /// The start `secs` seconds after 1970-01-01 00:00 UTC.
    #[inline]
    pub const fn from_unix_secs(secs: u32) -> Self {
        SessionStart(secs)
    }

    /// Seconds since 1970-01-01 00:00 UTC, as RAS gave them.
    #[inline]
    pub const fn unix_secs(self) -> u32 {
        self.0
    }

    /// How long the session lasted if it ended `end_unix_secs` seconds
    /// after 1970-01-01 00:00 UTC; `None` if that is before the start.
    #[inline]
    pub const fn duration_until(self, end_unix_secs: u64) -> Option<Duration> {
        match end_unix_secs.checked_sub(self.0 as u64) {
            Some(secs) => Some(Duration::from_secs(secs)),
            None => None,
        }
    }

    /// The start as a `SystemTime`.
    #[cfg(feature = "std")]
    pub fn to_system_time(self) -> std::time::SystemTime {
        // 32-bit seconds (up to 2106) fit every platform's SystemTime; the
        // fallback only keeps this total.
        std::time::UNIX_EPOCH
            .checked_add(Duration::from_secs(u64::from(self.0)))
            .unwrap_or(std::time::UNIX_EPOCH)
    }
}
