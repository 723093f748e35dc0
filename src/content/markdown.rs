//! Markdown to HTML, and splitting YAML front matter off a Markdown file.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, html};

use crate::diagnostics::{SourceError, SourceFile};

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders Markdown; links and images written as site paths (`/about/`) get the base path, so
/// they work on a project site (`https://name.github.io/repo/`) too.
#[derive(Debug, Clone)]
pub struct Markdown {
    base: String,
}

impl Markdown {
    /// A renderer for a site whose base path is `base` (`/` or `/repo/`).
    pub fn new(base: &str) -> Markdown {
        Markdown {
            base: base.to_string(),
        }
    }

    fn site_path<'a>(&self, url: CowStr<'a>) -> CowStr<'a> {
        match url.strip_prefix('/') {
            Some(rest) if !rest.starts_with('/') && self.base != "/" => {
                format!("{}{rest}", self.base).into()
            }
            _ => url,
        }
    }

    /// Renders a Markdown document to HTML.
    pub fn to_html(&self, markdown: &str) -> String {
        let events = Parser::new_ext(markdown, options()).map(|e| match e {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: self.site_path(dest_url),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: self.site_path(dest_url),
                title,
                id,
            }),
            e => e,
        });
        let mut out = String::with_capacity(markdown.len() * 3 / 2);
        html::push_html(&mut out, events);
        out
    }

    /// Renders a one-paragraph snippet (a bullet, a claim) without the wrapping `<p>`.
    pub fn inline(&self, markdown: &str) -> String {
        let html = self.to_html(markdown);
        let trimmed = html.trim_end();
        match trimmed
            .strip_prefix("<p>")
            .and_then(|s| s.strip_suffix("</p>"))
        {
            Some(inner) if !inner.contains("<p>") => inner.to_string(),
            _ => trimmed.to_string(),
        }
    }
}

/// A Markdown file split into its front matter and body.
#[derive(Debug)]
pub struct Split<'a> {
    /// The YAML between the `---` lines.
    pub front: &'a str,
    /// Lines before the YAML starts (the opening `---`), to report YAML errors at file lines.
    pub front_line_offset: usize,
    /// The Markdown after the closing `---`.
    pub body: &'a str,
}

/// Splits `---\nYAML\n---\nbody`; a file without front matter is an error, since pages need a title.
pub fn split_front_matter(file: &SourceFile) -> Result<Split<'_>, SourceError> {
    let text = file.text.strip_prefix('\u{feff}').unwrap_or(&file.text);
    let Some(rest) = text
        .strip_prefix("---")
        .filter(|r| r.starts_with('\n') || r.starts_with("\r\n"))
    else {
        return Err(file
            .error_at(
                1,
                1,
                "expected front matter: the file must start with a `---` line",
            )
            .with_help("start the file with:\n---\ntitle: My page\n---".to_string()));
    };
    let rest = rest
        .trim_start_matches('\r')
        .strip_prefix('\n')
        .unwrap_or(rest);
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok(Split {
                front,
                front_line_offset: 1,
                body,
            });
        }
        offset += line.len();
    }
    Err(file
        .error_at(
            1,
            1,
            "the front matter is not closed: expected a second `---` line",
        )
        .with_help("add a line with `---` after the last front matter field".to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_strips_paragraph() {
        let md = Markdown::new("/");
        assert_eq!(
            md.inline("Proposed **AdaTape**"),
            "Proposed <strong>AdaTape</strong>"
        );
        assert_eq!(md.inline("a & b"), "a &amp; b");
    }

    #[test]
    fn site_paths_get_the_base_path() {
        let md = Markdown::new("/repo/");
        assert_eq!(md.inline("[a](/about/)"), "<a href=\"/repo/about/\">a</a>");
        assert_eq!(
            md.inline("[a](https://x.org/)"),
            "<a href=\"https://x.org/\">a</a>"
        );
        assert_eq!(md.inline("[a](//x.org/)"), "<a href=\"//x.org/\">a</a>");
        assert_eq!(
            md.inline("![p](/img/p.png)"),
            "<img src=\"/repo/img/p.png\" alt=\"p\" />"
        );
    }

    #[test]
    fn splits_front_matter() {
        let f = SourceFile::new("p.md", "---\ntitle: Hi\n---\n# Body\n");
        let s = split_front_matter(&f).unwrap();
        assert_eq!(s.front, "title: Hi\n");
        assert_eq!(s.body, "# Body\n");
        let none = SourceFile::new("p.md", "# Just text\n");
        assert!(split_front_matter(&none).is_err());
        let open = SourceFile::new("p.md", "---\ntitle: Hi\n");
        assert!(
            split_front_matter(&open)
                .unwrap_err()
                .message
                .contains("not closed")
        );
    }
}
