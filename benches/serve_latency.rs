//! How long from saving a file to the browser being told to reload, with `cvsite serve` on the
//! example site: 20 edits, median and worst. Run with `cargo bench --bench serve_latency`; with
//! `SERVE_SITE=DIR` it serves a copy of that site instead (e.g. one of benches/synth/generate.py:
//! `python3 benches/synth/generate.py 1000 /tmp/s1k && SERVE_SITE=/tmp/s1k/cvsite cargo bench
//! --bench serve_latency`).

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use common::{Server, Site};

fn main() {
    let (site, what) = match std::env::var_os("SERVE_SITE") {
        Some(dir) => (
            Site::copy_of(std::path::Path::new(&dir)),
            std::path::PathBuf::from(dir).display().to_string(),
        ),
        None => (Site::example(), "the example site".to_string()),
    };
    let server = Server::start(site.root(), &["--quiet"]);
    let mut events = server.events(None);
    events.expect("hello", Duration::from_secs(10));
    let original = site.read("content/skills.yaml");
    let mut times = Vec::new();
    for i in 0..20 {
        // Let the watcher settle, as between two saves by a person.
        std::thread::sleep(Duration::from_millis(150));
        let text = format!("{original}Edit: [number {i}]\n");
        let saved = Instant::now();
        std::fs::write(site.path("content/skills.yaml"), text).unwrap();
        events.expect("reload", Duration::from_secs(10));
        times.push(saved.elapsed());
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "save → reload event, 20 edits of {what}: median {:.1} ms, worst {:.1} ms, best {:.1} ms",
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1]),
        ms(times[0])
    );
}
