//! Watching the site's sources: `cvsite.yaml`, `content/`, `templates/`, `static/` and `fonts/`, with a
//! short debounce so an editor's burst of writes (or an atomic save: temp file, then rename)
//! becomes one rebuild, and no rebuild while a file written in place is still open for writing.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use miette::{IntoDiagnostic, Result, WrapErr};
use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};
use notify::{RecursiveMode, Watcher};

use crate::config::CONFIG_FILE;
use crate::theme::is_editor_junk;

/// The folders whose changes rebuild the site.
const WATCHED_DIRS: [&str; 4] = ["content", "templates", "static", crate::pdf::FONTS_DIR];

/// How long the files must be quiet before a rebuild starts.
pub const DEBOUNCE: Duration = Duration::from_millis(30);

/// The longest wait for a file written in place to be closed: a 17 MB `.bib` takes longer to
/// save than [`DEBOUNCE`], and built half-written it would show a parse error for nothing.
const WRITING_AT_MOST: Duration = Duration::from_secs(3);

/// Whether a changed path (absolute, below `root`) is one of the site's sources.
pub fn is_source(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let rel = rel.to_string_lossy().replace('\\', "/");
    if is_editor_junk(&rel) {
        return false;
    }
    rel == CONFIG_FILE
        || WATCHED_DIRS
            .iter()
            .any(|d| rel == *d || rel.starts_with(&format!("{d}/")))
}

/// Whether an event can change a file's contents or presence. Reads (which every build does)
/// and metadata changes are left out, or each build would trigger the next.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) | EventKind::Any => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Other => false,
    }
}

/// The sources an event changes; `writing` keeps the files written in place and not yet closed
/// (inotify tells both; other platforms tell no closing, and their files never wait).
fn track(
    event: notify::Result<notify::Event>,
    root: &Path,
    writing: &mut HashSet<PathBuf>,
) -> Vec<PathBuf> {
    let Ok(e) = event else {
        return Vec::new();
    };
    let sources = e.paths.into_iter().filter(|p| is_source(root, p));
    match e.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => {
            let closed: Vec<PathBuf> = sources.collect();
            for p in &closed {
                writing.remove(p);
            }
            closed
        }
        EventKind::Modify(ModifyKind::Data(_)) if cfg!(target_os = "linux") => {
            let written: Vec<PathBuf> = sources.collect();
            writing.extend(written.iter().cloned());
            written
        }
        ref kind if is_change(kind) => sources.collect(),
        _ => Vec::new(),
    }
}

/// Watches the site at `root` on a thread of its own and calls `on_change` with the changed
/// sources once they have been quiet for [`DEBOUNCE`]. Runs until the process ends.
pub fn spawn(root: PathBuf, on_change: impl Fn(Vec<PathBuf>) + Send + 'static) -> Result<()> {
    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(tx)
        .into_diagnostic()
        .wrap_err("cannot watch the site's files")?;
    // The root itself, not recursively: for cvsite.yaml, and for a watched folder created later.
    watcher
        .watch(&root, RecursiveMode::NonRecursive)
        .into_diagnostic()
        .wrap_err_with(|| format!("cannot watch {}", root.display()))?;
    for dir in WATCHED_DIRS {
        let path = root.join(dir);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .into_diagnostic()
                .wrap_err_with(|| format!("cannot watch {}", path.display()))?;
        }
    }
    std::thread::Builder::new()
        .name("cvsite-watch".into())
        .spawn(move || {
            let mut writing = HashSet::new();
            while let Ok(first) = rx.recv() {
                let mut changed = track(first, &root, &mut writing);
                if changed.is_empty() {
                    continue;
                }
                // Debounce: gather the rest of the burst until the files are quiet and closed.
                let started = Instant::now();
                loop {
                    match rx.recv_timeout(DEBOUNCE) {
                        Ok(next) => changed.extend(track(next, &root, &mut writing)),
                        Err(RecvTimeoutError::Timeout)
                            if !writing.is_empty() && started.elapsed() < WRITING_AT_MOST => {}
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
                writing.clear();
                changed.sort();
                changed.dedup();
                // A watched folder created (or re-created) since the start: watch inside it too.
                for dir in WATCHED_DIRS {
                    let path = root.join(dir);
                    if changed.contains(&path) && path.is_dir() {
                        let _ = watcher.watch(&path, RecursiveMode::Recursive);
                    }
                }
                on_change(changed);
            }
        })
        .into_diagnostic()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_and_the_rest() {
        let root = Path::new("/site");
        for yes in [
            "cvsite.yaml",
            "content/profile.yaml",
            "templates/cv.html",
            "static/css/x.css",
            "fonts/NotoSerifCJKsc-Regular.otf",
            "content",
        ] {
            assert!(is_source(root, &root.join(yes)), "{yes}");
        }
        for no in [
            "public/index.html",
            "target/debug/x",
            "content/.profile.yaml.swp",
            "content/profile.yaml~",
            "content/4913",
            ".git/index",
            "README.md",
            "contents/x",
        ] {
            assert!(!is_source(root, &root.join(no)), "{no}");
        }
        assert!(!is_source(root, Path::new("/elsewhere/content/x")));
    }
}
