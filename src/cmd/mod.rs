//! The commands: one module each, holding what the command says on the console. The work itself
//! is done by the library modules (`site`, `check`, `deploy`, `init`, `import`, `schema`, `serve`).

mod build;
mod check;
mod deploy;
mod import;
mod init;
mod new;
mod schema;
mod theme;

use std::process::ExitCode;

use miette::Result;

use std::path::PathBuf;

use crate::cli::{Cli, Command, SiteArgs};
use crate::{serve, site};

/// How much the commands say on the console (`--quiet`, `--verbose`).
#[derive(Debug, Clone, Copy)]
pub struct Console {
    /// Print only errors.
    pub quiet: bool,
    /// Also print each step's time.
    pub verbose: bool,
}

/// What to build for a command's site options, writing to `output` (relative to the site).
fn build_options(site: SiteArgs, output: PathBuf) -> Result<site::BuildOptions> {
    Ok(site::BuildOptions {
        root: site::find_root(site.root.as_deref())?,
        output,
        base_url: site.base_url,
        serve_origin: None,
        drafts: site.drafts,
        pdf: !site.no_pdf,
        defer_pdf: false,
        strict: site.strict,
    })
}

/// Runs the command line; errors are returned whole, for `main` to print once.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let console = Console {
        quiet: cli.quiet,
        verbose: cli.verbose,
    };
    match cli.command {
        Command::Build(args) => build::run(args, &console),
        Command::Import(args) => import::run(args, &console),
        Command::Deploy(args) => deploy::run(args, &console),
        Command::Theme(args) => theme::run(args, &console),
        Command::Check(args) => check::run(args, &console),
        Command::Init(args) => init::run(args, &console),
        Command::New(args) => new::run(args, &console),
        Command::Schema(args) => schema::run(args, &console),
        Command::Serve(args) => serve::run(serve::ServeOptions {
            root: site::find_root(args.site.root.as_deref())?,
            bind: args.bind,
            port: args.port,
            open: args.open,
            drafts: args.site.drafts,
            pdf: !args.site.no_pdf,
            base_url: args.site.base_url,
            output: args.output,
            quiet: cli.quiet,
            strict: args.site.strict,
        }),
    }
}
