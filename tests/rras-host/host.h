/*
 * What host.c shares with host_nt4.c: the checks and the read-back of the
 * DLL's record. host_nt4.c includes <rassapi.h>, host.c <mprapi.h>; the two
 * headers cannot meet in one file (both define RAS_PORT_0/RAS_PORT_1,
 * differently), hence two translation units and this neutral header.
 */
#ifndef RRAS_HOST_H
#define RRAS_HOST_H

#include <windows.h>

void check(int ok, const char *fmt, ...);
/* Refreshes the record; checks exactly n new events arrived; returns the first. */
unsigned new_events(unsigned n, const char *what);
/* e<ev>.<key>, or NULL; valid until the next call. */
const char *field(unsigned ev, const char *key);
void expect(unsigned ev, const char *key, const char *fmt, ...);
void expect_absent(unsigned ev, const char *key);
void expect_error(unsigned ev, const char *callback, const char *variant);

typedef DWORD(WINAPI *count_fn)(void);
extern count_fn p_hangup_count, p_link_hangup_count, p_error_count;

/* Plays NT 4.0 RAS against the same DLL's RasAdmin* exports. */
void nt4_side(HMODULE dll);

#endif
