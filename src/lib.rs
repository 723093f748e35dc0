//! cvsite: a static site generator for academic CV and portfolio websites.
//!
//! The data flow, one module per stage:
//! [`config`] and [`content`] load the site into a typed model → [`render::view`] shapes it for
//! templates → [`render`] plans and renders every page with [`templates`] → [`output`] writes
//! the site. [`site`] runs these steps in order.

pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod deploy;
pub mod diagnostics;
pub mod import;
pub mod init;
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
                eprintln!("  Transfer of each page (HTML, CSS, scripts; images aside):");
                for (page, bytes) in &report.transfers {
                    eprintln!("  {:>8.1} KB  {page}", *bytes as f64 / 1024.0);
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
        Command::Import(args) => run_import(args, cli.quiet),
        Command::Deploy(args) => {
            let root = site::find_root(args.site.root.as_deref())?;
            let opts = deploy::DeployOptions {
                build: site::BuildOptions {
                    root,
                    output: "public".into(),
                    base_url: args.site.base_url,
                    serve_origin: None,
                    drafts: args.site.drafts,
                },
                branch: args.branch.clone(),
                remote: (!args.no_push).then_some(args.remote.clone()),
                message: args.message,
            };
            let done = deploy::deploy(&opts)?;
            if !cli.quiet {
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
        Command::Check(args) => {
            let root = site::find_root(args.site.root.as_deref())?;
            let opts = site::BuildOptions {
                root: root.clone(),
                output: "public".into(),
                base_url: args.site.base_url,
                serve_origin: None,
                drafts: args.site.drafts,
            };
            let rendered = site::render(&opts)?;
            for w in &rendered.warnings {
                eprintln!("warning: {w}");
            }
            let report = check::check(&root, &rendered, args.external);
            for n in &report.notes {
                eprintln!("note: {n}");
            }
            for f in &report.findings {
                eprintln!("{}: {}", f.source, f.message);
            }
            if report.findings.is_empty() {
                if !cli.quiet {
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
        Command::Init(args) => {
            let dir = args.dir.unwrap_or_else(|| std::path::PathBuf::from("."));
            let written = init::init(&dir, &args.name, &args.base_url, args.force)?;
            if !cli.quiet {
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
        Command::New(args) => {
            let root = site::find_root(args.root.as_deref())?;
            let kind = match args.kind {
                cli::NewKind::Post => init::NewKind::Post,
                cli::NewKind::Page => init::NewKind::Page,
                cli::NewKind::News => init::NewKind::News,
            };
            let path = init::new(&root, kind, &args.text, &init::today())?;
            if !cli.quiet {
                eprintln!("Wrote {}", diagnostics::display_path(&root, &path));
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

fn run_import(args: cli::ImportArgs, quiet: bool) -> Result<ExitCode> {
    use miette::{IntoDiagnostic, WrapErr};
    let root = match args.root {
        Some(root) => root,
        None => site::find_root(None).or_else(|_| std::env::current_dir().into_diagnostic())?,
    };
    let display = args.file.display().to_string();
    let file = diagnostics::SourceFile::read(&args.file, display.clone())
        .map_err(diagnostics::Problems::from)?;
    let (mut imported, website, name) = match args.format {
        cli::ImportFormat::Jsonresume => {
            let doc: serde_json::Value = serde_json::from_str(&file.text).map_err(|e| {
                diagnostics::Problems::from(file.error_at(
                    e.line(),
                    e.column(),
                    format!("not valid JSON: {e}"),
                ))
            })?;
            let basics = doc.get("basics");
            let web = basics
                .and_then(|b| import::str_of(b, "url"))
                .map(String::from);
            let name = basics
                .and_then(|b| import::str_of(b, "name"))
                .map(String::from);
            (import::jsonresume::import(&doc), web, name)
        }
        cli::ImportFormat::Rendercv => {
            let doc: serde_json::Value = file
                .parse_yaml(&file.text, 0)
                .map_err(diagnostics::Problems::from)?;
            let cv = doc.get("cv");
            let web = cv
                .and_then(|c| import::str_of(c, "website"))
                .map(String::from);
            let name = cv.and_then(|c| import::str_of(c, "name")).map(String::from);
            (import::rendercv::import(&doc), web, name)
        }
    };
    if !root.join(config::CONFIG_FILE).exists() {
        let title = name.unwrap_or_else(|| "My site".to_string());
        imported.files.push((
            config::CONFIG_FILE.to_string(),
            import::config_file(website.as_deref(), &title),
        ));
    }
    let mut written =
        import::write(&root, &imported, args.force).wrap_err("nothing was imported")?;
    // The files' schema lines point at schemas/: make them work in the user's editor.
    if !root.join("schemas").exists() {
        written.extend(schema::write(&root.join("schemas"))?);
    }
    if !quiet {
        eprintln!("Imported {display} into {}:", root.display());
        for path in &written {
            eprintln!("  wrote {}", diagnostics::display_path(&root, path));
        }
        if imported.unmapped.is_empty() {
            eprintln!("Everything was carried over.");
        } else {
            eprintln!("Not carried over ({}):", imported.unmapped.len());
            for u in &imported.unmapped {
                eprintln!("  - {u}");
            }
        }
        eprintln!(
            "Next: `cvsite build` (or `cvsite serve`) in {}",
            root.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
