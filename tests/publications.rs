//! Publications from BibTeX, as scholarly data: rendering, owner highlighting, exports that round
//! trip, and the metadata Google Scholar reads.

mod common;

use biblatex::{Bibliography, ChunksExt};
use common::{Site, fixture, text_of};
use serde_json::Value;

fn built() -> Site {
    let site = Site::copy_of(&fixture("bibtex"));
    site.build_ok();
    site
}

/// The `content` of `<meta name=NAME>` (or `property=`) tags, in order.
fn meta(html: &str, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["name", "property"] {
        let needle = format!("<meta {attr}=\"{name}\" content=\"");
        let mut rest = html;
        while let Some(at) = rest.find(&needle) {
            rest = &rest[at + needle.len()..];
            let value = &rest[..rest.find('"').unwrap()];
            out.push(
                value
                    .replace("&amp;", "&")
                    .replace("&#39;", "'")
                    .replace("&quot;", "\""),
            );
        }
    }
    out
}

#[test]
fn bibtex_is_rendered_as_text() {
    let site = built();
    let list = site.out("publications/index.html");
    let text = text_of(&list);
    for fact in [
        // {\"u}, \&, -- and protective braces; a @string macro for the venue.
        "Müller & Co – Proofs at Scale",
        "Proceedings of the Example Conference, 2023",
        // "Last, First" and "First Last"; a particle; `and others`.
        "Ada Example, Grace Hopper, Jörg Müller et al.",
        "A. Example, Augusta Ada Lovelace and Charles van der Babbage",
        "Journal of Examples, 2021",
        // crossref: venue and year from the parent, which is not listed itself.
        "Cross-Referenced Results",
        "Proceedings of the Example Workshop on Logic, 2020",
        // An entry type cvsite does not know is still shown.
        "The Example Dataset",
        // A thesis and an arXiv preprint.
        "Proofs at Scale: A Thesis",
        "Example Institute of Technology, 2015",
        "A Preprint on arXiv",
        "Preprint, 2024",
        // The YAML overlay: award; and a YAML-only paper with marks.
        "Best Paper Award",
        "Bob Coauthor*, Ada Example* and Carol Senior†",
        "* Equal contribution",
        "† Corresponding author",
    ] {
        assert!(text.contains(fact), "publications lack {fact:?}:\n{text}");
    }
    assert!(
        !list.contains("pub-exc2020"),
        "a crossref parent volume is not a publication"
    );
    assert_eq!(
        list.matches("Equal contribution</span>").count(),
        1,
        "one legend per list"
    );
    // The owner is highlighted however the source spells the name.
    for spelling in ["Ada Example", "A. Example"] {
        assert!(
            list.contains(&format!("<strong class=\"owner\">{spelling}</strong>")),
            "{spelling} not highlighted"
        );
    }
    // Co-authors from the people map link to their homepages, in either name form.
    assert!(list.contains("<a href=\"https://grace.example.org/\">Grace Hopper</a>"));
    assert!(
        list.contains("<a href=\"https://ada-lovelace.example.org/\">Augusta Ada Lovelace</a>")
    );
    // Selected (from the overlay) on the home page.
    assert!(text_of(&site.out("index.html")).contains("Müller & Co – Proofs at Scale"));
}

#[test]
fn exports_round_trip() {
    let site = built();
    let source = Bibliography::parse(&site.read("content/publications.bib")).unwrap();
    let exported =
        Bibliography::parse(&site.out("publications.bib")).expect("exported BibTeX parses");
    let csl: Value = serde_json::from_str(&site.out("publications.json")).expect("CSL-JSON parses");
    let csl = csl.as_array().unwrap();
    // Less the crossref parent volume, plus the paper that is only in the YAML.
    assert_eq!(exported.len(), source.len() - 1 + 1);
    assert_eq!(csl.len(), exported.len());
    for key in [
        "example2023proofs",
        "example2021types",
        "example2020cross",
        "example2024arxiv",
        "example2015thesis",
        "example2022data",
    ] {
        let src = source.get(key).unwrap();
        let out = exported
            .get(key)
            .unwrap_or_else(|| panic!("{key} not exported"));
        let item = csl.iter().find(|i| i["id"] == key).unwrap();
        let title = |e: &biblatex::Entry| e.get("title").unwrap().format_verbatim();
        assert_eq!(title(out), title(src), "{key}: title");
        assert_eq!(
            item["title"].as_str().unwrap(),
            title(src),
            "{key}: CSL title"
        );
        let families = |e: &biblatex::Entry| {
            e.author()
                .unwrap()
                .iter()
                .map(|p| p.name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(families(out), families(src), "{key}: authors");
        let csl_families: Vec<&str> = item["author"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["family"].as_str().or(a["literal"].as_str()).unwrap())
            .collect();
        let src_families: Vec<String> = src
            .author()
            .unwrap()
            .iter()
            .filter(|p| p.name != "others")
            .map(|p| {
                if p.prefix.is_empty() {
                    p.name.clone()
                } else {
                    format!("{} {}", p.prefix, p.name)
                }
            })
            .collect();
        assert_eq!(csl_families, src_families, "{key}: CSL authors");
        let year = |e: &biblatex::Entry| {
            e.get("year")
                .or_else(|| e.get("date"))
                .map(|y| y.format_verbatim())
        };
        let src_year = year(src).or_else(|| {
            source
                .get("exc2020")
                .filter(|_| key == "example2020cross")
                .and_then(year)
        });
        assert_eq!(year(out), src_year, "{key}: year");
        assert_eq!(
            item["issued"]["date-parts"][0][0]
                .as_u64()
                .map(|y| y.to_string()),
            src_year,
            "{key}: CSL year"
        );
    }
    // Venues survive both ways.
    let venue = |key: &str, field: &str| {
        exported
            .get(key)
            .unwrap()
            .get(field)
            .unwrap()
            .format_verbatim()
    };
    assert_eq!(
        venue("example2023proofs", "booktitle"),
        "Proceedings of the Example Conference"
    );
    assert_eq!(venue("example2021types", "journal"), "Journal of Examples");
    assert_eq!(
        venue("example2015thesis", "school"),
        "Example Institute of Technology"
    );
    assert_eq!(
        csl.iter().find(|i| i["id"] == "example2021types").unwrap()["container-title"],
        "Journal of Examples"
    );
    assert_eq!(
        csl.iter().find(|i| i["id"] == "example2021types").unwrap()["type"],
        "article-journal"
    );
    // The abstract (Markdown in publications.yaml) travels as LaTeX in the .bib and as plain
    // text in CSL-JSON.
    let proofs = exported.get("example2023proofs").unwrap();
    assert_eq!(
        proofs.get("abstract").unwrap().format_verbatim(),
        "We prove \\emph{many} things at scale."
    );
    assert_eq!(
        csl.iter().find(|i| i["id"] == "example2023proofs").unwrap()["abstract"],
        "We prove many things at scale."
    );
    // A .bib per paper, equal to its entry in the whole file.
    let one = Bibliography::parse(&site.out("publications/example2023proofs.bib")).unwrap();
    assert_eq!(
        one.get("example2023proofs"),
        exported.get("example2023proofs")
    );
}

#[test]
fn paper_pages_carry_scholar_metadata() {
    let site = built();
    let page = site.out("publications/example2023proofs/index.html");
    assert_eq!(
        meta(&page, "citation_title"),
        ["Müller & Co – Proofs at Scale"]
    );
    assert_eq!(
        meta(&page, "citation_author"),
        ["Ada Example", "Grace Hopper", "Jörg Müller"]
    );
    assert_eq!(meta(&page, "citation_publication_date"), ["2023"]);
    assert_eq!(
        meta(&page, "citation_conference_title"),
        ["Proceedings of the Example Conference"]
    );
    assert!(meta(&page, "citation_journal_title").is_empty());
    assert_eq!(
        meta(&page, "citation_pdf_url"),
        ["https://bib.example.org/papers/proofs.pdf"]
    );
    assert_eq!(meta(&page, "citation_doi"), ["10.1000/xyz123"]);
    assert_eq!(meta(&page, "citation_arxiv_id"), ["2301.00001"]);
    assert_eq!(meta(&page, "og:type"), ["article"]);
    assert_eq!(
        meta(&page, "og:url"),
        ["https://bib.example.org/publications/example2023proofs/"]
    );
    let start = page
        .find("<script type=\"application/ld+json\">")
        .expect("JSON-LD")
        + "<script type=\"application/ld+json\">".len();
    let ld: Value =
        serde_json::from_str(&page[start..start + page[start..].find("</script>").unwrap()])
            .expect("JSON-LD parses");
    assert_eq!(ld["@type"], "ScholarlyArticle");
    assert_eq!(ld["headline"], "Müller & Co – Proofs at Scale");
    assert_eq!(ld["author"][1]["name"], "Grace Hopper");
    assert_eq!(ld["datePublished"], "2023");
    assert_eq!(
        ld["url"],
        "https://bib.example.org/publications/example2023proofs/"
    );
    assert_eq!(ld["sameAs"][0], "https://doi.org/10.1000/xyz123");
    // The journal article names its journal; a remote or missing PDF gives no citation_pdf_url.
    let article = site.out("publications/example2021types/index.html");
    assert_eq!(
        meta(&article, "citation_journal_title"),
        ["Journal of Examples"]
    );
    assert!(meta(&article, "citation_pdf_url").is_empty());
    // The page shows its BibTeX, with a copy button (for JavaScript) and a download.
    let text = text_of(&page);
    assert!(
        text.contains(
            "@inproceedings{example2023proofs, title = {{M}{\\\"u}ller \\& Co -- Proofs at {Scale}}"
        ),
        "{text}"
    );
    assert!(page.contains("data-copy=\"bibtex\" hidden"));
    assert!(page.contains("href=\"/publications/example2023proofs.bib\" download"));
    assert!(text.contains("We prove many things at scale."));
    assert!(page.contains("<a href=\"/publications/tag/verification/\">#verification</a>"));
}

#[test]
fn filters_work_without_javascript() {
    let site = built();
    let list = site.out("publications/index.html");
    for href in [
        "/publications/type/journal/",
        "/publications/type/thesis/",
        "/publications/tag/logic/",
    ] {
        assert!(
            list.contains(&format!("href=\"{href}\"")),
            "no filter link {href}"
        );
    }
    let journals = text_of(&site.out("publications/type/journal/index.html"));
    assert!(journals.contains("Publications: Journal articles"));
    assert!(journals.contains("Types for Everyone"));
    assert!(!journals.contains("Proofs at Scale: A Thesis"));
    let logic = text_of(&site.out("publications/tag/logic/index.html"));
    assert!(
        logic.contains("Müller & Co – Proofs at Scale") && !logic.contains("Types for Everyone")
    );
    // The script that filters in place reads these attributes.
    assert!(list.contains("data-type=\"journal\""));
    assert!(list.contains("data-tags=\"verification logic \""));
    assert!(site.out("js/publications.js").contains("data-filter"));
    // Filtered lists are not offered to search engines.
    assert!(!site.out("sitemap.xml").contains("/publications/type/"));
}

#[test]
fn keys_and_tags_without_letters_still_get_pages_of_their_own() {
    // biber takes any key; `..` or `#` gives no slug, and must not land on the list's address.
    let site = Site::copy_of(&fixture("bibtex"));
    site.write(
        "content/publications.bib",
        "@article{.., title = {Dots}, author = {Test, Ada}, journal = {J}, year = 2020, keywords = {#, C#}}\n\
         @article{#, title = {Hash}, author = {Test, Ada}, journal = {J}, year = 2021}\n",
    );
    std::fs::remove_file(site.path("content/publications.yaml")).unwrap();
    std::fs::remove_file(site.path("content/projects.yaml")).ok();
    site.build_ok();
    let list = site.out("publications/index.html");
    assert!(
        list.contains("<h1") && list.contains("Dots") && list.contains("Hash"),
        "the list page is the list"
    );
    let papers: Vec<String> = std::fs::read_dir(site.path("public/publications"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("paper-") && !n.ends_with(".bib"))
        .collect();
    assert_eq!(papers.len(), 2, "two pages: {papers:?}");
    for p in &papers {
        assert!(list.contains(&format!("/publications/{p}/")), "linked: {p}");
    }
    let tags: Vec<String> = std::fs::read_dir(site.path("public/publications/tag"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(tags.contains(&"c".to_string()), "{tags:?}");
    assert!(tags.iter().any(|t| t.starts_with("tag-")), "{tags:?}");
}

#[test]
fn a_site_with_many_tags_gets_pages_for_the_shared_ones() {
    // IEEE's keywords: a dozen per paper, most used once. Filter pages for all would repeat
    // the filters on every one of them: pages for the shared tags, the rest shown as text.
    let site = Site::copy_of(&fixture("bibtex"));
    std::fs::remove_file(site.path("content/publications.yaml")).unwrap();
    std::fs::remove_file(site.path("content/projects.yaml")).ok();
    let mut bib = String::new();
    for i in 0..10 {
        let own: Vec<String> = (0..6).map(|k| format!("Only {i} {k}")).collect();
        bib.push_str(&format!(
            "@article{{p{i}, title = {{Paper {i}}}, author = {{Test, Ada}}, journal = {{J}}, year = 2020, keywords = {{Shared, {}{}}}}}\n",
            own.join(", "),
            match i {
                // Written twice on one paper: still one paper's tag.
                0 => ", Even, Twice, twice",
                _ if i % 2 == 0 => ", Even",
                _ => "",
            }
        ));
    }
    site.write("content/publications.bib", bib);
    site.build_ok();
    let mut tags: Vec<String> = std::fs::read_dir(site.path("public/publications/tag"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    tags.sort();
    assert_eq!(tags, ["even", "shared"]);
    let paper = site.out("publications/p0/index.html");
    assert!(
        paper.contains("href=\"/publications/tag/shared/\">#Shared</a>"),
        "{paper}"
    );
    assert!(
        paper.contains("<li>#Only 0 1</li>"),
        "a tag without a page: {paper}"
    );
    let list = site.out("publications/index.html");
    assert!(!list.contains("only-0-1/"), "no filter for it");
}

/// Hostile values (issue 13): a brace in a link, a title, a DOI or an abstract cannot end a
/// field of `/publications.bib` and start another; the export reads back, by cvsite and by a
/// BibTeX parser, with the values as given.
#[test]
fn exported_bibtex_cannot_be_injected_into() {
    let site = Site::copy_of(&fixture("bibtex"));
    site.write(
        "content/publications.yaml",
        r#"- key: hostile2024
  title: "Braces } and { and }, note = {INJECTED"
  authors: ["Eve } Mallory"]
  venue: "Workshop }{ of Braces"
  year: 2024
  type: workshop
  abstract: "Math $x}$, note = {INJECTED2"
  links:
    project: "https://x.org/a}, note = {INJECTED3"
    doi: "10.1000/abc}def"
- key: hostile2025
  title: Escaped braces
  authors: [Eve Mallory]
  year: 2025
  type: workshop
  links:
    doi: '10.1/\{}, note = {INJECTED4}, x = {\}'
"#,
    );
    site.build_ok();
    let exported = site.out("publications.bib");
    let bib = Bibliography::parse(&exported).expect("the export parses");
    let entry = bib.get("hostile2024").expect("the entry is exported");
    assert!(
        entry.get("note").is_none(),
        "a value started a field of its own:\n{exported}"
    );
    let fields: Vec<&String> = entry.fields.keys().collect();
    for f in &fields {
        assert!(
            [
                "title",
                "author",
                "booktitle",
                "year",
                "doi",
                "url",
                "abstract"
            ]
            .contains(&f.as_str()),
            "unexpected field {f}:\n{exported}"
        );
    }
    assert_eq!(
        entry.get("url").unwrap().format_verbatim(),
        "https://x.org/a%7D, note = %7BINJECTED3"
    );
    assert_eq!(
        entry.get("doi").unwrap().format_verbatim(),
        "10.1000/abc%7Ddef"
    );
    // Balanced as BibTeX counts braces, not as a reader that skips `\{`: encoded too.
    let escaped = bib.get("hostile2025").expect("the entry is exported");
    assert!(escaped.get("note").is_none(), "{exported}");
    assert!(!exported.contains("INJECTED4}"), "{exported}");
    // cvsite reads its own export back, with the title as it was given.
    let again = Site::copy_of(&fixture("bibtex"));
    again.write("content/publications.bib", &exported);
    again.write("content/publications.yaml", "");
    again.build_ok();
    let page = text_of(&again.out("publications/hostile2024/index.html"));
    assert!(
        page.contains("Braces } and { and }, note = {INJECTED"),
        "title changed on the way back:\n{page}"
    );
}
