/*
 * Test host for the RRAS example DLL (examples/rras_dll.rs), playing the part
 * of Routing and Remote Access (Windows 2000 and later) calling the MprAdmin*
 * exports of an admin DLL.
 *
 * Compiled by mingw-w64 gcc against mingw-w64's own <mprapi.h>, independent
 * of the crate: the structures the DLL reads are laid out by that header.
 * It loads the DLL with LoadLibrary, checks the DLL's export table holds
 * every export RRAS requires (and the four RasAdmin* ones of NT 4.0), calls
 * the callbacks through GetProcAddress the way RRAS does, and compares,
 * field by field, what the DLL recorded (read back through its export
 * RassapiExampleObserved, format in /work/coord/rras-contract.md) with what
 * was passed.
 *
 * Usage: host.exe path\to\rras_dll.dll
 * Prints PASS/FAIL per check and "N passed, M failed" as its last line;
 * exits 0 only if every check passed. Run by scripts/wine-rras under Wine.
 */
#define _WIN32_WINNT 0x0A00 /* RAS_CONNECTION_3 and the "3" callbacks */
#include <windows.h>
#include <mprapi.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"

/* ------------------------------------------------------------------------ */
/* The callbacks' types, checked against mingw-w64's declarations.          */

typedef DWORD(WINAPI *init_fn)(void);
typedef WINBOOL(WINAPI *accept1_fn)(RAS_CONNECTION_0 *, RAS_CONNECTION_1 *);
typedef WINBOOL(WINAPI *accept2_fn)(RAS_CONNECTION_0 *, RAS_CONNECTION_1 *, RAS_CONNECTION_2 *);
typedef WINBOOL(WINAPI *accept3_fn)(RAS_CONNECTION_0 *, RAS_CONNECTION_1 *, RAS_CONNECTION_2 *,
                                    RAS_CONNECTION_3 *);
typedef VOID(WINAPI *hangup1_fn)(RAS_CONNECTION_0 *, RAS_CONNECTION_1 *);
typedef VOID(WINAPI *hangup2_fn)(RAS_CONNECTION_0 *, RAS_CONNECTION_1 *, RAS_CONNECTION_2 *);
typedef VOID(WINAPI *hangup3_fn)(RAS_CONNECTION_0 *, RAS_CONNECTION_1 *, RAS_CONNECTION_2 *,
                                 RAS_CONNECTION_3 *);
typedef WINBOOL(WINAPI *link_fn)(RAS_PORT_0 *, RAS_PORT_1 *);
typedef VOID(WINAPI *link_hangup_fn)(RAS_PORT_0 *, RAS_PORT_1 *);
typedef DWORD(WINAPI *get_ip_fn)(WCHAR *, WCHAR *, DWORD *, WINBOOL *);
typedef VOID(WINAPI *release_fn)(WCHAR *, WCHAR *, DWORD *);
typedef DWORD(WINAPI *observed_fn)(char *, DWORD);

#define SAME_TYPE(t, f) _Static_assert(__builtin_types_compatible_p(t, __typeof__(&f)), #f)
SAME_TYPE(init_fn, MprAdminInitializeDll);
SAME_TYPE(init_fn, MprAdminTerminateDll);
SAME_TYPE(accept1_fn, MprAdminAcceptNewConnection);
SAME_TYPE(accept2_fn, MprAdminAcceptNewConnection2);
SAME_TYPE(accept3_fn, MprAdminAcceptNewConnection3);
SAME_TYPE(accept3_fn, MprAdminAcceptReauthentication);
SAME_TYPE(hangup1_fn, MprAdminConnectionHangupNotification);
SAME_TYPE(hangup2_fn, MprAdminConnectionHangupNotification2);
SAME_TYPE(hangup3_fn, MprAdminConnectionHangupNotification3);
SAME_TYPE(link_fn, MprAdminAcceptNewLink);
SAME_TYPE(link_hangup_fn, MprAdminLinkHangupNotification);
SAME_TYPE(get_ip_fn, MprAdminGetIpAddressForUser);
SAME_TYPE(release_fn, MprAdminReleaseIpAddress);

static init_fn p_init, p_term;
static accept1_fn p_accept1;
static accept2_fn p_accept2;
static accept3_fn p_accept3, p_reauth;
static hangup1_fn p_hangup1;
static hangup2_fn p_hangup2;
static hangup3_fn p_hangup3;
static link_fn p_link;
static link_hangup_fn p_link_hangup;
static get_ip_fn p_get_ip;
static release_fn p_release;
static observed_fn p_observed;
count_fn p_hangup_count, p_link_hangup_count, p_error_count;

/* ------------------------------------------------------------------------ */
/* Checks.                                                                  */

static unsigned passed, failed;

void check(int ok, const char *fmt, ...)
{
    va_list ap;
    if (ok)
        passed++;
    else
        failed++;
    printf("%s: ", ok ? "PASS" : "FAIL");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
}

static int finish(void)
{
    printf("\n%u passed, %u failed\n", passed, failed);
    return failed ? 1 : 0;
}

static void die(const char *what)
{
    check(0, "%s (GetLastError %lu): cannot go on", what, (unsigned long)GetLastError());
    exit(finish() ? 1 : 2);
}

/* ------------------------------------------------------------------------ */
/* The export table, read from the loaded image's PE headers.               */

static int exported(HMODULE dll, const char *name)
{
    const BYTE *base = (const BYTE *)dll;
    const IMAGE_DOS_HEADER *dos = (const IMAGE_DOS_HEADER *)base;
    const IMAGE_NT_HEADERS *nt = (const IMAGE_NT_HEADERS *)(base + dos->e_lfanew);
    const IMAGE_DATA_DIRECTORY *dir = &nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_EXPORT];
    const IMAGE_EXPORT_DIRECTORY *exp;
    const DWORD *names;
    DWORD i;
    if (dos->e_magic != IMAGE_DOS_SIGNATURE || nt->Signature != IMAGE_NT_SIGNATURE ||
        !dir->VirtualAddress)
        return 0;
    exp = (const IMAGE_EXPORT_DIRECTORY *)(base + dir->VirtualAddress);
    names = (const DWORD *)(base + exp->AddressOfNames);
    for (i = 0; i < exp->NumberOfNames; i++)
        if (!strcmp((const char *)(base + names[i]), name))
            return 1;
    return 0;
}

static FARPROC need(HMODULE dll, const char *name)
{
    FARPROC f = GetProcAddress(dll, name);
    check(exported(dll, name) && f != NULL, "export table holds %s (GetProcAddress finds it)", name);
    return f;
}
#define NEED(var, name) (var = (__typeof__(var))(void (*)(void))need(dll, name))

/* ------------------------------------------------------------------------ */
/* What the DLL observed: lines "e<N>.<key>=<value>".                        */

static char *report; /* "\n" + the DLL's record */
static unsigned next_event;

static void refresh(void)
{
    DWORD len = p_observed(NULL, 0), got;
    free(report);
    report = malloc((size_t)len + 2);
    if (!report)
        die("out of memory");
    report[0] = '\n';
    got = p_observed(report + 1, len + 1);
    if (got != len)
        check(0, "RassapiExampleObserved returned %lu, then %lu", (unsigned long)len,
              (unsigned long)got);
}

/* The value of e<ev>.<key> copied into buf, or NULL. */
static const char *field_to(unsigned ev, const char *key, char *buf, size_t cap)
{
    char needle[128];
    const char *at, *end;
    snprintf(needle, sizeof needle, "\ne%u.%s=", ev, key);
    at = strstr(report, needle);
    if (!at)
        return NULL;
    at += strlen(needle);
    end = strchr(at, '\n');
    if (!end)
        end = at + strlen(at);
    if ((size_t)(end - at) >= cap)
        return NULL;
    memcpy(buf, at, (size_t)(end - at));
    buf[end - at] = 0;
    return buf;
}

const char *field(unsigned ev, const char *key)
{
    static char value[4096];
    return field_to(ev, key, value, sizeof value);
}

/* How many lines of event ev there are. */
static unsigned lines_of(unsigned ev)
{
    char needle[32];
    const char *at = report;
    unsigned n = 0;
    snprintf(needle, sizeof needle, "\ne%u.", ev);
    while ((at = strstr(at, needle)) != NULL) {
        n++;
        at += strlen(needle);
    }
    return n;
}

void expect(unsigned ev, const char *key, const char *fmt, ...)
{
    char want[1024];
    const char *got = field(ev, key);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(want, sizeof want, fmt, ap);
    va_end(ap);
    if (got && strcmp(got, want) == 0)
        check(1, "e%u.%s = %s", ev, key, want);
    else
        check(0, "e%u.%s: expected '%s', got '%s'", ev, key, want, got ? got : "(missing)");
}

void expect_absent(unsigned ev, const char *key)
{
    const char *got = field(ev, key);
    check(!got, "e%u has no %s (got '%s')", ev, key, got ? got : "none");
}

/* Refreshes and checks that exactly n new events arrived; returns the first. */
unsigned new_events(unsigned n, const char *what)
{
    unsigned first = next_event;
    refresh();
    check((n == 0 || field(first + n - 1, "kind") != NULL) && field(first + n, "kind") == NULL,
          "%s: the DLL recorded exactly %u event(s) (e%u..e%u)", what, n, first, first + n - 1);
    next_event += n;
    return first;
}

/* ------------------------------------------------------------------------ */
/* A connection and a link as RRAS describes them.                          */

struct conn {
    RAS_CONNECTION_0 c0;
    RAS_CONNECTION_1 c1;
    RAS_CONNECTION_2 c2;
    RAS_CONNECTION_3 c3;
};

struct link {
    RAS_PORT_0 p0;
    RAS_PORT_1 p1;
};

/* Ten counters in the order of the contract, each struct's own fields. */
static const char *const counter_keys[10] = {
    "bytes_sent",     "bytes_received",   "frames_sent",     "frames_received",
    "crc_errors",     "timeout_errors",   "alignment_errors", "hardware_overrun_errors",
    "framing_errors", "buffer_overrun_errors",
};

#define SET_COUNTERS(s, base)                                                                      \
    do {                                                                                           \
        (s)->dwBytesXmited = (base) + 1;                                                           \
        (s)->dwBytesRcved = (base) + 2;                                                            \
        (s)->dwFramesXmited = (base) + 3;                                                          \
        (s)->dwFramesRcved = (base) + 4;                                                           \
        (s)->dwCrcErr = (base) + 5;                                                                \
        (s)->dwTimeoutErr = (base) + 6;                                                            \
        (s)->dwAlignmentErr = (base) + 7;                                                          \
        (s)->dwHardwareOverrunErr = (base) + 8;                                                    \
        (s)->dwFramingErr = (base) + 9;                                                            \
        (s)->dwBufferOverrunErr = (base) + 10;                                                     \
    } while (0)

#define GET_COUNTERS(s, out)                                                                       \
    do {                                                                                           \
        (out)[0] = (s)->dwBytesXmited;                                                             \
        (out)[1] = (s)->dwBytesRcved;                                                              \
        (out)[2] = (s)->dwFramesXmited;                                                            \
        (out)[3] = (s)->dwFramesRcved;                                                             \
        (out)[4] = (s)->dwCrcErr;                                                                  \
        (out)[5] = (s)->dwTimeoutErr;                                                              \
        (out)[6] = (s)->dwAlignmentErr;                                                            \
        (out)[7] = (s)->dwHardwareOverrunErr;                                                      \
        (out)[8] = (s)->dwFramingErr;                                                              \
        (out)[9] = (s)->dwBufferOverrunErr;                                                        \
    } while (0)

static void wcopy(WCHAR *dst, size_t cap, const wchar_t *src)
{
    lstrcpynW(dst, src, (int)cap);
}
#define WSET(arr, s) wcopy((arr), sizeof(arr) / sizeof((arr)[0]), (s))

static void init_conn(struct conn *c, uintptr_t handle, const wchar_t *user, const wchar_t *domain,
                      const wchar_t *ifname, DWORD duration, DWORD counters, const wchar_t *remote,
                      int multilink)
{
    memset(c, 0, sizeof *c);
    c->c0.hConnection = (HANDLE)handle;
    c->c0.hInterface = (HANDLE)(handle + 0x7700);
    c->c0.dwConnectDuration = duration;
    c->c0.dwInterfaceType = ROUTER_IF_TYPE_CLIENT;
    c->c0.dwConnectionFlags = RAS_FLAGS_PPP_CONNECTION | RAS_FLAGS_MESSENGER_PRESENT;
    WSET(c->c0.wszInterfaceName, ifname);
    WSET(c->c0.wszUserName, user);
    WSET(c->c0.wszLogonDomain, domain);
    WSET(c->c0.wszRemoteComputer, L"ALICE-PC");

    c->c1.hConnection = c->c0.hConnection;
    c->c1.hInterface = c->c0.hInterface;
    WSET(c->c1.PppInfo.ip.wszAddress, L"10.0.0.1");
    WSET(c->c1.PppInfo.ip.wszRemoteAddress, remote);
    SET_COUNTERS(&c->c1, counters);
    c->c1.dwCompressionRatioIn = 61;
    c->c1.dwCompressionRatioOut = 47;

    c->c2.hConnection = c->c0.hConnection;
    WSET(c->c2.wszUserName, user);
    c->c2.dwInterfaceType = ROUTER_IF_TYPE_CLIENT;
    c->c2.guid = (GUID){0x12345678, 0x9abc, 0xdef0, {0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef}};
    WSET(c->c2.PppInfo2.ip.wszAddress, L"10.0.0.1");
    WSET(c->c2.PppInfo2.ip.wszRemoteAddress, remote);
    c->c2.PppInfo2.lcp.dwAuthenticationProtocol = PPP_LCP_CHAP;
    c->c2.PppInfo2.lcp.dwAuthenticationData = PPP_LCP_CHAP_MSV2;
    c->c2.PppInfo2.lcp.dwOptions = PPP_LCP_PFC | (multilink ? PPP_LCP_MULTILINK_FRAMING : 0);

    c->c3.dwVersion = 3;
    c->c3.dwSize = sizeof c->c3;
    c->c3.hConnection = c->c0.hConnection;
    WSET(c->c3.wszUserName, user);
    c->c3.dwInterfaceType = ROUTER_IF_TYPE_CLIENT;
    c->c3.guid = c->c2.guid;
    c->c3.PppInfo3.lcp = c->c2.PppInfo2.lcp;
    c->c3.rasQuarState = RAS_QUAR_STATE_NORMAL;
}

static void init_link(struct link *l, uintptr_t connection, uintptr_t port, const wchar_t *name,
                      DWORD duration, DWORD counters)
{
    memset(l, 0, sizeof *l);
    l->p0.hPort = (HANDLE)port;
    l->p0.hConnection = (HANDLE)connection;
    l->p0.dwPortCondition = RAS_PORT_AUTHENTICATED;
    l->p0.dwTotalNumberOfCalls = 17;
    l->p0.dwConnectDuration = duration;
    WSET(l->p0.wszPortName, name);
    WSET(l->p0.wszMediaName, L"rastapi");
    WSET(l->p0.wszDeviceName, L"WAN Miniport (L2TP)");
    WSET(l->p0.wszDeviceType, L"vpn");
    l->p1.hPort = l->p0.hPort;
    l->p1.hConnection = l->p0.hConnection;
    l->p1.dwHardwareCondition = RAS_HARDWARE_OPERATIONAL;
    l->p1.dwLineSpeed = 64000;
    SET_COUNTERS(&l->p1, counters);
    l->p1.dwCompressionRatioIn = 33;
    l->p1.dwCompressionRatioOut = 29;
}

/* UTF-8 expectations of what we put in: every name here is ASCII unless
   a test builds its own. */
static void narrow(char *out, size_t cap, const WCHAR *w, size_t wcap)
{
    size_t n = 0;
    while (n < wcap && w[n])
        n++;
    int len = n ? WideCharToMultiByte(CP_UTF8, 0, w, (int)n, out, (int)cap - 1, NULL, NULL) : 0;
    out[len > 0 ? len : 0] = 0;
}
#define NARROW(buf, arr) narrow((buf), sizeof(buf), (arr), sizeof(arr) / sizeof((arr)[0]))

static const char *quarantine_text(int q, char *buf, size_t cap)
{
    static const char *const names[] = {"normal", "quarantine", "probation", "not_capable"};
    if (q >= 0 && q < 4)
        return names[q];
    snprintf(buf, cap, "unknown(%d)", q);
    return buf;
}

static void expect_counters(unsigned ev, const DWORD v[10])
{
    int i;
    for (i = 0; i < 10; i++)
        expect(ev, counter_keys[i], "%lu", (unsigned long)v[i]);
}

/* accepted: 1/0 for accept-type events, -1 for hang-ups (no such field).
   ipv4: what the DLL must make of wszRemoteAddress. */
static void expect_conn_event(unsigned ev, const char *kind, const char *via, int level,
                              const struct conn *c, int accepted, const char *ipv4)
{
    char s[1024], q[32];
    DWORD v[10];
    expect(ev, "kind", "%s", kind);
    expect(ev, "via", "%s", via);
    expect(ev, "api", "rras");
    expect(ev, "scope", "connection");
    NARROW(s, c->c0.wszUserName);
    expect(ev, "user", "%s", s);
    NARROW(s, c->c0.wszLogonDomain);
    expect(ev, "domain", "%s", s);
    NARROW(s, c->c0.wszInterfaceName);
    expect(ev, "name", "%s", s);
    expect(ev, "start", "-");
    expect(ev, "duration", "%lu", (unsigned long)c->c0.dwConnectDuration);
    GET_COUNTERS(&c->c1, v);
    expect_counters(ev, v);
    expect(ev, "ipv4", "%s", ipv4);
    if (level >= 2)
        expect(ev, "multilink", "%d", (c->c2.PppInfo2.lcp.dwOptions & PPP_LCP_MULTILINK_FRAMING) ? 1 : 0);
    else
        expect(ev, "multilink", "-");
    if (accepted >= 0)
        expect(ev, "accepted", "%d", accepted);
    else
        expect_absent(ev, "accepted");
    expect(ev, "rras.level", "%d", level);
    expect(ev, "rras.handle", "0x%llx", (unsigned long long)(uintptr_t)c->c0.hConnection);
    expect(ev, "rras.interface_handle", "0x%llx", (unsigned long long)(uintptr_t)c->c0.hInterface);
    expect(ev, "rras.interface_type", "%u", (unsigned)c->c0.dwInterfaceType);
    expect(ev, "rras.flags", "0x%lx", (unsigned long)c->c0.dwConnectionFlags);
    NARROW(s, c->c0.wszRemoteComputer);
    expect(ev, "rras.remote_computer", "%s", s);
    NARROW(s, c->c1.PppInfo.ip.wszAddress);
    expect(ev, "rras.local_address", "%s", s);
    NARROW(s, c->c1.PppInfo.ip.wszRemoteAddress);
    expect(ev, "rras.remote_address", "%s", s);
    expect(ev, "rras.compression_in", "%lu", (unsigned long)c->c1.dwCompressionRatioIn);
    expect(ev, "rras.compression_out", "%lu", (unsigned long)c->c1.dwCompressionRatioOut);
    if (level >= 2) {
        const GUID *g = &c->c2.guid;
        expect(ev, "rras.guid", "%08lx-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x",
               (unsigned long)g->Data1, g->Data2, g->Data3, g->Data4[0], g->Data4[1], g->Data4[2],
               g->Data4[3], g->Data4[4], g->Data4[5], g->Data4[6], g->Data4[7]);
        expect(ev, "rras.auth_protocol", "0x%lx",
               (unsigned long)c->c2.PppInfo2.lcp.dwAuthenticationProtocol);
    } else {
        expect_absent(ev, "rras.guid");
        expect_absent(ev, "rras.auth_protocol");
    }
    if (level >= 3)
        expect(ev, "rras.quarantine", "%s", quarantine_text((int)c->c3.rasQuarState, q, sizeof q));
    else
        expect_absent(ev, "rras.quarantine");
}

static void expect_link_event(unsigned ev, const char *kind, const char *via, const struct link *l,
                              int accepted)
{
    char s[1024];
    DWORD v[10];
    expect(ev, "kind", "%s", kind);
    expect(ev, "via", "%s", via);
    expect(ev, "api", "rras");
    expect(ev, "scope", "link");
    expect(ev, "user", "-");
    expect(ev, "domain", "-");
    NARROW(s, l->p0.wszPortName);
    expect(ev, "name", "%s", s);
    expect(ev, "start", "-");
    expect(ev, "duration", "%lu", (unsigned long)l->p0.dwConnectDuration);
    GET_COUNTERS(&l->p1, v);
    expect_counters(ev, v);
    expect(ev, "ipv4", "-");
    expect(ev, "multilink", "-");
    if (accepted >= 0)
        expect(ev, "accepted", "%d", accepted);
    else
        expect_absent(ev, "accepted");
    expect(ev, "rras.handle", "0x%llx", (unsigned long long)(uintptr_t)l->p0.hConnection);
    expect(ev, "rras.port_handle", "0x%llx", (unsigned long long)(uintptr_t)l->p0.hPort);
    expect(ev, "rras.condition", "%u", (unsigned)l->p0.dwPortCondition);
    expect(ev, "rras.calls", "%lu", (unsigned long)l->p0.dwTotalNumberOfCalls);
    NARROW(s, l->p0.wszMediaName);
    expect(ev, "rras.media", "%s", s);
    NARROW(s, l->p0.wszDeviceName);
    expect(ev, "rras.device", "%s", s);
    NARROW(s, l->p0.wszDeviceType);
    expect(ev, "rras.device_type", "%s", s);
    expect(ev, "rras.hardware", "%u", (unsigned)l->p1.dwHardwareCondition);
    expect(ev, "rras.line_speed", "%lu", (unsigned long)l->p1.dwLineSpeed);
    expect(ev, "rras.compression_in", "%lu", (unsigned long)l->p1.dwCompressionRatioIn);
    expect(ev, "rras.compression_out", "%lu", (unsigned long)l->p1.dwCompressionRatioOut);
    expect_absent(ev, "rras.level");
}

void expect_error(unsigned ev, const char *callback, const char *variant)
{
    const char *msg;
    expect(ev, "kind", "error");
    expect(ev, "callback", "%s", callback);
    expect(ev, "variant", "%s", variant);
    msg = field(ev, "message");
    check(msg && *msg, "e%u.message is there ('%s')", ev, msg ? msg : "(missing)");
}

/* ------------------------------------------------------------------------ */
/* Calling any of the connection/link exports through one door, so the      */
/* malformed-pointer and panic tables can loop over them.                   */

enum which {
    ACCEPT1,
    ACCEPT2,
    ACCEPT3,
    REAUTH,
    HANGUP1,
    HANGUP2,
    HANGUP3,
    LINK,
    LINK_HANGUP,
    N_WHICH
};

static const struct {
    const char *name;
    int args;      /* pointer arguments */
    int is_accept; /* returns WINBOOL (fallback FALSE) */
    int is_link;
} calls[N_WHICH] = {
    [ACCEPT1] = {"MprAdminAcceptNewConnection", 2, 1, 0},
    [ACCEPT2] = {"MprAdminAcceptNewConnection2", 3, 1, 0},
    [ACCEPT3] = {"MprAdminAcceptNewConnection3", 4, 1, 0},
    [REAUTH] = {"MprAdminAcceptReauthentication", 4, 1, 0},
    [HANGUP1] = {"MprAdminConnectionHangupNotification", 2, 0, 0},
    [HANGUP2] = {"MprAdminConnectionHangupNotification2", 3, 0, 0},
    [HANGUP3] = {"MprAdminConnectionHangupNotification3", 4, 0, 0},
    [LINK] = {"MprAdminAcceptNewLink", 2, 1, 1},
    [LINK_HANGUP] = {"MprAdminLinkHangupNotification", 2, 0, 1},
};

/* Returns the WINBOOL of accept-type calls, -1 for the others. */
static int call(enum which w, void *a, void *b, void *c, void *d)
{
    switch (w) {
    case ACCEPT1: return p_accept1(a, b);
    case ACCEPT2: return p_accept2(a, b, c);
    case ACCEPT3: return p_accept3(a, b, c, d);
    case REAUTH: return p_reauth(a, b, c, d);
    case HANGUP1: p_hangup1(a, b); return -1;
    case HANGUP2: p_hangup2(a, b, c); return -1;
    case HANGUP3: p_hangup3(a, b, c, d); return -1;
    case LINK: return p_link(a, b);
    case LINK_HANGUP: p_link_hangup(a, b); return -1;
    default: return -2;
    }
}

static int call_conn(enum which w, struct conn *c)
{
    return call(w, &c->c0, &c->c1, &c->c2, &c->c3);
}

/* ------------------------------------------------------------------------ */
/* The session: initialize, a two-link multilink bundle, reauthentication,  */
/* link and connection hang-ups, terminate; refusals; each level.           */

static DWORD ip_of(BYTE a, BYTE b, BYTE c, BYTE d)
{
    BYTE bytes[4] = {a, b, c, d}; /* network order: first octet first in memory */
    DWORD v;
    memcpy(&v, bytes, 4);
    return v;
}

static void session(void)
{
    struct conn alice, bob, carol, mallory, odd;
    struct link l1, l2, refused;
    DWORD hangups0 = p_hangup_count(), links0 = p_link_hangup_count(), errors0 = p_error_count();
    const char *h1, *h2;
    char conn_handle[64], b1[64], b2[64];
    unsigned ev;
    int ok;

    printf("\n== initialize ==\n");
    check(p_init() == NO_ERROR, "MprAdminInitializeDll returned NO_ERROR");
    ev = new_events(1, "initialize");
    expect(ev, "kind", "initialize");
    check(lines_of(ev) == 1, "e%u has no other field (%u lines)", ev, lines_of(ev));

    printf("\n== alice: a connection of two links (multilink bundle), level 3 ==\n");
    init_conn(&alice, 0x1a2b0, L"alice", L"CORP", L"alice-vpn", 5, 100000, L"10.1.2.3", 1);
    alice.c3.rasQuarState = RAS_QUAR_STATE_PROBATION;
    ok = call_conn(ACCEPT3, &alice);
    check(ok == TRUE, "MprAdminAcceptNewConnection3(alice) returned TRUE");
    ev = new_events(1, "accept(alice)");
    expect_conn_event(ev, "accept", "MprAdminAcceptNewConnection3", 3, &alice, 1, "10.1.2.3");
    snprintf(conn_handle, sizeof conn_handle, "%s", field(ev, "rras.handle") ? field(ev, "rras.handle") : "?");

    init_link(&l1, 0x1a2b0, 0x501, L"VPN2-3", 7, 20000);
    init_link(&l2, 0x1a2b0, 0x502, L"VPN2-4", 2, 30000);
    ok = call(LINK, &l1.p0, &l1.p1, NULL, NULL);
    check(ok == TRUE, "MprAdminAcceptNewLink(VPN2-3) returned TRUE");
    ok = call(LINK, &l2.p0, &l2.p1, NULL, NULL);
    check(ok == TRUE, "MprAdminAcceptNewLink(VPN2-4) returned TRUE");
    ev = new_events(2, "accept of both links");
    expect_link_event(ev, "accept_link", "MprAdminAcceptNewLink", &l1, 1);
    expect_link_event(ev + 1, "accept_link", "MprAdminAcceptNewLink", &l2, 1);
    h1 = field_to(ev, "rras.handle", b1, sizeof b1);
    h2 = field_to(ev + 1, "rras.handle", b2, sizeof b2);
    check(h1 && h2 && !strcmp(h1, conn_handle) && !strcmp(h2, conn_handle),
          "both links belong to the connection's bundle (handle %s)", conn_handle);

    /* Mid-session: RRAS asks whether alice may stay (counters have grown). */
    SET_COUNTERS(&alice.c1, 150000);
    alice.c0.dwConnectDuration = 600;
    alice.c3.rasQuarState = RAS_QUAR_STATE_NORMAL;
    ok = call_conn(REAUTH, &alice);
    check(ok == TRUE, "MprAdminAcceptReauthentication(alice) returned TRUE");
    ev = new_events(1, "reauthentication(alice)");
    expect_conn_event(ev, "reauthenticate", "MprAdminAcceptReauthentication", 3, &alice, 1,
                      "10.1.2.3");

    /* The links go, each with its own counters, then the connection with
       the bundle's totals. */
    l1.p0.dwConnectDuration = 900;
    SET_COUNTERS(&l1.p1, 70000);
    l2.p0.dwConnectDuration = 880;
    SET_COUNTERS(&l2.p1, 80000);
    call(LINK_HANGUP, &l1.p0, &l1.p1, NULL, NULL);
    call(LINK_HANGUP, &l2.p0, &l2.p1, NULL, NULL);
    ev = new_events(2, "hang-up of both links");
    expect_link_event(ev, "link_ended", "MprAdminLinkHangupNotification", &l1, -1);
    expect_link_event(ev + 1, "link_ended", "MprAdminLinkHangupNotification", &l2, -1);
    check(p_link_hangup_count() == links0 + 2, "link hang-up count grew by 2");
    check(p_hangup_count() == hangups0, "connection hang-up count unchanged by link hang-ups");

    alice.c0.dwConnectDuration = 905;
    SET_COUNTERS(&alice.c1, 150000 + 20);
    call_conn(HANGUP3, &alice);
    ev = new_events(1, "hang-up(alice)");
    expect_conn_event(ev, "connection_ended", "MprAdminConnectionHangupNotification3", 3, &alice, -1,
                      "10.1.2.3");
    check(p_hangup_count() == hangups0 + 1, "connection hang-up count grew by 1");

    printf("\n== bob at level 1 (no remote address), carol at level 2 (not multilink) ==\n");
    init_conn(&bob, 0x2b3c0, L"bob", L"", L"bob-dialup", 1, 5000, L"", 1);
    ok = call_conn(ACCEPT1, &bob);
    check(ok == TRUE, "MprAdminAcceptNewConnection(bob) returned TRUE");
    ev = new_events(1, "accept(bob)");
    expect_conn_event(ev, "accept", "MprAdminAcceptNewConnection", 1, &bob, 1, "none");
    bob.c0.dwConnectDuration = 31;
    call_conn(HANGUP1, &bob);
    ev = new_events(1, "hang-up(bob)");
    expect_conn_event(ev, "connection_ended", "MprAdminConnectionHangupNotification", 1, &bob, -1,
                      "none");

    /* Non-ASCII text: a domain with e-acute, a lone surrogate in the
       remote computer's name (must come out as U+FFFD). */
    init_conn(&carol, 0x3c4d0, L"carol", L"R\u00e9seau", L"carol-vpn", 2, 9000, L"192.0.2.77", 0);
    carol.c0.wszRemoteComputer[0] = L'P';
    carol.c0.wszRemoteComputer[1] = 0xD800;
    carol.c0.wszRemoteComputer[2] = L'C';
    carol.c0.wszRemoteComputer[3] = 0;
    carol.c0.dwInterfaceType = ROUTER_IF_TYPE_FULL_ROUTER;
    carol.c0.dwConnectionFlags = RAS_FLAGS_QUARANTINE_PRESENT;
    ok = call_conn(ACCEPT2, &carol);
    check(ok == TRUE, "MprAdminAcceptNewConnection2(carol) returned TRUE");
    ev = new_events(1, "accept(carol)");
    expect_conn_event(ev, "accept", "MprAdminAcceptNewConnection2", 2, &carol, 1, "192.0.2.77");
    expect(ev, "domain", "R\xc3\xa9seau");
    expect(ev, "rras.remote_computer", "P\xef\xbf\xbd" "C");
    call_conn(HANGUP2, &carol);
    ev = new_events(1, "hang-up(carol)");
    expect_conn_event(ev, "connection_ended", "MprAdminConnectionHangupNotification2", 2, &carol, -1,
                      "192.0.2.77");

    printf("\n== refusals: mallory (any case), link COM9; an unknown quarantine state ==\n");
    init_conn(&mallory, 0x4d5e0, L"MaLLory", L"CORP", L"m", 0, 1, L"10.9.9.9", 0);
    check(call_conn(ACCEPT3, &mallory) == FALSE, "MprAdminAcceptNewConnection3(MaLLory) returned FALSE");
    ev = new_events(1, "accept(MaLLory)");
    expect_conn_event(ev, "accept", "MprAdminAcceptNewConnection3", 3, &mallory, 0, "10.9.9.9");
    WSET(mallory.c0.wszUserName, L"MALLORY");
    check(call_conn(ACCEPT1, &mallory) == FALSE, "MprAdminAcceptNewConnection(MALLORY) returned FALSE");
    ev = new_events(1, "accept(MALLORY)");
    expect(ev, "accepted", "0");
    check(call_conn(REAUTH, &mallory) == FALSE, "MprAdminAcceptReauthentication(MALLORY) returned FALSE");
    ev = new_events(1, "reauthentication(MALLORY)");
    expect_conn_event(ev, "reauthenticate", "MprAdminAcceptReauthentication", 3, &mallory, 0,
                      "10.9.9.9");

    init_link(&refused, 0x4d5e0, 0x509, L"com9", 0, 0);
    check(call(LINK, &refused.p0, &refused.p1, NULL, NULL) == FALSE,
          "MprAdminAcceptNewLink(com9) returned FALSE");
    ev = new_events(1, "accept_link(com9)");
    expect_link_event(ev, "accept_link", "MprAdminAcceptNewLink", &refused, 0);

    init_conn(&odd, 0x5e6f0, L"dave", L"CORP", L"dave-vpn", 3, 3, L"not an address", 1);
    odd.c3.rasQuarState = (RAS_QUARANTINE_STATE)7;
    check(call_conn(ACCEPT3, &odd) == TRUE, "MprAdminAcceptNewConnection3(dave) returned TRUE");
    ev = new_events(1, "accept(dave)");
    expect_conn_event(ev, "accept", "MprAdminAcceptNewConnection3", 3, &odd, 1, "none");
    expect(ev, "rras.quarantine", "unknown(7)");

    check(p_error_count() == errors0, "no error events in the whole session");
}

/* ------------------------------------------------------------------------ */
/* The IP pair.                                                             */

static DWORD get_ip(const wchar_t *user, const wchar_t *port, DWORD *address, WINBOOL *notify)
{
    WCHAR u[64], p[64];
    lstrcpynW(u, user, 64);
    lstrcpynW(p, port, 64);
    return p_get_ip(u, p, address, notify);
}

static void ip_pair(void)
{
    DWORD address, status;
    WINBOOL notify;
    unsigned ev;

    printf("\n== MprAdminGetIpAddressForUser / MprAdminReleaseIpAddress ==\n");
    address = 0;
    notify = 12345;
    status = get_ip(L"alice", L"VPN2-3", &address, &notify);
    check(status == NO_ERROR, "get-IP(alice) returned NO_ERROR (got %lu)", (unsigned long)status);
    check(address == ip_of(192, 168, 7, 21), "get-IP(alice) wrote 192.168.7.21 in network order");
    check(notify == TRUE, "get-IP(alice) asked for release notification");
    ev = new_events(1, "get-IP(alice)");
    expect(ev, "kind", "get_ip_address");
    expect(ev, "user", "alice");
    expect(ev, "port", "VPN2-3");
    expect(ev, "proposed", "none");
    expect(ev, "assigned", "192.168.7.21");
    expect(ev, "notify_release", "true");

    address = ip_of(10, 0, 0, 9);
    notify = 12345;
    status = get_ip(L"bob", L"VPN2-5", &address, &notify);
    check(status == NO_ERROR && address == ip_of(10, 0, 0, 9) && notify == FALSE,
          "get-IP(bob, 10.0.0.9 proposed) kept it, no notification (status %lu)",
          (unsigned long)status);
    ev = new_events(1, "get-IP(bob)");
    expect(ev, "proposed", "10.0.0.9");
    expect(ev, "assigned", "10.0.0.9");
    expect(ev, "notify_release", "false");

    address = ip_of(10, 0, 0, 10);
    status = get_ip(L"nobody", L"VPN2-6", &address, &notify);
    check(status == ERROR_ACCESS_DENIED && address == ip_of(10, 0, 0, 10),
          "get-IP(nobody) returned 5 and left the address (got %lu)", (unsigned long)status);
    ev = new_events(1, "get-IP(nobody)");
    expect(ev, "refused", "5");

    address = 0;
    status = get_ip(L"erin", L"VPN2-7", &address, &notify);
    check(status == ERROR_ACCESS_DENIED && address == 0,
          "get-IP(erin, nothing proposed) returned 5 (got %lu)", (unsigned long)status);
    ev = new_events(1, "get-IP(erin)");
    expect(ev, "proposed", "none");
    expect(ev, "refused", "5");

    {
        WCHAR u[] = L"alice", p[] = L"VPN2-3";
        address = ip_of(192, 168, 7, 21);
        p_release(u, p, &address);
    }
    ev = new_events(1, "release(alice)");
    expect(ev, "kind", "release_ip_address");
    expect(ev, "user", "alice");
    expect(ev, "port", "VPN2-3");
    expect(ev, "address", "192.168.7.21");
}

/* ------------------------------------------------------------------------ */
/* Panics and malformed pointers: contained, fallback returned.             */

static void panics(void)
{
    enum which w;
    DWORD hangups0 = p_hangup_count(), links0 = p_link_hangup_count(), errors0 = p_error_count();
    DWORD address, status;
    WINBOOL notify;
    unsigned ev;

    printf("\n== handlers that panic (user or port name \"panic\") ==\n");
    for (w = 0; w < N_WHICH; w++) {
        struct conn c;
        struct link l;
        int r;
        if (calls[w].is_link) {
            init_link(&l, 0x6f700, 0x601, L"panic", 1, 1);
            r = call(w, &l.p0, &l.p1, NULL, NULL);
        } else {
            init_conn(&c, 0x6f700, L"panic", L"CORP", L"p", 1, 1, L"10.6.6.6", 1);
            r = call_conn(w, &c);
        }
        if (calls[w].is_accept)
            check(r == FALSE, "%s(panic) returned FALSE, host alive", calls[w].name);
        else
            check(1, "%s(panic) returned, host alive", calls[w].name);
        ev = new_events(1, calls[w].name);
        expect_error(ev, calls[w].name, "panicked");
    }
    address = ip_of(10, 0, 0, 12);
    notify = 12345;
    status = get_ip(L"panic", L"VPN9", &address, &notify);
    check(status == ERROR_INTERNAL_ERROR && address == ip_of(10, 0, 0, 12),
          "get-IP(panic) returned 1359 and left the address (got %lu)", (unsigned long)status);
    ev = new_events(1, "get-IP(panic)");
    expect_error(ev, "MprAdminGetIpAddressForUser", "panicked");
    {
        WCHAR u[] = L"panic", p[] = L"VPN9";
        p_release(u, p, &address);
    }
    ev = new_events(1, "release(panic)");
    expect_error(ev, "MprAdminReleaseIpAddress", "panicked");
    check(p_error_count() == errors0 + N_WHICH + 2, "error hook called %d times (%lu)", N_WHICH + 2,
          (unsigned long)(p_error_count() - errors0));
    check(p_hangup_count() == hangups0 && p_link_hangup_count() == links0,
          "hang-up counts unchanged by the panicking hang-ups");

    {
        struct conn c;
        init_conn(&c, 0x6f710, L"frank", L"CORP", L"f", 1, 1, L"10.6.6.7", 1);
        check(call_conn(ACCEPT3, &c) == TRUE, "after the panics the DLL still works (accept frank)");
        ev = new_events(1, "accept(frank) after panics");
        expect(ev, "user", "frank");
    }
}

/* A copy of `size` bytes of `src` at an address 1 (or `skew`) bytes off
   its alignment, inside `buf`, so a DLL that ignored alignment would read
   sane data (and record an event the host would notice). */
static void *misaligned(void *buf, const void *src, size_t size, size_t skew)
{
    char *at = (char *)(((uintptr_t)buf + 15) & ~(uintptr_t)15) + skew;
    memcpy(at, src, size);
    return at;
}

static void malformed(void)
{
    static union {
        char bytes[sizeof(struct conn) + 64];
        long long align;
    } space[4];
    DWORD hangups0 = p_hangup_count(), links0 = p_link_hangup_count(), errors0 = p_error_count();
    unsigned expected_errors = 0, ev;
    enum which w;
    int arg, kind;

    printf("\n== malformed pointers: NULL and misaligned, per argument ==\n");
    for (w = 0; w < N_WHICH; w++) {
        for (arg = 0; arg < calls[w].args; arg++) {
            for (kind = 0; kind < 3; kind++) { /* NULL, 1 byte off, 4 bytes off */
                struct conn c;
                struct link l;
                void *p[4];
                size_t sizes[4];
                const char *how = kind == 0 ? "NULL" : kind == 1 ? "misaligned by 1" : "misaligned by 4";
                int r, i;
                if (calls[w].is_link) {
                    init_link(&l, 0x7a800, 0x701, L"VPN7-1", 1, 1);
                    p[0] = &l.p0, p[1] = &l.p1, p[2] = p[3] = NULL;
                    sizes[0] = sizeof l.p0, sizes[1] = sizeof l.p1;
                } else {
                    init_conn(&c, 0x7a800, L"grace", L"CORP", L"g", 1, 1, L"10.7.7.7", 1);
                    p[0] = &c.c0, p[1] = &c.c1, p[2] = &c.c2, p[3] = &c.c3;
                    sizes[0] = sizeof c.c0, sizes[1] = sizeof c.c1, sizes[2] = sizeof c.c2,
                    sizes[3] = sizeof c.c3;
                }
                for (i = calls[w].args; i < 4; i++)
                    p[i] = NULL;
                if (kind == 0)
                    p[arg] = NULL;
                else
                    p[arg] = misaligned(space[arg].bytes, p[arg], sizes[arg], kind == 1 ? 1 : 4);
                r = call(w, p[0], p[1], p[2], p[3]);
                if (calls[w].is_accept)
                    check(r == FALSE, "%s with argument %d %s returned FALSE", calls[w].name,
                          arg + 1, how);
                ev = new_events(1, calls[w].name);
                expect_error(ev, calls[w].name, "malformed");
                {
                    /* The message names the bad argument (mprapi.h's name). */
                    char name[32];
                    const char *msg = field(ev, "message");
                    snprintf(name, sizeof name, "`%s%d`", calls[w].is_link ? "pRasPort" : "pRasConnection", arg);
                    check(msg && strstr(msg, name), "e%u.message names %s ('%s')", ev, name,
                          msg ? msg : "(missing)");
                }
                expected_errors++;
            }
        }
    }
    /* The "2" and "3" exports need their level-2/3 pointers: already
       covered above (argument 3 and 4 NULL). The IP pair: */
    {
        DWORD address = ip_of(10, 0, 0, 11), status;
        WINBOOL notify = 12345;
        WCHAR p[] = L"VPN7-2";
        static WCHAR storage[8];
        char *odd = (char *)storage + 1;
        status = p_get_ip(NULL, p, &address, &notify);
        check(status == ERROR_INVALID_PARAMETER && address == ip_of(10, 0, 0, 11),
              "get-IP(NULL user) returned 87, address untouched (got %lu)", (unsigned long)status);
        ev = new_events(1, "get-IP(NULL user)");
        expect_error(ev, "MprAdminGetIpAddressForUser", "malformed");
        status = get_ip(L"alice", L"VPN7-2", NULL, &notify);
        check(status == ERROR_INVALID_PARAMETER, "get-IP(NULL address) returned 87 (got %lu)",
              (unsigned long)status);
        ev = new_events(1, "get-IP(NULL address)");
        expect_error(ev, "MprAdminGetIpAddressForUser", "malformed");
        memcpy(odd, L"alice", 6 * sizeof(WCHAR));
        status = p_get_ip((WCHAR *)(void *)odd, p, &address, &notify);
        check(status == ERROR_INVALID_PARAMETER, "get-IP(misaligned user) returned 87 (got %lu)",
              (unsigned long)status);
        ev = new_events(1, "get-IP(misaligned user)");
        expect_error(ev, "MprAdminGetIpAddressForUser", "malformed");
        p_release(p, p, NULL);
        ev = new_events(1, "release(NULL address)");
        expect_error(ev, "MprAdminReleaseIpAddress", "malformed");
        expected_errors += 4;
    }
    check(p_error_count() == errors0 + expected_errors, "error hook called %u times (%lu)",
          expected_errors, (unsigned long)(p_error_count() - errors0));
    check(p_hangup_count() == hangups0 && p_link_hangup_count() == links0,
          "no hang-up handler ran for malformed input");
}

/* ------------------------------------------------------------------------ */
/* 64 threads at once: even ones hang up a connection (level 3), odd ones   */
/* a link; each must be recorded exactly once with its own fields.          */

#define CROWD 64
static struct conn crowd_conn[CROWD];
static struct link crowd_link[CROWD];
static HANDLE start_gun;

static DWORD WINAPI crowd_thread(LPVOID arg)
{
    int i = (int)(intptr_t)arg;
    if (WaitForSingleObject(start_gun, 60000) != WAIT_OBJECT_0)
        return 1;
    if (i % 2 == 0)
        call_conn(HANGUP3, &crowd_conn[i]);
    else
        call(LINK_HANGUP, &crowd_link[i].p0, &crowd_link[i].p1, NULL, NULL);
    return 0;
}

static void concurrent(void)
{
    HANDLE threads[CROWD];
    DWORD wait, code, hangups0 = p_hangup_count(), links0 = p_link_hangup_count(),
                      errors0 = p_error_count();
    unsigned first, seen[CROWD] = {0}, right[CROWD] = {0}, stray = 0, ev, good = 0, once = 0;
    int i, all_zero = 1;
    char name[64];

    printf("\n== %d concurrent calls from %d threads ==\n", CROWD, CROWD);
    for (i = 0; i < CROWD; i++) {
        wchar_t w[32];
        swprintf(w, 32, L"crowd%02d", i);
        if (i % 2 == 0)
            init_conn(&crowd_conn[i], 0x100000 + (uintptr_t)i * 16, w, L"CORP", w, 100 + (DWORD)i,
                      1000000 * (DWORD)i, L"10.64.0.1", 1);
        else
            init_link(&crowd_link[i], 0x100000 + (uintptr_t)i * 16, 0x200000 + (uintptr_t)i, w,
                      100 + (DWORD)i, 1000000 * (DWORD)i);
    }
    start_gun = CreateEventA(NULL, TRUE, FALSE, NULL);
    if (!start_gun)
        die("CreateEvent");
    for (i = 0; i < CROWD; i++) {
        threads[i] = CreateThread(NULL, 0, crowd_thread, (LPVOID)(intptr_t)i, 0, NULL);
        if (!threads[i])
            die("CreateThread");
    }
    SetEvent(start_gun);
    wait = WaitForMultipleObjects(CROWD, threads, TRUE, 120000);
    check(wait < WAIT_OBJECT_0 + CROWD, "all %d threads finished (wait %lu)", CROWD,
          (unsigned long)wait);
    for (i = 0; i < CROWD; i++) {
        if (!GetExitCodeThread(threads[i], &code) || code != 0)
            all_zero = 0;
        CloseHandle(threads[i]);
    }
    CloseHandle(start_gun);
    check(all_zero, "every thread made its call");
    check(p_hangup_count() == hangups0 + CROWD / 2, "connection hang-up count grew by %d",
          CROWD / 2);
    check(p_link_hangup_count() == links0 + CROWD / 2, "link hang-up count grew by %d", CROWD / 2);
    check(p_error_count() == errors0, "no errors during the concurrent calls");
    first = new_events(CROWD, "64 concurrent hang-ups");

    /* Match each record to its caller by name; check it whole. */
    for (ev = first; ev < first + CROWD; ev++) {
        const char *n = field(ev, "name");
        int idx = -1, ok;
        if (n && sscanf(n, "crowd%d", &idx) == 1 && idx >= 0 && idx < CROWD) {
            snprintf(name, sizeof name, "crowd%02d", idx);
            ok = !strcmp(n, name);
        } else
            ok = 0;
        if (!ok) {
            stray++;
            continue;
        }
        seen[idx]++;
        {
            unsigned before = failed;
            if (idx % 2 == 0)
                expect_conn_event(ev, "connection_ended", "MprAdminConnectionHangupNotification3", 3,
                                  &crowd_conn[idx], -1, "10.64.0.1");
            else
                expect_link_event(ev, "link_ended", "MprAdminLinkHangupNotification",
                                  &crowd_link[idx], -1);
            right[idx] = failed == before;
        }
    }
    for (i = 0; i < CROWD; i++) {
        once += seen[i] == 1;
        good += seen[i] == 1 && right[i];
    }
    check(stray == 0, "no record of an unknown caller (%u)", stray);
    check(once == CROWD, "each of the %d calls recorded exactly once (%u)", CROWD, once);
    check(good == CROWD, "each of the %d records has all the right fields (%u)", CROWD, good);
}

/* ------------------------------------------------------------------------ */

int main(int argc, char **argv)
{
    static const char *const ras_admin[] = {
        "RasAdminAcceptNewConnection",
        "RasAdminConnectionHangupNotification",
        "RasAdminGetIpAddressForUser",
        "RasAdminReleaseIpAddress",
    };
    HMODULE dll;
    unsigned i, ev;
    int ip_get, ip_release;

    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc != 2) {
        fprintf(stderr, "usage: %s rras_dll.dll\n", argv[0]);
        return 2;
    }
    dll = LoadLibraryA(argv[1]);
    if (!dll)
        die("LoadLibrary of the admin DLL");
    check(1, "LoadLibrary(%s)", argv[1]);

    printf("\n== export table: what RRAS requires, and the NT 4.0 set ==\n");
    NEED(p_init, "MprAdminInitializeDll");
    NEED(p_term, "MprAdminTerminateDll");
    NEED(p_accept1, "MprAdminAcceptNewConnection");
    NEED(p_accept2, "MprAdminAcceptNewConnection2");
    NEED(p_accept3, "MprAdminAcceptNewConnection3");
    NEED(p_link, "MprAdminAcceptNewLink");
    NEED(p_hangup1, "MprAdminConnectionHangupNotification");
    NEED(p_hangup2, "MprAdminConnectionHangupNotification2");
    NEED(p_hangup3, "MprAdminConnectionHangupNotification3");
    NEED(p_link_hangup, "MprAdminLinkHangupNotification");
    NEED(p_reauth, "MprAdminAcceptReauthentication");
    ip_get = exported(dll, "MprAdminGetIpAddressForUser");
    ip_release = exported(dll, "MprAdminReleaseIpAddress");
    check(ip_get == ip_release, "the IP pair is all or nothing (get %d, release %d)", ip_get,
          ip_release);
    /* The contract says this DLL has the pair: require it. */
    NEED(p_get_ip, "MprAdminGetIpAddressForUser");
    NEED(p_release, "MprAdminReleaseIpAddress");
    for (i = 0; i < 4; i++)
        need(dll, ras_admin[i]);
    NEED(p_observed, "RassapiExampleObserved");
    NEED(p_hangup_count, "RassapiExampleHangupCount");
    NEED(p_link_hangup_count, "RassapiExampleLinkHangupCount");
    NEED(p_error_count, "RassapiExampleErrorCount");
    if (failed)
        die("missing exports");

    refresh();
    check(report[1] == 0, "the record starts empty");

    session();
    ip_pair();
    panics();
    malformed();
    concurrent();
    nt4_side(dll);

    printf("\n== terminate ==\n");
    check(p_term() == NO_ERROR, "MprAdminTerminateDll returned NO_ERROR");
    ev = new_events(1, "terminate");
    expect(ev, "kind", "terminate");
    check(lines_of(ev) == 1, "e%u has no other field (%u lines)", ev, lines_of(ev));

    FreeLibrary(dll);
    return finish();
}
