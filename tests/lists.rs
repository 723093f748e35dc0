//! The lists on the home page, the CV and the publication pages: newest first unless the site
//! keeps the files' order, and a legend that explains only the marks a list shows.

mod common;

use common::{Site, fixture, text_of};

const PAPERS: &str = r#"
- key: example2023proofs
  title: The Older Selected Paper
  authors: [Ada Example, Bob Coauthor*]
  venue: Journal of Examples
  year: 2023
  type: journal
  selected: true
- key: example2021types
  title: The Newer Selected Paper
  authors: [Ada Example]
  venue: Proceedings of the Example Conference
  venue_short: EXC 2025
  year: 2025
  type: conference
  award: Best Paper Award
  selected: true
- key: example2026preprint
  title: The Selected Preprint
  authors: [Ada Example]
  type: preprint
  selected: true
"#;

const AWARDS: &str = r#"
- title: Older Award
  date: 2019
- title: Undated Award
- title: Newer Award
  date: 2024-05
"#;

fn site() -> Site {
    let site = Site::copy_of(&fixture("full"));
    site.write("content/publications.yaml", PAPERS);
    site.write("content/awards.yaml", AWARDS);
    site
}

/// The home page's text from its selected publications on.
fn selected(site: &Site) -> String {
    let home = text_of(&site.out("index.html"));
    home[home.find("Selected publications").expect("the section")..].to_string()
}

fn order(text: &str, items: &[&str]) -> Vec<usize> {
    items
        .iter()
        .map(|i| {
            text.find(i)
                .unwrap_or_else(|| panic!("{i} missing: {text}"))
        })
        .collect()
}

#[test]
fn dated_lists_are_newest_first_unless_as_written() {
    let site = site();
    site.build_ok();
    let home = selected(&site);
    let at = order(
        &home,
        &[
            "The Selected Preprint",
            "The Newer Selected Paper",
            "The Older Selected Paper",
        ],
    );
    assert!(
        at[0] < at[1] && at[1] < at[2],
        "selected papers newest first, an undated preprint first as on /publications/: {home}"
    );
    let cv = text_of(&site.out("cv/index.html"));
    let at = order(&cv, &["Newer Award", "Older Award", "Undated Award"]);
    assert!(
        at[0] < at[1] && at[1] < at[2],
        "awards newest first, undated last: {cv}"
    );

    site.edit("cvsite.yaml", "cv:\n", "list_order: as_written\ncv:\n");
    site.build_ok();
    let home = selected(&site);
    let at = order(
        &home,
        &["The Newer Selected Paper", "The Older Selected Paper"],
    );
    assert!(at[1] < at[0], "the file's order: {home}");
    let cv = text_of(&site.out("cv/index.html"));
    let at = order(&cv, &["Older Award", "Undated Award", "Newer Award"]);
    assert!(at[0] < at[1] && at[1] < at[2], "the file's order: {cv}");

    // A misspelt value is refused with the choices.
    site.edit(
        "cvsite.yaml",
        "list_order: as_written",
        "list_order: oldest",
    );
    let r = site.run(&["build"]);
    assert!(!r.ok());
    assert!(
        r.stderr.contains("list_order") && r.stderr.contains("as_written"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_legend_explains_only_the_marks_its_list_shows() {
    let site = site();
    site.build_ok();
    // The journal paper has an equal-contribution mark; the conference paper has none.
    let journal = site.out("publications/type/journal/index.html");
    assert!(journal.contains("Equal contribution"), "{journal}");
    let conference = site.out("publications/type/conference/index.html");
    assert!(
        !conference.contains("class=\"legend\""),
        "no starred paper, no legend: {conference}"
    );
    assert!(!journal.contains("Corresponding author"), "{journal}");
    // The home page's selected papers include the starred one.
    assert!(site.out("index.html").contains("Equal contribution"));
    // Starred, but not selected: the home page's list shows no star, so no legend.
    site.edit(
        "content/publications.yaml",
        "  type: journal\n  selected: true",
        "  type: journal",
    );
    site.build_ok();
    assert!(!site.out("index.html").contains("class=\"legend\""));
    assert!(
        site.out("publications/index.html")
            .contains("Equal contribution")
    );
}

#[test]
fn feed_ids_do_not_depend_on_the_list_order() {
    let site = Site::copy_of(&fixture("full"));
    site.write(
        "content/news.yaml",
        "- {date: 2023-01-01, text: Old.}\n- {date: 2024-01-01, text: New.}\n",
    );
    let ids = |site: &Site| -> Vec<String> {
        let mut ids: Vec<String> = site
            .out("atom.xml")
            .split("<id>")
            .skip(1)
            .map(|s| s[..s.find("</id>").unwrap()].to_string())
            .collect();
        ids.sort();
        ids
    };
    site.build_ok();
    let newest = ids(&site);
    site.edit("cvsite.yaml", "cv:\n", "list_order: as_written\ncv:\n");
    site.build_ok();
    assert_eq!(ids(&site), newest);
}

#[test]
fn the_home_page_shows_the_latest_news_and_news_has_them_all() {
    let site = Site::copy_of(&fixture("full"));
    let items: String = (1..=7)
        .map(|d| format!("- {{date: 2024-01-0{d}, text: \"Item number {d}.\"}}\n"))
        .collect();
    site.write("content/news.yaml", items);
    site.build_ok();
    let home = site.out("index.html");
    let text = text_of(&home);
    // The default limit: the five newest.
    for d in 3..=7 {
        assert!(text.contains(&format!("Item number {d}.")), "{text}");
    }
    for d in 1..=2 {
        assert!(!text.contains(&format!("Item number {d}.")), "{text}");
    }
    assert!(
        home.contains("<a href=\"/lab/news/\">All news <span class=\"arrow\" aria-hidden=\"true\">→</span></a>"),
        "{home}"
    );
    let all = text_of(&site.out("news/index.html"));
    let at = order(
        &all,
        &(1..=7)
            .rev()
            .map(|d| format!("Item number {d}."))
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    assert!(at.windows(2).all(|w| w[0] < w[1]), "newest first: {all}");
    assert!(site.out("sitemap.xml").contains("/lab/news/"));

    // Room for all: no link; 0: no news on the home page, /news/ still there.
    site.edit("cvsite.yaml", "cv:\n", "home: {news_limit: 10}\ncv:\n");
    site.build_ok();
    let home = site.out("index.html");
    assert!(text_of(&home).contains("Item number 1.") && !home.contains("All news"));
    site.edit("cvsite.yaml", "news_limit: 10", "news_limit: 0");
    site.build_ok();
    assert!(!text_of(&site.out("index.html")).contains("Item number"));
    assert!(text_of(&site.out("news/index.html")).contains("Item number 1."));
}

#[test]
fn publication_links_take_al_folio_s_keys() {
    let site = site();
    site.edit(
        "content/publications.yaml",
        "  type: conference\n",
        "  type: conference\n  links:\n    html: https://pub.example.org/p\n    supp: https://x.org/supp.pdf\n    blog: https://blog.example.org/p\n    github: https://github.com/ada/p\n    website: https://p.example.org/\n",
    );
    site.build_ok();
    let html = site.out("publications/index.html");
    for (label, url) in [
        ("HTML", "https://pub.example.org/p"),
        ("Supplement", "https://x.org/supp.pdf"),
        ("Blog", "https://blog.example.org/p"),
        ("Code", "https://github.com/ada/p"),
        ("Project", "https://p.example.org/"),
    ] {
        assert!(
            html.contains(&format!("<a href=\"{url}\">{label}</a>")),
            "{label}: {html}"
        );
    }
}

#[test]
fn papers_show_a_venue_badge_and_an_award_badge() {
    let site = site();
    site.build_ok();
    let html = site.out("publications/index.html");
    // The badge repeats the venue line for the eye only.
    assert!(
        html.contains("<span class=\"venue-badge\" aria-hidden=\"true\">EXC 2025</span>"),
        "{html}"
    );
    assert!(
        html.contains("(EXC 2025)"),
        "the venue line keeps it: {html}"
    );
    assert_eq!(
        html.matches("class=\"venue-badge\"").count(),
        1,
        "none without a short name"
    );
    assert!(
        html.contains("<strong class=\"award\">Best Paper Award</strong>"),
        "{html}"
    );
}

#[test]
fn the_publication_list_unfolds_abstracts_and_bibtex_in_place() {
    let site = site();
    site.edit(
        "content/publications.yaml",
        "  type: journal\n",
        "  type: journal\n  abstract: We prove *many* things about $x^2$.\n",
    );
    site.build_ok();
    let list = site.out("publications/index.html");
    // Without a script: <details>, the abstract as rich text, the entry as BibTeX.
    assert!(
        list.contains(
            "<details class=\"pub-toggle\"><summary>Abstract</summary><div class=\"pub-abstract\"><p>We prove <em>many</em> things about <math"
        ),
        "{list}"
    );
    assert_eq!(
        list.matches("<summary>Abstract</summary>").count(),
        1,
        "only the paper with one"
    );
    assert_eq!(
        list.matches("<summary>BibTeX</summary>").count(),
        3,
        "one for each paper: {list}"
    );
    assert!(list.contains("@article{example2023proofs,"), "{list}");
    // The filter pages are lists too; the home page's short list is not.
    let journal = site.out("publications/type/journal/index.html");
    assert!(journal.contains("<summary>Abstract</summary>"), "{journal}");
    assert!(!site.out("index.html").contains("<details"));
    // The paper's page keeps both, whatever the list shows.
    let page = |site: &Site| site.out("publications/example2023proofs/index.html");
    let with_toggles = page(&site);
    for needle in [
        "<h2 id=\"abstract\">Abstract</h2>",
        "@article{example2023proofs,",
    ] {
        assert!(with_toggles.contains(needle), "{needle}: {with_toggles}");
    }

    site.write(
        "cvsite.yaml",
        format!(
            "{}publications:\n  toggles: [bibtex]\n",
            site.read("cvsite.yaml")
        ),
    );
    site.build_ok();
    let list = site.out("publications/index.html");
    assert!(!list.contains("<summary>Abstract</summary>"), "{list}");
    assert_eq!(list.matches("<summary>BibTeX</summary>").count(), 3);
    assert_eq!(
        page(&site),
        with_toggles,
        "the paper's page does not change"
    );

    site.edit("cvsite.yaml", "toggles: [bibtex]", "toggles: []");
    site.build_ok();
    assert!(!site.out("publications/index.html").contains("<details"));
    assert_eq!(page(&site), with_toggles);

    // A typo is named with what is allowed.
    site.edit("cvsite.yaml", "toggles: []", "toggles: [abstracts]");
    let run = site.run(&["build"]);
    assert!(!run.ok());
    assert!(
        run.stderr.contains("abstracts") && run.stderr.contains("abstract"),
        "{}",
        run.stderr
    );
}

#[test]
fn projects_and_talks_have_their_own_pages_when_there_are_any() {
    let site = Site::copy_of(&fixture("full"));
    let mut photo = Vec::new();
    image::codecs::jpeg::JpegEncoder::new(&mut photo)
        .encode_image(&image::RgbImage::from_pixel(
            800,
            600,
            image::Rgb([40, 90, 160]),
        ))
        .unwrap();
    site.write("static/images/scale.jpg", &photo);
    site.edit(
        "content/projects.yaml",
        "  claim: Verification that **scales**.\n",
        "  claim: Verification that **scales**.\n  image: images/scale.jpg\n  description: Proofs *checked* by machine.\n",
    );
    // The same image as a paper's thumbnail: a file of its own size.
    site.edit(
        "content/publications.yaml",
        "- key: example2023proofs\n",
        "- key: example2023proofs\n  preview: images/scale.jpg\n",
    );
    site.write(
        "content/talks.yaml",
        "- title: An Older Talk\n  event: Workshop on Examples\n  date: 2021-05\n  video: https://video.example.org/1\n\
         - title: Proofs at Scale\n  event: Example Seminar\n  location: Online\n  date: 2023-03-10\n  invited: true\n  slides: https://example.org/slides.pdf\n",
    );
    site.build_ok();
    let projects = site.out("projects/index.html");
    for needle in [
        "<h2>ProofScale</h2>",
        "Verification that <strong>scales</strong>.",
        "<p>Proofs <em>checked</em> by machine.</p>",
        "<a href=\"/lab/publications/example2023proofs/\">",
        "<a href=\"/lab/publications/example2021types/\">",
        "<a href=\"https://proofscale.example.org/\">Website</a>",
        "class=\"card-image\" src=\"/lab/resized/scale-",
        "width=\"480\" height=\"270\"",
    ] {
        assert!(projects.contains(needle), "{needle}: {projects}");
    }
    // The card's picture is cropped to 16:9; the thumbnail keeps the 4:3 of the image.
    let papers = site.out("publications/index.html");
    assert!(papers.contains("width=\"96\" height=\"72\""), "{papers}");
    let src = |html: &str, class: &str| {
        let rest = html
            .split(&format!("class=\"{class}\" src=\""))
            .nth(1)
            .unwrap();
        rest[..rest.find('"').unwrap()].to_string()
    };
    let size = |url: &str| {
        let file = site.path(&format!("public/{}", url.strip_prefix("/lab/").unwrap()));
        image::image_dimensions(file).unwrap()
    };
    assert_eq!(size(&src(&projects, "card-image")), (480, 270));
    assert_eq!(size(&src(&papers, "pub-preview")), (96, 72));

    let talks = text_of(&site.out("talks/index.html"));
    let at = order(&talks, &["Proofs at Scale", "An Older Talk"]);
    assert!(at[0] < at[1], "newest first: {talks}");
    assert!(talks.contains("Invited") && talks.contains("Slides") && talks.contains("Video"));
    let home = site.out("index.html");
    for link in [
        "href=\"/lab/projects/\">Projects",
        "href=\"/lab/talks/\">Talks",
    ] {
        assert!(home.contains(link), "{link}: {home}");
    }
    let sitemap = site.out("sitemap.xml");
    assert!(sitemap.contains("/lab/projects/") && sitemap.contains("/lab/talks/"));

    // A CV variant that leaves the talks out (`exclude_tags`) still links to the site's page.
    site.write(
        "content/talks.yaml",
        "- title: A Minor Talk\n  event: Workshop on Examples\n  date: 2021-05\n  tags: [minor]\n",
    );
    site.build_ok();
    let variant = site.out("cv/short/index.html");
    assert!(!variant.contains("A Minor Talk"));
    assert!(variant.contains("href=\"/lab/talks/\">Talks"), "{variant}");

    // A page of the site at the same address wins, once in the menu: sites made before these
    // pages existed keep theirs.
    site.write(
        "content/pages/talks.md",
        "---\ntitle: My Talks\nmenu: true\n---\nSee the list.\n",
    );
    site.build_ok();
    assert!(site.out("talks/index.html").contains("See the list."));
    let home = site.out("index.html");
    assert_eq!(home.matches("href=\"/lab/talks/\"").count(), 1, "{home}");
    assert!(home.contains("href=\"/lab/talks/\">My Talks"), "{home}");
    std::fs::remove_file(site.path("content/pages/talks.md")).unwrap();

    // Nothing to show: no page, no menu entry, no link.
    site.write("content/projects.yaml", "[]\n");
    site.write("content/talks.yaml", "[]\n");
    site.build_ok();
    assert!(!site.path("public/projects").exists() && !site.path("public/talks").exists());
    let home = site.out("index.html");
    assert!(
        !home.contains("/lab/projects/") && !home.contains("/lab/talks/"),
        "{home}"
    );
    assert!(!site.out("sitemap.xml").contains("/lab/talks/"));
}
