/*
 * What fixture.c (the MprAdmin* side and the record) shares with
 * fixture_nt4.c (the RasAdmin* side): <mprapi.h> and <rassapi.h> cannot
 * meet in one file, so the fixture is two translation units.
 */
#ifndef RRAS_FIXTURE_H
#define RRAS_FIXTURE_H

#include <windows.h>

#ifndef FIXTURE_BREAK
#define FIXTURE_BREAK 0
#endif

#define EXPORT __declspec(dllexport)

struct event {
    char text[8192]; /* "key=value\n" lines */
    size_t len;
};

void add(struct event *e, const char *key, const char *fmt, ...);
/* Appends the event's lines as "e<N>.key=value" in one block. */
void commit(const struct event *e);
void error_event(const char *callback, const char *variant, const char *message);
/* Records the contained "panic" (or, in break 4, dies). */
void panic_now(const char *callback);
/* UTF-16 (at most cap units, terminated or not) to UTF-8 in out. */
const char *utf8(const WCHAR *w, size_t cap, char *out, size_t outcap);
int is_ci(const WCHAR *w, size_t cap, const char *ascii);
int ok_ptr(const void *p, size_t align);

extern volatile LONG hangups, link_hangups, errors;

#endif
