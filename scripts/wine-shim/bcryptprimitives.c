/*
 * Stand-in for Windows' bcryptprimitives.dll, used only when running our
 * Windows test binaries under Wine on Linux.
 *
 * Rust's std (since 1.78) gets its random numbers from ProcessPrng, which it
 * imports from bcryptprimitives.dll.  Wine 8 does not ship that DLL, so every
 * Rust exe/DLL fails to load (error 126, or exit status 53 for a test
 * binary).  This DLL exports ProcessPrng implemented with advapi32's
 * RtlGenRandom (SystemFunction036), which Wine does provide.
 *
 * Built by scripts/windows-env.sh:
 *   x86_64-w64-mingw32-gcc -shared -o bcryptprimitives.dll bcryptprimitives.c -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom */

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE buf, SIZE_T len)
{
    /* RtlGenRandom takes a ULONG length: feed large requests in chunks. */
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(buf, chunk))
            return FALSE;
        buf += chunk;
        len -= chunk;
    }
    return TRUE;
}
