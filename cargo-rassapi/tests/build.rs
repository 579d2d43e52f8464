//! `cargo rassapi build` without what it needs: it stops before cargo runs
//! and names the command that installs the missing piece. (Real builds run
//! in `scripts/test nt4`: nt4/'s DLLs and the README's crates.)

use std::path::{Path, PathBuf};
use std::process::Command;

/// A PATH with rustup's proxies (cargo, rustc, rustup) and nothing else.
fn path_without_mingw() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("path-without-mingw");
    std::fs::create_dir_all(&dir).expect("creates the PATH directory");
    for tool in ["cargo", "rustc", "rustup"] {
        let found = std::env::var_os("PATH")
            .and_then(|path| {
                std::env::split_paths(&path)
                    .map(|d| d.join(tool))
                    .find(|p| p.is_file())
            })
            .unwrap_or_else(|| panic!("{tool} is not on PATH (install rustup)"));
        let link = dir.join(tool);
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(found, &link).expect("links the tool");
    }
    dir
}

fn build(windows: &str, arch: &str) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_cargo-rassapi"))
        .args(["rassapi", "build", "--windows", windows, "--arch", arch])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("PATH", path_without_mingw())
        .output()
        .expect("runs cargo-rassapi");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_missing_linker_is_named_with_its_install_command() {
    for (windows, arch, package) in [
        ("nt4", "x86", "gcc-mingw-w64-i686"),
        ("2025", "x86_64", "gcc-mingw-w64-x86-64"),
    ] {
        let (code, stdout, stderr) = build(windows, arch);
        assert_eq!(code, Some(1), "{windows}: {stderr}");
        assert!(
            stdout.is_empty(),
            "{windows}: no DLL path when nothing was built: {stdout}"
        );
        assert!(
            stderr.contains(&format!("apt-get install {package}")),
            "{windows}: {stderr}"
        );
    }
}

#[test]
fn cargo_rassapi_owns_the_profile_and_target_of_a_no_std_build() {
    for flag in ["--release", "--target", "--profile"] {
        let out = Command::new(env!("CARGO_BIN_EXE_cargo-rassapi"))
            .args(["rassapi", "build", "--windows", "nt4", flag, "x"])
            .output()
            .expect("runs cargo-rassapi");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{flag}: {stderr}");
        assert!(
            stderr.contains(&format!("`{flag}` is cargo rassapi's")),
            "{flag}: {stderr}"
        );
    }
}

#[test]
fn a_windows_without_that_architecture_is_refused() {
    let out = Command::new(env!("CARGO_BIN_EXE_cargo-rassapi"))
        .args(["rassapi", "build", "--windows", "2000", "--arch", "x86_64"])
        .output()
        .expect("runs cargo-rassapi");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("has no x86_64 edition"), "{stderr}");
}
