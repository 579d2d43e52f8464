//! `rasreg`: register, unregister or print the registration of a RAS admin
//! DLL. Run `cargo run --example rasreg -- --help`.
//!
//! `install`, `uninstall` and `query` change or read the Windows registry
//! and exist on Windows only; `print-reg` renders `.reg` file text and
//! `print-inf` an `.inf` installer, on any OS.

use rassapi::registration::{InfInstaller, RegFormat, Registration};
use std::process::ExitCode;

const USAGE: &str = "\
rasreg: register a RAS admin DLL with the Remote Access Service
(HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\RAS\\AdminDll)

USAGE:
    rasreg install <display-name> <dll-path> [--force] [--allow-missing-rras-exports]
    rasreg uninstall <dll-path>
    rasreg query
    rasreg print-reg [--regedit5] install|uninstall <display-name> <dll-path> [--output <file.reg>]
    rasreg print-inf <display-name> <file.dll> [--output <file.inf>]
    rasreg --help

COMMANDS:
    install     Check that <dll-path> is a DLL whose exports suit this Windows
                version and register it. On Windows 2000 and later Routing and
                Remote Access calls MprAdmin* callbacks and fails to start if a
                required one is missing, so a DLL without them is refused;
                --allow-missing-rras-exports registers it anyway (only where
                the remote access service is not in use). Refuses to replace
                another vendor's DLL unless --force is given (on Server 2003
                and later, which read a ';' list, it appends to theirs instead);
                installing again is harmless. Needs an administrator. Windows
                only.
    uninstall   Remove the registration if it names <dll-path>; another
                vendor's registration is left alone. Windows only.
    query       Show the registered DLL. Windows only.
    print-reg   Print .reg file text (CRLF), on any OS. The default format is
                REGEDIT4, the only one Windows NT 4.0 reads: ASCII names and
                paths only. --regedit5 prints \"Windows Registry Editor Version
                5.00\" text (Windows 2000 and later) and, with --output, writes
                it as UTF-16LE with a byte-order mark, which keeps non-ASCII
                names intact. A .reg file cannot check what is registered: its
                install replaces any DLL, its uninstall removes the two values
                whatever DLL they name (on NT 4.0 uninstall with the .inf).
    print-inf   Print an .inf file (ASCII, CRLF) that installs <file.dll> on
                Windows NT 4.0: put both in one folder, right-click the .inf,
                Install. It copies the DLL to system32 and sets DisplayName and
                DLLPath; its DefaultUninstall section deletes exactly those.
                <file.dll> is a file name, not a path.

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
            let (flags, pos) = split_flags(rest, &["--force", "--allow-missing-rras-exports"])?;
            let [name, path] = pos[..] else {
                return Err(Failure::Usage(
                    "install needs <display-name> <dll-path>".into(),
                ));
            };
            install(
                name,
                path,
                flags.contains(&"--force"),
                flags.contains(&"--allow-missing-rras-exports"),
            )
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
        "print-inf" => print_inf(rest),
        other => Err(Failure::Usage(format!("unknown command {other:?}"))),
    }
}

/// What `print-reg` and `print-inf` were given.
struct PrintArgs<'a> {
    /// `--output <file>`.
    output: Option<&'a str>,
    /// The switches (of those allowed) that were given.
    switches: Vec<&'a str>,
    positional: Vec<&'a str>,
}

/// Splits `--output <file>` (and the switches in `allowed`) from the
/// positional arguments.
fn print_args<'a>(args: &[&'a str], allowed: &[&str]) -> Result<PrintArgs<'a>, Failure> {
    let mut parsed = PrintArgs {
        output: None,
        switches: Vec::new(),
        positional: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match *a {
            "--output" | "-o" => match it.next() {
                Some(file) => parsed.output = Some(*file),
                None => return Err(Failure::Usage("--output needs a file name".into())),
            },
            flag if allowed.contains(&flag) => parsed.switches.push(flag),
            flag if flag.starts_with("--") => {
                return Err(Failure::Usage(format!("unknown option {flag}")));
            }
            p => parsed.positional.push(p),
        }
    }
    Ok(parsed)
}

fn write_or_print(
    output: Option<&str>,
    text: &str,
    bytes: Vec<u8>,
    what: &str,
) -> Result<(), Failure> {
    match output {
        Some(file) => {
            std::fs::write(file, bytes)
                .map_err(|e| Failure::Failed(format!("cannot write {file}: {e}")))?;
            eprintln!("rasreg: wrote {file} ({what})");
        }
        None => print!("{text}"),
    }
    Ok(())
}

fn print_reg(args: &[&str]) -> Result<(), Failure> {
    let PrintArgs {
        output,
        switches,
        positional: pos,
    } = print_args(args, &["--regedit5"])?;
    let format = if switches.contains(&"--regedit5") {
        RegFormat::Regedit5
    } else {
        RegFormat::Regedit4
    };
    let [kind, name, path] = pos[..] else {
        return Err(Failure::Usage(
            "print-reg needs install|uninstall <display-name> <dll-path>".into(),
        ));
    };
    let reg = Registration::new(name, path)?;
    let text = match kind {
        "install" => reg.to_reg_install(format)?,
        "uninstall" => reg.to_reg_uninstall(format)?,
        other => {
            return Err(Failure::Usage(format!(
                "print-reg: expected install or uninstall, not {other:?}"
            )));
        }
    };
    let bytes = rassapi::registration::encode_reg_file(&text, format)?;
    let what = match format {
        RegFormat::Regedit5 => "UTF-16LE",
        _ => "REGEDIT4, ASCII",
    };
    write_or_print(output, &text, bytes, what)
}

fn print_inf(args: &[&str]) -> Result<(), Failure> {
    let PrintArgs {
        output,
        positional: pos,
        ..
    } = print_args(args, &[])?;
    let [name, file] = pos[..] else {
        return Err(Failure::Usage(
            "print-inf needs <display-name> <file.dll>".into(),
        ));
    };
    let text = InfInstaller::new(name, file)?.to_inf();
    write_or_print(output, &text, text.clone().into_bytes(), "ASCII")
}

#[cfg(windows)]
fn absolute(path: &str) -> Result<std::path::PathBuf, Failure> {
    // Accept `.\acct.dll` on the command line; the library itself insists on
    // an absolute path, since the RAS service has another working folder.
    std::path::absolute(path).map_err(|e| Failure::Failed(format!("{path}: {e}")))
}

#[cfg(windows)]
fn install(name: &str, path: &str, force: bool, allow_missing: bool) -> Result<(), Failure> {
    use rassapi::registration::{InstallOptions, InstallOutcome, RegistrationError};
    let path = absolute(path)?;
    let options = InstallOptions {
        overwrite_other_vendor: force,
        allow_missing_rras_exports: allow_missing,
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
        Ok(InstallOutcome::AddedToList { previous, dll_path }) => {
            println!(
                "registered {} after {previous}; DLLPath is now {dll_path}",
                path.display()
            );
        }
        Ok(other) => println!("{other:?}"),
        Err(e @ RegistrationError::Conflict { .. }) => {
            return Err(Failure::Failed(format!(
                "{e}\nNot replaced. Uninstall that product first, or pass --force to replace it."
            )));
        }
        Err(e @ RegistrationError::MissingRrasExports { .. }) => {
            return Err(Failure::Failed(format!(
                "{e}\nNot registered. Build the DLL with the MprAdmin* exports too, or pass \
                 --allow-missing-rras-exports if the remote access service is not in use here."
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
fn install(_name: &str, _path: &str, _force: bool, _allow: bool) -> Result<(), Failure> {
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
