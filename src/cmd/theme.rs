//! `cvsite theme eject` and `cvsite theme diff`: the built-in theme's files copied into the site
//! to edit, and the site's copies compared with this version's.

use std::process::ExitCode;

use miette::Result;

use super::Console;

use crate::cli::{ThemeArgs, ThemeCommand};
use crate::theme::{self, Comparison};

/// Runs `cvsite theme`.
pub fn run(args: ThemeArgs, console: &Console) -> Result<ExitCode> {
    match args.command {
        ThemeCommand::Eject { files, root } => {
            let root = crate::site::find_root(root.as_deref())?;
            let written = theme::eject(&root, &files)?;
            if !console.quiet {
                for path in &written {
                    let rel = path.strip_prefix(&root).unwrap_or(path);
                    eprintln!("  {}", rel.display());
                }
                eprintln!(
                    "Copied {} file{} of the built-in theme into {}: the site now uses these \
                     copies. `cvsite theme diff` compares them with a later version's.",
                    written.len(),
                    if written.len() == 1 { "" } else { "s" },
                    root.display()
                );
            }
        }
        ThemeCommand::Diff { files, root } => {
            let root = crate::site::find_root(root.as_deref())?;
            let compared = theme::diff(&root, &files)?;
            if compared.is_empty() && !console.quiet {
                eprintln!(
                    "The site has no copies of the theme's files: it uses the built-in theme."
                );
            }
            for (path, comparison) in compared {
                match comparison {
                    Comparison::Same => {
                        if !console.quiet {
                            eprintln!("{path}: the same as the built-in file");
                        }
                    }
                    Comparison::BinaryDiffers => println!("{path}: differs (not text)"),
                    Comparison::Differs(diff) => print!("{diff}"),
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
