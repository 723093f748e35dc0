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
        let p = report.pictures;
        if p.pictures > 0 {
            let s = if p.pictures == 1 { "" } else { "s" };
            eprintln!(
                "  {} picture{s} ({} resized, {} as the last build made it)",
                p.pictures,
                p.resized,
                p.pictures - p.resized
            );
        }
        eprintln!("  Transfer of each page (HTML, CSS, scripts; images apart, at most):");
        for w in &report.transfers {
            eprintln!(
                "  {:>8.1} KB  {}{}",
                w.bytes as f64 / 1024.0,
                w.page,
                images(w.images)
            );
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
        if let Some(largest) = report.transfers.first() {
            // The home page has the shortest path: the base path itself.
            let home = report
                .transfers
                .iter()
                .filter(|w| w.page.ends_with('/'))
                .min_by_key(|w| w.page.len());
            let home = home
                .map(|w| {
                    let kb = w.bytes as f64 / 1024.0;
                    format!("home page {} {kb:.1} KB{}, ", w.page, images(w.images))
                })
                .unwrap_or_default();
            eprintln!(
                "Page weight (HTML + CSS + scripts): {home}largest {} {:.1} KB; `-v` lists every page",
                largest.page,
                largest.bytes as f64 / 1024.0
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A page's images, for the weight report: ` + images ≤ 21.3 KB`, or nothing.
fn images(bytes: usize) -> String {
    match bytes {
        0 => String::new(),
        b => format!(" + images ≤ {:.1} KB", b as f64 / 1024.0),
    }
}
