//! The tools a build needs, checked (and installed where rustup can) before
//! cargo runs, and the `cargo build` command line of each kind of build.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use super::{BuildError, CoreTarget};
use crate::Arch;

/// The profile of a `no_std` build, passed with `--config` (so a user's
/// crate needs no `[profile]`): release, with what the link-time no-panic
/// proof needs.
pub const CORE_PROFILE: &str = "rassapi-core";
const CORE_PROFILE_SETTINGS: &[(&str, &str)] = &[
    ("inherits", "\"release\""),
    ("panic", "\"abort\""),
    ("lto", "\"fat\""),
    ("codegen-units", "1"),
    ("opt-level", "\"s\""),
    ("debug", "false"),
    ("strip", "\"symbols\""),
];

/// One `cargo` command to run.
#[derive(Debug)]
pub struct Invocation {
    /// The arguments after `cargo` (a `+toolchain` first where one is chosen).
    pub args: Vec<String>,
    /// Environment variables to set.
    pub env: Vec<(String, String)>,
}

/// Environment that would change the code behind the build's back.
pub const ENV_REMOVED: &[&str] = &[
    "RUSTFLAGS",
    "CARGO_ENCODED_RUSTFLAGS",
    "CARGO_BUILD_RUSTFLAGS",
    "CARGO_BUILD_TARGET",
    "RUSTC",
    "RUSTDOC",
];

fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program)
        .args(args)
        .env_remove("RUSTC")
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Runs an install command, its output on stderr.
fn install(command: &[&str]) -> bool {
    eprintln!("cargo rassapi build: running `{}`", command.join(" "));
    Command::new(command[0])
        .args(&command[1..])
        .stdout(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// rustup's `toolchain` with `rust-src`, installed when missing.
fn ensure_nightly(toolchain: &str) -> Result<(), BuildError> {
    let plus = format!("+{toolchain}");
    let install_cmd = [
        "rustup",
        "toolchain",
        "install",
        toolchain,
        "--profile",
        "minimal",
        "--component",
        "rust-src",
    ];
    if output("rustup", &["--version"]).is_none() {
        return Err(BuildError::Tool(format!(
            "rustup is not installed; a no_std build needs it for the {toolchain} toolchain with rust-src: \
             install rustup, then run `{}`",
            install_cmd.join(" ")
        )));
    }
    let sysroot = match output("rustc", &[&plus, "--print", "sysroot"]) {
        Some(s) => s,
        None => {
            if !install(&install_cmd) {
                return Err(BuildError::Tool(format!(
                    "cannot install the toolchain: run `{}`",
                    install_cmd.join(" ")
                )));
            }
            output("rustc", &[&plus, "--print", "sysroot"]).ok_or_else(|| {
                BuildError::Tool(format!(
                    "rustc {plus} does not run after `{}`",
                    install_cmd.join(" ")
                ))
            })?
        }
    };
    let core = Path::new(sysroot.trim()).join("lib/rustlib/src/rust/library/core/Cargo.toml");
    if !core.is_file() {
        let add = [
            "rustup",
            "component",
            "add",
            "rust-src",
            "--toolchain",
            toolchain,
        ];
        if !install(&add) || !core.is_file() {
            return Err(BuildError::Tool(format!(
                "the {toolchain} toolchain has no rust-src (core's source for -Zbuild-std): run `{}`",
                add.join(" ")
            )));
        }
    }
    Ok(())
}

/// The mingw-w64 gcc that links for `arch`.
fn ensure_linker(arch: Arch) -> Result<String, BuildError> {
    let gcc = format!("{}-gcc", arch.mingw_prefix());
    if output(&gcc, &["--version"]).is_none() {
        return Err(BuildError::Tool(format!(
            "the linker {gcc} is missing: on Debian or Ubuntu run `apt-get install {}` (as root)",
            arch.mingw_gcc_package()
        )));
    }
    Ok(gcc)
}

/// `--flag VALUE` or `--flag=VALUE` among the user's cargo arguments.
fn user_flag<'a>(args: &'a [String], flag: &str) -> Option<&'a str> {
    let prefix = format!("{flag}=");
    args.iter().enumerate().find_map(|(i, a)| {
        if a == flag {
            args.get(i + 1).map(String::as_str)
        } else {
            a.strip_prefix(&prefix)
        }
    })
}

fn reject_user_flags(args: &[String], flags: &[&str], why: &str) -> Result<(), BuildError> {
    for flag in flags {
        if args
            .iter()
            .any(|a| a == flag || a.starts_with(&format!("{flag}=")))
        {
            return Err(BuildError::Usage(format!(
                "`{flag}` is cargo rassapi's to choose: {why}"
            )));
        }
    }
    Ok(())
}

/// The target directory cargo will use for the user's crate.
fn target_dir(plus: &str, user_args: &[String]) -> Result<PathBuf, BuildError> {
    let mut args = vec![plus, "metadata", "--format-version", "1", "--no-deps"];
    if let Some(manifest) = user_flag(user_args, "--manifest-path") {
        args.extend(["--manifest-path", manifest]);
    }
    if let Some(dir) = user_flag(user_args, "--target-dir") {
        return Ok(PathBuf::from(dir));
    }
    let text = output("cargo", &args).ok_or_else(|| {
        BuildError::Cargo(
            ": `cargo metadata` failed (is there a Cargo.toml here, or a --manifest-path?)".into(),
        )
    })?;
    let meta: Value = serde_json::from_str(&text)
        .map_err(|e| BuildError::Cargo(format!(": cargo metadata: {e}")))?;
    meta["target_directory"]
        .as_str()
        .map(PathBuf::from)
        .ok_or_else(|| BuildError::Cargo(": cargo metadata gave no target_directory".into()))
}

/// Checks the tools, derives and writes the target spec, and returns the
/// `cargo build` of a `no_std` DLL.
pub fn core_build(
    target: CoreTarget,
    toolchain: &str,
    user_args: &[String],
) -> Result<Invocation, BuildError> {
    reject_user_flags(
        user_args,
        &["--release", "--profile", "--target", "-r"],
        "a no_std DLL is built for its derived target with the rassapi-core profile",
    )?;
    ensure_nightly(toolchain)?;
    ensure_linker(target.arch)?;
    let plus = format!("+{toolchain}");
    let base = target.base_triple();
    let stock_text = output(
        "rustc",
        &[
            &plus,
            "-Z",
            "unstable-options",
            "--print",
            "target-spec-json",
            "--target",
            &base,
        ],
    )
    .ok_or_else(|| {
        BuildError::Spec(format!(
            "`rustc {plus} -Z unstable-options --print target-spec-json --target {base}` failed"
        ))
    })?;
    let stock: Value = serde_json::from_str(&stock_text)
        .map_err(|e| BuildError::Spec(format!("rustc's spec of {base}: {e}")))?;
    let spec = target.derive(&stock)?;
    let dir = target_dir(&plus, user_args)?.join("rassapi-targets");
    std::fs::create_dir_all(&dir).map_err(|e| BuildError::Io(dir.clone(), e))?;
    let path = dir.join(format!("{}.json", target.name()));
    let text =
        serde_json::to_string_pretty(&spec).map_err(|e| BuildError::Spec(e.to_string()))? + "\n";
    // Rewritten only when it changes, so cargo's fingerprints hold.
    if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(&path, text).map_err(|e| BuildError::Io(path.clone(), e))?;
    }
    eprintln!(
        "cargo rassapi build: target {} (derived from {base} of rustc {plus})",
        path.display()
    );
    let mut args: Vec<String> = vec![
        plus,
        "build".into(),
        "--target".into(),
        path.display().to_string(),
        "-Zjson-target-spec".into(),
        "-Zbuild-std=core,compiler_builtins".into(),
        // compiler-builtins' own memcpy/memset: no msvcrt.
        "-Zbuild-std-features=compiler-builtins-mem".into(),
        "--profile".into(),
        CORE_PROFILE.into(),
    ];
    for (key, value) in CORE_PROFILE_SETTINGS {
        args.push("--config".into());
        args.push(format!("profile.{CORE_PROFILE}.{key}={value}"));
    }
    args.extend(user_args.iter().cloned());
    Ok(Invocation {
        args,
        env: Vec::new(),
    })
}

/// Checks the tools (installing the target's std with rustup if missing)
/// and returns the `cargo build` of a `std` DLL.
pub fn std_build(arch: Arch, user_args: &[String]) -> Result<Invocation, BuildError> {
    reject_user_flags(
        user_args,
        &["--target"],
        "the target follows from --windows and --arch",
    )?;
    let linker = ensure_linker(arch)?;
    let triple = format!("{}-pc-windows-gnu", arch.triple_arch());
    let libdir = output("rustc", &["--print", "target-libdir", "--target", &triple])
        .map(|s| PathBuf::from(s.trim()))
        .unwrap_or_default();
    let has_std = |dir: &Path| {
        std::fs::read_dir(dir).is_ok_and(|entries| {
            entries
                .flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with("libstd-"))
        })
    };
    if !has_std(&libdir) {
        let add = ["rustup", "target", "add", triple.as_str()];
        if !install(&add) || !has_std(&libdir) {
            return Err(BuildError::Tool(format!(
                "no std for {triple}: run `{}`",
                add.join(" ")
            )));
        }
    }
    let mut args: Vec<String> = vec!["build".into(), "--target".into(), triple.clone()];
    if user_flag(user_args, "--profile").is_none()
        && !user_args.iter().any(|a| a == "--release" || a == "-r")
    {
        args.push("--release".into());
    }
    args.extend(user_args.iter().cloned());
    let var = format!(
        "CARGO_TARGET_{}_LINKER",
        triple.to_ascii_uppercase().replace('-', "_")
    );
    let env = if std::env::var_os(&var).is_some() {
        Vec::new()
    } else {
        vec![(var, linker)]
    };
    Ok(Invocation { args, env })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_flags_in_both_spellings() {
        let args: Vec<String> = [
            "-p",
            "x",
            "--manifest-path",
            "a/Cargo.toml",
            "--target-dir=t",
        ]
        .map(String::from)
        .into();
        assert_eq!(user_flag(&args, "--manifest-path"), Some("a/Cargo.toml"));
        assert_eq!(user_flag(&args, "--target-dir"), Some("t"));
        assert_eq!(user_flag(&args, "--features"), None);
        assert!(reject_user_flags(&args, &["--target"], "").is_ok());
        let err = reject_user_flags(&["--release".to_owned()], &["--release"], "why").unwrap_err();
        assert!(
            err.to_string().contains("`--release` is cargo rassapi's"),
            "{err}"
        );
    }
}
