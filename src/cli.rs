//! The command line: what a user can type, with help a newcomer understands.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// cvsite turns a researcher's CV, kept in YAML and Markdown files, into a fast static website.
#[derive(Debug, Parser)]
#[command(
    name = "cvsite",
    version,
    about = "Turn a researcher's CV, kept in YAML and Markdown files, into a fast static website",
    after_help = "Run `cvsite build` in your site folder (the one with cvsite.yaml), or in any folder below it.\nThe website is written to public/, ready to upload to GitHub Pages."
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print what each step does and how long it takes.
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the website into the output folder (public/ by default).
    Build(BuildArgs),
}

/// Options of `cvsite build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site folder (the one with cvsite.yaml). By default, the current folder or the
    /// nearest folder above it that has a cvsite.yaml.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Where to write the website. A relative path is taken from the site folder. The folder is
    /// replaced as a whole on each build, so do not keep other files in it.
    #[arg(short, long, value_name = "DIR", default_value = "public")]
    pub output: PathBuf,
    /// The address the site will be published at, e.g. https://name.github.io/ or
    /// https://name.github.io/repo/ (overrides base_url in cvsite.yaml).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Also build pages and posts marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}
