//! Command-line entry point: parse arguments, run, exit with the command's code.

use clap::Parser;

fn main() -> std::process::ExitCode {
    cyberdiplo::cli::run(cyberdiplo::cli::Cli::parse())
}
