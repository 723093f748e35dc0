//! The pages in a real browser (Debian's Chromium, driven by playwright-core from
//! `tests/quality/suite.mjs`): axe-core (WCAG 2.1 A/AA) on every page in light and dark mode, no
//! third-party request, no horizontal scroll or overlap at 360/768/1280 px, keyboard and focus,
//! print, the home page's weight, and Lighthouse (mobile) on the home, CV and publications pages.
//! Screenshots, printed PDFs and `report.json` go to `target/quality/`.

mod common;

use std::process::Command;

use common::{Site, fixture, repo};

#[test]
fn pages_pass_the_browser_quality_suite() {
    let suite = repo().join("tests/quality");
    assert!(
        suite.join("node_modules/playwright-core").is_dir(),
        "run `bash tests/setup.sh` first"
    );
    let example = Site::example();
    example.build_ok();
    let full = Site::copy_of(&fixture("full"));
    assert!(full.run(&["build", "--drafts"]).ok());
    let bib = Site::copy_of(&fixture("bibtex"));
    bib.build_ok();
    // The same theme in German, and right to left in Arabic.
    let in_language = |language: &str| {
        let site = Site::copy_of(&fixture("full"));
        site.edit(
            "cvsite.yaml",
            "language: en-GB",
            &format!("language: {language}"),
        );
        site.build_ok();
        site
    };
    let (de, ar) = (in_language("de"), in_language("ar"));
    // English and Chinese, each page linking to the other.
    let bi = common::bilingual();
    bi.build_ok();
    // The German site has every opt-in service on (the others none): its pages may contact
    // these origins, and no other.
    let services = std::fs::read_to_string(repo().join("tests/fixtures/services.yaml")).unwrap();
    let config = de.read("cvsite.yaml");
    de.write("cvsite.yaml", format!("{config}\n{services}"));
    de.build_ok();
    let allowed = [
        "https://gc.zgo.at",
        "https://plausible.io",
        "https://cloud.umami.is",
        "https://www.googletagmanager.com",
        "https://giscus.app",
    ];
    // `cvsite init`'s example: a resized photo and thumbnail, toggles, every feature it shows.
    let init = tempfile::tempdir().unwrap();
    let made = common::run_in(
        init.path(),
        &[
            "init",
            "site",
            "--name",
            "Sam Example",
            "--base-url",
            "https://sam.example.org/",
        ],
    );
    assert!(made.ok(), "{}", made.stderr);
    let init_site = init.path().join("site");
    let built = common::run_in(&init_site, &["build"]);
    assert!(built.ok(), "{}", built.stderr);
    let artifacts = repo().join("target/quality");
    let _ = std::fs::remove_dir_all(&artifacts);
    let out = Command::new("node")
        .current_dir(&suite)
        .arg("suite.mjs")
        .arg(&artifacts)
        .arg(format!("example={}@/", example.path("public").display()))
        .arg(format!("full={}@/lab/", full.path("public").display()))
        .arg(format!("bibtex={}@/", bib.path("public").display()))
        .arg(format!("init={}@/", init_site.join("public").display()))
        .arg(format!(
            "de={}@/lab/#quick#allow={}",
            de.path("public").display(),
            allowed.join("+")
        ))
        .arg(format!("ar={}@/lab/#quick", ar.path("public").display()))
        .arg(format!(
            "bilingual={}@/lab/#quick",
            bi.path("public").display()
        ))
        .output()
        .expect("node runs (bash tests/setup.sh)");
    let log = String::from_utf8_lossy(&out.stdout);
    let failures: Vec<&str> = log
        .lines()
        .filter(|l| l.starts_with("FAIL") || l.starts_with("     "))
        .collect();
    assert!(
        out.status.success(),
        "{}\n{}",
        failures.join("\n"),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(log.contains(" 0 failed"), "{log}");
    assert!(
        log.contains("de: each configured service is loaded"),
        "{log}"
    );
    // The bilingual site's switch was followed both ways, in both themes.
    for mode in ["light", "dark"] {
        let switch =
            format!("bilingual: the language switch ({mode}) goes from /cv/ to /lab/zh/cv/");
        assert!(log.contains(&switch), "{log}");
    }
    // The Arabic site was checked right to left, in both themes.
    for mode in ["light", "dark"] {
        assert!(
            log.contains(&format!("ar: right to left in {mode} mode")),
            "{log}"
        );
    }
    // The CV layout check had entries to look at (the full fixture has a long degree title).
    assert!(
        log.lines().any(
            |l| l.contains("full: /cv/ dates stay on their entry's first line")
                && !l.contains("(0 entries)")
        ),
        "{log}"
    );
    // It really looked: screenshots of every page type at every width, in both modes.
    for shot in [
        "example/home-360-light.png",
        "example/cv-1280-dark.png",
        "full/post-768-dark.png",
        "full/404-360-light.png",
    ] {
        assert!(
            artifacts.join("screenshots").join(shot).is_file(),
            "{shot} missing"
        );
    }
    assert!(artifacts.join("print/example-cv-A4.pdf").is_file());
    // The init site's photo came in a format and size the page asked for, counted apart.
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(artifacts.join("report.json")).unwrap()).unwrap();
    let images = report["sites"]["init"]["home_image_bytes"]
        .as_u64()
        .unwrap();
    assert!(images > 0 && images < 40 * 1024, "{images} bytes of images");
}
