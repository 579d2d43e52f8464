//! The accounting example (`examples/accounting/`): its modules are
//! compiled into this test, so their own unit tests run here too, and the
//! demo is run in-process with its output checked.

#[path = "../examples/accounting/demo.rs"]
mod demo;
#[path = "../examples/accounting/json.rs"]
mod json;
#[path = "../examples/accounting/log_writer.rs"]
mod log_writer;
#[path = "../examples/accounting/record.rs"]
mod record;
#[path = "../examples/accounting/sessions.rs"]
mod sessions;
#[path = "../examples/accounting/table.rs"]
mod table;
#[path = "../examples/accounting/time.rs"]
mod time;

use std::path::PathBuf;
use std::time::Duration;

use rassapi::export::{Callback, ExportError};
use rassapi::testing::{EventBuilder, MultilinkSession, OwnedEvent, end_time};
use rassapi::{Counters, Error, HangupEvent};

use record::{LineErrors, Record, Session, Traffic};

/// 2023-11-14T22:13:20Z.
const START: u32 = 1_700_000_000;

/// What the hook makes of `event`, received as RAS passes it (through
/// `from_raw`, so `SizeMediaParms` bounds the strings) `secs` after START.
fn hook(event: &mut OwnedEvent, secs: u64) -> Record {
    let (port, stats, params) = event.as_raw();
    // SAFETY: the owned event keeps all three alive and unchanged here.
    match unsafe { HangupEvent::from_raw(port, stats, params) } {
        Ok(view) => Record::from_hangup(&view, end_time(START, Duration::from_secs(secs))),
        Err(error) => {
            let callback = Callback::ConnectionHangupNotification;
            let error = ExportError::Malformed { callback, error };
            Record::from_export_error(&error, end_time(START, Duration::from_secs(secs)))
        }
    }
}

fn session(record: &Record) -> &Session {
    match record {
        Record::Session(s) => s,
        Record::Failure(f) => panic!("expected a session, got failure {:?}", f.error),
    }
}

#[test]
fn single_link_record_holds_what_the_builder_set() {
    let record = hook(&mut sessions::single_link_modem(START), 1421);
    let s = session(&record);
    assert_eq!(
        (s.user.as_str(), s.domain.as_str(), s.computer.as_str()),
        ("alice", "CORP", "ALICE-PC")
    );
    assert_eq!(
        (s.port.as_str(), s.device.as_str()),
        ("COM1", "USRobotics Sportster 33600")
    );
    assert_eq!((s.device_type.as_str(), s.multilink), ("modem", false));
    assert_eq!(
        (s.start, s.end, s.duration_secs),
        (START, u64::from(START) + 1421, Some(1421))
    );
    assert_eq!(
        (s.connect_bps, s.max_connect_bps),
        (Some(26_400), Some(115_200))
    );
    assert_eq!(s.ip, Some([10, 0, 0, 2].into()));
    let traffic = Traffic {
        bytes_sent: 1_203_472,
        bytes_received: 4_718_093,
        frames_sent: 2_911,
        frames_received: 5_837,
    };
    assert_eq!((s.port_traffic, s.connection_traffic), (traffic, traffic));
    assert_eq!(
        (s.compression_sent, s.compression_received),
        (Some(2.0), Some(9_907_995.0 / 4_718_093.0))
    );
    let errors = LineErrors {
        crc: 2,
        timeout: 1,
        alignment: 0,
        hardware_overrun: 0,
        framing: 0,
        buffer_overrun: 0,
    };
    assert_eq!((s.errors, s.errors.total()), (errors, 3));
    assert!(s.problems.is_empty(), "{:?}", s.problems);

    let expected = concat!(
        r#"{"kind":"hangup","session_id":""#,
        "SESSION_ID",
        r#"","user":"alice","domain":"CORP","#,
        r#""computer":"ALICE-PC","port":"COM1","device":"USRobotics Sportster 33600","device_type":"modem","#,
        r#""multilink":false,"start":"2023-11-14T22:13:20Z","end":"2023-11-14T22:37:01Z","duration_secs":1421,"#,
        r#""connect_bps":26400,"max_connect_bps":115200,"ip":"10.0.0.2","#,
        r#""port_traffic":{"bytes_sent":1203472,"bytes_received":4718093,"frames_sent":2911,"frames_received":5837},"#,
        r#""connection_traffic":{"bytes_sent":1203472,"bytes_received":4718093,"frames_sent":2911,"frames_received":5837},"#,
        r#""compression":{"sent":2.00,"received":2.10},"#,
        r#""errors":{"total":3,"crc":2,"timeout":1,"alignment":0,"hardware_overrun":0,"framing":0,"buffer_overrun":0},"#,
        r#""problems":[]}"#,
    );
    assert_eq!(
        record.to_json(),
        expected.replace("SESSION_ID", &s.session_id)
    );
}

#[test]
fn multilink_ports_share_one_session_id() {
    let records: Vec<Record> = sessions::isdn_multilink(START)
        .iter_mut()
        .map(|e| hook(e, 3725))
        .collect();
    let [one, two] = [session(&records[0]), session(&records[1])];
    assert_eq!(one.session_id, two.session_id);
    assert_eq!(one.session_id.len(), 16);
    assert!(one.multilink && two.multilink);
    assert_eq!((one.port.as_str(), two.port.as_str()), ("ISDN1", "ISDN2"));
    assert_eq!(
        (one.port_traffic.bytes_sent, two.port_traffic.bytes_sent),
        (8_391_204, 8_102_988)
    );
    assert_eq!((one.errors.crc, two.errors.crc), (0, 3));
    // The connection totals are the bundle's: the same on both, the sum of the ports.
    assert_eq!(one.connection_traffic, two.connection_traffic);
    assert_eq!(
        one.connection_traffic.bytes_received,
        21_530_110 + 20_994_731
    );
    assert_eq!(one.connection_traffic.frames_sent, 9_874 + 9_530);
    // Compression comes from the connection: valid on multilinked ports.
    assert_eq!(
        (one.compression_sent, one.compression_received),
        (Some(1.5), Some(2.0))
    );
    assert_eq!(
        (one.connect_bps, one.ip),
        (Some(64_000), Some([10, 0, 0, 3].into()))
    );

    // Another session of the same peer, or another peer, gets another id.
    let later = hook(&mut sessions::isdn_multilink(START + 7200)[0], 0);
    let alice = hook(&mut sessions::single_link_modem(START), 0);
    assert_ne!(session(&later).session_id, one.session_id);
    assert_ne!(session(&alice).session_id, one.session_id);
}

#[test]
fn session_id_ignores_ascii_case_and_separates_fields() {
    let id = record::session_id("bob", "SALES", "BOB-LAPTOP", START);
    assert_eq!(id, record::session_id("BOB", "sales", "bob-laptop", START));
    assert_ne!(id, record::session_id("bobs", "ALES", "BOB-LAPTOP", START));
    assert_ne!(
        id,
        record::session_id("bob", "SALES", "BOB-LAPTOP", START + 1)
    );
    // Pinned (FNV-1a of "bob\0sales\0bob-laptop\0" and START as 4 bytes,
    // little-endian), so ids stay the same across builds and platforms.
    assert_eq!(id, "a1cb9f74bf3a3315");
    assert_eq!(record::session_id("", "", "", 0), "778b1a14b6876aa7");
}

#[test]
fn speeds_come_as_numbers_or_text() {
    let speeds = |b: EventBuilder| {
        let record = hook(&mut b.build(), 0);
        let s = session(&record);
        (s.connect_bps, s.max_connect_bps, s.problems.clone())
    };
    let none: Vec<String> = Vec::new();
    let b = EventBuilder::new;
    assert_eq!(speeds(b()), (None, None, none.clone())); // absent: not a problem
    assert_eq!(
        speeds(b().param_number("CONNECTBPS", 9600)),
        (Some(9600), None, none.clone())
    );
    assert_eq!(
        speeds(b().param_string("ConnectBps", " 28800 ")),
        (Some(28_800), None, none.clone())
    );
    let (connect, max, problems) = speeds(
        b().param_string("CONNECTBPS", "fast")
            .param_string("MAXCONNECTBPS", "57600"),
    );
    assert_eq!((connect, max), (None, Some(57_600)));
    assert_eq!(
        problems,
        ["CONNECTBPS: `P_Value.String` is not a decimal number that fits in 32 bits"]
    );
}

#[test]
fn string_past_size_media_parms_is_a_problem_not_a_panic() {
    let record = hook(&mut sessions::string_past_media_size(START), 252);
    let s = session(&record);
    assert_eq!(
        (s.user.as_str(), s.connect_bps, s.max_connect_bps),
        ("jürgen", None, Some(57_600))
    );
    assert_eq!(s.ip, None); // projection failed (733): no address, and no problem either
    assert_eq!(
        s.problems,
        ["CONNECTBPS: parameter 1: `P_Value.String` (5 bytes) lies outside the media buffer"]
    );
    assert_eq!((s.errors.framing, s.errors.total()), (4, 4));
    let json = record.to_json();
    assert!(json.contains(r#""user":"j\u00fcrgen""#), "{json}");
    assert!(json.contains(r#""connect_bps":null"#), "{json}");
}

#[test]
fn rejected_event_becomes_a_failure_record() {
    let record = hook(&mut sessions::count_disagrees(START), 30);
    let Record::Failure(f) = &record else {
        panic!("expected a failure")
    };
    assert_eq!(
        (f.reason, f.callback),
        ("malformed", "RasAdminConnectionHangupNotification")
    );
    let size = 2 * size_of::<rassapi::sys::RAS_PARAMETERS>() + "28800".len();
    let error = Error::InvalidMediaSize {
        size: size as u32,
        array_bytes: 3 * size_of::<rassapi::sys::RAS_PARAMETERS>(),
    };
    assert_eq!(f.error, error.to_string());
    let mut message = String::new();
    json::write_str(&mut message, &error.to_string());
    let expected = format!(
        r#"{{"kind":"failure","at":"2023-11-14T22:13:50Z","callback":"RasAdminConnectionHangupNotification","reason":"malformed","error":{message}}}"#
    );
    assert_eq!(record.to_json(), expected);

    let panicked = ExportError::Panicked {
        callback: Callback::ConnectionHangupNotification,
        message: None,
    };
    let Record::Failure(f) = Record::from_export_error(&panicked, end_time(START, Duration::ZERO))
    else {
        panic!("expected a failure")
    };
    assert_eq!((f.reason, f.error.as_str()), ("panicked", "(no message)"));
}

#[test]
fn bad_names_and_addresses_are_noted_not_fatal() {
    let mut b = EventBuilder::new().ip_projection(0, "fe80::1");
    b.raw_port_mut().rasport0.wszUserName[..3].copy_from_slice(&[u16::from(b'a'), 0xD800, 0]);
    let record = hook(&mut b.build(), 0);
    let s = session(&record);
    assert_eq!((s.user.as_str(), s.ip), ("a\u{FFFD}", None));
    assert_eq!(s.problems.len(), 2, "{:?}", s.problems);
    assert!(s.problems[0].contains("wszUserName"), "{:?}", s.problems);
    assert!(s.problems[1].contains("fe80::1"), "{:?}", s.problems);
    assert!(record.to_json().contains(r#""user":"a\ufffd""#));
}

#[test]
fn bundle_totals_add_up_over_many_links() {
    let link = |n| Counters {
        bytes_sent: n,
        frames_sent: 1,
        timeout_errors: n % 2,
        ..Counters::default()
    };
    let events = MultilinkSession::new(EventBuilder::new().user_name("carrier"))
        .link("ISDN1", "a", link(10))
        .link("ISDN2", "b", link(21))
        .link("ISDN3", "c", link(30))
        .build();
    let records: Vec<Record> = events.into_iter().map(|mut e| hook(&mut e, 60)).collect();
    let ports: u32 = records
        .iter()
        .map(|r| session(r).port_traffic.bytes_sent)
        .sum();
    let ids: Vec<&str> = records
        .iter()
        .map(|r| session(r).session_id.as_str())
        .collect();
    assert_eq!(ports, 61);
    assert!(
        records
            .iter()
            .all(|r| session(r).connection_traffic.bytes_sent == 61)
    );
    assert!(ids.iter().all(|id| *id == ids[0]));
    assert_eq!(
        records
            .iter()
            .map(|r| session(r).errors.total())
            .sum::<u64>(),
        1
    );
}

#[test]
fn ports_of_a_bundle_can_hang_up_at_once() {
    // What the DLL's hook does (build the record, queue its line), once per
    // port, all ports at the same time.
    let path = temp_log("concurrent");
    let log = log_writer::LogWriter::start(path.clone(), log_writer::QUEUE_CAPACITY);
    let mut bundle = MultilinkSession::new(EventBuilder::new().user_name("crowd"));
    for n in 0..8 {
        let counters = Counters {
            bytes_sent: 1000 + n,
            ..Counters::default()
        };
        bundle = bundle.link(&format!("ISDN{n}"), "ISDN Adapter", counters);
    }
    std::thread::scope(|s| {
        for mut event in bundle.build() {
            let log = &log;
            s.spawn(move || assert!(log.append(hook(&mut event, 60).to_json())));
        }
    });
    log.flush();
    let text = std::fs::read_to_string(&path).unwrap();
    let records: Vec<Json> = text.lines().map(|l| parse(l).unwrap()).collect();
    assert_eq!(records.len(), 8);
    let id = records[0].get("session_id");
    assert!(records.iter().all(|r| r.get("session_id") == id));
    let mut ports: Vec<&str> = records.iter().map(|r| r.get("port").as_str()).collect();
    ports.sort_unstable();
    assert_eq!(
        ports,
        [
            "ISDN0", "ISDN1", "ISDN2", "ISDN3", "ISDN4", "ISDN5", "ISDN6", "ISDN7"
        ]
    );
    let _ = std::fs::remove_file(&path);
}

#[test]
fn escaped_strings_parse_back_to_the_original() {
    let mut tricky: String = (0u32..0x800).filter_map(char::from_u32).collect();
    tricky.push_str("\u{2028}\u{fffd}\u{ffff}😀\u{10ffff}\"\\/");
    let mut out = String::new();
    json::write_str(&mut out, &tricky);
    assert!(out.is_ascii());
    assert_eq!(parse(&out), Ok(Json::Str(tricky)));
}

// -- The demo, run in-process ------------------------------------------------

#[test]
fn demo_prints_the_table_and_json_lines() {
    let path = temp_log("demo");
    let mut out = Vec::new();
    demo::run(&path, &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    println!("{out}");

    // The table: a header, a rule, then one row per record.
    let lines: Vec<&str> = out.lines().collect();
    let header = lines
        .iter()
        .position(|l| l.starts_with("SESSION  "))
        .expect("table header");
    assert!(lines[header + 1].chars().all(|c| c == '-'));
    let rows: Vec<&str> = lines[header + 2..]
        .iter()
        .take_while(|l| !l.is_empty())
        .copied()
        .collect();
    assert_eq!(rows.len(), 5, "{rows:#?}");
    let cells = |row: &str| {
        row.split_whitespace()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let (alice, bob1, bob2, jurgen, dave) = (
        cells(rows[0]),
        cells(rows[1]),
        cells(rows[2]),
        cells(rows[3]),
        rows[4],
    );
    assert_eq!(alice[1..4], ["CORP\\alice", "COM1", "modem"]);
    assert_eq!(
        alice[6..11],
        ["1,203,472", "4,718,093", "26,400", "10.0.0.2", "3"]
    );
    assert_eq!((bob1[2].as_str(), bob2[2].as_str()), ("ISDN1", "ISDN2"));
    assert_eq!(bob1[0], bob2[0], "one session id for both links");
    assert_ne!(bob1[0], alice[0]);
    assert!(rows[1].contains("multilink") && rows[2].contains("multilink"));
    assert_eq!(jurgen[1..3], ["CORP\\jürgen", "COM2"]);
    assert!(dave.starts_with("-  ") && dave.ends_with("REJECTED (malformed), see below"));
    assert!(out.contains("jürgen on COM2: CONNECTBPS: parameter 1:"));
    assert!(out.contains("\n5 written, 0 dropped (queue full), 0 failed\n"));

    // The JSON lines: printed, written to the log, and parseable.
    let json: Vec<&str> = lines
        .iter()
        .filter(|l| l.starts_with('{'))
        .copied()
        .collect();
    assert_eq!(json.len(), 5);
    let logged = std::fs::read_to_string(&path).unwrap();
    assert_eq!(logged.lines().collect::<Vec<_>>(), json);
    let records: Vec<Json> = json.iter().map(|l| parse(l).unwrap()).collect();
    let kinds: Vec<&str> = records.iter().map(|r| r.get("kind").as_str()).collect();
    assert_eq!(kinds, ["hangup", "hangup", "hangup", "hangup", "failure"]);
    let ids: Vec<&str> = records[..4]
        .iter()
        .map(|r| r.get("session_id").as_str())
        .collect();
    assert_eq!(ids[1], ids[2]);
    assert!(ids[0] != ids[1] && ids[3] != ids[1] && ids[0] != ids[3]);
    assert_eq!((ids[0], bob1[0].as_str()), (alice[0].as_str(), ids[1]));

    let bob = &records[1];
    assert_eq!(bob.get("user").as_str(), "bob");
    assert_eq!(bob.get("multilink"), &Json::Bool(true));
    assert_eq!(
        bob.get("port_traffic").get("bytes_received").as_num(),
        21_530_110.0
    );
    assert_eq!(
        bob.get("connection_traffic").get("bytes_received").as_num(),
        42_524_841.0
    );
    assert_eq!(bob.get("connect_bps").as_num(), 64_000.0);
    assert_eq!(bob.get("compression").get("sent").as_num(), 1.5);
    let duration = bob.get("duration_secs").as_num();
    assert!((3725.0..=3727.0).contains(&duration), "{duration}"); // the demo runs on the real clock
    assert_eq!(records[0].get("connect_bps").as_num(), 26_400.0); // sent as text
    assert_eq!(records[0].get("errors").get("total").as_num(), 3.0);
    assert_eq!(records[3].get("user").as_str(), "jürgen");
    assert_eq!(records[3].get("connect_bps"), &Json::Null);
    assert_eq!(records[3].get("ip"), &Json::Null);
    assert_eq!(records[4].get("reason").as_str(), "malformed");
    let (at, error) = (
        records[4].get("at").as_str(),
        records[4].get("error").as_str(),
    );
    let below = format!("\n  {at} RasAdminConnectionHangupNotification (malformed): {error}\n");
    assert!(out.contains(&below), "{below}");
    let _ = std::fs::remove_file(&path);
}

fn temp_log(name: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!(
        "rassapi-accounting-{name}-{}.jsonl",
        std::process::id()
    ));
    let _ = std::fs::remove_file(&path);
    path
}

// -- A minimal JSON reader, to check the output independently ----------------

#[derive(Debug, Clone, PartialEq)]
enum Json {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

impl Json {
    fn get(&self, key: &str) -> &Json {
        match self {
            Json::Obj(fields) => {
                &fields
                    .iter()
                    .find(|(k, _)| k == key)
                    .unwrap_or_else(|| panic!("no {key:?}"))
                    .1
            }
            other => panic!("{other:?} is not an object"),
        }
    }
    fn as_str(&self) -> &str {
        match self {
            Json::Str(s) => s,
            other => panic!("{other:?} is not a string"),
        }
    }
    fn as_num(&self) -> f64 {
        match self {
            Json::Num(n) => *n,
            other => panic!("{other:?} is not a number"),
        }
    }
}

/// Parses one complete JSON value (RFC 8259), rejecting trailing text.
fn parse(text: &str) -> Result<Json, String> {
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
    };
    let value = p.value()?;
    p.ws();
    if p.i == p.s.len() {
        Ok(value)
    } else {
        Err(format!("trailing text at {}", p.i))
    }
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while matches!(self.s.get(self.i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }
    fn eat(&mut self, token: &str) -> bool {
        let found = self.s[self.i..].starts_with(token.as_bytes());
        if found {
            self.i += token.len();
        }
        found
    }
    fn expect(&mut self, token: &str) -> Result<(), String> {
        if self.eat(token) {
            Ok(())
        } else {
            Err(format!("expected {token:?} at {}", self.i))
        }
    }
    fn value(&mut self) -> Result<Json, String> {
        self.ws();
        let value = match self.s.get(self.i) {
            Some(b'{') => {
                self.i += 1;
                let mut fields = Vec::new();
                self.ws();
                if !self.eat("}") {
                    loop {
                        self.ws();
                        let key = self.string()?;
                        self.ws();
                        self.expect(":")?;
                        fields.push((key, self.value()?));
                        self.ws();
                        if self.eat("}") {
                            break;
                        }
                        self.expect(",")?;
                    }
                }
                Json::Obj(fields)
            }
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if !self.eat("]") {
                    loop {
                        items.push(self.value()?);
                        self.ws();
                        if self.eat("]") {
                            break;
                        }
                        self.expect(",")?;
                    }
                }
                Json::Arr(items)
            }
            Some(b'"') => Json::Str(self.string()?),
            _ if self.eat("null") => Json::Null,
            _ if self.eat("true") => Json::Bool(true),
            _ if self.eat("false") => Json::Bool(false),
            _ => {
                let start = self.i;
                while matches!(
                    self.s.get(self.i),
                    Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                ) {
                    self.i += 1;
                }
                let number = std::str::from_utf8(&self.s[start..self.i]).unwrap();
                Json::Num(
                    number
                        .parse()
                        .map_err(|_| format!("bad value at {start}"))?,
                )
            }
        };
        Ok(value)
    }
    fn string(&mut self) -> Result<String, String> {
        self.expect("\"")?;
        let mut units: Vec<u16> = Vec::new();
        loop {
            let at = self.i;
            let c = *self.s.get(at).ok_or("unterminated string")?;
            self.i += 1;
            match c {
                b'"' => return String::from_utf16(&units).map_err(|e| format!("{e} before {at}")),
                b'\\' => {
                    let e = *self.s.get(self.i).ok_or("unterminated escape")?;
                    self.i += 1;
                    let unit = match e {
                        b'"' | b'\\' | b'/' => u16::from(e),
                        b'b' => 8,
                        b'f' => 12,
                        b'n' => 10,
                        b'r' => 13,
                        b't' => 9,
                        b'u' => {
                            let hex = self.s.get(self.i..self.i + 4).ok_or("short \\u escape")?;
                            self.i += 4;
                            u16::from_str_radix(std::str::from_utf8(hex).unwrap(), 16)
                                .map_err(|e| e.to_string())?
                        }
                        _ => return Err(format!("bad escape at {at}")),
                    };
                    units.push(unit);
                }
                0..=0x1f => return Err(format!("raw control character at {at}")),
                _ => {
                    // Copy one UTF-8 character.
                    let len = match c {
                        0xf0.. => 4,
                        0xe0.. => 3,
                        0xc0.. => 2,
                        _ => 1,
                    };
                    let ch =
                        std::str::from_utf8(&self.s[at..at + len]).map_err(|e| e.to_string())?;
                    units.extend(ch.encode_utf16());
                    self.i = at + len;
                }
            }
        }
    }
}

#[test]
fn the_json_checker_itself() {
    assert_eq!(
        parse(r#" {"a":[1,-2.5e1,true,null],"b":"x\u00e9\ud83d\ude00\n"} "#),
        Ok(Json::Obj(vec![
            (
                "a".into(),
                Json::Arr(vec![
                    Json::Num(1.0),
                    Json::Num(-25.0),
                    Json::Bool(true),
                    Json::Null
                ])
            ),
            ("b".into(), Json::Str("xé😀\n".into())),
        ]))
    );
    for bad in [
        "{",
        r#"{"a" 1}"#,
        "[1,]",
        "\"\u{1}\"",
        r#""\ud800""#,
        "1 2",
        r#"{"a":1,}"#,
        "nul",
    ] {
        assert!(parse(bad).is_err(), "{bad:?} should not parse");
    }
}
