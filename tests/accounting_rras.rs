//! The accounting example's RRAS side (`examples/accounting/any_api.rs`):
//! the same record from an NT 4.0 hang-up and from the RRAS connection
//! hang-up describing the same session.

#[path = "../examples/accounting/any_api.rs"]
mod any_api;
#[path = "support/rras_fixtures.rs"]
mod fixtures;
#[path = "../examples/accounting/json.rs"]
#[allow(dead_code)]
mod json;
#[path = "../examples/accounting/record.rs"]
#[allow(dead_code)]
mod record;
#[path = "../examples/accounting/time.rs"]
#[allow(dead_code)]
mod time;

use std::net::Ipv4Addr;
use std::time::{Duration, UNIX_EPOCH};

use rassapi::rras::{AnySession, RrasConnection, RrasLink, Scope};
use rassapi::testing::EventBuilder;
use rassapi::{Counters, sys};

use record::{Record, Session, Traffic};

fn session(r: Record) -> Box<Session> {
    match r {
        Record::Session(s) => s,
        Record::Failure(f) => panic!("failure record: {}", f.error),
    }
}

#[test]
fn nt4_and_rras_give_the_same_record_for_the_same_session() {
    const START: u32 = 1_700_000_000;
    let end = UNIX_EPOCH + Duration::from_secs(u64::from(START) + 3_600);
    let totals = Counters {
        bytes_sent: 1_000,
        bytes_received: 2_000,
        frames_sent: 10,
        frames_received: 20,
        crc_errors: 1,
        timeout_errors: 2,
        alignment_errors: 3,
        hardware_overrun_errors: 4,
        framing_errors: 5,
        buffer_overrun_errors: 6,
        ..Counters::default()
    };
    let nt4 = EventBuilder::new()
        .user_name("alice")
        .logon_domain("CORP")
        .computer("LAPTOP7")
        .port_name("Dial-in client")
        .start_time_secs(START)
        .flags(sys::PORT_MULTILINKED)
        .ip_projection(0, "10.0.0.42")
        .counters(totals)
        .build();
    let nt4 = session(Record::from_session(
        &AnySession::from_nt4(nt4.hangup_event().unwrap(), Scope::Connection),
        end,
    ));
    let c = fixtures::conn("alice");
    let rras = Record::from_session(
        &AnySession::from(RrasConnection::new(&c.c0, &c.c1, Some(&c.c2), None)),
        end,
    );
    let json = rras.to_json();
    assert!(json.contains("\"user\":\"alice\""), "{json}");
    assert!(json.contains("\"session_id\":\"rras-1234\""), "{json}");
    let rras = session(rras);
    for s in [&nt4, &rras] {
        assert_eq!((s.user.as_str(), s.domain.as_str()), ("alice", "CORP"));
        assert_eq!(s.computer, "LAPTOP7");
        assert_eq!(s.port, "Dial-in client");
        assert_eq!((s.start, s.duration_secs), (START, Some(3_600)));
        assert_eq!(s.ip, Some(Ipv4Addr::new(10, 0, 0, 42)));
        assert!(s.multilink);
        let t = Traffic {
            bytes_sent: 1_000,
            bytes_received: 2_000,
            frames_sent: 10,
            frames_received: 20,
        };
        assert_eq!((s.connection_traffic, s.port_traffic), (t, t));
        assert_eq!((s.errors.crc, s.errors.buffer_overrun), (1, 6));
        assert!(s.problems.is_empty(), "{:?}", s.problems);
    }
    assert_eq!(rras.session_id, "rras-1234");
}

#[test]
fn an_rras_link_is_a_per_link_record() {
    let l = fixtures::link("VPN2-1", 4_096);
    let end = UNIX_EPOCH + Duration::from_secs(10_000);
    let s = session(Record::from_session(
        &AnySession::from(RrasLink::new(&l.p0, &l.p1)),
        end,
    ));
    assert_eq!(
        (s.port.as_str(), s.device.as_str(), s.device_type.as_str()),
        ("VPN2-1", "WAN Miniport (L2TP)", "vpn")
    );
    assert_eq!(
        (s.start, s.duration_secs, s.connect_bps),
        (10_000 - 1_800, Some(1_800), Some(64_000))
    );
    assert_eq!(s.port_traffic.bytes_sent, 4_096);
    assert_eq!(s.session_id, "rras-1234"); // the same as its connection's
    assert_eq!(s.user, "");
    assert_eq!(s.problems.len(), 1);
}
