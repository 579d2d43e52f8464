//! `cargo rassapi build`: the DLL of the user's crate for a Windows.
//!
//! Two kinds of build, chosen by the Windows:
//!
//! | Windows | kind | target | toolchain |
//! |---|---|---|---|
//! | before 10 (NT 4.0 to 2012 R2) | `no_std` (rassapi's feature `nt4`) | derived from rustc's own `*-pc-windows-gnu` spec ([`spec`]): i586 on x86, PE header 4.0 (5.2 on x86-64), kernel32 only | nightly with `rust-src` (`-Zbuild-std=core`) |
//! | 10 and later (Server 2016 to 2025) | `std` | `x86_64-pc-windows-gnu` / `i686-pc-windows-gnu` | the active toolchain, with that target's std |
//!
//! The `no_std` build always uses cargo rassapi's own profile
//! (`rassapi-core`: release, `panic = "abort"`, fat LTO, one codegen unit,
//! `opt-level = "s"`, stripped): the link-time no-panic proof of rassapi's
//! `nt4` runtime needs it. `--no-std` picks that kind for Windows 10 too.

mod cargo;
mod spec;
mod toolchain;

use std::path::PathBuf;
use std::process::ExitCode;

use crate::{Arch, TargetWindows};

pub use spec::CoreTarget;

/// `cargo rassapi build` arguments.
#[derive(clap::Args)]
pub struct BuildArgs {
    /// The Windows the DLL is for: nt4, 2000, xp, 2003, 2008, 2008r2,
    /// 2012, 2012r2, 2016, 2019, 2022, 2025, 10, 11, or major.minor.
    #[arg(long, value_name = "WINDOWS")]
    pub windows: TargetWindows,
    /// The architecture (default: x86 up to 2008, x86_64 from 2008 R2).
    #[arg(long)]
    pub arch: Option<Arch>,
    /// Build the `no_std` kind even for a Windows where `std` runs.
    #[arg(long)]
    pub no_std: bool,
    /// The rustup toolchain of a `no_std` build.
    #[arg(long, default_value = "nightly", value_name = "TOOLCHAIN")]
    pub toolchain: String,
    /// Keep the stock CPU and float ABI of i686-pc-windows-gnu (Pentium 4,
    /// SSE2) in a `no_std` x86 build: a DLL `check --windows nt4` must
    /// reject (a negative control).
    #[arg(long, hide = true)]
    pub stock_cpu: bool,
    /// Arguments passed on to `cargo build` (e.g. `-p NAME`, `--features`,
    /// `--manifest-path`, `--example NAME`).
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "CARGO BUILD ARGS"
    )]
    pub cargo_args: Vec<String>,
}

/// What went wrong, each naming what fixes it.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// A tool is missing or failed; the message names the install command.
    #[error("{0}")]
    Tool(String),
    /// The target spec could not be derived.
    #[error("cannot derive the target: {0}")]
    Spec(String),
    /// The arguments do not fit together.
    #[error("{0}")]
    Usage(String),
    /// `cargo build` failed (its diagnostics are above).
    #[error("cargo build failed{0}")]
    Cargo(String),
    /// Reading or writing a file.
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
}

/// The build a `--windows`/`--arch` pair asks for.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    /// `no_std`, on a derived target.
    Core(CoreTarget),
    /// `std`, on the stock target of that architecture.
    Std(Arch),
}

impl Kind {
    /// Chooses the kind.
    pub fn for_args(args: &BuildArgs) -> Result<Kind, BuildError> {
        let arch = args
            .windows
            .arch(args.arch)
            .map_err(|e| BuildError::Usage(e.to_string()))?;
        if args.windows.std_runs() && !args.no_std && !args.stock_cpu {
            Ok(Kind::Std(arch))
        } else {
            Ok(Kind::Core(CoreTarget {
                arch,
                stock_cpu: args.stock_cpu,
            }))
        }
    }
}

/// Builds; prints the DLL paths last on stdout, one per line.
pub fn run(args: BuildArgs) -> ExitCode {
    match build(&args) {
        Ok(dlls) => {
            for dll in dlls {
                println!("{}", dll.display());
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("cargo rassapi build: error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn build(args: &BuildArgs) -> Result<Vec<PathBuf>, BuildError> {
    let kind = Kind::for_args(args)?;
    eprintln!(
        "cargo rassapi build: {} ({})",
        args.windows,
        kind.describe()
    );
    let invocation = match kind {
        Kind::Core(target) => toolchain::core_build(target, &args.toolchain, &args.cargo_args)?,
        Kind::Std(arch) => toolchain::std_build(arch, &args.cargo_args)?,
    };
    let dlls = cargo::run(invocation)?;
    if dlls.is_empty() {
        return Err(BuildError::Cargo(
            ": it built no DLL (the crate needs `crate-type = [\"cdylib\"]` under [lib])".into(),
        ));
    }
    Ok(dlls)
}

impl Kind {
    fn describe(self) -> String {
        match self {
            Kind::Core(t) => format!("no_std, target {}", t.name()),
            Kind::Std(arch) => format!(
                "std, target {arch}-pc-windows-gnu",
                arch = arch.triple_arch()
            ),
        }
    }
}
