//! `cvsite serve`: the real binary on an ephemeral port, real HTTP on a real socket.

mod common;

use std::time::Duration;

use common::{Server, Site, fixture, text_of};

const WAIT: Duration = Duration::from_secs(10);

fn serve_fixture() -> (Site, Server) {
    let site = Site::copy_of(&fixture("full"));
    let server = Server::start(site.root(), &[]);
    (site, server)
}

/// Serves the fixture, with an event stream past its `hello`.
fn serve_and_listen() -> (Site, Server, common::Events) {
    let (site, server) = serve_fixture();
    let mut events = server.events(None);
    events.expect("hello", WAIT);
    (site, server, events)
}

#[test]
fn serves_pages_with_the_right_headers() {
    let (site, server) = serve_fixture();
    // The fixture's base path (/lab/) is kept, so links work as they will online.
    let root = server.get("/");
    assert_eq!((root.status, root.header("location")), (301, Some("/lab/")));
    let home = server.get("/lab/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(home.header("cache-control"), Some("no-cache"));
    assert!(home.body.contains("<h1 id=\"name\">Ada Example</h1>"));
    assert!(home.body.contains("href=\"/lab/css/style.css\""));
    assert!(
        home.body.contains("new EventSource"),
        "live reload script injected"
    );
    assert!(
        home.body
            .contains(&format!("href=\"http://127.0.0.1:{}/lab/\"", server.port)),
        "canonical URL is local"
    );
    let cv = server.get("/lab/cv");
    assert_eq!((cv.status, cv.header("location")), (301, Some("/lab/cv/")));
    assert!(
        server
            .get("/lab/cv/")
            .body
            .contains("Young Researcher Award")
    );
    let css = server.get("/lab/css/style.css");
    assert_eq!(
        (css.status, css.header("content-type")),
        (200, Some("text/css; charset=utf-8"))
    );
    assert!(
        !css.body.contains("EventSource"),
        "only HTML gets the script"
    );
    assert_eq!(
        server.get("/lab/images/ada.svg").header("content-type"),
        Some("image/svg+xml")
    );
    assert_eq!(
        server.get("/lab/papers/proofs.pdf").header("content-type"),
        Some("application/pdf")
    );
    let missing = server.get("/lab/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("Page not found"),
        "the site's own 404 page"
    );
    let head = server.request(&format!(
        "HEAD /lab/cv/ HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
        server.port
    ));
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        head.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let post = server.request(&format!("POST /lab/ HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", server.port));
    assert_eq!(post.status, 405);
    // The preview lives in memory: the user's public/ is not touched.
    assert!(!site.path("public").exists());
}

#[test]
fn edits_rebuild_and_reload() {
    let (site, server) = serve_fixture();
    let mut events = server.events(None);
    assert_eq!(events.status(), 200);
    events.expect("hello", WAIT);
    site.edit(
        "content/awards.yaml",
        "Young Researcher Award",
        "Young Researcher Medal",
    );
    events.expect("reload", WAIT);
    assert!(
        server
            .get("/lab/cv/")
            .body
            .contains("Young Researcher Medal")
    );
    // cvsite.yaml and templates are watched too.
    site.edit("cvsite.yaml", "title: Ada Example", "title: Ada's Lab");
    events.expect("reload", WAIT);
    assert!(
        server
            .get("/lab/")
            .body
            .contains("<title>Ada&#39;s Lab</title>")
            || server
                .get("/lab/")
                .body
                .contains("<title>Ada&#x27;s Lab</title>")
    );
    site.write("templates/page.html", "{% extends \"base.html\" %}{% block content %}<p id=\"mine\">{{ doc.title }}</p>{% endblock content %}");
    events.expect("reload", WAIT);
    assert!(
        server
            .get("/lab/about/")
            .body
            .contains("<p id=\"mine\">About the lab</p>")
    );
    site.write("static/css/extra.css", "p { color: red }");
    events.expect("reload", WAIT);
    assert_eq!(server.get("/lab/css/extra.css").status, 200);
}

#[test]
fn a_file_still_being_written_is_not_built_half_written() {
    // A large file saved in pieces, with pauses longer than the debounce between them (as a
    // slow disk or a sync tool does): only the whole file is built.
    use std::io::Write;
    let (site, server, mut events) = serve_and_listen();
    let entry = |i: usize| {
        format!("@misc{{big{i}, title = {{Paper {i}}}, author = {{Ada Example}}, year = 2020}}\n")
    };
    let mut file = std::fs::File::create(site.path("content/publications.bib")).unwrap();
    file.write_all(b"@misc{big0, title = {Paper 0}, ").unwrap();
    file.flush().unwrap();
    std::thread::sleep(Duration::from_millis(150));
    file.write_all(b"author = {Ada Example}, year = 2020}\n")
        .unwrap();
    for i in 1..200 {
        file.write_all(entry(i).as_bytes()).unwrap();
    }
    file.flush().unwrap();
    std::thread::sleep(Duration::from_millis(150));
    file.write_all(entry(200).as_bytes()).unwrap();
    drop(file);
    // The first event after the save is the reload of the whole file, not an error.
    loop {
        match events.next(WAIT) {
            Some((e, _)) if e == "reload" => break,
            Some((e, data)) if e == "errors" => panic!("built half-written: {data}"),
            Some(_) => continue,
            None => panic!("no reload"),
        }
    }
    assert!(server.get("/lab/publications/big200/").status == 200);
}

/// The text of the PDF the preview serves at `path`, once it is served.
#[cfg(feature = "pdf")]
fn served_pdf_text(server: &Server, path: &str) -> String {
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let r = server.get(path);
        if r.status == 200 {
            let file = tempfile::NamedTempFile::new().unwrap();
            std::fs::write(file.path(), &r.bytes).unwrap();
            return common::poppler("pdftotext", &["-enc", "UTF-8"], file.path());
        }
        assert!(std::time::Instant::now() < deadline, "{path} never served");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[cfg(feature = "pdf")]
#[test]
fn the_pdf_follows_the_pages_without_holding_them_up() {
    let (site, server, mut events) = serve_and_listen();
    assert!(served_pdf_text(&server, "/lab/cv.pdf").contains("Young Researcher Award"));
    site.edit(
        "content/awards.yaml",
        "Young Researcher Award",
        "Young Researcher Medal",
    );
    events.expect("reload", WAIT);
    // The pages are new at once; the PDF is the last one until the new one is typeset.
    assert!(
        server
            .get("/lab/cv/")
            .body
            .contains("Young Researcher Medal")
    );
    let deadline = std::time::Instant::now() + WAIT;
    while !served_pdf_text(&server, "/lab/cv.pdf").contains("Young Researcher Medal") {
        assert!(
            std::time::Instant::now() < deadline,
            "the PDF never caught up"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // A Typst error in the PDF's template is shown like any other.
    site.write("templates/cv.typ", "#let x = (\n");
    let errors = events.expect("errors", WAIT);
    assert!(errors.contains("templates/cv.typ"), "{errors}");
}

#[test]
fn a_broken_file_keeps_the_last_good_site_and_shows_the_error() {
    let (site, server, mut events) = serve_and_listen();
    site.edit("content/awards.yaml", "title:", "titl:");
    let errors = events.expect("errors", WAIT);
    let errors: serde_json::Value = serde_json::from_str(&errors).unwrap();
    assert_eq!(errors[0]["file"], "content/awards.yaml");
    assert_eq!(errors[0]["line"], 1);
    assert_eq!(errors[0]["column"], 3);
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap()
            .contains("unknown field `titl`")
    );
    assert_eq!(errors[0]["help"], "did you mean `title`?");
    // The last good page is still served, carrying the error for the overlay.
    let page = server.get("/lab/cv/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Young Researcher Award"));
    assert!(
        page.body.contains("unknown field `titl`"),
        "error shown to the page"
    );
    // A reconnecting page learns of the error at once.
    let mut late = server.events(None);
    assert!(late.expect("hello", WAIT).contains("unknown field `titl`"));
    site.edit("content/awards.yaml", "titl:", "title:");
    events.expect("reload", WAIT);
    let fixed = server.get("/lab/cv/");
    assert!(fixed.body.contains("\"errors\":null"), "error cleared");
}

#[test]
fn a_relative_root_rebuilds_on_save() {
    // `serve --root site` from the folder above: the watcher's absolute paths were never
    // matched to the relative root, so no save was ever built.
    let site = Site::copy_of(&fixture("full"));
    let parent = site.root().parent().unwrap();
    let name = site.root().file_name().unwrap().to_str().unwrap();
    let server = Server::start(parent, &["--root", name, "--no-pdf"]);
    let mut events = server.events(None);
    events.expect("hello", WAIT);
    assert!(!server.get("/lab/cv/").body.contains("Relative Root Award"));
    site.edit(
        "content/awards.yaml",
        "Young Researcher Award",
        "Relative Root Award",
    );
    events.expect("reload", WAIT);
    assert!(server.get("/lab/cv/").body.contains("Relative Root Award"));
}

#[test]
fn a_bibtex_reference_cycle_is_an_error_and_the_server_lives_on() {
    // It overflowed the stack in the parser: the process died.
    let (site, server, mut events) = serve_and_listen();
    site.write(
        "content/publications.bib",
        "@string{aa = bb}\n@string{bb = aa}\n@misc{x, title = aa, author = {Ada Example}}\n",
    );
    let errors = events.expect("errors", WAIT);
    assert!(errors.contains("defined through itself"), "{errors}");
    assert_eq!(server.get("/lab/cv/").status, 200);
    site.write(
        "content/publications.bib",
        "@misc{x, title = {Cycles Gone}, author = {Ada Example}, crossref = {x}}\n",
    );
    let errors = events.expect("errors", WAIT);
    assert!(errors.contains("refers to itself"), "{errors}");
    site.write(
        "content/publications.bib",
        "@misc{x, title = {Cycles Gone}, author = {Ada Example}}\n",
    );
    events.expect("reload", WAIT);
    assert!(
        server
            .get("/lab/publications/")
            .body
            .contains("Cycles Gone")
    );
}

#[test]
fn deleted_recreated_and_atomically_saved_files() {
    let (site, server, mut events) = serve_and_listen();
    let awards = site.read("content/awards.yaml");
    std::fs::remove_file(site.path("content/awards.yaml")).unwrap();
    events.expect("reload", WAIT);
    assert!(
        !server
            .get("/lab/cv/")
            .body
            .contains("Young Researcher Award")
    );
    site.write("content/awards.yaml", &awards);
    events.expect("reload", WAIT);
    assert!(
        server
            .get("/lab/cv/")
            .body
            .contains("Young Researcher Award")
    );
    // An editor's atomic save: write a temporary file, rename it over the original.
    site.write(
        "content/.awards.yaml.tmp-1234",
        awards.replace("Young Researcher Award", "Atomic Award"),
    );
    std::fs::rename(
        site.path("content/.awards.yaml.tmp-1234"),
        site.path("content/awards.yaml"),
    )
    .unwrap();
    events.expect("reload", WAIT);
    assert!(server.get("/lab/cv/").body.contains("Atomic Award"));
    // A new page appears.
    site.write(
        "content/pages/new.md",
        "---\ntitle: Brand new\n---\nHello.\n",
    );
    events.expect("reload", WAIT);
    assert_eq!(server.get("/lab/new/").status, 200);
}

#[test]
fn editor_swap_and_backup_files_are_ignored() {
    let (site, _server, mut events) = serve_and_listen();
    site.write("content/.awards.yaml.swp", "swap");
    site.write("content/awards.yaml~", "backup");
    site.write("content/4913", "");
    site.write("public-notes.txt", "not a source");
    assert_eq!(
        events.next(Duration::from_millis(800)),
        None,
        "no rebuild for junk files"
    );
}

#[test]
fn odd_paths_are_refused_and_nothing_outside_is_read() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, "TOPSECRET-CONTENT").unwrap();
    let site = Site::copy_of(&fixture("full"));
    std::os::unix::fs::symlink(&secret, site.path("static/leak.txt")).unwrap();
    std::os::unix::fs::symlink(outside.path(), site.path("static/leakdir")).unwrap();
    let server = Server::start(site.root(), &[]);
    let abs = secret.display().to_string();
    let attempts = [
        "/lab/leak.txt".to_string(),
        "/lab/leakdir/secret.txt".to_string(),
        "/lab/../../../../etc/passwd".to_string(),
        "/lab/%2e%2e/%2e%2e/%2e%2e/etc/passwd".to_string(),
        "/lab/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd".to_string(),
        "/lab/..%2f..%2f..%2fetc%2fpasswd".to_string(),
        "/lab/..\\..\\..\\etc\\passwd".to_string(),
        "/lab/%5c..%5c..%5cetc%5cpasswd".to_string(),
        "//etc/passwd".to_string(),
        "/lab//etc/passwd".to_string(),
        format!("/lab/{abs}"),
        format!("/lab/..{abs}"),
        format!("/lab/{}", abs.replace('/', "%2f")),
        "/lab/index.html%00.txt".to_string(),
        "/lab/%00".to_string(),
        "/lab/%ff%fe".to_string(),
        "/lab/./index.html".to_string(),
    ];
    for path in &attempts {
        let r = server.get(path);
        assert!(matches!(r.status, 400 | 404), "{path}: {}", r.status);
        assert!(
            !r.body.contains("TOPSECRET") && !r.body.contains("root:x:0"),
            "{path} leaked"
        );
    }
    // Absolute-form request targets are no way around it either.
    let r = server.request(&format!(
        "GET http://127.0.0.1:{}/lab/../../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
        server.port, server.port
    ));
    assert!(matches!(r.status, 400 | 404), "absolute form: {}", r.status);
    assert!(!r.body.contains("root:x:0"));
}

#[test]
fn other_origins_cannot_listen_or_rebind() {
    let (_site, server) = serve_fixture();
    let mut foreign = server.events(Some("http://evil.example"));
    assert_eq!(foreign.status(), 403);
    let mut own = server.events(Some(&format!("http://127.0.0.1:{}", server.port)));
    assert_eq!(own.status(), 200);
    own.expect("hello", WAIT);
    // No CORS header: a browser would not let another origin read the stream.
    let r = server.request(&format!(
        "GET /lab/ HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nOrigin: http://evil.example\r\nConnection: close\r\n\r\n",
        server.port
    ));
    assert_eq!(r.header("access-control-allow-origin"), None);
    // DNS rebinding: a request for another host name is refused.
    let r = server.request("GET /lab/ HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
    assert_eq!(r.status, 403);
    let r = server.request(&format!(
        "GET /lab/ HTTP/1.1\r\nHost: localhost:{}\r\nConnection: close\r\n\r\n",
        server.port
    ));
    assert_eq!(r.status, 200);
}

#[test]
fn a_taken_port_is_reported_with_a_suggestion() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let site = Site::copy_of(&fixture("full"));
    let r = site.run(&["serve", "--port", &port]);
    assert_eq!(r.status, Some(1));
    assert!(
        r.stderr
            .contains(&format!("port {port} on 127.0.0.1 is already in use")),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("--port"), "{}", r.stderr);
}

#[test]
fn binds_to_loopback_by_default() {
    let (_site, server) = serve_fixture();
    let out = server.stdout.lock().unwrap().clone();
    assert!(
        out.contains(&format!("at http://127.0.0.1:{}/lab/", server.port)),
        "{out}"
    );
    let any = std::net::TcpStream::connect(("127.0.0.1", server.port));
    assert!(any.is_ok());
    // Not reachable on another local address of the machine (if it has one).
    if let Ok(ip) = local_non_loopback_ip() {
        assert!(
            std::net::TcpStream::connect_timeout(
                &(ip, server.port).into(),
                Duration::from_millis(300)
            )
            .is_err()
        );
    }
}

fn local_non_loopback_ip() -> Result<std::net::IpAddr, ()> {
    // The address the kernel would use to reach a public host; no packet is sent.
    let s = std::net::UdpSocket::bind("0.0.0.0:0").map_err(|_| ())?;
    s.connect("192.0.2.1:9").map_err(|_| ())?;
    let ip = s.local_addr().map_err(|_| ())?.ip();
    if ip.is_loopback() || ip.is_unspecified() {
        Err(())
    } else {
        Ok(ip)
    }
}

#[test]
fn ctrl_c_stops_cleanly() {
    let site = Site::copy_of(&fixture("full"));
    let mut server = Server::start(site.root(), &["--output", "preview"]);
    assert!(
        site.path("preview/index.html").is_file(),
        "--output writes the build"
    );
    assert_eq!(server.interrupt(), Some(0));
    assert!(server.stdout.lock().unwrap().contains("Stopped."));
    let leftovers = site.staging_leftovers();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert!(!site.path("public").exists());
}

#[test]
fn the_first_build_of_a_large_site_says_so_and_ctrl_c_cancels_it() {
    // Enough papers that the first build takes a while: the server answers meanwhile.
    let site = Site::copy_of(&fixture("full"));
    let mut papers = String::new();
    for i in 0..3000 {
        papers.push_str(&format!(
            "- key: big{i}\n  title: Paper {i}\n  authors: [Ada Example, Bo Other]\n  venue: Conference {i}\n  year: 2020\n  abstract: {}\n",
            "words of an abstract ".repeat(20)
        ));
    }
    let existing = site.read("content/publications.yaml");
    site.write("content/publications.yaml", format!("{existing}\n{papers}"));
    let mut server = Server::spawn(site.root(), 0, &[]);
    let page = server.get("/lab/");
    assert_eq!(page.status, 503, "{}", page.body);
    assert!(page.body.contains("Building the site"), "{}", page.body);
    assert!(
        page.body.contains("EventSource") || page.body.contains("<script>"),
        "it reloads when ready"
    );
    // Ctrl-C during the build stops at once: no build is waited for (nothing is written).
    assert_eq!(server.interrupt(), Some(0));
    let out = server.stdout.lock().unwrap().clone();
    assert!(out.contains("Stopped."), "{out}");
    assert!(
        !out.contains("Built "),
        "the build was cancelled, not finished: {out}"
    );
}

#[test]
fn after_edits_renames_and_deletions_the_preview_equals_a_full_build() {
    let (site, server, mut events) = serve_and_listen();
    site.edit(
        "cvsite.yaml",
        "title: Ada Example",
        "title: Ada Example's Lab",
    );
    events.expect("reload", WAIT);
    site.edit(
        "content/awards.yaml",
        "Young Researcher Award",
        "Young Researcher Medal",
    );
    events.expect("reload", WAIT);
    std::fs::rename(
        site.path("content/posts/2024-05-01-hello-world.md"),
        site.path("content/posts/2024-05-02-hello-again.md"),
    )
    .unwrap();
    events.expect("reload", WAIT);
    std::fs::remove_file(site.path("content/pages/contact.md")).unwrap();
    events.expect("reload", WAIT);
    site.write(
        "content/publications.bib",
        "@misc{added, title = {An Added Paper}, author = {Ada Example}, year = 2025}\n",
    );
    events.expect("reload", WAIT);
    let built = preview_equals_full_build(&site, &server);
    assert!(built.contains_key("publications/added/index.html"));
    assert!(built.contains_key("posts/hello-again/index.html"));
    for gone in ["/lab/contact/", "/lab/posts/hello-world/"] {
        assert_eq!(server.get(gone).status, 404, "{gone} is gone");
    }

    // What the preview keeps between builds (parsed files, papers, pages, exports, static
    // files) must follow every kind of change: each below leaves most pages as they were.
    site.edit("content/skills.yaml", "Tools: [Coq]", "Tools: [Coq, Lean]");
    events.expect("reload", WAIT);
    site.edit(
        "content/publications.yaml",
        "Proofs & Refutations at Scale",
        "Proofs and Refutations at Scale",
    );
    events.expect("reload", WAIT);
    site.edit(
        "content/posts/2024-05-02-hello-again.md",
        "\n---\n",
        "\n---\nA sentence added to the post.\n\n",
    );
    events.expect("reload", WAIT);
    site.write(
        "templates/partials/links.html",
        "<span class=\"overridden-links\"></span>\n",
    );
    events.expect("reload", WAIT);
    site.write("static/papers/proofs.pdf", "%PDF-1.4 replaced\n");
    events.expect("reload", WAIT);
    let built = preview_equals_full_build(&site, &server);
    let proofs = String::from_utf8_lossy(&built["publications/example2023proofs/index.html"]);
    assert!(proofs.contains("Proofs and Refutations"), "{proofs}");
    assert!(String::from_utf8_lossy(&built["cv/index.html"]).contains("overridden-links"));
    assert!(String::from_utf8_lossy(&built["cv/index.html"]).contains("Lean"));
}

/// Builds the site from scratch for the preview's address and checks that the preview serves
/// every file byte for byte (less its live-reload script); returns the build's files.
fn preview_equals_full_build(
    site: &Site,
    server: &Server,
) -> std::collections::BTreeMap<String, Vec<u8>> {
    let origin = format!("http://127.0.0.1:{}/lab/", server.port);
    let r = site.run(&["build", "--base-url", &origin, "--output", "full"]);
    assert!(r.ok(), "{}", r.stderr);
    let built = common::snapshot(&site.path("full"));
    for (path, bytes) in &built {
        // The CV's PDFs are typeset after the pages (tests/pdf.rs); the site's own PDFs count.
        let typeset = path.ends_with(".pdf") && !path.starts_with("papers/");
        if typeset || path == ".cvsite-output" {
            continue;
        }
        let url = format!("/lab/{}", path.trim_end_matches("index.html"));
        let served = server.get(&url);
        assert_eq!(served.status, 200, "{url}");
        let mut body = served.bytes.clone();
        if path.ends_with(".html") {
            // Less the live-reload script the preview adds before </body>.
            let text = String::from_utf8(body).unwrap();
            let start = text.rfind("<script>").unwrap();
            let end = text.rfind("</script>").unwrap() + "</script>".len();
            body = format!("{}{}", &text[..start], &text[end..]).into_bytes();
        }
        assert!(body == *bytes, "{path} differs from a full build");
    }
    built
}

#[test]
fn a_site_broken_from_the_start_is_served_once_fixed() {
    let site = Site::copy_of(&fixture("full"));
    site.edit("content/profile.yaml", "name:", "nme:");
    let server = Server::start(site.root(), &[]);
    let page = server.get("/lab/");
    assert_eq!(page.status, 503);
    assert!(page.body.contains("content/profile.yaml"), "{}", page.body);
    let mut events = server.events(None);
    events.expect("hello", WAIT);
    site.edit("content/profile.yaml", "nme:", "name:");
    events.expect("reload", WAIT);
    assert_eq!(server.get("/lab/").status, 200);
    assert!(text_of(&server.get("/lab/").body).contains("Ada Example"));
}

#[test]
fn open_starts_the_browser_on_the_preview() {
    // A stand-in `xdg-open` on PATH records what it was asked to open.
    let bin = tempfile::tempdir().unwrap();
    let record = bin.path().join("opened.txt");
    let script = bin.path().join("xdg-open");
    std::fs::write(
        &script,
        format!("#!/bin/sh\necho \"$1\" > '{}'\n", record.display()),
    )
    .unwrap();
    let mut perms = std::fs::metadata(&script).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&script, perms).unwrap();
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let site = Site::copy_of(&fixture("full"));
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_cvsite"))
        .args(["serve", "--port", "0", "--open", "--quiet"])
        .current_dir(site.root())
        .env("PATH", path)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + WAIT;
    while !record.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    let opened = std::fs::read_to_string(&record).expect("the browser was opened");
    assert!(
        opened.starts_with("http://127.0.0.1:") && opened.trim_end().ends_with("/lab/"),
        "{opened}"
    );
}

/// Connections that never send a request (issue 13: 300 of them starved the preview under
/// `ulimit -n 256`) are closed after the header timeout, and are capped below the file limit:
/// a page asked for meanwhile is served once they are gone.
#[test]
fn silent_connections_neither_starve_the_preview_nor_stay_open() {
    use std::io::Read;
    let site = Site::copy_of(&fixture("full"));
    let server = Server::start_with_file_limit(site.root(), 128, &[]);
    let silent: Vec<std::net::TcpStream> = (0..300)
        .filter_map(|_| std::net::TcpStream::connect(("127.0.0.1", server.port)).ok())
        .collect();
    assert!(silent.len() > 128, "only {} connected", silent.len());
    // A page: answered, though every descriptor the preview may have was taken when asked.
    let page = std::thread::spawn({
        let port = server.port;
        move || {
            let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
            s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
            std::io::Write::write_all(
                &mut s,
                format!(
                    "GET /lab/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
                )
                .as_bytes(),
            )
            .unwrap();
            let mut bytes = Vec::new();
            let _ = s.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        }
    });
    // Each silent connection is closed by the server (end of stream), not kept for ever.
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    for mut s in silent {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        s.set_read_timeout(Some(left.max(Duration::from_millis(1))))
            .unwrap();
        let mut buf = [0u8; 64];
        let read = s.read(&mut buf);
        assert!(
            matches!(read, Ok(0))
                || read.is_err_and(|e| e.kind() == std::io::ErrorKind::ConnectionReset),
            "a silent connection was kept open"
        );
    }
    let page = page.join().unwrap();
    assert!(
        page.starts_with("HTTP/1.1 200"),
        "{}",
        &page[..page.len().min(200)]
    );
    assert!(page.contains("Ada Example"));
    // Still serving.
    assert_eq!(server.get("/lab/cv/").status, 200);
}

/// A bug that panics in a rebuild is shown in open pages as an error, and the preview goes on
/// serving the last good site and building the next change (issue 13).
#[test]
fn a_panic_in_a_rebuild_is_shown_and_the_preview_goes_on() {
    let site = Site::copy_of(&fixture("full"));
    let trigger = site.path("panic-now");
    let server = Server::start_with_env(
        site.root(),
        &[("CVSITE_TEST_PANIC_IF", trigger.to_str().unwrap())],
        &[],
    );
    let mut events = server.events(None);
    events.expect("hello", WAIT);
    std::fs::write(&trigger, "").unwrap();
    site.edit(
        "content/awards.yaml",
        "Young Researcher Award",
        "Award After A Panic",
    );
    let errors = events.expect("errors", WAIT);
    assert!(errors.contains("a bug: please report it"), "{errors}");
    let page = server.get("/lab/cv/");
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Young Researcher Award"),
        "the last good site"
    );
    std::fs::remove_file(&trigger).unwrap();
    site.edit(
        "content/awards.yaml",
        "Award After A Panic",
        "Award After The Fix",
    );
    events.expect("reload", WAIT);
    assert!(server.get("/lab/cv/").body.contains("Award After The Fix"));
}

/// Open live-reload streams (one per tab) fill the connection cap: a new page still gets in
/// (the oldest stream is cut, and its page reconnects), never a preview that stops accepting.
#[test]
fn live_reload_streams_at_the_cap_do_not_lock_the_preview_out() {
    let site = Site::copy_of(&fixture("full"));
    // (128 - 64) / 2 = 32 connections at once.
    let server = Server::start_with_file_limit(site.root(), 128, &[]);
    let port = server.port;
    // On a thread: a preview that stops accepting would block it for ever.
    let tabs = std::thread::spawn(move || {
        let streams: Vec<common::Events> = (0..40)
            .map(|_| {
                let mut events = common::Events::open(port);
                events.status();
                events
            })
            .collect();
        (common::http_get(port, "/lab/cv/"), streams.len())
    });
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while !tabs.is_finished() {
        assert!(
            std::time::Instant::now() < deadline,
            "the preview stopped accepting"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let (page, _) = tabs.join().unwrap();
    assert_eq!(page.status, 200);
}

/// The photo resized in the preview follows its file: a new photo, new files, served; the same
/// photo under a new name, files of that name.
#[test]
fn a_changed_or_renamed_photo_is_resized_again() {
    let jpeg = |rgb: [u8; 3]| {
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new(&mut out)
            .encode_image(&image::RgbImage::from_pixel(400, 400, image::Rgb(rgb)))
            .unwrap();
        out
    };
    let site = Site::copy_of(&fixture("full"));
    site.write("static/images/ada.jpg", jpeg([200, 30, 30]));
    site.edit(
        "content/profile.yaml",
        "photo: images/ada.svg",
        "photo: images/ada.jpg",
    );
    let server = Server::start(site.root(), &["--no-pdf"]);
    let mut events = server.events(None);
    events.expect("hello", WAIT);
    let src = |server: &Server| {
        let home = server.get("/lab/").body;
        let rest = home
            .split("class=\"photo photo-circle\" src=\"")
            .nth(1)
            .unwrap()
            .to_string();
        rest[..rest.find('"').unwrap()].to_string()
    };
    let first = src(&server);
    assert!(first.starts_with("/lab/resized/ada-"), "{first}");

    site.write("static/images/ada.jpg", jpeg([30, 30, 200]));
    events.expect("reload", WAIT);
    let second = src(&server);
    assert_ne!(second, first);
    let served = server.get(&second);
    assert_eq!(served.status, 200);
    let pixel = image::load_from_memory(&served.bytes).unwrap().to_rgb8();
    assert!(pixel.get_pixel(10, 10)[2] > 150, "the new, blue photo");

    site.write("static/images/me.jpg", jpeg([30, 30, 200]));
    events.expect("reload", WAIT);
    site.edit(
        "content/profile.yaml",
        "photo: images/ada.jpg",
        "photo: images/me.jpg",
    );
    events.expect("reload", WAIT);
    let third = src(&server);
    assert!(third.starts_with("/lab/resized/me-"), "{third}");
    assert_eq!(server.get(&third).status, 200);
}
