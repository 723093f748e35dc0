//! `/resume.json` follows the official JSON Resume schema (checked with the `@jsonresume/schema`
//! package from npm, which `tests/setup.sh` installs).

mod common;

use std::path::Path;
use std::process::Command;

use common::{Site, fixture, repo};
use serde_json::Value;

fn validate(file: &Path) -> (bool, String) {
    let script = repo().join("tests/jsonresume/validate.js");
    assert!(
        repo()
            .join("tests/jsonresume/node_modules/@jsonresume/schema")
            .is_dir(),
        "the JSON Resume schema is not installed: run `bash tests/setup.sh`"
    );
    let out = Command::new("node")
        .arg(script)
        .arg(file)
        .output()
        .expect("node runs (bash tests/setup.sh)");
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn resume_json_is_valid_json_resume() {
    for site in [
        Site::example(),
        Site::copy_of(&fixture("full")),
        Site::copy_of(&fixture("bibtex")),
    ] {
        site.build_ok();
        let file = site.path("public/resume.json");
        let (ok, report) = validate(&file);
        assert!(ok, "{report}\n{}", site.out("resume.json"));
    }
    // The validator does reject a broken document.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"basics": {"name": 42, "email": "x"}, "work": {}}"#,
    )
    .unwrap();
    let (ok, report) = validate(&bad);
    assert!(!ok, "accepted: {report}");
}

#[test]
fn resume_json_carries_the_cv() {
    let site = Site::example();
    site.build_ok();
    let r: Value = serde_json::from_str(&site.out("resume.json")).unwrap();
    assert_eq!(r["basics"]["name"], "Fuzhao Xue");
    assert_eq!(r["basics"]["label"], "Ph.D. Candidate");
    assert_eq!(r["basics"]["email"], "xuefuzhao@outlook.com");
    assert_eq!(r["education"][0]["startDate"], "2021-07");
    assert_eq!(r["education"][0]["endDate"], "2024-12");
    assert_eq!(r["education"][1]["score"], "5.0/5.0");
    let work = r["work"].as_array().unwrap();
    assert_eq!(work.len(), 5);
    assert_eq!(work[0]["name"], "NVIDIA (GEAR Team)");
    assert_eq!(work[0]["startDate"], "2023-01");
    assert!(
        work[0].get("endDate").is_none(),
        "an ongoing position has no end date"
    );
    assert_eq!(r["publications"].as_array().unwrap().len(), 5);
    assert_eq!(r["publications"][3]["releaseDate"], "2023");
    assert_eq!(r["skills"][0]["keywords"][1], "C/C++");
    assert_eq!(r["volunteer"].as_array().unwrap().len(), 11);
    assert_eq!(
        r["meta"]["canonical"],
        "https://xuefuzhao.github.io/resume.json"
    );
    // The biography's two paragraphs, without the line breaks of the Markdown source.
    let paragraphs: Vec<&str> = r["basics"]["summary"]
        .as_str()
        .unwrap()
        .split("\n\n")
        .collect();
    assert_eq!(paragraphs.len(), 2);
    assert!(
        paragraphs.iter().all(|p| !p.contains('\n')),
        "{paragraphs:?}"
    );
}
