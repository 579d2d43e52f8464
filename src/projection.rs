//! [`Projections`]: the outcome of PPP protocol projection on a connection.

use crate::WideStr;
use crate::params::DebugBytes;
use crate::sys::{
    RAS_PPP_ATCP_RESULT, RAS_PPP_IPCP_RESULT, RAS_PPP_IPXCP_RESULT, RAS_PPP_NBFCP_RESULT,
    RAS_PPP_PROJECTION_RESULT,
};
use crate::wide::{ansi_bytes, ansi_iter};
use core::fmt;
use core::net::Ipv4Addr;

/// Which network protocols PPP set up for a connection, and the client's
/// address in each: a view of `RAS_PPP_PROJECTION_RESULT`.
///
/// Each result's [`error`](IpProjection::error) is 0 when that protocol was
/// projected, otherwise a RAS error code (a protocol the client did not ask
/// for also shows a non-zero code).
///
/// ```
/// use rassapi::Projections;
/// use std::net::Ipv4Addr;
///
/// let mut raw = rassapi::sys::RAS_PPP_PROJECTION_RESULT::default();
/// for (dst, src) in raw.ip.wszAddress.iter_mut().zip("10.0.0.7".encode_utf16()) {
///     *dst = src;
/// }
/// raw.ipx.dwError = 733; // not projected
///
/// let proj = Projections::new(&raw);
/// assert!(proj.ip().is_success());
/// assert_eq!(proj.ip().address_v4(), Some(Ipv4Addr::new(10, 0, 0, 7)));
/// assert_eq!(proj.ipx().error(), 733);
/// ```
#[derive(Clone, Copy)]
pub struct Projections<'a> {
    raw: &'a RAS_PPP_PROJECTION_RESULT,
}

impl<'a> Projections<'a> {
    /// Views `raw`.
    #[inline]
    pub fn new(raw: &'a RAS_PPP_PROJECTION_RESULT) -> Self {
        Projections { raw }
    }

    /// NetBEUI (`nbf`).
    #[inline]
    pub fn nbf(&self) -> NbfProjection<'a> {
        NbfProjection { raw: &self.raw.nbf }
    }

    /// IP (`ip`).
    #[inline]
    pub fn ip(&self) -> IpProjection<'a> {
        IpProjection { raw: &self.raw.ip }
    }

    /// IPX (`ipx`).
    #[inline]
    pub fn ipx(&self) -> IpxProjection<'a> {
        IpxProjection { raw: &self.raw.ipx }
    }

    /// AppleTalk (`at`).
    #[inline]
    pub fn appletalk(&self) -> AppleTalkProjection<'a> {
        AppleTalkProjection { raw: &self.raw.at }
    }

    /// The structure behind the view.
    #[inline]
    pub fn raw(&self) -> &'a RAS_PPP_PROJECTION_RESULT {
        self.raw
    }
}

impl fmt::Debug for Projections<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Projections")
            .field("nbf", &self.nbf())
            .field("ip", &self.ip())
            .field("ipx", &self.ipx())
            .field("appletalk", &self.appletalk())
            .finish()
    }
}

/// Adds the `dwError` and `raw` accessors shared by all four results.
macro_rules! projection_common {
    ($name:ident, $raw:ty) => {
        impl<'a> $name<'a> {
            /// `dwError`: 0 on success, otherwise a RAS error code.
            #[inline]
            pub fn error(&self) -> u32 {
                self.raw.dwError
            }

            /// Whether [`error`](Self::error) is 0.
            #[inline]
            pub fn is_success(&self) -> bool {
                self.raw.dwError == 0
            }

            /// The structure behind the view.
            #[inline]
            pub fn raw(&self) -> &'a $raw {
                self.raw
            }
        }
    };
    ($name:ident, $raw:ty, with_address_debug) => {
        projection_common!($name, $raw);

        impl fmt::Debug for $name<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($name))
                    .field("error", &self.error())
                    .field("address", &self.address())
                    .finish()
            }
        }
    };
}

/// NetBEUI projection result: a view of `RAS_PPP_NBFCP_RESULT`.
///
/// ```
/// let mut raw = rassapi::sys::RAS_PORT_1::default();
/// raw.ProjResult.nbf.dwNetBiosError = 5;
/// raw.ProjResult.nbf.szName[..3].copy_from_slice(&[b'W' as _, b'S' as _, b'1' as _]);
/// let nbf = rassapi::Port::new(&raw).projections().nbf();
/// assert_eq!((nbf.netbios_error(), nbf.name()), (5, &b"WS1"[..]));
/// ```
#[derive(Clone, Copy)]
pub struct NbfProjection<'a> {
    raw: &'a RAS_PPP_NBFCP_RESULT,
}

impl<'a> NbfProjection<'a> {
    /// `dwNetBiosError`: the NetBIOS error when adding the client's name
    /// failed.
    #[inline]
    pub fn netbios_error(&self) -> u32 {
        self.raw.dwNetBiosError
    }

    /// `szName`: the NetBIOS name that caused
    /// [`netbios_error`](Self::netbios_error), as ANSI bytes up to the first
    /// NUL or the end of the array.
    #[inline]
    pub fn name(&self) -> &'a [u8] {
        ansi_bytes(&self.raw.szName)
    }

    /// The bytes of [`name`](Self::name), the NUL found as they are read:
    /// one walk over the array instead of a scan and then a walk.
    ///
    /// ```
    /// let mut raw = rassapi::sys::RAS_PORT_1::default();
    /// raw.ProjResult.nbf.szName.fill(b'N' as _); // no terminator at all
    /// let nbf = rassapi::Port::new(&raw).projections().nbf();
    /// assert_eq!(nbf.name_bytes().count(), raw.ProjResult.nbf.szName.len());
    /// assert!(nbf.name_bytes().eq(nbf.name().iter().copied()));
    /// ```
    #[inline]
    pub fn name_bytes(&self) -> impl Iterator<Item = u8> + Clone + 'a {
        ansi_iter(&self.raw.szName)
    }

    /// `wszWksta`: NetBIOS name of the remote workstation.
    #[inline]
    pub fn workstation(&self) -> WideStr<'a> {
        WideStr::named(&self.raw.wszWksta, "wszWksta")
    }
}

projection_common!(NbfProjection, RAS_PPP_NBFCP_RESULT);

impl fmt::Debug for NbfProjection<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NbfProjection")
            .field("error", &self.error())
            .field("netbios_error", &self.netbios_error())
            .field("name", &DebugBytes(self.name()))
            .field("workstation", &self.workstation())
            .finish()
    }
}

/// IP projection result: a view of `RAS_PPP_IPCP_RESULT`.
///
/// ```
/// let mut raw = rassapi::sys::RAS_PORT_1::default();
/// raw.ProjResult.ip.wszAddress[0] = u16::from(b'x');
/// let ip = rassapi::Port::new(&raw).projections().ip();
/// assert_eq!(ip.address(), "x");
/// assert_eq!(ip.address_v4(), None); // not dotted decimal
/// ```
#[derive(Clone, Copy)]
pub struct IpProjection<'a> {
    raw: &'a RAS_PPP_IPCP_RESULT,
}

impl<'a> IpProjection<'a> {
    /// `wszAddress`: the client's address as text, dotted decimal.
    #[inline]
    pub fn address(&self) -> WideStr<'a> {
        WideStr::named(&self.raw.wszAddress, "wszAddress")
    }

    /// The client's address, if [`address`](Self::address) is a dotted
    /// decimal IPv4 address. Does not allocate.
    pub fn address_v4(&self) -> Option<Ipv4Addr> {
        // "255.255.255.255" is 15 ASCII characters; anything else is not one.
        let mut buf = [0u8; 15];
        let units = self.address().as_units();
        if units.len() > buf.len() {
            return None;
        }
        for (dst, &unit) in buf.iter_mut().zip(units) {
            *dst = u8::try_from(unit).ok().filter(u8::is_ascii)?;
        }
        let text = core::str::from_utf8(buf.get(..units.len())?).ok()?;
        text.parse().ok()
    }
}

projection_common!(IpProjection, RAS_PPP_IPCP_RESULT, with_address_debug);

/// IPX projection result: a view of `RAS_PPP_IPXCP_RESULT`.
///
/// ```
/// let mut raw = rassapi::sys::RAS_PORT_1::default();
/// raw.ProjResult.ipx.dwError = 1;
/// let ipx = rassapi::Port::new(&raw).projections().ipx();
/// assert!(!ipx.is_success());
/// assert!(ipx.address().is_empty());
/// ```
#[derive(Clone, Copy)]
pub struct IpxProjection<'a> {
    raw: &'a RAS_PPP_IPXCP_RESULT,
}

impl<'a> IpxProjection<'a> {
    /// `wszAddress`: the client's address, `network.node` in hexadecimal.
    #[inline]
    pub fn address(&self) -> WideStr<'a> {
        WideStr::named(&self.raw.wszAddress, "wszAddress")
    }
}

projection_common!(IpxProjection, RAS_PPP_IPXCP_RESULT, with_address_debug);

/// AppleTalk projection result: a view of `RAS_PPP_ATCP_RESULT`.
///
/// ```
/// let raw = rassapi::sys::RAS_PORT_1::default();
/// let at = rassapi::Port::new(&raw).projections().appletalk();
/// assert_eq!((at.error(), at.address().is_empty()), (0, true));
/// ```
#[derive(Clone, Copy)]
pub struct AppleTalkProjection<'a> {
    raw: &'a RAS_PPP_ATCP_RESULT,
}

impl<'a> AppleTalkProjection<'a> {
    /// `wszAddress`: the client's AppleTalk address.
    #[inline]
    pub fn address(&self) -> WideStr<'a> {
        WideStr::named(&self.raw.wszAddress, "wszAddress")
    }
}

projection_common!(AppleTalkProjection, RAS_PPP_ATCP_RESULT, with_address_debug);
