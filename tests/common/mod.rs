//! Helpers for the integration tests: copy a fixture site into a temp folder, run the real
//! binary on it, and read what it wrote.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

/// The repository root, which is itself the example site.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture of `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// A site copied into a fresh temp folder.
pub struct Site {
    /// Keeps the folder alive.
    pub dir: TempDir,
}

impl Site {
    /// Copies `src` (a site folder) into a temp folder; `target/` and `public/` are skipped.
    pub fn copy_of(src: &Path) -> Site {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(src, dir.path());
        Site { dir }
    }

    /// The example site (the repository's own `cvsite.yaml`, `content/`, `templates/`, `static/`).
    pub fn example() -> Site {
        let site = Site {
            dir: tempfile::tempdir().unwrap(),
        };
        fs::copy(repo().join("cvsite.yaml"), site.root().join("cvsite.yaml")).unwrap();
        copy_dir(&repo().join("content"), &site.root().join("content"));
        site
    }

    /// The site folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// A path in the site.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    /// Writes a file of the site.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let p = self.path(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, contents).unwrap();
    }

    /// Reads a file of the site as text.
    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Replaces `from` with `to` in a file, checking that it was there.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, text.replacen(from, to, 1));
    }

    /// Runs `cvsite ARGS` in the site folder.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.root(), args)
    }

    /// Builds the site and asserts success.
    pub fn build_ok(&self) -> Run {
        let r = self.run(&["build"]);
        assert!(r.ok(), "build failed:\n{}", r.stderr);
        r
    }

    /// Reads a built file of `public/`.
    pub fn out(&self, rel: &str) -> String {
        self.read(&format!("public/{rel}"))
    }

    /// Every file under `public/`, with its bytes.
    pub fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        snapshot(&self.path("public"))
    }
}

/// Every file under `dir`, with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The outcome of a run of the binary.
pub struct Run {
    pub status: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn ok(&self) -> bool {
        self.status == Some(0)
    }
}

/// Runs the real `cvsite` binary in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(env!("CARGO_BIN_EXE_cvsite"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run cvsite");
    Run {
        status: status.code(),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

fn copy_dir(src: &Path, dest: &Path) {
    for entry in walkdir::WalkDir::new(src).into_iter().filter_entry(|e| {
        let name = e.file_name().to_string_lossy();
        e.depth() == 0 || (name != "target" && name != "public" && name != ".git")
    }) {
        let entry = entry.unwrap();
        let to = dest.join(entry.path().strip_prefix(src).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&to).unwrap();
        } else {
            fs::copy(entry.path(), &to).unwrap();
        }
    }
}

/// The visible text of an HTML page: tags removed, entities decoded, whitespace collapsed,
/// typographic quotes made plain (Markdown's smart punctuation curls them).
pub fn text_of(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let decoded = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
        .replace(['’', '‘'], "'");
    let words: Vec<&str> = decoded.split_whitespace().collect();
    // Tags split "Li<sup>*</sup>" into "Li *"; rejoin marks and punctuation to their words.
    words
        .join(" ")
        .replace(" *", "*")
        .replace(" †", "†")
        .replace(" ,", ",")
        .replace(" .", ".")
        .replace(" :", ":")
}
