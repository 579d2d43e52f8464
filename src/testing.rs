//! Owned RAS data for testing admin DLL hooks without RAS (feature `testing`).
//!
//! [`EventBuilder`] fills a `RAS_PORT_1`, a `RAS_PORT_STATISTICS` and a media
//! parameter buffer the way the NT 4.0 RAS server does: the
//! `RAS_PARAMETERS` array and the string data in one allocation,
//! `NumMediaParms` and `SizeMediaParms` computed from them, `NumStatistics`
//! 28. [`OwnedEvent`] keeps that memory alive and hands out the raw pointer
//! triple (to call an exported hook as RAS would) or the safe
//! [`HangupEvent`] / [`AcceptEvent`] views. [`MultilinkSession`] makes one
//! event per port of a multilink bundle.
//!
//! ```
//! use rassapi::testing::EventBuilder;
//!
//! let event = EventBuilder::new()
//!     .user_name("alice")
//!     .port_name("COM2")
//!     .param_number("MAXCONNECTBPS", 33_600)
//!     .param_string("CONNECTBPS", "28800")
//!     .build();
//! let view = event.hangup_event()?;
//! assert_eq!(view.port().user_name().to_string(), "alice");
//! assert_eq!(view.params().len(), 2);
//! # Ok::<(), rassapi::Error>(())
//! ```
//!
//! The builder is test code: a name longer than its fixed array panics
//! (with the field's name) rather than being cut silently.

use crate::statistics::Set;
use crate::sys::{self, RAS_PARAMETERS, RAS_PARAMS_VALUE, RAS_PORT_1, RAS_PORT_STATISTICS, WCHAR};
use crate::{AcceptEvent, Counters, Error, HangupEvent};
use alloc::borrow::ToOwned;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::mem::size_of;
#[cfg(feature = "std")]
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The DWORD count of `RAS_PORT_STATISTICS`, which NT 4.0 reports in
/// `NumStatistics`.
pub const NT4_NUM_STATISTICS: u16 = (size_of::<RAS_PORT_STATISTICS>() / 4) as u16;

/// The value of one media parameter given to [`EventBuilder::param`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParamSpec {
    /// A `ParamNumber` parameter.
    Number(u32),
    /// A `ParamString` parameter with these ANSI bytes (no terminator).
    String(Vec<u8>),
}

/// Builds one port's RAS data. Defaults describe a PPP client `alice` in
/// domain `CORP`, authenticated on `COM1` through a modem at 28 800 bit/s,
/// with IP projected to 10.0.0.2 and the other projections not negotiated.
///
/// Every default, each changed by the setter of the same name:
///
/// | field | default |
/// |-------|---------|
/// | `wszPortName`, `wszDeviceType`, `wszDeviceName`, `wszMediaName` | `COM1`, `modem`, `Hayes Optima 28800`, `rasser` |
/// | `wszUserName`, `wszComputer`, `wszLogonDomain` | `alice`, `ALICE-PC`, `CORP` |
/// | `Flags` | `USER_AUTHENTICATED \| PPP_CLIENT` (not multilinked) |
/// | `fAdvancedServer` | `FALSE` |
/// | `dwStartSessionTime` ([`start_time_secs`](Self::start_time_secs)) | 851 990 400: 1996-12-31 00:00:00 UTC, a fixed time, not "now" |
/// | `LineCondition`, `HardwareCondition`, `LineSpeed` | `RAS_PORT_AUTHENTICATED`, `RAS_MODEM_OPERATIONAL`, 28 800 |
/// | `NumStatistics` | 28 ([`NT4_NUM_STATISTICS`]) |
/// | projections | IP: error 0, address `10.0.0.2`; IPX, AppleTalk, NBF: error 733, empty |
/// | counters (connection and this port) | all 0 |
/// | media parameters | none; `NumMediaParms` and `SizeMediaParms` computed from those added |
#[derive(Clone, Debug)]
pub struct EventBuilder {
    port: RAS_PORT_1,
    stats: RAS_PORT_STATISTICS,
    params: Vec<(Vec<u8>, u8, ParamSpec)>,
    num_media_parms: Option<u16>,
    size_media_parms: Option<u32>,
}

impl Default for EventBuilder {
    fn default() -> Self {
        Self::new()
    }
}

/// RAS error code the builder puts in projections that were not negotiated
/// (ERROR_PPP_NOT_CONVERGING... any non-zero code means "failed").
const PROJECTION_NOT_NEGOTIATED: u32 = 733;

impl EventBuilder {
    /// A realistic single-link connection; see the type's documentation.
    pub fn new() -> Self {
        let mut b = EventBuilder {
            port: RAS_PORT_1::default(),
            stats: RAS_PORT_STATISTICS::default(),
            params: Vec::new(),
            num_media_parms: None,
            size_media_parms: None,
        };
        b = b
            .port_name("COM1")
            .device_type("modem")
            .device_name("Hayes Optima 28800")
            .media_name("rasser")
            .user_name("alice")
            .computer("ALICE-PC")
            .logon_domain("CORP")
            .flags(sys::USER_AUTHENTICATED | sys::PPP_CLIENT)
            .start_time_secs(851_990_400) // 1996-12-31 00:00:00 UTC
            .line_condition(sys::RAS_PORT_AUTHENTICATED)
            .hardware_condition(sys::RAS_MODEM_OPERATIONAL)
            .line_speed(28_800)
            .ip_projection(0, "10.0.0.2")
            .ipx_projection(PROJECTION_NOT_NEGOTIATED, "")
            .appletalk_projection(PROJECTION_NOT_NEGOTIATED, "")
            .nbf_projection(PROJECTION_NOT_NEGOTIATED, 0, b"", "");
        b.port.NumStatistics = NT4_NUM_STATISTICS;
        b
    }

    /// Sets `wszPortName`.
    pub fn port_name(mut self, s: &str) -> Self {
        fill_wide(&mut self.port.rasport0.wszPortName, s, "wszPortName");
        self
    }
    /// Sets `wszDeviceType`.
    pub fn device_type(mut self, s: &str) -> Self {
        fill_wide(&mut self.port.rasport0.wszDeviceType, s, "wszDeviceType");
        self
    }
    /// Sets `wszDeviceName`.
    pub fn device_name(mut self, s: &str) -> Self {
        fill_wide(&mut self.port.rasport0.wszDeviceName, s, "wszDeviceName");
        self
    }
    /// Sets `wszMediaName`.
    pub fn media_name(mut self, s: &str) -> Self {
        fill_wide(&mut self.port.rasport0.wszMediaName, s, "wszMediaName");
        self
    }
    /// Sets `wszUserName`.
    pub fn user_name(mut self, s: &str) -> Self {
        fill_wide(&mut self.port.rasport0.wszUserName, s, "wszUserName");
        self
    }
    /// Sets `wszComputer`.
    pub fn computer(mut self, s: &str) -> Self {
        fill_wide(&mut self.port.rasport0.wszComputer, s, "wszComputer");
        self
    }
    /// Sets `wszLogonDomain`.
    pub fn logon_domain(mut self, s: &str) -> Self {
        fill_wide(&mut self.port.rasport0.wszLogonDomain, s, "wszLogonDomain");
        self
    }
    /// Sets `Flags` (`USER_AUTHENTICATED` ... `PORT_MULTILINKED`, or any bits).
    pub fn flags(mut self, flags: u32) -> Self {
        self.port.rasport0.Flags = flags;
        self
    }
    /// Sets `fAdvancedServer`.
    pub fn advanced_server(mut self, yes: bool) -> Self {
        self.port.rasport0.fAdvancedServer = yes.into();
        self
    }
    /// Sets `dwStartSessionTime` from a time; earlier than 1970 or later than
    /// 2106 does not fit the 32-bit field and panics. Needs `std`; see
    /// [`start_time_secs`](Self::start_time_secs).
    #[cfg(feature = "std")]
    pub fn start_time(self, at: SystemTime) -> Self {
        let secs = at
            .duration_since(UNIX_EPOCH)
            .expect("start time before 1970")
            .as_secs();
        self.start_time_secs(u32::try_from(secs).expect("start time past 2106"))
    }
    /// Sets `dwStartSessionTime` in seconds since 1970-01-01 UTC.
    pub fn start_time_secs(mut self, secs: u32) -> Self {
        self.port.rasport0.dwStartSessionTime = secs;
        self
    }
    /// Sets `LineCondition` (`RAS_PORT_*`, or any value).
    pub fn line_condition(mut self, v: u32) -> Self {
        self.port.LineCondition = v;
        self
    }
    /// Sets `HardwareCondition` (`RAS_MODEM_*`, or any value).
    pub fn hardware_condition(mut self, v: u32) -> Self {
        self.port.HardwareCondition = v;
        self
    }
    /// Sets `LineSpeed` in bits per second.
    pub fn line_speed(mut self, bps: u32) -> Self {
        self.port.LineSpeed = bps;
        self
    }
    /// Sets `NumStatistics` (28 by default, as NT 4.0 reports).
    pub fn num_statistics(mut self, n: u16) -> Self {
        self.port.NumStatistics = n;
        self
    }
    /// Sets the IP projection's error code and address text.
    pub fn ip_projection(mut self, error: u32, address: &str) -> Self {
        self.port.ProjResult.ip.dwError = error;
        fill_wide(
            &mut self.port.ProjResult.ip.wszAddress,
            address,
            "ip.wszAddress",
        );
        self
    }
    /// Sets the IPX projection's error code and address text.
    pub fn ipx_projection(mut self, error: u32, address: &str) -> Self {
        self.port.ProjResult.ipx.dwError = error;
        fill_wide(
            &mut self.port.ProjResult.ipx.wszAddress,
            address,
            "ipx.wszAddress",
        );
        self
    }
    /// Sets the AppleTalk projection's error code and address text.
    pub fn appletalk_projection(mut self, error: u32, address: &str) -> Self {
        self.port.ProjResult.at.dwError = error;
        fill_wide(
            &mut self.port.ProjResult.at.wszAddress,
            address,
            "at.wszAddress",
        );
        self
    }
    /// Sets the NetBEUI projection: error, NetBIOS error, the ANSI name
    /// that failed, and the remote workstation name.
    pub fn nbf_projection(
        mut self,
        error: u32,
        netbios_error: u32,
        name: &[u8],
        workstation: &str,
    ) -> Self {
        let nbf = &mut self.port.ProjResult.nbf;
        nbf.dwError = error;
        nbf.dwNetBiosError = netbios_error;
        fill_ansi(&mut nbf.szName, name, "nbf.szName");
        fill_wide(&mut nbf.wszWksta, workstation, "nbf.wszWksta");
        self
    }
    /// Sets the connection (bundle) counters, the first 14 DWORDs.
    pub fn connection_counters(mut self, c: Counters) -> Self {
        c.write(&mut self.stats, Set::Connection);
        self
    }
    /// Sets this port's counters, the `dwPort*` DWORDs.
    pub fn port_counters(mut self, c: Counters) -> Self {
        c.write(&mut self.stats, Set::Port);
        self
    }
    /// Sets both counter sets to `c`, as RAS does for a single-link connection.
    pub fn counters(self, c: Counters) -> Self {
        self.connection_counters(c).port_counters(c)
    }
    /// Appends a `ParamNumber` media parameter.
    pub fn param_number(self, key: &str, value: u32) -> Self {
        self.param(key.as_bytes(), 0, ParamSpec::Number(value))
    }
    /// Appends a `ParamString` media parameter.
    pub fn param_string(self, key: &str, value: impl AsRef<[u8]>) -> Self {
        self.param(
            key.as_bytes(),
            0,
            ParamSpec::String(value.as_ref().to_vec()),
        )
    }
    /// Appends a media parameter with any key bytes (up to 32, a key of
    /// exactly 32 has no terminator) and `P_Attributes` value.
    pub fn param(mut self, key: &[u8], attributes: u8, value: ParamSpec) -> Self {
        assert!(
            key.len() <= sys::RASSAPI_MAX_PARAM_KEY_SIZE as usize,
            "P_Key longer than 32 bytes"
        );
        self.params.push((key.to_vec(), attributes, value));
        self
    }
    /// Overrides the computed `NumMediaParms`, to test how a hook copes with
    /// a host whose count disagrees with the array.
    pub fn num_media_parms_override(mut self, n: u16) -> Self {
        self.num_media_parms = Some(n);
        self
    }
    /// Overrides the computed `SizeMediaParms`.
    pub fn size_media_parms_override(mut self, n: u32) -> Self {
        self.size_media_parms = Some(n);
        self
    }
    /// Direct access to the port structure, for anything the setters miss.
    pub fn raw_port_mut(&mut self) -> &mut RAS_PORT_1 {
        &mut self.port
    }
    /// Direct access to the statistics structure.
    pub fn raw_statistics_mut(&mut self) -> &mut RAS_PORT_STATISTICS {
        &mut self.stats
    }

    /// Lays out the media buffer and returns the owned event.
    pub fn build(self) -> OwnedEvent {
        let media = MediaBuffer::new(&self.params);
        let mut port = Box::new(self.port);
        port.NumMediaParms = self.num_media_parms.unwrap_or(media.count);
        port.SizeMediaParms = self.size_media_parms.unwrap_or(media.size);
        OwnedEvent {
            port,
            stats: Box::new(self.stats),
            media,
        }
    }
}

/// One port's RAS data in memory laid out as RAS lays it out; see the
/// [module documentation](self).
#[derive(Debug)]
pub struct OwnedEvent {
    port: Box<RAS_PORT_1>,
    stats: Box<RAS_PORT_STATISTICS>,
    media: MediaBuffer,
}

impl OwnedEvent {
    /// The raw triple, as RAS passes it to an exported hook. The pointers
    /// stay valid while `self` lives and is not moved out of... the boxes and
    /// the buffer are heap memory, so moving `self` keeps them valid too.
    pub fn as_raw(
        &mut self,
    ) -> (
        *mut RAS_PORT_1,
        *mut RAS_PORT_STATISTICS,
        *mut RAS_PARAMETERS,
    ) {
        (&mut *self.port, &mut *self.stats, self.media.params_ptr())
    }
    /// The port structure.
    pub fn port(&self) -> &RAS_PORT_1 {
        &self.port
    }
    /// The statistics structure.
    pub fn statistics(&self) -> &RAS_PORT_STATISTICS {
        &self.stats
    }
    /// The parameter array (as many elements as were added, whatever
    /// `NumMediaParms` says).
    pub fn params(&self) -> &[RAS_PARAMETERS] {
        self.media.params()
    }
    /// The string bytes that the parameters' `Data` pointers point into.
    pub fn string_data(&self) -> &[u8] {
        self.media.strings()
    }
    /// The safe hang-up view, through [`HangupEvent::new`].
    pub fn hangup_event(&self) -> Result<HangupEvent<'_>, Error> {
        // SAFETY: `MediaBuffer::new` writes every `ParamString` element's
        // whole `String` member.
        unsafe { HangupEvent::new(&self.port, &self.stats, self.params(), self.string_data()) }
    }
    /// The safe accept view, through [`AcceptEvent::new`].
    pub fn accept_event(&self) -> Result<AcceptEvent<'_>, Error> {
        // SAFETY: as in `hangup_event`.
        unsafe { AcceptEvent::new(&self.port, &self.stats, self.params(), self.string_data()) }
    }
}

/// The `RAS_PARAMETERS` array followed by the string data, in one
/// allocation of `u64`s so the array is aligned for both widths.
#[derive(Debug)]
struct MediaBuffer {
    words: Vec<u64>,
    count: u16,
    /// `count * sizeof(RAS_PARAMETERS)` + the string lengths: `SizeMediaParms`.
    size: u32,
}

impl MediaBuffer {
    fn new(params: &[(Vec<u8>, u8, ParamSpec)]) -> Self {
        let count = u16::try_from(params.len()).expect("more than 65535 parameters");
        let array_bytes = params.len() * size_of::<RAS_PARAMETERS>();
        let string_bytes: usize = params
            .iter()
            .map(|(_, _, v)| match v {
                ParamSpec::String(s) => s.len(),
                ParamSpec::Number(_) => 0,
            })
            .sum();
        let size = array_bytes + string_bytes;
        let mut words = vec![0u64; size.div_ceil(8)];
        let base = words.as_mut_ptr().cast::<u8>();
        let mut next_string = array_bytes;
        for (i, (key, attributes, value)) in params.iter().enumerate() {
            let mut p = RAS_PARAMETERS::default();
            for (dst, &src) in p.P_Key.iter_mut().zip(key) {
                *dst = src as core::ffi::c_char;
            }
            p.P_Attributes = *attributes;
            match value {
                ParamSpec::Number(n) => {
                    p.P_Type = sys::ParamNumber;
                    p.P_Value = RAS_PARAMS_VALUE { Number: *n };
                }
                ParamSpec::String(s) => {
                    p.P_Type = sys::ParamString;
                    // SAFETY: `next_string + s.len() <= size`, inside `words`.
                    let data = unsafe { base.add(next_string) };
                    // SAFETY: `s` and the buffer do not overlap; the range
                    // `data..data + s.len()` lies inside `words` (above).
                    unsafe { data.copy_from_nonoverlapping(s.as_ptr(), s.len()) };
                    p.P_Value.String.Length = s.len() as u32;
                    p.P_Value.String.Data = if s.is_empty() {
                        core::ptr::null_mut()
                    } else {
                        data.cast()
                    };
                    next_string += s.len();
                }
            }
            // SAFETY: element `i` of the array lies inside `words`, which is
            // 8-aligned, and sizeof(RAS_PARAMETERS) is a multiple of its
            // alignment, so the write is in bounds and aligned.
            unsafe { base.cast::<RAS_PARAMETERS>().add(i).write(p) };
        }
        let size = u32::try_from(size).expect("media parameters over 4 GiB");
        MediaBuffer { words, count, size }
    }

    fn params_ptr(&mut self) -> *mut RAS_PARAMETERS {
        self.words.as_mut_ptr().cast()
    }

    fn params(&self) -> &[RAS_PARAMETERS] {
        // SAFETY: `new` wrote `count` initialised, aligned elements at the
        // start of `words`, which lives as long as `self`.
        unsafe { core::slice::from_raw_parts(self.words.as_ptr().cast(), self.count.into()) }
    }

    fn strings(&self) -> &[u8] {
        let array_bytes = usize::from(self.count) * size_of::<RAS_PARAMETERS>();
        // SAFETY: `words` holds at least `size` initialised bytes (zeroed,
        // then written), and `array_bytes <= size`.
        let all = unsafe {
            core::slice::from_raw_parts(self.words.as_ptr().cast::<u8>(), self.size as usize)
        };
        &all[array_bytes..]
    }
}

// `words` is only ever read through `params`/`strings` or the raw triple.
// SAFETY: the raw `Data` pointers point into `words`, owned by this value.
unsafe impl Send for MediaBuffer {}
// SAFETY: shared access never writes.
unsafe impl Sync for MediaBuffer {}

/// A multilink connection: one [`OwnedEvent`] per port, sharing the user,
/// start time and bundle totals, each with `PORT_MULTILINKED` set and its
/// own port name, device and counters. The connection counters of every
/// link are the sum of the links' port counters, and the per-port
/// compression figures are 0 (RAS documents them as not valid here).
#[derive(Clone, Debug)]
pub struct MultilinkSession {
    base: EventBuilder,
    links: Vec<(String, String, Counters)>,
}

impl MultilinkSession {
    /// A bundle whose links all start from `base`.
    pub fn new(base: EventBuilder) -> Self {
        MultilinkSession {
            base,
            links: Vec::new(),
        }
    }

    /// Adds a link on `port_name` through `device_name` with `counters`.
    pub fn link(mut self, port_name: &str, device_name: &str, counters: Counters) -> Self {
        self.links
            .push((port_name.to_owned(), device_name.to_owned(), counters));
        self
    }

    /// One event per link, in the order the links were added (the order
    /// RAS calls the hang-up hook in is not specified).
    pub fn build(self) -> Vec<OwnedEvent> {
        let total = self
            .links
            .iter()
            .fold(Counters::default(), |acc, (_, _, c)| acc.wrapping_add(*c));
        let flags = self.base.port.rasport0.Flags | sys::PORT_MULTILINKED;
        self.links
            .into_iter()
            .map(|(port_name, device_name, mut counters)| {
                counters.bytes_sent_uncompressed = 0;
                counters.bytes_received_uncompressed = 0;
                counters.bytes_sent_compressed = 0;
                counters.bytes_received_compressed = 0;
                self.base
                    .clone()
                    .port_name(&port_name)
                    .device_name(&device_name)
                    .flags(flags)
                    .connection_counters(total)
                    .port_counters(counters)
                    .build()
            })
            .collect()
    }
}

/// The session's length as RAS would see it: `start` plus `length` as an
/// end time, for [`crate::Port::duration_until`]. Needs `std`.
#[cfg(feature = "std")]
pub fn end_time(start_secs: u32, length: Duration) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(start_secs.into()) + length
}

/// Writes `s` as UTF-16 with a terminator; panics when it does not fit.
fn fill_wide(dst: &mut [WCHAR], s: &str, field: &str) {
    dst.fill(0);
    for (n, unit) in s.encode_utf16().enumerate() {
        assert!(
            n + 1 < dst.len(),
            "{field}: {s:?} does not fit {} WCHARs with its terminator",
            dst.len()
        );
        dst[n] = unit;
    }
}

/// Writes ANSI bytes with a terminator; panics when they do not fit.
fn fill_ansi(dst: &mut [core::ffi::c_char], s: &[u8], field: &str) {
    assert!(
        s.len() < dst.len(),
        "{field}: {} bytes do not fit {} with the terminator",
        s.len(),
        dst.len()
    );
    dst.fill(0);
    for (d, &b) in dst.iter_mut().zip(s) {
        *d = b as core::ffi::c_char;
    }
}
