//! `cvsite schema`: JSON Schemas derived from the content types; the example's files validate,
//! a typo does not, and the committed schemas are what `cvsite schema` writes.

mod common;

use std::path::Path;

use common::{Site, fixture, repo, run_in};
use serde_json::Value;

fn load_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn yaml_as_json(path: &Path) -> Value {
    let yaml: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    serde_json::to_value(yaml).unwrap()
}

/// (schema file, YAML file) pairs of a site.
fn pairs(root: &Path) -> Vec<(String, std::path::PathBuf)> {
    let mut out = vec![("cvsite.schema.json".to_string(), root.join("cvsite.yaml"))];
    for entry in std::fs::read_dir(root.join("content")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            out.push((format!("{stem}.schema.json"), path));
        }
    }
    out
}

fn errors(schema: &Value, instance: &Value) -> Vec<String> {
    let validator = jsonschema::validator_for(schema).expect("a valid JSON Schema");
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn committed_schemas_are_current() {
    let dir = tempfile::tempdir().unwrap();
    let r = run_in(dir.path(), &["schema", "out"]);
    assert!(r.ok(), "{}", r.stderr);
    let fresh = common::snapshot(&dir.path().join("out"));
    let committed = common::snapshot(&repo().join("schemas"));
    assert_eq!(
        fresh.keys().collect::<Vec<_>>(),
        committed.keys().collect::<Vec<_>>(),
        "run `cargo run -- schema` and commit schemas/"
    );
    for (name, bytes) in &fresh {
        assert!(
            committed[name] == *bytes,
            "schemas/{name} is stale: run `cargo run -- schema` and commit it"
        );
    }
}

#[test]
fn every_example_and_fixture_file_validates() {
    let schemas = repo().join("schemas");
    for root in [repo(), fixture("full"), fixture("bibtex")] {
        for (schema, file) in pairs(&root) {
            let errs = errors(&load_json(&schemas.join(&schema)), &yaml_as_json(&file));
            assert!(
                errs.is_empty(),
                "{} against {schema}: {errs:#?}",
                file.display()
            );
        }
    }
}

#[test]
fn example_files_point_editors_at_their_schema() {
    for (schema, file) in pairs(&repo()) {
        let first = std::fs::read_to_string(&file)
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .to_string();
        let target = first
            .strip_prefix("# yaml-language-server: $schema=")
            .unwrap_or_else(|| panic!("{} lacks the modeline", file.display()));
        assert!(target.ends_with(&schema), "{}: {first}", file.display());
        assert!(
            file.parent().unwrap().join(target).is_file(),
            "{}: {target} does not exist",
            file.display()
        );
    }
}

#[test]
fn a_typo_does_not_validate() {
    let site = Site::example();
    site.edit(
        "content/education.yaml",
        "  institution: Nanyang",
        "  instituton: Nanyang",
    );
    let errs = errors(
        &load_json(&repo().join("schemas/education.schema.json")),
        &yaml_as_json(&site.path("content/education.yaml")),
    );
    assert!(!errs.is_empty(), "the typo validated");
    assert!(errs.iter().any(|e| e.contains("instituton")), "{errs:#?}");
    // Wrong types and malformed dates too.
    site.edit(
        "content/experience.yaml",
        "start: 2023-01",
        "start: January 2023",
    );
    let errs = errors(
        &load_json(&repo().join("schemas/experience.schema.json")),
        &yaml_as_json(&site.path("content/experience.yaml")),
    );
    assert!(!errs.is_empty(), "a malformed date validated");
    site.edit(
        "cvsite.yaml",
        "sections: [education,",
        "sections: [educaton,",
    );
    let errs = errors(
        &load_json(&repo().join("schemas/cvsite.schema.json")),
        &yaml_as_json(&site.path("cvsite.yaml")),
    );
    assert!(!errs.is_empty(), "an unknown CV section validated");
}
