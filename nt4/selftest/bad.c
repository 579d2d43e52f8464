/*
 * One admin DLL, broken on purpose in one way per -D switch, for
 * `scripts/check-nt4 --self-test`: every check must reject its broken
 * variant and accept the unbroken one (no switch). Built with mingw-w64 gcc,
 * -nostdlib -nostartfiles: no C runtime at all.
 */
#include <windows.h>

#ifdef BAD_TLS
/* Under mingw, the TLS callback array of the default DLL start-up files
   (dllcrt2.o, tlssup.o) is what creates a TLS directory; declaring
   _tls_used by hand does the same without them. */
ULONG _tls_index = 0;
const IMAGE_TLS_DIRECTORY _tls_used = {0, 0, (ULONG_PTR)&_tls_index, 0, 0, 0};
#endif

/* Fed with a value from the caller, so the compiler cannot fold it. */
static volatile DWORD sink;

#ifdef CDECL_ACCEPT
__declspec(dllexport) BOOL __cdecl RasAdminAcceptNewConnection(void *port, void *stats, void *params)
#else
__declspec(dllexport) BOOL WINAPI RasAdminAcceptNewConnection(void *port, void *stats, void *params)
#endif
{
#ifdef BAD_INSN
    __asm__ volatile(BAD_INSN); /* basic asm: no %% escaping */
#endif
#ifdef BAD_FLOAT
    /* Compiled for a Pentium 4 with -mfpmath=sse: SSE2 instructions. */
    volatile double d = (double)(ULONG_PTR)port;
    sink = (DWORD)(d * 1.5 + (double)(ULONG_PTR)stats);
#endif
#ifdef BAD_FOREIGN
    MessageBeep(0);
#endif
#ifdef BAD_NEW_IMPORT
    sink = (DWORD)GetTickCount64(); /* kernel32, but Windows Vista and later */
#endif
    sink = (DWORD)(ULONG_PTR)params;
    return port != NULL;
}

__declspec(dllexport) VOID WINAPI RasAdminConnectionHangupNotification(void *port, void *stats,
                                                                      void *params)
{
    sink = (DWORD)(ULONG_PTR)port + (DWORD)(ULONG_PTR)stats + (DWORD)(ULONG_PTR)params;
}

__declspec(dllexport) DWORD WINAPI RasAdminGetIpAddressForUser(WCHAR *user, WCHAR *port,
                                                               DWORD *address, BOOL *notify)
{
    sink = (DWORD)(ULONG_PTR)user + (DWORD)(ULONG_PTR)port + (DWORD)(ULONG_PTR)address;
    if (notify)
        *notify = FALSE;
    return 0;
}

#ifndef NO_RELEASE
__declspec(dllexport) VOID WINAPI RasAdminReleaseIpAddress(WCHAR *user, WCHAR *port, DWORD *address)
{
    sink = (DWORD)(ULONG_PTR)user + (DWORD)(ULONG_PTR)port + (DWORD)(ULONG_PTR)address;
}
#endif

#ifdef EXTRA_EXPORT
__declspec(dllexport) DWORD WINAPI RassapiExtra(void)
{
    return sink;
}
#endif

BOOL WINAPI entry(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    (void)instance;
    (void)reserved;
    sink = reason;
    return TRUE;
}
