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
  year: 2025
  type: conference
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
        &["The Newer Selected Paper", "The Older Selected Paper"],
    );
    assert!(at[0] < at[1], "selected papers newest first: {home}");
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
    site.edit("content/publications.yaml", "Bob Coauthor*", "Bob Coauthor");
    site.build_ok();
    assert!(!site.out("index.html").contains("class=\"legend\""));
}
