/*
 * Stand-in for Windows' rassapi.dll, used only by tests/client_functions.rs
 * when our Windows test binaries run under Wine on Linux.
 *
 * Wine has no rassapi.dll at all, so without this file nothing could show
 * that the crate's raw-dylib imports of the 12 client functions resolve by
 * name and pass their arguments correctly.  This DLL talks to no RAS server:
 * each function answers deterministically from *all* of its arguments, so a
 * wrong export name, calling convention, argument order or argument size
 * shows up in the test as a wrong answer (or an error code) instead of
 * passing by luck.
 *
 * Stub behaviour (server names must look like "\\name", else
 * NERR_InvalidComputer; NULL required pointers give ERROR_INVALID_PARAMETER;
 * the only ports are COM1 and COM2, others give ERROR_PORT_NOT_FOUND):
 *   ServerGetInfo     TotalPorts = length of the name after "\\",
 *                     PortsInUse = 1, RasVersion = RASADMIN_CURRENT.
 *   GetUserAccountServer  domain given: "\\PDC-<domain>" (a server, if also
 *                     given, must still be well formed); else the server name.
 *                     ERROR_INSUFFICIENT_BUFFER if longer than UNCLEN.
 *   UserGetInfo       what UserSetInfo stored for (server, user); otherwise
 *                     DialinPrivilege|AdminSetCallback with the phone number
 *                     "<server name>/<user>".  User "nobody": NERR_UserNotFound.
 *   UserSetInfo       checks bfPrivilege (exactly one callback bit, no unknown
 *                     bits) and the phone terminator, then stores the record.
 *   PortEnum          one HeapAlloc block of 2 RAS_PORT_0 (COM1 with user
 *                     "alice" connected, COM2 idle); the device name is
 *                     "Stub modem on <server>".
 *   PortGetInfo       the port's RAS_PORT_0 again, conditions, LineSpeed =
 *                     28800 * port number, 28 statistics whose k-th DWORD is
 *                     1000 * port number + k + 1 (0 after ClearStatistics),
 *                     projection results, and one HeapAlloc block holding 3
 *                     RAS_PARAMETERS followed by their string data (no
 *                     terminators): PortName = the port argument,
 *                     MAXCONNECTBPS = LineSpeed (number), CONNECTBPS =
 *                     LineSpeed (string).
 *   PortClearStatistics  zeroes that port's statistics from then on.
 *   PortDisconnect    COM1: NO_ERROR (nothing changes); COM2:
 *                     ERROR_PORT_NOT_CONNECTED.
 *   FreeBuffer        frees blocks handed out above (ERROR_INVALID_PARAMETER
 *                     for any other pointer) and counts the frees.
 *   GetErrorString    "stub error <id>"; id 0xFFFFFFFF gives
 *                     "stub frees <count> live <blocks not yet freed>".  Too
 *                     small a buffer: truncated, NUL-terminated, and
 *                     ERROR_INSUFFICIENT_BUFFER.
 *   SetUserParms      writes "RAS=<bfPrivilege as 2 hex digits>;<phone>" if it
 *                     fits in cchNewParms characters (terminator included),
 *                     else ERROR_INSUFFICIENT_BUFFER and writes nothing.
 *   GetUserParms      decodes that form; a string without the "RAS=" prefix
 *                     gives NoCallback and an empty phone number.
 *
 * Built by scripts/windows-env.sh: the x86_64 DLL goes beside the
 * bcryptprimitives shim (on WINEPATH); the i686 one is built only to prove it
 * compiles, with -Wl,--kill-at so its exports are undecorated like the real
 * DLL's:
 *   x86_64-w64-mingw32-gcc -O2 -shared -o rassapi.dll rassapi.c
 *   i686-w64-mingw32-gcc -O2 -shared -o rassapi.dll rassapi.c -Wl,--kill-at
 */
#include <windows.h>
#include <lmerr.h>
#include <raserror.h>
#include <rassapi.h>

#define EXPORT __declspec(dllexport)

/* The three client functions that mingw-w64's rassapi.h lacks. */
DWORD WINAPI RasAdminGetErrorString(UINT ResourceId, WCHAR *lpszString, DWORD InBufSize);
DWORD WINAPI RasAdminGetUserParms(WCHAR *lpszParms, PRAS_USER_0 pRasUser0);
DWORD WINAPI RasAdminSetUserParms(WCHAR *lpszParms, DWORD cchNewParms, PRAS_USER_0 pRasUser0);

#define STUB_STATS_ID 0xFFFFFFFFu /* GetErrorString id that reports the free count */
#define STUB_NAME_EXISTS_ON_NET (RASBASE + 42) /* raserror.h hides it when WINVER >= 0x600 */
#define MAX_BLOCKS 64
#define MAX_USERS 16
#define NAME_MAX_CHARS 64

static SRWLOCK lock = SRWLOCK_INIT;
static void *blocks[MAX_BLOCKS]; /* handed out, not yet freed */
static LONG frees;
static LONG cleared[3];          /* indexed by port number */
static struct {
    WCHAR server[NAME_MAX_CHARS], user[NAME_MAX_CHARS];
    RAS_USER_0 rec;
} users[MAX_USERS];
static int nusers;

/* --- small helpers (no C runtime formatting, so both widths behave alike) --- */

static size_t wlen(const WCHAR *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

static int wequal(const WCHAR *a, const WCHAR *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

/* Appends src to the NUL-terminated dst of cap characters, truncating. */
static void wappend(WCHAR *dst, size_t cap, const WCHAR *src)
{
    size_t n = wlen(dst);
    while (*src && n + 1 < cap)
        dst[n++] = *src++;
    dst[n] = 0;
}

static void wappend_u32(WCHAR *dst, size_t cap, DWORD v)
{
    WCHAR tmp[11];
    int i = 10;
    tmp[i] = 0;
    do {
        tmp[--i] = (WCHAR)(L'0' + v % 10);
        v /= 10;
    } while (v);
    wappend(dst, cap, tmp + i);
}

/* Decimal digits of v as ANSI text, no terminator; returns the count. */
static DWORD ansi_u32(char *dst, DWORD v)
{
    char tmp[10];
    DWORD n = 0, i;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (i = 0; i < n; i++)
        dst[i] = tmp[n - 1 - i];
    return n;
}

static void ansi_copy(char *dst, size_t cap, const char *src)
{
    size_t n = 0;
    while (src[n] && n + 1 < cap) {
        dst[n] = src[n];
        n++;
    }
    dst[n] = 0;
}

static void *stub_alloc(SIZE_T size)
{
    void *p = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, size);
    int i;
    if (!p)
        return NULL;
    AcquireSRWLockExclusive(&lock);
    for (i = 0; i < MAX_BLOCKS && blocks[i]; i++)
        ;
    if (i < MAX_BLOCKS)
        blocks[i] = p;
    ReleaseSRWLockExclusive(&lock);
    if (i == MAX_BLOCKS) {
        HeapFree(GetProcessHeap(), 0, p);
        return NULL;
    }
    return p;
}

static DWORD check_server(const WCHAR *server)
{
    if (!server)
        return ERROR_INVALID_PARAMETER;
    if (server[0] != L'\\' || server[1] != L'\\' || !server[2])
        return NERR_InvalidComputer;
    return NO_ERROR;
}

/* 1 for "COM1", 2 for "COM2", 0 for anything else. */
static int port_number(const WCHAR *port)
{
    if (wequal(port, L"COM1"))
        return 1;
    if (wequal(port, L"COM2"))
        return 2;
    return 0;
}

static DWORD check_port(const WCHAR *server, const WCHAR *port, int *n)
{
    DWORD e;
    if (!port)
        return ERROR_INVALID_PARAMETER;
    if ((e = check_server(server)))
        return e;
    return (*n = port_number(port)) ? NO_ERROR : ERROR_PORT_NOT_FOUND;
}

static void fill_port0(RAS_PORT_0 *p, int n, const WCHAR *server)
{
    ZeroMemory(p, sizeof *p);
    wappend(p->wszPortName, RASSAPI_MAX_PORT_NAME, n == 1 ? L"COM1" : L"COM2");
    wappend(p->wszDeviceType, RASSAPI_MAX_DEVICETYPE_NAME, L"modem");
    wappend(p->wszDeviceName, RASSAPI_MAX_DEVICE_NAME, L"Stub modem on ");
    wappend(p->wszDeviceName, RASSAPI_MAX_DEVICE_NAME, server);
    wappend(p->wszMediaName, RASSAPI_MAX_MEDIA_NAME, L"rasser");
    p->fAdvancedServer = TRUE;
    if (n == 1) {
        p->Flags = USER_AUTHENTICATED | MESSENGER_PRESENT | PPP_CLIENT;
        wappend(p->wszUserName, UNLEN + 1, L"alice");
        wappend(p->wszComputer, NETBIOS_NAME_LEN, L"ALICEPC");
        p->dwStartSessionTime = 946684800; /* 2000-01-01 00:00:00 UTC */
        wappend(p->wszLogonDomain, DNLEN + 1, L"STUBDOM");
    }
}

/* Callback bits: exactly one; no bits beyond the four defined; phone terminated. */
static DWORD check_user0(const RAS_USER_0 *u)
{
    BYTE cb = u->bfPrivilege & RASPRIV_CallbackType;
    size_t i;
    if ((u->bfPrivilege & ~(RASPRIV_CallbackType | RASPRIV_DialinPrivilege)) ||
        (cb != RASPRIV_NoCallback && cb != RASPRIV_AdminSetCallback &&
         cb != RASPRIV_CallerSetCallback))
        return ERROR_INVALID_PARAMETER;
    for (i = 0; i <= RASSAPI_MAX_PHONENUMBER_SIZE; i++)
        if (!u->szPhoneNumber[i])
            return NO_ERROR;
    return ERROR_INVALID_PARAMETER;
}

/* --- the 12 exports --- */

EXPORT DWORD WINAPI RasAdminServerGetInfo(const WCHAR *lpszServer, PRAS_SERVER_0 pRasServer0)
{
    DWORD e;
    if (!pRasServer0)
        return ERROR_INVALID_PARAMETER;
    if ((e = check_server(lpszServer)))
        return e;
    pRasServer0->TotalPorts = (WORD)wlen(lpszServer + 2);
    pRasServer0->PortsInUse = 1;
    pRasServer0->RasVersion = RASADMIN_CURRENT;
    return NO_ERROR;
}

EXPORT DWORD WINAPI RasAdminGetUserAccountServer(const WCHAR *lpszDomain, const WCHAR *lpszServer,
                                                 LPWSTR lpszUserAccountServer)
{
    WCHAR buf[NAME_MAX_CHARS * 2] = L"\\\\";
    DWORD e;
    if (!lpszUserAccountServer || (!lpszDomain && !lpszServer))
        return ERROR_INVALID_PARAMETER;
    if (lpszServer && (e = check_server(lpszServer)))
        return e;
    if (lpszDomain) {
        wappend(buf, ARRAYSIZE(buf), L"PDC-");
        wappend(buf, ARRAYSIZE(buf), lpszDomain);
    } else {
        wappend(buf, ARRAYSIZE(buf), lpszServer + 2);
    }
    if (wlen(buf) > UNCLEN)
        return ERROR_INSUFFICIENT_BUFFER;
    lpszUserAccountServer[0] = 0;
    wappend(lpszUserAccountServer, UNCLEN + 1, buf);
    return NO_ERROR;
}

EXPORT DWORD WINAPI RasAdminUserGetInfo(const WCHAR *lpszUserAccountServer, const WCHAR *lpszUser,
                                        PRAS_USER_0 pRasUser0)
{
    DWORD e;
    int i;
    if (!lpszUser || !pRasUser0)
        return ERROR_INVALID_PARAMETER;
    if ((e = check_server(lpszUserAccountServer)))
        return e;
    if (wequal(lpszUser, L"nobody"))
        return NERR_UserNotFound;
    AcquireSRWLockShared(&lock);
    for (i = 0; i < nusers; i++)
        if (wequal(users[i].server, lpszUserAccountServer) && wequal(users[i].user, lpszUser)) {
            *pRasUser0 = users[i].rec;
            break;
        }
    ReleaseSRWLockShared(&lock);
    if (i == nusers) {
        ZeroMemory(pRasUser0, sizeof *pRasUser0);
        pRasUser0->bfPrivilege = RASPRIV_DialinPrivilege | RASPRIV_AdminSetCallback;
        wappend(pRasUser0->szPhoneNumber, RASSAPI_MAX_PHONENUMBER_SIZE + 1,
                lpszUserAccountServer + 2);
        wappend(pRasUser0->szPhoneNumber, RASSAPI_MAX_PHONENUMBER_SIZE + 1, L"/");
        wappend(pRasUser0->szPhoneNumber, RASSAPI_MAX_PHONENUMBER_SIZE + 1, lpszUser);
    }
    return NO_ERROR;
}

EXPORT DWORD WINAPI RasAdminUserSetInfo(const WCHAR *lpszUserAccountServer, const WCHAR *lpszUser,
                                        const PRAS_USER_0 pRasUser0)
{
    DWORD e = NO_ERROR;
    int i;
    if (!lpszUser || !pRasUser0)
        return ERROR_INVALID_PARAMETER;
    if ((e = check_server(lpszUserAccountServer)) || (e = check_user0(pRasUser0)))
        return e;
    if (wequal(lpszUser, L"nobody"))
        return NERR_UserNotFound;
    if (wlen(lpszUserAccountServer) >= NAME_MAX_CHARS || wlen(lpszUser) >= NAME_MAX_CHARS)
        return ERROR_INVALID_PARAMETER;
    AcquireSRWLockExclusive(&lock);
    for (i = 0; i < nusers; i++)
        if (wequal(users[i].server, lpszUserAccountServer) && wequal(users[i].user, lpszUser))
            break;
    if (i == MAX_USERS) {
        e = ERROR_NOT_ENOUGH_MEMORY;
    } else {
        if (i == nusers) {
            nusers++;
            users[i].server[0] = users[i].user[0] = 0;
            wappend(users[i].server, NAME_MAX_CHARS, lpszUserAccountServer);
            wappend(users[i].user, NAME_MAX_CHARS, lpszUser);
        }
        users[i].rec = *pRasUser0;
    }
    ReleaseSRWLockExclusive(&lock);
    return e;
}

EXPORT DWORD WINAPI RasAdminPortEnum(const WCHAR *lpszServer, PRAS_PORT_0 *ppRasPort0,
                                     WORD *pcEntriesRead)
{
    RAS_PORT_0 *ports;
    DWORD e;
    if (!ppRasPort0 || !pcEntriesRead)
        return ERROR_INVALID_PARAMETER;
    *ppRasPort0 = NULL;
    *pcEntriesRead = 0;
    if ((e = check_server(lpszServer)))
        return e;
    if (!(ports = stub_alloc(2 * sizeof *ports)))
        return ERROR_NOT_ENOUGH_MEMORY;
    fill_port0(&ports[0], 1, lpszServer);
    fill_port0(&ports[1], 2, lpszServer);
    *ppRasPort0 = ports;
    *pcEntriesRead = 2;
    return NO_ERROR;
}

EXPORT DWORD WINAPI RasAdminPortGetInfo(const WCHAR *lpszServer, const WCHAR *lpszPort,
                                        RAS_PORT_1 *pRasPort1, RAS_PORT_STATISTICS *pRasStats,
                                        RAS_PARAMETERS **ppRasParams)
{
    static const char *const keys[3] = {"PortName", "MAXCONNECTBPS", "CONNECTBPS"};
    RAS_PARAMETERS *params;
    DWORD *stat = (DWORD *)pRasStats, e, k, port_len, speed_len, size;
    char speed[10], *data;
    int n = 0;
    if (!pRasPort1 || !pRasStats || !ppRasParams)
        return ERROR_INVALID_PARAMETER;
    *ppRasParams = NULL;
    if ((e = check_port(lpszServer, lpszPort, &n)))
        return e;

    ZeroMemory(pRasPort1, sizeof *pRasPort1);
    fill_port0(&pRasPort1->rasport0, n, lpszServer);
    pRasPort1->LineCondition = n == 1 ? RAS_PORT_AUTHENTICATED : RAS_PORT_LISTENING;
    pRasPort1->HardwareCondition = RAS_MODEM_OPERATIONAL;
    pRasPort1->LineSpeed = 28800 * n;
    pRasPort1->NumStatistics = sizeof *pRasStats / sizeof(DWORD);
    pRasPort1->NumMediaParms = 3;

    pRasPort1->ProjResult.nbf.dwError = STUB_NAME_EXISTS_ON_NET;
    pRasPort1->ProjResult.nbf.dwNetBiosError = 0x0D; /* NRC_DUPNAME */
    ansi_copy(pRasPort1->ProjResult.nbf.szName, NETBIOS_NAME_LEN + 1, "DUPNAME");
    wappend(pRasPort1->ProjResult.nbf.wszWksta, NETBIOS_NAME_LEN + 1, L"ALICEPC");
    wappend(pRasPort1->ProjResult.ip.wszAddress, RAS_IPADDRESSLEN + 1, L"10.0.0.");
    wappend_u32(pRasPort1->ProjResult.ip.wszAddress, RAS_IPADDRESSLEN + 1, n);
    wappend(pRasPort1->ProjResult.ipx.wszAddress, RAS_IPXADDRESSLEN + 1, L"0000000A.00000000000");
    wappend_u32(pRasPort1->ProjResult.ipx.wszAddress, RAS_IPXADDRESSLEN + 1, n);
    pRasPort1->ProjResult.at.dwError = ERROR_PROTOCOL_NOT_CONFIGURED;

    for (k = 0; k < sizeof *pRasStats / sizeof(DWORD); k++)
        stat[k] = cleared[n] ? 0 : 1000 * n + k + 1;

    /* Array first, then the string data, unterminated, in one block. */
    port_len = (DWORD)wlen(lpszPort);
    speed_len = ansi_u32(speed, pRasPort1->LineSpeed);
    size = 3 * sizeof *params + port_len + speed_len;
    if (!(params = stub_alloc(size)))
        return ERROR_NOT_ENOUGH_MEMORY;
    data = (char *)(params + 3);
    for (k = 0; k < 3; k++)
        ansi_copy(params[k].P_Key, RASSAPI_MAX_PARAM_KEY_SIZE, keys[k]);
    params[0].P_Type = ParamString;
    params[0].P_Value.String.Length = port_len;
    params[0].P_Value.String.Data = data;
    for (k = 0; k < port_len; k++)
        *data++ = (char)lpszPort[k];
    params[1].P_Type = ParamNumber;
    params[1].P_Value.Number = pRasPort1->LineSpeed;
    params[2].P_Type = ParamString;
    params[2].P_Value.String.Length = speed_len;
    params[2].P_Value.String.Data = data;
    CopyMemory(data, speed, speed_len);
    pRasPort1->SizeMediaParms = size;
    *ppRasParams = params;
    return NO_ERROR;
}

EXPORT DWORD WINAPI RasAdminPortClearStatistics(const WCHAR *lpszServer, const WCHAR *lpszPort)
{
    int n = 0;
    DWORD e = check_port(lpszServer, lpszPort, &n);
    if (!e)
        InterlockedExchange(&cleared[n], 1);
    return e;
}

EXPORT DWORD WINAPI RasAdminPortDisconnect(const WCHAR *lpszServer, const WCHAR *lpszPort)
{
    int n = 0;
    DWORD e = check_port(lpszServer, lpszPort, &n);
    return e ? e : n == 1 ? NO_ERROR : ERROR_PORT_NOT_CONNECTED;
}

EXPORT DWORD WINAPI RasAdminFreeBuffer(PVOID Pointer)
{
    int i;
    AcquireSRWLockExclusive(&lock);
    for (i = 0; i < MAX_BLOCKS && (!Pointer || blocks[i] != Pointer); i++)
        ;
    if (i < MAX_BLOCKS) {
        blocks[i] = NULL;
        frees++;
    }
    ReleaseSRWLockExclusive(&lock);
    if (i == MAX_BLOCKS)
        return ERROR_INVALID_PARAMETER;
    HeapFree(GetProcessHeap(), 0, Pointer);
    return NO_ERROR;
}

EXPORT DWORD WINAPI RasAdminGetErrorString(UINT ResourceId, WCHAR *lpszString, DWORD InBufSize)
{
    WCHAR text[64] = L"";
    DWORD live = 0, n, i;
    if (!lpszString)
        return ERROR_INVALID_PARAMETER;
    if (ResourceId == STUB_STATS_ID) {
        AcquireSRWLockShared(&lock);
        for (i = 0; i < MAX_BLOCKS; i++)
            live += blocks[i] != NULL;
        wappend(text, ARRAYSIZE(text), L"stub frees ");
        wappend_u32(text, ARRAYSIZE(text), (DWORD)frees);
        ReleaseSRWLockShared(&lock);
        wappend(text, ARRAYSIZE(text), L" live ");
        wappend_u32(text, ARRAYSIZE(text), live);
    } else {
        wappend(text, ARRAYSIZE(text), L"stub error ");
        wappend_u32(text, ARRAYSIZE(text), ResourceId);
    }
    n = (DWORD)wlen(text);
    if (InBufSize == 0)
        return ERROR_INSUFFICIENT_BUFFER;
    lpszString[0] = 0;
    wappend(lpszString, InBufSize, text);
    return n < InBufSize ? NO_ERROR : ERROR_INSUFFICIENT_BUFFER;
}

EXPORT DWORD WINAPI RasAdminGetUserParms(WCHAR *lpszParms, PRAS_USER_0 pRasUser0)
{
    static const WCHAR hex[] = L"0123456789ABCDEF";
    const WCHAR *p = lpszParms, *h;
    int i, v = 0;
    if (!lpszParms || !pRasUser0)
        return ERROR_INVALID_PARAMETER;
    ZeroMemory(pRasUser0, sizeof *pRasUser0);
    if (p[0] != L'R' || p[1] != L'A' || p[2] != L'S' || p[3] != L'=') {
        pRasUser0->bfPrivilege = RASPRIV_NoCallback;
        return NO_ERROR;
    }
    for (p += 4, i = 0; i < 2; i++, p++) {
        for (h = hex; *h && *h != *p; h++)
            ;
        if (!*h)
            return ERROR_INVALID_PARAMETER;
        v = v * 16 + (int)(h - hex);
    }
    if (*p++ != L';' || wlen(p) > RASSAPI_MAX_PHONENUMBER_SIZE)
        return ERROR_INVALID_PARAMETER;
    pRasUser0->bfPrivilege = (BYTE)v;
    wappend(pRasUser0->szPhoneNumber, RASSAPI_MAX_PHONENUMBER_SIZE + 1, p);
    return NO_ERROR;
}

EXPORT DWORD WINAPI RasAdminSetUserParms(WCHAR *lpszParms, DWORD cchNewParms, PRAS_USER_0 pRasUser0)
{
    static const WCHAR hex[] = L"0123456789ABCDEF";
    WCHAR head[8] = L"RAS=";
    DWORD e;
    if (!lpszParms || !pRasUser0)
        return ERROR_INVALID_PARAMETER;
    if ((e = check_user0(pRasUser0)))
        return e;
    if (cchNewParms < 4 + 2 + 1 + wlen(pRasUser0->szPhoneNumber) + 1)
        return ERROR_INSUFFICIENT_BUFFER;
    head[4] = hex[pRasUser0->bfPrivilege >> 4];
    head[5] = hex[pRasUser0->bfPrivilege & 15];
    head[6] = L';';
    head[7] = 0;
    lpszParms[0] = 0;
    wappend(lpszParms, cchNewParms, head);
    wappend(lpszParms, cchNewParms, pRasUser0->szPhoneNumber);
    return NO_ERROR;
}
