//! `cvsite import`: turn a CV kept in another tool's format into cvsite's content files, and say
//! what could not be carried over.

pub mod academicpages;
pub mod alfolio;
pub mod jsonresume;
pub mod rendercv;

use std::fs;
use std::path::{Path, PathBuf};

use miette::{IntoDiagnostic, Result, WrapErr, bail};
use serde_json::{Map, Value};

use crate::content::date::PartialDate;

/// The files an import produces, and what it left behind.
#[derive(Debug, Default)]
pub struct Imported {
    /// (path relative to the site root, contents).
    pub files: Vec<(String, String)>,
    /// Fields of the source with no place in cvsite, as `path: why`.
    pub unmapped: Vec<String>,
    /// Spellings of the owner's name the source marks in author lists, for `owner.aliases`.
    pub owner_aliases: Vec<String>,
    /// Files copied as they are: (path relative to the site root, source file).
    pub copies: Vec<(String, PathBuf)>,
    /// The site's title, when the source gives one.
    pub title: Option<String>,
    /// More settings for `cvsite.yaml`, as YAML lines.
    pub config_lines: Vec<String>,
}

impl Imported {
    /// Adds a YAML content file (with its schema line) unless `value` is empty.
    pub fn yaml(&mut self, name: &str, value: Value) {
        let value = prune(value);
        let empty = match &value {
            Value::Array(a) => a.is_empty(),
            Value::Object(o) => o.is_empty(),
            Value::Null => true,
            _ => false,
        };
        if empty {
            return;
        }
        let schema = name
            .trim_start_matches("content/")
            .trim_end_matches(".yaml");
        let text = serde_yaml::to_string(&value).expect("YAML");
        self.files.push((
            name.to_string(),
            format!("# yaml-language-server: $schema=../schemas/{schema}.schema.json\n{text}"),
        ));
    }

    /// Copies every file of the folder `rel` of the site `dir` to the same place under
    /// `static/`, less those `skip` names.
    pub fn copy_folder(&mut self, dir: &Path, rel: &str, skip: impl Fn(&str) -> bool) {
        for entry in walkdir::WalkDir::new(dir.join(rel))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && !skip(&e.file_name().to_string_lossy()))
        {
            let path = entry.path().strip_prefix(dir).expect("below the site");
            let path = path.to_string_lossy().replace('\\', "/");
            self.copies
                .push((format!("static/{path}"), entry.into_path()));
        }
    }

    /// Notes a source field that could not be imported.
    pub fn skip(&mut self, path: impl Into<String>, why: &str) {
        self.unmapped.push(format!("{}: {why}", path.into()));
    }

    /// A date of the source, as cvsite writes it, or a note that it could not be read.
    pub fn date(&mut self, value: Option<&Value>, path: &str) -> Option<String> {
        let text = match value? {
            // An empty `date:` is no date, not a wrong one.
            Value::Null => return None,
            Value::String(s) if s.trim().is_empty() => return None,
            Value::String(s) => s.trim().to_string(),
            Value::Number(n) => n.to_string(),
            _ => {
                self.skip(path, "not a date");
                return None;
            }
        };
        match PartialDate::parse(&text) {
            Ok(d) => Some(d.iso()),
            Err(_) => {
                self.skip(
                    format!("{path} ({text})"),
                    "not a date cvsite reads (use 2021, 2021-07 or 2021-07-15)",
                );
                None
            }
        }
    }
}

/// Removes nulls, empty strings, empty lists and maps, and `false` flags, so the YAML written is
/// what a person would write.
fn prune(value: Value) -> Value {
    match value {
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .map(prune)
                .filter(|v| !is_empty(v))
                .collect(),
        ),
        Value::Object(map) => {
            let map: Map<String, Value> = map
                .into_iter()
                .map(|(k, v)| (k, prune(v)))
                .filter(|(_, v)| !is_empty(v))
                .collect();
            Value::Object(map)
        }
        v => v,
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null | Value::Bool(false) => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// A string field of a JSON object.
pub fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// Writes the imported files under `root`, refusing to replace existing ones unless `force`.
pub fn write(root: &Path, imported: &Imported, force: bool) -> Result<Vec<PathBuf>> {
    let existing: Vec<&str> = imported
        .files
        .iter()
        .map(|(name, _)| name)
        .chain(imported.copies.iter().map(|(name, _)| name))
        .filter(|name| root.join(name).exists())
        .map(String::as_str)
        .collect();
    if !existing.is_empty() && !force {
        bail!(
            help = "pass --force to replace them, or import into an empty folder with --root",
            "these files exist already and would be replaced: {}; nothing was written",
            existing.join(", ")
        );
    }
    let mut written = Vec::new();
    for (name, text) in &imported.files {
        let path = root.join(name);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)
                .into_diagnostic()
                .wrap_err_with(|| format!("cannot create {}", dir.display()))?;
        }
        fs::write(&path, text)
            .into_diagnostic()
            .wrap_err_with(|| format!("cannot write {}", path.display()))?;
        written.push(path);
    }
    for (name, src) in &imported.copies {
        let path = root.join(name);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)
                .into_diagnostic()
                .wrap_err_with(|| format!("cannot create {}", dir.display()))?;
        }
        fs::copy(src, &path)
            .into_diagnostic()
            .wrap_err_with(|| format!("cannot copy {} to {}", src.display(), path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// `cvsite.yaml` for an imported site. The address the site will be published at is not in
/// the source (its website is the old homepage, or a Google Scholar page): a placeholder says
/// to set it. `aliases` are the owner's names as the source marked them in author lists.
pub fn config_file(title: &str, aliases: &[String], lines: &[String]) -> String {
    let mut text = format!(
        "# yaml-language-server: $schema=schemas/cvsite.schema.json\ntitle: {}\nbase_url: https://your-name.github.io/  # change to where the site will be published\n",
        serde_json::to_string(title).expect("JSON string")
    );
    if !aliases.is_empty() {
        let list: Vec<String> = aliases
            .iter()
            .map(|a| serde_json::to_string(a).expect("JSON string"))
            .collect();
        text.push_str(&format!("owner:\n  aliases: [{}]\n", list.join(", ")));
    }
    for line in lines {
        text.push_str(line);
        text.push('\n');
    }
    text
}
