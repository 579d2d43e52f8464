/*
 * The harness's kernel32.dll: each function a loaded DLL may import, as a
 * stdcall stub with the Win32 signature and Linux-equivalent behaviour.
 * Every stub is safe to call from many threads at once.
 */
#ifndef PE32_KERNEL32_STUBS_H
#define PE32_KERNEL32_STUBS_H

#include "win32.h"

typedef void *HMODULE;

/*
 * X(return type, name, parameter list). The parameter lists use the
 * <windows.h> type names, so layout_proof.c can print each signature and
 * have clang compare it with mingw-w64's declaration of the same function.
 */
#define KERNEL32_STUBS(X)                                                                          \
    X(DWORD, GetLastError, (void))                                                                 \
    X(VOID, SetLastError, (DWORD dwErrCode))                                                       \
    X(UINT, GetSystemDirectoryW, (LPWSTR lpBuffer, UINT uSize))                                    \
    X(HANDLE, CreateFileW,                                                                         \
      (LPCWSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode,                               \
       LPSECURITY_ATTRIBUTES lpSecurityAttributes, DWORD dwCreationDisposition,                    \
       DWORD dwFlagsAndAttributes, HANDLE hTemplateFile))                                          \
    X(BOOL, WriteFile,                                                                             \
      (HANDLE hFile, LPCVOID lpBuffer, DWORD nNumberOfBytesToWrite,                                \
       LPDWORD lpNumberOfBytesWritten, LPOVERLAPPED lpOverlapped))                                 \
    X(BOOL, CloseHandle, (HANDLE hObject))                                                         \
    X(BOOL, FlushFileBuffers, (HANDLE hFile))                                                      \
    X(DWORD, SetFilePointer,                                                                       \
      (HANDLE hFile, LONG lDistanceToMove, PLONG lpDistanceToMoveHigh, DWORD dwMoveMethod))        \
    X(BOOL, DisableThreadLibraryCalls, (HMODULE hLibModule))                                       \
    X(HANDLE, GetProcessHeap, (void))                                                              \
    X(LPVOID, HeapAlloc, (HANDLE hHeap, DWORD dwFlags, SIZE_T dwBytes))                            \
    X(BOOL, HeapFree, (HANDLE hHeap, DWORD dwFlags, LPVOID lpMem))                                 \
    X(VOID, Sleep, (DWORD dwMilliseconds))                                                         \
    X(DWORD, GetCurrentThreadId, (void))                                                           \
    X(DWORD, GetCurrentProcessId, (void))                                                          \
    X(VOID, OutputDebugStringA, (LPCSTR lpOutputString))

/* The directory GetSystemDirectoryW reports. */
#define K32_SYSTEM_DIRECTORY "C:\\WINNT\\system32"

/* Sets the Linux directory that stands for the system directory. */
void k32_init(const char *tmpdir);

/* pe_import_resolver: the stub for kernel32.dll!name, NULL otherwise. */
void *k32_resolve(const char *dll, const char *name);

/* Call counts since start, for before/after comparisons in scenarios. */
struct k32_counts {
    unsigned create_file, write_file, close_handle, open_handles;
    unsigned long long bytes_written;
};
struct k32_counts k32_counts(void);

/* Whether the module at `base` called DisableThreadLibraryCalls. */
int k32_thread_calls_disabled(const void *base);

#endif
