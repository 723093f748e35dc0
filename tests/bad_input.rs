//! The bad-input corpus (`tests/bad_input/`, one case per folder): each case laid over a copy of
//! the `full` fixture must fail the build with its expected messages, exit 1, no panic, and the
//! previous output untouched.

mod common;

use common::{Site, fixture, repo};

#[test]
fn every_bad_input_case_fails_clearly_and_leaves_the_output() {
    let corpus = repo().join("tests/bad_input");
    let mut cases: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 6, "the corpus is there: {cases:?}");
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let site = Site::copy_of(&fixture("full"));
        site.build_ok();
        let before = site.snapshot();
        for file in walkdir::WalkDir::new(case).min_depth(1) {
            let file = file.unwrap();
            let rel = file.path().strip_prefix(case).unwrap();
            if file.file_type().is_file() && rel != std::path::Path::new("expected.txt") {
                site.write(&rel.to_string_lossy(), std::fs::read(file.path()).unwrap());
            }
        }
        let r = site.run(&["build"]);
        let expected = std::fs::read_to_string(case.join("expected.txt")).unwrap();
        let mut problems: Vec<String> = expected
            .lines()
            .filter(|l| !l.is_empty() && !r.stderr.contains(l))
            .map(|l| format!("lacks {l:?}"))
            .collect();
        if r.status != Some(1) {
            problems.push(format!("exit {:?}", r.status));
        }
        if r.stderr.contains("panicked") {
            problems.push("panicked".into());
        }
        if site.snapshot() != before {
            problems.push("the previous output changed".into());
        }
        if !problems.is_empty() {
            failures.push(format!("{name}: {}\n{}", problems.join("; "), r.stderr));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    eprintln!("{} bad-input cases", cases.len());
}
