//! What the preview keeps from one build to the next, so that a save redoes only what it
//! changed: a content file is parsed again only when its text changed, the papers' views made
//! again only when their inputs changed, a page rendered again only when something its template
//! reads changed, the exports and the PDF made again only when their inputs changed. A plain
//! `cvsite build` keeps nothing. The preview is checked against a full build after edits of
//! every kind (tests/serve.rs).

use std::collections::{HashMap, HashSet};
use std::fmt::{self, Debug, Write as _};
use std::hash::Hasher;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use bytes::Bytes;
use siphasher::sip128::{Hasher128, SipHasher13};

use crate::config::{BaseUrl, Config};
use crate::content::{self, Content, FileStamp};
use crate::render::Plan;
use crate::render::view::{self, Papers};
use crate::templates::Templates;

/// A 128-bit fingerprint of a value's `Debug` form: equal forms, equal fingerprints. (`Debug`
/// shows every field of the types it is used on; a map printed in another order only costs a
/// render.)
pub fn fingerprint(value: &(impl Debug + ?Sized)) -> u128 {
    struct Sink(SipHasher13);
    impl fmt::Write for Sink {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            self.0.write(s.as_bytes());
            Ok(())
        }
    }
    let mut sink = Sink(SipHasher13::new());
    let _ = write!(sink, "{value:?}");
    sink.0.finish128().as_u128()
}

/// A 128-bit fingerprint of a value's `Hash` form: quicker than [`fingerprint`] (no
/// formatting), for the values hashed once per page.
pub fn hash_of(value: &(impl std::hash::Hash + ?Sized)) -> u128 {
    let mut h = SipHasher13::new();
    value.hash(&mut h);
    h.finish128().as_u128()
}

/// What one build leaves for the next.
#[derive(Debug, Default)]
pub struct Memo {
    /// Parsed content files.
    pub(crate) content: content::Cache,
    /// The papers' views, with the fingerprint of their inputs and the publications they were
    /// made of.
    papers: Option<(u128, Arc<Vec<crate::content::model::Publication>>, Papers)>,
    /// The last generation of papers made.
    generation: u64,
    /// Each page and export by output path: the fingerprint of its inputs, and its bytes.
    pub(crate) files: HashMap<String, (u128, Bytes)>,
    /// Copied static files by source path, with what tells whether they changed.
    statics: HashMap<PathBuf, (FileStamp, Bytes)>,
    /// The publications of `resume.json`, with the fingerprint of what they are made of.
    pub(crate) resume_papers: Option<(u128, Bytes)>,
    /// Pictures made by earlier builds.
    pub(crate) images: crate::images::Cache,
    /// The fingerprint of the inputs of the PDFs last typeset and served.
    pub(crate) pdf_done: Arc<Mutex<Option<u128>>>,
}

impl Memo {
    /// The papers' views: the last build's when made of the same publications with the same
    /// config, base and profile; otherwise made anew, as a new generation.
    pub fn papers(&mut self, content: &Content, config: &Config, base: &BaseUrl) -> Papers {
        let key = fingerprint(&(config, base, &content.profile));
        if let Some((k, source, papers)) = &self.papers
            && *k == key
            && Arc::ptr_eq(source, &content.publications)
        {
            return papers.clone();
        }
        self.generation += 1;
        let papers = view::papers(content, config, base, self.generation);
        self.papers = Some((key, Arc::clone(&content.publications), papers.clone()));
        papers
    }

    /// The bytes of a copied static file: read again unless it has not changed since it was
    /// read (the rule of content files: [`FileStamp::holds`]).
    pub fn static_file(&mut self, path: &std::path::Path) -> std::io::Result<Bytes> {
        let meta = std::fs::metadata(path)?;
        if let Some((stamp, bytes)) = self.statics.get(path)
            && stamp.holds(&meta)
        {
            return Ok(bytes.clone());
        }
        let read_at = SystemTime::now();
        let bytes = Bytes::from(std::fs::read(path)?);
        if let Some(stamp) = FileStamp::new(&meta, read_at) {
            self.statics
                .insert(path.to_path_buf(), (stamp, bytes.clone()));
        }
        Ok(bytes)
    }

    /// Forgets the static files not in `kept` (removed or renamed since).
    pub fn keep_statics(&mut self, kept: &HashSet<PathBuf>) {
        self.statics.retain(|path, _| kept.contains(path));
    }

    /// The last build's file at `path`, if made from inputs of fingerprint `key`.
    pub fn file(&self, path: &str, key: u128) -> Option<Bytes> {
        match self.files.get(path) {
            Some((k, bytes)) if *k == key => Some(bytes.clone()),
            _ => None,
        }
    }
}

/// The fingerprint of the content besides the publications and documents (what `resume.json`
/// and the PDF read of it beyond the views).
pub fn content_fingerprint(c: &Content) -> u128 {
    fingerprint(&(
        &c.profile,
        &c.bio,
        &c.education,
        &c.experience,
        &c.projects,
        &c.awards,
        &c.service,
        &c.skills,
        &c.news,
        &c.talks,
        &c.teaching,
    ))
}

/// Tells, for each page, the fingerprint of everything its output depends on: the templates,
/// the config, its own values, and the values its template (with its parents and includes)
/// reads of those all templates see.
pub struct PageKeys {
    /// The templates, the config and the base URL.
    common: u128,
    /// Each value all templates see, by name.
    globals: HashMap<String, u128>,
    /// The names of all values all templates see (some may have no fingerprint).
    global_names: HashSet<String>,
    /// The global values each template reads (`None`: it may read any).
    reads: HashMap<String, Option<Vec<String>>>,
}

impl PageKeys {
    /// For a build with these templates, config and values (see [`view::SiteData::fingerprints`]).
    pub fn new(
        templates: &Templates,
        common: u128,
        globals: &[(&'static str, u128)],
        global_names: HashSet<String>,
        plans: &[Plan],
    ) -> PageKeys {
        let globals = globals.iter().map(|(k, v)| (k.to_string(), *v)).collect();
        let mut reads = HashMap::new();
        for p in plans {
            if let Some((template, _)) = p.route.template() {
                reads
                    .entry(template.to_string())
                    .or_insert_with(|| templates.variables(template, &global_names));
            }
        }
        PageKeys {
            common,
            globals,
            global_names,
            reads,
        }
    }

    /// The fingerprint of a page's inputs; `None` for a page rendered every time.
    pub fn of(&self, plan: &Plan) -> Option<u128> {
        let own = plan.key?;
        let (template, _) = plan.route.template()?;
        let reads = self.reads.get(template)?.as_ref()?;
        let mut used = Vec::with_capacity(reads.len());
        for name in reads {
            match self.globals.get(name) {
                Some(fp) => used.push((name.as_str(), *fp)),
                // A value all templates see, with no fingerprint: taken as changed.
                None if self.global_names.contains(name) => return None,
                // The page's own values (`page`, `publication`), or a loop's.
                None => {}
            }
        }
        Some(hash_of(&(
            self.common,
            plan.route.output(),
            &plan.page,
            own,
            used,
        )))
    }
}
