//! `rasreg`: register, unregister or print the registration of a RAS admin
//! DLL. Run `cargo run --example rasreg -- --help`.
//!
//! `install`, `uninstall` and `query` change or read the Windows registry
//! and exist on Windows only; `print-reg` renders `.reg` file text on any OS.

use rassapi::registration::Registration;
use std::process::ExitCode;

const USAGE: &str = "\
rasreg: register a RAS admin DLL with the Remote Access Service
(HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\RAS\\AdminDll)

USAGE:
    rasreg install <display-name> <dll-path> [--force]
    rasreg uninstall <dll-path>
    rasreg query
    rasreg print-reg install|uninstall <display-name> <dll-path> [--output <file.reg>]
    rasreg --help

COMMANDS:
    install     Check that <dll-path> is a DLL exporting at least one RAS admin
                callback and register it. Refuses to replace another vendor's
                DLL unless --force is given; installing again is harmless.
                Needs an administrator. Windows only.
    uninstall   Remove the registration if it names <dll-path>; another
                vendor's registration is left alone. Windows only.
    query       Show the registered DLL. Windows only.
    print-reg   Print .reg file text (CRLF) for a setup tool, on any OS. With
                --output, write the file as Registry Editor does (UTF-16LE
                with a byte-order mark), which keeps non-ASCII names intact.
                A .reg file cannot check what is registered: its install
                replaces any DLL, its uninstall removes the values whatever
                DLL they name.

Restart the Remote Access service after install or uninstall.

EXIT STATUS: 0 success, 1 the operation failed, 2 usage error or not on Windows.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    if args.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    if args.iter().any(|a| matches!(*a, "--help" | "-h" | "help")) {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(msg)) => {
            eprintln!("rasreg: {msg}\nTry `rasreg --help`.");
            ExitCode::from(2)
        }
        Err(Failure::NotWindows(cmd)) => {
            eprintln!(
                "rasreg: `{cmd}` changes the Windows registry and works only on Windows; \
                 use `rasreg print-reg` to produce a .reg file instead."
            );
            ExitCode::from(2)
        }
        Err(Failure::Failed(msg)) => {
            eprintln!("rasreg: {msg}");
            ExitCode::from(1)
        }
    }
}

enum Failure {
    Usage(String),
    #[cfg_attr(windows, allow(dead_code))]
    NotWindows(&'static str),
    Failed(String),
}

impl From<rassapi::registration::RegistrationError> for Failure {
    fn from(e: rassapi::registration::RegistrationError) -> Self {
        Failure::Failed(e.to_string())
    }
}

/// Splits `--flag` options from positional arguments.
fn split_flags<'a>(
    args: &[&'a str],
    known: &[&str],
) -> Result<(Vec<&'a str>, Vec<&'a str>), Failure> {
    let (mut flags, mut positional) = (Vec::new(), Vec::new());
    for a in args {
        if a.starts_with("--") {
            if !known.contains(a) {
                return Err(Failure::Usage(format!("unknown option {a}")));
            }
            flags.push(*a);
        } else {
            positional.push(*a);
        }
    }
    Ok((flags, positional))
}

fn run(args: &[&str]) -> Result<(), Failure> {
    let (cmd, rest) = (args[0], &args[1..]);
    match cmd {
        "install" => {
            let (flags, pos) = split_flags(rest, &["--force"])?;
            let [name, path] = pos[..] else {
                return Err(Failure::Usage(
                    "install needs <display-name> <dll-path>".into(),
                ));
            };
            install(name, path, flags.contains(&"--force"))
        }
        "uninstall" => {
            let (_, pos) = split_flags(rest, &[])?;
            let [path] = pos[..] else {
                return Err(Failure::Usage("uninstall needs <dll-path>".into()));
            };
            uninstall(path)
        }
        "query" => {
            if !rest.is_empty() {
                return Err(Failure::Usage("query takes no arguments".into()));
            }
            query()
        }
        "print-reg" => print_reg(rest),
        other => Err(Failure::Usage(format!("unknown command {other:?}"))),
    }
}

fn print_reg(args: &[&str]) -> Result<(), Failure> {
    // `--output <file>` takes a value; everything else is positional.
    let mut output = None;
    let mut pos = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match *a {
            "--output" | "-o" => match it.next() {
                Some(file) => output = Some(*file),
                None => return Err(Failure::Usage("--output needs a file name".into())),
            },
            flag if flag.starts_with("--") => {
                return Err(Failure::Usage(format!("unknown option {flag}")));
            }
            p => pos.push(p),
        }
    }
    let [kind, name, path] = pos[..] else {
        return Err(Failure::Usage(
            "print-reg needs install|uninstall <display-name> <dll-path>".into(),
        ));
    };
    let reg = Registration::new(name, path)?;
    let text = match kind {
        "install" => reg.to_reg_install(),
        "uninstall" => reg.to_reg_uninstall(),
        other => {
            return Err(Failure::Usage(format!(
                "print-reg: expected install or uninstall, not {other:?}"
            )));
        }
    };
    match output {
        Some(file) => {
            let bytes = rassapi::registration::encode_reg_file(&text);
            std::fs::write(file, bytes)
                .map_err(|e| Failure::Failed(format!("cannot write {file}: {e}")))?;
            eprintln!("rasreg: wrote {file} (UTF-16LE)");
        }
        None => print!("{text}"),
    }
    Ok(())
}

#[cfg(windows)]
fn absolute(path: &str) -> Result<std::path::PathBuf, Failure> {
    // Accept `.\acct.dll` on the command line; the library itself insists on
    // an absolute path, since the RAS service has another working folder.
    std::path::absolute(path).map_err(|e| Failure::Failed(format!("{path}: {e}")))
}

#[cfg(windows)]
fn install(name: &str, path: &str, force: bool) -> Result<(), Failure> {
    use rassapi::registration::{InstallOptions, InstallOutcome, RegistrationError};
    let path = absolute(path)?;
    let options = InstallOptions {
        overwrite_other_vendor: force,
    };
    match rassapi::registration::install(name, &path, options) {
        Ok(InstallOutcome::Installed) => println!("registered {}", path.display()),
        Ok(InstallOutcome::AlreadyInstalled) => {
            println!("already registered: {}", path.display());
            return Ok(());
        }
        Ok(InstallOutcome::DisplayNameUpdated { previous }) => {
            println!("already registered; display name changed from {previous:?} to {name:?}")
        }
        Ok(InstallOutcome::Replaced { previous }) => {
            println!("registered {} (replaced {previous})", path.display());
        }
        Ok(other) => println!("{other:?}"),
        Err(e @ RegistrationError::Conflict { .. }) => {
            return Err(Failure::Failed(format!(
                "{e}\nNot replaced. Uninstall that product first, or pass --force to replace it."
            )));
        }
        Err(e) => return Err(e.into()),
    }
    println!("Restart the Remote Access service for the change to take effect.");
    Ok(())
}

#[cfg(windows)]
fn uninstall(path: &str) -> Result<(), Failure> {
    use rassapi::registration::UninstallOutcome;
    let path = absolute(path)?;
    let outcome = rassapi::registration::uninstall(&path)?;
    match &outcome {
        UninstallOutcome::Removed => println!("unregistered {}", path.display()),
        UninstallOutcome::RemovedFromList { remaining } => {
            println!(
                "removed {} from DLLPath; still registered: {remaining}",
                path.display()
            );
        }
        UninstallOutcome::NotRegistered => {
            println!("no RAS admin DLL is registered; nothing to do")
        }
        UninstallOutcome::NotOurs { existing } => {
            println!("another DLL is registered and was left alone: {existing}");
        }
        other => println!("{other:?}"),
    }
    if outcome.removed() {
        println!("Restart the Remote Access service for the change to take effect.");
    }
    Ok(())
}

#[cfg(windows)]
fn query() -> Result<(), Failure> {
    match rassapi::registration::query()? {
        Some(dll) => {
            println!(
                "DisplayName: {}",
                dll.display_name.as_deref().unwrap_or("(none)")
            );
            println!(
                "DLLPath:     {}{}",
                dll.dll_path,
                if dll.expand { "  (REG_EXPAND_SZ)" } else { "" }
            );
        }
        None => println!("no RAS admin DLL is registered"),
    }
    Ok(())
}

#[cfg(not(windows))]
fn install(_name: &str, _path: &str, _force: bool) -> Result<(), Failure> {
    Err(Failure::NotWindows("install"))
}

#[cfg(not(windows))]
fn uninstall(_path: &str) -> Result<(), Failure> {
    Err(Failure::NotWindows("uninstall"))
}

#[cfg(not(windows))]
fn query() -> Result<(), Failure> {
    Err(Failure::NotWindows("query"))
}
