//! `cvsite build`: build the site into the output folder and report what was written.

use std::process::ExitCode;

use miette::Result;

use super::Console;

use crate::cli::BuildArgs;
use crate::site;

/// Runs `cvsite build`.
pub fn run(args: BuildArgs, console: &Console) -> Result<ExitCode> {
    let opts = super::build_options(args.site, args.output)?;
    let report = site::build(&opts)?;
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    for f in &report.broken_links {
        eprintln!("warning: {f}");
    }
    if console.verbose {
        for (step, took) in &report.steps {
            eprintln!("  {step:<10} {:>8.2} ms", took.as_secs_f64() * 1000.0);
        }
        eprintln!("  Transfer of each page (HTML, CSS, scripts; images aside):");
        for (page, bytes) in &report.transfers {
            eprintln!("  {:>8.1} KB  {page}", *bytes as f64 / 1024.0);
        }
    }
    if !console.quiet {
        eprintln!(
            "Built {} pages ({} files, {}) in {} ms → {}",
            report.pages,
            report.files,
            match report.written {
                w if w.kept == 0 && w.removed == 0 => "all written".to_string(),
                w => format!(
                    "{} written, {} unchanged, {} removed",
                    w.written, w.kept, w.removed
                ),
            },
            report.total.as_millis(),
            report.output.display()
        );
        if let Some((page, bytes)) = report.transfers.first() {
            // The home page has the shortest path: the base path itself.
            let home = report
                .transfers
                .iter()
                .filter(|(p, _)| p.ends_with('/'))
                .min_by_key(|(p, _)| p.len());
            let home = home
                .map(|(p, b)| format!("home page {p} {:.1} KB, ", *b as f64 / 1024.0))
                .unwrap_or_default();
            eprintln!(
                "Page weight (HTML + CSS + scripts): {home}largest {page} {:.1} KB; `-v` lists every page",
                *bytes as f64 / 1024.0
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
