//! `cvsite deploy` to a local bare repository: the branch holds exactly the built site; the
//! user's branch, index and working tree are unchanged.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use common::{Site, fixture};

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .expect("git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// A copy of the `full` fixture, committed to `main` in a repository of its own.
fn committed_site() -> Site {
    let site = Site::copy_of(&fixture("full"));
    let root = site.root();
    git(root, &["init", "-q", "-b", "main"]);
    git(root, &["config", "user.email", "t@example.org"]);
    git(root, &["config", "user.name", "Tester"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "my site"]);
    site
}

#[test]
fn deploy_commits_exactly_the_built_site_and_touches_nothing_else() {
    let site = committed_site();
    let root = site.root();
    let remote = tempfile::tempdir().unwrap();
    git(remote.path(), &["init", "-q", "--bare"]);
    git(
        root,
        &["remote", "add", "origin", remote.path().to_str().unwrap()],
    );
    // Uncommitted work in progress, staged and not, must survive.
    site.edit(
        "content/awards.yaml",
        "Young Researcher Award",
        "Young Researcher Prize",
    );
    git(root, &["add", "content/awards.yaml"]);
    site.write("notes.txt", "draft notes");
    let head = git(root, &["rev-parse", "HEAD"]);
    let status = git(root, &["status", "--porcelain"]);

    let r = site.run(&["deploy"]);
    assert!(r.ok(), "{}", r.stderr);
    assert!(r.stderr.contains("Pushed to origin"), "{}", r.stderr);

    assert_eq!(
        git(root, &["rev-parse", "HEAD"]),
        head,
        "the current branch moved"
    );
    assert_eq!(git(root, &["symbolic-ref", "HEAD"]), "refs/heads/main");
    assert_eq!(
        git(root, &["status", "--porcelain"]),
        status,
        "the working tree or index changed"
    );
    assert!(!site.path("public").exists(), "deploy builds elsewhere");

    // The pushed branch holds exactly what `cvsite build` writes (less cvsite's own marker).
    let deployed: BTreeSet<String> =
        git(remote.path(), &["ls-tree", "-r", "--name-only", "gh-pages"])
            .lines()
            .map(String::from)
            .collect();
    site.build_ok();
    let built: BTreeSet<String> = common::snapshot(&site.path("public"))
        .into_keys()
        .filter(|k| k != ".cvsite-output")
        .collect();
    assert_eq!(deployed, built);
    assert!(
        deployed.contains(".nojekyll") && deployed.contains("CNAME") && deployed.contains("cv.pdf")
    );
    let cv = git(remote.path(), &["show", "gh-pages:cv/index.html"]);
    assert!(
        cv.contains("Young Researcher Prize"),
        "the site as it is now, uncommitted edits included"
    );

    // A second deploy adds a commit on top.
    let first = git(remote.path(), &["rev-parse", "gh-pages"]);
    assert!(
        site.run(&["deploy", "--branch", "gh-pages", "-m", "Second"])
            .ok()
    );
    assert_eq!(git(remote.path(), &["rev-parse", "gh-pages^"]), first);
    assert_eq!(
        git(remote.path(), &["log", "-1", "--format=%s", "gh-pages"]),
        "Second"
    );
}

#[test]
fn deploy_explains_a_missing_repository_or_remote() {
    let site = Site::copy_of(&fixture("full"));
    let r = site.run(&["deploy"]);
    assert_eq!(r.status, Some(1));
    assert!(
        r.stderr.contains("is not in a git repository"),
        "{}",
        r.stderr
    );
    git(site.root(), &["init", "-q"]);
    let r = site.run(&["deploy"]);
    assert_eq!(r.status, Some(1));
    assert!(
        r.stderr.contains("the git remote `origin` does not exist"),
        "{}",
        r.stderr
    );
    // --no-push commits the branch locally, even without an identity configured.
    let r = site.run(&["deploy", "--no-push", "--branch", "site"]);
    assert!(r.ok(), "{}", r.stderr);
    assert!(git(site.root(), &["ls-tree", "--name-only", "site"]).contains("index.html"));
}

#[test]
fn deploy_refuses_branches_it_must_not_touch() {
    let site = committed_site();
    let root = site.root();
    let refs = || git(root, &["for-each-ref", "--format=%(refname) %(objectname)"]);
    let (before, status) = (refs(), git(root, &["status", "--porcelain"]));
    let refused = |args: &[&str], expected: &str| {
        let mut all = vec!["deploy", "--no-push"];
        all.extend_from_slice(args);
        let r = site.run(&all);
        assert_eq!(r.status, Some(1), "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(expected), "{args:?}: {}", r.stderr);
        assert_eq!(refs(), before, "{args:?} changed a ref");
        assert_eq!(git(root, &["status", "--porcelain"]), status);
    };
    // Checked out here: it made HEAD point at the built site.
    refused(&["--branch", "main"], "the branch `main` is checked out in");
    // Names git would not take as a branch, which made refs/heads/HEAD and
    // refs/heads/refs/heads/x.
    for bad in ["HEAD", "refs/heads/x", "a..b", "-x", "x y"] {
        refused(
            &[&format!("--branch={bad}")],
            "is not a branch name git accepts",
        );
    }
    // Checked out in another worktree.
    git(root, &["branch", "pages-wt"]);
    let other = tempfile::tempdir().unwrap();
    let wt = other.path().join("wt");
    git(
        root,
        &["worktree", "add", "-q", wt.to_str().unwrap(), "pages-wt"],
    );
    let (before, status) = (refs(), git(root, &["status", "--porcelain"]));
    let r = site.run(&["deploy", "--no-push", "--branch", "pages-wt"]);
    assert_eq!(r.status, Some(1), "{}", r.stderr);
    assert!(r.stderr.contains("is checked out in"), "{}", r.stderr);
    assert_eq!(refs(), before);
    assert_eq!(git(root, &["status", "--porcelain"]), status);
    // Not checked out, but holding the sources.
    git(root, &["branch", "sources-copy"]);
    let before = refs();
    let r = site.run(&["deploy", "--no-push", "--branch", "sources-copy"]);
    assert_eq!(r.status, Some(1), "{}", r.stderr);
    assert!(
        r.stderr.contains("holds your site's sources"),
        "{}",
        r.stderr
    );
    assert_eq!(refs(), before);
    // The default branch still deploys.
    assert!(site.run(&["deploy", "--no-push"]).ok());
}
