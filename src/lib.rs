//! cvsite: a static site generator for academic CV and portfolio websites.
//!
//! The data flow, one module per stage:
//! [`config`] and [`content`] load the site into a typed model → [`render::view`] shapes it for
//! templates → [`render`] plans and renders every page with [`templates`] → [`output`] writes
//! the site. [`site`] runs these steps in order.

pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod output;
pub mod pdf;
pub mod render;
pub mod schema;
pub mod serve;
pub mod site;
pub mod templates;
pub mod text;
pub mod theme;

use std::process::ExitCode;

use miette::Result;

use cli::{Cli, Command};

/// Runs the command line; errors are returned whole, for `main` to print once.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Build(args) => {
            let root = site::find_root(args.site.root.as_deref())?;
            let opts = site::BuildOptions {
                root,
                output: args.output,
                base_url: args.site.base_url,
                serve_origin: None,
                drafts: args.site.drafts,
            };
            let report = site::build(&opts)?;
            for w in &report.warnings {
                eprintln!("warning: {w}");
            }
            if cli.verbose {
                for (step, took) in &report.steps {
                    eprintln!("  {step:<10} {:>8.2} ms", took.as_secs_f64() * 1000.0);
                }
            }
            if !cli.quiet {
                eprintln!(
                    "Built {} pages ({} files) in {} ms → {}",
                    report.pages,
                    report.files,
                    report.total.as_millis(),
                    report.output.display()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema(args) => {
            let dir = match args.dir {
                Some(dir) => dir,
                None => match site::find_root(None) {
                    Ok(root) => root.join("schemas"),
                    Err(_) => std::path::PathBuf::from("schemas"),
                },
            };
            let written = schema::write(&dir)?;
            if !cli.quiet {
                eprintln!("Wrote {} JSON Schemas to {}", written.len(), dir.display());
                eprintln!(
                    "Point your editor at them with a first line like\n  # yaml-language-server: $schema=../schemas/education.schema.json"
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve(args) => serve::run(serve::ServeOptions {
            root: site::find_root(args.site.root.as_deref())?,
            bind: args.bind,
            port: args.port,
            open: args.open,
            drafts: args.site.drafts,
            base_url: args.site.base_url,
            output: args.output,
            quiet: cli.quiet,
        }),
    }
}
