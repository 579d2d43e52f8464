/*
 * The RasAdmin* half of the C fixture (see fixture.c): NT 4.0's callbacks
 * mapped onto the contract's common face, api=nt4. An accept records accept
 * (scope=connection) and, if that accepted, accept_link (scope=link); a
 * hang-up records connection_ended then link_ended.
 */
#include <windows.h>
#include <rassapi.h>

#include <stdio.h>
#include <string.h>

#include "fixture.h"

static const char *const keys[10] = {
    "bytes_sent",     "bytes_received",   "frames_sent",     "frames_received",
    "crc_errors",     "timeout_errors",   "alignment_errors", "hardware_overrun_errors",
    "framing_errors", "buffer_overrun_errors",
};

static void nt4_event(const char *kind, const char *via, int link, const RAS_PORT_1 *p,
                      const RAS_PORT_STATISTICS *st, int accepted)
{
    const DWORD *c = (const DWORD *)st + (link && FIXTURE_BREAK != 7 ? 14 : 0);
    struct event e = {.len = 0};
    char s[1024];
    int i;
    add(&e, "kind", "%s", kind);
    add(&e, "via", "%s", via);
    add(&e, "api", "nt4");
    add(&e, "scope", "%s", link ? "link" : "connection");
    add(&e, "user", "%s", utf8(p->rasport0.wszUserName, UNLEN + 1, s, sizeof s));
    add(&e, "domain", "%s", utf8(p->rasport0.wszLogonDomain, DNLEN + 1, s, sizeof s));
    add(&e, "name", "%s", utf8(p->rasport0.wszPortName, RASSAPI_MAX_PORT_NAME, s, sizeof s));
    add(&e, "start", "%lu", (unsigned long)p->rasport0.dwStartSessionTime);
    add(&e, "duration", "-");
    for (i = 0; i < 10; i++)
        add(&e, keys[i], "%lu", (unsigned long)c[i]);
    utf8(p->ProjResult.ip.wszAddress, RAS_IPADDRESSLEN + 1, s, sizeof s);
    add(&e, "ipv4", "%s", *s ? s : "none");
    add(&e, "multilink", "%d", (p->rasport0.Flags & PORT_MULTILINKED) ? 1 : 0);
    if (accepted >= 0)
        add(&e, "accepted", "%d", accepted);
    commit(&e);
}

static int port_ok(const char *via, const RAS_PORT_1 *p, const RAS_PORT_STATISTICS *st,
                   const RAS_PARAMETERS *params)
{
    int ok = ok_ptr(p, __alignof__(RAS_PORT_1)) && ok_ptr(st, __alignof__(RAS_PORT_STATISTICS)) &&
             (ok_ptr(params, __alignof__(RAS_PARAMETERS)) || p->NumMediaParms == 0);
    if (!ok)
        error_event(via, "malformed", "a RAS_PORT_1, statistics or parameters pointer is bad");
    return ok;
}

EXPORT WINBOOL WINAPI RasAdminAcceptNewConnection(RAS_PORT_1 *p, RAS_PORT_STATISTICS *st,
                                                  RAS_PARAMETERS *params)
{
    const char *via = "RasAdminAcceptNewConnection";
    int accepted;
    if (!port_ok(via, p, st, params))
        return FALSE;
    if (is_ci(p->rasport0.wszUserName, UNLEN + 1, "panic")) {
        panic_now(via);
        return FALSE;
    }
    accepted = !is_ci(p->rasport0.wszUserName, UNLEN + 1, "mallory");
    nt4_event("accept", via, 0, p, st, accepted);
    if (!accepted)
        return FALSE;
    accepted = !is_ci(p->rasport0.wszPortName, RASSAPI_MAX_PORT_NAME, "COM9");
    nt4_event("accept_link", via, 1, p, st, accepted);
    return accepted ? TRUE : FALSE;
}

EXPORT VOID WINAPI RasAdminConnectionHangupNotification(RAS_PORT_1 *p, RAS_PORT_STATISTICS *st,
                                                        RAS_PARAMETERS *params)
{
    const char *via = "RasAdminConnectionHangupNotification";
    if (!port_ok(via, p, st, params))
        return;
    if (is_ci(p->rasport0.wszUserName, UNLEN + 1, "panic")) {
        panic_now(via);
        return;
    }
    InterlockedIncrement(&hangups);
    nt4_event("connection_ended", via, 0, p, st, -1);
    InterlockedIncrement(&link_hangups);
    nt4_event("link_ended", via, 1, p, st, -1);
}

/* The IP pair: present, neutral (the MprAdmin pair is the one tested). */
EXPORT DWORD WINAPI RasAdminGetIpAddressForUser(WCHAR *user, WCHAR *port, IPADDR *address,
                                                WINBOOL *notify)
{
    (void)user, (void)port, (void)address;
    if (notify)
        *notify = FALSE;
    return NO_ERROR;
}

EXPORT VOID WINAPI RasAdminReleaseIpAddress(WCHAR *user, WCHAR *port, IPADDR *address)
{
    (void)user, (void)port, (void)address;
}
