//! Rendering: [`plan`] every page the site has, render them in parallel with the templates,
//! and hand back the files. [`view`] shapes the content for the templates; [`exports`] and
//! [`resume`] write the data formats.

pub mod exports;
mod plan;
pub mod resume;
pub mod view;

pub use plan::{Origin, PageMeta, Plan, check_collisions, plan, variant_plan};

use rayon::prelude::*;
use tera::Context;

use crate::diagnostics::{Problems, SourceError};
use crate::route::Route;
use crate::templates::Templates;

/// A rendered file.
#[derive(Debug)]
pub struct Rendered {
    /// Output path relative to the site root.
    pub output: String,
    /// Its contents.
    pub contents: String,
}

/// Renders the planned pages in parallel, then the feeds and sitemap (which list the pages).
pub fn render(templates: &Templates, plans: &[Plan]) -> Result<Vec<Rendered>, Problems> {
    let results: Vec<Result<Rendered, SourceError>> = plans
        .par_iter()
        .map(|p| {
            let ctx = p.context();
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
