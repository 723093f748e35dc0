//! Rendering: plan every page the site has, render them in parallel, and hand back the files.

pub mod exports;
pub mod resume;
pub mod view;

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::content::Content;
use crate::diagnostics::{Problems, SourceError};
use crate::templates::Templates;
use crate::theme::ThemeFile;
use view::SiteData;

/// A page to render: which template, where it goes, and what it is about.
#[derive(Debug)]
pub struct Plan {
    /// Output path relative to the site root (`cv/index.html`).
    pub output: String,
    /// Template name.
    pub template: &'static str,
    /// Page values, as `page`.
    pub page: PageMeta,
    /// Extra values for this page (`publication`, `doc`).
    pub extra: Context,
    /// What produced it, for collision messages.
    pub origin: Origin,
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
pub fn plan(data: &SiteData, content: &Content) -> Vec<Plan> {
    let base = &data.site.base;
    let abs = |path: &str| format!("{}{}", data.site.base_url, path);
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
    let mut plans = Vec::new();
    let mut add = |output: String,
                   template,
                   kind,
                   title: String,
                   description: Option<String>,
                   extra,
                   origin| {
        let dir = output
            .strip_suffix("index.html")
            .unwrap_or(&output)
            .to_string();
        plans.push(Plan {
            template,
            page: PageMeta {
                kind,
                title,
                description,
                url: format!("{base}{dir}"),
                permalink: abs(&dir),
                // Filtered lists repeat the full one: not for search engines.
                in_sitemap: kind != "404"
                    && !output.starts_with("publications/type/")
                    && !output.starts_with("publications/tag/"),
            },
            extra,
            origin,
            output,
        });
    };
    add(
        "index.html".into(),
        "index.html",
        "home",
        site_title.clone(),
        Some(site_description.clone()),
        Context::new(),
        Origin::Builtin,
    );
    add(
        "cv/index.html".into(),
        "cv.html",
        "cv",
        format!("CV – {site_title}"),
        Some(format!("Curriculum vitae of {about}.")),
        Context::new(),
        Origin::Builtin,
    );
    if !data.publications.is_empty() {
        let mut extra = Context::new();
        extra.insert("groups", &data.publications_by_year);
        add(
            "publications/index.html".into(),
            "publications.html",
            "publications",
            format!("Publications – {site_title}"),
            Some(format!(
                "Publications of {name}: {} papers, with BibTeX.",
                data.publications.len()
            )),
            extra,
            Origin::Builtin,
        );
        // One page per type and tag: the filters work without JavaScript.
        if data.publication_types.len() > 1 || !data.publication_tags.is_empty() {
            let by_type = data.publication_types.iter().map(|f| (f, "type"));
            let by_tag = data.publication_tags.iter().map(|f| (f, "tag"));
            for (filter, what) in by_type.chain(by_tag) {
                let kept: Vec<view::PublicationView> = data
                    .publications
                    .iter()
                    .filter(|p| match what {
                        "type" => {
                            serde_json::to_value(p.kind)
                                .ok()
                                .and_then(|v| v.as_str().map(String::from))
                                == Some(filter.key.clone())
                        }
                        _ => p.tags.iter().any(|t| t.slug == filter.key),
                    })
                    .cloned()
                    .collect();
                let mut extra = Context::new();
                extra.insert("groups", &view::group_by_year(&kept));
                extra.insert("filter", filter);
                add(
                    format!("publications/{what}/{}/index.html", filter.key),
                    "publications.html",
                    "publications",
                    format!("{} – Publications – {site_title}", filter.label),
                    Some(format!("Publications of {name}: {}.", filter.label)),
                    extra,
                    Origin::Builtin,
                );
            }
        }
    }
    for p in &data.publications {
        let mut extra = Context::new();
        extra.insert("publication", p);
        let venue = p.venue.as_deref().or(p.venue_short.as_deref());
        let description = Some(match venue {
            Some(v) => format!("{}. {v}", p.authors_text.trim_end_matches('.')),
            None => p.authors_text.clone(),
        });
        add(
            format!("publications/{}/index.html", p.slug),
            "publication.html",
            "publication",
            p.title.clone(),
            description,
            extra,
            Origin::Source {
                path: "content/publications.yaml".into(),
                line: 0,
            },
        );
    }
    if !data.posts.is_empty() {
        add(
            "posts/index.html".into(),
            "posts.html",
            "posts",
            format!("Posts – {site_title}"),
            Some(format!("Posts by {name}.")),
            Context::new(),
            Origin::Builtin,
        );
    }
    for (views, docs, prefix, template, kind) in [
        (&data.pages, &content.pages, "", "page.html", "page"),
        (&data.posts, &content.posts, "posts/", "post.html", "post"),
    ] {
        // Views are made from documents one to one, in order.
        for (v, d) in views.iter().zip(docs.iter()) {
            let source = d.source.display.clone();
            let mut extra = Context::new();
            extra.insert("doc", v);
            add(
                format!("{prefix}{}/index.html", v.slug),
                template,
                kind,
                format!("{} – {site_title}", v.title),
                v.description
                    .clone()
                    .or_else(|| Some(site_description.clone())),
                extra,
                Origin::Source {
                    path: source,
                    line: 1,
                },
            );
        }
    }
    add(
        "404.html".into(),
        "404.html",
        "404",
        format!("Page not found – {site_title}"),
        Some(format!("This page of {name}'s site does not exist.")),
        Context::new(),
        Origin::Builtin,
    );
    plans
}

/// The page of a CV variant: the CV template with the variant's content.
pub fn variant_plan(link: &view::VariantLink, data: &SiteData) -> Result<Plan, Problems> {
    let mut extra = Context::from_serialize(data).map_err(|e| {
        Problems(vec![SourceError::whole_file(
            "cvsite.yaml",
            format!("cannot prepare the CV variant `{}`: {e}", link.name),
        )])
    })?;
    extra.insert("variant", link);
    let dir = format!("cv/{}/", link.name);
    Ok(Plan {
        output: format!("{dir}index.html"),
        template: "cv.html",
        page: PageMeta {
            kind: "cv",
            title: format!("{} – {}", link.title, data.site.title),
            description: Some(format!("{} of {}.", link.title, data.profile.name)),
            url: link.url.clone(),
            permalink: format!("{}{dir}", data.site.base_url),
            in_sitemap: true,
        },
        extra,
        origin: Origin::Builtin,
    })
}

/// Refuses two pages, or a page and a static file, that would write the same file.
pub fn check_collisions(
    plans: &[Plan],
    generated: &[String],
    static_files: &[ThemeFile],
) -> Result<(), Problems> {
    let mut seen: HashMap<&str, String> = HashMap::new();
    for g in generated {
        seen.insert(g, "a file cvsite generates".to_string());
    }
    let mut problems = Vec::new();
    let describe = |o: &Origin| match o {
        Origin::Builtin => "a page cvsite generates".to_string(),
        Origin::Source { path, .. } => path.clone(),
    };
    for p in plans {
        if let Some(first) = seen.insert(&p.output, describe(&p.origin)) {
            let (path, line) = match &p.origin {
                Origin::Source { path, line } => (path.clone(), (*line).max(1)),
                Origin::Builtin => (first.clone(), 1),
            };
            let mut e = SourceError::whole_file(
                &path,
                format!(
                    "two pages would be written to the same URL /{}: {first} and {}",
                    p.output.trim_end_matches("index.html"),
                    describe(&p.origin)
                ),
            )
            .with_help("give one of them another `slug:` in its front matter".to_string());
            e.line = line;
            problems.push(e);
        }
    }
    for f in static_files {
        if let Some(first) = seen.get(f.name.as_str()) {
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
            templates.render(p.template, &ctx).map(|contents| Rendered {
                output: p.output.clone(),
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
    for name in ["sitemap.xml", "atom.xml", "robots.txt"] {
        match templates.render(name, &ctx) {
            Ok(contents) => pages.push(Rendered {
                output: name.to_string(),
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
