/*
 * pe32-harness: runs NT 4.0 RAS admin DLLs (PE32 i386) inside a 32-bit
 * Linux process and checks what they do.
 *
 *   pe32-harness --print-layout            C11 layout assertions on stdout
 *   pe32-harness --tmpdir DIR ACCOUNTING.dll MINIMAL.dll
 *
 * The run loads both DLLs at their ImageBase (pass "base"), runs every
 * scenario, then loads them again away from it so base relocations are
 * exercised (pass "relocated"), and runs every scenario again. The last
 * line is "pe32-run: N passed, M failed"; the exit status is 0 only if
 * M is 0.
 */
#define _GNU_SOURCE
#include "checks.h"
#include "kernel32_stubs.h"
#include "layout_proof.h"
#include "scenarios.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <ucontext.h>
#include <unistd.h>

/* Says where a fault happened (image and RVA) before dying. */
static void on_fault(int sig, siginfo_t *si, void *ctx) {
    ucontext_t *uc = ctx;
    uint32_t eip = (uint32_t)uc->uc_mcontext.gregs[REG_EIP];
    char msg[512];
    int n = snprintf(msg, sizeof msg, "pe32: FATAL in scenario %s: signal %d, fault address %p, EIP 0x%08x",
                     scenario_current(), sig, si->si_addr, eip);
    for (int i = 0; i < 2; i++) {
        const struct pe_image *img = g_loaded[i];
        if (img && pe_rva_of(img, (void *)(uintptr_t)eip) != (uint32_t)-1)
            n += snprintf(msg + n, sizeof msg - (size_t)n, " = %s+0x%x (ImageBase-relative 0x%08x)",
                          img->path, pe_rva_of(img, (void *)(uintptr_t)eip),
                          img->preferred_base + pe_rva_of(img, (void *)(uintptr_t)eip));
    }
    msg[n++] = '\n';
    if (write(2, msg, (size_t)n) < 0) {}
    signal(sig, SIG_DFL);
    raise(sig);
}

static void on_alarm(int sig) {
    (void)sig;
    static const char m[] = "pe32: FATAL timeout: a call did not return within 300 s (deadlock?)\n";
    if (write(2, m, sizeof m - 1) < 0) {}
    _exit(1);
}

static void install_handlers(void) {
    static char altstack[64 * 1024];
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack};
    sigaltstack(&ss, NULL);
    struct sigaction sa = {0};
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
    signal(SIGALRM, on_alarm);
    alarm(300);
}

static _Noreturn void usage(void) {
    fprintf(stderr, "usage: pe32-harness --print-layout\n"
                    "       pe32-harness --tmpdir DIR ACCOUNTING.dll MINIMAL.dll\n");
    exit(2);
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc == 2 && !strcmp(argv[1], "--print-layout")) {
        print_layout(stdout);
        return 0;
    }
    if (argc != 5 || strcmp(argv[1], "--tmpdir")) usage();
    const char *tmpdir = argv[2];
    struct stat st;
    if (stat(tmpdir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "pe32-harness: %s is not a directory\n", tmpdir);
        return 2;
    }
    install_handlers();
    k32_init(tmpdir);
    run_pass(argv[3], argv[4], tmpdir, 0, "base");
    run_pass(argv[3], argv[4], tmpdir, 1, "relocated");
    return checks_summary();
}
