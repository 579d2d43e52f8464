#define _GNU_SOURCE
#include "ras_input.h"

#include "checks.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define PAGE 4096u

size_t wlen(const WCHAR *s) {
    size_t n = 0;
    while (s[n]) n++;
    return n;
}

/* `len` bytes ending exactly at a PROT_NONE page (start 4-byte aligned:
 * the tail up to the guard is filled with '#'). */
static void *guarded(size_t len, struct ras_input *in, int idx) {
    size_t padded = (len + 3) & ~(size_t)3;
    size_t pages = (padded + PAGE - 1) / PAGE + 1;
    uint8_t *m = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) fatal("mmap for RAS arguments failed");
    if (mprotect(m + (pages - 1) * PAGE, PAGE, PROT_NONE) != 0) fatal("mprotect guard page failed");
    in->maps[idx] = m;
    in->map_len[idx] = pages * PAGE;
    uint8_t *p = m + (pages - 1) * PAGE - padded;
    memset(m, 0xA5, (pages - 1) * PAGE);
    memset(p + len, '#', padded - len);
    return p;
}

/* Copies a NUL-terminated name into a WCHAR array and fills the rest with
 * 'X', so a reader that does not stop at the terminator shows it. */
static void put_name(WCHAR *dst, size_t cap, const WCHAR *src, const char *what) {
    size_t n = src ? wlen(src) : 0;
    if (n >= cap) fatal("harness bug: %s is %zu units, its array holds %zu", what, n, cap - 1);
    for (size_t i = 0; i < cap; i++) dst[i] = i < n ? src[i] : i == n ? 0 : 'X';
}

static void put_ascii_w(WCHAR *dst, size_t cap, const char *s) {
    size_t i = 0;
    for (; s[i] && i + 1 < cap; i++) dst[i] = (unsigned char)s[i];
    dst[i] = 0;
}

void ras_input_build(const struct port_spec *sp, struct ras_input *in) {
    memset(in, 0, sizeof *in);
    RAS_PORT_1 *p = guarded(sizeof *p, in, 0);
    memset(p, 0, sizeof *p);
    RAS_PORT_0 *p0 = &p->rasport0;
    put_name(p0->wszPortName, RASSAPI_MAX_PORT_NAME, sp->port, "port");
    put_ascii_w(p0->wszDeviceType, RASSAPI_MAX_DEVICETYPE_NAME, "modem");
    put_name(p0->wszDeviceName, RASSAPI_MAX_DEVICE_NAME, sp->device, "device");
    put_ascii_w(p0->wszMediaName, RASSAPI_MAX_MEDIA_NAME, "rasser");
    p0->reserved = 0;
    p0->Flags = sp->flags;
    put_name(p0->wszUserName, UNLEN + 1, sp->user, "user");
    put_name(p0->wszComputer, NETBIOS_NAME_LEN, sp->computer, "computer");
    p0->dwStartSessionTime = sp->start;
    put_name(p0->wszLogonDomain, DNLEN + 1, sp->domain, "domain");
    p0->fAdvancedServer = TRUE;
    p->LineCondition = RAS_PORT_AUTHENTICATED;
    p->HardwareCondition = RAS_MODEM_OPERATIONAL;
    p->LineSpeed = sp->speed;
    p->NumStatistics = 28;
    put_ascii_w(p->ProjResult.ip.wszAddress, RAS_IPADDRESSLEN + 1, "10.0.0.7");
    p->ProjResult.nbf.dwError = 0;

    RAS_PORT_STATISTICS *st = guarded(sizeof *st, in, 1);
    DWORD *words = (DWORD *)st;
    _Static_assert(sizeof(RAS_PORT_STATISTICS) == 28 * sizeof(DWORD), "28 counters");
    for (int i = 0; i < 14; i++) {
        words[i] = sp->bundle[i];
        words[14 + i] = sp->link[i];
    }

    /* A decoy CONNECTBPS (a different value) comes first, so matching a
     * key by prefix or taking the first parameter shows; string data is
     * stored back to back with no terminators. */
    char carrier[] = "115200", bps_str[64] = "";
    struct { const char *key; int is_string; DWORD number; const char *str; } list[4];
    int n = 0;
    list[n++] = (typeof(list[0])){"CONNECTBPS", 0, sp->speed + 1, NULL};
    list[n++] = (typeof(list[0])){"MAXCARRIERBPS", 1, 0, carrier};
    if (sp->bps == BPS_NUMBER) list[n++] = (typeof(list[0])){"MAXCONNECTBPS", 0, sp->bps_number, NULL};
    if (sp->bps == BPS_STRING) {
        strncpy(bps_str, sp->bps_string, sizeof bps_str - 1);
        list[n++] = (typeof(list[0])){"MAXCONNECTBPS", 1, 0, bps_str};
    }
    list[n++] = (typeof(list[0])){"DEVICENAME", 1, 0, "V.90"};
    size_t size = (size_t)n * sizeof(RAS_PARAMETERS);
    for (int i = 0; i < n; i++)
        if (list[i].is_string) size += strlen(list[i].str);
    uint8_t *buf = guarded(size, in, 2);
    RAS_PARAMETERS *pa = (RAS_PARAMETERS *)buf;
    char *data = (char *)(pa + n);
    for (int i = 0; i < n; i++) {
        memset(&pa[i], 0, sizeof pa[i]);
        strncpy(pa[i].P_Key, list[i].key, RASSAPI_MAX_PARAM_KEY_SIZE - 1);
        pa[i].P_Attributes = 0;
        if (list[i].is_string) {
            size_t l = strlen(list[i].str);
            pa[i].P_Type = ParamString;
            pa[i].P_Value.String.Length = (DWORD)l;
            pa[i].P_Value.String.Data = data;
            memcpy(data, list[i].str, l);
            data += l;
        } else {
            pa[i].P_Type = ParamNumber;
            pa[i].P_Value.Number = list[i].number;
        }
    }
    p->NumMediaParms = (WORD)n;
    p->SizeMediaParms = (DWORD)size;
    in->port1 = p;
    in->stats = st;
    in->params = pa;
    in->num_params = (WORD)n;
    in->params_size = (DWORD)size;
}

void ras_input_seal(struct ras_input *in) {
    for (int i = 0; i < 3; i++)
        if (in->maps[i] && mprotect(in->maps[i], in->map_len[i] - PAGE, PROT_READ) != 0)
            fatal("mprotect of RAS arguments failed");
}

void ras_input_free(struct ras_input *in) {
    for (int i = 0; i < 3; i++)
        if (in->maps[i]) munmap(in->maps[i], in->map_len[i]);
    memset(in, 0, sizeof *in);
}
