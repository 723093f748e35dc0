//! Each kind of bad input gets a message with file, line, column and what was expected, exit
//! code 1, and leaves the previous output exactly as it was.

mod common;

use common::{Site, fixture};

/// Builds the site, breaks it with `breakage`, builds again: the second build must fail with
/// every `expected` text in its stderr, and `public/` must be byte-for-byte the first build.
fn assert_fails(site: &Site, breakage: impl FnOnce(&Site), expected: &[&str]) {
    site.build_ok();
    let before = site.snapshot();
    assert!(!before.is_empty());
    breakage(site);
    let r = site.run(&["build"]);
    assert_eq!(r.status, Some(1), "expected exit 1; stderr:\n{}", r.stderr);
    for e in expected {
        assert!(r.stderr.contains(e), "stderr lacks {e:?}:\n{}", r.stderr);
    }
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    assert_eq!(before, site.snapshot(), "the previous output changed");
    let leftovers = site.staging_leftovers();
    assert!(leftovers.is_empty(), "staging left behind: {leftovers:?}");
}

fn full() -> Site {
    Site::copy_of(&fixture("full"))
}

#[test]
fn yaml_syntax_error() {
    assert_fails(
        &full(),
        |s| {
            s.write(
                "content/skills.yaml",
                "Languages: [OCaml, Rust\nTools: [Coq]\n",
            )
        },
        &["content/skills.yaml:2:", "did not find expected ',' or ']'"],
    );
}

#[test]
fn unknown_field_suggests_the_closest() {
    let site = Site::example();
    assert_fails(
        &site,
        |s| {
            s.edit(
                "content/education.yaml",
                "  institution: Nanyang",
                "  instituton: Nanyang",
            )
        },
        &[
            "content/education.yaml:24:3: unknown field `instituton`, expected one of",
            "`institution`",
            "help: did you mean `institution`?",
        ],
    );
}

#[test]
fn wrong_type() {
    assert_fails(
        &full(),
        |s| {
            s.edit(
                "content/publications.yaml",
                "year: 2021",
                "year: twenty-one",
            )
        },
        &[
            "content/publications.yaml:24:9: invalid type: string \"twenty-one\", expected a whole number",
        ],
    );
}

#[test]
fn missing_required_field() {
    assert_fails(
        &full(),
        |s| {
            s.edit(
                "content/education.yaml",
                "  institution: Example College\n",
                "",
            )
        },
        &[
            "content/education.yaml:13:3: missing field `institution`",
            "help: add `institution:` to this entry",
        ],
    );
}

#[test]
fn publication_without_title_or_bibtex_entry() {
    assert_fails(
        &full(),
        |s| {
            s.edit(
                "content/publications.yaml",
                "  title: Types for Everyone\n",
                "",
            )
        },
        &[
            "content/publications.yaml:20:8: missing field `title` in publication `example2021types`",
            "help: add `title:` to the entry, or an entry with key `example2021types` to content/publications.bib",
        ],
    );
}

#[test]
fn malformed_date() {
    assert_fails(
        &full(),
        |s| {
            s.edit(
                "content/experience.yaml",
                "start: 2020-07",
                "start: 2020-13",
            )
        },
        &[
            "content/experience.yaml:15:10: invalid date `2020-13`: the month must be from 01 to 12",
            "expected a date like `2021`, `2021-07` or `2021-07-15`",
        ],
    );
}

#[test]
fn malformed_date_in_front_matter_counts_lines_from_the_top() {
    assert_fails(
        &full(),
        |s| {
            s.edit(
                "content/posts/2024-05-01-hello-world.md",
                "date: 2024-05-01",
                "date: May 1st",
            )
        },
        &["content/posts/2024-05-01-hello-world.md:3:7: invalid date `May 1st`"],
    );
}

#[test]
fn unknown_field_in_front_matter() {
    assert_fails(
        &full(),
        |s| s.edit("content/pages/about.md", "description:", "desciption:"),
        &[
            "content/pages/about.md:3:1: unknown field `desciption`",
            "did you mean `description`?",
        ],
    );
}

#[test]
fn unknown_publication_key_in_projects() {
    assert_fails(
        &full(),
        |s| {
            s.edit(
                "content/projects.yaml",
                "[example2023proofs,",
                "[example2023proof,",
            )
        },
        &[
            "content/projects.yaml:3:18: project `ProofScale` links to publication `example2023proof`",
            "did you mean `example2023proofs`?",
        ],
    );
}

#[test]
fn two_pages_with_the_same_url() {
    assert_fails(
        &full(),
        |s| {
            s.write(
                "content/pages/other.md",
                "---\ntitle: Other\nslug: about\n---\nx\n",
            )
        },
        &[
            "two pages would be written to the same URL /about/",
            "content/pages/about.md",
            "content/pages/other.md",
        ],
    );
}

#[test]
fn page_that_would_replace_a_builtin_page() {
    assert_fails(
        &full(),
        |s| s.write("content/pages/cv.md", "---\ntitle: My CV\n---\nx\n"),
        &["content/pages/cv.md:1:1: two pages would be written to the same URL /cv/"],
    );
}

#[test]
fn template_syntax_error() {
    assert_fails(
        &full(),
        |s| {
            s.write("templates/page.html", "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ doc.title }</p>\n{% endblock content %}\n")
        },
        &["templates/page.html:3:", "template syntax error"],
    );
}

#[test]
fn template_runtime_error_names_template_and_line() {
    assert_fails(
        &full(),
        |s| {
            s.write("templates/page.html", "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ doc.titel }}</p>\n{% endblock content %}\n")
        },
        &[
            "templates/page.html:3:11: template error: Field `titel` is not defined",
            "did you mean `title`?",
        ],
    );
}

#[test]
fn file_that_is_not_utf8() {
    assert_fails(
        &full(),
        |s| s.write("content/awards.yaml", b"- title: Prix d'\xe9t\xe9\n"),
        &["content/awards.yaml:1:17: the file is not valid UTF-8"],
    );
}

#[test]
fn several_problems_are_reported_together() {
    assert_fails(
        &full(),
        |s| {
            s.edit("content/awards.yaml", "title:", "titl:");
            s.edit("content/talks.yaml", "date: 2023-03-10", "date: 2023-3-10");
        },
        &[
            "content/awards.yaml:1:3: unknown field `titl`",
            "content/talks.yaml:4:9: invalid date",
            "the site has 2 problems",
        ],
    );
}

#[test]
fn missing_photo() {
    assert_fails(
        &full(),
        |s| {
            s.edit(
                "content/profile.yaml",
                "photo: images/ada.svg",
                "photo: images/ada.jpg",
            )
        },
        &["content/profile.yaml:4:8: the photo `images/ada.jpg` is not in static/"],
    );
}

#[test]
fn unknown_cv_section() {
    assert_fails(
        &full(),
        |s| s.edit("cvsite.yaml", "[news, education,", "[news, educaton,"),
        &[
            "cvsite.yaml:8:20: unknown variant `educaton`",
            "did you mean `education`?",
        ],
    );
}

#[test]
fn bad_base_url() {
    assert_fails(
        &full(),
        |s| {
            s.edit(
                "cvsite.yaml",
                "base_url: https://ada.example.org/lab/",
                "base_url: ada.example.org",
            )
        },
        &["cvsite.yaml:3:11: `ada.example.org` is not a full URL"],
    );
}

#[test]
fn missing_profile() {
    assert_fails(
        &full(),
        |s| std::fs::remove_file(s.path("content/profile.yaml")).unwrap(),
        &["content/profile.yaml:1:1: the file is missing"],
    );
}

#[test]
fn dangerous_output_folders_are_refused() {
    let site = full();
    site.build_ok();
    let before = site.snapshot();
    let parent = site.root().parent().unwrap().to_str().unwrap().to_string();
    for (out, why) in [
        (".", "that is the site's own folder"),
        ("..", "it contains the site's sources"),
        (parent.as_str(), "it contains the site's sources"),
        ("/", "file system root"),
        ("content", "it is inside the site's content/ folder"),
        ("content/public", "inside the site's content/ folder"),
        ("static", "inside the site's static/ folder"),
    ] {
        let r = site.run(&["build", "--output", out]);
        assert_eq!(r.status, Some(1), "--output {out}: {}", r.stderr);
        assert!(r.stderr.contains(why), "--output {out}: {}", r.stderr);
    }
    // A folder of the user's own files is never replaced.
    site.write("docs/thesis.tex", "precious");
    let r = site.run(&["build", "--output", "docs"]);
    assert_eq!(r.status, Some(1));
    assert!(
        r.stderr.contains("it has files that cvsite did not write"),
        "{}",
        r.stderr
    );
    assert_eq!(site.read("docs/thesis.tex"), "precious");
    assert_eq!(before, site.snapshot());
    assert!(site.path("content/profile.yaml").is_file());
}

fn bib() -> Site {
    Site::copy_of(&fixture("bibtex"))
}

#[test]
fn bibtex_unclosed_brace() {
    assert_fails(
        &bib(),
        |s| {
            s.edit(
                "content/publications.bib",
                "pages     = {1--10},",
                "pages     = {1--10,",
            )
        },
        &[
            "content/publications.bib:19:1: malformed BibTeX in entry `example2023proofs`: expected comma",
            "a brace or quote left open",
        ],
    );
}

#[test]
fn bibtex_missing_comma() {
    assert_fails(
        &bib(),
        |s| {
            s.edit(
                "content/publications.bib",
                "volume  = {12},",
                "volume  = {12}",
            )
        },
        &[
            "content/publications.bib:25:3: malformed BibTeX in entry `example2021types`: expected comma",
        ],
    );
}

#[test]
fn bibtex_unknown_string_macro_is_a_warning_as_in_bibtex() {
    // BibTeX warns and goes on; so does cvsite, showing the abbreviation's name.
    let site = bib();
    site.edit(
        "content/publications.bib",
        "journal = jex,",
        "journal = jexx,",
    );
    let r = site.build_ok();
    assert!(
        r.stderr.contains(
            "warning: content/publications.bib:22:13: no @string defines `jexx` (used by entry `example2021types`): its name is shown"
        ),
        "{}",
        r.stderr
    );
    assert!(
        site.out("publications/example2021types/index.html")
            .contains("jexx")
    );
}

#[test]
fn bibtex_duplicate_key_keeps_the_first_and_warns() {
    // As biber does: a warning naming both lines, and the first entry kept.
    let site = bib();
    site.edit(
        "content/publications.bib",
        "@article{example2021types,",
        "@article{example2023proofs,",
    );
    let r = site.build_ok();
    assert!(
        r.stderr.contains(
            "warning: content/publications.bib:19: entry `example2023proofs` has the same key as the entry on line 5: the first is kept"
        ),
        "{}",
        r.stderr
    );
    let page = site.out("publications/example2023proofs/index.html");
    assert!(page.contains("Proofs at Scale"), "the first entry is kept");
    assert!(
        !site
            .out("publications/index.html")
            .contains("Types for Everyone")
    );
}

#[test]
fn bibtex_entry_without_title() {
    assert_fails(
        &bib(),
        |s| {
            s.edit(
                "content/publications.bib",
                "  title  = {The Example Dataset},\n",
                "",
            )
        },
        &["content/publications.bib:56:10: BibTeX entry `example2022data` has no title"],
    );
}

#[test]
fn colliding_bibtex_entries_are_blamed_on_the_bib_file() {
    // `example-2015x` and `example_2015x` give the same URL slug.
    let site = bib();
    let text = format!(
        "{}\n@misc{{example-2015x,\n  title = {{Again}},\n  author = {{Ada Example}},\n  year = {{2015}}\n}}\n\n@misc{{example_2015x,\n  title = {{Once more}},\n  author = {{Ada Example}},\n  year = {{2016}}\n}}\n",
        site.read("content/publications.bib")
    );
    let line = text
        .lines()
        .position(|l| l.starts_with("@misc{example_2015x"))
        .unwrap()
        + 1;
    let expected = format!(
        "content/publications.bib:{line}:1: two pages would be written to the same URL /publications/example-2015x/"
    );
    assert_fails(
        &site,
        |s| s.write("content/publications.bib", &text),
        &[&expected],
    );
}

#[test]
fn bad_slug_is_pointed_at_where_it_is_set() {
    // The same words in the title come first: the error must still point at `slug:`.
    assert_fails(
        &full(),
        |s| {
            s.write(
                "content/pages/contact.md",
                "---\ntitle: Contact Us\nslug: Contact Us\n---\nWrite to us.\n",
            )
        },
        &[
            "content/pages/contact.md:3:7: `Contact Us` is not a valid slug",
            "e.g. `contact-us`",
        ],
    );
}

#[test]
fn bad_variant_name_is_pointed_at_its_key() {
    // The name also appears earlier, in the description: the error points at the key.
    assert_fails(
        &full(),
        |s| {
            s.edit(
                "cvsite.yaml",
                "description: Homepage",
                "description: Short homepage",
            );
            s.edit("cvsite.yaml", "    short:\n", "    Short:\n");
        },
        &["cvsite.yaml:10:5: `Short` cannot name a CV variant: it becomes the URL /cv/Short/"],
    );
}

#[test]
fn a_static_file_named_like_a_pages_folder() {
    // static/about (no extension) and the page /about/ cannot both be written.
    assert_fails(
        &full(),
        |s| s.write("static/about", "notes"),
        &[
            "static/about:1:1: this file takes the name of the folder /about/, which content/pages/about.md:1 needs for its page",
        ],
    );
}

#[test]
fn a_content_link_to_a_file_outside_the_site_is_refused() {
    // A cloned repository can carry such a link: its target must never be published.
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.md");
    std::fs::write(&secret, "root:x:0:0:the secret\n").unwrap();
    let site = full();
    assert_fails(
        &site,
        |s| {
            std::fs::remove_file(s.path("content/bio.md")).unwrap();
            std::os::unix::fs::symlink(&secret, s.path("content/bio.md")).unwrap();
        },
        &[
            "content/bio.md:1:1: this file links to",
            "outside the site folder: cvsite does not read it",
            "help: copy the file into the site",
        ],
    );
    let post = outside.path().join("post.md");
    std::fs::write(
        &post,
        "---\ntitle: Elsewhere\ndate: 2024-01-01\n---\nSecret post.\n",
    )
    .unwrap();
    let site = full();
    assert_fails(
        &site,
        |s| std::os::unix::fs::symlink(&post, s.path("content/posts/2024-01-01-x.md")).unwrap(),
        &["content/posts/2024-01-01-x.md:1:1: this file links to"],
    );
}

#[test]
fn a_content_link_inside_the_site_is_followed() {
    let site = full();
    site.write(
        "drafts/linked.md",
        "---\ntitle: A Linked Post\ndate: 2024-01-01\n---\nWritten elsewhere in the site.\n",
    );
    std::os::unix::fs::symlink(
        site.path("drafts/linked.md"),
        site.path("content/posts/2024-01-01-linked.md"),
    )
    .unwrap();
    site.build_ok();
    assert!(
        site.out("posts/linked/index.html")
            .contains("Written elsewhere in the site.")
    );
}

#[test]
fn an_error_next_to_a_huge_line_prints_no_huge_snippet() {
    // A snippet shows whole lines: next to a 300 KB line it printed all of it.
    let site = full();
    let huge = format!("Tools: [{}\nLanguages: [OCaml]\n", "Coq, ".repeat(60_000));
    assert_fails(
        &site,
        |s| s.write("content/skills.yaml", &huge),
        &["content/skills.yaml:2:"],
    );
    let r = site.run(&["build"]);
    assert!(r.stderr.len() < 5_000, "{} bytes of error", r.stderr.len());
    // An ordinary error keeps its snippet.
    site.write("content/skills.yaml", "Tools: [Coq\nLanguages: [OCaml]\n");
    let r = site.run(&["build"]);
    assert!(r.stderr.contains("Tools: [Coq"), "{}", r.stderr);
}

#[test]
fn a_huge_wrong_value_is_not_quoted_whole() {
    // serde quotes a value of the wrong type in full: a 5 MB string was printed whole.
    let site = full();
    let huge = format!("Tools: {}\n", "a".repeat(5_000_000));
    assert_fails(
        &site,
        |s| s.write("content/skills.yaml", &huge),
        &["content/skills.yaml:1:8: invalid type: string \"aaaa", "…"],
    );
    let r = site.run(&["build"]);
    assert!(r.stderr.len() < 5_000, "{} bytes of error", r.stderr.len());
}

#[test]
fn a_content_file_too_large_to_be_one_is_refused_unread() {
    let site = full();
    assert_fails(
        &site,
        // A sparse file: 200 MB long, no disk used, nothing worth reading.
        |s| {
            let f = std::fs::File::create(s.path("content/publications.bib")).unwrap();
            f.set_len(200 << 20).unwrap();
        },
        &[
            "content/publications.bib:1:1: the file is 200 MB: cvsite reads text files of up to 100 MB",
        ],
    );
}

#[test]
fn backup_copies_in_content_are_left_alone() {
    // Unknown names are errors, but a copy kept aside by hand is not a misnamed file.
    let site = full();
    site.write("content/publications.yaml.bak", "not: read\n");
    site.write("content/skills.yaml.orig", "not: read\n");
    site.build_ok();
    site.write("content/skills.yml", "Tools: [Coq]\n");
    let r = site.run(&["build"]);
    assert_eq!(r.status, Some(1), "{}", r.stderr);
    assert!(!r.stderr.contains(".bak"), "{}", r.stderr);
}

#[test]
fn an_unclosed_markdown_link_is_a_warning_naming_its_place() {
    // Markdown prints `[text](https://…` without its `)` as text, silently.
    let site = full();
    site.edit(
        "content/news.yaml",
        "[Verification Lab](https://lab.example.org/).",
        "[Verification Lab](https://lab.example.org/ and more.",
    );
    site.edit(
        "content/pages/about.md",
        "We work on *verification*.",
        "We work on *verification*, see [the wiki](/about/.",
    );
    let r = site.run(&["build", "--no-pdf"]);
    assert!(r.ok(), "{}", r.stderr);
    for expected in [
        "warning: content/news.yaml:4:21: the Markdown link `[Verification Lab](https://lab.example.org/ and mo` is not closed",
        "warning: content/pages/about.md:8:32: the Markdown link `[the wiki](/about/.` is not closed",
    ] {
        assert!(r.stderr.contains(expected), "{}", r.stderr);
    }
    // Closed links, and brackets that are no links, say nothing.
    let site = full();
    site.edit(
        "content/news.yaml",
        "Paper accepted",
        "See [1] and [a](https://x.org) (c",
    );
    let r = site.run(&["build", "--no-pdf"]);
    assert!(r.ok() && !r.stderr.contains("warning"), "{}", r.stderr);
}

#[test]
fn a_cv_variant_whose_tags_match_nothing_is_a_warning() {
    // An almost empty CV, built without a word, was what a misspelt tag gave.
    let site = full();
    site.edit(
        "cvsite.yaml",
        "      selected_publications: true",
        "      selected_publications: true\n    industry:\n      include_tags: [verificaton]\n      exclude_tags: [minr]",
    );
    let r = site.run(&["build", "--no-pdf"]);
    assert!(r.ok(), "{}", r.stderr);
    for expected in [
        "warning: cvsite.yaml:16:22: CV variant `industry`: no entry is tagged `verificaton` (did you mean `verification`?); it keeps only tagged entries, so its CV has none",
        "warning: cvsite.yaml:17:22: CV variant `industry`: no entry is tagged `minr` (did you mean `minor`?)",
    ] {
        assert!(r.stderr.contains(expected), "{}", r.stderr);
    }
    // Tags some entry has: no warning.
    site.edit("cvsite.yaml", "[verificaton]", "[Verification]");
    site.edit("cvsite.yaml", "[minr]", "[minor]");
    let r = site.run(&["build", "--no-pdf"]);
    assert!(r.ok() && !r.stderr.contains("warning"), "{}", r.stderr);
}
