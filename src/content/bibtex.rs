//! `content/publications.bib`: BibTeX entries into the publication model. LaTeX becomes Unicode
//! text (`{\"u}` → ü, `\&` → &, `--` → –, protective braces dropped), `@string` and month macros
//! and `crossref` are resolved, and names in either form ("Last, First", "First Last") are split
//! into given and family names.

use std::collections::HashMap;

use biblatex::{Bibliography, ChunksExt, Entry, ParseError, RawBibliography};

use super::model::{Author, Publication, PublicationLinks, PublicationType, Written};
use super::rich::RichText;
use crate::diagnostics::{SourceError, SourceFile, position_of};

/// BibTeX fields kept as they are for the `.bib` export.
const KEPT_FIELDS: [&str; 17] = [
    "pages",
    "volume",
    "number",
    "publisher",
    "address",
    "editor",
    "series",
    "organization",
    "school",
    "institution",
    "month",
    "isbn",
    "issn",
    "note",
    "edition",
    "chapter",
    "eventtitle",
];

/// Parses the whole file; the first malformed entry is an error naming its line and key.
pub fn parse(file: &SourceFile) -> Result<Vec<Publication>, SourceError> {
    let bib = Bibliography::parse(&file.text).map_err(|e| parse_error(file, &e))?;
    // The parsed bibliography keeps no positions; the raw one has each entry key's span.
    let keys: HashMap<&str, usize> = RawBibliography::parse(&file.text)
        .map(|raw| {
            raw.entries
                .iter()
                .map(|e| (e.v.key.v, e.v.key.span.start))
                .collect()
        })
        .unwrap_or_default();
    // A `crossref` target without authors (a @proceedings volume) is not a publication of its own.
    let parents: Vec<String> = bib
        .iter()
        .filter_map(|e| {
            e.get("crossref")
                .map(|c| c.format_verbatim().trim().to_string())
        })
        .collect();
    bib.iter()
        .filter(|e| !(parents.contains(&e.key) && e.get("author").is_none()))
        .map(|entry| {
            let at = position_of(
                &file.text,
                keys.get(entry.key.as_str()).copied().unwrap_or(0),
            );
            convert(entry, &bib, file, at)
        })
        .collect()
}

/// The key of the entry that contains byte `offset`: the last `@type{key,` before it.
fn entry_key_at(text: &str, offset: usize) -> Option<String> {
    let before = &text[..offset.min(text.len())];
    let at = before.rfind('@')?;
    let rest = &text[at..];
    let open = rest.find(['{', '('])?;
    let key: String = rest[open + 1..]
        .chars()
        .take_while(|c| !matches!(c, ',' | '}' | ')' | '\n'))
        .collect();
    let key = key.trim();
    (!key.is_empty() && !key.contains('=')).then(|| key.to_string())
}

fn parse_error(file: &SourceFile, e: &ParseError) -> SourceError {
    let mut offset = e.span.start;
    if let biblatex::ParseErrorKind::DuplicateKey(k) = &e.kind {
        // Point at the second entry of that key, not the end of the one before it.
        let needle = format!("{{{k},");
        if let Some(second) = file.text.match_indices(&needle).nth(1) {
            offset = second.0 + 1;
        }
    }
    let (line, column) = position_of(&file.text, offset);
    let entry = match entry_key_at(&file.text, offset) {
        Some(key) => format!(" in entry `{key}`"),
        None => String::new(),
    };
    let help = match &e.kind {
        biblatex::ParseErrorKind::UnknownAbbreviation(a) => Some(format!(
            "define it with `@string{{{a} = {{...}}}}` before the entry, or put the value in braces"
        )),
        biblatex::ParseErrorKind::DuplicateKey(k) => {
            Some(format!("give one of the entries named `{k}` another key"))
        }
        biblatex::ParseErrorKind::UnexpectedEof => {
            Some("a brace or quote is not closed".to_string())
        }
        biblatex::ParseErrorKind::Expected(_) | biblatex::ParseErrorKind::Unexpected(_) => Some(
            "look for a missing comma between fields, or a brace or quote left open above here"
                .to_string(),
        ),
        _ => None,
    };
    file.error_at(line, column, format!("malformed BibTeX{entry}: {}", e.kind))
        .with_help(help)
}

/// A field's text, from the entry or (classic BibTeX `crossref`) from its parent.
fn field(entry: &Entry, bib: &Bibliography, name: &str) -> Option<String> {
    let own = entry.get(name).map(|c| clean(&c.format_verbatim()));
    own.or_else(|| {
        let parent = entry.get("crossref")?.format_verbatim();
        let parent = bib.get(parent.trim())?;
        parent.get(name).map(|c| clean(&c.format_verbatim()))
    })
    .filter(|v| !v.is_empty())
}

/// What the parser leaves of LaTeX: stray braces and a few commands.
fn clean(text: &str) -> String {
    let text = text
        .replace(['{', '}'], "")
        .replace("\\textendash", "–")
        .replace("\\textemdash", "—");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One entry, whose key is at `key_at` (line, column) in `file`.
fn convert(
    entry: &Entry,
    bib: &Bibliography,
    file: &SourceFile,
    key_at: (usize, usize),
) -> Result<Publication, SourceError> {
    let at = || key_at;
    let bibtex_type = entry_type_name(entry);
    let Some(title) = field(entry, bib, "title") else {
        let (line, column) = at();
        return Err(file
            .error_at(
                line,
                column,
                format!("BibTeX entry `{}` has no title", entry.key),
            )
            .with_help("add `title = {...}` to the entry".to_string()));
    };
    let persons = match entry.author() {
        Ok(p) => p,
        Err(biblatex::RetrievalError::Missing(_)) => Vec::new(),
        Err(e) => {
            let (line, column) = at();
            return Err(file.error_at(
                line,
                column,
                format!(
                    "the authors of BibTeX entry `{}` cannot be read: {e}",
                    entry.key
                ),
            ));
        }
    };
    let mut et_al = false;
    let mut authors = Vec::new();
    for p in persons {
        if p.name.eq_ignore_ascii_case("others") && p.given_name.is_empty() {
            et_al = true;
            continue;
        }
        let family = [p.prefix.as_str(), p.name.as_str(), p.suffix.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| clean(s))
            .collect::<Vec<_>>()
            .join(" ");
        let given = clean(&p.given_name);
        let name = if given.is_empty() {
            family.clone()
        } else {
            format!("{given} {family}")
        };
        authors.push(Author {
            name,
            equal: false,
            corresponding: false,
            url: None,
            given: (!given.is_empty()).then_some(given),
            family: Some(family),
        });
    }
    let get = |name: &str| field(entry, bib, name);
    let kind = kind_of(&bibtex_type, entry, bib);
    let venue = match kind {
        PublicationType::Journal => get("journaltitle").or_else(|| get("journal")),
        PublicationType::Thesis => get("school").or_else(|| get("institution")),
        PublicationType::Report => get("institution"),
        PublicationType::Book => get("publisher"),
        _ => get("booktitle")
            .or_else(|| get("journaltitle"))
            .or_else(|| get("journal"))
            .or_else(|| get("howpublished"))
            .or_else(|| get("eventtitle")),
    };
    let year = get("year")
        .or_else(|| get("date"))
        .and_then(|y| y.get(..4).and_then(|d| d.parse().ok()));
    let eprint = get("eprint");
    let is_arxiv = get("archiveprefix")
        .or_else(|| get("eprinttype"))
        .is_some_and(|a| a.eq_ignore_ascii_case("arxiv"));
    let links = PublicationLinks {
        pdf: get("pdf"),
        arxiv: eprint.filter(|_| is_arxiv),
        code: get("code"),
        project: get("project"),
        slides: get("slides"),
        video: get("video"),
        poster: get("poster"),
        doi: get("doi"),
        url: get("url"),
    };
    let tags = get("keywords")
        .map(|k| {
            k.split([',', ';'])
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default();
    let extra = KEPT_FIELDS
        .iter()
        .filter_map(|f| get(f).map(|v| (f.to_string(), v)))
        .collect();
    Ok(Publication {
        written: Written {
            file: file.display.clone(),
            line: key_at.0,
        },
        key: entry.key.clone(),
        title,
        authors,
        et_al,
        venue,
        venue_short: None,
        year,
        kind,
        bibtex_type: Some(bibtex_type),
        award: None,
        links,
        abstract_text: get("abstract").map(|a| RichText::markdown(&a)),
        selected: false,
        tags,
        slug: None,
        extra,
    })
}

/// `inproceedings`, `article`, ... as written (lowercase).
fn entry_type_name(entry: &Entry) -> String {
    match &entry.entry_type {
        biblatex::EntryType::Unknown(t) => t.to_lowercase(),
        t => format!("{t:?}").to_lowercase(),
    }
}

fn kind_of(bibtex_type: &str, entry: &Entry, bib: &Bibliography) -> PublicationType {
    let venue = field(entry, bib, "booktitle")
        .unwrap_or_default()
        .to_lowercase();
    let journal = field(entry, bib, "journal")
        .or_else(|| field(entry, bib, "journaltitle"))
        .unwrap_or_default();
    match bibtex_type {
        "inproceedings" | "conference" if venue.contains("workshop") => PublicationType::Workshop,
        "inproceedings" | "conference" => PublicationType::Conference,
        "article"
            if journal.to_lowercase().contains("arxiv")
                || journal.to_lowercase().contains("preprint") =>
        {
            PublicationType::Preprint
        }
        "article" => PublicationType::Journal,
        "phdthesis" | "mastersthesis" | "thesis" => PublicationType::Thesis,
        "book" | "mvbook" => PublicationType::Book,
        "incollection" | "inbook" | "suppbook" => PublicationType::Chapter,
        "patent" => PublicationType::Patent,
        "techreport" | "report" => PublicationType::Report,
        "unpublished" | "preprint" => PublicationType::Preprint,
        "misc" | "online" if field(entry, bib, "eprint").is_some() => PublicationType::Preprint,
        _ => PublicationType::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_entry_key_of_an_error() {
        let text = "@article{a, title={x}}\n@inproceedings{broken,\n  title = {unclosed\n";
        assert_eq!(
            entry_key_at(text, text.len() - 2).as_deref(),
            Some("broken")
        );
        assert_eq!(position_of(text, 23), (2, 1));
    }

    #[test]
    fn latex_becomes_text() {
        let f = SourceFile::new(
            "x.bib",
            "@string{conf = \"Proc. of {ABC}\"}\n@inproceedings{k, title = {{M}{\\\"u}ller \\& Co --- {BERT}}, author = {M{\\\"u}ller, J{\\\"o}rg and Ada Lovelace and others}, booktitle = conf, year = 2021, month = jul}\n",
        );
        let p = &parse(&f).unwrap()[0];
        assert_eq!(p.title, "Müller & Co — BERT");
        assert_eq!(p.venue.as_deref(), Some("Proc. of ABC"));
        assert_eq!(p.authors[0].name, "Jörg Müller");
        assert_eq!(p.authors[0].family.as_deref(), Some("Müller"));
        assert_eq!(p.authors[1].name, "Ada Lovelace");
        assert!(p.et_al);
        assert_eq!(p.year, Some(2021));
        assert_eq!(p.kind, PublicationType::Conference);
        assert!(p.extra.contains(&("month".to_string(), "July".to_string())));
    }
}
