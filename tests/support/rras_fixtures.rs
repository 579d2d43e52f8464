//! RRAS structures filled the way RRAS fills them, for the rras_* tests.
#![allow(dead_code)]

use rassapi::rras::mprapi::*;

/// `s` into the fixed array `dst`, NUL-terminated if it fits.
pub fn put(dst: &mut [u16], s: &str) {
    dst.fill(0);
    for (d, u) in dst.iter_mut().zip(s.encode_utf16()) {
        *d = u;
    }
}

/// One connection at all three levels.
pub struct Conn {
    pub c0: RAS_CONNECTION_0,
    pub c1: RAS_CONNECTION_1,
    pub c2: RAS_CONNECTION_2,
    pub c3: RAS_CONNECTION_3,
}

pub fn conn(user: &str) -> Box<Conn> {
    let mut c = Box::new(Conn {
        c0: RAS_CONNECTION_0::default(),
        c1: RAS_CONNECTION_1::default(),
        c2: RAS_CONNECTION_2::default(),
        c3: RAS_CONNECTION_3::default(),
    });
    c.c0.hConnection = 0x1234 as HANDLE;
    c.c0.hInterface = 0x55 as HANDLE;
    c.c0.dwConnectDuration = 3_600;
    c.c0.dwInterfaceType = 0;
    c.c0.dwConnectionFlags = 1;
    put(&mut c.c0.wszInterfaceName, "Dial-in client");
    put(&mut c.c0.wszUserName, user);
    put(&mut c.c0.wszLogonDomain, "CORP");
    put(&mut c.c0.wszRemoteComputer, "LAPTOP7");
    c.c1.hConnection = c.c0.hConnection;
    put(&mut c.c1.PppInfo.ip.wszAddress, "10.0.0.1");
    put(&mut c.c1.PppInfo.ip.wszRemoteAddress, "10.0.0.42");
    c.c1.dwBytesXmited = 1_000;
    c.c1.dwBytesRcved = 2_000;
    c.c1.dwFramesXmited = 10;
    c.c1.dwFramesRcved = 20;
    c.c1.dwCrcErr = 1;
    c.c1.dwTimeoutErr = 2;
    c.c1.dwAlignmentErr = 3;
    c.c1.dwHardwareOverrunErr = 4;
    c.c1.dwFramingErr = 5;
    c.c1.dwBufferOverrunErr = 6;
    c.c1.dwCompressionRatioIn = 50;
    c.c1.dwCompressionRatioOut = 60;
    c.c2.hConnection = c.c0.hConnection;
    put(&mut c.c2.wszUserName, user);
    c.c2.guid = GUID {
        data1: 0xdeadbeef,
        data2: 1,
        data3: 2,
        data4: [3, 4, 5, 6, 7, 8, 9, 10],
    };
    c.c2.PppInfo2.lcp.dwAuthenticationProtocol = 0xc223;
    c.c2.PppInfo2.lcp.dwOptions = PPP_LCP_MULTILINK_FRAMING;
    c.c3.hConnection = c.c0.hConnection;
    c.c3.rasQuarState = 2;
    c
}

/// One link (mprapi's ports).
pub struct Link {
    pub p0: RAS_PORT_0,
    pub p1: RAS_PORT_1,
}

pub fn link(port: &str, bytes_sent: u32) -> Box<Link> {
    let mut l = Box::new(Link {
        p0: RAS_PORT_0::default(),
        p1: RAS_PORT_1::default(),
    });
    l.p0.hPort = 0x77 as HANDLE;
    l.p0.hConnection = 0x1234 as HANDLE;
    l.p0.dwPortCondition = 5;
    l.p0.dwTotalNumberOfCalls = 9;
    l.p0.dwConnectDuration = 1_800;
    put(&mut l.p0.wszPortName, port);
    put(&mut l.p0.wszMediaName, "rastapi");
    put(&mut l.p0.wszDeviceName, "WAN Miniport (L2TP)");
    put(&mut l.p0.wszDeviceType, "vpn");
    l.p1.hPort = l.p0.hPort;
    l.p1.dwLineSpeed = 64_000;
    l.p1.dwBytesXmited = bytes_sent;
    l.p1.dwBytesRcved = 7;
    l.p1.dwHardwareCondition = 0;
    l
}
