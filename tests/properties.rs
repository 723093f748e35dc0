//! Property tests of every loader (issue 13): random edits of real files (the `full` and
//! `bibtex` fixtures) and random strings never panic or hang, and a file the loader refuses gets
//! an error naming that file and a line and column inside it.
//!
//! Cases per property: 512 (3,584 in all, a few seconds); `PROPTEST_CASES=20000 cargo test
//! --test properties` runs more.

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use cvsite::content::date::PartialDate;
use cvsite::content::{LoadOptions, load};
use cvsite::diagnostics::Problems;
use cvsite::serve::http::{Resolved, resolve};
use proptest::prelude::*;

/// Runs `f` on a thread of its own: a loader that does not end within a minute is a hang.
fn within<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)));
    });
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(Ok(v)) => v,
        Ok(Err(panic)) => std::panic::resume_unwind(panic),
        Err(_) => panic!("the loader did not end within a minute"),
    }
}

/// Text that means something to YAML, Markdown, BibTeX or dates, to be written into a file.
const FRAGMENTS: &[&str] = &[
    ":",
    ": ",
    "- ",
    "\n",
    "  ",
    " ",
    "\t",
    "[",
    "]",
    "{",
    "}",
    "\"",
    "'",
    "#",
    "&a ",
    "*a",
    "!!str ",
    "|",
    ">",
    "---\n",
    "...",
    "%",
    "@",
    "`",
    "2024-13-45",
    "2021-02-29",
    "present",
    "null",
    "~",
    "\u{feff}",
    "é",
    "\u{0}",
    "\r\n",
    "? ",
    ",",
    "=",
    "@string{",
    "@article{",
    "crossref = {",
    "\\",
    "$",
    " and ",
    "](",
    "[x](javascript:y)",
    "10000000000000000000",
    "-1",
    "key: ",
    "title: ",
    "  - ",
    "\\'{e}",
    "{\\",
    "<script>",
    "&amp;",
    "\u{202e}",
];

/// An edit of a file: at a place (a fraction of its length), insert a fragment, or delete up to
/// 20 characters.
fn edits() -> impl Strategy<Value = Vec<(f64, Option<usize>, usize)>> {
    prop::collection::vec(
        (
            0.0..1.0f64,
            prop::option::of(0..FRAGMENTS.len()),
            0..20usize,
        ),
        1..8,
    )
}

fn apply(text: &str, edits: &[(f64, Option<usize>, usize)]) -> String {
    let mut text = text.to_string();
    for &(at, fragment, len) in edits {
        let mut at = (at * text.len() as f64) as usize;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        match fragment {
            Some(f) => text.insert_str(at, FRAGMENTS[f]),
            None => {
                let end = text[at..]
                    .char_indices()
                    .nth(len)
                    .map_or(text.len(), |(i, _)| at + i);
                text.replace_range(at..end, "");
            }
        }
    }
    text
}

/// Loads the `fixture` site's content with `file` (under content/) replaced by `text`: it
/// loads, or every problem names a file of the site and a place inside it.
fn load_with(fixture: &str, file: &str, text: &str) {
    let site = tempfile::tempdir().unwrap();
    let content = site.path().join("content");
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(fixture)
            .join("content"),
        &content,
    );
    std::fs::write(content.join(file), text).unwrap();
    let dir = content.clone();
    let loaded = within(move || {
        load(
            &dir,
            &LoadOptions {
                drafts: true,
                ..Default::default()
            },
        )
        .map(|_| ())
    });
    if let Err(Problems(problems)) = loaded {
        assert!(!problems.is_empty(), "an error without a problem");
        for p in problems {
            assert!(
                p.path.starts_with("content/"),
                "{}: not a content file",
                p.path
            );
            let name = p.path.trim_start_matches("content/");
            let shown = std::fs::read_to_string(content.join(name)).unwrap_or_default();
            let lines = shown.split('\n').count();
            assert!(
                p.line >= 1 && p.line <= lines.max(1) && p.column >= 1,
                "{}:{}:{}: outside the file ({lines} lines): {}",
                p.path,
                p.line,
                p.column,
                p.message
            );
        }
    }
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn fixture_text(fixture: &str, file: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(fixture)
            .join("content")
            .join(file),
    )
    .unwrap()
}

const YAML_FILES: [&str; 11] = [
    "profile.yaml",
    "education.yaml",
    "experience.yaml",
    "publications.yaml",
    "projects.yaml",
    "awards.yaml",
    "service.yaml",
    "skills.yaml",
    "news.yaml",
    "talks.yaml",
    "teaching.yaml",
];

/// `cases` per property, unless `PROPTEST_CASES` says otherwise.
fn config(cases: u32) -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = cases;
    }
    config
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn yaml_sections(file in 0..YAML_FILES.len(), edits in edits()) {
        let name = YAML_FILES[file];
        load_with("full", name, &apply(&fixture_text("full", name), &edits));
    }

    #[test]
    fn front_matter_and_markdown(post in any::<bool>(), edits in edits()) {
        let name = if post { "posts/2024-05-01-hello-world.md" } else { "pages/about.md" };
        load_with("full", name, &apply(&fixture_text("full", name), &edits));
    }

    #[test]
    fn bibtex(edits in edits()) {
        let name = "publications.bib";
        load_with("bibtex", name, &apply(&fixture_text("bibtex", name), &edits));
    }

    #[test]
    fn yaml_of_random_text(text in "(\\PC|[\\[\\]{}:#&*!|>'\"\\-\\n ]){0,200}") {
        load_with("full", "awards.yaml", &text);
    }

    #[test]
    fn dates(text in "\\PC{0,12}|[0-9]{1,5}(-[0-9]{1,3}){0,3}") {
        if let Ok(d) = PartialDate::parse(&text) {
            // What it reads, it reads back from its own form.
            let again = PartialDate::parse(&format!("{:04}{}{}", d.year,
                d.month.map(|m| format!("-{m:02}")).unwrap_or_default(),
                d.day.map(|x| format!("-{x:02}")).unwrap_or_default()));
            prop_assert_eq!(again, Ok(d));
        }
    }

    #[test]
    fn slugs(text in "\\PC{0,40}") {
        let slug = cvsite::text::slugify(&text);
        prop_assert!(slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{}", slug);
        prop_assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"), "{}", slug);
        prop_assert_eq!(cvsite::text::slugify(&slug), slug.clone());
    }

    #[test]
    fn http_paths(path in "(/|[a-z]{1,4}|\\.\\.|\\.|%2[eEfF]|%00|%5[cC]|%[0-9a-fA-F]{2}|\\\\|\\?|#|\\PC){0,12}", base in "/|/lab/") {
        let files: HashMap<String, bytes::Bytes> = ["index.html", "cv/index.html", "css/site.css", "lab.txt"]
            .into_iter()
            .map(|f| (f.to_string(), bytes::Bytes::from_static(b"x")))
            .collect();
        match resolve(&path, &base, &files) {
            // Only a file of the site, however the path is spelt.
            Resolved::File(key) => prop_assert!(files.contains_key(&key), "{} → {}", path, key),
            Resolved::Redirect(to) => prop_assert!(to.starts_with('/') && !to.starts_with("//"), "{} → {}", path, to),
            Resolved::NotFound | Resolved::BadRequest => {}
        }
    }
}
