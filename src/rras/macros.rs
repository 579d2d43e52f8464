//! [`rras_admin_dll!`](crate::rras_admin_dll): one block, both export sets.

/// Exports, from one block, the four `RasAdmin*` callbacks of NT 4.0 **and**
/// the thirteen `MprAdmin*` callbacks of RRAS (Windows 2000 and every
/// Windows Server since), all calling the same handlers through
/// [`AnySession`](crate::rras::AnySession), so one DLL and one set of hooks
/// serve every version.
///
/// ```text
/// rassapi::rras_admin_dll! {
///     on_error: hook,                 // Fn(&HookError)
///     initialize: init,               // Fn() -> Result<(), ErrorCode>   (RRAS)
///     terminate: term,                // Fn() -> Result<(), ErrorCode>   (RRAS)
///     accept: accept,                 // Fn(AnySession<'_>) -> bool
///     accept_link: accept_link,       // Fn(AnySession<'_>) -> bool
///     reauthenticate: reauth,         // Fn(AnySession<'_>) -> bool      (RRAS)
///     connection_ended: ended,        // Fn(AnySession<'_>)
///     link_ended: link_ended,         // Fn(AnySession<'_>)
///     get_ip_address: get_ip,         // Fn(GetIpAddressEvent<'_>) -> Result<IpAssignment, ErrorCode>
///     release_ip_address: release,    // Fn(ReleaseIpAddressEvent<'_>)
/// }
/// ```
///
/// Every key is optional and may come in any order, at most once. What a
/// left-out key does (neutral, so RRAS always starts and nobody is turned
/// away): initialize/terminate return `NO_ERROR`; the accepts and
/// reauthentication accept; the hang-ups do nothing; get-IP keeps RAS's
/// address without asking for a release notice. All RRAS exports are
/// always emitted, including both IP exports (RRAS wants them in pairs).
///
/// Which handler each export calls, and what NT 4.0's per-port calls
/// become, is the table on [`AnySession`](crate::rras::AnySession). The
/// fallbacks and containment are those of [`admin_dll!`](crate::admin_dll)
/// (see [`export`](crate::export)): malformed pointers reach the hook, not
/// the handler; accept, accept-link and reauthentication fail closed
/// (`FALSE`); with `std` a panic is caught and reported; without `std` the
/// crate's path has no panic of its own. A panicking initialize or
/// terminate returns `ERROR_INTERNAL_ERROR` (1359).
///
/// The macro defines items named `__rassapi_dll_*` in the calling module;
/// use it once per DLL, at item level.
///
/// ```rust,standalone_crate
/// use rassapi::rras::AnySession;
///
/// fn accept(session: AnySession<'_>) -> bool {
///     !session.user().is_some_and(|u| u.eq_ignore_case("guest"))
/// }
///
/// fn ended(session: AnySession<'_>) {
///     let c = session.counters();
///     eprintln!("{}: {} bytes in, {} out", session.name(), c.bytes_received, c.bytes_sent);
/// }
///
/// rassapi::rras_admin_dll! { accept: accept, connection_ended: ended }
///
/// # fn main() {
/// // RRAS passing nothing usable: refused, the handler never runs.
/// let ok = unsafe { MprAdminAcceptNewConnection(std::ptr::null_mut(), std::ptr::null_mut()) };
/// assert_eq!(ok, 0);
/// assert_eq!(unsafe { MprAdminInitializeDll() }, 0);
/// # }
/// ```
#[macro_export]
macro_rules! rras_admin_dll {
    (@fn on_error [$e:expr]) => {
        #[doc(hidden)]
        #[allow(clippy::redundant_closure_call)]
        fn __rassapi_dll_on_error(error: &$crate::rras::HookError) {
            ($e)(error)
        }
    };
    (@fn on_error []) => {
        #[doc(hidden)]
        fn __rassapi_dll_on_error(error: &$crate::rras::HookError) {
            let _ = error;
        }
    };
    (@fn initialize [$e:expr]) => {
        #[doc(hidden)]
        #[allow(clippy::redundant_closure_call)]
        fn __rassapi_dll_initialize() -> ::core::result::Result<(), $crate::ErrorCode> {
            ($e)()
        }
    };
    (@fn initialize []) => {
        #[doc(hidden)]
        fn __rassapi_dll_initialize() -> ::core::result::Result<(), $crate::ErrorCode> {
            ::core::result::Result::Ok(())
        }
    };
    (@fn terminate [$e:expr]) => {
        #[doc(hidden)]
        #[allow(clippy::redundant_closure_call)]
        fn __rassapi_dll_terminate() -> ::core::result::Result<(), $crate::ErrorCode> {
            ($e)()
        }
    };
    (@fn terminate []) => {
        #[doc(hidden)]
        fn __rassapi_dll_terminate() -> ::core::result::Result<(), $crate::ErrorCode> {
            ::core::result::Result::Ok(())
        }
    };
    (@fn accept [$e:expr]) => {
        #[doc(hidden)]
        #[allow(clippy::redundant_closure_call)]
        fn __rassapi_dll_accept(session: $crate::rras::AnySession<'_>) -> bool {
            ($e)(session)
        }
    };
    (@fn accept []) => {
        #[doc(hidden)]
        fn __rassapi_dll_accept(session: $crate::rras::AnySession<'_>) -> bool {
            let _ = session;
            true
        }
    };
    (@fn accept_link [$e:expr]) => {
        #[doc(hidden)]
        #[allow(clippy::redundant_closure_call)]
        fn __rassapi_dll_accept_link(session: $crate::rras::AnySession<'_>) -> bool {
            ($e)(session)
        }
    };
    (@fn accept_link []) => {
        #[doc(hidden)]
        fn __rassapi_dll_accept_link(session: $crate::rras::AnySession<'_>) -> bool {
            let _ = session;
            true
        }
    };
    (@fn reauthenticate [$e:expr]) => {
        #[doc(hidden)]
        #[allow(clippy::redundant_closure_call)]
        fn __rassapi_dll_reauthenticate(session: $crate::rras::AnySession<'_>) -> bool {
            ($e)(session)
        }
    };
    (@fn reauthenticate []) => {
        #[doc(hidden)]
        fn __rassapi_dll_reauthenticate(session: $crate::rras::AnySession<'_>) -> bool {
            let _ = session;
            true
        }
    };
    (@fn connection_ended [$e:expr]) => {
        #[doc(hidden)]
        #[allow(clippy::redundant_closure_call)]
        fn __rassapi_dll_connection_ended(session: $crate::rras::AnySession<'_>) {
            ($e)(session)
        }
    };
    (@fn connection_ended []) => {
        #[doc(hidden)]
        fn __rassapi_dll_connection_ended(session: $crate::rras::AnySession<'_>) {
            let _ = session;
        }
    };
    (@fn link_ended [$e:expr]) => {
        #[doc(hidden)]
        #[allow(clippy::redundant_closure_call)]
        fn __rassapi_dll_link_ended(session: $crate::rras::AnySession<'_>) {
            ($e)(session)
        }
    };
    (@fn link_ended []) => {
        #[doc(hidden)]
        fn __rassapi_dll_link_ended(session: $crate::rras::AnySession<'_>) {
            let _ = session;
        }
    };
    (@fn get_ip_address [$e:expr]) => {
        #[doc(hidden)]
        #[allow(clippy::redundant_closure_call)]
        fn __rassapi_dll_get_ip_address(request: $crate::GetIpAddressEvent<'_>) -> ::core::result::Result<$crate::IpAssignment, $crate::ErrorCode> {
            ($e)(request)
        }
    };
    (@fn get_ip_address []) => {
        #[doc(hidden)]
        fn __rassapi_dll_get_ip_address(request: $crate::GetIpAddressEvent<'_>) -> ::core::result::Result<$crate::IpAssignment, $crate::ErrorCode> {
            $crate::rras::__private::default_get_ip_address(request)
        }
    };
    (@fn release_ip_address [$e:expr]) => {
        #[doc(hidden)]
        #[allow(clippy::redundant_closure_call)]
        fn __rassapi_dll_release_ip_address(release: $crate::ReleaseIpAddressEvent<'_>) {
            ($e)(release)
        }
    };
    (@fn release_ip_address []) => {
        #[doc(hidden)]
        fn __rassapi_dll_release_ip_address(release: $crate::ReleaseIpAddressEvent<'_>) {
            $crate::rras::__private::default_release_ip_address(release)
        }
    };
    (@munch [] $s1:tt $s2:tt $s3:tt $s4:tt $s5:tt $s6:tt $s7:tt $s8:tt $s9:tt; on_error : $e:expr $(, $($rest:tt)*)?) => {
        $crate::rras_admin_dll!(@munch [$e] $s1 $s2 $s3 $s4 $s5 $s6 $s7 $s8 $s9; $($($rest)*)?);
    };
    (@munch $s0:tt [] $s2:tt $s3:tt $s4:tt $s5:tt $s6:tt $s7:tt $s8:tt $s9:tt; initialize : $e:expr $(, $($rest:tt)*)?) => {
        $crate::rras_admin_dll!(@munch $s0 [$e] $s2 $s3 $s4 $s5 $s6 $s7 $s8 $s9; $($($rest)*)?);
    };
    (@munch $s0:tt $s1:tt [] $s3:tt $s4:tt $s5:tt $s6:tt $s7:tt $s8:tt $s9:tt; terminate : $e:expr $(, $($rest:tt)*)?) => {
        $crate::rras_admin_dll!(@munch $s0 $s1 [$e] $s3 $s4 $s5 $s6 $s7 $s8 $s9; $($($rest)*)?);
    };
    (@munch $s0:tt $s1:tt $s2:tt [] $s4:tt $s5:tt $s6:tt $s7:tt $s8:tt $s9:tt; accept : $e:expr $(, $($rest:tt)*)?) => {
        $crate::rras_admin_dll!(@munch $s0 $s1 $s2 [$e] $s4 $s5 $s6 $s7 $s8 $s9; $($($rest)*)?);
    };
    (@munch $s0:tt $s1:tt $s2:tt $s3:tt [] $s5:tt $s6:tt $s7:tt $s8:tt $s9:tt; accept_link : $e:expr $(, $($rest:tt)*)?) => {
        $crate::rras_admin_dll!(@munch $s0 $s1 $s2 $s3 [$e] $s5 $s6 $s7 $s8 $s9; $($($rest)*)?);
    };
    (@munch $s0:tt $s1:tt $s2:tt $s3:tt $s4:tt [] $s6:tt $s7:tt $s8:tt $s9:tt; reauthenticate : $e:expr $(, $($rest:tt)*)?) => {
        $crate::rras_admin_dll!(@munch $s0 $s1 $s2 $s3 $s4 [$e] $s6 $s7 $s8 $s9; $($($rest)*)?);
    };
    (@munch $s0:tt $s1:tt $s2:tt $s3:tt $s4:tt $s5:tt [] $s7:tt $s8:tt $s9:tt; connection_ended : $e:expr $(, $($rest:tt)*)?) => {
        $crate::rras_admin_dll!(@munch $s0 $s1 $s2 $s3 $s4 $s5 [$e] $s7 $s8 $s9; $($($rest)*)?);
    };
    (@munch $s0:tt $s1:tt $s2:tt $s3:tt $s4:tt $s5:tt $s6:tt [] $s8:tt $s9:tt; link_ended : $e:expr $(, $($rest:tt)*)?) => {
        $crate::rras_admin_dll!(@munch $s0 $s1 $s2 $s3 $s4 $s5 $s6 [$e] $s8 $s9; $($($rest)*)?);
    };
    (@munch $s0:tt $s1:tt $s2:tt $s3:tt $s4:tt $s5:tt $s6:tt $s7:tt [] $s9:tt; get_ip_address : $e:expr $(, $($rest:tt)*)?) => {
        $crate::rras_admin_dll!(@munch $s0 $s1 $s2 $s3 $s4 $s5 $s6 $s7 [$e] $s9; $($($rest)*)?);
    };
    (@munch $s0:tt $s1:tt $s2:tt $s3:tt $s4:tt $s5:tt $s6:tt $s7:tt $s8:tt []; release_ip_address : $e:expr $(, $($rest:tt)*)?) => {
        $crate::rras_admin_dll!(@munch $s0 $s1 $s2 $s3 $s4 $s5 $s6 $s7 $s8 [$e]; $($($rest)*)?);
    };
    (@munch $s0:tt $s1:tt $s2:tt $s3:tt $s4:tt $s5:tt $s6:tt $s7:tt $s8:tt $s9:tt; $key:ident : $($rest:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "rassapi::rras_admin_dll!: `",
            ::core::stringify!($key),
            "` given twice, or unknown; expected each of on_error, initialize, terminate, accept, accept_link, reauthenticate, connection_ended, link_ended, get_ip_address, release_ip_address at most once"
        ));
    };
    (@munch $s0:tt $s1:tt $s2:tt $s3:tt $s4:tt $s5:tt $s6:tt $s7:tt $s8:tt $s9:tt; ) => {
        $crate::rras_admin_dll!(@emit $s0 $s1 $s2 $s3 $s4 $s5 $s6 $s7 $s8 $s9);
    };
    (@munch $($bad:tt)*) => {
        ::core::compile_error!(
            "rassapi::rras_admin_dll!: expected `key: handler` entries separated by commas"
        );
    };
    (@emit $s0:tt $s1:tt $s2:tt $s3:tt $s4:tt $s5:tt $s6:tt $s7:tt $s8:tt $s9:tt) => {
        $crate::rras_admin_dll!(@fn on_error $s0);
        $crate::rras_admin_dll!(@fn initialize $s1);
        $crate::rras_admin_dll!(@fn terminate $s2);
        $crate::rras_admin_dll!(@fn accept $s3);
        $crate::rras_admin_dll!(@fn accept_link $s4);
        $crate::rras_admin_dll!(@fn reauthenticate $s5);
        $crate::rras_admin_dll!(@fn connection_ended $s6);
        $crate::rras_admin_dll!(@fn link_ended $s7);
        $crate::rras_admin_dll!(@fn get_ip_address $s8);
        $crate::rras_admin_dll!(@fn release_ip_address $s9);
        #[doc(hidden)]
        fn __rassapi_dll_nt4_on_error(error: &$crate::export::ExportError) {
            $crate::rras::__private::nt4_hook(error, &__rassapi_dll_on_error)
        }
        #[doc(hidden)]
        fn __rassapi_dll_nt4_accept(event: $crate::AcceptEvent<'_>) -> bool {
            $crate::rras::__private::nt4_accept(event, &__rassapi_dll_accept, &__rassapi_dll_accept_link)
        }
        #[doc(hidden)]
        fn __rassapi_dll_nt4_hangup(event: $crate::HangupEvent<'_>) {
            $crate::rras::__private::nt4_hangup(
                event,
                &__rassapi_dll_connection_ended,
                &__rassapi_dll_link_ended,
            )
        }
        $crate::__rassapi_callbacks!(
            [$crate::__rassapi_export] accept, __rassapi_dll_nt4_accept, __rassapi_dll_nt4_on_error
        );
        $crate::__rassapi_callbacks!(
            [$crate::__rassapi_export] hangup, __rassapi_dll_nt4_hangup, __rassapi_dll_nt4_on_error
        );
        $crate::__rassapi_callbacks!(
            [$crate::__rassapi_export] get_ip_address, __rassapi_dll_get_ip_address,
            __rassapi_dll_nt4_on_error
        );
        $crate::__rassapi_callbacks!(
            [$crate::__rassapi_export] release_ip_address, __rassapi_dll_release_ip_address,
            __rassapi_dll_nt4_on_error
        );
        $crate::__rassapi_rras_callbacks!([$crate::__rassapi_rras_export]);
    };
    ($($entries:tt)*) => {
        $crate::rras_admin_dll!(@munch [] [] [] [] [] [] [] [] [] []; $($entries)*);
    };
}

/// Emits the `MprAdmin*` exports from the table
/// ([`__rassapi_rras_callbacks!`](crate::__rassapi_rras_callbacks)), each
/// checked against its alias. Not a public API.
#[doc(hidden)]
#[macro_export]
macro_rules! __rassapi_rras_export {
    (
        []
        $(
            $variant:ident = $name:ident ( $($arg:ident : $ty:ty,)* ) -> $ret:ty;
                alias: $alias:ident; wsys: [$($wsys:ident)?];
                call: $run:ident ( $($call:expr),* $(,)? );
                handler: $handler:ident;
        )*
    ) => {
        $(
            #[doc = ::core::concat!(
                "`", ::core::stringify!($name), "`, called by RRAS; generated by ",
                "`rassapi::rras_admin_dll!`."
            )]
            ///
            /// # Safety
            ///
            /// The arguments must be as RRAS passes them: see `rassapi::rras`.
            #[unsafe(no_mangle)]
            #[allow(non_snake_case, unused_unsafe)]
            pub unsafe extern "system" fn $name($($arg: $ty),*) -> $ret {
                // SAFETY: RRAS upholds the runtime function's contract; it
                // checks what can be checked and, with `std`, contains panics.
                unsafe {
                    $crate::rras::__private::$run($($call,)* &$handler, &__rassapi_dll_on_error)
                }
            }
            const _: $crate::rras::$alias = $name;
        )*
    };
}
