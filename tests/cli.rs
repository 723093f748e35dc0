//! The command line: help, version, finding the site root, options.

mod common;

use common::{Site, fixture, run_in, text_of};

#[test]
fn help_explains_the_commands() {
    let r = run_in(std::env::temp_dir().as_path(), &["--help"]);
    assert!(r.ok());
    assert!(r.stdout.contains("Build the website"), "{}", r.stdout);
    let r = run_in(std::env::temp_dir().as_path(), &["build", "--help"]);
    for opt in [
        "--root",
        "--output",
        "--base-url",
        "--drafts",
        "--quiet",
        "--verbose",
    ] {
        assert!(
            r.stdout.contains(opt),
            "build --help lacks {opt}: {}",
            r.stdout
        );
    }
}

#[test]
fn version() {
    let r = run_in(std::env::temp_dir().as_path(), &["--version"]);
    assert_eq!(
        r.stdout.trim(),
        format!("cvsite {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn finds_the_site_root_from_a_sub_folder() {
    let site = Site::copy_of(&fixture("full"));
    let r = run_in(&site.path("content/pages"), &["build"]);
    assert!(r.ok(), "{}", r.stderr);
    assert!(site.path("public/index.html").is_file());
    assert!(!site.path("content/pages/public").exists());
}

#[test]
fn outside_a_site_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let r = run_in(dir.path(), &["build"]);
    assert_eq!(r.status, Some(1));
    assert!(
        r.stderr
            .contains("no cvsite.yaml here or in any folder above"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("--root"), "{}", r.stderr);
}

#[test]
fn root_and_output_options() {
    let site = Site::copy_of(&fixture("full"));
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("site-out");
    let r = run_in(
        elsewhere.path(),
        &[
            "build",
            "--root",
            site.root().to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
        ],
    );
    assert!(r.ok(), "{}", r.stderr);
    assert!(out.join("index.html").is_file());
    assert!(!site.path("public").exists());
}

#[test]
fn base_url_option_overrides_config_everywhere() {
    let site = Site::copy_of(&fixture("full"));
    assert!(
        site.run(&["build", "--base-url", "https://someone.github.io/repo"])
            .ok()
    );
    let home = site.out("index.html");
    assert!(home.contains("href=\"/repo/css/style.css\""), "{home}");
    assert!(home.contains("<link rel=\"canonical\" href=\"https://someone.github.io/repo/\">"));
    assert!(
        site.out("sitemap.xml")
            .contains("<loc>https://someone.github.io/repo/cv/</loc>")
    );
    assert!(
        site.out("robots.txt")
            .contains("Sitemap: https://someone.github.io/repo/sitemap.xml")
    );
    // Markdown links to site paths get the base path too.
    assert!(
        home.contains("href=\"/repo/about/\""),
        "footer link: {home}"
    );
    let bad = site.run(&["build", "--base-url", "someone.github.io"]);
    assert_eq!(bad.status, Some(1));
    assert!(
        bad.stderr
            .contains("--base-url: `someone.github.io` is not a full URL"),
        "{}",
        bad.stderr
    );
}

#[test]
fn drafts_only_with_the_flag() {
    let site = Site::copy_of(&fixture("full"));
    site.build_ok();
    assert!(!site.path("public/posts/secret").exists());
    assert!(!site.out("posts/index.html").contains("Secret draft"));
    assert!(site.run(&["build", "--drafts"]).ok());
    assert!(site.out("posts/secret/index.html").contains("Secret draft"));
}

#[test]
fn quiet_and_verbose() {
    let site = Site::copy_of(&fixture("full"));
    let normal = site.run(&["build"]);
    assert!(
        normal
            .stderr
            .contains("Page weight (HTML + CSS + scripts): home page /lab/"),
        "{}",
        normal.stderr
    );
    let q = site.run(&["build", "--quiet"]);
    assert!(
        q.ok() && q.stderr.is_empty() && q.stdout.is_empty(),
        "{}",
        q.stderr
    );
    let v = site.run(&["build", "--verbose"]);
    assert!(v.ok());
    for step in [
        "config",
        "content",
        "templates",
        "render",
        "commit",
        "Built 19 pages",
        "Transfer of each page",
    ] {
        assert!(v.stderr.contains(step), "{}", v.stderr);
    }
}

#[test]
fn github_pages_files() {
    let site = Site::copy_of(&fixture("full"));
    site.build_ok();
    assert_eq!(site.out("CNAME"), "ada.example.org\n");
    assert!(site.path("public/.nojekyll").is_file());
}

#[test]
fn every_fixture_feature_is_rendered() {
    let site = Site::copy_of(&fixture("full"));
    site.build_ok();
    let cv = text_of(&site.out("cv/index.html"));
    for fact in [
        "Young Researcher Award",
        "Example Society",
        "May 2022",
        "Proofs at Scale Invited",
        "Example Seminar, Online",
        "CS101 Introduction to Proofs",
        "Instructor, University of Nowhere",
        "Sep 2022 – Dec 2022",
        "Conference 2023: EXC Program Chair",
        "Languages OCaml, Rust",
        "Started the Verification Lab",
        "Worked with Alan Turing",
        "Remote from Gotham",
        "Bachelor of Science",
        "GPA: 4.0/4.0",
        "Best Thesis Award",
        "Best Paper Award",
        "Bob Coauthor*, Ada Example* and Carol Senior†",
        "* Equal contribution",
        "† Corresponding author",
        "Journal of Examples, 2021",
        "A Preprint in Progress",
    ] {
        assert!(cv.contains(fact), "/cv/ lacks {fact:?}:\n{cv}");
    }
    // News comes first: the config orders it so.
    assert!(cv.find("News").unwrap() < cv.find("Education").unwrap());
    let paper = site.out("publications/example2023proofs/index.html");
    for link in [
        "href=\"/lab/papers/proofs.pdf\"",
        "href=\"https://arxiv.org/abs/2301.00001\"",
        "href=\"https://doi.org/10.1000/xyz123\"",
        "href=\"https://carol.example.org/\"",
        "<em>many</em>",
    ] {
        assert!(paper.contains(link), "paper page lacks {link}");
    }
    assert!(paper.contains("<title>Proofs &amp; Refutations at Scale</title>"));
    let home = site.out("index.html");
    assert!(home.contains("src=\"/lab/images/ada.svg\""));
    assert!(home.contains("https://orcid.org/0000-0002-1825-0097"));
    assert!(home.contains("a &lt; b"), "text is escaped");
    let posts = text_of(&site.out("posts/index.html"));
    assert!(
        posts.contains("1 May 2024 Hello, world The first post."),
        "{posts}"
    );
    let nav = site.out("about/index.html");
    assert!(
        nav.contains("<a href=\"/lab/about/\" aria-current=\"page\">About the lab</a>"),
        "{nav}"
    );
    assert!(site.out("contact-us/index.html").contains("Write to"));
}

#[test]
fn feeds_and_sitemap_are_well_formed_xml() {
    let site = Site::copy_of(&fixture("full"));
    site.build_ok();
    let sitemap = site.out("sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).expect("sitemap parses");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(locs.contains(&"https://ada.example.org/lab/"));
    assert!(locs.contains(&"https://ada.example.org/lab/publications/example2023proofs/"));
    assert!(locs.contains(&"https://ada.example.org/lab/posts/hello-world/"));
    assert!(!locs.iter().any(|l| l.contains("404")));
    let atom = site.out("atom.xml");
    let feed = roxmltree::Document::parse(&atom).expect("atom parses");
    let titles: Vec<&str> = feed
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .filter_map(|e| {
            e.children()
                .find(|c| c.has_tag_name("title"))
                .and_then(|t| t.text())
        })
        .collect();
    assert_eq!(
        titles,
        [
            "Hello, world",
            "Started the Verification Lab.",
            "Paper accepted at EXC 2023."
        ]
    );
    let updated = feed
        .root_element()
        .children()
        .find(|c| c.has_tag_name("updated"))
        .unwrap()
        .text();
    assert_eq!(updated, Some("2024-05-01T00:00:00Z"));
    // The example site's feed and sitemap parse too.
    let example = Site::example();
    example.build_ok();
    roxmltree::Document::parse(&example.out("atom.xml")).expect("example atom parses");
    roxmltree::Document::parse(&example.out("sitemap.xml")).expect("example sitemap parses");
}

#[test]
fn builds_are_reproducible() {
    let site = Site::copy_of(&fixture("full"));
    site.build_ok();
    let first = site.snapshot();
    site.build_ok();
    assert_eq!(first, site.snapshot());
}
