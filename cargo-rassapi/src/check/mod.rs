//! `cargo rassapi check`: whether a Windows will load a DLL and call it.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::{Arch, TargetWindows};

/// `cargo rassapi check` arguments.
#[derive(clap::Args)]
pub struct CheckArgs {
    /// The Windows the DLLs are for: nt4, 2000, xp, 2003, 2008, 2008r2,
    /// 2012, 2012r2, 2016, 2019, 2022, 2025, 10, 11, or major.minor.
    #[arg(long, value_name = "WINDOWS")]
    pub windows: TargetWindows,
    /// The architecture (default: x86 up to 2008, x86_64 from 2008 R2).
    #[arg(long)]
    pub arch: Option<Arch>,
    /// One JSON object per DLL on stdout instead of text lines.
    #[arg(long)]
    pub json: bool,
    /// The DLLs to check.
    #[arg(required = true, value_name = "DLL")]
    pub dlls: Vec<PathBuf>,
}

/// Runs the checks; exit status 0 when every check of every DLL passed, 1
/// when one failed, 2 when a DLL could not be read.
pub fn run(args: CheckArgs) -> ExitCode {
    let _ = (args.windows, args.arch, args.json, args.dlls);
    eprintln!("cargo rassapi check: not implemented yet");
    ExitCode::from(2)
}
