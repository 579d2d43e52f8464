/*
 * Windows types for the PE32 harness, a 32-bit Linux program (gcc -m32).
 *
 * The RAS structures come from the repository's own include/rassapi.h
 * through wrapper.h, whose base types have the Windows sizes (DWORD is a
 * 32-bit unsigned int, WCHAR a 16-bit unsigned short) and whose APIENTRY is
 * stdcall on i386. With -m32 pointers are 4 bytes, as on i686 Windows.
 * `--print-layout` proves every size and offset used here against
 * mingw-w64's independent header (see layout_proof.c).
 *
 * The few kernel32 types the stubs need are declared here with the same
 * names as <windows.h>, so a stub signature written once (kernel32_stubs.h)
 * means the same thing here and in the layout proof.
 */
#ifndef PE32_WIN32_H
#define PE32_WIN32_H

#include "wrapper.h"

#include <stddef.h>
#include <stdint.h>

/* Win32 calling convention of kernel32 and the RasAdmin callbacks. */
#define WINAPI __attribute__((stdcall))

typedef void *HANDLE;
typedef void *HINSTANCE;
typedef void *LPVOID;
typedef const void *LPCVOID;
typedef DWORD *LPDWORD;
typedef const WCHAR *LPCWSTR;
typedef const CHAR *LPCSTR;
typedef long LONG;
typedef LONG *PLONG;
typedef size_t SIZE_T;
typedef struct _OVERLAPPED *LPOVERLAPPED;
typedef struct _SECURITY_ATTRIBUTES *LPSECURITY_ATTRIBUTES;

#define INVALID_HANDLE_VALUE ((HANDLE)(intptr_t)-1)
#define TRUE 1
#define FALSE 0

#define DLL_PROCESS_DETACH 0
#define DLL_PROCESS_ATTACH 1
#define DLL_THREAD_ATTACH 2
#define DLL_THREAD_DETACH 3

#define FILE_APPEND_DATA 0x0004
#define FILE_SHARE_READ 0x1
#define FILE_SHARE_WRITE 0x2
#define OPEN_ALWAYS 4
#define FILE_ATTRIBUTE_NORMAL 0x80

#define ERROR_SUCCESS 0
#define ERROR_FILE_NOT_FOUND 2
#define ERROR_ACCESS_DENIED 5
#define ERROR_INVALID_HANDLE 6
#define ERROR_NOT_ENOUGH_MEMORY 8
#define ERROR_INVALID_PARAMETER 87
#define ERROR_ALREADY_EXISTS 183

/* The callbacks' types, as the harness calls them. The parameter lists are
 * macros so layout_proof.c can print them for the mingw-w64 comparison. */
#define RAS_ACCEPT_PARAMS (RAS_PORT_1 *, RAS_PORT_STATISTICS *, RAS_PARAMETERS *)
#define RAS_HANGUP_PARAMS (RAS_PORT_1 *, RAS_PORT_STATISTICS *, RAS_PARAMETERS *)
#define RAS_GET_IP_PARAMS (WCHAR *, WCHAR *, IPADDR *, BOOL *)
#define RAS_RELEASE_PARAMS (WCHAR *, WCHAR *, IPADDR *)
#define DLL_ENTRY_PARAMS (HINSTANCE, DWORD, LPVOID)

typedef BOOL(WINAPI *accept_fn) RAS_ACCEPT_PARAMS;
typedef VOID(WINAPI *hangup_fn) RAS_HANGUP_PARAMS;
typedef DWORD(WINAPI *get_ip_fn) RAS_GET_IP_PARAMS;
typedef VOID(WINAPI *release_fn) RAS_RELEASE_PARAMS;
typedef BOOL(WINAPI *dll_entry_fn) DLL_ENTRY_PARAMS;

#endif
