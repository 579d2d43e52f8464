//! [`Statistics`]: the counters of `RAS_PORT_STATISTICS` with Rust names.

use crate::sys::RAS_PORT_STATISTICS;
use core::fmt;

/// One set of fourteen counters of `RAS_PORT_STATISTICS`: either the
/// connection totals or this port's own.
///
/// All counters are 32-bit and wrap as the host's do.
///
/// ```
/// use rassapi::Counters;
///
/// let c = Counters {
///     bytes_sent_uncompressed: 3_000,
///     bytes_sent_compressed: 1_000,
///     ..Counters::default()
/// };
/// assert_eq!(c.sent_compression_ratio(), Some(3.0));
/// assert_eq!(c.received_compression_ratio(), None); // nothing received
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Counters {
    /// Bytes sent.
    pub bytes_sent: u32,
    /// Bytes received.
    pub bytes_received: u32,
    /// Frames sent.
    pub frames_sent: u32,
    /// Frames received.
    pub frames_received: u32,
    /// CRC errors.
    pub crc_errors: u32,
    /// Timeout errors.
    pub timeout_errors: u32,
    /// Alignment errors.
    pub alignment_errors: u32,
    /// Hardware overrun errors.
    pub hardware_overrun_errors: u32,
    /// Framing errors.
    pub framing_errors: u32,
    /// Buffer overrun errors.
    pub buffer_overrun_errors: u32,
    /// Bytes sent, counted before compression.
    pub bytes_sent_uncompressed: u32,
    /// Bytes received, counted after decompression.
    pub bytes_received_uncompressed: u32,
    /// Bytes sent, counted after compression.
    pub bytes_sent_compressed: u32,
    /// Bytes received, counted before decompression.
    pub bytes_received_compressed: u32,
}

impl Counters {
    /// `bytes_sent_uncompressed / bytes_sent_compressed`: above 1 when
    /// compression saved bytes; `None` when nothing compressed was sent.
    pub fn sent_compression_ratio(&self) -> Option<f64> {
        ratio(self.bytes_sent_uncompressed, self.bytes_sent_compressed)
    }

    /// `bytes_received_uncompressed / bytes_received_compressed`; `None` when
    /// nothing compressed was received.
    pub fn received_compression_ratio(&self) -> Option<f64> {
        ratio(
            self.bytes_received_uncompressed,
            self.bytes_received_compressed,
        )
    }
}

/// Which fourteen DWORDs of `RAS_PORT_STATISTICS`.
#[derive(Clone, Copy)]
pub(crate) enum Set {
    Connection,
    Port,
}

/// The one table pairing each counter with its two C fields; it generates
/// the reader, and the writer and sum the test builder uses.
macro_rules! counter_fields {
    ($($name:ident: $connection:ident, $port:ident;)*) => {
        impl Counters {
            /// The fourteen counters in the order of the C fields
            /// (`bytes_sent` ... `bytes_received_compressed`).
            #[inline]
            pub fn to_array(self) -> [u32; 14] {
                [$(self.$name),*]
            }

            #[inline]
            fn read(raw: &RAS_PORT_STATISTICS, set: Set) -> Counters {
                match set {
                    Set::Connection => Counters { $($name: raw.$connection,)* },
                    Set::Port => Counters { $($name: raw.$port,)* },
                }
            }

            #[cfg(feature = "testing")]
            pub(crate) fn write(self, raw: &mut RAS_PORT_STATISTICS, set: Set) {
                match set {
                    Set::Connection => { $(raw.$connection = self.$name;)* }
                    Set::Port => { $(raw.$port = self.$name;)* }
                }
            }

            #[cfg(feature = "testing")]
            pub(crate) fn wrapping_add(self, other: Counters) -> Counters {
                Counters { $($name: self.$name.wrapping_add(other.$name),)* }
            }
        }
    };
}

counter_fields! {
    bytes_sent: dwBytesXmited, dwPortBytesXmited;
    bytes_received: dwBytesRcved, dwPortBytesRcved;
    frames_sent: dwFramesXmited, dwPortFramesXmited;
    frames_received: dwFramesRcved, dwPortFramesRcved;
    crc_errors: dwCrcErr, dwPortCrcErr;
    timeout_errors: dwTimeoutErr, dwPortTimeoutErr;
    alignment_errors: dwAlignmentErr, dwPortAlignmentErr;
    hardware_overrun_errors: dwHardwareOverrunErr, dwPortHardwareOverrunErr;
    framing_errors: dwFramingErr, dwPortFramingErr;
    buffer_overrun_errors: dwBufferOverrunErr, dwPortBufferOverrunErr;
    bytes_sent_uncompressed: dwBytesXmitedUncompressed, dwPortBytesXmitedUncompressed;
    bytes_received_uncompressed: dwBytesRcvedUncompressed, dwPortBytesRcvedUncompressed;
    bytes_sent_compressed: dwBytesXmitedCompressed, dwPortBytesXmitedCompressed;
    bytes_received_compressed: dwBytesRcvedCompressed, dwPortBytesRcvedCompressed;
}

fn ratio(num: u32, den: u32) -> Option<f64> {
    (den != 0).then(|| f64::from(num) / f64::from(den))
}

/// Counters of a port since its connection started: a view of
/// `RAS_PORT_STATISTICS`, in two sets of [`Counters`].
///
/// * [`connection`](Self::connection): the whole connection. For a
///   multilink bundle that is every link together, and RAS reports the same
///   totals on each link's hang-up: take them once per connection (e.g.
///   from the last link), do not add them up.
/// * [`this_port`](Self::this_port): this link alone. Summed over a
///   bundle's links they give the traffic per link; their compression
///   counters are not valid when the port is multilinked
///   ([`PortFlags::is_multilinked`](crate::PortFlags::is_multilinked)),
///   since compression works on the bundle.
///
/// For a single link both sets are equal.
///
/// ```
/// use rassapi::Statistics;
///
/// let mut raw = rassapi::sys::RAS_PORT_STATISTICS::default();
/// raw.dwBytesXmited = 900;
/// raw.dwPortBytesXmited = 300;
/// let stats = Statistics::new(&raw);
/// assert_eq!(stats.connection().bytes_sent, 900);
/// assert_eq!(stats.this_port().bytes_sent, 300);
/// ```
#[derive(Clone, Copy)]
pub struct Statistics<'a> {
    raw: &'a RAS_PORT_STATISTICS,
}

impl<'a> Statistics<'a> {
    /// Views `raw`.
    #[inline]
    pub fn new(raw: &'a RAS_PORT_STATISTICS) -> Self {
        Statistics { raw }
    }

    /// Totals of the whole connection (every link of a multilink bundle,
    /// the same on each link's call): the first fourteen fields.
    #[inline]
    pub fn connection(&self) -> Counters {
        Counters::read(self.raw, Set::Connection)
    }

    /// Counters of this port alone: the `dwPort…` fields. (The port's
    /// other data is [`Event::port`](crate::Event::port).)
    #[inline]
    pub fn this_port(&self) -> Counters {
        Counters::read(self.raw, Set::Port)
    }

    /// Former name of [`this_port`](Self::this_port), easy to confuse with
    /// [`Event::port`](crate::Event::port).
    #[deprecated(since = "0.1.0", note = "renamed to `this_port`")]
    #[inline]
    pub fn port(&self) -> Counters {
        self.this_port()
    }

    /// The structure behind the view.
    #[inline]
    pub fn raw(&self) -> &'a RAS_PORT_STATISTICS {
        self.raw
    }
}

impl fmt::Debug for Statistics<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Statistics")
            .field("connection", &self.connection())
            .field("this_port", &self.this_port())
            .finish()
    }
}
