//! Property: whatever the test builder writes, the safe view reads back,
//! both through `OwnedEvent::hangup_event` (`HangupEvent::new` on slices)
//! and through `HangupEvent::from_raw` / `AcceptEvent::from_raw` on the raw
//! triple, as an export would.
//!
//! Names are arbitrary text (non-BMP characters included) up to what fits
//! their arrays; flags, times, conditions (unknown values included), speeds
//! and counters are arbitrary; 0 to 64 parameters have arbitrary keys (1 to
//! 32 non-NUL bytes, ASCII or not), attributes, numbers and string bytes.
//! 256 cases by default (`PROPTEST_CASES` overrides).
//!
//! Also: `WideStr` display against `String::from_utf16_lossy`, and key
//! lookup against a plain comparison of `Param::key`.

use proptest::collection::vec;
use proptest::prelude::*;
use rassapi::sys::{self, RAS_PARAMETERS};
use rassapi::testing::{EventBuilder, MultilinkSession, OwnedEvent, ParamSpec};
use rassapi::{AcceptEvent, Counters, HangupEvent, ParamValue, Port, WideStr};

/// `PROPTEST_CASES` if set (memcheck and Miri ask for fewer), else
/// `default`. An explicit `with_cases` would otherwise ignore the variable.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Text without NUL whose UTF-16 form fits `cap` units with a terminator.
fn text(cap: usize) -> impl Strategy<Value = String> {
    vec(any::<char>().prop_filter("no NUL", |&c| c != '\0'), 0..cap).prop_map(move |chars| {
        let mut units = 0;
        chars
            .into_iter()
            .take_while(|c| {
                units += c.len_utf16();
                units < cap
            })
            .collect()
    })
}

fn counters() -> impl Strategy<Value = Counters> {
    any::<[u32; 14]>().prop_map(|v| Counters {
        bytes_sent: v[0],
        bytes_received: v[1],
        frames_sent: v[2],
        frames_received: v[3],
        crc_errors: v[4],
        timeout_errors: v[5],
        alignment_errors: v[6],
        hardware_overrun_errors: v[7],
        framing_errors: v[8],
        buffer_overrun_errors: v[9],
        bytes_sent_uncompressed: v[10],
        bytes_received_uncompressed: v[11],
        bytes_sent_compressed: v[12],
        bytes_received_compressed: v[13],
    })
}

/// `LineCondition` / `HardwareCondition` values: mostly the known ones
/// (1 to 7 and 1 to 5), sometimes anything.
fn condition() -> impl Strategy<Value = u32> {
    prop_oneof![3 => 0u32..9, 1 => any::<u32>()]
}

/// A key: 1 to 32 bytes, none NUL; usually ASCII.
fn key() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => vec(1u8..0x80, 1..=32),
        1 => vec(1u8..=0xFF, 1..=32),
    ]
}

fn param_spec() -> impl Strategy<Value = ParamSpec> {
    prop_oneof![
        any::<u32>().prop_map(ParamSpec::Number),
        vec(any::<u8>(), 0..48).prop_map(ParamSpec::String),
        any::<u32>().prop_map(|n| ParamSpec::String(n.to_string().into_bytes())),
    ]
}

#[derive(Debug, Clone)]
struct Spec {
    port_name: String,
    device_type: String,
    device_name: String,
    media_name: String,
    user_name: String,
    computer: String,
    logon_domain: String,
    flags: u32,
    advanced_server: bool,
    start: u32,
    line: u32,
    hardware: u32,
    speed: u32,
    num_statistics: u16,
    ip: (u32, String),
    ipx: (u32, String),
    at: (u32, String),
    nbf: (u32, u32, Vec<u8>, String),
    connection: Counters,
    port: Counters,
    params: Vec<(Vec<u8>, u8, ParamSpec)>,
}

fn spec() -> impl Strategy<Value = Spec> {
    let names = (
        text(16),
        text(16),
        text(128),
        text(16),
        text(257),
        text(16),
        text(16),
    );
    let numbers = (
        any::<u32>(),
        any::<bool>(),
        any::<u32>(),
        condition(),
        condition(),
        any::<u32>(),
        any::<u16>(),
    );
    let projections = (
        (any::<u32>(), text(16)),
        (any::<u32>(), text(23)),
        (any::<u32>(), text(33)),
        (any::<u32>(), any::<u32>(), vec(1u8..=0xFF, 0..17), text(17)),
    );
    let rest = (
        counters(),
        counters(),
        vec((key(), any::<u8>(), param_spec()), 0..=64),
    );
    (names, numbers, projections, rest).prop_map(|(n, x, p, r)| Spec {
        port_name: n.0,
        device_type: n.1,
        device_name: n.2,
        media_name: n.3,
        user_name: n.4,
        computer: n.5,
        logon_domain: n.6,
        flags: x.0,
        advanced_server: x.1,
        start: x.2,
        line: x.3,
        hardware: x.4,
        speed: x.5,
        num_statistics: x.6,
        ip: p.0,
        ipx: p.1,
        at: p.2,
        nbf: p.3,
        connection: r.0,
        port: r.1,
        params: r.2,
    })
}

impl Spec {
    fn builder(&self) -> EventBuilder {
        let mut b = EventBuilder::new()
            .port_name(&self.port_name)
            .device_type(&self.device_type)
            .device_name(&self.device_name)
            .media_name(&self.media_name)
            .user_name(&self.user_name)
            .computer(&self.computer)
            .logon_domain(&self.logon_domain)
            .flags(self.flags)
            .advanced_server(self.advanced_server)
            .start_time_secs(self.start)
            .line_condition(self.line)
            .hardware_condition(self.hardware)
            .line_speed(self.speed)
            .num_statistics(self.num_statistics)
            .ip_projection(self.ip.0, &self.ip.1)
            .ipx_projection(self.ipx.0, &self.ipx.1)
            .appletalk_projection(self.at.0, &self.at.1)
            .nbf_projection(self.nbf.0, self.nbf.1, &self.nbf.2, &self.nbf.3)
            .connection_counters(self.connection)
            .port_counters(self.port);
        for (key, attributes, value) in &self.params {
            b = b.param(key, *attributes, value.clone());
        }
        b
    }
}

fn same_text(w: WideStr<'_>, s: &str) -> Result<(), TestCaseError> {
    prop_assert!(w.eq_str(s), "{w:?} != {s:?}");
    prop_assert!(w.units().eq(s.encode_utf16()));
    prop_assert_eq!(w.to_string_strict(), Ok(s.to_owned()));
    prop_assert_eq!(w.to_string(), s);
    Ok(())
}

fn check_port(port: Port<'_>, s: &Spec, flags: u32) -> Result<(), TestCaseError> {
    same_text(port.port_name(), &s.port_name)?;
    same_text(port.device_type(), &s.device_type)?;
    same_text(port.device_name(), &s.device_name)?;
    same_text(port.media_name(), &s.media_name)?;
    same_text(port.user_name(), &s.user_name)?;
    same_text(port.computer(), &s.computer)?;
    same_text(port.logon_domain(), &s.logon_domain)?;
    prop_assert_eq!(port.flags().bits(), flags);
    prop_assert_eq!(port.is_advanced_server(), s.advanced_server);
    prop_assert_eq!(port.start_time_raw(), s.start);
    prop_assert_eq!(port.line_condition().raw(), s.line);
    prop_assert_eq!(port.hardware_condition().raw(), s.hardware);
    prop_assert_eq!(port.line_speed(), s.speed);
    prop_assert_eq!(port.num_statistics(), s.num_statistics);
    let pr = port.projections();
    prop_assert_eq!(pr.ip().error(), s.ip.0);
    same_text(pr.ip().address(), &s.ip.1)?;
    prop_assert_eq!(pr.ip().address_v4(), s.ip.1.parse().ok());
    prop_assert_eq!(pr.ipx().error(), s.ipx.0);
    same_text(pr.ipx().address(), &s.ipx.1)?;
    prop_assert_eq!(pr.appletalk().error(), s.at.0);
    same_text(pr.appletalk().address(), &s.at.1)?;
    let nbf = pr.nbf();
    prop_assert_eq!((nbf.error(), nbf.netbios_error()), (s.nbf.0, s.nbf.1));
    prop_assert_eq!(nbf.name(), &s.nbf.2[..]);
    prop_assert!(nbf.name_bytes().eq(s.nbf.2.iter().copied()));
    same_text(nbf.workstation(), &s.nbf.3)?;
    Ok(())
}

/// Everything `event` shows equals what `s` wrote. A macro because the two
/// event types share an API but no trait.
macro_rules! check_event {
    ($event:expr, $s:expr, $flags:expr, $connection:expr, $port_counters:expr) => {{
        let (event, s): (_, &Spec) = ($event, $s);
        check_port(event.port(), s, $flags)?;
        let stats = event.statistics();
        prop_assert_eq!(stats.connection(), $connection);
        prop_assert_eq!(stats.this_port(), $port_counters);
        let strings: usize = s
            .params
            .iter()
            .map(|(_, _, v)| match v {
                ParamSpec::String(b) => b.len(),
                ParamSpec::Number(_) => 0,
            })
            .sum();
        prop_assert_eq!(usize::from(event.port().num_media_params()), s.params.len());
        prop_assert_eq!(
            event.port().size_media_params() as usize,
            s.params.len() * size_of::<RAS_PARAMETERS>() + strings
        );
        prop_assert_eq!(event.params().len(), s.params.len());
        for (p, (key, attributes, value)) in event.params().zip(&s.params) {
            prop_assert_eq!(p.key(), &key[..]);
            prop_assert!(p.key_bytes().eq(key.iter().copied()));
            prop_assert_eq!(p.attributes(), *attributes);
            match (value, p.value()) {
                (ParamSpec::Number(n), Ok(ParamValue::Number(got))) => {
                    prop_assert_eq!(p.format(), rassapi::ParamFormat::Number);
                    prop_assert_eq!(got, *n);
                }
                (ParamSpec::String(bytes), Ok(ParamValue::String(got))) => {
                    prop_assert_eq!(p.format(), rassapi::ParamFormat::String);
                    prop_assert_eq!(got, &bytes[..]);
                }
                (want, got) => {
                    prop_assert!(false, "param {}: wrote {want:?}, read {got:?}", p.index())
                }
            }
            if let Ok(k) = core::str::from_utf8(key) {
                let first = s
                    .params
                    .iter()
                    .position(|(other, _, _)| other.eq_ignore_ascii_case(key));
                prop_assert_eq!(event.param(k).map(|p| p.index()), first);
                let lower = k.to_ascii_lowercase();
                prop_assert_eq!(event.param(&lower).map(|p| p.index()), first);
            }
        }
    }};
}

fn check_all(
    event: &mut OwnedEvent,
    s: &Spec,
    flags: u32,
    connection: Counters,
    port: Counters,
) -> Result<(), TestCaseError> {
    let view = event.hangup_event().expect("the builder's event is valid");
    check_event!(view, s, flags, connection, port);
    let accept = event.accept_event().expect("the builder's event is valid");
    check_event!(accept, s, flags, connection, port);
    let (p, st, params) = event.as_raw();
    // SAFETY: `event` owns the memory behind the triple, laid out as RAS
    // does, and nothing writes it while the views live.
    let raw = unsafe { HangupEvent::from_raw(p, st, params) }.expect("the raw triple is valid");
    check_event!(raw, s, flags, connection, port);
    // SAFETY: as above.
    let raw = unsafe { AcceptEvent::from_raw(p, st, params) }.expect("the raw triple is valid");
    check_event!(raw, s, flags, connection, port);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(256)))]

    #[test]
    fn single_link_round_trips(s in spec()) {
        let mut event = s.builder().build();
        check_all(&mut event, &s, s.flags, s.connection, s.port)?;
    }

    /// Each link of a multilink bundle: PORT_MULTILINKED added, the link's
    /// own names and counters (compression figures zeroed) and the bundle's
    /// totals (wrapping sums of the links' port counters).
    #[test]
    fn multilink_round_trips(
        s in spec(),
        links in vec((text(16), text(128), counters()), 1..4),
    ) {
        let mut session = MultilinkSession::new(s.builder());
        for (port, device, c) in &links {
            session = session.link(port, device, *c);
        }
        let events = session.build();
        prop_assert_eq!(events.len(), links.len());
        let zeroed = |c: &Counters| Counters {
            bytes_sent_uncompressed: 0,
            bytes_received_uncompressed: 0,
            bytes_sent_compressed: 0,
            bytes_received_compressed: 0,
            ..*c
        };
        let total = links.iter().fold([0u32; 14], |mut acc, (_, _, c)| {
            let v = [
                c.bytes_sent, c.bytes_received, c.frames_sent, c.frames_received,
                c.crc_errors, c.timeout_errors, c.alignment_errors,
                c.hardware_overrun_errors, c.framing_errors, c.buffer_overrun_errors,
                c.bytes_sent_uncompressed, c.bytes_received_uncompressed,
                c.bytes_sent_compressed, c.bytes_received_compressed,
            ];
            for (a, x) in acc.iter_mut().zip(v) {
                *a = a.wrapping_add(x);
            }
            acc
        });
        let total = Counters {
            bytes_sent: total[0],
            bytes_received: total[1],
            frames_sent: total[2],
            frames_received: total[3],
            crc_errors: total[4],
            timeout_errors: total[5],
            alignment_errors: total[6],
            hardware_overrun_errors: total[7],
            framing_errors: total[8],
            buffer_overrun_errors: total[9],
            bytes_sent_uncompressed: total[10],
            bytes_received_uncompressed: total[11],
            bytes_sent_compressed: total[12],
            bytes_received_compressed: total[13],
        };
        for (mut event, (port, device, c)) in events.into_iter().zip(&links) {
            let link = Spec { port_name: port.clone(), device_name: device.clone(), ..s.clone() };
            let flags = s.flags | sys::PORT_MULTILINKED;
            check_all(&mut event, &link, flags, total, zeroed(c))?;
        }
    }
}

/// UTF-16 units as a host may leave them in a `WCHAR` array: ASCII, other
/// BMP text, lone or paired surrogates, embedded NULs; up to 600 units, so
/// the output crosses `Display`'s internal chunks many times.
fn wchar_array() -> impl Strategy<Value = Vec<u16>> {
    let unit = prop_oneof![
        6 => 0x20u16..0x7F,
        2 => 0x80u16..0xD800,
        1 => 0xD800u16..0xDC00,
        1 => 0xDC00u16..0xE000,
        1 => 0xE000u16..=0xFFFF,
        1 => Just(0u16),
    ];
    vec(unit, 0..600)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(512)))]

    /// `Display` (chunked, non-allocating) shows exactly what
    /// `String::from_utf16_lossy` makes of the units before the first NUL,
    /// and honours width, fill, alignment and precision as `str` does.
    #[test]
    fn display_is_from_utf16_lossy(units in wchar_array(), width in 0usize..700, precision in 0usize..700) {
        let text = units.split(|&u| u == 0).next().unwrap_or(&[]);
        let lossy = String::from_utf16_lossy(text);
        let w = WideStr::new(&units);
        prop_assert_eq!(w.to_string(), lossy.as_str());
        prop_assert_eq!(w.chars_lossy().collect::<String>(), lossy.as_str());
        prop_assert_eq!(format!("{w:>width$}"), format!("{lossy:>width$}"));
        prop_assert_eq!(format!("{w:*^width$.precision$}"), format!("{lossy:*^width$.precision$}"));
        prop_assert_eq!(format!("{w:.precision$}"), format!("{lossy:.precision$}"));
    }
}

/// A `P_Key` array as a host may leave it: few letters in both cases (so
/// keys often equal ignoring case), NULs anywhere, now and then a byte
/// that is not ASCII, and one time in four no terminator at all.
fn p_key() -> impl Strategy<Value = [u8; 32]> {
    let letter = prop_oneof![b'A'..=b'C', b'a'..=b'c'];
    let byte = prop_oneof![6 => letter.clone(), 2 => Just(0u8), 1 => any::<u8>()];
    prop_oneof![3 => vec(byte, 32), 1 => vec(letter, 32)]
        .prop_map(|v| <[u8; 32]>::try_from(v).expect("32 bytes"))
}

/// A query made from a stored key: its bytes (non-ASCII ones as 'é'), case
/// flipped where `flips` says, then kept, given a NUL or a letter more, or
/// shortened by one.
fn query_from(key: &[u8], flips: u32, variant: u8) -> String {
    let mut q: String = key
        .iter()
        .enumerate()
        .map(|(i, &b)| match (b.is_ascii(), flips >> (i % 32) & 1) {
            (false, _) => 'é',
            (true, 1) if b.is_ascii_lowercase() => b.to_ascii_uppercase() as char,
            (true, 1) => b.to_ascii_lowercase() as char,
            (true, _) => b as char,
        })
        .collect();
    match variant % 4 {
        0 => {}
        1 => q.push('\0'),
        2 => q.push('b'),
        _ => {
            q.pop();
        }
    }
    q
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(512)))]

    /// `Param::key_eq_ignore_ascii_case`, which never scans for the NUL,
    /// agrees with comparing `key()`; `param(q)` is the first such match.
    #[test]
    fn key_lookup_is_key_comparison(
        keys in vec(p_key(), 1..12),
        derived in vec((any::<u32>(), any::<u8>()), 12),
        others in vec(vec(prop_oneof![
            Just('a'), Just('B'), Just('c'), Just('\0'), Just('é'),
        ], 0..34), 0..4),
    ) {
        let params: Vec<RAS_PARAMETERS> = keys
            .iter()
            .map(|k| RAS_PARAMETERS { P_Key: k.map(|b| b as _), ..Default::default() })
            .collect();
        let port = sys::RAS_PORT_1 {
            NumMediaParms: u16::try_from(params.len()).expect("under 12"),
            ..Default::default()
        };
        let stats = sys::RAS_PORT_STATISTICS::default();
        // SAFETY: every `P_Value` is an all-zero `Number`, tagged as one.
        let event = unsafe { HangupEvent::new(&port, &stats, &params, &[]) }
            .expect("count matches");
        let mut queries: Vec<String> = others.into_iter().map(String::from_iter).collect();
        for (p, &(flips, variant)) in event.params().zip(&derived) {
            let q = query_from(p.key(), flips, variant);
            // Kept whole (variant 0) from an ASCII key, it must be found:
            // the property below is never checked only on misses.
            if variant % 4 == 0 && p.key().is_ascii() {
                prop_assert!(event.param(&q).is_some(), "param({:?}) for key {:?}", q, p.key());
            }
            queries.push(q);
        }
        for q in &queries {
            let mut first = None;
            for p in event.params() {
                let expect = p.key().eq_ignore_ascii_case(q.as_bytes());
                prop_assert_eq!(p.key_eq_ignore_ascii_case(q), expect, "key {:?} query {:?}", p.key(), q);
                if expect && first.is_none() {
                    first = Some(p.index());
                }
            }
            prop_assert_eq!(event.param(q).map(|p| p.index()), first, "param({:?})", q);
        }
    }
}
