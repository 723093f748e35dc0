//! `cvsite sync` (in progress, issue 17): a researcher's works from the open scholarly
//! databases, read from their APIs' responses into one shape, [`Work`], to be merged with the
//! site's own publications. This stage reads OpenAlex's, Semantic Scholar's and Crossref's
//! answers, tested on recorded real responses (`tests/fixtures/sync/`); fetching and merging
//! come next.

pub mod crossref;
pub mod openalex;
pub mod semantic_scholar;

use crate::content::model::PublicationType;

/// A work as a database lists it, in one shape whatever the database.
#[derive(Debug, Clone, PartialEq)]
pub struct Work {
    /// The database's own id of it (`https://openalex.org/W2741809807`).
    pub id: String,
    /// Title.
    pub title: String,
    /// Authors' names, in order.
    pub authors: Vec<String>,
    /// Year of publication.
    pub year: Option<u16>,
    /// Where it appeared (journal, proceedings, repository).
    pub venue: Option<String>,
    /// Kind, as cvsite names kinds.
    pub kind: PublicationType,
    /// DOI, lower-cased, without `https://doi.org/`.
    pub doi: Option<String>,
    /// arXiv identifier (`2205.01833`).
    pub arxiv: Option<String>,
    /// Abstract, as plain text.
    pub abstract_text: Option<String>,
    /// How many works cite it, by this database's count.
    pub citations: Option<u64>,
}

/// A DOI as written anywhere (`https://doi.org/10.1/X`, `doi:10.1/X`), lower-cased, bare.
pub fn bare_doi(doi: &str) -> Option<String> {
    let doi = doi.trim();
    let lower = doi.to_ascii_lowercase();
    let start = lower.find("10.")?;
    Some(lower[start..].to_string())
}

/// The arXiv id in an arXiv address (`https://arxiv.org/abs/1304.7300v2` → `1304.7300`) or
/// an arXiv DOI (`10.48550/arxiv.2205.01833`).
pub fn arxiv_id(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let rest = ["arxiv.org/abs/", "arxiv.org/pdf/", "10.48550/arxiv."]
        .iter()
        .find_map(|p| lower.find(p).map(|i| &text[i + p.len()..]))?;
    let id: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '/' | '-'))
        .collect();
    let id = id.trim_end_matches(".pdf");
    // A version (`v2`) names the same work.
    let id = match id.rfind('v') {
        Some(i) if i > 0 && id[i + 1..].chars().all(|c| c.is_ascii_digit()) && i + 1 < id.len() => {
            &id[..i]
        }
        _ => id,
    };
    (!id.is_empty()).then(|| id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_as_written_anywhere() {
        assert_eq!(
            bare_doi("https://doi.org/10.7717/PeerJ.4375").as_deref(),
            Some("10.7717/peerj.4375")
        );
        assert_eq!(bare_doi("none"), None);
        assert_eq!(
            arxiv_id("https://arxiv.org/abs/1304.7300v2").as_deref(),
            Some("1304.7300")
        );
        assert_eq!(
            arxiv_id("https://doi.org/10.48550/arxiv.2205.01833").as_deref(),
            Some("2205.01833")
        );
        assert_eq!(
            arxiv_id("http://arxiv.org/pdf/hep-th/9901001v1.pdf").as_deref(),
            Some("hep-th/9901001")
        );
        assert_eq!(arxiv_id("https://example.org/"), None);
    }
}
