//! The accounting record: what one call of the hang-up hook logs.
//!
//! Built only through the safe view, so nothing here can read out of
//! bounds or panic on bad data: a field that cannot be read as it should is
//! left empty (`None`) and explained in [`Session::problems`], and an event
//! RAS's export could not read at all becomes a [`Failure`] record.

use std::net::Ipv4Addr;
use std::time::SystemTime;

use rassapi::export::ExportError;
use rassapi::{Counters, HangupEvent, WideStr};

use crate::json::Object;
use crate::time::{rfc3339, unix_secs};

/// One line of the accounting log.
pub enum Record {
    /// One port of a connection that ended (a multilink connection gives
    /// one per port, with the same [`Session::session_id`]).
    Session(Box<Session>),
    /// The export could not give the hook a readable event (or the hook
    /// panicked): only the time and the reason are known.
    Failure(Failure),
}

/// A port's share of a connection, as accounting needs it.
pub struct Session {
    /// Shared by every port of one connection; see [`session_id`].
    pub session_id: String,
    pub user: String,
    /// The domain the user logged on to.
    pub domain: String,
    /// The client's computer (NetBIOS) name.
    pub computer: String,
    pub port: String,
    pub device: String,
    /// `modem`, `isdn`, ...
    pub device_type: String,
    /// One link of a multilink bundle (`PORT_MULTILINKED`).
    pub multilink: bool,
    /// Start of the connection (`dwStartSessionTime`), seconds since 1970 UTC.
    pub start: u32,
    /// When the hook ran, seconds since 1970 UTC.
    pub end: u64,
    /// `end - start`; `None` if the clock puts the hang-up before the start.
    pub duration_secs: Option<u64>,
    /// Speed the modem connected at (`CONNECTBPS`), bit/s.
    pub connect_bps: Option<u32>,
    /// Fastest speed the port was set up for (`MAXCONNECTBPS`), bit/s.
    pub max_connect_bps: Option<u32>,
    /// The client's address, when IP was projected.
    pub ip: Option<Ipv4Addr>,
    /// This port alone. Sum it over a session's records for the session.
    pub port_traffic: Traffic,
    /// The whole connection: every link of a bundle together, so the same
    /// on each of its records. Do not add it up across links.
    pub connection_traffic: Traffic,
    /// Uncompressed / compressed bytes of the whole connection, sent and
    /// received: above 1 means compression saved bytes. `None` without
    /// compressed traffic. (Per-port figures are not valid on a multilinked
    /// port, so the connection's are used.)
    pub compression_sent: Option<f64>,
    pub compression_received: Option<f64>,
    /// Line errors on this port.
    pub errors: LineErrors,
    /// What could not be read as it should; the rest of the record holds.
    pub problems: Vec<String>,
}

/// Bytes and frames each way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Traffic {
    pub bytes_sent: u32,
    pub bytes_received: u32,
    pub frames_sent: u32,
    pub frames_received: u32,
}

/// The six error counters of a port.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineErrors {
    pub crc: u32,
    pub timeout: u32,
    pub alignment: u32,
    pub hardware_overrun: u32,
    pub framing: u32,
    pub buffer_overrun: u32,
}

/// Why the hook got no event.
pub struct Failure {
    /// When the export was called, seconds since 1970 UTC.
    pub at: u64,
    /// The export's name, e.g. `RasAdminConnectionHangupNotification`.
    pub callback: &'static str,
    /// `malformed` (RAS's data was rejected), `panicked` or `other`.
    pub reason: &'static str,
    pub error: String,
}

impl Record {
    /// The record of one hang-up call, which the hook received at `now`.
    pub fn from_hangup(event: &HangupEvent<'_>, now: SystemTime) -> Self {
        // Every reader below notes what it could not read here.
        let mut problems = Vec::new();
        let port = event.port();
        let user = text(port.user_name(), &mut problems);
        let domain = text(port.logon_domain(), &mut problems);
        let computer = text(port.computer(), &mut problems);
        let port_name = text(port.port_name(), &mut problems);
        let device = text(port.device_name(), &mut problems);
        let device_type = text(port.device_type(), &mut problems);
        let connect_bps = speed(event, "CONNECTBPS", &mut problems);
        let max_connect_bps = speed(event, "MAXCONNECTBPS", &mut problems);

        // The address counts only if the IP projection succeeded.
        let ipcp = port.projections().ip();
        let ip = ipcp.is_success().then(|| ipcp.address_v4()).flatten();
        if ipcp.is_success() && ip.is_none() {
            problems.push(format!("IP address {:?} is not IPv4", ipcp.address()));
        }

        let start = port.start_time_raw();
        let stats = event.statistics();
        let (this_port, connection) = (stats.this_port(), stats.connection());
        Record::Session(Box::new(Session {
            session_id: session_id(&user, &domain, &computer, start),
            user,
            domain,
            computer,
            port: port_name,
            device,
            device_type,
            multilink: port.flags().is_multilinked(),
            start,
            end: unix_secs(now),
            duration_secs: port.duration_until(now).map(|d| d.as_secs()),
            connect_bps,
            max_connect_bps,
            ip,
            port_traffic: Traffic::from(this_port),
            connection_traffic: Traffic::from(connection),
            compression_sent: connection.sent_compression_ratio(),
            compression_received: connection.received_compression_ratio(),
            errors: LineErrors::from(this_port),
            problems,
        }))
    }

    /// The record of an export call that reached the error hook instead of
    /// the handler.
    pub fn from_export_error(error: &ExportError, now: SystemTime) -> Self {
        let (reason, message) = match error {
            ExportError::Malformed { error, .. } => ("malformed", error.to_string()),
            ExportError::Panicked { message, .. } => (
                "panicked",
                message.clone().unwrap_or_else(|| "(no message)".into()),
            ),
            other => ("other", other.to_string()),
        };
        Record::Failure(Failure {
            at: unix_secs(now),
            callback: error.callback().export_name(),
            reason,
            error: message,
        })
    }

    /// The record as one line of JSON (without the newline).
    pub fn to_json(&self) -> String {
        match self {
            Record::Session(s) => s.to_json(),
            Record::Failure(f) => Object::new()
                .str("kind", "failure")
                .str("at", &rfc3339(f.at))
                .str("callback", f.callback)
                .str("reason", f.reason)
                .str("error", &f.error)
                .finish(),
        }
    }
}

impl Session {
    fn to_json(&self) -> String {
        let compression = Object::new()
            .opt_decimal("sent", self.compression_sent)
            .opt_decimal("received", self.compression_received);
        Object::new()
            .str("kind", "hangup")
            .str("session_id", &self.session_id)
            .str("user", &self.user)
            .str("domain", &self.domain)
            .str("computer", &self.computer)
            .str("port", &self.port)
            .str("device", &self.device)
            .str("device_type", &self.device_type)
            .bool("multilink", self.multilink)
            .str("start", &rfc3339(self.start.into()))
            .str("end", &rfc3339(self.end))
            .opt_num("duration_secs", self.duration_secs)
            .opt_num("connect_bps", self.connect_bps.map(u64::from))
            .opt_num("max_connect_bps", self.max_connect_bps.map(u64::from))
            .opt_str("ip", self.ip.map(|ip| ip.to_string()).as_deref())
            .object("port_traffic", self.port_traffic.to_json())
            .object("connection_traffic", self.connection_traffic.to_json())
            .object("compression", compression)
            .object("errors", self.errors.to_json())
            .strs("problems", &self.problems)
            .finish()
    }
}

impl From<Counters> for Traffic {
    fn from(c: Counters) -> Self {
        Traffic {
            bytes_sent: c.bytes_sent,
            bytes_received: c.bytes_received,
            frames_sent: c.frames_sent,
            frames_received: c.frames_received,
        }
    }
}

impl Traffic {
    fn to_json(self) -> Object {
        Object::new()
            .num("bytes_sent", self.bytes_sent.into())
            .num("bytes_received", self.bytes_received.into())
            .num("frames_sent", self.frames_sent.into())
            .num("frames_received", self.frames_received.into())
    }
}

impl From<Counters> for LineErrors {
    fn from(c: Counters) -> Self {
        LineErrors {
            crc: c.crc_errors,
            timeout: c.timeout_errors,
            alignment: c.alignment_errors,
            hardware_overrun: c.hardware_overrun_errors,
            framing: c.framing_errors,
            buffer_overrun: c.buffer_overrun_errors,
        }
    }
}

impl LineErrors {
    /// All six added up (in 64 bits: 32-bit counters cannot overflow it).
    pub fn total(self) -> u64 {
        [
            self.crc,
            self.timeout,
            self.alignment,
            self.hardware_overrun,
            self.framing,
            self.buffer_overrun,
        ]
        .into_iter()
        .map(u64::from)
        .sum()
    }

    fn to_json(self) -> Object {
        Object::new()
            .num("total", self.total())
            .num("crc", self.crc.into())
            .num("timeout", self.timeout.into())
            .num("alignment", self.alignment.into())
            .num("hardware_overrun", self.hardware_overrun.into())
            .num("framing", self.framing.into())
            .num("buffer_overrun", self.buffer_overrun.into())
    }
}

/// The id every port of one connection shares: 16 hex digits hashed from
/// user, domain, client computer and start time.
///
/// Why these identify a multilink bundle: a bundle is one PPP connection
/// with one peer. The server only adds a link to a bundle when it
/// authenticates as the same peer (RFC 1990: same authenticated name and
/// endpoint discriminator), so every link has the same user, domain and
/// computer; and each link carries the connection's start time (as
/// `rassapi::testing::MultilinkSession` models it), which tells this
/// connection apart from the same peer's earlier and later ones. Two
/// *separate* connections of one user from one computer starting in the
/// same second would share an id, but a PPP server joins such a second
/// call to the first one's bundle anyway. (If your server reported each
/// link's own start time instead, links dialled in different seconds would
/// get different ids: group by user, domain, computer and overlapping time.)
///
/// Names are compared ignoring ASCII case, as Windows does. The hash is
/// FNV-1a (64 bits), written out so the ids stay the same across runs,
/// machines and Rust versions (std's `DefaultHasher` promises none of that).
pub fn session_id(user: &str, domain: &str, computer: &str, start: u32) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    for name in [user, domain, computer] {
        eat(name.to_ascii_lowercase().as_bytes());
        eat(&[0]); // separator: ("ab", "c") and ("a", "bc") differ
    }
    eat(&start.to_le_bytes());
    format!("{hash:016x}")
}

/// A UTF-16 name as a `String`; an unpaired surrogate becomes U+FFFD and is
/// noted as a problem.
fn text(name: WideStr<'_>, problems: &mut Vec<String>) -> String {
    name.to_string_strict().unwrap_or_else(|e| {
        problems.push(e.to_string());
        name.to_string()
    })
}

/// A speed parameter in bit/s. RAS sends these as a number or as decimal
/// text depending on the device; `as_u32` reads both. A missing key is
/// simply `None`; an unreadable one is also noted as a problem.
fn speed(event: &HangupEvent<'_>, key: &str, problems: &mut Vec<String>) -> Option<u32> {
    let param = event.param(key)?;
    match param.value().and_then(|value| value.as_u32()) {
        Ok(bps) => Some(bps),
        Err(e) => {
            problems.push(format!("{key}: {e}"));
            None
        }
    }
}
