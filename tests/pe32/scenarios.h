/* The scenarios run against the two admin DLLs. */
#ifndef PE32_SCENARIOS_H
#define PE32_SCENARIOS_H

#include "pe_image.h"

/* One loaded admin DLL and its exports. */
struct admin_dll {
    const char *role; /* "accounting" or "minimal" */
    struct pe_image img;
    void *entry, *accept, *hangup, *get_ip, *release;
};

/* Loads each DLL in turn (relocated when `relocate`), runs its scenarios,
 * unloads it. Log files go to `tmpdir`. `pass` prefixes the scenario names. */
void run_pass(const char *accounting, const char *minimal, const char *tmpdir, int relocate,
              const char *pass);

/* Images currently loaded, for the crash handler. */
extern const struct pe_image *g_loaded[2];

#endif
