//! Tera templates: loading the theme's templates and turning Tera's errors into ones that name
//! the template file and line.

use std::collections::HashMap;
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
    /// `None` when it cannot be told (a template dumps the whole context, or defines
    /// components, whose reads Tera does not list).
    pub fn variables(&self, name: &str) -> Option<Vec<String>> {
        let opaque = self.sources.iter().any(|(n, s)| {
            !n.ends_with(".typ") && (s.text.contains("__tera") || s.text.contains("component"))
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
