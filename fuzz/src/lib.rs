//! Shared by the fuzz targets: turns arbitrary bytes into a pointer triple
//! that honours `HangupEvent::from_raw`'s `Safety` contract but is otherwise
//! hostile, then checks every accessor of the view against an independent
//! reading of the same bytes.
//!
//! # Input format
//!
//! The first 16 bytes are a header of choices, the rest the payload:
//!
//! | byte   | meaning |
//! |--------|---------|
//! | 0      | bit 0/1/2: port/stats/params pointer null; bit 3/4/5: misaligned |
//! | 1..4   | `NumMediaParms`: byte 1 picks the range (< 64, <= 1024, any u16) |
//! | 4..9   | `SizeMediaParms`: byte 4 picks the rule, 5..9 a raw u32 |
//! | 9..11  | bytes of string data after the array (mod 512) |
//! | 11..15 | the `string_data` slice given to `HangupEvent::new` |
//! | 14     | padding byte for the part of the arena the payload does not cover |
//! | 15     | how far the misaligned pointers are off |
//!
//! One 8-aligned arena holds, in order, a `RAS_PORT_1`, a
//! `RAS_PORT_STATISTICS` and the media buffer (`RAS_PARAMETERS` array,
//! string data, then 1 KiB of slack so `SizeMediaParms` 0 strings of up to
//! `MAX_STRING_PARAM_LEN` bytes stay readable). The payload is copied over
//! the arena from its start; the rest is the padding byte. Then
//! `NumMediaParms` and `SizeMediaParms` are overwritten, and in each
//! parameter the padding bytes after `P_Attributes` choose its `P_Type`,
//! `Length` and where `Data` points: null, into the string data, anywhere
//! in the media buffer or the arena, just past the arena, or into a second
//! allocation (a copy of the input). Never anywhere else: that is the
//! contract's precondition, and with `SizeMediaParms` 0 a string's bytes
//! must be readable (its `Length` is cut to what is) unless `Length`
//! exceeds the cap.
//!
//! Names are whatever the payload says: unterminated, unpaired surrogates.

use core::fmt::{self, Write as _};
use core::mem::{offset_of, size_of};
use core::ptr;
use rassapi::sys::{self, RAS_PARAMETERS, RAS_PORT_1, RAS_PORT_STATISTICS};
use rassapi::{
    Error, HardwareCondition, LineCondition, Param, ParamValue, Params, Port, PortFlags,
    Statistics, WideStr,
};
use std::net::Ipv4Addr;
use std::time::{Duration, UNIX_EPOCH};

const PORT_SIZE: usize = size_of::<RAS_PORT_1>();
const STATS_SIZE: usize = size_of::<RAS_PORT_STATISTICS>();
const PARAM_SIZE: usize = size_of::<RAS_PARAMETERS>();
/// Each structure gets 8 spare bytes so it can be placed misaligned.
const PORT_REGION: usize = (PORT_SIZE + 8).next_multiple_of(8);
const STATS_REGION: usize = (STATS_SIZE + 8).next_multiple_of(8);
/// Most parameters actually laid out; a larger count comes with a null array.
const MAX_REAL_PARAMS: usize = 1024;
const CAP: usize = rassapi::MAX_STRING_PARAM_LEN as usize;
const KNOWN_FLAGS: u32 = sys::USER_AUTHENTICATED
    | sys::MESSENGER_PRESENT
    | sys::PPP_CLIENT
    | sys::GATEWAY_ACTIVE
    | sys::REMOTE_LISTEN
    | sys::PORT_MULTILINKED;

/// Where a view may read string parameters from, by address.
#[derive(Clone, Copy, Debug)]
pub enum Bound {
    /// `SizeMediaParms` 0: the contract vouches for up to the cap.
    Capped,
    /// `[base + tail, base + size)`.
    Buffer {
        base: usize,
        tail: usize,
        size: usize,
    },
    /// `[start, end)`: the slice given to `new`.
    Slice { start: usize, end: usize },
}

/// One hostile event: the arena and the pointers into it.
pub struct Case {
    arena: Vec<u64>,
    arena_len: usize,
    base: *mut u8,
    other: Vec<u64>,
    other_len: usize,
    other_base: *mut u8,
    /// `pRasPort1`, `pRasStats`, `pRasParams`.
    pub port: *const RAS_PORT_1,
    pub stats: *const RAS_PORT_STATISTICS,
    pub params: *const RAS_PARAMETERS,
    count: u16,
    size: u32,
    /// Elements written at `params` (`count`, or 0 when `params` is null).
    real: usize,
    /// Copies for `HangupEvent::new` (aligned whatever the pointers are).
    port_copy: Box<RAS_PORT_1>,
    stats_copy: Box<RAS_PORT_STATISTICS>,
    params_copy: Vec<RAS_PARAMETERS>,
    slice: (usize, usize),
}

impl fmt::Debug for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Case")
            .field("port", &self.port)
            .field("stats", &self.stats)
            .field("params", &self.params)
            .field("arena", &(self.base, self.arena_len, self.arena.len()))
            .field(
                "other",
                &(self.other_base, self.other_len, self.other.len()),
            )
            .field("count", &self.count)
            .field("size", &self.size)
            .field("real", &self.real)
            .field("slice", &self.slice)
            .finish()
    }
}

fn le_u16(b: &[u8]) -> u16 {
    u16::from_le_bytes([b[0], b[1]])
}

fn le_u32(b: &[u8]) -> u32 {
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

impl Case {
    /// Lays out `data` as described in the module documentation.
    pub fn new(data: &[u8]) -> Case {
        let mut hdr = [0u8; 16];
        let n = data.len().min(16);
        hdr[..n].copy_from_slice(&data[..n]);
        let payload = &data[n..];
        let flags = hdr[0];

        let count = match hdr[1] {
            0..=191 => usize::from(hdr[2]) % 64,
            192..=239 => usize::from(le_u16(&hdr[2..4])) % (MAX_REAL_PARAMS + 1),
            _ => usize::from(le_u16(&hdr[2..4])),
        };
        let params_null = flags & 4 != 0 || count > MAX_REAL_PARAMS;
        let real = if params_null { 0 } else { count };
        let tail_len = usize::from(le_u16(&hdr[9..11])) % 512;
        let mis_port = if flags & 8 != 0 {
            1 + usize::from(hdr[15] & 3) % 3
        } else {
            0
        };
        let mis_stats = if flags & 16 != 0 {
            1 + usize::from((hdr[15] >> 2) & 3) % 3
        } else {
            0
        };
        let mis_params = if flags & 32 != 0 {
            1 + usize::from(hdr[15] >> 4) % 7
        } else {
            0
        };

        let media_off = PORT_REGION + STATS_REGION + mis_params;
        let tail_off = media_off + real * PARAM_SIZE;
        let arena_len = tail_off + tail_len + CAP + 8;
        let mut arena = vec![0u64; arena_len.div_ceil(8)];
        let base = arena.as_mut_ptr().cast::<u8>();
        // SAFETY: `arena` has at least `arena_len` bytes.
        let bytes = unsafe { core::slice::from_raw_parts_mut(base, arena_len) };
        let m = payload.len().min(arena_len);
        bytes[..m].copy_from_slice(&payload[..m]);
        bytes[m..].fill(hdr[14]);

        let other_len = data.len();
        let mut other = vec![0u64; other_len.div_ceil(8).max(1)];
        let other_base = other.as_mut_ptr().cast::<u8>();
        // SAFETY: `other` has at least `other_len` bytes; no overlap.
        unsafe { ptr::copy_nonoverlapping(data.as_ptr(), other_base, other_len) };

        // From `params` on, this much is readable.
        let readable = arena_len - media_off;
        let array_bytes = count * PARAM_SIZE;
        let r = le_u32(&hdr[5..9]);
        let mut size: u32 = match hdr[4] % 6 {
            0 => 0,
            1 => (array_bytes + tail_len) as u32,
            2 if array_bytes <= readable => {
                (array_bytes + r as usize % (readable - array_bytes + 1)) as u32
            }
            3 if array_bytes > 0 => (r as usize % array_bytes) as u32,
            4 => readable as u32,
            _ => r,
        };
        // The contract: a non-zero size not below the array is readable.
        let s = size as usize;
        if !params_null && s != 0 && s >= array_bytes && s > readable {
            size = readable as u32;
        }

        let port_ptr = base.wrapping_add(mis_port);
        let stats_ptr = base.wrapping_add(PORT_REGION + mis_stats);
        let media = base.wrapping_add(media_off);
        // SAFETY: both fields lie inside the port region of the arena.
        unsafe {
            port_ptr
                .add(offset_of!(RAS_PORT_1, NumMediaParms))
                .cast::<u16>()
                .write_unaligned(count as u16);
            port_ptr
                .add(offset_of!(RAS_PORT_1, SizeMediaParms))
                .cast::<u32>()
                .write_unaligned(size);
        }

        let tail = base.wrapping_add(tail_off);
        let arena_end = base.wrapping_add(arena_len);
        for i in 0..real {
            let elem = media.wrapping_add(i * PARAM_SIZE);
            // SAFETY (the block): every offset lies inside element `i`,
            // which lies inside the arena; unaligned accesses throughout.
            unsafe {
                let p_type = elem.add(offset_of!(RAS_PARAMETERS, P_Type)).cast::<i32>();
                let value = elem.add(offset_of!(RAS_PARAMETERS, P_Value));
                let pad = offset_of!(RAS_PARAMETERS, P_Attributes) + 1;
                let (sel_type, sel_len, sel_data) =
                    (*elem.add(pad), *elem.add(pad + 1), *elem.add(pad + 2));
                let length = value.cast::<u32>();
                let data = value.add(8).cast::<*mut u8>();
                let off = value.add(8).cast::<u32>().read_unaligned() as usize;
                let raw_type = p_type.read_unaligned();
                let t = match sel_type % 4 {
                    0 => sys::ParamNumber,
                    1 | 3 => sys::ParamString,
                    _ => raw_type,
                };
                p_type.write_unaligned(t);
                if t != sys::ParamString {
                    continue;
                }
                let raw_len = length.read_unaligned();
                let mut len = match sel_len % 8 {
                    0 => raw_len,
                    1 => raw_len % 16,
                    2 => 0,
                    3 => raw_len % (tail_len as u32 + 1),
                    4 => CAP as u32,
                    5 => CAP as u32 + 1,
                    6 => u32::MAX,
                    _ => raw_len % 4096,
                };
                let d: *mut u8 = match sel_data % 8 {
                    0 => ptr::null_mut(),
                    1 => tail.wrapping_add(off % (tail_len + 1)),
                    2 => media.wrapping_add(off % (readable + 1)),
                    3 => base.wrapping_add(off % (arena_len + 1)),
                    4 => arena_end,
                    5 => tail.wrapping_add(tail_len),
                    6 => other_base.wrapping_add(off % (other_len + 1)),
                    _ => tail,
                };
                // The contract with SizeMediaParms 0: up to the cap, the
                // bytes at Data are readable. Cut Length to what is.
                if size == 0 && !d.is_null() && (1..=CAP).contains(&(len as usize)) {
                    let end = if d.addr() >= other_base.addr()
                        && d.addr() <= other_base.addr() + other_len
                    {
                        other_base.addr() + other_len
                    } else {
                        arena_end.addr()
                    };
                    len = len.min((end - d.addr()) as u32);
                }
                length.write_unaligned(len);
                data.write_unaligned(d);
            }
        }

        // SAFETY: the regions lie inside the arena; unaligned reads.
        let port_copy = Box::new(unsafe { port_ptr.cast::<RAS_PORT_1>().read_unaligned() });
        // SAFETY: as above.
        let stats_copy =
            Box::new(unsafe { stats_ptr.cast::<RAS_PORT_STATISTICS>().read_unaligned() });
        let mut params_copy: Vec<RAS_PARAMETERS> = (0..real)
            // SAFETY: element `i` lies inside the arena.
            .map(|i| unsafe {
                media
                    .add(i * PARAM_SIZE)
                    .cast::<RAS_PARAMETERS>()
                    .read_unaligned()
            })
            .collect();
        if hdr[11] & 0x80 != 0 {
            // A slice disagreeing with NumMediaParms.
            if params_copy.pop().is_none() {
                params_copy.push(RAS_PARAMETERS::default());
            }
        }
        let (a, b) = (le_u16(&hdr[11..13]) as usize, le_u16(&hdr[12..14]) as usize);
        let slice = match hdr[11] % 4 {
            0 => (tail_off, tail_off + tail_len),
            1 => (media_off, arena_len),
            2 => (tail_off, tail_off),
            _ => {
                let start = a % (arena_len + 1);
                (start, start + b % (arena_len - start + 1))
            }
        };

        Case {
            arena,
            arena_len,
            base,
            other,
            other_len,
            other_base,
            port: if flags & 1 != 0 {
                ptr::null()
            } else {
                port_ptr.cast()
            },
            stats: if flags & 2 != 0 {
                ptr::null()
            } else {
                stats_ptr.cast()
            },
            params: if params_null {
                ptr::null()
            } else {
                media.cast()
            },
            count: count as u16,
            size,
            real,
            port_copy,
            stats_copy,
            params_copy,
            slice,
        }
    }

    /// What `from_raw` must answer, and if it accepts, the string bound.
    pub fn expected_from_raw(&self) -> Result<Bound, Error> {
        fn check<T>(p: *const T, field: &'static str) -> Result<(), Error> {
            if p.is_null() {
                Err(Error::Null { field })
            } else if !p.is_aligned() {
                Err(Error::Misaligned {
                    field,
                    align: align_of::<T>(),
                })
            } else {
                Ok(())
            }
        }
        check(self.port, "pRasPort1")?;
        check(self.stats, "pRasStats")?;
        if self.params.is_null() {
            if self.count > 0 {
                return Err(Error::ParamsMissing { count: self.count });
            }
            return Ok(Bound::Slice { start: 0, end: 0 });
        }
        check(self.params, "pRasParams")?;
        let array_bytes = usize::from(self.count) * PARAM_SIZE;
        match self.size as usize {
            0 => Ok(Bound::Capped),
            size if size >= array_bytes => Ok(Bound::Buffer {
                base: self.params.addr(),
                tail: array_bytes,
                size,
            }),
            _ => Err(Error::InvalidMediaSize {
                size: self.size,
                array_bytes,
            }),
        }
    }

    /// The arguments for `HangupEvent::new` and what it must answer.
    pub fn new_args(&self) -> (NewArgs<'_>, Result<Bound, Error>) {
        let (a, b) = self.slice;
        // SAFETY: `a..b` lies inside the arena's initialized bytes, which
        // nobody writes while `self` is borrowed.
        let string_data = unsafe { core::slice::from_raw_parts(self.base.add(a), b - a) };
        let expected = if self.params_copy.len() == usize::from(self.count) {
            let start = string_data.as_ptr().addr();
            Ok(Bound::Slice {
                start,
                end: start + string_data.len(),
            })
        } else {
            Err(Error::ParamCountMismatch {
                count: self.count,
                len: self.params_copy.len(),
            })
        };
        let args = NewArgs {
            port: &self.port_copy,
            stats: &self.stats_copy,
            params: &self.params_copy,
            string_data,
        };
        (args, expected)
    }

    /// The structures `from_raw` views, for checking; only when it accepted.
    pub fn raw_expect(&self, bound: Bound) -> Expect<'_> {
        let params: &[RAS_PARAMETERS] = if self.params.is_null() {
            &[]
        } else {
            // SAFETY: accepted, so aligned; `count == real` elements written.
            unsafe { core::slice::from_raw_parts(self.params, usize::from(self.count)) }
        };
        Expect {
            port: &self.port_copy,
            stats: &self.stats_copy,
            params,
            bound,
        }
    }

    /// Number of elements laid out (for the export target's bookkeeping).
    pub fn real(&self) -> usize {
        self.real
    }
}

/// Arguments of `HangupEvent::new` / `AcceptEvent::new`.
pub struct NewArgs<'a> {
    pub port: &'a RAS_PORT_1,
    pub stats: &'a RAS_PORT_STATISTICS,
    pub params: &'a [RAS_PARAMETERS],
    pub string_data: &'a [u8],
}

/// What a view must show.
pub struct Expect<'a> {
    pub port: &'a RAS_PORT_1,
    pub stats: &'a RAS_PORT_STATISTICS,
    pub params: &'a [RAS_PARAMETERS],
    pub bound: Bound,
}

/// Counts bytes; stores nothing.
struct Sink(usize);

impl fmt::Write for Sink {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0 += s.len();
        Ok(())
    }
}

fn sink(args: fmt::Arguments<'_>) -> usize {
    let mut s = Sink(0);
    s.write_fmt(args)
        .expect("formatting into a sink cannot fail");
    s.0
}

fn until_nul<T: Copy + PartialEq + Default>(buf: &[T]) -> &[T] {
    let n = buf
        .iter()
        .position(|&u| u == T::default())
        .unwrap_or(buf.len());
    &buf[..n]
}

fn ansi(buf: &[core::ffi::c_char]) -> Vec<u8> {
    until_nul(buf).iter().map(|&c| c as u8).collect()
}

/// Index of the first unpaired surrogate, computed without `decode_utf16`.
fn first_unpaired(units: &[u16]) -> Option<(usize, u16)> {
    let mut i = 0;
    while i < units.len() {
        let u = units[i];
        match u {
            0xD800..=0xDBFF if matches!(units.get(i + 1), Some(0xDC00..=0xDFFF)) => i += 2,
            0xD800..=0xDFFF => return Some((i, u)),
            _ => i += 1,
        }
    }
    None
}

/// Every accessor of a `WideStr` against the array it views.
pub fn check_wide(w: WideStr<'_>, raw: &[u16], field: &str) {
    let units = until_nul(raw);
    assert_eq!(w.as_units(), units, "{field}: units");
    assert!(w.units().eq(units.iter().copied()), "{field}: units()");
    assert_eq!(w.is_empty(), units.is_empty(), "{field}: is_empty");
    assert!(w == WideStr::new(raw), "{field}: PartialEq");
    let lossy = String::from_utf16_lossy(units);
    assert_eq!(w.to_string(), lossy, "{field}: Display");
    assert_eq!(
        w.chars_lossy().collect::<String>(),
        lossy,
        "{field}: chars_lossy"
    );
    // Width, fill, alignment and precision as for str.
    assert_eq!(
        format!("{w:>40.3}"),
        format!("{lossy:>40.3}"),
        "{field}: >40.3"
    );
    assert_eq!(
        format!("{w:*^300}"),
        format!("{lossy:*^300}"),
        "{field}: *^300"
    );
    assert_eq!(
        format!("{w:.100}"),
        format!("{lossy:.100}"),
        "{field}: .100"
    );
    let strict = w.to_string_strict();
    match first_unpaired(units) {
        None => {
            assert_eq!(strict.as_deref(), Ok(lossy.as_str()), "{field}: strict");
            assert!(w.eq_str(&lossy), "{field}: eq_str");
            assert!(w == lossy.as_str(), "{field}: == str");
        }
        Some((position, unit)) => {
            match strict {
                Err(Error::InvalidUtf16 {
                    position: p,
                    unit: u,
                    ..
                }) => {
                    assert_eq!((p, u), (position, unit), "{field}: strict error");
                }
                other => panic!(
                    "{field}: to_string_strict gave {other:?}, expected unpaired {unit:#x} at {position}"
                ),
            }
            assert!(!w.eq_str(&lossy), "{field}: eq_str of lossy");
        }
    }
    sink(format_args!("{w} {w:>9}"));
    if let Err(e) = w.to_string_strict() {
        sink(format_args!("{e} {e:?}"));
    }
}

fn check_port(port: Port<'_>, r: &RAS_PORT_1) {
    assert!(*port.raw() == *r, "Port::raw");
    let r0 = &r.rasport0;
    check_wide(port.port_name(), &r0.wszPortName, "wszPortName");
    check_wide(port.device_type(), &r0.wszDeviceType, "wszDeviceType");
    check_wide(port.device_name(), &r0.wszDeviceName, "wszDeviceName");
    check_wide(port.media_name(), &r0.wszMediaName, "wszMediaName");
    check_wide(port.user_name(), &r0.wszUserName, "wszUserName");
    check_wide(port.computer(), &r0.wszComputer, "wszComputer");
    check_wide(port.logon_domain(), &r0.wszLogonDomain, "wszLogonDomain");

    let flags = port.flags();
    assert_eq!(flags.bits(), r0.Flags);
    assert_eq!(flags.unknown_bits(), r0.Flags & !KNOWN_FLAGS);
    assert_eq!(
        flags.iter().fold(0, |a, f| a | f.bits()),
        r0.Flags & KNOWN_FLAGS
    );
    assert_eq!(
        flags.is_multilinked(),
        r0.Flags & sys::PORT_MULTILINKED != 0
    );
    assert_eq!(flags.is_empty(), r0.Flags == 0);
    assert!(flags.contains(PortFlags::from_bits_retain(r0.Flags & KNOWN_FLAGS)));
    for f in flags {
        assert!(flags.contains(f) && f.bits().is_power_of_two());
    }

    assert_eq!(port.is_advanced_server(), r0.fAdvancedServer != 0);
    let secs = r0.dwStartSessionTime;
    assert_eq!(port.start_time_raw(), secs);
    let start = UNIX_EPOCH + Duration::from_secs(secs.into());
    assert_eq!(port.start_time(), start);
    assert_eq!(
        port.duration_until(start + Duration::from_secs(90)),
        Some(Duration::from_secs(90))
    );
    assert_eq!(
        port.duration_until(UNIX_EPOCH),
        (secs == 0).then_some(Duration::ZERO)
    );

    let line = port.line_condition();
    assert_eq!(line.raw(), r.LineCondition);
    assert_eq!(LineCondition::from(r.LineCondition), line);
    let known_line =
        (sys::RAS_PORT_NON_OPERATIONAL..=sys::RAS_PORT_INITIALIZING).contains(&r.LineCondition);
    assert_eq!(
        matches!(line, LineCondition::Unknown(_)),
        !known_line,
        "{line:?}"
    );
    let hw = port.hardware_condition();
    assert_eq!(hw.raw(), r.HardwareCondition);
    assert_eq!(HardwareCondition::from(r.HardwareCondition), hw);
    let known_hw =
        (sys::RAS_MODEM_OPERATIONAL..=sys::RAS_MODEM_UNKNOWN).contains(&r.HardwareCondition);
    assert_eq!(
        matches!(hw, HardwareCondition::Unknown(_)),
        !known_hw,
        "{hw:?}"
    );

    assert_eq!(port.line_speed(), r.LineSpeed);
    assert_eq!(port.num_statistics(), r.NumStatistics);
    assert_eq!(port.num_media_params(), r.NumMediaParms);
    assert_eq!(port.size_media_params(), r.SizeMediaParms);

    let pr = port.projections();
    let raw = &r.ProjResult;
    let nbf = pr.nbf();
    assert_eq!(
        (nbf.error(), nbf.is_success()),
        (raw.nbf.dwError, raw.nbf.dwError == 0)
    );
    assert_eq!(nbf.netbios_error(), raw.nbf.dwNetBiosError);
    assert_eq!(nbf.name(), &ansi(&raw.nbf.szName)[..]);
    assert!(
        nbf.name_bytes().eq(nbf.name().iter().copied()),
        "name_bytes"
    );
    check_wide(nbf.workstation(), &raw.nbf.wszWksta, "nbf.wszWksta");
    let ip = pr.ip();
    assert_eq!(
        (ip.error(), ip.is_success()),
        (raw.ip.dwError, raw.ip.dwError == 0)
    );
    check_wide(ip.address(), &raw.ip.wszAddress, "ip.wszAddress");
    let text = String::from_utf16_lossy(until_nul(&raw.ip.wszAddress));
    assert_eq!(
        ip.address_v4(),
        text.parse::<Ipv4Addr>().ok(),
        "address_v4 of {text:?}"
    );
    let ipx = pr.ipx();
    assert_eq!(
        (ipx.error(), ipx.is_success()),
        (raw.ipx.dwError, raw.ipx.dwError == 0)
    );
    check_wide(ipx.address(), &raw.ipx.wszAddress, "ipx.wszAddress");
    let at = pr.appletalk();
    assert_eq!(
        (at.error(), at.is_success()),
        (raw.at.dwError, raw.at.dwError == 0)
    );
    check_wide(at.address(), &raw.at.wszAddress, "at.wszAddress");
    assert!(*pr.raw() == *raw && *nbf.raw() == raw.nbf && *ip.raw() == raw.ip);
    assert!(*ipx.raw() == raw.ipx && *at.raw() == raw.at);
}

fn check_statistics(stats: Statistics<'_>, r: &RAS_PORT_STATISTICS) {
    assert!(*stats.raw() == *r);
    let c = stats.connection();
    let connection = c.to_array();
    let raw_connection = [
        r.dwBytesXmited,
        r.dwBytesRcved,
        r.dwFramesXmited,
        r.dwFramesRcved,
        r.dwCrcErr,
        r.dwTimeoutErr,
        r.dwAlignmentErr,
        r.dwHardwareOverrunErr,
        r.dwFramingErr,
        r.dwBufferOverrunErr,
        r.dwBytesXmitedUncompressed,
        r.dwBytesRcvedUncompressed,
        r.dwBytesXmitedCompressed,
        r.dwBytesRcvedCompressed,
    ];
    assert_eq!(connection, raw_connection);
    let p = stats.this_port();
    let port = p.to_array();
    let raw_port = [
        r.dwPortBytesXmited,
        r.dwPortBytesRcved,
        r.dwPortFramesXmited,
        r.dwPortFramesRcved,
        r.dwPortCrcErr,
        r.dwPortTimeoutErr,
        r.dwPortAlignmentErr,
        r.dwPortHardwareOverrunErr,
        r.dwPortFramingErr,
        r.dwPortBufferOverrunErr,
        r.dwPortBytesXmitedUncompressed,
        r.dwPortBytesRcvedUncompressed,
        r.dwPortBytesXmitedCompressed,
        r.dwPortBytesRcvedCompressed,
    ];
    assert_eq!(port, raw_port);
    for set in [c, p] {
        assert_eq!(
            set.sent_compression_ratio().is_none(),
            set.bytes_sent_compressed == 0
        );
        assert_eq!(
            set.received_compression_ratio().is_none(),
            set.bytes_received_compressed == 0
        );
    }
}

/// Decimal as `ParamValue::as_u32` documents it: ASCII digits, surrounding
/// ASCII whitespace allowed, fits in u32.
fn decimal(bytes: &[u8]) -> Option<u32> {
    let t = bytes.trim_ascii();
    if t.is_empty() || !t.iter().all(u8::is_ascii_digit) {
        return None;
    }
    core::str::from_utf8(t).ok()?.parse().ok()
}

/// What `Param::value` must give for element `index`.
fn expected_string(
    r: &RAS_PARAMETERS,
    index: usize,
    bound: Bound,
) -> Result<(usize, usize), Error> {
    // SAFETY: only called for ParamString elements, whose String is written.
    let (length, data) = unsafe { (r.P_Value.String.Length, r.P_Value.String.Data) };
    if length == 0 {
        return Ok((0, 0));
    }
    if data.is_null() {
        return Err(Error::NullStringData { index, length });
    }
    let (d, len) = (data.addr(), length as usize);
    let oob = Error::StringOutOfBounds { index, length };
    match bound {
        Bound::Capped if len > CAP => Err(Error::StringTooLong {
            index,
            length,
            max: CAP as u32,
        }),
        Bound::Capped => Ok((d, len)),
        Bound::Buffer { base, tail, size } => match d.checked_sub(base) {
            Some(start) if start >= tail && start + len <= size => Ok((d, len)),
            _ => Err(oob),
        },
        Bound::Slice { start, end } => {
            if d >= start && d - start + len <= end - start {
                Ok((d, len))
            } else {
                Err(oob)
            }
        }
    }
}

fn check_param(p: Param<'_>, i: usize, r: &RAS_PARAMETERS, bound: Bound) {
    assert_eq!(p.index(), i);
    assert!(ptr::eq(p.raw(), r), "Param::raw");
    let key = ansi(&r.P_Key);
    assert_eq!(p.key(), &key[..], "key");
    assert!(p.key_bytes().eq(key.iter().copied()), "key_bytes");
    let lossy = String::from_utf8_lossy(&key);
    for q in [
        lossy.to_ascii_lowercase(),
        format!("{lossy}\0"),
        format!("{lossy}A"),
    ] {
        let same = first_match(core::slice::from_ref(r), q.as_bytes()) == Some(0);
        assert_eq!(p.key_eq_ignore_ascii_case(&q), same, "key_eq({q:?})");
    }
    match p.key_str() {
        Ok(s) => assert!(key.is_ascii() && s.as_bytes() == &key[..]),
        Err(Error::NotAscii { position, byte, .. }) => {
            let bad = key
                .iter()
                .position(|b| !b.is_ascii())
                .expect("a non-ASCII byte");
            assert_eq!((position, byte), (bad, key[bad]));
        }
        Err(e) => panic!("key_str: {e:?}"),
    }
    assert_eq!(p.format(), rassapi::ParamFormat::from_raw(r.P_Type));
    assert_eq!(p.format().raw(), r.P_Type as u32);
    assert_eq!(p.attributes(), r.P_Attributes);
    let value = p.value();
    match r.P_Type {
        sys::ParamNumber => {
            // SAFETY: a ParamNumber element.
            let n = unsafe { r.P_Value.Number };
            assert!(
                matches!(value, Ok(ParamValue::Number(v)) if v == n),
                "{value:?}"
            );
            assert_eq!(value.as_ref().unwrap().as_u32(), Ok(n));
        }
        sys::ParamString => match (expected_string(r, i, bound), value.clone()) {
            (Ok((d, len)), Ok(ParamValue::String(bytes))) => {
                assert_eq!(bytes.len(), len);
                if len > 0 {
                    assert_eq!(bytes.as_ptr().addr(), d);
                }
                let v = ParamValue::String(bytes);
                assert_eq!(v.as_bytes(), Ok(bytes));
                assert_eq!(v.as_u32().ok(), decimal(bytes), "as_u32 of {bytes:?}");
                assert_eq!(v.as_str().is_ok(), bytes.is_ascii());
                sink(format_args!("{:?}", v.as_u32()));
            }
            (Err(e), Err(got)) => assert_eq!(got, e),
            (want, got) => panic!("param {i}: expected {want:?}, got {got:?} for {bound:?}"),
        },
        format => match value {
            Ok(
                v @ ParamValue::Unknown {
                    format: f,
                    value: raw,
                },
            ) => {
                assert_eq!(f, format as u32);
                // SAFETY: fuzz inputs are initialized bytes; `Number` is
                // the first four of `P_Value`, as `value` reads them.
                assert_eq!(raw, unsafe { r.P_Value.Number });
                assert_eq!(
                    v.as_u32(),
                    Err(Error::WrongFormat {
                        expected: rassapi::ParamFormat::Number,
                        found: rassapi::ParamFormat::Unknown(format as u32)
                    })
                );
                assert!(v.as_bytes().is_err() && v.as_str().is_err());
            }
            other => panic!("P_Type {format}: {other:?}"),
        },
    }
    match value {
        Ok(v) => drop((v.as_u32(), v.as_bytes(), v.as_str())),
        Err(e) => drop(sink(format_args!("{e}"))),
    }
}

/// `event.param` of one of the two event types.
pub type Lookup<'a, 'f> = dyn Fn(&str) -> Option<Param<'a>> + 'f;

fn first_match(params: &[RAS_PARAMETERS], query: &[u8]) -> Option<usize> {
    params.iter().position(|r| {
        let key = until_nul(&r.P_Key);
        key.len() == query.len()
            && key
                .iter()
                .zip(query)
                .all(|(&a, b)| (a as u8).eq_ignore_ascii_case(b))
    })
}

fn check_params<'a>(params: Params<'a>, lookup: Option<&Lookup<'a, '_>>, exp: &Expect<'_>) {
    let n = exp.params.len();
    assert_eq!(params.len(), n);
    assert_eq!(params.clone().count(), n);
    assert_eq!(params.clone().last().map(|p| p.index()), n.checked_sub(1));
    assert_eq!(
        params.clone().next_back().map(|p| p.index()),
        n.checked_sub(1)
    );
    assert_eq!(
        params.clone().nth(n / 2).map(|p| p.index()),
        (n > 0).then_some(n / 2)
    );
    assert_eq!(
        params.clone().rev().nth(1).map(|p| p.index()),
        n.checked_sub(2)
    );
    for (i, p) in params.clone().enumerate() {
        check_param(p, i, &exp.params[i], exp.bound);
    }
    // Lookups: the keys of the first few and of the last parameter, in
    // their own case, lowercased and lossily decoded, plus a few others.
    let Some(lookup) = lookup else { return };
    let mut queries: Vec<String> = vec![String::new(), "CONNECTBPS".into(), "PortName".into()];
    let first = if n > 64 { 2 } else { 6 };
    for r in exp.params.iter().take(first).chain(exp.params.last()) {
        let key = ansi(&r.P_Key);
        let lossy = String::from_utf8_lossy(&key).into_owned();
        queries.push(lossy.to_ascii_lowercase());
        queries.push(format!("{lossy}\0"));
        queries.push(lossy);
    }
    for q in &queries {
        let got = lookup(q).map(|p| p.index());
        assert_eq!(got, first_match(exp.params, q.as_bytes()), "param({q:?})");
    }
}

/// Checks a view (`HangupEvent` or `AcceptEvent`, the same API) in full.
#[macro_export]
macro_rules! check_view {
    ($event:expr, $exp:expr, full = $full:expr, lookups = $lookups:expr) => {{
        let event = $event;
        let exp: &$crate::Expect<'_> = $exp;
        $crate::check_parts(
            event.port(),
            event.statistics(),
            event.params(),
            &|k| event.param(k),
            exp,
            $full,
            $lookups,
        );
        assert!(*event.raw_port() == *exp.port && *event.raw_statistics() == *exp.stats);
        assert!(
            core::ptr::eq(event.raw_params(), exp.params)
                || event.raw_params().is_empty() && exp.params.is_empty()
        );
        if $full {
            // Debug of the event covers Port, Projections, the four
            // projections, PortFlags, Statistics, Counters, Params, Param,
            // ParamValue and WideStr.
            let copy = event;
            let n = format!("{copy:?}").len();
            assert!(n > 0);
        }
    }};
}

#[doc(hidden)]
pub fn check_parts<'a>(
    port: Port<'a>,
    stats: Statistics<'a>,
    params: Params<'a>,
    lookup: &Lookup<'a, '_>,
    exp: &Expect<'_>,
    full: bool,
    lookups: bool,
) {
    if full {
        check_port(port, exp.port);
        check_statistics(stats, exp.stats);
    } else {
        // Same bytes as a view already checked in full: spot checks.
        assert!(*port.raw() == *exp.port && *stats.raw() == *exp.stats);
        assert_eq!(
            port.user_name().as_units(),
            until_nul(&exp.port.rasport0.wszUserName)
        );
        assert_eq!(stats.this_port().bytes_sent, exp.stats.dwPortBytesXmited);
    }
    check_params(params, lookups.then_some(lookup), exp);
}

/// The whole `event` target: `from_raw` of both views on the pointers,
/// `new` of both views on aligned copies, each checked in full.
pub fn run(data: &[u8]) {
    use rassapi::{AcceptEvent, HangupEvent};
    let case = Case::new(data);
    let expected = case.expected_from_raw();
    // SAFETY: `Case` builds the triple to honour from_raw's contract; the
    // arena outlives both views and is not written while they live.
    let hangup = unsafe { HangupEvent::from_raw(case.port, case.stats, case.params) };
    // SAFETY: as above.
    let accept = unsafe { AcceptEvent::from_raw(case.port, case.stats, case.params) };
    match (&expected, hangup, accept) {
        (Ok(bound), Ok(h), Ok(a)) => {
            let exp = case.raw_expect(*bound);
            check_view!(h, &exp, full = true, lookups = true);
            check_view!(a, &exp, full = false, lookups = false);
        }
        (Err(e), Err(h), Err(a)) => {
            assert_eq!((&h, &a), (e, e), "{case:?}");
            sink(format_args!("{h} {h:?}"));
        }
        (want, h, a) => panic!("from_raw: expected {want:?}, got {h:?} / {a:?} for {case:?}"),
    }

    let (args, expected_new) = case.new_args();
    // SAFETY: every byte of the copies is initialized (copied from the
    // arena), so each `P_Value.String` is.
    let hangup = unsafe { HangupEvent::new(args.port, args.stats, args.params, args.string_data) };
    // SAFETY: as above.
    let accept = unsafe { AcceptEvent::new(args.port, args.stats, args.params, args.string_data) };
    match (expected_new, hangup, accept) {
        (Ok(bound), Ok(h), Ok(a)) => {
            let exp = Expect {
                port: args.port,
                stats: args.stats,
                params: args.params,
                bound,
            };
            check_view!(h, &exp, full = expected.is_err(), lookups = true);
            check_view!(a, &exp, full = false, lookups = false);
        }
        (Err(e), Err(h), Err(a)) => assert_eq!((h, a), (e.clone(), e)),
        (want, h, a) => panic!("new: expected {want:?}, got {h:?} / {a:?} for {case:?}"),
    }
}
