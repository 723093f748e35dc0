//! `cvsite deploy`: commit the built site to a branch (`gh-pages`) and push it, with git's
//! plumbing and a private index, so the user's working tree, index and current branch are never
//! touched.

use std::path::{Path, PathBuf};
use std::process::Command;

use miette::{IntoDiagnostic, Result, WrapErr, bail, miette};

use crate::output::MARKER;
use crate::site::{self, BuildOptions};

/// What `cvsite deploy` was asked to do.
#[derive(Debug, Clone)]
pub struct DeployOptions {
    /// How to build the site.
    pub build: BuildOptions,
    /// The branch to commit to.
    pub branch: String,
    /// The remote to push to; `None` commits only.
    pub remote: Option<String>,
    /// The commit message.
    pub message: Option<String>,
}

/// What a deploy did.
#[derive(Debug)]
pub struct Deployed {
    /// The new commit.
    pub commit: String,
    /// Files in it.
    pub files: usize,
    /// Whether it was pushed.
    pub pushed: bool,
}

fn git(repo: &Path, args: &[&str], envs: &[(&str, &Path)]) -> Result<String> {
    let mut cmd = Command::new("git");
    cmd.arg("-C").arg(repo).args(args);
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out = cmd
        .output()
        .into_diagnostic()
        .wrap_err("cannot run git: is it installed?")?;
    if !out.status.success() {
        bail!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Refuses a branch the site must not be committed to: a name git would not take as a branch
/// (`HEAD`, `refs/heads/x`, which made `refs/heads/HEAD` and `refs/heads/refs/heads/x`), a branch
/// checked out in a worktree (its files would change under the user), or one that holds the
/// site's sources (`--branch main` replaced them with the built site).
fn check_branch(repo: &Path, root: &Path, branch: &str) -> Result<()> {
    let valid = !branch.is_empty()
        && branch != "HEAD"
        && !branch.starts_with('-')
        && !branch.starts_with("refs/")
        && git(
            repo,
            &["check-ref-format", &format!("refs/heads/{branch}")],
            &[],
        )
        .is_ok();
    if !valid {
        bail!(
            help = "give the branch's short name, as `git branch` lists it: `--branch gh-pages`",
            "`{branch}` is not a branch name git accepts"
        );
    }
    let branch_ref = format!("refs/heads/{branch}");
    let worktrees = git(repo, &["worktree", "list", "--porcelain"], &[]).unwrap_or_default();
    let mut path = "";
    for line in worktrees.lines() {
        if let Some(p) = line.strip_prefix("worktree ") {
            path = p;
        }
        if line.strip_prefix("branch ") == Some(branch_ref.as_str()) {
            bail!(
                help = "deploy to a branch you do not work on (the default is gh-pages), or check out another branch first",
                "the branch `{branch}` is checked out in {path}: deploying to it would change the files there"
            );
        }
    }
    // The site may be a folder of the repository.
    let prefix = git(root, &["rev-parse", "--show-prefix"], &[]).unwrap_or_default();
    let sources = format!("{branch_ref}:{prefix}{}", crate::config::CONFIG_FILE);
    if git(repo, &["cat-file", "-e", &sources], &[]).is_ok() {
        bail!(
            help = "deploy to a branch of its own (the default is gh-pages)",
            "the branch `{branch}` holds your site's sources ({}): deploying would replace them with the built site",
            crate::config::CONFIG_FILE
        );
    }
    Ok(())
}

/// Builds the site and commits it to `opts.branch` (and pushes it).
pub fn deploy(opts: &DeployOptions) -> Result<Deployed> {
    let repo = PathBuf::from(
        git(&opts.build.root, &["rev-parse", "--show-toplevel"], &[])
            .map_err(|_| miette!(help = "run `git init` first, or use the GitHub Actions workflow that `cvsite init` writes", "{} is not in a git repository", opts.build.root.display()))?,
    );
    check_branch(&repo, &opts.build.root, &opts.branch)?;
    if let Some(remote) = &opts.remote {
        git(&repo, &["remote", "get-url", remote], &[]).map_err(|_| {
            miette!(
                help = "add it with `git remote add origin <url>`, or pass --remote NAME",
                "the git remote `{remote}` does not exist"
            )
        })?;
    }
    let work = tempfile::Builder::new()
        .prefix("cvsite-deploy")
        .tempdir()
        .into_diagnostic()?;
    let site_dir = work.path().join("site");
    let rendered = site::render(&opts.build)?;
    let files = rendered.files.len();
    site::write(rendered, &site_dir)?;
    std::fs::remove_file(site_dir.join(MARKER)).into_diagnostic()?;

    // A private index: the user's own index and working tree stay as they are.
    let index = work.path().join("index");
    let env = [
        ("GIT_INDEX_FILE", index.as_path()),
        ("GIT_WORK_TREE", site_dir.as_path()),
    ];
    git(&repo, &["add", "--all", "--force", "."], &env)?;
    let tree = git(&repo, &["write-tree"], &env)?;
    let branch_ref = format!("refs/heads/{}", opts.branch);
    let parent = git(
        &repo,
        &["rev-parse", "--verify", "--quiet", &branch_ref],
        &[],
    )
    .ok()
    .filter(|p| !p.is_empty());
    let message = opts.message.clone().unwrap_or_else(|| {
        let source = git(&repo, &["rev-parse", "--short", "HEAD"], &[])
            .unwrap_or_else(|_| "uncommitted sources".into());
        format!("Deploy the site built by cvsite from {source}")
    });
    let mut args = vec!["commit-tree", tree.as_str(), "-m", message.as_str()];
    if let Some(p) = &parent {
        args.extend(["-p", p.as_str()]);
    }
    // commit-tree needs an identity; a machine without one still deploys.
    let mut cmd = Command::new("git");
    cmd.arg("-C").arg(&repo).args(&args);
    if git(&repo, &["config", "user.name"], &[]).is_err() {
        cmd.env("GIT_AUTHOR_NAME", "cvsite")
            .env("GIT_COMMITTER_NAME", "cvsite");
    }
    if git(&repo, &["config", "user.email"], &[]).is_err() {
        cmd.env("GIT_AUTHOR_EMAIL", "cvsite@localhost")
            .env("GIT_COMMITTER_EMAIL", "cvsite@localhost");
    }
    let out = cmd.output().into_diagnostic()?;
    if !out.status.success() {
        bail!(
            "git commit-tree failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    let commit = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let mut update = vec!["update-ref", branch_ref.as_str(), commit.as_str()];
    if let Some(p) = &parent {
        update.push(p.as_str());
    }
    git(&repo, &update, &[])?;
    let pushed = match &opts.remote {
        Some(remote) => {
            let spec = format!("{branch_ref}:{branch_ref}");
            git(&repo, &["push", remote, &spec], &[]).wrap_err_with(|| {
                format!(
                    "the site is committed to `{}`, but pushing it to `{remote}` failed",
                    opts.branch
                )
            })?;
            true
        }
        None => false,
    };
    Ok(Deployed {
        commit,
        files,
        pushed,
    })
}
