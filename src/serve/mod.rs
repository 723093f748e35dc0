//! `cvsite serve`: build the site into memory, serve it on loopback, rebuild on every change and
//! tell open pages to reload. A failed rebuild keeps serving the last good site and shows the
//! error in the browser; the user's `public/` is never touched unless `--output` asks for it.

pub mod http;
pub mod watch;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue, header};
use miette::{IntoDiagnostic, Report, Result, miette};
use serde::Serialize;
use tokio::net::TcpListener;
use tokio::sync::broadcast;

use crate::diagnostics::{Problems, print_report};
use crate::output::{self, Data};
use crate::site::{self, BuildOptions};

/// The port tried first when none is given.
pub const DEFAULT_PORT: u16 = 4000;

/// What `cvsite serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site root.
    pub root: PathBuf,
    /// The address to listen on (loopback unless asked otherwise).
    pub bind: IpAddr,
    /// The port; `None` takes the first free one from [`DEFAULT_PORT`], `Some(0)` any free one.
    pub port: Option<u16>,
    /// Open the browser once serving.
    pub open: bool,
    /// Include drafts.
    pub drafts: bool,
    /// Typeset the PDFs.
    pub pdf: bool,
    /// Overrides the config's `base_url` (only its path matters in the preview).
    pub base_url: Option<String>,
    /// Also write each good build here.
    pub output: Option<PathBuf>,
    /// Print only errors.
    pub quiet: bool,
    /// A broken internal link is an error (shown in the browser), not a warning.
    pub strict: bool,
}

/// An update for open pages.
#[derive(Debug, Clone)]
pub enum Live {
    /// A new good build, by id: reload.
    Reload(String),
    /// The last rebuild failed: show these errors (JSON).
    Errors(String),
}

/// One error, as the browser overlay shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorInfo {
    /// File, when the error is in one.
    pub file: Option<String>,
    /// 1-based line.
    pub line: Option<usize>,
    /// 1-based column.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub help: Option<String>,
}

/// The site being served and the state of the last build.
#[derive(Debug, Clone, Default)]
pub struct SiteState {
    /// Files of the last good build, by path.
    pub files: Arc<HashMap<String, Bytes>>,
    /// Base path of the last good build.
    pub base: String,
    /// Id of the last good build ("" before the first).
    pub build: String,
    /// Errors of the last build, if it failed.
    pub errors: Option<Vec<ErrorInfo>>,
    /// Warnings of the last good build the browser shows (broken internal links).
    pub warnings: Vec<ErrorInfo>,
}

/// State shared by the server, the watcher and the rebuilds.
pub struct Shared {
    state: RwLock<SiteState>,
    /// Reload and error events for open pages.
    pub events: broadcast::Sender<Live>,
    /// `Host` values accepted (`None`: any, when bound beyond loopback on request).
    allowed_hosts: Option<Vec<String>>,
    /// Held while building: one build at a time, with what the last build left for the next.
    build_lock: Mutex<crate::memo::Memo>,
    /// Held while writing to `--output`, so Ctrl-C never cuts a write in half (and cancels a
    /// build at any other moment).
    write_lock: Mutex<()>,
    /// Distinguishes this server's builds from a previous run's, so pages reload after a restart.
    run_id: u128,
    counter: std::sync::atomic::AtomicU64,
    /// The newest build whose PDFs wait to be typeset.
    pdf_next: Mutex<Option<(site::PendingPdfs, String)>>,
    /// Wakes the PDF thread.
    pdf_wake: std::sync::Condvar,
    /// The PDF thread has been started.
    pdf_worker: std::sync::atomic::AtomicBool,
}

impl Shared {
    /// A copy of the current state (cheap: the files are shared).
    pub fn snapshot(&self) -> SiteState {
        self.state.read().expect("state lock").clone()
    }

    fn host_allowed(&self, headers: &HeaderMap) -> bool {
        let Some(allowed) = &self.allowed_hosts else {
            return true;
        };
        headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .is_some_and(|h| allowed.iter().any(|a| a.eq_ignore_ascii_case(h)))
    }

    fn origin_allowed(&self, origin: &HeaderValue) -> bool {
        let Ok(origin) = origin.to_str() else {
            return false;
        };
        let Some(host) = origin.strip_prefix("http://") else {
            return false;
        };
        match &self.allowed_hosts {
            Some(allowed) => allowed.iter().any(|a| a.eq_ignore_ascii_case(host)),
            None => true,
        }
    }

    fn hello_json(&self) -> String {
        let s = self.snapshot();
        serde_json::json!({ "build": s.build, "errors": s.errors, "warnings": s.warnings })
            .to_string()
    }

    /// The script injected into served pages, with the current state.
    fn script(&self) -> String {
        let s = self.snapshot();
        let state = serde_json::json!({
            "build": s.build,
            "errors": s.errors,
            "warnings": s.warnings,
            "endpoint": http::EVENTS_PATH,
        });
        // `<` escaped so no string in the state can close the script element.
        let state = state.to_string().replace('<', "\\u003c");
        format!(
            "<script>{}</script>",
            include_str!("livereload.js").replace("__CVSITE_STATE__", &state)
        )
    }

    /// Rebuilds the whole site; on success swaps it in and reloads open pages, on failure keeps
    /// the last good site and shows the error. Returns whether it succeeded.
    pub fn rebuild(
        self: &Arc<Self>,
        opts: &BuildOptions,
        write_to: Option<&PathBuf>,
        quiet: bool,
    ) -> bool {
        let mut memo = self
            .build_lock
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let started = Instant::now();
        // A bug that panics in a build is shown like an error; the preview goes on.
        let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            build_files(opts, write_to, &self.write_lock, &mut memo)
        }))
        .unwrap_or_else(|_| {
            // What the memo holds may be half made: the next build starts afresh.
            *memo = crate::memo::Memo::default();
            Err(miette!(
                "cvsite failed while building (a bug: please report it)"
            ))
        });
        match built {
            Ok(Built {
                mut files,
                base,
                pages,
                reused,
                pdfs_later,
                pdf_outputs,
                warnings,
            }) => {
                let n = self
                    .counter
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
                    + 1;
                let build = format!("{:x}-{n}", self.run_id);
                let mut state = self.state.write().expect("state lock");
                // Until the new PDF is typeset, the last one is served.
                let mut missing = false;
                for pdf in pdf_outputs {
                    match state.files.get(&pdf) {
                        Some(old) => {
                            files.insert(pdf, old.clone());
                        }
                        None => missing = true,
                    }
                }
                // Checked with the state locked: the PDFs served are those of their inputs'
                // last change, and every one of them is there (a build in between may have had
                // fewer: a CV variant removed, then put back).
                let pdfs_later = pdfs_later.filter(|p| missing || !p.already_served());
                let new = SiteState {
                    files: Arc::new(files),
                    base,
                    build: build.clone(),
                    errors: None,
                    warnings,
                };
                let old = std::mem::replace(&mut *state, new);
                drop(state);
                let _ = self.events.send(Live::Reload(build.clone()));
                // The last site's files are freed off the request path.
                crate::background::drop_later(old);
                if !quiet {
                    let again = match pages - reused.min(pages) {
                        _ if reused == 0 => String::new(),
                        n => format!(" ({n} rendered again, the rest unchanged)"),
                    };
                    println!(
                        "Built {pages} pages{again} in {} ms",
                        started.elapsed().as_millis()
                    );
                }
                if let Some(pending) = pdfs_later {
                    self.typeset_later(pending, build, quiet);
                }
                true
            }
            Err(report) => {
                self.show_errors(&report);
                eprintln!(
                    "The preview keeps showing the last good build; save a fix and it updates."
                );
                false
            }
        }
    }
}

/// A build in memory.
struct Built {
    /// Its files by path.
    files: HashMap<String, Bytes>,
    /// Its base path.
    base: String,
    /// How many pages.
    pages: usize,
    /// How many were kept from the last build.
    reused: usize,
    /// The PDFs, left for later.
    pdfs_later: Option<site::PendingPdfs>,
    /// The PDFs' paths.
    pdf_outputs: Vec<String>,
    /// What the browser shows as warnings.
    warnings: Vec<ErrorInfo>,
}

impl Shared {
    /// Prints a failed build's errors and shows them in open pages.
    fn show_errors(&self, report: &Report) {
        print_report(report);
        let errors = errors_of(report);
        let json = serde_json::to_string(&errors).expect("errors serialize");
        self.state.write().expect("state lock").errors = Some(errors);
        let _ = self.events.send(Live::Errors(json));
    }

    /// Asks for the PDFs of build `build`: one thread typesets them, always those of the newest
    /// build asked for (older requests not yet started are dropped), and serves them if no
    /// newer build has come meanwhile; a Typst error is shown like any other.
    fn typeset_later(self: &Arc<Self>, pending: site::PendingPdfs, build: String, quiet: bool) {
        let mut next = self.pdf_next.lock().unwrap_or_else(PoisonError::into_inner);
        let start_worker = !self.pdf_worker.swap(true, Ordering::SeqCst);
        *next = Some((pending, build));
        drop(next);
        self.pdf_wake.notify_one();
        if start_worker {
            let shared = Arc::clone(self);
            let spawned = std::thread::Builder::new()
                .name("cvsite-pdf".into())
                .spawn(move || shared.pdf_worker(quiet));
            if let Err(e) = spawned {
                eprintln!("cannot typeset the PDF: {e}");
            }
        }
    }

    /// The PDF thread: typesets the newest request, then waits for the next.
    fn pdf_worker(&self, quiet: bool) {
        // Typst lays pages out on the rayon pool of the thread that calls it: a pool of its own,
        // at low priority, so that the PDF never takes a core from the next rebuild.
        crate::background::lower_priority();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .thread_name(|_| "cvsite-pdf-layout".into())
            .start_handler(|_| crate::background::lower_priority())
            .build();
        loop {
            let (pending, build) = {
                let mut next = self.pdf_next.lock().unwrap_or_else(PoisonError::into_inner);
                loop {
                    if let Some(request) = next.take() {
                        break request;
                    }
                    next = self
                        .pdf_wake
                        .wait(next)
                        .unwrap_or_else(PoisonError::into_inner);
                }
            };
            let current = || self.state.read().expect("state lock").build == build;
            if !current() {
                continue;
            }
            let started = Instant::now();
            let typeset = match &pool {
                Ok(pool) => pool.install(|| pending.typeset()),
                Err(_) => pending.typeset(),
            };
            match typeset {
                Ok((files, warnings)) => {
                    for w in &warnings {
                        eprintln!("warning: {w}");
                    }
                    let mut state = self.state.write().expect("state lock");
                    // Checked with the lock held: a newer build may have come.
                    if state.build != build {
                        continue;
                    }
                    let mut all = (*state.files).clone();
                    for f in files {
                        if let Ok(bytes) = f.data.into_shared() {
                            all.insert(f.path, bytes);
                        }
                    }
                    state.files = Arc::new(all);
                    pending.served();
                    if !quiet {
                        println!("Typeset the PDF in {} ms", started.elapsed().as_millis());
                    }
                }
                Err(report) if current() => self.show_errors(&report),
                Err(_) => {}
            }
        }
    }
}

/// Renders the site into memory (and, when asked, writes it to `write_to` too).
fn build_files(
    opts: &BuildOptions,
    write_to: Option<&PathBuf>,
    write_lock: &Mutex<()>,
    memo: &mut crate::memo::Memo,
) -> Result<Built> {
    let mut site = site::render_memo(opts, Some(memo))?;
    let pdfs_later = site.pdfs_later.take();
    let pdf_outputs = std::mem::take(&mut site.pdf_outputs);
    for w in &site.warnings {
        eprintln!("warning: {w}");
    }
    let warnings = (site.broken_links.iter())
        .map(|f| {
            eprintln!("warning: {f}");
            ErrorInfo {
                file: f.at.map(|_| f.source.clone()),
                line: f.at.map(|(line, _)| line),
                column: f.at.map(|(_, column)| column),
                message: match f.at {
                    Some(_) => f.message.clone(),
                    None => format!("{}: {}", f.source, f.message),
                },
                help: None,
            }
        })
        .collect();
    let (base, pages, reused) = (site.base.path.clone(), site.pages, site.reused_pages);
    // The pages move into the preview without a copy, and are shared with `--output`'s write.
    let mut files = HashMap::with_capacity(site.files.len());
    for f in std::mem::take(&mut site.files) {
        files.insert(f.path, f.data.into_shared()?);
    }
    if let Some(out) = write_to {
        site.files = (files.iter())
            .map(|(path, bytes)| output::OutputFile {
                path: path.clone(),
                data: Data::Shared(bytes.clone()),
            })
            .collect();
        let _writing = write_lock.lock().unwrap_or_else(PoisonError::into_inner);
        site::write(site, out)?;
    }
    Ok(Built {
        files,
        base,
        pages,
        reused,
        pdfs_later,
        pdf_outputs,
        warnings,
    })
}

/// The errors of a failed build, for the browser.
pub fn errors_of(report: &Report) -> Vec<ErrorInfo> {
    match report.downcast_ref::<Problems>() {
        Some(Problems(problems)) => problems
            .iter()
            .map(|p| ErrorInfo {
                file: Some(p.path.clone()),
                line: Some(p.line),
                column: Some(p.column),
                message: p.message.clone(),
                help: p.help.clone(),
            })
            .collect(),
        None => {
            let mut message = report.to_string();
            for cause in report.chain().skip(1) {
                message.push_str(&format!(": {cause}"));
            }
            vec![ErrorInfo {
                file: None,
                line: None,
                column: None,
                message,
                help: None,
            }]
        }
    }
}

/// Runs `cvsite serve` until Ctrl-C.
pub fn run(opts: ServeOptions) -> Result<ExitCode> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .into_diagnostic()?;
    runtime.block_on(serve(opts))
}

async fn serve(opts: ServeOptions) -> Result<ExitCode> {
    let write_to = match &opts.output {
        Some(out) => Some(output::check_output_dir(&opts.root, &opts.root.join(out))?),
        None => None,
    };
    let listener = bind(opts.bind, opts.port, opts.quiet).await?;
    let addr = listener.local_addr().into_diagnostic()?;
    let host = match addr {
        SocketAddr::V4(a) if a.ip().is_unspecified() => format!("localhost:{}", a.port()),
        SocketAddr::V6(a) if a.ip().is_unspecified() => format!("localhost:{}", a.port()),
        a => a.to_string(),
    };
    let allowed_hosts = opts.bind.is_loopback().then(|| {
        let port = addr.port();
        vec![
            format!("127.0.0.1:{port}"),
            format!("localhost:{port}"),
            format!("[::1]:{port}"),
            addr.to_string(),
        ]
    });
    let build_opts = BuildOptions {
        root: opts.root.clone(),
        output: opts.output.clone().unwrap_or_else(|| "public".into()),
        base_url: opts.base_url.clone(),
        serve_origin: Some(format!("http://{host}")),
        drafts: opts.drafts,
        pdf: opts.pdf,
        // The pages are served first, the PDF once typeset (unless the build is written out).
        defer_pdf: opts.output.is_none(),
        strict: opts.strict,
    };
    let run_id = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let shared = Arc::new(Shared {
        state: RwLock::new(SiteState::default()),
        events: broadcast::channel(64).0,
        allowed_hosts,
        build_lock: Mutex::new(crate::memo::Memo::default()),
        write_lock: Mutex::new(()),
        run_id,
        counter: Default::default(),
        pdf_next: Mutex::new(None),
        pdf_wake: std::sync::Condvar::new(),
        pdf_worker: Default::default(),
    });

    // The first build runs while the server already answers, with a page that says so and
    // reloads when the site is ready.
    {
        let (shared, build_opts, write_to, quiet) = (
            shared.clone(),
            build_opts.clone(),
            write_to.clone(),
            opts.quiet,
        );
        std::thread::Builder::new()
            .name("cvsite-first-build".into())
            .spawn(move || {
                shared.rebuild(&build_opts, write_to.as_ref(), quiet);
            })
            .into_diagnostic()?;
    }
    {
        let (shared, build_opts, write_to, quiet) = (
            shared.clone(),
            build_opts.clone(),
            write_to.clone(),
            opts.quiet,
        );
        watch::spawn(opts.root.clone(), move |changed| {
            if !quiet {
                // An editor's temporary files are gone by now: name what is still there.
                let existing: Vec<&PathBuf> = changed.iter().filter(|p| p.exists()).collect();
                let shown = if existing.is_empty() {
                    changed.iter().collect()
                } else {
                    existing
                };
                let names: Vec<String> = shown
                    .iter()
                    .map(|p| crate::diagnostics::display_path(&build_opts.root, p))
                    .collect();
                println!("Changed: {}", names.join(", "));
            }
            shared.rebuild(&build_opts, write_to.as_ref(), quiet);
        })?;
    }

    let stop = shutdown_signal()?;
    // Printed before the first build ends: from cvsite.yaml alone.
    let config = crate::config::load(&build_opts.root).ok();
    let base = site::preview_path(&build_opts, config.as_ref().map(|c| &c.config));
    let url = format!("http://{host}{}", if base.is_empty() { "/" } else { &base });
    println!("Serving {} at {url}", opts.root.display());
    println!("Press Ctrl-C to stop.");
    if opts.open {
        open_browser(&url);
    }

    let app = Router::new()
        .fallback(http::handle)
        .with_state(shared.clone());
    tokio::select! {
        () = http::serve(listener, app) => {}
        _ = stop => {}
    }
    // A build in progress is dropped with the process, unless it is writing --output: that
    // write finishes, so no half-written folder is left behind; the lock is kept until the
    // process ends, so no other write starts.
    let guard = shared
        .write_lock
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    std::mem::forget(guard);
    if !opts.quiet {
        println!("Stopped.");
    }
    Ok(ExitCode::SUCCESS)
}

async fn bind(ip: IpAddr, port: Option<u16>, quiet: bool) -> Result<TcpListener> {
    let in_use = |p: u16| {
        miette!(
            help = format!(
                "another program (or another cvsite serve) is using it: pick another port, e.g. --port {}",
                p.wrapping_add(1)
            ),
            "port {p} on {ip} is already in use"
        )
    };
    match port {
        Some(p) => TcpListener::bind((ip, p))
            .await
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::AddrInUse => in_use(p),
                _ => miette!("cannot listen on {ip} port {p}: {e}"),
            }),
        None => {
            for p in DEFAULT_PORT..DEFAULT_PORT + 20 {
                match TcpListener::bind((ip, p)).await {
                    Ok(l) => {
                        if p != DEFAULT_PORT && !quiet {
                            println!("Port {DEFAULT_PORT} is in use; using port {p} instead.");
                        }
                        return Ok(l);
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => continue,
                    Err(e) => return Err(miette!("cannot listen on {ip} port {p}: {e}")),
                }
            }
            Err(in_use(DEFAULT_PORT + 19))
        }
    }
}

/// Resolves on Ctrl-C or SIGTERM. The handlers are installed when this is called, not when it is
/// first awaited, so a signal sent right after the address is printed is not missed (and does
/// not kill the process without cleaning up).
fn shutdown_signal() -> Result<impl std::future::Future<Output = ()>> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut int = signal(SignalKind::interrupt()).into_diagnostic()?;
        let mut term = signal(SignalKind::terminate()).into_diagnostic()?;
        Ok(async move {
            tokio::select! {
                _ = int.recv() => {}
                _ = term.recv() => {}
            }
        })
    }
    #[cfg(not(unix))]
    {
        let ctrl_c = tokio::signal::ctrl_c();
        Ok(async move {
            let _ = ctrl_c.await;
        })
    }
}

fn open_browser(url: &str) {
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    if std::process::Command::new(program)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_err()
    {
        eprintln!("Could not open a browser; open {url} yourself.");
    }
}
