//! `rassapi::testing`: what the builder writes is what the safe view reads,
//! and the memory is laid out as RAS lays it out.

use rassapi::sys::{self, RAS_PARAMETERS};
use rassapi::testing::{EventBuilder, MultilinkSession, NT4_NUM_STATISTICS, ParamSpec, end_time};
use rassapi::{Counters, HardwareCondition, LineCondition, ParamValue};
use std::net::Ipv4Addr;
use std::time::Duration;

fn counters(seed: u32) -> Counters {
    Counters {
        bytes_sent: seed + 1,
        bytes_received: seed + 2,
        frames_sent: seed + 3,
        frames_received: seed + 4,
        crc_errors: seed + 5,
        timeout_errors: seed + 6,
        alignment_errors: seed + 7,
        hardware_overrun_errors: seed + 8,
        framing_errors: seed + 9,
        buffer_overrun_errors: seed + 10,
        bytes_sent_uncompressed: seed + 11,
        bytes_received_uncompressed: seed + 12,
        bytes_sent_compressed: seed + 13,
        bytes_received_compressed: seed + 14,
    }
}

#[test]
fn every_field_round_trips_through_the_safe_view() {
    let owned = EventBuilder::new()
        .port_name("COM7")
        .device_type("isdn")
        .device_name("ISDN Adapter Ü")
        .media_name("isdn")
        .user_name("bob")
        .computer("BOB-LAPTOP")
        .logon_domain("SALES")
        .flags(sys::USER_AUTHENTICATED | sys::MESSENGER_PRESENT | 0x400)
        .advanced_server(true)
        .start_time_secs(900_000_000)
        .line_condition(sys::RAS_PORT_LISTENING)
        .hardware_condition(99)
        .line_speed(64_000)
        .num_statistics(7)
        .ip_projection(0, "192.168.1.20")
        .ipx_projection(0, "0000ABCD.00C0FFEE0001")
        .appletalk_projection(5, "65280.128")
        .nbf_projection(1, 2, b"BOB", "BOBWKSTA")
        .connection_counters(counters(100))
        .port_counters(counters(200))
        .param_number("MAXCONNECTBPS", 64_000)
        .param_string("CONNECTBPS", "57600")
        .param(b"EMPTY", 3, ParamSpec::String(Vec::new()))
        .build();
    let event = owned.hangup_event().expect("a built event is valid");
    let port = event.port();
    assert!(port.port_name().eq_str("COM7"));
    assert_eq!(port.device_type().to_string(), "isdn");
    assert_eq!(
        port.device_name().to_string_strict().unwrap(),
        "ISDN Adapter Ü"
    );
    assert_eq!(port.media_name().to_string(), "isdn");
    assert_eq!(port.user_name().to_string(), "bob");
    assert_eq!(port.computer().to_string(), "BOB-LAPTOP");
    assert_eq!(port.logon_domain().to_string(), "SALES");
    assert_eq!(
        port.flags().bits(),
        sys::USER_AUTHENTICATED | sys::MESSENGER_PRESENT | 0x400
    );
    assert_eq!(port.flags().unknown_bits(), 0x400);
    assert!(port.is_advanced_server());
    assert_eq!(port.start_time_raw(), 900_000_000);
    assert_eq!(
        port.duration_until(end_time(900_000_000, Duration::from_secs(75))),
        Some(Duration::from_secs(75))
    );
    assert_eq!(
        port.line_condition(),
        LineCondition::from(sys::RAS_PORT_LISTENING)
    );
    assert_eq!(port.hardware_condition(), HardwareCondition::Unknown(99));
    assert_eq!(port.line_speed(), 64_000);
    assert_eq!(port.num_statistics(), 7);
    assert_eq!(port.num_media_params(), 3);
    let size = 3 * size_of::<RAS_PARAMETERS>() + "57600".len();
    assert_eq!(port.size_media_params() as usize, size);

    let proj = port.projections();
    assert!(proj.ip().is_success());
    assert_eq!(proj.ip().address_v4(), Some(Ipv4Addr::new(192, 168, 1, 20)));
    assert_eq!(proj.ipx().address().to_string(), "0000ABCD.00C0FFEE0001");
    assert_eq!(proj.appletalk().error(), 5);
    assert_eq!(proj.appletalk().address().to_string(), "65280.128");
    assert_eq!(proj.nbf().error(), 1);
    assert_eq!(proj.nbf().netbios_error(), 2);
    assert_eq!(proj.nbf().name(), b"BOB");
    assert_eq!(proj.nbf().workstation().to_string(), "BOBWKSTA");

    assert_eq!(event.statistics().connection(), counters(100));
    assert_eq!(
        counters(100).to_array(),
        core::array::from_fn(|i| 101 + i as u32)
    );
    assert_eq!(event.statistics().this_port(), counters(200));

    let params: Vec<_> = event.params().collect();
    assert_eq!(params.len(), 3);
    assert_eq!(params[0].key(), b"MAXCONNECTBPS");
    assert!(params[0].key_bytes().eq(b"MAXCONNECTBPS".iter().copied()));
    assert!(
        port.device_name()
            .units()
            .eq("ISDN Adapter Ü".encode_utf16())
    );
    assert!(matches!(params[0].value(), Ok(ParamValue::Number(64_000))));
    assert_eq!(params[1].key(), b"CONNECTBPS");
    assert!(matches!(
        params[1].value(),
        Ok(ParamValue::String(b"57600"))
    ));
    assert_eq!(params[1].value().unwrap().as_u32(), Ok(57_600));
    assert_eq!(params[2].attributes(), 3);
    assert!(matches!(params[2].value(), Ok(ParamValue::String(b""))));
    assert_eq!(event.param("connectbps").map(|p| p.index()), Some(1));
}

#[test]
fn string_data_lives_after_the_array_in_one_buffer() {
    let mut owned = EventBuilder::new()
        .param_string("A", "xyz")
        .param_number("B", 1)
        .param_string("C", "Q")
        .build();
    let (_, _, params) = owned.as_raw();
    let array_end = params as usize + 3 * size_of::<RAS_PARAMETERS>();
    let strings = owned.string_data();
    assert_eq!(strings, b"xyzQ");
    assert_eq!(
        strings.as_ptr() as usize,
        array_end,
        "strings follow the array directly"
    );
    // SAFETY: Data of a ParamString entry is its string member.
    let data = unsafe { owned.params()[0].P_Value.String.Data } as usize;
    assert_eq!(data, array_end);
    assert_eq!(
        owned.port().SizeMediaParms as usize,
        3 * size_of::<RAS_PARAMETERS>() + 4
    );
    assert_eq!(owned.port().NumStatistics, NT4_NUM_STATISTICS);
    assert_eq!(NT4_NUM_STATISTICS, 28);
}

#[test]
fn the_raw_triple_gives_the_same_view_as_the_safe_constructor() {
    let mut owned = EventBuilder::new().param_string("PortName", "COM1").build();
    let safe_user = owned.hangup_event().unwrap().port().user_name().to_string();
    let (port, stats, params) = owned.as_raw();
    // SAFETY: the triple points into `owned`, alive and unchanged below.
    let event = unsafe { rassapi::HangupEvent::from_raw(port, stats, params) }.unwrap();
    assert_eq!(event.port().user_name().to_string(), safe_user);
    assert!(matches!(
        event.param("PORTNAME").unwrap().value(),
        Ok(ParamValue::String(b"COM1"))
    ));
    let accept = owned.accept_event().unwrap();
    assert_eq!(accept.params().len(), 1);
}

#[test]
fn overrides_make_malformed_events_that_the_view_rejects() {
    let owned = EventBuilder::new()
        .param_number("X", 1)
        .num_media_parms_override(2)
        .build();
    assert!(
        owned.hangup_event().is_err(),
        "count disagrees with the array"
    );
    let mut owned = EventBuilder::new()
        .param_string("X", "abcdef")
        .size_media_parms_override(10)
        .build();
    let (port, stats, params) = owned.as_raw();
    // SAFETY: all three point into `owned`.
    let result = unsafe { rassapi::HangupEvent::from_raw(port, stats, params) };
    assert!(result.is_err(), "SizeMediaParms smaller than the array");
}

#[test]
fn multilink_sessions_share_bundle_totals() {
    let links = MultilinkSession::new(EventBuilder::new().user_name("carol"))
        .link("COM1", "Modem A", counters(10))
        .link("COM2", "Modem B", counters(1000))
        .build();
    assert_eq!(links.len(), 2);
    let views: Vec<_> = links.iter().map(|l| l.hangup_event().unwrap()).collect();
    for (view, (name, seed)) in views.iter().zip([("COM1", 10), ("COM2", 1000)]) {
        let port = view.port();
        assert!(port.flags().is_multilinked());
        assert_eq!(port.user_name().to_string(), "carol");
        assert_eq!(port.port_name().to_string(), name);
        let mut own = counters(seed);
        own.bytes_sent_uncompressed = 0;
        own.bytes_received_uncompressed = 0;
        own.bytes_sent_compressed = 0;
        own.bytes_received_compressed = 0;
        assert_eq!(view.statistics().this_port(), own);
        let total = view.statistics().connection();
        assert_eq!(
            total.bytes_sent,
            counters(10).bytes_sent + counters(1000).bytes_sent
        );
        assert_eq!(total.bytes_received_compressed, 14 + 10 + 14 + 1000);
    }
    assert_eq!(views[0].port().start_time(), views[1].port().start_time());
    assert_eq!(
        views[0].statistics().connection(),
        views[1].statistics().connection()
    );
}

#[test]
#[should_panic(expected = "wszPortName")]
fn a_name_too_long_for_its_array_panics_with_the_field() {
    let _ = EventBuilder::new().port_name("A_PORT_NAME_LONGER_THAN_16");
}
