//! The `cvsite` binary: parse the command line, run, print any error once.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cvsite::cli::Cli::parse();
    match cvsite::run(cli) {
        Ok(code) => code,
        Err(report) => {
            eprintln!("{report:?}");
            ExitCode::FAILURE
        }
    }
}
