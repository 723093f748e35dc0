//! View models: the typed content turned into what templates show — dates formatted, Markdown
//! rendered, author lists marked up — so templates stay simple and a user's override cannot get
//! the formatting wrong.

use serde::Serialize;

use crate::config::{BaseUrl, Config, CvSection};
use crate::content::date::format_range;
use crate::content::markdown;
use crate::content::model::*;
use crate::content::rich::RichText;
use crate::content::{Content, Document};
use crate::html::escape_html;
use crate::route::Route;
use crate::text::{join_english, slugify};

use super::exports;

/// Formatted text in a view: templates see its HTML (`{{ x | safe }}`); the PDF reads the tree.
#[derive(Debug, Clone)]
pub struct Rich {
    /// The text.
    pub text: RichText,
    /// As HTML, with site paths resolved.
    pub html: String,
}

impl Rich {
    /// A snippet inside a line (a bullet, a claim): one paragraph comes without its `<p>`.
    fn inline(text: &RichText, base: &BaseUrl) -> Rich {
        Rich {
            html: text.inline_html(&base.path),
            text: text.clone(),
        }
    }

    /// A block of paragraphs (a biography, an abstract).
    fn block(text: &RichText, base: &BaseUrl) -> Rich {
        Rich {
            html: text.html(&base.path),
            text: text.clone(),
        }
    }
}

impl Serialize for Rich {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.html)
    }
}

/// Site-wide values every template sees as `site`.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// Site title.
    pub title: String,
    /// Description for search engines.
    pub description: Option<String>,
    /// Absolute base URL, ending in `/`.
    pub base_url: String,
    /// Base path, `/` or `/repo/`: every internal link starts with it.
    pub base: String,
    /// Content language.
    pub language: String,
    /// Navigation.
    pub menu: Vec<LinkView>,
    /// Footer, as HTML.
    pub footer_html: String,
    /// `cvsite x.y.z`.
    pub generator: String,
    /// Path of the PDF CV, when this build makes one.
    pub cv_pdf: Option<String>,
    /// Other versions of the CV.
    pub cv_variants: Vec<VariantLink>,
}

/// A version of the CV (`cv.variants` in cvsite.yaml).
#[derive(Debug, Clone, Serialize)]
pub struct VariantLink {
    /// Its name, as in URLs.
    pub name: String,
    /// Shown name.
    pub title: String,
    /// Its page, `/cv/<name>/`.
    pub url: String,
    /// Its PDF, `/cv-<name>.pdf`, when PDFs are built.
    pub pdf: Option<String>,
}

/// A link with a label and, for icons and styling, a kind.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// Text shown.
    pub label: String,
    /// Target.
    pub url: String,
    /// Machine name (`github`, `orcid`, `pdf`, ...).
    pub kind: String,
}

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

/// A publication.
#[derive(Debug, Clone, Serialize)]
pub struct PublicationView {
    /// Key.
    pub key: String,
    /// Authors, one by one (for layouts that style them themselves, like the PDF).
    pub authors: Vec<AuthorView>,
    /// The author list ends in "et al.".
    pub et_al: bool,
    /// Where it appeared, as plain text: "Venue (SHORT)", "SHORT", "Preprint, 2024" or the year.
    pub venue_text: String,
    /// Slug of its page.
    pub slug: String,
    /// Path of its page (`/publications/slug/`, with the base path).
    pub url: String,
    /// Title.
    pub title: String,
    /// Author list, HTML, with the owner highlighted and marks.
    pub authors_html: String,
    /// Author list, plain text.
    pub authors_text: String,
    /// Authors' names.
    pub author_names: Vec<String>,
    /// Full venue.
    pub venue: Option<String>,
    /// Short venue.
    pub venue_short: Option<String>,
    /// Year.
    pub year: Option<u16>,
    /// Type (`conference`, ...).
    pub kind: PublicationType,
    /// Award.
    pub award: Option<String>,
    /// Links.
    pub links: Vec<LinkView>,
    /// Abstract, HTML.
    pub abstract_html: Option<Rich>,
    /// Selected for the home page.
    pub selected: bool,
    /// Tags, with their filter pages.
    pub tags: Vec<TagView>,
    /// Some author is marked equal contribution.
    pub has_equal: bool,
    /// Some author is marked corresponding.
    pub has_corresponding: bool,
    /// Absolute URL of its page.
    pub permalink: String,
    /// Its BibTeX entry.
    pub bibtex: String,
    /// Path of its `.bib` file.
    pub bib_url: String,
    /// schema.org JSON-LD, safe to print inside `<script>` with `| safe`.
    pub jsonld: String,
    /// Google Scholar's Highwire tags.
    pub citation: CitationMeta,
}

/// Publications of one year (or with no year).
#[derive(Debug, Clone, Serialize)]
pub struct PublicationGroup {
    /// "2023", or "Preprints" / "Undated" for entries with no year.
    pub label: String,
    /// Entries.
    pub items: Vec<PublicationView>,
}

/// A research highlight.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectView {
    /// Name.
    pub name: String,
    /// Claim, HTML.
    pub claim_html: Option<Rich>,
    /// The papers behind it.
    pub papers: Vec<PublicationView>,
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

/// A page or post.
#[derive(Debug, Clone, Serialize)]
pub struct DocView {
    /// Title.
    pub title: String,
    /// Slug.
    pub slug: String,
    /// Path, with the base path.
    pub url: String,
    /// Human date.
    pub date: Option<String>,
    /// ISO date.
    pub date_iso: Option<String>,
    /// RFC 3339, for feeds.
    pub updated: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Body, HTML.
    pub html: String,
    /// Shown in the menu.
    pub menu: bool,
}

/// Everything the templates show, built once per build.
#[derive(Debug, Clone, Serialize)]
pub struct SiteData {
    /// `site`.
    pub site: SiteView,
    /// `profile`.
    pub profile: ProfileView,
    /// `education`.
    pub education: Vec<EducationView>,
    /// `experience`, grouped by category.
    pub experience: Vec<ExperienceGroup>,
    /// `publications`, all, in file order.
    pub publications: Vec<PublicationView>,
    /// `publications_by_year`.
    pub publications_by_year: Vec<PublicationGroup>,
    /// `selected_publications`.
    pub selected_publications: Vec<PublicationView>,
    /// `publication_types`: filters of the publication list by type.
    pub publication_types: Vec<FilterView>,
    /// `publication_tags`: filters of the publication list by tag.
    pub publication_tags: Vec<FilterView>,
    /// Some listed author is marked equal contribution (legend needed).
    pub publications_have_equal: bool,
    /// Some listed author is marked corresponding (legend needed).
    pub publications_have_corresponding: bool,
    /// `projects`.
    pub projects: Vec<ProjectView>,
    /// `awards`.
    pub awards: Vec<AwardView>,
    /// `service`.
    pub service: Vec<ServiceView>,
    /// `skills`.
    pub skills: Vec<SkillGroup>,
    /// `news`, newest first.
    pub news: Vec<NewsView>,
    /// `talks`, newest first.
    pub talks: Vec<TalkView>,
    /// `teaching`.
    pub teaching: Vec<TeachingView>,
    /// `pages`.
    pub pages: Vec<DocView>,
    /// `posts`, newest first.
    pub posts: Vec<DocView>,
    /// `cv_sections`: the configured sections that have content, in order.
    pub cv_sections: Vec<CvSection>,
    /// `feed`: posts and news for `atom.xml`.
    pub feed: FeedView,
}

/// The Atom feed.
#[derive(Debug, Clone, Serialize)]
pub struct FeedView {
    /// Date of the newest entry (RFC 3339).
    pub updated: String,
    /// Posts and news, newest first.
    pub entries: Vec<FeedEntry>,
}

/// One entry of the Atom feed.
#[derive(Debug, Clone, Serialize)]
pub struct FeedEntry {
    /// Title.
    pub title: String,
    /// Absolute URL.
    pub url: String,
    /// Unique, permanent id.
    pub id: String,
    /// RFC 3339 date.
    pub updated: String,
    /// Plain-text summary.
    pub summary: Option<String>,
    /// Full content, HTML (escaped by the template).
    pub html: Option<String>,
}

fn feed(posts: &[DocView], news: &[NewsView], base: &BaseUrl) -> FeedView {
    let home = Route::Home.permalink(base);
    let mut entries: Vec<FeedEntry> = posts
        .iter()
        .map(|p| FeedEntry {
            title: p.title.clone(),
            url: Route::Post(p.slug.clone()).permalink(base),
            id: Route::Post(p.slug.clone()).permalink(base),
            updated: p.updated.clone().unwrap_or_default(),
            summary: p.description.clone(),
            html: Some(p.html.clone()),
        })
        .collect();
    for (i, n) in news.iter().enumerate() {
        let title: String = n.text.chars().take(90).collect();
        entries.push(FeedEntry {
            title: if title.len() < n.text.len() {
                format!("{}…", title.trim_end())
            } else {
                title
            },
            url: format!("{home}#news"),
            id: format!("{home}#news-{}-{}", n.date_iso, news.len() - i),
            updated: n.updated.clone(),
            summary: Some(n.text.clone()),
            html: None,
        });
    }
    entries.sort_by(|a, b| b.updated.cmp(&a.updated));
    let updated = entries
        .first()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |e| e.updated.clone());
    FeedView { updated, entries }
}

/// Builds the view models from the content.
pub fn build(content: &Content, config: &Config, base: &BaseUrl) -> SiteData {
    let b = &base.path;
    let owner_name = config
        .owner
        .name
        .as_deref()
        .unwrap_or(&content.profile.name);
    let names = Names::new(
        std::iter::once(owner_name).chain(config.owner.aliases.iter().map(String::as_str)),
        config.people.iter().map(|(n, u)| (n.as_str(), u.as_str())),
    );
    let publications: Vec<PublicationView> = content
        .publications
        .iter()
        .map(|p| publication(p, &names, base))
        .collect();
    let (publication_types, publication_tags) = filters(&publications, base);
    let profile = profile(
        &content.profile,
        content.bio.as_ref().map(|b| Rich::block(b, base)),
        b,
        &base.absolute,
    );
    let posts: Vec<DocView> = content
        .posts
        .iter()
        .map(|d| doc(d, Route::Post(d.slug.clone()).url(base), base))
        .collect();
    let pages: Vec<DocView> = content
        .pages
        .iter()
        .map(|d| doc(d, Route::Page(d.slug.clone()).url(base), base))
        .collect();
    let mut news: Vec<NewsView> = content.news.iter().map(|n| news_item(n, base)).collect();
    news.sort_by(|x, y| y.date_iso.cmp(&x.date_iso));
    let mut talks: Vec<TalkView> = content.talks.iter().map(talk).collect();
    talks.sort_by(|x, y| y.date_iso.cmp(&x.date_iso));

    let title = config
        .title
        .clone()
        .unwrap_or_else(|| content.profile.name.clone());
    let site = SiteView {
        menu: menu(
            config,
            base,
            !publications.is_empty(),
            !posts.is_empty(),
            &pages,
        ),
        footer_html: match &config.footer {
            Some(f) => RichText::markdown(f).inline_html(b),
            None => format!("© {}", escape_html(&title)),
        },
        title,
        description: config.description.clone(),
        base_url: base.absolute.clone(),
        base: b.clone(),
        language: config.language.clone(),
        generator: format!("cvsite {}", env!("CARGO_PKG_VERSION")),
        cv_pdf: cfg!(feature = "pdf").then(|| Route::CvPdf.url(base)),
        cv_variants: Vec::new(),
    };

    let projects = content
        .projects
        .iter()
        .map(|p| ProjectView {
            name: p.name.clone(),
            claim_html: p.claim.as_ref().map(|c| Rich::inline(c, base)),
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
        })
        .collect();

    let data = SiteData {
        site,
        profile,
        education: content
            .education
            .iter()
            .map(|e| education(e, base))
            .collect(),
        experience: experience_groups(&content.experience, base),
        publications_by_year: group_by_year(&publications),
        publication_types,
        publication_tags,
        selected_publications: publications
            .iter()
            .filter(|p| p.selected)
            .cloned()
            .collect(),
        publications_have_equal: publications.iter().any(|p| p.has_equal),
        publications_have_corresponding: publications.iter().any(|p| p.has_corresponding),
        publications,
        projects,
        awards: content.awards.iter().map(|a| award(a, base)).collect(),
        service: content
            .service
            .iter()
            .map(|s| ServiceView {
                category: s.category.clone(),
                year: s.year,
                roles: s
                    .roles
                    .iter()
                    .map(|r| format!("{} {}", r.venue, r.role))
                    .collect(),
            })
            .collect(),
        skills: content
            .skills
            .iter()
            .map(|(k, v)| SkillGroup {
                category: k.clone(),
                items: v.clone(),
            })
            .collect(),
        news,
        talks,
        teaching: content.teaching.iter().map(|t| teaching(t, base)).collect(),
        pages,
        posts,
        cv_sections: Vec::new(),
        feed: FeedView {
            updated: String::new(),
            entries: Vec::new(),
        },
    };
    let feed = feed(&data.posts, &data.news, base);
    let cv_sections = config
        .cv
        .sections
        .iter()
        .copied()
        .filter(|s| data.has(*s))
        .collect();
    SiteData {
        cv_sections,
        feed,
        ..data
    }
}

impl SiteData {
    /// Whether a CV section has anything to show.
    pub fn has(&self, section: CvSection) -> bool {
        match section {
            CvSection::Education => !self.education.is_empty(),
            CvSection::Interests => !self.profile.interests.is_empty(),
            CvSection::Highlights => !self.projects.is_empty(),
            CvSection::Experience => !self.experience.is_empty(),
            CvSection::Publications => !self.publications.is_empty(),
            CvSection::Awards => !self.awards.is_empty(),
            CvSection::Talks => !self.talks.is_empty(),
            CvSection::Teaching => !self.teaching.is_empty(),
            CvSection::Service => !self.service.is_empty(),
            CvSection::Skills => !self.skills.is_empty(),
            CvSection::News => !self.news.is_empty(),
        }
    }
}

fn menu(
    config: &Config,
    base: &BaseUrl,
    has_pubs: bool,
    has_posts: bool,
    pages: &[DocView],
) -> Vec<LinkView> {
    if let Some(items) = &config.menu {
        return items
            .iter()
            .map(|m| link(&m.name, &internal(&base.path, &m.url), "menu"))
            .collect();
    }
    let mut menu = vec![
        link("Home", &Route::Home.url(base), "home"),
        link("CV", &Route::Cv.url(base), "cv"),
    ];
    if has_pubs {
        menu.push(link(
            "Publications",
            &Route::Publications.url(base),
            "publications",
        ));
    }
    if has_posts {
        menu.push(link("Posts", &Route::Posts.url(base), "posts"));
    }
    menu.extend(
        pages
            .iter()
            .filter(|p| p.menu)
            .map(|p| link(&p.title, &p.url, "page")),
    );
    menu
}

/// A site-internal path written as `/x/` gets the base path; full URLs stay as they are.
fn internal(base: &str, url: &str) -> String {
    match url.strip_prefix('/') {
        Some(rest) if !url.starts_with("//") => format!("{base}{rest}"),
        _ => url.to_string(),
    }
}

fn link(label: &str, url: &str, kind: &str) -> LinkView {
    LinkView {
        label: label.to_string(),
        url: url.to_string(),
        kind: kind.to_string(),
    }
}

fn profile(p: &Profile, bio_html: Option<Rich>, base: &str, absolute: &str) -> ProfileView {
    let l = &p.links;
    let mut links = Vec::new();
    let mut add = |label: &str, kind: &str, url: &Option<String>| {
        if let Some(u) = url {
            links.push(link(label, u, kind));
        }
    };
    add("Google Scholar", "google-scholar", &l.google_scholar);
    add("GitHub", "github", &l.github);
    let orcid = l.orcid.as_ref().map(|o| {
        if o.starts_with("http") {
            o.clone()
        } else {
            format!("https://orcid.org/{o}")
        }
    });
    add("ORCID", "orcid", &orcid);
    add("Semantic Scholar", "semantic-scholar", &l.semantic_scholar);
    add("DBLP", "dblp", &l.dblp);
    add("LinkedIn", "linkedin", &l.linkedin);
    add("X", "x", &l.x);
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
            .map(|ph| format!("{base}{}", ph.trim_start_matches('/'))),
        photo_permalink: p
            .photo
            .as_ref()
            .map(|ph| format!("{absolute}{}", ph.trim_start_matches('/'))),
        interests: p.interests.clone(),
        bio_html,
        publications_url: p.publications_url.clone(),
    }
}

fn education(e: &Education, base: &BaseUrl) -> EducationView {
    EducationView {
        degree: match &e.degree_short {
            Some(s) => format!("{} ({s})", e.degree),
            None => e.degree.clone(),
        },
        field: e.field.clone(),
        institution: e.institution.clone(),
        location: e.location.clone(),
        dates: format_range(e.start.as_ref(), e.end.as_ref(), e.expected),
        advisors_label: if e.advisors.len() > 1 {
            "Supervisors"
        } else {
            "Supervisor"
        }
        .to_string(),
        advisors: join_english(&e.advisors),
        thesis: e.thesis.clone(),
        gpa: e.gpa.clone(),
        honors: e.honors.iter().map(|h| Rich::inline(h, base)).collect(),
        notes: e.notes.iter().map(|n| Rich::inline(n, base)).collect(),
    }
}

fn experience_groups(entries: &[Experience], base: &BaseUrl) -> Vec<ExperienceGroup> {
    let mut groups: Vec<ExperienceGroup> = Vec::new();
    for e in entries {
        let view = ExperienceView {
            organization: e.organization.clone(),
            team: e.team.clone(),
            role: e.role.clone(),
            place: e.place(),
            dates: format_range(e.start.as_ref(), e.end.as_ref(), false),
            mentors: (!e.mentors.is_empty()).then(|| {
                let ongoing = matches!(e.end, Some(crate::content::date::DateBound::Present));
                format!(
                    "{} with {}",
                    if ongoing { "Working" } else { "Worked" },
                    join_english(&e.mentors)
                )
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

/// How names in author lists are recognised: the owner (with aliases) and co-authors with a
/// homepage.
#[derive(Debug, Default)]
pub struct Names {
    owner: Vec<String>,
    people: Vec<(String, String)>,
}

impl Names {
    /// The owner's name and aliases, and the `people` map of co-author homepages.
    pub fn new<'a>(
        owner: impl IntoIterator<Item = &'a str>,
        people: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Names {
        Names {
            owner: owner.into_iter().map(name_key).collect(),
            people: people
                .into_iter()
                .map(|(n, u)| (name_key(n), u.to_string()))
                .collect(),
        }
    }

    fn is_owner(&self, name: &str) -> bool {
        self.owner.contains(&name_key(name))
    }

    fn homepage(&self, name: &str) -> Option<&str> {
        let key = name_key(name);
        self.people
            .iter()
            .find(|(n, _)| *n == key)
            .map(|(_, u)| u.as_str())
    }
}

/// A spelling-independent key for a name: "Xue, Fuzhao", "Fuzhao  Xue" and "fuzhao xue" match,
/// and so do "F. Xue" and "F Xue"; accents are folded ("Müller" = "Muller").
pub fn name_key(name: &str) -> String {
    let name = match name.split_once(',') {
        Some((family, given)) => format!("{} {}", given.trim(), family.trim()),
        None => name.to_string(),
    };
    let folded = deunicode::deunicode(&name).to_lowercase().replace('.', " ");
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Renders an author list: the owner in `<strong>`, `*` for equal contribution, `†` for
/// corresponding authors, co-authors linked to their homepages, "et al." for `and others`.
pub fn authors_html(authors: &[Author], et_al: bool, names: &Names) -> String {
    let mut parts: Vec<String> = authors
        .iter()
        .map(|a| {
            let name = escape_html(&a.name);
            let mut html = match a.url.as_deref().or_else(|| names.homepage(&a.name)) {
                Some(u) => format!("<a href=\"{}\">{name}</a>", escape_html(u)),
                None => name,
            };
            if names.is_owner(&a.name) {
                html = format!("<strong class=\"owner\">{html}</strong>");
            }
            if a.equal {
                html.push_str("<sup class=\"mark\" title=\"Equal contribution\">*</sup>");
            }
            if a.corresponding {
                html.push_str("<sup class=\"mark\" title=\"Corresponding author\">†</sup>");
            }
            format!("<span class=\"author\">{html}</span>")
        })
        .collect();
    if et_al {
        let list = parts.join(", ");
        return if list.is_empty() {
            "et al.".to_string()
        } else {
            format!("{list} et al.")
        };
    }
    if parts.len() > 1 {
        let last = parts.pop().expect("non-empty");
        return format!("{} and {last}", parts.join(", "));
    }
    parts.pop().unwrap_or_default()
}

/// One author of a paper.
#[derive(Debug, Clone, Serialize)]
pub struct AuthorView {
    /// Name as printed.
    pub name: String,
    /// Homepage (own or from the `people` map).
    pub url: Option<String>,
    /// The site's owner.
    pub owner: bool,
    /// Equal contribution.
    pub equal: bool,
    /// Corresponding author.
    pub corresponding: bool,
}

/// "Venue (SHORT)", "SHORT", "Preprint, 2024" or the year, as the venue partial shows it.
fn venue_text(p: &Publication) -> String {
    match (&p.venue, &p.venue_short, p.year) {
        (Some(v), Some(s), _) => format!("{v} ({s})"),
        (Some(v), None, Some(y)) => format!("{v}, {y}"),
        (Some(v), None, None) => v.clone(),
        (None, Some(s), _) => s.clone(),
        (None, None, y) if p.kind == PublicationType::Preprint => match y {
            Some(y) => format!("Preprint, {y}"),
            None => "Preprint".to_string(),
        },
        (None, None, Some(y)) => y.to_string(),
        (None, None, None) => String::new(),
    }
}

/// What Google Scholar's Highwire Press tags say of a paper.
#[derive(Debug, Clone, Serialize)]
pub struct CitationMeta {
    /// `citation_publication_date`.
    pub date: Option<String>,
    /// `citation_conference_title`.
    pub conference: Option<String>,
    /// `citation_journal_title`.
    pub journal: Option<String>,
    /// `citation_pdf_url`: absolute, only for a PDF on the site.
    pub pdf_url: Option<String>,
    /// `citation_doi`.
    pub doi: Option<String>,
    /// `citation_arxiv_id`.
    pub arxiv_id: Option<String>,
}

fn publication(p: &Publication, names: &Names, base: &BaseUrl) -> PublicationView {
    let b = &base.path;
    let slug = slugify(p.slug.as_deref().unwrap_or(&p.key));
    let l = &p.links;
    let mut links = Vec::new();
    let mut add = |label: &str, kind: &str, url: Option<String>| {
        if let Some(u) = url {
            links.push(link(label, &u, kind));
        }
    };
    let local = |u: &String| {
        if u.contains("://") {
            u.clone()
        } else {
            internal(b, &format!("/{}", u.trim_start_matches('/')))
        }
    };
    let doi = exports::doi(p);
    let arxiv_id = exports::arxiv_id(p);
    add("PDF", "pdf", l.pdf.as_ref().map(local));
    add(
        "arXiv",
        "arxiv",
        arxiv_id
            .as_ref()
            .map(|a| format!("https://arxiv.org/abs/{a}")),
    );
    add(
        "DOI",
        "doi",
        doi.as_ref().map(|d| format!("https://doi.org/{d}")),
    );
    add("Code", "code", l.code.clone());
    add("Project", "project", l.project.clone());
    add("Slides", "slides", l.slides.as_ref().map(local));
    add("Video", "video", l.video.clone());
    add("Poster", "poster", l.poster.as_ref().map(local));
    add("Web", "url", l.url.clone());
    let names_list: Vec<&str> = p.authors.iter().map(|a| a.name.as_str()).collect();
    let mut authors_text = join_english(&names_list);
    if p.et_al {
        authors_text = format!("{} et al.", names_list.join(", "))
            .trim_start()
            .to_string();
    }
    let url = Route::Publication(slug.clone()).url(base);
    let permalink = Route::Publication(slug.clone()).permalink(base);
    let citation = CitationMeta {
        date: p.year.map(|y| y.to_string()),
        conference: matches!(
            p.kind,
            PublicationType::Conference | PublicationType::Workshop
        )
        .then(|| p.venue.clone().or_else(|| p.venue_short.clone()))
        .flatten(),
        journal: (p.kind == PublicationType::Journal)
            .then(|| p.venue.clone())
            .flatten(),
        pdf_url: l
            .pdf
            .as_ref()
            .filter(|u| !u.contains("://"))
            .map(|u| format!("{}{}", base.absolute, u.trim_start_matches('/'))),
        doi,
        arxiv_id,
    };
    let abstract_text = p.abstract_text.as_ref().map(RichText::plain);
    PublicationView {
        key: p.key.clone(),
        authors: p
            .authors
            .iter()
            .map(|a| AuthorView {
                name: a.name.clone(),
                url: a
                    .url
                    .clone()
                    .or_else(|| names.homepage(&a.name).map(String::from)),
                owner: names.is_owner(&a.name),
                equal: a.equal,
                corresponding: a.corresponding,
            })
            .collect(),
        et_al: p.et_al,
        venue_text: venue_text(p),
        bib_url: Route::PublicationBib(slug.clone()).url(base),
        bibtex: exports::bibtex(p),
        jsonld: exports::jsonld(p, &permalink, abstract_text.as_deref()),
        url,
        permalink,
        slug,
        title: p.title.clone(),
        authors_html: authors_html(&p.authors, p.et_al, names),
        authors_text,
        author_names: names_list.iter().map(|s| s.to_string()).collect(),
        venue: p.venue.clone(),
        venue_short: p.venue_short.clone(),
        year: p.year,
        kind: p.kind,
        award: p.award.clone(),
        links,
        abstract_html: p.abstract_text.as_ref().map(|a| Rich::block(a, base)),
        selected: p.selected,
        tags: p
            .tags
            .iter()
            .map(|t| TagView {
                label: t.clone(),
                slug: slugify(t),
                url: Route::PublicationTag(slugify(t)).url(base),
            })
            .collect(),
        has_equal: p.authors.iter().any(|a| a.equal),
        has_corresponding: p.authors.iter().any(|a| a.corresponding),
        citation,
    }
}

/// A tag of a publication, with its filter page.
#[derive(Debug, Clone, Serialize)]
pub struct TagView {
    /// As written.
    pub label: String,
    /// As in URLs.
    pub slug: String,
    /// The tag's filter page.
    pub url: String,
}

/// A way to filter the publication list: a type or a tag.
#[derive(Debug, Clone, Serialize)]
pub struct FilterView {
    /// Machine name (`conference`, or the tag's slug).
    pub key: String,
    /// Shown name.
    pub label: String,
    /// Its page (`/publications/type/conference/`).
    pub url: String,
    /// How many publications it keeps.
    pub count: usize,
}

/// The type and tag filters of the publication list, in a stable order.
fn filters(pubs: &[PublicationView], base: &BaseUrl) -> (Vec<FilterView>, Vec<FilterView>) {
    let mut types: Vec<FilterView> = Vec::new();
    for kind in PublicationType::ALL {
        let count = pubs.iter().filter(|p| p.kind == kind).count();
        if count > 0 {
            let key = kind.key().to_string();
            types.push(FilterView {
                url: Route::PublicationType(key.clone()).url(base),
                key,
                label: kind.label().to_string(),
                count,
            });
        }
    }
    let mut tags: Vec<FilterView> = Vec::new();
    for t in pubs.iter().flat_map(|p| &p.tags) {
        match tags.iter_mut().find(|f| f.key == t.slug) {
            Some(f) => f.count += 1,
            None => tags.push(FilterView {
                key: t.slug.clone(),
                label: t.label.clone(),
                url: t.url.clone(),
                count: 1,
            }),
        }
    }
    tags.sort_by_key(|a| a.label.to_lowercase());
    (types, tags)
}

/// Groups by year, newest first; entries without a year come first (work in progress).
pub fn group_by_year(pubs: &[PublicationView]) -> Vec<PublicationGroup> {
    let mut years: Vec<Option<u16>> = pubs.iter().map(|p| p.year).collect();
    years.sort_by(|a, b| match (a, b) {
        (None, None) => std::cmp::Ordering::Equal,
        (None, _) => std::cmp::Ordering::Less,
        (_, None) => std::cmp::Ordering::Greater,
        (Some(x), Some(y)) => y.cmp(x),
    });
    years.dedup();
    years
        .into_iter()
        .map(|year| {
            let items: Vec<PublicationView> =
                pubs.iter().filter(|p| p.year == year).cloned().collect();
            let label = match year {
                Some(y) => y.to_string(),
                None if items.iter().all(|p| p.kind == PublicationType::Preprint) => {
                    "Preprints".to_string()
                }
                None => "Undated".to_string(),
            };
            PublicationGroup { label, items }
        })
        .collect()
}

fn award(a: &Award, base: &BaseUrl) -> AwardView {
    AwardView {
        title: a.title.clone(),
        issuer: a.issuer.clone(),
        date: a.date.map(|d| d.to_string()),
        date_iso: a.date.map(|d| d.iso()),
        description_html: a.description.as_ref().map(|d| Rich::inline(d, base)),
        url: a.url.clone(),
    }
}

fn news_item(n: &News, base: &BaseUrl) -> NewsView {
    NewsView {
        date: n.date.to_string(),
        date_iso: n.date.iso(),
        text: n.text.plain(),
        html: Rich::inline(&n.text, base),
        updated: n.date.rfc3339(),
    }
}

fn talk(t: &Talk) -> TalkView {
    let mut links = Vec::new();
    for (label, kind, url) in [
        ("Event", "event", &t.url),
        ("Slides", "slides", &t.slides),
        ("Video", "video", &t.video),
    ] {
        if let Some(u) = url {
            links.push(link(label, u, kind));
        }
    }
    TalkView {
        title: t.title.clone(),
        event: t.event.clone(),
        location: t.location.clone(),
        date: t.date.map(|d| d.to_string()),
        date_iso: t.date.map(|d| d.iso()),
        invited: t.invited,
        links,
    }
}

fn teaching(t: &Teaching, base: &BaseUrl) -> TeachingView {
    TeachingView {
        course: t.course.clone(),
        role: t.role.clone(),
        institution: t.institution.clone(),
        dates: format_range(t.start.as_ref(), t.end.as_ref(), false),
        description_html: t.description.as_ref().map(|d| Rich::inline(d, base)),
    }
}

fn doc(d: &Document, url: String, base: &BaseUrl) -> DocView {
    DocView {
        title: d.front.title.clone(),
        url,
        slug: d.slug.clone(),
        date: d.front.date.map(|x| x.to_string()),
        date_iso: d.front.date.map(|x| x.iso()),
        updated: d.front.date.map(|x| x.rfc3339()),
        description: d.front.description.clone(),
        html: markdown::to_html(&d.body, &base.path),
        menu: d.front.menu,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text a reader sees in a snippet of our HTML.
    fn strip_tags(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                _ if !in_tag => out.push(c),
                _ => {}
            }
        }
        crate::html::unescape_html(&out)
    }

    #[test]
    fn author_list_marks_and_highlights() {
        let authors = vec![
            Author::parse("Shenggui Li*"),
            Author::parse("Fuzhao Xue*"),
            Author::parse("Yang You†"),
        ];
        let names = Names::new(["F. Xue"], [("You, Yang", "https://yang.example/")]);
        let html = authors_html(&authors, false, &names);
        assert!(
            !html.contains("<strong class=\"owner\">Fuzhao Xue</strong>"),
            "alias only by initial"
        );
        let names = Names::new(["Xue, Fuzhao"], [("You, Yang", "https://yang.example/")]);
        let html = authors_html(&authors, false, &names);
        assert!(html.contains("<strong class=\"owner\">Fuzhao Xue</strong><sup class=\"mark\" title=\"Equal contribution\">*</sup>"));
        assert!(
            html.contains("<a href=\"https://yang.example/\">Yang You</a>"),
            "{html}"
        );
        assert!(html.contains("Corresponding author"));
        assert_eq!(strip_tags(&html), "Shenggui Li*, Fuzhao Xue* and Yang You†");
        let et_al = authors_html(&authors[..2], true, &names);
        assert_eq!(strip_tags(&et_al), "Shenggui Li*, Fuzhao Xue* et al.");
    }

    #[test]
    fn name_keys_ignore_spelling() {
        assert_eq!(name_key("Xue, Fuzhao"), name_key("Fuzhao  Xue"));
        assert_eq!(name_key("F. Xue"), name_key("F Xue"));
        assert_eq!(name_key("Jörg Müller"), name_key("Muller, Jorg"));
        assert_ne!(name_key("F. Xue"), name_key("Fuzhao Xue"));
    }

    #[test]
    fn author_names_are_escaped() {
        let html = authors_html(
            &[Author::parse("<script>x</script>")],
            false,
            &Names::default(),
        );
        assert!(!html.contains("<script>"));
    }

    #[test]
    fn internal_links_get_base_path() {
        assert_eq!(internal("/repo/", "/cv/"), "/repo/cv/");
        assert_eq!(internal("/repo/", "https://x.org/"), "https://x.org/");
        assert_eq!(internal("/", "//cdn.x/"), "//cdn.x/");
    }
}
