//! `cvsite import`: content files from another tool's CV, with a report of what was carried over.

use std::process::ExitCode;

use miette::Result;

use super::Console;

use crate::cli;
use crate::{config, diagnostics, import, schema, site};

/// Runs `cvsite import`.
pub fn run(args: cli::ImportArgs, console: &Console) -> Result<ExitCode> {
    let quiet = console.quiet;
    use miette::{IntoDiagnostic, WrapErr};
    let root = match args.root {
        Some(root) => root,
        None => site::find_root(None).or_else(|_| std::env::current_dir().into_diagnostic())?,
    };
    let display = args.file.display().to_string();
    let site_folder = matches!(
        args.format,
        cli::ImportFormat::AlFolio | cli::ImportFormat::Academicpages
    );
    if site_folder && !args.file.join("_config.yml").is_file() {
        miette::bail!(
            help = "give the folder of the Jekyll site, the one with _config.yml",
            "{display} is not a Jekyll site: it has no _config.yml"
        );
    }
    if args.language.is_some() && !matches!(args.format, cli::ImportFormat::AlFolio) {
        miette::bail!("`--language` is for al-folio sites, which keep each language in a folder");
    }
    let file = match args.format {
        _ if site_folder => diagnostics::SourceFile::new(display.clone(), ""),
        _ => diagnostics::SourceFile::read(&args.file, display.clone())
            .map_err(diagnostics::Problems::from)?,
    };
    let (mut imported, name) = match args.format {
        cli::ImportFormat::AlFolio => {
            let imported = import::alfolio::import(&args.file, args.language.as_deref())
                .map_err(|e| miette::miette!("{display}: {e}"))?;
            let title = imported.title.clone();
            (imported, title)
        }
        cli::ImportFormat::Academicpages => {
            let imported = import::academicpages::import(&args.file, &crate::init::today());
            let title = imported.title.clone();
            (imported, title)
        }
        cli::ImportFormat::Jsonresume => {
            let doc: serde_json::Value = serde_json::from_str(&file.text).map_err(|e| {
                diagnostics::Problems::from(file.error_at(
                    e.line(),
                    e.column(),
                    format!("not valid JSON: {e}"),
                ))
            })?;
            let name = doc
                .get("basics")
                .and_then(|b| import::str_of(b, "name"))
                .map(String::from);
            (import::jsonresume::import(&doc), name)
        }
        cli::ImportFormat::Rendercv => {
            let doc: serde_json::Value = file
                .parse_yaml(&file.text, 0)
                .map_err(diagnostics::Problems::from)?;
            let name = doc
                .get("cv")
                .and_then(|c| import::str_of(c, "name"))
                .map(String::from);
            (import::rendercv::import(&doc), name)
        }
    };
    let new_config = !root.join(config::CONFIG_FILE).exists();
    if new_config {
        let title = name.unwrap_or_else(|| "My site".to_string());
        imported.files.push((
            config::CONFIG_FILE.to_string(),
            import::config_file(&title, &imported.owner_aliases, &imported.config_lines),
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
        if new_config {
            eprintln!(
                "Set `base_url` in cvsite.yaml to the address the site will be published at (your old website is kept in content/profile.yaml)."
            );
        }
        eprintln!(
            "Next: `cvsite build` (or `cvsite serve`) in {}",
            root.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
