//! How long from saving a file to the browser being told to reload, with `cvsite serve` on the
//! example site: 20 edits, median and worst. Run with `cargo bench --bench serve_latency`.

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use common::{Server, Site};

fn main() {
    let site = Site::example();
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
        "save → reload event, 20 edits of the example site: median {:.1} ms, worst {:.1} ms, best {:.1} ms",
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1]),
        ms(times[0])
    );
}
