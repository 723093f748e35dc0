//! `Site::build`: the whole pipeline as a flat list of timed steps:
//! load config → load content → load templates → build views → plan → render → write.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use miette::{Report, Result, miette};
use tera::Context;

use crate::check;
use crate::config::{self, BaseUrl};
use crate::content::{self, LoadOptions};
use crate::diagnostics::{Problems, SourceError};
use crate::images;
use crate::memo::{self, Memo};
use crate::output::{self, Data, OutputFile, WriteFn};
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
    /// A broken internal link or anchor is an error, not a warning.
    pub strict: bool,
}

/// Broken internal links as the problems of a failed build (`--strict`).
fn broken_links(findings: Vec<check::Finding>) -> miette::Report {
    let problems = findings
        .into_iter()
        .map(|f| {
            let mut e = SourceError::whole_file(&f.source, f.message);
            (e.line, e.column) = f.at.unwrap_or((1, 1));
            e.with_help(
                "fix the link, or build without --strict to have it as a warning".to_string(),
            )
        })
        .collect();
    Problems(problems).into()
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
    /// Broken internal links and anchors, told as warnings (errors with `--strict`).
    pub broken_links: Vec<check::Finding>,
    /// The PDFs, when the build was asked to leave them for later.
    pub pdfs_later: Option<PendingPdfs>,
    /// What loading each page costs a visitor, largest first (see [`BuildReport::transfers`]).
    pub transfers: Vec<PageWeight>,
    /// Pages taken as they were from the last build (with a memo).
    pub reused_pages: usize,
    /// The PDFs the site has, when left for later.
    pub pdf_outputs: Vec<String>,
    /// Its pictures, and how many were resized anew.
    pub pictures: images::Count,
    timer: Timer,
}

/// A rendered site, its files given to a [`Sink`] as they were made.
struct Rendering {
    /// Broken internal links and anchors (warnings unless `strict`).
    broken_links: Vec<check::Finding>,
    /// The resized images' files it wrote.
    picture_files: Vec<String>,
    /// Every file made, and each page's links, for the link check.
    links: check::SiteLinks,
    files: usize,
    pages: usize,
    reused_pages: usize,
    /// The PDFs the site has, when they are left for later.
    pdf_outputs: Vec<String>,
    base: BaseUrl,
    warnings: Vec<String>,
    pdfs_later: Option<PendingPdfs>,
    transfers: Vec<PageWeight>,
    pictures: images::Count,
    timer: Timer,
}

/// Where a build's files go as they are made: the output folder ([`output::Staged`]) or memory
/// ([`Collect`]). Pages go one by one, so a build need not hold them all.
pub trait Sink: Sync {
    /// Takes one file; callable from many threads.
    fn put(&self, file: OutputFile) -> Result<()>;

    /// Takes the file `path` as `write` writes it (a large export, made as it is written).
    fn put_written(&self, path: String, write: &mut WriteFn<'_>) -> Result<()> {
        let mut bytes = Vec::new();
        write(&mut bytes).map_err(|e| miette!("cannot make {path}: {e}"))?;
        self.put(OutputFile {
            path,
            data: Data::Bytes(bytes),
        })
    }
}

impl Sink for output::Staged {
    fn put(&self, file: OutputFile) -> Result<()> {
        output::Staged::put(self, &file)
    }

    fn put_written(&self, path: String, write: &mut WriteFn<'_>) -> Result<()> {
        output::Staged::put_written(self, &path, write)
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
    fonts: crate::pdf::SiteFonts,
    /// Where to note, once they are served, the fingerprint of what they were made of.
    done: Option<(std::sync::Arc<std::sync::Mutex<Option<u128>>>, u128)>,
}

impl std::fmt::Debug for PendingPdfs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PendingPdfs")
    }
}

impl PendingPdfs {
    /// Notes that they are served, so that a build with the same inputs keeps them.
    pub fn served(&self) {
        if let Some((done, key)) = &self.done {
            *lock(done) = Some(*key);
        }
    }

    /// Whether the PDFs served are already these (made of the same inputs): then they need
    /// not be typeset again.
    pub fn already_served(&self) -> bool {
        self.done
            .as_ref()
            .is_some_and(|(done, key)| *lock(done) == Some(*key))
    }

    /// Typesets them: the files, and warnings.
    pub fn typeset(&self) -> Result<(Vec<OutputFile>, Vec<String>)> {
        let mut warnings = Vec::new();
        let files = pdfs(
            &self.templates,
            &self.data,
            &self.config,
            &self.variants,
            (&self.base, &self.fonts),
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
    /// Broken internal links and anchors, told as warnings (errors with `--strict`).
    pub broken_links: Vec<check::Finding>,
    /// What loading each page costs a visitor, by page path: largest first (HTML, style sheets
    /// and scripts; its images apart).
    pub transfers: Vec<PageWeight>,
    /// Its pictures, and how many were resized anew.
    pub pictures: images::Count,
}

/// What a visitor downloads for a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageWeight {
    /// Its address.
    pub page: String,
    /// The page, the style sheets and the scripts it loads from the site, in bytes.
    pub bytes: usize,
    /// Its images from the site, in bytes, at most: of each `<img>`, the largest file it may
    /// load (its 2x fallback; a browser that takes WebP loads less).
    pub images: usize,
}

/// The bytes a visitor downloads for each HTML page: the page, the style sheets and scripts it
/// loads from the site and, apart, its images; measured as the files go by.
#[derive(Debug, Default)]
struct Weights {
    /// Each page: its address, its size, the style sheets and scripts it loads, and each of its
    /// images' files.
    pages: std::sync::Mutex<Vec<PageLoads>>,
    /// The size of each style sheet, script and image.
    assets: std::sync::Mutex<std::collections::HashMap<String, usize>>,
}

/// A page's address and size, the style sheets and scripts it loads, and the files each of its
/// images may load.
type PageLoads = (String, usize, Vec<String>, Vec<Vec<String>>);

/// The output file an address of the site names: `/lab/img/Me%20Photo.jpg` → `img/Me Photo.jpg`.
fn output_path(address: &str, base: &str) -> Option<String> {
    let address = crate::html::unescape_html(address);
    let rel = address.strip_prefix(base)?;
    Some(
        percent_encoding::percent_decode_str(rel)
            .decode_utf8_lossy()
            .into_owned(),
    )
}

/// What the weights count as an image.
const IMAGE_TYPES: [&str; 7] = [".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg", ".avif"];

impl Weights {
    /// Notes `f`: a page's size and what it loads, or an asset's size.
    fn record(&self, f: &OutputFile, base: &str) {
        let lower = f.path.to_ascii_lowercase();
        if lower.ends_with(".css")
            || lower.ends_with(".js")
            || IMAGE_TYPES.iter().any(|t| lower.ends_with(t))
        {
            lock(&self.assets).insert(f.path.clone(), f.data.len());
        }
        if !f.path.ends_with(".html") {
            return;
        }
        let page = format!("{base}{}", crate::route::rel_of_output(&f.path));
        let Data::Text(html) = &f.data else {
            lock(&self.pages).push((page, f.data.len(), Vec::new(), Vec::new()));
            return;
        };
        // Style sheets, scripts and images: plain paths, nothing to unescape. Only these tags
        // are read: a long list page has thousands of other links.
        let tags = |tag: &'static str| {
            memchr::memmem::find_iter(html.as_bytes(), tag)
                .map(|at| &html[at..html[at..].find('>').map_or(html.len(), |e| at + e)])
        };
        let mut assets: Vec<String> = tags("<link ")
            .chain(tags("<script "))
            .flat_map(|tag| {
                ["href=", "src="]
                    .into_iter()
                    .flat_map(move |attr| crate::html::attribute_values(tag, attr))
            })
            .filter(|l| l.ends_with(".css") || l.ends_with(".js"))
            .filter_map(|l| output_path(l, base))
            .collect();
        assets.sort_unstable();
        assets.dedup();
        let images = tags("<img ")
            .map(|tag| {
                let src = crate::html::attribute_values(tag, "src=");
                let srcset = crate::html::attribute_values(tag, "srcset=")
                    .flat_map(|set| set.split(','))
                    .filter_map(|c| c.split_whitespace().next());
                src.chain(srcset)
                    .filter_map(|l| output_path(l, base))
                    .collect()
            })
            .collect();
        lock(&self.pages).push((page, html.len(), assets, images));
    }

    /// Every page's weight, largest first.
    fn totals(self) -> Vec<PageWeight> {
        let sizes = self.assets.into_inner().unwrap_or_default();
        let mut out: Vec<PageWeight> = (self.pages.into_inner().unwrap_or_default())
            .into_iter()
            .map(|(page, len, assets, images)| {
                let bytes = len + assets.iter().filter_map(|a| sizes.get(a)).sum::<usize>();
                let largest =
                    |files: &Vec<String>| files.iter().filter_map(|f| sizes.get(f)).max().copied();
                let images = images.iter().filter_map(largest).sum();
                PageWeight {
                    page,
                    bytes,
                    images,
                }
            })
            .collect();
        out.sort_by(|a, b| b.bytes.cmp(&a.bytes).then(a.page.cmp(&b.page)));
        out
    }
}

/// A sink that measures page weights on the way.
struct Measured<'a> {
    sink: &'a dyn Sink,
    /// Shared by the passes of every language: a page in one weighs the style sheet another
    /// wrote.
    weights: &'a Weights,
    base: String,
    /// The language's folder (`zh/`), which its files go in; empty for the default language.
    language: String,
    /// Every file, and each page's links, for the link check.
    links: std::sync::Mutex<check::SiteLinks>,
}

impl Measured<'_> {
    /// Takes a file of the whole site (a resized image), not of the language's folder.
    fn put_at_root(&self, file: OutputFile) -> Result<()> {
        self.weights.record(&file, &self.base);
        let page = check::PageLinks::of_file(&file);
        lock(&self.links).insert(file.path.clone(), page);
        self.sink.put(file)
    }
}

impl Sink for Measured<'_> {
    fn put(&self, mut file: OutputFile) -> Result<()> {
        if !self.language.is_empty() {
            file.path = format!("{}{}", self.language, file.path);
        }
        self.weights.record(&file, &self.base);
        let page = check::PageLinks::of_file(&file);
        lock(&self.links).insert(file.path.clone(), page);
        self.sink.put(file)
    }

    /// Exports, not pages: nothing to weigh.
    fn put_written(&self, path: String, write: &mut WriteFn<'_>) -> Result<()> {
        let path = format!("{}{path}", self.language);
        lock(&self.links).insert(path.clone(), None);
        self.sink.put_written(path, write)
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
    let site = render_into(opts, &staged, None)?;
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
        broken_links: site.broken_links,
        transfers: site.transfers,
        pictures: site.pictures,
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
        broken_links: site.broken_links,
        transfers: site.transfers,
        pictures: site.pictures,
    })
}

/// Loads and renders the whole site in memory: config → content → templates → views → plan →
/// render.
pub fn render(opts: &BuildOptions) -> Result<RenderedSite> {
    render_memo(opts, None)
}

/// [`render`], redoing only what changed since the build that left `memo` (the preview's).
pub fn render_memo(opts: &BuildOptions, memo: Option<&mut Memo>) -> Result<RenderedSite> {
    let collect = Collect::default();
    let r = render_into(opts, &collect, memo)?;
    Ok(RenderedSite {
        files: collect.0.into_inner().unwrap_or_default(),
        pages: r.pages,
        reused_pages: r.reused_pages,
        pdf_outputs: r.pdf_outputs,
        base: r.base,
        warnings: r.warnings,
        broken_links: r.broken_links,
        pdfs_later: r.pdfs_later,
        transfers: r.transfers,
        pictures: r.pictures,
        timer: r.timer,
    })
}

/// Loads and renders the whole site, each of its languages, giving each file to `sink` as it
/// is made; then checks the links of all of them.
fn render_into(opts: &BuildOptions, sink: &dyn Sink, memo: Option<&mut Memo>) -> Result<Rendering> {
    let cfg = config::load(&opts.root).map_err(Problems::from)?;
    let tags: Vec<String> = cfg.config.translations.keys().cloned().collect();
    // Which pages each language has, planned ahead: a page links to its translations.
    let languages = match tags.is_empty() {
        true => Vec::new(),
        false => std::iter::once(None)
            .chain(tags.iter().map(|t| Some(t.as_str())))
            .map(|tag| plan_language(opts, tag))
            .collect::<Result<Vec<_>>>()?,
    };
    if let Some(main) = languages.first() {
        check_translations(&cfg, &main.routes, &opts.root)?;
    }
    let weights = Weights::default();
    // A build's own memory of the images it resized: the other languages' pages show them too.
    let resized = images::Cache::default();
    let mut memo = memo;
    let pass = Pass {
        tag: None,
        languages: &languages,
        weights: &weights,
        images: memo.is_none().then_some(&resized),
        pictures: &Default::default(),
    };
    let mut site = render_language(opts, sink, memo.as_deref_mut(), &pass)?;
    let written: std::collections::HashSet<String> = site.picture_files.drain(..).collect();
    for tag in &tags {
        let pass = Pass {
            tag: Some(tag),
            languages: &languages,
            weights: &weights,
            images: Some(memo.as_deref().map_or(&resized, |m| &m.images)),
            pictures: &written,
        };
        let other = render_language(opts, sink, None, &pass)?;
        site.files += other.files;
        site.pages += other.pages;
        // What all languages share (templates, papers, static files) is told once.
        for w in other.warnings {
            if !site.warnings.contains(&w) {
                site.warnings.push(w);
            }
        }
        site.links.pages.extend(other.links.pages);
        site.links.files.extend(other.links.files);
    }
    site.transfers = weights.totals();
    let broken = check::internal(&opts.root, &site.links, &site.base.path).findings;
    site.timer.step("links");
    if opts.strict && !broken.is_empty() {
        return Err(broken_links(broken));
    }
    site.broken_links = broken;
    Ok(site)
}

/// Each other language's folder must be a language's and its own: not the default language,
/// not a folder of the site's pages (`cv`, a page's slug) or files (`static/images`).
fn check_translations(
    cfg: &config::LoadedConfig,
    routes: &std::collections::HashSet<String>,
    root: &Path,
) -> Result<()> {
    let (statics, _) = theme::static_files(root);
    let taken = |tag: &str| {
        let first = |path: &str| path.split('/').next().map(str::to_string);
        routes
            .iter()
            .filter_map(|r| first(r))
            .chain(statics.iter().filter_map(|f| first(&f.name)))
            .any(|name| name.eq_ignore_ascii_case(tag))
    };
    for tag in cfg.config.translations.keys() {
        let is_tag = {
            let mut parts = tag.split('-');
            let primary = parts.next().unwrap_or_default();
            (2..=3).contains(&primary.len())
                && primary.chars().all(|c| c.is_ascii_alphabetic())
                && parts.all(|p| {
                    (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric())
                })
        };
        let problem = if !is_tag {
            Some((
                format!("`{tag}` is not a language tag"),
                "write one like `zh`, `de` or `pt-BR`".to_string(),
            ))
        } else if tag.eq_ignore_ascii_case(&cfg.config.language) {
            Some((
                format!("`{tag}` is the site's language"),
                "the default language's pages are at the site's root; name the other languages"
                    .to_string(),
            ))
        } else if taken(tag) {
            Some((
                format!("the site already has a folder `{tag}/`"),
                "rename the page or the folder of static/ that has this name".to_string(),
            ))
        } else {
            None
        };
        if let Some((message, help)) = problem {
            let e = cfg
                .file
                .error_at_value(&format!("translations.{tag}"), message)
                .with_help(help);
            return Err(Problems::from(e).into());
        }
    }
    Ok(())
}

/// One language of a build: the default (`tag` `None`) or another, with what every language
/// has, for the links between them.
struct Pass<'a> {
    tag: Option<&'a str>,
    languages: &'a [LanguagePages],
    /// The pages' weights, of all languages.
    weights: &'a Weights,
    /// The resized images made so far, when the preview's memory does not keep them.
    images: Option<&'a images::Cache>,
    /// The resized images' files the default language wrote: another does not write them again.
    pictures: &'a std::collections::HashSet<String>,
}

/// A language of the site and the pages it has.
#[derive(Debug, Clone)]
pub struct LanguagePages {
    /// Its tag, `None` for the default language.
    tag: Option<String>,
    /// Its BCP 47 tag, as `hreflang` writes it.
    code: String,
    /// Its name in itself ("中文").
    name: String,
    /// Where its pages are.
    base: BaseUrl,
    /// Its pages, by route (relative address).
    routes: std::collections::HashSet<String>,
}

/// The pages of a language of the site (the default for `None`): loaded and planned, not
/// rendered.
fn plan_language(opts: &BuildOptions, tag: Option<&str>) -> Result<LanguagePages> {
    let cfg = config::load(&opts.root).map_err(Problems::from)?;
    let base = resolve_base_url(opts, &cfg)?.in_language(tag);
    let config = match tag {
        Some(tag) => cfg.config.in_language(tag),
        None => cfg.config.clone(),
    };
    let load = LoadOptions {
        drafts: opts.drafts,
        languages: cfg.config.translations.keys().cloned().collect(),
        language: tag.map(String::from),
    };
    let content = content::load(&opts.root.join("content"), &load)?;
    let papers = view::papers(&content, &config, &base, 0);
    let data = view::build(&content, &config, &base, papers);
    let plans = render::plan(&data, &content, &base, &config.publications);
    let variants = config
        .cv
        .variants
        .keys()
        .map(|v| Route::CvVariant(v.clone()));
    let routes = (plans.iter().map(|p| p.route.clone()))
        .chain(variants)
        .map(|r| r.rel())
        .collect();
    Ok(LanguagePages {
        tag: tag.map(String::from),
        code: config.language.clone(),
        // A language cvsite has no labels for is named by its tag, unless the site names it.
        name: match crate::labels::Locale::warning(&config.language, &config.labels) {
            Some(_) if config.labels.language_name.is_none() => config.language.clone(),
            _ => config.locale().labels.language_name,
        },
        base,
        routes,
    })
}

/// Links each page to itself in the site's other languages (`hreflang`, the language switch).
fn link_languages(plans: &mut [render::Plan], pass: &Pass<'_>) {
    use render::LanguageLink;
    if pass.languages.is_empty() {
        return;
    }
    for p in plans.iter_mut().filter(|p| p.route != Route::NotFound) {
        let rel = p.route.rel();
        let link = |l: &LanguagePages, route: &Route| LanguageLink {
            code: l.code.clone(),
            name: l.name.clone(),
            url: route.url(&l.base),
            permalink: route.permalink(&l.base),
            current: l.tag.as_deref() == pass.tag,
        };
        let has = |l: &&LanguagePages| l.routes.contains(&rel);
        p.page.alternates = pass
            .languages
            .iter()
            .filter(has)
            .map(|l| link(l, &p.route))
            .collect();
        p.page.x_default = (pass.languages.first())
            .filter(has)
            .map(|l| p.route.permalink(&l.base));
        p.page.languages = (pass.languages.iter())
            .map(|l| match has(&l) {
                true => link(l, &p.route),
                false => link(l, &Route::Home),
            })
            .collect();
    }
}

/// Loads and renders one language of the site, giving each file to `sink` as it is made:
/// config → content → templates → views → plan → render. The default language's pass also
/// makes what all languages share: the site's files, resized images and paper exports.
fn render_language(
    opts: &BuildOptions,
    sink: &dyn Sink,
    mut memo: Option<&mut Memo>,
    pass: &Pass<'_>,
) -> Result<Rendering> {
    let main = pass.tag.is_none();
    // The preview typesets the default language's PDFs after serving the pages; the other
    // languages' with their pages.
    let defer_pdf = opts.defer_pdf && main;
    let mut t = Timer::new();
    // The preview's tests make a build panic on purpose (debug builds only): a bug's panic is
    // shown in the browser and the preview goes on.
    #[cfg(debug_assertions)]
    if std::env::var_os("CVSITE_TEST_PANIC_IF").is_some_and(|p| Path::new(&p).exists()) {
        panic!("a panic asked for by CVSITE_TEST_PANIC_IF");
    }
    let mut cfg = config::load(&opts.root).map_err(Problems::from)?;
    let languages: Vec<String> = cfg.config.translations.keys().cloned().collect();
    if let Some(tag) = pass.tag {
        cfg.config = cfg.config.in_language(tag);
    }
    cfg.config.cv.pdf &= opts.pdf;
    let base = resolve_base_url(opts, &cfg)?.in_language(pass.tag);
    if let Err(low) = crate::colour::site_style(&cfg.config.theme, &base.path) {
        let at = format!("theme.{}", low.field);
        let e = (cfg.file.error_at_value(&at, low.to_string()))
            .with_help(format!("{} has enough, in the same hue", low.suggestion));
        return Err(Problems::from(e).into());
    }
    if let Err(bad) = crate::services::check(&cfg.config.analytics, &cfg.config.comments) {
        let e = cfg
            .file
            .error_at_value(bad.field, bad.message)
            .with_help(bad.help);
        return Err(Problems::from(e).into());
    }
    t.step("config");

    let (dir, load) = (
        opts.root.join("content"),
        LoadOptions {
            drafts: opts.drafts,
            languages,
            language: pass.tag.map(String::from),
        },
    );
    let content = match memo.as_deref_mut() {
        Some(memo) => content::load_cached(&dir, &load, &mut memo.content)?,
        None => content::load(&dir, &load)?,
    };
    t.step("content");

    let mut templates = Templates::load(&opts.root)?;
    // Read only for a build that typesets: a CJK font is 20 MB.
    let fonts = match cfg.config.cv.pdf {
        true => crate::pdf::SiteFonts::load(&opts.root).map_err(Problems::from)?,
        false => Default::default(),
    };
    t.step("templates");

    let papers = match memo.as_deref_mut() {
        Some(memo) => memo.papers(&content, &cfg.config, &base),
        None => view::papers(&content, &cfg.config, &base, 0),
    };
    let mut data = view::build(&content, &cfg.config, &base, papers);
    if !pass.languages.is_empty() {
        let sitemap = |l: &LanguagePages| Route::Sitemap.permalink(&l.base);
        data.site.sitemaps = pass.languages.iter().map(sitemap).collect();
    }
    let mut variant_warnings = Vec::new();
    let mut variants = variants(&cfg, &content, &base, &mut variant_warnings)?;
    data.site.cv_variants = variants.iter().map(|v| v.link.clone()).collect();
    for v in &mut variants {
        v.data.site.cv_variants = data.site.cv_variants.clone();
        // The site's pages, not what a variant's tags keep: its menu is the site's.
        v.data.site.menu = data.site.menu.clone();
    }
    t.step("views");

    let (mut static_files, mut warnings) = theme::static_files(&opts.root);
    if let Some(font) = &cfg.config.theme.font {
        let names: Vec<&str> = static_files.iter().map(|f| f.name.as_str()).collect();
        if let Err((at, message, help)) = crate::colour::check_font(font, &names) {
            let e = cfg.file.error_at_value(&at, message).with_help(help);
            return Err(Problems::from(e).into());
        }
    }
    check_photo(&content, &static_files)?;
    let earlier = images::Earlier {
        cache: pass.images.or(memo.as_deref().map(|m| &m.images)),
        output: &opts.root.join(&opts.output),
    };
    let requests = data.picture_requests(&content.profile);
    let pictures =
        images::make(&requests, &static_files, &base.path, &earlier).map_err(|e| miette!("{e}"))?;
    data.site.pictures = pictures.pictures;
    // Link previews and resume.json name one file: the resized photo, not a 12 MB original.
    let photo = (data.profile.photo_url.as_ref())
        .and_then(|url| data.site.pictures.get(&images::Place::Photo)?.get(url));
    if let Some(largest) = photo.and_then(|p| p.largest.strip_prefix(&base.path)) {
        data.profile.photo_permalink = Some(format!("{}{largest}", base.absolute));
    }
    let picture_count = pictures.count;
    warnings.extend(pictures.warnings);
    for v in &mut variants {
        v.data.site.pictures = data.site.pictures.clone();
        v.data.profile.photo_permalink = data.profile.photo_permalink.clone();
    }
    t.step("images");
    let globals = tera::Value::try_from_serializable(&data)
        .map_err(|_| miette!("cannot pass the content to the templates"))?;
    let unknown_fields = templates.unknown_fields(&globals);
    let globals = globals
        .into_map()
        .ok_or_else(|| miette!("cannot pass the content to the templates"))?;
    let mut global_names = std::collections::HashSet::new();
    let mut context = Context::new();
    for (name, value) in globals {
        global_names.insert(name.to_string());
        context.insert_value(name.to_string(), value);
    }
    templates.set_globals(context);

    warnings.append(&mut templates.warnings);
    warnings.extend(unknown_fields);
    warnings.extend(variant_warnings);
    warnings.extend(content.warnings.iter().cloned());
    let language = &cfg.config.language;
    warnings.extend(crate::labels::Locale::warning(language, &cfg.config.labels));
    let sink = Measured {
        sink,
        weights: pass.weights,
        base: base.path.clone(),
        language: base.language.clone(),
        links: Default::default(),
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
    // The site's files (resized images, static/) are one for all its languages: another
    // language writes only the pictures of its own (a photo of its profile.yaml).
    let picture_files: Vec<String> = pictures.files.iter().map(|(p, _)| p.clone()).collect();
    for (path, bytes) in pictures.files {
        if !pass.pictures.contains(&path) {
            // At the site's root, where every language's pages link to them.
            let file = OutputFile {
                path,
                data: Data::Shared(bytes),
            };
            files.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            if let Err(e) = sink.put_at_root(file) {
                lock(&failed).get_or_insert(e);
            }
        }
    }
    // With a memo (the preview): what each file is made of, to make again only what changed.
    let keys = memo
        .is_some()
        .then(|| Keys::new(&templates, &cfg.config, &base, opts, &content, &data))
        .map(|k| k.with_fonts(&fonts));
    let reuse = |path: &str, key: Option<u128>| -> Option<bytes::Bytes> {
        memo.as_deref()?.file(path, key?)
    };
    // What this build makes, for the next one.
    let made: std::sync::Mutex<Vec<(String, u128, bytes::Bytes)>> = Default::default();
    let keep = |path: &str, key: Option<u128>, data: Data| -> Data {
        // Pages and exports only: what the build made, in memory.
        let (Some(key), Data::Text(_) | Data::Bytes(_) | Data::Shared(_)) = (key, &data) else {
            return data;
        };
        let bytes = data.into_shared().expect("in memory: nothing to read");
        lock(&made).push((path.to_string(), key, bytes.clone()));
        Data::Shared(bytes)
    };
    let paper_key = keys.as_ref().map(|k| k.paper_exports);
    let kept_resume_papers = memo
        .as_deref()
        .and_then(|m| m.resume_papers.clone())
        .filter(|(key, _)| Some(*key) == paper_key)
        .map(|(_, bytes)| bytes);
    let resume_papers: std::sync::Mutex<Option<bytes::Bytes>> = Default::default();
    let resume_key = keys.as_ref().map(|k| k.resume);
    // The data files do not depend on the pages: made on the other core, and each handed on
    // as soon as it is made.
    let emit = |route: Route, key: Option<u128>, data: Data| {
        let path = route.output();
        let data = keep(&path, key, data);
        put(OutputFile { path, data });
    };
    // A large export: written as it is made, except in the preview, which keeps its bytes.
    let emit_written = |route: Route, key: Option<u128>, write: &mut WriteFn<'_>| {
        if key.is_some() {
            let mut bytes = Vec::new();
            match write(&mut bytes) {
                Ok(()) => emit(route, key, Data::Bytes(bytes)),
                Err(e) => {
                    lock(&failed).get_or_insert(miette!("cannot make {}: {e}", route.output()));
                }
            }
            return;
        }
        files.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if let Err(e) = sink.put_written(route.output(), write) {
            lock(&failed).get_or_insert(e);
        }
    };
    let export_routes: Vec<Route> = paper_export_routes(&content, &data)
        .into_iter()
        .chain([Route::Resume])
        .collect();
    let (mut plans, ()) = rayon::join(
        || render::plan(&data, &content, &base, &cfg.config.publications),
        || {
            let paper_routes = &export_routes[..export_routes.len() - 1];
            let kept: Option<Vec<bytes::Bytes>> = paper_routes
                .iter()
                .map(|r| reuse(&r.output(), paper_key))
                .collect();
            let papers = || match kept {
                Some(kept) => {
                    for (r, bytes) in paper_routes.iter().zip(kept) {
                        emit(r.clone(), paper_key, Data::Shared(bytes));
                    }
                }
                None if main => {
                    let emit = |r, d| emit(r, paper_key, d);
                    paper_exports(&content, &data, &emit, &|r, w| {
                        emit_written(r, paper_key, w)
                    })
                }
                None => {}
            };
            let resume = || match reuse(&Route::Resume.output(), resume_key) {
                Some(bytes) => emit(Route::Resume, resume_key, Data::Shared(bytes)),
                // The preview keeps its publications while they are the same.
                None => emit_written(Route::Resume, resume_key, &mut |w| {
                    let papers = paper_key.map(|_| {
                        let made = || -> bytes::Bytes {
                            render::resume::publications_json(&content, &data).into()
                        };
                        let papers = kept_resume_papers.clone().unwrap_or_else(made);
                        *lock(&resume_papers) = Some(papers.clone());
                        papers
                    });
                    render::resume::write_resume_json(w, &content, &data, papers.as_deref())
                }),
            };
            rayon::join(papers, resume);
        },
    );
    for v in &variants {
        plans.push(render::variant_plan(&v.link, &v.data, &base)?);
    }
    link_languages(&mut plans, pass);
    let pdf_files = pdf_routes(&data, &variants);
    let pdf_outputs: Vec<String> = pdf_files.iter().map(Route::output).collect();
    let search = data.site.search.then_some(Route::SearchIndex);
    let generated: Vec<Route> = export_routes
        .into_iter()
        .chain(pdf_files)
        .chain(search.clone())
        .collect();
    render::check_collisions(&plans, &generated, &static_files)?;
    if let Some(route) = search {
        emit(
            route,
            None,
            Data::Text(render::search::index(&content, &data)),
        );
    }
    t.step("plan");

    // Each page unchanged since the last build (the preview's) is taken as it was.
    let page_keys = keys.as_ref().map(|k| {
        let page_keys = memo::PageKeys::new(&templates, k.common, &k.globals, global_names, &plans);
        use rayon::prelude::*;
        let by_page: std::collections::HashMap<String, u128> = plans
            .par_iter()
            .filter_map(|p| Some((p.route.output(), page_keys.of(p)?)))
            .collect();
        by_page
    });
    let page_key = |path: &str| page_keys.as_ref().and_then(|k| k.get(path).copied());
    let mut reused_pages = 0;
    if page_keys.is_some() {
        for p in &plans {
            let path = p.route.output();
            let key = page_key(&path);
            if let Some(bytes) = reuse(&path, key) {
                reused_pages += 1;
                lock(&made).push((path.clone(), key.expect("reused: has a key"), bytes.clone()));
                put(OutputFile {
                    path,
                    data: Data::Shared(bytes),
                });
            }
        }
    }
    let wanted = |p: &render::Plan| {
        let path = p.route.output();
        reuse(&path, page_key(&path)).is_none()
    };
    let pdf_key = keys.as_ref().map(|k| k.pdf);
    let pdf_done = memo.as_deref().map(|m| std::sync::Arc::clone(&m.pdf_done));

    // Each page is handed on as soon as it is rendered: holding them all would take memory by
    // the size of the whole site. The PDF takes as long as many pages: typeset on one core
    // while the pages render.
    let mut pdf_warnings: Vec<String> = Vec::new();
    let ((pages, render_time), (typeset, pdf_time)) = rayon::join(
        || {
            timed(|| {
                render::render(&templates, &plans, &wanted, &|r: render::Rendered| {
                    // robots.txt is the site's, made with the default language.
                    if !main && r.output == Route::Robots.output() {
                        return;
                    }
                    let key = page_key(&r.output);
                    let data = keep(&r.output, key, Data::Text(r.contents));
                    put(OutputFile {
                        path: r.output,
                        data,
                    })
                })
            })
        },
        || {
            timed(|| {
                if defer_pdf {
                    return Ok(Vec::new());
                }
                pdfs(
                    &templates,
                    &data,
                    &cfg.config,
                    &variants,
                    (&base, &fonts),
                    &mut pdf_warnings,
                )
            })
        },
    );
    t.side_by_side([("render", render_time), ("pdf (alongside)", pdf_time)]);
    let pages = pages?;
    let typeset = typeset?;
    // "zh/cv.pdf: …" for another language's PDF.
    warnings.extend(
        pdf_warnings
            .into_iter()
            .map(|w| format!("{}{w}", base.language)),
    );

    let generated = typeset.into_iter().map(|(route, data)| OutputFile {
        path: route.output(),
        data,
    });
    let mut copied = Vec::new();
    if let Some(memo) = memo.as_deref_mut() {
        // The preview holds the site in memory: a static file is read when it changes.
        let mut kept = std::collections::HashSet::new();
        for f in &mut static_files {
            if let Origin::User(path) = &f.origin {
                match memo.static_file(path) {
                    Ok(bytes) => copied.push((f.name.clone(), bytes)),
                    Err(e) => return Err(miette!("cannot read {}: {e}", path.display())),
                }
                kept.insert(path.clone());
            }
        }
        memo.keep_statics(&kept);
    }
    let copied: std::collections::HashMap<String, bytes::Bytes> = copied.into_iter().collect();
    let statics = static_files.into_iter().map(|f| OutputFile {
        data: match f.origin {
            Origin::Embedded(bytes) => Data::Static(bytes),
            // A site's style sheet is minified as the built-in one is (an ejected theme builds
            // the same site); one that is not UTF-8 is copied.
            Origin::User(path) if f.name.ends_with(".css") => {
                let bytes = match copied.get(&f.name) {
                    Some(bytes) => Ok(bytes.to_vec()),
                    None => std::fs::read(&path),
                };
                match bytes.map(String::from_utf8) {
                    Ok(Ok(css)) => Data::Text(crate::css::minify(&css)),
                    _ => Data::Copy(path),
                }
            }
            Origin::User(path) => match copied.get(&f.name) {
                Some(bytes) => Data::Shared(bytes.clone()),
                None => Data::Copy(path),
            },
        },
        path: f.name,
    });
    let shared = main.then(|| statics.chain(pages_files(&cfg.config)));
    let rest: Vec<OutputFile> = generated.chain(shared.into_iter().flatten()).collect();
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
    if let Some(memo) = memo {
        let resume_papers = resume_papers.into_inner().unwrap_or_default();
        if let (Some(key), Some(bytes)) = (paper_key, resume_papers) {
            memo.resume_papers = Some((key, bytes));
        }
        // Only what this build made: the memo never grows beyond one site.
        memo.files = made
            .into_inner()
            .unwrap_or_default()
            .into_iter()
            .map(|(path, key, bytes)| (path, (key, bytes)))
            .collect();
    }
    let pdfs_later = if defer_pdf {
        Some(PendingPdfs {
            templates,
            data,
            config: cfg.config,
            variants,
            base: base.clone(),
            fonts,
            done: pdf_done.zip(pdf_key),
        })
    } else {
        crate::background::drop_later((templates, data, variants));
        None
    };
    crate::background::drop_later((content, plans));
    let mut links = sink.links.into_inner().unwrap_or_default();
    // PDFs typeset later (the preview's) are the site's too.
    if defer_pdf {
        links.files.extend(pdf_outputs.iter().cloned());
    }
    Ok(Rendering {
        // Checked once every language is made.
        broken_links: Vec::new(),
        picture_files,
        links,
        files: files.into_inner(),
        pages,
        reused_pages,
        base,
        warnings,
        pdfs_later,
        pdf_outputs: if defer_pdf { pdf_outputs } else { Vec::new() },
        // Weighed once every language is made.
        transfers: Vec::new(),
        pictures: picture_count,
        timer: t,
    })
}

/// The fingerprints of what a build's files are made of (see [`memo`]).
struct Keys {
    /// What every page depends on: templates, config, base URL, options.
    common: u128,
    /// The files made of the publications alone (`publications.bib`, CSL-JSON, each `.bib`).
    paper_exports: u128,
    /// `resume.json`.
    resume: u128,
    /// The PDFs.
    pdf: u128,
    /// Each value all templates see, by name.
    globals: Vec<(&'static str, u128)>,
}

impl Keys {
    fn new(
        templates: &Templates,
        config: &config::Config,
        base: &BaseUrl,
        opts: &BuildOptions,
        content: &content::Content,
        data: &view::SiteData,
    ) -> Keys {
        let version = env!("CARGO_PKG_VERSION");
        let common = memo::fingerprint(&(
            templates.fingerprint(),
            config,
            base,
            opts.drafts,
            opts.pdf,
            version,
        ));
        let globals = data.fingerprints();
        let rest = memo::content_fingerprint(content);
        let generation = data.papers_generation;
        Keys {
            common,
            paper_exports: memo::fingerprint(&("paper exports", common, generation)),
            resume: memo::fingerprint(&("resume", common, generation, rest, &globals)),
            pdf: memo::fingerprint(&("pdf", common, generation, rest, &globals)),
            globals,
        }
    }

    /// The PDFs depend on the site's fonts too.
    fn with_fonts(self, fonts: &crate::pdf::SiteFonts) -> Keys {
        Keys {
            pdf: memo::fingerprint(&(self.pdf, fonts.fingerprint())),
            ..self
        }
    }
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

/// Typesets `/cv.pdf` and the variants' PDFs, at `base`, with the site's own `fonts`.
fn pdfs(
    templates: &Templates,
    data: &view::SiteData,
    config: &config::Config,
    variants: &[Variant],
    (base, fonts): (&BaseUrl, &crate::pdf::SiteFonts),
    warnings: &mut Vec<String>,
) -> Result<Vec<(Route, Data)>> {
    let mut out = Vec::new();
    if !config.cv.pdf {
        return Ok(out);
    }
    if let Some(bytes) = cv_pdf(templates, data, config, (base, fonts), warnings)? {
        out.push((Route::CvPdf, Data::Bytes(bytes)));
    }
    for v in variants {
        let at = (base, fonts);
        if let Some(bytes) = cv_pdf(templates, &v.data, &v.config, at, &mut Vec::new())? {
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
    warnings: &mut Vec<String>,
) -> Result<Vec<Variant>> {
    let mut out = Vec::new();
    // A tag no entry has (a typo, or tags not yet added) silently empties the variant.
    let tags = if cfg.config.cv.variants.is_empty() {
        Default::default()
    } else {
        content.tags()
    };
    for (name, v) in &cfg.config.cv.variants {
        for (field, list) in [
            ("include_tags", &v.include_tags),
            ("exclude_tags", &v.exclude_tags),
        ] {
            for (i, tag) in list.iter().enumerate() {
                if tags.contains(&tag.to_lowercase()) {
                    continue;
                }
                let at = cfg
                    .file
                    .positions()
                    .value(&format!("cv.variants.{name}.{field}[{i}]"))
                    .unwrap_or((1, 1));
                let hint = crate::diagnostics::closest(tag, tags.iter().map(String::as_str))
                    .map(|t| format!(" (did you mean `{t}`?)"))
                    .unwrap_or_default();
                let empty = field == "include_tags"
                    && !list.iter().any(|t| tags.contains(&t.to_lowercase()));
                warnings.push(format!(
                    "{}:{}:{}: CV variant `{name}`: no entry is tagged `{tag}`{hint}{}",
                    cfg.file.display,
                    at.0,
                    at.1,
                    if empty && i + 1 == list.len() {
                        "; it keeps only tagged entries, so its CV has none"
                    } else {
                        ""
                    }
                ));
            }
        }
        if v.selected_publications && !content.publications.iter().any(|p| p.selected) {
            warnings.push(format!(
                "{}: CV variant `{name}` lists only selected publications, and no publication is marked `selected: true`",
                cfg.file.display
            ));
        }
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
        let content = content.for_variant(v);
        let papers = view::papers(&content, &config, base, 0);
        let mut data = view::build(&content, &config, base, papers);
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
    (base, fonts): (&BaseUrl, &crate::pdf::SiteFonts),
    warnings: &mut Vec<String>,
) -> Result<Option<Vec<u8>>> {
    let Some(template) = templates.source("cv.typ") else {
        return Ok(None);
    };
    let json = crate::pdf::data(data, config);
    let typeset =
        crate::pdf::compile(template, json, fonts, &base.absolute).map_err(Problems::from)?;
    if !typeset.missing.is_empty() {
        warnings.push(missing_glyphs_warning(&typeset.missing));
    }
    Ok(Some(typeset.pdf))
}

/// "cv.pdf: no font has 简, 历 …": which characters would show as boxes, and a font to add.
#[cfg(feature = "pdf")]
fn missing_glyphs_warning(missing: &[char]) -> String {
    let shown: String = missing.iter().take(8).flat_map(|c| [*c, ' ']).collect();
    let more = if missing.len() > 8 { "… " } else { "" };
    let any = |range: std::ops::RangeInclusive<u32>| {
        missing.iter().any(|c| range.contains(&u32::from(*c)))
    };
    let font = if any(0xAC00..=0xD7AF) {
        "Noto Serif CJK KR"
    } else if any(0x3040..=0x30FF) {
        "Noto Serif CJK JP"
    } else if any(0x4E00..=0x9FFF) || any(0x3400..=0x4DBF) {
        "Noto Serif CJK SC"
    } else if any(0x0600..=0x06FF) {
        "Noto Naskh Arabic"
    } else if any(0x0590..=0x05FF) {
        "Noto Serif Hebrew"
    } else {
        "a Noto font of that script"
    };
    format!(
        "cv.pdf: its fonts lack {} character(s), shown as empty boxes: {shown}{more}— put a font \
         that has them in the site's `{}/` folder (an .otf, .ttf or .ttc file, e.g. {font})",
        missing.len(),
        crate::pdf::FONTS_DIR,
    )
}

/// Without the `pdf` feature there is no PDF; say so once per build.
#[cfg(not(feature = "pdf"))]
fn cv_pdf(
    _templates: &Templates,
    _data: &view::SiteData,
    _config: &config::Config,
    _at: (&BaseUrl, &crate::pdf::SiteFonts),
    warnings: &mut Vec<String>,
) -> Result<Option<Vec<u8>>> {
    warnings.push("cv.pdf skipped: this cvsite was built without the `pdf` feature".to_string());
    Ok(None)
}

/// The exports made of the publications: `/publications.bib`, `/publications.json`
/// (CSL-JSON) and a `.bib` per paper, each given to `emit` as soon as it is made.
fn paper_exports(
    content: &content::Content,
    data: &view::SiteData,
    emit: &(dyn Fn(Route, Data) + Sync),
    emit_written: &(dyn Fn(Route, &mut WriteFn<'_>) + Sync),
) {
    if content.publications.is_empty() {
        return;
    }
    // Each paper's entry is made once, for its own file and for the whole bibliography; the
    // CSL-JSON beside them.
    let bib = || {
        use rayon::prelude::*;
        let each: Vec<String> = content
            .publications
            .par_iter()
            .map(exports::bibtex)
            .collect();
        emit_written(Route::PublicationsBib, &mut |w| {
            for (i, entry) in each.iter().enumerate() {
                if i > 0 {
                    w.write_all(b"\n")?;
                }
                w.write_all(entry.as_bytes())?;
            }
            Ok(())
        });
        // Views are made from the publications one to one, in order.
        let papers = data.publications.par_iter().zip(each.into_par_iter());
        papers
            .for_each(|(v, entry)| emit(Route::PublicationBib(v.slug.clone()), Data::Text(entry)));
    };
    let csl = || {
        // Views are made from the publications one to one, in order.
        let pubs = content
            .publications
            .iter()
            .zip(data.publications.iter().map(|v| v.permalink.as_str()));
        emit_written(Route::PublicationsJson, &mut |w| {
            exports::write_csl_json(w, pubs.clone())
        });
    };
    rayon::join(bib, csl);
}

/// The routes of [`paper_exports`], in its order.
fn paper_export_routes(content: &content::Content, data: &view::SiteData) -> Vec<Route> {
    if content.publications.is_empty() {
        return Vec::new();
    }
    let each = data
        .publications
        .iter()
        .map(|v| Route::PublicationBib(v.slug.clone()));
    [Route::PublicationsBib, Route::PublicationsJson]
        .into_iter()
        .chain(each)
        .collect()
}

/// The site root for `--root` or, without it, the nearest folder with a `cvsite.yaml`.
pub fn find_root(root: Option<&Path>) -> Result<PathBuf> {
    match root {
        // Absolute: the file watcher reports absolute paths, which a relative root never
        // prefixed (`serve --root site` never rebuilt).
        Some(r) if r.join(config::CONFIG_FILE).is_file() => {
            std::path::absolute(r).map_err(|e| miette!("cannot resolve {}: {e}", r.display()))
        }
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
