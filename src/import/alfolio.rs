//! An al-folio site (a checked-out Jekyll site of the al-folio theme) into cvsite's content:
//! `_config.yml` and `_data/socials.yml` for the profile, `_pages/about.md` for the biography
//! and photo, `_bibliography/papers.bib` as it is, `_news/`, `_projects/` (as pages),
//! `_data/cv.yml` or `assets/json/resume.json` for the CV, and `assets/pdf` and the photo
//! copied to `static/`. Sites of multi-language al-folio (`_pages/en-us/about.md`) import
//! one language: the site's `default_lang`, or the one asked for.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::{Imported, str_of};
use crate::content::date::PartialDate;
use crate::content::markdown;
use crate::diagnostics::SourceFile;
use crate::text::slugify;

/// Reads the al-folio site in `dir`; of a multi-language site, its `language` (or else its
/// default language). Fails only for a language the site does not have.
pub fn import(dir: &Path, language: Option<&str>) -> Result<Imported, String> {
    let mut out = Imported::default();
    let config = yaml(&dir.join("_config.yml"), &mut out, "_config.yml");
    let socials = yaml(
        &dir.join("_data/socials.yml"),
        &mut out,
        "_data/socials.yml",
    );
    // Multi-language al-folio keeps each language in a folder of its own.
    let lang = choose_language(dir, &config, language, &mut out)?;
    let in_lang = |folder: &str, file: &str| -> PathBuf {
        let plain = dir.join(folder).join(file);
        let localized = lang.as_ref().map(|l| dir.join(folder).join(l).join(file));
        match localized {
            Some(l) if l.exists() => l,
            _ => plain,
        }
    };

    let name = ["first_name", "middle_name", "last_name"]
        .iter()
        .filter_map(|k| str_of(&config, k))
        .collect::<Vec<_>>()
        .join(" ");
    let name = if name.is_empty() {
        out.skip(
            "_config.yml first_name/last_name",
            "missing: set `name` in content/profile.yaml",
        );
        "Your Name".to_string()
    } else {
        name
    };
    out.title = str_of(&config, "title")
        .filter(|t| *t != "blank")
        .map(String::from)
        .or_else(|| Some(name.clone()));

    let (position, photo) = about(dir, &in_lang("_pages", "about.md"), &mut out);
    let links = social_links(&config, &socials, &mut out);
    let email = str_of(&socials, "email")
        .or_else(|| str_of(&config, "email"))
        .map(String::from);

    publications(dir, lang.as_deref(), &mut out);

    news(&in_lang("_news", ""), &mut out);
    projects(&in_lang("_projects", ""), &mut out);
    let resume = dir.join("assets/json/resume.json");
    let cv = in_lang("_data", "cv.yml");
    let mut interests = Vec::new();
    if resume.is_file() {
        cv_from_resume(&resume, &mut out);
    } else if cv.is_file() {
        let shown = cv.strip_prefix(dir).unwrap_or(&cv).display().to_string();
        interests = cv_yml(&cv, &shown, &mut out);
    }
    out.yaml(
        "content/profile.yaml",
        json!({
            "name": name,
            "position": position,
            "photo": photo,
            "contact": { "email": email },
            "links": links,
            "interests": interests,
        }),
    );
    Ok(out)
}

/// The about page: the biography (Liquid left out), the photo (copied), and the subtitle, which
/// is the position; returns (position, photo).
fn about(dir: &Path, page: &Path, out: &mut Imported) -> (Option<String>, Option<String>) {
    let mut photo = None;
    let mut position = None;
    if let Some((front, body)) = front_matter(page, out) {
        position = str_of(&front, "subtitle").map(strip_html);
        if let Some(image) = front.get("profile").and_then(|p| str_of(p, "image")) {
            let src = dir.join("assets/img").join(image);
            if src.is_file() {
                let dest = format!("assets/img/{image}");
                out.copies.push((format!("static/{dest}"), src));
                photo = Some(dest);
            } else {
                out.skip(
                    format!("profile.image ({image})"),
                    "the picture is not in assets/img/",
                );
            }
        }
        let bio = without_liquid(&body, out, "_pages/about.md");
        if !bio.trim().is_empty() {
            out.files
                .push(("content/bio.md".into(), bio.trim().to_string() + "\n"));
        }
    }

    (position, photo)
}

/// The profile's links from `_data/socials.yml` (or, in older sites, `_config.yml`).
fn social_links(
    config: &Value,
    socials: &Value,
    out: &mut Imported,
) -> serde_json::Map<String, Value> {
    let mut links = serde_json::Map::new();
    for (key, field, url) in [
        (
            "scholar_userid",
            "google_scholar",
            "https://scholar.google.com/citations?user=",
        ),
        ("github_username", "github", "https://github.com/"),
        (
            "linkedin_username",
            "linkedin",
            "https://www.linkedin.com/in/",
        ),
        ("x_username", "x", "https://x.com/"),
        ("twitter_username", "x", "https://x.com/"),
        ("orcid_id", "orcid", "https://orcid.org/"),
        (
            "semanticscholar_id",
            "semantic_scholar",
            "https://www.semanticscholar.org/author/",
        ),
        ("dblp_url", "dblp", ""),
    ] {
        if let Some(v) = str_of(socials, key).or_else(|| str_of(config, key)) {
            links.insert(field.into(), format!("{url}{v}").into());
        }
    }
    let mut other = Vec::new();
    for (key, value) in socials.as_object().into_iter().flatten() {
        let known = [
            "scholar_userid",
            "github_username",
            "linkedin_username",
            "x_username",
            "twitter_username",
            "orcid_id",
            "semanticscholar_id",
            "dblp_url",
            "email",
        ];
        if known.contains(&key.as_str()) {
            continue;
        }
        match (key.as_str(), value) {
            ("inspirehep_id", v) => other.push(json!({
                "label": "INSPIRE",
                "url": format!("https://inspirehep.net/authors/{}", v.as_str().map_or(v.to_string(), String::from)),
            })),
            (_, Value::Object(_)) if str_of(value, "url").is_some() => other.push(json!({
                "label": str_of(value, "title").unwrap_or(key),
                "url": str_of(value, "url"),
            })),
            (_, Value::String(url)) if url.starts_with("http") => {
                other.push(json!({ "label": key, "url": url }))
            }
            _ => out.skip(
                format!("_data/socials.yml {key}"),
                "a setting of al-folio's pages, or a service cvsite has no link for",
            ),
        }
    }
    if !other.is_empty() {
        links.insert("other".into(), other.into());
    }
    links
}

/// `_bibliography/papers.bib` as it is (al-folio's fields are read), and the PDFs and previews
/// where al-folio keeps them.
fn publications(dir: &Path, lang: Option<&str>, out: &mut Imported) {
    let bib = dir.join("_bibliography/papers.bib");
    match std::fs::read_to_string(&bib) {
        Ok(text) => out.files.push(("content/publications.bib".into(), text)),
        Err(_) => out.skip(
            "_bibliography/papers.bib",
            "not found: no publications imported",
        ),
    }
    let pdfs = match lang {
        Some(l) if dir.join("assets/pdf").join(l).is_dir() => format!("assets/pdf/{l}"),
        _ => "assets/pdf".to_string(),
    };
    let previews = "assets/img/publication_preview";
    out.copy_folder(dir, &pdfs, |_| false);
    out.copy_folder(dir, previews, |_| false);
    // al-folio writes `pdf = {paper.pdf}` for assets/pdf/paper.pdf, and `preview = {x.gif}`
    // for assets/img/publication_preview/x.gif.
    out.config_lines.push(format!(
        "publications:\n  pdf_dir: {pdfs}\n  preview_dir: {previews}"
    ));
}

/// A Jekyll front matter `date` (`2015-10-22 15:59:00-0400`, `2009-10-01`) as cvsite writes
/// dates.
pub(super) fn front_date(front: &Value) -> Option<String> {
    let text = match front.get("date")? {
        Value::String(s) => s.get(..10).unwrap_or(s).to_string(),
        other => other.to_string(),
    };
    PartialDate::parse(&text).ok().map(|d| d.iso())
}

/// The language folder to import of a multi-language al-folio site (`_pages/en-us/about.md`):
/// the one asked for, else `default_lang`, else the first; the others are reported, with how
/// to import them. `None` for a site of one language.
fn choose_language(
    dir: &Path,
    config: &Value,
    wanted: Option<&str>,
    out: &mut Imported,
) -> Result<Option<String>, String> {
    let mut langs: Vec<String> = std::fs::read_dir(dir.join("_pages"))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.path().join("about.md").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    langs.sort();
    let chosen = match wanted {
        Some(w) if langs.iter().any(|l| l == w) => w.to_string(),
        Some(w) if langs.is_empty() => {
            return Err(format!(
                "this site has one language: leave out `--language {w}`"
            ));
        }
        Some(w) => {
            return Err(format!(
                "this site has no language `{w}`: it has {}",
                langs.join(", ")
            ));
        }
        None => match str_of(config, "default_lang").filter(|d| langs.iter().any(|l| l == d)) {
            Some(d) => d.to_string(),
            None => match langs.first() {
                Some(first) => first.clone(),
                None => return Ok(None),
            },
        },
    };
    for other in langs.iter().filter(|l| **l != chosen) {
        out.skip(
            format!("_pages/{other}/, _news/{other}/, _projects/{other}/, _data/{other}/"),
            &format!(
                "another language (a cvsite site has one): import it into a site of its own \
                 with `cvsite import al-folio DIR --language {other} --root OTHER-SITE`"
            ),
        );
    }
    out.config_lines.push(format!("language: {chosen}"));
    Ok(Some(chosen))
}

/// A YAML file as a value (`{}` when missing; a broken one is reported).
pub(super) fn yaml(path: &Path, out: &mut Imported, shown: &str) -> Value {
    let Ok(text) = std::fs::read_to_string(path) else {
        return json!({});
    };
    match serde_yaml::from_str::<Value>(&text) {
        Ok(Value::Null) => json!({}),
        Ok(v) => v,
        Err(e) => {
            out.skip(shown, &format!("not read: {e}"));
            json!({})
        }
    }
}

/// A Markdown file's front matter (as a value) and body.
/// A Markdown file of a Jekyll collection (`_talks/talk-1.md`), read.
pub(super) struct JekyllDoc {
    /// Its name without `.md`.
    pub stem: String,
    /// Its name.
    pub name: String,
    /// How the report names it (`_talks/talk-1.md`).
    pub shown: String,
    /// Its front matter.
    pub front: Value,
    /// Its Markdown.
    pub body: String,
}

/// The Markdown files of the collection folder `dir` (shown in reports as `folder`), in name
/// order, read; a file without front matter is reported and left out.
pub(super) fn collection(dir: &Path, folder: &str, out: &mut Imported) -> Vec<JekyllDoc> {
    markdown_files(dir)
        .into_iter()
        .filter_map(|path| {
            let (front, body) = front_matter(&path, out)?;
            let name = path.file_name()?.to_string_lossy().into_owned();
            let stem = path.file_stem()?.to_string_lossy().into_owned();
            Some(JekyllDoc {
                shown: format!("{folder}/{name}"),
                stem,
                name,
                front,
                body,
            })
        })
        .collect()
}

pub(super) fn front_matter(path: &Path, out: &mut Imported) -> Option<(Value, String)> {
    let file = SourceFile::read(path, path.display().to_string()).ok()?;
    match markdown::split_front_matter(&file) {
        Ok(split) => {
            let front = serde_yaml::from_str::<Value>(split.front).unwrap_or(json!({}));
            Some((front, split.body.to_string()))
        }
        Err(_) => {
            out.skip(path.display().to_string(), "no front matter: left out");
            None
        }
    }
}

/// Markdown without the Liquid tags of Jekyll (`{% include ... %}`, `{{ site.x }}`), which
/// mean nothing outside Jekyll; each file that had some is reported.
pub(super) fn without_liquid(text: &str, out: &mut Imported, shown: &str) -> String {
    let mut kept = String::with_capacity(text.len());
    let mut removed = false;
    let mut rest = text;
    while let Some(start) = rest
        .find(['{'])
        .filter(|&i| rest[i..].starts_with("{%") || rest[i..].starts_with("{{"))
    {
        let close = if rest[start..].starts_with("{%") {
            "%}"
        } else {
            "}}"
        };
        let Some(end) = rest[start..].find(close) else {
            break;
        };
        kept.push_str(&rest[..start]);
        rest = &rest[start + end + 2..];
        removed = true;
    }
    kept.push_str(rest);
    if removed {
        out.skip(
            shown,
            "Jekyll's Liquid tags ({% ... %}, {{ ... }}) were left out",
        );
    }
    kept
}

/// Text without HTML tags and with its entities decoded (`&amp;`), lines joined.
pub(super) fn strip_html(text: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    crate::html::unescape_html(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The Markdown files of a folder, sorted.
fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    files
}

/// `_news/*.md`: each an item of `content/news.yaml` (a long one keeps its title and text).
fn news(dir: &Path, out: &mut Imported) {
    let mut items = Vec::new();
    for doc in collection(dir, "_news", out) {
        let JekyllDoc {
            shown, front, body, ..
        } = doc;
        let Some(date) = front_date(&front) else {
            out.skip(&shown, "no date: left out");
            continue;
        };
        let body = without_liquid(&body, out, &shown);
        let inline = front
            .get("inline")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let text = match str_of(&front, "title") {
            // A news item with a page of its own: a post, and a news line linking to it.
            Some(title) if !inline => {
                let slug = slugify(title);
                let front_yaml =
                    serde_yaml::to_string(&json!({ "title": title, "date": date })).expect("YAML");
                out.files.push((
                    format!("content/posts/{date}-{slug}.md"),
                    format!("---\n{front_yaml}---\n{}\n", body.trim()),
                ));
                format!("[{title}](/posts/{slug}/)")
            }
            _ => body.split_whitespace().collect::<Vec<_>>().join(" "),
        };
        items.push(json!({ "date": date, "text": text }));
    }
    out.yaml("content/news.yaml", items.into());
}

/// `_projects/*.md`: pages of their own, their descriptions as research highlights.
fn projects(dir: &Path, out: &mut Imported) {
    let mut highlights = Vec::new();
    for doc in collection(dir, "_projects", out) {
        let JekyllDoc {
            stem,
            shown,
            front,
            body,
            ..
        } = doc;
        let title = str_of(&front, "title").unwrap_or(&stem).to_string();
        let slug = format!("projects-{}", slugify(&stem));
        let body = without_liquid(&body, out, &shown);
        let description = str_of(&front, "description").map(String::from);
        let front_yaml = serde_yaml::to_string(&json!({
            "title": title,
            "description": description,
            "slug": slug,
        }))
        .expect("YAML");
        out.files.push((
            format!("content/pages/{slug}.md"),
            format!("---\n{front_yaml}---\n{}\n", body.trim()),
        ));
        if front.get("img").is_some() {
            out.skip(format!("{shown} img"), "project thumbnails are not shown");
        }
        highlights.push(json!({
            "name": title,
            "claim": description,
            "links": [{ "label": "Project page", "url": format!("/{slug}/") }],
        }));
    }
    out.yaml("content/projects.yaml", highlights.into());
}

/// `assets/json/resume.json`: the CV in JSON Resume, read as `cvsite import jsonresume` does
/// (its profile and publications aside: those come from the site itself).
fn cv_from_resume(path: &Path, out: &mut Imported) {
    let Some(doc) = std::fs::read_to_string(path)
        .ok()
        .and_then(|t| serde_json::from_str::<Value>(&t).ok())
    else {
        out.skip(
            "assets/json/resume.json",
            "not read as JSON: no CV entries imported",
        );
        return;
    };
    let cv = super::jsonresume::import(&doc);
    for (name, text) in cv.files {
        let taken = out.files.iter().any(|(n, _)| *n == name);
        if !taken
            && !matches!(
                name.as_str(),
                "content/profile.yaml" | "content/bio.md" | "content/publications.yaml"
            )
        {
            out.files.push((name, text));
        }
    }
    out.unmapped.extend(
        cv.unmapped
            .into_iter()
            .map(|u| format!("assets/json/resume.json {u}")),
    );
}

/// `_data/cv.yml`: al-folio's own CV format, sections of `time_table`, `map`, `list` and
/// `nested_list` entries; returns the research interests, which go in the profile.
fn cv_yml(path: &Path, shown: &str, out: &mut Imported) -> Vec<Value> {
    let doc = yaml(path, out, shown);
    let (mut education, mut experience, mut awards, mut interests) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (i, section) in doc.as_array().into_iter().flatten().enumerate() {
        let title = str_of(section, "title").unwrap_or_default();
        let kind = section_kind(title);
        let at = format!("{shown}[{i}] ({title})");
        let contents = section.get("contents").and_then(Value::as_array);
        match str_of(section, "type") {
            Some("time_table") => {
                for (j, e) in contents.into_iter().flatten().enumerate() {
                    let (start, end) = years(e.get("year"));
                    let notes = descriptions(e.get("description"));
                    let what = str_of(e, "title").map(strip_html);
                    if kind == Section::Education {
                        education.push(json!({
                            "degree": what.unwrap_or_else(|| "Degree".into()),
                            "institution": str_of(e, "institution").unwrap_or("—"),
                            "start": start,
                            "end": end,
                            "notes": notes,
                        }));
                    } else if kind == Section::Awards {
                        let items: Vec<String> = e
                            .get("items")
                            .and_then(Value::as_array)
                            .into_iter()
                            .flatten()
                            .filter_map(|x| x.as_str().map(String::from))
                            .chain(what)
                            .collect();
                        for item in items {
                            awards.push(
                                json!({ "title": item, "date": end.clone().or(start.clone()) }),
                            );
                        }
                    } else {
                        let Some(role) = what else {
                            out.skip(format!("{at}[{j}]"), "no title: left out");
                            continue;
                        };
                        experience.push(json!({
                            "category": title,
                            "organization": str_of(e, "institution").unwrap_or(title),
                            "role": role,
                            "start": start,
                            "end": end,
                            "highlights": notes,
                        }));
                    }
                }
            }
            Some("nested_list") if kind == Section::Interests => {
                for e in contents.into_iter().flatten() {
                    interests.push(json!({
                        "area": str_of(e, "title").unwrap_or(title),
                        "topics": e.get("items").cloned().unwrap_or(json!([])),
                    }));
                }
            }
            Some("map") => out.skip(
                at,
                "general information: the profile comes from _config.yml",
            ),
            _ => out.skip(at, "a section cvsite has no place for"),
        }
    }
    out.yaml("content/education.yaml", education.into());
    out.yaml("content/experience.yaml", experience.into());
    out.yaml("content/awards.yaml", awards.into());
    interests
}

/// What a section of `cv.yml` holds, by its title in the languages al-folio sites are written in
/// (multi-language al-folio ships English, Portuguese and French).
#[derive(PartialEq)]
enum Section {
    Education,
    Awards,
    Interests,
    Other,
}

fn section_kind(title: &str) -> Section {
    let folded = deunicode::deunicode(title).to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| folded.contains(w));
    if has(&[
        "education",
        "educacao",
        "educacion",
        "formation",
        "formacao",
        "formacion",
        "formazione",
        "istruzione",
        "ausbildung",
        "studium",
    ]) {
        Section::Education
    } else if has(&[
        "award",
        "honor",
        "honour",
        "honraria",
        "premio",
        "prix",
        "distinction",
        "preis",
        "auszeichnung",
    ]) {
        Section::Awards
    } else if has(&["interest", "interes", "interet", "interessi", "interessen"]) {
        Section::Interests
    } else {
        Section::Other
    }
}

/// "1905", "1933 - 1955", "2023-now" as a start and an end.
fn years(value: Option<&Value>) -> (Option<String>, Option<String>) {
    let text = match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => return (None, None),
    };
    let parts: Vec<&str> = text.split(['-', '–']).map(str::trim).collect();
    let date = |s: &str| PartialDate::parse(s).ok().map(|d| d.iso());
    match parts.as_slice() {
        [one] => (None, date(one)),
        [from, to, ..] => {
            let end = if ["now", "present", "current", ""].contains(&to.to_lowercase().as_str()) {
                Some("present".to_string())
            } else {
                date(to)
            };
            (date(from), end)
        }
        [] => (None, None),
    }
}

/// A description: a string, or a list of strings and `{title, contents}` groups, as lines.
fn descriptions(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .flat_map(|i| match i {
                Value::String(s) => vec![s.clone()],
                other => {
                    let head = str_of(other, "title").unwrap_or_default().to_string();
                    let sub: Vec<String> = other
                        .get("contents")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .filter_map(|s| s.as_str().map(String::from))
                        .collect();
                    vec![format!("{head} {}", sub.join("; ")).trim().to_string()]
                }
            })
            .filter(|s| !s.is_empty())
            .collect(),
        _ => Vec::new(),
    }
}
