//! The demo's connections, built with `rassapi::testing` the way RAS lays
//! them out in memory.

use rassapi::Counters;
use rassapi::sys::RAS_PARAMETERS;
use rassapi::testing::{EventBuilder, MultilinkSession, OwnedEvent};

/// One connection: a line of explanation and one event per port.
pub struct DemoSession {
    pub what: &'static str,
    pub events: Vec<OwnedEvent>,
}

/// Four connections that ended just now (`now`: seconds since 1970).
pub fn demo_sessions(now: u32) -> Vec<DemoSession> {
    let ago = |h: u32, m: u32, s: u32| now.saturating_sub(h * 3600 + m * 60 + s);
    vec![
        DemoSession {
            what: "alice: single-link PPP over a V.34 modem, CONNECTBPS sent as text",
            events: vec![single_link_modem(ago(0, 23, 41))],
        },
        DemoSession {
            what: "bob: two-link ISDN multilink, one hang-up per B channel",
            events: isdn_multilink(ago(1, 2, 5)),
        },
        DemoSession {
            what: "jürgen: CONNECTBPS's text runs past SizeMediaParms (the rest is fine)",
            events: vec![string_past_media_size(ago(0, 4, 12))],
        },
        DemoSession {
            what: "dave: NumMediaParms says 3 but RAS passed 2 parameters (rejected)",
            events: vec![count_disagrees(ago(0, 0, 30))],
        },
    ]
}

/// alice@CORP from ALICE-PC on COM1: the builder's defaults, plus traffic.
pub fn single_link_modem(start: u32) -> OwnedEvent {
    EventBuilder::new()
        .device_name("USRobotics Sportster 33600")
        .start_time_secs(start)
        .param_number("MAXCONNECTBPS", 115_200)
        .param_string("CONNECTBPS", "26400")
        .counters(Counters {
            bytes_sent: 1_203_472,
            bytes_received: 4_718_093,
            frames_sent: 2_911,
            frames_received: 5_837,
            crc_errors: 2,
            timeout_errors: 1,
            bytes_sent_uncompressed: 2_406_944,
            bytes_received_uncompressed: 9_907_995,
            bytes_sent_compressed: 1_203_472,
            bytes_received_compressed: 4_718_093,
            ..Counters::default()
        })
        .build()
}

/// bob@SALES from BOB-LAPTOP on both B channels of one ISDN line.
pub fn isdn_multilink(start: u32) -> Vec<OwnedEvent> {
    let bundle = EventBuilder::new()
        .user_name("bob")
        .logon_domain("SALES")
        .computer("BOB-LAPTOP")
        .device_type("isdn")
        .media_name("isdn")
        .line_speed(64_000)
        .start_time_secs(start)
        .ip_projection(0, "10.0.0.3")
        .param_number("CONNECTBPS", 64_000)
        .param_number("MAXCONNECTBPS", 64_000);
    let channel = |bytes_sent, bytes_received, frames_sent, frames_received, crc_errors| Counters {
        bytes_sent,
        bytes_received,
        frames_sent,
        frames_received,
        crc_errors,
        bytes_sent_uncompressed: bytes_sent / 2 * 3,
        bytes_received_uncompressed: bytes_received * 2,
        bytes_sent_compressed: bytes_sent,
        bytes_received_compressed: bytes_received,
        ..Counters::default()
    };
    MultilinkSession::new(bundle)
        .link(
            "ISDN1",
            "ISDN Adapter channel 1",
            channel(8_391_204, 21_530_110, 9_874, 18_220, 0),
        )
        .link(
            "ISDN2",
            "ISDN Adapter channel 2",
            channel(8_102_988, 20_994_731, 9_530, 17_906, 3),
        )
        .build()
}

/// `SizeMediaParms` ends 2 bytes into CONNECTBPS's 5 bytes of text, so that
/// one value cannot be read; the rest of the event is fine. IP was not
/// negotiated.
pub fn string_past_media_size(start: u32) -> OwnedEvent {
    let array = 2 * size_of::<RAS_PARAMETERS>() as u32;
    EventBuilder::new()
        .user_name("jürgen")
        .computer("JUERGEN-PC")
        .port_name("COM2")
        .device_name("Hayes Optima 28800")
        .start_time_secs(start)
        .ip_projection(733, "")
        .param_number("MAXCONNECTBPS", 57_600)
        .param_string("CONNECTBPS", "31200")
        .size_media_parms_override(array + 2)
        .counters(Counters {
            bytes_sent: 48_211,
            bytes_received: 190_336,
            frames_sent: 402,
            frames_received: 611,
            framing_errors: 4,
            ..Counters::default()
        })
        .build()
}

/// `NumMediaParms` announces 3 parameters where the array holds 2: the
/// export rejects the whole event before the hook sees it.
pub fn count_disagrees(start: u32) -> OwnedEvent {
    EventBuilder::new()
        .user_name("dave")
        .port_name("COM3")
        .start_time_secs(start)
        .param_number("MAXCONNECTBPS", 57_600)
        .param_string("CONNECTBPS", "28800")
        .num_media_parms_override(3)
        .build()
}
