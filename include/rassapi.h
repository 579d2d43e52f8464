/*
 * rassapi.h - Windows NT 4.0 Remote Access Service (RAS) server
 * administration API.
 *
 * Written for the `rassapi` Rust crate from Microsoft's published
 * documentation of the API; it is not derived from any other copy of this
 * header. Every declaration carries a doc comment, which bindgen turns
 * into the rustdoc of `rassapi::sys`.
 *
 * Include <windows.h> before this file, or define RASSAPI_NO_WINDOWS_H and
 * provide the Win32 base types (DWORD, WCHAR, ...) and the lmcons.h
 * lengths (UNLEN, DNLEN, NETBIOS_NAME_LEN) yourself, as the crate's
 * wrapper.h does.
 */
#ifndef RASSAPI_H_CLEAN_ROOM
#define RASSAPI_H_CLEAN_ROOM

#ifndef RASSAPI_NO_WINDOWS_H
#include <windows.h>
#include <lmcons.h>
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------- */
/* Sizes                                                                  */
/* ---------------------------------------------------------------------- */

/** Longest callback phone number, in characters, not counting the terminator. */
#define RASSAPI_MAX_PHONENUMBER_SIZE 128
/** Characters in a media name buffer such as `wszMediaName` ("rasser", "isdn"). */
#define RASSAPI_MAX_MEDIA_NAME 16
/** Characters in a port name buffer such as `wszPortName` ("COM1"). */
#define RASSAPI_MAX_PORT_NAME 16
/** Characters in a device name buffer such as `wszDeviceName` (the modem's name). */
#define RASSAPI_MAX_DEVICE_NAME 128
/** Characters in a device type buffer such as `wszDeviceType` ("modem", "isdn"). */
#define RASSAPI_MAX_DEVICETYPE_NAME 16
/** Bytes in the ANSI key of a media parameter (`P_Key`), terminator included. */
#define RASSAPI_MAX_PARAM_KEY_SIZE 32

/* ---------------------------------------------------------------------- */
/* Dial-in privileges (RAS_USER_0.bfPrivilege)                            */
/* ---------------------------------------------------------------------- */

/** The user is never called back. */
#define RASPRIV_NoCallback 0x01
/** The server calls the user back at the number the administrator set. */
#define RASPRIV_AdminSetCallback 0x02
/** The server calls the user back at a number the caller gives when connecting. */
#define RASPRIV_CallerSetCallback 0x04
/** The user may dial in to the RAS server. */
#define RASPRIV_DialinPrivilege 0x08
/** Mask selecting the callback mode bits of `bfPrivilege`. */
#define RASPRIV_CallbackType (RASPRIV_AdminSetCallback | RASPRIV_CallerSetCallback | RASPRIV_NoCallback)

/* ---------------------------------------------------------------------- */
/* Hardware conditions (RAS_PORT_1.HardwareCondition)                     */
/* ---------------------------------------------------------------------- */

/** The port's device works. */
#define RAS_MODEM_OPERATIONAL 1
/** The device gave no answer. */
#define RAS_MODEM_NOT_RESPONDING 2
/** The device reported a hardware fault. */
#define RAS_MODEM_HARDWARE_FAILURE 3
/** The device answered something the server did not expect. */
#define RAS_MODEM_INCORRECT_RESPONSE 4
/** The state of the device is not known. */
#define RAS_MODEM_UNKNOWN 5

/* ---------------------------------------------------------------------- */
/* Line conditions (RAS_PORT_1.LineCondition)                             */
/* ---------------------------------------------------------------------- */

/** The port cannot be used. */
#define RAS_PORT_NON_OPERATIONAL 1
/** Nobody is connected on the port. */
#define RAS_PORT_DISCONNECTED 2
/** The server is calling the user back on this port. */
#define RAS_PORT_CALLING_BACK 3
/** The port waits for an incoming call. */
#define RAS_PORT_LISTENING 4
/** A caller is being authenticated. */
#define RAS_PORT_AUTHENTICATING 5
/** The caller passed authentication and is connected. */
#define RAS_PORT_AUTHENTICATED 6
/** The port's device is being set up. */
#define RAS_PORT_INITIALIZING 7

/* ---------------------------------------------------------------------- */
/* Media types                                                            */
/* ---------------------------------------------------------------------- */

/** Media of an unrecognised kind. */
#define MEDIA_UNKNOWN 0
/** Serial line (modem or null modem). */
#define MEDIA_SERIAL 1
/** Serial line driven by a RAS 1.0 client. */
#define MEDIA_RAS10_SERIAL 2
/** X.25 network. */
#define MEDIA_X25 3
/** ISDN line. */
#define MEDIA_ISDN 4

/* ---------------------------------------------------------------------- */
/* Port flags (RAS_PORT_0.Flags)                                          */
/* ---------------------------------------------------------------------- */

/** The user on the port has been authenticated. */
#define USER_AUTHENTICATED 0x0001
/** The client runs the Windows messenger service, so it can be sent messages. */
#define MESSENGER_PRESENT 0x0002
/** The client speaks PPP (otherwise it is a RAS 1.0/AMB client). */
#define PPP_CLIENT 0x0004
/** The server's NetBIOS gateway is active for the connection. */
#define GATEWAY_ACTIVE 0x0008
/** The server's messenger name is registered on the remote side. */
#define REMOTE_LISTEN 0x0010
/** The port is one link of a multilink bundle. */
#define PORT_MULTILINKED 0x0020

/* ---------------------------------------------------------------------- */
/* Projection address lengths                                             */
/* ---------------------------------------------------------------------- */

/** Characters in a dotted IPv4 address ("255.255.255.255"), terminator excluded. */
#define RAS_IPADDRESSLEN 15
/** Characters in an IPX address ("nnnnnnnn.nnnnnnnnnnnn"), terminator excluded. */
#define RAS_IPXADDRESSLEN 22
/** Characters in an AppleTalk address, terminator excluded. */
#define RAS_ATADDRESSLEN 32

/* ---------------------------------------------------------------------- */
/* Server versions (RAS_SERVER_0.RasVersion)                              */
/* ---------------------------------------------------------------------- */

/** A down-level (LAN Manager RAS) server. */
#define RASDOWNLEVEL 10
/** A Windows NT 3.5 or 3.51 RAS server. */
#define RASADMIN_35 35
/** A Windows NT 4.0 RAS server, the version this API describes. */
#define RASADMIN_CURRENT 40

/* ---------------------------------------------------------------------- */
/* Types                                                                  */
/* ---------------------------------------------------------------------- */

/** An IPv4 address in network byte order, as handed to and from an admin DLL. */
typedef ULONG IPADDR;

/** How the value of a media parameter is stored. */
typedef enum RAS_PARAMS_FORMAT {
    /** The value is the DWORD `P_Value.Number`. */
    ParamNumber = 0,
    /** The value is the counted ANSI string `P_Value.String`. */
    ParamString = 1
} RAS_PARAMS_FORMAT;

/** The value of a media parameter; `P_Type` says which member is valid. */
typedef union RAS_PARAMS_VALUE {
    /** Valid when `P_Type` is `ParamNumber`. */
    DWORD Number;
    /** A counted ANSI string, the `String` member of RAS_PARAMS_VALUE. */
    struct {
        /** Bytes of ANSI text at `Data`; no terminator is counted or guaranteed. */
        DWORD Length;
        /** First byte of the text. */
        PCHAR Data;
    } String; /**< Valid when `P_Type` is `ParamString`. */
} RAS_PARAMS_VALUE;

/** One media-specific key/value pair of a port, such as `MAXCONNECTBPS`. */
typedef struct RAS_PARAMETERS {
    /** Name of the parameter, ANSI, NUL-terminated within the array. */
    CHAR P_Key[RASSAPI_MAX_PARAM_KEY_SIZE];
    /** Whether `P_Value` holds a number or a string. */
    RAS_PARAMS_FORMAT P_Type;
    /** Reserved; RAS sets it to 0. */
    BYTE P_Attributes;
    /** The value, interpreted according to `P_Type`. */
    RAS_PARAMS_VALUE P_Value;
} RAS_PARAMETERS;

/** A user's RAS dial-in settings. */
typedef struct _RAS_USER_0 {
    /** `RASPRIV_*` bits: dial-in right and callback mode. */
    BYTE bfPrivilege;
    /** Callback number used with `RASPRIV_AdminSetCallback`, NUL-terminated. */
    WCHAR szPhoneNumber[RASSAPI_MAX_PHONENUMBER_SIZE + 1];
} RAS_USER_0, *PRAS_USER_0;

/** Basic state of one RAS server port. */
typedef struct _RAS_PORT_0 {
    /** Port name, such as "COM1". */
    WCHAR wszPortName[RASSAPI_MAX_PORT_NAME];
    /** Kind of device on the port, such as "modem". */
    WCHAR wszDeviceType[RASSAPI_MAX_DEVICETYPE_NAME];
    /** Name of the device on the port. */
    WCHAR wszDeviceName[RASSAPI_MAX_DEVICE_NAME];
    /** Media the port uses, such as "rasser". */
    WCHAR wszMediaName[RASSAPI_MAX_MEDIA_NAME];
    /** Reserved. */
    DWORD reserved;
    /** Port flags: `USER_AUTHENTICATED` ... `PORT_MULTILINKED`. */
    DWORD Flags;
    /** Name of the user connected on the port. */
    WCHAR wszUserName[UNLEN + 1];
    /** NetBIOS name of the remote computer. */
    WCHAR wszComputer[NETBIOS_NAME_LEN];
    /** Start of the session, in seconds since 1970-01-01 00:00 UTC. */
    DWORD dwStartSessionTime;
    /** Domain in which the user was authenticated. */
    WCHAR wszLogonDomain[DNLEN + 1];
    /** Non-zero when the port belongs to a Windows NT Server (not a workstation). */
    BOOL fAdvancedServer;
} RAS_PORT_0, *PRAS_PORT_0;

/** Outcome of NetBEUI (NBF) projection on a PPP connection. */
typedef struct _RAS_PPP_NBFCP_RESULT {
    /** 0 on success, otherwise a RAS error code. */
    DWORD dwError;
    /** NetBIOS error code when adding the client's name failed. */
    DWORD dwNetBiosError;
    /** NetBIOS name that caused `dwNetBiosError`, ANSI. */
    CHAR szName[NETBIOS_NAME_LEN + 1];
    /** NetBIOS name of the remote workstation. */
    WCHAR wszWksta[NETBIOS_NAME_LEN + 1];
} RAS_PPP_NBFCP_RESULT;

/** Outcome of IP projection on a PPP connection. */
typedef struct _RAS_PPP_IPCP_RESULT {
    /** 0 on success, otherwise a RAS error code. */
    DWORD dwError;
    /** Client's IP address, dotted decimal. */
    WCHAR wszAddress[RAS_IPADDRESSLEN + 1];
} RAS_PPP_IPCP_RESULT;

/** Outcome of IPX projection on a PPP connection. */
typedef struct _RAS_PPP_IPXCP_RESULT {
    /** 0 on success, otherwise a RAS error code. */
    DWORD dwError;
    /** Client's IPX address, "network.node" in hexadecimal. */
    WCHAR wszAddress[RAS_IPXADDRESSLEN + 1];
} RAS_PPP_IPXCP_RESULT;

/** Outcome of AppleTalk projection on a PPP connection. */
typedef struct _RAS_PPP_ATCP_RESULT {
    /** 0 on success, otherwise a RAS error code. */
    DWORD dwError;
    /** Client's AppleTalk address. */
    WCHAR wszAddress[RAS_ATADDRESSLEN + 1];
} RAS_PPP_ATCP_RESULT;

/** Outcome of every PPP network-protocol projection of a connection. */
typedef struct _RAS_PPP_PROJECTION_RESULT {
    /** NetBEUI result. */
    RAS_PPP_NBFCP_RESULT nbf;
    /** IP result. */
    RAS_PPP_IPCP_RESULT ip;
    /** IPX result. */
    RAS_PPP_IPXCP_RESULT ipx;
    /** AppleTalk result. */
    RAS_PPP_ATCP_RESULT at;
} RAS_PPP_PROJECTION_RESULT;

/** Full state of one RAS server port, as given to an admin DLL. */
typedef struct _RAS_PORT_1 {
    /** Basic port state: names, user, flags, start time. */
    RAS_PORT_0 rasport0;
    /** `RAS_PORT_*` line condition. */
    DWORD LineCondition;
    /** `RAS_MODEM_*` hardware condition. */
    DWORD HardwareCondition;
    /** Line speed in bits per second. */
    DWORD LineSpeed;
    /** Documented as unused; NT 4.0 puts 28 here, the DWORDs in RAS_PORT_STATISTICS. */
    WORD NumStatistics;
    /** Number of RAS_PARAMETERS entries in the array passed alongside. */
    WORD NumMediaParms;
    /** Bytes of that array plus the string data it points at. */
    DWORD SizeMediaParms;
    /** PPP projection results of the connection. */
    RAS_PPP_PROJECTION_RESULT ProjResult;
} RAS_PORT_1, *PRAS_PORT_1;

/**
 * Counters of a port since its connection started. The first fourteen
 * cover the whole connection (all links of a multilink bundle); the
 * `dwPort...` fourteen cover this port alone.
 */
typedef struct _RAS_PORT_STATISTICS {
    /** Bytes sent on the connection. */
    DWORD dwBytesXmited;
    /** Bytes received on the connection. */
    DWORD dwBytesRcved;
    /** Frames sent on the connection. */
    DWORD dwFramesXmited;
    /** Frames received on the connection. */
    DWORD dwFramesRcved;
    /** CRC errors on the connection. */
    DWORD dwCrcErr;
    /** Timeout errors on the connection. */
    DWORD dwTimeoutErr;
    /** Alignment errors on the connection. */
    DWORD dwAlignmentErr;
    /** Hardware overrun errors on the connection. */
    DWORD dwHardwareOverrunErr;
    /** Framing errors on the connection. */
    DWORD dwFramingErr;
    /** Buffer overrun errors on the connection. */
    DWORD dwBufferOverrunErr;
    /** Bytes sent on the connection, counted before compression. */
    DWORD dwBytesXmitedUncompressed;
    /** Bytes received on the connection, counted after decompression. */
    DWORD dwBytesRcvedUncompressed;
    /** Bytes sent on the connection, counted after compression. */
    DWORD dwBytesXmitedCompressed;
    /** Bytes received on the connection, counted before decompression. */
    DWORD dwBytesRcvedCompressed;
    /** Bytes sent on this port. */
    DWORD dwPortBytesXmited;
    /** Bytes received on this port. */
    DWORD dwPortBytesRcved;
    /** Frames sent on this port. */
    DWORD dwPortFramesXmited;
    /** Frames received on this port. */
    DWORD dwPortFramesRcved;
    /** CRC errors on this port. */
    DWORD dwPortCrcErr;
    /** Timeout errors on this port. */
    DWORD dwPortTimeoutErr;
    /** Alignment errors on this port. */
    DWORD dwPortAlignmentErr;
    /** Hardware overrun errors on this port. */
    DWORD dwPortHardwareOverrunErr;
    /** Framing errors on this port. */
    DWORD dwPortFramingErr;
    /** Buffer overrun errors on this port. */
    DWORD dwPortBufferOverrunErr;
    /** Bytes sent on this port before compression; not valid when multilinked. */
    DWORD dwPortBytesXmitedUncompressed;
    /** Bytes received on this port after decompression; not valid when multilinked. */
    DWORD dwPortBytesRcvedUncompressed;
    /** Bytes sent on this port after compression; not valid when multilinked. */
    DWORD dwPortBytesXmitedCompressed;
    /** Bytes received on this port before decompression; not valid when multilinked. */
    DWORD dwPortBytesRcvedCompressed;
} RAS_PORT_STATISTICS, *PRAS_PORT_STATISTICS;

/** Summary of a RAS server. */
typedef struct _RAS_SERVER_0 {
    /** Ports configured for RAS on the server. */
    WORD TotalPorts;
    /** Ports with a client connected. */
    WORD PortsInUse;
    /** Server version: `RASDOWNLEVEL`, `RASADMIN_35` or `RASADMIN_CURRENT`. */
    DWORD RasVersion;
} RAS_SERVER_0, *PRAS_SERVER_0;

/* ---------------------------------------------------------------------- */
/* Client functions exported by rassapi.dll                               */
/* ---------------------------------------------------------------------- */

/** Reads the port counts and version of the RAS server `lpszServer` ("\\name"). */
DWORD APIENTRY RasAdminServerGetInfo(const WCHAR *lpszServer, PRAS_SERVER_0 pRasServer0);

/** Finds the server that holds the user accounts for a domain or server; the result buffer holds UNCLEN + 1 characters. */
DWORD APIENTRY RasAdminGetUserAccountServer(const WCHAR *lpszDomain, const WCHAR *lpszServer, LPWSTR lpszUserAccountServer);

/** Reads a user's dial-in privilege and callback number. */
DWORD APIENTRY RasAdminUserGetInfo(const WCHAR *lpszUserAccountServer, const WCHAR *lpszUser, PRAS_USER_0 pRasUser0);

/** Sets a user's dial-in privilege and callback number. */
DWORD APIENTRY RasAdminUserSetInfo(const WCHAR *lpszUserAccountServer, const WCHAR *lpszUser, const PRAS_USER_0 pRasUser0);

/** Lists the ports of a RAS server; free `*ppRasPort0` with RasAdminFreeBuffer. */
DWORD APIENTRY RasAdminPortEnum(const WCHAR *lpszServer, PRAS_PORT_0 *ppRasPort0, WORD *pcEntriesRead);

/** Reads one port's state, counters and media parameters; free `*ppRasParams` with RasAdminFreeBuffer. */
DWORD APIENTRY RasAdminPortGetInfo(const WCHAR *lpszServer, const WCHAR *lpszPort, RAS_PORT_1 *pRasPort1, RAS_PORT_STATISTICS *pRasStats, RAS_PARAMETERS **ppRasParams);

/** Resets a port's counters to zero. */
DWORD APIENTRY RasAdminPortClearStatistics(const WCHAR *lpszServer, const WCHAR *lpszPort);

/** Hangs up the connection on a port. */
DWORD APIENTRY RasAdminPortDisconnect(const WCHAR *lpszServer, const WCHAR *lpszPort);

/** Frees a buffer that another RasAdmin function allocated. */
DWORD APIENTRY RasAdminFreeBuffer(PVOID Pointer);

/** Copies the message text of RAS error `ResourceId` into `lpszString`, `InBufSize` characters long (512 always suffice). */
DWORD APIENTRY RasAdminGetErrorString(UINT ResourceId, WCHAR *lpszString, DWORD InBufSize);

/** Decodes the RAS settings kept in a user's `usri*_parms` string into a RAS_USER_0. */
DWORD APIENTRY RasAdminGetUserParms(WCHAR *lpszParms, PRAS_USER_0 pRasUser0);

/** Encodes a RAS_USER_0 into a user's `usri*_parms` string of `cchNewParms` characters. */
DWORD APIENTRY RasAdminSetUserParms(WCHAR *lpszParms, DWORD cchNewParms, PRAS_USER_0 pRasUser0);

/* ---------------------------------------------------------------------- */
/* Callbacks an admin DLL may export (all optional)                       */
/* ---------------------------------------------------------------------- */

/** Asked before a connection is accepted; return FALSE to refuse it. */
BOOL APIENTRY RasAdminAcceptNewConnection(RAS_PORT_1 *pRasPort1, RAS_PORT_STATISTICS *pRasStats, RAS_PARAMETERS *pRasParams);

/** Told after a connection ends, once per port of a multilink connection; nothing is returned. */
VOID APIENTRY RasAdminConnectionHangupNotification(RAS_PORT_1 *pRasPort1, RAS_PORT_STATISTICS *pRasStats, RAS_PARAMETERS *pRasParams);

/** Asked for the IP address of a dialling-in user; set `*bNotifyRelease` to be told when it is freed. Returns 0 or an error code. */
DWORD APIENTRY RasAdminGetIpAddressForUser(WCHAR *lpszUserName, WCHAR *lpszPortName, IPADDR *pipAddress, BOOL *bNotifyRelease);

/** Told that an address handed out by RasAdminGetIpAddressForUser is free again. */
VOID APIENTRY RasAdminReleaseIpAddress(WCHAR *lpszUserName, WCHAR *lpszPortName, IPADDR *pipAddress);

/** Pointer to an admin DLL's `RasAdminAcceptNewConnection` export. */
typedef BOOL (APIENTRY *PRASADMINACCEPTNEWCONNECTION)(RAS_PORT_1 *pRasPort1, RAS_PORT_STATISTICS *pRasStats, RAS_PARAMETERS *pRasParams);

/** Pointer to an admin DLL's `RasAdminConnectionHangupNotification` export. */
typedef VOID (APIENTRY *PRASADMINCONNECTIONHANGUPNOTIFICATION)(RAS_PORT_1 *pRasPort1, RAS_PORT_STATISTICS *pRasStats, RAS_PARAMETERS *pRasParams);

/** Pointer to an admin DLL's `RasAdminGetIpAddressForUser` export. */
typedef DWORD (APIENTRY *PRASADMINGETIPADDRESSFORUSER)(WCHAR *lpszUserName, WCHAR *lpszPortName, IPADDR *pipAddress, BOOL *bNotifyRelease);

/** Pointer to an admin DLL's `RasAdminReleaseIpAddress` export. */
typedef VOID (APIENTRY *PRASADMINRELEASEIPADDRESS)(WCHAR *lpszUserName, WCHAR *lpszPortName, IPADDR *pipAddress);

#ifdef __cplusplus
}
#endif

#endif /* RASSAPI_H_CLEAN_ROOM */
