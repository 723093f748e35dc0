//! `/cv.pdf`: the full CV typeset with Typst, from the same view model as the pages.
//!
//! The data reaches the Typst template as JSON (a virtual `cv.json` that the template reads with
//! `json("cv.json")`), not by rendering Typst source through Tera: user text then never meets
//! Typst's markup syntax, so a `#`, `*` or `$` in a title cannot break or inject into the layout,
//! and the template is plain Typst that Typst's own tools understand.

use serde::Serialize;

use crate::config::{Config, CvSection, PaperSize};
use crate::render::view::{self, SiteData};

/// A run of text with one style, from our inline HTML: Typst gets structure, never markup.
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
}

/// Splits the inline HTML that our Markdown rendering produces into styled runs.
pub fn spans(html: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let (mut bold, mut italic, mut code) = (0u32, 0u32, 0u32);
    let mut urls: Vec<Option<String>> = Vec::new();
    let mut rest = html;
    let mut push = |text: &str, bold: u32, italic: u32, code: u32, url: Option<String>| {
        if text.is_empty() {
            return;
        }
        let text = crate::text::unescape_html(text);
        let style = (bold > 0, italic > 0, code > 0, url);
        match out.last_mut() {
            Some(last) if (last.bold, last.italic, last.code, last.url.clone()) == style => {
                last.text.push_str(&text)
            }
            _ => out.push(Span {
                text,
                bold: style.0,
                italic: style.1,
                code: style.2,
                url: style.3,
            }),
        }
    };
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push(rest, bold, italic, code, urls.last().cloned().flatten());
            break;
        };
        push(
            &rest[..lt],
            bold,
            italic,
            code,
            urls.last().cloned().flatten(),
        );
        let Some(gt) = rest[lt..].find('>') else {
            push(
                &rest[lt..],
                bold,
                italic,
                code,
                urls.last().cloned().flatten(),
            );
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        let name = tag
            .trim_start_matches('/')
            .split([' ', '/'])
            .next()
            .unwrap_or("");
        let closing = tag.starts_with('/');
        let step = |n: &mut u32| {
            if closing {
                *n = n.saturating_sub(1)
            } else {
                *n += 1
            }
        };
        match name {
            "strong" | "b" => step(&mut bold),
            "em" | "i" => step(&mut italic),
            "code" => step(&mut code),
            "a" if closing => {
                urls.pop();
            }
            "a" => urls.push(
                tag.split("href=\"")
                    .nth(1)
                    .and_then(|h| h.split('"').next())
                    .map(crate::text::unescape_html),
            ),
            _ => {}
        }
        rest = &rest[lt + gt + 1..];
    }
    out
}

#[derive(Serialize)]
struct PdfData<'a> {
    paper: &'static str,
    language: &'a str,
    title: String,
    site_url: &'a str,
    profile: PdfProfile<'a>,
    sections: &'a [CvSection],
    education: Vec<PdfEducation<'a>>,
    experience: Vec<PdfExperienceGroup<'a>>,
    publications_by_year: Vec<PdfPubGroup<'a>>,
    projects: Vec<PdfProject<'a>>,
    legend: Legend,
    awards: Vec<PdfAward<'a>>,
    talks: &'a [view::TalkView],
    teaching: Vec<PdfTeaching<'a>>,
    service: &'a [view::ServiceView],
    skills: &'a [view::SkillGroup],
    news: Vec<PdfNews<'a>>,
}

#[derive(Serialize)]
struct Legend {
    equal: bool,
    corresponding: bool,
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
    #[serde(flatten)]
    view: &'a view::EducationView,
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
    #[serde(flatten)]
    view: &'a view::ExperienceView,
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
    url: String,
    authors: &'a [view::AuthorView],
    et_al: bool,
    venue: &'a str,
    award: Option<&'a str>,
    links: &'a [view::LinkView],
}

fn pdf_pub(p: &view::PublicationView) -> PdfPub<'_> {
    PdfPub {
        title: &p.title,
        url: p.permalink.clone(),
        authors: &p.authors,
        et_al: p.et_al,
        venue: &p.venue_text,
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
    #[serde(flatten)]
    view: &'a view::AwardView,
    description_spans: Option<Vec<Span>>,
}

#[derive(Serialize)]
struct PdfTeaching<'a> {
    #[serde(flatten)]
    view: &'a view::TeachingView,
    description_spans: Option<Vec<Span>>,
}

#[derive(Serialize)]
struct PdfNews<'a> {
    date: &'a str,
    text: Vec<Span>,
}

/// Paragraphs of a block of HTML (the biography), each as runs.
fn paragraphs(html: &str) -> Vec<Vec<Span>> {
    html.split("</p>")
        .map(|p| p.trim().trim_start_matches("<p>"))
        .filter(|p| !p.is_empty())
        .map(spans)
        .collect()
}

/// The JSON the Typst template reads as `cv.json`.
pub fn data(site: &SiteData, config: &Config) -> String {
    let p = &site.profile;
    let data = PdfData {
        paper: match config.cv.paper {
            PaperSize::A4 => "a4",
            PaperSize::Letter => "us-letter",
        },
        language: &site.site.language,
        title: format!("{} – Curriculum Vitae", p.name),
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
            bio: p.bio_html.as_deref().map(paragraphs),
            publications_url: p.publications_url.as_deref(),
        },
        sections: &site.cv_sections,
        education: site
            .education
            .iter()
            .map(|e| PdfEducation {
                view: e,
                honors_spans: e.honors.iter().map(|h| spans(h)).collect(),
                notes_spans: e.notes.iter().map(|n| spans(n)).collect(),
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
                        view: x,
                        summary_spans: x.summary_html.as_deref().map(spans),
                        highlights_spans: x.highlights.iter().map(|h| spans(h)).collect(),
                    })
                    .collect(),
            })
            .collect(),
        publications_by_year: site
            .publications_by_year
            .iter()
            .map(|g| PdfPubGroup {
                label: &g.label,
                items: g.items.iter().map(pdf_pub).collect(),
            })
            .collect(),
        projects: site
            .projects
            .iter()
            .map(|pr| PdfProject {
                name: &pr.name,
                claim: pr.claim_html.as_deref().map(spans),
                papers: pr.papers.iter().map(pdf_pub).collect(),
            })
            .collect(),
        legend: Legend {
            equal: site.publications_have_equal,
            corresponding: site.publications_have_corresponding,
        },
        awards: site
            .awards
            .iter()
            .map(|a| PdfAward {
                view: a,
                description_spans: a.description_html.as_deref().map(spans),
            })
            .collect(),
        talks: &site.talks,
        teaching: site
            .teaching
            .iter()
            .map(|t| PdfTeaching {
                view: t,
                description_spans: t.description_html.as_deref().map(spans),
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
pub use typeset::compile;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_styled_runs() {
        let s = spans(
            "Proposed <strong>AdaTape</strong> &amp; <em>more</em> (<a href=\"https://x.org/?a=1&amp;b=2\">link</a>)",
        );
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
        assert_eq!(s[6].text, ")");
        assert_eq!(
            spans("plain"),
            vec![Span {
                text: "plain".into(),
                ..Default::default()
            }]
        );
    }
}
