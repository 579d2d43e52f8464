//! The same accounting record from either API: [`Record::from_session`]
//! turns the common face (`rassapi::rras::AnySession`) into a [`Record`],
//! so one hook built with `rras_admin_dll!` logs NT 4.0 hang-ups and RRAS
//! hang-ups alike.
//!
//! Per connection or per link: use it from `connection_ended` for one
//! record per connection (RRAS: once; NT 4.0: once per port, the bundle
//! totals so far), or from `link_ended` for one record per link.

use std::time::SystemTime;

use rassapi::WideStr;
use rassapi::rras::{AnySession, Scope, SessionCounters};

use crate::record::{LineErrors, Record, Session, Traffic, session_id};
use crate::time::unix_secs;

impl Record {
    /// The record of one ended session or link, received at `now`.
    pub fn from_session(session: &AnySession<'_>, now: SystemTime) -> Self {
        let mut problems = Vec::new();
        let end = unix_secs(now);
        let user = session
            .user()
            .map_or_else(String::new, |u| text(u, &mut problems));
        let domain = session
            .domain()
            .map_or_else(String::new, |d| text(d, &mut problems));
        let port = text(session.name(), &mut problems);
        let duration_secs = session.duration_until(end).map(|d| d.as_secs());
        // RRAS reports a duration, NT 4.0 a start: each gives the other.
        let start = match session.start() {
            Some(start) => start.unix_secs(),
            None => u32::try_from(end.saturating_sub(duration_secs.unwrap_or(0))).unwrap_or(0),
        };
        let counters = session.counters();
        let (computer, device, device_type, connect_bps, session_key, connection) = match session {
            AnySession::Nt4 {
                port: p,
                statistics,
                ..
            } => {
                let computer = text(p.computer(), &mut problems);
                let id = session_id(&user, &domain, &computer, start);
                let bundle = SessionCounters::from(&statistics.connection());
                let device = text(p.device_name(), &mut problems);
                let device_type = text(p.device_type(), &mut problems);
                (computer, device, device_type, None, id, bundle)
            }
            AnySession::Connection(c) => {
                let computer = text(c.remote_computer(), &mut problems);
                let id = format!("rras-{:x}", c.handle());
                (computer, String::new(), String::new(), None, id, counters)
            }
            AnySession::Link(l) => {
                let device = text(l.device_name(), &mut problems);
                let device_type = text(l.device_type(), &mut problems);
                let id = format!("rras-{:x}", l.connection_handle());
                problems.push(
                    "RRAS link: the connection totals come with its connection record".into(),
                );
                (
                    String::new(),
                    device,
                    device_type,
                    Some(l.line_speed()),
                    id,
                    counters,
                )
            }
        };
        let port_traffic = match (session, session.scope()) {
            (AnySession::Nt4 { statistics, .. }, _) => {
                traffic(SessionCounters::from(&statistics.this_port()))
            }
            (_, Scope::Connection | Scope::Link) => traffic(counters),
        };
        Record::Session(Box::new(Session {
            session_id: session_key,
            user,
            domain,
            computer,
            port,
            device,
            device_type,
            multilink: session.is_multilink().unwrap_or(false),
            start,
            end,
            duration_secs,
            connect_bps,
            max_connect_bps: None,
            ip: session.ipv4(),
            port_traffic,
            connection_traffic: traffic(connection),
            compression_sent: None,
            compression_received: None,
            errors: LineErrors {
                crc: counters.crc_errors,
                timeout: counters.timeout_errors,
                alignment: counters.alignment_errors,
                hardware_overrun: counters.hardware_overrun_errors,
                framing: counters.framing_errors,
                buffer_overrun: counters.buffer_overrun_errors,
            },
            problems,
        }))
    }
}

fn traffic(c: SessionCounters) -> Traffic {
    Traffic {
        bytes_sent: c.bytes_sent,
        bytes_received: c.bytes_received,
        frames_sent: c.frames_sent,
        frames_received: c.frames_received,
    }
}

/// A name as a `String`; an unpaired surrogate becomes U+FFFD and is noted.
fn text(name: WideStr<'_>, problems: &mut Vec<String>) -> String {
    name.to_string_strict().unwrap_or_else(|e| {
        problems.push(e.to_string());
        name.to_string()
    })
}
