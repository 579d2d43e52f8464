/*
 * Test host for the example admin DLL (examples/admin_dll.rs), playing the
 * part of the RAS service.
 *
 * Compiled by mingw-w64 gcc against mingw-w64's own <rassapi.h>, NOT the
 * crate's include/rassapi.h, so the structures the DLL reads are laid out
 * by an independent header. It loads the DLL with LoadLibrary, finds the
 * four callbacks with GetProcAddress by their plain names, calls them with
 * arguments built the way RAS builds them, and compares, field by field,
 * what the DLL recorded (read back through the DLL's extra export
 * RassapiExampleObserved) with what was passed.
 *
 * Usage: host.exe path\to\admin_dll.dll
 * Prints PASS/FAIL per check; exits 0 only if every check passed.
 *
 * Run by scripts/wine-e2e under Wine.
 */
#include <windows.h>
#include <rassapi.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ------------------------------------------------------------------------ */
/* The callbacks' types, checked against mingw-w64's declarations.          */

typedef WINBOOL(WINAPI *accept_fn)(RAS_PORT_1 *, RAS_PORT_STATISTICS *, RAS_PARAMETERS *);
typedef VOID(WINAPI *hangup_fn)(RAS_PORT_1 *, RAS_PORT_STATISTICS *, RAS_PARAMETERS *);
typedef DWORD(WINAPI *get_ip_fn)(WCHAR *, WCHAR *, IPADDR *, WINBOOL *);
typedef VOID(WINAPI *release_fn)(WCHAR *, WCHAR *, IPADDR *);
typedef DWORD(WINAPI *observed_fn)(char *, DWORD);
typedef DWORD(WINAPI *count_fn)(void);

_Static_assert(__builtin_types_compatible_p(accept_fn, __typeof__(&RasAdminAcceptNewConnection)),
               "accept type");
_Static_assert(__builtin_types_compatible_p(hangup_fn,
                                            __typeof__(&RasAdminConnectionHangupNotification)),
               "hangup type");
_Static_assert(__builtin_types_compatible_p(get_ip_fn, __typeof__(&RasAdminGetIpAddressForUser)),
               "get-IP type");
_Static_assert(__builtin_types_compatible_p(release_fn, __typeof__(&RasAdminReleaseIpAddress)),
               "release type");
_Static_assert(sizeof(RAS_PORT_STATISTICS) == 28 * sizeof(DWORD), "28 DWORD counters");

static accept_fn p_accept;
static hangup_fn p_hangup;
static get_ip_fn p_get_ip;
static release_fn p_release;
static observed_fn p_observed;
static count_fn p_hangup_count;
static count_fn p_error_count;

/* ------------------------------------------------------------------------ */
/* Checks.                                                                  */

static unsigned checks, failures;

static void check(int ok, const char *fmt, ...)
{
    va_list ap;
    checks++;
    if (!ok)
        failures++;
    printf("%s: ", ok ? "PASS" : "FAIL");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    fflush(stdout);
}

static void die(const char *what)
{
    printf("FAIL: %s (GetLastError %lu)\n", what, (unsigned long)GetLastError());
    exit(2);
}

/* ------------------------------------------------------------------------ */
/* What the DLL observed: lines "e<N>.<key>=<value>".                        */

static char *report;  /* "\n" + the DLL's record */
static unsigned next_event; /* index of the next event the DLL records */

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

/* The value of e<ev>.<key>, or NULL; valid until the next refresh(). */
static const char *field(unsigned ev, const char *key)
{
    static char value[4096];
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
    if ((size_t)(end - at) >= sizeof value)
        return NULL;
    memcpy(value, at, (size_t)(end - at));
    value[end - at] = 0;
    return value;
}

static void expect(unsigned ev, const char *key, const char *fmt, ...)
{
    char want[512];
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

static void expect_range(unsigned ev, const char *key, unsigned long lo, unsigned long hi)
{
    const char *got = field(ev, key);
    char *end = NULL;
    unsigned long v = got ? strtoul(got, &end, 10) : 0;
    check(got && *got && end && !*end && v >= lo && v <= hi, "e%u.%s = %s, within [%lu, %lu]", ev,
          key, got ? got : "(missing)", lo, hi);
}

static void expect_contains(unsigned ev, const char *key, const char *part)
{
    const char *got = field(ev, key);
    check(got && strstr(got, part), "e%u.%s contains '%s' (got '%s')", ev, key, part,
          got ? got : "(missing)");
}

/* Refreshes the report and checks that exactly `n` new events arrived;
   returns the index of the first. */
static unsigned new_events(unsigned n, const char *what)
{
    unsigned first = next_event;
    refresh();
    check(field(first + n - 1, "kind") != NULL && field(first + n, "kind") == NULL,
          "%s: the DLL recorded exactly %u event(s) (e%u..e%u)", what, n, first, first + n - 1);
    next_event += n;
    return first;
}

/* ------------------------------------------------------------------------ */
/* A port as RAS describes it.                                              */

static const char *const counter_names[14] = {
    "bytes_sent",
    "bytes_received",
    "frames_sent",
    "frames_received",
    "crc_errors",
    "timeout_errors",
    "alignment_errors",
    "hardware_overrun_errors",
    "framing_errors",
    "buffer_overrun_errors",
    "bytes_sent_uncompressed",
    "bytes_received_uncompressed",
    "bytes_sent_compressed",
    "bytes_received_compressed",
};

struct param_spec {
    const char *key;
    int is_string;
    DWORD number;
    const char *string;
};

struct link {
    RAS_PORT_1 port;
    RAS_PORT_STATISTICS stats;
    RAS_PARAMETERS *params; /* one buffer: the array, then the string data */
    const struct param_spec *spec;
    WORD nparams;
};

/* Lays the parameters out as RAS does: one allocation holding the array
   followed by the string bytes, no terminators, SizeMediaParms counting
   sizeof(RAS_PARAMETERS) per entry plus each string's Length. */
static RAS_PARAMETERS *build_params(const struct param_spec *spec, WORD n, DWORD *size)
{
    size_t bytes = n * sizeof(RAS_PARAMETERS), i;
    RAS_PARAMETERS *p;
    char *data;
    for (i = 0; i < n; i++)
        if (spec[i].is_string)
            bytes += strlen(spec[i].string);
    p = calloc(1, bytes);
    if (!p)
        die("out of memory");
    data = (char *)(p + n);
    for (i = 0; i < n; i++) {
        strncpy(p[i].P_Key, spec[i].key, sizeof p[i].P_Key - 1);
        p[i].P_Attributes = 0;
        if (spec[i].is_string) {
            DWORD len = (DWORD)strlen(spec[i].string);
            p[i].P_Type = ParamString;
            memcpy(data, spec[i].string, len); /* deliberately unterminated */
            p[i].P_Value.String.Length = len;
            p[i].P_Value.String.Data = data;
            data += len;
        } else {
            p[i].P_Type = ParamNumber;
            p[i].P_Value.Number = spec[i].number;
        }
    }
    *size = (DWORD)bytes;
    return p;
}

static void init_link(struct link *l, const wchar_t *user, const wchar_t *port, DWORD flags,
                      DWORD start, const DWORD conn[14], const DWORD perport[14],
                      const struct param_spec *spec, WORD nparams)
{
    DWORD *counters = (DWORD *)&l->stats;
    int i;
    memset(l, 0, sizeof *l);
    lstrcpynW(l->port.rasport0.wszPortName, port, RASSAPI_MAX_PORT_NAME);
    lstrcpynW(l->port.rasport0.wszDeviceType, L"modem", RASSAPI_MAX_DEVICETYPE_NAME);
    lstrcpynW(l->port.rasport0.wszDeviceName, L"Hayes Optima 336", RASSAPI_MAX_DEVICE_NAME);
    lstrcpynW(l->port.rasport0.wszMediaName, L"rasser", RASSAPI_MAX_MEDIA_NAME);
    l->port.rasport0.Flags = flags;
    lstrcpynW(l->port.rasport0.wszUserName, user, UNLEN + 1);
    lstrcpynW(l->port.rasport0.wszComputer, L"ALICE-PC", NETBIOS_NAME_LEN);
    l->port.rasport0.dwStartSessionTime = start;
    lstrcpynW(l->port.rasport0.wszLogonDomain, L"CORP", DNLEN + 1);
    l->port.rasport0.fAdvancedServer = TRUE;
    l->port.LineCondition = RAS_PORT_AUTHENTICATED;
    l->port.HardwareCondition = RAS_MODEM_OPERATIONAL;
    l->port.LineSpeed = 33600;
    l->port.NumStatistics = 28; /* what NT 4.0 puts there */
    l->port.NumMediaParms = nparams;
    lstrcpynW(l->port.ProjResult.ip.wszAddress, L"192.168.7.21", RAS_IPADDRESSLEN + 1);
    for (i = 0; i < 14; i++) {
        counters[i] = conn[i];
        counters[14 + i] = perport[i];
    }
    l->spec = spec;
    l->nparams = nparams;
    l->params = build_params(spec, nparams, &l->port.SizeMediaParms);
}

static void expect_port_event(unsigned ev, const char *kind, const struct link *l, const char *user,
                              const char *port, time_t called_at)
{
    const DWORD *counters = (const DWORD *)&l->stats;
    DWORD start = l->port.rasport0.dwStartSessionTime;
    unsigned long min_duration = (unsigned long)(called_at - (time_t)start);
    char key[64];
    int i;
    expect(ev, "kind", "%s", kind);
    expect(ev, "user", "%s", user);
    expect(ev, "port", "%s", port);
    expect(ev, "flags", "%#lx", (unsigned long)l->port.rasport0.Flags);
    expect(ev, "start", "%lu", (unsigned long)start);
    expect_range(ev, "duration", min_duration, min_duration + 120);
    for (i = 0; i < 14; i++) {
        snprintf(key, sizeof key, "conn.%s", counter_names[i]);
        expect(ev, key, "%lu", (unsigned long)counters[i]);
        snprintf(key, sizeof key, "port.%s", counter_names[i]);
        expect(ev, key, "%lu", (unsigned long)counters[14 + i]);
    }
    expect(ev, "params", "%u", (unsigned)l->nparams);
    for (i = 0; i < l->nparams; i++) {
        snprintf(key, sizeof key, "param%d.key", i);
        expect(ev, key, "%s", l->spec[i].key);
        snprintf(key, sizeof key, "param%d.value", i);
        if (l->spec[i].is_string)
            expect(ev, key, "string:%s", l->spec[i].string);
        else
            expect(ev, key, "number:%lu", (unsigned long)l->spec[i].number);
    }
}

static void expect_error(unsigned ev, const char *callback, const char *variant)
{
    expect(ev, "kind", "error");
    expect(ev, "callback", "%s", callback);
    expect(ev, "variant", "%s", variant);
}

/* ------------------------------------------------------------------------ */
/* The session.                                                             */

static const struct param_spec link1_params[] = {
    {"MAXCONNECTBPS", 0, 33600, NULL},
    {"CONNECTBPS", 1, 0, "28800"},
    {"MAXCARRIERBPS", 0, 33600, NULL},
    {"PortName", 1, 0, "COM1"},
};
static const struct param_spec link2_params[] = {
    {"MAXCONNECTBPS", 1, 0, "33600"}, /* a key may come as either type */
    {"CONNECTBPS", 0, 31200, NULL},
    {"MAXCARRIERBPS", 0, 33600, NULL},
    {"PortName", 1, 0, "COM2"},
};

static struct link crowd_link;
static HANDLE start_gun;

static DWORD WINAPI crowd_thread(LPVOID arg)
{
    (void)arg;
    if (WaitForSingleObject(start_gun, 60000) != WAIT_OBJECT_0)
        return 1;
    p_hangup(&crowd_link.port, &crowd_link.stats, crowd_link.params);
    return 0;
}

static DWORD call_get_ip(const wchar_t *user, const wchar_t *port, IPADDR *address, WINBOOL *notify)
{
    WCHAR u[64], p[64];
    lstrcpynW(u, user, 64);
    lstrcpynW(p, port, 64);
    return p_get_ip(u, p, address, notify);
}

static IPADDR ip(BYTE a, BYTE b, BYTE c, BYTE d)
{
    BYTE bytes[4] = {a, b, c, d}; /* network byte order: first octet first in memory */
    IPADDR v;
    memcpy(&v, bytes, 4);
    return v;
}

int main(int argc, char **argv)
{
    HMODULE dll;
    struct link link1, link2, mallory, panicky, unparamed;
    DWORD conn[14], port1[14], port2[14], status, hangups0, errors0;
    time_t now = time(NULL), t;
    IPADDR address;
    WINBOOL notify, ok;
    unsigned ev, i;
    int n;

    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc != 2) {
        fprintf(stderr, "usage: %s admin_dll.dll\n", argv[0]);
        return 2;
    }
    dll = LoadLibraryA(argv[1]);
    if (!dll)
        die("LoadLibrary of the admin DLL");
    check(1, "LoadLibrary(%s)", argv[1]);

    p_accept = (accept_fn)(void (*)(void))GetProcAddress(dll, "RasAdminAcceptNewConnection");
    p_hangup =
        (hangup_fn)(void (*)(void))GetProcAddress(dll, "RasAdminConnectionHangupNotification");
    p_get_ip = (get_ip_fn)(void (*)(void))GetProcAddress(dll, "RasAdminGetIpAddressForUser");
    p_release = (release_fn)(void (*)(void))GetProcAddress(dll, "RasAdminReleaseIpAddress");
    p_observed = (observed_fn)(void (*)(void))GetProcAddress(dll, "RassapiExampleObserved");
    p_hangup_count = (count_fn)(void (*)(void))GetProcAddress(dll, "RassapiExampleHangupCount");
    p_error_count = (count_fn)(void (*)(void))GetProcAddress(dll, "RassapiExampleErrorCount");
    check(p_accept != NULL, "GetProcAddress(RasAdminAcceptNewConnection)");
    check(p_hangup != NULL, "GetProcAddress(RasAdminConnectionHangupNotification)");
    check(p_get_ip != NULL, "GetProcAddress(RasAdminGetIpAddressForUser)");
    check(p_release != NULL, "GetProcAddress(RasAdminReleaseIpAddress)");
    check(p_observed && p_hangup_count && p_error_count, "GetProcAddress(RassapiExample*)");
    if (failures)
        die("missing exports");
    refresh();
    check(report[1] == 0, "the record starts empty");
    hangups0 = p_hangup_count();
    errors0 = p_error_count();

    /* A two-link multilink session of alice: shared connection totals,
       per-port counters, different parameters per link. */
    for (i = 0; i < 14; i++) {
        conn[i] = 100000 + 1111 * i;
        port1[i] = 50000 + 7 * i;
        port2[i] = 60000 + 13 * i;
    }
    init_link(&link1, L"alice", L"COM1", USER_AUTHENTICATED | PPP_CLIENT | PORT_MULTILINKED,
              (DWORD)(now - 3725), conn, port1, link1_params, 4);
    init_link(&link2, L"alice", L"COM2", USER_AUTHENTICATED | PPP_CLIENT | PORT_MULTILINKED,
              (DWORD)(now - 1800), conn, port2, link2_params, 4);

    printf("\n== accept, get-IP, release, hang-up of a two-link multilink session ==\n");
    t = time(NULL);
    ok = p_accept(&link1.port, &link1.stats, link1.params);
    check(ok == TRUE, "accept(alice on COM1) returned TRUE");
    ev = new_events(1, "accept(alice)");
    expect_port_event(ev, "accept", &link1, "alice", "COM1", t);
    expect(ev, "accepted", "true");

    address = 0;
    notify = 12345;
    status = call_get_ip(L"alice", L"COM1", &address, &notify);
    check(status == NO_ERROR, "get-IP(alice) returned NO_ERROR (got %lu)", (unsigned long)status);
    check(address == ip(192, 168, 7, 21), "get-IP(alice) wrote 192.168.7.21 in network byte order");
    check(notify == TRUE, "get-IP(alice) asked for release notification");
    ev = new_events(1, "get-IP(alice)");
    expect(ev, "kind", "get_ip_address");
    expect(ev, "user", "alice");
    expect(ev, "port", "COM1");
    expect(ev, "proposed", "none");
    expect(ev, "assigned", "192.168.7.21");
    expect(ev, "notify_release", "true");

    address = ip(10, 0, 0, 9);
    notify = 12345;
    status = call_get_ip(L"bob", L"COM3", &address, &notify);
    check(status == NO_ERROR, "get-IP(bob, RAS proposes 10.0.0.9) returned NO_ERROR");
    check(address == ip(10, 0, 0, 9), "get-IP(bob) kept RAS's 10.0.0.9");
    check(notify == FALSE, "get-IP(bob) wants no release notification");
    ev = new_events(1, "get-IP(bob)");
    expect(ev, "proposed", "10.0.0.9");
    expect(ev, "assigned", "10.0.0.9");
    expect(ev, "notify_release", "false");

    address = ip(10, 0, 0, 10);
    notify = 12345;
    status = call_get_ip(L"nobody", L"COM4", &address, &notify);
    check(status == ERROR_ACCESS_DENIED, "get-IP(nobody) returned ERROR_ACCESS_DENIED (got %lu)",
          (unsigned long)status);
    check(address == ip(10, 0, 0, 10) && notify == FALSE,
          "get-IP(nobody) left the address alone and notify FALSE");
    ev = new_events(1, "get-IP(nobody)");
    expect(ev, "refused", "5");

    init_link(&mallory, L"mallory", L"COM5", USER_AUTHENTICATED | PPP_CLIENT, (DWORD)now, conn,
              port1, link1_params, 4);
    ok = p_accept(&mallory.port, &mallory.stats, mallory.params);
    check(ok == FALSE, "accept(mallory) returned FALSE (the DLL's policy)");
    ev = new_events(1, "accept(mallory)");
    expect(ev, "user", "mallory");
    expect(ev, "accepted", "false");

    /* RAS tells the DLL the address is free, then hangs up once per port. */
    {
        WCHAR u[] = L"alice", p[] = L"COM1";
        address = ip(192, 168, 7, 21);
        p_release(u, p, &address);
    }
    ev = new_events(1, "release(alice)");
    expect(ev, "kind", "release_ip_address");
    expect(ev, "user", "alice");
    expect(ev, "port", "COM1");
    expect(ev, "address", "192.168.7.21");

    t = time(NULL);
    p_hangup(&link1.port, &link1.stats, link1.params);
    p_hangup(&link2.port, &link2.stats, link2.params);
    ev = new_events(2, "hang-up of both links");
    expect_port_event(ev, "hangup", &link1, "alice", "COM1", t);
    expect_port_event(ev + 1, "hangup", &link2, "alice", "COM2", t);
    check(p_hangup_count() == hangups0 + 2, "hang-up count is 2");
    check(p_error_count() == errors0, "no errors so far");

    printf("\n== malformed input: handlers not called, error hook told ==\n");
    errors0 = p_error_count();
    ok = p_accept(NULL, NULL, NULL);
    check(ok == FALSE, "accept(NULL, NULL, NULL) returned FALSE");
    ev = new_events(1, "accept(NULL...)");
    expect_error(ev, "RasAdminAcceptNewConnection", "malformed");
    expect_contains(ev, "message", "`pRasPort1` is a null pointer");

    unparamed = link1;
    ok = p_accept(&unparamed.port, &unparamed.stats, NULL);
    check(ok == FALSE, "accept with 4 parameters announced but none passed returned FALSE");
    ev = new_events(1, "accept(params NULL)");
    expect_error(ev, "RasAdminAcceptNewConnection", "malformed");
    expect_contains(ev, "message", "`pRasParams` is null but `NumMediaParms` is 4");

    p_hangup(NULL, NULL, NULL);
    check(1, "hang-up(NULL, NULL, NULL) returned");
    ev = new_events(1, "hang-up(NULL...)");
    expect_error(ev, "RasAdminConnectionHangupNotification", "malformed");
    expect_contains(ev, "message", "`pRasPort1` is a null pointer");

    address = ip(10, 0, 0, 11);
    status = p_get_ip(NULL, L"COM1", &address, &notify);
    check(status == ERROR_INVALID_PARAMETER, "get-IP(NULL user) returned ERROR_INVALID_PARAMETER");
    ev = new_events(1, "get-IP(NULL user)");
    expect_error(ev, "RasAdminGetIpAddressForUser", "malformed");
    expect_contains(ev, "message", "`lpszUserName` is a null pointer");
    check(address == ip(10, 0, 0, 11), "get-IP(NULL user) left the address alone");

    {
        /* 2000 units before the terminator: over the DLL's 1024 limit. */
        static WCHAR longname[2001];
        for (n = 0; n < 2000; n++)
            longname[n] = L'x';
        longname[2000] = 0;
        status = p_get_ip(longname, L"COM1", &address, &notify);
    }
    check(status == ERROR_INVALID_PARAMETER,
          "get-IP(2000-unit user name) returned ERROR_INVALID_PARAMETER");
    ev = new_events(1, "get-IP(overlong user)");
    expect_error(ev, "RasAdminGetIpAddressForUser", "unterminated");
    expect_contains(ev, "message", "`lpszUserName` has no NUL terminator within 1025 units");

    status = p_get_ip(L"alice", L"COM1", &address, NULL);
    check(status == ERROR_INVALID_PARAMETER, "get-IP(NULL bNotifyRelease) returned 87");
    ev = new_events(1, "get-IP(NULL notify)");
    expect_contains(ev, "message", "`bNotifyRelease` is a null pointer");

    {
        /* A port name at an odd address: WCHAR needs 2-byte alignment. */
        static WCHAR storage[8];
        WCHAR u[] = L"alice";
        char *odd = (char *)storage + 1;
        memcpy(odd, L"COM1", 5 * sizeof(WCHAR));
        status = p_get_ip(u, (WCHAR *)(void *)odd, &address, &notify);
    }
    check(status == ERROR_INVALID_PARAMETER, "get-IP(misaligned port name) returned 87");
    ev = new_events(1, "get-IP(misaligned port name)");
    expect_error(ev, "RasAdminGetIpAddressForUser", "malformed");
    expect_contains(ev, "message", "`lpszPortName` is not aligned to 2 bytes");

    p_release(L"alice", L"COM1", NULL);
    check(1, "release(NULL address) returned");
    ev = new_events(1, "release(NULL address)");
    expect_error(ev, "RasAdminReleaseIpAddress", "malformed");
    expect_contains(ev, "message", "`pipAddress` is a null pointer");
    check(p_error_count() == errors0 + 8, "error hook called 8 times");
    check(p_hangup_count() == hangups0 + 2, "hang-up handler not called for bad input");

    printf("\n== handlers that panic: caught inside the DLL ==\n");
    errors0 = p_error_count();
    init_link(&panicky, L"panic", L"COM9", USER_AUTHENTICATED, (DWORD)now, conn, port1,
              link1_params, 4);
    ok = p_accept(&panicky.port, &panicky.stats, panicky.params);
    check(ok == FALSE, "accept(panic) returned FALSE (fail closed), host still running");
    ev = new_events(1, "accept(panic)");
    expect_error(ev, "RasAdminAcceptNewConnection", "panicked");
    expect_contains(ev, "message", "panic requested by the user name");

    p_hangup(&panicky.port, &panicky.stats, panicky.params);
    check(1, "hang-up(panic) returned");
    ev = new_events(1, "hang-up(panic)");
    expect_error(ev, "RasAdminConnectionHangupNotification", "panicked");

    address = ip(10, 0, 0, 12);
    notify = 12345;
    status = call_get_ip(L"panic", L"COM9", &address, &notify);
    check(status == ERROR_INTERNAL_ERROR, "get-IP(panic) returned ERROR_INTERNAL_ERROR (got %lu)",
          (unsigned long)status);
    check(address == ip(10, 0, 0, 12) && notify == FALSE,
          "get-IP(panic) left the address alone and notify FALSE");
    ev = new_events(1, "get-IP(panic)");
    expect_error(ev, "RasAdminGetIpAddressForUser", "panicked");

    {
        WCHAR u[] = L"panic", p[] = L"COM9";
        address = ip(10, 0, 0, 12);
        p_release(u, p, &address);
    }
    check(1, "release(panic) returned");
    ev = new_events(1, "release(panic)");
    expect_error(ev, "RasAdminReleaseIpAddress", "panicked");
    check(p_error_count() == errors0 + 4, "error hook called 4 times");

    ok = p_accept(&link1.port, &link1.stats, link1.params);
    check(ok == TRUE, "after the panics the DLL still works: accept(alice) returned TRUE");
    new_events(1, "accept(alice) after panics");

    printf("\n== 64 threads hang up at once ==\n");
    {
        HANDLE threads[MAXIMUM_WAIT_OBJECTS];
        DWORD wait, code, all_zero = 1, before = p_hangup_count();
        errors0 = p_error_count();
        init_link(&crowd_link, L"crowd", L"COM7", USER_AUTHENTICATED | PORT_MULTILINKED,
                  (DWORD)now, conn, port2, link2_params, 4);
        start_gun = CreateEventA(NULL, TRUE, FALSE, NULL);
        if (!start_gun)
            die("CreateEvent");
        for (i = 0; i < MAXIMUM_WAIT_OBJECTS; i++) {
            threads[i] = CreateThread(NULL, 0, crowd_thread, NULL, 0, NULL);
            if (!threads[i])
                die("CreateThread");
        }
        SetEvent(start_gun);
        wait = WaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS, threads, TRUE, 120000);
        check(wait < WAIT_OBJECT_0 + MAXIMUM_WAIT_OBJECTS, "all %d threads finished (wait %lu)",
              MAXIMUM_WAIT_OBJECTS, (unsigned long)wait);
        for (i = 0; i < MAXIMUM_WAIT_OBJECTS; i++) {
            if (!GetExitCodeThread(threads[i], &code) || code != 0)
                all_zero = 0;
            CloseHandle(threads[i]);
        }
        check(all_zero, "every thread made its call");
        check(p_hangup_count() == before + 64, "hang-up count grew by exactly 64 (%lu -> %lu)",
              (unsigned long)before, (unsigned long)p_hangup_count());
        check(p_error_count() == errors0, "no errors during the concurrent hang-ups");
        ev = new_events(64, "64 concurrent hang-ups");
        n = 0;
        for (i = 0; i < 64; i++) {
            const char *user = field(ev + i, "user"); /* field() reuses its buffer */
            int is_crowd = user && !strcmp(user, "crowd");
            const char *sent = field(ev + i, "port.bytes_sent");
            if (is_crowd && sent && strtoul(sent, NULL, 10) == port2[0])
                n++;
        }
        check(n == 64, "all 64 hang-up records are complete (%d)", n);
    }

    printf("\n%u checks, %u failed: %s\n", checks, failures, failures ? "FAIL" : "PASS");
    FreeLibrary(dll);
    return failures ? 1 : 0;
}
