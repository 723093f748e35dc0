//! The default theme, embedded in the binary, overlaid file by file with the site's own
//! `templates/` and `static/` (as mdBook does): a user file wins over the embedded one of the
//! same name.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use walkdir::WalkDir;

use crate::diagnostics::{SourceError, SourceFile};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/theme.rs"));
}

/// Where a theme file comes from.
#[derive(Debug, Clone)]
pub enum Origin {
    /// Built into the binary.
    Embedded(&'static [u8]),
    /// The site's own file.
    User(PathBuf),
}

/// One file of the theme, after overlaying.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    /// Path relative to `templates/` or `static/`, with `/` separators.
    pub name: String,
    /// Where its bytes are.
    pub origin: Origin,
}

impl ThemeFile {
    /// How to name this file in messages.
    pub fn display(&self, dir: &str) -> String {
        match self.origin {
            Origin::Embedded(_) => format!("{dir}/{} (built-in theme)", self.name),
            Origin::User(_) => format!("{dir}/{}", self.name),
        }
    }

    /// The file's text, for templates.
    pub fn read_text(&self, dir: &str) -> Result<SourceFile, SourceError> {
        match &self.origin {
            Origin::Embedded(bytes) => {
                let text = std::str::from_utf8(bytes).expect("embedded templates are UTF-8");
                Ok(SourceFile::new(self.display(dir), text))
            }
            Origin::User(path) => SourceFile::read(path, self.display(dir)),
        }
    }
}

/// The theme's templates: embedded ones overlaid by `root/templates/`, and warnings about
/// files left out.
pub fn templates(root: &Path) -> (Vec<ThemeFile>, Vec<String>) {
    let embedded = embedded::TEMPLATES.iter().map(|(n, t)| (*n, t.as_bytes()));
    overlay(embedded, root, "templates")
}

/// A static file's name and bytes.
type NamedBytes = (&'static str, Cow<'static, [u8]>);

/// The embedded static files as sites get them: style sheets minified ([`crate::css::minify`]),
/// once per run.
static STATIC_OUTPUT: LazyLock<Vec<NamedBytes>> = LazyLock::new(|| {
    embedded::STATIC_FILES
        .iter()
        .map(|&(name, bytes)| {
            let css = name
                .ends_with(".css")
                .then(|| std::str::from_utf8(bytes).ok());
            match css.flatten() {
                Some(css) => (name, Cow::Owned(crate::css::minify(css).into_bytes())),
                None => (name, Cow::Borrowed(bytes)),
            }
        })
        .collect()
});

/// The theme's static files: embedded ones overlaid by `root/static/`, and warnings about files
/// left out.
pub fn static_files(root: &Path) -> (Vec<ThemeFile>, Vec<String>) {
    let embedded = STATIC_OUTPUT
        .iter()
        .map(|(name, bytes)| (*name, bytes.as_ref()));
    overlay(embedded, root, "static")
}

/// An embedded static file as written in the repository's `static/` (before minifying).
pub fn embedded_source(name: &str) -> Option<&'static [u8]> {
    embedded::STATIC_FILES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, bytes)| *bytes)
}

/// A file of the built-in theme as written in cvsite's source (a style sheet unminified, to
/// edit), by its path in a site: `templates/index.html`, `static/css/style.css`.
#[derive(Debug, Clone, Copy)]
pub struct BuiltIn {
    /// Path in a site.
    pub path: &'static str,
    /// Its bytes.
    pub bytes: &'static [u8],
}

/// Every file of the built-in theme, templates first.
pub fn built_in() -> Vec<BuiltIn> {
    static PATHS: LazyLock<Vec<String>> = LazyLock::new(|| {
        let templates = embedded::TEMPLATES
            .iter()
            .map(|(n, _)| format!("templates/{n}"));
        let statics = embedded::STATIC_FILES
            .iter()
            .map(|(n, _)| format!("static/{n}"));
        templates.chain(statics).collect()
    });
    let bytes = (embedded::TEMPLATES.iter().map(|(_, t)| t.as_bytes()))
        .chain(embedded::STATIC_FILES.iter().map(|(_, b)| *b));
    PATHS
        .iter()
        .zip(bytes)
        .map(|(path, bytes)| BuiltIn { path, bytes })
        .collect()
}

/// The built-in files `names` mean (`templates/index.html`, `index.html`, `css/style.css`), or
/// all of them for none; an unknown name is an error that names the closest.
pub fn select(names: &[String]) -> Result<Vec<BuiltIn>, miette::Report> {
    let all = built_in();
    if names.is_empty() {
        return Ok(all);
    }
    let mut chosen: Vec<BuiltIn> = Vec::new();
    for name in names {
        let name = name.trim_start_matches("./").replace('\\', "/");
        let found: Vec<BuiltIn> = all
            .iter()
            .filter(|f| {
                f.path == name
                    || f.path.strip_prefix("templates/") == Some(name.as_str())
                    || f.path.strip_prefix("static/") == Some(name.as_str())
            })
            .copied()
            .collect();
        match found.as_slice() {
            [one] => chosen.push(*one),
            [] => {
                let closest = all
                    .iter()
                    .map(|f| {
                        (
                            strsim::levenshtein(f.path, &name).min(
                                f.path
                                    .rsplit('/')
                                    .next()
                                    .map_or(usize::MAX, |n| strsim::levenshtein(n, &name)),
                            ),
                            f.path,
                        )
                    })
                    .min();
                let help = match closest {
                    Some((d, path)) if d <= 3 => format!("did you mean `{path}`?"),
                    _ => "`cvsite theme eject` with no name copies every file".to_string(),
                };
                miette::bail!(help = help, "the built-in theme has no file `{name}`");
            }
            many => {
                let paths: Vec<&str> = many.iter().map(|f| f.path).collect();
                miette::bail!(
                    help = format!("name one of: {}", paths.join(", ")),
                    "`{name}` is more than one file of the built-in theme"
                );
            }
        }
    }
    chosen.dedup_by(|a, b| a.path == b.path);
    Ok(chosen)
}

/// Copies the built-in files `names` (all for none) into the site at `root`, to edit. Refuses
/// if the site has any of them already, and then writes nothing.
pub fn eject(root: &Path, names: &[String]) -> Result<Vec<PathBuf>, miette::Report> {
    let files = select(names)?;
    let taken: Vec<&str> = files
        .iter()
        .filter(|f| root.join(f.path).exists())
        .map(|f| f.path)
        .collect();
    if !taken.is_empty() {
        miette::bail!(
            help = "`cvsite theme diff` shows how they differ from the built-in files; name the \
                    others to copy only those",
            "the site has {} already, which this would replace: nothing was copied",
            taken.join(", ")
        );
    }
    let mut written = Vec::new();
    for f in files {
        let dest = root.join(f.path);
        let parent = dest.parent().expect("under the site");
        std::fs::create_dir_all(parent)
            .map_err(|e| miette::miette!("cannot create {}: {e}", parent.display()))?;
        std::fs::write(&dest, f.bytes)
            .map_err(|e| miette::miette!("cannot write {}: {e}", dest.display()))?;
        written.push(dest);
    }
    Ok(written)
}

/// How a site's copy of a built-in file compares with it.
#[derive(Debug)]
pub enum Comparison {
    /// The same bytes.
    Same,
    /// Text that differs: a unified diff, built-in first.
    Differs(String),
    /// Bytes that differ and are not text.
    BinaryDiffers,
}

/// The site's copies of the built-in files `names` (all it has for none), each compared with
/// the built-in one; a named file the site has no copy of is an error.
pub fn diff(
    root: &Path,
    names: &[String],
) -> Result<Vec<(&'static str, Comparison)>, miette::Report> {
    let files = select(names)?;
    let mut out = Vec::new();
    for f in files {
        let path = root.join(f.path);
        if !path.exists() {
            if names.is_empty() {
                continue;
            }
            miette::bail!(
                "the site has no {} of its own: it uses the built-in one",
                f.path
            );
        }
        let mine = std::fs::read(&path)
            .map_err(|e| miette::miette!("cannot read {}: {e}", path.display()))?;
        let comparison = if mine == f.bytes {
            Comparison::Same
        } else {
            match (std::str::from_utf8(f.bytes), std::str::from_utf8(&mine)) {
                (Ok(theirs), Ok(mine)) => Comparison::Differs(
                    similar::TextDiff::from_lines(theirs, mine)
                        .unified_diff()
                        .context_radius(3)
                        .header(&format!("built-in {}", f.path), f.path)
                        .to_string(),
                ),
                _ => Comparison::BinaryDiffers,
            }
        };
        out.push((f.path, comparison));
    }
    Ok(out)
}

fn overlay(
    embedded: impl Iterator<Item = (&'static str, &'static [u8])>,
    root: &Path,
    dir: &str,
) -> (Vec<ThemeFile>, Vec<String>) {
    let mut files: BTreeMap<String, Origin> = embedded
        .map(|(name, bytes)| (name.to_string(), Origin::Embedded(bytes)))
        .collect();
    let mut warnings = Vec::new();
    let user_dir = root.join(dir);
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    // Links are followed, but only to files inside the site: a link to a private file elsewhere
    // (say ~/.ssh) must never be published or served.
    for entry in WalkDir::new(&user_dir)
        .follow_links(true)
        .into_iter()
        .filter_map(Result::ok)
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let name = entry
            .path()
            .strip_prefix(&user_dir)
            .expect("walked below dir")
            .to_string_lossy()
            .replace('\\', "/");
        if is_editor_junk(&name) {
            continue;
        }
        let inside = entry
            .path()
            .canonicalize()
            .is_ok_and(|real| real.starts_with(&real_root));
        if !inside {
            warnings.push(format!(
                "{dir}/{name} links to a file outside the site folder; it is left out"
            ));
            continue;
        }
        files.insert(name, Origin::User(entry.into_path()));
    }
    let files = files
        .into_iter()
        .map(|(name, origin)| ThemeFile { name, origin })
        .collect();
    (files, warnings)
}

/// Editor swap and backup files and OS litter, never part of a site.
pub fn is_editor_junk(name: &str) -> bool {
    let file = name.rsplit('/').next().unwrap_or(name);
    file.ends_with('~')
        || file.ends_with(".swp")
        || file.ends_with(".swx")
        || file.ends_with(".tmp")
        || file.starts_with(".#")
        || (file.starts_with('#') && file.ends_with('#'))
        || file == "4913" // vim's write test
        || file == ".DS_Store"
        || file == "Thumbs.db"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embeds_the_default_theme() {
        assert!(embedded::TEMPLATES.iter().any(|(n, _)| *n == "base.html"));
        assert!(
            embedded::STATIC_FILES
                .iter()
                .any(|(n, _)| *n == "css/style.css")
        );
    }

    /// Dark mode's colours are written twice in the style sheet (the system's choice, and the
    /// visitor's with the theme switch): the two lists must stay equal.
    #[test]
    fn both_dark_lists_are_the_same() {
        let css = std::str::from_utf8(embedded_source("css/style.css").unwrap()).unwrap();
        let block = |selector: &str| -> Vec<String> {
            let at = css.find(selector).unwrap_or_else(|| panic!("{selector}")) + selector.len();
            let body = &css[at..at + css[at..].find('}').unwrap()];
            let mut decls: Vec<String> = body
                .split(';')
                .map(|d| d.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|d| !d.is_empty() && !d.starts_with("color-scheme"))
                .collect();
            decls.sort();
            decls
        };
        let system = block(":root:not([data-theme=\"light\"]) {");
        assert!(system.len() > 8, "{system:?}");
        assert_eq!(system, block(":root[data-theme=\"dark\"] {"));
    }

    #[test]
    fn user_files_override_by_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("static/css")).unwrap();
        std::fs::write(dir.path().join("static/css/style.css"), "x").unwrap();
        std::fs::write(dir.path().join("static/extra.txt"), "y").unwrap();
        std::fs::write(dir.path().join("static/extra.txt~"), "backup").unwrap();
        let (files, _) = static_files(dir.path());
        let style = files.iter().find(|f| f.name == "css/style.css").unwrap();
        assert!(matches!(style.origin, Origin::User(_)));
        assert!(files.iter().any(|f| f.name == "extra.txt"));
        assert!(!files.iter().any(|f| f.name == "extra.txt~"));
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_site_are_left_out() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "private").unwrap();
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("static/shared")).unwrap();
        std::fs::write(site.path().join("static/shared/ok.txt"), "ok").unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("secret.txt"),
            site.path().join("static/secret.txt"),
        )
        .unwrap();
        std::os::unix::fs::symlink(outside.path(), site.path().join("static/elsewhere")).unwrap();
        std::os::unix::fs::symlink(
            site.path().join("static/shared/ok.txt"),
            site.path().join("static/alias.txt"),
        )
        .unwrap();
        let (files, warnings) = static_files(site.path());
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        assert!(
            names.contains(&"shared/ok.txt") && names.contains(&"alias.txt"),
            "{names:?}"
        );
        assert!(!names.iter().any(|n| n.contains("secret")), "{names:?}");
        assert_eq!(warnings.len(), 2, "{warnings:?}");
    }
}
