/*
 * RAS callback arguments built the way the NT 4.0 RAS server passes them:
 * a RAS_PORT_1, a RAS_PORT_STATISTICS, and one buffer holding the
 * RAS_PARAMETERS array followed by the string data it points at.
 */
#ifndef PE32_RAS_INPUT_H
#define PE32_RAS_INPUT_H

#include "win32.h"

/* How MAXCONNECTBPS appears among the media parameters. */
enum bps_kind { BPS_ABSENT, BPS_NUMBER, BPS_STRING };

/* What the harness passes for one port; expect.c derives the log line from it. */
struct port_spec {
    const WCHAR *user, *domain, *computer, *port, *device;
    DWORD start, speed, flags;
    DWORD bundle[14]; /* dwBytesXmited .. dwBytesRcvedCompressed */
    DWORD link[14];   /* dwPortBytesXmited .. dwPortBytesRcvedCompressed */
    enum bps_kind bps;
    DWORD bps_number;       /* BPS_NUMBER */
    const char *bps_string; /* BPS_STRING */
};

/* The built arguments. Each ends right before an inaccessible page, so a
 * read past its end faults instead of going unnoticed. */
struct ras_input {
    RAS_PORT_1 *port1;
    RAS_PORT_STATISTICS *stats;
    RAS_PARAMETERS *params;
    WORD num_params;
    DWORD params_size; /* SizeMediaParms */
    void *maps[3];
    size_t map_len[3];
};

void ras_input_build(const struct port_spec *spec, struct ras_input *out);
/* Makes the built arguments read-only: a DLL that writes into what RAS
 * hands it then faults, as the callbacks only read their arguments. */
void ras_input_seal(struct ras_input *in);
void ras_input_free(struct ras_input *in);

/* Bytes of `n` NUL-terminated UTF-16 units (terminator excluded). */
size_t wlen(const WCHAR *s);

#endif
