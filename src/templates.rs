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
