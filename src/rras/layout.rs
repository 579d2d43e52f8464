//! The layout of every `mprapi.h` structure the RRAS views read, for
//! i686 and x86_64: size, alignment and each field's offset, as
//! `[i686, x86_64]`. The numbers are clang's for mingw-w64's `<mprapi.h>`
//! (`tests/rras_oracle.rs` recomputes and compares them, feature
//! `oracle`); the asserts below make the compiler check them against
//! `windows-sys`'s Rust layout on the width being built (x86_64 in every
//! host build, i686 in the Windows cross build of `scripts/wine-e2e`).

use core::mem::{align_of, offset_of, size_of};

use super::mprapi::*;

macro_rules! mpr_layout {
    ($(
        $ty:ident: size [$s32:literal, $s64:literal], align [$a32:literal, $a64:literal];
            $($field:ident [$o32:literal, $o64:literal]),* ;
    )*) => {
        /// `(type, size, align, [(field, offset)])` for i686 (index 0) and
        /// x86_64 (index 1): what the oracle test compares with clang.
        #[cfg(feature = "oracle")]
        pub const TABLE: &[(&str, [usize; 2], [usize; 2], &[(&str, [usize; 2])])] = &[
            $((
                ::core::stringify!($ty),
                [$s32, $s64],
                [$a32, $a64],
                &[$((::core::stringify!($field), [$o32, $o64])),*],
            ),)*
        ];

        #[cfg(target_arch = "x86")]
        const _: () = {
            $(
                assert!(size_of::<$ty>() == $s32);
                assert!(align_of::<$ty>() == $a32);
                $(assert!(offset_of!($ty, $field) == $o32);)*
            )*
        };

        #[cfg(target_arch = "x86_64")]
        const _: () = {
            $(
                assert!(size_of::<$ty>() == $s64);
                assert!(align_of::<$ty>() == $a64);
                $(assert!(offset_of!($ty, $field) == $o64);)*
            )*
        };
    };
}

mpr_layout! {
    RAS_CONNECTION_0: size [1116, 1128], align [4, 8];
        hConnection [0, 0], hInterface [4, 8], dwConnectDuration [8, 16], dwInterfaceType [12, 20], dwConnectionFlags [16, 24], wszInterfaceName [20, 28], wszUserName [534, 542], wszLogonDomain [1048, 1056], wszRemoteComputer [1080, 1088];
    RAS_CONNECTION_1: size [288, 296], align [4, 8];
        hConnection [0, 0], hInterface [4, 8], PppInfo [8, 16], dwBytesXmited [240, 248], dwBytesRcved [244, 252], dwFramesXmited [248, 256], dwFramesRcved [252, 260], dwCrcErr [256, 264], dwTimeoutErr [260, 268], dwAlignmentErr [264, 272], dwHardwareOverrunErr [268, 276], dwFramingErr [272, 280], dwBufferOverrunErr [276, 284], dwCompressionRatioIn [280, 288], dwCompressionRatioOut [284, 292];
    RAS_CONNECTION_2: size [844, 848], align [4, 8];
        hConnection [0, 0], wszUserName [4, 8], dwInterfaceType [520, 524], guid [524, 528], PppInfo2 [540, 544];
    RAS_CONNECTION_3: size [788, 792], align [4, 8];
        dwVersion [0, 0], dwSize [4, 4], hConnection [8, 8], wszUserName [12, 16], dwInterfaceType [528, 532], guid [532, 536], PppInfo3 [548, 552], rasQuarState [776, 780], timer [780, 784];
    RAS_PORT_0: size [380, 392], align [4, 8];
        hPort [0, 0], hConnection [4, 8], dwPortCondition [8, 16], dwTotalNumberOfCalls [12, 20], dwConnectDuration [16, 24], wszPortName [20, 28], wszMediaName [54, 62], wszDeviceName [88, 96], wszDeviceType [346, 354];
    RAS_PORT_1: size [64, 72], align [4, 8];
        hPort [0, 0], hConnection [4, 8], dwHardwareCondition [8, 16], dwLineSpeed [12, 20], dwBytesXmited [16, 24], dwBytesRcved [20, 28], dwFramesXmited [24, 32], dwFramesRcved [28, 36], dwCrcErr [32, 40], dwTimeoutErr [36, 44], dwAlignmentErr [40, 48], dwHardwareOverrunErr [44, 52], dwFramingErr [48, 56], dwBufferOverrunErr [52, 60], dwCompressionRatioIn [56, 64], dwCompressionRatioOut [60, 68];
    PPP_INFO: size [232, 232], align [4, 4];
        nbf [0, 0], ip [40, 40], ipx [108, 108], at [160, 160];
    PPP_INFO_2: size [304, 304], align [4, 4];
        nbf [0, 0], ip [40, 40], ipx [116, 116], at [168, 168], ccp [240, 240], lcp [260, 260];
    PPP_INFO_3: size [228, 228], align [4, 4];
        nbf [0, 0], ip [40, 40], ipv6 [116, 116], ccp [164, 164], lcp [184, 184];
    PPP_IPCP_INFO: size [68, 68], align [4, 4];
        dwError [0, 0], wszAddress [4, 4], wszRemoteAddress [36, 36];
    PPP_IPCP_INFO2: size [76, 76], align [4, 4];
        dwError [0, 0], wszAddress [4, 4], wszRemoteAddress [36, 36], dwOptions [68, 68], dwRemoteOptions [72, 72];
    PPP_LCP_INFO: size [44, 44], align [4, 4];
        dwError [0, 0], dwAuthenticationProtocol [4, 4], dwAuthenticationData [8, 8], dwRemoteAuthenticationProtocol [12, 12], dwRemoteAuthenticationData [16, 16], dwTerminateReason [20, 20], dwRemoteTerminateReason [24, 24], dwOptions [28, 28], dwRemoteOptions [32, 32], dwEapTypeId [36, 36], dwRemoteEapTypeId [40, 40];
    PPP_IPV6_CP_INFO: size [48, 48], align [4, 4];
        dwVersion [0, 0], dwSize [4, 4], dwError [8, 8], bInterfaceIdentifier [12, 12], bRemoteInterfaceIdentifier [20, 20], dwOptions [28, 28], dwRemoteOptions [32, 32], bPrefix [36, 36], dwPrefixLength [44, 44];
    PPP_NBFCP_INFO: size [40, 40], align [4, 4];
        dwError [0, 0], wszWksta [4, 4];
    PPP_IPXCP_INFO: size [52, 52], align [4, 4];
        dwError [0, 0], wszAddress [4, 4];
    PPP_ATCP_INFO: size [72, 72], align [4, 4];
        dwError [0, 0], wszAddress [4, 4];
    PPP_CCP_INFO: size [20, 20], align [4, 4];
        dwError [0, 0], dwCompressionAlgorithm [4, 4], dwOptions [8, 8], dwRemoteCompressionAlgorithm [12, 12], dwRemoteOptions [16, 16];
}
