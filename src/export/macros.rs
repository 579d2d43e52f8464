//! The export macros: each expands, in the DLL's crate, into the
//! `extern "system"` functions RAS calls, generated from the callback table.

/// Exports `RasAdminAcceptNewConnection`, calling `handler` to decide
/// whether RAS accepts a new connection.
///
/// ```text
/// export_accept!(handler);
/// export_accept!(handler, on_error: hook);   // or `on_error = hook`
/// ```
///
/// `handler` is an expression (normally the path of a `fn` item) of a type
/// implementing `Fn(AcceptEvent<'_>) -> bool + Sync`; `hook` likewise for
/// `Fn(&ExportError) + Sync`. Use the macro once per DLL, at item level.
///
/// The export returns `TRUE` only when the handler returned `true`. When
/// `from_raw` rejects RAS's arguments, or the handler panics, it returns
/// `FALSE` (the connection is refused: fail closed) and tells the hook.
/// See the [module docs](crate::export) for the details.
///
/// ```rust,standalone_crate
/// use rassapi::AcceptEvent;
///
/// fn accept(event: AcceptEvent<'_>) -> bool {
///     !event.port().user_name().eq_ignore_case("guest")
/// }
///
/// rassapi::export_accept!(accept);
///
/// # fn main() {
/// // RAS passing nothing usable: the handler is not called, FALSE comes back.
/// let answer = unsafe {
///     RasAdminAcceptNewConnection(std::ptr::null_mut(), std::ptr::null_mut(), std::ptr::null_mut())
/// };
/// assert_eq!(answer, 0);
/// # }
/// ```
///
/// A handler of the wrong type is a compile error:
///
/// ```compile_fail
/// fn accept(_: rassapi::HangupEvent<'_>) -> bool {
///     true
/// }
///
/// rassapi::export_accept!(accept); // expects an AcceptEvent
/// # fn main() {}
/// ```
#[macro_export]
macro_rules! export_accept {
    ($($args:tt)*) => {
        $crate::__rassapi_export!(@args accept; $($args)*);
    };
}

/// Exports `RasAdminConnectionHangupNotification`, calling `handler` when
/// a connection has ended (once per port of a multilink connection,
/// possibly from several threads at once).
///
/// ```text
/// export_hangup!(handler);
/// export_hangup!(handler, on_error: hook);   // or `on_error = hook`
/// ```
///
/// `handler` is an expression (normally the path of a `fn` item) of a type
/// implementing `Fn(HangupEvent<'_>) + Sync`; `hook` likewise for
/// `Fn(&ExportError) + Sync`. Use the macro once per DLL, at item level.
///
/// When `from_raw` rejects RAS's arguments the handler is not called and
/// the hook is told; a panic is caught and reported to the hook. Either way
/// the export returns normally. See the [module docs](crate::export).
///
/// ```rust,standalone_crate
/// use std::sync::atomic::{AtomicU32, Ordering};
/// use rassapi::HangupEvent;
/// use rassapi::export::ExportError;
///
/// static HANGUPS: AtomicU32 = AtomicU32::new(0);
/// static ERRORS: AtomicU32 = AtomicU32::new(0);
///
/// fn hangup(event: HangupEvent<'_>) {
///     HANGUPS.fetch_add(1, Ordering::Relaxed);
///     let _ = event.statistics().connection().bytes_sent;
/// }
///
/// fn on_error(error: &ExportError) {
///     assert!(matches!(error, ExportError::Malformed { .. }));
///     ERRORS.fetch_add(1, Ordering::Relaxed);
/// }
///
/// rassapi::export_hangup!(hangup, on_error = on_error);
///
/// # fn main() {
/// let null = std::ptr::null_mut();
/// unsafe { RasAdminConnectionHangupNotification(null, std::ptr::null_mut(), std::ptr::null_mut()) };
/// assert_eq!(HANGUPS.load(Ordering::Relaxed), 0); // handler not called
/// assert_eq!(ERRORS.load(Ordering::Relaxed), 1); // hook told why
/// # }
/// ```
///
/// The handler must accept a view of *any* lifetime, so it cannot keep the
/// borrowed data beyond the call:
///
/// ```compile_fail
/// use rassapi::HangupEvent;
/// use std::sync::Mutex;
///
/// static LAST: Mutex<Option<HangupEvent<'static>>> = Mutex::new(None);
///
/// fn keep(event: HangupEvent<'static>) {
///     *LAST.lock().unwrap() = Some(event);
/// }
///
/// rassapi::export_hangup!(keep); // error: `keep` is not general enough
/// # fn main() {}
/// ```
#[macro_export]
macro_rules! export_hangup {
    ($($args:tt)*) => {
        $crate::__rassapi_export!(@args hangup; $($args)*);
    };
}

/// Exports `RasAdminGetIpAddressForUser`, calling `handler` to choose the
/// IPv4 address of a user who is connecting.
///
/// ```text
/// export_get_ip_address!(handler);
/// export_get_ip_address!(handler, on_error: hook);   // or `on_error = hook`
/// ```
///
/// `handler` is an expression (normally the path of a `fn` item) of a type
/// implementing
/// `Fn(GetIpAddressEvent<'_>) -> Result<IpAssignment, ErrorCode> + Sync`;
/// `hook` likewise for `Fn(&ExportError) + Sync`. Use the macro once per
/// DLL, at item level.
///
/// * `Ok(assignment)`: the export stores the address in `*pipAddress`
///   (network byte order), the flag in `*bNotifyRelease`, and returns
///   `NO_ERROR` (0).
/// * `Err(code)`: it returns `code` (RAS drops the connection), leaving
///   `*pipAddress` unchanged and `*bNotifyRelease` `FALSE`.
/// * Unusable arguments (null, misaligned, names longer than
///   [`MAX_NAME_LEN`](crate::export::MAX_NAME_LEN)): the handler is not
///   called, the hook is told, and the export returns
///   [`ERROR_INVALID_PARAMETER`](crate::export::ERROR_INVALID_PARAMETER).
/// * A panic: caught, reported to the hook, and the export returns
///   [`ERROR_INTERNAL_ERROR`](crate::export::ERROR_INTERNAL_ERROR).
///
/// ```rust,standalone_crate
/// use std::net::Ipv4Addr;
/// use rassapi::{ErrorCode, GetIpAddressEvent, IpAssignment};
///
/// fn get_ip(request: GetIpAddressEvent<'_>) -> Result<IpAssignment, ErrorCode> {
///     match request.user() {
///         user if user == "alice" => {
///             Ok(IpAssignment::new(Ipv4Addr::new(10, 1, 2, 3)).notify_on_release())
///         }
///         _ => request.proposed().map(IpAssignment::new).ok_or(ErrorCode::ACCESS_DENIED),
///     }
/// }
///
/// rassapi::export_get_ip_address!(get_ip);
///
/// # fn main() {
/// let mut user: Vec<u16> = "alice".encode_utf16().chain([0]).collect();
/// let mut port: Vec<u16> = "COM1".encode_utf16().chain([0]).collect();
/// let (mut address, mut notify) = (0u32, 0i32);
/// let status = unsafe {
///     RasAdminGetIpAddressForUser(user.as_mut_ptr(), port.as_mut_ptr(), &mut address, &mut notify)
/// };
/// assert_eq!(status, 0);
/// assert_eq!(address.to_ne_bytes(), [10, 1, 2, 3]); // network byte order
/// assert_eq!(notify, 1);
/// # }
/// ```
#[macro_export]
macro_rules! export_get_ip_address {
    ($($args:tt)*) => {
        $crate::__rassapi_export!(@args get_ip_address; $($args)*);
    };
}

/// Exports `RasAdminReleaseIpAddress`, calling `handler` when an address
/// assigned with [`IpAssignment::notify_on_release`](crate::IpAssignment::notify_on_release)
/// is free again.
///
/// ```text
/// export_release_ip_address!(handler);
/// export_release_ip_address!(handler, on_error: hook);   // or `on_error = hook`
/// ```
///
/// `handler` is an expression (normally the path of a `fn` item) of a type
/// implementing `Fn(ReleaseIpAddressEvent<'_>) + Sync`; `hook` likewise for
/// `Fn(&ExportError) + Sync`. Use the macro once per DLL, at item level.
///
/// Unusable arguments (see
/// [`export_get_ip_address!`](crate::export_get_ip_address)) mean the
/// handler is not called and the hook is told; a panic is caught and
/// reported to the hook. Either way the export returns normally.
///
/// ```rust,standalone_crate
/// use rassapi::ReleaseIpAddressEvent;
///
/// fn release(release: ReleaseIpAddressEvent<'_>) {
///     println!("{} on {} gave back {}", release.user(), release.port(), release.address());
/// }
///
/// rassapi::export_release_ip_address!(release);
/// # fn main() {}
/// ```
#[macro_export]
macro_rules! export_release_ip_address {
    ($($args:tt)*) => {
        $crate::__rassapi_export!(@args release_ip_address; $($args)*);
    };
}

/// Exports all four admin-DLL callbacks, sharing one error hook.
///
/// ```text
/// admin_dll! {
///     on_error: hook,                      // optional
///     accept: accept_handler,              // optional, as export_accept!
///     hangup: hangup_handler,              // optional, as export_hangup!
///     get_ip_address: get_ip_handler,      // optional, as export_get_ip_address!
///     release_ip_address: release_handler, // optional, as export_release_ip_address!
/// }
/// ```
///
/// Each entry is optional, may appear once, and the order is free. The
/// four exports are generated whatever is given, since the NT 4.0
/// Platform SDK says an admin DLL must export all four or the Remote
/// Access service fails to start. A callback left out gets a neutral
/// default:
///
/// | left out | the export |
/// |----------|------------|
/// | `accept` | returns `TRUE`: accepts every connection |
/// | `hangup` | does nothing |
/// | `get_ip_address` | returns `NO_ERROR`, leaves `*pipAddress` as RAS passed it, sets `*bNotifyRelease` to `FALSE` ([`GetIpAddressEvent::keep_proposed`](crate::GetIpAddressEvent::keep_proposed)) |
/// | `release_ip_address` | does nothing |
///
/// Malformed arguments still reach the hook and give the fallbacks of the
/// [module docs](crate::export), defaults or not.
///
/// RAS loads the DLL in two processes: one calls accept and hang-up, the
/// other get-IP and release. Statics are therefore **not** shared between
/// the two pairs: keep each pair's state to itself.
///
/// ```rust,standalone_crate
/// use rassapi::AcceptEvent;
///
/// fn accept(event: AcceptEvent<'_>) -> bool {
///     !event.port().user_name().eq_ignore_case("guest")
/// }
///
/// rassapi::admin_dll! {
///     accept: accept,
/// }
///
/// # fn main() {
/// // The three others exist too, with the defaults above.
/// let mut user: Vec<u16> = "alice".encode_utf16().chain([0]).collect();
/// let mut port: Vec<u16> = "COM1".encode_utf16().chain([0]).collect();
/// let (mut address, mut notify) = (0x1507_A8C0u32, 1i32);
/// let status = unsafe {
///     RasAdminGetIpAddressForUser(user.as_mut_ptr(), port.as_mut_ptr(), &mut address, &mut notify)
/// };
/// assert_eq!((status, address, notify), (0, 0x1507_A8C0, 0));
/// # }
/// ```
///
/// An entry given twice, or an unknown one, is a compile error:
///
/// ```compile_fail
/// fn accept(_: rassapi::AcceptEvent<'_>) -> bool {
///     true
/// }
///
/// rassapi::admin_dll! {
///     accept: accept,
///     accept: accept,
/// }
/// # fn main() {}
/// ```
///
/// See the [module docs](crate::export) for a full example.
#[macro_export]
macro_rules! admin_dll {
    // All entries read: the four exports.
    (@munch [$($accept:expr)?] [$($hangup:expr)?] [$($get_ip:expr)?] [$($release:expr)?] [$($hook:expr)?]) => {
        $crate::export_accept!(
            $crate::admin_dll!(@or [$($accept)?] $crate::export::__private::default_accept),
            on_error: $crate::admin_dll!(@or [$($hook)?] $crate::export::__private::no_hook)
        );
        $crate::export_hangup!(
            $crate::admin_dll!(@or [$($hangup)?] $crate::export::__private::default_hangup),
            on_error: $crate::admin_dll!(@or [$($hook)?] $crate::export::__private::no_hook)
        );
        $crate::export_get_ip_address!(
            $crate::admin_dll!(@or [$($get_ip)?] $crate::export::__private::default_get_ip_address),
            on_error: $crate::admin_dll!(@or [$($hook)?] $crate::export::__private::no_hook)
        );
        $crate::export_release_ip_address!(
            $crate::admin_dll!(@or [$($release)?] $crate::export::__private::default_release_ip_address),
            on_error: $crate::admin_dll!(@or [$($hook)?] $crate::export::__private::no_hook)
        );
    };
    (@or [] $default:expr) => { $default };
    (@or [$given:expr] $default:expr) => { $given };
    // One entry into its empty slot.
    (@munch [] $h:tt $g:tt $r:tt $o:tt accept : $e:expr $(, $($rest:tt)*)?) => {
        $crate::admin_dll!(@munch [$e] $h $g $r $o $($($rest)*)?);
    };
    (@munch $a:tt [] $g:tt $r:tt $o:tt hangup : $e:expr $(, $($rest:tt)*)?) => {
        $crate::admin_dll!(@munch $a [$e] $g $r $o $($($rest)*)?);
    };
    (@munch $a:tt $h:tt [] $r:tt $o:tt get_ip_address : $e:expr $(, $($rest:tt)*)?) => {
        $crate::admin_dll!(@munch $a $h [$e] $r $o $($($rest)*)?);
    };
    (@munch $a:tt $h:tt $g:tt [] $o:tt release_ip_address : $e:expr $(, $($rest:tt)*)?) => {
        $crate::admin_dll!(@munch $a $h $g [$e] $o $($($rest)*)?);
    };
    (@munch $a:tt $h:tt $g:tt $r:tt [] on_error : $e:expr $(, $($rest:tt)*)?) => {
        $crate::admin_dll!(@munch $a $h $g $r [$e] $($($rest)*)?);
    };
    (@munch $a:tt $h:tt $g:tt $r:tt $o:tt $key:ident : $($rest:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "rassapi::admin_dll!: `",
            ::core::stringify!($key),
            "` given twice, or unknown; expected each of on_error, accept, hangup, \
             get_ip_address, release_ip_address at most once"
        ));
    };
    (@munch $($bad:tt)*) => {
        ::core::compile_error!(
            "rassapi::admin_dll!: expected `key: handler` entries separated by commas"
        );
    };
    ($($entries:tt)*) => {
        $crate::admin_dll!(@munch [] [] [] [] [] $($entries)*);
    };
}

/// Emits one export from its row of the callback table
/// ([`__rassapi_callbacks!`](crate::__rassapi_callbacks)): the
/// `extern "system"` function under its C name, calling
/// `export::__private::<key>`, and a check that it coerces to the `sys`
/// function-pointer type. Not a public API.
#[doc(hidden)]
#[macro_export]
macro_rules! __rassapi_export {
    (@find accept, $handler:expr, $hook:expr; accept { $($row:tt)* } $($rest:tt)*) => {
        $crate::__rassapi_export!(@emit accept, $handler, $hook; $($row)*);
    };
    (@find hangup, $handler:expr, $hook:expr; hangup { $($row:tt)* } $($rest:tt)*) => {
        $crate::__rassapi_export!(@emit hangup, $handler, $hook; $($row)*);
    };
    (@find get_ip_address, $handler:expr, $hook:expr; get_ip_address { $($row:tt)* } $($rest:tt)*) => {
        $crate::__rassapi_export!(@emit get_ip_address, $handler, $hook; $($row)*);
    };
    (@find release_ip_address, $handler:expr, $hook:expr; release_ip_address { $($row:tt)* } $($rest:tt)*) => {
        $crate::__rassapi_export!(@emit release_ip_address, $handler, $hook; $($row)*);
    };
    (@find $want:ident, $handler:expr, $hook:expr; $other:ident { $($row:tt)* } $($rest:tt)*) => {
        $crate::__rassapi_export!(@find $want, $handler, $hook; $($rest)*);
    };
    (@emit $key:ident, $handler:expr, $hook:expr;
        $variant:ident = $name:ident ( $($arg:ident : $ty:ty,)* ) -> $ret:ty;
        sys: $sys:ident;
        view: $view:ident;
    ) => {
        #[doc = ::core::concat!(
            "`", ::core::stringify!($name), "`, called by RAS; generated by rassapi's export ",
            "macros. Its handler receives a `rassapi::", ::core::stringify!($view), "`."
        )]
        ///
        /// # Safety
        ///
        /// The arguments must be as RAS passes them: see `rassapi::export`.
        #[unsafe(no_mangle)]
        #[allow(non_snake_case)]
        pub unsafe extern "system" fn $name($($arg: $ty),*) -> $ret {
            // SAFETY: RAS upholds the runtime function's contract; it checks
            // what can be checked and, with `std`, contains panics.
            unsafe { $crate::export::__private::$key($($arg,)* &$handler, &$hook) }
        }
        const _: $crate::sys::$sys = ::core::option::Option::Some($name);
    };
    // The single-export macros' arguments: `handler`, then optionally
    // `on_error: hook` (or `on_error = hook`).
    (@args $key:ident; $handler:expr $(,)?) => {
        $crate::__rassapi_callbacks!(
            [$crate::__rassapi_export] $key, $handler, $crate::export::__private::no_hook
        );
    };
    (@args $key:ident; $handler:expr, on_error: $hook:expr $(,)?) => {
        $crate::__rassapi_callbacks!([$crate::__rassapi_export] $key, $handler, $hook);
    };
    (@args $key:ident; $handler:expr, on_error = $hook:expr $(,)?) => {
        $crate::__rassapi_callbacks!([$crate::__rassapi_export] $key, $handler, $hook);
    };
    ([$want:ident, $handler:expr, $hook:expr] $($table:tt)*) => {
        $crate::__rassapi_export!(@find $want, $handler, $hook; $($table)*);
    };
}
