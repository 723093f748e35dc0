//! `cvsite check`: build the site in memory and check it the way a visitor would: every internal
//! link and `#anchor` of every page, every file a content field points at, and (with
//! `--external`) every outside link. Each problem names the source file that holds the link.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::Duration;

use walkdir::WalkDir;

use crate::content::markdown;
use crate::content::rich::RichText;
use crate::diagnostics::{Position, Positions, SourceFile, display_path, position_of};
use crate::site::RenderedSite;

/// A problem found, with where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    /// The source file (or template) that holds the link; `page /cv/` when no source was found
    /// to hold it.
    pub source: String,
    /// The line and column in `source`, when it is a file.
    pub at: Option<Position>,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for Finding {
    /// `file:line:column: message`, as every problem is told.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.at {
            Some((line, column)) => {
                write!(f, "{}:{line}:{column}: {}", self.source, self.message)
            }
            None => write!(f, "{}: {}", self.source, self.message),
        }
    }
}

/// The result of a check.
#[derive(Debug, Default)]
pub struct Report {
    /// Problems, in a stable order.
    pub findings: Vec<Finding>,
    /// Pages and links looked at.
    pub pages: usize,
    /// Internal links checked.
    pub links: usize,
    /// Notes (e.g. external links skipped while offline).
    pub notes: Vec<String>,
}

fn is_external(link: &str) -> bool {
    link.starts_with("//")
        || link
            .split_once(':')
            .is_some_and(|(scheme, _)| !scheme.contains('/') && !scheme.is_empty())
}

/// Where a link of page `page` (a file key like `cv/index.html`) leads, as a file key and an
/// anchor; `Err` for a path outside the site's base path.
fn resolve(link: &str, page: &str, base: &str) -> Result<(Option<String>, Option<String>), String> {
    let (path, anchor) = match link.split_once('#') {
        Some((p, a)) => (p, (!a.is_empty()).then(|| a.to_string())),
        None => (link, None),
    };
    let path = path.split('?').next().unwrap_or("");
    if path.is_empty() {
        return Ok((None, anchor));
    }
    let joined = if let Some(abs) = path.strip_prefix('/') {
        let full = format!("/{abs}");
        match full.strip_prefix(base) {
            Some(rel) => rel.to_string(),
            None if format!("{full}/") == base => String::new(),
            None => return Err(format!("{path} is outside the site's base path {base}")),
        }
    } else {
        let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
        if dir.is_empty() {
            path.to_string()
        } else {
            format!("{dir}/{path}")
        }
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut key = parts.join("/");
    let percent = percent_encoding::percent_decode_str(&key)
        .decode_utf8_lossy()
        .into_owned();
    key = percent;
    if joined.is_empty() || joined.ends_with('/') {
        key = if key.is_empty() {
            "index.html".to_string()
        } else {
            format!("{key}/index.html")
        };
    }
    Ok((Some(key), anchor))
}

/// Where the site's sources write each link, to name the file, line and column of a problem:
/// from the parsers for content (YAML values, Markdown links in them and in pages, posts and
/// the biography), as text for templates (Tera has no positions to ask).
struct Sources {
    /// (target as written, file, position), in a stable order: content, cvsite.yaml.
    links: Vec<(String, String, Position)>,
    /// Templates' text.
    templates: Vec<(String, String)>,
}

impl Sources {
    fn load(root: &Path) -> Sources {
        let mut sources = Sources {
            links: Vec::new(),
            templates: Vec::new(),
        };
        let files = |dir: &str| {
            let mut paths: Vec<_> = WalkDir::new(root.join(dir))
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(|e| e.into_path())
                .collect();
            paths.sort();
            paths
        };
        let mut content = files("content");
        content.push(root.join(crate::config::CONFIG_FILE));
        for path in content {
            let Ok(file) = SourceFile::read(&path, display_path(root, &path)) else {
                continue;
            };
            match path.extension().and_then(|x| x.to_str()) {
                Some("yaml" | "yml") => sources.yaml(&file, &file.text, 0),
                Some("md") => sources.markdown(&file),
                _ => {}
            }
        }
        for path in files("templates") {
            if let Ok(text) = std::fs::read_to_string(&path) {
                sources.templates.push((display_path(root, &path), text));
            }
        }
        sources
    }

    /// A YAML document's values: each one that is a link, and the links of its Markdown.
    fn yaml(&mut self, file: &SourceFile, yaml: &str, line_offset: usize) {
        for (at, value) in Positions::parse(yaml, line_offset).scalars() {
            let name = &file.display;
            self.links.push((value.clone(), name.clone(), *at));
            for link in RichText::markdown(value).links() {
                self.links.push((link.to_string(), name.clone(), *at));
            }
        }
    }

    /// A Markdown file's links (and its front matter's values).
    fn markdown(&mut self, file: &SourceFile) {
        let body_offset = match markdown::split_front_matter(file) {
            Ok(split) => {
                self.yaml(file, split.front, split.front_line_offset);
                file.text.len() - split.body.len()
            }
            Err(_) => 0,
        };
        for (offset, link) in markdown::link_offsets(&file.text[body_offset..]) {
            let at = position_of(&file.text, body_offset + offset);
            self.links.push((link, file.display.clone(), at));
        }
    }

    /// The first place writing any of `needles` (most specific first): the file and where.
    fn find(&self, needles: &[&str]) -> Option<(String, Position)> {
        for needle in needles.iter().filter(|n| n.len() > 1) {
            if let Some((_, file, at)) = self.links.iter().find(|(l, ..)| l == needle) {
                return Some((file.clone(), *at));
            }
        }
        for needle in needles.iter().filter(|n| n.len() > 1) {
            for (name, text) in &self.templates {
                if let Some(at) = text.find(needle) {
                    return Some((name.clone(), position_of(text, at)));
                }
            }
        }
        None
    }
}

/// A page's links and the ids of its elements, as the link check reads them.
#[derive(Debug, Default)]
pub struct PageLinks {
    /// Every `href` and `src` inside the site, unescaped, each once.
    pub links: Vec<String>,
    /// Every `id` and `name`.
    pub ids: BTreeSet<String>,
}

impl PageLinks {
    /// The links and ids of `file`, when it is a page. (A static file that cannot be read is
    /// still there: a link to it is not broken.)
    pub fn of_file(file: &crate::output::OutputFile) -> Option<PageLinks> {
        let html = file
            .path
            .ends_with(".html")
            .then(|| file.data.bytes().ok())??;
        Some(PageLinks::of(&String::from_utf8_lossy(&html)))
    }

    /// The internal links (each once) and the ids of a page.
    pub fn of(html: &str) -> PageLinks {
        use crate::html::{attribute_values, unescape_html};
        let mut links: Vec<String> = ["href=", "src="]
            .into_iter()
            .flat_map(|attr| attribute_values(html, attr))
            .filter(|l| !is_external(l))
            .map(unescape_html)
            .collect();
        links.sort_unstable();
        links.dedup();
        let ids = ["id=", "name="]
            .into_iter()
            .flat_map(|attr| attribute_values(html, attr))
            .map(unescape_html)
            .collect();
        PageLinks { links, ids }
    }
}

/// What the link check needs of a built site: each page's links and ids, and every file's path.
#[derive(Debug, Default)]
pub struct SiteLinks {
    /// Pages by file key (`cv/index.html`).
    pub pages: BTreeMap<String, PageLinks>,
    /// Every file of the site by key, pages included.
    pub files: BTreeSet<String>,
}

impl SiteLinks {
    /// Records the file `path`, and its links when it is a page.
    pub fn insert(&mut self, path: String, page: Option<PageLinks>) {
        if let Some(page) = page {
            self.pages.insert(path.clone(), page);
        }
        self.files.insert(path);
    }

    /// The links of every file of a site rendered to memory.
    pub fn of(files: &[crate::output::OutputFile]) -> SiteLinks {
        let mut out = SiteLinks::default();
        for f in files {
            out.insert(f.path.clone(), PageLinks::of_file(f));
        }
        out
    }
}

/// Checks a rendered site (from the site at `root`).
pub fn check(root: &Path, site: &RenderedSite, external: bool) -> Report {
    let links = SiteLinks::of(&site.files);
    let mut report = internal(root, &links, &site.base.path);
    if external {
        let outside: BTreeSet<String> = (site.files.iter())
            .filter(|f| f.path.ends_with(".html"))
            .filter_map(|f| f.data.bytes().ok())
            .flat_map(|html| crate::html::links_and_ids(&String::from_utf8_lossy(&html)).0)
            .filter(|l| l.starts_with("http://") || l.starts_with("https://"))
            .collect();
        check_external(&outside, &Sources::load(root), &mut report);
        report.findings.sort();
    }
    report
}

/// Checks every internal link and anchor of a built site (from the site at `root`, whose base
/// path is `base`); the sources are read only to place a problem.
pub fn internal(root: &Path, site: &SiteLinks, base: &str) -> Report {
    let mut sources: Option<Sources> = None;
    let mut report = Report {
        pages: site.pages.len(),
        ..Report::default()
    };
    // What a link from the site's root (`/lab/cv/`) leads to is the same from every page: each
    // is resolved once (a site of 10,000 papers has 400,000 links and 30,000 distinct ones).
    let mut absolute: std::collections::HashMap<&str, Option<String>> = Default::default();
    let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
    for (page, page_links) in &site.pages {
        for link in &page_links.links {
            report.links += 1;
            let problem = if link.starts_with('/') {
                absolute
                    .entry(link.as_str())
                    .or_insert_with(|| problem_of(site, link, page, base))
                    .clone()
            } else {
                problem_of(site, link, page, base)
            };
            let Some(message) = problem else { continue };
            if !seen.insert((link.clone(), message.clone())) {
                continue;
            }
            let page_url = format!("{base}{}", crate::route::rel_of_output(page));
            // The link as written in the sources: with or without the base path.
            let unbased = link
                .strip_prefix(base.trim_end_matches('/'))
                .unwrap_or(link);
            let short = unbased.trim_start_matches('/');
            let (source, at) = match sources.get_or_insert_with(|| Sources::load(root)).find(&[
                link.as_str(),
                unbased,
                short,
            ]) {
                Some((file, at)) => (file, Some(at)),
                None => (format!("page {page_url}"), None),
            };
            report.findings.push(Finding {
                source,
                at,
                message: format!("{message} (on {page_url})"),
            });
        }
    }
    report.findings.sort();
    report
}

/// What is wrong with internal link `link` of `page`, if anything.
fn problem_of(site: &SiteLinks, link: &str, page: &str, base: &str) -> Option<String> {
    let (target, anchor) = match resolve(link, page, base) {
        Err(why) => return Some(why),
        Ok(resolved) => resolved,
    };
    let mut target_key = target.clone().unwrap_or_else(|| page.to_string());
    // `/cv` for `/cv/`: every host redirects it to the folder.
    if !site.files.contains(&target_key) {
        let folder = format!("{target_key}/index.html");
        if site.files.contains(&folder) {
            target_key = folder;
        }
    }
    if !site.files.contains(&target_key) {
        let page_url = format!("{base}{}", crate::route::rel_of_output(page));
        return Some(format!(
            "broken link {link}: the site has no {}",
            target.map_or(page_url, |t| format!("/{t}"))
        ));
    }
    let a = anchor?;
    let has = site
        .pages
        .get(&target_key)
        .is_some_and(|p| p.ids.contains(&a));
    (!has && target_key.ends_with(".html"))
        .then(|| format!("broken anchor {link}: no element with id \"{a}\" on that page"))
}

fn check_external(urls: &BTreeSet<String>, sources: &Sources, report: &mut Report) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(10)))
        .http_status_as_error(false)
        .build()
        .into();
    let offline = |report: &mut Report| {
        report.notes.push(format!(
            "external links not checked: no network ({} links skipped)",
            urls.len()
        ));
    };
    let mut findings = Vec::new();
    let mut unreachable = 0;
    for (checked, url) in urls.iter().enumerate() {
        let status = agent
            .head(url.as_str())
            .call()
            .or_else(|_| agent.get(url.as_str()).call())
            .map(|r| r.status().as_u16());
        let problem = match status {
            // Forbidden, unauthorised, method not allowed and rate-limited pages exist.
            Ok(s) if s < 400 || matches!(s, 401 | 403 | 405 | 429) => continue,
            Ok(s) => format!("answers HTTP {s}"),
            Err(ureq::Error::HostNotFound | ureq::Error::Io(_) | ureq::Error::ConnectionFailed) => {
                unreachable += 1;
                // The first few hosts all unreachable: this machine is offline; do not wait on the rest.
                if unreachable == checked + 1 && unreachable >= 3 {
                    return offline(report);
                }
                "cannot be reached".to_string()
            }
            Err(e) => e.to_string(),
        };
        let (source, at) = match sources.find(&[url.as_str()]) {
            Some((file, at)) => (file, Some(at)),
            None => ("a page".to_string(), None),
        };
        findings.push(Finding {
            source,
            at,
            message: format!("external link {url} {problem}"),
        });
    }
    if unreachable > 0 && unreachable == urls.len() {
        return offline(report);
    }
    report.findings.extend(findings);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_links() {
        assert_eq!(
            resolve("/repo/cv/", "index.html", "/repo/"),
            Ok((Some("cv/index.html".into()), None))
        );
        assert_eq!(
            resolve("/repo/", "cv/index.html", "/repo/"),
            Ok((Some("index.html".into()), None))
        );
        assert_eq!(
            resolve("/repo", "cv/index.html", "/repo/"),
            Ok((Some("index.html".into()), None))
        );
        assert_eq!(
            resolve("#top", "cv/index.html", "/"),
            Ok((None, Some("top".into())))
        );
        assert_eq!(
            resolve("../css/x.css", "cv/index.html", "/"),
            Ok((Some("css/x.css".into()), None))
        );
        assert_eq!(
            resolve("img.png", "posts/a/index.html", "/"),
            Ok((Some("posts/a/img.png".into()), None))
        );
        assert_eq!(
            resolve("/cv/#education", "index.html", "/"),
            Ok((Some("cv/index.html".into()), Some("education".into())))
        );
        assert!(resolve("/cv/", "index.html", "/repo/").is_err());
    }

    #[test]
    fn tells_external_links() {
        assert!(
            is_external("https://x.org") && is_external("mailto:a@b") && is_external("//cdn.x")
        );
        assert!(!is_external("/a:b/") && !is_external("#x"));
    }
}
