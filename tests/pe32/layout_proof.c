/*
 * The numbers printed here are what gcc -m32 computed from the repo's
 * include/rassapi.h (through wrapper.h): the proof file restates them as
 * _Static_assert()s over mingw-w64's independent header, so clang fails if
 * the two disagree on any size, offset or value the harness uses.
 */
#include "layout_proof.h"

#include "kernel32_stubs.h"

#include <stddef.h>

#define STRUCT_SIZES(X)                                                                            \
    X(RAS_PORT_0) X(RAS_PORT_1) X(RAS_PORT_STATISTICS) X(RAS_PARAMETERS) X(RAS_PARAMS_VALUE)       \
    X(RAS_PPP_PROJECTION_RESULT) X(RAS_PPP_NBFCP_RESULT) X(RAS_PPP_IPCP_RESULT)                    \
    X(RAS_PPP_IPXCP_RESULT) X(RAS_PPP_ATCP_RESULT) X(RAS_PARAMS_FORMAT) X(IPADDR) X(DWORD)         \
    X(WORD) X(BYTE) X(WCHAR) X(CHAR) X(BOOL) X(UINT) X(ULONG) X(PCHAR) X(LPWSTR) X(HANDLE)         \
    X(HINSTANCE) X(HMODULE) X(LPVOID) X(LPCVOID) X(LPDWORD) X(LPCWSTR) X(LPCSTR) X(SIZE_T)          \
    X(LONG) X(LPOVERLAPPED) X(LPSECURITY_ATTRIBUTES)

#define FIELDS(X)                                                                                  \
    X(RAS_PORT_0, wszPortName) X(RAS_PORT_0, wszDeviceType) X(RAS_PORT_0, wszDeviceName)           \
    X(RAS_PORT_0, wszMediaName) X(RAS_PORT_0, reserved) X(RAS_PORT_0, Flags)                       \
    X(RAS_PORT_0, wszUserName) X(RAS_PORT_0, wszComputer) X(RAS_PORT_0, dwStartSessionTime)        \
    X(RAS_PORT_0, wszLogonDomain) X(RAS_PORT_0, fAdvancedServer)                                   \
    X(RAS_PORT_1, rasport0) X(RAS_PORT_1, rasport0.wszUserName) X(RAS_PORT_1, rasport0.Flags)      \
    X(RAS_PORT_1, LineCondition) X(RAS_PORT_1, HardwareCondition) X(RAS_PORT_1, LineSpeed)         \
    X(RAS_PORT_1, NumStatistics) X(RAS_PORT_1, NumMediaParms) X(RAS_PORT_1, SizeMediaParms)        \
    X(RAS_PORT_1, ProjResult) X(RAS_PORT_1, ProjResult.nbf) X(RAS_PORT_1, ProjResult.nbf.dwError)  \
    X(RAS_PORT_1, ProjResult.ip) X(RAS_PORT_1, ProjResult.ip.wszAddress)                           \
    X(RAS_PORT_1, ProjResult.ipx) X(RAS_PORT_1, ProjResult.at)                                     \
    X(RAS_PARAMETERS, P_Key) X(RAS_PARAMETERS, P_Type) X(RAS_PARAMETERS, P_Attributes)             \
    X(RAS_PARAMETERS, P_Value) X(RAS_PARAMETERS, P_Value.Number)                                   \
    X(RAS_PARAMETERS, P_Value.String.Length) X(RAS_PARAMETERS, P_Value.String.Data)                \
    X(RAS_PORT_STATISTICS, dwBytesXmited) X(RAS_PORT_STATISTICS, dwBytesRcved)                     \
    X(RAS_PORT_STATISTICS, dwFramesXmited) X(RAS_PORT_STATISTICS, dwFramesRcved)                   \
    X(RAS_PORT_STATISTICS, dwCrcErr) X(RAS_PORT_STATISTICS, dwTimeoutErr)                          \
    X(RAS_PORT_STATISTICS, dwAlignmentErr) X(RAS_PORT_STATISTICS, dwHardwareOverrunErr)            \
    X(RAS_PORT_STATISTICS, dwFramingErr) X(RAS_PORT_STATISTICS, dwBufferOverrunErr)                \
    X(RAS_PORT_STATISTICS, dwBytesXmitedUncompressed)                                              \
    X(RAS_PORT_STATISTICS, dwBytesRcvedUncompressed)                                               \
    X(RAS_PORT_STATISTICS, dwBytesXmitedCompressed) X(RAS_PORT_STATISTICS, dwBytesRcvedCompressed) \
    X(RAS_PORT_STATISTICS, dwPortBytesXmited) X(RAS_PORT_STATISTICS, dwPortBytesRcved)             \
    X(RAS_PORT_STATISTICS, dwPortFramesXmited) X(RAS_PORT_STATISTICS, dwPortFramesRcved)           \
    X(RAS_PORT_STATISTICS, dwPortCrcErr) X(RAS_PORT_STATISTICS, dwPortTimeoutErr)                  \
    X(RAS_PORT_STATISTICS, dwPortAlignmentErr) X(RAS_PORT_STATISTICS, dwPortHardwareOverrunErr)    \
    X(RAS_PORT_STATISTICS, dwPortFramingErr) X(RAS_PORT_STATISTICS, dwPortBufferOverrunErr)        \
    X(RAS_PORT_STATISTICS, dwPortBytesXmitedUncompressed)                                          \
    X(RAS_PORT_STATISTICS, dwPortBytesRcvedUncompressed)                                           \
    X(RAS_PORT_STATISTICS, dwPortBytesXmitedCompressed)                                            \
    X(RAS_PORT_STATISTICS, dwPortBytesRcvedCompressed)

#define CONSTANTS(X)                                                                               \
    X(ParamNumber) X(ParamString) X(USER_AUTHENTICATED) X(MESSENGER_PRESENT) X(PPP_CLIENT)         \
    X(GATEWAY_ACTIVE) X(REMOTE_LISTEN) X(PORT_MULTILINKED) X(RAS_PORT_AUTHENTICATED)               \
    X(RAS_MODEM_OPERATIONAL) X(RASSAPI_MAX_PORT_NAME) X(RASSAPI_MAX_DEVICETYPE_NAME)               \
    X(RASSAPI_MAX_DEVICE_NAME) X(RASSAPI_MAX_MEDIA_NAME) X(RASSAPI_MAX_PARAM_KEY_SIZE) X(UNLEN)    \
    X(DNLEN) X(NETBIOS_NAME_LEN) X(RAS_IPADDRESSLEN) X(FILE_APPEND_DATA) X(FILE_SHARE_READ)        \
    X(FILE_SHARE_WRITE) X(OPEN_ALWAYS) X(FILE_ATTRIBUTE_NORMAL) X(DLL_PROCESS_DETACH)              \
    X(DLL_PROCESS_ATTACH) X(DLL_THREAD_ATTACH) X(DLL_THREAD_DETACH) X(ERROR_ALREADY_EXISTS)        \
    X(ERROR_INVALID_PARAMETER) X(ERROR_INVALID_HANDLE) X(ERROR_ACCESS_DENIED)                      \
    X(ERROR_NOT_ENOUGH_MEMORY) X(TRUE) X(FALSE)

#define XSTR(x) STR(x)
#define STR(x) #x

unsigned print_layout(FILE *out) {
    unsigned n = 0;
    fprintf(out, "/* Generated by `pe32-harness --print-layout`: gcc -m32 layout of the repo's\n"
                 " * include/rassapi.h, asserted against mingw-w64's headers. */\n"
                 "#include <windows.h>\n#include <rassapi.h>\n#include <stddef.h>\n\n");
#define PRINT_SIZE(T)                                                                              \
    fprintf(out, "_Static_assert(sizeof(%s) == %zu, \"sizeof %s\");\n", #T, sizeof(T), #T);        \
    fprintf(out, "_Static_assert(_Alignof(%s) == %zu, \"alignof %s\");\n", #T, _Alignof(T), #T);   \
    n += 2;
    STRUCT_SIZES(PRINT_SIZE)
#define PRINT_FIELD(T, F)                                                                          \
    fprintf(out, "_Static_assert(offsetof(%s, %s) == %zu, \"offset %s.%s\");\n", #T, #F,           \
            offsetof(T, F), #T, #F);                                                               \
    fprintf(out, "_Static_assert(sizeof(((%s *)0)->%s) == %zu, \"size %s.%s\");\n", #T, #F,        \
            sizeof(((T *)0)->F), #T, #F);                                                          \
    n += 2;
    FIELDS(PRINT_FIELD)
#define PRINT_CONST(C)                                                                             \
    fprintf(out, "_Static_assert((%s) == %lld, \"value %s\");\n", #C, (long long)(C), #C);         \
    n++;
    CONSTANTS(PRINT_CONST)
    /* Signatures: the same text that declares the harness's types and stubs,
     * compared with mingw-w64's declarations (calling convention included). */
#define PRINT_CALLBACK(ret, fn, params)                                                            \
    fprintf(out,                                                                                   \
            "_Static_assert(__builtin_types_compatible_p(__typeof__(&%s), %s (WINAPI *)%s), "       \
            "\"signature %s\");\n",                                                                \
            #fn, #ret, params, #fn);                                                               \
    n++;
    PRINT_CALLBACK(BOOL, RasAdminAcceptNewConnection, XSTR(RAS_ACCEPT_PARAMS))
    PRINT_CALLBACK(VOID, RasAdminConnectionHangupNotification, XSTR(RAS_HANGUP_PARAMS))
    PRINT_CALLBACK(DWORD, RasAdminGetIpAddressForUser, XSTR(RAS_GET_IP_PARAMS))
    PRINT_CALLBACK(VOID, RasAdminReleaseIpAddress, XSTR(RAS_RELEASE_PARAMS))
#define PRINT_STUB(ret, fn, params) PRINT_CALLBACK(ret, fn, #params)
    KERNEL32_STUBS(PRINT_STUB)
    fprintf(out, "/* %u assertions */\n", n);
    return n;
}
