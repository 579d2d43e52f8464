//! `rras_admin_dll! {}`: every export of both sets exists and is neutral,
//! so RRAS starts and nobody is refused; malformed input still fails closed.

use std::ptr::null_mut;

#[path = "support/rras_fixtures.rs"]
mod fixtures;

rassapi::rras_admin_dll! {}

#[test]
fn every_default_is_neutral() {
    let mut c = fixtures::conn("anyone");
    let mut l = fixtures::link("COM9", 1);
    let user: Vec<u16> = "u".encode_utf16().chain([0]).collect();
    let (mut address, mut notify) = (u32::from_ne_bytes([10, 9, 8, 7]), 1);
    // SAFETY: every structure lives, unchanged, for the calls.
    unsafe {
        assert_eq!(MprAdminInitializeDll(), 0);
        assert_eq!(MprAdminAcceptNewConnection(&mut c.c0, &mut c.c1), 1);
        assert_eq!(
            MprAdminAcceptNewConnection2(&mut c.c0, &mut c.c1, &mut c.c2),
            1
        );
        assert_eq!(
            MprAdminAcceptNewConnection3(&mut c.c0, &mut c.c1, &mut c.c2, &mut c.c3),
            1
        );
        assert_eq!(MprAdminAcceptNewLink(&mut l.p0, &mut l.p1), 1);
        assert_eq!(
            MprAdminAcceptReauthentication(&mut c.c0, &mut c.c1, &mut c.c2, &mut c.c3),
            1
        );
        MprAdminLinkHangupNotification(&mut l.p0, &mut l.p1);
        MprAdminConnectionHangupNotification(&mut c.c0, &mut c.c1);
        MprAdminConnectionHangupNotification2(&mut c.c0, &mut c.c1, &mut c.c2);
        MprAdminConnectionHangupNotification3(&mut c.c0, &mut c.c1, &mut c.c2, &mut c.c3);
        assert_eq!(
            MprAdminGetIpAddressForUser(user.as_ptr(), user.as_ptr(), &mut address, &mut notify),
            0
        );
        assert_eq!((address.to_ne_bytes(), notify), ([10, 9, 8, 7], 0));
        MprAdminReleaseIpAddress(user.as_ptr(), user.as_ptr(), &mut address);
        assert_eq!(MprAdminTerminateDll(), 0);
        // Fail closed even without handlers.
        assert_eq!(MprAdminAcceptNewConnection(null_mut(), null_mut()), 0);
        assert_eq!(MprAdminAcceptNewLink(null_mut(), null_mut()), 0);
        assert_eq!(
            RasAdminAcceptNewConnection(null_mut(), null_mut(), null_mut()),
            0
        );
    }
}

#[test]
fn the_table_lists_all_thirteen_mpradmin_exports() {
    use rassapi::rras::RrasCallback;
    let names: Vec<_> = RrasCallback::ALL.iter().map(|c| c.export_name()).collect();
    assert_eq!(names.len(), 13);
    for required in [
        "MprAdminInitializeDll",
        "MprAdminTerminateDll",
        "MprAdminAcceptNewLink",
        "MprAdminLinkHangupNotification",
        "MprAdminAcceptReauthentication",
    ] {
        let cb = RrasCallback::from_export_name(required).unwrap();
        assert!(cb.is_required(), "{required}");
    }
    assert_eq!(
        RrasCallback::from_export_name("MprAdminAcceptNewConnection3")
            .unwrap()
            .arg_count(),
        4
    );
}
