//! OpenAlex's works (`/works?filter=author.id:A...&cursor=*`): one page of them, and the
//! cursor of the next (see `tests/fixtures/sync/openalex/NOTES.md`).

use serde::Deserialize;

use super::{Work, arxiv_id, bare_doi};
use crate::content::model::PublicationType;

/// One page of works, and the cursor of the next. The page after the last results is asked
/// for too: OpenAlex says there are no more only with an empty page.
#[derive(Debug)]
pub struct Page {
    /// The works of this page.
    pub works: Vec<Work>,
    /// The cursor of the next page; `None` at the end.
    pub next_cursor: Option<String>,
}

#[derive(Deserialize)]
struct Raw {
    meta: Meta,
    results: Vec<RawWork>,
}

#[derive(Deserialize)]
struct Meta {
    next_cursor: Option<String>,
}

#[derive(Deserialize)]
struct RawWork {
    id: String,
    title: Option<String>,
    display_name: Option<String>,
    publication_year: Option<u16>,
    doi: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    primary_location: Option<Location>,
    #[serde(default)]
    locations: Vec<Location>,
    #[serde(default)]
    authorships: Vec<Authorship>,
    cited_by_count: Option<u64>,
    abstract_inverted_index: Option<std::collections::HashMap<String, Vec<usize>>>,
}

#[derive(Deserialize)]
struct Location {
    landing_page_url: Option<String>,
    source: Option<Source>,
}

#[derive(Deserialize)]
struct Source {
    display_name: Option<String>,
}

#[derive(Deserialize)]
struct Authorship {
    author: Author,
}

#[derive(Deserialize)]
struct Author {
    display_name: Option<String>,
}

/// Reads a page of OpenAlex's works; `Err` says what is wrong with it.
pub fn parse_page(json: &str) -> Result<Page, String> {
    let raw: Raw = serde_json::from_str(json).map_err(|e| format!("not OpenAlex's works: {e}"))?;
    let works = raw
        .results
        .into_iter()
        .filter_map(|w| {
            let title = w.title.or(w.display_name)?;
            let doi = w.doi.as_deref().and_then(bare_doi);
            let arxiv = doi.as_deref().and_then(arxiv_id).or_else(|| {
                (w.locations.iter())
                    .filter_map(|l| l.landing_page_url.as_deref())
                    .find_map(arxiv_id)
            });
            let venue = (w.primary_location.as_ref())
                .and_then(|l| l.source.as_ref())
                .and_then(|s| s.display_name.clone());
            Some(Work {
                id: w.id,
                title,
                authors: (w.authorships.into_iter())
                    .filter_map(|a| a.author.display_name)
                    .collect(),
                year: w.publication_year,
                venue,
                kind: kind(
                    w.kind.as_deref(),
                    arxiv.is_some() && doi.as_deref().is_some_and(|d| d.starts_with("10.48550/")),
                ),
                doi,
                arxiv,
                abstract_text: w.abstract_inverted_index.as_ref().map(abstract_text),
                citations: w.cited_by_count,
            })
        })
        .collect();
    Ok(Page {
        works,
        next_cursor: raw.meta.next_cursor,
    })
}

/// OpenAlex's work types as cvsite's kinds; a work whose DOI is arXiv's is a preprint.
fn kind(kind: Option<&str>, on_arxiv: bool) -> PublicationType {
    match kind {
        _ if on_arxiv => PublicationType::Preprint,
        Some("article") => PublicationType::Journal,
        Some("preprint") => PublicationType::Preprint,
        Some("book") => PublicationType::Book,
        Some("book-chapter") => PublicationType::Chapter,
        Some("dissertation") => PublicationType::Thesis,
        Some("report") => PublicationType::Report,
        _ => PublicationType::Other,
    }
}

/// The abstract, from OpenAlex's index of each word's places.
fn abstract_text(index: &std::collections::HashMap<String, Vec<usize>>) -> String {
    let mut words: Vec<(usize, &str)> = index
        .iter()
        .flat_map(|(word, places)| places.iter().map(move |p| (*p, word.as_str())))
        .collect();
    words.sort_unstable();
    words
        .into_iter()
        .map(|(_, w)| w)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str =
        include_str!("../../tests/fixtures/sync/openalex/works-by-author-page1.json");
    const LAST: &str =
        include_str!("../../tests/fixtures/sync/openalex/works-by-author-page2-last.json");

    #[test]
    fn a_recorded_page_of_works() {
        let page = parse_page(PAGE).unwrap();
        assert_eq!(page.works.len(), 5);
        assert!(page.next_cursor.is_some());
        let oa = &page.works[0];
        assert!(oa.title.starts_with("The state of OA"));
        assert_eq!(oa.authors[..2], ["Heather Piwowar", "Jason Priem"]);
        assert_eq!(
            (oa.year, oa.doi.as_deref()),
            (Some(2018), Some("10.7717/peerj.4375"))
        );
        assert_eq!(oa.venue.as_deref(), Some("PeerJ"));
        assert_eq!(oa.kind, PublicationType::Journal);
        assert!(oa.citations.is_some_and(|c| c > 0));
        // The abstract, in order, from the inverted index.
        assert!(
            oa.abstract_text
                .as_deref()
                .unwrap()
                .starts_with("Despite growing interest in Open Access"),
            "{:?}",
            oa.abstract_text
        );
        // A published paper with its arXiv version among its locations.
        assert_eq!(page.works[1].arxiv.as_deref(), Some("1304.7300"));
        // A preprint with arXiv's DOI.
        let preprint = &page.works[2];
        assert_eq!(
            (preprint.kind, preprint.arxiv.as_deref()),
            (PublicationType::Preprint, Some("2205.01833"))
        );
        // No DOI, no abstract.
        assert_eq!(
            (
                page.works[3].doi.as_deref(),
                page.works[3].abstract_text.as_deref()
            ),
            (None, None)
        );
        // The page after the last: empty, no cursor.
        let last = parse_page(LAST).unwrap();
        assert!(last.works.is_empty() && last.next_cursor.is_none());
        assert!(parse_page("{\"results\": 3}").is_err());
    }
}
