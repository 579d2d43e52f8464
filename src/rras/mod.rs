//! Routing and Remote Access (RRAS): the `MprAdmin*` callbacks of
//! `mprapi.h`, and one face for both APIs.
//!
//! NT 4.0's RAS server calls the four `RasAdmin*` exports of an admin DLL
//! ([`crate::export`]); RRAS (the NT 4.0 RRAS update, Windows 2000, every
//! Windows Server since) loads DLLs from the same `AdminDll` key but calls
//! `MprAdmin*` exports instead, and **refuses to start** if a required one
//! is missing ([`RrasCallback::is_required`]). This module has:
//!
//! * [`mprapi`]: the raw `mprapi.h` types, Microsoft's own (`windows-sys`).
//!   Its `RAS_PORT_0`/`RAS_PORT_1` are RRAS's and have nothing in common
//!   with [`crate::sys`]'s NT 4.0 ones but the name.
//! * The typed function-pointer aliases of the callbacks
//!   ([`MprAdminAcceptNewConnectionFn`] and the rest), each checked at
//!   compile time to be exactly `windows-sys`'s type where it has one.
//! * Borrowed, validated views: [`RrasConnection`] (`RAS_CONNECTION_0..3`)
//!   and [`RrasLink`] (mprapi's `RAS_PORT_0` + `RAS_PORT_1`), with the
//!   discipline of [`HangupEvent`](crate::HangupEvent): checked
//!   constructors, typed errors, no allocation, unknown enum values kept
//!   as `Unknown`.
//! * The common face [`AnySession`]: user, domain, port or interface name,
//!   start or duration, counters, IPv4 address, multilink membership, read
//!   the same way from either API; it documents the per-link versus
//!   per-connection mapping.
//! * [`rras_admin_dll!`](crate::rras_admin_dll): both export sets from one
//!   block, with neutral defaults.

pub mod mprapi;

mod callbacks;
mod conditions;
mod connection;
mod counters;
mod guid;
mod hook_error;
mod ipv4;
mod layout;
mod link;
mod macros;
mod session;

#[doc(hidden)]
#[path = "runtime.rs"]
pub mod __private;

pub use callbacks::{
    MprAdminAcceptNewConnection2Fn, MprAdminAcceptNewConnection3Fn, MprAdminAcceptNewConnectionFn,
    MprAdminAcceptNewLinkFn, MprAdminAcceptReauthenticationFn,
    MprAdminConnectionHangupNotification2Fn, MprAdminConnectionHangupNotification3Fn,
    MprAdminConnectionHangupNotificationFn, MprAdminGetIpAddressForUserFn, MprAdminInitializeDllFn,
    MprAdminLinkHangupNotificationFn, MprAdminReleaseIpAddressFn, MprAdminTerminateDllFn,
    RrasCallback,
};
pub use conditions::{InterfaceType, QuarantineState, RrasHardwareCondition, RrasPortCondition};
pub use connection::{Level, RrasConnection};
pub use counters::SessionCounters;
pub use guid::Guid;
pub use hook_error::{HookError, HookErrorKind};
pub use link::RrasLink;
pub use session::{AnySession, Api, Scope};
