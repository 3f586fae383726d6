//! `accord`: Accord's one binary. `main` only parses the command line and dispatches; each
//! subcommand lives in its own module.

mod cap_cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Accord: the digital secretariat and crisis response centre.
#[derive(Debug, Parser)]
#[command(name = "accord", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// OASIS CAP 1.2 alerts: validate and convert.
    Cap(cap_cmd::CapArgs),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Cap(args) => cap_cmd::run(args),
    }
}
