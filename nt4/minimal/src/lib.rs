//! TEMPORARY toolchain probe (replaced by admin_dll! once rassapi is no_std).
#![no_std]
use rassapi_nt4_rt as _;
type Bool = i32;
#[unsafe(no_mangle)]
pub extern "system" fn RasAdminAcceptNewConnection(a: *const u16, _b: usize, _c: usize) -> Bool {
    if a.is_null() { return 1 }
    let mut n = 0usize;
    // SAFETY: probe
    while unsafe { *a.add(n) } != 0 { n += 1; }
    rassapi_nt4_rt::panic_probe(n);
    (n != 5) as Bool
}
#[unsafe(no_mangle)]
pub extern "system" fn RasAdminConnectionHangupNotification(_a: usize, _b: usize, _c: usize) {}
#[unsafe(no_mangle)]
pub extern "system" fn RasAdminGetIpAddressForUser(_a: usize, _b: usize, _c: usize, d: *mut Bool) -> u32 { if !d.is_null() { unsafe { *d = 0 } } 0 }
#[unsafe(no_mangle)]
pub extern "system" fn RasAdminReleaseIpAddress(_a: usize, _b: usize, _c: usize) {}
