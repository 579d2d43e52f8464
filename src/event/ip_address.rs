//! The views of the IP-address callbacks: [`GetIpAddressEvent`] (with its
//! answer, [`IpAssignment`]) and [`ReleaseIpAddressEvent`], plus the
//! `IPADDR` conversions.

use core::fmt;
use core::marker::PhantomData;
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

mod sealed {
    pub trait Sealed {}
}

/// Which IP-address callback an [`IpEvent`] belongs to: [`GetIp`] or
/// [`ReleaseIp`]. Sealed.
pub trait IpCallback: sealed::Sealed + 'static {}

/// `RasAdminGetIpAddressForUser`'s kind of [`IpEvent`]: [`GetIpAddressEvent`].
#[derive(Debug)]
pub enum GetIp {}

/// `RasAdminReleaseIpAddress`'s kind of [`IpEvent`]: [`ReleaseIpAddressEvent`].
#[derive(Debug)]
pub enum ReleaseIp {}

impl sealed::Sealed for GetIp {}
impl sealed::Sealed for ReleaseIp {}
impl IpCallback for GetIp {}
impl IpCallback for ReleaseIp {}

/// The validated arguments of an IP-address callback: the user and port
/// names (`lpszUserName`, `lpszPortName`, read up to their NUL) and the
/// `IPADDR` at `pipAddress`. Used as [`GetIpAddressEvent`] or
/// [`ReleaseIpAddressEvent`]; `K` keeps the two apart and decides what the
/// address means.
pub struct IpEvent<'a, K: IpCallback> {
    user: WideStr<'a>,
    port: WideStr<'a>,
    address: IPADDR,
    kind: PhantomData<fn() -> K>,
}

/// The arguments of `RasAdminGetIpAddressForUser`, validated: a user is
/// connecting and RAS asks which IPv4 address to give them. The handler
/// answers with an [`IpAssignment`] or an [`ErrorCode`].
pub type GetIpAddressEvent<'a> = IpEvent<'a, GetIp>;

/// The arguments of `RasAdminReleaseIpAddress`, validated: an address
/// handed out by the get-IP handler (with `notify_release` set) is free
/// again.
pub type ReleaseIpAddressEvent<'a> = IpEvent<'a, ReleaseIp>;

impl<K: IpCallback> Clone for IpEvent<'_, K> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K: IpCallback> Copy for IpEvent<'_, K> {}

impl<'a, K: IpCallback> IpEvent<'a, K> {
    /// What the export read from RAS: the names and `*pipAddress` as given.
    pub(crate) const fn from_host(user: WideStr<'a>, port: WideStr<'a>, address: IPADDR) -> Self {
        IpEvent {
            user,
            port,
            address,
            kind: PhantomData,
        }
    }

    /// The user (`lpszUserName`): who needs an address, or had it.
    pub const fn user(&self) -> WideStr<'a> {
        self.user
    }

    /// The port (`lpszPortName`) the user is connecting or was connected on.
    pub const fn port(&self) -> WideStr<'a> {
        self.port
    }
}

impl<'a> GetIpAddressEvent<'a> {
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
        IpEvent::from_host(user, port, proposed)
    }

    /// The address RAS has picked for the user (the value `*pipAddress`
    /// had on entry), or `None` when RAS passed 0, meaning it has none and
    /// the DLL must choose one or the user cannot connect.
    pub const fn proposed(&self) -> Option<Ipv4Addr> {
        match self.address {
            0 => None,
            raw => Some(ipv4_from_ipaddr(raw)),
        }
    }

    /// The answer that leaves `*pipAddress` as RAS passed it (also when it
    /// is 0) and asks for no release notification: what `admin_dll!` does
    /// when it is given no get-IP handler.
    pub const fn keep_proposed(&self) -> IpAssignment {
        IpAssignment::from_ipaddr(self.address)
    }
}

impl fmt::Debug for GetIpAddressEvent<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GetIpAddressEvent")
            .field("user", &self.user)
            .field("port", &self.port)
            .field("proposed", &self.proposed())
            .finish()
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

impl<'a> ReleaseIpAddressEvent<'a> {
    /// A release as RAS would report it (for tests of a handler).
    pub const fn new(
        user: WideStr<'a>,
        port: WideStr<'a>,
        address: Ipv4Addr,
    ) -> ReleaseIpAddressEvent<'a> {
        IpEvent::from_host(user, port, ipaddr_from_ipv4(address))
    }

    /// The address being released (`*pipAddress`).
    pub const fn address(&self) -> Ipv4Addr {
        ipv4_from_ipaddr(self.address)
    }
}

impl fmt::Debug for ReleaseIpAddressEvent<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReleaseIpAddressEvent")
            .field("user", &self.user)
            .field("port", &self.port)
            .field("address", &self.address())
            .finish()
    }
}

// Both views may cross threads: checked at compile time.
const _: () = {
    const fn send_sync<T: Send + Sync>() {}
    send_sync::<GetIpAddressEvent<'static>>();
    send_sync::<ReleaseIpAddressEvent<'static>>();
};
