//! `cvsite schema`: JSON Schemas of `cvsite.yaml` and every content file, derived from the Rust
//! types (so they never drift from what the build accepts). Editors with the YAML language
//! server use them to complete fields and flag typos as the user types.

use std::fs;
use std::path::{Path, PathBuf};

use miette::{IntoDiagnostic, Result, WrapErr};
use schemars::JsonSchema;
use schemars::generate::SchemaSettings;
use serde_json::Value;

use crate::config::{Config, CvSection};
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
pub fn all() -> Vec<(String, String, Value)> {
    let entry =
        |name: &str, file: &str, schema: Value| (name.to_string(), file.to_string(), schema);
    let mut out = vec![
        entry(
            "cvsite.schema.json",
            "cvsite.yaml",
            schema::<Config>("cvsite.yaml"),
        ),
        entry(
            "profile.schema.json",
            "content/profile.yaml",
            schema::<Profile>("content/profile.yaml"),
        ),
    ];
    for section in CvSection::ALL {
        let file = format!("content/{}", section.file());
        if let Some(schema) = section_schema(section, &file) {
            let name = section.file().trim_end_matches(".yaml");
            out.push((format!("{name}.schema.json"), file, schema));
        }
    }
    out.push(entry(
        "front-matter.schema.json",
        "front matter of content/pages/*.md and content/posts/*.md",
        schema::<FrontMatter>("front matter"),
    ));
    out
}

/// The schema of a section's file; `None` for the interests, which are part of the profile.
fn section_schema(section: CvSection, title: &str) -> Option<Value> {
    Some(match section {
        CvSection::Education => schema::<Vec<Education>>(title),
        CvSection::Interests => return None,
        CvSection::Highlights => schema::<Vec<Project>>(title),
        CvSection::Experience => schema::<Vec<Experience>>(title),
        CvSection::Publications => schema::<Vec<PublicationEntry>>(title),
        CvSection::Awards => schema::<Vec<Award>>(title),
        CvSection::Talks => schema::<Vec<Talk>>(title),
        CvSection::Teaching => schema::<Vec<Teaching>>(title),
        CvSection::Service => schema::<Vec<Service>>(title),
        CvSection::Skills => schema::<Skills>(title),
        CvSection::News => schema::<Vec<News>>(title),
    })
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
