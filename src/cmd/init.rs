//! `cvsite init`: start a new site, and say what to do next.

use std::process::ExitCode;

use miette::Result;

use super::Console;

use crate::cli::InitArgs;
use crate::init;

/// Runs `cvsite init`.
pub fn run(args: InitArgs, console: &Console) -> Result<ExitCode> {
    let dir = args.dir.unwrap_or_else(|| std::path::PathBuf::from("."));
    let written = init::init(&dir, &args.name, &args.base_url, args.force)?;
    if !console.quiet {
        eprintln!(
            "Created a new site in {} ({} files).",
            dir.display(),
            written.len()
        );
        eprintln!("Next steps:");
        eprintln!("  cd {}", dir.display());
        eprintln!(
            "  cvsite serve                  # preview it; edit content/*.yaml and see each save"
        );
        eprintln!("  cvsite build                  # the site, in public/");
        eprintln!("To publish on GitHub Pages:");
        eprintln!(
            "  git init && git add . && git commit -m \"My site\"   # then push to a GitHub repository"
        );
        eprintln!(
            "  On GitHub: Settings → Pages → Build and deployment → Source: \"GitHub Actions\"."
        );
        eprintln!(
            "  Every push to main then builds and publishes the site (.github/workflows/pages.yml)."
        );
    }
    Ok(ExitCode::SUCCESS)
}
