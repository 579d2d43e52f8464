//! The RRAS views and the common face: every accessor against the raw
//! fields, absent/unknown values, unterminated names, malformed pointers.

#[path = "support/rras_fixtures.rs"]
mod fixtures;

use std::net::Ipv4Addr;
use std::ptr::{null, null_mut};

use fixtures::{conn, link, put};
use rassapi::rras::mprapi::*;
use rassapi::rras::{
    AnySession, Api, InterfaceType, Level, QuarantineState, RrasConnection, RrasHardwareCondition,
    RrasLink, RrasPortCondition, Scope, SessionCounters,
};
use rassapi::testing::EventBuilder;
use rassapi::{Counters, Error, sys};

#[test]
fn connection_view_reads_every_field_at_level_three() {
    let c = conn("alice");
    // SAFETY: all four live and unchanged for the view.
    let v = unsafe { RrasConnection::from_raw(Level::Three, &c.c0, &c.c1, &c.c2, &c.c3) }.unwrap();
    assert_eq!(v.level(), Level::Three);
    assert_eq!(v.user_name(), "alice");
    assert_eq!(v.logon_domain(), "CORP");
    assert_eq!(v.interface_name(), "Dial-in client");
    assert_eq!(v.remote_computer(), "LAPTOP7");
    assert_eq!(v.connect_duration(), 3_600);
    assert_eq!(v.interface_type(), InterfaceType::Client);
    assert_eq!(v.connection_flags(), 1);
    assert_eq!(v.handle(), 0x1234);
    assert_eq!(v.interface_handle(), 0x55);
    assert_eq!(
        v.counters(),
        SessionCounters {
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
        }
    );
    assert_eq!(
        (v.compression_ratio_in(), v.compression_ratio_out()),
        (50, 60)
    );
    assert_eq!(v.local_address(), "10.0.0.1");
    assert_eq!(v.remote_ipv4(), Some(Ipv4Addr::new(10, 0, 0, 42)));
    assert_eq!(
        v.guid().unwrap().to_string(),
        "deadbeef-0001-0002-0304-05060708090a"
    );
    assert_eq!(v.authentication_protocol(), Some(0xc223));
    assert_eq!(v.is_multilink(), Some(true));
    assert_eq!(v.quarantine_state(), Some(QuarantineState::Probation));
    assert!(std::ptr::eq(v.raw3().unwrap(), &c.c3));
}

#[test]
fn lower_levels_ignore_the_pointers_they_do_not_have() {
    let c = conn("bob");
    // SAFETY: c0/c1 live; level One never reads the (null) others.
    let v = unsafe { RrasConnection::from_raw(Level::One, &c.c0, &c.c1, null(), null()) }.unwrap();
    assert_eq!(v.level(), Level::One);
    assert_eq!(
        (v.guid(), v.is_multilink(), v.quarantine_state()),
        (None, None, None)
    );
    // SAFETY: as above, with c2.
    let v = unsafe { RrasConnection::from_raw(Level::Two, &c.c0, &c.c1, &c.c2, null()) }.unwrap();
    assert_eq!(v.level(), Level::Two);
    assert_eq!(v.is_multilink(), Some(true));
    assert_eq!(v.quarantine_state(), None);
}

#[test]
fn malformed_connection_pointers_are_typed_errors() {
    let c = conn("x");
    // SAFETY: null/misaligned pointers are rejected before any read.
    unsafe {
        let e = RrasConnection::from_raw(Level::One, null(), &c.c1, null(), null()).unwrap_err();
        assert_eq!(
            e,
            Error::Null {
                field: "pRasConnection0"
            }
        );
        let e = RrasConnection::from_raw(Level::Two, &c.c0, &c.c1, null(), null()).unwrap_err();
        assert_eq!(
            e,
            Error::Null {
                field: "pRasConnection2"
            }
        );
        let e = RrasConnection::from_raw(Level::Three, &c.c0, &c.c1, &c.c2, null()).unwrap_err();
        assert_eq!(
            e,
            Error::Null {
                field: "pRasConnection3"
            }
        );
        let odd = (&c.c1 as *const RAS_CONNECTION_1)
            .cast::<u8>()
            .add(1)
            .cast();
        let e = RrasConnection::from_raw(Level::One, &c.c0, odd, null(), null()).unwrap_err();
        assert!(
            matches!(
                e,
                Error::Misaligned {
                    field: "pRasConnection1",
                    ..
                }
            ),
            "{e:?}"
        );
    }
}

#[test]
fn unterminated_names_and_unknown_values_are_handled() {
    let mut c = conn("x");
    c.c0.wszLogonDomain.fill(u16::from(b'D')); // no NUL anywhere
    c.c0.dwInterfaceType = 99;
    c.c3.rasQuarState = -7;
    put(&mut c.c1.PppInfo.ip.wszRemoteAddress, "not an address");
    let v = RrasConnection::new(&c.c0, &c.c1, Some(&c.c2), Some(&c.c3));
    assert_eq!(v.logon_domain().as_units().len(), c.c0.wszLogonDomain.len());
    assert_eq!(v.interface_type(), InterfaceType::Unknown(99));
    assert_eq!(v.interface_type().raw(), 99);
    assert_eq!(v.quarantine_state(), Some(QuarantineState::Unknown(-7)));
    assert_eq!(v.remote_ipv4(), None);
}

#[test]
fn link_view_reads_mprapis_ports() {
    let l = link("VPN2-1", 4_096);
    // SAFETY: both live and unchanged.
    let v = unsafe { RrasLink::from_raw(&l.p0, &l.p1) }.unwrap();
    assert_eq!(v.port_name(), "VPN2-1");
    assert_eq!(v.media_name(), "rastapi");
    assert_eq!(v.device_name(), "WAN Miniport (L2TP)");
    assert_eq!(v.device_type(), "vpn");
    assert_eq!(v.condition(), RrasPortCondition::Authenticated);
    assert_eq!(v.hardware_condition(), RrasHardwareCondition::Operational);
    assert_eq!(
        (v.total_calls(), v.connect_duration(), v.line_speed()),
        (9, 1_800, 64_000)
    );
    assert_eq!(v.counters().bytes_sent, 4_096);
    assert_eq!(v.counters().bytes_received, 7);
    assert_eq!((v.connection_handle(), v.port_handle()), (0x1234, 0x77));
    // SAFETY: null is rejected before any read.
    let e = unsafe { RrasLink::from_raw(&l.p0, null_mut()) }.unwrap_err();
    assert_eq!(e, Error::Null { field: "pRasPort1" });
}

#[test]
fn the_common_face_reads_the_same_from_both_apis() {
    let counters = Counters {
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
    let port_counters = Counters {
        bytes_sent: 4_096,
        bytes_received: 7,
        ..Counters::default()
    };
    let nt4 = EventBuilder::new()
        .user_name("alice")
        .logon_domain("CORP")
        .port_name("COM1")
        .start_time_secs(1_000)
        .flags(sys::PORT_MULTILINKED)
        .ip_projection(0, "10.0.0.42")
        .connection_counters(counters)
        .port_counters(port_counters)
        .build();
    let event = nt4.hangup_event().unwrap();
    let nt4_conn = AnySession::from_nt4(event, Scope::Connection);
    let nt4_link = AnySession::from_nt4(event, Scope::Link);
    let c = conn("alice");
    let rras_conn = AnySession::from(RrasConnection::new(&c.c0, &c.c1, Some(&c.c2), None));
    let l = link("VPN2-1", 4_096);
    let rras_link = AnySession::from(RrasLink::new(&l.p0, &l.p1));

    assert_eq!((nt4_conn.api(), rras_conn.api()), (Api::Nt4, Api::Rras));
    for (s, scope) in [
        (&nt4_conn, Scope::Connection),
        (&rras_conn, Scope::Connection),
        (&nt4_link, Scope::Link),
        (&rras_link, Scope::Link),
    ] {
        assert_eq!(s.scope(), scope);
    }
    // Connection scope: the same figures from both.
    assert_eq!(nt4_conn.counters(), rras_conn.counters());
    assert_eq!(nt4_conn.user().unwrap(), "alice");
    assert_eq!(rras_conn.user().unwrap(), "alice");
    assert_eq!(nt4_conn.domain().unwrap(), "CORP");
    assert_eq!(rras_conn.domain().unwrap(), "CORP");
    assert_eq!(nt4_conn.ipv4(), Some(Ipv4Addr::new(10, 0, 0, 42)));
    assert_eq!(rras_conn.ipv4(), Some(Ipv4Addr::new(10, 0, 0, 42)));
    assert_eq!(nt4_conn.is_multilink(), Some(true));
    assert_eq!(rras_conn.is_multilink(), Some(true));
    assert_eq!(nt4_conn.name(), "COM1");
    assert_eq!(rras_conn.name(), "Dial-in client");
    // Link scope: the port's own counters on both.
    assert_eq!(nt4_link.counters().bytes_sent, 4_096);
    assert_eq!(rras_link.counters().bytes_sent, 4_096);
    assert_eq!(
        nt4_link.counters().bytes_received,
        rras_link.counters().bytes_received
    );
    assert_eq!(rras_link.name(), "VPN2-1");
    assert_eq!(
        (
            rras_link.user().is_none(),
            rras_link.ipv4(),
            rras_link.is_multilink()
        ),
        (true, None, None)
    );
    // Start versus duration, and the bridge between them.
    assert_eq!(nt4_conn.start().map(|s| s.unix_secs()), Some(1_000));
    assert_eq!((nt4_conn.duration_secs(), rras_conn.start()), (None, None));
    assert_eq!(rras_conn.duration_secs(), Some(3_600));
    assert_eq!(nt4_conn.duration_until(4_600).unwrap().as_secs(), 3_600);
    assert_eq!(rras_conn.duration_until(0).unwrap().as_secs(), 3_600);
    assert_eq!(nt4_conn.duration_until(999), None);
}
