//! The preview's HTTP side: map a request path to a file of the in-memory site, refusing
//! anything odd; inject the live-reload script into HTML; stream reload events.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode_str;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use super::{Live, Shared};
use crate::route::Route;

/// Time a connection may take to send a request's headers, idle keep-alive time included: a
/// connection that sends nothing is closed, not kept for ever.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Open connections at most, by the process's file limit: each is a file descriptor, and a
/// rebuild needs some. Connections beyond wait in the listen queue until one closes.
fn connection_cap() -> usize {
    #[cfg(target_os = "linux")]
    {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit writes the struct it is given.
        if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0 {
            let soft = usize::try_from(limit.rlim_cur).unwrap_or(usize::MAX);
            return (soft.saturating_sub(64) / 2).clamp(16, 512);
        }
    }
    // macOS's default limit is 256 files.
    96
}

/// Open connections, oldest first: (id, how to ask it to close).
type OpenConnections =
    std::sync::Mutex<std::collections::VecDeque<(u64, Arc<tokio::sync::Notify>)>>;

/// Serves `app` on `listener` until the future is dropped: HTTP/1.1, at most
/// [`connection_cap`] connections at once, each closed if it sends no request headers within
/// [`HEADER_TIMEOUT`]. At the cap, the oldest connection is asked to close (at once if it is
/// idle, after its response if not), so a new page is not kept waiting behind silent ones.
pub async fn serve(listener: tokio::net::TcpListener, app: axum::Router) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use tower_service::Service;
    let permits = Arc::new(tokio::sync::Semaphore::new(connection_cap()));
    let open: Arc<OpenConnections> = Arc::default();
    for id in 0u64.. {
        let permit = match permits.clone().try_acquire_owned() {
            Ok(permit) => permit,
            Err(_) => {
                let oldest = open.lock().unwrap_or_else(|e| e.into_inner()).pop_front();
                if let Some((_, close)) = oldest {
                    close.notify_one();
                }
                let Ok(permit) = permits.clone().acquire_owned().await else {
                    return;
                };
                permit
            }
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of descriptors, or a connection reset before it was accepted: wait a little
            // rather than spin.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let close = Arc::new(tokio::sync::Notify::new());
        open.lock()
            .unwrap_or_else(|e| e.into_inner())
            .push_back((id, close.clone()));
        let (app, open) = (app.clone(), open.clone());
        tokio::spawn(async move {
            let service =
                hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                    let mut app = app.clone();
                    async move { app.call(req).await }
                });
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(TokioIo::new(stream), service);
            tokio::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => {}
                () = close.notified() => {
                    // An idle connection closes at once; a response under way gets a second to
                    // end. The live-reload stream never ends: it is cut, and the page reconnects.
                    connection.as_mut().graceful_shutdown();
                    let _ = tokio::time::timeout(Duration::from_secs(1), connection).await;
                }
            }
            open.lock()
                .unwrap_or_else(|e| e.into_inner())
                .retain(|(i, _)| *i != id);
            drop(permit);
        });
    }
}

/// The path of the live-reload event stream; outside any site path.
pub const EVENTS_PATH: &str = "/__cvsite/livereload";

/// What a request path maps to.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A file of the site, by its key.
    File(String),
    /// A folder without its trailing slash, or the root of a base path: redirect here.
    Redirect(String),
    /// Not part of the site.
    NotFound,
    /// A path no honest link produces: `..`, NUL, backslashes, bad encoding.
    BadRequest,
}

/// Maps a raw (still percent-encoded) request path to a file key of the site.
pub fn resolve(raw: &str, base: &str, files: &HashMap<String, Bytes>) -> Resolved {
    if raw.contains('\\') {
        return Resolved::BadRequest;
    }
    let Ok(path) = percent_decode_str(raw).decode_utf8() else {
        return Resolved::BadRequest;
    };
    if !path.starts_with('/') || path.contains(['\0', '\\']) {
        return Resolved::BadRequest;
    }
    if path.split('/').any(|seg| seg == ".." || seg == ".") {
        return Resolved::BadRequest;
    }
    if base != "/" && (path == "/" || format!("{path}/") == base) {
        return Resolved::Redirect(base.to_string());
    }
    let Some(rel) = path.strip_prefix(base) else {
        return Resolved::NotFound;
    };
    if rel.split('/').rev().skip(1).any(str::is_empty) {
        // `//x` or `a//b`: no file of ours has an empty segment.
        return Resolved::NotFound;
    }
    let key = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    };
    if files.contains_key(&key) {
        return Resolved::File(key);
    }
    if files.contains_key(&format!("{key}/index.html")) {
        return Resolved::Redirect(format!("{raw}/"));
    }
    Resolved::NotFound
}

/// Answers every request.
pub async fn handle(State(shared): State<Arc<Shared>>, req: Request) -> Response {
    if !shared.host_allowed(req.headers()) {
        return plain(
            StatusCode::FORBIDDEN,
            "This preview only answers requests for its own address.\n",
        );
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return plain(StatusCode::METHOD_NOT_ALLOWED, "Only GET and HEAD.\n");
    }
    let path = req.uri().path();
    if path == EVENTS_PATH {
        return events(&shared, req.headers());
    }
    let state = shared.snapshot();
    if state.files.is_empty() {
        // No good build yet: every page says so (with the errors, if the build failed), and
        // reloads once the site is ready.
        let page = if state.errors.is_some() {
            Bytes::from_static(b"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>cvsite: build failed</title></head><body><p>The site has not built yet.</p></body></html>")
        } else {
            Bytes::from_static(b"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>cvsite: building</title></head><body><p>Building the site\xe2\x80\xa6 this page reloads when it is ready.</p></body></html>")
        };
        return html(StatusCode::SERVICE_UNAVAILABLE, &page, &shared);
    }
    match resolve(path, &state.base, &state.files) {
        Resolved::File(key) => file(StatusCode::OK, &key, &state.files[&key], &shared),
        Resolved::Redirect(to) => Response::builder()
            .status(StatusCode::MOVED_PERMANENTLY)
            .header(header::LOCATION, to)
            .header(header::CACHE_CONTROL, "no-cache")
            .body(Body::empty())
            .expect("valid response"),
        Resolved::BadRequest => plain(StatusCode::BAD_REQUEST, "Bad request path.\n"),
        Resolved::NotFound => match state.files.get(&Route::NotFound.output()) {
            Some(page) => html(StatusCode::NOT_FOUND, page, &shared),
            None => plain(StatusCode::NOT_FOUND, "Not found.\n"),
        },
    }
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text,
    )
        .into_response()
}

fn file(status: StatusCode, key: &str, bytes: &Bytes, shared: &Shared) -> Response {
    if key.ends_with(".html") {
        return html(status, bytes, shared);
    }
    let mime = mime_guess::from_path(key).first_or_octet_stream();
    let content_type = match mime.type_() {
        mime_guess::mime::TEXT => format!("{mime}; charset=utf-8"),
        _ if mime.subtype() == "xml"
            || mime.subtype() == "javascript"
            || mime.subtype() == "json" =>
        {
            format!("{mime}; charset=utf-8")
        }
        _ => mime.to_string(),
    };
    with_headers(status, &content_type, Body::from(bytes.clone()))
}

/// Serves an HTML page with the live-reload script before `</body>`.
fn html(status: StatusCode, page: &Bytes, shared: &Shared) -> Response {
    let script = shared.script();
    let text = String::from_utf8_lossy(page);
    let body = match text.rfind("</body>") {
        Some(at) => format!("{}{script}{}", &text[..at], &text[at..]),
        None => format!("{text}{script}"),
    };
    with_headers(status, "text/html; charset=utf-8", Body::from(body))
}

fn with_headers(status: StatusCode, content_type: &str, body: Body) -> Response {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::CACHE_CONTROL, "no-cache")
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
        .body(body)
        .expect("valid response")
}

/// The event stream: `hello` with the current state, then `reload` and `errors` as they come.
/// No CORS headers, and a foreign `Origin` is refused, so no other site can listen in.
fn events(shared: &Arc<Shared>, headers: &HeaderMap) -> Response {
    if let Some(origin) = headers.get(header::ORIGIN)
        && !shared.origin_allowed(origin)
    {
        return plain(
            StatusCode::FORBIDDEN,
            "Cross-origin requests are refused.\n",
        );
    }
    let hello = Event::default()
        .event("hello")
        .retry(Duration::from_millis(500))
        .data(shared.hello_json());
    let updates = BroadcastStream::new(shared.events.subscribe()).filter_map(|msg| match msg {
        Ok(Live::Reload(build)) => Some(Event::default().event("reload").data(build)),
        Ok(Live::Errors(json)) => Some(Event::default().event("errors").data(json)),
        Err(_) => None,
    });
    let stream = tokio_stream::once(hello)
        .chain(updates)
        .map(Ok::<_, Infallible>);
    let mut response = Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> HashMap<String, Bytes> {
        [
            "index.html",
            "cv/index.html",
            "css/style.css",
            "404.html",
            "a b.txt",
        ]
        .into_iter()
        .map(|k| (k.to_string(), Bytes::from_static(b"x")))
        .collect()
    }

    #[test]
    fn maps_paths_to_files() {
        let f = site();
        assert_eq!(resolve("/", "/", &f), Resolved::File("index.html".into()));
        assert_eq!(
            resolve("/cv/", "/", &f),
            Resolved::File("cv/index.html".into())
        );
        assert_eq!(resolve("/cv", "/", &f), Resolved::Redirect("/cv/".into()));
        assert_eq!(
            resolve("/css/style.css", "/", &f),
            Resolved::File("css/style.css".into())
        );
        assert_eq!(
            resolve("/a%20b.txt", "/", &f),
            Resolved::File("a b.txt".into())
        );
        assert_eq!(resolve("/nope", "/", &f), Resolved::NotFound);
    }

    #[test]
    fn honours_the_base_path() {
        let f = site();
        assert_eq!(
            resolve("/repo/cv/", "/repo/", &f),
            Resolved::File("cv/index.html".into())
        );
        assert_eq!(
            resolve("/repo", "/repo/", &f),
            Resolved::Redirect("/repo/".into())
        );
        assert_eq!(
            resolve("/", "/repo/", &f),
            Resolved::Redirect("/repo/".into())
        );
        assert_eq!(resolve("/cv/", "/repo/", &f), Resolved::NotFound);
    }

    #[test]
    fn refuses_odd_paths() {
        let f = site();
        for bad in [
            "/../etc/passwd",
            "/cv/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/..%2f..%2fetc/passwd",
            "/.%2e/x",
            "/cv\\..\\x",
            "/%5c..%5cx",
            "/x%00.html",
            "/%ff",
            "/./index.html",
        ] {
            assert_eq!(resolve(bad, "/", &f), Resolved::BadRequest, "{bad}");
        }
        for missing in ["//etc/passwd", "/cv//index.html", "/etc/passwd"] {
            assert_eq!(resolve(missing, "/", &f), Resolved::NotFound, "{missing}");
        }
    }
}
