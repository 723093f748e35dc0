//! The command line: what a user can type, with help a newcomer understands.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// cvsite turns a researcher's CV, kept in YAML and Markdown files, into a fast static website.
#[derive(Debug, Parser)]
#[command(
    name = "cvsite",
    version,
    about = "Turn a researcher's CV, kept in YAML and Markdown files, into a fast static website",
    after_help = "Run `cvsite build` in your site folder (the one with cvsite.yaml), or in any folder below it.\nThe website is written to public/, ready to upload to GitHub Pages.\nWhile editing, run `cvsite serve` and open the address it prints: the page updates on every save."
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
    /// Preview the website in your browser; it rebuilds and reloads on every save.
    Serve(ServeArgs),
    /// Write JSON Schemas of cvsite.yaml and the content files, for editor autocompletion.
    Schema(SchemaArgs),
    /// Create content files from a CV kept in another format (JSON Resume, RenderCV).
    Import(ImportArgs),
    /// Create a new site: example content, .gitignore, and a GitHub Pages workflow.
    Init(InitArgs),
    /// Add a post, a page or a news item, dated today.
    New(NewArgs),
    /// Check the site without writing it: every link, anchor and file it points at.
    Check(CheckArgs),
    /// Build the site and publish it to a git branch (gh-pages), without touching your files.
    Deploy(DeployArgs),
    /// Copy the built-in theme's files into the site to edit them, or compare the site's copies
    /// with this version's.
    Theme(ThemeArgs),
}

/// Options of `cvsite deploy`.
#[derive(Debug, Args)]
pub struct DeployArgs {
    /// Where the site is and how to build it.
    #[command(flatten)]
    pub site: SiteArgs,
    /// The branch that holds the published site.
    #[arg(long, default_value = "gh-pages")]
    pub branch: String,
    /// The git remote to push the branch to.
    #[arg(long, default_value = "origin")]
    pub remote: String,
    /// Commit the branch only; do not push it.
    #[arg(long)]
    pub no_push: bool,
    /// The commit message.
    #[arg(short, long)]
    pub message: Option<String>,
}

/// Options of `cvsite check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Where the site is and how to build it.
    #[command(flatten)]
    pub site: SiteArgs,
    /// Also check links to other sites (needs a network connection).
    #[arg(long)]
    pub external: bool,
}

/// Options of `cvsite init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create the site in [default: the current folder].
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Your name, as the site and your author lists show it.
    #[arg(long, default_value = "Alex Rivera")]
    pub name: String,
    /// Where the site will be published, e.g. https://name.github.io/ (a user site) or
    /// https://name.github.io/repo/ (a project site).
    #[arg(
        long,
        value_name = "URL",
        default_value = "https://your-name.github.io/"
    )]
    pub base_url: String,
    /// Add the example files to a folder that is not empty (files of the same name are replaced).
    #[arg(long)]
    pub force: bool,
}

/// Options of `cvsite new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// What to add.
    #[arg(value_enum)]
    pub kind: NewKind,
    /// The title (post, page) or the text (news).
    pub text: String,
    /// The site folder [default: the current site].
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

/// What `cvsite new` adds.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum NewKind {
    /// A post: content/posts/<date>-<slug>.md.
    Post,
    /// A page: content/pages/<slug>.md.
    Page,
    /// A news item, added to content/news.yaml.
    News,
}

/// Options of `cvsite import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The format of the file.
    #[arg(value_enum)]
    pub format: ImportFormat,
    /// The file to import (resume.json, RenderCV's cv.yaml), or the folder of an al-folio or
    /// academicpages site.
    #[arg(value_name = "PATH")]
    pub file: PathBuf,
    /// The site folder to write into [default: the current site, or the current folder].
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Replace content files that exist already.
    #[arg(long)]
    pub force: bool,
    /// Of a multi-language al-folio site, the language to import (`pt-br`) [default: its
    /// `default_lang`].
    #[arg(long, value_name = "LANG")]
    pub language: Option<String>,
}

/// A format `cvsite import` reads.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ImportFormat {
    /// JSON Resume (jsonresume.org), a resume.json file.
    Jsonresume,
    /// RenderCV's YAML file.
    Rendercv,
    /// An al-folio site: its folder (with _config.yml, _bibliography/, _pages/ ...).
    AlFolio,
    /// An academicpages site: its folder (with _config.yml, _publications/, _talks/ ...).
    Academicpages,
}

/// Options of `cvsite theme`.
#[derive(Debug, Args)]
pub struct ThemeArgs {
    /// What to do with the theme.
    #[command(subcommand)]
    pub command: ThemeCommand,
}

/// `cvsite theme eject` and `cvsite theme diff`.
#[derive(Debug, clap::Subcommand)]
pub enum ThemeCommand {
    /// Copy built-in files into the site's templates/ and static/ to edit them: all of them, or
    /// those named (`index.html`, `css/style.css`). Nothing is copied if the site has one of
    /// them already.
    Eject {
        /// Files of the theme, e.g. `templates/index.html` or `index.html`.
        files: Vec<String>,
        /// The site folder [default: the current site].
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
    },
    /// Show how the site's copies of built-in files differ from this version's, to take in a
    /// newer theme's changes: all copies, or those named.
    Diff {
        /// Files of the theme, e.g. `templates/index.html` or `index.html`.
        files: Vec<String>,
        /// The site folder [default: the current site].
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
    },
}

/// Options of `cvsite schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Where to write them [default: schemas/ in the site folder, or in the current folder].
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Options every command that builds the site takes.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The site folder (the one with cvsite.yaml). By default, the current folder or the
    /// nearest folder above it that has a cvsite.yaml.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// The address the site will be published at, e.g. https://name.github.io/ or
    /// https://name.github.io/repo/ (overrides base_url in cvsite.yaml).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Also build pages and posts marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Leave out /cv.pdf (and the variants' PDFs), for quicker builds; `cv: {pdf: false}` in
    /// cvsite.yaml does so always.
    #[arg(long)]
    pub no_pdf: bool,
    /// Make a broken internal link or anchor an error (the build then writes nothing), not a
    /// warning.
    #[arg(long)]
    pub strict: bool,
}

/// Options of `cvsite build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Where the site is and how to build it.
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the website. A relative path is taken from the site folder. The folder is
    /// kept in step with the site on each build (files the site does not have are removed), so do
    /// not keep other files in it.
    #[arg(short, long, value_name = "DIR", default_value = "public")]
    pub output: PathBuf,
}

/// Options of `cvsite serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Where the site is and how to build it.
    #[command(flatten)]
    pub site: SiteArgs,
    /// The port to listen on [default: 4000, or the next free one]. 0 picks any free port.
    #[arg(short, long)]
    pub port: Option<u16>,
    /// The address to listen on. The default lets only this computer see the preview; use
    /// 0.0.0.0 to show it to other devices on your network.
    #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Open the preview in your web browser.
    #[arg(long)]
    pub open: bool,
    /// Also write each successful build to this folder (by default the preview is kept in
    /// memory and public/ is left alone).
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
}
