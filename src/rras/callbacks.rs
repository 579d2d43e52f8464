//! The `MprAdmin*` callbacks RRAS calls, declared once in
//! [`__rassapi_rras_callbacks!`](crate::__rassapi_rras_callbacks): their
//! typed function-pointer aliases, [`RrasCallback`], and the exports of
//! [`rras_admin_dll!`](crate::rras_admin_dll) are all generated from it.

use super::mprapi::{
    BOOL, RAS_CONNECTION_0, RAS_CONNECTION_1, RAS_CONNECTION_2, RAS_CONNECTION_3, RAS_PORT_0,
    RAS_PORT_1,
};

/// `DWORD MprAdminInitializeDll(void)`: RRAS loaded the DLL.
pub type MprAdminInitializeDllFn = unsafe extern "system" fn() -> u32;
/// `DWORD MprAdminTerminateDll(void)`: RRAS is about to unload the DLL.
pub type MprAdminTerminateDllFn = unsafe extern "system" fn() -> u32;
/// `BOOL MprAdminAcceptNewConnection(RAS_CONNECTION_0 *, RAS_CONNECTION_1 *)`.
pub type MprAdminAcceptNewConnectionFn =
    unsafe extern "system" fn(*mut RAS_CONNECTION_0, *mut RAS_CONNECTION_1) -> BOOL;
/// `BOOL MprAdminAcceptNewConnection2(…0 *, …1 *, RAS_CONNECTION_2 *)`.
pub type MprAdminAcceptNewConnection2Fn = unsafe extern "system" fn(
    *mut RAS_CONNECTION_0,
    *mut RAS_CONNECTION_1,
    *mut RAS_CONNECTION_2,
) -> BOOL;
/// `BOOL MprAdminAcceptNewConnection3(…0 *, …1 *, …2 *, RAS_CONNECTION_3 *)`.
pub type MprAdminAcceptNewConnection3Fn = unsafe extern "system" fn(
    *mut RAS_CONNECTION_0,
    *mut RAS_CONNECTION_1,
    *mut RAS_CONNECTION_2,
    *mut RAS_CONNECTION_3,
) -> BOOL;
/// `BOOL MprAdminAcceptNewLink(RAS_PORT_0 *, RAS_PORT_1 *)` (mprapi's ports).
pub type MprAdminAcceptNewLinkFn =
    unsafe extern "system" fn(*mut RAS_PORT_0, *mut RAS_PORT_1) -> BOOL;
/// `void MprAdminConnectionHangupNotification(…0 *, …1 *)`.
pub type MprAdminConnectionHangupNotificationFn =
    unsafe extern "system" fn(*mut RAS_CONNECTION_0, *mut RAS_CONNECTION_1);
/// `void MprAdminConnectionHangupNotification2(…0 *, …1 *, …2 *)`.
pub type MprAdminConnectionHangupNotification2Fn =
    unsafe extern "system" fn(*mut RAS_CONNECTION_0, *mut RAS_CONNECTION_1, *mut RAS_CONNECTION_2);
/// `void MprAdminConnectionHangupNotification3(…0 *, …1 *, …2 *, …3 *)`.
pub type MprAdminConnectionHangupNotification3Fn = unsafe extern "system" fn(
    *mut RAS_CONNECTION_0,
    *mut RAS_CONNECTION_1,
    *mut RAS_CONNECTION_2,
    *mut RAS_CONNECTION_3,
);
/// `void MprAdminLinkHangupNotification(RAS_PORT_0 *, RAS_PORT_1 *)`.
pub type MprAdminLinkHangupNotificationFn =
    unsafe extern "system" fn(*mut RAS_PORT_0, *mut RAS_PORT_1);
/// `BOOL MprAdminAcceptReauthentication(…0 *, …1 *, …2 *, …3 *)`.
pub type MprAdminAcceptReauthenticationFn = unsafe extern "system" fn(
    *mut RAS_CONNECTION_0,
    *mut RAS_CONNECTION_1,
    *mut RAS_CONNECTION_2,
    *mut RAS_CONNECTION_3,
) -> BOOL;
/// `DWORD MprAdminGetIpAddressForUser(WCHAR *user, WCHAR *port, DWORD *address,
/// BOOL *notify_release)`. The names are read only, hence `*const`, as in
/// `windows-sys`.
pub type MprAdminGetIpAddressForUserFn =
    unsafe extern "system" fn(*const u16, *const u16, *mut u32, *mut BOOL) -> u32;
/// `void MprAdminReleaseIpAddress(WCHAR *user, WCHAR *port, DWORD *address)`.
pub type MprAdminReleaseIpAddressFn = unsafe extern "system" fn(*const u16, *const u16, *mut u32);

/// The table of the `MprAdmin*` exports: for each, the [`RrasCallback`]
/// variant, the exported C name with its parameters and return type, its
/// alias here, its `windows-sys` alias (if it has one), the runtime
/// function of `rras::__private` with its arguments, and the item in the
/// DLL's crate that `rras_admin_dll!` defines as its handler.
///
/// `__rassapi_rras_callbacks!([path::to::macro] args...)` expands to
/// `path::to::macro! { [args...] <table> }`. Not a public API.
#[doc(hidden)]
#[macro_export]
macro_rules! __rassapi_rras_callbacks {
    ([$($consumer:tt)*] $($args:tt)*) => {
        $($consumer)*! {
            [$($args)*]
            InitializeDll = MprAdminInitializeDll() -> u32;
                alias: MprAdminInitializeDllFn; wsys: [];
                call: lifecycle($crate::rras::RrasCallback::InitializeDll); handler: __rassapi_dll_initialize;
            TerminateDll = MprAdminTerminateDll() -> u32;
                alias: MprAdminTerminateDllFn; wsys: [PMPRADMINTERMINATEDLL];
                call: lifecycle($crate::rras::RrasCallback::TerminateDll); handler: __rassapi_dll_terminate;
            AcceptNewConnection = MprAdminAcceptNewConnection(
                c0: *mut $crate::rras::mprapi::RAS_CONNECTION_0,
                c1: *mut $crate::rras::mprapi::RAS_CONNECTION_1,
            ) -> $crate::rras::mprapi::BOOL;
                alias: MprAdminAcceptNewConnectionFn; wsys: [PMPRADMINACCEPTNEWCONNECTION];
                call: accept_connection($crate::rras::RrasCallback::AcceptNewConnection, c0, c1,
                    ::core::ptr::null_mut(), ::core::ptr::null_mut());
                handler: __rassapi_dll_accept;
            AcceptNewConnection2 = MprAdminAcceptNewConnection2(
                c0: *mut $crate::rras::mprapi::RAS_CONNECTION_0,
                c1: *mut $crate::rras::mprapi::RAS_CONNECTION_1,
                c2: *mut $crate::rras::mprapi::RAS_CONNECTION_2,
            ) -> $crate::rras::mprapi::BOOL;
                alias: MprAdminAcceptNewConnection2Fn; wsys: [PMPRADMINACCEPTNEWCONNECTION2];
                call: accept_connection($crate::rras::RrasCallback::AcceptNewConnection2, c0, c1, c2,
                    ::core::ptr::null_mut());
                handler: __rassapi_dll_accept;
            AcceptNewConnection3 = MprAdminAcceptNewConnection3(
                c0: *mut $crate::rras::mprapi::RAS_CONNECTION_0,
                c1: *mut $crate::rras::mprapi::RAS_CONNECTION_1,
                c2: *mut $crate::rras::mprapi::RAS_CONNECTION_2,
                c3: *mut $crate::rras::mprapi::RAS_CONNECTION_3,
            ) -> $crate::rras::mprapi::BOOL;
                alias: MprAdminAcceptNewConnection3Fn; wsys: [PMPRADMINACCEPTNEWCONNECTION3];
                call: accept_connection($crate::rras::RrasCallback::AcceptNewConnection3, c0, c1, c2, c3);
                handler: __rassapi_dll_accept;
            AcceptNewLink = MprAdminAcceptNewLink(
                p0: *mut $crate::rras::mprapi::RAS_PORT_0,
                p1: *mut $crate::rras::mprapi::RAS_PORT_1,
            ) -> $crate::rras::mprapi::BOOL;
                alias: MprAdminAcceptNewLinkFn; wsys: [PMPRADMINACCEPTNEWLINK];
                call: accept_link(p0, p1); handler: __rassapi_dll_accept_link;
            ConnectionHangupNotification = MprAdminConnectionHangupNotification(
                c0: *mut $crate::rras::mprapi::RAS_CONNECTION_0,
                c1: *mut $crate::rras::mprapi::RAS_CONNECTION_1,
            ) -> ();
                alias: MprAdminConnectionHangupNotificationFn;
                wsys: [PMPRADMINCONNECTIONHANGUPNOTIFICATION];
                call: connection_hangup($crate::rras::RrasCallback::ConnectionHangupNotification, c0, c1,
                    ::core::ptr::null_mut(), ::core::ptr::null_mut());
                handler: __rassapi_dll_connection_ended;
            ConnectionHangupNotification2 = MprAdminConnectionHangupNotification2(
                c0: *mut $crate::rras::mprapi::RAS_CONNECTION_0,
                c1: *mut $crate::rras::mprapi::RAS_CONNECTION_1,
                c2: *mut $crate::rras::mprapi::RAS_CONNECTION_2,
            ) -> ();
                alias: MprAdminConnectionHangupNotification2Fn;
                wsys: [PMPRADMINCONNECTIONHANGUPNOTIFICATION2];
                call: connection_hangup($crate::rras::RrasCallback::ConnectionHangupNotification2, c0, c1, c2,
                    ::core::ptr::null_mut());
                handler: __rassapi_dll_connection_ended;
            ConnectionHangupNotification3 = MprAdminConnectionHangupNotification3(
                c0: *mut $crate::rras::mprapi::RAS_CONNECTION_0,
                c1: *mut $crate::rras::mprapi::RAS_CONNECTION_1,
                c2: *mut $crate::rras::mprapi::RAS_CONNECTION_2,
                c3: *mut $crate::rras::mprapi::RAS_CONNECTION_3,
            ) -> ();
                alias: MprAdminConnectionHangupNotification3Fn;
                wsys: [PMPRADMINCONNECTIONHANGUPNOTIFICATION3];
                call: connection_hangup($crate::rras::RrasCallback::ConnectionHangupNotification3, c0, c1, c2, c3);
                handler: __rassapi_dll_connection_ended;
            LinkHangupNotification = MprAdminLinkHangupNotification(
                p0: *mut $crate::rras::mprapi::RAS_PORT_0,
                p1: *mut $crate::rras::mprapi::RAS_PORT_1,
            ) -> ();
                alias: MprAdminLinkHangupNotificationFn; wsys: [PMPRADMINLINKHANGUPNOTIFICATION];
                call: link_hangup(p0, p1); handler: __rassapi_dll_link_ended;
            AcceptReauthentication = MprAdminAcceptReauthentication(
                c0: *mut $crate::rras::mprapi::RAS_CONNECTION_0,
                c1: *mut $crate::rras::mprapi::RAS_CONNECTION_1,
                c2: *mut $crate::rras::mprapi::RAS_CONNECTION_2,
                c3: *mut $crate::rras::mprapi::RAS_CONNECTION_3,
            ) -> $crate::rras::mprapi::BOOL;
                alias: MprAdminAcceptReauthenticationFn; wsys: [PMPRADMINACCEPTREAUTHENTICATION];
                call: accept_connection($crate::rras::RrasCallback::AcceptReauthentication, c0, c1, c2, c3);
                handler: __rassapi_dll_reauthenticate;
            GetIpAddressForUser = MprAdminGetIpAddressForUser(
                user: *const u16,
                port: *const u16,
                address: *mut u32,
                notify_release: *mut $crate::rras::mprapi::BOOL,
            ) -> u32;
                alias: MprAdminGetIpAddressForUserFn; wsys: [PMPRADMINGETIPADDRESSFORUSER];
                call: get_ip_address(user, port, address, notify_release);
                handler: __rassapi_dll_get_ip_address;
            ReleaseIpAddress = MprAdminReleaseIpAddress(
                user: *const u16,
                port: *const u16,
                address: *mut u32,
            ) -> ();
                alias: MprAdminReleaseIpAddressFn; wsys: [PMPRADMINRELEASEIPADRESS];
                call: release_ip_address(user, port, address);
                handler: __rassapi_dll_release_ip_address;
        }
    };
}

/// Builds [`RrasCallback`] and the alias checks from the table.
macro_rules! rras_callback_enum {
    (
        []
        $(
            $variant:ident = $name:ident ( $($arg:ident : $ty:ty,)* ) -> $ret:ty;
                alias: $alias:ident; wsys: [$($wsys:ident)?];
                call: $run:ident ( $($call:expr),* $(,)? );
                handler: $handler:ident;
        )*
    ) => {
        /// One of the `MprAdmin*` exports RRAS calls (see [`crate::rras`]).
        ///
        /// ```
        /// use rassapi::rras::RrasCallback;
        ///
        /// assert_eq!(RrasCallback::ALL.len(), 13);
        /// assert_eq!(RrasCallback::AcceptNewLink.export_name(), "MprAdminAcceptNewLink");
        /// assert!(RrasCallback::TerminateDll.is_required());
        /// assert!(!RrasCallback::GetIpAddressForUser.is_required());
/// assert!(!RrasCallback::AcceptNewConnection2.is_required()); // one pair of the three
        /// ```
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum RrasCallback {
            $(
                #[doc = ::core::concat!(
                    "`", ::core::stringify!($name), "`, of type [`",
                    ::core::stringify!($alias), "`]."
                )]
                $variant,
            )*
        }

        impl RrasCallback {
            /// Every export `rras_admin_dll!` emits, in table order.
            pub const ALL: [RrasCallback; 13] = [$(RrasCallback::$variant),*];

            /// The exported C name, e.g. `"MprAdminAcceptNewLink"`.
            pub const fn export_name(self) -> &'static str {
                match self {
                    $(RrasCallback::$variant => ::core::stringify!($name),)*
                }
            }

            /// How many parameters it takes (each pointer-sized: on i686
            /// stdcall pops four times as many bytes).
            pub const fn arg_count(self) -> usize {
                match self {
                    $(RrasCallback::$variant => <[&str]>::len(&[$(::core::stringify!($arg)),*]),)*
                }
            }

            /// The export exported as `name` (exact match, like `GetProcAddress`).
            pub fn from_export_name(name: &str) -> Option<RrasCallback> {
                RrasCallback::ALL.into_iter().find(|c| c.export_name() == name)
            }
        }

        // Each alias is exactly Microsoft's (windows-sys's) type where one
        // exists: `Some` turns ours into theirs only if the two are equal.
        $($(const _: fn($alias) -> windows_sys::Win32::NetworkManagement::Rras::$wsys = Some;)?)*
    };
}

crate::__rassapi_rras_callbacks!([rras_callback_enum]);

impl RrasCallback {
    /// Whether RRAS refuses to start when a DLL lacks this very export:
    /// initialize, terminate, accept link, link hang-up and
    /// reauthentication. Besides these RRAS needs one accept/hang-up pair
    /// of the same level (any of 1, 2, 3); the IP pair is optional, but one
    /// half needs the other. `rras_admin_dll!` always emits all of them.
    pub const fn is_required(self) -> bool {
        matches!(
            self,
            RrasCallback::InitializeDll
                | RrasCallback::TerminateDll
                | RrasCallback::AcceptNewLink
                | RrasCallback::LinkHangupNotification
                | RrasCallback::AcceptReauthentication
        )
    }
}

impl core::fmt::Display for RrasCallback {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.export_name())
    }
}
