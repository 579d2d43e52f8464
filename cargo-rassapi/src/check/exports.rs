//! The `exports` and `stdcall` checks: the callbacks a Windows' remote
//! access service looks up by name, and the bytes each pops. Names and
//! argument counts come from `rassapi`'s tables ([`Callback`],
//! [`RrasCallback`]) and its registration rules ([`check_exports_for`]).

use rassapi::export::Callback;
use rassapi::registration::{AdminApi, RRAS_REQUIRED, check_exports_for, missing_rras_exports};
use rassapi::rras::RrasCallback;

use super::Check;
use super::cpu;
use super::pe::PeImage;
use crate::{Arch, TargetWindows};

/// The export name and argument count of every known callback.
fn known_callbacks() -> impl Iterator<Item = (&'static str, usize)> {
    Callback::ALL
        .into_iter()
        .map(|c| (c.export_name(), c.arg_count()))
        .chain(
            RrasCallback::ALL
                .into_iter()
                .map(|c| (c.export_name(), c.arg_count())),
        )
}

/// Export names that are a known callback with stdcall decoration
/// (`Name@12`, `_Name@12`), which `GetProcAddress` does not find by the
/// plain name.
pub fn decorated(names: &[&str]) -> Vec<String> {
    names
        .iter()
        .filter(|name| {
            let base = name.strip_prefix('_').unwrap_or(name);
            base.split_once('@').is_some_and(|(plain, bytes)| {
                !bytes.is_empty()
                    && bytes.bytes().all(|b| b.is_ascii_digit())
                    && known_callbacks().any(|(known, _)| known == plain)
            })
        })
        .map(|name| (*name).to_owned())
        .collect()
}

/// The `exports` check of a DLL exporting `names` for `windows`.
pub fn check(windows: TargetWindows, names: &[&str]) -> Check {
    let decorated = decorated(names);
    let mut problems = Vec::new();
    let summary = match windows.version.admin_api() {
        AdminApi::RasAdmin => {
            let missing: Vec<&str> = Callback::ALL
                .into_iter()
                .map(Callback::export_name)
                .filter(|wanted| !names.contains(wanted))
                .collect();
            if !missing.is_empty() {
                problems.push(format!(
                    "not exported: {} ({windows}'s RAS looks up all {} RasAdmin* callbacks)",
                    missing.join(", "),
                    Callback::ALL.len()
                ));
            }
            format!(
                "the {} RasAdmin* callbacks, undecorated",
                Callback::ALL.len()
            )
        }
        // RRAS (`AdminApi::MprAdmin`, Windows 2000 and later).
        _ => {
            if check_exports_for(windows.version, names).is_err() {
                let missing = missing_rras_exports(windows.version, names);
                problems.push(format!(
                    "{windows}'s RRAS refuses to start without {}",
                    missing.join("; ")
                ));
            }
            "everything RRAS requires".to_owned()
        }
    };
    if !decorated.is_empty() {
        problems.push(format!(
            "decorated {} (the service looks up the plain name: link with --kill-at or a .def file)",
            decorated.join(", ")
        ));
    }
    if !problems.is_empty() {
        return Check::fail("exports", problems.join("; "));
    }
    let others: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| Callback::from_export_name(n).is_none())
        .collect();
    let others = if others.is_empty() {
        "no other exports".to_owned()
    } else {
        format!("also exports {}", others.join(" "))
    };
    Check::pass("exports", format!("{summary}; {others}"))
}

/// The callbacks whose absence the `stdcall` check reports: the four
/// `RasAdmin*` before Windows 2000, each group of [`RRAS_REQUIRED`] after.
fn required(windows: TargetWindows, names: &[&str]) -> Vec<String> {
    match windows.version.admin_api() {
        AdminApi::RasAdmin => Callback::ALL
            .into_iter()
            .map(Callback::export_name)
            .filter(|wanted| !names.contains(wanted))
            .map(str::to_owned)
            .collect(),
        // RRAS (`AdminApi::MprAdmin`).
        _ => RRAS_REQUIRED
            .iter()
            .filter(|alternatives| !alternatives.iter().any(|a| names.contains(a)))
            .map(|alternatives| alternatives.join(" or "))
            .collect(),
    }
}

/// The `stdcall` check (x86): the first `ret` after each exported callback
/// pops four bytes per argument; each required callback is exported.
pub fn check_stdcall(image: &PeImage<'_>, windows: TargetWindows, names: &[&str]) -> Check {
    let mut good = Vec::new();
    let mut bad: Vec<String> = required(windows, names)
        .into_iter()
        .map(|name| format!("{name}: not exported"))
        .collect();
    let exports = image.exports.as_deref().unwrap_or_default();
    for (name, args) in known_callbacks() {
        let Some(export) = exports.iter().find(|e| e.name == name) else {
            continue;
        };
        let want = args * 4;
        let want_ret = if want == 0 {
            "ret".to_owned()
        } else {
            format!("ret {want:#x}")
        };
        let Some(rva) = export.rva else {
            bad.push(format!("{name}: forwarded to another DLL, want {want_ret}"));
            continue;
        };
        let va = image.image_base.wrapping_add(u64::from(rva));
        let ret = image
            .bytes_at(rva)
            .and_then(|bytes| cpu::first_ret(Arch::X86, va, bytes));
        match ret {
            Some(ret)
                if usize::from(cpu::ret_pops(&ret)) == want
                    && ret.mnemonic() == iced_x86::Mnemonic::Ret =>
            {
                good.push(format!(
                    "{name} returns with {want_ret} ({want} bytes of arguments)"
                ));
            }
            Some(ret) => {
                let pops = cpu::ret_pops(&ret);
                let got = match (ret.mnemonic(), pops) {
                    (iced_x86::Mnemonic::Retf, _) => "retf".to_owned(),
                    (_, 0) => "ret".to_owned(),
                    (_, n) => format!("ret {n:#x}"),
                };
                bad.push(format!(
                    "{name}: first return is {got} at {:#x}, want {want_ret}",
                    ret.ip()
                ));
            }
            None => bad.push(format!(
                "{name}: no ret within 16 KiB of {va:#x}, want {want_ret}"
            )),
        }
    }
    if !bad.is_empty() {
        Check::fail("stdcall", bad.join("; "))
    } else if good.is_empty() {
        Check::fail("stdcall", "no callback exported")
    } else {
        Check::pass("stdcall", good.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn windows(name: &str) -> TargetWindows {
        name.parse().expect("a Windows name")
    }

    const NT4: [&str; 4] = Callback::EXPORT_NAMES;

    #[test]
    fn nt4_needs_all_four_undecorated() {
        assert!(check(windows("nt4"), &NT4).pass);
        let three = check(windows("nt4"), &NT4[..3]);
        assert!(!three.pass && three.detail.contains(NT4[3]), "{three:?}");
        let names = [
            NT4[0],
            NT4[1],
            NT4[2],
            NT4[3],
            "_RasAdminAcceptNewConnection@12",
        ];
        let decorated = check(windows("nt4"), &names);
        assert!(
            !decorated.pass && decorated.detail.contains("@12"),
            "{decorated:?}"
        );
        let extra = check(
            windows("nt4"),
            &[NT4[0], NT4[1], NT4[2], NT4[3], "MprAdminTerminateDll"],
        );
        assert!(
            extra.pass && extra.detail.contains("MprAdminTerminateDll"),
            "{extra:?}"
        );
    }

    #[test]
    fn rras_needs_its_set() {
        let nt4_only = check(windows("2016"), &NT4);
        assert!(
            !nt4_only.pass && nt4_only.detail.contains("MprAdminTerminateDll"),
            "{nt4_only:?}"
        );
        let rras: Vec<&str> = RrasCallback::ALL.iter().map(|c| c.export_name()).collect();
        assert!(check(windows("2016"), &rras).pass);
        assert!(check(windows("2000"), &rras).pass);
        let no_ip: Vec<&str> = rras
            .iter()
            .copied()
            .filter(|n| !n.contains("IpAddress"))
            .collect();
        assert!(check(windows("xp"), &no_ip).pass);
        assert!(!check(windows("2000"), &no_ip).pass);
        assert_eq!(required(windows("2016"), &NT4).len(), RRAS_REQUIRED.len());
        assert!(required(windows("2016"), &rras).is_empty());
    }

    #[test]
    fn decorations_are_recognised() {
        let names = [
            "RasAdminAcceptNewConnection@12",
            "_MprAdminTerminateDll@0",
            "Other@4",
            "RasAdminReleaseIpAddress",
        ];
        assert_eq!(
            decorated(&names),
            ["RasAdminAcceptNewConnection@12", "_MprAdminTerminateDll@0"]
        );
    }
}
