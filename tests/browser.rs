//! A real browser (Debian's headless Chromium, driven over the DevTools protocol) shows an open
//! page updating by itself after an edit, keeping its scroll position, and showing build errors.

mod common;

use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{Server, Site, fixture, http_get};
use serde_json::{Value, json};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

/// Headless Chromium with one page open, killed when dropped.
struct Browser {
    child: Child,
    _profile: tempfile::TempDir,
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
}

impl Browser {
    fn open(url: &str) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let child = Command::new(chromium())
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-port=0",
                "--window-size=800,500",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(url)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromium");
        let port = devtools_port(profile.path());
        let ws_url = wait_for(Duration::from_secs(20), || {
            let list: Value = serde_json::from_str(&http_get(port, "/json/list").body).ok()?;
            list.as_array()?
                .iter()
                .find(|t| t["type"] == "page")
                .and_then(|t| t["webSocketDebuggerUrl"].as_str().map(String::from))
        })
        .expect("chromium lists its page");
        let (socket, _) = tungstenite::connect(ws_url.as_str()).expect("connect to the page");
        Browser {
            child,
            _profile: profile,
            socket,
            next_id: 0,
        }
    }

    /// Evaluates JavaScript in the page and returns its value.
    fn eval(&mut self, expression: &str) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let msg = json!({"id": id, "method": "Runtime.evaluate", "params": {"expression": expression, "returnByValue": true}});
        self.socket
            .send(Message::Text(msg.to_string().into()))
            .unwrap();
        loop {
            let Message::Text(text) = self.socket.read().expect("devtools answers") else {
                continue;
            };
            let reply: Value = serde_json::from_str(&text).unwrap();
            if reply["id"] == id {
                return reply["result"]["result"]["value"].clone();
            }
        }
    }

    /// Waits until `expression` is true in the page.
    fn wait_true(&mut self, expression: &str, what: &str) {
        let ok = wait_for(Duration::from_secs(15), || {
            (self.eval(expression) == Value::Bool(true)).then_some(())
        });
        assert!(ok.is_some(), "the browser never showed: {what}");
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn chromium() -> &'static str {
    for c in [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ] {
        if Path::new(c).exists() {
            return c;
        }
    }
    panic!("Chromium is not installed: run `bash tests/setup.sh`");
}

fn devtools_port(profile: &Path) -> u16 {
    let file = profile.join("DevToolsActivePort");
    wait_for(Duration::from_secs(20), || {
        std::fs::read_to_string(&file)
            .ok()?
            .lines()
            .next()?
            .parse()
            .ok()
    })
    .expect("chromium opened its DevTools port")
}

fn wait_for<T>(limit: Duration, mut f: impl FnMut() -> Option<T>) -> Option<T> {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(v) = f() {
            return Some(v);
        }
        if Instant::now() > deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn an_open_page_reloads_by_itself_keeping_its_place() {
    let site = Site::copy_of(&fixture("full"));
    let server = Server::start(site.root(), &[]);
    let mut page = Browser::open(&format!("http://127.0.0.1:{}/lab/cv/", server.port));
    page.wait_true(
        "document.readyState === 'complete' && !!document.querySelector('h1')",
        "the CV page",
    );
    page.wait_true(
        "document.body.innerText.includes('Young Researcher Award')",
        "the award",
    );

    // Scroll down and mark this page, so a real reload is told from an in-place change.
    page.eval("window.scrollTo(0, 400); window.__before_edit = true;");
    page.wait_true("Math.abs(window.scrollY - 400) < 2", "the scrolled page");

    site.edit(
        "content/awards.yaml",
        "Young Researcher Award",
        "Award Seen In A Browser",
    );
    page.wait_true(
        "window.__before_edit === undefined && document.body.innerText.includes('Award Seen In A Browser')",
        "the edit, after a reload",
    );
    page.wait_true(
        "Math.abs(window.scrollY - 400) < 2",
        "the same scroll position after the reload",
    );

    // A broken file: the overlay names the file and line; the last good page stays behind it.
    site.edit("content/awards.yaml", "title:", "titl:");
    page.wait_true(
        "(document.getElementById('cvsite-error-overlay')?.innerText || '').includes('content/awards.yaml:1:3')",
        "the error overlay",
    );
    assert_eq!(
        page.eval("document.body.innerText.includes('Award Seen In A Browser')"),
        Value::Bool(true)
    );

    // Fixed: the overlay goes and the page is current.
    site.edit("content/awards.yaml", "titl:", "title:");
    page.wait_true(
        "!document.getElementById('cvsite-error-overlay')",
        "the overlay gone",
    );
    page.wait_true(
        "document.body.innerText.includes('Award Seen In A Browser')",
        "the page after the fix",
    );

    // A broken link builds, with a warning panel naming where it is written; fixed, it goes.
    site.edit(
        "content/bio.md",
        "proofs where",
        "proofs ([details](/nowhere/)) where",
    );
    page.wait_true(
        "(document.getElementById('cvsite-warnings')?.innerText || '').includes('content/bio.md:1:')
         && document.getElementById('cvsite-warnings').innerText.includes('broken link /lab/nowhere/')",
        "the warning panel",
    );
    site.edit(
        "content/bio.md",
        "proofs ([details](/nowhere/)) where",
        "proofs where",
    );
    page.wait_true(
        "!document.getElementById('cvsite-warnings')",
        "the panel gone",
    );
}

#[test]
fn an_open_page_reconnects_after_a_server_restart() {
    let site = Site::copy_of(&fixture("full"));
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = Server::start_on(site.root(), port, &[]);
    let mut page = Browser::open(&format!("http://127.0.0.1:{port}/lab/"));
    page.wait_true(
        "document.readyState === 'complete' && !!document.querySelector('h1')",
        "the home page",
    );
    page.eval("window.__before_restart = true;");
    assert_eq!(server.interrupt(), Some(0));
    // Edited while no server runs; the page learns of it when the new server is up.
    site.edit(
        "content/profile.yaml",
        "Assistant Professor",
        "Associate Professor",
    );
    let _again = Server::start_on(site.root(), port, &[]);
    page.wait_true(
        "window.__before_restart === undefined && document.body.innerText.includes('Associate Professor')",
        "the page reloaded from the restarted server",
    );
}

#[test]
fn publication_filters_and_copy_button_work_in_place() {
    let site = Site::copy_of(&fixture("bibtex"));
    let server = Server::start(site.root(), &[]);
    let mut page = Browser::open(&format!("http://127.0.0.1:{}/publications/", server.port));
    page.wait_true(
        "document.readyState === 'complete' && document.querySelectorAll('li.pub').length === 7",
        "the list",
    );
    page.eval("window.__same_page = true; document.querySelector('a[data-filter=\"type:journal\"]').click();");
    page.wait_true(
        "window.__same_page === true && [...document.querySelectorAll('li.pub')].filter(li => !li.hidden).map(li => li.id).join() === 'pub-example2021types'",
        "only the journal article, filtered in place",
    );
    assert_eq!(
        page.eval("location.hash"),
        Value::String("#type:journal".into())
    );
    assert_eq!(
        page.eval(
            "document.querySelector('a[data-filter=\"type:journal\"]').getAttribute('aria-current')"
        ),
        Value::String("page".into())
    );
    page.eval("document.querySelector('a[data-filter=\"\"]').click();");
    page.wait_true(
        "[...document.querySelectorAll('li.pub')].every(li => !li.hidden)",
        "all publications again",
    );

    let mut paper = Browser::open(&format!(
        "http://127.0.0.1:{}/publications/example2023proofs/",
        server.port
    ));
    paper.wait_true("document.readyState === 'complete'", "the paper page");
    paper.wait_true(
        "!document.querySelector('button[data-copy]').hidden",
        "the copy button, shown by the script",
    );
}
