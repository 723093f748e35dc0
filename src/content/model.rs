//! The typed content model: one struct per content file, as the user writes it in YAML.
//!
//! Every struct refuses unknown fields, so a typo is an error that names the field, not a
//! silently missing line on the site.

use std::fmt;

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::date::{DateBound, PartialDate};
use super::rich::RichText;
use super::url::Url;

/// `content/profile.yaml`: who the site is about.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Full name, as it should appear in headings and author lists.
    pub name: String,
    /// Current position, e.g. "Ph.D. Candidate".
    pub position: Option<String>,
    /// Current institution or company.
    pub affiliation: Option<String>,
    /// Ways to reach the owner.
    #[serde(default)]
    pub contact: Contact,
    /// Scholarly and social profiles.
    #[serde(default)]
    pub links: Links,
    /// Photo path inside `static/`, e.g. `images/me.jpg`.
    pub photo: Option<String>,
    /// Shape of the photo on the home page.
    #[serde(default)]
    pub photo_shape: PhotoShape,
    /// The point to keep in view when the photo is cropped to a square: `[x, y]`, percent from
    /// the left and from the top (default: the centre; for a portrait, a third from the top).
    pub photo_focus: Option<Focus>,
    /// Research interests, grouped by area.
    #[serde(default)]
    pub interests: Vec<InterestGroup>,
    /// A complete publication list kept elsewhere (e.g. a Google Scholar page).
    pub publications_url: Option<Url>,
}

/// Shape of the photo.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PhotoShape {
    /// A circle.
    #[default]
    Circle,
    /// A square with rounded corners.
    Rounded,
    /// A square.
    Square,
}

/// A point of an image, in percent from the left and from the top: `[x, y]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(into = "[u8; 2]")]
pub struct Focus {
    /// From the left, 0-100.
    pub x: u8,
    /// From the top, 0-100.
    pub y: u8,
}

impl<'de> Deserialize<'de> for Focus {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct FocusVisitor;
        impl<'de> Visitor<'de> for FocusVisitor {
            type Value = Focus;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("[x, y]: percent from the left and from the top, each 0 to 100")
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Focus, A::Error> {
                let mut next = |i: usize| -> Result<u8, A::Error> {
                    let v: u64 = seq
                        .next_element()?
                        .ok_or_else(|| de::Error::invalid_length(i, &FocusVisitor))?;
                    u8::try_from(v).ok().filter(|v| *v <= 100).ok_or_else(|| {
                        de::Error::invalid_value(
                            de::Unexpected::Unsigned(v),
                            &"a percentage, 0 to 100",
                        )
                    })
                };
                let (x, y) = (next(0)?, next(1)?);
                if seq.next_element::<de::IgnoredAny>()?.is_some() {
                    return Err(de::Error::invalid_length(3, &FocusVisitor));
                }
                Ok(Focus { x, y })
            }
        }
        d.deserialize_seq(FocusVisitor)
    }
}

impl JsonSchema for Focus {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Focus".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "[x, y]: percent from the left and from the top, each 0 to 100",
            "type": "array",
            "items": {"type": "integer", "minimum": 0, "maximum": 100},
            "minItems": 2,
            "maxItems": 2
        })
    }
}

impl From<Focus> for [u8; 2] {
    fn from(f: Focus) -> [u8; 2] {
        [f.x, f.y]
    }
}

/// Contact details shown on the home page and the CV.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// E-mail address.
    pub email: Option<String>,
    /// Phone number, as it should be shown.
    pub phone: Option<String>,
    /// City or country.
    pub location: Option<String>,
    /// Personal website URL.
    pub website: Option<Url>,
}

/// Profile links; each is a full URL (ORCID may also be the bare iD).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Links {
    /// Google Scholar profile URL.
    pub google_scholar: Option<Url>,
    /// GitHub profile URL.
    pub github: Option<Url>,
    /// ORCID URL or iD (`0000-0002-1825-0097`).
    pub orcid: Option<Url>,
    /// LinkedIn profile URL.
    pub linkedin: Option<Url>,
    /// X (Twitter) profile URL.
    pub x: Option<Url>,
    /// Semantic Scholar author URL.
    pub semantic_scholar: Option<Url>,
    /// DBLP author URL.
    pub dblp: Option<Url>,
    /// OpenReview profile URL.
    pub openreview: Option<Url>,
    /// ResearchGate profile URL.
    pub researchgate: Option<Url>,
    /// Zenodo profile or community URL.
    pub zenodo: Option<Url>,
    /// GitLab profile URL.
    pub gitlab: Option<Url>,
    /// Hugging Face profile URL.
    pub huggingface: Option<Url>,
    /// Bluesky profile URL (`https://bsky.app/profile/name.bsky.social`).
    pub bluesky: Option<Url>,
    /// Mastodon profile URL (`https://mastodon.social/@name`).
    pub mastodon: Option<Url>,
    /// YouTube channel URL.
    pub youtube: Option<Url>,
    /// Any other link, with its label.
    #[serde(default)]
    pub other: Vec<Link>,
}

/// A labelled link.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// Text shown for the link.
    pub label: String,
    /// Target URL.
    pub url: Url,
}

/// A research area and its topics.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct InterestGroup {
    /// Area, e.g. "Machine Learning".
    pub area: String,
    /// Topics within the area.
    #[serde(default)]
    pub topics: Vec<String>,
}

/// One entry of `content/education.yaml`.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Education {
    /// Degree name, e.g. "Doctor of Philosophy".
    pub degree: String,
    /// Abbreviation, e.g. "Ph.D.".
    pub degree_short: Option<String>,
    /// Field of study, e.g. "Computer Science".
    pub field: Option<String>,
    /// Institution.
    pub institution: String,
    /// City or country.
    pub location: Option<String>,
    /// Start date.
    pub start: Option<PartialDate>,
    /// End date, or `present`.
    pub end: Option<DateBound>,
    /// The end date is expected, not yet reached.
    #[serde(default)]
    pub expected: bool,
    /// Supervisors or advisors.
    #[serde(default)]
    pub advisors: Vec<String>,
    /// Thesis title.
    pub thesis: Option<String>,
    /// Grade point average, as it should be shown (e.g. "5.0/5.0").
    pub gpa: Option<String>,
    /// Fellowships and honours received during the degree (Markdown).
    #[serde(default)]
    pub honors: Vec<RichText>,
    /// Other notes (Markdown).
    #[serde(default)]
    pub notes: Vec<RichText>,
    /// Tags, for CV variants (`cv.variants` in cvsite.yaml).
    #[serde(default)]
    pub tags: Vec<String>,
}

/// One entry of `content/experience.yaml`.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Experience {
    /// Group heading on the CV, e.g. "Industry Research"; entries keep their order within it.
    pub category: Option<String>,
    /// Company or institution.
    pub organization: String,
    /// Team or lab.
    pub team: Option<String>,
    /// Role or job title.
    pub role: String,
    /// City or country.
    pub location: Option<String>,
    /// Worked remotely (from `location`, if given).
    #[serde(default)]
    pub remote: bool,
    /// Start date.
    pub start: Option<PartialDate>,
    /// End date, or `present`.
    pub end: Option<DateBound>,
    /// Mentors or hosts worked with.
    #[serde(default)]
    pub mentors: Vec<String>,
    /// One-paragraph summary (Markdown).
    pub summary: Option<RichText>,
    /// Bullet points (Markdown).
    #[serde(default)]
    pub highlights: Vec<RichText>,
    /// Tags, for CV variants (`cv.variants` in cvsite.yaml).
    #[serde(default)]
    pub tags: Vec<String>,
}

impl Experience {
    /// Where the work was done, as shown: "Singapore", "Remote from Singapore" or "Remote".
    pub fn place(&self) -> Option<String> {
        match (&self.location, self.remote) {
            (Some(l), true) => Some(format!("Remote from {l}")),
            (None, true) => Some("Remote".to_string()),
            (l, false) => l.clone(),
        }
    }
}

/// One entry of `content/publications.yaml`. With no entry of the same key in
/// `content/publications.bib`, `title` and `authors` are required; with one, every field given
/// here overrides the BibTeX one (typically the site-only fields: `selected`, `award`, `links`,
/// `tags`, `abstract`).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PublicationEntry {
    /// Unique key, as in BibTeX (`xue2023adatape`); also the default URL slug.
    pub key: String,
    /// Title.
    pub title: Option<String>,
    /// Authors in order; `"Name*"` marks equal contribution, `"Name†"` a corresponding author.
    pub authors: Option<Vec<Author>>,
    /// Full venue name.
    pub venue: Option<String>,
    /// Short venue, e.g. "ICML 2023".
    pub venue_short: Option<String>,
    /// Year of publication.
    pub year: Option<u16>,
    /// Kind of publication.
    #[serde(rename = "type")]
    pub kind: Option<PublicationType>,
    /// Award received, e.g. "Distinguished Paper Award".
    pub award: Option<String>,
    /// Links to the paper and its material.
    pub links: Option<PublicationLinks>,
    /// Abstract (Markdown).
    #[serde(rename = "abstract")]
    pub abstract_text: Option<RichText>,
    /// Shown on the home page.
    pub selected: Option<bool>,
    /// Free tags, for filtering.
    pub tags: Option<Vec<String>>,
    /// URL slug of the paper's page; defaults to the key.
    pub slug: Option<String>,
    /// A note shown after the venue (Markdown): al-folio's `additional_info`.
    pub note: Option<RichText>,
    /// A note on the author list (Markdown), e.g. what its marks mean: al-folio's `annotation`.
    pub author_note: Option<RichText>,
    /// A thumbnail: a path inside `static/` or a URL.
    pub preview: Option<String>,
}

/// A publication, from `publications.yaml`, `publications.bib` or both.
#[derive(Debug, Clone, Serialize)]
pub struct Publication {
    /// Where it was written (the YAML entry, or else the BibTeX entry), for messages.
    #[serde(skip)]
    pub written: Written,
    /// The title with its styling and math, when its source has any (BibTeX's LaTeX).
    #[serde(skip)]
    pub title_rich: Option<RichText>,
    /// Its BibTeX fields as written (lowercase name, LaTeX source), for an export that keeps
    /// what the source had; the fields `publications.yaml` overrides are left out.
    #[serde(skip)]
    pub bib_fields: Vec<(String, String)>,
    /// Unique key.
    pub key: String,
    /// Title.
    pub title: String,
    /// Authors in order.
    pub authors: Vec<Author>,
    /// The list ends in "et al." (BibTeX's `and others`).
    pub et_al: bool,
    /// Full venue name.
    pub venue: Option<String>,
    /// The venue with its styling and math, when its source has any (BibTeX's LaTeX).
    #[serde(skip)]
    pub venue_rich: Option<RichText>,
    /// Short venue, e.g. "ICML 2023".
    pub venue_short: Option<String>,
    /// Year of publication.
    pub year: Option<u16>,
    /// Kind of publication.
    pub kind: PublicationType,
    /// The entry type as written in BibTeX, when it came from there (`inproceedings`).
    pub bibtex_type: Option<String>,
    /// Award received.
    pub award: Option<String>,
    /// Links.
    pub links: PublicationLinks,
    /// Abstract (Markdown).
    pub abstract_text: Option<RichText>,
    /// Shown on the home page.
    pub selected: bool,
    /// Free tags.
    pub tags: Vec<String>,
    /// URL slug of the paper's page.
    pub slug: Option<String>,
    /// Other BibTeX fields kept for the export (pages, volume, publisher, ...).
    pub extra: Vec<(String, String)>,
    /// A note shown after the venue.
    pub note: Option<RichText>,
    /// A note on the author list.
    pub author_note: Option<RichText>,
    /// A thumbnail: a path inside `static/` or a URL.
    pub preview: Option<String>,
    /// Its id on the owner's Google Scholar profile (al-folio's `google_scholar_id`).
    #[serde(skip)]
    pub scholar_id: Option<String>,
}

impl Publication {
    /// An entry of `publications.yaml` on top of `base` (the BibTeX entry of the same key, or an
    /// empty one): every field the YAML gives wins.
    pub fn overlay(
        base: Option<Publication>,
        e: PublicationEntry,
    ) -> Result<Publication, &'static str> {
        let mut p = match base {
            Some(p) => p,
            None => {
                let title = e.title.clone().ok_or("title")?;
                let authors = e.authors.clone().ok_or("authors")?;
                Publication {
                    written: Written::default(),
                    bib_fields: Vec::new(),
                    title_rich: None,
                    key: e.key.clone(),
                    title,
                    authors,
                    et_al: false,
                    venue: None,
                    venue_rich: None,
                    venue_short: None,
                    year: None,
                    kind: PublicationType::Other,
                    bibtex_type: None,
                    award: None,
                    links: PublicationLinks::default(),
                    abstract_text: None,
                    selected: false,
                    tags: Vec::new(),
                    slug: None,
                    extra: Vec::new(),
                    note: None,
                    author_note: None,
                    preview: None,
                    scholar_id: None,
                }
            }
        };
        // What the YAML gives replaces the BibTeX source of those fields in the export.
        let mut drop_source =
            |names: &[&str]| p.bib_fields.retain(|(n, _)| !names.contains(&n.as_str()));
        if e.title.is_some() {
            drop_source(&["title"]);
        }
        if e.authors.is_some() {
            drop_source(&["author"]);
        }
        if e.venue.is_some() {
            drop_source(&[
                "journal",
                "journaltitle",
                "booktitle",
                "school",
                "institution",
                "publisher",
                "howpublished",
            ]);
        }
        if e.year.is_some() {
            drop_source(&["year", "date"]);
        }
        if e.abstract_text.is_some() {
            drop_source(&["abstract"]);
        }
        if e.tags.is_some() {
            drop_source(&["keywords"]);
        }
        if let Some(l) = &e.links {
            if l.doi.is_some() {
                drop_source(&["doi"]);
            }
            if l.url.is_some() {
                drop_source(&["url"]);
            }
            if l.arxiv.is_some() {
                drop_source(&["eprint", "arxiv"]);
            }
        }
        if let Some(v) = e.title {
            // With a formula: plain text wherever a title is text (`<title>`, metadata, search).
            p.title_rich = RichText::title_with_math(&v);
            p.title = p.title_rich.as_ref().map_or(v, RichText::plain);
        }
        if let Some(v) = e.authors {
            p.authors = v;
            p.et_al = false;
        }
        if p.authors
            .last()
            .is_some_and(|a| a.name.eq_ignore_ascii_case("others"))
        {
            p.authors.pop();
            p.et_al = true;
        }
        if e.venue.is_some() {
            p.venue_rich = None;
        }
        macro_rules! take {
            ($($f:ident),*) => { $( if e.$f.is_some() { p.$f = e.$f; } )* };
        }
        take!(
            venue,
            venue_short,
            year,
            award,
            abstract_text,
            slug,
            note,
            author_note,
            preview
        );
        if let Some(v) = e.kind {
            p.kind = v;
        }
        if let Some(links) = e.links {
            p.links.overlay(links);
        }
        if let Some(v) = e.selected {
            p.selected = v;
        }
        if let Some(v) = e.tags {
            p.tags = v;
        }
        Ok(p)
    }
}

/// A place in a content file: the file as shown to the user, and a 1-based line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    /// The file, relative to the site (`content/publications.bib`).
    pub file: String,
    /// The line.
    pub line: usize,
}

/// What kind of work a publication is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PublicationType {
    /// Conference paper.
    Conference,
    /// Journal article.
    Journal,
    /// Workshop paper.
    Workshop,
    /// Preprint (arXiv etc.).
    Preprint,
    /// Thesis.
    Thesis,
    /// Book.
    Book,
    /// Book chapter.
    Chapter,
    /// Patent.
    Patent,
    /// Technical report.
    Report,
    /// Anything else.
    #[default]
    Other,
}

impl PublicationType {
    /// Every type, in the order the publication filters list them.
    pub const ALL: [PublicationType; 10] = [
        Self::Conference,
        Self::Journal,
        Self::Workshop,
        Self::Preprint,
        Self::Thesis,
        Self::Book,
        Self::Chapter,
        Self::Patent,
        Self::Report,
        Self::Other,
    ];

    /// The name used in YAML and URLs (`conference`), as serde spells it.
    pub fn key(self) -> &'static str {
        match self {
            Self::Conference => "conference",
            Self::Journal => "journal",
            Self::Workshop => "workshop",
            Self::Preprint => "preprint",
            Self::Thesis => "thesis",
            Self::Book => "book",
            Self::Chapter => "chapter",
            Self::Patent => "patent",
            Self::Report => "report",
            Self::Other => "other",
        }
    }

    /// Human label, plural, for group headings, in the site's language.
    pub fn label(self, l: &crate::labels::Labels) -> &str {
        match self {
            Self::Conference => &l.conference_papers,
            Self::Journal => &l.journal_articles,
            Self::Workshop => &l.workshop_papers,
            Self::Preprint => &l.preprints,
            Self::Thesis => &l.theses,
            Self::Book => &l.books,
            Self::Chapter => &l.book_chapters,
            Self::Patent => &l.patents,
            Self::Report => &l.technical_reports,
            Self::Other => &l.other,
        }
    }
}

/// Links of a publication.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PublicationLinks {
    /// PDF URL, or a path inside `static/`.
    pub pdf: Option<Url>,
    /// arXiv identifier (`2301.13195`) or URL.
    pub arxiv: Option<String>,
    /// Code repository (also written `github`, as al-folio does).
    #[serde(alias = "github")]
    pub code: Option<Url>,
    /// Project page (also written `website`).
    #[serde(alias = "website")]
    pub project: Option<Url>,
    /// The paper's page at its publisher (al-folio's `html`).
    pub html: Option<Url>,
    /// Supplementary material.
    pub supp: Option<Url>,
    /// A blog post about the paper.
    pub blog: Option<Url>,
    /// Slides.
    pub slides: Option<Url>,
    /// Video.
    pub video: Option<Url>,
    /// Poster.
    pub poster: Option<Url>,
    /// DOI (`10.1000/xyz`) or URL.
    pub doi: Option<String>,
    /// Any other page of the paper (BibTeX's `url`).
    pub url: Option<Url>,
    /// More links, each with its label: `[{label: Blog, url: ...}]`.
    #[serde(default)]
    pub other: Vec<Link>,
}

impl PublicationLinks {
    /// Takes every link `other` gives.
    pub fn overlay(&mut self, other: PublicationLinks) {
        macro_rules! take {
            ($($f:ident),*) => { $( if other.$f.is_some() { self.$f = other.$f; } )* };
        }
        take!(
            pdf, arxiv, code, project, html, supp, blog, slides, video, poster, doi, url
        );
        if !other.other.is_empty() {
            self.other = other.other;
        }
    }
}

/// An author of a publication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Author {
    /// Name as printed.
    pub name: String,
    /// Equal contribution (printed with `*`).
    pub equal: bool,
    /// Corresponding author (printed with `†`).
    pub corresponding: bool,
    /// Homepage.
    pub url: Option<Url>,
    /// Given names, when known apart (from BibTeX).
    pub given: Option<String>,
    /// Family name, when known apart (from BibTeX).
    pub family: Option<String>,
}

impl Author {
    /// Family and given names: as BibTeX gave them, or split at the last space.
    pub fn parts(&self) -> (String, String) {
        if let Some(family) = &self.family {
            return (family.clone(), self.given.clone().unwrap_or_default());
        }
        match self.name.rsplit_once(' ') {
            Some((given, family)) => (family.to_string(), given.to_string()),
            None => (self.name.clone(), String::new()),
        }
    }

    /// Parses the short form: `"Shenggui Li*"` (equal contribution), `"Yang You†"` (corresponding).
    pub fn parse(text: &str) -> Author {
        let mut name = text.trim();
        let (mut equal, mut corresponding) = (false, false);
        loop {
            if let Some(rest) = name.strip_suffix('*') {
                equal = true;
                name = rest.trim_end();
            } else if let Some(rest) = name.strip_suffix('†') {
                corresponding = true;
                name = rest.trim_end();
            } else {
                break;
            }
        }
        Author {
            name: name.to_string(),
            equal,
            corresponding,
            url: None,
            given: None,
            family: None,
        }
    }
}

/// The long form of an author, a map.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct AuthorMap {
    name: String,
    #[serde(default)]
    equal: bool,
    #[serde(default)]
    corresponding: bool,
    url: Option<Url>,
    given: Option<String>,
    family: Option<String>,
}

impl JsonSchema for Author {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Author".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An author: `Jane Doe`, `Jane Doe*` (equal contribution), `Jane Doe†` (corresponding), or a map.",
            "anyOf": [
                { "type": "string", "minLength": 1 },
                {
                    "type": "object",
                    "required": ["name"],
                    "additionalProperties": false,
                    "properties": {
                        "name": { "type": "string", "description": "Name as printed." },
                        "equal": { "type": "boolean", "description": "Equal contribution." },
                        "corresponding": { "type": "boolean", "description": "Corresponding author." },
                        "url": { "type": "string", "description": "Homepage." },
                        "given": { "type": "string", "description": "Given names." },
                        "family": { "type": "string", "description": "Family name." }
                    }
                }
            ]
        })
    }
}

impl<'de> Deserialize<'de> for Author {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct AuthorVisitor;
        impl<'de> Visitor<'de> for AuthorVisitor {
            type Value = Author;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an author name (`Jane Doe`, `Jane Doe*`) or a map with `name`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Author, E> {
                if v.trim().is_empty() {
                    return Err(E::custom("an author name cannot be empty"));
                }
                Ok(Author::parse(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Author, A::Error> {
                let m = AuthorMap::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Author {
                    name: m.name,
                    equal: m.equal,
                    corresponding: m.corresponding,
                    url: m.url,
                    given: m.given,
                    family: m.family,
                })
            }
        }
        d.deserialize_any(AuthorVisitor)
    }
}

/// One entry of `content/projects.yaml`: a research highlight.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// Project name, e.g. "OpenMoE".
    pub name: String,
    /// One-line claim (Markdown).
    pub claim: Option<RichText>,
    /// What it is about, for its card on `/projects/` (Markdown).
    pub description: Option<RichText>,
    /// A picture for its card: a path inside `static/` (cropped to 16:9) or a URL.
    pub image: Option<String>,
    /// Keys of the publications behind the project.
    #[serde(default)]
    pub publications: Vec<String>,
    /// Links (code, demo, ...).
    #[serde(default)]
    pub links: Vec<Link>,
    /// Tags, for CV variants (`cv.variants` in cvsite.yaml).
    #[serde(default)]
    pub tags: Vec<String>,
}

/// One entry of `content/awards.yaml`.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Award {
    /// Name of the award.
    pub title: String,
    /// Who gave it.
    pub issuer: Option<String>,
    /// When.
    pub date: Option<PartialDate>,
    /// Details (Markdown).
    pub description: Option<RichText>,
    /// Link.
    pub url: Option<Url>,
    /// Tags, for CV variants (`cv.variants` in cvsite.yaml).
    #[serde(default)]
    pub tags: Vec<String>,
}

/// One entry of `content/service.yaml`: roles of one kind in one year.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Kind of service, e.g. "Conference", "Journal", "Department".
    pub category: String,
    /// Year, if the roles belong to one.
    pub year: Option<u16>,
    /// The roles.
    pub roles: Vec<ServiceRole>,
    /// Tags, for CV variants (`cv.variants` in cvsite.yaml).
    #[serde(default)]
    pub tags: Vec<String>,
}

/// A service role, e.g. ICML Reviewer.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceRole {
    /// Venue or body, e.g. "ICML".
    pub venue: String,
    /// Role, e.g. "Reviewer", "PC Member" (none when the venue line says it all).
    #[serde(default)]
    pub role: String,
}

/// `content/skills.yaml`: category name → items, in the order written.
pub type Skills = IndexMap<String, Vec<String>>;

/// One entry of `content/news.yaml`.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct News {
    /// When it happened.
    pub date: PartialDate,
    /// What happened (Markdown).
    pub text: RichText,
    /// Tags, for CV variants (`cv.variants` in cvsite.yaml).
    #[serde(default)]
    pub tags: Vec<String>,
}

/// One entry of `content/talks.yaml`.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Talk {
    /// Title of the talk.
    pub title: String,
    /// Event or host.
    pub event: String,
    /// City or "Online".
    pub location: Option<String>,
    /// When.
    pub date: Option<PartialDate>,
    /// Invited talk.
    #[serde(default)]
    pub invited: bool,
    /// Page of the event or recording.
    pub url: Option<Url>,
    /// Slides.
    pub slides: Option<Url>,
    /// Video.
    pub video: Option<Url>,
    /// Tags, for CV variants (`cv.variants` in cvsite.yaml).
    #[serde(default)]
    pub tags: Vec<String>,
}

/// One entry of `content/teaching.yaml`.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Teaching {
    /// Course name, e.g. "CS5242 Neural Networks and Deep Learning".
    pub course: String,
    /// Role, e.g. "Teaching Assistant", "Instructor".
    pub role: String,
    /// Institution.
    pub institution: Option<String>,
    /// Start date (or the term's date).
    pub start: Option<PartialDate>,
    /// End date, or `present`.
    pub end: Option<DateBound>,
    /// Details (Markdown).
    pub description: Option<RichText>,
    /// Tags, for CV variants (`cv.variants` in cvsite.yaml).
    #[serde(default)]
    pub tags: Vec<String>,
}

/// Front matter of a Markdown page or post, between `---` lines.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// Title.
    pub title: String,
    /// Publication date (required for posts).
    pub date: Option<PartialDate>,
    /// One-sentence summary, for listings, feeds and search engines.
    pub description: Option<String>,
    /// Drafts are only built with `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// URL slug; defaults to the file name.
    pub slug: Option<String>,
    /// Show the page in the navigation bar (pages only).
    #[serde(default)]
    pub menu: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn author_marks() {
        let a = Author::parse("Shenggui Li*");
        assert_eq!(
            (a.name.as_str(), a.equal, a.corresponding),
            ("Shenggui Li", true, false)
        );
        let b = Author::parse("Yang You†");
        assert_eq!(
            (b.name.as_str(), b.equal, b.corresponding),
            ("Yang You", false, true)
        );
        let c = Author::parse("Jane Doe *†");
        assert_eq!(
            (c.name.as_str(), c.equal, c.corresponding),
            ("Jane Doe", true, true)
        );
        let d = Author::parse("Fuzhao Xue");
        assert!(!d.equal && !d.corresponding);
    }

    #[test]
    fn author_forms_in_yaml() {
        let authors: Vec<Author> = serde_yaml::from_str(
            "- Shenggui Li*\n- {name: Yang You, corresponding: true, url: 'https://x.y'}\n",
        )
        .unwrap();
        assert_eq!(authors[0].name, "Shenggui Li");
        assert!(authors[1].corresponding);
        assert_eq!(authors[1].url.as_deref(), Some("https://x.y"));
        let err = serde_yaml::from_str::<Vec<Author>>("- {nme: X}\n").unwrap_err();
        assert!(err.to_string().contains("unknown field `nme`"), "{err}");
    }
}
