//! Pages and posts: splitting YAML front matter off a Markdown file, and its body to HTML.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

use crate::diagnostics::{SourceError, SourceFile};

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_MATH
}

/// Renders a page's or post's Markdown to HTML: formulas (`$…$`, `$$…$$`) as MathML, code
/// blocks highlighted, footnotes gathered at the end with links both ways. Links and images
/// written as site paths (`/about/`) get the base path `base`, so they work on a project site
/// (`https://name.github.io/repo/`) too. Pages are only ever HTML: they need no richer tree.
pub fn to_html(markdown: &str, base: &str) -> String {
    let mut parser = super::rich::markdown_events(markdown, options());
    let mut body: Vec<Event<'_>> = Vec::new();
    let mut notes = Footnotes::default();
    // The footnotes being read, innermost last (a definition may sit inside another block,
    // even inside another definition): each label with its events.
    let mut open_notes: Vec<(String, Vec<Event<'_>>)> = Vec::new();
    // Inside an image, whose text is its `alt` attribute: plain text only.
    let mut in_image = 0usize;
    while let Some(event) = parser.next() {
        let event = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: super::rich::site_path(&dest_url, base).into(),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                in_image += 1;
                Event::Start(Tag::Image {
                    link_type,
                    dest_url: super::rich::site_path(&dest_url, base).into(),
                    title,
                    id,
                })
            }
            Event::End(TagEnd::Image) => {
                in_image = in_image.saturating_sub(1);
                Event::End(TagEnd::Image)
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let (lang, code) = super::rich::code_block(&kind, parser.by_ref());
                Event::Html(super::highlight::code_block(lang, &code).into())
            }
            Event::InlineMath(tex) | Event::DisplayMath(tex) if in_image > 0 => {
                Event::Text(super::math::math_text(&tex).into())
            }
            Event::InlineMath(tex) => Event::InlineHtml(super::math::mathml(&tex, false).into()),
            Event::DisplayMath(tex) => Event::InlineHtml(super::math::mathml(&tex, true).into()),
            Event::TaskListMarker(done) => Event::InlineHtml(
                if done {
                    "<input type=\"checkbox\" disabled checked aria-label=\"done\"> "
                } else {
                    "<input type=\"checkbox\" disabled aria-label=\"to do\"> "
                }
                .into(),
            ),
            Event::FootnoteReference(_) if in_image > 0 => continue,
            Event::FootnoteReference(label) => Event::InlineHtml(notes.reference(&label).into()),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                open_notes.push((label.to_string(), Vec::new()));
                continue;
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some((label, events)) = open_notes.pop() {
                    notes.define(&label, events);
                }
                continue;
            }
            e => e,
        };
        match open_notes.last_mut() {
            Some((_, events)) => events.push(event),
            None => body.push(event),
        }
    }
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, body.into_iter());
    notes.write(&mut out);
    out
}

/// Footnotes: numbered in the order they are first referred to, written after the text.
#[derive(Default)]
struct Footnotes<'a> {
    /// Labels in order of first reference; a note's number is its index + 1.
    order: Vec<String>,
    /// How often each note has been referred to so far, by number - 1.
    uses: Vec<usize>,
    /// The notes' contents by label, in the order written.
    defined: Vec<(String, Vec<Event<'a>>)>,
}

impl<'a> Footnotes<'a> {
    /// The superscript link for a reference to `label` (matched without regard to case, as
    /// Markdown matches labels).
    fn reference(&mut self, label: &str) -> String {
        let label = label.to_lowercase();
        let n = match self.order.iter().position(|l| *l == label) {
            Some(i) => i + 1,
            None => {
                self.order.push(label);
                self.uses.push(0);
                self.order.len()
            }
        };
        self.uses[n - 1] += 1;
        let id = match self.uses[n - 1] {
            1 => format!("fnref-{n}"),
            k => format!("fnref-{n}-{k}"),
        };
        format!("<sup class=\"fnref\"><a href=\"#fn-{n}\" id=\"{id}\">{n}</a></sup>")
    }

    fn define(&mut self, label: &str, events: Vec<Event<'a>>) {
        let label = label.to_lowercase();
        if !self.defined.iter().any(|(l, _)| *l == label) {
            self.defined.push((label, events));
        }
    }

    /// The notes as a numbered list, each with a link back to its first reference; notes never
    /// referred to come last, so that nothing written is lost.
    fn write(mut self, out: &mut String) {
        if self.defined.is_empty() {
            return;
        }
        let mut unreferenced: Vec<(String, Vec<Event<'a>>)> = Vec::new();
        let mut numbered: Vec<(usize, Vec<Event<'a>>)> = Vec::new();
        for (label, events) in std::mem::take(&mut self.defined) {
            match self.order.iter().position(|l| *l == label) {
                Some(i) => numbered.push((i + 1, events)),
                None => unreferenced.push((label, events)),
            }
        }
        numbered.sort_by_key(|(n, _)| *n);
        out.push_str("<section class=\"footnotes\" aria-label=\"Notes\">\n<ol>\n");
        let mut next = self.order.len();
        for (n, mut events) in numbered
            .into_iter()
            .map(|(n, e)| (Some(n), e))
            .chain(unreferenced.into_iter().map(|(_, e)| (None, e)))
        {
            let n = n.unwrap_or_else(|| {
                next += 1;
                next
            });
            out.push_str(&format!("<li id=\"fn-{n}\">"));
            if n <= self.order.len() {
                let back = format!(
                    " <a href=\"#fnref-{n}\" class=\"fn-back\" aria-label=\"Back to reference {n}\">\u{21a9}\u{fe0e}</a>"
                );
                // Inside the note's last paragraph, so that it ends the text, not a line.
                match events
                    .iter()
                    .rposition(|e| *e == Event::End(TagEnd::Paragraph))
                {
                    Some(at) if at + 1 == events.len() => {
                        events.insert(at, Event::InlineHtml(back.into()));
                    }
                    _ => events.push(Event::Html(back.into())),
                }
            }
            html::push_html(out, events.into_iter());
            out.push_str("</li>\n");
        }
        out.push_str("</ol>\n</section>\n");
    }
}

/// The words of a Markdown text, for a search index: text, code and formulas as written,
/// blocks apart; no markup, no raw HTML.
pub fn to_plain(markdown: &str) -> String {
    let mut out = String::new();
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableCell,
            ) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
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
    fn footnotes_referred_to_twice_or_never() {
        let html = to_html(
            "A[^b] and B[^a], A again[^b].\n\n[^a]: Note a.\n[^b]: Note b.\n[^c]: Never used.\n",
            "/",
        );
        // Numbered by first reference; a second reference gets its own id.
        assert!(html.contains("A<sup class=\"fnref\"><a href=\"#fn-1\" id=\"fnref-1\">1</a>"));
        assert!(html.contains("B<sup class=\"fnref\"><a href=\"#fn-2\" id=\"fnref-2\">2</a>"));
        assert!(
            html.contains("again<sup class=\"fnref\"><a href=\"#fn-1\" id=\"fnref-1-2\">1</a>")
        );
        let notes = &html[html.find("<section").unwrap()..];
        let b = notes.find("Note b.").unwrap();
        let a = notes.find("Note a.").unwrap();
        let c = notes.find("Never used.").unwrap();
        assert!(b < a && a < c, "{notes}");
        // Kept, numbered after the others, with no link back to a reference it does not have.
        assert!(
            notes.contains("<li id=\"fn-3\"><p>Never used.</p>"),
            "{notes}"
        );
        assert!(!html.contains("#fnref-3"), "{html}");
    }

    #[test]
    fn footnote_labels_ignore_case_and_notes_may_nest() {
        let html = to_html("See[^Note].\n\n[^note]: Text.\n", "/");
        assert!(
            html.contains("<a href=\"#fn-1\" id=\"fnref-1\">1</a>"),
            "{html}"
        );
        assert!(
            html.contains("<li id=\"fn-1\"><p>Text. <a href=\"#fnref-1\""),
            "{html}"
        );
        // A definition inside another one's quote: both kept whole, none in the text.
        let html = to_html("X[^a] Y[^b]\n\n[^a]: > Quoted.\n  > [^b]: Inner.\n", "/");
        let (text, notes) = html.split_at(html.find("<section").expect("notes"));
        assert_eq!(
            text.matches("<blockquote>").count(),
            text.matches("</blockquote>").count()
        );
        assert!(
            !text.contains("Quoted") && !text.contains("Inner"),
            "{html}"
        );
        assert!(
            notes.contains("Quoted.") && notes.contains("Inner."),
            "{html}"
        );
    }

    #[test]
    fn dollar_amounts_are_not_formulas() {
        for (md, text) in [
            (
                "grants of US$1.2M and US$300K",
                "grants of US$1.2M and US$300K",
            ),
            ("from $5M–$10M a year", "from $5M–$10M a year"),
            ("costs $5 and not $10.", "costs $5 and not $10."),
        ] {
            let html = to_html(md, "/");
            assert!(!html.contains("<math"), "{md}: {html}");
            assert!(html.contains(text), "{md}: {html}");
        }
        assert!(to_html("the $x^2$ term", "/").contains("<math"));
    }

    #[test]
    fn an_image_s_text_stays_text() {
        let html = to_html("![area $\\pi r^2$ here](c.png)", "/");
        assert!(!html.contains("&lt;math"), "{html}");
        assert!(html.contains("alt=\"area "), "{html}");
    }

    #[test]
    fn no_notes_no_section() {
        assert!(!to_html("Plain text.", "/").contains("footnotes"));
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
