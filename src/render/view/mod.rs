//! View models: the typed content turned into what templates show — dates formatted, rich text
//! rendered, author lists marked up — so templates stay simple and a user's override cannot get
//! the formatting wrong. This file holds the site's frame (menu, pages, posts, feed) and
//! [`build`], which assembles everything; [`cv`] shapes the CV sections and [`publications`]
//! the publication list.

mod cv;
mod publications;

pub use cv::*;
pub use publications::*;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::{BaseUrl, Config, CvSection, HomeSection, ListOrder};
use crate::content::markdown;
use crate::content::rich::RichText;
use crate::content::{Content, Document};
use crate::html::escape_html;
use crate::labels::{Direction, Labels, Locale};
use crate::route::Route;

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
    /// Which way it is written: `ltr` or `rtl`, for `<html dir>`.
    pub dir: Direction,
    /// Visitor statistics (`analytics:`), for `partials/analytics.html`.
    pub analytics: crate::services::Analytics,
    /// Comments under posts (`comments:`), for `partials/comments.html`.
    pub comments: crate::services::Comments,
    /// The site's language as giscus names it (`de`, `zh-CN`).
    pub giscus_lang: String,
    /// Show the photo on the home page (`home.photo`).
    pub home_photo: bool,
    /// Show the contact block on the home page (`home.contact`).
    pub home_contact: bool,
    /// Navigation.
    pub menu: Vec<LinkView>,
    /// Footer, as HTML.
    pub footer_html: String,
    /// `cvsite x.y.z`.
    pub generator: String,
    /// How many news items the home page shows (`home.news_limit`).
    pub news_limit: usize,
    /// Path of the PDF CV, when this build makes one.
    pub cv_pdf: Option<String>,
    /// The site has a search page (`search: true`).
    pub search: bool,
    /// CSS of the `theme:` settings (accent, fonts), for after the style sheet; empty for none.
    pub style: String,
    /// Other versions of the CV.
    pub cv_variants: Vec<VariantLink>,
    /// Paths of the site's own pages and files (`site.urls.cv`), for links.
    pub urls: SiteUrls,
    /// The same as absolute URLs, for feeds and robots.txt.
    pub permalinks: SiteUrls,
    /// The sitemap of each of the site's languages, for robots.txt.
    pub sitemaps: Vec<String>,
    /// The built-in icons by name (`site.icons.github`), as inline SVG.
    pub icons: crate::render::icons::Icons,
    /// The site's images resized for the pages, by place and their source's address
    /// (`site.pictures.photo[profile.photo_url]`): see [`crate::images`].
    pub pictures: crate::images::Pictures,
}

/// The addresses templates link to, each from its [`Route`].
#[derive(Debug, Clone, Serialize)]
pub struct SiteUrls {
    /// The home page.
    pub home: String,
    /// The CV.
    pub cv: String,
    /// The publication list.
    pub publications: String,
    /// Every publication as BibTeX.
    pub publications_bib: String,
    /// Every publication as CSL-JSON.
    pub publications_json: String,
    /// Every news item (on sites with news).
    pub news: String,
    /// The list of posts.
    pub posts: String,
    /// The Atom feed.
    pub atom: String,
    /// The sitemap.
    pub sitemap: String,
    /// The projects.
    pub projects: String,
    /// The talks.
    pub talks: String,
    /// The search page.
    pub search: String,
    /// What the search page searches.
    pub search_index: String,
    /// The CV in the JSON Resume schema.
    pub resume: String,
}

impl SiteUrls {
    /// Each address as `address` gives it.
    fn new(address: impl Fn(Route) -> String) -> SiteUrls {
        SiteUrls {
            home: address(Route::Home),
            cv: address(Route::Cv),
            publications: address(Route::Publications),
            publications_bib: address(Route::PublicationsBib),
            publications_json: address(Route::PublicationsJson),
            news: address(Route::News),
            projects: address(Route::Projects),
            talks: address(Route::Talks),
            search: address(Route::Search),
            search_index: address(Route::SearchIndex),
            posts: address(Route::Posts),
            atom: address(Route::Atom),
            sitemap: address(Route::Sitemap),
            resume: address(Route::Resume),
        }
    }
}

/// A version of the CV (`cv.variants` in cvsite.yaml).
#[derive(Debug, Clone, Hash, Serialize)]
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

/// Which author marks a list of papers uses: its legend explains those and no others.
#[derive(Debug, Clone, Copy, Default, Hash, Serialize)]
pub struct Legend {
    /// `*`: equal contribution.
    pub equal: bool,
    /// `†`: corresponding author.
    pub corresponding: bool,
}

impl Legend {
    /// The marks of `papers`.
    pub fn of<'a>(papers: impl Iterator<Item = &'a Paper>) -> Legend {
        papers.fold(Legend::default(), |l, p| Legend {
            equal: l.equal || p.has_equal,
            corresponding: l.corresponding || p.has_corresponding,
        })
    }
}

/// A page or post.
#[derive(Debug, Clone, Hash, Serialize)]
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
    pub publications: Vec<Paper>,
    /// `publications_by_year`.
    pub publications_by_year: Vec<PublicationGroup>,
    /// `selected_publications`.
    pub selected_publications: Vec<Paper>,
    /// `publication_types`: filters of the publication list by type.
    pub publication_types: Vec<FilterView>,
    /// `publication_tags`: filters of the publication list by tag.
    pub publication_tags: Vec<FilterView>,
    /// The marks used in all the papers (`legend.equal`, `legend.corresponding`); a list page
    /// of a type or tag sets its own `legend`, for the papers it shows.
    pub legend: Legend,
    /// The marks used in the selected papers.
    pub selected_legend: Legend,
    /// The marks used in the research highlights' papers.
    pub highlights_legend: Legend,
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
    /// `home_sections`: the home page's configured sections that have content, in order.
    pub home_sections: Vec<HomeSection>,
    /// `labels`: the theme's words in the site's language (`labels.news`).
    pub labels: Labels,
    /// `feed`: posts and news for `atom.xml`.
    pub feed: FeedView,
    /// Which making of the papers these are (see [`Papers::generation`]).
    #[serde(skip)]
    pub papers_generation: u64,
}

/// The Atom feed.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct FeedView {
    /// Date of the newest entry (RFC 3339).
    pub updated: String,
    /// Posts and news, newest first.
    pub entries: Vec<FeedEntry>,
}

/// One entry of the Atom feed.
#[derive(Debug, Clone, Hash, Serialize)]
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
    // Ids from a newest-first order, whatever order the list is shown in: an entry's id must
    // not change when `list_order` does.
    let mut dated: Vec<&NewsView> = news.iter().collect();
    ListOrder::Newest.arrange(&mut dated, |n| n.date_iso.clone());
    for (i, n) in dated.into_iter().enumerate() {
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

/// The papers' views and the filters over them: the costly part of the views, which the
/// preview keeps while the publications, the config and the profile stay as they were.
#[derive(Debug, Clone, Default)]
pub struct Papers {
    /// In file order.
    pub list: Vec<Paper>,
    /// Filters by type.
    pub types: Vec<FilterView>,
    /// Filters by tag.
    pub tags: Vec<FilterView>,
    /// Names this making of them: equal generations, equal papers (see [`SiteData::fingerprints`]).
    pub generation: u64,
}

/// Makes the papers' views.
pub fn papers(content: &Content, config: &Config, base: &BaseUrl, generation: u64) -> Papers {
    let owner_name = config
        .owner
        .name
        .as_deref()
        .unwrap_or(&content.profile.name);
    let names = Names::new(
        std::iter::once(owner_name).chain(config.owner.aliases.iter().map(String::as_str)),
        config.people.iter().map(|(n, u)| (n.as_str(), u.as_str())),
    )
    .excluding(config.owner.exclude.iter().map(String::as_str));
    let scholar = scholar_user(&content.profile);
    let labels = &config.locale().labels;
    let (mut publications, list_only): (Vec<PublicationView>, Vec<ListOnly>) = content
        .publications
        .par_iter()
        .map(|p| publication(p, &names, base, &config.publications, scholar, labels))
        .unzip();
    let (types, tags) = filters(&mut publications, base, labels);
    let shared = SharedValues::of(&publications);
    let list: Vec<Paper> = publications
        .into_par_iter()
        .zip(list_only)
        .map(|(view, list)| Paper::new(view, list, &shared))
        .collect();
    Papers {
        list,
        types,
        tags,
        generation,
    }
}

/// Builds the view models from the content, with its papers' views.
pub fn build(content: &Content, config: &Config, base: &BaseUrl, papers: Papers) -> SiteData {
    let Papers {
        list: publications,
        types: publication_types,
        tags: publication_tags,
        generation: papers_generation,
    } = papers;
    let locale = config.locale();
    let posts: Vec<DocView> = content
        .posts
        .iter()
        .map(|d| doc(d, Route::Post(d.slug.clone()), base, &locale))
        .collect();
    let pages: Vec<DocView> = content
        .pages
        .iter()
        .map(|d| doc(d, Route::Page(d.slug.clone()), base, &locale))
        .collect();
    let projects: Vec<ProjectView> = content
        .projects
        .iter()
        .map(|p| project(p, &publications, base))
        .collect();
    let order = config.list_order;
    let news = news(&content.news, base, order, &locale);
    let mut selected: Vec<Paper> = publications
        .iter()
        .filter(|p| p.selected)
        .cloned()
        .collect();
    let awards = content.awards.iter().map(|a| award(a, base, &locale));
    let mut awards: Vec<AwardView> = awards.collect();
    // An undated paper is a preprint: first, as in the full list (`group_by_year`).
    order.arrange(&mut selected, |p| p.year.unwrap_or(u16::MAX));
    order.arrange(&mut awards, |a| a.date_iso.clone());
    let data = SiteData {
        site: site_view(config, content, base, &locale),
        profile: profile(&content.profile, content.bio.as_ref(), base),
        education: content
            .education
            .iter()
            .map(|e| education(e, base, &locale))
            .collect(),
        experience: experience_groups(&content.experience, base, &locale),
        highlights_legend: Legend::of(projects.iter().flat_map(|p| p.papers.iter())),
        projects,
        publications_by_year: group_by_year(&publications, &locale.labels),
        publication_types,
        publication_tags,
        selected_legend: Legend::of(selected.iter()),
        selected_publications: selected,
        legend: Legend::of(publications.iter()),
        publications,
        awards,
        service: content.service.iter().map(service).collect(),
        skills: skills(&content.skills),
        feed: feed(&posts, &news, base),
        news,
        talks: talks(&content.talks, order, &locale),
        teaching: (content.teaching.iter())
            .map(|t| teaching(t, base, &locale))
            .collect(),
        pages,
        posts,
        cv_sections: Vec::new(),
        home_sections: Vec::new(),
        labels: locale.labels.clone(),
        papers_generation,
    };
    // The configured sections that have something to show, in order.
    let cv_sections = config
        .cv
        .sections
        .iter()
        .copied()
        .filter(|s| data.has(*s))
        .collect();
    // A section named twice is shown once, where it is first named.
    let mut named = std::collections::HashSet::new();
    let home_sections = (config.home.sections.iter())
        .copied()
        .filter(|s| named.insert(*s) && data.home_has(*s, config.home.news_limit))
        .collect();
    let menu = menu(config, base, &data);
    let mut data = SiteData {
        cv_sections,
        home_sections,
        ..data
    };
    data.site.menu = menu;
    data
}

/// The owner's Google Scholar user id, from the profile's Scholar link (`...?user=ID`).
fn scholar_user(profile: &crate::content::model::Profile) -> Option<&str> {
    let url = profile.links.google_scholar.as_deref()?;
    let query = url.split_once('?')?.1;
    query
        .split('&')
        .find_map(|kv| kv.strip_prefix("user="))
        .filter(|u| !u.is_empty())
}

/// The site-wide values: title, menu, footer, base path, the PDF.
fn site_view(config: &Config, content: &Content, base: &BaseUrl, locale: &Locale) -> SiteView {
    let title = config
        .title
        .clone()
        .unwrap_or_else(|| content.profile.name.clone());
    SiteView {
        // Made from the lists, once they are.
        menu: Vec::new(),
        footer_html: match &config.footer {
            Some(f) => f.inline_html(&base.path),
            None => format!("© {}", escape_html(&title)),
        },
        title,
        description: config.description.clone(),
        base_url: base.absolute.clone(),
        base: base.path.clone(),
        language: config.language.clone(),
        dir: locale.dir,
        analytics: config.analytics.clone(),
        comments: config.comments.clone(),
        giscus_lang: locale.giscus_lang(),
        home_photo: config.home.photo,
        home_contact: config.home.contact,
        generator: format!("cvsite {}", env!("CARGO_PKG_VERSION")),
        news_limit: config.home.news_limit,
        cv_pdf: (cfg!(feature = "pdf") && config.cv.pdf).then(|| Route::CvPdf.url(base)),
        search: config.search,
        // Checked when the configuration is loaded (`site::render_into`).
        style: crate::colour::site_style(&config.theme, &base.path).unwrap_or_default(),
        cv_variants: Vec::new(),
        urls: SiteUrls::new(|r| r.url(base)),
        permalinks: SiteUrls::new(|r| r.permalink(base)),
        // The other languages' are added by the build, which knows them.
        sitemaps: vec![Route::Sitemap.permalink(base)],
        icons: crate::render::icons::Icons,
        // Made from these views by the build's images step.
        pictures: Default::default(),
    }
}

impl SiteData {
    /// Whether a page of `content/pages/` has the address of the built-in page `route`
    /// (`pages/projects.md` and `/projects/`): the user's page wins.
    pub fn page_at(&self, route: &Route) -> bool {
        let out = route.output();
        self.pages
            .iter()
            .any(|p| Route::Page(p.slug.clone()).output() == out)
    }

    /// The pictures the theme shows and their places on the page: the photo, a 176-pixel
    /// square (`.photo` in style.css), the papers' thumbnails, 96 pixels wide
    /// (`.pub-preview`), and the projects' pictures, 16:9 (`.card-image`).
    pub fn picture_requests(
        &self,
        profile: &crate::content::model::Profile,
    ) -> Vec<crate::images::Request> {
        use crate::images::{Fit, Place, Request};
        let photo = self.profile.photo_url.iter().map(|url| Request {
            place: Place::Photo,
            url: url.clone(),
            fit: Fit::Cover {
                width: 176,
                height: 176,
                focus: profile.photo_focus.map(|f| (f.x, f.y)),
            },
        });
        let previews = self.publications.iter().filter_map(|p| {
            Some(Request {
                place: Place::Thumbnail,
                url: p.preview_url()?.to_string(),
                fit: Fit::Width(96),
            })
        });
        // A card is up to about 350 pixels wide two to a row, and up to 550 alone on a small
        // screen: 480 at 1x, sharp enough for both.
        let cards = self.projects.iter().filter_map(|p| {
            Some(Request {
                place: Place::Card,
                url: p.image_url.clone()?,
                fit: Fit::Cover {
                    width: 480,
                    height: 270,
                    focus: None,
                },
            })
        });
        photo.chain(previews).chain(cards).collect()
    }

    /// A fingerprint of each value templates see, by name: equal fingerprints, equal values.
    /// The papers' are their generation (fingerprinting 10,000 papers would cost as much as
    /// the pages it saves). A value missing here is taken as changed on every build.
    pub fn fingerprints(&self) -> Vec<(&'static str, u128)> {
        use crate::memo::{fingerprint as f, hash_of};
        let papers = f(&("papers", self.papers_generation));
        vec![
            ("site", f(&self.site)),
            ("profile", f(&self.profile)),
            ("education", f(&self.education)),
            ("experience", f(&self.experience)),
            ("publications", papers),
            ("publications_by_year", papers),
            ("selected_publications", papers),
            ("publication_types", f(&self.publication_types)),
            ("publication_tags", f(&self.publication_tags)),
            ("legend", papers),
            ("selected_legend", papers),
            ("highlights_legend", f(&(papers, &self.projects))),
            ("projects", f(&(papers, &self.projects))),
            ("awards", f(&self.awards)),
            ("service", f(&self.service)),
            ("skills", f(&self.skills)),
            ("news", f(&self.news)),
            ("talks", f(&self.talks)),
            ("teaching", f(&self.teaching)),
            // Documents are many and long: hashed rather than formatted.
            ("pages", hash_of(&self.pages)),
            ("posts", hash_of(&self.posts)),
            ("cv_sections", f(&self.cv_sections)),
            ("home_sections", f(&self.home_sections)),
            ("labels", f(&self.labels)),
            ("feed", hash_of(&self.feed)),
        ]
    }

    /// Whether a section of the home page has anything to show.
    fn home_has(&self, section: HomeSection, news_limit: usize) -> bool {
        match section {
            HomeSection::Bio => self.profile.bio_html.is_some(),
            HomeSection::Interests => !self.profile.interests.is_empty(),
            HomeSection::Highlights => !self.projects.is_empty(),
            HomeSection::News => !self.news.is_empty() && news_limit > 0,
            HomeSection::SelectedPublications => !self.selected_publications.is_empty(),
        }
    }

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

fn menu(config: &Config, base: &BaseUrl, data: &SiteData) -> Vec<LinkView> {
    if let Some(items) = &config.menu {
        return items
            .iter()
            .map(|m| link(&m.name, &internal(&base.path, &m.url), "menu"))
            .collect();
    }
    let l = &data.labels;
    let lists = [
        (&l.home, Route::Home, "home", true),
        (&l.cv, Route::Cv, "cv", true),
        (
            &l.publications,
            Route::Publications,
            "publications",
            !data.publications.is_empty(),
        ),
        (
            &l.projects,
            Route::Projects,
            "projects",
            !data.projects.is_empty(),
        ),
        (&l.talks, Route::Talks, "talks", !data.talks.is_empty()),
        (&l.posts, Route::Posts, "posts", !data.posts.is_empty()),
    ];
    let search = [(&l.search, Route::Search, "search", config.search)];
    let mut menu: Vec<LinkView> = lists
        .into_iter()
        .filter(|(_, route, _, present)| *present && !data.page_at(route))
        .map(|(name, route, kind, _)| link(name, &route.url(base), kind))
        .collect();
    menu.extend(
        data.pages
            .iter()
            .filter(|p| p.menu)
            .map(|p| link(&p.title, &p.url, "page")),
    );
    let search = (search.into_iter()).filter(|(_, route, _, on)| *on && !data.page_at(route));
    menu.extend(search.map(|(name, route, kind, _)| link(name, &route.url(base), kind)));
    menu
}

/// A site-internal path written as `/x/` gets the base path; full URLs stay as they are.
fn internal(base: &str, url: &str) -> String {
    crate::content::rich::site_path(url, base)
}

fn link(label: &str, url: &str, kind: &str) -> LinkView {
    LinkView {
        label: label.to_string(),
        url: url.to_string(),
        kind: kind.to_string(),
    }
}

fn doc(d: &Document, route: Route, base: &BaseUrl, locale: &Locale) -> DocView {
    DocView {
        title: d.front.title.clone(),
        url: route.url(base),
        slug: d.slug.clone(),
        date: d.front.date.map(|x| locale.date(&x)),
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

    #[test]
    fn internal_links_get_base_path() {
        assert_eq!(internal("/repo/", "/cv/"), "/repo/cv/");
        assert_eq!(internal("/repo/", "https://x.org/"), "https://x.org/");
        assert_eq!(internal("/", "//cdn.x/"), "//cdn.x/");
    }
}
