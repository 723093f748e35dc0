//! `cvsite init` makes a site that builds at once, with a GitHub Pages workflow; `cvsite new`
//! adds dated posts, pages and news.

mod common;

use common::{run_in, text_of};

fn today() -> String {
    let out = std::process::Command::new("date")
        .args(["-u", "+%F"])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[test]
fn init_makes_a_site_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let r = run_in(
        dir.path(),
        &[
            "init",
            "site",
            "--name",
            "Sam O'Neil",
            "--base-url",
            "https://sam.github.io/research",
        ],
    );
    assert!(r.ok(), "{}", r.stderr);
    assert!(
        r.stderr.contains("Source: \"GitHub Actions\""),
        "the one setting to change on GitHub: {}",
        r.stderr
    );
    let site = dir.path().join("site");
    for f in [
        ".gitignore",
        ".github/workflows/pages.yml",
        "cvsite.yaml",
        "content/profile.yaml",
        "schemas/profile.schema.json",
    ] {
        assert!(site.join(f).is_file(), "{f} missing");
    }
    assert!(
        std::fs::read_to_string(site.join(".gitignore"))
            .unwrap()
            .contains("/public/")
    );
    let b = run_in(&site, &["build"]);
    assert!(b.ok(), "{}", b.stderr);
    assert!(!b.stderr.contains("warning"), "{}", b.stderr);
    // The example post shows off the writing features: formulas, code, footnotes, task lists.
    let post =
        std::fs::read_to_string(site.join("public/posts/technical-writing/index.html")).unwrap();
    for feature in [
        "<math display=\"block\">",
        "<pre class=\"code\"><code class=\"language-python\">",
        "<section class=\"footnotes\"",
        "type=\"checkbox\"",
        "<table>",
    ] {
        assert!(post.contains(feature), "{feature} missing: {post}");
    }
    // And the home page links carry their icons.
    let home = std::fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(
        home.contains("class=\"link-bluesky\" href=\"https://bsky.app/\"><svg class=\"icon\""),
        "{home}"
    );
    // The latest news on the home page, every item on /news/.
    assert!(home.contains("href=\"/research/news/\">All news"), "{home}");
    let news = std::fs::read_to_string(site.join("public/news/index.html")).unwrap();
    assert_eq!(news.matches("<time ").count(), 4, "{news}");
    // A photo and a thumbnail, resized; the list unfolds abstracts and BibTeX.
    assert!(
        home.contains("<picture><source type=\"image/webp\" srcset=\"/research/resized/photo-"),
        "{home}"
    );
    let papers = std::fs::read_to_string(site.join("public/publications/index.html")).unwrap();
    for feature in [
        "<img class=\"pub-preview\" src=\"/research/resized/efficient-",
        "<summary>Abstract</summary>",
        "<summary>BibTeX</summary>",
    ] {
        assert!(papers.contains(feature), "{feature} missing: {papers}");
    }
    let cv = text_of(&std::fs::read_to_string(site.join("public/cv/index.html")).unwrap());
    // Every section of the example is there, under the chosen name.
    for fact in [
        "Sam O'Neil",
        "Education",
        "Experience",
        "Publications",
        "Research highlights",
        "Awards and honours",
        "Talks",
        "Teaching",
        "Service",
        "Skills",
        "Research interests",
    ] {
        assert!(
            cv.contains(fact),
            "{fact} missing from the new site's CV:\n{cv}"
        );
    }
    let home = std::fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(
        home.contains("href=\"/research/css/style.css\""),
        "the base path is used"
    );
    assert!(
        home.contains("<strong class=\"owner\">Sam O&#39;Neil</strong>")
            || home.contains("<strong class=\"owner\">Sam O&#x27;Neil</strong>"),
        "{home}"
    );
    // It is not the seed's person.
    assert!(!cv.contains("Fuzhao"));
}

#[test]
fn the_workflow_builds_and_deploys_with_the_official_actions() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run_in(dir.path(), &["init", "."]).ok());
    let text = std::fs::read_to_string(dir.path().join(".github/workflows/pages.yml")).unwrap();
    let wf: serde_yaml::Value = serde_yaml::from_str(&text).expect("the workflow is YAML");
    assert_eq!(wf["permissions"]["pages"], "write");
    assert_eq!(wf["permissions"]["id-token"], "write");
    assert_eq!(wf["on"]["push"]["branches"][0], "main");
    let build: Vec<String> = wf["jobs"]["build"]["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|s| {
            format!(
                "{} {}",
                s["uses"].as_str().unwrap_or(""),
                s["run"].as_str().unwrap_or("")
            )
        })
        .collect();
    let has = |needle: &str| build.iter().any(|s| s.contains(needle));
    assert!(has("actions/checkout@"), "{build:?}");
    // The release binary, its checksum checked (run for real in tests/workflows.rs); the wheel,
    // then crates.io, if the Release has none for this machine.
    // The repository comes from Cargo.toml's `repository`, the one place that names it.
    let releases = format!(
        "{}/releases/download/v${{CVSITE_VERSION}}",
        env!("CARGO_PKG_REPOSITORY")
    );
    assert!(has(&releases), "{build:?}");
    assert!(
        has("pip\" install --quiet \"cvsite==${CVSITE_VERSION}\""),
        "{build:?}"
    );
    assert!(has("cargo install --locked cvsite"), "{build:?}");
    // The weekly rebuild, ready to uncomment under `on:`.
    assert!(text.contains("  # schedule:\n  #   - cron: "), "{text}");
    assert!(has("actions/configure-pages@"), "{build:?}");
    assert!(
        has("cvsite build --base-url \"${{ steps.pages.outputs.base_url }}/\""),
        "{build:?}"
    );
    assert!(has("actions/upload-pages-artifact@"), "{build:?}");
    let deploy = &wf["jobs"]["deploy"];
    assert_eq!(deploy["needs"], "build");
    assert_eq!(deploy["environment"]["name"], "github-pages");
    assert!(
        deploy["steps"][0]["uses"]
            .as_str()
            .unwrap()
            .starts_with("actions/deploy-pages@")
    );
    assert!(text.contains(&format!(
        "CVSITE_VERSION: \"{}\"",
        env!("CARGO_PKG_VERSION")
    )));
}

#[test]
fn init_refuses_a_folder_with_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let r = run_in(dir.path(), &["init", "."]);
    assert_eq!(r.status, Some(1));
    assert!(
        r.stderr.contains("is not empty") && r.stderr.contains("--force"),
        "{}",
        r.stderr
    );
    assert!(!dir.path().join("cvsite.yaml").exists());
    assert!(run_in(dir.path(), &["init", ".", "--force"]).ok());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn new_adds_dated_posts_pages_and_news() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run_in(dir.path(), &["init", "."]).ok());
    let today = today();
    let sub = dir.path().join("content");
    assert!(run_in(&sub, &["new", "post", "A Result: 100% \"Better\""]).ok());
    assert!(run_in(&sub, &["new", "page", "Research Group"]).ok());
    let r = run_in(&sub, &["new", "news", "We won a *prize*"]);
    assert!(r.ok(), "{}", r.stderr);
    let post = dir
        .path()
        .join(format!("content/posts/{today}-a-result-100-better.md"));
    assert!(post.is_file(), "{}", post.display());
    assert!(
        std::fs::read_to_string(&post)
            .unwrap()
            .contains(&format!("date: {today}"))
    );
    assert!(dir.path().join("content/pages/research-group.md").is_file());
    let b = run_in(dir.path(), &["build"]);
    assert!(b.ok(), "{}", b.stderr);
    let posts =
        text_of(&std::fs::read_to_string(dir.path().join("public/posts/index.html")).unwrap());
    assert!(posts.contains("A Result: 100% \"Better\""), "{posts}");
    let home = std::fs::read_to_string(dir.path().join("public/index.html")).unwrap();
    assert!(
        home.contains(&format!("<time datetime=\"{today}\">"))
            && home.contains("We won a <em>prize</em>"),
        "{home}"
    );
    // A second post of the same title on the same day is refused, not overwritten.
    let again = run_in(dir.path(), &["new", "post", "A Result: 100% \"Better\""]);
    assert_eq!(again.status, Some(1));
    assert!(again.stderr.contains("exists already"));
}
