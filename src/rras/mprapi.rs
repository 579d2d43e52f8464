//! The raw `mprapi.h` types the RRAS views read, re-exported from
//! Microsoft's `windows-sys` (`Win32::NetworkManagement::Rras`) under their
//! C names.
//!
//! **Not rassapi's types.** [`RAS_PORT_0`] and [`RAS_PORT_1`] here are
//! RRAS's (a port handle, a connection handle, condition, counters),
//! while [`crate::sys::RAS_PORT_0`] and [`crate::sys::RAS_PORT_1`] are
//! NT 4.0's `rassapi.h` ones, laid out entirely differently. The safe views
//! keep them apart by name: [`RrasLink`](super::RrasLink) reads these,
//! [`Port`](crate::Port) reads `sys`'s.

pub use windows_sys::Win32::Foundation::{FILETIME, HANDLE};
pub use windows_sys::Win32::NetworkManagement::Rras::{
    PPP_ATCP_INFO, PPP_CCP_INFO, PPP_INFO, PPP_INFO_2, PPP_INFO_3, PPP_IPCP_INFO, PPP_IPCP_INFO2,
    PPP_IPV6_CP_INFO, PPP_IPXCP_INFO, PPP_LCP_INFO, PPP_LCP_MULTILINK_FRAMING, PPP_NBFCP_INFO,
    RAS_CONNECTION_0, RAS_CONNECTION_1, RAS_CONNECTION_2, RAS_CONNECTION_3, RAS_HARDWARE_CONDITION,
    RAS_PORT_0, RAS_PORT_1, RAS_PORT_CONDITION, RAS_QUARANTINE_STATE, ROUTER_INTERFACE_TYPE,
};
pub use windows_sys::core::{BOOL, GUID};
