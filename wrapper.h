/*
 * Input of bindgen (build.rs). It gives include/rassapi.h the few Win32
 * base types it needs, spelled so that their sizes are the Windows ones
 * whatever host runs bindgen: DWORD and ULONG are 32-bit `unsigned int`
 * (a Linux host's `unsigned long` is 64-bit), WCHAR is a 16-bit
 * `unsigned short` (a Linux host's `wchar_t` is 32-bit). No system header
 * is read, so nothing of the host leaks into the bindings.
 */
#define RASSAPI_NO_WINDOWS_H 1

/** Win32 `VOID`. */
#define VOID void
/** Win32 calling convention of the API: stdcall on x86, the C convention on x86_64. */
#if defined(__i386__)
#define APIENTRY __attribute__((stdcall))
#else
#define APIENTRY
#endif

/** 8-bit ANSI character. */
typedef char CHAR;
/** Pointer to ANSI characters. */
typedef CHAR *PCHAR;
/** 8-bit unsigned integer. */
typedef unsigned char BYTE;
/** 16-bit unsigned integer. */
typedef unsigned short WORD;
/** 32-bit unsigned integer. */
typedef unsigned int DWORD;
/** 32-bit unsigned integer (`unsigned long` on Windows). */
typedef unsigned int ULONG;
/** 32-bit unsigned integer. */
typedef unsigned int UINT;
/** 32-bit Win32 boolean: zero is false, anything else true. */
typedef int BOOL;
/** UTF-16 code unit. */
typedef unsigned short WCHAR;
/** Pointer to UTF-16 code units. */
typedef WCHAR *LPWSTR;
/** Untyped pointer. */
typedef void *PVOID;

/** Longest user name, in characters (lmcons.h). */
#define UNLEN 256
/** Longest domain name, in characters (lmcons.h). */
#define DNLEN 15
/** Bytes in a NetBIOS name (lmcons.h). */
#define NETBIOS_NAME_LEN 16

#include "include/rassapi.h"
