/* The log line the contract says a hang-up produces, and field-wise comparison. */
#ifndef PE32_EXPECT_H
#define PE32_EXPECT_H

#include "ras_input.h"

/* UTF-16 (NUL-terminated) to UTF-8, a lone surrogate becoming U+FFFD. */
void utf16_to_utf8(const WCHAR *s, char *out, size_t cap);

/* The exact line (CRLF included) the accounting DLL must log for `spec`. */
void expected_line(const struct port_spec *spec, char *out, size_t cap);

/* Compares a logged line with the expected one field by field, one check
 * per field; `ctx` names the call in failure messages. Returns 1 if equal. */
int check_line(const char *got, const char *want, const char *ctx);

/* A whole log file split into lines (each keeps its CRLF). */
struct log_lines {
    char *text;
    size_t len;
    unsigned count;
    char **line;
    int torn; /* the file does not end with CRLF, or holds a lone CR or LF */
};
/* Reads `path` (missing file = no lines). */
void log_read(const char *path, struct log_lines *out);
void log_free(struct log_lines *l);

#endif
