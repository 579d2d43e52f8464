//! Appending a line to `<system directory>\rasacct.log` through kernel32.

use core::ffi::c_void;
use core::ptr;
use core::sync::atomic::{AtomicBool, Ordering};

type Handle = *mut c_void;

const FILE_APPEND_DATA: u32 = 0x0004;
const FILE_SHARE_READ: u32 = 0x0001;
const FILE_SHARE_WRITE: u32 = 0x0002;
const OPEN_ALWAYS: u32 = 4;
const FILE_ATTRIBUTE_NORMAL: u32 = 0x80;
const INVALID_HANDLE_VALUE: Handle = ptr::without_provenance_mut(usize::MAX);

/// MAX_PATH: what the system directory fits in, with the file name.
const PATH_CAPACITY: usize = 260;
/// `\rasacct.log` and the terminator, as UTF-16.
const FILE_NAME: [u16; 13] = {
    let name = *b"\\rasacct.log\0";
    let mut wide = [0u16; 13];
    let mut i = 0;
    while i < name.len() {
        wide[i] = name[i] as u16;
        i += 1;
    }
    wide
};

// Only functions NT 4.0's kernel32 has (cargo-rassapi/kernel32.txt lists them,
// `cargo rassapi check --windows nt4` enforces it).
#[link(name = "kernel32")]
unsafe extern "system" {
    fn GetSystemDirectoryW(buffer: *mut u16, size: u32) -> u32;
    fn CreateFileW(
        name: *const u16,
        access: u32,
        share: u32,
        security: *const c_void,
        disposition: u32,
        flags: u32,
        template: Handle,
    ) -> Handle;
    fn WriteFile(
        file: Handle,
        buffer: *const u8,
        len: u32,
        written: *mut u32,
        overlapped: *mut c_void,
    ) -> i32;
    fn CloseHandle(handle: Handle) -> i32;
    fn Sleep(milliseconds: u32);
}

/// Held while a line is written (see [`append`]).
static WRITING: AtomicBool = AtomicBool::new(false);

/// The write lock; released when dropped.
struct Writing;

impl Writing {
    /// Waits for the lock: a swap (`xchg`, which any x86 has), yielding the
    /// processor between tries. Hang-ups are rare and a write is short, so
    /// a spin lock is enough and needs no set-up in the entry point.
    fn lock() -> Writing {
        let mut tries = 0u32;
        while WRITING.swap(true, Ordering::Acquire) {
            tries = tries.saturating_add(1);
            // SAFETY: Sleep has no preconditions. 0 gives the rest of the time
            // slice to a ready thread; after a while, 1 ms also lets lower
            // priorities (the holder, maybe) run.
            unsafe { Sleep(u32::from(tries > 16)) };
        }
        Writing
    }
}

impl Drop for Writing {
    fn drop(&mut self) {
        WRITING.store(false, Ordering::Release);
    }
}

/// Appends `line` to the log with one `WriteFile` on a handle opened for
/// `FILE_APPEND_DATA` only, so the write lands at the end of the file as a
/// whole; the file is opened and closed per line, no handle is shared
/// between threads. On NT's file systems that alone keeps concurrent lines
/// apart, but not everywhere (Wine 8 was seen to let two such appends
/// overlap), so writes within this process also take a lock.
/// Failures are ignored: RAS has no way to hear about them.
pub fn append(line: &[u8]) {
    let mut path = [0u16; PATH_CAPACITY];
    // SAFETY: the buffer holds `PATH_CAPACITY` units, the size passed.
    let len = unsafe { GetSystemDirectoryW(path.as_mut_ptr(), PATH_CAPACITY as u32) } as usize;
    // 0: failure; more than the room left for the file name: too long.
    let Some(tail) = path.get_mut(len..len + FILE_NAME.len()) else {
        return;
    };
    if len == 0 {
        return;
    }
    for (d, s) in tail.iter_mut().zip(FILE_NAME) {
        *d = s;
    }
    let Ok(len) = u32::try_from(line.len()) else {
        return;
    };
    let _writing = Writing::lock();
    // SAFETY: `path` is NUL-terminated (FILE_NAME ends with 0); the other
    // pointer arguments may be null.
    let file = unsafe {
        CreateFileW(
            path.as_ptr(),
            FILE_APPEND_DATA,
            FILE_SHARE_READ | FILE_SHARE_WRITE,
            ptr::null(),
            OPEN_ALWAYS,
            FILE_ATTRIBUTE_NORMAL,
            ptr::null_mut(),
        )
    };
    if file == INVALID_HANDLE_VALUE || file.is_null() {
        return;
    }
    let mut written = 0u32;
    // SAFETY: `file` is the open handle from above; `line` is `len` bytes;
    // `written` is a valid out-pointer; no OVERLAPPED (synchronous handle).
    unsafe { WriteFile(file, line.as_ptr(), len, &mut written, ptr::null_mut()) };
    // SAFETY: closes the handle opened above, once.
    unsafe { CloseHandle(file) };
}
