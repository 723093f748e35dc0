//! `cvsite check`, and a crawl of a project-site build: every internal reference resolves under
//! the base path.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{Site, fixture};

#[test]
fn check_passes_on_the_example_and_fixtures() {
    for site in [
        Site::example(),
        Site::copy_of(&fixture("full")),
        Site::copy_of(&fixture("bibtex")),
    ] {
        let r = site.run(&["check"]);
        assert!(r.ok(), "{}", r.stderr);
        assert!(r.stderr.contains("no problems"), "{}", r.stderr);
        assert!(!site.path("public").exists(), "check writes nothing");
    }
}

#[test]
fn check_finds_broken_links_anchors_and_files_with_their_source() {
    let site = Site::copy_of(&fixture("full"));
    site.edit(
        "content/pages/about.md",
        "We work on *verification*.",
        "We work on *verification*.\nSee [our old page](/old-page/).",
    );
    site.edit(
        "content/bio.md",
        "proofs where",
        "proofs ([details](/cv/#nowhere)) where",
    );
    site.edit(
        "content/publications.yaml",
        "pdf: papers/proofs.pdf",
        "pdf: papers/missing.pdf",
    );
    // The same targets in a comment, first in the file: a comment is not the link.
    site.edit(
        "content/publications.yaml",
        "- key: example2023proofs",
        "# was papers/missing.pdf, then /old-page/\n- key: example2023proofs",
    );
    let r = site.run(&["check"]);
    assert_eq!(r.status, Some(1), "{}", r.stderr);
    let err = &r.stderr;
    assert!(
        err.contains("content/pages/about.md:9:5: broken link /lab/old-page/"),
        "{err}"
    );
    assert!(
        err.contains(
            "content/bio.md:1:56: broken anchor /lab/cv/#nowhere: no element with id \"nowhere\""
        ),
        "{err}"
    );
    assert!(
        err.contains("content/publications.yaml:14:10: broken link /lab/papers/missing.pdf"),
        "{err}"
    );
    assert!(err.contains("3 problem(s)"), "{err}");
}

#[test]
fn external_links_are_only_checked_when_asked() {
    // A tiny web server on loopback stands in for the outside world.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        use std::io::{Read, Write};
        for stream in listener.incoming().take(8) {
            let Ok(mut s) = stream else { continue };
            let mut buf = [0u8; 2048];
            let n = s.read(&mut buf).unwrap_or(0);
            let request = String::from_utf8_lossy(&buf[..n]);
            let status = if request.contains(" /alive ") {
                "200 OK"
            } else {
                "404 Not Found"
            };
            let _ = write!(
                s,
                "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    });
    let site = Site::copy_of(&fixture("bibtex"));
    let bio = format!(
        "See [a live page](http://127.0.0.1:{port}/alive) and [a dead one](http://127.0.0.1:{port}/gone).\n"
    );
    let column = bio.find("[a dead one]").unwrap() + 1;
    site.write("content/bio.md", &bio);
    let r = site.run(&["check"]);
    assert!(
        r.ok() && !r.stderr.contains("external"),
        "not checked without --external: {}",
        r.stderr
    );
    let r = site.run(&["check", "--external"]);
    assert_eq!(r.status, Some(1), "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!(
            "content/bio.md:1:{column}: external link http://127.0.0.1:{port}/gone answers HTTP 404"
        )),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("/alive answers"), "{}", r.stderr);
}

/// Every file of a built site.
fn outputs(dir: &Path) -> BTreeSet<String> {
    common::snapshot(dir).into_keys().collect()
}

#[test]
fn a_project_site_crawls_clean_under_its_base_path() {
    let site = Site::copy_of(&fixture("full"));
    let r = site.run(&["build", "--base-url", "https://someone.github.io/project"]);
    assert!(r.ok(), "{}", r.stderr);
    let public = site.path("public");
    let files = outputs(&public);
    let mut checked = 0;
    for page in files
        .iter()
        .filter(|f| f.ends_with(".html") || f.ends_with(".xml") || f.ends_with(".txt"))
    {
        let text = std::fs::read_to_string(public.join(page)).unwrap();
        // Every attribute and XML element that holds a URL of the site.
        let mut refs = Vec::new();
        for marker in [
            "href=\"",
            "src=\"",
            "content=\"https://someone.github.io",
            "<loc>",
            "<id>",
            "Sitemap: ",
        ] {
            let mut rest = text.as_str();
            while let Some(at) = rest.find(marker) {
                rest = &rest[at + marker.len()..];
                let end = rest.find(['"', '<', '\n']).unwrap_or(rest.len());
                let value = &rest[..end];
                let value = if marker.starts_with("content=") {
                    format!("https://someone.github.io{value}")
                } else {
                    value.to_string()
                };
                refs.push(value);
            }
        }
        for r in refs {
            let path = match r.strip_prefix("https://someone.github.io") {
                Some(p) => p.to_string(),
                None if r.starts_with('/') && !r.starts_with("//") => r.clone(),
                None => continue, // external, mailto:, #anchor
            };
            let path = path.split('#').next().unwrap().to_string();
            assert!(
                path.starts_with("/project/") || path == "/project",
                "{page}: {r} is outside the base path"
            );
            // Once: `trim_start_matches` made `/project/projects/` into `s/`.
            let rel = path
                .strip_prefix("/project")
                .unwrap()
                .trim_start_matches('/');
            let key = if rel.is_empty() || rel.ends_with('/') {
                format!("{rel}index.html")
            } else {
                rel.to_string()
            };
            assert!(files.contains(&key), "{page}: {r} does not resolve ({key})");
            checked += 1;
        }
    }
    assert!(checked > 300, "crawled only {checked} references");
    // The PDF's links honour the base path too.
    let out = std::process::Command::new("pdfinfo")
        .arg("-url")
        .arg(public.join("cv.pdf"))
        .output();
    if let Ok(out) = out {
        let urls = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            urls.contains("https://someone.github.io/project/publications/example2023proofs/"),
            "{urls}"
        );
    }
}

/// `build` and `serve` run the link check too (issue 13): its findings are warnings, and with
/// `--strict` errors that leave the output untouched; `/cv` for `/cv/` is not broken.
#[test]
fn build_warns_of_broken_links_and_strict_refuses_them() {
    let site = Site::copy_of(&fixture("full"));
    site.edit(
        "content/pages/about.md",
        "We work on *verification*.",
        "We work on *verification*.\nSee [the CV](/cv) and [our old page](/old-page/).",
    );
    let r = site.run(&["build", "--no-pdf"]);
    assert!(r.ok(), "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "warning: content/pages/about.md:9:23: broken link /lab/old-page/: the site has no /old-page/index.html"
        ),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("/lab/cv:"), "{}", r.stderr);
    let before = site.snapshot();
    let r = site.run(&["build", "--no-pdf", "--strict"]);
    assert_eq!(r.status, Some(1), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("content/pages/about.md:9:23: broken link /lab/old-page/"),
        "{}",
        r.stderr
    );
    assert_eq!(before, site.snapshot(), "--strict wrote the output");
    // The check agrees, and `/cv` is not a finding there either.
    let r = site.run(&["check"]);
    assert_eq!(r.status, Some(1));
    assert!(r.stderr.contains("1 problem(s)"), "{}", r.stderr);
}
