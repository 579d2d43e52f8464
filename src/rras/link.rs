//! [`RrasLink`]: what RRAS passes to the link callbacks (mprapi's
//! `RAS_PORT_0` and `RAS_PORT_1`), validated.

use core::fmt;

use super::mprapi::{RAS_PORT_0, RAS_PORT_1};
use super::{RrasHardwareCondition, RrasPortCondition, SessionCounters};
use crate::{Error, WideStr, pointer};

/// One link of a connection as RRAS describes it to
/// `MprAdminAcceptNewLink` and `MprAdminLinkHangupNotification`: a borrowed
/// view of **mprapi's** `RAS_PORT_0` and `RAS_PORT_1`.
///
/// Not to be confused with [`Port`](crate::Port), the view of NT 4.0's
/// `rassapi.h` `RAS_PORT_1`: the C names are the same, the structures are
/// not (see [`mprapi`](super::mprapi)).
#[derive(Clone, Copy)]
pub struct RrasLink<'a> {
    p0: &'a RAS_PORT_0,
    p1: &'a RAS_PORT_1,
}

impl<'a> RrasLink<'a> {
    /// Checks RRAS's two pointers and builds the view.
    ///
    /// # Errors
    ///
    /// [`Error::Null`] or [`Error::Misaligned`] naming `pRasPort0` or
    /// `pRasPort1`.
    ///
    /// # Safety
    ///
    /// Each pointer, if non-null and aligned, must be valid for reads of
    /// its structure, unchanged during `'a`.
    #[inline]
    pub unsafe fn from_raw(p0: *const RAS_PORT_0, p1: *const RAS_PORT_1) -> Result<Self, Error> {
        // SAFETY: the caller promises readability for 'a when non-null and
        // aligned, which `checked_ref` checks first.
        let p0 = unsafe { pointer::checked_ref(p0, "pRasPort0") }?;
        // SAFETY: as above.
        let p1 = unsafe { pointer::checked_ref(p1, "pRasPort1") }?;
        Ok(RrasLink { p0, p1 })
    }

    /// The view over structures the caller owns (tests, tools).
    pub fn new(p0: &'a RAS_PORT_0, p1: &'a RAS_PORT_1) -> Self {
        RrasLink { p0, p1 }
    }

    /// `wszPortName`, e.g. `VPN2-1` or `COM1`.
    #[inline]
    pub fn port_name(&self) -> WideStr<'a> {
        WideStr::named(&self.p0.wszPortName, "wszPortName")
    }

    /// `wszMediaName`.
    #[inline]
    pub fn media_name(&self) -> WideStr<'a> {
        WideStr::named(&self.p0.wszMediaName, "wszMediaName")
    }

    /// `wszDeviceName`.
    #[inline]
    pub fn device_name(&self) -> WideStr<'a> {
        WideStr::named(&self.p0.wszDeviceName, "wszDeviceName")
    }

    /// `wszDeviceType`.
    #[inline]
    pub fn device_type(&self) -> WideStr<'a> {
        WideStr::named(&self.p0.wszDeviceType, "wszDeviceType")
    }

    /// `dwPortCondition`.
    #[inline]
    pub fn condition(&self) -> RrasPortCondition {
        RrasPortCondition::from(self.p0.dwPortCondition)
    }

    /// `dwHardwareCondition`.
    #[inline]
    pub fn hardware_condition(&self) -> RrasHardwareCondition {
        RrasHardwareCondition::from(self.p1.dwHardwareCondition)
    }

    /// `dwTotalNumberOfCalls`.
    #[inline]
    pub fn total_calls(&self) -> u32 {
        self.p0.dwTotalNumberOfCalls
    }

    /// `dwConnectDuration`: seconds this link has been up.
    #[inline]
    pub fn connect_duration(&self) -> u32 {
        self.p0.dwConnectDuration
    }

    /// `dwLineSpeed`, bits per second.
    #[inline]
    pub fn line_speed(&self) -> u32 {
        self.p1.dwLineSpeed
    }

    /// This link's counters (`RAS_PORT_1`).
    #[inline]
    pub fn counters(&self) -> SessionCounters {
        SessionCounters::from(self.p1)
    }

    /// `dwCompressionRatioIn`.
    #[inline]
    pub fn compression_ratio_in(&self) -> u32 {
        self.p1.dwCompressionRatioIn
    }

    /// `dwCompressionRatioOut`.
    #[inline]
    pub fn compression_ratio_out(&self) -> u32 {
        self.p1.dwCompressionRatioOut
    }

    /// `hConnection` as a number: the connection this link belongs to
    /// (equal to [`RrasConnection::handle`](super::RrasConnection::handle)).
    #[inline]
    pub fn connection_handle(&self) -> usize {
        self.p0.hConnection.addr()
    }

    /// `hPort` as a number.
    #[inline]
    pub fn port_handle(&self) -> usize {
        self.p0.hPort.addr()
    }

    /// mprapi's `RAS_PORT_0`.
    #[inline]
    pub fn raw0(&self) -> &'a RAS_PORT_0 {
        self.p0
    }

    /// mprapi's `RAS_PORT_1`.
    #[inline]
    pub fn raw1(&self) -> &'a RAS_PORT_1 {
        self.p1
    }
}

impl fmt::Debug for RrasLink<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RrasLink")
            .field("port_name", &self.port_name())
            .field("device_name", &self.device_name())
            .field("connect_duration", &self.connect_duration())
            .field("counters", &self.counters())
            .finish_non_exhaustive()
    }
}
