//! The views of the four callbacks' arguments, side by side: what each
//! handler receives, validated, with Rust names and types.
//!
//! | callback | view | handler answers |
//! |----------|------|-----------------|
//! | `RasAdminAcceptNewConnection` | [`AcceptEvent`] | `bool` |
//! | `RasAdminConnectionHangupNotification` | [`HangupEvent`] | nothing |
//! | `RasAdminGetIpAddressForUser` | [`GetIpAddressEvent`] | [`IpAssignment`] or [`ErrorCode`] |
//! | `RasAdminReleaseIpAddress` | [`ReleaseIpAddressEvent`] | nothing |
//!
//! * [`connection`](AcceptEvent): accept and hang-up receive the same
//!   pointer triple (port, statistics, media parameters), viewed by one
//!   generic [`Event`], `AcceptEvent` and `HangupEvent` being its two
//!   kinds.
//! * IP address: get-IP and release receive the user and port names and
//!   an `IPADDR`, viewed by one generic [`IpEvent`], `GetIpAddressEvent`
//!   and `ReleaseIpAddressEvent` being its two kinds.
//!
//! The export macros ([`crate::export`]) build these views from RAS's
//! arguments; tests can build them too (feature `testing`, or the `new`
//! constructors).

mod connection;
mod error_code;
mod ip_address;

pub use connection::{Accept, AcceptEvent, ConnectionCallback, Event, Hangup, HangupEvent};
pub use error_code::ErrorCode;
pub use ip_address::{
    GetIp, GetIpAddressEvent, IpAssignment, IpCallback, IpEvent, ReleaseIp, ReleaseIpAddressEvent,
    ipaddr_from_ipv4, ipv4_from_ipaddr,
};
