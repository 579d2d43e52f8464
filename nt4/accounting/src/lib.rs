//! TEMPORARY
#![no_std]
use rassapi_nt4_rt as _;
#[link(name = "kernel32")]
unsafe extern "system" {
    fn GetSystemDirectoryW(buf: *mut u16, n: u32) -> u32;
}
#[unsafe(no_mangle)]
pub extern "system" fn RasAdminConnectionHangupNotification(_a: usize, _b: usize, _c: usize) {
    let mut b = [0u16; 260];
    unsafe { GetSystemDirectoryW(b.as_mut_ptr(), 260) };
}
