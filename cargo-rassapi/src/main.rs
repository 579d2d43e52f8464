//! `cargo rassapi`: builds a RAS admin DLL for the Windows that will call
//! it, and checks any admin DLL (Rust or C) before it ships.
//!
//! ```text
//! cargo rassapi build --windows nt4 [cargo build args]
//! cargo rassapi check --windows nt4 [--json] DLL...
//! ```
//!
//! `build` owns the target, `-Zbuild-std` and the profile, so a user's crate
//! holds only its code; `check` reads the PE file and says, one line per
//! check, whether that Windows will load the DLL and call it. See the
//! README's "Your own DLL" sections.
#![deny(missing_docs)]

mod build;
mod check;
mod windows;

use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

pub use windows::{Arch, TargetWindows};

/// Cargo runs `cargo-rassapi rassapi <args>`.
#[derive(Parser)]
#[command(name = "cargo", bin_name = "cargo")]
enum CargoCli {
    /// Build and check RAS admin DLLs for every Windows that calls them.
    #[command(version, about, long_about = None)]
    Rassapi(Cli),
}

/// `cargo rassapi`'s own arguments.
#[derive(Args)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the DLL of the crate in the current directory for a Windows;
    /// prints the DLL's path as the last line of stdout.
    Build(build::BuildArgs),
    /// Check DLLs against what a Windows needs to load them and call them;
    /// exit status 1 when any check fails.
    Check(check::CheckArgs),
}

fn main() -> ExitCode {
    let CargoCli::Rassapi(cli) = CargoCli::parse();
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::Check(args) => check::run(args),
    }
}
