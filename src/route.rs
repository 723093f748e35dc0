//! Every address of the site. A [`Route`] alone knows where its file is written, the URL that
//! links to it (with the site's base path), which template renders it and whether search
//! engines are told about it. The page plan, the views, the exports, the sitemap and the feeds
//! all ask it; adding a page kind means a variant here, a template, and the data it needs.

use crate::config::BaseUrl;

/// One file of the built site that cvsite generates.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Route {
    /// `/`: the home page.
    Home,
    /// `/cv/`: the full CV.
    Cv,
    /// `/cv/<name>/`: a CV variant (`cv.variants` in cvsite.yaml).
    CvVariant(String),
    /// `/cv.pdf`: the CV typeset as a PDF.
    CvPdf,
    /// `/cv-<name>.pdf`: a CV variant's PDF.
    CvVariantPdf(String),
    /// `/publications/`: every publication, by year.
    Publications,
    /// `/publications/type/<type>/`: the list filtered by type (`conference`, ...).
    PublicationType(String),
    /// `/publications/tag/<slug>/`: the list filtered by tag.
    PublicationTag(String),
    /// `/publications/<slug>/`: one paper's page.
    Publication(String),
    /// `/publications/<slug>.bib`: one paper's BibTeX.
    PublicationBib(String),
    /// `/publications.bib`: every publication as BibTeX.
    PublicationsBib,
    /// `/publications.json`: every publication as CSL-JSON.
    PublicationsJson,
    /// `/resume.json`: the CV in the JSON Resume schema.
    Resume,
    /// `/news/`: every news item.
    News,
    /// `/projects/`: the projects, as cards.
    Projects,
    /// `/talks/`: the talks, with their slides and videos.
    Talks,
    /// `/search/`: the search page (`search: true`).
    Search,
    /// `/search.json`: what the search page searches.
    SearchIndex,
    /// `/posts/`: the list of posts.
    Posts,
    /// `/posts/<slug>/`: a post.
    Post(String),
    /// `/<slug>/`: a page of `content/pages/`.
    Page(String),
    /// `/404.html`: what GitHub Pages shows for a missing page.
    NotFound,
    /// `/sitemap.xml`.
    Sitemap,
    /// `/atom.xml`: the feed of posts and news.
    Atom,
    /// `/robots.txt`.
    Robots,
}

impl Route {
    /// The address below the base path, as linked: `cv/`, `publications/x.bib`, `` for home.
    pub fn rel(&self) -> String {
        match self {
            Route::Home => String::new(),
            Route::Cv => "cv/".into(),
            Route::CvVariant(name) => format!("cv/{name}/"),
            Route::CvPdf => "cv.pdf".into(),
            Route::CvVariantPdf(name) => format!("cv-{name}.pdf"),
            Route::Publications => "publications/".into(),
            Route::PublicationType(key) => format!("publications/type/{key}/"),
            Route::PublicationTag(slug) => format!("publications/tag/{slug}/"),
            Route::Publication(slug) => format!("publications/{slug}/"),
            Route::PublicationBib(slug) => format!("publications/{slug}.bib"),
            Route::PublicationsBib => "publications.bib".into(),
            Route::PublicationsJson => "publications.json".into(),
            Route::Resume => "resume.json".into(),
            Route::News => "news/".into(),
            Route::Projects => "projects/".into(),
            Route::Talks => "talks/".into(),
            Route::Search => "search/".into(),
            Route::SearchIndex => "search.json".into(),
            Route::Posts => "posts/".into(),
            Route::Post(slug) => format!("posts/{slug}/"),
            Route::Page(slug) => format!("{slug}/"),
            Route::NotFound => "404.html".into(),
            Route::Sitemap => "sitemap.xml".into(),
            Route::Atom => "atom.xml".into(),
            Route::Robots => "robots.txt".into(),
        }
    }

    /// The file written, relative to the output folder (`cv/index.html`).
    pub fn output(&self) -> String {
        let rel = self.rel();
        if rel.is_empty() || rel.ends_with('/') {
            rel + "index.html"
        } else {
            rel
        }
    }

    /// The path that links to it, with the base path (`/repo/cv/`).
    pub fn url(&self, base: &BaseUrl) -> String {
        format!("{}{}{}", base.path, self.language(base), self.rel())
    }

    /// `zh/` for a route of another language than the default: the site-wide files
    /// (robots.txt, the exports of the papers) are one for all languages.
    fn language<'a>(&self, base: &'a BaseUrl) -> &'a str {
        match self {
            Route::Robots
            | Route::PublicationsBib
            | Route::PublicationsJson
            | Route::PublicationBib(_) => "",
            _ => &base.language,
        }
    }

    /// The absolute URL, for canonical links, feeds and the sitemap.
    pub fn permalink(&self, base: &BaseUrl) -> String {
        format!("{}{}{}", base.absolute, self.language(base), self.rel())
    }

    /// Whether `sitemap.xml` lists it: the pages a search engine should show. Filtered lists
    /// repeat the full one, and the 404 page is no page.
    pub fn in_sitemap(&self) -> bool {
        matches!(
            self,
            Route::Home
                | Route::Cv
                | Route::CvVariant(_)
                | Route::Publications
                | Route::Publication(_)
                | Route::News
                | Route::Projects
                | Route::Talks
                | Route::Posts
                | Route::Post(_)
                | Route::Page(_)
        )
    }

    /// The template that renders an HTML page, and the page kind templates see as `page.kind`;
    /// `None` for files that are not pages (exports, feeds, PDFs).
    pub fn template(&self) -> Option<(&'static str, &'static str)> {
        Some(match self {
            Route::Home => ("index.html", "home"),
            Route::Cv | Route::CvVariant(_) => ("cv.html", "cv"),
            Route::Publications | Route::PublicationType(_) | Route::PublicationTag(_) => {
                ("publications.html", "publications")
            }
            Route::Publication(_) => ("publication.html", "publication"),
            Route::News => ("news.html", "news"),
            Route::Projects => ("projects.html", "projects"),
            Route::Talks => ("talks.html", "talks"),
            Route::Search => ("search.html", "search"),
            Route::Posts => ("posts.html", "posts"),
            Route::Post(_) => ("post.html", "post"),
            Route::Page(_) => ("page.html", "page"),
            Route::NotFound => ("404.html", "404"),
            Route::Sitemap | Route::Atom | Route::Robots => return None,
            Route::CvPdf
            | Route::CvVariantPdf(_)
            | Route::PublicationBib(_)
            | Route::PublicationsBib
            | Route::PublicationsJson
            | Route::SearchIndex
            | Route::Resume => return None,
        })
    }
}

/// The address of an output file (`cv/index.html` → `cv/`), for reports about files whose route
/// is no longer known (static files, links found in pages).
pub fn rel_of_output(output: &str) -> &str {
    output.strip_suffix("index.html").unwrap_or(output)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_carry_the_base_path() {
        let base = BaseUrl::parse("https://someone.github.io/project").unwrap();
        let r = Route::Publication("xue2023".into());
        assert_eq!(r.output(), "publications/xue2023/index.html");
        assert_eq!(r.url(&base), "/project/publications/xue2023/");
        assert_eq!(
            r.permalink(&base),
            "https://someone.github.io/project/publications/xue2023/"
        );
        assert_eq!(Route::Home.output(), "index.html");
        assert_eq!(Route::Home.url(&base), "/project/");
        assert_eq!(Route::NotFound.output(), "404.html");
        assert_eq!(
            Route::CvVariantPdf("short".into()).url(&base),
            "/project/cv-short.pdf"
        );
        assert_eq!(
            Route::PublicationBib("x".into()).output(),
            "publications/x.bib"
        );
    }

    #[test]
    fn only_pages_worth_finding_are_in_the_sitemap() {
        assert!(Route::Cv.in_sitemap() && Route::Page("about".into()).in_sitemap());
        assert!(!Route::NotFound.in_sitemap());
        assert!(!Route::PublicationTag("moe".into()).in_sitemap());
        assert!(!Route::PublicationType("journal".into()).in_sitemap());
        assert!(!Route::CvPdf.in_sitemap() && !Route::Atom.in_sitemap());
    }

    #[test]
    fn every_page_has_a_template_and_no_export_has_one() {
        assert_eq!(
            Route::CvVariant("x".into()).template(),
            Some(("cv.html", "cv"))
        );
        assert_eq!(Route::Resume.template(), None);
        assert_eq!(rel_of_output("cv/index.html"), "cv/");
        assert_eq!(rel_of_output("404.html"), "404.html");
    }
}
