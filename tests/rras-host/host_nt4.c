/*
 * The NT 4.0 half of the RRAS host: the same DLL's RasAdmin* exports,
 * called with structures laid out by mingw-w64's own <rassapi.h>, must feed
 * the same handlers and give the same common-face records (api=nt4) as the
 * MprAdmin* ones (contract: /work/coord/rras-contract.md, "Semantics").
 * The full NT 4.0 protocol is tests/host/host.c's job (scripts/wine-e2e);
 * this file checks the mapping of one API onto the common face.
 */
#include <windows.h>
#include <rassapi.h>

#include <stdio.h>
#include <string.h>

#include "host.h"

typedef WINBOOL(WINAPI *accept_fn)(RAS_PORT_1 *, RAS_PORT_STATISTICS *, RAS_PARAMETERS *);
typedef VOID(WINAPI *hangup_fn)(RAS_PORT_1 *, RAS_PORT_STATISTICS *, RAS_PARAMETERS *);
_Static_assert(__builtin_types_compatible_p(accept_fn, __typeof__(&RasAdminAcceptNewConnection)),
               "accept type");
_Static_assert(__builtin_types_compatible_p(hangup_fn,
                                            __typeof__(&RasAdminConnectionHangupNotification)),
               "hangup type");

static accept_fn p_accept;
static hangup_fn p_hangup;

static const char *const counter_keys[10] = {
    "bytes_sent",     "bytes_received",   "frames_sent",     "frames_received",
    "crc_errors",     "timeout_errors",   "alignment_errors", "hardware_overrun_errors",
    "framing_errors", "buffer_overrun_errors",
};

struct port {
    RAS_PORT_1 port;
    RAS_PORT_STATISTICS stats;
    RAS_PARAMETERS params[1];
};

static void init_port(struct port *p, const wchar_t *user, const wchar_t *name, DWORD flags,
                      DWORD start, DWORD bundle, DWORD own)
{
    DWORD *counters = (DWORD *)&p->stats;
    int i;
    memset(p, 0, sizeof *p);
    lstrcpynW(p->port.rasport0.wszPortName, name, RASSAPI_MAX_PORT_NAME);
    lstrcpynW(p->port.rasport0.wszDeviceType, L"modem", RASSAPI_MAX_DEVICETYPE_NAME);
    lstrcpynW(p->port.rasport0.wszDeviceName, L"Hayes Optima 336", RASSAPI_MAX_DEVICE_NAME);
    lstrcpynW(p->port.rasport0.wszMediaName, L"rasser", RASSAPI_MAX_MEDIA_NAME);
    p->port.rasport0.Flags = flags;
    lstrcpynW(p->port.rasport0.wszUserName, user, UNLEN + 1);
    lstrcpynW(p->port.rasport0.wszComputer, L"ALICE-PC", NETBIOS_NAME_LEN);
    p->port.rasport0.dwStartSessionTime = start;
    lstrcpynW(p->port.rasport0.wszLogonDomain, L"CORP", DNLEN + 1);
    p->port.rasport0.fAdvancedServer = TRUE;
    p->port.LineCondition = RAS_PORT_AUTHENTICATED;
    p->port.HardwareCondition = RAS_MODEM_OPERATIONAL;
    p->port.LineSpeed = 33600;
    p->port.NumStatistics = 28;
    p->port.NumMediaParms = 1;
    p->port.SizeMediaParms = sizeof p->params;
    lstrcpynW(p->port.ProjResult.ip.wszAddress, L"192.168.7.21", RAS_IPADDRESSLEN + 1);
    for (i = 0; i < 14; i++) {
        counters[i] = bundle + (DWORD)i + 1;
        counters[14 + i] = own + (DWORD)i + 1;
    }
    strcpy(p->params[0].P_Key, "MAXCONNECTBPS");
    p->params[0].P_Type = ParamNumber;
    p->params[0].P_Value.Number = 33600;
}

static void narrow(char *out, size_t cap, const WCHAR *w)
{
    int len = WideCharToMultiByte(CP_UTF8, 0, w, -1, out, (int)cap, NULL, NULL);
    if (len <= 0)
        out[0] = 0;
}

/* accepted: 1/0, or -1 for hang-ups. */
static void expect_nt4_event(unsigned ev, const char *kind, const char *via, int link,
                             const struct port *p, int accepted)
{
    const DWORD *counters = (const DWORD *)&p->stats + (link ? 14 : 0);
    char s[512];
    int i;
    expect(ev, "kind", "%s", kind);
    expect(ev, "via", "%s", via);
    expect(ev, "api", "nt4");
    expect(ev, "scope", "%s", link ? "link" : "connection");
    narrow(s, sizeof s, p->port.rasport0.wszUserName);
    expect(ev, "user", "%s", s);
    narrow(s, sizeof s, p->port.rasport0.wszLogonDomain);
    expect(ev, "domain", "%s", s);
    narrow(s, sizeof s, p->port.rasport0.wszPortName);
    expect(ev, "name", "%s", s);
    expect(ev, "start", "%lu", (unsigned long)p->port.rasport0.dwStartSessionTime);
    expect(ev, "duration", "-");
    for (i = 0; i < 10; i++)
        expect(ev, counter_keys[i], "%lu", (unsigned long)counters[i]);
    narrow(s, sizeof s, p->port.ProjResult.ip.wszAddress);
    expect(ev, "ipv4", "%s", *s ? s : "none");
    expect(ev, "multilink", "%d", (p->port.rasport0.Flags & PORT_MULTILINKED) ? 1 : 0);
    if (accepted >= 0)
        expect(ev, "accepted", "%d", accepted);
    else
        expect_absent(ev, "accepted");
    expect_absent(ev, "rras.level");
    expect_absent(ev, "rras.handle");
}

void nt4_side(HMODULE dll)
{
    struct port alice, mallory, com9, bare, panicky;
    DWORD hangups0, links0, errors0;
    unsigned ev;
    WINBOOL ok;

    printf("\n== the same handlers from NT 4.0's RasAdmin* exports (api=nt4) ==\n");
    p_accept = (accept_fn)(void (*)(void))GetProcAddress(dll, "RasAdminAcceptNewConnection");
    p_hangup =
        (hangup_fn)(void (*)(void))GetProcAddress(dll, "RasAdminConnectionHangupNotification");
    if (!p_accept || !p_hangup) {
        check(0, "GetProcAddress(RasAdminAcceptNewConnection / ...HangupNotification)");
        return;
    }
    hangups0 = p_hangup_count();
    links0 = p_link_hangup_count();
    errors0 = p_error_count();

    init_port(&alice, L"alice", L"COM1", USER_AUTHENTICATED | PPP_CLIENT | PORT_MULTILINKED,
              1700000000, 400000, 80000);
    ok = p_accept(&alice.port, &alice.stats, alice.params);
    check(ok == TRUE, "RasAdminAcceptNewConnection(alice on COM1) returned TRUE");
    ev = new_events(2, "NT 4.0 accept(alice): accept, then accept_link");
    expect_nt4_event(ev, "accept", "RasAdminAcceptNewConnection", 0, &alice, 1);
    expect_nt4_event(ev + 1, "accept_link", "RasAdminAcceptNewConnection", 1, &alice, 1);

    alice.stats.dwBytesXmited += 999;
    alice.stats.dwPortBytesRcved += 555;
    p_hangup(&alice.port, &alice.stats, alice.params);
    ev = new_events(2, "NT 4.0 hang-up(alice): connection_ended, then link_ended");
    expect_nt4_event(ev, "connection_ended", "RasAdminConnectionHangupNotification", 0, &alice, -1);
    expect_nt4_event(ev + 1, "link_ended", "RasAdminConnectionHangupNotification", 1, &alice, -1);
    check(p_hangup_count() == hangups0 + 1 && p_link_hangup_count() == links0 + 1,
          "an NT 4.0 hang-up ran the connection-ended and the link-ended handler once each");

    init_port(&mallory, L"Mallory", L"COM2", USER_AUTHENTICATED | PPP_CLIENT, 1700000100, 1, 2);
    ok = p_accept(&mallory.port, &mallory.stats, mallory.params);
    check(ok == FALSE, "RasAdminAcceptNewConnection(Mallory) returned FALSE");
    ev = new_events(1, "NT 4.0 accept(Mallory): refused, no accept_link");
    expect_nt4_event(ev, "accept", "RasAdminAcceptNewConnection", 0, &mallory, 0);

    init_port(&com9, L"bob", L"COM9", USER_AUTHENTICATED | PPP_CLIENT, 1700000200, 3, 4);
    lstrcpynW(com9.port.ProjResult.ip.wszAddress, L"", RAS_IPADDRESSLEN + 1);
    ok = p_accept(&com9.port, &com9.stats, com9.params);
    check(ok == FALSE, "RasAdminAcceptNewConnection(bob on COM9) returned FALSE (link refused)");
    ev = new_events(2, "NT 4.0 accept(bob on COM9)");
    expect_nt4_event(ev, "accept", "RasAdminAcceptNewConnection", 0, &com9, 1);
    expect_nt4_event(ev + 1, "accept_link", "RasAdminAcceptNewConnection", 1, &com9, 0);

    init_port(&panicky, L"panic", L"COM3", USER_AUTHENTICATED, 1700000300, 5, 6);
    ok = p_accept(&panicky.port, &panicky.stats, panicky.params);
    check(ok == FALSE, "RasAdminAcceptNewConnection(panic) returned FALSE, host alive");
    ev = new_events(1, "NT 4.0 accept(panic)");
    expect_error(ev, "RasAdminAcceptNewConnection", "panicked");
    p_hangup(&panicky.port, &panicky.stats, panicky.params);
    ev = new_events(1, "NT 4.0 hang-up(panic)");
    expect_error(ev, "RasAdminConnectionHangupNotification", "panicked");

    ok = p_accept(NULL, NULL, NULL);
    check(ok == FALSE, "RasAdminAcceptNewConnection(NULL, NULL, NULL) returned FALSE");
    ev = new_events(1, "NT 4.0 accept(NULL...)");
    expect_error(ev, "RasAdminAcceptNewConnection", "malformed");
    bare = alice;
    p_hangup(&bare.port, NULL, bare.params);
    ev = new_events(1, "NT 4.0 hang-up(statistics NULL)");
    expect_error(ev, "RasAdminConnectionHangupNotification", "malformed");
    check(p_error_count() == errors0 + 4, "error hook called 4 times on the NT 4.0 side");
    check(p_hangup_count() == hangups0 + 1 && p_link_hangup_count() == links0 + 1,
          "no hang-up handler ran for the panicking or malformed NT 4.0 hang-ups");
}
