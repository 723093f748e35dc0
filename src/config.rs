//! `cvsite.yaml`: the site's configuration, and finding the site root.

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostics::{SourceError, SourceFile};

/// The name of the file that marks a site's root folder.
pub const CONFIG_FILE: &str = "cvsite.yaml";

/// `cvsite.yaml`.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Site title; defaults to the profile's name.
    pub title: Option<String>,
    /// One-sentence description for search engines and link previews.
    pub description: Option<String>,
    /// Where the site is published, e.g. `https://name.github.io/` or `https://name.github.io/repo/`.
    pub base_url: Option<String>,
    /// Language of the content, as a BCP 47 tag (`en`, `de`, `zh-CN`, `ar`): the theme's and
    /// the PDF's labels and dates are in it (built in: en, de, fr, es, pt, it, zh, ja, ko, ru,
    /// ar, he, fa), and Arabic, Hebrew and Persian sites are laid out right to left.
    #[serde(default = "default_language")]
    pub language: String,
    /// Your own words for any label of the theme and the PDF, over the language's:
    /// `labels: {news: Updates, research_interests: Research areas}`.
    #[serde(default)]
    pub labels: crate::labels::LabelOverrides,
    /// How dates are written: `short` ("Jun 2023", the default), `long` ("June 2023") or `iso`
    /// ("2023-06"); month names and order follow the language.
    #[serde(default)]
    pub date_format: crate::labels::DateFormat,
    /// Custom domain for GitHub Pages; writes a `CNAME` file.
    pub cname: Option<String>,
    /// The CV page.
    #[serde(default)]
    pub cv: CvConfig,
    /// Navigation links; defaults to Home, CV, Publications, Posts and pages with `menu: true`.
    pub menu: Option<Vec<MenuItem>>,
    /// Footer text (Markdown); defaults to a copyright line.
    pub footer: Option<crate::content::rich::RichText>,
    /// The owner's name as author lists spell it, for highlighting.
    #[serde(default)]
    pub owner: Owner,
    /// Co-authors' homepages by name: their names link there in author lists.
    #[serde(default)]
    pub people: IndexMap<String, crate::content::url::Url>,
    /// Settings of the publication list.
    #[serde(default)]
    pub publications: PublicationsConfig,
    /// The home page.
    #[serde(default)]
    pub home: HomeConfig,
    /// The order of the dated lists (selected publications, awards, talks, news): `newest`
    /// first (the default) or `as_written`, the order of your files.
    #[serde(default)]
    pub list_order: ListOrder,
    /// A search page, `/search/`, over papers, posts and pages: it works from the site's own
    /// files (an index the page loads when a visitor searches), offline too. Off by default.
    #[serde(default)]
    pub search: bool,
    /// The look: accent colour and fonts.
    #[serde(default)]
    pub theme: crate::colour::ThemeConfig,
    /// Visitor statistics: GoatCounter, Plausible, Umami or Google Analytics. Off by default;
    /// a service named here is loaded on every page (the README says what each sends).
    #[serde(default)]
    pub analytics: crate::services::Analytics,
    /// Comments under posts, with giscus (GitHub Discussions). Off by default.
    #[serde(default)]
    pub comments: crate::services::Comments,
    /// The site's other languages, by BCP 47 tag (`zh:`): each has its pages under `/zh/`,
    /// from `content/zh/`, whose files take the place of the same files of `content/`; what
    /// is not translated is shown as written in `content/`. Each may set its own `title`,
    /// `description`, `labels`, `menu` and `footer`.
    #[serde(default)]
    pub translations: IndexMap<String, Option<Translation>>,
}

/// What another language of the site sets for itself; the rest is the site's.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Translation {
    /// Site title in this language.
    pub title: Option<String>,
    /// Description in this language.
    pub description: Option<String>,
    /// Its own words for labels, over the language's.
    #[serde(default)]
    pub labels: crate::labels::LabelOverrides,
    /// Its menu (addresses as written: `/zh/cv/` for its own pages).
    pub menu: Option<Vec<MenuItem>>,
    /// Its footer (Markdown).
    pub footer: Option<crate::content::rich::RichText>,
}

impl Config {
    /// The site's language: its labels, with the site's own over them, and its dates.
    pub fn locale(&self) -> crate::labels::Locale {
        crate::labels::Locale::new(&self.language, &self.labels, self.date_format)
    }

    /// The configuration of the site in its language `tag` (one of `translations`): the same
    /// site, with that language and what it sets for itself.
    pub fn in_language(&self, tag: &str) -> Config {
        let t = self
            .translations
            .get(tag)
            .cloned()
            .flatten()
            .unwrap_or_default();
        Config {
            language: tag.to_string(),
            title: t.title.or_else(|| self.title.clone()),
            description: t.description.or_else(|| self.description.clone()),
            labels: t.labels,
            menu: t.menu.or_else(|| self.menu.clone()),
            footer: t.footer.or_else(|| self.footer.clone()),
            ..self.clone()
        }
    }
}

/// Settings of the home page.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HomeConfig {
    /// How many news items the home page shows, newest first (default 5; 0 for none). Every
    /// item is on `/news/`, which the home page links to when it shows fewer.
    #[serde(default = "default_news_limit")]
    pub news_limit: usize,
    /// The home page's sections in the order shown (default: all, in this order); a section
    /// with no content is skipped. Their titles are labels (`labels: {news: Updates}`).
    #[serde(default = "HomeSection::all")]
    pub sections: Vec<HomeSection>,
    /// Show the photo at the top of the home page.
    #[serde(default = "yes")]
    pub photo: bool,
    /// Show the contact block (email, location, profile links, the CV button) under the name.
    #[serde(default = "yes")]
    pub contact: bool,
}

impl Default for HomeConfig {
    fn default() -> HomeConfig {
        HomeConfig {
            news_limit: default_news_limit(),
            sections: HomeSection::all(),
            photo: true,
            contact: true,
        }
    }
}

/// A section of the home page, under the name and photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HomeSection {
    /// The biography (`content/bio.md`).
    Bio,
    /// Research interests from the profile.
    Interests,
    /// Research highlights (`projects.yaml`).
    Highlights,
    /// The latest news (`home.news_limit` of them).
    News,
    /// The publications marked `selected`.
    SelectedPublications,
}

impl HomeSection {
    /// Every section, in the default order.
    pub fn all() -> Vec<HomeSection> {
        vec![
            Self::Bio,
            Self::Interests,
            Self::Highlights,
            Self::News,
            Self::SelectedPublications,
        ]
    }
}

fn default_news_limit() -> usize {
    5
}

/// The order of the dated lists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ListOrder {
    /// Newest first; undated items last, items of one date in the file's order.
    #[default]
    Newest,
    /// The order of your files.
    AsWritten,
}

impl ListOrder {
    /// Puts `items` in this order: by `date` newest first (undated last, a stable sort, so
    /// items of one date keep the file's order), or left as written.
    pub fn arrange<T, K: Ord>(self, items: &mut [T], date: impl Fn(&T) -> K) {
        if self == ListOrder::Newest {
            items.sort_by_key(|x| std::cmp::Reverse(date(x)));
        }
    }
}

/// Settings of the publication list.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PublicationsConfig {
    /// Where a paper's `pdf`, `slides` and `poster` given as a bare file name are, inside
    /// `static/`: `assets/pdf` for files of an al-folio site (`pdf = {paper.pdf}`).
    pub pdf_dir: Option<String>,
    /// Where a paper's `preview` given as a bare file name is, inside `static/`:
    /// `assets/img/publication_preview` for an al-folio site.
    pub preview_dir: Option<String>,
    /// What each entry of `/publications/` can unfold in place, without JavaScript: its
    /// abstract, its BibTeX. `[]` keeps the list short (a paper's own page has both anyway).
    #[serde(default = "Toggle::all")]
    pub toggles: Vec<Toggle>,
}

impl Default for PublicationsConfig {
    fn default() -> Self {
        PublicationsConfig {
            pdf_dir: None,
            preview_dir: None,
            toggles: Toggle::all(),
        }
    }
}

/// What an entry of the publication list can unfold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Toggle {
    /// The abstract.
    Abstract,
    /// The BibTeX entry.
    Bibtex,
}

impl Toggle {
    fn all() -> Vec<Toggle> {
        vec![Toggle::Abstract, Toggle::Bibtex]
    }
}

/// How author lists name the site's owner.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Owner {
    /// The name (default: the profile's name).
    pub name: Option<String>,
    /// Other spellings, for what initials cannot tell: a former family name, a transliteration.
    /// "Last, First", initials ("W. A. Wall", "Wall, W.A.", "WA Wall") and accents without
    /// their marks match already.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Co-authors whose names would match yours (a namesake): never highlighted.
    #[serde(default)]
    pub exclude: Vec<String>,
}

fn default_language() -> String {
    "en".to_string()
}

/// Settings of the CV page.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CvConfig {
    /// Sections in the order shown; a section with no content is skipped.
    #[serde(default = "CvSection::all")]
    pub sections: Vec<CvSection>,
    /// Paper size of `/cv.pdf`.
    #[serde(default)]
    pub paper: PaperSize,
    /// Typeset `/cv.pdf` (and the variants' PDFs); `false` leaves them out, and their links.
    #[serde(default = "yes")]
    pub pdf: bool,
    /// Other versions of the CV, by name (a short CV, an industry CV, ...): each builds to
    /// `/cv/<name>/` and `/cv-<name>.pdf`.
    #[serde(default)]
    pub variants: IndexMap<String, CvVariant>,
}

/// A version of the CV with fewer sections or entries.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CvVariant {
    /// Shown name, e.g. "Short CV" (default: the variant's name).
    pub title: Option<String>,
    /// Sections in order (default: those of the full CV).
    pub sections: Option<Vec<CvSection>>,
    /// Keep only entries with one of these tags (default: all entries).
    #[serde(default)]
    pub include_tags: Vec<String>,
    /// Leave out entries with one of these tags.
    #[serde(default)]
    pub exclude_tags: Vec<String>,
    /// List only the publications marked `selected`.
    #[serde(default)]
    pub selected_publications: bool,
}

impl CvVariant {
    /// Whether an entry with these tags belongs in the variant.
    pub fn keeps(&self, tags: &[String]) -> bool {
        let has = |list: &[String]| {
            tags.iter()
                .any(|t| list.iter().any(|l| l.eq_ignore_ascii_case(t)))
        };
        (self.include_tags.is_empty() || has(&self.include_tags)) && !has(&self.exclude_tags)
    }
}

impl Default for CvConfig {
    fn default() -> Self {
        CvConfig {
            sections: CvSection::all(),
            paper: PaperSize::default(),
            pdf: true,
            variants: IndexMap::new(),
        }
    }
}

fn yes() -> bool {
    true
}

/// Paper size of the PDF CV.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PaperSize {
    /// ISO A4 (210 × 297 mm).
    #[default]
    A4,
    /// US Letter (8.5 × 11 in).
    Letter,
}

/// A section of the CV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CvSection {
    /// Degrees.
    Education,
    /// Research interests from the profile.
    Interests,
    /// Research highlights (`projects.yaml`).
    Highlights,
    /// Positions.
    Experience,
    /// Publications.
    Publications,
    /// Awards and honours.
    Awards,
    /// Talks.
    Talks,
    /// Teaching.
    Teaching,
    /// Service.
    Service,
    /// Skills.
    Skills,
    /// News.
    News,
}

impl CvSection {
    /// Every section, in the CV's default order: the one place the list is spelt. What each
    /// shows is matched exhaustively elsewhere, so a new section is a compile error until the
    /// loader, the views and the schemas know it.
    pub const ALL: [CvSection; 11] = [
        Self::Education,
        Self::Interests,
        Self::Highlights,
        Self::Experience,
        Self::Publications,
        Self::Awards,
        Self::Talks,
        Self::Teaching,
        Self::Service,
        Self::Skills,
        Self::News,
    ];

    /// The sections of a CV that names none: all but the news, which the home page shows.
    pub fn all() -> Vec<CvSection> {
        Self::ALL.into_iter().filter(|s| *s != Self::News).collect()
    }

    /// The file of `content/` its entries are written in.
    pub fn file(self) -> &'static str {
        match self {
            Self::Education => "education.yaml",
            Self::Interests => "profile.yaml",
            Self::Highlights => "projects.yaml",
            Self::Experience => "experience.yaml",
            Self::Publications => "publications.yaml",
            Self::Awards => "awards.yaml",
            Self::Talks => "talks.yaml",
            Self::Teaching => "teaching.yaml",
            Self::Service => "service.yaml",
            Self::Skills => "skills.yaml",
            Self::News => "news.yaml",
        }
    }
}

/// A navigation link.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    /// Link text.
    pub name: String,
    /// A path inside the site (`/cv/`) or a full URL.
    pub url: crate::content::url::Url,
}

/// A loaded configuration and where it came from.
#[derive(Debug, Clone)]
pub struct LoadedConfig {
    /// The parsed configuration.
    pub config: Config,
    /// The file, for pointing at its lines in later errors.
    pub file: SourceFile,
}

/// Finds the site root: `start` itself or the nearest ancestor with a `cvsite.yaml`, as cargo
/// finds `Cargo.toml`.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| dir.join(CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
}

/// Reads and checks `cvsite.yaml` in `root`.
pub fn load(root: &Path) -> Result<LoadedConfig, SourceError> {
    let file = SourceFile::read(&root.join(CONFIG_FILE), CONFIG_FILE)?;
    let config: Option<Config> = file.parse_yaml(&file.text, 0)?;
    let config = config.unwrap_or_else(|| serde_yaml::from_str("{}").expect("all fields optional"));
    Ok(LoadedConfig { config, file })
}

/// A checked base URL: absolute, ending in `/`, with its path (`/` or `/repo/`) split out,
/// and the folder of the language its pages are in.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BaseUrl {
    /// `https://name.github.io/repo/`.
    pub absolute: String,
    /// `/repo/`: the site's files (style sheet, images, papers) are here in every language.
    pub path: String,
    /// `zh/` for the pages of another language than the default, else empty: [`Route`]s
    /// (pages and what is made per language) are under it.
    ///
    /// [`Route`]: crate::route::Route
    pub language: String,
}

impl BaseUrl {
    /// Parses `https://host[/path]`; `Err` says what is wrong.
    pub fn parse(url: &str) -> Result<BaseUrl, String> {
        let url = url.trim();
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .ok_or_else(|| {
                format!("`{url}` is not a full URL: it must start with https:// (or http://)")
            })?;
        let (host, path) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
        if host.is_empty() || host.contains(char::is_whitespace) {
            return Err(format!("`{url}` has no valid host name"));
        }
        if path.contains(['?', '#']) {
            return Err(format!("`{url}` must not have a query or fragment"));
        }
        let path = path.trim_matches('/');
        let path = if path.is_empty() {
            "/".to_string()
        } else {
            format!("/{path}/")
        };
        let scheme = if url.starts_with("https://") {
            "https"
        } else {
            "http"
        };
        Ok(BaseUrl {
            absolute: format!("{scheme}://{host}{path}"),
            path,
            language: String::new(),
        })
    }

    /// The same site, for the pages of the language `tag` (`/zh/`); `None` for the default.
    pub fn in_language(&self, tag: Option<&str>) -> BaseUrl {
        BaseUrl {
            language: tag.map(|t| format!("{t}/")).unwrap_or_default(),
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        let b = BaseUrl::parse("https://xuefuzhao.github.io").unwrap();
        assert_eq!(
            (b.absolute.as_str(), b.path.as_str()),
            ("https://xuefuzhao.github.io/", "/")
        );
        let p = BaseUrl::parse("https://name.github.io/repo").unwrap();
        assert_eq!(
            (p.absolute.as_str(), p.path.as_str()),
            ("https://name.github.io/repo/", "/repo/")
        );
        assert!(BaseUrl::parse("name.github.io").is_err());
        assert!(BaseUrl::parse("https://").is_err());
    }

    #[test]
    fn finds_root_upwards() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), "").unwrap();
        let deep = dir.path().join("content/pages");
        std::fs::create_dir_all(&deep).unwrap();
        assert_eq!(find_root(&deep).as_deref(), Some(dir.path()));
    }
}
