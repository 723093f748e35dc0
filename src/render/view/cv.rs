//! The CV sections' views: profile, education, experience, research highlights, awards, talks,
//! teaching, service, skills and news.

use serde::Serialize;

use super::{LinkView, Paper, Rich, internal, link};
use crate::config::{BaseUrl, ListOrder};
use crate::content::model::*;
use crate::content::rich::RichText;
use crate::content::url::Url;
use crate::labels::{Locale, fill};
use crate::text::encode_path;

/// The profile, as `profile`.
#[derive(Debug, Clone, Serialize)]
pub struct ProfileView {
    /// Full name.
    pub name: String,
    /// Position.
    pub position: Option<String>,
    /// Affiliation.
    pub affiliation: Option<String>,
    /// Contact details.
    pub contact: Contact,
    /// Website without the scheme, for display.
    pub website_label: Option<String>,
    /// Scholarly and social links.
    pub links: Vec<LinkView>,
    /// URL of the photo.
    pub photo_url: Option<String>,
    /// Absolute URL of the photo, for link previews.
    pub photo_permalink: Option<String>,
    /// Shape of the photo: `circle`, `rounded` or `square`.
    pub photo_shape: PhotoShape,
    /// Research interests.
    pub interests: Vec<InterestGroup>,
    /// Biography, HTML.
    pub bio_html: Option<Rich>,
    /// Full publication list elsewhere.
    pub publications_url: Option<String>,
}

/// An education entry.
#[derive(Debug, Clone, Serialize)]
pub struct EducationView {
    /// "Doctor of Philosophy (Ph.D.)".
    pub degree: String,
    /// The degree with its field, as the language puts them: "Ph.D. in Computer Science".
    pub title: String,
    /// Field of study.
    pub field: Option<String>,
    /// Institution.
    pub institution: String,
    /// Location.
    pub location: Option<String>,
    /// "Jul 2021 – Dec 2024 (expected)".
    pub dates: String,
    /// "Supervisor" or "Supervisors".
    pub advisors_label: String,
    /// "Eng-Siong Chng and Aixin Sun".
    pub advisors: String,
    /// Thesis title.
    pub thesis: Option<String>,
    /// GPA.
    pub gpa: Option<String>,
    /// Honours, HTML each.
    pub honors: Vec<Rich>,
    /// Notes, HTML each.
    pub notes: Vec<Rich>,
}

/// Experience entries under one category heading.
#[derive(Debug, Clone, Serialize)]
pub struct ExperienceGroup {
    /// Heading, if the entries have a category.
    pub category: Option<String>,
    /// Entries in file order.
    pub entries: Vec<ExperienceView>,
}

/// An experience entry.
#[derive(Debug, Clone, Serialize)]
pub struct ExperienceView {
    /// Organisation.
    pub organization: String,
    /// Team.
    pub team: Option<String>,
    /// Role.
    pub role: String,
    /// "Singapore" or "Remote from Singapore".
    pub place: Option<String>,
    /// Date range.
    pub dates: String,
    /// "Working with A and B" / "Worked with A and B".
    pub mentors: Option<String>,
    /// Summary, HTML.
    pub summary_html: Option<Rich>,
    /// Bullets, HTML each.
    pub highlights: Vec<Rich>,
}

/// A research highlight.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectView {
    /// Name.
    pub name: String,
    /// Claim, HTML.
    pub claim_html: Option<Rich>,
    /// Description, HTML.
    pub description_html: Option<Rich>,
    /// Address of its picture.
    pub image_url: Option<String>,
    /// The papers behind it.
    pub papers: Vec<Paper>,
    /// Links.
    pub links: Vec<LinkView>,
}

/// An award.
#[derive(Debug, Clone, Serialize)]
pub struct AwardView {
    /// Title.
    pub title: String,
    /// Issuer.
    pub issuer: Option<String>,
    /// Date, human.
    pub date: Option<String>,
    /// Date, ISO.
    pub date_iso: Option<String>,
    /// Description, HTML.
    pub description_html: Option<Rich>,
    /// Link.
    pub url: Option<String>,
}

/// Service roles of one kind and year.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceView {
    /// "Conference".
    pub category: String,
    /// Year.
    pub year: Option<u16>,
    /// "ICLR Reviewer".
    pub roles: Vec<String>,
}

/// A skill category.
#[derive(Debug, Clone, Serialize)]
pub struct SkillGroup {
    /// Category.
    pub category: String,
    /// Items.
    pub items: Vec<String>,
}

/// A news item.
#[derive(Debug, Clone, Serialize)]
pub struct NewsView {
    /// Human date.
    pub date: String,
    /// ISO date.
    pub date_iso: String,
    /// Text, HTML.
    pub html: Rich,
    /// Plain text, for feeds.
    pub text: String,
    /// RFC 3339, for feeds.
    pub updated: String,
}

/// A talk.
#[derive(Debug, Clone, Serialize)]
pub struct TalkView {
    /// Title.
    pub title: String,
    /// Event.
    pub event: String,
    /// Location.
    pub location: Option<String>,
    /// Human date.
    pub date: Option<String>,
    /// ISO date.
    pub date_iso: Option<String>,
    /// Invited.
    pub invited: bool,
    /// Links (event, slides, video).
    pub links: Vec<LinkView>,
}

/// A teaching entry.
#[derive(Debug, Clone, Serialize)]
pub struct TeachingView {
    /// Course.
    pub course: String,
    /// Role.
    pub role: String,
    /// Institution.
    pub institution: Option<String>,
    /// Date range.
    pub dates: String,
    /// Description, HTML.
    pub description_html: Option<Rich>,
}

pub(super) fn profile(p: &Profile, bio: Option<&RichText>, base: &BaseUrl) -> ProfileView {
    let absolute = &base.absolute;
    let bio_html = bio.map(|b| Rich::block(b, base));
    let base = base.path.as_str();
    let l = &p.links;
    let mut links = Vec::new();
    let mut add = |label: &str, kind: &str, url: &Option<Url>| {
        if let Some(u) = url {
            links.push(link(label, u, kind));
        }
    };
    // The order they show in; the kind names the icon (`site.icons`).
    add("Google Scholar", "google-scholar", &l.google_scholar);
    add("GitHub", "github", &l.github);
    add("GitLab", "gitlab", &l.gitlab);
    let orcid = l.orcid.as_ref().map(|o| {
        if o.starts_with("http") {
            o.clone()
        } else {
            Url::https(format!("https://orcid.org/{o}"))
        }
    });
    add("ORCID", "orcid", &orcid);
    add("Semantic Scholar", "semantic-scholar", &l.semantic_scholar);
    add("DBLP", "dblp", &l.dblp);
    add("OpenReview", "openreview", &l.openreview);
    add("ResearchGate", "researchgate", &l.researchgate);
    add("Zenodo", "zenodo", &l.zenodo);
    add("Hugging Face", "hugging-face", &l.huggingface);
    add("LinkedIn", "linkedin", &l.linkedin);
    add("X", "x", &l.x);
    add("Bluesky", "bluesky", &l.bluesky);
    add("Mastodon", "mastodon", &l.mastodon);
    add("YouTube", "youtube", &l.youtube);
    for o in &l.other {
        links.push(link(&o.label, &internal(base, &o.url), "link"));
    }
    ProfileView {
        name: p.name.clone(),
        position: p.position.clone(),
        affiliation: p.affiliation.clone(),
        website_label: p.contact.website.as_ref().map(|w| {
            w.trim_start_matches("https://")
                .trim_start_matches("http://")
                .trim_end_matches('/')
                .to_string()
        }),
        contact: p.contact.clone(),
        links,
        photo_url: p
            .photo
            .as_ref()
            .map(|ph| format!("{base}{}", encode_path(ph.trim_start_matches('/')))),
        photo_permalink: p
            .photo
            .as_ref()
            .map(|ph| format!("{absolute}{}", encode_path(ph.trim_start_matches('/')))),
        photo_shape: p.photo_shape,
        interests: p.interests.clone(),
        bio_html,
        publications_url: p.publications_url.as_deref().map(String::from),
    }
}

pub(super) fn education(e: &Education, base: &BaseUrl, locale: &Locale) -> EducationView {
    let l = &locale.labels;
    let degree = match &e.degree_short {
        Some(s) => format!("{} ({s})", e.degree),
        None => e.degree.clone(),
    };
    EducationView {
        title: match &e.field {
            Some(field) => fill(&l.degree_in, &[("degree", &degree), ("field", field)]),
            None => degree.clone(),
        },
        degree,
        field: e.field.clone(),
        institution: e.institution.clone(),
        location: e.location.clone(),
        dates: locale.range(e.start.as_ref(), e.end.as_ref(), e.expected),
        advisors_label: if e.advisors.len() > 1 {
            l.supervisors.clone()
        } else {
            l.supervisor.clone()
        },
        advisors: locale.join(&e.advisors),
        thesis: e.thesis.clone(),
        gpa: e.gpa.clone(),
        honors: e.honors.iter().map(|h| Rich::inline(h, base)).collect(),
        notes: e.notes.iter().map(|n| Rich::inline(n, base)).collect(),
    }
}

pub(super) fn experience_groups(
    entries: &[Experience],
    base: &BaseUrl,
    locale: &Locale,
) -> Vec<ExperienceGroup> {
    let mut groups: Vec<ExperienceGroup> = Vec::new();
    for e in entries {
        let view = ExperienceView {
            organization: e.organization.clone(),
            team: e.team.clone(),
            role: e.role.clone(),
            place: e.place(),
            dates: locale.range(e.start.as_ref(), e.end.as_ref(), false),
            mentors: (!e.mentors.is_empty()).then(|| {
                let ongoing = matches!(e.end, Some(crate::content::date::DateBound::Present));
                let l = &locale.labels;
                let label = if ongoing {
                    &l.working_with
                } else {
                    &l.worked_with
                };
                fill(label, &[("names", &locale.join(&e.mentors))])
            }),
            summary_html: e.summary.as_ref().map(|s| Rich::inline(s, base)),
            highlights: e.highlights.iter().map(|h| Rich::inline(h, base)).collect(),
        };
        match groups.iter_mut().find(|g| g.category == e.category) {
            Some(g) => g.entries.push(view),
            None => groups.push(ExperienceGroup {
                category: e.category.clone(),
                entries: vec![view],
            }),
        }
    }
    groups
}

pub(super) fn award(a: &Award, base: &BaseUrl, locale: &Locale) -> AwardView {
    AwardView {
        title: a.title.clone(),
        issuer: a.issuer.clone(),
        date: a.date.map(|d| locale.date(&d)),
        date_iso: a.date.map(|d| d.iso()),
        description_html: a.description.as_ref().map(|d| Rich::inline(d, base)),
        url: a.url.as_deref().map(String::from),
    }
}

/// The news, newest first.
pub(super) fn news(
    items: &[News],
    base: &BaseUrl,
    order: ListOrder,
    locale: &Locale,
) -> Vec<NewsView> {
    let mut news: Vec<NewsView> = items.iter().map(|n| news_item(n, base, locale)).collect();
    order.arrange(&mut news, |n| n.date_iso.clone());
    news
}

/// The talks, newest first.
pub(super) fn talks(items: &[Talk], order: ListOrder, locale: &Locale) -> Vec<TalkView> {
    let mut talks: Vec<TalkView> = items.iter().map(|t| talk(t, locale)).collect();
    order.arrange(&mut talks, |t| t.date_iso.clone());
    talks
}

/// A research highlight, with the papers it names (keys checked when loading).
pub(super) fn project(p: &Project, publications: &[Paper], base: &BaseUrl) -> ProjectView {
    ProjectView {
        name: p.name.clone(),
        claim_html: p.claim.as_ref().map(|c| Rich::inline(c, base)),
        description_html: p.description.as_ref().map(|d| Rich::block(d, base)),
        image_url: p.image.as_deref().map(|i| match i.contains("://") {
            true => i.to_string(),
            false => format!("{}{}", base.path, encode_path(i.trim_start_matches('/'))),
        }),
        papers: p
            .publications
            .iter()
            .filter_map(|k| publications.iter().find(|v| &v.key == k).cloned())
            .collect(),
        links: p
            .links
            .iter()
            .map(|l| link(&l.label, &l.url, "link"))
            .collect(),
    }
}

/// Service roles of one kind and year: "ICLR Reviewer".
pub(super) fn service(s: &Service) -> ServiceView {
    ServiceView {
        category: s.category.clone(),
        year: s.year,
        roles: s
            .roles
            .iter()
            .map(|r| format!("{} {}", r.venue, r.role).trim().to_string())
            .collect(),
    }
}

/// Skill categories, in file order.
pub(super) fn skills(skills: &Skills) -> Vec<SkillGroup> {
    skills
        .iter()
        .map(|(k, v)| SkillGroup {
            category: k.clone(),
            items: v.clone(),
        })
        .collect()
}

fn news_item(n: &News, base: &BaseUrl, locale: &Locale) -> NewsView {
    NewsView {
        date: locale.date(&n.date),
        date_iso: n.date.iso(),
        text: n.text.plain(),
        html: Rich::inline(&n.text, base),
        updated: n.date.rfc3339(),
    }
}

fn talk(t: &Talk, locale: &Locale) -> TalkView {
    let l = &locale.labels;
    let mut links = Vec::new();
    for (label, kind, url) in [
        (&l.event, "event", &t.url),
        (&l.slides, "slides", &t.slides),
        (&l.video, "video", &t.video),
    ] {
        if let Some(u) = url {
            links.push(link(label, u, kind));
        }
    }
    TalkView {
        title: t.title.clone(),
        event: t.event.clone(),
        location: t.location.clone(),
        date: t.date.map(|d| locale.date(&d)),
        date_iso: t.date.map(|d| d.iso()),
        invited: t.invited,
        links,
    }
}

pub(super) fn teaching(t: &Teaching, base: &BaseUrl, locale: &Locale) -> TeachingView {
    TeachingView {
        course: t.course.clone(),
        role: t.role.clone(),
        institution: t.institution.clone(),
        dates: locale.range(t.start.as_ref(), t.end.as_ref(), false),
        description_html: t.description.as_ref().map(|d| Rich::inline(d, base)),
    }
}
