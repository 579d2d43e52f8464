//! [`AnySession`]: the common face of NT 4.0's and RRAS's events.

use core::net::Ipv4Addr;
use core::time::Duration;

use super::{RrasConnection, RrasLink, SessionCounters};
use crate::event::ConnectionCallback;
use crate::{Event, Params, Port, SessionStart, Statistics, WideStr};

/// Which API delivered an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Api {
    /// NT 4.0's `RasAdmin*` callbacks (`rassapi.h`).
    Nt4,
    /// RRAS's `MprAdmin*` callbacks (`mprapi.h`).
    Rras,
}

/// What an event's figures describe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// The whole connection (an RRAS connection; on NT 4.0 the bundle
    /// totals of `RAS_PORT_STATISTICS`).
    Connection,
    /// One link (an RRAS link; on NT 4.0 one port's own counters).
    Link,
}

/// `RasAdmin` (NT 4.0) or `MprAdmin` (RRAS): the prefix of the callbacks.
///
/// ```
/// use rassapi::rras::{Api, Scope};
/// assert_eq!(Api::Nt4.to_string(), "RasAdmin");
/// assert_eq!(Api::Rras.to_string(), "MprAdmin");
/// assert_eq!(Scope::Link.to_string(), "link");
/// ```
impl core::fmt::Display for Api {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Api::Nt4 => "RasAdmin",
            Api::Rras => "MprAdmin",
        })
    }
}

/// `connection` or `link`.
impl core::fmt::Display for Scope {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Scope::Connection => "connection",
            Scope::Link => "link",
        })
    }
}

/// One event of either API, read the same way: what an accounting or
/// admission hook uses. The API-specific views stay reachable by matching
/// on the variants.
///
/// # Per link or per connection
///
/// | handler | NT 4.0 (`RasAdmin*`) | RRAS (`MprAdmin*`) |
/// |---|---|---|
/// | `accept` | accept, scope `Connection` | `MprAdminAcceptNewConnection{,2,3}` |
/// | `accept_link` | the same accept again, scope `Link` (only if `accept` said yes) | `MprAdminAcceptNewLink` |
/// | `connection_ended` | every hang-up, scope `Connection`: bundle totals | `MprAdminConnectionHangupNotification{,2,3}`, once per connection after its last link |
/// | `link_ended` | every hang-up again, scope `Link`: the port's own counters | `MprAdminLinkHangupNotification`, once per link |
///
/// NT 4.0 calls once per *port* and cannot say which port of a multilink
/// bundle is the last, so there `connection_ended` runs once per port,
/// each time with the bundle totals so far: a hook that wants one record
/// per NT 4.0 multilink connection keeps the last one
/// ([`is_multilink`](Self::is_multilink) tells which events are concerned).
///
/// # Absent values
///
/// Accessors return `Option` where one API does not give the value: RRAS
/// gives no start time (only a duration), NT 4.0 no duration (only a
/// start); RRAS links carry no user. [`duration_until`](Self::duration_until)
/// bridges the first two.
#[derive(Clone, Debug)]
pub enum AnySession<'a> {
    /// An NT 4.0 accept or hang-up (one port).
    Nt4 {
        /// `RAS_PORT_1` (rassapi's).
        port: Port<'a>,
        /// Bundle totals and this port's counters.
        statistics: Statistics<'a>,
        /// The media parameters.
        params: Params<'a>,
        /// Which half of the event this is.
        scope: Scope,
    },
    /// An RRAS connection event.
    Connection(RrasConnection<'a>),
    /// An RRAS link event.
    Link(RrasLink<'a>),
}

impl<'a> AnySession<'a> {
    /// The NT 4.0 event `event`, seen at `scope`.
    #[inline]
    pub fn from_nt4<K: ConnectionCallback>(event: Event<'a, K>, scope: Scope) -> Self {
        AnySession::Nt4 {
            port: event.port(),
            statistics: event.statistics(),
            params: event.params(),
            scope,
        }
    }

    /// Which API delivered it.
    #[inline]
    pub fn api(&self) -> Api {
        match self {
            AnySession::Nt4 { .. } => Api::Nt4,
            AnySession::Connection(_) | AnySession::Link(_) => Api::Rras,
        }
    }

    /// Whether the figures are the connection's or one link's.
    #[inline]
    pub fn scope(&self) -> Scope {
        match self {
            AnySession::Nt4 { scope, .. } => *scope,
            AnySession::Connection(_) => Scope::Connection,
            AnySession::Link(_) => Scope::Link,
        }
    }

    /// The user (`wszUserName`); `None` for an RRAS link.
    #[inline]
    pub fn user(&self) -> Option<WideStr<'a>> {
        match self {
            AnySession::Nt4 { port, .. } => Some(port.user_name()),
            AnySession::Connection(c) => Some(c.user_name()),
            AnySession::Link(_) => None,
        }
    }

    /// The user's logon domain; `None` for an RRAS link.
    #[inline]
    pub fn domain(&self) -> Option<WideStr<'a>> {
        match self {
            AnySession::Nt4 { port, .. } => Some(port.logon_domain()),
            AnySession::Connection(c) => Some(c.logon_domain()),
            AnySession::Link(_) => None,
        }
    }

    /// The port name (NT 4.0, RRAS link) or interface name (RRAS
    /// connection).
    #[inline]
    pub fn name(&self) -> WideStr<'a> {
        match self {
            AnySession::Nt4 { port, .. } => port.port_name(),
            AnySession::Connection(c) => c.interface_name(),
            AnySession::Link(l) => l.port_name(),
        }
    }

    /// When the session started: NT 4.0's `dwStartSessionTime`; `None`
    /// from RRAS, which reports a duration instead.
    #[inline]
    pub fn start(&self) -> Option<SessionStart> {
        match self {
            AnySession::Nt4 { port, .. } => Some(port.session_start()),
            AnySession::Connection(_) | AnySession::Link(_) => None,
        }
    }

    /// Seconds connected as RRAS reports them (`dwConnectDuration`);
    /// `None` from NT 4.0, which reports the start instead.
    #[inline]
    pub fn duration_secs(&self) -> Option<u32> {
        match self {
            AnySession::Nt4 { .. } => None,
            AnySession::Connection(c) => Some(c.connect_duration()),
            AnySession::Link(l) => Some(l.connect_duration()),
        }
    }

    /// How long the session has lasted at `now_unix_secs` (seconds since
    /// 1970, e.g. the time of the hang-up): RRAS's reported duration as is,
    /// NT 4.0's from its start (`None` if `now` is before it).
    #[inline]
    pub fn duration_until(&self, now_unix_secs: u64) -> Option<Duration> {
        match self.duration_secs() {
            Some(secs) => Some(Duration::from_secs(u64::from(secs))),
            None => self.start()?.duration_until(now_unix_secs),
        }
    }

    /// Bytes, frames and errors each way, for the [`scope`](Self::scope).
    #[inline]
    pub fn counters(&self) -> SessionCounters {
        match self {
            AnySession::Nt4 {
                statistics,
                scope: Scope::Connection,
                ..
            } => SessionCounters::from(&statistics.connection()),
            AnySession::Nt4 { statistics, .. } => SessionCounters::from(&statistics.this_port()),
            AnySession::Connection(c) => c.counters(),
            AnySession::Link(l) => l.counters(),
        }
    }

    /// The client's IPv4 address: NT 4.0's IP projection, RRAS's
    /// `PppInfo.ip.wszRemoteAddress`; `None` if that is not a dotted IPv4
    /// address, or for an RRAS link.
    #[inline]
    pub fn ipv4(&self) -> Option<Ipv4Addr> {
        match self {
            AnySession::Nt4 { port, .. } => port.projections().ip().address_v4(),
            AnySession::Connection(c) => c.remote_ipv4(),
            AnySession::Link(_) => None,
        }
    }

    /// Multilink membership: NT 4.0's `PORT_MULTILINKED` flag, RRAS's
    /// multilink framing from level 2; `None` where unknown (RRAS level 1,
    /// links).
    #[inline]
    pub fn is_multilink(&self) -> Option<bool> {
        match self {
            AnySession::Nt4 { port, .. } => Some(port.flags().is_multilinked()),
            AnySession::Connection(c) => c.is_multilink(),
            AnySession::Link(_) => None,
        }
    }
}

impl<'a> From<RrasConnection<'a>> for AnySession<'a> {
    #[inline]
    fn from(c: RrasConnection<'a>) -> Self {
        AnySession::Connection(c)
    }
}

impl<'a> From<RrasLink<'a>> for AnySession<'a> {
    #[inline]
    fn from(l: RrasLink<'a>) -> Self {
        AnySession::Link(l)
    }
}
