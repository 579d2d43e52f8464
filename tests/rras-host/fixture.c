/*
 * A stand-in for the Rust example examples/rras_dll.rs, written in C from
 * /work/coord/rras-contract.md, so tests/rras-host/host.c can be developed
 * and self-tested without the Rust DLL: scripts/wine-rras runs the host
 * against this fixture (must pass) and against deliberately broken builds
 * of it (-DFIXTURE_BREAK=n, each must fail), then against the real DLL.
 *
 * Broken builds:
 *   1  link events report bytes_sent and bytes_received swapped
 *   2  MprAdminAcceptNewLink is missing from the export table
 *   3  misaligned pointers are not detected: the handler runs anyway
 *   4  a "panic" is not contained: the process dies
 *   5  events are recorded without the lock, and the event number is a lost
 *      update (read, pause, write): concurrent events share numbers
 *   6  MprAdminAcceptNewConnection2 does not require its level-2 pointer
 *   7  NT 4.0 link events report the bundle totals, not the port's counters
 *
 * fixture_nt4.c is the RasAdmin* half (NT 4.0 structures from <rassapi.h>).
 */
#define _WIN32_WINNT 0x0A00
#include <windows.h>
#include <mprapi.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"

/* ------------------------------------------------------------------------ */
/* The record.                                                              */

static CRITICAL_SECTION lock;
static char *record;
static size_t record_len, record_cap;
static unsigned events;
volatile LONG hangups, link_hangups, errors;

void add(struct event *e, const char *key, const char *fmt, ...)
{
    va_list ap;
    int n = snprintf(e->text + e->len, sizeof e->text - e->len, "%s=", key);
    if (n > 0)
        e->len += (size_t)n;
    va_start(ap, fmt);
    n = vsnprintf(e->text + e->len, sizeof e->text - e->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        e->len += (size_t)n;
    if (e->len + 1 < sizeof e->text)
        e->text[e->len++] = '\n';
}

static void append(const char *s, size_t n)
{
    if (record_len + n + 1 > record_cap) {
        size_t cap = (record_len + n + 1) * 2;
        char *grown = realloc(record, cap);
        if (!grown)
            abort();
        record = grown;
        record_cap = cap;
    }
    memcpy(record + record_len, s, n);
    record_len += n;
    record[record_len] = 0;
}

/* Appends the event's lines as "e<N>.key=value" under the lock. */
void commit(const struct event *e)
{
    char prefix[32];
    const char *line = e->text, *end = e->text + e->len;
    unsigned n;
    if (FIXTURE_BREAK != 5)
        EnterCriticalSection(&lock);
    if (FIXTURE_BREAK == 5) {
        n = events;
        Sleep(2);
        events = n + 1;
    } else
        n = events++;
    snprintf(prefix, sizeof prefix, "e%u.", n);
    while (line < end) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        append(prefix, strlen(prefix));
        append(line, (size_t)(nl - line) + 1);
        line = nl + 1;
    }
    if (FIXTURE_BREAK != 5)
        LeaveCriticalSection(&lock);
}

void error_event(const char *callback, const char *variant, const char *message)
{
    struct event e = {.len = 0};
    InterlockedIncrement(&errors);
    add(&e, "kind", "error");
    add(&e, "callback", "%s", callback);
    add(&e, "variant", "%s", variant);
    add(&e, "message", "%s", message);
    commit(&e);
}

EXPORT DWORD WINAPI RassapiExampleObserved(char *buf, DWORD cap)
{
    DWORD len;
    EnterCriticalSection(&lock);
    len = (DWORD)record_len;
    if (buf && cap > 0) {
        size_t n = record_len < cap - 1 ? record_len : cap - 1;
        if (n)
            memcpy(buf, record, n);
        buf[n] = 0;
    }
    LeaveCriticalSection(&lock);
    return len;
}

EXPORT DWORD WINAPI RassapiExampleHangupCount(void) { return (DWORD)hangups; }
EXPORT DWORD WINAPI RassapiExampleErrorCount(void) { return (DWORD)errors; }
EXPORT DWORD WINAPI RassapiExampleLinkHangupCount(void) { return (DWORD)link_hangups; }

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    (void)inst;
    (void)reserved;
    if (reason == DLL_PROCESS_ATTACH)
        InitializeCriticalSection(&lock);
    return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Reading what RRAS passes.                                                */

/* UTF-16 (at most `cap` units, NUL-terminated or not) to UTF-8. */
const char *utf8(const WCHAR *w, size_t cap, char *out, size_t outcap)
{
    size_t n = 0;
    int len;
    while (n < cap && w[n])
        n++;
    len = n ? WideCharToMultiByte(CP_UTF8, 0, w, (int)n, out, (int)outcap - 1, NULL, NULL) : 0;
    out[len > 0 ? len : 0] = 0;
    return out;
}
#define UTF8(arr, buf) utf8((arr), sizeof(arr) / sizeof((arr)[0]), (buf), sizeof(buf))

static int parse_ipv4(const char *s, unsigned char out[4])
{
    int i;
    for (i = 0; i < 4; i++) {
        unsigned v = 0, digits = 0;
        while (*s >= '0' && *s <= '9' && digits < 4) {
            v = v * 10 + (unsigned)(*s++ - '0');
            digits++;
        }
        if (!digits || digits > 3 || v > 255)
            return 0;
        out[i] = (unsigned char)v;
        if (i < 3 && *s++ != '.')
            return 0;
    }
    return *s == 0;
}

int ok_ptr(const void *p, size_t align)
{
    if (!p)
        return 0;
    if (FIXTURE_BREAK == 3)
        return 1;
    return ((uintptr_t)p & (align - 1)) == 0;
}

int is_ci(const WCHAR *w, size_t cap, const char *ascii)
{
    size_t i;
    for (i = 0; i < cap; i++) {
        WCHAR a = w[i], b = (WCHAR)(unsigned char)ascii[i];
        if (a >= 'A' && a <= 'Z')
            a = (WCHAR)(a + 32);
        if (b >= 'A' && b <= 'Z')
            b = (WCHAR)(b + 32);
        if (a != b)
            return 0;
        if (!a)
            return 1;
    }
    return 0;
}
#define IS(arr, s) is_ci((arr), sizeof(arr) / sizeof((arr)[0]), (s))

void panic_now(const char *callback)
{
    if (FIXTURE_BREAK == 4)
        abort();
    error_event(callback, "panicked", "panic requested by the name");
}

static const char *quarantine(RAS_QUARANTINE_STATE q, char *buf, size_t cap)
{
    switch ((int)q) {
    case RAS_QUAR_STATE_NORMAL: return "normal";
    case RAS_QUAR_STATE_QUARANTINE: return "quarantine";
    case RAS_QUAR_STATE_PROBATION: return "probation";
    case RAS_QUAR_STATE_NOT_CAPABLE: return "not_capable";
    default: snprintf(buf, cap, "unknown(%u)", (unsigned)q); return buf;
    }
}

#define COUNTERS(e, s, sent, rcvd)                                                                \
    do {                                                                                       \
        add(e, "bytes_sent", "%lu", (unsigned long)(s)->sent);                                 \
        add(e, "bytes_received", "%lu", (unsigned long)(s)->rcvd);                             \
        add(e, "frames_sent", "%lu", (unsigned long)(s)->dwFramesXmited);                      \
        add(e, "frames_received", "%lu", (unsigned long)(s)->dwFramesRcved);                   \
        add(e, "crc_errors", "%lu", (unsigned long)(s)->dwCrcErr);                             \
        add(e, "timeout_errors", "%lu", (unsigned long)(s)->dwTimeoutErr);                     \
        add(e, "alignment_errors", "%lu", (unsigned long)(s)->dwAlignmentErr);                 \
        add(e, "hardware_overrun_errors", "%lu", (unsigned long)(s)->dwHardwareOverrunErr);    \
        add(e, "framing_errors", "%lu", (unsigned long)(s)->dwFramingErr);                     \
        add(e, "buffer_overrun_errors", "%lu", (unsigned long)(s)->dwBufferOverrunErr);        \
    } while (0)

/* Connection events; accepted < 0: not an accept. */
static void connection_event(const char *kind, const char *via, int level, const RAS_CONNECTION_0 *c0,
                             const RAS_CONNECTION_1 *c1, const RAS_CONNECTION_2 *c2,
                             const RAS_CONNECTION_3 *c3, int accepted)
{
    struct event e = {.len = 0};
    char s[1024];
    unsigned char ip[4];
    add(&e, "kind", "%s", kind);
    add(&e, "via", "%s", via);
    add(&e, "api", "rras");
    add(&e, "scope", "connection");
    add(&e, "user", "%s", UTF8(c0->wszUserName, s));
    add(&e, "domain", "%s", UTF8(c0->wszLogonDomain, s));
    add(&e, "name", "%s", UTF8(c0->wszInterfaceName, s));
    add(&e, "start", "-");
    add(&e, "duration", "%lu", (unsigned long)c0->dwConnectDuration);
    COUNTERS(&e, c1, dwBytesXmited, dwBytesRcved);
    if (parse_ipv4(UTF8(c1->PppInfo.ip.wszRemoteAddress, s), ip))
        add(&e, "ipv4", "%u.%u.%u.%u", ip[0], ip[1], ip[2], ip[3]);
    else
        add(&e, "ipv4", "none");
    if (level >= 2)
        add(&e, "multilink", "%d", (c2->PppInfo2.lcp.dwOptions & PPP_LCP_MULTILINK_FRAMING) ? 1 : 0);
    else
        add(&e, "multilink", "-");
    if (accepted >= 0)
        add(&e, "accepted", "%d", accepted);
    add(&e, "rras.level", "%d", level);
    add(&e, "rras.handle", "0x%llx", (unsigned long long)(uintptr_t)c0->hConnection);
    add(&e, "rras.interface_handle", "0x%llx", (unsigned long long)(uintptr_t)c0->hInterface);
    add(&e, "rras.interface_type", "%u", (unsigned)c0->dwInterfaceType);
    add(&e, "rras.flags", "0x%lx", (unsigned long)c0->dwConnectionFlags);
    add(&e, "rras.remote_computer", "%s", UTF8(c0->wszRemoteComputer, s));
    add(&e, "rras.local_address", "%s", UTF8(c1->PppInfo.ip.wszAddress, s));
    add(&e, "rras.remote_address", "%s", UTF8(c1->PppInfo.ip.wszRemoteAddress, s));
    add(&e, "rras.compression_in", "%lu", (unsigned long)c1->dwCompressionRatioIn);
    add(&e, "rras.compression_out", "%lu", (unsigned long)c1->dwCompressionRatioOut);
    if (level >= 2) {
        const GUID *g = &c2->guid;
        add(&e, "rras.guid", "%08lx-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x",
            (unsigned long)g->Data1, g->Data2, g->Data3, g->Data4[0], g->Data4[1], g->Data4[2],
            g->Data4[3], g->Data4[4], g->Data4[5], g->Data4[6], g->Data4[7]);
        add(&e, "rras.auth_protocol", "0x%lx", (unsigned long)c2->PppInfo2.lcp.dwAuthenticationProtocol);
    }
    if (level >= 3)
        add(&e, "rras.quarantine", "%s", quarantine(c3->rasQuarState, s, sizeof s));
    commit(&e);
}

static void link_event(const char *kind, const char *via, const RAS_PORT_0 *p0, const RAS_PORT_1 *p1,
                       int accepted)
{
    struct event e = {.len = 0};
    char s[1024];
    add(&e, "kind", "%s", kind);
    add(&e, "via", "%s", via);
    add(&e, "api", "rras");
    add(&e, "scope", "link");
    add(&e, "user", "-");
    add(&e, "domain", "-");
    add(&e, "name", "%s", UTF8(p0->wszPortName, s));
    add(&e, "start", "-");
    add(&e, "duration", "%lu", (unsigned long)p0->dwConnectDuration);
    if (FIXTURE_BREAK == 1)
        COUNTERS(&e, p1, dwBytesRcved, dwBytesXmited);
    else
        COUNTERS(&e, p1, dwBytesXmited, dwBytesRcved);
    add(&e, "ipv4", "-");
    add(&e, "multilink", "-");
    if (accepted >= 0)
        add(&e, "accepted", "%d", accepted);
    add(&e, "rras.handle", "0x%llx", (unsigned long long)(uintptr_t)p0->hConnection);
    add(&e, "rras.port_handle", "0x%llx", (unsigned long long)(uintptr_t)p0->hPort);
    add(&e, "rras.condition", "%u", (unsigned)p0->dwPortCondition);
    add(&e, "rras.calls", "%lu", (unsigned long)p0->dwTotalNumberOfCalls);
    add(&e, "rras.media", "%s", UTF8(p0->wszMediaName, s));
    add(&e, "rras.device", "%s", UTF8(p0->wszDeviceName, s));
    add(&e, "rras.device_type", "%s", UTF8(p0->wszDeviceType, s));
    add(&e, "rras.hardware", "%u", (unsigned)p1->dwHardwareCondition);
    add(&e, "rras.line_speed", "%lu", (unsigned long)p1->dwLineSpeed);
    add(&e, "rras.compression_in", "%lu", (unsigned long)p1->dwCompressionRatioIn);
    add(&e, "rras.compression_out", "%lu", (unsigned long)p1->dwCompressionRatioOut);
    commit(&e);
}

/* ------------------------------------------------------------------------ */
/* The MprAdmin exports.                                                    */

#define AL(T) __alignof__(T)

/* Records "malformed" naming the first bad pointer (by its mprapi.h name). */
static int args_ok(const char *via, const char *prefix, int n, const void *const *p,
                   const size_t *align)
{
    char msg[128];
    int i;
    for (i = 0; i < n; i++)
        if (!ok_ptr(p[i], align[i])) {
            snprintf(msg, sizeof msg, "`%s%d` is %s", prefix, i,
                     p[i] ? "misaligned" : "a null pointer");
            error_event(via, "malformed", msg);
            return 0;
        }
    return 1;
}

static int conn_ok(const char *via, int level, const RAS_CONNECTION_0 *c0, const RAS_CONNECTION_1 *c1,
                   const RAS_CONNECTION_2 *c2, const RAS_CONNECTION_3 *c3)
{
    const void *p[4] = {c0, c1, c2, c3};
    const size_t align[4] = {AL(RAS_CONNECTION_0), AL(RAS_CONNECTION_1), AL(RAS_CONNECTION_2),
                             AL(RAS_CONNECTION_3)};
    if (FIXTURE_BREAK == 6 && level == 2 && !c2)
        level = 1;
    return args_ok(via, "pRasConnection", level + 1, p, align);
}

static BOOL accept_common(const char *kind, const char *via, int level, RAS_CONNECTION_0 *c0,
                          RAS_CONNECTION_1 *c1, RAS_CONNECTION_2 *c2, RAS_CONNECTION_3 *c3)
{
    int accepted;
    if (!conn_ok(via, level, c0, c1, c2, c3))
        return FALSE;
    if (IS(c0->wszUserName, "panic")) {
        panic_now(via);
        return FALSE;
    }
    accepted = !IS(c0->wszUserName, "mallory");
    connection_event(kind, via, level, c0, c1, level >= 2 ? c2 : NULL, level >= 3 ? c3 : NULL, accepted);
    return accepted ? TRUE : FALSE;
}

static void hangup_common(const char *via, int level, RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1,
                          RAS_CONNECTION_2 *c2, RAS_CONNECTION_3 *c3)
{
    if (!conn_ok(via, level, c0, c1, c2, c3))
        return;
    if (IS(c0->wszUserName, "panic")) {
        panic_now(via);
        return;
    }
    InterlockedIncrement(&hangups);
    connection_event("connection_ended", via, level, c0, c1, c2, c3, -1);
}

EXPORT DWORD WINAPI MprAdminInitializeDll(void)
{
    struct event e = {.len = 0};
    add(&e, "kind", "initialize");
    commit(&e);
    return NO_ERROR;
}

EXPORT DWORD WINAPI MprAdminTerminateDll(void)
{
    struct event e = {.len = 0};
    add(&e, "kind", "terminate");
    commit(&e);
    return NO_ERROR;
}

EXPORT WINBOOL WINAPI MprAdminAcceptNewConnection(RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1)
{
    return accept_common("accept", "MprAdminAcceptNewConnection", 1, c0, c1, NULL, NULL);
}

EXPORT WINBOOL WINAPI MprAdminAcceptNewConnection2(RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1,
                                                   RAS_CONNECTION_2 *c2)
{
    return accept_common("accept", "MprAdminAcceptNewConnection2", 2, c0, c1, c2, NULL);
}

EXPORT WINBOOL CALLBACK MprAdminAcceptNewConnection3(RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1,
                                                     RAS_CONNECTION_2 *c2, RAS_CONNECTION_3 *c3)
{
    return accept_common("accept", "MprAdminAcceptNewConnection3", 3, c0, c1, c2, c3);
}

EXPORT WINBOOL CALLBACK MprAdminAcceptReauthentication(RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1,
                                                       RAS_CONNECTION_2 *c2, RAS_CONNECTION_3 *c3)
{
    return accept_common("reauthenticate", "MprAdminAcceptReauthentication", 3, c0, c1, c2, c3);
}

EXPORT VOID WINAPI MprAdminConnectionHangupNotification(RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1)
{
    hangup_common("MprAdminConnectionHangupNotification", 1, c0, c1, NULL, NULL);
}

EXPORT VOID WINAPI MprAdminConnectionHangupNotification2(RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1,
                                                         RAS_CONNECTION_2 *c2)
{
    hangup_common("MprAdminConnectionHangupNotification2", 2, c0, c1, c2, NULL);
}

EXPORT void CALLBACK MprAdminConnectionHangupNotification3(RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1,
                                                           RAS_CONNECTION_2 *c2, RAS_CONNECTION_3 *c3)
{
    hangup_common("MprAdminConnectionHangupNotification3", 3, c0, c1, c2, c3);
}

static int port_ok(const char *via, const RAS_PORT_0 *p0, const RAS_PORT_1 *p1)
{
    const void *p[2] = {p0, p1};
    const size_t align[2] = {AL(RAS_PORT_0), AL(RAS_PORT_1)};
    return args_ok(via, "pRasPort", 2, p, align);
}

#if FIXTURE_BREAK == 2
#define ACCEPT_LINK_NAME MprAdminAcceptNewLinkX
#else
#define ACCEPT_LINK_NAME MprAdminAcceptNewLink
#endif
EXPORT WINBOOL WINAPI ACCEPT_LINK_NAME(RAS_PORT_0 *p0, RAS_PORT_1 *p1)
{
    const char *via = "MprAdminAcceptNewLink";
    int accepted;
    if (!port_ok(via, p0, p1))
        return FALSE;
    if (IS(p0->wszPortName, "panic")) {
        panic_now(via);
        return FALSE;
    }
    accepted = !IS(p0->wszPortName, "COM9");
    link_event("accept_link", via, p0, p1, accepted);
    return accepted ? TRUE : FALSE;
}

EXPORT VOID WINAPI MprAdminLinkHangupNotification(RAS_PORT_0 *p0, RAS_PORT_1 *p1)
{
    const char *via = "MprAdminLinkHangupNotification";
    if (!port_ok(via, p0, p1))
        return;
    if (IS(p0->wszPortName, "panic")) {
        panic_now(via);
        return;
    }
    InterlockedIncrement(&link_hangups);
    link_event("link_ended", via, p0, p1, -1);
}

/* ------------------------------------------------------------------------ */
/* The IP pair (admin_dll's behaviour).                                     */

static int wide_ok(const WCHAR *w, size_t limit)
{
    size_t i;
    if (!ok_ptr(w, 2))
        return 0;
    for (i = 0; i <= limit; i++)
        if (!w[i])
            return 1;
    return 0;
}

static void dotted(DWORD a, char *out)
{
    const unsigned char *b = (const unsigned char *)&a;
    sprintf(out, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
}

EXPORT DWORD WINAPI MprAdminGetIpAddressForUser(WCHAR *user, WCHAR *port, DWORD *address,
                                                WINBOOL *notify)
{
    const char *via = "MprAdminGetIpAddressForUser";
    struct event e = {.len = 0};
    char s[2048], proposed[20];
    DWORD assigned;
    if (!wide_ok(user, 1024) || !wide_ok(port, 1024) || !ok_ptr(address, 4) || !ok_ptr(notify, 4)) {
        error_event(via, "malformed", "an argument is null, misaligned or unterminated");
        return ERROR_INVALID_PARAMETER;
    }
    if (!wcscmp(user, L"panic")) {
        panic_now(via);
        return ERROR_INTERNAL_ERROR;
    }
    if (*address)
        dotted(*address, proposed);
    else
        strcpy(proposed, "none");
    add(&e, "kind", "get_ip_address");
    add(&e, "user", "%s", utf8(user, 1025, s, sizeof s));
    add(&e, "port", "%s", utf8(port, 1025, s, sizeof s));
    add(&e, "proposed", "%s", proposed);
    if (!wcscmp(user, L"alice")) {
        unsigned char b[4] = {192, 168, 7, 21};
        memcpy(&assigned, b, 4);
        *address = assigned;
        *notify = TRUE;
        dotted(assigned, s);
        add(&e, "assigned", "%s", s);
        add(&e, "notify_release", "true");
    } else if (!wcscmp(user, L"nobody") || !*address) {
        *notify = FALSE;
        add(&e, "refused", "5");
        commit(&e);
        return ERROR_ACCESS_DENIED;
    } else {
        *notify = FALSE;
        dotted(*address, s);
        add(&e, "assigned", "%s", s);
        add(&e, "notify_release", "false");
    }
    commit(&e);
    return NO_ERROR;
}

EXPORT VOID WINAPI MprAdminReleaseIpAddress(WCHAR *user, WCHAR *port, DWORD *address)
{
    const char *via = "MprAdminReleaseIpAddress";
    struct event e = {.len = 0};
    char s[2048];
    if (!wide_ok(user, 1024) || !wide_ok(port, 1024) || !ok_ptr(address, 4)) {
        error_event(via, "malformed", "an argument is null, misaligned or unterminated");
        return;
    }
    if (!wcscmp(user, L"panic")) {
        panic_now(via);
        return;
    }
    add(&e, "kind", "release_ip_address");
    add(&e, "user", "%s", utf8(user, 1025, s, sizeof s));
    add(&e, "port", "%s", utf8(port, 1025, s, sizeof s));
    dotted(*address, s);
    add(&e, "address", "%s", s);
    commit(&e);
}
