//! The README's examples are a site: every YAML, BibTeX and Markdown example is written to the
//! file it documents (each is marked `<!-- example: FILE -->`), the site builds without a
//! warning, and what each example's entries are called shows on the site. The README cannot
//! drift from what cvsite accepts and shows.

mod common;

use std::collections::BTreeMap;

use common::{Site, fixture, repo, text_of};
use serde_yaml::Value;

/// The README's examples: (file, text), in order; a `split` example holds several files, each
/// after a `# content/NAME` line.
fn examples() -> Vec<(String, String)> {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let lines: Vec<&str> = readme.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let fence = lines[i];
        let lang = fence.strip_prefix("```").unwrap_or("");
        if lang.is_empty() {
            i += 1;
            continue;
        }
        let end = i + 1 + lines[i + 1..].iter().position(|l| *l == "```").unwrap();
        let body = lines[i + 1..end].join("\n") + "\n";
        if ["yaml", "markdown", "bibtex"].contains(&lang) {
            let marker = i
                .checked_sub(1)
                .and_then(|p| lines[p].strip_prefix("<!-- example: "))
                .and_then(|m| m.strip_suffix(" -->"))
                .unwrap_or_else(|| {
                    panic!(
                        "README.md:{}: a {lang} example without `<!-- example: FILE -->` above it",
                        i + 1
                    )
                });
            match marker {
                "none" => {}
                "split" => {
                    let mut file = None;
                    for line in &lines[i + 1..end] {
                        if let Some(name) = line.strip_prefix("# content/") {
                            let name = name.split(':').next().unwrap().trim();
                            file = Some(format!("content/{name}"));
                            out.push((file.clone().unwrap(), String::new()));
                        } else {
                            let (_, text) = out.last_mut().filter(|_| file.is_some()).unwrap();
                            text.push_str(line);
                            text.push('\n');
                        }
                    }
                }
                file => out.push((file.to_string(), body)),
            }
        }
        i = end + 1;
    }
    out
}

/// `b` laid over `a`: maps merged key by key, lists joined.
fn merge(a: Value, b: Value) -> Value {
    match (a, b) {
        (Value::Mapping(mut a), Value::Mapping(b)) => {
            for (k, v) in b {
                let merged = match a.remove(&k) {
                    Some(old) => merge(old, v),
                    None => v,
                };
                a.insert(k, merged);
            }
            Value::Mapping(a)
        }
        (Value::Sequence(mut a), Value::Sequence(b)) => {
            a.extend(b);
            Value::Sequence(a)
        }
        (_, b) => b,
    }
}

/// The name of each entry of a YAML example, as its section shows it.
fn names(value: &Value, out: &mut Vec<String>) {
    const NAMED_BY: [&str; 8] = [
        "title",
        "name",
        "degree",
        "organization",
        "course",
        "text",
        "claim",
        "category",
    ];
    match value {
        Value::Sequence(items) => items.iter().for_each(|i| names(i, out)),
        Value::Mapping(m) => {
            if let Some(v) = NAMED_BY
                .iter()
                .find_map(|k| m.get(*k).and_then(Value::as_str))
            {
                // Markdown as the page shows it.
                out.push(v.replace("**", "").replace('*', ""));
            }
        }
        _ => {}
    }
}

#[test]
fn every_readme_example_builds_and_shows() {
    let examples = examples();
    assert!(examples.len() >= 12, "{} examples", examples.len());
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    let mut yaml: BTreeMap<String, Value> = BTreeMap::new();
    let mut shown = Vec::new();
    for (file, text) in &examples {
        if file.ends_with(".yaml") {
            let value: Value = serde_yaml::from_str(text)
                .unwrap_or_else(|e| panic!("README example for {file} is not YAML: {e}\n{text}"));
            if file.starts_with("content/") {
                names(&value, &mut shown);
            }
            let merged = match yaml.remove(file) {
                Some(before) => merge(before, value),
                None => value,
            };
            yaml.insert(file.clone(), merged);
        } else {
            files.entry(file.clone()).or_default().push_str(text);
        }
    }
    for (file, value) in yaml {
        files.insert(file, serde_yaml::to_string(&value).unwrap());
    }
    for must in [
        "cvsite.yaml",
        "content/profile.yaml",
        "content/education.yaml",
        "content/experience.yaml",
        "content/publications.yaml",
        "content/publications.bib",
        "content/projects.yaml",
        "content/awards.yaml",
        "content/service.yaml",
        "content/skills.yaml",
        "content/news.yaml",
        "content/talks.yaml",
        "content/teaching.yaml",
        "content/pages/about.md",
    ] {
        assert!(
            files.contains_key(must),
            "the README shows no example of {must}"
        );
    }

    // A site of the README's files alone.
    let site = Site::copy_of(&fixture("full"));
    for dir in ["content", "static", "templates"] {
        let _ = std::fs::remove_dir_all(site.path(dir));
    }
    for (file, text) in &files {
        site.write(file, text);
    }
    // The files the examples point at in static/.
    let mut photo = Vec::new();
    image::codecs::jpeg::JpegEncoder::new(&mut photo)
        .encode_image(&image::RgbImage::from_pixel(
            400,
            500,
            image::Rgb([90, 120, 160]),
        ))
        .unwrap();
    site.write("static/images/me.jpg", &photo);
    site.write("static/images/openmoe.png", photo);
    site.write("static/papers/sequence.pdf", "%PDF-1.4\n%%EOF\n");
    let r = site.run(&["build", "--drafts", "--no-pdf"]);
    assert_eq!(
        r.status,
        Some(0),
        "the README's examples do not build:\n{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains("warning"),
        "the README's examples build with warnings:\n{}",
        r.stderr
    );

    let mut text = String::new();
    for entry in walkdir::WalkDir::new(site.path("public")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|x| x == "html") {
            text.push_str(&text_of(&std::fs::read_to_string(entry.path()).unwrap()));
            text.push('\n');
        }
    }
    assert!(shown.len() >= 10, "{shown:?}");
    for name in &shown {
        assert!(
            text.contains(name.as_str()),
            "`{name}` is not shown on the site"
        );
    }
    // As the README says: one note, with its comma (it once gave two).
    let cv = text_of(&site.out("cv/index.html"));
    assert!(cv.contains("Published papers at ICML, NeurIPS"), "{cv}");
    // The page of the Markdown example, and the paper of the BibTeX one with its overlay.
    assert!(text_of(&site.out("about-me/index.html")).contains("The page, in Markdown"));
    let paper = text_of(&site.out("publications/xue2023adatape/index.html"));
    assert!(paper.contains("AdaTape: Foundation Model"), "{paper}");
    assert!(paper.contains("Oral"), "{paper}");
}
