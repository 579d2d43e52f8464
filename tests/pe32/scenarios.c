/*
 * Scenarios: each feeds the DLLs RAS data through their stdcall exports and
 * checks return values, out-parameters and, for the accounting DLL, every
 * field of every line it logs, against what was passed.
 */
#define _GNU_SOURCE
#include "scenarios.h"

#include "checks.h"
#include "expect.h"
#include "kernel32_stubs.h"
#include "ras_input.h"
#include "stdcall_call.h"

#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

const struct pe_image *g_loaded[2];

static const char *g_tmpdir;
static const char *g_pass;
static char g_log[1024];

static void begin(const char *name) {
    static char full[128];
    snprintf(full, sizeof full, "%s/%s", g_pass, name);
    scenario_begin(full);
}

/* ------------------------------------------------------------------ */
/* Calls with ABI checks.                                             */

/* Calls `fn` with the stdcall convention through stdcall_call and checks
 * that it popped its arguments and kept EBX/ESI/EDI and DF as Win32 wants. */
static uint32_t abi_call(const struct admin_dll *d, const char *what, void *fn, unsigned nargs,
                         const uint32_t *args) {
    struct stdcall_result r;
    /* ESP = 4 (mod 16), as much alignment as Win32 promises, and no more. */
    stdcall_call(fn, nargs, args, 12, &r);
    check(r.esp_delta == 0, "%s %s: returned with ESP off by %d bytes (stdcall pops %u bytes)",
          d->role, what, (int)r.esp_delta, 4 * nargs);
    check(r.clobbered == 0, "%s %s: did not preserve callee-saved registers (mask 0x%x: 1=EBX 2=ESI 4=EDI)",
          d->role, what, r.clobbered);
    check(!(r.eflags & 0x400), "%s %s: returned with the direction flag set", d->role, what);
    return r.eax;
}

static uint32_t u(const void *p) { return (uint32_t)(uintptr_t)p; }

/* ------------------------------------------------------------------ */
/* Log helpers.                                                       */

static struct k32_counts g_counts_at_reset;

/* Deletes the log and notes the kernel32 call counts, for check_log_exactly. */
static void log_reset(void) {
    unlink(g_log);
    g_counts_at_reset = k32_counts();
}

/* Only rasacct.log (or nothing) may be in the temporary directory. */
static void check_no_other_files(void) {
    DIR *dir = opendir(g_tmpdir);
    if (!dir) fatal("opendir %s", g_tmpdir);
    struct dirent *e;
    while ((e = readdir(dir)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && strcmp(e->d_name, "rasacct.log"))
            check(0, "unexpected file %s created in the system directory", e->d_name);
    closedir(dir);
}

static unsigned log_line_count(void) {
    struct log_lines l;
    log_read(g_log, &l);
    unsigned n = l.count;
    log_free(&l);
    return n;
}

/* The log must hold exactly the lines of `specs`, in this order. */
static void check_log_exactly(const struct port_spec *specs, unsigned n, const char *ctx) {
    struct log_lines l;
    log_read(g_log, &l);
    check(!l.torn, "%s: log is not a sequence of CRLF-terminated lines", ctx);
    check_u32(l.count, n, "%s: lines logged", ctx);
    for (unsigned i = 0; i < n && i < l.count; i++) {
        char want[4096], c[160];
        expected_line(&specs[i], want, sizeof want);
        snprintf(c, sizeof c, "%s: line %u", ctx, i + 1);
        check_line(l.line[i], want, c);
    }
    log_free(&l);
    check_no_other_files();
    /* Per line: one CreateFileW, one WriteFile, one CloseHandle. */
    struct k32_counts now = k32_counts(), was = g_counts_at_reset;
    check_u32(now.create_file - was.create_file, n, "%s: CreateFileW calls", ctx);
    check_u32(now.write_file - was.write_file, n, "%s: WriteFile calls", ctx);
    check_u32(now.close_handle - was.close_handle, n, "%s: CloseHandle calls", ctx);
    check_u32(now.open_handles, 0, "%s: handles left open", ctx);
}

/* ------------------------------------------------------------------ */
/* Loading.                                                           */

/* "rwx" permissions of the mapping holding `addr`, from /proc/self/maps. */
static void prot_at(const void *addr, char out[4]) {
    strcpy(out, "???");
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f) return;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        char perms[5];
        if (sscanf(line, "%lx-%lx %4s", &lo, &hi, perms) == 3 && (uintptr_t)addr >= lo &&
            (uintptr_t)addr < hi) {
            memcpy(out, perms, 3);
            break;
        }
    }
    fclose(f);
}

/* The sections got their protections: headers read-only, code not writable. */
static void check_protections(const struct admin_dll *d) {
    char p[4];
    prot_at(d->img.base, p);
    check(!strcmp(p, "r--"), "%s: headers mapped %s, expected r--", d->role, p);
    if (!d->entry) return;
    prot_at(d->entry, p);
    check(!strcmp(p, "r-x"), "%s: entry point's section mapped %s, expected r-x", d->role, p);
}

static void load(struct admin_dll *d, const char *role, const char *path, int relocate) {
    d->role = role;
    pe_load(path, relocate, k32_resolve, &d->img);
    printf("%s: %s %s at %p (ImageBase 0x%08x, %u HIGHLOW fixups), OS %u.%u, subsystem %u.%u, "
           "%u imports: %s\n",
           g_pass, role, path, (void *)d->img.base, d->img.preferred_base, d->img.fixups,
           d->img.os_major, d->img.os_minor, d->img.subsys_major, d->img.subsys_minor,
           d->img.import_count, d->img.import_count ? d->img.imports : "(none)");
    if (relocate)
        check((uintptr_t)d->img.base != d->img.preferred_base, "%s: relocated load landed at ImageBase",
              role);
    static const char *names[4] = {"RasAdminAcceptNewConnection",
                                   "RasAdminConnectionHangupNotification",
                                   "RasAdminGetIpAddressForUser", "RasAdminReleaseIpAddress"};
    void **slots[4] = {&d->accept, &d->hangup, &d->get_ip, &d->release};
    for (int i = 0; i < 4; i++) {
        *slots[i] = pe_export(&d->img, names[i]);
        check(*slots[i] != NULL, "%s: export %s missing", role, names[i]);
    }
    if (!check(d->img.entry_rva != 0, "%s: AddressOfEntryPoint is 0", role)) return;
    d->entry = d->img.base + d->img.entry_rva;
    check_protections(d);
}

static int usable(const struct admin_dll *d) {
    return d->entry && d->accept && d->hangup && d->get_ip && d->release;
}

/* ------------------------------------------------------------------ */
/* Test data.                                                         */

static const WCHAR W_CORP[] = u"CORP", W_PC[] = u"ALICE-PC", W_MODEM[] = u"Hayes Optima 288";

static struct port_spec base_spec(const WCHAR *user, const WCHAR *port) {
    struct port_spec s = {
        .user = user, .domain = W_CORP, .computer = W_PC, .port = port, .device = W_MODEM,
        .start = 852076800u /* 1997-01-01 */, .speed = 28800, .flags = USER_AUTHENTICATED | PPP_CLIENT,
        .bps = BPS_NUMBER, .bps_number = 26400,
    };
    for (int i = 0; i < 14; i++) {
        s.bundle[i] = 1000u * (i + 1) + 7;
        s.link[i] = s.bundle[i];
    }
    return s;
}

static void call_hangup(const struct admin_dll *d, const struct port_spec *s) {
    struct ras_input in;
    ras_input_build(s, &in);
    ras_input_seal(&in);
    ((hangup_fn)d->hangup)(in.port1, in.stats, in.params);
    ras_input_free(&in);
}

static BOOL call_accept(const struct admin_dll *d, const struct port_spec *s) {
    struct ras_input in;
    ras_input_build(s, &in);
    ras_input_seal(&in);
    BOOL r = ((accept_fn)d->accept)(in.port1, in.stats, in.params);
    ras_input_free(&in);
    return r;
}

/* ------------------------------------------------------------------ */
/* Scenarios.                                                         */

static void scenario_attach(struct admin_dll *d) {
    uint32_t args[3] = {u(d->img.base), DLL_PROCESS_ATTACH, 0};
    uint32_t r = abi_call(d, "entry(DLL_PROCESS_ATTACH)", d->entry, 3, args);
    check(r != 0, "%s: entry point returned FALSE for DLL_PROCESS_ATTACH", d->role);
}

/* Each export once through stdcall_call: argument bytes popped, registers kept. */
static void scenario_abi(struct admin_dll *d) {
    log_reset();
    struct port_spec s = base_spec(u"abi", u"COM9");
    struct ras_input in;
    ras_input_build(&s, &in);
    ras_input_seal(&in);
    uint32_t a3[3] = {u(in.port1), u(in.stats), u(in.params)};
    uint32_t r = abi_call(d, "RasAdminAcceptNewConnection", d->accept, 3, a3);
    check(r != 0, "%s: accept(\"abi\") returned FALSE", d->role);
    abi_call(d, "RasAdminConnectionHangupNotification", d->hangup, 3, a3);
    ras_input_free(&in);
    WCHAR user[] = u"abi", port[] = u"COM9";
    IPADDR ip = 0x0700000a;
    BOOL notify = TRUE;
    uint32_t a4[4] = {u(user), u(port), u(&ip), u(&notify)};
    r = abi_call(d, "RasAdminGetIpAddressForUser", d->get_ip, 4, a4);
    check_u32(r, 0, "%s: get-IP return", d->role);
    abi_call(d, "RasAdminReleaseIpAddress", d->release, 3, a4);
    if (!strcmp(d->role, "accounting")) check_log_exactly(&s, 1, "accounting abi hang-up");
    else check_log_exactly(NULL, 0, "minimal hang-up logs nothing");
}

/* Users and whether the minimal DLL accepts them (the accounting DLL accepts all). */
static const WCHAR LONE[] = {'g', 'u', 0xD800, 's', 't', 0};
static const struct { const WCHAR *user; int minimal_accepts; } ACCEPT_CASES[] = {
    {u"alice", 1}, {u"guest", 0}, {u"GUEST", 0}, {u"Guest", 0}, {u"gUeSt", 0},
    {u"guests", 1}, {u"guest ", 1}, {u" guest", 1}, {u"gues", 1}, {u"", 1},
    {u"J\u00fcrgen", 1}, {u"\u738b\u5c0f\u660e", 1}, {LONE, 1},
    {u"\uff47\uff55\uff45\uff53\uff54", 1} /* fullwidth "guest": not ASCII */,
    {u"administrator", 1}, {u"GuesT", 0},
};
#define N_ACCEPT_CASES (sizeof ACCEPT_CASES / sizeof ACCEPT_CASES[0])

static int accept_expected(const struct admin_dll *d, size_t i) {
    return strcmp(d->role, "minimal") ? 1 : ACCEPT_CASES[i].minimal_accepts;
}

static void scenario_accept(struct admin_dll *d) {
    log_reset();
    for (size_t i = 0; i < N_ACCEPT_CASES; i++) {
        char name[64];
        utf16_to_utf8(ACCEPT_CASES[i].user, name, sizeof name);
        struct port_spec s = base_spec(ACCEPT_CASES[i].user, u"COM1");
        BOOL r = call_accept(d, &s);
        int want = accept_expected(d, i);
        check(want ? r != 0 : r == 0, "%s accept(\"%s\") returned %d, expected %s", d->role, name, r,
              want ? "TRUE" : "FALSE");
    }
    check_u32(log_line_count(), 0, "accept calls log nothing");
    check_no_other_files();
}

static void scenario_get_ip_release(struct admin_dll *d) {
    log_reset();
    struct { BOOL notify_in; IPADDR ip_in; } cases[] = {{TRUE, 0x0a000001}, {0x12345, 0xffffffff}, {FALSE, 0}};
    for (size_t i = 0; i < 3; i++) {
        WCHAR user[] = u"alice", port[] = u"COM1";
        IPADDR ip = cases[i].ip_in;
        BOOL notify = cases[i].notify_in;
        DWORD r = ((get_ip_fn)d->get_ip)(user, port, &ip, &notify);
        check_u32(r, 0, "%s get-IP returns NO_ERROR", d->role);
        check_u32(ip, cases[i].ip_in, "%s get-IP leaves *pipAddress as passed", d->role);
        check_u32((uint32_t)notify, FALSE, "%s get-IP sets *bNotifyRelease = FALSE (was 0x%x)", d->role,
                  (unsigned)cases[i].notify_in);
        check(user[0] == 'a' && port[3] == '1', "%s get-IP leaves the names alone", d->role);
        ((release_fn)d->release)(user, port, &ip);
        check_u32(ip, cases[i].ip_in, "%s release leaves *pipAddress alone", d->role);
    }
    check_u32(log_line_count(), 0, "%s: get-IP/release log nothing", d->role);
    check_no_other_files();
}

static void multilink_specs(struct port_spec s[2]) {
    s[0] = base_spec(u"bob", u"COM1");
    s[1] = base_spec(u"bob", u"ISDN2");
    for (int l = 0; l < 2; l++) {
        s[l].flags = USER_AUTHENTICATED | PPP_CLIENT | MESSENGER_PRESENT | PORT_MULTILINKED;
        s[l].speed = 64000;
        for (int i = 0; i < 14; i++) {
            s[l].bundle[i] = 50000u + 1000u * i;              /* same bundle totals */
            s[l].link[i] = (l ? 20000u : 30000u) + 100u * i; /* own counters */
        }
    }
    s[1].device = u"ISDN Adapter";
    s[0].bps = BPS_NUMBER;
    s[0].bps_number = 64000;
    s[1].bps = BPS_STRING;
    s[1].bps_string = "56000";
}

static void scenario_multilink(struct admin_dll *d) {
    log_reset();
    struct port_spec s[2];
    multilink_specs(s);
    for (int l = 0; l < 2; l++) call_hangup(d, &s[l]);
    if (!strcmp(d->role, "accounting")) check_log_exactly(s, 2, "multilink");
    else check_log_exactly(NULL, 0, "minimal hang-up logs nothing");
}

static void scenario_no_bps(struct admin_dll *acct) {
    log_reset();
    struct port_spec s[3] = {base_spec(u"carol", u"COM3"), base_spec(u"dave", u"COM4"),
                             base_spec(u"erin", u"COM5")};
    s[0].bps = BPS_ABSENT;
    s[1].bps = BPS_STRING;
    s[1].bps_string = "33600 V.34"; /* not a number: logged as given */
    s[2].flags = 0;
    s[2].start = 0;
    s[2].speed = 0xffffffffu;
    s[2].bundle[0] = 0xffffffffu;
    s[2].link[1] = 0;
    s[2].bps_number = 0;
    for (int i = 0; i < 3; i++) call_hangup(acct, &s[i]);
    check_log_exactly(s, 3, "no MAXCONNECTBPS / string / extremes");
}

static void scenario_non_ascii(struct admin_dll *acct) {
    static const WCHAR lone_high[] = {'B', 'a', 'd', 0xD800, 'x', 0};
    static const WCHAR lone_low_end[] = {'E', 'n', 'd', 0xDC00, 0};
    static const WCHAR pair_then_lone[] = {0xD83D, 0xDE00, 0xDBFF, 'z', 0};
    static WCHAR long_user[UNLEN + 1], long_device[RASSAPI_MAX_DEVICE_NAME];
    for (int i = 0; i < UNLEN; i++) long_user[i] = i % 2 ? 0x00e9 : 0x20ac; /* é € */
    for (int i = 0; i < RASSAPI_MAX_DEVICE_NAME - 1; i++) long_device[i] = 'a' + i % 26;
    log_reset();
    struct port_spec s[6] = {
        base_spec(u"J\u00fcrgen", u"COM1"), base_spec(u"\u738b\u5c0f\u660e", u"COM2"),
        base_spec(lone_high, u"COM3"), base_spec(lone_low_end, u"COM4"),
        base_spec(pair_then_lone, u"COM5"), base_spec(long_user, u"COM6"),
    };
    s[0].domain = u"M\u00dcNCHEN";
    s[1].computer = u"\u5317\u4eac-PC";
    s[5].device = long_device;
    s[5].port = u"COM16-XXXXXXXXX"; /* 15 units: the array's limit */
    for (int i = 0; i < 6; i++) call_hangup(acct, &s[i]);
    check_log_exactly(s, 6, "non-ASCII names");
    /* The harness's own converter, checked on fixed vectors. */
    char out[64];
    utf16_to_utf8(s[0].user, out, sizeof out);
    check(!strcmp(out, "J\xc3\xbcrgen"), "harness utf16_to_utf8(J\\u00fcrgen)");
    utf16_to_utf8(lone_high, out, sizeof out);
    check(!strcmp(out, "Bad\xef\xbf\xbdx"), "harness utf16_to_utf8(lone surrogate)");
    utf16_to_utf8(pair_then_lone, out, sizeof out);
    check(!strcmp(out, "\xf0\x9f\x98\x80\xef\xbf\xbdz"), "harness utf16_to_utf8(pair, lone)");
}

/* 64 threads hang up at once, each with its own data. */
#define THREADS 64
struct worker {
    struct admin_dll *dll;
    pthread_barrier_t *barrier;
    int accepted; /* minimal: what accept returned */
    struct port_spec spec;
    WCHAR user[24], port[16], device[32], computer[16];
};

static void wput(WCHAR *dst, const char *s) {
    while ((*dst++ = (unsigned char)*s++)) {}
}

static void thread_notify(struct admin_dll *d, DWORD reason) {
    if (k32_thread_calls_disabled(d->img.base)) return;
    ((dll_entry_fn)d->entry)(d->img.base, reason, NULL);
}

static void *worker_main(void *arg) {
    struct worker *w = arg;
    thread_notify(w->dll, DLL_THREAD_ATTACH);
    pthread_barrier_wait(w->barrier);
    if (!strcmp(w->dll->role, "accounting")) call_hangup(w->dll, &w->spec);
    else w->accepted = call_accept(w->dll, &w->spec) != 0;
    thread_notify(w->dll, DLL_THREAD_DETACH);
    return NULL;
}

static void scenario_concurrent(struct admin_dll *d) {
    log_reset();
    static struct worker w[THREADS];
    static char bps[THREADS][16];
    pthread_t tid[THREADS];
    pthread_barrier_t barrier;
    pthread_barrier_init(&barrier, NULL, THREADS);
    struct k32_counts before = k32_counts();
    for (int i = 0; i < THREADS; i++) {
        char buf[32];
        w[i].dll = d;
        w[i].barrier = &barrier;
        snprintf(buf, sizeof buf, "user%02d", i);
        wput(w[i].user, buf);
        if (i % 4 == 3) wput(w[i].user, i % 8 == 3 ? "Guest" : "GUEST"); /* refused by minimal */
        if (i % 4 == 1) w[i].user[6] = 0x00df, w[i].user[7] = 0; /* ß */
        snprintf(buf, sizeof buf, "COM%d", i + 1);
        wput(w[i].port, buf);
        snprintf(buf, sizeof buf, "Modem %d", i * 7);
        wput(w[i].device, buf);
        snprintf(buf, sizeof buf, "PC%02d", i);
        wput(w[i].computer, buf);
        struct port_spec *s = &w[i].spec;
        *s = base_spec(w[i].user, w[i].port);
        s->device = w[i].device;
        s->computer = w[i].computer;
        s->start = 900000000u + 3600u * (unsigned)i;
        s->speed = 9600u + 100u * (unsigned)i;
        s->flags = USER_AUTHENTICATED | PPP_CLIENT | (i % 3 == 0 ? PORT_MULTILINKED : 0);
        for (int k = 0; k < 14; k++) {
            s->bundle[k] = 1000000u * (unsigned)i + 1000u * (unsigned)k + 1;
            s->link[k] = 2000000u * (unsigned)i + 10u * (unsigned)k + 3;
        }
        s->bps = (enum bps_kind)(i % 3 == 2 ? BPS_ABSENT : i % 3 == 0 ? BPS_NUMBER : BPS_STRING);
        s->bps_number = 14400u + (unsigned)i;
        snprintf(bps[i], sizeof bps[i], "%u", 31200u + (unsigned)i);
        s->bps_string = bps[i];
    }
    for (int i = 0; i < THREADS; i++)
        if (pthread_create(&tid[i], NULL, worker_main, &w[i]) != 0) fatal("pthread_create %d", i);
    for (int i = 0; i < THREADS; i++) pthread_join(tid[i], NULL);
    pthread_barrier_destroy(&barrier);
    struct k32_counts after = k32_counts();
    if (strcmp(d->role, "accounting")) {
        for (int i = 0; i < THREADS; i++)
            check(w[i].accepted == (i % 4 != 3), "minimal: concurrent accept of thread %d returned %d", i,
                  w[i].accepted);
        check_log_exactly(NULL, 0, "minimal: concurrent accepts log nothing");
        return;
    }

    struct log_lines l;
    log_read(g_log, &l);
    check(!l.torn, "concurrent: log is not a sequence of whole CRLF lines (interleaved writes?)");
    check_u32(l.count, THREADS, "concurrent: lines logged");
    /* Each line belongs to the thread whose line it equals, or failing that
     * to the thread whose port it names; then every field is compared. */
    int seen[THREADS] = {0};
    for (unsigned j = 0; j < l.count; j++) {
        int owner = -1;
        char want[1024], ctx[64];
        for (int i = 0; i < THREADS && owner < 0; i++) {
            expected_line(&w[i].spec, want, sizeof want);
            if (!strcmp(l.line[j], want)) owner = i;
        }
        for (int i = 0; i < THREADS && owner < 0; i++) {
            char key[32];
            snprintf(key, sizeof key, "\tport=COM%d\t", i + 1);
            if (strstr(l.line[j], key)) owner = i;
        }
        if (owner < 0) {
            check(0, "concurrent: line %u matches no thread: \"%.300s\"", j + 1, l.line[j]);
            continue;
        }
        check(!seen[owner]++, "concurrent: a second line for thread %d", owner);
        expected_line(&w[owner].spec, want, sizeof want);
        snprintf(ctx, sizeof ctx, "concurrent line %u (thread %d)", j + 1, owner);
        check_line(l.line[j], want, ctx);
    }
    for (int i = 0; i < THREADS; i++) check(seen[i] >= 1, "concurrent: no line for thread %d", i);
    log_free(&l);
    check_u32(after.create_file - before.create_file, THREADS, "concurrent: CreateFileW calls");
    check_u32(after.write_file - before.write_file, THREADS, "concurrent: WriteFile calls (one per line)");
    check_u32(after.close_handle - before.close_handle, THREADS, "concurrent: CloseHandle calls");
    check_u32(after.open_handles, 0, "concurrent: handles left open");
    check_no_other_files();
}

/* ------------------------------------------------------------------ */
/* Malformed input: each call runs in a forked child, so a crash is a  */
/* reported failure rather than the end of the run.                   */

enum malformed_case {
    M_NULL_PORT1, M_NULL_STATS, M_NULL_PARAMS, M_ALL_NULL, M_STRING_DATA_NULL,
    M_STRING_TOO_LONG, M_SIZE_TOO_SMALL, M_ACCEPT_NULLS, M_ACCEPT_NULL_PORT1,
    M_GET_IP_NULLS, M_GET_IP_NULL_OUT, M_RELEASE_NULLS, M_CASES
};
static const char *malformed_name[M_CASES] = {
    "hangup(NULL pRasPort1)", "hangup(NULL pRasStats)", "hangup(NULL pRasParams, 4 params)",
    "hangup(NULL, NULL, NULL)", "hangup(MAXCONNECTBPS string Data NULL)",
    "hangup(MAXCONNECTBPS Length past SizeMediaParms)", "hangup(SizeMediaParms < array)",
    "accept(NULL, NULL, NULL)", "accept(NULL pRasPort1)", "get-IP(NULL, NULL, NULL, NULL)",
    "get-IP(NULL pipAddress, NULL bNotifyRelease)", "release(NULL, NULL, NULL)",
};

static RAS_PARAMETERS *find_param(struct ras_input *in, const char *key) {
    for (unsigned i = 0; i < in->num_params; i++)
        if (!strcmp(in->params[i].P_Key, key)) return &in->params[i];
    fatal("harness bug: no %s parameter", key);
}

static void malformed_call(struct admin_dll *d, enum malformed_case c) {
    struct port_spec s = base_spec(u"mallory", u"COM7");
    s.bps = BPS_STRING;
    s.bps_string = "28800";
    struct ras_input in;
    ras_input_build(&s, &in);
    hangup_fn h = (hangup_fn)d->hangup;
    WCHAR user[] = u"mallory";
    if (c == M_STRING_DATA_NULL) find_param(&in, "MAXCONNECTBPS")->P_Value.String.Data = NULL;
    if (c == M_STRING_TOO_LONG) find_param(&in, "MAXCONNECTBPS")->P_Value.String.Length = 0x7fffffff;
    if (c == M_SIZE_TOO_SMALL) in.port1->SizeMediaParms = 10;
    ras_input_seal(&in);
    switch (c) {
    case M_NULL_PORT1: h(NULL, in.stats, in.params); break;
    case M_NULL_STATS: h(in.port1, NULL, in.params); break;
    case M_NULL_PARAMS: h(in.port1, in.stats, NULL); break;
    case M_ALL_NULL: h(NULL, NULL, NULL); break;
    case M_STRING_DATA_NULL:
    case M_STRING_TOO_LONG:
    case M_SIZE_TOO_SMALL: h(in.port1, in.stats, in.params); break;
    case M_ACCEPT_NULLS: ((accept_fn)d->accept)(NULL, NULL, NULL); break;
    case M_ACCEPT_NULL_PORT1: ((accept_fn)d->accept)(NULL, in.stats, in.params); break;
    case M_GET_IP_NULLS: ((get_ip_fn)d->get_ip)(NULL, NULL, NULL, NULL); break;
    case M_GET_IP_NULL_OUT: ((get_ip_fn)d->get_ip)(user, user, NULL, NULL); break;
    case M_RELEASE_NULLS: ((release_fn)d->release)(NULL, NULL, NULL); break;
    default: break;
    }
    ras_input_free(&in);
}

static void scenario_malformed(struct admin_dll *d) {
    log_reset();
    for (int c = 0; c < M_CASES; c++) {
        unsigned lines_before = log_line_count();
        unsigned failed_before = checks_failed();
        fflush(stdout);
        pid_t pid = fork();
        if (pid < 0) fatal("fork");
        if (pid == 0) {
            malformed_call(d, (enum malformed_case)c);
            fflush(stdout);
            _exit(checks_failed() != failed_before ? 3 : 0);
        }
        int st;
        waitpid(pid, &st, 0);
        if (WIFSIGNALED(st))
            check(0, "%s %s: crashed with signal %d", d->role, malformed_name[c], WTERMSIG(st));
        else
            check(WEXITSTATUS(st) == 0, "%s %s: a check inside the call failed (see above)", d->role,
                  malformed_name[c]);
        struct log_lines l;
        log_read(g_log, &l);
        check(!l.torn, "%s %s: log torn", d->role, malformed_name[c]);
        const char *outcome = "nothing logged";
        for (unsigned j = lines_before; j < l.count; j++) {
            check(!strncmp(l.line[j], "malformed\t", 10),
                  "%s %s: logged a line that is not a `malformed` line: \"%.300s\"", d->role,
                  malformed_name[c], l.line[j]);
            outcome = l.line[j];
        }
        check(l.count <= lines_before + 1, "%s %s: logged %u lines", d->role, malformed_name[c],
              l.count - lines_before);
        char shown[512];
        size_t k = 0;
        for (const char *p = outcome; *p && *p != '\r' && k + 3 < sizeof shown; p++)
            if (*p == '\t') shown[k++] = '\\', shown[k++] = 't';
            else shown[k++] = *p;
        shown[k] = 0;
        printf("  %s %s: %s\n", d->role, malformed_name[c], shown);
        log_free(&l);
    }
    check_no_other_files();
}

static void scenario_detach(struct admin_dll *d) {
    uint32_t args[3] = {u(d->img.base), DLL_PROCESS_DETACH, 0};
    abi_call(d, "entry(DLL_PROCESS_DETACH)", d->entry, 3, args);
    struct k32_counts c = k32_counts();
    check_u32(c.open_handles, 0, "%s: handles left open at detach", d->role);
}

/* Every scenario for one DLL, loaded alone (as RAS loads one admin DLL). */
static void run_dll(const char *role, const char *path, int relocate) {
    struct admin_dll d = {0};
    char name[64];
#define SCENARIO(label, call)                                                                      \
    do {                                                                                           \
        snprintf(name, sizeof name, "%s/%s", role, label);                                         \
        begin(name);                                                                               \
        call;                                                                                      \
        scenario_end();                                                                            \
    } while (0)
    snprintf(name, sizeof name, "%s/load", role);
    begin(name);
    load(&d, role, path, relocate);
    g_loaded[0] = &d.img;
    scenario_end();
    if (!check(usable(&d), "%s: lacks an export or an entry point: its scenarios are not run", role)) {
        g_loaded[0] = NULL;
        pe_unload(&d.img);
        return;
    }
    int acct = !strcmp(role, "accounting");
    SCENARIO("attach", scenario_attach(&d));
    SCENARIO("abi", scenario_abi(&d));
    SCENARIO("accept", scenario_accept(&d));
    SCENARIO("get-ip-release", scenario_get_ip_release(&d));
    SCENARIO("multilink-hangup", scenario_multilink(&d));
    if (acct) SCENARIO("hangup-without-maxconnectbps", scenario_no_bps(&d));
    if (acct) SCENARIO("non-ascii-names", scenario_non_ascii(&d));
    SCENARIO(acct ? "concurrent-64-hangups" : "concurrent-64-accepts", scenario_concurrent(&d));
    SCENARIO("malformed", scenario_malformed(&d));
    SCENARIO("detach", scenario_detach(&d));
    g_loaded[0] = NULL;
    pe_unload(&d.img);
    log_reset();
}

void run_pass(const char *acct_path, const char *min_path, const char *tmpdir, int relocate,
              const char *pass) {
    g_tmpdir = tmpdir;
    g_pass = pass;
    snprintf(g_log, sizeof g_log, "%s/rasacct.log", tmpdir);
    run_dll("accounting", acct_path, relocate);
    run_dll("minimal", min_path, relocate);
}
