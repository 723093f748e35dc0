//! Loading the site's content: every file under `content/` into the typed model, with every
//! problem reported at its file, line and column.

/// A type written as one YAML string: its JSON Schema is a string's, inline.
macro_rules! string_schema {
    ($t:ty) => {
        impl schemars::JsonSchema for $t {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                "String".into()
            }

            fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
                <String as schemars::JsonSchema>::json_schema(generator)
            }

            fn inline_schema() -> bool {
                true
            }
        }
    };
}
pub(crate) use string_schema;

pub mod bibtex;
pub mod date;
pub mod highlight;
pub mod latex;
pub mod markdown;
pub mod math;
pub mod model;
pub mod rich;
pub mod url;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::de::DeserializeOwned;
use walkdir::WalkDir;

use crate::config::CvSection;
use crate::diagnostics::{Positions, Problems, SourceError, SourceFile, closest};
use crate::text::slugify;
use model::*;

/// Everything under `content/`, typed and checked.
#[derive(Debug, Clone)]
pub struct Content {
    /// `profile.yaml` (required).
    pub profile: Profile,
    /// The `profile.yaml` file, to point at its lines later.
    pub profile_file: SourceFile,
    /// `bio.md`.
    pub bio: Option<rich::RichText>,
    /// `education.yaml`.
    pub education: Vec<Education>,
    /// `experience.yaml`.
    pub experience: Vec<Experience>,
    /// `publications.yaml` over `publications.bib` (shared with the preview's next build when
    /// neither file changes).
    pub publications: Arc<Vec<Publication>>,
    /// `projects.yaml` (research highlights).
    pub projects: Vec<Project>,
    /// `awards.yaml`.
    pub awards: Vec<Award>,
    /// `service.yaml`.
    pub service: Vec<Service>,
    /// `skills.yaml`.
    pub skills: Skills,
    /// `news.yaml`.
    pub news: Vec<News>,
    /// `talks.yaml`.
    pub talks: Vec<Talk>,
    /// `teaching.yaml`.
    pub teaching: Vec<Teaching>,
    /// `pages/*.md`.
    pub pages: Vec<Document>,
    /// `posts/*.md`, newest first.
    pub posts: Vec<Document>,
    /// Problems worth telling that did not stop loading.
    pub warnings: Vec<String>,
}

impl Content {
    /// Every tag an entry of a CV section carries, lowercased.
    pub fn tags(&self) -> std::collections::HashSet<String> {
        let lists = (self.education.iter().map(|e| &e.tags))
            .chain(self.experience.iter().map(|e| &e.tags))
            .chain(self.publications.iter().map(|p| &p.tags))
            .chain(self.projects.iter().map(|p| &p.tags))
            .chain(self.awards.iter().map(|a| &a.tags))
            .chain(self.service.iter().map(|s| &s.tags))
            .chain(self.news.iter().map(|n| &n.tags))
            .chain(self.talks.iter().map(|t| &t.tags))
            .chain(self.teaching.iter().map(|t| &t.tags));
        lists.flatten().map(|t| t.to_lowercase()).collect()
    }

    /// The content of a CV variant: only the entries it keeps.
    pub fn for_variant(&self, v: &crate::config::CvVariant) -> Content {
        let mut c = self.clone();
        c.education.retain(|e| v.keeps(&e.tags));
        c.experience.retain(|e| v.keeps(&e.tags));
        c.publications = Arc::new(
            (self.publications.iter())
                .filter(|p| v.keeps(&p.tags) && (!v.selected_publications || p.selected))
                .cloned()
                .collect(),
        );
        c.projects.retain(|p| v.keeps(&p.tags));
        c.awards.retain(|a| v.keeps(&a.tags));
        c.service.retain(|s| v.keeps(&s.tags));
        c.news.retain(|n| v.keeps(&n.tags));
        c.talks.retain(|t| v.keeps(&t.tags));
        c.teaching.retain(|t| v.keeps(&t.tags));
        c
    }
}

/// A Markdown page or post.
#[derive(Debug, Clone)]
pub struct Document {
    /// Its front matter.
    pub front: FrontMatter,
    /// The body, as Markdown (rendered when the page is, so links get the base path then).
    pub body: String,
    /// URL slug.
    pub slug: String,
    /// Where it came from, for error messages.
    pub source: SourceFile,
}

/// Options that change what is loaded.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Include documents marked `draft: true`.
    pub drafts: bool,
    /// The site's other languages (`translations:`): `content/<tag>/` holds each one's files.
    pub languages: Vec<String>,
    /// The language to load: its folder's files take the place of the same files of
    /// `content/` (the default language's), which stand in for the rest.
    pub language: Option<String>,
}

/// The files every language shares: the papers are the same in any language.
const SHARED_FILES: [&str; 2] = ["publications.yaml", "publications.bib"];

/// What loading keeps for the next load (the preview's): a file whose text has not changed is
/// not parsed again.
#[derive(Debug, Default)]
pub struct Cache {
    /// The publications, with the texts they were made of.
    publications: Option<CachedPublications>,
    /// Markdown documents by path, with the text each was read from.
    documents: HashMap<PathBuf, (Arc<str>, Document)>,
    /// Each file's text as last read, by path.
    texts: HashMap<PathBuf, Stamp>,
}

/// A file's text as read, with the size and time that tell whether it changed since.
#[derive(Debug, Clone)]
struct Stamp {
    file: FileStamp,
    text: Arc<str>,
}

/// What tells whether a file changed since it was read: its size and time then, and when it
/// was read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FileStamp {
    len: u64,
    modified: std::time::SystemTime,
    read_at: std::time::SystemTime,
}

impl FileStamp {
    /// Of a file with metadata `meta` (taken before reading it), read at `read_at` (taken
    /// before reading too: a change during the read makes the file look unsettled); `None`
    /// where the file system keeps no modification time.
    pub(crate) fn new(meta: &std::fs::Metadata, read_at: std::time::SystemTime) -> Option<Self> {
        Some(FileStamp {
            len: meta.len(),
            modified: meta.modified().ok()?,
            read_at,
        })
    }

    /// Whether the file with this metadata still holds what was read. Only when the file had
    /// not changed for two seconds when it was read: a save within the same tick of a coarse
    /// file system clock (up to 2 s on FAT) could keep both its size and its time.
    pub(crate) fn holds(&self, meta: &std::fs::Metadata) -> bool {
        let settled = self.modified + std::time::Duration::from_secs(2) < self.read_at;
        settled && meta.len() == self.len && meta.modified().ok() == Some(self.modified)
    }
}

/// Publications as loaded from these texts of `publications.yaml` and `publications.bib`.
#[derive(Debug)]
struct CachedPublications {
    yaml: Option<Arc<str>>,
    bib: Option<Arc<str>>,
    publications: Arc<Vec<Publication>>,
    warnings: Vec<String>,
}

/// Collects the problems of all files, so one build reports them all.
struct Loader<'a> {
    dir: &'a Path,
    problems: Vec<SourceError>,
    cache: &'a mut Cache,
    /// Documents read by this load, for the cache.
    documents: HashMap<PathBuf, (Arc<str>, Document)>,
    /// Files read by this load, for the cache.
    texts: HashMap<PathBuf, Stamp>,
    /// The site folder, links resolved: content is read only from inside it.
    site: Option<PathBuf>,
    /// The language's folder (`content/zh`) over `dir`, and how to name it (`content/zh/`).
    overlay: Option<(PathBuf, String)>,
}

impl Loader<'_> {
    fn read(&mut self, name: &str) -> Option<SourceFile> {
        let (path, display) = match &self.overlay {
            Some((dir, shown)) if dir.join(name).is_file() && !SHARED_FILES.contains(&name) => {
                (dir.join(name), format!("{shown}{name}"))
            }
            _ => (self.dir.join(name), format!("content/{name}")),
        };
        if !path.is_file() {
            return None;
        }
        match self.read_path(&path, display) {
            Ok(f) => Some(f),
            Err(e) => {
                self.problems.push(e);
                None
            }
        }
    }

    /// Reads a file, or takes its text from the cache when its size and time say it has not
    /// changed since it was read (the preview: a 14 MB publications.yaml is not read again
    /// for each save of another file).
    fn read_path(&mut self, path: &Path, display: String) -> Result<SourceFile, SourceError> {
        // A link is followed only to a file inside the site: a cloned repository may carry one
        // to a private file elsewhere (`/etc/passwd`, `~/.ssh/...`), never to be published.
        if let (Some(site), Ok(real)) = (&self.site, path.canonicalize())
            && !real.starts_with(site)
        {
            let message = format!(
                "this file links to {}, outside the site folder: cvsite does not read it",
                real.display()
            );
            return Err(SourceError::whole_file(&display, message)
                .with_help("copy the file into the site instead of linking to it".to_string()));
        }
        let meta = std::fs::metadata(path).ok();
        if let (Some(meta), Some(stamp)) = (&meta, self.cache.texts.get(path))
            && stamp.file.holds(meta)
        {
            let text = Arc::clone(&stamp.text);
            self.texts.insert(path.to_path_buf(), stamp.clone());
            return Ok(SourceFile::new(display, text));
        }
        let read_at = std::time::SystemTime::now();
        let file = SourceFile::read(path, display)?;
        if let Some(stamp) = meta.and_then(|m| FileStamp::new(&m, read_at)) {
            let text = Arc::clone(&file.text);
            let stamp = Stamp { file: stamp, text };
            self.texts.insert(path.to_path_buf(), stamp);
        }
        Ok(file)
    }

    /// A list file (`- entry` per item); a missing or empty file is an empty list.
    /// Also returns the file, when it parsed, for checks that point into it.
    fn list<T: DeserializeOwned>(&mut self, name: &str) -> (Vec<T>, Option<SourceFile>) {
        let Some(file) = self.read(name) else {
            return (Vec::new(), None);
        };
        match file.parse_yaml::<Option<Vec<T>>>(&file.text, 0) {
            Ok(v) => (v.unwrap_or_default(), Some(file)),
            Err(e) => {
                self.problems.push(e);
                (Vec::new(), None)
            }
        }
    }

    /// A list file whose every entry's line the checks will ask for (publications), with
    /// the line of each entry's `key`. A file of thousands of entries is read an entry at a
    /// time, on both cores (see [`entry_chunks`]); any problem, and the whole file is read again
    /// at once, so that errors are told as for any file.
    fn list_entries<T: DeserializeOwned + Send>(
        &mut self,
        file: Option<SourceFile>,
    ) -> (Vec<T>, Vec<usize>, Option<SourceFile>) {
        let Some(file) = file else {
            return (Vec::new(), Vec::new(), None);
        };
        if let Some((entries, lines)) = entry_chunks(&file.text).and_then(|c| by_entry(&file, &c)) {
            return (entries, lines, Some(file));
        }
        let (parsed, _) = rayon::join(
            || file.parse_yaml::<Option<Vec<T>>>(&file.text, 0),
            || file.positions(),
        );
        match parsed {
            Ok(v) => {
                let entries = v.unwrap_or_default();
                let lines = (0..entries.len())
                    .map(|i| {
                        let at = file.positions().value(&format!("[{i}].key"));
                        at.map_or(1, |(l, _)| l)
                    })
                    .collect();
                (entries, lines, Some(file))
            }
            Err(e) => {
                self.problems.push(e);
                (Vec::new(), Vec::new(), None)
            }
        }
    }

    fn map<T: DeserializeOwned>(&mut self, name: &str) -> Option<(T, SourceFile)> {
        let file = self.read(name)?;
        match file.parse_yaml::<T>(&file.text, 0) {
            Ok(v) => Some((v, file)),
            Err(e) => {
                self.problems.push(e);
                None
            }
        }
    }

    /// The pages or posts (`sub`): the language's own, in place of those of the same file name
    /// (whose address they keep), and the default language's for the rest.
    fn documents(&mut self, sub: &str, opts: &LoadOptions) -> Vec<Document> {
        let dir = self.dir.to_path_buf();
        let mut docs = self.documents_in(&dir, "content/", sub, opts);
        let Some((overlay, shown)) = self.overlay.clone() else {
            return docs.into_iter().map(|(_, d)| d).collect();
        };
        for (rel, mut doc) in self.documents_in(&overlay, &shown, sub, opts) {
            match docs.iter_mut().find(|(r, _)| *r == rel) {
                Some((_, was)) => {
                    doc.slug = was.slug.clone();
                    *was = doc;
                }
                None => docs.push((rel, doc)),
            }
        }
        docs.into_iter().map(|(_, d)| d).collect()
    }

    /// The documents of `root/sub`, by their path under `root`, named `shown` + that path.
    fn documents_in(
        &mut self,
        root: &Path,
        shown: &str,
        sub: &str,
        opts: &LoadOptions,
    ) -> Vec<(String, Document)> {
        let dir = root.join(sub);
        // Linked posts and folders are read like the others (and refused if outside the site).
        let mut paths: Vec<_> = WalkDir::new(&dir)
            .follow_links(true)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
            .map(|e| e.into_path())
            .collect();
        paths.sort();
        let mut docs = Vec::new();
        for path in paths {
            let rel = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            let file = match self.read_path(&path, format!("{shown}{rel}")) {
                Ok(f) => f,
                Err(e) => {
                    self.problems.push(e);
                    continue;
                }
            };
            let text = Arc::clone(&file.text);
            let loaded = match self.cache.documents.get(&path) {
                Some((was, doc)) if *was == text => Ok(doc.clone()),
                _ => load_document(file, sub == "posts"),
            };
            match loaded {
                Ok(doc) => {
                    self.documents.insert(path, (text, doc.clone()));
                    if !doc.front.draft || opts.drafts {
                        docs.push((rel, doc));
                    }
                }
                Err(e) => self.problems.push(e),
            }
        }
        docs
    }
}

fn load_document(file: SourceFile, is_post: bool) -> Result<Document, SourceError> {
    let split = markdown::split_front_matter(&file)?;
    let front: FrontMatter = file.parse_yaml(split.front, split.front_line_offset)?;
    if is_post && front.date.is_none() {
        return Err(file
            .error_at(1, 1, "missing field `date`: a post needs a date")
            .with_help("add `date: 2024-05-01` to the front matter".to_string()));
    }
    if let Some(e) = refused_link(&file, file.text.len() - split.body.len()) {
        return Err(e);
    }
    let body = split.body.to_string();
    let stem = Path::new(&file.display)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let slug = match &front.slug {
        Some(s) => {
            let slug = slugify(s);
            if slug != *s {
                let at = Positions::parse(split.front, split.front_line_offset).value("slug");
                return Err(file
                    .error_near(at, format!("`{s}` is not a valid slug"))
                    .with_help(format!(
                        "use lowercase letters, digits and hyphens, e.g. `{slug}`"
                    )));
            }
            slug
        }
        None => slugify(strip_date_prefix(&stem)),
    };
    if slug.is_empty() {
        return Err(file
            .error_at(1, 1, "this file name gives an empty URL slug")
            .with_help("rename the file or set `slug:` in the front matter".to_string()));
    }
    Ok(Document {
        front,
        body,
        slug,
        source: file,
    })
}

/// A warning for each Markdown link left open in the YAML and Markdown files read, in file
/// order: Markdown shows it as text, so the site would show `[text](https://…` as written.
fn unclosed_link_warnings(dir: &Path, texts: &HashMap<PathBuf, Stamp>) -> Vec<String> {
    let mut files: Vec<(&PathBuf, &Stamp)> = texts
        .iter()
        .filter(|(p, _)| p.extension().is_some_and(|x| x == "yaml" || x == "md"))
        .collect();
    files.sort_by_key(|(p, _)| *p);
    let mut out = Vec::new();
    for (path, stamp) in files {
        let rel = path.strip_prefix(dir).unwrap_or(path).to_string_lossy();
        for at in markdown::unclosed_links(&stamp.text) {
            let (line, column) = crate::diagnostics::position_of(&stamp.text, at);
            let shown: String = stamp.text[at..]
                .lines()
                .next()
                .unwrap_or("")
                .chars()
                .take(50)
                .collect();
            out.push(format!(
                "content/{rel}:{line}:{column}: the Markdown link `{shown}` is not closed: it shows as text; end it with `)`"
            ));
        }
    }
    out
}

/// The first link or image of the Markdown from byte `from` of `file` that cvsite does not
/// write (`javascript:`, `data:`, ...), as an error at its place.
fn refused_link(file: &SourceFile, from: usize) -> Option<SourceError> {
    let text = &file.text[from..];
    let html = markdown::html_offsets(text);
    // Inline HTML comes a tag at a time: a tag split over events is read whole too.
    let joined: String = html.iter().map(|(_, h)| h.as_str()).collect();
    let html_problem = url::refused_html(&joined).map(|why| {
        let at = (html.iter())
            .find(|(_, h)| url::refused_html(h).is_some())
            .or(html.first())
            .map_or(0, |(offset, _)| *offset);
        (at, why)
    });
    markdown::link_offsets(text)
        .into_iter()
        .find_map(|(offset, target)| url::refused(&target).map(|why| (offset, why)))
        .or(html_problem)
        .map(|(offset, why)| {
            let (line, column) = crate::diagnostics::position_of(&file.text, from + offset);
            file.error_at(line, column, why)
                .with_help("remove it, or link with an https:// address".to_string())
        })
}

/// `2024-05-01-hello` → `hello`: posts are often named by date, which the URL need not repeat.
fn strip_date_prefix(stem: &str) -> &str {
    let b = stem.as_bytes();
    let is_date = b.len() > 11
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
        && b[10] == b'-';
    if is_date { &stem[11..] } else { stem }
}

/// Loads everything under `dir` (the site's `content/`), reporting all problems together.
pub fn load(dir: &Path, opts: &LoadOptions) -> Result<Content, Problems> {
    load_cached(dir, opts, &mut Cache::default())
}

/// The files `content/` may hold besides the CV sections' (`CvSection::file`).
const CONTENT_FILES: [&str; 3] = ["profile.yaml", "bio.md", "publications.bib"];

/// The folders `content/` may hold.
const CONTENT_DIRS: [&str; 2] = ["pages", "posts"];

/// A problem for each entry of `content/` that cvsite would not read: a misnamed file
/// (`talks.yml`, `award.yaml`) or folder (`post/`), or a file where a folder belongs and the
/// other way round. Left unread, its content would vanish from the site without a word. Hidden
/// files and backups (editors', `.bak`, `.orig`, `.old`) are left alone.
fn unknown_names(dir: &Path, shown: &str, opts: &LoadOptions) -> Vec<SourceError> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let files: Vec<&str> = CONTENT_FILES
        .into_iter()
        .chain(CvSection::ALL.iter().map(|s| s.file()))
        .collect();
    let mut names: Vec<(String, bool)> = entries
        .filter_map(Result::ok)
        .map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            // Through links, as the loader reads it.
            (name, e.path().is_dir())
        })
        .filter(|(name, _)| !name.starts_with('.') && !crate::theme::is_editor_junk(name))
        // A copy kept aside by hand (`publications.yaml.bak`) is the user's, not a mistake.
        .filter(|(name, _)| ![".bak", ".orig", ".old"].iter().any(|x| name.ends_with(x)))
        // A folder of another language (`translations:` in cvsite.yaml).
        .filter(|(name, is_dir)| !(*is_dir && opts.languages.contains(name)))
        .collect();
    names.sort();
    let mut problems = Vec::new();
    for (name, is_dir) in names {
        let display = format!("{shown}{name}");
        let (known_file, known_dir) = (
            files.contains(&name.as_str()),
            CONTENT_DIRS.contains(&name.as_str()),
        );
        let problem = match (is_dir, known_file, known_dir) {
            (false, true, _) | (true, _, true) => continue,
            (true, true, _) => SourceError::whole_file(
                &display,
                format!("`{name}` is a folder: cvsite reads a file of that name"),
            )
            .with_help("move what is inside out of the folder, into a file of that name".to_string()),
            (false, _, true) => SourceError::whole_file(
                &display,
                format!("`{name}` is a file: cvsite reads a folder of that name, one Markdown file per entry"),
            )
            .with_help(format!("make a folder content/{name}/ and put each one in its own .md file")),
            (true, _, _) => {
                let help = match closest(&name, CONTENT_DIRS.into_iter()) {
                    Some(c) => format!("did you mean `{c}`? cvsite reads only content/pages/ and content/posts/"),
                    None => "cvsite reads only content/pages/ and content/posts/: move or rename the folder".to_string(),
                };
                SourceError::whole_file(&display, format!("unknown folder `{name}`: cvsite would not read it"))
                    .with_help(help)
            }
            (false, _, _) => {
                // `talks.yml` is `talks.yaml` under another extension.
                let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
                let near = files
                    .iter()
                    .find(|f| f.rsplit_once('.').is_some_and(|(s, _)| s == stem))
                    .copied()
                    .or_else(|| closest(&name, files.iter().copied()));
                let help = match near {
                    Some(c) => format!("did you mean `{c}`?"),
                    None => format!(
                        "cvsite reads these files in content/: {}; and the folders pages/ and posts/",
                        files.join(", ")
                    ),
                };
                SourceError::whole_file(&display, format!("unknown file `{name}`: cvsite would not read it"))
                    .with_help(help)
            }
        };
        problems.push(problem);
    }
    problems
}

/// Loads everything under `dir`, parsing again only the files whose text differs from what
/// `cache` holds, and keeping this load's files in it for the next.
pub fn load_cached(dir: &Path, opts: &LoadOptions, cache: &mut Cache) -> Result<Content, Problems> {
    let mut l = Loader {
        dir,
        problems: Vec::new(),
        cache,
        documents: HashMap::new(),
        texts: HashMap::new(),
        site: dir.parent().and_then(|d| d.canonicalize().ok()),
        overlay: (opts.language.as_ref()).map(|tag| (dir.join(tag), format!("content/{tag}/"))),
    };
    l.problems.extend(unknown_names(dir, "content/", opts));
    if let Some(tag) = &opts.language {
        let own = dir.join(tag);
        let shown = format!("content/{tag}/");
        l.problems
            .extend(unknown_names(&own, &shown, &LoadOptions::default()));
        for name in SHARED_FILES {
            if own.join(name).is_file() {
                l.problems.push(
                    SourceError::whole_file(
                        &format!("content/{tag}/{name}"),
                        "the publications are the same in every language: cvsite reads them \
                         only from content/",
                    )
                    .with_help(format!(
                        "remove content/{tag}/{name}; a paper's title is written as published"
                    )),
                );
            }
        }
    }
    let profile = l.map::<Profile>("profile.yaml");
    if profile.is_none() && !dir.join("profile.yaml").is_file() {
        l.problems.push(
            SourceError::whole_file(
                "content/profile.yaml",
                "the file is missing: every site needs a profile",
            )
            .with_help("create content/profile.yaml with at least `name: Your Name`".to_string()),
        );
    }
    let bio = l.read("bio.md").and_then(|f| match refused_link(&f, 0) {
        Some(e) => {
            l.problems.push(e);
            None
        }
        None => Some(rich::RichText::markdown(&f.text)),
    });
    let (education, _) = l.list(CvSection::Education.file());
    let (experience, _) = l.list(CvSection::Experience.file());
    let yaml_file = l.read(CvSection::Publications.file());
    let bib_file = l.read("publications.bib");
    let texts = (
        yaml_file.as_ref().map(|f| Arc::clone(&f.text)),
        bib_file.as_ref().map(|f| Arc::clone(&f.text)),
    );
    // Unchanged since the last load: parsed, merged and checked then.
    let cached = (l.cache.publications.as_ref())
        .filter(|c| (&c.yaml, &c.bib) == (&texts.0, &texts.1))
        .map(|c| (Arc::clone(&c.publications), c.warnings.clone()));
    let mut warnings = Vec::new();
    let (entries, lines, pubs_file, bib) = match &cached {
        Some((_, w)) => {
            warnings.extend(w.iter().cloned());
            (Vec::new(), Vec::new(), None, None)
        }
        None => {
            // A site with both files reads them side by side.
            let ((entries, lines, pubs_file), bib) = rayon::join(
                || l.list_entries::<PublicationEntry>(yaml_file),
                || bib_file.as_ref().map(bibtex::parse),
            );
            let bib = bib
                .transpose()
                .unwrap_or_else(|e| {
                    l.problems.push(e);
                    None
                })
                .map(|(pubs, w)| {
                    warnings.extend(w);
                    pubs
                });
            (entries, lines, pubs_file, bib)
        }
    };
    let (projects, projects_file) = l.list::<Project>(CvSection::Highlights.file());
    let (awards, _) = l.list(CvSection::Awards.file());
    let (service, _) = l.list(CvSection::Service.file());
    let skills = l
        .map::<Option<Skills>>(CvSection::Skills.file())
        .and_then(|(s, _)| s)
        .unwrap_or_default();
    let (news, _) = l.list(CvSection::News.file());
    let (talks, _) = l.list(CvSection::Talks.file());
    let (teaching, _) = l.list(CvSection::Teaching.file());
    let pages = l.documents("pages", opts);
    let mut posts = l.documents("posts", opts);
    posts.sort_by(|a, b| {
        b.front
            .date
            .cmp(&a.front.date)
            .then_with(|| a.front.title.cmp(&b.front.title))
    });

    if let Some(file) = &pubs_file {
        check_publication_keys(&entries, &lines, file, &mut l.problems);
    }
    // Only when the publications loaded: otherwise every reference would look broken.
    let pubs_loaded = cached.is_some()
        || ((pubs_file.is_some() || !dir.join("publications.yaml").exists())
            && (bib.is_some() || bib_file.is_none()));
    let publications = match cached {
        Some((publications, _)) => publications,
        // A broken .bib is reported once; its YAML overlays would only add noise.
        None if bib.is_none() && bib_file.is_some() => Arc::default(),
        None => Arc::new(merge_publications(
            bib.unwrap_or_default(),
            entries,
            &lines,
            pubs_file.as_ref(),
            &mut l.problems,
        )),
    };
    if let (Some(file), true) = (&projects_file, pubs_loaded) {
        check_project_refs(&projects, &publications, file, &mut l.problems);
    }
    let Some((profile, profile_file)) = profile.filter(|_| l.problems.is_empty()) else {
        return Err(Problems(l.problems));
    };
    let unclosed = unclosed_link_warnings(dir, &l.texts);
    // Kept only from a load without problems: a cached file is one known to be good.
    *l.cache = Cache {
        publications: Some(CachedPublications {
            yaml: texts.0,
            bib: texts.1,
            publications: Arc::clone(&publications),
            // All of this load's warnings are the BibTeX file's.
            warnings: warnings.clone(),
        }),
        documents: l.documents,
        texts: l.texts,
    };
    warnings.extend(unclosed);
    Ok(Content {
        profile,
        profile_file,
        bio,
        education,
        experience,
        publications,
        projects,
        awards,
        service,
        skills,
        news,
        talks,
        teaching,
        pages,
        posts,
        warnings,
    })
}

/// Where each entry of a list file starts (byte offset and 0-based line), when the file is a
/// plain top-level block sequence (`- ` at the start of a line begins an entry; else only
/// comments, blank lines and indented lines) of many entries: then each can be read on its own.
/// `None` for anything else (a document marker, a directive, a top-level mapping), which is
/// read whole. (An alias to an anchor of another entry fails to read on its own, and then the
/// file is read whole too.)
fn entry_chunks(text: &str) -> Option<Vec<(usize, usize)>> {
    // Below this, reading the file whole is as quick.
    const MIN_ENTRIES: usize = 64;
    let mut starts = Vec::new();
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let bare = line.trim_end_matches(['\n', '\r']);
        match bare.as_bytes().first() {
            Some(b'-') if bare == "-" || bare.starts_with("- ") => starts.push((offset, n)),
            // Indented text before the first entry (an entry indented by mistake): read whole,
            // so that it is an error, not an entry left out.
            Some(b' ') if starts.is_empty() && !bare.trim_start().starts_with('#') => {
                if !bare.trim().is_empty() {
                    return None;
                }
            }
            // An indented line, a comment or a blank line.
            None | Some(b' ' | b'#') => {}
            _ if bare.trim().is_empty() => {}
            // A document marker, a directive, a top-level mapping, a flow sequence...
            _ => return None,
        }
        offset += line.len();
    }
    (starts.len() >= MIN_ENTRIES).then_some(starts)
}

/// Reads each entry of a file split by [`entry_chunks`] on its own, in parallel: the entries
/// and the line of each entry's `key`; `None` on any problem (the file is then read whole).
fn by_entry<T: DeserializeOwned + Send>(
    file: &SourceFile,
    starts: &[(usize, usize)],
) -> Option<(Vec<T>, Vec<usize>)> {
    use rayon::prelude::*;
    let text = &*file.text;
    starts
        .par_iter()
        .enumerate()
        .map(|(i, &(start, line))| {
            let end = starts.get(i + 1).map_or(text.len(), |&(s, _)| s);
            let chunk = &text[start..end];
            if crate::diagnostics::too_deep(chunk).is_some() {
                return None;
            }
            let mut one: Vec<T> = serde_yaml::from_str(chunk).ok()?;
            let key = Positions::parse(chunk, line).value("[0].key");
            match (one.pop(), one.is_empty()) {
                (Some(entry), true) => Some((entry, key.map_or(line + 1, |(l, _)| l))),
                _ => None,
            }
        })
        .collect::<Option<Vec<_>>>()
        .map(|v| v.into_iter().unzip())
}

/// The YAML entries in their order, each over the BibTeX entry of its key if there is one, then
/// the BibTeX entries the YAML does not mention, in the file's order.
fn merge_publications(
    bib: Vec<Publication>,
    entries: Vec<PublicationEntry>,
    lines: &[usize],
    file: Option<&SourceFile>,
    problems: &mut Vec<SourceError>,
) -> Vec<Publication> {
    let mut out = Vec::with_capacity(bib.len() + entries.len());
    // By key (BibTeX keys are unique: a repeated one was left out when parsed).
    let mut by_key: HashMap<String, usize> = HashMap::with_capacity(bib.len());
    for (i, p) in bib.iter().enumerate() {
        by_key.entry(p.key.clone()).or_insert(i);
    }
    let mut bib: Vec<Option<Publication>> = bib.into_iter().map(Some).collect();
    for (i, e) in entries.into_iter().enumerate() {
        let key = e.key.clone();
        let base = by_key.get(&key).and_then(|&i| bib[i].take());
        // Entries come from the YAML only when there is a YAML file.
        let Some(file) = file else { continue };
        let key_path = format!("[{i}].key");
        match Publication::overlay(base, e) {
            Ok(mut p) => {
                p.written = Written {
                    file: file.display.clone(),
                    line: lines.get(i).copied().unwrap_or(1),
                };
                out.push(p)
            }
            Err(missing) => {
                problems.push(
                    file.error_at_value(&key_path, format!("missing field `{missing}` in publication `{key}`"))
                        .with_help(format!(
                            "add `{missing}:` to the entry, or an entry with key `{key}` to content/publications.bib"
                        )),
                );
            }
        }
    }
    out.extend(bib.into_iter().flatten());
    out
}

fn check_publication_keys(
    pubs: &[PublicationEntry],
    lines: &[usize],
    file: &SourceFile,
    problems: &mut Vec<SourceError>,
) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, p) in pubs.iter().enumerate() {
        let key_path = format!("[{i}].key");
        let line = lines.get(i).copied().unwrap_or(1);
        if let Some(first) = seen.insert(&p.key, line) {
            problems.push(
                file.error_at_value(&key_path, format!("duplicate publication key `{}`", p.key))
                    .with_help(format!(
                        "the key is first used on line {first}; each paper needs its own key"
                    )),
            );
        }
        if let Some(why) = bibtex::unreadable_key(&p.key) {
            let suggestion = slugify(&p.key);
            problems.push(
                file.error_at_value(&key_path, format!("publication key `{}` has {why}", p.key))
                    .with_help(format!(
                        "keys are like `smith2024proofs`: letters, digits, `-`, `_`, `:`{}",
                        if suggestion.is_empty() {
                            String::new()
                        } else {
                            format!(" (e.g. `{suggestion}`)")
                        }
                    )),
            );
            continue;
        }
        let slug = p.slug.as_deref().unwrap_or(&p.key);
        if slugify(slug).is_empty() {
            let path = match p.slug {
                Some(_) => format!("[{i}].slug"),
                None => key_path,
            };
            problems.push(
                file.error_at_value(&path, format!("`{slug}` does not give a usable URL slug")),
            );
        }
    }
}

fn check_project_refs(
    projects: &[Project],
    pubs: &[Publication],
    file: &SourceFile,
    problems: &mut Vec<SourceError>,
) {
    for (i, project) in projects.iter().enumerate() {
        for (j, key) in project.publications.iter().enumerate() {
            if pubs.iter().any(|p| &p.key == key) {
                continue;
            }
            let help = match closest(key, pubs.iter().map(|p| p.key.as_str())) {
                Some(k) => format!("did you mean `{k}`?"),
                None if pubs.is_empty() => "add the paper to content/publications.yaml".to_string(),
                None => format!(
                    "known keys: {}",
                    pubs.iter()
                        .map(|p| format!("`{}`", p.key))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            problems.push(
                file.error_at_value(
                    &format!("[{i}].publications[{j}]"),
                    format!("project `{}` links to publication `{key}`, but no publication in content/publications.yaml or content/publications.bib has that key", project.name),
                )
                .with_help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A list of `n` publications, the way people write them.
    fn many(n: usize, extra: &str) -> String {
        let mut s = String::from("# My papers\n\n");
        for i in 0..n {
            s.push_str(&format!(
                "- key: paper{i}\n  title: \"Paper {i}: a study\"\n  authors:\n    - Ada Example*\n    - Bob Other\n  year: 2020\n  abstract: |\n    Line one.\n\n    - not an entry, inside a block\n{extra}\n# a comment\n"
            ));
        }
        s
    }

    fn read(text: &str) -> (Result<Vec<PublicationEntry>, String>, Vec<usize>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("publications.yaml");
        std::fs::write(&path, text).unwrap();
        let file = SourceFile::read(&path, "content/publications.yaml").unwrap();
        let mut cache = Cache::default();
        let mut l = Loader {
            dir: dir.path(),
            problems: Vec::new(),
            cache: &mut cache,
            documents: HashMap::new(),
            texts: HashMap::new(),
            site: None,
            overlay: None,
        };
        let (entries, lines, _) = l.list_entries::<PublicationEntry>(Some(file));
        match l.problems.first() {
            Some(e) => (Err(format!("{}:{} {}", e.line, e.column, e)), lines),
            None => (Ok(entries), lines),
        }
    }

    /// Reads `path` through a loader with `cache`, keeping what it read in the cache.
    fn read_cached(cache: &mut Cache, path: &Path) -> String {
        let mut l = Loader {
            dir: path.parent().unwrap(),
            problems: Vec::new(),
            cache,
            documents: HashMap::new(),
            texts: HashMap::new(),
            site: None,
            overlay: None,
        };
        let text = l.read_path(path, "x".into()).unwrap().text.to_string();
        let texts = std::mem::take(&mut l.texts);
        cache.texts = texts;
        text
    }

    /// Writes `text` to `path` with the modification time `at`.
    fn write_at(path: &Path, text: &str, at: std::time::SystemTime) {
        std::fs::write(path, text).unwrap();
        let f = std::fs::File::options().write(true).open(path).unwrap();
        f.set_modified(at).unwrap();
    }

    #[test]
    fn a_file_is_read_again_unless_it_had_settled_when_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("skills.yaml");
        let now = std::time::SystemTime::now();
        let mut cache = Cache::default();
        // Saved just now, then saved again in the same tick of a coarse clock (same size,
        // same time): it is read again.
        write_at(&path, "a: 1\n", now);
        assert_eq!(read_cached(&mut cache, &path), "a: 1\n");
        write_at(&path, "a: 2\n", now);
        assert_eq!(read_cached(&mut cache, &path), "a: 2\n");
        // Unchanged for a minute when read: its size and time are trusted...
        let old = now - std::time::Duration::from_secs(60);
        write_at(&path, "a: 3\n", old);
        assert_eq!(read_cached(&mut cache, &path), "a: 3\n");
        write_at(&path, "a: 4\n", old);
        assert_eq!(read_cached(&mut cache, &path), "a: 3\n", "not read again");
        // ...and any change of them has it read again.
        write_at(&path, "a: 55\n", old);
        assert_eq!(read_cached(&mut cache, &path), "a: 55\n");
        write_at(&path, "a: 66\n", now);
        assert_eq!(read_cached(&mut cache, &path), "a: 66\n");
    }

    #[test]
    fn a_long_list_read_entry_by_entry_is_the_list_read_whole() {
        let text = many(100, "");
        assert!(entry_chunks(&text).is_some_and(|c| c.len() == 100));
        let (entries, lines) = read(&text);
        let entries = entries.unwrap();
        let whole: Vec<PublicationEntry> = serde_yaml::from_str(&text).unwrap();
        assert_eq!(format!("{entries:?}"), format!("{whole:?}"));
        let positions = Positions::parse(&text, 0);
        let expected: Vec<usize> = (0..100)
            .map(|i| positions.value(&format!("[{i}].key")).unwrap().0)
            .collect();
        assert_eq!(lines, expected);
    }

    #[test]
    fn a_problem_in_one_entry_is_told_as_in_the_whole_file() {
        let text = many(100, "");
        let at = text.find("- key: paper50\n").unwrap();
        let text = format!(
            "{}{}",
            &text[..at],
            text[at..].replacen("year: 2020", "year: twenty", 1)
        );
        let (entries, _) = read(&text);
        let err = entries.unwrap_err();
        // The 51st entry (item 51), at its line in the file.
        let line = text.lines().position(|l| l.contains("twenty")).unwrap() + 1;
        assert!(err.starts_with(&format!("{line}:")), "{err}");
        assert!(err.contains("item 51"), "{err}");
    }

    #[test]
    fn entries_tied_by_an_alias_are_read_whole() {
        let mut text = many(100, "");
        text = text.replacen(
            "- key: paper0\n",
            "- key: paper0\n  venue: &v Conference\n",
            1,
        );
        text = text.replacen("- key: paper99\n", "- key: paper99\n  venue: *v\n", 1);
        let (entries, _) = read(&text);
        let entries = entries.unwrap();
        assert_eq!(entries[99].venue.as_deref(), Some("Conference"));
        // Not a plain sequence: read whole.
        assert!(entry_chunks("publications:\n- key: a\n").is_none());
        // A first entry indented by mistake is an error of the whole file, not left out.
        assert!(entry_chunks(&format!("  - key: first\n{}", many(100, ""))).is_none());
        assert!(entry_chunks(&format!("  # indented comment\n\n{}", many(100, ""))).is_some());
        assert!(entry_chunks(&format!("---\n{}", many(100, ""))).is_none());
    }

    #[test]
    fn date_prefix() {
        assert_eq!(strip_date_prefix("2024-05-01-hello-world"), "hello-world");
        assert_eq!(strip_date_prefix("about"), "about");
        assert_eq!(strip_date_prefix("2024-05-01"), "2024-05-01");
    }
}
