//! `/resume.json`: the CV in the JSON Resume schema (v1.0.0), for tools of that ecosystem.
//!
//! What the schema has no place for (talks, teaching, co-author marks, research highlights' claims
//! beyond a description) is listed in the README.

use serde_json::{Map, Value, json};

use super::exports::Streamed;
use super::view::SiteData;
use crate::content::Content;
use crate::content::date::{DateBound, PartialDate};
use crate::content::rich::RichText;
use crate::labels::{Labels, fill};

fn put(obj: &mut Map<String, Value>, key: &str, value: Option<impl Into<Value>>) {
    if let Some(v) = value {
        obj.insert(key.to_string(), v.into());
    }
}

fn start_end(obj: &mut Map<String, Value>, start: Option<&PartialDate>, end: Option<&DateBound>) {
    put(obj, "startDate", start.map(PartialDate::iso));
    // An open range ("present") has no end date in JSON Resume.
    if let Some(DateBound::Date(d)) = end {
        obj.insert("endDate".into(), d.iso().into());
    }
}

/// Writes the JSON Resume document, pretty-printed.
/// `papers`, when given, is its `publications` array as [`publications_json`] made it.
pub fn write_resume_json(
    w: &mut dyn std::io::Write,
    content: &Content,
    site: &SiteData,
    papers: Option<&[u8]>,
) -> std::io::Result<()> {
    let p = &content.profile;
    let mut basics = Map::new();
    basics.insert("name".into(), p.name.clone().into());
    put(&mut basics, "label", p.position.clone());
    put(&mut basics, "email", p.contact.email.clone());
    put(&mut basics, "phone", p.contact.phone.clone());
    put(&mut basics, "url", p.contact.website.as_deref());
    put(&mut basics, "image", site.profile.photo_permalink.clone());
    put(
        &mut basics,
        "summary",
        content.bio.as_ref().map(RichText::plain),
    );
    if let Some(l) = &p.contact.location {
        basics.insert("location".into(), json!({ "city": l }));
    }
    let profiles: Vec<Value> = site
        .profile
        .links
        .iter()
        .filter(|l| l.url.contains("://"))
        .map(|l| json!({ "network": l.label, "url": l.url }))
        .collect();
    basics.insert("profiles".into(), profiles.into());

    let work = work(content, &site.labels);

    let education = education(content, &site.labels);

    let awards = awards(content);

    let skills: Vec<Value> = content
        .skills
        .iter()
        .map(|(name, items)| json!({ "name": name, "keywords": items }))
        .collect();
    let interests: Vec<Value> = p
        .interests
        .iter()
        .map(|g| json!({ "name": g.area, "keywords": g.topics }))
        .collect();
    let volunteer = volunteer(content);
    let projects = projects(site);

    let resume = json!({
        "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
        "basics": basics,
        "work": work,
        "volunteer": volunteer,
        "education": education,
        "awards": awards,
        "skills": skills,
        "interests": interests,
        "projects": projects,
        "meta": {
            "canonical": site.site.permalinks.resume,
            "version": "v1.0.0",
        },
    });
    let Value::Object(resume) = resume else {
        unreachable!("an object")
    };
    let Some(papers) = papers else {
        let resume = WithPublications {
            fields: resume,
            publications: Streamed(publications(content, site)),
        };
        serde_json::to_writer_pretty(&mut *w, &resume)?;
        return w.write_all(b"\n");
    };
    // The rest is written with a stand-in where the publications go: a string no user text
    // can give, as the value of a key at the document's top level.
    const STAND_IN: &str = "\u{0}cvsite";
    let rest = serde_json::to_vec_pretty(&WithPublications {
        fields: resume,
        publications: STAND_IN,
    })?;
    let value = serde_json::to_string(STAND_IN)?;
    let entry = format!("\n  \"publications\": {value}");
    let at = rest
        .windows(entry.len())
        .position(|w| w == entry.as_bytes())
        .expect("the stand-in is written once")
        + entry.len()
        - value.len();
    w.write_all(&rest[..at])?;
    w.write_all(papers)?;
    w.write_all(&rest[at + value.len()..])?;
    w.write_all(b"\n")
}

/// The `publications` array of the JSON Resume document, as [`write_resume_json`] writes it
/// inside the document: the preview keeps it while the publications are the same (at 10,000
/// papers it was a third of the time of a save that changed anything else on the CV).
pub fn publications_json(content: &Content, site: &SiteData) -> Vec<u8> {
    let mut array = Vec::new();
    serde_json::to_writer_pretty(&mut array, &Streamed(publications(content, site)))
        .expect("JSON in memory");
    // One level deeper in the document. JSON has newlines only between tokens.
    let mut out = Vec::with_capacity(array.len() + array.len() / 8);
    for (i, line) in array.split(|b| *b == b'\n').enumerate() {
        if i > 0 {
            out.extend_from_slice(b"\n  ");
        }
        out.extend_from_slice(line);
    }
    out
}

/// The document with its publications made one at a time as they are written, in the key
/// order of the others (sorted).
struct WithPublications<P> {
    fields: Map<String, Value>,
    publications: P,
}

impl<P: serde::Serialize> serde::Serialize for WithPublications<P> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        const KEY: &str = "publications";
        let mut map = s.serialize_map(Some(self.fields.len() + 1))?;
        let mut pending = true;
        for (k, v) in &self.fields {
            if pending && k.as_str() > KEY {
                map.serialize_entry(KEY, &self.publications)?;
                pending = false;
            }
            map.serialize_entry(k, v)?;
        }
        if pending {
            map.serialize_entry(KEY, &self.publications)?;
        }
        map.end()
    }
}

/// Experience as `work`.
fn work(content: &Content, labels: &Labels) -> Vec<Value> {
    content
        .experience
        .iter()
        .map(|x| {
            let mut o = Map::new();
            let name = match &x.team {
                Some(team) => format!("{} ({team})", x.organization),
                None => x.organization.clone(),
            };
            o.insert("name".into(), name.into());
            o.insert("position".into(), x.role.clone().into());
            put(&mut o, "location", x.place());
            start_end(&mut o, x.start.as_ref(), x.end.as_ref());
            let mut summary = x.summary.as_ref().map(RichText::plain).unwrap_or_default();
            if !x.mentors.is_empty() {
                let ongoing = matches!(x.end, Some(DateBound::Present));
                let label = if ongoing {
                    &labels.working_with
                } else {
                    &labels.worked_with
                };
                let with = fill(label, &[("names", &labels.join(&x.mentors))]);
                summary = format!("{summary} {with}.").trim().to_string();
            }
            if !summary.is_empty() {
                o.insert("summary".into(), summary.into());
            }
            let highlights: Vec<String> = x.highlights.iter().map(RichText::plain).collect();
            o.insert("highlights".into(), highlights.into());
            Value::Object(o)
        })
        .collect()
}

/// Degrees, with thesis, supervisors, honours and notes as `courses`.
fn education(content: &Content, labels: &Labels) -> Vec<Value> {
    content
        .education
        .iter()
        .map(|e| {
            let mut o = Map::new();
            o.insert("institution".into(), e.institution.clone().into());
            put(&mut o, "area", e.field.clone());
            let study = match &e.degree_short {
                Some(s) => format!("{} ({s})", e.degree),
                None => e.degree.clone(),
            };
            o.insert("studyType".into(), study.into());
            start_end(&mut o, e.start.as_ref(), e.end.as_ref());
            put(&mut o, "score", e.gpa.clone());
            let mut courses: Vec<String> = Vec::new();
            if let Some(t) = &e.thesis {
                courses.push(format!("{}: {t}", labels.thesis));
            }
            if !e.advisors.is_empty() {
                let label = match e.advisors.len() {
                    1 => &labels.supervisor,
                    _ => &labels.supervisors,
                };
                courses.push(format!("{label}: {}", labels.join(&e.advisors)));
            }
            courses.extend(e.honors.iter().chain(&e.notes).map(RichText::plain));
            o.insert("courses".into(), courses.into());
            Value::Object(o)
        })
        .collect()
}

/// Awards.
fn awards(content: &Content) -> Vec<Value> {
    content
        .awards
        .iter()
        .map(|a| {
            let mut o = Map::new();
            o.insert("title".into(), a.title.clone().into());
            put(&mut o, "date", a.date.as_ref().map(PartialDate::iso));
            put(&mut o, "awarder", a.issuer.clone());
            put(
                &mut o,
                "summary",
                a.description.as_ref().map(RichText::plain),
            );
            Value::Object(o)
        })
        .collect()
}

/// Publications, each with its authors and abstract as the summary.
fn publications<'a>(
    content: &'a Content,
    site: &'a SiteData,
) -> impl Iterator<Item = Value> + Clone + 'a {
    // Views are made from the publications one to one, in order.
    let papers = site.publications.iter().zip(content.publications.iter());
    papers.map(|(v, p)| {
        let mut o = Map::new();
        o.insert("name".into(), v.title.clone().into());
        put(
            &mut o,
            "publisher",
            v.venue.clone().or_else(|| v.venue_short.clone()),
        );
        put(&mut o, "releaseDate", v.year.map(|y| y.to_string()));
        o.insert("url".into(), v.permalink.clone().into());
        let summary = match &p.abstract_text {
            Some(a) => format!("{}. {}", v.authors_text, a.plain()),
            None => v.authors_text.clone(),
        };
        o.insert("summary".into(), summary.into());
        Value::Object(o)
    })
}

/// Service roles as `volunteer`.
fn volunteer(content: &Content) -> Vec<Value> {
    content
        .service
        .iter()
        .flat_map(|s| {
            s.roles.iter().map(move |r| {
                let mut o = Map::new();
                o.insert("organization".into(), r.venue.clone().into());
                o.insert("position".into(), r.role.clone().into());
                o.insert("summary".into(), s.category.clone().into());
                put(&mut o, "startDate", s.year.map(|y| y.to_string()));
                Value::Object(o)
            })
        })
        .collect()
}

/// Research highlights as `projects`.
fn projects(site: &SiteData) -> Vec<Value> {
    site.projects
        .iter()
        .map(|pr| {
            let mut o = Map::new();
            o.insert("name".into(), pr.name.clone().into());
            put(
                &mut o,
                "description",
                pr.claim_html.as_ref().map(|c| c.text.plain()),
            );
            o.insert(
                "highlights".into(),
                pr.papers
                    .iter()
                    .map(|p| p.title.clone())
                    .collect::<Vec<_>>()
                    .into(),
            );
            put(
                &mut o,
                "url",
                pr.papers.first().map(|p| p.permalink.clone()),
            );
            Value::Object(o)
        })
        .collect()
}
