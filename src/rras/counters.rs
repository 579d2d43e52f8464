//! [`SessionCounters`]: the traffic and error counters both APIs report.

use super::mprapi::{RAS_CONNECTION_1, RAS_PORT_1};
use crate::Counters;

/// The counters every source has: NT 4.0's `RAS_PORT_STATISTICS` (either
/// half), RRAS's `RAS_CONNECTION_1` (the whole connection) and mprapi's
/// `RAS_PORT_1` (one link). Which of those a value came from is the
/// [`Scope`](super::Scope) of the event.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SessionCounters {
    /// Bytes sent (`dwBytesXmited`).
    pub bytes_sent: u32,
    /// Bytes received (`dwBytesRcved`).
    pub bytes_received: u32,
    /// Frames sent (`dwFramesXmited`).
    pub frames_sent: u32,
    /// Frames received (`dwFramesRcved`).
    pub frames_received: u32,
    /// CRC errors (`dwCrcErr`).
    pub crc_errors: u32,
    /// Timeout errors (`dwTimeoutErr`).
    pub timeout_errors: u32,
    /// Alignment errors (`dwAlignmentErr`).
    pub alignment_errors: u32,
    /// Hardware overrun errors (`dwHardwareOverrunErr`).
    pub hardware_overrun_errors: u32,
    /// Framing errors (`dwFramingErr`).
    pub framing_errors: u32,
    /// Buffer overrun errors (`dwBufferOverrunErr`).
    pub buffer_overrun_errors: u32,
}

macro_rules! from_mpr {
    ($raw:ident) => {
        impl From<&$raw> for SessionCounters {
            #[inline]
            fn from(r: &$raw) -> Self {
                SessionCounters {
                    bytes_sent: r.dwBytesXmited,
                    bytes_received: r.dwBytesRcved,
                    frames_sent: r.dwFramesXmited,
                    frames_received: r.dwFramesRcved,
                    crc_errors: r.dwCrcErr,
                    timeout_errors: r.dwTimeoutErr,
                    alignment_errors: r.dwAlignmentErr,
                    hardware_overrun_errors: r.dwHardwareOverrunErr,
                    framing_errors: r.dwFramingErr,
                    buffer_overrun_errors: r.dwBufferOverrunErr,
                }
            }
        }
    };
}
from_mpr!(RAS_CONNECTION_1);
from_mpr!(RAS_PORT_1);

impl From<&Counters> for SessionCounters {
    #[inline]
    fn from(c: &Counters) -> Self {
        SessionCounters {
            bytes_sent: c.bytes_sent,
            bytes_received: c.bytes_received,
            frames_sent: c.frames_sent,
            frames_received: c.frames_received,
            crc_errors: c.crc_errors,
            timeout_errors: c.timeout_errors,
            alignment_errors: c.alignment_errors,
            hardware_overrun_errors: c.hardware_overrun_errors,
            framing_errors: c.framing_errors,
            buffer_overrun_errors: c.buffer_overrun_errors,
        }
    }
}
