//! Rendering: plan every page the site has, render them in parallel, and hand back the files.

pub mod exports;
pub mod resume;
pub mod view;

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::config::BaseUrl;
use crate::content::Content;
use crate::diagnostics::{Problems, SourceError};
use crate::route::Route;
use crate::templates::Templates;
use crate::theme::ThemeFile;
use view::SiteData;

/// A page to render: its address, what it is about, and the values its template needs.
#[derive(Debug)]
pub struct Plan {
    /// Where it goes; also names its template.
    pub route: Route,
    /// Page values, as `page`.
    pub page: PageMeta,
    /// Extra values for this page (`publication`, `doc`).
    pub extra: Context,
    /// What produced it, for collision messages.
    pub origin: Origin,
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
            },
            route,
            extra: Context::new(),
            origin: Origin::Builtin,
        }
    }

    /// Adds a value its template sees.
    fn with(mut self, key: &'static str, value: &impl Serialize) -> Plan {
        self.extra.insert(key, value);
        self
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
#[derive(Debug, Clone, Serialize)]
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
}

/// A rendered file.
#[derive(Debug)]
pub struct Rendered {
    /// Output path relative to the site root.
    pub output: String,
    /// Its contents.
    pub contents: String,
}

/// Lists every page of the site, in a stable order.
pub fn plan(data: &SiteData, content: &Content, base: &BaseUrl) -> Vec<Plan> {
    let site_title = &data.site.title;
    let name = &data.profile.name;
    // Every page gets a description: search engines show it, and Lighthouse's SEO audit asks for it.
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
    let page = |route: Route, title: String, description: String| {
        Plan::new(route, base, title, Some(description))
    };
    let mut plans = vec![
        page(Route::Home, site_title.clone(), site_description.clone()),
        page(
            Route::Cv,
            format!("CV – {site_title}"),
            format!("Curriculum vitae of {about}."),
        ),
    ];
    if !data.publications.is_empty() {
        plans.push(
            page(
                Route::Publications,
                format!("Publications – {site_title}"),
                format!(
                    "Publications of {name}: {} papers, with BibTeX.",
                    data.publications.len()
                ),
            )
            .with("groups", &data.publications_by_year),
        );
        // One page per type and tag: the filters work without JavaScript.
        if data.publication_types.len() > 1 || !data.publication_tags.is_empty() {
            let by_type = data.publication_types.iter().map(|f| {
                let keep = |p: &view::PublicationView| p.kind.key() == f.key;
                (f, Route::PublicationType(f.key.clone()), keep_fn(keep))
            });
            let by_tag = data.publication_tags.iter().map(|f| {
                let keep = |p: &view::PublicationView| p.tags.iter().any(|t| t.slug == f.key);
                (f, Route::PublicationTag(f.key.clone()), keep_fn(keep))
            });
            for (filter, route, keep) in by_type.chain(by_tag) {
                let kept: Vec<view::PublicationView> = data
                    .publications
                    .iter()
                    .filter(|p| keep(p))
                    .cloned()
                    .collect();
                plans.push(
                    page(
                        route,
                        format!("{} – Publications – {site_title}", filter.label),
                        format!("Publications of {name}: {}.", filter.label),
                    )
                    .with("groups", &view::group_by_year(&kept))
                    .with("filter", filter),
                );
            }
        }
    }
    // Views are made from the publications one to one, in order.
    for (p, source) in data.publications.iter().zip(&content.publications) {
        let venue = p.venue.as_deref().or(p.venue_short.as_deref());
        let description = match venue {
            Some(v) => format!("{}. {v}", p.authors_text.trim_end_matches('.')),
            None => p.authors_text.clone(),
        };
        plans.push(
            page(
                Route::Publication(p.slug.clone()),
                p.title.clone(),
                description,
            )
            .with("publication", p)
            .sourced(source.written.file.clone(), source.written.line),
        );
    }
    if !data.posts.is_empty() {
        plans.push(page(
            Route::Posts,
            format!("Posts – {site_title}"),
            format!("Posts by {name}."),
        ));
    }
    let pages = data.pages.iter().zip(&content.pages);
    let posts = data.posts.iter().zip(&content.posts);
    let docs = pages
        .map(|(v, d)| (Route::Page(v.slug.clone()), v, d))
        .chain(posts.map(|(v, d)| (Route::Post(v.slug.clone()), v, d)));
    // Views are made from documents one to one, in order.
    for (route, v, d) in docs {
        let description = v
            .description
            .clone()
            .unwrap_or_else(|| site_description.clone());
        plans.push(
            page(route, format!("{} – {site_title}", v.title), description)
                .with("doc", v)
                .sourced(d.source.display.clone(), 1),
        );
    }
    plans.push(page(
        Route::NotFound,
        format!("Page not found – {site_title}"),
        format!("This page of {name}'s site does not exist."),
    ));
    plans
}

/// Names a filter's test, so both kinds of filter chain into one loop.
fn keep_fn<'a>(
    f: impl Fn(&view::PublicationView) -> bool + 'a,
) -> Box<dyn Fn(&view::PublicationView) -> bool + 'a> {
    Box::new(f)
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
        Some(format!("{} of {}.", link.title, data.profile.name)),
    );
    plan.extra = Context::from_serialize(data).map_err(|e| {
        Problems(vec![SourceError::whole_file(
            "cvsite.yaml",
            format!("cannot prepare the CV variant `{}`: {e}", link.name),
        )])
    })?;
    Ok(plan.with("variant", link))
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
        Origin::Source { path, .. } => path.clone(),
    };
    for p in plans {
        if let Some(first) = seen.insert(p.route.output(), describe(&p.origin)) {
            let (path, line) = match &p.origin {
                Origin::Source { path, line } => (path.clone(), (*line).max(1)),
                Origin::Builtin => (first.clone(), 1),
            };
            let mut e = SourceError::whole_file(
                &path,
                format!(
                    "two pages would be written to the same URL /{}: {first} and {}",
                    p.route.rel(),
                    describe(&p.origin)
                ),
            )
            .with_help("give one of them another `slug:` in its front matter".to_string());
            e.line = line;
            problems.push(e);
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
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Problems(problems))
    }
}

/// Renders the planned pages in parallel, then the feeds and sitemap (which list the pages).
pub fn render(templates: &Templates, plans: &[Plan]) -> Result<Vec<Rendered>, Problems> {
    let results: Vec<Result<Rendered, SourceError>> = plans
        .par_iter()
        .map(|p| {
            let mut ctx = p.extra.clone();
            ctx.insert("page", &p.page);
            let (template, _) = p.route.template().expect("a page route has a template");
            templates.render(template, &ctx).map(|contents| Rendered {
                output: p.route.output(),
                contents,
            })
        })
        .collect();
    let mut pages = Vec::with_capacity(results.len() + 3);
    let mut problems = Vec::new();
    for r in results {
        match r {
            Ok(page) => pages.push(page),
            // The same template error would repeat for every page using it: report it once.
            Err(e)
                if problems
                    .iter()
                    .any(|p: &SourceError| p.to_string() == e.to_string()) => {}
            Err(e) => problems.push(e),
        }
    }
    let sitemap: Vec<&PageMeta> = plans
        .iter()
        .map(|p| &p.page)
        .filter(|p| p.in_sitemap)
        .collect();
    let mut ctx = Context::new();
    ctx.insert("pages", &sitemap);
    // These templates are named as the files they render.
    for route in [Route::Sitemap, Route::Atom, Route::Robots] {
        match templates.render(&route.output(), &ctx) {
            Ok(contents) => pages.push(Rendered {
                output: route.output(),
                contents,
            }),
            Err(e) => problems.push(e),
        }
    }
    if problems.is_empty() {
        Ok(pages)
    } else {
        Err(Problems(problems))
    }
}
