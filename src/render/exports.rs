//! Publications as data: normalised BibTeX, CSL-JSON, and schema.org JSON-LD.

use serde_json::{Value, json};

use crate::content::model::{Publication, PublicationType};
use crate::content::rich::{RichText, latex_escape};

/// The bare DOI (`10.1000/xyz`) of a DOI or DOI URL.
pub fn doi(p: &Publication) -> Option<String> {
    let d = p.links.doi.as_deref()?.trim();
    // As written in the wild: a DOI URL, `doi:10.x`, or `DOI 10.x` (some exports).
    let lower = d.to_ascii_lowercase();
    let bare = [
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "http://dx.doi.org/",
        "doi:",
        "doi ",
    ]
    .iter()
    .find_map(|prefix| lower.starts_with(prefix).then(|| &d[prefix.len()..]))
    .unwrap_or(d);
    Some(bare.trim().to_string()).filter(|d| !d.is_empty())
}

/// The arXiv identifier (`2301.13195`) of an identifier or arXiv URL.
pub fn arxiv_id(p: &Publication) -> Option<String> {
    let a = p.links.arxiv.as_deref()?.trim();
    let id = match a.find("arxiv.org/") {
        Some(at) => {
            let rest = &a[at + "arxiv.org/".len()..];
            let rest = rest.split_once('/').map_or(rest, |(_, id)| id);
            rest.trim_end_matches(".pdf").trim_end_matches('/')
        }
        None => a.trim_start_matches("arXiv:").trim_start_matches("arxiv:"),
    };
    Some(id.to_string())
}

/// The BibTeX entry type for a publication.
fn bibtex_type(p: &Publication) -> &str {
    const STANDARD: [&str; 14] = [
        "article",
        "book",
        "booklet",
        "inbook",
        "incollection",
        "inproceedings",
        "manual",
        "mastersthesis",
        "misc",
        "phdthesis",
        "proceedings",
        "techreport",
        "unpublished",
        "patent",
    ];
    if let Some(t) = p.bibtex_type.as_deref().filter(|t| STANDARD.contains(t)) {
        return t;
    }
    match p.kind {
        PublicationType::Conference | PublicationType::Workshop => "inproceedings",
        PublicationType::Journal => "article",
        PublicationType::Thesis => "phdthesis",
        PublicationType::Book => "book",
        PublicationType::Chapter => "incollection",
        PublicationType::Report => "techreport",
        PublicationType::Patent => "patent",
        PublicationType::Preprint | PublicationType::Other => "misc",
    }
}

/// One normalised BibTeX entry.
pub fn bibtex(p: &Publication) -> String {
    let ty = bibtex_type(p);
    // A title with a formula is exported as LaTeX, like the abstract.
    let title_latex = p.title_rich.as_ref().map(RichText::latex);
    let title = title_latex.clone().unwrap_or_else(|| p.title.clone());
    let mut fields: Vec<(&str, String)> = vec![("title", title)];
    if !p.authors.is_empty() || p.et_al {
        let mut names: Vec<String> = p
            .authors
            .iter()
            .map(|a| match a.parts() {
                (family, given) if given.is_empty() => family,
                (family, given) => format!("{family}, {given}"),
            })
            .collect();
        if p.et_al {
            names.push("others".to_string());
        }
        fields.push(("author", names.join(" and ")));
    }
    if let Some(venue) = &p.venue {
        let name = match ty {
            "article" => "journal",
            "inproceedings" | "incollection" => "booktitle",
            "phdthesis" | "mastersthesis" => "school",
            "techreport" => "institution",
            "book" | "inbook" => "publisher",
            _ => "howpublished",
        };
        fields.push((name, venue.clone()));
    }
    if let Some(y) = p.year {
        fields.push(("year", y.to_string()));
    }
    for (k, v) in &p.extra {
        if !fields.iter().any(|(f, _)| f == k) {
            // BibTeX writes page ranges with `--`.
            let v = if k == "pages" {
                v.replace('–', "--")
            } else {
                v.clone()
            };
            fields.push((k.as_str(), v));
        }
    }
    if let Some(d) = doi(p) {
        fields.push(("doi", d));
    }
    if let Some(a) = arxiv_id(p) {
        fields.push(("eprint", a));
        fields.push(("archiveprefix", "arXiv".to_string()));
    }
    if let Some(u) = p.links.url.as_ref().or(p.links.project.as_ref()) {
        fields.push(("url", u.to_string()));
    }
    if !p.tags.is_empty() {
        fields.push(("keywords", p.tags.join(", ")));
    }
    // Already LaTeX: its styling survives the round trip.
    if let Some(a) = &p.abstract_text {
        fields.push(("abstract", a.latex()));
    }
    // From a .bib: its fields as written (braces that protect capitals, LaTeX as LaTeX), then
    // what cvsite adds; a crossref target is not exported, so its fields come resolved.
    let source: Vec<String> = p
        .bib_fields
        .iter()
        .filter(|(k, _)| !NOT_EXPORTED.contains(&k.as_str()))
        .map(|(k, v)| format!("  {k} = {{{}}}", balanced(v.trim().to_string())))
        .collect();
    let fields: Vec<(&str, String)> = fields
        .into_iter()
        .filter(|(k, _)| !p.bib_fields.iter().any(|(n, _)| n == k) && !same_field(k, &p.bib_fields))
        .collect();
    let body: Vec<String> = source
        .into_iter()
        .chain(fields.iter().map(|(k, v)| {
            // URLs and DOIs are verbatim in BibTeX: a brace is all that needs care.
            let v = if matches!(*k, "url" | "doi" | "eprint") {
                verbatim(v)
            } else if *k == "abstract" || (*k == "title" && title_latex.is_some()) {
                balanced(v.clone())
            } else {
                latex_escape(v)
            };
            format!("  {k} = {{{v}}}")
        }))
        .collect();
    format!("@{ty}{{{},\n{}\n}}\n", p.key, body.join(",\n"))
}

/// Whether every reader takes `v` inside `{...}` as one value: its braces pair up both as
/// BibTeX and biber count them (every brace, `\{` too) and as the biblatex crate does (cvsite's
/// own reader, and Typst's: a brace after `\` is not counted).
fn pairs_up(v: &str) -> bool {
    let balanced = |escapes: bool| {
        let mut depth = 0usize;
        let mut bytes = v.bytes();
        while let Some(b) = bytes.next() {
            match b {
                b'\\' if escapes => {
                    bytes.next();
                }
                b'{' => depth += 1,
                b'}' => match depth.checked_sub(1) {
                    Some(d) => depth = d,
                    None => return false,
                },
                _ => {}
            }
        }
        depth == 0
    };
    balanced(false) && balanced(true)
}

/// A verbatim value (URL, DOI) whose braces do not pair up gets them percent-encoded: the same
/// address, and it cannot end the field and start another (`x}, note = {...`).
fn verbatim(v: &str) -> String {
    if pairs_up(v) {
        v.to_string()
    } else {
        v.replace('{', "%7B").replace('}', "%7D")
    }
}

/// LaTeX (an abstract's math as written) whose braces do not pair up is escaped whole.
fn balanced(v: String) -> String {
    if pairs_up(&v) { v } else { latex_escape(&v) }
}

/// Source fields left out of the export: a crossref target that is not exported, reference
/// managers' private fields (local file paths), and the site-only fields al-folio also hides.
const NOT_EXPORTED: [&str; 26] = [
    "crossref",
    "pdf",
    "file",
    "mendeley-groups",
    "mendeley-tags",
    "owner",
    "abbr",
    "bibtex_show",
    "selected",
    "preview",
    "altmetric",
    "dimensions",
    "google_scholar_id",
    "inspirehep_id",
    "annotation",
    "additional_info",
    "award",
    "award_name",
    "html",
    "website",
    "blog",
    "supp",
    "code",
    "poster",
    "slides",
    "video",
];

/// Whether the source already has field `k` under another name (BibLaTeX's `journaltitle`
/// for `journal`, `date` for `year`, `arxiv` for `eprint`).
fn same_field(k: &str, source: &[(String, String)]) -> bool {
    let has = |n: &str| source.iter().any(|(s, _)| s == n);
    match k {
        "journal" => has("journaltitle"),
        "year" => has("date"),
        "eprint" | "archiveprefix" => has("arxiv") && !has("eprint"),
        _ => false,
    }
}

fn csl_type(kind: PublicationType) -> &'static str {
    match kind {
        PublicationType::Conference | PublicationType::Workshop => "paper-conference",
        PublicationType::Journal => "article-journal",
        PublicationType::Preprint => "article",
        PublicationType::Thesis => "thesis",
        PublicationType::Book => "book",
        PublicationType::Chapter => "chapter",
        PublicationType::Patent => "patent",
        PublicationType::Report => "report",
        PublicationType::Other => "document",
    }
}

/// One publication as CSL-JSON; `url` is its page on the site.
pub fn csl(p: &Publication, url: &str) -> Value {
    let authors: Vec<Value> = p
        .authors
        .iter()
        .map(|a| match a.parts() {
            (family, given) if given.is_empty() => json!({ "literal": family }),
            (family, given) => json!({ "family": family, "given": given }),
        })
        .collect();
    let mut item = json!({
        "id": p.key,
        "type": csl_type(p.kind),
        "title": p.title,
        "author": authors,
        "URL": url,
    });
    let obj = item.as_object_mut().expect("object");
    if let Some(y) = p.year {
        obj.insert("issued".into(), json!({ "date-parts": [[y]] }));
    }
    if let Some(v) = &p.venue {
        obj.insert("container-title".into(), json!(v));
    }
    if let Some(v) = &p.venue_short {
        obj.insert("container-title-short".into(), json!(v));
    }
    if let Some(d) = doi(p) {
        obj.insert("DOI".into(), json!(d));
    }
    if let Some(a) = &p.abstract_text {
        obj.insert("abstract".into(), json!(a.plain()));
    }
    if let Some(a) = arxiv_id(p) {
        obj.insert("number".into(), json!(format!("arXiv:{a}")));
    }
    item
}

/// Writes every publication, with its page's address, as a CSL-JSON array.
pub fn write_csl_json<'a>(
    w: &mut dyn std::io::Write,
    pubs: impl Iterator<Item = (&'a Publication, &'a str)> + Clone,
) -> std::io::Result<()> {
    let items = Streamed(pubs.map(|(p, url)| csl(p, url)));
    serde_json::to_writer_pretty(&mut *w, &items)?;
    w.write_all(b"\n")
}

/// A JSON array whose items are made one at a time as it is written: the whole tree of a list
/// of 10,000 papers would hold hundreds of megabytes for a moment.
pub struct Streamed<I>(pub I);

impl<I: Iterator<Item = Value> + Clone> serde::Serialize for Streamed<I> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(None)?;
        for item in self.0.clone() {
            seq.serialize_element(&item)?;
        }
        seq.end()
    }
}

/// schema.org `ScholarlyArticle` JSON-LD for a paper's page, safe inside `<script>`.
pub fn jsonld(p: &Publication, url: &str, abstract_text: Option<&str>) -> String {
    let mut item = json!({
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": p.title,
        "name": p.title,
        "url": url,
        "author": p.authors.iter().map(|a| json!({"@type": "Person", "name": a.name})).collect::<Vec<_>>(),
    });
    let obj = item.as_object_mut().expect("object");
    if let Some(y) = p.year {
        obj.insert("datePublished".into(), json!(y.to_string()));
    }
    if let Some(v) = p.venue.as_ref().or(p.venue_short.as_ref()) {
        let kind = if p.kind == PublicationType::Journal {
            "Periodical"
        } else {
            "CreativeWork"
        };
        obj.insert("isPartOf".into(), json!({ "@type": kind, "name": v }));
    }
    let same_as: Vec<String> = doi(p)
        .map(|d| crate::text::encode_path(&format!("https://doi.org/{d}")))
        .into_iter()
        .chain(arxiv_id(p).map(|a| format!("https://arxiv.org/abs/{a}")))
        .collect();
    if !same_as.is_empty() {
        obj.insert("sameAs".into(), json!(same_as));
    }
    if let Some(a) = abstract_text {
        obj.insert("abstract".into(), json!(a));
    }
    if let Some(a) = &p.award {
        obj.insert("award".into(), json!(a));
    }
    // `<` escaped so no value can close the script element.
    item.to_string().replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::{Author, PublicationLinks};

    fn paper() -> Publication {
        Publication {
            written: Default::default(),
            bib_fields: Vec::new(),
            title_rich: None,
            key: "li2023".into(),
            title: "Sequence Parallelism: 100% & {more}".into(),
            authors: vec![Author::parse("Shenggui Li*"), Author::parse("Fuzhao Xue*")],
            et_al: true,
            venue: Some("ACL".into()),
            venue_rich: None,
            venue_short: Some("ACL 2023".into()),
            year: Some(2023),
            kind: PublicationType::Conference,
            bibtex_type: None,
            award: None,
            links: PublicationLinks {
                doi: Some("https://doi.org/10.18653/v1/x".into()),
                arxiv: Some("https://arxiv.org/abs/2105.13120".into()),
                ..Default::default()
            },
            abstract_text: Some(crate::content::rich::RichText::plain_text(
                "We </script> scale.",
            )),
            selected: false,
            tags: vec![],
            slug: None,
            extra: vec![("pages".into(), "1–10".into())],
            note: None,
            author_note: None,
            preview: None,
            scholar_id: None,
        }
    }

    #[test]
    fn bibtex_is_normalised_and_parses_back() {
        let bib = bibtex(&paper());
        assert!(
            bib.starts_with(
                "@inproceedings{li2023,\n  title = {Sequence Parallelism: 100\\% \\& \\textbraceleft{}more\\textbraceright{}},"
            ),
            "{bib}"
        );
        assert!(bib.contains("author = {Li, Shenggui and Xue, Fuzhao and others}"));
        assert!(bib.contains("doi = {10.18653/v1/x}") && bib.contains("eprint = {2105.13120}"));
        assert!(bib.contains("abstract = {We </script> scale.}"), "{bib}");
        let parsed = biblatex::Bibliography::parse(&bib).unwrap();
        let e = parsed.get("li2023").unwrap();
        use biblatex::ChunksExt;
        assert_eq!(e.get("booktitle").unwrap().format_verbatim(), "ACL");
        assert_eq!(e.author().unwrap().len(), 3);
    }

    #[test]
    fn a_bib_entry_is_exported_as_written() {
        let mut p = paper();
        p.bib_fields = vec![
            ("title".into(), "{{BERT}: Pre-training} of $\\alpha$".into()),
            ("author".into(), "Li, Shenggui and Xue, Fuzhao".into()),
            ("file".into(), ":/home/me/papers/bert.pdf:pdf".into()),
            ("abbr".into(), "ACL".into()),
        ];
        let bib = bibtex(&p);
        assert!(
            bib.contains("  title = {{{BERT}: Pre-training} of $\\alpha$},"),
            "{bib}"
        );
        assert!(
            !bib.contains("/home/me"),
            "private fields stay private: {bib}"
        );
        assert!(
            !bib.contains("abbr"),
            "site-only fields are not exported: {bib}"
        );
        assert!(
            bib.contains("doi = {10.18653/v1/x}"),
            "what cvsite adds comes after: {bib}"
        );
        assert_eq!(bib.matches("\n  title =").count(), 1, "{bib}");
        biblatex::Bibliography::parse(&bib).expect("parses");
    }

    #[test]
    fn csl_and_jsonld() {
        let p = paper();
        let c = csl(&p, "https://x.org/p/");
        assert_eq!(c["type"], "paper-conference");
        assert_eq!(c["author"][0]["family"], "Li");
        assert_eq!(c["issued"]["date-parts"][0][0], 2023);
        assert_eq!(c["DOI"], "10.18653/v1/x");
        let mut odd = paper();
        odd.links.doi = Some("DOI 10.1109/WAINA.2013.149".into());
        assert_eq!(doi(&odd).as_deref(), Some("10.1109/WAINA.2013.149"));
        let abs = p.abstract_text.as_ref().map(|a| a.plain());
        let ld = jsonld(&p, "https://x.org/p/", abs.as_deref());
        assert!(!ld.contains("</script>"));
        let v: Value = serde_json::from_str(&ld).unwrap();
        assert_eq!(v["@type"], "ScholarlyArticle");
        assert_eq!(v["abstract"], "We </script> scale.");
        assert_eq!(v["sameAs"][1], "https://arxiv.org/abs/2105.13120");
    }
}
