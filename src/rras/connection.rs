//! [`RrasConnection`]: what RRAS passes to the connection callbacks
//! (`RAS_CONNECTION_0` to `_3`), validated.

use core::fmt;
use core::net::Ipv4Addr;

use super::mprapi::{
    PPP_LCP_MULTILINK_FRAMING, RAS_CONNECTION_0, RAS_CONNECTION_1, RAS_CONNECTION_2,
    RAS_CONNECTION_3,
};
use super::{Guid, InterfaceType, QuarantineState, SessionCounters, ipv4};
use crate::{Error, WideStr, pointer};

/// Which structures a connection callback receives: the `2` exports add
/// `RAS_CONNECTION_2`, the `3` ones (and reauthentication) `RAS_CONNECTION_3`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// `RAS_CONNECTION_0` and `_1`.
    One = 1,
    /// Also `RAS_CONNECTION_2`.
    Two = 2,
    /// Also `RAS_CONNECTION_3`.
    Three = 3,
}

/// `1`, `2` or `3`, as in `RAS_CONNECTION_2`.
///
/// ```
/// assert_eq!(rassapi::rras::Level::Two.to_string(), "2");
/// ```
impl core::fmt::Display for Level {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Display::fmt(&(*self as u8), f)
    }
}

/// A connection as RRAS describes it to `MprAdminAcceptNewConnection{,2,3}`,
/// `MprAdminConnectionHangupNotification{,2,3}` and
/// `MprAdminAcceptReauthentication`: a borrowed view of `RAS_CONNECTION_0`
/// and `_1`, plus `_2` and `_3` when the [`Level`] has them.
///
/// Names are read from their fixed arrays up to the first NUL (or the whole
/// array if there is none), nothing is copied, nothing allocates.
#[derive(Clone, Copy)]
pub struct RrasConnection<'a> {
    c0: &'a RAS_CONNECTION_0,
    c1: &'a RAS_CONNECTION_1,
    c2: Option<&'a RAS_CONNECTION_2>,
    c3: Option<&'a RAS_CONNECTION_3>,
}

impl<'a> RrasConnection<'a> {
    /// Checks RRAS's pointers and builds the view. `c0` and `c1` must be
    /// usable; `c2` too from [`Level::Two`], `c3` from [`Level::Three`];
    /// those a level does not have are ignored (pass null).
    ///
    /// # Errors
    ///
    /// [`Error::Null`] or [`Error::Misaligned`] naming the C parameter
    /// (`pRasConnection0`…`3`).
    ///
    /// # Safety
    ///
    /// Each pointer the level uses, if non-null and aligned, must be valid
    /// for reads of its structure, unchanged during `'a`.
    #[inline]
    pub unsafe fn from_raw(
        level: Level,
        c0: *const RAS_CONNECTION_0,
        c1: *const RAS_CONNECTION_1,
        c2: *const RAS_CONNECTION_2,
        c3: *const RAS_CONNECTION_3,
    ) -> Result<Self, Error> {
        // SAFETY: the caller promises readability for 'a when non-null and
        // aligned, which `checked_ref` checks first.
        let c0 = unsafe { pointer::checked_ref(c0, "pRasConnection0") }?;
        // SAFETY: as above.
        let c1 = unsafe { pointer::checked_ref(c1, "pRasConnection1") }?;
        let c2 = if level >= Level::Two {
            // SAFETY: as above.
            Some(unsafe { pointer::checked_ref(c2, "pRasConnection2") }?)
        } else {
            None
        };
        let c3 = if level >= Level::Three {
            // SAFETY: as above.
            Some(unsafe { pointer::checked_ref(c3, "pRasConnection3") }?)
        } else {
            None
        };
        Ok(RrasConnection { c0, c1, c2, c3 })
    }

    /// The view over structures the caller owns (tests, tools).
    pub fn new(
        c0: &'a RAS_CONNECTION_0,
        c1: &'a RAS_CONNECTION_1,
        c2: Option<&'a RAS_CONNECTION_2>,
        c3: Option<&'a RAS_CONNECTION_3>,
    ) -> Self {
        RrasConnection { c0, c1, c2, c3 }
    }

    /// The level: the highest structure present.
    #[inline]
    pub fn level(&self) -> Level {
        match (self.c2, self.c3) {
            (_, Some(_)) => Level::Three,
            (Some(_), None) => Level::Two,
            (None, None) => Level::One,
        }
    }

    /// `wszUserName` of `RAS_CONNECTION_0`.
    #[inline]
    pub fn user_name(&self) -> WideStr<'a> {
        WideStr::named(&self.c0.wszUserName, "wszUserName")
    }

    /// `wszLogonDomain`.
    #[inline]
    pub fn logon_domain(&self) -> WideStr<'a> {
        WideStr::named(&self.c0.wszLogonDomain, "wszLogonDomain")
    }

    /// `wszInterfaceName`: the demand-dial interface (or, for a client,
    /// what RRAS names it).
    #[inline]
    pub fn interface_name(&self) -> WideStr<'a> {
        WideStr::named(&self.c0.wszInterfaceName, "wszInterfaceName")
    }

    /// `wszRemoteComputer`.
    #[inline]
    pub fn remote_computer(&self) -> WideStr<'a> {
        WideStr::named(&self.c0.wszRemoteComputer, "wszRemoteComputer")
    }

    /// `dwConnectDuration`: seconds connected so far.
    #[inline]
    pub fn connect_duration(&self) -> u32 {
        self.c0.dwConnectDuration
    }

    /// `dwInterfaceType`.
    #[inline]
    pub fn interface_type(&self) -> InterfaceType {
        InterfaceType::from(self.c0.dwInterfaceType)
    }

    /// `dwConnectionFlags` (`RAS_FLAGS_*` bits), raw.
    #[inline]
    pub fn connection_flags(&self) -> u32 {
        self.c0.dwConnectionFlags
    }

    /// `hConnection` as a number: the same for the connection's links
    /// ([`RrasLink::connection_handle`](super::RrasLink::connection_handle)).
    #[inline]
    pub fn handle(&self) -> usize {
        self.c0.hConnection.addr()
    }

    /// `hInterface` as a number.
    #[inline]
    pub fn interface_handle(&self) -> usize {
        self.c0.hInterface.addr()
    }

    /// The connection's counters (`RAS_CONNECTION_1`).
    #[inline]
    pub fn counters(&self) -> SessionCounters {
        SessionCounters::from(self.c1)
    }

    /// `dwCompressionRatioIn`.
    #[inline]
    pub fn compression_ratio_in(&self) -> u32 {
        self.c1.dwCompressionRatioIn
    }

    /// `dwCompressionRatioOut`.
    #[inline]
    pub fn compression_ratio_out(&self) -> u32 {
        self.c1.dwCompressionRatioOut
    }

    /// `PppInfo.ip.wszAddress`: the server's end, as text.
    #[inline]
    pub fn local_address(&self) -> WideStr<'a> {
        WideStr::named(&self.c1.PppInfo.ip.wszAddress, "wszAddress")
    }

    /// `PppInfo.ip.wszRemoteAddress`: the client's address, as text.
    #[inline]
    pub fn remote_address(&self) -> WideStr<'a> {
        WideStr::named(&self.c1.PppInfo.ip.wszRemoteAddress, "wszRemoteAddress")
    }

    /// [`remote_address`](Self::remote_address) if it is dotted-decimal IPv4.
    #[inline]
    pub fn remote_ipv4(&self) -> Option<Ipv4Addr> {
        ipv4::parse(self.remote_address())
    }

    /// `RAS_CONNECTION_2.guid`, from [`Level::Two`].
    #[inline]
    pub fn guid(&self) -> Option<Guid> {
        self.c2.map(|c2| Guid::new(c2.guid))
    }

    /// `PppInfo2.lcp.dwAuthenticationProtocol` (`PPP_LCP_PAP`, `…_CHAP`,
    /// `…_EAP`…), from [`Level::Two`].
    #[inline]
    pub fn authentication_protocol(&self) -> Option<u32> {
        self.c2.map(|c2| c2.PppInfo2.lcp.dwAuthenticationProtocol)
    }

    /// `PppInfo2.lcp.dwOptions` (`PPP_LCP_*` bits), from [`Level::Two`].
    #[inline]
    pub fn lcp_options(&self) -> Option<u32> {
        self.c2.map(|c2| c2.PppInfo2.lcp.dwOptions)
    }

    /// Whether the link uses multilink framing (`PPP_LCP_MULTILINK_FRAMING`
    /// in [`lcp_options`](Self::lcp_options)); unknown below [`Level::Two`].
    #[inline]
    pub fn is_multilink(&self) -> Option<bool> {
        self.lcp_options()
            .map(|o| o & PPP_LCP_MULTILINK_FRAMING != 0)
    }

    /// `RAS_CONNECTION_3.rasQuarState`, at [`Level::Three`].
    #[inline]
    pub fn quarantine_state(&self) -> Option<QuarantineState> {
        self.c3.map(|c3| QuarantineState::from(c3.rasQuarState))
    }

    /// `RAS_CONNECTION_0`.
    #[inline]
    pub fn raw0(&self) -> &'a RAS_CONNECTION_0 {
        self.c0
    }

    /// `RAS_CONNECTION_1`.
    #[inline]
    pub fn raw1(&self) -> &'a RAS_CONNECTION_1 {
        self.c1
    }

    /// `RAS_CONNECTION_2`, from [`Level::Two`].
    #[inline]
    pub fn raw2(&self) -> Option<&'a RAS_CONNECTION_2> {
        self.c2
    }

    /// `RAS_CONNECTION_3`, at [`Level::Three`].
    #[inline]
    pub fn raw3(&self) -> Option<&'a RAS_CONNECTION_3> {
        self.c3
    }
}

impl fmt::Debug for RrasConnection<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RrasConnection")
            .field("level", &self.level())
            .field("user_name", &self.user_name())
            .field("logon_domain", &self.logon_domain())
            .field("interface_name", &self.interface_name())
            .field("connect_duration", &self.connect_duration())
            .field("counters", &self.counters())
            .finish_non_exhaustive()
    }
}
