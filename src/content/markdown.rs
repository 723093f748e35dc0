//! Pages and posts: splitting YAML front matter off a Markdown file, and its body to HTML.

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

/// Renders a page's or post's Markdown to HTML; links and images written as site paths
/// (`/about/`) get the base path `base`, so they work on a project site
/// (`https://name.github.io/repo/`) too. Pages are only ever HTML: they need no richer tree.
pub fn to_html(markdown: &str, base: &str) -> String {
    let site_path = |url: CowStr<'_>, base: &str| -> CowStr<'static> {
        super::rich::site_path(&url, base).into()
    };
    let events = Parser::new_ext(markdown, options()).map(|e| match e {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: site_path(dest_url, base),
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
            dest_url: site_path(dest_url, base),
            title,
            id,
        }),
        e => e,
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

/// The links and images of a page's or post's Markdown: each target with the byte offset of
/// the link in `markdown`.
pub fn link_offsets(markdown: &str) -> Vec<(usize, String)> {
    Parser::new_ext(markdown, options())
        .into_offset_iter()
        .filter_map(|(e, range)| match e {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some((range.start, dest_url.into_string()))
            }
            _ => None,
        })
        .collect()
}

/// Where Markdown links in `text` (a Markdown file, or YAML whose values are Markdown) are
/// left open: `[text](https://x.org` with no `)` on the line, which Markdown prints as text.
/// The byte offset of each link's `[`.
pub fn unclosed_links(text: &str) -> Vec<usize> {
    memchr::memmem::find_iter(text.as_bytes(), b"](")
        .filter_map(|at| {
            let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
            let line_end = text[at..].find('\n').map_or(text.len(), |n| at + n);
            let open = text[line_start..at].rfind('[')? + line_start;
            (!text[at + 2..line_end].contains(')')).then_some(open)
        })
        .collect()
}

/// The raw HTML of a page's or post's Markdown, each block or inline run with its byte offset.
pub fn html_offsets(markdown: &str) -> Vec<(usize, String)> {
    Parser::new_ext(markdown, options())
        .into_offset_iter()
        .filter_map(|(e, range)| match e {
            Event::Html(h) | Event::InlineHtml(h) => Some((range.start, h.into_string())),
            _ => None,
        })
        .collect()
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
    fn site_paths_get_the_base_path() {
        assert_eq!(
            to_html("[a](/about/) [b](//x.org/)", "/repo/"),
            "<p><a href=\"/repo/about/\">a</a> <a href=\"//x.org/\">b</a></p>\n"
        );
        assert_eq!(
            to_html("![p](/img/p.png)", "/repo/"),
            "<p><img src=\"/repo/img/p.png\" alt=\"p\" /></p>\n"
        );
        assert_eq!(
            to_html("[a](/about/)", "/"),
            "<p><a href=\"/about/\">a</a></p>\n"
        );
    }

    #[test]
    fn finds_link_offsets() {
        let md = "# T\n\nSee [a](/a/) and ![p](/p.png).\n";
        assert_eq!(
            link_offsets(md),
            [(9, "/a/".to_string()), (22, "/p.png".to_string())]
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
