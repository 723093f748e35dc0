//! `search: true`: a search page and the index it loads, made of the site's papers, posts and
//! pages; nothing of it without the setting. (The browser suite types into the page.)

mod common;

use common::{Site, fixture};

fn index(site: &Site) -> Vec<serde_json::Value> {
    serde_json::from_str(&site.out("search.json")).expect("the index is JSON")
}

#[test]
fn the_search_page_and_its_index_come_with_the_setting() {
    let site = Site::copy_of(&fixture("full"));
    site.build_ok();
    assert!(!site.path("public/search.json").exists());
    assert!(!site.path("public/search/index.html").exists());
    assert!(!site.out("index.html").contains("/lab/search/"));

    site.write(
        "cvsite.yaml",
        format!("{}search: true\n", site.read("cvsite.yaml")),
    );
    // A long post: its words are indexed up to a limit, cut at a word.
    let long = "verification ".repeat(400);
    site.write(
        "content/posts/2024-03-01-long.md",
        format!("---\ntitle: A Long Post\ndate: 2024-03-01\n---\nThe *first* words, `code` and $x^2$.\n\n{long}\n\nThe last words.\n"),
    );
    site.build_ok();
    let entries = index(&site);
    let kinds: Vec<&str> = entries.iter().map(|e| e["k"].as_str().unwrap()).collect();
    assert!(
        kinds.contains(&"Paper") && kinds.contains(&"Post") && kinds.contains(&"Page"),
        "{kinds:?}"
    );
    let paper = entries
        .iter()
        .find(|e| e["u"] == "/lab/publications/example2023proofs/")
        .expect("a paper, at its page's address");
    assert_eq!(paper["t"], "Proofs & Refutations at Scale");
    assert!(
        paper["m"].as_str().unwrap().contains("Ada Example"),
        "{paper}"
    );
    assert!(
        paper["x"]
            .as_str()
            .unwrap()
            .contains("We prove many things"),
        "{paper}"
    );
    let post = entries.iter().find(|e| e["t"] == "A Long Post").unwrap();
    let words = post["x"].as_str().unwrap();
    assert!(
        words.starts_with("The first words, code and x^2. verification"),
        "{words}"
    );
    assert!(
        !words.contains("last words") && words.len() <= 1200,
        "{}",
        words.len()
    );
    assert!(words.ends_with("verification"), "cut at a word: {words}");
    // Every address is a page of the site.
    for e in &entries {
        let rel = e["u"].as_str().unwrap().strip_prefix("/lab/").unwrap();
        assert!(
            site.path(&format!("public/{rel}index.html")).is_file(),
            "{e}"
        );
    }

    let page = site.out("search/index.html");
    assert!(page.contains("data-index=\"/lab/search.json\""), "{page}");
    assert!(page.contains("src=\"/lab/js/search.js\""), "{page}");
    assert!(
        site.out("index.html")
            .contains("href=\"/lab/search/\">Search")
    );
    assert!(
        !site.out("sitemap.xml").contains("/lab/search/"),
        "no page for crawlers"
    );
    // The index is loaded by the search page alone.
    assert!(!site.out("index.html").contains("search.js"));
}
