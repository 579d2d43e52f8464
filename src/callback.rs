//! The four callbacks of an admin DLL, declared once: [`Callback`] and the
//! export macros are both generated from the table in
//! [`__rassapi_callbacks!`](crate::__rassapi_callbacks).

/// The table of the four callbacks: for each, the `admin_dll!` key, the
/// [`Callback`] variant, the exported C name with its parameters and return
/// type, the `sys` function-pointer type it must coerce to, and the view
/// its handler receives. The runtime function that builds the view, calls
/// the handler and returns the fallback is `export::__private::<key>`.
///
/// `__rassapi_callbacks!([path::to::macro] args...)` expands to
/// `path::to::macro! { [args...] <table> }`. Not a public API.
#[doc(hidden)]
#[macro_export]
macro_rules! __rassapi_callbacks {
    ([$($consumer:tt)*] $($args:tt)*) => {
        $($consumer)*! {
            [$($args)*]
            accept {
                AcceptNewConnection = RasAdminAcceptNewConnection(
                    port: *mut $crate::sys::RAS_PORT_1,
                    stats: *mut $crate::sys::RAS_PORT_STATISTICS,
                    params: *mut $crate::sys::RAS_PARAMETERS,
                ) -> $crate::sys::BOOL;
                sys: PRASADMINACCEPTNEWCONNECTION;
                view: AcceptEvent;
            }
            hangup {
                ConnectionHangupNotification = RasAdminConnectionHangupNotification(
                    port: *mut $crate::sys::RAS_PORT_1,
                    stats: *mut $crate::sys::RAS_PORT_STATISTICS,
                    params: *mut $crate::sys::RAS_PARAMETERS,
                ) -> ();
                sys: PRASADMINCONNECTIONHANGUPNOTIFICATION;
                view: HangupEvent;
            }
            get_ip_address {
                GetIpAddressForUser = RasAdminGetIpAddressForUser(
                    user: *mut $crate::sys::WCHAR,
                    port: *mut $crate::sys::WCHAR,
                    address: *mut $crate::sys::IPADDR,
                    notify_release: *mut $crate::sys::BOOL,
                ) -> $crate::sys::DWORD;
                sys: PRASADMINGETIPADDRESSFORUSER;
                view: GetIpAddressEvent;
            }
            release_ip_address {
                ReleaseIpAddress = RasAdminReleaseIpAddress(
                    user: *mut $crate::sys::WCHAR,
                    port: *mut $crate::sys::WCHAR,
                    address: *mut $crate::sys::IPADDR,
                ) -> ();
                sys: PRASADMINRELEASEIPADDRESS;
                view: ReleaseIpAddressEvent;
            }
        }
    };
}

/// Builds [`Callback`] from the table.
macro_rules! callback_enum {
    (
        []
        $(
            $key:ident {
                $variant:ident = $name:ident ( $($arg:ident : $ty:ty,)* ) -> $ret:ty;
                sys: $sys:ident;
                view: $view:ident;
            }
        )*
    ) => {
        /// One of the four callbacks an admin DLL exports.
        ///
        /// ```
        /// use rassapi::export::Callback;
        ///
        /// assert_eq!(Callback::ALL.len(), 4);
        /// let hangup = Callback::from_export_name("RasAdminConnectionHangupNotification");
        /// assert_eq!(hangup, Some(Callback::ConnectionHangupNotification));
        /// assert_eq!(Callback::ReleaseIpAddress.export_name(), "RasAdminReleaseIpAddress");
        /// assert_eq!(Callback::ReleaseIpAddress.view_name(), "ReleaseIpAddressEvent");
        /// ```
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Callback {
            $(
                #[doc = ::core::concat!(
                    "`", ::core::stringify!($name), "`: its handler receives a [`",
                    ::core::stringify!($view), "`](crate::", ::core::stringify!($view),
                    "); its type is [`sys::", ::core::stringify!($sys), "`](crate::sys::",
                    ::core::stringify!($sys), ")."
                )]
                $variant,
            )*
        }

        impl Callback {
            /// The four, in the order of `rassapi.h`.
            pub const ALL: [Callback; 4] = [$(Callback::$variant),*];

            /// Their exported C names, in the order of [`ALL`](Self::ALL).
            pub const EXPORT_NAMES: [&'static str; 4] = [$(::core::stringify!($name)),*];

            /// The exported C name, e.g. `"RasAdminAcceptNewConnection"`.
            pub const fn export_name(self) -> &'static str {
                match self {
                    $(Callback::$variant => ::core::stringify!($name),)*
                }
            }

            /// The callback exported as `name` (exact, case-sensitive match,
            /// like `GetProcAddress`).
            pub fn from_export_name(name: &str) -> Option<Callback> {
                Callback::ALL.into_iter().find(|c| c.export_name() == name)
            }

            /// How many parameters it takes (each pointer-sized: on i686
            /// stdcall pops four times as many bytes).
            ///
            /// ```
            /// use rassapi::export::Callback;
            /// assert_eq!(Callback::GetIpAddressForUser.arg_count(), 4);
            /// assert_eq!(Callback::AcceptNewConnection.arg_count(), 3);
            /// ```
            pub const fn arg_count(self) -> usize {
                match self {
                    $(Callback::$variant => <[&str]>::len(&[$(::core::stringify!($arg)),*]),)*
                }
            }

            /// The `admin_dll!` key that supplies its handler, e.g.
            /// `"get_ip_address"`.
            pub const fn key(self) -> &'static str {
                match self {
                    $(Callback::$variant => ::core::stringify!($key),)*
                }
            }

            /// The name of the view type its handler receives, e.g.
            /// `"HangupEvent"`.
            pub const fn view_name(self) -> &'static str {
                match self {
                    $(Callback::$variant => ::core::stringify!($view),)*
                }
            }
        }
    };
}

crate::__rassapi_callbacks!([callback_enum]);

impl core::fmt::Display for Callback {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.export_name())
    }
}
