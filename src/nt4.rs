//! The runtime of a `no_std` admin DLL (feature `nt4`): what such a DLL
//! needs besides its exports, so that the DLL's crate holds only its code.
//! The symbol names below are here without the feature too (for tools).
//!
//! A DLL for Windows NT 4.0 (or any Windows before 10, where Rust's `std`
//! does not run) is `#![no_std]`, links no C runtime and is built by
//! `cargo rassapi build --windows nt4`, whose target names the two items
//! this module supplies:
//!
//! * **The entry point** (`_rassapi_nt4_entry@12` on x86,
//!   `rassapi_nt4_entry` on x86-64; the linker's `--entry`). Windows calls
//!   it on process and thread attach and detach; the callbacks keep no
//!   per-process state to set up, so it returns `TRUE`. It is written in
//!   assembly, so it has a linker-visible name without being exported.
//! * **The panic handler, as a link-time proof.** The build uses
//!   `panic = "abort"`, fat LTO and one codegen unit, so every function the
//!   exports cannot reach is removed before the link. The handler calls
//!   `rassapi_nt4_a_panic_is_reachable`, a symbol defined nowhere: if any
//!   panic survives, the link fails naming it (and `cargo rassapi build`
//!   says what it means). A DLL that links contains no panic at all. Debug
//!   builds do not link, by design.
//!
//! A DLL's crate with this feature is then only:
//!
//! ```toml
//! [lib]
//! crate-type = ["cdylib"]
//!
//! [dependencies]
//! rassapi = { version = "0.1", default-features = false, features = ["nt4"] }
//! ```
//!
//! with `#![no_std]` and [`admin_dll!`](crate::admin_dll) (or
//! [`rras_admin_dll!`](crate::rras_admin_dll)) in `src/lib.rs`: no
//! `#[panic_handler]`, no `global_asm!`, no `[profile]`, no target file.
//!
//! Both items exist only when building for Windows. On any other OS (the
//! crate's unit tests on the build host) the feature links `std` instead,
//! whose panic handler then serves, so the same crate builds and tests
//! there.
//!
//! When a link fails on `rassapi_nt4_a_panic_is_reachable`, something the
//! exports call can panic: an index (`a[i]`), a slice (`&a[i..]`),
//! `unwrap`/`expect`, arithmetic overflow checks in a debug build, or
//! `copy_from_slice` with unequal lengths. Use `get`, `checked_*`,
//! `wrapping_*`, iterators (`zip`) and the crate's panic-free helpers
//! instead.

#[cfg(all(feature = "nt4", feature = "std"))]
compile_error!(
    "rassapi's feature `nt4` is for no_std DLLs: depend on rassapi with \
     `default-features = false, features = [\"nt4\"]`"
);

/// The panic handler of a `no_std` Windows DLL: a link-time proof that no
/// panic is reachable (see the [module docs](self)).
#[cfg(all(feature = "nt4", target_os = "windows", not(feature = "std")))]
#[panic_handler]
fn on_reachable_panic(_: &core::panic::PanicInfo<'_>) -> ! {
    unsafe extern "C" {
        // Defined nowhere, on purpose: a DLL in which this call survives
        // optimisation does not link.
        fn rassapi_nt4_a_panic_is_reachable() -> !;
    }
    // SAFETY: never runs: a DLL in which this call is reachable does not link.
    unsafe { rassapi_nt4_a_panic_is_reachable() }
}

// The entry point, named by `--entry` in the target `cargo rassapi build`
// derives. `BOOL WINAPI rassapi_nt4_entry(HINSTANCE, DWORD reason, LPVOID)`.
#[cfg(all(feature = "nt4", target_os = "windows", target_arch = "x86"))]
core::arch::global_asm!(
    ".section .text$rassapi_nt4_entry,\"xr\"",
    ".globl _rassapi_nt4_entry@12",
    "_rassapi_nt4_entry@12:",
    "    mov eax, 1",
    "    ret 12", // stdcall: the callee pops its three arguments
);
#[cfg(all(feature = "nt4", target_os = "windows", target_arch = "x86_64"))]
core::arch::global_asm!(
    ".section .text$rassapi_nt4_entry,\"xr\"",
    ".globl rassapi_nt4_entry",
    "rassapi_nt4_entry:",
    "    mov eax, 1",
    "    ret",
);

/// The entry point's symbol on x86 (stdcall-decorated), as the target's
/// `--entry` names it.
pub const ENTRY_SYMBOL_X86: &str = "_rassapi_nt4_entry@12";
/// The entry point's symbol on x86-64.
pub const ENTRY_SYMBOL_X86_64: &str = "rassapi_nt4_entry";
/// The undefined symbol the panic handler refers to: a link error naming it
/// means a panic is reachable.
pub const PANIC_SYMBOL: &str = "rassapi_nt4_a_panic_is_reachable";
