//! `cvsite init` and `cvsite new`: start a site, and add posts, pages and news with today's date.

use std::fs;
use std::path::{Path, PathBuf};

use miette::{IntoDiagnostic, Result, WrapErr, bail};

use crate::text::slugify;

/// The new-site example (a fictional researcher) and its GitHub files, as (path, text).
/// In the source tree `.gitignore` and `.github/` are stored without their dot, so they do not
/// act on this repository.
const SCAFFOLD: &[(&str, &str)] = &[
    ("cvsite.yaml", include_str!("scaffold/cvsite.yaml")),
    (".gitignore", include_str!("scaffold/gitignore")),
    (
        ".github/workflows/pages.yml",
        include_str!("scaffold/github/workflows/pages.yml"),
    ),
    (
        "content/profile.yaml",
        include_str!("scaffold/content/profile.yaml"),
    ),
    ("content/bio.md", include_str!("scaffold/content/bio.md")),
    (
        "content/education.yaml",
        include_str!("scaffold/content/education.yaml"),
    ),
    (
        "content/experience.yaml",
        include_str!("scaffold/content/experience.yaml"),
    ),
    (
        "content/publications.yaml",
        include_str!("scaffold/content/publications.yaml"),
    ),
    (
        "content/projects.yaml",
        include_str!("scaffold/content/projects.yaml"),
    ),
    (
        "content/awards.yaml",
        include_str!("scaffold/content/awards.yaml"),
    ),
    (
        "content/service.yaml",
        include_str!("scaffold/content/service.yaml"),
    ),
    (
        "content/skills.yaml",
        include_str!("scaffold/content/skills.yaml"),
    ),
    (
        "content/news.yaml",
        include_str!("scaffold/content/news.yaml"),
    ),
    (
        "content/talks.yaml",
        include_str!("scaffold/content/talks.yaml"),
    ),
    (
        "content/teaching.yaml",
        include_str!("scaffold/content/teaching.yaml"),
    ),
    (
        "content/pages/about.md",
        include_str!("scaffold/content/pages/about.md"),
    ),
    (
        "content/posts/2024-01-15-hello.md",
        include_str!("scaffold/content/posts/2024-01-15-hello.md"),
    ),
    (
        "content/posts/2024-02-01-technical-writing.md",
        include_str!("scaffold/content/posts/2024-02-01-technical-writing.md"),
    ),
    (
        "static/papers/efficient.pdf",
        include_str!("scaffold/static/papers/efficient.pdf"),
    ),
];

/// The example's images, as (path, bytes): drawn for cvsite (a placeholder portrait and a
/// paper's figure), under the project's licence.
const SCAFFOLD_IMAGES: &[(&str, &[u8])] = &[
    (
        "static/img/photo.png",
        include_bytes!("scaffold/static/img/photo.png"),
    ),
    (
        "static/figures/efficient.png",
        include_bytes!("scaffold/static/figures/efficient.png"),
    ),
];

/// Text safe inside a double-quoted YAML string.
fn yaml_inner(text: &str) -> String {
    let quoted = serde_json::to_string(text).expect("JSON string");
    quoted[1..quoted.len() - 1].to_string()
}

/// Creates a new site in `dir`; refuses a folder with files unless `force`.
pub fn init(dir: &Path, name: &str, base_url: &str, force: bool) -> Result<Vec<PathBuf>> {
    let base =
        crate::config::BaseUrl::parse(base_url).map_err(|e| miette::miette!("--base-url: {e}"))?;
    if dir.is_dir() && !force {
        let mut entries = fs::read_dir(dir).into_diagnostic()?;
        if entries.next().is_some() {
            bail!(
                help = "choose a new or empty folder, or pass --force to add the example files here (files of the same name are replaced)",
                "{} is not empty",
                dir.display()
            );
        }
    }
    // Where cvsite's releases are (`owner/name`): Cargo.toml's `repository` is the one place
    // that says so.
    let releases = env!("CARGO_PKG_REPOSITORY").trim_start_matches("https://github.com/");
    let mut written = Vec::new();
    let texts = SCAFFOLD.iter().map(|(path, text)| {
        let text = text
            .replace("__NAME__", &yaml_inner(name))
            .replace("__BASE_URL__", &yaml_inner(&base.absolute))
            .replace("__VERSION__", env!("CARGO_PKG_VERSION"))
            .replace("__REPOSITORY__", releases);
        (*path, text.into_bytes())
    });
    let images = SCAFFOLD_IMAGES.iter().map(|(p, b)| (*p, b.to_vec()));
    for (path, text) in texts.chain(images) {
        let dest = dir.join(path);
        fs::create_dir_all(dest.parent().expect("has a folder"))
            .into_diagnostic()
            .wrap_err_with(|| format!("cannot create the folder of {}", dest.display()))?;
        fs::write(&dest, text)
            .into_diagnostic()
            .wrap_err_with(|| format!("cannot write {}", dest.display()))?;
        written.push(dest);
    }
    written.extend(crate::schema::write(&dir.join("schemas"))?);
    Ok(written)
}

/// Today's date (UTC) as `YYYY-MM-DD`.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 to a calendar date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// What `cvsite new` adds.
#[derive(Debug, Clone, Copy)]
pub enum NewKind {
    /// A blog post.
    Post,
    /// A free page.
    Page,
    /// A news item.
    News,
}

/// Adds a post, page or news item to the site at `root`; returns the file written.
pub fn new(root: &Path, kind: NewKind, text: &str, date: &str) -> Result<PathBuf> {
    let slug = slugify(text);
    let front = |extra: &str| {
        format!(
            "---\ntitle: \"{}\"\n{extra}description: \"\"\n---\nWrite here, in Markdown.\n",
            yaml_inner(text)
        )
    };
    let (path, contents) = match kind {
        NewKind::Post => (
            root.join(format!("content/posts/{date}-{slug}.md")),
            front(&format!("date: {date}\n")),
        ),
        NewKind::Page => (root.join(format!("content/pages/{slug}.md")), front("")),
        NewKind::News => {
            let path = root.join("content/news.yaml");
            let mut existing = if path.exists() {
                fs::read_to_string(&path)
                    .into_diagnostic()
                    .wrap_err_with(|| format!("cannot read {}", path.display()))?
            } else {
                "# yaml-language-server: $schema=../schemas/news.schema.json\n".to_string()
            };
            if !existing.ends_with('\n') {
                existing.push('\n');
            }
            existing.push_str(&format!(
                "- date: {date}\n  text: \"{}\"\n",
                yaml_inner(text)
            ));
            (path, existing)
        }
    };
    if slug.is_empty() && !matches!(kind, NewKind::News) {
        bail!("\"{text}\" gives an empty file name: use letters or digits in the title");
    }
    if path.exists() && !matches!(kind, NewKind::News) {
        bail!("{} exists already", path.display());
    }
    fs::create_dir_all(path.parent().expect("has a folder")).into_diagnostic()?;
    fs::write(&path, contents)
        .into_diagnostic()
        .wrap_err_with(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(20_419), (2025, 11, 27));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }
}
