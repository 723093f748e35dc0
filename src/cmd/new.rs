//! `cvsite new`: add a dated post, a page or a news item.

use std::process::ExitCode;

use miette::Result;

use super::Console;

use crate::cli::{self, NewArgs};
use crate::{diagnostics, init, site};

/// Runs `cvsite new`.
pub fn run(args: NewArgs, console: &Console) -> Result<ExitCode> {
    let root = site::find_root(args.root.as_deref())?;
    let kind = match args.kind {
        cli::NewKind::Post => init::NewKind::Post,
        cli::NewKind::Page => init::NewKind::Page,
        cli::NewKind::News => init::NewKind::News,
    };
    let path = init::new(&root, kind, &args.text, &init::today())?;
    if !console.quiet {
        eprintln!("Wrote {}", diagnostics::display_path(&root, &path));
    }
    Ok(ExitCode::SUCCESS)
}
