//! The `cvsite` binary: parse the command line, run, print any error once.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use cvsite::diagnostics::print_report;
use miette::MietteHandlerOpts;

/// mimalloc 3 keeps freed memory for a second before returning it, longer than a whole build of
/// 10,000 papers, and commits its arenas eagerly: its peak was 120 MB above the live heap's
/// (340 MB for 223 MB). Returning memory after 10 ms (mimalloc 2's default) and committing as it
/// is used brings it to 270 MB, with no measurable cost in time. An option set in the
/// environment (`MIMALLOC_PURGE_DELAY`, ...) still wins.
extern "C" fn tune_allocator() {
    // Numbers of mimalloc 3's `mi_option_e` (the Rust binding names only some of them).
    const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    for (option, name, value) in [
        (ARENA_EAGER_COMMIT, "MIMALLOC_ARENA_EAGER_COMMIT", 0),
        (PURGE_DELAY, "MIMALLOC_PURGE_DELAY", 10),
    ] {
        if std::env::var_os(name).is_none() {
            // SAFETY: sets an option's value; mimalloc reads options as it goes.
            unsafe { libmimalloc_sys::mi_option_set(option, value) };
        }
    }
}

/// Before the first allocation, which reserves mimalloc's first arena (Linux runs `.init_array`
/// before the Rust runtime starts).
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static TUNE_ALLOCATOR: extern "C" fn() = tune_allocator;

/// Faster than the system allocator with the many small values a build makes.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    #[cfg(not(target_os = "linux"))]
    tune_allocator();
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
