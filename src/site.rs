//! `Site::build`: the whole pipeline as a flat list of timed steps:
//! load config → load content → load templates → build views → plan → render → write.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use miette::{Report, Result, miette};
use tera::Context;

use crate::config::{self, BaseUrl};
use crate::content::{self, LoadOptions};
use crate::diagnostics::{Problems, SourceError};
use crate::output::{self, Data, OutputFile};
use crate::render::{self, exports, view};
use crate::route::Route;
use crate::templates::Templates;
use crate::theme::{self, Origin};

/// What to build, and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root (has `cvsite.yaml`).
    pub root: PathBuf,
    /// The output folder (relative paths are taken from the root).
    pub output: PathBuf,
    /// Overrides the config's `base_url`.
    pub base_url: Option<String>,
    /// Serving locally at this origin (`http://127.0.0.1:4000`): the site's base path is kept,
    /// its host replaced, so every link works in the preview.
    pub serve_origin: Option<String>,
    /// Include drafts.
    pub drafts: bool,
    /// Typeset the PDFs (unless `cv: {pdf: false}` says otherwise).
    pub pdf: bool,
    /// Leave the PDFs for later ([`RenderedSite::pdfs_later`]): the preview serves the pages
    /// first, and the PDF when it is typeset.
    pub defer_pdf: bool,
}

/// A rendered site, not yet written anywhere.
#[derive(Debug)]
pub struct RenderedSite {
    /// Every file of the site.
    pub files: Vec<OutputFile>,
    /// How many of them are HTML pages.
    pub pages: usize,
    /// The base URL the site was rendered for.
    pub base: BaseUrl,
    /// Problems worth telling that did not stop the build.
    pub warnings: Vec<String>,
    /// The PDFs, when the build was asked to leave them for later.
    pub pdfs_later: Option<PendingPdfs>,
    /// What loading each page costs a visitor, largest first (see [`BuildReport::transfers`]).
    pub transfers: Vec<(String, usize)>,
    timer: Timer,
}

/// A rendered site, its files given to a [`Sink`] as they were made.
struct Rendering {
    files: usize,
    pages: usize,
    base: BaseUrl,
    warnings: Vec<String>,
    pdfs_later: Option<PendingPdfs>,
    transfers: Vec<(String, usize)>,
    timer: Timer,
}

/// Where a build's files go as they are made: the output folder ([`output::Staged`]) or memory
/// ([`Collect`]). Pages go one by one, so a build need not hold them all.
pub trait Sink: Sync {
    /// Takes one file; callable from many threads.
    fn put(&self, file: OutputFile) -> Result<()>;
}

impl Sink for output::Staged {
    fn put(&self, file: OutputFile) -> Result<()> {
        output::Staged::put(self, &file)
    }
}

/// Keeps every file in memory.
#[derive(Debug, Default)]
pub struct Collect(std::sync::Mutex<Vec<OutputFile>>);

impl Sink for Collect {
    fn put(&self, file: OutputFile) -> Result<()> {
        lock(&self.0).push(file);
        Ok(())
    }
}

fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// What typesetting the PDFs needs, kept from a build that left them for later.
pub struct PendingPdfs {
    templates: Templates,
    data: view::SiteData,
    config: config::Config,
    variants: Vec<Variant>,
    base: BaseUrl,
}

impl std::fmt::Debug for PendingPdfs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PendingPdfs")
    }
}

impl PendingPdfs {
    /// The files they will be.
    pub fn outputs(&self) -> Vec<String> {
        if !self.config.cv.pdf {
            return Vec::new();
        }
        pdf_routes(&self.data, &self.variants)
            .iter()
            .map(Route::output)
            .collect()
    }

    /// Typesets them: the files, and warnings.
    pub fn typeset(self) -> Result<(Vec<OutputFile>, Vec<String>)> {
        let mut warnings = Vec::new();
        let files = pdfs(
            &self.templates,
            &self.data,
            &self.config,
            &self.variants,
            &self.base,
            &mut warnings,
        )?
        .into_iter()
        .map(|(route, data)| OutputFile {
            path: route.output(),
            data,
        })
        .collect();
        Ok((files, warnings))
    }
}

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    /// HTML pages written.
    pub pages: usize,
    /// All files of the site.
    pub files: usize,
    /// How many were written, kept as they were, and removed.
    pub written: output::Written,
    /// Where.
    pub output: PathBuf,
    /// Time of each step.
    pub steps: Vec<(&'static str, Duration)>,
    /// Total time.
    pub total: Duration,
    /// Problems worth telling that did not stop the build.
    pub warnings: Vec<String>,
    /// What loading each page costs a visitor (HTML, style sheets, scripts; not images), in
    /// bytes, by page path: largest first.
    pub transfers: Vec<(String, usize)>,
}

/// The bytes a visitor downloads for each HTML page: the page and the style sheets and scripts
/// it loads from the site (images aside: they are the owner's to size), measured as the files
/// go by.
#[derive(Debug, Default)]
struct Weights {
    /// Each page: its address, its size, the style sheets and scripts it loads.
    pages: std::sync::Mutex<Vec<(String, usize, Vec<String>)>>,
    /// The size of each style sheet and script.
    assets: std::sync::Mutex<std::collections::HashMap<String, usize>>,
}

impl Weights {
    /// Notes `f`: a page's size and what it loads, or an asset's size.
    fn record(&self, f: &OutputFile, base: &str) {
        if f.path.ends_with(".css") || f.path.ends_with(".js") {
            lock(&self.assets).insert(f.path.clone(), f.data.len());
        }
        if !f.path.ends_with(".html") {
            return;
        }
        let page = format!("{base}{}", crate::route::rel_of_output(&f.path));
        let Data::Text(html) = &f.data else {
            lock(&self.pages).push((page, f.data.len(), Vec::new()));
            return;
        };
        // Style sheets and scripts: plain paths, nothing to unescape.
        let mut assets: Vec<String> = ["href=", "src="]
            .into_iter()
            .flat_map(|attr| crate::html::attribute_values(html, attr))
            .filter(|l| l.ends_with(".css") || l.ends_with(".js"))
            .filter_map(|l| l.strip_prefix(base))
            .map(str::to_string)
            .collect();
        assets.sort_unstable();
        assets.dedup();
        lock(&self.pages).push((page, html.len(), assets));
    }

    /// Every page's total, largest first.
    fn totals(self) -> Vec<(String, usize)> {
        let sizes = self.assets.into_inner().unwrap_or_default();
        let mut out: Vec<(String, usize)> = (self.pages.into_inner().unwrap_or_default())
            .into_iter()
            .map(|(page, len, assets)| {
                let total = len + assets.iter().filter_map(|a| sizes.get(a)).sum::<usize>();
                (page, total)
            })
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }
}

/// A sink that measures page weights on the way.
struct Measured<'a> {
    sink: &'a dyn Sink,
    weights: Weights,
    base: String,
}

impl Sink for Measured<'_> {
    fn put(&self, file: OutputFile) -> Result<()> {
        self.weights.record(&file, &self.base);
        self.sink.put(file)
    }
}

/// Times each step of the build, for `--verbose`.
#[derive(Debug)]
struct Timer {
    start: Instant,
    last: Instant,
    steps: Vec<(&'static str, Duration)>,
}

impl Timer {
    fn new() -> Timer {
        let now = Instant::now();
        Timer {
            start: now,
            last: now,
            steps: Vec::new(),
        }
    }

    fn step(&mut self, name: &'static str) {
        let now = Instant::now();
        self.steps.push((name, now - self.last));
        self.last = now;
    }

    /// Two steps that ran side by side, each with its own time.
    fn side_by_side(&mut self, steps: [(&'static str, Duration); 2]) {
        self.steps.extend(steps);
        self.last = Instant::now();
    }
}

/// Runs `f`, timing it.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

/// Builds the site at `opts.root` into `opts.output`: each file is written as it is made, and
/// the output replaced only once all are (a failed build leaves it as it was).
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    let out_dir = output::check_output_dir(&opts.root, &opts.root.join(&opts.output))?;
    let staged = output::Staged::begin(&out_dir)?;
    let site = render_into(opts, &staged)?;
    let files = site.files;
    let mut t = site.timer;
    let written = staged.commit()?;
    t.step("commit");
    Ok(BuildReport {
        pages: site.pages,
        files,
        written,
        output: out_dir,
        total: t.start.elapsed(),
        steps: t.steps,
        warnings: site.warnings,
        transfers: site.transfers,
    })
}

/// Writes a rendered site to `out_dir` (checked by the caller), replacing what was there.
pub fn write(site: RenderedSite, out_dir: &Path) -> Result<BuildReport> {
    let mut t = site.timer;
    let written = output::write_site(out_dir, &site.files)?;
    t.step("write");
    Ok(BuildReport {
        pages: site.pages,
        files: site.files.len(),
        written,
        output: out_dir.to_path_buf(),
        total: t.start.elapsed(),
        steps: t.steps,
        warnings: site.warnings,
        transfers: site.transfers,
    })
}

/// Loads and renders the whole site in memory: config → content → templates → views → plan →
/// render.
pub fn render(opts: &BuildOptions) -> Result<RenderedSite> {
    let collect = Collect::default();
    let r = render_into(opts, &collect)?;
    Ok(RenderedSite {
        files: collect.0.into_inner().unwrap_or_default(),
        pages: r.pages,
        base: r.base,
        warnings: r.warnings,
        pdfs_later: r.pdfs_later,
        transfers: r.transfers,
        timer: r.timer,
    })
}

/// Loads and renders the whole site, giving each file to `sink` as it is made: config →
/// content → templates → views → plan → render.
fn render_into(opts: &BuildOptions, sink: &dyn Sink) -> Result<Rendering> {
    let mut t = Timer::new();
    let mut cfg = config::load(&opts.root).map_err(Problems::from)?;
    cfg.config.cv.pdf &= opts.pdf;
    let base = resolve_base_url(opts, &cfg)?;
    t.step("config");

    let content = content::load(
        &opts.root.join("content"),
        &LoadOptions {
            drafts: opts.drafts,
        },
    )?;
    t.step("content");

    let mut templates = Templates::load(&opts.root)?;
    t.step("templates");

    let mut data = view::build(&content, &cfg.config, &base);
    let mut variants = variants(&cfg, &content, &base)?;
    data.site.cv_variants = variants.iter().map(|v| v.link.clone()).collect();
    for v in &mut variants {
        v.data.site.cv_variants = data.site.cv_variants.clone();
    }
    let globals = Context::from_serialize(&data)
        .map_err(|e| miette!("cannot pass the content to the templates: {e}"))?;
    templates.set_globals(globals);
    t.step("views");

    let (static_files, mut warnings) = theme::static_files(&opts.root);
    warnings.append(&mut templates.warnings);
    warnings.extend(content.warnings.iter().cloned());
    check_photo(&content, &static_files)?;
    let sink = Measured {
        sink,
        weights: Weights::default(),
        base: base.path.clone(),
    };
    let files = std::sync::atomic::AtomicUsize::new(0);
    // A file that cannot be written stops the build; the first such error is the one told.
    let failed: std::sync::Mutex<Option<Report>> = Default::default();
    let put = |file: OutputFile| {
        files.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if let Err(e) = sink.put(file) {
            lock(&failed).get_or_insert(e);
        }
    };
    // The data files do not depend on the pages: made on the other core.
    let (mut plans, exports) = rayon::join(
        || render::plan(&data, &content, &base),
        || exports(&content, &data),
    );
    for v in &variants {
        plans.push(render::variant_plan(&v.link, &v.data, &base)?);
    }
    let pdf_routes = pdf_routes(&data, &variants);
    let generated: Vec<Route> = exports
        .iter()
        .map(|(r, _)| r.clone())
        .chain(pdf_routes)
        .collect();
    render::check_collisions(&plans, &generated, &static_files)?;
    {
        // Written now: no need to hold them while the pages render.
        use rayon::prelude::*;
        exports.into_par_iter().for_each(|(route, data)| {
            put(OutputFile {
                path: route.output(),
                data,
            })
        });
    }
    t.step("plan");

    // Each page is handed on as soon as it is rendered: holding them all would take memory by
    // the size of the whole site. The PDF takes as long as many pages: typeset on one core
    // while the pages render.
    let mut pdf_warnings = Vec::new();
    let ((pages, render_time), (typeset, pdf_time)) = rayon::join(
        || {
            timed(|| {
                render::render(&templates, &plans, &|r: render::Rendered| {
                    put(OutputFile {
                        path: r.output,
                        data: Data::Text(r.contents),
                    })
                })
            })
        },
        || {
            timed(|| {
                if opts.defer_pdf {
                    return Ok(Vec::new());
                }
                pdfs(
                    &templates,
                    &data,
                    &cfg.config,
                    &variants,
                    &base,
                    &mut pdf_warnings,
                )
            })
        },
    );
    t.side_by_side([("render", render_time), ("pdf (alongside)", pdf_time)]);
    let pages = pages?;
    let typeset = typeset?;
    warnings.append(&mut pdf_warnings);

    let generated = typeset.into_iter().map(|(route, data)| OutputFile {
        path: route.output(),
        data,
    });
    let statics = static_files.into_iter().map(|f| OutputFile {
        path: f.name,
        data: match f.origin {
            Origin::Embedded(bytes) => Data::Static(bytes),
            Origin::User(path) => Data::Copy(path),
        },
    });
    let rest: Vec<OutputFile> = generated
        .chain(statics)
        .chain(pages_files(&cfg.config))
        .collect();
    {
        use rayon::prelude::*;
        rest.into_par_iter().for_each(put);
    }
    if let Some(e) = failed
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
    {
        return Err(e);
    }
    let pdfs_later = if opts.defer_pdf {
        Some(PendingPdfs {
            templates,
            data,
            config: cfg.config,
            variants,
            base: base.clone(),
        })
    } else {
        // Freeing a large site's values takes a while (150 ms at 10,000 papers): done beside
        // the rest of the build.
        let garbage = (templates, data, variants);
        rayon::spawn(move || drop(garbage));
        None
    };
    let garbage = (content, plans);
    rayon::spawn(move || drop(garbage));
    Ok(Rendering {
        files: files.into_inner(),
        pages,
        base,
        warnings,
        pdfs_later,
        transfers: sink.weights.totals(),
        timer: t,
    })
}

/// What GitHub Pages needs besides the site: `.nojekyll` (Jekyll would drop files starting
/// with `_`) and, for a custom domain, `CNAME`.
fn pages_files(config: &config::Config) -> Vec<OutputFile> {
    let mut files = vec![OutputFile {
        path: ".nojekyll".into(),
        data: Data::Static(b""),
    }];
    if let Some(domain) = &config.cname {
        files.push(OutputFile {
            path: "CNAME".into(),
            data: Data::Text(format!("{}\n", domain.trim())),
        });
    }
    files
}

/// The PDFs this build makes: `/cv.pdf` and one per CV variant (none without the `pdf` feature).
fn pdf_routes(data: &view::SiteData, variants: &[Variant]) -> Vec<Route> {
    if data.site.cv_pdf.is_none() {
        return Vec::new();
    }
    let each = variants
        .iter()
        .map(|v| Route::CvVariantPdf(v.link.name.clone()));
    std::iter::once(Route::CvPdf).chain(each).collect()
}

/// Typesets `/cv.pdf` and the variants' PDFs.
fn pdfs(
    templates: &Templates,
    data: &view::SiteData,
    config: &config::Config,
    variants: &[Variant],
    base: &BaseUrl,
    warnings: &mut Vec<String>,
) -> Result<Vec<(Route, Data)>> {
    let mut out = Vec::new();
    if !config.cv.pdf {
        return Ok(out);
    }
    if let Some(bytes) = cv_pdf(templates, data, config, base, warnings)? {
        out.push((Route::CvPdf, Data::Bytes(bytes)));
    }
    for v in variants {
        if let Some(bytes) = cv_pdf(templates, &v.data, &v.config, base, &mut Vec::new())? {
            out.push((Route::CvVariantPdf(v.link.name.clone()), Data::Bytes(bytes)));
        }
    }
    Ok(out)
}

/// The path the preview serves the site at: the published address's path (`/repo/`), so links
/// behave as they will online; `/` without one.
pub fn preview_path(opts: &BuildOptions, config: Option<&config::Config>) -> String {
    let url = opts
        .base_url
        .as_deref()
        .or(config.and_then(|c| c.base_url.as_deref()));
    url.and_then(|u| BaseUrl::parse(u).ok())
        .map_or_else(|| "/".to_string(), |b| b.path)
}

fn resolve_base_url(opts: &BuildOptions, cfg: &config::LoadedConfig) -> Result<BaseUrl> {
    if let Some(origin) = &opts.serve_origin {
        let path = preview_path(opts, Some(&cfg.config));
        return BaseUrl::parse(&format!("{origin}{path}")).map_err(|e| miette!("{e}"));
    }
    if let Some(url) = &opts.base_url {
        return BaseUrl::parse(url).map_err(|e| miette!("--base-url: {e}"));
    }
    let Some(url) = &cfg.config.base_url else {
        let e = SourceError::whole_file(
            &cfg.file.display,
            "missing field `base_url`: the address the site is published at",
        )
        .with_help(
            "add `base_url: https://your-name.github.io/` to cvsite.yaml, or pass --base-url"
                .to_string(),
        );
        return Err(Problems::from(e).into());
    };
    BaseUrl::parse(url).map_err(|msg| {
        let e = cfg
            .file
            .error_at_value("base_url", msg)
            .with_help("for example `base_url: https://your-name.github.io/`".to_string());
        Report::from(Problems::from(e))
    })
}

fn check_photo(
    content: &content::Content,
    static_files: &[theme::ThemeFile],
) -> Result<(), Problems> {
    let file = &content.profile_file;
    let Some(photo) = &content.profile.photo else {
        return Ok(());
    };
    let wanted = photo.trim_start_matches('/');
    if static_files.iter().any(|f| f.name == wanted) {
        return Ok(());
    }
    Err(file
        .error_at_value("photo", format!("the photo `{photo}` is not in static/"))
        .with_help(format!("put the image at static/{wanted}, or fix the path"))
        .into())
}

/// A CV variant, ready to render.
struct Variant {
    link: view::VariantLink,
    config: config::Config,
    data: view::SiteData,
}

/// The CV variants of `cv.variants`, each from the content it keeps.
fn variants(
    cfg: &config::LoadedConfig,
    content: &content::Content,
    base: &BaseUrl,
) -> Result<Vec<Variant>> {
    let mut out = Vec::new();
    for (name, v) in &cfg.config.cv.variants {
        if crate::text::slugify(name) != *name {
            let e = cfg
                .file
                .error_at_key(
                    &format!("cv.variants.{name}"),
                    format!("`{name}` cannot name a CV variant: it becomes the URL /cv/{name}/"),
                )
                .with_help(format!(
                    "use lowercase letters, digits and hyphens, e.g. `{}`",
                    crate::text::slugify(name)
                ));
            return Err(Problems::from(e).into());
        }
        let mut config = cfg.config.clone();
        if let Some(sections) = &v.sections {
            config.cv.sections = sections.clone();
        }
        let mut data = view::build(&content.for_variant(v), &config, base);
        let link = view::VariantLink {
            name: name.clone(),
            title: v.title.clone().unwrap_or_else(|| name.clone()),
            url: Route::CvVariant(name.clone()).url(base),
            pdf: data
                .site
                .cv_pdf
                .as_ref()
                .map(|_| Route::CvVariantPdf(name.clone()).url(base)),
        };
        data.site.cv_pdf = link.pdf.clone();
        out.push(Variant { link, config, data });
    }
    Ok(out)
}

/// `/cv.pdf`, typeset from the template `cv.typ` (when built with the `pdf` feature).
#[cfg(feature = "pdf")]
fn cv_pdf(
    templates: &Templates,
    data: &view::SiteData,
    config: &config::Config,
    base: &BaseUrl,
    _warnings: &mut Vec<String>,
) -> Result<Option<Vec<u8>>> {
    let Some(template) = templates.source("cv.typ") else {
        return Ok(None);
    };
    let bytes = crate::pdf::compile(template, crate::pdf::data(data, config), &base.absolute)
        .map_err(Problems::from)?;
    Ok(Some(bytes))
}

/// Without the `pdf` feature there is no PDF; say so once per build.
#[cfg(not(feature = "pdf"))]
fn cv_pdf(
    _templates: &Templates,
    _data: &view::SiteData,
    _config: &config::Config,
    _base: &BaseUrl,
    warnings: &mut Vec<String>,
) -> Result<Option<Vec<u8>>> {
    warnings.push("cv.pdf skipped: this cvsite was built without the `pdf` feature".to_string());
    Ok(None)
}

/// The exports: `/publications.bib`, `/publications.json` (CSL-JSON), a `.bib` per paper,
/// and `/resume.json`.
fn exports(content: &content::Content, data: &view::SiteData) -> Vec<(Route, Data)> {
    let resume = || {
        (
            Route::Resume,
            Data::Text(render::resume::resume_json(content, data)),
        )
    };
    if content.publications.is_empty() {
        return vec![resume()];
    }
    // Each is a pass over every paper: side by side.
    let bib = || {
        (
            Route::PublicationsBib,
            Data::Text(exports::bibliography(&content.publications)),
        )
    };
    let csl = || {
        (
            Route::PublicationsJson,
            // Views are made from the publications one to one, in order.
            Data::Text(exports::csl_json(
                content
                    .publications
                    .iter()
                    .zip(data.publications.iter().map(|v| v.permalink.as_str())),
            )),
        )
    };
    let ((bib, csl), resume) = rayon::join(|| rayon::join(bib, csl), resume);
    let mut files = vec![bib, csl];
    // Views are made from the publications one to one, in order.
    let papers = data.publications.iter().zip(&content.publications);
    files.extend(papers.map(|(v, p)| {
        (
            Route::PublicationBib(v.slug.clone()),
            Data::Text(exports::bibtex(p)),
        )
    }));
    files.push(resume);
    files
}

/// The site root for `--root` or, without it, the nearest folder with a `cvsite.yaml`.
pub fn find_root(root: Option<&Path>) -> Result<PathBuf> {
    match root {
        Some(r) if r.join(config::CONFIG_FILE).is_file() => Ok(r.to_path_buf()),
        Some(r) => Err(miette!(
            "{} has no {}: --root must name a site folder",
            r.display(),
            config::CONFIG_FILE
        )),
        None => {
            let cwd = std::env::current_dir()
                .map_err(|e| miette!("cannot read the current folder: {e}"))?;
            config::find_root(&cwd).ok_or_else(|| {
                miette!(
                    help = "run cvsite in your site folder (or below it), or pass --root DIR",
                    "no {} here or in any folder above {}",
                    config::CONFIG_FILE,
                    cwd.display()
                )
            })
        }
    }
}
