//! The enumerations of `mprapi.h` the RRAS views decode; a value RRAS
//! sends that is not listed becomes `Unknown` with the raw value.

macro_rules! mpr_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident : $raw:ident { $($(#[$vmeta:meta])* $variant:ident = $value:ident,)* }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
            /// A value this crate does not know, as RRAS sent it.
            Unknown(i32),
        }

        impl From<i32> for $name {
            #[inline]
            fn from(raw: i32) -> Self {
                use windows_sys::Win32::NetworkManagement::Rras as mpr;
                match raw {
                    $(mpr::$value => $name::$variant,)*
                    other => $name::Unknown(other),
                }
            }
        }

        impl $name {
            /// The raw `mprapi.h` value.
            #[inline]
            pub fn raw(self) -> i32 {
                use windows_sys::Win32::NetworkManagement::Rras as mpr;
                match self {
                    $($name::$variant => mpr::$value,)*
                    $name::Unknown(raw) => raw,
                }
            }
        }
    };
}

mpr_enum! {
    /// `ROUTER_INTERFACE_TYPE`: what kind of interface a connection is on.
    pub enum InterfaceType: ROUTER_INTERFACE_TYPE {
        /// A dial-in client (`ROUTER_IF_TYPE_CLIENT`).
        Client = ROUTER_IF_TYPE_CLIENT,
        /// A home router (`ROUTER_IF_TYPE_HOME_ROUTER`).
        HomeRouter = ROUTER_IF_TYPE_HOME_ROUTER,
        /// A full router (`ROUTER_IF_TYPE_FULL_ROUTER`).
        FullRouter = ROUTER_IF_TYPE_FULL_ROUTER,
        /// A dedicated (LAN) interface (`ROUTER_IF_TYPE_DEDICATED`).
        Dedicated = ROUTER_IF_TYPE_DEDICATED,
        /// The internal interface (`ROUTER_IF_TYPE_INTERNAL`).
        Internal = ROUTER_IF_TYPE_INTERNAL,
        /// Loopback (`ROUTER_IF_TYPE_LOOPBACK`).
        Loopback = ROUTER_IF_TYPE_LOOPBACK,
        /// A tunnel (`ROUTER_IF_TYPE_TUNNEL1`).
        Tunnel = ROUTER_IF_TYPE_TUNNEL1,
        /// Dial-out (`ROUTER_IF_TYPE_DIALOUT`).
        Dialout = ROUTER_IF_TYPE_DIALOUT,
    }
}

mpr_enum! {
    /// `RAS_QUARANTINE_STATE` of a connection (`RAS_CONNECTION_3`).
    pub enum QuarantineState: RAS_QUARANTINE_STATE {
        /// Not quarantined (`RAS_QUAR_STATE_NORMAL`).
        Normal = RAS_QUAR_STATE_NORMAL,
        /// Quarantined (`RAS_QUAR_STATE_QUARANTINE`).
        Quarantine = RAS_QUAR_STATE_QUARANTINE,
        /// On probation (`RAS_QUAR_STATE_PROBATION`).
        Probation = RAS_QUAR_STATE_PROBATION,
        /// The client cannot do quarantine (`RAS_QUAR_STATE_NOT_CAPABLE`).
        NotCapable = RAS_QUAR_STATE_NOT_CAPABLE,
    }
}

mpr_enum! {
    /// `RAS_PORT_CONDITION` of an RRAS link (mprapi's `RAS_PORT_0`; NT 4.0's
    /// port has [`LineCondition`](crate::LineCondition) instead).
    pub enum RrasPortCondition: RAS_PORT_CONDITION {
        /// `RAS_PORT_NON_OPERATIONAL`.
        NonOperational = RAS_PORT_NON_OPERATIONAL,
        /// `RAS_PORT_DISCONNECTED`.
        Disconnected = RAS_PORT_DISCONNECTED,
        /// `RAS_PORT_CALLING_BACK`.
        CallingBack = RAS_PORT_CALLING_BACK,
        /// `RAS_PORT_LISTENING`.
        Listening = RAS_PORT_LISTENING,
        /// `RAS_PORT_AUTHENTICATING`.
        Authenticating = RAS_PORT_AUTHENTICATING,
        /// `RAS_PORT_AUTHENTICATED`.
        Authenticated = RAS_PORT_AUTHENTICATED,
        /// `RAS_PORT_INITIALIZING`.
        Initializing = RAS_PORT_INITIALIZING,
    }
}

mpr_enum! {
    /// `RAS_HARDWARE_CONDITION` of an RRAS link (mprapi's `RAS_PORT_1`).
    pub enum RrasHardwareCondition: RAS_HARDWARE_CONDITION {
        /// `RAS_HARDWARE_OPERATIONAL`.
        Operational = RAS_HARDWARE_OPERATIONAL,
        /// `RAS_HARDWARE_FAILURE`.
        Failure = RAS_HARDWARE_FAILURE,
    }
}
