//! Semantic Scholar's papers of an author (`/graph/v1/author/{id}/papers?offset=..&fields=..`):
//! one page, and the offset of the next (see `tests/fixtures/sync/semantic-scholar/NOTES.md`).

use serde::Deserialize;

use super::{Work, bare_doi};
use crate::content::model::PublicationType;

/// One page of papers, and the offset of the next; `None` at the end.
#[derive(Debug)]
pub struct Page {
    /// The papers of this page.
    pub works: Vec<Work>,
    /// Where the next page starts.
    pub next: Option<usize>,
}

#[derive(Deserialize)]
struct Raw {
    next: Option<usize>,
    data: Vec<RawPaper>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawPaper {
    paper_id: String,
    title: Option<String>,
    year: Option<u16>,
    venue: Option<String>,
    #[serde(rename = "abstract")]
    abstract_text: Option<String>,
    citation_count: Option<u64>,
    #[serde(default)]
    external_ids: std::collections::HashMap<String, serde_json::Value>,
    publication_types: Option<Vec<String>>,
    #[serde(default)]
    authors: Vec<RawAuthor>,
}

#[derive(Deserialize)]
struct RawAuthor {
    name: Option<String>,
}

/// Reads a page of an author's papers; `Err` says what is wrong with it.
pub fn parse_page(json: &str) -> Result<Page, String> {
    let raw: Raw =
        serde_json::from_str(json).map_err(|e| format!("not Semantic Scholar's papers: {e}"))?;
    let works = raw
        .data
        .into_iter()
        .filter_map(|p| {
            let id = |key: &str| {
                p.external_ids
                    .get(key)
                    .and_then(|v| v.as_str())
                    .map(String::from)
            };
            let types = p.publication_types.unwrap_or_default();
            let arxiv = id("ArXiv");
            Some(Work {
                id: format!("https://www.semanticscholar.org/paper/{}", p.paper_id),
                title: p.title?,
                authors: p.authors.into_iter().filter_map(|a| a.name).collect(),
                year: p.year,
                venue: p.venue.filter(|v| !v.is_empty()),
                kind: kind(&types, arxiv.is_some()),
                doi: id("DOI").as_deref().and_then(bare_doi),
                arxiv,
                abstract_text: p.abstract_text,
                citations: p.citation_count,
            })
        })
        .collect();
    Ok(Page {
        works,
        next: raw.next,
    })
}

/// The message of an error body (`{"error": "Paper with id 0 not found"}`).
pub fn error_message(json: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(json).ok()?;
    v.get("error")
        .or_else(|| v.get("message"))?
        .as_str()
        .map(String::from)
}

/// Semantic Scholar's publication types as cvsite's kinds.
fn kind(types: &[String], on_arxiv: bool) -> PublicationType {
    let has = |t: &str| types.iter().any(|x| x == t);
    if has("Conference") {
        PublicationType::Conference
    } else if has("JournalArticle") {
        PublicationType::Journal
    } else if has("Book") {
        PublicationType::Book
    } else if on_arxiv {
        PublicationType::Preprint
    } else {
        PublicationType::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recorded_pages_of_an_authors_papers() {
        let page = parse_page(include_str!(
            "../../tests/fixtures/sync/semantic-scholar/author-papers-page1.json"
        ))
        .unwrap();
        assert_eq!((page.works.len(), page.next), (3, Some(100)));
        let first = &page.works[0];
        assert!(first.title.starts_with("SARS-CoV-2 hijacks"));
        assert_eq!(first.authors[0], "Christina A. Higgins");
        assert_eq!(first.doi.as_deref(), Some("10.1128/mbio.01007-23"));
        assert_eq!(
            (first.year, first.kind),
            (Some(2023), PublicationType::Journal)
        );
        assert_eq!(first.venue.as_deref(), Some("mBio"));
        assert!(first.abstract_text.is_some() && first.citations.is_some());
        let last = parse_page(include_str!(
            "../../tests/fixtures/sync/semantic-scholar/author-papers-last-page.json"
        ))
        .unwrap();
        assert_eq!((last.works.len(), last.next), (2, None));
        let missing =
            include_str!("../../tests/fixtures/sync/semantic-scholar/paper-not-found-404.json");
        assert_eq!(
            error_message(missing).as_deref(),
            Some("Paper with id 0 not found")
        );
        assert!(parse_page(missing).is_err());
    }
}
