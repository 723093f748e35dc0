//! JSON Resume (jsonresume.org, schema v1.0.0) into cvsite's content files.

use serde_json::{Value, json};

use super::{Imported, str_of};
use crate::text::slugify;

/// Profile networks that have a field of their own in `profile.yaml`.
fn link_field(network: &str) -> Option<&'static str> {
    match network.to_lowercase().replace([' ', '-', '_'], "").as_str() {
        "github" => Some("github"),
        "linkedin" => Some("linkedin"),
        "twitter" | "x" => Some("x"),
        "googlescholar" | "scholar" => Some("google_scholar"),
        "orcid" => Some("orcid"),
        "dblp" => Some("dblp"),
        "semanticscholar" => Some("semantic_scholar"),
        "openreview" => Some("openreview"),
        "researchgate" => Some("researchgate"),
        "zenodo" => Some("zenodo"),
        "gitlab" => Some("gitlab"),
        "huggingface" => Some("huggingface"),
        "bluesky" => Some("bluesky"),
        "mastodon" => Some("mastodon"),
        "youtube" => Some("youtube"),
        _ => None,
    }
}

fn array<'a>(doc: &'a Value, key: &str) -> &'a [Value] {
    doc.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn strings(v: &Value, key: &str) -> Vec<String> {
    array(v, key)
        .iter()
        .filter_map(Value::as_str)
        .map(String::from)
        .collect()
}

/// Converts a JSON Resume document.
pub fn import(doc: &Value) -> Imported {
    let mut out = Imported::default();
    let empty = json!({});
    let basics = doc.get("basics").unwrap_or(&empty);
    let name = str_of(basics, "name").unwrap_or("Your Name").to_string();
    if str_of(basics, "name").is_none() {
        out.skip("basics.name", "missing: set `name` in content/profile.yaml");
    }

    profile(doc, basics, &name, &mut out);
    experience(doc, &mut out);
    education(doc, &mut out);
    awards(doc, &mut out);
    publications(doc, &name, &mut out);
    skills(doc, &mut out);
    service(doc, &mut out);
    projects(doc, &mut out);

    if !array(doc, "references").is_empty() {
        out.skip("references", "cvsite does not publish references");
    }
    out
}

/// The profile (basics, profiles, interests) and the biography (summary).
fn profile(doc: &Value, basics: &Value, name: &str, out: &mut Imported) {
    let mut links = serde_json::Map::new();
    let mut other = Vec::new();
    for (i, p) in array(basics, "profiles").iter().enumerate() {
        let network = str_of(p, "network").unwrap_or("Link");
        let url = str_of(p, "url").map(String::from);
        match (url, link_field(network)) {
            (Some(url), Some(field)) => {
                links.insert(field.to_string(), url.into());
            }
            (Some(url), None) => other.push(json!({ "label": network, "url": url })),
            (None, _) => out.skip(
                format!("basics.profiles[{i}] ({network})"),
                "no url: add it under `links:`",
            ),
        }
    }
    if !other.is_empty() {
        links.insert("other".into(), other.into());
    }
    let location = basics.get("location").map(|l| {
        ["city", "region", "countryCode"]
            .iter()
            .filter_map(|k| str_of(l, k))
            .collect::<Vec<_>>()
            .join(", ")
    });
    if basics
        .get("location")
        .and_then(|l| str_of(l, "address").or(str_of(l, "postalCode")))
        .is_some()
    {
        out.skip(
            "basics.location.address/postalCode",
            "cvsite shows a location, not a postal address",
        );
    }
    if str_of(basics, "image").is_some() {
        out.skip(
            "basics.image",
            "put the picture in static/ and set `photo:` in content/profile.yaml",
        );
    }
    let interests: Vec<Value> = array(doc, "interests")
        .iter()
        .filter_map(|i| {
            Some(json!({ "area": str_of(i, "name")?, "topics": strings(i, "keywords") }))
        })
        .collect();
    out.yaml(
        "content/profile.yaml",
        json!({
            "name": name,
            "position": str_of(basics, "label"),
            "contact": {
                "email": str_of(basics, "email"),
                "phone": str_of(basics, "phone"),
                "location": location,
                "website": str_of(basics, "url"),
            },
            "links": links,
            "interests": interests,
        }),
    );
    if let Some(summary) = str_of(basics, "summary") {
        out.files
            .push(("content/bio.md".into(), format!("{summary}\n")));
    }
}

/// Work → experience
fn experience(doc: &Value, out: &mut Imported) {
    let mut experience = Vec::new();
    for (i, w) in array(doc, "work").iter().enumerate() {
        // Files of the schema before 1.0 name the organization `company`, its site `website`.
        let Some(org) = str_of(w, "name").or_else(|| str_of(w, "company")) else {
            out.skip(format!("work[{i}]"), "no `name` (organization): left out");
            continue;
        };
        if str_of(w, "url").or_else(|| str_of(w, "website")).is_some() {
            out.skip(format!("work[{i}].url"), "experience entries have no link");
        }
        if str_of(w, "description").is_some() {
            out.skip(
                format!("work[{i}].description"),
                "no place for a description of the organization",
            );
        }
        let start = out.date(w.get("startDate"), &format!("work[{i}].startDate"));
        let end = match w.get("endDate") {
            None | Some(Value::Null) => start.as_ref().map(|_| "present".to_string()),
            v => out.date(v, &format!("work[{i}].endDate")),
        };
        experience.push(json!({
            "category": "Work",
            "organization": org,
            "role": str_of(w, "position").unwrap_or("Position"),
            "location": str_of(w, "location"),
            "start": start,
            "end": end,
            "summary": str_of(w, "summary"),
            "highlights": strings(w, "highlights"),
        }));
    }
    out.yaml("content/experience.yaml", experience.into());
}

/// Education
fn education(doc: &Value, out: &mut Imported) {
    let mut education = Vec::new();
    for (i, e) in array(doc, "education").iter().enumerate() {
        let Some(inst) = str_of(e, "institution") else {
            out.skip(format!("education[{i}]"), "no `institution`: left out");
            continue;
        };
        if str_of(e, "url").is_some() {
            out.skip(
                format!("education[{i}].url"),
                "education entries have no link",
            );
        }
        let courses = strings(e, "courses");
        let start = out.date(e.get("startDate"), &format!("education[{i}].startDate"));
        // A degree with a start and no end is under way.
        let end = match e.get("endDate") {
            None | Some(Value::Null) => start.as_ref().map(|_| "present".to_string()),
            v => out.date(v, &format!("education[{i}].endDate")),
        };
        education.push(json!({
            "degree": str_of(e, "studyType").unwrap_or("Degree"),
            "field": str_of(e, "area"),
            "institution": inst,
            "start": start,
            "end": end,
            "gpa": str_of(e, "score"),
            "notes": if courses.is_empty() { Vec::new() } else { vec![format!("Courses: {}", courses.join(", "))] },
        }));
    }
    out.yaml("content/education.yaml", education.into());
}

/// Awards and certificates
fn awards(doc: &Value, out: &mut Imported) {
    let mut awards = Vec::new();
    for (i, a) in array(doc, "awards").iter().enumerate() {
        let Some(title) = str_of(a, "title") else {
            continue;
        };
        awards.push(json!({
            "title": title,
            "issuer": str_of(a, "awarder"),
            "date": out.date(a.get("date"), &format!("awards[{i}].date")),
            "description": str_of(a, "summary"),
        }));
    }
    for (i, c) in array(doc, "certificates").iter().enumerate() {
        let Some(title) = str_of(c, "name") else {
            continue;
        };
        awards.push(json!({
            "title": title,
            "issuer": str_of(c, "issuer"),
            "date": out.date(c.get("date"), &format!("certificates[{i}].date")),
            "description": "Certificate",
            "url": str_of(c, "url"),
        }));
    }
    out.yaml("content/awards.yaml", awards.into());
}

/// Publications: JSON Resume has no authors; the owner is put as the only one.
fn publications(doc: &Value, owner: &str, out: &mut Imported) {
    let mut publications = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    for (i, p) in array(doc, "publications").iter().enumerate() {
        let Some(title) = str_of(p, "name") else {
            continue;
        };
        let year = out.date(
            p.get("releaseDate"),
            &format!("publications[{i}].releaseDate"),
        );
        let year = year.and_then(|d| d.get(..4).and_then(|y| y.parse::<u16>().ok()));
        let mut key = slugify(&format!(
            "{} {}",
            year.map(|y| y.to_string()).unwrap_or_default(),
            title
        ));
        key.truncate(40);
        while keys.contains(&key) {
            key.push('x');
        }
        keys.push(key.clone());
        out.skip(
            format!("publications[{i}]"),
            "JSON Resume has no author list: the owner is the only author; add the others",
        );
        publications.push(json!({
            "key": key,
            "title": title,
            "authors": [owner],
            "venue": str_of(p, "publisher"),
            "year": year,
            "links": { "url": str_of(p, "url") },
            "abstract": str_of(p, "summary"),
        }));
    }
    out.yaml("content/publications.yaml", publications.into());
}

/// Skills and languages
fn skills(doc: &Value, out: &mut Imported) {
    let mut skills = serde_json::Map::new();
    for s in array(doc, "skills") {
        let Some(name) = str_of(s, "name") else {
            continue;
        };
        skills.insert(name.to_string(), strings(s, "keywords").into());
        if str_of(s, "level").is_some() {
            out.skip(
                format!("skills ({name}).level"),
                "cvsite lists skills without levels",
            );
        }
    }
    let languages: Vec<String> = array(doc, "languages")
        .iter()
        .filter_map(|l| {
            let lang = str_of(l, "language")?;
            Some(match str_of(l, "fluency") {
                Some(f) => format!("{lang} ({f})"),
                None => lang.to_string(),
            })
        })
        .collect();
    if !languages.is_empty() {
        // "Languages" may be a skill category already (programming languages).
        let key = if skills.contains_key("Languages") {
            "Spoken languages"
        } else {
            "Languages"
        };
        skills.insert(key.into(), languages.into());
    }
    out.yaml("content/skills.yaml", Value::Object(skills));
}

/// Volunteering → service
fn service(doc: &Value, out: &mut Imported) {
    let mut service = Vec::new();
    for (i, v) in array(doc, "volunteer").iter().enumerate() {
        let Some(org) = str_of(v, "organization") else {
            continue;
        };
        let year = out
            .date(v.get("startDate"), &format!("volunteer[{i}].startDate"))
            .and_then(|d| d.get(..4).and_then(|y| y.parse::<u16>().ok()));
        if str_of(v, "summary").is_some() || !strings(v, "highlights").is_empty() {
            out.skip(
                format!("volunteer[{i}].summary/highlights"),
                "service entries list roles only",
            );
        }
        service.push(json!({
            "category": "Volunteering",
            "year": year,
            "roles": [{ "venue": org, "role": str_of(v, "position").unwrap_or("Volunteer") }],
        }));
    }
    out.yaml("content/service.yaml", service.into());
}

/// Projects → research highlights
fn projects(doc: &Value, out: &mut Imported) {
    let mut projects = Vec::new();
    for (i, p) in array(doc, "projects").iter().enumerate() {
        let Some(pname) = str_of(p, "name") else {
            continue;
        };
        let mut claim = str_of(p, "description").unwrap_or("").to_string();
        let highlights = strings(p, "highlights");
        if !highlights.is_empty() {
            claim = format!("{claim} {}", highlights.join("; "))
                .trim()
                .to_string();
        }
        if p.get("startDate").is_some() || p.get("roles").is_some() || p.get("entity").is_some() {
            out.skip(
                format!("projects[{i}].dates/roles/entity"),
                "research highlights have a name, a claim and links",
            );
        }
        let links: Vec<Value> = str_of(p, "url")
            .map(|u| json!({ "label": "Website", "url": u }))
            .into_iter()
            .collect();
        projects.push(json!({ "name": pname, "claim": claim, "links": links }));
    }
    out.yaml("content/projects.yaml", projects.into());
}
