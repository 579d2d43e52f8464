//! The `rasreg` example CLI (`examples/rasreg.rs`), run as a user runs it:
//! exit status, usage text, and the exact `.reg` text `print-reg` prints.
//!
//! Cargo builds examples for `cargo test` but tells tests nowhere where
//! they are, so each run goes through `cargo run --example rasreg` from the
//! package root (after the first run builds it, cargo only checks that it
//! is fresh). A `CARGO_TARGET_DIR` in the environment is inherited.
//!
//! Not built for Windows targets: under Wine (`scripts/windows-env.sh`)
//! `env!("CARGO")` is the Linux cargo, which a Windows process cannot start,
//! and it would build a Linux `rasreg` anyway. What `install`, `uninstall`
//! and `query` do on Windows is tested through the library, by
//! `tests/registration_windows.rs`.
#![cfg(not(windows))]

use rassapi::registration::Registration;
use std::process::Command;

const NAME: &str = "Netwerks RAS Admin DLL";
const PATH: &str = r"C:\nt\system32\ntwkadm.dll";

/// What one run of `rasreg` did; displayed in assertion messages.
struct Run {
    args: Vec<String>,
    /// The exit code (`None`: killed by a signal).
    code: Option<i32>,
    stdout: String,
    /// The CLI's messages (and cargo's, should it have any).
    stderr: String,
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "rasreg {:?}: exit code {:?}\n--- stdout:\n{}\n--- stderr:\n{}",
            self.args, self.code, self.stdout, self.stderr
        )
    }
}

fn rasreg(args: &[&str]) -> Run {
    let cargo = env!("CARGO");
    let out = Command::new(cargo)
        .args(["run", "-q", "--example", "rasreg", "--"])
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap_or_else(|e| panic!("cannot start {cargo}: {e}"));
    Run {
        args: args.iter().map(|&a| a.to_owned()).collect(),
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn help_exits_0_and_names_the_commands() {
    let run = rasreg(&["--help"]);
    assert_eq!(run.code, Some(0), "{run}");
    for word in ["install", "uninstall", "print-reg"] {
        assert!(run.stdout.contains(word), "no {word:?} in {run}");
    }
}

#[test]
fn print_reg_install_prints_the_exact_reg_text() {
    let run = rasreg(&["print-reg", "install", NAME, PATH]);
    assert_eq!(run.code, Some(0), "{run}");
    let expected = Registration::new(NAME, PATH).unwrap().to_reg_install();
    assert_eq!(run.stdout, expected, "{run}");
    // The value lines, spelled out (the library renders them; this pins
    // what a setup tool gets).
    assert!(
        run.stdout
            .contains("\r\n\"DisplayName\"=\"Netwerks RAS Admin DLL\"\r\n"),
        "{run}"
    );
    assert!(
        run.stdout
            .contains("\r\n\"DLLPath\"=\"C:\\\\nt\\\\system32\\\\ntwkadm.dll\"\r\n"),
        "{run}"
    );
}

#[test]
fn print_reg_uninstall_prints_the_exact_reg_text() {
    let run = rasreg(&["print-reg", "uninstall", NAME, PATH]);
    assert_eq!(run.code, Some(0), "{run}");
    let expected = Registration::new(NAME, PATH).unwrap().to_reg_uninstall();
    assert_eq!(run.stdout, expected, "{run}");
    assert!(
        run.stdout
            .contains("\r\n\"DisplayName\"=-\r\n\"DLLPath\"=-\r\n"),
        "{run}"
    );
}

#[test]
fn invalid_path_fails_with_the_reason() {
    let run = rasreg(&["print-reg", "install", NAME, "ntwkadm.dll"]);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(run.stdout.is_empty(), "{run}");
    assert!(
        run.stderr
            .contains(r#"rasreg: invalid DLL path "ntwkadm.dll": not absolute"#),
        "{run}"
    );
}

/// `install`, `uninstall` and `query` exist on Windows only; elsewhere they
/// are a usage error that points at `print-reg`.
#[test]
fn registry_commands_exit_2_off_windows() {
    for args in [
        &["install", NAME, PATH][..],
        &["uninstall", PATH],
        &["query"],
    ] {
        let run = rasreg(args);
        assert_eq!(run.code, Some(2), "{run}");
        assert!(run.stdout.is_empty(), "{run}");
        assert!(
            run.stderr.contains(&format!(
                "rasreg: `{}` changes the Windows registry and works only on Windows",
                args[0]
            )),
            "{run}"
        );
        assert!(run.stderr.contains("rasreg print-reg"), "{run}");
    }
}
