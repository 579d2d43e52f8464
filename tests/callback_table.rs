//! The callback table (`Callback`, generated from `__rassapi_callbacks!`)
//! agrees with everything that must repeat it outside `src/`: the bindgen
//! blocklist of build/bindings.rs, which the build script cannot derive,
//! and the function-pointer types of `sys`.

use rassapi::export::Callback;

#[test]
fn bindgen_blocklist_names_exactly_the_table() {
    let source = include_str!("../build/bindings.rs");
    let line = source
        .lines()
        .find(|l| l.starts_with("const ADMIN_DLL_CALLBACKS: &str = "))
        .expect("build/bindings.rs defines ADMIN_DLL_CALLBACKS");
    let names = line
        .split('"')
        .nth(1)
        .expect("ADMIN_DLL_CALLBACKS is a string literal");
    assert_eq!(names, Callback::EXPORT_NAMES.join("|"));
}

#[test]
fn table_rows_are_consistent() {
    let keys: Vec<_> = Callback::ALL.iter().map(|c| c.key()).collect();
    assert_eq!(
        keys,
        ["accept", "hangup", "get_ip_address", "release_ip_address"]
    );
    for c in Callback::ALL {
        assert_eq!(Callback::from_export_name(c.export_name()), Some(c));
        assert_eq!(c.to_string(), c.export_name());
        assert!(c.export_name().starts_with("RasAdmin"));
        assert!(c.view_name().ends_with("Event"), "{}", c.view_name());
    }
    assert_eq!(Callback::from_export_name("rasadminreleaseipaddress"), None);
    assert_eq!(
        rassapi::registration::ADMIN_CALLBACKS,
        Callback::EXPORT_NAMES,
        "registration derives its list from the table"
    );
}
