//! What a `no_std` admin DLL needs besides its exports: the DLL entry point
//! and the panic handler.
//!
//! The DLLs are linked with `-nostartfiles -nostdlib` (see the target
//! specs), so nothing from mingw's C runtime is in them: no `dllcrt2.o`
//! (which brings a TLS directory and msvcrt.dll imports) and no `libgcc`.
//! Both items exist only when building for Windows. Elsewhere this crate
//! links `std` instead (whose panic handler then serves), so that the DLL
//! crates build, lint and run their unit tests on the Linux host.
#![cfg_attr(windows, no_std)]
#![deny(missing_docs)]

/// The panic handler, and the link-time proof that no panic is reachable.
///
/// The DLLs are built with fat LTO and `panic = "abort"`, so every function
/// the exports cannot reach is deleted before the link. If a panic path
/// survives, this handler survives with it and references a symbol that
/// exists nowhere: the link fails with "undefined reference to
/// `rassapi_nt4_a_panic_is_reachable`". A DLL that links therefore contains
/// no panic at all. `scripts/build-nt4 --prove-panic-check` shows the
/// proof is not vacuous (it builds with a deliberate panic and expects
/// this link error).
#[cfg(target_os = "windows")]
#[panic_handler]
fn on_reachable_panic(_: &core::panic::PanicInfo<'_>) -> ! {
    unsafe extern "C" {
        // Defined nowhere, on purpose (see above).
        fn rassapi_nt4_a_panic_is_reachable() -> !;
    }
    // SAFETY: never runs: a DLL in which this call is reachable does not link.
    unsafe { rassapi_nt4_a_panic_is_reachable() }
}

/// A panic the optimiser cannot remove, when the `panic-probe` feature is on
/// (the link must then fail); nothing otherwise. `len` should come from the
/// host so that its value is unknown at compile time.
#[inline(always)]
pub fn panic_probe(len: usize) {
    #[cfg(feature = "panic-probe")]
    {
        let table = [1u8, 2, 3, 4];
        // Out of bounds for len >= 4: a bounds-check panic the compiler
        // cannot prove away.
        core::hint::black_box(table[len]);
    }
    #[cfg(not(feature = "panic-probe"))]
    let _ = len;
}

// The entry point (`--entry` in the target specs): Windows calls it on
// process/thread attach and detach. The DLLs keep no per-process state to
// set up, so it only returns TRUE. Written in assembly so that it has a
// linker-visible name without becoming an export (every `#[no_mangle]`
// Rust function of a cdylib is exported).
//   BOOL WINAPI rassapi_nt4_entry(HINSTANCE, DWORD reason, LPVOID reserved)
#[cfg(all(target_os = "windows", target_arch = "x86"))]
core::arch::global_asm!(
    ".section .text$rassapi_nt4_entry,\"xr\"",
    ".globl _rassapi_nt4_entry@12",
    "_rassapi_nt4_entry@12:",
    "    mov eax, 1",
    "    ret 12", // stdcall: the callee pops its three arguments
);
#[cfg(all(target_os = "windows", target_arch = "x86_64"))]
core::arch::global_asm!(
    ".section .text$rassapi_nt4_entry,\"xr\"",
    ".globl rassapi_nt4_entry",
    "rassapi_nt4_entry:",
    "    mov eax, 1",
    "    ret",
);
