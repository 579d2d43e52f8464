//! The `rasreg` example CLI (`examples/rasreg.rs`), run as a user runs it:
//! exit status, usage text, and the exact `.reg` and `.inf` text
//! `print-reg` and `print-inf` print (and write with `--output`).
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

use rassapi::registration::{InfInstaller, RegFormat, Registration};
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
        // The example needs `registration`: in the repository the self
        // dev-dependency turns it on, in the packaged crate only this flag.
        .args([
            "run",
            "-q",
            "--features",
            "registration",
            "--example",
            "rasreg",
            "--",
        ])
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
    for word in [
        "install",
        "uninstall",
        "print-reg",
        "print-inf",
        "--regedit5",
        "--allow-missing-rras-exports",
        "REGEDIT4",
    ] {
        assert!(run.stdout.contains(word), "no {word:?} in {run}");
    }
}

#[test]
fn print_reg_install_prints_the_exact_regedit4_text() {
    let run = rasreg(&["print-reg", "install", NAME, PATH]);
    assert_eq!(run.code, Some(0), "{run}");
    let expected = Registration::new(NAME, PATH)
        .unwrap()
        .to_reg_install(RegFormat::Regedit4)
        .unwrap();
    assert_eq!(run.stdout, expected, "{run}");
    // Spelled out: what a setup tool gets.
    assert_eq!(
        run.stdout,
        concat!(
            "REGEDIT4\r\n\r\n",
            "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\RAS\\AdminDll]\r\n",
            "\"DisplayName\"=\"Netwerks RAS Admin DLL\"\r\n",
            "\"DLLPath\"=\"C:\\\\nt\\\\system32\\\\ntwkadm.dll\"\r\n",
            "\r\n"
        ),
        "{run}"
    );
}

#[test]
fn print_reg_regedit5_option() {
    for args in [
        &["print-reg", "--regedit5", "install", NAME, PATH][..],
        &["print-reg", "install", NAME, PATH, "--regedit5"],
    ] {
        let run = rasreg(args);
        assert_eq!(run.code, Some(0), "{run}");
        let expected = Registration::new(NAME, PATH)
            .unwrap()
            .to_reg_install(RegFormat::Regedit5)
            .unwrap();
        assert_eq!(run.stdout, expected, "{run}");
        assert!(
            run.stdout
                .starts_with("Windows Registry Editor Version 5.00\r\n\r\n"),
            "{run}"
        );
    }
}

#[test]
fn print_reg_uninstall_prints_the_exact_reg_text() {
    let run = rasreg(&["print-reg", "uninstall", NAME, PATH]);
    assert_eq!(run.code, Some(0), "{run}");
    assert_eq!(
        run.stdout,
        concat!(
            "REGEDIT4\r\n\r\n",
            "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\RAS\\AdminDll]\r\n",
            "\"DisplayName\"=-\r\n",
            "\"DLLPath\"=-\r\n",
            "\r\n"
        ),
        "{run}"
    );
}

#[test]
fn print_reg_non_ascii_needs_regedit5() {
    let run = rasreg(&["print-reg", "install", "Überwachung", PATH]);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(run.stdout.is_empty(), "{run}");
    assert!(
        run.stderr.contains(
            "rasreg: DisplayName \"Überwachung\" contains 'Ü' (U+00DC) at character 0: \
             REGEDIT4 files are read in the machine's ANSI code page"
        ),
        "{run}"
    );
    let run = rasreg(&["print-reg", "--regedit5", "install", "Überwachung", PATH]);
    assert_eq!(run.code, Some(0), "{run}");
    assert!(
        run.stdout.contains("\"DisplayName\"=\"Überwachung\"\r\n"),
        "{run}"
    );
}

/// A scratch file in the temporary folder, removed when dropped.
struct Scratch(std::path::PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir();
        Self(dir.join(format!("rasreg-cli-{}-{name}", std::process::id())))
    }
    fn arg(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn print_reg_output_files() {
    let out = Scratch::new("r4.reg");
    let run = rasreg(&["print-reg", "install", NAME, PATH, "--output", out.arg()]);
    assert_eq!(run.code, Some(0), "{run}");
    assert!(run.stdout.is_empty(), "{run}");
    let text = Registration::new(NAME, PATH)
        .unwrap()
        .to_reg_install(RegFormat::Regedit4)
        .unwrap();
    assert_eq!(std::fs::read(&out.0).unwrap(), text.as_bytes());

    let out5 = Scratch::new("r5.reg");
    let run = rasreg(&[
        "print-reg",
        "--regedit5",
        "install",
        "Ü",
        PATH,
        "-o",
        out5.arg(),
    ]);
    assert_eq!(run.code, Some(0), "{run}");
    let bytes = std::fs::read(&out5.0).unwrap();
    assert_eq!(&bytes[..2], &[0xff, 0xfe], "{run}");
    let units: Vec<u16> = bytes[2..]
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    let text5 = String::from_utf16(&units).unwrap();
    assert!(text5.contains("\"DisplayName\"=\"Ü\"\r\n"), "{text5}");
}

#[test]
fn print_inf_prints_the_exact_inf_text() {
    let run = rasreg(&["print-inf", "Contoso \"100%\" Acct", "acct.dll"]);
    assert_eq!(run.code, Some(0), "{run}");
    let expected = InfInstaller::new("Contoso \"100%\" Acct", "acct.dll")
        .unwrap()
        .to_inf();
    assert_eq!(run.stdout, expected, "{run}");
    for line in [
        "\r\nSignature=\"$Windows NT$\"\r\n",
        "\r\n[DefaultInstall]\r\nCopyFiles=RasAdminDll.Copy\r\nAddReg=RasAdminDll.AddReg\r\n",
        "\r\n[DefaultUninstall]\r\nDelFiles=RasAdminDll.Copy\r\nDelReg=RasAdminDll.DelReg\r\n",
        "\r\nHKLM,\"SOFTWARE\\Microsoft\\RAS\\AdminDll\",\"DisplayName\",0x00000000,\"Contoso \"\"100%%\"\" Acct\"\r\n",
        "\r\nHKLM,\"SOFTWARE\\Microsoft\\RAS\\AdminDll\",\"DLLPath\",0x00000000,\"%11%\\acct.dll\"\r\n",
    ] {
        assert!(run.stdout.contains(line), "no {line:?} in {run}");
    }
    let out = Scratch::new("a.inf");
    let run = rasreg(&["print-inf", "Contoso", "acct.dll", "--output", out.arg()]);
    assert_eq!(run.code, Some(0), "{run}");
    assert_eq!(
        std::fs::read(&out.0).unwrap(),
        InfInstaller::new("Contoso", "acct.dll")
            .unwrap()
            .to_inf()
            .as_bytes()
    );
}

#[test]
fn print_inf_rejects_paths_and_usage_errors() {
    let run = rasreg(&["print-inf", "Contoso", r"C:\ras\acct.dll"]);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(run.stdout.is_empty(), "{run}");
    assert!(
        run.stderr.contains(
            r#"rasreg: invalid DLL file name "C:\\ras\\acct.dll": a path, not a file name"#
        ),
        "{run}"
    );
    let run = rasreg(&["print-inf", "Contoso"]);
    assert_eq!(run.code, Some(2), "{run}");
    assert!(
        run.stderr
            .contains("print-inf needs <display-name> <file.dll>"),
        "{run}"
    );
    let run = rasreg(&["print-inf", "--regedit5", "Contoso", "a.dll"]);
    assert_eq!(run.code, Some(2), "{run}");
    assert!(run.stderr.contains("unknown option --regedit5"), "{run}");
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
