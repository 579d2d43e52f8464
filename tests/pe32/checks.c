#include "checks.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static unsigned g_passed, g_failed;
static unsigned s_passed, s_failed;
static const char *g_scenario = "setup";

static int record(int ok, const char *fmt, va_list ap) {
    if (ok) {
        __atomic_add_fetch(&g_passed, 1, __ATOMIC_RELAXED);
        __atomic_add_fetch(&s_passed, 1, __ATOMIC_RELAXED);
        return 1;
    }
    __atomic_add_fetch(&g_failed, 1, __ATOMIC_RELAXED);
    __atomic_add_fetch(&s_failed, 1, __ATOMIC_RELAXED);
    char msg[1024], shown[2100];
    vsnprintf(msg, sizeof msg, fmt, ap);
    /* Control characters of logged lines shown as escapes: one FAIL, one line. */
    size_t k = 0;
    for (const char *p = msg; *p && k + 3 < sizeof shown; p++) {
        char e = *p == '\r' ? 'r' : *p == '\n' ? 'n' : *p == '\t' ? 't' : 0;
        if (e) {
            shown[k++] = '\\';
            shown[k++] = e;
        } else {
            shown[k++] = *p;
        }
    }
    shown[k] = 0;
    /* One fprintf per failure so lines from threads do not mix. */
    fprintf(stdout, "FAIL [%s] %s\n", g_scenario, shown);
    fflush(stdout);
    return 0;
}

int check(int ok, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int r = record(ok, fmt, ap);
    va_end(ap);
    return r;
}

int check_u32(uint32_t got, uint32_t want, const char *fmt, ...) {
    if (got == want) return check(1, "-");
    char what[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return check(0, "%s: got %u (0x%x), expected %u (0x%x)", what, got, got, want, want);
}

void scenario_begin(const char *name) {
    g_scenario = name;
    s_passed = s_failed = 0;
}

const char *scenario_current(void) { return g_scenario; }

void scenario_end(void) {
    printf("scenario %-52s %5u passed, %u failed\n", g_scenario, s_passed, s_failed);
    fflush(stdout);
    g_scenario = "between scenarios";
}

unsigned checks_failed(void) { return __atomic_load_n(&g_failed, __ATOMIC_RELAXED); }

int checks_summary(void) {
    printf("pe32-run: %u passed, %u failed\n", g_passed, g_failed);
    fflush(stdout);
    return g_failed || !g_passed ? 1 : 0;
}

_Noreturn void fatal(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    record(0, fmt, ap);
    va_end(ap);
    checks_summary();
    exit(1);
}
