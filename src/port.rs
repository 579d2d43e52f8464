//! [`Port`]: a view of `RAS_PORT_1`, with its flag and condition types.

use crate::sys::{self, RAS_PORT_1};
use crate::{Projections, SessionStart, WideStr};
use core::fmt;
use core::ops::{BitAnd, BitAndAssign, BitOr, BitOrAssign};
#[cfg(feature = "std")]
use std::time::{Duration, SystemTime};

/// The state of a RAS port: a borrowed view of `RAS_PORT_1` with Rust names
/// and types.
///
/// `RAS_PORT_1` holds no pointers, so any reference to one can be viewed.
///
/// ```
/// use rassapi::{LineCondition, Port, PortFlags};
/// use std::time::{Duration, UNIX_EPOCH};
///
/// let mut raw = rassapi::sys::RAS_PORT_1::default();
/// for (dst, src) in raw.rasport0.wszUserName.iter_mut().zip("alice".encode_utf16()) {
///     *dst = src;
/// }
/// raw.rasport0.Flags = rassapi::sys::USER_AUTHENTICATED | rassapi::sys::PPP_CLIENT;
/// raw.rasport0.dwStartSessionTime = 1_000;
/// raw.LineCondition = rassapi::sys::RAS_PORT_AUTHENTICATED;
/// raw.LineSpeed = 28_800;
///
/// let port = Port::new(&raw);
/// assert_eq!(port.user_name(), "alice");
/// assert!(port.flags().contains(PortFlags::PPP_CLIENT));
/// assert_eq!(port.line_condition(), LineCondition::Authenticated);
/// assert_eq!(port.line_speed(), 28_800);
/// let end = UNIX_EPOCH + Duration::from_secs(1_060);
/// assert_eq!(port.duration_until(end), Some(Duration::from_secs(60)));
/// ```
#[derive(Clone, Copy)]
pub struct Port<'a> {
    raw: &'a RAS_PORT_1,
}

impl<'a> Port<'a> {
    /// Views `raw`.
    #[inline]
    pub fn new(raw: &'a RAS_PORT_1) -> Self {
        Port { raw }
    }

    /// The port, such as `COM1` (`wszPortName`).
    #[inline]
    pub fn port_name(&self) -> WideStr<'a> {
        WideStr::named(&self.raw.rasport0.wszPortName, "wszPortName")
    }

    /// Kind of device, such as `modem` (`wszDeviceType`).
    #[inline]
    pub fn device_type(&self) -> WideStr<'a> {
        WideStr::named(&self.raw.rasport0.wszDeviceType, "wszDeviceType")
    }

    /// The device on the port (`wszDeviceName`).
    #[inline]
    pub fn device_name(&self) -> WideStr<'a> {
        WideStr::named(&self.raw.rasport0.wszDeviceName, "wszDeviceName")
    }

    /// The media, such as `rasser` (`wszMediaName`).
    #[inline]
    pub fn media_name(&self) -> WideStr<'a> {
        WideStr::named(&self.raw.rasport0.wszMediaName, "wszMediaName")
    }

    /// The user connected on the port (`wszUserName`).
    #[inline]
    pub fn user_name(&self) -> WideStr<'a> {
        WideStr::named(&self.raw.rasport0.wszUserName, "wszUserName")
    }

    /// NetBIOS name of the remote computer (`wszComputer`).
    #[inline]
    pub fn computer(&self) -> WideStr<'a> {
        WideStr::named(&self.raw.rasport0.wszComputer, "wszComputer")
    }

    /// Domain the user was authenticated in (`wszLogonDomain`).
    #[inline]
    pub fn logon_domain(&self) -> WideStr<'a> {
        WideStr::named(&self.raw.rasport0.wszLogonDomain, "wszLogonDomain")
    }

    /// The port flags (`Flags`).
    #[inline]
    pub fn flags(&self) -> PortFlags {
        PortFlags(self.raw.rasport0.Flags)
    }

    /// Whether the server is a Windows NT Server rather than a workstation
    /// (`fAdvancedServer` non-zero).
    #[inline]
    pub fn is_advanced_server(&self) -> bool {
        self.raw.rasport0.fAdvancedServer != 0
    }

    /// Start of the session (`dwStartSessionTime`, seconds since the UNIX
    /// epoch). Without `std`: [`session_start`](Self::session_start).
    #[cfg(feature = "std")]
    pub fn start_time(&self) -> SystemTime {
        self.session_start().to_system_time()
    }

    /// Start of the session (`dwStartSessionTime`) as a `core` type, with
    /// [`SessionStart::duration_until`] taking the end in seconds.
    #[inline]
    pub fn session_start(&self) -> SessionStart {
        SessionStart::from_unix_secs(self.start_time_raw())
    }

    /// `dwStartSessionTime` as given: seconds since 1970-01-01 00:00 UTC.
    #[inline]
    pub fn start_time_raw(&self) -> u32 {
        self.raw.rasport0.dwStartSessionTime
    }

    /// How long the session lasted if it ended at `end`; `None` if `end` is
    /// before the start. Without `std`:
    /// `session_start().duration_until(end_secs)`.
    #[cfg(feature = "std")]
    pub fn duration_until(&self, end: SystemTime) -> Option<Duration> {
        end.duration_since(self.start_time()).ok()
    }

    /// State of the line (`LineCondition`).
    #[inline]
    pub fn line_condition(&self) -> LineCondition {
        LineCondition::from(self.raw.LineCondition)
    }

    /// State of the device (`HardwareCondition`).
    #[inline]
    pub fn hardware_condition(&self) -> HardwareCondition {
        HardwareCondition::from(self.raw.HardwareCondition)
    }

    /// Line speed in bits per second (`LineSpeed`).
    #[inline]
    pub fn line_speed(&self) -> u32 {
        self.raw.LineSpeed
    }

    /// `NumStatistics`: documented as unused; NT 4.0 sets 28.
    #[inline]
    pub fn num_statistics(&self) -> u16 {
        self.raw.NumStatistics
    }

    /// `NumMediaParms`: number of media parameters passed alongside.
    #[inline]
    pub fn num_media_params(&self) -> u16 {
        self.raw.NumMediaParms
    }

    /// Former name of [`num_media_params`](Self::num_media_params).
    #[deprecated(since = "0.1.0", note = "renamed to `num_media_params`")]
    #[inline]
    pub fn num_media_parms(&self) -> u16 {
        self.num_media_params()
    }

    /// `SizeMediaParms`: bytes of the parameter array plus its string data.
    #[inline]
    pub fn size_media_params(&self) -> u32 {
        self.raw.SizeMediaParms
    }

    /// Former name of [`size_media_params`](Self::size_media_params).
    #[deprecated(since = "0.1.0", note = "renamed to `size_media_params`")]
    #[inline]
    pub fn size_media_parms(&self) -> u32 {
        self.size_media_params()
    }

    /// Outcome of the PPP protocol projections (`ProjResult`).
    #[inline]
    pub fn projections(&self) -> Projections<'a> {
        Projections::new(&self.raw.ProjResult)
    }

    /// The structure behind the view.
    #[inline]
    pub fn raw(&self) -> &'a RAS_PORT_1 {
        self.raw
    }
}

impl fmt::Debug for Port<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Port")
            .field("port_name", &self.port_name())
            .field("device_type", &self.device_type())
            .field("device_name", &self.device_name())
            .field("media_name", &self.media_name())
            .field("user_name", &self.user_name())
            .field("computer", &self.computer())
            .field("logon_domain", &self.logon_domain())
            .field("flags", &self.flags())
            .field("is_advanced_server", &self.is_advanced_server())
            .field("start_time_raw", &self.start_time_raw())
            .field("line_condition", &self.line_condition())
            .field("hardware_condition", &self.hardware_condition())
            .field("line_speed", &self.line_speed())
            .field("num_statistics", &self.num_statistics())
            .field("num_media_params", &self.num_media_params())
            .field("size_media_params", &self.size_media_params())
            .field("projections", &self.projections())
            .finish()
    }
}

/// The `Flags` of a port: a set of `USER_AUTHENTICATED` ... `PORT_MULTILINKED`.
///
/// Bits this crate does not know are kept, shown by
/// [`unknown_bits`](Self::unknown_bits) and in the `Debug` output.
///
/// ```
/// use rassapi::PortFlags;
///
/// let flags = PortFlags::from_bits_retain(0x105);
/// assert!(flags.contains(PortFlags::USER_AUTHENTICATED | PortFlags::PPP_CLIENT));
/// assert!(!flags.is_multilinked());
/// assert_eq!(flags.unknown_bits(), 0x100);
/// assert_eq!(flags.iter().count(), 2);
/// assert_eq!(format!("{flags:?}"), "PortFlags(USER_AUTHENTICATED | PPP_CLIENT | 0x100)");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct PortFlags(u32);

impl PortFlags {
    /// The user on the port has been authenticated.
    pub const USER_AUTHENTICATED: Self = Self(sys::USER_AUTHENTICATED);
    /// The client runs the messenger service.
    pub const MESSENGER_PRESENT: Self = Self(sys::MESSENGER_PRESENT);
    /// The client speaks PPP (otherwise it is a RAS 1.0 client).
    pub const PPP_CLIENT: Self = Self(sys::PPP_CLIENT);
    /// The server's NetBIOS gateway is active for the connection.
    pub const GATEWAY_ACTIVE: Self = Self(sys::GATEWAY_ACTIVE);
    /// The server's messenger name is registered on the remote side.
    pub const REMOTE_LISTEN: Self = Self(sys::REMOTE_LISTEN);
    /// The port is one link of a multilink bundle.
    pub const PORT_MULTILINKED: Self = Self(sys::PORT_MULTILINKED);

    const NAMED: [(&'static str, Self); 6] = [
        ("USER_AUTHENTICATED", Self::USER_AUTHENTICATED),
        ("MESSENGER_PRESENT", Self::MESSENGER_PRESENT),
        ("PPP_CLIENT", Self::PPP_CLIENT),
        ("GATEWAY_ACTIVE", Self::GATEWAY_ACTIVE),
        ("REMOTE_LISTEN", Self::REMOTE_LISTEN),
        ("PORT_MULTILINKED", Self::PORT_MULTILINKED),
    ];
    const KNOWN: u32 = sys::USER_AUTHENTICATED
        | sys::MESSENGER_PRESENT
        | sys::PPP_CLIENT
        | sys::GATEWAY_ACTIVE
        | sys::REMOTE_LISTEN
        | sys::PORT_MULTILINKED;

    /// The flags with these bits, unknown ones included.
    #[inline]
    pub const fn from_bits_retain(bits: u32) -> Self {
        Self(bits)
    }

    /// No flags.
    #[inline]
    pub const fn empty() -> Self {
        Self(0)
    }

    /// The raw `Flags` value.
    #[inline]
    pub const fn bits(self) -> u32 {
        self.0
    }

    /// Whether no bit is set.
    #[inline]
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether every bit of `other` is set.
    #[inline]
    pub const fn contains(self, other: Self) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether `PORT_MULTILINKED` is set; the per-port compression counters
    /// are then not valid.
    #[inline]
    pub const fn is_multilinked(self) -> bool {
        self.contains(Self::PORT_MULTILINKED)
    }

    /// The set bits that match no known flag.
    #[inline]
    pub const fn unknown_bits(self) -> u32 {
        self.0 & !Self::KNOWN
    }

    /// The known flags that are set, one at a time, lowest bit first.
    pub fn iter(self) -> PortFlagsIter {
        PortFlagsIter {
            flags: self,
            next: 0,
        }
    }
}

impl fmt::Debug for PortFlags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PortFlags(")?;
        let mut sep = "";
        for (name, flag) in Self::NAMED {
            if self.contains(flag) {
                write!(f, "{sep}{name}")?;
                sep = " | ";
            }
        }
        let unknown = self.unknown_bits();
        if unknown != 0 || sep.is_empty() {
            write!(f, "{sep}{unknown:#x}")?;
        }
        f.write_str(")")
    }
}

impl BitOr for PortFlags {
    type Output = Self;
    fn bitor(self, rhs: Self) -> Self {
        Self(self.0 | rhs.0)
    }
}

impl BitAnd for PortFlags {
    type Output = Self;
    fn bitand(self, rhs: Self) -> Self {
        Self(self.0 & rhs.0)
    }
}

impl BitOrAssign for PortFlags {
    fn bitor_assign(&mut self, rhs: Self) {
        self.0 |= rhs.0;
    }
}

impl BitAndAssign for PortFlags {
    fn bitand_assign(&mut self, rhs: Self) {
        self.0 &= rhs.0;
    }
}

impl IntoIterator for PortFlags {
    type Item = PortFlags;
    type IntoIter = PortFlagsIter;
    fn into_iter(self) -> PortFlagsIter {
        self.iter()
    }
}

/// Iterator over the known flags set in a [`PortFlags`], from
/// [`PortFlags::iter`].
///
/// ```
/// use rassapi::PortFlags;
///
/// let flags = PortFlags::PPP_CLIENT | PortFlags::PORT_MULTILINKED;
/// let set: Vec<PortFlags> = flags.iter().collect();
/// assert_eq!(set, [PortFlags::PPP_CLIENT, PortFlags::PORT_MULTILINKED]);
/// ```
#[derive(Debug, Clone)]
pub struct PortFlagsIter {
    flags: PortFlags,
    next: usize,
}

impl Iterator for PortFlagsIter {
    type Item = PortFlags;

    fn next(&mut self) -> Option<PortFlags> {
        while let Some(&(_, flag)) = PortFlags::NAMED.get(self.next) {
            self.next += 1;
            if self.flags.contains(flag) {
                return Some(flag);
            }
        }
        None
    }
}

impl core::iter::FusedIterator for PortFlagsIter {}

/// Defines a `#[non_exhaustive]` enum over `u32` constants with an
/// `Unknown(u32)` case, plus its lossless `From<u32>` / `raw()` pair.
macro_rules! condition_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $value:path,)* }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
            /// A value this crate does not know, kept as given.
            Unknown(u32),
        }

        impl From<u32> for $name {
            #[inline]
            fn from(raw: u32) -> Self {
                match raw {
                    $($value => Self::$variant,)*
                    other => Self::Unknown(other),
                }
            }
        }

        impl $name {
            /// The C value; `From<u32>` gives back `self` for any value.
            #[inline]
            pub fn raw(self) -> u32 {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Unknown(other) => other,
                }
            }
        }
    };
}

condition_enum! {
    /// The `LineCondition` of a port: one of the `RAS_PORT_*` values.
    ///
    /// ```
    /// use rassapi::LineCondition;
    ///
    /// assert_eq!(LineCondition::from(rassapi::sys::RAS_PORT_LISTENING), LineCondition::Listening);
    /// assert_eq!(LineCondition::from(99), LineCondition::Unknown(99));
    /// assert_eq!(LineCondition::Unknown(99).raw(), 99);
    /// ```
    pub enum LineCondition {
        /// `RAS_PORT_NON_OPERATIONAL`: the port cannot be used.
        NonOperational = sys::RAS_PORT_NON_OPERATIONAL,
        /// `RAS_PORT_DISCONNECTED`: nobody is connected.
        Disconnected = sys::RAS_PORT_DISCONNECTED,
        /// `RAS_PORT_CALLING_BACK`: the server is calling the user back.
        CallingBack = sys::RAS_PORT_CALLING_BACK,
        /// `RAS_PORT_LISTENING`: waiting for a call.
        Listening = sys::RAS_PORT_LISTENING,
        /// `RAS_PORT_AUTHENTICATING`: a caller is being authenticated.
        Authenticating = sys::RAS_PORT_AUTHENTICATING,
        /// `RAS_PORT_AUTHENTICATED`: the caller is authenticated and connected.
        Authenticated = sys::RAS_PORT_AUTHENTICATED,
        /// `RAS_PORT_INITIALIZING`: the device is being set up.
        Initializing = sys::RAS_PORT_INITIALIZING,
    }
}

condition_enum! {
    /// The `HardwareCondition` of a port: one of the `RAS_MODEM_*` values.
    ///
    /// ```
    /// use rassapi::HardwareCondition;
    ///
    /// use rassapi::sys::RAS_MODEM_UNKNOWN;
    ///
    /// assert_eq!(HardwareCondition::from(RAS_MODEM_UNKNOWN), HardwareCondition::StateUnknown);
    /// assert_eq!(HardwareCondition::from(0), HardwareCondition::Unknown(0));
    /// assert_eq!(HardwareCondition::Operational.raw(), rassapi::sys::RAS_MODEM_OPERATIONAL);
    /// ```
    pub enum HardwareCondition {
        /// `RAS_MODEM_OPERATIONAL`: the device works.
        Operational = sys::RAS_MODEM_OPERATIONAL,
        /// `RAS_MODEM_NOT_RESPONDING`: the device gave no answer.
        NotResponding = sys::RAS_MODEM_NOT_RESPONDING,
        /// `RAS_MODEM_HARDWARE_FAILURE`: the device reported a fault.
        HardwareFailure = sys::RAS_MODEM_HARDWARE_FAILURE,
        /// `RAS_MODEM_INCORRECT_RESPONSE`: the device answered unexpectedly.
        IncorrectResponse = sys::RAS_MODEM_INCORRECT_RESPONSE,
        /// `RAS_MODEM_UNKNOWN`: the host reports the device state as not
        /// known (distinct from [`Unknown`](Self::Unknown), a value outside
        /// `rassapi.h`).
        StateUnknown = sys::RAS_MODEM_UNKNOWN,
    }
}
