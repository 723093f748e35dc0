//! Crossref's metadata of one DOI (`/works/{doi}`), for what the other databases lack (see
//! `tests/fixtures/sync/crossref/NOTES.md`).

use serde::Deserialize;

use super::{Work, arxiv_id, bare_doi};
use crate::content::model::PublicationType;

#[derive(Deserialize)]
struct Raw {
    status: String,
    message: Message,
}

#[derive(Deserialize)]
struct Message {
    #[serde(rename = "DOI")]
    doi: String,
    #[serde(default)]
    title: Vec<String>,
    #[serde(rename = "container-title", default)]
    container_title: Vec<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    issued: Option<Issued>,
    #[serde(default)]
    author: Vec<RawAuthor>,
    #[serde(rename = "is-referenced-by-count")]
    cited_by: Option<u64>,
    #[serde(rename = "abstract")]
    abstract_text: Option<String>,
}

#[derive(Deserialize)]
struct Issued {
    #[serde(rename = "date-parts")]
    date_parts: Vec<Vec<Option<i64>>>,
}

#[derive(Deserialize)]
struct RawAuthor {
    given: Option<String>,
    family: Option<String>,
    name: Option<String>,
}

/// Reads Crossref's answer for one DOI. Its 404 is plain text (`Resource not found.`), not
/// JSON: `Err` then says what the body says.
pub fn parse_work(body: &str) -> Result<Work, String> {
    let raw: Raw = serde_json::from_str(body).map_err(|e| match body.trim() {
        text if !text.starts_with('{') && text.len() < 200 => format!("Crossref: {text}"),
        _ => format!("not Crossref's work: {e}"),
    })?;
    if raw.status != "ok" {
        return Err(format!("Crossref answered `{}`", raw.status));
    }
    let m = raw.message;
    let doi = bare_doi(&m.doi);
    let year = (m.issued.as_ref())
        .and_then(|i| i.date_parts.first()?.first().copied().flatten())
        .and_then(|y| u16::try_from(y).ok());
    Ok(Work {
        id: format!("https://doi.org/{}", m.doi),
        title: m
            .title
            .into_iter()
            .next()
            .ok_or("Crossref's work has no title")?,
        authors: (m.author.into_iter())
            .filter_map(|a| match (a.given, a.family, a.name) {
                (Some(g), Some(f), _) => Some(format!("{g} {f}")),
                (None, Some(f), _) => Some(f),
                (_, None, name) => name,
            })
            .collect(),
        year,
        venue: m.container_title.into_iter().next(),
        kind: match m.kind.as_deref() {
            Some("journal-article") => PublicationType::Journal,
            Some("proceedings-article") => PublicationType::Conference,
            Some("posted-content") => PublicationType::Preprint,
            Some("book") | Some("monograph") => PublicationType::Book,
            Some("book-chapter") => PublicationType::Chapter,
            Some("dissertation") => PublicationType::Thesis,
            Some("report") => PublicationType::Report,
            _ => PublicationType::Other,
        },
        arxiv: doi.as_deref().and_then(arxiv_id),
        doi,
        // JATS markup (`<jats:p>`) left out: plain text.
        abstract_text: m.abstract_text.map(|a| strip_tags(&a)),
        citations: m.cited_by,
    })
}

fn strip_tags(text: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recorded_work_and_the_plain_text_404() {
        let work =
            parse_work(include_str!("../../tests/fixtures/sync/crossref/work.json")).unwrap();
        assert!(work.title.starts_with("Methylphenidate Exposure"));
        assert_eq!(work.authors[..2], ["Shankar Sadasivan", "Brooks B. Pond"]);
        assert_eq!(work.doi.as_deref(), Some("10.1371/journal.pone.0033693"));
        assert_eq!(
            (work.year, work.kind),
            (Some(2012), PublicationType::Journal)
        );
        assert_eq!(work.venue.as_deref(), Some("PLoS ONE"));
        let missing = include_str!("../../tests/fixtures/sync/crossref/work-not-found-404.txt");
        assert_eq!(
            parse_work(missing).unwrap_err(),
            "Crossref: Resource not found."
        );
        assert_eq!(strip_tags("<jats:p>A <i>b</i>\n c</jats:p>"), "A b c");
    }
}
