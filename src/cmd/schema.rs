//! `cvsite schema`: write the JSON Schemas of the content files.

use std::process::ExitCode;

use miette::Result;

use super::Console;

use crate::cli::SchemaArgs;
use crate::{schema, site};

/// Runs `cvsite schema`.
pub fn run(args: SchemaArgs, console: &Console) -> Result<ExitCode> {
    let dir = match args.dir {
        Some(dir) => dir,
        None => match site::find_root(None) {
            Ok(root) => root.join("schemas"),
            Err(_) => std::path::PathBuf::from("schemas"),
        },
    };
    let written = schema::write(&dir)?;
    if !console.quiet {
        eprintln!("Wrote {} JSON Schemas to {}", written.len(), dir.display());
        eprintln!(
            "Point your editor at them with a first line like\n  # yaml-language-server: $schema=../schemas/education.schema.json"
        );
    }
    Ok(ExitCode::SUCCESS)
}
