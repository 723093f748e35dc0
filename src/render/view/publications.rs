//! The publications' views: author lists with the owner and co-authors recognised, venues,
//! links, scholarly metadata, and the lists by year, type and tag.

use std::collections::HashMap;

use serde::Serialize;

use super::{LinkView, Rich, internal, link};
use crate::config::{BaseUrl, PublicationsConfig, Toggle};
use crate::content::model::*;
use crate::content::rich::RichText;
use crate::content::url::Url;
use crate::html::escape_html;
use crate::labels::Labels;
use crate::render::exports;
use crate::route::Route;
use crate::text::{join_english, slug_or_hash};

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
    /// Title with its styling: as HTML, its emphasis, and its math as MathML.
    pub title_html: Rich,
    /// Author list, plain text.
    pub authors_text: String,
    /// Full venue.
    pub venue: Option<String>,
    /// Full venue with its styling (HTML in templates).
    pub venue_html: Option<Rich>,
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
}

/// What the lists show of a paper besides its view: for the templates alone, so it lives in the
/// paper's template value only ([`Paper::new`]).
#[derive(Debug, Clone, Serialize)]
pub struct ListOnly {
    /// A note after the venue, HTML.
    pub note_html: Option<Rich>,
    /// A note on the author list, HTML.
    pub author_note_html: Option<Rich>,
    /// The thumbnail's address.
    pub preview_url: Option<String>,
    /// Author list, HTML, with the owner highlighted and marks.
    pub authors_html: String,
    /// Abstract, HTML, when the list unfolds it (`publications.toggles`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abstract_html: Option<Rich>,
    /// Its BibTeX entry, when the list unfolds it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bibtex: Option<String>,
}

/// What only a paper's own page shows ([`page_value`]).
#[derive(Debug, Clone, Serialize)]
struct PageOnly {
    /// Authors' names.
    author_names: Vec<String>,
    /// Abstract, HTML, unless the list value has it already.
    #[serde(skip_serializing_if = "Option::is_none")]
    abstract_html: Option<Rich>,
    /// Its BibTeX entry, unless the list value has it already.
    #[serde(skip_serializing_if = "Option::is_none")]
    bibtex: Option<String>,
    /// Path of its `.bib` file.
    bib_url: String,
    /// schema.org JSON-LD, safe to print inside `<script>` with `| safe`.
    jsonld: String,
    /// Google Scholar's Highwire tags.
    citation: CitationMeta,
}

/// A paper's value on its own page: its list value and what only that page shows. Made as the
/// page is rendered: held for every paper at once, the BibTeX, JSON-LD and abstracts would take
/// memory by the number of papers (a third of a 10,000-paper build).
pub fn page_value(
    paper: &Paper,
    p: &Publication,
    base: &BaseUrl,
    dirs: &PublicationsConfig,
) -> tera::Value {
    let at = Addresses { base, dirs };
    let abstract_text = p.abstract_text.as_ref().map(RichText::plain);
    // What the list value has already (`ListOnly`) is not made twice.
    let listed = |t: Toggle| dirs.toggles.contains(&t);
    let page = PageOnly {
        author_names: p.authors.iter().map(|a| a.name.clone()).collect(),
        abstract_html: (!listed(Toggle::Abstract))
            .then(|| p.abstract_text.as_ref().map(|a| Rich::block(a, base)))
            .flatten(),
        bibtex: (!listed(Toggle::Bibtex)).then(|| exports::bibtex(p)),
        bib_url: Route::PublicationBib(paper.slug.clone()).url(base),
        jsonld: exports::jsonld(p, &paper.permalink, abstract_text.as_deref()),
        citation: citation(p, &at, exports::doi(p), exports::arxiv_id(p)),
    };
    let mut map = paper.value.as_map().cloned().unwrap_or_default();
    map.extend(map_of(&page));
    tera::Value::from(map)
}

/// A value's fields, as the templates see them.
fn map_of(value: &impl Serialize) -> tera::Map {
    tera::Value::try_from_serializable(value)
        .ok()
        .and_then(tera::Value::into_map)
        .unwrap_or_default()
}

/// Publications of one year (or with no year).
#[derive(Debug, Clone, Serialize)]
pub struct PublicationGroup {
    /// "2023", or "Preprints" / "Undated" for entries with no year.
    pub label: String,
    /// Entries.
    pub items: Vec<Paper>,
}

/// How names in author lists are recognised: the owner (with aliases) and co-authors with a
/// homepage.
#[derive(Debug, Default)]
pub struct Names {
    owner: Vec<String>,
    owner_parts: Vec<NameParts>,
    exclude: Vec<String>,
    people: Vec<(String, String)>,
}

impl Names {
    /// The owner's name and aliases, and the `people` map of co-author homepages.
    pub fn new<'a>(
        owner: impl IntoIterator<Item = &'a str>,
        people: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Names {
        let owner: Vec<&str> = owner.into_iter().collect();
        Names {
            owner_parts: owner.iter().map(|n| NameParts::of(n)).collect(),
            owner: owner.into_iter().map(name_key).collect(),
            exclude: Vec::new(),
            people: people
                .into_iter()
                .map(|(n, u)| (name_key(n), u.to_string()))
                .collect(),
        }
    }

    /// Names that are never the owner's (a namesake co-author).
    pub fn excluding<'a>(mut self, names: impl IntoIterator<Item = &'a str>) -> Names {
        self.exclude = names.into_iter().map(name_key).collect();
        self
    }

    fn is_owner(&self, name: &str) -> bool {
        let key = name_key(name);
        if self.exclude.contains(&key) {
            return false;
        }
        if self.owner.contains(&key) {
            return true;
        }
        let parts = NameParts::of(name);
        self.owner_parts.iter().any(|o| o.written_as(&parts))
    }

    fn homepage(&self, name: &str) -> Option<&str> {
        let key = name_key(name);
        self.people
            .iter()
            .find(|(n, _)| *n == key)
            .map(|(_, u)| u.as_str())
    }
}

/// A name as its family name and its given names, folded for comparison (accents,
/// case, dots and hyphens), with particles (`van`, `de`) left out and run-together initials
/// ("WA") taken apart.
#[derive(Debug, PartialEq, Eq)]
struct NameParts {
    family: String,
    given: Vec<String>,
}

impl NameParts {
    fn of(name: &str) -> NameParts {
        let (family, given) = match name.split_once(',') {
            Some((family, given)) => (family.to_string(), given.to_string()),
            None => {
                let words: Vec<&str> = name.split_whitespace().collect();
                match words.split_last() {
                    Some((last, rest)) => (last.to_string(), rest.join(" ")),
                    None => (String::new(), String::new()),
                }
            }
        };
        const PARTICLES: [&str; 13] = [
            "van", "von", "de", "der", "den", "du", "da", "di", "del", "la", "le", "ter", "ten",
        ];
        let fold = |s: &str| deunicode::deunicode(s).to_lowercase();
        let family = fold(&family)
            .replace(['.', '-'], " ")
            .split_whitespace()
            .filter(|w| !PARTICLES.contains(w))
            .collect::<Vec<_>>()
            .join(" ");
        let mut tokens = Vec::new();
        for word in given.replace(['.', '-'], " ").split_whitespace() {
            let ascii = deunicode::deunicode(word);
            if (2..=3).contains(&ascii.len()) && ascii.chars().all(|c| c.is_ascii_uppercase()) {
                // "WA Wall": initials written together.
                tokens.extend(ascii.chars().map(|c| c.to_ascii_lowercase().to_string()));
            } else {
                tokens.push(fold(word));
            }
        }
        tokens.retain(|t| !PARTICLES.contains(&t.as_str()));
        NameParts {
            family,
            given: tokens,
        }
    }

    /// Whether `other` can be this name written another way: the same family name, and given
    /// names that are this one's in order, each whole or as its initial ("W. A. Wall",
    /// "Wall, Wolfgang" for "Wolfgang A. Wall"). An initial here never matches a whole name
    /// there: "F. Xue" may be someone else than "Fuzhao Xue".
    fn written_as(&self, other: &NameParts) -> bool {
        !self.family.is_empty()
            && self.family == other.family
            && !other.given.is_empty()
            && other.given.len() <= self.given.len()
            && self.given.iter().zip(&other.given).all(|(mine, theirs)| {
                mine == theirs || (theirs.chars().count() == 1 && mine.starts_with(theirs.as_str()))
            })
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
pub fn authors_html(authors: &[Author], et_al: bool, names: &Names, labels: &Labels) -> String {
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
                let title = escape_html(&labels.equal_contribution);
                html.push_str(&format!("<sup class=\"mark\" title=\"{title}\">*</sup>"));
            }
            if a.corresponding {
                let title = escape_html(&labels.corresponding_author);
                html.push_str(&format!("<sup class=\"mark\" title=\"{title}\">†</sup>"));
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
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
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
pub(super) fn venue_text(p: &Publication, labels: &Labels) -> String {
    match (&p.venue, &p.venue_short, p.year) {
        (Some(v), Some(s), _) => format!("{v} ({s})"),
        (Some(v), None, Some(y)) => format!("{v}, {y}"),
        (Some(v), None, None) => v.clone(),
        (None, Some(s), _) => s.clone(),
        (None, None, y) if p.kind == PublicationType::Preprint => match y {
            Some(y) => format!("{}, {y}", labels.preprint),
            None => labels.preprint.clone(),
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

/// Where a paper's files and links point: site paths get the base path; a bare file name
/// is in `publications.pdf_dir` (or `preview_dir`), as al-folio keeps them.
struct Addresses<'a> {
    base: &'a BaseUrl,
    dirs: &'a PublicationsConfig,
}

impl Addresses<'_> {
    /// A file of the site, as a path from its root (`assets/pdf/paper.pdf`), fit for a URL.
    fn in_site(&self, u: &str) -> String {
        let path = match self.dirs.pdf_dir.as_deref() {
            Some(dir) if !u.starts_with('/') && !u.contains('/') => {
                format!("{}/{u}", dir.trim_matches('/'))
            }
            _ => u.trim_start_matches('/').to_string(),
        };
        // `pdf = {My Paper.pdf}`: spaces have no place in an address.
        crate::text::encode_path(&path)
    }

    /// A link as written: a URL, a web address without its scheme, or a file of the site.
    fn link(&self, u: &str) -> String {
        let u = u.trim();
        if u.contains("://") {
            crate::text::encode_path(u)
        } else if u.starts_with("www.") {
            crate::text::encode_path(&format!("https://{u}"))
        } else {
            internal(&self.base.path, &format!("/{}", self.in_site(u)))
        }
    }

    /// A thumbnail: a URL, or an image of the site (a bare name is in `preview_dir`).
    fn preview(&self, u: &str) -> String {
        if u.contains("://") {
            return u.to_string();
        }
        let b = &self.base.path;
        match self.dirs.preview_dir.as_deref() {
            Some(dir) if !u.contains('/') => {
                internal(b, &format!("/{}/{u}", dir.trim_matches('/')))
            }
            _ => internal(b, &format!("/{}", u.trim_start_matches('/'))),
        }
    }
}

/// The buttons under a paper, in a fixed order, then its other links.
fn links(
    p: &Publication,
    at: &Addresses<'_>,
    ids: (Option<&str>, Option<&str>),
    scholar_user: Option<&str>,
    labels: &Labels,
) -> Vec<LinkView> {
    let (doi, arxiv_id) = ids;
    let (l, t) = (&p.links, labels);
    let local = |u: &Url| at.link(u);
    let buttons = [
        (t.pdf.as_str(), "pdf", l.pdf.as_ref().map(local)),
        (
            "arXiv",
            "arxiv",
            arxiv_id.map(|a| format!("https://arxiv.org/abs/{a}")),
        ),
        // SICI DOIs hold `<` and `>`: percent-encoded, as the DOI handbook asks of URLs.
        (
            "DOI",
            "doi",
            doi.map(|d| crate::text::encode_path(&format!("https://doi.org/{d}"))),
        ),
        (t.code.as_str(), "code", l.code.as_ref().map(local)),
        (t.project.as_str(), "project", l.project.as_ref().map(local)),
        ("HTML", "html", l.html.as_ref().map(local)),
        (t.supplement.as_str(), "supp", l.supp.as_ref().map(local)),
        (t.blog.as_str(), "blog", l.blog.as_ref().map(local)),
        (t.slides.as_str(), "slides", l.slides.as_ref().map(local)),
        (t.video.as_str(), "video", l.video.as_ref().map(local)),
        (t.poster.as_str(), "poster", l.poster.as_ref().map(local)),
        (t.web.as_str(), "url", l.url.as_ref().map(local)),
    ];
    let mut links: Vec<LinkView> = buttons
        .into_iter()
        .filter_map(|(label, kind, url)| url.map(|u| link(label, &u, kind)))
        .collect();
    for o in &l.other {
        links.push(link(&o.label, &local(&o.url), "link"));
    }
    // al-folio's Google Scholar badge: the paper on the owner's Scholar profile.
    if let (Some(user), Some(id)) = (scholar_user, &p.scholar_id) {
        links.push(link(
            "Google Scholar",
            &format!(
                "https://scholar.google.com/citations?view_op=view_citation&user={user}&citation_for_view={user}:{id}"
            ),
            "google-scholar",
        ));
    }
    links
}

/// What Google Scholar's Highwire tags say of a paper.
fn citation(
    p: &Publication,
    at: &Addresses<'_>,
    doi: Option<String>,
    arxiv_id: Option<String>,
) -> CitationMeta {
    CitationMeta {
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
        pdf_url: p
            .links
            .pdf
            .as_ref()
            .filter(|u| !u.contains("://"))
            .map(|u| format!("{}{}", at.base.absolute, at.in_site(u))),
        doi,
        arxiv_id,
    }
}

pub(super) fn publication(
    p: &Publication,
    names: &Names,
    base: &BaseUrl,
    dirs: &PublicationsConfig,
    scholar_user: Option<&str>,
    labels: &Labels,
) -> (PublicationView, ListOnly) {
    let at = Addresses { base, dirs };
    // YAML slugs and keys are checked when loaded; BibTeX keys may be anything.
    let slug = slug_or_hash(p.slug.as_deref().unwrap_or(&p.key), "paper");
    let doi = exports::doi(p);
    let arxiv_id = exports::arxiv_id(p);
    let ids = (doi.as_deref(), arxiv_id.as_deref());
    let links = links(p, &at, ids, scholar_user, labels);
    let names_list: Vec<&str> = p.authors.iter().map(|a| a.name.as_str()).collect();
    let authors_text = if p.et_al {
        format!("{} et al.", names_list.join(", "))
            .trim_start()
            .to_string()
    } else {
        join_english(&names_list)
    };
    let url = Route::Publication(slug.clone()).url(base);
    let permalink = Route::Publication(slug.clone()).permalink(base);
    let plain_or = |rich: &Option<RichText>, plain: &str| match rich {
        Some(rich) => Rich::inline(rich, base),
        None => Rich::inline(&RichText::plain_text(plain), base),
    };
    let list = ListOnly {
        note_html: p.note.as_ref().map(|n| Rich::inline(n, base)),
        author_note_html: p.author_note.as_ref().map(|n| Rich::inline(n, base)),
        preview_url: p.preview.as_deref().map(|u| at.preview(u)),
        authors_html: authors_html(&p.authors, p.et_al, names, labels),
        abstract_html: (dirs.toggles.contains(&Toggle::Abstract))
            .then(|| p.abstract_text.as_ref().map(|a| Rich::block(a, base)))
            .flatten(),
        bibtex: dirs
            .toggles
            .contains(&Toggle::Bibtex)
            .then(|| exports::bibtex(p)),
    };
    let view = PublicationView {
        key: p.key.clone(),
        authors: p
            .authors
            .iter()
            .map(|a| AuthorView {
                name: a.name.clone(),
                url: a
                    .url
                    .as_deref()
                    .or_else(|| names.homepage(&a.name))
                    .map(String::from),
                owner: names.is_owner(&a.name),
                equal: a.equal,
                corresponding: a.corresponding,
            })
            .collect(),
        et_al: p.et_al,
        venue_text: venue_text(p, labels),
        url,
        permalink,
        slug,
        title_html: plain_or(&p.title_rich, &p.title),
        venue_html: p.venue.as_ref().map(|v| plain_or(&p.venue_rich, v)),
        title: p.title.clone(),
        authors_text,
        venue: p.venue.clone(),
        venue_short: p.venue_short.clone(),
        year: p.year,
        kind: p.kind,
        award: p.award.clone(),
        links,
        selected: p.selected,
        tags: p
            .tags
            .iter()
            .map(|t| {
                let slug = slug_or_hash(t, "tag");
                TagView {
                    label: t.clone(),
                    url: Some(Route::PublicationTag(slug.clone()).url(base)),
                    slug,
                }
            })
            .collect(),
        has_equal: p.authors.iter().any(|a| a.equal),
        has_corresponding: p.authors.iter().any(|a| a.corresponding),
    };
    (view, list)
}

/// A tag of a publication, with its filter page.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct TagView {
    /// As written.
    pub label: String,
    /// As in URLs.
    pub slug: String,
    /// The tag's filter page, if it has one (see [`filters`]).
    pub url: Option<String>,
}

/// A way to filter the publication list: a type or a tag.
#[derive(Debug, Clone, Hash, Serialize)]
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
/// The most tags the filters show: a site may have thousands (IEEE and PubMed exports give each
/// paper a dozen keywords), and every list page shows the filters.
const MAX_TAG_FILTERS: usize = 40;

/// The filters of the publication list: every type, and the tags, each with a page. Up to
/// [`MAX_TAG_FILTERS`] tags all are filters; beyond, the tags that at least two papers share,
/// the most shared first. A paper's other tags are shown without a link.
pub(super) fn filters(
    pubs: &mut [PublicationView],
    base: &BaseUrl,
    labels: &Labels,
) -> (Vec<FilterView>, Vec<FilterView>) {
    let mut types: Vec<FilterView> = Vec::new();
    for kind in PublicationType::ALL {
        let count = pubs.iter().filter(|p| p.kind == kind).count();
        if count > 0 {
            let key = kind.key().to_string();
            types.push(FilterView {
                url: Route::PublicationType(key.clone()).url(base),
                key,
                label: kind.label(labels).to_string(),
                count,
            });
        }
    }
    let mut tags: Vec<FilterView> = Vec::new();
    // Each tag: its filter, and the last paper counted (a paper writing `ML; ml` counts once).
    let mut index: std::collections::HashMap<&str, (usize, usize)> =
        std::collections::HashMap::new();
    for (n, t) in pubs
        .iter()
        .enumerate()
        .flat_map(|(n, p)| p.tags.iter().map(move |t| (n, t)))
    {
        match index.get_mut(t.slug.as_str()) {
            Some((i, last)) if *last != n => {
                tags[*i].count += 1;
                *last = n;
            }
            Some(_) => {}
            None => {
                index.insert(&t.slug, (tags.len(), n));
                tags.push(FilterView {
                    key: t.slug.clone(),
                    label: t.label.clone(),
                    url: Route::PublicationTag(t.slug.clone()).url(base),
                    count: 1,
                });
            }
        }
    }
    if tags.len() > MAX_TAG_FILTERS {
        // Most shared first; ties in the order of first use, which is stable.
        tags.retain(|f| f.count >= 2);
        tags.sort_by_key(|f| std::cmp::Reverse(f.count));
        tags.truncate(MAX_TAG_FILTERS);
    }
    tags.sort_by_key(|a| a.label.to_lowercase());
    let kept: std::collections::HashSet<String> = tags.iter().map(|f| f.key.clone()).collect();
    for t in pubs.iter_mut().flat_map(|p| &mut p.tags) {
        if !kept.contains(&t.slug) {
            t.url = None;
        }
    }
    (types, tags)
}

/// A paper's view, shared by every list that shows it (the list, its filters, the CV, the
/// home page) instead of copied into each; its value for the templates is made once, and the
/// lists take it as it is (tera passes a `tera::Value` through instead of serializing it).
#[derive(Debug, Clone)]
pub struct Paper {
    view: std::sync::Arc<PublicationView>,
    value: tera::Value,
}

impl Paper {
    /// The address of its thumbnail, if it has one.
    pub fn preview_url(&self) -> Option<&str> {
        self.value.get_from_path("preview_url")?.as_str()
    }

    /// Shares `view`; what only the templates read (`list`) is in its template value alone.
    /// Its authors' and tags' values are `shared`'s, one for each distinct author or tag.
    pub fn new(mut view: PublicationView, list: ListOnly, shared: &SharedValues) -> Paper {
        let (authors, tags) = (
            std::mem::take(&mut view.authors),
            std::mem::take(&mut view.tags),
        );
        let mut map = map_of(&view);
        map.extend(map_of(&list));
        // In the place the view's fields have.
        map.insert("authors".into(), shared.authors.list(&authors));
        map.insert("tags".into(), shared.tags.list(&tags));
        (view.authors, view.tags) = (authors, tags);
        Paper {
            view: std::sync::Arc::new(view),
            value: tera::Value::from(map),
        }
    }
}

/// One template value for each distinct author and tag of the papers: a researcher's papers
/// share most of their authors (themselves in each), and a value for each author of each paper
/// took a fifth of a 10,000-paper build's memory.
#[derive(Default)]
pub struct SharedValues {
    authors: Shared<AuthorView>,
    tags: Shared<TagView>,
}

impl SharedValues {
    /// The values of the authors and tags of `papers`.
    pub fn of(papers: &[PublicationView]) -> SharedValues {
        let mut shared = SharedValues::default();
        for p in papers {
            p.authors.iter().for_each(|a| shared.authors.add(a));
            p.tags.iter().for_each(|t| shared.tags.add(t));
        }
        shared
    }
}

/// One template value for each distinct item.
struct Shared<T>(HashMap<T, tera::Value>);

impl<T> Default for Shared<T> {
    fn default() -> Self {
        Shared(HashMap::new())
    }
}

impl<T: Eq + std::hash::Hash + Clone + Serialize> Shared<T> {
    fn add(&mut self, item: &T) {
        if !self.0.contains_key(item) {
            self.0.insert(item.clone(), tera::Value::from(map_of(item)));
        }
    }

    /// The values of `items`, as a list.
    fn list(&self, items: &[T]) -> tera::Value {
        let list: Vec<tera::Value> = items
            .iter()
            .map(|i| {
                self.0
                    .get(i)
                    .cloned()
                    .unwrap_or_else(|| tera::Value::from(map_of(i)))
            })
            .collect();
        tera::Value::from(list)
    }
}

impl std::ops::Deref for Paper {
    type Target = PublicationView;
    fn deref(&self) -> &PublicationView {
        &self.view
    }
}

impl Serialize for Paper {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

/// Groups by year, newest first; entries without a year come first (work in progress); in a
/// year, papers keep their order.
pub fn group_by_year(pubs: &[Paper], labels: &Labels) -> Vec<PublicationGroup> {
    let mut sorted: Vec<&Paper> = pubs.iter().collect();
    // Undated first, then newest first; a stable sort keeps each year's order.
    sorted.sort_by_key(|p| p.year.map_or(0, |y| u32::MAX - u32::from(y)));
    let mut groups: Vec<(Option<u16>, Vec<Paper>)> = Vec::new();
    for p in sorted {
        match groups.last_mut() {
            Some((year, items)) if *year == p.year => items.push(Paper::clone(p)),
            _ => groups.push((p.year, vec![Paper::clone(p)])),
        }
    }
    groups
        .into_iter()
        .map(|(year, items)| {
            let label = match year {
                Some(y) => y.to_string(),
                None if items.iter().all(|p| p.kind == PublicationType::Preprint) => {
                    labels.preprints.clone()
                }
                None => labels.undated.clone(),
            };
            PublicationGroup { label, items }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> Labels {
        crate::labels::Locale::new("en", &Default::default(), Default::default()).labels
    }

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
        let html = authors_html(&authors, false, &names, &en());
        assert!(
            !html.contains("<strong class=\"owner\">Fuzhao Xue</strong>"),
            "alias only by initial"
        );
        let names = Names::new(["Xue, Fuzhao"], [("You, Yang", "https://yang.example/")]);
        let html = authors_html(&authors, false, &names, &en());
        assert!(html.contains("<strong class=\"owner\">Fuzhao Xue</strong><sup class=\"mark\" title=\"Equal contribution\">*</sup>"));
        assert!(
            html.contains("<a href=\"https://yang.example/\">Yang You</a>"),
            "{html}"
        );
        assert!(html.contains("Corresponding author"));
        assert_eq!(strip_tags(&html), "Shenggui Li*, Fuzhao Xue* and Yang You†");
        let et_al = authors_html(&authors[..2], true, &names, &en());
        assert_eq!(strip_tags(&et_al), "Shenggui Li*, Fuzhao Xue* et al.");
    }

    #[test]
    fn the_owner_is_found_under_every_spelling() {
        let names = Names::new(["Wolfgang A. Wall"], []);
        for written in [
            "Wolfgang A. Wall",
            "W. A. Wall",
            "WA Wall",
            "Wall, W.A.",
            "Wall, Wolfgang",
            "W. Wall",
            "wolfgang a wall",
        ] {
            assert!(names.is_owner(written), "{written}");
        }
        for other in [
            "Wolfgang B. Wall",
            "A. Wall",
            "Wolfgang Wallace",
            "Wall",
            "K. Wall",
        ] {
            assert!(!names.is_owner(other), "{other}");
        }
        let names = Names::new(["María Rodríguez-López"], []);
        assert!(names.is_owner("Maria Rodriguez-Lopez"));
        assert!(names.is_owner("M. Rodríguez-López"));
        let names = Names::new(["Jean-Pierre Dupont"], []);
        assert!(names.is_owner("J.-P. Dupont"));
        assert!(names.is_owner("Dupont, Jean-Pierre"));
        let names = Names::new(["Ludwig van Beethoven"], []);
        assert!(names.is_owner("van Beethoven, L."));
        let namesake = Names::new(["Wolfgang A. Wall"], []).excluding(["W. Wall"]);
        assert!(!namesake.is_owner("W. Wall") && namesake.is_owner("W. A. Wall"));
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
            &en(),
        );
        assert!(!html.contains("<script>"));
    }
}
