//! The `cvsite` binary: parse the command line, run, print any error once.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use cvsite::diagnostics::print_report;
use miette::MietteHandlerOpts;

/// Faster than the system allocator with the many small values a build makes.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cvsite::cli::Cli::parse();
    // In a terminal, wrap reports to its width; in a log or a pipe, keep each message on one line.
    let tty = std::io::stderr().is_terminal();
    let _ = miette::set_hook(Box::new(move |_| {
        Box::new(MietteHandlerOpts::new().wrap_lines(tty).build())
    }));
    match cvsite::run(cli) {
        Ok(code) => code,
        Err(report) => {
            print_report(&report);
            ExitCode::FAILURE
        }
    }
}
