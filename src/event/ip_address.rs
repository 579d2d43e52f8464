//! The views of the IP-address callbacks: [`GetIpAddressEvent`] (with its
//! answer, [`IpAssignment`]) and [`ReleaseIpAddressEvent`], plus the
//! `IPADDR` conversions.

use core::net::Ipv4Addr;

#[cfg(doc)]
use crate::ErrorCode;
use crate::WideStr;
use crate::sys::IPADDR;

/// The [`Ipv4Addr`] held in an `IPADDR`.
///
/// An `IPADDR` is a `ULONG` holding the address in **network byte order**:
/// its bytes *in memory* are the four octets in the order they are written,
/// whatever the CPU's endianness. On x86 (little-endian) 192.168.7.21 is
/// therefore the `DWORD` value `0x1507A8C0`.
///
/// ```
/// use rassapi::event::{ipaddr_from_ipv4, ipv4_from_ipaddr};
/// use std::net::Ipv4Addr;
/// let raw = ipaddr_from_ipv4(Ipv4Addr::new(192, 168, 7, 21));
/// assert_eq!(raw.to_ne_bytes(), [192, 168, 7, 21]);
/// assert_eq!(ipv4_from_ipaddr(raw), Ipv4Addr::new(192, 168, 7, 21));
/// ```
pub const fn ipv4_from_ipaddr(raw: IPADDR) -> Ipv4Addr {
    let [a, b, c, d] = raw.to_ne_bytes();
    Ipv4Addr::new(a, b, c, d)
}

/// The `IPADDR` (network byte order, see [`ipv4_from_ipaddr`]) holding
/// `address`.
pub const fn ipaddr_from_ipv4(address: Ipv4Addr) -> IPADDR {
    IPADDR::from_ne_bytes(address.octets())
}

/// The arguments of `RasAdminGetIpAddressForUser`, validated: a user is
/// connecting and RAS asks which IPv4 address to give them. The handler
/// answers with an [`IpAssignment`] or an [`ErrorCode`].
#[derive(Clone, Copy, Debug)]
pub struct GetIpAddressEvent<'a> {
    user: WideStr<'a>,
    port: WideStr<'a>,
    proposed: IPADDR,
}

impl<'a> GetIpAddressEvent<'a> {
    /// What the export read from RAS: the names and `*pipAddress` as given.
    pub(crate) const fn from_host(user: WideStr<'a>, port: WideStr<'a>, proposed: IPADDR) -> Self {
        GetIpAddressEvent {
            user,
            port,
            proposed,
        }
    }

    /// A request as RAS would make it (for tests of a handler).
    pub const fn new(
        user: WideStr<'a>,
        port: WideStr<'a>,
        proposed: Option<Ipv4Addr>,
    ) -> GetIpAddressEvent<'a> {
        let proposed = match proposed {
            Some(address) => ipaddr_from_ipv4(address),
            None => 0,
        };
        GetIpAddressEvent {
            user,
            port,
            proposed,
        }
    }

    /// The user that needs an address (`lpszUserName`).
    pub const fn user(&self) -> WideStr<'a> {
        self.user
    }

    /// The port the user is connecting on (`lpszPortName`).
    pub const fn port(&self) -> WideStr<'a> {
        self.port
    }

    /// The address RAS has picked for the user (the value `*pipAddress`
    /// had on entry), or `None` when RAS passed 0, meaning it has none and
    /// the DLL must choose one or the user cannot connect.
    pub const fn proposed(&self) -> Option<Ipv4Addr> {
        match self.proposed {
            0 => None,
            raw => Some(ipv4_from_ipaddr(raw)),
        }
    }

    /// The answer that leaves `*pipAddress` as RAS passed it (also when it
    /// is 0) and asks for no release notification: what `admin_dll!` does
    /// when it is given no get-IP handler.
    pub const fn keep_proposed(&self) -> IpAssignment {
        IpAssignment::from_ipaddr(self.proposed)
    }
}

/// A get-IP handler's answer: the address to give the user, and whether
/// to be told through `RasAdminReleaseIpAddress` when it is freed.
///
/// The export writes `address` to `*pipAddress` (network byte order) and
/// `notify_release` to `*bNotifyRelease`, then returns `NO_ERROR`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct IpAssignment {
    /// The address for the user.
    pub address: Ipv4Addr,
    /// Ask RAS to call `RasAdminReleaseIpAddress` when the user
    /// disconnects.
    pub notify_release: bool,
}

impl IpAssignment {
    /// Assign `raw` as found in `*pipAddress` (network byte order).
    const fn from_ipaddr(raw: IPADDR) -> IpAssignment {
        IpAssignment::new(ipv4_from_ipaddr(raw))
    }

    /// Assign `address`, without release notification.
    pub const fn new(address: Ipv4Addr) -> IpAssignment {
        IpAssignment {
            address,
            notify_release: false,
        }
    }

    /// The same assignment, asking to be told when the address is
    /// released.
    #[must_use]
    pub const fn notify_on_release(self) -> IpAssignment {
        IpAssignment {
            notify_release: true,
            ..self
        }
    }
}

/// The arguments of `RasAdminReleaseIpAddress`, validated: an address
/// handed out by the get-IP handler (with `notify_release` set) is free
/// again.
#[derive(Clone, Copy, Debug)]
pub struct ReleaseIpAddressEvent<'a> {
    user: WideStr<'a>,
    port: WideStr<'a>,
    address: Ipv4Addr,
}

impl<'a> ReleaseIpAddressEvent<'a> {
    /// A release as RAS would report it (for tests of a handler).
    pub const fn new(
        user: WideStr<'a>,
        port: WideStr<'a>,
        address: Ipv4Addr,
    ) -> ReleaseIpAddressEvent<'a> {
        ReleaseIpAddressEvent {
            user,
            port,
            address,
        }
    }

    /// The user that had the address (`lpszUserName`).
    pub const fn user(&self) -> WideStr<'a> {
        self.user
    }

    /// The port the user was connected on (`lpszPortName`).
    pub const fn port(&self) -> WideStr<'a> {
        self.port
    }

    /// The address being released (`*pipAddress`).
    pub const fn address(&self) -> Ipv4Addr {
        self.address
    }
}
