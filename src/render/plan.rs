//! The page plan: every page the site has, with its route, title, description, the values its
//! template needs and the source it comes from; and the check that no two files collide.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;
use tera::Context;

use super::view::{self, FilterView, Paper, SiteData};
use crate::config::{BaseUrl, PublicationsConfig};
use crate::content::Content;
use crate::diagnostics::{Problems, SourceError};
use crate::labels::fill;
use crate::route::Route;
use crate::theme::ThemeFile;

/// A page to render: its address, what it is about, and the values its template needs.
pub struct Plan {
    /// Where it goes; also names its template.
    pub route: Route,
    /// Page values, as `page`.
    pub page: PageMeta,
    /// Extra values for this page (`publication`, `doc`), put into its context only when it is
    /// rendered: holding every page's context at once would take memory by pages × papers.
    extra: Vec<Value>,
    /// What produced it, for collision messages.
    pub origin: Origin,
    /// A fingerprint of its own values (besides `page`); `None` if they are not fingerprinted,
    /// and the page is rendered on every build.
    pub key: Option<u128>,
}

/// A value a page's template sees, under its name.
type Value = Box<dyn Fn(&mut Context) + Send + Sync>;

impl std::fmt::Debug for Plan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Plan")
            .field("route", &self.route)
            .field("page", &self.page)
            .field("origin", &self.origin)
            .finish_non_exhaustive()
    }
}

impl Plan {
    /// A page at `route` (a route with a template) with its title and description.
    fn new(route: Route, base: &BaseUrl, title: String, description: Option<String>) -> Plan {
        let (_, kind) = route.template().expect("a page route has a template");
        Plan {
            page: PageMeta {
                kind,
                title,
                description,
                url: route.url(base),
                permalink: route.permalink(base),
                in_sitemap: route.in_sitemap(),
                alternates: Vec::new(),
                x_default: None,
                languages: Vec::new(),
            },
            route,
            extra: Vec::new(),
            origin: Origin::Builtin,
            key: Some(0),
        }
    }

    /// Adds a value its template sees (views share their papers, so this is cheap).
    fn with(
        mut self,
        key: &'static str,
        value: impl Serialize + std::hash::Hash + Send + Sync + 'static,
    ) -> Plan {
        self.key = self.key.map(|k| crate::memo::hash_of(&(k, key, &value)));
        self.extra
            .push(Box::new(move |ctx| ctx.insert(key, &value)));
        self
    }

    /// Adds a value made of papers of generation `generation` (and of the page's route): the
    /// same generation gives the same value, without fingerprinting every paper.
    fn with_papers(
        self,
        key: &'static str,
        generation: u64,
        value: impl Serialize + Send + Sync + 'static,
    ) -> Plan {
        self.with_made(key, generation, move || {
            tera::Value::from_serializable(&value)
        })
    }

    /// Adds a value made of papers of generation `generation`, made only as the page is
    /// rendered (see [`Plan::with_papers`]).
    fn with_made(
        mut self,
        key: &'static str,
        generation: u64,
        make: impl Fn() -> tera::Value + Send + Sync + 'static,
    ) -> Plan {
        self.key = self
            .key
            .map(|k| crate::memo::hash_of(&(k, key, generation)));
        self.extra
            .push(Box::new(move |ctx| ctx.insert_value(key, make())));
        self
    }

    /// The page's own context: `page` and its values (the site's are the templates' globals).
    pub fn context(&self) -> Context {
        let mut ctx = Context::new();
        for value in &self.extra {
            value(&mut ctx);
        }
        ctx.insert("page", &self.page);
        ctx
    }

    /// Names the content file it comes from.
    fn sourced(mut self, path: String, line: usize) -> Plan {
        self.origin = Origin::Source { path, line };
        self
    }
}

/// What produced an output file.
#[derive(Debug, Clone)]
pub enum Origin {
    /// A built-in page of the site (home, CV, ...).
    Builtin,
    /// A content file at a line.
    Source { path: String, line: usize },
}

/// The `page` value templates see.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct PageMeta {
    /// Page kind: `home`, `cv`, `publications`, `publication`, `page`, `post`, `posts`, `404`.
    pub kind: &'static str,
    /// Title (for `<title>`).
    pub title: String,
    /// Description (for `<meta name=description>`).
    pub description: Option<String>,
    /// Path with base (`/repo/cv/`), for active menu items.
    pub url: String,
    /// Absolute URL, for canonical links and feeds.
    pub permalink: String,
    /// Listed in `sitemap.xml`.
    pub in_sitemap: bool,
    /// The page in each language of the site that has it, this one's included (`hreflang`);
    /// empty on a site of one language.
    pub alternates: Vec<LanguageLink>,
    /// The page in the default language, for `hreflang="x-default"`, when it has it.
    pub x_default: Option<String>,
    /// Every language of the site, each linking to this page in it, or to its home page when
    /// it has no such page: the language switch.
    pub languages: Vec<LanguageLink>,
}

/// A page in one of the site's languages.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct LanguageLink {
    /// The language's BCP 47 tag (`zh-CN`).
    pub code: String,
    /// Its name in itself ("中文").
    pub name: String,
    /// Path of the page in it.
    pub url: String,
    /// Absolute URL of the page in it.
    pub permalink: String,
    /// The language of this page.
    pub current: bool,
}

/// Lists every page of the site, in a stable order.
pub fn plan(
    data: &SiteData,
    content: &Content,
    base: &BaseUrl,
    dirs: &PublicationsConfig,
) -> Vec<Plan> {
    let p = Planner::new(data, base);
    let site_title = &data.site.title;
    let l = &data.labels;
    // "News – Site", "News from Name.".
    let titled = |label: &str| format!("{label} – {site_title}");
    let of_name = |label: &str| fill(label, &[("name", &data.profile.name)]);
    let mut plans = vec![
        p.page(Route::Home, site_title.clone(), p.site_description.clone()),
        p.page(
            Route::Cv,
            titled(&l.cv),
            fill(&l.cv_description, &[("name", &p.about)]),
        ),
    ];
    plans.extend(p.publication_lists());
    plans.extend(p.paper_pages(content, dirs));
    if !data.news.is_empty() {
        plans.push(p.page(Route::News, titled(&l.news), of_name(&l.news_description)));
    }
    if !data.projects.is_empty() && !data.page_at(&Route::Projects) {
        plans.push(p.page(
            Route::Projects,
            titled(&l.projects),
            of_name(&l.projects_description),
        ));
    }
    if !data.talks.is_empty() && !data.page_at(&Route::Talks) {
        plans.push(p.page(
            Route::Talks,
            titled(&l.talks),
            of_name(&l.talks_description),
        ));
    }
    if !data.posts.is_empty() {
        plans.push(p.page(
            Route::Posts,
            titled(&l.posts),
            of_name(&l.posts_description),
        ));
    }
    plans.extend(p.documents(content));
    // The built-in pages above and below give way to a page of the site at their address.
    if data.site.search && !data.page_at(&Route::Search) {
        plans.push(p.page(
            Route::Search,
            titled(&l.search),
            of_name(&l.search_description),
        ));
    }
    plans.push(p.page(
        Route::NotFound,
        titled(&l.not_found),
        of_name(&l.not_found_description),
    ));
    plans
}

/// What every page's plan draws on.
struct Planner<'a> {
    data: &'a SiteData,
    base: &'a BaseUrl,
    /// "Name, Position, Affiliation".
    about: String,
    /// The site's description, or one made of `about`.
    site_description: String,
}

impl<'a> Planner<'a> {
    fn new(data: &'a SiteData, base: &'a BaseUrl) -> Planner<'a> {
        let name = &data.profile.name;
        let who = [
            data.profile.position.as_deref(),
            data.profile.affiliation.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
        let about = if who.is_empty() {
            name.clone()
        } else {
            format!("{name}, {who}")
        };
        let site_description = data
            .site
            .description
            .clone()
            .unwrap_or_else(|| format!("{about}."));
        Planner {
            data,
            base,
            about,
            site_description,
        }
    }

    /// A page; every page gets a description: search engines show it, and Lighthouse's SEO
    /// audit asks for it.
    fn page(&self, route: Route, title: String, description: String) -> Plan {
        Plan::new(route, self.base, title, Some(description))
    }

    /// The publication list, and one list per type and tag (so the filters work without
    /// JavaScript).
    fn publication_lists(&self) -> Vec<Plan> {
        let d = self.data;
        if d.publications.is_empty() {
            return Vec::new();
        }
        let (site_title, name, l) = (&d.site.title, &d.profile.name, &d.labels);
        let count = d.publications.len().to_string();
        let mut plans = vec![
            self.page(
                Route::Publications,
                format!("{} – {site_title}", l.publications),
                fill(
                    &l.publications_description,
                    &[("name", name), ("count", &count)],
                ),
            )
            .with_papers(
                "groups",
                d.papers_generation,
                d.publications_by_year.clone(),
            ),
        ];
        if d.publication_types.len() < 2 && d.publication_tags.is_empty() {
            return plans;
        }
        // Each filter's papers, in one pass over the papers (not one per filter).
        let mut by_type: HashMap<&str, Vec<Paper>> = HashMap::new();
        let mut by_tag: HashMap<&str, Vec<Paper>> = HashMap::new();
        for p in &d.publications {
            by_type
                .entry(p.kind.key())
                .or_default()
                .push(Paper::clone(p));
            let mut tags: Vec<&str> = p.tags.iter().map(|t| t.slug.as_str()).collect();
            // A tag written twice lists the paper once.
            tags.sort_unstable();
            tags.dedup();
            for t in tags {
                by_tag.entry(t).or_default().push(Paper::clone(p));
            }
        }
        let list = |filter: &FilterView, route: Route, kept: Option<Vec<Paper>>| {
            let kept = kept.unwrap_or_default();
            self.page(
                route,
                format!("{} – {} – {site_title}", filter.label, l.publications),
                fill(
                    &l.publications_filter_description,
                    &[("name", name), ("filter", &filter.label)],
                ),
            )
            .with("legend", view::Legend::of(kept.iter()))
            .with_papers("groups", d.papers_generation, view::group_by_year(&kept, l))
            .with("filter", filter.clone())
        };
        for f in &d.publication_types {
            let route = Route::PublicationType(f.key.clone());
            plans.push(list(f, route, by_type.remove(f.key.as_str())));
        }
        for f in &d.publication_tags {
            let route = Route::PublicationTag(f.key.clone());
            plans.push(list(f, route, by_tag.remove(f.key.as_str())));
        }
        plans
    }

    /// One page per paper, traced to the file it was written in.
    fn paper_pages(&self, content: &Content, dirs: &PublicationsConfig) -> Vec<Plan> {
        // What each page's own values are made of, as it is rendered.
        let made_of = Arc::new((
            Arc::clone(&content.publications),
            self.base.clone(),
            dirs.clone(),
        ));
        // Views are made from the publications one to one, in order.
        let papers = self
            .data
            .publications
            .iter()
            .zip(content.publications.iter())
            .enumerate();
        papers
            .map(|(i, (p, source))| {
                let venue = p.venue.as_deref().or(p.venue_short.as_deref());
                let description = match venue {
                    Some(v) => format!("{}. {v}", p.authors_text.trim_end_matches('.')),
                    None => p.authors_text.clone(),
                };
                let route = Route::Publication(p.slug.clone());
                let generation = self.data.papers_generation;
                let (paper, made_of) = (Paper::clone(p), Arc::clone(&made_of));
                self.page(route, p.title.clone(), description)
                    .with_made("publication", generation, move || {
                        let (publications, base, dirs) = &*made_of;
                        view::page_value(&paper, &publications[i], base, dirs)
                    })
                    .sourced(source.written.file.clone(), source.written.line)
            })
            .collect()
    }

    /// The pages and posts.
    fn documents(&self, content: &Content) -> Vec<Plan> {
        let d = self.data;
        // Views are made from documents one to one, in order.
        let pages = d.pages.iter().zip(&content.pages);
        let posts = d.posts.iter().zip(&content.posts);
        let docs = pages
            .map(|(v, doc)| (Route::Page(v.slug.clone()), v, doc))
            .chain(posts.map(|(v, doc)| (Route::Post(v.slug.clone()), v, doc)));
        docs.map(|(route, v, doc)| {
            let description = v
                .description
                .clone()
                .unwrap_or_else(|| self.site_description.clone());
            let title = format!("{} – {}", v.title, d.site.title);
            self.page(route, title, description)
                .with("doc", v.clone())
                .sourced(doc.source.display.clone(), 1)
        })
        .collect()
    }
}

/// The page of a CV variant: the CV template with the variant's content.
pub fn variant_plan(
    link: &view::VariantLink,
    data: &SiteData,
    base: &BaseUrl,
) -> Result<Plan, Problems> {
    let mut plan = Plan::new(
        Route::CvVariant(link.name.clone()),
        base,
        format!("{} – {}", link.title, data.site.title),
        Some(format!(
            "{}: {}",
            link.title,
            fill(&data.labels.cv_description, &[("name", &data.profile.name)])
        )),
    );
    // The variant's page sees its own content where the others see the site's.
    let values = Context::from_serialize(data).map_err(|e| {
        Problems(vec![SourceError::whole_file(
            "cvsite.yaml",
            format!("cannot prepare the CV variant `{}`: {e}", link.name),
        )])
    })?;
    plan.extra
        .push(Box::new(move |ctx| ctx.extend(values.clone())));
    // Its values are a whole site's: rendered on every build rather than fingerprinted.
    plan.key = None;
    Ok(plan.with("variant", link.clone()))
}

/// Refuses two pages, or a page and a static file, that would write the same file.
pub fn check_collisions(
    plans: &[Plan],
    generated: &[Route],
    static_files: &[ThemeFile],
) -> Result<(), Problems> {
    let mut seen: HashMap<String, String> = HashMap::new();
    for g in generated {
        seen.insert(g.output(), "a file cvsite generates".to_string());
    }
    let mut problems = Vec::new();
    let describe = |o: &Origin| match o {
        Origin::Builtin => "a page cvsite generates".to_string(),
        Origin::Source { path, line } => format!("{path}:{line}"),
    };
    for p in plans {
        if let Some(first) = seen.insert(p.route.output(), describe(&p.origin)) {
            let (path, line) = match &p.origin {
                Origin::Source { path, line } => (path.clone(), (*line).max(1)),
                Origin::Builtin => (first.clone(), 1),
            };
            let help = if path.ends_with(".bib") {
                "their keys give the same URL: change one key, or give that paper a `slug:` \
                 in content/publications.yaml (`- key: ...` with `slug: ...`)"
            } else if path.ends_with(".yaml") {
                "give one of them another `slug:`"
            } else {
                "give one of them another `slug:` in its front matter"
            };
            let mut e = SourceError::whole_file(
                &path,
                format!(
                    "two pages would be written to the same URL /{}: {first} and {}",
                    p.route.rel(),
                    describe(&p.origin)
                ),
            )
            .with_help(help.to_string());
            e.line = line;
            problems.push(e);
        }
    }
    // The folders the pages and generated files need: a static file may not take their name.
    let mut folders: HashMap<&str, &str> = HashMap::new();
    for (path, by) in &seen {
        let mut at = path.as_str();
        while let Some((parent, _)) = at.rsplit_once('/') {
            folders.entry(parent).or_insert(by.as_str());
            at = parent;
        }
    }
    for f in static_files {
        if let Some(first) = seen.get(&f.name) {
            problems.push(
                SourceError::whole_file(
                    &f.display("static"),
                    format!("this file would overwrite /{}, written by {first}", f.name),
                )
                .with_help("rename or move the static file".to_string()),
            );
        } else if let Some(by) = folders.get(f.name.as_str()) {
            problems.push(
                SourceError::whole_file(
                    &f.display("static"),
                    format!(
                        "this file takes the name of the folder /{}/, which {by} needs for its page",
                        f.name
                    ),
                )
                .with_help("rename the static file (give it an extension), or move it".to_string()),
            );
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Problems(problems))
    }
}
