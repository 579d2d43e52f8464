/* Pass/fail bookkeeping shared by every scenario; safe from any thread. */
#ifndef PE32_CHECKS_H
#define PE32_CHECKS_H

#include <stdint.h>

/* Counts one check; prints "FAIL [scenario] message" when `ok` is false. Returns ok. */
int check(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* check() for two integers, printing both. */
int check_u32(uint32_t got, uint32_t want, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Names the scenario that following checks belong to, and prints its tally when it ends. */
void scenario_begin(const char *name);
void scenario_end(void);
/* Name of the scenario running now. */
const char *scenario_current(void);

/* Failed checks so far. */
unsigned checks_failed(void);

/* Prints "pe32-run: N passed, M failed"; returns the process exit status. */
int checks_summary(void);

/* Counts a failure, prints the summary and exits 1: for problems after which
 * nothing meaningful can be checked. */
_Noreturn void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
