/*
 * kernel32 stubs. File handles are slots of a table mapping to Linux file
 * descriptors; CreateFileW maps "<system directory>\<name>" to
 * "<tmpdir>/<name>" opened O_WRONLY|O_APPEND|O_CREAT, so one WriteFile is
 * one append-mode write(), as FILE_APPEND_DATA is on Windows.
 *
 * Stubs are called from Windows code, which keeps the stack only 4-byte
 * aligned: force_align_arg_pointer lets gcc's code here assume nothing.
 * The stubs yield the CPU at their start, so a DLL that shares buffers
 * between concurrent calls is more likely to show it.
 */
#define _GNU_SOURCE
#include "kernel32_stubs.h"

#include "checks.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/syscall.h>
#include <unistd.h>

#define STUB __attribute__((stdcall, force_align_arg_pointer))
#define DECLARE_STUB(ret, name, params) static ret STUB stub_##name params;
KERNEL32_STUBS(DECLARE_STUB)

static const char *g_tmpdir;
static __thread DWORD t_last_error;
static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;

#define MAX_HANDLES 256
#define HANDLE_BASE 0x1000u
static int g_fd[MAX_HANDLES]; /* 0 = free slot, else fd + 1 */
static struct k32_counts g_counts;
#define MAX_MODULES 8
static const void *g_no_thread_calls[MAX_MODULES];
#define FAKE_HEAP ((HANDLE)(uintptr_t)0x5ea0)

void k32_init(const char *tmpdir) { g_tmpdir = tmpdir; }

struct k32_counts k32_counts(void) {
    pthread_mutex_lock(&g_lock);
    struct k32_counts c = g_counts;
    pthread_mutex_unlock(&g_lock);
    return c;
}

int k32_thread_calls_disabled(const void *base) {
    pthread_mutex_lock(&g_lock);
    int found = 0;
    for (int i = 0; i < MAX_MODULES; i++) found |= g_no_thread_calls[i] == base;
    pthread_mutex_unlock(&g_lock);
    return found;
}

static DWORD STUB stub_GetLastError(void) { return t_last_error; }

static VOID STUB stub_SetLastError(DWORD dwErrCode) { t_last_error = dwErrCode; }

static const char k_sysdir[] = K32_SYSTEM_DIRECTORY;
#define SYSDIR_LEN (sizeof k_sysdir - 1)

/* Returns the length copied without the terminator, or the size needed
 * (terminator included) when the buffer is too small, as Win32 does. */
static UINT STUB stub_GetSystemDirectoryW(LPWSTR lpBuffer, UINT uSize) {
    sched_yield();
    if (!lpBuffer || uSize <= SYSDIR_LEN) return SYSDIR_LEN + 1;
    for (size_t i = 0; i <= SYSDIR_LEN; i++) lpBuffer[i] = (WCHAR)(unsigned char)k_sysdir[i];
    return SYSDIR_LEN;
}

/* Maps a handle value to its table slot, or -1. */
static int slot_of(HANDLE h) {
    uintptr_t v = (uintptr_t)h;
    if (v < HANDLE_BASE || (v - HANDLE_BASE) % 4 || (v - HANDLE_BASE) / 4 >= MAX_HANDLES) return -1;
    return (int)((v - HANDLE_BASE) / 4);
}

static HANDLE STUB stub_CreateFileW(LPCWSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode,
                                    LPSECURITY_ATTRIBUTES lpSecurityAttributes,
                                    DWORD dwCreationDisposition, DWORD dwFlagsAndAttributes,
                                    HANDLE hTemplateFile) {
    sched_yield();
    char path[520];
    size_t n = 0;
    int ascii = 1;
    if (lpFileName)
        for (; lpFileName[n] && n < sizeof path - 1; n++) {
            ascii &= lpFileName[n] < 0x80;
            path[n] = (char)lpFileName[n];
        }
    path[n] = 0;
    int ok = check(lpFileName != NULL, "CreateFileW: lpFileName is NULL");
    ok &= check(ascii, "CreateFileW(\"%s\"): non-ASCII path", path);
    ok &= check(strncmp(path, k_sysdir, SYSDIR_LEN) == 0 && path[SYSDIR_LEN] == '\\',
                "CreateFileW(\"%s\"): not a file directly in %s", path, k_sysdir);
    const char *base = path + (n > SYSDIR_LEN ? SYSDIR_LEN + 1 : n);
    ok &= check(*base && !strpbrk(base, "\\/:") && strcmp(base, ".") && strcmp(base, ".."),
                "CreateFileW(\"%s\"): no plain file name after the directory", path);
    ok &= check_u32(dwDesiredAccess, FILE_APPEND_DATA, "CreateFileW(\"%s\") dwDesiredAccess", path);
    ok &= check_u32(dwShareMode, FILE_SHARE_READ | FILE_SHARE_WRITE,
                    "CreateFileW(\"%s\") dwShareMode", path);
    ok &= check(lpSecurityAttributes == NULL, "CreateFileW(\"%s\"): lpSecurityAttributes not NULL",
                path);
    ok &= check_u32(dwCreationDisposition, OPEN_ALWAYS, "CreateFileW(\"%s\") dwCreationDisposition",
                    path);
    ok &= check_u32(dwFlagsAndAttributes, FILE_ATTRIBUTE_NORMAL,
                    "CreateFileW(\"%s\") dwFlagsAndAttributes", path);
    ok &= check(hTemplateFile == NULL, "CreateFileW(\"%s\"): hTemplateFile not NULL", path);
    pthread_mutex_lock(&g_lock);
    g_counts.create_file++;
    pthread_mutex_unlock(&g_lock);
    if (!ok) {
        t_last_error = ERROR_INVALID_PARAMETER;
        return INVALID_HANDLE_VALUE;
    }
    char real[1100];
    snprintf(real, sizeof real, "%s/%s", g_tmpdir, base);
    /* OPEN_ALWAYS: ERROR_ALREADY_EXISTS when the file was there, else 0. */
    DWORD err = 0;
    int fd = open(real, O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0 && errno == EEXIST) {
        err = ERROR_ALREADY_EXISTS;
        fd = open(real, O_WRONLY | O_APPEND | O_CLOEXEC);
    }
    if (fd < 0) {
        check(0, "CreateFileW: open(%s): %s", real, strerror(errno));
        t_last_error = ERROR_ACCESS_DENIED;
        return INVALID_HANDLE_VALUE;
    }
    pthread_mutex_lock(&g_lock);
    int slot = -1;
    for (int i = 0; i < MAX_HANDLES && slot < 0; i++)
        if (!g_fd[i]) slot = i;
    if (slot >= 0) {
        g_fd[slot] = fd + 1;
        g_counts.open_handles++;
    }
    pthread_mutex_unlock(&g_lock);
    if (slot < 0) {
        close(fd);
        check(0, "CreateFileW: more than %d handles open at once", MAX_HANDLES);
        t_last_error = ERROR_NOT_ENOUGH_MEMORY;
        return INVALID_HANDLE_VALUE;
    }
    t_last_error = err;
    return (HANDLE)(uintptr_t)(HANDLE_BASE + 4u * (unsigned)slot);
}

/* fd of an open handle, or -1 after recording a failed check. */
static int fd_of(HANDLE h, const char *fn) {
    int slot = slot_of(h), fd = -1;
    pthread_mutex_lock(&g_lock);
    if (slot >= 0 && g_fd[slot]) fd = g_fd[slot] - 1;
    pthread_mutex_unlock(&g_lock);
    check(fd >= 0, "%s: handle %p is not an open file handle", fn, h);
    return fd;
}

static BOOL STUB stub_WriteFile(HANDLE hFile, LPCVOID lpBuffer, DWORD nNumberOfBytesToWrite,
                                LPDWORD lpNumberOfBytesWritten, LPOVERLAPPED lpOverlapped) {
    sched_yield();
    int fd = fd_of(hFile, "WriteFile");
    /* NT 4.0 requires lpNumberOfBytesWritten when lpOverlapped is NULL. */
    int ok = check(lpNumberOfBytesWritten != NULL, "WriteFile: lpNumberOfBytesWritten is NULL");
    ok &= check(lpOverlapped == NULL, "WriteFile: lpOverlapped is not NULL");
    ok &= check(lpBuffer != NULL || nNumberOfBytesToWrite == 0, "WriteFile: lpBuffer is NULL");
    if (fd < 0 || !ok) {
        t_last_error = fd < 0 ? ERROR_INVALID_HANDLE : ERROR_INVALID_PARAMETER;
        return FALSE;
    }
    /* The log contract: each WriteFile is one whole CRLF-terminated line,
     * which is what keeps concurrent appends from interleaving. */
    const char *b = lpBuffer;
    DWORD len = nNumberOfBytesToWrite;
    if (!check(b && len >= 2 && b[len - 2] == '\r' && b[len - 1] == '\n' &&
                   !memchr(b, '\r', len - 2) && !memchr(b, '\n', len - 2),
               "WriteFile: the %u bytes written are not exactly one CRLF-terminated line", len) && b) {
        char shown[400];
        size_t k = 0;
        for (DWORD i = 0; i < len && k + 5 < sizeof shown; i++)
            k += (size_t)(b[i] == '\r' ? snprintf(shown + k, 3, "\\r")
                          : b[i] == '\n' ? snprintf(shown + k, 3, "\\n")
                          : b[i] == '\t' ? snprintf(shown + k, 3, "\\t")
                                         : snprintf(shown + k, 2, "%c", b[i]));
        printf("  WriteFile bytes: \"%s\"\n", shown);
    }
    ssize_t n = write(fd, lpBuffer, nNumberOfBytesToWrite);
    if (n < 0) {
        check(0, "WriteFile: write: %s", strerror(errno));
        t_last_error = ERROR_ACCESS_DENIED;
        return FALSE;
    }
    *lpNumberOfBytesWritten = (DWORD)n;
    pthread_mutex_lock(&g_lock);
    g_counts.write_file++;
    g_counts.bytes_written += (unsigned long long)n;
    pthread_mutex_unlock(&g_lock);
    t_last_error = 0;
    return TRUE;
}

static BOOL STUB stub_CloseHandle(HANDLE hObject) {
    int slot = slot_of(hObject), fd = -1;
    pthread_mutex_lock(&g_lock);
    if (slot >= 0 && g_fd[slot]) {
        fd = g_fd[slot] - 1;
        g_fd[slot] = 0;
        g_counts.open_handles--;
        g_counts.close_handle++;
    }
    pthread_mutex_unlock(&g_lock);
    if (!check(fd >= 0, "CloseHandle: handle %p is not open", hObject)) {
        t_last_error = ERROR_INVALID_HANDLE;
        return FALSE;
    }
    close(fd);
    return TRUE;
}

static BOOL STUB stub_FlushFileBuffers(HANDLE hFile) {
    int fd = fd_of(hFile, "FlushFileBuffers");
    if (fd < 0) {
        t_last_error = ERROR_INVALID_HANDLE;
        return FALSE;
    }
    fsync(fd);
    return TRUE;
}

/* Moves the file position (FILE_BEGIN 0, FILE_CURRENT 1, FILE_END 2). On
 * a FILE_APPEND_DATA handle writes go to the end wherever it points. */
static DWORD STUB stub_SetFilePointer(HANDLE hFile, LONG lDistanceToMove, PLONG lpDistanceToMoveHigh,
                                      DWORD dwMoveMethod) {
    int fd = fd_of(hFile, "SetFilePointer");
    if (fd < 0 || dwMoveMethod > 2) {
        t_last_error = fd < 0 ? ERROR_INVALID_HANDLE : ERROR_INVALID_PARAMETER;
        return 0xFFFFFFFFu;
    }
    long long dist = lpDistanceToMoveHigh
                         ? (long long)((unsigned long long)(uint32_t)*lpDistanceToMoveHigh << 32 |
                                       (uint32_t)lDistanceToMove)
                         : (long long)lDistanceToMove;
    static const int whence[3] = {SEEK_SET, SEEK_CUR, SEEK_END};
    off64_t pos = lseek64(fd, (off64_t)dist, whence[dwMoveMethod]);
    if (pos < 0) {
        t_last_error = ERROR_INVALID_PARAMETER;
        return 0xFFFFFFFFu;
    }
    if (lpDistanceToMoveHigh) *lpDistanceToMoveHigh = (LONG)(pos >> 32);
    t_last_error = 0;
    return (DWORD)pos;
}

static BOOL STUB stub_DisableThreadLibraryCalls(HMODULE hLibModule) {
    pthread_mutex_lock(&g_lock);
    for (int i = 0; i < MAX_MODULES; i++)
        if (!g_no_thread_calls[i] || g_no_thread_calls[i] == hLibModule) {
            g_no_thread_calls[i] = hLibModule;
            break;
        }
    pthread_mutex_unlock(&g_lock);
    return TRUE;
}

static HANDLE STUB stub_GetProcessHeap(void) { return FAKE_HEAP; }

#define HEAP_ZERO_MEMORY 0x8
static LPVOID STUB stub_HeapAlloc(HANDLE hHeap, DWORD dwFlags, SIZE_T dwBytes) {
    check(hHeap == FAKE_HEAP, "HeapAlloc: heap %p is not GetProcessHeap()'s", hHeap);
    /* 8-byte alignment, as the Windows heap gives. */
    return (dwFlags & HEAP_ZERO_MEMORY) ? calloc(1, dwBytes ? dwBytes : 1) : malloc(dwBytes ? dwBytes : 1);
}

static BOOL STUB stub_HeapFree(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem) {
    (void)dwFlags;
    check(hHeap == FAKE_HEAP, "HeapFree: heap %p is not GetProcessHeap()'s", hHeap);
    free(lpMem);
    return TRUE;
}

static VOID STUB stub_Sleep(DWORD dwMilliseconds) {
    if (dwMilliseconds == 0) sched_yield();
    else usleep(dwMilliseconds * 1000u);
}

static DWORD STUB stub_GetCurrentThreadId(void) { return (DWORD)syscall(SYS_gettid); }

static DWORD STUB stub_GetCurrentProcessId(void) { return (DWORD)getpid(); }

static VOID STUB stub_OutputDebugStringA(LPCSTR lpOutputString) {
    fprintf(stderr, "pe32: OutputDebugStringA: %s\n", lpOutputString ? lpOutputString : "(null)");
}

void *k32_resolve(const char *dll, const char *name) {
    if (strcasecmp(dll, "kernel32.dll") != 0) return NULL;
#define RESOLVE_STUB(ret, fn, params)                                                              \
    if (strcmp(name, #fn) == 0) return (void *)stub_##fn;
    KERNEL32_STUBS(RESOLVE_STUB)
    return NULL;
}
