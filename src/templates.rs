//! Tera templates: loading the theme's templates and turning Tera's errors into ones that name
//! the template file and line.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use tera::{Context, ErrorKind, Tera};

use crate::diagnostics::{Problems, SourceError, SourceFile};
use crate::theme;

/// The compiled templates, with their sources kept for error messages.
pub struct Templates {
    tera: Tera,
    sources: HashMap<String, SourceFile>,
    /// Template files left out (links to outside the site).
    pub warnings: Vec<String>,
}

/// The statements of a template: each `{% keyword name ...` as (keyword, name).
fn tags(text: &str) -> impl Iterator<Item = (&str, &str)> {
    let word = |s: &str| -> usize {
        s.find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(s.len())
    };
    text.split("{%").skip(1).map(move |tag| {
        let tag = tag.trim_start_matches(['-', '+']).trim_start();
        let (keyword, rest) = tag.split_at(word(tag));
        let rest = rest.trim_start();
        (keyword, &rest[..word(rest)])
    })
}

/// The `{{ … }}` and `{% … %}` blocks of a template, with their byte offsets.
fn blocks(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(start) = text[at..].find('{').map(|s| at + s) {
        let close = match text.as_bytes().get(start + 1) {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            _ => {
                at = start + 1;
                continue;
            }
        };
        let Some(end) = text[start + 2..].find(close).map(|e| start + 2 + e) else {
            break;
        };
        out.push((start + 2, &text[start + 2..end]));
        at = end + 2;
    }
    out
}

/// `for x in a.b` → (`x`, `a.b`).
fn loop_over(block: &str) -> Option<(&str, &str)> {
    let rest = block
        .trim_start_matches(['-', '+'])
        .trim_start()
        .strip_prefix("for ")?;
    let (var, list) = rest.split_once(" in ")?;
    let list = list.split_whitespace().next()?;
    let var = var.trim();
    let ident = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
    };
    (ident(var) && !var.contains('.') && ident(list)).then_some((var, list))
}

/// The dotted paths (`profile.position`) of a block, outside string literals, with offsets.
fn dotted_paths(block: &str) -> Vec<(usize, &str)> {
    let bytes = block.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'"' || b == b'\'' || b == b'`' {
            i = block[i + 1..]
                .find(b as char)
                .map_or(bytes.len(), |e| i + 2 + e);
            continue;
        }
        let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
        if word(b) && (i == 0 || !(word(bytes[i - 1]) || bytes[i - 1] == b'.')) {
            let start = i;
            while i < bytes.len() && (word(bytes[i]) || bytes[i] == b'.') {
                i += 1;
            }
            let path = block[start..i].trim_end_matches('.');
            let first = path.as_bytes()[0];
            if path.contains('.') && !first.is_ascii_digit() {
                out.push((start, path));
            }
            continue;
        }
        i += 1;
    }
    out
}

/// Why `path` (written as `shown`) names no field of `globals`, if a map on the way lacks it.
fn missing_field(globals: &tera::Value, path: &str, shown: &str) -> Option<String> {
    let mut current = globals;
    // `shown` may start with a loop variable standing for the first segments of `path`.
    let skipped = path.split('.').count() - shown.split('.').count();
    for (i, seg) in path.split('.').enumerate() {
        if let Some(list) = current.as_array() {
            current = list.get(seg.parse::<usize>().ok()?)?;
            continue;
        }
        let map = current.as_map()?;
        match map.get(&tera::value::Key::Str(seg)) {
            Some(v) => current = v,
            // A name that is no global is the template's own (a `set`, a loop's, a macro's).
            None if i == 0 => return None,
            // A field of the loop's list itself: told where the loop names it.
            None if i < skipped => return None,
            None => {
                let keys: Vec<String> = map.keys().map(|k| k.to_string()).collect();
                let hint = crate::diagnostics::closest(seg, keys.iter().map(String::as_str))
                    .map(|c| format!("; did you mean `{c}`?"))
                    .unwrap_or_default();
                let parent: Vec<&str> = shown.split('.').take(i - skipped).collect();
                let parent = parent.join(".");
                return Some(format!(
                    "`{shown}`: `{parent}` has no field `{seg}`, so this is always empty or false{hint}"
                ));
            }
        }
    }
    None
}

impl Templates {
    /// Loads the embedded templates overlaid with the site's `templates/`.
    pub fn load(root: &Path) -> Result<Templates, Problems> {
        let (files, warnings) = theme::templates(root);
        let mut sources = HashMap::new();
        let mut problems = Vec::new();
        for file in files {
            match file.read_text("templates") {
                Ok(src) => {
                    sources.insert(file.name.clone(), src);
                }
                Err(e) => problems.push(e),
            }
        }
        if !problems.is_empty() {
            return Err(Problems(problems));
        }
        // Typst templates (the PDF CV) are not Tera templates.
        let raw: Vec<(String, String)> = sources
            .iter()
            .filter(|(name, _)| !name.ends_with(".typ"))
            .map(|(name, src)| (name.clone(), src.text.to_string()))
            .collect();
        let mut templates = Templates {
            tera: Tera::new(),
            sources,
            warnings,
        };
        // Feeds and sitemaps are XML: escape them as HTML is escaped.
        templates.tera.autoescape_on([".html", ".xml"]);
        if let Err(e) = templates.tera.add_raw_templates(raw) {
            return Err(templates.error(None, &e).into());
        }
        Ok(templates)
    }

    /// A template's source file (e.g. `cv.typ` for Typst).
    pub fn source(&self, name: &str) -> Option<&SourceFile> {
        self.sources.get(name)
    }

    /// Values every template sees.
    pub fn set_globals(&mut self, globals: Context) {
        self.tera.global_context().extend(globals);
    }

    /// The names of the values template `name` reads, with its parents and includes, sorted;
    /// `None` when it cannot be told: a template dumps the whole context, defines components
    /// (whose reads Tera does not list), or assigns with `set` one of `globals` (Tera then
    /// leaves that name out of the template's reads, though where the `set` did not run, the
    /// global is what is read).
    pub fn variables(&self, name: &str, globals: &HashSet<String>) -> Option<Vec<String>> {
        let opaque = self.sources.iter().any(|(n, s)| {
            !n.ends_with(".typ")
                && (s.text.contains("__tera")
                    || tags(&s.text).any(|(keyword, target)| {
                        keyword == "component"
                            || (keyword.starts_with("set") && globals.contains(target))
                    }))
        });
        if opaque {
            return None;
        }
        let mut vars: Vec<String> = self
            .tera
            .get_template_variables(name)
            .ok()?
            .into_iter()
            .map(str::to_string)
            .collect();
        vars.sort_unstable();
        Some(vars)
    }

    /// Fields the site's own templates read that the values they read do not have, as
    /// warnings: Tera takes `{% if profile.postion %}` for false without a word. Read from the
    /// text: a path from a global value (`profile.position`), or from a loop variable over a
    /// list of them (`{% for p in publications %}` … `p.titel`), is followed through the values
    /// this build has; a path into a list that is empty, or a value that is not a map, is not
    /// told.
    pub fn unknown_fields(&self, globals: &tera::Value) -> Vec<String> {
        let mut out = Vec::new();
        let mut names: Vec<&String> = self.sources.keys().collect();
        names.sort();
        for name in names {
            let src = &self.sources[name];
            if name.ends_with(".typ") || src.display.ends_with("(built-in theme)") {
                continue;
            }
            let mut loops: HashMap<&str, String> = HashMap::new();
            for (at, block) in blocks(&src.text) {
                if let Some((var, list)) = loop_over(block) {
                    loops.insert(var, format!("{list}.0"));
                }
                for (offset, path) in dotted_paths(block) {
                    let (root, rest) = path.split_once('.').expect("dotted");
                    let full = match loops.get(root) {
                        Some(list) => format!("{list}.{rest}"),
                        None => path.to_string(),
                    };
                    // The sitemap is rendered with its own `pages`, the sitemap's entries
                    // (`render::render`), not the site's pages these globals hold.
                    if name == "sitemap.xml" && full.starts_with("pages.") {
                        continue;
                    }
                    if let Some(why) = missing_field(globals, &full, path) {
                        let (line, column) =
                            crate::diagnostics::position_of(&src.text, at + offset);
                        out.push(format!("{}:{line}:{column}: {why}", src.display));
                    }
                }
            }
        }
        out
    }

    /// A fingerprint of every template's name and text.
    pub fn fingerprint(&self) -> u128 {
        let mut all: Vec<(&String, &str)> =
            self.sources.iter().map(|(n, s)| (n, &*s.text)).collect();
        all.sort_unstable();
        crate::memo::fingerprint(&all)
    }

    /// Renders template `name`.
    pub fn render(&self, name: &str, ctx: &Context) -> Result<String, SourceError> {
        self.tera
            .render(name, ctx)
            .map_err(|e| self.error(Some(name), &e))
    }

    fn error(&self, rendering: Option<&str>, err: &tera::Error) -> SourceError {
        match err.kind() {
            ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
                let what = if matches!(err.kind(), ErrorKind::SyntaxError(_)) {
                    "template syntax error"
                } else {
                    "template error"
                };
                let span = report.span();
                let message = format!("{what}: {}", report.message());
                let help = crate::diagnostics::suggestion(&message);
                match self.sources.get(report.filename()) {
                    Some(src) => src.error_at(span.start_line, span.start_col + 1, message),
                    None => SourceError::whole_file(
                        &format!("templates/{}", report.filename()),
                        message,
                    ),
                }
                .with_help(help)
            }
            _ => {
                let file = rendering.unwrap_or("?");
                let display = self
                    .sources
                    .get(file)
                    .map_or_else(|| format!("templates/{file}"), |s| s.display.clone());
                let mut message = err.to_string();
                let mut source = std::error::Error::source(err);
                while let Some(s) = source {
                    message.push_str(&format!(": {s}"));
                    source = s.source();
                }
                SourceError::whole_file(&display, message)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site_with(index: &str) -> (tempfile::TempDir, Templates) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("templates/index.html"), index).unwrap();
        let templates = Templates::load(dir.path()).unwrap();
        (dir, templates)
    }

    #[test]
    fn a_templates_reads_are_listed_unless_they_cannot_be_told() {
        let globals: HashSet<String> = ["news", "site", "skills"].map(String::from).into();
        let (_dir, t) = site_with("{% for n in news %}{{ n.text }}{% endfor %}{{ site.title }}");
        let reads = t.variables("index.html", &globals).unwrap();
        assert!(reads.contains(&"news".to_string()), "{reads:?}");
        assert!(!reads.contains(&"skills".to_string()), "{reads:?}");
        // A global assigned with `set` is left out of Tera's list: every page renders.
        let (_dir, t) = site_with(
            "{% if page.kind == \"x\" %}{% set news = [] %}{% endif %}{% for n in news %}{{ n }}{% endfor %}",
        );
        assert_eq!(t.variables("index.html", &globals), None);
        // A local `set` is fine; the context dumped is not.
        let (_dir, t) = site_with("{%- set x = 1 %}{{ x }}{{ site.title }}");
        assert!(t.variables("index.html", &globals).is_some());
        let (_dir, t) = site_with("{{ __tera_context }}");
        assert_eq!(t.variables("index.html", &globals), None);
    }
}
