//! Rendering: [`plan`] every page the site has, render them in parallel with the templates,
//! and hand back the files. [`view`] shapes the content for the templates; [`exports`] and
//! [`resume`] write the data formats.

pub mod exports;
pub mod icons;
mod plan;
pub mod resume;
pub mod search;
pub mod view;

pub use plan::{LanguageLink, Origin, PageMeta, Plan, check_collisions, plan, variant_plan};

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

/// Renders the planned pages that are `wanted` in parallel, handing each to `put` as it is done,
/// then the feeds and sitemap (which list all the pages); returns how many HTML pages there are.
pub fn render(
    templates: &Templates,
    plans: &[Plan],
    wanted: &(dyn Fn(&Plan) -> bool + Sync),
    put: &(dyn Fn(Rendered) + Sync),
) -> Result<usize, Problems> {
    let errors: Vec<SourceError> = plans
        .par_iter()
        .filter(|p| wanted(p))
        .filter_map(|p| {
            let ctx = p.context();
            let (template, _) = p.route.template().expect("a page route has a template");
            match templates.render(template, &ctx) {
                Ok(contents) => {
                    put(Rendered {
                        output: p.route.output(),
                        contents,
                    });
                    None
                }
                Err(e) => Some(e),
            }
        })
        .collect();
    let mut problems: Vec<SourceError> = Vec::new();
    for e in errors {
        // The same template error would repeat for every page using it: report it once.
        if !problems.iter().any(|p| p.to_string() == e.to_string()) {
            problems.push(e);
        }
    }
    let pages = plans
        .iter()
        .filter(|p| p.route.output().ends_with(".html"))
        .count();
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
            Ok(contents) => put(Rendered {
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
