//! The `cvsite` binary: parse the command line, run, print any error once.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use cvsite::diagnostics::print_report;
use miette::MietteHandlerOpts;

/// mimalloc 3 keeps freed memory for a second before returning it (longer than a whole build of
/// 10,000 papers) and commits its arenas eagerly: its peak was 120 MB above the live heap (340 MB
/// for 223 MB). Returned after 50 ms and, beyond a first arena of 64 MiB, committed as it is used,
/// it is 275 MB (10 ms saved 5 MB more but cost 10% of a build's time). The first arena stays
/// eagerly committed: a small site fits in it and builds 15% faster so. An option set in the
/// environment (`MIMALLOC_...`) wins.
mod allocator {
    use libmimalloc_sys::{mi_option_set, mi_option_t};

    // Numbers of mimalloc 3's `mi_option_e` (the Rust binding names only some of them).
    const ARENA_EAGER_COMMIT: mi_option_t = 4;
    const PURGE_DELAY: mi_option_t = 15;
    const ARENA_RESERVE: mi_option_t = 23;

    fn set(option: mi_option_t, env: &str, value: i64) {
        if std::env::var_os(env).is_none() {
            // SAFETY: sets an option's value; mimalloc reads options as it goes.
            unsafe { mi_option_set(option, value as _) };
        }
    }

    /// Before the first allocation, which reserves the first arena.
    pub extern "C" fn before_start() {
        set(PURGE_DELAY, "MIMALLOC_PURGE_DELAY", 50);
        set(ARENA_RESERVE, "MIMALLOC_ARENA_RESERVE", 64 * 1024);
    }

    /// Once the first arena is there: the next ones are committed as they are used.
    pub fn after_start() {
        set(ARENA_EAGER_COMMIT, "MIMALLOC_ARENA_EAGER_COMMIT", 0);
    }

    // Linux runs `.init_array` before the Rust runtime starts.
    #[cfg(target_os = "linux")]
    #[used]
    #[unsafe(link_section = ".init_array")]
    static BEFORE_START: extern "C" fn() = before_start;
}

/// Faster than the system allocator with the many small values a build makes.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    #[cfg(not(target_os = "linux"))]
    allocator::before_start();
    allocator::after_start();
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
