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

    /// Staging or swap folders a build left in the site folder (there should be none).
    pub fn staging_leftovers(&self) -> Vec<String> {
        fs::read_dir(self.root())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("cvsite-"))
            .collect()
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

/// The `full` fixture with its Chinese translation (`tests/fixtures/translation-zh`) laid
/// over it: a site in two languages.
pub fn bilingual() -> Site {
    let site = Site::copy_of(&fixture("full"));
    let zh = fixture("translation-zh");
    for entry in walkdir::WalkDir::new(zh.join("content")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(&zh).unwrap().to_string_lossy();
            site.write(&rel, std::fs::read(entry.path()).unwrap());
        }
    }
    let config = site.read("cvsite.yaml");
    let more = std::fs::read_to_string(zh.join("cvsite.yaml")).unwrap();
    site.write("cvsite.yaml", format!("{config}\n{more}"));
    site
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
    // Scripts and styles are not text a reader sees.
    let mut html = html.to_string();
    for tag in ["script", "style"] {
        while let Some(start) = html.find(&format!("<{tag}")) {
            let Some(end) = html[start..].find(&format!("</{tag}>")) else {
                break;
            };
            html.replace_range(start..start + end + tag.len() + 3, " ");
        }
    }
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

/// A running `cvsite serve`, stopped when dropped.
pub struct Server {
    child: std::process::Child,
    /// The port it listens on.
    pub port: u16,
    /// Everything it printed on stdout so far.
    pub stdout: std::sync::Arc<std::sync::Mutex<String>>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    /// Starts `cvsite serve --port 0 ARGS` in `dir` and waits for the address it prints.
    pub fn start(dir: &Path, args: &[&str]) -> Server {
        Server::start_on(dir, 0, args)
    }

    /// Starts `cvsite serve --port PORT ARGS` in `dir` and waits for the address it prints and
    /// for its first build.
    pub fn start_on(dir: &Path, port: u16, args: &[&str]) -> Server {
        let server = Server::spawn(dir, port, args);
        wait_for_first_build(server.port);
        server
    }

    /// Starts `cvsite serve --port PORT ARGS` in `dir` and waits for the address it prints only.
    pub fn spawn(dir: &Path, port: u16, args: &[&str]) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_cvsite"));
        command
            .args(["serve", "--port", &port.to_string()])
            .args(args);
        Server::spawn_command(dir, command)
    }

    /// Starts `cvsite serve --port 0 ARGS` in `dir` with at most `files` open files (`ulimit
    /// -n`), and waits for its first build.
    pub fn start_with_file_limit(dir: &Path, files: u32, args: &[&str]) -> Server {
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg(format!(
                "ulimit -n {files} && exec \"$0\" serve --port 0 \"$@\""
            ))
            .arg(env!("CARGO_BIN_EXE_cvsite"))
            .args(args);
        let server = Server::spawn_command(dir, command);
        wait_for_first_build(server.port);
        server
    }

    /// Starts `cvsite serve --port 0 ARGS` in `dir` with `env` set, and waits for its first
    /// build.
    pub fn start_with_env(dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_cvsite"));
        command
            .args(["serve", "--port", "0"])
            .args(args)
            .envs(env.iter().copied());
        let server = Server::spawn_command(dir, command);
        wait_for_first_build(server.port);
        server
    }

    fn spawn_command(dir: &Path, mut command: Command) -> Server {
        use std::io::BufRead;
        let mut child = command
            .current_dir(dir)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::inherit())
            .spawn()
            .expect("start cvsite serve");
        let stdout = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let lines = std::io::BufReader::new(child.stdout.take().unwrap());
        let log = stdout.clone();
        let reader = std::thread::spawn(move || {
            for line in lines.lines().map_while(Result::ok) {
                log.lock().unwrap().push_str(&format!("{line}\n"));
                if let Some(at) = line.find("http://127.0.0.1:") {
                    let rest = &line[at + "http://127.0.0.1:".len()..];
                    let port: String = rest.chars().take_while(char::is_ascii_digit).collect();
                    let _ = tx.send(port.parse::<u16>().unwrap());
                }
            }
        });
        let port = rx
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("serve printed its address");
        Server {
            child,
            port,
            stdout,
            reader: Some(reader),
        }
    }

    /// `GET path`.
    pub fn get(&self, path: &str) -> Response {
        self.request(&format!(
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
            self.port
        ))
    }

    /// Sends a raw request and reads the whole response.
    pub fn request(&self, raw: &str) -> Response {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .unwrap();
        s.write_all(raw.as_bytes()).unwrap();
        let mut bytes = Vec::new();
        let _ = s.read_to_end(&mut bytes);
        Response::parse(&bytes)
    }

    /// Opens the live-reload event stream, optionally as a page of `origin` would.
    pub fn events(&self, origin: Option<&str>) -> Events {
        Events::open_as(self.port, origin)
    }

    /// Sends SIGINT (Ctrl-C) and waits for the exit status.
    pub fn interrupt(&mut self) -> Option<i32> {
        let pid = self.child.id().to_string();
        Command::new("kill").args(["-INT", &pid]).status().unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Everything it printed has been read once its stdout closes.
                if let Some(reader) = self.reader.take() {
                    reader.join().unwrap();
                }
                return status.code();
            }
            assert!(
                std::time::Instant::now() < deadline,
                "serve did not stop on Ctrl-C"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP response.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// The body's bytes, as sent (a PDF).
    pub bytes: Vec<u8>,
}

impl Response {
    fn parse(bytes: &[u8]) -> Response {
        let text = String::from_utf8_lossy(bytes);
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        let raw = bytes
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .map_or(Vec::new(), |at| bytes[at + 4..].to_vec());
        Response {
            status,
            headers,
            body: body.to_string(),
            bytes: raw,
        }
    }

    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A live-reload event stream.
pub struct Events {
    reader: std::io::BufReader<std::net::TcpStream>,
}

impl Events {
    /// Opens the live-reload event stream of the preview on `port`.
    pub fn open(port: u16) -> Events {
        Events::open_as(port, None)
    }

    /// Opens it as a page of `origin` would.
    pub fn open_as(port: u16, origin: Option<&str>) -> Events {
        use std::io::Write;
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        let origin = origin
            .map(|o| format!("Origin: {o}\r\n"))
            .unwrap_or_default();
        write!(
            s,
            "GET /__cvsite/livereload HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n{origin}\r\n"
        )
        .unwrap();
        Events {
            reader: std::io::BufReader::new(s),
        }
    }

    /// The response's status line and headers.
    pub fn status(&mut self) -> u16 {
        use std::io::BufRead;
        let mut line = String::new();
        self.reader.read_line(&mut line).unwrap();
        let status = line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        loop {
            line.clear();
            if self.reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                return status;
            }
        }
    }

    /// The next event (name, data) within `timeout`, skipping keep-alive comments.
    pub fn next(&mut self, timeout: std::time::Duration) -> Option<(String, String)> {
        use std::io::BufRead;
        let deadline = std::time::Instant::now() + timeout;
        let (mut event, mut data) = (String::new(), String::new());
        loop {
            let left = deadline.checked_duration_since(std::time::Instant::now())?;
            self.reader
                .get_ref()
                .set_read_timeout(Some(left.max(std::time::Duration::from_millis(1))))
                .unwrap();
            let mut line = String::new();
            match self.reader.read_line(&mut line) {
                Ok(0) | Err(_) => return None,
                Ok(_) => {}
            }
            // Chunked transfer: size lines are hex digits alone; skip them.
            let l = line.trim_end_matches(['\r', '\n']);
            if let Some(v) = l.strip_prefix("event: ") {
                event = v.to_string();
            } else if let Some(v) = l.strip_prefix("data: ") {
                data = v.to_string();
            } else if l.is_empty() && !event.is_empty() {
                return Some((event, data));
            }
        }
    }

    /// Waits for an event named `name`, failing after `timeout`.
    pub fn expect(&mut self, name: &str, timeout: std::time::Duration) -> String {
        let deadline = std::time::Instant::now() + timeout;
        loop {
            let left = deadline
                .checked_duration_since(std::time::Instant::now())
                .unwrap_or_default();
            match self.next(left) {
                Some((e, data)) if e == name => return data,
                Some(_) => continue,
                None => panic!("no `{name}` event within {timeout:?}"),
            }
        }
    }
}

/// Waits while the preview on `port` answers with its "building" page: the first build runs
/// while the server already answers. Returns at once if nothing answers on loopback.
fn wait_for_first_build(port: u16) {
    use std::io::{Read, Write};
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while std::time::Instant::now() < deadline {
        let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
            return;
        };
        let request =
            format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
        let mut page = String::new();
        if s.write_all(request.as_bytes()).is_err() || s.read_to_string(&mut page).is_err() {
            return;
        }
        if !page.contains("<title>cvsite: building</title>") {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("the first build did not end within a minute");
}

/// `GET path` on a local port.
pub fn http_get(port: u16, path: &str) -> Response {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut bytes = Vec::new();
    let _ = s.read_to_end(&mut bytes);
    Response::parse(&bytes)
}

/// What a poppler tool (`pdftotext`, `pdffonts`, `pdfinfo`) prints about `pdf`; panics when the
/// tool fails, so that an empty answer is never taken for a clean one.
pub fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let mut cmd = std::process::Command::new(tool);
    cmd.args(args).arg(pdf);
    if tool == "pdftotext" {
        // To standard output (the others print there and take no output file).
        cmd.arg("-");
    }
    let out = cmd
        .output()
        .unwrap_or_else(|_| panic!("{tool} is not installed: run `bash tests/setup.sh`"));
    assert!(
        out.status.success(),
        "{tool} {args:?} {} failed: {}",
        pdf.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
