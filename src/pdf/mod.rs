//! `/cv.pdf`: the full CV typeset with Typst, from the same view model as the pages.
//!
//! The data reaches the Typst template as JSON (a virtual `cv.json` that the template reads with
//! `json("cv.json")`), not by rendering Typst source through Tera: user text then never meets
//! Typst's markup syntax, so a `#`, `*` or `$` in a title cannot break or inject into the layout,
//! and the template is plain Typst that Typst's own tools understand.

use serde::Serialize;

use crate::config::{Config, CvSection, PaperSize};
use crate::content::math;
use crate::content::rich::{self, Block, Inline, RichText};
use crate::render::view::{self, SiteData};

/// A run of text with one style: Typst gets structure, never markup.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Span {
    /// The text.
    pub text: String,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Code.
    pub code: bool,
    /// Link target.
    pub url: Option<String>,
    /// Mathematics as Typst math markup, when it is a formula (`text` then holds it as
    /// Unicode text, for templates that print text only).
    pub math: Option<String>,
}

/// The style a run is in while walking the tree.
#[derive(Clone, Default)]
struct Style {
    bold: bool,
    italic: bool,
    code: bool,
    url: Option<String>,
}

/// Collects runs, joining neighbours of the same style.
struct Runs<'a> {
    base: &'a str,
    out: Vec<Span>,
}

impl Runs<'_> {
    fn push(&mut self, text: &str, s: &Style) {
        if text.is_empty() {
            return;
        }
        match self.out.last_mut() {
            Some(last)
                if last.math.is_none()
                    && (last.bold, last.italic, last.code, &last.url)
                        == (s.bold, s.italic, s.code, &s.url) =>
            {
                last.text.push_str(text)
            }
            _ => self.out.push(Span {
                text: text.to_string(),
                bold: s.bold,
                italic: s.italic,
                code: s.code,
                url: s.url.clone(),
                math: None,
            }),
        }
    }

    /// A formula: a run of its own, as Typst math when it translates (and parses).
    fn math(&mut self, tex: &str, s: &Style) {
        let text = math::math_text(tex);
        let typst = math::typst(tex).filter(|m| typst_parses(m));
        if typst.is_none() {
            return self.push(&text, s);
        }
        self.out.push(Span {
            text,
            bold: s.bold,
            italic: s.italic,
            code: false,
            url: s.url.clone(),
            math: typst,
        });
    }

    fn inlines(&mut self, inlines: &[Inline], s: &Style) {
        for i in inlines {
            match i {
                Inline::Text(t) => self.push(t, s),
                Inline::Code(t) => self.push(
                    t,
                    &Style {
                        code: true,
                        ..s.clone()
                    },
                ),
                Inline::Math { tex, .. } => self.math(tex, s),
                Inline::Strong(c) => self.inlines(
                    c,
                    &Style {
                        bold: true,
                        ..s.clone()
                    },
                ),
                Inline::Emph(c) => self.inlines(
                    c,
                    &Style {
                        italic: true,
                        ..s.clone()
                    },
                ),
                Inline::Strike(c) | Inline::Sub(c) | Inline::Sup(c) | Inline::SmallCaps(c) => {
                    self.inlines(c, s)
                }
                Inline::Link { url, content, .. } => {
                    let url = Some(rich::site_path(url, self.base));
                    self.inlines(content, &Style { url, ..s.clone() })
                }
                Inline::LineBreak | Inline::SoftBreak => self.push("\n", s),
                // Pictures and the author's own HTML have no place in the PDF.
                Inline::Image { .. } | Inline::Html(_) => {}
            }
        }
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for (n, b) in blocks.iter().enumerate() {
            if n > 0 {
                self.push("\n", &Style::default());
            }
            match b {
                Block::Paragraph(i) | Block::Plain(i) | Block::Heading(_, i) => {
                    self.inlines(i, &Style::default())
                }
                Block::List { items, .. } => {
                    for (k, item) in items.iter().enumerate() {
                        if k > 0 {
                            self.push("\n", &Style::default());
                        }
                        self.blocks(item);
                    }
                }
                Block::Quote(inner) => self.blocks(inner),
                Block::Code { text, .. } => self.push(
                    text.trim_end(),
                    &Style {
                        code: true,
                        ..Style::default()
                    },
                ),
                Block::Rule | Block::Html(_) => {}
            }
        }
    }
}

/// Whether Typst reads `m` as math without an error: a last guard, so that a formula this
/// module translates wrongly shows as text instead of failing the whole PDF.
#[cfg(feature = "pdf")]
fn typst_parses(m: &str) -> bool {
    typst::syntax::parse_math(m)
        .errors_and_warnings()
        .0
        .is_empty()
}

#[cfg(not(feature = "pdf"))]
fn typst_parses(_: &str) -> bool {
    true
}

/// Formatted text as styled runs, blocks a line apart; site paths in links get `base`.
pub fn spans(text: &RichText, base: &str) -> Vec<Span> {
    let mut runs = Runs {
        base,
        out: Vec::new(),
    };
    runs.blocks(&text.blocks);
    runs.out
}

/// Unstyled text as runs.
fn plain_span(text: &str) -> Vec<Span> {
    vec![Span {
        text: text.to_string(),
        ..Default::default()
    }]
}

/// Paragraphs of a block of text (the biography), each as runs.
fn paragraphs(text: &RichText, base: &str) -> Vec<Vec<Span>> {
    text.blocks
        .iter()
        .map(|b| {
            let mut runs = Runs {
                base,
                out: Vec::new(),
            };
            runs.blocks(std::slice::from_ref(b));
            runs.out
        })
        .filter(|p| !p.is_empty())
        .collect()
}

#[derive(Serialize)]
struct PdfData<'a> {
    paper: &'static str,
    language: &'a str,
    /// `ltr` or `rtl`.
    dir: crate::labels::Direction,
    /// The fixed words, in the site's language.
    labels: &'a crate::labels::Labels,
    /// The accent colour (`theme.accent`), as `#rrggbb`.
    accent: String,
    title: String,
    site_url: &'a str,
    profile: PdfProfile<'a>,
    sections: &'a [CvSection],
    education: Vec<PdfEducation<'a>>,
    experience: Vec<PdfExperienceGroup<'a>>,
    publications_by_year: Vec<PdfPubGroup<'a>>,
    projects: Vec<PdfProject<'a>>,
    legend: crate::render::view::Legend,
    highlights_legend: crate::render::view::Legend,
    awards: Vec<PdfAward<'a>>,
    talks: &'a [view::TalkView],
    teaching: Vec<PdfTeaching<'a>>,
    service: &'a [view::ServiceView],
    skills: &'a [view::SkillGroup],
    news: Vec<PdfNews<'a>>,
}

#[derive(Serialize)]
struct PdfProfile<'a> {
    name: &'a str,
    position: Option<&'a str>,
    affiliation: Option<&'a str>,
    email: Option<&'a str>,
    phone: Option<&'a str>,
    location: Option<&'a str>,
    website: Option<&'a str>,
    website_label: Option<&'a str>,
    links: &'a [view::LinkView],
    interests: &'a [crate::content::model::InterestGroup],
    bio: Option<Vec<Vec<Span>>>,
    publications_url: Option<&'a str>,
}

#[derive(Serialize)]
struct PdfEducation<'a> {
    /// The degree with its field, as the language puts them.
    title: &'a str,
    degree: &'a str,
    field: Option<&'a str>,
    institution: &'a str,
    location: Option<&'a str>,
    dates: &'a str,
    advisors_label: &'a str,
    advisors: &'a str,
    thesis: Option<&'a str>,
    gpa: Option<&'a str>,
    honors_spans: Vec<Vec<Span>>,
    notes_spans: Vec<Vec<Span>>,
}

#[derive(Serialize)]
struct PdfExperienceGroup<'a> {
    category: Option<&'a str>,
    entries: Vec<PdfExperience<'a>>,
}

#[derive(Serialize)]
struct PdfExperience<'a> {
    organization: &'a str,
    team: Option<&'a str>,
    role: &'a str,
    place: Option<&'a str>,
    dates: &'a str,
    mentors: Option<&'a str>,
    summary_spans: Option<Vec<Span>>,
    highlights_spans: Vec<Vec<Span>>,
}

#[derive(Serialize)]
struct PdfPubGroup<'a> {
    label: &'a str,
    items: Vec<PdfPub<'a>>,
}

#[derive(Serialize)]
struct PdfPub<'a> {
    title: &'a str,
    title_spans: Vec<Span>,
    url: String,
    authors: &'a [view::AuthorView],
    et_al: bool,
    venue: &'a str,
    venue_spans: Vec<Span>,
    award: Option<&'a str>,
    links: &'a [view::LinkView],
}

fn pdf_pub<'a>(p: &'a view::PublicationView, base: &str) -> PdfPub<'a> {
    // The venue with its styling, then what the pages add after it: " (SHORT)" or ", 2024".
    let mut venue = match (&p.venue_html, &p.venue) {
        (Some(rich), Some(plain)) => {
            let mut v = spans(&rich.text, base);
            v.extend(plain_span(
                &p.venue_text[plain.len().min(p.venue_text.len())..],
            ));
            v
        }
        _ => plain_span(&p.venue_text),
    };
    venue.retain(|s| !s.text.is_empty());
    PdfPub {
        title: &p.title,
        title_spans: spans(&p.title_html.text, base),
        url: p.permalink.clone(),
        authors: &p.authors,
        et_al: p.et_al,
        venue: &p.venue_text,
        venue_spans: venue,
        award: p.award.as_deref(),
        links: &p.links,
    }
}

#[derive(Serialize)]
struct PdfProject<'a> {
    name: &'a str,
    claim: Option<Vec<Span>>,
    papers: Vec<PdfPub<'a>>,
}

#[derive(Serialize)]
struct PdfAward<'a> {
    title: &'a str,
    issuer: Option<&'a str>,
    date: Option<&'a str>,
    date_iso: Option<&'a str>,
    url: Option<&'a str>,
    description_spans: Option<Vec<Span>>,
}

#[derive(Serialize)]
struct PdfTeaching<'a> {
    course: &'a str,
    role: &'a str,
    institution: Option<&'a str>,
    dates: &'a str,
    description_spans: Option<Vec<Span>>,
}

#[derive(Serialize)]
struct PdfNews<'a> {
    date: &'a str,
    text: Vec<Span>,
}

/// The JSON the Typst template reads as `cv.json`.
pub fn data(site: &SiteData, config: &Config) -> String {
    let p = &site.profile;
    let base = site.site.base.as_str();
    let spans = |r: &view::Rich| spans(&r.text, base);
    let data = PdfData {
        paper: match config.cv.paper {
            PaperSize::A4 => "a4",
            PaperSize::Letter => "us-letter",
        },
        language: &site.site.language,
        dir: site.site.dir,
        labels: &site.labels,
        // Checked for contrast on white when the configuration is loaded.
        accent: (config.theme.accent)
            .unwrap_or(crate::colour::DEFAULT_ACCENT)
            .to_string(),
        title: format!("{} – {}", p.name, site.labels.curriculum_vitae),
        site_url: &site.site.base_url,
        profile: PdfProfile {
            name: &p.name,
            position: p.position.as_deref(),
            affiliation: p.affiliation.as_deref(),
            email: p.contact.email.as_deref(),
            phone: p.contact.phone.as_deref(),
            location: p.contact.location.as_deref(),
            website: p.contact.website.as_deref(),
            website_label: p.website_label.as_deref(),
            links: &p.links,
            interests: &p.interests,
            bio: p.bio_html.as_ref().map(|b| paragraphs(&b.text, base)),
            publications_url: p.publications_url.as_deref(),
        },
        sections: &site.cv_sections,
        education: site
            .education
            .iter()
            .map(|e| PdfEducation {
                title: &e.title,
                degree: &e.degree,
                field: e.field.as_deref(),
                institution: &e.institution,
                location: e.location.as_deref(),
                dates: &e.dates,
                advisors_label: &e.advisors_label,
                advisors: &e.advisors,
                thesis: e.thesis.as_deref(),
                gpa: e.gpa.as_deref(),
                honors_spans: e.honors.iter().map(spans).collect(),
                notes_spans: e.notes.iter().map(spans).collect(),
            })
            .collect(),
        experience: site
            .experience
            .iter()
            .map(|g| PdfExperienceGroup {
                category: g.category.as_deref(),
                entries: g
                    .entries
                    .iter()
                    .map(|x| PdfExperience {
                        organization: &x.organization,
                        team: x.team.as_deref(),
                        role: &x.role,
                        place: x.place.as_deref(),
                        dates: &x.dates,
                        mentors: x.mentors.as_deref(),
                        summary_spans: x.summary_html.as_ref().map(spans),
                        highlights_spans: x.highlights.iter().map(spans).collect(),
                    })
                    .collect(),
            })
            .collect(),
        publications_by_year: site
            .publications_by_year
            .iter()
            .map(|g| PdfPubGroup {
                label: &g.label,
                items: g.items.iter().map(|p| pdf_pub(p, base)).collect(),
            })
            .collect(),
        projects: site
            .projects
            .iter()
            .map(|pr| PdfProject {
                name: &pr.name,
                claim: pr.claim_html.as_ref().map(spans),
                papers: pr.papers.iter().map(|p| pdf_pub(p, base)).collect(),
            })
            .collect(),
        legend: site.legend,
        highlights_legend: site.highlights_legend,
        awards: site
            .awards
            .iter()
            .map(|a| PdfAward {
                title: &a.title,
                issuer: a.issuer.as_deref(),
                date: a.date.as_deref(),
                date_iso: a.date_iso.as_deref(),
                url: a.url.as_deref(),
                description_spans: a.description_html.as_ref().map(spans),
            })
            .collect(),
        talks: &site.talks,
        teaching: site
            .teaching
            .iter()
            .map(|t| PdfTeaching {
                course: &t.course,
                role: &t.role,
                institution: t.institution.as_deref(),
                dates: &t.dates,
                description_spans: t.description_html.as_ref().map(spans),
            })
            .collect(),
        service: &site.service,
        skills: &site.skills,
        news: site
            .news
            .iter()
            .map(|n| PdfNews {
                date: &n.date,
                text: spans(&n.html),
            })
            .collect(),
    };
    serde_json::to_string(&data).expect("the CV data serializes")
}

#[cfg(feature = "pdf")]
mod typeset;
#[cfg(feature = "pdf")]
pub use typeset::{Typeset, compile};

/// The folder of a site's own fonts for the PDF, in its root: for the scripts the built-in
/// fonts lack (Chinese, Japanese, Korean, Arabic, Hebrew, ...). Not `static/`: a 20 MB font
/// the PDF needs has no place on the website.
pub const FONTS_DIR: &str = "fonts";

/// A site's own font files (`fonts/*.otf`, `.ttf`, `.ttc`, `.otc`), which the PDF falls back to
/// for a character the built-in fonts do not have.
#[derive(Debug, Clone, Default)]
pub struct SiteFonts {
    /// Each file: its name under `fonts/`, its size and time (for the fingerprint), its bytes.
    files: Vec<(String, u64, Option<std::time::SystemTime>, FontBytes)>,
}

/// A font file's bytes, shared: the preview keeps them between builds without copying.
#[derive(Debug, Clone)]
pub struct FontBytes(std::sync::Arc<Vec<u8>>);

impl AsRef<[u8]> for FontBytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl SiteFonts {
    /// The font files in `root/fonts/` (none when there is no such folder).
    pub fn load(root: &std::path::Path) -> Result<SiteFonts, crate::diagnostics::SourceError> {
        let dir = root.join(FONTS_DIR);
        let mut files = Vec::new();
        if !dir.is_dir() {
            return Ok(SiteFonts { files });
        }
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let Ok(entry) = entry else { continue };
            let path = entry.path();
            let ext = path
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or_default();
            if !entry.file_type().is_file()
                || !["otf", "ttf", "ttc", "otc"].contains(&ext.to_ascii_lowercase().as_str())
            {
                continue;
            }
            let name = crate::diagnostics::display_path(root, path);
            let bytes = std::fs::read(path).map_err(|e| {
                crate::diagnostics::SourceError::whole_file(
                    &name,
                    format!("cannot read this font: {e}"),
                )
            })?;
            let time = entry.metadata().ok().and_then(|m| m.modified().ok());
            let size = bytes.len() as u64;
            files.push((name, size, time, FontBytes(std::sync::Arc::new(bytes))));
        }
        Ok(SiteFonts { files })
    }

    /// Each file's name and bytes.
    pub fn files(&self) -> impl Iterator<Item = (&str, &FontBytes)> {
        self.files
            .iter()
            .map(|(name, _, _, bytes)| (name.as_str(), bytes))
    }

    /// What the PDFs made with these fonts depend on: names, sizes and times.
    pub fn fingerprint(&self) -> u128 {
        let stamps: Vec<(&String, u64, Option<std::time::SystemTime>)> =
            self.files.iter().map(|(n, s, t, _)| (n, *s, *t)).collect();
        crate::memo::fingerprint(&stamps)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatted_text_becomes_styled_runs() {
        let text = RichText::markdown(
            "Proposed **AdaTape** & *more* ([link](https://x.org/?a=1&b=2)) [here](/talks/)",
        );
        let s = spans(&text, "/repo/");
        assert_eq!(
            s[0],
            Span {
                text: "Proposed ".into(),
                ..Default::default()
            }
        );
        assert_eq!(
            s[1],
            Span {
                text: "AdaTape".into(),
                bold: true,
                ..Default::default()
            }
        );
        assert_eq!(s[2].text, " & ");
        assert!(s[3].italic);
        assert_eq!(s[5].url.as_deref(), Some("https://x.org/?a=1&b=2"));
        assert_eq!(s[6].text, ") ");
        assert_eq!(s[7].url.as_deref(), Some("/repo/talks/"));
        assert_eq!(
            spans(&RichText::markdown("plain"), "/"),
            vec![Span {
                text: "plain".into(),
                ..Default::default()
            }]
        );
        let two = RichText::markdown("One *a*.\n\nTwo.");
        assert_eq!(paragraphs(&two, "/").len(), 2);
        assert_eq!(spans(&two, "/").last().unwrap().text, ".\nTwo.");
    }
}
