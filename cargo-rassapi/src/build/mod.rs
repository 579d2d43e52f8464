//! `cargo rassapi build`: the DLL of the user's crate for a Windows.

use std::process::ExitCode;

use crate::{Arch, TargetWindows};

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
    /// Arguments passed on to `cargo build` (e.g. `-p crate`, `--features`).
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "CARGO BUILD ARGS"
    )]
    pub cargo_args: Vec<String>,
}

/// Builds; prints the DLL paths last on stdout.
pub fn run(args: BuildArgs) -> ExitCode {
    let _ = (args.windows, args.arch, args.cargo_args);
    eprintln!("cargo rassapi build: not implemented yet");
    ExitCode::from(2)
}
