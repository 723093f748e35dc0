//! `cvsite check`: build the site in memory and report broken links.

use std::process::ExitCode;

use miette::Result;

use super::Console;

use crate::cli::CheckArgs;
use crate::{check, site};

/// Runs `cvsite check`.
pub fn run(args: CheckArgs, console: &Console) -> Result<ExitCode> {
    let mut opts = super::build_options(args.site, "public".into())?;
    // The check reports broken links itself, as its findings.
    opts.strict = false;
    let rendered = site::render(&opts)?;
    for w in &rendered.warnings {
        eprintln!("warning: {w}");
    }
    let report = check::check(&opts.root, &rendered, args.external);
    for n in &report.notes {
        eprintln!("note: {n}");
    }
    for f in &report.findings {
        eprintln!("{f}");
    }
    if report.findings.is_empty() {
        if !console.quiet {
            eprintln!(
                "Checked {} pages and {} links: no problems.",
                report.pages, report.links
            );
        }
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "Checked {} pages and {} links: {} problem(s).",
            report.pages,
            report.links,
            report.findings.len()
        );
        Ok(ExitCode::FAILURE)
    }
}
