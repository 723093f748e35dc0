//! `cvsite schema`: JSON Schemas of `cvsite.yaml` and every content file, derived from the Rust
//! types (so they never drift from what the build accepts). Editors with the YAML language
//! server use them to complete fields and flag typos as the user types.

use std::fs;
use std::path::{Path, PathBuf};

use miette::{IntoDiagnostic, Result, WrapErr};
use schemars::JsonSchema;
use schemars::generate::SchemaSettings;
use serde_json::Value;

use crate::config::Config;
use crate::content::model::*;

fn schema<T: JsonSchema>(title: &str) -> Value {
    let mut s = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>()
        .to_value();
    if let Some(obj) = s.as_object_mut() {
        obj.insert("title".into(), title.into());
    }
    s
}

/// Every schema: (file name, the file it describes, schema).
pub fn all() -> Vec<(&'static str, &'static str, Value)> {
    vec![
        (
            "cvsite.schema.json",
            "cvsite.yaml",
            schema::<Config>("cvsite.yaml"),
        ),
        (
            "profile.schema.json",
            "content/profile.yaml",
            schema::<Profile>("content/profile.yaml"),
        ),
        (
            "education.schema.json",
            "content/education.yaml",
            schema::<Vec<Education>>("content/education.yaml"),
        ),
        (
            "experience.schema.json",
            "content/experience.yaml",
            schema::<Vec<Experience>>("content/experience.yaml"),
        ),
        (
            "publications.schema.json",
            "content/publications.yaml",
            schema::<Vec<PublicationEntry>>("content/publications.yaml"),
        ),
        (
            "projects.schema.json",
            "content/projects.yaml",
            schema::<Vec<Project>>("content/projects.yaml"),
        ),
        (
            "awards.schema.json",
            "content/awards.yaml",
            schema::<Vec<Award>>("content/awards.yaml"),
        ),
        (
            "service.schema.json",
            "content/service.yaml",
            schema::<Vec<Service>>("content/service.yaml"),
        ),
        (
            "skills.schema.json",
            "content/skills.yaml",
            schema::<Skills>("content/skills.yaml"),
        ),
        (
            "news.schema.json",
            "content/news.yaml",
            schema::<Vec<News>>("content/news.yaml"),
        ),
        (
            "talks.schema.json",
            "content/talks.yaml",
            schema::<Vec<Talk>>("content/talks.yaml"),
        ),
        (
            "teaching.schema.json",
            "content/teaching.yaml",
            schema::<Vec<Teaching>>("content/teaching.yaml"),
        ),
        (
            "front-matter.schema.json",
            "front matter of content/pages/*.md and content/posts/*.md",
            schema::<FrontMatter>("front matter"),
        ),
    ]
}

/// Writes every schema into `dir`, returning the paths written.
pub fn write(dir: &Path) -> Result<Vec<PathBuf>> {
    fs::create_dir_all(dir)
        .into_diagnostic()
        .wrap_err_with(|| format!("cannot create {}", dir.display()))?;
    let mut written = Vec::new();
    for (name, _, schema) in all() {
        let path = dir.join(name);
        let text = serde_json::to_string_pretty(&schema).expect("JSON") + "\n";
        fs::write(&path, text)
            .into_diagnostic()
            .wrap_err_with(|| format!("cannot write {}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}
