//! Posts and pages for technical writing: formulas as MathML, code highlighted at build time,
//! footnotes gathered at the end, task lists; and formulas in the CV's own Markdown fields.

mod common;

use common::{Site, fixture};

/// The fixture's post (`content/posts/2024-05-01-hello-world.md`) uses each of them.
fn post() -> String {
    let site = Site::copy_of(&fixture("full"));
    site.build_ok();
    site.out("posts/hello-world/index.html")
}

#[test]
fn formulas_become_mathml_and_dollar_amounts_stay_text() {
    let html = post();
    assert!(
        html.contains("<math") && html.contains("display=\"block\""),
        "inline and display math: {html}"
    );
    assert!(html.contains("<mi>α</mi>"), "the LaTeX is typeset: {html}");
    assert!(
        !html.contains("$L(N)") && !html.contains("$$"),
        "no raw delimiters left: {html}"
    );
    assert!(
        html.contains("costs $5 and not $10."),
        "a dollar amount is not a formula: {html}"
    );
}

#[test]
fn code_blocks_are_highlighted_and_escaped() {
    let html = post();
    assert!(
        html.contains("<pre class=\"code\"><code class=\"language-python\">"),
        "{html}"
    );
    assert!(html.contains("<span class=\"k\">def </span>"), "{html}");
    assert!(
        html.contains("<span class=\"c\"># &lt;not html&gt;"),
        "{html}"
    );
    assert!(
        html.contains("<span class=\"k\">fn </span>"),
        "rust too: {html}"
    );
    assert!(!html.contains("<not html>"));
}

#[test]
fn footnotes_are_numbered_at_the_end_with_links_both_ways() {
    let html = post();
    let body_end = html
        .find("<section class=\"footnotes\"")
        .expect("a notes section");
    let body = &html[..body_end];
    let notes = &html[body_end..];
    assert!(
        body.contains("<sup class=\"fnref\"><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup>"),
        "{body}"
    );
    assert!(
        body.contains("<a href=\"#fn-2\" id=\"fnref-2\">2</a>"),
        "{body}"
    );
    assert!(
        !body.contains("Kaplan et al."),
        "the note's text is not where it was written: {body}"
    );
    let first = notes.find("id=\"fn-1\"").expect("note 1");
    let second = notes.find("id=\"fn-2\"").expect("note 2");
    assert!(first < second, "in order of reference: {notes}");
    assert!(
        notes.contains("Kaplan et al., 2020, with <em>emphasis</em>. <a href=\"#fnref-1\""),
        "the back link ends the note's paragraph: {notes}"
    );
}

#[test]
fn task_lists_tables_and_quotes() {
    let html = post();
    assert!(
        html.contains(
            "<input type=\"checkbox\" disabled checked aria-label=\"done\"> Write the post"
        ),
        "{html}"
    );
    assert!(
        html.contains("<input type=\"checkbox\" disabled aria-label=\"to do\"> Review it"),
        "{html}"
    );
    assert!(html.contains("<table>") && html.contains("<blockquote>"));
}

#[test]
fn math_in_cv_fields_and_titles() {
    let site = Site::copy_of(&fixture("full"));
    site.edit(
        "content/bio.md",
        "",
        "We study $O(n \\log n)$ sorting; grants of $5M and $3M.\n\n",
    );
    site.build_ok();
    let home = site.out("index.html");
    assert!(
        home.contains("<mi>log</mi>") || home.contains("<mi>log"),
        "{home}"
    );
    assert!(home.contains("grants of $5M and $3M."), "{home}");

    // A title in publications.yaml: its formula is typeset; a `*` or a price stays text.
    site.edit(
        "content/publications.yaml",
        "  title: Types for Everyone\n",
        "  title: 'Certified $\\ell_\\infty$ Types for Everyone'\n",
    );
    site.edit(
        "content/publications.yaml",
        "  title: A Preprint in Progress\n",
        "  title: 'A* Search for $5 or $10'\n",
    );
    site.build_ok();
    let list = site.out("publications/index.html");
    let title = |slug: &str| {
        let at = list
            .find(&format!("href=\"/lab/publications/{slug}/\">"))
            .unwrap();
        list[at..at + list[at..].find("</a>").unwrap()].to_string()
    };
    let certified = title("example2021types");
    assert!(
        certified.contains("Certified <math") && certified.contains("<mi>ℓ</mi>"),
        "{certified}"
    );
    assert!(
        certified.ends_with("</math> Types for Everyone"),
        "{certified}"
    );
    assert!(
        title("example2024draft").ends_with(">A* Search for $5 or $10"),
        "{list}"
    );
    let page = site.out("publications/example2021types/index.html");
    assert!(page.contains("<h1>Certified <math"), "{page}");
    // Where a title is text, the formula is Unicode; in BibTeX, LaTeX.
    assert!(
        page.contains("<title>Certified ℓ∞ Types for Everyone"),
        "{page}"
    );
    let bib = site.out("publications/example2021types.bib");
    assert!(
        bib.contains("title = {Certified $\\ell_\\infty$ Types for Everyone}"),
        "{bib}"
    );
    assert!(
        site.out("publications/example2024draft.bib")
            .contains("title = {A* Search for \\$5 or \\$10}")
    );
}
