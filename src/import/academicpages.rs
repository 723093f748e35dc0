//! An academicpages site (the Jekyll template academicpages.github.io) into cvsite's content:
//! the `author` block of `_config.yml` for the profile, `_pages/about.md` for the biography,
//! `_publications/`, `_talks/`, `_teaching/` and `_posts/`, and `files/` copied to `static/`.

use std::path::Path;

use serde_json::{Value, json};

use super::alfolio::{
    JekyllDoc, collection, front_date as date, front_matter, strip_html, without_liquid, yaml,
};
use super::{Imported, str_of};
use crate::text::slugify;

/// Reads the academicpages site in `dir`; `today` (YYYY-MM-DD) tells future posts, which
/// Jekyll does not publish, to become drafts.
pub fn import(dir: &Path, today: &str) -> Imported {
    let mut out = Imported::default();
    let config = yaml(&dir.join("_config.yml"), &mut out, "_config.yml");
    let empty = json!({});
    let author = config.get("author").unwrap_or(&empty);
    let name = str_of(author, "name")
        .or_else(|| str_of(&config, "name"))
        .unwrap_or("Your Name")
        .to_string();
    out.title = str_of(&config, "title").map(String::from);
    // Links to the old site's own files become files of the new one.
    let own_host = str_of(&config, "url")
        .map(|u| {
            u.trim_start_matches("https://")
                .trim_start_matches("http://")
        })
        .map(|h| h.trim_end_matches('/').to_string());
    let local = |url: &str| -> String {
        let bare = url
            .trim_start_matches("https://")
            .trim_start_matches("http://");
        match &own_host {
            Some(host) if bare.starts_with(&format!("{host}/")) => {
                let path = &bare[host.len() + 1..];
                if dir.join(path).is_file() {
                    return path.to_string();
                }
                url.to_string()
            }
            _ => url.to_string(),
        }
    };

    profile(dir, author, &name, &mut out);
    let mut about_done = false;
    if let Some((_, body)) = front_matter(&dir.join("_pages/about.md"), &mut out) {
        let bio = without_liquid(&body, &mut out, "_pages/about.md");
        if !bio.trim().is_empty() {
            out.files
                .push(("content/bio.md".into(), bio.trim().to_string() + "\n"));
            about_done = true;
        }
    }
    if !about_done && let Some(bio) = str_of(author, "bio") {
        out.files
            .push(("content/bio.md".into(), format!("{bio}\n")));
    }

    publications(dir, &name, &local, &mut out);
    talks(dir, &local, &mut out);
    teaching(dir, &mut out);
    posts(dir, today, &mut out);
    // The site's own files: papers and slides in files/, pictures in images/ (the theme's
    // icons aside).
    out.copy_folder(dir, "files", |_| false);
    out.copy_folder(dir, "images", |name| {
        name.starts_with("favicon") || name.starts_with("apple-touch") || name == "manifest.json"
    });
    out
}

/// The `author` block: name, employer, location, email, and the academic and social links.
fn profile(dir: &Path, author: &Value, name: &str, out: &mut Imported) {
    let mut links = serde_json::Map::new();
    for (key, field, prefix) in [
        ("googlescholar", "google_scholar", ""),
        ("orcid", "orcid", ""),
        ("semantic", "semantic_scholar", ""),
        ("github", "github", "https://github.com/"),
        ("linkedin", "linkedin", "https://www.linkedin.com/in/"),
        ("twitter", "x", "https://x.com/"),
    ] {
        if let Some(v) = str_of(author, key) {
            let url = if v.contains("://") {
                v.to_string()
            } else {
                format!("{prefix}{v}")
            };
            links.insert(field.into(), url.into());
        }
    }
    let known = [
        "name",
        "avatar",
        "bio",
        "location",
        "employer",
        "uri",
        "email",
        "googlescholar",
        "orcid",
        "semantic",
        "github",
        "linkedin",
        "twitter",
        "pronouns",
    ];
    let mut other = Vec::new();
    for (key, value) in author.as_object().into_iter().flatten() {
        let Some(v) = value.as_str().filter(|v| !v.trim().is_empty()) else {
            continue;
        };
        if known.contains(&key.as_str()) {
            continue;
        }
        if v.contains("://") {
            other.push(json!({ "label": key, "url": v }));
        } else {
            out.skip(
                format!("_config.yml author.{key}"),
                "a user name of a site cvsite has no link for: add the address under `links: other:`",
            );
        }
    }
    if !other.is_empty() {
        links.insert("other".into(), other.into());
    }
    // The avatar lives in images/ (copied with the folder).
    let photo = str_of(author, "avatar").and_then(|a| {
        if dir.join("images").join(a).is_file() {
            Some(format!("images/{a}"))
        } else {
            out.skip(
                format!("_config.yml author.avatar ({a})"),
                "the picture is not in images/",
            );
            None
        }
    });
    out.yaml(
        "content/profile.yaml",
        json!({
            "name": name,
            "affiliation": str_of(author, "employer"),
            "photo": photo,
            "contact": {
                "email": str_of(author, "email"),
                "location": str_of(author, "location"),
                "website": str_of(author, "uri"),
            },
            "links": links,
        }),
    );
}

/// `_publications/*.md`: papers. academicpages keeps the authors only inside the `citation`
/// text, so each paper gets the owner as its author and the report quotes the citation.
fn publications(dir: &Path, owner: &str, local: &dyn Fn(&str) -> String, out: &mut Imported) {
    let mut items = Vec::new();
    for doc in collection(&dir.join("_publications"), "_publications", out) {
        let JekyllDoc {
            stem,
            shown,
            front,
            body,
            ..
        } = doc;
        let Some(title) = str_of(&front, "title") else {
            out.skip(&shown, "no title: left out");
            continue;
        };
        let kind = match str_of(&front, "category") {
            Some("manuscripts") => "journal",
            Some("conferences") => "conference",
            Some("books") => "book",
            _ => "other",
        };
        let body = without_liquid(&body, out, &shown);
        let year = date(&front).and_then(|d| d.get(..4).and_then(|y| y.parse::<u16>().ok()));
        if let Some(citation) = str_of(&front, "citation") {
            out.skip(
                format!("{shown} authors"),
                &format!(
                    "set to you; the citation says: {}",
                    strip_html(citation).replace("&quot;", "\"")
                ),
            );
        }
        if str_of(&front, "bibtexurl").is_some() {
            out.skip(
                format!("{shown} bibtexurl"),
                "cvsite writes each paper's BibTeX itself",
            );
        }
        items.push(json!({
            "key": slugify(&stem),
            "title": title,
            "authors": [owner],
            "venue": str_of(&front, "venue").map(|v| v.trim_end_matches('.').to_string()),
            "year": year,
            "type": kind,
            "abstract": (!body.trim().is_empty()).then(|| body.trim().to_string()),
            "links": {
                "pdf": str_of(&front, "paperurl").map(local),
                "slides": str_of(&front, "slidesurl").map(local),
            },
        }));
    }
    out.yaml("content/publications.yaml", items.into());
}

/// `_talks/*.md`: talks; a description has no place in a talk entry.
fn talks(dir: &Path, local: &dyn Fn(&str) -> String, out: &mut Imported) {
    let mut items = Vec::new();
    for doc in collection(&dir.join("_talks"), "_talks", out) {
        let JekyllDoc {
            shown, front, body, ..
        } = doc;
        let Some(title) = str_of(&front, "title") else {
            out.skip(&shown, "no title: left out");
            continue;
        };
        if !body.trim().is_empty() {
            out.skip(
                format!("{shown} text"),
                "a talk has no description in cvsite",
            );
        }
        items.push(json!({
            "title": title,
            "event": str_of(&front, "venue").unwrap_or(str_of(&front, "type").unwrap_or("Talk")),
            "location": str_of(&front, "location"),
            "date": date(&front),
            "url": str_of(&front, "talkurl").map(local),
            "slides": str_of(&front, "slidesurl").map(local),
        }));
    }
    out.yaml("content/talks.yaml", items.into());
}

/// `_teaching/*.md`: courses, the course type as the role.
fn teaching(dir: &Path, out: &mut Imported) {
    let mut items = Vec::new();
    for doc in collection(&dir.join("_teaching"), "_teaching", out) {
        let JekyllDoc {
            shown, front, body, ..
        } = doc;
        let Some(title) = str_of(&front, "title") else {
            out.skip(&shown, "no title: left out");
            continue;
        };
        let body = without_liquid(&body, out, &shown);
        let place = [str_of(&front, "venue"), str_of(&front, "location")]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
        items.push(json!({
            "course": title,
            "role": str_of(&front, "type").unwrap_or("Teaching"),
            "institution": (!place.is_empty()).then_some(place),
            "start": date(&front),
            "description": (!body.trim().is_empty()).then(|| body.trim().to_string()),
        }));
    }
    out.yaml("content/teaching.yaml", items.into());
}

/// `_posts/*.md`: posts; a future one (Jekyll leaves it out) as a draft.
fn posts(dir: &Path, today: &str, out: &mut Imported) {
    for doc in collection(&dir.join("_posts"), "_posts", out) {
        let JekyllDoc {
            name,
            shown,
            front,
            body,
            ..
        } = doc;
        let Some(date) = date(&front).or_else(|| name.get(..10).map(String::from)) else {
            out.skip(&shown, "no date: left out");
            continue;
        };
        let title = str_of(&front, "title").unwrap_or(&name).to_string();
        let body = without_liquid(&body, out, &shown);
        let front_yaml = serde_yaml::to_string(&json!({
            "title": title,
            "date": date,
            "draft": date.as_str() > today,
        }))
        .expect("YAML");
        out.files.push((
            format!("content/posts/{name}"),
            format!("---\n{front_yaml}---\n{}\n", body.trim()),
        ));
    }
}
