#include "expect.h"

#include "checks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void utf16_to_utf8(const WCHAR *s, char *out, size_t cap) {
    size_t o = 0;
    for (size_t i = 0; s[i]; i++) {
        uint32_t c = s[i];
        if (c >= 0xD800 && c <= 0xDBFF && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF) {
            c = 0x10000 + ((c - 0xD800) << 10) + (s[i + 1] - 0xDC00);
            i++;
        } else if (c >= 0xD800 && c <= 0xDFFF) {
            c = 0xFFFD;
        }
        if (o + 5 > cap) fatal("harness bug: utf16_to_utf8 buffer too small");
        if (c < 0x80) {
            out[o++] = (char)c;
        } else if (c < 0x800) {
            out[o++] = (char)(0xC0 | c >> 6);
            out[o++] = (char)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out[o++] = (char)(0xE0 | c >> 12);
            out[o++] = (char)(0x80 | (c >> 6 & 0x3F));
            out[o++] = (char)(0x80 | (c & 0x3F));
        } else {
            out[o++] = (char)(0xF0 | c >> 18);
            out[o++] = (char)(0x80 | (c >> 12 & 0x3F));
            out[o++] = (char)(0x80 | (c >> 6 & 0x3F));
            out[o++] = (char)(0x80 | (c & 0x3F));
        }
    }
    out[o] = 0;
}

void expected_line(const struct port_spec *sp, char *out, size_t cap) {
    char user[1024], domain[64], computer[64], port[64], device[512], bps[64];
    utf16_to_utf8(sp->user, user, sizeof user);
    utf16_to_utf8(sp->domain, domain, sizeof domain);
    utf16_to_utf8(sp->computer, computer, sizeof computer);
    utf16_to_utf8(sp->port, port, sizeof port);
    utf16_to_utf8(sp->device, device, sizeof device);
    if (sp->bps == BPS_NUMBER) snprintf(bps, sizeof bps, "%u", sp->bps_number);
    else if (sp->bps == BPS_STRING) snprintf(bps, sizeof bps, "%s", sp->bps_string);
    else snprintf(bps, sizeof bps, "-");
    int n = snprintf(out, cap,
                     "hangup\tuser=%s\tdomain=%s\tcomputer=%s\tport=%s\tdevice=%s\tstart=%u\tspeed=%u"
                     "\tflags=%u\tmultilink=%d\tbytes_sent=%u\tbytes_received=%u\tframes_sent=%u"
                     "\tframes_received=%u\tport_bytes_sent=%u\tport_bytes_received=%u"
                     "\tconnectbps=%s\r\n",
                     user, domain, computer, port, device, sp->start, sp->speed, sp->flags,
                     (sp->flags & PORT_MULTILINKED) ? 1 : 0, sp->bundle[0], sp->bundle[1],
                     sp->bundle[2], sp->bundle[3], sp->link[0], sp->link[1], bps);
    if (n < 0 || (size_t)n >= cap) fatal("harness bug: expected line too long");
}

/* Splits a line (CRLF stripped) at TABs into at most `max` fields; returns
 * the number of fields (which may exceed max). */
static unsigned split(char *s, char **f, unsigned max) {
    unsigned n = 1;
    f[0] = s;
    for (char *p = s; *p; p++)
        if (*p == '\t') {
            *p = 0;
            if (n < max) f[n] = p + 1;
            n++;
        }
    return n;
}

int check_line(const char *got, const char *want, const char *ctx) {
    char g[4096], w[4096], *gf[40], *wf[40];
    size_t gl = strlen(got), wl = strlen(want);
    int ok = check(gl >= 2 && got[gl - 2] == '\r' && got[gl - 1] == '\n' &&
                       strcspn(got, "\r\n") == gl - 2,
                   "%s: line does not end with exactly one CRLF: \"%.200s\"", ctx, got);
    if (gl >= sizeof g || wl >= sizeof w) return check(0, "%s: line too long (%zu bytes)", ctx, gl);
    memcpy(g, got, gl + 1);
    memcpy(w, want, wl + 1);
    g[strcspn(g, "\r\n")] = 0;
    w[strcspn(w, "\r\n")] = 0;
    unsigned gn = split(g, gf, 40), wn = split(w, wf, 40);
    ok &= check_u32(gn, wn, "%s: number of TAB-separated fields", ctx);
    for (unsigned i = 0; i < wn; i++) {
        const char *eq = strchr(wf[i], '=');
        size_t klen = eq ? (size_t)(eq - wf[i]) : strlen(wf[i]);
        if (i >= gn || i >= 40) {
            ok &= check(0, "%s: field %u (%.*s) missing", ctx, i, (int)klen, wf[i]);
            continue;
        }
        ok &= check(strcmp(gf[i], wf[i]) == 0, "%s: field %u: got \"%s\", expected \"%s\"", ctx, i,
                    gf[i], wf[i]);
    }
    return ok;
}

void log_read(const char *path, struct log_lines *l) {
    memset(l, 0, sizeof *l);
    FILE *f = fopen(path, "rb");
    if (!f) return;
    size_t cap = 1 << 16;
    l->text = malloc(cap + 1);
    size_t n;
    while ((n = fread(l->text + l->len, 1, cap - l->len, f)) > 0) {
        l->len += n;
        if (l->len == cap) l->text = realloc(l->text, (cap *= 2) + 1);
    }
    fclose(f);
    l->text[l->len] = 0;
    if (memchr(l->text, 0, l->len)) l->torn = 1;
    l->line = calloc(l->len / 2 + 2, sizeof *l->line);
    /* Copy each CRLF-terminated line out; anything else marks the log torn. */
    size_t start = 0;
    for (size_t i = 0; i < l->len; i++) {
        if (l->text[i] == '\r' && i + 1 < l->len && l->text[i + 1] == '\n') {
            size_t len = i + 2 - start;
            char *s = malloc(len + 1);
            memcpy(s, l->text + start, len);
            s[len] = 0;
            l->line[l->count++] = s;
            start = ++i + 1;
        } else if (l->text[i] == '\r' || l->text[i] == '\n') {
            l->torn = 1;
        }
    }
    if (start != l->len) l->torn = 1;
}

void log_free(struct log_lines *l) {
    for (unsigned i = 0; i < l->count; i++) free(l->line[i]);
    free(l->line);
    free(l->text);
    memset(l, 0, sizeof *l);
}
