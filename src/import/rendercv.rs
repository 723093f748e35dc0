//! RenderCV's YAML (`cv:` with `sections:`) into cvsite's content files. RenderCV sections have
//! free titles; each entry's fields tell what it is (education, experience, publication, ...).

use serde_json::{Value, json};

use super::{Imported, str_of};
use crate::text::slugify;

/// URL of a RenderCV social network entry, and the profile field it fills.
fn social(network: &str, user: &str) -> (Option<&'static str>, String) {
    match network.to_lowercase().replace([' ', '-', '_'], "").as_str() {
        "github" => (Some("github"), format!("https://github.com/{user}")),
        "linkedin" => (
            Some("linkedin"),
            format!("https://www.linkedin.com/in/{user}"),
        ),
        "x" | "twitter" => (Some("x"), format!("https://x.com/{user}")),
        "googlescholar" => (
            Some("google_scholar"),
            format!("https://scholar.google.com/citations?user={user}"),
        ),
        "orcid" => (Some("orcid"), format!("https://orcid.org/{user}")),
        "researchgate" => (
            Some("researchgate"),
            format!("https://www.researchgate.net/profile/{user}"),
        ),
        "gitlab" => (Some("gitlab"), format!("https://gitlab.com/{user}")),
        "youtube" => (Some("youtube"), format!("https://www.youtube.com/@{user}")),
        "stackoverflow" => (None, format!("https://stackoverflow.com/users/{user}")),
        "mastodon" => {
            // @name@server
            let parts: Vec<&str> = user.trim_start_matches('@').splitn(2, '@').collect();
            match parts.as_slice() {
                [name, server] => (Some("mastodon"), format!("https://{server}/@{name}")),
                _ => (None, user.to_string()),
            }
        }
        _ => (None, user.to_string()),
    }
}

fn strings(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

/// An author as RenderCV writes one: the owner marked with Markdown emphasis (`*Name*`,
/// `**Name**`), which cvsite finds by name (a marked spelling that is not the owner's name is
/// kept as an alias), and a name that is a Markdown link (`[FlashInfer](https://...)`), which
/// becomes a name with a homepage.
fn author(written: &str, found: &mut Found) -> Value {
    let trimmed = written.trim();
    let name = trimmed.trim_matches('*').trim();
    if name.len() < trimmed.len() && name != found.owner && !found.aliases.iter().any(|a| a == name)
    {
        found.aliases.push(name.to_string());
    }
    if let Some((label, url)) = name
        .strip_prefix('[')
        .and_then(|rest| rest.split_once("]("))
        .and_then(|(label, tail)| Some((label, tail.strip_suffix(')')?)))
    {
        return json!({ "name": label, "url": url });
    }
    json!(name)
}

fn is_any(title: &str, words: &[&str]) -> bool {
    let t = title.to_lowercase();
    words.iter().any(|w| t.contains(w))
}

/// What the sections' entries become, file by file.
#[derive(Default)]
struct Found {
    education: Vec<Value>,
    experience: Vec<Value>,
    publications: Vec<Value>,
    projects: Vec<Value>,
    awards: Vec<Value>,
    talks: Vec<Value>,
    teaching: Vec<Value>,
    news: Vec<Value>,
    skills: serde_json::Map<String, Value>,
    interests: Vec<Value>,
    bio: Vec<String>,
    service: Vec<Value>,
    /// Publication keys given so far.
    keys: Vec<String>,
    /// The owner's name, as the profile gives it.
    owner: String,
    /// Other spellings of the owner's name, as author lists mark them.
    aliases: Vec<String>,
}

impl Found {
    /// A publication key made of `base`, unique in the import.
    fn key(&mut self, base: &str) -> String {
        let mut key: String = base.chars().take(40).collect();
        while self.keys.contains(&key) {
            key.push('x');
        }
        self.keys.push(key.clone());
        key
    }

    /// Entry `i` of section `title`: what it is depends on its fields and on the section.
    fn entry(&mut self, out: &mut Imported, title: &str, i: usize, e: &Value) {
        let title_h = title.replace('_', " ");
        let at = format!("cv.sections.{title}[{i}]");
        if let Some(text) = e.as_str() {
            // A text entry.
            if is_any(title, &["summary", "about", "profile", "bio"]) {
                self.bio.push(text.to_string());
            } else if is_any(title, &["interest"]) {
                self.interests.push(json!({ "area": text }));
            } else {
                out.skip(at, "a line of text in a section cvsite has no place for");
            }
            return;
        }
        let date = |out: &mut Imported, key: &str| out.date(e.get(key), &format!("{at}.{key}"));
        let end = |out: &mut Imported| match e.get("end_date").and_then(Value::as_str) {
            Some(s) if s.eq_ignore_ascii_case("present") => Some("present".to_string()),
            _ => out.date(e.get("end_date"), &format!("{at}.end_date")),
        };
        if let (Some(inst), Some(area)) = (str_of(e, "institution"), str_of(e, "area")) {
            let mut notes = strings(e, "highlights");
            notes.extend(str_of(e, "summary").map(String::from));
            self.education.push(json!({
                "degree": str_of(e, "degree").unwrap_or("Degree"),
                "field": area,
                "institution": inst,
                "location": str_of(e, "location"),
                "start": date(out, "start_date").or_else(|| date(out, "date")),
                "end": end(out),
                "notes": notes,
            }));
        } else if let (Some(company), Some(position)) =
            (str_of(e, "company"), str_of(e, "position"))
        {
            self.experience.push(json!({
                "category": title_h,
                "organization": company,
                "role": position,
                "location": str_of(e, "location"),
                "start": date(out, "start_date").or_else(|| date(out, "date")),
                "end": end(out),
                "summary": str_of(e, "summary"),
                "highlights": strings(e, "highlights"),
            }));
        } else if let (Some(ptitle), Some(_)) = (str_of(e, "title"), e.get("authors")) {
            self.publication(out, &at, e, ptitle);
        } else if let (Some(label), Some(details)) = (str_of(e, "label"), str_of(e, "details")) {
            let items: Vec<String> = details
                .split([',', ';'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect();
            self.skills.insert(label.to_string(), items.into());
        } else if let Some(bullet) = str_of(e, "bullet")
            .or_else(|| str_of(e, "number"))
            .or_else(|| str_of(e, "reversed_number"))
        {
            self.bullet(out, title, &at, bullet);
        } else if let Some(ename) = str_of(e, "name") {
            self.named(out, title, &at, e, ename);
        } else {
            out.skip(at, "an entry of a kind cvsite does not know");
        }
    }

    /// A publication entry (`title` and `authors`).
    fn publication(&mut self, out: &mut Imported, at: &str, e: &Value, ptitle: &str) {
        let date = |out: &mut Imported, key: &str| out.date(e.get(key), &format!("{at}.{key}"));
        let pdate = date(out, "date");
        let year = pdate
            .as_ref()
            .and_then(|d| d.get(..4).and_then(|y| y.parse::<u16>().ok()));
        let key = self.key(&slugify(&format!(
            "{} {ptitle}",
            year.map(|y| y.to_string()).unwrap_or_default()
        )));
        let authors: Vec<Value> = strings(e, "authors")
            .iter()
            .map(|a| author(a, self))
            .collect();
        self.publications.push(json!({
            "key": key,
            "title": ptitle,
            "authors": authors,
            "venue": str_of(e, "journal"),
            "year": year,
            "type": if str_of(e, "journal").is_some() { "journal" } else { "other" },
            "links": { "doi": str_of(e, "doi"), "url": str_of(e, "url") },
            "abstract": str_of(e, "summary"),
        }));
    }

    /// A one-line entry (`bullet`, `number`, `reversed_number`) of section `title`.
    fn bullet(&mut self, out: &mut Imported, title: &str, at: &str, bullet: &str) {
        let title_h = title.replace('_', " ");
        if is_any(
            title,
            &["award", "honor", "honour", "prize", "fellowship", "grant"],
        ) {
            self.awards.push(json!({ "title": bullet }));
        } else if is_any(title, &["patent", "publication", "paper"]) {
            // A line of text: the owner as the author, the section's kind as the type.
            let key = self.key(&slugify(bullet));
            let kind = if is_any(title, &["patent"]) {
                "patent"
            } else {
                "other"
            };
            self.publications.push(json!({
                "key": key,
                "title": bullet,
                "authors": [self.owner],
                "type": kind,
            }));
        } else if is_any(
            title,
            &[
                "service",
                "review",
                "committee",
                "volunteer",
                "organiz",
                "chair",
            ],
        ) {
            self.service.push(json!({
                "category": title_h,
                "roles": [{ "venue": bullet, "role": "" }],
            }));
        } else if is_any(title, &["news"]) {
            out.skip(at, "news needs a date: add it to content/news.yaml");
        } else {
            out.skip(at, "a bullet in a section cvsite has no place for");
        }
    }

    /// A "normal" entry (`name`, dates, summary): what it is depends on the section.
    fn named(&mut self, out: &mut Imported, title: &str, at: &str, e: &Value, ename: &str) {
        let title_h = title.replace('_', " ");
        let date = |out: &mut Imported, key: &str| out.date(e.get(key), &format!("{at}.{key}"));
        let end = |out: &mut Imported| match e.get("end_date").and_then(Value::as_str) {
            Some(s) if s.eq_ignore_ascii_case("present") => Some("present".to_string()),
            _ => out.date(e.get("end_date"), &format!("{at}.end_date")),
        };
        // A "normal" entry: what it is depends on the section.
        let when = date(out, "date").or_else(|| date(out, "start_date"));
        if is_any(
            title,
            &["award", "honor", "honour", "prize", "fellowship", "grant"],
        ) {
            self.awards.push(json!({ "title": ename, "date": when, "description": str_of(e, "summary"), "issuer": str_of(e, "location") }));
        } else if is_any(title, &["talk", "presentation", "seminar", "keynote"]) {
            self.talks.push(json!({
                "title": ename,
                "event": str_of(e, "summary").unwrap_or(&title_h),
                "location": str_of(e, "location"),
                "date": when,
            }));
        } else if is_any(title, &["teaching", "course"]) {
            self.teaching.push(json!({
                "course": ename,
                "role": "Instructor",
                "institution": str_of(e, "location"),
                "start": when,
                "end": end(out),
                "description": str_of(e, "summary"),
            }));
            out.skip(
                format!("{at} (role)"),
                "RenderCV gives no teaching role: set `role:` in content/teaching.yaml",
            );
        } else if is_any(title, &["news"]) && when.is_some() {
            self.news.push(json!({ "date": when, "text": ename }));
        } else {
            let mut claim = str_of(e, "summary").unwrap_or("").to_string();
            let hl = strings(e, "highlights");
            if !hl.is_empty() {
                claim = format!("{claim} {}", hl.join("; ")).trim().to_string();
            }
            let links: Vec<Value> = str_of(e, "url")
                .map(|u| json!({ "label": "Website", "url": u }))
                .into_iter()
                .collect();
            self.projects
                .push(json!({ "name": ename, "claim": claim, "links": links }));
            if !is_any(title, &["project"]) {
                out.skip(
                    format!("cv.sections.{title}"),
                    "shown as research highlights (no section of that kind in cvsite)",
                );
            }
        }
    }
}

/// Converts a RenderCV document.
pub fn import(doc: &Value) -> Imported {
    let mut out = Imported::default();
    let empty = json!({});
    let cv = doc.get("cv").unwrap_or(&empty);
    let name = str_of(cv, "name").unwrap_or("Your Name").to_string();
    if str_of(cv, "name").is_none() {
        out.skip("cv.name", "missing: set `name` in content/profile.yaml");
    }
    let mut links = serde_json::Map::new();
    let mut other = Vec::new();
    for n in cv
        .get("social_networks")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let (Some(network), Some(user)) = (str_of(n, "network"), str_of(n, "username")) else {
            continue;
        };
        match social(network, user) {
            (Some(field), url) => {
                links.insert(field.to_string(), url.into());
            }
            (None, url) => other.push(json!({ "label": network, "url": url })),
        }
    }
    if !other.is_empty() {
        links.insert("other".into(), other.into());
    }
    if str_of(cv, "photo").is_some() {
        out.skip(
            "cv.photo",
            "put the picture in static/ and set `photo:` in content/profile.yaml",
        );
    }
    let phone = str_of(cv, "phone").map(|p| p.trim_start_matches("tel:").to_string());

    let mut found = Found {
        owner: name.clone(),
        ..Found::default()
    };

    let sections = cv
        .get("sections")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    for (title, entries) in &sections {
        let Some(entries) = entries.as_array() else {
            out.skip(format!("cv.sections.{title}"), "not a list of entries");
            continue;
        };
        for (i, e) in entries.iter().enumerate() {
            found.entry(&mut out, title, i, e);
        }
    }
    out.unmapped.dedup();

    out.yaml(
        "content/profile.yaml",
        json!({
            "name": name,
            "position": str_of(cv, "headline").or_else(|| str_of(cv, "label")),
            "contact": {
                "email": str_of(cv, "email"),
                "phone": phone,
                "location": str_of(cv, "location"),
                "website": str_of(cv, "website"),
            },
            "links": links,
            "interests": found.interests,
        }),
    );
    if !found.bio.is_empty() {
        out.files
            .push(("content/bio.md".into(), found.bio.join("\n\n") + "\n"));
    }
    out.yaml("content/education.yaml", found.education.into());
    out.yaml("content/experience.yaml", found.experience.into());
    out.yaml("content/publications.yaml", found.publications.into());
    out.yaml("content/projects.yaml", found.projects.into());
    out.yaml("content/awards.yaml", found.awards.into());
    out.yaml("content/talks.yaml", found.talks.into());
    out.yaml("content/teaching.yaml", found.teaching.into());
    out.yaml("content/news.yaml", found.news.into());
    out.yaml("content/service.yaml", found.service.into());
    out.owner_aliases = found.aliases;
    out.yaml("content/skills.yaml", Value::Object(found.skills));
    for key in ["design", "locale", "locale_catalog", "rendercv_settings"] {
        if doc.get(key).is_some() {
            out.skip(
                key,
                "RenderCV's layout settings; cvsite's look comes from its theme",
            );
        }
    }
    out
}
