//! Opt-in services: visitor statistics and comments are in the pages only when configured, with
//! exactly the configured values; a setting that is not what the service gives is an error.

mod common;

use common::{Site, fixture};

/// Every service, configured (`tests/fixtures/services.yaml`).
fn all_services() -> String {
    std::fs::read_to_string(common::repo().join("tests/fixtures/services.yaml")).unwrap()
}

/// Every page of the output, by path.
fn pages(site: &Site) -> Vec<(String, String)> {
    common::snapshot(&site.path("public"))
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes).unwrap()))
        .collect()
}

#[test]
fn no_service_unless_configured() {
    let site = Site::copy_of(&fixture("full"));
    site.build_ok();
    for (path, html) in pages(&site) {
        for third in [
            "https://gc.zgo.at",
            "plausible.io",
            "umami",
            "googletagmanager",
            "giscus",
        ] {
            assert!(!html.contains(third), "{path} has {third}");
        }
    }
}

#[test]
fn configured_services_are_on_their_pages() {
    let site = Site::copy_of(&fixture("full"));
    let config = site.read("cvsite.yaml");
    site.write(
        "cvsite.yaml",
        format!("{config}\nlanguage: de\n{}", all_services()).replace("language: en-GB\n", ""),
    );
    site.build_ok();
    let all = pages(&site);
    assert!(all.len() > 10);
    for (path, html) in &all {
        for tag in [
            r#"<script data-goatcounter="https://ada-lab.goatcounter.com/count" async src="https://gc.zgo.at/count.js"></script>"#,
            r#"<script defer data-domain="ada.example.org" src="https://plausible.io/js/script.js"></script>"#,
            r#"<script defer src="https://cloud.umami.is/script.js" data-website-id="94db1cb1-74f4-4a40-ad6c-962362670409"></script>"#,
            r#"<script async src="https://www.googletagmanager.com/gtag/js?id=G-AB12CD34EF"></script>"#,
            r#"gtag("config","G-AB12CD34EF")"#,
        ] {
            assert!(html.contains(tag), "{path} lacks {tag}");
        }
        let is_post = path.starts_with("posts/") && path != "posts/index.html";
        assert_eq!(
            html.contains("https://giscus.app/client.js"),
            is_post,
            "{path}"
        );
        if is_post {
            for attr in [
                r#"data-repo="ada/site""#,
                r#"data-category="Announcements""#,
                r#"data-lang="de""#,
                r#"aria-label="Kommentare""#,
            ] {
                assert!(html.contains(attr), "{path} lacks {attr}");
            }
        }
    }
}

#[test]
fn a_setting_that_is_not_the_services_is_an_error_at_its_line() {
    let site = Site::copy_of(&fixture("full"));
    site.build_ok();
    let before = site.snapshot();
    let config = site.read("cvsite.yaml");
    let hostile = "analytics:\n  google: 'G-1\");alert(1);//'\n";
    site.write("cvsite.yaml", format!("{config}\n{hostile}"));
    let run = site.run(&["build"]);
    assert!(!run.ok());
    let line = config.lines().count() + 3;
    assert!(
        run.stderr.contains(&format!("cvsite.yaml:{line}:")),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("G-XXXXXXXXXX"), "{}", run.stderr);
    assert_eq!(site.snapshot(), before, "the last site is kept");

    site.write(
        "cvsite.yaml",
        format!("{config}\ncomments:\n  giscus: {{repo: ada, repo_id: R_1, category: A, category_id: D_1}}\n"),
    );
    let run = site.run(&["build"]);
    assert!(!run.ok());
    assert!(run.stderr.contains("owner/name"), "{}", run.stderr);
}
