//! `cvsite deploy`: build the site and commit it to a branch (and push it).

use std::process::ExitCode;

use miette::Result;

use super::Console;

use crate::cli::DeployArgs;
use crate::deploy;

/// Runs `cvsite deploy`.
pub fn run(args: DeployArgs, console: &Console) -> Result<ExitCode> {
    let opts = deploy::DeployOptions {
        build: super::build_options(args.site, "public".into())?,
        branch: args.branch.clone(),
        remote: (!args.no_push).then_some(args.remote.clone()),
        message: args.message,
    };
    let done = deploy::deploy(&opts)?;
    if !console.quiet {
        let short = &done.commit[..done.commit.len().min(10)];
        eprintln!(
            "Committed {} files to branch {} ({short}).",
            done.files, args.branch
        );
        if done.pushed {
            eprintln!(
                "Pushed to {}. On GitHub: Settings → Pages → Source: \"Deploy from a branch\", branch {}.",
                args.remote, args.branch
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
