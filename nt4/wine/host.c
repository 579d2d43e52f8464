/*
 * Wine host for the no_std admin DLLs of nt4/ built for x86_64
 * (scripts/build-nt4 --x86_64), playing the part of the RAS service.
 *
 * Compiled by mingw-w64 gcc against mingw-w64's own <rassapi.h>. Loads
 * rassapi_nt4_minimal.dll and rassapi_nt4_accounting.dll with LoadLibrary,
 * calls their four exports by plain name and checks:
 *   minimal     accept refuses "guest" in any ASCII case, accepts others;
 *               get-IP / release / hang-up are the neutral defaults
 *   accounting  accept and get-IP defaults; a two-link multilink hang-up
 *               (MAXCONNECTBPS as a number, then as a string), one with no
 *               parameters, malformed input (null pointers, a string
 *               parameter with null data), a non-ASCII user name with a
 *               surrogate pair and a lone surrogate, 64 concurrent
 *               hang-ups of 64 different users; after each part it reads
 *               <system directory>\rasacct.log and compares every line,
 *               byte for byte, with the line the contract prescribes.
 *
 * Usage: host.exe minimal.dll accounting.dll
 * Prints PASS/FAIL per check; exits 0 only if every check passed.
 * Run by scripts/wine-nostd.
 */
#include <windows.h>
#include <rassapi.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef WINBOOL(WINAPI *accept_fn)(RAS_PORT_1 *, RAS_PORT_STATISTICS *, RAS_PARAMETERS *);
typedef VOID(WINAPI *hangup_fn)(RAS_PORT_1 *, RAS_PORT_STATISTICS *, RAS_PARAMETERS *);
typedef DWORD(WINAPI *get_ip_fn)(WCHAR *, WCHAR *, IPADDR *, WINBOOL *);
typedef VOID(WINAPI *release_fn)(WCHAR *, WCHAR *, IPADDR *);

struct dll {
    accept_fn accept;
    hangup_fn hangup;
    get_ip_fn get_ip;
    release_fn release;
};

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
}

static void die(const char *what)
{
    printf("FAIL: %s (GetLastError %lu)\n", what, (unsigned long)GetLastError());
    exit(2);
}

static struct dll load(const char *path)
{
    struct dll d;
    HMODULE m = LoadLibraryA(path);
    if (!m)
        die(path);
    check(1, "LoadLibrary(%s)", path);
    d.accept = (accept_fn)(void (*)(void))GetProcAddress(m, "RasAdminAcceptNewConnection");
    d.hangup = (hangup_fn)(void (*)(void))GetProcAddress(m, "RasAdminConnectionHangupNotification");
    d.get_ip = (get_ip_fn)(void (*)(void))GetProcAddress(m, "RasAdminGetIpAddressForUser");
    d.release = (release_fn)(void (*)(void))GetProcAddress(m, "RasAdminReleaseIpAddress");
    check(d.accept && d.hangup && d.get_ip && d.release, "%s exports all four callbacks", path);
    if (!(d.accept && d.hangup && d.get_ip && d.release))
        die("missing exports");
    return d;
}

/* ------------------------------------------------------------------------ */
/* A port as RAS describes it (the same layout rules as tests/host/host.c). */

struct param_spec {
    const char *key;
    int is_string;
    DWORD number;
    const char *string;
};

struct link {
    RAS_PORT_1 port;
    RAS_PORT_STATISTICS stats;
    RAS_PARAMETERS *params;
};

/* One allocation: the array, then the unterminated string bytes. */
static RAS_PARAMETERS *build_params(const struct param_spec *spec, WORD n, DWORD *size)
{
    size_t bytes = n * sizeof(RAS_PARAMETERS), i;
    RAS_PARAMETERS *p;
    char *data;
    for (i = 0; i < n; i++)
        if (spec[i].is_string)
            bytes += strlen(spec[i].string);
    p = calloc(1, bytes ? bytes : 1);
    if (!p)
        die("out of memory");
    data = (char *)(p + n);
    for (i = 0; i < n; i++) {
        strncpy(p[i].P_Key, spec[i].key, sizeof p[i].P_Key - 1);
        if (spec[i].is_string) {
            DWORD len = (DWORD)strlen(spec[i].string);
            p[i].P_Type = ParamString;
            memcpy(data, spec[i].string, len);
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
                      DWORD start, DWORD speed, const DWORD conn[14], const DWORD perport[14],
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
    l->port.LineSpeed = speed;
    l->port.NumStatistics = 28;
    l->port.NumMediaParms = nparams;
    for (i = 0; i < 14; i++) {
        counters[i] = conn[i];
        counters[14 + i] = perport[i];
    }
    l->params = build_params(spec, nparams, &l->port.SizeMediaParms);
}

/* The line the contract prescribes for a hang-up of `l` (ASCII names). */
static void expected_line(char *out, size_t n, const char *user, const char *port,
                          const struct link *l, const char *connectbps)
{
    const DWORD *c = (const DWORD *)&l->stats;
    snprintf(out, n,
             "hangup\tuser=%s\tdomain=CORP\tcomputer=ALICE-PC\tport=%s\tdevice=Hayes Optima 336"
             "\tstart=%lu\tspeed=%lu\tflags=%lu\tmultilink=%d\tbytes_sent=%lu\tbytes_received=%lu"
             "\tframes_sent=%lu\tframes_received=%lu\tport_bytes_sent=%lu\tport_bytes_received=%lu"
             "\tconnectbps=%s\r\n",
             user, port, (unsigned long)l->port.rasport0.dwStartSessionTime,
             (unsigned long)l->port.LineSpeed, (unsigned long)l->port.rasport0.Flags,
             (l->port.rasport0.Flags & PORT_MULTILINKED) ? 1 : 0, (unsigned long)c[0],
             (unsigned long)c[1], (unsigned long)c[2], (unsigned long)c[3], (unsigned long)c[14],
             (unsigned long)c[15], connectbps);
}

static const struct param_spec params_number[] = {
    {"CONNECTBPS", 1, 0, "28800"},
    {"maxconnectbps", 0, 33600, NULL}, /* the key is matched ignoring case */
    {"PortName", 1, 0, "COM1"},
};
static const struct param_spec params_string[] = {
    {"MAXCONNECTBPS", 1, 0, "31200"},
};

static struct dll acct;
static struct link crowd[MAXIMUM_WAIT_OBJECTS]; /* one user per thread */
static HANDLE start_gun;

static DWORD WINAPI crowd_thread(LPVOID arg)
{
    struct link *l = arg;
    if (WaitForSingleObject(start_gun, 60000) != WAIT_OBJECT_0)
        return 1;
    acct.hangup(&l->port, &l->stats, l->params);
    return 0;
}

static int call_accept(struct dll *d, const wchar_t *user)
{
    struct link l;
    DWORD zero[14] = {0};
    init_link(&l, user, L"COM1", USER_AUTHENTICATED, 1000, 33600, zero, zero, params_number, 3);
    return d->accept(&l.port, &l.stats, l.params);
}

static void check_defaults(struct dll *d, const char *name)
{
    WCHAR user[] = L"alice", port[] = L"COM1";
    IPADDR address = 0x0907000a;
    WINBOOL notify = 12345;
    DWORD status = d->get_ip(user, port, &address, &notify);
    check(status == NO_ERROR && address == 0x0907000a && notify == FALSE,
          "%s get-IP default: NO_ERROR, address kept, no release notice (status %lu, notify %d)",
          name, (unsigned long)status, (int)notify);
    d->release(user, port, &address);
    check(address == 0x0907000a, "%s release default returned, address untouched", name);
}

/* The whole file, NUL-terminated; *len gets its size. */
static char *read_file(const wchar_t *path, DWORD *len)
{
    HANDLE h = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                           OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    DWORD size, got = 0;
    char *buf;
    if (h == INVALID_HANDLE_VALUE)
        return NULL;
    size = GetFileSize(h, NULL);
    buf = malloc((size_t)size + 1);
    if (!buf || !ReadFile(h, buf, size, &got, NULL) || got != size)
        die("reading the log");
    CloseHandle(h);
    buf[size] = 0;
    *len = size;
    return buf;
}

int main(int argc, char **argv)
{
    struct dll minimal;
    struct link link1, link2, bare, broken, unicode;
    /* j, o-umlaut, r, g, U+1F600 as a surrogate pair, a lone high surrogate */
    static const WCHAR unicode_user[] = {'j', 0xf6, 'r', 'g', 0xd83d, 0xde00, 0xd800, 0};
    DWORD conn[14], port1[14], port2[14];
    WCHAR log_path[MAX_PATH + 16];
    char want[6][1024], *log, *at;
    DWORD log_len;
    unsigned i, n;

    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc != 3) {
        fprintf(stderr, "usage: %s rassapi_nt4_minimal.dll rassapi_nt4_accounting.dll\n", argv[0]);
        return 2;
    }

    printf("\n== minimal: refuses guest in any ASCII case ==\n");
    minimal = load(argv[1]);
    check(call_accept(&minimal, L"alice") == TRUE, "minimal accept(alice) is TRUE");
    check(call_accept(&minimal, L"guest") == FALSE, "minimal accept(guest) is FALSE");
    check(call_accept(&minimal, L"GUEST") == FALSE, "minimal accept(GUEST) is FALSE");
    check(call_accept(&minimal, L"GuEsT") == FALSE, "minimal accept(GuEsT) is FALSE");
    check(call_accept(&minimal, L"guests") == TRUE, "minimal accept(guests) is TRUE");
    check(call_accept(&minimal, L"gues") == TRUE, "minimal accept(gues) is TRUE");
    check(call_accept(&minimal, L"") == TRUE, "minimal accept(empty name) is TRUE");
    check_defaults(&minimal, "minimal");

    printf("\n== accounting: one line per hang-up in <system dir>\\rasacct.log ==\n");
    n = GetSystemDirectoryW(log_path, MAX_PATH);
    if (n == 0 || n >= MAX_PATH)
        die("GetSystemDirectoryW");
    lstrcatW(log_path, L"\\rasacct.log");
    DeleteFileW(log_path); /* start from an empty log */
    acct = load(argv[2]);
    check(call_accept(&acct, L"guest") == TRUE, "accounting accept default: TRUE (even guest)");
    check_defaults(&acct, "accounting");

    for (i = 0; i < 14; i++) {
        conn[i] = 100000 + 1111 * i;
        port1[i] = 50000 + 7 * i;
        port2[i] = 60000 + 13 * i;
    }
    init_link(&link1, L"alice", L"COM1", USER_AUTHENTICATED | PPP_CLIENT | PORT_MULTILINKED,
              1700000000, 33600, conn, port1, params_number, 3);
    init_link(&link2, L"alice", L"COM2", USER_AUTHENTICATED | PPP_CLIENT | PORT_MULTILINKED,
              1700000100, 31200, conn, port2, params_string, 1);
    init_link(&bare, L"carol", L"COM4", USER_AUTHENTICATED, 1700000300, 9600, conn, port2, NULL,
              0);
    acct.hangup(&link1.port, &link1.stats, link1.params);
    acct.hangup(&link2.port, &link2.stats, link2.params);
    acct.hangup(&bare.port, &bare.stats, bare.params);
    acct.hangup(NULL, NULL, NULL);
    /* A string MAXCONNECTBPS whose data pointer is NULL: the view builds,
       but that field cannot be read, so the line is `malformed`. */
    init_link(&broken, L"mallory", L"COM5", USER_AUTHENTICATED, 1700000500, 9600, conn, port1,
              params_string, 1);
    broken.params[0].P_Value.String.Data = NULL;
    acct.hangup(&broken.port, &broken.stats, broken.params);
    init_link(&unicode, unicode_user, L"COM6", USER_AUTHENTICATED, 1700000600, 14400, conn, port2,
              params_number, 3);
    acct.hangup(&unicode.port, &unicode.stats, unicode.params);
    expected_line(want[0], sizeof want[0], "alice", "COM1", &link1, "33600");
    expected_line(want[1], sizeof want[1], "alice", "COM2", &link2, "31200");
    expected_line(want[2], sizeof want[2], "carol", "COM4", &bare, "-");
    snprintf(want[3], sizeof want[3], "malformed\tnull:pRasPort1\r\n");
    snprintf(want[4], sizeof want[4], "malformed\tnull_string_data\r\n");
    /* UTF-8: the pair as one 4-byte character, the lone surrogate as U+FFFD. */
    expected_line(want[5], sizeof want[5], "j\xc3\xb6rg\xf0\x9f\x98\x80\xef\xbf\xbd", "COM6",
                  &unicode, "33600");

    log = read_file(log_path, &log_len);
    check(log != NULL, "the log file exists after the hang-ups");
    if (!log)
        die("no log");
    at = log;
    for (i = 0; i < 6; i++) {
        size_t len = strlen(want[i]);
        int same = strncmp(at, want[i], len) == 0;
        char *eol = strstr(at, "\r\n");
        check(same, "line %u is exactly: %.*s", i + 1, (int)len - 2, want[i]);
        if (!same)
            printf("      got: %.*s\n", eol ? (int)(eol - at) : 200, at);
        at = eol ? eol + 2 : at + strlen(at);
    }
    check(*at == 0, "nothing else in the log (%lu bytes)", (unsigned long)log_len);
    free(log);

    printf("\n== accounting: 64 threads hang up at once ==\n");
    {
        HANDLE threads[MAXIMUM_WAIT_OBJECTS];
        DWORD wait, code, all_zero = 1;
        unsigned found = 0, lines = 0;
        char *line, user[16];
        WCHAR wuser[16];
        DeleteFileW(log_path);
        for (i = 0; i < MAXIMUM_WAIT_OBJECTS; i++) {
            swprintf(wuser, 16, L"crowd%02u", i);
            init_link(&crowd[i], wuser, L"COM7", USER_AUTHENTICATED | PORT_MULTILINKED,
                      1700000400 + i, 33600, conn, port2, params_number, 3);
        }
        start_gun = CreateEventA(NULL, TRUE, FALSE, NULL);
        if (!start_gun)
            die("CreateEvent");
        for (i = 0; i < MAXIMUM_WAIT_OBJECTS; i++)
            if (!(threads[i] = CreateThread(NULL, 0, crowd_thread, &crowd[i], 0, NULL)))
                die("CreateThread");
        SetEvent(start_gun);
        wait = WaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS, threads, TRUE, 120000);
        check(wait < WAIT_OBJECT_0 + MAXIMUM_WAIT_OBJECTS, "all 64 threads finished");
        for (i = 0; i < MAXIMUM_WAIT_OBJECTS; i++) {
            if (!GetExitCodeThread(threads[i], &code) || code != 0)
                all_zero = 0;
            CloseHandle(threads[i]);
        }
        check(all_zero, "every thread made its call");
        log = read_file(log_path, &log_len);
        if (!log)
            die("no log after the concurrent hang-ups");
        for (at = log; *at; lines++) {
            char *eol = strstr(at, "\r\n");
            at = eol ? eol + 2 : at + strlen(at);
        }
        /* Each thread's line, whole and exactly once, at a line start. */
        for (i = 0; i < MAXIMUM_WAIT_OBJECTS; i++) {
            size_t len;
            snprintf(user, sizeof user, "crowd%02u", i);
            expected_line(want[0], sizeof want[0], user, "COM7", &crowd[i], "33600");
            len = strlen(want[0]);
            line = strstr(log, want[0]);
            if (line && (line == log || line[-1] == '\n') && !strstr(line + len, want[0]))
                found++;
            else
                printf("      missing or repeated: %.*s\n", (int)len - 2, want[0]);
        }
        check(found == 64 && lines == 64,
              "the log holds 64 lines, each thread's exactly once and whole (%u found, %u lines, %lu bytes)",
              found, lines, (unsigned long)log_len);
        free(log);
    }

    printf("\n%u checks, %u failed: %s\n", checks, failures, failures ? "FAIL" : "PASS");
    return failures ? 1 : 0;
}
