//! Real researchers' `.bib` files (tests/corpus/, sources and licences in its MANIFEST.tsv):
//! every entry in is a paper out, and no LaTeX is left for readers in titles, authors or
//! venues, on the pages or in CSL-JSON.

mod common;

use std::path::Path;

use biblatex::RawBibliography;
use common::{Site, repo};

/// A site whose only publications are the corpus file `name`.
fn site_with(name: &str) -> Site {
    let site = Site {
        dir: tempfile::tempdir().unwrap(),
    };
    site.write(
        "cvsite.yaml",
        "title: Corpus\nbase_url: https://corpus.example.org/\n",
    );
    site.write("content/profile.yaml", "name: Test Person\n");
    let bib = std::fs::read(repo().join("tests/corpus/bib").join(name)).unwrap();
    site.write("content/publications.bib", bib);
    site
}

/// How many publications a file holds: its entries (a key used twice counts once: the first is
/// kept, as biber does), less the `crossref` targets without authors (proceedings volumes,
/// which are not papers of their own).
fn expected_entries(path: &Path) -> usize {
    let text = source_text(path);
    let raw = RawBibliography::parse(&text).expect("the corpus file parses");
    let field = |e: &biblatex::RawEntry, name: &str| {
        e.fields
            .iter()
            .find(|p| p.key.v.eq_ignore_ascii_case(name))
            .map(|p| {
                p.value
                    .v
                    .iter()
                    .map(|c| match c.v {
                        biblatex::RawChunk::Normal(s) | biblatex::RawChunk::Abbreviation(s) => s,
                    })
                    .collect::<String>()
            })
    };
    let parents: Vec<String> = raw
        .entries
        .iter()
        .filter_map(|e| field(&e.v, "crossref").map(|c| c.trim().to_string()))
        .collect();
    let mut keys: Vec<&str> = Vec::new();
    for e in &raw.entries {
        let parent_volume =
            parents.iter().any(|p| p == e.v.key.v) && field(&e.v, "author").is_none();
        if !parent_volume && !keys.contains(&e.v.key.v) {
            keys.push(e.v.key.v);
        }
    }
    keys.len()
}

/// A corpus file's text, its keyless entries (EndNote's `@article{ title = ...`) given keys
/// `keyless-N` so that biblatex's parser reads it as cvsite does.
fn source_text(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = String::new();
    let mut n = 0;
    let mut rest = text.as_str();
    while let Some(at) = rest.find('@') {
        let (before, entry) = rest.split_at(at);
        out.push_str(before);
        let open = entry.find(['{', '(']).unwrap_or(entry.len());
        let head = &entry[..open];
        let body = entry.get(open + 1..).unwrap_or("");
        let first = body
            .find([',', '=', '}'])
            .map(|k| (body.as_bytes()[k], &body[..k]));
        let keyless = head[1..].chars().all(|c| c.is_ascii_alphabetic())
            && !["string", "comment", "preamble"].contains(&head[1..].to_lowercase().as_str())
            && match first {
                Some((b'=', name)) => !name.trim().is_empty(),
                Some((b',', before)) => before.trim().is_empty(),
                _ => false,
            };
        let cut = (open + 1).min(entry.len());
        out.push_str(&entry[..cut]);
        if keyless {
            n += 1;
            out.push_str(&format!("keyless-{n}"));
            if first.is_some_and(|(c, _)| c == b'=') {
                out.push(',');
            }
        }
        rest = &entry[cut.max(1)..];
    }
    out.push_str(rest);
    out
}

/// The text of the entry `key` in a `.bib` text (to its next entry); the whole text for a key
/// the file does not hold (one cvsite gave a keyless entry).
fn entry_source<'a>(text: &'a str, key: &str) -> &'a str {
    let Some(at) = text.find(&format!("{{{key},")) else {
        return text;
    };
    let rest = &text[at..];
    &rest[..rest[1..].find("\n@").map_or(rest.len(), |e| e + 1)]
}

/// The characters a source writes as characters of their own (`\{`, `$\backslash$`:
/// Mendeley's escaping of what its users typed), which a reader may then see.
#[derive(Clone, Copy)]
struct Literal {
    braces: bool,
    backslash: bool,
}

impl Literal {
    fn of(source: &str) -> Literal {
        Literal {
            braces: source.contains("\\{") || source.contains("\\}"),
            backslash: source.contains("backslash"),
        }
    }
}

/// LaTeX left in a reader's text: a backslash, a brace, or a pair of math dollars; less what
/// the source writes literally.
fn latex_left(text: &str, literal: Literal) -> bool {
    text.contains(|c| match c {
        '{' | '}' => !literal.braces,
        '\\' => !literal.backslash,
        _ => false,
    }) || text.matches('$').count() >= 2
}

/// What a reader sees of some HTML: tags and MathML annotations left out.
fn visible_text(html: &str) -> String {
    let mut rest = html.to_string();
    while let Some(start) = rest.find("<annotation") {
        let end = rest[start..]
            .find("</annotation>")
            .map_or(rest.len(), |e| start + e + "</annotation>".len());
        rest.replace_range(start..end, "");
    }
    let mut out = String::new();
    let mut in_tag = false;
    for c in rest.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn every_entry_in_is_a_paper_out_with_no_latex_left() {
    let mut files: Vec<_> = std::fs::read_dir(repo().join("tests/corpus/bib"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 30, "the corpus is there: {files:?}");
    // Two builds at a time (the machine has two cores), the largest files spread over both.
    std::thread::scope(|scope| {
        let (even, odd): (Vec<_>, Vec<_>) = files.iter().enumerate().partition(|(i, _)| i % 2 == 0);
        for half in [even, odd] {
            scope.spawn(move || {
                half.into_iter()
                    .for_each(|(_, path)| check_corpus_file(path))
            });
        }
    });
}

/// Every entry of one corpus file in and out, with no LaTeX left on its pages, in its
/// CSL-JSON, in its PDF, and its titles exported as written.
fn check_corpus_file(path: &Path) {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let site = site_with(&name);
    let source_text = source_text(path);
    let in_file = Literal::of(&source_text);
    let run = site.build_ok();
    assert!(!run.stderr.contains("panicked"), "{name}: {}", run.stderr);
    let csl: Vec<serde_json::Value> = serde_json::from_str(&site.out("publications.json")).unwrap();
    assert_eq!(
        csl.len(),
        expected_entries(path),
        "{name}: every entry in, every entry out"
    );
    let pages = std::fs::read_dir(site.path("public/publications"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().join("index.html").is_file())
        .filter(|e| !["type", "tag"].contains(&e.as_ref().unwrap().file_name().to_str().unwrap()))
        .count();
    assert_eq!(pages, csl.len(), "{name}: a page per paper");
    for item in &csl {
        let mut texts = vec![item["title"].as_str().unwrap_or_default().to_string()];
        texts.push(item["container-title"].as_str().unwrap_or_default().into());
        for a in item["author"].as_array().into_iter().flatten() {
            for part in ["family", "given", "literal"] {
                texts.push(a[part].as_str().unwrap_or_default().into());
            }
        }
        let literal = Literal::of(entry_source(
            &source_text,
            item["id"].as_str().unwrap_or_default(),
        ));
        for t in texts {
            assert!(
                !latex_left(&t, literal),
                "{name}: LaTeX left in {t:?} ({})",
                item["id"]
            );
        }
    }
    // The export keeps each title as the source wrote it, protecting braces and all.
    let exported = site.out("publications.bib");
    let titles = |text: &str| -> Vec<(String, String)> {
        let raw = RawBibliography::parse(text).expect("parses");
        raw.entries
            .iter()
            .filter_map(|e| {
                let title =
                    e.v.fields
                        .iter()
                        .find(|p| p.key.v.eq_ignore_ascii_case("title"))?;
                let value: String = title
                    .value
                    .v
                    .iter()
                    .map(|c| match c.v {
                        biblatex::RawChunk::Normal(s) | biblatex::RawChunk::Abbreviation(s) => s,
                    })
                    .collect();
                Some((e.v.key.v.to_string(), value.trim().to_string()))
            })
            .collect()
    };
    let source = titles(&source_text);
    let out = titles(&exported);
    assert_eq!(out.len(), csl.len(), "{name}: the export has every paper");
    for (key, title) in &out {
        // A keyless entry is exported under the key cvsite gave it: found by its title.
        let written = source
            .iter()
            .find(|(k, _)| k == key)
            .or_else(|| {
                source
                    .iter()
                    .find(|(k, t)| k.starts_with("keyless-") && t == title)
            })
            .map(|(_, t)| t);
        assert_eq!(Some(title), written, "{name}: `{key}` exported as written");
    }
    // The list page shows the same text, escaped as HTML; math is MathML, whose annotation
    // carries the LaTeX source on purpose.
    let list = site.out("publications/index.html");
    // Every address is a valid URL (`pdf = {My Paper.pdf}` is percent-encoded).
    let (links, _) = cvsite::html::links_and_ids(&list);
    for link in links {
        assert!(
            !link.contains([' ', '"', '<', '>']),
            "{name}: not a URL: {link:?}"
        );
    }
    for title in list.split("class=\"pub-title\"").skip(1) {
        let title = &title[title.find('>').unwrap() + 1..title.find("</a>").unwrap()];
        let shown = visible_text(title);
        assert!(
            !latex_left(&shown, in_file),
            "{name}: LaTeX left on the page: {title}"
        );
    }
    for venue in list.split("class=\"pub-venue\"").skip(1) {
        let venue = &venue[..venue.find("</div>").unwrap()];
        let shown = visible_text(venue);
        assert!(
            !latex_left(&shown, in_file),
            "{name}: LaTeX left in a venue: {venue}"
        );
    }
    #[cfg(feature = "pdf")]
    {
        // The PDF typesets every formula of the file as math; none is printed as LaTeX.
        let text = common::poppler("pdftotext", &["-enc", "UTF-8"], &site.path("public/cv.pdf"));
        assert!(
            text.replace(' ', "")
                .to_lowercase()
                .contains("publications"),
            "{name}: the PDF lists the papers"
        );
        for line in text.lines() {
            assert!(
                !latex_left(line, in_file),
                "{name}: LaTeX left in the PDF: {line}"
            );
        }
        if name.starts_with("iridia") {
            // `Minimising $\epsilon$-Indicators`: math italic, from Typst's math.
            assert!(
                text.contains("Minimising 𝜖-Indicators"),
                "{name}: math in the PDF"
            );
        }
    }
}

#[test]
fn accents_ads_macros_and_marks_come_out_as_written_in_print() {
    // al-folio's own example: `Einstein*†` marks; ADS: `\apj` and `{\"o}`-style accents.
    let site = site_with("alfolio-multilang-template.bib");
    site.build_ok();
    let csl = site.out("publications.json");
    assert!(
        !csl.contains("Einstein*"),
        "the marks are not part of the name"
    );
    let ads = site_with("ads-export-aastex-sample63.bib");
    ads.build_ok();
    let csl: Vec<serde_json::Value> = serde_json::from_str(&ads.out("publications.json")).unwrap();
    let venues: Vec<&str> = csl
        .iter()
        .filter_map(|i| i["container-title"].as_str())
        .collect();
    assert!(venues.contains(&"ApJ"), "ADS macros expanded: {venues:?}");
    // `T$_{E}$X`: math on the pages is MathML; in CSL-JSON, plain text.
    let list = ads.out("publications/index.html");
    assert!(list.contains("<math"), "math shown as MathML");
    assert!(
        csl.iter().any(|i| i["title"]
            .as_str()
            .unwrap_or_default()
            .starts_with("TEX and LATEX")),
        "plain text without markup"
    );
}

#[test]
fn al_folio_fields_and_the_owner_in_every_spelling() {
    // al-folio's own example library: the owner is written "Einstein, Albert", "Einstein, A.",
    // "Albert Einstein" and "Einstein*†, A.".
    let site = site_with("alfolio-multilang-template.bib");
    site.write("content/profile.yaml", "name: Albert Einstein\n");
    site.build_ok();
    let list = site.out("publications/index.html");
    let entries: Vec<&str> = list.split("<li class=\"pub").skip(1).collect();
    assert_eq!(entries.len(), 9, "{list}");
    for entry in &entries {
        if entry.contains("Einstein") {
            assert!(
                entry.contains("<strong class=\"owner\">"),
                "the owner is highlighted: {entry}"
            );
        }
    }
    // `selected = {true}`: on the home page; `abbr`: the short venue; `award_name`: the award;
    // `html`: the paper's page.
    let home = site.out("index.html");
    assert!(
        home.contains("Can Quantum-Mechanical Description"),
        "selected paper on the home page"
    );
    assert!(
        list.contains("PhysRev") && list.contains("Ann. Phys."),
        "abbr shown"
    );
    assert!(list.contains("Nobel Prize"), "award_name shown");
    // `annotation` (what the marks mean) and `additional_info`; badges as links (no script
    // from another site).
    assert!(
        list.contains("class=\"pub-author-note\""),
        "annotation shown"
    );
    assert!(list.contains("found here"), "additional_info shown");
    assert!(list.contains("https://www.altmetric.com/details/248277"));
    assert!(list.contains("https://inspirehep.net/literature/3255"));
    assert!(
        !list.contains("<script src=\"https://"),
        "no third-party script"
    );
    let paper = site.out("publications/physrev-47-777/index.html");
    assert!(
        paper.contains("href=\"https://journals.aps.org/pr/abstract/10.1103/PhysRev.47.777\""),
        "the html link"
    );
}
