//! Formatted text: one value, parsed once into a small tree of blocks and styled runs, and
//! rendered per target: HTML for pages, styled runs for the Typst PDF, plain text for JSON
//! exports, meta descriptions and feeds. No module reads back HTML that another one wrote.
//!
//! Markdown is parsed with pulldown-cmark; HTML is written by turning the tree back into
//! pulldown-cmark events, so pages get exactly the HTML CommonMark prescribes. Links written as
//! site paths (`/talks/`) are resolved against the base path when rendered, not when loaded.

use std::fmt;

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd, html,
};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Formatted text: a sequence of blocks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RichText {
    /// The blocks, in order.
    pub blocks: Vec<Block>,
    /// The Markdown it was written as, kept for writing it back (schemas, imports).
    source: String,
}

/// A block of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph.
    Paragraph(Vec<Inline>),
    /// Text of a tight list item: a paragraph without its own spacing.
    Plain(Vec<Inline>),
    /// A heading, level 1 to 6.
    Heading(u8, Vec<Inline>),
    /// A list: `start` is the first number of a numbered list.
    List {
        /// First number, for a numbered list.
        start: Option<u64>,
        /// Items, each a sequence of blocks.
        items: Vec<Vec<Block>>,
    },
    /// A quotation.
    Quote(Vec<Block>),
    /// Preformatted code, with its language if given.
    Code {
        /// The language of a fenced block.
        lang: Option<String>,
        /// The code.
        text: String,
    },
    /// A thematic break.
    Rule,
    /// HTML the author wrote as a block: shown on pages, left out of other formats.
    Html(String),
}

/// A styled run of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// Emphasis (italic).
    Emph(Vec<Inline>),
    /// Strong emphasis (bold).
    Strong(Vec<Inline>),
    /// Struck-out text.
    Strike(Vec<Inline>),
    /// Code.
    Code(String),
    /// A link; a site path (`/talks/`) gets the base path when rendered.
    Link {
        /// Target.
        url: String,
        /// Tooltip.
        title: String,
        /// Link text.
        content: Vec<Inline>,
    },
    /// An image.
    Image {
        /// Source.
        url: String,
        /// Tooltip.
        title: String,
        /// Alternative text.
        alt: Vec<Inline>,
    },
    /// Subscript.
    Sub(Vec<Inline>),
    /// Superscript.
    Sup(Vec<Inline>),
    /// Small capitals.
    SmallCaps(Vec<Inline>),
    /// Mathematics, kept as its LaTeX source.
    Math {
        /// The LaTeX source, without delimiters.
        tex: String,
        /// Display (own line) rather than inline.
        display: bool,
    },
    /// A hard line break.
    LineBreak,
    /// A line break in the source: a space when reflowed.
    SoftBreak,
    /// HTML the author wrote inline: shown on pages, left out of other formats.
    Html(String),
}

/// The Markdown of CV fields: CommonMark with strikethrough, typographic quotes and dashes, and
/// formulas (`$…$`; dollar amounts stay text: see [`MarkdownEvents`]).
fn options() -> Options {
    Options::ENABLE_STRIKETHROUGH | Options::ENABLE_SMART_PUNCTUATION | Options::ENABLE_MATH
}

/// Markdown's events, with one change: a formula whose closing `$` is followed by a digit is
/// text, as Pandoc reads it, so that dollar amounts stay amounts (`US$1.2M and US$300K`,
/// `$5M–$10M`).
pub(super) struct MarkdownEvents<'a> {
    inner: pulldown_cmark::OffsetIter<'a, pulldown_cmark::DefaultBrokenLinkCallback>,
    source: &'a str,
}

impl<'a> Iterator for MarkdownEvents<'a> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        let (event, range) = self.inner.next()?;
        Some(match event {
            Event::InlineMath(_)
                if self.source[range.end..].starts_with(|c: char| c.is_ascii_digit()) =>
            {
                Event::Text(CowStr::Borrowed(&self.source[range]))
            }
            e => e,
        })
    }
}

/// The events of `source` read with `options` (see [`MarkdownEvents`]).
pub(super) fn markdown_events(source: &str, options: Options) -> MarkdownEvents<'_> {
    MarkdownEvents {
        inner: Parser::new_ext(source, options).into_offset_iter(),
        source,
    }
}

impl RichText {
    /// Parses Markdown.
    pub fn markdown(source: &str) -> RichText {
        let mut events = markdown_events(source, options()).peekable();
        let blocks = blocks(&mut events, None);
        RichText {
            blocks,
            source: source.to_string(),
        }
    }

    /// Runs read from another source (BibTeX's LaTeX), as one paragraph; `source` as written.
    pub fn from_runs(inlines: Vec<Inline>, source: &str) -> RichText {
        RichText {
            blocks: if inlines.is_empty() {
                Vec::new()
            } else {
                vec![Block::Paragraph(inlines)]
            },
            source: source.to_string(),
        }
    }

    /// Plain text, as written: no formatting.
    pub fn plain_text(text: &str) -> RichText {
        RichText {
            blocks: vec![Block::Paragraph(vec![Inline::Text(text.to_string())])],
            source: text.to_string(),
        }
    }

    /// A title written with `$…$` formulas (`Certified $\ell_\infty$ Bounds`), as rich text;
    /// `None` for a title without one, or with other Markdown: a title's `*` or `_` is text.
    pub fn title_with_math(text: &str) -> Option<RichText> {
        if !text.contains('$') {
            return None;
        }
        let rich = RichText::markdown(text);
        let inlines = rich.single_paragraph()?;
        let is_math = |i: &Inline| matches!(i, Inline::Math { display: false, .. });
        let plain_or_math = inlines
            .iter()
            .all(|i| is_math(i) || matches!(i, Inline::Text(_)));
        (plain_or_math && inlines.iter().any(is_math)).then_some(rich)
    }

    /// The Markdown it was written as.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Whether it has no text at all.
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    /// One paragraph's runs, when the text is a single paragraph (a bullet, a claim).
    pub fn single_paragraph(&self) -> Option<&[Inline]> {
        match self.blocks.as_slice() {
            [Block::Paragraph(inlines)] => Some(inlines),
            _ => None,
        }
    }

    /// HTML for a page; site paths in links and images get `base` (`/` or `/repo/`).
    pub fn html(&self, base: &str) -> String {
        let mut events = Vec::new();
        for b in &self.blocks {
            block_events(b, base, &mut events);
        }
        let mut out = String::with_capacity(self.source.len() * 3 / 2);
        html::push_html(&mut out, events.into_iter());
        out
    }

    /// HTML for a snippet that sits inside a line of its own (a bullet, a claim): a single
    /// paragraph comes without its `<p>`.
    pub fn inline_html(&self, base: &str) -> String {
        match self.single_paragraph() {
            Some(inlines) => {
                let mut events = Vec::new();
                for i in inlines {
                    inline_events(i, base, &mut events);
                }
                let mut out = String::with_capacity(self.source.len() * 3 / 2);
                html::push_html(&mut out, events.into_iter());
                out
            }
            None => self.html(base).trim_end().to_string(),
        }
    }

    /// LaTeX for a BibTeX field: styles as `\emph`, `\textbf`, ..., math as written,
    /// paragraphs apart by a blank line, every special character escaped.
    pub fn latex(&self) -> String {
        let mut parts = Vec::new();
        for b in &self.blocks {
            let mut out = String::new();
            block_latex(b, &mut out);
            if !out.trim().is_empty() {
                parts.push(out.trim().to_string());
            }
        }
        parts.join("\n\n")
    }

    /// The targets of its links and images, as written.
    pub fn links(&self) -> Vec<&str> {
        let mut out = Vec::new();
        visit(&self.blocks, &mut |node| {
            if let Node::Inline(Inline::Link { url, .. } | Inline::Image { url, .. }) = node {
                out.push(url.as_str());
            }
        });
        out
    }

    /// Why one of its links cannot be written, if one cannot (see [`super::url::refused`]).
    pub fn refused_link(&self) -> Option<String> {
        let (mut link, mut html) = (None, String::new());
        visit(&self.blocks, &mut |node| match node {
            Node::Inline(Inline::Link { url, .. } | Inline::Image { url, .. }) => {
                link = link.take().or_else(|| super::url::refused(url));
            }
            Node::Inline(Inline::Html(h)) => html.push_str(h),
            Node::Html(h) => html.push_str(h),
            _ => {}
        });
        // Inline HTML comes a tag at a time: read together, as the browser will.
        link.or_else(|| super::url::refused_html(&html))
    }

    /// Plain text: paragraphs apart by a blank line, list items on lines of their own, line
    /// breaks in the source as spaces, math as its LaTeX source, HTML left out.
    pub fn plain(&self) -> String {
        blocks_plain(&self.blocks)
    }
}

/// A node of the tree, as [`visit`] gives it.
enum Node<'a> {
    /// A run, before the runs inside it.
    Inline(&'a Inline),
    /// A block of raw HTML.
    Html(&'a str),
}

/// Calls `f` on every run (outer ones first) and every HTML block, in document order.
fn visit<'a>(blocks: &'a [Block], f: &mut impl FnMut(Node<'a>)) {
    fn runs<'a>(inlines: &'a [Inline], f: &mut impl FnMut(Node<'a>)) {
        for i in inlines {
            f(Node::Inline(i));
            match i {
                Inline::Link { content: c, .. }
                | Inline::Image { alt: c, .. }
                | Inline::Emph(c)
                | Inline::Strong(c)
                | Inline::Strike(c)
                | Inline::Sub(c)
                | Inline::Sup(c)
                | Inline::SmallCaps(c) => runs(c, f),
                _ => {}
            }
        }
    }
    for b in blocks {
        match b {
            Block::Paragraph(i) | Block::Plain(i) | Block::Heading(_, i) => runs(i, f),
            Block::List { items, .. } => items.iter().for_each(|item| visit(item, f)),
            Block::Quote(inner) => visit(inner, f),
            Block::Html(h) => f(Node::Html(h)),
            Block::Code { .. } | Block::Rule => {}
        }
    }
}

fn blocks_plain(blocks: &[Block]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for b in blocks {
        let text = match b {
            Block::Paragraph(i) | Block::Plain(i) | Block::Heading(_, i) => inlines_plain(i),
            Block::List { items, .. } => items
                .iter()
                .map(|item| format!("- {}", blocks_plain(item).replace("\n\n", "\n")))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Quote(inner) => blocks_plain(inner),
            Block::Code { text, .. } => text.trim_end().to_string(),
            Block::Rule | Block::Html(_) => String::new(),
        };
        if !text.trim().is_empty() {
            parts.push(text.trim().to_string());
        }
    }
    parts.join("\n\n")
}

/// Plain text of runs.
pub fn inlines_plain(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain(inlines, &mut out);
    out
}

fn push_plain(inlines: &[Inline], out: &mut String) {
    for i in inlines {
        match i {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::Math { tex, .. } => out.push_str(&super::math::math_text(tex)),
            Inline::Emph(c)
            | Inline::Strong(c)
            | Inline::Strike(c)
            | Inline::Sub(c)
            | Inline::Sup(c)
            | Inline::SmallCaps(c)
            | Inline::Link { content: c, .. }
            | Inline::Image { alt: c, .. } => push_plain(c, out),
            Inline::LineBreak => out.push('\n'),
            Inline::SoftBreak => out.push(' '),
            Inline::Html(_) => {}
        }
    }
}

/// Escapes text for a braced BibTeX field value.
pub fn latex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    // Runs of plain text are copied whole: most titles and names have nothing to escape.
    while let Some(at) = rest.bytes().position(|b| {
        matches!(
            b,
            b'\\' | b'{' | b'}' | b'&' | b'%' | b'$' | b'#' | b'_' | b'~' | b'^'
        )
    }) {
        out.push_str(&rest[..at]);
        match rest.as_bytes()[at] {
            b'\\' => out.push_str("\\textbackslash{}"),
            // BibTeX counts `\{` and `\}` as braces: one alone would end the field early.
            b'{' => out.push_str("\\textbraceleft{}"),
            b'}' => out.push_str("\\textbraceright{}"),
            b'~' => out.push_str("\\textasciitilde{}"),
            b'^' => out.push_str("\\textasciicircum{}"),
            c => {
                out.push('\\');
                out.push(char::from(c));
            }
        }
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
    out
}

fn block_latex(b: &Block, out: &mut String) {
    match b {
        Block::Paragraph(i) | Block::Plain(i) | Block::Heading(_, i) => inlines_latex(i, out),
        Block::List { items, .. } => {
            for (n, item) in items.iter().enumerate() {
                if n > 0 {
                    out.push_str("; ");
                }
                for b in item {
                    block_latex(b, out);
                }
            }
        }
        Block::Quote(inner) => inner.iter().for_each(|b| block_latex(b, out)),
        Block::Code { text, .. } => {
            out.push_str("\\texttt{");
            out.push_str(&latex_escape(text.trim_end()));
            out.push('}');
        }
        Block::Rule | Block::Html(_) => {}
    }
}

fn inlines_latex(inlines: &[Inline], out: &mut String) {
    let wrap = |command: &str, inner: &[Inline], out: &mut String| {
        out.push('\\');
        out.push_str(command);
        out.push('{');
        inlines_latex(inner, out);
        out.push('}');
    };
    for i in inlines {
        match i {
            Inline::Text(t) => out.push_str(&latex_escape(t)),
            Inline::Emph(c) => wrap("emph", c, out),
            Inline::Strong(c) => wrap("textbf", c, out),
            Inline::Strike(c) => inlines_latex(c, out),
            Inline::Sub(c) => wrap("textsubscript", c, out),
            Inline::Sup(c) => wrap("textsuperscript", c, out),
            Inline::SmallCaps(c) => wrap("textsc", c, out),
            Inline::Code(t) => {
                out.push_str("\\texttt{");
                out.push_str(&latex_escape(t));
                out.push('}');
            }
            // A link's text is what a reader of the reference sees.
            Inline::Link { content, .. } => inlines_latex(content, out),
            Inline::Image { alt, .. } => inlines_latex(alt, out),
            Inline::Math { tex, .. } => {
                out.push('$');
                out.push_str(tex);
                out.push('$');
            }
            Inline::LineBreak => out.push_str("\\\\ "),
            Inline::SoftBreak => out.push(' '),
            Inline::Html(_) => {}
        }
    }
}

/// A site path (`/about/`) with the base path; other URLs as they are.
pub fn site_path(url: &str, base: &str) -> String {
    match url.strip_prefix('/') {
        Some(rest) if !rest.starts_with('/') && base != "/" => format!("{base}{rest}"),
        _ => url.to_string(),
    }
}

fn block_events(b: &Block, base: &str, out: &mut Vec<Event<'static>>) {
    let wrap = |start: Tag<'static>, end: TagEnd, inner: &[Inline], out: &mut Vec<_>| {
        out.push(Event::Start(start));
        for i in inner {
            inline_events(i, base, out);
        }
        out.push(Event::End(end));
    };
    match b {
        Block::Paragraph(i) => wrap(Tag::Paragraph, TagEnd::Paragraph, i, out),
        Block::Plain(i) => {
            for x in i {
                inline_events(x, base, out);
            }
        }
        Block::Heading(level, i) => {
            let level = HeadingLevel::try_from(usize::from(*level)).unwrap_or(HeadingLevel::H6);
            let start = Tag::Heading {
                level,
                id: None,
                classes: Vec::new(),
                attrs: Vec::new(),
            };
            wrap(start, TagEnd::Heading(level), i, out)
        }
        Block::List { start, items } => {
            out.push(Event::Start(Tag::List(*start)));
            for item in items {
                out.push(Event::Start(Tag::Item));
                for b in item {
                    block_events(b, base, out);
                }
                out.push(Event::End(TagEnd::Item));
            }
            out.push(Event::End(TagEnd::List(start.is_some())));
        }
        Block::Quote(inner) => {
            out.push(Event::Start(Tag::BlockQuote(None)));
            for b in inner {
                block_events(b, base, out);
            }
            out.push(Event::End(TagEnd::BlockQuote(None)));
        }
        Block::Code { lang, text } => out.push(Event::Html(
            super::highlight::code_block(lang.as_deref(), text).into(),
        )),
        Block::Rule => out.push(Event::Rule),
        Block::Html(h) => {
            out.push(Event::Start(Tag::HtmlBlock));
            out.push(Event::Html(h.clone().into()));
            out.push(Event::End(TagEnd::HtmlBlock));
        }
    }
}

fn inline_events(i: &Inline, base: &str, out: &mut Vec<Event<'static>>) {
    let mut wrap = |start: Tag<'static>, end: TagEnd, inner: &[Inline]| {
        out.push(Event::Start(start));
        for x in inner {
            inline_events(x, base, out);
        }
        out.push(Event::End(end));
    };
    match i {
        Inline::Text(t) => out.push(Event::Text(t.clone().into())),
        Inline::Emph(c) => wrap(Tag::Emphasis, TagEnd::Emphasis, c),
        Inline::Strong(c) => wrap(Tag::Strong, TagEnd::Strong, c),
        Inline::Strike(c) => wrap(Tag::Strikethrough, TagEnd::Strikethrough, c),
        Inline::Sub(c) => wrap(Tag::Subscript, TagEnd::Subscript, c),
        Inline::Sup(c) => wrap(Tag::Superscript, TagEnd::Superscript, c),
        Inline::SmallCaps(c) => {
            out.push(Event::InlineHtml("<span class=\"smallcaps\">".into()));
            for x in c {
                inline_events(x, base, out);
            }
            out.push(Event::InlineHtml("</span>".into()));
        }
        Inline::Code(t) => out.push(Event::Code(t.clone().into())),
        Inline::Link {
            url,
            title,
            content,
        } => {
            let start = Tag::Link {
                link_type: LinkType::Inline,
                dest_url: site_path(url, base).into(),
                title: title.clone().into(),
                id: CowStr::Borrowed(""),
            };
            wrap(start, TagEnd::Link, content)
        }
        Inline::Image { url, title, alt } => {
            let start = Tag::Image {
                link_type: LinkType::Inline,
                dest_url: site_path(url, base).into(),
                title: title.clone().into(),
                id: CowStr::Borrowed(""),
            };
            wrap(start, TagEnd::Image, alt)
        }
        Inline::Math { tex, display } => {
            out.push(Event::InlineHtml(super::math::mathml(tex, *display).into()))
        }
        Inline::LineBreak => out.push(Event::HardBreak),
        Inline::SoftBreak => out.push(Event::SoftBreak),
        Inline::Html(h) => out.push(Event::InlineHtml(h.clone().into())),
    }
}

type Events<'a> = std::iter::Peekable<MarkdownEvents<'a>>;

/// Blocks up to the end of `until` (or of the input).
fn blocks(events: &mut Events<'_>, until: Option<TagEnd>) -> Vec<Block> {
    let mut out = Vec::new();
    let mut plain: Vec<Inline> = Vec::new();
    let flush = |plain: &mut Vec<Inline>, out: &mut Vec<Block>| {
        if !plain.is_empty() {
            out.push(Block::Plain(std::mem::take(plain)));
        }
    };
    while let Some(e) = events.next() {
        match e {
            Event::End(end) if Some(end) == until => break,
            Event::Start(Tag::Paragraph) => {
                flush(&mut plain, &mut out);
                out.push(Block::Paragraph(inlines(events, TagEnd::Paragraph)));
            }
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut plain, &mut out);
                let content = inlines(events, TagEnd::Heading(level));
                out.push(Block::Heading(level as u8, content));
            }
            Event::Start(Tag::List(start)) => {
                flush(&mut plain, &mut out);
                let mut items = Vec::new();
                while let Some(e) = events.next() {
                    match e {
                        Event::Start(Tag::Item) => items.push(blocks(events, Some(TagEnd::Item))),
                        Event::End(TagEnd::List(_)) => break,
                        _ => {}
                    }
                }
                out.push(Block::List { start, items });
            }
            Event::Start(Tag::BlockQuote(kind)) => {
                flush(&mut plain, &mut out);
                out.push(Block::Quote(blocks(events, Some(TagEnd::BlockQuote(kind)))));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                flush(&mut plain, &mut out);
                let (lang, text) = code_block(&kind, events.by_ref());
                out.push(Block::Code {
                    lang: lang.map(String::from),
                    text,
                });
            }
            Event::Start(Tag::HtmlBlock) => {
                flush(&mut plain, &mut out);
                let mut html = String::new();
                for e in events.by_ref() {
                    match e {
                        Event::Html(h) | Event::Text(h) => html.push_str(&h),
                        Event::End(TagEnd::HtmlBlock) => break,
                        _ => {}
                    }
                }
                out.push(Block::Html(html));
            }
            Event::Rule => {
                flush(&mut plain, &mut out);
                out.push(Block::Rule);
            }
            // Text straight inside a tight list item.
            other => {
                if let Some(i) = inline(other, events) {
                    plain.push(i);
                }
            }
        }
    }
    flush(&mut plain, &mut out);
    out
}

/// A code block's language (the first word of a fence's info string) and its text, read from
/// `events` up to the block's end.
pub(super) fn code_block<'k, 'a>(
    kind: &'k CodeBlockKind<'_>,
    events: impl Iterator<Item = Event<'a>>,
) -> (Option<&'k str>, String) {
    let lang = match kind {
        CodeBlockKind::Fenced(info) => info.split_whitespace().next(),
        CodeBlockKind::Indented => None,
    };
    let mut text = String::new();
    for e in events {
        match e {
            Event::Text(t) => text.push_str(&t),
            Event::End(TagEnd::CodeBlock) => break,
            _ => {}
        }
    }
    (lang, text)
}

/// Runs up to the end of `until`.
fn inlines(events: &mut Events<'_>, until: TagEnd) -> Vec<Inline> {
    let mut out = Vec::new();
    while let Some(e) = events.next() {
        match e {
            Event::End(end) if end == until => break,
            other => {
                if let Some(i) = inline(other, events) {
                    out.push(i);
                }
            }
        }
    }
    merge_text(out)
}

/// Joins neighbouring text runs (the parser splits text at entities and quotes).
fn merge_text(runs: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(runs.len());
    for r in runs {
        match (out.last_mut(), r) {
            (Some(Inline::Text(a)), Inline::Text(b)) => a.push_str(&b),
            (_, r) => out.push(r),
        }
    }
    out
}

/// One run, starting with event `e`.
fn inline(e: Event<'_>, events: &mut Events<'_>) -> Option<Inline> {
    Some(match e {
        Event::Text(t) => Inline::Text(t.into_string()),
        Event::Code(t) => Inline::Code(t.into_string()),
        Event::InlineMath(t) => Inline::Math {
            tex: t.into_string(),
            display: false,
        },
        Event::DisplayMath(t) => Inline::Math {
            tex: t.into_string(),
            display: true,
        },
        Event::Html(h) | Event::InlineHtml(h) => Inline::Html(h.into_string()),
        Event::SoftBreak => Inline::SoftBreak,
        Event::HardBreak => Inline::LineBreak,
        Event::Start(Tag::Emphasis) => Inline::Emph(inlines(events, TagEnd::Emphasis)),
        Event::Start(Tag::Strong) => Inline::Strong(inlines(events, TagEnd::Strong)),
        Event::Start(Tag::Strikethrough) => Inline::Strike(inlines(events, TagEnd::Strikethrough)),
        Event::Start(Tag::Subscript) => Inline::Sub(inlines(events, TagEnd::Subscript)),
        Event::Start(Tag::Superscript) => Inline::Sup(inlines(events, TagEnd::Superscript)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            ..
        }) => {
            let url = if link_type == LinkType::Email {
                format!("mailto:{dest_url}")
            } else {
                dest_url.into_string()
            };
            Inline::Link {
                url,
                title: title.into_string(),
                content: inlines(events, TagEnd::Link),
            }
        }
        Event::Start(Tag::Image {
            dest_url, title, ..
        }) => Inline::Image {
            url: dest_url.into_string(),
            title: title.into_string(),
            alt: inlines(events, TagEnd::Image),
        },
        // Nothing else occurs inside a paragraph with the options above.
        _ => return None,
    })
}

impl fmt::Display for RichText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.plain())
    }
}

impl<'de> Deserialize<'de> for RichText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let rich = RichText::markdown(&String::deserialize(d)?);
        match rich.refused_link() {
            Some(why) => Err(serde::de::Error::custom(why)),
            None => Ok(rich),
        }
    }
}

impl Serialize for RichText {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.source)
    }
}

super::string_schema!(RichText);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latex_escape_escapes_each_special_character() {
        assert_eq!(
            latex_escape(r"Café_1 {x} 50% $5 #1 & a\b ~^ end"),
            r"Café\_1 \textbraceleft{}x\textbraceright{} 50\% \$5 \#1 \& a\textbackslash{}b \textasciitilde{}\textasciicircum{} end"
        );
        assert_eq!(latex_escape("plain"), "plain");
        assert_eq!(latex_escape(""), "");
    }

    /// What pulldown-cmark writes for the same Markdown, with these options.
    fn reference(md: &str) -> String {
        let mut out = String::new();
        html::push_html(&mut out, Parser::new_ext(md, options()));
        out
    }

    #[test]
    fn html_is_what_commonmark_prescribes() {
        for md in [
            "Proposed **AdaTape** & *more* (`x<y`)",
            "a  \nb\nc",
            "One.\n\nTwo [link](https://x.org/?a=1&b=2 \"T\").",
            "- tight\n- list **b**\n  - nested\n\n1. one\n2. two",
            "3. loose\n\n4. list\n",
            "# Head\n\n> quote\n\n---\n",
            "<div class=\"x\">block</div>\n\nand <sup>inline</sup> html",
            "![alt *text*](/img/p.png \"t\") <me@x.org> ~~gone~~ \"quotes\" -- dashes",
        ] {
            assert_eq!(RichText::markdown(md).html("/"), reference(md), "{md}");
        }
    }

    #[test]
    fn code_blocks_are_highlighted() {
        assert_eq!(
            RichText::markdown("```rust\nfn x() {}\n```\n\n    indented\n").html("/"),
            super::super::highlight::code_block(Some("rust"), "fn x() {}\n")
                + &super::super::highlight::code_block(None, "indented\n")
        );
    }

    #[test]
    fn single_paragraphs_lose_their_p() {
        let t = RichText::markdown("Proposed **AdaTape**");
        assert_eq!(t.inline_html("/"), "Proposed <strong>AdaTape</strong>");
        assert_eq!(RichText::markdown("a & b").inline_html("/"), "a &amp; b");
        let two = RichText::markdown("a\n\nb");
        assert_eq!(two.inline_html("/"), "<p>a</p>\n<p>b</p>");
    }

    #[test]
    fn site_paths_get_the_base_path_when_rendered() {
        let t =
            RichText::markdown("[a](/about/) [b](https://x.org/) [c](//x.org/) ![p](/img/p.png)");
        assert_eq!(
            t.inline_html("/repo/"),
            "<a href=\"/repo/about/\">a</a> <a href=\"https://x.org/\">b</a> <a href=\"//x.org/\">c</a> <img src=\"/repo/img/p.png\" alt=\"p\" />"
        );
        assert!(t.inline_html("/").contains("href=\"/about/\""));
    }

    #[test]
    fn plain_text() {
        let t =
            RichText::markdown("A **bold** [link](/x/)\nwraps & <b>tags</b> go.\n\n- one\n- `two`");
        assert_eq!(t.plain(), "A bold link wraps & tags go.\n\n- one\n- two");
        assert_eq!(RichText::markdown("").plain(), "");
        assert!(RichText::markdown("").is_empty());
    }

    #[test]
    fn latex_for_bibtex() {
        let t = RichText::markdown("We prove *many* things: **100%** of `a_b` & more.\n\nSecond.");
        assert_eq!(
            t.latex(),
            "We prove \\emph{many} things: \\textbf{100\\%} of \\texttt{a\\_b} \\& more.\n\nSecond."
        );
        let math = RichText {
            blocks: vec![Block::Paragraph(vec![
                Inline::Text("H".into()),
                Inline::Sub(vec![Inline::Text("2".into())]),
                Inline::Text("O at ".into()),
                Inline::Math {
                    tex: "x^2".into(),
                    display: false,
                },
                Inline::SmallCaps(vec![Inline::Text("Bert".into())]),
            ])],
            source: String::new(),
        };
        assert_eq!(math.latex(), "H\\textsubscript{2}O at $x^2$\\textsc{Bert}");
        assert_eq!(
            latex_escape("{a}~^\\"),
            "\\textbraceleft{}a\\textbraceright{}\\textasciitilde{}\\textasciicircum{}\\textbackslash{}"
        );
    }

    #[test]
    fn links_are_listed() {
        let t = RichText::markdown("See [a](/a/) and *[b](https://b.org/)*.\n\n- ![c](/c.png)");
        assert_eq!(t.links(), ["/a/", "https://b.org/", "/c.png"]);
    }

    #[test]
    fn serde_round_trip_keeps_the_markdown() {
        let t: RichText = serde_yaml::from_str("\"*x* y\"").unwrap();
        assert_eq!(t.source(), "*x* y");
        assert_eq!(t.single_paragraph().map(<[Inline]>::len), Some(2));
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"*x* y\"");
    }
}
